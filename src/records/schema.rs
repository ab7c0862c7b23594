//! The database schema: an ordered list of migrations, the file's version kept in `PRAGMA user_version`.
//!
//! Version *n* means migrations `1..=n` have been applied. A migration is never edited once
//! released; a change to the schema is a new entry at the end of [`MIGRATIONS`]. Each runs in
//! its own transaction together with the version bump, so a crash mid-migration leaves the
//! file at the previous version.

use super::RecordsError;
use rusqlite::{Connection, TransactionBehavior};

/// Version 1: sessions and their replies.
pub const V1: &str = "
CREATE TABLE session (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    scenario_id    TEXT    NOT NULL,
    scenario_title TEXT    NOT NULL,
    area           TEXT    NOT NULL,
    perspective    TEXT    NOT NULL,
    seed           INTEGER NOT NULL,
    started_at     INTEGER NOT NULL,
    finished_at    INTEGER,
    ending         TEXT,
    ending_node    TEXT,
    mood_before    INTEGER CHECK (mood_before BETWEEN 0 AND 10),
    mood_after     INTEGER CHECK (mood_after BETWEEN 0 AND 10),
    state_ron      TEXT
);
CREATE TABLE reply (
    id                  INTEGER PRIMARY KEY,
    session_id          INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
    seq                 INTEGER NOT NULL,
    saved_at            INTEGER NOT NULL,
    node                TEXT    NOT NULL,
    speaker             TEXT    NOT NULL,
    line                TEXT    NOT NULL,
    reply               TEXT    NOT NULL,
    kind                TEXT    NOT NULL CHECK (kind IN ('picked', 'typed')),
    option_index        INTEGER,
    codes               TEXT    NOT NULL,
    style               TEXT    NOT NULL,
    crisis              INTEGER NOT NULL,
    assertiveness       INTEGER NOT NULL,
    active_listening    INTEGER NOT NULL,
    conflict_resolution INTEGER NOT NULL,
    explanations        TEXT    NOT NULL,
    evidence            TEXT    NOT NULL,
    tips                TEXT    NOT NULL,
    meter_deltas        TEXT    NOT NULL,
    to_node             TEXT    NOT NULL,
    route               INTEGER,
    UNIQUE (session_id, seq)
);
";

/// Version 2: scripted (`--autoplay`) runs are marked; indexes for the history list and per-scenario bests.
pub const V2: &str = "
ALTER TABLE session ADD COLUMN scripted INTEGER NOT NULL DEFAULT 0;
CREATE INDEX session_by_start ON session(started_at);
CREATE INDEX session_by_scenario ON session(scenario_id);
";

/// Version 3: the session's mode (practice or challenge); what each reply did (moved on, or a
/// clarify / crisis reply that held the prompt, or the walk-away).
pub const V3: &str = "
ALTER TABLE session ADD COLUMN mode TEXT NOT NULL DEFAULT 'practice';
ALTER TABLE reply ADD COLUMN outcome TEXT NOT NULL DEFAULT 'moved';
";

/// Version 4: each reply's confidence per code (JSON) and its main listening behaviour.
pub const V4: &str = "
ALTER TABLE reply ADD COLUMN confidence TEXT NOT NULL DEFAULT '[]';
ALTER TABLE reply ADD COLUMN behaviour TEXT NOT NULL DEFAULT 'other';
";

/// Version 5: why a reply gave the other person nothing to answer (`key_mash`, `no_words`,
/// `parroted`; NULL for a reply), so it is left out of the means as a crisis reply is.
pub const V5: &str = "
ALTER TABLE reply ADD COLUMN unanswerable TEXT;
";

/// Version 6: whether a therapist's reply asked about suicide in so many words (a scenario's
/// `RiskQuestion` condition reads it over the session, so a resumed session must keep it).
pub const V6: &str = "
ALTER TABLE reply ADD COLUMN risk_question INTEGER NOT NULL DEFAULT 0;
";

/// Version 7: the line a reply was read against when it is not the line shown (after a clarify,
/// the line the clarify asked about; NULL otherwise), so a transcript says what the reply answered.
pub const V7: &str = "
ALTER TABLE reply ADD COLUMN asked TEXT;
";

/// Version 8: whether the conversation took no route for the reply's strengths (a thin reply:
/// `Analysis::uncounted`), so the session's figures read from the records leave them out as the
/// debrief did.
pub const V8: &str = "
ALTER TABLE reply ADD COLUMN uncounted INTEGER NOT NULL DEFAULT 0;
";

/// Every migration, in order; entry *i* takes the file from version *i* to *i + 1*.
pub const MIGRATIONS: &[&str] = &[V1, V2, V3, V4, V5, V6, V7, V8];

/// The schema version this build writes.
pub const VERSION: u32 = MIGRATIONS.len() as u32;

/// The file's schema version (`PRAGMA user_version`; 0 for a new file).
pub fn version(conn: &Connection) -> Result<u32, RecordsError> {
    let v: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    u32::try_from(v).map_err(|_| RecordsError::Corrupt(format!("schema version {v}")))
}

/// Brings the file up to [`VERSION`]; refuses a file from a newer Rapport without touching it.
pub fn migrate(conn: &mut Connection) -> Result<(), RecordsError> {
    // Fast path without the write lock: a file already current (the usual case) is only read.
    if version(conn)? == VERSION {
        return Ok(());
    }
    loop {
        // Immediate: take the write lock before reading the version, so two processes opening
        // the same file at once cannot both apply the same step.
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let v = version(&tx)?;
        if v > VERSION {
            return Err(RecordsError::TooNew {
                found: v,
                supported: VERSION,
            });
        }
        if v == VERSION {
            return Ok(());
        }
        tx.execute_batch(MIGRATIONS[v as usize])?;
        tx.pragma_update(None, "user_version", v + 1)?;
        tx.commit()?;
    }
}
