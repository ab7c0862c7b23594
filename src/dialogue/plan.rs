//! Test plans (`NAME.test.ron` beside `NAME.ron`): named scripted runs and what must follow, checked step by step.

use super::{DialogueError, Runner, Session, Turn, TurnOutcome, session_means};
use crate::dialogue;
use crate::scenario::diagnostic::Diagnostic;
use crate::scenario::load::{ron_error, ron_options};
use crate::scenario::raw::{Input, OptionRef, PlanRun, RawTestPlan};
use crate::scenario::{EndingKind, Mode, Scenario, Then};
use crate::scoring::Dimension;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A loaded test plan.
#[derive(Debug, Clone)]
pub struct TestPlan {
    /// The plan file.
    pub path: PathBuf,
    /// Runner seed.
    pub seed: u64,
    /// Practice or Challenge.
    pub mode: Mode,
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
            crate::scenario::DiagCode::Unreadable,
            format!("cannot read the test plan: {e}"),
            path,
        ))
    })?;
    // A byte-order mark (some Windows editors write one) is not part of the plan, as for scenarios.
    let src = src.strip_prefix('\u{feff}').unwrap_or(&src);
    let raw: RawTestPlan = ron_options()
        .from_str(src)
        .map_err(|e| Box::new(ron_error(src, path, &e)))?;
    Ok(TestPlan {
        path: path.to_path_buf(),
        seed: raw.seed,
        mode: raw.mode,
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
    /// One line per input: the node, the reply, its codes and the route that fired.
    pub trace: Vec<String>,
}

impl RunResult {
    /// Whether the run passed.
    pub fn passed(&self) -> bool {
        self.failure.is_none()
    }
}

fn show_input(i: &Input) -> String {
    match i {
        Input::Pick(r) => format!("Pick({r})"),
        Input::Say(s) => format!("Say({s:?})"),
        Input::Reply { text, route } => format!("Reply({text:?}, route: {route:?})"),
    }
}

/// Turns a plan input into the runner input at the runner's current node: `Pick("id")` finds the
/// visible option with that id, `Pick(n)` the n-th visible option in file order (whatever the screen order).
pub fn resolve(input: &Input, runner: &Runner) -> Result<dialogue::Input, String> {
    match input {
        Input::Say(s) | Input::Reply { text: s, .. } => Ok(dialogue::Input::Say(s.clone())),
        Input::Pick(r) => {
            let mut opts = runner.options();
            if opts.is_empty() {
                return Err(
                    "this node has no options to pick (it expects a typed reply or has ended)"
                        .into(),
                );
            }
            match r {
                OptionRef::Index(n) => {
                    opts.sort_by_key(|o| o.file_index);
                    match n.checked_sub(1).and_then(|k| opts.get(k)) {
                        Some(o) => Ok(dialogue::Input::Choose(o.index)),
                        None => Err(format!(
                            "there are {} option(s); picks count from 1",
                            opts.len()
                        )),
                    }
                }
                OptionRef::Id(id) => match opts.iter().find(|o| o.id.as_deref() == Some(id)) {
                    Some(o) => Ok(dialogue::Input::Choose(o.index)),
                    None => {
                        let ids: Vec<&str> = opts.iter().filter_map(|o| o.id.as_deref()).collect();
                        Err(format!(
                            "no visible option has id `{id}`; visible: {}",
                            if ids.is_empty() {
                                "(none with ids)".to_string()
                            } else {
                                ids.join(", ")
                            }
                        ))
                    }
                },
            }
        }
    }
}

/// Whether a turn left its node the way a plan's `route:` says: a route label, a 1-based route
/// number, or `fallback`, `clarify`, `walk_away`, `crisis`.
pub fn route_matches(runner: &Runner, turn: &Turn, expected: &str) -> bool {
    let e = expected.trim();
    if let Ok(n) = e.parse::<usize>() {
        // Routes count from 1: `route: "0"` names no route (and must not match a fallback's `None`).
        return n >= 1 && turn.outcome == TurnOutcome::Moved && turn.route == Some(n - 1);
    }
    runner.route_name(turn).as_deref() == Some(e)
}

/// One trace line for a turn: node, reply, codes, and the route that fired.
pub fn trace_line(runner: &Runner, turn: &Turn) -> String {
    let codes: Vec<&str> = turn.analysis.codes.iter().map(|c| c.key()).collect();
    let how = match runner.route_name(turn) {
        Some(r) => format!("route {r}"),
        None => "picked".to_string(),
    };
    format!(
        "{:<18} {:?} [{}] → {how} → {}",
        turn.node,
        turn.reply,
        codes.join(", "),
        turn.to
    )
}

/// Plays a run and checks its path, ending and score ranges.
pub fn check_run(scenario: Arc<Scenario>, seed: u64, run: &PlanRun) -> RunResult {
    check_run_mode(scenario, seed, Mode::Practice, run)
}

/// Plays a run in a mode (a plan's `mode:`) and checks its path, routes, ending and score ranges.
pub fn check_run_mode(scenario: Arc<Scenario>, seed: u64, mode: Mode, run: &PlanRun) -> RunResult {
    check_session(Session::start_mode(scenario, seed, mode), run)
}

/// Plays a run through this session (as started) and checks its path, routes, ending and score ranges.
pub fn check_session(session: Session, run: &PlanRun) -> RunResult {
    let mut runner = session;
    let mut failure = None;
    let mut trace = Vec::new();
    // Index in `path` of the node the run is at (a clarify or crisis reply stays).
    let mut at_path = 0;
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
        let res = match resolve(input, &runner) {
            Err(e) => {
                failure = Some(format!(
                    "step {} ({}) at node `{at}`: {e}",
                    step + 1,
                    show_input(input)
                ));
                break;
            }
            Ok(i) => runner.input(i),
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
                trace.push(trace_line(&runner, &out.turn));
                let reached = &out.turn.to;
                let typed = !matches!(input, Input::Pick(_));
                if let Input::Reply { route, .. } = input
                    && !route_matches(&runner, &out.turn, route)
                {
                    failure = Some(format!(
                        "step {} ({}) at node `{at}`: expected route `{route}`, took {} to `{reached}` (codes: [{}])",
                        step + 1,
                        show_input(input),
                        runner.route_name(&out.turn).unwrap_or_default(),
                        out.turn
                            .analysis
                            .codes
                            .iter()
                            .map(|c| c.key())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                    continue;
                }
                if out.turn.outcome.holds_prompt() {
                    continue;
                }
                at_path += 1;
                if let Some(want) = expect.get(at_path)
                    && want != reached
                {
                    let how = if typed {
                        format!(
                            " by {}",
                            runner.route_name(&out.turn).map_or("?".into(), |r| {
                                if r == "fallback" {
                                    "the fallback".into()
                                } else {
                                    format!("route {r}")
                                }
                            })
                        )
                    } else {
                        String::new()
                    };
                    let codes: Vec<&str> =
                        out.turn.analysis.codes.iter().map(|c| c.key()).collect();
                    let scores = out.turn.analysis.scores;
                    let detail = if typed {
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
        runner: runner.into_runner(),
        ending,
        trace,
    }
}
