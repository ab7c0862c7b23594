//! The window and the plugins (`gui` feature only): the egui system order, the app's plugin set, the scenario folders, and `run`.

use super::{Options, assets, autoplay, egui_modifiers, flow, idle, records, screens, settings};
use bevy::asset::AssetMetaCheck;
use bevy::prelude::*;
use bevy::window::WindowResizeConstraints;
use bevy::winit::WinitSettings;
use bevy_egui::{EguiPlugin, EguiPrimaryContextPass};
use std::path::PathBuf;
use std::process::ExitCode;

/// Order of the egui systems within a frame. Add a variant where a new layer of UI belongs; the chain is set once in [`plugin`].
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UiSet {
    /// The bar across the top (and the theme), drawn first so panels nest correctly.
    TopBar,
    /// The current screen.
    Screen,
}

/// Everything but the window, renderer and egui: flow, assets, screens, settings, autoplay. Used by `run` and by headless tests.
pub fn plugin(app: &mut App) {
    app.init_state::<flow::Screen>();
    // Registered by WindowPlugin in the real app; headless tests need it too.
    app.add_message::<bevy::window::RequestRedraw>();
    if !app.world().contains_resource::<records::Recorder>() {
        app.insert_resource(records::Recorder::default());
    }
    app.configure_sets(
        EguiPrimaryContextPass,
        (UiSet::TopBar, UiSet::Screen).chain(),
    );
    app.add_plugins((
        flow::plugin,
        settings::plugin,
        screens::plugin,
        autoplay::plugin,
    ));
}

/// The scenario folders: bundled, the user's own, and any given with `--scenarios`, canonical and without repeats.
pub fn scenario_dirs(extra: &[PathBuf]) -> Vec<PathBuf> {
    let mut dirs = vec![PathBuf::from(crate::BUNDLED_SCENARIOS)];
    if let Some(user) = crate::records::data_dir().map(|d| d.join("scenarios")) {
        let _ = std::fs::create_dir_all(&user);
        dirs.push(user);
    }
    dirs.extend(extra.iter().cloned());
    let mut out: Vec<PathBuf> = Vec::new();
    for d in dirs {
        if let Ok(c) = d.canonicalize()
            && !out.contains(&c)
        {
            out.push(c);
        }
    }
    out
}

/// Opens the app and runs until the window closes; the exit code reports an autoplay failure.
pub fn run(args: Options) -> anyhow::Result<ExitCode> {
    #[cfg(all(unix, not(target_os = "macos")))]
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        anyhow::bail!(
            "no display found (neither DISPLAY nor WAYLAND_DISPLAY is set), so the app cannot open a window.\n\
             The command line works without one: `rapport --help`, `rapport play FILE`, `rapport score \"TEXT\"`."
        );
    }
    let mut extra = args.scenarios.clone();
    let auto = match &args.autoplay {
        Some(plan) => {
            let mut a = autoplay::Autoplay::from_args(
                plan,
                args.run.as_deref(),
                args.screenshot.clone(),
                args.exit,
            )?;
            if let Some(s) = args.seed {
                a.seed = s;
            }
            if let Some(m) = args.mode {
                a.mode = m;
            }
            if let Some(dir) = a.scenario_path.parent() {
                extra.push(dir.to_path_buf());
            }
            Some(a)
        }
        None => None,
    };
    let dirs = scenario_dirs(&extra);
    let mut app = App::new();
    assets::register_sources(&mut app, &dirs);
    app.add_plugins(
        DefaultPlugins
            .set(WindowPlugin {
                primary_window: Some(Window {
                    title: "Rapport — practise difficult conversations".into(),
                    resolution: (1180, 780).into(),
                    resize_constraints: WindowResizeConstraints {
                        min_width: 820.0,
                        min_height: 560.0,
                        ..default()
                    },
                    ..default()
                }),
                ..default()
            })
            .set(AssetPlugin {
                file_path: concat!(env!("CARGO_MANIFEST_DIR"), "/assets").into(),
                watch_for_changes_override: Some(true),
                meta_check: AssetMetaCheck::Never,
                ..default()
            }),
    );
    app.add_plugins(EguiPlugin::default());
    // Redraw only on input or when something asks for it (typewriter, autoplay): an idle window costs nothing.
    app.insert_resource(WinitSettings::desktop_app());
    let mut recorder = records::Recorder::open(!args.no_records);
    recorder.scripted = auto.is_some();
    app.insert_resource(recorder);
    if let Some(a) = auto {
        app.insert_resource(flow::NextSeed(Some(a.seed)));
        app.insert_resource(a);
    }
    app.add_plugins((assets::plugin, egui_modifiers::plugin, idle::plugin, plugin));
    app.add_systems(Startup, |mut commands: Commands| {
        commands.spawn(Camera2d);
    });
    let launched = std::time::Instant::now();
    app.add_systems(
        Last,
        (move |screen: Res<State<flow::Screen>>| {
            info!(
                "first frame after {:?} on {:?}",
                launched.elapsed(),
                screen.get()
            );
        })
        .run_if(run_once),
    );
    Ok(match app.run() {
        AppExit::Success => ExitCode::SUCCESS,
        AppExit::Error(c) => ExitCode::from(c.get()),
    })
}
