//! The interface functions, driven with egui_kittest: widgets found by role and label, clicked and typed into.
#![cfg(feature = "gui")]

mod common;

use bevy_egui::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use rapport::app::assets::{Catalog, ScenarioFile};
use rapport::app::ui::debrief::{DebriefAction, DebriefModel, DebriefState, debrief};
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

#[test]
fn debrief_offers_try_again_and_export() {
    let mut r = sample_runner();
    for i in [1, 1, 1] {
        pick_file(&mut r, i);
    }
    assert!(r.is_finished());
    let mut h = Harness::new_ui_state(
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
            let m = DebriefModel {
                kind: *kind,
                title,
                debrief: text,
                transcript: &s.runner.state().transcript,
                meters: &s.runner.scenario().meters,
                perspective: s.runner.scenario().perspective,
                other_lines: vec![],
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
    );
    h.run();
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
