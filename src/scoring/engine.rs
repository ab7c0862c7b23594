//! The rule-based scorer (placeholder until the analysis engine lands).

use super::{Analysis, Reply, Scorer};

/// The rule-based scorer.
#[derive(Debug, Default)]
pub struct RuleScorer;

impl RuleScorer {
    /// The scorer with the built-in rules.
    pub fn builtin() -> &'static RuleScorer {
        static S: RuleScorer = RuleScorer;
        &S
    }
}

impl Scorer for RuleScorer {
    fn analyse(&self, reply: Reply<'_>) -> Analysis {
        let mut a = Analysis::default();
        a.codes = reply
            .tags
            .iter()
            .copied()
            .filter(|c| !c.is_group())
            .collect();
        a.codes.sort();
        a.codes.dedup();
        a
    }
}

impl RuleScorer {
    /// The scorer for a scenario: the built-in rules extended with the scenario's lexicon.
    pub fn for_scenario(_s: &crate::scenario::Scenario) -> RuleScorer {
        RuleScorer
    }
}
