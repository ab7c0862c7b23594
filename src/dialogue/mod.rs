//! The dialogue runner: a pure state machine that says what to present and takes the user's input back. It never draws.

pub mod explore;
pub mod plan;
mod runner;

pub use crate::scenario::Mode;
pub use runner::{
    DialogueError, Follow, Input, MeterView, OptionView, Outcome, Prompt, ReplyKind, RunState,
    Runner, Turn, TurnOutcome, View, option_order, reply_rank, routed_codes, session_means,
};
