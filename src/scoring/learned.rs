//! The learned layer over the rule engine: hashed features with byte spans → one logistic model per code, plus style and behaviour.
//!
//! Features are word and character n-grams, the rule engine's lexicon hits, rule matches and code
//! decisions, overlap with the line before, and sentence form (person, negation, question form).
//! Each feature is hashed into one of `2^bits` buckets and keeps the byte span of the words that
//! produced it, so a learned decision can point at the words that contributed most.
//!
//! The weights file (`assets/scoring/model.bin`) is written by `rapport train` (see
//! `docs/scoring.md` and `assets/scoring/MODEL_CARD.md`).

use super::analyse::{Findings, Scratch};
use super::codes::{CodeSet, Tag};
use super::text::{self, CAPS, NEGATOR, QUOTED};
use super::{Behaviour, Code, Perspective};

/// One feature occurrence: its bucket and the bytes of the reply it came from (`(0, 0)` for whole-reply features).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Feature {
    /// Hash bucket.
    pub bucket: u32,
    /// Byte span in the reply.
    pub start: u32,
    /// End of the byte span.
    pub end: u32,
    /// A whole-reply fact (a rule hit or decision, the style, the overlap bucket, whether the line before
    /// asked for advice, the length bucket): counts 1 whatever the reply's length; n-grams and the
    /// per-sentence form features are scaled by [`Model::scale`] instead.
    pub fixed: bool,
}

/// The features of one reply (a reusable buffer).
#[derive(Debug, Clone, Default)]
pub struct Features {
    /// Occurrences, in extraction order (a bucket may repeat; each counts once per occurrence).
    pub items: Vec<Feature>,
    /// Whether any sentence of the reply has a second-person word ("you", "your"; [`text::person`]),
    /// read off the sentence-form features ([`Guards::no_second_person`]).
    pub second_person: bool,
    /// Whether the line before has words and none of them speaks to the listener ("you", "your"), or
    /// it only asks what was meant ([`text::LineKind::clarifies`]); read off the exchange feature
    /// ([`Guards::unaddressed`]).
    pub unaddressed: bool,
    mask: u32,
    /// Scratch: each token's word hash, so a word is hashed once however many features it is in.
    words: Vec<u64>,
}

/// FNV-1a over a kind byte and then bytes or whole words, without allocating; mixed by one multiply at the end.
#[derive(Clone, Copy)]
struct H(u64);

impl H {
    #[inline]
    fn new(kind: u8) -> H {
        H((0xcbf2_9ce4_8422_2325u64 ^ kind as u64).wrapping_mul(0x0100_0000_01b3))
    }
    #[inline]
    fn bytes(mut self, s: &[u8]) -> H {
        for &b in s {
            self.0 = (self.0 ^ b as u64).wrapping_mul(0x0100_0000_01b3);
        }
        self
    }
    /// Mixes in one 64-bit value in one step: a word's [`text::hash`] (computed once per token), or a
    /// character trigram packed by [`text::pack`].
    #[inline]
    fn word(self, w: u64) -> H {
        H((self.0 ^ w).wrapping_mul(0x0100_0000_01b3).rotate_left(29))
    }
    #[inline]
    fn num(self, n: u32) -> H {
        self.bytes(&n.to_le_bytes())
    }
    #[inline]
    fn finish(self) -> u32 {
        // Folds the high half in, then one multiply spreads FNV's low-bit differences to the bits
        // the bucket mask keeps (half of splitmix64's finaliser: every input bit reaches bits
        // 32..48 of the product, which the mask keeps at up to 2^16 buckets).
        let h = self.0 ^ (self.0 >> 32);
        (h.wrapping_mul(0x94d0_49bb_1331_11eb) >> 32) as u32
    }
}

/// Feature kinds (the first byte hashed), so equal strings of different kinds do not collide by design.
mod kind {
    pub const WORD: u8 = 1;
    pub const BIGRAM: u8 = 2;
    pub const CHAR3: u8 = 3;
    pub const FIRST: u8 = 4;
    pub const FIRST2: u8 = 5;
    pub const LAST: u8 = 6;
    pub const RULE: u8 = 7;
    pub const CODE: u8 = 8;
    pub const FORM: u8 = 9;
    pub const CONTEXT: u8 = 10;
    pub const BIAS: u8 = 11;
    pub const PERSP_WORD: u8 = 12;
    pub const EMOJI: u8 = 13;
}

/// Where [`Features::extract`] writes: the list taken out of [`Features`] while it is filled, so
/// its length and the bucket mask are not reloaded from the buffer after every push.
struct Sink {
    items: Vec<Feature>,
    mask: u32,
}

impl Sink {
    /// A feature scaled by the reply's length (n-grams, sentence form).
    #[inline]
    fn push(&mut self, h: H, start: u32, end: u32) {
        self.items.push(Feature {
            bucket: h.finish() & self.mask,
            start,
            end,
            fixed: false,
        });
    }

    /// A feature that counts 1 whatever the reply's length (rule hits and decisions, context, form).
    #[inline]
    fn push_fixed(&mut self, h: H, start: u32, end: u32) {
        self.items.push(Feature {
            bucket: h.finish() & self.mask,
            start,
            end,
            fixed: true,
        });
    }
}

impl Features {
    /// log2 of the number of buckets this buffer hashes into.
    pub fn bits(&self) -> u32 {
        (self.mask + 1).trailing_zeros()
    }

    /// An empty buffer for `2^bits` buckets.
    pub fn new(bits: u32) -> Features {
        Features {
            items: Vec::with_capacity(256),
            second_person: false,
            unaddressed: false,
            mask: (1u32 << bits) - 1,
            words: Vec::with_capacity(64),
        }
    }

    /// Extracts the features of the reply analysed last into `s` and `f` (call after the rule analysis).
    pub fn extract(&mut self, s: &Scratch, f: &Findings, perspective: Perspective) {
        let mut out = Sink {
            items: std::mem::take(&mut self.items),
            mask: self.mask,
        };
        out.items.clear();
        let toks = &s.toks;
        let n = toks.toks.len();
        let p = match perspective {
            Perspective::Client => b'c',
            Perspective::Therapist => b't',
        };
        out.push_fixed(H::new(kind::BIAS).bytes(&[p]), 0, 0);
        let span = |i: usize| (toks.toks[i].start, toks.toks[i].end);
        // The hash states after each feature's fixed first bytes, computed once per reply.
        let quoted_word = H::new(kind::WORD).bytes(b"q");
        let own_word = H::new(kind::WORD).bytes(b"w");
        let persp_word = H::new(kind::PERSP_WORD).bytes(&[p]);
        // A reply in capitals throughout is read as one form, not as emphasis on every word: a
        // "caps" feature per word summed over a whole reply outweighed what the words said (a
        // fifteenth play test's all-capitals replies lost every code but shouting).
        let all_caps = toks.mostly_caps();
        if all_caps {
            out.push_fixed(H::new(kind::FORM).bytes(b"allcaps"), 0, 0);
        }
        // Emoji: the tokeniser keeps no word of them, so without this every emoji-only reply read
        // alike ("👍" to a complaint, "😂" to a joke, "🙂" to a worry). Each pictograph counts once
        // however often it is repeated in a row ("😂😂😂", "❤️❤️", "👍🏽👍🏽"); what only dresses one (a
        // variation selector, a joiner, a skin tone) is no feature and does not end the run.
        if !s.last_text.is_ascii() {
            let mut prev = '\0';
            for (i, c) in s.last_text.char_indices() {
                if text::is_emoji_dressing(c) {
                    continue;
                }
                if c != prev && text::is_pictograph(c) {
                    let mut buf = [0u8; 4];
                    let e = H::new(kind::EMOJI).bytes(c.encode_utf8(&mut buf).as_bytes());
                    out.push_fixed(e, i as u32, (i + c.len_utf8()) as u32);
                }
                prev = c;
            }
        }
        let mut hashes = std::mem::take(&mut self.words);
        hashes.clear();
        // Each token's normalised bytes: its `Tokens::word`, without a `str` slice's boundary checks.
        let norm = toks.norm.as_bytes();
        let bytes = |t: &text::Tok| &norm[t.n0 as usize..t.n1 as usize];
        hashes.extend(toks.toks.iter().map(|t| text::hash_bytes(bytes(t))));
        for (i, t) in toks.toks.iter().enumerate() {
            let w = bytes(t);
            let wh = hashes[i];
            let (a, b) = (t.start, t.end);
            // Words in quotation or reported speech are someone else's: their own feature space.
            let word = if t.flags & QUOTED != 0 {
                quoted_word
            } else {
                own_word
            };
            out.push(word.word(wh), a, b);
            out.push(persp_word.word(wh), a, b);
            if let Some(next) = toks.toks.get(i + 1)
                && next.sent == t.sent
            {
                out.push(
                    H::new(kind::BIGRAM).word(wh).word(hashes[i + 1]),
                    a,
                    next.end,
                );
            }
            // Character trigrams of longer words, with word boundaries: robust to typos and fused words.
            // The trigrams of `<`, the first 38 bytes and `>`, each packed as `text::pack` packs three
            // bytes (`b0 | b1 << 8 | b2 << 16`), rolled along the word a byte at a time.
            if w.len() >= 4 && w.is_ascii() {
                let m = w.len().min(38);
                let char3 = H::new(kind::CHAR3);
                let mut two = u64::from(b'<') | u64::from(w[0]) << 8;
                for &c in &w[1..m] {
                    let tri = two | u64::from(c) << 16;
                    out.push(char3.word(tri), a, b);
                    two = tri >> 8;
                }
                out.push(char3.word(two | u64::from(b'>') << 16), a, b);
            }
            if t.flags & CAPS != 0 && !all_caps {
                out.push(H::new(kind::FORM).bytes(b"caps"), a, b);
            }
            if t.flags & NEGATOR != 0 {
                out.push(H::new(kind::FORM).bytes(b"neg"), a, b);
            }
        }
        // Hesitation sounds, dropped from the words (`Tokens::fillers`): each is still the word "um" to
        // the model, and the hedge the rules read it as.
        if !toks.fillers.is_empty() {
            let um = text::hash_bytes(b"um");
            for &(a, b) in &toks.fillers {
                out.push(own_word.word(um), a, b);
                out.push(persp_word.word(um), a, b);
                out.push_fixed(H::new(kind::RULE).num(Tag::Hedging as u32), a, b);
            }
        }
        // Sentence form: the opening words, the closing word, the question mark, person.
        let last_sent = toks.sents.len().saturating_sub(1);
        self.second_person = false;
        for (si, sent) in toks.sents.iter().enumerate() {
            let (t0, t1) = (sent.t0 as usize, sent.t1 as usize);
            if t0 >= t1 {
                continue;
            }
            let pos: &[u8] = if si == last_sent { b"L" } else { b"S" };
            let (a0, b0) = span(t0);
            out.push(H::new(kind::FIRST).bytes(pos).word(hashes[t0]), a0, b0);
            if t0 + 1 < t1 {
                out.push(
                    H::new(kind::FIRST2)
                        .bytes(pos)
                        .word(hashes[t0])
                        .word(hashes[t0 + 1]),
                    a0,
                    toks.toks[t0 + 1].end,
                );
            }
            let (al, bl) = span(t1 - 1);
            let qm: &[u8] = if sent.question_mark { b"?" } else { b"." };
            out.push(H::new(kind::LAST).bytes(qm).word(hashes[t1 - 1]), al, bl);
            out.push(
                H::new(kind::FORM).bytes(b"end").bytes(pos).bytes(qm),
                sent.start,
                sent.end,
            );
            let (first, second) = text::persons(toks, t0..t1);
            self.second_person |= second;
            let neg = (t0..t1).any(|t| toks.has(t, NEGATOR));
            let person: &[u8] = match (first, second) {
                (true, true) => b"both",
                (true, false) => b"i",
                (false, true) => b"you",
                (false, false) => b"none",
            };
            out.push(
                H::new(kind::FORM)
                    .bytes(b"person")
                    .bytes(person)
                    .bytes(qm)
                    .bytes(if neg { b"n" } else { b"p" }),
                sent.start,
                sent.end,
            );
        }
        let sentences = toks.sents.len().min(4) as u32;
        let words = match n {
            0 => 0,
            1..=3 => 1,
            4..=10 => 2,
            11..=25 => 3,
            26..=60 => 4,
            _ => 5,
        };
        out.push_fixed(
            H::new(kind::FORM).bytes(b"len").num(words).num(sentences),
            0,
            0,
        );
        // The exchange: what kind of line the reply answers — whether it is about "you" or "me" and
        // whether it asked — so that the same words can weigh differently after a complaint about the
        // listener than after a question about the weekend. (Crossing it with the reply's length helped
        // defensiveness as much on validation but made short replies after an "I…" line look like
        // reflections: "That sounds like a great idea!" rose to p 0.51.)
        // The line's kind is worked out once per context, with the rest of the context (`Scratch`).
        self.unaddressed = s.ctx_line.is_some_and(|k| !k.about_you || k.clarifies);
        if let Some(k) = s.ctx_line {
            let line = H::new(kind::CONTEXT).bytes(b"line").bytes(&[
                k.about_you as u8,
                k.about_me as u8,
                k.asked as u8,
            ]);
            out.push_fixed(line, 0, 0);
            // A reply of three tokens or fewer ("don't" is two) is read by what it answers: "Leeds."
            // after "Where are you from?" is an answer, "k." after a complaint is a brush-off. Crossed
            // with short replies only (see above for why not with every length), and for them with
            // whether the line names a feeling or offers something: "k" to "I still can't believe he's
            // gone" turns away, "k" to "I'll do the dishes if you sort the bins, deal?" agrees (a
            // twenty-fifth play test; round 27's held-out lazy replies moved 23 towards their labels
            // and 6 away). A laughing line was tried as a third bit and dropped (validation mean F1
            // 0.7013 → 0.6998).
            if n <= 3 {
                out.push_fixed(
                    line.bytes(b"short").bytes(&[k.feels as u8, k.offers as u8]),
                    0,
                    0,
                );
            }
        }
        // Rule matches (codes and cues) and the rule engine's own decisions.
        for x in &s.found {
            let (a, _) = span(x.t0 as usize);
            let (_, b) = span((x.t1 as usize).max(x.t0 as usize + 1).min(n) - 1);
            out.push_fixed(H::new(kind::RULE).num(x.tag as u32), a, b);
        }
        // Shouting is marked word by word ("I FEEL REALLY HURT…" marks every word); it counts once, as
        // one fact about the reply, or a reply in capitals would outweigh whatever its words said.
        let mut shouted = false;
        for e in &f.evidence {
            if e.code == Code::Shouting {
                if shouted {
                    continue;
                }
                shouted = true;
            }
            out.push_fixed(
                H::new(kind::CODE).num(e.code as u32),
                e.start as u32,
                e.end as u32,
            );
        }
        let style = f.style as u32;
        out.push_fixed(H::new(kind::CODE).bytes(b"style").num(style), 0, 0);
        // The line before: overlap, and whether it asked for advice or was a question.
        let overlap = match f.overlap {
            0 => 0,
            1 => 1,
            2 => 2,
            3..=4 => 3,
            _ => 4,
        };
        let ratio = if f.words == 0 {
            0
        } else {
            ((f.overlap * 4) / f.words.max(1)).min(3) as u32
        };
        out.push(H::new(kind::CONTEXT).bytes(b"overlap").num(overlap), 0, 0);
        out.push(H::new(kind::CONTEXT).bytes(b"ratio").num(ratio), 0, 0);
        if f.advice_asked {
            out.push(H::new(kind::CONTEXT).bytes(b"asked-advice"), 0, 0);
        }
        if s.ctx_key.is_none() {
            out.push(H::new(kind::CONTEXT).bytes(b"no-context"), 0, 0);
        }
        // Words whose stem the line before shares (with no content words there, none can be).
        let shares = !s.ctx_stems.is_empty();
        for (i, &wh) in hashes.iter().enumerate() {
            let w = toks.word(i);
            if !shares || w.len() < 3 {
                continue;
            }
            // The rule pass hashed the content words' stems already (0 where it did not).
            let stem = match s.word_stems[i] {
                0 => text::hash(text::stem(w)),
                h => h,
            };
            if s.ctx_stems.binary_search(&stem).is_ok() {
                let (a, b) = span(i);
                out.push(H::new(kind::CONTEXT).bytes(b"shared"), a, b);
                out.push(H::new(kind::CONTEXT).bytes(b"shared-w").word(wh), a, b);
            }
        }
        self.words = hashes;
        self.items = out.items;
    }
}

/// What the guide's "not when" rules need to know about a reply beyond its probabilities: where one
/// holds, the learned layer does not add the code, or (a trait label) does not veto it (see
/// [`Model::decide`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Guards {
    /// The rules found the reply hedged ([`Code::Hedging`], before any learned decision). A request
    /// the reply hedges away ("I was maybe wondering if you could possibly… help?") is not a request.
    pub hedged: bool,
    /// The rules found praise — appreciation or affirmation, and no sarcasm or insult (before any
    /// learned decision). Their own "not when" rule drops "always" / "never" and criticism beside praise
    /// in a sentence ("You always make me laugh." is praise, not an attack), so the learned layer does
    /// not add either back, nor a confront ("That's not easy.", "That's not a bad idea." credit the
    /// effort or the idea in a confront's "that is not…"). This guard covers the whole reply, not the sentence: in "Thanks for dinner.
    /// You only ever think about yourself." the model cannot add what the rules miss in the second
    /// sentence (the rules' own finding there still stands).
    pub praised: bool,
    /// The line before speaks to no one ("you") — the speaker's own news or feelings, a question about
    /// the weekend — or only asks what was meant ("Hah? What you mean?") ([`Features::unaddressed`]).
    /// Defensiveness answers a complaint or a charge; with none made, a plain circumstance ("The traffic
    /// was bad on the way.") is not one. In the labelled training data, 43 of 1,471 client replies coded
    /// defensiveness answer a line that speaks to no one.
    pub unaddressed: bool,
    /// The reply speaks to no one ([`Features::second_person`] is false). A disguised
    /// you-statement is criticism of "you" dressed as an I-statement; "I feel like I'm not being
    /// heard." owns a feeling. In the labelled training data, 1 of 364 disguised you-statements has no
    /// second-person word ("youve" is expanded to "you have" before this is read).
    pub no_second_person: bool,
    /// The reply is a picked scenario option its author tagged with strengths only
    /// ([`Code::polarity`] of its tags). The author's tags are the expert reading of those exact words in
    /// that exact place, and the app counts them as found; a pitfall the model would add there
    /// contradicts the scenario it belongs to ("Right. Thanks. Quarter to seven, then." read as mock
    /// thanks). Typed replies, whatever their words, are read as ever.
    pub strengths_pick: bool,
    /// The rules found criticism in a trait word said of the listener ([`Findings::trait_label`]):
    /// "You're so closed off" attacks character whoever says it, so no veto takes it away. Therapists'
    /// rule-found criticism is mostly a reflection of the client's own "never" or "every time", which
    /// the veto is for; a therapist's trait label is rare in the labelled data (under ten), too rare
    /// for the model to learn.
    pub trait_label: bool,
    /// A sentence the rules read as a reflection opens with a stem that announces one
    /// ([`Findings::listening_stem`]: "it sounds like", "so you feel", "what I'm hearing"). From a
    /// client, "It sounds like this is a shock for you too." says back what was heard in so many words,
    /// and the model, having seen few reflections from clients, gives it under 1%: no veto takes such a
    /// client's reflection away. Every other reflection the rules find ("YOU HAD THEM LAST YEAR. STOP
    /// LYING.", "You must be joking.", and every therapist's) is vetoed where the model is sure it is
    /// none.
    pub listening_stem: bool,
    /// The reply is a few words of praise and nothing else ([`Findings::bare_praise`]: "Great.",
    /// "Well done!", "Oh, lovely."): it keeps no sarcasm and no contempt, neither the learned layer's
    /// nor the rules' ("^ oh great"), since neither can tell the line before that makes them mockery
    /// from the one that makes them praise. Praise that mocks by its form ("Great, just great.",
    /// "PERFECT.") is not bare praise.
    pub bare_praise: bool,
    /// The reply is only emoji of sympathy, love or comfort ([`Findings::warm_emoji`]: "😢", "❤️"):
    /// it keeps no pitfall, the model's or the rules'. The model sees no word in an emoji and reads
    /// every emoji-only reply as the labelled data's "👍" to a complaint, stonewalling; the labels give
    /// "💔" to a widower's voicemail and "❤️" to an anniversary no code.
    pub warm_emoji: bool,
    /// The reply laughs along with a line that laughs ([`Findings::laughs_along`]: "lol" to "I locked
    /// myself out haha"): no contempt, sarcasm or stonewalling stands. The labels code laughter at
    /// someone's hurt contempt, and the model, which reads the line before only through a few features,
    /// gave "lol" after a joke contempt at 0.81.
    pub laughs_along: bool,
    /// A therapist's sentence the rules read as a reflection comes before a question that opens as one
    /// ([`Findings::reflect_then_ask`]: "He never calls. How does that leave you?"). The model reads the
    /// reply whole and gives such a reflection as little as 0.04 once a question follows, where the same
    /// first sentence alone gets 0.79–0.97: the trained veto is not applied, only the 1% floor (a
    /// persuading sentence, "You really need to stop drinking.", is no reflection to the rules).
    pub reflect_then_ask: bool,
    /// A therapist asks about suicide straight out ([`Findings::risk_asked`]: "Have you thought about
    /// killing yourself?"): no advice or persuading stands, the model reading "have you thought about"
    /// as a suggestion (a play test's before-the-birthday sent it down the minimising route), and no
    /// confront, criticism, contempt or absolute ("Do you ever think about…" read as an attack).
    pub risk_asked: bool,
    /// Every apology is a condolence ([`Findings::condolence_only`]: "I'm sorry for your loss"): no
    /// responsibility stands, the model reading "I'm sorry" as owning a part wherever it stands.
    pub condolence_only: bool,
    /// The reply tells the listener they should be proud ([`Findings::told_proud`]): the rules'
    /// affirmation is not vetoed (and [`Guards::ruled_out`] holds insult, contempt and sarcasm).
    pub told_proud: bool,
    /// Codes the rules ruled out by a "not when" of their own ([`Findings::ruled_out`]: a put-down of
    /// the speaker, blame someone else holds, the listener's words said back, a feeling denied and
    /// named, a duty in autonomy's words, a feeling granted): the model does not add them. The model
    /// reads "such an idiot", "your fault", "I'm not angry" or "of course you" the same wherever they
    /// stand; the rules read where they stand.
    pub ruled_out: CodeSet,
    /// The reply grants the listener a feeling ([`Findings::feeling_granted`]: "Of course you miss
    /// her"): its style is not hostile for the model alone ([`super::engine`]).
    pub feeling_granted: bool,
}

impl Guards {
    /// Whether `code` cannot stand on this reply, whoever found it, the rules or the model: sarcasm
    /// and contempt on bare praise, any pitfall on emoji of sympathy, advice or persuading in a
    /// question about suicide (or an attack code), responsibility in a condolence, contempt, sarcasm
    /// and stonewalling in laughter shared.
    #[inline]
    pub fn drops(&self, code: Code) -> bool {
        (self.bare_praise && matches!(code, Code::Sarcasm | Code::Contempt))
            || (self.warm_emoji && code.is_strength() == Some(false))
            || (self.risk_asked
                && matches!(
                    code,
                    Code::Advice
                        | Code::Persuade
                        | Code::PersuadeWithPermission
                        | Code::Confront
                        | Code::Criticism
                        | Code::Contempt
                        | Code::Absolute
                ))
            || (self.condolence_only && code == Code::Responsibility)
            || (self.laughs_along
                && matches!(code, Code::Contempt | Code::Sarcasm | Code::Stonewalling))
    }

    /// The guards for the reply just analysed: from the rules' findings (before any learned decision),
    /// its features and the author's tags of a picked option (none for a typed reply). Training and
    /// scoring both build them here, so they read the same inputs (training's replies, its labelled
    /// items, are typed).
    pub fn of(f: &Findings, feats: &Features, tags: &[Code]) -> Guards {
        Guards {
            hedged: f.has(Code::Hedging),
            praised: (f.has(Code::Appreciation) || f.has(Code::Affirmation))
                && !f.has(Code::Sarcasm)
                && !f.has(Code::Insult),
            unaddressed: feats.unaddressed,
            no_second_person: !feats.second_person,
            strengths_pick: Code::polarity(tags) == Some(true),
            trait_label: f.trait_label,
            listening_stem: f.listening_stem,
            bare_praise: f.bare_praise,
            warm_emoji: f.warm_emoji,
            laughs_along: f.laughs_along,
            reflect_then_ask: f.reflect_then_ask,
            risk_asked: f.risk_asked(),
            condolence_only: f.condolence_only,
            told_proud: f.told_proud,
            feeling_granted: f.feeling_granted,
            ruled_out: f.ruled_out,
        }
    }
}

/// What one output of the model predicts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// Whether the reply shows this code (a binary decision).
    Code(Code),
    /// The reply's style (one of five, softmax).
    Style(super::Style),
    /// The reply's main listening behaviour (one of four, softmax).
    Behaviour(Behaviour),
}

impl Output {
    /// The name stored in the weights file ("code:open_question", "style:assertive", "behaviour:question").
    pub fn name(self) -> String {
        match self {
            Output::Code(c) => format!("code:{}", c.key()),
            Output::Style(s) => format!("style:{}", s.key()),
            Output::Behaviour(b) => format!("behaviour:{}", b.key()),
        }
    }

    /// The output with this stored name.
    pub fn from_name(name: &str) -> Option<Output> {
        let (kind, key) = name.split_once(':')?;
        match kind {
            "code" => Code::from_key(key).map(Output::Code),
            "style" => super::Style::from_key(key).map(Output::Style),
            "behaviour" => Behaviour::from_key(key).map(Output::Behaviour),
            _ => None,
        }
    }

    /// Every output the model has, in file order: the codes it decides, then styles, then behaviours.
    pub fn all() -> Vec<Output> {
        Code::CONCRETE
            .iter()
            .copied()
            .filter(|c| *c != Code::Crisis)
            .map(Output::Code)
            .chain(super::Style::ALL.iter().copied().map(Output::Style))
            .chain(Behaviour::ALL.iter().copied().map(Output::Behaviour))
            .collect()
    }
}

/// What goes wrong reading a weights file.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ModelError {
    /// Not a Rapport model file, or a version this program cannot read.
    #[error("not a Rapport model file of version 7")]
    BadHeader,
    /// The file ends early or its sizes do not add up.
    #[error("model file is truncated or inconsistent")]
    Truncated,
    /// An output name this program does not know.
    #[error("model names an output this program does not know: {0}")]
    UnknownOutput(String),
    /// An output's weight step is zero, negative or not finite (training never writes one).
    #[error("model has an output whose weight step is not a positive number")]
    BadScale,
}

/// A trained linear model: per bucket, one weight per output; per output a bias, Platt calibration and a decision threshold.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// log2 of the number of buckets.
    pub bits: u32,
    /// What each output predicts.
    pub outputs: Vec<Output>,
    /// `2^bits × outputs.len()` float weights, row-major by bucket, while training; empty once the
    /// model is [quantized](Model::quantize) (what training returns and the weights file holds).
    pub weights: Vec<f32>,
    /// The weights as shipped and read when scoring: int8 with one scale per output. `None` only while
    /// training, when [`Model::weights`] holds them.
    pub quant: Option<Quantized>,
    /// One bias per output.
    pub bias: Vec<f32>,
    /// Platt calibration per output: probability = σ(a · logit + b).
    pub platt: Vec<(f32, f32)>,
    /// Decision threshold per output, on the calibrated probability: for a code, the model finds it
    /// when its probability is at least this; style and behaviour outputs do not use it.
    pub threshold: Vec<f32>,
    /// The style gate: the model's style replaces the rules' when its probability reaches this.
    pub style_gate: f32,
    /// Per binary output: how the learned decision combines with the rules' (chosen on validation);
    /// whatever the combination, the model gives the code's probability.
    pub combine: Vec<Combine>,
    /// Per binary output and perspective (client, therapist): a rule finding stands only when the
    /// model's probability is at least this (0: the rules' findings always stand). Training sets every
    /// vetoable code's level to [`VETO_FLOOR`] at least, higher only where the model, confident that the
    /// code is absent, is right more often than the rule on held-out data of that perspective, and
    /// lower only where the ESConv check lifts a therapist level.
    pub veto: Vec<[f32; 2]>,
}

/// How one code's learned decision combines with the rule engine's (stored as one byte per output).
///
/// The model adds what the rules miss, or the rules decide alone; separately, a rule finding can be
/// vetoed when the model is confident the code is absent ([`Model::veto`], see `train::set_thresholds`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Combine {
    /// The rules decide (the learned decision did not beat them on validation, or too few examples).
    Rules = 1,
    /// Found when the rules or the model find it: the model adds what the rules miss.
    #[default]
    Either = 2,
}

impl Combine {
    /// The combined decision from the rules' (`rules`) and the model's (`model`: probability ≥ threshold).
    #[inline]
    pub fn apply(self, rules: bool, model: bool) -> bool {
        match self {
            Combine::Rules => rules,
            Combine::Either => rules || model,
        }
    }

    /// Its name in the model card.
    pub fn name(self) -> &'static str {
        match self {
            Combine::Rules => "rules",
            Combine::Either => "rules or model",
        }
    }

    fn from_byte(b: u8) -> Option<Combine> {
        match b {
            1 => Some(Combine::Rules),
            2 => Some(Combine::Either),
            _ => None,
        }
    }
}

const MAGIC: &[u8; 8] = b"RPRMDL07";

/// The least veto level training gives every vetoable code in both perspectives ([`Model::veto`];
/// the ESConv check may lift a therapist level under it): a rule finding the model gives less than 1%
/// is dropped. Such a code would be shown muted at "0%", penalised
/// in the scores and named in the tips; on the validation split it is almost always wrong — 107 client
/// self-focus findings on "I was…" dropped, none right, and 64 therapist affirmations, none right.
/// Summaries are exempt, as from the trained levels, and so is a client's reflection that opens with
/// a stem announcing one ([`Guards::listening_stem`]): a client's textbook "It sounds like this is a
/// shock for you too." is a reflection the model, which has seen few from clients, gives less than 1%.
pub const VETO_FLOOR: f32 = 0.01;

/// Whether a rule finding of `code` may be vetoed at all. Summaries never are: the trainee's
/// summaries are rare in the labelled data (too few for a level to be measured), and a session's
/// figures rest on them. Training sets no veto level for them (not even [`VETO_FLOOR`]), and
/// [`Model::decide`] applies none.
///
/// Reflections are vetoable, but for a client's that opens with a stem announcing one
/// ([`Guards::listening_stem`]). Through weights `679b9600` they were exempt like summaries. On the
/// validation split the rules' reflections in client replies were wrong 107 times (counter-attacks
/// that reuse the other person's words: "YOU HAD THEM LAST YEAR. STOP LYING.") and right 11 times;
/// with reflections vetoable, 87 of the wrong ones go and none of the right ones (docs/scoring-history.md).
pub fn vetoable(code: Code) -> bool {
    code != Code::Summary
}

/// The number of outputs of a model with every output [`Output::all`] lists (the shipped layout).
const OUTPUTS: usize = Code::CONCRETE.len() - 1 + super::Style::ALL.len() + Behaviour::ALL.len();

/// The row stride of the shipped layout's int8 weights: [`OUTPUTS`] rounded up to 16 bytes.
const STRIDE: usize = stride(OUTPUTS);

/// The int8 row stride for `k` outputs: `k` rounded up to 16 bytes (at least 16).
const fn stride(k: usize) -> usize {
    if k == 0 { 16 } else { k.next_multiple_of(16) }
}

/// A model's weights as int8 with one scale per output: `weight = q × scale[output]`.
///
/// A quarter of the float weights' size, so the table (3 MB) stays in the processor's cache, where
/// 12 MB of floats did not: summing a reply's rows was bound by memory latency. Sums of int8 rows are
/// exact integers, so a reply's scores do not depend on the order its features are added in. On
/// validation and ESConv dev the quantized model's decisions were compared with the float model's
/// before it shipped (docs/scoring-history.md).
#[derive(Debug, Clone, PartialEq)]
pub struct Quantized {
    /// Bytes per row: the number of outputs rounded up to 16 (the padding is zero).
    stride: usize,
    /// `2^bits × stride` weights, row-major by bucket.
    q: Vec<i8>,
    /// Per output: the weight of one step.
    scale: Vec<f32>,
}

impl Quantized {
    /// Quantizes `rows` float rows of `k` weights: per output, the largest magnitude becomes ±127.
    fn from_float(weights: &[f32], k: usize, rows: usize) -> Quantized {
        let stride = stride(k);
        let mut scale = vec![0f32; k];
        for row in weights.chunks_exact(k.max(1)) {
            for (s, w) in scale.iter_mut().zip(row) {
                *s = s.max(w.abs());
            }
        }
        for s in &mut scale {
            // An all-zero output (or a non-finite weight) gets a step of 1, so no step is 0 or ∞.
            let step = *s / 127.0;
            *s = if step.is_normal() { step } else { 1.0 };
        }
        let mut q = vec![0i8; rows * stride];
        for (r, row) in weights.chunks_exact(k.max(1)).enumerate() {
            for (o, w) in row.iter().enumerate() {
                q[r * stride + o] = (w / scale[o]).round().clamp(-127.0, 127.0) as i8;
            }
        }
        Quantized { stride, q, scale }
    }

    /// Row `bucket`'s `k` weights (without padding).
    #[inline]
    fn row(&self, bucket: u32, k: usize) -> &[i8] {
        let r = bucket as usize * self.stride;
        &self.q[r..r + k]
    }
}

/// Adds the int8 rows (of [`STRIDE`] bytes) of `feats` into `total` and returns how many there were.
///
/// Each weight is summed biased, as the unsigned byte `w + 128` (its sign bit flipped), in 16-bit
/// lanes; the bias is taken off when the lanes are flushed into the 32-bit totals, every 256 rows, so
/// they cannot overflow (256 × 255 < 2^16). Zero-extending bytes vectorises at full width with the
/// baseline instruction set, where sign-extending them went four lanes at a time.
#[inline(always)]
fn sum_rows<'a>(
    q: &[i8],
    feats: impl Iterator<Item = &'a Feature>,
    total: &mut [i32; STRIDE],
) -> usize {
    let flush = |lanes: &mut [u16; STRIDE], rows: usize, total: &mut [i32; STRIDE]| {
        let bias = 128 * rows as i32;
        for (t, l) in total.iter_mut().zip(&*lanes) {
            *t += *l as i32 - bias;
        }
        *lanes = [0; STRIDE];
    };
    let rows: &[[i8; STRIDE]] = q.as_chunks().0;
    let mut lanes = [0u16; STRIDE];
    let (mut n, mut block) = (0usize, 0usize);
    for f in feats {
        for (a, w) in lanes.iter_mut().zip(&rows[f.bucket as usize]) {
            *a += (*w as u8 ^ 0x80) as u16;
        }
        n += 1;
        block += 1;
        if block == 256 {
            flush(&mut lanes, block, total);
            block = 0;
        }
    }
    flush(&mut lanes, block, total);
    n
}

/// The `n` features with the largest positive `weight(bucket)` and their spans, strongest first, ties
/// in extraction order; whole-reply features (empty spans) are skipped. `w > 0` is false for NaN too.
fn top_n<W: PartialOrd + Default + Copy>(
    feats: &[Feature],
    n: usize,
    weight: impl Fn(u32) -> W,
) -> Vec<(W, u32, u32)> {
    let mut v: Vec<(W, u32, u32)> = Vec::with_capacity(n);
    if n == 0 {
        return v;
    }
    // What a weight must beat to be kept: zero until `n` are kept, then the weakest kept one (itself
    // positive), so the common case, a feature that does not make the cut, is one comparison.
    let mut bar = W::default();
    for f in feats {
        // The weight first: most features do not beat the bar, whatever their span.
        let w = weight(f.bucket);
        if w > bar && f.end > f.start {
            // After the last kept weight that is at least as large: ties keep extraction order.
            let at = v.partition_point(|x| x.0 >= w);
            if v.len() == n {
                v.pop();
            }
            v.insert(at, (w, f.start, f.end));
            if v.len() == n {
                bar = v[n - 1].0;
            }
        }
    }
    v
}

/// The model's reading of one reply.
#[derive(Debug, Clone, Default)]
pub struct Prediction {
    /// Calibrated probability per output (same order as [`Model::outputs`]).
    pub prob: Vec<f32>,
    /// Raw score per output.
    pub logit: Vec<f32>,
}

impl Model {
    /// A model with all weights zero (what training starts from).
    pub fn zeros(bits: u32, outputs: Vec<Output>) -> Model {
        let k = outputs.len();
        Model {
            bits,
            weights: vec![0.0; (1usize << bits) * k],
            bias: vec![0.0; k],
            platt: vec![(1.0, 0.0); k],
            threshold: vec![0.5; k],
            style_gate: 0.5,
            combine: vec![Combine::Either; k],
            veto: vec![[0.0; 2]; k],
            quant: None,
            outputs,
        }
    }

    /// Replaces the float weights with their int8 form (a no-op when already quantized): what
    /// training does before any held-out scoring, so calibration and thresholds see the scores the
    /// shipped model gives.
    pub fn quantize(&mut self) {
        if self.quant.is_none() {
            self.quant = Some(Quantized::from_float(
                &self.weights,
                self.width(),
                1usize << self.bits,
            ));
            self.weights = Vec::new();
        }
    }

    /// The weight of `bucket` for output `o` (dequantized when the model is quantized).
    #[inline]
    pub fn weight(&self, bucket: u32, o: usize) -> f32 {
        match &self.quant {
            Some(q) => q.q[bucket as usize * q.stride + o] as f32 * q.scale[o],
            None => self.weights[bucket as usize * self.width() + o],
        }
    }

    /// Output `o`'s decision from the rules' finding and the model's calibrated probability `p`: a rule
    /// finding stands unless `p` is below the veto level ([`Model::veto`]), and with [`Combine::Either`] the model adds
    /// the code at `p ≥ threshold`, unless one of the guide's "not when" rules in [`Guards`] says the
    /// code cannot be there. A code the rules found stands whatever the guards say (unless vetoed).
    /// Training sets the thresholds through this same function, so the guards are part of what it tunes.
    // Always inlined: called for every output of every reply, and left out of line once the engine's
    // `decide` grew, it cost 2% of batch scoring in calls (callgrind over ESConv dev).
    #[inline(always)]
    pub fn decide(
        &self,
        o: usize,
        rules: bool,
        guards: Guards,
        p: f32,
        perspective: Perspective,
    ) -> bool {
        if let Output::Code(c) = self.outputs[o]
            && guards.drops(c)
        {
            return false;
        }
        let veto = match self.outputs[o] {
            Output::Code(Code::Criticism) if guards.trait_label => 0.0,
            Output::Code(Code::Affirmation) if guards.told_proud => 0.0,
            Output::Code(Code::SimpleReflection | Code::ComplexReflection)
                if guards.listening_stem && perspective == Perspective::Client =>
            {
                0.0
            }
            Output::Code(Code::SimpleReflection | Code::ComplexReflection)
                if guards.reflect_then_ask && perspective == Perspective::Therapist =>
            {
                VETO_FLOOR
            }
            Output::Code(c) if !vetoable(c) => 0.0,
            _ => self.veto[o][perspective_index(perspective)],
        };
        let may_add = match self.outputs[o] {
            Output::Code(c) if guards.ruled_out.contains(c) => false,
            Output::Code(c) if guards.strengths_pick && c.is_strength() == Some(false) => false,
            Output::Code(Code::Request) => !guards.hedged,
            Output::Code(Code::Criticism | Code::Absolute | Code::Confront) => !guards.praised,
            Output::Code(Code::Defensiveness) => !guards.unaddressed,
            Output::Code(Code::DisguisedYouStatement) => !guards.no_second_person,
            _ => true,
        };
        self.combine[o].apply(rules && p >= veto, may_add && p >= self.threshold[o])
    }

    /// A model of the given shape with pseudo-random weights (a fixed generator, so the same `seed`
    /// gives the same model): benchmarks and speed measurements use it where trained weights are absent.
    ///
    /// Weights are small (|w| < 0.25), biases −3 for codes and 0 for style and behaviour, so a reply
    /// switches on a few codes, as a trained model does.
    pub fn random(bits: u32, outputs: Vec<Output>, seed: u64) -> Model {
        let mut m = Model::zeros(bits, outputs);
        let mut x = seed | 1;
        for w in &mut m.weights {
            // xorshift64*: fast, fixed, good enough for filler weights.
            x ^= x >> 12;
            x ^= x << 25;
            x ^= x >> 27;
            let r = (x.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 40) as f32 / (1u64 << 24) as f32;
            *w = (r - 0.5) * 0.5;
        }
        for (b, o) in m.bias.iter_mut().zip(&m.outputs) {
            *b = if matches!(o, Output::Code(_)) {
                -3.0
            } else {
                0.0
            };
        }
        m.quantize();
        m
    }

    /// The output that gives code `c`, if the model has one.
    pub fn output_of(&self, c: Code) -> Option<usize> {
        self.outputs.iter().position(|&o| o == Output::Code(c))
    }

    /// Number of outputs.
    pub fn width(&self) -> usize {
        self.outputs.len()
    }

    /// Each occurrence's value: the feature vector is scaled to unit length (1/√n per occurrence), so a
    /// long reply's score is not just the sum of more words.
    #[inline]
    pub fn scale(n: usize) -> f32 {
        1.0 / (n.max(1) as f32).sqrt()
    }

    /// Raw scores for a feature list (bias plus each occurrence's row, scaled by [`Model::scale`]).
    pub fn logits(&self, feats: &[Feature], out: &mut Vec<f32>) {
        let k = self.width();
        out.clear();
        out.resize(k, 0.0);
        match &self.quant {
            Some(q) if k == OUTPUTS && q.stride == STRIDE => self.logits_fixed(q, feats, out),
            Some(q) => self.logits_quantized(q, feats, out),
            None => self.logits_float(feats, out),
        }
    }

    /// [`Model::logits`] with float weights (while training), summing into `out` (zeroed, `width()` long).
    fn logits_float(&self, feats: &[Feature], out: &mut [f32]) {
        let k = self.width();
        let row = |f: &Feature| &self.weights[f.bucket as usize * k..(f.bucket as usize + 1) * k];
        // Scaled n-grams first, then the bias and the whole-reply facts on top: no buffer but `out`.
        let mut n = 0usize;
        for f in feats.iter().filter(|f| !f.fixed) {
            n += 1;
            for (o, w) in out.iter_mut().zip(row(f)) {
                *o += w;
            }
        }
        let v = Model::scale(n);
        for (o, b) in out.iter_mut().zip(&self.bias) {
            *o = *o * v + b;
        }
        for f in feats.iter().filter(|f| f.fixed) {
            for (o, w) in out.iter_mut().zip(row(f)) {
                *o += w;
            }
        }
    }

    /// The scores from integer row sums: `(scaled sum × 1/√n + whole-reply sum) × step + bias`.
    #[inline]
    fn finish(&self, q: &Quantized, scaled: &[i32], fixed: &[i32], n: usize, out: &mut [f32]) {
        let v = Model::scale(n);
        for ((((out, s), f), step), b) in out
            .iter_mut()
            .zip(scaled)
            .zip(fixed)
            .zip(&q.scale)
            .zip(&self.bias)
        {
            *out = (*s as f32 * v + *f as f32) * step + b;
        }
    }

    /// [`Model::logits`] with int8 weights, any number of outputs.
    fn logits_quantized(&self, q: &Quantized, feats: &[Feature], out: &mut [f32]) {
        let k = self.width();
        let (mut scaled, mut fixed) = (vec![0i32; k], vec![0i32; k]);
        let mut n = 0usize;
        for f in feats {
            let acc = if f.fixed {
                &mut fixed
            } else {
                n += 1;
                &mut scaled
            };
            for (a, w) in acc.iter_mut().zip(q.row(f.bucket, k)) {
                *a += *w as i32;
            }
        }
        self.finish(q, &scaled, &fixed, n, out);
    }

    /// [`Model::logits_quantized`] for the shipped layout ([`OUTPUTS`] outputs, rows of [`STRIDE`]
    /// bytes), known when compiling: the length-scaled features and the whole-reply ones are summed in
    /// two passes ([`sum_rows`]), so each pass's accumulators stay in registers. Integer sums, so the
    /// same results as the general loop to the bit.
    #[inline(never)]
    fn logits_fixed(&self, q: &Quantized, feats: &[Feature], out: &mut [f32]) {
        let (mut scaled, mut fixed) = ([0i32; STRIDE], [0i32; STRIDE]);
        let n = sum_rows(&q.q, feats.iter().filter(|f| !f.fixed), &mut scaled);
        sum_rows(&q.q, feats.iter().filter(|f| f.fixed), &mut fixed);
        self.finish(q, &scaled[..OUTPUTS], &fixed[..OUTPUTS], n, out);
    }

    /// Calibrated probabilities from raw scores: sigmoid for codes, softmax within style and within behaviour.
    pub fn probabilities(&self, logit: &[f32], prob: &mut Vec<f32>) {
        // Softmax within style and within behaviour (each a contiguous run in `Output::all`'s order,
        // but read from `outputs` so any order works), both groups in the same three passes over the
        // outputs, without allocating. Slot 0 of `max` and `sum` is style's, slot 1 behaviour's.
        let group = |o: &Output| match o {
            Output::Code(_) => None,
            Output::Style(_) => Some(0),
            Output::Behaviour(_) => Some(1),
        };
        let mut max = [f32::MIN; 2];
        prob.clear();
        prob.extend(
            logit
                .iter()
                .zip(&self.platt)
                .zip(&self.outputs)
                .map(|((z, (a, b)), o)| match group(o) {
                    None => sigmoid(a * z + b),
                    Some(g) => {
                        max[g] = max[g].max(*z);
                        // Set by the softmax below.
                        0.0
                    }
                }),
        );
        // Each member's exponential is kept in `prob` while its group's sum is taken (in output
        // order, as before), then divided by it: one `exp` per member.
        let mut sum = [0.0f32; 2];
        for ((o, z), p) in self.outputs.iter().zip(logit).zip(prob.iter_mut()) {
            if let Some(g) = group(o) {
                *p = (z - max[g]).exp();
                sum[g] += *p;
            }
        }
        for (o, p) in self.outputs.iter().zip(prob.iter_mut()) {
            if let Some(g) = group(o) {
                *p /= sum[g];
            }
        }
    }

    /// The features that pushed output `o` up the most, with their spans (whole-reply features skipped).
    ///
    /// Strongest first; of equal weights the earlier feature comes first (what a stable sort gives),
    /// found in one pass without sorting or allocating more than the answer. A quantized model ranks on
    /// the int8 weights themselves (its steps are positive, so they order as the weights do) and
    /// dequantizes only the answer.
    pub fn top_contributors(&self, feats: &[Feature], o: usize, n: usize) -> Vec<(f32, u32, u32)> {
        match &self.quant {
            Some(q) => {
                let top = if q.stride == STRIDE {
                    // The shipped layout: rows of a stride known when compiling.
                    let rows: &[[i8; STRIDE]] = q.q.as_chunks().0;
                    top_n(feats, n, |b| rows[b as usize][o])
                } else {
                    top_n(feats, n, |b| q.q[b as usize * q.stride + o])
                };
                top.into_iter()
                    .map(|(w, a, b)| (w as f32 * q.scale[o], a, b))
                    .collect()
            }
            None => top_n(feats, n, |b| self.weights[b as usize * self.width() + o]),
        }
    }

    /// The model as bytes (the weights file format: the int8 weights, quantizing float ones first).
    pub fn to_bytes(&self) -> Vec<u8> {
        let quantized;
        let q = match &self.quant {
            Some(q) => q,
            None => {
                quantized = Quantized::from_float(&self.weights, self.width(), 1usize << self.bits);
                &quantized
            }
        };
        let k = self.width();
        let rows = 1usize << self.bits;
        let mut b = Vec::with_capacity(64 + rows * k + k * 64);
        b.extend_from_slice(MAGIC);
        b.extend_from_slice(&self.bits.to_le_bytes());
        b.extend_from_slice(&(k as u32).to_le_bytes());
        b.extend_from_slice(&self.style_gate.to_le_bytes());
        for o in &self.outputs {
            let name = o.name();
            b.extend_from_slice(&(name.len() as u32).to_le_bytes());
            b.extend_from_slice(name.as_bytes());
        }
        for i in 0..k {
            for x in [
                self.bias[i],
                self.platt[i].0,
                self.platt[i].1,
                self.threshold[i],
                self.veto[i][0],
                self.veto[i][1],
                q.scale[i],
            ] {
                b.extend_from_slice(&x.to_le_bytes());
            }
            b.push(self.combine[i] as u8);
        }
        for r in 0..rows {
            b.extend(q.row(r as u32, k).iter().map(|&w| w as u8));
        }
        b
    }

    /// Reads a weights file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let mut r = Reader { b: bytes, at: 0 };
        if r.take(8)? != MAGIC {
            return Err(ModelError::BadHeader);
        }
        let bits = r.u32()?;
        let k = r.u32()? as usize;
        if bits > 24 || k > 1024 {
            return Err(ModelError::Truncated);
        }
        let style_gate = r.f32()?;
        let mut outputs = Vec::with_capacity(k);
        for _ in 0..k {
            let n = r.u32()? as usize;
            let name = std::str::from_utf8(r.take(n)?).map_err(|_| ModelError::Truncated)?;
            outputs.push(
                Output::from_name(name).ok_or_else(|| ModelError::UnknownOutput(name.into()))?,
            );
        }
        let (mut bias, mut platt, mut threshold, mut combine) = (vec![], vec![], vec![], vec![]);
        let (mut veto, mut scale) = (vec![], vec![]);
        for _ in 0..k {
            bias.push(r.f32()?);
            platt.push((r.f32()?, r.f32()?));
            threshold.push(r.f32()?);
            veto.push([r.f32()?, r.f32()?]);
            let step = r.f32()?;
            if !(step.is_finite() && step > 0.0) {
                return Err(ModelError::BadScale);
            }
            scale.push(step);
            combine.push(Combine::from_byte(r.take(1)?[0]).ok_or(ModelError::Truncated)?);
        }
        let rows = 1usize << bits;
        let raw = r.take(rows * k)?;
        if r.at != bytes.len() {
            return Err(ModelError::Truncated);
        }
        let stride = stride(k);
        let mut q = vec![0i8; rows * stride];
        if k > 0 {
            for (dst, src) in q.chunks_exact_mut(stride).zip(raw.chunks_exact(k)) {
                for (d, s) in dst.iter_mut().zip(src) {
                    *d = *s as i8;
                }
            }
        }
        Ok(Model {
            bits,
            outputs,
            weights: Vec::new(),
            quant: Some(Quantized { stride, q, scale }),
            bias,
            platt,
            threshold,
            style_gate,
            combine,
            veto,
        })
    }
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self.at.checked_add(n).ok_or(ModelError::Truncated)?;
        let s = self.b.get(self.at..end).ok_or(ModelError::Truncated)?;
        self.at = end;
        Ok(s)
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        let s = self.take(4)?;
        Ok(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }
    fn f32(&mut self) -> Result<f32, ModelError> {
        Ok(f32::from_bits(self.u32()?))
    }
}

/// The index of a perspective in per-perspective settings ([`Model::veto`]): client 0, therapist 1.
#[inline]
pub fn perspective_index(p: Perspective) -> usize {
    match p {
        Perspective::Client => 0,
        Perspective::Therapist => 1,
    }
}

/// The logistic function.
#[inline]
pub fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

/// The bucket of one character trigram as the features hash it, `tri` packed the way [`text::pack`]
/// packs three bytes (tests of feature extraction compare with it).
#[cfg(test)]
pub(crate) fn char3_bucket(tri: &[u8], bits: u32) -> u32 {
    H::new(kind::CHAR3).word(text::pack(tri)).finish() & ((1u32 << bits) - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `n` one-word features spread over 1,024 buckets by `stride`, every `fixed_every`-th a whole-reply fact.
    fn spread(n: u32, stride: u32, fixed_every: u32) -> Vec<Feature> {
        (0..n)
            .map(|i| Feature {
                bucket: (i * stride + 7) % 1024,
                start: i,
                end: i + 1,
                fixed: i % fixed_every == 0,
            })
            .collect()
    }

    #[test]
    fn the_guards_stop_the_model_adding_a_code_but_a_found_one_stands() {
        let mut m = Model::zeros(
            4,
            vec![
                Output::Code(Code::Request),
                Output::Code(Code::Advice),
                Output::Code(Code::Defensiveness),
                Output::Code(Code::DisguisedYouStatement),
                Output::Code(Code::Absolute),
                Output::Code(Code::Criticism),
            ],
        );
        m.combine = vec![Combine::Either; 6];
        m.threshold = vec![0.5; 6];
        m.veto = vec![[0.1; 2]; 6];
        let client = Perspective::Client;
        let none = Guards::default();
        let hedged = Guards {
            hedged: true,
            ..none
        };
        let unaddressed = Guards {
            unaddressed: true,
            ..none
        };
        let no_you = Guards {
            no_second_person: true,
            ..none
        };
        let praised = Guards {
            praised: true,
            ..none
        };
        // Each guard stops the model adding its own codes, and only those: (output, its guard).
        for (o, guard) in [
            (0, hedged),
            (2, unaddressed),
            (3, no_you),
            (4, praised),
            (5, praised),
        ] {
            assert!(m.decide(o, false, none, 0.9, client), "output {o}");
            assert!(!m.decide(o, false, guard, 0.9, client), "output {o}");
            // Found by the rules: it stands whatever the guard says, and the veto still applies.
            assert!(m.decide(o, true, guard, 0.3, client), "output {o}");
            assert!(!m.decide(o, true, guard, 0.05, client), "output {o}");
            for other in [hedged, unaddressed, no_you, praised] {
                if other != guard {
                    assert!(m.decide(o, false, other, 0.9, client), "output {o}");
                }
            }
            // Advice has none of these guards.
            assert!(m.decide(1, false, guard, 0.9, client));
        }
        // A pick its author tagged with strengths only gets no pitfall from the model (unasked advice,
        // defensiveness, a disguised you-statement) but can still get a strength (a request).
        let pick = Guards {
            strengths_pick: true,
            ..none
        };
        for o in [1, 2, 3, 4, 5] {
            assert!(!m.decide(o, false, pick, 0.9, client), "output {o}");
            assert!(m.decide(o, true, pick, 0.3, client), "output {o}");
        }
        // A trait label the rules found keeps its criticism (output 5) from the veto, and only that.
        let label = Guards {
            trait_label: true,
            ..none
        };
        assert!(!m.decide(5, true, none, 0.05, client));
        assert!(m.decide(5, true, label, 0.05, client));
        assert!(!m.decide(4, true, label, 0.05, client));
        assert!(m.decide(0, false, pick, 0.9, client));
        // The pick guard reads the author's tags: strengths only (neutral codes aside) switch it on;
        // none, neutral only, mixed or pitfalls only do not.
        let (f, feats) = (Findings::default(), Features::new(4));
        for (tags, on) in [
            (&[][..], false),
            (&[Code::ClosedQuestion][..], false),
            (&[Code::Appreciation, Code::ClosedQuestion][..], true),
            (&[Code::Appreciation, Code::Hedging][..], false),
            (&[Code::Hedging][..], false),
        ] {
            assert_eq!(Guards::of(&f, &feats, tags).strengths_pick, on, "{tags:?}");
        }
        // Praise the rules found switches the praise guard on, unless they found sarcasm or an insult.
        assert!(!Guards::of(&f, &feats, &[]).praised);
        for code in [Code::Appreciation, Code::Affirmation] {
            for spoiler in [Code::Sarcasm, Code::Insult] {
                let mut praise = Findings::default();
                praise.add(code, 0, 4);
                assert!(Guards::of(&praise, &feats, &[]).praised, "{code:?}");
                praise.add(spoiler, 0, 4);
                assert!(
                    !Guards::of(&praise, &feats, &[]).praised,
                    "{code:?} {spoiler:?}"
                );
            }
        }
    }

    #[test]
    fn a_rule_finding_the_model_all_but_rules_out_is_dropped_unless_a_summary_a_stem_or_a_trait_label()
     {
        let outputs = vec![
            Output::Code(Code::SelfFocus),
            Output::Code(Code::SimpleReflection),
            Output::Code(Code::Summary),
            Output::Code(Code::Criticism),
        ];
        let mut m = Model::zeros(4, outputs);
        m.combine = vec![Combine::Either; 4];
        m.threshold = vec![0.5; 4];
        // No level trained above the floor, as training leaves such codes (a level on the summary
        // too, which `decide` must ignore).
        m.veto = vec![[VETO_FLOOR; 2]; 4];
        let none = Guards::default();
        let label = Guards {
            trait_label: true,
            ..none
        };
        let stem = Guards {
            listening_stem: true,
            ..none
        };
        for persp in [Perspective::Client, Perspective::Therapist] {
            let below = VETO_FLOOR * 0.5;
            assert!(!m.decide(0, true, none, below, persp), "{persp:?}");
            assert!(m.decide(0, true, none, VETO_FLOOR, persp), "{persp:?}");
            assert!(!m.decide(3, true, none, below, persp), "{persp:?}");
            assert!(m.decide(3, true, label, below, persp), "{persp:?}");
            // A reflection without a stem is vetoed like any code; a client's with a stem stands.
            assert!(!m.decide(1, true, none, below, persp), "{persp:?}");
            assert_eq!(
                m.decide(1, true, stem, 0.0, persp),
                persp == Perspective::Client,
                "{persp:?}"
            );
            // The stem guards reflections only.
            assert!(!m.decide(0, true, stem, below, persp), "{persp:?}");
            assert!(m.decide(2, true, none, 0.0, persp), "{persp:?}");
        }
    }

    #[test]
    fn a_therapists_reflection_before_a_question_keeps_only_the_floor() {
        let mut m = Model::zeros(1, vec![Output::Code(Code::SimpleReflection)]);
        m.combine = vec![Combine::Either];
        m.threshold = vec![0.5];
        m.veto = vec![[0.1; 2]];
        let asks = Guards {
            reflect_then_ask: true,
            ..Guards::default()
        };
        let t = Perspective::Therapist;
        // Between the floor and the trained level: vetoed, unless a question follows the reflection.
        assert!(!m.decide(0, true, Guards::default(), 0.05, t));
        assert!(m.decide(0, true, asks, 0.05, t));
        // Under the floor it goes either way; a client's keeps the trained level.
        assert!(!m.decide(0, true, asks, VETO_FLOOR * 0.5, t));
        assert!(!m.decide(0, true, asks, 0.05, Perspective::Client));
    }

    #[test]
    fn fixed_width_logits_are_bit_identical_to_the_general_loop() {
        let m = Model::random(10, Output::all(), 11);
        assert_eq!(m.width(), OUTPUTS);
        let q = m.quant.as_ref().expect("random models are quantized");
        for len in [0u32, 1, 7, 40, 333, 700] {
            let feats = spread(len, 7919, 5);
            let mut fast = Vec::new();
            m.logits(&feats, &mut fast);
            let mut plain = vec![0.0; m.width()];
            m.logits_quantized(q, &feats, &mut plain);
            let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&fast), bits(&plain), "{len} features");
        }
    }

    #[test]
    fn quantized_scores_stay_close_to_the_float_ones() {
        // Float weights off the int8 grid: uniform in ±0.25 from a fixed generator.
        let mut float = Model::zeros(10, Output::all());
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        for w in &mut float.weights {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            *w = ((x >> 40) as f32 / (1u64 << 24) as f32 - 0.5) * 0.5;
        }
        let mut m = float.clone();
        m.quantize();
        assert!(float.quant.is_none() && m.weights.is_empty());
        let feats = spread(120, 131, 6);
        let (mut a, mut b) = (Vec::new(), Vec::new());
        float.logits(&feats, &mut a);
        m.logits(&feats, &mut b);
        for (x, y) in a.iter().zip(&b) {
            assert!((x - y).abs() < 0.01, "{x} vs {y}");
        }
    }

    #[test]
    fn fast_paths_match_the_plain_definitions() {
        // The shipped layout (rows of `STRIDE` bytes) and another (three outputs).
        for outputs in [Output::all(), Output::all()[..3].to_vec()] {
            top_contributors_match_the_plain_definition(outputs);
        }
    }

    fn top_contributors_match_the_plain_definition(outputs: Vec<Output>) {
        let float = Model::random(8, outputs, 7);
        let mut quantized = float.clone();
        quantized.quantize();
        // Repeated buckets give equal weights: ties must keep extraction order.
        let feats: Vec<Feature> = (0..300u32)
            .map(|i| Feature {
                bucket: (i * 37 + i / 5) % 200,
                start: i,
                end: i + u32::from(i % 7 != 0),
                fixed: false,
            })
            .collect();
        for m in [&float, &quantized] {
            for o in 0..m.width() {
                for n in [0, 1, 2, 5] {
                    let mut v: Vec<(f32, u32, u32)> = feats
                        .iter()
                        .filter(|f| f.end > f.start)
                        .map(|f| (m.weight(f.bucket, o), f.start, f.end))
                        .filter(|(w, _, _)| *w > 0.0)
                        .collect();
                    v.sort_by(|a, b| b.0.total_cmp(&a.0));
                    v.truncate(n);
                    assert_eq!(m.top_contributors(&feats, o, n), v, "output {o}, n {n}");
                }
            }
        }
    }

    #[test]
    fn a_weight_step_that_is_not_positive_is_refused() {
        let mut m = Model::random(4, Output::all(), 3);
        m.quantize();
        assert!(Model::from_bytes(&m.to_bytes()).is_ok());
        for bad in [0.0, -0.5, f32::NAN, f32::INFINITY] {
            let mut b = m.clone();
            b.quant.as_mut().expect("quantized").scale[3] = bad;
            assert_eq!(
                Model::from_bytes(&b.to_bytes()),
                Err(ModelError::BadScale),
                "{bad}"
            );
        }
    }
}
