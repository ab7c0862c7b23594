//! The bar across the top of every screen: the name, history, and the comfort settings (text size, theme, reduced motion).

use crate::app::flow::{Action, Screen};
use crate::app::records::Recorder;
use crate::app::settings::Settings;
use crate::app::ui::theme;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<super::ContentRect>().add_systems(
        EguiPrimaryContextPass,
        (apply_theme, topbar)
            .chain()
            .in_set(crate::app::UiSet::TopBar),
    );
}

fn apply_theme(
    mut contexts: EguiContexts,
    settings: Res<Settings>,
    mut applied: Local<Option<(bool, f32)>>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let want = (settings.dark, settings.text_scale);
    if *applied != Some(want) {
        theme::apply(ctx, settings.dark, settings.text_scale);
        *applied = Some(want);
    }
    Ok(())
}

fn topbar(
    mut contexts: EguiContexts,
    mut content: ResMut<super::ContentRect>,
    mut settings: ResMut<Settings>,
    screen: Res<State<Screen>>,
    mut actions: MessageWriter<Action>,
    recorder: Res<Recorder>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut root = egui::Ui::new(
        ctx.clone(),
        egui::Id::new("root"),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    );
    egui::Panel::top("topbar").show(&mut root, |ui| {
        ui.horizontal(|ui| {
            ui.heading("Rapport");
            ui.label(egui::RichText::new("practise difficult conversations").weak());
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let mut s = settings.clone();
                ui.checkbox(&mut s.reduced_motion, "Reduced motion");
                ui.checkbox(&mut s.show_feedback, "Feedback");
                if ui.selectable_label(s.dark, "🌙 Dark").clicked() {
                    s.dark = !s.dark;
                }
                if ui
                    .button("A+")
                    .on_hover_text("Larger text (Ctrl +)")
                    .clicked()
                {
                    s.text_scale = (s.text_scale + 0.1).min(2.0);
                }
                if ui
                    .button("A−")
                    .on_hover_text("Smaller text (Ctrl −)")
                    .clicked()
                {
                    s.text_scale = (s.text_scale - 0.1).max(0.75);
                }
                if *screen.get() == Screen::Library && ui.button("History").clicked() {
                    actions.write(Action::OpenHistory);
                }
                if s != *settings {
                    *settings = s;
                }
            });
        });
        if let Some(e) = &recorder.error {
            ui.label(
                egui::RichText::new(e)
                    .small()
                    .color(egui::Color32::from_rgb(0xc6, 0x28, 0x28)),
            );
        }
    });
    content.0 = root.available_rect_before_wrap();
    Ok(())
}
