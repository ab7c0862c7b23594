//! Every scorer code with positive and negative examples, including the hard cases (sarcasm with positive words, polite passivity, disguised you-statements, hostile questions, no punctuation, negation, reported speech).

use rapport::scoring::metrics::{Rating, SessionMetrics};
use rapport::scoring::{
    Analysis, Behaviour, Code, Dimension, Perspective, Reply, RuleScorer, Scorer, Style,
};

fn run(text: &str, context: Option<&str>, p: Perspective) -> Analysis {
    RuleScorer::builtin().analyse(Reply::typed(text, context, p))
}

fn client(text: &str) -> Analysis {
    run(text, None, Perspective::Client)
}

fn therapist(text: &str, context: &str) -> Analysis {
    run(text, Some(context), Perspective::Therapist)
}

#[track_caller]
fn has(a: &Analysis, text: &str, code: Code) {
    assert!(
        a.has(code),
        "expected {code:?} in {text:?}\n  got codes {:?}, style {:?}",
        a.codes,
        a.style
    );
}

#[track_caller]
fn lacks(a: &Analysis, text: &str, code: Code) {
    assert!(
        !a.has(code),
        "did not expect {code:?} in {text:?}\n  got codes {:?}, style {:?}",
        a.codes,
        a.style
    );
}

/// Checks that one of the reply's tips contains `needle`.
#[track_caller]
fn has_tip(a: &Analysis, needle: &str) {
    assert!(
        a.tips.iter().any(|t| t.text.contains(needle)),
        "expected a tip with {needle:?}, got {:?}",
        a.tips
    );
}

/// Checks that none of the reply's tips contains `needle`.
#[track_caller]
fn lacks_tip(a: &Analysis, needle: &str) {
    assert!(
        a.tips.iter().all(|t| !t.text.contains(needle)),
        "expected no tip with {needle:?}, got {:?}",
        a.tips
    );
}

/// Checks that `score` finds `code` in every one of `texts` (`want`), or in none of them.
#[track_caller]
fn check(score: impl Fn(&str) -> Analysis, code: Code, texts: &[&str], want: bool) {
    for t in texts {
        if want {
            has(&score(t), t, code);
        } else {
            lacks(&score(t), t, code);
        }
    }
}

#[track_caller]
fn yes(code: Code, texts: &[&str]) {
    check(client, code, texts, true);
}

#[track_caller]
fn no(code: Code, texts: &[&str]) {
    check(client, code, texts, false);
}

/// A client reply scored by the rules alone, so a learned veto cannot hide a rule misfire.
fn by_rules(text: &str) -> Analysis {
    static RULES: std::sync::OnceLock<RuleScorer> = std::sync::OnceLock::new();
    RULES
        .get_or_init(|| RuleScorer::builtin().with_model(None))
        .analyse(Reply::typed(text, None, Perspective::Client))
}

/// A therapist's reply to `line`, scored by the rules alone.
fn by_rules_after(text: &str, line: &str) -> Analysis {
    RuleScorer::builtin().with_model(None).analyse(Reply::typed(
        text,
        Some(line),
        Perspective::Therapist,
    ))
}

#[track_caller]
fn rules_yes(code: Code, texts: &[&str]) {
    check(by_rules, code, texts, true);
}

#[track_caller]
fn rules_no(code: Code, texts: &[&str]) {
    check(by_rules, code, texts, false);
}

#[track_caller]
fn style(expected: Style, texts: &[&str]) {
    for t in texts {
        let a = client(t);
        assert_eq!(a.style, expected, "style of {t:?} (codes {:?})", a.codes);
    }
}

// ---------------------------------------------------------------- questions

#[test]
fn open_questions() {
    yes(
        Code::OpenQuestion,
        &[
            "What was that like for you?",
            "How did you two leave it?",
            "Tell me about the last time you spoke.",
            "Could you tell me more about that?",
            "so what happened after that",
        ],
    );
    no(
        Code::OpenQuestion,
        &["Did you call her?", "How old is he?", "What a mess."],
    );
}

#[test]
fn closed_questions() {
    yes(
        Code::ClosedQuestion,
        &[
            "Did you call her?",
            "How old is he?",
            "Is he still at home?",
            "how many times did that happen",
            "do you want to talk about it",
        ],
    );
    no(
        Code::ClosedQuestion,
        &["I called her yesterday.", "What was that like for you?"],
    );
}

#[test]
fn questions_that_are_really_criticism_are_not_listening() {
    for t in [
        "Why can't you ever clean up after yourself?",
        "What is wrong with you?",
        "Do you ever listen to a word I say?",
    ] {
        let a = client(t);
        has(&a, t, Code::Criticism);
        lacks(&a, t, Code::OpenQuestion);
        lacks(&a, t, Code::ClosedQuestion);
    }
}

// ---------------------------------------------------------------- reflections

#[test]
fn simple_reflection_from_overlap_without_a_stem() {
    let ctx = "I haven't slept properly since the funeral.";
    let t = "You haven't slept properly since the funeral.";
    let a = therapist(t, ctx);
    has(&a, t, Code::SimpleReflection);
    lacks(&a, t, Code::ClosedQuestion);
}

#[test]
fn complex_reflection_adds_a_feeling() {
    let ctx = "He just left. Twenty years and he packed a bag.";
    for t in [
        "Part of you is angry with him for leaving, and part of you misses him terribly.",
        "It sounds like you feel abandoned.",
    ] {
        let a = therapist(t, ctx);
        has(&a, t, Code::ComplexReflection);
    }
}

#[test]
fn reflections_checked_with_a_tag_are_not_questions() {
    let ctx = "Nobody at work answered when I spoke in the meeting.";
    let t = "It sounds like you didn't feel heard at work, is that right?";
    let a = therapist(t, ctx);
    assert!(a.has(Code::Reflection), "{:?}", a.codes);
    lacks(&a, t, Code::ClosedQuestion);
}

#[test]
fn no_reflection_when_nothing_is_said_back() {
    let ctx = "My sister hasn't called in weeks.";
    for t in ["The weather is nice today.", "I went to the shops."] {
        let a = therapist(t, ctx);
        assert!(!a.has(Code::Reflection), "{t}: {:?}", a.codes);
    }
}

#[test]
fn a_restatement_ending_in_an_explicit_check_is_a_reflection() {
    let ctx = "i am sad";
    for t in [
        "Your boyfriend dumped you, is that correct?",
        "It seems to me that you feel you can not trust a friend, correct me if I'm wrong?",
    ] {
        let a = therapist(t, ctx);
        assert!(a.has(Code::Reflection), "{t}: {:?}", a.codes);
        lacks(&a, t, Code::ClosedQuestion);
    }
    // An open question after "so" is still a question.
    let t = "So now what do we do?";
    let a = therapist(t, "ok");
    has(&a, t, Code::OpenQuestion);
    assert!(!a.has(Code::Reflection), "{t}: {:?}", a.codes);
}

#[test]
fn a_reflection_that_also_praises_stays_a_reflection() {
    let ctx = "I've been trying so hard to help my friend through this.";
    let t = "I can tell that you care about your friend and you are trying so hard.";
    let a = therapist(t, ctx);
    assert!(a.has(Code::Reflection), "{t}: {:?}", a.codes);
    // Praise of a plan is an affirmation, not a reflection.
    let t = "That sounds like a great idea!";
    let a = therapist(t, "I might join a walking group.");
    assert!(!a.has(Code::Reflection), "{t}: {:?}", a.codes);
}

#[test]
fn no_reflection_in_bare_understanding_small_talk_or_own_story() {
    for (t, ctx) in [
        (
            "Okay, I understand.",
            "I don't want to involve my family in this.",
        ),
        (
            "You're welcome, have a good night too!",
            "Thank you so much, have a good night.",
        ),
        ("Merry Christmas to you too!", "Merry Christmas to you!"),
        ("You need to press quit now.", "I need to go now."),
        (
            "The cold always makes me feel run down.",
            "I used to live up north but the cold got to me.",
        ),
        // A stem with nothing said back after it.
        (
            "I hear you.",
            "My mum has a neurological condition and the doctors are no help.",
        ),
    ] {
        let a = therapist(t, ctx);
        assert!(!a.has(Code::Reflection), "{t}: {:?}", a.codes);
    }
}

#[test]
fn summary() {
    let ctx = "I lost my job, then the flat, and now my partner wants a break.";
    let t = "So far you've told me you lost your job, then the flat, and now your partner wants a break.";
    has(&therapist(t, ctx), t, Code::Summary);
    let t = "You lost your job.";
    lacks(&therapist(t, ctx), t, Code::Summary);
}

// ---------------------------------------------------------------- affirmation, advice, reassurance, self-focus

#[test]
fn affirmation() {
    yes(
        Code::Affirmation,
        &[
            "You kept going to work through all of that.",
            "That took real courage.",
        ],
    );
    no(
        Code::Affirmation,
        &[
            "You went to work.",
            "Do you tell them you're trying your best?",
        ],
    );
}

#[test]
fn advice() {
    yes(
        Code::Advice,
        &[
            "You should talk to your boss.",
            "Have you tried going for a walk?",
            "Try writing it down before you call her.",
            "maybe you could ask him directly",
        ],
    );
    no(
        Code::Advice,
        &["What have you tried so far?", "I talked to my boss."],
    );
}

#[test]
fn asked_for_advice_costs_nothing() {
    let scorer = RuleScorer::builtin();
    let t = "You could ask him for a weekly call.";
    let asked = scorer.analyse(Reply::typed(
        t,
        Some("What should I do?"),
        Perspective::Therapist,
    ));
    let unasked = scorer.analyse(Reply::typed(
        t,
        Some("He never calls."),
        Perspective::Therapist,
    ));
    assert!(asked.has(Code::Advice) && unasked.has(Code::Advice));
    assert!(asked.scores.active_listening > unasked.scores.active_listening);
}

#[test]
fn advice_after_asking_leave_costs_nothing_and_is_not_called_unasked() {
    let scorer = RuleScorer::builtin();
    let ctx = Some("He never calls.");
    let leave = "Would it be okay if I made a suggestion? You could ask him for a weekly call.";
    let a = scorer.analyse(Reply::typed(leave, ctx, Perspective::Therapist));
    let bare = scorer.analyse(Reply::typed(
        "You could ask him for a weekly call.",
        ctx,
        Perspective::Therapist,
    ));
    assert!(a.has(Code::Advice) && a.has(Code::PersuadeWithPermission));
    assert_eq!(a.label_of(Code::Advice), "advice with permission");
    assert_eq!(a.is_strength_of(Code::Advice), None);
    assert_eq!(bare.label_of(Code::Advice), "unasked advice");
    assert_eq!(bare.is_strength_of(Code::Advice), Some(false));
    let no_tip = |x: &Analysis| !x.tips.iter().any(|t| t.text.contains("righting reflex"));
    assert!(no_tip(&a), "{:?}", a.tips);
    assert!(
        !a.explanation(Dimension::ActiveListening)
            .contains("unasked advice")
    );
    assert!(
        a.explanation(Dimension::ActiveListening)
            .contains("not counted against you")
    );
    assert!(!no_tip(&bare), "{:?}", bare.tips);
}

#[test]
fn every_code_that_moves_a_score_is_named() {
    // Six codes move active listening here: a reply's explanation once named only the first four
    // (gains first), so two of the penalties went unsaid.
    let t = "You should have seen it coming? Don't be silly, it'll all be fine. Have you tried talking to your sister? What did the doctor say? I went through the same thing with my dad.";
    let a = therapist(t, "I keep thinking I should have seen it coming.");
    let e = a.explanation(Dimension::ActiveListening);
    for part in [
        "open question",
        "closed question",
        "unasked advice",
        "dismissive reassurance",
        "turning to yourself",
        "persuading",
    ] {
        assert!(e.contains(part), "{part:?} missing from {e:?}");
    }
}

#[test]
fn dismissive_reassurance() {
    yes(
        Code::Reassurance,
        &[
            "Don't worry, it'll be fine.",
            "Cheer up, it could be worse.",
            "everything happens for a reason",
        ],
    );
    no(
        Code::Reassurance,
        &["That sounds worrying.", "I worry about that too."],
    );
    // Generic encouragement about the outcome closes the feeling the same way (round 22's rules).
    check(
        |t| therapist(t, "I lost my job last week and I don't know what to do."),
        Code::Reassurance,
        &[
            "You can do it!",
            "I'm sure you will find something soon.",
            "you're not alone, nobody's perfect",
        ],
        true,
    );
}

#[test]
fn self_focus() {
    yes(
        Code::SelfFocus,
        &[
            "When I was your age I went through the same thing.",
            "Me too, my dad was like that.",
        ],
    );
    no(
        Code::SelfFocus,
        &["You went through a lot.", "What was that like?"],
    );
}

// ---------------------------------------------------------------- assertiveness

#[test]
fn i_statements() {
    yes(
        Code::IStatement,
        &[
            "I feel hurt when plans change at the last minute.",
            "I'm exhausted and I need a hand with the kids.",
            "i need some quiet in the evenings",
        ],
    );
    no(
        Code::IStatement,
        &[
            "You are always late.",
            "I feel that you are lazy.",
            "I think you're selfish.",
        ],
    );
}

#[test]
fn disguised_you_statements() {
    yes(
        Code::DisguisedYouStatement,
        &[
            "I feel that you are lazy.",
            "I feel like you never listen to me.",
            "i feel you don't care",
        ],
    );
    no(
        Code::DisguisedYouStatement,
        &[
            "I feel hurt when you cancel at the last minute.",
            "I feel like I'm not being heard.",
        ],
    );
    let t = "I feel that you are lazy.";
    has(&client(t), t, Code::Criticism);
    // Text-speak "u" is the second person too.
    let t = "i feel like u never listen";
    has(&client(t), t, Code::DisguisedYouStatement);
}

/// Defensiveness answers a complaint: the same plain circumstance is an excuse after a charge made to
/// the listener, and an off-topic remark after a line about the speaker's own grief.
#[test]
fn a_circumstance_is_defensive_only_after_a_charge() {
    let t = "The traffic was bad on the way.";
    let after = |context: &str| run(t, Some(context), Perspective::Client);
    has(
        &after("You're late again. You said six."),
        t,
        Code::Defensiveness,
    );
    lacks(
        &after("What is there to say? She's gone. I eat, I sleep, I watch the news."),
        t,
        Code::Defensiveness,
    );
    // Ba's clarify line in sunday-with-ba: he asks what was meant; no charge was made (round 13's
    // model read it as an excuse, and the plan step was retyped around it).
    lacks(&after("Hah? What you mean?"), t, Code::Defensiveness);
}

/// A trainee's open question that borrows the client's words is a question, not a reflection
/// (just-tell-me's `elicit_back`; round 13's model read it as a complex reflection at p 0.50).
#[test]
fn an_open_question_in_the_clients_words_is_not_a_reflection() {
    let t = "How might you put it to him so it doesn't sound like bossing?";
    let a = therapist(
        t,
        "A trial month... Jun might accept a trial. He likes a plan. But he'll say I'm bossing him \
         from here. Mama always said I boss everyone.",
    );
    has(&a, t, Code::OpenQuestion);
    lacks(&a, t, Code::ComplexReflection);
    lacks(&a, t, Code::SimpleReflection);
}

/// A change of subject that dodges an invitation to say what is wrong is withdrawing (round 16's ruling,
/// DOMAIN.md's "shutting down, withdrawing"): friday-dominoes' "Did you watch the match on Saturday?"
/// when Lloyd asks what is on your mind.
#[test]
fn a_change_of_subject_that_dodges_an_invitation_is_stonewalling() {
    let t = "Did you watch the match on Saturday?";
    let a = run(
        t,
        Some("Course I have. It's... it's good to hear your voice. What's on your mind?"),
        Perspective::Client,
    );
    has(&a, t, Code::Stonewalling);
}

/// A known miss, pinned so that it cannot be forgotten (docs/scoring.md): small talk answering small
/// talk is no dodge (round 16's ruling), but the model reads a question answering "How was your
/// weekend?" as stonewalling, and since the round-22 weights one answering "How was the drive over?"
/// too (the round-21 weights read that one right). When this fails the miss is mended: make it a
/// `lacks` test and update the docs.
#[test]
fn known_miss_small_talk_answering_small_talk_reads_as_stonewalling() {
    let t = "Did you watch the match on Saturday?";
    for ctx in ["How was your weekend?", "How was the drive over?"] {
        let a = run(t, Some(ctx), Perspective::Client);
        assert!(
            a.has(Code::Stonewalling),
            "the known miss is mended after {ctx:?} ({:?}): make this a `lacks` test and update docs/scoring.md",
            a.codes
        );
    }
}

/// Once a known miss (the defensiveness floor at 0.65 read these two scenario lines as defences, p
/// 0.67 and 0.68), mended by round 28's careless replies: the guide's defensiveness answers a complaint
/// or a charge ("A plain excuse or circumstance given back to a complaint"), and an off-topic line or a
/// fragment answering a plain invitation makes none (a change of subject that dodges an invitation to
/// say what is wrong is stonewalling).
#[test]
fn an_off_topic_answer_to_an_invitation_is_no_defence() {
    for (t, ctx) in [
        (
            "My sister got a new car.",
            "Honestly, it's a lot to take in. But I'm glad you messaged. So... what now?",
        ),
        (
            "The chair.",
            "So... will you come back on a Friday? We've kept your chair. Well, Desmond's been sitting in it, but still.",
        ),
    ] {
        lacks(
            &run(t, Some(ctx), Perspective::Client),
            t,
            Code::Defensiveness,
        );
    }
}

/// A reading that comes and goes, pinned (docs/scoring.md): a client's praise of the other's strength
/// with no line before ("you have been so strong for your kids") is an affirmation by the guide's
/// definition, and the rules find one; its probability sits at the client veto (0.05), so retrains flip
/// it: weights `eee9c55f`, `e7caff2b`, `e7a86c28`, `70a96fe9`, `9f2259e7`, the twenty-sixth play
/// test's `e6b649da`, `0b777bac`, `dc8ea707` and `9a9f6552`, the twenty-seventh and twenty-eighth's
/// `23dc3df1`, `9c43c97e`, `fa3b8ef1`, `b55eed8d`, `b1ec8dd6` and `8562d89d`, and the twenty-ninth's
/// `dbc8fbc4` and `04c62ec5`, and the thirtieth's `980f5b31`, `831528d6`, `ff03e7e3` and the
/// shipped `f034aef7` keep it; `1093e95c`, `aa22bea8`, `68d9546d`, `7cc1af50`, the twenty-seventh's `d8f918e2`, the
/// twenty-ninth's `d1732d64` and the thirtieth's `5cf7d4b6` vetoed it. The labels lean the veto's way: the five
/// labelled client replies that praise the listener's strength without sarcasm are appreciation, none
/// an affirmation. A therapist's is kept. When this fails the veto is back: make the test hold the
/// miss again and say so in docs/scoring.md.
#[test]
fn a_clients_bare_praise_of_strength_is_kept_at_the_veto() {
    let t = "you have been so strong for your kids";
    has(&by_rules(t), t, Code::Affirmation);
    assert!(
        client(t).has(Code::Affirmation),
        "the veto is back for {t:?}: make the test hold the miss and update docs/scoring.md"
    );
    has(&therapist(t, ""), t, Code::Affirmation);
}

/// Warm words accepting an offer are thanks, not a sneer (rounds 31-32), and open sarcasm stays
/// sarcasm. (Bare praise is read as praise whatever the line before: see below.)
#[test]
fn warm_words_accepting_an_offer_are_not_sarcasm() {
    let c = Perspective::Client;
    for (t, line) in [
        (
            "Lovely, I'd love that. Thanks Lloyd.",
            "Come down Friday? Same table. Seven o'clock. We'll keep your seat.",
        ),
        (
            "sounds great, thanks",
            "I can pick you up at ten if you like.",
        ),
        ("perfect, thank you", "I've booked the table for eight."),
    ] {
        lacks(&run(t, Some(line), c), t, Code::Sarcasm);
    }
    let t = "Oh great, another lecture. Thanks so much.";
    has(
        &run(t, Some("We need to talk about your spending."), c),
        t,
        Code::Sarcasm,
    );
}

/// A helper's name for the person is an insult as a client's is (the helper's own reading, with 15
/// helpers' insults to learn from, found nothing); a helper's warm praise stays warm.
#[test]
fn a_helpers_insult_is_read_as_anyones() {
    let line = "I told her I'd never forgive her and walked out.";
    let t = "What a drama queen.";
    let a = therapist(t, line);
    has(&a, t, Code::Insult);
    assert!(a.style.is_hostile(), "{t:?}: {:?}", a.style);
    for t in ["Great job 👍", "That's a brave thing to have done."] {
        let a = therapist(t, line);
        lacks(&a, t, Code::Insult);
        lacks(&a, t, Code::Contempt);
    }
}

/// Swearing someone away is contempt from a helper as from a client (the rules' "^ screw you", "^ go to
/// hell", from a twenty-fifth play test's maintainer: the model alone read a helper's as nothing, the
/// labels holding too few hostile helpers).
#[test]
fn a_helpers_screw_you_is_contempt() {
    let line = "Some nights I just sit in the car outside his house. I can't go in.";
    for t in ["screw you", "go to hell"] {
        has(&therapist(t, line), t, Code::Contempt);
        has(&run(t, Some(line), Perspective::Client), t, Code::Contempt);
    }
}

/// A known miss, pinned so that it cannot be forgotten (docs/scoring.md): a helper's "not my problem"
/// to someone in pain is contempt, as a client's is, and the rules find it; the model's therapist veto
/// drops it at p under 0.01 (weights `7d9b9430` to `70a96fe9` kept it, at 0.013 last; the
/// twenty-fifth play test's `aa22bea8`, `9f2259e7`, `68d9546d` and `7cc1af50` do not). When this
/// fails the miss is mended: make it a test again and update the docs.
#[test]
fn known_miss_a_helpers_not_my_problem_is_at_the_veto() {
    let line = "Some nights I just sit in the car outside his house. I can't go in.";
    let t = "not my problem";
    has(&by_rules_after(t, line), t, Code::Contempt);
    assert!(
        !therapist(t, line).has(Code::Contempt),
        "the known miss is mended for {t:?}: make it a test and update docs/scoring.md"
    );
    has(&run(t, Some(line), Perspective::Client), t, Code::Contempt);
}

/// Bare praise is read as praise, whatever the line before: "Great." to "I got the job!" is glad and to
/// "The car failed its MOT again." a sneer, and neither the model (at chance on 160 such pairs it was
/// not trained on) nor the rules can tell the two lines apart, so the scorer does not accuse a warm
/// reply of contempt (it had read "Well done!" to "I finally rang the council." as sarcasm and
/// contempt). Praise that mocks by its own form stays sarcasm.
#[test]
fn bare_praise_is_praise_and_praise_that_mocks_by_its_form_is_sarcasm() {
    let c = Perspective::Client;
    for (t, line) in [
        ("Great.", "I got the job! They rang this morning."),
        (
            "Well done!",
            "I finally rang the council. Forty minutes on hold.",
        ),
        ("Amazing, well done!", "I passed my driving test today."),
        (
            "Oh, lovely.",
            "We're coming for Sunday lunch, Mum, and bringing the baby.",
        ),
        ("Wow, congrats.", "My startup just closed its seed round."),
        (
            "good for you",
            "I told my mum I won't be coming every Sunday any more.",
        ),
        ("Great.", "The car failed its MOT again."),
    ] {
        let a = run(t, Some(line), c);
        lacks(&a, t, Code::Sarcasm);
        lacks(&a, t, Code::Contempt);
        assert!(!a.style.is_hostile(), "{t:?} after {line:?}: {:?}", a.style);
    }
    let line = "The boiler's packed in, and the fella can't come till next Thursday.";
    for t in [
        "Great, just great.",
        "PERFECT.",
        "Oh joy.",
        "Wow. Ok. Thanks for that.",
    ] {
        has(&run(t, Some(line), c), t, Code::Sarcasm);
    }
}

/// Replies typed the way people type keep their codes: a misspelt intensifier or feeling word, "u"
/// and "dont", "ur" for "you're" (a play test: "i feel relly upset when u dont call" was a disguised
/// you-statement, "god ur so annoying umma seriously" got no code).
#[test]
fn typed_as_people_type_keeps_the_codes() {
    let c = Perspective::Client;
    for t in [
        "i feel relly upset when u dont call",
        "I feel realy upset when you don't call",
        "I felt super hurt when u didnt call",
        "umma i felt super embarassed last sat when u walked in on dev",
    ] {
        let a = run(t, None, c);
        has(&a, t, Code::IStatement);
        lacks(&a, t, Code::DisguisedYouStatement);
    }
    let t = "god ur so annoying umma seriously";
    has(&run(t, None, c), t, Code::Criticism);
}

/// Arguing someone out of what they feel is dismissive reassurance (the labels' reading of 18 such
/// replies; before-the-birthday's "Don't say that. Your family would be devastated." got no code);
/// asking them not to say it again is a limit, not reassurance.
#[test]
fn dont_say_that_is_dismissive_reassurance() {
    let line = "Sometimes I think everyone would be fine without me.";
    for t in [
        "Don't say that. Your family would be devastated.",
        "omg dont say that!! ur family would be devastated",
        "Oh don't be silly, of course they care.",
        "No, don't say things like that.",
    ] {
        has(&therapist(t, line), t, Code::Reassurance);
    }
    let t = "Please don't say that to me again.";
    lacks(
        &run(
            t,
            Some("Maybe it was your fault, a bit."),
            Perspective::Client,
        ),
        t,
        Code::Reassurance,
    );
}

/// Emoji of sympathy to someone's sadness are a kindness, not a brush-off; the thumbs-up to a
/// complaint stays stonewalling (the labels' reading of both).
#[test]
fn emoji_of_sympathy_are_no_pitfall_and_a_thumbs_up_to_a_complaint_is_stonewalling() {
    let c = Perspective::Client;
    let sad = "I still set out two cups in the morning. Forty years of habit.";
    for t in ["😢", "❤️", "💔", "🫂🙏", "❤️❤️"] {
        let a = run(t, Some(sad), c);
        assert!(
            a.codes.iter().all(|c| c.is_strength() != Some(false)),
            "{t:?}: {:?}",
            a.codes
        );
        assert_eq!(a.style, Style::Neutral, "{t:?}");
    }
    let t = "👍";
    has(
        &run(t, Some("It really hurt that you forgot my wedding."), c),
        t,
        Code::Stonewalling,
    );
}

#[test]
fn requests() {
    yes(
        Code::Request,
        &[
            "Could you drop the kids at five on Sunday?",
            "I'd like you to text me if you'll be late.",
            "please wash your plates tonight",
        ],
    );
    no(
        Code::Request,
        &[
            "Could you stop being such an idiot?",
            "Sorry, I was maybe wondering if you could possibly, if it's not too much trouble, help?",
        ],
    );
}

#[test]
fn boundaries() {
    yes(
        Code::Boundary,
        &[
            "I'm not able to lend you money again. I can help you look at your budget.",
            "I won't discuss this while you're shouting.",
            "That doesn't work for me.",
        ],
    );
    no(
        Code::Boundary,
        &["I can help you with that.", "Sure, no problem."],
    );
}

#[test]
fn hedging_and_over_apology_make_polite_passivity() {
    let t = "Sorry, sorry, I was just wondering if maybe you could possibly help a bit, if it's not too much trouble?";
    let a = client(t);
    has(&a, t, Code::Hedging);
    has(&a, t, Code::OverApology);
    assert_eq!(a.style, Style::Passive, "{:?}", a.codes);
    no(Code::Hedging, &["Could you help me move on Saturday?"]);
    no(Code::OverApology, &["I'm sorry to hear about your dad."]);
}

#[test]
fn absolutes() {
    yes(
        Code::Absolute,
        &[
            "You always leave your socks on the floor.",
            "you never help with the dishes",
        ],
    );
    no(
        Code::Absolute,
        &[
            "You left your socks on the floor this morning.",
            "You always make me laugh.",
            "You never let me down.",
            "You always know how to cheer me up.",
        ],
    );
    yes(
        Code::Appreciation,
        &[
            "You never let me down.",
            "You always know how to cheer me up.",
        ],
    );
    no(Code::Criticism, &["You never let me down."]);
}

/// A therapist saying back the client's own "never" or "don't care" reflects their words; the same
/// words the client never said are still read as criticism by the rules.
#[test]
fn a_therapist_saying_back_the_clients_own_never_is_not_criticism() {
    let rules = RuleScorer::builtin().with_model(None);
    let learned = RuleScorer::builtin();
    let said_back = [
        (
            "My brother died in March and I never got to tell him I was sorry.",
            "He died in March, and you never got to tell him you were sorry.",
        ),
        (
            "Honestly I don't care what my son does now. I just want him to ring.",
            "You don't care what he does, and you want him to ring.",
        ),
        (
            "Every time I open the wardrobe I see her coats.",
            "Every time you open the wardrobe, there she is.",
        ),
    ];
    for (ctx, reply) in said_back {
        for scorer in [&rules, learned] {
            let a = scorer.analyse(Reply::typed(reply, Some(ctx), Perspective::Therapist));
            for code in [Code::Criticism, Code::Absolute, Code::Confront] {
                lacks(&a, reply, code);
            }
        }
    }
    let reply = "You never stand up for yourself.";
    let a = rules.analyse(Reply::typed(
        reply,
        Some("I let it go with my manager again."),
        Perspective::Therapist,
    ));
    has(&a, reply, Code::Criticism);
}

#[test]
fn commands() {
    yes(
        Code::Command,
        &[
            "Clean your room now.",
            "Shut up.",
            "Don't talk to me like that.",
            "Wait for me outside the school.",
        ],
    );
    // "Wait." that stops oneself is not an order at the other person.
    let stopping_oneself = [
        "Actually, wait. It's not nothing. I'm worn out, and I'd like to talk about the chores.",
        "Wait. I'm explaining when I should be listening. I forgot, and that hurt. I'm sorry.",
    ];
    no(
        Code::Command,
        &[
            "Could you clean your room?",
            "Please clean your room.",
            stopping_oneself[0],
            stopping_oneself[1],
        ],
    );
    // The rules themselves, not a veto by the learned layer, tell the two uses of "wait" apart.
    rules_no(Code::Command, &stopping_oneself);
    rules_yes(Code::Command, &["Wait for me outside the school."]);
}

#[test]
fn insults_and_negation() {
    yes(
        Code::Insult,
        &[
            "You're such an idiot.",
            "you stupid cow",
            "You're pathetic.",
        ],
    );
    no(
        Code::Insult,
        &[
            "I don't think you're stupid.",
            "You're not an idiot, it's an easy mistake.",
            "I felt stupid.",
        ],
    );
}

#[test]
fn reported_speech_is_not_the_speakers_attack() {
    for t in [
        "She said 'you never listen' and I didn't know what to say.",
        "she said you never listen and i felt awful",
        "My boss told me \"you're useless\" in front of everyone.",
    ] {
        let a = client(t);
        lacks(&a, t, Code::Criticism);
        lacks(&a, t, Code::Absolute);
        lacks(&a, t, Code::Insult);
    }
}

#[test]
fn sarcasm_with_positive_words() {
    for t in [
        "Oh great, another weekend on my own. Thanks a lot.",
        "Wow, you remembered. How thoughtful of you to finally show up.",
        "Nope. Everything's PERFECT.",
        "Of course you did. Great call, as always.",
    ] {
        let a = client(t);
        has(&a, t, Code::Sarcasm);
        has(&a, t, Code::Contempt);
        lacks(&a, t, Code::Appreciation);
        // "Nope. Everything's PERFECT." was read neutral from the round-22 weights to `baf49e18`
        // (docs/scoring-history.md); `4f4b3469` reads it right again.
        assert_eq!(a.style, Style::PassiveAggressive, "{t}: {:?}", a.codes);
    }
    no(
        Code::Sarcasm,
        &[
            "Thank you for cooking, it was great.",
            "That's a great idea.",
        ],
    );
}

#[test]
fn shouting() {
    yes(Code::Shouting, &["You NEVER do ANYTHING!", "Stop it!!!"]);
    no(
        Code::Shouting,
        &["I work for the NHS.", "Could YOU pass the salt?"],
    );
}

#[test]
fn a_shouted_reply_is_rewritten_as_sentences_with_its_names() {
    // A twelfth play test: "Not A phase mama", "You are not boring kenji. stop saying that" and
    // "Could you sTOP SAYING THAT?".
    let rewrites = |t: &str, line: &str| -> Vec<String> {
        run(t, Some(line), Perspective::Client)
            .tips
            .iter()
            .filter_map(|t| t.rewrite.clone())
            .collect()
    };
    let r = rewrites("NOT A PHASE MAMA", "It's a phase, Mama says.");
    assert!(r.contains(&"Not a phase Mama".to_string()), "{r:?}");
    let r = rewrites(
        "YOU ARE NOT BORING KENJI. STOP SAYING THAT",
        "I'm just boring, Kenji says.",
    );
    assert!(
        r.iter()
            .all(|r| !r.contains("sTOP") && !r.contains("SAYING")),
        "{r:?}"
    );
    // A word the line capitalises only to begin a sentence is no name ("…Three days costs you
    // Mayfield, And stopping…", a thirteenth play test).
    let line = "I'm a wreck by Thursday. Three days, I keep a foot in, but Graham hands Mayfield to Tom. And stopping... I'd be furious.";
    let r = rewrites(
        "THREE DAYS COSTS YOU MAYFIELD, AND STOPPING COSTS YOU YOURSELF.",
        line,
    );
    assert!(
        r.iter()
            .any(|r| r.contains("Three days costs you Mayfield, and stopping")),
        "{r:?}"
    );
    let r = rewrites("STOP SHOUTING AT ME. I'M TIRED", "Answer me!");
    assert!(r.iter().all(|r| !r.contains(" i'm")), "{r:?}");
}

#[test]
fn no_punctuation_or_capitals() {
    let t = "you never listen to me you only care about yourself";
    let a = client(t);
    has(&a, t, Code::Criticism);
    has(&a, t, Code::Absolute);
    assert_eq!(a.style, Style::Aggressive);
    let t = "i feel really let down when you cancel could we plan it together next time";
    let a = client(t);
    has(&a, t, Code::IStatement);
}

// ---------------------------------------------------------------- conflict

#[test]
fn horsemen() {
    yes(
        Code::Criticism,
        &["You're so selfish.", "You always make it about you."],
    );
    yes(
        Code::Contempt,
        &[
            "Grow up.",
            "Oh please, boo hoo.",
            "Nobody cares what you think.",
        ],
    );
    yes(
        Code::Defensiveness,
        &[
            "It's not my fault, you never told me.",
            "Yeah but you didn't do it either.",
            "I was only trying to help.",
        ],
    );
    yes(
        Code::Stonewalling,
        &[
            "I'm done talking about this.",
            "Whatever.",
            "Leave me alone.",
        ],
    );
    no(
        Code::Criticism,
        &["I was upset when the bins weren't taken out."],
    );
    no(Code::Contempt, &["I see it differently."]);
    no(Code::Defensiveness, &["You're right, I forgot."]);
    no(
        Code::Stonewalling,
        &["I need twenty minutes to calm down, then let's come back to this."],
    );
}

#[test]
fn stage_directions_of_leaving_or_tuning_out_are_stonewalling() {
    rules_yes(
        Code::Stonewalling,
        &[
            "*puts headphones in*",
            "Yep. *door closes*",
            "(leaves the room) I'm not listening to this.",
            "(leaves the room)",
            "*turns the telly up*",
            "I need some air *walks out*",
            "*sigh *walks out*",
            "f**k this *leaves*",
        ],
    );
    rules_no(
        Code::Stonewalling,
        &[
            // Scorn, not withdrawal; emphasis; a bracket with "I" and "you" in it; no stage direction.
            "*rolls eyes* fine",
            "Did you read the documentation *at all*?",
            "(i can't leave from this end .. you need to :))",
            "[Edit: he left] what do I do now?",
            "(we left early, sorry) Did we miss much?",
            "She left me and the keys on the table.",
            // Emphasis inside a sentence and censored swearing are not stage directions.
            "He *left* me at the party.",
            "It was the *silence* that hurt.",
            "s**t he left. what the f**k",
        ],
    );
    // "We'll see." closes the talk; "we'll see how it went" plans to look back together.
    rules_yes(Code::Stonewalling, &["Well. We'll see."]);
    rules_no(
        Code::Stonewalling,
        &["Message one of them before next week, and we'll see how it went."],
    );
}

#[test]
fn antidotes() {
    yes(
        Code::GentleStartup,
        &[
            "I feel anxious when it's past midnight and I haven't heard from you. Could you text me if you'll be late?",
        ],
    );
    yes(
        Code::Appreciation,
        &[
            "Thank you for cooking tonight.",
            "I really appreciate you picking the kids up.",
        ],
    );
    yes(
        Code::Responsibility,
        &[
            "You're right, I should have called.",
            "That's on me, I forgot.",
        ],
    );
    yes(
        Code::SelfSoothing,
        &[
            "I need a few minutes to calm down, then let's come back to this.",
            "Can we take a break and talk tonight?",
        ],
    );
    yes(
        Code::Repair,
        &[
            "Let me try that again.",
            "I'm sorry I raised my voice.",
            "That came out wrong.",
        ],
    );
    no(
        Code::GentleStartup,
        &["You never text me when you're late!"],
    );
    no(Code::Appreciation, &["Thanks for nothing."]);
    no(Code::Responsibility, &["It's not my fault."]);
    no(Code::SelfSoothing, &["You should take a break from work."]);
    no(Code::Repair, &["Whatever."]);
}

#[test]
fn collaboration() {
    yes(
        Code::AcknowledgeView,
        &[
            "I can see why you'd be upset about that.",
            "That makes sense.",
        ],
    );
    yes(
        Code::ProposeOptions,
        &[
            "How about we take turns on Saturdays?",
            "What if we split the cooking?",
        ],
    );
    yes(
        Code::AskInterests,
        &[
            "What matters to you about Saturdays?",
            "What would help you feel heard?",
        ],
    );
    no(Code::AcknowledgeView, &["You're wrong."]);
    no(Code::ProposeOptions, &["Do it yourself."]);
    no(Code::AskInterests, &["Why are you always like this?"]);
}

// ---------------------------------------------------------------- styles

#[test]
fn styles() {
    style(
        Style::Assertive,
        &[
            "I'm not able to take on the Henderson account this month. I can hand over notes on it by Friday.",
        ],
    );
    style(
        Style::Passive,
        &["Oh, um, whatever you want, it's fine, sorry."],
    );
    style(
        Style::Aggressive,
        &["You're a lazy slob and you never do anything."],
    );
    style(
        Style::PassiveAggressive,
        &["Fine, do what you want, as usual."],
    );
    style(
        Style::Neutral,
        &["The plumber came at two and fixed the leak."],
    );
}

// ---------------------------------------------------------------- crisis, evidence, scores, tips

#[test]
fn crisis_is_not_scored() {
    for t in [
        "I want to kill myself.",
        "sometimes i think everyone would be better off without me",
    ] {
        let a = client(t);
        assert!(a.is_crisis(), "{t}: {:?}", a.codes);
        assert_eq!(a.codes, vec![Code::Crisis]);
        assert_eq!(a.scores, Default::default());
        assert!(a.explanations.iter().all(|e| e.contains("not scored")));
        let tips: String = a.tips.iter().map(|t| t.text.as_str()).collect();
        assert!(
            tips.contains("988") && tips.contains("116 123") && tips.contains("findahelpline.com")
        );
    }
    assert!(!client("That movie killed me, I laughed so hard.").is_crisis());
}

#[test]
fn suggestions_that_open_like_questions_are_advice_not_open_questions() {
    // "Why don't you…", "Why not…", "How about this…" suggest; they ask for no story (the labelled
    // data codes therapists' "Why don't you…" `advice` with no question code, 10 of 11).
    let ctx = "I can't face Sunday lunch with my mum after what she said.";
    for t in [
        "Why don't you skip it this week and send your mum some flowers instead?",
        "Then maybe three days is the answer. Why not start with that?",
        "Okay. How about this for homework, then: message one of the lads before next week.",
    ] {
        let a = therapist(t, ctx);
        lacks(&a, t, Code::OpenQuestion);
        has(&a, t, Code::Advice);
    }
    // Asked on their own, the same words ask.
    for t in ["Why not?", "How about you?"] {
        has(&therapist(t, ctx), t, Code::Question);
    }
}

#[test]
fn an_insult_is_contempt_too() {
    // The guide codes an insult `contempt` too; the learned layer once kept the insult here and vetoed
    // the contempt.
    let ctx = "You're twenty-five and still living at home. When will you grow up?";
    let t = "And you're fifty and still can't mind your own business. You're a control freak, you've always been.";
    let a = run(t, Some(ctx), Perspective::Client);
    has(&a, t, Code::Insult);
    has(&a, t, Code::Contempt);
    // The same with a model that vetoes every contempt the rules find and adds none: the insult still
    // brings it, as sure as the insult.
    use rapport::scoring::learned::{Model, Output};
    let mut m = Model::from_bytes(rapport::scoring::engine::MODEL_BYTES).expect("shipped model");
    let o = m
        .outputs
        .iter()
        .position(|o| *o == Output::Code(Code::Contempt))
        .expect("a contempt output");
    m.veto[o] = [1.0, 1.0];
    m.threshold[o] = 2.0; // nor may it add one
    let vetoing = RuleScorer::builtin().with_model(Some(std::sync::Arc::new(m)));
    let t = "You're pathetic.";
    let a = vetoing.analyse(Reply::typed(t, None, Perspective::Client));
    has(&a, t, Code::Insult);
    has(&a, t, Code::Contempt);
    let sure = |c: Code| {
        a.confidence
            .iter()
            .find(|x| x.code == c)
            .map(|x| x.permille)
    };
    assert!(
        sure(Code::Contempt) >= sure(Code::Insult),
        "{:?}",
        a.confidence
    );
}

#[test]
fn not_going_on_with_a_task_is_no_crisis() {
    // "Can't go on" alone, or like this, is crisis language; going on with a procedure is not (a
    // politeness-corpus request, "…an error appears and i cant go on with the procedure... any ideas?").
    for t in [
        "I can't go on.",
        "i cant go on like this",
        "I just can't go on, I'm so tired",
        "I can't go on without her.",
    ] {
        assert!(client(t).is_crisis(), "{t}");
    }
    for t in [
        "an error appears and i cant go on with the procedure... any ideas?",
        "I can't go on to the next step until the form is signed.",
    ] {
        assert!(!client(t).is_crisis(), "{t}");
    }
}

#[test]
fn suicidal_and_self_harm_words_users_type_are_crisis() {
    // A twelfth play test, in users' own words: the means at hand, a plan, cutting, an overdose, not
    // waking, not being missed, a non-native "not wanting to live". Each had been scored (one praised
    // as "Good move: you said plainly how you feel"); the everyday uses below stay scored.
    for t in [
        "not good apa. ive been looking at ammis tablets in the cupboard and thinking about taking them all. and ive started cutting again, nobody knows",
        "honestly sipho im not ok. some nights i sit in the car outside the house and think it would be easier to just drive off and never come back, or not wake up at all.",
        "i don't see much point getting up most mornings. i've been thinking the kids would be better off with the house sold and me out of the way.",
        "i've started cutting again, just on my arms, nobody knows",
        "no one would even miss me if i was gone tbh",
        "I am not wanting to live like this anymore, every night I am thinking to end everything",
        "i jus wanna sleep n never wake up innit",
        "sometimes i drive too fast on purpose and dont really care if i crash",
        "i have pills saved up",
        "i wrote letters to everyone last week, just in case",
        "i'm thinking of jumping off the bridge near work",
        "i took too many of my tablets last night on purpose",
        "i dont see the point in living without her",
        "nobody would notice if i was gone",
        "everyone would be better off if i just disappeared",
        "i've been stockpiling my meds",
        "i keep thinking about stepping in front of a train",
        // A thirteenth play test's wordings.
        "ngl i think about unaliving myself most nights",
        "I am thinking to finish my life after the exams, it is too much",
        "My family is better without me, I am only burden for them",
        "i looked up how many paracetamol it would take",
        "i keep a rope in the garage, just in case it gets too much",
        "I already said goodbye to everyone, in my own way. They just don't know it yet",
        "I want to finish my life.",
        "I can't go on like this.",
        // A fourteenth play test's wordings.
        "i've written letters for the kids, for after i'm gone",
        "some nights i sit in the car in the garage with the engine running",
        "I've started looking at the bridge on my walk home and thinking how easy it would be",
        "been burning myself with my lighter again",
        "I keep hoping the cancer comes back so it can all be over",
        "i've been giving away my things because i won't need them",
        "gusto ko nang mamatay",
        "me quiero morir",
        // A fifteenth play test's wordings.
        "i've been saving up my insulin, i know exactly how much it would take",
        "Nothing's going to get better, so I've stopped taking my heart tablets on purpose.",
        "I wish the lorry had hit me instead of the barrier.",
        "I think better I am not here anymore, everybody more happy",
        "main marna chahta hoon",
        "i just want to sleep forever",
        // A sixteenth play test's wordings.
        "Whats the point of anything. Might as well end it.",
        "I burn myself with my lighter when it gets bad.",
        "I've been scratching my arms till they bleed.",
        "Sometimes I hit my head against the wall until it stops.",
        "I bang my head on the wall till I black out.",
        "They'd all manage fine without me.",
        // Said with the risk after it (a nineteenth play test: the idiom fix had let these through).
        "you'd all manage fine without me if I wasn't here anymore",
        "honestly you'd all manage fine without me when I'm gone",
        "Last night I banged my head against the wall until I was dizzy",
        "I kept banging my head against the wall till 2am, I wanted it to hurt",
        "I looked up how many paracetamol it takes.",
        "I'm going to join him soon.",
        "I keep thinking everyone would cope fine if I was gone.",
        "Soon it won't matter, I won't be around to see it.",
        "I'm not going to be a burden much longer.",
        "I've sorted my will and said my goodbyes.",
        "I've stopped taking my insulin. What's the point.",
        "I stood on the bridge for a long time last night.",
        "me no want live anymore",
    ] {
        assert!(client(t).is_crisis(), "{t}");
    }
    for t in [
        "I could kill for a coffee",
        "this job is killing me",
        "I'd be fine without him",
        "you'll be fine without me tonight",
        "I nearly died of embarrassment",
        "I was thinking about taking them all to the zoo on Saturday",
        "I took too many photos at the wedding",
        "the kids would be better off with a bigger garden",
        "I don't care if it rains, I'm going",
        "I've been cutting back on sugar",
        "I wrote thank-you letters to everyone after the funeral",
        "I'm thinking of jumping in the pool later",
        "we drove too fast and nearly missed the turning",
        "I have the tablets, I'll take them with dinner",
        "she started cutting my hair again",
        "nobody would notice if I left the party early",
        "I can't go on like this, Sam. Something about the chores has to change.",
        "I want to finish my degree first",
        "we said goodbye to everyone at the station",
        "how many tablets do I take with food?",
        "I've been burning myself out at work",
        "I keep burning myself on the oven",
        "I wrote a will, for after I'm gone",
        "I gave the old pram away, we won't be needing it",
        "it's easy, you sit in the car and it drives itself",
        "I stopped taking the bus on purpose, to walk more",
        "It's better I'm not here when he comes round",
        "the cat could sleep forever on that rug",
        "I could bang my head against the wall with this form",
        "I'm going to join him at the pub soon",
        "I won't be around next week, I'm at my sister's",
        "I burnt myself on the kettle",
        "we ended it, might as well end it properly with a dinner",
        "I scratched the car door and it cost a fortune",
        "how many tablets do I take with breakfast?",
        "the kids would cope fine if I was gone for the weekend",
        // A seventeenth play test's false alarms from the sixteenth's patterns.
        "Nine seasons of the same plot. They might as well end it.",
        "Yeah, he went Friday. I'm going to join him soon, once work's done.",
        "He did. I'm going to join him soon, my flight's on the 12th.",
        "I won't be around to see it, I'm in Leeds that weekend. Can you film it for me?",
        "It's lovely, though Grandad keeps saying he won't be around to see it.",
        "I stood on the bridge for ages taking photos of the sunset.",
        "I've been scratching my mosquito bites till they bleed, they're so itchy.",
        // Idioms a maintainer's read found the sixteenth's patterns alarmed at.
        "banging my head against the wall till 2am on this",
        "I've been banging my head against the wall until it clicks with this maths",
        "you'd manage fine without me at Friday's meeting",
        "I don't know how many painkillers it took to get me through that week",
        "you'd manage fine without me when I'm on holiday",
    ] {
        assert!(!client(t).is_crisis(), "{t}");
    }
    // A yes to a question about suicide says it as plainly (a fourteenth play test's "yes. i have a
    // plan and a date" was scored); a no, or a yes to another question, is scored.
    let asked = "Are you having any thoughts of ending your life?";
    for t in [
        "yes. i have a plan and a date",
        "yeah sometimes",
        "i have",
        "every night",
    ] {
        assert!(run(t, Some(asked), Perspective::Client).is_crisis(), "{t}");
    }
    for t in [
        "no, never. I wouldn't do that to my kids",
        "No. I don't have a plan or anything.",
        "Yeah, no, nothing like that.",
        "I have been better, honestly",
    ] {
        assert!(!run(t, Some(asked), Perspective::Client).is_crisis(), "{t}");
    }
    let t = "yes, a plan and a date!";
    assert!(
        !run(
            t,
            Some("Do you have plans for the weekend?"),
            Perspective::Client
        )
        .is_crisis(),
        "{t}"
    );
    // The counsellor's screening question in the guide's euphemism asks; it is no crisis.
    let t = "Broken sleep, no appetite: that's heavy. I ask everyone this: any thoughts of not wanting to be here?";
    let a = therapist(t, "Can't be bothered eating.");
    assert!(!a.is_crisis() && a.risk_question, "{t}");
    // So do the screening questions a sixteenth play test's trainee asked (one was read as advice and
    // persuading); a question about a late morning or a drive home does not.
    let line = "Some nights I think nobody'd notice if I didn't turn up.";
    for t in [
        "Do you ever wish you could go to sleep and not wake up?",
        "That sounds lonely. Do you ever think about not being here?",
        "Are you safe?",
    ] {
        let a = therapist(t, line);
        assert!(
            a.risk_question && !a.has(Code::Advice),
            "{t}: {:?}",
            a.codes
        );
    }
    for t in [
        "Did you not wake up in time for work?",
        "Are you safe to drive home?",
        "Do you ever think about not being here in Melbourne, and moving back to Osaka?",
    ] {
        assert!(!therapist(t, line).risk_question, "{t}");
    }
}

#[test]
fn a_twelfth_play_tests_replies_read_right() {
    let walk = "We walk on Wednesdays and Saturdays, mostly the canal path.";
    let t = "I'd really like to join you on the Wednesday walk, if that's alright";
    let a = run(t, Some(walk), Perspective::Client);
    has(&a, t, Code::Request);
    has(&a, t, Code::IStatement);
    for t in ["u ok ba", "you ok"] {
        has(&client(t), t, Code::ClosedQuestion);
    }
    // A plan the speaker puts forward goes on without its subject: no order in it.
    let t = "how about we go early morning, just you and me first, bring ma favourite kuih. can or not?";
    let a = run(
        t,
        Some("I can't face all the relatives."),
        Perspective::Client,
    );
    lacks(&a, t, Code::Command);
    lacks(&a, t, Code::Advice);
    // Their own words said back are listening, not an order.
    let line = "Every day the same. Wake up, news, noodles, sleep.";
    let t = "Every day the same, wake up, news, noodles, sleep. That sounds lonely, Ba.";
    let a = run(t, Some(line), Perspective::Client);
    lacks(&a, t, Code::Command);
    lacks(&a, t, Code::Advice);
    // Feelings said plainly in other Englishes.
    for t in [
        "I am feeling very small, like my work is invisible.",
        "I am not liking this.",
        "I was gutted.",
        "I'm finding being a dad really hard.",
    ] {
        has(&client(t), t, Code::IStatement);
    }
    // Decision analysis orders its questions; it advises nothing.
    let t = "Start with Ate Joy: what would that one give you, and what would it cost?";
    let a = therapist(t, "Three roads, and I walk all three every night.");
    lacks(&a, t, Code::Advice);
    lacks(&a, t, Code::Persuade);
    // One question, opened by a question word, says nothing back whatever it repeats.
    let t = "Who's coming to the dinner?";
    let a = therapist(
        t,
        "Mum's planning a dinner for Dad's birthday. Everyone's coming. Sometimes I think they'd all be fine without me.",
    );
    lacks(&a, t, Code::Reflection);
    // One apology is no over-apology; "sorry to be a pain" still is.
    let t = "I'm so sorry to be the one making you feel like this";
    lacks(&client(t), t, Code::OverApology);
    let t = "Sorry, sorry to be a pain, I know you're busy, sorry.";
    has(&client(t), t, Code::OverApology);
    // A warm smile with a heart is no brush-off.
    let t = "🙂❤️";
    lacks(
        &run(t, Some("Does she look after you?"), Perspective::Client),
        t,
        Code::Stonewalling,
    );
    // The inventory's question invites a list of people.
    let t = "Thanks for being straight with me. Who's in your life?";
    has(
        &therapist(t, "Some nights I think nobody'd notice."),
        t,
        Code::OpenQuestion,
    );
}

#[test]
fn evidence_spans_are_bytes_of_the_reply() {
    let t = "Ça va? You’re such an IDIOT — you never listen!!";
    let a = client(t);
    assert!(!a.evidence.is_empty());
    for e in &a.evidence {
        assert!(
            t.is_char_boundary(e.start) && t.is_char_boundary(e.end),
            "{e:?}"
        );
        assert!(e.start < e.end && e.end <= t.len());
    }
    let insult = a
        .evidence
        .iter()
        .find(|e| e.code == Code::Insult)
        .expect("insult evidence");
    assert_eq!(&t[insult.start..insult.end], "You’re such an IDIOT");
    for c in &a.codes {
        assert!(
            a.evidence.iter().any(|e| e.code == *c),
            "no evidence for {c:?}"
        );
    }
}

#[test]
fn scores_follow_the_codes() {
    let good = client("I feel worn out doing the dishes alone every night; could we split them?");
    let bad = client("You never help with the dishes, you lazy slob.");
    assert!(good.scores.assertiveness > bad.scores.assertiveness);
    assert!(good.scores.conflict_resolution > bad.scores.conflict_resolution);
    let listen = therapist(
        "It sounds like you feel completely alone with it.",
        "Nobody helps me with Mum.",
    );
    let advise = therapist(
        "You should ask your brother to help.",
        "Nobody helps me with Mum.",
    );
    assert!(listen.scores.active_listening > advise.scores.active_listening);
    for a in [&good, &bad, &listen, &advise] {
        assert!(a.explanations.iter().all(|e| !e.is_empty()));
        assert!((1..=3).contains(&a.tips.len()));
    }
}

#[test]
fn tips_rewrite_the_users_own_words() {
    let a = client("you never help with the dishes");
    let rewrite = a
        .tips
        .iter()
        .find_map(|t| t.rewrite.clone())
        .expect("a rewrite");
    assert!(rewrite.contains("help with the dishes"), "{rewrite}");
    assert!(rewrite.starts_with("I "), "{rewrite}");
    let a = client("Sorry, I was maybe wondering if you could possibly walk the dog tonight?");
    let rewrite = a
        .tips
        .iter()
        .find_map(|t| t.rewrite.clone())
        .expect("a rewrite");
    assert!(rewrite.contains("walk the dog tonight"), "{rewrite}");
    assert!(!rewrite.to_lowercase().contains("maybe"), "{rewrite}");
}

#[test]
fn author_tags_are_merged() {
    let tags = [Code::Repair, Code::Question];
    let a = RuleScorer::builtin().analyse(Reply {
        text: "Okay.",
        context: None,
        perspective: Perspective::Client,
        tags: &tags,
    });
    assert!(a.has(Code::Repair));
    assert!(!a.codes.contains(&Code::Question));
}

#[test]
fn a_pick_tagged_with_strengths_only_gets_no_pitfall_or_hostile_style_from_the_model() {
    // friday-dominoes: a curt but sincere thank-you its author tagged as appreciation, which the learned
    // layer reads as mock thanks when the same words are typed.
    let text = "Right. Thanks. Quarter to seven, then.";
    let context = "Yes. Yes, course. I'll come round for you Friday, quarter to seven. And I'll ring you \
                   Wednesdays, alright? Make sure you've not chickened out.";
    let scorer = RuleScorer::builtin();
    let pitfalls = |a: &Analysis| -> Vec<Code> {
        a.codes
            .iter()
            .copied()
            .filter(|c| c.is_strength() == Some(false))
            .collect()
    };
    let rules = RuleScorer::builtin().with_model(None).analyse(Reply::typed(
        text,
        Some(context),
        Perspective::Client,
    ));
    let tags = [Code::Appreciation];
    let picked = scorer.analyse(Reply {
        tags: &tags,
        ..Reply::typed(text, Some(context), Perspective::Client)
    });
    assert!(picked.has(Code::Appreciation), "{:?}", picked.codes);
    // Picked, it keeps no pitfall but those the rules find in the words (none here)…
    assert_eq!(
        pitfalls(&picked),
        pitfalls(&rules),
        "picked: {:?}",
        picked.codes
    );
    assert!(pitfalls(&picked).is_empty(), "picked: {:?}", picked.codes);
    // Nor a hostile style the rules do not give it.
    assert!(
        !picked.style.is_hostile() || picked.style == rules.style,
        "picked: {:?}",
        picked.style
    );
    // (Typed, the same words read as mock thanks to round 14's weights — contempt or sarcasm, and a
    // passive-aggressive style: `tests/data/option_tags_allow.ron` records it.)
}

#[test]
fn huge_and_odd_inputs_do_not_panic() {
    let scorer = RuleScorer::builtin();
    let big = "You never listen to me and I feel hurt. ".repeat(30_000);
    let a = scorer.analyse(Reply::typed(&big, Some("what?"), Perspective::Client));
    assert!(a.has(Code::Absolute));
    for t in [
        "",
        " ",
        "???",
        "!!!",
        "\u{200b}",
        "’",
        "\"unterminated",
        "a-",
        "-",
        "e.g. 8.30",
    ] {
        let _ = scorer.analyse(Reply::typed(t, Some(t), Perspective::Therapist));
    }
}

#[test]
fn session_metrics_over_replies() {
    let ctx = "I can't sleep since she left.";
    let r1 = therapist("It sounds like you're heartbroken.", ctx);
    let r2 = therapist("What keeps you up at night?", ctx);
    let r3 = therapist("You can't sleep since she left.", ctx);
    let m = SessionMetrics::compute(&[("a b c", &r1), ("d e", &r2), ("f", &r3)], &[ctx, ctx]);
    assert_eq!(m.replies, 3);
    assert_eq!(m.questions, 1);
    assert_eq!(m.reflections, 2);
    assert_eq!(m.rating_r2q(), Rating::Good);
    assert_eq!(m.open_questions, 1);
}

#[test]
fn scenario_lexicon_extends_the_rules() {
    let mut extra = std::collections::BTreeMap::new();
    extra.insert("insult_words".to_string(), vec!["numbskull".to_string()]);
    let s = RuleScorer::with_lexicon(&extra).expect("known lexicon");
    let a = s.analyse(Reply::typed("You numbskull.", None, Perspective::Client));
    assert!(a.has(Code::Insult));
    assert!(!client("You numbskull.").has(Code::Insult));
    extra.insert("no_such_lexicon".to_string(), vec![]);
    assert!(RuleScorer::with_lexicon(&extra).is_err());
}

/// A scenario cannot widen the crisis exemptions: words it adds to `suicide_help_words` (which would
/// make "suicide plan" read as "the suicide prevention line") are ignored, and the loader reports them.
#[test]
fn a_scenario_cannot_extend_the_crisis_exemptions() {
    let mut extra = std::collections::BTreeMap::new();
    extra.insert("suicide_help_words".to_string(), vec!["plan".to_string()]);
    let t = "I have a suicide plan.";
    let crisis = |s: &RuleScorer| {
        s.analyse(Reply::typed(t, None, Perspective::Therapist))
            .is_crisis()
    };
    assert!(crisis(RuleScorer::builtin()));
    // Extended without the guard, the words would exempt it; through a scenario they do not.
    assert!(!crisis(&RuleScorer::with_lexicon(&extra).unwrap()));
    assert!(crisis(&RuleScorer::for_scenario(&extra)));
    assert!(
        !RuleScorer::builtin()
            .lexicon_names()
            .contains(&"suicide_help_words")
    );
    let r = rapport::scenario::load_str(
        &std::fs::read_to_string("scenarios/role-disputes/dishes-again.ron")
            .unwrap()
            .replacen(
                "Scenario(",
                "Scenario(\n    lexicon: {\"suicide_help_words\": [\"plan\"]},",
                1,
            ),
        std::path::Path::new("inline.ron"),
    );
    assert!(
        r.diagnostics
            .iter()
            .any(|d| d.to_string().contains("cannot extend")),
        "{:?}",
        r.diagnostics
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
    );
}

// ---------------------------------------------------------------- risk questions (issue 10: asking is good practice)

#[test]
fn a_therapist_asking_about_suicide_is_a_question_not_a_crisis() {
    let ctx = "Some days I don't see the point of any of it.";
    for q in [
        "Are you having thoughts of suicide?",
        "Have you had any thoughts of ending your life?",
        "Sometimes when people feel this low they think about suicide. Is that something you've thought about?",
        "do you ever feel you want to die",
        "I want to ask you directly, because it matters — are you thinking about suicide?",
    ] {
        let a = therapist(q, ctx);
        lacks(&a, q, Code::Crisis);
        has(&a, q, Code::Question);
    }
    let r = "So some nights you don't want to be here anymore.";
    let a = therapist(r, "Some nights I just don't want to be here anymore.");
    lacks(&a, r, Code::Crisis);
    has(&a, r, Code::Reflection);
    // Explaining risk in general is not the therapist's own crisis.
    let t = "Most people who die by suicide don't show signs others can read.";
    lacks(&therapist(t, ctx), t, Code::Crisis);
    // Nor is naming a suicide death, or the help for those bereaved by one, to a bereaved client (round
    // 15's supporters' lines); a client saying the same words still gets the resources.
    let bereaved = "My brother killed himself in March. I keep going over every call.";
    for t in [
        "Grief after a suicide tends to last longer and come with more guilt.",
        "There's a peer group for families bereaved by suicide that meets on Mondays.",
        "I'd really encourage you to look into a suicide-loss survivors group.",
    ] {
        let a = therapist(t, bereaved);
        lacks(&a, t, Code::Crisis);
        has(
            &run(t, Some(bereaved), Perspective::Client),
            t,
            Code::Crisis,
        );
    }
    // Someone speaking of their own wish to die is always a crisis, whatever the perspective or form:
    // in the therapist perspective too, even inside a question to "you", in reported speech, or with
    // no subject.
    let own = [
        "I want to die.",
        "Do you know what it's like to want to kill myself every day?",
        "I've been thinking about suicide.",
    ];
    for s in own.iter().chain(&[
        "Do you think it's bad that I want to die?",
        "People say I'm dramatic but I want to die.",
        "Don't want to be here anymore.",
        "After a suicide attempt last year I still think about it.",
        "I lost him to suicide.",
        "I've decided I'm going to die by suicide.",
        "Honestly, I've been planning a suicide for weeks.",
        "I keep getting a suicidal urge at night.",
        "I wrote a suicide letter last night.",
        "We made a suicide pact.",
    ]) {
        has(&therapist(s, ctx), s, Code::Crisis);
    }
    yes(Code::Crisis, &own);
    // Everyday ways of saying it (the label guide's own example first).
    yes(
        Code::Crisis,
        &[
            "I've thought about ending it.",
            "some nights i think everybody'd be better off if i just wasnt here",
            "I keep thinking it'd be easier if I just didn't wake up.",
            "Sometimes I think about taking all my tablets.",
            "honestly sometimes i think i should just go and join mummy",
            "Some days I don't see the point in getting up anymore.",
            "honestly some nights i think about not waking up. i'm not okay",
            "i dont see the point anymore. some nights i think id be better off not waking up",
            "sometimes I think I'd rather just be with him than stay here",
            "Because I've been up in the barn with a rope more than once, that's why.",
            "i'm done. with all of it. you won't have to worry about me much longer",
            "Leave me in this empty house. I'll just sit here and wait to die.",
            // Missed in rounds 13–14 of the labelled data.
            "I keep thinking it would be easier for everybody if I just wasn't here any more.",
            "honestly some nights i don't want to be here no more. i'm so tired",
            "some nights I think it would be easier if I just didn't wake up tomorrow",
            "I've been looking at my meds cabinet at night and thinking about it.",
            "I don't want to be here any more, Aoife. I'm tired of waking up.",
            "barely tbh. some days i don't wanna be here anymore",
        ],
    );
    // Low mood, plans and everyday words that say nothing of dying are scored as usual.
    no(
        Code::Crisis,
        &[
            "Some mornings I don't see the point of getting dressed.",
            "I didn't wake up until noon.",
            "If I were you, that's how I'd do it.",
            "I looked up ways to say no politely.",
            "I took all my tablets this morning like the doctor said.",
            "I'm thinking about cutting contact with my dad.",
            "It's easier if I don't wake the baby.",
            "It's better if I'm not here when he collects his stuff.",
            "I don't see the point of living together if we never talk.",
            "We won't make it to the morning ferry.",
            "The others are at the beach, go and join them.",
            "I think about not waking up the kids when I leave early.",
            "I'd rather be with him than stay here on my own all weekend.",
            "We tied the gate with a rope.",
            "I'll wait to die my hair until the weekend.",
            "I'm not going to sit here and wait to die of boredom, let's go.",
            "I've been climbing with a rope for years.",
            "I've been tying the gate with a rope.",
            "I'd rather be with them than here on my own all weekend.",
            "You won't have to worry about me, I'll text when I land.",
            "You won't have to worry about me much longer, the cast comes off on Friday.",
            "I don't want to be here any more than you do, but the meeting is at six.",
            "It'd be easier for everyone if I'm not here when he collects his stuff.",
            "It's easier if I don't wake up the baby again.",
            "I was looking at the pills the vet gave us and thinking about it.",
            "I looked at the pills the vet gave and thought about it.",
            "I looked at the new tablets in the shop and thought about it.",
            "It's easier for everyone if I'm not here on Sunday.",
        ],
    );
    // A client asking the same question is still treated as crisis language (shown resources, not scored).
    has(
        &client("Are you having thoughts of suicide?"),
        "client",
        Code::Crisis,
    );
}

// ---------------------------------------------------------------- the other MITI 4.2.1 behaviours

#[test]
fn miti_information_persuasion_collaboration_autonomy_confront() {
    let ctx = "I don't know whether to cut down on the drinking or not.";
    let t = |s: &str| therapist(s, ctx);
    let s = "Most people sleep better within two weeks of stopping.";
    has(&t(s), s, Code::GivingInformation);
    let s = "You really need to cut down before it ruins your liver.";
    let a = t(s);
    has(&a, s, Code::Persuade);
    lacks(&a, s, Code::PersuadeWithPermission);
    let s = "Would it be all right if I shared what has helped others? You could try keeping a drink diary.";
    let a = t(s);
    has(&a, s, Code::PersuadeWithPermission);
    has(&a, s, Code::Advice);
    lacks(&a, s, Code::Persuade);
    for s in [
        "What do you make of that?",
        "Shall we look at this together?",
    ] {
        has(&t(s), s, Code::SeekingCollaboration);
    }
    for s in [
        "It's your decision.",
        "You know best what will work for you.",
    ] {
        has(&t(s), s, Code::EmphasizingAutonomy);
    }
    for s in ["You're in denial.", "That's just an excuse."] {
        has(&t(s), s, Code::Confront);
    }
    // Disagreeing outright is confronting too (MITI), with no label word ("denial", "excuse").
    check(
        t,
        Code::Confront,
        &[
            "I'd push back on that, honestly.",
            "Cutting down later? That's a terrible idea.",
            "Who are you kidding?",
        ],
        true,
    );
    // Kind replies with the same words are not: reassurance, a double-sided reflection, praise.
    let kind = [
        (
            "I feel so stupid for crying in front of him.",
            "That's a mistake anyone could make.",
        ),
        (
            "I told him I'd never speak to him again.",
            "You say that, but part of you hopes he'll call.",
        ),
        (
            "I started a drink diary like we said.",
            "That was a good idea of yours, the diary.",
        ),
    ];
    for (ctx, s) in kind {
        lacks(&therapist(s, ctx), s, Code::Confront);
    }
    // Advice the client asked for is given with permission.
    let s = "You could try talking to her on Sunday.";
    let a = therapist(s, "What should I do about my sister?");
    has(&a, s, Code::PersuadeWithPermission);
    lacks(&a, s, Code::Persuade);
}

// ---------------------------------------------------------------- issue 9's examples: ordinary replies read right

#[test]
fn the_examples_that_were_misread() {
    // A clarification of one's own feeling is not defensiveness.
    let t = "I'm not angry with you. I just miss her.";
    let a = run(
        t,
        Some("You've been snapping at me all week. What did I do?"),
        Perspective::Client,
    );
    lacks(&a, t, Code::Defensiveness);
    has(&a, t, Code::IStatement);
    // "don't you" is a tag question, not a command; "oh sure, you always know best" is sarcasm.
    let t = "Oh sure, you always know best, don't you.";
    let a = run(
        t,
        Some("I just think you should let me handle it."),
        Perspective::Client,
    );
    lacks(&a, t, Code::Command);
    has(&a, t, Code::Sarcasm);
    has(&a, t, Code::Contempt);
    // An apology for jumping in, and a rephrasing: a repair, not a question.
    let t = "Sorry, I jumped in with advice. What I meant is: it sounds like you needed someone to just listen.";
    let a = therapist(t, "I don't need a plan, I need someone to listen.");
    lacks(&a, t, Code::OpenQuestion);
    has(&a, t, Code::Repair);
    has(&a, t, Code::Reflection);
    // A reflection with no marker word.
    let t = "You've been carrying all of this on your own.";
    let a = therapist(
        t,
        "I do the shopping, the appointments, the bills, and nobody even asks how I am.",
    );
    has(&a, t, Code::Reflection);
}

#[test]
fn a_session_of_one_reflection_and_one_question_reads_as_miti_would() {
    // With the reflection above counted, R:Q is 1.0 (fair) and one complex of two reflections is 50%.
    let ctx = "I do the shopping, the appointments, the bills, and nobody even asks how I am.";
    let r1 = therapist("You've been carrying all of this on your own.", ctx);
    let r2 = therapist(
        "Part of you is proud you keep it going, and part of you is exhausted that nobody notices.",
        ctx,
    );
    let q = therapist("What would help most right now?", ctx);
    let q2 = therapist("Who else could take some of it?", ctx);
    let m = SessionMetrics::compute(&[("a", &r1), ("b", &r2), ("c", &q), ("d", &q2)], &[ctx]);
    assert_eq!((m.reflections, m.questions), (2, 2), "{m:?}");
    assert_eq!(m.reflection_to_question, Some(1.0));
    assert_eq!(m.rating_r2q(), Rating::Fair);
}

// ---------------------------------------------------------------- the shipped weights match the rules

#[test]
fn the_shipped_model_was_trained_over_the_current_rules() {
    // Rule hits and decisions are features: weights trained over other rules read them wrongly.
    // After changing assets/scoring/{lexicons,rules}.ron, run `rapport train`.
    let card = include_str!("../assets/scoring/MODEL_CARD.md");
    let fp = rapport::scoring::rules::rules_fingerprint();
    assert!(
        card.contains(&fp),
        "assets/scoring/model.bin was trained over other rules (fingerprint {fp} not in MODEL_CARD.md): run `rapport train`"
    );
}

/// Scoring a transcript turn by turn, each turn's context is the turn analysed just before, whose
/// tokens the scorer takes over as the context's: the analyses must be those of a fresh scorer.
#[test]
fn context_taken_over_from_the_previous_reply_scores_the_same() {
    let turns = [
        "I can't do this anymore, nobody ever helps me with the kids.",
        "It sounds like you're exhausted and feel alone with all of it.",
        "Yes. And he just says I'm overreacting!!",
        "What would you like him to do differently?",
        "Honestly? Just listen to me for once.",
    ];
    let on_one_thread: Vec<Analysis> = turns
        .windows(2)
        .flat_map(|w| {
            [
                run(w[0], None, Perspective::Therapist),
                run(w[1], Some(w[0]), Perspective::Therapist),
            ]
        })
        .collect();
    // Each analysis on its own new thread: nothing carried over between replies.
    let fresh: Vec<Analysis> = turns
        .windows(2)
        .flat_map(|w| [(w[0], None), (w[1], Some(w[0]))])
        .map(|(t, c)| {
            std::thread::scope(|s| {
                s.spawn(|| run(t, c, Perspective::Therapist))
                    .join()
                    .expect("scoring thread")
            })
        })
        .collect();
    assert_eq!(on_one_thread, fresh);
}

#[test]
fn cached_context_is_not_shared_between_rules_with_different_lexicons() {
    // A scenario lexicon that makes "sorted" an effort phrase: the same context and reply scanned by
    // the built-in rules and by the extended ones, alternately on one thread, must each score as a
    // fresh scorer does (the per-thread cache is keyed on the rules' build, not their address).
    let extra: std::collections::BTreeMap<String, Vec<String>> =
        [("effort_phrases".to_string(), vec!["sorted".to_string()])].into();
    let extended = RuleScorer::with_lexicon(&extra).expect("a known lexicon");
    let (ctx, reply) = (
        "I sorted the whole garage today.",
        "You sorted the whole garage today.",
    );
    let score = |s: &RuleScorer| s.analyse(Reply::typed(reply, Some(ctx), Perspective::Client));
    let fresh = |s: &RuleScorer| {
        std::thread::scope(|t| t.spawn(|| score(s)).join().expect("scoring thread"))
    };
    let (plain, ext) = (fresh(RuleScorer::builtin()), fresh(&extended));
    assert_ne!(
        plain, ext,
        "the lexicon must change the analysis for this test to mean anything"
    );
    for _ in 0..3 {
        assert_eq!(score(RuleScorer::builtin()), plain);
        assert_eq!(score(&extended), ext);
    }
}

#[test]
fn guilt_trips_are_not_reassurance_and_pleas_are_not_boundaries() {
    rules_no(
        Code::Reassurance,
        &[
            "Don't worry about us. I'll cook anyway.",
            "no thats fine, ill manage, dont worry about me",
        ],
    );
    rules_yes(
        Code::Reassurance,
        &[
            "Don't worry, it'll be fine.",
            "Don't worry, it's not like it's your fault.",
        ],
    );
    rules_no(
        Code::Boundary,
        &[
            "Please don't be angry. I'm sorry.",
            "I'm bisexual. Please don't hate me.",
            "Please don't take this the wrong way.",
        ],
    );
    rules_yes(
        Code::Boundary,
        &[
            "Please don't call me after ten.",
            "Please don't talk to me like that.",
        ],
    );
}

/// Where the model's main behaviour is a reflection, a reflection code stands with it, so the feedback
/// does not say "no reflection found" under a reply it calls a reflection (a plain reflection with no
/// stem, from a probe of ordinary replies); a reply with no content word takes its behaviour from its
/// codes, so a bare "2" after a long story is neither.
#[test]
fn the_codes_agree_with_the_main_behaviour() {
    let t = "you're blaming yourself";
    let a = therapist(t, "I keep thinking I should have seen it coming.");
    assert_eq!(a.behaviour, Behaviour::Reflection, "{t}");
    has(&a, t, Code::Reflection);
    let story = "(Quieter.) I went. I stood at the bar with a Chapman for forty minutes. Funmi hugged me \
                 and then she had thirty other people. I said 'happy birthday' and 'nice place' and that's \
                 it. Then I sat in the Uber and thought, see, this is why I don't go.";
    for t in ["2", "the", "ok"] {
        let a = therapist(t, story);
        lacks(&a, t, Code::Reflection);
        assert_eq!(a.behaviour, Behaviour::Other, "{t}");
    }
}

/// A rule finding the model all but rules out (below 1%) is dropped: a client's "I was worried sick"
/// in a gentle start-up is not the therapist's pitfall of turning to one's own story.
#[test]
fn a_client_saying_how_they_felt_is_not_self_focus() {
    let t = "i need you to call when you're late. i was worried sick";
    let a = run(
        t,
        Some("Sorry, got held up, phone died."),
        Perspective::Client,
    );
    lacks(&a, t, Code::SelfFocus);
    has(&a, t, Code::IStatement);
}

/// Questions that open like suggestions, or come without their question mark: "Why don't you…" with a
/// state verb asks why, "How about your…" asks about the listener's things, and "what stops you…" puts
/// a verb to "you".
#[test]
fn questions_without_their_usual_form() {
    for (t, ctx) in [
        (
            "Why don't you like her?",
            "I just can't stand my sister-in-law.",
        ),
        ("How about your weekend?", "Not much to report really."),
        (
            "what stops you going",
            "I haven't been to the grave since the burial.",
        ),
    ] {
        let a = therapist(t, ctx);
        has(&a, t, Code::OpenQuestion);
    }
    // The suggestions stay suggestions.
    let t = "Why don't you ring her?";
    let a = therapist(t, "I haven't spoken to my sister in months.");
    lacks(&a, t, Code::OpenQuestion);
    has(&a, t, Code::Advice);
}

/// A question typed the lazy way reads as the tidy one: no apostrophe ("hows"), chat spellings ("wud
/// u"), a fragment ending in its question word ("harder how"), a lone "why". A statement that opens
/// with "what" about oneself ("What worries me is the money.") is no question, and a fragment that says
/// what is not known ("no idea why") asks nothing.
#[test]
fn questions_typed_the_lazy_way() {
    let ctx = "It's been harder since the baby came, honestly.";
    for (t, code) in [
        ("hows the week been", Code::OpenQuestion),
        ("harder how", Code::OpenQuestion),
        ("Harder how?", Code::OpenQuestion),
        ("why", Code::OpenQuestion),
        (
            "wud u want to bring ur partner next time",
            Code::ClosedQuestion,
        ),
    ] {
        let a = therapist(t, ctx);
        has(&a, t, code);
    }
    let statements = [
        "What worries me is the money.",
        "what i need is some sleep",
        "no idea why",
        "dunno why",
    ];
    let client_after = |t: &str| run(t, Some(ctx), Perspective::Client);
    check(client_after, Code::OpenQuestion, &statements, false);
    check(client_after, Code::ClosedQuestion, &statements, false);
}

/// Careless typing keeps its codes: a request, an I-statement and a shutdown typed without
/// apostrophes, capitals or the "I" read as the tidy ones do.
#[test]
fn careless_typing_keeps_its_codes() {
    let ctx = "You're always on your phone.";
    let a = run(
        "id like us to have dinner without phones",
        Some(ctx),
        Perspective::Client,
    );
    has(&a, "id like us…", Code::Request);
    let t = "dont want to talk about it";
    let a = run(
        t,
        Some("We need to talk about Dad's care."),
        Perspective::Client,
    );
    has(&a, t, Code::Stonewalling);
    let t = "im not gonna argue about this";
    let a = run(
        t,
        Some("You never help with the kids."),
        Perspective::Client,
    );
    has(&a, t, Code::Boundary);
}

/// Each piece of evidence is listed once, even where two of the model's features (a word and its
/// stem, say) point at the same words.
#[test]
fn evidence_is_listed_once() {
    let set = include_str!("data/assertiveness_set.jsonl");
    let mut replies: Vec<(String, String, Perspective)> = set
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("json");
            (
                v["text"].as_str().unwrap_or_default().to_string(),
                v["context"].as_str().unwrap_or_default().to_string(),
                Perspective::Client,
            )
        })
        .collect();
    replies.push((
        "You're blaming yourself for not calling.".into(),
        "I keep thinking I should have called her that night.".into(),
        Perspective::Therapist,
    ));
    replies.push((
        "Oh wow thank you, I love that you did that.".into(),
        "I cleaned the whole house for when you got back.".into(),
        Perspective::Client,
    ));
    for (t, ctx, p) in &replies {
        let a = run(t, Some(ctx), *p);
        let mut seen = std::collections::HashSet::new();
        for e in &a.evidence {
            assert!(
                seen.insert((e.code, e.start, e.end)),
                "{t:?}: {:?} at {}..{} listed twice",
                e.code,
                e.start,
                e.end
            );
        }
    }
}

/// What the careless-typing changes must not take: a question typed without its mark keeps its own cue
/// ("what made you…", "what if…", "how come…") even with "I" or "my" and "is" after it; "gotta" is no
/// question; an owned "id" is the card; a fragment ending in "when" asks for a fact (closed); shutdowns
/// without the "I" are held to the talk itself.
#[test]
fn careless_typing_keeps_ordinary_readings() {
    let client_after = |t: &str| {
        run(
            t,
            Some("What's going on with you lately?"),
            Perspective::Client,
        )
    };
    let questions = [
        "what made you think i was lying",
        "what if my dad is right",
        "how come my son is so angry all the time",
    ];
    check(client_after, Code::OpenQuestion, &questions, true);
    check(client_after, Code::ClosedQuestion, &["since when"], true);
    let neither = [
        "gotta admit you did well there",
        "God knows why",
        "the bouncer checked my id like three times",
    ];
    for code in [Code::OpenQuestion, Code::ClosedQuestion, Code::IStatement] {
        check(client_after, code, &neither, false);
    }
    let not_shutdowns = [
        "not talking to my sister since christmas",
        "am done with work for the week",
        "cant be bothered to cook lately",
    ];
    check(client_after, Code::Stonewalling, &not_shutdowns, false);
}

#[test]
fn a_counter_attack_in_the_other_persons_words_is_no_reflection() {
    // The rules read second-person words that echo the line before as saying it back; the learned
    // layer vetoes that where it is sure the reply is none (a reflection without a stem).
    let cases = [
        (
            "(your ex-husband) The kids will spend Christmas with me this year. My lawyer says it's my turn.",
            "YOU HAD THEM LAST YEAR. STOP LYING.",
        ),
        (
            "We have to decide about summer camp by Friday. You can't keep not answering.",
            "I've said everything I had to say about this. I'm done talking. Decide whatever you want.",
        ),
    ];
    for (ctx, t) in cases {
        let a = run(t, Some(ctx), Perspective::Client);
        for code in [Code::SimpleReflection, Code::ComplexReflection] {
            lacks(&a, t, code);
        }
    }
    // A client's reflection opened by a listening stem stands, however unsure the model is.
    let t = "It sounds like this is a shock for you too.";
    let a = run(
        t,
        Some("I only found out about the will yesterday."),
        Perspective::Client,
    );
    assert!(
        a.has(Code::SimpleReflection) || a.has(Code::ComplexReflection),
        "a stem-led reflection stands: {:?}",
        a.codes
    );
}

#[test]
fn a_reflection_has_one_depth_and_persuading_one_kind() {
    let cases = [
        (
            "We moved here for his job. The days are so long. Nobody sees me.",
            "You moved here for his job, and now the days are long and you feel invisible.",
        ),
        (
            "Mum died in March. I haven't been back to choir since.",
            "Your mum died in March. Since then you haven't been back to the choir, and it sounds like singing without her feels wrong.",
        ),
    ];
    for (ctx, t) in cases {
        let a = therapist(t, ctx);
        let depths = [Code::SimpleReflection, Code::ComplexReflection]
            .into_iter()
            .filter(|&c| a.has(c))
            .count();
        assert_eq!(depths, 1, "one depth for {t:?}: {:?}", a.codes);
    }
    let t = "Can I throw one idea out? Some parents find it works to just say 'I wasn't there and I'm sorry' and stop, no explaining. You know her, though, so see if that fits.";
    let a = therapist(
        t,
        "I don't know what to say to my daughter when she asks why I missed her recital.",
    );
    assert!(
        !(a.has(Code::Persuade) && a.has(Code::PersuadeWithPermission)),
        "persuading is with permission or without, not both: {:?}",
        a.codes
    );
}

#[test]
fn a_therapists_imperative_is_advice_and_an_invitation_to_tell_is_a_question() {
    let ctx = "He still hasn't paid back the money from Dad's funeral.";
    for t in ["Just leave him.", "Stop lending him money, then."] {
        let a = therapist(t, ctx);
        has(&a, t, Code::Advice);
        has(&a, t, Code::Persuade);
        lacks(&a, t, Code::Command);
    }
    // The same words from a client at the person in front of them are a command.
    let t = "Stop lending him money, then.";
    has(&run(t, Some(ctx), Perspective::Client), t, Code::Command);
    for t in [
        "Take me back to when he first asked.",
        "Take me through the day of the funeral.",
    ] {
        let a = therapist(t, ctx);
        has(&a, t, Code::OpenQuestion);
        for code in [Code::Command, Code::Advice, Code::Persuade] {
            lacks(&a, t, code);
        }
    }
}

#[test]
fn everyday_ways_of_asking_leave_make_persuading_with_permission() {
    let after = |t: &str| therapist(t, "My son won't talk to me since the divorce.");
    let asked_leave = [
        "Would you like some advice? You could write him a letter.",
        "Mind if I share something? You could write him a letter.",
        "Can I give you my take? You could write him a letter.",
        "Can I be straight with you? Stop pushing him and give him some space.",
    ];
    check(after, Code::PersuadeWithPermission, &asked_leave, true);
    check(after, Code::Persuade, &asked_leave, false);
}

#[test]
fn exasperated_why_questions_and_accusations_are_criticism_and_plain_facts_no_hedge() {
    // A play test: "why are you like this?" to a teenager was an open question, and he opened up;
    // "You stole my work, Ruan." had no code at all.
    for (line, reply) in [
        (
            "I'm not going to the hagwon anymore.",
            "why are you like this?",
        ),
        ("Where were you last night?", "Why are you like this?"),
        (
            "I presented the numbers at the meeting today.",
            "You stole my work, Ruan.",
        ),
    ] {
        let a = run(reply, Some(line), Perspective::Client);
        has(&a, reply, Code::Criticism);
        lacks(&a, reply, Code::OpenQuestion);
    }
    // "I don't know" with something after it says something; alone it is a hedge.
    for (line, reply) in [
        (
            "What brought you to this end of Wales?",
            "I'm from Bristol, moved for work. I don't know anyone here yet.",
        ),
        (
            "What brought you to this end of Wales?",
            "Bristol. My job moved me here in March and honestly I don't know a soul yet.",
        ),
    ] {
        let a = run(reply, Some(line), Perspective::Client);
        lacks(&a, reply, Code::Hedging);
        assert_ne!(a.style, rapport::scoring::Style::Passive, "{reply:?}");
    }
    let reply = "I don't know, maybe we could talk about it later?";
    has(
        &run(
            reply,
            Some("Why are you always on my case?"),
            Perspective::Client,
        ),
        reply,
        Code::Hedging,
    );
}

#[test]
fn capitals_are_no_gentle_start_up_and_a_shouted_attack_gets_no_lower_cased_model() {
    let shouted = "I FEEL REALLY UPSET WHEN YOU JUST WALK IN WITHOUT CALLING";
    let a = client(shouted);
    has(&a, shouted, Code::Shouting);
    lacks(&a, shouted, Code::GentleStartup);
    // The shouting tip's example lower-cases the reply; for an accusation that would be the same
    // accusation, so the attack's tip stands and no example repeats it.
    let accusation = "YOU STOLE MY WORK RUAN";
    let a = client(accusation);
    has(&a, accusation, Code::Criticism);
    assert!(
        a.tips
            .iter()
            .filter_map(|t| t.rewrite.as_deref())
            .all(|r| !r.to_lowercase().contains("stole my work")),
        "{:?}",
        a.tips
    );
}

#[test]
fn three_questions_at_once_are_named_first_in_the_tips() {
    let stacked = "how are you sleeping? are you eating? have you talked to danny's family?";
    let a = therapist(stacked, "It's been three months since Danny died.");
    assert!(
        a.tips[0].text.contains("several questions at once"),
        "{:?}",
        a.tips
    );
    let one = "How are you sleeping these days?";
    let a = therapist(one, "It's been three months since Danny died.");
    lacks_tip(&a, "several questions");
}

#[test]
fn a_therapists_i_would_just_is_advice() {
    // A play test: just-tell-me's "Honestly, I'd just tell Jun no." was coded a reflection and a
    // confront, with the advice missed.
    let said = "Honestly, I'd just tell Jun no. You're not his servant.";
    let a = therapist(
        said,
        "Jun keeps calling me every night asking me to decide about Mama's care.",
    );
    has(&a, said, Code::Advice);
}

#[test]
fn asking_straight_out_about_suicide_gets_no_open_question_tip() {
    let asked = "are you thinking about killing yourself?";
    let a = therapist(asked, "Sometimes I think they'd all be fine without me.");
    has(&a, asked, Code::ClosedQuestion);
    lacks_tip(&a, "open question");
}

#[test]
fn one_question_is_asked_open_or_closed_not_both() {
    // A play test: these skilled open questions came out both open and closed, and six-weeks'
    // `closed` route took them ("Not yet, no.").
    for (asked, line) in [
        (
            "Which matters most to you?",
            "The flat, the job offer, my mum. Six weeks and I have to decide all of it.",
        ),
        (
            "Where would you like to start?",
            "The flat, the job offer, my mum. Six weeks and I have to decide all of it.",
        ),
        (
            "When Hannah asked, what went through your mind just before you said 'not really'?",
            "Hannah asked if I wanted to come for a drink and I said not really.",
        ),
        (
            "Before he said that line — what was the mood at the table?",
            "Dad made his joke about me being a housewife again.",
        ),
    ] {
        let a = therapist(asked, line);
        has(&a, asked, Code::OpenQuestion);
        lacks(&a, asked, Code::ClosedQuestion);
    }
    // Two questions may be one of each.
    let two = "Is he still at home? What is that like for you?";
    let a = therapist(two, "My son moved back in after the divorce.");
    has(&a, two, Code::OpenQuestion);
    has(&a, two, Code::ClosedQuestion);
}

#[test]
fn a_fear_of_blame_said_back_is_no_attack_but_blame_said_outright_is() {
    let line = "What will Father Ramón say? And Abuela? Maybe I did something wrong, raising you.";
    for said_back in [
        "You're scared about what Father Ramón and Abuela will think, and scared it's your fault.",
        "It sounds like you're scared it's your fault.",
        "You feel like it was your fault.",
    ] {
        let a = run(said_back, Some(line), Perspective::Client);
        lacks(&a, said_back, Code::Criticism);
        assert!(
            a.has(Code::SimpleReflection) || a.has(Code::ComplexReflection),
            "{said_back:?} says her fear back: {:?}",
            a.codes
        );
    }
    for attack in ["It's your fault.", "I think it's your fault."] {
        let a = run(attack, Some(line), Perspective::Client);
        has(&a, attack, Code::Criticism);
    }
}

#[test]
fn chat_spellings_and_everyday_proposals_are_read_as_meant() {
    // "ur right" is "you're right"; "ur dad" is still "your dad".
    let typed = "ur right to be mad tbh";
    let a = run(
        typed,
        Some("You forgot my birthday drinks. I waited an hour."),
        Perspective::Client,
    );
    has(&a, typed, Code::AcknowledgeView);
    let rota = "how about a rota";
    let a = run(
        rota,
        Some("I've been doing the dishes every night and I'm exhausted."),
        Perspective::Client,
    );
    has(&a, rota, Code::ProposeOptions);
    // An instruction opening "do the" is no question.
    for order in ["Do the dishes on your nights off.", "do it anyway"] {
        let a = client(order);
        lacks(&a, order, Code::ClosedQuestion);
        lacks(&a, order, Code::OpenQuestion);
    }
}

#[test]
fn a_clients_request_worded_as_an_instruction_gets_no_counsellors_advice_tip() {
    let asked = "pls call first next time 🙏";
    let a = run(
        asked,
        Some("What, I can't visit my own daughter now?"),
        Perspective::Client,
    );
    has(&a, asked, Code::Request);
    // Neither the counsellor's advice tip nor the client's: beside a request, none.
    lacks_tip(&a, "righting reflex");
    lacks_tip(&a, "Telling them what to do");
    // A client's advice with no request gets the client's tip, not the counsellor's.
    let told = "You should just ring your sister and sort it out.";
    let a = run(
        told,
        Some("My sister and I haven't spoken in months."),
        Perspective::Client,
    );
    has(&a, told, Code::Advice);
    has_tip(&a, "Telling them what to do");
    lacks_tip(&a, "righting reflex");
    // A therapist's advice keeps its tip.
    let told = "You should just call her first.";
    let a = therapist(told, "My mum keeps turning up without warning.");
    has(&a, told, Code::Advice);
    has_tip(&a, "righting reflex");
}

#[test]
fn a_direct_question_about_suicide_advises_nothing_and_chat_shorthand_is_crisis() {
    // A play test: "have you thought about" read as a suggestion sent before-the-birthday down its
    // minimising route.
    let line = "Sometimes I think everyone would be fine without me.";
    for asked in [
        "Have you thought about killing yourself?",
        "When you say they'd be fine without you, have you thought about suicide?",
        "Have you thought about how you'd do it?",
    ] {
        let a = therapist(asked, line);
        lacks(&a, asked, Code::Advice);
        lacks(&a, asked, Code::Persuade);
        lacks(&a, asked, Code::Crisis);
    }
    // Still advice where no risk is asked about.
    let tried = "Have you thought about joining a running club?";
    has(
        &therapist(tried, "I never leave the house."),
        tried,
        Code::Advice,
    );
    has(&client("kms tbh"), "kms tbh", Code::Crisis);
}

#[test]
fn swearing_someone_away_and_mocking_a_need_are_hostile() {
    for (said, code) in [
        ("fuck off umma", Code::Insult),
        ("sounds like a you problem", Code::Contempt),
        ("lol dont be dramatic", Code::Contempt),
    ] {
        let a = run(
            said,
            Some("I just want to see you on Saturdays. Is that so much?"),
            Perspective::Client,
        );
        has(&a, said, code);
        lacks(&a, said, Code::SimpleReflection);
        lacks(&a, said, Code::ComplexReflection);
    }
}

#[test]
fn choosing_for_the_client_is_advice_even_after_sounds_like() {
    let line = "Full-time, three days, or stopping. I keep going round in circles.";
    for told in [
        "idk, sounds like u should go part time",
        "It sounds like the best option is three days.",
        "Honestly I'd keep the job.",
        "Part time sounds best tbh",
    ] {
        let a = therapist(told, line);
        has(&a, told, Code::Advice);
        lacks(&a, told, Code::SimpleReflection);
        lacks(&a, told, Code::ComplexReflection);
    }
    // The client's own "should" said back stays a reflection.
    let said_back =
        "So knowing you should go isn't the problem. Facing Thursdays without Danny is.";
    let a = therapist(
        said_back,
        "I know I should go. Everyone says I should go. But Thursdays were ours.",
    );
    lacks(&a, said_back, Code::Advice);
    // "Shouldn't have to" validates.
    let validates = "You shouldn't have to do this on your own.";
    let a = run(validates, Some("I miss her so much."), Perspective::Client);
    lacks(&a, validates, Code::Advice);
}

#[test]
fn requests_proposals_and_promises_in_everyday_words() {
    let line = "I've been doing the dishes every night and I'm exhausted.";
    for proposed in [
        "You do Tuesdays and Thursdays, I'll do the rest.",
        "What if you came every Sunday for lunch and just texted before Saturdays?",
        "I'll call you every Sunday after Mass.",
    ] {
        let a = run(proposed, Some(line), Perspective::Client);
        has(&a, proposed, Code::ProposeOptions);
        lacks(&a, proposed, Code::Command);
    }
    // ammis-kitchen's `ask`, where a play test's Nadia answered it "You don't get to give orders."
    let proposed =
        "How about we each pick three things to keep, and do the kitchen together next weekend?";
    let a = run(
        proposed,
        Some("So what do you want to do? The agent's booked for Monday."),
        Perspective::Client,
    );
    has(&a, proposed, Code::ProposeOptions);
    lacks(&a, proposed, Code::Command);
    // A request worded with an imperative is a request, not an order.
    let asked = "I'd love it if you came Sundays. Just give me a call before other visits.";
    let a = run(
        asked,
        Some("So now I need an appointment to see my own daughter?"),
        Perspective::Client,
    );
    has(&a, asked, Code::Request);
    lacks(&a, asked, Code::Command);
    let felt = "Since I stopped work the days are long and I feel useless.";
    has(
        &run(
            felt,
            Some("What's got into you lately?"),
            Perspective::Client,
        ),
        felt,
        Code::IStatement,
    );
}

#[test]
fn a_listener_who_mocks_or_labels_is_no_reflection() {
    // A play test reached six-weeks' good ending with three of these, each read as a reflection.
    let line = "Full-time, three days, or stopping. I keep going round in circles.";
    for (said, code) in [
        ("sounds like a you problem", Code::Contempt),
        ("sounds like ur overthinking it", Code::Confront),
        ("ur dad sounds like a dick", Code::Insult),
    ] {
        let a = therapist(said, line);
        has(&a, said, code);
        lacks(&a, said, Code::SimpleReflection);
        lacks(&a, said, Code::ComplexReflection);
    }
}

#[test]
fn a_client_who_listens_first_is_not_told_to_say_what_they_feel() {
    // A play test: skipped-hagwon asks the parent to listen first, and "What's been going on?" was
    // told "Say what you feel and what you need".
    let asked = "What's been going on?";
    let a = run(
        asked,
        Some("I went to a dance studio instead of hagwon. There. Happy?"),
        Perspective::Client,
    );
    has(&a, asked, Code::OpenQuestion);
    lacks_tip(&a, "Say what you feel");
}

#[test]
fn the_fourth_play_tests_fixes_do_not_overreach() {
    // From the regression replay (/work/exp/playtest5.md).
    let line = "Sometimes I think everyone would be fine without me.";
    // Advising about suicide is still advice; only asking about it is not.
    for told in [
        "You shouldn't think about suicide, you have so much to live for.",
        "If you ever feel suicidal you can call 988.",
    ] {
        has(&therapist(told, line), told, Code::Advice);
    }
    // "kms" is a distance after a number.
    lacks(
        &client("i ran 10 kms today"),
        "i ran 10 kms today",
        Code::Crisis,
    );
    has(
        &client("honestly i wanna kms"),
        "honestly i wanna kms",
        Code::Crisis,
    );
    // "ur always welcome" welcomes.
    let welcome = "ur always welcome umma but pls call first";
    let a = run(
        welcome,
        Some("So I need an appointment now?"),
        Perspective::Client,
    );
    lacks(&a, welcome, Code::Criticism);
    // Name-calling a third party is no reflection.
    let called = "he sounds like an idiot for not wearing a helmet";
    let a = run(
        called,
        Some("Danny never wore a helmet. Not once."),
        Perspective::Client,
    );
    lacks(&a, called, Code::SimpleReflection);
    lacks(&a, called, Code::ComplexReflection);
    // A client's own choice is no advice; "the best thing about" is no choice.
    let mine = "Honestly I'd keep the recipe book.";
    lacks(
        &run(mine, Some("What do you want to keep?"), Perspective::Client),
        mine,
        Code::Advice,
    );
    let best = "It sounds like the best thing about Sundays is seeing her.";
    let a = therapist(
        best,
        "Sundays I go to see Mum. That's the good bit of the week.",
    );
    lacks(&a, best, Code::Advice);
}

/// Threats and ultimatums are the aggressive style (the label guide gives them no code of their
/// own); a mock threat in a sarcastic reply stays passive-aggressive, "I swear" is no threat, and
/// "or I'll worry" threatens nothing.
#[test]
fn ultimatums_and_punishments_are_aggressive() {
    for t in [
        "Either you call first or I change the locks.",
        "Call first next time or I'm changing the locks.",
        "You're grounded. Two weeks.",
        "Stop coming round unannounced or I'll take the key back.",
    ] {
        assert_eq!(client(t).style, Style::Aggressive, "{t}");
    }
    for t in [
        "Text me when you land or I'll worry.",
        "I swear I didn't mean to upset you. I'm sorry.",
    ] {
        assert_ne!(client(t).style, Style::Aggressive, "{t}");
    }
    let t = "Oh, so you're the martyr now. Poor, poor thing. I'll make you a little certificate.";
    assert_eq!(client(t).style, Style::PassiveAggressive, "{t}");
}

/// From the sixth play test: warm or patient words that read as attacks, orders, advice or owning a
/// part.
#[test]
fn warmth_patience_praise_and_condolence_read_as_what_they_are() {
    // "Always" in praise is no attack.
    let t = "you always make saturdays special umma. i dont want to lose that";
    let a = client(t);
    lacks(&a, t, Code::Criticism);
    lacks(&a, t, Code::Absolute);
    has(&a, t, Code::Appreciation);
    let t = "You always make a mess and leave it for me.";
    has(&client(t), t, Code::Absolute);
    // Patience is no order.
    let t = "i know its a lot. take your time";
    lacks(&client(t), t, Code::Command);
    // "You should be proud" affirms; it advises nothing.
    let t = "you should be proud of yourself marek";
    let a = therapist(t, "I rang Beata on Sunday. We're meeting for coffee.");
    has(&a, t, Code::Affirmation);
    lacks(&a, t, Code::Advice);
    lacks(&a, t, Code::Persuade);
    // Said to someone grieving, it is still no mockery.
    let t = "you should be proud of yourself";
    let a = run(
        t,
        Some(
            "When my Huw died I didn't leave the house for a month. It was this garden that got me out.",
        ),
        Perspective::Client,
    );
    lacks(&a, t, Code::Contempt);
    has(&a, t, Code::Affirmation);
    let t = "you should be ashamed of yourself";
    lacks(&client(t), t, Code::Affirmation);
    // Denying one feeling and naming the one it is clarifies (the label guide); a denial with a
    // counter-charge is still defensive.
    for t in [
        "I'm not angry, I'm worried about you.",
        "im not mad, i just want to understand whats going on",
        "I'm not angry with you. I just miss her.",
    ] {
        lacks(&client(t), t, Code::Defensiveness);
    }
    let t = "I'm not the one who forgot, you did.";
    has(&client(t), t, Code::Defensiveness);
    // A condolence owns nothing; an apology for one's own act still does.
    for t in ["I am sorry for your loss", "so sorry to hear that"] {
        lacks(&client(t), t, Code::Responsibility);
        lacks(
            &therapist(t, "My brother died in March."),
            t,
            Code::Responsibility,
        );
    }
    let t = "im sorry about huw";
    lacks(
        &run(
            t,
            Some("Huw did the potatoes. Forty years."),
            Perspective::Client,
        ),
        t,
        Code::Responsibility,
    );
    let t = "I'm sorry I forgot your birthday.";
    has(&client(t), t, Code::Responsibility);
}

/// A listener's open question is praised as one, with the reflection to pair it with next, and a
/// risk question asked straight out is not told to reflect first (the sixth play test).
#[test]
fn good_questions_are_not_told_to_reflect_first() {
    let t = "What would each option mean for you day to day?";
    let a = therapist(
        t,
        "Full-time, part-time, or not going back at all. I keep going round in circles.",
    );
    has(&a, t, Code::OpenQuestion);
    has_tip(&a, "Good open question");
    lacks_tip(&a, "Reflect before you ask");
    let t = "When you say everyone would be fine without you, are you having thoughts of killing yourself?";
    let a = therapist(t, "Sometimes I think everyone would be fine without me.");
    lacks_tip(&a, "Reflect before you ask");
    lacks_tip(&a, "A closed question");
    // A closed question that is no risk question still hears both.
    let t = "Did you sleep last night?";
    let a = therapist(t, "I'm so tired of all of it.");
    has_tip(&a, "Reflect before you ask");
}

/// Feelings, guilt and encouragers in chat words (the sixth play test): "…and it stung", "that felt
/// rubbish" and "ive been a mess" own a feeling; "do you know how much that costs us??" is a guilt
/// trip; "go on" asks for more, as "tell me more" does.
#[test]
fn plain_feelings_and_encouragers_are_read() {
    for t in [
        "i built it over 3 weeks of evenings and it stung",
        "nobody knew i built it. that felt rubbish",
        "ive been a mess tbh",
    ] {
        has(&client(t), t, Code::IStatement);
    }
    // What it cost, held over them, is a guilt trip; what they mean to you is not.
    let t = "do you know how much that hagwon costs us??";
    assert_eq!(client(t).style, Style::PassiveAggressive, "{t}");
    let t = "Do you know how much you mean to me?";
    assert_ne!(client(t).style, Style::PassiveAggressive, "{t}");
    let t = "go on";
    has(
        &therapist(
            t,
            "He was my best mate since we were six. We did everything together.",
        ),
        t,
        Code::OpenQuestion,
    );
    // An order that opens with "go on" asks for nothing more (the seventh play test).
    for t in ["go on, do the dishes then", "go on, take the key and go"] {
        lacks(&client(t), t, Code::OpenQuestion);
    }
    let t = "go on, im listening";
    has(
        &therapist(t, "I don't know. It's hard to say."),
        t,
        Code::OpenQuestion,
    );
    let t = "Go on holiday, you deserve it.";
    lacks(
        &therapist(t, "I haven't had a break in years."),
        t,
        Code::OpenQuestion,
    );
}

/// Choosing for them after "sounds like" is advice, not a reflection (the seventh play test).
#[test]
fn choosing_for_them_after_sounds_like_is_advice() {
    let line = "Full-time, part-time, or not going back at all. I keep going round in circles.";
    for t in [
        "honestly part time sounds like the best of both worlds",
        "part time sounds like it would suit you",
    ] {
        let a = therapist(t, line);
        has(&a, t, Code::Advice);
        lacks(&a, t, Code::ComplexReflection);
        lacks(&a, t, Code::SimpleReflection);
    }
}

/// A client's closed question alone gets the question's own tip: not praise ("are you lying to
/// me?" had "Good move"), and not "say what you feel and need" ("u ok?").
#[test]
fn a_clients_closed_question_alone_gets_the_questions_tip() {
    for t in ["are you lying to me?", "u ok?"] {
        let a = client(t);
        has_tip(&a, "A closed question gets a yes or no");
        lacks_tip(&a, "Good move");
        lacks_tip(&a, "Say what you feel");
    }
}

/// A direct question about suicide attacks no one, in any spelling (the seventh play test: "Do you
/// ever think about killing yourself?" was a confront and "do u ever think about ending ur life"
/// criticism and aggressive, after Noor's line).
#[test]
fn a_risk_question_is_no_attack() {
    let line = "It's his birthday next week. Dad's. And honestly... sometimes I think everyone would be fine without me. They'd cope.";
    for t in [
        "Do you ever think about killing yourself?",
        "do u ever think about ending ur life",
    ] {
        let a = therapist(t, line);
        for c in [
            Code::Confront,
            Code::Criticism,
            Code::Contempt,
            Code::Absolute,
        ] {
            lacks(&a, t, c);
        }
        assert!(!a.style.is_hostile(), "{t}: {:?}", a.style);
        lacks_tip(&a, "attacks the person");
    }
}

#[test]
fn hopelessness_about_going_on_is_crisis_and_a_task_going_on_is_not() {
    // An eighth play test: a widower's passive ideation was scored, and "i just want it all to stop"
    // was read as a limit.
    for t in [
        "honestly some nights i dont see the point of going on without her",
        "i cant do this anymore, i just want it all to stop",
        "whats the point of going on",
        "no point carrying on without her",
        "I'm tired of living.",
    ] {
        assert!(client(t).is_crisis(), "{t}: {:?}", client(t).codes);
    }
    for t in [
        "There's no point going on with the meeting if he isn't here.",
        "I want this argument to end.",
    ] {
        assert!(!client(t).is_crisis(), "{t}");
    }
}

#[test]
fn a_complaint_handed_back_is_defensiveness_not_a_reflection() {
    let line = "I'm so tired all the time. I do everything around here.";
    for t in [
        "ur not the only one whos tired sam",
        "what about me? i work all day too",
    ] {
        let a = run(t, Some(line), Perspective::Client);
        has(&a, t, Code::Defensiveness);
        lacks(&a, t, Code::SimpleReflection);
        lacks(&a, t, Code::ComplexReflection);
    }
    let t = "ok fair but i do have a lot of clients tbh, it happens";
    has(
        &therapist(t, "You forgot my session. Again."),
        t,
        Code::Defensiveness,
    );
}

#[test]
fn the_eighth_play_tests_misreadings() {
    // The means and how near, asked straight out: a risk question, not advice (the guide's example).
    let t = "You've looked at your dad's pills. I'm glad you told me. Have you thought about taking them, or come close?";
    let a = therapist(t, "I looked at Dad's pills last night. Just looked.");
    lacks(&a, t, Code::Advice);
    lacks(&a, t, Code::Persuade);
    // A case supposed to explore it suggests nothing.
    let t = "If you could go back to that moment at the table, what might you say about Saturday?";
    let a = therapist(t, "I froze. I just said not really.");
    has(&a, t, Code::OpenQuestion);
    lacks(&a, t, Code::Advice);
    // A name for a third party is an insult, and no reflection.
    let t = "wow ur dad sounds like a proper dinosaur tbh";
    let a = therapist(t, "He called my placement a disgrace in front of everyone.");
    has(&a, t, Code::Insult);
    lacks(&a, t, Code::SimpleReflection);
    // Speaking for the dead to keep someone going reassures; it says nothing back.
    let t = "i'm sure your dad would want you to keep going";
    let a = therapist(
        t,
        "Some days I don't see the point of any of it since Dad died.",
    );
    has(&a, t, Code::Reassurance);
    lacks(&a, t, Code::SimpleReflection);
    // A feeling owned in the perfect tense, and after "pretty".
    rules_yes(
        Code::IStatement,
        &[
            "I've felt lost since I finished at the garage.",
            "Sitting there I felt pretty invisible.",
        ],
    );
    // One courtesy "sorry" in a refusal, or one owning a wrong, is no over-apology.
    for (t, line) in [
        (
            "no. im sorry but its decided. i cant do 3 months when i already know",
            "Please. Three months. That's all I'm asking.",
        ),
        ("sorry", "You just vanished. Four years."),
    ] {
        lacks(
            &run(t, Some(line), Perspective::Client),
            t,
            Code::OverApology,
        );
    }
    let t = "Sorry. Sorry, you're right, I'm so sorry.";
    has(&client(t), t, Code::OverApology);
    // Marcia's own words said back are a reflection, not the excuse the model read in "while I was at
    // work".
    let line = "You want the truth? I had a life in this house while you were at that garage. A good one. Now I come home and my kitchen's been reorganised. It's like being inspected.";
    let t = "You had a good life in this house while I was at work, and now it feels like you're being inspected in your own kitchen.";
    let a = run(t, Some(line), Perspective::Client);
    has(&a, t, Code::ComplexReflection);
    lacks(&a, t, Code::Defensiveness);
    // Changing the subject from a complaint is stonewalling.
    let t = "can we talk about something else";
    has(
        &run(
            t,
            Some("I just feel like you never listen to me."),
            Perspective::Client,
        ),
        t,
        Code::Stonewalling,
    );
}

#[test]
fn a_bare_brush_off_is_told_to_stay_with_it_and_flooding_to_take_a_break() {
    let line = "You know why I'm rushing? Because every time I open a drawer in here she's in it. Her reading glasses are still by the kettle.";
    let a = run("ok", Some(line), Perspective::Client);
    has(&a, "ok", Code::Stonewalling);
    has_tip(&a, "Stay with it");
    lacks_tip(&a, "ask for one and say when you will come back");
    lacks_tip(&a, "You hid your own view");
    let t = "I'm done. I can't talk about this.";
    let a = run(t, Some(line), Perspective::Client);
    has(&a, t, Code::Stonewalling);
    lacks_tip(&a, "Stay with it");
}

#[test]
fn asking_leave_gets_no_closed_question_tip() {
    // MITI's seeking collaboration is closed by its nature (an eighth play test: "Would it help if I
    // shared…?" and a role-play invitation were told an open question invites more).
    for (t, line) in [
        (
            "Would it help if I shared what other families in your place have tried? You can take it or leave it.",
            "I don't know what to do any more.",
        ),
        (
            "Shall we practise it here? I'll be your dad.",
            "I could never say it to his face.",
        ),
    ] {
        let a = therapist(t, line);
        has(&a, t, Code::SeekingCollaboration);
        lacks_tip(&a, "A closed question gets a yes or no");
        lacks_tip(&a, "Reflect before you ask");
    }
    let t = "Did he say anything?";
    has_tip(
        &therapist(t, "I could never say it to his face."),
        "A closed question gets a yes or no",
    );
}

#[test]
fn a_risk_cue_passed_by_is_told_to_ask_and_a_risk_question_is_praised() {
    // A ninth play test: a trainee's "k" and "aw" to "everyone would be fine without me" scored
    // 50/50/50 with "reflect before you ask", and a client's "ok dad" to "everybody would be easier
    // without me" was told to say what she needs.
    let line = "Mum's planning a dinner for Dad's birthday. Sometimes I think they'd all be fine without me. Honestly.";
    for t in ["k", "aw", "That sounds really lonely."] {
        let a = therapist(t, line);
        assert!(
            a.tips[0]
                .text
                .starts_with("They may be telling you they think of suicide"),
            "{t}: {:?}",
            a.tips
        );
        assert_eq!(
            a.tips[0].rewrite.as_deref(),
            Some("Are you having thoughts of ending your life?")
        );
        assert!(!a.risk_question, "{t}");
    }
    let a = run(
        "ok dad",
        Some("Some days I think everybody would be easier without me to look after."),
        Perspective::Client,
    );
    has_tip(&a, "They may mean they think of ending their life");
    // Asked straight out, typed or in the guide's euphemism with a short follow-up: no risk-cue tip,
    // no closed-question tip, and the scenario can read the question.
    for t in [
        "r u thinking about killing urself",
        "Some people then have thoughts of not wanting to be here. Have you?",
        "Are you having thoughts of ending your life?",
        // The normalising form, about other people first (first-session-graham's typed risk route).
        "Some people who feel this low have thoughts of ending their life. Have you had any thoughts like that?",
    ] {
        let a = therapist(t, line);
        assert!(a.risk_question, "{t}");
        lacks_tip(&a, "They may be telling you");
        lacks_tip(&a, "A closed question gets a yes or no");
        has_tip(&a, "you asked about suicide straight out");
    }
    // A line with no crisis words gets no risk tip; a long sentence about being here is no question.
    lacks_tip(
        &therapist("k", "Work's fine. I just go through the motions."),
        "They may be telling you",
    );
    let t = "Some people then have thoughts of not wanting to be here. What brought you in today, and how has the week been?";
    assert!(!therapist(t, line).risk_question, "{t}");
}

#[test]
fn chat_spelling_keeps_its_attack_and_its_reflection() {
    // A ninth play test: "idk u never do them lol" was read as no criticism ("idk" is "i do not", and
    // its "not" cancelled the attack), and "i get ur shattered" lost its reflection ("your shattered").
    let t = "idk u never do them lol";
    has(&client(t), t, Code::Criticism);
    let t = "I don't know you never do them";
    has(&client(t), t, Code::Criticism);
    let t = "I don't think you're stupid";
    lacks(&client(t), t, Code::Criticism);
    let t = "i get ur shattered";
    let a = therapist(
        t,
        "Sorry. I'm just shattered, I've been up since five with the baby.",
    );
    assert!(a.has(Code::Reflection), "{t}: {:?}", a.codes);
}

#[test]
fn asking_someone_to_come_is_no_stonewalling() {
    // A ninth play test: "can u come", to Sipho's "What do you need from me?", was read as
    // stonewalling and took only-carer's refusal route.
    let line = "Sisi. What do you need from me? Tell me straight.";
    for t in ["can u come", "Could you come and stay for a week?"] {
        let a = run(t, Some(line), Perspective::Client);
        has(&a, t, Code::Request);
        lacks(&a, t, Code::Stonewalling);
    }
    // Asking for the talk to stop is still stonewalling.
    let t = "I don't want to talk about it. Can you just go?";
    has(
        &run(t, Some(line), Perspective::Client),
        t,
        Code::Stonewalling,
    );
}

#[test]
fn a_question_about_a_person_or_a_list_in_a_question_is_no_attack_or_advice() {
    // A tenth play test: "Do you ever think about killing yourself?" and "Do you ever think about
    // Danny?" were read as criticism ("do you ever think" is a jibe only alone or "about anyone
    // else"), and the check-in "how have you been in yourself — sleep, mood?" as advice to sleep.
    let line = "We've been mates since year seven. He was the funny one.";
    for t in [
        "Do you ever think about killing yourself?",
        "Do you ever think about Danny?",
    ] {
        let a = therapist(t, line);
        has(&a, t, Code::ClosedQuestion);
        lacks(&a, t, Code::Criticism);
        lacks(&a, t, Code::Confront);
    }
    assert!(therapist("Do you ever think about killing yourself?", line).risk_question);
    let t = "Do you ever think about anyone but yourself?";
    has(&client(t), t, Code::Criticism);
    let t = "Awake at three, going round it. Before the decision, how have you been in yourself — sleep, mood?";
    let a = therapist(t, "Rubbish, if I'm honest. I lie awake till three.");
    has(&a, t, Code::OpenQuestion);
    lacks(&a, t, Code::Advice);
    lacks(&a, t, Code::Persuade);
}

#[test]
fn it_was_not_your_fault_reassures_without_its_it() {
    // A tenth play test: "wasnt ur fault mate, u cant think like that" to Mateo's guilt was coded
    // nothing; "it wasn't your fault" already reassured.
    let line = "I should've driven him. I'd had two beers, but I should've driven him.";
    for t in ["wasnt ur fault mate", "Wasn't your fault."] {
        has(&therapist(t, line), t, Code::Reassurance);
    }
}

/// From a twenty-third play test (helpers' replies in three registers, labelled blind): a right, a
/// deadline asked about, an insult asked, laughter shared, a choice handed back, advice with
/// "really" or "I'd hold off", rumination that is no perseverance, a worry disputed, advice asked for.
#[test]
fn twenty_third_play_test_misreads_are_mended() {
    let line = "if i get made redundant do they have to pay me anything?";
    let t = "in the UK if u've been there 2 years or more ur entitled to statutory redundancy pay";
    let a = therapist(t, line);
    lacks(&a, t, Code::Criticism);
    assert_ne!(a.style, Style::Aggressive, "{t}");
    let t = "You're so entitled, you think everyone owes you.";
    has(&client(t), t, Code::Criticism);

    let t = "when do u have to decide by";
    let a = therapist(
        t,
        "my parents are divorcing and i have to choose who to live with",
    );
    lacks(&a, t, Code::Advice);
    lacks(&a, t, Code::Persuade);

    for t in ["are you actually an idiot", "you're such a mummy's boy"] {
        has(&client(t), t, Code::Insult);
    }

    let a = run(
        "lol",
        Some("I just locked myself out of my flat haha"),
        Perspective::Client,
    );
    lacks(&a, "lol", Code::Contempt);
    assert_eq!(a.style, Style::Neutral);
    let a = run("lol", Some("I feel so low today"), Perspective::Client);
    has(&a, "lol", Code::Contempt);

    let line = "My pastor says I should forgive the driver. I don't know if I can.";
    let t =
        "Whether you forgive him, and when, is for you to work out. Not your pastor, and not me.";
    let a = therapist(t, line);
    lacks(&a, t, Code::ClosedQuestion);
    has(&a, t, Code::EmphasizingAutonomy);
    let t = "thats urs to decide, not mine and not ur mums";
    has(
        &therapist(
            t,
            "I honestly don't know if I want to save this marriage or end it.",
        ),
        t,
        Code::EmphasizingAutonomy,
    );

    let line = "Since I stopped work I mostly stay in my dressing gown till lunch.";
    for t in [
        "u really need to get dressed every morning even if ur not going anywhere",
        "I'd hold off on job hunting for a few weeks.",
    ] {
        has(&therapist(t, line), t, Code::Advice);
    }
    // A client's own "I'd wait" is their plan (the client guard on advice opening "I", which the new
    // helper patterns leave as it was).
    let t = "I'd wait until after Christmas.";
    lacks(
        &run(t, Some("Should we tell Mum?"), Perspective::Client),
        t,
        Code::Advice,
    );

    let line = "I can't stop thinking about the last conversation we had.";
    let t = "so, um, you-you keep going back to that call";
    lacks(&therapist(t, line), t, Code::Affirmation);
    let t = "You kept going to work through all of that.";
    has(
        &therapist(t, "Mum was in hospital all spring."),
        t,
        Code::Affirmation,
    );

    let t = "You're not bothering me, Dad. Please tell me when the appointments are.";
    let a = run(
        t,
        Some("I don't want to bother you with all my hospital stuff."),
        Perspective::Client,
    );
    has(&a, t, Code::Reassurance);
    lacks(&a, t, Code::SimpleReflection);

    // Said to a line that asks nothing about advice, or to no line, the reply's own "since you're
    // asking" is what makes it advice asked for; to a line that asks nothing, it buys no permission.
    let t = "Since you're asking, here's what I'd do. I'd wait till he's slept a full day before you bring up the money.";
    has(
        &run(t, None, Perspective::Therapist),
        t,
        Code::PersuadeWithPermission,
    );
    let a = therapist(t, "He came home drunk again last night.");
    lacks(&a, t, Code::PersuadeWithPermission);
    has(&a, t, Code::Persuade);
}

/// The twenty-third play test's mends do not reach past what they mend (a maintainer's read).
#[test]
fn twenty_third_play_test_mends_stay_narrow() {
    let line = "My brother hit his girlfriend at the party.";
    for t in [
        "If he did, you need to report it.",
        "Whatever you do, you have to tell her first.",
    ] {
        has(&therapist(t, line), t, Code::Advice);
    }
    let t = "You always have to have the last word.";
    lacks(&client(t), t, Code::Advice);
    for t in ["stop being so entitled", "You're so entitled."] {
        has(&client(t), t, Code::Criticism);
    }
    for t in ["I miss you all the time.", "I'm sad all the time."] {
        lacks(&client(t), t, Code::Absolute);
    }
    let t = "You're on your phone all the time.";
    has(&client(t), t, Code::Absolute);
    let t = "You kept going to the pub every night while I was stuck with the baby.";
    lacks(&client(t), t, Code::Affirmation);
    let t = "Things changed since you asked him to move out. Maybe talk to him.";
    let a = therapist(t, "My husband moved out last month.");
    lacks(&a, t, Code::PersuadeWithPermission);
    let t = "This worksheet is for you to work through at home.";
    lacks(&therapist(t, "What's this?"), t, Code::EmphasizingAutonomy);
    // A sigh is no laugh: "lol" to it still mocks.
    let a = run(
        "lol",
        Some("ahh I failed my test again"),
        Perspective::Client,
    );
    has(&a, "lol", Code::Contempt);
    let a = run("haha😂", Some("locked out again haha"), Perspective::Client);
    lacks(&a, "haha😂", Code::Contempt);
}

/// From a twenty-fourth play test (helpers' replies in three registers, labelled blind): a harsh
/// self-view kindly denied, blame for a death lifted, a lonely person told their time will come, and
/// normalising that says what is common.
#[test]
fn twenty_fourth_play_test_misreads_are_mended() {
    for (t, line) in [
        (
            "Not mad at all.",
            "Am I mad for still sleeping with his jumper?",
        ),
        (
            "not crazy. but what's making u think about it now?",
            "I'm thinking about leaving nursing. Twenty years. Am I crazy?",
        ),
        (
            "Not boring to me.",
            "I'm just a boring person. Nobody would want to sit next to me.",
        ),
        (
            "ur not invisible to me",
            "I feel invisible. Even my family forgot my birthday.",
        ),
        (
            "i dont think ur overreacting, big birthdays bring up a lot for people.",
            "do you think im overreacting about turning 50?",
        ),
        (
            "There was no way you could have known. Please don't blame yourself.",
            "My husband died suddenly. I keep going over whether I should have noticed he was ill.",
        ),
        (
            "You didn't abandon her, you made sure she's safe and looked after.",
            "My mum moved into a care home yesterday. I feel like I abandoned her.",
        ),
        (
            "everyone moves at their own pace, your time will come",
            "I'm the only single one and I feel left behind.",
        ),
    ] {
        let a = therapist(t, line);
        has(&a, t, Code::Reassurance);
        lacks(&a, t, Code::SimpleReflection);
        // The rules find it whatever the weights.
        has(&by_rules(t), t, Code::Reassurance);
    }
    // A reply that is only the denial gets no reflection, from the rules or the model's behaviour.
    for (t, line) in [
        (
            "You're not a burden.",
            "I feel like such a burden on everyone.",
        ),
        (
            "ur not invisible to me",
            "I feel invisible. Even my family forgot my birthday.",
        ),
    ] {
        let a = therapist(t, line);
        has(&a, t, Code::Reassurance);
        lacks(&a, t, Code::Reflection);
    }
    let t = "Losing a job can happen to anyone, it says nothing about you.";
    has(
        &therapist(
            t,
            "I was made redundant and I'm too embarrassed to tell my friends.",
        ),
        t,
        Code::GivingInformation,
    );
}

/// The twenty-fourth play test's mends do not reach past what they mend.
#[test]
fn twenty_fourth_play_test_mends_stay_narrow() {
    // Words that describe a thing or a mood, not a person judged, deny no self-view; a question asks
    // and a sneer mocks; "would" in "there was no way you would have …" is no knowing (a maintainer's
    // read).
    for (t, line) in [
        ("Not mad, just disappointed.", "Are you angry with me?"),
        ("Not boring at all!", "How's the new job?"),
        ("It's not weird, it's creepy.", "What do you make of him?"),
        ("It's not broken, just off.", "Is the heater broken?"),
        ("I was hurt but not mad.", "How did you take it?"),
    ] {
        lacks(
            &run(t, Some(line), Perspective::Client),
            t,
            Code::Reassurance,
        );
    }
    for (t, line) in [
        (
            "I don't think you're sad, I think you're angry.",
            "I'm not sad. I'm fine.",
        ),
        (
            "So you don't blame yourself?",
            "I told him it was his own fault.",
        ),
        (
            "I don't think it will happen for you.",
            "Will I ever find someone?",
        ),
    ] {
        lacks(&by_rules_after(t, line), t, Code::Reassurance);
    }
    let t = "There was no way you would have stopped, you never listen.";
    lacks(&client(t), t, Code::Reassurance);
}

/// A twenty-fifth play test's lazy clients: a bare "k" or "ok" reads by the line it answers. After a
/// loss or a hurt it turns away (stonewalling, as the guide's round 27 rules); after a plan or an
/// offer it agrees. The learned layer's exchange feature now knows whether the line names a feeling or
/// a loss and whether it offers something (`text::LineKind::feels`, `offers`).
#[test]
fn twenty_fifth_play_test_bare_replies_read_by_the_line_before() {
    let after = |t: &str, line: &str| run(t, Some(line), Perspective::Client);
    for (t, line) in [
        (
            "k",
            "I still can't believe he's gone. It doesn't feel real.",
        ),
        (
            "ok",
            "I keep reaching for the phone to ring Mum and then remembering. I miss her so much.",
        ),
        (
            "ok",
            "I'm so tired of doing everything on my own. I feel invisible.",
        ),
    ] {
        has(&after(t, line), t, Code::Stonewalling);
    }
    for (t, line) in [
        (
            "k",
            "I'll do the dishes tonight if you sort the bins, deal?",
        ),
        ("busy", "Hey, are you free for a coffee sometime this week?"),
        ("ok", "Shall I book the van for the 3rd?"),
    ] {
        lacks(&after(t, line), t, Code::Stonewalling);
    }
    // One word of the line answering its question says nothing back (a careless user's "brother." had
    // taken just-tell-me's route for feedback); a one-word check with "?" may still reflect.
    let line = "'Jun. I love Nanay and I love my work, he's my brother.' (She lets out a breath.) Was that okay?";
    for t in ["brother.", "Nanay"] {
        let a = therapist(t, line);
        lacks(&a, t, Code::SimpleReflection);
        lacks(&a, t, Code::ComplexReflection);
    }
    // A word the line does not hold may still name what it implied: the guard leaves it.
    let t = "Lonely.";
    has(
        &therapist(t, "Why does nobody ever call me?"),
        t,
        Code::ComplexReflection,
    );
}

/// The twenty-fifth play test's replies typed at every prompt of every scenario: the guide's own
/// "sorry you feel that way" is contempt, not a reflection; deference with a shrug is sarcasm, not
/// emphasising autonomy. Narrow: a sincere sorry that goes on to engage, and a helper's "You're the
/// expert on your own life", keep their reading.
#[test]
fn twenty_fifth_play_test_dismissals_are_not_listening() {
    let line = "You took credit for my slides in the meeting today. That really stung.";
    for t in ["sorry u feel that way", "Sorry if you feel that way."] {
        for a in [therapist(t, line), run(t, Some(line), Perspective::Client)] {
            has(&a, t, Code::Contempt);
            lacks(&a, t, Code::SimpleReflection);
            lacks(&a, t, Code::ComplexReflection);
        }
    }
    let line = "I just think you'd be happier if you gave the job another month.";
    for t in ["whatever, ur the expert", "sure, you're the boss"] {
        has(&run(t, Some(line), Perspective::Client), t, Code::Sarcasm);
    }
    for t in [
        "I'm so sorry you feel that way. Have you talked to her about it?",
        "Sorry you feel that way. Have you talked to her?",
        "There's no need to be sorry if you feel that way.",
    ] {
        lacks(
            &by_rules_after(t, "My sister never calls me back."),
            t,
            Code::Contempt,
        );
    }
    // Left to the model, which reads the engaged sorry as no contempt either.
    let t = "I'm so sorry you feel that way. Have you talked to her about it?";
    lacks(
        &therapist(t, "My sister never calls me back."),
        t,
        Code::Contempt,
    );
    for t in [
        "You're the expert on your own life.",
        "Okay, you're the expert on your own life.",
    ] {
        let a = therapist(t, "I don't know if I should go back to college.");
        has(&a, t, Code::EmphasizingAutonomy);
        lacks(&a, t, Code::Sarcasm);
    }
}

/// A twenty-sixth play test's misreadings that were the rules' (docs/scoring.md, *This release*): each
/// with the shipped scorer, and its look-alike that keeps the code.
#[test]
fn the_twenty_sixth_play_tests_rule_misreadings() {
    let after = |t: &str, line: &str| run(t, Some(line), Perspective::Client);
    // Sincere admiration, and the dismissal it looks like.
    let t = "main line-up! that's a big deal Jiho. you've obviously worked hard for it.";
    lacks(&after(t, "I got into the main line-up."), t, Code::Contempt);
    for t in [
        "Oh, big deal.",
        "Everything is a big deal to you.",
        "You make a big deal out of everything.",
    ] {
        has(&run(t, None, Perspective::Client), t, Code::Contempt);
    }
    // "you people" inside "gave you people", and the sneer.
    let t = "sounds like it gave you people as well as veg";
    lacks(&by_rules(t), t, Code::Contempt);
    let t = "You people are all the same.";
    has(&by_rules(t), t, Code::Contempt);
    for t in [
        "I'm so grateful for all you people have done for Mum.",
        "I'm so proud of you people.",
        "Thanks for making such a big deal of my birthday, it meant a lot.",
    ] {
        lacks(&by_rules(t), t, Code::Contempt);
    }
    // Gratitude, and blame shifted.
    for t in [
        "these three years were real, you made me braver than I was.",
        "You made me feel safe, thank you.",
    ] {
        lacks(&by_rules(t), t, Code::Defensiveness);
    }
    for t in [
        "You made me do it.",
        "You made me look like an idiot, that's why I shouted.",
    ] {
        has(&by_rules(t), t, Code::Defensiveness);
    }
    // A feeling denied and the real one named (the guide's own example).
    let t = "ok. I'm not angry, I'm more worried. what's been going on with maths?";
    lacks(
        &after(t, "I skipped maths hagwon. So what?"),
        t,
        Code::Defensiveness,
    );
    // The role-dispute question about expectations, and the taunt.
    let t = "and what about you - what did you expect from him?";
    lacks(
        &therapist(t, "He said I was throwing my life away."),
        t,
        Code::Confront,
    );
    let t = "Well, what did you expect?";
    has(&by_rules(t), t, Code::Confront);
    // The speaker's own part, and advice.
    let t = "What you say here stays between us, and even then I'd talk to you first.";
    lacks(&by_rules(t), t, Code::Advice);
    let t = "If I were you I'd talk to her.";
    has(&by_rules(t), t, Code::Advice);
    // A summary's noun, and an order.
    let t = "Sleep and appetite have gone and nothing feels worth the effort.";
    lacks(&by_rules(t), t, Code::Advice);
    for t in ["Sleep on it and decide tomorrow.", "Rest is what you need."] {
        has(&by_rules(t), t, Code::Advice);
    }
    for t in [
        "Drink's become a problem for you.",
        "Drink is the problem here.",
    ] {
        lacks(&by_rules(t), t, Code::Advice);
    }
    // Proposals and requests said naturally; a choice made for the listener.
    let t = "how about whoever cooks doesnt wash up? and on your days off could you do the dishes?";
    let a = by_rules(t);
    has(&a, t, Code::ProposeOptions);
    has(&a, t, Code::Request);
    let t = "How about we agree you go with Ate Joy, the caregiver?";
    has(&by_rules(t), t, Code::Advice);
    // A fair split is a proposal, and a sneer with a time in it no request.
    let t = "What if we agree you take Mondays and I take Thursdays?";
    lacks(&by_rules(t), t, Code::Advice);
    for t in [
        "In what world would you think that's okay?",
        "After everything that happened, how could you trust him again?",
    ] {
        lacks(&by_rules(t), t, Code::Request);
    }
    // Limits said plainly.
    for t in [
        "My answer is still no.",
        "My answer's still no.",
        "Lying to me isn't ok, that's my line.",
    ] {
        has(&by_rules(t), t, Code::Boundary);
    }
    // Wishing to be with a parent who died, and missing time with her.
    for t in [
        "sometimes i wish i was with ma, ba",
        "I just want to be with Mum again.",
        "Some nights I wish I was with Ma now.",
        "I wish I were with Ma instead of here.",
    ] {
        has(&client(t), t, Code::Crisis);
    }
    for t in [
        "I wish I was with Ma more in her last year, I was always working.",
        "I'd give anything to be with Mum again for one more Sunday lunch.",
        // A living parent (a second maintainer's read).
        "I wish I was with Dad instead of at this boring party.",
        "I wish I was with Mum tonight, she's cooking a roast.",
    ] {
        lacks(&client(t), t, Code::Crisis);
    }
}

/// A twenty-seventh play test's sincere client, typing their own words: a reflection that names the
/// one missed, or says back a plan that held "Christmas", is a reflection; sympathy for a hardship is
/// no contempt; owning one's part with what was going on is no defensiveness.
#[test]
fn the_twenty_seventh_play_tests_sincere_replies_read_right() {
    let reflects = |t: &str, ctx: &str| {
        let a = run(t, Some(ctx), Perspective::Client);
        assert!(
            a.has(Code::SimpleReflection) || a.has(Code::ComplexReflection),
            "expected a reflection in {t:?}, got {:?}",
            a.codes
        );
    };
    reflects(
        "You miss her.",
        "Forty-six years. She did the garden, the money, the birthdays.",
    );
    reflects(
        "You thought we'd be in Nyeri at Christmas. I'm so sorry.",
        "What? Just like that? Two weeks ago we were planning Christmas in Nyeri with my parents.",
    );
    // Their inner state said back plainly, with no stem (the model had vetoed each from a client).
    for t in [
        "You still expect her to walk in.",
        "You're worried about me.",
        "You don't like being checked up on.",
        "you keep waiting for her",
    ] {
        reflects(t, "What? Just like that?");
    }
    // What they think of the speaker accuses, and what they did is a complaint.
    for t in ["You still think I'm a kid.", "You didn't call me."] {
        let a = run(t, Some("What? Just like that?"), Perspective::Client);
        lacks(&a, t, Code::SimpleReflection);
        lacks(&a, t, Code::ComplexReflection);
    }
    let t = "Every cupboard is her. That must be so hard.";
    let a = run(
        t,
        Some("I cant sleep. I keep thinking about her."),
        Perspective::Client,
    );
    lacks(&a, t, Code::Contempt);
    lacks(&a, t, Code::Sarcasm);
    let t = "i was in a really bad place and i disappeared. thats on me";
    let ctx = "You missed my wedding. You said yes, we had your name card on the table, and you just vanished.";
    let a = run(t, Some(ctx), Perspective::Client);
    lacks(&a, t, Code::Defensiveness);
    has(&a, t, Code::Responsibility);
    // A limit said plainly, contempt handed back, an anecdote of one's own, an offer of both.
    let plea = "Please. Just give me one more chance.";
    for (t, code) in [
        (
            "I care about you, but I've made my decision.",
            Code::Boundary,
        ),
        (
            "i know u want to fix it. but i cant, im sorry. its over",
            Code::Boundary,
        ),
        ("That's your problem, not mine.", Code::Contempt),
        (
            "I know exactly how you feel, when my wife died I couldn't go out for months.",
            Code::SelfFocus,
        ),
        (
            "Same with me. After my wife went I barely left the flat.",
            Code::SelfFocus,
        ),
        ("we should go together", Code::ProposeOptions),
    ] {
        has(&run(t, Some(plea), Perspective::Client), t, code);
    }
    for (t, code) in [
        ("The worst of it is over now.", Code::Boundary),
        ("We should have gone.", Code::ProposeOptions),
    ] {
        lacks(&run(t, Some(plea), Perspective::Client), t, code);
    }
    // A feeling denied, then a question to them, defends nothing (a twenty-eighth play test).
    let t = "I'm not angry. Tell me what's been happening.";
    lacks(
        &run(
            t,
            Some("I skipped hagwon. Are you going to shout?"),
            Perspective::Client,
        ),
        t,
        Code::Defensiveness,
    );
    // Asking who could help suggests nothing; saying what could help does.
    let t = "And the cabinet: what would make it safer, and who could help?";
    let a = run(
        t,
        Some("I guess. Lina would come if I asked."),
        Perspective::Therapist,
    );
    lacks(&a, t, Code::Advice);
    lacks(&a, t, Code::Persuade);
    has(
        &run("Exercise could help.", None, Perspective::Therapist),
        "Exercise could help.",
        Code::Advice,
    );
    // A maintainer's read: complaints in a reflection's words, advice asking its own question, an
    // owning phrase negated, a denial that is not of a feeling, mockery, small talk.
    let wedding = "You missed my wedding. You said yes, we had your name card on the table, and you just vanished.";
    for t in [
        "You still expect me to pick up after you.",
        "You didn't want to listen.",
        "You don't need me anymore.",
    ] {
        let a = run(t, Some(wedding), Perspective::Client);
        lacks(&a, t, Code::SimpleReflection);
        lacks(&a, t, Code::ComplexReflection);
    }
    let t = "You know what could help? Talking to your GP.";
    has(
        &run(t, Some("I guess."), Perspective::Therapist),
        t,
        Code::Advice,
    );
    let t = "I'm sorry, I had a lot going on. Not everything is on me.";
    has(
        &run(t, Some(wedding), Perspective::Client),
        t,
        Code::Defensiveness,
    );
    let t = "I'm not the one who forgot. What's your excuse?";
    has(
        &run(t, Some("You forgot my birthday."), Perspective::Client),
        t,
        Code::Defensiveness,
    );
    let t = "Wow. That must be so hard.";
    has(
        &run(
            t,
            Some("I only got a two percent raise."),
            Perspective::Client,
        ),
        t,
        Code::Sarcasm,
    );
    let t = "Ba, that must be so hard.";
    lacks(
        &run(t, Some("She's gone. I eat, I sleep."), Perspective::Client),
        t,
        Code::Contempt,
    );
    for (t, line) in [
        ("Night, you too.", "Night!"),
        ("Sounds like them.", "He's a real handful."),
    ] {
        let a = run(t, Some(line), Perspective::Client);
        lacks(&a, t, Code::SimpleReflection);
        lacks(&a, t, Code::ComplexReflection);
    }
    lacks(
        &run(
            "I just... I can't.",
            Some("How are you holding up?"),
            Perspective::Client,
        ),
        "I just... I can't.",
        Code::Boundary,
    );
    lacks(
        &run(
            "I know exactly what you mean.",
            Some("I've been there."),
            Perspective::Therapist,
        ),
        "I know exactly what you mean.",
        Code::SelfFocus,
    );
    // Small talk is still small talk.
    lacks(
        &run(
            "Merry Christmas to you too!",
            Some("Merry Christmas, love!"),
            Perspective::Client,
        ),
        "Merry Christmas to you too!",
        Code::SimpleReflection,
    );
}

/// The twenty-seventh play test's misreadings that were still the rules' own, mended each by the
/// guide's definition (a sincere coder's reading, with the look-alike kept).
#[test]
fn the_twenty_seventh_play_tests_rule_misreadings_left_over() {
    let client = |t: &str, ctx: &str| run(t, Some(ctx), Perspective::Client);
    let therapist = |t: &str, ctx: &str| run(t, Some(ctx), Perspective::Therapist);
    // "You always" takes up a word said of someone else: an attack of its own. Said back of what
    // they said of themselves, it is still no attack.
    let t = "You always do this.";
    let a = client(t, "It's that Sofía, isn't it. The one who's always here.");
    has(&a, t, Code::Absolute);
    has(&a, t, Code::Criticism);
    let t = "You never got to say goodbye.";
    let a = therapist(t, "I never got to say goodbye.");
    lacks(&a, t, Code::Absolute);
    lacks(&a, t, Code::Criticism);
    // An absolute is said of the listener, never of a third party (the guide).
    let t = "yes she does mama. she always makes sure im ok";
    lacks(
        &client(t, "And Sofía, does she look after you?"),
        t,
        Code::Absolute,
    );
    // A relative clause asks nothing.
    let t = "You went, which was huge for you, and it still felt rubbish.";
    let a = therapist(t, "I went to the group. It was awful.");
    lacks(&a, t, Code::ClosedQuestion);
    lacks(&a, t, Code::OpenQuestion);
    has(
        &therapist("So which was it?", "I went, or I think I did."),
        "So which was it?",
        Code::ClosedQuestion,
    );
    // A judgement asked for without its question mark; the same words saying one ask nothing.
    let t = "ur getting there. what feels doable";
    has(&therapist(t, "I could try. Maybe."), t, Code::OpenQuestion);
    let t = "What feels right is going home.";
    lacks(&client(t, "What do you want to do?"), t, Code::OpenQuestion);
    // A harsh self-view disputed: reassurance, not a confront or a defence.
    let t = "That's not true, you're not boring.";
    let a = therapist(t, "Nobody wants to hear from me. I'm boring.");
    has(&a, t, Code::Reassurance);
    lacks(&a, t, Code::Confront);
    lacks(&a, t, Code::Defensiveness);
    let t = "That's not true. You never listen.";
    has(
        &client(t, "You never tell me anything."),
        t,
        Code::Defensiveness,
    );
    let t = "it wasnt u. it was never u";
    has(
        &client(
            t,
            "I honestly thought it was me. For months I kept thinking, what did I do?",
        ),
        t,
        Code::Reassurance,
    );
    // Counter-defence opening "that's not fair".
    let t = "That's not fair, I've been honest with you.";
    has(
        &client(t, "You lied to me for months."),
        t,
        Code::Defensiveness,
    );
    let t = "It's not fair on the kids.";
    lacks(&client(t, "We could just sell up."), t, Code::Defensiveness);
    // No break asked for in "come back to" a club, nor responsibility in wanting one's credit.
    let t = "Can I come back to dominoes this Friday?";
    lacks(&client(t, "We've missed you, mate."), t, Code::SelfSoothing);
    let t = "Can we stop for twenty minutes and come back to it after tea?";
    has(&client(t, "You never listen!"), t, Code::SelfSoothing);
    let t = "That's fair, it is the team's win. I still want my part mentioned.";
    lacks(&client(t, "It was a team effort."), t, Code::Responsibility);
    let t = "Fair. My part is I yelled and I walked out.";
    has(&client(t, "You yelled at me."), t, Code::Responsibility);
    // A meal and a day name a time to meet; wanting a thing of them asks for it.
    for t in [
        "coffee sat? u bring the photos",
        "fancy a cuppa here next wednesday morning?",
    ] {
        has(
            &client(t, "Would you come down one Friday?"),
            t,
            Code::ProposeOptions,
        );
    }
    let t = "I'd like my name on the slides from now on.";
    has(&client(t, "What do you want me to do?"), t, Code::Request);
    // Holding to a plan under pressure is an effort recognised.
    for t in [
        "You stuck to your plan and said it calmly.",
        "You kept it short and clear, and you told him what you won't do.",
    ] {
        has(
            &therapist(t, "I did it. I told him no. I was shaking."),
            t,
            Code::Affirmation,
        );
    }
}

/// A maintainer's read of the leftover mends: the look-alikes they must leave alone.
#[test]
fn the_leftover_mends_stay_narrow() {
    let client = |t: &str, ctx: &str| run(t, Some(ctx), Perspective::Client);
    let therapist = |t: &str, ctx: &str| run(t, Some(ctx), Perspective::Therapist);
    // Kindness after a confront keeps the confront.
    let t = "You're in denial. You're not a bad person, but you are drinking too much.";
    has(
        &therapist(t, "I only drink because my wife left."),
        t,
        Code::Confront,
    );
    // A lament is no defence; an apology after "that's not fair" owns it.
    for (t, ctx) in [
        ("It's not fair.", "She died last month. She was only forty."),
        (
            "That's not fair, I know. I'm sorry.",
            "You didn't even tell me.",
        ),
    ] {
        lacks(&client(t, ctx), t, Code::Defensiveness);
    }
    // Complaints in an effort's words are no affirmation.
    for t in [
        "you stuck to the sofa all weekend while I did everything",
        "You kept it short because you didn't care.",
    ] {
        lacks(&client(t, "I was knackered."), t, Code::Affirmation);
    }
    // Owning a part in the past tense is owning; "for my part" is "as for me".
    has(
        &client("My part was the yelling.", "You yelled at me."),
        "My part was the yelling.",
        Code::Responsibility,
    );
    let t = "For my part, I think we should sell the house.";
    lacks(&client(t, "What should we do?"), t, Code::Responsibility);
    // The listener with someone else is still the listener.
    let t = "you and your mum always gang up on me";
    has(&client(t, "You're never here."), t, Code::Absolute);
    // Markers before a question word are no clause; an auxiliary and a subject after it ask.
    for t in ["ok so who was it", "right, who is getting them then"] {
        has(&client(t, "Someone rang."), t, Code::ClosedQuestion);
    }
    let t = "When you think about your friends, who might you talk to";
    let a = therapist(t, "I don't know who I could talk to.");
    lacks(&a, t, Code::SimpleReflection);
    lacks(&a, t, Code::ComplexReflection);
    // A meal told of is no plan.
    let t = "We had lunch on Sunday with his parents and it was awful.";
    lacks(&client(t, "How was your weekend?"), t, Code::ProposeOptions);
    // A retort in the line's words is an attack; a dropped subject said back is not.
    for (t, ctx) in [
        ("You always do this.", "I always do the dishes."),
        ("You never let me speak!", "I never get a say in anything."),
    ] {
        has(&client(t, ctx), t, Code::Absolute);
    }
    let t = "You never get any help.";
    lacks(
        &therapist(t, "always the same. never any help."),
        t,
        Code::Criticism,
    );
    // Saying what feels right for oneself asks nothing.
    let t = "what feels right for me would be moving back home";
    lacks(&client(t, "What would help?"), t, Code::OpenQuestion);
    // A wish for the dead asks nothing of the listener; "never your fault" reassures.
    let t = "i would like my mum back";
    lacks(
        &client(t, "How are you feeling about it all?"),
        t,
        Code::Request,
    );
    let t = "It was never your fault.";
    has(
        &client(t, "I honestly thought it was me."),
        t,
        Code::Reassurance,
    );
}

/// A twenty-ninth play test (older, second-language and hesitant clients; a trainee): the
/// misreadings whose cause was a rule or a guard, mended by the guide's wording.
#[test]
fn the_twenty_ninth_play_tests_misreadings() {
    let client = |t: &str, ctx: &str| run(t, Some(ctx), Perspective::Client);
    let therapist = |t: &str, ctx: &str| run(t, Some(ctx), Perspective::Therapist);
    // Comfort for a mother's self-blame reassures and affirms; it mocks nothing.
    let t = "Mamá, you did nothing wrong. You are a good mother, you gave me so much love.";
    let a = client(t, "Was it something I did? Something I didn't do?");
    has(&a, t, Code::Reassurance);
    lacks(&a, t, Code::Contempt);
    let t = "That must have been a very hard time, Gwen.";
    lacks(
        &client(t, "When my Huw died I didn't leave the house for a month."),
        t,
        Code::Contempt,
    );
    // Thanks, not "kind of"; a soothing old idiom, not an order.
    let t = "That is very kind of you, Lloyd. I would like to come this Friday.";
    lacks(
        &client(t, "Will you come back on a Friday?"),
        t,
        Code::Hedging,
    );
    let t = "Now now, dont you worry about that Lloyd. Water under the bridge.";
    let a = client(
        t,
        "I was scared of saying the wrong thing. I'm sorry, mate.",
    );
    lacks(&a, t, Code::Command);
    has(&a, t, Code::Reassurance);
    // "I should like you to…" asks.
    let t = "I should like you to come up for one week every month, starting in March.";
    has(&client(t, "What do you need from me?"), t, Code::Request);
    // One's own distress given as what happened is no excuse.
    let t = "i was really depressed and i stopped answering everyone";
    lacks(
        &client(
            t,
            "Four years since the wedding. You said you were coming, and then... nothing.",
        ),
        t,
        Code::Defensiveness,
    );
    let t = "I was grieving too you know";
    has(
        &client(t, "I organised the whole funeral on my own."),
        t,
        Code::Defensiveness,
    );
    // Asked to go on, talking of oneself is no turn to oneself.
    let t = "I have lost my purpose, love. I did not expect it to hit me like this.";
    lacks(
        &client(t, "Go on, then. I've got twenty minutes before choir."),
        t,
        Code::SelfFocus,
    );
    // A question about their days is no absolute.
    let t = "What do you do every day now?";
    lacks(
        &client(t, "Every day the same. Wake up, news, noodles, sleep."),
        t,
        Code::Absolute,
    );
    // A tag after a statement about them asks for nothing.
    let t = "Her glasses by the kettle. Yes. You cannot bear to see them, can you, Apa.";
    lacks(
        &client(t, "Her reading glasses are still by the kettle."),
        t,
        Code::Request,
    );
    // A punishment is a threat: aggressive.
    let t = "No more skipping. You go to every class or you lose your phone.";
    assert_eq!(
        client(t, "I want to dance.").style,
        rapport::scoring::Style::Aggressive,
        "{t}"
    );
    // Advice behind a reflection's opener is advice.
    for t in [
        "so you should ring Beata the minute you notice it starting",
        "ok so you should probably ask for three days off",
        "okay so I think you should talk to him",
    ] {
        let a = therapist(t, "I keep thinking I should have done more.");
        has(&a, t, Code::Advice);
        lacks(&a, t, Code::SimpleReflection);
        lacks(&a, t, Code::ComplexReflection);
    }
    let t = "So you feel you should have done more.";
    has(
        &therapist(t, "I keep thinking I should have done more."),
        t,
        Code::SimpleReflection,
    );
    // A question set up by a clause asks, mark or no mark.
    let t = "if you could say one thing to him about the ward, what would it be";
    let a = therapist(t, "My dad won't listen.");
    has(&a, t, Code::OpenQuestion);
    lacks(&a, t, Code::Advice);
    let t = "If you want to stop drinking, what could help";
    lacks(&therapist(t, "I keep drinking."), t, Code::Advice);
}

/// A maintainer's read of the twenty-ninth play test's mends: their look-alikes stay as they were.
#[test]
fn the_twenty_ninth_play_tests_mends_stay_narrow() {
    let client = |t: &str, ctx: &str| run(t, Some(ctx), Perspective::Client);
    let therapist = |t: &str, ctx: &str| run(t, Some(ctx), Perspective::Therapist);
    // Irony is no comfort.
    for (t, ctx) in [
        (
            "sure, it's never your fault is it",
            "It's not my fault the car got scratched.",
        ),
        (
            "oh right, you did nothing wrong. poor you.",
            "I did nothing wrong!",
        ),
    ] {
        lacks(&client(t, ctx), t, Code::Reassurance);
    }
    // A rebuff, one's own better place and a parting shot soothe no one.
    for (t, ctx) in [
        (
            "Don't you worry about where I was.",
            "Where were you last night?",
        ),
        ("I'm in a better place now, honestly", "How have you been?"),
        ("Fine. We'll be fine without you.", "Mum, I'm moving out."),
    ] {
        lacks(&client(t, ctx), t, Code::Reassurance);
    }
    // Their own "should" said back is a reflection, not advice; advice stays advice with no line.
    let t = "so you should ring her";
    lacks(
        &therapist(
            t,
            "I keep thinking I should ring my sister but I can't face it",
        ),
        t,
        Code::Advice,
    );
    let a = run(t, None, Perspective::Therapist);
    has(&a, t, Code::Advice);
    lacks(&a, t, Code::SimpleReflection);
    // Turning to oneself after a worry stays self-focus, asked a question or not.
    let t = "I had a scan once, it was fine. I was so nervous I nearly fainted";
    for ctx in [
        "I'm scared about the scan tomorrow. What if it's cancer?",
        "Don't tell me to calm down, I'm terrified.",
    ] {
        has(&client(t, ctx), t, Code::SelfFocus);
    }
    // Distress held up against a charge, or blame of others, still defends.
    let wedding = "You didn't come to my wedding. Four years and not a word.";
    for t in [
        "i was depressed, what was i supposed to do",
        "i was struggling and nobody in this family lifted a finger",
    ] {
        has(&client(t, wedding), t, Code::Defensiveness);
    }
    // A reminder with a tag still asks.
    let t = "you said you'd pick the kids up friday, can you?";
    has(&client(t, "I'll be home late Friday."), t, Code::Request);
    // "You and I" is no complaint; knowing one's lines owns nothing.
    let t = "you and I will always be mates";
    lacks(&client(t, "Are we still mates?"), t, Code::Absolute);
    let t = "yeah I know my part off by heart";
    lacks(
        &client(t, "Do you know your lines?"),
        t,
        Code::Responsibility,
    );
    // A word or two of one's own state is an I-statement, not a reflection.
    let t = "Lonely. Very lonely, Lloyd.";
    let a = client(t, "Course, course. Go on, I'm listening.");
    has(&a, t, Code::IStatement);
    lacks(&a, t, Code::SimpleReflection);
    lacks(&a, t, Code::ComplexReflection);
}

/// A third maintainer's read: the second read's mends reach no further than they should.
#[test]
fn the_second_reads_mends_stay_narrow() {
    let client = |t: &str, ctx: &str| run(t, Some(ctx), Perspective::Client);
    let therapist = |t: &str, ctx: &str| run(t, Some(ctx), Perspective::Therapist);
    // A word of feeling after a line that told of a hurt says it back; it is not the speaker's own.
    for (t, ctx) in [
        (
            "So lonely.",
            "I've been on my own since Mum died. The evenings are the worst.",
        ),
        ("humiliated", "He shouted at me in front of everyone."),
        ("Lonely, huh.", "Something happened at work."),
    ] {
        lacks(&client(t, ctx), t, Code::IStatement);
    }
    // Sincere comfort opening "of course" or tagged "was it" is comfort.
    for t in [
        "Of course it wasn't your fault, love.",
        "It was never your fault, was it.",
    ] {
        let a = client(t, "I keep thinking it was my fault he left.");
        has(&a, t, Code::Reassurance);
        lacks(&a, t, Code::Contempt);
    }
    // The listener with a named other is still the listener.
    let t = "you and dad always take her side";
    has(
        &client(t, "Why do I always feel like the odd one out?"),
        t,
        Code::Absolute,
    );
    // "not well" is distress; a plain account of it is no defence.
    let wedding = "You didn't come to my wedding. Four years and not a word.";
    for t in [
        "i was not well and i stopped answering everyone",
        "i was depressed and i didnt know how to reach out",
    ] {
        lacks(&client(t, wedding), t, Code::Defensiveness);
    }
    // Asked what is wrong, talking of oneself answers.
    let t = "I have lost my purpose, love. I did not expect it to hit me like this.";
    lacks(&client(t, "What's wrong, love?"), t, Code::SelfFocus);
    // Advice of another act than the one they owe stays advice.
    for (t, ctx) in [
        (
            "so you should get some help with the school run",
            "I have to get the kids from school every day and I'm exhausted",
        ),
        (
            "so you should stop seeing those friends",
            "I need to stop drinking so much",
        ),
    ] {
        has(&therapist(t, ctx), t, Code::Advice);
    }
    // Old comforts in their common forms.
    let t = "Don't you worry about a thing.";
    let a = client(t, "I'm so worried about the operation.");
    has(&a, t, Code::Reassurance);
    lacks(&a, t, Code::Command);
    let t = "Grandad is in a better place now, love.";
    has(&client(t, "Grandad died last night."), t, Code::Reassurance);
}

/// The last session's leftovers: a name's "'s" before "in a better place", a favour asked as a
/// negated statement and a tag, and a reproach in the same shape; with the word lists the mends of
/// the twenty-ninth play test read now in `lexicons.ron` (`distress_states`, `tag_states`,
/// `address_words`, `mental_verbs`), each still read as before.
#[test]
fn the_leftovers_of_the_last_session() {
    let client = |t: &str, ctx: &str| run(t, Some(ctx), Perspective::Client);
    let therapist = |t: &str, ctx: &str| run(t, Some(ctx), Perspective::Therapist);
    for t in [
        "Grandad's in a better place now.",
        "I'm sure mum's in a better place.",
    ] {
        has(
            &client(t, "I can't stop crying about it."),
            t,
            Code::Reassurance,
        );
    }
    // The speaker's own better place is no comfort to anyone.
    let t = "I'm in a better place now.";
    lacks(&client(t, "How have you been?"), t, Code::Reassurance);
    let t = "you couldnt grab some milk could you";
    has(&client(t, "I'm popping to the shop."), t, Code::Request);
    // A reproach or a state before the tag asks for nothing.
    for t in [
        "You couldn't even pick up the phone, could you?",
        "You cannot bear to see them, can you, Apa.",
    ] {
        lacks(&client(t, "I was busy."), t, Code::Request);
    }
    // `distress_states` after intensifiers from the `intensifiers` lexicon.
    let wedding = "You didn't come to my wedding. Four years and not a word.";
    for t in [
        "i was in a really dark place and i stopped answering everyone",
        "I was a bit low and I didn't call anyone",
        "honestly i was a mess after the move",
    ] {
        lacks(&client(t, wedding), t, Code::Defensiveness);
    }
    // `address_words` closing a bare feeling.
    let t = "Lonely. Very lonely, love.";
    has(&client(t, "Go on, I'm listening."), t, Code::IStatement);
    // `mental_verbs`: their own "should" said back is a reflection, not advice.
    let t = "So you feel you should have done more.";
    lacks(
        &therapist(t, "I keep thinking I could have stopped it."),
        t,
        Code::Advice,
    );
    let t = "so you should ring Beata";
    has(
        &therapist(t, "I haven't spoken to anyone since the funeral."),
        t,
        Code::Advice,
    );
}

/// The thirtieth play test (lazy, careless and gaming users): pushes behind a reflection's words,
/// leading questions, a verdict as a reflection, a question read as a reflection, "I'd rather be
/// dead", a guess at their hurt read as mockery, an insult inside an I-statement, and feelings or
/// requests typed without an "I" or after a name; with the look-alikes that keep their reading.
#[test]
fn the_thirtieth_play_tests_misreadings() {
    let client = |t: &str, ctx: &str| run(t, Some(ctx), Perspective::Client);
    let steve =
        "Used to be my mate Steve on a Sunday night. Pint at the Swan. Then he retired to Spain.";
    let reflections = [Code::SimpleReflection, Code::ComplexReflection];
    for t in [
        "What I'm hearing is you should ring Steve.",
        "I'm hearing that you should ring Steve.",
        "What do you think about just calling Steve?",
        "It's up to you, but you really should fly out and see Steve.",
        "You're so strong. Now keep going to the Swan every week.",
    ] {
        has(&therapist(t, steve), t, Code::Advice);
    }
    let t = "What I'm hearing is you should ring Steve.";
    for c in reflections {
        lacks(&therapist(t, steve), t, c);
    }
    let t = "What do you think about just calling Steve?";
    lacks(&therapist(t, steve), t, Code::SeekingCollaboration);
    let t = "What I'm hearing is you miss him.";
    let a = therapist(t, steve);
    assert!(
        a.has(reflections[0]) || a.has(reflections[1]),
        "{t:?}: {:?}",
        a.codes
    );
    lacks(&a, t, Code::Advice);
    // A verdict in a reflection's words, and their own view said back.
    let options = "Dad needs care. I could hire a caregiver, retire early, or find a home.";
    for t in [
        "It sounds like the caregiver is the best option for you.",
        "It seems like for you, a caregiver is the best option.",
    ] {
        let a = therapist(t, options);
        has(&a, t, Code::Advice);
        for c in reflections {
            lacks(&a, t, c);
        }
    }
    let t = "It sounds like you feel the caregiver is the best option.";
    lacks(&therapist(t, options), t, Code::Advice);
    // A question worded as one says nothing back.
    let dinner = "It's his birthday next week. Dad's. Mum's planning a dinner. Sometimes I think everyone would be fine without me.";
    let t = "did your mum plan the dinner";
    for c in reflections {
        lacks(&therapist(t, dinner), t, c);
    }
    // On the side of safety, but not the idiom.
    for t in [
        "id rather be dead tbh",
        "since pat went i'd rather be dead",
        "i might as well be dead",
    ] {
        has(&client(t, "How are you doing, really?"), t, Code::Crisis);
    }
    let t = "I'd rather die than ask him for money.";
    lacks(&client(t, "Ask your dad."), t, Code::Crisis);
    // A guess at their hurt is no mockery; with irony it may be.
    let ba = "What is there to say? She's gone. I eat, I sleep, I watch the news.";
    for t in ["You must miss her so much, Ba.", "u must be so lonely"] {
        let a = client(t, ba);
        lacks(&a, t, Code::Contempt);
        lacks(&a, t, Code::Sarcasm);
        assert!(!a.style.is_hostile(), "{t:?}: {:?}", a.style);
    }
    // An insult inside an I-statement is no gentle start-up.
    let t = "I feel hurt when you act like a thief. Could you please stop stealing my work?";
    let a = client(t, "Hey. What's up?");
    has(&a, t, Code::Criticism);
    lacks(&a, t, Code::GentleStartup);
    let t = "You were like a dad to me.";
    lacks(&client(t, "I'll miss you."), t, Code::Criticism);
    // Typed without an "I", or after a name.
    for t in [
        "been lonely since pat went lloyd",
        "dunno. been a bit lost tbh",
    ] {
        has(&client(t, "How are you keeping?"), t, Code::IStatement);
    }
    let t = "umma pls call before u come over";
    has(&client(t, "I was just passing."), t, Code::Request);
}

/// A maintainer's read of the thirtieth play test's mends: each reached too far, and these
/// look-alikes keep the reading they had before.
#[test]
fn the_thirtieth_play_tests_mends_stay_narrow() {
    let client = |t: &str, ctx: &str| run(t, Some(ctx), Perspective::Client);
    let reflections = [Code::SimpleReflection, Code::ComplexReflection];
    let reflects = |a: &Analysis| reflections.iter().any(|&c| a.has(c));
    // A reflection checked at its end is a reflection still.
    for (t, ctx) in [
        (
            "That felt like a betrayal, am I right?",
            "She told everyone at work what I'd said to her in confidence.",
        ),
        (
            "It hurt that he didn't even call, didn't it?",
            "He didn't even call on my birthday.",
        ),
    ] {
        let a = therapist(t, ctx);
        assert!(reflects(&a), "{t:?}: {:?}", a.codes);
    }
    // Someone else's "should" said back, validation, and their own choice are no advice.
    for (t, ctx) in [
        (
            "So your sister thinks you really should sell the house, and you're not ready.",
            "My sister keeps on at me about the house.",
        ),
        (
            "You honestly shouldn't have had to deal with that on your own.",
            "Nobody helped me when Dad was ill.",
        ),
        (
            "You still should be able to grieve in your own way.",
            "Everyone says I should be over it.",
        ),
        (
            "It sounds like she is the best thing that ever happened to you.",
            "I met her at twenty and that was it.",
        ),
        (
            "It sounds like being honest with him is the right choice for you.",
            "I've decided: I'm going to tell him the truth.",
        ),
        (
            "What do you think about leaving, when you picture it?",
            "I keep going back and forth about leaving him.",
        ),
    ] {
        lacks(&therapist(t, ctx), t, Code::Advice);
    }
    // Ordinary idiom is no crisis. ("Karaoke? I'd rather die." and "I'd rather be dead than wear that
    // jumper" are, on the side of safety: a second read found a narrower list missing real risk.)
    for t in [
        "My phone might as well be dead for all the signal I get here.",
        "If you're going to lie on that sofa all day you might as well be dead.",
    ] {
        lacks(&client(t, "Why didn't you answer?"), t, Code::Crisis);
    }
    // A guess at their hurt with a sneer beside it is not granted.
    for t in [
        "You must be so lonely with no friends, shame.",
        "Oh you must be SO hurt. Get over it.",
    ] {
        let a = client(t, "Nobody rang me on my birthday.");
        assert!(a.style.is_hostile(), "{t:?}: {:?} {:?}", a.codes, a.style);
    }
    // The "I"-less feeling is the speaker's only as a client's statement.
    for t in ["Feeling lonely? Join a club lol", "Been lonely, have you?"] {
        lacks(&client(t, "I never see anyone."), t, Code::IStatement);
    }
    let t = "Feeling tired lately?";
    lacks(&therapist(t, "I've had a long week."), t, Code::IStatement);
    // "please stop" in a sneer or reported speech asks nothing of the listener.
    for t in [
        "For god's sake please stop whining.",
        "I begged him please stop, but he just kept shouting.",
    ] {
        lacks(&client(t, "What's wrong now?"), t, Code::Request);
    }
    // A kind likeness is no criticism.
    let t = "You act like a kid on Christmas morning every time we go to the beach, it's adorable.";
    lacks(&client(t, "Beach again Saturday?"), t, Code::Criticism);
    // Handing the credit back is no defence.
    let t = "I didn't do anything, you did it all.";
    let a = therapist(t, "It was good. But that is because you pushed me.");
    lacks(&a, t, Code::Defensiveness);
    lacks(&a, t, Code::SelfFocus);
}

/// A disguised you-statement's rewrite names what they do, not the label: a thirtieth play test's
/// example kept "lazy" ("When you are lazy and you don't do the dishes, I feel hurt…"), which the
/// scorer itself read as criticism.
#[test]
fn a_rewritten_you_statement_drops_the_label() {
    let t = "I feel you are lazy and you never do the dishes";
    let a = run(
        t,
        Some("Hey. You've been quiet since dinner."),
        Perspective::Client,
    );
    assert!(
        a.tips.iter().any(|tip| tip
            .rewrite
            .as_deref()
            .is_some_and(|r| r.starts_with("When you don't do the dishes, I feel hurt."))),
        "{:?}",
        a.tips
    );
    assert!(
        a.tips
            .iter()
            .all(|tip| tip.rewrite.as_deref().is_none_or(|r| !r.contains("lazy"))),
        "{:?}",
        a.tips
    );
}

/// A grudging "fine" that agrees to what was asked, in its words, is no horseman (the guide); a
/// "fine" that gives up on the talk still is (a thirtieth play test).
#[test]
fn a_grudging_yes_is_no_stonewalling() {
    let ask = "Please — three months. That's all I'm asking.";
    let t = "fine. 3 months";
    lacks(
        &run(t, Some(ask), Perspective::Client),
        t,
        Code::Stonewalling,
    );
    for t in ["Fine. Whatever you want.", "fine"] {
        has(
            &run(t, Some(ask), Perspective::Client),
            t,
            Code::Stonewalling,
        );
    }
}

/// A second maintainer's read and a thirty-first play test (a re-test of the thirtieth's mends):
/// crisis words on the side of safety again, thanks that is sincere, counter-blame, condolence with
/// a guess at the hurt, feelings with a question after them, and pushes in new words.
#[test]
fn the_second_read_of_the_thirtieth_play_tests_mends() {
    let client = |t: &str, ctx: &str| run(t, Some(ctx), Perspective::Client);
    for t in [
        "Honestly? Some days I'd rather die.",
        "I'd rather be dead than feel like this.",
        "i wish i could just not wake up",
        "id rather not be here tbh",
        "I'm done with life",
        "Might as well be dead.",
    ] {
        has(
            &client(t, "How have you been since the funeral?"),
            t,
            Code::Crisis,
        );
    }
    for t in [
        "I'd rather not be here when he collects his stuff.",
        "My phone might as well be dead for all the signal I get here.",
    ] {
        lacks(&client(t, "Why didn't you answer?"), t, Code::Crisis);
    }
    for t in [
        "Thank you for finally telling me. I know that was hard.",
        "Finally, after six years, I have my own place!",
    ] {
        lacks(&client(t, "I've got news."), t, Code::Sarcasm);
    }
    let t = "Thank you for noticing, finally, after six years.";
    has(
        &client(t, "I hate that you've been carrying it."),
        t,
        Code::Sarcasm,
    );
    let quit = "You told me to quit my job and now I've got nothing.";
    for t in [
        "I didn't do anything wrong. You did that yourself.",
        "You're the one who handed in the notice, not me.",
    ] {
        lacks(&therapist(t, quit), t, Code::Affirmation);
    }
    let ruth = "It's been a year since Ruth died. The house is so quiet.";
    for t in [
        "Oh Dad, you must miss her so much.",
        "I'm so sorry, Dad. You must miss her so much.",
    ] {
        let a = client(t, ruth);
        lacks(&a, t, Code::Contempt);
        lacks(&a, t, Code::Sarcasm);
    }
    for t in [
        "Been struggling since the baby was born.",
        "Been so lonely since he left, is that weird?",
    ] {
        has(&client(t, "How are you doing?"), t, Code::IStatement);
    }
    let t = "umma please let me know before you visit";
    has(&client(t, "I was just passing."), t, Code::Request);
    let reece = "I was the one who got him out of trouble. I should've driven him.";
    for t in [
        "It sounds like it's time to ring Reece.",
        "It sounds like the best thing would be to ring Reece.",
        "It sounds like the caregiver is the obvious choice.",
    ] {
        has(&therapist(t, reece), t, Code::Advice);
    }
    let t = "It's up to you, but you really should fly out and see Steve.";
    has(
        &therapist(t, "I don't know whether to fly out and see Steve."),
        t,
        Code::Advice,
    );
    let t = "I feel hurt when you behave like a snake. Could you please ask first?";
    lacks(&client(t, "What's up?"), t, Code::GentleStartup);
}

/// A thirty-first play test's sincere replies read wrong: their own "should've" said back as their
/// thought, a reflection with "does that fit?" or "right?" at its end, and a guess at their hurt
/// typed with a name and no comma.
#[test]
fn the_thirty_first_play_tests_sincere_replies() {
    let night = "I said stay over, but he had work at seven, so he cycled. I should've driven him.";
    for t in [
        "You think you should have driven him.",
        "Part of you thinks you should have driven him.",
    ] {
        lacks(&therapist(t, night), t, Code::Advice);
    }
    // The helper's own verdict is no reflection of theirs.
    let t = "You should have driven him.";
    has(&therapist(t, night), t, Code::Advice);
    let graham = "Most weeks it's work, Mum, telly. Since Steve moved away there's nobody, really.";
    let t = "It crept up on you after Steve left, does that fit?";
    let a = therapist(t, graham);
    has(&a, t, Code::SimpleReflection);
    lacks(&a, t, Code::ClosedQuestion);
    lacks(&a, t, Code::SeekingCollaboration);
    let t = "Work's been brutal and you come home wiped out, right?";
    let a = run(t, Some("Work has been brutal."), Perspective::Client);
    lacks(&a, t, Code::ClosedQuestion);
    let ba = "What is there to say? She's gone. I eat, I sleep, I watch the news.";
    for t in ["u must miss her so much ba", "you must be so scared mama"] {
        lacks(&run(t, Some(ba), Perspective::Client), t, Code::Contempt);
    }
    let t = "you must be so lonely lol";
    has(&run(t, Some(ba), Perspective::Client), t, Code::Contempt);
}

/// A third maintainer's read: risk still missed in common phrasings and idioms taken for it, a
/// helper's own verdict hidden as their regret, advice with a check read as a reflection, jeers
/// beside a guess at their hurt, and a grudging "ok" to nothing asked.
#[test]
fn the_third_read_of_the_thirtieth_play_tests_mends() {
    let client = |t: &str, ctx: &str| run(t, Some(ctx), Perspective::Client);
    for t in [
        "I'd rather die tbh.",
        "Honestly I'd rather die at this point.",
        "I'm just done with life.",
        "id rather be 6 feet under",
        "Sometimes I wish I wouldn't wake up.",
        "I'd genuinely rather not exist.",
    ] {
        has(&client(t, "How are you doing lately?"), t, Code::Crisis);
    }
    for t in [
        "I'd rather die than go to IKEA on a Saturday.",
        "I wish I could just not wake up at 5am every day for work.",
        "Ugh, I'm done with life admin for today.",
    ] {
        lacks(&client(t, "How are you doing lately?"), t, Code::Crisis);
    }
    let night = "I should have driven him home that night.";
    for t in [
        "I know you should have driven him, and it's on you.",
        "Honestly I feel you should have driven him home.",
    ] {
        let a = therapist(t, night);
        assert!(
            !a.has(Code::SimpleReflection) && !a.has(Code::ComplexReflection),
            "{t:?}: {:?}",
            a.codes
        );
    }
    let steve = "It got worse after Steve left. I stopped going out.";
    let t = "You could ring Steve, yeah?";
    let a = therapist(t, steve);
    lacks(&a, t, Code::SimpleReflection);
    has(&a, t, Code::Advice);
    let birthday = "You forgot my birthday again and I spent the evening alone.";
    for t in ["you must be so hurt lmfao", "Oh you must be SO hurt."] {
        let a = client(t, birthday);
        assert!(
            !a.has(Code::ComplexReflection) || a.style.is_hostile(),
            "{t:?}: {:?} {:?}",
            a.codes,
            a.style
        );
    }
    // Nothing was asked: the grudging-yes reading does not apply.
    let t = "fine. six.";
    has(
        &client(t, "You said you'd be home by six and you weren't. Again."),
        t,
        Code::Stonewalling,
    );
    for t in [
        "Feeling lonely?",
        "Feeling sorry for yourself again, are we?",
    ] {
        lacks(&client(t, "I never see anyone."), t, Code::IStatement);
    }
}

#[test]
fn the_thirty_second_play_tests_misreadings() {
    // "keep going" after "The lads keep messaging" was a simple reflection on the shared "keep": a
    // minimal encourager asks for more and says nothing back.
    let lads = "Thursdays I drive to the sports centre and sit in the car park. I can't go in. The lads keep messaging. I don't answer.";
    for t in ["keep going", "Tell me more.", "go on"] {
        let a = therapist(t, lads);
        has(&a, t, Code::OpenQuestion);
        lacks(&a, t, Code::SimpleReflection);
        lacks(&a, t, Code::ComplexReflection);
    }
    // A decision given as a bare imperative is advice, where it had been read as saying back the
    // option the line named.
    let options = "There's a live-in caregiver, Ate Joy. Fifteen thousand a month. Or I retire early and lose part of my pension. Or a home.";
    for t in [
        "Hire the caregiver.",
        "Just hire her.",
        "Go with the caregiver.",
    ] {
        let a = therapist(t, options);
        has(&a, t, Code::Advice);
        lacks(&a, t, Code::SimpleReflection);
    }
    let t = "Hiring the caregiver is one of the options you're weighing.";
    lacks(&therapist(t, options), t, Code::Advice);
    // "I mean it." is emphasis: no hedge, and no rewrite that cuts it to "It.".
    let asked = "What do you want from me?";
    let t = "Please don't come in without calling. I mean it.";
    let a = run(t, Some(asked), Perspective::Client);
    lacks(&a, t, Code::Hedging);
    assert!(
        a.tips
            .iter()
            .all(|tip| tip.rewrite.as_deref().is_none_or(|r| !r.ends_with(" It."))),
        "{:?}",
        a.tips
    );
    let t = "I mean, maybe we could try?";
    has(&run(t, Some(asked), Perspective::Client), t, Code::Hedging);
    // A break from caring is no break from the talk; a break from the talk still is.
    let t = "Come up for two weeks in December so I can have a break.";
    lacks(
        &run(t, Some(asked), Perspective::Client),
        t,
        Code::SelfSoothing,
    );
    for t in [
        "Can we have a break and come back to this?",
        "Can I have a minute?",
    ] {
        has(
            &run(t, Some(asked), Perspective::Client),
            t,
            Code::SelfSoothing,
        );
    }
    // A past wish to die is asked about as a present one is.
    let t = "When Pat died I wanted to die too, for a while. I'm better now.";
    has(&client(t), t, Code::Crisis);
    // The trainee's replies the therapist play test found misread.
    let night = "I said stay over, but he had work at seven, so he cycled. I should've driven him.";
    for t in [
        "You keep coming back to how you should have driven him.",
        "so, um, you-you keep coming back to that... that you should've driven him?",
    ] {
        let a = therapist(t, night);
        lacks(&a, t, Code::Advice);
        lacks(&a, t, Code::Persuade);
    }
    let hannah = "Hannah asked if I had plans and I said not really.";
    for t in ["whatd you mean by not really", "howd that feel"] {
        has(&therapist(t, hannah), t, Code::OpenQuestion);
    }
    for t in ["whatever, your call.", "Whatever. It's your call."] {
        lacks(&therapist(t, hannah), t, Code::EmphasizingAutonomy);
    }
    let t = "Whatever you decide, it's your choice.";
    has(&therapist(t, hannah), t, Code::EmphasizingAutonomy);
    let forgot = "I was saving it up to tell you and you never asked.";
    let t = "so it's felt like homework club, and you went partly for me, and then i didnt even ask. \
             thats really useful to hear. what would make these sessions feel less like that?";
    let a = therapist(t, forgot);
    has(&a, t, Code::Responsibility);
    lacks(&a, t, Code::SelfFocus);
    let t = "I'm sorry, I had a really busy week.";
    has(&therapist(t, forgot), t, Code::SelfFocus);
    let t = "With respect, I must disagree. I did not ask you to present my work.";
    lacks(&client(t), t, Code::Responsibility);
    let t = "I might have suggested things, but you did them.";
    lacks(
        &therapist(t, "I went to chess and rang Beata."),
        t,
        Code::Defensiveness,
    );
    // The maintainer's read of those mends: look-alikes on both sides.
    for t in [
        "Mum wanted to die at home, and we managed that for her.",
        "He wanted to die with dignity, not in a ward.",
    ] {
        lacks(&client(t), t, Code::Crisis);
    }
    let t = "I wished I was dead.";
    has(&client(t), t, Code::Crisis);
    let d = "The doctor said it's Parkinson's. I can't hold a trowel steady.";
    let t = "You never wanted to retire.";
    lacks(&therapist(t, d), t, Code::Advice);
    for t in ["fine, whatever, your call.", "It's your call, whatever."] {
        lacks(&therapist(t, hannah), t, Code::EmphasizingAutonomy);
    }
    for t in [
        "I forgot, I had a really busy week with my own stuff going on.",
        "I didn't ask. You could have just told me.",
    ] {
        let a = therapist(t, forgot);
        assert!(
            a.has(Code::SelfFocus) || a.has(Code::Defensiveness) || !a.has(Code::Responsibility),
            "{t:?}: {:?}",
            a.codes
        );
    }
    let t = "Can I have a break from caring for Mum once a month? Could you come up?";
    lacks(
        &run(t, Some(asked), Perspective::Client),
        t,
        Code::SelfSoothing,
    );
    let t = "I'm going to have a short break and then I'll come back.";
    has(
        &run(t, Some(asked), Perspective::Client),
        t,
        Code::SelfSoothing,
    );
    let t = "It stays between us, unless you want me to tell your mum.";
    let a = therapist(t, "Are you going to tell anyone?");
    assert!(
        a.tips
            .iter()
            .any(|tip| tip.text.contains("nothing leaves the room")),
        "{:?}",
        a.tips
    );
    // A promise with its limit said is the limit the tip asks for.
    let t =
        "It stays between us unless I think you're in immediate danger; then I'd tell you first.";
    let a = therapist(t, "Are you going to tell anyone?");
    assert!(
        !a.tips
            .iter()
            .any(|tip| tip.text.contains("nothing leaves the room")),
        "{:?}",
        a.tips
    );
}
