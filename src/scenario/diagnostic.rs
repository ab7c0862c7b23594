//! Diagnostics for scenario authors: file, line, column, the source line with a caret, and a hint.

use serde::Serialize;
use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The file cannot be played.
    Error,
    /// The file plays, but something is probably a mistake.
    Warning,
}

/// One problem found in a file, located at the exact offending token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Stable kebab-case name of the check (e.g. `unknown-target`), for tools and docs.
    pub code: &'static str,
    /// What is wrong, in one sentence.
    pub message: String,
    /// The file.
    pub file: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Length of the offending token in characters (at least 1), for the caret.
    pub width: usize,
    /// The whole source line, without its newline.
    pub source_line: String,
    /// How to fix it, when there is something useful to say (did-you-mean…).
    pub hint: Option<String>,
}

impl Diagnostic {
    /// Builds a diagnostic for the byte range `span` of `src`.
    pub fn at(
        severity: Severity,
        code: &'static str,
        message: impl Into<String>,
        file: &Path,
        src: &str,
        span: (usize, usize),
    ) -> Self {
        let (line, column) = super::locate::line_col(src, span.0);
        let source_line = src.lines().nth(line - 1).unwrap_or("").to_string();
        let end = span.1.min(src.len()).max(span.0);
        let mut end_b = end;
        while !src.is_char_boundary(end_b) {
            end_b -= 1;
        }
        let mut start_b = span.0.min(src.len());
        while !src.is_char_boundary(start_b) {
            start_b -= 1;
        }
        let token = &src[start_b..end_b.max(start_b)];
        let token = token.split('\n').next().unwrap_or("");
        Diagnostic {
            severity,
            code,
            message: message.into(),
            file: file.to_path_buf(),
            line,
            column,
            width: token.chars().count().max(1),
            source_line,
            hint: None,
        }
    }

    /// An error about a whole file that has no position to point at (it cannot be read).
    pub fn whole_file(code: &'static str, message: impl Into<String>, file: &Path) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            file: file.to_path_buf(),
            line: 1,
            column: 1,
            width: 1,
            source_line: String::new(),
            hint: None,
        }
    }

    /// Adds a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Whether this is an error (not a warning).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
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
            self.file.display(),
            self.line,
            self.column
        )?;
        writeln!(f, "{pad} |")?;
        let shown = self.source_line.replace('\t', " ");
        writeln!(f, "{num} | {shown}")?;
        let lead: String = " ".repeat(self.column.saturating_sub(1));
        write!(f, "{pad} | {lead}{}", "^".repeat(self.width))?;
        if let Some(h) = &self.hint {
            write!(f, "\n{pad} = hint: {h}")?;
        }
        Ok(())
    }
}

/// The closest candidate to `word` by edit distance, if close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let lw = word.to_lowercase();
    let mut best: Option<(&str, f64)> = None;
    for c in candidates {
        let score = strsim::jaro_winkler(&lw, &c.to_lowercase());
        let lev = strsim::levenshtein(&lw, &c.to_lowercase());
        let ok = score >= 0.8 || lev <= 2.max(word.len() / 4);
        if ok && best.is_none_or(|(_, s)| score > s) {
            best = Some((c, score));
        }
    }
    best.map(|b| b.0)
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
            Severity::Error,
            "unknown-target",
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
}
