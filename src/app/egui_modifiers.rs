//! Stops bevy_egui's per-frame `ModifiersChanged` event from waking egui (and so Bevy) forever.
//!
//! bevy_egui 0.42's `write_egui_input_system` pushes `Event::ModifiersChanged` into egui's raw input
//! on every frame, changed or not. egui treats any input event as a reason to repaint at once
//! (`InputState::wants_repaint_after`), asks for a repaint, and bevy_egui's repaint callback sends
//! winit a `WakeUp` — which, under `WinitSettings::desktop_app()`, runs the next frame. The loop
//! never ends: about 35 redraws a second and a whole core on an empty window. egui carries the
//! modifier state over between passes, so dropping the event when nothing changed loses nothing.

use bevy::prelude::*;
use bevy_egui::{EguiInput, EguiInputSet, EguiPreUpdateSet, egui};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        PreUpdate,
        drop_unchanged_modifiers
            .in_set(EguiPreUpdateSet::ProcessInput)
            .after(EguiInputSet::WriteEguiEvents),
    );
}

/// Removes `ModifiersChanged` events that repeat the last modifiers egui was told about.
pub fn drop_unchanged_modifiers(
    mut inputs: Query<(Entity, &mut EguiInput)>,
    mut last: Local<bevy::platform::collections::HashMap<Entity, egui::Modifiers>>,
) {
    for (entity, mut input) in &mut inputs {
        let prev = last.get(&entity).copied();
        let mut latest = prev;
        input.0.events.retain(|e| match e {
            egui::Event::ModifiersChanged(m) => {
                let keep = latest != Some(*m);
                latest = Some(*m);
                keep
            }
            _ => true,
        });
        if let Some(m) = latest {
            last.insert(entity, m);
        }
    }
}
