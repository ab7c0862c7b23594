//! Stage two's result: a validated `Scenario` whose every reference (targets, speakers, variables, meters) resolves.

use super::raw::{Character, Meter, RawNode, Then, Value};
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
