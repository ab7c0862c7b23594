//! The app's link to the records store: persists only — saves every reply as it happens, reads back what `flow` resumes, writes exports.

use crate::dialogue::Turn;
use crate::records::export::{self, Format, Sessions};
use crate::records::{SessionId, Store};
use crate::scenario::{EndingKind, Scenario};
use bevy::prelude::*;

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
    ) -> Option<SessionId> {
        let scripted = self.scripted;
        let store = self.store.as_mut()?;
        let r = store
            .start_session(scenario, seed, scripted, None)
            .and_then(|id| store.set_mode(id, mode).map(|()| id));
        self.note(r)
    }

    /// Saves one reply and the runner state, in one transaction.
    pub fn save_reply(&mut self, id: SessionId, turn: &Turn, state: &str) {
        if let Some(store) = self.store.as_mut() {
            let r = store.save_reply(id, turn, state);
            self.note(r);
        }
    }

    /// Marks the session finished.
    pub fn finish(&mut self, id: SessionId, kind: EndingKind, node: &str) {
        if let Some(store) = self.store.as_mut() {
            let r = store.finish_session(id, kind, node);
            self.note(r);
        }
    }

    /// Records the mood thermometer before the session.
    pub fn mood_before(&mut self, id: SessionId, mood: u8) {
        if let Some(store) = self.store.as_mut() {
            let r = store.set_mood_before(id, mood);
            self.note(r);
        }
    }

    /// Records the mood thermometer after the session.
    pub fn mood_after(&mut self, id: SessionId, mood: u8) {
        if let Some(store) = self.store.as_mut() {
            let r = store.set_mood_after(id, mood);
            self.note(r);
        }
    }

    /// A recorded session's scenario id and the runner state saved with its last reply (for `flow` to resume it).
    pub fn saved_state(&self, id: SessionId) -> Option<(String, String)> {
        let store = self.store.as_ref()?;
        let summary = store.summary(id).ok()?;
        let state = store.resume_state(id).ok()??;
        Some((summary.scenario_id, state))
    }

    /// Exports one recorded session into the exports folder; the note to show.
    pub fn export_session(&self, id: SessionId, format: Format) -> String {
        let Some(store) = self.store.as_ref() else {
            return "Export failed: records are not available.".into();
        };
        match store.session(id) {
            Ok(rec) => {
                let name = format!(
                    "{}-session-{id}.{}",
                    rec.summary.scenario_id,
                    format.extension()
                );
                save(&name, Sessions::One(&rec), format)
            }
            Err(e) => format!("Export failed: {e}"),
        }
    }

    /// Exports these recorded sessions as one file into the exports folder; the note to show.
    pub fn export_sessions(&self, ids: &[SessionId], format: Format) -> String {
        let recs: Vec<_> = self
            .store
            .as_ref()
            .map(|s| ids.iter().filter_map(|id| s.session(*id).ok()).collect())
            .unwrap_or_default();
        let name = format!("rapport-sessions.{}", format.extension());
        save(&name, Sessions::All(&recs), format)
    }
}

/// Writes an export under this name in the exports folder, through [`export::write`].
fn save(name: &str, what: Sessions<'_>, format: Format) -> String {
    let path = export::exports_dir().join(name);
    match export::write(&path, what, format) {
        Ok(()) => format!("Saved to {}", path.display()),
        Err(e) => format!("Export failed: {e}"),
    }
}
