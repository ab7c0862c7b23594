//! The debrief screen plugin: shows the ending and the session's figures; try again, export, mood after.

use crate::app::flow::{Action, Screen, Session};
use crate::app::records::Recorder;
use crate::app::ui::debrief::{DebriefAction, DebriefFigures, DebriefModel, DebriefState, debrief};
use crate::dialogue::Prompt;
use crate::records::export::Format;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

#[derive(Resource, Default)]
struct DebriefUi {
    state: DebriefState,
    exported: Option<String>,
    /// The session's figures, computed once on entering the screen (the transcript no longer changes).
    figures: DebriefFigures,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<DebriefUi>()
        .add_systems(
            OnEnter(Screen::Debrief),
            |mut ui: ResMut<DebriefUi>, session: Res<Session>| {
                *ui = DebriefUi {
                    state: DebriefState {
                        mood: 5,
                        mood_saved: false,
                    },
                    exported: None,
                    figures: session
                        .active
                        .as_ref()
                        .map(|a| {
                            let d = &a.dialogue;
                            DebriefFigures::new(
                                &d.state().transcript,
                                &d.scenario().meters,
                                d.metrics(),
                            )
                        })
                        .unwrap_or_default(),
                }
            },
        )
        .add_systems(
            EguiPrimaryContextPass,
            draw.run_if(in_state(Screen::Debrief))
                .in_set(crate::app::UiSet::Screen),
        );
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
    let view = a.dialogue.view();
    let Prompt::Ending {
        kind,
        title,
        debrief: text,
    } = &view.prompt
    else {
        return Ok(());
    };
    let scenario = a.dialogue.scenario();
    let transcript = &a.dialogue.state().transcript;
    let st = &mut *st;
    let exported = st.exported.as_deref();
    let model = DebriefModel {
        kind: *kind,
        title,
        debrief: text,
        transcript,
        perspective: scenario.perspective,
        figures: &st.figures,
        exported,
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
            let format = if out == Some(DebriefAction::ExportJson) {
                Format::Json
            } else {
                Format::Markdown
            };
            st.exported = Some(match a.record {
                Some(id) => recorder.export_session(id, format),
                None => "This session was not recorded.".into(),
            });
        }
        Some(DebriefAction::MoodAfter(m)) => {
            if let Some(id) = a.record {
                recorder.mood_after(id, m);
            }
        }
        None => {}
    }
    Ok(())
}
