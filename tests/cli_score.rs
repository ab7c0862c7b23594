//! The real `rapport` binary: `score` (human and the exact `--jsonl` protocol, malformed lines, byte offsets in multibyte text) and `transcript`.

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Stdio};

fn rapport() -> Command {
    Command::new(env!("CARGO_BIN_EXE_rapport"))
}

/// Runs `rapport score --jsonl` with `input` on stdin; returns the output lines and the exit status.
fn jsonl(input: &str) -> (Vec<Value>, std::process::ExitStatus) {
    let mut child = rapport()
        .args(["score", "--jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn rapport");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write stdin");
    let out = child.wait_with_output().expect("wait");
    let text = String::from_utf8(out.stdout).expect("utf-8 output");
    let lines = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l:?}: {e}")))
        .collect();
    (lines, out.status)
}

fn keys(v: &Value) -> Vec<String> {
    let mut k: Vec<String> = v.as_object().expect("object").keys().cloned().collect();
    k.sort();
    k
}

#[test]
fn jsonl_protocol_shape() {
    let input = concat!(
        r#"{"id": "a", "text": "You never listen to me!", "context": "I'm busy.", "perspective": "client"}"#,
        "\n",
        r#"{"id": "b", "text": "It sounds like you feel alone with it.", "context": null, "perspective": "therapist"}"#,
        "\n",
        r#"{"id": 7, "text": "What was that like for you?"}"#,
        "\n",
    );
    let (out, status) = jsonl(input);
    assert!(status.success());
    assert_eq!(out.len(), 3, "one output line per input line");
    assert_eq!(out[0]["id"], "a");
    assert_eq!(out[1]["id"], "b");
    assert_eq!(out[2]["id"], 7);
    for v in &out {
        for k in ["id", "codes", "scores", "evidence", "tips"] {
            assert!(v.get(k).is_some(), "missing {k} in {v}");
        }
        let mut ck = keys(&v["codes"]);
        ck.sort();
        assert_eq!(
            ck,
            [
                "advice",
                "affirmation",
                "antidotes",
                "behaviour",
                "boundary",
                "crisis",
                "horsemen",
                "i_statement",
                "question",
                "reflection",
                "request",
                "style",
                "summary"
            ]
        );
        let c = &v["codes"];
        assert!(
            ["question", "reflection", "input", "other"]
                .contains(&c["behaviour"].as_str().unwrap_or("")),
            "{c}"
        );
        // A probability 0–1 for every code in `all_codes`, and nothing else.
        let conf = v["confidence"].as_object().expect("confidence object");
        let all: Vec<&str> = v["all_codes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_str().unwrap())
            .collect();
        assert_eq!(conf.len(), all.len(), "{v}");
        for k in &all {
            let p = conf[*k].as_f64().expect("a number");
            assert!((0.0..=1.0).contains(&p), "{k}: {p}");
        }
        assert!(
            c["question"].is_null()
                || ["open", "closed"].contains(&c["question"].as_str().unwrap_or(""))
        );
        assert!(
            c["reflection"].is_null()
                || ["simple", "complex"].contains(&c["reflection"].as_str().unwrap_or(""))
        );
        for b in [
            "affirmation",
            "summary",
            "advice",
            "i_statement",
            "request",
            "boundary",
            "crisis",
        ] {
            assert!(c[b].is_boolean(), "{b} is not a bool in {v}");
        }
        assert!(
            [
                "assertive",
                "passive",
                "aggressive",
                "passive_aggressive",
                "neutral"
            ]
            .contains(&c["style"].as_str().unwrap_or(""))
        );
        for h in c["horsemen"].as_array().expect("horsemen array") {
            assert!(
                ["criticism", "contempt", "defensiveness", "stonewalling"]
                    .contains(&h.as_str().unwrap_or(""))
            );
        }
        for a in c["antidotes"].as_array().expect("antidotes array") {
            assert!(
                [
                    "gentle_startup",
                    "appreciation",
                    "responsibility",
                    "self_soothing",
                    "repair"
                ]
                .contains(&a.as_str().unwrap_or(""))
            );
        }
        assert_eq!(
            keys(&v["scores"]),
            ["active_listening", "assertiveness", "conflict_resolution"]
        );
        for s in ["assertiveness", "active_listening", "conflict_resolution"] {
            let n = v["scores"][s].as_u64().expect("integer score");
            assert!(n <= 100);
        }
        for t in v["tips"].as_array().expect("tips array") {
            assert!(t.is_string());
        }
        let tips = v["tips"].as_array().map_or(0, Vec::len);
        assert!((1..=3).contains(&tips), "{v}");
    }
    assert_eq!(out[0]["codes"]["horsemen"][0], "criticism");
    assert_eq!(out[1]["codes"]["reflection"], "complex");
    assert_eq!(out[2]["codes"]["question"], "open");
}

#[test]
fn jsonl_malformed_lines_yield_errors_and_the_run_goes_on() {
    let input = concat!(
        "this is not json\n",
        r#"{"id": "no-text", "context": "hi"}"#,
        "\n",
        r#"{"id": "bad-p", "text": "hello", "perspective": "coach"}"#,
        "\n",
        "\n",
        r#"{"id": "ok", "text": "Thanks for listening."}"#,
        "\n",
        r#"{"id": ["odd"], "text": 5}"#,
        "\n",
        r#"{"id": "last", "text": "no newline at the end"}"#,
    );
    let (out, status) = jsonl(input);
    assert!(status.success(), "exit status 0 despite malformed lines");
    assert_eq!(out.len(), 7);
    assert_eq!(out[0]["id"], Value::Null);
    assert!(out[0]["error"].is_string());
    assert_eq!(out[1]["id"], "no-text");
    assert!(out[1]["error"].as_str().unwrap_or("").contains("text"));
    assert_eq!(out[2]["id"], "bad-p");
    assert!(
        out[2]["error"]
            .as_str()
            .unwrap_or("")
            .contains("perspective")
    );
    assert_eq!(out[3]["id"], Value::Null);
    assert!(out[3]["error"].is_string());
    assert_eq!(out[4]["id"], "ok");
    assert!(out[4].get("error").is_none());
    assert_eq!(out[5]["id"], serde_json::json!(["odd"]));
    assert!(out[5]["error"].is_string());
    assert_eq!(out[6]["id"], "last");
    assert!(out[6]["codes"].is_object());
    for e in &out[..4] {
        assert_eq!(keys(e), ["error", "id"]);
    }
}

#[test]
fn jsonl_evidence_offsets_are_bytes_of_the_text_as_received() {
    let text = "Ça m’énerve: you’re such an IDIOT 😤 and you NEVER listen!!";
    let line = serde_json::json!({"id": "mb", "text": text}).to_string();
    // Also send the same text with \u escapes: offsets are into the decoded text either way.
    let escaped = line.replace('ç', "\\u00e7").replace('😤', "\\ud83d\\ude24");
    let (out, _) = jsonl(&format!("{line}\n{escaped}\n"));
    assert_eq!(out.len(), 2);
    for v in &out {
        let ev = v["evidence"].as_array().expect("evidence");
        assert!(!ev.is_empty());
        let bytes = text.as_bytes();
        for e in ev {
            let (s, en) = (
                e["start"].as_u64().expect("start") as usize,
                e["end"].as_u64().expect("end") as usize,
            );
            assert!(s < en && en <= bytes.len(), "{e}");
            assert_eq!(
                e["text"].as_str().expect("text").as_bytes(),
                &bytes[s..en],
                "{e}"
            );
            assert!(e["code"].is_string());
        }
        let insult = ev
            .iter()
            .find(|e| e["code"] == "insult")
            .expect("insult evidence");
        assert_eq!(insult["text"], "you’re such an IDIOT");
        assert_eq!(insult["start"], text.find("you’re").expect("find") as u64);
    }
    assert_eq!(out[0]["evidence"], out[1]["evidence"]);
}

#[test]
fn jsonl_crisis_lines() {
    let (out, _) = jsonl("{\"id\": \"c\", \"text\": \"I just want to end my life.\"}\n");
    let v = &out[0];
    assert_eq!(v["codes"]["crisis"], true);
    for s in ["assertiveness", "active_listening", "conflict_resolution"] {
        assert_eq!(v["scores"][s], 0);
    }
    let tips: String = v["tips"]
        .as_array()
        .expect("tips")
        .iter()
        .filter_map(|t| t.as_str())
        .collect();
    assert!(tips.contains("988") && tips.contains("116 123") && tips.contains("findahelpline.com"));
}

#[test]
fn jsonl_keeps_order_over_many_lines() {
    let mut input = String::new();
    for i in 0..5000 {
        input.push_str(&format!(
            "{{\"id\": {i}, \"text\": \"Could you help me with line {i}?\"}}\n"
        ));
    }
    let (out, status) = jsonl(&input);
    assert!(status.success());
    assert_eq!(out.len(), 5000);
    for (i, v) in out.iter().enumerate() {
        assert_eq!(v["id"], i as u64);
    }
}

#[test]
fn score_for_a_person() {
    let out = rapport()
        .args([
            "score",
            "you never help with the dishes",
            "--context",
            "I'm tired.",
            "--perspective",
            "client",
        ])
        .output()
        .expect("run");
    assert!(out.status.success());
    let s = String::from_utf8_lossy(&out.stdout);
    for needle in [
        "Codes:",
        "Assertiveness",
        "Active listening",
        "Conflict resolution",
        "[you never",
        "Try:",
    ] {
        assert!(s.contains(needle), "missing {needle:?} in\n{s}");
    }
}

#[test]
fn transcript_formats() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("talk.txt");
    std::fs::write(
        &path,
        "Client: I haven't slept since the funeral.\n\
         Therapist: You haven't slept since the funeral.\n\
         Client: No. I keep replaying the last call.\n\
         Therapist: What was that call like for you?\n\
         it sounds like it stays with you\n\
         Client: Awful.\n",
    )
    .expect("write");
    let run = |fmt: &str| {
        let out = rapport()
            .args(["transcript"])
            .arg(&path)
            .args([
                "--speaker",
                "therapist",
                "--perspective",
                "therapist",
                "--format",
                fmt,
            ])
            .output()
            .expect("run");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8")
    };
    let md = run("md");
    assert!(md.contains("reflection-to-question"), "{md}");
    assert!(md.contains("MITI 4.2.1"), "{md}");
    assert!(md.contains("MI-adherent"), "{md}");
    assert!(md.contains("## MITI global ratings (estimates)"), "{md}");
    assert!(md.contains("These are estimates"), "{md}");
    assert!(md.contains("- Empathy: "), "{md}");
    let json: Value = serde_json::from_str(&run("json")).expect("json");
    assert_eq!(json["turns"].as_array().map(Vec::len), Some(2));
    assert_eq!(json["metrics"]["replies"], 2);
    assert!(json["metrics"]["reflections"].as_u64().unwrap_or(0) >= 1);
    assert_eq!(json["metrics"]["questions"], 1);
    assert!(json["metrics"]["mi_adherent"].is_u64());
    assert_eq!(json["globals"]["estimated"], true);
    let empathy = &json["globals"]["empathy"];
    assert!((1.0..=5.0).contains(&empathy["value"].as_f64().unwrap_or(0.0)));
    assert!(empathy["basis"].as_str().is_some_and(|b| !b.is_empty()));
    assert!(json["globals"]["technical"].is_f64());
    let csv = run("csv");
    assert_eq!(csv.lines().count(), 3, "{csv}");
    assert!(csv.starts_with("line,text,style,codes"));
    let bad = rapport()
        .args(["transcript"])
        .arg(&path)
        .args(["--speaker", "nobody"])
        .output()
        .expect("run");
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("speakers are"));
}
