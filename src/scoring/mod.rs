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
    /// Aggressive or passive-aggressive: hostility, said outright or indirectly.
    pub fn is_hostile(self) -> bool {
        matches!(self, Style::Aggressive | Style::PassiveAggressive)
    }

    /// All styles.
    pub const ALL: [Style; 5] = [
        Style::Assertive,
        Style::Passive,
        Style::Aggressive,
        Style::PassiveAggressive,
        Style::Neutral,
    ];

    /// The style with this JSON key.
    pub fn from_key(key: &str) -> Option<Style> {
        Style::ALL.into_iter().find(|s| s.key() == key)
    }

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

    /// The style as people read it ("passive-aggressive"): explanations, transcripts and the app.
    pub fn label(self) -> &'static str {
        match self {
            Style::PassiveAggressive => "passive-aggressive",
            s => s.key(),
        }
    }
}

impl Code {
    /// The two depths of reflection, simple then complex.
    pub const REFLECTIONS: [Code; 2] = [Code::SimpleReflection, Code::ComplexReflection];
    /// The horsemen, in Gottman's order.
    pub const HORSEMEN: [Code; 4] = [
        Code::Criticism,
        Code::Contempt,
        Code::Defensiveness,
        Code::Stonewalling,
    ];
    /// Codes that are hostility by the guide's own definition of the styles: attacks and insults are
    /// `aggressive`, sarcasm and backhanded lines `passive_aggressive`.
    pub const HOSTILE: [Code; 4] = [Code::Contempt, Code::Criticism, Code::Insult, Code::Sarcasm];
    /// An attack on the other person: a hostile code ([`Code::HOSTILE`]) or a helper's confront. A
    /// therapist's command beside one stays a command, and a scenario hears one as an answer wherever
    /// it is said.
    pub const ATTACKS: [Code; 5] = [
        Code::Contempt,
        Code::Criticism,
        Code::Insult,
        Code::Sarcasm,
        Code::Confront,
    ];
    /// The antidotes.
    pub const ANTIDOTES: [Code; 5] = [
        Code::GentleStartup,
        Code::Appreciation,
        Code::Responsibility,
        Code::SelfSoothing,
        Code::Repair,
    ];

    /// The polarity of a set of tags: `Some(true)` when they hold a strength and no pitfall (strengths
    /// only), `Some(false)` for pitfalls only, `None` when mixed or neutral ([`Code::is_strength`]).
    pub fn polarity(tags: &[Code]) -> Option<bool> {
        let has = |want: bool| tags.iter().any(|t| t.is_strength() == Some(want));
        match (has(true), has(false)) {
            (true, false) => Some(true),
            (false, true) => Some(false),
            _ => None,
        }
    }

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

impl Tip {
    /// A tip with no example rewrite.
    pub fn plain(text: impl Into<String>) -> Tip {
        Tip {
            text: text.into(),
            rewrite: None,
        }
    }
}

/// The utterance's main listening behaviour (MITI's broad classes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Behaviour {
    /// Asking (open or closed).
    Question,
    /// Reflecting or summarising.
    Reflection,
    /// Giving information or advice, persuading.
    Input,
    /// Anything else.
    #[default]
    Other,
}

impl Behaviour {
    /// All behaviours.
    pub const ALL: [Behaviour; 4] = [
        Behaviour::Question,
        Behaviour::Reflection,
        Behaviour::Input,
        Behaviour::Other,
    ];

    /// The behaviour with this JSON key.
    pub fn from_key(key: &str) -> Option<Behaviour> {
        Behaviour::ALL.into_iter().find(|b| b.key() == key)
    }

    /// The codes that show this behaviour (none for `Other`, which is whatever the rest is).
    pub fn codes(self) -> &'static [Code] {
        match self {
            Behaviour::Question => &[Code::OpenQuestion, Code::ClosedQuestion],
            Behaviour::Reflection => &[
                Code::SimpleReflection,
                Code::ComplexReflection,
                Code::Summary,
            ],
            // The guide: a confront is behaviour `input`.
            Behaviour::Input => &[
                Code::GivingInformation,
                Code::Advice,
                Code::Persuade,
                Code::PersuadeWithPermission,
                Code::Confront,
            ],
            Behaviour::Other => &[],
        }
    }

    /// snake_case key used in JSON.
    pub fn key(self) -> &'static str {
        match self {
            Behaviour::Question => "question",
            Behaviour::Reflection => "reflection",
            Behaviour::Input => "input",
            Behaviour::Other => "other",
        }
    }
}

/// How sure the scorer is of one code: a calibrated probability, in thousandths (so analyses compare with `==`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Confidence {
    /// The code.
    pub code: Code,
    /// Probability × 1000.
    pub permille: u16,
}

impl Confidence {
    /// The probability, 0–1.
    pub fn probability(self) -> f32 {
        self.permille as f32 / 1000.0
    }
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
    /// Probability of every concrete code (learned model; 1 or 0 when the rules alone decided).
    #[serde(default)]
    pub confidence: Vec<Confidence>,
    /// The main listening behaviour.
    #[serde(default)]
    pub behaviour: Behaviour,
    /// Set when the conversation read the reply as giving the other person nothing to answer (keys
    /// struck at random, punctuation alone, their own line or the coaching hint pasted back): such a
    /// reply is not scored,
    /// and nothing in it counts for or against the user ([`Analysis::mark_unanswerable`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unanswerable: Option<unanswerable::Unanswerable>,
    /// Whether the reply asks about suicide in so many words ("are you having thoughts of ending your
    /// life?", "Some people then have thoughts of not wanting to be here. Have you?"), a counsellor's
    /// or a client's: what risk assessment teaches, and what a scenario's `RiskQuestion` route
    /// condition reads.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub risk_question: bool,
    /// Set when the conversation took no route for the reply's strengths (a bare stock phrase, a
    /// formula, an echo, a template with its blanks left in, words typed again: the runner's thin
    /// replies; [`RuleScorer::uncount_strengths`]): its scores leave them out, and so do the
    /// session's figures ([`metrics::SessionMetrics::compute`]).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub uncounted: bool,
}

impl Analysis {
    /// Whether the analysis holds `code` (group codes match any member).
    pub fn has(&self, code: Code) -> bool {
        self.codes.iter().any(|&c| code.matches(c))
    }

    /// The label people see for `code` in this reply: advice given after asking leave (persuading
    /// with permission) reads "advice with permission", not "unasked advice".
    pub fn label_of(&self, code: Code) -> &'static str {
        if self.advice_with_permission(code) {
            "advice with permission"
        } else {
            code.label()
        }
    }

    /// Whether `code` is something to do more of in this reply (true), a pitfall (false) or neither
    /// (`None`): as [`Code::is_strength`], except that advice given after asking leave is neither.
    pub fn is_strength_of(&self, code: Code) -> Option<bool> {
        if self.advice_with_permission(code) {
            None
        } else {
            code.is_strength()
        }
    }

    fn advice_with_permission(&self, code: Code) -> bool {
        code == Code::Advice && self.has(Code::PersuadeWithPermission)
    }

    /// Whether the reply was flagged as crisis language (and so not scored).
    pub fn is_crisis(&self) -> bool {
        self.has(Code::Crisis)
    }

    /// Whether the reply's scores and codes count: not crisis language, and not a reply that gave
    /// the other person nothing to answer.
    pub fn is_scored(&self) -> bool {
        !self.is_crisis() && self.unanswerable.is_none()
    }

    /// Marks the reply as giving nothing to answer, so it earns nothing and costs nothing: no codes,
    /// evidence or style (the scorer's reading of someone else's words, or of none, is no skill of the
    /// user's: a pasted line read "Active listening 65: open question +12"), scores of 0 that no mean
    /// counts, explanations that say why, and `tip`, the one that fits (`TipTexts::unanswerable`). The
    /// probabilities stay as the scorer gave them.
    pub fn mark_unanswerable(&mut self, why: unanswerable::Unanswerable, tip: Tip) {
        self.tips = vec![tip];
        self.unanswerable = Some(why);
        self.codes.clear();
        self.evidence.clear();
        self.style = Style::default();
        self.behaviour = Behaviour::default();
        self.scores = Scores::default();
        self.explanations =
            Dimension::ALL.map(|d| format!("{}: not scored ({}).", d.label(), why.label()));
    }

    /// The probability of `code` (0 when not known).
    pub fn confidence(&self, code: Code) -> f32 {
        self.confidence
            .iter()
            .find(|c| c.code == code)
            .map_or(0.0, |c| c.probability())
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
pub mod codes;
pub mod engine;
pub mod learned;
pub mod metrics;
pub mod prf;
pub mod rules;
pub mod score;
pub mod text;
pub mod tips;
pub mod train;
pub mod unanswerable;
pub use codes::Code;
pub use engine::RuleScorer;
pub use metrics::{Rating, SessionMetrics};
pub use rules::RuleError;
