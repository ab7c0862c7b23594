//! Loading in two stages — bytes to text to raw structs (`ron`), then validation into a [`Scenario`] — reporting every problem found.
//!
//! The jobs live in their own files: [`super::parse_error`] turns stage one's errors into diagnostics,
//! [`super::validate`] is stage two, [`super::files`] finds files. This file ties them together.

use super::codes::DiagCode;
use super::diagnostic::Diagnostic;
use super::model::Scenario;
use super::raw::RawScenario;
use std::path::Path;

pub use super::colour::parse_hex_colour;
pub use super::files::{discover, discover_plans};
pub use super::parse_error::ron_error;

pub use super::validate::FORMAT_VERSION;

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
        Ok(bytes) => load_bytes(&bytes, path),
        Err(e) => fail(Diagnostic::whole_file(
            DiagCode::Unreadable,
            format!("cannot read the file: {e}"),
            path,
        )),
    }
}

/// Loads a scenario from the bytes of a file: the one entry shared by the command line and the
/// app's asset loader, so both treat a byte-order mark and invalid UTF-8 the same way.
pub fn load_bytes(bytes: &[u8], path: &Path) -> LoadResult {
    match text_of(bytes, path) {
        Ok(src) => load_str(src, path),
        Err(d) => fail(*d),
    }
}

/// The text of a file's bytes: UTF-8 with an optional byte-order mark (dropped), or a diagnostic.
pub fn text_of<'b>(bytes: &'b [u8], path: &Path) -> Result<&'b str, Box<Diagnostic>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = e.valid_up_to();
        let src = String::from_utf8_lossy(bytes);
        let binary = bytes.iter().take(8192).any(|&b| b == 0);
        let message = if binary {
            "this looks like a binary file, not a scenario: it is not UTF-8 text".to_string()
        } else {
            format!(
                "the file is not valid UTF-8 text: byte 0x{:02x} here is not part of any character",
                bytes[valid]
            )
        };
        let d = Diagnostic::at(DiagCode::NotUtf8, message, path, &src, (valid, valid + 1));
        Box::new(if binary {
            d.with_hint("only scenario text files (`*.ron`) belong in a scenario folder")
        } else {
            d.with_hint(
                "save the file as UTF-8 (most editors offer it under \"Save as\" or \"Encoding\")",
            )
        })
    })
}

fn fail(d: Diagnostic) -> LoadResult {
    LoadResult {
        scenario: None,
        diagnostics: vec![d],
    }
}

/// Loads a scenario from its text; `path` is used in diagnostics and kept on the scenario. A
/// leading byte-order mark is ignored.
pub fn load_str(src: &str, path: &Path) -> LoadResult {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let raw: RawScenario = match ron_options().from_str(src) {
        Ok(r) => r,
        Err(e) => return fail(ron_error(src, path, &e)),
    };
    let diagnostics = super::validate::validate(src, path, &raw);
    let scenario = (!diagnostics.iter().any(Diagnostic::is_error))
        .then(|| Scenario::new(path.to_path_buf(), raw));
    LoadResult {
        scenario,
        diagnostics,
    }
}
