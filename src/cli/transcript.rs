//! `rapport transcript` (not yet built).

/// Arguments of `rapport transcript`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `rapport transcript`.
pub fn run(_args: Args) -> anyhow::Result<std::process::ExitCode> {
    anyhow::bail!("`rapport transcript` is not built yet")
}
