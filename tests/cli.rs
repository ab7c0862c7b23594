//! The command line, run as the real binary on files in a temp dir.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn rapport(args: &[&str], stdin: Option<&str>) -> Output {
    use std::io::Write;
    let mut c = Command::new(env!("CARGO_BIN_EXE_rapport"));
    c.args(args).current_dir(env!("CARGO_MANIFEST_DIR")).env(
        "RAPPORT_DATA_DIR",
        std::env::temp_dir().join("rapport-cli-tests"),
    );
    c.stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = c.spawn().unwrap();
    if let Some(s) = stdin {
        child.stdin.take().unwrap().write_all(s.as_bytes()).unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/diagnostics")
        .join(name)
}

const SAMPLE: &str = "scenarios/role-disputes/dishes-again.ron";

#[test]
fn lint_exits_1_on_errors_with_file_line_column_and_caret() {
    let o = rapport(
        &["lint", fixture("unknown-target.ron").to_str().unwrap()],
        None,
    );
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let t = text(&o);
    assert!(
        t.contains("error[unknown-target]: there is no node `tallk`"),
        "{t}"
    );
    assert!(t.contains("unknown-target.ron:27:"), "{t}");
    assert!(t.contains("^^^^^^^"), "{t}");
    assert!(t.contains("hint: did you mean `talk`?"), "{t}");
}

#[test]
fn lint_exits_0_with_only_warnings() {
    let o = rapport(
        &["lint", fixture("unreachable.ron").to_str().unwrap()],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(text(&o).contains("warning[unreachable]"));
}

#[test]
fn lint_json_is_machine_readable() {
    let o = rapport(
        &[
            "lint",
            "--format",
            "json",
            fixture("unknown-variable.ron").to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let d = v
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "unknown-variable")
        .expect("unknown-variable reported");
    assert_eq!(d["severity"], "error");
    assert!(d["line"].as_u64().unwrap() > 1);
    assert!(d["hint"].as_str().unwrap().contains("asked"));
}

#[test]
fn lint_reports_a_truncated_file_with_a_position() {
    let dir = tempfile::tempdir().unwrap();
    let src = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(SAMPLE)).unwrap();
    let p = dir.path().join("cut.ron");
    std::fs::write(&p, &src[..src.len() / 2]).unwrap();
    let o = rapport(&["lint", p.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).contains("cut.ron:"), "{}", text(&o));
}

#[test]
fn bundled_scenarios_lint_clean() {
    let o = rapport(&["lint", "scenarios/"], None);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(text(&o).contains("0 errors, 0 warnings"), "{}", text(&o));
}

#[test]
fn play_reads_inputs_from_a_pipe() {
    let o = rapport(
        &["play", SAMPLE, "--seed", "1"],
        Some(&"2\nok\n".repeat(10)),
    );
    assert!(o.status.success(), "{}", text(&o));
    let t = text(&o);
    // Options are shuffled per seed; a "2" where a reply is expected is refused and an "ok" there is a
    // non-answer (clarify, then fallback, then the walk-away), so they reach some ending, not a fixed one.
    assert!(t.contains(" ending) —"), "{t}");
    assert!(t.contains("Session scores"), "{t}");
}

#[test]
fn a_pick_typed_with_a_full_stop_picks() {
    // A thirty-second play test's "2." was refused as no number; the same run with "2" and with "2."
    // says the same.
    let plain = text(&rapport(&["play", SAMPLE, "--seed", "1"], Some("2\n")));
    let dotted = text(&rapport(&["play", SAMPLE, "--seed", "1"], Some("2.\n")));
    assert!(!dotted.contains("This turn is a choice"), "{dotted}");
    assert_eq!(plain, dotted);
}

#[test]
fn a_trainees_play_ends_with_miti_figures_and_the_help_again_after_a_crisis_reply() {
    // A twelfth play test: `play` printed no MITI figures, and an ending never came back to a
    // disclosure made on the way. Picks are refused at a typed prompt and text at a choice, so each
    // prompt takes what fits.
    let input = format!(
        "1\n{}",
        "i have pills saved up\n1\nSo Sunday nights are the hardest part.\n".repeat(15)
    );
    let o = rapport(
        &[
            "play",
            "scenarios/interpersonal-deficits/first-session-graham.ron",
            "--seed",
            "3",
        ],
        Some(&input),
    );
    assert!(o.status.success(), "{}", text(&o));
    let t = text(&o);
    assert!(t.contains(" ending) —"), "{t}");
    assert!(t.contains(rapport::dialogue::CRISIS_REMINDER), "{t}");
    assert!(t.contains("988"), "{t}");
    assert!(t.contains("- reflection-to-question ratio:"), "{t}");
    assert!(t.contains("from the codes of your replies alone"), "{t}");
    // A client's session has no MITI figures.
    let o = rapport(
        &["play", SAMPLE, "--seed", "1"],
        Some(&"2\nok\n".repeat(10)),
    );
    assert!(!text(&o).contains("reflection-to-question"), "{}", text(&o));
}

#[test]
fn play_can_be_left_at_any_time() {
    // The end of the input leaves too, with a shorter message; a quit word gets the reassurance.
    for word in ["quit", "exit", "Quit.", "/exit", "leave"] {
        let o = rapport(&["play", SAMPLE], Some(&format!("{word}\n")));
        assert!(o.status.success());
        assert!(text(&o).contains("nothing you said is judged"), "{word}");
    }
    for reply in ["Leave.", "quit it", "frobnicate"] {
        let o = rapport(&["play", SAMPLE], Some(&format!("{reply}\n")));
        assert!(!text(&o).contains("nothing you said is judged"), "{reply}");
    }
}

#[test]
fn graph_dot_and_mermaid() {
    let o = rapport(&["graph", SAMPLE, "--format", "dot"], None);
    let t = String::from_utf8_lossy(&o.stdout);
    assert!(t.starts_with("digraph"), "{t}");
    assert!(t.contains("\"opening\" -> \"listening\""), "{t}");
    assert!(t.contains("doubleoctagon"));
    let o = rapport(&["graph", SAMPLE, "--format", "mermaid"], None);
    let t = String::from_utf8_lossy(&o.stdout);
    assert!(t.starts_with("flowchart TD"), "{t}");
    // The fallback edge, with its effects when it has any ("otherwise<br/>⇒ trust -1").
    assert!(t.contains("-.->|\"otherwise"), "{t}");
}

#[test]
fn explore_reports_endings_and_best_worst() {
    let o = rapport(&["explore", SAMPLE], None);
    let t = text(&o);
    assert!(t.contains("end_good"), "{t}");
    assert!(t.contains("best") && t.contains("worst"), "{t}");
    assert!(!t.contains("NOT REACHED"), "{t}");
}

#[test]
fn test_reports_the_diverging_step() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(root.join(SAMPLE), dir.path().join("d.ron")).unwrap();
    std::fs::write(
        dir.path().join("d.test.ron"),
        r#"TestPlan(runs: [Run(name: "wrong", inputs: [Pick(2), Pick(1)], path: ["opening", "defensive", "shutdown"])])"#,
    )
    .unwrap();
    let o = rapport(&["test", dir.path().to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(1));
    let t = text(&o);
    assert!(
        t.contains("FAIL")
            && t.contains(
                "step 2 (Pick(1)) at node `defensive`: expected `shutdown`, reached `repaired`"
            ),
        "{t}"
    );
    assert!(t.contains("0 passed, 1 failed"), "{t}");
}

#[test]
fn no_subcommand_without_gui_says_how_to_get_the_app() {
    if cfg!(feature = "gui") {
        return; // with the app built in, no subcommand opens a window
    }
    let o = rapport(&[], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("cargo run --release"));
}

#[test]
fn play_says_which_numbers_exist_for_0_and_too_big_and_traces_routes() {
    // Regression: 9 said "option 8 does not exist" and 0 a huge number.
    let o = rapport(
        &["play", SAMPLE, "--seed", "1", "--trace"],
        Some("9\n0\n1\n"),
    );
    let t = text(&o);
    assert_eq!(t.matches("pick a number from 1 to 3").count(), 2, "{t}");
    assert!(!t.contains("does not exist"), "{t}");
    assert!(t.contains("→ picked →"), "{t}");
}

#[test]
fn play_answers_help_with_the_hint_and_numbers_without_options_with_a_note() {
    // The sample's second option leads to its free-text node. "help" and a bare number there are
    // neither said to the other person nor scored; a request for help at an option node says what the
    // options are for.
    let o = rapport(
        &["play", SAMPLE, "--seed", "1", "--trace"],
        Some("hint\n2\nwhat should I say?\n3\nquit\n"),
    );
    let t = text(&o);
    assert!(t.contains("This turn is a choice: pick a number"), "{t}");
    assert_eq!(t.matches("What this moment asks for:").count(), 1, "{t}");
    assert!(t.contains("One way in: Say what you feel"), "{t}");
    assert!(t.contains("No options this turn"), "{t}");
    assert!(!t.contains("You: what should I say?"), "{t}");
    assert!(!t.contains("You: 3"), "{t}");
}

/// `eval --split all` reads a check set kept outside training, and refuses the project's own
/// labelled data, whose sealed split it would read without saying so.
#[test]
fn eval_split_all_reads_a_check_set_and_refuses_the_project_data() {
    let o = rapport(
        &["eval", "--only", "gold", "--data", "data", "--split", "all"],
        None,
    );
    assert!(!o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("sealed split"), "{}", text(&o));

    let dir = std::env::temp_dir().join(format!("rapport-check-set-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("items")).unwrap();
    std::fs::create_dir_all(dir.join("labels")).unwrap();
    std::fs::write(
        dir.join("items/check.jsonl"),
        "{\"id\": \"c-1\", \"perspective\": \"client\", \"context\": \"You never call.\", \"text\": \"I feel hurt when you say that.\"}\n\
         {\"id\": \"c-2\", \"perspective\": \"therapist\", \"context\": \"I lost my job.\", \"text\": \"What happened?\"}\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("labels/gold.jsonl"),
        "{\"id\": \"c-1\", \"codes\": [\"i_statement\"], \"style\": \"assertive\", \"behaviour\": \"other\"}\n\
         {\"id\": \"c-2\", \"codes\": [\"open_question\"], \"style\": \"neutral\", \"behaviour\": \"question\"}\n",
    )
    .unwrap();
    let o = rapport(
        &[
            "eval",
            "--only",
            "gold",
            "--data",
            dir.to_str().unwrap(),
            "--split",
            "all",
            "--json",
        ],
        None,
    );
    assert!(o.status.success(), "{}", text(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["gold"]["open_question"]["tp"], 1, "{v}");
    assert_eq!(v["gold"]["i_statement"]["tp"], 1, "{v}");
    let _ = std::fs::remove_dir_all(&dir);
}
