//! Validation of the format 1.1 play features: option ids, clarify lines, the walk-away, placeholders, meters that decide.

use super::codes::DiagCode;
use super::diagnostic::hint_for;
use super::locate::Seg;
use super::model::{PLACEHOLDERS, placeholders};
use super::raw::{Condition, EndingKind, RawNode, RawScenario, Then};
use std::collections::{HashMap, HashSet};

/// Where a check reports: code (which carries the severity), the path of the value, message, hint,
/// and (for a text) the part of the string to point at.
pub(super) type Report<'a> = dyn FnMut(DiagCode, &[Seg], String, Option<String>, Option<&str>) + 'a;

/// The conditions of a node that stage two must also resolve (variables, meters, nodes), with the
/// path of each below the node: line variants' and debrief paragraphs' `when`.
pub(super) fn node_conditions(n: &RawNode) -> Vec<(Vec<Seg>, &Condition)> {
    let mut out: Vec<(Vec<Seg>, &Condition)> = n
        .variants
        .iter()
        .enumerate()
        .map(|(k, v)| {
            (
                vec![Seg::Field("variants"), Seg::Index(k), Seg::Field("when")],
                &v.when,
            )
        })
        .collect();
    if let Then::Ending { paragraphs, .. } = &n.then {
        for (k, p) in paragraphs.iter().enumerate() {
            if let Some(c) = &p.when {
                out.push((
                    vec![
                        Seg::Field("then"),
                        Seg::Field("paragraphs"),
                        Seg::Index(k),
                        Seg::Field("when"),
                    ],
                    c,
                ));
            }
        }
    }
    out
}

/// Whether an option id is `lower_snake` or `kebab-case` (lower-case letters and digits, words joined by `_` or `-`).
pub fn is_well_formed_id(id: &str) -> bool {
    !id.is_empty()
        && id.split(['_', '-']).all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

fn node_path(i: usize, more: &[Seg]) -> Vec<Seg> {
    let mut p = vec![Seg::Field("nodes"), Seg::Index(i)];
    p.extend_from_slice(more);
    p
}

fn meter_reads<'r>(c: &'r Condition, out: &mut HashSet<&'r str>) {
    match c {
        Condition::All(cs) | Condition::Any(cs) => cs.iter().for_each(|c| meter_reads(c, out)),
        Condition::Not(c) => meter_reads(c, out),
        Condition::Meter(m, _) => {
            out.insert(m.as_str());
        }
        _ => {}
    }
}

/// Every condition in the scenario.
fn all_conditions(raw: &RawScenario) -> Vec<&Condition> {
    let mut out = Vec::new();
    for n in &raw.nodes {
        out.extend(node_conditions(n).into_iter().map(|(_, c)| c));
        match &n.then {
            Then::Options(opts) => out.extend(opts.iter().filter_map(|o| o.when.as_ref())),
            Then::FreeText { routes, .. } => out.extend(routes.iter().map(|r| &r.when)),
            Then::Ending { .. } => {}
        }
    }
    out
}

/// Runs the checks; each problem goes to `report`.
pub(super) fn check(raw: &RawScenario, report: &mut Report<'_>) {
    let ids: HashMap<&str, &RawNode> = raw.nodes.iter().map(|n| (n.id.as_str(), n)).collect();

    // The walk-away leads to a hard or mixed ending.
    if let Some(w) = &raw.walk_away {
        let p = [Seg::Field("walk_away"), Seg::Field("to")];
        let endings: Vec<&str> = raw
            .nodes
            .iter()
            .filter(|n| {
                matches!(
                    n.then,
                    Then::Ending {
                        kind: EndingKind::Hard | EndingKind::Mixed,
                        ..
                    }
                )
            })
            .map(|n| n.id.as_str())
            .collect();
        match ids.get(w.to.as_str()).map(|n| &n.then) {
            None => report(
                DiagCode::UnknownTarget,
                &p,
                format!("there is no node `{}`", w.to),
                Some(hint_for(&w.to, &endings, "hard or mixed ending")),
                None,
            ),
            Some(Then::Ending {
                kind: EndingKind::Hard | EndingKind::Mixed,
                ..
            }) => {}
            Some(t) => {
                let what = match t {
                    Then::Ending { .. } => "a good ending",
                    _ => "not an ending",
                };
                report(
                    DiagCode::BadWalkAway,
                    &p,
                    format!("the walk-away leads to `{}`, which is {what}", w.to),
                    Some(format!(
                        "walking away ends the conversation badly: point it at a Hard or Mixed ending ({})",
                        if endings.is_empty() {
                            "there is none yet".to_string()
                        } else {
                            endings
                                .iter()
                                .map(|e| format!("`{e}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        }
                    )),
                    None,
                );
            }
        }
    }

    // Every meter is read by some condition, or it decides nothing.
    let mut read = HashSet::new();
    for c in all_conditions(raw) {
        meter_reads(c, &mut read);
    }
    for (i, m) in raw.meters.iter().enumerate() {
        if !read.contains(m.id.as_str()) {
            report(
                DiagCode::UnreadMeter,
                &[Seg::Field("meters"), Seg::Index(i), Seg::Field("id")],
                format!("no condition reads meter `{}`, so it decides nothing", m.id),
                Some(format!(
                    "gate an ending on it, e.g. `when: Meter(\"{}\", AtLeast(6))` on the route or option that leads there",
                    m.id
                )),
                None,
            );
        }
    }

    for (i, n) in raw.nodes.iter().enumerate() {
        // Placeholders: only the known names.
        let mut texts: Vec<(Vec<Seg>, &str)> = n
            .lines
            .iter()
            .enumerate()
            .map(|(k, l)| {
                (
                    node_path(i, &[Seg::Field("lines"), Seg::Index(k)]),
                    l.as_str(),
                )
            })
            .collect();
        for (k, v) in n.variants.iter().enumerate() {
            for (j, l) in v.lines.iter().enumerate() {
                texts.push((
                    node_path(
                        i,
                        &[
                            Seg::Field("variants"),
                            Seg::Index(k),
                            Seg::Field("lines"),
                            Seg::Index(j),
                        ],
                    ),
                    l.as_str(),
                ));
            }
        }
        match &n.then {
            Then::Options(opts) => {
                let mut seen: HashMap<&str, usize> = HashMap::new();
                for (j, o) in opts.iter().enumerate() {
                    let op = node_path(i, &[Seg::Field("then"), Seg::Index(j)]);
                    match &o.id {
                        None => report(
                            DiagCode::MissingOptionId,
                            &op,
                            format!("option {} of node `{}` has no id", j + 1, n.id),
                            Some(
                                "give it one, e.g. `id: \"ask_directly\"`; test plans pick options by id"
                                    .into(),
                            ),
                            None,
                        ),
                        Some(id) => {
                            let idp = node_path(
                                i,
                                &[Seg::Field("then"), Seg::Index(j), Seg::Field("id")],
                            );
                            if let Some(first) = seen.insert(id.as_str(), j) {
                                report(
                                    DiagCode::DuplicateOptionId,
                                    &idp,
                                    format!(
                                        "option id `{id}` is used twice in node `{}`",
                                        n.id
                                    ),
                                    Some(format!(
                                        "option {} already has it; option ids are unique within a node",
                                        first + 1
                                    )),
                                    None,
                                );
                            } else if !is_well_formed_id(id) {
                                report(
                                    DiagCode::BadOptionId,
                                    &idp,
                                    format!("option id `{id}` is not lower_snake or kebab-case"),
                                    Some(format!(
                                        "write it as `{}`",
                                        id.to_lowercase()
                                            .split(|c: char| !c.is_ascii_alphanumeric())
                                            .filter(|w| !w.is_empty())
                                            .collect::<Vec<_>>()
                                            .join("_")
                                    )),
                                    None,
                                );
                            }
                        }
                    }
                }
            }
            Then::FreeText { clarify, .. } => match clarify {
                None => report(
                    DiagCode::NoClarify,
                    &node_path(i, &[Seg::Field("then")]),
                    format!(
                        "free-text node `{}` has no `clarify:` line; a reply that does not answer goes straight to the fallback",
                        n.id
                    ),
                    Some(
                        "add the other person's line for a non-answer, in character, e.g. `clarify: \"Sorry, what do you mean?\"`"
                            .into(),
                    ),
                    None,
                ),
                Some(c) => texts.push((node_path(i, &[Seg::Field("then"), Seg::Field("clarify")]), c)),
            },
            Then::Ending {
                debrief,
                paragraphs,
                ..
            } => {
                texts.push((node_path(i, &[Seg::Field("then"), Seg::Field("debrief")]), debrief));
                for (k, p) in paragraphs.iter().enumerate() {
                    texts.push((
                        node_path(
                            i,
                            &[
                                Seg::Field("then"),
                                Seg::Field("paragraphs"),
                                Seg::Index(k),
                                Seg::Field("text"),
                            ],
                        ),
                        &p.text,
                    ));
                }
            }
        }
        for (p, text) in texts {
            for (_, name) in placeholders(text) {
                if !PLACEHOLDERS.contains(&name) {
                    let key = format!("{{{name}}}");
                    report(
                        DiagCode::UnknownPlaceholder,
                        &p,
                        format!("`{key}` is not a placeholder"),
                        Some(hint_for(name, &PLACEHOLDERS, "placeholder")),
                        Some(&key),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_well_formed_id;

    #[test]
    fn option_ids_are_lower_snake_or_kebab() {
        for ok in ["sit_with_me", "ask-directly", "a1", "x"] {
            assert!(is_well_formed_id(ok), "{ok}");
        }
        for bad in ["", "Sit", "two words", "trailing_", "a__b", "é"] {
            assert!(!is_well_formed_id(bad), "{bad}");
        }
    }
}
