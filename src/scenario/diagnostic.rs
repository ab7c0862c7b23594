//! Diagnostics for scenario authors: file, line, column, the source line with a caret, and a hint.

pub use super::codes::{DiagCode, Severity};
use super::locate::LineIndex;
use serde::Serialize;
use std::fmt;
use std::path::{Path, PathBuf};

/// One problem found in a file, located at the exact offending token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Which check (serialised as its stable kebab-case name, e.g. `unknown-target`).
    pub code: DiagCode,
    /// What is wrong, in one sentence (control characters escaped).
    pub message: String,
    /// The file.
    pub file: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Length of the offending token in characters (at least 1), for the caret.
    pub width: usize,
    /// The source line as shown: control characters escaped, trimmed around the token when long.
    pub source_line: String,
    /// Where the caret goes in `source_line`: 0-based column and width, in characters.
    #[serde(skip)]
    pub caret: (usize, usize),
    /// How to fix it: a did-you-mean or an example when there is one, else the code's general fix.
    pub hint: Option<String>,
}

/// The widest excerpt of a source line shown under a diagnostic, in characters.
pub const MAX_EXCERPT: usize = 120;

impl Diagnostic {
    /// Builds a diagnostic for the byte range `span` of `src` (indexes the lines once; use
    /// [`Diagnostic::in_source`] when reporting many problems in one large file).
    pub fn at(
        code: DiagCode,
        message: impl Into<String>,
        file: &Path,
        src: &str,
        span: (usize, usize),
    ) -> Self {
        Self::in_source(code, message, file, &LineIndex::new(src), src, span)
    }

    /// Builds a diagnostic for the byte range `span` of `src`, whose lines `index` has indexed.
    pub fn in_source(
        code: DiagCode,
        message: impl Into<String>,
        file: &Path,
        index: &LineIndex,
        src: &str,
        span: (usize, usize),
    ) -> Self {
        let (line, column) = index.line_col(src, span.0);
        let text = index.line_text(src, line);
        let mut end_b = span.1.min(src.len()).max(span.0.min(src.len()));
        while !src.is_char_boundary(end_b) {
            end_b -= 1;
        }
        let mut start_b = span.0.min(src.len());
        while !src.is_char_boundary(start_b) {
            start_b -= 1;
        }
        let token = &src[start_b..end_b.max(start_b)];
        let token = token.split('\n').next().unwrap_or("");
        let width = token.chars().count().max(1);
        let (source_line, caret) = excerpt(text, column - 1, width);
        Diagnostic {
            severity: code.severity(),
            code,
            message: escape_controls(&message.into()),
            file: file.to_path_buf(),
            line,
            column,
            width,
            source_line,
            caret,
            hint: Some(code.fix().to_string()),
        }
    }

    /// An error about a whole file that has no position to point at (it cannot be read).
    pub fn whole_file(code: DiagCode, message: impl Into<String>, file: &Path) -> Self {
        Diagnostic {
            severity: code.severity(),
            code,
            message: escape_controls(&message.into()),
            file: file.to_path_buf(),
            line: 1,
            column: 1,
            width: 1,
            source_line: String::new(),
            caret: (0, 1),
            hint: Some(code.fix().to_string()),
        }
    }

    /// Replaces the hint (the code's general fix) with something more specific.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(escape_controls(&hint.into()));
        self
    }

    /// Whether this is an error (not a warning).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Escapes control characters (a binary file's bytes, a stray escape) so they cannot disturb a terminal.
pub fn escape_controls(s: &str) -> String {
    if !s.chars().any(is_shown_escaped) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        push_shown(&mut out, c);
    }
    out
}

fn is_shown_escaped(c: char) -> bool {
    (c.is_control() && c != '\n') || c == '\u{feff}'
}

fn push_shown(out: &mut String, c: char) {
    match c {
        '\t' => out.push(' '),
        c if is_shown_escaped(c) => {
            if (c as u32) < 0x100 {
                out.push_str(&format!("\\x{:02x}", c as u32));
            } else {
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            }
        }
        c => out.push(c),
    }
}

/// The line as shown, escaped and trimmed to [`MAX_EXCERPT`] characters around the caret, with the
/// caret's 0-based column and width in the shown text.
fn excerpt(line: &str, col0: usize, width: usize) -> (String, (usize, usize)) {
    // Only what can be shown is looked at, so a 20 MB line costs no more than a short one.
    let limit = col0 + width + MAX_EXCERPT;
    let mut shown: Vec<char> = Vec::new();
    let (mut caret_a, mut caret_b) = (None, None);
    let mut more = false;
    let mut buf = String::new();
    for (i, c) in line.chars().enumerate() {
        if i == limit {
            more = true;
            break;
        }
        if i == col0 {
            caret_a = Some(shown.len());
        }
        if i == col0 + width {
            caret_b = Some(shown.len());
        }
        buf.clear();
        push_shown(&mut buf, c);
        shown.extend(buf.chars());
    }
    let a = caret_a.unwrap_or(shown.len());
    let b = caret_b.unwrap_or(shown.len()).max(a + 1);
    if shown.len() <= MAX_EXCERPT && !more {
        return (shown.into_iter().collect(), (a, b - a));
    }
    let lo = a.saturating_sub(MAX_EXCERPT / 3);
    let hi = (lo + MAX_EXCERPT).min(shown.len());
    let mut out = String::new();
    let mut off = 0;
    if lo > 0 {
        out.push('…');
        off = 1;
    }
    out.extend(&shown[lo..hi]);
    if hi < shown.len() || more {
        out.push('…');
    }
    let w = (b - a).min(hi.saturating_sub(a)).max(1);
    (out, (a - lo + off, w))
}

impl fmt::Display for Diagnostic {
    /// Renders like rustc: header, `--> file:line:col`, the source line, a caret, the hint.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(f, "{sev}[{}]: {}", self.code, self.message)?;
        let num = self.line.to_string();
        let pad = " ".repeat(num.len());
        writeln!(
            f,
            "{pad}--> {}:{}:{}",
            escape_controls(&self.file.display().to_string()),
            self.line,
            self.column
        )?;
        if !self.source_line.is_empty() {
            writeln!(f, "{pad} |")?;
            writeln!(f, "{num} | {}", self.source_line)?;
            let lead: String = " ".repeat(self.caret.0);
            write!(f, "{pad} | {lead}{}", "^".repeat(self.caret.1.max(1)))?;
        } else {
            write!(f, "{pad} |")?;
        }
        if let Some(h) = &self.hint {
            write!(f, "\n{pad} = hint: {h}")?;
        }
        Ok(())
    }
}

/// The diagnostic standing for `more` others of the same kind as `last`.
pub fn summary(last: &Diagnostic, more: usize) -> Diagnostic {
    let mut d = last.clone();
    d.message = format!("… and {} more {}", thousands(more), last.code.plural());
    d.hint = Some(format!(
        "only the first few {} are shown; fix them and lint again to see the rest",
        last.code.plural()
    ));
    d
}

/// `38540` → `38,540`.
pub fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The closest candidate to `word` by edit distance, if close enough to be a likely typo. When the
/// whole word is not close to anything, its parts are tried (`mood_meter` → `meters`).
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let candidates: Vec<&'a str> = candidates.into_iter().collect();
    if let Some((c, _)) = closest(word, &candidates) {
        return Some(c);
    }
    let parts: Vec<&str> = word
        .split(['_', '-', ' '])
        .filter(|p| p.chars().count() >= 3)
        .collect();
    if parts.len() < 2 {
        return None;
    }
    parts
        .iter()
        .filter_map(|p| closest(p, &candidates))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|b| b.0)
}

fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<(&'a str, f64)> {
    let lw = word.to_lowercase();
    let mut best: Option<(&str, f64)> = None;
    for &c in candidates {
        let lc = c.to_lowercase();
        let score = strsim::jaro_winkler(&lw, &lc);
        let lev = strsim::levenshtein(&lw, &lc);
        let ok = score >= 0.8 || lev <= 2.max(word.len() / 4);
        if ok && best.is_none_or(|(_, s)| score > s) {
            best = Some((c, score));
        }
    }
    best
}

/// A "did you mean" hint, or a list of what is valid when nothing is close.
pub fn hint_for(word: &str, candidates: &[&str], what: &str) -> String {
    match did_you_mean(word, candidates.iter().copied()) {
        Some(s) => format!("did you mean `{s}`?"),
        None if candidates.is_empty() => format!("no {what} is defined"),
        None if candidates.len() <= 12 => format!(
            "the {what}s are: {}",
            candidates
                .iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        None => format!("{} {what}s are defined; none is close", candidates.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_caret_under_token() {
        let src = "a\n  to: \"halway\",\n";
        let d = Diagnostic::at(
            DiagCode::UnknownTarget,
            "no node `halway`",
            Path::new("x.ron"),
            src,
            (8, 16),
        )
        .with_hint("did you mean `hallway`?");
        let s = d.to_string();
        assert!(s.contains("--> x.ron:2:7"), "{s}");
        assert!(s.contains("  |       ^^^^^^^^"), "{s}");
        assert!(s.contains("hint: did you mean `hallway`?"));
    }

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(
            did_you_mean("halway", ["hallway", "kitchen"]),
            Some("hallway")
        );
        assert_eq!(did_you_mean("zzz", ["hallway", "kitchen"]), None);
    }

    #[test]
    fn suggests_from_parts_of_names() {
        let fields = [
            "format_version",
            "id",
            "title",
            "summary",
            "area",
            "perspective",
            "content_notes",
            "characters",
            "variables",
            "meters",
            "start",
            "nodes",
            "lexicon",
        ];
        assert_eq!(did_you_mean("mood_meter", fields), Some("meters"));
    }

    #[test]
    fn escapes_control_bytes_and_trims_long_lines() {
        let src = format!("x\u{1}\u{1b}[2J{}bad{}", "a".repeat(5000), "b".repeat(5000));
        let at = src.find("bad").unwrap();
        let d = Diagnostic::at(
            DiagCode::Syntax,
            "oops\u{7}",
            Path::new("x.ron"),
            &src,
            (at, at + 3),
        );
        let s = d.to_string();
        assert!(!s.chars().any(|c| c.is_control() && c != '\n'), "{s:?}");
        assert!(s.contains("oops\\x07"), "{s}");
        let short = Diagnostic::at(
            DiagCode::Syntax,
            "x",
            Path::new("x.ron"),
            "a\u{1}\u{1b}[2Jb",
            (6, 7),
        );
        assert_eq!(short.source_line, "a\\x01\\x1b[2Jb");
        assert_eq!(short.caret, (12, 1), "the caret stays under `b`");
        assert!(d.source_line.chars().count() <= MAX_EXCERPT + 2);
        let caret_line = s.lines().find(|l| l.contains('^')).unwrap();
        let shown = s.lines().find(|l| l.starts_with("1 | ")).unwrap();
        let col = caret_line.chars().position(|c| c == '^').unwrap();
        let under: String = shown.chars().skip(col).take(3).collect();
        assert_eq!(under, "bad", "{s}");
        assert_eq!(
            d.column,
            at + 1,
            "columns count characters of the real line"
        );
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(38540), "38,540");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000000), "1,000,000");
    }
}
