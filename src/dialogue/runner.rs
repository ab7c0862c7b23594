//! `Runner`: steps through a scenario, scores every reply through a [`Scorer`], and saves its whole state as RON.

use crate::scenario::{Condition, Effect, EndingKind, Mood, Scenario, Then, Value};
use crate::scoring::{Analysis, Dimension, Reply, Scorer};
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

/// What went wrong with an input or a saved state.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DialogueError {
    /// An option was picked that is not among the visible ones.
    #[error("option {selected} does not exist; {visible} option(s) are shown")]
    InvalidOption {
        /// The 0-based index picked.
        selected: usize,
        /// How many options are visible.
        visible: usize,
    },
    /// A typed reply was sent where options are expected, or the reverse.
    #[error("this node expects {expected}")]
    WrongInput {
        /// What the current node expects.
        expected: &'static str,
    },
    /// Input arrived after the ending.
    #[error("the conversation has ended")]
    Finished,
    /// A saved state names a node this scenario does not have.
    #[error("saved state is at node `{0}`, which this scenario does not have")]
    UnknownNode(String),
    /// A saved state belongs to another scenario.
    #[error("saved state is for scenario `{saved}`, not `{loaded}`")]
    WrongScenario {
        /// Scenario id in the saved state.
        saved: String,
        /// Scenario id given.
        loaded: String,
    },
    /// The saved state is not valid RON.
    #[error("saved state cannot be read: {0}")]
    BadState(String),
}

/// How the user answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReplyKind {
    /// Picked the option with this index among all options of the node (file order).
    Picked(usize),
    /// Typed the reply.
    Typed,
}

/// One exchange: the other person's line and the user's reply with its analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Turn {
    /// Node the line came from.
    pub node: String,
    /// Speaker's display name.
    pub speaker: String,
    /// The line as shown.
    pub line: String,
    /// The user's reply.
    pub reply: String,
    /// Picked or typed.
    pub kind: ReplyKind,
    /// What the scorer said.
    pub analysis: Analysis,
    /// Node the reply led to.
    pub to: String,
    /// For typed replies: index of the route taken, `None` for the fallback.
    pub route: Option<usize>,
    /// Change of each meter caused by this reply.
    pub meter_deltas: BTreeMap<String, i64>,
}

/// The runner's whole state; saved as RON to resume a session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunState {
    /// Scenario id, checked on restore.
    pub scenario: String,
    /// Seed for line variants.
    pub seed: u64,
    /// Current node.
    pub node: String,
    /// Index of the line variant shown at the current node.
    pub variant: usize,
    /// Variables.
    pub vars: BTreeMap<String, Value>,
    /// Meter values.
    pub meters: BTreeMap<String, i64>,
    /// Node ids visited, in order, starting with the start node.
    pub path: Vec<String>,
    /// Exchanges so far.
    pub transcript: Vec<Turn>,
}

/// A meter as the view shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct MeterView {
    /// Meter id.
    pub id: String,
    /// Label.
    pub label: String,
    /// Current value.
    pub value: i64,
    /// Range.
    pub min: i64,
    /// Range.
    pub max: i64,
    /// True when a rise is bad news.
    pub higher_is_worse: bool,
    /// Change caused by the last reply.
    pub last_delta: i64,
}

/// An option as the view shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct OptionView {
    /// Index to pass to [`Runner::choose`] (0-based among visible options).
    pub index: usize,
    /// The option text.
    pub text: String,
}

/// What the user may do now.
#[derive(Debug, Clone, PartialEq)]
pub enum Prompt {
    /// Pick one of these.
    Options(Vec<OptionView>),
    /// Type a reply.
    FreeText {
        /// What to say.
        prompt: String,
    },
    /// The conversation is over.
    Ending {
        /// Good, mixed or hard.
        kind: EndingKind,
        /// Heading.
        title: String,
        /// Debrief text.
        debrief: String,
    },
}

/// Everything the view must present now.
#[derive(Debug, Clone, PartialEq)]
pub struct View {
    /// Current node id.
    pub node: String,
    /// Speaker's character id.
    pub speaker_id: String,
    /// Speaker's display name.
    pub speaker: String,
    /// The line.
    pub line: String,
    /// Speaker's mood.
    pub mood: Mood,
    /// Meters.
    pub meters: Vec<MeterView>,
    /// What the user may do.
    pub prompt: Prompt,
}

/// An input from the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// Pick the visible option with this 0-based index.
    Choose(usize),
    /// Send a typed reply.
    Say(String),
}

/// What one input did.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The exchange recorded.
    pub turn: Turn,
    /// True when the new node is an ending.
    pub ended: bool,
}

/// Steps through a scenario. Holds the scenario behind an `Arc` so a view can keep it alive.
#[derive(Debug, Clone)]
pub struct Runner {
    scenario: Arc<Scenario>,
    state: RunState,
}

fn variant_for(seed: u64, step: usize, node: &str, n: usize) -> usize {
    if n <= 1 {
        return 0;
    }
    // One generator per visit, seeded from (seed, step, node): deterministic and trivially restorable.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in node.bytes() {
        h = (h ^ b as u64).wrapping_mul(0x0100_0000_01b3);
    }
    let mut rng =
        StdRng::seed_from_u64(seed ^ h ^ (step as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
    rng.random_range(0..n)
}

impl Runner {
    /// Starts a scenario at its start node.
    pub fn new(scenario: Arc<Scenario>, seed: u64) -> Self {
        let start = scenario.start.clone();
        let n = scenario.node(&start).map_or(1, |n| n.lines.len());
        let state = RunState {
            scenario: scenario.id.clone(),
            seed,
            variant: variant_for(seed, 0, &start, n),
            node: start.clone(),
            vars: scenario.variables.clone(),
            meters: scenario
                .meters
                .iter()
                .map(|m| (m.id.clone(), m.initial))
                .collect(),
            path: vec![start],
            transcript: Vec::new(),
        };
        Runner { scenario, state }
    }

    /// Resumes from a saved state.
    pub fn restore(scenario: Arc<Scenario>, state: RunState) -> Result<Self, DialogueError> {
        if state.scenario != scenario.id {
            return Err(DialogueError::WrongScenario {
                saved: state.scenario,
                loaded: scenario.id.clone(),
            });
        }
        let node = scenario
            .node(&state.node)
            .ok_or_else(|| DialogueError::UnknownNode(state.node.clone()))?;
        let mut state = state;
        state.variant = state.variant.min(node.lines.len().saturating_sub(1));
        // Meters or variables added to the scenario since the save start at their initial values.
        for m in &scenario.meters {
            state.meters.entry(m.id.clone()).or_insert(m.initial);
        }
        for (k, v) in &scenario.variables {
            state.vars.entry(k.clone()).or_insert(*v);
        }
        Ok(Runner { scenario, state })
    }

    /// Resumes from a state saved with [`Runner::save`].
    pub fn restore_str(scenario: Arc<Scenario>, ron_text: &str) -> Result<Self, DialogueError> {
        let state: RunState =
            ron::from_str(ron_text).map_err(|e| DialogueError::BadState(e.to_string()))?;
        Self::restore(scenario, state)
    }

    /// The whole state as RON.
    pub fn save(&self) -> String {
        ron::ser::to_string_pretty(&self.state, ron::ser::PrettyConfig::default())
            .expect("run state always serialises")
    }

    /// The state.
    pub fn state(&self) -> &RunState {
        &self.state
    }

    /// The scenario.
    pub fn scenario(&self) -> &Arc<Scenario> {
        &self.scenario
    }

    /// Swaps in a new version of the scenario (hot reload), keeping the session if its node still exists.
    pub fn replace_scenario(&mut self, scenario: Arc<Scenario>) -> Result<(), DialogueError> {
        let r = Runner::restore(scenario, self.state.clone())?;
        *self = r;
        Ok(())
    }

    /// Whether the current node is an ending.
    pub fn is_finished(&self) -> bool {
        matches!(self.node().then, Then::Ending { .. })
    }

    fn node(&self) -> &crate::scenario::Node {
        self.scenario
            .node(&self.state.node)
            .expect("runner state always names an existing node")
    }

    /// The current line, exactly as shown.
    pub fn line(&self) -> &str {
        let n = self.node();
        n.lines
            .get(self.state.variant)
            .or(n.lines.first())
            .map_or("", String::as_str)
    }

    /// What the view must present now.
    pub fn view(&self) -> View {
        let node = self.node();
        let speaker = self
            .scenario
            .character(&node.speaker)
            .map_or_else(|| node.speaker.clone(), |c| c.name.clone());
        let last = self.state.transcript.last();
        let meters = self
            .scenario
            .meters
            .iter()
            .map(|m| MeterView {
                id: m.id.clone(),
                label: m.label.clone(),
                value: self.state.meters.get(&m.id).copied().unwrap_or(m.initial),
                min: m.min,
                max: m.max,
                higher_is_worse: m.higher_is_worse,
                last_delta: last
                    .and_then(|t| t.meter_deltas.get(&m.id))
                    .copied()
                    .unwrap_or(0),
            })
            .collect();
        let prompt = match &node.then {
            Then::Options(_) => Prompt::Options(
                self.visible_options()
                    .into_iter()
                    .enumerate()
                    .map(|(index, (_, c))| OptionView {
                        index,
                        text: c.text.clone(),
                    })
                    .collect(),
            ),
            Then::FreeText { prompt, .. } => Prompt::FreeText {
                prompt: prompt.clone(),
            },
            Then::Ending {
                kind,
                title,
                debrief,
            } => Prompt::Ending {
                kind: *kind,
                title: title.clone(),
                debrief: debrief.clone(),
            },
        };
        View {
            node: node.id.clone(),
            speaker_id: node.speaker.clone(),
            speaker,
            line: self.line().to_string(),
            mood: node.mood,
            meters,
            prompt,
        }
    }

    /// Visible options with their index among all options.
    fn visible_options(&self) -> Vec<(usize, &crate::scenario::Choice)> {
        let Then::Options(opts) = &self.node().then else {
            return Vec::new();
        };
        let last = self.state.transcript.last().map(|t| &t.analysis);
        opts.iter()
            .enumerate()
            .filter(|(_, o)| o.when.as_ref().is_none_or(|c| self.holds(c, last)))
            .collect()
    }

    /// Evaluates a condition against the state and (for routes) the reply's analysis.
    pub fn holds(&self, c: &Condition, reply: Option<&Analysis>) -> bool {
        match c {
            Condition::All(cs) => cs.iter().all(|c| self.holds(c, reply)),
            Condition::Any(cs) => cs.iter().any(|c| self.holds(c, reply)),
            Condition::Not(c) => !self.holds(c, reply),
            Condition::Var(name, t) => self.state.vars.get(name).is_some_and(|v| t.holds(*v)),
            Condition::Meter(name, t) => {
                self.state.meters.get(name).is_some_and(|v| t.holds_int(*v))
            }
            Condition::Score(d, t) => reply.is_some_and(|a| t.holds_int(a.scores.get(*d) as i64)),
            Condition::Code(code) => reply.is_some_and(|a| a.has(*code)),
            Condition::Style(s) => reply.is_some_and(|a| a.style == *s),
            Condition::Visited(n) => self.state.path.iter().any(|p| p == n),
        }
    }

    /// Sends an input.
    pub fn input(&mut self, input: Input, scorer: &dyn Scorer) -> Result<Outcome, DialogueError> {
        match input {
            Input::Choose(i) => self.choose(i, scorer),
            Input::Say(s) => self.say(&s, scorer),
        }
    }

    /// Picks the visible option with this 0-based index.
    pub fn choose(&mut self, index: usize, scorer: &dyn Scorer) -> Result<Outcome, DialogueError> {
        match &self.node().then {
            Then::Options(_) => {}
            Then::FreeText { .. } => {
                return Err(DialogueError::WrongInput {
                    expected: "a typed reply",
                });
            }
            Then::Ending { .. } => return Err(DialogueError::Finished),
        }
        let visible = self.visible_options();
        let Some(&(orig, choice)) = visible.get(index) else {
            return Err(DialogueError::InvalidOption {
                selected: index,
                visible: visible.len(),
            });
        };
        let choice = choice.clone();
        let analysis = scorer.analyse(Reply {
            text: &choice.text,
            context: Some(self.line()),
            perspective: self.scenario.perspective,
            tags: &choice.tags,
        });
        Ok(self.advance(
            choice.text.clone(),
            ReplyKind::Picked(orig),
            analysis,
            &choice.to,
            None,
            &choice.effects,
        ))
    }

    /// A typed reply at the current node, exactly as [`Runner::say`] hands it to the scorer.
    pub fn typed_reply<'a>(&'a self, text: &'a str) -> Reply<'a> {
        Reply::typed(text, Some(self.line()), self.scenario.perspective)
    }

    /// Sends a typed reply.
    pub fn say(&mut self, text: &str, scorer: &dyn Scorer) -> Result<Outcome, DialogueError> {
        let (routes, fallback) = match &self.node().then {
            Then::FreeText {
                routes, fallback, ..
            } => (routes.clone(), fallback.clone()),
            Then::Options(_) => {
                return Err(DialogueError::WrongInput {
                    expected: "a picked option",
                });
            }
            Then::Ending { .. } => return Err(DialogueError::Finished),
        };
        let analysis = scorer.analyse(self.typed_reply(text));
        let (route, to, effects) = match routes
            .iter()
            .position(|r| self.holds(&r.when, Some(&analysis)))
        {
            Some(i) => (Some(i), routes[i].to.clone(), routes[i].effects.clone()),
            None => (None, fallback.to.clone(), fallback.effects.clone()),
        };
        Ok(self.advance(
            text.to_string(),
            ReplyKind::Typed,
            analysis,
            &to,
            route,
            &effects,
        ))
    }

    fn advance(
        &mut self,
        reply: String,
        kind: ReplyKind,
        analysis: Analysis,
        to: &str,
        route: Option<usize>,
        effects: &[Effect],
    ) -> Outcome {
        let before = self.state.meters.clone();
        for e in effects {
            self.apply(e);
        }
        let meter_deltas = self
            .state
            .meters
            .iter()
            .map(|(k, v)| (k.clone(), v - before.get(k).copied().unwrap_or(*v)))
            .filter(|(_, d)| *d != 0)
            .collect();
        let node = self.node();
        let turn = Turn {
            node: node.id.clone(),
            speaker: self
                .scenario
                .character(&node.speaker)
                .map_or_else(|| node.speaker.clone(), |c| c.name.clone()),
            line: self.line().to_string(),
            reply,
            kind,
            analysis,
            to: to.to_string(),
            route,
            meter_deltas,
        };
        self.state.transcript.push(turn.clone());
        self.state.node = to.to_string();
        self.state.path.push(to.to_string());
        let n = self.node().lines.len();
        self.state.variant = variant_for(self.state.seed, self.state.path.len() - 1, to, n);
        Outcome {
            turn,
            ended: self.is_finished(),
        }
    }

    fn apply(&mut self, e: &Effect) {
        match e {
            Effect::Meter(id, d) => {
                if let Some(m) = self.scenario.meter(id) {
                    let v = self.state.meters.entry(id.clone()).or_insert(m.initial);
                    *v = (*v + d).clamp(m.min, m.max);
                }
            }
            Effect::Set(name, v) => {
                self.state.vars.insert(name.clone(), *v);
            }
            Effect::Add(name, d) => {
                if let Some(Value::Int(x)) = self.state.vars.get_mut(name) {
                    *x += d;
                }
            }
        }
    }

    /// Mean score per dimension over the session's replies (crisis replies excluded); `None` before any reply.
    pub fn session_means(&self) -> Option<[f64; 3]> {
        session_means(&self.state.transcript)
    }
}

/// Mean score per dimension over a transcript (crisis replies excluded), in [`Dimension::ALL`] order.
pub fn session_means(turns: &[Turn]) -> Option<[f64; 3]> {
    let scored: Vec<&Turn> = turns.iter().filter(|t| !t.analysis.is_crisis()).collect();
    if scored.is_empty() {
        return None;
    }
    let mut out = [0.0; 3];
    for (i, d) in Dimension::ALL.iter().enumerate() {
        out[i] = scored
            .iter()
            .map(|t| t.analysis.scores.get(*d) as f64)
            .sum::<f64>()
            / scored.len() as f64;
    }
    Some(out)
}

impl Runner {
    /// Follows a free-text route (`None`: the fallback) without a reply, as the explorer does; the turn is unscored.
    pub fn follow_route(&mut self, route: Option<usize>) {
        let Then::FreeText {
            routes, fallback, ..
        } = &self.node().then
        else {
            return;
        };
        let (to, effects) = match route.and_then(|i| routes.get(i)) {
            Some(r) => (r.to.clone(), r.effects.clone()),
            None => (fallback.to.clone(), fallback.effects.clone()),
        };
        self.advance(
            String::new(),
            ReplyKind::Typed,
            Analysis::default(),
            &to,
            route,
            &effects,
        );
    }
}
