//! The interface as plain functions over `&mut egui::Ui`: no Bevy here, so every screen is testable with egui_kittest.

pub mod debrief;
pub mod feedback;
pub mod history;
pub mod library;
pub mod play;
pub mod portrait;
pub mod theme;
