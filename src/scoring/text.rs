//! Tokenising a reply: lower-cased, contraction-expanded word tokens that keep their byte spans, plus sentence, clause, quote and capitals marks.
//!
//! Normalisation (case, curly quotes, contractions such as "don't" → "do not", chat spellings such
//! as "u" → "you") happens in a separate buffer; every token remembers the bytes of the original
//! text it came from, so evidence offsets are never shifted by it.

/// The token is written in capitals (two letters or more), e.g. "NEVER".
pub const CAPS: u8 = 1;
/// The token is inside quotation marks or reported speech ("she said you never listen").
pub const QUOTED: u8 = 2;
/// The token starts a clause (after a comma, colon, dash or "but", or at a sentence start).
pub const CLAUSE_START: u8 = 4;
/// The token starts a sentence.
pub const SENT_START: u8 = 8;
/// The token is a negator ("not", "no", "never", …).
pub const NEGATOR: u8 = 16;

/// One word of a reply.
#[derive(Debug, Clone, Copy, Default)]
pub struct Tok {
    /// Byte offset of the word's first byte in the original text.
    pub start: u32,
    /// Byte offset one past the word's last byte in the original text.
    pub end: u32,
    /// Start of the normalised form in [`Tokens::norm`].
    pub n0: u32,
    /// End of the normalised form in [`Tokens::norm`].
    pub n1: u32,
    /// Index of the sentence the word is in.
    pub sent: u32,
    /// Index of the clause the word is in (counted over the whole reply).
    pub clause: u32,
    /// Bit flags: [`CAPS`], [`QUOTED`], [`CLAUSE_START`], [`SENT_START`], [`NEGATOR`].
    pub flags: u8,
}

/// A sentence: a range of tokens and how it ended.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sentence {
    /// First token.
    pub t0: u32,
    /// One past the last token.
    pub t1: u32,
    /// Byte offset of the first byte of the sentence in the original text.
    pub start: u32,
    /// Byte offset one past the sentence's last byte (including its closing punctuation).
    pub end: u32,
    /// The sentence ended with a question mark.
    pub question_mark: bool,
    /// Number of exclamation marks at its end.
    pub exclamations: u8,
}

/// The tokens of one text, with a reusable normalisation buffer.
#[derive(Debug, Default, Clone)]
pub struct Tokens {
    /// Normalised words separated by single spaces, with a space before the first and after the last
    /// (the spaces are a layout left from an earlier text scan; words are read only by [`Tokens::word`]).
    pub norm: String,
    /// The words.
    pub toks: Vec<Tok>,
    /// The sentences.
    pub sents: Vec<Sentence>,
    /// Letters written in capitals, over all words.
    pub caps_letters: u32,
    /// Letters overall.
    pub letters: u32,
    /// Whether the text has an asterisk (a stage direction may be marked "*…*").
    pub asterisk: bool,
    /// Byte spans of the hesitation sounds the lexer dropped ("um", "erm": [`FILLERS`]), in text
    /// order: not words to the patterns, but a client's hedge and a feature of the reply.
    pub fillers: Vec<(u32, u32)>,
}

impl Tokens {
    /// The normalised form of token `i`.
    #[inline]
    pub fn word(&self, i: usize) -> &str {
        let t = &self.toks[i];
        &self.norm[t.n0 as usize..t.n1 as usize]
    }

    /// The normalised form of token `i` when it is in the same sentence as token `t`; "" when it is
    /// past the end or in another sentence (a neighbour of `t`, for looking a few words ahead or back).
    #[inline]
    pub fn word_in_sentence_of(&self, t: usize, i: usize) -> &str {
        match self.toks.get(i) {
            Some(x) if x.sent == self.toks[t].sent => self.word(i),
            _ => "",
        }
    }

    /// One past the last token of the clause token `t` is in.
    pub fn clause_end(&self, t: usize) -> usize {
        let c = self.toks[t].clause;
        t + self.toks[t..].iter().take_while(|x| x.clause == c).count()
    }

    /// How many sentences end in a question mark.
    pub fn questions(&self) -> usize {
        self.sents.iter().filter(|s| s.question_mark).count()
    }

    /// Whether the text is written mostly in capitals: at least 8 letters, 70% of them capitals
    /// ("I FEEL REALLY HURT WHEN YOU IGNORE ME"). Capitals there are the whole reply's volume (or a
    /// caps-lock key), not emphasis on the words in them.
    pub fn mostly_caps(&self) -> bool {
        self.letters >= 8 && self.caps_letters * 10 >= self.letters * 7
    }

    /// Whether token `i` has `flag`.
    #[inline]
    pub fn has(&self, i: usize, flag: u8) -> bool {
        self.toks[i].flags & flag != 0
    }

    /// Tokenises `text` into `self`, reusing its buffers.
    pub fn fill(&mut self, text: &str) {
        self.norm.clear();
        self.toks.clear();
        self.sents.clear();
        self.caps_letters = 0;
        self.letters = 0;
        self.asterisk = false;
        self.fillers.clear();
        self.norm.push(' ');
        let mut lx = Lexer {
            out: self,
            text,
            sent: 0,
            clause: 0,
            next_flags: CLAUSE_START | SENT_START,
            quoted: false,
            reported: false,
            reported_to_clause_end: false,
            clause_first_tok: 0,
            sent_first_tok: 0,
            sent_start_byte: None,
            filler_comma: false,
        };
        lx.run();
    }
}

struct Lexer<'a, 'b> {
    out: &'a mut Tokens,
    text: &'b str,
    sent: u32,
    clause: u32,
    next_flags: u8,
    quoted: bool,
    reported: bool,
    /// The reported speech began in a clause that a subordinator opens ("When he said that line, …"):
    /// it ends with that clause.
    reported_to_clause_end: bool,
    /// The first token of the current clause.
    clause_first_tok: u32,
    sent_first_tok: u32,
    sent_start_byte: Option<u32>,
    /// A filler was dropped just after a comma (or other clause mark) inside a sentence: "A lot of
    /// people, uh, find…". The commas belong to the hesitation, so the next word goes on the clause.
    filler_comma: bool,
}

/// [`BYTE_CLASS`]: an ASCII letter.
const ALPHA: u8 = 1;
/// [`BYTE_CLASS`]: an ASCII capital.
const UPPER: u8 = 2;
/// [`BYTE_CLASS`]: an ASCII letter or digit.
const ALNUM: u8 = 4;

/// What each byte is, as [`ALPHA`], [`UPPER`] and [`ALNUM`] bits (0 for every byte that is not ASCII).
const BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_uppercase() {
            ALPHA | UPPER | ALNUM
        } else if c.is_ascii_lowercase() {
            ALPHA | ALNUM
        } else if c.is_ascii_digit() {
            ALNUM
        } else {
            0
        };
        b += 1;
    }
    t
};

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}')
}

impl Lexer<'_, '_> {
    fn run(&mut self) {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut i = 0;
        let mut last_end = 0u32;
        while i < bytes.len() {
            // Spaces, the commonest bytes between words, mark nothing.
            if bytes[i] == b' ' {
                i += 1;
                continue;
            }
            let c = if bytes[i] < 0x80 {
                bytes[i] as char
            } else {
                match text[i..].chars().next() {
                    Some(c) => c,
                    None => break,
                }
            };
            let cl = c.len_utf8();
            if c.is_alphanumeric() {
                // A word: letters and digits, with apostrophes inside it.
                let start = i;
                let mut j = i + cl;
                // While the word is plain (ASCII letters and digits only, as most are), its letters
                // and capitals are counted as it is scanned: one table look-up per byte.
                let mut plain = c.is_ascii();
                let k = BYTE_CLASS[bytes[i] as usize];
                let (mut letters, mut upper) = (u32::from(k & ALPHA), u32::from(k & UPPER) >> 1);
                while j < bytes.len() {
                    let k = BYTE_CLASS[bytes[j] as usize];
                    if k & ALNUM != 0 {
                        letters += u32::from(k & ALPHA);
                        upper += u32::from(k & UPPER) >> 1;
                        j += 1;
                        continue;
                    }
                    // Any other ASCII byte but an apostrophe ends the word (what the checks below
                    // would find, without decoding a character).
                    if bytes[j] < 0x80 && bytes[j] != b'\'' {
                        break;
                    }
                    let d = if bytes[j] < 0x80 {
                        bytes[j] as char
                    } else {
                        match text[j..].chars().next() {
                            Some(d) => d,
                            None => break,
                        }
                    };
                    if d.is_alphanumeric() {
                        j += d.len_utf8();
                        plain = false;
                    } else if is_apostrophe(d) {
                        let after = j + d.len_utf8();
                        match text[after..].chars().next() {
                            Some(e) if e.is_alphabetic() => {
                                j = after;
                                plain = false;
                            }
                            _ => break,
                        }
                    } else {
                        break;
                    }
                }
                if self.sent_start_byte.is_none() {
                    self.sent_start_byte = Some(start as u32);
                }
                if plain {
                    self.plain_word(start, j, letters, upper);
                } else {
                    self.word(start, j);
                }
                last_end = j as u32;
                i = j;
                continue;
            }
            match c {
                '?' | '!' | '.' | '\u{2026}' | ';' | '\n' => {
                    // A run of sentence-ending punctuation.
                    let mut j = i;
                    let mut q = false;
                    let mut ex = 0u8;
                    let mut newline = false;
                    while j < bytes.len() {
                        let d = match text[j..].chars().next() {
                            Some(d) => d,
                            None => break,
                        };
                        match d {
                            '?' => q = true,
                            '!' => ex = ex.saturating_add(1),
                            '.' | '\u{2026}' | ';' => {}
                            '\n' => newline = true,
                            ' ' | '\t' | '\r' if newline => {}
                            _ => break,
                        }
                        j += d.len_utf8();
                    }
                    // "8.30", "e.g" — a full stop between word characters does not end a sentence.
                    let mid_word = c == '.'
                        && j == i + 1
                        && i > 0
                        && bytes[i - 1].is_ascii_alphanumeric()
                        && j < bytes.len()
                        && bytes[j].is_ascii_alphanumeric();
                    if !mid_word {
                        let end = text[..j].trim_end().len() as u32;
                        self.end_sentence(end.max(last_end), q, ex);
                    }
                    i = j;
                    continue;
                }
                ',' | ':' | '\u{2013}' | '\u{2014}' | '(' | ')' => self.end_clause(),
                '-' => {
                    // A lone dash separates clauses; a hyphen inside a word just splits it.
                    let prev_space = i == 0 || bytes[i - 1] == b' ';
                    let next_space = i + 1 >= bytes.len() || bytes[i + 1] == b' ';
                    if prev_space || next_space {
                        self.end_clause();
                    }
                }
                '"' | '\u{201C}' | '\u{201D}' | '\u{00AB}' | '\u{00BB}' => {
                    self.quoted = match c {
                        '\u{201C}' | '\u{00AB}' => true,
                        '\u{201D}' | '\u{00BB}' => false,
                        _ => !self.quoted,
                    };
                    self.next_flags |= CLAUSE_START;
                    self.filler_comma = false;
                }
                '\'' | '\u{2018}' | '\u{2019}' => {
                    // A single quote outside a word opens or closes a quotation.
                    let prev_alnum = text[..i]
                        .chars()
                        .next_back()
                        .is_some_and(|p| p.is_alphanumeric());
                    let next_alnum = text[i + cl..]
                        .chars()
                        .next()
                        .is_some_and(|n| n.is_alphanumeric());
                    if !prev_alnum && next_alnum && c != '\u{2019}' {
                        self.quoted = true;
                        self.next_flags |= CLAUSE_START;
                        self.filler_comma = false;
                    } else if prev_alnum && !next_alnum && self.quoted {
                        self.quoted = false;
                        self.next_flags |= CLAUSE_START;
                        self.filler_comma = false;
                    }
                }
                '*' => self.out.asterisk = true,
                _ => {}
            }
            i += cl;
        }
        self.end_sentence(last_end, false, 0);
        self.out.norm.shrink_to(1 << 20);
    }

    fn end_sentence(&mut self, end: u32, q: bool, ex: u8) {
        let t1 = self.out.toks.len() as u32;
        if t1 > self.sent_first_tok {
            let start = self.sent_start_byte.unwrap_or(0);
            self.out.sents.push(Sentence {
                t0: self.sent_first_tok,
                t1,
                start,
                end: end.max(start),
                question_mark: q,
                exclamations: ex,
            });
            self.sent = self.sent.saturating_add(1);
        } else if let Some(last) = self.out.sents.last_mut() {
            // Punctuation after an empty stretch ("?!", "... ?") belongs to the sentence before.
            last.question_mark |= q;
            last.exclamations = last.exclamations.saturating_add(ex);
        }
        self.sent_first_tok = t1;
        self.sent_start_byte = None;
        self.next_flags = CLAUSE_START | SENT_START;
        self.reported = false;
        self.reported_to_clause_end = false;
    }

    /// A comma, colon, dash or bracket: the next word starts a clause, and reported speech that began
    /// in a subordinate clause ends here.
    fn end_clause(&mut self) {
        self.next_flags |= CLAUSE_START;
        if self.reported_to_clause_end {
            self.reported = false;
            self.reported_to_clause_end = false;
        }
    }

    /// Appends one normalised word: `word` is written into [`Tokens::norm`], then finished as a token.
    fn push(&mut self, start: usize, end: usize, word: &str, negator: bool) {
        let n0 = self.out.norm.len();
        self.out.norm.push_str(word);
        self.finish(start, end, n0, negator);
    }

    /// Makes the word written into [`Tokens::norm`] from `n0` on a token (of original bytes
    /// `start..end`; `negator` says whether it is one of [`NEGATORS`]) and writes the space after it.
    fn finish(&mut self, start: usize, end: usize, n0: usize, negator: bool) {
        if self.filler_comma {
            self.filler_comma = false;
            // A restart ("Have you, um, have you thought…", "it, um, it hits you") begins the clause
            // again: the word said again keeps its clause start.
            let word = &self.out.norm[n0..];
            let said_again = |t: Option<&Tok>| {
                t.is_some_and(|t| &self.out.norm[t.n0 as usize..t.n1 as usize] == word)
            };
            let restarts = said_again(self.out.toks.last())
                || said_again(self.out.toks.get(self.clause_first_tok as usize));
            // A word that opens clauses ("…so, um, how are you…", "…curious, um, what…") keeps its
            // start too; what goes on the clause is a verb or a noun's next word ("people, uh, find").
            let after_marker =
                self.out.toks.last().is_some_and(|t| {
                    is_discourse_marker(&self.out.norm[t.n0 as usize..t.n1 as usize])
                });
            if self.next_flags & SENT_START == 0 && !restarts && !opens_clause(word, after_marker) {
                self.next_flags &= !CLAUSE_START;
            }
        }
        if self.next_flags & CLAUSE_START != 0 {
            self.clause = self.clause.saturating_add(1);
            self.clause_first_tok = self.out.toks.len() as u32;
        }
        let n1 = self.out.norm.len() as u32;
        self.out.norm.push(' ');
        let mut flags = self.next_flags;
        if self.quoted || self.reported {
            flags |= QUOTED;
        }
        if negator {
            flags |= NEGATOR;
        }
        self.out.toks.push(Tok {
            start: start as u32,
            end: end as u32,
            n0: n0 as u32,
            n1,
            sent: self.sent,
            clause: self.clause,
            flags,
        });
        self.next_flags = 0;
    }

    /// A word of ASCII letters and digits only (`letters` of them letters, `upper` capitals): no
    /// apostrophe, so no contraction to split; a look-up only when it is short enough to be listed.
    fn plain_word(&mut self, start: usize, end: usize, letters: u32, upper: u32) {
        let raw = &self.text[start..end];
        // Whether the word may be listed, from its own bytes: an ASCII letter or digit lower-cased
        // is itself with bit 0x20 set.
        let b = raw.as_bytes();
        let listed = b.len() <= LONGEST_LISTED
            && word_table().may_hold(b.len(), b[0] | 0x20, b[b.len() - 1] | 0x20);
        let n0 = self.out.norm.len();
        self.out.norm.push_str(raw);
        if upper > 0 {
            self.out.norm[n0..].make_ascii_lowercase();
        }
        let info = if listed {
            word_table().get(&self.out.norm[n0..])
        } else {
            WordInfo::default()
        };
        // A filler ("um", "uh", "erm") is no word: dropped, so "Would you, um, tell me about it?"
        // reads as "Would you tell me about it?". A sentence's start before it carries to the next
        // word; the commas around it inside a sentence do not ([`Lexer::filler_comma`]).
        if info.flags & FILLER != 0 {
            let quoted_now = self.quoted || self.reported;
            self.filler_comma |=
                self.next_flags & (CLAUSE_START | SENT_START) == CLAUSE_START
                    && self.out.toks.last().is_some_and(|t| {
                        t.sent == self.sent && (t.flags & QUOTED != 0) == quoted_now
                    });
            self.out.norm.truncate(n0);
            self.out.fillers.push((start as u32, end as u32));
            return;
        }
        self.out.letters += letters;
        self.out.caps_letters += upper;
        let first = self.out.toks.len();
        match info.expansion {
            // "ur right", "ur a dancer": "you're", not "your" ("ur dad", "ur feelings").
            Some(_) if &self.out.norm[n0..] == "ur" && self.next_word_in(end, UR_IS_YOU_ARE) => {
                self.out.norm.truncate(n0);
                self.push(start, end, "you", false);
                self.push(start, end, "are", false);
            }
            Some(e) if !self.names_a_thing(n0, upper, letters) => {
                self.out.norm.truncate(n0);
                for &w in e {
                    self.push(start, end, w, is_negator(w));
                }
            }
            _ => self.finish(start, end, n0, info.flags & NEGATOR_WORD != 0),
        }
        self.after_word(first, info, letters >= 2 && upper == letters);
    }

    /// Whether the word after byte `end` (past spaces, in the same sentence) is one of `words`, in
    /// any case.
    fn next_word_in(&self, end: usize, words: &[&str]) -> bool {
        let rest = self.text[end..].trim_start_matches(' ');
        let n = rest
            .bytes()
            .position(|b| !b.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        let next = &rest[..n];
        // A hyphen or apostrophe makes it another word ("ur in-laws").
        n > 0
            && !matches!(rest.as_bytes().get(n), Some(b'-' | b'\''))
            && (words.iter().any(|w| w.eq_ignore_ascii_case(next))
                // A verb's -ing form ("ur overthinking it"), not a noun in -ing ("ur wedding").
                || (n >= 6
                    && next.to_ascii_lowercase().ends_with("ing")
                    && !ING_NOUNS.iter().any(|w| w.eq_ignore_ascii_case(next))))
    }

    /// Whether the listed word just written at `norm[n0..]` (`letters` letters, `upper` capitals) is an
    /// abbreviation rather than a chat spelling: "ID", "RN", "BC" in capitals, and an "id" after a word
    /// that owns or counts it ("my id", "the id", "photo id"), which is the card, not "I'd".
    fn names_a_thing(&self, n0: usize, upper: u32, letters: u32) -> bool {
        let w = &self.out.norm[n0..];
        if !matches!(w, "id" | "rn" | "bc" | "ul") {
            return false;
        }
        if upper == letters && letters == 2 {
            return true;
        }
        w == "id"
            && self.out.toks.last().is_some_and(|t| {
                t.sent == self.sent
                    && matches!(
                        &self.out.norm[t.n0 as usize..t.n1 as usize],
                        "my" | "your"
                            | "his"
                            | "her"
                            | "their"
                            | "our"
                            | "the"
                            | "a"
                            | "an"
                            | "photo"
                            | "student"
                            | "staff"
                            | "work"
                    )
            })
    }

    /// What follows a word's tokens (from token `first` on): a discourse marker opening a clause,
    /// capitals, reported speech.
    #[inline(always)]
    fn after_word(&mut self, first: usize, info: WordInfo, caps: bool) {
        // A discourse marker at the start of a clause is a clause of its own: in "so what
        // happened" or "ok did you call", the question starts after it. The token's own flag is
        // read: a word after a hesitation between commas may have lost its clause start
        // ("A lot of people, uh, also find…").
        let at_clause_start = self
            .out
            .toks
            .get(first)
            .is_some_and(|t| t.flags & CLAUSE_START != 0);
        if at_clause_start && info.flags & DISCOURSE != 0 {
            self.next_flags |= CLAUSE_START;
        }
        if caps {
            for t in &mut self.out.toks[first..] {
                t.flags |= CAPS;
            }
        }
        // Reported speech: after "said", "told me", "was like" … the rest of the sentence is someone else's words.
        if info.flags & REPORTING != 0 && !self.reported && self.reporting_subject(first) {
            self.reported = true;
            // "When Hannah asked, what went through your mind?", "Before he said that line — what
            // was the mood?": the question after the clause is the speaker's own.
            let c = self.clause_first_tok as usize;
            self.reported_to_clause_end = c < first && {
                let t = self.out.toks[c];
                SUBORDINATORS.contains(&&self.out.norm[t.n0 as usize..t.n1 as usize])
            };
        }
    }

    /// Any other word (apostrophes, letters beyond ASCII): lower-cased, then a contraction split.
    fn word(&mut self, start: usize, end: usize) {
        let raw = &self.text[start..end];
        // The word is lower-cased straight into `norm` (apostrophes made plain); a contraction or chat
        // spelling then replaces it there, and a plain word (most words) is already in place.
        let norm = &mut self.out.norm;
        let n0 = norm.len();
        let (letters, upper) = if raw.is_ascii() {
            // One pass over the bytes, no per-character decoding.
            let (mut letters, mut upper) = (0u32, 0u32);
            for &b in raw.as_bytes() {
                letters += u32::from(b.is_ascii_alphabetic());
                upper += u32::from(b.is_ascii_uppercase());
            }
            norm.push_str(raw);
            norm[n0..].make_ascii_lowercase();
            (letters, upper)
        } else {
            let (mut letters, mut upper) = (0u32, 0u32);
            for ch in raw.chars() {
                if ch.is_alphabetic() {
                    letters += 1;
                    if ch.is_uppercase() {
                        upper += 1;
                    }
                }
                let ch = if is_apostrophe(ch) { '\'' } else { ch };
                norm.extend(ch.to_lowercase());
            }
            (letters, upper)
        };
        self.out.letters += letters;
        self.out.caps_letters += upper;
        let caps = letters >= 2 && upper == letters;
        let first = self.out.toks.len();
        let lower = &self.out.norm[n0..];
        let info = word_info(lower);
        if let Some(e) = info.expansion {
            self.out.norm.truncate(n0);
            for &w in e {
                self.push(start, end, w, is_negator(w));
            }
        } else if let Some((head, tail)) = split_contraction(lower) {
            // The head is the start of the word already written.
            self.out.norm.truncate(n0 + head);
            if head > 0 {
                let negator = is_negator(&self.out.norm[n0..]);
                self.finish(start, end, n0, negator);
            }
            if !tail.is_empty() {
                self.push(start, end, tail, is_negator(tail));
            }
        } else {
            self.finish(start, end, n0, info.flags & NEGATOR_WORD != 0);
        }
        self.after_word(first, info, caps);
    }

    /// Whether the words before token `i` make it a reporting verb ("she said", "he told me", "I said").
    fn reporting_subject(&self, i: usize) -> bool {
        if i == 0 {
            return false;
        }
        let prev = self.out.toks[i - 1];
        if prev.sent != self.sent {
            return false;
        }
        let w = &self.out.norm[prev.n0 as usize..prev.n1 as usize];
        // "you said" is usually a reflection of the other's words, not a quotation to discount
        !matches!(
            w,
            "you"
                | "to"
                | "would"
                | "will"
                | "can"
                | "could"
                | "should"
                | "not"
                | "never"
                | "just"
                | "do"
                | "did"
        )
    }
}

/// Words that open a subordinate clause of time, reason or condition: reported speech that begins
/// in such a clause ends with it.
pub(super) const SUBORDINATORS: &[&str] = &[
    "when", "whenever", "before", "after", "since", "as", "while", "once", "until", "till", "if",
    "because",
];

/// Words after which a typed "ur" is "you're", not "your": an article, an adverb, an adjective or a
/// verb's "-ing" form ("ur right", "ur a dancer", "ur so sweet", "ur being unfair"), never a noun.
/// Not "always" or "never": "ur always welcome" read as "you're always…" took the rules' "you are
/// always" attack (a play test), and "ur always late" is read by its own pattern.
const UR_IS_YOU_ARE: &[&str] = &[
    "right",
    "wrong",
    "welcome",
    "so",
    "not",
    "being",
    "gonna",
    "going",
    "a",
    "an",
    "the",
    "just",
    "really",
    "such",
    "kidding",
    "joking",
    "doing",
    "ok",
    "okay",
    "fine",
    "sweet",
    "kind",
    "amazing",
    "very",
    "literally",
    "actually",
    "honestly",
    "still",
    "allowed",
    "supposed",
    "sure",
    "mad",
    "angry",
    "upset",
    "sad",
    "hurt",
    "worried",
    "scared",
    "busy",
    "tired",
    "late",
    "lucky",
    "lying",
    "overreacting",
    "acting",
    "making",
    "taking",
    "trying",
    "saying",
    "telling",
    "talking",
    "asking",
    "ignoring",
    "leaving",
    "coming",
    "annoyed",
    "annoying",
    "stupid",
    "crazy",
    "mean",
    "selfish",
    "lazy",
    "rude",
    "proud",
    "brave",
    "strong",
    "good",
    "great",
    "bad",
    "bored",
    "done",
    "like",
    "also",
    "struggling",
    "clearly",
    "obviously",
    "probably",
    "definitely",
    "totally",
    "entitled",
    "free",
    "safe",
    "gorgeous",
    "beautiful",
    "smart",
    "funny",
    "nice",
    "lovely",
    "useless",
    "impossible",
    // How someone feels, said back in chat ("i get ur shattered", a play test's lost reflection).
    "shattered",
    "exhausted",
    "knackered",
    "drained",
    "lonely",
    "stressed",
    "overwhelmed",
    "frustrated",
    "disappointed",
    "stuck",
    "hurting",
    "grieving",
    "missing",
    "afraid",
    "frightened",
    "nervous",
    "anxious",
    "embarrassed",
    "ashamed",
    "gutted",
    "heartbroken",
    "devastated",
    "furious",
    "fed",
    "worn",
];

/// Nouns ending in "-ing" that follow "ur" as "your" ("ur wedding", "ur morning").
const ING_NOUNS: &[&str] = &[
    "wedding", "morning", "evening", "building", "meeting", "feeling", "painting", "clothing",
    "ceiling", "darling", "sibling", "spring", "string", "sporting", "housing", "training",
    "cooking", "washing", "drawing", "writing", "reading", "singing", "dancing", "parking",
    "earring", "stuffing", "filling", "landing", "pudding",
];

/// Whole words that stand for others: contractions and chat spellings.
const EXPANSIONS: &[(&str, &[&str])] = &[
    ("can't", &["can", "not"]),
    ("cant", &["can", "not"]),
    ("cannot", &["can", "not"]),
    ("won't", &["will", "not"]),
    ("wont", &["will", "not"]),
    ("ain't", &["is", "not"]),
    ("aint", &["is", "not"]),
    ("shan't", &["shall", "not"]),
    ("dont", &["do", "not"]),
    ("doesnt", &["does", "not"]),
    ("didnt", &["did", "not"]),
    ("isnt", &["is", "not"]),
    ("arent", &["are", "not"]),
    ("wasnt", &["was", "not"]),
    ("werent", &["were", "not"]),
    ("havent", &["have", "not"]),
    ("hasnt", &["has", "not"]),
    ("hadnt", &["had", "not"]),
    ("wouldnt", &["would", "not"]),
    ("shouldnt", &["should", "not"]),
    ("couldnt", &["could", "not"]),
    ("im", &["i", "am"]),
    ("ive", &["i", "have"]),
    ("youre", &["you", "are"]),
    ("youve", &["you", "have"]),
    ("youll", &["you", "will"]),
    ("ul", &["you", "will"]),
    ("theyre", &["they", "are"]),
    ("thats", &["that", "is"]),
    ("whats", &["what", "is"]),
    ("hows", &["how", "is"]),
    // As "what'd" and "how'd" are read (a thirty-second play test's "whatd you mean by not really"
    // was no question); "wot" and "thru" are chat spellings.
    ("whatd", &["what", "would"]),
    ("howd", &["how", "would"]),
    ("wot", &["what"]),
    ("thru", &["through"]),
    ("wheres", &["where", "is"]),
    ("whos", &["who", "is"]),
    ("hes", &["he", "is"]),
    ("shes", &["she", "is"]),
    ("theres", &["there", "is"]),
    ("heres", &["here", "is"]),
    ("itll", &["it", "will"]),
    ("id", &["i", "would"]),
    ("youd", &["you", "would"]),
    ("ure", &["you", "are"]),
    ("theyve", &["they", "have"]),
    ("weve", &["we", "have"]),
    ("theyll", &["they", "will"]),
    ("mustnt", &["must", "not"]),
    ("shouldve", &["should", "have"]),
    ("wouldve", &["would", "have"]),
    ("couldve", &["could", "have"]),
    ("mightve", &["might", "have"]),
    ("mustve", &["must", "have"]),
    ("gonna", &["going", "to"]),
    ("wanna", &["want", "to"]),
    ("gotta", &["got", "to"]),
    ("dunno", &["do", "not", "know"]),
    ("lets", &["let", "us"]),
    ("let's", &["let", "us"]),
    ("u", &["you"]),
    ("ur", &["your"]),
    ("urself", &["yourself"]),
    ("urs", &["yours"]),
    ("wud", &["would"]),
    ("shud", &["should"]),
    ("cud", &["could"]),
    ("cn", &["can"]),
    // Jamaican and other English creoles' first person ("truth is marcia mi feel lost"; a fourteenth
    // play test's feeling went unheard). Spanish "mi" (my) before a noun reads no differently.
    ("mi", &["i"]),
    // Northern English ("i dont know what to do wi meself… now nobody needs me for owt": a sixteenth
    // play test's disclosure read as nothing).
    ("meself", &["myself"]),
    ("owt", &["anything"]),
    ("nowt", &["nothing"]),
    ("wat", &["what"]),
    ("ppl", &["people"]),
    ("abt", &["about"]),
    ("bc", &["because"]),
    ("cuz", &["because"]),
    ("coz", &["because"]),
    ("cos", &["because"]),
    ("tho", &["though"]),
    ("rn", &["right", "now"]),
    ("sry", &["sorry"]),
    ("soz", &["sorry"]),
    ("r", &["are"]),
    ("pls", &["please"]),
    ("plz", &["please"]),
    ("thx", &["thanks"]),
    ("thanx", &["thanks"]),
    ("ty", &["thanks"]),
    ("idk", &["i", "do", "not"]),
    ("relly", &["really"]),
    ("realy", &["really"]),
    ("rly", &["really"]),
    ("rlly", &["really"]),
    ("reely", &["really"]),
    ("okay", &["ok"]),
    ("k", &["ok"]),
    ("kk", &["ok"]),
];

/// FNV-1a as a `BuildHasher`: fast for the short words looked up on every token.
#[derive(Debug, Clone, Copy, Default)]
pub struct Fnv;

/// The hasher built by [`Fnv`].
#[derive(Debug, Clone, Copy)]
pub struct FnvHasher(u64);

impl std::hash::BuildHasher for Fnv {
    type Hasher = FnvHasher;
    fn build_hasher(&self) -> FnvHasher {
        FnvHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for FnvHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= b as u64;
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// A table from normalised words to values, looked up once per token: open addressing over a
/// power-of-two array of slots, where a word of up to eight bytes (most words) is compared as one
/// number and a longer one by its hash, then its bytes.
#[derive(Debug, Clone)]
pub struct WordMap<V> {
    /// `mask + 1` slots; a free one has `idx == u32::MAX`.
    slots: Box<[Slot]>,
    mask: usize,
    /// The words, by index (compared only when longer than eight bytes).
    words: Vec<Box<str>>,
    /// The values, by index.
    values: Vec<V>,
}

/// One slot of a [`WordMap`]: a word's key and length, and where its value is.
#[derive(Debug, Clone, Copy)]
struct Slot {
    key: u64,
    len: u32,
    idx: u32,
}

/// Which person a word speaks in (for the learned layer's sentence-form and exchange features).
pub enum Person {
    /// "i", "me", "my", "myself".
    First,
    /// "you", "your", "yours", "yourself"; and "u", "ur", which the tokenizer expands when they stand
    /// alone but not as the head of a contraction ("u'll" → "u", "will").
    Second,
    /// Any other word.
    None,
}

/// The person `w` speaks in. The words are compared as packed bytes and length (all of them eight
/// bytes or fewer, so equal packs of equal length are equal words): a `match` on the strings called
/// `memcmp` for every six- and eight-letter word.
///
/// This is a fixed list on purpose, beside the `first_person` and `second_person` lexicons: the learned
/// layer's features (the kind of line answered, sentence form) read it, and they must be the same in
/// training and in every scenario, whereas a scenario may add words to the lexicons.
#[inline]
pub fn person(w: &str) -> Person {
    // Every one of them begins with "i", "m", "u" or "y": most words are told apart by their first byte.
    if !matches!(w.as_bytes().first(), Some(b'i' | b'm' | b'u' | b'y')) {
        return Person::None;
    }
    let key = pack(w.as_bytes());
    let is = |lit: &str| w.len() == lit.len() && key == pack(lit.as_bytes());
    if is("i") || is("me") || is("my") || is("myself") {
        Person::First
    } else if is("you") || is("your") || is("yours") || is("yourself") || is("u") || is("ur") {
        Person::Second
    } else {
        Person::None
    }
}

/// What kind of line a reply answers (the learned layer's exchange feature).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineKind {
    /// The line speaks of "you" (the one replying).
    pub about_you: bool,
    /// The line speaks of "me" (its own speaker).
    pub about_me: bool,
    /// Its last sentence that is not a stage direction ends with a question mark.
    pub asked: bool,
    /// A short question asking only what was meant ("Hah? What you mean?", "Meaning?"; not "Why are you
    /// so mean?"): it makes no charge, however it says "you".
    pub clarifies: bool,
    /// The line names a feeling or a loss (the `feelings` and `losses` lexicons: "I miss her", "I'm
    /// exhausted", "so proud", "I still can't believe he's gone"): a bare "k" after it turns from a
    /// hurt or a joy, where after a plain plan it agrees.
    pub feels: bool,
    /// The line offers or proposes something ("I'll grab the kids", "shall we…", "is it a deal?",
    /// "fancy a tea?"; the `offers` lexicon): a bare "ok" or "👍" to it accepts.
    pub offers: bool,
}

impl LineKind {
    /// The kind of `line`, tokenised in `t`; `None` when it has no words. Whether it asked is read
    /// from its last sentence that is not a stage direction standing alone ("Was that okay? (She
    /// waits.)" asks; [`asides`]). `feels` and `offers` come from the line's lexicon hits, which the
    /// caller has.
    pub fn of(t: &Tokens, line: &str, feels: bool, offers: bool) -> Option<LineKind> {
        if t.toks.is_empty() {
            return None;
        }
        let (about_me, about_you) = persons(t, 0..t.toks.len());
        let directions: Vec<Aside> = if line.contains(['(', '[', '*']) {
            asides(line).into_iter().filter(|a| a.alone).collect()
        } else {
            Vec::new()
        };
        // A sentence is a stage direction when every word of it is inside one ("(she waits) (looks
        // away)" is one sentence over two).
        let spoken = |x: &&Sentence| {
            !(x.t0..x.t1).all(|i| {
                let k = &t.toks[i as usize];
                directions
                    .iter()
                    .any(|a| a.outer.0 <= k.start as usize && k.end as usize <= a.outer.1)
            })
        };
        let asked = t
            .sents
            .iter()
            .rev()
            .find(spoken)
            .is_some_and(|x| x.question_mark);
        // "What (do) you mean?", "What does that mean?", "Meaning?" — not "Why are you so mean?".
        let has = |w: &str| (0..t.toks.len()).any(|i| t.word(i) == w);
        let clarifies = asked
            && t.toks.len() <= 6
            && ((has("what") && has("mean")) || (t.toks.len() == 1 && has("meaning")));
        Some(LineKind {
            about_you,
            about_me,
            asked,
            clarifies,
            feels,
            offers,
        })
    }
}

/// Whether tokens `range` of `t` have a first-person and a second-person word ([`person`]).
#[inline]
pub fn persons(t: &Tokens, range: std::ops::Range<usize>) -> (bool, bool) {
    let (mut first, mut second) = (false, false);
    for i in range {
        match person(t.word(i)) {
            Person::First => first = true,
            Person::Second => second = true,
            Person::None => {}
        }
    }
    (first, second)
}

/// The first eight bytes of `b` (all of them if fewer) as a little-endian number, zero-padded: words
/// that begin alike have equal low bytes.
#[inline]
pub fn pack(b: &[u8]) -> u64 {
    let n = b.len();
    if n >= 8 {
        return u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]);
    }
    // Shorter: two overlapping reads (their common bytes are the same), no loop.
    if n >= 4 {
        let lo = u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
        let hi = u64::from(u32::from_le_bytes([b[n - 4], b[n - 3], b[n - 2], b[n - 1]]));
        return lo | hi << (8 * (n - 4));
    }
    if n == 0 {
        return 0;
    }
    u64::from(b[0]) | u64::from(b[n / 2]) << (8 * (n / 2)) | u64::from(b[n - 1]) << (8 * (n - 1))
}

/// A word's key: its bytes as a little-endian number when it has at most eight, else a hash of them.
/// Two words of equal length up to eight bytes have equal keys only if they are equal.
#[inline]
fn word_key(b: &[u8]) -> u64 {
    if b.len() <= 8 {
        return pack(b);
    }
    b.chunks(8).fold(0u64, |k, c| {
        (k.rotate_left(23) ^ pack(c)).wrapping_mul(0x9e37_79b9_7f4a_7c15)
    })
}

impl<V> WordMap<V> {
    /// A table of these words and values (a word given twice keeps its first value).
    pub fn new(items: impl IntoIterator<Item = (String, V)>) -> WordMap<V> {
        let (mut words, mut values) = (Vec::new(), Vec::new());
        for (w, v) in items {
            words.push(w.into_boxed_str());
            values.push(v);
        }
        let size = (words.len() * 2).next_power_of_two().max(16);
        let free = Slot {
            key: 0,
            len: 0,
            idx: u32::MAX,
        };
        let mut m = WordMap {
            slots: vec![free; size].into(),
            mask: size - 1,
            words,
            values,
        };
        for idx in 0..m.words.len() {
            let w = &m.words[idx];
            if m.find(w).is_some() {
                continue;
            }
            let (key, len) = (word_key(w.as_bytes()), w.len());
            let mut i = m.home(key, len);
            while m.slots[i].idx != u32::MAX {
                i = (i + 1) & m.mask;
            }
            m.slots[i] = Slot {
                key,
                len: len as u32,
                idx: idx as u32,
            };
        }
        m
    }

    /// The first slot to probe for a key.
    #[inline]
    fn home(&self, key: u64, len: usize) -> usize {
        ((key ^ len as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32) as usize & self.mask
    }

    /// The index of `w`'s value, if it is in the table. Always inlined: the lexicon scan calls it once
    /// per word, and as a call it cost about 0.9k instructions per 40-word reply.
    #[inline(always)]
    fn find(&self, w: &str) -> Option<usize> {
        let b = w.as_bytes();
        let key = word_key(b);
        let mut i = self.home(key, b.len());
        loop {
            let s = self.slots[i];
            if s.idx == u32::MAX {
                return None;
            }
            if s.key == key
                && s.len as usize == b.len()
                && (b.len() <= 8 || *self.words[s.idx as usize] == *w)
            {
                return Some(s.idx as usize);
            }
            i = (i + 1) & self.mask;
        }
    }

    /// The value of `w`, if it is in the table.
    #[inline]
    pub fn get(&self, w: &str) -> Option<&V> {
        self.find(w).map(|i| &self.values[i])
    }

    /// The index of `w` in the table (a number of its own among its words), if it is in it.
    #[inline]
    pub fn index(&self, w: &str) -> Option<u32> {
        self.find(w).map(|i| i as u32)
    }

    /// The value at `index` (from [`WordMap::index`]).
    #[inline]
    pub fn value(&self, index: u32) -> &V {
        &self.values[index as usize]
    }
}

/// Words that turn a statement around ([`NEGATOR`]).
const NEGATORS: &[&str] = &[
    "not", "no", "never", "nothing", "nobody", "hardly", "barely", "without", "nor",
];

/// Auxiliaries: after a question word they make a statement a question even without "?", and first in
/// a sentence they ask for a yes or a no (the rules, the tips, the engine and the runner's reading of
/// a yes-or-no question read them).
pub const AUX: &[&str] = &[
    "is", "are", "was", "were", "do", "does", "did", "have", "has", "had", "can", "could", "would",
    "will", "should", "shall", "may", "might", "am", "must",
];

/// Whether a lower-cased word is a discourse marker ([`DISCOURSE_MARKERS`]: "so", "well", "ok",
/// "oh", "and", …), which may come before a sentence's first word that counts.
pub fn is_discourse_marker(w: &str) -> bool {
    word_info(w).flags & DISCOURSE != 0
}

/// Discourse markers: at the start of a clause, a clause of their own ("so what happened").
const DISCOURSE_MARKERS: &[&str] = &[
    "so", "well", "ok", "okay", "oh", "and", "but", "then", "also", "now", "hi", "hello", "hey",
    "yes", "yeah", "alright", "ah",
];

/// Question words, subjects, coordinators and hedging openers that begin a clause of their own after a
/// hesitation between commas ([`opens_clause`]).
const CLAUSE_HEADS: &[&str] = &[
    "what", "how", "why", "where", "who", "which", "whether", "i", "you", "he", "she", "we",
    "they", "it", "that", "this", "there", "and", "but", "so", "then", "or", "like", "right",
    "maybe", "perhaps", "let",
];

/// Whether `word`, after a hesitation between commas inside a sentence ([`Lexer::filler_comma`]),
/// begins a clause of its own: a question word, a subject or a coordinator ([`CLAUSE_HEADS`]), a
/// subordinator, or an auxiliary after a discourse marker ("so, um, is that right?"; after a noun,
/// "My sister, um, is coming" goes on). Other discourse markers go on too: "A lot of people, uh,
/// also find…" is one clause.
fn opens_clause(word: &str, after_marker: bool) -> bool {
    CLAUSE_HEADS.contains(&word)
        || SUBORDINATORS.contains(&word)
        || (after_marker && AUX.contains(&word))
}

/// Hesitation sounds of spoken and transcribed speech, which the lexer drops ([`FILLER`]). Not "er"
/// (the ER of a hospital) nor "hmm" and "mm", which answer something.
const FILLERS: &[&str] = &["um", "umm", "ummm", "uh", "uhh", "uhm", "erm", "ehm"];

/// Reporting verbs: after a subject, the rest of the sentence is someone else's words.
const REPORTING_VERBS: &[&str] = &[
    "said", "says", "say", "told", "tells", "yelled", "shouted", "screamed", "goes",
];

/// [`WordInfo::flags`]: the word is one of [`NEGATORS`].
const NEGATOR_WORD: u8 = 1;
/// [`WordInfo::flags`]: the word is one of [`DISCOURSE_MARKERS`].
const DISCOURSE: u8 = 2;
/// [`WordInfo::flags`]: the word is one of [`REPORTING_VERBS`].
const REPORTING: u8 = 4;
/// [`WordInfo::flags`]: the word is one of [`FILLERS`].
const FILLER: u8 = 8;

/// What the tokeniser knows about one lower-cased word, from the word lists above.
#[derive(Debug, Clone, Copy, Default)]
struct WordInfo {
    /// The words it stands for ([`EXPANSIONS`]).
    expansion: Option<&'static [&'static str]>,
    /// [`NEGATOR_WORD`], [`DISCOURSE`], [`REPORTING`], [`FILLER`].
    flags: u8,
}

/// The tokeniser's word lists: the table, and a bit per (length, first byte, last byte) of the words
/// in it, so most words (listed in none) are passed over without a look-up.
struct WordTable {
    map: WordMap<WordInfo>,
    filter: [u64; 64],
}

/// The bit in [`WordTable::filter`] of a word of length `len`, first byte `first` and last byte `last`.
#[inline]
fn filter_bit(len: usize, first: u8, last: u8) -> usize {
    (len * 7 + usize::from(first) * 31 + usize::from(last) * 131) & 4095
}

impl WordTable {
    /// Whether a word of length `len`, first byte `first` and last byte `last` may be listed.
    #[inline]
    fn may_hold(&self, len: usize, first: u8, last: u8) -> bool {
        let bit = filter_bit(len, first, last);
        self.filter[bit / 64] >> (bit % 64) & 1 == 1
    }

    /// What the lists say of `w` (nothing when it is in none).
    #[inline]
    fn get(&self, w: &str) -> WordInfo {
        self.map.get(w).copied().unwrap_or_default()
    }
}

/// Longest word in any of the tokeniser's lists: longer words skip the look-up.
const LONGEST_LISTED: usize = 8;

/// The tokeniser's word lists as one table, so each word costs one look-up.
fn word_table() -> &'static WordTable {
    static M: std::sync::OnceLock<WordTable> = std::sync::OnceLock::new();
    M.get_or_init(|| {
        let mut m: std::collections::HashMap<&'static str, WordInfo> = Default::default();
        for &(w, e) in EXPANSIONS {
            m.entry(w).or_default().expansion = Some(e);
        }
        for (list, flag) in [
            (NEGATORS, NEGATOR_WORD),
            (DISCOURSE_MARKERS, DISCOURSE),
            (REPORTING_VERBS, REPORTING),
            (FILLERS, FILLER),
        ] {
            for &w in list {
                m.entry(w).or_default().flags |= flag;
            }
        }
        debug_assert!(m.keys().all(|k| k.len() <= LONGEST_LISTED));
        let mut filter = [0u64; 64];
        for w in m.keys() {
            let b = w.as_bytes();
            let bit = filter_bit(b.len(), b[0], b[b.len() - 1]);
            filter[bit / 64] |= 1 << (bit % 64);
        }
        WordTable {
            map: WordMap::new(m.into_iter().map(|(w, i)| (w.to_string(), i))),
            filter,
        }
    })
}

/// The table entry for a lower-cased word (empty when it is in no list).
#[inline]
fn word_info(w: &str) -> WordInfo {
    let b = w.as_bytes();
    if b.is_empty() || b.len() > LONGEST_LISTED {
        return WordInfo::default();
    }
    let table = word_table();
    if !table.may_hold(b.len(), b[0], b[b.len() - 1]) {
        return WordInfo::default();
    }
    table.get(w)
}

/// Whether a normalised word is one of [`NEGATORS`].
fn is_negator(w: &str) -> bool {
    word_info(w).flags & NEGATOR_WORD != 0
}

/// Splits a contraction not in [`EXPANSIONS`]: "shouldn't" → ("should", "not"), "it's" → ("it", "is"),
/// "mom's" → ("mom", ""), giving the head as its length in bytes (it is the start of `w`). Either
/// part may be empty (and is then dropped).
fn split_contraction(w: &str) -> Option<(usize, &'static str)> {
    if let Some(head) = w.strip_suffix("n't") {
        return Some((head.len(), "not"));
    }
    // A byte search (an ASCII byte is never inside a multi-byte character): `rfind` calls
    // `memrchr`, whose set-up costs more than the whole of a short word.
    let p = w.bytes().rposition(|b| b == b'\'').filter(|&p| p > 0)?;
    let (head, tail) = (&w[..p], &w[p + 1..]);
    let t = match tail {
        "re" => "are",
        "m" => "am",
        "ve" => "have",
        "ll" => "will",
        "d" => "would",
        "s" if matches!(
            head,
            "it" | "that"
                | "what"
                | "there"
                | "here"
                | "who"
                | "he"
                | "she"
                | "where"
                | "how"
                | "everything"
                | "nothing"
                | "something"
                | "everyone"
                | "nobody"
                | "someone"
                | "this"
                | "why"
                | "when"
                | "whatever"
                | "one"
                | "somebody"
                | "everybody"
        ) =>
        {
            "is"
        }
        _ => "",
    };
    Some((p, t))
}

/// Normalises a lexicon phrase or pattern word the same way replies are normalised.
pub fn normalise_phrase(phrase: &str) -> String {
    let mut t = Tokens::default();
    t.fill(phrase);
    let mut s = String::with_capacity(phrase.len());
    for i in 0..t.toks.len() {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(t.word(i));
    }
    s
}

/// The stems ([`stem`]) of every word of `text` as the tokeniser reads it: what a change of subject
/// compares a reply's topics with (`RuleScorer::topics`, the runner's scenario vocabulary).
pub fn word_stems(text: &str) -> Vec<String> {
    let mut toks = Tokens::default();
    toks.fill(text);
    (0..toks.toks.len())
        .map(|t| stem(toks.word(t)).to_string())
        .collect()
}

/// A light suffix-stripping stemmer ("listening", "listened", "listens" → "listen").
pub fn stem(w: &str) -> &str {
    let b = w.as_bytes();
    let n = b.len();
    if n <= 3 || !w.is_ascii() {
        return w;
    }
    // Every suffix below ends in one of these letters; other words only lose a final e.
    if !matches!(b[n - 1], b's' | b'n' | b't' | b'y' | b'g' | b'd') {
        return if b[n - 1] == b'e' && n > 4 {
            &w[..n - 1]
        } else {
            w
        };
    }
    let strip = |suffix: &str, min: usize| -> Option<&str> {
        if n >= suffix.len() + min && w.ends_with(suffix) {
            Some(&w[..n - suffix.len()])
        } else {
            None
        }
    };
    for (suf, min) in [
        ("ations", 3),
        ("ation", 3),
        ("ness", 3),
        ("ment", 4),
        ("ingly", 3),
        ("edly", 3),
        ("ing", 3),
        ("ies", 2),
        ("ied", 2),
        ("ed", 3),
        ("ly", 3),
        ("es", 4),
        ("s", 3),
    ] {
        if let Some(s) = strip(suf, min) {
            if suf == "s" && s.ends_with('s') {
                return w;
            }
            let sb = s.as_bytes();
            // Undouble a final consonant ("stopped" → "stop").
            if (suf == "ing" || suf == "ed")
                && sb.len() >= 3
                && sb[sb.len() - 1] == sb[sb.len() - 2]
                && !matches!(sb[sb.len() - 1], b'l' | b's' | b'z' | b'e')
            {
                return &s[..s.len() - 1];
            }
            return s;
        }
    }
    // "hurts"/"hurt", "sad"/"sadness" handled above; strip a final silent e ("hope"/"hoping").
    if w.ends_with('e') && n > 4 {
        return &w[..n - 1];
    }
    w
}

/// A bracketed or starred span of a line ("(She sits very still.)", "*sighs*", "*not*"), found by
/// [`asides`]. Offsets are bytes of the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Aside {
    /// The whole span, delimiters included: `line[outer.0..outer.1]`.
    pub outer: (usize, usize),
    /// The words inside the delimiters: `line[inner.0..inner.1]`.
    pub inner: (usize, usize),
    /// In brackets, `(…)` or `[…]`, rather than between asterisks.
    pub bracket: bool,
    /// It stands on its own, as a stage direction does: it opens the line or a sentence (nothing
    /// before it but a finished sentence, a line break or another aside that stands alone) or ends the
    /// line. An aside
    /// that does not is emphasis ("I'm *not* okay") or a remark inside a sentence ("and (honestly)
    /// nobody cares").
    pub alone: bool,
}

/// The asides of a line, in order: brackets that close (nested brackets counted; "so tired :(" opens
/// none), and `*…*` spans whose first asterisk is followed by neither a space nor another asterisk and
/// follows neither a word nor another asterisk ("s**t" and "**" open nothing; "*...walks away*" and
/// "*😭*" do) and whose second follows no space ("*sigh *walks out*" holds one span, "*walks out*").
/// Words inside a bracket are not searched again. Stage directions are the asides that stand
/// [`Aside::alone`]; which of them count is each reader's choice (the analysis reads
/// acts of leaving in them, a suggested reflection leaves them out).
pub fn asides(line: &str) -> Vec<Aside> {
    let b = line.as_bytes();
    let mut out = Vec::new();
    // Cleared once no asterisk is left that could close (and at once when there is none).
    let mut stars = b.contains(&b'*');
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            open @ (b'(' | b'[') => {
                let close = if open == b'(' { b')' } else { b']' };
                if let Some(end) = matching(b, i, open, close) {
                    out.push(aside(line, i, end, true, out.last()));
                    i = end + 1;
                    continue;
                }
            }
            b'*' if stars => {
                let after_word = i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'*');
                let opens = b
                    .get(i + 1)
                    .is_some_and(|&c| !c.is_ascii_whitespace() && c != b'*');
                if !after_word && opens {
                    match b[i + 1..].iter().position(|&x| x == b'*') {
                        // No asterisk after this one closes anything.
                        None => stars = false,
                        // Not a close ("*sigh *walks out*"): that asterisk may open the next span.
                        Some(m) if b[i + m].is_ascii_whitespace() => {
                            i += 1 + m;
                            continue;
                        }
                        Some(m) => {
                            out.push(aside(line, i, i + 1 + m, false, out.last()));
                            i += m + 2;
                            continue;
                        }
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// Where the bracket `open` at `i` closes, nested brackets of its kind counted; `None` if it never does.
fn matching(b: &[u8], i: usize, open: u8, close: u8) -> Option<usize> {
    let mut depth = 0usize;
    for (j, &c) in b.iter().enumerate().skip(i) {
        if c == open {
            depth += 1;
        } else if c == close {
            depth -= 1;
            if depth == 0 {
                return Some(j);
            }
        }
    }
    None
}

/// The aside from the delimiter at `lo` to the one at `hi`; `prev` is the aside found before it, which
/// counts as a sentence's end only where it stood alone ("*sighs* (leaves)" holds two directions; "I
/// *really* *hate* it" holds emphasis twice).
fn aside(line: &str, lo: usize, hi: usize, bracket: bool, prev: Option<&Aside>) -> Aside {
    let before = &line[..lo];
    let said = before.trim_end();
    let alone = said.is_empty()
        || said.ends_with(['.', '!', '?', '\u{2026}'])
        || prev.is_some_and(|p| p.alone && p.outer.1 == said.len())
        || before[said.len()..].contains('\n')
        || line[hi + 1..].trim().is_empty();
    Aside {
        outer: (lo, hi + 1),
        inner: (lo + 1, hi),
        bracket,
        alone,
    }
}

/// Emoji of sympathy, love or comfort: hearts, crying and sad faces, warm smiles, a hug, folded hands,
/// flowers ("🙂❤️" to "does she look after you?" had read as a brush-off; a twelfth play test).
const WARM_EMOJI: &str =
    "❤♥❣💔💕💖💗💘💙💚💛💜💝💞💓🧡🤍🖤🤎🩵🩷😢😭😞😔🥺😿☹🙁😥😓🙂😊☺🥰😘🫂🤗🙏🫶💐🌹🌷🌼🌸";

/// Whether a reply is only emoji of sympathy, love or comfort ("😢", "❤️", "🫂🙏"), with their
/// variation selectors, joiners and skin tones. Said to someone's sadness they are a kindness; the
/// learned layer, which sees no word in them, reads every emoji-only reply as the thumbs-up brush-off
/// of the labelled data ("👍" to a complaint is stonewalling).
pub fn is_warm_emoji_only(reply: &str) -> bool {
    // Almost every reply opens with a letter: no emoji is ASCII.
    if reply
        .trim_start()
        .as_bytes()
        .first()
        .is_none_or(u8::is_ascii)
    {
        return false;
    }
    let mut any = false;
    for c in reply.chars() {
        if WARM_EMOJI.contains(c) {
            any = true;
        } else if !(c.is_whitespace() || is_emoji_dressing(c)) {
            return false;
        }
    }
    any
}

/// The longest reply [`is_laughter_only`] reads ("hahaha 😂😂😂" is well under it).
const LAUGHTER_MAX_BYTES: usize = 48;

/// Emoji that laugh ("😂", "🤣"): a line that holds one laughs. Not "😅", often a nervous smile
/// over bad news.
const LAUGH_EMOJI: &str = "😂🤣😆😄😁😹";

/// Whether a word is laughter typed out (any case): "lol", "lool", "lolol"; "haha", "ahaha",
/// "hahaha" ("ha" twice or more, so not "aha", "hah" or a sigh's "ahh"); "hehe"; "lmao", "lmfao" with
/// any more o's; "rofl"; "xd".
fn is_laugh_word(w: &str) -> bool {
    let w = w.to_ascii_lowercase();
    let only = |set: &str| w.chars().all(|c| set.contains(c));
    let lmao = ["lmao", "lmfao"].iter().any(|l| {
        w.strip_prefix(l)
            .is_some_and(|rest| rest.chars().all(|c| c == 'o'))
    });
    (only("lo") && w.len() >= 3 && w.starts_with('l') && w.ends_with('l'))
        || (only("ha") && w.matches("ha").count() >= 2)
        || (only("he") && w.matches("he").count() >= 2)
        || lmao
        || matches!(w.as_str(), "rofl" | "xd" | "xdd" | "xddd")
}

/// Emoji and other pictographs, which say something ("👍", "❤️", "⭐", "⌛"), unlike punctuation.
pub fn is_pictograph(c: char) -> bool {
    matches!(c as u32, 0x2300..=0x23FF | 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0x1F000..=0x1FAFF)
}

/// A character that only dresses an emoji: the variation selector, the joiner, a skin tone.
pub fn is_emoji_dressing(c: char) -> bool {
    c == '\u{FE0F}' || c == '\u{200D}' || ('\u{1F3FB}'..='\u{1F3FF}').contains(&c)
}

/// The pieces of a line between spaces and ASCII punctuation, cut again where ASCII letters meet
/// other characters: "haha😂" is "haha" and "😂". Only short replies and the lines they answer are
/// read this way ([`is_laughter_only`] refuses the rest first).
fn laugh_pieces(line: &str) -> impl Iterator<Item = &str> {
    line.split(|c: char| c.is_whitespace() || c.is_ascii_punctuation())
        .filter(|w| !w.is_empty())
        .flat_map(|w| {
            let mut cuts = vec![0];
            let b = w.as_bytes();
            cuts.extend(
                (1..b.len())
                    .filter(|&i| w.is_char_boundary(i) && b[i].is_ascii() != b[i - 1].is_ascii()),
            );
            cuts.push(w.len());
            (0..cuts.len() - 1).map(move |k| &w[cuts[k]..cuts[k + 1]])
        })
}

/// Whether a reply is only laughter ("lol", "hahaha!", "😂😂", "lmao 🤣"): laugh words and laughing
/// emoji, nothing else. Said to a line that laughs too ([`laughs`]) it laughs along; said to someone's
/// hurt it mocks, and the labels code that contempt.
pub fn is_laughter_only(reply: &str) -> bool {
    // Laughter is short and opens on a letter of a laugh word or an emoji: most replies fail here
    // (a reply of laughter longer than this is read word by word as any other).
    let first = reply
        .trim_start()
        .as_bytes()
        .first()
        .copied()
        .unwrap_or(b' ');
    if reply.len() > LAUGHTER_MAX_BYTES
        || !(first >= 0x80
            || matches!(first.to_ascii_lowercase(), b'l' | b'h' | b'a' | b'x' | b'r'))
    {
        return false;
    }
    let mut any = false;
    for w in laugh_pieces(reply) {
        if is_laugh_word(w) {
            any = true;
        } else if w
            .chars()
            .all(|c| LAUGH_EMOJI.contains(c) || is_emoji_dressing(c))
        {
            any |= w.chars().any(|c| LAUGH_EMOJI.contains(c));
        } else {
            return false;
        }
    }
    any
}

/// Whether a line laughs anywhere: a laugh word, or a laughing emoji in any piece ("I locked myself
/// out haha", "guess who fell in the pond 😂").
pub fn laughs(line: &str) -> bool {
    laugh_pieces(line).any(|w| is_laugh_word(w) || w.chars().any(|c| LAUGH_EMOJI.contains(c)))
}

/// Whether a reply is only keys run along, struck back and forth or held down on a keyboard ("asdf",
/// "qwerty", "hjkl;", "asdfasdf", "jkjkjk", "asdf jkl", "dddddddd"): no word of any language, so a
/// scenario reads it as a non-answer (its clarify line) whatever the scorer codes it as. Every word
/// must be ASCII letters that are three or more keys along one row of a QWERTY keyboard, each the next
/// key in the same direction; or such a run of three keys or more repeated whole; or a pair of
/// neighbouring keys struck three times or more ("jkjkjk", not "jkjk", "tyty" or "oioi"); or one
/// letter held for six or more, other than a vowel, "y" or a sound said long ("hmmmmm", "zzzzzz",
/// "shhhhh", "wwwwww"); four such keys at least in all. Real words are never such runs ("were" turns
/// back; "hmm", "wtf", "haha" and "xdxd" are not runs), and a word of any other script is no run.
pub fn is_key_mash(reply: &str) -> bool {
    let mut keys = 0;
    for word in reply
        .split(|c: char| c.is_whitespace() || c.is_ascii_punctuation() || c.is_ascii_digit())
        .filter(|w| !w.is_empty())
    {
        let w = word.as_bytes();
        if !w.iter().all(u8::is_ascii_alphabetic) || !is_key_run(w) {
            return false;
        }
        keys += w.len();
    }
    keys >= 4
}

/// A word that is one [`is_key_mash`] run: along a row, repeated, or held.
fn is_key_run(w: &[u8]) -> bool {
    // Each key the next along the row, all in one direction (no allocation: the tips read every
    // reply's first word).
    let along = |unit: &[u8]| {
        let step = |p: &[u8]| match (key_at(p[0]), key_at(p[1])) {
            (Some(a), Some(b)) if a.0 == b.0 => b.1 - a.1,
            _ => 0,
        };
        let first = step(&unit[..2]);
        first.abs() == 1 && unit.windows(2).all(|p| step(p) == first)
    };
    if w.len() >= 3 && along(w) {
        return true;
    }
    let held = w.len() >= 6
        && w.iter().all(|&c| c.eq_ignore_ascii_case(&w[0]))
        && !b"aeiouyhmszw".contains(&w[0].to_ascii_lowercase());
    // "asdfasdf", "jkjkjk": a run repeated whole, at least twice for three keys or more and three
    // times for two.
    held || (2..=w.len() / 2).any(|n| {
        let times = if n == 2 { 3 } else { 2 };
        w.len().is_multiple_of(n)
            && w.len() / n >= times
            && w.chunks(n).all(|c| c == &w[..n])
            && along(&w[..n])
    })
}

/// A letter's row and place on a QWERTY keyboard.
fn key_at(c: u8) -> Option<(usize, i32)> {
    const ROWS: [&[u8]; 3] = [b"qwertyuiop", b"asdfghjkl", b"zxcvbnm"];
    let c = c.to_ascii_lowercase();
    ROWS.iter()
        .enumerate()
        .find_map(|(r, row)| row.iter().position(|&k| k == c).map(|i| (r, i as i32)))
}

/// FNV-1a hash of a string, used to compare stems without allocating.
#[inline]
pub fn hash(s: &str) -> u64 {
    hash_bytes(s.as_bytes())
}

/// [`hash`] of a word's bytes.
#[inline]
pub fn hash_bytes(s: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in s {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(t: &Tokens) -> Vec<&str> {
        (0..t.toks.len()).map(|i| t.word(i)).collect()
    }

    #[test]
    fn a_line_asks_though_a_stage_direction_follows_the_question() {
        let asked = |line: &str| {
            let mut t = Tokens::default();
            t.fill(line);
            LineKind::of(&t, line, false, false).expect("words").asked
        };
        assert!(asked("Was that okay? (She waits.)"));
        assert!(asked("So... what now? *She looks at you.*"));
        assert!(asked("Was that ok? (she waits) (looks away)"));
        assert!(asked("Will you come?"));
        assert!(!asked("Will you come? I need to know by Friday."));
        assert!(!asked("(She sighs.) I'm tired."));
    }

    #[test]
    fn a_line_clarifies_only_when_it_asks_what_was_meant() {
        let kind = |line: &str| {
            let mut t = Tokens::default();
            t.fill(line);
            LineKind::of(&t, line, false, false).expect("words")
        };
        for line in [
            "Hah? What you mean?",
            "What do you mean by that?",
            "Meaning?",
        ] {
            assert!(kind(line).clarifies, "{line}");
        }
        for line in [
            "Why are you so mean?",
            "You're being mean.",
            "What did you do?",
        ] {
            assert!(!kind(line).clarifies, "{line}");
        }
    }

    #[test]
    fn person_words_are_whole_words_and_chat_spellings_count() {
        let second = |w: &str| matches!(person(w), Person::Second);
        for w in ["you", "your", "yours", "yourself", "u", "ur"] {
            assert!(second(w), "{w}");
        }
        // Whole words only; "yourselves" speaks to a group, not the one listener.
        for w in ["yo", "youth", "yourselves", "young", "up", "us", "urn"] {
            assert!(!second(w), "{w}");
        }
        // The chat spellings arrive expanded when they stand alone, not as a contraction's head.
        let mut t = Tokens::default();
        t.fill("u said ur coming");
        assert_eq!(words(&t), ["you", "said", "you", "are", "coming"]);
        t.fill("u said ur mum");
        assert_eq!(words(&t), ["you", "said", "your", "mum"]);
        t.fill("u'll be fine");
        assert_eq!(words(&t)[0], "u");
        assert!(matches!(person("i"), Person::First));
    }

    #[test]
    fn contractions_typed_without_apostrophes_expand() {
        let mut t = Tokens::default();
        for (typed, words_) in [
            (
                "hows the week been",
                &["how", "is", "the", "week", "been"][..],
            ),
            ("id like that", &["i", "would", "like", "that"]),
            ("shouldve gone", &["should", "have", "gone"]),
            ("im gonna ask", &["i", "am", "going", "to", "ask"]),
            ("dunno tbh", &["do", "not", "know", "tbh"]),
            ("wud u come", &["would", "you", "come"]),
            // "ID", "RN" in capitals and an owned "id" are the thing, not a chat spelling.
            ("my ID", &["my", "id"]),
            ("an RN", &["an", "rn"]),
            ("checked my id like", &["checked", "my", "id", "like"]),
        ] {
            t.fill(typed);
            assert_eq!(words(&t), words_, "{typed}");
        }
        // Each expanded word keeps the typed word's span.
        t.fill("id like");
        assert_eq!((t.toks[0].start, t.toks[1].end), (0, 2));
    }

    #[test]
    fn contractions_keep_spans() {
        let mut t = Tokens::default();
        let s = "I don’t think you’re STUPID";
        t.fill(s);
        assert_eq!(
            words(&t),
            ["i", "do", "not", "think", "you", "are", "stupid"]
        );
        assert_eq!(
            &s[t.toks[1].start as usize..t.toks[1].end as usize],
            "don’t"
        );
        assert!(t.has(6, CAPS));
        assert!(t.has(2, NEGATOR));
    }

    #[test]
    fn sentences_and_quotes() {
        let mut t = Tokens::default();
        t.fill("She said \"you never listen\". How did that feel?");
        assert_eq!(t.sents.len(), 2);
        assert!(t.sents[1].question_mark);
        assert!(t.has(3, QUOTED));
        assert!(!t.has(0, QUOTED));
        t.fill("she said you never listen and i felt awful");
        assert!(t.has(3, QUOTED));
    }

    #[test]
    fn reported_speech_in_a_clause_of_time_ends_with_the_clause() {
        let mut t = Tokens::default();
        t.fill("Before he said that line, what was the mood at the table?");
        let what = words(&t).iter().position(|w| *w == "what").expect("what");
        assert!(t.has(4, QUOTED), "\"that line\" is his");
        assert!(!t.has(what, QUOTED), "the question is the speaker's");
        // Reported speech in a main clause runs to the sentence's end.
        t.fill("she said you never listen, and i felt awful");
        assert!(t.has(8, QUOTED));
    }

    #[test]
    fn ur_is_youre_before_an_adjective_or_article_and_your_before_a_noun() {
        let mut t = Tokens::default();
        t.fill("ur right to be mad");
        assert_eq!(words(&t)[..3], ["you", "are", "right"]);
        t.fill("ur a dancer?? since when");
        assert_eq!(words(&t)[..3], ["you", "are", "a"]);
        t.fill("ur dad sounds fun");
        assert_eq!(words(&t)[..2], ["your", "dad"]);
        t.fill("ur in-laws");
        assert_eq!(words(&t)[0], "your");
    }

    #[test]
    fn norm_holds_the_expanded_words() {
        let mut t = Tokens::default();
        t.fill("I don't know");
        assert_eq!(t.norm, " i do not know ");
    }

    #[test]
    fn pack_is_the_first_bytes_zero_padded() {
        for w in [
            "",
            "a",
            "ab",
            "abc",
            "abcd",
            "abcde",
            "abcdef",
            "abcdefg",
            "abcdefgh",
            "abcdefghij",
        ] {
            let slow = w
                .bytes()
                .take(8)
                .enumerate()
                .fold(0u64, |k, (i, c)| k | u64::from(c) << (8 * i));
            assert_eq!(pack(w.as_bytes()), slow, "{w}");
        }
        let m = WordMap::new(
            ["you", "frustrating", "i", "frustrated"].map(|w| (w.to_string(), w.len())),
        );
        assert_eq!(m.get("frustrated"), Some(&10));
        assert_eq!(m.get("you"), Some(&3));
        assert_eq!(m.get("yo"), None);
        assert_eq!(m.get("frustratin"), None);
    }

    #[test]
    fn stems() {
        assert_eq!(stem("listening"), "listen");
        assert_eq!(stem("stopped"), "stop");
        assert_eq!(stem("worries"), "worr");
        assert_eq!(stem("worried"), "worr");
        assert_eq!(stem("dishes"), "dish");
    }

    #[test]
    fn asides_tell_stage_directions_from_emphasis() {
        // (inner words, bracket, alone) for each aside of the line.
        let found = |line: &str| -> Vec<(String, bool, bool)> {
            asides(line)
                .into_iter()
                .map(|a| (line[a.inner.0..a.inner.1].to_string(), a.bracket, a.alone))
                .collect()
        };
        let s = |w: &str, bracket: bool, alone: bool| (w.to_string(), bracket, alone);
        assert_eq!(
            found("So? (She grips the chair.) I'm not *going* anywhere. *walks out*"),
            [
                s("She grips the chair.", true, true),
                s("going", false, false),
                s("walks out", false, true),
            ]
        );
        // Nested brackets close together; an unclosed one and a smiley open nothing.
        assert_eq!(
            found("(laughs (nervously)) fine :( and (honestly) ok"),
            [
                s("laughs (nervously)", true, true),
                s("honestly", true, false)
            ]
        );
        assert_eq!(found("I was (honestly fine"), []);
        // A line break ends a sentence; "s**t" and "**" open nothing; "*sigh *walks out*" holds one span.
        assert_eq!(found("idk\n*shrugs* whatever"), [s("shrugs", false, true)]);
        assert_eq!(found("this s**t is **so** much"), []);
        assert_eq!(found("*sigh *walks out*"), [s("walks out", false, true)]);
        // An aside ends a sentence only where it stood alone itself; any character but a space opens.
        assert_eq!(
            found("I *really* *hate* it"),
            [s("really", false, false), s("hate", false, false)]
        );
        assert_eq!(
            found("*sighs* (leaves) ok"),
            [s("sighs", false, true), s("leaves", true, true)]
        );
        assert_eq!(
            found("*...walks away* fine"),
            [s("...walks away", false, true)]
        );
        assert_eq!(found("ok *😭*"), [s("😭", false, true)]);
        // Offsets are bytes of the line, after any multi-byte text.
        let line = "Café… *leaves*";
        let a = asides(line)[0];
        assert_eq!((&line[a.outer.0..a.outer.1], a.alone), ("*leaves*", true));
    }

    #[test]
    fn laughter_is_laugh_words_and_laughing_emoji() {
        for laugh in [
            "lol", "LOL", "lolol", "haha", "hahaha!", "ahaha", "hehe", "lmao", "lmaooo", "xD",
            "😂😂", "lol 🤣", "haha😂",
        ] {
            assert!(is_laughter_only(laugh), "{laugh:?}");
        }
        for not in [
            "lol ok", "ha", "he", "hah", "aha", "ahh", "hello", "hell", "loo", "all", "😢", "😅",
            "", "?", "hah, no",
        ] {
            assert!(!is_laughter_only(not), "{not:?}");
        }
        assert!(laughs("I just locked myself out of my flat haha"));
        assert!(laughs("guess who fell in the pond 😂"));
        assert!(!laughs("I feel so low today"));
        assert!(!laughs("ahh I failed my test again 😅"));
        assert!(!laughs("Hello, how are you?"));
    }

    #[test]
    fn key_mashes_are_runs_along_a_row() {
        for mash in [
            "asdf", "qwerty", "hjkl;", "asdfasdf", "jkjkjk", "asdf jkl", "LKJH", "poiuy",
            "dddddddd",
        ] {
            assert!(is_key_mash(mash), "{mash:?}");
        }
        for said in [
            "were",
            "hmm",
            "wtf",
            "haha",
            "xdxd",
            "jkl",
            "ok",
            "asdf, I mean no",
            "tree",
            "?",
            "",
            "lolol",
            "mmmm",
            "zzzz",
            "sdfg is not a word but this is",
            "jkjk",
            "tyty",
            "oioi",
            "hmmmmmmm",
            "zzzzzzzz",
            "aaaaaaaa",
            "wwwwwwww",
            "Привет, qwerty",
        ] {
            assert!(!is_key_mash(said), "{said:?}");
        }
    }
}
