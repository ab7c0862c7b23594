//! Everyday wording the scorer used to misread, found by playing trainee and client replies the way people type them (bare imperatives, reflect-then-ask, kind disputes of self-blame, hurt said without "I feel", indignant questions, self put-downs, proposals, understatement) and peer-support and transcribed-session replies (encouragement and reassurance beside affirmation, signposting, forum-style advice, autonomy, a therapist's tentative words), each with its kind look-alike.

use rapport::scoring::{Analysis, Code, Perspective, Reply, RuleScorer, Scorer};

fn run(text: &str, context: Option<&str>, p: Perspective) -> Analysis {
    RuleScorer::builtin().analyse(Reply::typed(text, context, p))
}

/// Checks every `(reply, line before)` in `cases` for `want` codes present and `not` codes absent.
#[track_caller]
fn expect(p: Perspective, cases: &[(&str, Option<&str>)], want: &[Code], not: &[Code]) {
    for &(text, context) in cases {
        let a = run(text, context, p);
        for &c in want {
            assert!(
                a.has(c),
                "expected {c:?} in {text:?} (after {context:?}); got {:?}",
                a.codes
            );
        }
        for &c in not {
            assert!(
                !a.has(c),
                "did not expect {c:?} in {text:?} (after {context:?}); got {:?}",
                a.codes
            );
        }
    }
}

const T: Perspective = Perspective::Therapist;
const C: Perspective = Perspective::Client;

#[test]
fn a_therapists_bare_imperative_is_advice_and_persuading_not_a_reflection() {
    expect(
        T,
        &[
            ("Phone her.", None),
            (
                "Delete his number.",
                Some("He keeps texting me even though we've split up."),
            ),
            ("Ring your sister.", Some("I miss my sister so much.")),
            ("Don't go back to him.", Some("He wants me back.")),
        ],
        &[Code::Advice, Code::Persuade],
        &[Code::SimpleReflection, Code::ComplexReflection],
    );
    // Asking something for the speaker is a request, not advice.
    expect(C, &[("Ring me any day.", None)], &[], &[Code::Advice]);
    // Imperatives alone say nothing back, however many words of the line they share; a reflection
    // before the advice is still one, and so is advice that goes on to say back what was heard.
    expect(
        T,
        &[(
            "Call her tonight. Tell her you miss your sister.",
            Some("I miss my sister so much."),
        )],
        &[Code::Advice],
        &[Code::SimpleReflection, Code::ComplexReflection],
    );
    expect(
        T,
        &[
            (
                "You miss her terribly. Ring her.",
                Some("I miss my sister so much."),
            ),
            (
                "Maybe you should keep distant from him, they seem to not respect you.",
                Some("He shouts at me and his friends laugh."),
            ),
        ],
        &[Code::Advice],
        &[],
    );
    let a = run(
        "You miss her terribly. Ring her.",
        Some("I miss my sister so much."),
        T,
    );
    assert!(a.has(Code::Reflection), "{:?}", a.codes);
}

/// A check ("correct me if I'm wrong", "tell me if I've got that wrong") or a maybe ("sorry if I
/// forgot someone") owns nothing: no taking responsibility, and a reflection checked so is still one.
#[test]
fn owning_a_part_on_a_condition_owns_nothing() {
    expect(
        T,
        &[
            (
                "You feel you can't trust anyone now, correct me if I'm wrong.",
                Some("i am sad"),
            ),
            (
                "Tell me if I'm wrong, but it sounds like you're exhausted.",
                Some("I can't sleep."),
            ),
        ],
        &[Code::Reflection],
        &[Code::Responsibility],
    );
    expect(
        C,
        &[(
            "I was wrong. I'm sorry I shouted.",
            Some("You shouted at me in front of everyone."),
        )],
        &[Code::Responsibility],
        &[],
    );
}

/// An order in a sentence of its own is the reply's, whatever the rest plans: "Don't be late." after
/// an invitation (four-years-quiet's push route) orders as well as proposes.
#[test]
fn an_order_in_a_sentence_of_its_own_is_the_replys() {
    expect(
        C,
        &[(
            "Come to mine on Saturday. Seven o'clock. Don't be late.",
            Some("So... what now?"),
        )],
        &[Code::Command],
        &[],
    );
}

/// The labels call a therapist's imperative advice, not a command, so the model gives it advice's
/// probability and little of a command's; either one keeps it ("Give the pills…" had command 0.03,
/// advice 0.44, and was dropped as no suggestion when only the command's probability counted).
#[test]
fn a_therapists_directive_is_advice_though_the_model_doubts_the_command() {
    expect(
        T,
        &[
            (
                "Give the pills to your mum tonight.",
                Some(
                    "(She sits very still.) Okay. So now you have to, like, report me or something?",
                ),
            ),
            (
                "Give the pills to your mum tonight.",
                Some(
                    "So what happens now? Are you going to call someone? (She grips the arm of the chair.) I'm not going to do anything. I just didn't want to lie to you.",
                ),
            ),
            (
                "Stop giving her money.",
                Some("My daughter keeps asking me for cash."),
            ),
        ],
        &[Code::Advice, Code::Persuade],
        &[Code::Command],
    );
}

/// A reply the other person cannot answer gets only the tip that fits it, whatever the codes say:
/// stray keys, punctuation alone, the line pasted back. Words like them do not.
#[test]
fn an_unanswerable_reply_gets_its_one_tip_and_words_do_not() {
    let worried = Some("Okay, I'm sitting. You're scaring me. What is it?");
    let graham = Some("I see her Sundays. Otherwise it's just me and Biscuit. The cat.");
    let pasted = "I see her Sundays. Otherwise it's just me and Biscuit.";
    let cases = [
        ("asdf", worried, C, "keys struck at random"),
        ("jkjkjk qwer", worried, C, "keys struck at random"),
        ("?", graham, T, "Punctuation alone"),
        ("...", graham, T, "Punctuation alone"),
        (pasted, graham, T, "pasted back"),
    ];
    for (said, ctx, p, tip) in cases {
        let a = run(said, ctx, p);
        assert!(
            a.tips.len() == 1 && a.tips[0].text.contains(tip),
            "{said:?}: {:?}",
            a.tips
        );
    }
    let words = [
        ("ok", worried, C, "keys struck"),
        ("were", worried, C, "keys struck"),
        ("hmm", worried, C, "keys struck"),
        (
            "So it's you and Biscuit most of the week.",
            graham,
            T,
            "pasted back",
        ),
    ];
    for (said, ctx, p, tip) in words {
        let a = run(said, ctx, p);
        assert!(
            !a.tips.iter().any(|t| t.text.contains(tip)),
            "{said:?}: {:?}",
            a.tips
        );
    }
}

#[test]
fn you_must_be_is_a_guess_at_a_feeling_and_you_must_stop_is_persuading() {
    expect(
        T,
        &[
            (
                "You must be worn out.",
                Some("I've had three funerals this year."),
            ),
            (
                "You must feel so let down.",
                Some("She promised she'd come and didn't."),
            ),
        ],
        &[Code::ComplexReflection],
        &[Code::Persuade],
    );
    expect(
        T,
        &[("You must stop drinking before it kills you.", None)],
        &[Code::Persuade],
        &[],
    );
}

#[test]
fn reflect_then_ask_keeps_the_reflection() {
    // The guide codes each sentence: a restatement followed by an open question is both.
    expect(
        T,
        &[
            (
                "He never calls. How does that leave you?",
                Some("My brother never calls."),
            ),
            (
                "You used to go dancing together. What was that like?",
                Some("We used to go dancing every Friday."),
            ),
        ],
        &[Code::OpenQuestion, Code::Reflection],
        &[],
    );
    // An order with a tag ("…, okay?") is no question to follow a reflection.
    let a = run(
        "Good. Just be kind to yourself this week, okay?",
        Some("I snapped at her."),
        T,
    );
    assert!(!a.has(Code::Reflection), "{:?}", a.codes);
}

#[test]
fn kindly_disputing_self_blame_is_reassurance_unless_the_speaker_takes_the_blame() {
    // The guide: kindly disputing someone's harsh view of themselves is reassurance, in either
    // perspective; it is no attack, and no reflection of their words.
    expect(
        T,
        &[
            ("None of this is your fault.", None),
            (
                "You're not a burden.",
                Some("I feel like such a burden on everyone."),
            ),
        ],
        &[Code::Reassurance],
        &[
            Code::Criticism,
            Code::SimpleReflection,
            Code::ComplexReflection,
        ],
    );
    expect(
        C,
        &[(
            "It's not your fault, Mamá.",
            Some("Was it something I did wrong?"),
        )],
        &[Code::Reassurance],
        &[Code::Criticism],
    );
    // Taking the blame oneself owns a part; it soothes nothing away.
    expect(
        C,
        &[(
            "You're right, that was unfair. It isn't your fault. What I want has changed, and that's mine to own.",
            Some("So it's my fault, is it?"),
        )],
        &[Code::Responsibility],
        &[Code::Reassurance],
    );
}

#[test]
fn asking_what_already_happened_is_a_question_not_advice() {
    expect(
        T,
        &[
            (
                "Have you talked to him since?",
                Some("My husband's drinking again."),
            ),
            ("Have you spoken to anyone else about this?", None),
        ],
        &[Code::ClosedQuestion],
        &[Code::Advice, Code::Persuade],
    );
    expect(
        T,
        &[(
            "Have you tried talking to him about how you feel?",
            Some("My husband's drinking again."),
        )],
        &[Code::Advice],
        &[],
    );
}

#[test]
fn dismissive_verdicts_are_confronting_and_understatement_is_credit() {
    expect(
        T,
        &[
            (
                "That's a bit dramatic.",
                Some("If she doesn't text back tonight, the friendship is over."),
            ),
            (
                "Calm down, you're being hysterical.",
                Some("I'm so stressed, I can't cope."),
            ),
            ("You're overthinking this.", None),
        ],
        &[Code::Confront],
        &[Code::SimpleReflection, Code::ComplexReflection],
    );
    expect(
        T,
        &[
            (
                "That's not easy.",
                Some("I held it together for the kids all day."),
            ),
            (
                "That is not a bad idea.",
                Some("Maybe I could join a walking group."),
            ),
        ],
        &[Code::Affirmation],
        &[Code::Confront],
    );
}

#[test]
fn hurt_said_without_i_feel_is_an_i_statement() {
    expect(
        C,
        &[
            (
                "It hurts when you joke about my accent in front of your friends.",
                None,
            ),
            (
                "That really stung.",
                Some("I was only joking about your weight."),
            ),
            ("It makes me sad when we argue about money.", None),
            (
                "I feel like a burden asking for help.",
                Some("You should've asked me to help."),
            ),
        ],
        &[Code::IStatement],
        &[Code::DisguisedYouStatement],
    );
    // Shutting the talk down owns no feeling.
    expect(
        C,
        &[(
            "I'm done talking about this.",
            Some("We need to talk about the dishes."),
        )],
        &[Code::Stonewalling],
        &[Code::IStatement],
    );
}

#[test]
fn an_indignant_answer_is_defensiveness_not_a_question() {
    expect(
        C,
        &[
            (
                "How am I meant to know that?",
                Some("You should have known I'd be upset."),
            ),
            (
                "That's rich coming from you.",
                Some("You never make time for me."),
            ),
        ],
        &[Code::Defensiveness],
        &[Code::OpenQuestion, Code::ClosedQuestion],
    );
}

#[test]
fn a_put_down_of_oneself_is_no_insult_and_an_apology_for_existing_is_sarcasm() {
    expect(
        C,
        &[(
            "I'm such an idiot, I completely forgot. I'm sorry.",
            Some("You forgot to pick me up."),
        )],
        &[Code::Responsibility],
        &[Code::Insult, Code::Contempt],
    );
    expect(
        C,
        &[(
            "sorry for breathing",
            Some("Can you be quieter in the mornings?"),
        )],
        &[Code::Sarcasm],
        &[Code::OverApology],
    );
}

#[test]
fn how_about_you_proposes_and_how_about_you_alone_asks() {
    expect(
        C,
        &[(
            "How about you take mornings and I take evenings with the baby?",
            Some("I can't do everything with the baby."),
        )],
        &[Code::ProposeOptions],
        &[Code::OpenQuestion, Code::ClosedQuestion],
    );
    expect(
        C,
        &[("How about you?", Some("I'm good, you?"))],
        &[Code::OpenQuestion],
        &[Code::ProposeOptions],
    );
}

#[test]
fn a_client_who_said_their_piece_hears_it_worked_not_a_listeners_tip() {
    let a = run(
        "It hurts when you joke about my accent in front of your friends.",
        None,
        C,
    );
    let tips: Vec<&str> = a.tips.iter().map(|t| t.text.as_str()).collect();
    assert!(
        tips.iter()
            .all(|t| !t.contains("Keep checking that you have understood")),
        "{tips:?}"
    );
    assert!(tips.iter().any(|t| t.starts_with("Good move")), "{tips:?}");
}

#[test]
fn encouragement_and_confidence_about_the_outcome_are_no_affirmation() {
    // The guide: generic encouragement gets no code; confidence about the future is reassurance.
    expect(
        T,
        &[
            (
                "Day 4 is huge!! You've got this",
                Some("Day 4 without a drink."),
            ),
            (
                "Just be yourself and you'll do great!",
                Some("I have a job interview tomorrow."),
            ),
            (
                "I'm sure your grandmother would understand and wouldn't want you to feel guilty.",
                Some("I missed my grandmother's funeral because of work. I feel so guilty."),
            ),
            ("It's not your fault. You did everything you could.", None),
        ],
        &[],
        &[Code::Affirmation],
    );
    expect(
        T,
        &[
            (
                "I'm sure your grandmother would understand and wouldn't want you to feel guilty.",
                Some("I missed my grandmother's funeral because of work. I feel so guilty."),
            ),
            (
                "it gets easier i promise",
                Some("my parents are getting divorced"),
            ),
            (
                "you're not weird. you're just nervous, that's different",
                Some("i say weird things when people talk to me"),
            ),
        ],
        &[Code::Reassurance],
        &[],
    );
    // A strength named in everyday words is one.
    expect(
        T,
        &[
            ("That took some backbone, with your mom piling on.", None),
            ("youre clearly a really caring big sibling", None),
            (
                "Three weeks is a real achievement.",
                Some("3 weeks no cigarettes."),
            ),
        ],
        &[Code::Affirmation],
        &[],
    );
}

#[test]
fn signposting_forum_advice_and_autonomy_are_read() {
    let cx = Some("I finally told my dad I'm gay. He hasn't spoken to me since.");
    expect(
        T,
        &[(
            "The Trevor Project has 24/7 chat and text if you need someone to talk to.",
            cx,
        )],
        &[Code::GivingInformation],
        &[Code::SimpleReflection, Code::ComplexReflection],
    );
    expect(
        T,
        &[
            (
                "Why not suggest a potluck at your sister's place instead?",
                None,
            ),
            (
                "You can check if your nursing license can be transferred.",
                None,
            ),
        ],
        &[Code::Advice],
        &[],
    );
    expect(
        T,
        &[
            ("You know your own situation best, trust your gut.", None),
            ("This is a decision for you and your husband.", None),
        ],
        &[Code::EmphasizingAutonomy],
        &[],
    );
    // "made you decide" asks why; it hands no decision over.
    expect(
        T,
        &[("What made you decide to come along today?", None)],
        &[Code::OpenQuestion],
        &[Code::EmphasizingAutonomy],
    );
}

#[test]
fn a_therapists_asides_are_not_codes() {
    expect(
        T,
        &[("Good morning, come on in.", None)],
        &[],
        &[Code::Confront],
    );
    expect(
        T,
        &[(
            "Maybe you could ask her what she thinks, if that feels okay.",
            None,
        )],
        &[],
        &[Code::Hedging],
    );
    expect(
        T,
        &[(
            "I used to panic too. What helped me was breaking things into small chunks.",
            None,
        )],
        &[Code::SelfFocus],
        &[Code::OpenQuestion],
    );
    expect(
        T,
        &[(
            "Have you told her how it made you feel?",
            Some("My girlfriend made a joke about my weight."),
        )],
        &[Code::ClosedQuestion],
        &[Code::Advice],
    );
}

#[test]
fn a_behaviour_with_no_code_of_its_kind_gives_way_to_the_codes() {
    use rapport::scoring::Behaviour;
    for (text, context) in [
        (
            "The Trevor Project has 24/7 chat and text if you need someone to talk to.",
            None,
        ),
        (
            "lunch in the library gang checking in honestly it got better for me in sixth form",
            Some("i eat lunch in the library every day"),
        ),
    ] {
        let a = run(text, context, T);
        let shown = a.behaviour == Behaviour::Other
            || a.codes.iter().any(|c| a.behaviour.codes().contains(c));
        assert!(
            !matches!(a.behaviour, Behaviour::Reflection | Behaviour::Question) || shown,
            "{text:?}: behaviour {:?} with codes {:?}",
            a.behaviour,
            a.codes
        );
    }
}

#[test]
fn the_new_phrases_keep_to_their_sense() {
    // Found by a review of fresh replies: the outcome, advice and signposting phrases in other senses.
    expect(
        T,
        &[
            (
                "It passes the time, and I'm guessing the evenings are harder to fill.",
                Some("Crosswords, mostly. I do three a day since she died."),
            ),
            (
                "There'll be someone at reception who'll bring you up to the third floor.",
                Some("How will I know where to go when I get there?"),
            ),
            (
                "She wouldn't want you to be sad, and you are, and that feels like letting her down.",
                Some("Mum wouldn't want me to be sad, everyone says."),
            ),
        ],
        &[],
        &[Code::Reassurance],
    );
    expect(
        T,
        &[
            ("You can check in with me next week.", None),
            (
                "You can look up to someone and still be furious with them.",
                None,
            ),
        ],
        &[],
        &[Code::Advice],
    );
    expect(
        T,
        &[
            (
                "Might be worth emailing your tutor about mitigating circumstances.",
                None,
            ),
            ("You can check on your student union website.", None),
        ],
        &[Code::Advice],
        &[],
    );
}

#[test]
fn a_statement_ending_ok_asks_agreement_and_an_indignant_question_gives_no_order() {
    // The guide: rhetorical questions that are really statements are no questions.
    expect(
        C,
        &[
            (
                "I'm trying, ok?",
                Some("You never help with anything around here."),
            ),
            (
                "Back in twenty, okay?",
                Some("We need to talk about this now."),
            ),
            (
                "i'll let u know tomorrow, ok?",
                Some("So are you coming or not?"),
            ),
        ],
        &[],
        &[Code::ClosedQuestion, Code::OpenQuestion],
    );
    // "Ok?" alone still asks, and so does a question that ends in one.
    expect(
        T,
        &[("Ok?", Some("I just need a minute."))],
        &[Code::ClosedQuestion],
        &[],
    );
    expect(
        C,
        &[(
            "what am I supposed to do, quit my job?",
            Some("You're never home before nine."),
        )],
        &[Code::Defensiveness],
        &[Code::Command],
    );
    // A plain order keeps its code.
    expect(C, &[("Quit your job then.", None)], &[Code::Command], &[]);
}

#[test]
fn phrases_once_lost_to_the_choice_syntax_are_found() {
    expect(
        C,
        &[(
            "I'm sorry that I snapped at you last night.",
            Some("You were really harsh yesterday."),
        )],
        &[Code::Responsibility],
        &[],
    );
    expect(
        C,
        &[("Please don't be angry. I'm sorry, I'm so sorry.", None)],
        &[],
        &[Code::Responsibility],
    );
    expect(
        C,
        &[("You have been a great help this week.", None)],
        &[Code::Appreciation],
        &[],
    );
}

#[test]
fn the_review_mends_hold() {
    // Each (perspective, reply, line before, code it must show).
    let cases: &[(Perspective, &str, Option<&str>, Code)] = &[
        // Patterns that once could never match.
        (C, "I took all the pills together.", None, Code::Crisis),
        (C, "You will clean your room.", None, Code::Command),
        (C, "Be home.", None, Code::Command),
        (
            C,
            "If you shout again, I will leave.",
            Some("Oh, don't start."),
            Code::Boundary,
        ),
        (
            T,
            "Nobody is perfect.",
            Some("I messed up the presentation again."),
            Code::Reassurance,
        ),
        (
            C,
            "I love how you laugh at my jokes.",
            None,
            Code::Appreciation,
        ),
        (
            C,
            "I can tell this is hard for you.",
            Some("I don't know what to do."),
            Code::AcknowledgeView,
        ),
        // A greeting or a name before "ok?" still asks; an order at "you" after a question stays one.
        (C, "Hiya, alright?", None, Code::ClosedQuestion),
        (C, "Mum, okay?", None, Code::ClosedQuestion),
        (
            C,
            "How many times do I have to say it, put your shoes away?",
            Some("What?"),
            Code::Command,
        ),
        // A first-person reading of the other's experience is still a reflection.
        (
            T,
            "I'm guessing the work keeps the grief at bay.",
            Some("My dad died in March and I haven't stopped working since."),
            Code::ComplexReflection,
        ),
        (
            T,
            "I bet that was humiliating.",
            Some("He yelled at me in front of the whole team."),
            Code::ComplexReflection,
        ),
    ];
    for &(p, text, context, code) in cases {
        expect(p, &[(text, context)], &[code], &[]);
    }
}

/// A request or an acknowledgement said in one sentence of several is the reply's, though the model,
/// reading the reply whole, gives it little: the warm, skilled reply a play test typed in rotterdam
/// asked for Nanay's blessing in its last sentence and was read as no request. A reply whose
/// sentences ask nothing gains none.
#[test]
fn a_request_in_one_sentence_of_several_is_the_replys() {
    let nanay = Some(
        "(She puts the ladle down.) I'm proud. Of course I'm proud. It's just... since Tatay, you are \
         the one I call. Who do I call?",
    );
    expect(
        C,
        &[
            (
                "Since Tatay died I've been your person, and now that's changing, and it's \
                 frightening. You can still call me, Nanay, every day if you want. Tell me, what \
                 would you miss most? And I need something from you too: I need your blessing, even \
                 if it's a sad one.",
                nanay,
            ),
            (
                "I hear you. I'll stop asking. I'd still like a text now and then to know you're \
                 alright.",
                Some("I don't need you checking on me every day."),
            ),
        ],
        &[Code::Request],
        &[],
    );
    expect(
        C,
        &[(
            "Since Tatay died I've been your person, and now that's changing, and it's frightening. \
             You can still call me, Nanay, every day if you want. Tell me, what would you miss most?",
            nanay,
        )],
        &[],
        &[Code::Request],
    );
    expect(
        C,
        &[(
            "yeah i know. its not you, im just tired all the time. thanks for still checking on me \
             tho",
            Some("You never come out with us any more."),
        )],
        &[Code::AcknowledgeView],
        &[],
    );
}

/// A fourteenth play test's replies, in its users' own words, each with its look-alike.
#[test]
fn a_fourteenth_play_tests_replies_read_right() {
    // Denying anger to name the want is no defensiveness, after a name too.
    let braced = Some("(He braces.) Are you going to yell at me?");
    expect(
        C,
        &[
            ("Ji-ho, I'm not angry, I just want to know.", braced),
            (
                "ji-ho ah, i am not angry. i just want to know. why you not going hagwon?",
                braced,
            ),
        ],
        &[],
        &[Code::Defensiveness],
    );
    // Their own words said back are no attack.
    expect(
        C,
        &[(
            "You love me, you don't love being supervised. Fair. Your days are yours.",
            Some("I love you. I don't love being supervised."),
        )],
        &[],
        &[Code::Criticism],
    );
    expect(
        C,
        &[(
            "You don't love me.",
            Some("I'm going out with the girls tonight."),
        )],
        &[Code::Criticism],
        &[],
    );
    // "Up to you to make the effort" is a duty, not a choice; "up to you to decide" is a choice.
    expect(
        T,
        &[(
            "Well, in the end it's up to you to make the effort, Graham. Nobody else can do that \
             for you. Ring Steve, join something, get out of the flat.",
            Some("Not very exciting, my life."),
        )],
        &[Code::Advice],
        &[Code::EmphasizingAutonomy, Code::PersuadeWithPermission],
    );
    expect(
        T,
        &[(
            "It's up to you to decide.",
            Some("Should I go back to work?"),
        )],
        &[Code::EmphasizingAutonomy],
        &[],
    );
    // Options set against their costs name them; "stop" there orders no one.
    expect(
        T,
        &[(
            "so every road got a price. full time = ur energy, three days = mayfield, stop = maybe \
             u lose urself.",
            Some("Three ways this goes and I hate all of them."),
        )],
        &[],
        &[Code::Advice, Code::Persuade],
    );
    // Chat and creole spellings.
    expect(
        C,
        &[(
            "cn we do a proper catch up? coffee sat or sun, whichever suits u",
            Some("So... what now?"),
        )],
        &[Code::Request],
        &[],
    );
    expect(
        C,
        &[(
            "truth is marcia mi feel lost",
            Some("Nobody needs you at half four any more."),
        )],
        &[Code::IStatement],
        &[],
    );
    // A feeling granted is no mockery; "of course you forgot" still is.
    let a = run("Of course you miss her, Ba.", Some("I miss her."), C);
    assert!(
        !a.has(Code::Contempt) && !a.has(Code::Sarcasm),
        "{:?}",
        a.codes
    );
    assert!(!a.style.is_hostile(), "{:?}", a.style);
    // Kindly disputing a harsh view of the past attacks no one.
    expect(
        C,
        &[("you were never useless mate", Some("I felt useless."))],
        &[],
        &[Code::Absolute, Code::Criticism],
    );
    // A leading "oh right" or "oh yes" is no sarcasm by itself; with the dig after it, it is.
    expect(
        C,
        &[
            (
                "oh right. what r u growing this yr",
                Some("We've had the plot for years."),
            ),
            (
                "Oh, yes, all fine. Just thought I'd see how you were getting on.",
                Some("Hiya! Everything alright?"),
            ),
        ],
        &[],
        &[Code::Sarcasm, Code::Contempt],
    );
    expect(
        C,
        &[(
            "Oh right, so you're the only one who's sad. Poor you.",
            Some("I've been so sad since Dad died."),
        )],
        &[Code::Sarcasm],
        &[],
    );
    // Waving an apology away orders no one.
    expect(
        C,
        &[(
            "Oh, don't apologise. It's all in the past now anyway.",
            Some("Sorry I never rang."),
        )],
        &[],
        &[Code::Command],
    );
    // A fifteenth play test's: a friendly question about their life attacks no one; an attack worded
    // as a question still does.
    let plot = Some("Twenty-two years of digging, that's how.");
    expect(
        C,
        &[
            (
                "And yourself? Have you always lived in this part of Wales?",
                plot,
            ),
            ("Have you never been to Wales?", plot),
        ],
        &[],
        &[Code::Criticism, Code::Absolute],
    );
    expect(
        C,
        &[("Do you always have to be so rude?", plot)],
        &[Code::Criticism],
        &[],
    );
    // "wait what…?" still asks.
    expect(
        C,
        &[(
            "wait what do saturdays mean to u",
            Some("I come every Saturday."),
        )],
        &[Code::OpenQuestion],
        &[],
    );
    // What others owed the speaker owns nothing.
    expect(
        C,
        &[(
            "With respect, I must disagree. I did not ask you to present my work, and I should have \
             been consulted.",
            Some("I presented it because you weren't there."),
        )],
        &[],
        &[Code::Responsibility],
    );
    // A warm or a formal ask to join is a request.
    expect(
        C,
        &[(
            "I'd love to join you on Wednesday. Where do you meet?",
            Some("We walk on Wednesdays."),
        )],
        &[Code::Request],
        &[],
    );
    // An eye-roll emoji is contempt.
    expect(
        T,
        &[("🙄", Some("I sat there forty minutes and said nothing."))],
        &[Code::Contempt],
        &[],
    );
    // A counsellor who promises secrecy is told what to say instead.
    let a = run(
        "Don't worry, I won't tell anyone, whatever you say stays in this room.",
        Some("Are you going to call someone?"),
        T,
    );
    assert!(
        a.tips.iter().any(|t| t.text.starts_with("Don't promise")),
        "{:?}",
        a.tips
    );
    // A trainee who owns a slip is not told to reflect first.
    let a = run(
        "You're right. I said I'd ask about Friday first thing, and I forgot. I'm sorry.",
        Some("You said you'd ask me about Friday. You forgot."),
        T,
    );
    assert!(a.has(Code::Responsibility), "{:?}", a.codes);
    assert!(
        a.tips.iter().all(|t| !t.text.starts_with("Reflect before")),
        "{:?}",
        a.tips
    );
}

/// A sixteenth round of play: a trainee who changes the subject, mocks, or types in capitals.
#[test]
fn a_change_of_subject_mock_interest_and_capitals_are_read() {
    let starts = |a: &Analysis, s: &str| a.tips.iter().any(|t| t.text.starts_with(s));
    // "Anyway, how's work?" after a disclosure turns away: the tip says so and offers a reflection,
    // where it had praised a good open question.
    let a = run(
        "Sorry to hear that. Anyway, how's work?",
        Some("I lost my job last month and I haven't told my wife."),
        T,
    );
    assert!(starts(&a, "That moves away"), "{:?}", a.tips);
    assert!(!starts(&a, "Good open question"), "{:?}", a.tips);
    assert!(a.tips[0].rewrite.is_some(), "{:?}", a.tips);
    // Going back to what they said is no change of subject, nor is "anyway" with no question.
    for (reply, line) in [
        (
            "Anyway, how did the talk with your boss go?",
            "I had a fight with my boss about the rota again.",
        ),
        (
            "I'm so sorry. Anyway, I'm here.",
            "I lost my job last month and I haven't told my wife.",
        ),
    ] {
        let a = run(reply, Some(line), T);
        assert!(!starts(&a, "That moves away"), "{reply:?}: {:?}", a.tips);
    }
    // Mock interest in what was told is contempt; a book that was riveting is not.
    expect(
        T,
        &[
            (
                "riveting stuff. what else.",
                Some("My son doesn't call anymore."),
            ),
            ("yawn. go on then", Some("My son doesn't call anymore.")),
        ],
        &[Code::Contempt],
        &[],
    );
    expect(
        C,
        &[(
            "The book was riveting, I read it in a day.",
            Some("How was your week?"),
        )],
        &[],
        &[Code::Contempt, Code::Sarcasm],
    );
    // A reply in capitals keeps what its words do: the reflection and the request are still read.
    let a = run(
        "IT SOUNDS LIKE YOU FEEL VERY ALONE SINCE HE DIED.",
        Some("Since Tom died I just sit at home."),
        T,
    );
    assert!(
        a.has(Code::SimpleReflection) || a.has(Code::ComplexReflection),
        "{:?}",
        a.codes
    );
    expect(
        C,
        &[(
            "I FEEL REALLY HURT WHEN YOU IGNORE ME. CAN WE TALK TONIGHT?",
            Some("I never asked you to do everything."),
        )],
        &[Code::IStatement, Code::Request],
        &[],
    );
}

/// A sixteenth play test's trainees and clients: blaming "why" questions, pity as mockery, a loss of
/// role said without "I feel", a split of the chores typed fast, a chain of questions, and the
/// examples its tips gave.
#[test]
fn blame_mockery_a_lost_role_and_a_fast_plan_are_read() {
    // "Why haven't you… yet?" and "Why didn't you try harder…?" confront; a plain "why" asks.
    expect(
        T,
        &[
            (
                "why havent you decided yet? its only a job",
                Some("Or I don't go back at all, and then... I don't know who I am."),
            ),
            (
                "Why didn't you try harder to keep him?",
                Some("My husband moved out in March. Some days I don't get out of bed."),
            ),
        ],
        &[Code::Confront],
        &[],
    );
    let a = run(
        "Why did you decide to go back?",
        Some("I went back to work in May."),
        T,
    );
    assert!(!a.has(Code::Confront), "{:?}", a.codes);
    // Pity as mockery is contempt; sympathy is not.
    let car_park = "Thursdays I drive to the sports centre and sit in the car park. I can't go in.";
    expect(
        T,
        &[(
            "lol sitting in a car park every thursday, bit sad innit",
            Some(car_park),
        )],
        &[Code::Contempt],
        &[Code::ComplexReflection],
    );
    expect(
        T,
        &[(
            "That sounds really lonely, sitting there every week.",
            Some(car_park),
        )],
        &[],
        &[Code::Contempt],
    );
    // A loss of role said without "I feel" is said plainly, in dialect too.
    let marcia = "Alright. (She sits down, still in her coat.) What?";
    expect(
        C,
        &[
            (
                "Truth is, Marcia, I don't know what to do with myself. For forty years I ran that garage and people needed me. Now nobody needs me for anything.",
                Some(marcia),
            ),
            (
                "truth is marcia i dont know what to do wi meself. forty year i ran that garage, folk needed me. now nobody needs me for owt",
                Some(marcia),
            ),
        ],
        &[Code::IStatement],
        &[],
    );
    // A split of the chores typed fast proposes.
    expect(
        C,
        &[(
            "ok u do mon wed fri when no late shift, i do other days. deal?",
            Some("I said I'd do the dishes later, why are you making such a big deal?"),
        )],
        &[Code::ProposeOptions],
        &[],
    );
    // A chain of questions asks for answers, not for the person's ideas.
    let a = run(
        "Do you drink? How much, roughly? Do you sleep in the day, or at night? Do you eat properly?",
        Some("Bad. Can't sleep."),
        T,
    );
    assert!(!a.has(Code::SeekingCollaboration), "{:?}", a.codes);
    // The examples: an ultimatum's ask is its first half; nothing done is not asked for; an
    // absolute is not kept; a brave face is not said back.
    let dishes = Some("I said I'd do the dishes later, why are you making such a big deal?");
    let rewrites = |text: &str, cx: Option<&str>, p| -> Vec<String> {
        run(text, cx, p)
            .tips
            .into_iter()
            .filter_map(|t| t.rewrite)
            .collect()
    };
    assert_eq!(
        rewrites(
            "Do them now or I'm leaving.",
            Some("I'll do them later."),
            C
        ),
        ["Could you do them now? It would really help me."]
    );
    assert_eq!(
        rewrites("Call first or don't come at all.", Some("I'm here!"), C),
        ["Could you call first? It would really help me."]
    );
    for (text, bad) in [
        ("innit tho, u never do nuffin round ere", "nuffin"),
        ("I feel like you never listen to me.", "never"),
        ("Because you always say later and never do them.", "always"),
    ] {
        let r = rewrites(text, dishes, C);
        assert!(
            !r.is_empty() && r.iter().all(|r| !r.contains(bad)),
            "{text}: {r:?}"
        );
    }
    let r = rewrites(
        "dont worry ull be fine, u can always come back if u need",
        Some("Yes. Yes, I know. I'll be fine. (He doesn't sound it.)"),
        T,
    );
    assert!(r.iter().all(|r| !r.contains("be fine")), "{r:?}");
}

/// "You wish…" says back a wish; only the retort "You wish." mocks (a twentieth play test's "You wish
/// you could keep her close." took sunday-with-ba's route for an attack).
#[test]
fn you_wish_says_back_a_wish_and_only_the_retort_mocks() {
    expect(
        C,
        &[(
            "You wish he was still here.",
            Some("I miss your dad every day."),
        )],
        &[],
        &[Code::Contempt],
    );
    expect(
        T,
        &[(
            "You wish you'd been there with him.",
            Some("I should've been there when he died, not at work."),
        )],
        &[Code::Reflection],
        &[Code::Contempt],
    );
    expect(
        C,
        &[("You wish.", Some("I'll beat you at chess one day."))],
        &[Code::Contempt],
        &[],
    );
}

/// Their own "should have" said back after "you keep thinking" / "you tell yourself" is a reflection,
/// not advice (thursdays-without-danny sent a skilled run to "Facts and homework").
#[test]
fn their_own_should_have_said_back_is_a_reflection_not_advice() {
    expect(
        T,
        &[
            (
                "You keep thinking you should have driven him home.",
                Some("If I'd driven him home that night he'd still be here."),
            ),
            (
                "You keep telling yourself it was your fault.",
                Some("I could have stopped him going out."),
            ),
        ],
        &[Code::Reflection],
        &[Code::Advice],
    );
}

/// An order dressed as a plan orders; owning a part "with no excuses" owns it, and a complaint that
/// "keeps" doing something is no reflection.
#[test]
fn an_order_dressed_as_a_plan_orders_and_no_excuses_owns_a_part() {
    expect(
        C,
        &[(
            "Here's the plan: you do the dishes every night from now on and that's final.",
            Some("So what are you thinking? I can't promise every night with the late shifts."),
        )],
        &[Code::Command],
        &[],
    );
    expect(
        C,
        &[(
            "That one's on me, no excuses.",
            Some(
                "You said you'd pick Mia up at five and she waited outside school for forty minutes.",
            ),
        )],
        &[Code::Responsibility],
        &[Code::Command],
    );
    // Paying for a round owns no fault; a complaint that "keeps" doing something says nothing back.
    expect(
        C,
        &[(
            "Put your wallet away, this one's on me.",
            Some("Let me get these."),
        )],
        &[],
        &[Code::Responsibility],
    );
    expect(
        C,
        &[(
            "You keep telling me what to do.",
            Some("You should ring your mum more."),
        )],
        &[],
        &[Code::Reflection],
    );
}

/// A linking reflection checked in a sentence of its own is a reflection, not a closed question
/// (first-session-graham's linking route); a check of a fact or of nothing said back still asks.
#[test]
fn a_statement_checked_in_its_own_sentence_is_a_reflection() {
    let graham = "It's Sundays, mostly. Since Steve left there's nobody to do anything with. I sit in \
        the flat. By Monday I'm low and it doesn't lift till Wednesday.";
    expect(
        T,
        &[(
            "Since Steve left, Sundays have had nobody in them, and that's about when the low mood \
            set in. Does that fit how it feels to you?",
            Some(graham),
        )],
        &[Code::Reflection],
        &[Code::ClosedQuestion, Code::SeekingCollaboration],
    );
    expect(
        T,
        &[("The weather was nice today. Does that fit?", Some(graham))],
        &[Code::ClosedQuestion],
        &[Code::Reflection],
    );
    // "Is that true?" checks a fact, not a reflection.
    expect(
        T,
        &[(
            "Your mum says you've stopped eating. Is that true?",
            Some("Mum's been on at me again."),
        )],
        &[Code::ClosedQuestion],
        &[],
    );
}

/// "Must be nice" after news envies it; "Lovely." and "That must be lovely!" there are warm.
#[test]
fn must_be_nice_envies_and_that_must_be_lovely_does_not() {
    let news = "I got the promotion! We're going to Lisbon to celebrate.";
    expect(
        C,
        &[("must be nice", Some(news))],
        &[Code::Sarcasm, Code::Contempt],
        &[],
    );
    expect(
        C,
        &[
            ("Lovely.", Some(news)),
            ("Oh, that must be lovely!", Some(news)),
        ],
        &[],
        &[Code::Sarcasm, Code::Contempt],
    );
}

/// A helper siding with a harsh view of the person confronts; it says nothing back.
#[test]
fn a_helper_siding_with_a_harsh_view_confronts() {
    expect(
        T,
        &[(
            "He's right, you are too soft.",
            Some("My husband says I'm too soft on the kids and honestly I think he's right."),
        )],
        &[Code::Confront],
        &[Code::Reflection],
    );
}

/// A client's reflection before their own side keeps its reflection (dishes-again's route for being
/// heard); a complaint followed by one's own side gains none.
#[test]
fn a_clients_reflection_before_their_own_side_keeps_it() {
    expect(
        C,
        &[(
            "Those late shifts have been wrecking you. For me it's been a lot, coming home to a \
            full sink every night.",
            Some("I'm sorry, the late shifts have been killing me."),
        )],
        &[Code::Reflection],
        &[],
    );
    expect(
        C,
        &[(
            "You've been out every night this week. I've had the kids on my own.",
            Some("Work's been mad, I've had to stay late."),
        )],
        &[],
        &[Code::Reflection],
    );
}

/// Turning to another subject after a complaint is offered a way back to it, not a break to calm down.
#[test]
fn a_change_of_subject_is_offered_a_way_back_not_a_break() {
    let a = run(
        "did you see the football",
        Some("You never ask how my day was. Not once this week."),
        C,
    );
    assert!(a.has(Code::Stonewalling), "{:?}", a.codes);
    let tips: Vec<&str> = a.tips.iter().filter_map(|t| t.rewrite.as_deref()).collect();
    assert!(
        tips.iter().any(|t| t.contains("I changed the subject"))
            && !tips.iter().any(|t| t.contains("twenty minutes")),
        "{tips:?}"
    );
    // A refusal, asked or not, is no change of subject.
    for t in [
        "I'm not talking about this.",
        "Can you just leave me alone?",
    ] {
        let a = run(t, Some("You never ask how my day was."), C);
        assert!(a.has(Code::Stonewalling), "{t}: {:?}", a.codes);
        let tips: Vec<&str> = a.tips.iter().filter_map(|t| t.rewrite.as_deref()).collect();
        assert!(
            !tips.iter().any(|t| t.contains("I changed the subject")),
            "{t}: {tips:?}"
        );
    }
}

/// A feeling the listener fears in the speaker, said back, is theirs: "You're worried I'm angry with
/// you." reflects; it is no I-statement of the speaker's (a twentieth play test).
#[test]
fn a_feeling_they_fear_in_you_said_back_is_a_reflection() {
    expect(
        C,
        &[(
            "You're worried I'm angry with you.",
            Some("Are you angry with me?"),
        )],
        &[Code::Reflection],
        &[Code::IStatement],
    );
    expect(
        C,
        &[("I'm angry with you.", Some("Are you angry with me?"))],
        &[Code::IStatement],
        &[],
    );
}

/// Offering oneself is no advice and no absolute: "You can always call me." leaves the way back open
/// and prescribes nothing (a twenty-first play test's trainee got unasked advice, persuading and
/// "always"); suggesting someone else still is advice.
#[test]
fn offering_yourself_is_no_advice_and_no_absolute() {
    expect(
        T,
        &[
            (
                "You can always call me if it gets too much.",
                Some("I don't know how I'll cope this weekend."),
            ),
            (
                "That's fine, we don't have to. You can always tell me to back off.",
                Some("I don't really want to talk about my father today."),
            ),
            (
                "You can always talk to me.",
                Some("I've got no one to talk to."),
            ),
        ],
        &[],
        &[Code::Advice, Code::Persuade, Code::Absolute],
    );
    expect(
        T,
        &[(
            "You can always call your sister.",
            Some("I've got no one to talk to."),
        )],
        &[Code::Advice],
        &[],
    );
    expect(
        C,
        &[("You always call me when you need money.", None)],
        &[Code::Absolute],
        &[],
    );
}

/// The guide's round-28 rulings, in the words people type: "these things take time" to grief is a
/// platitude (reassurance); "i said sorry" given back to a complaint is defensiveness; "I'm wondering
/// what that was like" is the guide's "I wonder what…" open question.
#[test]
fn platitudes_held_up_apologies_and_wondering_aloud() {
    expect(
        T,
        &[(
            "these things take time",
            Some("It's been a year and I still cry in the supermarket."),
        )],
        &[Code::Reassurance],
        &[Code::Advice],
    );
    expect(
        C,
        &[
            (
                "i said sorry",
                Some("You still haven't actually apologised for what you said to my mum."),
            ),
            (
                "I already said sorry!",
                Some("You never apologise for anything."),
            ),
        ],
        &[Code::Defensiveness],
        &[],
    );
    expect(
        T,
        &[(
            "I'm wondering what that was like, walking back into the flat on your own.",
            Some("I got back from the hospital that night and the flat was exactly as we left it."),
        )],
        &[Code::OpenQuestion],
        &[],
    );
}

/// Warm thanks the model half reads as mockery ("wow … i love that so much") is praise: where the
/// praise outweighs the mockery, the style is no hostile one either.
#[test]
fn sincere_thanks_is_not_passive_aggressive() {
    let a = run(
        "wow u remembered that place. i love that so much, thank u",
        Some("I booked us the cottage for our anniversary. The one from our first trip."),
        C,
    );
    assert!(a.has(Code::Appreciation), "{:?}", a.codes);
    assert!(!a.style.is_hostile(), "{:?}", a.style);
    // Mockery that wins keeps its style.
    let a = run(
        "Oh wow, thank you SO much for remembering. Only took you three years.",
        Some("I booked us the cottage for our anniversary."),
        C,
    );
    assert!(a.style.is_hostile(), "{:?} {:?}", a.style, a.codes);
}

/// A summary checked with "Did I miss anything?" is a summary, not a closed question (the guide: a
/// checked reflection is a reflection), and asking owns no feeling ("Did I miss anything?" is no
/// I-statement of missing someone); "I miss you." still is one.
#[test]
fn did_i_miss_anything_checks_a_summary() {
    let a = run(
        "So, let me pull this together. You and Tom both want the kids to feel secure, you want to go \
         back to work full-time, he wants you at home until the youngest starts school, and every time \
         it comes up it ends in days of silence. And now it feels stuck. Did I miss anything?",
        Some("...and I suppose that's where we are. Stuck."),
        T,
    );
    assert!(a.has(Code::Summary), "{:?}", a.codes);
    assert!(!a.has(Code::ClosedQuestion), "{:?}", a.codes);
    assert!(!a.has(Code::IStatement), "{:?}", a.codes);
    expect(
        C,
        &[(
            "Did I miss anything? I had to leave early.",
            Some("How was the party?"),
        )],
        &[],
        &[Code::IStatement],
    );
    expect(
        C,
        &[("I miss you.", Some("You never call any more."))],
        &[Code::IStatement],
        &[],
    );
}

/// Kindly disputing a share of blame ("It's not all yours to carry.") is the guide's reassurance, and
/// gladness counted in repeats ("happy to do it for the 5th time in a row 🙂") is sarcasm; gladness
/// the first time is not.
#[test]
fn not_all_yours_to_carry_and_gladness_counted_in_repeats() {
    expect(
        T,
        &[(
            "It's not all yours to carry. It takes two people.",
            Some("It's my fault the marriage fell apart. I was never home."),
        )],
        &[Code::Reassurance],
        &[],
    );
    expect(
        C,
        &[(
            "no worries at all, happy to do it for the 5th time in a row 🙂",
            Some("Can't make Mum's appointment again, sorry, work's mental."),
        )],
        &[Code::Sarcasm],
        &[],
    );
    expect(
        C,
        &[(
            "I'm so happy to see you for the first time in months.",
            Some("I'm back home for Christmas!"),
        )],
        &[],
        &[Code::Sarcasm, Code::Contempt],
    );
}

/// Hesitation sounds are no words to the patterns: "Would you, um, tell me about one of those
/// Sundays?" is the open question it is without the "um" (a transcribed turn's was a closed question
/// and a request), while a client's "um" still hedges what they ask.
#[test]
fn fillers_do_not_break_the_words_around_them() {
    expect(
        T,
        &[
            (
                "Would you, um, tell me about one of those Sundays?",
                Some("We used to do the crossword together every Sunday."),
            ),
            (
                "So, uh, how did that go?",
                Some("I finally rang my sister."),
            ),
        ],
        &[Code::OpenQuestion],
        &[Code::ClosedQuestion, Code::Request],
    );
    let text = "um, could you maybe, uh, help a bit with the bills?";
    let a = run(text, Some("Is everything alright?"), C);
    assert!(a.has(Code::Hedging), "{:?}", a.codes);
    assert!(
        a.evidence
            .iter()
            .any(|e| e.code == Code::Hedging && &text[e.start..e.end] == "um"),
        "{:?}",
        a.evidence
    );
}

/// Warnings of what a plan will cost and "I'd really encourage you to…" push: persuading and advice
/// (DOMAIN §2), not information or a reflection.
#[test]
fn warnings_and_encouragement_to_act_persuade() {
    expect(
        T,
        &[(
            "If you keep drinking like this, you're going to lose your licence and probably your job with it.",
            None,
        )],
        &[Code::Persuade],
        &[Code::SimpleReflection, Code::ComplexReflection],
    );
    expect(
        T,
        &[(
            "It's entirely up to you, but I'd really encourage you to tell your GP about the chest pains.",
            None,
        )],
        &[Code::Advice],
        &[],
    );
    // Going on as before is no warning: "If you keep going like this, you'll get there."
    expect(
        T,
        &[(
            "If you keep going like this, you'll get there.",
            Some("I've walked every day this week."),
        )],
        &[],
        &[Code::Persuade],
    );
}

/// A hesitation between commas inside a sentence belongs to the hesitation, not to a new clause: "A
/// lot of people, uh, find…" is no order to find anything. A restart ("Have you, um, have you
/// thought…") and a question word after it ("…so, um, how…") still begin a clause.
#[test]
fn a_hesitation_between_commas_does_not_start_a_clause() {
    expect(
        T,
        &[(
            "Um, yeah, it's really common, actually. A lot of people, uh, find there's one room they just can't face for months.",
            Some("Is it normal that I still can't go into his room? It's been four months."),
        )],
        &[Code::GivingInformation],
        &[Code::Advice, Code::Persuade],
    );
    expect(
        T,
        &[(
            "Hmm. Have you, um, have you thought about joining a running club?",
            Some("I haven't really spoken to anyone outside work in months."),
        )],
        &[Code::Advice],
        &[],
    );
    // A question word after the hesitation keeps its clause start ("…weeks, um, how's…" asks).
    expect(
        T,
        &[(
            "Right, six weeks, um, how's it been for you?",
            Some("I've been off the tools six weeks now since the back surgery."),
        )],
        &[Code::OpenQuestion],
        &[Code::ClosedQuestion],
    );
    // A discourse marker after the hesitation does not give the next word its clause start back.
    expect(
        T,
        &[(
            "A lot of people, uh, also find there's one room they can't face for months.",
            Some("Is it normal that I still can't go into his room?"),
        )],
        &[],
        &[Code::Advice, Code::Persuade],
    );
}

/// The guide's round 30: "Can you think of a time…?" invites a story, and so do "Can I ask what…?"
/// and "I guess I'm wondering how…"; "I'd like to hear your side" invites it and owns no feeling.
#[test]
fn invitations_worded_as_asks_are_open_questions() {
    expect(
        T,
        &[
            ("Can you think of a time when you felt close to him?", None),
            (
                "can i ask what youve got in mind for saturday?",
                Some("i've arranged something with my ex for saturday"),
            ),
            (
                "I guess I'm wondering how you've been coping since the funeral.",
                Some("It's been a strange few weeks."),
            ),
            (
                "I'm just curious, um, how you're feeling about it now.",
                Some("I'm not going to the anniversary mass."),
            ),
        ],
        &[Code::OpenQuestion],
        &[Code::ClosedQuestion],
    );
    expect(
        T,
        &[(
            "id like to hear your side of it first",
            Some("My brother says I'm being selfish about Mum's house."),
        )],
        &[],
        &[Code::IStatement],
    );
    // "How old…" asks for a fact.
    expect(
        T,
        &[("May I ask how old he is?", None)],
        &[Code::ClosedQuestion],
        &[],
    );
}

/// Counter-evidence set against what was said is a confront (the guide's round 30), and so is "come
/// off it"; a reflection of a discrepancy with no doubt in it is not.
#[test]
fn counter_evidence_and_come_off_it_confront() {
    expect(
        T,
        &[
            (
                "That doesn't match what you said at the start of the session.",
                None,
            ),
            (
                "come off it, you were breathalysed over the limit last month",
                Some("i dont think the drinking is really a problem"),
            ),
        ],
        &[Code::Confront],
        &[Code::SimpleReflection],
    );
}

/// "You've got to cut down" and "I'd strongly suggest…" advise; "take care x" signs off; "how about
/// you?" asks back, where "how about setting up…" suggests; and "so you don't have to look at…" is a
/// purpose, not the choice handed back.
#[test]
fn advice_said_plainly_and_its_look_alikes() {
    expect(
        T,
        &[
            (
                "Look, I have to be honest with you, you've got to cut down.",
                Some("My wife wants me to cut down, but I don't see what all the fuss is about."),
            ),
            (
                "It's your choice, of course, but I'd strongly suggest telling your GP about the panic attacks.",
                None,
            ),
            (
                "how about setting up a video call night with him, same time every week?",
                Some("my partner moved abroad for work and i get so lonely in the evenings"),
            ),
        ],
        &[Code::Advice],
        &[],
    );
    expect(
        T,
        &[
            (
                "anytime!! take care of urself x",
                Some("thank you so much for listening tonight, i feel a bit lighter"),
            ),
            ("im good thanks! how about u?", Some("how are you today?")),
        ],
        &[],
        &[Code::Advice, Code::Persuade],
    );
    // Advice before the sign-off still stands.
    expect(
        T,
        &[(
            "maybe leave the clothes for now, or just do one drawer on a day you feel stronger. take care x",
            Some("I've started going through her clothes but I just end up sitting on the floor."),
        )],
        &[Code::Advice],
        &[],
    );
    expect(
        T,
        &[(
            "You're making your husband the villain so you don't have to look at your own part in it.",
            None,
        )],
        &[],
        &[Code::EmphasizingAutonomy],
    );
    // The choice handed back mid-sentence still is autonomy.
    expect(
        T,
        &[(
            "I mean you don't have to decide today, it's a big step.",
            Some("I don't know if I'm ready to sell the house."),
        )],
        &[Code::EmphasizingAutonomy],
        &[],
    );
    expect(
        T,
        &[(
            "Take care. x",
            Some("thanks for tonight, I'm going to try and sleep"),
        )],
        &[],
        &[Code::Advice, Code::Persuade],
    );
    // Nor is a client's own counter-evidence, or a job that did not match what was hoped, a confront.
    expect(
        C,
        &[(
            "the job didn't match what you were hoping for, I know",
            Some("I really thought this one would be different."),
        )],
        &[],
        &[Code::Confront],
    );
}

/// "I'm sick of you…" attacks in a feeling's words; "I feel like we should…" gives an opinion; "I end
/// up feeling like an afterthought" owns a feeling; "please don't apologise" reassures and asks for
/// nothing; "just leave it" to a worried parent shuts the talk down; "ul" is "you'll".
#[test]
fn feelings_that_attack_opinions_and_brush_offs() {
    expect(
        C,
        &[(
            "I'm sick of you pulling this every time I bring something up",
            Some("Can we not do this tonight?"),
        )],
        &[Code::Criticism],
        &[Code::IStatement],
    );
    expect(
        C,
        &[(
            "When you make plans for both of us without checking, I end up feeling like an afterthought. Next time could you run it past me first?",
            Some("What's up? You've had a face on since I got in."),
        )],
        &[Code::IStatement, Code::Request],
        &[],
    );
    expect(
        C,
        &[(
            "i feel like we should sell it tbh, nobody drives it",
            Some("Do you reckon we should sell Dad's car or keep it?"),
        )],
        &[],
        &[Code::IStatement],
    );
    expect(
        T,
        &[(
            "please dont apologise, thats literally what im here for",
            Some("sorry for dumping all of this on you"),
        )],
        &[Code::Reassurance],
        &[Code::Request],
    );
    expect(
        C,
        &[(
            "Just leave it, Mum.",
            Some("Your father and I are worried, you haven't left the flat in weeks."),
        )],
        &[Code::Stonewalling],
        &[],
    );
    // Caring words are not an attack, and "just leave it" as advice to a friend shuts nothing down.
    expect(
        C,
        &[(
            "I'm tired of you putting yourself down all the time, you're brilliant at your job.",
            Some("I'm useless, I'll never get promoted."),
        )],
        &[],
        &[Code::Criticism],
    );
    expect(
        C,
        &[(
            "Just leave it, he's not worth it.",
            Some("I'm going to go round there and have it out with him."),
        )],
        &[],
        &[Code::Stonewalling],
    );
    expect(
        T,
        &[(
            "ul be fine, everyones nervous their first week",
            Some("starting my new job on monday and im so nervous"),
        )],
        &[Code::Reassurance],
        &[],
    );
}
