//! Rapport: a trainer for difficult conversations — branching RON scenarios, every reply scored.
//!
//! The core (`scenario`, `dialogue`, `scoring`, `records`) builds and is tested without Bevy;
//! `app` (its window and screens behind feature `gui`; its launch options always) presents what the runner says
//! and sends input back; `cli` is the command line. The layers are kept by `tests/layering.rs`.

pub mod cli;
pub mod dialogue;
pub mod records;
pub mod scenario;
pub mod scoring;

pub mod app;

/// Folder of the bundled scenarios, as built.
pub const BUNDLED_SCENARIOS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios");
