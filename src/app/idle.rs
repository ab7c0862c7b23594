//! The redraw policy of an idle window: a frame is drawn on input, during warm-up, or when something the screens show changed.
//!
//! The other two pieces that keep an idle window idle live with what they concern: the egui
//! workaround in [`super::egui_modifiers`], the file watcher that wakes the loop in [`super::assets`].

use bevy::prelude::*;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Last, redraw_on_change);
}

/// Frames drawn unconditionally after launch, while the window maps and egui settles its layout.
const WARM_UP_FRAMES: u32 = 10;

/// Asks for one more frame when something the screens show changed outside of input handling
/// (files loaded or reloaded, the session or screen moved on, settings changed) and during warm-up.
#[allow(clippy::too_many_arguments)] // a system: each parameter is a change it watches
pub fn redraw_on_change(
    catalog: Res<super::assets::Catalog>,
    session: Res<super::flow::Session>,
    screen: Res<State<super::flow::Screen>>,
    settings: Res<super::settings::Settings>,
    recorder: Res<super::records::Recorder>,
    mut frames: Local<u32>,
    mut redraw: MessageWriter<bevy::window::RequestRedraw>,
) {
    *frames = frames.saturating_add(1);
    if *frames < WARM_UP_FRAMES
        || catalog.is_changed()
        || session.is_changed()
        || screen.is_changed()
        || settings.is_changed()
        || recorder.is_changed()
    {
        redraw.write(bevy::window::RequestRedraw);
    }
}
