//! `rapport test`: runs every test plan beside the scenarios and reports the step where a run diverged.

use crate::dialogue::plan::{check_run_mode, load_plan, scenario_path_for};
use crate::scenario::load::discover_plans;
use crate::scenario::load_file;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

/// Arguments of `rapport test`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Plan files, scenario files or folders (default: the scenarios folder).
    pub paths: Vec<PathBuf>,
    /// Print every reply of every run with its codes and the route that fired.
    #[arg(long, short)]
    pub verbose: bool,
}

/// Runs `rapport test`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let paths = super::default_scenario_paths(&args.paths);
    let mut plans = discover_plans(&paths);
    // A scenario file given directly stands for its plan.
    for p in &paths {
        let name = p.to_string_lossy();
        if p.is_file() && name.ends_with(".ron") && !name.ends_with(".test.ron") {
            plans.push(p.with_extension("test.ron"));
        }
    }
    plans.sort();
    plans.dedup();
    let (mut passed, mut failed) = (0, 0);
    for plan_path in &plans {
        let plan = match load_plan(plan_path) {
            Ok(p) => p,
            Err(d) => {
                println!("{d}\n");
                failed += 1;
                continue;
            }
        };
        let sp = scenario_path_for(plan_path);
        let loaded = load_file(&sp);
        let Some(s) = loaded.scenario else {
            println!(
                "FAIL {}: its scenario {} does not load",
                plan_path.display(),
                sp.display()
            );
            for d in loaded.diagnostics.iter().filter(|d| d.is_error()) {
                println!("{d}\n");
            }
            failed += plan.runs.len().max(1);
            continue;
        };
        let s = Arc::new(s);
        for run in &plan.runs {
            let r = check_run_mode(s.clone(), plan.seed, plan.mode, run);
            match &r.failure {
                None => {
                    passed += 1;
                    println!("ok   {} :: {}", plan_path.display(), r.name);
                }
                Some(f) => {
                    failed += 1;
                    println!("FAIL {} :: {}\n     {f}", plan_path.display(), r.name);
                }
            }
            if args.verbose {
                for t in &r.trace {
                    println!("       {t}");
                }
            }
        }
    }
    println!("\n{passed} passed, {failed} failed");
    Ok(if failed > 0 || passed == 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
