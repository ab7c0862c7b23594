//! Scenarios as Bevy assets: a RON `AssetLoader` that hands each file to the core loader, and the catalog that keeps the last good version on hot reload.

use crate::scenario::{Diagnostic, Scenario, load_bytes};
use bevy::asset::io::AssetSourceBuilder;
use bevy::asset::{AssetLoader, LoadContext, io::Reader};
use bevy::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One scenario file as loaded: the validated scenario if it has no errors, and its diagnostics.
#[derive(Asset, TypePath, Debug, Clone)]
pub struct ScenarioFile {
    /// Path shown to people (the real file path).
    pub path: PathBuf,
    /// The scenario, when the file has no errors.
    pub scenario: Option<Arc<Scenario>>,
    /// Errors and warnings, exactly as `rapport lint` reports them.
    pub diagnostics: Vec<Diagnostic>,
}

/// Loads `*.ron` scenario files through [`crate::scenario::load_bytes`], exactly as the command line does. Never fails: problems are diagnostics.
#[derive(Default, TypePath)]
pub struct ScenarioLoader {
    /// The folders, to turn an asset path back into the file's real path.
    pub sources: ScenarioSources,
}

/// Where each registered asset source lives on disk, to show real paths in diagnostics.
#[derive(Resource, Debug, Clone, Default)]
pub struct ScenarioSources {
    /// (asset source name, folder on disk).
    pub sources: Vec<(String, PathBuf)>,
}

impl ScenarioSources {
    fn disk_path(&self, source: Option<&str>, rel: &Path) -> PathBuf {
        self.sources
            .iter()
            .find(|(n, _)| Some(n.as_str()) == source)
            .map_or_else(|| rel.to_path_buf(), |(_, dir)| dir.join(rel))
    }
}

impl AssetLoader for ScenarioLoader {
    type Asset = ScenarioFile;
    type Settings = ();
    type Error = std::io::Error;

    async fn load(
        &self,
        reader: &mut dyn Reader,
        _settings: &(),
        load_context: &mut LoadContext<'_>,
    ) -> Result<ScenarioFile, Self::Error> {
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes).await?;
        let ap = load_context.path();
        let source = match ap.source() {
            bevy::asset::io::AssetSourceId::Name(n) => Some(n.to_string()),
            bevy::asset::io::AssetSourceId::Default => None,
        };
        let rel = ap.path().to_path_buf();
        let path = self.sources.disk_path(source.as_deref(), &rel);
        let r = load_bytes(&bytes, &path);
        Ok(ScenarioFile {
            path,
            scenario: r.scenario.map(Arc::new),
            diagnostics: r.diagnostics,
        })
    }

    fn extensions(&self) -> &[&str] {
        &["ron"]
    }
}

/// One entry of the library: the last good version of a file and its current diagnostics.
#[derive(Debug, Clone)]
pub struct CatalogEntry {
    /// The file.
    pub path: PathBuf,
    /// Last version that loaded without errors (kept when an edit breaks the file).
    pub scenario: Option<Arc<Scenario>>,
    /// Diagnostics of the current version on disk.
    pub diagnostics: Vec<Diagnostic>,
    /// True when the current version on disk has errors.
    pub broken: bool,
    /// Bumped on every reload, so views can notice.
    pub generation: u32,
}

/// Every scenario file found, by path.
#[derive(Resource, Debug, Clone, Default)]
pub struct Catalog {
    /// Entries sorted by path.
    pub entries: Vec<CatalogEntry>,
}

impl Catalog {
    /// Applies a freshly loaded file: a good version replaces the scenario; a broken one keeps the last good.
    pub fn apply(&mut self, file: &ScenarioFile) {
        let broken = file.scenario.is_none();
        match self.entries.iter_mut().find(|e| e.path == file.path) {
            Some(e) => {
                if let Some(s) = &file.scenario {
                    e.scenario = Some(s.clone());
                }
                e.diagnostics = file.diagnostics.clone();
                e.broken = broken;
                e.generation += 1;
            }
            None => {
                self.entries.push(CatalogEntry {
                    path: file.path.clone(),
                    scenario: file.scenario.clone(),
                    diagnostics: file.diagnostics.clone(),
                    broken,
                    generation: 0,
                });
                self.entries.sort_by(|a, b| a.path.cmp(&b.path));
            }
        }
    }

    /// The entry for a file.
    pub fn get(&self, path: &Path) -> Option<&CatalogEntry> {
        self.entries.iter().find(|e| e.path == path)
    }
}

/// Handles of the scenario files being loaded (kept so they stay alive and are watched for edits).
#[derive(Resource, Default)]
struct Folders(Vec<Handle<ScenarioFile>>);

/// Registers one asset source per scenario folder. Must run before `AssetPlugin` is added.
pub fn register_sources(app: &mut App, dirs: &[PathBuf]) {
    let mut sources = ScenarioSources::default();
    for (i, dir) in dirs.iter().enumerate() {
        let name = format!("scenarios{i}");
        let dir_s = dir.to_string_lossy().into_owned();
        app.register_asset_source(
            name.clone(),
            AssetSourceBuilder::platform_default(&dir_s, None),
        );
        sources.sources.push((name, dir.clone()));
    }
    app.insert_resource(sources);
}

/// Wires the loaders, starts loading every folder, and keeps the catalog in step with asset events.
pub(super) fn plugin(app: &mut App) {
    // The loader carries the folders, so it can show real file paths in diagnostics.
    let sources = app
        .world()
        .get_resource::<ScenarioSources>()
        .cloned()
        .unwrap_or_default();
    app.init_asset::<ScenarioFile>()
        .register_asset_loader(ScenarioLoader { sources })
        .init_resource::<Catalog>()
        .init_resource::<Folders>()
        .init_resource::<ScenarioSources>()
        .add_systems(Startup, (load_folders, watch_scenario_files))
        .add_systems(Update, sync_catalog);
}

/// Loads every scenario file (`*.ron`, not `*.test.ron`) of every folder. Files are listed here rather
/// than with `load_folder`, which gives up on a whole folder when one file (a README, a note) has no loader.
fn load_folders(
    server: Res<AssetServer>,
    sources: Res<ScenarioSources>,
    mut folders: ResMut<Folders>,
) {
    for (name, dir) in &sources.sources {
        for file in crate::scenario::discover(std::slice::from_ref(dir)) {
            if let Ok(rel) = file.strip_prefix(dir) {
                let rel = rel.to_string_lossy().replace('\\', "/");
                folders.0.push(server.load(format!("{name}://{rel}")));
            }
        }
    }
}

/// Mirrors asset events into the catalog: added and modified files are re-applied.
pub fn sync_catalog(
    mut events: MessageReader<AssetEvent<ScenarioFile>>,
    files: Res<Assets<ScenarioFile>>,
    mut catalog: ResMut<Catalog>,
) {
    for ev in events.read() {
        if let AssetEvent::Added { id } | AssetEvent::Modified { id } = ev
            && let Some(f) = files.get(*id)
        {
            catalog.apply(f);
        }
    }
}

/// Wakes the idle event loop when a scenario file changes on disk, so hot reload shows at once.
///
/// Bevy's asset watcher queues the change, but its events are only handled when a frame runs, and an
/// idle `desktop_app` window runs none. A background thread compares the files' modification times
/// once a second (a few dozen `stat` calls) and sends winit a wake-up when one moves.
pub fn watch_scenario_files(
    sources: Res<ScenarioSources>,
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
