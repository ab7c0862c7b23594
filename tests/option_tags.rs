//! The scenarios' own options as a check on the scorer (and the scorer as a check on the authors' tags):
//! an option tagged only with strengths must not be coded with a pitfall from its words, nor the reverse,
//! unless the pair is in the reviewed allow-list `tests/data/option_tags_allow.ron` with a reason.
//!
//! **Strength or pitfall** is the code's own polarity, [`Code::is_strength`] (declared once in
//! `src/scoring/codes.rs`). Neutral codes
//! (closed question, giving information, persuading with permission, crisis) and the group codes are
//! neither: they never make an option "mixed" and are never a disagreement. An option is **strengths
//! only** when it has at least one strength tag and no pitfall tag, **pitfalls only** likewise;
//! options with both (mixed) or with neither are not checked ([`Code::polarity`], which training's guards use too).
//!
//! Each option is scored with the app's scorer — the scenario's scorer (built-in rules plus the
//! scenario's lexicon), the node's first line as context, the scenario's perspective — but from its
//! words alone, as if typed: without its author tags, so neither merged in nor guarding its codes (a
//! picked option keeps what its author tagged, and takes no model-added pitfall where it is tagged with
//! strengths only). The tags are what the reading is compared with.
//!
//! When the test fails it prints every unlisted disagreement as a ready-to-paste allow-list entry
//! (`reason: "TODO"`) and every allow-list entry that no longer matches anything; after a scorer change,
//! re-review the delta, fix tags or texts where the scorer is now right, and write real reasons.

use rapport::scenario::{discover, load_file};
use rapport::scoring::{Code, Reply, RuleScorer, Scorer};
use serde::Deserialize;
use std::collections::BTreeSet;
use std::path::PathBuf;

/// One reviewed disagreement between an option's tags and the scorer's codes.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Allowed {
    /// Scenario id.
    scenario: String,
    /// The option's text, or enough of its start to be unique within the scenario.
    option: String,
    /// The code the scorer finds that contradicts the tags; `Reflection` stands for either depth,
    /// where retrains flip a reflection the tags do not have between simple and complex.
    code: Code,
    /// Why the disagreement stands (whose reading is right, and why it is not fixed).
    reason: String,
}

const ALLOW_LIST: &str = "tests/data/option_tags_allow.ron";

/// Whether an allow-list entry's code covers a code found: itself, or either reflection for
/// `Reflection`.
fn covers(listed: Code, found: Code) -> bool {
    listed == found
        || (listed == Code::Reflection
            && matches!(found, Code::SimpleReflection | Code::ComplexReflection))
}

fn allow_list() -> Vec<Allowed> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(ALLOW_LIST);
    let text = std::fs::read_to_string(&path).expect("allow-list present");
    let list: Vec<Allowed> =
        ron::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    for a in &list {
        assert!(
            a.reason.trim().len() >= 20 && a.reason.trim() != "TODO",
            "{ALLOW_LIST}: the entry for {:?} / {:?} / {:?} needs a real reason",
            a.scenario,
            a.option,
            a.code
        );
    }
    for w in list.windows(2) {
        assert!(
            (&w[0].scenario, &w[0].option) <= (&w[1].scenario, &w[1].option),
            "{ALLOW_LIST}: keep entries sorted by scenario, then option: {:?} / {:?} comes after {:?} / {:?}",
            w[1].scenario,
            w[1].option,
            w[0].scenario,
            w[0].option
        );
    }
    list
}

/// What the test found for one option.
struct Finding {
    scenario: String,
    node: String,
    text: String,
    /// The shortest start of `text` (whole words, at least 30 characters unless the text is shorter)
    /// that no other option text in the scenario starts with.
    key: String,
    tags: Vec<Code>,
    code: Code,
}

/// All options checked, the number of options in the scenarios, and the disagreements.
struct Survey {
    options: usize,
    checked: usize,
    found: Vec<Finding>,
    /// Every distinct option text per scenario, to check that allow-list prefixes are unambiguous.
    texts: Vec<(String, BTreeSet<String>)>,
}

/// The shortest unique start of `text` among `others`, cut at a word end.
fn unique_start(text: &str, others: &BTreeSet<String>) -> String {
    let ends = text
        .char_indices()
        .filter(|&(_, c)| c == ' ')
        .map(|(i, _)| i)
        .chain([text.len()]);
    for end in ends {
        let p = &text[..end];
        if p.chars().count() < 30 && end < text.len() {
            continue;
        }
        if others.iter().all(|o| o == text || !o.starts_with(p)) {
            return p.to_string();
        }
    }
    text.to_string()
}

fn survey() -> Survey {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let mut s_out = Survey {
        options: 0,
        checked: 0,
        found: Vec::new(),
        texts: Vec::new(),
    };
    for path in discover(&[root]) {
        let loaded = load_file(&path);
        let s = loaded
            .scenario
            .unwrap_or_else(|| panic!("{} does not load", path.display()));
        let scorer = RuleScorer::for_scenario(&s.lexicon);
        let texts: BTreeSet<String> = s.options().map(|(_, _, c)| c.text.clone()).collect();
        for (node, context, c) in s.options() {
            s_out.options += 1;
            let Some(strengths_only) = Code::polarity(&c.tags) else {
                continue;
            };
            s_out.checked += 1;
            // Scored from the words alone: the tags are what we compare against.
            let a = scorer.analyse(Reply::typed(&c.text, context, s.perspective));
            for &code in &a.codes {
                if code.is_strength() == Some(!strengths_only) {
                    s_out.found.push(Finding {
                        scenario: s.id.clone(),
                        node: node.id.clone(),
                        text: c.text.clone(),
                        key: unique_start(&c.text, &texts),
                        tags: c.tags.clone(),
                        code,
                    });
                }
            }
        }
        s_out.texts.push((s.id.clone(), texts));
    }
    s_out
}

/// A RON string literal, readable: only `\\` and `"` are escaped (RON strings hold any other UTF-8).
fn ron_str(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

#[test]
fn option_tags_agree_with_the_scorer_or_are_reviewed() {
    let allowed = allow_list();
    let survey = survey();
    assert!(
        survey.options >= 100,
        "only {} options found",
        survey.options
    );
    eprintln!(
        "{} options, {} checked (strengths only or pitfalls only), {} disagreements ({} allow-listed)",
        survey.options,
        survey.checked,
        survey.found.len(),
        allowed.len()
    );

    // Each allow-list prefix must name exactly one option text in its scenario.
    let mut problems = Vec::new();
    for a in &allowed {
        let n = survey
            .texts
            .iter()
            .filter(|(id, _)| *id == a.scenario)
            .flat_map(|(_, t)| t)
            .filter(|t| t.starts_with(&a.option))
            .count();
        if n != 1 {
            problems.push(format!(
                "{} / {:?}: matches {n} option texts (give enough of the start to name one)",
                a.scenario, a.option
            ));
        }
    }

    let mut used = vec![false; allowed.len()];
    let mut unlisted: Vec<&Finding> = Vec::new();
    for f in &survey.found {
        let hit = allowed.iter().position(|a| {
            a.scenario == f.scenario && covers(a.code, f.code) && f.text.starts_with(&a.option)
        });
        match hit {
            Some(i) => used[i] = true,
            None => unlisted.push(f),
        }
    }
    unlisted.sort_by(|a, b| (&a.scenario, &a.key, a.code).cmp(&(&b.scenario, &b.key, b.code)));
    unlisted.dedup_by(|a, b| (&a.scenario, &a.key, a.code) == (&b.scenario, &b.key, b.code));
    let stale: Vec<String> = allowed
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(a, _)| {
            format!(
                "    {} / {:?} / {:?}: no longer coded so (remove the entry)",
                a.scenario, a.option, a.code
            )
        })
        .collect();

    let mut msg = String::new();
    if !unlisted.is_empty() {
        msg += &format!(
            "{} disagreements between option tags and the scorer's codes are not in {ALLOW_LIST}.\n\
             Fix the tag (the words do not show it), fix the option's text, or paste the entry and \
             replace TODO with whose reading is right and why:\n\n",
            unlisted.len()
        );
        for f in &unlisted {
            let side = if f.code.is_strength() == Some(false) {
                "strengths only"
            } else {
                "pitfalls only"
            };
            msg += &format!(
                "    // {} (node {}), tags {:?} ({side}): {:?}\n    (scenario: {}, option: {}, code: {:?}, reason: \"TODO\"),\n",
                f.scenario,
                f.node,
                f.tags,
                f.text,
                ron_str(&f.scenario),
                ron_str(&f.key),
                f.code
            );
        }
    }
    if !stale.is_empty() {
        msg += &format!(
            "\n{} entries in {ALLOW_LIST} no longer match a disagreement:\n{}\n",
            stale.len(),
            stale.join("\n")
        );
    }
    if !problems.is_empty() {
        msg += &format!(
            "\nAmbiguous entries in {ALLOW_LIST}:\n{}\n",
            problems.join("\n")
        );
    }
    assert!(msg.is_empty(), "{msg}");
}

#[test]
fn pasted_entries_read_back() {
    for s in ["I'm \"fine\" — sorry", r"a\b", "plain"] {
        assert_eq!(ron::from_str::<String>(&ron_str(s)).unwrap(), s);
    }
}

/// No scripted option shows the crisis panel when picked: the panel is for what a user types about
/// themselves, and a pick is a line the author wrote (a fourteenth play test picked under-my-feet's
/// "…sit in that chair all day and wait to die?", a retiree's grumble, and got the panel, after which
/// the story carried on as if it had been scored). An option the detector reads as crisis is reworded.
#[test]
fn no_option_reads_as_a_crisis() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let mut crisis = Vec::new();
    let mut options = 0;
    for path in discover(&[root]) {
        let s = load_file(&path)
            .scenario
            .unwrap_or_else(|| panic!("{} does not load", path.display()));
        let scorer = RuleScorer::for_scenario(&s.lexicon);
        for (node, context, c) in s.options() {
            options += 1;
            let a = scorer.analyse(Reply {
                text: &c.text,
                context,
                perspective: s.perspective,
                tags: &c.tags,
            });
            if a.is_crisis() {
                crisis.push(format!("{} / {}: {:?}", s.id, node.id, c.text));
            }
        }
    }
    assert!(options > 500, "only {options} options found");
    assert!(
        crisis.is_empty(),
        "options read as crisis:\n{}",
        crisis.join("\n")
    );
}
