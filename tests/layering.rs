//! The layering of `docs/ARCHITECTURE.md`, kept by a test: every `crate::…` and `super::…` path in `src/` must point down or across, and no two files may use each other.
//!
//! The layers are data ([`LAYERS`]). The test reads every file under `src/` as text (comments and
//! string literals blanked out), collects the paths that name other modules — `use` trees with their
//! groups (`use crate::{a::B, c::{D, E}}`), `crate::`/`super::` paths anywhere in code, and paths
//! through a file's own child modules (`runner::Runner` in `dialogue/mod.rs`) — resolves each to the
//! file that defines it (following a parent's `pub use child::{…}` re-exports to the child), and fails on
//!
//! - an import from a lower layer into a higher one (`scenario` naming `dialogue`), or
//! - a cycle between two files (`a` uses `b` and `b` uses `a`), within a layer too.
//!
//! A parent module re-exporting its child's items (`pub use runner::{…}` in `dialogue/mod.rs`) is not an
//! edge: it only names the items, and the child may use its parent freely.

use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers, lowest first. A module may use its own layer and any below it, never one above.
/// `app` and `cli` are both shells; the command line starts the app (`cli` → `app`), never the reverse.
const LAYERS: &[(&str, usize)] = &[
    ("scoring", 0),
    ("scenario", 1),
    ("dialogue", 2),
    ("records", 3),
    ("app", 4),
    ("cli", 5),
];

/// Items of the crate root (`lib.rs`) every layer may use, e.g. `crate::BUNDLED_SCENARIOS`.
fn layer_of(module: &[String]) -> Option<usize> {
    let top = module.first()?;
    LAYERS.iter().find(|(n, _)| n == top).map(|(_, l)| *l)
}

/// A module path, `["dialogue", "runner"]`; the crate root is `[]`.
type Module = Vec<String>;

struct File {
    path: PathBuf,
    module: Module,
    /// The text with comments and string literals blanked (same length, line breaks kept).
    code: String,
}

fn module_of(rel: &Path) -> Option<Module> {
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let last = parts.pop()?;
    let stem = last.strip_suffix(".rs")?;
    match stem {
        "lib" if parts.is_empty() => {}
        "main" if parts.is_empty() => return None, // the binary uses the library as `rapport::`
        "mod" => {}
        s => parts.push(s.to_string()),
    }
    Some(parts)
}

/// Blanks comments, string and char literals, keeping every byte offset and line break.
fn blank(src: &str) -> String {
    let b = src.as_bytes();
    let mut out = b.to_vec();
    let mut i = 0;
    let wipe = |out: &mut Vec<u8>, from: usize, to: usize| {
        for c in &mut out[from..to] {
            if *c != b'\n' {
                *c = b' ';
            }
        }
    };
    while i < b.len() {
        if b[i..].starts_with(b"//") {
            let end = b[i..]
                .iter()
                .position(|&c| c == b'\n')
                .map_or(b.len(), |p| i + p);
            wipe(&mut out, i, end);
            i = end;
        } else if b[i..].starts_with(b"/*") {
            let mut depth = 0;
            let mut j = i;
            while j < b.len() {
                if b[j..].starts_with(b"/*") {
                    depth += 1;
                    j += 2;
                } else if b[j..].starts_with(b"*/") {
                    depth -= 1;
                    j += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    j += 1;
                }
            }
            wipe(&mut out, i, j);
            i = j;
        } else if (b[i] == b'r' || b[i] == b'b')
            && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_'))
            && raw_string_len(&b[i..]).is_some()
        {
            let n = raw_string_len(&b[i..]).unwrap();
            wipe(&mut out, i, i + n);
            i += n;
        } else if b[i] == b'"' {
            let mut j = i + 1;
            while j < b.len() && b[j] != b'"' {
                j += if b[j] == b'\\' { 2 } else { 1 };
            }
            wipe(&mut out, i, (j + 1).min(b.len()));
            i = j + 1;
        } else if b[i] == b'\'' {
            // A char literal ('x', '\n', '\u{1F600}', '"'), not a lifetime ('a).
            let rest = &src[i + 1..];
            let len = if rest.starts_with('\\') {
                rest.find('\'').map(|p| p + 1)
            } else {
                rest.chars()
                    .next()
                    .filter(|c| rest[c.len_utf8()..].starts_with('\''))
                    .map(|c| c.len_utf8() + 1)
            };
            match len {
                Some(n) => {
                    wipe(&mut out, i, i + 1 + n);
                    i += 1 + n;
                }
                None => i += 1,
            }
        } else {
            i += 1;
        }
    }
    String::from_utf8(out).expect("blanking keeps UTF-8 (whole characters replaced by spaces)")
}

/// Length of a raw (byte) string literal at the start of `b`: `r"…"`, `r#"…"#`, `br"…"`.
fn raw_string_len(b: &[u8]) -> Option<usize> {
    let mut i = 0;
    if b.first() == Some(&b'b') {
        i += 1;
    }
    if b.get(i) != Some(&b'r') {
        return None;
    }
    i += 1;
    let hashes = b[i..].iter().take_while(|&&c| c == b'#').count();
    i += hashes;
    if b.get(i) != Some(&b'"') {
        return None;
    }
    i += 1;
    let close: Vec<u8> = std::iter::once(b'"')
        .chain(std::iter::repeat_n(b'#', hashes))
        .collect();
    let end = b[i..]
        .windows(close.len())
        .position(|w| w == close.as_slice())?;
    Some(i + end + close.len())
}

/// Expands a `use` tree (`crate::{a::B, c::{D, E}}`, renames already removed) into its paths, each a list of segments.
fn expand_tree(tree: &str) -> Vec<Vec<String>> {
    fn split_top(s: &str) -> Vec<&str> {
        let (mut depth, mut start, mut parts) = (0, 0, Vec::new());
        for (i, c) in s.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    parts.push(&s[start..i]);
                    start = i + 1;
                }
                _ => {}
            }
        }
        parts.push(&s[start..]);
        parts
    }
    let tree: String = tree.split_whitespace().collect();
    let mut out = Vec::new();
    for part in split_top(&tree) {
        if part.is_empty() {
            continue;
        }
        match part.find('{') {
            Some(open) => {
                let prefix = part[..open].trim_end_matches("::");
                let inner = &part[open + 1..part.rfind('}').unwrap_or(part.len())];
                for sub in expand_tree(inner) {
                    let mut p: Vec<String> = prefix
                        .split("::")
                        .filter(|s| !s.is_empty())
                        .map(String::from)
                        .collect();
                    p.extend(sub);
                    out.push(p);
                }
            }
            None => out.push(part.split("::").map(String::from).collect()),
        }
    }
    out
}

/// One path in a file that names (or may name) another module.
#[derive(Debug, Clone)]
struct Reference {
    line: usize,
    text: String,
    /// Segments, resolved to start at the crate root.
    absolute: Vec<String>,
    /// Part of a `pub use` of the file's own child module: a re-export, not an edge.
    reexport: bool,
}

/// Inline `mod name { … }` blocks: (name, body start, body end).
fn inline_modules(code: &str) -> Vec<(String, usize, usize)> {
    let re = Regex::new(r"\bmod\s+([A-Za-z_][A-Za-z0-9_]*)\s*\{").unwrap();
    let b = code.as_bytes();
    re.captures_iter(code)
        .filter_map(|c| {
            let m = c.get(0)?;
            let mut depth = 0;
            for (j, &ch) in b.iter().enumerate().skip(m.end() - 1) {
                match ch {
                    b'{' => depth += 1,
                    b'}' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some((c[1].to_string(), m.end(), j));
                        }
                    }
                    _ => {}
                }
            }
            None
        })
        .collect()
}

/// The module the code at byte `pos` is in: the file's module plus any inline modules around it.
fn module_at(file: &File, inline: &[(String, usize, usize)], pos: usize) -> Module {
    let mut m = file.module.clone();
    for (name, start, end) in inline {
        if (*start..*end).contains(&pos) {
            m.push(name.clone());
        }
    }
    m
}

/// Resolves a path's leading `crate`/`super`/`self` against the module it is written in.
fn absolute(at: &Module, segs: &[String], children: &BTreeSet<String>) -> Option<Vec<String>> {
    let mut base: Vec<String>;
    let mut rest = segs;
    match segs.first().map(String::as_str) {
        Some("crate") => {
            base = Vec::new();
            rest = &segs[1..];
        }
        Some("super") => {
            base = at.clone();
            while rest.first().map(String::as_str) == Some("super") {
                base.pop()?;
                rest = &rest[1..];
            }
        }
        Some("self") => {
            base = at.clone();
            rest = &segs[1..];
        }
        Some(first) if children.contains(first) => base = at.clone(),
        _ => return None,
    }
    base.extend(rest.iter().cloned());
    Some(base)
}

fn references(file: &File) -> Vec<Reference> {
    let code = &file.code;
    let inline = inline_modules(code);
    let line_of = |pos: usize| code[..pos].matches('\n').count() + 1;
    // Child modules declared in this file (`mod runner;`), named relatively in its code.
    let child_re = Regex::new(r"\bmod\s+([A-Za-z_][A-Za-z0-9_]*)\s*;").unwrap();
    let children: BTreeSet<String> = child_re
        .captures_iter(code)
        .map(|c| c[1].to_string())
        .collect();
    let mut out = Vec::new();
    let mut in_use: Vec<(usize, usize)> = Vec::new();
    let use_re = Regex::new(r"(?s)\b(pub(\([^)]*\))?\s+)?use\s+([^;]*);").unwrap();
    let as_re = Regex::new(r"\s+as\s+[A-Za-z_][A-Za-z0-9_]*").unwrap();
    for c in use_re.captures_iter(code) {
        let m = c.get(0).unwrap();
        in_use.push((m.start(), m.end()));
        let public = c.get(1).is_some();
        let at = module_at(file, &inline, m.start());
        for segs in expand_tree(&as_re.replace_all(&c[3], "")) {
            let Some(abs) = absolute(&at, &segs, &children) else {
                continue;
            };
            let relative_child = segs.first().is_some_and(|s| children.contains(s));
            out.push(Reference {
                line: line_of(m.start()),
                text: segs.join("::"),
                absolute: abs,
                reexport: public && relative_child,
            });
        }
    }
    // Paths in code: `crate::a::b`, `super::x`, and `child::x` for a declared child module.
    let mut starts = String::from(r"\b(?:crate|super)(?:::[A-Za-z_][A-Za-z0-9_]*)+");
    for ch in &children {
        starts.push_str(&format!(
            r"|(?:^|[^:A-Za-z0-9_]){ch}(?:::[A-Za-z_][A-Za-z0-9_]*)+"
        ));
    }
    let path_re = Regex::new(&starts).unwrap();
    for m in path_re.find_iter(code) {
        if in_use.iter().any(|(s, e)| (*s..*e).contains(&m.start())) {
            continue;
        }
        let text = m
            .as_str()
            .trim_start_matches(|c: char| !c.is_alphanumeric() && c != '_');
        let start = m.end() - text.len();
        let segs: Vec<String> = text.split("::").map(String::from).collect();
        let at = module_at(file, &inline, start);
        if let Some(abs) = absolute(&at, &segs, &children) {
            out.push(Reference {
                line: line_of(start),
                text: text.to_string(),
                absolute: abs,
                reexport: false,
            });
        }
    }
    out
}

/// The file a resolved path lands in: the longest module prefix that is a file, following that
/// module's re-exports of its children's items (`pub use runner::Runner` → `dialogue::runner`).
fn target(
    abs: &[String],
    files: &BTreeSet<Module>,
    reexports: &BTreeMap<Module, BTreeMap<String, Module>>,
) -> Option<Module> {
    let mut best: Option<Module> = None;
    for n in (0..=abs.len()).rev() {
        if files.contains(&abs[..n].to_vec()) {
            best = Some(abs[..n].to_vec());
            break;
        }
    }
    let mut m = best?;
    // Follow re-exports as long as the next segment is an item the module takes from a child.
    while let Some(next) = abs.get(m.len()) {
        match reexports.get(&m).and_then(|r| r.get(next)) {
            Some(child) if child != &m => m = child.clone(),
            _ => break,
        }
    }
    Some(m)
}

fn read_src() -> Vec<File> {
    // `RAPPORT_LAYERING_SRC` points the check at another tree (an older checkout, to compare).
    let root = std::env::var_os("RAPPORT_LAYERING_SRC").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        PathBuf::from,
    );
    let mut stack = vec![root.clone()];
    let mut files = Vec::new();
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let rel = p.strip_prefix(&root).unwrap();
                if let Some(module) = module_of(rel) {
                    let src = std::fs::read_to_string(&p).unwrap();
                    files.push(File {
                        path: Path::new("src").join(rel),
                        module,
                        code: blank(&src),
                    });
                }
            }
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

fn name(m: &[String]) -> String {
    if m.is_empty() {
        "crate".into()
    } else {
        m.join("::")
    }
}

/// Every problem found, one line each.
fn check(files: &[File]) -> Vec<String> {
    let modules: BTreeSet<Module> = files.iter().map(|f| f.module.clone()).collect();
    let refs: Vec<(usize, Vec<Reference>)> = files
        .iter()
        .enumerate()
        .map(|(i, f)| (i, references(f)))
        .collect();
    // Item re-exports: module → (item → the child module it comes from).
    let mut reexports: BTreeMap<Module, BTreeMap<String, Module>> = BTreeMap::new();
    for (i, rs) in &refs {
        for r in rs.iter().filter(|r| r.reexport) {
            if let Some(item) = r.absolute.last() {
                let from = &r.absolute[..r.absolute.len() - 1];
                if let Some(t) = target(from, &modules, &BTreeMap::new()) {
                    reexports
                        .entry(files[*i].module.clone())
                        .or_default()
                        .insert(item.clone(), t);
                }
            }
        }
    }
    let mut problems = Vec::new();
    // edge (from, to) → first place it is written
    let mut edges: BTreeMap<(Module, Module), String> = BTreeMap::new();
    for (i, rs) in &refs {
        let f = &files[*i];
        for r in rs.iter().filter(|r| !r.reexport) {
            let Some(to) = target(&r.absolute, &modules, &reexports) else {
                continue;
            };
            if to == f.module || to.is_empty() {
                continue;
            }
            let place = format!("{}:{}: `{}`", f.path.display(), r.line, r.text);
            if let (Some(lf), Some(lt)) = (layer_of(&f.module), layer_of(&to))
                && lt > lf
            {
                problems.push(format!(
                    "{place}: `{}` (layer {}) imports `{}` (layer {}), which is above it",
                    name(&f.module),
                    LAYERS[lf].0,
                    name(&to),
                    LAYERS[lt].0
                ));
            }
            edges.entry((f.module.clone(), to)).or_insert(place);
        }
    }
    for ((a, b), place) in &edges {
        if a < b
            && let Some(back) = edges.get(&(b.clone(), a.clone()))
        {
            problems.push(format!(
                "cycle between `{}` and `{}`: {place} and {back}",
                name(a),
                name(b)
            ));
        }
    }
    problems
}

#[test]
fn imports_follow_the_layers_and_close_no_cycle() {
    let files = read_src();
    assert!(files.len() > 40, "read {} files under src/", files.len());
    let problems = check(&files);
    assert!(
        problems.is_empty(),
        "{} layering problem(s) (see docs/ARCHITECTURE.md):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn the_reader_sees_grouped_uses_paths_in_code_and_children() {
    let code = blank(
        "use crate::{dialogue::{Runner, Session}, scoring::Code};\n\
         mod child;\n\
         pub use child::Item;\n\
         // crate::app::nothing in a comment\n\
         fn f() -> &'static str { let _ = crate::records::data_dir(); let c = '\"'; child::go(); \"crate::cli::no\" }\n\
         mod tests { use super::*; }\n",
    );
    let file = File {
        path: "src/x/mod.rs".into(),
        module: vec!["x".into()],
        code,
    };
    let refs = references(&file);
    let texts: Vec<(String, bool)> = refs
        .iter()
        .map(|r| (r.absolute.join("::"), r.reexport))
        .collect();
    for want in [
        ("dialogue::Runner", false),
        ("dialogue::Session", false),
        ("scoring::Code", false),
        ("x::child::Item", true),
        ("records::data_dir", false),
        ("x::child::go", false),
        ("x::*", false),
    ] {
        assert!(
            texts.contains(&(want.0.to_string(), want.1)),
            "{want:?} not in {texts:?}"
        );
    }
    assert!(
        !texts
            .iter()
            .any(|(t, _)| t.starts_with("app") || t.starts_with("cli"))
    );
}

#[test]
fn an_upward_import_and_a_two_file_cycle_are_caught() {
    let file = |path: &str, module: &[&str], src: &str| File {
        path: path.into(),
        module: module.iter().map(|s| s.to_string()).collect(),
        code: blank(src),
    };
    let files = vec![
        file("src/lib.rs", &[], "pub mod scoring; pub mod dialogue;"),
        file("src/scoring/mod.rs", &["scoring"], "mod a; mod b;"),
        file(
            "src/scoring/a.rs",
            &["scoring", "a"],
            "use super::b::B; pub struct A;",
        ),
        file(
            "src/scoring/b.rs",
            &["scoring", "b"],
            "use super::a::A; pub struct B;",
        ),
        file("src/dialogue/mod.rs", &["dialogue"], "pub struct D;"),
        file(
            "src/scoring/c.rs",
            &["scoring", "c"],
            "fn f() { let _ = crate::dialogue::D; }",
        ),
    ];
    let problems = check(&files);
    assert!(
        problems
            .iter()
            .any(|p| p.contains("`scoring::c` (layer scoring) imports `dialogue`")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("cycle between `scoring::a` and `scoring::b`")),
        "{problems:?}"
    );
}
