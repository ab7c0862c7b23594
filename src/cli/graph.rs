//! `rapport graph`: prints a scenario's graph as Graphviz dot or Mermaid.

use crate::scenario::graph::{GraphFormat, render};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `rapport graph`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The scenario file.
    pub file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "dot")]
    pub format: GraphFormat,
}

/// Runs `rapport graph`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let s = super::load_or_report(&args.file)?;
    print!("{}", render(&s, args.format));
    Ok(ExitCode::SUCCESS)
}
