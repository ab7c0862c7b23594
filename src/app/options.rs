//! The app's launch options (no subcommand): parsed by the command line, owned here.

use std::path::PathBuf;

/// Options for the desktop app (no subcommand).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct Options {
    /// Extra folder of scenarios (may be given more than once).
    #[arg(long = "scenarios", value_name = "DIR")]
    pub scenarios: Vec<PathBuf>,
    /// Play a test plan's run through the real UI (for CI and authors).
    #[arg(long, value_name = "FILE.test.ron")]
    pub autoplay: Option<PathBuf>,
    /// Which run of the plan to play (the first by default).
    #[arg(long, requires = "autoplay")]
    pub run: Option<String>,
    /// Seed for the autoplayed run (default: the plan's).
    #[arg(long, requires = "autoplay")]
    pub seed: Option<u64>,
    /// Mode for the autoplayed run, practice or challenge (default: the plan's).
    #[arg(long, requires = "autoplay")]
    pub mode: Option<crate::dialogue::Mode>,
    /// Save a screenshot at the ending.
    #[arg(long, value_name = "OUT.png")]
    pub screenshot: Option<PathBuf>,
    /// Exit when the autoplayed run ends (status 1 if it did not reach the expected ending).
    #[arg(long)]
    pub exit: bool,
    /// Keep no records for this run (nothing written to the database).
    #[arg(long)]
    pub no_records: bool,
}
