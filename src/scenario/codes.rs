//! Every diagnostic the linter can emit, as an enum: its stable name, severity, what triggers it, an example and the fix.

use serde::Serialize;
use std::fmt;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The file cannot be played.
    Error,
    /// The file plays, but something is probably a mistake.
    Warning,
}

macro_rules! codes {
    ($( $(#[$doc:meta])* $v:ident = $name:literal, $sev:ident, $plural:literal,
        trigger: $trigger:literal, example: $example:literal, fix: $fix:literal; )*) => {
        /// A diagnostic's kind. Its kebab-case name (`unknown-target`) is stable: tools and docs use it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum DiagCode {
            $( $(#[$doc])* $v, )*
        }

        impl DiagCode {
            /// Every code, in the order of the docs' table.
            pub const ALL: &'static [DiagCode] = &[$(DiagCode::$v),*];

            /// The stable kebab-case name.
            pub fn as_str(self) -> &'static str {
                match self { $(DiagCode::$v => $name,)* }
            }

            /// Error or warning.
            pub fn severity(self) -> Severity {
                match self { $(DiagCode::$v => Severity::$sev,)* }
            }

            /// Plural noun for "… and 12 more duplicate ids".
            pub fn plural(self) -> &'static str {
                match self { $(DiagCode::$v => $plural,)* }
            }

            /// What triggers it, for the docs.
            pub fn trigger(self) -> &'static str {
                match self { $(DiagCode::$v => $trigger,)* }
            }

            /// A short example of text that triggers it.
            pub fn example(self) -> &'static str {
                match self { $(DiagCode::$v => $example,)* }
            }

            /// How to fix it; the hint of a diagnostic that has nothing more specific to say.
            pub fn fix(self) -> &'static str {
                match self { $(DiagCode::$v => $fix,)* }
            }
        }
    };
}

codes! {
    // ---- stage one: reading the text ----
    /// The file cannot be read.
    Unreadable = "unreadable", Error, "unreadable files",
        trigger: "the file cannot be read (missing, a folder, no permission)",
        example: "`rapport lint gone.ron`",
        fix: "check the path and the file's permissions";
    /// The bytes are not UTF-8 text.
    NotUtf8 = "not-utf8", Error, "encoding errors",
        trigger: "the file is not UTF-8 text: a binary file, or text saved in another encoding",
        example: "a PNG renamed to `.ron`; a file saved as Latin-1 with `é`",
        fix: "save the file as UTF-8 text (a byte-order mark is accepted)";
    /// Not well-formed RON.
    Syntax = "syntax", Error, "syntax errors",
        trigger: "the text is not well-formed RON: a missing comma, bracket or quote, a stray character",
        example: "`lines: [\"Hi.\" \"Bye.\"]`",
        fix: "add or remove the `,` `(` `)` `[` `]` or `\"` the caret points at";
    /// A field the format does not have.
    UnknownField = "unknown-field", Error, "unknown fields",
        trigger: "a field name that this kind of value does not have (often a typo)",
        example: "`mood_meter: [...]` in `Scenario(...)`",
        fix: "correct the name (the hint suggests the closest field) or remove the field";
    /// A name that is not one of the allowed values.
    UnknownVariant = "unknown-variant", Error, "unknown names",
        trigger: "a name that is not one of the values allowed here (a mood, a code, an ending kind…)",
        example: "`mood: Happy`",
        fix: "use one of the values the hint lists";
    /// A required field is left out.
    MissingField = "missing-field", Error, "missing fields",
        trigger: "a required field is left out",
        example: "a `Node(...)` without `then:`",
        fix: "add the field the message names";
    /// The same field twice in one value.
    DuplicateField = "duplicate-field", Error, "duplicate fields",
        trigger: "the same field written twice in one value",
        example: "`Choice(text: \"a\", text: \"b\", ...)`",
        fix: "remove one of the two";
    /// A value of the wrong kind.
    WrongType = "wrong-type", Error, "wrong types",
        trigger: "a value of the wrong kind: text where a number goes, a number where a list goes, a test or value that does not fit the variable",
        example: "`min: \"0\"`; `Var(\"asked\", AtLeast(1))` on a boolean",
        fix: "write a value of the kind the field takes: a number `0`, text `\"...\"`, a list `[...]`, `true` or `false`";
    /// Values nested deeper than the reader allows.
    TooDeep = "too-deep", Error, "nesting errors",
        trigger: "values nested more deeply than the reader allows (about 27 levels of `All`/`Any`/`Not` in a condition)",
        example: "`All([All([All([...])])])` 28 levels deep",
        fix: "flatten the condition: `All([a, All([b, c])])` is `All([a, b, c])`";
    // ---- stage two: checking the scenario ----
    /// An unsupported format version.
    FormatVersion = "format-version", Error, "format version errors",
        trigger: "`format_version` is not a version this program reads",
        example: "`format_version: 2`",
        fix: "write `format_version: 1`";
    /// Empty text where text is needed.
    EmptyText = "empty-text", Error, "empty texts",
        trigger: "a title, line, prompt, option text, debrief or id is empty or only spaces",
        example: "`lines: [\"\"]`",
        fix: "write the text, or remove the empty entry";
    /// A `Mentions` word list the scenario does not define.
    UnknownWordList = "unknown-word-list", Error, "unknown word lists",
        trigger: "`Mentions([\"@name\"])` names a word list not defined in the scenario's `words:`",
        example: "`Mentions([\"@sofia_facts\"])` with no `words: {\"sofia_facts\": [...]}`",
        fix: "define the list in `words:` or correct the name (the hint suggests the closest)";
    /// A lexicon the scorer does not have.
    UnknownLexicon = "unknown-lexicon", Error, "unknown lexicons",
        trigger: "`lexicon:` names a word list the scorer does not have, or one of the closed lists (the crisis exemptions `general_subjects`, `suicide_help_words`, `suicide_act_words`, and `talk_words`, `small_talk`), so its words would be ignored",
        example: "`lexicon: {\"feelings\": [\"gutted\"]}`",
        fix: "use a lexicon name from docs/scoring.md (the hint suggests the closest)";
    /// No characters.
    NoCharacters = "no-characters", Error, "missing characters",
        trigger: "`characters: []`",
        example: "`characters: []`",
        fix: "add a `Character(id: ..., name: ...)` for the other person";
    /// Two things with one id.
    DuplicateId = "duplicate-id", Error, "duplicate ids",
        trigger: "two nodes, characters, meters or options with the same id",
        example: "two `Node(id: \"opening\", ...)`",
        fix: "rename one of them (the hint gives the line of the first)";
    /// A colour that is not `#rrggbb`.
    BadColour = "bad-colour", Error, "bad colours",
        trigger: "a portrait colour that is not `#rrggbb`",
        example: "`skin: \"tan\"`",
        fix: "write colours as \"#rrggbb\", e.g. \"#c68c5a\"";
    /// A meter whose range is wrong.
    BadRange = "bad-range", Error, "bad ranges",
        trigger: "a meter whose `max` is not above `min`, or whose `initial` is outside `min..=max`",
        example: "`Meter(id: \"trust\", min: 0, max: 10, initial: 12, ...)`",
        fix: "make `min < max` and `min <= initial <= max`";
    /// No nodes.
    NoNodes = "no-nodes", Error, "missing nodes",
        trigger: "`nodes: []`",
        example: "`nodes: []`",
        fix: "add at least a start node and an ending";
    /// A node id that does not exist.
    UnknownTarget = "unknown-target", Error, "unknown nodes",
        trigger: "`to:`, `start:` or `Visited(...)` names a node that does not exist",
        example: "`to: \"halway\"`",
        fix: "correct the id (the hint suggests the closest node, never an ending of another kind) or add the node";
    /// A speaker that is not a character.
    UnknownSpeaker = "unknown-speaker", Error, "unknown speakers",
        trigger: "a node's `speaker` is not a character id",
        example: "`speaker: \"kym\"`",
        fix: "use a character id (the hint suggests the closest)";
    /// A variable that is not declared.
    UnknownVariable = "unknown-variable", Error, "unknown variables",
        trigger: "a condition or effect names a variable not declared in `variables:`",
        example: "`Set(\"askd\", Bool(true))`",
        fix: "declare it in `variables:` or correct the name";
    /// A meter that is not declared.
    UnknownMeter = "unknown-meter", Error, "unknown meters",
        trigger: "a condition or effect names a meter not declared in `meters:`",
        example: "`Meter(\"trsut\", 1)`",
        fix: "declare it in `meters:` or correct the name";
    /// A node with nothing after it that is not an ending.
    NoWayOut = "no-way-out", Error, "nodes with no way out",
        trigger: "`then: Options([])`: the user has nothing to pick and it is not an ending",
        example: "`then: Options([])`",
        fix: "add an option, or make the node an `Ending`";
    /// Every option is conditional.
    MaybeStuck = "maybe-stuck", Warning, "nodes that may get stuck",
        trigger: "every option of a node has a `when`; if none holds the user has nothing to pick",
        example: "two options, both with `when: Var(...)`",
        fix: "leave one option without `when`";
    /// A reply condition on an option.
    ReplyConditionOnOption = "reply-condition-on-option", Warning, "reply conditions on options",
        trigger: "an option's `when` tests a reply's scores, codes or style; options are shown before any reply, so it sees the previous one",
        example: "`Choice(when: Code(Reflection), ...)`",
        fix: "move reply conditions to free-text routes; use variables or meters on options";
    /// A group code among an option's tags.
    GroupTag = "group-tag", Error, "group codes in tags",
        trigger: "an option's `tags` holds a group code (`Question`, `Reflection`, `Horseman`, `Antidote`); tags say what these exact words do, so each must be one concrete code",
        example: "`Choice(text: \"Fine. Whatever.\", tags: [Horseman], ...)`",
        fix: "name the concrete code: `Criticism`, `Contempt`, `Defensiveness` or `Stonewalling` for `Horseman`; `OpenQuestion` or `ClosedQuestion` for `Question`; `SimpleReflection` or `ComplexReflection` for `Reflection`; an antidote such as `GentleStartup` or `Appreciation` for `Antidote`";
    /// A route or option whose condition can never hold.
    DeadRoute = "dead-route", Warning, "conditions that can never hold",
        trigger: "a route's or option's condition can never hold: it contradicts itself, or tests a score or meter outside its range",
        example: "`All([Code(Reflection), Not(Code(Reflection))])`; `Score(Assertiveness, AtLeast(120))`",
        fix: "remove the contradiction, or keep tests within 0–100 for scores and the meter's range";
    /// A route that repeats an earlier route's condition.
    RepeatedRoute = "repeated-route", Warning, "repeated routes",
        trigger: "a route's condition is the same as an earlier route's at the same node, so it is never taken",
        example: "two routes with `when: Code(Horseman)`",
        fix: "give the later route a different condition, or merge the two";
    /// No route can fire.
    OnlyFallback = "only-fallback", Warning, "free-text nodes with only a fallback",
        trigger: "a free-text node has no route that can fire, so every reply takes the fallback",
        example: "`routes: []`",
        fix: "add routes keyed on what the reply does, e.g. `Route(when: Code(Reflection), to: ...)`";
    /// A variable that is never used.
    UnusedVariable = "unused-variable", Warning, "unused variables",
        trigger: "a declared variable no condition reads",
        example: "`variables: {\"asked\": Bool(false)}` never tested",
        fix: "remove it, or test it in a `when:` condition";
    /// A condition on a variable that never changes.
    ConstantCondition = "constant-condition", Warning, "constant conditions",
        trigger: "a condition reads a variable no effect ever changes, so it always gives the same answer",
        example: "`when: Var(\"asked\", Is(true))` with no `Set(\"asked\", ...)` anywhere",
        fix: "add an effect that sets the variable, or drop the condition";
    /// A node nothing leads to.
    Unreachable = "unreachable", Warning, "unreachable nodes",
        trigger: "no path from the start node leads to this node",
        example: "a node no `to:` names",
        fix: "point an option or route at it, or remove it";
    /// No ending reachable from the start.
    NoEnding = "no-ending", Error, "missing endings",
        trigger: "no ending can be reached from the start node",
        example: "a scenario whose nodes only lead to each other",
        fix: "add a node with `then: Ending(kind: Good, ...)` and lead to it";
    /// A reachable node from which no ending can be reached.
    DeadEnd = "dead-end", Error, "dead ends",
        trigger: "a node the user can reach from which no ending can be reached: a loop with no exit",
        example: "`a` leads only to `b` and `b` only back to `a`",
        fix: "give one of the loop's nodes an option or route towards an ending";
    /// No good ending.
    NoGoodEnding = "no-good-ending", Warning, "missing good endings",
        trigger: "the scenario has no ending with `kind: Good`, so there is nothing to aim for",
        example: "only `Ending(kind: Hard, ...)` and `Ending(kind: Mixed, ...)`",
        fix: "add an `Ending(kind: Good, ...)` that a skilful conversation reaches";
    /// An id not in lower_snake or kebab-case.
    IdStyle = "id-style", Warning, "badly styled ids",
        trigger: "an id is not `lower_snake` or `kebab-case` (capitals, spaces, other characters)",
        example: "`id: \"Opening Scene\"`",
        fix: "write ids like `opening_scene` or `opening-scene`";
    // ---- format 1.1: options, free text, walking away, debriefs ----
    /// An option with no id.
    MissingOptionId = "missing-option-id", Warning, "options without ids",
        trigger: "an option has no `id:`; test plans pick options by id",
        example: "`Choice(text: \"Sit with me.\", to: \"next\")`",
        fix: "give it one, e.g. `id: \"sit_with_me\"`";
    /// Two options of one node with the same id.
    DuplicateOptionId = "duplicate-option-id", Error, "duplicate option ids",
        trigger: "two options of the same node share an `id`",
        example: "two `Choice(id: \"ask\", ...)` in one `Options([...])`",
        fix: "option ids are unique within a node: rename one";
    /// An option id not in lower_snake or kebab-case.
    BadOptionId = "bad-option-id", Warning, "badly styled option ids",
        trigger: "an option id is not `lower_snake` or `kebab-case`",
        example: "`id: \"Sit With Me\"`",
        fix: "write it like `sit_with_me`";
    /// A free-text node with no clarify line.
    NoClarify = "no-clarify", Warning, "free-text nodes without a clarify line",
        trigger: "a free-text node has no `clarify:` line, so a reply that does not answer goes straight to the fallback",
        example: "`FreeText(prompt: \"...\", routes: [...], fallback: ...)`",
        fix: "add the other person's line for a non-answer, e.g. `clarify: \"Sorry, what do you mean?\"`";
    /// An option that quotes words only some of its node's lines say.
    OptionEchoesVariant = "option-echoes-variant", Warning, "options that echo one line variant",
        trigger: "an option repeats four words in a row that only some of its node's `lines` say, so on a seed that shows another line it answers something never said",
        example: "lines `[\"I couldn't get out of bed.\", \"I meant to come.\"]` and the option `\"Couldn't get out of bed sounds hard.\"`",
        fix: "say it in every line of the node, or word the option so it fits whichever line is shown";
    /// A walk-away that does not lead to a hard or mixed ending.
    BadWalkAway = "bad-walk-away", Error, "bad walk-aways",
        trigger: "`walk_away: WalkAway(to: ...)` leads to a good ending or to a node that is not an ending",
        example: "`walk_away: WalkAway(after: 2, to: \"end_good\")`",
        fix: "point it at a Hard or Mixed ending";
    /// A meter no condition reads.
    UnreadMeter = "unread-meter", Warning, "unread meters",
        trigger: "no condition reads a meter, so it decides nothing",
        example: "`Meter(id: \"trust\", ...)` with no `Meter(\"trust\", AtLeast(...))` anywhere",
        fix: "gate an ending on it, e.g. `when: Meter(\"trust\", AtLeast(6))`";
    /// A `{name}` that is not a placeholder.
    UnknownPlaceholder = "unknown-placeholder", Error, "unknown placeholders",
        trigger: "a line, clarify, debrief or paragraph uses `{name}` that is not `{best_reply}`, `{worst_reply}` or `{last_reply}`",
        example: "`debrief: \"You said {best_replly}\"`",
        fix: "use one of the placeholders the hint lists";
    // ---- test plans ----
    /// A plan with no scenario beside it.
    PlanNoScenario = "plan-no-scenario", Error, "plans without a scenario",
        trigger: "a `NAME.test.ron` with no loadable `NAME.ron` beside it",
        example: "`dishes.test.ron` next to `dishes-again.ron`",
        fix: "name the plan after its scenario, and fix the scenario's errors first";
    /// A plan names a node that does not exist.
    PlanUnknownNode = "plan-unknown-node", Error, "unknown nodes in plans",
        trigger: "a plan's `path` names a node the scenario does not have",
        example: "`path: [\"opening\", \"listenin\"]`",
        fix: "correct the id (the hint suggests the closest)";
    /// A plan picks an option that does not exist.
    PlanUnknownOption = "plan-unknown-option", Error, "unknown options in plans",
        trigger: "a plan's `Pick` names an option id or number the node does not have, or picks at a node that takes a typed reply",
        example: "`Pick(5)` at a node with 3 options; `Pick(\"sit_wth_me\")`",
        fix: "pick an existing option: its id, or its number counting from 1 in file order";
    /// A plan asserts a route that does not exist.
    PlanUnknownRoute = "plan-unknown-route", Error, "unknown routes in plans",
        trigger: "a plan's `Reply(route: ...)` names a route label or number the node does not have",
        example: "`Reply(text: \"...\", route: \"haerd\")`",
        fix: "use a route's `label`, its number counting from 1, or `fallback`, `clarify`, `walk_away`";
    /// A run name that is empty or repeated.
    PlanRunName = "plan-run-name", Error, "bad run names",
        trigger: "a run's `name` is empty or the same as an earlier run's, so `--run NAME` cannot pick it",
        example: "two `Run(name: \"good\", ...)`",
        fix: "give every run its own non-empty name";
}

impl DiagCode {
    /// The code with this name.
    pub fn from_name(name: &str) -> Option<DiagCode> {
        DiagCode::ALL.iter().copied().find(|c| c.as_str() == name)
    }

    /// The docs' table of every code (what triggers it, an example, the fix), as Markdown.
    pub fn markdown_table() -> String {
        let esc = |s: &str| s.replace('|', "\\|");
        let mut out = String::from(
            "| code | severity | what triggers it | example | fix |\n|---|---|---|---|---|\n",
        );
        for c in DiagCode::ALL {
            let sev = match c.severity() {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            out.push_str(&format!(
                "| `{}` | {sev} | {} | {} | {} |\n",
                c.as_str(),
                esc(c.trigger()),
                esc(c.example()),
                esc(c.fix())
            ));
        }
        out
    }
}

impl fmt::Display for DiagCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for DiagCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl PartialEq<str> for DiagCode {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for DiagCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_hint_a_trigger_and_an_example() {
        for c in DiagCode::ALL {
            assert!(!c.fix().trim().is_empty(), "{c} has no fix");
            assert!(!c.trigger().trim().is_empty(), "{c} has no trigger");
            assert!(!c.example().trim().is_empty(), "{c} has no example");
            assert!(!c.plural().trim().is_empty(), "{c} has no plural");
            assert_eq!(DiagCode::from_name(c.as_str()), Some(*c));
        }
    }
}
