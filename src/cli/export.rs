//! `rapport export` (not yet built).

/// Arguments of `rapport export`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `rapport export`.
pub fn run(_args: Args) -> anyhow::Result<std::process::ExitCode> {
    anyhow::bail!("`rapport export` is not built yet")
}
