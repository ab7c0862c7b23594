//! Shared test helpers: a small deterministic scorer and the shipped scenarios.
#![allow(dead_code)] // each test file uses a different part

use rapport::scenario::{Scenario, discover, load_file, load_str};
use rapport::scoring::{Analysis, Code, Reply, Scorer, Scores};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A deterministic scorer for tests: a few keyword cues, scores from the text's length.
pub struct TestScorer;

impl Scorer for TestScorer {
    fn analyse(&self, reply: Reply<'_>) -> Analysis {
        let t = reply.text.to_lowercase();
        let mut codes: Vec<Code> = reply
            .tags
            .iter()
            .copied()
            .filter(|c| !c.is_group())
            .collect();
        if t.ends_with('?') {
            codes.push(if t.starts_with("what") || t.starts_with("how") {
                Code::OpenQuestion
            } else {
                Code::ClosedQuestion
            });
        }
        if t.contains("sounds like") {
            codes.push(Code::ComplexReflection);
        }
        if t.contains("you never") || t.contains("you always") {
            codes.push(Code::Criticism);
        }
        codes.sort();
        codes.dedup();
        let n = (t.len() % 101) as u8;
        Analysis {
            codes,
            scores: Scores {
                assertiveness: n,
                active_listening: 100 - n,
                conflict_resolution: n / 2,
            },
            ..Analysis::default()
        }
    }
}

/// Every shipped scenario file.
pub fn shipped_files() -> Vec<PathBuf> {
    discover(&[PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenarios")])
}

/// Every shipped scenario that loads.
pub fn shipped() -> Vec<Arc<Scenario>> {
    shipped_files()
        .iter()
        .filter_map(|p| load_file(p).scenario)
        .map(Arc::new)
        .collect()
}

/// A scenario written inline in a test; panics with the load errors when it does not load.
pub fn scenario_from(src: &str) -> Arc<Scenario> {
    let r = load_str(src, Path::new("inline.ron"));
    let errors: Vec<String> = r
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    Arc::new(
        r.scenario
            .unwrap_or_else(|| panic!("test scenario loads: {errors:?}")),
    )
}
