//! The history screen plugin: lists recorded sessions and acts on delete and export requests.

use crate::app::flow::{Action, Screen};
use crate::app::records::Recorder;
use crate::app::ui::history::{HistoryAction, HistoryState, history};
use crate::records::export::Format;
use crate::records::{SessionId, SessionRecord, SessionSummary};
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

#[derive(Resource, Default)]
struct HistoryUi {
    state: HistoryState,
    sessions: Vec<SessionSummary>,
    best: Vec<(String, String, [f64; 3])>,
    open: Option<SessionRecord>,
    note: Option<String>,
    stale: bool,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<HistoryUi>()
        .add_systems(OnEnter(Screen::History), |mut ui: ResMut<HistoryUi>| {
            *ui = HistoryUi {
                stale: true,
                ..Default::default()
            };
        })
        .add_systems(
            EguiPrimaryContextPass,
            draw.run_if(in_state(Screen::History))
                .in_set(crate::app::UiSet::Screen),
        );
}

fn draw(
    mut contexts: EguiContexts,
    content: Res<super::ContentRect>,
    mut st: ResMut<HistoryUi>,
    mut recorder: ResMut<Recorder>,
    mut actions: MessageWriter<Action>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    // Reload from the database only when something changed, never every frame.
    if st.stale {
        st.stale = false;
        if let Some(store) = recorder.store.as_ref() {
            st.sessions = store.sessions().unwrap_or_default();
            st.best = store.best_per_scenario().unwrap_or_default();
            let open_id = st.open.as_ref().map(|o| o.summary.id);
            st.open = open_id.and_then(|id| store.session(id).ok());
        }
    }
    let mut out = None;
    let st = &mut *st;
    let mut root = super::screen_ui(ctx, &content);
    egui::CentralPanel::default().show(&mut root, |ui| {
        out = history(
            ui,
            &st.sessions,
            &st.best,
            st.open.as_ref(),
            &mut st.state,
            st.note.as_deref(),
        );
    });
    let Some(action) = out else { return Ok(()) };
    match action {
        HistoryAction::Back => {
            actions.write(Action::ToLibrary);
        }
        HistoryAction::Open(id) => {
            st.open = recorder.store.as_ref().and_then(|s| s.session(id).ok());
        }
        HistoryAction::Delete(id) => {
            if let Some(s) = recorder.store.as_mut() {
                st.note = Some(match s.delete_session(id) {
                    Ok(()) => "Session deleted.".into(),
                    Err(e) => format!("Delete failed: {e}"),
                });
            }
            st.open = None;
            st.stale = true;
        }
        HistoryAction::DeleteAll => {
            if let Some(s) = recorder.store.as_mut() {
                st.note = Some(match s.delete_all() {
                    Ok(()) => "All sessions deleted.".into(),
                    Err(e) => format!("Delete failed: {e}"),
                });
            }
            st.open = None;
            st.stale = true;
        }
        HistoryAction::ExportMarkdown(id) => {
            st.note = Some(recorder.export_session(id, Format::Markdown));
        }
        HistoryAction::ExportCsv => {
            let ids: Vec<SessionId> = st.sessions.iter().map(|s| s.id).collect();
            st.note = Some(recorder.export_sessions(&ids, Format::Csv));
        }
    }
    Ok(())
}
