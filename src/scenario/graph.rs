//! Scenario graphs for authors: Graphviz dot and Mermaid, with wrapped labels, numbered options and routes, short conditions, effects on edges and endings named by kind.

use super::{Condition, Effect, EndingKind, Scenario, Test, Then};

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GraphFormat {
    /// Graphviz dot.
    Dot,
    /// Mermaid flowchart.
    Mermaid,
}

/// Characters per label line.
const WRAP: usize = 30;
/// Lines of a node's quoted text at most (the rest is elided at a word boundary).
const NODE_LINES: usize = 4;
/// Lines of an edge's option text at most.
const EDGE_LINES: usize = 3;

/// Wraps text at word boundaries into lines of at most `width` characters (a longer word gets its
/// own line, never cut), keeping at most `max_lines` lines and ending with `…` when text is left out.
pub fn wrap(s: &str, width: usize, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    let words: Vec<&str> = s.split_whitespace().collect();
    let mut elided = false;
    for (i, w) in words.iter().enumerate() {
        let fits = cur.is_empty() || cur.chars().count() + 1 + w.chars().count() <= width;
        if !fits {
            lines.push(std::mem::take(&mut cur));
            if lines.len() == max_lines {
                elided = i < words.len();
                break;
            }
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(w);
    }
    if !elided && !cur.is_empty() {
        lines.push(cur);
    }
    if elided && let Some(last) = lines.last_mut() {
        last.push_str(" …");
    }
    lines
}

fn test_text(subject: &str, t: Test) -> String {
    match t {
        Test::AtLeast(n) => format!("{subject} ≥ {n}"),
        Test::AtMost(n) => format!("{subject} ≤ {n}"),
        Test::Equals(n) => format!("{subject} = {n}"),
        Test::Between(a, b) => format!("{a} ≤ {subject} ≤ {b}"),
        Test::Is(true) => subject.to_string(),
        Test::Is(false) => format!("not {subject}"),
    }
}

/// A condition written short for a graph: `Reflection & trust ≥ 4`, `not asked`, `visited hub`.
pub fn short_condition(c: &Condition) -> String {
    fn inner(c: &Condition, top: bool) -> String {
        match c {
            Condition::All(cs) if cs.is_empty() => "always".into(),
            Condition::Any(cs) if cs.is_empty() => "never".into(),
            Condition::All(cs) | Condition::Any(cs) if cs.len() == 1 => inner(&cs[0], top),
            Condition::All(cs) | Condition::Any(cs) => {
                let sep = if matches!(c, Condition::All(_)) {
                    " & "
                } else {
                    " | "
                };
                let s = cs
                    .iter()
                    .map(|c| inner(c, false))
                    .collect::<Vec<_>>()
                    .join(sep);
                if top { s } else { format!("({s})") }
            }
            Condition::Not(c) => format!("not {}", inner(c, false)),
            Condition::Var(name, t) => test_text(name, *t),
            Condition::Meter(name, t) => test_text(name, *t),
            Condition::Score(d, t) => test_text(&d.label().to_lowercase(), *t),
            Condition::Code(code) => format!("{code:?}"),
            Condition::Style(s) => format!("style {s:?}"),
            Condition::RiskQuestion => "asks about suicide".into(),
            Condition::Mentions(words) => format!("mentions {}", words.join("|")),
            Condition::Words(t) => test_text("words", *t),
            Condition::Visited(n) => format!("visited {n}"),
            Condition::Visits(n, t) => test_text(&format!("visits to {n}"), *t),
        }
    }
    inner(c, true)
}

/// Effects written short: `trust +2, asked = true, tries +1`.
pub fn short_effects(effects: &[Effect]) -> String {
    effects
        .iter()
        .map(|e| match e {
            Effect::Meter(m, d) => format!("{m} {d:+}"),
            Effect::Add(v, d) => format!("{v} {d:+}"),
            Effect::Set(v, val) => match val {
                super::Value::Int(i) => format!("{v} = {i}"),
                super::Value::Bool(b) => format!("{v} = {b}"),
            },
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// One edge: from, to, label lines, whether it is the fallback.
struct Edge {
    from: String,
    to: String,
    label: Vec<String>,
    fallback: bool,
}

fn edges(s: &Scenario) -> Vec<Edge> {
    let mut out = Vec::new();
    for n in &s.nodes {
        match &n.then {
            Then::Options(opts) => {
                for (i, o) in opts.iter().enumerate() {
                    let mut label = wrap(&format!("{}. {}", i + 1, o.text), WRAP, EDGE_LINES);
                    if let Some(c) = &o.when {
                        label.extend(wrap(&format!("if {}", short_condition(c)), WRAP, 2));
                    }
                    if !o.effects.is_empty() {
                        label.extend(wrap(&format!("⇒ {}", short_effects(&o.effects)), WRAP, 2));
                    }
                    out.push(Edge {
                        from: n.id.clone(),
                        to: o.to.clone(),
                        label,
                        fallback: false,
                    });
                }
            }
            Then::FreeText {
                routes, fallback, ..
            } => {
                for (i, r) in routes.iter().enumerate() {
                    let mut label = wrap(
                        &format!("R{}: {}", i + 1, short_condition(&r.when)),
                        WRAP,
                        3,
                    );
                    if !r.effects.is_empty() {
                        label.extend(wrap(&format!("⇒ {}", short_effects(&r.effects)), WRAP, 2));
                    }
                    out.push(Edge {
                        from: n.id.clone(),
                        to: r.to.clone(),
                        label,
                        fallback: false,
                    });
                }
                let mut label = vec!["otherwise".to_string()];
                if !fallback.effects.is_empty() {
                    label.extend(wrap(
                        &format!("⇒ {}", short_effects(&fallback.effects)),
                        WRAP,
                        2,
                    ));
                }
                out.push(Edge {
                    from: n.id.clone(),
                    to: fallback.to.clone(),
                    label,
                    fallback: true,
                });
            }
            Then::Ending { .. } => {}
        }
    }
    out
}

/// A node's label lines: its id (with START or the ending's kind), then its first line wrapped.
fn node_label(s: &Scenario, n: &super::Node) -> Vec<String> {
    let mut head = n.id.clone();
    if n.id == s.start {
        head = format!("START · {head}");
    }
    let mut out = vec![head];
    match &n.then {
        Then::Ending { kind, title, .. } => {
            out.push(format!("{} ENDING", kind.label().to_uppercase()));
            out.extend(wrap(title, WRAP, 2));
            if let Some(w) = s.walk_away.as_ref().filter(|w| w.to == n.id) {
                out.push(format!("(walk-away: after {} fallbacks)", w.after));
            }
        }
        Then::FreeText { .. } => {
            out.extend(wrap(
                &format!("“{}”", n.lines.first().map_or("", String::as_str)),
                WRAP,
                NODE_LINES,
            ));
            out.push("(typed reply)".into());
        }
        Then::Options(_) => out.extend(wrap(
            &format!("“{}”", n.lines.first().map_or("", String::as_str)),
            WRAP,
            NODE_LINES,
        )),
    }
    out
}

fn esc_dot(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

fn dot_lines(lines: &[String]) -> String {
    lines
        .iter()
        .map(|l| esc_dot(l))
        .collect::<Vec<_>>()
        .join("\\n")
}

fn esc_mermaid(s: &str) -> String {
    s.replace('&', "#amp;")
        .replace('"', "#quot;")
        .replace('|', "#124;")
        .replace('<', "#lt;")
        .replace('>', "#gt;")
}

fn mermaid_lines(lines: &[String]) -> String {
    lines
        .iter()
        .map(|l| esc_mermaid(l))
        .collect::<Vec<_>>()
        .join("<br/>")
}

fn ending_colour(kind: EndingKind) -> &'static str {
    match kind {
        EndingKind::Good => "#c8ecc8",
        EndingKind::Mixed => "#f7e3b0",
        EndingKind::Hard => "#f4c2c2",
    }
}

/// Renders the graph.
pub fn render(s: &Scenario, format: GraphFormat) -> String {
    let mut out = String::new();
    match format {
        GraphFormat::Dot => {
            out.push_str(&format!(
                "digraph \"{}\" {{\n  rankdir=TB;\n  node [fontname=\"Helvetica\", fontsize=11, margin=\"0.15,0.08\"];\n  edge [fontname=\"Helvetica\", fontsize=9];\n  labelloc=t;\n  label=\"{}\";\n",
                esc_dot(&s.id),
                esc_dot(&s.title)
            ));
            for n in &s.nodes {
                let (shape, extra) = match &n.then {
                    Then::Options(_) => ("box", ", style=rounded".to_string()),
                    Then::FreeText { .. } => (
                        "box",
                        ", style=\"rounded,filled\", fillcolor=\"#dde8ff\"".into(),
                    ),
                    Then::Ending { kind, .. } => (
                        "doubleoctagon",
                        format!(", style=filled, fillcolor=\"{}\"", ending_colour(*kind)),
                    ),
                };
                let pen = if n.id == s.start {
                    ", penwidth=2.5"
                } else {
                    ""
                };
                out.push_str(&format!(
                    "  \"{}\" [shape={shape}{extra}{pen}, label=\"{}\"];\n",
                    esc_dot(&n.id),
                    dot_lines(&node_label(s, n))
                ));
            }
            for e in edges(s) {
                let st = if e.fallback { ", style=dashed" } else { "" };
                out.push_str(&format!(
                    "  \"{}\" -> \"{}\" [label=\"{}\"{st}];\n",
                    esc_dot(&e.from),
                    esc_dot(&e.to),
                    dot_lines(&e.label)
                ));
            }
            out.push_str("}\n");
        }
        GraphFormat::Mermaid => {
            out.push_str("flowchart TD\n");
            let ids: std::collections::HashMap<&str, String> = s
                .nodes
                .iter()
                .enumerate()
                .map(|(i, n)| (n.id.as_str(), format!("n{i}")))
                .collect();
            for n in &s.nodes {
                let id = &ids[n.id.as_str()];
                let label = mermaid_lines(&node_label(s, n));
                // Endings are drawn as rounded boxes, not circles: a circle grows with its text.
                let shape = match &n.then {
                    Then::Options(_) => format!("{id}[\"{label}\"]"),
                    Then::FreeText { .. } => format!("{id}[/\"{label}\"/]"),
                    Then::Ending { .. } => format!("{id}([\"{label}\"])"),
                };
                out.push_str(&format!("  {shape}\n"));
            }
            for e in edges(s) {
                let arrow = if e.fallback { "-.->" } else { "-->" };
                let to = ids
                    .get(e.to.as_str())
                    .cloned()
                    .unwrap_or_else(|| esc_mermaid(&e.to));
                out.push_str(&format!(
                    "  {} {arrow}|\"{}\"| {}\n",
                    ids[e.from.as_str()],
                    mermaid_lines(&e.label),
                    to
                ));
            }
            out.push_str("  classDef good fill:#c8ecc8;\n  classDef mixed fill:#f7e3b0;\n  classDef hard fill:#f4c2c2;\n  classDef free fill:#dde8ff;\n");
            for n in &s.nodes {
                let class = match &n.then {
                    Then::Ending { kind, .. } => kind.label(),
                    Then::FreeText { .. } => "free",
                    Then::Options(_) => continue,
                };
                out.push_str(&format!("  class {} {class}\n", ids[n.id.as_str()]));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_words_and_never_cuts_one() {
        let w = wrap(
            "I'm feeling worn out, and I'd like us to work out a fairer split of the chores.",
            20,
            3,
        );
        assert_eq!(w.len(), 3);
        assert!(w.iter().take(2).all(|l| l.chars().count() <= 20), "{w:?}");
        assert!(w[2].ends_with('…'), "{w:?}");
        let long = wrap("supercalifragilisticexpialidocious yes", 10, 3);
        assert_eq!(long[0], "supercalifragilisticexpialidocious");
    }

    #[test]
    fn conditions_read_short() {
        let c: Condition = crate::scenario::load::ron_options()
            .from_str("All([Code(Reflection), Meter(\"trust\", AtLeast(4)), Not(Var(\"asked\", Is(true)))])")
            .unwrap();
        assert_eq!(short_condition(&c), "Reflection & trust ≥ 4 & not asked");
    }
}
