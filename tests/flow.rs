//! Screen flow, headless: MinimalPlugins, the app's plugins, `app.update()`, and the same `Action` messages the screens send.
#![cfg(feature = "gui")]

use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use rapport::app::assets::{Catalog, ScenarioFile};
use rapport::app::autoplay::Autoplay;
use rapport::app::flow::{Action, NextSeed, Screen, Session};
use rapport::dialogue::Input;
use rapport::scenario::{load_file, load_str};
use std::path::{Path, PathBuf};
use std::sync::Arc;

const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/scenarios/role-disputes/dishes-again.ron"
);

fn file(path: &Path, src: Option<&str>) -> ScenarioFile {
    let r = match src {
        Some(s) => load_str(s, path),
        None => load_file(path),
    };
    ScenarioFile {
        path: path.to_path_buf(),
        scenario: r.scenario.map(Arc::new),
        diagnostics: r.diagnostics,
    }
}

fn app() -> App {
    // Records in memory and settings inserted up front: nothing touches a real user's files.
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, StatesPlugin));
    app.insert_resource(rapport::app::records::Recorder::open(false));
    app.insert_resource(rapport::app::settings::Settings::default());
    app.add_plugins(rapport::app::plugin);
    let mut c = Catalog::default();
    c.apply(&file(Path::new(SAMPLE), None));
    app.insert_resource(c);
    app.insert_resource(NextSeed(Some(3)));
    app.update();
    app
}

fn send(app: &mut App, a: Action) {
    app.world_mut().write_message(a);
    app.update();
    app.update();
}

/// Picks the option at this position in the scenario file (the screen shuffles options per seed).
fn pick(app: &mut App, file_index: usize) {
    let i = dialogue(app)
        .options()
        .iter()
        .find(|o| o.file_index == file_index)
        .map(|o| o.index)
        .expect("the option is shown");
    send(app, Action::Reply(Input::Choose(i)));
}

fn screen(app: &App) -> Screen {
    *app.world().resource::<State<Screen>>().get()
}

/// The session being played.
fn dialogue(app: &App) -> &rapport::dialogue::Session {
    &app.world()
        .resource::<Session>()
        .active
        .as_ref()
        .expect("a session is active")
        .dialogue
}

fn node(app: &App) -> String {
    dialogue(app).state().node.clone()
}

#[test]
fn library_to_play_to_debrief_and_back() {
    let mut app = app();
    assert_eq!(screen(&app), Screen::Library);
    send(&mut app, Action::Start(SAMPLE.into()));
    assert_eq!(screen(&app), Screen::Play);
    assert_eq!(node(&app), "opening");
    for _ in 0..3 {
        pick(&mut app, 1);
    }
    assert_eq!(node(&app), "end_hard");
    assert_eq!(screen(&app), Screen::Debrief);
    // every reply was recorded as it happened
    let rec = app.world().resource::<rapport::app::records::Recorder>();
    let sessions = rec.store.as_ref().unwrap().sessions().unwrap();
    assert_eq!(sessions[0].replies, 3);
    assert!(sessions[0].ending.is_some());
    send(&mut app, Action::TryAgain);
    assert_eq!(screen(&app), Screen::Play);
    assert_eq!(node(&app), "opening");
    send(&mut app, Action::Leave);
    assert_eq!(screen(&app), Screen::Library);
    assert!(app.world().resource::<Session>().active.is_none());
}

#[test]
fn a_left_session_can_be_resumed_where_it_stopped() {
    let mut app = app();
    send(&mut app, Action::Start(SAMPLE.into()));
    pick(&mut app, 1);
    assert_eq!(node(&app), "defensive");
    send(&mut app, Action::Leave);
    let id = {
        let rec = app.world().resource::<rapport::app::records::Recorder>();
        rec.store.as_ref().unwrap().unfinished().unwrap()[0].id
    };
    send(&mut app, Action::Resume(id));
    assert_eq!(screen(&app), Screen::Play);
    assert_eq!(node(&app), "defensive");
}

#[test]
fn hot_reload_keeps_the_session_and_the_last_good_version() {
    let mut app = app();
    send(&mut app, Action::Start(SAMPLE.into()));
    pick(&mut app, 1);
    let src = std::fs::read_to_string(SAMPLE).unwrap();
    // A good edit: the line changes under the player's feet, the session goes on.
    let edited = src.replace(
        "Seriously? I cooked on Sunday.",
        "Really? I cooked on Sunday.",
    );
    app.world_mut()
        .resource_mut::<Catalog>()
        .apply(&file(Path::new(SAMPLE), Some(&edited)));
    app.update();
    {
        let s = app.world().resource::<Session>();
        let a = s.active.as_ref().unwrap();
        assert_eq!(a.dialogue.state().node, "defensive");
        assert!(a.dialogue.scenario().node("defensive").unwrap().lines[0].starts_with("Really?"));
        assert!(a.notice.as_deref().unwrap().contains("reloaded"));
    }
    // A broken edit: diagnostics shown, last good version kept, session untouched.
    let broken = src.replace("to: \"repaired\"", "to: \"repiared\"");
    app.world_mut()
        .resource_mut::<Catalog>()
        .apply(&file(Path::new(SAMPLE), Some(&broken)));
    app.update();
    let cat = app.world().resource::<Catalog>();
    let e = cat.get(Path::new(SAMPLE)).unwrap();
    assert!(e.broken && e.scenario.is_some());
    assert!(e.diagnostics.iter().any(|d| d.code == "unknown-target"));
    let s = app.world().resource::<Session>();
    let a = s.active.as_ref().unwrap();
    assert_eq!(a.dialogue.state().node, "defensive");
    assert!(a.notice.as_deref().unwrap().contains("last good version"));
    send_ok(&mut app);
}

fn send_ok(app: &mut App) {
    pick(app, 0);
    assert_eq!(node(app), "repaired");
}

#[test]
fn autoplay_drives_the_same_actions_to_the_ending() {
    let mut app = app();
    let plan = PathBuf::from(SAMPLE).with_extension("test.ron");
    let auto = Autoplay::from_args(&plan, Some("poor"), None, true).unwrap();
    // the catalog holds the canonical path autoplay looks for
    let canon = PathBuf::from(SAMPLE).canonicalize().unwrap();
    app.world_mut()
        .resource_mut::<Catalog>()
        .apply(&file(&canon, None));
    app.insert_resource(auto);
    for _ in 0..200 {
        app.update();
        if app.should_exit().is_some() {
            break;
        }
    }
    assert_eq!(app.should_exit(), Some(AppExit::Success));
    assert_eq!(node(&app), "end_hard");
}

#[test]
fn a_session_started_in_challenge_mode_plays_and_resumes_in_it() {
    let mut app = app();
    send(
        &mut app,
        Action::SetMode(rapport::dialogue::Mode::Challenge),
    );
    send(&mut app, Action::Start(SAMPLE.into()));
    let mode = |app: &App| dialogue(app).mode();
    assert_eq!(mode(&app), rapport::dialogue::Mode::Challenge);
    pick(&mut app, 1);
    send(&mut app, Action::Leave);
    let (id, stored) = {
        let rec = app.world().resource::<rapport::app::records::Recorder>();
        let s = &rec.store.as_ref().unwrap().unfinished().unwrap()[0];
        (s.id, s.mode)
    };
    assert_eq!(stored, rapport::dialogue::Mode::Challenge);
    send(&mut app, Action::Resume(id));
    assert_eq!(mode(&app), rapport::dialogue::Mode::Challenge);
}
