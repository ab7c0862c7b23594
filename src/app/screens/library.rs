//! The library screen plugin: shows the catalog and sessions to resume; starting one moves to Play.

use crate::app::assets::Catalog;
use crate::app::flow::{Action, Screen};
use crate::app::records::Recorder;
use crate::app::ui::library::{LibraryAction, LibraryState, Resumable, library};
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

#[derive(Resource, Default)]
struct LibraryUi(LibraryState);

/// Sessions to resume, read from the database on entering the library — not on every frame.
#[derive(Resource, Default)]
struct ResumableSessions(Vec<Resumable>);

fn load_resumable(recorder: Res<Recorder>, mut list: ResMut<ResumableSessions>) {
    list.0 = recorder
        .store
        .as_ref()
        .and_then(|s| s.unfinished().ok())
        .unwrap_or_default()
        .into_iter()
        .map(|s| (s.id, s.scenario_title, s.replies))
        .collect();
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<LibraryUi>()
        .init_resource::<ResumableSessions>()
        .add_systems(OnEnter(Screen::Library), load_resumable)
        .add_systems(
            EguiPrimaryContextPass,
            draw.run_if(in_state(Screen::Library))
                .in_set(crate::app::UiSet::Screen),
        );
}

fn draw(
    mut contexts: EguiContexts,
    content: Res<super::ContentRect>,
    catalog: Res<Catalog>,
    mut st: ResMut<LibraryUi>,
    resumable: Res<ResumableSessions>,
    mut actions: MessageWriter<Action>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut root = super::screen_ui(ctx, &content);
    egui::CentralPanel::default().show(&mut root, |ui| {
        match library(ui, &catalog, &mut st.0, &resumable.0) {
            Some(LibraryAction::Start(p)) => {
                actions.write(Action::SetMode(st.0.mode));
                actions.write(Action::Start(p));
            }
            Some(LibraryAction::Resume(id)) => {
                actions.write(Action::Resume(id));
            }
            None => {}
        }
    });
    Ok(())
}
