//! The interface as plain functions over `&mut egui::Ui`: no Bevy here, so every screen is testable with egui_kittest.

pub mod debrief;
pub mod feedback;
pub mod history;
pub mod library;
pub mod play;
pub mod portrait;
pub mod theme;

/// An x-axis label for a plot over replies or sessions: whole numbers from 1, nothing between them
/// ("reply 1.5" means nothing).
pub(crate) fn whole_number_label(
    m: egui_plot::GridMark,
    _range: &std::ops::RangeInclusive<f64>,
) -> String {
    if m.value >= 1.0 && m.value.fract() == 0.0 {
        format!("{:.0}", m.value)
    } else {
        String::new()
    }
}
