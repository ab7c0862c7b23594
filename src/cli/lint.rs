//! `rapport lint`: checks scenario files and their test plans and prints every diagnostic (exit 1 on errors, or on warnings with `--deny-warnings`).

use crate::dialogue::plan::scenario_path_for;
use crate::scenario::load::discover_plans;
use crate::scenario::plan_lint::{PlanTarget, lint_plan};
use crate::scenario::{Diagnostic, Scenario, load_file};
use std::collections::HashMap;
use std::io::Write;
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
    /// Files or folders (default: the scenarios folder). Test plans (`NAME.test.ron`) are checked
    /// against their scenario `NAME.ron`.
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    /// Exit with status 1 on warnings too (for CI).
    #[arg(long)]
    pub deny_warnings: bool,
}

/// Lints the files and returns all diagnostics with the number of files checked.
pub fn lint(paths: &[PathBuf]) -> (Vec<Diagnostic>, usize) {
    let paths = super::default_scenario_paths(paths);
    let files = crate::scenario::discover(&paths);
    // Plans found in folders, and the plan beside each scenario file named on its own.
    let mut plans = discover_plans(&paths);
    for f in &files {
        let beside = f.with_extension("test.ron");
        if beside.is_file() && !plans.contains(&beside) {
            plans.push(beside);
        }
    }
    let mut all = Vec::new();
    let mut loaded: HashMap<PathBuf, Option<Scenario>> = HashMap::new();
    for f in &files {
        let r = load_file(f);
        all.extend(r.diagnostics);
        loaded.insert(f.clone(), r.scenario);
    }
    for p in &plans {
        let sp = scenario_path_for(p);
        let entry = loaded
            .entry(sp.clone())
            .or_insert_with(|| sp.exists().then(|| load_file(&sp).scenario).flatten());
        let target = match entry {
            Some(s) => PlanTarget::Loaded(s),
            None if sp.exists() => PlanTarget::Broken(&sp),
            None => PlanTarget::Missing(&sp),
        };
        all.extend(lint_plan(p, target));
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
    let code = if errors > 0 || (args.deny_warnings && warnings > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    Ok(super::output::quiet_on_broken_pipe(
        print(&args, &diags, n, errors, warnings),
        code,
    )?)
}

fn print(
    args: &Args,
    diags: &[Diagnostic],
    n: usize,
    errors: usize,
    warnings: usize,
) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, diags).map_err(std::io::Error::from)?;
            writeln!(out)?;
        }
        Format::Text => {
            for d in diags {
                writeln!(out, "{d}\n")?;
            }
            let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
            writeln!(
                out,
                "{}: {}, {}{}",
                plural(n, "file"),
                plural(errors, "error"),
                plural(warnings, "warning"),
                if args.deny_warnings && warnings > 0 && errors == 0 {
                    " (warnings denied)"
                } else {
                    ""
                }
            )?;
        }
    }
    out.flush()
}
