//! The desktop app (Bevy + egui): screens that present what the runner says and send input back. All logic stays in the core.
//!
//! `run` only assembles plugins: one per file, each `pub(super) fn plugin(app: &mut App)`.
//! The app owns its launch options ([`Options`]); they and `run` exist without the `gui` feature too,
//! so the command line calls into the app one way and never the reverse.

#[cfg(feature = "gui")]
pub mod assets;
#[cfg(feature = "gui")]
pub mod autoplay;
#[cfg(feature = "gui")]
pub mod egui_modifiers;
#[cfg(feature = "gui")]
pub mod flow;
#[cfg(feature = "gui")]
pub mod idle;
mod options;
#[cfg(feature = "gui")]
pub mod records;
#[cfg(feature = "gui")]
pub mod screens;
#[cfg(feature = "gui")]
pub mod settings;
#[cfg(feature = "gui")]
pub mod ui;
#[cfg(feature = "gui")]
mod window;

pub use options::Options;
#[cfg(feature = "gui")]
pub use window::{UiSet, plugin, run, scenario_dirs};

#[cfg(not(feature = "gui"))]
use std::process::ExitCode;

/// Without the `gui` feature there is no app: says how to get one, exit status 2.
#[cfg(not(feature = "gui"))]
pub fn run(_options: Options) -> anyhow::Result<ExitCode> {
    eprintln!(
        "this rapport was built without the app (feature `gui`).\n\
         Build it with `cargo run --release` (the default features), or use a subcommand: `rapport --help`."
    );
    Ok(ExitCode::from(2))
}
