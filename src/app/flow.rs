//! Screen flow: the `Screen` states, the `Action` messages every screen (and autoplay) sends, and the session they drive — its whole life (start, resume, try again, reload, leave).

use super::assets::Catalog;
use super::records::Recorder;
use crate::dialogue::{Input, Turn};
use crate::records::SessionId;
use bevy::prelude::*;
use std::path::PathBuf;

/// The app's screens.
#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Screen {
    /// Choose a scenario.
    #[default]
    Library,
    /// A conversation in progress.
    Play,
    /// The ending and what to take from it.
    Debrief,
    /// Past sessions and progress.
    History,
}

/// Everything a user (or autoplay) can do. Screens only send these; [`apply_actions`] carries them out.
#[derive(Message, Debug, Clone, PartialEq)]
pub enum Action {
    /// Start the scenario in this file.
    Start(PathBuf),
    /// Resume a saved, unfinished session.
    Resume(SessionId),
    /// Reply: pick an option or send a typed reply (a typed reply is trimmed; a blank one is ignored).
    Reply(Input),
    /// Show the whole line at once.
    SkipReveal,
    /// Leave the conversation (it stays saved and can be resumed).
    Leave,
    /// Play the same scenario again from the start.
    TryAgain,
    /// Back to the library.
    ToLibrary,
    /// Open the history screen.
    OpenHistory,
    /// Close the crisis panel and go on.
    DismissCrisis,
    /// Record the mood thermometer (0–10) before the session.
    MoodBefore(u8),
    /// Play the next sessions in this mode (Practice or Challenge).
    SetMode(crate::dialogue::Mode),
}

/// A conversation in progress.
pub struct ActiveSession {
    /// The conversation: the runner with its scorer.
    pub dialogue: crate::dialogue::Session,
    /// The scenario file.
    pub path: PathBuf,
    /// Characters of the current line revealed so far (typewriter).
    pub revealed: f32,
    /// The last exchange, for the feedback panel.
    pub last: Option<Turn>,
    /// The crisis panel is showing.
    pub crisis: bool,
    /// A note to show once (e.g. a hot reload that could not be applied).
    pub notice: Option<String>,
    /// The records id of this session, if records are kept.
    pub record: Option<SessionId>,
    /// Generation of the catalog entry the runner was built from.
    pub generation: u32,
}

impl ActiveSession {
    /// Length of the current line in characters.
    pub fn line_len(&self) -> usize {
        self.dialogue.line().chars().count()
    }

    /// Whether the whole line is shown.
    pub fn fully_revealed(&self) -> bool {
        self.revealed as usize >= self.line_len()
    }
}

/// The session, if one is in progress or just ended.
#[derive(Resource, Default)]
pub struct Session {
    /// The conversation.
    pub active: Option<ActiveSession>,
}

/// Seed for the next session; tests and autoplay fix it.
#[derive(Resource, Debug, Clone, Copy)]
pub struct NextSeed(pub Option<u64>);

/// The mode new sessions start in (chosen in the library; `--mode` for autoplay).
#[derive(Resource, Debug, Clone, Copy, Default)]
pub struct NextMode(pub crate::dialogue::Mode);

pub(super) fn plugin(app: &mut App) {
    app.add_message::<Action>()
        .init_resource::<Session>()
        .init_resource::<Catalog>()
        .insert_resource(NextSeed(None))
        .init_resource::<NextMode>()
        .add_systems(Update, (apply_actions, follow_reload).chain());
}

/// Starts the scenario in `path` (a fixed seed for tests and autoplay, else a random one) and begins its record.
fn start(
    catalog: &Catalog,
    path: &std::path::Path,
    seed: Option<u64>,
    mode: crate::dialogue::Mode,
    recorder: &mut Recorder,
) -> Option<ActiveSession> {
    let entry = catalog.get(path)?;
    let scenario = entry.scenario.clone()?;
    let seed = seed.unwrap_or_else(rand::random);
    let record = recorder.start(&scenario, seed, mode);
    Some(ActiveSession {
        dialogue: crate::dialogue::Session::start_mode(scenario, seed, mode),
        path: path.to_path_buf(),
        revealed: 0.0,
        last: None,
        crisis: false,
        notice: None,
        record,
        generation: entry.generation,
    })
}

/// Rebuilds a recorded session from the state saved with its last reply, with the catalog's version of its scenario.
fn resume(catalog: &Catalog, id: SessionId, recorder: &mut Recorder) -> Option<ActiveSession> {
    let (scenario_id, state) = recorder.saved_state(id)?;
    let entry = catalog
        .entries
        .iter()
        .find(|e| e.scenario.as_ref().is_some_and(|s| s.id == scenario_id))?;
    let scenario = entry.scenario.clone()?;
    let dialogue = match crate::dialogue::Session::restore(scenario, &state) {
        Ok(d) => d,
        Err(e) => {
            recorder.error = Some(format!("That session cannot be resumed: {e}"));
            return None;
        }
    };
    Some(ActiveSession {
        last: dialogue.state().transcript.last().cloned(),
        dialogue,
        path: entry.path.clone(),
        revealed: 0.0,
        crisis: false,
        notice: Some("Welcome back — you're where you left off.".into()),
        record: Some(id),
        generation: entry.generation,
    })
}

/// Carries out actions: starts sessions, feeds the runner, records replies, moves between screens.
pub fn apply_actions(
    mut actions: MessageReader<Action>,
    catalog: Res<Catalog>,
    mut session: ResMut<Session>,
    mut next: ResMut<NextState<Screen>>,
    seed: Res<NextSeed>,
    mut mode: ResMut<NextMode>,
    mut recorder: ResMut<Recorder>,
) {
    for action in actions.read() {
        match action {
            Action::Start(path) => {
                if let Some(a) = start(&catalog, path, seed.0, mode.0, &mut recorder) {
                    session.active = Some(a);
                    next.set(Screen::Play);
                }
            }
            Action::Resume(id) => {
                if let Some(a) = resume(&catalog, *id, &mut recorder) {
                    session.active = Some(a);
                    next.set(Screen::Play);
                }
            }
            Action::Reply(input) => {
                let input = match input {
                    Input::Say(text) if text.trim().is_empty() => continue,
                    Input::Say(text) => Input::Say(text.trim().to_string()),
                    Input::Choose(i) => Input::Choose(*i),
                };
                if let Some(a) = session.active.as_mut()
                    && let Ok(out) = a.dialogue.input(input)
                {
                    after_reply(a, out.turn, out.ended, &mut recorder, &mut next);
                }
            }
            Action::SkipReveal => {
                if let Some(a) = session.active.as_mut() {
                    a.revealed = a.line_len() as f32;
                }
            }
            Action::DismissCrisis => {
                if let Some(a) = session.active.as_mut() {
                    a.crisis = false;
                    if a.dialogue.is_finished() {
                        next.set(Screen::Debrief);
                    }
                }
            }
            Action::Leave | Action::ToLibrary => {
                session.active = None;
                next.set(Screen::Library);
            }
            Action::TryAgain => {
                let path = session.active.as_ref().map(|a| a.path.clone());
                // Again in the same mode as the session just played.
                let m = session
                    .active
                    .as_ref()
                    .map_or(mode.0, |a| a.dialogue.mode());
                if let Some(a) = path.and_then(|p| start(&catalog, &p, seed.0, m, &mut recorder)) {
                    session.active = Some(a);
                    next.set(Screen::Play);
                }
            }
            Action::MoodBefore(m) => {
                if let Some(id) = session.active.as_ref().and_then(|a| a.record) {
                    recorder.mood_before(id, *m);
                }
            }
            Action::SetMode(m) => mode.0 = *m,
            Action::OpenHistory => {
                session.active = None;
                next.set(Screen::History);
            }
        }
    }
}

fn after_reply(
    a: &mut ActiveSession,
    turn: Turn,
    ended: bool,
    recorder: &mut Recorder,
    next: &mut NextState<Screen>,
) {
    if let Some(id) = a.record {
        recorder.save_reply(id, &turn, &a.dialogue.save());
    }
    a.crisis = turn.analysis.is_crisis();
    a.last = Some(turn);
    a.revealed = 0.0;
    if ended {
        if let Some(id) = a.record
            && let crate::dialogue::Prompt::Ending { kind, .. } = a.dialogue.view().prompt
        {
            recorder.finish(id, kind, &a.dialogue.state().node);
        }
        if !a.crisis {
            next.set(Screen::Debrief);
        }
    }
}

/// Hot reload: a session in progress picks up a good new version of its scenario; a broken one is kept off.
pub fn follow_reload(catalog: Res<Catalog>, mut session: ResMut<Session>) {
    if !catalog.is_changed() {
        return;
    }
    let Some(a) = session.active.as_mut() else {
        return;
    };
    let Some(entry) = catalog.get(&a.path) else {
        return;
    };
    if entry.generation == a.generation {
        return;
    }
    a.generation = entry.generation;
    if entry.broken {
        a.notice = Some(
            "The scenario file has errors; you are still playing the last good version.".into(),
        );
        return;
    }
    if let Some(s) = &entry.scenario {
        match a.dialogue.reload(s.clone()) {
            Ok(()) => {
                a.notice = Some("The scenario was updated on disk and reloaded.".into());
            }
            Err(e) => {
                a.notice = Some(format!(
                    "The scenario changed on disk but this session cannot move to it ({e}); carrying on with the version you started."
                ))
            }
        }
    }
}
