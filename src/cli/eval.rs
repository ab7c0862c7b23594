//! `rapport eval` (not yet built).

/// Arguments of `rapport eval`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `rapport eval`.
pub fn run(_args: Args) -> anyhow::Result<std::process::ExitCode> {
    anyhow::bail!("`rapport eval` is not built yet")
}
