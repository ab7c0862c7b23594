//! `Runner`: steps through a scenario, scores every reply through a [`Scorer`], and saves its whole state as RON.

use super::answer::{self, reads_as_a_sentence, says_something};
use crate::scenario::model::fill_placeholders;
use crate::scenario::{
    Choice, Condition, Effect, EndingKind, Mode, Mood, Order, Route, Scenario, Then, Value,
};
use crate::scoring::text::word_stems;
use crate::scoring::unanswerable::{Unanswerable, is_brief, is_parroted, plain_words};
use crate::scoring::{
    Analysis, Code, Dimension, Perspective, Reply, RuleScorer, Scorer, Style, Tip,
};
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use std::sync::{Arc, OnceLock};

/// What went wrong with an input or a saved state.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DialogueError {
    /// An option was picked that is not among the visible ones.
    #[error("option {} does not exist; {visible} option(s) are shown", .selected.saturating_add(1))]
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

/// What a reply did to the conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum TurnOutcome {
    /// Moved on: an option, a route or the fallback.
    #[default]
    Moved,
    /// Did not answer: the other person asked what was meant; the same prompt again.
    Clarify,
    /// Crisis language: recorded unscored, the resources shown, the same prompt again.
    Crisis,
    /// One non-answer too many: the other person ended the conversation.
    WalkAway,
}

impl TurnOutcome {
    /// Lower-case label (`moved`, `clarify`, `crisis`, `walk_away`), also the database spelling.
    pub fn label(self) -> &'static str {
        match self {
            TurnOutcome::Moved => "moved",
            TurnOutcome::Clarify => "clarify",
            TurnOutcome::Crisis => "crisis",
            TurnOutcome::WalkAway => "walk_away",
        }
    }

    /// Parses [`TurnOutcome::label`].
    pub fn parse(s: &str) -> Option<TurnOutcome> {
        [
            TurnOutcome::Moved,
            TurnOutcome::Clarify,
            TurnOutcome::Crisis,
            TurnOutcome::WalkAway,
        ]
        .into_iter()
        .find(|o| o.label() == s)
    }

    /// Whether the reply left the conversation at the same node (clarify, crisis).
    pub fn holds_prompt(self) -> bool {
        matches!(self, TurnOutcome::Clarify | TurnOutcome::Crisis)
    }
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
    /// The line the reply was read against when it is not the line shown: after a clarify ("Sorry,
    /// what did you say?"), the line the clarify asked about. `None` otherwise and in older saves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub asked: Option<String>,
    /// The user's reply.
    pub reply: String,
    /// Picked or typed.
    pub kind: ReplyKind,
    /// What the scorer said.
    pub analysis: Analysis,
    /// Node the reply led to (the same node for a clarify or a crisis reply).
    pub to: String,
    /// For typed replies: index of the route taken, `None` for the fallback (and clarify, crisis, walk-away).
    pub route: Option<usize>,
    /// Change of each meter caused by this reply.
    pub meter_deltas: BTreeMap<String, i64>,
    /// What the reply did (older saves: moved on).
    #[serde(default)]
    pub outcome: TurnOutcome,
}

impl Turn {
    /// Whether this turn counts for scores (not a crisis reply, not a reply that gave nothing to
    /// answer, not an explorer's empty step).
    pub fn is_scored(&self) -> bool {
        self.analysis.is_scored() && self.outcome != TurnOutcome::Crisis
    }
}

/// The runner's whole state; saved as RON to resume a session. Fields added after format 1 default,
/// so older saves resume.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunState {
    /// Scenario id, checked on restore.
    pub scenario: String,
    /// Seed for line variants and option order.
    pub seed: u64,
    /// Current node.
    pub node: String,
    /// Index of the line variant shown at the current node (within the set it was picked from).
    pub variant: usize,
    /// Variables.
    pub vars: BTreeMap<String, Value>,
    /// Meter values.
    pub meters: BTreeMap<String, i64>,
    /// Node ids entered, in order, starting with the start node (a clarify or crisis adds nothing).
    pub path: Vec<String>,
    /// Exchanges so far.
    pub transcript: Vec<Turn>,
    /// Practice or Challenge.
    #[serde(default)]
    pub mode: Mode,
    /// The line shown now, placeholders filled (after a clarify: the clarify line); `None` in older saves.
    #[serde(default)]
    pub line: Option<String>,
    /// Whether the clarify line was used on this visit.
    #[serde(default)]
    pub clarified: bool,
    /// After a clarify: the line the clarify asked about, placeholders filled. A reply then still
    /// answers it ("Sorry, the connection… what did you say?" says nothing new), so it is the reply's
    /// context for the scorer ([`Runner::answered_line`]); `None` otherwise and in older saves.
    #[serde(default)]
    pub asked: Option<String>,
    /// Non-answer fallbacks taken this session (for the walk-away).
    #[serde(default)]
    pub non_answers: u32,
    /// Node id → the line (as written) shown on entering it last, so a revisit can avoid it.
    #[serde(default)]
    pub last_lines: BTreeMap<String, String>,
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
    /// Index to pass to [`Runner::choose`] (0-based position on screen among visible options).
    pub index: usize,
    /// Index among all the node's options in file order.
    pub file_index: usize,
    /// The option's id, if it has one.
    pub id: Option<String>,
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
        /// What to say (in Challenge mode a neutral "Your reply to NAME").
        prompt: String,
    },
    /// The conversation is over.
    Ending {
        /// Good, mixed or hard.
        kind: EndingKind,
        /// Heading.
        title: String,
        /// Debrief text: the debrief and every paragraph whose condition holds, placeholders filled.
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
    /// Practice or Challenge.
    pub mode: Mode,
    /// Whether to show feedback after each reply (Practice) or only in the debrief (Challenge).
    pub live_feedback: bool,
    /// Whether the author's coaching prompt is shown (Practice) or a neutral one (Challenge).
    pub coaching: bool,
    /// Set when the last reply held the prompt (a clarify or a crisis reply).
    pub held: Option<TurnOutcome>,
    /// The author's coaching hint at a free-text node, in either mode: what a front end shows when
    /// the user asks for help ([`crate::dialogue::answer::asks_for_help`]) instead of sending it.
    pub hint: Option<String>,
    /// A general way into a reply at a free-text node, shown with the hint on request ("Say what you
    /// feel and what you need…" for a client, "Reflect before you ask or advise…" for a listener).
    pub way_in: Option<&'static str>,
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

/// How the explorer follows a free-text node without a reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Follow {
    /// The route with this index.
    Route(usize),
    /// The fallback, as a reply with routed codes that matches no route takes it (not counted).
    Fallback,
    /// A non-answer: the clarify first (if the node has one and has not used it), then the
    /// counted fallback, or the walk-away once enough non-answers were taken.
    NonAnswer,
}

/// Why a typed reply that holds a strength takes no route for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Thin {
    /// A bare stock phrase ([`answer::is_bare`]: "I hear you", "yeah fair", "that must be hard").
    Bare,
    /// The same words as one of the user's earlier typed replies this session, given at another node
    /// ("tell me more", again). Back at the same node, after the same line, the same answer is fair,
    /// and so is a request or a limit said again where it went unheard.
    Repeated,
    /// The example an earlier tip gave for an earlier line ("It sounds like you carry boxes."),
    /// typed at another node: written for what they said then, it answers nothing they say now.
    Example,
    /// The other person's own words said back ([`answer::is_echo`]: a word or two of the line
    /// answered, "Three years.", or a run of it word for word, "He had work at seven, so he
    /// cycled."; openers such as "So" or "It sounds like" aside), holding, from a client, no request,
    /// limit or feeling of their own: it shows words were caught, not
    /// what was meant (a seventeenth play test's one-word "Mayfield." had taken six-weeks' route for
    /// reflecting, an eighteenth's pasted sentences four scenarios' good endings).
    Echo,
    /// A formula that would fit any line ([`answer::is_generic`]: "So what I'm hearing is you feel
    /// sad and I understand and I appreciate you."), with no word of the line answered.
    Generic,
    /// A template with its blanks left in ([`answer::has_placeholder`]: "I feel X when you Y because
    /// Z", "I feel feelings. it sounds like u feel things too").
    Placeholder,
    /// A reply that opens by leaving what was just said ([`answer::changes_subject`]: "So anyway,
    /// how's work going?"), or that is about nothing in the scenario ([`answer::off_topic`]:
    /// "what's your favourite film?").
    ChangesSubject,
    /// A minimal encourager ([`answer::is_encourager`]: "go on", "tell me more", "keep going") where
    /// the user typed one at an earlier prompt. The first keeps the story going, and its tip says to
    /// answer what comes of it; a thirty-second play test's trainee typed one at each prompt of
    /// thursdays-without-danny, picked the options between, and reached the good ending.
    EncouragerAgain,
}

/// Steps through a scenario. Holds the scenario behind an `Arc` so a view can keep it alive.
#[derive(Debug, Clone)]
pub struct Runner {
    scenario: Arc<Scenario>,
    state: RunState,
    /// The stems of every word the scenario puts on screen or lists ([`scenario_words`]), read once,
    /// on the first reply that might leave the subject ([`Runner::off_topic`]).
    vocabulary: OnceLock<HashSet<String>>,
}

/// Everything a scenario puts on screen but its debriefs, and its word lists: the title, summary,
/// the people's names, every line and variant (endings' too), every option, prompt and clarify
/// line, and the words of its `words` and `lexicon` lists. A reply about none of it leaves the subject.
fn scenario_words(s: &Scenario) -> String {
    let mut out = String::new();
    let mut add = |t: &str| {
        out.push_str(t);
        out.push('\n');
    };
    add(&s.title);
    add(&s.summary);
    for c in &s.characters {
        add(&c.name);
    }
    for n in &s.nodes {
        n.lines.iter().for_each(|l| add(l));
        n.variants
            .iter()
            .flat_map(|v| &v.lines)
            .for_each(|l| add(l));
        match &n.then {
            Then::Options(choices) => choices.iter().for_each(|c| add(&c.text)),
            Then::FreeText {
                prompt, clarify, ..
            } => {
                add(prompt);
                if let Some(c) = clarify {
                    add(c);
                }
            }
            Then::Ending { .. } => {}
        }
    }
    for list in s.words.values().chain(s.lexicon.values()) {
        list.iter().for_each(|w| add(w));
    }
    out
}

/// How many times a node may be entered before entering it again ends the conversation at the
/// scenario's walk-away ending ([`Runner`]'s loops).
pub const LOOP_VISITS: usize = 3;

fn rng_for(seed: u64, salt: u64, node: &str) -> StdRng {
    let h = crate::scoring::text::hash(node);
    StdRng::seed_from_u64(seed ^ h ^ salt.wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

fn variant_for(seed: u64, step: usize, node: &str, n: usize) -> usize {
    if n <= 1 {
        return 0;
    }
    // One generator per visit, seeded from (seed, step, node): deterministic and trivially restorable.
    rng_for(seed, step as u64, node).random_range(0..n)
}

/// The screen order of `n` visible options at a node's `visit`-th visit: a permutation of `0..n`.
pub fn option_order(seed: u64, node: &str, visit: usize, n: usize) -> Vec<usize> {
    let mut v: Vec<usize> = (0..n).collect();
    let mut rng = rng_for(
        seed.rotate_left(17) ^ 0x005e_ed0f_0e1d,
        visit as u64 + 1,
        node,
    );
    for i in (1..n).rev() {
        let j = rng.random_range(0..=i);
        v.swap(i, j);
    }
    v
}

/// Where conditions look for replies: the one just given (routes, options, lines) or the whole session (debriefs).
#[derive(Clone, Copy)]
enum Scope<'a> {
    /// A reply's analysis and its words (empty where there is no reply).
    Reply(Option<&'a Analysis>, &'a str),
    Session,
}

/// Whether `text` names any of `words` ([`Condition::Mentions`]): whole words, any case, a phrase's
/// words in a row, a closing `*` for any ending; `"@name"` stands for the word list `name` of
/// `lists` (a scenario's `words`).
pub fn mentions(text: &str, words: &[String], lists: &BTreeMap<String, Vec<String>>) -> bool {
    let said: Vec<String> = plain_words(text).collect();
    let expanded = words.iter().flat_map(|w| match w.strip_prefix('@') {
        Some(name) => lists.get(name).map_or(&[][..], Vec::as_slice).iter(),
        None => std::slice::from_ref(w).iter(),
    });
    expanded.into_iter().any(|phrase| {
        let stem = phrase.strip_suffix('*');
        let want: Vec<String> = plain_words(stem.unwrap_or(phrase)).collect();
        !want.is_empty()
            && said.windows(want.len()).any(|w| {
                let last = want.len() - 1;
                w[..last] == want[..last]
                    && if stem.is_some() {
                        w[last].starts_with(&want[last])
                    } else {
                        w[last] == want[last]
                    }
            })
    })
}

/// The number of words in `text` ([`Condition::Words`]): runs of letters or digits, as
/// [`Condition::Mentions`] reads them ("don't" is one word, "—" none).
pub fn word_count(text: &str) -> i64 {
    plain_words(text).count() as i64
}

/// The codes a set of routes tests (group codes as written).
pub fn routed_codes(routes: &[Route]) -> Vec<Code> {
    fn walk(c: &Condition, out: &mut Vec<Code>) {
        match c {
            Condition::All(cs) | Condition::Any(cs) => cs.iter().for_each(|c| walk(c, out)),
            Condition::Not(c) => walk(c, out),
            Condition::Code(code) => out.push(*code),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for r in routes {
        walk(&r.when, &mut out);
    }
    out
}

/// Whether a typed reply is a bare brush-off: a word or two ([`is_brief`]: "ok", "k", "fine", an
/// emoji) whose only code is stonewalling, said without hostility. The guide calls it stonewalling — withdrawal, not an
/// attack — so it is a non-answer to the other person (the clarify line, then the fallback), and a
/// route takes it only where the route names stonewalling itself; its feedback still names it. With a
/// dig ("whatever", read passive-aggressive) it stays an answer that stings.
fn brushes_off(text: &str, analysis: &Analysis) -> bool {
    is_brief(text) && analysis.codes == [Code::Stonewalling] && !analysis.style.is_hostile()
}

/// Whether a reply withdraws without attacking: stonewalling is its only horseman, it has no attack
/// ([`Code::ATTACKS`]) and no hostile style ("whatever u want" to Nadia's tears, "what do u want for
/// dinner tmrw" at the limit). A route written for the horsemen as a group answers an attack ("Don't
/// stand in her kitchen and have a go at me"), so such a reply takes a route only where the route
/// names stonewalling itself; its other codes route as usual. A bare brush-off ([`brushes_off`]) is one.
fn withdraws(analysis: &Analysis) -> bool {
    analysis.has(Code::Stonewalling)
        && !analysis.has(Code::Defensiveness)
        && !Code::ATTACKS.iter().any(|c| analysis.has(*c))
        && !analysis.style.is_hostile()
}

/// Whether a reply mocks or confronts: contempt, an insult, sarcasm or a confront ([`Code::ATTACKS`]
/// but criticism, which a client's complaint holds beside a fair request and which the scenarios
/// route themselves).
fn mocks_or_confronts(analysis: &Analysis) -> bool {
    Code::ATTACKS
        .iter()
        .any(|&c| c != Code::Criticism && analysis.has(c))
}

/// Whether a condition reads the reply's words themselves (`Mentions`, `Words`) anywhere in it, even
/// inside a `Not` or one branch of an `Any`: a generic reply takes no such route at all.
fn reads_the_words(c: &Condition) -> bool {
    match c {
        Condition::Mentions(_) | Condition::Words(_) => true,
        Condition::All(cs) | Condition::Any(cs) => cs.iter().any(reads_the_words),
        Condition::Not(c) => reads_the_words(c),
        _ => false,
    }
}

/// `analysis` with only the codes whose polarity ([`Analysis::is_strength_of`]: a strength, a
/// pitfall, or neither) `keep` takes: what a thin or mocking reply routes on (no strengths), or a
/// template with its blanks left in (pitfalls alone).
fn keeping(analysis: &Analysis, keep: impl Fn(Option<bool>) -> bool) -> Analysis {
    let mut routed = analysis.clone();
    routed.codes.retain(|c| keep(analysis.is_strength_of(*c)));
    routed
}

/// `analysis` without its strengths: what a thin or mocking reply routes on.
fn without_strengths(analysis: &Analysis) -> Analysis {
    keeping(analysis, |polarity| polarity != Some(true))
}

/// How a turn's reply ranks for `{best_reply}`/`{worst_reply}`: the mean of the three scores for a
/// client, active listening for a therapist.
pub fn reply_rank(a: &Analysis, perspective: Perspective) -> f64 {
    match perspective {
        Perspective::Therapist => a.scores.active_listening as f64,
        Perspective::Client => {
            Dimension::ALL
                .iter()
                .map(|d| a.scores.get(*d) as f64)
                .sum::<f64>()
                / 3.0
        }
    }
}

impl Runner {
    /// Starts a scenario at its start node, in Practice mode.
    pub fn new(scenario: Arc<Scenario>, seed: u64) -> Self {
        Self::with_mode(scenario, seed, Mode::Practice)
    }

    /// Starts a scenario at its start node in the given mode.
    pub fn with_mode(scenario: Arc<Scenario>, seed: u64, mode: Mode) -> Self {
        let start = scenario.start.clone();
        let state = RunState {
            scenario: scenario.id.clone(),
            seed,
            variant: 0,
            node: start.clone(),
            vars: scenario.variables.clone(),
            meters: scenario
                .meters
                .iter()
                .map(|m| (m.id.clone(), m.initial))
                .collect(),
            path: vec![start],
            transcript: Vec::new(),
            mode,
            line: None,
            clarified: false,
            asked: None,
            non_answers: 0,
            last_lines: BTreeMap::new(),
        };
        let mut r = Runner {
            scenario,
            state,
            vocabulary: OnceLock::new(),
        };
        r.enter();
        r
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
        if state.line.is_none() {
            // A save from before format 1.1: the line is the node's variant it names.
            state.variant = state.variant.min(node.lines.len().saturating_sub(1));
            state.line = node.lines.get(state.variant).cloned();
        }
        // Meters or variables added to the scenario since the save start at their initial values.
        for m in &scenario.meters {
            state.meters.entry(m.id.clone()).or_insert(m.initial);
        }
        for (k, v) in &scenario.variables {
            state.vars.entry(k.clone()).or_insert(*v);
        }
        let mut r = Runner {
            scenario,
            state,
            vocabulary: OnceLock::new(),
        };
        // A save from before `asked` was kept, made with the clarify on screen: the line it asked
        // about is the one shown on entering the node, placeholders filled as they are now.
        if r.state.clarified && r.state.asked.is_none() {
            r.state.asked = r.state.last_lines.get(&r.state.node).map(|raw| r.fill(raw));
        }
        Ok(r)
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

    /// Practice or Challenge.
    pub fn mode(&self) -> Mode {
        self.state.mode
    }

    /// Swaps in a new version of the scenario (hot reload), keeping the session if its node still exists.
    pub fn replace_scenario(&mut self, scenario: Arc<Scenario>) -> Result<(), DialogueError> {
        // The line is picked again from the edited node (an author wants to see the edit), except
        // mid-clarify and at an ending, where the line on screen (filled placeholders and all) stays.
        let mut r = Runner::restore(scenario, self.state.clone())?;
        if !r.state.clarified && !r.is_finished() {
            r.state.last_lines.remove(&r.state.node);
            r.pick_line();
        }
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
        if let Some(l) = &self.state.line {
            return l;
        }
        self.node_line()
    }

    /// The line a reply at the current node answers: the line on screen, or after a clarify the line
    /// the clarify asked about. A seventeenth play test's reflection of Kunle's forty minutes in the
    /// bar, typed after "Sorry, the connection... what did you say?", was read against the clarify,
    /// shared no words with it and fell to the fallback; typed first, it took the route for reflecting.
    pub fn answered_line(&self) -> &str {
        self.state.asked.as_deref().unwrap_or_else(|| self.line())
    }

    /// The current node's line for this visit as written (placeholders unfilled), whatever the clarify
    /// put on screen since.
    fn node_line(&self) -> &str {
        let n = self.node();
        n.lines
            .get(self.state.variant)
            .or(n.lines.first())
            .map_or("", String::as_str)
    }

    /// How many times a node has been entered this session (the current visit counts).
    pub fn visits(&self, node: &str) -> usize {
        self.state.path.iter().filter(|p| *p == node).count()
    }

    fn speaker_name(&self, id: &str) -> String {
        self.scenario
            .character(id)
            .map_or_else(|| id.to_string(), |c| c.name.clone())
    }

    /// What the view must present now.
    pub fn view(&self) -> View {
        let node = self.node();
        let speaker = self.speaker_name(&node.speaker);
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
        let coaching = self.state.mode == Mode::Practice;
        let prompt = match &node.then {
            Then::Options(_) => Prompt::Options(self.options()),
            Then::FreeText { prompt, .. } => Prompt::FreeText {
                prompt: if coaching {
                    prompt.clone()
                } else {
                    format!("Your reply to {speaker}")
                },
            },
            Then::Ending { kind, title, .. } => Prompt::Ending {
                kind: *kind,
                title: title.clone(),
                debrief: self.debrief(),
            },
        };
        let held = last
            .filter(|t| t.outcome.holds_prompt() && t.node == node.id)
            .map(|t| t.outcome);
        View {
            node: node.id.clone(),
            speaker_id: node.speaker.clone(),
            speaker,
            line: self.line().to_string(),
            mood: node.mood,
            meters,
            prompt,
            mode: self.state.mode,
            live_feedback: coaching,
            coaching,
            held,
            hint: match &node.then {
                Then::FreeText { prompt, .. } if !prompt.trim().is_empty() => Some(prompt.clone()),
                _ => None,
            },
            way_in: matches!(node.then, Then::FreeText { .. }).then(|| {
                RuleScorer::builtin()
                    .tips()
                    .way_in(self.scenario.perspective)
            }),
        }
    }

    /// The visible options in screen order (shuffled per seed and visit unless the node says `order: Fixed`).
    pub fn options(&self) -> Vec<OptionView> {
        let visible = self.visible_options();
        let order = match self.node().order {
            Order::Fixed => (0..visible.len()).collect(),
            Order::Shuffled => option_order(
                self.state.seed,
                &self.state.node,
                self.visits(&self.state.node),
                visible.len(),
            ),
        };
        order
            .into_iter()
            .enumerate()
            .map(|(index, k)| {
                let (file_index, c) = visible[k];
                OptionView {
                    index,
                    file_index,
                    id: c.id.clone(),
                    text: c.text.clone(),
                }
            })
            .collect()
    }

    /// Visible options with their index among all options, in file order.
    fn visible_options(&self) -> Vec<(usize, &Choice)> {
        let Then::Options(opts) = &self.node().then else {
            return Vec::new();
        };
        let last = self.last_reply();
        opts.iter()
            .enumerate()
            .filter(|(_, o)| o.when.as_ref().is_none_or(|c| self.eval(c, last)))
            .collect()
    }

    /// The reply that led here, as reply conditions read it (for options' and variants' `when`).
    fn last_reply(&self) -> Scope<'_> {
        self.state
            .transcript
            .iter()
            .rev()
            .find(|t| t.outcome == TurnOutcome::Moved || t.outcome == TurnOutcome::WalkAway)
            .map_or(Scope::Reply(None, ""), |t| {
                Scope::Reply(Some(&t.analysis), &t.reply)
            })
    }

    /// Evaluates a condition against the state and (for routes) a reply: its analysis and its words.
    pub fn holds(&self, c: &Condition, reply: Option<(&Analysis, &str)>) -> bool {
        let scope = reply.map_or(Scope::Reply(None, ""), |(a, text)| {
            Scope::Reply(Some(a), text)
        });
        self.eval(c, scope)
    }

    /// Evaluates a condition as a debrief paragraph does: reply conditions look at the whole session.
    pub fn holds_in_session(&self, c: &Condition) -> bool {
        self.eval(c, Scope::Session)
    }

    /// A meter's value as conditions see it: in Challenge mode worse by the scenario's margin.
    pub fn meter_for_conditions(&self, id: &str) -> Option<i64> {
        let v = *self.state.meters.get(id)?;
        if self.state.mode == Mode::Practice {
            return Some(v);
        }
        let m = self.scenario.margin(id);
        let worse_up = self.scenario.meter(id).is_some_and(|m| m.higher_is_worse);
        Some(if worse_up { v + m } else { v - m })
    }

    fn scored_turns(&self) -> impl Iterator<Item = &Turn> {
        self.state
            .transcript
            .iter()
            .filter(|t| t.is_scored() && !t.reply.is_empty())
    }

    fn eval(&self, c: &Condition, scope: Scope<'_>) -> bool {
        match c {
            Condition::All(cs) => cs.iter().all(|c| self.eval(c, scope)),
            Condition::Any(cs) => cs.iter().any(|c| self.eval(c, scope)),
            Condition::Not(c) => !self.eval(c, scope),
            Condition::Var(name, t) => self.state.vars.get(name).is_some_and(|v| t.holds(*v)),
            Condition::Meter(name, t) => self
                .meter_for_conditions(name)
                .is_some_and(|v| t.holds_int(v)),
            Condition::Visited(n) => self.state.path.iter().any(|p| p == n),
            Condition::Visits(n, t) => t.holds_int(self.visits(n) as i64),
            Condition::Score(d, t) => match scope {
                Scope::Reply(r, _) => r.is_some_and(|a| t.holds_int(a.scores.get(*d) as i64)),
                Scope::Session => self.session_means().is_some_and(|m| {
                    let i = Dimension::ALL.iter().position(|x| x == d).unwrap_or(0);
                    t.holds_int(m[i].round() as i64)
                }),
            },
            Condition::Code(code) => match scope {
                Scope::Reply(r, _) => r.is_some_and(|a| a.has(*code)),
                Scope::Session => self.scored_turns().any(|t| t.analysis.has(*code)),
            },
            Condition::Style(s) => match scope {
                Scope::Reply(r, _) => r.is_some_and(|a| a.style == *s),
                Scope::Session => self.scored_turns().any(|t| t.analysis.style == *s),
            },
            Condition::RiskQuestion => match scope {
                Scope::Reply(r, _) => r.is_some_and(|a| a.risk_question),
                Scope::Session => self.scored_turns().any(|t| t.analysis.risk_question),
            },
            Condition::Words(test) => match scope {
                Scope::Reply(_, text) => test.holds_int(word_count(text)),
                Scope::Session => self
                    .scored_turns()
                    .any(|t| test.holds_int(word_count(&t.reply))),
            },
            Condition::Mentions(words) => {
                let lists = &self.scenario.words;
                match scope {
                    Scope::Reply(_, text) => mentions(text, words, lists),
                    Scope::Session => self
                        .scored_turns()
                        .any(|t| mentions(&t.reply, words, lists)),
                }
            }
        }
    }

    /// The user's own reply for a placeholder (`best_reply`, `worst_reply`, `last_reply`); empty when none.
    pub fn placeholder(&self, name: &str) -> String {
        let p = self.scenario.perspective;
        let turns: Vec<&Turn> = self.scored_turns().collect();
        let all_thin = turns.iter().all(|t| t.analysis.uncounted);
        let pick = match name {
            "last_reply" => turns.last().copied(),
            // Not a reply the conversation took no route for ("I feel X when you Y…" was quoted as
            // a thirtieth play test's strongest line), while another is there.
            "best_reply" => turns
                .iter()
                .copied()
                .filter(|t| !t.analysis.uncounted || all_thin)
                .fold(None, |best: Option<&Turn>, t| match best {
                    Some(b) if reply_rank(&b.analysis, p) >= reply_rank(&t.analysis, p) => Some(b),
                    _ => Some(t),
                }),
            "worst_reply" => {
                turns
                    .iter()
                    .copied()
                    .fold(None, |worst: Option<&Turn>, t| match worst {
                        Some(w) if reply_rank(&w.analysis, p) <= reply_rank(&t.analysis, p) => {
                            Some(w)
                        }
                        _ => Some(t),
                    })
            }
            _ => None,
        };
        pick.map(|t| t.reply.clone()).unwrap_or_default()
    }

    /// Fills the placeholders of a text with the user's own replies.
    pub fn fill(&self, text: &str) -> String {
        fill_placeholders(text, |name| self.placeholder(name))
    }

    /// Indices of the current ending's paragraphs whose condition holds (session semantics).
    pub fn shown_paragraphs(&self) -> Vec<usize> {
        let Then::Ending { paragraphs, .. } = &self.node().then else {
            return Vec::new();
        };
        paragraphs
            .iter()
            .enumerate()
            .filter(|(_, p)| p.when.as_ref().is_none_or(|c| self.holds_in_session(c)))
            .map(|(i, _)| i)
            .collect()
    }

    /// The debrief of the current ending as shown: the debrief, then each paragraph that holds,
    /// separated by blank lines, placeholders filled. Empty when not at an ending.
    pub fn debrief(&self) -> String {
        let Then::Ending {
            debrief,
            paragraphs,
            ..
        } = &self.node().then
        else {
            return String::new();
        };
        let mut parts = vec![self.fill(debrief)];
        for i in self.shown_paragraphs() {
            parts.push(self.fill(&paragraphs[i].text));
        }
        parts.retain(|p| !p.trim().is_empty());
        parts.join("\n\n")
    }

    /// Sends an input.
    pub fn input(&mut self, input: Input, scorer: &dyn Scorer) -> Result<Outcome, DialogueError> {
        match input {
            Input::Choose(i) => self.choose(i, scorer),
            Input::Say(s) => self.say(&s, scorer),
        }
    }

    /// Picks the visible option at this 0-based screen position.
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
        let shown = self.options();
        let Some(view) = shown.get(index) else {
            return Err(DialogueError::InvalidOption {
                selected: index,
                visible: shown.len(),
            });
        };
        let orig = view.file_index;
        let Then::Options(opts) = &self.node().then else {
            unreachable!("checked above")
        };
        let choice = opts[orig].clone();
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
            TurnOutcome::Moved,
        ))
    }

    /// A typed reply at the current node, exactly as [`Runner::say`] hands it to the scorer.
    pub fn typed_reply<'a>(&'a self, text: &'a str) -> Reply<'a> {
        Reply::typed(text, Some(self.answered_line()), self.scenario.perspective)
    }

    /// What [`Runner::say`] records for a typed reply at the current node: the scorer's analysis,
    /// marked as giving nothing to answer ([`Analysis::mark_unanswerable`]) when it is keys struck at
    /// random ("asdf"), punctuation alone ("?"), the other person's own line pasted back, or the
    /// coaching hint pasted. Those say nothing the other person could answer and are no skill or fault
    /// of the user's, whatever the scorer reads into them. After the clarify the line on screen is the
    /// clarify; the line first said is still the one a second paste copies.
    ///
    /// Two tips come from the conversation rather than the scorer: a reply with a strength in it that
    /// takes no route for it ([`Thin`]: a bare stock phrase, an echo of the other person's words, the
    /// user's own earlier words typed again or an earlier tip's example; and a strength beside mockery
    /// or a confront, which routes the same way) is told why the conversation moves on without it
    /// where it is thin, and a reply the scorer finds nothing
    /// in, said in a neutral or assertive style, gets the author's coaching hint for this moment, not
    /// a generic script ("Say what you feel and what you need" to a neighbour asking where you are
    /// from). So does a reply the scorer would praise that takes the fallback.
    pub fn read_typed(&self, text: &str, scorer: &dyn Scorer) -> Analysis {
        self.read(text, scorer).0
    }

    /// [`Runner::read_typed`], and the route the reply takes at this free-text node (`None`: the
    /// fallback or a non-answer). A thin reply ([`Thin`]) is routed as if it held no strength, and is
    /// told why the conversation moved on only where it did: a bare "sorry" that a pitfall route takes
    /// (over-apology, a passive style) keeps that pitfall's tips.
    fn read(&self, text: &str, scorer: &dyn Scorer) -> (Analysis, Option<usize>) {
        let mut analysis = scorer.analyse(self.typed_reply(text));
        let (hint, routes) = match &self.node().then {
            Then::FreeText { prompt, routes, .. } => (prompt.as_str(), &routes[..]),
            _ => ("", &[][..]),
        };
        if analysis.is_crisis() {
            return (analysis, None);
        }
        let why = Unanswerable::of(text, Some(self.line())).or_else(|| {
            if self.state.clarified && is_parroted(text, self.answered_line()) {
                Some(Unanswerable::Parroted)
            } else {
                is_parroted(text, hint).then_some(Unanswerable::Hint)
            }
        });
        let tips = RuleScorer::builtin().tips();
        if let Some(why) = why {
            analysis.mark_unanswerable(why, tips.unanswerable(why));
            return (analysis, None);
        }
        let thin = self.thin(text, &analysis);
        // A thin reply takes no route for the strength in it: "I hear you" names nothing Umma said,
        // "yeah fair" nothing Ify was told, so neither earns the line written for a reply that did (a
        // play test reached spare-key's good ending with three words). Nor do the user's own words
        // typed again ("tell me more" at every turn). Their pitfalls still route.
        let route = match thin {
            // A reply that withdraws takes a route written for stonewalling, not one written for the
            // horsemen as a group (an attack): "ok" to Nadia's tears had her answer "Don't stand in her
            // kitchen and have a go at me" (a play test, in seven scenarios), and so had "whatever u
            // want" (an eleventh).
            None if withdraws(&analysis) => {
                let mut withdrawn = analysis.clone();
                withdrawn.codes.retain(|c| *c != Code::Stonewalling);
                routes.iter().position(|r| {
                    let names_it =
                        routed_codes(std::slice::from_ref(r)).contains(&Code::Stonewalling);
                    let a = if names_it { &analysis } else { &withdrawn };
                    self.holds(&r.when, Some((a, text)))
                })
            }
            // A strength said as mockery or a confront earns nothing for the strength: "why havent
            // you decided yet? its only a job" asks nothing a good question asks, and a sixteenth play
            // test's trainee took six-weeks' route for open questions with it (and mocking a grieving
            // client, thursdays' route for a link). Its pitfalls route as usual, else the fallback.
            // A thin reply routes the same way.
            _ => {
                // A template with its blanks left in asks nothing either: its question mark is the
                // template's ("I feel … when …; could we …?" took the-plot-next-door's route for
                // asking back as a closed question: a thirty-third play test).
                let routed = if thin == Some(Thin::Placeholder) {
                    &keeping(&analysis, |polarity| polarity == Some(false))
                } else if thin.is_some() || mocks_or_confronts(&analysis) {
                    &without_strengths(&analysis)
                } else {
                    &analysis
                };
                // A formula's words are no content either: a route that reads what the reply
                // mentions or how long it is ("shares": four words with an "I" in them) does not
                // take "So what I'm hearing is you feel sad…", whatever else it asks.
                let generic = matches!(thin, Some(Thin::Generic | Thin::Placeholder));
                routes.iter().position(|r| {
                    !(generic && reads_the_words(&r.when))
                        && self.holds(&r.when, Some((routed, text)))
                })
            }
        };
        // A risk cue passed by keeps its tip first, whatever the conversation puts in place of the
        // rest ("k" to "sometimes I think they'd all be fine without me" had shown only the hint).
        let risk_tip = analysis.tips.iter().find(|t| tips.is_risk_cue(t)).cloned();
        let with_risk_tip = |tip: Tip| risk_tip.clone().into_iter().chain([tip]).collect();
        match thin {
            Some(thin) if route.is_none() => {
                analysis.tips = with_risk_tip(match thin {
                    Thin::Bare => tips.bare(),
                    Thin::Repeated => tips.repeated(),
                    Thin::Example => tips.example_again(),
                    Thin::Echo => tips.echo(),
                    Thin::Generic => tips.generic(),
                    Thin::Placeholder => tips.placeholder(),
                    Thin::ChangesSubject => tips.changes_subject(),
                    Thin::EncouragerAgain => tips.encourager_again(),
                });
                // Nor does it lift the scores: "yeah fair" had Conflict resolution 76 beside a tip
                // saying the conversation moved on without it.
                RuleScorer::builtin().uncount_strengths(&mut analysis, self.scenario.perspective);
            }
            // The hint says what this moment asks for, in place of the scorer's generic tip, where
            // the scorer found nothing in a reply said in a neutral or assertive style, and where it
            // would say "Good move" to a strength this moment has no route for ("same" as an
            // I-statement where Nadia asked how the user is holding up) or to a reply whose route
            // leaves every meter it moves worse ("how about we just take a break" from someone
            // ending it, ending-it-kindly's `waver`; two play tests).
            None if !hint.trim().is_empty()
                && ((analysis.codes.is_empty()
                    && matches!(analysis.style, Style::Neutral | Style::Assertive))
                    || (route.is_none_or(|i| self.only_worsens(&routes[i].effects))
                        && analysis.tips.iter().any(|t| tips.is_praise(t)))) =>
            {
                analysis.tips = with_risk_tip(Tip::plain(hint));
            }
            _ => {}
        }
        // The reply after one that spoke of self-harm or suicide, at the same prompt, keeps the help
        // in view: a twelfth play test's "sorry. forget i said that. im just tired, its fine" was
        // scored as an ordinary passive reply.
        if self
            .state
            .transcript
            .last()
            .is_some_and(|t| t.outcome == TurnOutcome::Crisis && t.node == self.state.node)
        {
            analysis.tips.insert(0, tips.after_crisis());
        }
        (analysis, route)
    }

    /// Whether `effects` move at least one meter and every meter they move for the worse (down, or up
    /// where higher is worse): a route written for a reply that set the conversation back.
    fn only_worsens(&self, effects: &[Effect]) -> bool {
        let mut moved = false;
        for e in effects {
            if let Effect::Meter(id, delta) = e
                && *delta != 0
            {
                moved = true;
                let worse_up = self.scenario.meter(id).is_some_and(|m| m.higher_is_worse);
                if (*delta > 0) != worse_up {
                    return false;
                }
            }
        }
        moved
    }

    /// Why a typed reply holding a strength takes no route for it, if it does not: a bare stock phrase,
    /// an echo of the other person's words, the user's own words from another node typed again, or
    /// an earlier tip's example. A request or
    /// a limit said again where it went unheard is the "broken record" of assertiveness training, not
    /// a thin reply ("I'd like you to call before you come." restated where Umma asks what you need).
    fn thin(&self, text: &str, analysis: &Analysis) -> Option<Thin> {
        if !analysis
            .codes
            .iter()
            .any(|c| analysis.is_strength_of(*c) == Some(true))
        {
            return None;
        }
        let names = self.name_words();
        if answer::has_placeholder(text) {
            Some(Thin::Placeholder)
        } else if answer::is_bare(text, &names) {
            Some(Thin::Bare)
        } else if answer::changes_subject(text)
            || (!analysis.risk_question && self.off_topic(text, &names))
        {
            Some(Thin::ChangesSubject)
        } else if answer::is_generic(text, self.answered_line(), &names) {
            Some(Thin::Generic)
        } else if answer::is_echo(text, self.answered_line(), &names)
            // A client's request, limit or feeling said in the other person's words is their own
            // all the same ("Can we wait?" to "Can we wait till spring?", "I miss him." to "I miss
            // him."); a therapist who pastes the client's request only quotes it.
            && !(self.scenario.perspective == Perspective::Client
                && [Code::Request, Code::Boundary, Code::IStatement]
                    .iter()
                    .any(|c| analysis.has(*c)))
        {
            Some(Thin::Echo)
        } else if self.state.transcript.iter().any(|t| {
            t.kind == ReplyKind::Typed
                && t.is_scored()
                && t.node != self.state.node
                && answer::same_words(&t.reply, text)
                // A request or a limit said again where it went unheard (the fallback) is the
                // broken record; said again after a route took it, it asks nothing new: a
                // fifteenth play test's "I feel sad. Can we talk?" at every prompt reached four
                // good endings.
                && (!(analysis.has(Code::Request) || analysis.has(Code::Boundary))
                    || t.route.is_some())
        }) {
            Some(Thin::Repeated)
        } else if self.state.transcript.iter().any(|t| {
            t.node != self.state.node
                && t.analysis.tips.iter().any(|tip| {
                    tip.rewrite
                        .as_deref()
                        .is_some_and(|r| answer::same_words(r, text))
                })
        }) {
            Some(Thin::Example)
        } else if answer::is_encourager(text)
            && self.state.transcript.iter().any(|t| {
                t.kind == ReplyKind::Typed
                    && t.is_scored()
                    && t.node != self.state.node
                    && answer::is_encourager(&t.reply)
            })
        {
            Some(Thin::EncouragerAgain)
        } else {
            None
        }
    }

    /// Whether a reply leaves the subject without a marker ([`answer::off_topic`]): it is about
    /// something (`favourite film`, `traffic`) and nothing it is about is in the scenario or in what
    /// the user typed before.
    fn off_topic(&self, text: &str, names: &[String]) -> bool {
        let vocabulary = self.vocabulary.get_or_init(|| {
            word_stems(&scenario_words(&self.scenario))
                .into_iter()
                .collect()
        });
        // Only replies that counted: small talk already refused does not make its words known. Read
        // only for a word the scenario does not hold.
        let earlier = std::cell::OnceCell::new();
        let earlier = || -> &HashSet<String> {
            earlier.get_or_init(|| {
                self.state
                    .transcript
                    .iter()
                    .filter(|t| {
                        t.kind == ReplyKind::Typed && t.is_scored() && !t.analysis.uncounted
                    })
                    .flat_map(|t| word_stems(&t.reply))
                    .collect()
            })
        };
        answer::off_topic(text, names, |stem| {
            vocabulary.contains(stem) || earlier().contains(stem)
        })
    }

    /// Every word of every character's name, as [`answer::is_bare`] compares them.
    fn name_words(&self) -> Vec<String> {
        answer::name_words(self.scenario.characters.iter().map(|c| c.name.as_str()))
    }

    /// Sends a typed reply.
    pub fn say(&mut self, text: &str, scorer: &dyn Scorer) -> Result<Outcome, DialogueError> {
        let routes = match &self.node().then {
            Then::FreeText { routes, .. } => routes.clone(),
            Then::Options(_) => {
                return Err(DialogueError::WrongInput {
                    expected: "a picked option",
                });
            }
            Then::Ending { .. } => return Err(DialogueError::Finished),
        };
        let (analysis, route) = self.read(text, scorer);
        if analysis.is_crisis() {
            return Ok(self.hold(text.to_string(), analysis, TurnOutcome::Crisis));
        }
        if analysis.unanswerable.is_some() {
            return Ok(self.take(text.to_string(), analysis, Follow::NonAnswer));
        }
        if let Some(i) = route {
            return Ok(self.take(text.to_string(), analysis, Follow::Route(i)));
        }
        // An attack is an answer even where no route keys on it: "Stop feeling sorry for yourself."
        // takes the fallback, not "Sorry, what do you mean?". So is a sentence that does not shut the
        // talk down, whether the scorer finds it doing something ("I'll miss our sessions too. It's been
        // a privilege working with you.", giving information) or nothing it has a code for ("It's been
        // really hard doing it all on my own.", "Last Saturday when you walked in on Dev it was really
        // awkward for everyone."): the other person goes on rather than saying they do not understand.
        // Four words of gibberish with no code ("dffsd sdfk qwpo zzt") are no sentence. A word or two the
        // scorer finds a strength in is an answer as well ("sorry" to a complaint is taking
        // responsibility, "thanks" appreciation): the other person had answered them "I'm not following
        // you" (a play test). Any other bare word stays a non-answer whatever it is coded ("ok" to a plea
        // is stonewalling, "yeah" nothing), and so does "I don't want to talk about it." A short reply
        // with a word of its own after a question answers it, unless it shuts the talk down ("leeds
        // lol" to "Where have you come from?" had met "Sorry, lovely, I didn't catch that"; a ninth
        // play test).
        let answered = !brushes_off(text, &analysis)
            && ((answer::ends_asking(self.answered_line())
                && answer::gives_something(text)
                && !analysis.has(Code::Stonewalling))
            || routed_codes(&routes).iter().any(|c| analysis.has(*c))
            || Code::ATTACKS.iter().any(|c| analysis.has(*c))
            // So is a hostile tone with no code for it ("yeah whatever", read passive-aggressive):
            // the tip names the hostility, and "I'm not following" contradicted it.
            || (!analysis.has(Code::Stonewalling)
                && (analysis.style.is_hostile()
                    || analysis.codes.iter().any(|c| c.is_strength() == Some(true))))
            || (says_something(text)
                && if analysis.codes.is_empty() {
                    reads_as_a_sentence(text)
                } else {
                    analysis.codes.iter().any(|c| *c != Code::Stonewalling)
                }));
        // A yes or a no to a yes-or-no question is an answer, whatever else it is coded ("no" to
        // "Was it something I did?" had met "Mija, I'm not following"; a twelfth play test).
        let answered = answered
            || (answer::asks_yes_or_no(self.answered_line())
                && answer::yes_or_no(text, &self.name_words()));
        let follow = if answered {
            Follow::Fallback
        } else {
            Follow::NonAnswer
        };
        Ok(self.take(text.to_string(), analysis, follow))
    }

    /// Takes a free-text node's route, fallback or non-answer path for a reply.
    fn take(&mut self, reply: String, analysis: Analysis, follow: Follow) -> Outcome {
        let scenario = self.scenario.clone();
        let Some(Then::FreeText {
            routes,
            fallback,
            clarify,
            ..
        }) = scenario.node(&self.state.node).map(|n| &n.then)
        else {
            unreachable!("only called at free-text nodes")
        };
        let (to, route, effects, outcome) = match follow {
            Follow::Route(i) => (
                &routes[i].to,
                Some(i),
                &routes[i].effects[..],
                TurnOutcome::Moved,
            ),
            Follow::Fallback => (
                &fallback.to,
                None,
                &fallback.effects[..],
                TurnOutcome::Moved,
            ),
            Follow::NonAnswer => {
                if let Some(c) = clarify
                    && !self.state.clarified
                {
                    let c = self.fill(c);
                    let out = self.hold(reply, analysis, TurnOutcome::Clarify);
                    self.state.clarified = true;
                    self.state.asked = Some(self.line().to_string());
                    self.state.line = Some(c);
                    return out;
                }
                let walks = scenario
                    .walk_away
                    .as_ref()
                    .filter(|w| self.state.non_answers >= w.after);
                self.state.non_answers += 1;
                match walks {
                    Some(w) => (&w.to, None, &[][..], TurnOutcome::WalkAway),
                    None => (
                        &fallback.to,
                        None,
                        &fallback.effects[..],
                        TurnOutcome::Moved,
                    ),
                }
            }
        };
        self.advance(
            reply,
            ReplyKind::Typed,
            analysis,
            to,
            route,
            effects,
            outcome,
        )
    }

    /// Records a reply that leaves the conversation where it is (clarify, crisis).
    fn hold(&mut self, reply: String, analysis: Analysis, outcome: TurnOutcome) -> Outcome {
        let here = self.node().id.clone();
        let turn = self.turn(
            reply,
            ReplyKind::Typed,
            analysis,
            here,
            None,
            BTreeMap::new(),
            outcome,
        );
        self.state.transcript.push(turn.clone());
        Outcome { turn, ended: false }
    }

    /// The transcript entry for a reply at the current node, on its current line.
    #[allow(clippy::too_many_arguments)] // the fields of a `Turn` that differ between its callers
    fn turn(
        &self,
        reply: String,
        kind: ReplyKind,
        analysis: Analysis,
        to: String,
        route: Option<usize>,
        meter_deltas: BTreeMap<String, i64>,
        outcome: TurnOutcome,
    ) -> Turn {
        let node = self.node();
        Turn {
            node: node.id.clone(),
            speaker: self.speaker_name(&node.speaker),
            line: self.line().to_string(),
            asked: self
                .state
                .asked
                .clone()
                .filter(|a| self.state.clarified && a != self.line()),
            reply,
            kind,
            analysis,
            to,
            route,
            meter_deltas,
            outcome,
        }
    }

    #[allow(clippy::too_many_arguments)] // one call per way of moving on; a struct would only rename them
    fn advance(
        &mut self,
        reply: String,
        kind: ReplyKind,
        analysis: Analysis,
        to: &str,
        route: Option<usize>,
        effects: &[Effect],
        outcome: TurnOutcome,
    ) -> Outcome {
        // A loop the user keeps going round ends where careless play ends: entering a node that has
        // been entered [`LOOP_VISITS`] times already goes to the walk-away ending instead. Two
        // thirty-second play tests went round ending-it-kindly's pleading and bargaining, six-weeks'
        // weighing and you-forgot's defending more than twenty times, meters at their worst, with no
        // ending.
        let scenario = self.scenario.clone();
        let (to, outcome) = match scenario.walk_away.as_ref() {
            Some(w)
                if w.to != to
                    && !scenario
                        .node(to)
                        .is_some_and(|n| matches!(n.then, Then::Ending { .. }))
                    && self.state.path.iter().filter(|p| *p == to).count() >= LOOP_VISITS =>
            {
                (w.to.as_str(), TurnOutcome::WalkAway)
            }
            _ => (to, outcome),
        };
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
        let turn = self.turn(
            reply,
            kind,
            analysis,
            to.to_string(),
            route,
            meter_deltas,
            outcome,
        );
        self.state.transcript.push(turn.clone());
        self.state.node = to.to_string();
        self.state.path.push(to.to_string());
        self.enter();
        Outcome {
            turn,
            ended: self.is_finished(),
        }
    }

    /// Entering a node: a fresh clarify, and a line picked for this visit.
    fn enter(&mut self) {
        self.state.clarified = false;
        self.state.asked = None;
        self.pick_line();
    }

    /// Picks the line for this visit: the first variant whose condition holds, else the node's
    /// lines; one of them by seed, avoiding the exact line shown on the previous visit when another is available.
    fn pick_line(&mut self) {
        let node = self.node();
        let last = self.last_reply();
        let mut sets: Vec<&[String]> = node
            .variants
            .iter()
            .filter(|v| !v.lines.is_empty() && self.eval(&v.when, last))
            .map(|v| v.lines.as_slice())
            .collect();
        sets.push(&node.lines);
        let prev = self.state.last_lines.get(&node.id);
        let step = self.state.path.len() - 1;
        let pick = |set: &[String]| -> Option<(usize, String)> {
            let fresh: Vec<usize> = (0..set.len()).filter(|&i| Some(&set[i]) != prev).collect();
            if fresh.is_empty() {
                return None;
            }
            let k = if fresh.len() == set.len() {
                variant_for(self.state.seed, step, &node.id, set.len())
            } else {
                fresh[variant_for(self.state.seed, step, &node.id, fresh.len())]
            };
            Some((k, set[k].clone()))
        };
        let chosen = sets
            .iter()
            .find_map(|s| pick(s))
            .or_else(|| {
                let first = sets.first().filter(|s| !s.is_empty())?;
                let k = variant_for(self.state.seed, step, &node.id, first.len());
                Some((k, first[k].clone()))
            })
            .unwrap_or_default();
        let id = node.id.clone();
        let (k, raw) = chosen;
        self.state.variant = k;
        self.state.line = Some(self.fill(&raw));
        self.state.last_lines.insert(id, raw);
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

    /// Mean score per dimension over the session's replies (crisis replies and
    /// replies that gave nothing to answer excluded); `None` before any reply.
    pub fn session_means(&self) -> Option<[f64; 3]> {
        session_means(&self.state.transcript)
    }

    /// What the other person said, line by line, the line shown now included: the share of talk in
    /// the session metrics (the app's debrief and a trainee's `rapport play` read the same).
    pub fn other_lines(&self) -> Vec<&str> {
        let mut lines: Vec<&str> = self
            .state
            .transcript
            .iter()
            .map(|t| t.line.as_str())
            .collect();
        lines.push(self.line());
        lines
    }

    /// The session's metrics over every reply so far and the other person's lines (the app's debrief
    /// and a trainee's `rapport play` show the same figures).
    pub fn metrics(&self) -> crate::scoring::metrics::SessionMetrics {
        let replies: Vec<(&str, &Analysis)> = self
            .state
            .transcript
            .iter()
            .map(|t| (t.reply.as_str(), &t.analysis))
            .collect();
        crate::scoring::metrics::SessionMetrics::compute(&replies, &self.other_lines())
    }

    /// The help shown after the session's last reply that spoke of self-harm or suicide, for the
    /// ending to show again ([`crisis_help`]).
    pub fn crisis_help(&self) -> Option<&[Tip]> {
        crisis_help(&self.state.transcript)
    }

    /// Follows a free-text node without a reply, as the explorer does; the turn is unscored.
    pub fn follow(&mut self, how: Follow) -> Option<TurnOutcome> {
        if !matches!(self.node().then, Then::FreeText { .. }) {
            return None;
        }
        Some(
            self.take(String::new(), Analysis::default(), how)
                .turn
                .outcome,
        )
    }

    /// A short name for how a turn left its node: the route's label (or its 1-based number),
    /// `fallback`, `clarify`, `crisis` or `walk_away`; `None` for a picked option.
    pub fn route_name(&self, turn: &Turn) -> Option<String> {
        if matches!(turn.kind, ReplyKind::Picked(_)) {
            return None;
        }
        Some(match (turn.outcome, turn.route) {
            (TurnOutcome::Clarify, _) => "clarify".into(),
            (TurnOutcome::Crisis, _) => "crisis".into(),
            (TurnOutcome::WalkAway, _) => "walk_away".into(),
            (TurnOutcome::Moved, None) => "fallback".into(),
            (TurnOutcome::Moved, Some(i)) => {
                let label = self.scenario.node(&turn.node).and_then(|n| match &n.then {
                    Then::FreeText { routes, .. } => routes.get(i).and_then(|r| r.label.clone()),
                    _ => None,
                });
                label.unwrap_or_else(|| (i + 1).to_string())
            }
        })
    }
}

/// What an ending says first when a reply of the session spoke of self-harm or suicide, before the
/// help ([`crisis_help`]) is shown again: the scene may have ended well, and a twelfth play test's
/// "good ending" came with no word of the disclosure made on the way.
pub const CRISIS_REMINDER: &str = "Earlier you wrote about thoughts of suicide or self-harm. That matters more than how this conversation ended. If those thoughts are with you now:";

/// The help shown after a transcript's last reply that spoke of self-harm or suicide (the scorer's
/// crisis tips), if any reply did: the ending shows it again under [`CRISIS_REMINDER`].
pub fn crisis_help(turns: &[Turn]) -> Option<&[Tip]> {
    turns
        .iter()
        .rev()
        .find(|t| t.outcome == TurnOutcome::Crisis && !t.analysis.tips.is_empty())
        .map(|t| t.analysis.tips.as_slice())
}

/// Mean score per dimension over a transcript (crisis replies and replies that gave nothing to answer
/// excluded), in [`Dimension::ALL`] order.
pub fn session_means(turns: &[Turn]) -> Option<[f64; 3]> {
    let scored: Vec<&Turn> = turns.iter().filter(|t| t.is_scored()).collect();
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
