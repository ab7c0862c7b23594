//! The explorer: enumerates reachable paths (bounded, loop-aware, every free-text route a branch) and ranks them by score.

use super::{Follow, ReplyKind, Runner, Session, Turn, TurnOutcome};
use crate::scenario::{Condition, EndingKind, Scenario, Then};
use crate::scoring::Dimension;
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
    /// Paths that ended because the other person walked away after repeated non-answers.
    pub walk_aways: usize,
    /// Paths on which some free-text prompt was met with a non-answer and the clarify line.
    pub clarified: usize,
    /// Ending node id → per debrief paragraph (file order): on how many paths it can show, and on
    /// how many it surely shows (reply conditions the explorer cannot know count as "can").
    pub paragraphs: BTreeMap<String, Vec<ParagraphReach>>,
    /// Debrief text that can show on a path where what it says is false, as far as the explorer can tell.
    pub claims: Vec<Claim>,
    /// Paths to a good ending that take a fallback on the way (a reply that matched no route).
    pub good_by_fallback: usize,
    /// The path to a good ending with the lowest mean score of picked options (mean of the three dimensions).
    pub weakest_good: Option<PathSummary>,
}

/// How often one debrief paragraph can show.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ParagraphReach {
    /// Paths to the ending on which its condition holds or may hold.
    pub can: usize,
    /// Paths on which it surely holds.
    pub sure: usize,
}

/// A debrief paragraph (or the debrief itself) that can show on a path where its claim is false.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// The ending node.
    pub ending: String,
    /// `None` for the debrief, else the paragraph's index.
    pub paragraph: Option<usize>,
    /// What is false, on how many paths.
    pub message: String,
}

impl Claim {
    /// "debrief" or "paragraph N" (1-based), for people.
    pub fn place(&self) -> String {
        match self.paragraph {
            None => "debrief".into(),
            Some(i) => format!("paragraph {}", i + 1),
        }
    }
}

impl Exploration {
    /// Whether an ending of this kind is reachable.
    pub fn reaches(&self, kind: EndingKind) -> bool {
        self.endings.values().any(|(k, _)| *k == kind)
    }
}

/// Explores a scenario.
pub fn explore(scenario: Arc<Scenario>, limits: Limits) -> Exploration {
    explore_from(Session::start(scenario, 0), limits)
}

/// Explores from a session at its start (tests give it their own scorer with [`Session::with_scorer`]).
pub fn explore_from(runner: Session, limits: Limits) -> Exploration {
    let scenario = runner.scenario().clone();
    let mut ex = Exploration::default();
    let mut seen = HashSet::new();
    let mut steps = Vec::new();
    let mut claim_counts = BTreeMap::new();
    let mut w = Walk {
        limits,
        ex: &mut ex,
        claims: &mut claim_counts,
    };
    w.walk(&runner, &mut seen, &mut steps);
    ex.unreached_endings = scenario
        .nodes
        .iter()
        .filter(|n| matches!(n.then, Then::Ending { .. }) && !ex.endings.contains_key(&n.id))
        .map(|n| n.id.clone())
        .collect();
    let mut claims: Vec<Claim> = std::mem::take(&mut claim_counts)
        .into_iter()
        .map(|((ending, paragraph, what), n)| Claim {
            message: format!("{what} on {n} path(s)"),
            ending,
            paragraph,
        })
        .collect();
    claims.sort_by(|a, b| (&a.ending, a.paragraph).cmp(&(&b.ending, b.paragraph)));
    ex.claims = claims;
    ex
}

/// Paths are simple: a node already on the current path is not entered again (one lap of any loop is enough
/// to see where it leads, and it keeps the search finite whatever the meters do).
fn state_key(r: &Runner) -> String {
    r.state().node.clone()
}

type ClaimCounts = BTreeMap<(String, Option<usize>, String), usize>;

struct Walk<'a> {
    limits: Limits,
    ex: &'a mut Exploration,
    claims: &'a mut ClaimCounts,
}

impl Walk<'_> {
    fn walk(&mut self, r: &Session, on_path: &mut HashSet<String>, steps: &mut Vec<Step>) {
        let ex = &mut *self.ex;
        if ex.paths >= self.limits.max_paths {
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
        if steps.len() >= self.limits.max_depth {
            ex.truncated = true;
            return;
        }
        match &node.then {
            Then::Ending { kind, .. } => {
                ex.paths += 1;
                let e = ex.endings.entry(node.id.clone()).or_insert((*kind, 0));
                e.1 += 1;
                let t = &r.state().transcript;
                if t.last().is_some_and(|t| t.outcome == TurnOutcome::WalkAway) {
                    ex.walk_aways += 1;
                }
                if t.iter().any(|t| t.outcome == TurnOutcome::Clarify) {
                    ex.clarified += 1;
                }
                record(r, *kind, steps, ex);
                debrief_reach(r, ex, self.claims);
            }
            Then::Options(_) => {
                on_path.insert(key.clone());
                for o in r.options() {
                    let mut next = r.clone();
                    if next.choose(o.index).is_ok() {
                        steps.push(Step {
                            node: node.id.clone(),
                            choice: o.text.clone(),
                        });
                        self.walk(&next, on_path, steps);
                        steps.pop();
                    }
                }
                on_path.remove(&key);
            }
            Then::FreeText {
                routes, clarify, ..
            } => {
                on_path.insert(key.clone());
                let mut branches: Vec<(Session, String)> = Vec::new();
                for (i, route) in routes.iter().enumerate() {
                    let mut next = r.clone();
                    next.follow(Follow::Route(i));
                    let label = match &route.label {
                        Some(l) => format!("route {} `{l}`", i + 1),
                        None => format!("route {}", i + 1),
                    };
                    branches.push((
                        next,
                        format!(
                            "typed reply → {label}: {}",
                            ron::to_string(&route.when).unwrap_or_default()
                        ),
                    ));
                }
                // A non-answer: the clarify (once), then the counted fallback or the walk-away.
                let mut next = r.clone();
                let mut how = String::from("typed reply → ");
                if clarify.is_some() && !r.state().clarified {
                    next.follow(Follow::NonAnswer);
                    how.push_str("no answer → clarify → no answer → ");
                } else {
                    how.push_str("no answer → ");
                }
                let walked = next.follow(Follow::NonAnswer) == Some(TurnOutcome::WalkAway);
                how.push_str(if walked { "walk_away" } else { "fallback" });
                branches.push((next, how));
                if walked {
                    // An answer no route takes (routed codes, an attack, a coded sentence) still takes
                    // the fallback.
                    let mut next = r.clone();
                    next.follow(Follow::Fallback);
                    branches.push((
                        next,
                        "typed reply (an answer no route takes) → fallback".into(),
                    ));
                }
                for (next, label) in branches {
                    steps.push(Step {
                        node: node.id.clone(),
                        choice: label,
                    });
                    self.walk(&next, on_path, steps);
                    steps.pop();
                }
                on_path.remove(&key);
            }
        }
    }
}

/// Three-valued truth: what the explorer can know about a condition on a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tri {
    No,
    Maybe,
    Yes,
}

impl Tri {
    fn from(b: bool) -> Tri {
        if b { Tri::Yes } else { Tri::No }
    }
}

/// A debrief condition on an explored path (session semantics). Replies typed on the path are
/// unknown, so codes, styles and scores they might show are `Maybe`; codes a route required are `Yes`.
fn tri(r: &Runner, c: &Condition) -> Tri {
    let t = &r.state().transcript;
    let typed = t.iter().any(|t| t.kind == ReplyKind::Typed);
    // A reply condition holds for sure where a picked option's reply meets it, may hold where the
    // session has a typed reply (any words could be typed), and otherwise does not.
    let picked =
        |meets: &dyn Fn(&Turn) -> bool| t.iter().any(|t| t.kind != ReplyKind::Typed && meets(t));
    let picked_or_typed = |yes: bool| {
        if yes {
            Tri::Yes
        } else if typed {
            Tri::Maybe
        } else {
            Tri::No
        }
    };
    let required = |code: crate::scoring::Code| {
        t.iter().any(|turn| {
            let Some(i) = turn.route else { return false };
            r.scenario()
                .node(&turn.node)
                .and_then(|n| match &n.then {
                    Then::FreeText { routes, .. } => routes.get(i),
                    _ => None,
                })
                .is_some_and(|route| requires_code(&route.when, code))
        })
    };
    match c {
        Condition::All(cs) => cs
            .iter()
            .map(|c| tri(r, c))
            .fold(Tri::Yes, |a, b| match (a, b) {
                (Tri::No, _) | (_, Tri::No) => Tri::No,
                (Tri::Maybe, _) | (_, Tri::Maybe) => Tri::Maybe,
                _ => Tri::Yes,
            }),
        Condition::Any(cs) => cs
            .iter()
            .map(|c| tri(r, c))
            .fold(Tri::No, |a, b| match (a, b) {
                (Tri::Yes, _) | (_, Tri::Yes) => Tri::Yes,
                (Tri::Maybe, _) | (_, Tri::Maybe) => Tri::Maybe,
                _ => Tri::No,
            }),
        Condition::Not(c) => match tri(r, c) {
            Tri::Yes => Tri::No,
            Tri::No => Tri::Yes,
            Tri::Maybe => Tri::Maybe,
        },
        Condition::Code(code) => {
            picked_or_typed(picked(&|t| t.analysis.has(*code)) || required(*code))
        }
        Condition::RiskQuestion => picked_or_typed(picked(&|t| t.analysis.risk_question)),
        Condition::Words(test) => picked_or_typed(picked(&|t| {
            test.holds_int(super::runner::word_count(&t.reply))
        })),
        Condition::Mentions(words) => picked_or_typed(picked(&|t| {
            super::runner::mentions(&t.reply, words, &r.scenario().words)
        })),
        Condition::Style(_) | Condition::Score(..) if typed => Tri::Maybe,
        c => Tri::from(r.holds_in_session(c)),
    }
}

/// Whether a route condition can only hold when the reply shows `code`.
fn requires_code(c: &Condition, code: crate::scoring::Code) -> bool {
    match c {
        Condition::Code(x) => *x == code || code.is_group() && code.matches(*x),
        Condition::All(cs) => cs.iter().any(|c| requires_code(c, code)),
        Condition::Any(cs) => !cs.is_empty() && cs.iter().all(|c| requires_code(c, code)),
        _ => false,
    }
}

/// Quoted passages of a text (straight or curly double quotes), at least 12 characters long, each with
/// whether the words just before attribute it to the user ("you said", "you asked", "your words"…).
fn quotes(text: &str) -> Vec<(bool, String)> {
    let norm = text.replace(['“', '”'], "\"");
    let parts: Vec<&str> = norm.split('"').collect();
    let mut out = Vec::new();
    for i in (1..parts.len()).step_by(2) {
        let q = parts[i].trim();
        if q.chars().count() < 12 || q.contains('{') {
            continue;
        }
        let before: String = parts[i - 1]
            .chars()
            .rev()
            .take(40)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect::<String>()
            .to_lowercase();
        let yours = [
            "you said",
            "you told",
            "you asked",
            "you offered",
            "you put it",
            "your words",
            "you wrote",
            "you answered",
            "you replied",
            "you started",
            "you opened",
        ]
        .iter()
        .any(|p| before.contains(p));
        out.push((yours, q.trim_end_matches(['.', ',', '…']).to_lowercase()));
    }
    out
}

/// Counts which paragraphs of the ending reached can show, and what they say that this path makes false.
fn debrief_reach(r: &Runner, ex: &mut Exploration, claims: &mut ClaimCounts) {
    let s = r.scenario().clone();
    let Some(node) = s.node(&r.state().node) else {
        return;
    };
    let Then::Ending {
        debrief,
        paragraphs,
        ..
    } = &node.then
    else {
        return;
    };
    let reach = ex
        .paragraphs
        .entry(node.id.clone())
        .or_insert_with(|| vec![ParagraphReach::default(); paragraphs.len()]);
    let mut texts: Vec<(Option<usize>, &str)> = vec![(None, debrief.as_str())];
    for (k, p) in paragraphs.iter().enumerate() {
        let v = p.when.as_ref().map_or(Tri::Yes, |c| tri(r, c));
        if v != Tri::No {
            reach[k].can += 1;
            texts.push((Some(k), p.text.as_str()));
        }
        if v == Tri::Yes {
            reach[k].sure += 1;
        }
    }
    let t = &r.state().transcript;
    let replies = t
        .iter()
        .any(|t| !t.reply.is_empty() || t.kind == ReplyKind::Typed);
    for (k, text) in texts {
        let mut add = |what: String| {
            *claims.entry((node.id.clone(), k, what)).or_insert(0) += 1;
        };
        if !replies
            && crate::scenario::model::placeholders(text)
                .iter()
                .any(|(_, n)| crate::scenario::model::PLACEHOLDERS.contains(n))
        {
            add("quotes the user's reply (a placeholder) but there was none".into());
        }
        for (yours, q) in quotes(text) {
            // A quote of an option given as the user's words: they must have picked it on this path.
            for n in &s.nodes {
                if yours && let Then::Options(opts) = &n.then {
                    for (j, o) in opts.iter().enumerate() {
                        if o.text.to_lowercase().contains(&q)
                            && !t
                                .iter()
                                .any(|t| t.node == n.id && t.kind == ReplyKind::Picked(j))
                        {
                            add(format!(
                                "quotes option {} of `{}` (\"{}\") that was not picked",
                                o.id.clone().unwrap_or_else(|| (j + 1).to_string()),
                                n.id,
                                q
                            ));
                        }
                    }
                }
                if n.id != node.id
                    && n.lines.iter().any(|l| l.to_lowercase().contains(&q))
                    && !r.state().path.contains(&n.id)
                {
                    add(format!(
                        "quotes a line of `{}` (\"{q}\") that was not visited",
                        n.id
                    ));
                }
            }
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
    if kind == EndingKind::Good {
        let fallback = r.state().transcript.iter().any(|t| {
            t.kind == ReplyKind::Typed && t.route.is_none() && t.outcome == TurnOutcome::Moved
        });
        if fallback {
            ex.good_by_fallback += 1;
        }
        let mean = |p: &PathSummary| {
            p.means
                .map_or(f64::INFINITY, |m| m.iter().sum::<f64>() / 3.0)
        };
        if ex
            .weakest_good
            .as_ref()
            .is_none_or(|w| mean(&summary) < mean(w))
        {
            ex.weakest_good = Some(summary.clone());
        }
    }
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
