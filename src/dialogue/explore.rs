//! The explorer: enumerates reachable paths (bounded, loop-aware, every free-text route a branch) and ranks them by score.

use super::{ReplyKind, Runner};
use crate::scenario::{EndingKind, Scenario, Then};
use crate::scoring::{Dimension, Scorer};
use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

/// Limits on the search.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Stop after this many complete paths.
    pub max_paths: usize,
    /// Do not follow a path longer than this many replies.
    pub max_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_paths: 20_000,
            max_depth: 200,
        }
    }
}

/// One step of a path, for people.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// Node the step leaves.
    pub node: String,
    /// The option picked, or the route followed (`route 2: Code(Reflection)`).
    pub choice: String,
}

/// A complete path to an ending, with its mean scores over picked options.
#[derive(Debug, Clone, PartialEq)]
pub struct PathSummary {
    /// Steps in order.
    pub steps: Vec<Step>,
    /// The ending node.
    pub ending_node: String,
    /// Its kind.
    pub ending: EndingKind,
    /// Mean score per dimension over picked options ([`Dimension::ALL`] order); `None` if nothing was picked.
    pub means: Option<[f64; 3]>,
}

/// What the explorer found.
#[derive(Debug, Clone, Default)]
pub struct Exploration {
    /// Complete paths found.
    pub paths: usize,
    /// True when a limit cut the search short.
    pub truncated: bool,
    /// Branches that led back to a node already on the path (loops), not followed round again.
    pub loops: usize,
    /// Ending node id → (kind, number of paths reaching it).
    pub endings: BTreeMap<String, (EndingKind, usize)>,
    /// Ending nodes no path reached.
    pub unreached_endings: Vec<String>,
    /// Best path per dimension ([`Dimension::ALL`] order).
    pub best: [Option<PathSummary>; 3],
    /// Worst path per dimension.
    pub worst: [Option<PathSummary>; 3],
}

impl Exploration {
    /// Whether an ending of this kind is reachable.
    pub fn reaches(&self, kind: EndingKind) -> bool {
        self.endings.values().any(|(k, _)| *k == kind)
    }
}

/// Explores a scenario.
pub fn explore(scenario: Arc<Scenario>, scorer: &dyn Scorer, limits: Limits) -> Exploration {
    let mut ex = Exploration::default();
    let runner = Runner::new(scenario.clone(), 0);
    let mut seen = HashSet::new();
    let mut steps = Vec::new();
    walk(&runner, scorer, limits, &mut ex, &mut seen, &mut steps);
    ex.unreached_endings = scenario
        .nodes
        .iter()
        .filter(|n| matches!(n.then, Then::Ending { .. }) && !ex.endings.contains_key(&n.id))
        .map(|n| n.id.clone())
        .collect();
    ex
}

/// Paths are simple: a node already on the current path is not entered again (one lap of any loop is enough
/// to see where it leads, and it keeps the search finite whatever the meters do).
fn state_key(r: &Runner) -> String {
    r.state().node.clone()
}

fn walk(
    r: &Runner,
    scorer: &dyn Scorer,
    limits: Limits,
    ex: &mut Exploration,
    on_path: &mut HashSet<String>,
    steps: &mut Vec<Step>,
) {
    if ex.paths >= limits.max_paths {
        ex.truncated = true;
        return;
    }
    let node = r
        .scenario()
        .node(&r.state().node)
        .expect("runner node exists")
        .clone();
    let key = state_key(r);
    if on_path.contains(&key) {
        ex.loops += 1;
        return;
    }
    if steps.len() >= limits.max_depth {
        ex.truncated = true;
        return;
    }
    match &node.then {
        Then::Ending { kind, .. } => {
            ex.paths += 1;
            let e = ex.endings.entry(node.id.clone()).or_insert((*kind, 0));
            e.1 += 1;
            record(r, *kind, steps, ex);
        }
        Then::Options(_) => {
            on_path.insert(key.clone());
            let view = r.view();
            if let crate::dialogue::Prompt::Options(opts) = view.prompt {
                for o in opts {
                    let mut next = r.clone();
                    if next.choose(o.index, scorer).is_ok() {
                        steps.push(Step {
                            node: node.id.clone(),
                            choice: o.text.clone(),
                        });
                        walk(&next, scorer, limits, ex, on_path, steps);
                        steps.pop();
                    }
                }
            }
            on_path.remove(&key);
        }
        Then::FreeText { routes, .. } => {
            on_path.insert(key.clone());
            for k in (0..routes.len()).map(Some).chain(std::iter::once(None)) {
                let mut next = r.clone();
                next.follow_route(k);
                let label = match k {
                    Some(i) => format!(
                        "typed reply → route {}: {}",
                        i + 1,
                        ron::to_string(&routes[i].when).unwrap_or_default()
                    ),
                    None => "typed reply → fallback".to_string(),
                };
                steps.push(Step {
                    node: node.id.clone(),
                    choice: label,
                });
                walk(&next, scorer, limits, ex, on_path, steps);
                steps.pop();
            }
            on_path.remove(&key);
        }
    }
}

fn record(r: &Runner, kind: EndingKind, steps: &[Step], ex: &mut Exploration) {
    let picked: Vec<_> = r
        .state()
        .transcript
        .iter()
        .filter(|t| matches!(t.kind, ReplyKind::Picked(_)))
        .collect();
    let means = (!picked.is_empty()).then(|| {
        let mut m = [0.0; 3];
        for (i, d) in Dimension::ALL.iter().enumerate() {
            m[i] = picked
                .iter()
                .map(|t| t.analysis.scores.get(*d) as f64)
                .sum::<f64>()
                / picked.len() as f64;
        }
        m
    });
    let summary = PathSummary {
        steps: steps.to_vec(),
        ending_node: r.state().node.clone(),
        ending: kind,
        means,
    };
    let Some(m) = means else { return };
    for i in 0..3 {
        let better =
            |cur: &Option<PathSummary>, pick_max: bool| match cur.as_ref().and_then(|c| c.means) {
                None => true,
                Some(c) => {
                    if pick_max {
                        m[i] > c[i]
                    } else {
                        m[i] < c[i]
                    }
                }
            };
        if better(&ex.best[i], true) {
            ex.best[i] = Some(summary.clone());
        }
        if better(&ex.worst[i], false) {
            ex.worst[i] = Some(summary.clone());
        }
    }
}
