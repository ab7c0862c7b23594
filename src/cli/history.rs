//! `rapport history` (not yet built).

/// Arguments of `rapport history`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `rapport history`.
pub fn run(_args: Args) -> anyhow::Result<std::process::ExitCode> {
    anyhow::bail!("`rapport history` is not built yet")
}
