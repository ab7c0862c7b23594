//! Replies the other person could not answer: keys struck at random, no words at all, or their own line pasted back.

use super::text;

/// Why a typed reply gives the other person nothing to answer. A scenario reads such a reply as a
/// non-answer (its clarify line, then a counted fallback) whatever the scorer codes it as, and the
/// feedback gives the one tip that fits it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unanswerable {
    /// Keys struck at random ("asdf", "jkjkjk"; [`text::is_key_mash`]).
    KeyMash,
    /// No letter, digit or emoji: "?", "...", "!!".
    NoWords,
    /// The other person's own line, or most of it, pasted back word for word ([`is_parroted`]).
    Parroted,
}

impl Unanswerable {
    /// The reason a reply (typed after `line`, when there is one) gives nothing to answer, if any.
    pub fn of(reply: &str, line: Option<&str>) -> Option<Unanswerable> {
        if text::is_key_mash(reply) {
            Some(Unanswerable::KeyMash)
        } else if !reply
            .chars()
            .any(|c| c.is_alphanumeric() || is_pictograph(c))
        {
            Some(Unanswerable::NoWords)
        } else if line.is_some_and(|l| is_parroted(reply, l)) {
            Some(Unanswerable::Parroted)
        } else {
            None
        }
    }
}

/// Emoji and other pictographs, which say something ("👍", "❤️"), unlike punctuation.
fn is_pictograph(c: char) -> bool {
    matches!(c as u32, 0x2600..=0x27BF | 0x1F000..=0x1FAFF)
}

/// The fewest words a pasted run must have: "you miss her" said back is a reflection; a whole
/// sentence of the other person's, word for word, is their line and not the user's.
pub const PARROT_MIN_WORDS: usize = 6;

/// Whether a reply is the line before pasted back: a run of at least [`PARROT_MIN_WORDS`] of the
/// line's words, in order and word for word (letters and digits only, any case), makes up nine
/// tenths or more of the reply's words (apostrophes dropped: "its" is "it's"). Saying back in one's own words changes the person ("I see
/// her Sundays" → "you see her on Sundays") and so breaks the run; quoting a few of their words
/// inside a reflection leaves most of the reply one's own.
pub fn is_parroted(reply: &str, line: &str) -> bool {
    // Cheap refusals first: this runs on every scored reply (the tips), and almost none is a paste.
    if reply.split_whitespace().count() < PARROT_MIN_WORDS
        || line.split_whitespace().count() < PARROT_MIN_WORDS
    {
        return false;
    }
    let (r, starts) = spaced_words(reply);
    let (l, _) = spaced_words(line);
    let n = starts.len();
    if n < PARROT_MIN_WORDS {
        return false;
    }
    // The shared run covers nine tenths of the reply's words, so at most `spare` words fall outside
    // it, some before it and some after; each such cut of the reply is looked for whole in the line
    // (both are " w1 w2 … ", so a match is whole words).
    let run = (n * 9).div_ceil(10).max(PARROT_MIN_WORDS);
    let spare = n - run;
    (0..=spare).any(|before| {
        (0..=spare - before).any(|after| {
            let from = starts[before] - 1;
            let to = if after == 0 {
                r.len()
            } else {
                starts[n - after]
            };
            l.contains(&r[from..to])
        })
    })
}

/// A text as its words, lower case, letters and digits only, apostrophes dropped ("its" is "it's"),
/// each followed by one space and the first preceded by one (" i see her sundays "), and where each
/// word starts.
fn spaced_words(s: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(s.len() + 2);
    let mut starts = Vec::new();
    out.push(' ');
    for w in s.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}') {
        let mut any = false;
        for c in w.chars().filter(|c| c.is_alphanumeric()) {
            if !any {
                starts.push(out.len());
                any = true;
            }
            out.extend(c.to_lowercase());
        }
        if any {
            out.push(' ');
        }
    }
    (out, starts)
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
        for said in [
            "You see her on Sundays, and otherwise it's just you and Biscuit.",
            "Just you and Biscuit.",
            "It's just me and Biscuit, you said. That sounds lonely, and I wonder how the weekdays go.",
        ] {
            assert!(!is_parroted(said, line), "{said:?}");
        }
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
        for said in ["👍", "ok", "2", "I forgot, sorry.", "¿Qué?"] {
            assert_eq!(Unanswerable::of(said, line), None, "{said:?}");
        }
        assert_eq!(
            Unanswerable::of("why didn't you call me back last night", None),
            None
        );
    }
}
