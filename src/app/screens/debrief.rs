//! The debrief screen plugin: shows the ending and the session's figures; try again, export, mood after.

use crate::app::flow::{Action, Screen, Session};
use crate::app::records::Recorder;
use crate::app::ui::debrief::{DebriefAction, DebriefModel, DebriefState, debrief};
use crate::dialogue::Prompt;
use crate::records::SessionId;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

#[derive(Resource, Default)]
struct DebriefUi {
    state: DebriefState,
    exported: Option<String>,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<DebriefUi>()
        .add_systems(OnEnter(Screen::Debrief), |mut ui: ResMut<DebriefUi>| {
            *ui = DebriefUi {
                state: DebriefState {
                    mood: 5,
                    mood_saved: false,
                },
                exported: None,
            }
        })
        .add_systems(
            EguiPrimaryContextPass,
            draw.run_if(in_state(Screen::Debrief))
                .in_set(crate::app::UiSet::Screen),
        );
}

/// Writes an export of a recorded session into the exports folder; returns the path or the problem.
pub fn export_session(recorder: &Recorder, id: i64, json: bool) -> String {
    let Some(store) = recorder.store.as_ref() else {
        return "records are not available".into();
    };
    let rec = match store.session(SessionId(id)) {
        Ok(r) => r,
        Err(e) => return format!("export failed: {e}"),
    };
    let (body, ext) = if json {
        (
            serde_json::to_string_pretty(&crate::records::export::json(&rec)).unwrap_or_default(),
            "json",
        )
    } else {
        (crate::records::export::markdown(&rec), "md")
    };
    let dir = crate::records::data_dir()
        .unwrap_or_else(std::env::temp_dir)
        .join("exports");
    let path = dir.join(format!("{}-session-{id}.{ext}", rec.summary.scenario_id));
    match std::fs::create_dir_all(&dir).and_then(|_| std::fs::write(&path, body)) {
        Ok(()) => path.display().to_string(),
        Err(e) => format!("export failed: {e}"),
    }
}

fn draw(
    mut contexts: EguiContexts,
    content: Res<super::ContentRect>,
    session: Res<Session>,
    mut st: ResMut<DebriefUi>,
    mut recorder: ResMut<Recorder>,
    mut actions: MessageWriter<Action>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let Some(a) = session.active.as_ref() else {
        return Ok(());
    };
    let view = a.runner.view();
    let Prompt::Ending {
        kind,
        title,
        debrief: text,
    } = &view.prompt
    else {
        return Ok(());
    };
    let scenario = a.runner.scenario();
    let transcript = &a.runner.state().transcript;
    let mut other_lines: Vec<&str> = transcript.iter().map(|t| t.line.as_str()).collect();
    other_lines.push(&view.line);
    let exported = st.exported.clone();
    let model = DebriefModel {
        kind: *kind,
        title,
        debrief: text,
        transcript,
        meters: &scenario.meters,
        perspective: scenario.perspective,
        other_lines,
        exported: exported.as_deref(),
    };
    let mut out = None;
    let mut root = super::screen_ui(ctx, &content);
    egui::CentralPanel::default().show(&mut root, |ui| {
        out = debrief(ui, &model, &mut st.state);
    });
    match out {
        Some(DebriefAction::TryAgain) => {
            actions.write(Action::TryAgain);
        }
        Some(DebriefAction::Library) => {
            actions.write(Action::ToLibrary);
        }
        Some(DebriefAction::ExportMarkdown) | Some(DebriefAction::ExportJson) => {
            let json = out == Some(DebriefAction::ExportJson);
            st.exported = Some(match a.record {
                Some(id) => export_session(&recorder, id, json),
                None => "this session was not recorded".into(),
            });
        }
        Some(DebriefAction::MoodAfter(m)) => {
            if let (Some(id), Some(store)) = (a.record, recorder.store.as_mut())
                && let Err(e) = store.set_mood_after(SessionId(id), m)
            {
                recorder.error = Some(format!("Saving failed: {e}"));
            }
        }
        None => {}
    }
    Ok(())
}
