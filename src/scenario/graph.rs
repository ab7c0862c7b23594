//! Scenario graphs for authors: Graphviz dot and Mermaid, nodes styled by kind, edges labelled with option text.

use super::{Condition, EndingKind, Scenario, Then};

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GraphFormat {
    /// Graphviz dot.
    Dot,
    /// Mermaid flowchart.
    Mermaid,
}

fn short(s: &str, n: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= n {
        s
    } else {
        format!("{}…", s.chars().take(n - 1).collect::<String>())
    }
}

fn cond(c: &Condition) -> String {
    ron::to_string(c).unwrap_or_default()
}

/// Edges out of every node: (from, to, label, dashed).
fn edges(s: &Scenario) -> Vec<(String, String, String, bool)> {
    let mut out = Vec::new();
    for n in &s.nodes {
        match &n.then {
            Then::Options(opts) => {
                for (i, o) in opts.iter().enumerate() {
                    let mut label = format!("{}. {}", i + 1, short(&o.text, 40));
                    if let Some(c) = &o.when {
                        label.push_str(&format!(" [if {}]", short(&cond(c), 30)));
                    }
                    out.push((n.id.clone(), o.to.clone(), label, false));
                }
            }
            Then::FreeText {
                routes, fallback, ..
            } => {
                for r in routes {
                    out.push((n.id.clone(), r.to.clone(), short(&cond(&r.when), 40), false));
                }
                out.push((n.id.clone(), fallback.to.clone(), "otherwise".into(), true));
            }
            Then::Ending { .. } => {}
        }
    }
    out
}

fn esc_dot(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

fn esc_mermaid(s: &str) -> String {
    s.replace('"', "#quot;").replace('|', "#124;")
}

/// Renders the graph.
pub fn render(s: &Scenario, format: GraphFormat) -> String {
    let mut out = String::new();
    match format {
        GraphFormat::Dot => {
            out.push_str(&format!("digraph \"{}\" {{\n  rankdir=TB;\n  node [fontname=\"Helvetica\"];\n  label=\"{}\";\n", esc_dot(&s.id), esc_dot(&s.title)));
            for n in &s.nodes {
                let line = short(n.lines.first().map_or("", String::as_str), 50);
                let (shape, extra) = match &n.then {
                    Then::Options(_) => ("box", String::new()),
                    Then::FreeText { .. } => (
                        "parallelogram",
                        ", style=filled, fillcolor=\"#dde8ff\"".into(),
                    ),
                    Then::Ending { kind, .. } => (
                        "doubleoctagon",
                        format!(
                            ", style=filled, fillcolor=\"{}\"",
                            match kind {
                                EndingKind::Good => "#c8ecc8",
                                EndingKind::Mixed => "#f7e3b0",
                                EndingKind::Hard => "#f4c2c2",
                            }
                        ),
                    ),
                };
                let pen = if n.id == s.start {
                    ", penwidth=2.5"
                } else {
                    ""
                };
                out.push_str(&format!(
                    "  \"{}\" [shape={shape}{extra}{pen}, label=\"{}\\n{}\"];\n",
                    esc_dot(&n.id),
                    esc_dot(&n.id),
                    esc_dot(&line)
                ));
            }
            for (a, b, l, dashed) in edges(s) {
                let st = if dashed { ", style=dashed" } else { "" };
                out.push_str(&format!(
                    "  \"{}\" -> \"{}\" [label=\"{}\"{st}];\n",
                    esc_dot(&a),
                    esc_dot(&b),
                    esc_dot(&l)
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
                let label = esc_mermaid(&format!(
                    "{}: {}",
                    n.id,
                    short(n.lines.first().map_or("", String::as_str), 40)
                ));
                let shape = match &n.then {
                    Then::Options(_) => format!("{id}[\"{label}\"]"),
                    Then::FreeText { .. } => format!("{id}[/\"{label}\"/]"),
                    Then::Ending { .. } => format!("{id}((\"{label}\"))"),
                };
                out.push_str(&format!("  {shape}\n"));
            }
            for (a, b, l, dashed) in edges(s) {
                let arrow = if dashed { "-.->" } else { "-->" };
                out.push_str(&format!(
                    "  {} {arrow}|\"{}\"| {}\n",
                    ids[a.as_str()],
                    esc_mermaid(&l),
                    ids[b.as_str()]
                ));
            }
            out.push_str("  classDef good fill:#c8ecc8;\n  classDef mixed fill:#f7e3b0;\n  classDef hard fill:#f4c2c2;\n  classDef free fill:#dde8ff;\n");
            for n in &s.nodes {
                let class = match &n.then {
                    Then::Ending {
                        kind: EndingKind::Good,
                        ..
                    } => "good",
                    Then::Ending {
                        kind: EndingKind::Mixed,
                        ..
                    } => "mixed",
                    Then::Ending {
                        kind: EndingKind::Hard,
                        ..
                    } => "hard",
                    Then::FreeText { .. } => "free",
                    Then::Options(_) => continue,
                };
                out.push_str(&format!("  class {} {class}\n", ids[n.id.as_str()]));
            }
        }
    }
    out
}
