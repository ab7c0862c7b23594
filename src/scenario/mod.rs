//! The scenario model: the RON format, its two-stage loader, diagnostics and graphs.

pub mod codes;
pub mod colour;
pub mod diagnostic;
pub mod files;
pub mod graph;
pub mod load;
pub mod locate;
pub mod logic;
pub mod model;
pub mod parse_error;
pub mod plan_lint;
pub mod raw;
pub mod validate;
pub mod validate_play;

pub use codes::DiagCode;
pub use diagnostic::{Diagnostic, Severity};
pub use load::{LoadResult, discover, load_bytes, load_file, load_str};
pub use model::{Node, Scenario};
pub use raw::{
    Area, Character, Choice, Condition, Effect, EndingKind, Input, Meter, Mode, Mood, Next,
    OptionRef, Order, Paragraph, Portrait, Route, Test, Then, Value, Variant, WalkAway,
};
