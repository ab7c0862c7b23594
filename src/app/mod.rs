//! The desktop app (Bevy + egui): screens that present what the runner says and send input back.

use crate::cli::AppArgs;
use std::process::ExitCode;

/// Opens the app.
pub fn run(_args: AppArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("the app is not built yet")
}
