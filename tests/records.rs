//! Records: crash safety, migrations, file permissions, round trips through the runner, resume, deletion, exports and the CLI.

mod common;
use common::scenario_from;

use rapport::dialogue::{Input, Prompt, ReplyKind, Runner};
use rapport::records::{RecordsError, SessionId, Store, export, schema};
use rapport::scenario::{EndingKind, Scenario};
use rapport::scoring::unanswerable::Unanswerable;
use rapport::scoring::{Analysis, Code, Evidence, Reply, Scorer, Scores, Style, Tip};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;

/// A small conversation: options, a typed reply with a route, meters and three endings.
const TINY: &str = r#"
Scenario(
    format_version: 1,
    id: "tiny",
    title: "Tiny talk, with a \"quote\"",
    summary: "A short conversation for tests.",
    area: RoleDispute,
    perspective: Therapist,
    characters: [Character(id: "kim", name: "Kim")],
    meters: [Meter(id: "trust", label: "Trust", min: 0, max: 10, initial: 5)],
    start: "open",
    nodes: [
        Node(
            id: "open",
            speaker: "kim",
            lines: ["Hi. I wasn't sure I'd come.", "Hello. I almost cancelled."],
            order: Fixed,
            then: Options([
                Choice(text: "What made you come anyway?", to: "talk", effects: [Meter("trust", 1)], tags: [OpenQuestion]),
                Choice(text: "Well, you're here now, so let's get going.", to: "talk"),
                Choice(text: "Whatever.", to: "end_hard", effects: [Meter("trust", -3)]),
            ]),
        ),
        Node(
            id: "talk",
            speaker: "kim",
            mood: Sad,
            lines: ["It's been a hard month, to be honest."],
            then: FreeText(
                prompt: "Respond to Kim.",
                routes: [Route(when: Code(OpenQuestion), to: "deeper", effects: [Meter("trust", 2)])],
                fallback: Next(to: "deeper"),
            ),
        ),
        Node(
            id: "deeper",
            speaker: "kim",
            lines: ["My brother and I stopped talking."],
            order: Fixed,
            then: Options([
                Choice(text: "That sounds lonely.", to: "end_good", tags: [ComplexReflection]),
                Choice(text: "You should call him.", to: "end_mixed", tags: [Advice]),
            ]),
        ),
        Node(id: "end_good", speaker: "kim", lines: ["Thank you."], then: Ending(kind: Good, title: "Heard", debrief: "Reflections helped.")),
        Node(id: "end_mixed", speaker: "kim", lines: ["Maybe."], then: Ending(kind: Mixed, title: "Advice", debrief: "Too soon for advice.")),
        Node(id: "end_hard", speaker: "kim", lines: ["Right."], then: Ending(kind: Hard, title: "Shut", debrief: "Dismissive.")),
    ],
)
"#;

/// A scenario that can go on for as long as the crash test needs.
const LOOP: &str = r#"
Scenario(
    format_version: 1,
    id: "loop",
    title: "Endless",
    summary: "Goes round until a summary.",
    area: Grief,
    perspective: Client,
    characters: [Character(id: "ana", name: "Ana")],
    meters: [Meter(id: "tension", label: "Tension", min: 0, max: 10, initial: 3, higher_is_worse: true)],
    start: "round",
    nodes: [
        Node(
            id: "round",
            speaker: "ana",
            lines: ["Go on.", "And then?"],
            then: FreeText(
                prompt: "Say more.",
                routes: [Route(when: Code(Summary), to: "done")],
                fallback: Next(to: "round", effects: [Meter("tension", 1)]),
            ),
        ),
        Node(id: "done", speaker: "ana", lines: ["Yes."], then: Ending(kind: Good, title: "Done", debrief: "Done.")),
    ],
)
"#;

/// Deterministic scorer: `?` is an open question, "die" is crisis language, scores follow the length.
struct TestScorer;

impl Scorer for TestScorer {
    fn analyse(&self, r: Reply<'_>) -> Analysis {
        let mut codes = r.tags.to_vec();
        let mut evidence = Vec::new();
        if let Some(i) = r.text.find('?') {
            codes.push(Code::OpenQuestion);
            evidence.push(Evidence {
                code: Code::OpenQuestion,
                start: 0,
                end: i + 1,
            });
        }
        if r.text.contains("die") {
            codes.push(Code::Crisis);
        }
        codes.sort();
        codes.dedup();
        let n = (r.text.len() % 90) as u8 + 5;
        Analysis {
            codes,
            style: if r.text.contains('?') {
                Style::Assertive
            } else {
                Style::Neutral
            },
            scores: Scores {
                assertiveness: n,
                active_listening: 100 - n,
                conflict_resolution: 50,
            },
            explanations: [
                "length".into(),
                "inverse length".into(),
                "always fifty".into(),
            ],
            evidence,
            tips: vec![Tip {
                text: "Try a reflection, e.g. \"so, it's hard\".".into(),
                rewrite: Some(format!("So, {}", r.text)),
            }],
            risk_question: r.text.contains("ending your life"),
            ..Default::default()
        }
    }
}

/// Plays inputs, saving every reply as it happens; returns the runner at the end.
fn play(store: &mut Store, id: SessionId, runner: &mut Runner, inputs: &[Input]) {
    for input in inputs {
        let outcome = runner
            .input(input.clone(), &TestScorer)
            .expect("valid input");
        store
            .save_reply(id, &outcome.turn, &runner.save())
            .expect("reply saved");
    }
}

fn finish(store: &mut Store, id: SessionId, runner: &Runner) {
    let Prompt::Ending { kind, .. } = runner.view().prompt else {
        panic!("not at an ending");
    };
    store
        .finish_session(id, kind, &runner.state().node)
        .expect("finished");
}

fn good_inputs() -> Vec<Input> {
    vec![
        Input::Choose(0),
        Input::Say("What has made it so hard?".into()),
        Input::Choose(0),
    ]
}

fn play_whole(store: &mut Store, s: &Arc<Scenario>, seed: u64, inputs: &[Input]) -> Runner {
    let id = store.start_session(s, seed, false, Some(4)).unwrap();
    let mut runner = Runner::new(s.clone(), seed);
    play(store, id, &mut runner, inputs);
    finish(store, id, &runner);
    store.set_mood_after(id, 7).unwrap();
    runner
}

/// TINY played whole with `inputs` (seed 1) into a fresh in-memory store: the store, the runner, and
/// the session read back, whose turns are checked to be the runner's transcript.
fn tiny_session(inputs: &[Input]) -> (Store, Runner, rapport::records::SessionRecord) {
    let s = scenario_from(TINY);
    let mut store = Store::open_in_memory().unwrap();
    let runner = play_whole(&mut store, &s, 1, inputs);
    let id = store.sessions().unwrap()[0].id;
    let rec = store.session(id).unwrap();
    assert_eq!(rec.turns, runner.state().transcript);
    (store, runner, rec)
}

fn raw(path: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(path).unwrap()
}

#[test]
fn a_whole_session_round_trips() {
    let s = scenario_from(TINY);
    let mut store = Store::open_in_memory().unwrap();
    let runner = play_whole(&mut store, &s, 11, &good_inputs());

    let list = store.sessions().unwrap();
    assert_eq!(list.len(), 1);
    let sum = &list[0];
    assert_eq!(sum.scenario_id, "tiny");
    assert_eq!(sum.scenario_title, s.title);
    assert_eq!(sum.area, s.area);
    assert_eq!(sum.perspective, s.perspective);
    assert_eq!(sum.seed, 11);
    assert_eq!(sum.ending, Some(EndingKind::Good));
    assert_eq!(sum.ending_node.as_deref(), Some("end_good"));
    assert!(sum.finished_at.unwrap() >= sum.started_at);
    assert_eq!(sum.replies, 3);
    assert_eq!((sum.mood_before, sum.mood_after), (Some(4), Some(7)));
    assert!(!sum.scripted);
    assert_eq!(sum.means, runner.session_means());

    let rec = store.session(sum.id).unwrap();
    assert_eq!(&rec.summary, sum);
    assert_eq!(rec.turns, runner.state().transcript);
    assert!(matches!(rec.turns[0].kind, ReplyKind::Picked(0)));
    assert_eq!(rec.turns[1].kind, ReplyKind::Typed);
    assert_eq!(rec.turns[1].route, Some(0));
    assert_eq!(rec.turns[0].meter_deltas.get("trust"), Some(&1));
    assert!(store.unfinished().unwrap().is_empty());
}

/// After a clarify the reply is read against the line the clarify asked about; the record keeps both
/// lines (the clarify shown, the line answered), and every export says what the reply answered.
#[test]
fn a_reply_after_a_clarify_keeps_the_line_it_answered() {
    let with_clarify = TINY.replace(
        "fallback: Next(to: \"deeper\"),",
        "fallback: Next(to: \"deeper\"),\n                clarify: \"Sorry, what?\",",
    );
    let s = scenario_from(&with_clarify);
    let mut store = Store::open_in_memory().unwrap();
    let runner = play_whole(
        &mut store,
        &s,
        11,
        &[
            Input::Choose(0),
            Input::Say("1".into()),
            Input::Say("What has made it so hard?".into()),
            Input::Choose(0),
        ],
    );
    let rec = store.session(store.sessions().unwrap()[0].id).unwrap();
    assert_eq!(rec.turns, runner.state().transcript);
    let asked = "It's been a hard month, to be honest.";
    assert_eq!(
        rec.turns[1].outcome,
        rapport::dialogue::TurnOutcome::Clarify
    );
    assert_eq!(
        (rec.turns[1].line.as_str(), rec.turns[1].asked.as_deref()),
        (asked, None)
    );
    assert_eq!(rec.turns[2].line, "Sorry, what?");
    assert_eq!(rec.turns[2].asked.as_deref(), Some(asked));
    let md = export::markdown(&rec);
    assert!(
        md.contains("> Sorry, what?\n\n*Read as an answer to:*\n\n> It"),
        "{md}"
    );
    assert_eq!(export::json(&rec)["turns"][2]["asked"], asked);
    assert_eq!(
        export::json(&rec)["turns"][1]["asked"],
        serde_json::Value::Null
    );
    let csv = export::csv_all(std::slice::from_ref(&rec));
    assert!(csv.lines().next().unwrap().ends_with(",asked,uncounted"));
    let row = csv
        .split("\r\n")
        .find(|r| r.contains("Sorry, what?") && r.contains("What has made it so hard?"))
        .expect("the reply after the clarify has a row");
    assert!(
        row.ends_with(",\"It's been a hard month, to be honest.\",false"),
        "{row}"
    );
}

#[test]
fn every_export_marks_a_reply_whose_strengths_were_not_counted() {
    let (_, _, mut rec) = tiny_session(&good_inputs());
    rec.turns[1].analysis.uncounted = true;
    let csv = parse_csv(&export::csv_all(std::slice::from_ref(&rec)));
    let col = export::CSV_COLUMNS
        .iter()
        .position(|c| *c == "uncounted")
        .unwrap();
    let marks: Vec<_> = csv[1..].iter().map(|r| r[col].as_str()).collect();
    assert_eq!(marks, ["false", "true", "false"]);
    let json = export::json(&rec);
    assert_eq!(json["turns"][1]["uncounted"], true, "{json}");
    assert_eq!(json["turns"][0]["uncounted"], false);
    let md = export::markdown(&rec);
    assert_eq!(md.matches("found but not counted").count(), 1, "{md}");
}

#[test]
fn crisis_replies_are_left_out_of_the_means() {
    let s = scenario_from(TINY);
    let mut store = Store::open_in_memory().unwrap();
    let runner = play_whole(
        &mut store,
        &s,
        1,
        &[
            Input::Choose(1),
            Input::Say("I want to die".into()),
            // A crisis reply does not advance: the same prompt again.
            Input::Say("Hmm.".into()),
            Input::Choose(1),
        ],
    );
    let sum = &store.sessions().unwrap()[0];
    assert_eq!(sum.replies, 4);
    assert_eq!(sum.means, runner.session_means());
    assert_eq!(sum.ending, Some(EndingKind::Mixed));
    let rec = store.session(sum.id).unwrap();
    assert_eq!(rec.turns[1].outcome, rapport::dialogue::TurnOutcome::Crisis);
    assert_eq!(rec.turns[1].to, "talk");
    assert_eq!(rec.turns, runner.state().transcript);
}

#[test]
fn replies_that_gave_nothing_to_answer_are_kept_and_left_out_of_the_means() {
    let (store, runner, rec) = tiny_session(&[
        Input::Choose(0),
        // Kim's line pasted back: not scored (and, with no clarify line, a counted fallback).
        Input::Say("It's been a hard month, to be honest.".into()),
        Input::Choose(0),
    ]);
    let sum = &store.sessions().unwrap()[0];
    assert_eq!(sum.replies, 3);
    assert_eq!(sum.means, runner.session_means());
    let whys: Vec<_> = rec.turns.iter().map(|t| t.analysis.unanswerable).collect();
    assert_eq!(whys, [None, Some(Unanswerable::Parroted), None]);
    // The means are those of the two picked options alone.
    let picked: Vec<_> = [&rec.turns[0], &rec.turns[2]]
        .map(|t| f64::from(t.analysis.scores.active_listening))
        .to_vec();
    assert_eq!(sum.means.unwrap()[1], (picked[0] + picked[1]) / 2.0);
}

#[test]
fn lists_order_filter_and_best_results() {
    let s = scenario_from(TINY);
    let mut store = Store::open_in_memory().unwrap();
    let a = play_whole(&mut store, &s, 1, &good_inputs());
    let b = play_whole(
        &mut store,
        &s,
        2,
        &[
            Input::Choose(1),
            Input::Say("Hmm.".into()),
            Input::Choose(1),
        ],
    );
    // Scripted, finished: recorded and listed, but not a personal best.
    let scripted = store.start_session(&s, 3, true, None).unwrap();
    let mut r = Runner::new(s.clone(), 3);
    play(
        &mut store,
        scripted,
        &mut r,
        &[
            Input::Choose(1),
            Input::Say(
                "A very very long reply that scores high on assertiveness, isn't it, yes".into(),
            ),
            Input::Choose(1),
        ],
    );
    finish(&mut store, scripted, &r);
    // Started, nothing said: not resumable.
    let empty = store.start_session(&s, 4, false, None).unwrap();
    // One reply: resumable, not a best.
    let half = store.start_session(&s, 5, false, None).unwrap();
    let mut r = Runner::new(s.clone(), 5);
    play(&mut store, half, &mut r, &[Input::Choose(0)]);

    let ids: Vec<SessionId> = store.sessions().unwrap().iter().map(|s| s.id).collect();
    assert_eq!(ids.len(), 5);
    assert_eq!(ids[0], half, "newest first");
    assert_eq!(ids[1], empty);
    assert_eq!(ids[2], scripted);
    assert!(store.sessions().unwrap()[2].scripted);
    assert_eq!(store.sessions().unwrap()[1].means, None);

    let unfinished: Vec<SessionId> = store.unfinished().unwrap().iter().map(|s| s.id).collect();
    assert_eq!(unfinished, vec![half]);

    let best = store.best_per_scenario().unwrap();
    assert_eq!(best.len(), 1);
    let (id, title, m) = &best[0];
    assert_eq!((id.as_str(), title.as_str()), ("tiny", s.title.as_str()));
    let (ma, mb) = (a.session_means().unwrap(), b.session_means().unwrap());
    for i in 0..3 {
        assert_eq!(m[i], ma[i].max(mb[i]));
    }
}

#[test]
fn wrong_uses_are_errors() {
    let s = scenario_from(TINY);
    let mut store = Store::open_in_memory().unwrap();
    let missing = SessionId(999);
    let turn = {
        let mut r = Runner::new(s.clone(), 0);
        r.choose(0, &TestScorer).unwrap().turn
    };
    assert!(matches!(
        store.save_reply(missing, &turn, ""),
        Err(RecordsError::NotFound(_))
    ));
    assert!(matches!(
        store.session(missing),
        Err(RecordsError::NotFound(_))
    ));
    assert!(matches!(
        store.resume_state(missing),
        Err(RecordsError::NotFound(_))
    ));
    assert!(matches!(
        store.delete_session(missing),
        Err(RecordsError::NotFound(_))
    ));
    assert!(matches!(
        store.start_session(&s, 0, false, Some(11)),
        Err(RecordsError::InvalidMood(11))
    ));
    let id = store.start_session(&s, 0, false, None).unwrap();
    assert_eq!(store.resume_state(id).unwrap(), None);
    assert!(matches!(
        store.set_mood_after(id, 12),
        Err(RecordsError::InvalidMood(12))
    ));
    store
        .finish_session(id, EndingKind::Hard, "end_hard")
        .unwrap();
    assert!(matches!(
        store.save_reply(id, &turn, ""),
        Err(RecordsError::Finished(_))
    ));
    assert!(matches!(
        store.finish_session(id, EndingKind::Good, "end_good"),
        Err(RecordsError::Finished(_))
    ));
    assert!(store.session(id).unwrap().turns.is_empty());
}

#[test]
fn session_ids_parse_and_print() {
    assert_eq!("12".parse::<SessionId>().unwrap(), SessionId(12));
    assert_eq!(" #7 ".parse::<SessionId>().unwrap(), SessionId(7));
    assert!("x".parse::<SessionId>().is_err());
    assert!("0".parse::<SessionId>().is_err());
    assert_eq!(SessionId(42).to_string(), "42");
}

#[test]
fn store_can_be_shared_between_threads() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<Store>();
}

#[test]
fn resume_continues_from_the_last_saved_reply() {
    let s = scenario_from(TINY);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rapport.sqlite3");
    let inputs = good_inputs();
    let (id, line_before) = {
        let mut store = Store::open(&path).unwrap();
        let id = store.start_session(&s, 9, false, None).unwrap();
        let mut runner = Runner::new(s.clone(), 9);
        play(&mut store, id, &mut runner, &inputs[..2]);
        (id, runner.view().line)
        // The app closes here without finishing.
    };

    let mut store = Store::open(&path).unwrap();
    let unfinished = store.unfinished().unwrap();
    assert_eq!(unfinished.len(), 1);
    assert_eq!(unfinished[0].id, id);
    assert_eq!(unfinished[0].replies, 2);
    let state = store.resume_state(id).unwrap().expect("a saved state");
    let mut runner = Runner::restore_str(s.clone(), &state).unwrap();
    assert_eq!(runner.state().transcript.len(), 2);
    assert_eq!(runner.state().node, "deeper");
    assert_eq!(runner.view().line, line_before);
    play(&mut store, id, &mut runner, &inputs[2..]);
    finish(&mut store, id, &runner);

    let rec = store.session(id).unwrap();
    assert_eq!(rec.turns, runner.state().transcript);
    assert_eq!(rec.summary.ending, Some(EndingKind::Good));
    assert!(store.unfinished().unwrap().is_empty());
}

/// Every byte of the database and its log, to look for text that should be gone.
fn file_bytes(path: &Path) -> Vec<u8> {
    let mut all = std::fs::read(path).unwrap();
    for ext in ["-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(ext);
        if let Ok(b) = std::fs::read(PathBuf::from(p)) {
            all.extend(b);
        }
    }
    all
}

fn contains(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn delete_one_and_delete_all() {
    let s = scenario_from(TINY);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rapport.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let secret = "Zanzibar-secret-reply?";
    let keep = store.start_session(&s, 1, false, None).unwrap();
    let mut r = Runner::new(s.clone(), 1);
    play(&mut store, keep, &mut r, &good_inputs());
    let gone = store.start_session(&s, 2, false, None).unwrap();
    let mut r = Runner::new(s.clone(), 2);
    play(
        &mut store,
        gone,
        &mut r,
        &[Input::Choose(0), Input::Say(secret.into())],
    );
    assert!(contains(&file_bytes(&path), secret));

    store.delete_session(gone).unwrap();
    let ids: Vec<SessionId> = store.sessions().unwrap().iter().map(|s| s.id).collect();
    assert_eq!(ids, vec![keep]);
    assert!(matches!(
        store.session(gone),
        Err(RecordsError::NotFound(_))
    ));
    assert_eq!(store.session(keep).unwrap().turns.len(), 3);
    let orphans: i64 = raw(&path)
        .query_row(
            "SELECT COUNT(*) FROM reply WHERE session_id = ?1",
            [gone.0],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(orphans, 0, "replies go with their session");
    assert!(
        !contains(&file_bytes(&path), secret),
        "deleted text is overwritten, not left in the file or its log"
    );

    store.delete_all().unwrap();
    assert!(store.sessions().unwrap().is_empty());
    let replies: i64 = raw(&path)
        .query_row("SELECT COUNT(*) FROM reply", [], |r| r.get(0))
        .unwrap();
    assert_eq!(replies, 0);
    assert!(!contains(&file_bytes(&path), "What has made it so hard?"));
    // Ids are never reused after a delete.
    let next = store.start_session(&s, 3, false, None).unwrap();
    assert!(next > gone);
}

#[cfg(unix)]
#[test]
fn the_file_is_readable_by_the_user_only() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("new").join("data");
    let path = folder.join("rapport.sqlite3");
    let s = scenario_from(TINY);
    {
        let mut store = Store::open(&path).unwrap();
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(&folder), 0o700);
        let id = store.start_session(&s, 1, false, None).unwrap();
        let mut r = Runner::new(s.clone(), 1);
        play(&mut store, id, &mut r, &[Input::Choose(0)]);
        for ext in ["-wal", "-shm"] {
            let side = PathBuf::from(format!("{}{ext}", path.display()));
            assert!(side.exists(), "{ext} exists while open");
            assert_eq!(mode(&side), 0o600, "{ext}");
        }
    }
    assert_eq!(mode(&path), 0o600);

    // A file left readable by others is tightened on open.
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(mode(&path), 0o600);
    assert_eq!(store.sessions().unwrap().len(), 1);
}

/// The first released schema, verbatim: a frozen fixture, independent of the code's copy.
const V1_FIXTURE: &str = "
CREATE TABLE session (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    scenario_id    TEXT    NOT NULL,
    scenario_title TEXT    NOT NULL,
    area           TEXT    NOT NULL,
    perspective    TEXT    NOT NULL,
    seed           INTEGER NOT NULL,
    started_at     INTEGER NOT NULL,
    finished_at    INTEGER,
    ending         TEXT,
    ending_node    TEXT,
    mood_before    INTEGER CHECK (mood_before BETWEEN 0 AND 10),
    mood_after     INTEGER CHECK (mood_after BETWEEN 0 AND 10),
    state_ron      TEXT
);
CREATE TABLE reply (
    id                  INTEGER PRIMARY KEY,
    session_id          INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
    seq                 INTEGER NOT NULL,
    saved_at            INTEGER NOT NULL,
    node                TEXT    NOT NULL,
    speaker             TEXT    NOT NULL,
    line                TEXT    NOT NULL,
    reply               TEXT    NOT NULL,
    kind                TEXT    NOT NULL CHECK (kind IN ('picked', 'typed')),
    option_index        INTEGER,
    codes               TEXT    NOT NULL,
    style               TEXT    NOT NULL,
    crisis              INTEGER NOT NULL,
    assertiveness       INTEGER NOT NULL,
    active_listening    INTEGER NOT NULL,
    conflict_resolution INTEGER NOT NULL,
    explanations        TEXT    NOT NULL,
    evidence            TEXT    NOT NULL,
    tips                TEXT    NOT NULL,
    meter_deltas        TEXT    NOT NULL,
    to_node             TEXT    NOT NULL,
    route               INTEGER,
    UNIQUE (session_id, seq)
);
PRAGMA user_version = 1;
INSERT INTO session (id, scenario_id, scenario_title, area, perspective, seed, started_at,
                     finished_at, ending, ending_node, mood_before, mood_after, state_ron)
VALUES (1, 'tiny', 'Tiny talk (2024)', 'RoleDispute', 'therapist', 77, 1700000000,
        1700000600, 'mixed', 'end_mixed', 3, 5, NULL),
       (2, 'loop', 'Endless', 'Grief', 'client', 5, 1700001000, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO reply (session_id, seq, saved_at, node, speaker, line, reply, kind, option_index,
                   codes, style, crisis, assertiveness, active_listening, conflict_resolution,
                   explanations, evidence, tips, meter_deltas, to_node, route)
VALUES (1, 1, 1700000100, 'open', 'Kim', 'Hi.', 'What made you come anyway?', 'picked', 0,
        '[\"OpenQuestion\"]', 'Assertive', 0, 30, 80, 50, '[\"a\",\"b\",\"c\"]',
        '[{\"code\":\"OpenQuestion\",\"start\":0,\"end\":26}]',
        '[{\"text\":\"Keep asking.\",\"rewrite\":null}]', '{\"trust\":1}', 'talk', NULL),
       (1, 2, 1700000200, 'talk', 'Kim', 'Hard month.', 'You should call him.', 'typed', NULL,
        '[\"Advice\"]', 'Neutral', 0, 40, 20, 50, '[\"a\",\"b\",\"c\"]', '[]', '[]', '{}', 'end_mixed', NULL);
";

#[test]
fn a_version_1_database_is_migrated_with_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rapport.sqlite3");
    raw(&path).execute_batch(V1_FIXTURE).unwrap();

    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), schema::VERSION);
    const { assert!(schema::VERSION >= 2, "there is a real migration to run") };

    let list = store.sessions().unwrap();
    assert_eq!(list.len(), 2);
    let old = list.iter().find(|s| s.id == SessionId(1)).unwrap();
    assert_eq!(old.scenario_title, "Tiny talk (2024)");
    assert_eq!(old.ending, Some(EndingKind::Mixed));
    assert_eq!(old.replies, 2);
    assert_eq!(old.means, Some([35.0, 50.0, 50.0]));
    assert_eq!((old.mood_before, old.mood_after), (Some(3), Some(5)));
    assert!(
        !old.scripted,
        "sessions from before `scripted` count as the user's"
    );
    assert_eq!(
        old.mode,
        rapport::dialogue::Mode::Practice,
        "sessions from before modes were practice"
    );
    let rec = store.session(SessionId(1)).unwrap();
    assert_eq!(rec.turns[0].reply, "What made you come anyway?");
    assert_eq!(rec.turns[0].analysis.codes, vec![Code::OpenQuestion]);
    assert_eq!(rec.turns[0].analysis.evidence.len(), 1);
    assert_eq!(rec.turns[1].analysis.codes, vec![Code::Advice]);

    // The migrated file takes new sessions, and the old unfinished one can grow.
    let s = scenario_from(TINY);
    let id = store.start_session(&s, 1, true, None).unwrap();
    assert!(id > SessionId(2));
    assert!(store.sessions().unwrap()[0].scripted);
    let ok: String = raw(&path)
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
}

#[test]
fn a_database_from_a_newer_rapport_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rapport.sqlite3");
    raw(&path)
        .execute_batch("CREATE TABLE future (x); PRAGMA user_version = 99;")
        .unwrap();
    match Store::open(&path) {
        Err(RecordsError::TooNew { found: 99, .. }) => {}
        other => panic!("expected TooNew, got {other:?}"),
    }
    let v: i64 = raw(&path)
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, 99);
}

// ---------------------------------------------------------------- crash test

const CHILD_ENV: &str = "RAPPORT_RECORDS_CRASH_CHILD_DB";

/// Not a test on its own: when the crash test re-runs this binary with `CHILD_ENV` set, this
/// writes replies one by one into that database, printing `saved N` after each commit, until killed.
#[test]
fn crash_child() {
    let Some(path) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let s = scenario_from(LOOP);
    let mut store = Store::open(Path::new(&path)).unwrap();
    let id = store.start_session(&s, 42, false, None).unwrap();
    let mut out = std::io::stdout().lock();
    writeln!(out, "session {}", id.0).unwrap();
    out.flush().unwrap();
    let mut runner = Runner::new(s, 42);
    for n in 1..=100_000u32 {
        let turn = runner
            .say(&format!("reply number {n}"), &TestScorer)
            .unwrap()
            .turn;
        store.save_reply(id, &turn, &runner.save()).unwrap();
        writeln!(out, "saved {n}").unwrap();
        out.flush().unwrap();
    }
}

/// Runs a child writing replies, kills it with SIGKILL after `kill_after` confirmed commits,
/// and returns its session and the highest reply number it confirmed.
fn write_and_kill(path: &Path, kill_after: u32) -> (SessionId, u32) {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["crash_child", "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut session = None;
    let mut confirmed = 0;
    let mut killed = false;
    for line in lines.by_ref() {
        let line = line.unwrap();
        // libtest may print `test crash_child ... ` just before the child's first line.
        let line = line.rsplit("... ").next().unwrap_or(&line);
        if let Some(id) = line.strip_prefix("session ") {
            session = Some(SessionId(id.parse().unwrap()));
        } else if let Some(n) = line.strip_prefix("saved ") {
            confirmed = n.parse().unwrap();
            if confirmed >= kill_after && !killed {
                child.kill().unwrap();
                killed = true;
            }
        }
    }
    // Lines still in the pipe after the kill were confirmed commits too; the loop read them all.
    let status = child.wait().unwrap();
    assert!(
        killed && !status.success(),
        "the child was killed: {status:?}"
    );
    (session.expect("the child announced its session"), confirmed)
}

#[test]
fn replies_committed_before_a_kill_survive_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rapport.sqlite3");
    let s = scenario_from(LOOP);
    let mut history = Vec::new();
    for kill_after in [3, 17, 40] {
        let (id, confirmed) = write_and_kill(&path, kill_after);
        assert!(confirmed >= kill_after);
        history.push((id, confirmed));

        let store = Store::open(&path).expect("the database opens cleanly after the kill");
        let ok: String = raw(&path)
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ok, "ok");
        // Every session written so far, by every killed child, still holds all it confirmed.
        for &(id, confirmed) in &history {
            let rec = store.session(id).unwrap();
            // At most one more than confirmed: committed, killed before it could say so.
            let n = rec.turns.len() as u32;
            assert!(
                n == confirmed || n == confirmed + 1,
                "session {id}: {n} replies, {confirmed} confirmed"
            );
            for (i, t) in rec.turns.iter().enumerate() {
                assert_eq!(t.reply, format!("reply number {}", i + 1));
            }
            // The saved state is the one written with the last reply, and it resumes.
            let state = store.resume_state(id).unwrap().unwrap();
            let runner = Runner::restore_str(s.clone(), &state).unwrap();
            assert_eq!(runner.state().transcript, rec.turns);
        }
        let unfinished: Vec<SessionId> = store.unfinished().unwrap().iter().map(|s| s.id).collect();
        assert_eq!(unfinished.len(), history.len());
    }
}

// ---------------------------------------------------------------- exports and CLI

fn populated(dir: &Path) -> (SessionId, SessionId) {
    let s = scenario_from(TINY);
    let mut store = Store::open(&dir.join("rapport.sqlite3")).unwrap();
    let first = store.start_session(&s, 1, false, Some(3)).unwrap();
    let mut r = Runner::new(s.clone(), 1);
    play(
        &mut store,
        first,
        &mut r,
        &[
            Input::Choose(0),
            Input::Say("Hard how, with \"quotes\", commas\nand a second line?".into()),
            Input::Choose(0),
        ],
    );
    finish(&mut store, first, &r);
    store.set_mood_after(first, 6).unwrap();
    let second = store.start_session(&s, 2, true, None).unwrap();
    let mut r = Runner::new(s, 2);
    play(&mut store, second, &mut r, &[Input::Choose(1)]);
    (first, second)
}

#[test]
fn exports_carry_the_whole_session() {
    let dir = tempfile::tempdir().unwrap();
    let (first, _) = populated(dir.path());
    let store = Store::open(&dir.path().join("rapport.sqlite3")).unwrap();
    let rec = store.session(first).unwrap();

    let md = export::markdown(&rec);
    assert!(md.starts_with("# Tiny talk, with a \"quote\"\n"));
    assert!(md.contains("- Ending: good (`end_good`)"));
    assert!(md.contains("- Mood: 3/10 before, 6/10 after"));
    assert!(md.contains("> Hard how, with \"quotes\", commas\n> and a second line?\n"));
    assert!(md.contains("- Codes: did well: open question"));
    assert!(md.contains("- Tip: Try a reflection"));
    assert!(md.contains("## Session means"));
    assert_eq!(md.matches("**You**").count(), 3);

    let js = export::json(&rec);
    assert_eq!(js["id"], first.0);
    assert_eq!(js["scenario"]["perspective"], "therapist");
    assert_eq!(js["ending"], "good");
    assert_eq!(js["turns"].as_array().unwrap().len(), 3);
    assert_eq!(js["turns"][0]["codes"][0], "open_question");
    assert_eq!(
        js["turns"][0]["evidence"][0]["text"],
        "What made you come anyway?"
    );

    assert!(
        store.unfinished().unwrap().is_empty(),
        "an interrupted scripted run is not offered for resuming"
    );

    let all = store.records().unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].summary.id, first, "oldest first");
    let csv = export::csv_all(&all);
    let rows = parse_csv(&csv);
    assert_eq!(rows[0], export::CSV_COLUMNS);
    assert_eq!(rows.len(), 1 + 3 + 1);
    assert!(rows.iter().all(|r| r.len() == export::CSV_COLUMNS.len()));
    let reply = export::CSV_COLUMNS
        .iter()
        .position(|c| *c == "reply")
        .unwrap();
    assert_eq!(
        rows[2][reply],
        "Hard how, with \"quotes\", commas\nand a second line?"
    );
}

/// A strict little RFC 4180 reader for the tests.
fn parse_csv(s: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => assert_eq!(chars.next(), Some('\n'), "CRLF line ends"),
            (false, '\n') => panic!("bare LF outside quotes"),
            (false, c) => field.push(c),
        }
        if !quoted && c == '\r' {
            row.push(std::mem::take(&mut field));
            rows.push(std::mem::take(&mut row));
        }
    }
    assert!(row.is_empty() && field.is_empty(), "ends with CRLF");
    rows
}

fn rapport(data_dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args(args)
        .env("RAPPORT_DATA_DIR", data_dir)
        .output()
        .unwrap()
}

fn stdout(o: &std::process::Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn cli_history_and_export() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("rapport.sqlite3");

    let o = rapport(dir.path(), &["history", "--path"]);
    assert!(o.status.success());
    assert_eq!(stdout(&o).trim(), db.display().to_string());

    // Nothing recorded: empty output, and no file created just to list it.
    let o = rapport(dir.path(), &["history"]);
    assert!(o.status.success());
    assert_eq!(stdout(&o), "");
    assert!(!db.exists());

    let (first, second) = populated(dir.path());
    let o = rapport(dir.path(), &["history"]);
    assert!(o.status.success());
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines[0].starts_with(&format!("#{second} ")), "{out}");
    assert!(lines[0].contains("unfinished") && lines[0].contains("[scripted]"));
    assert!(lines[1].starts_with(&format!("#{first} ")));
    assert!(lines[1].contains("good") && lines[1].contains("3 replies"));
    assert!(lines[1].contains("mood 3→6") && lines[1].contains("(tiny)"));

    let id = first.to_string();
    let o = rapport(dir.path(), &["export", "--session", &id, "--format", "md"]);
    assert!(o.status.success());
    assert!(stdout(&o).starts_with("# Tiny talk"));
    assert_eq!(stdout(&o).matches("## Transcript").count(), 1);

    let o = rapport(
        dir.path(),
        &["export", "--session", &id, "--format", "json"],
    );
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["id"], first.0);
    assert_eq!(v["turns"].as_array().unwrap().len(), 3);

    let o = rapport(dir.path(), &["export", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["sessions"].as_array().unwrap().len(), 2);

    let o = rapport(dir.path(), &["export", "--format", "md"]);
    assert_eq!(stdout(&o).matches("## Transcript").count(), 2);

    let file = dir.path().join("all.csv");
    let o = rapport(
        dir.path(),
        &["export", "--format", "csv", "--out", file.to_str().unwrap()],
    );
    assert!(o.status.success());
    assert_eq!(stdout(&o), "", "--out writes nothing to standard output");
    let rows = parse_csv(&std::fs::read_to_string(&file).unwrap());
    assert_eq!(rows.len(), 1 + 3 + 1);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    let o = rapport(
        dir.path(),
        &["export", "--session", "999", "--format", "md"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no session 999"));
    let o = rapport(
        dir.path(),
        &["export", "--session", "abc", "--format", "md"],
    );
    assert!(!o.status.success());
}

#[test]
fn the_mode_and_held_replies_are_stored_with_the_session() {
    let s = scenario_from(TINY);
    let mut store = Store::open_in_memory().unwrap();
    let id = store.start_session(&s, 3, false, None).unwrap();
    store
        .set_mode(id, rapport::dialogue::Mode::Challenge)
        .unwrap();
    let mut runner = Runner::with_mode(s.clone(), 3, rapport::dialogue::Mode::Challenge);
    play(
        &mut store,
        id,
        &mut runner,
        &[Input::Choose(0), Input::Say("I want to die".into())],
    );
    let sum = &store.sessions().unwrap()[0];
    assert_eq!(sum.mode, rapport::dialogue::Mode::Challenge);
    let rec = store.session(id).unwrap();
    assert_eq!(rec.turns[1].outcome, rapport::dialogue::TurnOutcome::Crisis);
    // The saved state resumes at the same prompt, in the same mode.
    let state = store.resume_state(id).unwrap().unwrap();
    let back = Runner::restore_str(s, &state).unwrap();
    assert_eq!(back.state().node, "talk");
    assert_eq!(back.mode(), rapport::dialogue::Mode::Challenge);
}

#[test]
fn a_risk_question_is_kept_with_the_reply() {
    // A scenario's `RiskQuestion` reads the whole session in a debrief, so a resumed or reviewed
    // session must keep which reply asked it.
    let (_, _, rec) = tiny_session(&[
        Input::Choose(0),
        Input::Say("Are you having thoughts of ending your life?".into()),
        Input::Choose(0),
    ]);
    let asked: Vec<bool> = rec.turns.iter().map(|t| t.analysis.risk_question).collect();
    assert_eq!(asked, [false, true, false]);
}
