//! The format 1.1 engine: option order, line variants, clarify, walk-away, crisis, debrief paragraphs,
//! placeholders, meters that decide, Challenge mode, and plans that pick by id and assert routes.

mod common;
use common::scenario_from;

use rapport::dialogue::plan::{check_run, check_session, load_plan, resolve};
use rapport::dialogue::{Mode, Prompt, Runner, Session, TurnOutcome};
use rapport::scenario::load::{discover, ron_options};
use rapport::scenario::raw::{Input, OptionRef, PlanRun, RawTestPlan};
use rapport::scenario::{EndingKind, Scenario, Then, load_file, load_str};
use rapport::scoring::unanswerable::Unanswerable;
use rapport::scoring::{Analysis, Code, Dimension, Reply, RuleScorer, Scorer, Scores, Style, Tip};
use std::path::{Path, PathBuf};
use std::sync::Arc;

const ENGINE: &str = r#"
Scenario(
    format_version: 1,
    id: "engine",
    title: "Engine",
    summary: "Engine tests.",
    area: RoleDispute,
    perspective: Client,
    characters: [Character(id: "sam", name: "Sam")],
    meters: [
        Meter(id: "trust", label: "Trust", min: 0, max: 10, initial: 5),
        Meter(id: "tension", label: "Tension", min: 0, max: 10, initial: 3, higher_is_worse: true),
    ],
    start: "hello",
    walk_away: WalkAway(after: 1, to: "walked"),
    challenge_margin: {"trust": 2},
    nodes: [
        Node(
            id: "hello",
            speaker: "sam",
            lines: ["Hi."],
            variants: [Variant(when: Visits("hello", AtLeast(2)), lines: ["Back again?", "Round we go."])],
            then: Options([
                Choice(id: "a", text: "Option A", to: "talk", effects: [Meter("trust", 1)]),
                Choice(id: "b", text: "Option B", to: "talk"),
                Choice(id: "c", text: "Option C", to: "talk"),
                Choice(id: "d", text: "Option D", to: "talk"),
                Choice(id: "e", text: "Option E", to: "talk"),
                Choice(id: "again", text: "Start again", to: "hello"),
            ]),
        ),
        Node(
            id: "talk",
            speaker: "sam",
            lines: ["So?"],
            then: FreeText(
                prompt: "Say how you feel.",
                clarify: "Sorry, what do you mean?",
                routes: [
                    Route(label: "attack", when: Code(Criticism), to: "hard", effects: [Meter("tension", 3)]),
                    Route(label: "heard", when: All([Code(Reflection), Meter("trust", AtLeast(6))]), to: "good"),
                    Route(label: "feel", when: Code(IStatement), to: "gate"),
                ],
                fallback: Next(to: "gate"),
            ),
        ),
        Node(
            id: "gate",
            speaker: "sam",
            lines: ["Hm."],
            then: FreeText(
                prompt: "Again.",
                clarify: "What?",
                routes: [Route(label: "heard", when: Code(Reflection), to: "good")],
                fallback: Next(to: "mixed"),
            ),
        ),
        Node(id: "good", speaker: "sam", lines: ["Thanks."], then: Ending(
            kind: Good,
            title: "Good",
            debrief: "Best: {best_reply}",
            paragraphs: [
                Paragraph(when: Visited("gate"), text: "You went through the gate."),
                Paragraph(when: Code(IStatement), text: "You used an I-statement."),
                Paragraph(text: "Worst: {worst_reply}. Last: {last_reply}."),
                Paragraph(when: Meter("tension", AtLeast(6)), text: "It got tense."),
            ],
        )),
        Node(id: "mixed", speaker: "sam", lines: ["Okay."], then: Ending(kind: Mixed, title: "Mixed", debrief: "Partly.")),
        Node(id: "hard", speaker: "sam", lines: ["No."], then: Ending(kind: Hard, title: "Hard", debrief: "Badly.")),
        Node(id: "walked", speaker: "sam", lines: ["I'm going."], then: Ending(kind: Hard, title: "Walked", debrief: "Sam left.")),
    ],
)
"#;

/// Deterministic scorer: "sounds like" and "hear you" reflect, "I feel" is an I-statement, "stupid" criticises, "die" is crisis, "whatever" reads passive-aggressive.
struct TestScorer;

impl Scorer for TestScorer {
    fn analyse(&self, r: Reply<'_>) -> Analysis {
        let t = r.text.to_lowercase();
        let mut codes = r.tags.to_vec();
        let has = |w: &str| t.contains(w);
        if has("sounds like") {
            codes.push(Code::ComplexReflection);
        }
        if has("hear you") {
            codes.push(Code::SimpleReflection);
        }
        if has("call first") {
            codes.push(Code::Request);
        }
        if has("i feel") {
            codes.push(Code::IStatement);
        }
        // "asdf", "?": a scorer that reads an attack into a key-mash or punctuation alone.
        let punctuation =
            !t.trim().is_empty() && t.trim().chars().all(|c| c.is_ascii_punctuation());
        if has("stupid") || has("asdf") || punctuation {
            codes.push(Code::Criticism);
        }
        // "k": a bare brush-off, stonewalling in a word.
        if has("talk about it") || t.trim() == "k" {
            codes.push(Code::Stonewalling);
        }
        if has("die") {
            codes.push(Code::Crisis);
        }
        // "lol": mockery.
        if has(" lol") {
            codes.push(Code::Contempt);
        }
        codes.sort();
        codes.dedup();
        let on = |c: Code| u8::from(codes.contains(&c));
        Analysis {
            scores: Scores {
                assertiveness: 30 + 40 * on(Code::IStatement),
                active_listening: 30 + 50 * on(Code::ComplexReflection),
                conflict_resolution: 50 - 40 * on(Code::Criticism),
            },
            style: if has("whatever") {
                Style::PassiveAggressive
            } else {
                Style::Neutral
            },
            // "a bad day": a tip with an example, as the scorer's rewrites give.
            tips: if has("a bad day") {
                vec![Tip {
                    rewrite: Some("It sounds like today was long.".into()),
                    ..Tip::plain("Say back what you heard.")
                }]
            } else {
                Vec::new()
            },
            codes,
            ..Analysis::default()
        }
    }
}

fn engine() -> Arc<Scenario> {
    scenario_from(ENGINE)
}

/// A Practice session scored by [`TestScorer`].
fn scripted(s: Arc<Scenario>, seed: u64) -> Session {
    Session::with_scorer(
        Runner::with_mode(s, seed, Mode::Practice),
        Arc::new(TestScorer),
    )
}

fn option_ids(r: &Runner) -> Vec<String> {
    r.options()
        .into_iter()
        .map(|o| o.id.unwrap_or_default())
        .collect()
}

fn pick(r: &mut Runner, id: &str) {
    let i = r
        .options()
        .into_iter()
        .find(|o| o.id.as_deref() == Some(id))
        .unwrap_or_else(|| panic!("no option {id}"))
        .index;
    r.choose(i, &TestScorer).unwrap();
}

#[test]
fn the_engine_scenario_lints_clean() {
    let r = load_str(ENGINE, Path::new("engine.ron"));
    assert!(r.diagnostics.is_empty(), "{:#?}", r.diagnostics);
}

#[test]
fn option_order_is_deterministic_per_seed_and_differs_across_seeds() {
    let s = engine();
    let orders: Vec<Vec<String>> = (1..=10)
        .map(|seed| option_ids(&Runner::new(s.clone(), seed)))
        .collect();
    for (seed, o) in (1..=10).zip(&orders) {
        assert_eq!(o, &option_ids(&Runner::new(s.clone(), seed)), "seed {seed}");
        let mut sorted = o.clone();
        sorted.sort();
        assert_eq!(sorted, ["a", "again", "b", "c", "d", "e"]);
    }
    let distinct: std::collections::HashSet<_> = orders.iter().collect();
    assert!(
        distinct.len() >= 5,
        "only {} orders in 10 seeds",
        distinct.len()
    );
    let firsts: std::collections::HashSet<_> = orders.iter().map(|o| &o[0]).collect();
    assert!(
        firsts.len() >= 3,
        "the first option is nearly always the same"
    );
}

#[test]
fn order_fixed_pins_file_order() {
    let s = scenario_from(&ENGINE.replace(
        "lines: [\"Hi.\"],",
        "lines: [\"Hi.\"],\n            order: Fixed,",
    ));
    for seed in 1..=10 {
        assert_eq!(
            option_ids(&Runner::new(s.clone(), seed)),
            ["a", "b", "c", "d", "e", "again"]
        );
    }
}

#[test]
fn pick_by_number_means_file_order_and_by_id_means_the_id() {
    let s = engine();
    for seed in 1..=10 {
        let r = Runner::new(s.clone(), seed);
        for (input, want) in [
            (Input::Pick(OptionRef::Index(1)), "a"),
            (Input::Pick(OptionRef::Index(6)), "again"),
            (Input::Pick(OptionRef::Id("c".into())), "c"),
        ] {
            let rapport::dialogue::Input::Choose(i) = resolve(&input, &r).unwrap() else {
                panic!("a pick resolves to a choice")
            };
            assert_eq!(r.options()[i].id.as_deref(), Some(want), "seed {seed}");
        }
        assert!(resolve(&Input::Pick(OptionRef::Index(0)), &r).is_err());
        assert!(resolve(&Input::Pick(OptionRef::Index(7)), &r).is_err());
        let e = resolve(&Input::Pick(OptionRef::Id("zz".into())), &r).unwrap_err();
        assert!(e.contains("zz") && e.contains("again"), "{e}");
    }
}

/// A save made with the clarify on screen before `asked` was kept still reads the next reply against
/// the line the clarify asked about (a maintainer's read).
#[test]
fn an_older_save_made_during_a_clarify_answers_the_line_asked_about() {
    let mut r = Runner::new(engine(), 1);
    pick(&mut r, "b");
    let asked = r.view().line;
    r.say("1", &TestScorer).unwrap();
    assert_eq!(r.view().line, "Sorry, what do you mean?");
    let mut old = r.state().clone();
    old.asked = None;
    let back = Runner::restore(engine(), old).unwrap();
    assert_eq!(back.view().line, "Sorry, what do you mean?");
    assert_eq!(back.answered_line(), asked);
}

#[test]
fn a_non_answer_gets_the_clarify_once_then_the_fallback() {
    let mut r = Runner::new(engine(), 1);
    pick(&mut r, "b");
    let out = r.say("1", &TestScorer).unwrap();
    assert_eq!(out.turn.outcome, TurnOutcome::Clarify);
    assert_eq!(r.state().node, "talk");
    assert_eq!(r.state().path, ["hello", "talk"]);
    let v = r.view();
    assert_eq!(v.line, "Sorry, what do you mean?");
    assert_eq!(v.held, Some(TurnOutcome::Clarify));
    assert!(matches!(v.prompt, Prompt::FreeText { ref prompt } if prompt == "Say how you feel."));
    let out = r.say("ok", &TestScorer).unwrap();
    assert_eq!(out.turn.outcome, TurnOutcome::Moved);
    assert_eq!(out.turn.route, None);
    assert_eq!(r.state().node, "gate");
    assert_eq!(r.route_name(&out.turn).as_deref(), Some("fallback"));
}

/// After a clarify, a reply still answers the line the clarify asked about: it is that line the
/// scorer reads the reply against (a seventeenth play test's reflection, read against "Sorry, the
/// connection... what did you say?", shared no words with it and fell to the fallback).
#[test]
fn after_a_clarify_the_reply_is_read_against_the_line_it_answers() {
    let mut r = Runner::new(engine(), 1);
    pick(&mut r, "b");
    let asked = r.view().line;
    assert_eq!(r.answered_line(), asked);
    r.say("1", &TestScorer).unwrap();
    assert_eq!(r.view().line, "Sorry, what do you mean?");
    assert_eq!(r.answered_line(), asked);
    assert_eq!(r.typed_reply("I feel tired.").context, Some(asked.as_str()));
    // At the next node the line on screen is the one answered again.
    let out = r.say("ok", &TestScorer).unwrap();
    assert_eq!(r.answered_line(), r.view().line);
    // The transcript keeps both: the clarify the user saw, and the line the reply was read against.
    assert_eq!(out.turn.line, "Sorry, what do you mean?");
    assert_eq!(out.turn.asked.as_deref(), Some(asked.as_str()));
    let first = &r.state().transcript[0];
    assert_eq!(
        first.asked, None,
        "a reply to the line shown keeps no second line"
    );
}

#[test]
fn a_key_mash_is_a_non_answer_whatever_the_scorer_reads_into_it() {
    let mut r = Runner::new(engine(), 1);
    pick(&mut r, "b");
    // The scorer codes it criticism (the "attack" route's code); the route is not taken, and the
    // criticism is not counted against the user: the reply is not scored.
    assert!(
        TestScorer
            .analyse(r.typed_reply("asdf"))
            .has(Code::Criticism)
    );
    let out = r.say("asdf", &TestScorer).unwrap();
    assert_eq!(out.turn.analysis.unanswerable, Some(Unanswerable::KeyMash));
    assert!(out.turn.analysis.codes.is_empty());
    assert!(!out.turn.is_scored());
    assert_eq!(out.turn.outcome, TurnOutcome::Clarify);
    assert_eq!(r.view().line, "Sorry, what do you mean?");
    // Once the clarify is used, a second one is a counted non-answer (the fallback), and at the next
    // node, after its clarify, the next one is the walk-away (it comes after one counted).
    let out = r.say("jkjkjk asdf", &TestScorer).unwrap();
    assert_eq!(out.turn.outcome, TurnOutcome::Moved);
    assert_eq!(r.route_name(&out.turn).as_deref(), Some("fallback"));
    assert_eq!(r.state().node, "gate");
    assert_eq!(
        r.say("asdf", &TestScorer).unwrap().turn.outcome,
        TurnOutcome::Clarify
    );
    let out = r.say("qwerty", &TestScorer).unwrap();
    assert_eq!(out.turn.outcome, TurnOutcome::WalkAway);
    // Words with the same code take the route.
    let mut r = Runner::new(engine(), 1);
    pick(&mut r, "b");
    let out = r.say("asdf, that was stupid", &TestScorer).unwrap();
    assert_eq!(r.route_name(&out.turn).as_deref(), Some("attack"));
    assert!(out.turn.is_scored());
}

#[test]
fn punctuation_alone_and_the_line_pasted_back_are_non_answers() {
    let s = scenario_from(&ENGINE.replace(
        r#"lines: ["So?"]"#,
        r#"lines: ["So? I feel like you never once asked how my week went."]"#,
    ));
    // The scorer reads something into each ("?" criticism, the paste an I-statement), which would
    // take a route.
    let pasted = "I feel like you never once asked how my week went.";
    for (said, why) in [
        ("?", Unanswerable::NoWords),
        ("...", Unanswerable::NoWords),
        (pasted, Unanswerable::Parroted),
    ] {
        let mut r = Runner::new(s.clone(), 1);
        pick(&mut r, "b");
        assert!(!TestScorer.analyse(r.typed_reply(said)).codes.is_empty());
        // What the live feedback shows as it is typed is what is recorded.
        let read = r.read_typed(said, &TestScorer);
        let means = r.session_means();
        let out = r.say(said, &TestScorer).unwrap();
        assert_eq!(out.turn.analysis, read, "{said:?}");
        assert_eq!(out.turn.analysis.unanswerable, Some(why), "{said:?}");
        assert!(out.turn.analysis.codes.is_empty(), "{said:?}");
        assert_eq!(out.turn.analysis.scores, Scores::default(), "{said:?}");
        assert!(
            out.turn.analysis.explanations[0].contains("not scored"),
            "{said:?}"
        );
        assert_eq!(out.turn.outcome, TurnOutcome::Clarify, "{said:?}");
        assert_eq!(r.view().line, "Sorry, what do you mean?");
        // Not scored, so no mean counts it.
        assert_eq!(r.session_means(), means, "{said:?}");
    }
    // Pasted again after the clarify, the line first said is still the one it copies: a counted
    // non-answer, not the I-statement's route, and not scored either.
    let mut r = Runner::new(s.clone(), 1);
    pick(&mut r, "b");
    r.say(pasted, &TestScorer).unwrap();
    let out = r.say(pasted, &TestScorer).unwrap();
    assert_eq!(r.route_name(&out.turn).as_deref(), Some("fallback"));
    assert_eq!(r.state().non_answers, 1);
    assert_eq!(out.turn.analysis.unanswerable, Some(Unanswerable::Parroted));
    assert!(!out.turn.is_scored());
    // The pasted line holds an I-statement for the scorer; said in one's own words it takes the route.
    let mut r = Runner::new(s, 1);
    pick(&mut r, "b");
    let out = r
        .say("I feel like my week never comes up.", &TestScorer)
        .unwrap();
    assert_eq!(r.route_name(&out.turn).as_deref(), Some("feel"));
}

#[test]
fn the_coaching_hint_pasted_is_a_non_answer_with_its_own_tip() {
    let hint = "Start with \"I feel …\", then say what you would like from Sam this week.";
    let s = scenario_from(&ENGINE.replace(
        r#"prompt: "Say how you feel.""#,
        &format!("prompt: {hint:?}"),
    ));
    let mut r = Runner::new(s.clone(), 1);
    pick(&mut r, "b");
    // The hint quotes "I feel": the scorer reads an I-statement, which would take the "feel" route.
    assert!(
        TestScorer
            .analyse(r.typed_reply(hint))
            .has(Code::IStatement)
    );
    let out = r.say(hint, &TestScorer).unwrap();
    assert_eq!(out.turn.analysis.unanswerable, Some(Unanswerable::Hint));
    assert_eq!(out.turn.outcome, TurnOutcome::Clarify);
    let tip = &out.turn.analysis.tips[0].text;
    assert!(tip.contains("coaching hint"), "{tip}");
    // Said to Sam in one's own words it takes the route.
    let mut r = Runner::new(s, 1);
    pick(&mut r, "b");
    let out = r
        .say("I feel the week got away from me, Sam.", &TestScorer)
        .unwrap();
    assert_eq!(r.route_name(&out.turn).as_deref(), Some("feel"));
}

#[test]
fn an_attack_no_route_keys_on_takes_the_fallback_not_the_clarify() {
    let mut r = Runner::new(engine(), 1);
    pick(&mut r, "b");
    r.say("I feel tired.", &TestScorer).unwrap();
    assert_eq!(r.state().node, "gate");
    // The gate routes only a reflection; criticism is still an answer, not "What?".
    let out = r.say("That was stupid.", &TestScorer).unwrap();
    assert_eq!(out.turn.outcome, TurnOutcome::Moved);
    assert_eq!(r.route_name(&out.turn).as_deref(), Some("fallback"));
    assert_eq!(r.state().node, "mixed");
    assert_eq!(r.state().non_answers, 0);
}

#[test]
fn a_hostile_tone_with_no_code_takes_the_fallback_not_the_clarify() {
    let mut r = Runner::new(engine(), 1);
    pick(&mut r, "b");
    r.say("I feel tired.", &TestScorer).unwrap();
    // "yeah whatever" has no code, but its tone is an answer: the tip names the hostility, so the
    // character does not say they are not following.
    let out = r.say("yeah whatever", &TestScorer).unwrap();
    assert_eq!(out.turn.outcome, TurnOutcome::Moved);
    assert_eq!(r.route_name(&out.turn).as_deref(), Some("fallback"));
    assert_eq!(r.state().non_answers, 0);
}

/// The engine scenario with its `attack` route keyed on `when` instead of criticism.
fn engine_attacked_on(when: &str) -> Arc<Scenario> {
    scenario_from(&ENGINE.replace(
        r#"Route(label: "attack", when: Code(Criticism)"#,
        &format!(r#"Route(label: "attack", when: {when}"#),
    ))
}

#[test]
fn a_bare_brush_off_takes_no_route_written_for_an_attack() {
    // An eighth play test: "ok" to a sister's tears is stonewalling, and a route keyed on the
    // horsemen as a group had her answer an attack that was never made.
    let mut r = Runner::new(engine_attacked_on("Code(Horseman)"), 1);
    pick(&mut r, "b");
    let out = r.say("k", &TestScorer).unwrap();
    assert!(out.turn.analysis.has(Code::Stonewalling));
    assert_eq!(out.turn.outcome, TurnOutcome::Clarify);
    // Said again, it takes the fallback, not the attack.
    let out = r.say("k", &TestScorer).unwrap();
    assert_eq!(r.route_name(&out.turn).as_deref(), Some("fallback"));
    // A route that names stonewalling itself still takes it. A sentence that shuts the talk down
    // withdraws too (an eleventh play test: "whatever u want" to Nadia's tears had her answer an
    // attack): it takes the fallback, not the group's route, unless the route names stonewalling.
    let mut r = Runner::new(engine_attacked_on("Code(Stonewalling)"), 1);
    pick(&mut r, "b");
    let out = r.say("k", &TestScorer).unwrap();
    assert_eq!(r.route_name(&out.turn).as_deref(), Some("attack"));
    let shut = "I'm not going to talk about it with you.";
    let mut r = Runner::new(engine_attacked_on("Code(Horseman)"), 1);
    pick(&mut r, "b");
    let out = r.say(shut, &TestScorer).unwrap();
    assert!(out.turn.analysis.has(Code::Stonewalling));
    assert_eq!(r.route_name(&out.turn).as_deref(), Some("fallback"));
    let mut r = Runner::new(engine_attacked_on("Code(Stonewalling)"), 1);
    pick(&mut r, "b");
    let out = r.say(shut, &TestScorer).unwrap();
    assert_eq!(r.route_name(&out.turn).as_deref(), Some("attack"));
}

/// The engine scenario at its `gate` node: option B picked, then `first` said at `talk`, which must
/// lead there (by the I-statement route or the fallback).
/// The turn's first tip says `words`.
#[track_caller]
fn assert_first_tip(out: &rapport::dialogue::Outcome, words: &str) {
    let tips = &out.turn.analysis.tips;
    assert!(
        tips.first().is_some_and(|t| t.text.contains(words)),
        "{words:?} not first in {tips:?}"
    );
}

fn at_gate_after(first: &str) -> Runner {
    let mut r = Runner::new(engine(), 1);
    pick(&mut r, "b");
    r.say(first, &TestScorer).unwrap();
    assert_eq!(r.state().node, "gate");
    r
}

#[test]
fn a_sentence_or_a_strength_no_route_names_takes_the_fallback_and_a_bare_word_the_clarify() {
    // The gate routes only a reflection; an I-statement is coded but not routed there.
    let at_gate = || at_gate_after("I feel tired.");
    let mut r = at_gate();
    let out = r.say("I feel it went badly today.", &TestScorer).unwrap();
    assert_eq!(r.route_name(&out.turn).as_deref(), Some("fallback"));
    assert_eq!(r.state().non_answers, 0);
    // A word or two with a strength in it ("sorry" to a complaint, "thanks") is an answer too: the
    // other person goes on rather than saying "what did you say?". A word or two with no code is not.
    let mut r = at_gate();
    let out = r.say("i feel", &TestScorer).unwrap();
    assert_eq!(r.route_name(&out.turn).as_deref(), Some("fallback"));
    assert_eq!(r.state().non_answers, 0);
    let mut r = at_gate();
    let out = r.say("hmm ok", &TestScorer).unwrap();
    assert_eq!(out.turn.outcome, TurnOutcome::Clarify);
    // Shutting the talk down is no answer, said in a sentence or not.
    let mut r = at_gate();
    let out = r
        .say("I don't want to talk about it.", &TestScorer)
        .unwrap();
    assert!(out.turn.analysis.has(Code::Stonewalling));
    assert_eq!(out.turn.outcome, TurnOutcome::Clarify);
    // A sentence the scorer finds no code in is still an answer ("Speak properly, I don't
    // understand." had met "Last Saturday when you walked in on Dev it was really awkward for
    // everyone."); four words of gibberish with no code are not.
    for said in [
        "It's been really hard doing it all on my own.",
        "Last Saturday when you walked in on Dev it was really awkward for everyone.",
        // Typed in passing, in chat words (a replay of the eighth play test had "Sorry, I don't
        // understand" answer both).
        "aquarium sounds fun tbh",
    ] {
        let mut r = at_gate();
        let out = r.say(said, &TestScorer).unwrap();
        assert!(out.turn.analysis.codes.is_empty(), "{said:?}");
        assert_eq!(
            r.route_name(&out.turn).as_deref(),
            Some("fallback"),
            "{said:?}"
        );
        assert_eq!(r.state().non_answers, 0, "{said:?}");
    }
    let mut r = at_gate();
    let out = r.say("dffsd sdfk qwpo zzt", &TestScorer).unwrap();
    assert_eq!(out.turn.outcome, TurnOutcome::Clarify);
}

#[test]
fn a_bare_stock_phrase_takes_no_route_for_its_strength_but_says_why() {
    let at_gate = || at_gate_after("I feel tired.");
    // "I hear you, Sam." is coded a reflection here, but names nothing Sam said: the gate's route
    // for a reflection is not earned, the fallback is taken uncounted, and the tip says why.
    let mut r = at_gate();
    let out = r.say("I hear you, Sam.", &TestScorer).unwrap();
    assert!(
        out.turn.analysis.has(Code::SimpleReflection),
        "the code is kept"
    );
    assert_eq!(r.route_name(&out.turn).as_deref(), Some("fallback"));
    assert_eq!(r.state().non_answers, 0);
    let tip = &out.turn.analysis.tips[0].text;
    assert!(tip.contains("names nothing they said"), "{tip}");
    // Nor do its strengths lift the scores: the shipped weights score what is left (nothing), from
    // the base of 50, and the explanations say why.
    assert_eq!(out.turn.analysis.scores.get(Dimension::ActiveListening), 50);
    // It names the strength it found, and does not say none was found.
    let e = &out.turn.analysis.explanations[1];
    assert!(
        e.starts_with("Active listening 50: ")
            && e.contains(
                "reflection found but not counted — the conversation took no route for it."
            )
            && !e.contains("no question, reflection or affirmation found"),
        "{:?}",
        out.turn.analysis.explanations
    );
    // The same words with what was heard take the route.
    let mut r = at_gate();
    let out = r
        .say(
            "I hear you. Today was a lot, with the boiler on top.",
            &TestScorer,
        )
        .unwrap();
    assert_eq!(r.route_name(&out.turn).as_deref(), Some("heard"));
    // The live preview says the same as the reply sent.
    let r = at_gate();
    let preview = r.read_typed("I hear you, Sam.", &TestScorer);
    assert_eq!(preview.tips[0].text, *tip);
}

#[test]
fn the_same_words_typed_again_at_another_node_take_no_route_for_their_strength() {
    let said = "It sounds like today was long.";
    let at_gate = || at_gate_after(said);
    let r = at_gate();
    let first = r.state().transcript.last().unwrap();
    assert_eq!(r.route_name(first).as_deref(), Some("fallback"));
    let mut r = at_gate();
    let out = r.say("it sounds like today was long", &TestScorer).unwrap();
    assert!(out.turn.analysis.has(Code::ComplexReflection));
    assert_eq!(r.route_name(&out.turn).as_deref(), Some("fallback"));
    assert_first_tip(&out, "You said those words earlier");
    let mut r = at_gate();
    let out = r
        .say("It sounds like the boiler was the last straw.", &TestScorer)
        .unwrap();
    assert_eq!(r.route_name(&out.turn).as_deref(), Some("heard"));
}

/// A request said again after a route took it asks nothing new: a fifteenth play test's "I feel sad.
/// Can we talk?" typed at every prompt reached four good endings. Where it went unheard it is the
/// broken record (the next test).
#[test]
fn a_request_said_again_after_it_was_heard_takes_no_route_for_it() {
    let said = "I feel you could call first.";
    let mut r = Runner::new(engine(), 1);
    pick(&mut r, "b");
    let first = r.say(said, &TestScorer).unwrap();
    assert_eq!(r.route_name(&first.turn).as_deref(), Some("feel"));
    let out = r.say(said, &TestScorer).unwrap();
    assert!(out.turn.analysis.has(Code::Request));
    assert_first_tip(&out, "You said those words earlier");
}

/// An earlier tip's example typed at a later prompt was written for the line then: it takes no
/// route for its strength (a fifteenth play test pasted "It sounds like you carry boxes." into the
/// next story and was praised for the reflection). Words of one's own take the route.
#[test]
fn an_earlier_tips_example_typed_later_takes_no_route() {
    let at_gate = || at_gate_after("I feel it was a bad day for us.");
    let mut r = at_gate();
    let out = r
        .say("It sounds like today was long.", &TestScorer)
        .unwrap();
    assert!(out.turn.analysis.has(Code::ComplexReflection));
    assert_eq!(r.route_name(&out.turn).as_deref(), Some("fallback"));
    assert_first_tip(&out, "earlier tip's example");
    let mut r = at_gate();
    let out = r
        .say("It sounds like the boiler was the last straw.", &TestScorer)
        .unwrap();
    assert_eq!(r.route_name(&out.turn).as_deref(), Some("heard"));
}

/// A strength said as mockery earns no route for the strength (a sixteenth play test's mocking
/// "reflection" took thursdays-without-danny's route for a link); said plainly, it does.
#[test]
fn a_mocking_reflection_takes_no_route_for_the_reflection() {
    let at_gate = || at_gate_after("I feel tired.");
    let mut r = at_gate();
    let out = r
        .say(
            "It sounds like the boiler was the last straw lol",
            &TestScorer,
        )
        .unwrap();
    assert!(
        out.turn.analysis.has(Code::ComplexReflection) && out.turn.analysis.has(Code::Contempt)
    );
    assert_eq!(r.route_name(&out.turn).as_deref(), Some("fallback"));
    let mut r = at_gate();
    let out = r
        .say("It sounds like the boiler was the last straw.", &TestScorer)
        .unwrap();
    assert_eq!(r.route_name(&out.turn).as_deref(), Some("heard"));
}

#[test]
fn a_request_said_again_is_the_broken_record_not_a_repeat() {
    let mut r = at_gate_after("Could you call first?");
    let out = r.say("Could you call first?", &TestScorer).unwrap();
    assert!(out.turn.analysis.has(Code::Request));
    assert!(
        out.turn
            .analysis
            .tips
            .iter()
            .all(|t| !t.text.contains("You said those words earlier")),
        "{:?}",
        out.turn.analysis.tips
    );
}

#[test]
fn a_reply_with_no_code_gets_the_coaching_hint_as_its_tip() {
    let mut r = Runner::new(engine(), 1);
    pick(&mut r, "b");
    let out = r
        .say("We went to the coast on Sunday.", &TestScorer)
        .unwrap();
    assert!(out.turn.analysis.codes.is_empty());
    assert_eq!(out.turn.analysis.tips.len(), 1);
    assert_eq!(out.turn.analysis.tips[0].text, "Say how you feel.");
}

#[test]
fn a_hot_reload_mid_clarify_keeps_the_clarify_line_on_screen() {
    // Regression: the reload re-read the node's first line instead of the clarify being answered.
    let mut r = Runner::new(engine(), 1);
    pick(&mut r, "b");
    r.say("1", &TestScorer).unwrap();
    r.replace_scenario(engine()).unwrap();
    assert_eq!(r.view().line, "Sorry, what do you mean?");
    assert_eq!(r.view().held, Some(TurnOutcome::Clarify));
}

#[test]
fn a_reply_with_routed_codes_that_matches_no_route_takes_the_fallback_at_once() {
    let mut r = Runner::new(engine(), 1);
    pick(&mut r, "b"); // trust stays 5: the reflection route needs 6
    let out = r.say("It sounds like you're tired.", &TestScorer).unwrap();
    assert_eq!(out.turn.outcome, TurnOutcome::Moved);
    assert_eq!(r.state().node, "gate");
    assert_eq!(
        r.state().non_answers,
        0,
        "a sincere reply is not a non-answer"
    );
}

#[test]
fn repeated_non_answers_end_in_the_walk_away() {
    let mut r = Runner::new(engine(), 1);
    pick(&mut r, "b");
    for _ in 0..2 {
        r.say("1", &TestScorer).unwrap();
    }
    assert_eq!(r.state().node, "gate");
    let out = r.say("1", &TestScorer).unwrap();
    assert_eq!(out.turn.outcome, TurnOutcome::Clarify);
    assert_eq!(r.view().line, "What?");
    let out = r.say("1", &TestScorer).unwrap();
    assert_eq!(out.turn.outcome, TurnOutcome::WalkAway);
    assert_eq!(r.state().node, "walked");
    assert!(out.ended);
    assert_eq!(r.route_name(&out.turn).as_deref(), Some("walk_away"));
}

#[test]
fn a_loop_gone_round_again_and_again_ends_in_the_walk_away() {
    // Two thirty-second play tests went round a retry loop more than twenty times, meters at their
    // worst, with no ending: a node entered `LOOP_VISITS` times already is not entered again.
    let mut r = Runner::new(engine(), 1);
    let again = |r: &Runner| {
        r.options()
            .into_iter()
            .find(|o| o.id.as_deref() == Some("again"))
            .unwrap()
            .index
    };
    for _ in 1..rapport::dialogue::LOOP_VISITS {
        let out = r.choose(again(&r), &TestScorer).unwrap();
        assert_eq!(out.turn.outcome, TurnOutcome::Moved);
        assert_eq!(r.state().node, "hello");
    }
    let out = r.choose(again(&r), &TestScorer).unwrap();
    assert_eq!(out.turn.outcome, TurnOutcome::WalkAway);
    assert_eq!(r.state().node, "walked");
    assert!(out.ended);
}

#[test]
fn a_crisis_reply_is_recorded_unscored_and_does_not_advance() {
    let mut r = Runner::new(engine(), 1);
    pick(&mut r, "a");
    let before = r.session_means();
    let out = r.say("Sometimes I want to die.", &TestScorer).unwrap();
    assert_eq!(out.turn.outcome, TurnOutcome::Crisis);
    assert!(out.turn.analysis.is_crisis());
    assert!(!out.ended);
    assert_eq!(r.state().node, "talk");
    assert_eq!(r.state().path, ["hello", "talk"]);
    assert_eq!(r.state().transcript.len(), 2, "the crisis turn is recorded");
    assert_eq!(r.session_means(), before, "and not scored");
    let v = r.view();
    assert_eq!(v.held, Some(TurnOutcome::Crisis));
    assert_eq!(v.line, "So?", "the same line and prompt again");
    // The clarify is still there for a non-answer after it, and the conversation goes on.
    assert_eq!(
        r.say("1", &TestScorer).unwrap().turn.outcome,
        TurnOutcome::Clarify
    );
    r.say("It sounds like you're tired.", &TestScorer).unwrap();
    assert_eq!(r.state().node, "good");
}

#[test]
fn the_reply_after_a_crisis_reply_keeps_the_help_in_view() {
    // A twelfth play test: "sorry. forget i said that. im just tired, its fine" was scored as any
    // passive reply, with "You hid your own view".
    let mut r = Runner::new(engine(), 1);
    pick(&mut r, "a");
    r.say("Sometimes I want to die.", &TestScorer).unwrap();
    let out = r
        .say("Sorry, forget I said that. I'm just tired.", &TestScorer)
        .unwrap();
    let first = &out.turn.analysis.tips[0].text;
    assert!(
        first.contains("still matters") && first.contains("988"),
        "{first}"
    );
}

#[test]
fn meters_gate_the_good_ending() {
    let s = engine();
    let mut r = Runner::new(s.clone(), 1);
    pick(&mut r, "a"); // trust 6
    r.say("It sounds like you're tired.", &TestScorer).unwrap();
    assert_eq!(r.state().node, "good");
    let mut r = Runner::new(s, 1);
    pick(&mut r, "b"); // trust 5
    r.say("It sounds like you're tired.", &TestScorer).unwrap();
    assert_eq!(r.state().node, "gate");
}

#[test]
fn challenge_mode_hardens_meter_tests_hides_coaching_and_feedback() {
    let s = engine();
    let mut r = Runner::with_mode(s.clone(), 1, Mode::Challenge);
    assert!(!r.view().live_feedback && !r.view().coaching);
    pick(&mut r, "a"); // trust 6, but challenge needs 6 + 2
    assert!(
        matches!(r.view().prompt, Prompt::FreeText { ref prompt } if prompt == "Your reply to Sam")
    );
    assert_eq!(r.meter_for_conditions("trust"), Some(4));
    assert_eq!(
        r.meter_for_conditions("tension"),
        Some(4),
        "higher is worse: +1"
    );
    r.say("It sounds like you're tired.", &TestScorer).unwrap();
    assert_eq!(r.state().node, "gate");
    assert_eq!(r.state().mode, Mode::Challenge);
    let saved = r.save();
    let back = Runner::restore_str(s, &saved).unwrap();
    assert_eq!(back.mode(), Mode::Challenge);
}

#[test]
fn line_variants_apply_when_their_condition_holds_and_a_revisit_does_not_repeat() {
    let s = engine();
    for seed in 1..=10 {
        let mut r = Runner::new(s.clone(), seed);
        assert_eq!(r.line(), "Hi.");
        let mut seen = vec![];
        // (Round the loop as often as it may go: `LOOP_VISITS` entries in all.)
        for _ in 1..rapport::dialogue::LOOP_VISITS {
            pick(&mut r, "again");
            let l = r.line().to_string();
            assert!(["Back again?", "Round we go."].contains(&l.as_str()), "{l}");
            assert_ne!(seen.last(), Some(&l), "seed {seed}: repeated verbatim");
            seen.push(l);
        }
    }
}

#[test]
fn debrief_paragraphs_follow_the_session_and_quote_the_users_words() {
    let s = engine();
    // Through the gate with an I-statement.
    let mut r = Runner::new(s.clone(), 1);
    pick(&mut r, "b");
    r.say("I feel tired.", &TestScorer).unwrap();
    assert_eq!(r.state().node, "gate");
    r.say("It sounds like you're tired too.", &TestScorer)
        .unwrap();
    let Prompt::Ending { debrief, kind, .. } = r.view().prompt else {
        panic!("ended")
    };
    assert_eq!(kind, EndingKind::Good);
    assert_eq!(
        debrief,
        "Best: It sounds like you're tired too.\n\nYou went through the gate.\n\nYou used an I-statement.\n\n\
         Worst: Option B. Last: It sounds like you're tired too."
    );
    // Straight there: neither conditional paragraph.
    let mut r = Runner::new(s, 1);
    pick(&mut r, "a");
    r.say("It sounds like you're tired.", &TestScorer).unwrap();
    assert_eq!(r.shown_paragraphs(), [2]);
    assert!(!r.debrief().contains("gate") && !r.debrief().contains("I-statement"));
}

#[test]
fn placeholders_skip_crisis_replies_and_are_empty_without_replies() {
    let s = engine();
    let mut r = Runner::new(s.clone(), 1);
    assert_eq!(r.placeholder("best_reply"), "");
    pick(&mut r, "a");
    r.say("Sometimes I want to die.", &TestScorer).unwrap();
    assert_eq!(r.placeholder("last_reply"), "Option A");
    assert_eq!(r.placeholder("worst_reply"), "Option A");
    assert_eq!(r.fill("«{last_reply}» {unknown}"), "«Option A» {unknown}");
}

#[test]
fn a_state_saved_before_format_1_1_resumes() {
    let s = engine();
    let old = r#"(scenario: "engine", seed: 3, node: "talk", variant: 0,
        vars: {}, meters: {"trust": 5, "tension": 3}, path: ["hello", "talk"],
        transcript: [])"#;
    let mut r = Runner::restore_str(s, old).unwrap();
    assert_eq!(r.mode(), Mode::Practice);
    assert_eq!(r.line(), "So?");
    assert_eq!(
        r.say("1", &TestScorer).unwrap().turn.outcome,
        TurnOutcome::Clarify
    );
}

fn plan_run(inputs: Vec<Input>, path: &[&str], ending: Option<EndingKind>) -> PlanRun {
    PlanRun {
        name: "t".into(),
        inputs,
        path: path.iter().map(|s| s.to_string()).collect(),
        ending,
        scores: vec![],
    }
}

fn reply(text: &str, route: &str) -> Input {
    Input::Reply {
        text: text.into(),
        route: route.into(),
    }
}

#[test]
fn plans_assert_the_route_by_label_number_or_kind() {
    let s = engine();
    let id = |s: &str| Input::Pick(OptionRef::Id(s.into()));
    let ok = plan_run(
        vec![
            id("b"),
            reply("1", "clarify"),
            reply("I feel tired.", "feel"),
            reply("It sounds like you are.", "1"),
        ],
        &["hello", "talk", "gate", "good"],
        Some(EndingKind::Good),
    );
    let r = check_session(scripted(s.clone(), 4), &ok);
    assert!(r.passed(), "{:?}", r.failure);
    assert_eq!(r.trace.len(), 4);
    assert!(r.trace[1].contains("route clarify"), "{}", r.trace[1]);
    let walk = plan_run(
        vec![
            id("b"),
            reply("1", "clarify"),
            reply("1", "fallback"),
            reply("1", "clarify"),
            reply("1", "walk_away"),
        ],
        &["hello", "talk", "gate", "walked"],
        Some(EndingKind::Hard),
    );
    let r = check_session(scripted(s.clone(), 4), &walk);
    assert!(r.passed(), "{:?}", r.failure);
    let wrong = plan_run(vec![id("b"), reply("I feel tired.", "attack")], &[], None);
    let r = check_session(scripted(s, 4), &wrong);
    let f = r.failure.expect("a wrong route fails");
    assert!(
        f.contains("step 2") && f.contains("expected route `attack`") && f.contains("feel"),
        "{f}"
    );
}

#[test]
fn plans_parse_picks_by_id_and_number_replies_and_mode() {
    let plan: RawTestPlan = ron_options()
        .from_str(
            r#"TestPlan(seed: 7, mode: Challenge, runs: [Run(name: "x", inputs: [
                Pick("sit_with_me"), Pick(2), Say("hi"), Reply(text: "It sounds hard.", route: "heard"),
            ])])"#,
        )
        .unwrap();
    assert_eq!(plan.mode, Mode::Challenge);
    assert_eq!(
        plan.runs[0].inputs,
        [
            Input::Pick(OptionRef::Id("sit_with_me".into())),
            Input::Pick(OptionRef::Index(2)),
            Input::Say("hi".into()),
            reply("It sounds hard.", "heard"),
        ]
    );
}

/// Plays a scenario carelessly: the first option on screen, and "1" at every typed prompt.
fn lazy_run(s: &Arc<Scenario>, seed: u64, scorer: &dyn Scorer) -> (Option<EndingKind>, usize) {
    lazy_run_saying(s, seed, scorer, "1")
}

/// Plays `s` picking the first option on screen (shuffled per seed) and typing `said` at every
/// free-text node; the ending reached and the inputs it took.
fn lazy_run_saying(
    s: &Arc<Scenario>,
    seed: u64,
    scorer: &dyn Scorer,
    said: &str,
) -> (Option<EndingKind>, usize) {
    lazy_run_with(s, seed, scorer, |_| said.to_string())
}

/// Plays `s` picking the first option on screen and typing what `say` makes of the runner at every
/// free-text node; the ending reached and the inputs it took.
fn lazy_run_with(
    s: &Arc<Scenario>,
    seed: u64,
    scorer: &dyn Scorer,
    say: impl Fn(&Runner) -> String,
) -> (Option<EndingKind>, usize) {
    play(s, seed, scorer, |_, _| 0, say)
}

/// Plays `s` for at most 80 inputs, choosing the on-screen option `pick` gives (from the node's
/// options in file order and those shown) and typing what `say` makes of the runner at every
/// free-text node; the ending reached and the inputs it took.
fn play(
    s: &Arc<Scenario>,
    seed: u64,
    scorer: &dyn Scorer,
    pick: impl Fn(&[rapport::scenario::Choice], &[rapport::dialogue::OptionView]) -> usize,
    mut say: impl FnMut(&Runner) -> String,
) -> (Option<EndingKind>, usize) {
    let mut r = Runner::new(s.clone(), seed);
    let ending = |r: &Runner| match &s.node(&r.state().node).unwrap().then {
        Then::Ending { kind, .. } => Some(*kind),
        _ => None,
    };
    for n in 0..80 {
        if r.is_finished() {
            return (ending(&r), n);
        }
        match (&s.node(&r.state().node).unwrap().then, r.view().prompt) {
            (Then::Options(choices), Prompt::Options(shown)) => {
                r.choose(pick(choices, &shown), scorer).map(|_| ())
            }
            _ => {
                let said = say(&r);
                r.say(&said, scorer).map(|_| ())
            }
        }
        .unwrap_or_else(|e| panic!("{}: {e}", s.id));
    }
    (ending(&r), 80)
}

#[test]
fn careless_play_never_wins_and_always_ends_in_every_shipped_scenario() {
    let files = discover(&[PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenarios")]);
    assert!(files.len() >= 16);
    let mut failures = Vec::new();
    for f in &files {
        let s = Arc::new(
            load_file(f)
                .scenario
                .unwrap_or_else(|| panic!("{} loads", f.display())),
        );
        let scorer = RuleScorer::for_scenario(&s.lexicon);
        for seed in 1..=10 {
            match lazy_run(&s, seed, &scorer) {
                (Some(EndingKind::Good), n) => failures.push(format!(
                    "{} seed {seed}: good ending after {n} inputs",
                    s.id
                )),
                (None, _) => {
                    failures.push(format!("{} seed {seed}: no ending within 80 inputs", s.id))
                }
                _ => {}
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn stock_phrases_typed_at_every_turn_never_win_a_shipped_scenario() {
    // A play test reached spare-key's good ending typing "I hear you" where Umma explains herself.
    // ("Tell me more" is a real invitation and may earn its route once; typed again at later turns
    // it earns none: `the_same_words_typed_again_at_another_node_take_no_route_for_their_strength`.)
    let scenarios = common::shipped();
    assert!(scenarios.len() >= 24, "{} scenarios", scenarios.len());
    let mut failures = Vec::new();
    for s in &scenarios {
        let scorer = RuleScorer::for_scenario(&s.lexicon);
        for said in [
            "I hear you",
            "yeah fair",
            "sorry",
            "thanks",
            "that's a lot",
            "makes sense",
            "that must be hard",
            "why?",
            // A twenty-fifth play test's lazy replies ("sorry u feel that way" had read as a complex
            // reflection, "k night" as a reflection of "every night").
            "sorry u feel that way",
            "whatever, ur the expert",
            "k night",
            "cant be bothered tbh",
            "lol ok",
            "gtg",
        ] {
            for seed in 1..=4 {
                if let (Some(EndingKind::Good), n) = lazy_run_saying(s, seed, &scorer, said) {
                    failures.push(format!(
                        "{} seed {seed} {said:?}: good ending after {n}",
                        s.id
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Plays `s` as a user who knows which options are good (the one with the most strength tags and
/// fewest pitfalls) and types the `k`th of `formulas` at the `k`th free-text prompt (cycling): the
/// ending reached.
fn formula_run(
    s: &Arc<Scenario>,
    seed: u64,
    scorer: &dyn Scorer,
    formulas: &[&str],
) -> Option<EndingKind> {
    let worth = |tags: &[Code]| {
        tags.iter()
            .map(|t| match t.is_strength() {
                Some(true) => 1,
                Some(false) => -2,
                None => 0,
            })
            .sum::<i32>()
    };
    let best = |choices: &[rapport::scenario::Choice], shown: &[rapport::dialogue::OptionView]| {
        shown
            .iter()
            .max_by_key(|o| {
                (
                    worth(&choices[o.file_index].tags),
                    std::cmp::Reverse(o.index),
                )
            })
            .map_or(0, |o| o.index)
    };
    let mut typed = 0;
    play(s, seed, scorer, best, |_| {
        typed += 1;
        formulas[(typed - 1) % formulas.len()].to_string()
    })
    .0
}

/// The scorer with every strength taken out of a typed reply's reading: what a reply that earns
/// nothing for its strengths routes as.
struct Strengthless<'a>(&'a RuleScorer);

impl Scorer for Strengthless<'_> {
    fn analyse(&self, reply: Reply<'_>) -> Analysis {
        let mut a = self.0.analyse(reply);
        if reply.tags.is_empty() {
            let kept: Vec<Code> = a
                .codes
                .iter()
                .copied()
                .filter(|c| a.is_strength_of(*c) != Some(true))
                .collect();
            a.codes = kept;
        }
        a
    }
}

#[test]
fn formulas_that_fit_any_line_earn_nothing_for_their_strengths() {
    // A twenty-sixth play test picked the best-tagged option at every choice and typed stock formulas
    // at the prompts between; it reached the good ending of all 24 scenarios. A formula says nothing
    // of what was heard (`answer::is_generic`), and "So anyway, …" leaves it
    // (`answer::changes_subject`): neither takes a route for the strengths the scorer reads in it, so
    // a run typing them ends no better than the same run read with every typed strength taken out.
    earn_nothing_for_strengths(&[
        "So what I'm hearing is you feel sad and I understand and I appreciate you.",
        "I hear you. I feel sad when that happens. Could we talk about it?",
        "It sounds like you're feeling a lot right now, I hear you.",
        "That sounds really hard. I hear you. Tell me more.",
        "So anyway, how's everything else going?",
        "I appreciate you. I'd like us to make a plan together, how about we do that?",
    ]);
}

#[test]
fn praise_that_names_nothing_and_empty_templates_earn_nothing_for_their_strengths() {
    // The twenty-sixth and twenty-eighth play tests' gaming users: praise that names no strength
    // counted as sunday-with-ba's offer, and a two-sided template with placeholders for sides took
    // the route written for a real reflection at 48 of 73 prompts (`answer::is_generic`). A broad
    // feeling guessed at a line is left out here: it routes where the line states distress, as it
    // should; `answer`'s unit tests and the twenty-seventh play test's matrix in docs/scoring.md read
    // it prompt by prompt.
    earn_nothing_for_strengths(&[
        "I appreciate you, I value you, and I'm really proud of you.",
        "Part of you wants one thing, and part of you wants something else.",
        "I value you so much and I'm proud of everything you do.",
    ]);
}

#[test]
fn templates_with_their_blanks_left_in_earn_nothing_for_their_strengths() {
    // A thirtieth play test's gaming user reached all fourteen client scenarios' good endings with
    // templates whose blanks were never filled (`answer::has_placeholder`).
    earn_nothing_for_strengths(&[
        "I feel X when you Y because Z. could you please Z",
        "I feel feelings. it sounds like u feel things too",
        "how about we X?",
        "I'm not able to X; I can Y. I understand.",
        "I feel I statement could you please i understand it sounds like",
        // The app's own hint, pasted with its ellipses (a thirty-second play test).
        "I feel … when …; could we …?",
        "I feel... when you... could we...?",
    ]);
}

#[test]
fn small_talk_the_scenario_never_mentions_earns_nothing_for_its_strengths() {
    // A thirty-second play test: off-topic open questions typed at every prompt reached nine of ten
    // therapist scenarios' good endings (before-the-birthday's safety plan among them), and an
    // I-statement about singing and dancing ten of fourteen client scenarios' (`answer::off_topic`).
    // (Small talk no shipped scenario mentions: where one does, "How was breakfast?" is on its
    // subject, as skipped-hagwon's breakfast row is.)
    let formulas = [
        "what's your favourite film?",
        "any good movies on netflix?",
        "what kind of pizza do you like?",
        "I feel happy about your golf. Could we get pizza and a concert?",
        "Do you like golf?",
    ];
    for s in common::shipped() {
        let words = rapport::scoring::text::word_stems(&std::fs::read_to_string(&s.path).unwrap());
        for w in ["film", "movie", "netflix", "pizza", "concert", "golf"] {
            let stem = rapport::scoring::text::stem(w);
            assert!(!words.iter().any(|x| x == stem), "{} mentions {w}", s.id);
        }
    }
    earn_nothing_for_strengths(&formulas);
}

#[test]
fn a_minimal_encourager_keeps_the_story_going_once() {
    // A thirty-second play test's trainee typed "go on", "tell me more" and "keep going" at
    // thursdays-without-danny's three prompts, picked the options between, and reached the good
    // ending. The first takes its route; the next, at the next prompt, answers nothing said since.
    let s = common::shipped()
        .into_iter()
        .find(|s| s.id == "thursdays-without-danny")
        .unwrap();
    let scorer = RuleScorer::for_scenario(&s.lexicon);
    let mut r = Runner::new(s.clone(), 1);
    let pick = |r: &Runner, text: &str| {
        let Prompt::Options(shown) = r.view().prompt else {
            panic!("not at options");
        };
        shown.iter().find(|o| o.text.contains(text)).unwrap().index
    };
    let i = pick(&r, "What was he like?");
    r.choose(i, &scorer).unwrap();
    let out = r.say("go on", &scorer).unwrap();
    assert_eq!(r.route_name(&out.turn).as_deref(), Some("go_on"));
    let out = r.say("tell me more about that", &scorer).unwrap();
    assert_eq!(r.route_name(&out.turn).as_deref(), Some("fallback"));
    let tip = &out.turn.analysis.tips[0].text;
    assert!(tip.starts_with("You asked them to go on before"), "{tip}");
    // The question is still an open question; only its strength goes uncounted.
    assert!(out.turn.analysis.has(Code::OpenQuestion));
    assert!(out.turn.analysis.uncounted);
}

/// Plays every shipped scenario with the best options and `formulas` typed in turn (two seeds, each
/// formula first once) and fails where a run ends better than the same run read with every typed
/// strength taken out.
fn earn_nothing_for_strengths(formulas: &[&str]) {
    let scenarios = common::shipped();
    let rank = |k: Option<EndingKind>| match k {
        Some(EndingKind::Good) => 3,
        Some(EndingKind::Mixed) => 2,
        Some(EndingKind::Hard) => 1,
        _ => 0,
    };
    let mut failures = Vec::new();
    let mut good = 0;
    for s in &scenarios {
        let scorer = RuleScorer::for_scenario(&s.lexicon);
        for seed in 1..=2 {
            for start in 0..formulas.len() {
                let order: Vec<&str> = formulas[start..]
                    .iter()
                    .chain(&formulas[..start])
                    .copied()
                    .collect();
                let got = formula_run(s, seed, &scorer, &order);
                let earned_nothing = formula_run(s, seed, &Strengthless(&scorer), &order);
                good += usize::from(got == Some(EndingKind::Good));
                if rank(got) > rank(earned_nothing) {
                    failures.push(format!(
                        "{} seed {seed}, formulas from {start}: {got:?}, against {earned_nothing:?} with no strength read",
                        s.id
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} runs ended better for the formulas' strengths ({good} good endings in all):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// What a careless user types back of the line on screen: its longest word, its last two words or
/// its last sentence, alone or after "So" or "It sounds like".
fn said_back(line: &str, how: usize) -> String {
    let words: Vec<&str> = line
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .collect();
    match how {
        0 => words.iter().max_by_key(|w| w.len()).unwrap().to_string() + ".",
        1 => words[words.len().saturating_sub(2)..].join(" ") + ".",
        _ => {
            let body = line.trim_end_matches(['.', '!', '?', ' ']);
            let cut = body.rfind(['.', '!', '?']).map_or(0, |k| k + 1);
            let last = body[cut..].trim().to_string() + ".";
            // Behind an opener, as a nineteenth play test typed it: "So …", "It sounds like …".
            match how {
                2 => last,
                3 => format!("So {last}"),
                _ => format!("It sounds like {last}"),
            }
        }
    }
}

#[test]
fn the_line_said_back_at_every_turn_never_wins_a_shipped_scenario() {
    // A seventeenth play test's "Mayfield." took six-weeks' route for reflecting, and an eighteenth's
    // pasted sentences ("He had work at seven, so he cycled.") reached four therapist scenarios' good
    // endings, a nineteenth's behind "So" or "It sounds like" 29 of 200: a careless user who types
    // back the line's longest word, its last two words or its last sentence (alone or behind an
    // opener) at every prompt (after a clarify, of the line it asked about) earns no good ending.
    let scenarios = common::shipped();
    let mut failures = Vec::new();
    for s in &scenarios {
        let scorer = RuleScorer::for_scenario(&s.lexicon);
        for seed in 1..=3 {
            for how in 0..5 {
                let said = |r: &Runner| said_back(r.answered_line(), how);
                if let (Some(EndingKind::Good), n) = lazy_run_with(s, seed, &scorer, said) {
                    failures.push(format!("{} seed {seed} way {how}: good after {n}", s.id));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_explorer_shows_non_answers_paragraphs_and_false_claims() {
    use rapport::dialogue::explore::{Limits, explore_from};
    let src = ENGINE
        .replace(
            "Choice(id: \"b\", text: \"Option B\"",
            "Choice(id: \"b\", text: \"Let me say it plainly\"",
        )
        .replace(
            "debrief: \"Partly.\"",
            "debrief: \"You said \\\"let me say it plainly\\\" and Sam heard it.\"",
        );
    let start = rapport::dialogue::Session::with_scorer(
        Runner::new(scenario_from(&src), 0),
        Arc::new(TestScorer),
    );
    let ex = explore_from(start, Limits::default());
    assert!(ex.walk_aways > 0 && ex.clarified > 0, "{ex:?}");
    assert!(ex.endings.contains_key("walked"));
    let good = &ex.paragraphs["good"];
    let total = ex.endings["good"].1;
    assert_eq!(
        good[2].sure, total,
        "the unconditional paragraph always shows"
    );
    assert_eq!(
        good[3].can, 0,
        "tension never reaches 6 on the way to a good ending"
    );
    assert!(good[0].sure > 0 && good[0].sure < total, "{good:?}");
    assert!(
        good[1].can > good[1].sure,
        "a typed reply may or may not be an I-statement"
    );
    let claim = ex
        .claims
        .iter()
        .find(|c| c.ending == "mixed")
        .expect("the mixed debrief quotes an option some paths never picked");
    assert!(claim.message.contains("not picked"), "{claim:?}");
    assert!(
        ex.good_by_fallback > 0,
        "a fallback reaches the gate and then the good ending"
    );
    assert!(ex.weakest_good.is_some());
}

#[test]
fn a_reply_the_scorer_would_praise_that_takes_the_fallback_gets_the_hint_not_good_move() {
    // A play test: "same" (an I-statement) and "I'm sorry, I didn't realise." took fallbacks with
    // "Good move" beside the other person's puzzled answer.
    let mut r = Runner::new(engine(), 1);
    pick(&mut r, "b"); // trust stays 5: the reflection route needs 6
    let said = "It sounds like you're tired.";
    let scorer = RuleScorer::builtin();
    let praised = scorer.analyse(r.typed_reply(said));
    assert!(
        praised.tips.iter().any(|t| scorer.tips().is_praise(t)),
        "the scorer alone praises it: {:?}",
        praised.tips
    );
    let out = r.say(said, scorer).unwrap();
    assert_eq!(out.turn.route, None, "the fallback");
    let tips: Vec<&str> = out.turn.analysis.tips.iter().map(|t| &*t.text).collect();
    assert_eq!(tips, ["Say how you feel."]);
}

#[test]
fn a_praised_reply_whose_route_only_sets_things_back_gets_the_hint_not_good_move() {
    // A play test: ending-it-kindly's `waver` route (trust down, tension up) took "how about we just
    // take a break" with "Good move: you said it directly and kindly" beside it.
    let feel = r#"Route(label: "feel", when: Code(IStatement), to: "gate")"#;
    let worse = ENGINE.replace(
        feel,
        r#"Route(label: "feel", when: Code(IStatement), to: "gate", effects: [Meter("trust", -1), Meter("tension", 1)])"#,
    );
    assert_ne!(worse, ENGINE, "the route to change is in the fixture");
    let said = "I feel tired and I'd like an early night.";
    let scorer = RuleScorer::builtin();
    let tips_after = |src: &str| {
        let mut r = Runner::new(scenario_from(src), 1);
        pick(&mut r, "b");
        let out = r.say(said, scorer).unwrap();
        assert_eq!(r.route_name(&out.turn).as_deref(), Some("feel"));
        out.turn.analysis.tips
    };
    let kept = tips_after(ENGINE);
    assert!(
        kept.iter().any(|t| scorer.tips().is_praise(t)),
        "a route that moves nothing keeps the praise: {kept:?}"
    );
    let replaced = tips_after(&worse);
    let texts: Vec<&str> = replaced.iter().map(|t| &*t.text).collect();
    assert_eq!(texts, ["Say how you feel."]);
}

/// A word or two of the line said back (an echo) takes no route for a reflection, whatever the scorer
/// codes it; the meaning said back does (a seventeenth play test's "Mayfield." had taken six-weeks'
/// route for reflecting).
#[test]
fn an_echo_of_a_word_takes_no_route_for_a_reflection() {
    let src = ENGINE.replace(
        r#"lines: ["Hm."],"#,
        r#"lines: ["Three days, and I lose Mayfield Park. I don't know who I am."],"#,
    );
    assert_ne!(src, ENGINE, "the line to change is in the fixture");
    let scorer = RuleScorer::builtin();
    let at_gate = || {
        let mut r = Runner::new(scenario_from(&src), 1);
        pick(&mut r, "b");
        r.say("I feel tired.", scorer).unwrap();
        assert_eq!(r.state().node, "gate");
        r
    };
    let mut r = at_gate();
    let echo = "Three days.";
    assert!(
        scorer
            .analyse(r.typed_reply(echo))
            .has(Code::SimpleReflection),
        "the scorer alone codes the echo a simple reflection"
    );
    let out = r.say(echo, scorer).unwrap();
    assert_eq!(out.turn.route, None, "the fallback");
    let tips: Vec<&str> = out.turn.analysis.tips.iter().map(|t| &*t.text).collect();
    let want = scorer.tips().echo();
    assert_eq!(tips, [&*want.text]);
    let mut r = at_gate();
    let out = r
        .say("Losing the park feels like losing who you are.", scorer)
        .unwrap();
    assert_eq!(r.route_name(&out.turn).as_deref(), Some("heard"));
}

/// The runner where the named run of a shipped scenario's test plan ends; the run must pass.
fn played(id: &str, run: &str) -> Runner {
    let file = common::shipped_files()
        .into_iter()
        .find(|p| p.file_stem().is_some_and(|s| s == id))
        .unwrap_or_else(|| panic!("no shipped scenario {id}"));
    let plan = load_plan(&file.with_extension("test.ron")).expect("its test plan loads");
    let scenario = Arc::new(load_file(&file).scenario.expect("it loads"));
    let run = plan
        .run(Some(run))
        .unwrap_or_else(|| panic!("no run {run:?}"));
    let result = check_run(scenario, plan.seed, run);
    assert!(result.passed(), "{:?}", result.failure);
    result.runner
}

/// The lines written for what was said (an eighteenth play test): Nadia answers a request about
/// Ammi's things before the agent, Gwen another day asked for, and ammis-kitchen's mixed ending does
/// not say Ammi went unmentioned after memories were shared.
#[test]
fn the_other_person_answers_what_was_said() {
    let line = |id: &str, run: &str| played(id, run).view().line;
    let tawa = line(
        "ammis-kitchen",
        "a request for one of her things, typed carelessly, is a request",
    );
    assert!(tawa.starts_with("Of course. Nothing of hers"), "{tawa}");
    let agent = line(
        "ammis-kitchen",
        "a request about the timing is answered about the agent",
    );
    assert!(!agent.starts_with("Of course. Nothing of hers"), "{agent}");
    assert!(agent.contains("agent"), "{agent}");
    // The run picks `reflect_loud`: Nadia's loud, busy Ammi was remembered.
    let ending = line("ammis-kitchen", "typed-passive-and-advice");
    assert!(ending.contains("Her hand rests on the lid"), "{ending}");
    let day = line("the-plot-next-door", "another day asked for is answered");
    assert!(day.contains("the walk's on Wednesdays"), "{day}");
}

#[test]
fn mentions_reads_whole_words_phrases_and_endings() {
    use rapport::dialogue::mentions;
    let w = |xs: &[&str]| xs.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    let none = std::collections::BTreeMap::new();
    let lists = std::collections::BTreeMap::from([("food".to_string(), w(&["caldo", "soup"]))]);
    assert!(mentions(
        "oh nice, so hows the DINNER planning going?",
        &w(&["dinner"]),
        &none
    ));
    assert!(mentions("Are your uncles coming?", &w(&["uncle*"]), &none));
    assert!(mentions("How's your mum doing?", &w(&["your mum"]), &none));
    assert!(!mentions(
        "How's your mother doing?",
        &w(&["your mum"]),
        &none
    ));
    assert!(!mentions("dinnertime already", &w(&["dinner"]), &none));
    assert!(!mentions("It sounds heavy.", &w(&["*", "!!"]), &none));
    assert!(mentions("she makes me caldo", &w(&["@food"]), &lists));
    assert!(!mentions("she makes me caldo", &w(&["@drinks"]), &lists));
}

/// `Words` counts runs of letters or digits, as `Mentions` reads them; and a one-word answer to
/// "Tell her something real about yourself" no longer takes the-plot-next-door's sharing route.
#[test]
fn words_counts_what_was_said_and_keeps_sharing_for_sentences() {
    use rapport::dialogue::word_count;
    assert_eq!(word_count("leeds"), 1);
    assert_eq!(word_count("I don't — know, 2 days!"), 5);
    assert_eq!(word_count("…?"), 0);
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios/role-transitions/the-plot-next-door.ron");
    let s = Arc::new(load_file(&path).scenario.expect("the-plot-next-door loads"));
    let scorer = RuleScorer::for_scenario(&s.lexicon);
    let route_for = |reply: &str| {
        let mut r = Runner::new(s.clone(), 1308);
        pick(&mut r, "best_plot");
        r.say(reply, &scorer).expect("a typed reply at where_from");
        let turn = r.state().transcript.last().expect("a turn").clone();
        r.route_name(&turn)
    };
    assert_eq!(route_for("leeds").as_deref(), Some("brief"));
    assert_eq!(
        route_for("I'm from Leeds, and I taught at a primary school there for thirty years.")
            .as_deref(),
        Some("shares")
    );
}
