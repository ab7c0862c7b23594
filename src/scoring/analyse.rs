//! From rule matches to codes: questions, reflections, style and the rest, each with the byte spans that earned it.

use super::codes::CodeSet;
use super::rules::{Compiled, Found, Hits, Tag};
use super::text::{self, AUX, CAPS, CLAUSE_START, Tokens};
use super::{Code, Evidence, Perspective, Style};

/// Number of `Code` variants (for per-code tables): [`Code::COUNT`].
pub const CODES: usize = Code::COUNT;

/// Lexicon ids the engine looks up on every reply.
#[derive(Debug, Clone, Copy)]
pub struct LexIds {
    stopwords: u16,
    feelings: u16,
    negative_feelings: u16,
    first_person: u16,
    second_person: u16,
    asks_for_advice: u16,
    answers_asked: u16,
    apologies: u16,
    praise: Option<u16>,
    bare_praise: u16,
    praise_fillers: u16,
    discourse_markers: u16,
    pleasantries: u16,
    acronyms: u16,
    withdrawal_acts: u16,
    trait_words: u16,
    general_subjects: u16,
    suicide_help_words: u16,
    suicide_act_words: u16,
    reading_stances: u16,
    reading_nouns: u16,
    state_verbs: u16,
    persons: u16,
    crisis: u16,
    granted_feelings: u16,
    habit_verbs: u16,
    owed_acts: u16,
    yes_answers: u16,
    secrecy_promises: u16,
    subject_changes: u16,
    held_beliefs: u16,
    own_wants: u16,
    owning_phrases: u16,
    offers: u16,
    losses: u16,
    intensifiers: u16,
    insult_words: u16,
    distress_states: u16,
    tag_states: u16,
    address_words: u16,
    mental_verbs: u16,
    jeers: u16,
    sympathy_ironies: u16,
    disclaimed_credit: u16,
    given_credit: u16,
    blame_words: u16,
    going_on_conditions: u16,
    good_ends: u16,
    stated_risks: u16,
    brush_offs: u16,
    lapse_excuses: u16,
}

impl LexIds {
    /// Looks the ids up (the names are checked when rules compile).
    pub fn new(c: &Compiled) -> LexIds {
        let id = |n: &str| c.lexicon(n).unwrap_or(0);
        LexIds {
            stopwords: id("stopwords"),
            feelings: id("feelings"),
            negative_feelings: id("negative_feelings"),
            first_person: id("first_person"),
            second_person: id("second_person"),
            asks_for_advice: id("asks_for_advice"),
            answers_asked: id("answers_asked"),
            apologies: id("apologies"),
            praise: c.lexicon("praise_words"),
            bare_praise: id("bare_praise"),
            praise_fillers: id("praise_fillers"),
            discourse_markers: id("discourse_markers"),
            pleasantries: id("pleasantries"),
            acronyms: id("acronyms"),
            withdrawal_acts: id("withdrawal_acts"),
            trait_words: id("trait_words"),
            general_subjects: id("general_subjects"),
            suicide_help_words: id("suicide_help_words"),
            suicide_act_words: id("suicide_act_words"),
            reading_stances: id("reading_stances"),
            reading_nouns: id("reading_nouns"),
            state_verbs: id("state_verbs"),
            persons: id("persons"),
            crisis: id("crisis"),
            granted_feelings: id("granted_feelings"),
            habit_verbs: id("habit_verbs"),
            owed_acts: id("owed_acts"),
            yes_answers: id("yes_answers"),
            secrecy_promises: id("secrecy_promises"),
            subject_changes: id("subject_changes"),
            held_beliefs: id("held_beliefs"),
            own_wants: id("own_wants"),
            owning_phrases: id("owning_phrases"),
            offers: id("offers"),
            losses: id("losses"),
            intensifiers: id("intensifiers"),
            insult_words: id("insult_words"),
            distress_states: id("distress_states"),
            tag_states: id("tag_states"),
            address_words: id("address_words"),
            mental_verbs: id("mental_verbs"),
            jeers: id("jeers"),
            sympathy_ironies: id("sympathy_ironies"),
            disclaimed_credit: id("disclaimed_credit"),
            given_credit: id("given_credit"),
            blame_words: id("blame_words"),
            going_on_conditions: id("going_on_conditions"),
            good_ends: id("good_ends"),
            stated_risks: id("stated_risks"),
            brush_offs: id("brush_offs"),
            lapse_excuses: id("lapse_excuses"),
        }
    }
}

/// The guide's "sorry you feel that way" said as the whole reply ("sorry u feel that way", "Sorry you
/// feel that way."): contempt, where the same words opening a reply that goes on to engage ("Sorry
/// you feel that way. Have you talked to her?") are left to the model (a rule's sentence end cannot
/// tell the two apart). The "if" form is a rule wherever it stands. ("I'm sorry you feel that way"
/// is not read so: the analysis takes an "I'm sorry" opening as an apology.)
fn curt_sorry(toks: &Tokens, found: &mut Vec<Found>) {
    const CURT: [&str; 5] = ["sorry", "you", "feel", "that", "way"];
    if toks.toks.len() == CURT.len() && (0..CURT.len()).all(|i| toks.word(i) == CURT[i]) {
        found.insert(
            0,
            Found {
                tag: Tag::Contempt,
                t0: 0,
                t1: CURT.len() as u32,
            },
        );
    }
}

/// What words said back or a question about the listener's life are not ([`Findings::ruled_out`]).
const NO_ATTACK: [Code; 2] = [Code::Criticism, Code::Absolute];

/// Questions in one reply (sentences ending in "?") from which the reply is read as stacking them:
/// "How are you sleeping? Are you eating? Have you talked to Danny's family?" leaves the other person
/// to pick one, and MI trainers name it as a trap of its own.
pub const STACKED_QUESTIONS: usize = 3;

/// The most words a reply of bare praise has ([`Findings::bare_praise`]).
pub const BARE_PRAISE_WORDS: usize = 5;

/// Whether a reply is a few words of praise and nothing else ([`Findings::bare_praise`]): at most
/// [`BARE_PRAISE_WORDS`] words, each a word of the `bare_praise` or `praise_fillers` lexicon, a
/// stopword or a discourse marker, with a word of praise among them. A word of praise said twice
/// ("Great, just great.") or in capitals ("PERFECT.") mocks by its form, whatever came before, so such
/// a reply is not bare praise.
fn is_bare_praise(toks: &Tokens, hits: &Hits, ids: &LexIds) -> bool {
    let n = toks.toks.len();
    if n > BARE_PRAISE_WORDS || !hits.any(ids.bare_praise) {
        return false;
    }
    let allowed = |i: usize| {
        hits.covered(i, ids.bare_praise)
            || hits.covered(i, ids.praise_fillers)
            || hits.covered(i, ids.stopwords)
            || hits.covered(i, ids.discourse_markers)
    };
    let praise = |i: usize| hits.covered(i, ids.bare_praise);
    // "Must be nice." (no subject) envies; it praises nothing (the guide: sarcasm and contempt after
    // news). "That must be lovely!" has a subject and stays praise.
    let first = (0..n)
        .find(|&i| !hits.covered(i, ids.discourse_markers))
        .unwrap_or(n);
    let envies = toks.word(first) == "must" && first + 1 < n && toks.word(first + 1) == "be";
    !envies
        && (0..n).all(allowed)
        && !(0..n).any(|i| praise(i) && toks.has(i, CAPS))
        && !(0..n)
            .any(|i| praise(i) && (i + 1..n).any(|j| praise(j) && toks.word(i) == toks.word(j)))
}

/// Reusable buffers for one analysis (one per thread).
#[derive(Debug, Default)]
pub struct Scratch {
    /// The reply's tokens.
    pub toks: Tokens,
    /// The reply's lexicon hits.
    pub hits: Hits,
    /// Rule matches in the reply.
    pub found: Vec<Found>,
    /// The context's tokens.
    pub ctx: Tokens,
    /// The context's lexicon hits.
    pub ctx_hits: Hits,
    /// Hashed stems of the context's content words, sorted.
    pub ctx_stems: Vec<u64>,
    /// Hashed stems of the context's feeling words.
    pub ctx_feelings: Vec<u64>,
    /// Scratch for per-sentence stems.
    pub stems: Vec<u64>,
    /// Per token of the reply: [`text::hash`] of its [`text::stem`] where the sentence pass needed it
    /// (content words), else 0, so the learned layer hashes only the rest (a 0 is computed again).
    pub word_stems: Vec<u64>,
    /// Per sentence of the reply: the range of `found` that starts in it.
    pub sent_found: Vec<(u32, u32)>,
    /// Per sentence of the reply: the tags of the matches that start in it, one bit per [`Tag`] (bit
    /// `tag as u32`).
    pub sent_tags: Vec<u128>,
    /// The context the `ctx_*` fields were computed for (the app rescores on every keystroke
    /// against the same context, so it is analysed once).
    pub ctx_key: Option<String>,
    /// Whether that context asked for advice.
    pub ctx_asks_advice: bool,
    /// What kind of line that context is (`None`: no context, or one without words).
    pub ctx_line: Option<text::LineKind>,
    /// Which compiled rules the cached context was scanned with ([`Compiled::id`]; 0: none yet).
    pub ctx_owner: u64,
    /// The text whose tokens and hits are in `toks` and `hits` (the reply analysed last).
    pub last_text: String,
    /// Which compiled rules scanned `last_text` ([`Compiled::id`]; 0 before the first analysis).
    pub last_owner: u64,
}

/// What the analysis found, before scoring.
#[derive(Debug, Clone)]
pub struct Findings {
    /// Per code: whether it was found.
    pub has: [bool; CODES],
    /// Evidence spans, in text order.
    pub evidence: Vec<Evidence>,
    /// The reply's style.
    pub style: Style,
    /// The other speaker asked for advice: the line before asks ("what should I do?"), or the reply
    /// says it was asked ("Since you're asking, …").
    pub advice_asked: bool,
    /// Hedges found.
    pub hedges: usize,
    /// Content words the reply shares with the context.
    pub overlap: usize,
    /// Words in the reply.
    pub words: usize,
    /// The reply is a few words of praise and nothing else ("Great.", "Well done!", "good for you",
    /// "Oh, lovely."; the `bare_praise` lexicon with stopwords and discourse markers, at most
    /// [`BARE_PRAISE_WORDS`]). Such a reply is praise after welcome news and sarcasm after unwelcome
    /// news, and on lines it was not trained on the learned layer reads the two alike: with a
    /// sarcastic and a sincere reading of the same words after 80 lines each, its probability of
    /// sarcasm separated them no better than chance (AUC 0.50). So it keeps no sarcasm or contempt,
    /// the rules' ("^ oh great") or the model's ([`super::learned::Guards::drops`]); praise that mocks
    /// by its form ("Great, just great.", "PERFECT") is not bare praise.
    pub bare_praise: bool,
    /// The reply is only emoji of sympathy, love or comfort ([`text::is_warm_emoji_only`]: "😢", "❤️"):
    /// no pitfall and no hostile or passive style ([`super::learned::Guards::warm_emoji`]).
    pub warm_emoji: bool,
    /// The reply is only laughter ([`text::is_laughter_only`]: "lol", "hahaha", "😂") and the line
    /// before laughs too ("I locked myself out of my flat haha"): it laughs along, no contempt, sarcasm
    /// or brush-off ([`super::learned::Guards::laughs_along`]). Laughter at someone's hurt keeps them.
    pub laughs_along: bool,
    /// Words in the reply with a letter that are not stopwords ("2" and "the" have none), counted by
    /// the sentence pass. Short ones count: with them "Let me do this one, eh?" keeps the model's
    /// behaviour (its codes would call it a question).
    pub content_words: usize,
    /// Whether the reply is a question overall (its last sentence is one).
    pub ends_with_question: bool,
    /// Per code: probability (the learned model's, or 1/0 from the rules).
    pub confidence: [f32; CODES],
    /// The main listening behaviour.
    pub behaviour: super::Behaviour,
    /// Whether the learned model made the decisions.
    pub learned: bool,
    /// Whether [`Findings::confidence`] holds the learned model's probabilities.
    pub model_confidence: bool,
    /// The rules found criticism in a trait word said of the listener ("you're so selfish", "you
    /// are a liar"; not "you're being dramatic", a label of what they are doing now): what criticism
    /// is by definition, so the learned layer does not veto it ([`super::learned::Guards`]).
    pub trait_label: bool,
    /// A sentence the rules read as a reflection opens with a stem that announces one ("It sounds
    /// like…", "So you feel…", "What I'm hearing…"; [`Tag::ListeningStem`]): the speaker's own signal
    /// that they are saying back what they heard, so the learned layer does not veto a client's
    /// reflection then ([`super::learned::Guards`]).
    pub listening_stem: bool,
    /// A sentence the rules read as a reflection comes before a question that opens as one ("He never
    /// calls. How does that leave you?"): the model, reading the reply whole, sees a question, so only
    /// the 1% floor may veto it ([`super::learned::Guards`]), and the engine reads the statements alone
    /// to say how sure it is ([`super::engine`]).
    pub reflect_then_ask: bool,
    /// Where the statements before a closing run of questions end (a byte offset; 0: the reply does
    /// not make statements and then ask): "He never calls." in "He never calls. How does that leave
    /// you?". The engine reads that part alone for a therapist's reflection ([`super::engine`]).
    pub statement_end: u32,
    /// Who the reply was read as: a counsellor's risk question is read differently from a client's
    /// ([`Findings::risk_asked`]).
    pub perspective: Perspective,
    /// The reply asks about suicide in so many words, in either perspective (a daughter's "are you
    /// thinking of ending your life, dad?" as much as a counsellor's).
    pub asks_risk: bool,
    /// The other person's line holds crisis words ("sometimes I think everyone would be fine without
    /// me", "I just want to die"): a risk cue the reply should take up by asking about it.
    pub risk_cue: bool,
    /// Leave to persuade was given: the reply asks permission ("Would you like some advice?"), the
    /// other person asked for advice, or the reply stresses their choice. Persuading then is with
    /// permission, including a therapist's imperative read as advice after the model.
    pub leave: bool,
    /// Every sentence speaks of the speaker alone: a first-person word, no second-person word and no
    /// reflection or listening stem ("The cold always makes me feel run down."). Such a reply says
    /// nothing back, so the engine adds no reflection for the model's behaviour alone
    /// ([`super::engine`]).
    pub speaker_only: bool,
    /// The rules found a threat or an ultimatum ("Either you call first or I change the locks",
    /// "You're grounded"): the label guide's aggressive style, which the engine gives a client's reply
    /// where the model reads no hostile style (threats are rare in the labels).
    pub threat: bool,
    /// Every apology in the reply is a condolence ("I'm sorry for your loss", "sorry to hear that"):
    /// it owns nothing, so neither the rules nor the model code taking responsibility.
    pub condolence_only: bool,
    /// The reply holds exactly one apology (condolences aside): with a limit or an owned wrong it is
    /// no over-apology ([`super::engine`]).
    pub one_apology: bool,
    /// The reply tells the listener they should be proud ("You should be proud of yourself"): an
    /// affirmation, which the model, reading "you should … yourself" after a grieving line as
    /// contempt, neither vetoes nor turns into mockery ([`super::learned::Guards`]).
    pub told_proud: bool,
    /// "Of course you miss her", "You must miss her so much": the reply grants the listener a feeling
    /// ([`grants_feeling`], [`guesses_their_hurt`]), which the model, reading "of course you" and
    /// "you must … so" as mockery, does not make contempt or sarcasm, nor the style hostile.
    pub feeling_granted: bool,
    /// Codes the rules ruled out by a "not when" of their own, which the learned layer does not add
    /// back ([`super::learned::Guards`]; a code the rules found still stands):
    /// - insult and contempt in a put-down of the speaker ("Ugh, I'm such an idiot.");
    /// - criticism in blame someone other than the speaker fears or believes ("You're scared it's your
    ///   fault", [`blame_held`]);
    /// - criticism and absolutes in the listener's own words said back ("You love me, you don't love
    ///   being supervised." after "I don't love being supervised.") or a question about their life
    ///   ("Have you always lived here?");
    /// - defensiveness in a feeling denied and the real one named ("I'm not angry, I'm worried about
    ///   you"), which the label guide calls a clarification;
    /// - emphasising autonomy in a duty put in autonomy's words ("it's up to you to make the effort");
    /// - insult, contempt and sarcasm beside "you should be proud of yourself" ([`Findings::told_proud`])
    ///   or a feeling granted ("Of course you miss her", [`Findings::feeling_granted`]);
    /// - seeking collaboration in a chain of questions ([`STACKED_QUESTIONS`] or more);
    /// - a reflection in a reply whose every sentence opens with an imperative verb ("Ring your
    ///   sister." after "I miss my sister so much.": it shares a word and says nothing back);
    /// - advice and persuading in a short reply that ends by signing off ("anytime!! take care x",
    ///   [`sign_off`]).
    pub ruled_out: CodeSet,
    /// A counsellor's promise that nothing said will be passed on (the `secrecy_promises` lexicon:
    /// "whatever you say stays in this room"), which the tips answer with the limits to state.
    pub secrecy_promised: bool,
    /// The reply turns from the line before to something else ([`Pass::changes_subject`]: "Sorry to
    /// hear that. Anyway, how's work?"): a question there is no listening, whatever its form.
    pub changes_subject: bool,
    /// The reply asks about something that takes up no word of the line before, and no refusal of
    /// the rules' is in it ("did you see the football" after a complaint): with stonewalling, a turn
    /// away, for which the tips offer a way back rather than a break.
    pub asks_about_else: bool,
    /// Where the reply rolls its eyes in an emoji (🙄, its byte offset): contempt, whatever the model
    /// reads in the words.
    pub eye_roll: Option<u32>,
    /// The rules found advice that chooses for them in the words of a reflection ("part time sounds
    /// like the best of both worlds", "sounds like it would suit you"): the engine lets no
    /// reflection stand beside it.
    pub chooses_for_them: bool,
}

impl Default for Findings {
    fn default() -> Self {
        Findings {
            has: [false; CODES],
            // Room for a typical reply's evidence at once, rather than growing 4 → 8 → 16.
            evidence: Vec::with_capacity(16),
            style: Style::Neutral,
            advice_asked: false,
            hedges: 0,
            overlap: 0,
            words: 0,
            bare_praise: false,
            warm_emoji: false,
            laughs_along: false,
            content_words: 0,
            ends_with_question: false,
            confidence: [0.0; CODES],
            behaviour: super::Behaviour::Other,
            learned: false,
            model_confidence: false,
            trait_label: false,
            listening_stem: false,
            reflect_then_ask: false,
            statement_end: 0,
            perspective: Perspective::default(),
            asks_risk: false,
            risk_cue: false,
            leave: false,
            speaker_only: false,
            threat: false,
            condolence_only: false,
            one_apology: false,
            told_proud: false,
            feeling_granted: false,
            ruled_out: CodeSet::default(),
            secrecy_promised: false,
            changes_subject: false,
            asks_about_else: false,
            eye_roll: None,
            chooses_for_them: false,
        }
    }
}

impl Findings {
    /// Whether `code` was found.
    #[inline]
    pub fn has(&self, code: Code) -> bool {
        self.has[code as usize]
    }

    /// Whether any of `codes` is found.
    pub fn has_any(&self, codes: &[Code]) -> bool {
        codes.iter().any(|&c| self.has(c))
    }

    /// A therapist's reply asks about suicide in so many words ([`Findings::asks_risk`] in the
    /// therapist perspective): it is no advice or persuading, the rules' or the model's, and gets no
    /// closed-question tip.
    pub fn risk_asked(&self) -> bool {
        self.asks_risk && self.perspective == Perspective::Therapist
    }

    /// Advice here is not the righting reflex (§2): the other person asked for it, or leave was asked
    /// first (persuading with permission), so it costs no points and gets no tip.
    pub fn advice_welcome(&self) -> bool {
        self.advice_asked || self.has(Code::PersuadeWithPermission)
    }

    /// Marks `code` found, with the words that earned it.
    pub fn add(&mut self, code: Code, start: u32, end: u32) {
        self.has[code as usize] = true;
        self.evidence.push(Evidence {
            code,
            start: start as usize,
            end: end as usize,
        });
    }

    /// Drops `code` and its evidence.
    pub fn remove(&mut self, code: Code) {
        self.has[code as usize] = false;
        self.evidence.retain(|e| e.code != code);
    }

    /// Adds `to` wherever `from` has evidence (an insult is also contempt).
    pub fn also(&mut self, from: Code, to: Code) {
        // By index over the evidence as it was (what is added lands after it), without a copy of the spans.
        for i in 0..self.evidence.len() {
            let e = &self.evidence[i];
            if e.code == from {
                let (a, b) = (e.start as u32, e.end as u32);
                self.add(to, a, b);
            }
        }
    }

    /// Adds `to` wherever `from` has evidence, at least as sure as `from`: a code read as another
    /// (an insult as contempt, a therapist's command as advice) keeps its probability, so the app does
    /// not mute what it shows for the first code's sake.
    pub fn carry(&mut self, from: Code, to: Code) {
        self.also(from, to);
        let sure = self.confidence[from as usize];
        let p = &mut self.confidence[to as usize];
        *p = p.max(sure);
    }

    /// The rules' own reading of behaviour, and confidence 1/0 where no learned probability was given
    /// (used whenever the learned layer did not make the decisions).
    pub fn rule_behaviour(&mut self) {
        for c in Code::CONCRETE {
            if !self.model_confidence || c == Code::Crisis {
                self.confidence[c as usize] = if self.has(c) { 1.0 } else { 0.0 };
            }
        }
        self.behaviour = self.behaviour_of_codes();
    }

    /// The main behaviour the codes found show: a question (unless a reflection comes after it), a
    /// reflection or summary, input (information, advice, persuading, confronting), or other.
    pub fn behaviour_of_codes(&self) -> super::Behaviour {
        use super::Behaviour as B;
        let shows = |b: B| self.has_any(b.codes());
        let reflects = shows(B::Reflection);
        if shows(B::Question) && (self.ends_with_question || !reflects) {
            B::Question
        } else if reflects {
            B::Reflection
        } else if shows(B::Input) {
            B::Input
        } else {
            B::Other
        }
    }

    /// Whether a code of the main behaviour's kind stands (always, for `other`).
    pub fn behaviour_shown(&self) -> bool {
        self.behaviour == super::Behaviour::Other || self.has_any(self.behaviour.codes())
    }

    /// The codes found, sorted.
    pub fn codes(&self) -> Vec<Code> {
        Code::CONCRETE
            .iter()
            .copied()
            .filter(|&c| self.has[c as usize])
            .collect()
    }
}

/// Subjects that follow an auxiliary in a yes/no question ("did you …", "is it …").
const SUBJECTS: &[&str] = &[
    "you",
    "i",
    "he",
    "she",
    "they",
    "it",
    "we",
    "there",
    "that",
    "this",
    "your",
    "anyone",
    "someone",
    "anybody",
    "somebody",
    "the",
    "my",
    "his",
    "her",
    "their",
    "things",
    "everything",
    "u",
    "ya",
    "any",
    "these",
    "those",
    "people",
];

#[derive(Clone, Copy)]
struct SentInfo {
    question: Option<bool>, // Some(open?)
    /// The sentence is worded as a question (a question word or start, not a suggestion), coded or
    /// not: a client's indignant "What am I supposed to do, quit my job?" gets no question code, and
    /// its "quit" is no command either.
    worded_as_question: bool,
    /// The question's opener is the sentence's first word ("did your mum plan the dinner"), not a
    /// check after a statement ("It's like you've lost him twice, is that right?").
    asks_from_start: bool,
    reflection: bool,
    /// The sentence checks the reflection before it ([`is_check`]: "Does that fit?").
    checks: bool,
}

impl SentInfo {
    /// The question opens with a question word or a question start ("How does that leave you?", "Was
    /// it an accident?"), not only a "?" on a statement, an order or a tag ("…this week, okay?").
    fn asks(&self) -> bool {
        self.question.is_some() && self.worded_as_question
    }
}

/// Analyses one reply: fills `f` with codes, evidence and style, in named passes — the context, the
/// sentences (questions and reflections), the codes straight from rules, shouting, the codes built from
/// several others, and style.
#[allow(clippy::too_many_arguments)]
pub fn analyse(
    c: &Compiled,
    ids: &LexIds,
    s: &mut Scratch,
    text: &str,
    context: Option<&str>,
    perspective: Perspective,
    f: &mut Findings,
) {
    let Scratch {
        toks,
        hits,
        found,
        ctx,
        ctx_hits,
        ctx_stems,
        ctx_feelings,
        stems,
        word_stems,
        sent_found,
        sent_tags,
        ctx_key,
        ctx_asks_advice,
        ctx_line,
        ctx_owner,
        last_text,
        last_owner,
    } = s;
    let context = context.filter(|c| !c.trim().is_empty());
    let owner = c.id();
    let ctx_cached = *ctx_owner == owner && ctx_key.as_deref() == context;
    // Scoring a transcript turn by turn, the context is often the reply analysed just before: its
    // tokens and hits (same text, same rules) become the context's instead of being computed again.
    let ctx_ready =
        !ctx_cached && *last_owner == owner && context.is_some_and(|cx| cx == last_text.as_str());
    if ctx_ready {
        std::mem::swap(toks, ctx);
        std::mem::swap(hits, ctx_hits);
    }
    toks.fill(text);
    c.scan(toks, hits);
    last_text.clear();
    last_text.push_str(text);
    *last_owner = owner;
    found.clear();
    c.run(toks, hits, found);
    stage_directions(text, toks, hits, ids, perspective, found);
    curt_sorry(toks, found);
    // Sorted by first token (`run` finds them in token order), so "what starts in tokens a..b" is a
    // binary search, not a scan.
    debug_assert!(found.is_sorted_by_key(|x| x.t0));
    f.words = toks.toks.len();
    f.bare_praise = is_bare_praise(toks, hits, ids);
    if calls_it_a_big_deal(toks) {
        f.ruled_out.extend(&[Code::Contempt]);
    }
    if sympathises(toks, hits, ids) {
        f.ruled_out.extend(&[Code::Contempt, Code::Sarcasm]);
    }
    // Going on as before towards a good end is encouragement, not the warning of consequences that
    // persuades ("If you keep going like this, you'll get there."; the model had read the warning's
    // "if you keep … like this" in it).
    if hits.any(ids.going_on_conditions) && hits.any(ids.good_ends) {
        f.ruled_out.extend(&[Code::Persuade]);
    }
    f.warm_emoji = text::is_warm_emoji_only(text);
    f.laughs_along = text::is_laughter_only(text) && context.is_some_and(text::laughs);
    // The eye-roll is the contempt Gottman names first; typed as an emoji it has no word to match
    // (a fifteenth play test's "🙄" to a client's story was read as nothing).
    if let Some(i) = text.find(EYE_ROLL) {
        f.eye_roll = Some(i as u32);
        f.add(Code::Contempt, i as u32, (i + EYE_ROLL.len_utf8()) as u32);
    }
    word_stems.clear();
    word_stems.resize(toks.toks.len(), 0);

    // The context: content stems, feelings, and whether it asked for advice (cached per context).
    if ctx_cached {
        f.advice_asked = *ctx_asks_advice;
    } else if let Some(cx) = context {
        ctx_stems.clear();
        ctx_feelings.clear();
        if !ctx_ready {
            ctx.fill(cx);
            c.scan(ctx, ctx_hits);
        }
        f.advice_asked = ctx_hits.any(ids.asks_for_advice);
        for i in 0..ctx.toks.len() {
            if ctx_hits.covered(i, ids.stopwords) || ctx.word(i).len() < 3 {
                continue;
            }
            let h = text::hash(text::stem(ctx.word(i)));
            ctx_stems.push(h);
            if ctx_hits.covered(i, ids.feelings) {
                ctx_feelings.push(h);
            }
        }
        ctx_stems.sort_unstable();
        ctx_stems.dedup();
        *ctx_asks_advice = f.advice_asked;
        *ctx_line = text::LineKind::of(
            ctx,
            cx,
            ctx_hits.any(ids.feelings) || ctx_hits.any(ids.losses),
            ctx_hits.any(ids.offers),
        );
        // Reuses the key's buffer: in batch scoring the context changes on every line.
        match ctx_key {
            Some(k) => {
                k.clear();
                k.push_str(cx);
            }
            None => *ctx_key = Some(cx.to_string()),
        }
        *ctx_owner = owner;
    } else {
        ctx_stems.clear();
        ctx_feelings.clear();
        *ctx_asks_advice = false;
        *ctx_line = None;
        *ctx_key = None;
    }
    // "Since you're asking, …" opening the reply says it was asked; believed where the line before
    // asks something or there is none ("Things changed since you asked him to move out" is a time,
    // and "Since you asked," before advice to a line that asked nothing buys no permission).
    if (0..toks.toks.len().min(2)).any(|i| hits.covered(i, ids.answers_asked))
        && ctx_line.as_ref().is_none_or(|l| l.asked)
    {
        f.advice_asked = true;
    }
    // The context's hits are its own here, freshly scanned, cached or handed over from the last reply.
    f.risk_cue = context.is_some() && ctx_hits.any(ids.crisis);

    // A therapist asking about suicide straight out ("Have you thought about killing yourself?") asks;
    // it advises nothing, whatever "have you thought about" opens elsewhere.
    // (Not every risk word a therapist says of the other person asks: "You shouldn't think about
    // suicide" and "Call 988 if you feel suicidal" advise.)
    f.perspective = perspective;
    f.asks_risk = asks_about_suicide(toks);
    // One search of the normalised words first: most replies have no "proud" to look behind.
    f.told_proud =
        toks.norm.contains(" proud ") && (0..toks.toks.len()).any(|t| says_proud_at(toks, t));
    // A promise with its limit said ("It stays between us unless I think you're in danger") states
    // confidentiality's limits, as the tip asks (a thirty-second play test's option got the tip).
    let states_limit = (0..toks.toks.len()).any(|i| matches!(toks.word(i), "unless" | "except"))
        && hits.any(ids.stated_risks);
    f.secrecy_promised = hits.any(ids.secrecy_promises) && !states_limit;
    // "whatever" (the `brush_offs` lexicon) as a clause of its own brushes the choice off; it does
    // not hand it over ("whatever, your call.": a thirty-second play test's trainee was counted
    // MI-adherent for it). "Whatever you decide, it's your choice." hands it over.
    let brushes_off = |i: usize| {
        hits.covered(i, ids.brush_offs)
            && (toks.has(i, text::SENT_START) || toks.has(i, CLAUSE_START))
            && (toks.word_in_sentence_of(i, i + 1).is_empty() || toks.has(i + 1, CLAUSE_START))
    };
    if (0..toks.toks.len()).any(brushes_off) {
        f.ruled_out.extend(&[Code::EmphasizingAutonomy]);
    }
    f.feeling_granted = (toks.norm.contains(" of course ")
        && (0..toks.toks.len()).any(|t| grants_feeling(toks, hits, ids, t)))
        || guesses_their_hurt(toks, hits, ids);
    if f.told_proud || f.feeling_granted {
        f.ruled_out
            .extend(&[Code::Insult, Code::Contempt, Code::Sarcasm]);
    }
    // A chain of questions ("Do you drink? How much, roughly? Do you sleep in the day?") asks for
    // answers, not for the person's ideas: no seeking collaboration from the model (a sixteenth play
    // test's interview chain counted as MI-adherent in the debrief).
    if toks.questions() >= STACKED_QUESTIONS {
        f.ruled_out.extend(&[Code::SeekingCollaboration]);
    }
    // A reply that only denies a harsh self-view, every sentence of it ("You're not a burden.", "Not
    // mad at all.", "ur not invisible to me"), reassures: the line's word said back in it is no
    // reflection (the guide). A retrain put the model's complex reflection on "You're not a burden."
    // at even odds.
    if !toks.sents.is_empty()
        && toks.sents.iter().all(|s| {
            found.iter().any(|x| {
                x.tag == Tag::DisputesBlame
                    && x.t0 == s.t0
                    // Up to two words after it ("… to me", "…, love").
                    && x.t1 + 2 >= s.t1
                    && disputes_in_earnest(toks, found, x)
            })
        })
    {
        f.ruled_out
            .extend(&[Code::SimpleReflection, Code::ComplexReflection]);
    }
    if let Some(cr) = found.iter().find(|x| {
        x.tag == Tag::Crisis
            && !(perspective == Perspective::Therapist
                && (risk_question(toks, hits, ids, x) || names_a_suicide_death(toks, hits, ids, x)))
            && !a_limit_on_a_task(toks, x)
    }) {
        let (a, b) = span(toks, cr.t0 as usize, cr.t1 as usize);
        f.add(Code::Crisis, a, b);
        return;
    }
    // A client's yes to a question about suicide ("Are you having any thoughts of ending your life?"
    // → "yes. i have a plan and a date") says it as plainly as the words would: a fourteenth play
    // test's answer was scored, with no help shown. The context is read only after the reply's first
    // words say yes.
    if perspective == Perspective::Client
        && context.is_some()
        && answers_yes(toks, hits, ids)
        && asks_about_suicide(ctx)
    {
        let end = toks.sents.first().map_or(text.len() as u32, |s| s.end);
        f.add(Code::Crisis, 0, end);
        return;
    }

    // The rule matches of each sentence, looked up once: the passes ask per sentence many times.
    sent_found.clear();
    sent_found.extend(toks.sents.iter().map(|s| {
        let (lo, hi) = found_range(found, s.t0, s.t1);
        (lo as u32, hi as u32)
    }));
    sent_tags.clear();
    sent_tags.extend(sent_found.iter().map(|&(lo, hi)| {
        found[lo as usize..hi as usize]
            .iter()
            .fold(0, |m, x| m | tag_bit(x.tag))
    }));
    let p = Pass::new(
        ids,
        toks,
        hits,
        found,
        ctx_stems,
        ctx_feelings,
        context.map(|_| &*ctx),
        context,
        perspective,
        text,
        sent_found,
        sent_tags,
    );
    let sentences = p.sentences(stems, word_stems, f);
    f.changes_subject = p.changes_subject(word_stems);
    // A question that takes up no word of the line ("did you see the football" after "You never ask
    // how my day was") turns to something else; one of the rules' refusals ("Can you just leave me
    // alone?") does not.
    f.asks_about_else = context.is_some()
        && f.overlap == 0
        && sentences.infos.iter().any(|i| i.question.is_some())
        && !found.iter().any(|x| x.tag == Tag::Stonewalling);
    let hedges = p.rule_codes(&sentences.infos, f);
    p.shouting(f);
    p.compounds(f, &sentences);
    p.style(f, hedges);
    f.evidence.sort_by_key(|e| (e.start, e.end, e.code));
    f.evidence.dedup();
}

/// What the sentence pass found.
struct Sentences {
    infos: Vec<SentInfo>,
    reflection_sents: usize,
    total_overlap: usize,
}

/// One reply's tokens, rule matches and context, shared by the passes.
#[derive(Clone, Copy)]
struct Pass<'a> {
    ids: &'a LexIds,
    toks: &'a Tokens,
    hits: &'a Hits,
    found: &'a [Found],
    ctx_stems: &'a [u64],
    ctx_feelings: &'a [u64],
    /// The context's tokens, when there is a context.
    ctx_toks: Option<&'a Tokens>,
    context: Option<&'a str>,
    perspective: Perspective,
    text: &'a str,
    any_self_focus: bool,
    hostile_reply: bool,
    /// The line says its speaker ought to do an act the reply's modal names ([`says_own_ought`]):
    /// read once per reply (a 30,000-sentence reply had made it quadratic).
    line_owes: bool,
    /// Per sentence: the range of `found` that starts in it.
    sent_found: &'a [(u32, u32)],
    /// Per sentence: the tags of the matches that start in it ([`tag_bit`]).
    sent_tags: &'a [u128],
}

impl<'a> Pass<'a> {
    #[allow(clippy::too_many_arguments)]
    fn new(
        ids: &'a LexIds,
        toks: &'a Tokens,
        hits: &'a Hits,
        found: &'a [Found],
        ctx_stems: &'a [u64],
        ctx_feelings: &'a [u64],
        ctx_toks: Option<&'a Tokens>,
        context: Option<&'a str>,
        perspective: Perspective,
        text: &'a str,
        sent_found: &'a [(u32, u32)],
        sent_tags: &'a [u128],
    ) -> Pass<'a> {
        // Every match starts in some sentence, so the sentences' tag sets together are the reply's.
        let all = sent_tags.iter().fold(0, |m, &t| m | t);
        let any_self_focus = all & tag_bit(Tag::SelfFocus) != 0;
        let hostile_reply = all & HOSTILE_TAGS != 0;
        let line_owes = ctx_toks.is_some_and(|c| says_own_ought(c, toks));

        Pass {
            ids,
            toks,
            hits,
            found,
            ctx_stems,
            ctx_feelings,
            ctx_toks,
            context,
            perspective,
            text,
            any_self_focus,
            hostile_reply,
            line_owes,
            sent_found,
            sent_tags,
        }
    }

    /// Rule matches starting in sentence `si`.
    #[inline]
    fn in_sentence(&self, si: usize) -> &'a [Found] {
        let (lo, hi) = self.sent_found[si];
        &self.found[lo as usize..hi as usize]
    }

    /// Rule matches starting in tokens `t0..t1`.
    fn in_range(&self, t0: u32, t1: u32) -> &'a [Found] {
        let (lo, hi) = found_range(self.found, t0, t1);
        &self.found[lo..hi]
    }

    /// Whether `x` lies inside a match of `tag` in sentence `si` ("this is your fault" inside "none of
    /// this is your fault", "I'm done" inside "I'm done talking about this").
    fn inside(&self, si: usize, tag: Tag, x: &Found) -> bool {
        self.in_sentence(si)
            .iter()
            .any(|y| y.tag == tag && y.t0 <= x.t0 && x.t1 <= y.t1)
    }

    /// Whether a match of `tag` starts in tokens `t0..t1`.
    fn has_tag(&self, tag: Tag, t0: u32, t1: u32) -> bool {
        self.in_range(t0, t1).iter().any(|x| x.tag == tag)
    }

    /// Whether a therapist's match only says back the other person's own words ("I never got to say
    /// goodbye" → "You never got to say goodbye."): every word of the match but the second person and
    /// the verbs "be", "have" and "do" is in the line answered. That is a reflection of their words, not
    /// an attack on their character, reassurance or information of the therapist's own.
    fn echoes_context(&self, x: &Found) -> bool {
        self.perspective == Perspective::Therapist && self.echoes_line(x)
    }

    /// Whether a match only says back words of the line answered, in either perspective (see
    /// [`Pass::echoes_context`]).
    fn echoes_line(&self, x: &Found) -> bool {
        self.echoes_line_where(x, |_| true)
    }

    /// Whether a match only says back what the speaker of the line answered said of themselves: as
    /// [`Pass::echoes_line`], each word found in a sentence of the line with a first-person word in
    /// it, or no person at all, and the sentence not going on to the speaker or the matter in hand
    /// ("I never got to say goodbye" → "You never got to say goodbye."). "You always do this."
    /// after "It's that Sofía. The one who's always here." takes up a word said of someone else and
    /// is an attack of its own (a twenty-seventh play test's reply was neither absolute nor criticism).
    fn echoes_own_words(&self, x: &Found) -> bool {
        let Some(ctx) = self.ctx_toks else {
            return false;
        };
        let (toks, t1) = (self.toks, x.t1 as usize);
        // Neither of the two words after the match is "me", "us", "my", "our", "this", "that" or
        // "it": "You always do this." after "I always do the dishes." and "You never let me speak!"
        // after "I never get a say" retort in the line's words.
        let retorts = (t1..t1 + 2).any(|i| {
            i < toks.toks.len()
                && matches!(
                    toks.word_in_sentence_of(x.t0 as usize, i),
                    "me" | "us" | "my" | "our" | "this" | "that" | "it"
                )
        });
        !retorts
            && self.echoes_line_where(x, |j| {
                let s = ctx.sents[ctx.toks[j].sent as usize];
                let words = s.t0 as usize..s.t1 as usize;
                // Said of the speaker, or of no one named ("always the same. never any help.").
                words.clone().any(|k| of_self(ctx, k))
                    || !words.into_iter().any(|k| {
                        matches!(
                            ctx.word(k),
                            "you"
                                | "your"
                                | "u"
                                | "ur"
                                | "he"
                                | "she"
                                | "they"
                                | "him"
                                | "her"
                                | "them"
                                | "his"
                                | "their"
                                | "who"
                        )
                    })
            })
    }

    /// [`Pass::echoes_line`], counting only the line's words at positions `at` accepts.
    fn echoes_line_where(&self, x: &Found, at: impl Fn(usize) -> bool) -> bool {
        let Some(ctx) = self.ctx_toks else {
            return false;
        };
        let mut any = false;
        for i in x.t0 as usize..x.t1 as usize {
            let w = self.toks.word(i);
            if self.hits.covered(i, self.ids.second_person)
                || matches!(
                    w,
                    "are" | "am" | "is" | "be" | "being" | "have" | "has" | "do" | "does"
                )
            {
                continue;
            }
            if !(0..ctx.toks.len()).any(|j| ctx.word(j) == w && at(j)) {
                return false;
            }
            any = true;
        }
        any
    }

    /// Whether an imperative-looking match at `x` tells no one to do anything: it goes on with the
    /// speaker's own plan ([`continues_a_plan`]), says back the other's words ([`says_their_words`])
    /// or puts questions in order ([`orders_the_questions`]). Command, advice and an advising verb all
    /// read it.
    fn tells_no_one(&self, x: &Found) -> bool {
        continues_a_plan(self.toks, x.t0 as usize)
            || says_their_words(
                self.toks,
                self.hits,
                self.ids,
                self.ctx_stems,
                x.t0 as usize,
            )
            || orders_the_questions(self.toks, x)
            || self.names_an_option(x)
            || is_a_subject(self.toks, x.t0 as usize)
    }

    /// Whether the imperative-looking word at `x` is the name of an option set against what it
    /// costs: an "=" or an arrow follows it ("full time = ur energy, three days = mayfield, stop =
    /// maybe u lose urself": a fourteenth play test's decision analysis was unasked advice and
    /// persuading for "stop").
    fn names_an_option(&self, x: &Found) -> bool {
        let end = self.toks.toks[x.t0 as usize].end as usize;
        let rest = self.text.get(end..).unwrap_or("").trim_start();
        rest.starts_with('=') || rest.starts_with('→') || rest.starts_with("->")
    }

    /// Whether `x` opens its sentence: the first word, or the first of its second clause when the
    /// first is an interjection ("Ok, how…").
    fn opener_at(&self, x: &Found, sent: &text::Sentence) -> bool {
        let (toks, hits, ids) = (self.toks, self.hits, self.ids);
        let t = x.t0;
        if t == sent.t0 {
            return true;
        }
        // After a discourse marker ("so what…", "well how…", "ok did…").
        if t == sent.t0 + 1 && hits.covered(sent.t0 as usize, ids.discourse_markers) {
            return true;
        }
        if t > sent.t0 && t < sent.t1 && toks.has(t as usize, CLAUSE_START) {
            // Earlier clauses in this sentence are short (interjections, thanks, a name), or set up
            // the question ("if you could say one thing to him about the ward, what would it be": a
            // twenty-ninth play test's open question, with no mark, was read as advice).
            return t - sent.t0 <= 6
                || matches!(
                    toks.word(sent.t0 as usize),
                    "if" | "when" | "imagine" | "suppose"
                );
        }
        false
    }

    /// The sentence pass: questions (open or closed) and reflections (simple or complex), sentence by sentence.
    fn sentences(
        &self,
        stems: &mut Vec<u64>,
        word_stems: &mut [u64],
        f: &mut Findings,
    ) -> Sentences {
        let Pass {
            ids,
            toks,
            hits,
            ctx_stems,
            ctx_feelings,
            context,
            any_self_focus,
            perspective,
            ..
        } = *self;
        let opener_at = |x: &Found, sent: &text::Sentence| self.opener_at(x, sent);
        let mut infos: Vec<SentInfo> = Vec::with_capacity(toks.sents.len());
        let mut reflection_sents = 0usize;
        let mut total_overlap = 0usize;
        let mut speaker_only = !toks.sents.is_empty();
        // Whether every sentence opens with an imperative verb ("Ring your sister."):
        // imperatives capture nothing the other person said (MITI: a reflection is a statement).
        let mut orders_only = !toks.sents.is_empty();
        // Whether the line owes an act the reply says they should do (read once: [`says_own_ought`]).
        let line_owes = self.line_owes;
        for (si, sent) in toks.sents.iter().enumerate() {
            let (t0, t1) = (sent.t0, sent.t1);
            let first = toks.word(t0 as usize);

            // ---- reflections
            stems.clear();
            let mut content = 0usize;
            let mut has_you = false;
            let mut has_me = false;
            let mut own_me = false;
            let mut new_feeling = false;
            let mut any_feeling = false;
            let sent_stems = &mut word_stems[t0 as usize..t1 as usize];
            for (i, stem_hash) in (t0 as usize..).zip(sent_stems.iter_mut()) {
                if hits.covered(i, ids.second_person) {
                    has_you = true;
                }
                if hits.covered(i, ids.first_person) {
                    has_me = true;
                    // Quoted words are someone else's ("He said 'I'm not mad'"), and "I'm guessing…",
                    // "I bet…", "My sense is…" put forward a reading of the other's experience.
                    own_me |= !toks.has(i, text::QUOTED) && !offers_a_reading(toks, hits, ids, i);
                }
                if hits.covered(i, ids.stopwords) {
                    continue;
                }
                // Any word with a letter counts for the behaviour ("eh", "hm": see
                // `Findings::content_words`); the reflection pass compares words of three letters up.
                if toks.word(i).bytes().any(|b| b.is_ascii_alphabetic()) {
                    f.content_words += 1;
                }
                if toks.word(i).len() < 3 {
                    continue;
                }
                content += 1;
                let h = text::hash(text::stem(toks.word(i)));
                *stem_hash = h;
                if hits.covered(i, ids.feelings) {
                    any_feeling = true;
                    if !ctx_feelings.contains(&h) && ctx_stems.binary_search(&h).is_err() {
                        new_feeling = true;
                    }
                }
                if ctx_stems.binary_search(&h).is_ok() && !stems.contains(&h) {
                    stems.push(h);
                }
            }
            let overlap = stems.len();
            total_overlap += overlap;
            // ---- questions
            let mut best: Option<(bool, u32, u32)> = None; // (open, t0, len)
            let here = self.in_sentence(si);
            let tags = self.sent_tags[si];
            let has_tag = |tag: Tag| tags & tag_bit(tag) != 0;
            // A sentence that opens "Why don't you…" / "Why not…" / "How about this…" suggests: none of
            // its question openers counts (with a "?" it still falls back to a closed question below).
            let suggests = t0 < t1 && suggests_why_not(toks, hits, ids, t0 as usize);
            let openers = if suggests { &[][..] } else { here };
            for x in openers {
                let open = match x.tag {
                    Tag::OpenStart => true,
                    Tag::ClosedStart => false,
                    _ => continue,
                };
                if x.t0 < t0 || x.t0 >= t1 {
                    continue;
                }
                let at_start = opener_at(x, sent);
                if !at_start && !sent.question_mark {
                    continue;
                }
                if !sent.question_mark && !looks_interrogative(toks, x.t0 as usize, open) {
                    continue;
                }
                if sent.question_mark && !toks.has(x.t0 as usize, CLAUSE_START) {
                    continue;
                }
                // "When Hannah asked, what went through your mind?": a clause of time before the
                // question, not a question of its own ("When did she ask?" puts a verb first).
                if !open && subordinate_clause(toks, x.t0 as usize, t1 as usize) {
                    continue;
                }
                let len = x.t1 - x.t0;
                let cand = (open, x.t0, len);
                best = match best {
                    None => Some(cand),
                    Some(b) if cand.1 < b.1 || (cand.1 == b.1 && cand.2 > b.2) => Some(cand),
                    b => b,
                };
            }
            // A fragment ending in its question word asks, mark or no mark: "harder how", "why"
            // (open), "since when" (closed).
            if best.is_none() && !suggests {
                best =
                    trailing_question(toks, t0 as usize, t1 as usize).map(|(open, t)| (open, t, 1));
            }
            // Where a reflection stem opening the sentence ends ("It sounds like" | "you felt unheard").
            // A stem going straight on to what they ought to do advises, unless the line said its
            // own "I should" ("I keep thinking I should ring my sister" → "so you should ring her"
            // says it back: a maintainer's read); the model may not put the reflection back.
            let mut advises = false;
            let stem_end = here
                .iter()
                .filter(|x| {
                    let stem = x.tag == Tag::ReflectStem && opener_at(x, sent);
                    let ought = stem && !line_owes && stem_then_ought(toks, self.hits, self.ids, x);
                    advises |= ought;
                    stem && !ought
                })
                .map(|x| x.t1)
                .max();
            if advises {
                f.ruled_out
                    .extend(&[Code::SimpleReflection, Code::ComplexReflection]);
            }
            let reflect_stem_start = stem_end.is_some();
            let listening_stem = here
                .iter()
                .any(|x| x.tag == Tag::ListeningStem && opener_at(x, sent));
            speaker_only &=
                own_me && !has_you && !has_tag(Tag::ReflectStem) && !has_tag(Tag::ListeningStem);
            // "I hear you." and "Sounds like it." open like reflections but say nothing back: no
            // content word follows the stem (MITI: a reflection captures what the person said).
            // A person it names is something said back, though no content word ("You miss her.",
            // "You're worried about me.": a twenty-seventh play test's replies fell back with no
            // code).
            // Not after "like" or "as": "Sounds like them." names no one's experience (a
            // maintainer's read).
            let says_nothing_back = stem_end.is_some_and(|e| {
                let after = sent_stems.get((e - t0) as usize..).unwrap_or_default();
                after.iter().all(|&h| h == 0)
                    && !(e..t1).any(|i| {
                        let i = i as usize;
                        matches!(
                            toks.word(i),
                            "her" | "him" | "them" | "he" | "she" | "they" | "me" | "us"
                        ) && !(i > 0 && matches!(toks.word(i - 1), "like" | "as"))
                    })
            });
            // "?" after a reflection ("It sounds like you felt unheard, is that right?", "You're
            // growing apart?") is a reflection checked with the other person, not a question (MITI).
            let you_first = hits.covered(t0 as usize, ids.second_person);
            // Or a statement of theirs with an explicit check ("It crept up on you after Steve
            // left, does that fit?"), saying back a word of the line.
            let tag_check = sent.question_mark
                && (reflect_stem_start
                    || you_first
                    || (overlap >= 1
                        && ends_with_check(toks, t0 as usize, t1 as usize)
                        // Not advice with a check ("You could ring Steve, yeah?": a third read).
                        && !has_tag(Tag::Advice)
                        && !has_tag(Tag::AdviceVerb)))
                && best.is_none_or(|b| !b.0 && b.1 > t0 + 1 && t1 - b.1 <= 5);
            // A statement ending in an explicit check ("Your boyfriend ended it, is that right?")
            // offers the other person's meaning back for confirmation: a reflection (MITI).
            let checked = tag_check && ends_with_check(toks, t0 as usize, t1 as usize);
            let mut question = match best {
                _ if tag_check
                    && (reflect_stem_start || overlap >= 1 || any_feeling || checked) =>
                {
                    None
                }
                Some((open, _, _)) => Some(open),
                None if sent.question_mark => {
                    if reflect_stem_start
                        || proposes(toks, t0 as usize)
                        || asks_agreement(toks, t0 as usize, t1 as usize)
                    {
                        None
                    } else {
                        Some(false)
                    }
                }
                None => None,
            };
            // A question that is really criticism or contempt is not a listening question.
            // So is a client's indignant answer to a line ("How am I meant to know that?", "What about
            // you skipping Christmas?"): an excuse or a counter-charge, not a question to hear the answer.
            // (Blame said back as the other's fear, "Are you scared it's your fault?", attacks no one.)
            let hostile_here = [Tag::Criticism, Tag::Contempt, Tag::Insult, Tag::Sarcasm]
                .into_iter()
                .any(|tag| {
                    has_tag(tag)
                        && (tag != Tag::Criticism
                            || here
                                .iter()
                                .any(|x| x.tag == tag && !blame_held(toks, hits, ids, x)))
                })
                || (perspective == Perspective::Client
                    && context.is_some()
                    && here.iter().any(|x| {
                        // "Good thanks! What about you?" returns the question; it defends nothing.
                        x.tag == Tag::Defensiveness
                            && !(x.t1 == t1 && toks.word(x.t0 as usize) == "what")
                    }));
            if hostile_here {
                question = None;
            }
            // A check after a reflection ("…, and that's about when the low mood set in. Does that fit
            // how it feels to you?") belongs to it: no question (the guide, MITI).
            let checks_prior = si > 0 && infos[si - 1].reflection && is_check(toks, sent);
            if checks_prior {
                question = None;
            }
            if let Some(open) = question {
                let code = if open {
                    Code::OpenQuestion
                } else {
                    Code::ClosedQuestion
                };
                f.add(code, sent.start, sent.end);
            }

            let self_led = matches!(first, "i" | "my" | "me" | "we" | "our") && !reflect_stem_start;
            let validation = has_tag(Tag::Validation);
            // Codes in the sentence that make it something other than a reflection (one pass over
            // its matches, only when the sentence could otherwise be one).
            let blocked = || {
                here.iter().any(|x| match x.tag {
                    // "You really need to stop drinking." overlaps the line before but says nothing back,
                    // and neither does "sounds like u should go part time": a stem before the speaker's
                    // own "should" right after "sounds like" makes no reflection of it ("So knowing you
                    // should go isn't the problem" says back the other's own "should").
                    Tag::Advice | Tag::Persuade => {
                        !reflect_stem_start
                            || (after_sounds_like(toks, x.t0 as usize)
                                && judges(toks, x)
                                && !should_not_have_to(toks, x))
                    }
                    // Praise that opens the sentence ("That sounds like a great idea") is an
                    // affirmation; one after a reflection stem ("It sounds like you care a lot,
                    // that's great") leaves the reflection standing.
                    // Recognising effort in words that say back their experience ("You've been
                    // carrying all of this on your own") is a reflection as well as an affirmation.
                    Tag::Affirmation => {
                        let says_back = you_first && reflect_stem_start && context.is_some();
                        !(validation || says_back)
                            && (!reflect_stem_start
                                || here
                                    .iter()
                                    .any(|y| y.tag == Tag::ReflectStem && y.t0 == x.t0))
                    }
                    Tag::Criticism => !self.echoes_context(x) && !blame_held(toks, hits, ids, x),
                    // "sounds like a you problem" mocks; it says nothing back.
                    Tag::Insult
                    | Tag::Contempt
                    | Tag::Command
                    | Tag::Request
                    | Tag::SelfFocus
                    | Tag::Sarcasm
                    | Tag::Reassurance
                    | Tag::DisputesBlame
                    // Labelling or disputing ("You're overthinking this.") says nothing back.
                    | Tag::Confront => true,
                    // The speaker's own feeling is no reflection, but the one the other fears in them
                    // is theirs to have ("You're worried I'm angry with you.").
                    Tag::IStatement => !their_thought(toks, x),
                    // Owning one's part ("You're right, I should have called") is about the speaker;
                    // a check ("…, correct me if I'm wrong?") owns nothing.
                    Tag::Responsibility => !conditional(toks, x),
                    _ => false,
                })
            };
            // Small talk ("You're welcome", "Merry Christmas to you too") echoes words, not experience.
            let pleasantry = || {
                !reflect_stem_start && (t0..t1).any(|i| hits.covered(i as usize, ids.pleasantries))
            };
            // A sentence about the speaker alone ("the cold always makes me feel run down") shares
            // the other's words without saying back their experience.
            let about_me = has_me && !has_you && !reflect_stem_start;
            let stem_any = has_tag(Tag::ReflectStem);
            // "I understand, I've been there too": the empathy is about the speaker, not a reflection.
            let self_empathy = matches!(first, "i") && any_self_focus;
            // A statement offered for checking ("Since Steve left, Sundays have had nobody in them…
            // Does that fit?") is a reflection when it takes up the other's words.
            let next_checks = toks.sents.get(si + 1).is_some_and(|n| is_check(toks, n));
            let is_reflection = question.is_none()
                && !says_nothing_back
                && !inner_state_of_me(toks, t0 as usize, t1 as usize)
                && !self_empathy
                && !about_me
                && !self_led
                && (reflect_stem_start
                    || checked
                    || (next_checks && overlap >= 1)
                    || (stem_any && (any_feeling || overlap >= 1))
                    || (validation && has_you && overlap >= 1)
                    || (has_you
                        && (any_feeling && overlap >= 1
                            || overlap >= 2
                            || (overlap >= 1 && content <= 3)))
                    || (!has_you && context.is_some() && overlap >= 3 && overlap * 2 >= content))
                && !blocked()
                && !pleasantry();
            if is_reflection {
                reflection_sents += 1;
                f.listening_stem |=
                    listening_stem || says_back_inner_state(toks, t0 as usize, t1 as usize);
                let complex = has_tag(Tag::ComplexCue)
                    || new_feeling
                    || validation
                    || (content >= 3 && overlap * 2 < content && (reflect_stem_start || stem_any));
                let code = if complex {
                    Code::ComplexReflection
                } else {
                    Code::SimpleReflection
                };
                f.add(code, sent.start, sent.end);
            }
            orders_only &= !is_reflection
                && question.is_none()
                && here
                    .iter()
                    .any(|x| x.t0 == t0 && matches!(x.tag, Tag::AdviceVerb | Tag::Command));
            infos.push(SentInfo {
                question,
                worded_as_question: best.is_some() && !suggests,
                asks_from_start: best.is_some_and(|b| b.1 == t0),
                reflection: is_reflection,
                checks: checks_prior,
            });
            let _ = si;
        }
        // A reply that only asks, each sentence worded as a question ("did your mum plan the
        // dinner", a thirtieth play test's change of subject after a risk hint), says nothing back: no
        // reflection from the model either. "So he left after ten years?" is a statement with a "?".
        // Closed questions only: "Tell me if I'm wrong, but it sounds like you're exhausted." opens
        // as an open one and goes on to reflect.
        let only_asks = !infos.is_empty()
            && infos.iter().all(|i| {
                i.asks() && i.asks_from_start && i.question == Some(false) && !i.reflection
            })
            && !self.found.iter().any(|x| x.tag == Tag::ReflectStem);
        if orders_only || only_asks {
            f.ruled_out
                .extend(&[Code::SimpleReflection, Code::ComplexReflection]);
        }
        // A checked reflection asks nothing else: no question and no seeking collaboration from the
        // model either, unless another sentence asks.
        if infos.iter().any(|i| i.checks) && infos.iter().all(|i| i.question.is_none()) {
            f.ruled_out
                .extend(&[Code::ClosedQuestion, Code::SeekingCollaboration]);
        }
        f.overlap = total_overlap;
        f.speaker_only = speaker_only;
        f.ends_with_question = infos.last().is_some_and(|i| i.question.is_some());
        let asks = infos
            .iter()
            .rev()
            .take_while(|i| i.question.is_some())
            .count();
        // Only a question that opens as one makes the ask: "…this week, okay?" and "Why not start with
        // that?" close an order or a suggestion rather than follow a reflection with a question.
        let open_asked = |from: usize| infos[from..].iter().any(SentInfo::asks);
        f.statement_end = match infos.len().checked_sub(asks + 1) {
            Some(last) if asks > 0 && open_asked(last + 1) => toks.sents[last].end,
            _ => 0,
        };
        f.reflect_then_ask = infos
            .iter()
            .position(|i| i.reflection)
            .is_some_and(|r| open_asked(r + 1));
        Sentences {
            infos,
            reflection_sents,
            total_overlap,
        }
    }

    /// Codes straight from rules, with the engine's cross-checks; returns the number of hedges.
    fn rule_codes(&self, infos: &[SentInfo], f: &mut Findings) -> usize {
        let Pass {
            ids,
            toks,
            hits,
            found,
            context,
            perspective,
            hostile_reply,
            ..
        } = *self;
        let in_range = |t0: u32, t1: u32| self.in_range(t0, t1);
        let has_tag = |tag: Tag, t0: u32, t1: u32| self.has_tag(tag, t0, t1);
        // ---- codes straight from rules, with the engine's cross-checks
        let sent_of = |t: u32| toks.toks[t as usize].sent as usize;
        let sent_has = |tag: Tag, t: u32| self.sent_tags[sent_of(t)] & tag_bit(tag) != 0;
        let mut hedges = 0usize;
        let mut apologies_counted = 0usize;
        let hands_back = perspective == Perspective::Therapist && hands_back_credit(hits, ids);
        // The line's own "I should've driven him" said back ("You think you should have driven
        // him."): their regret, no advice (a thirty-first play test's reflection took the route for
        // fixing).
        // Where a sentence goes on from the one before ("You keep coming back to that... that you
        // should've driven him?"), what was said of "you" there is said of this sentence too.
        let said_from = |k: usize| {
            let t0 = toks.sents[k].t0 as usize;
            if k > 0 && toks.word(t0) == "that" {
                toks.sents[k - 1].t0 as usize
            } else {
                t0
            }
        };
        let their_regret = |x: &Found| {
            let w = |i: usize| toks.word_in_sentence_of(x.t0 as usize, i);
            (x.t0 as usize..x.t1 as usize + 1).any(|i| w(i) == "should" && w(i + 1) == "have")
                && self.line_owes
                // Their thought ("you think", "part of you feels"), not the helper's verdict ("You
                // should have driven him." agrees with the blame).
                && {
                    let from = said_from(toks.toks[x.t0 as usize].sent as usize);
                    (from..x.t0 as usize).any(|i| {
                        (hits.covered(i, ids.mental_verbs) || toks.word(i) == "think")
                            // Said of "you" ("you think", "part of you feels", "you keep telling
                            // yourself"), not "I know you should have…" (a third read).
                            && (i > from && matches!(toks.word(i - 1), "you" | "u")
                                || i > from + 1
                                    && matches!(toks.word(i - 2), "you" | "u")
                                    && toks.word(i - 1) != "i")
                    })
                }
        };
        // A grudging "fine" that agrees to what was asked, in its words ("fine. 3 months" to "Please —
        // three months."): the guide's "no horseman" (a thirtieth play test's was stonewalling, and
        // Njeri answered "now you want to be cruel about it too"). "Fine. Whatever you want." keeps it.
        // Only to something asked of them ("please", a question), and not "whatever", "noted" or
        // "later" (a third read).
        let asked_of_them = self.ctx_toks.is_some_and(|c| {
            c.questions() > 0
                || (0..c.toks.len()).any(|i| matches!(c.word(i), "please" | "asking" | "ask"))
        });
        let grudging_yes = perspective == Perspective::Client
            && asked_of_them
            && f.overlap >= 1
            && toks.questions() == 0
            && matches!(toks.word(0), "fine" | "ok" | "okay" | "alright")
            && toks.toks.len() <= 6
            && !(0..toks.toks.len()).any(|i| {
                matches!(
                    toks.word(i),
                    "whatever" | "noted" | "later" | "never" | "again"
                )
            });
        if grudging_yes {
            f.ruled_out.extend(&[Code::Stonewalling]);
        }
        if hands_back {
            f.ruled_out.extend(&[Code::SelfFocus, Code::Defensiveness]);
        }
        // A helper owning a lapse the client has named ("and then I didn't even ask. That's really
        // useful to hear.") repairs the alliance; it does not turn the talk to themselves (a
        // thirty-second play test's trainee took you-forgot's route for defending).
        // Only a lapse named as one ("I didn't ask", "I forgot"), not an apology before an excuse
        // ("I'm sorry, I had a really busy week.", defending).
        let owns_lapse = perspective == Perspective::Therapist
            && found.iter().any(|y| {
                let w = |i: u32| toks.word_in_sentence_of(y.t0 as usize, i as usize);
                y.tag == Tag::Responsibility
                    && w(y.t0) == "i"
                    && (w(y.t0 + 1) == "forgot" || (w(y.t0 + 1) == "did" && w(y.t0 + 2) == "not"))
            })
            // With no excuse or blame beside it ("I forgot, I had a really busy week", "I didn't
            // ask. You could have just told me.": a maintainer's read).
            && !hits.any(ids.lapse_excuses);
        if owns_lapse {
            f.ruled_out.extend(&[Code::SelfFocus]);
        }
        for x in found.iter() {
            let (a, b) = span(toks, x.t0 as usize, x.t1 as usize);
            let Some(code) = x.tag.code() else {
                match x.tag {
                    Tag::AdviceVerb => {
                        let si = sent_of(x.t0);
                        if infos[si].question.is_some()
                            || for_the_speaker(toks, x)
                            || self.tells_no_one(x)
                        {
                            continue;
                        }
                        if sign_off(f, toks, x) {
                            continue;
                        }
                        let cmd = has_tag(Tag::Command, x.t0, x.t0 + 1);
                        if !(cmd && hostile_reply) {
                            f.add(Code::Advice, a, b);
                        }
                    }
                    // Kindly disputing someone's harsh view of themselves is reassurance in either
                    // perspective (the guide), unless the speaker takes the blame instead ("It isn't
                    // your fault. … that's mine to own."): that is owning a part, not soothing.
                    // Nor in a question ("So you don't blame yourself?") or beside a sneer ("Oh sure,
                    // you're not dramatic at all 🙄"): a maintainer's read.
                    Tag::DisputesBlame => {
                        let owns = perspective == Perspective::Client
                            && found.iter().any(|y| y.tag == Tag::Responsibility);
                        if !owns && disputes_in_earnest(toks, found, x) {
                            f.add(Code::Reassurance, a, b);
                            // Nor does the model hear mockery in it ("Mamá, you did nothing wrong.
                            // You are a good mother…": a twenty-ninth play test's comfort was
                            // contempt, and Mamá answered "Don't talk to me like that.").
                            f.ruled_out.extend(&[Code::Contempt, Code::Sarcasm]);
                        }
                    }
                    Tag::Validation
                        if perspective == Perspective::Therapist || context.is_some() => {}
                    _ => {}
                }
                continue;
            };
            let si = sent_of(x.t0);
            let in_question = infos[si].question.is_some();
            if code == Code::Hedging {
                hedges += 1;
            }
            let sent = &toks.sents[si];
            // Advice that takes a reflection's sentence over: a verdict in its words ("It sounds like
            // the caregiver is the best option for you.", not "It sounds like you feel…") or "you
            // (really) should" with no stem before it ("It's up to you, but you really should fly out
            // and see Steve.", where "really" had made the sentence a complex reflection): a
            // thirtieth play test's gaming trainee took reflection routes with both.
            let takes_over = code == Code::Advice && {
                let w = |i: usize| toks.word_in_sentence_of(x.t0 as usize, i);
                let (t0, t1) = (x.t0 as usize, x.t1 as usize);
                let verdict = matches!(w(t0), "sounds" | "seems")
                    && !matches!(w(t0 + 2), "you" | "u")
                    && !(t0..t1).any(|i| {
                        hits.covered(i, ids.mental_verbs)
                            || matches!(w(i), "think" | "want" | "wants" | "need" | "needs")
                    });
                // An act after the modal, not a validation ("You honestly shouldn't have had to…",
                // "You still should be able to grieve…") or someone else's view said back ("So your
                // sister thinks you really should sell the house": a maintainer's read).
                let modal = (t0..t1 + 1).find(|&i| matches!(w(i), "should" | "ought" | "must"));
                let pushes = matches!(w(t0), "you" | "u")
                    && modal.is_some_and(|m| {
                        let next = if w(m) == "ought" { m + 2 } else { m + 1 };
                        !matches!(w(next), "not" | "have" | "be" | "feel" | "know" | "")
                    })
                    && !has_tag(Tag::ReflectStem, sent.t0, x.t0)
                    && !(sent.t0 as usize..t0).any(|i| hits.covered(i, ids.mental_verbs));
                verdict || pushes
            };
            let skip = match code {
                // "I didn't do anything, you did it all." gives the credit back; it defends nothing
                // and turns no talk to the helper (a thirtieth play test's trainee was sent down
                // session-fifteen's route for keeping the credit).
                Code::SelfFocus | Code::Defensiveness if hands_back => true,
                Code::SelfFocus if owns_lapse => true,
                Code::EmphasizingAutonomy if f.ruled_out.contains(Code::EmphasizingAutonomy) => {
                    true
                }
                Code::Stonewalling if grudging_yes => true,
                // "Been lonely, have you?", "Feeling lonely? Join a club lol" and a helper's "Feeling
                // tired lately?" say no feeling of the speaker's own (a maintainer's read): the
                // "I"-less forms stand only as a client's statement.
                // ("Been so lonely since he left, is that weird?" keeps its feeling: a short question
                // only, a second maintainer's read.)
                Code::IStatement
                    if matches!(toks.word(x.t0 as usize), "been" | "feeling")
                        && (perspective == Perspective::Therapist
                            || (sent.question_mark && sent.t1 - sent.t0 <= 4)
                            // "Feeling sorry for yourself again, are we?" (a third read).
                            || (sent.t0 as usize..sent.t1 as usize)
                                .any(|i| toks.word(i) == "yourself")
                            || (sent.question_mark
                                && matches!(toks.word(sent.t1 as usize - 1), "we" | "you"))) =>
                {
                    f.ruled_out.extend(&[Code::IStatement]);
                    true
                }
                Code::OpenQuestion
                | Code::ClosedQuestion
                | Code::SimpleReflection
                | Code::ComplexReflection => true,
                // Reaching here, every crisis phrase was a therapist's risk question (see `risk_question`).
                Code::Crisis => true,
                // "Does that fit how it feels to you?" after a reflection checks it; it asks for no
                // ideas of theirs.
                Code::SeekingCollaboration if infos[si].checks => true,
                // "It crept up on you after Steve left, does that fit?": the check belongs to the
                // reflection (the guide: no question code, no seeking collaboration).
                Code::SeekingCollaboration
                    if infos[si].reflection
                        && sent.question_mark
                        && ends_with_check(toks, sent.t0 as usize, sent.t1 as usize) =>
                {
                    f.ruled_out.extend(&[Code::SeekingCollaboration]);
                    true
                }
                // "What do you think about just calling Steve?" leads to the act it names; it asks for
                // no view (a thirtieth play test's gaming trainee took the collaboration routes so).
                Code::SeekingCollaboration
                    if toks.word_in_sentence_of(x.t0 as usize, x.t1 as usize) == "just" =>
                {
                    f.ruled_out.extend(&[Code::SeekingCollaboration]);
                    true
                }
                // One sentence is a summary only when it gathers several things ("To sum up, you've
                // lost your mum, your job's on the line and things with Dave are strained.").
                Code::Summary => {
                    toks.sents.len() < 2
                        && toks
                            .toks
                            .iter()
                            .filter(|t| t.flags & CLAUSE_START != 0)
                            .count()
                            < 2
                        && self.text[sent.start as usize..sent.end as usize]
                            .matches(',')
                            .count()
                            + (sent.t0..sent.t1)
                                .filter(|&i| toks.word(i as usize) == "and")
                                .count()
                            < 2
                }
                // In a sentence worded as a question, an imperative-looking clause about the speaker's
                // own act is a proposed answer, not an order ("what am I supposed to do, quit my
                // job?"); one at the listener stays an order ("How many times do I have to say it,
                // put your shoes away?").
                Code::Command => {
                    in_question
                        || (infos[si].worded_as_question
                            && !clause_speaks_to_listener(toks, x.t0 as usize))
                        || sent_has(Tag::Polite, x.t0)
                        || in_range(x.t0, x.t0 + 1).iter().any(|y| {
                            matches!(
                                y.tag,
                                Tag::PassivePhrase
                                    | Tag::GuiltTrip
                                    | Tag::Stonewalling
                                    | Tag::Reassurance
                            )
                        })
                        || (has_tag(Tag::AdviceVerb, x.t0, x.t0 + 1) && !hostile_reply)
                        || gives_time(toks, x.t0 as usize)
                        || self.tells_no_one(x)
                        // "That one's on me, no excuses.": the speaker refuses themselves excuses.
                        || (toks.word(x.t0 as usize) == "no" && sent_has(Tag::Responsibility, x.t0))
                }
                // A tag after a statement checks; it asks for nothing ("You cannot bear to see them,
                // can you, Apa.": a twenty-ninth play test's reflection was a clear request).
                Code::Request if tag_question(toks, self.hits, self.ids, x) => true,
                // A request inside an attack is not a clear request; nor is a request hedged away,
                // nor the "please" of a kindly "please don't apologise" (the guide: reassurance).
                Code::Request => {
                    self.inside(si, Tag::Reassurance, x)
                        || sent_has(Tag::Insult, x.t0)
                        || sent_has(Tag::Criticism, x.t0)
                        || sent_has(Tag::Contempt, x.t0)
                        || sent_has(Tag::Sarcasm, x.t0)
                        || has_tag(Tag::OpenStart, x.t0, x.t0 + 1)
                        || self
                            .in_sentence(si)
                            .iter()
                            .filter(|h| h.tag == Tag::Hedging)
                            .count()
                            >= 2
                }
                // "I'm done talking about this." shuts the talk down; "done" there owns no feeling.
                Code::IStatement => {
                    sent_has(Tag::DisguisedYouStatement, x.t0)
                        || self.inside(si, Tag::Stonewalling, x)
                        // "I'm sick of you pulling this…" attacks the listener in a feeling's words.
                        || self.inside(si, Tag::Criticism, x)
                        // "I'd like to hear your side" invites their story (an open question).
                        || has_tag(Tag::OpenStart, x.t0, x.t0 + 1)
                        // "I feel like we should sell the house" gives an opinion, no feeling.
                        || feels_like_we_should(toks, x)
                        || their_thought(toks, x)
                        // "Did I miss anything?", "Do I need to bring something?" ask; they own nothing.
                        || (infos[si].worded_as_question
                            && x.t0 > 0
                            && matches!(
                                toks.word_in_sentence_of(x.t0 as usize, x.t0 as usize - 1),
                                "did" | "do" | "does" | "have" | "had"
                            ))
                }
                // "I'm such an idiot", "this is a stupid question": a put-down of oneself or one's
                // own words, not of the other person.
                Code::Insult | Code::Contempt if self_put_down(toks, x) => {
                    f.ruled_out.extend(&[Code::Insult, Code::Contempt]);
                    true
                }
                // A client answering a charge or a question about themselves ("You were rude." →
                // "I wasn't rude, I was being honest.") is not turning the talk to themselves; nor is
                // one asked to go on ("Go on, then. I've got twenty minutes before choir." → "I have
                // lost my purpose, love. I did not expect it to hit me like this.": a twenty-ninth
                // play test's answer was self-focus).
                Code::SelfFocus
                    if perspective == Perspective::Client
                        && self.ctx_toks.is_some_and(|c| {
                            text::persons(c, 0..c.toks.len()).1 || asks_after_them(c)
                        }) =>
                {
                    true
                }
                // A question is not an affirmation ("Do you tell them you're trying your best?").
                Code::Appreciation | Code::Affirmation => {
                    (code == Code::Affirmation && in_question)
                        || sent_has(Tag::Sarcasm, x.t0)
                        || sent_has(Tag::GuiltTrip, x.t0)
                }
                // A therapist's tentative wording ("maybe", "I wonder if", "a bit") is no hedging: the
                // guide exempts it, and the labellers gave it to 10 of 21,117 therapist replies.
                Code::Hedging => {
                    perspective == Perspective::Therapist
                        // "That is very kind of you, Lloyd.": thanks, not "kind of" hedging (a
                        // twenty-ninth play test's older user was sent down the hedge route).
                        || (toks.word(x.t0 as usize) == "kind"
                            && matches!(
                                toks.word_in_sentence_of(x.t0 as usize, x.t1 as usize),
                                "you" | "u" | "him" | "her" | "them" | "yours"
                            ))
                        // "I mean it.", "I mean that.", "I mean what I say.": emphasis, not the filler
                        // "I mean, …" (a thirty-second play test's rewrite cut "I mean it." to "It.").
                        || (toks.word(x.t0 as usize) == "i"
                            && toks.word_in_sentence_of(x.t0 as usize, x.t0 as usize + 1) == "mean"
                            && x.t1 == x.t0 + 2
                            && matches!(
                                toks.word_in_sentence_of(x.t0 as usize, x.t1 as usize),
                                "it" | "that" | "what" | "every" | "this"
                            )
                            // Not the filler set off by a comma ("I mean, it hurt…").
                            && !toks.has(x.t1 as usize, CLAUSE_START))
                }
                // "You're entitled to redundancy pay" names a right; it labels no one.
                Code::Criticism | Code::Confront if names_a_right(toks, x) => true,
                // "You can always call me" says what is possible; it generalises about no one.
                Code::Absolute if always_possible(toks, x) => true,
                // "What do you do every day now?" asks about their days (a twenty-ninth play test's
                // open question drew the absolute's tip).
                Code::Absolute if asks_about_their_days(toks, x) => true,
                // "you and I will always be mates" promises; it charges no one.
                Code::Absolute
                    if toks.word(x.t0 as usize) == "you"
                        && toks.word_in_sentence_of(x.t0 as usize, x.t0 as usize + 1) == "and"
                        && matches!(
                            toks.word_in_sentence_of(x.t0 as usize, x.t0 as usize + 2),
                            "i" | "me" | "us"
                        ) =>
                {
                    true
                }
                // "That's not true, you're not boring." disputes a harsh self-view: reassurance (the
                // guide), not a confront or a defence (a twenty-seventh play test's trainee).
                // The learned layer does not add them back either.
                Code::Confront | Code::Defensiveness if disputed_for_them(toks, found, x) => {
                    f.ruled_out.extend(&[Code::Confront, Code::Defensiveness]);
                    true
                }
                // "You always make me laugh" is praise, not an attack.
                Code::Absolute | Code::Criticism => {
                    ((sent_has(Tag::Appreciation, x.t0) || sent_has(Tag::Affirmation, x.t0))
                        && !sent_has(Tag::Insult, x.t0)
                        && !(x.t0..x.t1).any(|i| hits.covered(i as usize, ids.negative_feelings))
                        && !sent_has(Tag::Sarcasm, x.t0))
                        // "I never got to say goodbye" → "You never got to say goodbye."; a client's
                        // too ("I love you. I don't love being supervised." → "You love me, you don't
                        // love being supervised. Fair.": a fourteenth play test's reply was criticism).
                        || (!sent_has(Tag::Insult, x.t0) && {
                            let echo = self.echoes_own_words(x);
                            if echo && code == Code::Criticism {
                                f.ruled_out.extend(&NO_ATTACK);
                            }
                            echo
                        })
                        // "None of this is your fault." disputes blame; it is no attack.
                        || self.inside(si, Tag::DisputesBlame, x)
                        // "Have you always lived here?" asks about their life.
                        || {
                            let asks = asks_about_their_habits(toks, hits, ids, x);
                            if asks {
                                f.ruled_out.extend(&NO_ATTACK);
                            }
                            asks
                        }
                        || (code == Code::Criticism && {
                            let held = blame_held(toks, hits, ids, x);
                            if held {
                                f.ruled_out.extend(&[Code::Criticism]);
                            }
                            held
                        })
                }
                // "It's up to you to make the effort" puts a duty on the person, not a choice: the
                // guide's autonomy leaves the decision with them ("it's up to you to decide" does).
                Code::EmphasizingAutonomy => {
                    let t = x.t1 as usize;
                    let duty = toks.word(t - 1) == "you"
                        && toks.word_in_sentence_of(t - 1, t) == "to"
                        && !matches!(
                            toks.word_in_sentence_of(t - 1, t + 1),
                            "decide" | "choose" | "say" | "pick" | "judge" | "work" | "figure"
                        );
                    if duty {
                        f.ruled_out.extend(&[Code::EmphasizingAutonomy]);
                    }
                    duty
                }
                // Self-soothing is about oneself or us ("you should take a break" is advice), and a
                // break from the talk, not from a life's load ("Can I have a break from caring for
                // Mum?" asks for help: a maintainer's read).
                Code::SelfSoothing => {
                    !(sent.t0 as usize..sent.t1 as usize).any(|i| {
                        hits.covered(i, ids.first_person) || matches!(toks.word(i), "we" | "us")
                    }) || {
                        let w = |i: usize| toks.word_in_sentence_of(x.t0 as usize, i);
                        let t1 = x.t1 as usize;
                        w(t1) == "from"
                            && !matches!(
                                w(t1 + 1),
                                "this"
                                    | "it"
                                    | "talking"
                                    | "the"
                                    | "us"
                                    | "each"
                                    | "arguing"
                                    | "here"
                            )
                    }
                }
                Code::Stonewalling => sent_has(Tag::SelfSoothing, x.t0),
                // "Don't worry about us, we'll manage" is a guilt trip (passive-aggressive), not reassurance;
                // a therapist saying back the other's own words ("She wouldn't want you to be sad…" after
                // "Mum wouldn't want me to be sad, everyone says.", "…your church runs a support group")
                // reflects them, neither reassuring nor informing.
                Code::Reassurance => has_tag(Tag::GuiltTrip, x.t0, x.t1) || self.echoes_context(x),
                Code::GivingInformation => self.echoes_context(x),
                // "So you feel you need to rest" reflects the other's own thought; it is not advice.
                // "Have you talked to him since?" explores what happened; it suggests nothing. "Ring me
                // any day" asks for something for the speaker: a request, not advice.
                Code::Advice | Code::Persuade
                    if f.risk_asked() || says_be_proud(toks, x) || for_the_speaker(toks, x) =>
                {
                    true
                }
                // "When do you have to decide by?" asks about their deadline; it sets them none.
                Code::Advice | Code::Persuade if asks_their_obligation(toks, x) => true,
                // "take care x" at the end of a reply signs off; it prescribes nothing ([`sign_off`]).
                Code::Advice | Code::Persuade if sign_off(f, toks, x) => true,
                // A word alone between commas in a question is an item of a list, not an order: "how
                // have you been in yourself — sleep, mood?" (a play test's scripted check-in was
                // "unasked advice" and "persuading" for "sleep").
                Code::Advice | Code::Persuade
                    if sent.question_mark && clause_len(toks, x.t0 as usize) == 1 =>
                {
                    true
                }
                Code::Persuade if orders_the_questions(self.toks, x) => true,
                // A client's "Honestly I'd keep the recipe book." is their own choice.
                Code::Advice
                    if perspective == Perspective::Client
                        && matches!(toks.word(x.t0 as usize), "i" | "honestly") =>
                {
                    true
                }
                // "I'm sorry for your loss" grieves with them; it owns nothing.
                // "I should have been consulted" says what others owed the speaker: it owns nothing.
                // Nor does a check or a maybe: "…, correct me if I'm wrong?".
                Code::Responsibility => {
                    (x.t0..x.t1).any(|i| {
                        toks.word(i as usize) == "sorry"
                            && condolence_after(toks, i as usize + 1, self.ctx_toks)
                    }) || owed_to_me(toks, hits, ids, x)
                        || conditional(toks, x)
                }
                // "You shouldn't have to do this on your own" validates; it tells no one what to do.
                Code::Advice => {
                    // Asking who or what could help: no advice or persuading from the model either.
                    let asks = asks_who_could(toks, x);
                    if asks {
                        f.ruled_out.extend(&[Code::Advice, Code::Persuade]);
                    }
                    asks || (infos[si].reflection
                        && !takes_over
                        && !has_tag(Tag::Advice, sent.t0, sent.t0 + 1))
                        || explores_what_happened(toks, sent)
                        || should_not_have_to(toks, x)
                        || supposes(toks, x)
                        // Their own option said back is theirs; pushed at them it is advice ("It's
                        // up to you, but you really should fly out…" after "I don't know whether to
                        // fly out": a second maintainer's read).
                        || (!takes_over && self.tells_no_one(x))
                        || their_regret(x)
                }
                _ => false,
            };
            if skip {
                continue;
            }
            if code == Code::Criticism
                && (x.t0..x.t1).any(|i| hits.covered(i as usize, ids.trait_words))
                && !(x.t0..x.t1).any(|i| toks.word(i as usize) == "being")
            {
                f.trait_label = true;
            }
            if code == Code::Advice && matches!(toks.word(x.t0 as usize), "sounds" | "seems") {
                f.chooses_for_them = true;
            }
            // The sentence chose for them: it says nothing of theirs back (above).
            if takes_over && infos[si].reflection && !has_tag(Tag::ReflectStem, x.t1, sent.t1) {
                let (s0, s1) = (sent.start as usize, sent.end as usize);
                let reflects =
                    |c: Code| matches!(c, Code::SimpleReflection | Code::ComplexReflection);
                f.evidence
                    .retain(|e| !(reflects(e.code) && e.start >= s0 && e.end <= s1));
                for c in [Code::SimpleReflection, Code::ComplexReflection] {
                    if !f.evidence.iter().any(|e| e.code == c) {
                        f.has[c as usize] = false;
                    }
                }
                f.ruled_out
                    .extend(&[Code::SimpleReflection, Code::ComplexReflection]);
            }
            f.add(code, a, b);
        }
        // Apologies: more than one is over-apologising (condolences excepted).
        let mut last_apology_end = 0u32;
        let mut condolences = 0;
        for h in hits.hits.iter().filter(|h| h.lex == ids.apologies) {
            // "I'm sorry" and "sorry" inside it are one apology.
            if h.t0 < last_apology_end {
                continue;
            }
            last_apology_end = h.t1;
            if condolence_after(toks, h.t1 as usize, self.ctx_toks) {
                condolences += 1;
            } else {
                apologies_counted += 1;
            }
        }
        f.condolence_only = condolences > 0 && apologies_counted == 0;
        f.one_apology = apologies_counted == 1;
        if apologies_counted >= 2 && !f.has(Code::OverApology) {
            for h in hits.hits.iter().filter(|h| h.lex == ids.apologies) {
                let (a, b) = span(toks, h.t0 as usize, h.t1 as usize);
                f.add(Code::OverApology, a, b);
            }
        }
        // A client's hesitation sounds ("um, could you maybe…") hedge what they ask (outside the sealed
        // split the labels give 96 of the 163 client replies with one hedging); the lexer drops them
        // from the words the patterns read, so they are counted here.
        if perspective == Perspective::Client {
            for &(a, b) in &toks.fillers {
                hedges += 1;
                f.add(Code::Hedging, a, b);
            }
        }
        // A client's own state in a word or two, as the whole answer ("Lonely. Very lonely, Lloyd."
        // to "Go on, I'm listening."): the guide's short plain statement of one's own state is an
        // I-statement ("lonely tbh"), not a reflection of a word the line never said (a twenty-ninth
        // play test's widower was told the line was bad).
        if perspective == Perspective::Client
            && !f.has(Code::IStatement)
            && let Some(feel) = self.bare_own_feeling()
        {
            f.remove(Code::SimpleReflection);
            f.remove(Code::ComplexReflection);
            let (a, b) = span(toks, feel, feel + 1);
            f.add(Code::IStatement, a, b);
        }
        f.hedges = hedges;
        hedges
    }

    /// The first feeling word of a reply whose every sentence is a feeling word or two with at most
    /// intensifiers before them and a word of address after ("Lonely. Very lonely, Lloyd.", "So
    /// tired."), none of them a word of the line answered; `None` otherwise, or with no line.
    fn bare_own_feeling(&self) -> Option<usize> {
        let (toks, hits, ids) = (self.toks, self.hits, self.ids);
        let ctx = self.ctx_toks?;
        // Only where the line asks after them ("Go on, I'm listening.", "How are you?"): after
        // "I've been on my own since Mum died", "So lonely." says their feeling back (a maintainer's
        // read).
        if toks.sents.is_empty() || toks.sents.len() > 3 || !asks_after_them(ctx) {
            return None;
        }
        let mut first = None;
        for s in &toks.sents {
            let (s0, s1) = (s.t0 as usize, s.t1 as usize);
            if s.question_mark || s1 - s0 > 5 {
                return None;
            }
            let mut feelings = 0;
            for t in s0..s1 {
                let w = toks.word(t);
                if hits.covered(t, ids.feelings) {
                    if (0..ctx.toks.len()).any(|j| ctx.word(j) == w) {
                        return None;
                    }
                    feelings += 1;
                    first.get_or_insert(t);
                    continue;
                }
                // Intensifiers before the feeling; "tbh", "mate" or a name (a clause of its own,
                // last) after it.
                let intensifier = feelings == 0 && hits.covered(t, ids.intensifiers);
                // A name or a word of address closing the sentence ("…, Lloyd."), not "huh", "then"
                // or "you".
                let address = hits.covered(t, ids.address_words)
                    || (feelings > 0
                        && toks.has(t, CLAUSE_START)
                        && t + 1 == s1
                        && !matches!(
                            w,
                            "huh" | "then" | "you" | "u" | "eh" | "right" | "yeah" | "too" | "yes"
                        ));
                if !(intensifier || address) {
                    return None;
                }
            }
            if feelings == 0 {
                return None;
            }
        }
        first
    }

    /// Whether the reply turns away from the line before: a subject-change marker (the
    /// `subject_changes` lexicon: "anyway", "moving on", "on another note") opening a sentence or a
    /// clause, then a question that shares no content word with that line ("Sorry to hear that.
    /// Anyway, how's work?", a fifteenth play test's reply praised as a good open question).
    /// "Anyway, how did the talk with your boss go?" after a line about the boss goes back to it.
    fn changes_subject(&self, word_stems: &[u64]) -> bool {
        let (toks, hits, ids) = (self.toks, self.hits, self.ids);
        if self.context.is_none() || !hits.any(ids.subject_changes) {
            return false;
        }
        hits.hits
            .iter()
            .filter(|h| h.lex == ids.subject_changes)
            .any(|h| {
                let (t0, t1) = (h.t0 as usize, h.t1 as usize);
                let opens = toks.has(t0, text::SENT_START) || toks.has(t0, CLAUSE_START);
                let asks = toks.sents[toks.toks[t0].sent as usize..]
                    .iter()
                    .any(|s| s.question_mark);
                let back = (t1..toks.toks.len()).any(|i| {
                    word_stems[i] != 0 && self.ctx_stems.binary_search(&word_stems[i]).is_ok()
                });
                opens && asks && !back
            })
    }

    /// Shouting and scare capitals.
    fn shouting(&self, f: &mut Findings) {
        let Pass {
            ids,
            toks,
            hits,
            hostile_reply,
            ..
        } = *self;
        // ---- shouting and scare capitals
        let mut caps_words = Vec::new();
        for (i, t) in toks.toks.iter().enumerate() {
            if t.flags & CAPS != 0
                && !hits.covered(i, ids.acronyms)
                && (t.end - t.start) >= 2
                && caps_words.last().map(|&(_, e)| e) != Some(t.end)
            {
                caps_words.push((t.start, t.end));
            }
        }
        // Stacked exclamation marks shout when there are three, or two in an attack ("No pressure!!" does not).
        let stacked = toks
            .sents
            .iter()
            .any(|s| s.exclamations >= 3 || (s.exclamations >= 2 && hostile_reply));
        let mostly_caps = toks.mostly_caps();
        if caps_words.len() >= 2 || mostly_caps && !caps_words.is_empty() {
            for &(a, b) in &caps_words {
                f.add(Code::Shouting, a, b);
            }
        }
        if stacked {
            for s in toks
                .sents
                .iter()
                .filter(|s| s.exclamations >= 3 || (s.exclamations >= 2 && hostile_reply))
            {
                f.add(Code::Shouting, s.start, s.end);
            }
        }
        if let Some(p) = ids.praise.filter(|&p| hits.any(p)) {
            // A word of praise in capitals ("Everything's PERFECT") is sarcasm.
            for h in hits.hits.iter().filter(|h| h.lex == p) {
                if (h.t0..h.t1).all(|i| toks.has(i as usize, CAPS)) && caps_words.len() <= 2 {
                    let (a, b) = span(toks, h.t0 as usize, h.t1 as usize);
                    f.add(Code::Sarcasm, a, b);
                    f.add(Code::Contempt, a, b);
                }
            }
        }
    }

    /// Codes built from several others: gentle start-up, contempt from insults and sarcasm, the MITI persuade family, summaries.
    fn compounds(&self, f: &mut Findings, sentences: &Sentences) {
        let Pass {
            toks,
            hits,
            ids,
            found,
            perspective,
            text,
            ..
        } = *self;
        let (reflection_sents, total_overlap) =
            (sentences.reflection_sents, sentences.total_overlap);
        // ---- structures built from several codes
        let attack = f.has(Code::Insult)
            || f.has(Code::Criticism)
            || f.has(Code::Contempt)
            || f.has(Code::DisguisedYouStatement)
            || f.has(Code::Sarcasm)
            || f.has(Code::Command);
        if f.has(Code::IStatement)
            && !attack
            && (f.has(Code::Request) || f.has(Code::Boundary) || f.has(Code::ProposeOptions))
        {
            // Gentle start-up: own feeling or need, and a request, without attack (§4).
            f.also(Code::IStatement, Code::GentleStartup);
            f.also(Code::Request, Code::GentleStartup);
        }
        if f.has(Code::Insult) {
            f.also(Code::Insult, Code::Contempt);
        }
        if f.has(Code::Sarcasm) {
            // Sarcasm is contempt (§4); praise inside it is not appreciation.
            f.remove(Code::Appreciation);
            if !f.has(Code::Contempt) {
                f.also(Code::Sarcasm, Code::Contempt);
            }
        }
        if f.has(Code::DisguisedYouStatement) && !f.has(Code::Criticism) {
            f.also(Code::DisguisedYouStatement, Code::Criticism);
        }
        // A therapist who attacks the person's character is labelling them: MITI's confront (§2; in the
        // labelled data 19 of 20 therapist replies coded criticism are coded confront too).
        if f.has(Code::Criticism) && perspective == Perspective::Therapist {
            f.also(Code::Criticism, Code::Confront);
        }
        // "I'm not angry with you. I just miss her.": denying one feeling and naming the one it is,
        // in the next clause or sentence ("I'm not angry, I'm worried about you"; "im not mad, i
        // just want to understand"), is a clarification, not defensiveness (§4, the label guide).
        // The denial may follow a name or a word of address in a clause of its own ("Ji-ho, I'm not
        // angry, I just want to know": a fourteenth play test's parent got defensiveness, and an
        // angry son).
        // Owning one's part, with what was going on for one and no "but" taking it back ("i was in
        // a really bad place and i disappeared. thats on me"), denies nothing: the model, which
        // reads the circumstance as an excuse, adds no defensiveness (a twenty-seventh play test's
        // client was sent down four-years-quiet's route for defending). Rules' own stands.
        if f.has(Code::Responsibility)
            && !f.has(Code::Defensiveness)
            // Owning, not only apologising: "Sorry, I was swamped" is the excuse the guide codes.
            // Negated, it owns nothing: "none of it was my fault", "Not everything is on me." (a
            // maintainer's read).
            && (0..toks.toks.len()).any(|t| {
                hits.starts_at(t, ids.owning_phrases)
                    && !(t.saturating_sub(4)..t).any(|j| {
                        matches!(toks.word(j), "not" | "no" | "none" | "never" | "nothing")
                    })
            })
            && !(0..toks.toks.len()).any(|i| {
                matches!(
                    toks.word(i),
                    "but" | "though" | "although" | "however" | "except" | "anyway"
                )
            })
        {
            f.ruled_out.extend(&[Code::Defensiveness]);
        }
        // A client's own distress given as what was going on for them ("i was really depressed and i
        // stopped answering everyone", "it was a bad time. i wasnt well.") is the guide's reason of
        // feeling, not an excuse (round 26): the model, which a twenty-ninth play test saw send such
        // an answer down four-years-quiet's route for defending, adds no defensiveness. Not with
        // "too", "but", "anyway" or a word at the listener ("I was grieving too you know", "I was
        // depressed, not on holiday", "You lot never backed me when I was struggling": 4 of the 13
        // labelled client replies with such a reason are defensive, each so), nor with a question
        // or blame of others ("i was depressed, what was i supposed to do", "i was struggling and
        // nobody in this family lifted a finger": a maintainer's read).
        if perspective == Perspective::Client
            && !f.has(Code::Defensiveness)
            && states_own_distress(toks, self.hits, self.ids)
            && toks.questions() == 0
            && !(0..toks.toks.len()).any(|i| {
                matches!(
                    toks.word(i),
                    "too"
                        | "but"
                        | "anyway"
                        | "though"
                        | "also"
                        | "you"
                        | "your"
                        | "u"
                        | "ur"
                        | "supposed"
                        | "nobody"
                )
            })
        {
            f.ruled_out.extend(&[Code::Defensiveness]);
        }
        // Read whether the rules found defensiveness or not: where they did not, the model may not add
        // it either.
        for sent in &toks.sents {
            let (s0, t1) = (sent.t0 as usize, sent.t1 as usize);
            let Some(t0) = (s0..t1.min(s0 + 4)).find(|&t| {
                (t == s0 || toks.has(t, CLAUSE_START))
                    && t + 3 <= t1
                    && toks.word(t) == "i"
                    && matches!(toks.word(t + 1), "am" | "was")
                    && toks.word(t + 2) == "not"
            }) else {
                continue;
            };
            // The first token after the denial's clause: later in the sentence or the next one.
            let n = toks.clause_end(t0);
            if n == toks.toks.len() {
                continue;
            }
            let (n0, n1) = (
                toks.toks[n].start as usize,
                toks.toks[toks.clause_end(n) - 1].end as usize,
            );
            // Or turns to them with an open question ("I'm not angry. Tell me what's been
            // happening.": a twenty-eighth play test's parent was read as defending).
            // The question clears only a feeling denied ("I'm not the one who forgot. What's
            // your excuse?" still defends: a maintainer's read).
            let denies_feeling = hits.covered(t0 + 3, ids.feelings);
            let names_feeling = f.evidence.iter().any(|e| match e.code {
                Code::IStatement => e.start >= n0 && e.end <= n1,
                Code::OpenQuestion => denies_feeling && e.start < n1 && e.end > n0,
                _ => false,
            }) || names_own_want(toks, hits, ids, n);
            if names_feeling {
                f.ruled_out.extend(&[Code::Defensiveness]);
                let (a, b) = (sent.start as usize, toks.toks[n].start as usize);
                f.evidence
                    .retain(|e| !(e.code == Code::Defensiveness && e.start >= a && e.end <= b));
            }
        }
        if f.has(Code::Defensiveness) && !f.evidence.iter().any(|e| e.code == Code::Defensiveness) {
            f.remove(Code::Defensiveness);
        }
        // The MITI persuade family (§2): asking leave first, or being asked, turns persuasion into
        // persuasion with permission; unasked advice from a therapist is persuasion; asking leave with
        // nothing to persuade is seeking collaboration.
        let permission: Vec<(u32, u32)> = found
            .iter()
            .filter(|x| x.tag == Tag::AsksPermission)
            .map(|x| span(toks, x.t0 as usize, x.t1 as usize))
            .collect();
        let pushing = f.has(Code::Advice) || f.has(Code::Persuade);
        let leave = !permission.is_empty() || f.advice_asked || f.has(Code::EmphasizingAutonomy);
        f.leave = leave;
        if pushing && leave {
            f.also(Code::Advice, Code::PersuadeWithPermission);
            f.also(Code::Persuade, Code::PersuadeWithPermission);
            f.remove(Code::Persuade);
        } else if f.has(Code::Advice) && perspective == Perspective::Therapist {
            f.also(Code::Advice, Code::Persuade);
        }
        if !pushing {
            for (a, b) in permission {
                f.add(Code::SeekingCollaboration, a, b);
            }
        }
        if f.has(Code::Summary)
            && !(f.has(Code::SimpleReflection) || f.has(Code::ComplexReflection))
            && f.overlap < 2
        {
            f.remove(Code::Summary);
        }
        if !f.has(Code::Summary) && reflection_sents >= 3 && total_overlap >= 4 {
            let (a, b) = (0u32, text.len() as u32);
            f.add(Code::Summary, a, b);
        }
    }

    /// The reply's style (§3) from weighted evidence.
    fn style(&self, f: &mut Findings, hedges: usize) {
        let Pass {
            found,
            context,
            hostile_reply,
            ..
        } = *self;
        // ---- style (§3)
        let n = |tag: Tag| found.iter().filter(|x| x.tag == tag).count() as i32;
        f.threat = n(Tag::Threat) > 0;
        let k = |c: Code| i32::from(f.has(c));
        let aggressive = 3 * k(Code::Insult)
            + 3 * n(Tag::Threat).min(1)
            + 2 * n(Tag::Profanity).min(1)
            + 2 * k(Code::Criticism)
            + 2 * k(Code::Command)
            + k(Code::Absolute)
            + k(Code::Shouting) * if hostile_reply { 2 } else { 1 }
            + 2 * i32::from(f.has(Code::Contempt) && !f.has(Code::Sarcasm))
            + k(Code::DisguisedYouStatement)
            + k(Code::Defensiveness);
        let passive_aggressive = 3 * k(Code::Sarcasm) + 2 * n(Tag::GuiltTrip).min(2);
        let passive =
            (hedges as i32).min(3) + 2 * k(Code::OverApology) + 2 * n(Tag::PassivePhrase).min(2);
        let assertive = 2 * k(Code::IStatement)
            + 2 * k(Code::Request)
            + 3 * k(Code::Boundary)
            + k(Code::GentleStartup)
            + k(Code::Responsibility)
            + k(Code::Repair)
            + 2 * k(Code::SelfSoothing)
            + k(Code::AcknowledgeView)
            + k(Code::ProposeOptions)
            + n(Tag::Commitment).min(1)
            + k(Code::Appreciation) * if f.words >= 6 { 2 } else { 1 };
        f.style = if aggressive >= 2 && aggressive > passive_aggressive {
            Style::Aggressive
        } else if passive_aggressive >= 2 {
            Style::PassiveAggressive
        } else if passive >= 2 && passive >= assertive {
            Style::Passive
        } else if assertive >= 2 {
            Style::Assertive
        } else if aggressive >= 2 {
            Style::Aggressive
        } else if passive >= 2 {
            Style::Passive
        } else if f.has(Code::Stonewalling) && context.is_some() {
            Style::PassiveAggressive
        } else {
            Style::Neutral
        };
    }
}

/// Marks stage directions of leaving or tuning out in a client's reply as stonewalling (§4): a `*…*`
/// span that stands on its own ([`text::Aside::alone`]: "Yep. *door closes*", "I need some air *walks
/// out*"), not emphasis inside a sentence ("He *left* me") — or a reply opening with a bracketed one
/// ("(leaves the room) …") — that holds a `withdrawal_acts` phrase and no subject pronoun ("(i can't leave from this end…)", "[Edit: he left]" are not acts). The matches
/// are merged into `found` in token order, so every later pass and the learned layer read them as rule
/// hits.
fn stage_directions(
    text: &str,
    toks: &Tokens,
    hits: &Hits,
    ids: &LexIds,
    perspective: Perspective,
    found: &mut Vec<Found>,
) {
    let rest = text.trim_start();
    let opens_bracket = matches!(rest.as_bytes().first(), Some(b'(' | b'['));
    if perspective != Perspective::Client || (!opens_bracket && !toks.asterisk) {
        return;
    }
    let mut acts: Vec<Found> = Vec::new();
    let mut mark = |lo: usize, hi: usize| {
        let t0 = toks.toks.partition_point(|t| (t.start as usize) < lo);
        let t1 = toks.toks.partition_point(|t| (t.start as usize) < hi);
        let subject = |i: usize| {
            hits.covered(i, ids.first_person)
                || hits.covered(i, ids.second_person)
                || matches!(toks.word(i), "we" | "he" | "she" | "they")
        };
        if (t0..t1).any(|i| hits.covered(i, ids.withdrawal_acts)) && !(t0..t1).any(subject) {
            let (t0, t1) = (t0 as u32, t1 as u32);
            // "(*leaves*)" is one act, not two.
            if !acts.iter().any(|x| (x.t0, x.t1) == (t0, t1)) {
                acts.push(Found {
                    tag: Tag::Stonewalling,
                    t0,
                    t1,
                });
            }
        }
    };
    // A bracket counts only where it opens the reply; a `*…*` span wherever it stands alone.
    let lead = text.len() - rest.len();
    for a in text::asides(text) {
        if (a.bracket && a.outer.0 == lead) || (!a.bracket && a.alone) {
            mark(a.inner.0, a.inner.1);
        }
    }
    if !acts.is_empty() {
        // Appended, then a stable sort: each act follows the matches that start at or before it.
        found.extend(acts);
        found.sort_by_key(|x| x.t0);
    }
}

/// Whether a crisis phrase is a therapist asking about, reflecting or explaining risk ("Have you had
/// thoughts of suicide?", "So some nights you don't want to be here any more.", "Most people who die by
/// suicide show no signs others can read.") rather than speaking of their own. Read only in the therapist
/// perspective (the caller checks it), and only when either
/// - the phrase's sentence has no first-person word and is about "you" or people in general, or the
///   reply asks "you" something; or
/// - the phrase's sentence asks "you", the nearest person word before the phrase is "you" and the
///   phrase itself has no first-person word ("I want to ask you directly — are you thinking about
///   suicide?", but not "Do you think it's bad that I want to die?").
///
/// Asking directly is good practice (DOMAIN.md §5) and is coded as the question or reflection it is. A
/// client is never exempt, and neither is a therapist's sentence about no one ("Don't want to be here
/// anymore.") or in the first person. Reported speech counts as the speaker's own words here: "People
/// say I'm dramatic but I want to die." is a crisis whoever says it.
fn risk_question(toks: &Tokens, hits: &Hits, ids: &LexIds, x: &Found) -> bool {
    let first = |t: usize| first_person(toks, t);
    let second = |t: usize| matches!(text::person(toks.word(t)), text::Person::Second);
    let asks_you = |sent: &text::Sentence| {
        let (t0, t1) = (sent.t0 as usize, sent.t1 as usize);
        let asks = sent.question_mark
            || (t0 + 1 < t1
                && AUX.contains(&toks.word(t0))
                && matches!(toks.word(t0 + 1), "you" | "anyone" | "there"));
        asks && (t0..t1).any(second)
    };
    let Some(sent) = toks.sents.get(toks.toks[x.t0 as usize].sent as usize) else {
        return false;
    };
    let (t0, t1) = (sent.t0 as usize, sent.t1 as usize);
    let (p0, p1) = (x.t0 as usize, x.t1 as usize);
    let about_others = (t0..t1).any(|t| second(t) || hits.covered(t, ids.general_subjects));
    if !(t0..t1).any(first) && (about_others || toks.sents.iter().any(asks_you)) {
        return true;
    }
    let nearest_is_you = (t0..p0)
        .rev()
        .find(|&t| first(t) || second(t))
        .is_some_and(second);
    asks_you(sent) && nearest_is_you && !(p0..p1).any(first)
}

/// Whether advice's words follow "if", "imagine" or "suppose": "If you could go back to that moment,
/// what might you say?" supposes a case to explore it (the guide: a question that explores options
/// without naming an action is a question only), where "You could go back and ask her" suggests.
fn supposes(toks: &Tokens, x: &Found) -> bool {
    let t = x.t0 as usize;
    t > 0
        && matches!(
            toks.word_in_sentence_of(t, t - 1),
            "if" | "imagine" | "suppose"
        )
}

/// Whether "of course" at `t` grants the listener a feeling: "of course", then within two words
/// "you", "it" or "that", then within three more a feeling or "miss", "love", "hurt", "feel" ("Of
/// course you miss her, Ba.", "of course it stung"). The guide's validation; the labels' "of course
/// you…" is mostly mockery ("Of course you forgot."), so the model read a fourteenth play test's
/// "Of course you miss her" as contempt.
fn grants_feeling(toks: &Tokens, hits: &Hits, ids: &LexIds, t: usize) -> bool {
    if toks.word(t) != "of" || toks.word_in_sentence_of(t, t + 1) != "course" {
        return false;
    }
    let w = |i: usize| toks.word_in_sentence_of(t, i);
    let Some(who) = (t + 2..t + 4).find(|&i| matches!(w(i), "you" | "it" | "that")) else {
        return false;
    };
    (who + 1..who + 4).any(|i| {
        !w(i).is_empty() && (hits.covered(i, ids.feelings) || hits.covered(i, ids.granted_feelings))
    })
}

/// Whether "you always / never" at `x` asks about the listener's life, not their faults: in a
/// question opened by "have", "do", "did", "were" or "are" right before "you", with a verb of where,
/// what and how one lives after it ("Have you always lived in this part of Wales?", "Do you always
/// come down on a Saturday?", "Have you never been to Wales?"; a fifteenth play test's friendly
/// question was criticism with an aggressive style). "Do you always have to be so rude?" and "Do you
/// never listen?" stay attacks.
fn asks_about_their_habits(toks: &Tokens, hits: &Hits, ids: &LexIds, x: &Found) -> bool {
    let (t0, t1) = (x.t0 as usize, x.t1 as usize);
    let sent = &toks.sents[toks.toks[t0].sent as usize];
    let w = |i: usize| toks.word_in_sentence_of(t0, i);
    sent.question_mark
        && t0 > sent.t0 as usize
        && t0 - 1 == sent.t0 as usize
        && w(t0) == "you"
        && matches!(w(t0 - 1), "have" | "do" | "did" | "were" | "are")
        && matches!(w(t1 - 1), "always" | "never")
        && !w(t1).is_empty()
        && hits.covered(t1, ids.habit_verbs)
}

/// Whether an absolute match `x` with "every" ("every day", "every night") is in a sentence that asks
/// what, how, when or where: a question about their days, not a sweeping charge ("Why do you … every
/// time?" stays one).
fn asks_about_their_days(toks: &Tokens, x: &Found) -> bool {
    let t0 = x.t0 as usize;
    let sent = &toks.sents[toks.toks[t0].sent as usize];
    let first = (sent.t0..sent.t1)
        .map(|i| toks.word(i as usize))
        .find(|w| !text::is_discourse_marker(w))
        .unwrap_or("");
    (x.t0..x.t1).any(|i| toks.word(i as usize) == "every")
        && matches!(first, "what" | "how" | "when" | "where")
}

/// Whether "I should have been …" at `x` goes on to what others should have done for the speaker:
/// "been" then a participle of being consulted, told or included ("With respect, I must disagree. I
/// did not ask you to present my work, and I should have been consulted.": a fifteenth play test's
/// disagreement was praised as taking responsibility).
fn owed_to_me(toks: &Tokens, hits: &Hits, ids: &LexIds, x: &Found) -> bool {
    let t0 = x.t0 as usize;
    let w = |i: usize| toks.word_in_sentence_of(t0, i);
    (t0..x.t1 as usize + 1)
        .any(|i| w(i) == "been" && !w(i + 1).is_empty() && hits.covered(i + 1, ids.owed_acts))
}

/// The face with rolling eyes.
pub(super) const EYE_ROLL: char = '\u{1F644}';

/// Whether a reply says yes to the question before it: it opens with "yes", "yeah", "sometimes",
/// "maybe", "every day", "all the time" or a bare "I have" / "I do" (not "yeah, no"), or speaks of
/// having "a plan" with no negation anywhere ("no, I don't have a plan" says no).
fn answers_yes(toks: &Tokens, hits: &Hits, ids: &LexIds) -> bool {
    let n = toks.toks.len();
    let w = |i: usize| if i < n { toks.word(i) } else { "" };
    let opens = if let Some(h) = hits
        .hits
        .iter()
        .find(|h| h.t0 == 0 && h.lex == ids.yes_answers)
    {
        // "yeah, no", "maybe not", "yes nope" deny.
        let next = h.t1 as usize;
        !(next < n && toks.has(next, text::NEGATOR) || matches!(w(next), "nope" | "nah"))
    } else {
        w(0) == "i" && matches!(w(1), "have" | "do") && (n == 2 || toks.has(2, text::SENT_START))
    };
    opens
        || ((0..n).any(|i| w(i) == "a" && w(i + 1) == "plan")
            && !(0..n).any(|i| toks.has(i, text::NEGATOR)))
}

/// Whether a question asks the listener about suicide or self-harm in so many words: "suicide" or
/// "suicidal", "kill / hurt / harm yourself", "end your life", "take your own life", "want to die", or
/// how "you would do it", the means ("taking them", "the pills") or how close they came, in a sentence
/// ending in "?" or opening with an auxiliary ("are you thinking about killing yourself"); or the
/// euphemisms risk assessment uses ("not wanting to be here", "ending it all") or other people's
/// suicide ("ending their life") said in one sentence and asked about in a short next one ("Some
/// people then have thoughts of not wanting to be here. Have you?").
/// The rules' risk questions ([`risk_question`]) and the tips (no "try an open question" after one)
/// read it through [`Findings::risk_asked`].
fn asks_about_suicide(toks: &Tokens) -> bool {
    let asks = |s: &text::Sentence| {
        s.question_mark || (s.t0 < s.t1 && AUX.contains(&toks.word(s.t0 as usize)))
    };
    /// A follow-up that asks about the sentence before it: "Have you?", "Is that true for you?",
    /// "Have you had any thoughts like that?".
    const FOLLOW_UP_WORDS: u32 = 8;
    toks.sents.iter().enumerate().any(|(k, s)| {
        asks(s)
            && (names_suicide(toks, s)
                || (k > 0
                    && s.t1 - s.t0 <= FOLLOW_UP_WORDS
                    && names_suicide(toks, &toks.sents[k - 1])))
    })
}

/// Whether sentence `s` names suicide, self-harm or not wanting to live (for [`asks_about_suicide`]).
fn names_suicide(toks: &Tokens, s: &text::Sentence) -> bool {
    let w = |i: usize| toks.word_in_sentence_of(s.t0 as usize, i);
    // One look at each word decides which phrase could start there (most words start none).
    (s.t0 as usize..s.t1 as usize).any(|i| match w(i) {
        "want" | "wanting" => w(i + 1) == "to" && w(i + 2) == "die",
        // "Do you ever wish you were dead?", "…you'd rather be dead?" (the screening question).
        "dead" => {
            i >= s.t0 as usize + 2
                && ((w(i - 1) == "were" && matches!(w(i - 3), "wish" | "wished"))
                    || (w(i - 1) == "be" && w(i - 2) == "rather"))
        }
        // The euphemisms: "not wanting to be here / around / alive", "not being here", "ending it
        // all", and the screening question's "go to sleep and not wake up".
        "not" => {
            (matches!(w(i + 1), "want" | "wanting")
                && w(i + 2) == "to"
                && ((w(i + 3) == "be" && matches!(w(i + 4), "here" | "around" | "alive"))
                    || w(i + 3) == "live"))
                // ("not being here in Melbourne" is about a place.)
                || (w(i + 1) == "being"
                    && matches!(w(i + 2), "here" | "around" | "alive")
                    && !matches!(w(i + 3), "in" | "at" | "on" | "for" | "with" | "when"))
                || (i > s.t0 as usize
                    && matches!(w(i - 1), "and" | "just")
                    && w(i + 1) == "wake"
                    && w(i + 2) == "up")
                // "Do you ever wish you weren't here?" (a thirty-first play test's risk question went
                // unread).
                // ("…here in London?" is about a place: a third read.)
                || (i >= s.t0 as usize + 3
                    && w(i - 1) == "were"
                    && w(i - 2) == "you"
                    && matches!(w(i - 3), "wish" | "wished")
                    && matches!(w(i + 1), "here" | "around" | "alive")
                    && !matches!(w(i + 2), "in" | "at" | "on" | "for" | "with" | "when"))
        }
        // "Are you safe (right now / tonight)?": the safety question risk assessment asks.
        "safe" => {
            i >= s.t0 as usize + 2
                && w(i - 2) == "are"
                && w(i - 1) == "you"
                && matches!(w(i + 1), "" | "right" | "now" | "tonight")
        }
        // "your life", or "their life" in the normalising sentence before the question ("Some
        // people who feel this low have thoughts of ending their life. Have you had any?").
        "end" | "ending" => {
            (w(i + 1) == "it" && w(i + 2) == "all")
                || (matches!(w(i + 1), "your" | "their") && matches!(w(i + 2), "life" | "lives"))
        }
        "better" => w(i + 1) == "off" && w(i + 2) == "dead",
        "kill" | "killing" | "hurt" | "hurting" | "harm" | "harming" => {
            matches!(w(i + 1), "yourself" | "themselves")
        }
        "take" | "taking" => {
            (matches!(w(i + 1), "your" | "their")
                && w(i + 2) == "own"
                && matches!(w(i + 3), "life" | "lives"))
                || takes_the_means(w, i)
        }
        "swallow" | "swallowing" => takes_the_means(w, i),
        // The method, risk assessment's next question: "Have you thought about how you'd do it?" (a
        // play test's before-the-birthday sent it down its directive route).
        "how" => {
            w(i + 1) == "you"
                && matches!(w(i + 2), "would" | "might" | "could")
                && matches!(w(i + 3), "do" | "end")
                && w(i + 4) == "it"
        }
        // How near: "…or come close?"
        "come" | "came" => w(i + 1) == "close" && matches!(w(i + 2), "" | "to" | "or"),
        x => x.starts_with("suicid"),
    })
}

/// The means, after "take" or "swallow" at token `i`: "an overdose", "them" (the pills just named,
/// the label guide's own example of a risk question, not advice), "the / all / those pills".
fn takes_the_means<'a>(w: impl Fn(usize) -> &'a str, i: usize) -> bool {
    (matches!(w(i + 1), "an" | "a") && w(i + 2) == "overdose")
        || (w(i + 1) == "them" && matches!(w(i + 2), "" | "or"))
        || (matches!(w(i + 1), "the" | "all" | "those") && matches!(w(i + 2), "pills" | "tablets"))
}

/// Whether a therapist's crisis match is the word "suicide" naming someone's death or the help for those
/// bereaved by one ("families do this after a suicide", "a group for families bereaved by suicide",
/// "a suicide-loss survivors group", "the suicide prevention line"): information about a loss, not the
/// speaker's risk. A client is never exempt (a bereavement by suicide is itself a risk worth the
/// resources; the caller reads this in the therapist perspective only), and neither is "suicidal", "lost him to suicide", "a suicide attempt / plan / note / pact",
/// "planning a suicide", or "by suicide" in a sentence with a first-person word ("I'm going to die by
/// suicide").
fn names_a_suicide_death(toks: &Tokens, hits: &Hits, ids: &LexIds, x: &Found) -> bool {
    let (p0, p1) = (x.t0 as usize, x.t1 as usize);
    if p1 != p0 + 1 || !matches!(toks.word(p0), "suicide" | "suicides") {
        return false;
    }
    let sent = toks.toks[p0].sent;
    let word_at = |t: Option<usize>| {
        t.map(|t| toks.word_in_sentence_of(p0, t))
            .filter(|w| !w.is_empty())
    };
    let (before2, before) = (word_at(p0.checked_sub(2)), word_at(p0.checked_sub(1)));
    // Help for the bereaved, or the loss itself: "suicide loss", "suicide prevention line".
    if word_in(toks, hits, p0, 1, ids.suicide_help_words) {
        return true;
    }
    // "after a suicide", "following a suicide", "bereaved by suicide": a death, unless an act or a plan
    // follows; "by suicide" is about others only, never in a sentence in the first person.
    if word_in(toks, hits, p0, 1, ids.suicide_act_words) {
        return false;
    }
    let after_a_death = matches!(before, Some("after" | "following"))
        || (before == Some("a") && matches!(before2, Some("after" | "following")));
    let s = &toks.sents[sent as usize];
    after_a_death
        || (before == Some("by") && !(s.t0 as usize..s.t1 as usize).any(|t| first_person(toks, t)))
}

/// Whether the word `k` tokens after token `t`, in `t`'s sentence, is in the lexicon `lex` (the
/// lexicons' word lists, looked up by position: "I *guess*…", "Why don't you *like*…").
fn word_in(toks: &Tokens, hits: &Hits, t: usize, k: usize, lex: u16) -> bool {
    !toks.word_in_sentence_of(t, t + k).is_empty() && hits.covered(t + k, lex)
}

/// Whether token `t` speaks of its speaker, alone or with others ("i", "me", "my", "mine", "we", "us",
/// "our"; the tokeniser has already spelt out "I'm" and "I've").
fn of_self(toks: &Tokens, t: usize) -> bool {
    first_person(toks, t) || matches!(toks.word(t), "we" | "us" | "our")
}

/// Whether token `t` is a first-person word ("i", "me", "my", "mine"…), for the crisis exemptions.
fn first_person(toks: &Tokens, t: usize) -> bool {
    toks.word(t) == "mine" || matches!(text::person(toks.word(t)), text::Person::First)
}

/// Whether the sentence `t0..t1` ends in a check such as "is that right", "am I right", "right",
/// "does that fit" or "yeah".
fn ends_with_check(toks: &Tokens, t0: usize, t1: usize) -> bool {
    let n = t1 - t0;
    let w = |k: usize| if k <= n { toks.word(t1 - k) } else { "" };
    (matches!(w(1), "right" | "correct" | "true" | "so")
        && (matches!((w(3), w(2)), ("is", "that" | "it") | ("am", "i")) || n >= 4))
        // "…, does that fit?", "…, yeah?" (a thirty-first play test's checked reflections were
        // closed questions).
        || (matches!(w(1), "fit" | "fits") && w(2) == "that" && matches!(w(3), "does" | "do"))
        || (w(1) == "yeah" && n >= 4)
        // "…, correct me if I am wrong?"
        || (w(1) == "wrong" && w(6) == "correct" && w(5) == "me")
}

/// Whether the clause from token `t` (to the next clause start or the sentence's end) has a
/// second-person word.
fn clause_speaks_to_listener(toks: &Tokens, t: usize) -> bool {
    let sent = toks.toks[t].sent;
    let end = (t + 1..toks.toks.len())
        .find(|&i| toks.toks[i].sent != sent || toks.has(i, CLAUSE_START))
        .unwrap_or(toks.toks.len());
    text::persons(toks, t..end).1
}

/// Whether the first-person word at token `t` opens a tentative reading of the other's experience
/// ("I'm guessing the work keeps the grief at bay", "I bet that was humiliating", "My sense is…", "I
/// get the sense that…"): a reflection's stance, not the speaker talking about themselves.
fn offers_a_reading(toks: &Tokens, hits: &Hits, ids: &LexIds, t: usize) -> bool {
    let w = |k: usize| toks.word_in_sentence_of(t, t + k);
    match toks.word(t) {
        "i" => {
            let k = if w(1) == "am" { 2 } else { 1 };
            word_in(toks, hits, t, k, ids.reading_stances)
                || (w(k) == "get" && matches!(w(k + 1), "the" | "a" | "that" | "it"))
        }
        "my" => word_in(toks, hits, t, 1, ids.reading_nouns),
        _ => false,
    }
}

/// Whether a statement of three words or more ends in a bare "…, ok?" (okay, alright, all right, k):
/// it asks the other person to go along with a plan or to drop the matter ("Back in twenty, okay?",
/// "I'm trying, ok?"), not a question to answer (the guide: rhetorical questions that are really
/// statements are no questions; 23 of 24 such replies in rounds 1–24's labels carry no question code).
/// "Ok?" alone still asks, and so do a greeting or a name before it ("Hiya, alright?", "Mum, okay?",
/// "And you, ok?").
fn asks_agreement(toks: &Tokens, t0: usize, t1: usize) -> bool {
    // The tag's first token, after three words at least.
    let tag = match toks.word_in_sentence_of(t0, t1.wrapping_sub(1)) {
        "ok" | "okay" | "alright" | "k" => t1 - 1,
        "right" if toks.word_in_sentence_of(t0, t1.wrapping_sub(2)) == "all" => t1 - 2,
        _ => return false,
    };
    tag >= t0 + 3 && toks.has(tag, CLAUSE_START)
}

/// Whether the question word at token `t` opens a suggestion rather than a question: "Why don't you skip
/// it this week?", "Why not ask her?", "Why don't we take a break?", "How about this for homework: …"
/// ask for no answer; the advice and proposal rules code them (in the labelled data, 10 of 11
/// therapists' "Why don't you…" carry `advice` and no question code).
fn suggests_why_not(toks: &Tokens, hits: &Hits, ids: &LexIds, t: usize) -> bool {
    let w = |k: usize| toks.word_in_sentence_of(t, t + k);
    // Something must follow: "Why not?" alone asks, and so does "How about you?" (a following word is
    // not checked to be a verb, so "Why not him?" reads as a suggestion too).
    match (w(0), w(1)) {
        ("why", "not") => !w(2).is_empty(),
        // "Why don't you like her?" asks about a state; "Why don't you ring her?" suggests an act.
        ("why", "do") => {
            w(2) == "not"
                && matches!(w(3), "you" | "we")
                && !w(4).is_empty()
                && !word_in(toks, hits, t, 4, ids.state_verbs)
        }
        // "How about your weekend?" asks about the listener's (or someone's) things; "How about a
        // walk?" suggests one.
        ("how", "about") => {
            (!w(3).is_empty() && !word_in(toks, hits, t, 2, ids.persons)) || proposes(toks, t)
        }
        _ => proposes(toks, t),
    }
}

/// Whether a sentence opening at token `t` proposes what someone could do — "How about you take
/// mornings and I take evenings?", "What if we each took one weekend?", "What about if we alternate
/// Christmases?" — a suggestion with no question code even with a "?" (the guide's "What if you… /
/// How about…"), where "How about you?" and "What if he says no?" ask.
fn proposes(toks: &Tokens, t: usize) -> bool {
    let w = |k: usize| toks.word_in_sentence_of(t, t + k);
    let acts = |k: usize| {
        !w(k).is_empty()
            && !matches!(
                w(k),
                "how" | "what" | "why" | "when" | "where" | "who" | "are" | "is" | "do" | "did"
            )
    };
    match (w(0), w(1), w(2)) {
        ("how", "about", "you" | "we" | "i") => acts(3),
        // "What if I fail?" worries; "What if we each took…" proposes.
        ("what", "if", "you" | "we") => acts(3),
        ("what", "about", "if") => matches!(w(3), "you" | "we" | "i") && acts(4),
        _ => false,
    }
}

/// Whether "when" or "where" at token `t` opens a clause of time or place that a later clause of
/// the same sentence (ending before `t1`) completes: no auxiliary or "not" follows it, and a clause
/// starts after it ("When Hannah asked, what …", "Where you grew up, how …").
fn subordinate_clause(toks: &Tokens, t: usize, t1: usize) -> bool {
    matches!(toks.word(t), "when" | "where")
        && t + 1 < t1
        && !AUX.contains(&toks.word(t + 1))
        && toks.word(t + 1) != "not"
        && (t + 2..t1).any(|i| toks.has(i, CLAUSE_START))
}

/// Whether "which", "who" or "whose" at token `t` opens a relative clause: it follows a clause of
/// the same sentence that is not a discourse marker alone ("You went, which was huge for you.", "my
/// mum, who was ill"), where "So which was it" asks.
fn relative_clause(toks: &Tokens, t: usize) -> bool {
    let t0 = toks.sents[toks.toks[t].sent as usize].t0 as usize;
    let w = |i: usize| toks.word_in_sentence_of(t, i);
    matches!(w(t), "which" | "who" | "whose")
        // Something other than markers before it ("ok so who was it", "right, who is getting them"
        // ask).
        && (t0..t).any(|i| {
            !text::is_discourse_marker(w(i)) && !matches!(w(i), "right" | "mm" | "hmm" | "um" | "sure")
        })
        // Not an auxiliary and its subject after it: "…, who might you talk to" asks.
        && !(AUX.contains(&w(t + 1)) && SUBJECTS.contains(&w(t + 2)))
}

/// Whether a question word at token `t` starts a question even without a question mark.
fn looks_interrogative(toks: &Tokens, t: usize, open: bool) -> bool {
    let w = toks.word(t);
    let next = toks.word_in_sentence_of(t, t + 1);
    let next2 = toks.word_in_sentence_of(t, t + 2);
    match w {
        // "What I meant is…", "What I wanted to say was…": a rephrasing, not a question.
        "what"
            if next == "i" && matches!(next2, "meant" | "mean" | "wanted" | "was" | "should") =>
        {
            false
        }
        "what" => {
            (inverted(toks, t) && !pseudo_cleft(toks, t))
                || AUX.contains(&next)
                // "what stops you going", "what worries you most": a verb put to "you".
                || ((next.ends_with('s') || next.ends_with("ed"))
                    && matches!(next2, "you" | "your" | "yourself"))
                // "what feels doable", "what seems fair to you": a judgement asked for, where "What
                // feels right is going home" and "what feels right for me would be…" say one (a
                // twenty-seventh play test's trainee).
                || (matches!(next, "feels" | "seems" | "sounds")
                    && !(t + 2..t + 9).any(|i| {
                        let w = toks.word_in_sentence_of(t, i);
                        matches!(w, "is" | "was" | "would" | "me" | "us" | "my")
                    }))
                // "What helped me was…", "What made me laugh was…": a statement about oneself.
                || (matches!(
                    next,
                    "happened"
                        | "made"
                        | "makes"
                        | "kind"
                        | "sort"
                        | "type"
                        | "else"
                        | "about"
                        | "if"
                        | "brought"
                        | "led"
                        | "helps"
                        | "helped"
                        | "would"
                        | "do"
                        | "time"
                        | "age"
                        | "day"
                        | "year"
                ) && !(matches!(next, "made" | "makes" | "helps" | "helped" | "brought" | "led")
                    && pseudo_cleft(toks, t)))
        }
        "how" => {
            (inverted(toks, t) && !pseudo_cleft(toks, t))
                || AUX.contains(&next)
                || matches!(
                    next,
                    "long"
                        | "many"
                        | "much"
                        | "often"
                        | "old"
                        | "far"
                        | "come"
                        | "about"
                        | "else"
                        | "so"
                )
        }
        // Not across a comma: "Whether you forgive him, and when, is for you to work out."
        "why" | "when" | "where" | "who" | "which" | "whose" => {
            (AUX.contains(&next) || next == "not" || next == "don't")
                && !(t + 1 < toks.toks.len() && toks.has(t + 1, CLAUSE_START))
                && !relative_clause(toks, t)
        }
        "tell" | "say" | "talk" | "walk" | "describe" | "help" => true,
        "i" => true,
        // Chat's question with its verb dropped: "u ok ba", "you alright".
        "you" => matches!(next, "okay" | "ok" | "alright"),
        _ if AUX.contains(&w)
            || matches!(
                w,
                "want" | "need" | "got" | "any" | "anything" | "anyone" | "ever"
            ) =>
        {
            // "did you …", "is it …", "want to talk about it"; not "got to go" ("gotta go").
            if w == "got" && next == "to" {
                return false;
            }
            // "Do the dishes on your nights off.", "do it anyway": an instruction. Of the labelled
            // sentences opening "do" and a determiner or "it"/"that" with no "?", 1 of 22 is a question.
            if w == "do"
                && matches!(
                    next,
                    "the"
                        | "a"
                        | "an"
                        | "some"
                        | "your"
                        | "my"
                        | "his"
                        | "her"
                        | "their"
                        | "it"
                        | "that"
                        | "this"
                        | "these"
                        | "those"
                        | "them"
                )
            {
                return false;
            }
            SUBJECTS.contains(&next)
                || (matches!(
                    w,
                    "want" | "need" | "any" | "anything" | "anyone" | "ever" | "got"
                ) && !next.is_empty())
                || (open && !next2.is_empty())
        }
        _ => open,
    }
}

/// The question word ending a fragment of at most three words that asks for more ("harder how",
/// "since when", "and then what", a lone "why"), as a token index; not one that states what is not
/// known ("no idea why", "that's how").
fn trailing_question(toks: &Tokens, t0: usize, t1: usize) -> Option<(bool, u32)> {
    if t1 <= t0 || t1 - t0 > 3 || toks.has(t1 - 1, text::QUOTED) {
        return None;
    }
    let last = t1 - 1;
    // "how" and "why" invite a story; "when", "where", "who" ask for one fact (closed, as the rules
    // read them at a sentence's start).
    let open = !matches!(toks.word(last), "when" | "where" | "who");
    let asks = match toks.word(last) {
        "how" | "why" | "when" | "where" | "who" => true,
        // A lone "what" (or "lol what") is "pardon?", not a question about the person; "then what",
        // "like what", "meaning what" ask for more.
        "what" => last > t0 && matches!(toks.word(last - 1), "then" | "like" | "meaning"),
        _ => false,
    };
    let states = (t0..last).any(|i| {
        matches!(
            toks.word(i),
            "i" | "know"
                | "idea"
                | "sure"
                | "see"
                | "that"
                | "this"
                | "is"
                | "not"
                | "no"
                | "matter"
                | "care"
                | "wonder"
                | "somehow"
                | "anyhow"
                | "exactly"
                | "or"
                | "and"
                | "because"
                | "guess"
                | "for"
                | "says"
                | "said"
                | "knows"
                | "understand"
                | "understood"
                | "get"
                | "explain"
                | "explains"
                | "forget"
                | "forgot"
                | "depends"
                | "remember"
                | "say"
                | "ask"
                | "tell"
                | "lmk"
        )
    }) && !(toks.word(t0) == "and" && last - t0 == 2 && toks.word(t0 + 1) == "then");
    (asks && !states).then_some((open, last as u32))
}

/// Whether "what …" or "how …" opens a statement about oneself: "What worries me is the money",
/// "how I see it is…": a first-person word right after the question word or after one more word, then a
/// copula within six words. The inversion cue ("… is the …") and the cue of a verb put to someone
/// ("what helped me was…") defer to it; "what made you think I was lying" and "what if my dad is
/// right" keep their own cues and stay questions.
fn pseudo_cleft(toks: &Tokens, t: usize) -> bool {
    let w = |i: usize| toks.word_in_sentence_of(t, i);
    let mine = (t + 1..t + 3).position(|i| matches!(w(i), "i" | "me" | "my" | "we" | "us"));
    mine.is_some_and(|k| (t + 2 + k..t + 7).any(|i| matches!(w(i), "is" | "was")))
}

/// Whether an auxiliary followed by a subject ("do you", "is the") comes within five words after `t`.
fn inverted(toks: &Tokens, t: usize) -> bool {
    let sent = toks.toks[t].sent;
    let end = (t + 6).min(toks.toks.len());
    (t + 1..end.saturating_sub(1)).any(|i| {
        toks.toks[i + 1].sent == sent
            && AUX.contains(&toks.word(i))
            && SUBJECTS.contains(&toks.word(i + 1))
    })
}

/// A tag's bit in a sentence's set of tags ([`Scratch::sent_tags`]).
#[inline]
const fn tag_bit(tag: Tag) -> u128 {
    1 << tag as u32
}

/// How many tokens the clause of token `t` has.
fn clause_len(toks: &Tokens, t: usize) -> usize {
    let c = toks.toks[t].clause;
    toks.toks.iter().filter(|k| k.clause == c).count()
}

/// Tags that make a whole reply hostile: an imperative in it is a command, not advice.
const HOSTILE_TAGS: u128 = tag_bit(Tag::Insult)
    | tag_bit(Tag::Criticism)
    | tag_bit(Tag::Contempt)
    | tag_bit(Tag::Profanity)
    | tag_bit(Tag::Threat);

// Every tag has its own bit: a release build would wrap `1 << n` for n ≥ 128 and tags would share bits.
const _: () = assert!(Tag::COUNT <= 128);

/// The range of `found` (sorted by first token) whose matches start in tokens `t0..t1`.
fn found_range(found: &[Found], t0: u32, t1: u32) -> (usize, usize) {
    let lo = found.partition_point(|x| x.t0 < t0);
    (lo, lo + found[lo..].partition_point(|x| x.t0 < t1))
}

/// The byte span in the original text covered by tokens `t0..t1`.
pub fn span(toks: &Tokens, t0: usize, t1: usize) -> (u32, u32) {
    let t1 = t1.max(t0 + 1).min(toks.toks.len());
    (toks.toks[t0].start, toks.toks[t1 - 1].end)
}

/// Whether `sent` asks whether something already happened — "Have you talked to him since?", "Have you
/// spoken to anyone else about this?", "Have you told her how it made you feel?" — which explores (a
/// closed question) rather than suggests the
/// action, as "Have you tried talking to him?" does (the guide's `advice` row).
fn explores_what_happened(toks: &Tokens, sent: &text::Sentence) -> bool {
    let (t0, t1) = (sent.t0 as usize, sent.t1 as usize);
    let w = |i: usize| toks.word_in_sentence_of(t0, i);
    if w(t0) != "have" || w(t0 + 1) != "you" {
        return false;
    }
    let verb = if w(t0 + 2) == "ever" { t0 + 3 } else { t0 + 2 };
    if !matches!(
        w(verb),
        "talked" | "spoken" | "asked" | "seen" | "reached" | "told"
    ) {
        return false;
    }
    (t0..t1).any(|i| {
        matches!(
            w(i),
            "since" | "yet" | "already" | "ever" | "before" | "lately" | "recently"
        ) || (matches!(w(i), "anyone" | "anybody") && w(i + 1) == "else")
    }) || (w(t1 - 2) == "about" && matches!(w(t1 - 1), "this" | "it" | "that"))
        // "Have you told her how that makes you feel?", "Have you talked to him about what you need?"
        // (the guide: a closed question only).
        || (verb + 1..t1).any(|i| matches!(w(i), "how" | "what"))
}

/// Whether match `x` is a put-down of the speaker or of their own words: "I'm such an idiot", "I am
/// so stupid", "this is a stupid question".
fn self_put_down(toks: &Tokens, x: &Found) -> bool {
    let (t0, t1) = (x.t0 as usize, x.t1 as usize);
    // Words before the match, by how far back: "" before the text.
    let back = |k: usize| t0.checked_sub(k).map_or("", |i| toks.word(i));
    let after_i_am = (back(2) == "i" && back(1) == "am")
        || (back(3) == "i"
            && back(2) == "am"
            && matches!(back(1), "so" | "such" | "just" | "really"))
        || (t1 > t0 + 2 && toks.word(t0) == "i" && toks.word(t0 + 1) == "am");
    let own_question = matches!(toks.word_in_sentence_of(t0, t1), "question" | "questions")
        && toks.word(t0) != "your"
        && back(1) != "your";
    after_i_am || own_question
}

/// Whether the blame in match `x` ("it's your fault") is a fear or belief said of someone other than
/// the speaker: "You're scared it's your fault", "You feel like it was your fault", "Part of you
/// thinks it's your fault" say back what the other person fears, where "I think it's your fault" and
/// "It's your fault" attack. A play test's client, asked to answer her mother's feelings, was told
/// she had attacked her.
fn blame_held(toks: &Tokens, hits: &Hits, ids: &LexIds, x: &Found) -> bool {
    let t0 = x.t0 as usize;
    let sent = toks.toks[t0].sent;
    // The token `k` before the match in its sentence, if any.
    let at = |k: usize| t0.checked_sub(k).filter(|&i| toks.toks[i].sent == sent);
    let back = |k: usize| at(k).map_or("", |i| toks.word(i));
    let k = if matches!(back(1), "that" | "like" | "if" | "whether") {
        2
    } else {
        1
    };
    // "I think…", "we feel…", "I'm scared…", "I really think…": the speaker's own.
    let speakers = matches!(back(k + 1), "i" | "we")
        || (back(k + 2) == "i"
            && matches!(back(k + 1), "am" | "really" | "honestly" | "just" | "still"));
    at(k).is_some_and(|i| hits.covered(i, ids.held_beliefs)) && !speakers
}

/// Whether match `x` holds the speaker's own judgement of what should be done: "should", "ought",
/// "better", or "best" before a choice ("sounds like you should go part time", "sounds like the best
/// option is…"), where "need" or "want" can say back the other's own need ("it sounds like you need to
/// rest") and "the best thing about Sundays" is no choice.
fn judges(toks: &Tokens, x: &Found) -> bool {
    (x.t0..x.t1).any(|i| {
        let i = i as usize;
        match toks.word(i) {
            "should" | "ought" | "better" => true,
            "best" => matches!(
                toks.word_in_sentence_of(i, i + 1),
                "option" | "choice" | "call" | "bet" | "move" | "plan"
            ),
            _ => false,
        }
    })
}

/// Whether token `t` comes right after "sounds like", "seems like", "sounds as if" and the like.
fn after_sounds_like(toks: &Tokens, t: usize) -> bool {
    let w = |k: usize| {
        t.checked_sub(k)
            .map_or("", |i| toks.word_in_sentence_of(t, i))
    };
    matches!(w(1), "like" | "if" | "though")
        && matches!(
            w(if w(1) == "like" { 2 } else { 3 }),
            "sounds" | "sounded" | "sound" | "seems" | "seemed" | "seem" | "looks" | "looked"
        )
}

/// Whether the reply calls something a big deal ("that's a big deal Jiho", "it's such a big deal";
/// "that", "this" or "it" is: "Everything is a big deal to you" is a jibe, a maintainer's read):
/// praise of what it names, where a bare "Big deal." or "what's the big deal" dismisses it. The
/// learned layer reads "big deal" as contempt wherever it stands (most labelled replies with it sneer),
/// so a sincere one is ruled out of it (a twenty-sixth play test's parent lost skipped-hagwon's ending
/// for congratulating his son).
fn calls_it_a_big_deal(toks: &Tokens) -> bool {
    (0..toks.toks.len()).any(|i| {
        let w = |k: usize| toks.word_in_sentence_of(i, k);
        w(i) == "is"
            && i > 0
            && matches!(w(i - 1), "that" | "this" | "it")
            && !matches!(w(i + 1), "not" | "no")
            && ((w(i + 1), w(i + 2), w(i + 3)) == ("a", "big", "deal")
                || (w(i + 1), w(i + 2), w(i + 3), w(i + 4)) == ("such", "a", "big", "deal"))
    })
}

/// Whether the sentence in tokens `t0..t1` opens by saying back what goes on inside the listener,
/// plainly: "You still expect her to walk in.", "You're worried about me.", "You don't like being
/// checked up on.", "You keep waiting for her". It announces a reflection as a stem does
/// ([`Findings::listening_stem`]): the model, having seen few reflections from clients, vetoed every
/// one a twenty-seventh play test's sincere client typed. What they think, want or need of the
/// speaker is not among them ("You still think I'm a kid.", "You don't need me anymore." accuse).
fn says_back_inner_state(toks: &Tokens, t0: usize, t1: usize) -> bool {
    inner_state_opener(toks, t0, t1).is_some_and(|end| !of_me(toks, end, t1))
}

/// Whether the sentence in tokens `t0..t1` opens with an inner state held of the speaker ("You still
/// expect me to pick up after you."): a complaint in a reflection's words, no reflection (a
/// maintainer's read).
fn inner_state_of_me(toks: &Tokens, t0: usize, t1: usize) -> bool {
    inner_state_opener(toks, t0, t1).is_some_and(|end| of_me(toks, end, t1))
}

/// Whether token `end` (before `t1`) is "me" or "us", after a verb other than missing ("You miss
/// me." says back their feeling).
fn of_me(toks: &Tokens, end: usize, t1: usize) -> bool {
    end < t1
        && matches!(toks.word(end), "me" | "us")
        && !matches!(toks.word(end - 1), "miss" | "missed")
}

/// Where the opener of [`says_back_inner_state`] ends, if the sentence in tokens `t0..t1` has one:
/// "you", "still" / "really" / "just" at most, and the words of an inner state. The rules' stems say
/// the same (`assets/scoring/rules.ron`, the reflection stems for inner states). "You're worried
/// about…" ends after "worried", so "about me" is no object of it: a fear for the speaker is theirs.
fn inner_state_opener(toks: &Tokens, t0: usize, t1: usize) -> Option<usize> {
    let w = |i: usize| if i < t1 { toks.word(i) } else { "" };
    if w(t0) != "you" {
        return None;
    }
    let mut i = t0 + 1;
    if matches!(w(i), "still" | "really" | "just") {
        i += 1;
    }
    if INNER_STATE_VERBS.contains(&w(i)) {
        Some(i + 1)
    } else if (w(i) == "keep"
        && matches!(w(i + 1), "waiting" | "hoping" | "expecting" | "wondering"))
        || (matches!(w(i), "are" | "were")
            && matches!(w(i + 1), "worried" | "afraid" | "scared" | "frightened"))
    {
        Some(i + 2)
    } else if ((w(i), w(i + 1)) == ("do", "not") && matches!(w(i + 2), "like" | "expect"))
        || ((w(i), w(i + 1)) == ("did", "not")
            && matches!(w(i + 2), "know" | "expect" | "mean" | "realise" | "realize"))
    {
        Some(i + 3)
    } else {
        None
    }
}

/// The verbs of [`says_back_inner_state`] that need no helper ("You still expect…", "You missed…").
const INNER_STATE_VERBS: [&str; 12] = [
    "expect", "expected", "hope", "hoped", "wish", "wished", "remember", "dread", "fear", "feared",
    "miss", "missed",
];

/// Whether an advice match ("could help", "might help") is the verb of a question asking what or who
/// ("…what would make it safer, and who could help?"): it asks for their ideas and suggests nothing.
/// before-the-birthday's own collaborative option was shown as unasked advice and persuading, with a
/// tip against arguing for change (a twenty-seventh play test).
///
/// The question word opens its clause ("You know what could help? Talking to your GP." answers its
/// own question with advice: a maintainer's read), and no sentence comes after the question.
fn asks_who_could(toks: &Tokens, x: &Found) -> bool {
    let t = x.t0 as usize;
    let Some(last) = toks.sents.last() else {
        return false;
    };
    t > 0
        && matches!(toks.word(t - 1), "who" | "what" | "which" | "whoever")
        && (t - 1 == last.t0 as usize
            || toks.has(t - 1, CLAUSE_START)
            || (t >= 2 && matches!(toks.word(t - 2), "and" | "but" | "or")))
        // With its mark, or without one where a clause of its own asks ("If you want to stop
        // drinking, what could help": a twenty-ninth play test's trainee typed no mark).
        && (last.question_mark || t - 1 == last.t0 as usize || toks.has(t - 1, CLAUSE_START))
        && (last.t0 as usize..last.t1 as usize).contains(&t)
}

/// Whether a helper's reply hands the credit back: "I didn't do anything / much / a thing" (the
/// `disclaimed_credit` lexicon) beside "you did it all", "it was all you" or "you did the (hard) work"
/// (`given_credit`), with no "wrong", "blame" or "fault" (`blame_words`).
fn hands_back_credit(hits: &Hits, ids: &LexIds) -> bool {
    // Not a flat denial ("It wasn't me who said quit. You did.", "I didn't do anything wrong. You did
    // that yourself.": counter-blame, a second maintainer's read).
    hits.any(ids.disclaimed_credit) && hits.any(ids.given_credit) && !hits.any(ids.blame_words)
}

/// Whether the reply guesses at the listener's hurt with "must": "you must (really / so) miss
/// her", "u must be so lonely", "you must feel so let down" (a `negative_feelings` word). The learned
/// layer reads "you must … so" as the mockery of "You must be so proud of yourself"; a thirtieth play
/// test's "You must miss her so much, Ba." to a widower was contempt and took sunday-with-ba's route
/// for an attack. Not with irony in the reply ("wow", "poor", as [`sympathises`] reads it).
fn guesses_their_hurt(toks: &Tokens, hits: &Hits, ids: &LexIds) -> bool {
    let n = toks.toks.len();
    let w = |i: usize| if i < n { toks.word(i) } else { "" };
    // Irony anywhere keeps the mockery open ("Aw you must miss him, bless.", "…, shame.", "you must
    // be so hurt lmfao", "You must be so lonely loser", "Oh you must be SO hurt.": two reads).
    let jeers = |i: usize| {
        hits.covered(i, ids.jeers)
            || hits.covered(i, ids.insult_words)
            || (toks.has(i, CAPS) && !toks.mostly_caps() && w(i).len() > 1)
    };
    if (0..n).any(jeers) {
        return false;
    }
    // One sentence guesses; any other only grieves with them ("I'm so sorry, Dad. You must miss her
    // so much.": a second maintainer's read). Before "you must" at most two words of address ("Oh
    // Dad, you must…").
    let Some((s, t)) = toks.sents.iter().find_map(|s| {
        let (s0, s1) = (s.t0 as usize, s.t1 as usize);
        (s0..(s0 + 3).min(s1))
            .find(|&t| {
                matches!(w(t), "you" | "u")
                    && w(t + 1) == "must"
                    && (t == s0 || toks.has(t, CLAUSE_START))
            })
            .map(|t| (s, t))
    }) else {
        return false;
    };
    // ("Sorry you feel that way." is the guide's contempt.)
    let others_grieve = toks.sents.iter().all(|o| {
        let words = o.t0 as usize..o.t1 as usize;
        std::ptr::eq(o, s)
            || (words.clone().any(|t| w(t) == "sorry") && !words.clone().any(|t| w(t) == "way"))
    });
    if !others_grieve || toks.sents.len() > 2 {
        return false;
    }
    let s1 = s.t1 as usize;
    let w = |i: usize| if i < s1 { toks.word(i) } else { "" };
    let mut i = t + 2;
    while matches!(w(i), "still" | "really" | "so" | "just") {
        i += 1;
    }
    let end = match w(i) {
        "miss" if matches!(w(i + 1), "her" | "him" | "them" | "home") => i + 2,
        "miss" if matches!(w(i + 1), "your" | "ur") => i + 3,
        "be" | "feel" | "have" => {
            let mut k = i + 1;
            if w(k) == "been" || w(k) == "felt" {
                k += 1;
            }
            while k < s1
                && !hits.covered(k, ids.negative_feelings)
                && hits.covered(k, ids.intensifiers)
            {
                k += 1;
            }
            if !(k < s1 && hits.covered(k, ids.negative_feelings)) {
                return false;
            }
            k + 1
        }
        _ => return false,
    };
    // What may follow in the sentence: "so much", "right now", "too", "at the moment", or a name
    // closing it. "You must be so lonely with no friends" and "…, what with doing absolutely nothing
    // all day" mock (a maintainer's read).
    let mut k = end;
    while matches!(
        w(k),
        "so" | "much" | "right" | "now" | "too" | "at" | "the" | "moment" | "still"
    ) {
        k += 1;
    }
    // A name typed without its comma closes it too ("u must miss her so much ba", "you must be so
    // scared mama": a thirty-first play test); a jeer there has been refused above.
    k >= s1 || k + 1 == s1
}

/// Whether a sentence of the reply is sympathy for a hardship and nothing more: "that", "it" or
/// "this", then "must be", "must have been", "would be", "sounds" or "is", intensifiers, a word of
/// hardship ("hard", "painful", "lonely"…) and at most "for you" after it ("Every cupboard is her. That
/// must be so hard."). The learned layer reads "that must be so…" as the mockery of "That must be so
/// nice for you" wherever it stands; a twenty-seventh play test's client, sympathising with her
/// grieving sister, was read as contempt and sent down ammis-kitchen's route for an attack.
fn sympathises(toks: &Tokens, hits: &Hits, ids: &LexIds) -> bool {
    // Irony anywhere in the reply keeps the mockery open ("Wow. That must be so hard." to a small
    // pay rise: a maintainer's read).
    let ironic = hits.any(ids.sympathy_ironies);
    !ironic
        && toks.sents.iter().any(|s| {
            let (s0, t1) = (s.t0 as usize, s.t1 as usize);
            let w = |i: usize| if i < t1 { toks.word(i) } else { "" };
            // "that" opens the sentence, or its clause after a name ("Ba, that must be so hard.").
            let Some(t0) = (s0..t1.min(s0 + 3)).find(|&t| {
                matches!(w(t), "that" | "it" | "this") && (t == s0 || toks.has(t, CLAUSE_START))
            }) else {
                return false;
            };
            let mut i = t0 + 1;
            match (w(i), w(i + 1), w(i + 2)) {
                ("must" | "would", "have", "been") => i += 3,
                ("must" | "would", "be", _) => i += 2,
                ("sounds" | "is" | "was", _, _) => i += 1,
                _ => return false,
            }
            // "…a very hard time" (a twenty-ninth play test's "That must have been a very hard
            // time, Gwen." was contempt).
            let article = matches!(w(i), "a" | "an");
            if article {
                i += 1;
            }
            while matches!(
                w(i),
                "so" | "really" | "very" | "incredibly" | "awfully" | "just" | "truly"
            ) {
                i += 1;
            }
            if !matches!(
                w(i),
                "hard"
                    | "difficult"
                    | "painful"
                    | "tough"
                    | "lonely"
                    | "scary"
                    | "frightening"
                    | "heartbreaking"
                    | "exhausting"
                    | "rough"
                    | "awful"
                    | "horrible"
                    | "sad"
                    | "upsetting"
                    | "overwhelming"
                    | "hurtful"
            ) {
                return false;
            }
            i += 1;
            if article {
                if !matches!(
                    w(i),
                    "time"
                        | "thing"
                        | "day"
                        | "week"
                        | "year"
                        | "few"
                        | "situation"
                        | "loss"
                        | "road"
                ) {
                    return false;
                }
                i += if w(i) == "few" { 2 } else { 1 };
            }
            if (w(i), w(i + 1)) == ("for", "you") {
                i += 2;
            }
            if matches!((w(i), w(i + 1)), ("right", "now") | ("at", "the")) {
                i += if w(i) == "at" { 3 } else { 2 };
            }
            // At most a word or two of address after it ("…, Ba.", "…, mate.").
            i >= t1 || (t1 - i <= 2 && toks.has(i, CLAUSE_START))
        })
}

/// Whether the imperative-looking word at `t` is a noun that a verb follows as its subject ("Sleep
/// and appetite have gone", "Drink's become a problem"): a summary's statement, not an order (a
/// twenty-sixth play test's summary was unasked advice and persuading). "Rest is what you need"
/// advises the noun and stays advice.
fn is_a_subject(toks: &Tokens, t: usize) -> bool {
    let w = |i: usize| toks.word_in_sentence_of(t, i);
    let finite = |x: &str| {
        matches!(
            x,
            "is" | "are"
                | "was"
                | "were"
                | "has"
                | "have"
                | "had"
                | "seems"
                | "feels"
                | "gets"
                | "been"
                | "become"
        )
    };
    // "Rest is what you need", "Sleep is key": the noun is what is advised.
    let advised = matches!(
        w(t + 2),
        "what" | "important" | "key" | "essential" | "vital"
    );
    // Only a word that could be an order's verb: not "you" in "you have got to cut down".
    let pronoun = matches!(
        toks.word(t),
        "you" | "u" | "ya" | "i" | "we" | "they" | "he" | "she" | "it" | "that" | "this" | "there"
    );
    !pronoun
        && !advised
        && (finite(w(t + 1)) || (w(t + 1) == "and" && !w(t + 2).is_empty() && finite(w(t + 3))))
}

/// Whether the clause at token `t` says what the speaker wants or feels instead: "I (just) want…",
/// "I only need…", "I miss…", "I care…", "I am (just) worried…".
fn names_own_want(toks: &Tokens, hits: &Hits, ids: &LexIds, t: usize) -> bool {
    if toks.word(t) != "i" {
        return false;
    }
    let mut i = t + 1;
    while matches!(
        toks.word_in_sentence_of(t, i),
        "just" | "only" | "really" | "am" | "so" | "more" | "actually" | "mostly" | "feel"
    ) {
        i += 1;
    }
    // A want ("I just want to understand") or a feeling ("I'm more worried": a twenty-sixth play
    // test's parent got defensiveness for "I'm not angry, I'm more worried").
    !toks.word_in_sentence_of(t, i).is_empty()
        && (hits.covered(i, ids.own_wants) || hits.covered(i, ids.feelings))
}

/// Whether token `t` opens "take your time" or "take all the time you need": patience given, no
/// order (a play test's telling-mama coded it a bare command).
fn gives_time(toks: &Tokens, t: usize) -> bool {
    toks.word(t) == "take"
        && matches!(toks.word_in_sentence_of(t, t + 1), "your" | "all")
        && (t + 2..t + 4).any(|i| toks.word_in_sentence_of(t, i) == "time")
}

/// Whether match `x` tells the listener they should be proud ("You should be proud of yourself"):
/// an affirmation in the form of advice, not advice.
fn says_be_proud(toks: &Tokens, x: &Found) -> bool {
    (x.t0 as usize..(x.t1 as usize + 1).min(toks.toks.len())).any(|i| says_proud_at(toks, i))
}

/// Whether token `t` is the "should" (or "must", "ought") of "…should be proud…".
fn says_proud_at(toks: &Tokens, t: usize) -> bool {
    matches!(toks.word(t), "should" | "must" | "ought")
        && (t + 1..t + 4).any(|j| toks.word_in_sentence_of(t, j) == "proud")
}

/// Whether the apology that ends before token `t` is a condolence: "sorry to hear…", "sorry for
/// your loss", "sorry that you…", or "sorry about" someone or something the other person's line
/// named ("im sorry about huw" after Gwen speaks of Huw), not "sorry about earlier" or "about that".
fn condolence_after(toks: &Tokens, t: usize, ctx: Option<&Tokens>) -> bool {
    let w = |i: usize| {
        if i < toks.toks.len() {
            toks.word(i)
        } else {
            ""
        }
    };
    let (next, next2) = (w(t), w(t + 1));
    (matches!(next, "to" | "for" | "about" | "that")
        && matches!(
            next2,
            "hear" | "hearing" | "your" | "you" | "read" | "learn" | "that"
        ))
        || (next == "about"
            && next2.len() > 2
            && !matches!(
                next2,
                "the"
                    | "this"
                    | "that"
                    | "earlier"
                    | "last"
                    | "yesterday"
                    | "tonight"
                    | "today"
                    | "before"
                    | "everything"
                    | "all"
                    | "being"
                    | "not"
                    | "what"
                    | "how"
                    | "dinner"
            )
            && ctx.is_some_and(|c| (0..c.toks.len()).any(|i| c.word(i) == next2)))
}

/// Whether match `x` is "should not have to", which validates ("You shouldn't have to do this on your
/// own.", "No one should have to hear that") rather than advises.
fn should_not_have_to(toks: &Tokens, x: &Found) -> bool {
    let w = |i: usize| toks.word_in_sentence_of(x.t0 as usize, i);
    (x.t0 as usize..=x.t1 as usize)
        .any(|i| w(i) == "should" && w(i + 1) == "not" && w(i + 2) == "have" && w(i + 3) == "to")
}

/// Whether the clause at token `t` goes on with a plan the speaker has put forward in the same
/// sentence, its subject left out: after "we go / we'll / we could…", "how about we…", "what if
/// we…" or "I'll do…" ("fridays we go down the market together, get a bit of lunch", "how
/// about we go early morning, just you and me first, bring ma favourite kuih"; a twelfth play test
/// read both as orders). Its first word looks like an imperative and is not one.
fn continues_a_plan(toks: &Tokens, t: usize) -> bool {
    let s = &toks.sents[toks.toks[t].sent as usize];
    if t <= s.t0 as usize || !toks.has(t, CLAUSE_START) {
        return false;
    }
    let w = |i: usize| toks.word_in_sentence_of(t, i);
    (s.t0 as usize..t).any(|i| match w(i) {
        "we" => {
            matches!(
                w(i + 1),
                "will"
                    | "can"
                    | "could"
                    | "should"
                    | "might"
                    | "go"
                    | "get"
                    | "take"
                    | "do"
                    | "meet"
                    | "try"
                    | "make"
                    | "visit"
                    | "walk"
                    | "eat"
                    | "sit"
                    | "come"
                    | "head"
                    | "pop"
                    | "grab"
                    | "both"
                    | "all"
                    | "just"
                    | "start"
                    | "book"
                    | "cook"
            ) && w(i + 2) != "not"
        }
        "how" => matches!(w(i + 1), "about" | "bout") && w(i + 2) == "we",
        "what" => w(i + 1) == "if" && w(i + 2) == "we",
        "i" => w(i + 1) == "will" && !matches!(w(i + 2), "tell" | "say" | "ask" | "repeat" | "not"),
        _ => false,
    })
}

/// Whether the sentence of token `t` only says back the other person's own words: every content
/// word of it (three letters up, not a stopword; two at least) is in their line. Ba's "Every day the
/// same. Wake up, news, noodles, sleep." said back ("Every day the same, wake up, news, noodles,
/// sleep.") is listening, where a twelfth play test read "wake up" as an order; "Don't go back to
/// him." after "He wants me back." says one word of theirs and tells her what to do.
fn says_their_words(toks: &Tokens, hits: &Hits, ids: &LexIds, ctx_stems: &[u64], t: usize) -> bool {
    let s = &toks.sents[toks.toks[t].sent as usize];
    let mut n = 0;
    for i in s.t0 as usize..s.t1 as usize {
        if hits.covered(i, ids.stopwords) || toks.word(i).len() < 3 {
            continue;
        }
        if ctx_stems
            .binary_search(&text::hash(text::stem(toks.word(i))))
            .is_err()
        {
            return false;
        }
        n += 1;
    }
    n >= 2
}

/// Whether a crisis match at `x` is "can't go on like this" said of something that must change
/// ("I can't go on like this, Sam. Something about the chores has to change."; a thirteenth play
/// test's complaint showed the crisis panel): a limit on a task, not on living. Alone, or with no
/// "change" in the reply, it is the guide's crisis phrase.
fn a_limit_on_a_task(toks: &Tokens, x: &Found) -> bool {
    let t = x.t0 as usize;
    toks.word(t) == "can"
        && toks.word_in_sentence_of(t, t + 1) == "not"
        && toks.word_in_sentence_of(t, t + 2) == "go"
        && (0..toks.toks.len()).any(|i| matches!(toks.word(i), "change" | "changes"))
}

/// Whether an imperative at `x` only orders the questions that follow it in its sentence: "Start
/// with Ate Joy: what would that one give you, and what would it cost?" (decision analysis, read as
/// unasked advice and persuading by a twelfth play test); "start with" or "begin with" in a sentence
/// that ends in "?".
fn orders_the_questions(toks: &Tokens, x: &Found) -> bool {
    let t = x.t0 as usize;
    matches!(toks.word(t), "start" | "begin")
        && toks.word_in_sentence_of(t, t + 1) == "with"
        && toks.sents[toks.toks[t].sent as usize].question_mark
}

/// Words that ask whether what was just said fits ([`is_check`]: "Does that *fit*?", "Is that
/// *right*?", "Am I *close*?"). Not "true" or "fair": "Is that true?" asks about a fact.
const CHECK_WORDS: [&str; 5] = ["fit", "fits", "right", "correct", "close"];

/// Whether `sent` is a short check of what was just said ("Does that fit?", "Does that fit how it
/// feels to you?", "Is that right?", "Have I got that right?", "Am I close?"): a question of at most
/// ten words opening with an auxiliary and "that", "this", "it" or "I", with a [`CHECK_WORDS`] word
/// within the next three; or whether the listener left anything out ("Did I miss anything?", "Have I
/// left something out?").
fn is_check(toks: &Tokens, sent: &text::Sentence) -> bool {
    let (t0, t1) = (sent.t0 as usize, sent.t1 as usize);
    sent.question_mark
        && t1 >= t0 + 3
        && t1 - t0 <= 10
        && matches!(
            toks.word(t0),
            "does" | "did" | "is" | "was" | "am" | "have" | "has"
        )
        && matches!(toks.word(t0 + 1), "that" | "this" | "it" | "i")
        && ((t0 + 2..(t0 + 5).min(t1)).any(|i| CHECK_WORDS.contains(&toks.word(i)))
            || (toks.word(t0 + 1) == "i"
                && matches!(toks.word(t0 + 2), "miss" | "missed" | "leave" | "left")
                && matches!(
                    toks.word_in_sentence_of(t0, t0 + 3),
                    "anything" | "something" | "out"
                )))
}

/// Whether a match `x` (a feeling of the speaker's) is what the listener thinks or fears, said back:
/// "You're worried I'm angry with you.", "you think I don't care": "you" and a verb of thinking or
/// fearing before it in its sentence.
fn their_thought(toks: &Tokens, x: &Found) -> bool {
    let t = x.t0 as usize;
    let s0 = toks.sents[toks.toks[t].sent as usize].t0 as usize;
    (s0..t).any(|i| {
        toks.word(i) == "you"
            && (i + 1..(i + 4).min(t)).any(|k| {
                matches!(
                    toks.word(k),
                    "worried"
                        | "afraid"
                        | "scared"
                        | "frightened"
                        | "think"
                        | "thought"
                        | "thinking"
                        | "believe"
                        | "wonder"
                        | "wondering"
                        | "fear"
                        | "convinced"
                        | "suspect"
                        | "assume"
                        | "imagine"
                )
            })
    })
}

/// Whether a match `x` is the condition of an "if" ("correct me if I'm wrong", "sorry if I forgot
/// something"): owning a part said as a check or a maybe owns nothing.
fn conditional(toks: &Tokens, x: &Found) -> bool {
    let t = x.t0 as usize;
    t > 0 && toks.word_in_sentence_of(t, t - 1) == "if"
}

/// Whether an imperative match `x` asks something for the speaker ("Ring me any day.", "Call us when
/// you land."): its verb's object is "me" or "us"; or, where the match ends before the verb, the
/// speaker offers themselves ("You can always call me.", "You can always talk to us."): the way
/// back to them is left open, nothing is prescribed.
fn for_the_speaker(toks: &Tokens, x: &Found) -> bool {
    let (t, end) = (x.t0 as usize, x.t1 as usize);
    let w = |k: usize| toks.word_in_sentence_of(t, end + k);
    matches!(w(0), "me" | "us")
        || matches!(w(1), "me" | "us")
        || (w(1) == "to" && matches!(w(2), "me" | "us"))
}

/// Whether an advice match `x` that opens on "you" ("you have to", "you need to") follows an
/// auxiliary put before it in its own clause, as a question puts it ("When do you have to decide by",
/// "Do you need to tell him?", "Don't you have to work tomorrow?"): it asks what they are bound to do,
/// with or without a question mark, and tells them nothing. An auxiliary ending the clause before is
/// not put before "you" ("If he did, you need to report it." advises).
fn asks_their_obligation(toks: &Tokens, x: &Found) -> bool {
    let t = x.t0 as usize;
    let clause = toks.toks[t].clause;
    let before = |k: usize| match t.checked_sub(k) {
        Some(i) if toks.toks[i].clause == clause => toks.word(i),
        _ => "",
    };
    let aux = |w: &str| matches!(w, "do" | "does" | "did" | "will" | "would");
    toks.word(t) == "you" && (aux(before(1)) || (before(1) == "not" && aux(before(2))))
}

/// Whether the word matched last in `x` is "entitled" and "to" follows it: "you're entitled to
/// redundancy pay" names a right; "you're so entitled" labels a person.
fn names_a_right(toks: &Tokens, x: &Found) -> bool {
    let last = x.t1 as usize - 1;
    toks.word(last) == "entitled" && toks.word_in_sentence_of(last, last + 1) == "to"
}

/// Whether an I-statement match `x` ("I feel like we", "I feel that we") goes on to what should be
/// done ("…should sell the house", "…could try again"): an opinion or a plan, not a feeling owned.
fn feels_like_we_should(toks: &Tokens, x: &Found) -> bool {
    let (t, end) = (x.t0 as usize, x.t1 as usize);
    end > t + 1
        && toks.word(end - 1) == "we"
        && toks.word(t + 1) == "feel"
        && matches!(
            toks.word_in_sentence_of(t, end),
            "should" | "could" | "ought" | "must" | "might" | "need" | "have"
        )
}

/// The most tokens a reply ending in a sign-off ([`signs_off`]) has for the learned layer to be kept
/// from adding advice: "anytime!! take care of urself x" is all farewell, where a longer reply's
/// "…maybe leave it for now… take care x" may advise before it signs off.
const SIGN_OFF_REPLY_TOKENS: usize = 10;

/// The most tokens from "take" to the end of the reply that [`signs_off`] reads as a farewell formula.
const SIGN_OFF_TAIL_TOKENS: usize = 10;

/// Whether an advice match `x` is a sign-off ([`signs_off`]); in a reply of at most
/// [`SIGN_OFF_REPLY_TOKENS`] tokens the learned layer, which reads "take care" as advice wherever it
/// stands, may then add no advice or persuading either ([`Findings::ruled_out`]).
fn sign_off(f: &mut Findings, toks: &Tokens, x: &Found) -> bool {
    let off = signs_off(toks, x);
    if off && toks.toks.len() <= SIGN_OFF_REPLY_TOKENS {
        f.ruled_out.extend(&[Code::Advice, Code::Persuade]);
    }
    off
}

/// Whether an advice match `x` is a sign-off ("take care x", "please take good care of yourself!",
/// "Take care. x"): from it to the end of the reply the words are a farewell formula, with kisses,
/// "now" or a pet name after it.
fn signs_off(toks: &Tokens, x: &Found) -> bool {
    let mut t = x.t0 as usize;
    while matches!(toks.word(t), "please" | "just" | "do") {
        t += 1;
    }
    // The longest formula with kisses and a pet name after it is well under a dozen tokens: a longer
    // tail is more than a farewell, and is not collected.
    if toks.word(t) != "take" || toks.toks.len() - t > SIGN_OFF_TAIL_TOKENS {
        return false;
    }
    let mut rest: Vec<&str> = (t..toks.toks.len())
        .map(|i| toks.word(i))
        .filter(|w| *w != "good")
        .collect();
    while rest.last().is_some_and(|w| {
        matches!(
            *w,
            "x" | "xx" | "xxx" | "now" | "then" | "love" | "hun" | "mate"
        )
    }) {
        rest.pop();
    }
    matches!(
        rest.as_slice(),
        ["take", "care"] | ["take", "care", "of", "yourself" | "yourselves" | "you"]
    )
}

/// Whether an absolute match `x` says what is possible, not what always happens: "always" after
/// "can" or "could" ("You can always call me", "we could always go on Sunday") generalises about no
/// one.
fn always_possible(toks: &Tokens, x: &Found) -> bool {
    (x.t0 as usize..x.t1 as usize).any(|i| {
        toks.word(i) == "always"
            && i > 0
            && matches!(toks.word_in_sentence_of(i, i - 1), "can" | "could")
    })
}

/// Whether the line says its speaker ought to do what `reply` says they should: the word after the
/// reply's modal is the word after one of the line's ("I should ring my sister" → "so you should ring
/// her"; "I keep thinking I should have done more" → "so you should ring Beata", and "I need to stop
/// drinking" → "so you should stop seeing those friends" share no act).
fn says_own_ought(line: &Tokens, reply: &Tokens) -> bool {
    // The word after a modal at `k` ("should ring", "need to stop", "should have called").
    fn act(t: &Tokens, k: usize) -> Option<usize> {
        let n = t.toks.len();
        let w = |i: usize| if i < n { t.word(i) } else { "" };
        let at = match (w(k), w(k + 1)) {
            ("should" | "shld" | "must", _) => k + 1,
            ("ought" | "need" | "have", "to") => k + 2,
            _ => return None,
        };
        let at = if matches!(w(at), "have" | "really" | "probably" | "just") {
            at + 1
        } else {
            at
        };
        (!w(at).is_empty()).then_some(at)
    }
    // The act's words: a light verb ("get", "stop", "go") with the word after it ("get some help"
    // is not "get the kids"; "stop seeing" is not "stop drinking").
    fn words(t: &Tokens, at: usize) -> (&str, &str) {
        let v = t.word(at);
        let next = if at + 1 < t.toks.len() {
            t.word(at + 1)
        } else {
            ""
        };
        if matches!(
            v,
            "get" | "go" | "do" | "be" | "have" | "take" | "make" | "stop" | "start" | "keep"
        ) {
            (v, next)
        } else {
            (v, "")
        }
    }
    let n = line.toks.len();
    let owed: Vec<(&str, &str)> = (0..n)
        .filter(|&i| line.word(i) == "i")
        .flat_map(|i| (i + 1..(i + 4).min(n)).filter_map(|k| act(line, k)))
        .map(|at| words(line, at))
        .collect();
    (0..reply.toks.len()).any(|k| act(reply, k).is_some_and(|at| owed.contains(&words(reply, at))))
}

/// Whether a reflection stem `x` ("so you", "I think you") goes straight on to what they ought to do
/// ("so you should ring Beata…", "okay so I think you should talk to him"): advice with a stem's
/// opening, not a reflection (a twenty-ninth play test's trainee was praised for it). "So you feel
/// you should have done more" says back their own "should" and keeps the stem.
fn stem_then_ought(toks: &Tokens, hits: &Hits, ids: &LexIds, x: &Found) -> bool {
    let w = |i: usize| toks.word_in_sentence_of(x.t0 as usize, i);
    // Only a bare opener ("so you", "okay so", "I think you") or one of hearing ("What I'm hearing
    // is you should ring Steve": a thirtieth play test's trainee took every reflection route with it):
    // "It sounds like you need to rest." reflects a need.
    if !(x.t0 as usize..x.t1 as usize).all(|t| {
        matches!(
            w(t),
            "so" | "ok"
                | "okay"
                | "right"
                | "then"
                | "and"
                | "i"
                | "think"
                | "you"
                | "u"
                | "well"
                | "what"
                | "am"
                | "hearing"
                | "hear"
                | "that"
        )
    }) {
        return false;
    }
    let end = toks.sents[toks.toks[x.t0 as usize].sent as usize].t1 as usize;
    // From the stem's "you" (or the first "you" after it) to its modal, with no verb of their
    // thinking, feeling or saying between ("so you feel you should…" says back).
    let start = (x.t0 as usize..x.t1 as usize)
        .rev()
        .find(|&t| w(t) == "you")
        .unwrap_or(x.t1 as usize);
    for t in start..end {
        let v = w(t);
        if hits.covered(t, ids.mental_verbs)
            || (v == "think" && w(t.wrapping_sub(1)) != "i")
            // "So knowing you should go isn't the problem." says back their own "should".
            || v.ends_with("ing")
        {
            return false;
        }
        if v != "you" {
            continue;
        }
        let at = if matches!(w(t + 1), "probably" | "really" | "just" | "definitely") {
            t + 2
        } else {
            t + 1
        };
        return (matches!(w(at), "should" | "ought" | "better" | "gotta")
            || (matches!(w(at), "need" | "have") && w(at + 1) == "to"))
            && !(w(at) == "should" && w(at + 1) == "have");
    }
    false
}

/// Whether a request match `x` is only "can / could / will you" closing a statement about the
/// listener ("You cannot bear to see them, can you, Apa."): a question tag, with nothing after it in
/// the sentence but a name.
fn tag_question(toks: &Tokens, hits: &Hits, ids: &LexIds, x: &Found) -> bool {
    let (t0, t1) = (x.t0 as usize, x.t1 as usize);
    let w = |i: usize| toks.word_in_sentence_of(t0, i);
    let sent = &toks.sents[toks.toks[t0].sent as usize];
    t1 - t0 == 2
        && matches!(w(t0), "can" | "could" | "will" | "would" | "do" | "did")
        && matches!(w(t0 + 1), "you" | "u")
        && t0 > sent.t0 as usize
        // The statement says something of them, negated ("You cannot bear…, can you"); "I'll need
        // the car Friday, can you, mum?" and "you said you'd pick the kids up friday, can you?" ask.
        && (sent.t0 as usize..t0).any(|i| matches!(w(i), "you" | "u" | "your" | "ur"))
        && (sent.t0 as usize..t0).any(|i| toks.has(i, text::NEGATOR))
        // A state (the `tag_states` lexicon) or a reproach ("You couldn't even pick up the phone,
        // could you?"), not an errand: "you couldnt grab some milk could you" asks.
        && (sent.t0 as usize..t0).any(|i| hits.covered(i, ids.tag_states) || w(i) == "even")
        && (w(t1).is_empty()
            || (toks.has(t1, CLAUSE_START) && w(t1 + 1).is_empty() && w(t1) != "please"))
}

/// Whether the reply says the speaker was or is unwell in mind: "I was (really) depressed / low /
/// struggling / grieving / not well / not coping / in a bad (dark) place / a mess / falling apart".
fn states_own_distress(toks: &Tokens, hits: &Hits, ids: &LexIds) -> bool {
    let n = toks.toks.len();
    let w = |i: usize| if i < n { toks.word(i) } else { "" };
    (0..n).any(|t| {
        if w(t) != "i" {
            return false;
        }
        let mut i = t + 1;
        match (w(i), w(i + 1)) {
            ("was" | "am", _) => i += 1,
            ("have" | "had", "been") => i += 2,
            _ => return false,
        }
        // The state (the `distress_states` lexicon), after intensifiers ("I was really low").
        while i < n && !hits.covered(i, ids.distress_states) && hits.covered(i, ids.intensifiers) {
            i += 1;
        }
        i < n && hits.covered(i, ids.distress_states)
    })
}

/// Whether the line asks after its listener: an invitation to talk ([`invites_talk`]), or a question
/// that speaks of them ("How are you?") or of no one ("What's wrong, love?", "What happened then?"),
/// not of its own speaker ("What if it's cancer?", "Why do I always feel like the odd one out?").
fn asks_after_them(line: &Tokens) -> bool {
    invites_talk(line)
        || line.sents.iter().any(|s| {
            let words = s.t0 as usize..s.t1 as usize;
            s.question_mark
                && !(line.word(s.t0 as usize) == "what"
                    && s.t0 + 1 < s.t1
                    && line.word(s.t0 as usize + 1) == "if")
                && !words.clone().any(|k| of_self(line, k))
        })
}

/// Whether the line invites its listener to talk: a sentence or clause opening "Go on", "Tell me",
/// "Out with it" or "Spit it out", or "I'm listening" / "I'm all ears" ("Don't tell me to calm down"
/// and "nobody is listening" do not).
fn invites_talk(line: &Tokens) -> bool {
    let n = line.toks.len();
    let w = |i: usize| if i < n { line.word(i) } else { "" };
    (0..n).any(|i| {
        let opens = line.has(i, text::SENT_START) || line.has(i, CLAUSE_START);
        (opens
            && matches!(
                (w(i), w(i + 1)),
                ("go", "on") | ("tell", "me") | ("out", "with") | ("spit", "it")
            ))
            || (w(i) == "i"
                && w(i + 1) == "am"
                && (w(i + 2) == "listening" || (w(i + 2), w(i + 3)) == ("all", "ears")))
    })
}

/// Whether a bare denial `x` ("That's not true") is followed, in its sentence or the next, by the
/// denial of a harsh self-view said in earnest ("…, you're not boring."): it disputes what they said
/// of themselves.
fn disputed_for_them(toks: &Tokens, found: &[Found], x: &Found) -> bool {
    let si = toks.toks[x.t0 as usize].sent as usize;
    // The denial alone ("that's not true", "not true"): "You're in denial." and "That's just an
    // excuse." confront whatever kindness follows.
    let bare_denial = (x.t0..x.t1).all(|i| {
        matches!(
            toks.word(i as usize),
            "that" | "it" | "is" | "not" | "true" | "so"
        )
    }) && (x.t0..x.t1).any(|i| toks.word(i as usize) == "true");
    bare_denial
        && found.iter().any(|y| {
            y.tag == Tag::DisputesBlame
                && y.t0 >= x.t1
                && (toks.toks[y.t0 as usize].sent as usize) <= si + 1
                && disputes_in_earnest(toks, found, y)
        })
}

/// Whether the denial of a harsh self-view `x` (a [`Tag::DisputesBlame`] match) is said in earnest:
/// not in a sentence that asks ("So you don't blame yourself?") nor beside sarcasm, contempt or an
/// insult in it ("Oh sure, you're not dramatic at all 🙄"), nor opened as irony or beside "poor you"
/// ("sure, it's never your fault is it", "oh right, you did nothing wrong. poor you.": a maintainer's
/// read).
fn disputes_in_earnest(toks: &Tokens, found: &[Found], x: &Found) -> bool {
    let sent = &toks.sents[toks.toks[x.t0 as usize].sent as usize];
    let (s0, s1) = (sent.t0 as usize, sent.t1 as usize);
    let w = |i: usize| if i < s1 && i >= s0 { toks.word(i) } else { "" };
    // "Of course it wasn't your fault, love." and "It was never your fault, was it." are sincere.
    let ironic_open = w(s0) == "sure"
        || matches!(
            (w(s0), w(s0 + 1)),
            ("oh", "right" | "sure" | "yeah") | ("yeah", "right")
        );
    // In its sentence or the next.
    let next_end = toks
        .sents
        .get(toks.toks[x.t0 as usize].sent as usize + 1)
        .map_or(s1, |n| n.t1 as usize);
    let poor_you = (s0..next_end.saturating_sub(1))
        .any(|i| toks.word(i) == "poor" && toks.word(i + 1) == "you");
    !sent.question_mark
        && !ironic_open
        && !poor_you
        && !found.iter().any(|y| {
            y.t0 >= sent.t0
                && y.t0 < sent.t1
                && matches!(y.tag, Tag::Sarcasm | Tag::Contempt | Tag::Insult)
        })
}
