//! The dialogue: the runner (a pure state machine that never draws), the `Session` pairing it with its scorer, and what drives sessions without a person (test plans, the explorer).

pub mod answer;
pub mod explore;
pub mod plan;
mod runner;
mod session;

pub use crate::scenario::Mode;
pub use runner::{
    CRISIS_REMINDER, DialogueError, Follow, Input, LOOP_VISITS, MeterView, OptionView, Outcome,
    Prompt, ReplyKind, RunState, Runner, Turn, TurnOutcome, View, crisis_help, mentions,
    option_order, reply_rank, routed_codes, session_means, word_count,
};
pub use session::Session;
