//! The list of codes, written once: `Code` (what a reply does), its keys, labels and polarity, and the rule engine's `Tag` (codes plus cues).

use serde::{Deserialize, Serialize};

/// Declares every code once; generates [`Code`], [`Code::CONCRETE`], `key`, `label`, `is_strength`,
/// and [`Tag`] (the concrete codes plus the rule engine's cues, with [`Tag::code`]).
///
/// To add a code: add one line under `concrete` (with its JSON key, label and polarity), then give it
/// weights in `assets/scoring/weights.ron`, a tip in `tips.ron`, and a row in `docs/scoring.md`.
macro_rules! codes {
    (
        concrete { $( $(#[$m:meta])* $name:ident => $key:literal, $label:literal, $pol:expr; )* }
        groups { $( $(#[$gm:meta])* $gname:ident => $gkey:literal, $glabel:literal; )* }
        cues { $( $(#[$cm:meta])* $cname:ident; )* }
    ) => {
        /// One thing a reply does. Scenario authors tag options with these and route free-text replies on them.
        ///
        /// The group codes (`Question`, `Reflection`, `Horseman`, `Antidote`) never appear in an analysis;
        /// they match any of their members in conditions.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum Code {
            $( $(#[$m])* $name, )*
            $( $(#[$gm])* $gname, )*
        }

        impl Code {
            /// Number of `Code` variants, concrete codes and groups (for per-code tables).
            pub const COUNT: usize = <[&str]>::len(&[$(stringify!($name),)* $(stringify!($gname)),*]);
            /// Every concrete code (not the groups), in declaration order.
            pub const CONCRETE: [Code; <[&str]>::len(&[$(stringify!($name)),*])] = [$(Code::$name),*];

            /// snake_case key used in JSON and in the labelled data.
            pub fn key(self) -> &'static str {
                match self {
                    $( Code::$name => $key, )*
                    $( Code::$gname => $gkey, )*
                }
            }

            /// Short label for people.
            pub fn label(self) -> &'static str {
                match self {
                    $( Code::$name => $label, )*
                    $( Code::$gname => $glabel, )*
                }
            }

            /// Whether the code is something to do more of (true) or a pitfall (false); `None` for neutral codes.
            pub fn is_strength(self) -> Option<bool> {
                match self {
                    $( Code::$name => $pol, )*
                    $( Code::$gname => None, )*
                }
            }

            /// The concrete code with this JSON key.
            pub fn from_key(key: &str) -> Option<Code> {
                Code::CONCRETE.iter().copied().find(|c| c.key() == key)
            }
        }

        /// What a rule marks: a concrete code the analysis reports, or a cue the engine combines with others.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
        pub enum Tag {
            $( #[doc = concat!("The code `", $key, "`.")] $name, )*
            $( $(#[$cm])* $cname, )*
        }

        impl Tag {
            /// Number of tags (for per-tag tables and the per-sentence tag sets), every variant counted.
            pub const COUNT: usize = <[&str]>::len(&[$(stringify!($name),)* $(stringify!($cname)),*]);

            /// The concrete code this tag stands for, if it is one.
            pub fn code(self) -> Option<Code> {
                match self {
                    $( Tag::$name => Some(Code::$name), )*
                    $( Tag::$cname => None, )*
                }
            }
        }
    };
}

const STRENGTH: Option<bool> = Some(true);
const PITFALL: Option<bool> = Some(false);
const NEUTRAL: Option<bool> = None;

codes! {
    concrete {
        // --- active listening (OARS, MITI 4.2.1)
        /// A question that invites a story ("What was that like?").
        OpenQuestion => "open_question", "open question", STRENGTH;
        /// A question answerable with yes/no or a fact.
        ClosedQuestion => "closed_question", "closed question", NEUTRAL;
        /// Repeats or rephrases what the other said.
        SimpleReflection => "simple_reflection", "simple reflection", STRENGTH;
        /// Adds meaning or feeling the other implied.
        ComplexReflection => "complex_reflection", "complex reflection", STRENGTH;
        /// Genuine recognition of the other's strength or effort.
        Affirmation => "affirmation", "affirmation", STRENGTH;
        /// Gathers several things said into one reflection.
        Summary => "summary", "summary", STRENGTH;
        /// A suggestion of what to do, asked for or not (costs points only when unasked: the righting reflex).
        Advice => "advice", "unasked advice", PITFALL;
        /// Reassurance that dismisses ("don't worry, it'll be fine").
        Reassurance => "reassurance", "dismissive reassurance", PITFALL;
        /// Turning the talk to oneself.
        SelfFocus => "self_focus", "turning to yourself", PITFALL;
        /// MITI: neutral information, education, explanation or feedback.
        GivingInformation => "giving_information", "giving information", NEUTRAL;
        /// MITI: an open attempt to change the person's mind or behaviour without asking leave.
        Persuade => "persuade", "persuading", PITFALL;
        /// MITI: persuading after asking permission or stressing the person's choice.
        PersuadeWithPermission => "persuade_with_permission", "persuading with permission", NEUTRAL;
        /// MITI: sharing power — asking for the person's ideas, view or permission.
        SeekingCollaboration => "seeking_collaboration", "seeking collaboration", STRENGTH;
        /// MITI: putting choice and control with the person.
        EmphasizingAutonomy => "emphasizing_autonomy", "emphasising autonomy", STRENGTH;
        /// MITI: disagreeing, correcting, labelling, blaming, shaming, moralising.
        Confront => "confront", "confronting", PITFALL;
        // --- assertiveness
        /// "I feel … when … because …": owning a feeling or need.
        IStatement => "i_statement", "I-statement", STRENGTH;
        /// "I feel that you are lazy": criticism dressed as an I-statement.
        DisguisedYouStatement => "disguised_you_statement", "disguised you-statement", PITFALL;
        /// A clear, specific request.
        Request => "request", "clear request", STRENGTH;
        /// A stated limit ("I'm not able to …; I can …").
        Boundary => "boundary", "boundary", STRENGTH;
        /// Hedges that shrink a request away ("maybe", "kind of", "if it's not too much trouble").
        Hedging => "hedging", "hedging", PITFALL;
        /// Apologising beyond what the situation asks.
        OverApology => "over_apology", "over-apology", PITFALL;
        /// "always", "never", "every time".
        Absolute => "absolute", "absolute (always/never)", PITFALL;
        /// A bare imperative at the other person.
        Command => "command", "command", PITFALL;
        /// Name-calling or insult.
        Insult => "insult", "insult", PITFALL;
        /// Saying the opposite of what is meant, with an edge.
        Sarcasm => "sarcasm", "sarcasm", PITFALL;
        /// Shouting: capitals, stacked exclamation marks.
        Shouting => "shouting", "shouting", PITFALL;
        // --- conflict (Gottman)
        /// Attacking character rather than behaviour.
        Criticism => "criticism", "criticism", PITFALL;
        /// Superiority, mockery, disgust.
        Contempt => "contempt", "contempt", PITFALL;
        /// Excuses, counter-blame, "yes, but".
        Defensiveness => "defensiveness", "defensiveness", PITFALL;
        /// Shutting down, withdrawing.
        Stonewalling => "stonewalling", "stonewalling", PITFALL;
        /// Raising a complaint about a behaviour with own feeling and need.
        GentleStartup => "gentle_startup", "gentle start-up", STRENGTH;
        /// Thanks, respect, fondness.
        Appreciation => "appreciation", "appreciation", STRENGTH;
        /// Owning part of the problem.
        Responsibility => "responsibility", "taking responsibility", STRENGTH;
        /// Asking for a break to calm down and coming back.
        SelfSoothing => "self_soothing", "self-soothing", STRENGTH;
        /// A de-escalation attempt.
        Repair => "repair", "repair attempt", STRENGTH;
        /// Acknowledging the other's point of view.
        AcknowledgeView => "acknowledge_view", "acknowledging their view", STRENGTH;
        /// Proposing options or a joint way forward.
        ProposeOptions => "propose_options", "proposing options", STRENGTH;
        /// Asking about the other's underlying interests.
        AskInterests => "ask_interests", "asking about interests", STRENGTH;
        // --- safety
        /// Self-harm or suicide language: the reply is not scored.
        Crisis => "crisis", "crisis language", NEUTRAL;
    }
    groups {
        /// Any question (open or closed).
        Question => "question", "question";
        /// Any reflection (simple or complex).
        Reflection => "reflection", "reflection";
        /// Any of the four horsemen.
        Horseman => "horseman", "horseman";
        /// Any of the five antidotes.
        Antidote => "antidote", "antidote";
    }
    cues {
        /// Cue: a question opener that invites a story ("what", "how", "tell me about").
        OpenStart;
        /// Cue: a question opener answerable yes/no or with a fact ("did you", "how many").
        ClosedStart;
        /// Cue: a reflection stem ("it sounds like", "so you", "you feel").
        ReflectStem;
        /// Cue: a stem that announces saying back what was heard ("it sounds like", "so you feel",
        /// "what I'm hearing"): narrower than [`Tag::ReflectStem`], which also opens counter-attacks
        /// ("You must be joking.", "That's a terrible idea.").
        ListeningStem;
        /// Cue: a reflection that adds meaning (double-sided, "part of you", "because you care").
        ComplexCue;
        /// Cue: normalising or validating the other's reaction ("it makes sense you feel that way").
        Validation;
        /// Cue: a self-erasing phrase ("whatever you want", "it's fine", "I don't mind").
        PassivePhrase;
        /// Cue: guilt-tripping or martyrdom ("don't worry about me", "after everything I've done").
        GuiltTrip;
        /// Cue: a threat ("or else", "you'll regret it").
        Threat;
        /// Cue: swearing at someone.
        Profanity;
        /// Cue: a politeness marker that turns an imperative into a request ("please").
        Polite;
        /// Cue: a suggestion verb at the start of an imperative ("try", "consider").
        AdviceVerb;
        /// Cue: saying what one will do ("I'll call you Sunday").
        Commitment;
        /// Cue: asking leave before offering something ("would it be OK if I shared…").
        AsksPermission;
        /// Cue: kindly disputing someone's blame of themselves ("It's not your fault", "You're not a
        /// burden"): reassurance in either perspective (the guide), unless a client takes the blame
        /// instead ("It isn't your fault. … that's mine to own.").
        DisputesBlame;
    }
}

/// A set of codes, one bit per [`Code`] (the rules' "not when" findings the learned layer reads:
/// [`super::analyse::Findings::ruled_out`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CodeSet(u64);

const _: () = assert!(Code::COUNT <= 64, "CodeSet holds at most 64 codes");

impl CodeSet {
    /// Adds `codes`.
    pub fn extend(&mut self, codes: &[Code]) {
        for &c in codes {
            self.0 |= 1 << c as u32;
        }
    }

    /// Whether `code` is in the set.
    #[inline]
    pub fn contains(self, code: Code) -> bool {
        self.0 >> code as u32 & 1 == 1
    }
}
