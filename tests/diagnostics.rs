//! Every diagnostic has a fixture in tests/fixtures/diagnostics whose first lines say what must be reported:
//! `// expect: SEVERITY CODE LINE:COLUMN MESSAGE-FRAGMENT` and optionally `// hint: HINT-FRAGMENT`
//! (a binary fixture keeps them in `NAME.ron.expect`). Plans under `plans/` are checked against `valid.ron`.

use rapport::scenario::plan_lint::{PlanTarget, lint_plan};
use rapport::scenario::{DiagCode, Diagnostic, Severity, load_file, load_str};
use std::path::{Path, PathBuf};
use std::time::Instant;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/diagnostics")
}

fn files_in(d: &Path, suffix: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.to_string_lossy().ends_with(suffix))
        .collect();
    v.sort();
    v
}

struct Expect {
    severity: Severity,
    code: String,
    line: usize,
    column: usize,
    message: String,
    hint: Option<String>,
}

/// The expectation of a fixture: its first lines, or its `.expect` sidecar.
fn expectation(path: &Path) -> Option<Expect> {
    let sidecar = PathBuf::from(format!("{}.expect", path.display()));
    let bytes = std::fs::read(if sidecar.exists() { &sidecar } else { path }).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    let text = text.trim_start_matches('\u{feff}');
    let mut lines = text.lines();
    let spec = lines.next()?.strip_prefix("// expect: ")?;
    let hint = lines
        .next()
        .and_then(|l| l.strip_prefix("// hint:"))
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty());
    let mut parts = spec.splitn(4, ' ');
    let severity = match parts.next().unwrap() {
        "error" => Severity::Error,
        _ => Severity::Warning,
    };
    let code = parts.next().unwrap().to_string();
    let (line, col) = parts.next().unwrap().split_once(':').unwrap();
    Some(Expect {
        severity,
        code,
        line: line.parse().unwrap(),
        column: col.parse().unwrap(),
        message: parts.next().unwrap_or("").trim().to_string(),
        hint,
    })
}

/// Compares what was reported with the expectation; a failure message when they differ.
fn check(path: &Path, e: &Expect, diags: &[Diagnostic]) -> Option<String> {
    let Some(d) = diags
        .iter()
        .find(|d| d.code == e.code.as_str() && d.severity == e.severity)
    else {
        return Some(format!(
            "{}: expected {} at {}:{}; got:\n{}",
            path.display(),
            e.code,
            e.line,
            e.column,
            diags
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        ));
    };
    let hint = d.hint.clone().unwrap_or_default();
    let mut bad = Vec::new();
    if (d.line, d.column) != (e.line, e.column) {
        bad.push(format!(
            "at {}:{} not {}:{}",
            d.line, d.column, e.line, e.column
        ));
    }
    if !d.message.contains(&e.message) {
        bad.push(format!("message lacks {:?}", e.message));
    }
    if hint.trim().is_empty() {
        bad.push("no hint".into());
    }
    if let Some(h) = &e.hint
        && !hint.contains(h.as_str())
    {
        bad.push(format!("hint lacks {h:?}"));
    }
    let shown = d.to_string();
    if shown.chars().any(|c| c.is_control() && c != '\n') {
        bad.push("control characters reach the terminal".into());
    }
    (!bad.is_empty()).then(|| format!("{}: {}\n{shown}", path.display(), bad.join("; ")))
}

#[test]
fn the_valid_fixture_is_clean() {
    let r = load_file(&dir().join("valid.ron"));
    assert!(r.diagnostics.is_empty(), "{:#?}", r.diagnostics);
    assert!(r.scenario.is_some());
}

#[test]
fn every_fixture_reports_its_diagnostic_at_the_exact_token() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for path in files_in(&dir(), ".ron") {
        let Some(e) = expectation(&path) else {
            continue;
        };
        checked += 1;
        let r = load_file(&path);
        if let Some(f) = check(&path, &e, &r.diagnostics) {
            failures.push(f);
        }
        if e.severity == Severity::Error && r.scenario.is_some() {
            failures.push(format!(
                "{}: an error must stop the scenario loading",
                path.display()
            ));
        }
    }
    assert!(checked >= 40, "only {checked} fixtures");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_plan_fixture_reports_its_diagnostic() {
    let valid = load_file(&dir().join("valid.ron")).scenario.unwrap();
    let mut failures = Vec::new();
    let mut checked = 0;
    for path in files_in(&dir().join("plans"), ".test.ron") {
        let e = expectation(&path).expect("plan fixtures start with `// expect:`");
        checked += 1;
        let diags = lint_plan(&path, PlanTarget::Loaded(&valid));
        if let Some(f) = check(&path, &e, &diags) {
            failures.push(f);
        }
    }
    assert!(checked >= 5, "only {checked} plan fixtures");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn a_plan_without_its_scenario_is_an_error() {
    let p = dir().join("plans/unknown-node.test.ron");
    let missing = dir().join("plans/unknown-node.ron");
    let d = lint_plan(&p, PlanTarget::Missing(&missing));
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].code, DiagCode::PlanNoScenario);
    assert!(d[0].is_error());
}

#[test]
fn every_code_has_a_fixture() {
    let mut covered: Vec<String> = Vec::new();
    for path in files_in(&dir(), ".ron")
        .into_iter()
        .chain(files_in(&dir().join("plans"), ".test.ron"))
    {
        if let Some(e) = expectation(&path) {
            covered.push(e.code);
        }
    }
    // Codes proven elsewhere: an unreadable file has no contents to be a fixture.
    let elsewhere = [DiagCode::Unreadable, DiagCode::PlanNoScenario];
    let missing: Vec<&str> = DiagCode::ALL
        .iter()
        .filter(|c| !elsewhere.contains(c) && !covered.iter().any(|k| k == c.as_str()))
        .map(|c| c.as_str())
        .collect();
    assert!(missing.is_empty(), "codes with no fixture: {missing:?}");
}

#[test]
fn every_diagnostic_code_has_a_non_empty_hint() {
    for c in DiagCode::ALL {
        assert!(!c.fix().trim().is_empty(), "{c} has no hint");
        let d = Diagnostic::whole_file(*c, "x", Path::new("x.ron"));
        assert!(d.hint.is_some_and(|h| !h.trim().is_empty()), "{c}");
    }
}

#[test]
fn the_docs_table_lists_every_code() {
    let doc = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/scenario-format.md"),
    )
    .unwrap();
    let table = DiagCode::markdown_table();
    let (begin, end) = ("<!-- diagnostics:begin -->\n", "<!-- diagnostics:end -->");
    let a = doc
        .find(begin)
        .expect("docs/scenario-format.md has the table markers")
        + begin.len();
    let b = doc[a..].find(end).unwrap() + a;
    if doc[a..b] != table {
        if std::env::var_os("RAPPORT_UPDATE_DOCS").is_some() {
            let new = format!("{}{table}{}", &doc[..a], &doc[b..]);
            std::fs::write(
                PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/scenario-format.md"),
                new,
            )
            .unwrap();
        } else {
            panic!(
                "docs/scenario-format.md's table of diagnostics is out of date; rerun with RAPPORT_UPDATE_DOCS=1"
            );
        }
    }
}

#[test]
fn all_semantic_problems_are_reported_not_just_the_first() {
    let src = std::fs::read_to_string(dir().join("valid.ron")).unwrap();
    let broken = src
        .replace("to: \"talk\"", "to: \"tallk\"")
        .replace(
            "speaker: \"kim\",\n            lines: [\"Sure.",
            "speaker: \"kym\",\n            lines: [\"Sure.",
        )
        .replace("Meter(\"trust\", -2)", "Meter(\"trsut\", -2)");
    let r = load_str(&broken, Path::new("many.ron"));
    let codes: Vec<&str> = r.diagnostics.iter().map(|d| d.code.as_str()).collect();
    for c in ["unknown-target", "unknown-speaker", "unknown-meter"] {
        assert!(codes.contains(&c), "{c} missing from {codes:?}");
    }
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let src = std::fs::read(dir().join("valid.ron")).unwrap();
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(&src);
    let r = rapport::scenario::load_bytes(&bom, Path::new("bom.ron"));
    assert!(r.diagnostics.is_empty(), "{:#?}", r.diagnostics);
    let text = String::from_utf8(bom).unwrap();
    assert!(load_str(&text, Path::new("bom.ron")).diagnostics.is_empty());
}

/// `copies` copies of the same node appended to the valid fixture: every copy a duplicate id.
fn repeated(copies: usize) -> String {
    let src = std::fs::read_to_string(dir().join("valid.ron")).unwrap();
    let node = "        Node(id: \"bye\", speaker: \"kim\", lines: [\"Right.\"], then: Ending(kind: Hard, title: \"No deal\", debrief: \"Try an I-statement.\")),\n";
    let mut out = String::with_capacity(src.len() + node.len() * copies);
    let at = src.rfind("    ],\n)").unwrap();
    out.push_str(&src[..at]);
    for _ in 0..copies {
        out.push_str(node);
    }
    out.push_str(&src[at..]);
    out
}

#[test]
fn repeated_diagnostics_are_capped_with_a_count() {
    let r = load_str(&repeated(100), Path::new("many.ron"));
    let dups: Vec<&Diagnostic> = r
        .diagnostics
        .iter()
        .filter(|d| d.code == DiagCode::DuplicateId)
        .collect();
    assert_eq!(dups.len(), 21, "20 shown and one summary");
    assert_eq!(dups[20].message, "… and 80 more duplicate ids");
    assert!(dups[20].hint.as_deref().is_some_and(|h| !h.is_empty()));
}

/// The trap: one node repeated ~38,000 times (about 20 MB with a long line each). Under
/// 2 s in release (`cargo test --release --test diagnostics -- huge --nocapture` prints the time);
/// a debug build checks a tenth of it against a looser bound, to catch anything quadratic.
#[test]
fn a_huge_file_of_one_repeated_node_is_linted_quickly() {
    let release = !cfg!(debug_assertions);
    let copies = if release { 38_560 } else { 3_856 };
    let filler = "x".repeat(400);
    let mut src = repeated(copies);
    src = src.replace("[\"Right.\"]", &format!("[\"Right. {filler}\"]"));
    let t = Instant::now();
    let r = load_str(&src, Path::new("huge.ron"));
    let took = t.elapsed();
    println!(
        "{} copies, {:.1} MB: {:.2} s, {} diagnostics",
        copies,
        src.len() as f64 / 1e6,
        took.as_secs_f64(),
        r.diagnostics.len()
    );
    let last = r
        .diagnostics
        .iter()
        .rfind(|d| d.code == DiagCode::DuplicateId)
        .unwrap();
    assert!(last.message.starts_with("… and "), "{}", last.message);
    assert!(r.diagnostics.len() < 100);
    let limit = if release { 2.0 } else { 20.0 };
    assert!(took.as_secs_f64() < limit, "took {took:?}");
}
