//! Records: every session kept in SQLite on the user's machine — replies saved as they happen, resumable, exportable, deletable.
//!
//! [`Store`] is the whole interface: one SQLite connection in WAL mode, one transaction per
//! reply ([`Store::save_reply`] writes the reply and the runner's saved state together, so a
//! crash never leaves them out of step), a schema versioned with `PRAGMA user_version`
//! ([`schema`]), and queries for the history screen. [`export`] turns records into Markdown,
//! JSON or CSV. Nothing here knows about Bevy.
//!
//! Where the file lives ([`Store::default_path`]): `rapport.sqlite3` in the platform's data
//! folder — `~/.local/share/rapport/` on Linux (`$XDG_DATA_HOME/rapport/` when set),
//! `~/Library/Application Support/org.Rapport.Rapport/` on macOS,
//! `%APPDATA%\Rapport\Rapport\data\` on Windows — or in `$RAPPORT_DATA_DIR` when that is set.

mod codec;
pub mod export;
pub mod schema;
mod store;
mod time;

pub use store::Store;
pub use time::{iso8601, now};

use crate::dialogue::Turn;
use crate::scenario::{Area, EndingKind};
use crate::scoring::Perspective;
use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;

/// Name of the database file inside the data folder.
pub const FILE_NAME: &str = "rapport.sqlite3";

/// Environment variable naming a folder to keep the database in instead of the platform's data folder.
pub const DATA_DIR_ENV: &str = "RAPPORT_DATA_DIR";

/// Rapport's folder for the user's own files (records, settings, exports, their scenarios):
/// `$RAPPORT_DATA_DIR` when set, else the platform's data folder; `None` without a home folder.
pub fn data_dir() -> Option<std::path::PathBuf> {
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(std::path::PathBuf::from(dir));
    }
    directories::ProjectDirs::from("org", "Rapport", "Rapport").map(|p| p.data_dir().to_path_buf())
}

/// Everything that can go wrong with the records.
#[derive(Debug, thiserror::Error)]
pub enum RecordsError {
    /// SQLite reported an error.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The database file or its folder could not be created or opened.
    #[error("cannot prepare {}: {source}", path.display())]
    Io {
        /// The file or folder concerned.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The platform has no data folder for this user (no home directory) and `RAPPORT_DATA_DIR` is not set.
    #[error("no data folder for this user; set {DATA_DIR_ENV} to choose one")]
    NoDataDir,
    /// No session with this id.
    #[error("no session {0}")]
    NotFound(SessionId),
    /// A reply was saved to a session that has already ended.
    #[error("session {0} has already finished")]
    Finished(SessionId),
    /// A mood rating outside 0–10.
    #[error("mood rating {0} is outside 0–10")]
    InvalidMood(u8),
    /// The database was written by a newer Rapport with a schema this one does not know.
    #[error(
        "the database has schema version {found}, newer than this Rapport understands ({supported}); update Rapport"
    )]
    TooNew {
        /// Version found in the file.
        found: u32,
        /// Newest version this build knows.
        supported: u32,
    },
    /// A stored value could not be read back.
    #[error("stored record cannot be read: {0}")]
    Corrupt(String),
}

/// Identifies one recorded session; shown to users as a plain number.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(transparent)]
pub struct SessionId(pub i64);

impl fmt::Display for SessionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `pad` so widths and alignment (`{:<5}`) apply.
        f.pad(&self.0.to_string())
    }
}

/// Why a text is not a session id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a session id (expected a number such as 12)")]
pub struct ParseSessionIdError(pub String);

impl FromStr for SessionId {
    type Err = ParseSessionIdError;

    /// Reads `12` (a leading `#`, as `rapport history` shows ids, is accepted too).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let t = t.strip_prefix('#').unwrap_or(t);
        t.parse::<i64>()
            .ok()
            .filter(|n| *n > 0)
            .map(SessionId)
            .ok_or_else(|| ParseSessionIdError(s.to_string()))
    }
}

/// One session as the history list shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionSummary {
    /// The session.
    pub id: SessionId,
    /// Scenario id (stable across edits of the scenario).
    pub scenario_id: String,
    /// Scenario title when the session started.
    pub scenario_title: String,
    /// IPT problem area of the scenario.
    pub area: Area,
    /// Who the user spoke as (the therapist perspective gets MITI figures).
    pub perspective: Perspective,
    /// Seed the runner was started with.
    pub seed: u64,
    /// Start time, UTC seconds since the Unix epoch (see [`iso8601`]).
    pub started_at: i64,
    /// When the session reached its ending; `None` while unfinished.
    pub finished_at: Option<i64>,
    /// How it ended; `None` while unfinished.
    pub ending: Option<EndingKind>,
    /// Id of the ending node reached; `None` while unfinished.
    pub ending_node: Option<String>,
    /// Number of replies saved.
    pub replies: usize,
    /// Mean score per dimension in [`crate::scoring::Dimension::ALL`] order, crisis replies and
    /// replies that gave nothing to answer excluded (as [`crate::dialogue::session_means`]); `None`
    /// without a scored reply.
    pub means: Option<[f64; 3]>,
    /// Mood thermometer (0–10) before the session, if given.
    pub mood_before: Option<u8>,
    /// Mood thermometer (0–10) after the session, if given.
    pub mood_after: Option<u8>,
    /// True for scripted runs (`--autoplay`), which are recorded like any other but not the user's own replies.
    pub scripted: bool,
    /// Practice or Challenge (sessions before schema 3: practice).
    pub mode: crate::dialogue::Mode,
}

impl SessionSummary {
    /// Whether the session reached an ending.
    pub fn is_finished(&self) -> bool {
        self.finished_at.is_some()
    }
}

/// A whole session: its summary and every exchange in order.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionRecord {
    /// The summary.
    pub summary: SessionSummary,
    /// The exchanges, in the order they happened, exactly as the runner produced them.
    pub turns: Vec<Turn>,
}
