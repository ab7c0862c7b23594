//! Every diagnostic has a fixture in tests/fixtures/diagnostics whose first line says what must be reported:
//! `// expect: SEVERITY CODE LINE:COLUMN MESSAGE-FRAGMENT`.

use rapport::scenario::{Severity, load_file};
use std::path::PathBuf;

fn fixtures() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/diagnostics");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    v.sort();
    v
}

#[test]
fn the_valid_fixture_is_clean() {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/diagnostics/valid.ron");
    let r = load_file(&p);
    assert!(r.diagnostics.is_empty(), "{:#?}", r.diagnostics);
    assert!(r.scenario.is_some());
}

#[test]
fn every_fixture_reports_its_diagnostic_at_the_exact_token() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for path in fixtures() {
        let src = std::fs::read_to_string(&path).unwrap();
        let Some(spec) = src
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("// expect: "))
        else {
            continue;
        };
        let mut parts = spec.splitn(4, ' ');
        let sev = match parts.next().unwrap() {
            "error" => Severity::Error,
            _ => Severity::Warning,
        };
        let code = parts.next().unwrap();
        let (line, col) = parts.next().unwrap().split_once(':').unwrap();
        let (line, col): (usize, usize) = (line.parse().unwrap(), col.parse().unwrap());
        let fragment = parts.next().unwrap_or("").trim();
        checked += 1;
        let r = load_file(&path);
        let found = r
            .diagnostics
            .iter()
            .find(|d| d.code == code && d.severity == sev);
        match found {
            None => failures.push(format!(
                "{}: expected {code} at {line}:{col}; got:\n{}",
                path.display(),
                r.diagnostics
                    .iter()
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
                    .join("\n")
            )),
            Some(d) => {
                let text = format!("{} {}", d.message, d.hint.clone().unwrap_or_default());
                if (d.line, d.column) != (line, col) || !text.contains(fragment) {
                    failures.push(format!("{}:\n  expected {code} at {line}:{col} mentioning {fragment:?}\n  actual   {} at {}:{} — {text}\n{d}", path.display(), d.code, d.line, d.column));
                }
                if sev == Severity::Error {
                    assert!(
                        r.scenario.is_none(),
                        "{}: an error must stop the scenario loading",
                        path.display()
                    );
                }
            }
        }
    }
    assert!(checked >= 25, "only {checked} fixtures");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn all_semantic_problems_are_reported_not_just_the_first() {
    let src = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/diagnostics/valid.ron"),
    )
    .unwrap();
    let broken = src
        .replace("to: \"talk\"", "to: \"tallk\"")
        .replace(
            "speaker: \"kim\",\n            lines: [\"Sure.",
            "speaker: \"kym\",\n            lines: [\"Sure.",
        )
        .replace("Meter(\"trust\", -2)", "Meter(\"trsut\", -2)");
    let r = rapport::scenario::load_str(&broken, std::path::Path::new("many.ron"));
    let codes: Vec<&str> = r.diagnostics.iter().map(|d| d.code).collect();
    for c in ["unknown-target", "unknown-speaker", "unknown-meter"] {
        assert!(codes.contains(&c), "{c} missing from {codes:?}");
    }
}
