//! Loading in two stages — RON text to raw structs (`ron`), then validation into a [`Scenario`] — reporting every problem found.

use super::diagnostic::{Diagnostic, Severity, hint_for};
use super::locate::{self, SKind, SNode, Seg, Span};
use super::model::Scenario;
use super::raw::{Condition, Effect, RawScenario, Test, Then, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};

/// The format version this program reads.
pub const FORMAT_VERSION: u32 = 1;

/// What loading one file gave: the scenario if it has no errors, and every diagnostic found.
#[derive(Debug, Clone)]
pub struct LoadResult {
    /// The validated scenario; `None` when any diagnostic is an error.
    pub scenario: Option<Scenario>,
    /// Errors and warnings, in source order.
    pub diagnostics: Vec<Diagnostic>,
}

impl LoadResult {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// The RON options every Rapport file is read with: `Some(..)` may be left out.
pub fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

/// Reads and loads one scenario file; an unreadable file is a diagnostic too.
pub fn load_file(path: &Path) -> LoadResult {
    match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(src) => load_str(&src, path),
            Err(e) => {
                let valid = e.utf8_error().valid_up_to();
                let src = String::from_utf8_lossy(e.as_bytes()).into_owned();
                fail(
                    Diagnostic::at(
                        Severity::Error,
                        "not-utf8",
                        "the file is not valid UTF-8",
                        path,
                        &src,
                        (valid, valid + 1),
                    )
                    .with_hint("save the file as UTF-8"),
                )
            }
        },
        Err(e) => fail(Diagnostic::whole_file(
            "unreadable",
            format!("cannot read the file: {e}"),
            path,
        )),
    }
}

fn fail(d: Diagnostic) -> LoadResult {
    LoadResult {
        scenario: None,
        diagnostics: vec![d],
    }
}

/// Loads a scenario from its text; `path` is used in diagnostics and kept on the scenario.
pub fn load_str(src: &str, path: &Path) -> LoadResult {
    let raw: RawScenario = match ron_options().from_str(src) {
        Ok(r) => r,
        Err(e) => return fail(ron_error(src, path, &e)),
    };
    let mut v = Validator {
        src,
        path,
        tree: std::cell::OnceCell::new(),
        raw: &raw,
        out: Vec::new(),
    };
    v.run();
    let mut diagnostics = v.out;
    diagnostics.sort_by_key(|d| (d.line, d.column, d.severity));
    diagnostics.dedup();
    let scenario = (!diagnostics.iter().any(Diagnostic::is_error))
        .then(|| Scenario::new(path.to_path_buf(), raw));
    LoadResult {
        scenario,
        diagnostics,
    }
}

/// Turns a `ron` error into a diagnostic at the offending token, with a did-you-mean where it helps.
pub fn ron_error(src: &str, path: &Path, e: &ron::error::SpannedError) -> Diagnostic {
    use ron::Error as E;
    let start = locate::offset_of(src, e.span.start.line, e.span.start.col);
    let end = locate::offset_of(src, e.span.end.line, e.span.end.col).max(start);
    let tree = locate::parse(src);
    let (code, span, hint): (&'static str, Span, Option<String>) = match &e.code {
        E::NoSuchStructField {
            expected, found, ..
        } => {
            let span = find_ident_near(src, found, start, end);
            (
                "unknown-field",
                span,
                Some(hint_for(found, expected, "field")),
            )
        }
        E::NoSuchEnumVariant {
            expected, found, ..
        } => {
            let span = find_ident_near(src, found, start, end);
            (
                "unknown-variant",
                span,
                Some(hint_for(found, expected, "variant")),
            )
        }
        E::MissingStructField { field, outer } => {
            // Point at the name of the struct that lacks the field.
            let span = tree
                .as_ref()
                .and_then(|t| {
                    let chain = t.chain_at(start.saturating_sub(1));
                    chain
                        .iter()
                        .rev()
                        .find(|n| match &n.kind {
                            SKind::Paren {
                                name: Some((nm, _)),
                                ..
                            } => outer.as_deref().is_none_or(|o| o == nm),
                            SKind::Paren { name: None, .. } => outer.is_none(),
                            _ => false,
                        })
                        .map(|n| {
                            let h = n.head_span();
                            if h == n.span {
                                (n.span.0, n.span.0 + 1)
                            } else {
                                h
                            }
                        })
                })
                .unwrap_or((start, end));
            (
                "missing-field",
                span,
                Some(format!(
                    "add `{field}: ...` to this {}",
                    outer.as_deref().unwrap_or("value")
                )),
            )
        }
        E::DuplicateStructField { field, .. } => (
            "duplicate-field",
            find_ident_near(src, field, start, end),
            Some("remove one of the two".into()),
        ),
        E::ExpectedComma => (
            "syntax",
            (start, end),
            Some("a `,` is missing between two items".into()),
        ),
        E::Eof => (
            "syntax",
            (src.len().saturating_sub(1), src.len()),
            Some("the file ends too early: is a `)` or `]` missing?".into()),
        ),
        E::ExpectedStringEnd | E::ExpectedString => (
            "syntax",
            (start, end),
            Some("strings are written in double quotes: \"...\"".into()),
        ),
        E::InvalidValueForType { .. } => ("wrong-type", (start, end), None),
        E::ExpectedInteger | E::ExpectedBoolean => ("wrong-type", (start, end), None),
        _ => ("syntax", (start, end), None),
    };
    let span = token_at(src, span);
    let mut d = Diagnostic::at(Severity::Error, code, e.code.to_string(), path, src, span);
    if let Some(h) = hint {
        d = d.with_hint(h);
    }
    d
}

/// Widens a position ron gives between tokens to the whole token that follows it (a value, a name).
fn token_at(src: &str, span: Span) -> Span {
    let (mut a, b) = span;
    if b > a + 1 {
        return span;
    }
    let bytes = src.as_bytes();
    while a < bytes.len() && bytes[a].is_ascii_whitespace() {
        a += 1;
    }
    if a >= bytes.len() {
        return span;
    }
    let mut e = a;
    if bytes[a] == b'"' {
        e += 1;
        while e < bytes.len() && bytes[e] != b'"' && bytes[e] != b'\n' {
            e += if bytes[e] == b'\\' { 2 } else { 1 };
        }
        e = (e + 1).min(bytes.len());
    } else {
        while e < bytes.len()
            && (bytes[e].is_ascii_alphanumeric()
                || matches!(bytes[e], b'_' | b'.' | b'-' | b'+' | b'#'))
        {
            e += 1;
        }
    }
    if e == a { (a, a + 1) } else { (a, e) }
}

/// The span of `word` as an identifier at or just before `start` (ron sometimes reports the position after it).
fn find_ident_near(src: &str, word: &str, start: usize, end: usize) -> Span {
    let lo = start.saturating_sub(word.len() + 64);
    let hi = (end + word.len() + 1).min(src.len());
    let mut lo_b = lo;
    while !src.is_char_boundary(lo_b) {
        lo_b -= 1;
    }
    let mut hi_b = hi;
    while !src.is_char_boundary(hi_b) {
        hi_b += 1;
    }
    let window = &src[lo_b..hi_b];
    let mut best = None;
    for (i, _) in window.match_indices(word) {
        let a = lo_b + i;
        let b = a + word.len();
        let before = src[..a].chars().next_back();
        let after = src[b..].chars().next();
        let boundary = |c: Option<char>| c.is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        if boundary(before) && boundary(after) && a <= start.max(a) {
            best = Some((a, b));
            if a >= start {
                break;
            }
        }
    }
    best.unwrap_or((start, end.max(start + 1)))
}

struct Validator<'a> {
    src: &'a str,
    path: &'a Path,
    /// The span tree, parsed only when a diagnostic needs a position (clean files never pay for it).
    tree: std::cell::OnceCell<Option<SNode>>,
    raw: &'a RawScenario,
    out: Vec<Diagnostic>,
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

    fn emit(
        &mut self,
        sev: Severity,
        code: &'static str,
        span: Span,
        msg: String,
        hint: Option<String>,
    ) {
        let mut d = Diagnostic::at(sev, code, msg, self.path, self.src, span);
        if let Some(h) = hint {
            d = d.with_hint(h);
        }
        self.out.push(d);
    }

    fn error(&mut self, code: &'static str, path: &[Seg], msg: String, hint: Option<String>) {
        let s = self.span(path);
        self.emit(Severity::Error, code, s, msg, hint);
    }

    fn warn(&mut self, code: &'static str, path: &[Seg], msg: String, hint: Option<String>) {
        let s = self.span(path);
        self.emit(Severity::Warning, code, s, msg, hint);
    }

    /// Paths are built only when there is something to report (they cost an allocation each).
    fn nonempty(&mut self, text: &str, path: impl FnOnce() -> P, what: &str) {
        if text.trim().is_empty() {
            let path = path();
            self.error(
                "empty-text",
                &path,
                format!("{what} is empty"),
                Some(format!("write the {what}")),
            );
        }
    }

    fn run(&mut self) {
        let raw = self.raw;
        if raw.format_version != super::load::FORMAT_VERSION {
            self.error(
                "format-version",
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
            let names: Vec<&str> = crate::scoring::RuleScorer::builtin()
                .lexicon_names()
                .iter()
                .map(String::as_str)
                .collect();
            for name in raw.lexicon.keys() {
                if !names.contains(&name.as_str()) {
                    self.error(
                        "unknown-lexicon",
                        &[Seg::Field("lexicon"), Seg::Key(name.clone())],
                        format!("the scorer has no lexicon `{name}`; these words would be ignored"),
                        Some(hint_for(name, &names, "lexicon")),
                    );
                }
            }
        }

        // characters
        if raw.characters.is_empty() {
            self.error(
                "no-characters",
                &[Seg::Field("characters")],
                "the scenario has no characters".into(),
                Some("add a Character(id: ..., name: ...) for the other person".into()),
            );
        }
        let mut seen = HashSet::new();
        for (i, c) in raw.characters.iter().enumerate() {
            let p = vec![Seg::Field("characters"), Seg::Index(i)];
            if !seen.insert(c.id.as_str()) {
                self.error(
                    "duplicate-id",
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
                        self.error(
                            "bad-colour",
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
                self.error(
                    "duplicate-id",
                    &with(&p, &[Seg::Field("id")]),
                    format!("a meter with id `{}` is already defined", m.id),
                    None,
                );
            }
            if m.min >= m.max {
                self.error(
                    "bad-range",
                    &with(&p, &[Seg::Field("max")]),
                    format!("meter `{}` has max {} not above min {}", m.id, m.max, m.min),
                    None,
                );
            } else if m.initial < m.min || m.initial > m.max {
                self.error(
                    "bad-range",
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
            let p = with(&node_path(i), &[Seg::Field("id")]);
            if n.id.trim().is_empty() {
                self.error("empty-text", &p, "the node id is empty".into(), None);
            } else if let Some(&first) = ids.get(n.id.as_str()) {
                let (l, _) = locate::line_col(
                    self.src,
                    self.span(&with(&node_path(first), &[Seg::Field("id")])).0,
                );
                self.error(
                    "duplicate-id",
                    &p,
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
        let node_names: Vec<&str> = raw.nodes.iter().map(|n| n.id.as_str()).collect();
        if raw.nodes.is_empty() {
            self.error(
                "no-nodes",
                &[Seg::Field("nodes")],
                "the scenario has no nodes".into(),
                None,
            );
        }
        if !ids.contains_key(raw.start.as_str()) && !raw.nodes.is_empty() {
            self.error(
                "unknown-target",
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
                self.error(
                    "unknown-speaker",
                    &with(&np, &[Seg::Field("speaker")]),
                    format!("no character has id `{}`", n.speaker),
                    Some(hint_for(&n.speaker, &char_names, "character")),
                );
            }
            if n.lines.is_empty() {
                self.error(
                    "empty-text",
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
                self.condition(c, with(&np, &k), &mut var_reads, &node_names);
            }
            let tp = with(&np, &[Seg::Field("then")]);
            match &n.then {
                Then::Options(opts) => {
                    if opts.is_empty() {
                        let s = self.head(&tp);
                        self.emit(
                            Severity::Error,
                            "no-way-out",
                            s,
                            format!("node `{}` has no options and is not an ending", n.id),
                            Some("add an option, or make it an Ending".into()),
                        );
                    } else if opts.iter().all(|o| o.when.is_some()) {
                        let s = self.head(&tp);
                        self.emit(Severity::Warning, "maybe-stuck", s, format!("every option of node `{}` has a condition; when none holds the conversation is stuck", n.id), Some("leave one option without `when`".into()));
                    }
                    for (j, o) in opts.iter().enumerate() {
                        let op = with(&tp, &[Seg::Index(j)]);
                        self.nonempty(
                            &o.text,
                            || with(&op, &[Seg::Field("text")]),
                            "the option text",
                        );
                        self.target(&o.to, || with(&op, &[Seg::Field("to")]), &ids, &node_names);
                        if let Some(c) = &o.when {
                            if reads_reply(c) {
                                self.warn("reply-condition-on-option", &with(&op, &[Seg::Field("when")]), "this option's condition tests a reply's scores or codes; it sees the previous reply, if any".into(), Some("reply conditions belong on free-text routes".into()));
                            }
                            self.condition(
                                c,
                                with(&op, &[Seg::Field("when")]),
                                &mut var_reads,
                                &node_names,
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
                    for (j, r) in routes.iter().enumerate() {
                        let rp = with(&tp, &[Seg::Field("routes"), Seg::Index(j)]);
                        self.target(&r.to, || with(&rp, &[Seg::Field("to")]), &ids, &node_names);
                        self.condition(
                            &r.when,
                            with(&rp, &[Seg::Field("when")]),
                            &mut var_reads,
                            &node_names,
                        );
                        self.effects(
                            &r.effects,
                            with(&rp, &[Seg::Field("effects")]),
                            &mut var_writes,
                        );
                        if satisfiable(&r.when, raw) {
                            live += 1;
                        } else {
                            self.warn(
                                "dead-route",
                                &with(&rp, &[Seg::Field("when")]),
                                "this route's condition can never hold".into(),
                                Some("scores run from 0 to 100; meters stay in their range".into()),
                            );
                        }
                    }
                    if live == 0 {
                        let s = self.head(&tp);
                        self.emit(Severity::Warning, "only-fallback", s, format!("free-text node `{}` always takes its fallback: no route can fire", n.id), Some("add routes keyed on what the reply does, e.g. `Route(when: Code(Reflection), to: ...)`".into()));
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
                self.error("empty-text", &kp, "a variable name is empty".into(), None);
            }
            if !var_reads.contains_key(name.as_str()) {
                let what = if var_writes.contains(name.as_str()) {
                    "is set but never read by any condition"
                } else {
                    "is never used"
                };
                self.warn(
                    "unused-variable",
                    &kp,
                    format!("variable `{name}` {what}"),
                    Some("remove it, or test it in a `when:` condition".into()),
                );
            } else if !var_writes.contains(name.as_str()) {
                let reads = var_reads[name.as_str()].clone();
                for p in reads {
                    self.warn("constant-condition", &p, format!("nothing ever changes variable `{name}`, so this condition always sees {}", show_value(*v)), Some(format!("add an effect such as `Set(\"{name}\", ...)` somewhere, or drop the condition")));
                }
            }
        }

        super::validate_play::check(raw, &mut |sev, code, p, msg, hint, focus| {
            let s = self.span(p);
            let s = focus
                .and_then(|k| {
                    self.src
                        .get(s.0..s.1)?
                        .find(k)
                        .map(|a| (s.0 + a, s.0 + a + k.len()))
                })
                .unwrap_or(s);
            self.emit(sev, code, s, msg, hint)
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
                    self.warn(
                        "unreachable",
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
                self.error(
                    "no-ending",
                    &[Seg::Field("start")],
                    "no ending can be reached from the start node".into(),
                    Some("add a node with `then: Ending(kind: Good, ...)` and lead to it".into()),
                );
            }
        }
    }

    fn target(
        &mut self,
        to: &str,
        p: impl FnOnce() -> P,
        ids: &HashMap<&str, usize>,
        names: &[&str],
    ) {
        if !ids.contains_key(to) {
            let p = p();
            self.error(
                "unknown-target",
                &p,
                format!("there is no node `{to}`"),
                Some(hint_for(to, names, "node")),
            );
        }
    }

    fn condition<'r>(
        &mut self,
        c: &'r Condition,
        p: P,
        reads: &mut BTreeMap<&'r str, Vec<P>>,
        nodes: &[&str],
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
                        self.error(
                            "unknown-variable",
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
                            self.error(
                                "wrong-type",
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
                    self.error(
                        "unknown-meter",
                        &with(&p, &[Seg::Index(0)]),
                        format!("meter `{name}` is not defined"),
                        Some(hint_for(name, &names, "meter")),
                    );
                }
            }
            Condition::Visited(node) | Condition::Visits(node, _) => {
                if !nodes.contains(&node.as_str()) {
                    self.error(
                        "unknown-target",
                        &with(&p, &[Seg::Index(0)]),
                        format!("there is no node `{node}`"),
                        Some(hint_for(node, nodes, "node")),
                    );
                }
            }
            Condition::Score(..) | Condition::Code(_) | Condition::Style(_) => {}
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
                        self.error(
                            "unknown-meter",
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
                    self.error(
                        "unknown-variable",
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
                        self.error(
                            "wrong-type",
                            &with(&p, &[Seg::Index(k), Seg::Index(1)]),
                            format!(
                                "variable `{name}` was declared as {} but is set to {}",
                                show_value(raw.variables[name]),
                                show_value(*val)
                            ),
                            None,
                        );
                    }
                }
                Effect::Add(name, _) => {
                    writes.insert(name.as_str());
                    if matches!(raw.variables[name], Value::Bool(_)) {
                        self.error(
                            "wrong-type",
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

fn show_value(v: Value) -> String {
    match v {
        Value::Int(i) => format!("Int({i})"),
        Value::Bool(b) => format!("Bool({b})"),
    }
}

/// Whether a condition tests the reply (scores, codes, style).
pub fn reads_reply(c: &Condition) -> bool {
    match c {
        Condition::All(cs) | Condition::Any(cs) => cs.iter().any(reads_reply),
        Condition::Not(c) => reads_reply(c),
        Condition::Score(..) | Condition::Code(_) | Condition::Style(_) => true,
        _ => false,
    }
}

/// Conservative check that a condition can hold for some reply and state (false only when it surely cannot).
pub fn satisfiable(c: &Condition, raw: &RawScenario) -> bool {
    fn range_ok(t: Test, lo: i64, hi: i64) -> bool {
        match t {
            Test::AtLeast(n) => n <= hi,
            Test::AtMost(n) => n >= lo,
            Test::Equals(n) => (lo..=hi).contains(&n),
            Test::Between(a, b) => a <= b && a <= hi && b >= lo,
            Test::Is(_) => true,
        }
    }
    match c {
        Condition::All(cs) => cs.iter().all(|c| satisfiable(c, raw)),
        Condition::Any(cs) => cs.iter().any(|c| satisfiable(c, raw)),
        Condition::Not(inner) => !matches!(**inner, Condition::All(ref v) if v.is_empty()),
        Condition::Score(_, t) => range_ok(*t, 0, 100),
        Condition::Meter(id, t) => raw
            .meters
            .iter()
            .find(|m| &m.id == id)
            .is_none_or(|m| range_ok(*t, m.min, m.max)),
        _ => true,
    }
}

/// Parses `#rrggbb`.
pub fn parse_hex_colour(s: &str) -> Option<[u8; 3]> {
    let h = s.strip_prefix('#')?;
    if h.len() != 6 || !h.is_ascii() {
        return None;
    }
    let b = |i: usize| u8::from_str_radix(&h[i..i + 2], 16).ok();
    Some([b(0)?, b(2)?, b(4)?])
}

/// Scenario files under the given paths (files as given, folders searched recursively), test plans excluded, sorted.
pub fn discover(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        walk(p, &mut out, true);
    }
    out.sort();
    out.dedup();
    out
}

/// Test plan files (`*.test.ron`) under the given paths, sorted.
pub fn discover_plans(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        walk(p, &mut out, false);
    }
    out.sort();
    out.dedup();
    out
}

fn walk(p: &Path, out: &mut Vec<PathBuf>, scenarios: bool) {
    if p.is_dir() {
        if let Ok(rd) = std::fs::read_dir(p) {
            for e in rd.flatten() {
                walk(&e.path(), out, scenarios);
            }
        }
    } else {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let is_plan = name.ends_with(".test.ron");
        if name.ends_with(".ron") && is_plan != scenarios {
            out.push(p.to_path_buf());
        }
    }
}
