//! `Session`: a runner paired with the scorer for its scenario — the one way the app, `rapport play`, test plans and the explorer drive a conversation.

use super::{DialogueError, Follow, Input, Outcome, Runner, TurnOutcome};
use crate::scenario::{Mode, Scenario};
use crate::scoring::{Analysis, RuleScorer, Scorer};
use std::sync::Arc;

/// A conversation: the [`Runner`] and the scorer built for its scenario (the built-in rules plus the
/// scenario's lexicon), kept together so every reply — and every preview of a draft — is scored the same way.
///
/// It reads as its runner (`Deref<Target = Runner>`: `view`, `state`, `save`, `scenario`, …); only the
/// session's own methods move it on, so no reply can reach the runner with another scorer.
#[derive(Clone)]
pub struct Session {
    runner: Runner,
    scorer: Arc<dyn Scorer>,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("runner", &self.runner)
            .finish_non_exhaustive()
    }
}

/// The scorer for a scenario; the one place it is built.
fn scorer_for(scenario: &Scenario) -> Arc<dyn Scorer> {
    Arc::new(RuleScorer::for_scenario(&scenario.lexicon))
}

impl Session {
    /// Starts a scenario at its start node with this seed (line variants, option order), in Practice mode.
    pub fn start(scenario: Arc<Scenario>, seed: u64) -> Self {
        Self::start_mode(scenario, seed, Mode::Practice)
    }

    /// Starts a scenario in this mode.
    pub fn start_mode(scenario: Arc<Scenario>, seed: u64, mode: Mode) -> Self {
        Session {
            scorer: scorer_for(&scenario),
            runner: Runner::with_mode(scenario, seed, mode),
        }
    }

    /// A session scored by another scorer (tests script one): the only way to pick the scorer.
    pub fn with_scorer(runner: Runner, scorer: Arc<dyn Scorer>) -> Self {
        Session { runner, scorer }
    }

    /// Resumes from a state saved with [`Runner::save`].
    pub fn restore(scenario: Arc<Scenario>, saved: &str) -> Result<Self, DialogueError> {
        Ok(Session {
            scorer: scorer_for(&scenario),
            runner: Runner::restore_str(scenario, saved)?,
        })
    }

    /// Sends an input.
    pub fn input(&mut self, input: Input) -> Result<Outcome, DialogueError> {
        self.runner.input(input, self.scorer.as_ref())
    }

    /// Picks the visible option with this 0-based index.
    pub fn choose(&mut self, index: usize) -> Result<Outcome, DialogueError> {
        self.runner.choose(index, self.scorer.as_ref())
    }

    /// Sends a typed reply.
    pub fn say(&mut self, text: &str) -> Result<Outcome, DialogueError> {
        self.runner.say(text, self.scorer.as_ref())
    }

    /// Live feedback for a draft: the analysis [`Session::say`] would record for it now.
    pub fn preview(&self, draft: &str) -> Analysis {
        self.runner.read_typed(draft, self.scorer.as_ref())
    }

    /// Moves to a new version of the scenario (hot reload), keeping the session if its node still exists;
    /// the scorer follows the new version's lexicon.
    pub fn reload(&mut self, scenario: Arc<Scenario>) -> Result<(), DialogueError> {
        self.runner.replace_scenario(scenario)?;
        self.scorer = scorer_for(self.runner.scenario());
        Ok(())
    }

    /// Follows a free-text branch without a reply, as the explorer does; the turn is unscored.
    pub fn follow(&mut self, how: Follow) -> Option<TurnOutcome> {
        self.runner.follow(how)
    }

    /// The scorer this session scores with.
    pub fn scorer(&self) -> &dyn Scorer {
        self.scorer.as_ref()
    }

    /// The runner, by value (its transcript and path), when the session is over.
    pub fn into_runner(self) -> Runner {
        self.runner
    }
}

impl std::ops::Deref for Session {
    type Target = Runner;

    fn deref(&self) -> &Runner {
        &self.runner
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::load_file;

    fn sample() -> Arc<Scenario> {
        let p =
            std::path::Path::new(crate::BUNDLED_SCENARIOS).join("role-disputes/dishes-again.ron");
        Arc::new(load_file(&p).scenario.expect("the sample loads"))
    }

    #[test]
    fn a_preview_is_scored_exactly_as_the_reply() {
        let start = Session::start(sample(), 1);
        // The option that leads to a typed reply (options are shuffled per seed).
        let mut s = (0..4)
            .map(|i| {
                let mut s = start.clone();
                let _ = s.choose(i);
                s
            })
            .find(|s| matches!(s.view().prompt, crate::dialogue::Prompt::FreeText { .. }))
            .expect("an option leads to a typed reply");
        let draft = "It sounds like you're worn out. I need us to share the dishes.";
        let preview = s.preview(draft);
        let out = s.say(draft).unwrap();
        assert_eq!(preview, out.turn.analysis);
    }

    #[test]
    fn restore_carries_on_where_the_save_left() {
        let mut s = Session::start(sample(), 3);
        s.choose(1).unwrap();
        let r = Session::restore(s.scenario().clone(), &s.save()).unwrap();
        assert_eq!(r.state(), s.state());
    }
}
