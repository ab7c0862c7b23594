//! `rapport score` (not yet built).

/// Arguments of `rapport score`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `rapport score`.
pub fn run(_args: Args) -> anyhow::Result<std::process::ExitCode> {
    anyhow::bail!("`rapport score` is not built yet")
}
