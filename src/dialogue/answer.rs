//! What a typed reply is as an answer, read from its words alone: a sentence, a bare stock phrase ("I hear you"), or a request for help meant for the app, not the other person.

use crate::scoring::RuleScorer;
use crate::scoring::text;
use crate::scoring::tips::without_stage_directions;
use crate::scoring::unanswerable::plain_words as words;

/// The fewest words a reply needs to be an answer where no route names its codes.
pub const ANSWER_MIN_WORDS: usize = 4;

/// The most words a bare reply ([`is_bare`]) may have.
pub const BARE_MAX_WORDS: usize = 6;

/// Whether a reply is a sentence, not a bare word or two: [`ANSWER_MIN_WORDS`] words with a letter.
pub(super) fn says_something(text: &str) -> bool {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count()
        >= ANSWER_MIN_WORDS
}

/// Everyday English words that almost any sentence has two of ("it's been really hard…", "work has
/// been crushing me"), and four words of gibberish have none of; "u" and "ur" are chat spellings of
/// two of them ("do u ever think about ending ur life" had read as no sentence).
const FUNCTION_WORDS: [&str; 49] = [
    "i", "im", "ive", "id", "me", "my", "you", "u", "your", "ur", "youre", "we", "he", "she",
    "they", "it", "its", "the", "a", "an", "to", "of", "and", "but", "so", "in", "on", "for",
    "with", "is", "was", "are", "be", "been", "have", "has", "had", "do", "not", "that", "this",
    "just", "her", "his", "him", "them", "our", "hes", "shes",
];

/// Words that mark a sentence typed in passing ("aquarium sounds fun tbh" had met "Sorry, I don't
/// understand"), counted with
/// [`FUNCTION_WORDS`] when reading whether a reply is a sentence, not when reading whether it is bare
/// (there "like" would make "It sounds like you are." a bare phrase).
const PASSING_WORDS: [&str; 6] = ["like", "sounds", "thats", "lol", "tbh", "really"];

/// Whether a reply reads as an English sentence: two of its words or more are [`FUNCTION_WORDS`] or
/// [`PASSING_WORDS`] (any case, apostrophes dropped); or one is, in [`ANSWER_MIN_WORDS`] words or
/// more of which at most one has no vowel. Names and typos carry the rest of a short sentence ("tita
/// luz can drive u", "its onyl 2 yrs nanay" had met "I'm not following"; a twelfth play test), where
/// keys struck at random have no vowels ("dffsd sdfk qwpo zzt").
pub(super) fn reads_as_a_sentence(text: &str) -> bool {
    let (mut n, mut function, mut unsayable) = (0, 0, 0);
    for w in words(text) {
        n += 1;
        if FUNCTION_WORDS.contains(&w.as_str()) || PASSING_WORDS.contains(&w.as_str()) {
            function += 1;
        } else if w.chars().any(char::is_alphabetic) && !w.contains(['a', 'e', 'i', 'o', 'u', 'y'])
        {
            unsayable += 1;
        }
    }
    function >= 2 || (function == 1 && n >= ANSWER_MIN_WORDS && unsayable <= 1)
}

/// Words that acknowledge, agree, apologise, thank, sympathise or ask without saying what about: a
/// reply made of these alone ("I hear you", "yeah fair", "sorry", "that's a lot", "that must be hard",
/// "why?", "what do you mean?", "I understand how you feel", "my bad") names nothing the other person said or
/// did. Typed at every turn, "that must be hard" had won four scenarios of 24 (three seeds each) and
/// "why" one; "same", read as an I-statement, took under-my-feet's route for saying how one feels (an
/// eighteenth play test).
#[rustfmt::skip]
const STOCK_WORDS: [&str; 79] = [
    "hear", "heard", "understand", "understood", "fair", "enough", "sense", "makes", "make", "get",
    "got", "gotcha", "see", "sorry", "soz", "sry", "apologies", "thanks", "thank", "thx", "ty",
    "cheers", "ok", "okay", "okey", "k", "kk", "yeah", "yea", "ya", "yes", "yep", "yup", "aye",
    "right", "sure", "true", "totally", "absolutely", "agree", "agreed", "alright", "noted",
    "point", "lot", "know", "exactly", "indeed", "definitely", "course", "valid", "understandable",
    "hmm", "mm", "mmm", "feel", "must", "hard", "tough", "rough", "difficult", "sucks", "awful",
    "terrible", "why", "what", "how", "mean", "sounds", "ouch", "oof", "yikes", "damn", "wow",
    "gosh", "jeez", "and", "same", "too",
];

/// Words that carry nothing of their own in a short reply: fillers and intensifiers ("well, sorry",
/// "really sorry"); with the words of address ([`ADDRESS_WORDS`]) and the scenario's own character
/// names, the empty words of [`is_empty_word`].
#[rustfmt::skip]
const EMPTY_WORDS: [&str; 16] = [
    "hm", "ah", "oh", "uh", "um", "well", "really", "very", "much", "tbh", "all", "there",
    "thats", "honestly", "lol", "haha",
];

/// Words of address, empty in a short reply ([`is_empty_word`]) and set aside in an echo
/// ([`is_echo`]): "sorry, mum", "He cycled, mate."
#[rustfmt::skip]
const ADDRESS_WORDS: [&str; 28] = [
    "mum", "mom", "mam", "mama", "mummy", "mommy", "ma", "dad", "daddy", "papa", "pa", "ba",
    "umma", "eomma", "appa", "nanay", "tatay", "nan", "nana", "gran", "granny", "mate", "hun",
    "darling", "bro", "sis", "dude", "man",
];

/// Whether a word carries nothing of its own in a short reply: a filler or intensifier
/// ([`EMPTY_WORDS`]) or a word of address ([`ADDRESS_WORDS`]).
fn is_empty_word(w: &str) -> bool {
    EMPTY_WORDS.contains(&w) || ADDRESS_WORDS.contains(&w)
}

/// Whether a reply is a bare stock phrase: at most [`BARE_MAX_WORDS`] words, each an acknowledging,
/// agreeing, apologising or thanking word ([`STOCK_WORDS`]), an everyday function word, a filler or
/// word of address ([`is_empty_word`]) or one of `names` (the people in the scenario), with at least
/// one stock word. "I hear
/// you", "yeah fair", "sorry", "ok sorry", "thank you so much" and "that's a lot" are bare; "I'm sorry
/// for your loss", "you miss her" and "what happened?" are not.
///
/// A bare reply can hold a strength ("I hear you" acknowledges a view, "sorry" takes responsibility),
/// but it says nothing of what was heard or owned: a conversation takes no route for that strength.
pub fn is_bare(text: &str, names: &[String]) -> bool {
    let mut n = 0;
    let mut stock = false;
    // "my bad" is a stock apology; "bad" alone is not a stock word ("I feel bad" says how one feels).
    let mut after_my = false;
    for w in words(text) {
        n += 1;
        if n > BARE_MAX_WORDS {
            return false;
        }
        let w = w.as_str();
        let my_bad = after_my && w == "bad";
        after_my = w == "my";
        if STOCK_WORDS.contains(&w) || my_bad {
            stock = true;
        } else if !(FUNCTION_WORDS.contains(&w)
            || is_empty_word(w)
            || names.iter().any(|name| name == w))
        {
            return false;
        }
    }
    stock
}

/// Words that ask for more and say nothing of what was said: a minimal encourager ("go on", "tell me
/// more about that", "keep talking", "what else?", "say a bit more") is made of these and
/// [`is_empty_word`] words alone, with one of [`ENCOURAGER_HEADS`]. No "I" and no "not": "I'm not
/// going." is a limit, not an invitation (a maintainer's read).
#[rustfmt::skip]
const ENCOURAGER_WORDS: [&str; 34] = [
    "go", "on", "keep", "going", "tell", "more", "carry", "continue", "then", "what", "else",
    "listening", "ahead", "say", "please", "ok", "okay", "mhm", "hmm", "huh", "mm", "talking",
    "about", "it", "that", "this", "me", "you", "u", "and", "so", "to", "a", "bit",
];

/// The words that make a reply of [`ENCOURAGER_WORDS`] an invitation to go on: "what else?" asks for
/// more, "ok then" and "what?" do not.
#[rustfmt::skip]
const ENCOURAGER_HEADS: [&str; 9] = [
    "going", "more", "carry", "continue", "else", "listening", "ahead", "go", "talking",
];

/// The most words a minimal encourager ([`is_encourager`]) has.
const ENCOURAGER_MAX_WORDS: usize = 6;

/// Whether a reply is a minimal encourager alone: at most [`ENCOURAGER_MAX_WORDS`] words of
/// [`ENCOURAGER_WORDS`] and empty words, with one of [`ENCOURAGER_HEADS`] ("go on", "tell me more
/// about that", "keep going", "please continue"; not "go on then, do the dishes", "what happened?" nor
/// "I'm not going."). The guide codes it an open question: it asks for more. Once, it
/// keeps the story going; typed again at the next prompt, it answers nothing said since
/// ([`crate::dialogue::Runner`]'s thin replies).
pub fn is_encourager(text: &str) -> bool {
    let mut n = 0;
    let mut head = false;
    let mut then = false;
    for w in words(text) {
        n += 1;
        let w = w.as_str();
        if n > ENCOURAGER_MAX_WORDS || !(ENCOURAGER_WORDS.contains(&w) || is_empty_word(w)) {
            return false;
        }
        // "and then what?" asks for more as "what else?" does (a thirty-third play test).
        head |= ENCOURAGER_HEADS.contains(&w) || (then && w == "what");
        then = w == "then";
    }
    head
}

/// Words of the formulas a practised user types at any line ("So what I'm hearing is you feel sad
/// and I understand and I appreciate you.", "I hear you. I feel sad when that happens. Could we talk
/// about it?", "That sounds really hard. Tell me more."): the listening and asking stems, a few
/// feelings and the words that point back at nothing in particular ("that happens", "about it").
#[rustfmt::skip]
const FORMULA_WORDS: [&str; 75] = [
    "hearing", "appreciate", "appreciated", "talk", "talking", "happens", "happened", "happening", "plan",
    "when", "about", "could", "can", "would", "we", "us", "more", "tell", "say", "saying", "sad",
    "upset", "hurt", "angry", "frustrated", "worried", "scared", "sound", "like", "seems", "seem",
    "feeling", "feelings", "feels", "felt", "situation", "going", "through", "now", "at", "all",
    "am", "if", "please", "want", "need", "share", "listening", "listen", "care", "support",
    "valid", "important", "together", "moment", "matter", "here", "there", "always", "things",
    "anything", "something", "does", "else", "proud", "value", "valued", "amazing", "strong",
    "brave", "admire", "respect", "awesome", "wonderful", "incredible",
];

/// Words of [`FORMULA_WORDS`] and [`STOCK_WORDS`] that, found in the line answered too, say back
/// something of it: its feeling ("sad" to "I'm so sad about Danny") or its wish to talk.
#[rustfmt::skip]
const TIE_WORDS: [&str; 15] = [
    "sad", "upset", "hurt", "angry", "frustrated", "worried", "scared", "hard", "tough", "rough",
    "difficult", "awful", "terrible", "talk", "talking",
];

/// The fewest words a generic reply ([`is_generic`]) has: a short "You feel sad." may be a guess at
/// what was not said, a reflection however thin.
pub const GENERIC_MIN_WORDS: usize = 8;

/// Whether a reply is a formula that would fit any line: [`GENERIC_MIN_WORDS`] words or more, or two
/// sentences of six words or more, made only of stock, formula, everyday function and empty words
/// and the scenario's names said to someone, drawing on two of the [`FORMULA_FAMILIES`] at least,
/// naming no one it speaks of ("about Ma", "what was he like?") and saying back no feeling or wish to
/// talk of `line` (the one answered: [`TIE_WORDS`]). "So what I'm hearing is you feel sad and I
/// understand and I appreciate you." and "I hear you. I feel sad when that happens. Could we talk
/// about it?" are generic wherever they are typed (a twenty-sixth play test typed them at every
/// prompt of all 24 scenarios and reached every good ending); "I feel sad when you cancel on me.
/// Could we talk about it?" names what happened, and "You feel sad about it." after "I'm so sad about
/// Danny" says back their word. Of the 46,515 labelled replies in `data/items`, 43 are generic (26
/// that are not bare stock phrases), each a stock line of sympathy, thanks, apology or praise ("I am
/// so sorry to hear that i understand how you are feeling", "would you like to share? I would really
/// like to listen", "you're amazing!! so proud of you hun").
///
/// Like a bare reply ([`is_bare`]) it can hold a strength in the scorer's reading, but it says
/// nothing of what was heard: a conversation takes no route for that strength.
pub fn is_generic(text: &str, line: &str, names: &[String]) -> bool {
    stacks_formulas(text, line, names) || guesses_a_broad_feeling(text, line, names)
}

/// Whether a reply holds a template's blanks in place of what happened: a capital X, Y or Z standing
/// alone ("I feel X when you Y because Z", "how about we X?"), a blank ("___", "[feeling]",
/// "<name>", two ellipses in a template's frame: [`ellipsis_blanks`]), a feeling no one could name ("I feel feelings", "u feel things", "you feel stuff") or
/// the name of the skill in place of using it ("I feel I statement could you please…"). A thirtieth
/// play test's gaming user reached all fourteen client scenarios' good endings with such lines.
pub fn has_placeholder(text: &str) -> bool {
    // Words keep "&" and "-" inside them: "M&S", "A-levels", "T-shirt", "C-section" are no lone
    // letters (a third read).
    let raw: Vec<&str> = text
        .split(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '\u{2019}' | '&' | '-')))
        .filter(|w| !w.is_empty())
        .collect();
    // A blank letter (a capital standing alone, not "I"; "A" only where a frame wants it): two of
    // them, or one where the template's frame wants one ("how about we X", "I feel B", "because Z").
    // "Love you X", "My X used to…", "when Z was staying" and "plan B" are a kiss, an ex, an initial
    // and a plan (two maintainer's reads; a thirty-first play test's "I feel A when you B because C").
    // Not "U" (text for "you"), nor a letter after "a"/"an" ("I got a B in maths and a C in
    // English"), and framed only where a template wants a blank ("how about we X", "please Z",
    // "about A", "do B", "feel X"); "because J was here" names someone (a third read).
    let letter = |w: &str| {
        w.len() == 1 && w.bytes().all(|b| b.is_ascii_uppercase()) && !matches!(w, "I" | "U")
    };
    let after_article =
        |i: usize| i > 0 && matches!(raw[i - 1].to_lowercase().as_str(), "a" | "an");
    let blanks = (0..raw.len())
        .filter(|&i| letter(raw[i]) && raw[i] != "A" && !after_article(i))
        .count();
    let framed = raw.windows(2).any(|p| {
        letter(p[1])
            && matches!(
                p[0].to_lowercase().as_str(),
                "we" | "about" | "please" | "do" | "feel"
            )
    });
    if blanks >= 2 || framed {
        return true;
    }
    // A blank to fill: "___", or a template's slot in brackets ("[feeling]", "<name>"), not a stage
    // direction ("[sighs]").
    let slot = |open: char, close: char| {
        text.split(open).skip(1).any(|rest| {
            rest.split_once(close).is_some_and(|(inside, _)| {
                let inside = inside.trim().to_lowercase();
                inside.starts_with("insert ")
                    || matches!(
                        inside.as_str(),
                        "feeling"
                            | "feelings"
                            | "emotion"
                            | "name"
                            | "action"
                            | "behaviour"
                            | "behavior"
                            | "need"
                            | "request"
                            | "thing"
                            | "x"
                            | "y"
                            | "z"
                    )
            })
        })
    };
    if text.contains("___")
        || slot('[', ']')
        || slot('<', '>')
        || slot('(', ')')
        || ellipsis_blanks(text) >= 2
    {
        return true;
    }
    // A feeling no one could name, ending its sentence ("I feel feelings.", "u feel things"; not "I
    // feel things too, Umma." or "It's okay to feel things right now"), or the skill's name after
    // "feel" ("I feel I statement…").
    text.split(['.', '!', '?', ';', '\n']).any(|sentence| {
        let w: Vec<String> = words(sentence).collect();
        let n = w.len();
        let feels = |i: usize| matches!(w[i].as_str(), "feel" | "feels" | "feeling" | "felt");
        // "feelings" and "stuff" are empty wherever the feeling goes ("I feel stuff when you do
        // things"); "things" only ending the sentence ("I feel things too, Umma." says something).
        (n >= 2
            && feels(n - 2)
            && matches!(
                w[n - 1].as_str(),
                "feelings" | "things" | "stuff" | "emotions"
            ))
            || (0..n.saturating_sub(2)).any(|i| {
                feels(i)
                    && (matches!(w[i + 1].as_str(), "feelings" | "stuff" | "emotions")
                        && matches!(
                            w[i + 2].as_str(),
                            "when" | "because" | "about" | "if" | "and"
                        )
                        || (w[i + 1] == "i"
                            && matches!(w[i + 2].as_str(), "statement" | "statements")))
            })
    })
}

/// The blanks of a template written with ellipses ("I feel … when …; could we …?", the shape the app's
/// own hint gives; a thirty-second play test pasted it and reached the-plot-next-door's good ending):
/// an ellipsis after one of the template's frame words ("feel", "when", "we", "because"…) with
/// nothing after it but punctuation, the end, or the next frame word. A speaker trailing off ("I
/// feel... I don't know, when you... when you said that") leaves none: each ellipsis there is followed
/// by words of their own.
fn ellipsis_blanks(text: &str) -> usize {
    #[rustfmt::skip]
    const BEFORE: [&str; 14] = [
        "feel", "feeling", "feels", "felt", "when", "we", "you", "because", "about", "need", "please",
        "could", "like", "want",
    ];
    const AFTER: [&str; 6] = ["when", "because", "could", "can", "would", "will"];
    let mut blanks = 0;
    // Spaced dots (". . .") and the two-dot and midline ellipses are ellipses too.
    let text = text
        .replace(". . .", "\u{2026}")
        .replace(['\u{2025}', '\u{22ef}'], "\u{2026}");
    let mut rest = text.as_str();
    while let Some(i) = rest.find(['…', '.']) {
        let (before, from) = rest.split_at(i);
        let dots = from
            .char_indices()
            .take_while(|&(_, c)| c == '…' || c == '.')
            .last()
            .map_or(0, |(j, c)| j + c.len_utf8());
        let mark = &from[..dots];
        rest = &from[dots..];
        if !(mark.contains('…') || mark.len() >= 3) {
            continue;
        }
        let prev = before
            .split(|c: char| !c.is_alphanumeric())
            .rfind(|w| !w.is_empty())
            .unwrap_or("")
            .to_lowercase();
        let next = rest.trim_start();
        let next_word: String = next
            .chars()
            .take_while(|c| c.is_alphanumeric())
            .collect::<String>()
            .to_lowercase();
        // "when... when you say that" picks its words up again: a pause, not a blank.
        let open_after =
            next_word.is_empty() || (AFTER.contains(&next_word.as_str()) && next_word != prev);
        if BEFORE.contains(&prev.as_str()) && open_after {
            blanks += 1;
        }
    }
    blanks
}

/// The stacked formula of [`is_generic`]: stock, formula and function words alone, drawing on two
/// [`FORMULA_FAMILIES`], long enough to be more than a short guess.
fn stacks_formulas(text: &str, line: &str, names: &[String]) -> bool {
    let said: Vec<String> = words(&without_stage_directions(line)).collect();
    let mut n = 0;
    // Which of the formula's families the reply draws on ([`FORMULA_FAMILIES`]).
    let mut families = [false; 5];
    let mut before = String::new();
    // Where a word of the line was dropped into the formula, if one was.
    let mut pasted: Option<usize> = None;
    let mut praise_words = 0;
    for w in words(text) {
        n += 1;
        let w = w.as_str();
        // "everything" after praise is what praise names when it names nothing ("…proud of
        // everything you do"); after "I do" it is a grievance.
        let formula = STOCK_WORDS.contains(&w)
            || FORMULA_WORDS.contains(&w)
            || (w == "everything" && praise_words > 0);
        // A name or word of address is empty said to someone ("I hear you, Ba"), not said of
        // someone ("Can we talk about Ma?": in a grief scenario that is the subject).
        let named = ADDRESS_WORDS.contains(&w) || names.iter().any(|x| x == w);
        let of_someone = named
            && matches!(
                before.as_str(),
                "about"
                    | "with"
                    | "for"
                    | "to"
                    | "of"
                    | "from"
                    | "miss"
                    | "missing"
                    | "love"
                    | "without"
                    | "and"
                    | "your"
                    | "my"
                    | "our"
            );
        // So is a person spoken of ("tell me about him, what was he like?").
        let someone = matches!(
            w,
            "he" | "him" | "his" | "she" | "her" | "hers" | "they" | "them"
        );
        let function =
            FUNCTION_WORDS.contains(&w) || EMPTY_WORDS.contains(&w) || (named && !of_someone);
        if someone {
            return false;
        }
        if !(formula || function) {
            // One word of the line dropped into the formula where a feeling goes is no feeling of
            // theirs said back ("So what I'm hearing is you feel noodles and I understand and I
            // appreciate you.", or "So, booked. That sounds really hard. Tell me more."): a
            // twenty-sixth play test's re-test took routes written for reflections with both. A
            // feeling, a word anywhere else ("Tell me more about the garden"), or a second word of
            // one's own is content.
            // Their own feeling, in a lexicon or not, is what they said after "feel", "I'm" or "so"
            // ("Honestly I'm gutted." → "You must feel gutted…": a maintainer's read).
            // After "I'm" or "so" only a word in "-ed" is taken for one ("I'm rushing" is doing).
            let their_feeling = said.windows(2).any(|p| {
                p[1] == w
                    && (matches!(p[0].as_str(), "feel" | "felt" | "feeling")
                        || (matches!(p[0].as_str(), "im" | "am" | "so" | "was")
                            && w.ends_with("ed")))
            });
            let dropped_in = pasted.is_none()
                && !named
                && !their_feeling
                && said.iter().any(|x| x == w)
                && matches!(
                    before.as_str(),
                    "feel" | "feeling" | "feels" | "felt" | "so"
                )
                && !RuleScorer::builtin().mentions_lexicon(w, &["feelings"]);
            if !dropped_in {
                return false;
            }
            pasted = Some(n);
        }
        before = w.to_string();
        // A feeling of theirs said back ("sad" to "I'm so sad") ties the reply to the line.
        if TIE_WORDS.contains(&w) && said.iter().any(|x| x == w) {
            return false;
        }
        for (k, family) in FORMULA_FAMILIES.iter().enumerate() {
            families[k] |= family.contains(&w);
        }
        praise_words += usize::from(PRAISE.contains(&w));
    }
    let sentences = text
        .split_inclusive(['.', '!', '?'])
        .filter(|s| s.chars().any(char::is_alphabetic))
        .count();
    // The formula around a dropped-in word must be one on its own. Praise stacked on praise ("I
    // value you so much and I'm proud of everything you do.") stacks as two families do.
    let n = n - usize::from(pasted.is_some());
    let stacked_praise = usize::from(praise_words >= 2);
    families.iter().filter(|&&f| f).count() + stacked_praise >= 2
        && (n >= GENERIC_MIN_WORDS || (sentences >= 2 && n >= 6))
}

/// Feelings so broad they fit any trouble ("overwhelmed", "hurting", "struggling", "a lot"): a guess
/// made of one of these names nothing of what was said.
#[rustfmt::skip]
const UMBRELLA_FEELINGS: [&str; 23] = [
    "overwhelmed", "overwhelming", "hurting", "struggling", "stressed", "stressful", "pain",
    "painful", "lot", "hard", "tough", "difficult", "rough", "heavy", "upset",
    // A weight on them, in so many words ("It seems like this has been weighing on you for a
    // while.", "Sounds like this has been on your mind for a long time.": a twenty-eighth play
    // test's kit, each line taking the author's route at 48 of 73 prompts), and "alot" as typed.
    "weighing", "weighed", "weigh", "mind", "burden", "alot",
    // That something matters, said of "this" ("It sounds like this really matters to you.").
    "matters", "important",
];

/// Words a guess at a feeling is dressed in besides stock, formula and function words ("It sounds
/// like everything is pretty overwhelming for you lately").
#[rustfmt::skip]
const GUESS_WORDS: [&str; 38] = [
    "everything", "quite", "pretty", "bit", "little", "kind", "sort", "lately", "today", "these",
    "days", "yourself", "seeing", "sensing", "guessing", "imagine", "bet", "while", "long",
    "time", "by", "ages", "recently",
    // Chat spellings ("sounds lik ur goin thru alot rn" took two good endings).
    "lik", "goin", "thru", "rn", "feelin", "tho",
    // The placeholders of a two-sided template ("Part of you wants one thing, and part of you
    // wants something else.").
    "part", "wants", "one", "thing", "other",
    // "…there's a lot more going on underneath all of this."
    "theres", "underneath", "beneath", "surface",
];

/// Word beginnings in the line answered that a broad feeling says back ("I can't cope, it's all too
/// much" is fairly heard as overwhelmed): distress in the line's own words.
#[rustfmt::skip]
const DISTRESS_IN_LINE: [&str; 30] = [
    "overwhelm", "cope", "coping", "hurt", "struggl", "stress", "pain", "hard", "tough",
    "difficult", "rough", "heavy", "upset", "exhaust", "tired", "drown", "cry", "crying", "broke",
    "falling", "lost", "mess", "awful", "terrible", "miserable", "miss", "missed", "missing",
    "alone", "empty",
];

/// Whether `w` (a plain word of the line answered) states distress: a [`DISTRESS_IN_LINE`] word, as a
/// beginning where it has five letters or more ("overwhelmed", "struggling"), whole or with an "s"
/// where shorter ("pain" is not "painting"). [`guesses_a_broad_feeling`] also reads "too much" as a
/// pair and the built-in `negative_feelings` and `losses` lexicons ("lonely", "gone", "passed away":
/// a maintainer's read found "That sounds so painful." to "I'm so lonely since she died." read as a
/// formula).
fn states_distress(w: &str) -> bool {
    DISTRESS_IN_LINE.iter().any(|d| {
        if d.len() >= 5 {
            w.starts_with(d)
        } else {
            w == *d || w.strip_suffix('s') == Some(d) || (*d == "pain" && w == "painful")
        }
    })
}

/// Whether a reply only guesses at a feeling so broad it fits any trouble: its one feeling is an
/// [`UMBRELLA_FEELINGS`] word, said to the listener ("you"), or of "that" / "it", behind a stem ("It
/// sounds like you're feeling overwhelmed.", "It sounds like you're really hurting right now.",
/// "That sounds so painful."), with no word of its own besides stock, formula, function and
/// [`GUESS_WORDS`] and none of the line's distress ([`DISTRESS_IN_LINE`]). A twenty-sixth play test's
/// gaming user typed the first two at 48 of 73 prompts of the 24 scenarios and took the route written
/// for a real reflection at each; "overwhelmed" said to a father who had only listed his day ("Wake
/// up, news, noodles, sleep") names nothing he told. The speaker's own feeling ("I'm struggling") is
/// no guess, nor is one that says back a word of distress in the line ("I can't cope any more").
fn guesses_a_broad_feeling(text: &str, line: &str, names: &[String]) -> bool {
    // Distress the line states, not a word of it asked about ("Hard how? We're nearly done.").
    let line = without_stage_directions(line);
    let statements: String = line
        .split_inclusive(['.', '!', '?'])
        .filter(|s| !s.trim_end().ends_with('?'))
        .collect();
    let stated: Vec<String> = words(&statements).collect();
    // "too much" is distress; "thanks so much" is not. (A template's placeholders fit no line.)
    let distress = stated.iter().any(|w| states_distress(w))
        || stated.windows(2).any(|p| p[0] == "too" && p[1] == "much")
        || RuleScorer::builtin().mentions_lexicon(&statements, &["negative_feelings", "losses"]);
    // A question asks rather than guesses ("Would you say this happens a lot?"); "we'll" is the
    // speaker's plan, though its letters are "well".
    let lower = text.to_lowercase().replace('\u{2019}', "'");
    if text.contains('?') || lower.contains("we'") {
        return false;
    }
    // The placeholders of a template's two sides ("one thing… something else") and its feelings.
    let mut placeholders = false;
    let mut feeling = false;
    let mut umbrella = false;
    let mut to_them = false;
    // "part" twice: the two sides of a template that names neither.
    let mut parts = 0;
    // Whether the one broad feeling is "a lot", which says back only a line's own weight of things.
    let mut only_a_lot = true;
    let all: Vec<String> = words(text).collect();
    for (i, w) in all.iter().enumerate() {
        let w = w.as_str();
        let next = all.get(i + 1).map_or("", String::as_str);
        match w {
            // The speaker's own feeling, or a plan of both ("we're struggling"), is no guess at theirs;
            // "I hear…", "I can tell…", "I'm guessing…" only introduce one.
            "i" if !matches!(
                next,
                "hear" | "can" | "understand" | "imagine" | "get" | "see" | "bet" | "guess"
            ) =>
            {
                return false;
            }
            "im" if !matches!(next, "hearing" | "guessing" | "sensing" | "seeing") => {
                return false;
            }
            "me" | "my" | "ive" | "id" | "we" | "us" | "our" => return false,
            // A person spoken of is content ("you're struggling with him").
            "he" | "him" | "his" | "she" | "her" | "hers" | "they" | "them" => return false,
            // A charge is no guess ("why do u always have to make everything so difficult").
            "why" | "always" | "never" => return false,
            _ => {}
        }
        to_them |= matches!(
            w,
            "you" | "youre" | "u" | "ur" | "your" | "that" | "it" | "thats" | "its"
        );
        placeholders |= matches!(w, "thing" | "something" | "else" | "other");
        feeling |= FORMULA_FAMILIES[1].contains(&w);
        parts += usize::from(w == "part");
        // "a lot" is a feeling's size; "You lot." calls people names.
        if UMBRELLA_FEELINGS.contains(&w) && (w != "lot" || i > 0 && all[i - 1] == "a") {
            umbrella = true;
            only_a_lot &= matches!(w, "lot" | "alot");
            continue;
        }
        let named = ADDRESS_WORDS.contains(&w) || names.iter().any(|x| x == w);
        if !(STOCK_WORDS.contains(&w)
            || FORMULA_WORDS.contains(&w)
            || FUNCTION_WORDS.contains(&w)
            || EMPTY_WORDS.contains(&w)
            || GUESS_WORDS.contains(&w)
            || named)
        {
            return false;
        }
    }
    // A template's sides that name feelings say something ("Part of you is angry, and part of you
    // is sad."): only placeholders make it fit anyone.
    // "a lot" names nothing of a grief or a hurt ("I miss him. Thursday comes round…" took
    // thursdays-without-danny's route for a link with "It sounds like you're feeling a lot right
    // now": a thirtieth play test); it says back only a line that is itself about too much.
    // "They'd cope" is not the line's own weight; "I can't cope" is.
    // ("Friday hurt so much" and "I love him so much" are no load: a second maintainer's read.)
    let a_lot_said_back = stated.iter().any(|w| w.starts_with("overwhelm"))
        || stated.windows(2).any(|p| {
            (p[0] == "too" && p[1] == "much")
                || (p[0] == "a" && p[1] == "lot")
                || (matches!(
                    p[0].as_str(),
                    "cant" | "cannot" | "not" | "barely" | "couldnt" | "to"
                ) && matches!(p[1].as_str(), "cope" | "coping"))
        });
    let fits = !distress || (only_a_lot && !a_lot_said_back);
    ((umbrella && fits) || (parts >= 2 && placeholders && !feeling)) && to_them
}

/// The families of words a formula stacks: listening stems, feelings, invitations to talk, thanks
/// and care, and praise. A formula draws on two or more; "I'm worried about you when you say that." (a feeling
/// alone, said to a line that hints at risk) is a plain concern, not a formula.
#[rustfmt::skip]
const FORMULA_FAMILIES: [&[&str]; 5] = [
    // Not the reflection stems: "It sounds like you're really worried about him." guesses at a
    // feeling and stacks nothing.
    &["hear", "heard", "hearing", "understand", "understood", "listening", "listen", "valid",
      "understandable"],
    &["sad", "upset", "hurt", "angry", "frustrated", "worried", "scared", "hard", "tough", "rough",
      "difficult", "awful", "terrible", "feeling", "feelings", "lot"],
    &["talk", "talking", "share", "more", "plan", "together"],
    &["appreciate", "appreciated", "thanks", "thank", "sorry", "care", "support"],
    // Praise that names no strength: "I appreciate you, I value you, and I'm really proud of you."
    // had counted as sunday-with-ba's offer and reached four good endings (a twenty-sixth play
    // test's re-test).
    &PRAISE,
];

/// Praise that names no strength, the last of the [`FORMULA_FAMILIES`]; two of these stack as two
/// families do ("I value you so much and I'm proud of everything you do.").
#[rustfmt::skip]
const PRAISE: [&str; 11] = [
    "proud", "value", "valued", "amazing", "strong", "brave", "admire", "respect", "awesome",
    "wonderful", "incredible",
];

/// Openers that leave what was just said ("So anyway, how's work going?", "Moving on, …",
/// "Changing the subject, …"), lower-cased.
const SUBJECT_CHANGES: [&str; 7] = [
    "anyway",
    "anyways",
    "anyhow",
    "moving on",
    "changing the subject",
    "on another note",
    "on a different note",
];

/// Words that, straight after "anyway", start the question it changes the subject to ("anyway how r
/// the kids").
const QUESTION_STARTS: [&str; 16] = [
    "how", "hows", "how's", "what", "whats", "what's", "did", "have", "are", "is", "do", "r", "u",
    "where", "when", "who",
];

/// Whether a reply opens by leaving what was just said: one of [`SUBJECT_CHANGES`] (after "so",
/// "ok", "well" or "right" at most) set off by a comma, a full stop or a dash, or "anyway" straight
/// before a question ("anyway how r the kids"), with more to say after it. A question after it asks
/// about something else (a twenty-sixth play test's "So anyway, how's work going?" to a man talking
/// about his dead friend took the route for an open question). "Moving on without Danny feels
/// impossible" opens with no such move, and "Anyway, enough about me. How are you?" turns back to
/// them (a maintainer's read). Of the 46,515 labelled replies in `data/items`, 35 open so, and the
/// labellers coded 32 of them stonewalling: the guide's change of subject that dodges.
pub fn changes_subject(text: &str) -> bool {
    let lower = text.trim_start().to_lowercase().replace('\u{2019}', "'");
    let marks = [
        ',', '.', ';', ':', '!', '-', '\u{2014}', '\u{2013}', '\u{2026}',
    ];
    let mut rest = lower.as_str();
    while let Some(after) = [
        "so", "ok", "okay", "well", "right", "um", "uh", "oh", "yeah", "yes",
    ]
    .iter()
    .find_map(|p| {
        rest.strip_prefix(p)
            .filter(|a| a.starts_with(marks) || a.starts_with(' '))
    }) {
        rest = after.trim_start_matches(marks).trim_start();
    }
    SUBJECT_CHANGES.iter().any(|o| {
        let Some(after) = rest.strip_prefix(o) else {
            return false;
        };
        let set_off = after.starts_with(marks);
        let asks = o.starts_with("any")
            && after.starts_with(' ')
            && QUESTION_STARTS.contains(&after.split_whitespace().next().unwrap_or(""));
        let said = after.trim_start_matches(marks).trim_start();
        (set_off || asks)
            && said.chars().any(char::is_alphabetic)
            && !said.starts_with("enough about me")
    })
}

/// Whether a reply leaves the subject without saying so: it is about small talk the scenario never
/// mentions ([`RuleScorer::topics`]: "film", "traffic", "breakfast", "sing") and about nothing else
/// but what `known` holds (the runner's: every word of the scenario and of the user's earlier counted
/// replies). A thirty-second play test's trainee asked "what's your favourite film?", "how was the
/// traffic getting here?" and "what did you have for breakfast?" at every prompt and reached nine of
/// ten good endings, the suicide-risk scenario's safety plan among them. The people's `names` say
/// nothing of the subject either way ("what is your favourite film, Mateo?" is still small talk: a
/// maintainer's read); a word of its own that is no small talk keeps a reply on its subject ("Please
/// stop the guilt trip.", "What do you enjoy doing these days?"), and so do the words any reply about
/// someone's experience is made of ("What's been the hardest part?", "What was her favourite thing
/// to do?").
pub fn off_topic(text: &str, names: &[String], known: impl Fn(&str) -> bool) -> bool {
    let topics: Vec<(String, bool)> = RuleScorer::builtin()
        .topics(text)
        .into_iter()
        .filter(|(t, _)| !names.iter().any(|n| text::stem(n) == t))
        .collect();
    topics.iter().any(|(t, small)| *small && !known(t))
        && topics.iter().all(|(t, small)| *small || known(t))
}

/// The most words an echo can have in any order ([`is_echo`]); a longer one is a run of the line's
/// words in its order.
pub const ECHO_MAX_WORDS: usize = 2;

/// Fillers an echo may hold anywhere ("um, Mayfield"): dropped from the reply and the line alike,
/// with words of address ([`ADDRESS_WORDS`]) and the scenario's names, before they are compared.
/// (Not all of [`EMPTY_WORDS`]: "really" or "very" say something of one's own in a run of words; nor
/// "too", a [`STOCK_WORDS`] word, as in "I miss him too.")
#[rustfmt::skip]
const ECHO_FILLERS: [&str; 12] = [
    "hm", "hmm", "ah", "oh", "uh", "um", "er", "erm", "well", "yeah", "lol", "haha",
];

/// Openers a careless echo is typed behind ("So he cycled.", "It sounds like he had work at seven,
/// so he cycled."), in [`words`]' form: dropped from the reply's start, as often as they come,
/// before it is compared with the line. Said back in one's own words after them ("It sounds like
/// you're tired of it all" to "I'm so tired of it all") the reply is no echo.
const ECHO_OPENERS: [&[&str]; 22] = [
    &["so"],
    &["and"],
    &["it", "sounds", "like"],
    &["sounds", "like"],
    &["it", "seems", "like"],
    &["seems", "like"],
    &["so", "youre", "saying"],
    &["youre", "saying"],
    &["what", "im", "hearing", "is"],
    &["i", "hear", "you"],
    &["i", "hear", "that"],
    &["i", "hear"],
    &["you", "said"],
    &["i", "see"],
    &["i", "understand"],
    &["right"],
    &["ok"],
    &["okay"],
    // "k night" to "…Every night I go round these in my head" (a twenty-fifth play test's lazy reply
    // took just-tell-me's route for reflecting).
    &["k"],
    &["kk"],
    &["mm"],
    &["mmm"],
];

/// The most words a short question that says back the line's words can have and still be a check
/// ("Thirty-one years?", "Sunday nights are...?"), not an echo ([`is_echo`]).
pub const ECHO_CHECK_MAX_WORDS: usize = 6;

/// Whether a reply only says back the other person's own words from `line`: a word or two of it in
/// any order (at most [`ECHO_MAX_WORDS`], articles aside), or a run of its words word for word in
/// its order, with one word at least of substance (not an everyday function word). Fillers, words of
/// address and `names` (the people in the scenario) are dropped from both first ([`ECHO_FILLERS`]),
/// and openers from the reply's start ([`ECHO_OPENERS`]: "So", "It sounds like", "I hear you").
/// "Mayfield." to "...watch someone else run Mayfield Park", "Three years, Kunle." to "...after three
/// years", "driven him." to "I should have driven him." and "It sounds like he had work at seven, so
/// he cycled." to "I said stay over, but he had work at seven, so he cycled." are echoes; "You're
/// angry." to "I'm angry" says it back to them (a reflection, if a short one), "I miss him too." adds
/// a word of the speaker's own, and "Three years." to a line without "years" says something new.
/// Nor is a short question with no opener an echo ("Thirty-one years?": a check, at most
/// [`ECHO_CHECK_MAX_WORDS`] words), nor a word or two answering a line that asks ("Two years." to
/// "Two years?"). (A paste of most of the line is a non-answer:
/// [`crate::scoring::unanswerable::is_parroted`].)
///
/// An echo can read as a simple reflection (MITI codes a repeated word so), but it shows only that
/// words were caught, not what was meant: a conversation takes no route for a reflection in it.
pub fn is_echo(text: &str, line: &str, names: &[String]) -> bool {
    let kept = |w: &String| {
        !ECHO_FILLERS.contains(&w.as_str())
            && !ADDRESS_WORDS.contains(&w.as_str())
            && !names.contains(w)
    };
    // Stage directions are no words of theirs: "…and then we talk again.' (She lets out a breath.)
    // Was that okay?" is pasted around them.
    let said: Vec<String> = words(&without_stage_directions(line))
        .filter(kept)
        .collect();
    let all: Vec<String> = words(text).filter(kept).collect();
    let mut reply = &all[..];
    while let Some(o) = ECHO_OPENERS
        .iter()
        .find(|o| reply.len() > o.len() && reply.iter().zip(o.iter()).all(|(w, o)| w == o))
    {
        reply = &reply[o.len()..];
    }
    let opened = reply.len() < all.len();
    if !reply
        .iter()
        .any(|w| !FUNCTION_WORDS.contains(&w.as_str()) && !is_empty_word(w))
    {
        return false;
    }
    let asks = text.trim_end().ends_with('?');
    if !opened && asks && reply.len() <= ECHO_CHECK_MAX_WORDS {
        return false;
    }
    let mut reply = reply.to_vec();
    if reply.len() <= ECHO_MAX_WORDS + 1 {
        reply.retain(|w| !matches!(w.as_str(), "the" | "a" | "an"));
    }
    if reply.len() <= ECHO_MAX_WORDS {
        (opened || !ends_asking(line)) && reply.iter().all(|w| said.contains(w))
    } else {
        said.windows(reply.len()).any(|run| run == reply.as_slice())
    }
}

/// Words that give nothing as the answer to a question ("idk", "meh", "whatever", "stuff").
const NON_ANSWER_WORDS: [&str; 16] = [
    "idk",
    "dunno",
    "meh",
    "nah",
    "nope",
    "whatever",
    "nothing",
    "anything",
    "something",
    "stuff",
    "things",
    "lol",
    "lmao",
    "haha",
    "hmm",
    "umm",
];

/// Whether the other person's line ends by asking something: its last sentence, a stage direction
/// after it aside, ends in "?" ("Where have you come from?", "So... what now? (She waits.)").
pub(super) fn ends_asking(line: &str) -> bool {
    let mut s = line.trim_end();
    while let Some(rest) = s.strip_suffix(')') {
        match rest.rfind('(') {
            Some(i) => s = rest[..i].trim_end(),
            None => break,
        }
    }
    s.trim_end_matches(['"', '\'', '”', '’']).ends_with('?')
}

/// Whether a word opens a question asking for a yes or a no ("Was it something I did?", "Does she
/// look after you?", "Isn't it?"): an auxiliary ([`text::AUX`]), or one with "n't" (its apostrophe
/// dropped).
fn yes_no_opener(w: &str) -> bool {
    text::AUX.contains(&w)
        || w.strip_suffix("nt")
            .is_some_and(|aux| text::AUX.contains(&aux))
}

/// Words that answer a yes-or-no question on their own.
const YES_NO_WORDS: [&str; 12] = [
    "yes", "yeah", "yea", "yep", "yup", "ya", "aye", "no", "nope", "nah", "course", "never",
];

/// Whether the other person's line ends by asking for a yes or a no: its last sentence (a stage
/// direction after it aside) ends in "?" and opens with an auxiliary ("Was it something I did?"), or
/// the question before it does and the last only spells it out ("…Is this about Sofía? The girl
/// from your course who's always calling?": a fourteenth play test's "yes" met "¿Qué?").
pub(super) fn asks_yes_or_no(line: &str) -> bool {
    if !ends_asking(line) {
        return false;
    }
    let body = line.trim_end();
    let mut body = body.rfind('?').map_or(body, |i| &body[..i]);
    for _ in 0..2 {
        // The sentence: after the last full stop, "!" or "?" before its question mark.
        let start = body.rfind(['.', '!', '?', ')']).map_or(0, |i| i + 1);
        if words(&body[start..])
            .find(|w| !text::is_discourse_marker(w))
            .is_some_and(|w| yes_no_opener(&w))
        {
            return true;
        }
        // Only a question right before it spelled out.
        match body[..start].strip_suffix('?') {
            Some(before) => body = before,
            None => return false,
        }
    }
    false
}

/// Whether a reply is a yes or a no and nothing more than a word of address or two ("no", "yes
/// mama", "nope, never", "course it does" aside): to a yes-or-no question that is an answer, where
/// a play test's "no" to "Was it something I did?" met "Mija, I'm not following".
pub(super) fn yes_or_no(text: &str, names: &[String]) -> bool {
    let ws: Vec<String> = words(text).take(4).collect();
    ws.len() <= 3
        && ws
            .first()
            .is_some_and(|w| YES_NO_WORDS.contains(&w.as_str()))
        && ws[1..].iter().all(|w| {
            let w = w.as_str();
            YES_NO_WORDS.contains(&w)
                || yes_no_opener(w)
                || FUNCTION_WORDS.contains(&w)
                || is_empty_word(w)
                || matches!(
                    w,
                    "really" | "not" | "sir" | "maam" | "mija" | "mijo" | "anak"
                )
                || names.iter().any(|n| n == w)
        })
}

/// The most words of a short answer to a question ([`gives_something`]); longer replies are read as
/// sentences ([`reads_as_a_sentence`]).
const SHORT_ANSWER_MAX_WORDS: usize = 6;

/// Whether a short reply holds a word of its own that could answer a question: a place, a name, a
/// thing, a length of time ("leeds lol" to "Where have you come from?", "his bike", "3 years"), not
/// only stock, function, filler or non-answer words ("idk", "ok thanks", "lol what") or a number
/// alone ("1", at a prompt with no options a pick typed by mistake).
pub(super) fn gives_something(text: &str) -> bool {
    let ws: Vec<String> = words(text).take(SHORT_ANSWER_MAX_WORDS + 1).collect();
    ws.len() <= SHORT_ANSWER_MAX_WORDS
        && ws.iter().any(|w| {
            let w = w.as_str();
            w.chars().filter(|c| c.is_alphabetic()).count() >= 3
                && !FUNCTION_WORDS.contains(&w)
                && !STOCK_WORDS.contains(&w)
                && !is_empty_word(w)
                && !PASSING_WORDS.contains(&w)
                && !NON_ANSWER_WORDS.contains(&w)
        })
}

/// Whether two replies are the same words (case, punctuation and apostrophes aside): "Tell me more."
/// and "tell me more" are.
pub fn same_words(a: &str, b: &str) -> bool {
    words(a).eq(words(b))
}

/// What people type when they are stuck and are asking the app, not the other person (lower case,
/// apostrophes and end punctuation dropped).
const HELP_REQUESTS: [&str; 20] = [
    "help",
    "help me",
    "help please",
    "please help",
    "hint",
    "hint please",
    "give me a hint",
    "i need a hint",
    "i need help",
    "im stuck",
    "i am stuck",
    "stuck",
    "skip",
    "what should i say",
    "what should i say here",
    "what do i say",
    "what do i say here",
    "what am i supposed to say",
    "what should i type",
    "what do i type",
];

/// Whether a reply is a request for help meant for the app ("help", "hint", "what should I say?",
/// "I'm stuck"), not words for the other person: a front end shows the coaching hint and sends
/// nothing. "I don't know what to say" is not one: said to someone grieving it is an answer.
///
/// Besides the set phrases, a short reply (six words or fewer) that names a hint or a tip is one,
/// however it asks ("can i get a hint", "could you give me a hint", "any hints?", "tip?", "hint
/// pls"): nobody in a scenario is asked for a hint. Not thanks for one ("thanks for the tip"), nor
/// tips on something in the story ("any tips on her biryani?"), which a play test found swallowed.
pub fn asks_for_help(text: &str) -> bool {
    let t = text.trim().trim_start_matches(['/', '!', '?']);
    let said: Vec<String> = words(t).collect();
    let names_a_hint = said.len() <= BARE_MAX_WORDS
        && !said
            .iter()
            .any(|w| matches!(w.as_str(), "thanks" | "thank" | "cheers" | "ta"))
        && said.iter().enumerate().any(|(i, w)| {
            matches!(w.as_str(), "hint" | "hints" | "tip" | "tips")
                && !matches!(
                    said.get(i + 1).map(String::as_str),
                    Some("on" | "about" | "for" | "from" | "with")
                )
        });
    let said = said.join(" ");
    !said.is_empty() && (names_a_hint || HELP_REQUESTS.contains(&said.as_str()))
}

/// The character names of a scenario as [`is_bare`] compares them: each word of each name, lower
/// case ("Auntie Grace" gives "auntie" and "grace").
pub fn name_words<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    names.into_iter().flat_map(words).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_encourager_asks_for_more_and_a_limit_is_none() {
        for t in [
            "go on",
            "tell me more about that",
            "say more about that",
            "keep talking",
            "what else?",
            "and then what?",
        ] {
            assert!(is_encourager(t), "{t:?}");
        }
        for t in [
            "I'm not going.",
            "I have to go.",
            "go on then, do the dishes",
            "what happened?",
            "ok then",
        ] {
            assert!(!is_encourager(t), "{t:?}");
        }
    }

    #[test]
    fn small_talk_leaves_the_subject_and_words_of_its_own_keep_a_reply_on_it() {
        let mateo = vec!["mateo".to_string()];
        let nothing = |_: &str| false;
        for t in [
            "what's your favourite film?",
            "what is your favourite film, Mateo?",
            "how was the traffic getting here?",
            "what did you have for breakfast?",
        ] {
            assert!(off_topic(t, &mateo, nothing), "{t:?}");
        }
        for t in [
            "What was her favourite thing to do?",
            "What do you enjoy doing at the weekend these days?",
            "Please stop the guilt trip. I need a real answer.",
            "Let's stop dancing around it. I need an answer.",
            "I need ten minutes to calm down. Can we pick this up after lunch?",
            "What's been the hardest part?",
        ] {
            assert!(!off_topic(t, &mateo, nothing), "{t:?}");
        }
        // Small talk the scenario holds is its subject.
        assert!(!off_topic(
            "what did you have for breakfast?",
            &mateo,
            |w| w == "breakfast"
        ));
    }

    #[test]
    fn a_template_written_with_ellipses_is_one_and_a_speaker_trailing_off_is_not() {
        for t in [
            "I feel … when …; could we …?",
            "I feel... when you... could we...?",
            "i feel ... because ... so please ...",
        ] {
            assert!(has_placeholder(t), "{t:?}");
        }
        for t in [
            "I feel... I don't know, when you... when you said that, it hurt.",
            "I feel… when you left, I didn't know what to do.",
            "Um... I feel tired. When you... when you get home late, could we talk?",
            "We... we could try Sunday?",
        ] {
            assert!(!has_placeholder(t), "{t:?}");
        }
    }

    #[test]
    fn formulas_that_fit_any_line_are_generic_and_replies_that_say_something_are_not() {
        // A family word that is no formula or stock word would stop the reply being generic before
        // its family counted.
        for w in FORMULA_FAMILIES.iter().flat_map(|f| f.iter()) {
            assert!(
                FORMULA_WORDS.contains(w) || STOCK_WORDS.contains(w),
                "{w:?} is in a family but no formula or stock word"
            );
        }
        let names = name_words(["Gwen", "Noor"]);
        let line = "Oh, that's me. Forty years on this plot. Where have you come from, then?";
        for generic in [
            // A second maintainer's read: a filler after "and", and "here for you".
            "I hear you and really appreciate you. Could we talk about it?",
            "I hear you, I'm here for you. Could we talk about it?",
            // A formula with a stock question after it (the gaming helper's replay).
            "That sounds really hard. I hear you. How does that make you feel?",
            "So what I'm hearing is you feel sad and I understand and I appreciate you.",
            "I hear you. I feel sad when that happens. Could we talk about it?",
            "It sounds like you're feeling a lot right now, I hear you.",
            "That sounds really hard. I hear you. Tell me more.",
            "That sounds really hard, Gwen. Tell me more.",
            "I appreciate you. I'd like us to make a plan together, how about we do that?",
        ] {
            assert!(is_generic(generic, line, &names), "{generic:?}");
        }
        for said in [
            // A plain concern, one family only.
            "I'm worried about you when you say that.",
            // Words of its own.
            "I feel sad when you cancel on me. Could we talk about it?",
            "I retired in the summer and I don't know a soul here yet.",
            // Short: a guess at a feeling is a reflection, however thin.
            "You feel sad.",
            "It sounds like you feel sad.",
            // A guess at a feeling behind a stem stacks nothing; the grievance itself, and the
            // person a reply is about, are content (a maintainer's read).
            "It sounds like you're really worried about him.",
            "I understand. I feel frustrated when I do everything. Can we talk about it?",
            "I'm worried about you, Ba. Can we talk about Ma?",
            // Labelled replies the first version caught: a question about the one who died, a
            // reflection with "I can tell", a client's own hurt.
            "I'm so sorry. tell me about him, what was he like?",
            "I can tell you are very worried about this",
            "Thank you. It really hurt.",
            // The stock question alone is a question.
            "How does that make you feel?",
        ] {
            assert!(!is_generic(said, line, &names), "{said:?}");
        }
        // One word of the line dropped in where a feeling goes is no feeling of theirs; their
        // feeling, or a word for what they named, is.
        let line =
            "Her reading glasses are still in the drawer and I'm rushing, and I feel guilty.";
        for pasted in [
            "So what I'm hearing is you feel rushing and I understand and I appreciate you.",
            "So, rushing. That sounds really hard. Tell me more.",
        ] {
            assert!(is_generic(pasted, line, &names), "{pasted:?}");
        }
        for said in [
            "So what I'm hearing is you feel guilty and I understand and I appreciate you.",
            "That sounds really hard. I hear you. Tell me more about the drawer.",
            "So, rushing, drawer. That sounds really hard. Tell me more.",
        ] {
            assert!(!is_generic(said, line, &names), "{said:?}");
        }
        // Their own feeling said back ties the reply to the line.
        assert!(!is_generic(
            "That sounds really hard. I hear you. Tell me more.",
            "It's been so hard since Huw died.",
            &names
        ));
    }

    #[test]
    fn a_lot_says_back_only_a_line_about_too_much() {
        let names = Vec::new();
        let stock = "It sounds like you're feeling a lot right now";
        for line in [
            "...I miss him. Thursday comes round and I don't know what to do with myself.",
            "It's his birthday next week. Sometimes I think everyone would be fine without me. They'd cope.",
        ] {
            assert!(is_generic(stock, line, &names), "{line:?}");
        }
        for line in [
            "It's all too much. The baby, work, Mum.",
            "I can't cope with any of it any more.",
            "There's a lot going on and I'm drowning.",
        ] {
            assert!(!is_generic(stock, line, &names), "{line:?}");
        }
        // A named hurt still says back a line's grief.
        assert!(!is_generic(
            "It sounds like you're really hurting right now.",
            "...I miss him. Thursday comes round and I don't know what to do with myself.",
            &names
        ));
    }

    #[test]
    fn a_template_with_its_blanks_left_in_has_placeholders() {
        for t in [
            "I feel X when you Y because Z. could you please Z",
            "how about we X?",
            "I feel feelings.",
            "it sounds like u feel things",
            "you feel stuff",
            "I feel [feeling] when you [action]",
            "I feel ___ when you ___",
            "I feel I statement could you please i understand",
            "I feel feelings. it sounds like u feel things too",
            "I feel A when you B because C. Could you please D?",
            "How about we do B?",
            "What matters to you about A?",
            "I feel stuff when you do things. Could you call first?",
            "I feel (insert feeling) when you (insert behaviour).",
        ] {
            assert!(has_placeholder(t), "{t:?}");
        }
        // A kiss, a letter in a name, "I" and "a", and feelings named are no blanks.
        for t in [
            "love you x",
            "Malcolm X said it better",
            "I feel a bit lost. Could you call me?",
            "I have feelings too, you know.",
            "you feel things deeply, Ba",
            "I feel like things are falling apart",
            "1 < 2 and 3 > 2",
            // A maintainer's read: a kiss, a stage direction, an ex, an initial, feelings allowed.
            "I'd like you to call first. Love you X",
            "[sighs] Umma, last Saturday you walked in on Dev.",
            "I feel things too, Umma.",
            "My X used to turn up unannounced too.",
            "Last Saturday, when Z was staying, you came in.",
            "It's okay to feel things right now, Mateo.",
            "Could you write him a letter with I statements?",
            "We could always go to plan B.",
            "I got an A in the exam (finally) and Mum cried.",
            // A third read.
            "I love the food you bring from M&S, but I'd like you to call first.",
            "I'm stressed about A-levels, Umma.",
            "Can U please call before you come over?",
            "I got a B in maths and a C in English and I'm proud.",
            "I felt embarrassed because J was here.",
            "It makes sense to feel what you feel after losing your mum.",
        ] {
            assert!(!has_placeholder(t), "{t:?}");
        }
    }

    #[test]
    fn a_guess_at_a_feeling_that_fits_any_trouble_is_generic_unless_the_line_gives_it() {
        let names = name_words(["Ba", "Nadia"]);
        let line = "Wake up, news, noodles, sleep. That's the day.";
        let line_of_day = line;
        for guess in [
            "It sounds like you're feeling overwhelmed.",
            "It sounds like you're really hurting right now.",
            "That sounds so painful.",
            "You're struggling, Ba.",
            "I can tell you're going through a lot right now.",
            "It sounds like everything is pretty overwhelming for you lately.",
            // Stacked praise that names no strength.
            "I appreciate you, I value you, and I'm really proud of you.",
            // A twenty-eighth play test's kit: a weight, a template's two sides, chat spelling,
            // praise on praise.
            "It seems like this has been weighing on you for a while.",
            "Sounds like this has been on your mind for a long time.",
            "Sounds like you are overwhelmed by all of it.",
            "Part of you wants one thing, and part of you wants something else.",
            "sounds lik ur goin thru alot rn",
            "It sounds like this really matters to you.",
            "It sounds like there's a lot more going on underneath all of this.",
            "I value you so much and I'm proud of everything you do.",
        ] {
            assert!(is_generic(guess, line, &names), "{guess:?}");
        }
        for said in [
            // The speaker's own feeling, a person spoken of, words of its own.
            "I'm struggling too, Ba.",
            "We're all struggling.",
            "You're struggling with her gone.",
            "Your days have got very small since Ma died.",
            "It sounds like the evenings are the hardest.",
            // A specific feeling is a guess that may or may not fit: a reflection, however thin.
            "You feel lonely.",
            "It sounds like you're scared.",
            "Thank you so much.",
            // Praise of one thing.
            "I'm so proud of you, Ba.",
            // Two sides that name what they are, a weight that names whose.
            "Part of you wants to keep her slippers by the door, and part of you is tired.",
            "Part of you wants to sell the plot, and part of you wants to stay.",
            "It's been weighing on you since the funeral.",
            "It sounds like the garden really matters to you.",
            "Do you mind if I sit with you for a while?",
        ] {
            assert!(!is_generic(said, line, &names), "{said:?}");
        }
        // Distress in the line is fairly heard as a broad feeling: its weight, its loss, its feeling
        // (a maintainer's read), but not a word only like one ("painting", "thank you so much").
        for line in [
            "I can't cope with it all, Nadia.",
            "It's all too much, honestly.",
            "I'm so tired of carrying this.",
            "I'm so lonely since she died.",
            "She's gone. I eat, I sleep, I watch the news.",
            "I'm so angry with her. And I miss her.",
            // A phrase of the `losses` lexicon, found as the rules find it.
            "My mum passed away last spring.",
        ] {
            assert!(
                !is_generic("It sounds like you're feeling overwhelmed.", line, &names),
                "{line:?}"
            );
        }
        for line in ["I've been painting the shed.", "Thanks so much for coming."] {
            assert!(
                is_generic("It sounds like you're feeling overwhelmed.", line, &names),
                "{line:?}"
            );
        }
        // A template's sides that name feelings, and the speaker's plan, are no guess.
        for said in [
            "Part of you is angry, and part of you is sad.",
            "We'll get through it, it's a lot.",
        ] {
            assert!(!is_generic(said, line_of_day, &names), "{said:?}");
        }
        // "It's" is said of it, as "that" is.
        assert!(is_generic("It's so painful.", line_of_day, &names));
        // Their own feeling, in no lexicon, said back inside a formula.
        assert!(!is_generic(
            "You must feel gutted. I hear you, and I'm here if you want to talk.",
            "Honestly I'm gutted.",
            &names
        ));
    }

    #[test]
    fn leaving_what_was_said_is_read_at_the_start_only() {
        for leaves in [
            "Anyway\u{2026} how is work going?",
            "Um, anyway, how is work going?",
            "Oh well, anyway, how is work going?",
            "So anyway, how's work going?",
            "anyway how r the kids",
            "Ok, moving on. What's next?",
            "Well, changing the subject, did you see the match?",
        ] {
            assert!(changes_subject(leaves), "{leaves:?}");
        }
        for stays in [
            "You went anyway, even after all that?",
            "Anyway.",
            "I'm not moving on from this.",
            "Moving on without Danny feels impossible right now. What has that been like?",
            "Anyway, enough about me. How are you holding up?",
        ] {
            assert!(!changes_subject(stays), "{stays:?}");
        }
    }

    #[test]
    fn stock_phrases_are_bare_and_replies_with_content_are_not() {
        let names = name_words(["Umma", "Ify"]);
        for bare in [
            "I hear you",
            "yeah fair",
            "sorry",
            "ok sorry",
            "I'm so sorry.",
            "Thank you so much!",
            "that's a lot",
            "Makes sense.",
            "i hear u umma",
            "Sorry, Ify.",
            "I understand.",
            "That must be so hard.",
            "why?",
            "What do you mean?",
            "I understand how you feel",
            "ouch",
            "that sounds hard",
            "how awful",
            "yeah my bad",
            "my bad ify",
            "same",
            "Same, Umma.",
            "me too",
            "same tbh",
        ] {
            assert!(is_bare(bare, &names), "{bare:?} should be bare");
        }
        for full in [
            "I'm sorry for your loss.",
            "You miss her.",
            "What happened?",
            "That sounds lonely.",
            "I hear you, and it sounds like you felt left out.",
            "Tell me more.",
            "Sounds lonely, Ba.",
            "What happened at work?",
            "I feel sad.",
            "I feel bad",
            "My bad, I forgot your session.",
            "it is",
            "",
        ] {
            assert!(!is_bare(full, &names), "{full:?} should not be bare");
        }
    }

    #[test]
    fn a_word_or_two_of_the_line_said_back_is_an_echo() {
        let names = name_words(["Kunle"]);
        let line = "Or I ask for three days and watch someone else run Mayfield Park. I miss him. I gave it three years. I don't know who I am.";
        for echo in [
            "Mayfield.",
            "Three years.",
            "the park.",
            "um, Mayfield",
            "Mayfield Park",
            "run Mayfield",
            "gave it",
            "I ask for three days",
            "um, watch someone else run Mayfield Park.",
            "I gave it three years.",
            "Three years, Kunle.",
            "I gave it three years, mate.",
            "Um, I gave it, um, three years.",
            "k park",
            "kk park",
            "don’t know who I am",
            "So, watch someone else run Mayfield Park.",
            "It sounds like I gave it three years.",
            "So, and I gave it three years.",
            "It sounds like Mayfield?",
        ] {
            assert!(is_echo(echo, line, &names), "{echo:?} should be an echo");
        }
        for not in [
            "You're angry.",
            "Three months.",
            "Mayfield matters.",
            "Your project.",
            "Three whole years.",
            "it I",
            "I miss him too.",
            "You ask for three days.",
            "days and watch three",
            "Three years?",
            "Mayfield Park?",
            "the park?",
            "It sounds like you gave it three years.",
            "um",
            "",
        ] {
            assert!(!is_echo(not, line, &names), "{not:?} should not be an echo");
        }
        // A word or two answering a line that asks is an answer.
        assert!(!is_echo(
            "Two years.",
            "Two years? Since the funeral?",
            &names
        ));
        assert!(is_echo(
            "So, two years.",
            "Two years? Since the funeral?",
            &names
        ));
    }

    #[test]
    fn a_short_reply_with_a_word_of_its_own_answers_a_question() {
        // A ninth play test: "leeds lol" to "Where have you come from?" met "Sorry, lovely, I didn't
        // catch that".
        for line in [
            "Where have you come from, then?",
            "So... what now? (She waits.)",
            "How long were you married?\"",
        ] {
            assert!(ends_asking(line), "{line}");
        }
        for line in [
            "He'd turn up in odd socks.",
            "What now? Never mind. I'm tired.",
        ] {
            assert!(!ends_asking(line), "{line}");
        }
        for t in [
            "leeds lol",
            "3 years",
            "his bike",
            "Manchester",
            "no dev is fine",
            "her names sofia shes cool",
        ] {
            assert!(gives_something(t), "{t}");
        }
        for t in [
            "idk",
            "ok thanks",
            "lol what",
            "meh",
            "yeah sure",
            "k",
            "hmm",
            "whatever",
            "1",
            "yeah ok i hear you",
        ] {
            assert!(!gives_something(t), "{t}");
        }
    }

    #[test]
    fn a_yes_or_a_no_answers_a_yes_or_no_question() {
        for line in [
            "Was it something I did?",
            "(She looks up.) Does she look after you?",
            "I know it's late. Is it my fault?",
            "...Is this about Sofía? The girl from your course who's always calling?",
        ] {
            assert!(asks_yes_or_no(line), "{line}");
        }
        for line in [
            "What happened?",
            "Where were you?",
            "Is it my fault. Who told you?",
            "Where were you? Who was there?",
            "Is it my fault? Tell me.",
            "Fine.",
        ] {
            assert!(!asks_yes_or_no(line), "{line}");
        }
        let names = ["sofia".to_string()];
        for t in [
            "no",
            "yes",
            "no mama",
            "nope, never",
            "yeah she does",
            "no sofia",
        ] {
            assert!(yes_or_no(t, &names), "{t}");
        }
        for t in ["ok", "no idea what you mean", "idk", "yes but the rent"] {
            assert!(!yes_or_no(t, &names), "{t}");
        }
    }

    #[test]
    fn a_sentence_of_names_and_typos_reads_as_one() {
        for t in [
            "tita luz can drive u",
            "its onyl 2 yrs nanay",
            "I'm not liking this plan",
            "it's been really hard",
        ] {
            assert!(reads_as_a_sentence(t), "{t}");
        }
        for t in [
            "dffsd sdfk qwpo zzt",
            "asdf u qwrt zxcv",
            "leeds lol",
            "pizza",
            "nothing much tbh",
        ] {
            assert!(!reads_as_a_sentence(t), "{t}");
        }
    }

    #[test]
    fn requests_for_help_are_told_from_answers() {
        for help in [
            "help",
            "Hint?",
            "/help",
            "what should I say?",
            "I'm stuck",
            "What do I say here",
        ] {
            assert!(asks_for_help(help), "{help:?}");
        }
        for answer in [
            "I don't know what to say.",
            "help me understand what happened",
            "What should we do?",
            "helpful",
            "?",
            "My tip for you: never let him drive you home after the pub, ever.",
            "thanks for the tip",
            "any tips on her biryani?",
        ] {
            assert!(!asks_for_help(answer), "{answer:?}");
        }
    }
}
