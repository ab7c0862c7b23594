//! A position-tracking pass over RON source: a light tree of spans so diagnostics can point at the exact token.
//!
//! `ron` reports positions only for syntax errors; once a file has deserialised, semantic checks need
//! the place of a value (a misspelt target, the second of two ids). This parser reads the same text
//! into a tree of spans addressed by [`Seg`] paths that mirror the raw structs.

/// A byte range in the source.
pub type Span = (usize, usize);

/// One step of a path into the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    /// A named field of a struct or struct-like variant.
    Field(&'static str),
    /// The n-th element of a list, or of a tuple variant's items (a single list argument is looked through).
    Index(usize),
    /// The key (not the value) of a map entry whose key is this string.
    Key(String),
}

/// A node of the span tree.
#[derive(Debug, Clone, PartialEq)]
pub struct SNode {
    /// Where the whole value stands.
    pub span: Span,
    /// What it is.
    pub kind: SKind,
}

/// The shape of a value.
#[derive(Debug, Clone, PartialEq)]
pub enum SKind {
    /// A string literal, with its decoded text.
    Str(String),
    /// A number, boolean, char or bare identifier.
    Atom(String),
    /// `Name(...)` or `(...)`: a struct, tuple or enum variant.
    Paren {
        /// The name before the parenthesis, with its span, if any.
        name: Option<(String, Span)>,
        /// `field: value` entries.
        fields: Vec<(String, Span, SNode)>,
        /// Positional items.
        items: Vec<SNode>,
    },
    /// `[...]`.
    List(Vec<SNode>),
    /// `{k: v, ...}`.
    Map(Vec<(SNode, SNode)>),
}

impl SNode {
    /// Follows a path; `Some(x)` wrappers are looked through.
    pub fn find(&self, path: &[Seg]) -> Option<&SNode> {
        let mut cur = self;
        for seg in path {
            cur = cur.unwrap_some();
            cur = match (seg, &cur.kind) {
                (Seg::Field(f), SKind::Paren { fields, .. }) => {
                    &fields.iter().find(|(k, _, _)| k == f)?.2
                }
                (Seg::Index(i), SKind::List(items)) => items.get(*i)?,
                (Seg::Index(i), SKind::Paren { items, .. }) => {
                    if let [only] = items.as_slice()
                        && let SKind::List(inner) = &only.kind
                    {
                        inner.get(*i)?
                    } else {
                        items.get(*i)?
                    }
                }
                (Seg::Key(k), SKind::Map(entries)) => {
                    &entries
                        .iter()
                        .find(|(key, _)| matches!(&key.kind, SKind::Str(s) if s == k))?
                        .0
                }
                _ => return None,
            };
        }
        Some(cur)
    }

    /// The span of a field's key (`name` in `name: value`) at `path`.
    pub fn field_key_span(&self, path: &[Seg], field: &str) -> Option<Span> {
        match &self.find(path)?.unwrap_some().kind {
            SKind::Paren { fields, .. } => fields.iter().find(|(k, _, _)| k == field).map(|f| f.1),
            _ => None,
        }
    }

    /// The span of the name of a named value (`Node` in `Node(...)`), or the whole value.
    pub fn head_span(&self) -> Span {
        match &self.kind {
            SKind::Paren {
                name: Some((_, s)), ..
            } => *s,
            _ => self.span,
        }
    }

    fn unwrap_some(&self) -> &SNode {
        match &self.kind {
            SKind::Paren {
                name: Some((n, _)),
                items,
                fields,
            } if n == "Some" && items.len() == 1 && fields.is_empty() => items[0].unwrap_some(),
            _ => self,
        }
    }

    /// The innermost node whose span contains `offset`, with the chain of its ancestors (outermost first).
    pub fn chain_at(&self, offset: usize) -> Vec<&SNode> {
        let mut out = vec![self];
        let mut cur = self;
        'outer: loop {
            let children: Vec<&SNode> = match &cur.kind {
                SKind::Paren { fields, items, .. } => {
                    fields.iter().map(|f| &f.2).chain(items.iter()).collect()
                }
                SKind::List(items) => items.iter().collect(),
                SKind::Map(entries) => entries.iter().flat_map(|(k, v)| [k, v]).collect(),
                _ => Vec::new(),
            };
            for c in children {
                if c.span.0 <= offset && offset < c.span.1.max(c.span.0 + 1) {
                    out.push(c);
                    cur = c;
                    continue 'outer;
                }
            }
            return out;
        }
    }
}

/// Parses RON text into a span tree. Returns `None` on text it cannot read (ron's own error is reported then).
pub fn parse(src: &str) -> Option<SNode> {
    let mut p = Parser {
        s: src.as_bytes(),
        src,
        i: 0,
    };
    p.skip_ws();
    // Inner attributes: #![enable(...)]
    while p.peek() == Some(b'#') {
        while let Some(c) = p.peek() {
            p.i += 1;
            if c == b']' {
                break;
            }
        }
        p.skip_ws();
    }
    let v = p.value(0)?;
    Some(v)
}

struct Parser<'a> {
    s: &'a [u8],
    src: &'a str,
    i: usize,
}

const MAX_DEPTH: usize = 256;

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn skip_ws(&mut self) {
        loop {
            match self.peek() {
                Some(c) if c.is_ascii_whitespace() => self.i += 1,
                Some(b'/') if self.s.get(self.i + 1) == Some(&b'/') => {
                    while let Some(c) = self.peek() {
                        if c == b'\n' {
                            break;
                        }
                        self.i += 1;
                    }
                }
                Some(b'/') if self.s.get(self.i + 1) == Some(&b'*') => {
                    self.i += 2;
                    let mut depth = 1;
                    while depth > 0 {
                        match (self.peek(), self.s.get(self.i + 1)) {
                            (None, _) => return,
                            (Some(b'*'), Some(b'/')) => {
                                depth -= 1;
                                self.i += 2;
                            }
                            (Some(b'/'), Some(b'*')) => {
                                depth += 1;
                                self.i += 2;
                            }
                            _ => self.i += 1,
                        }
                    }
                }
                _ => return,
            }
        }
    }

    fn ident(&mut self) -> Option<(String, Span)> {
        let start = self.i;
        if self.s[self.i..].starts_with(b"r#") {
            self.i += 2;
        }
        while let Some(c) = self.peek() {
            if c.is_ascii_alphanumeric() || c == b'_' {
                self.i += 1;
            } else {
                break;
            }
        }
        (self.i > start).then(|| (self.src[start..self.i].to_string(), (start, self.i)))
    }

    fn value(&mut self, depth: usize) -> Option<SNode> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.skip_ws();
        let start = self.i;
        match self.peek()? {
            b'"' => self.string(),
            b'r' if self.s.get(self.i + 1) == Some(&b'"')
                || self.s[self.i + 1..].starts_with(b"#\"")
                || self.s[self.i + 1..].starts_with(b"##") =>
            {
                self.raw_string()
            }
            b'[' => {
                self.i += 1;
                let items = self.seq(b']', depth)?;
                Some(SNode {
                    span: (start, self.i),
                    kind: SKind::List(items),
                })
            }
            b'{' => {
                self.i += 1;
                let mut entries = Vec::new();
                loop {
                    self.skip_ws();
                    if self.peek()? == b'}' {
                        self.i += 1;
                        break;
                    }
                    let k = self.value(depth + 1)?;
                    self.skip_ws();
                    if self.peek()? != b':' {
                        return None;
                    }
                    self.i += 1;
                    let v = self.value(depth + 1)?;
                    entries.push((k, v));
                    self.skip_ws();
                    match self.peek()? {
                        b',' => self.i += 1,
                        b'}' => {}
                        _ => return None,
                    }
                }
                Some(SNode {
                    span: (start, self.i),
                    kind: SKind::Map(entries),
                })
            }
            b'(' => self.paren(None, start, depth),
            b'\'' => {
                self.i += 1;
                while let Some(c) = self.peek() {
                    self.i += 1;
                    if c == b'\\' {
                        self.i += 1;
                    } else if c == b'\'' {
                        break;
                    }
                }
                Some(SNode {
                    span: (start, self.i),
                    kind: SKind::Atom(self.src.get(start..self.i)?.to_string()),
                })
            }
            c if c.is_ascii_digit() || c == b'-' || c == b'+' || c == b'.' => {
                self.i += 1;
                while let Some(c) = self.peek() {
                    if c.is_ascii_alphanumeric() || c == b'.' || c == b'_' || c == b'-' || c == b'+'
                    {
                        self.i += 1;
                    } else {
                        break;
                    }
                }
                Some(SNode {
                    span: (start, self.i),
                    kind: SKind::Atom(self.src.get(start..self.i)?.to_string()),
                })
            }
            c if c.is_ascii_alphabetic() || c == b'_' => self.ident_led(depth),
            _ => None,
        }
    }

    fn ident_led(&mut self, depth: usize) -> Option<SNode> {
        let start = self.i;
        let (name, span) = self.ident()?;
        let save = self.i;
        self.skip_ws();
        if self.peek() == Some(b'(') {
            self.paren(Some((name, span)), start, depth)
        } else {
            self.i = save;
            Some(SNode {
                span,
                kind: SKind::Atom(name),
            })
        }
    }

    fn paren(&mut self, name: Option<(String, Span)>, start: usize, depth: usize) -> Option<SNode> {
        self.i += 1; // (
        let mut fields = Vec::new();
        let mut items = Vec::new();
        loop {
            self.skip_ws();
            if self.peek()? == b')' {
                self.i += 1;
                break;
            }
            // field `ident :` (but not a map or `::`)
            let save = self.i;
            let mut is_field = false;
            if let Some(c) = self.peek()
                && (c.is_ascii_alphabetic() || c == b'_')
                && let Some((k, ks)) = self.ident()
            {
                self.skip_ws();
                if self.peek() == Some(b':') && self.s.get(self.i + 1) != Some(&b':') {
                    self.i += 1;
                    let v = self.value(depth + 1)?;
                    fields.push((k, ks, v));
                    is_field = true;
                }
            }
            if !is_field {
                self.i = save;
                items.push(self.value(depth + 1)?);
            }
            self.skip_ws();
            match self.peek()? {
                b',' => self.i += 1,
                b')' => {}
                _ => return None,
            }
        }
        Some(SNode {
            span: (start, self.i),
            kind: SKind::Paren {
                name,
                fields,
                items,
            },
        })
    }

    fn seq(&mut self, close: u8, depth: usize) -> Option<Vec<SNode>> {
        let mut items = Vec::new();
        loop {
            self.skip_ws();
            if self.peek()? == close {
                self.i += 1;
                return Some(items);
            }
            items.push(self.value(depth + 1)?);
            self.skip_ws();
            match self.peek()? {
                b',' => self.i += 1,
                c if c == close => {}
                _ => return None,
            }
        }
    }

    fn string(&mut self) -> Option<SNode> {
        let start = self.i;
        self.i += 1;
        let mut out = String::new();
        let mut run = self.i;
        loop {
            match self.peek()? {
                b'"' => {
                    out.push_str(self.src.get(run..self.i)?);
                    self.i += 1;
                    break;
                }
                b'\\' => {
                    out.push_str(self.src.get(run..self.i)?);
                    self.i += 1;
                    match self.peek()? {
                        b'n' => out.push('\n'),
                        b't' => out.push('\t'),
                        b'r' => out.push('\r'),
                        b'0' => out.push('\0'),
                        c => out.push(c as char),
                    }
                    self.i += 1;
                    run = self.i;
                }
                _ => self.i += 1,
            }
        }
        Some(SNode {
            span: (start, self.i),
            kind: SKind::Str(out),
        })
    }

    fn raw_string(&mut self) -> Option<SNode> {
        let start = self.i;
        self.i += 1; // r
        let mut hashes = 0;
        while self.peek() == Some(b'#') {
            hashes += 1;
            self.i += 1;
        }
        if self.peek()? != b'"' {
            return None;
        }
        self.i += 1;
        let body = self.i;
        loop {
            if self.peek()? == b'"'
                && self.s[self.i + 1..].iter().take(hashes).all(|&c| c == b'#')
                && self.s.len() >= self.i + 1 + hashes
            {
                let text = self.src.get(body..self.i)?.to_string();
                self.i += 1 + hashes;
                return Some(SNode {
                    span: (start, self.i),
                    kind: SKind::Str(text),
                });
            }
            self.i += 1;
        }
    }
}

/// Where each line of a text starts, so many positions in one large file are located in O(log n) each.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the lines of `src` (one pass).
    pub fn new(src: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr_newlines(src.as_bytes()));
        LineIndex { starts }
    }

    /// 1-based line and column (in characters) of a byte offset of the indexed text.
    pub fn line_col(&self, src: &str, offset: usize) -> (usize, usize) {
        let mut off = offset.min(src.len());
        while !src.is_char_boundary(off) {
            off -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= off);
        let start = self.starts[line - 1];
        (line, src[start..off].chars().count() + 1)
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line_text<'s>(&self, src: &'s str, line: usize) -> &'s str {
        let Some(&start) = self.starts.get(line.saturating_sub(1)) else {
            return "";
        };
        let end = self.starts.get(line).map_or(src.len(), |&e| e - 1);
        src.get(start..end.max(start))
            .unwrap_or("")
            .trim_end_matches('\r')
    }
}

fn memchr_newlines(b: &[u8]) -> impl Iterator<Item = usize> + '_ {
    b.iter()
        .enumerate()
        .filter(|(_, c)| **c == b'\n')
        .map(|(i, _)| i + 1)
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(src.len());
    let mut off = offset;
    while !src.is_char_boundary(off) {
        off -= 1;
    }
    let before = &src[..off];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = src[line_start..off].chars().count() + 1;
    (line, col)
}

/// Byte offset of a 1-based line and column (in characters).
pub fn offset_of(src: &str, line: usize, col: usize) -> usize {
    let mut off = 0;
    for (n, l) in src.split_inclusive('\n').enumerate() {
        if n + 1 == line {
            return off
                + l.char_indices()
                    .nth(col.saturating_sub(1))
                    .map_or(l.trim_end_matches('\n').len(), |(i, _)| i);
        }
        off += l.len();
    }
    src.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_values_and_keys() {
        let src = r#"Scenario(id: "a", vars: {"x": Int(1)}, nodes: [Node(id: "n1", then: Options([Choice(to: "n2")]))])"#;
        let t = parse(src).unwrap();
        let to = t
            .find(&[
                Seg::Field("nodes"),
                Seg::Index(0),
                Seg::Field("then"),
                Seg::Index(0),
                Seg::Field("to"),
            ])
            .unwrap();
        assert_eq!(&src[to.span.0..to.span.1], "\"n2\"");
        let key = t.find(&[Seg::Field("vars"), Seg::Key("x".into())]).unwrap();
        assert_eq!(&src[key.span.0..key.span.1], "\"x\"");
    }

    #[test]
    fn line_col_counts_chars() {
        let src = "ab\nçd\"x\"";
        assert_eq!(line_col(src, 0), (1, 1));
        assert_eq!(line_col(src, 6), (2, 3));
        assert_eq!(offset_of(src, 2, 3), 6);
    }

    #[test]
    fn line_index_agrees_with_line_col() {
        let src = "ab\nçd\"x\"\r\n\nlast";
        let ix = LineIndex::new(src);
        for off in 0..=src.len() {
            if src.is_char_boundary(off) {
                assert_eq!(ix.line_col(src, off), line_col(src, off), "at {off}");
            }
        }
        assert_eq!(ix.line_text(src, 2), "çd\"x\"");
        assert_eq!(ix.line_text(src, 3), "");
        assert_eq!(ix.line_text(src, 4), "last");
    }

    #[test]
    fn comments_and_raw_strings() {
        let src = "// c\n/* b /* n */ */ (a: r#\"q\"#, b: [1, 2,])";
        let t = parse(src).unwrap();
        let a = t.find(&[Seg::Field("a")]).unwrap();
        assert_eq!(a.kind, SKind::Str("q".into()));
        let b1 = t.find(&[Seg::Field("b"), Seg::Index(1)]).unwrap();
        assert_eq!(b1.kind, SKind::Atom("2".into()));
    }
}
