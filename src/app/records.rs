//! The app's link to the records store: saves every reply as it happens and offers sessions to resume.

use super::assets::Catalog;
use super::flow::ActiveSession;
use crate::dialogue::{Runner, Turn};
use crate::records::{SessionId, Store};
use crate::scenario::{EndingKind, Scenario};
use crate::scoring::RuleScorer;
use bevy::prelude::*;
use std::sync::Arc;

/// The records store, if it could be opened; problems are kept to show, never fatal.
#[derive(Resource, Default)]
pub struct Recorder {
    /// The store (`None` when it could not be opened).
    pub store: Option<Store>,
    /// Sessions started from now on are marked as scripted (autoplay).
    pub scripted: bool,
    /// The last problem, to show to the user.
    pub error: Option<String>,
}

impl Recorder {
    /// Opens the default store, or an in-memory one when `keep` is false.
    pub fn open(keep: bool) -> Self {
        let r = if keep {
            Store::open_default()
        } else {
            Store::open_in_memory()
        };
        match r {
            Ok(store) => Recorder {
                store: Some(store),
                scripted: false,
                error: None,
            },
            Err(e) => Recorder {
                store: None,
                scripted: false,
                error: Some(format!("Your sessions cannot be saved: {e}")),
            },
        }
    }

    fn note<T>(&mut self, r: Result<T, crate::records::RecordsError>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                warn!("records: {e}");
                self.error = Some(format!("Saving failed: {e}"));
                None
            }
        }
    }

    /// Starts recording a session in a mode; returns its id.
    pub fn start(
        &mut self,
        scenario: &Scenario,
        seed: u64,
        mode: crate::dialogue::Mode,
    ) -> Option<i64> {
        let scripted = self.scripted;
        let store = self.store.as_mut()?;
        let r = store
            .start_session(scenario, seed, scripted, None)
            .and_then(|id| store.set_mode(id, mode).map(|()| id));
        self.note(r).map(|id| id.0)
    }

    /// Saves one reply and the runner state, in one transaction.
    pub fn save_reply(&mut self, id: i64, turn: &Turn, state: &str) {
        if let Some(store) = self.store.as_mut() {
            let r = store.save_reply(SessionId(id), turn, state);
            self.note(r);
        }
    }

    /// Marks the session finished.
    pub fn finish(&mut self, id: i64, kind: EndingKind, node: &str) {
        if let Some(store) = self.store.as_mut() {
            let r = store.finish_session(SessionId(id), kind, node);
            self.note(r);
        }
    }

    /// Records the mood thermometer before the session.
    pub fn mood_before(&mut self, id: i64, mood: u8) {
        if let Some(store) = self.store.as_mut() {
            let r = store.set_mood_before(SessionId(id), mood);
            self.note(r);
        }
    }

    /// Rebuilds a session from its last saved state.
    pub fn resume(&mut self, id: i64, catalog: &Catalog) -> Option<ActiveSession> {
        let store = self.store.as_ref()?;
        let summary = store.sessions().ok()?.into_iter().find(|s| s.id.0 == id)?;
        let state = store.resume_state(SessionId(id)).ok()??;
        let entry = catalog.entries.iter().find(|e| {
            e.scenario
                .as_ref()
                .is_some_and(|s| s.id == summary.scenario_id)
        })?;
        let scenario = entry.scenario.clone()?;
        let runner = match Runner::restore_str(scenario.clone(), &state) {
            Ok(r) => r,
            Err(e) => {
                self.error = Some(format!("That session cannot be resumed: {e}"));
                return None;
            }
        };
        Some(ActiveSession {
            last: runner.state().transcript.last().cloned(),
            runner,
            scorer: Arc::new(RuleScorer::for_scenario(&scenario)),
            path: entry.path.clone(),
            revealed: 0.0,
            crisis: false,
            notice: Some("Welcome back — you're where you left off.".into()),
            record: Some(id),
            generation: entry.generation,
        })
    }
}
