//! One plugin per screen; each draws its egui function and turns what it returns into [`Action`](super::flow::Action)s.

pub mod debrief;
mod frame;
pub mod history;
pub mod library;
pub mod play;
pub mod topbar;

use bevy::prelude::*;

pub use frame::{ContentRect, screen_ui};

pub(super) fn plugin(app: &mut App) {
    app.add_plugins((
        topbar::plugin,
        library::plugin,
        play::plugin,
        debrief::plugin,
        history::plugin,
    ));
}
