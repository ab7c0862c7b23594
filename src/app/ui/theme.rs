//! Colours and visuals: light and dark themes, score and meter colours, text size.

use bevy_egui::egui::{self, Color32};

/// Applies the theme and text size to a context.
pub fn apply(ctx: &egui::Context, dark: bool, text_scale: f32) {
    let mut v = if dark {
        egui::Visuals::dark()
    } else {
        egui::Visuals::light()
    };
    v.window_corner_radius = egui::CornerRadius::same(8);
    if !dark {
        v.panel_fill = Color32::from_rgb(0xf7, 0xf5, 0xf1);
        v.window_fill = Color32::from_rgb(0xfd, 0xfc, 0xfa);
    }
    ctx.set_visuals(v);
    ctx.all_styles_mut(|style| {
        use egui::{FontFamily::Proportional, FontId, TextStyle};
        style.text_styles = [
            (TextStyle::Heading, FontId::new(22.0, Proportional)),
            (TextStyle::Body, FontId::new(15.0, Proportional)),
            (TextStyle::Button, FontId::new(15.0, Proportional)),
            (TextStyle::Small, FontId::new(12.0, Proportional)),
            (
                TextStyle::Monospace,
                FontId::new(13.0, egui::FontFamily::Monospace),
            ),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
        style.spacing.button_padding = egui::vec2(8.0, 4.0);
    });
    ctx.set_zoom_factor(text_scale.clamp(0.75, 2.0));
}

/// Green for strengths, amber for middling, red for pitfalls, by score 0–100.
pub fn score_colour(score: u8, dark: bool) -> Color32 {
    match (score, dark) {
        (70.., false) => Color32::from_rgb(0x2e, 0x7d, 0x32),
        (40..70, false) => Color32::from_rgb(0xb2, 0x6a, 0x00),
        (_, false) => Color32::from_rgb(0xc6, 0x28, 0x28),
        (70.., true) => Color32::from_rgb(0x81, 0xc7, 0x84),
        (40..70, true) => Color32::from_rgb(0xff, 0xb7, 0x4d),
        (_, true) => Color32::from_rgb(0xef, 0x9a, 0x9a),
    }
}

/// Highlight behind evidence words: green for strengths, red for pitfalls, grey otherwise.
pub fn evidence_colour(strength: Option<bool>, dark: bool) -> Color32 {
    match (strength, dark) {
        (Some(true), false) => Color32::from_rgb(0xc8, 0xe6, 0xc9),
        (Some(false), false) => Color32::from_rgb(0xff, 0xcd, 0xd2),
        (None, false) => Color32::from_rgb(0xe0, 0xe0, 0xe0),
        (Some(true), true) => Color32::from_rgb(0x1b, 0x5e, 0x20),
        (Some(false), true) => Color32::from_rgb(0x7f, 0x1d, 0x1d),
        (None, true) => Color32::from_rgb(0x42, 0x42, 0x42),
    }
}
