//! The scenario model: the RON format, its two-stage loader, diagnostics and graphs.

pub mod diagnostic;
pub mod graph;
pub mod load;
pub mod locate;
pub mod model;
pub mod raw;
pub mod validate_play;

pub use diagnostic::{Diagnostic, Severity};
pub use load::{LoadResult, discover, load_file, load_str};
pub use model::{Node, Scenario};
pub use raw::{
    Area, Character, Choice, Condition, Effect, EndingKind, Input, Meter, Mode, Mood, Next,
    OptionRef, Order, Paragraph, Portrait, Route, Test, Then, Value, Variant, WalkAway,
};
