//! Comfort and access settings (text size, theme, reduced motion, feedback shown), saved beside the records.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// The user's settings.
#[derive(Resource, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Text scale (1.0 = normal).
    pub text_scale: f32,
    /// Dark theme.
    pub dark: bool,
    /// No typewriter effect or animations.
    pub reduced_motion: bool,
    /// Show the feedback panel after each reply.
    pub show_feedback: bool,
    /// Show live feedback while typing.
    pub live_feedback: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            text_scale: 1.0,
            dark: false,
            reduced_motion: false,
            show_feedback: true,
            live_feedback: true,
        }
    }
}

impl Settings {
    fn path() -> Option<PathBuf> {
        crate::records::data_dir().map(|d| d.join("settings.ron"))
    }

    /// Loads saved settings, or the defaults.
    pub fn load() -> Self {
        Self::path()
            .and_then(|p| std::fs::read_to_string(p).ok())
            .and_then(|s| ron::from_str(&s).ok())
            .unwrap_or_default()
    }

    /// Saves the settings; failures are only logged (settings are a convenience).
    pub fn save(&self) {
        let Some(p) = Self::path() else { return };
        if let Some(dir) = p.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        if let Ok(s) = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
            && let Err(e) = std::fs::write(&p, s)
        {
            warn!("cannot save settings to {}: {e}", p.display());
        }
    }
}

/// Saves settings whenever they change (after start-up).
fn save_on_change(settings: Res<Settings>) {
    if settings.is_changed() && !settings.is_added() {
        settings.save();
    }
}

pub(super) fn plugin(app: &mut App) {
    if !app.world().contains_resource::<Settings>() {
        app.insert_resource(Settings::load());
    }
    app.add_systems(Update, save_on_change);
}
