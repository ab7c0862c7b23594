//! Stage one's errors in our own words: a `ron` error becomes a diagnostic on the offending token,
//! saying what is wrong and how to fix it (did-you-mean, the expected type with an example, the nesting limit).

use super::codes::DiagCode as C;
use super::diagnostic::{Diagnostic, did_you_mean, hint_for};
use super::locate::{self, SKind, SNode, Span};
use std::path::Path;

/// The deepest nesting of brackets the reader accepts (ron's default recursion limit).
pub const NESTING_LIMIT: usize = 128;

/// Turns a `ron` error into a diagnostic at the offending token, with a hint.
pub fn ron_error(src: &str, path: &Path, e: &ron::error::SpannedError) -> Diagnostic {
    use ron::Error as E;
    let start = locate::offset_of(src, e.span.start.line, e.span.start.col);
    let end = locate::offset_of(src, e.span.end.line, e.span.end.col).max(start);
    let tree = locate::parse(src);
    let token = |span: Span| snippet(src, token_at(src, span));
    // The token ron stopped at (it often reports the gap before it).
    let at = token_at(src, (start, end)).0;
    if let Some(c) = src[at.min(src.len())..].chars().next()
        && c.is_control()
        && !c.is_whitespace()
    {
        let mut d = Diagnostic::at(
            C::Syntax,
            format!("unexpected control character `{}`", c.escape_debug()),
            path,
            src,
            (at, at + c.len_utf8()),
        );
        d = d.with_hint("a scenario is plain text: is this the right file, or was something pasted by accident?");
        return d;
    }
    let syntax = matches!(
        e.code,
        E::ExpectedComma
            | E::UnexpectedChar(_)
            | E::ExpectedIdentifier
            | E::ExpectedStructLikeEnd
            | E::ExpectedArrayEnd
            | E::ExpectedMapEnd
            | E::TrailingCharacters
    );
    if syntax && let Some(open) = runaway_string(src, at) {
        let (line, _) = locate::line_col(src, at);
        return Diagnostic::at(
            C::Syntax,
            "this text in quotes runs on past the end of its line",
            path,
            src,
            (open, open + 1),
        )
        .with_hint(format!(
            "is its closing `\"` missing? The next `\"` is taken as the end, and reading fails on line {line}"
        ));
    }
    let (code, span, message, hint): (C, Span, String, Option<String>) = match &e.code {
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } => {
            let span = find_ident_near(src, found, start, end);
            let what = outer.as_deref().map_or("this value".to_string(), |o| format!("`{o}`"));
            let hint = match did_you_mean(found, expected.iter().copied()) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!(
                    "the fields of {what} are: {}",
                    expected.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ")
                ),
            };
            (C::UnknownField, span, format!("{what} has no field `{found}`"), Some(hint))
        }
        E::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => {
            let span = find_ident_near(src, found, start, end);
            let noun = enum_noun(outer.as_deref());
            (
                C::UnknownVariant,
                span,
                format!("`{found}` is not {noun}"),
                Some(hint_for(found, expected, "value")),
            )
        }
        E::MissingStructField { field, outer } => {
            let span = missing_field_span(tree.as_ref(), outer.as_deref(), start, end);
            let what = outer.as_deref().unwrap_or("this value");
            let example = field_example(field).map_or(String::new(), |(_, ex)| format!(", e.g. `{ex}`"));
            (
                C::MissingField,
                span,
                format!("`{what}` is missing its `{field}` field"),
                Some(format!("add `{field}: ...` to this {what}{example}")),
            )
        }
        E::DuplicateStructField { field, outer } => (
            C::DuplicateField,
            find_ident_near(src, field, start, end),
            format!(
                "`{field}` is written twice in this {}",
                outer.as_deref().unwrap_or("value")
            ),
            Some("remove one of the two".into()),
        ),
        E::ExpectedComma => (
            C::Syntax,
            (start, end),
            format!("expected a `,` before {}", token((start, end))),
            Some("a `,` is missing between two items".into()),
        ),
        E::Eof => (
            C::Syntax,
            (src.trim_end().len().saturating_sub(1), src.trim_end().len()),
            "the file ends before every bracket is closed".into(),
            Some("the file ends too early: is a `)` or `]` missing?".into()),
        ),
        E::ExpectedStringEnd => (
            C::Syntax,
            (start, end),
            "this string is never closed".into(),
            Some("strings are written in double quotes: \"...\"; close it with `\"`".into()),
        ),
        E::ExceededRecursionLimit => {
            let chain = tree.as_ref().map(|t| t.chain_at(start)).unwrap_or_default();
            let is_logic = |n: &SNode| {
                matches!(&n.kind, SKind::Paren { name: Some((nm, _)), .. } if matches!(nm.as_str(), "All" | "Any" | "Not"))
            };
            let levels = chain.iter().filter(|n| is_logic(n)).count();
            match chain.iter().find(|n| is_logic(n)) {
                Some(outer) if levels > 1 => (
                    C::TooDeep,
                    outer.head_span(),
                    format!(
                        "this condition nests `All`/`Any`/`Not` {levels} levels deep; at most {} can be read here",
                        levels - 1
                    ),
                    Some("flatten it: `All([a, All([b, c])])` is `All([a, b, c])`, and `Not(Not(c))` is `c`".into()),
                ),
                _ => (
                    C::TooDeep,
                    (start, end),
                    format!("values are nested more than {NESTING_LIMIT} brackets deep here"),
                    Some("flatten the nesting: the reader stops at {NESTING_LIMIT} levels of brackets".replace("{NESTING_LIMIT}", &NESTING_LIMIT.to_string())),
                ),
            }
        }
        E::InvalidValueForType { expected, found } => {
            wrong_type(tree.as_ref(), at, start, end, expected, found)
        }
        E::ExpectedDifferentLength { expected, found } => {
            wrong_type(tree.as_ref(), at, start, end, expected, &format!("{found} item(s)"))
        }
        E::ExpectedString => wrong_type(tree.as_ref(), at, start, end, "text in double quotes", &token((start, end))),
        E::ExpectedInteger | E::IntegerOutOfBounds => {
            wrong_type(tree.as_ref(), at, start, end, "a whole number", &token((start, end)))
        }
        E::ExpectedFloat => wrong_type(tree.as_ref(), at, start, end, "a number", &token((start, end))),
        E::ExpectedBoolean => {
            wrong_type(tree.as_ref(), at, start, end, "`true` or `false`", &token((start, end)))
        }
        E::ExpectedArray => wrong_type(tree.as_ref(), at, start, end, "a list `[...]`", &token((start, end))),
        E::ExpectedMap => wrong_type(tree.as_ref(), at, start, end, "a map `{...}`", &token((start, end))),
        E::ExpectedStructLike | E::ExpectedNamedStructLike(_) | E::ExpectedUnit | E::ExpectedOption => {
            let what = match &e.code {
                E::ExpectedNamedStructLike(n) if !n.is_empty() => format!("`{n}(...)`"),
                _ => "a value in brackets `(...)`".into(),
            };
            wrong_type(tree.as_ref(), at, start, end, &what, &token((start, end)))
        }
        E::ExpectedDifferentStructName { expected, found } => (
            C::WrongType,
            find_ident_near(src, found, start, end),
            format!("expected `{expected}(...)` here, found `{found}(...)`"),
            Some(format!("write `{expected}(...)`")),
        ),
        E::ExpectedArrayEnd | E::ExpectedMapEnd | E::ExpectedStructLikeEnd | E::ExpectedOptionEnd => {
            let close = match &e.code {
                E::ExpectedArrayEnd => "]",
                E::ExpectedMapEnd => "}",
                _ => ")",
            };
            (
                C::Syntax,
                (start, end),
                format!("expected `{close}` or `,` before {}", token((start, end))),
                Some(format!(
                    "a `,` may be missing between two items, or a `{close}` is missing or misplaced"
                )),
            )
        }
        E::ExpectedMapColon => (
            C::Syntax,
            (start, end),
            format!("expected `:` before {}", token((start, end))),
            Some("map entries are written `\"key\": value`".into()),
        ),
        E::ExpectedIdentifier | E::InvalidIdentifier(_) | E::SuggestRawIdentifier(_) | E::ExpectedStructName(_) => (
            C::Syntax,
            (start, end),
            format!("expected a name here, found {}", token((start, end))),
            Some("field names and values such as `Good` or `Code(Reflection)` are written without quotes; texts with them".into()),
        ),
        E::UnexpectedChar(c) => (
            C::Syntax,
            (start, end),
            format!("unexpected character `{}`", c.escape_debug()),
            Some(unexpected_char_hint(*c)),
        ),
        E::TrailingCharacters => (
            C::Syntax,
            (start, end),
            "there is more text after the end of the file's value".into(),
            Some("remove it, or check for a `)` or `]` closed too early above".into()),
        ),
        E::InvalidEscape(what) => (
            C::Syntax,
            (start, end),
            format!("invalid escape in a string: {}", what.to_lowercase()),
            Some("write `\\\\` for a backslash; `\\\"` for a quote; `\\n` for a new line".into()),
        ),
        E::InvalidIntegerDigit { .. } | E::FloatUnderscore | E::UnderscoreAtBeginning => (
            C::Syntax,
            (start, end),
            format!("{} is not a number", token((start, end))),
            Some("write whole numbers with digits only, e.g. `5` or `-2`".into()),
        ),
        E::UnclosedBlockComment | E::UnclosedLineComment => (
            C::Syntax,
            (start, end),
            "a comment is never closed".into(),
            Some("close `/*` comments with `*/`".into()),
        ),
        E::Utf8Error(_) => (
            C::NotUtf8,
            (start, end),
            "the file is not valid UTF-8 text".into(),
            Some("save the file as UTF-8".into()),
        ),
        E::ExpectedAttribute | E::ExpectedAttributeEnd | E::NoSuchExtension(_) => (
            C::Syntax,
            (start, end),
            "this `#![...]` attribute is not understood".into(),
            Some("Rapport files need no attributes: remove it".into()),
        ),
        other => (
            C::Syntax,
            (start, end),
            format!("this cannot be read: {}", lower_first(&other.to_string())),
            None,
        ),
    };
    let span = token_at(src, span);
    let mut d = Diagnostic::at(code, message, path, src, span);
    if let Some(h) = hint {
        d = d.with_hint(h);
    }
    d
}

/// When the token before `at` is a string that spans lines (a missing closing quote swallowed a
/// line end), the offset of its opening quote.
fn runaway_string(src: &str, at: usize) -> Option<usize> {
    let b = src.as_bytes();
    let mut i = at.min(b.len());
    while i > 0 && b[i - 1].is_ascii_whitespace() {
        i -= 1;
    }
    if i == 0 || b[i - 1] != b'"' {
        return None;
    }
    let close = i - 1;
    let mut j = close;
    while j > 0 {
        j -= 1;
        if b[j] == b'"' && (j == 0 || b[j - 1] != b'\\') {
            return src[j..close].contains('\n').then_some(j);
        }
    }
    None
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

fn unexpected_char_hint(c: char) -> String {
    match c {
        '\'' => "texts are written in double quotes: \"...\"".into(),
        ';' => "items are separated by `,`, not `;`".into(),
        '=' => "fields are written `name: value`, not `name = value`".into(),
        c if c.is_control() => "the file contains a control character: is it a text file?".into(),
        _ => "a `,` may be missing before it, or a bracket is unbalanced".into(),
    }
}

/// The token at `span` for a message: quoted, short, control characters escaped.
fn snippet(src: &str, span: Span) -> String {
    let a = span.0.min(src.len());
    let mut b = span.1.min(src.len()).max(a);
    while !src.is_char_boundary(b) {
        b -= 1;
    }
    let mut a2 = a;
    while !src.is_char_boundary(a2) {
        a2 -= 1;
    }
    let t: String = src[a2..b.max(a2)].chars().take(30).collect();
    if t.trim().is_empty() {
        if a >= src.trim_end().len() {
            "the end of the file".into()
        } else {
            "this".into()
        }
    } else {
        format!("`{t}`")
    }
}

/// Noun phrase for a value of an enum, by its type name.
fn enum_noun(outer: Option<&str>) -> String {
    match outer.unwrap_or("") {
        "Mood" => "a mood".into(),
        "Area" => "a problem area".into(),
        "Perspective" => "a perspective".into(),
        "Then" => "a kind of `then` (Options, FreeText or Ending)".into(),
        "Condition" => "a condition".into(),
        "Test" => "a test (AtLeast, AtMost, Equals, Between, Is)".into(),
        "Effect" => "an effect (Meter, Set, Add)".into(),
        "Value" => "a value (Int or Bool)".into(),
        "EndingKind" => "an ending kind (Good, Mixed, Hard)".into(),
        "Code" => "a skill code".into(),
        "Style" => "a style".into(),
        "Dimension" => "a score dimension".into(),
        "Input" => "a plan input".into(),
        "" => "an allowed value here".into(),
        o => format!("a `{o}`"),
    }
}

/// What a field holds and an example of it, for wrong-type and missing-field hints.
pub fn field_example(field: &str) -> Option<(&'static str, &'static str)> {
    Some(match field {
        "format_version" => ("a whole number", "format_version: 1"),
        "seed" => ("a whole number", "seed: 7"),
        "min" => ("a whole number", "min: 0"),
        "max" => ("a whole number", "max: 10"),
        "initial" => ("a whole number", "initial: 5"),
        "id" => ("text in double quotes", "id: \"opening\""),
        "title" => ("text in double quotes", "title: \"A fairer split\""),
        "summary" => (
            "text in double quotes",
            "summary: \"One or two sentences.\"",
        ),
        "start" => ("a node id in double quotes", "start: \"opening\""),
        "speaker" => ("a character id in double quotes", "speaker: \"sam\""),
        "to" => ("a node id in double quotes", "to: \"next_node\""),
        "text" => ("text in double quotes", "text: \"I'd like us to talk.\""),
        "prompt" => (
            "text in double quotes",
            "prompt: \"Say how it has been for you.\"",
        ),
        "name" => ("text in double quotes", "name: \"Sam\""),
        "label" => ("text in double quotes", "label: \"Trust\""),
        "description" => ("text in double quotes", "description: \"your partner\""),
        "debrief" => (
            "text in double quotes",
            "debrief: \"What worked, and why.\"",
        ),
        "skin" | "hair" | "clothes" => {
            ("a colour \"#rrggbb\" in double quotes", "skin: \"#c68c5a\"")
        }
        "lines" => ("a list of texts", "lines: [\"Hello.\", \"Hi there.\"]"),
        "content_notes" => ("a list of texts", "content_notes: [\"bereavement\"]"),
        "path" => ("a list of node ids", "path: [\"opening\", \"listening\"]"),
        "higher_is_worse" => ("`true` or `false`", "higher_is_worse: true"),
        "characters" => (
            "a list of characters",
            "characters: [Character(id: \"sam\", name: \"Sam\")]",
        ),
        "meters" => (
            "a list of meters",
            "meters: [Meter(id: \"trust\", label: \"Trust\", min: 0, max: 10, initial: 5)]",
        ),
        "nodes" => (
            "a list of nodes",
            "nodes: [Node(id: \"opening\", speaker: \"sam\", lines: [\"Hi.\"], then: ...)]",
        ),
        "variables" => (
            "a map of names to values",
            "variables: {\"asked\": Bool(false), \"tries\": Int(0)}",
        ),
        "lexicon" => (
            "a map of lexicon names to word lists",
            "lexicon: {\"feeling\": [\"gutted\"]}",
        ),
        "then" => (
            "Options([...]), FreeText(...) or Ending(...)",
            "then: Ending(kind: Good, title: \"...\", debrief: \"...\")",
        ),
        "when" => ("a condition", "when: Code(Reflection)"),
        "effects" => (
            "a list of effects",
            "effects: [Meter(\"trust\", 1), Set(\"asked\", Bool(true))]",
        ),
        "tags" => ("a list of skill codes", "tags: [IStatement, Request]"),
        "routes" => (
            "a list of routes",
            "routes: [Route(when: Code(Reflection), to: \"heard\")]",
        ),
        "fallback" => ("a `Next(...)`", "fallback: Next(to: \"carry_on\")"),
        "mood" => ("a mood", "mood: Guarded"),
        "area" => ("a problem area", "area: RoleDispute"),
        "perspective" => ("a perspective", "perspective: Client"),
        "kind" => ("an ending kind", "kind: Good"),
        "ending" => ("an ending kind", "ending: Good"),
        "portrait" => (
            "a `Portrait(...)`",
            "portrait: Portrait(skin: \"#c68c5a\", hair: \"#2b1d14\", clothes: \"#4a7a8c\")",
        ),
        "runs" => (
            "a list of runs",
            "runs: [Run(name: \"good\", inputs: [Pick(1)], ending: Good)]",
        ),
        "inputs" => (
            "a list of inputs",
            "inputs: [Pick(1), Say(\"It sounds like...\")]",
        ),
        "scores" => (
            "a list of (dimension, test) pairs",
            "scores: [(Assertiveness, AtLeast(50))]",
        ),
        _ => return None,
    })
}

/// The name of the innermost field whose value contains `offset`.
fn field_at(tree: Option<&SNode>, offset: usize) -> Option<String> {
    let chain = tree?.chain_at(offset);
    for w in chain.windows(2).rev() {
        if let SKind::Paren { fields, .. } = &w[0].kind
            && let Some((k, _, _)) = fields.iter().find(|(_, _, v)| std::ptr::eq(v, w[1]))
        {
            return Some(k.clone());
        }
    }
    None
}

fn wrong_type(
    tree: Option<&SNode>,
    at: usize,
    start: usize,
    end: usize,
    expected: &str,
    found: &str,
) -> (C, Span, String, Option<String>) {
    let field = field_at(tree, at);
    let ex = field.as_deref().and_then(field_example);
    let message = match (&field, ex) {
        (Some(f), Some((what, _))) => format!("`{f}` takes {what}; found {found}"),
        (Some(f), None) => format!("`{f}` expects {expected}; found {found}"),
        _ => format!("expected {expected}; found {found}"),
    };
    let hint = match ex {
        Some((_, example)) => format!("for example `{example}`"),
        None => format!("write {expected} here"),
    };
    (C::WrongType, (start, end), message, Some(hint))
}

/// Where to point for a missing field: the name of the struct that lacks it.
fn missing_field_span(tree: Option<&SNode>, outer: Option<&str>, start: usize, end: usize) -> Span {
    tree.and_then(|t| {
        let chain = t.chain_at(start.saturating_sub(1));
        chain
            .iter()
            .rev()
            .find(|n| match &n.kind {
                SKind::Paren {
                    name: Some((nm, _)),
                    ..
                } => outer.is_none_or(|o| o == nm),
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
    .unwrap_or((start, end))
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
