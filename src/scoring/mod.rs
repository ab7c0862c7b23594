//! Communication analysis: the codes, scores, evidence and tips every reply gets, and the `Scorer` trait the runner scores through.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Who the user speaks as in a scenario, which changes how scores are weighted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Perspective {
    /// The user rehearses a conversation of their own (assertiveness weighs most).
    #[default]
    Client,
    /// The user plays the therapist to a simulated client (active listening weighs most).
    Therapist,
}

impl Perspective {
    /// Lower-case name used on the command line and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Perspective::Client => "client",
            Perspective::Therapist => "therapist",
        }
    }
}

/// The three scored dimensions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Dimension {
    /// Saying what one feels, needs or will do, directly and respectfully.
    Assertiveness,
    /// Open questions, reflections, affirmations and summaries; no premature advice.
    ActiveListening,
    /// Antidotes to Gottman's horsemen and collaborative, interest-based moves.
    ConflictResolution,
}

impl Dimension {
    /// All dimensions, in display order.
    pub const ALL: [Dimension; 3] = [
        Dimension::Assertiveness,
        Dimension::ActiveListening,
        Dimension::ConflictResolution,
    ];

    /// Human-readable name.
    pub fn label(self) -> &'static str {
        match self {
            Dimension::Assertiveness => "Assertiveness",
            Dimension::ActiveListening => "Active listening",
            Dimension::ConflictResolution => "Conflict resolution",
        }
    }

    /// snake_case key used in JSON.
    pub fn key(self) -> &'static str {
        match self {
            Dimension::Assertiveness => "assertiveness",
            Dimension::ActiveListening => "active_listening",
            Dimension::ConflictResolution => "conflict_resolution",
        }
    }
}

/// Communication style of a reply (assertiveness-training literature, DOMAIN.md §3).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
pub enum Style {
    /// Owns feelings and needs, asks or sets a limit without attack.
    Assertive,
    /// Hides or shrinks the speaker's needs.
    Passive,
    /// Attacks, blames, commands, insults.
    Aggressive,
    /// Hostility said indirectly: sarcasm, guilt-tripping.
    PassiveAggressive,
    /// None of the above.
    #[default]
    Neutral,
}

impl Style {
    /// All styles.
    pub const ALL: [Style; 5] = [
        Style::Assertive,
        Style::Passive,
        Style::Aggressive,
        Style::PassiveAggressive,
        Style::Neutral,
    ];

    /// snake_case key used in JSON.
    pub fn key(self) -> &'static str {
        match self {
            Style::Assertive => "assertive",
            Style::Passive => "passive",
            Style::Aggressive => "aggressive",
            Style::PassiveAggressive => "passive_aggressive",
            Style::Neutral => "neutral",
        }
    }
}

/// One thing a reply does. Scenario authors tag options with these and route free-text replies on them.
///
/// The group codes (`Question`, `Reflection`, `Horseman`, `Antidote`) never appear in an analysis;
/// they match any of their members in conditions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Code {
    // --- active listening (OARS, MITI 4.2.1)
    /// A question that invites a story ("What was that like?").
    OpenQuestion,
    /// A question answerable with yes/no or a fact.
    ClosedQuestion,
    /// Repeats or rephrases what the other said.
    SimpleReflection,
    /// Adds meaning or feeling the other implied.
    ComplexReflection,
    /// Genuine recognition of the other's strength or effort.
    Affirmation,
    /// Gathers several things said into one reflection.
    Summary,
    /// Unasked suggestion (the righting reflex).
    Advice,
    /// Reassurance that dismisses ("don't worry, it'll be fine").
    Reassurance,
    /// Turning the talk to oneself.
    SelfFocus,
    // --- assertiveness
    /// "I feel … when … because …": owning a feeling or need.
    IStatement,
    /// "I feel that you are lazy": criticism dressed as an I-statement.
    DisguisedYouStatement,
    /// A clear, specific request.
    Request,
    /// A stated limit ("I'm not able to …; I can …").
    Boundary,
    /// Hedges that shrink a request away ("maybe", "kind of", "if it's not too much trouble").
    Hedging,
    /// Apologising beyond what the situation asks.
    OverApology,
    /// "always", "never", "every time".
    Absolute,
    /// A bare imperative at the other person.
    Command,
    /// Name-calling or insult.
    Insult,
    /// Saying the opposite of what is meant, with an edge.
    Sarcasm,
    /// Shouting: capitals, stacked exclamation marks.
    Shouting,
    // --- conflict (Gottman)
    /// Attacking character rather than behaviour.
    Criticism,
    /// Superiority, mockery, disgust.
    Contempt,
    /// Excuses, counter-blame, "yes, but".
    Defensiveness,
    /// Shutting down, withdrawing.
    Stonewalling,
    /// Raising a complaint about a behaviour with own feeling and need.
    GentleStartup,
    /// Thanks, respect, fondness.
    Appreciation,
    /// Owning part of the problem.
    Responsibility,
    /// Asking for a break to calm down and coming back.
    SelfSoothing,
    /// A de-escalation attempt.
    Repair,
    /// Acknowledging the other's point of view.
    AcknowledgeView,
    /// Proposing options or a joint way forward.
    ProposeOptions,
    /// Asking about the other's underlying interests.
    AskInterests,
    // --- safety
    /// Self-harm or suicide language: the reply is not scored.
    Crisis,
    // --- groups, for conditions only
    /// Any question (open or closed).
    Question,
    /// Any reflection (simple or complex).
    Reflection,
    /// Any of the four horsemen.
    Horseman,
    /// Any of the five antidotes.
    Antidote,
}

impl Code {
    /// The horsemen, in Gottman's order.
    pub const HORSEMEN: [Code; 4] = [
        Code::Criticism,
        Code::Contempt,
        Code::Defensiveness,
        Code::Stonewalling,
    ];
    /// The antidotes.
    pub const ANTIDOTES: [Code; 5] = [
        Code::GentleStartup,
        Code::Appreciation,
        Code::Responsibility,
        Code::SelfSoothing,
        Code::Repair,
    ];

    /// Whether `self` (possibly a group code) matches the concrete code `other`.
    pub fn matches(self, other: Code) -> bool {
        match self {
            Code::Question => matches!(other, Code::OpenQuestion | Code::ClosedQuestion),
            Code::Reflection => matches!(other, Code::SimpleReflection | Code::ComplexReflection),
            Code::Horseman => Code::HORSEMEN.contains(&other),
            Code::Antidote => Code::ANTIDOTES.contains(&other),
            c => c == other,
        }
    }

    /// Whether this is a group code (only meaningful in conditions).
    pub fn is_group(self) -> bool {
        matches!(
            self,
            Code::Question | Code::Reflection | Code::Horseman | Code::Antidote
        )
    }

    /// snake_case key used in JSON evidence.
    pub fn key(self) -> &'static str {
        use Code::*;
        match self {
            OpenQuestion => "open_question",
            ClosedQuestion => "closed_question",
            SimpleReflection => "simple_reflection",
            ComplexReflection => "complex_reflection",
            Affirmation => "affirmation",
            Summary => "summary",
            Advice => "advice",
            Reassurance => "reassurance",
            SelfFocus => "self_focus",
            IStatement => "i_statement",
            DisguisedYouStatement => "disguised_you_statement",
            Request => "request",
            Boundary => "boundary",
            Hedging => "hedging",
            OverApology => "over_apology",
            Absolute => "absolute",
            Command => "command",
            Insult => "insult",
            Sarcasm => "sarcasm",
            Shouting => "shouting",
            Criticism => "criticism",
            Contempt => "contempt",
            Defensiveness => "defensiveness",
            Stonewalling => "stonewalling",
            GentleStartup => "gentle_startup",
            Appreciation => "appreciation",
            Responsibility => "responsibility",
            SelfSoothing => "self_soothing",
            Repair => "repair",
            AcknowledgeView => "acknowledge_view",
            ProposeOptions => "propose_options",
            AskInterests => "ask_interests",
            Crisis => "crisis",
            Question => "question",
            Reflection => "reflection",
            Horseman => "horseman",
            Antidote => "antidote",
        }
    }

    /// Short label for people.
    pub fn label(self) -> &'static str {
        use Code::*;
        match self {
            OpenQuestion => "open question",
            ClosedQuestion => "closed question",
            SimpleReflection => "simple reflection",
            ComplexReflection => "complex reflection",
            Affirmation => "affirmation",
            Summary => "summary",
            Advice => "unasked advice",
            Reassurance => "dismissive reassurance",
            SelfFocus => "turning to yourself",
            IStatement => "I-statement",
            DisguisedYouStatement => "disguised you-statement",
            Request => "clear request",
            Boundary => "boundary",
            Hedging => "hedging",
            OverApology => "over-apology",
            Absolute => "absolute (always/never)",
            Command => "command",
            Insult => "insult",
            Sarcasm => "sarcasm",
            Shouting => "shouting",
            Criticism => "criticism",
            Contempt => "contempt",
            Defensiveness => "defensiveness",
            Stonewalling => "stonewalling",
            GentleStartup => "gentle start-up",
            Appreciation => "appreciation",
            Responsibility => "taking responsibility",
            SelfSoothing => "self-soothing",
            Repair => "repair attempt",
            AcknowledgeView => "acknowledging their view",
            ProposeOptions => "proposing options",
            AskInterests => "asking about interests",
            Crisis => "crisis language",
            Question => "question",
            Reflection => "reflection",
            Horseman => "horseman",
            Antidote => "antidote",
        }
    }

    /// Whether the code is something to do more of (true) or a pitfall (false); `None` for neutral codes.
    pub fn is_strength(self) -> Option<bool> {
        use Code::*;
        match self {
            OpenQuestion | SimpleReflection | ComplexReflection | Affirmation | Summary
            | IStatement | Request | Boundary | GentleStartup | Appreciation | Responsibility
            | SelfSoothing | Repair | AcknowledgeView | ProposeOptions | AskInterests => Some(true),
            Advice
            | Reassurance
            | SelfFocus
            | DisguisedYouStatement
            | Hedging
            | OverApology
            | Absolute
            | Command
            | Insult
            | Sarcasm
            | Shouting
            | Criticism
            | Contempt
            | Defensiveness
            | Stonewalling => Some(false),
            ClosedQuestion | Crisis | Question | Reflection | Horseman | Antidote => None,
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Scores 0–100 on the three dimensions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Scores {
    /// Assertiveness, 0–100.
    pub assertiveness: u8,
    /// Active listening, 0–100.
    pub active_listening: u8,
    /// Conflict resolution, 0–100.
    pub conflict_resolution: u8,
}

impl Scores {
    /// The score on one dimension.
    pub fn get(&self, d: Dimension) -> u8 {
        match d {
            Dimension::Assertiveness => self.assertiveness,
            Dimension::ActiveListening => self.active_listening,
            Dimension::ConflictResolution => self.conflict_resolution,
        }
    }

    /// Sets the score on one dimension.
    pub fn set(&mut self, d: Dimension, v: u8) {
        match d {
            Dimension::Assertiveness => self.assertiveness = v,
            Dimension::ActiveListening => self.active_listening = v,
            Dimension::ConflictResolution => self.conflict_resolution = v,
        }
    }
}

/// The words that earned a code: a byte range into the reply exactly as received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// The code these words earned.
    pub code: Code,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
}

/// Something to try instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tip {
    /// The advice, one sentence or two.
    pub text: String,
    /// An example rewrite of the user's own reply, where the pattern allows.
    pub rewrite: Option<String>,
}

/// Everything the scorer says about one reply.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Analysis {
    /// Concrete codes found (never group codes), sorted, without duplicates.
    pub codes: Vec<Code>,
    /// Overall communication style.
    pub style: Style,
    /// The three scores.
    pub scores: Scores,
    /// One-line explanation per dimension, in [`Dimension::ALL`] order.
    pub explanations: [String; 3],
    /// Where each code was found.
    pub evidence: Vec<Evidence>,
    /// One to three tips (crisis: where to find help now).
    pub tips: Vec<Tip>,
}

impl Analysis {
    /// Whether the analysis holds `code` (group codes match any member).
    pub fn has(&self, code: Code) -> bool {
        self.codes.iter().any(|&c| code.matches(c))
    }

    /// Whether the reply was flagged as crisis language (and so not scored).
    pub fn is_crisis(&self) -> bool {
        self.has(Code::Crisis)
    }

    /// The explanation for one dimension.
    pub fn explanation(&self, d: Dimension) -> &str {
        let i = Dimension::ALL.iter().position(|&x| x == d).unwrap_or(0);
        &self.explanations[i]
    }
}

/// A reply to be scored.
#[derive(Debug, Clone, Copy)]
pub struct Reply<'a> {
    /// The reply exactly as the user typed or picked it.
    pub text: &'a str,
    /// What the other speaker said just before, if anything.
    pub context: Option<&'a str>,
    /// Who the user speaks as.
    pub perspective: Perspective,
    /// Codes an author tagged on a picked option; merged with what the text shows.
    pub tags: &'a [Code],
}

impl<'a> Reply<'a> {
    /// A typed reply with no tags.
    pub fn typed(text: &'a str, context: Option<&'a str>, perspective: Perspective) -> Self {
        Reply {
            text,
            context,
            perspective,
            tags: &[],
        }
    }
}

/// Anything that can analyse a reply. The runner scores every reply through this trait.
pub trait Scorer: Send + Sync {
    /// Codes, scores, evidence and tips for one reply.
    fn analyse(&self, reply: Reply<'_>) -> Analysis;
}

pub mod analyse;
pub mod engine;
pub mod metrics;
pub mod rules;
pub mod score;
pub mod text;
pub mod tips;
pub use engine::RuleScorer;
pub use metrics::{Rating, SessionMetrics};
pub use rules::RuleError;
