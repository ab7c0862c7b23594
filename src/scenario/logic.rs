//! Reasoning about conditions for the linter: which test the reply, which can never hold (and why), which repeat another.

use super::raw::{Condition, RawScenario, Test, Value};
use crate::scoring::{Code, Style};
use std::collections::HashMap;

/// Whether a condition tests the reply (scores, codes, style).
pub fn reads_reply(c: &Condition) -> bool {
    match c {
        Condition::All(cs) | Condition::Any(cs) => cs.iter().any(reads_reply),
        Condition::Not(c) => reads_reply(c),
        Condition::Score(..)
        | Condition::Code(_)
        | Condition::Style(_)
        | Condition::RiskQuestion
        | Condition::Mentions(_)
        | Condition::Words(_) => true,
        _ => false,
    }
}

/// Conservative check that a condition can hold for some reply and state (false only when it surely cannot).
pub fn satisfiable(c: &Condition, raw: &RawScenario) -> bool {
    never_holds(c, raw).is_none()
}

/// Why a condition can never hold, when it surely cannot (a contradiction, a test outside a range).
pub fn never_holds(c: &Condition, raw: &RawScenario) -> Option<String> {
    match c {
        Condition::All(cs) => cs
            .iter()
            .find_map(|c| never_holds(c, raw))
            .or_else(|| contradiction(cs, raw)),
        Condition::Any(cs) if cs.is_empty() => Some("`Any([])` never holds".into()),
        Condition::Any(cs) => {
            let reasons: Vec<String> = cs
                .iter()
                .map(|c| never_holds(c, raw))
                .collect::<Option<_>>()?;
            Some(reasons.join("; "))
        }
        Condition::Not(inner) if matches!(**inner, Condition::All(ref v) if v.is_empty()) => {
            Some("`Not(All([]))` never holds".into())
        }
        Condition::Not(_) => None,
        Condition::Mentions(words)
            if words.iter().all(|w| {
                crate::scoring::unanswerable::plain_words(w.trim_end_matches('*'))
                    .next()
                    .is_none()
            }) =>
        {
            Some("`Mentions` names no word, so it never holds".into())
        }
        Condition::Score(d, t) => (!range_meets(*t, 0, 100)).then(|| {
            format!(
                "scores run from 0 to 100, so `{}` never passes {}",
                d.label(),
                show_test(*t)
            )
        }),
        Condition::Words(t) => (!range_meets(*t, 0, i64::MAX)).then(|| {
            format!(
                "a reply has no fewer than 0 words, so `Words` never passes {}",
                show_test(*t)
            )
        }),
        Condition::Meter(id, t) => {
            let m = raw.meters.iter().find(|m| &m.id == id)?;
            (!range_meets(*t, m.min, m.max)).then(|| {
                format!(
                    "meter `{id}` stays within {}..={}, so it never passes {}",
                    m.min,
                    m.max,
                    show_test(*t)
                )
            })
        }
        _ => None,
    }
}

fn range_meets(t: Test, lo: i64, hi: i64) -> bool {
    match interval(t) {
        Some((a, b)) => a <= b && a <= hi && b >= lo,
        None => true,
    }
}

/// The closed interval a numeric test accepts (`None` for `Is`).
fn interval(t: Test) -> Option<(i64, i64)> {
    match t {
        Test::AtLeast(n) => Some((n, i64::MAX)),
        Test::AtMost(n) => Some((i64::MIN, n)),
        Test::Equals(n) => Some((n, n)),
        Test::Between(a, b) => Some((a, b)),
        Test::Is(_) => None,
    }
}

/// The interval a negated numeric test accepts, when it is one interval.
fn negated_interval(t: Test) -> Option<(i64, i64)> {
    match t {
        Test::AtLeast(n) => Some((i64::MIN, n.saturating_sub(1))),
        Test::AtMost(n) => Some((n.saturating_add(1), i64::MAX)),
        _ => None,
    }
}

fn show_test(t: Test) -> String {
    match t {
        Test::AtLeast(n) => format!("AtLeast({n})"),
        Test::AtMost(n) => format!("AtMost({n})"),
        Test::Equals(n) => format!("Equals({n})"),
        Test::Between(a, b) => format!("Between({a}, {b})"),
        Test::Is(b) => format!("Is({b})"),
    }
}

/// A conjunction that contradicts itself: a code both required and excluded, two styles, empty ranges.
fn contradiction(cs: &[Condition], raw: &RawScenario) -> Option<String> {
    let mut flat = Vec::new();
    flatten_all(cs, &mut flat);
    let mut codes: Vec<Code> = Vec::new();
    let mut not_codes: Vec<Code> = Vec::new();
    let mut styles: Vec<Style> = Vec::new();
    let mut not_styles: Vec<Style> = Vec::new();
    let mut visited: Vec<&str> = Vec::new();
    let mut not_visited: Vec<&str> = Vec::new();
    // (kind, name) → (lo, hi)
    let mut ranges: HashMap<(&str, String), (i64, i64)> = HashMap::new();
    let mut narrow = |key: (&'static str, String), (a, b): (i64, i64)| {
        let r = ranges.entry(key.clone()).or_insert((i64::MIN, i64::MAX));
        r.0 = r.0.max(a);
        r.1 = r.1.min(b);
        (r.0 > r.1).then_some(key)
    };
    let mut empty: Option<(&'static str, String)> = None;
    for c in &flat {
        let (neg, atom) = match c {
            Condition::Not(inner) => (true, &**inner),
            c => (false, *c),
        };
        match (neg, atom) {
            (false, Condition::Code(k)) => codes.push(*k),
            (true, Condition::Code(k)) => not_codes.push(*k),
            (false, Condition::Style(s)) => styles.push(*s),
            (true, Condition::Style(s)) => not_styles.push(*s),
            (false, Condition::Visited(n)) => visited.push(n),
            (true, Condition::Visited(n)) => not_visited.push(n),
            (neg, Condition::Score(d, t)) => {
                let iv = if neg {
                    negated_interval(*t)
                } else {
                    interval(*t)
                };
                if let Some(iv) = iv {
                    empty = empty.or(narrow(("score", d.label().to_string()), iv));
                }
            }
            (neg, Condition::Meter(id, t)) => {
                let iv = if neg {
                    negated_interval(*t)
                } else {
                    interval(*t)
                };
                if let Some(iv) = iv {
                    empty = empty.or(narrow(("meter", id.clone()), iv));
                }
            }
            (neg, Condition::Var(name, t)) => {
                let iv = match (raw.variables.get(name), t) {
                    (Some(Value::Bool(_)), Test::Is(b)) => {
                        Some(if *b != neg { (1, 1) } else { (0, 0) })
                    }
                    (Some(Value::Int(_)), t) if neg => negated_interval(*t),
                    (Some(Value::Int(_)), t) => interval(*t),
                    _ => None,
                };
                if let Some(iv) = iv {
                    empty = empty.or(narrow(("variable", name.clone()), iv));
                }
            }
            _ => {}
        }
    }
    for p in &codes {
        if let Some(n) = not_codes
            .iter()
            .find(|n| *n == p || (!p.is_group() && n.matches(*p)))
        {
            return Some(format!(
                "it requires `Code({p:?})` and also `Not(Code({n:?}))`"
            ));
        }
    }
    if let Some(s) = styles.iter().find(|s| not_styles.contains(s)) {
        return Some(format!(
            "it requires `Style({s:?})` and also `Not(Style({s:?}))`"
        ));
    }
    if let Some(b) = styles.iter().find(|b| **b != styles[0]) {
        return Some(format!(
            "a reply has one style, so it cannot be both `{:?}` and `{b:?}`",
            styles[0]
        ));
    }
    if let Some(n) = visited.iter().find(|n| not_visited.contains(n)) {
        return Some(format!(
            "it requires `Visited(\"{n}\")` and also `Not(Visited(\"{n}\"))`"
        ));
    }
    if let Some((kind, name)) = empty {
        return Some(format!(
            "no value of {kind} `{name}` passes all of its tests together"
        ));
    }
    None
}

fn flatten_all<'c>(cs: &'c [Condition], out: &mut Vec<&'c Condition>) {
    for c in cs {
        match c {
            Condition::All(inner) => flatten_all(inner, out),
            c => out.push(c),
        }
    }
}

/// A canonical text for a condition: `All`/`Any` flattened and their items sorted, so that two
/// conditions meaning the same by reordering compare equal.
pub fn canonical(c: &Condition) -> String {
    match c {
        Condition::All(cs) | Condition::Any(cs) => {
            let is_all = matches!(c, Condition::All(_));
            let mut items: Vec<String> = Vec::new();
            fn collect(cs: &[Condition], is_all: bool, items: &mut Vec<String>) {
                for c in cs {
                    match (c, is_all) {
                        (Condition::All(inner), true) | (Condition::Any(inner), false) => {
                            collect(inner, is_all, items)
                        }
                        _ => items.push(canonical(c)),
                    }
                }
            }
            collect(cs, is_all, &mut items);
            items.sort();
            items.dedup();
            if items.len() == 1 {
                return items.pop().unwrap_or_default();
            }
            format!(
                "{}([{}])",
                if is_all { "All" } else { "Any" },
                items.join(",")
            )
        }
        Condition::Not(inner) => format!("Not({})", canonical(inner)),
        c => ron::to_string(c).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw() -> RawScenario {
        let src = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/diagnostics/valid.ron"
        ))
        .unwrap();
        ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
            .from_str(&src)
            .unwrap()
    }

    fn c(s: &str) -> Condition {
        ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
            .from_str(s)
            .unwrap()
    }

    #[test]
    fn contradictions_are_found() {
        let r = raw();
        for s in [
            "All([Code(Reflection), Not(Code(Reflection))])",
            "All([Code(SimpleReflection), Not(Code(Reflection))])",
            "All([Style(Passive), Style(Aggressive)])",
            "All([Score(Assertiveness, AtLeast(70)), Score(Assertiveness, AtMost(30))])",
            "All([Score(Assertiveness, AtLeast(70)), Not(Score(Assertiveness, AtLeast(50)))])",
            "Any([])",
            "Score(ActiveListening, AtLeast(101))",
        ] {
            assert!(never_holds(&c(s), &r).is_some(), "{s}");
        }
        for s in [
            "All([Code(Reflection), Not(Code(SimpleReflection))])",
            "All([Score(Assertiveness, AtLeast(30)), Score(Assertiveness, AtMost(70))])",
            "Any([Code(Reflection), Not(Code(Reflection))])",
            "Not(Code(Reflection))",
        ] {
            assert!(never_holds(&c(s), &r).is_none(), "{s}");
        }
    }

    #[test]
    fn canonical_ignores_order_and_nesting() {
        assert_eq!(
            canonical(&c("All([Code(Request), All([Code(IStatement)])])")),
            canonical(&c("All([Code(IStatement), Code(Request)])"))
        );
        assert_ne!(
            canonical(&c("Any([Code(Request), Code(IStatement)])")),
            canonical(&c("All([Code(IStatement), Code(Request)])"))
        );
    }
}
