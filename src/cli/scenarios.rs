//! Finding and loading scenarios for a subcommand: the default folders, and loading with diagnostics printed.

use std::path::PathBuf;

/// The scenario folders to use when none are given: the bundled folder if present, else `./scenarios`.
pub fn default_scenario_paths(paths: &[PathBuf]) -> Vec<PathBuf> {
    if !paths.is_empty() {
        return paths.to_vec();
    }
    let bundled = PathBuf::from(crate::BUNDLED_SCENARIOS);
    if PathBuf::from("scenarios").is_dir() {
        vec![PathBuf::from("scenarios")]
    } else {
        vec![bundled]
    }
}

/// Loads a scenario for a subcommand, printing its diagnostics; an error when it does not load.
pub fn load_or_report(path: &std::path::Path) -> anyhow::Result<crate::scenario::Scenario> {
    let r = crate::scenario::load_file(path);
    for d in &r.diagnostics {
        eprintln!("{d}\n");
    }
    r.scenario.ok_or_else(|| {
        anyhow::anyhow!(
            "{} has errors; fix them first (`rapport lint`)",
            path.display()
        )
    })
}
