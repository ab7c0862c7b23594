//! Rules as data: the RON lexicons and patterns under `assets/scoring/`, compiled once into a word table (lexicon words, phrases by first word) and patterns indexed by their first word.
//!
//! A **lexicon** is a named list of phrases. A phrase is matched on whole words after the same
//! normalisation as replies (lower case, contractions expanded); a final `*` makes its last word a
//! prefix (`frustrat*` matches "frustrated", "frustrating").
//!
//! A **pattern** is a sequence of slots separated by spaces:
//!
//! | slot | matches |
//! |---|---|
//! | `word` | that word (after normalisation: `don't` is the two slots `do not`) |
//! | `a\|b\|c` | any one of these words |
//! | `@name` | any phrase of lexicon `name` |
//! | `_` | any one word |
//! | `...` | zero to four words |
//! | `^` / `^^` | the start of a clause / of a sentence (not a word) |
//! | `$` / `$$` | the end of a clause / of a sentence (not a word) |
//!
//! A slot followed by `?` is optional. A pattern never crosses a sentence end.

use super::text::{self, CLAUSE_START, Fnv, NEGATOR, QUOTED, SENT_START, Tokens, WordMap};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};

/// The built-in lexicons (RON), embedded in the binary.
pub const LEXICONS_RON: &str = include_str!("../../assets/scoring/lexicons.ron");
/// The built-in patterns (RON), embedded in the binary.
pub const RULES_RON: &str = include_str!("../../assets/scoring/rules.ron");

/// A fingerprint of the rule files (lexicons and patterns; FNV-1a, hex). The learned layer's features
/// include rule hits and decisions, so `rapport train` writes this into the model card and a test fails
/// when the shipped weights were trained over other rules.
pub fn rules_fingerprint() -> String {
    let both = format!("{LEXICONS_RON}\u{1f}{RULES_RON}");
    format!("{:016x}", super::text::hash(&both))
}

/// Why rule data did not compile.
#[derive(Debug, thiserror::Error)]
pub enum RuleError {
    /// A RON file did not parse.
    #[error("{file}: {source}")]
    Ron {
        /// Which file.
        file: &'static str,
        /// The parser's error.
        #[source]
        source: ron::error::SpannedError,
    },
    /// A pattern names a lexicon that does not exist.
    #[error("rule {rule:?}: pattern {pattern:?} names unknown lexicon @{name}")]
    UnknownLexicon {
        /// The rule's tag.
        rule: Tag,
        /// The pattern.
        pattern: String,
        /// The missing lexicon.
        name: String,
    },
    /// The engine needs a lexicon the data does not define.
    #[error("lexicon {0:?} is required by the engine but missing from lexicons.ron")]
    MissingLexicon(&'static str),
    /// A scenario extends a lexicon that does not exist.
    #[error("scenario lexicon {0:?} does not exist (see docs/scoring.md for the names)")]
    UnknownScenarioLexicon(String),
    /// A pattern is malformed.
    #[error("rule {rule:?}: pattern {pattern:?}: {why}")]
    BadPattern {
        /// The rule's tag.
        rule: Tag,
        /// The pattern.
        pattern: String,
        /// What is wrong.
        why: &'static str,
    },
    /// Too many lexicons for the per-token bit set.
    #[error("at most 128 lexicons are supported, found {0}")]
    TooManyLexicons(usize),
    /// The learned model's weights file cannot be read.
    #[error("the scorer's model file: {0}")]
    Model(#[from] super::learned::ModelError),
}

pub use super::codes::Tag;

fn yes() -> bool {
    true
}

/// One rule as written in `rules.ron`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    /// What a match marks.
    pub emit: Tag,
    /// Further tags a match also marks (an insult is also contempt).
    #[serde(default)]
    pub also: Vec<Tag>,
    /// The patterns; any one matching is enough.
    pub patterns: Vec<String>,
    /// Whether a negator just before the match cancels it ("I don't think you're stupid").
    #[serde(default = "yes")]
    pub negatable: bool,
    /// Whether the rule also applies inside quotations and reported speech.
    #[serde(default)]
    pub quoted: bool,
    /// Where in DOMAIN.md the rule comes from, and what it is for.
    #[serde(default)]
    pub note: String,
}

/// The top level of `rules.ron`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRules {
    /// The rules.
    pub rules: Vec<RawRule>,
}

/// A set of interned word ids (a slot's `a|b|c`): the ids, and a bit per id for a membership test
/// that costs the same for one word or fifty.
#[derive(Debug, Clone)]
struct WordSet {
    /// The ids, in the order the pattern names them.
    ids: Box<[u32]>,
    /// Bit `id` is set for each id in the set (as long as the set's largest id needs).
    bits: Box<[u64]>,
}

impl WordSet {
    fn new(ids: Vec<u32>) -> WordSet {
        let len = ids.iter().max().map_or(0, |&m| m as usize / 64 + 1);
        let mut bits = vec![0u64; len];
        for &id in &ids {
            bits[id as usize / 64] |= 1 << (id % 64);
        }
        WordSet {
            ids: ids.into(),
            bits: bits.into(),
        }
    }

    /// Whether `id` is in the set (`u32::MAX`, a word no pattern names, never is).
    #[inline]
    fn contains(&self, id: u32) -> bool {
        self.bits
            .get(id as usize / 64)
            .is_some_and(|b| b >> (id % 64) & 1 == 1)
    }
}

/// Whether two neighbouring required word slots, one of them a choice, share a word: the mark of
/// "a b|a c" written for "a b" or "a c", which instead reads as `a`, then `b` or `a`, then `c`
/// and so almost never matches.
fn repeats_a_neighbour(slots: &[Slot]) -> bool {
    slots.windows(2).any(|pair| match pair {
        [
            Slot {
                kind: SlotKind::Words(a),
                optional: false,
            },
            Slot {
                kind: SlotKind::Words(b),
                optional: false,
            },
        ] => (a.ids.len() > 1 || b.ids.len() > 1) && a.ids.iter().any(|&id| b.contains(id)),
        _ => false,
    })
}

#[derive(Debug, Clone)]
enum SlotKind {
    Words(WordSet),
    /// Words or phrases of lexicons (`@name|word|word`).
    Mixed(WordSet, Box<[u16]>),
    Lex(u16),
    Any,
    Gap(u8),
    ClauseStart,
    SentStart,
    ClauseEnd,
    SentEnd,
}

#[derive(Debug, Clone)]
struct Slot {
    kind: SlotKind,
    optional: bool,
}

#[derive(Debug, Clone)]
struct Pattern {
    rule: u16,
    /// Leading anchors, checked at the first word.
    anchors: Vec<Slot>,
    /// The first slot (a required word set or lexicon), then the rest.
    slots: Vec<Slot>,
    /// The fingerprints of its required `a|b|c` slots after the first: a sentence must hold a word
    /// of each ([`Cand`]).
    any_of: Box<[u128]>,
    /// When the first two slots are required single words, the third slot if it is a required
    /// word set or lexicon: a cheap check at a fixed position before the full match.
    third: Option<SlotKind>,
}

/// What a pattern needs a sentence to hold for it to match there (a pattern never crosses a sentence
/// end), checked against what the sentence holds before the pattern is tried: lexicons, and words by a
/// 128-bit fingerprint of their ids (bit `id % 128`, [`word_bit`]).
#[derive(Debug, Clone, Copy)]
struct Cand {
    /// The lexicon of each required `@name` slot after the first.
    lex: u128,
    /// The fingerprint of each required one-word slot after the first.
    words: u128,
    /// The fingerprint of its first required `a|b|c` slot after the first (0: none).
    any: u128,
    /// The pattern (index in [`Compiled::patterns`]).
    pattern: u32,
    /// Whether it has more required `a|b|c` slots ([`Pattern::any_of`]).
    more: bool,
}

/// A word id's bit in a sentence's fingerprint ([`Cand`]); none for a word no pattern names.
#[inline]
fn word_bit(id: u32) -> u128 {
    if id == u32::MAX {
        0
    } else {
        1u128 << (id % 128)
    }
}

impl Cand {
    /// The needs of pattern `pattern`, from its slots after the first: every slot that is not
    /// optional must match. Also gives the fingerprints of its required `a|b|c` slots.
    fn of(pattern: u32, slots: &[Slot]) -> (Cand, Box<[u128]>) {
        let (mut lex, mut words) = (0u128, 0u128);
        let mut any_of = Vec::new();
        for s in slots.iter().skip(1).filter(|s| !s.optional) {
            match &s.kind {
                SlotKind::Lex(l) => lex |= 1u128 << l,
                SlotKind::Words(ws) if ws.ids.len() == 1 => words |= word_bit(ws.ids[0]),
                SlotKind::Words(ws) => {
                    let bits = ws.ids.iter().fold(0u128, |b, &id| b | word_bit(id));
                    if !any_of.contains(&bits) {
                        any_of.push(bits);
                    }
                }
                _ => {}
            }
        }
        let cand = Cand {
            lex,
            words,
            any: any_of.first().copied().unwrap_or(0),
            pattern,
            more: any_of.len() > 1,
        };
        (cand, any_of.into())
    }

    /// Whether a sentence holding lexicons `lex` and words `words` may hold what the pattern needs
    /// (before any `a|b|c` slots after its first such, [`Pattern::any_of`], are checked).
    #[inline]
    fn met(&self, lex: u128, words: u128) -> bool {
        self.lex & !lex == 0 && self.words & !words == 0 && (self.any == 0 || self.any & words != 0)
    }
}

/// What [`Compiled::scan`] looks up for each word of a text. A word's index in the table
/// ([`WordMap::index`], its *key*) is a number of its own, so a phrase's words compare as numbers.
#[derive(Debug, Clone, Copy)]
struct Vocab {
    /// The word's interned id (`u32::MAX` if no pattern names it).
    id: u32,
    /// The lexicons it is a one-word phrase of.
    single: u128,
    /// Index in [`Compiled::phrase_lists`] of the phrases starting with it (`u32::MAX`: none).
    phrases: u32,
}

impl Vocab {
    const NONE: Vocab = Vocab {
        id: u32::MAX,
        single: 0,
        phrases: u32::MAX,
    };
}

/// A lexicon phrase matched over tokens: several words, or one word's beginning (`frustrat*`).
#[derive(Debug, Clone)]
struct Phrase {
    /// Its words, normalised as replies are.
    words: Box<[Box<str>]>,
    /// The key of each word ([`WordMap::index`]; a prefix's last word has none: `u32::MAX`).
    keys: Box<[u32]>,
    /// The last word need only begin the token (`*`).
    prefix: bool,
    /// The lexicons it belongs to.
    lexs: Vec<u16>,
}

#[derive(Debug, Clone)]
struct Rule {
    tags: Vec<Tag>,
    negatable: bool,
    quoted: bool,
}

/// A lexicon phrase found in a text: tokens `t0..t1` are a phrase of lexicon `lex`.
#[derive(Debug, Clone, Copy)]
pub struct Hit {
    /// First token.
    pub t0: u32,
    /// One past the last token.
    pub t1: u32,
    /// Lexicon id.
    pub lex: u16,
}

/// A rule that matched: tokens `t0..t1` mark `tag`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// What the match marks.
    pub tag: Tag,
    /// First token.
    pub t0: u32,
    /// One past the last token.
    pub t1: u32,
}

/// Lexicon hits of one text, and each token's interned word id.
#[derive(Debug, Default, Clone)]
pub struct Hits {
    /// Hits sorted by first token.
    pub hits: Vec<Hit>,
    /// Per token: bit set of lexicons with a hit starting at it.
    pub starts: Vec<u128>,
    /// Per token: bit set of lexicons with a hit covering it.
    pub covers: Vec<u128>,
    /// Per token: interned word id (`u32::MAX` if the word occurs in no pattern).
    pub word_ids: Vec<u32>,
    /// Per token: its key in the word table (`u32::MAX`: none; scratch: phrases compare later
    /// tokens' keys).
    entries: Vec<u32>,
    /// Scratch for [`Compiled::run`]: the rules that matched at the current token.
    fired: Vec<u16>,
    /// Bit set of the lexicons with a hit anywhere in the text.
    found: u128,
}

impl Hits {
    /// Whether a phrase of `lex` starts at token `t`.
    #[inline]
    pub fn starts_at(&self, t: usize, lex: u16) -> bool {
        self.starts.get(t).is_some_and(|b| b >> lex & 1 == 1)
    }

    /// Whether a phrase of `lex` is anywhere in the text (its hits are then worth going through).
    #[inline]
    pub fn any(&self, lex: u16) -> bool {
        self.found >> lex & 1 == 1
    }

    /// Whether token `t` is inside a phrase of `lex`.
    #[inline]
    pub fn covered(&self, t: usize, lex: u16) -> bool {
        self.covers.get(t).is_some_and(|b| b >> lex & 1 == 1)
    }
}

/// Lexicons and patterns compiled: a word table, lexicon phrases listed under their first word, and patterns indexed by their first word.
#[derive(Debug, Clone)]
pub struct Compiled {
    lex_names: Vec<String>,
    lex_phrases: Vec<Vec<String>>,
    raw_rules: Vec<RawRule>,
    /// Lexicon phrases of more than one word, and one-word prefixes (`frustrat*`).
    phrases: Vec<Phrase>,
    /// The phrases that start with one word (see [`Vocab::phrases`]).
    phrase_lists: Vec<PhraseList>,
    /// One-word prefixes by their first byte.
    prefixes_by_byte: Vec<Vec<Prefix>>,
    words: HashMap<String, u32, Fnv>,
    /// Per word: its interned id (`u32::MAX` if no pattern names it) and the lexicons it is a one-word phrase of.
    vocab: WordMap<Vocab>,
    rules: Vec<Rule>,
    patterns: Vec<Pattern>,
    /// Per interned word id: the patterns that start with that word (indexed by id, no hashing).
    by_word: Vec<FirstWord>,
    by_lex: Vec<Vec<Cand>>,
    /// Unique per build (clones share it): what a thread's cached analysis of a context is keyed on,
    /// so a scorer rebuilt at a freed one's address (a hot-reloaded scenario lexicon) never reuses it.
    id: u64,
}

/// The phrases that start with one word.
#[derive(Debug, Clone, Default)]
struct PhraseList {
    /// (The second word's key ([`WordMap::index`]), or `u32::MAX` for a prefix; index in
    /// [`Compiled::phrases`]), sorted.
    items: Vec<(u32, u32)>,
    /// Bit `key % 64` for each second word's key: most next words begin none of these phrases.
    seconds: u64,
}

impl PhraseList {
    /// The phrases whose second word has key `second`.
    #[inline]
    fn with_second(&self, second: u32) -> &[(u32, u32)] {
        if second != u32::MAX && self.seconds >> (second % 64) & 1 == 0 {
            return &[];
        }
        let lo = self.items.partition_point(|&(k, _)| k < second);
        let hi = lo + self.items[lo..].partition_point(|&(k, _)| k == second);
        &self.items[lo..hi]
    }
}

/// A one-word prefix (`frustrat*`), with its first bytes as a number to compare a token's with.
#[derive(Debug, Clone, Copy)]
struct Prefix {
    /// [`text::pack`] of the prefix.
    head: u64,
    /// The bits of `head` the prefix fills (its first eight bytes at most).
    mask: u64,
    /// Its length in bytes.
    len: u32,
    /// Index in [`Compiled::phrases`].
    phrase: u32,
}

impl Prefix {
    /// Whether the word `w`, whose [`text::pack`] is `head`, begins with this prefix.
    #[inline]
    fn begins(&self, w: &str, head: u64, phrases: &[Phrase]) -> bool {
        w.len() >= self.len as usize
            && head & self.mask == self.head
            && (self.len <= 8 || w.starts_with(&*phrases[self.phrase as usize].words[0]))
    }
}

/// The patterns that start with one word.
#[derive(Debug, Clone, Default)]
struct FirstWord {
    /// Patterns whose first slot holds the word and whose second slot is not a required word.
    alone: Vec<Cand>,
    /// Patterns whose first two slots are required words, by the second word's id (sorted by it).
    pairs: Vec<(u32, Vec<Cand>)>,
    /// Bit `id % 64` for each second word's id in `pairs`: most next words are in none.
    seconds: u64,
}

/// Lexicons a scenario may not extend: the first decide when a therapist's crisis words are exempt from
/// the crisis response (`analyse::risk_question`, `analyse::names_a_suicide_death`), and a scenario's
/// words must never turn that response off; `talk_words` and `small_talk` are read with the built-in
/// rules for a change of subject, where a scenario's words count as its subject.
pub const CLOSED_LEXICONS: &[&str] = &[
    "general_subjects",
    "suicide_help_words",
    "suicide_act_words",
    "yes_answers",
    // Read for the runner's change of subject with the built-in rules (`answer::off_topic`): a
    // scenario's words are its subject already.
    "talk_words",
    "small_talk",
];

/// Lexicons the engine itself refers to by name.
pub const REQUIRED_LEXICONS: &[&str] = &[
    "stopwords",
    "feelings",
    "negative_feelings",
    "first_person",
    "second_person",
    "third_person",
    "asks_for_advice",
    "answers_asked",
    "offers",
    "losses",
    "bare_praise",
    "praise_fillers",
    "intensifiers",
    "hedges",
    "apologies",
    "discourse_markers",
    "pleasantries",
    "acronyms",
    "withdrawal_acts",
    "reading_stances",
    "reading_nouns",
    "state_verbs",
    "persons",
    "general_subjects",
    "suicide_help_words",
    "suicide_act_words",
    "granted_feelings",
    "habit_verbs",
    "owed_acts",
    "yes_answers",
    "secrecy_promises",
    "subject_changes",
    "held_beliefs",
    "own_wants",
    "owning_phrases",
    "insult_words",
    "distress_states",
    "tag_states",
    "address_words",
    "mental_verbs",
    "jeers",
    "sympathy_ironies",
    "disclaimed_credit",
    "given_credit",
    "blame_words",
    "going_on_conditions",
    "good_ends",
    "talk_words",
    "small_talk",
    "stated_risks",
    "brush_offs",
    "lapse_excuses",
];

impl Compiled {
    /// This build's identity ([`Compiled`]'s `id`): equal only for clones of one build.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// Compiles the built-in rule data.
    pub fn builtin() -> Result<Compiled, RuleError> {
        Compiled::from_ron(LEXICONS_RON, RULES_RON, &BTreeMap::new())
    }

    /// Compiles lexicons and rules from RON text, with extra phrases per lexicon name.
    pub fn from_ron(
        lexicons: &str,
        rules: &str,
        extra: &BTreeMap<String, Vec<String>>,
    ) -> Result<Compiled, RuleError> {
        let lex: BTreeMap<String, Vec<String>> =
            ron::from_str(lexicons).map_err(|source| RuleError::Ron {
                file: "lexicons.ron",
                source,
            })?;
        let raw: RawRules = ron::from_str(rules).map_err(|source| RuleError::Ron {
            file: "rules.ron",
            source,
        })?;
        Compiled::build(lex, raw.rules, extra)
    }

    /// Recompiles with extra phrases added to named lexicons (a scenario's `lexicon`).
    pub fn extended(&self, extra: &BTreeMap<String, Vec<String>>) -> Result<Compiled, RuleError> {
        let lex = self
            .lex_names
            .iter()
            .cloned()
            .zip(self.lex_phrases.iter().cloned())
            .collect();
        Compiled::build(lex, self.raw_rules.clone(), extra)
    }

    fn build(
        mut lex: BTreeMap<String, Vec<String>>,
        raw_rules: Vec<RawRule>,
        extra: &BTreeMap<String, Vec<String>>,
    ) -> Result<Compiled, RuleError> {
        for (name, phrases) in extra {
            match lex.get_mut(name) {
                Some(v) => v.extend(phrases.iter().cloned()),
                None => return Err(RuleError::UnknownScenarioLexicon(name.clone())),
            }
        }
        for &name in REQUIRED_LEXICONS {
            if !lex.contains_key(name) {
                return Err(RuleError::MissingLexicon(name));
            }
        }
        if lex.len() > 128 {
            return Err(RuleError::TooManyLexicons(lex.len()));
        }
        let lex_names: Vec<String> = lex.keys().cloned().collect();
        let lex_phrases: Vec<Vec<String>> = lex.values().cloned().collect();

        // Single words go in a table looked up once per token; phrases of several words are listed
        // under their first word in the same table, and one-word prefixes (`frustrat*`) under their
        // first byte.
        let mut single: HashMap<String, u128> = HashMap::new();
        let mut phrase_ids: HashMap<(String, bool), usize> = HashMap::new();
        let mut all_phrases: Vec<Phrase> = Vec::new();
        for (li, phrases) in lex_phrases.iter().enumerate() {
            for p in phrases {
                let (body, prefix) = match p.trim().strip_suffix('*') {
                    Some(b) => (b, true),
                    None => (p.trim(), false),
                };
                let norm = text::normalise_phrase(body);
                if norm.is_empty() {
                    continue;
                }
                if !prefix && !norm.contains(' ') {
                    *single.entry(norm).or_default() |= 1u128 << li;
                    continue;
                }
                let key = (norm.clone(), prefix);
                let id = *phrase_ids.entry(key).or_insert_with(|| {
                    all_phrases.push(Phrase {
                        words: norm.split(' ').map(Box::from).collect(),
                        keys: Box::new([]),
                        prefix,
                        lexs: Vec::new(),
                    });
                    all_phrases.len() - 1
                });
                if !all_phrases[id].lexs.contains(&(li as u16)) {
                    all_phrases[id].lexs.push(li as u16);
                }
            }
        }

        static BUILDS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let mut c = Compiled {
            id: BUILDS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            by_lex: vec![Vec::new(); lex_names.len()],
            lex_names,
            lex_phrases,
            raw_rules: Vec::new(),
            phrases: all_phrases,
            phrase_lists: Vec::new(),
            prefixes_by_byte: vec![Vec::new(); 256],
            words: HashMap::with_hasher(Fnv),
            vocab: WordMap::new([]),
            rules: Vec::new(),
            patterns: Vec::new(),
            by_word: Vec::new(),
        };
        for r in &raw_rules {
            let ri = c.rules.len() as u16;
            let mut tags = vec![r.emit];
            tags.extend(r.also.iter().copied());
            c.rules.push(Rule {
                tags,
                negatable: r.negatable,
                quoted: r.quoted,
            });
            for p in &r.patterns {
                for mut pat in c.compile_pattern(ri, r.emit, p)? {
                    let (pi, any_of) = Cand::of(c.patterns.len() as u32, &pat.slots);
                    pat.any_of = any_of;
                    let second = match pat.slots.get(1) {
                        Some(Slot {
                            kind: SlotKind::Words(w2),
                            optional: false,
                        }) => Some(w2.clone()),
                        _ => None,
                    };
                    let grow = c.words.len();
                    if c.by_word.len() < grow {
                        c.by_word.resize_with(grow, FirstWord::default);
                    }
                    match &pat.slots[0].kind {
                        SlotKind::Words(ws) => {
                            for &w in ws.ids.iter() {
                                let first = &mut c.by_word[w as usize];
                                match &second {
                                    Some(w2) => {
                                        for &v in w2.ids.iter() {
                                            match first.pairs.iter_mut().find(|(x, _)| *x == v) {
                                                Some((_, ps)) => ps.push(pi),
                                                None => first.pairs.push((v, vec![pi])),
                                            }
                                        }
                                    }
                                    None => first.alone.push(pi),
                                }
                            }
                        }
                        SlotKind::Lex(l) => c.by_lex[*l as usize].push(pi),
                        SlotKind::Mixed(ws, ls) => {
                            for &w in ws.ids.iter() {
                                c.by_word[w as usize].alone.push(pi);
                            }
                            for &l in ls.iter() {
                                c.by_lex[l as usize].push(pi);
                            }
                        }
                        _ => unreachable!("checked by compile_pattern"),
                    }
                    c.patterns.push(pat);
                }
            }
        }
        c.raw_rules = raw_rules;
        c.by_word.resize_with(c.words.len(), FirstWord::default);
        for first in &mut c.by_word {
            first.pairs.sort_by_key(|&(w2, _)| w2);
            first.seconds = first.pairs.iter().fold(0, |b, &(w2, _)| b | 1 << (w2 % 64));
        }
        let mut vocab: HashMap<String, Vocab, Fnv> = HashMap::with_hasher(Fnv);
        for (w, &id) in &c.words {
            vocab.insert(w.clone(), Vocab { id, ..Vocab::NONE });
        }
        for (w, bits) in single {
            vocab.entry(w).or_insert(Vocab::NONE).single |= bits;
        }
        for (pi, ph) in c.phrases.iter().enumerate() {
            if let [one] = &ph.words[..] {
                // One word that is not a prefix is in `single`.
                let b = one.as_bytes();
                let bits = 8 * b.len().min(8) as u32;
                c.prefixes_by_byte[b[0] as usize].push(Prefix {
                    head: text::pack(b),
                    mask: u64::MAX.checked_shr(64 - bits).unwrap_or(0),
                    len: b.len() as u32,
                    phrase: pi as u32,
                });
                continue;
            }
            let v = vocab.entry(ph.words[0].to_string()).or_insert(Vocab::NONE);
            if v.phrases == u32::MAX {
                v.phrases = c.phrase_lists.len() as u32;
                c.phrase_lists.push(PhraseList::default());
            }
            c.phrase_lists[v.phrases as usize]
                .items
                .push((u32::MAX, pi as u32));
        }
        for ph in &c.phrases {
            for w in &ph.words {
                vocab.entry(w.to_string()).or_insert(Vocab::NONE);
            }
        }
        c.vocab = WordMap::new(vocab);
        for ph in &mut c.phrases {
            let n = ph.words.len();
            ph.keys = ph
                .words
                .iter()
                .enumerate()
                .map(|(j, w)| match c.vocab.index(w) {
                    Some(k) if !(ph.prefix && j + 1 == n) => k,
                    _ => u32::MAX,
                })
                .collect();
        }
        for list in &mut c.phrase_lists {
            for (second, pi) in list.items.iter_mut() {
                *second = c.phrases[*pi as usize].keys[1];
            }
            list.items.sort_unstable();
            list.seconds = list
                .items
                .iter()
                .filter(|&&(k, _)| k != u32::MAX)
                .fold(0, |b, &(k, _)| b | 1 << (k % 64));
        }
        Ok(c)
    }

    fn intern(&mut self, w: &str) -> u32 {
        let n = self.words.len() as u32;
        *self.words.entry(w.to_string()).or_insert(n)
    }

    /// Compiles one pattern; a leading optional slot yields two patterns (with and without it).
    fn compile_pattern(
        &mut self,
        rule: u16,
        tag: Tag,
        src: &str,
    ) -> Result<Vec<Pattern>, RuleError> {
        let bad = |why| RuleError::BadPattern {
            rule: tag,
            pattern: src.to_string(),
            why,
        };
        let mut anchors = Vec::new();
        let mut slots: Vec<Slot> = Vec::new();
        for raw in src.split_whitespace() {
            let (body, optional) = match raw.strip_suffix('?') {
                Some(b) if !b.is_empty() => (b, true),
                _ => (raw, false),
            };
            let kind_anchor = match body {
                "^" => Some(SlotKind::ClauseStart),
                "^^" => Some(SlotKind::SentStart),
                "$" => Some(SlotKind::ClauseEnd),
                "$$" => Some(SlotKind::SentEnd),
                _ => None,
            };
            if let Some(k) = kind_anchor {
                let s = Slot {
                    kind: k,
                    optional: false,
                };
                if slots.is_empty() {
                    anchors.push(s);
                } else {
                    slots.push(s);
                }
                continue;
            }
            if body == "_" {
                slots.push(Slot {
                    kind: SlotKind::Any,
                    optional,
                });
            } else if body == "..." {
                slots.push(Slot {
                    kind: SlotKind::Gap(4),
                    optional: false,
                });
            } else if let Some(name) = body.strip_prefix('@').filter(|n| !n.contains('|')) {
                let Some(li) = self.lex_names.iter().position(|n| n == name) else {
                    return Err(RuleError::UnknownLexicon {
                        rule: tag,
                        pattern: src.to_string(),
                        name: name.to_string(),
                    });
                };
                slots.push(Slot {
                    kind: SlotKind::Lex(li as u16),
                    optional,
                });
            } else if body.contains('|') {
                let mut ids = Vec::new();
                let mut lexes = Vec::new();
                for alt in body.split('|') {
                    if let Some(name) = alt.strip_prefix('@') {
                        let Some(li) = self.lex_names.iter().position(|n| n == name) else {
                            return Err(RuleError::UnknownLexicon {
                                rule: tag,
                                pattern: src.to_string(),
                                name: name.to_string(),
                            });
                        };
                        lexes.push(li as u16);
                        continue;
                    }
                    let n = text::normalise_phrase(alt);
                    if n.is_empty() || n.contains(' ') {
                        return Err(bad(
                            "each alternative of a|b|c must be one word (write contractions out)",
                        ));
                    }
                    ids.push(self.intern(&n));
                }
                let kind = if lexes.is_empty() {
                    SlotKind::Words(WordSet::new(ids))
                } else {
                    SlotKind::Mixed(WordSet::new(ids), lexes.into())
                };
                slots.push(Slot { kind, optional });
            } else {
                let n = text::normalise_phrase(body);
                if n.is_empty() {
                    return Err(bad("a slot has no word in it"));
                }
                let parts: Vec<String> = n.split(' ').map(str::to_string).collect();
                let last = parts.len() - 1;
                for (k, w) in parts.iter().enumerate() {
                    let id = self.intern(w);
                    slots.push(Slot {
                        kind: SlotKind::Words(WordSet::new(vec![id])),
                        optional: optional && k == last && last == 0,
                    });
                }
            }
        }
        if repeats_a_neighbour(&slots) {
            return Err(bad(
                "an alternative repeats the word beside it: \"a b|a c\" reads as a, then b or a, then c; write each phrase as its own pattern (or put the phrases in a lexicon)",
            ));
        }
        let mut out = Vec::new();
        loop {
            match slots.first() {
                Some(Slot {
                    kind: SlotKind::Words(_) | SlotKind::Lex(_) | SlotKind::Mixed(..),
                    optional,
                }) => {
                    let optional = *optional;
                    let mut with = slots.clone();
                    with[0].optional = false;
                    let fixed = |s: Option<&Slot>| {
                        matches!(
                            s,
                            Some(Slot {
                                kind: SlotKind::Words(_),
                                optional: false
                            })
                        )
                    };
                    let third = match with.get(2) {
                        Some(Slot {
                            kind: k @ (SlotKind::Words(_) | SlotKind::Lex(_)),
                            optional: false,
                        }) if fixed(with.first()) && fixed(with.get(1)) => Some(k.clone()),
                        _ => None,
                    };
                    out.push(Pattern {
                        rule,
                        anchors: anchors.clone(),
                        any_of: Box::new([]),
                        slots: with,
                        third,
                    });
                    if !optional {
                        break;
                    }
                    slots.remove(0);
                }
                _ => {
                    return Err(bad(
                        "a pattern must start with a word or @lexicon (after any ^ anchors), and not with only optional slots",
                    ));
                }
            }
        }
        Ok(out)
    }

    /// The id of a lexicon by name.
    pub fn lexicon(&self, name: &str) -> Option<u16> {
        self.lex_names
            .iter()
            .position(|n| n == name)
            .map(|i| i as u16)
    }

    /// The lexicon names, in id order.
    pub fn lexicon_names(&self) -> &[String] {
        &self.lex_names
    }

    /// The phrases of each lexicon, in id order.
    pub fn lexicon_phrases(&self) -> &[Vec<String>] {
        &self.lex_phrases
    }

    /// Number of compiled patterns.
    pub fn pattern_count(&self) -> usize {
        self.patterns.len()
    }

    /// Finds every lexicon phrase in `toks`, filling `out`.
    pub fn scan(&self, toks: &Tokens, out: &mut Hits) {
        out.hits.clear();
        out.starts.clear();
        out.covers.clear();
        out.word_ids.clear();
        let n = toks.toks.len();
        out.starts.resize(n, 0);
        out.covers.resize(n, 0);
        out.word_ids.reserve(n);
        out.entries.clear();
        out.found = 0;
        for i in 0..n {
            out.entries
                .push(self.vocab.index(toks.word(i)).unwrap_or(u32::MAX));
        }
        for i in 0..n {
            let v = match out.entries[i] {
                u32::MAX => &Vocab::NONE,
                k => self.vocab.value(k),
            };
            // This token's hits all start here: only they need sorting (by lexicon, then end), and
            // only when a phrase or prefix joins the one-word hits, which come in lexicon order.
            let seg = out.hits.len();
            out.word_ids.push(v.id);
            let mut bits = v.single;
            out.starts[i] |= bits;
            out.covers[i] |= bits;
            while bits != 0 {
                let l = bits.trailing_zeros();
                bits &= bits - 1;
                out.hits.push(Hit {
                    t0: i as u32,
                    t1: i as u32 + 1,
                    lex: l as u16,
                });
            }
            let singles = out.hits.len();
            if let Some(list) = self.phrase_lists.get(v.phrases as usize) {
                // Only the phrases whose second word is the next token's (or a prefix) can match.
                let next = out.entries.get(i + 1).copied().unwrap_or(u32::MAX);
                for &(_, pi) in list.with_second(next) {
                    self.phrase_at(&self.phrases[pi as usize], i, toks, out);
                }
                if next != u32::MAX && list.items.last().is_some_and(|&(k, _)| k == u32::MAX) {
                    for &(_, pi) in list.with_second(u32::MAX) {
                        self.phrase_at(&self.phrases[pi as usize], i, toks, out);
                    }
                }
            }
            let w = toks.word(i);
            if let Some(&b) = w.as_bytes().first() {
                let prefixes = &self.prefixes_by_byte[b as usize];
                if !prefixes.is_empty() {
                    let head = text::pack(w.as_bytes());
                    for p in prefixes {
                        if p.begins(w, head, &self.phrases) {
                            self.phrase_at(&self.phrases[p.phrase as usize], i, toks, out);
                        }
                    }
                }
            }
            if out.hits.len() > singles {
                out.hits[seg..].sort_unstable_by_key(|h| (h.lex, h.t1));
            }
            out.found |= out.starts[i];
        }
        debug_assert!(out.hits.is_sorted_by_key(|h| (h.t0, h.lex, h.t1)));
    }

    /// Records `ph` if it is found at token `t0`: its words are the tokens from `t0` on (the last one
    /// only beginning its token for a prefix), all in one sentence.
    fn phrase_at(&self, ph: &Phrase, t0: usize, toks: &Tokens, out: &mut Hits) {
        let Some((last, inner)) = ph.words.split_last() else {
            return;
        };
        let tl = t0 + inner.len();
        if tl >= toks.toks.len() {
            return;
        }
        // Whole words compare by key: the table holds every word of every phrase.
        if (0..inner.len()).any(|j| out.entries[t0 + j] != ph.keys[j]) {
            return;
        }
        let found = if ph.prefix {
            toks.word(tl).starts_with(&**last)
        } else {
            out.entries[tl] == ph.keys[inner.len()]
        };
        // Phrases do not run over a sentence end.
        if !found || toks.toks[t0].sent != toks.toks[tl].sent {
            return;
        }
        for &l in &ph.lexs {
            out.hits.push(Hit {
                t0: t0 as u32,
                t1: (tl + 1) as u32,
                lex: l,
            });
            out.starts[t0] |= 1u128 << l;
            for c in &mut out.covers[t0..=tl] {
                *c |= 1u128 << l;
            }
        }
    }

    /// Runs every pattern over `toks` (already scanned into `hits`), pushing what matched into `found`
    /// in the order of their first token.
    pub fn run(&self, toks: &Tokens, hits: &mut Hits, found: &mut Vec<Found>) {
        let mut fired = std::mem::take(&mut hits.fired);
        self.run_with(toks, hits, found, &mut fired);
        hits.fired = fired;
    }

    fn run_with(&self, toks: &Tokens, hits: &Hits, found: &mut Vec<Found>, fired: &mut Vec<u16>) {
        let n = toks.toks.len();
        let mut t = 0;
        while t < n {
            // One sentence at a time: what it holds decides which patterns are worth trying in it.
            let sent = toks.toks[t].sent;
            let mut e = t;
            let (mut lex, mut words) = (0u128, 0u128);
            while e < n && toks.toks[e].sent == sent {
                lex |= hits.starts[e];
                words |= word_bit(hits.word_ids[e]);
                e += 1;
            }
            for t in t..e {
                fired.clear();
                let mut try_all = |cands: &[Cand]| {
                    self.try_cands(cands, (lex, words), t, toks, hits, found, fired)
                };
                let w = hits.word_ids[t];
                if let Some(first) = self.by_word.get(w as usize) {
                    // The emptiness checks only save the call (most lists are empty).
                    if !first.alone.is_empty() {
                        try_all(&first.alone);
                    }
                    let w2 = hits.word_ids.get(t + 1).copied().unwrap_or(u32::MAX);
                    if w2 != u32::MAX
                        && first.seconds >> (w2 % 64) & 1 == 1
                        && let Ok(k) = first.pairs.binary_search_by_key(&w2, |&(x, _)| x)
                    {
                        try_all(&first.pairs[k].1);
                    }
                }
                let mut bits = hits.starts[t];
                while bits != 0 {
                    let l = bits.trailing_zeros() as usize;
                    bits &= bits - 1;
                    let cands = &self.by_lex[l];
                    if !cands.is_empty() {
                        try_all(cands);
                    }
                }
            }
            t = e;
        }
    }

    /// Tries the patterns of `cands` whose needs a sentence holding lexicons and words `(lex, words)`
    /// meets at token `t` (inlined into `run`'s `try_all` closure: most lists are short, and an
    /// out-of-line call cost more than the checks).
    #[inline(always)]
    #[allow(clippy::too_many_arguments)]
    fn try_cands(
        &self,
        cands: &[Cand],
        (lex, words): (u128, u128),
        t: usize,
        toks: &Tokens,
        hits: &Hits,
        found: &mut Vec<Found>,
        fired: &mut Vec<u16>,
    ) {
        for c in cands {
            if c.met(lex, words)
                && (!c.more
                    || self.patterns[c.pattern as usize]
                        .any_of
                        .iter()
                        .all(|&w| w & words != 0))
            {
                self.try_pattern(c.pattern, t, toks, hits, found, fired);
            }
        }
    }

    fn try_pattern(
        &self,
        p: u32,
        t: usize,
        toks: &Tokens,
        hits: &Hits,
        found: &mut Vec<Found>,
        fired: &mut Vec<u16>,
    ) {
        let pat = &self.patterns[p as usize];
        for a in &pat.anchors {
            if !anchor_ok(&a.kind, t, toks) {
                return;
            }
        }
        let sent = toks.toks[t].sent;
        let third_ok = match &pat.third {
            Some(SlotKind::Words(ws)) => hits.word_ids.get(t + 2).is_some_and(|&w| ws.contains(w)),
            Some(SlotKind::Lex(l)) => hits.starts_at(t + 2, *l),
            _ => true,
        };
        if !third_ok {
            return;
        }
        let Some(end) = self.match_slots(&pat.slots, t, sent, toks, hits) else {
            return;
        };
        let rule = &self.rules[pat.rule as usize];
        if !rule.quoted && (t..end).any(|i| toks.has(i, QUOTED)) {
            return;
        }
        if rule.negatable && negated(toks, t) {
            return;
        }
        // One match per rule and start token is enough (`fired` is cleared per token).
        if fired.contains(&pat.rule) {
            return;
        }
        fired.push(pat.rule);
        for &tag in &rule.tags {
            found.push(Found {
                tag,
                t0: t as u32,
                t1: end as u32,
            });
        }
    }

    /// Matches `slots` from token `t` within sentence `sent`: where the match ends, or `None`.
    ///
    /// Required single-step slots (a word set, `_`, an anchor) are matched in a loop; the first slot
    /// that can match in more than one way (a lexicon phrase, `...`, an optional slot) hands the rest to
    /// [`Compiled::match_branching`]. The result is the same as matching every slot recursively.
    fn match_slots(
        &self,
        slots: &[Slot],
        mut t: usize,
        sent: u32,
        toks: &Tokens,
        hits: &Hits,
    ) -> Option<usize> {
        let n = toks.toks.len();
        let in_sent = |i: usize| i < n && toks.toks[i].sent == sent;
        for (k, slot) in slots.iter().enumerate() {
            if slot.optional {
                return self.match_branching(&slots[k..], t, sent, toks, hits);
            }
            match &slot.kind {
                SlotKind::Words(ws) => {
                    if !(in_sent(t) && ws.contains(hits.word_ids[t])) {
                        return None;
                    }
                    t += 1;
                }
                SlotKind::Any => {
                    if !in_sent(t) {
                        return None;
                    }
                    t += 1;
                }
                k @ (SlotKind::ClauseStart
                | SlotKind::SentStart
                | SlotKind::ClauseEnd
                | SlotKind::SentEnd) => {
                    if !anchor_ok(k, t, toks) {
                        return None;
                    }
                }
                SlotKind::Lex(_) | SlotKind::Mixed(..) | SlotKind::Gap(_) => {
                    return self.match_branching(&slots[k..], t, sent, toks, hits);
                }
            }
        }
        Some(t)
    }

    /// Matches `slots` recursively from token `t`, trying each way the first slot can match (longest
    /// lexicon phrase first; the shortest gap first; an optional slot present, then absent).
    fn match_branching(
        &self,
        slots: &[Slot],
        t: usize,
        sent: u32,
        toks: &Tokens,
        hits: &Hits,
    ) -> Option<usize> {
        let Some((slot, rest)) = slots.split_first() else {
            return Some(t);
        };
        let n = toks.toks.len();
        let in_sent = |i: usize| i < n && toks.toks[i].sent == sent;
        let r = match &slot.kind {
            SlotKind::Words(ws) => {
                if in_sent(t) && ws.contains(hits.word_ids[t]) {
                    self.match_slots(rest, t + 1, sent, toks, hits)
                } else {
                    None
                }
            }
            SlotKind::Lex(l) => {
                if in_sent(t) && hits.starts_at(t, *l) {
                    let lo = hits.hits.partition_point(|h| (h.t0 as usize) < t);
                    // Longest phrase first.
                    let mut best = None;
                    for h in hits.hits[lo..].iter().take_while(|h| h.t0 as usize == t) {
                        if h.lex == *l
                            && let Some(e) = self.match_slots(rest, h.t1 as usize, sent, toks, hits)
                        {
                            best = best.max(Some(e));
                        }
                    }
                    best
                } else {
                    None
                }
            }
            SlotKind::Mixed(ws, ls) => {
                let mut best = None;
                if in_sent(t) && ws.contains(hits.word_ids[t]) {
                    best = self.match_slots(rest, t + 1, sent, toks, hits);
                }
                if in_sent(t) && ls.iter().any(|&l| hits.starts_at(t, l)) {
                    let lo = hits.hits.partition_point(|h| (h.t0 as usize) < t);
                    for h in hits.hits[lo..].iter().take_while(|h| h.t0 as usize == t) {
                        if ls.contains(&h.lex)
                            && let Some(e) = self.match_slots(rest, h.t1 as usize, sent, toks, hits)
                        {
                            best = best.max(Some(e));
                        }
                    }
                }
                best
            }
            SlotKind::Any => {
                if in_sent(t) {
                    self.match_slots(rest, t + 1, sent, toks, hits)
                } else {
                    None
                }
            }
            SlotKind::Gap(g) => (0..=*g as usize)
                .take_while(|&k| k == 0 || in_sent(t + k - 1))
                .find_map(|k| self.match_slots(rest, t + k, sent, toks, hits)),
            k @ (SlotKind::ClauseStart
            | SlotKind::SentStart
            | SlotKind::ClauseEnd
            | SlotKind::SentEnd) => {
                if anchor_ok(k, t, toks) {
                    self.match_slots(rest, t, sent, toks, hits)
                } else {
                    None
                }
            }
        };
        if r.is_none() && slot.optional {
            return self.match_slots(rest, t, sent, toks, hits);
        }
        r
    }
}

fn anchor_ok(k: &SlotKind, t: usize, toks: &Tokens) -> bool {
    let n = toks.toks.len();
    match k {
        SlotKind::ClauseStart => t < n && toks.has(t, CLAUSE_START),
        SlotKind::SentStart => t < n && toks.has(t, SENT_START),
        SlotKind::ClauseEnd => t >= n || toks.has(t, CLAUSE_START),
        SlotKind::SentEnd => t >= n || toks.has(t, SENT_START),
        _ => true,
    }
}

/// Whether a negator stands in the same clause within three words before token `t`
/// ("I don't think you're stupid", "not lazy"). A negated "know" or "care" denies the knowing, not
/// what follows, as "think" does ("I don't know you never do them" is the attack), and so does a
/// typed "idk" (read "i do not", one three-byte word: "idk u never do them lol", where a play test's
/// Sam heard no criticism).
pub fn negated(toks: &Tokens, t: usize) -> bool {
    let clause = toks.toks[t].clause;
    let lo = t.saturating_sub(4);
    for i in (lo..t).rev() {
        if toks.toks[i].clause != clause {
            return false;
        }
        if toks.has(i, NEGATOR) {
            let (w, first) = (&toks.toks[i], i.checked_sub(2).map(|k| &toks.toks[k]));
            let idk = first.is_some_and(|f| f.start == w.start) && w.end - w.start == 3;
            return !idk;
        }
        if matches!(toks.word(i), "know" | "care") {
            return false;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_compiles() {
        let c = Compiled::builtin().unwrap_or_else(|e| panic!("{e}"));
        assert!(c.pattern_count() > 50);
    }

    #[test]
    fn bad_lexicon_is_reported() {
        let e = Compiled::from_ron(
            LEXICONS_RON,
            r#"(rules: [(emit: Insult, patterns: ["you @nope"])])"#,
            &BTreeMap::new(),
        )
        .unwrap_err();
        assert!(e.to_string().contains("@nope"), "{e}");
    }

    fn compile_one(pattern: &str) -> Result<Compiled, RuleError> {
        Compiled::from_ron(
            LEXICONS_RON,
            &format!(r#"(rules: [(emit: Insult, patterns: ["{pattern}"])])"#),
            &BTreeMap::new(),
        )
    }

    #[test]
    fn a_choice_that_repeats_its_neighbour_is_refused() {
        // Each of these was once in rules.ron, meant as two phrases, and matched almost nothing.
        for p in [
            "be proud of you|that you",
            "no wonder you feel|you are",
            "i feel bad asking|for asking",
            "you are smart enough|strong enough",
        ] {
            let e = compile_one(p)
                .err()
                .unwrap_or_else(|| panic!("{p} compiled"));
            assert!(e.to_string().contains("its own pattern"), "{e}");
        }
        // A choice beside an optional copy of one of its words, and plain repeats, are fine.
        for p in [
            "i can see that? you|that",
            "very very",
            "be|are proud of you",
        ] {
            compile_one(p).unwrap_or_else(|e| panic!("{p}: {e}"));
        }
    }
}
