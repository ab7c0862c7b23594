//! The dialogue runner: a pure state machine that says what to present and takes the user's input back. It never draws.

pub mod explore;
pub mod plan;
mod runner;

pub use runner::{
    DialogueError, Input, MeterView, OptionView, Outcome, Prompt, ReplyKind, RunState, Runner,
    Turn, View, session_means,
};
