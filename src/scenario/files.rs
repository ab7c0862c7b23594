//! Finding files: scenario files and their test plans under files and folders given on the command line.

use std::path::{Path, PathBuf};

/// Scenario files under the given paths (files as given, folders searched recursively), test plans excluded, sorted.
pub fn discover(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        walk(p, &mut out, true);
    }
    out.sort();
    out.dedup();
    out
}

/// Test plan files (`*.test.ron`) under the given paths, sorted.
pub fn discover_plans(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        walk(p, &mut out, false);
    }
    out.sort();
    out.dedup();
    out
}

fn walk(p: &Path, out: &mut Vec<PathBuf>, scenarios: bool) {
    if p.is_dir() {
        if let Ok(rd) = std::fs::read_dir(p) {
            for e in rd.flatten() {
                walk(&e.path(), out, scenarios);
            }
        }
    } else {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let is_plan = name.ends_with(".test.ron");
        if name.ends_with(".ron") && is_plan != scenarios {
            out.push(p.to_path_buf());
        }
    }
}
