//! The scenario model: the RON format, its two-stage loader, diagnostics, explorer, graphs and test plans.

pub mod codes;
pub mod colour;
pub mod diagnostic;
pub mod explore;
pub mod files;
pub mod graph;
pub mod load;
pub mod locate;
pub mod logic;
pub mod model;
pub mod parse_error;
pub mod plan;
pub mod plan_lint;
pub mod raw;
pub mod validate;

pub use codes::DiagCode;
pub use diagnostic::{Diagnostic, Severity};
pub use load::{LoadResult, discover, load_bytes, load_file, load_str};
pub use model::{Node, Scenario};
pub use raw::{
    Area, Character, Choice, Condition, Effect, EndingKind, Input, Meter, Mood, Next, Portrait,
    Route, Test, Then, Value,
};
