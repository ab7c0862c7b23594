//! The library screen plugin: shows the catalog and sessions to resume; starting one moves to Play.

use crate::app::assets::Catalog;
use crate::app::flow::{Action, Screen};
use crate::app::records::Recorder;
use crate::app::ui::library::{LibraryAction, LibraryState, library};
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

#[derive(Resource, Default)]
struct LibraryUi(LibraryState);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<LibraryUi>().add_systems(
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
    recorder: Res<Recorder>,
    mut actions: MessageWriter<Action>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let resumable: Vec<(i64, String, usize)> = recorder
        .store
        .as_ref()
        .and_then(|s| s.unfinished().ok())
        .unwrap_or_default()
        .into_iter()
        .map(|s| (s.id.0, s.scenario_title, s.replies))
        .collect();
    let mut root = super::screen_ui(ctx, &content);
    egui::CentralPanel::default().show(&mut root, |ui| {
        match library(ui, &catalog, &mut st.0, &resumable) {
            Some(LibraryAction::Start(p)) => {
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
