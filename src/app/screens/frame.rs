//! The frame every screen draws in: the content area below the top bar and a root `Ui` over it.

use bevy::prelude::*;

/// The area below the top bar, where the current screen draws (set by the top bar each frame).
#[derive(Resource, Debug, Clone, Copy)]
pub struct ContentRect(pub bevy_egui::egui::Rect);

impl Default for ContentRect {
    fn default() -> Self {
        ContentRect(bevy_egui::egui::Rect::NOTHING)
    }
}

/// A root `Ui` over the content area, for a screen's panels.
pub fn screen_ui(ctx: &bevy_egui::egui::Context, content: &ContentRect) -> bevy_egui::egui::Ui {
    use bevy_egui::egui;
    let rect = if content.0.is_positive() {
        content.0
    } else {
        ctx.viewport_rect()
    };
    egui::Ui::new(
        ctx.clone(),
        egui::Id::new("screen"),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(rect),
    )
}
