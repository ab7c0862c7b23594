//! `rapport lint` as the real binary: a closed pipe, `--deny-warnings`, JSON shape, plans beside scenarios, `rapport graph`.

use std::io::Read;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn rapport(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env(
            "RAPPORT_DATA_DIR",
            std::env::temp_dir().join("rapport-lint-cli-tests"),
        )
        .output()
        .unwrap()
}

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/diagnostics")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// `rapport lint … | head -1`: the reader closes the pipe after one line; lint must not panic.
#[test]
fn lint_into_a_closed_pipe_ends_quietly_with_its_usual_status() {
    // Many diagnostics, so the output is far larger than a pipe buffer.
    let dir = std::env::temp_dir().join(format!("rapport-pipe-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let valid = std::fs::read_to_string(fixture("valid.ron")).unwrap();
    let dup = "        Node(id: \"bye\", speaker: \"kim\", lines: [\"Right.\"], then: Ending(kind: Hard, title: \"No deal\", debrief: \"Try an I-statement.\")),\n";
    for i in 0..60 {
        let at = valid.rfind("    ],\n)").unwrap();
        let body = format!("{}{}{}", &valid[..at], dup.repeat(30), &valid[at..]);
        std::fs::write(dir.join(format!("s{i:02}.ron")), body).unwrap();
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args(["lint", dir.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = child.stdout.take().unwrap();
    let mut first = [0u8; 64];
    let n = out.read(&mut first).unwrap();
    assert!(n > 0);
    drop(out); // the reader goes away, as `head -1` does
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    std::fs::remove_dir_all(&dir).ok();
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(
        status.code(),
        Some(1),
        "the usual status (errors found): {err}"
    );
}

#[test]
fn deny_warnings_turns_warnings_into_a_failure() {
    let f = fixture("unreachable.ron");
    let o = rapport(&["lint", &f]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let o = rapport(&["lint", "--deny-warnings", &f]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("warnings denied"), "{}", text(&o));
}

#[test]
fn json_keeps_its_shape_with_a_hint_on_every_diagnostic() {
    let o = rapport(&[
        "lint",
        "--format",
        "json",
        &fixture("unknown-field-part.ron"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), 1);
    let d = &list[0];
    for k in [
        "severity",
        "code",
        "message",
        "file",
        "line",
        "column",
        "width",
        "source_line",
        "hint",
    ] {
        assert!(d.get(k).is_some(), "{k} missing from {d}");
    }
    assert_eq!(d["code"], "unknown-field");
    assert_eq!(d["hint"], "did you mean `meters`?");
}

#[test]
fn a_plan_naming_a_missing_node_fails_lint() {
    let dir = std::env::temp_dir().join(format!("rapport-plan-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(fixture("valid.ron"), dir.join("kim.ron")).unwrap();
    std::fs::copy(
        fixture("plans/unknown-node.test.ron"),
        dir.join("kim.test.ron"),
    )
    .unwrap();
    // Linting the folder, and linting the scenario file alone, both check the plan beside it.
    for target in [dir.clone(), dir.join("kim.ron")] {
        let o = rapport(&["lint", target.to_str().unwrap()]);
        let t = text(&o);
        assert_eq!(o.status.code(), Some(1), "{t}");
        assert!(t.contains("error[plan-unknown-node]"), "{t}");
        assert!(t.contains("kim.test.ron:8:29"), "{t}");
        assert!(t.contains("did you mean `talk`?"), "{t}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_shipped_scenarios_and_plans_lint_without_errors() {
    let o = rapport(&["lint", "scenarios"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
}

#[test]
fn graph_names_ending_kinds_and_numbers_routes() {
    let o = rapport(&["graph", "scenarios/role-disputes/dishes-again.ron"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let dot = String::from_utf8_lossy(&o.stdout);
    assert!(dot.contains("GOOD ENDING"), "{dot}");
    assert!(dot.contains("HARD ENDING"), "{dot}");
    assert!(dot.contains("R1: "), "{dot}");
    assert!(dot.contains("⇒ "), "{dot}");
    let o = rapport(&[
        "graph",
        "--format",
        "mermaid",
        "scenarios/role-disputes/dishes-again.ron",
    ]);
    let mm = String::from_utf8_lossy(&o.stdout);
    assert!(mm.starts_with("flowchart TD"), "{mm}");
    assert!(!mm.contains("((\""), "endings are not circles: {mm}");
}
