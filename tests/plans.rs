//! Golden tests: every scenario's test plan, played with the real scorer. A change of scoring that
//! changes routing fails here, naming the step, the route taken and how the reply was scored.

use rapport::dialogue::plan::{check_run_mode, load_plan, scenario_path_for};
use rapport::scenario::load::discover_plans;
use rapport::scenario::load_file;
use std::path::PathBuf;
use std::sync::Arc;

#[test]
fn every_shipped_test_plan_passes() {
    let plans = discover_plans(&[PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenarios")]);
    assert!(
        plans.len() >= 16,
        "expected a plan per scenario, found {}",
        plans.len()
    );
    let mut failures = Vec::new();
    let mut runs = 0;
    for p in &plans {
        let plan = load_plan(p).unwrap_or_else(|d| panic!("{d}"));
        let s = Arc::new(
            load_file(&scenario_path_for(p))
                .scenario
                .unwrap_or_else(|| panic!("{} does not load", p.display())),
        );
        assert!(
            plan.runs.len() >= 3,
            "{}: a good, a poor and a typed run at least",
            p.display()
        );
        for run in &plan.runs {
            runs += 1;
            let r = check_run_mode(s.clone(), plan.seed, plan.mode, run);
            if let Some(f) = r.failure {
                failures.push(format!("{} :: {}\n    {f}", p.display(), run.name));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {runs} runs failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn a_plan_saved_with_a_byte_order_mark_loads() {
    let src =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenarios/grief/ammis-kitchen.test.ron");
    let text = std::fs::read_to_string(&src).expect("shipped plan");
    let dir = tempfile::tempdir().unwrap();
    let with_bom = dir.path().join("ammis-kitchen.test.ron");
    std::fs::write(&with_bom, format!("\u{feff}{text}")).unwrap();
    let plain = load_plan(&src).unwrap_or_else(|d| panic!("{d}"));
    let bom = load_plan(&with_bom).unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(bom.runs.len(), plain.runs.len());
    assert_eq!(bom.seed, plain.seed);
}
