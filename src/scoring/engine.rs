//! The rule-based scorer: compiled rules, weights and tips behind the `Scorer` trait.

use super::analyse::{self, Findings, LexIds, Scratch};
use super::rules::{Compiled, RuleError};
use super::score::{self, WEIGHTS_RON, Weights};
use super::tips::{TIPS_RON, TipTexts};
use super::{Analysis, Code, Evidence, Reply, Scorer};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::OnceLock;

/// The rule-based scorer: lexicons and patterns compiled into automata, score weights and tip texts.
///
/// Build it once ([`RuleScorer::builtin`] is compiled on first use and shared) and call
/// [`Scorer::analyse`] as often as you like: it allocates only the [`Analysis`] it returns.
///
/// Cloning is cheap: the compiled rules, weights and tips are shared, so a scenario without a
/// lexicon of its own gets the built-in scorer without a copy.
#[derive(Debug, Clone)]
pub struct RuleScorer {
    rules: Arc<Compiled>,
    ids: LexIds,
    weights: Arc<Weights>,
    tips: Arc<TipTexts>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

impl RuleScorer {
    /// The scorer with the built-in rules (compiled once, on first use).
    pub fn builtin() -> &'static RuleScorer {
        static S: OnceLock<RuleScorer> = OnceLock::new();
        S.get_or_init(|| match RuleScorer::try_builtin() {
            Ok(s) => s,
            // The built-in data is checked by the unit tests; failing here is a build defect.
            Err(e) => panic!("built-in scoring rules do not compile: {e}"),
        })
    }

    /// Compiles the built-in rules afresh (what [`RuleScorer::builtin`] does once).
    pub fn try_builtin() -> Result<RuleScorer, RuleError> {
        RuleScorer::from_parts(Compiled::builtin()?)
    }

    fn from_parts(rules: Compiled) -> Result<RuleScorer, RuleError> {
        Ok(RuleScorer {
            ids: LexIds::new(&rules),
            rules: Arc::new(rules),
            weights: Arc::new(Weights::from_ron(WEIGHTS_RON)?),
            tips: Arc::new(TipTexts::from_ron(TIPS_RON)?),
        })
    }

    /// The built-in rules extended with extra phrases per lexicon name; an error names an unknown lexicon.
    pub fn with_lexicon(extra: &BTreeMap<String, Vec<String>>) -> Result<RuleScorer, RuleError> {
        let b = RuleScorer::builtin();
        if extra.is_empty() {
            return Ok(b.clone());
        }
        let rules = b.rules.extended(extra)?;
        Ok(RuleScorer {
            ids: LexIds::new(&rules),
            rules: Arc::new(rules),
            weights: b.weights.clone(),
            tips: b.tips.clone(),
        })
    }

    /// The scorer for a scenario: the built-in rules extended with the scenario's lexicon
    /// (its `lexicon` field). `dialogue::Session` is the one caller.
    ///
    /// Phrases for lexicon names that do not exist are ignored here; the loader reports them
    /// (`unknown-lexicon`), so a validated scenario has none.
    pub fn for_scenario(lexicon: &BTreeMap<String, Vec<String>>) -> RuleScorer {
        let known: BTreeMap<String, Vec<String>> = lexicon
            .iter()
            .filter(|(k, _)| RuleScorer::builtin().rules.lexicon(k).is_some())
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        RuleScorer::with_lexicon(&known).unwrap_or_else(|_| RuleScorer::builtin().clone())
    }

    /// The names of the lexicons a scenario may extend.
    pub fn lexicon_names(&self) -> &[String] {
        self.rules.lexicon_names()
    }

    /// Codes, style and evidence only (no scores or tips): the cheapest analysis.
    pub fn findings(&self, reply: &Reply<'_>) -> Findings {
        let mut f = Findings::default();
        SCRATCH.with(|s| {
            let mut s = s.borrow_mut();
            analyse::analyse(
                &self.rules,
                &self.ids,
                &mut s,
                reply.text,
                reply.context,
                reply.perspective,
                &mut f,
            );
        });
        f
    }
}

impl Scorer for RuleScorer {
    fn analyse(&self, reply: Reply<'_>) -> Analysis {
        SCRATCH.with(|s| {
            let mut s = s.borrow_mut();
            let mut f = Findings::default();
            analyse::analyse(
                &self.rules,
                &self.ids,
                &mut s,
                reply.text,
                reply.context,
                reply.perspective,
                &mut f,
            );
            if f.has(Code::Crisis) {
                return Analysis {
                    codes: vec![Code::Crisis],
                    style: Default::default(),
                    scores: Default::default(),
                    explanations: score::crisis_explanations(),
                    evidence: f.evidence,
                    tips: self.tips.crisis_tips(),
                };
            }
            // Codes an author tagged on a picked option count as found, over the whole reply.
            for &t in reply.tags {
                if !t.is_group() && !f.has(t) && t != Code::Crisis {
                    f.has[t as usize] = true;
                    f.evidence.push(Evidence {
                        code: t,
                        start: 0,
                        end: reply.text.len(),
                    });
                }
            }
            let codes = f.codes();
            let (scores, explanations) = self.weights.score(&f, &codes, reply.perspective);
            let tips = self
                .tips
                .tips(&f, &s.toks, reply.text, reply.context, reply.perspective);
            Analysis {
                codes,
                style: f.style,
                scores,
                explanations,
                evidence: f.evidence,
                tips,
            }
        })
    }
}
