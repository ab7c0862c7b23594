//! The play screen plugin: presents the runner's view, reveals lines progressively, and forwards picks and replies.

use crate::app::flow::{Action, Screen, Session};
use crate::app::settings::Settings;
use crate::app::ui::play::{PlayAction, PlayModel, PlayState, play};
use bevy::prelude::*;
use bevy::window::RequestRedraw;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

/// The play screen's UI state.
#[derive(Resource, Default)]
pub struct PlayUi(pub PlayState);

/// Characters revealed per second by the typewriter.
const REVEAL_RATE: f32 = 70.0;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<PlayUi>()
        .add_systems(OnEnter(Screen::Play), |mut ui: ResMut<PlayUi>| {
            ui.0 = PlayState {
                mood_before: 5,
                ..PlayState::default()
            }
        })
        .add_systems(Update, reveal.run_if(in_state(Screen::Play)))
        .add_systems(
            EguiPrimaryContextPass,
            draw.run_if(in_state(Screen::Play))
                .in_set(crate::app::UiSet::Screen),
        );
}

/// Advances the typewriter; asks for another frame only while it runs.
fn reveal(
    time: Res<Time>,
    settings: Res<Settings>,
    mut session: ResMut<Session>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    // Look before touching: a mutable borrow would mark the session changed and cost a redraw.
    if session.active.as_ref().is_none_or(|a| a.fully_revealed()) {
        return;
    }
    let Some(a) = session.active.as_mut() else {
        return;
    };
    if settings.reduced_motion {
        a.revealed = a.line_len() as f32;
    } else {
        a.revealed += time.delta_secs().min(0.25) * REVEAL_RATE;
        redraw.write(RequestRedraw);
    }
}

fn draw(
    mut contexts: EguiContexts,
    content: Res<super::ContentRect>,
    session: Res<Session>,
    settings: Res<Settings>,
    mut st: ResMut<PlayUi>,
    mut actions: MessageWriter<Action>,
    catalog: Res<crate::app::assets::Catalog>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let Some(a) = session.active.as_ref() else {
        return Ok(());
    };
    // Hot reload of a broken edit: the diagnostics float over the conversation, which goes on.
    if let Some(e) = catalog.get(&a.path).filter(|e| e.broken) {
        egui::Window::new("This scenario's file has errors")
            .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-12.0, -12.0))
            .default_width(560.0)
            .collapsible(true)
            .show(ctx, |ui| {
                ui.label("You are still playing the last good version. Fix the file and save it; it reloads by itself.");
                egui::ScrollArea::both().max_height(260.0).show(ui, |ui| {
                    for d in e.diagnostics.iter().filter(|d| d.is_error()) {
                        crate::app::ui::library::diagnostic_text(ui, d);
                    }
                });
            });
    }
    let view = a.dialogue.view();
    let scenario = a.dialogue.scenario().clone();
    let model = PlayModel {
        view: &view,
        character: scenario.character(&view.speaker_id),
        transcript: &a.dialogue.state().transcript,
        revealed: a.revealed as usize,
        crisis: a.crisis,
        notice: a.notice.as_deref(),
    };
    let mut out = None;
    let mut root = super::screen_ui(ctx, &content);
    egui::CentralPanel::default().show(&mut root, |ui| {
        out = play(
            ui,
            &model,
            &mut st.0,
            &a.dialogue,
            // Challenge mode: feedback only in the debrief.
            settings.show_feedback && view.live_feedback,
            settings.live_feedback && view.live_feedback,
        );
    });
    match out {
        Some(PlayAction::Reply(input)) => {
            actions.write(Action::Reply(input));
        }
        Some(PlayAction::SkipReveal) => {
            actions.write(Action::SkipReveal);
        }
        Some(PlayAction::Leave) | Some(PlayAction::CloseCrisis(true)) => {
            actions.write(Action::Leave);
        }
        Some(PlayAction::CloseCrisis(false)) => {
            actions.write(Action::DismissCrisis);
        }
        Some(PlayAction::MoodBefore(m)) => {
            actions.write(Action::MoodBefore(m));
        }
        None => {}
    }
    Ok(())
}
