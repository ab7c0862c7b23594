//! Stage two's result: a validated `Scenario` whose every reference (targets, speakers, variables, meters) resolves.

use super::raw::{Character, Choice, Meter, RawNode, Then, Value, WalkAway};
use crate::scenario::Area;
use crate::scoring::Perspective;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

/// A node of a validated scenario (the raw node; its references are known to resolve).
pub type Node = RawNode;

/// A scenario that passed validation: every target, speaker, variable and meter it names exists.
#[derive(Debug, Clone)]
pub struct Scenario {
    /// Where it was loaded from.
    pub path: PathBuf,
    /// Stable identifier.
    pub id: String,
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// IPT problem area.
    pub area: Area,
    /// Who the user speaks as.
    pub perspective: Perspective,
    /// Content notes.
    pub content_notes: Vec<String>,
    /// People.
    pub characters: Vec<Character>,
    /// Variables and their initial values.
    pub variables: BTreeMap<String, Value>,
    /// State meters.
    pub meters: Vec<Meter>,
    /// Start node id.
    pub start: String,
    /// Nodes in file order.
    pub nodes: Vec<Node>,
    /// Extra lexicon words for the scorer.
    pub lexicon: BTreeMap<String, Vec<String>>,
    /// Named word lists for `Mentions` (`"@name"`).
    pub words: BTreeMap<String, Vec<String>>,
    /// Where careless play ends.
    pub walk_away: Option<WalkAway>,
    /// Challenge-mode margin per meter (1 for meters not listed).
    pub challenge_margin: BTreeMap<String, i64>,
    index: HashMap<String, usize>,
    /// Portrait colours by character id, parsed once here (validated types of stage two).
    portraits: HashMap<String, super::colour::PortraitColours>,
}

impl Scenario {
    pub(crate) fn new(path: PathBuf, raw: super::raw::RawScenario) -> Self {
        let index = raw
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.clone(), i))
            .collect();
        let portraits = raw
            .characters
            .iter()
            .map(|c| (c.id.clone(), super::colour::PortraitColours::of(c)))
            .collect();
        Scenario {
            path,
            id: raw.id,
            title: raw.title,
            summary: raw.summary,
            area: raw.area,
            perspective: raw.perspective,
            content_notes: raw.content_notes,
            characters: raw.characters,
            variables: raw.variables,
            meters: raw.meters,
            start: raw.start,
            nodes: raw.nodes,
            lexicon: raw.lexicon,
            words: raw.words,
            walk_away: raw.walk_away,
            challenge_margin: raw.challenge_margin,
            index,
            portraits,
        }
    }

    /// The node with this id.
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.index.get(id).map(|&i| &self.nodes[i])
    }

    /// Position of the node with this id in [`Scenario::nodes`].
    pub fn node_index(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// The character with this id.
    pub fn character(&self, id: &str) -> Option<&Character> {
        self.characters.iter().find(|c| c.id == id)
    }

    /// A character's portrait colours, parsed at load (the default colours for an unknown id).
    pub fn portrait_colours(&self, character_id: &str) -> super::colour::PortraitColours {
        self.portraits
            .get(character_id)
            .copied()
            .unwrap_or(super::colour::PortraitColours::DEFAULT)
    }

    /// The meter with this id.
    pub fn meter(&self, id: &str) -> Option<&Meter> {
        self.meters.iter().find(|m| m.id == id)
    }

    /// The main other person: the speaker of the start node.
    pub fn counterpart(&self) -> Option<&Character> {
        self.node(&self.start)
            .and_then(|n| self.character(&n.speaker))
            .or(self.characters.first())
    }

    /// Challenge-mode margin of a meter (1 unless the scenario says otherwise).
    pub fn margin(&self, meter: &str) -> i64 {
        self.challenge_margin.get(meter).copied().unwrap_or(1)
    }

    /// Number of ending nodes.
    pub fn ending_count(&self) -> usize {
        self.nodes
            .iter()
            .filter(|n| matches!(n.then, Then::Ending { .. }))
            .count()
    }

    /// Number of free-text prompts.
    pub fn free_text_count(&self) -> usize {
        self.nodes
            .iter()
            .filter(|n| matches!(n.then, Then::FreeText { .. }))
            .count()
    }

    /// Every option of the scenario with its node and the line it answers (the node's first line; a
    /// seeded run may show another variant), in node order.
    pub fn options(&self) -> impl Iterator<Item = (&Node, Option<&str>, &Choice)> {
        self.nodes.iter().flat_map(|node| {
            let choices: &[Choice] = match &node.then {
                Then::Options(cs) => cs,
                _ => &[],
            };
            let context = node.lines.first().map(String::as_str);
            choices.iter().map(move |c| (node, context, c))
        })
    }

    /// Node ids this node can lead to, in order (options, then routes, then fallback).
    pub fn targets(node: &Node) -> Vec<&str> {
        match &node.then {
            Then::Options(opts) => opts.iter().map(|o| o.to.as_str()).collect(),
            Then::FreeText {
                routes, fallback, ..
            } => routes
                .iter()
                .map(|r| r.to.as_str())
                .chain(std::iter::once(fallback.to.as_str()))
                .collect(),
            Then::Ending { .. } => Vec::new(),
        }
    }
}

/// The placeholders a line, clarify, debrief or paragraph may use; they are replaced by the user's own words.
pub const PLACEHOLDERS: [&str; 3] = ["best_reply", "worst_reply", "last_reply"];

/// Every `{name}` in a text, as (byte offset of the `{`, name).
pub fn placeholders(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut rest = 0;
    while let Some(a) = text[rest..].find('{') {
        let a = rest + a;
        let Some(len) = text[a + 1..].find('}') else {
            break;
        };
        let name = &text[a + 1..a + 1 + len];
        if !name.contains('{') {
            out.push((a, name));
        }
        rest = a + 1;
    }
    out
}

/// Replaces each known placeholder `{name}` with `value(name)`; unknown ones are left as written.
/// A full stop right after a placeholder whose value already ends a sentence (`.`, `!`, `?`, `…`) is dropped.
pub fn fill_placeholders(text: &str, value: impl Fn(&str) -> String) -> String {
    if !text.contains('{') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(a) = rest.find('{') {
        out.push_str(&rest[..a]);
        let after = &rest[a + 1..];
        match after.find('}') {
            Some(len) if PLACEHOLDERS.contains(&&after[..len]) => {
                let v = value(&after[..len]);
                let mut tail = &after[len + 1..];
                if v.ends_with(['.', '!', '?', '…']) && tail.starts_with('.') {
                    tail = &tail[1..];
                }
                out.push_str(&v);
                rest = tail;
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}
