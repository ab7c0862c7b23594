//! Scripted runs: plays a test plan's run through the same `Action` messages a click or keystroke sends, screenshots the ending and exits.

use super::assets::Catalog;
use super::flow::{Action, NextMode, NextSeed, Screen, Session};
use crate::dialogue::plan::{load_plan, scenario_path_for};
use crate::scenario::raw::PlanRun;
use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, save_to_disk};
use bevy::window::RequestRedraw;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// How long a scripted run may take before it is called a failure.
const TIME_LIMIT: Duration = Duration::from_secs(90);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    WaitCatalog,
    Playing,
    Ending(u32),
    Shooting(u32),
    Done,
}

/// A scripted run in progress.
#[derive(Resource, Debug, Clone)]
pub struct Autoplay {
    /// The scenario file (canonical).
    pub scenario_path: PathBuf,
    /// The run being played.
    pub run: PlanRun,
    /// Runner seed from the plan (or `--seed`).
    pub seed: u64,
    /// Mode from the plan (or `--mode`).
    pub mode: crate::dialogue::Mode,
    /// Next input to send.
    pub step: usize,
    /// Where to save a screenshot at the ending.
    pub screenshot: Option<PathBuf>,
    /// Exit when done.
    pub exit: bool,
    phase: Phase,
    started: Instant,
    idle_frames: u32,
}

impl Autoplay {
    /// Reads the plan and picks the run (the first by default).
    pub fn from_args(
        plan: &std::path::Path,
        run: Option<&str>,
        screenshot: Option<PathBuf>,
        exit: bool,
    ) -> anyhow::Result<Self> {
        let p = load_plan(plan).map_err(|d| anyhow::anyhow!("{d}"))?;
        let r = p.run(run).ok_or_else(|| {
            let names: Vec<&str> = p.runs.iter().map(|r| r.name.as_str()).collect();
            anyhow::anyhow!(
                "the plan has no run named {:?}; its runs are: {}",
                run.unwrap_or(""),
                names.join(", ")
            )
        })?;
        let scenario_path = scenario_path_for(plan).canonicalize()?;
        Ok(Autoplay {
            scenario_path,
            run: r.clone(),
            seed: p.seed,
            mode: p.mode,
            step: 0,
            screenshot,
            exit,
            phase: Phase::WaitCatalog,
            started: Instant::now(),
            idle_frames: 0,
        })
    }
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        drive
            .run_if(resource_exists::<Autoplay>)
            .before(super::flow::apply_actions),
    );
}

fn verdict(auto: &Autoplay, session: &Session) -> Result<String, String> {
    let Some(a) = session.active.as_ref() else {
        return Err("no session".into());
    };
    let st = a.dialogue.state();
    let ending = match a.dialogue.view().prompt {
        crate::dialogue::Prompt::Ending { kind, .. } => Some(kind),
        _ => None,
    };
    if !auto.run.path.is_empty() && auto.run.path != st.path {
        return Err(format!("path {:?}, expected {:?}", st.path, auto.run.path));
    }
    if let Some(want) = auto.run.ending
        && ending != Some(want)
    {
        return Err(format!("ending {:?}, expected {want:?}", ending));
    }
    Ok(format!(
        "reached `{}` ({})",
        st.node,
        ending.map_or("no ending", |k| k.label())
    ))
}

#[allow(clippy::too_many_arguments)] // a system: each parameter is a resource it needs
fn drive(
    mut auto: ResMut<Autoplay>,
    catalog: Res<Catalog>,
    session: Res<Session>,
    screen: Res<State<Screen>>,
    mut seed: ResMut<NextSeed>,
    mut mode: ResMut<NextMode>,
    mut actions: MessageWriter<Action>,
    mut redraw: MessageWriter<RequestRedraw>,
    mut commands: Commands,
    mut exit: MessageWriter<AppExit>,
) {
    if auto.phase == Phase::Done {
        return;
    }
    // A scripted run drives itself: keep frames coming until it is done.
    redraw.write(RequestRedraw);
    if auto.started.elapsed() > TIME_LIMIT {
        eprintln!(
            "autoplay: run `{}` did not finish within {:?}",
            auto.run.name, TIME_LIMIT
        );
        auto.phase = Phase::Done;
        exit.write(AppExit::from_code(1));
        return;
    }
    match auto.phase {
        Phase::WaitCatalog => {
            if catalog
                .get(&auto.scenario_path)
                .is_some_and(|e| e.scenario.is_some())
            {
                seed.0 = Some(auto.seed);
                mode.0 = auto.mode;
                actions.write(Action::Start(auto.scenario_path.clone()));
                auto.phase = Phase::Playing;
            } else if let Some(e) = catalog.get(&auto.scenario_path) {
                for d in &e.diagnostics {
                    eprintln!("{d}");
                }
                auto.phase = Phase::Done;
                exit.write(AppExit::from_code(1));
            }
        }
        Phase::Playing => {
            let Some(a) = session.active.as_ref() else {
                return;
            };
            if *screen.get() == Screen::Debrief || a.dialogue.is_finished() {
                auto.phase = Phase::Ending(0);
                return;
            }
            if *screen.get() != Screen::Play {
                return;
            }
            if a.crisis {
                actions.write(Action::DismissCrisis);
                return;
            }
            if !a.fully_revealed() {
                actions.write(Action::SkipReveal);
                return;
            }
            // One frame on screen between inputs, as a person would see it.
            auto.idle_frames += 1;
            if auto.idle_frames < 2 {
                return;
            }
            auto.idle_frames = 0;
            let Some(input) = auto.run.inputs.get(auto.step).cloned() else {
                eprintln!(
                    "autoplay: inputs ran out at node `{}`",
                    a.dialogue.state().node
                );
                auto.phase = Phase::Ending(0);
                return;
            };
            auto.step += 1;
            // The same resolution as `rapport test`: ids, and numbers in file order whatever the shuffle.
            actions.write(match crate::dialogue::plan::resolve(&input, &a.dialogue) {
                Ok(input) => Action::Reply(input),
                Err(e) => {
                    eprintln!(
                        "autoplay: step {} at node `{}`: {e}",
                        auto.step,
                        a.dialogue.state().node
                    );
                    auto.phase = Phase::Ending(0);
                    return;
                }
            });
        }
        Phase::Ending(n) => {
            // Let the debrief render a few frames (plot, layout) before the screenshot.
            if n < 6 {
                auto.phase = Phase::Ending(n + 1);
                return;
            }
            match auto.screenshot.clone() {
                Some(path) => {
                    let _ = std::fs::remove_file(&path);
                    commands
                        .spawn(Screenshot::primary_window())
                        .observe(save_to_disk(path));
                    auto.phase = Phase::Shooting(0);
                }
                None => finish(&mut auto, &session, &mut exit),
            }
        }
        Phase::Shooting(n) => {
            let done = auto
                .screenshot
                .as_ref()
                .is_some_and(|p| std::fs::metadata(p).is_ok_and(|m| m.len() > 0));
            if done || n > 600 {
                if !done {
                    eprintln!("autoplay: the screenshot was not written");
                }
                finish(&mut auto, &session, &mut exit);
            } else {
                auto.phase = Phase::Shooting(n + 1);
            }
        }
        Phase::Done => {}
    }
}

fn finish(auto: &mut Autoplay, session: &Session, exit: &mut MessageWriter<AppExit>) {
    auto.phase = Phase::Done;
    let v = verdict(auto, session);
    match &v {
        Ok(m) => println!("autoplay: run `{}` passed: {m}", auto.run.name),
        Err(m) => eprintln!("autoplay: run `{}` FAILED: {m}", auto.run.name),
    }
    if auto.exit {
        exit.write(if v.is_ok() {
            AppExit::Success
        } else {
            AppExit::from_code(1)
        });
    }
}
