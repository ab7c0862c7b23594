//! The example rewrites the feedback shows for every shipped option, read as a user reads them: each
//! must be a sentence someone could say, not the option's words pasted into a template.

use rapport::scenario::{discover, load_file};
use rapport::scoring::{Reply, RuleScorer, Scorer};
use std::path::PathBuf;

/// What reads as garbled in an example rewrite, or `None`.
fn garbled(rewrite: &str) -> Option<&'static str> {
    let words: Vec<String> = rewrite
        .split_whitespace()
        .map(|w| w.replace('\u{2019}', "'"))
        .collect();
    let lower = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
            .to_lowercase()
    };
    // "Could you you're not fine, Ba?"
    if words.windows(2).any(|p| {
        !p[0].ends_with([',', '.', ';', ':', '!', '?', '—'])
            && !lower(&p[0]).is_empty()
            && lower(&p[0]) == lower(&p[1])
    }) {
        return Some("a word doubled");
    }
    let after = |stem: &str| {
        rewrite.find(stem).map(|i| {
            lower(
                rewrite[i + stem.len()..]
                    .split_whitespace()
                    .next()
                    .unwrap_or(""),
            )
        })
    };
    // "It sounds like I'm the expert", "It sounds like no, I'm right", "It sounds like because…"
    if let Some(w) = after("It sounds like ")
        && matches!(
            w.as_str(),
            "i" | "i'm" | "i've" | "i'd" | "i'll" | "no" | "because" | "just" | "yeah" | "yes"
        )
    {
        return Some("a reflection that is not of the speaker");
    }
    // "Could you there's a catch…?"
    if let Some(w) = after("Could you ")
        && matches!(
            w.as_str(),
            "you" | "you're" | "i" | "i'm" | "it's" | "there's" | "that's" | "know" | "asked"
        )
    {
        return Some("a request made of a statement");
    }
    // "…how would it feel to couldn't control?"
    if let Some(w) = after("how would it feel to ")
        && (w.ends_with("n't") || matches!(w.as_str(), "be" | "have" | "help" | "always"))
    {
        return Some("advice cut mid-phrase");
    }
    if rewrite.contains("let down about") {
        return Some("a sarcasm remnant said plainly");
    }
    if rewrite.matches('"').count() % 2 == 1 {
        return Some("a quotation that never closes");
    }
    None
}

#[test]
fn every_shipped_options_example_rewrite_reads_as_a_sentence() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let mut seen = 0;
    let mut bad = Vec::new();
    for path in discover(&[root]) {
        let s = load_file(&path)
            .scenario
            .unwrap_or_else(|| panic!("{} does not load", path.display()));
        let scorer = RuleScorer::for_scenario(&s.lexicon);
        for (_, context, c) in s.options() {
            // As picked (its tags merged), which is how the feedback shows it.
            let a = scorer.analyse(Reply {
                text: &c.text,
                context,
                perspective: s.perspective,
                tags: &c.tags,
            });
            for r in a.tips.iter().filter_map(|t| t.rewrite.as_deref()) {
                seen += 1;
                if let Some(why) = garbled(r) {
                    bad.push(format!("{}: {:?} → {:?} ({why})", s.id, c.text, r));
                }
            }
        }
    }
    assert!(
        seen > 200,
        "only {seen} example rewrites over the shipped options"
    );
    assert!(bad.is_empty(), "{} garbled:\n{}", bad.len(), bad.join("\n"));
}

#[test]
fn the_garbled_shapes_are_caught() {
    for r in [
        "Could you you're not fine, Ba? It would really help me.",
        "It sounds like I'm the expert — and that's weighing on you.",
        "It sounds like no, I'm right — and that's weighing on you.",
        "It sounds like because you did the GP's questionnaire already.",
        "Could you there's a catch, and it's your grades? It would really help me.",
        "What have you thought about trying so far? If it fits, how would it feel to couldn't control?",
        "I feel let down about for it. Could we talk about it?",
        "It sounds like you said, \"At least I'm not living my life.",
    ] {
        assert!(garbled(r).is_some(), "{r}");
    }
    for r in [
        "Could you start looking after yourself? It would really help me.",
        "It sounds like you think I've never been honest with you.",
        "It upsets me when that happens. Please don't play dumb with me, Ruan.",
        "It sounds like you're so, so tired.",
    ] {
        assert_eq!(garbled(r), None, "{r}");
    }
}
