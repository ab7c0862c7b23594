//! Stage one of loading: the RON text deserialised as-is into plain structs, unknown fields rejected.

use crate::scoring::{Code, Dimension, Style};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// IPT's four problem areas; every scenario belongs to one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Area {
    /// Grief and loss.
    Grief,
    /// Non-reciprocal expectations with someone important.
    RoleDispute,
    /// A life change: new parent, retirement, moving, diagnosis.
    RoleTransition,
    /// Isolation; trouble starting or keeping relationships.
    InterpersonalDeficits,
}

impl Area {
    /// All areas in display order.
    pub const ALL: [Area; 4] = [
        Area::Grief,
        Area::RoleDispute,
        Area::RoleTransition,
        Area::InterpersonalDeficits,
    ];

    /// Human-readable name.
    pub fn label(self) -> &'static str {
        match self {
            Area::Grief => "Grief and loss",
            Area::RoleDispute => "Role disputes",
            Area::RoleTransition => "Role transitions",
            Area::InterpersonalDeficits => "Interpersonal deficits",
        }
    }
}

/// The whole scenario file as written.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Scenario")]
pub struct RawScenario {
    /// Format version; this program reads version 1.
    pub format_version: u32,
    /// Stable identifier, kebab-case.
    pub id: String,
    /// Title shown in the library.
    pub title: String,
    /// One or two sentences shown in the library.
    pub summary: String,
    /// IPT problem area.
    pub area: Area,
    /// Who the user speaks as.
    pub perspective: crate::scoring::Perspective,
    /// Content notes shown before starting (e.g. "death of a parent").
    #[serde(default)]
    pub content_notes: Vec<String>,
    /// The people in the scenario.
    pub characters: Vec<Character>,
    /// Author variables with initial values.
    #[serde(default)]
    pub variables: BTreeMap<String, Value>,
    /// The other person's state meters.
    #[serde(default)]
    pub meters: Vec<Meter>,
    /// Id of the first node.
    pub start: String,
    /// The dialogue nodes.
    pub nodes: Vec<RawNode>,
    /// Extra words for the scorer's lexicons, by lexicon name (see docs/scoring.md).
    #[serde(default)]
    pub lexicon: BTreeMap<String, Vec<String>>,
    /// Named word lists that `Mentions` conditions name as `"@name"`, so one list serves several
    /// routes and debrief paragraphs.
    #[serde(default)]
    pub words: BTreeMap<String, Vec<String>>,
    /// Where the conversation goes after repeated non-answers (format 1.1).
    #[serde(default)]
    pub walk_away: Option<WalkAway>,
    /// Per-meter margin by which Challenge mode makes meter tests harder (default 1 for every meter).
    #[serde(default)]
    pub challenge_margin: BTreeMap<String, i64>,
}

/// Careless play ends: after `after` non-answer fallbacks, the next one goes to `to` (a Hard or Mixed ending).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WalkAway {
    /// How many non-answer fallbacks are taken before the other person walks away.
    pub after: u32,
    /// The ending node they walk away to.
    pub to: String,
}

/// How a session is played: with coaching and live feedback, or without and with harder meters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Mode {
    /// Coaching prompts shown, feedback after every reply.
    #[default]
    Practice,
    /// No coaching prompts, feedback only in the debrief, meter tests harder by the scenario's margin.
    Challenge,
}

impl Mode {
    /// Lower-case label (`practice`, `challenge`), also the command-line and database spelling.
    pub fn label(self) -> &'static str {
        match self {
            Mode::Practice => "practice",
            Mode::Challenge => "challenge",
        }
    }

    /// Parses [`Mode::label`].
    pub fn parse(s: &str) -> Option<Mode> {
        match s {
            "practice" => Some(Mode::Practice),
            "challenge" => Some(Mode::Challenge),
            _ => None,
        }
    }
}

impl std::str::FromStr for Mode {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Mode::parse(&s.to_ascii_lowercase())
            .ok_or_else(|| format!("`{s}` is not a mode; use practice or challenge"))
    }
}

/// A person in the scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Character {
    /// Identifier used by nodes' `speaker`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Who they are to the user ("your older sister").
    #[serde(default)]
    pub description: String,
    /// Colours of the simple portrait, as `#rrggbb`.
    #[serde(default)]
    pub portrait: Option<Portrait>,
}

/// Colours for the simple drawn portrait.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Portrait {
    /// Skin tone, `#rrggbb`.
    pub skin: String,
    /// Hair colour, `#rrggbb`.
    pub hair: String,
    /// Clothing colour, `#rrggbb`.
    pub clothes: String,
}

/// A meter showing the other person's state (trust, tension…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meter {
    /// Identifier used by effects and conditions.
    pub id: String,
    /// Label shown to the user.
    pub label: String,
    /// Lowest value.
    pub min: i64,
    /// Highest value.
    pub max: i64,
    /// Starting value.
    pub initial: i64,
    /// True for meters such as tension where a rise is bad news.
    #[serde(default)]
    pub higher_is_worse: bool,
}

/// A variable's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Value {
    /// Whole number.
    Int(i64),
    /// True or false.
    Bool(bool),
}

/// The other person's visible mood on a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Mood {
    /// Even, unremarkable.
    #[default]
    Calm,
    /// Open and friendly.
    Warm,
    /// Holding back.
    Guarded,
    /// Wounded.
    Hurt,
    /// Angry.
    Angry,
    /// Sad.
    Sad,
    /// Worried.
    Anxious,
    /// Hopeful.
    Hopeful,
    /// Relieved.
    Relieved,
}

impl Mood {
    /// Lower-case label.
    pub fn label(self) -> &'static str {
        match self {
            Mood::Calm => "calm",
            Mood::Warm => "warm",
            Mood::Guarded => "guarded",
            Mood::Hurt => "hurt",
            Mood::Angry => "angry",
            Mood::Sad => "sad",
            Mood::Anxious => "anxious",
            Mood::Hopeful => "hopeful",
            Mood::Relieved => "relieved",
        }
    }
}

/// A node: the other person's line, then what the user may do.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Node")]
pub struct RawNode {
    /// Unique id within the scenario.
    pub id: String,
    /// Character id of whoever speaks the line.
    pub speaker: String,
    /// Their mood as they say it.
    #[serde(default)]
    pub mood: Mood,
    /// The line; one variant is picked at random each visit.
    pub lines: Vec<String>,
    /// Conditional line variants, tried in order; the first whose `when` holds supplies the lines.
    #[serde(default)]
    pub variants: Vec<Variant>,
    /// Whether options are shown in file order or shuffled per session (default shuffled).
    #[serde(default)]
    pub order: Order,
    /// What follows the line.
    pub then: Then,
}

/// Lines used instead of the node's own when a condition holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    /// When these lines apply.
    pub when: Condition,
    /// The lines; one is picked per visit.
    pub lines: Vec<String>,
}

/// The order options are shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Order {
    /// Shuffled per session seed and visit (deterministic for a seed).
    #[default]
    Shuffled,
    /// File order, where order is part of the meaning.
    Fixed,
}

/// A debrief paragraph shown when its condition holds (conditions on replies mean the whole session).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Paragraph {
    /// When to show it (always when absent).
    #[serde(default)]
    pub when: Option<Condition>,
    /// The text; may use `{best_reply}`, `{worst_reply}`, `{last_reply}`.
    pub text: String,
}

/// What follows the other person's line.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Then {
    /// The user picks one of these.
    Options(Vec<Choice>),
    /// The user types a reply; routes pick the next node from its analysis.
    FreeText {
        /// What the user is asked to say.
        prompt: String,
        /// The other person's line when a reply does not answer (once per visit, before the fallback).
        #[serde(default)]
        clarify: Option<String>,
        /// Tried in order; the first whose condition holds is taken.
        routes: Vec<Route>,
        /// Taken when no route's condition holds.
        fallback: Next,
    },
    /// The conversation ends here.
    Ending {
        /// Good, mixed or hard.
        kind: EndingKind,
        /// Short heading for the ending.
        title: String,
        /// What worked and which idea it comes from.
        debrief: String,
        /// Further paragraphs, each shown when its condition holds.
        #[serde(default)]
        paragraphs: Vec<Paragraph>,
    },
}

/// One option the user can pick.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// Identifier, unique within the node (`lower_snake` or `kebab-case`); plans pick by it.
    #[serde(default)]
    pub id: Option<String>,
    /// What the user says.
    pub text: String,
    /// Node it leads to.
    pub to: String,
    /// Shown only when this holds.
    #[serde(default)]
    pub when: Option<Condition>,
    /// Changes to variables and meters.
    #[serde(default)]
    pub effects: Vec<Effect>,
    /// Skill codes this option shows or breaks; merged with what the scorer finds in the text.
    #[serde(default)]
    pub tags: Vec<Code>,
}

/// A conditional route out of a free-text node.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Route {
    /// Name used by plans and traces (`route: "heard"`).
    #[serde(default)]
    pub label: Option<String>,
    /// Condition on the reply's analysis and the state.
    pub when: Condition,
    /// Node it leads to.
    pub to: String,
    /// Changes to variables and meters.
    #[serde(default)]
    pub effects: Vec<Effect>,
}

/// An unconditional next step.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Next {
    /// Node it leads to.
    pub to: String,
    /// Changes to variables and meters.
    #[serde(default)]
    pub effects: Vec<Effect>,
}

/// How a conversation ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EndingKind {
    /// The conversation went well.
    Good,
    /// Partly.
    Mixed,
    /// It went badly; the debrief says what to try.
    Hard,
}

impl EndingKind {
    /// Lower-case label.
    pub fn label(self) -> &'static str {
        match self {
            EndingKind::Good => "good",
            EndingKind::Mixed => "mixed",
            EndingKind::Hard => "hard",
        }
    }
}

/// A typed condition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Condition {
    /// Every condition holds.
    All(Vec<Condition>),
    /// At least one holds.
    Any(Vec<Condition>),
    /// The condition does not hold.
    Not(Box<Condition>),
    /// An author variable passes the test.
    Var(String, Test),
    /// A meter passes the test.
    Meter(String, Test),
    /// The reply's score on a dimension passes the test (free-text routes).
    Score(Dimension, Test),
    /// The reply shows this code (group codes match any member).
    Code(Code),
    /// The reply's style is this.
    Style(Style),
    /// The reply asks about suicide in so many words (a therapist's risk question: "are you having
    /// thoughts of ending your life?"), typed or picked.
    RiskQuestion,
    /// The reply names any of these words or phrases: whole words, any case, a phrase's words in a
    /// row, a closing `*` for any ending, `"@name"` for the scenario's word list `name`
    /// (`Mentions(["dinner", "birthday*", "your mum", "@safe_topics"])`). A route
    /// can tell a reply that takes up what was said from one that changes the subject with the same
    /// code ("so hows the dinner planning going?", an open question, after a risk cue).
    Mentions(Vec<String>),
    /// The reply's number of words passes the test (`Words(AtLeast(4))`): a route for telling
    /// something real can ask for more than one word ("leeds" answered "Tell her something real about
    /// yourself" and took the sharing route in a play test). Picked options count their own words.
    Words(Test),
    /// The node has been visited before in this session.
    Visited(String),
    /// How many times the node has been entered this session (the current visit counts).
    Visits(String, Test),
}

/// A test on a number or flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Test {
    /// `>= n`.
    AtLeast(i64),
    /// `<= n`.
    AtMost(i64),
    /// `== n`.
    Equals(i64),
    /// `lo <= x <= hi`.
    Between(i64, i64),
    /// A boolean is this.
    Is(bool),
}

impl Test {
    /// Applies the test to a value.
    pub fn holds(self, v: Value) -> bool {
        match (self, v) {
            (Test::Is(b), Value::Bool(x)) => b == x,
            (Test::Is(b), Value::Int(x)) => b == (x != 0),
            (_, Value::Bool(x)) => self.holds_int(x as i64),
            (_, Value::Int(x)) => self.holds_int(x),
        }
    }

    /// Applies the test to a number.
    pub fn holds_int(self, x: i64) -> bool {
        match self {
            Test::AtLeast(n) => x >= n,
            Test::AtMost(n) => x <= n,
            Test::Equals(n) => x == n,
            Test::Between(lo, hi) => lo <= x && x <= hi,
            Test::Is(b) => b == (x != 0),
        }
    }
}

/// A change to the state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Effect {
    /// Adds to a meter (negative to lower it), clamped to its range.
    Meter(String, i64),
    /// Sets a variable.
    Set(String, Value),
    /// Adds to an integer variable.
    Add(String, i64),
}

/// A test plan file (`NAME.test.ron`) as written.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "TestPlan")]
pub struct RawTestPlan {
    /// Seed for the runner (line variants, option order); default 0.
    #[serde(default)]
    pub seed: u64,
    /// Practice (default) or Challenge.
    #[serde(default)]
    pub mode: Mode,
    /// The named runs.
    pub runs: Vec<PlanRun>,
}

/// One scripted run through a scenario.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Run")]
pub struct PlanRun {
    /// Name shown in reports and picked by `--run`.
    pub name: String,
    /// What the user does, in order.
    pub inputs: Vec<Input>,
    /// Node ids expected to be visited, from the start node on (omit to not check).
    #[serde(default)]
    pub path: Vec<String>,
    /// The ending expected.
    #[serde(default)]
    pub ending: Option<EndingKind>,
    /// Ranges the session's mean scores must fall in.
    #[serde(default)]
    pub scores: Vec<(Dimension, Test)>,
}

/// The route names a plan's `route:` may give besides a route's label or number (what the runner calls
/// a turn that took no route).
pub const SPECIAL_ROUTES: [&str; 4] = ["fallback", "clarify", "walk_away", "crisis"];

/// A user input in a test plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Input {
    /// Picks a visible option by id, or the n-th visible option in file order (counting from 1).
    Pick(OptionRef),
    /// Types a reply.
    Say(String),
    /// Types a reply and asserts the route taken: a route label, its 1-based number, or
    /// `fallback`, `clarify`, `walk_away`.
    Reply {
        /// The reply.
        text: String,
        /// The route expected.
        route: String,
    },
}

/// Which option a plan picks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum OptionRef {
    /// The n-th visible option in file order, from 1.
    Index(usize),
    /// The option with this id.
    Id(String),
}

impl std::fmt::Display for OptionRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OptionRef::Index(n) => write!(f, "{n}"),
            OptionRef::Id(s) => write!(f, "{s:?}"),
        }
    }
}
