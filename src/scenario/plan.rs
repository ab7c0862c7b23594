//! Test plans (`NAME.test.ron` beside `NAME.ron`): named scripted runs and what must follow, checked step by step.

use super::diagnostic::Diagnostic;
use super::load::{ron_error, ron_options};
use super::raw::{Input, PlanRun, RawTestPlan};
use super::{EndingKind, Scenario, Then};
use crate::dialogue::{DialogueError, Runner, session_means};
use crate::scoring::{Dimension, Scorer};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A loaded test plan.
#[derive(Debug, Clone)]
pub struct TestPlan {
    /// The plan file.
    pub path: PathBuf,
    /// Runner seed.
    pub seed: u64,
    /// The runs.
    pub runs: Vec<PlanRun>,
}

impl TestPlan {
    /// The run with this name, or the first when `name` is `None`.
    pub fn run(&self, name: Option<&str>) -> Option<&PlanRun> {
        match name {
            Some(n) => self.runs.iter().find(|r| r.name == n),
            None => self.runs.first(),
        }
    }
}

/// Loads a test plan file.
pub fn load_plan(path: &Path) -> Result<TestPlan, Box<Diagnostic>> {
    let src = std::fs::read_to_string(path).map_err(|e| {
        Box::new(Diagnostic::whole_file(
            super::DiagCode::Unreadable,
            format!("cannot read the test plan: {e}"),
            path,
        ))
    })?;
    let raw: RawTestPlan = ron_options()
        .from_str(&src)
        .map_err(|e| Box::new(ron_error(&src, path, &e)))?;
    Ok(TestPlan {
        path: path.to_path_buf(),
        seed: raw.seed,
        runs: raw.runs,
    })
}

/// The scenario a plan belongs to: `NAME.test.ron` → `NAME.ron` in the same folder.
pub fn scenario_path_for(plan: &Path) -> PathBuf {
    let name = plan
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .trim_end_matches(".test.ron");
    plan.with_file_name(format!("{name}.ron"))
}

/// The result of one run.
#[derive(Debug, Clone)]
pub struct RunResult {
    /// Run name.
    pub name: String,
    /// `None` when everything matched; else what diverged, naming the step.
    pub failure: Option<String>,
    /// The runner at the end (its transcript and path).
    pub runner: Runner,
    /// The ending reached, if any.
    pub ending: Option<EndingKind>,
}

impl RunResult {
    /// Whether the run passed.
    pub fn passed(&self) -> bool {
        self.failure.is_none()
    }
}

fn show_input(i: &Input) -> String {
    match i {
        Input::Pick(n) => format!("Pick({n})"),
        Input::Say(s) => format!("Say({s:?})"),
    }
}

/// Plays a run and checks its path, ending and score ranges.
pub fn check_run(
    scenario: Arc<Scenario>,
    seed: u64,
    run: &PlanRun,
    scorer: &dyn Scorer,
) -> RunResult {
    let mut runner = Runner::new(scenario, seed);
    let mut failure = None;
    let expect = &run.path;
    if let Some(first) = expect.first()
        && first != &runner.state().node
    {
        failure = Some(format!(
            "before any input: expected to start at `{first}`, the scenario starts at `{}`",
            runner.state().node
        ));
    }
    for (step, input) in run.inputs.iter().enumerate() {
        if failure.is_some() {
            break;
        }
        let at = runner.state().node.clone();
        let res = match input {
            Input::Pick(0) => Err(DialogueError::InvalidOption {
                selected: usize::MAX,
                visible: 0,
            }),
            Input::Pick(n) => runner.choose(n - 1, scorer),
            Input::Say(s) => runner.say(s, scorer),
        };
        match res {
            Err(e) => {
                let e = match e {
                    DialogueError::InvalidOption { visible, .. } => {
                        format!("there are {visible} option(s); picks count from 1")
                    }
                    e => e.to_string(),
                };
                failure = Some(format!(
                    "step {} ({}) at node `{at}`: {e}",
                    step + 1,
                    show_input(input)
                ));
            }
            Ok(out) => {
                let reached = &out.turn.to;
                if let Some(want) = expect.get(step + 1)
                    && want != reached
                {
                    let how = match (input, out.turn.route) {
                        (Input::Say(_), Some(r)) => format!(" by route {}", r + 1),
                        (Input::Say(_), None) => " by the fallback".to_string(),
                        _ => String::new(),
                    };
                    let codes: Vec<&str> =
                        out.turn.analysis.codes.iter().map(|c| c.key()).collect();
                    let scores = out.turn.analysis.scores;
                    let detail = if matches!(input, Input::Say(_)) {
                        format!(
                            " (reply scored A{} L{} C{}, codes: [{}])",
                            scores.assertiveness,
                            scores.active_listening,
                            scores.conflict_resolution,
                            codes.join(", ")
                        )
                    } else {
                        String::new()
                    };
                    failure = Some(format!(
                        "step {} ({}) at node `{at}`: expected `{want}`, reached `{reached}`{how}{detail}",
                        step + 1,
                        show_input(input)
                    ));
                }
            }
        }
    }
    let ending = match &runner
        .scenario()
        .node(&runner.state().node)
        .map(|n| &n.then)
    {
        Some(Then::Ending { kind, .. }) => Some(*kind),
        _ => None,
    };
    if failure.is_none() && expect.len() > runner.state().path.len() {
        failure = Some(format!(
            "after the last input: the run stopped at `{}`, the plan expects {} more node(s): {}",
            runner.state().node,
            expect.len() - runner.state().path.len(),
            expect[runner.state().path.len()..].join(", ")
        ));
    }
    if failure.is_none()
        && let Some(want) = run.ending
        && ending != Some(want)
    {
        failure = Some(match ending {
            Some(got) => format!(
                "expected a {} ending, reached a {} ending at `{}`",
                want.label(),
                got.label(),
                runner.state().node
            ),
            None => format!(
                "expected a {} ending, the run stopped at `{}` waiting for input",
                want.label(),
                runner.state().node
            ),
        });
    }
    if failure.is_none() && !run.scores.is_empty() {
        let means = session_means(&runner.state().transcript);
        for (d, t) in &run.scores {
            let i = Dimension::ALL.iter().position(|x| x == d).unwrap_or(0);
            match means {
                Some(m) if t.holds_int(m[i].round() as i64) => {}
                Some(m) => {
                    failure = Some(format!(
                        "session {} score {:.0} is outside {:?}",
                        d.label(),
                        m[i],
                        t
                    ));
                    break;
                }
                None => {
                    failure = Some("no reply was scored".into());
                    break;
                }
            }
        }
    }
    RunResult {
        name: run.name.clone(),
        failure,
        runner,
        ending,
    }
}
