//! Reading the labelled data under `data/`: items, gold labels, and the split rule (sealed test, ESConv dev, validation, train).

use crate::scoring::{Behaviour, Code, Perspective, Style};
use anyhow::{Context as _, bail};
use serde::Deserialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// One reply in context, as stored in `data/items/*.jsonl`.
#[derive(Debug, Clone, Deserialize)]
pub struct Item {
    /// Stable id.
    pub id: String,
    /// `therapist` or `client`.
    pub perspective: String,
    /// The other person's previous line (absent or null: none).
    #[serde(default)]
    pub context: Option<String>,
    /// The reply.
    pub text: String,
    /// Where a real text came from (`esconv-dev`, `esconv-extra`, `politeness-…`); empty for written items.
    #[serde(default)]
    pub source: String,
    /// The source's own label, kept alongside ours.
    #[serde(default)]
    pub source_label: String,
    /// The stem of the file under `items/` the item came from (`written-w9`, `real-r3`; set on loading).
    #[serde(skip)]
    pub file: String,
}

impl Item {
    /// The perspective as the scorer's type.
    pub fn perspective(&self) -> Perspective {
        if self.perspective == "client" {
            Perspective::Client
        } else {
            Perspective::Therapist
        }
    }

    /// The context, if any.
    pub fn context(&self) -> Option<&str> {
        self.context.as_deref().filter(|c| !c.trim().is_empty())
    }
}

/// The adjudicated labels of one item (`data/labels/gold.jsonl`).
#[derive(Debug, Clone, Deserialize)]
pub struct Gold {
    /// Item id.
    pub id: String,
    /// Code keys.
    pub codes: Vec<String>,
    /// Style key.
    pub style: String,
    /// Behaviour key.
    pub behaviour: String,
}

/// Which part of the data an item belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Split {
    /// Sealed test (20%): never trained or tuned on.
    Test,
    /// ESConv dev: validation only.
    EsconvDev,
    /// Held out from training for calibration and thresholds (10% of the rest).
    Validation,
    /// Training.
    Train,
}

/// 64-bit FNV-1a (the split rule in `data/README.md`): the scorer's own [`crate::scoring::text::hash`].
pub fn fnv1a64(s: &str) -> u64 {
    crate::scoring::text::hash(s)
}

/// The part of an id the split hashes: a set-aside ESConv conversation as a whole, else the id.
pub fn split_key(id: &str) -> &str {
    if let Some(rest) = id.strip_prefix("esconv-failed-")
        && let Some((conv, turn)) = rest.split_once('-')
        && conv.bytes().all(|b| b.is_ascii_digit())
        && turn.bytes().all(|b| b.is_ascii_digit())
    {
        return &id[.."esconv-failed-".len() + conv.len()];
    }
    id
}

/// The split of an item (the rule in `data/README.md`).
pub fn split_of(item: &Item) -> Split {
    let key = split_key(&item.id);
    if fnv1a64(key).is_multiple_of(5) {
        Split::Test
    } else if item.source == "esconv-dev" {
        Split::EsconvDev
    } else if fnv1a64(&format!("val:{key}")).is_multiple_of(10) {
        Split::Validation
    } else {
        Split::Train
    }
}

/// Targets decoded from gold labels.
#[derive(Debug, Clone)]
pub struct Labels {
    /// Concrete codes.
    pub codes: Vec<Code>,
    /// Style.
    pub style: Style,
    /// Behaviour.
    pub behaviour: Behaviour,
}

/// Decodes one gold record; an unknown key is an error naming the item.
pub fn labels(g: &Gold) -> anyhow::Result<Labels> {
    let mut codes = Vec::new();
    for k in &g.codes {
        match Code::from_key(k) {
            Some(c) => codes.push(c),
            None => bail!("{}: unknown code `{k}`", g.id),
        }
    }
    let style = Style::from_key(&g.style)
        .with_context(|| format!("{}: unknown style `{}`", g.id, g.style))?;
    let behaviour = Behaviour::from_key(&g.behaviour)
        .with_context(|| format!("{}: unknown behaviour `{}`", g.id, g.behaviour))?;
    Ok(Labels {
        codes,
        style,
        behaviour,
    })
}

/// The default data folder (`data/` beside `Cargo.toml`).
pub fn default_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

/// Reads a JSON Lines file into values, naming the file and line of a bad one.
pub(crate) fn read_jsonl<T: for<'de> Deserialize<'de>>(path: &Path) -> anyhow::Result<Vec<T>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l).with_context(|| format!("{}:{}", path.display(), i + 1))
        })
        .collect()
}

/// Every labelled item: items from `items/*.jsonl` joined with `labels/gold.jsonl`.
pub fn load(dir: &Path) -> anyhow::Result<Vec<(Item, Labels)>> {
    let mut items = Vec::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("items"))
        .with_context(|| format!("reading {}", dir.join("items").display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    for f in files {
        let stem = f
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        items.extend(read_jsonl::<Item>(&f)?.into_iter().map(|mut i| {
            i.file = stem.clone();
            i
        }));
    }
    let gold: Vec<Gold> = read_jsonl(&dir.join("labels/gold.jsonl"))?;
    let by_id: HashMap<&str, &Gold> = gold.iter().map(|g| (g.id.as_str(), g)).collect();
    let mut out = Vec::new();
    for item in items {
        if let Some(g) = by_id.get(item.id.as_str()) {
            let l = labels(g)?;
            out.push((item, l));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_rule_matches_the_python_tools() {
        // Values from data/tools/common.py: fnv1a64("esconv-dev-1") and the conversation key.
        assert_eq!(split_key("esconv-failed-12-7"), "esconv-failed-12");
        assert_eq!(split_key("esconv-dev-12"), "esconv-dev-12");
        assert_eq!(fnv1a64(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64("a"), 0xaf63_dc4c_8601_ec8c);
    }
}
