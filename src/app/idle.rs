//! Keeps an idle window idle: stops bevy_egui's per-frame `ModifiersChanged` event from waking egui (and so Bevy) forever.
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
    )
    .add_systems(Last, redraw_on_change)
    .add_systems(Startup, watch_scenario_files);
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

/// Wakes the idle event loop when a scenario file changes on disk, so hot reload shows at once.
///
/// Bevy's asset watcher queues the change, but its events are only handled when a frame runs, and an
/// idle `desktop_app` window runs none. A background thread compares the files' modification times
/// once a second (a few dozen `stat` calls) and sends winit a wake-up when one moves.
pub fn watch_scenario_files(
    sources: Res<super::assets::ScenarioSources>,
    proxy: Option<Res<bevy::winit::EventLoopProxyWrapper>>,
) {
    let Some(proxy) = proxy else { return };
    let proxy: bevy::winit::EventLoopProxy<bevy::winit::WinitUserEvent> = (**proxy).clone();
    let dirs: Vec<std::path::PathBuf> = sources.sources.iter().map(|(_, d)| d.clone()).collect();
    let stamp = move || -> Vec<(std::path::PathBuf, Option<std::time::SystemTime>)> {
        crate::scenario::discover(&dirs)
            .into_iter()
            .map(|p| {
                let t = std::fs::metadata(&p).and_then(|m| m.modified()).ok();
                (p, t)
            })
            .collect()
    };
    let spawned = std::thread::Builder::new()
        .name("rapport-scenario-watch".into())
        .spawn(move || {
            let mut last = stamp();
            loop {
                std::thread::sleep(std::time::Duration::from_secs(1));
                let now = stamp();
                if now != last {
                    last = now;
                    // For two seconds: the watcher debounces, the file loads on a task, then the catalog updates.
                    for _ in 0..10 {
                        if proxy
                            .send_event(bevy::winit::WinitUserEvent::WakeUp)
                            .is_err()
                        {
                            return; // the app has closed
                        }
                        std::thread::sleep(std::time::Duration::from_millis(200));
                    }
                }
            }
        });
    if let Err(e) = spawned {
        warn!("cannot watch scenario files for changes: {e}");
    }
}
