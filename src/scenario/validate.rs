//! Stage two of loading: checking a deserialised scenario — references, ranges, conditions and the graph — with every problem located.

use super::codes::DiagCode as C;
use super::colour::parse_hex_colour;
use super::diagnostic::{Diagnostic, hint_for, summary};
use super::locate::{self, LineIndex, SNode, Seg, Span};
use super::logic::{canonical, never_holds, reads_reply};
use super::model::Scenario;
use super::raw::{Condition, Effect, EndingKind, RawScenario, Test, Then, Value};
use crate::scoring::Code;
use crate::scoring::unanswerable::plain_words;
use std::cell::OnceCell;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::path::Path;

/// The format version this program reads.
pub const FORMAT_VERSION: u32 = 1;

/// At most this many diagnostics of one kind are reported per file; the rest are counted.
pub const CAP_PER_KIND: usize = 20;

/// Checks a deserialised scenario; returns its diagnostics in source order, repeats capped.
pub fn validate(src: &str, path: &Path, raw: &RawScenario) -> Vec<Diagnostic> {
    let mut v = Validator {
        src,
        path,
        tree: OnceCell::new(),
        lines: OnceCell::new(),
        raw,
        out: Vec::new(),
        counts: HashMap::new(),
    };
    v.run();
    v.finish()
}

struct Validator<'a> {
    src: &'a str,
    path: &'a Path,
    /// The span tree, parsed only when a diagnostic needs a position (clean files never pay for it).
    tree: OnceCell<Option<SNode>>,
    /// Line starts, indexed once when the first diagnostic needs a line number.
    lines: OnceCell<LineIndex>,
    raw: &'a RawScenario,
    out: Vec<Diagnostic>,
    /// Diagnostics asked for, by kind (reported or not).
    counts: HashMap<C, usize>,
}

type P = Vec<Seg>;

fn node_path(i: usize) -> P {
    vec![Seg::Field("nodes"), Seg::Index(i)]
}

fn with(p: &P, more: &[Seg]) -> P {
    let mut q = p.clone();
    q.extend_from_slice(more);
    q
}

impl Validator<'_> {
    fn tree(&self) -> Option<&SNode> {
        self.tree.get_or_init(|| locate::parse(self.src)).as_ref()
    }

    fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(self.src))
    }

    fn span(&self, path: &[Seg]) -> Span {
        let Some(t) = self.tree() else { return (0, 1) };
        let mut n = path.len();
        loop {
            if let Some(node) = t.find(&path[..n]) {
                return node.span;
            }
            if n == 0 {
                return (0, 1);
            }
            n -= 1;
        }
    }

    fn head(&self, path: &[Seg]) -> Span {
        self.tree()
            .and_then(|t| t.find(path))
            .map(|n| n.head_span())
            .unwrap_or_else(|| self.span(path))
    }

    /// Counts one more diagnostic of this kind; false once the kind is over its cap (then nothing
    /// about it is computed: no span, no line number, no hint).
    fn room(&mut self, code: C) -> bool {
        let n = self.counts.entry(code).or_default();
        *n += 1;
        *n <= CAP_PER_KIND
    }

    fn emit(&mut self, code: C, span: Span, msg: String, hint: Option<String>) {
        if !self.room(code) {
            return;
        }
        self.push(code, span, msg, hint);
    }

    fn push(&mut self, code: C, span: Span, msg: String, hint: Option<String>) {
        let mut d = Diagnostic::in_source(code, msg, self.path, self.lines(), self.src, span);
        if let Some(h) = hint {
            d = d.with_hint(h);
        }
        self.out.push(d);
    }

    fn report(&mut self, code: C, path: &[Seg], msg: String, hint: Option<String>) {
        if !self.room(code) {
            return;
        }
        let s = self.span(path);
        self.push(code, s, msg, hint);
    }

    /// Sorts by position and adds one "… and N more" per capped kind after its last shown diagnostic.
    fn finish(mut self) -> Vec<Diagnostic> {
        let mut out = std::mem::take(&mut self.out);
        out.sort_by_key(|d| (d.line, d.column, d.severity));
        out.dedup();
        let mut over: Vec<(C, usize)> = self
            .counts
            .iter()
            .filter(|(_, n)| **n > CAP_PER_KIND)
            .map(|(c, n)| (*c, n - CAP_PER_KIND))
            .collect();
        over.sort();
        for (code, more) in over {
            if let Some(pos) = out.iter().rposition(|d| d.code == code) {
                let d = summary(&out[pos], more);
                out.insert(pos + 1, d);
            }
        }
        out
    }

    /// Paths are built only when there is something to report (they cost an allocation each).
    fn nonempty(&mut self, text: &str, path: impl FnOnce() -> P, what: &str) {
        if text.trim().is_empty() {
            let path = path();
            self.report(
                C::EmptyText,
                &path,
                format!("{what} is empty"),
                Some(format!("write {what}")),
            );
        }
    }

    fn run(&mut self) {
        let raw = self.raw;
        if raw.format_version != FORMAT_VERSION {
            self.report(
                C::FormatVersion,
                &[Seg::Field("format_version")],
                format!("format_version {} is not supported", raw.format_version),
                Some(format!(
                    "this version of Rapport reads format_version: {FORMAT_VERSION}"
                )),
            );
        }
        self.nonempty(&raw.id, || vec![Seg::Field("id")], "the scenario id");
        self.nonempty(&raw.title, || vec![Seg::Field("title")], "the title");
        self.nonempty(&raw.summary, || vec![Seg::Field("summary")], "the summary");
        for (i, n) in raw.content_notes.iter().enumerate() {
            self.nonempty(
                n,
                || vec![Seg::Field("content_notes"), Seg::Index(i)],
                "a content note",
            );
        }

        // lexicon extensions must name lexicons the scorer has, or their words would be ignored
        if !raw.lexicon.is_empty() {
            let names = crate::scoring::RuleScorer::builtin().lexicon_names();
            for name in raw.lexicon.keys() {
                let (message, hint) = if crate::scoring::rules::CLOSED_LEXICONS
                    .contains(&name.as_str())
                {
                    (
                        format!(
                            "`{name}` decides when crisis words are exempt from the crisis response; a scenario cannot extend it, so these words would be ignored"
                        ),
                        None,
                    )
                } else if !names.contains(&name.as_str()) {
                    (
                        format!("the scorer has no lexicon `{name}`; these words would be ignored"),
                        Some(hint_for(name, &names, "lexicon")),
                    )
                } else {
                    continue;
                };
                self.report(
                    C::UnknownLexicon,
                    &[Seg::Field("lexicon"), Seg::Key(name.clone())],
                    message,
                    hint,
                );
            }
        }

        // characters
        if raw.characters.is_empty() {
            self.report(
                C::NoCharacters,
                &[Seg::Field("characters")],
                "the scenario has no characters".into(),
                Some("add a Character(id: ..., name: ...) for the other person".into()),
            );
        }
        let mut seen = HashSet::new();
        for (i, c) in raw.characters.iter().enumerate() {
            let p = vec![Seg::Field("characters"), Seg::Index(i)];
            if !seen.insert(c.id.as_str()) {
                self.report(
                    C::DuplicateId,
                    &with(&p, &[Seg::Field("id")]),
                    format!("a character with id `{}` is already defined", c.id),
                    Some("character ids must be unique".into()),
                );
            }
            self.nonempty(
                &c.name,
                || with(&p, &[Seg::Field("name")]),
                "the character's name",
            );
            if let Some(pt) = &c.portrait {
                for (f, v) in [
                    ("skin", &pt.skin),
                    ("hair", &pt.hair),
                    ("clothes", &pt.clothes),
                ] {
                    if parse_hex_colour(v).is_none() {
                        self.report(
                            C::BadColour,
                            &with(&p, &[Seg::Field("portrait"), Seg::Field(f)]),
                            format!("`{v}` is not a colour"),
                            Some("write colours as \"#rrggbb\"".into()),
                        );
                    }
                }
            }
        }

        // meters
        let mut seen = HashSet::new();
        for (i, m) in raw.meters.iter().enumerate() {
            let p = vec![Seg::Field("meters"), Seg::Index(i)];
            if !seen.insert(m.id.as_str()) {
                self.report(
                    C::DuplicateId,
                    &with(&p, &[Seg::Field("id")]),
                    format!("a meter with id `{}` is already defined", m.id),
                    None,
                );
            }
            if m.min >= m.max {
                self.report(
                    C::BadRange,
                    &with(&p, &[Seg::Field("max")]),
                    format!("meter `{}` has max {} not above min {}", m.id, m.max, m.min),
                    None,
                );
            } else if m.initial < m.min || m.initial > m.max {
                self.report(
                    C::BadRange,
                    &with(&p, &[Seg::Field("initial")]),
                    format!(
                        "meter `{}` starts at {} outside its range {}..={}",
                        m.id, m.initial, m.min, m.max
                    ),
                    None,
                );
            }
            self.nonempty(
                &m.label,
                || with(&p, &[Seg::Field("label")]),
                "the meter label",
            );
        }

        // nodes: ids
        let mut ids: HashMap<&str, usize> = HashMap::new();
        for (i, n) in raw.nodes.iter().enumerate() {
            if n.id.trim().is_empty() {
                let p = with(&node_path(i), &[Seg::Field("id")]);
                self.report(C::EmptyText, &p, "the node id is empty".into(), None);
            } else if let Some(&first) = ids.get(n.id.as_str()) {
                if !self.room(C::DuplicateId) {
                    continue;
                }
                let p = with(&node_path(i), &[Seg::Field("id")]);
                let first_at = self.span(&with(&node_path(first), &[Seg::Field("id")])).0;
                let (l, _) = self.lines().line_col(self.src, first_at);
                let s = self.span(&p);
                self.push(
                    C::DuplicateId,
                    s,
                    format!("a node with id `{}` is already defined", n.id),
                    Some(format!(
                        "the first `{}` is on line {l}; rename one of them",
                        n.id
                    )),
                );
            } else {
                ids.insert(n.id.as_str(), i);
            }
        }
        // Unique ids in file order, for did-you-mean.
        let node_set: HashSet<&str> = ids.keys().copied().collect();
        let node_names: Vec<&str> = raw
            .nodes
            .iter()
            .enumerate()
            .filter(|(i, n)| ids.get(n.id.as_str()) == Some(i))
            .map(|(_, n)| n.id.as_str())
            .collect();
        if raw.nodes.is_empty() {
            self.report(
                C::NoNodes,
                &[Seg::Field("nodes")],
                "the scenario has no nodes".into(),
                None,
            );
        }
        if !ids.contains_key(raw.start.as_str()) && !raw.nodes.is_empty() {
            self.report(
                C::UnknownTarget,
                &[Seg::Field("start")],
                format!("the start node `{}` does not exist", raw.start),
                Some(hint_for(&raw.start, &node_names, "node")),
            );
        }

        let char_names: Vec<&str> = raw.characters.iter().map(|c| c.id.as_str()).collect();
        let mut var_reads: BTreeMap<&str, Vec<P>> = BTreeMap::new();
        let mut var_writes: BTreeSet<&str> = BTreeSet::new();

        for (i, n) in raw.nodes.iter().enumerate() {
            let np = node_path(i);
            if !char_names.contains(&n.speaker.as_str()) {
                self.report(
                    C::UnknownSpeaker,
                    &with(&np, &[Seg::Field("speaker")]),
                    format!("no character has id `{}`", n.speaker),
                    Some(hint_for(&n.speaker, &char_names, "character")),
                );
            }
            if n.lines.is_empty() {
                self.report(
                    C::EmptyText,
                    &with(&np, &[Seg::Field("lines")]),
                    format!("node `{}` has no lines", n.id),
                    Some("give at least one line; several are picked from at random".into()),
                );
            }
            for (k, l) in n.lines.iter().enumerate() {
                self.nonempty(
                    l,
                    || with(&np, &[Seg::Field("lines"), Seg::Index(k)]),
                    "the line",
                );
            }
            for (k, c) in super::validate_play::node_conditions(n) {
                self.condition(c, with(&np, &k), &mut var_reads, &node_set);
            }
            let tp = with(&np, &[Seg::Field("then")]);
            match &n.then {
                Then::Options(opts) => {
                    if opts.is_empty() {
                        let s = self.head(&tp);
                        self.emit(
                            C::NoWayOut,
                            s,
                            format!("node `{}` has no options and is not an ending", n.id),
                            Some("add an option, or make it an Ending".into()),
                        );
                    } else if opts.iter().all(|o| o.when.is_some()) {
                        let s = self.head(&tp);
                        self.emit(C::MaybeStuck, s, format!("every option of node `{}` has a condition; when none holds the conversation is stuck", n.id), Some("leave one option without `when`".into()));
                    }
                    for (j, o) in opts.iter().enumerate() {
                        let op = with(&tp, &[Seg::Index(j)]);
                        self.nonempty(
                            &o.text,
                            || with(&op, &[Seg::Field("text")]),
                            "the option text",
                        );
                        if let Some(words) = echoed_variant(&o.text, &n.lines) {
                            self.report(
                                C::OptionEchoesVariant,
                                &with(&op, &[Seg::Field("text")]),
                                format!("option {} says \"{words}\", which only some of node `{}`'s lines say", j + 1, n.id),
                                Some(format!("say \"{words}\" in every line of `{}`, or word the option so it fits whichever line is shown", n.id)),
                            );
                        }
                        self.target(&o.to, || with(&op, &[Seg::Field("to")]), &ids, &node_names);
                        for (k, &t) in o.tags.iter().enumerate() {
                            if t.is_group() {
                                self.report(
                                    C::GroupTag,
                                    &with(&op, &[Seg::Field("tags"), Seg::Index(k)]),
                                    format!("`{t:?}` is a group of codes, not what these words do"),
                                    Some(group_tag_hint(t)),
                                );
                            }
                        }
                        if let Some(c) = &o.when {
                            if let Some(why) = never_holds(c, raw) {
                                self.report(
                                    C::DeadRoute,
                                    &with(&op, &[Seg::Field("when")]),
                                    format!("option {} is never shown: {why}", j + 1),
                                    None,
                                );
                            } else if reads_reply(c) {
                                self.report(C::ReplyConditionOnOption, &with(&op, &[Seg::Field("when")]), "this option's condition tests a reply's scores or codes; it sees the previous reply, if any".into(), Some("reply conditions belong on free-text routes".into()));
                            }
                            self.condition(
                                c,
                                with(&op, &[Seg::Field("when")]),
                                &mut var_reads,
                                &node_set,
                            );
                        }
                        self.effects(
                            &o.effects,
                            with(&op, &[Seg::Field("effects")]),
                            &mut var_writes,
                        );
                    }
                }
                Then::FreeText {
                    prompt,
                    routes,
                    fallback,
                    ..
                } => {
                    self.nonempty(prompt, || with(&tp, &[Seg::Field("prompt")]), "the prompt");
                    let mut live = 0;
                    let mut seen_conds: HashMap<String, usize> = HashMap::new();
                    for (j, r) in routes.iter().enumerate() {
                        let rp = with(&tp, &[Seg::Field("routes"), Seg::Index(j)]);
                        self.target(&r.to, || with(&rp, &[Seg::Field("to")]), &ids, &node_names);
                        self.condition(
                            &r.when,
                            with(&rp, &[Seg::Field("when")]),
                            &mut var_reads,
                            &node_set,
                        );
                        self.effects(
                            &r.effects,
                            with(&rp, &[Seg::Field("effects")]),
                            &mut var_writes,
                        );
                        if let Some(why) = never_holds(&r.when, raw) {
                            self.report(
                                C::DeadRoute,
                                &with(&rp, &[Seg::Field("when")]),
                                format!("route {} can never be taken: {why}", j + 1),
                                None,
                            );
                        } else if let Some(k) = seen_conds.get(&canonical(&r.when)) {
                            self.report(
                                C::RepeatedRoute,
                                &with(&rp, &[Seg::Field("when")]),
                                format!(
                                    "route {} tests the same condition as route {}, which is tried first, so it is never taken",
                                    j + 1,
                                    k + 1
                                ),
                                Some(format!(
                                    "give route {} a different condition, or merge it into route {}",
                                    j + 1,
                                    k + 1
                                )),
                            );
                        } else {
                            live += 1;
                            seen_conds.insert(canonical(&r.when), j);
                        }
                    }
                    if live == 0 {
                        let s = self.head(&tp);
                        self.emit(C::OnlyFallback, s, format!("free-text node `{}` always takes its fallback: no route can fire", n.id), Some("add routes keyed on what the reply does, e.g. `Route(when: Code(Reflection), to: ...)`".into()));
                    }
                    let fp = with(&tp, &[Seg::Field("fallback")]);
                    self.target(
                        &fallback.to,
                        || with(&fp, &[Seg::Field("to")]),
                        &ids,
                        &node_names,
                    );
                    self.effects(
                        &fallback.effects,
                        with(&fp, &[Seg::Field("effects")]),
                        &mut var_writes,
                    );
                }
                Then::Ending { title, debrief, .. } => {
                    self.nonempty(
                        title,
                        || with(&tp, &[Seg::Field("title")]),
                        "the ending title",
                    );
                    self.nonempty(
                        debrief,
                        || with(&tp, &[Seg::Field("debrief")]),
                        "the debrief",
                    );
                }
            }
        }

        // variables: unused, and conditions on constants
        for (name, v) in &raw.variables {
            let kp = vec![Seg::Field("variables"), Seg::Key(name.clone())];
            if name.trim().is_empty() {
                self.report(C::EmptyText, &kp, "a variable name is empty".into(), None);
            }
            if !var_reads.contains_key(name.as_str()) {
                let what = if var_writes.contains(name.as_str()) {
                    "is set but never read by any condition"
                } else {
                    "is never used"
                };
                self.report(
                    C::UnusedVariable,
                    &kp,
                    format!("variable `{name}` {what}"),
                    Some("remove it, or test it in a `when:` condition".into()),
                );
            } else if !var_writes.contains(name.as_str()) {
                let reads = var_reads[name.as_str()].clone();
                for p in reads {
                    self.report(C::ConstantCondition, &p, format!("nothing ever changes variable `{name}`, so this condition always sees {}", show_value(*v)), Some(format!("add an effect such as `Set(\"{name}\", ...)` somewhere, or drop the condition")));
                }
            }
        }

        super::validate_play::check(raw, &mut |code, p, msg, hint, focus| {
            if !self.room(code) {
                return;
            }
            let s = self.span(p);
            let s = focus
                .and_then(|k| {
                    self.src
                        .get(s.0..s.1)?
                        .find(k)
                        .map(|a| (s.0 + a, s.0 + a + k.len()))
                })
                .unwrap_or(s);
            self.push(code, s, msg, hint)
        });

        // graph: reachability and endings
        if let Some(&start) = ids.get(raw.start.as_str()) {
            let mut reach = vec![false; raw.nodes.len()];
            let mut q = VecDeque::from([start]);
            reach[start] = true;
            // The walk-away's ending is reached from any free-text prompt.
            if let Some(&w) = raw.walk_away.as_ref().and_then(|w| ids.get(w.to.as_str())) {
                q.push_back(w);
                reach[w] = true;
            }
            while let Some(i) = q.pop_front() {
                for t in Scenario::targets(&raw.nodes[i]) {
                    if let Some(&j) = ids.get(t)
                        && !reach[j]
                    {
                        reach[j] = true;
                        q.push_back(j);
                    }
                }
            }
            for (i, n) in raw.nodes.iter().enumerate() {
                if !reach[i] && ids.get(n.id.as_str()) == Some(&i) {
                    self.report(
                        C::Unreachable,
                        &with(&node_path(i), &[Seg::Field("id")]),
                        format!(
                            "node `{}` cannot be reached from the start node `{}`",
                            n.id, raw.start
                        ),
                        Some("point an option or route at it, or remove it".into()),
                    );
                }
            }
            let ending_reached = raw
                .nodes
                .iter()
                .enumerate()
                .any(|(i, n)| reach[i] && matches!(n.then, Then::Ending { .. }));
            if !ending_reached {
                self.report(
                    C::NoEnding,
                    &[Seg::Field("start")],
                    "no ending can be reached from the start node".into(),
                    Some("add a node with `then: Ending(kind: Good, ...)` and lead to it".into()),
                );
            } else {
                self.dead_ends(&ids, &reach);
            }
        }
        self.endings_and_ids(&ids);
    }

    /// Reachable nodes from which no ending can be reached (a loop with no exit), reported once per
    /// way into the trap: at each trapped node entered from a node that can still end.
    fn dead_ends(&mut self, ids: &HashMap<&str, usize>, reach: &[bool]) {
        let raw = self.raw;
        let n = raw.nodes.len();
        let mut back: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut succ: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (i, node) in raw.nodes.iter().enumerate() {
            if ids.get(node.id.as_str()) != Some(&i) {
                continue;
            }
            for t in Scenario::targets(node) {
                if let Some(&j) = ids.get(t) {
                    back[j].push(i);
                    succ[i].push(j);
                }
            }
        }
        let mut can_end = vec![false; n];
        let mut q: VecDeque<usize> = VecDeque::new();
        for (i, node) in raw.nodes.iter().enumerate() {
            if matches!(node.then, Then::Ending { .. }) && ids.get(node.id.as_str()) == Some(&i) {
                can_end[i] = true;
                q.push_back(i);
            }
        }
        while let Some(j) = q.pop_front() {
            for &i in &back[j] {
                if !can_end[i] {
                    can_end[i] = true;
                    q.push_back(i);
                }
            }
        }
        for i in 0..n {
            let trapped = reach[i] && !can_end[i];
            if !trapped || !back[i].iter().any(|&p| reach[p] && can_end[p]) {
                continue;
            }
            // The trap as seen from here: what it leads to, for the hint.
            let mut seen = HashSet::from([i]);
            let mut order = vec![i];
            let mut k = 0;
            while k < order.len() && order.len() <= 6 {
                for &j in &succ[order[k]] {
                    if seen.insert(j) {
                        order.push(j);
                    }
                }
                k += 1;
            }
            let names: Vec<String> = order
                .iter()
                .take(6)
                .map(|&j| format!("`{}`", raw.nodes[j].id))
                .collect();
            let more = if order.len() > 6 { ", …" } else { "" };
            self.report(
                C::DeadEnd,
                &with(&node_path(i), &[Seg::Field("id")]),
                format!(
                    "once at node `{}`, the conversation can never reach an ending",
                    raw.nodes[i].id
                ),
                Some(format!(
                    "{}{more} only lead to each other; give one of them an option or route towards an ending",
                    names.join(", ")
                )),
            );
        }
    }

    /// A good ending exists; ids are lower_snake or kebab-case.
    fn endings_and_ids(&mut self, ids: &HashMap<&str, usize>) {
        let raw = self.raw;
        let first_ending = raw
            .nodes
            .iter()
            .position(|n| matches!(n.then, Then::Ending { .. }));
        let has_good = raw.nodes.iter().any(|n| {
            matches!(
                n.then,
                Then::Ending {
                    kind: EndingKind::Good,
                    ..
                }
            )
        });
        if let Some(i) = first_ending
            && !has_good
        {
            self.report(
                C::NoGoodEnding,
                &with(&node_path(i), &[Seg::Field("then"), Seg::Field("kind")]),
                "the scenario has no good ending: every ending is mixed or hard".into(),
                None,
            );
        }
        if !id_style_ok(&raw.id, false) {
            self.report(
                C::IdStyle,
                &[Seg::Field("id")],
                format!("scenario id `{}` is not kebab-case", raw.id),
                Some(format!("write it as `{}`", suggest_id(&raw.id, '-'))),
            );
        }
        // (what, id, path to it) for every id in lower_snake or kebab-case.
        let mut named: Vec<(&str, &str, P)> = Vec::new();
        for (i, n) in raw.nodes.iter().enumerate() {
            if ids.get(n.id.as_str()) == Some(&i) {
                named.push(("node id", &n.id, with(&node_path(i), &[Seg::Field("id")])));
            }
        }
        for (i, c) in raw.characters.iter().enumerate() {
            let p = vec![Seg::Field("characters"), Seg::Index(i), Seg::Field("id")];
            named.push(("character id", &c.id, p));
        }
        for (i, m) in raw.meters.iter().enumerate() {
            let p = vec![Seg::Field("meters"), Seg::Index(i), Seg::Field("id")];
            named.push(("meter id", &m.id, p));
        }
        for name in raw.variables.keys() {
            let p = vec![Seg::Field("variables"), Seg::Key(name.clone())];
            named.push(("variable name", name, p));
        }
        for (what, id, p) in named {
            if !id_style_ok(id, true) {
                self.report(
                    C::IdStyle,
                    &p,
                    format!("{what} `{id}` is not lower_snake or kebab-case"),
                    Some(format!("write it as `{}`", suggest_id(id, '_'))),
                );
            }
        }
    }

    /// Did-you-mean for a missing node id that never proposes an ending of another kind than the
    /// one the id names (`end_good` is not "corrected" to `end_hard`).
    fn target_hint(&self, to: &str, names: &[&str], ids: &HashMap<&str, usize>) -> String {
        let want = kind_word(to);
        let fits: Vec<&str> = names
            .iter()
            .copied()
            .filter(|c| {
                let Some(w) = want else { return true };
                let is = ids.get(c).and_then(|&i| match &self.raw.nodes[i].then {
                    Then::Ending { kind, .. } => Some(*kind),
                    _ => None,
                });
                is.is_none_or(|k| k == w) && kind_word(c).is_none_or(|k| k == w)
            })
            .collect();
        let h = hint_for(to, &fits, "node");
        match want {
            Some(w)
                if !fits.iter().any(|c| kind_word(c) == Some(w)) && fits.len() < names.len() =>
            {
                format!("{h} (there is no {} ending to lead to)", w.label())
            }
            _ => h,
        }
    }

    fn target(
        &mut self,
        to: &str,
        p: impl FnOnce() -> P,
        ids: &HashMap<&str, usize>,
        names: &[&str],
    ) {
        if !ids.contains_key(to) && self.room(C::UnknownTarget) {
            let p = p();
            let hint = self.target_hint(to, names, ids);
            let s = self.span(&p);
            self.push(
                C::UnknownTarget,
                s,
                format!("there is no node `{to}`"),
                Some(hint),
            );
        }
    }

    fn condition<'r>(
        &mut self,
        c: &'r Condition,
        p: P,
        reads: &mut BTreeMap<&'r str, Vec<P>>,
        nodes: &HashSet<&str>,
    ) {
        let raw = self.raw;
        match c {
            Condition::All(cs) | Condition::Any(cs) => {
                for (k, c) in cs.iter().enumerate() {
                    self.condition(c, with(&p, &[Seg::Index(k)]), reads, nodes);
                }
            }
            Condition::Not(c) => self.condition(c, with(&p, &[Seg::Index(0)]), reads, nodes),
            Condition::Var(name, test) => {
                let np = with(&p, &[Seg::Index(0)]);
                match raw.variables.get(name) {
                    None => {
                        let names: Vec<&str> = raw.variables.keys().map(String::as_str).collect();
                        self.report(
                            C::UnknownVariable,
                            &np,
                            format!("variable `{name}` is not defined"),
                            Some(hint_for(name, &names, "variable")),
                        );
                    }
                    Some(v) => {
                        reads.entry(name.as_str()).or_default().push(np);
                        let bool_var = matches!(v, Value::Bool(_));
                        let bool_test = matches!(test, Test::Is(_));
                        if bool_var != bool_test {
                            self.report(
                                C::WrongType,
                                &with(&p, &[Seg::Index(1)]),
                                format!(
                                    "variable `{name}` is {} but this test is for {}",
                                    if bool_var { "a boolean" } else { "a number" },
                                    if bool_test { "booleans" } else { "numbers" }
                                ),
                                Some(if bool_var {
                                    "use Is(true) or Is(false)".into()
                                } else {
                                    "use AtLeast, AtMost, Equals or Between".into()
                                }),
                            );
                        }
                    }
                }
            }
            Condition::Meter(name, _) => {
                if raw.meters.iter().all(|m| &m.id != name) {
                    let names: Vec<&str> = raw.meters.iter().map(|m| m.id.as_str()).collect();
                    self.report(
                        C::UnknownMeter,
                        &with(&p, &[Seg::Index(0)]),
                        format!("meter `{name}` is not defined"),
                        Some(hint_for(name, &names, "meter")),
                    );
                }
            }
            Condition::Visited(node) | Condition::Visits(node, _) => {
                if !nodes.contains(node.as_str()) && self.room(C::UnknownTarget) {
                    let mut names: Vec<&str> = nodes.iter().copied().collect();
                    names.sort_unstable();
                    let s = self.span(&with(&p, &[Seg::Index(0)]));
                    self.push(
                        C::UnknownTarget,
                        s,
                        format!("there is no node `{node}`"),
                        Some(hint_for(node, &names, "node")),
                    );
                }
            }
            Condition::Mentions(words) => {
                for (k, w) in words.iter().enumerate() {
                    let Some(name) = w.strip_prefix('@') else {
                        continue;
                    };
                    if !raw.words.contains_key(name) {
                        let names: Vec<&str> = raw.words.keys().map(String::as_str).collect();
                        self.report(
                            C::UnknownWordList,
                            &with(&p, &[Seg::Index(0), Seg::Index(k)]),
                            format!("there is no word list `{name}` in `words:`"),
                            Some(hint_for(name, &names, "word list")),
                        );
                    }
                }
            }
            Condition::Score(..)
            | Condition::Code(_)
            | Condition::Style(_)
            | Condition::RiskQuestion
            | Condition::Words(_) => {}
        }
    }

    fn effects<'r>(&mut self, effects: &'r [Effect], p: P, writes: &mut BTreeSet<&'r str>) {
        let raw = self.raw;
        for (k, e) in effects.iter().enumerate() {
            let ep = with(&p, &[Seg::Index(k), Seg::Index(0)]);
            match e {
                Effect::Meter(name, _) => {
                    if raw.meters.iter().all(|m| &m.id != name) {
                        let names: Vec<&str> = raw.meters.iter().map(|m| m.id.as_str()).collect();
                        self.report(
                            C::UnknownMeter,
                            &ep,
                            format!("meter `{name}` is not defined"),
                            Some(hint_for(name, &names, "meter")),
                        );
                    }
                }
                Effect::Set(name, _) | Effect::Add(name, _)
                    if !raw.variables.contains_key(name) =>
                {
                    let names: Vec<&str> = raw.variables.keys().map(String::as_str).collect();
                    self.report(
                        C::UnknownVariable,
                        &ep,
                        format!("variable `{name}` is not defined"),
                        Some(hint_for(name, &names, "variable")),
                    );
                }
                Effect::Set(name, val) => {
                    writes.insert(name.as_str());
                    let same = matches!(
                        (raw.variables[name], val),
                        (Value::Int(_), Value::Int(_)) | (Value::Bool(_), Value::Bool(_))
                    );
                    if !same {
                        self.report(
                            C::WrongType,
                            &with(&p, &[Seg::Index(k), Seg::Index(1)]),
                            format!(
                                "variable `{name}` was declared as {} but is set to {}",
                                show_value(raw.variables[name]),
                                show_value(*val)
                            ),
                            Some(match raw.variables[name] {
                                Value::Bool(_) => {
                                    format!("write `Set(\"{name}\", Bool(true))` or `Bool(false)`")
                                }
                                Value::Int(_) => {
                                    format!("write a number: `Set(\"{name}\", Int(1))`")
                                }
                            }),
                        );
                    }
                }
                Effect::Add(name, _) => {
                    writes.insert(name.as_str());
                    if matches!(raw.variables[name], Value::Bool(_)) {
                        self.report(
                            C::WrongType,
                            &ep,
                            format!("variable `{name}` is a boolean; Add works on numbers"),
                            Some(format!("use Set(\"{name}\", Bool(true))")),
                        );
                    }
                }
            }
        }
    }
}

/// The concrete codes a group tag stands for, as a hint.
fn group_tag_hint(group: Code) -> String {
    let members: Vec<String> = Code::CONCRETE
        .iter()
        .filter(|&&c| group.matches(c))
        .map(|c| format!("`{c:?}`"))
        .collect();
    format!(
        "tag the code these words show: one of {}",
        members.join(", ")
    )
}

fn show_value(v: Value) -> String {
    match v {
        Value::Int(i) => format!("Int({i})"),
        Value::Bool(b) => format!("Bool({b})"),
    }
}

/// The ending kind an id names (`end_good`, `hard-ending`, `bad_end`), if any.
fn kind_word(id: &str) -> Option<EndingKind> {
    id.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .find_map(|w| match w {
            "good" | "best" => Some(EndingKind::Good),
            "mixed" | "partial" => Some(EndingKind::Mixed),
            "hard" | "bad" | "worst" => Some(EndingKind::Hard),
            _ => None,
        })
}

/// Whether an id is lower_snake (`opening_scene`) or, when `snake` is false or it has dashes,
/// kebab-case (`opening-scene`): lower-case ASCII letters and digits, one kind of separator, no
/// separator first, last or doubled.
pub fn id_style_ok(id: &str, snake: bool) -> bool {
    if id.is_empty() || !id.starts_with(|c: char| c.is_ascii_lowercase()) {
        return id.is_empty(); // an empty id is reported as empty text
    }
    let sep = if id.contains('-') || !snake { '-' } else { '_' };
    id.split(sep).all(|part| {
        !part.is_empty()
            && part
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
    })
}

/// A well-styled spelling of an id: lower case, runs of other characters turned into `sep`.
fn suggest_id(id: &str, sep: char) -> String {
    let mut out = String::new();
    let mut prev_lower = false;
    for c in id.chars() {
        if c.is_ascii_alphanumeric() {
            if c.is_ascii_uppercase() && prev_lower && !out.ends_with(sep) {
                out.push(sep);
            }
            out.push(c.to_ascii_lowercase());
            prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        } else {
            if !out.is_empty() && !out.ends_with(sep) {
                out.push(sep);
            }
            prev_lower = false;
        }
    }
    out.trim_end_matches(sep).to_string()
}

/// Words that carry no content of their own in an echo: an option may share "what do you mean" or
/// "I don't know what" with one line and not another without quoting it.
const ECHO_FILLER: &[&str] = &[
    "about", "been", "didnt", "dont", "have", "just", "know", "like", "mean", "that", "their",
    "them", "then", "there", "they", "this", "want", "were", "what", "when", "with", "your",
    "youre",
];

/// The first four words in a row of `option` that some of `lines` say and some do not, with two
/// words of four letters or more that are not [`ECHO_FILLER`]: the option quotes one line variant
/// ("Couldn't get out of bed sounds hard." after a line picked at random that may not say it).
fn echoed_variant(option: &str, lines: &[String]) -> Option<String> {
    if lines.len() < 2 {
        return None;
    }
    // The words as a paste or a reply is compared by (lower case, apostrophes dropped).
    let words = |t: &str| plain_words(t).collect::<Vec<String>>();
    let said: Vec<String> = lines
        .iter()
        .map(|l| format!(" {} ", words(l).join(" ")))
        .collect();
    let opt = words(option);
    let gram = |k: usize, e: usize| format!(" {} ", opt[k..e].join(" "));
    let saying = |g: &str| said.iter().filter(|l| l.contains(g)).count();
    let k = (0..opt.len().saturating_sub(3)).find(|&k| {
        let content = opt[k..k + 4]
            .iter()
            .filter(|x| x.chars().count() >= 4 && !ECHO_FILLER.contains(&x.as_str()))
            .count();
        let n = saying(&gram(k, k + 4));
        content >= 2 && n > 0 && n < said.len()
    })?;
    // The whole run the option shares with a line: "worn out from the late shifts", not its first
    // four words.
    let mut e = k + 4;
    while e < opt.len() && saying(&gram(k, e + 1)) > 0 {
        e += 1;
    }
    Some(opt[k..e].join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_styles() {
        for ok in ["opening", "opening_scene", "end_good_2", "dishes-again"] {
            assert!(id_style_ok(ok, true), "{ok}");
        }
        for bad in [
            "Opening",
            "opening scene",
            "a__b",
            "a_b-c",
            "_a",
            "a_",
            "café",
        ] {
            assert!(!id_style_ok(bad, true), "{bad}");
        }
        assert!(!id_style_ok("dishes_again", false));
        assert_eq!(suggest_id("Opening Scene", '_'), "opening_scene");
        assert_eq!(suggest_id("openingScene", '_'), "opening_scene");
    }

    #[test]
    fn kind_words() {
        assert_eq!(kind_word("end_good"), Some(EndingKind::Good));
        assert_eq!(kind_word("hard-ending"), Some(EndingKind::Hard));
        assert_eq!(kind_word("goodbye"), None);
    }
}
