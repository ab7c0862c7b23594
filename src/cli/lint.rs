//! `rapport lint`: checks scenario files and test plans and prints every diagnostic (exit 1 on errors).

use crate::dialogue::plan::load_plan;
use crate::scenario::{Diagnostic, load::discover_plans, load_file};
use std::path::PathBuf;
use std::process::ExitCode;

/// Output format of diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum Format {
    /// rustc-style, for people.
    #[default]
    Text,
    /// One JSON array of diagnostics, for tools.
    Json,
}

/// Arguments of `rapport lint`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or folders (default: the scenarios folder).
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// Lints the files and returns all diagnostics with the number of files checked.
pub fn lint(paths: &[PathBuf]) -> (Vec<Diagnostic>, usize) {
    let paths = super::default_scenario_paths(paths);
    let files = crate::scenario::discover(&paths);
    let plans = discover_plans(&paths);
    let mut all = Vec::new();
    for f in &files {
        all.extend(load_file(f).diagnostics);
    }
    for p in &plans {
        if let Err(d) = load_plan(p) {
            all.push(*d);
        }
    }
    (all, files.len() + plans.len())
}

/// Runs `rapport lint`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    for p in &args.paths {
        if !p.exists() {
            anyhow::bail!("{} does not exist", p.display());
        }
    }
    let (diags, n) = lint(&args.paths);
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    match args.format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&diags)?),
        Format::Text => {
            for d in &diags {
                println!("{d}\n");
            }
            let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
            println!(
                "{}: {}, {}",
                plural(n, "file"),
                plural(errors, "error"),
                plural(warnings, "warning")
            );
        }
    }
    Ok(if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
