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

/// Below this calibrated probability a code is shown muted, as one the scorer is not sure of.
pub const SURE: f32 = 0.6;

/// A weaker version of a highlight colour, for codes the scorer is not sure of.
pub fn muted(c: Color32) -> Color32 {
    c.gamma_multiply(0.4)
}

/// A bar filled to `frac` (0–1) with `text` beside it, not on it: the number is drawn in the ordinary
/// text colour on the panel, so it stays readable whatever the fill (light or dark theme, any score).
pub fn bar_with_number(ui: &mut egui::Ui, frac: f32, fill: Color32, width: f32, text: &str) {
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = 6.0;
        ui.add(
            egui::ProgressBar::new(frac.clamp(0.0, 1.0))
                .desired_width(width)
                .desired_height(12.0)
                .fill(fill),
        );
        ui.add_sized(
            [44.0, 18.0],
            egui::Label::new(egui::RichText::new(text).strong().monospace()),
        );
    });
}

/// A colour for each line of a chart: the three scores in [`crate::scoring::Dimension::ALL`] order, then mood.
/// Chosen to be told apart from each other and to stand out on both themes' plot background.
pub fn series_colour(i: usize, dark: bool) -> Color32 {
    const LIGHT: [Color32; 4] = [
        Color32::from_rgb(0x15, 0x65, 0xc0),
        Color32::from_rgb(0xd8, 0x43, 0x15),
        Color32::from_rgb(0x6a, 0x1b, 0x9a),
        Color32::from_rgb(0x55, 0x55, 0x55),
    ];
    const DARK: [Color32; 4] = [
        Color32::from_rgb(0x64, 0xb5, 0xf6),
        Color32::from_rgb(0xff, 0x8a, 0x65),
        Color32::from_rgb(0xce, 0x93, 0xd8),
        Color32::from_rgb(0xbd, 0xbd, 0xbd),
    ];
    if dark { DARK[i % 4] } else { LIGHT[i % 4] }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG relative luminance of a colour (0 = black, 1 = white).
    pub fn luminance(c: Color32) -> f32 {
        let lin = |v: u8| {
            let s = v as f32 / 255.0;
            if s <= 0.03928 {
                s / 12.92
            } else {
                ((s + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(c.r()) + 0.7152 * lin(c.g()) + 0.0722 * lin(c.b())
    }

    /// WCAG contrast ratio between two colours (1–21; 4.5 is the minimum for body text).
    pub fn contrast(a: Color32, b: Color32) -> f32 {
        let (x, y) = (luminance(a), luminance(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    /// The visuals [`apply`] installs for a theme.
    fn visuals(dark: bool) -> egui::Visuals {
        let ctx = egui::Context::default();
        apply(&ctx, dark, 1.0);
        ctx.global_style().visuals.clone()
    }

    #[test]
    fn bar_numbers_have_text_contrast_on_both_themes() {
        // The numbers are strong text on the panel (`bar_with_number`), in the visuals the app installs.
        assert_eq!(
            visuals(false).panel_fill,
            Color32::from_rgb(0xf7, 0xf5, 0xf1)
        );
        for dark in [false, true] {
            let v = visuals(dark);
            let (fg, bg) = (v.strong_text_color(), v.panel_fill);
            assert!(
                contrast(fg, bg) >= 7.0,
                "{fg:?} on {bg:?}: {}",
                contrast(fg, bg)
            );
        }
    }

    #[test]
    fn series_colours_stand_out_on_the_plot_background() {
        // egui_plot paints its background with `extreme_bg_color`.
        for dark in [false, true] {
            let bg = visuals(dark).extreme_bg_color;
            for i in 0..4 {
                assert!(contrast(series_colour(i, dark), bg) >= 3.0, "{i} {dark}");
            }
        }
    }
}
