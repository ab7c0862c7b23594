//! Replies the other person could not answer: keys struck at random, no words at all, their own line or the coaching hint pasted back.

use super::text;
use serde::{Deserialize, Serialize};

/// Why a typed reply gives the other person nothing to answer. A scenario reads such a reply as a
/// non-answer (its clarify line, then a counted fallback) whatever the scorer codes it as, and the
/// feedback gives the one tip that fits it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unanswerable {
    /// Keys struck at random ("asdf", "jkjkjk"; [`text::is_key_mash`]).
    KeyMash,
    /// No letter, digit or emoji: "?", "...", "!!".
    NoWords,
    /// The other person's own line, or most of it, pasted back word for word ([`is_parroted`]).
    Parroted,
    /// The coaching hint shown under the line, pasted as the reply (read as [`is_parroted`] reads a
    /// line): "Tell her what happened last Saturday, how it felt, and what you'd like instead…".
    Hint,
}

impl Unanswerable {
    /// Every kind, in declaration order.
    pub const ALL: [Unanswerable; 4] = [
        Unanswerable::KeyMash,
        Unanswerable::NoWords,
        Unanswerable::Parroted,
        Unanswerable::Hint,
    ];

    /// Snake-case key (`key_mash`, `no_words`, `parroted`, `hint`): the serde spelling and the
    /// database's.
    pub fn key(self) -> &'static str {
        match self {
            Unanswerable::KeyMash => "key_mash",
            Unanswerable::NoWords => "no_words",
            Unanswerable::Parroted => "parroted",
            Unanswerable::Hint => "hint",
        }
    }

    /// The kind a [`Unanswerable::key`] names.
    pub fn from_key(key: &str) -> Option<Unanswerable> {
        Unanswerable::ALL.into_iter().find(|u| u.key() == key)
    }

    /// What the reply was, as the feedback says it in place of a score ("keys struck at random").
    pub fn label(self) -> &'static str {
        match self {
            Unanswerable::KeyMash => "keys struck at random",
            Unanswerable::NoWords => "punctuation alone, no words",
            Unanswerable::Parroted => "the other person's own line, pasted back",
            Unanswerable::Hint => "the coaching hint, pasted",
        }
    }

    /// The reason a reply (typed after `line`, when there is one) gives nothing to answer, if any.
    pub fn of(reply: &str, line: Option<&str>) -> Option<Unanswerable> {
        if text::is_key_mash(reply) {
            Some(Unanswerable::KeyMash)
        } else if !reply
            .chars()
            .any(|c| c.is_alphanumeric() || text::is_pictograph(c))
            && !EMOTICONS.iter().any(|e| reply.contains(e))
        {
            Some(Unanswerable::NoWords)
        } else if line.is_some_and(|l| is_parroted(reply, l)) {
            Some(Unanswerable::Parroted)
        } else {
            None
        }
    }
}

/// Faces typed in punctuation, which say something as an emoji does.
const EMOTICONS: [&str; 8] = [":)", ":(", ";)", ":/", ":-)", ":-(", "<3", ":'("];

/// The fewest words a pasted reply must have: "you miss her" said back is a reflection; a whole
/// sentence of the other person's, word for word, is their line and not the user's.
pub const PARROT_MIN_WORDS: usize = 6;

/// Whether a reply is the line before pasted back: every word of the reply (at least
/// [`PARROT_MIN_WORDS`]), in order and word for word (letters and digits only, any case, apostrophes
/// dropped: "its" is "it's"), is a run of the line's words, and the run is three fifths of the line or
/// more. Saying back in one's own words changes at least a word ("My mum has been in and out of
/// hospital" → "Your mum has been…", "Yes, let's meet…"); an echo of part of a longer line ("The
/// biopsy is back on Tuesday?" after "They said the biopsy is back on Tuesday, and then we decide what
/// happens next.") leaves most of the line unsaid.
pub fn is_parroted(reply: &str, line: &str) -> bool {
    // Cheap refusals first, before any copy is made: this runs on every scored reply (in the tips),
    // and almost none is a paste. In bytes, a paste is not much longer than the line (it may add a few
    // marks) nor under a fifth of it (three fifths of its words cannot be); it has six words at least,
    // by the spaces between them; its longest word is in the line; and it has no more letters and
    // digits than the line and more than a third of them.
    if reply.len() > line.len() + 16
        || reply.len() * 5 < line.len()
        || reply.bytes().filter(u8::is_ascii_whitespace).count() + 1 < PARROT_MIN_WORDS
        || !longest_word_is_in(reply, line)
    {
        return false;
    }
    let alnum = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).count();
    let (ra, la) = (alnum(reply), alnum(line));
    if ra > la || ra * 3 < la {
        return false;
    }
    let (r, n) = spaced_words(reply);
    let (l, line_words) = spaced_words(line);
    n >= PARROT_MIN_WORDS && n * 5 >= line_words * 3 && l.contains(&r)
}

/// Whether the reply's longest run of ASCII letters and digits (three or more; a shorter one says
/// nothing) is in the line, in any case, with the line's apostrophes looked through as
/// [`spaced_words`] drops them: "couldnt" is in "We couldn't go". One pass, no copy.
fn longest_word_is_in(reply: &str, line: &str) -> bool {
    let longest = reply
        .split(|c: char| !c.is_ascii_alphanumeric())
        .max_by_key(|w| w.len())
        .unwrap_or("")
        .as_bytes();
    if longest.len() < 3 {
        return true;
    }
    let hay = line.as_bytes();
    // The bytes of an apostrophe at `j`, straight or curly (U+2019), or 0.
    let apostrophe = |j: usize| match hay[j..] {
        [b'\'', ..] => 1,
        [0xE2, 0x80, 0x99, ..] => 3,
        _ => 0,
    };
    (0..hay.len()).any(|start| {
        let (mut j, mut k) = (start, 0);
        while k < longest.len() && j < hay.len() {
            if k > 0 && apostrophe(j) > 0 {
                j += apostrophe(j);
            } else if hay[j].eq_ignore_ascii_case(&longest[k]) {
                j += 1;
                k += 1;
            } else {
                break;
            }
        }
        k == longest.len()
    })
}

/// The pieces of a text that hold its words: it is split at every character that is neither a
/// letter, a digit nor an apostrophe (a piece may hold no letter or digit at all).
fn pieces(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}')
}

/// A text's words as a paste is compared by them: lower case, letters and digits only, apostrophes
/// dropped ("That's" is "thats"). The conversation reads replies by the same words
/// (`dialogue::answer`).
pub fn plain_words(s: &str) -> impl Iterator<Item = String> + '_ {
    pieces(s)
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
}

/// The most words a brush-off has ("ok", "k", "fine", "ok sure", an emoji): [`is_brief`].
pub const BRIEF_MAX_WORDS: usize = 2;

/// Whether a reply is a word or two at most ([`BRIEF_MAX_WORDS`] [`plain_words`]; an emoji has none).
/// Coded stonewalling without hostility, such a reply brushes off what was said: the tips say to stay
/// with it rather than take a break, and the conversation reads it as withdrawal, not an attack
/// (`dialogue::runner`).
pub fn is_brief(text: &str) -> bool {
    plain_words(text).nth(BRIEF_MAX_WORDS).is_none()
}

/// A text as its [`plain_words`], each followed by one space and the first preceded by one (" i see
/// her sundays "), and how many words there are: built in one buffer, with no string per word.
fn spaced_words(s: &str) -> (String, usize) {
    let mut out = String::with_capacity(s.len() + 2);
    let mut words = 0;
    out.push(' ');
    for w in pieces(s) {
        let mut any = false;
        for c in w.chars().filter(|c| c.is_alphanumeric()) {
            any = true;
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                out.extend(c.to_lowercase());
            }
        }
        if any {
            out.push(' ');
            words += 1;
        }
    }
    (out, words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_pasted_back_is_parroted_and_a_reflection_is_not() {
        let line = "(She shrugs.) I see her Sundays. Otherwise it's just me and Biscuit. The cat.";
        assert!(is_parroted(
            "I see her Sundays. Otherwise it's just me and Biscuit. The cat.",
            line
        ));
        assert!(is_parroted(
            "i see her sundays otherwise its just me and biscuit",
            line
        ));
        // The longest word typed without the line's apostrophe is still the line's.
        assert!(is_parroted(
            "we couldnt go to the park at all",
            "We couldn't go to the park at all."
        ));
        for said in [
            "You see her on Sundays, and otherwise it's just you and Biscuit.",
            "Just you and Biscuit.",
            "It's just me and Biscuit, you said. That sounds lonely, and I wonder how the weekdays go.",
            // One word changed at the edge is one's own saying back.
            "You see her Sundays. Otherwise it's just me and Biscuit. The cat.",
            "Yes, I see her Sundays. Otherwise it's just me and Biscuit. The cat.",
        ] {
            assert!(!is_parroted(said, line), "{said:?}");
        }
        // Part of a longer line said back as a question leaves most of it unsaid.
        let line = "They said the biopsy is back on Tuesday, and then we decide what happens next.";
        assert!(!is_parroted("The biopsy is back on Tuesday?", line));
    }

    #[test]
    fn each_kind_of_unanswerable_reply_is_named_and_an_ordinary_reply_is_none() {
        let line = Some("Why didn't you call me back last night when I asked you to?");
        assert_eq!(Unanswerable::of("asdf", line), Some(Unanswerable::KeyMash));
        for none in ["?", "...", " !! ", ""] {
            assert_eq!(Unanswerable::of(none, line), Some(Unanswerable::NoWords));
        }
        assert_eq!(
            Unanswerable::of("why didn't you call me back last night", line),
            Some(Unanswerable::Parroted)
        );
        for said in [
            "👍",
            "⭐",
            ":)",
            "<3",
            "ok",
            "2",
            "I forgot, sorry.",
            "¿Qué?",
        ] {
            assert_eq!(Unanswerable::of(said, line), None, "{said:?}");
        }
        assert_eq!(
            Unanswerable::of("why didn't you call me back last night", None),
            None
        );
    }
}
