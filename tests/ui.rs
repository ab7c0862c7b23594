//! The interface functions, driven with egui_kittest: widgets found by role and label, clicked and typed into.
#![cfg(feature = "gui")]

mod common;

use bevy_egui::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use rapport::app::assets::{Catalog, ScenarioFile};
use rapport::app::ui::debrief::{
    DebriefAction, DebriefFigures, DebriefModel, DebriefState, debrief,
};
use rapport::app::ui::library::{LibraryAction, LibraryState, library};
use rapport::app::ui::play::{PlayAction, PlayModel, PlayState, play};
use rapport::dialogue::{Input, Session};
use rapport::records::SessionId;
use rapport::scenario::load_file;
use std::path::PathBuf;
use std::sync::Arc;

const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/scenarios/role-disputes/dishes-again.ron"
);

fn catalog() -> Catalog {
    let mut c = Catalog::default();
    let r = load_file(std::path::Path::new(SAMPLE));
    c.apply(&ScenarioFile {
        path: SAMPLE.into(),
        scenario: r.scenario.map(Arc::new),
        diagnostics: r.diagnostics,
    });
    let bad = load_file(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/diagnostics/unknown-target.ron"),
    );
    c.apply(&ScenarioFile {
        path: "broken.ron".into(),
        scenario: None,
        diagnostics: bad.diagnostics,
    });
    c
}

#[derive(Default)]
struct Lib {
    st: LibraryState,
    action: Option<LibraryAction>,
}

#[test]
fn library_lists_by_area_and_starts_a_scenario() {
    let cat = catalog();
    let mut h = Harness::new_ui_state(
        |ui, s: &mut Lib| {
            if let Some(a) = library(ui, &cat, &mut s.st, &[]) {
                s.action = Some(a);
            }
        },
        Lib::default(),
    );
    h.run();
    h.get_by_label("Role disputes");
    h.get_by_label_contains("rehearse for myself");
    h.get_by_label_contains("cannot be played");
    h.get_by_label("The dishes, again").click();
    h.run();
    assert_eq!(h.state().action, Some(LibraryAction::Start(SAMPLE.into())));
}

#[test]
fn library_filter_hides_what_does_not_match() {
    let cat = catalog();
    let mut h = Harness::new_ui_state(
        |ui, s: &mut Lib| {
            library(ui, &cat, &mut s.st, &[]);
        },
        Lib::default(),
    );
    h.run();
    let input = h.get_by_role(egui::accesskit::Role::TextInput);
    input.focus();
    input.type_text("bereavement");
    h.run();
    assert_eq!(h.state().st.filter, "bereavement");
    assert!(h.query_by_label("The dishes, again").is_none());
}

#[test]
fn library_offers_sessions_to_resume() {
    let cat = catalog();
    let resumable = vec![(SessionId(7), "The dishes, again".to_string(), 2)];
    let mut h = Harness::new_ui_state(
        |ui, s: &mut Lib| {
            if let Some(a) = library(ui, &cat, &mut s.st, &resumable) {
                s.action = Some(a);
            }
        },
        Lib::default(),
    );
    h.run();
    h.get_by_label("Resume “The dishes, again”").click();
    h.run();
    assert_eq!(h.state().action, Some(LibraryAction::Resume(SessionId(7))));
}

struct Play {
    runner: Session,
    st: PlayState,
    action: Option<PlayAction>,
}

fn play_harness(runner: Session) -> Harness<'static, Play> {
    play_harness_with(runner, false)
}

fn play_harness_with(runner: Session, crisis: bool) -> Harness<'static, Play> {
    Harness::new_ui_state(
        move |ui, s: &mut Play| {
            let view = s.runner.view();
            let sc = s.runner.scenario().clone();
            let m = PlayModel {
                view: &view,
                character: sc.character(&view.speaker_id),
                transcript: &s.runner.state().transcript,
                revealed: usize::MAX,
                crisis,
                notice: None,
            };
            if let Some(a) = play(ui, &m, &mut s.st, &s.runner, true, true) {
                s.action = Some(a);
            }
        },
        Play {
            runner,
            st: PlayState::default(),
            action: None,
        },
    )
}

fn sample_runner() -> Session {
    Session::start(
        Arc::new(load_file(std::path::Path::new(SAMPLE)).scenario.unwrap()),
        1,
    )
}

/// Picks the option at this position in the scenario file (the screen shuffles options per seed).
fn pick_file(r: &mut Session, file_index: usize) {
    let i = r
        .options()
        .iter()
        .find(|o| o.file_index == file_index)
        .map(|o| o.index)
        .expect("the option is shown");
    r.choose(i).unwrap();
}

#[test]
fn options_are_buttons_and_number_keys_pick_them() {
    let r = sample_runner();
    let first: String = r.options()[0].text.chars().take(20).collect();
    let mut h = play_harness(r);
    h.run();
    h.get_by_label_contains(&format!("1. {first}")).click();
    h.run();
    assert_eq!(h.state().action, Some(PlayAction::Reply(Input::Choose(0))));
    h.state_mut().action = None;
    h.key_press(egui::Key::Num3);
    h.run();
    assert_eq!(h.state().action, Some(PlayAction::Reply(Input::Choose(2))));
}

#[test]
fn pause_leave_is_always_there() {
    let mut h = play_harness(sample_runner());
    h.run();
    h.get_by_label("⏸ Pause / leave").click();
    h.run();
    assert_eq!(h.state().action, Some(PlayAction::Leave));
}

#[test]
fn typing_shows_live_feedback_and_enter_sends() {
    let mut r = sample_runner();
    pick_file(&mut r, 2); // → the free-text node
    let mut h = play_harness(r);
    h.run();
    let input = h.get_by_role(egui::accesskit::Role::MultilineTextInput);
    input.focus();
    input.type_text("I feel worn out and I need help");
    h.run();
    h.get_by_label("As you type:");
    assert!(
        h.state().st.live.is_some(),
        "live analysis computed while typing"
    );
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(
        h.state().action,
        Some(PlayAction::Reply(Input::Say(
            "I feel worn out and I need help".into()
        )))
    );
}

#[test]
fn asking_for_help_shows_the_hint_and_sends_nothing() {
    let mut r = sample_runner();
    pick_file(&mut r, 2); // → the free-text node
    let hint = r.view().hint.expect("a free-text node has a hint");
    let mut h = play_harness(r);
    h.run();
    let input = h.get_by_role(egui::accesskit::Role::MultilineTextInput);
    input.focus();
    input.type_text("what should I say?");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    // No action means nothing reaches the runner (the harness never applies one; the transcript
    // could not tell).
    assert_eq!(h.state().action, None, "a request for help is not a reply");
    assert!(
        h.state().st.draft.is_empty(),
        "the box is cleared for the reply"
    );
    h.get_by_label_contains("What this moment asks for");
    h.get_by_label_contains("One way in: Say what you feel");
    assert!(
        h.query_all_by_label(&hint).count() >= 2,
        "the hint is shown in the help box as well as above the reply box"
    );
}

#[test]
fn feedback_on_the_last_reply_is_shown_and_collapsible() {
    let mut r = sample_runner();
    pick_file(&mut r, 1);
    let mut h = play_harness(r);
    h.run();
    h.get_by_label("Feedback on your last reply").click();
    h.run();
    assert!(h.state().st.hide_feedback);
}

struct Deb {
    runner: Session,
    st: DebriefState,
    action: Option<DebriefAction>,
}

/// The debrief of a finished session, drawn as the screen draws it.
fn debrief_harness(r: Session) -> Harness<'static, Deb> {
    assert!(r.is_finished());
    Harness::new_ui_state(
        |ui, s: &mut Deb| {
            let v = s.runner.view();
            let rapport::dialogue::Prompt::Ending {
                kind,
                title,
                debrief: text,
            } = &v.prompt
            else {
                panic!()
            };
            let transcript = &s.runner.state().transcript;
            let figures =
                DebriefFigures::new(transcript, &s.runner.scenario().meters, s.runner.metrics());
            let m = DebriefModel {
                kind: *kind,
                title,
                debrief: text,
                transcript,
                perspective: s.runner.scenario().perspective,
                figures: &figures,
                exported: None,
            };
            if let Some(a) = debrief(ui, &m, &mut s.st) {
                s.action = Some(a);
            }
        },
        Deb {
            runner: r,
            st: DebriefState::default(),
            action: None,
        },
    )
}

#[test]
fn debrief_offers_try_again_and_export() {
    let mut r = sample_runner();
    for i in [1, 1, 1] {
        pick_file(&mut r, i);
    }
    let mut h = debrief_harness(r);
    h.run();
    assert!(
        h.query_by_label(rapport::dialogue::CRISIS_REMINDER)
            .is_none()
    );
    h.get_by_label("The usual argument");
    h.get_by_label("Turning points");
    h.get_by_label("Export transcript (Markdown)").click();
    h.run();
    assert_eq!(h.state().action, Some(DebriefAction::ExportMarkdown));
    h.get_by_label("↻ Try again").click();
    h.run();
    assert_eq!(h.state().action, Some(DebriefAction::TryAgain));
}

#[test]
fn the_mood_thermometer_is_offered_before_the_first_reply() {
    let mut h = play_harness(sample_runner());
    h.run();
    h.get_by_label_contains("how are you feeling?");
    h.get_by_label("Save").click();
    h.run();
    assert_eq!(h.state().action, Some(PlayAction::MoodBefore(0)));
    assert!(h.query_by_label_contains("how are you feeling?").is_none());
}

#[test]
fn a_crisis_reply_brings_a_calm_panel_instead_of_a_score() {
    let mut r = sample_runner();
    pick_file(&mut r, 2);
    r.say("I don't want to be alive anymore").unwrap();
    assert!(r.state().transcript.last().unwrap().analysis.is_crisis());
    let mut h = play_harness_with(r, true);
    h.run();
    h.get_by_label("You matter, and you don't have to carry this alone");
    h.get_by_label_contains("988");
    assert!(h.query_by_label("Feedback on your last reply").is_none());
    h.get_by_label("Back to the conversation").click();
    h.run();
    assert_eq!(h.state().action, Some(PlayAction::CloseCrisis(false)));
}

#[test]
fn the_debrief_shows_the_help_again_after_a_crisis_reply() {
    // A twelfth play test: a disclosure on the way, then a good ending that never came back to it.
    let mut r = sample_runner();
    pick_file(&mut r, 2);
    r.say("I don't want to be alive anymore").unwrap();
    for _ in 0..12 {
        if r.is_finished() {
            break;
        }
        if r.options().is_empty() {
            r.say("I feel hurt when plans change, and I'd like us to talk about it.")
                .unwrap();
        } else {
            let i = r.options()[0].index;
            r.choose(i).unwrap();
        }
    }
    let mut h = debrief_harness(r);
    h.run();
    h.get_by_label(rapport::dialogue::CRISIS_REMINDER);
    h.get_by_label_contains("988");
}

fn analysed(text: &str) -> rapport::scoring::Analysis {
    use rapport::scoring::{Perspective, Reply, RuleScorer, Scorer};
    RuleScorer::builtin().analyse(Reply::typed(text, None, Perspective::Client))
}

#[test]
fn score_numbers_sit_beside_their_bars() {
    let a = analysed("I feel hurt when plans change, and I'd like us to talk about it.");
    let mut h = Harness::new_ui(|ui| {
        rapport::app::ui::feedback::feedback(
            ui,
            "I feel hurt when plans change, and I'd like us to talk about it.",
            &a,
        )
    });
    h.run();
    // Each score is its own label (drawn on the panel, not on the bar's fill).
    for s in [
        a.scores.assertiveness,
        a.scores.active_listening,
        a.scores.conflict_resolution,
    ] {
        assert!(
            !h.query_all_by_label(&s.to_string())
                .collect::<Vec<_>>()
                .is_empty()
        );
    }
}

#[test]
fn a_reply_that_gave_nothing_to_answer_shows_why_and_no_scores() {
    use egui_kittest::kittest::By;
    use rapport::scoring::RuleScorer;
    use rapport::scoring::unanswerable::Unanswerable;
    let mut a = analysed("?");
    let why = Unanswerable::NoWords;
    a.mark_unanswerable(why, RuleScorer::builtin().tips().unanswerable(why));
    let tip = a.tips.first().map(|t| format!("Try: {}", t.text));
    let mut h = Harness::new_ui(|ui| rapport::app::ui::feedback::feedback(ui, "?", &a));
    h.run();
    h.get(By::new().label_contains("Not scored: punctuation alone"));
    for d in rapport::scoring::Dimension::ALL {
        assert!(h.query_by_label(d.label()).is_none(), "{d:?} shown");
    }
    h.get_by_label(&tip.expect("a tip for punctuation alone"));
}

#[test]
fn codes_the_scorer_is_unsure_of_are_muted_with_a_hover_text() {
    use rapport::scoring::Confidence;
    let mut a = analysed("I feel hurt when plans change, and I'd like us to talk about it.");
    assert!(a.codes.len() >= 2, "{:?}", a.codes);
    let (unsure, sure) = (a.codes[0], a.codes[1]);
    a.confidence = vec![
        Confidence {
            code: unsure,
            permille: 450,
        },
        Confidence {
            code: sure,
            permille: 930,
        },
    ];
    let mut h = Harness::new_ui(|ui| {
        ui.ctx()
            .all_styles_mut(|s| s.interaction.tooltip_delay = 0.0);
        rapport::app::ui::feedback::code_chips(ui, &a)
    });
    h.run();
    h.get_by_label(sure.label());
    h.get_by_label(unsure.label()).hover();
    h.run();
    h.get_by_label("the scorer is not sure (45%)");
    h.get_by_label(sure.label()).hover();
    h.run();
    assert!(
        h.query_by_label_contains("the scorer is not sure")
            .is_none()
    );
}

/// Seconds since 1970 now.
fn now_secs() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// The history screen over `sessions`, with `open` shown in detail, `height` points tall.
fn history_harness(
    sessions: Vec<rapport::records::SessionSummary>,
    open: Option<rapport::records::SessionRecord>,
    height: f32,
) -> Harness<'static, rapport::app::ui::history::HistoryState> {
    use rapport::app::ui::history::{HistoryState, history};
    let mut h = Harness::new_ui_state(
        move |ui, st: &mut HistoryState| {
            history(ui, &sessions, &[], open.as_ref(), st, None);
        },
        HistoryState::default(),
    );
    h.set_size(egui::vec2(1000.0, height));
    h
}

fn summary(id: i64, started_at: i64, means: [f64; 3]) -> rapport::records::SessionSummary {
    rapport::records::SessionSummary {
        id: SessionId(id),
        scenario_id: "dishes-again".into(),
        scenario_title: "The dishes, again".into(),
        area: rapport::scenario::Area::RoleDispute,
        perspective: rapport::scoring::Perspective::Client,
        seed: 1,
        started_at,
        finished_at: Some(started_at + 300),
        ending: Some(rapport::scenario::EndingKind::Good),
        ending_node: None,
        replies: 3,
        means: Some(means),
        mood_before: None,
        mood_after: Some(6),
        scripted: false,
        mode: Default::default(),
    }
}

#[test]
fn history_shows_friendly_dates_and_a_note_with_one_session() {
    let now = now_secs();
    let sessions = vec![summary(1, now - 60, [72.0, 55.0, 64.0])];
    let mut h = history_harness(sessions, None, 700.0);
    h.run();
    // A minute ago is today (or, just after midnight, yesterday) — never a raw UTC stamp.
    assert!(
        h.query_by_label_contains("Today ").is_some()
            || h.query_by_label_contains("Yesterday ").is_some()
    );
    let raw = rapport::records::iso8601(now - 60);
    assert!(h.query_by_label_contains(&raw[..10]).is_none(), "{raw}");
    h.get_by_label_contains("play more sessions to see a trend");
    // The legend is under the chart, as labels.
    h.get_by_label("Assertiveness");
    h.get_by_label("mood after ×10");
}

/// The progress chart counts finished sessions the user played: a session left half-way and an
/// autoplayed run are listed but not charted, and the note says so.
#[test]
fn progress_leaves_out_unfinished_and_scripted_sessions() {
    let now = now_secs();
    let mut unfinished = summary(1, now - 600, [60.0, 70.0, 55.0]);
    unfinished.finished_at = None;
    unfinished.ending = None;
    let mut scripted = summary(2, now - 300, [60.0, 70.0, 55.0]);
    scripted.scripted = true;
    let sessions = vec![scripted, unfinished];
    let mut h = history_harness(sessions, None, 700.0);
    h.run();
    h.get_by_label_contains("No finished sessions yet");
    assert!(h.query_by_label_contains("unfinished").is_some());
}

/// An open session's transcript says, under a clarify, which line the reply after it answered.
#[test]
fn history_says_which_line_a_reply_after_a_clarify_answered() {
    let now = now_secs();
    let sessions = vec![summary(1, now - 60, [60.0, 70.0, 55.0])];
    let turn = |line: &str, asked: Option<&str>, reply: &str| rapport::dialogue::Turn {
        node: "n".into(),
        speaker: "Sam".into(),
        line: line.into(),
        asked: asked.map(str::to_string),
        reply: reply.into(),
        kind: rapport::dialogue::ReplyKind::Typed,
        analysis: analysed(reply),
        to: "n".into(),
        route: None,
        meter_deltas: Default::default(),
        outcome: Default::default(),
    };
    let rec = rapport::records::SessionRecord {
        summary: sessions[0].clone(),
        turns: vec![
            turn("I'm wiped out after the late shifts.", None, "1"),
            turn(
                "Sorry — what do you mean?",
                Some("I'm wiped out after the late shifts."),
                "Those shifts are wrecking you.",
            ),
        ],
    };
    let mut h = history_harness(sessions, Some(rec), 900.0);
    h.run();
    h.get_by_label("2. Sorry — what do you mean?");
    h.get_by_label("(read as an answer to: I'm wiped out after the late shifts.)");
    assert_eq!(
        h.query_all_by_label_contains("read as an answer to")
            .count(),
        1
    );
}

#[test]
fn the_therapist_debrief_shows_the_miti_globals_as_estimates() {
    let transcript: Vec<rapport::dialogue::Turn> = [
        "It sounds like you're worn out and still hoping things can change.",
        "What would you like to be different?",
        "You've kept going through a lot — that takes strength.",
    ]
    .iter()
    .map(|r| rapport::dialogue::Turn {
        node: "n".into(),
        speaker: "Client".into(),
        line: "I am so tired of all of it.".into(),
        asked: None,
        reply: r.to_string(),
        kind: rapport::dialogue::ReplyKind::Typed,
        analysis: analysed(r),
        to: "n".into(),
        route: None,
        meter_deltas: Default::default(),
        outcome: Default::default(),
    })
    .collect();
    let mut st = DebriefState::default();
    let replies: Vec<(&str, &rapport::scoring::Analysis)> = transcript
        .iter()
        .map(|t| (t.reply.as_str(), &t.analysis))
        .collect();
    let metrics = rapport::scoring::metrics::SessionMetrics::compute(
        &replies,
        &["I am so tired of all of it."],
    );
    let figures = DebriefFigures::new(&transcript, &[], metrics);
    let mut h = Harness::new_ui(|ui| {
        let m = DebriefModel {
            kind: rapport::scenario::EndingKind::Good,
            title: "Done",
            debrief: "",
            transcript: &transcript,
            perspective: rapport::scoring::Perspective::Therapist,
            figures: &figures,
            exported: None,
        };
        debrief(ui, &m, &mut st);
    });
    h.set_size(egui::vec2(1000.0, 1400.0));
    h.run();
    h.get_by_label("MITI 4.2.1 summary");
    h.get_by_label("MI-adherent / non-adherent");
    h.get_by_label("Global ratings — estimates");
    h.get_by_label_contains("Rapport only estimates them");
    for name in [
        "Cultivating change talk: ≈",
        "Softening sustain talk: ≈",
        "Partnership: ≈",
        "Empathy: ≈",
        "Technical ≈",
    ] {
        h.get_by_label_contains(name);
    }
    // Each estimate says what it rests on.
    assert!(h.query_all_by_label_contains("estimated from").count() >= 4);
}

#[test]
fn a_long_explanation_wraps_beside_its_bar_inside_the_panel() {
    use egui_kittest::kittest::By;
    let mut a = analysed("I hear you");
    a.explanations[1] =
        "Active listening 50: acknowledging their view found but not counted — the conversation \
        took no route for it. Conflict resolution 50: the same again, and a good deal more to say."
            .to_string();
    let explanation = a.explanations[1].clone();
    let width = 700.0;
    let mut h = Harness::builder()
        .with_size(egui::Vec2::new(width, 400.0))
        .build_ui(|ui| rapport::app::ui::feedback::feedback(ui, "I hear you", &a));
    h.run();
    let rect = h.get(By::new().label(&explanation)).rect();
    assert!(
        rect.right() <= width,
        "the explanation runs past the panel: {rect:?}"
    );
}
