//! [`Store`]: the one SQLite connection that keeps the records, and every read and write of them.

use super::codec::*;
use super::{FILE_NAME, RecordsError, SessionId, SessionRecord, SessionSummary, schema, time::now};
use crate::dialogue::{Mode, Turn, TurnOutcome};
use crate::scenario::{EndingKind, Scenario};
use crate::scoring::unanswerable::Unanswerable;
use crate::scoring::{Analysis, Scores};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

/// The records database: one SQLite connection (WAL, foreign keys on, `synchronous=FULL`).
///
/// Writes take `&mut self` and each is one transaction. The connection sits behind a mutex
/// only so that a `Store` is `Send + Sync` (a Bevy resource); reads lock it briefly, writes
/// need no lock at all.
#[derive(Debug)]
pub struct Store {
    conn: Mutex<Connection>,
    path: Option<PathBuf>,
}

/// The columns of a session summary, as [`SUMMARY_SELECT`] returns them.
struct RawSummary {
    id: i64,
    scenario_id: String,
    scenario_title: String,
    area: String,
    perspective: String,
    seed: i64,
    started_at: i64,
    finished_at: Option<i64>,
    ending: Option<String>,
    ending_node: Option<String>,
    mood_before: Option<i64>,
    mood_after: Option<i64>,
    scripted: bool,
    mode: String,
    replies: i64,
    means: [Option<f64>; 3],
}

/// Summaries with their reply counts and means; `{where}` / `{having}` are filled per query.
const SUMMARY_SELECT: &str = "
SELECT s.id, s.scenario_id, s.scenario_title, s.area, s.perspective, s.seed, s.started_at,
       s.finished_at, s.ending, s.ending_node, s.mood_before, s.mood_after, s.scripted,
       COUNT(r.id),
       AVG(CASE WHEN r.crisis = 0 AND r.unanswerable IS NULL THEN r.assertiveness END),
       AVG(CASE WHEN r.crisis = 0 AND r.unanswerable IS NULL THEN r.active_listening END),
       AVG(CASE WHEN r.crisis = 0 AND r.unanswerable IS NULL THEN r.conflict_resolution END),
       s.mode
FROM session s LEFT JOIN reply r ON r.session_id = s.id
{where}
GROUP BY s.id
{having}
ORDER BY s.started_at {order}, s.id {order}";

const TURN_SELECT: &str = "
SELECT node, speaker, line, reply, kind, option_index, codes, style,
       assertiveness, active_listening, conflict_resolution,
       explanations, evidence, tips, meter_deltas, to_node, route, outcome, confidence, behaviour,
       unanswerable, risk_question, asked, uncounted
FROM reply WHERE session_id = ?1 ORDER BY seq";

fn summary_sql(where_: &str, having: &str, newest_first: bool) -> String {
    SUMMARY_SELECT
        .replace("{where}", where_)
        .replace("{having}", having)
        .replace("{order}", if newest_first { "DESC" } else { "ASC" })
}

fn read_summary(r: &rusqlite::Row<'_>) -> rusqlite::Result<RawSummary> {
    Ok(RawSummary {
        id: r.get(0)?,
        scenario_id: r.get(1)?,
        scenario_title: r.get(2)?,
        area: r.get(3)?,
        perspective: r.get(4)?,
        seed: r.get(5)?,
        started_at: r.get(6)?,
        finished_at: r.get(7)?,
        ending: r.get(8)?,
        ending_node: r.get(9)?,
        mood_before: r.get(10)?,
        mood_after: r.get(11)?,
        scripted: r.get(12)?,
        replies: r.get(13)?,
        means: [r.get(14)?, r.get(15)?, r.get(16)?],
        mode: r.get(17)?,
    })
}

fn mood_from_sql(v: Option<i64>) -> Result<Option<u8>, RecordsError> {
    v.map(|m| {
        u8::try_from(m)
            .ok()
            .filter(|m| *m <= 10)
            .ok_or_else(|| RecordsError::Corrupt(format!("mood {m}")))
    })
    .transpose()
}

impl RawSummary {
    fn into_summary(self) -> Result<SessionSummary, RecordsError> {
        let means = match self.means {
            [Some(a), Some(b), Some(c)] => Some([a, b, c]),
            _ => None,
        };
        Ok(SessionSummary {
            id: SessionId(self.id),
            scenario_id: self.scenario_id,
            scenario_title: self.scenario_title,
            area: area_from_sql(&self.area)?,
            perspective: perspective_from_sql(&self.perspective)?,
            seed: self.seed as u64,
            started_at: self.started_at,
            finished_at: self.finished_at,
            ending: self.ending.as_deref().map(ending_from_sql).transpose()?,
            ending_node: self.ending_node,
            replies: usize::try_from(self.replies).unwrap_or(0),
            means,
            mood_before: mood_from_sql(self.mood_before)?,
            mood_after: mood_from_sql(self.mood_after)?,
            scripted: self.scripted,
            mode: Mode::parse(&self.mode).unwrap_or_default(),
        })
    }
}

/// The text columns of a reply row, as [`TURN_SELECT`] returns them.
struct RawTurn {
    node: String,
    speaker: String,
    line: String,
    reply: String,
    kind: String,
    option_index: Option<i64>,
    codes: String,
    style: String,
    scores: [i64; 3],
    explanations: String,
    evidence: String,
    tips: String,
    meter_deltas: String,
    to: String,
    route: Option<i64>,
    outcome: String,
    confidence: String,
    behaviour: String,
    unanswerable: Option<String>,
    risk_question: bool,
    asked: Option<String>,
    uncounted: bool,
}

fn read_turn(r: &rusqlite::Row<'_>) -> rusqlite::Result<RawTurn> {
    Ok(RawTurn {
        node: r.get(0)?,
        speaker: r.get(1)?,
        line: r.get(2)?,
        reply: r.get(3)?,
        kind: r.get(4)?,
        option_index: r.get(5)?,
        codes: r.get(6)?,
        style: r.get(7)?,
        scores: [r.get(8)?, r.get(9)?, r.get(10)?],
        explanations: r.get(11)?,
        evidence: r.get(12)?,
        tips: r.get(13)?,
        meter_deltas: r.get(14)?,
        to: r.get(15)?,
        route: r.get(16)?,
        outcome: r.get(17)?,
        confidence: r.get(18)?,
        behaviour: r.get(19)?,
        unanswerable: r.get(20)?,
        risk_question: r.get(21)?,
        asked: r.get(22)?,
        uncounted: r.get(23)?,
    })
}

fn score(v: i64) -> Result<u8, RecordsError> {
    u8::try_from(v).map_err(|_| RecordsError::Corrupt(format!("score {v}")))
}

impl RawTurn {
    fn into_turn(self) -> Result<Turn, RecordsError> {
        let [a, l, c] = self.scores;
        Ok(Turn {
            node: self.node,
            speaker: self.speaker,
            line: self.line,
            asked: self.asked,
            reply: self.reply,
            kind: kind_from_sql(&self.kind, self.option_index)?,
            analysis: Analysis {
                codes: codes_from_sql(&self.codes)?,
                style: style_from_sql(&self.style),
                scores: Scores {
                    assertiveness: score(a)?,
                    active_listening: score(l)?,
                    conflict_resolution: score(c)?,
                },
                explanations: explanations_from_sql(&self.explanations)?,
                evidence: evidence_from_sql(&self.evidence)?,
                tips: tips_from_sql(&self.tips)?,
                confidence: confidence_from_sql(&self.confidence)?,
                behaviour: crate::scoring::Behaviour::from_key(&self.behaviour).unwrap_or_default(),
                unanswerable: self
                    .unanswerable
                    .map(|k| {
                        Unanswerable::from_key(&k)
                            .ok_or_else(|| RecordsError::Corrupt(format!("unanswerable {k}")))
                    })
                    .transpose()?,
                risk_question: self.risk_question,
                uncounted: self.uncounted,
            },
            to: self.to,
            route: self
                .route
                .map(|r| {
                    usize::try_from(r).map_err(|_| RecordsError::Corrupt(format!("route {r}")))
                })
                .transpose()?,
            meter_deltas: deltas_from_sql(&self.meter_deltas)?,
            outcome: TurnOutcome::parse(&self.outcome).unwrap_or_default(),
        })
    }
}

fn check_mood(mood: u8) -> Result<(), RecordsError> {
    if mood <= 10 {
        Ok(())
    } else {
        Err(RecordsError::InvalidMood(mood))
    }
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> RecordsError + '_ {
    move |source| RecordsError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Creates the folder (user-only on unix) and the file with mode 0600, before SQLite opens it,
/// so the records are never readable by others, not even for a moment. An existing file
/// readable by others is tightened to 0600.
fn prepare_file(path: &Path) -> Result<(), RecordsError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.is_dir()
    {
        let mut b = std::fs::DirBuilder::new();
        b.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
        b.create(dir).map_err(io_err(dir))?;
    }
    let mut o = std::fs::OpenOptions::new();
    o.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    let file = o.open(path).map_err(io_err(path))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta = file.metadata().map_err(io_err(path))?;
        if meta.permissions().mode() & 0o077 != 0 {
            file.set_permissions(std::fs::Permissions::from_mode(0o600))
                .map_err(io_err(path))?;
        }
    }
    drop(file);
    Ok(())
}

fn configure(conn: &mut Connection) -> Result<(), RecordsError> {
    // Another Rapport (the app while `rapport export` runs) may hold the write lock briefly.
    conn.busy_timeout(Duration::from_secs(5))?;
    conn.pragma_update(None, "foreign_keys", true)?;
    // WAL: a commit is one append to the log, readers never block the writer, and a killed
    // process leaves nothing half-written (the log is replayed or ignored on the next open).
    let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    // FULL: each reply's commit is synced to disk, so it survives a power cut too, not only a crash.
    conn.pragma_update(None, "synchronous", "FULL")?;
    // Deleted sessions are overwritten, not merely unlinked in the file.
    conn.pragma_update(None, "secure_delete", true)?;
    schema::migrate(conn)
}

impl Store {
    /// Where the records live: `$RAPPORT_DATA_DIR/rapport.sqlite3` when that variable is set,
    /// else `rapport.sqlite3` in the platform's data folder (see the [module docs](super));
    /// `None` when the platform has no data folder for this user.
    pub fn default_path() -> Option<PathBuf> {
        super::data_dir().map(|d| d.join(FILE_NAME))
    }

    /// Opens (creating if need be) the database at [`Store::default_path`].
    pub fn open_default() -> Result<Store, RecordsError> {
        let path = Self::default_path().ok_or(RecordsError::NoDataDir)?;
        Self::open(&path)
    }

    /// Opens the database at `path`, creating its folders (0700 on unix) and the file (0600 on
    /// unix, before SQLite writes to it), then brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store, RecordsError> {
        prepare_file(path)?;
        let mut conn = Connection::open(path)?;
        configure(&mut conn)?;
        Ok(Store {
            conn: Mutex::new(conn),
            path: Some(path.to_path_buf()),
        })
    }

    /// A database in memory, gone when dropped (tests, `--no-records`-like runs that still want the API).
    pub fn open_in_memory() -> Result<Store, RecordsError> {
        let mut conn = Connection::open_in_memory()?;
        configure(&mut conn)?;
        Ok(Store {
            conn: Mutex::new(conn),
            path: None,
        })
    }

    /// The file this store keeps the records in; `None` in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The file's schema version (always [`schema::VERSION`] once opened).
    pub fn schema_version(&self) -> Result<u32, RecordsError> {
        schema::version(&self.lock())
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn conn_mut(&mut self) -> &mut Connection {
        self.conn.get_mut().unwrap_or_else(PoisonError::into_inner)
    }

    /// Records the start of a session of `scenario`; `scripted` marks `--autoplay` runs.
    pub fn start_session(
        &mut self,
        scenario: &Scenario,
        seed: u64,
        scripted: bool,
        mood_before: Option<u8>,
    ) -> Result<SessionId, RecordsError> {
        if let Some(m) = mood_before {
            check_mood(m)?;
        }
        let conn = self.conn_mut();
        conn.prepare_cached(
            "INSERT INTO session (scenario_id, scenario_title, area, perspective, seed, started_at, mood_before, scripted)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(params![
            scenario.id,
            scenario.title,
            area_to_sql(scenario.area),
            perspective_to_sql(scenario.perspective),
            seed as i64,
            now(),
            mood_before,
            scripted,
        ])?;
        Ok(SessionId(conn.last_insert_rowid()))
    }

    /// Records the mode a session is played in (sessions start as practice).
    pub fn set_mode(&mut self, session: SessionId, mode: Mode) -> Result<(), RecordsError> {
        let n = self.conn_mut().execute(
            "UPDATE session SET mode = ?2 WHERE id = ?1",
            params![session.0, mode.label()],
        )?;
        if n == 1 {
            Ok(())
        } else {
            Err(RecordsError::NotFound(session))
        }
    }

    /// Saves one reply and the runner's state after it ([`crate::dialogue::Runner::save`]) in
    /// one transaction: once this returns, both are on disk, and neither is ever saved without the other.
    pub fn save_reply(
        &mut self,
        session: SessionId,
        turn: &Turn,
        state_ron: &str,
    ) -> Result<(), RecordsError> {
        let tx = self
            .conn_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let finished: Option<Option<i64>> = tx
            .prepare_cached("SELECT finished_at FROM session WHERE id = ?1")?
            .query_row([session.0], |r| r.get(0))
            .optional()?;
        match finished {
            None => return Err(RecordsError::NotFound(session)),
            Some(Some(_)) => return Err(RecordsError::Finished(session)),
            Some(None) => {}
        }
        let a = &turn.analysis;
        let (kind, option) = kind_to_sql(&turn.kind);
        tx.prepare_cached(
            "INSERT INTO reply (session_id, seq, saved_at, node, speaker, line, reply, kind, option_index,
                 codes, style, crisis, assertiveness, active_listening, conflict_resolution,
                 explanations, evidence, tips, meter_deltas, to_node, route, outcome, confidence, behaviour,
                 unanswerable, risk_question, asked, uncounted)
             VALUES (?1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM reply WHERE session_id = ?1),
                 ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21,
                 ?22, ?23, ?24, ?25, ?26, ?27)",
        )?
        .execute(params![
            session.0,
            now(),
            turn.node,
            turn.speaker,
            turn.line,
            turn.reply,
            kind,
            option,
            to_json(&a.codes),
            style_to_sql(a.style),
            a.is_crisis(),
            a.scores.assertiveness,
            a.scores.active_listening,
            a.scores.conflict_resolution,
            to_json(&a.explanations),
            to_json(&a.evidence),
            to_json(&a.tips),
            to_json(&turn.meter_deltas),
            turn.to,
            turn.route.map(|r| r as i64),
            turn.outcome.label(),
            to_json(&a.confidence),
            a.behaviour.key(),
            a.unanswerable.map(|u| u.key()),
            a.risk_question,
            turn.asked,
            a.uncounted,
        ])?;
        tx.prepare_cached("UPDATE session SET state_ron = ?2 WHERE id = ?1")?
            .execute(params![session.0, state_ron])?;
        tx.commit()?;
        Ok(())
    }

    /// Marks the session as ended at `ending_node` with this kind of ending.
    /// An error if it does not exist or has already finished.
    pub fn finish_session(
        &mut self,
        session: SessionId,
        ending: EndingKind,
        ending_node: &str,
    ) -> Result<(), RecordsError> {
        let n = self.conn_mut().execute(
            "UPDATE session SET finished_at = ?2, ending = ?3, ending_node = ?4
             WHERE id = ?1 AND finished_at IS NULL",
            params![session.0, now(), ending_to_sql(ending), ending_node],
        )?;
        if n == 1 {
            return Ok(());
        }
        let exists: bool = self.conn_mut().query_row(
            "SELECT EXISTS (SELECT 1 FROM session WHERE id = ?1)",
            [session.0],
            |r| r.get(0),
        )?;
        Err(if exists {
            RecordsError::Finished(session)
        } else {
            RecordsError::NotFound(session)
        })
    }

    fn set_mood(&mut self, session: SessionId, column: &str, mood: u8) -> Result<(), RecordsError> {
        check_mood(mood)?;
        let n = self.conn_mut().execute(
            &format!("UPDATE session SET {column} = ?2 WHERE id = ?1"),
            params![session.0, mood],
        )?;
        if n == 0 {
            return Err(RecordsError::NotFound(session));
        }
        Ok(())
    }

    /// Sets (or changes) the mood thermometer reading, 0–10, taken before the session.
    pub fn set_mood_before(&mut self, session: SessionId, mood: u8) -> Result<(), RecordsError> {
        self.set_mood(session, "mood_before", mood)
    }

    /// Sets (or changes) the mood thermometer reading, 0–10, taken after the session.
    pub fn set_mood_after(&mut self, session: SessionId, mood: u8) -> Result<(), RecordsError> {
        self.set_mood(session, "mood_after", mood)
    }

    fn summaries(
        &self,
        where_: &str,
        having: &str,
        newest_first: bool,
        args: &[&dyn rusqlite::ToSql],
    ) -> Result<Vec<SessionSummary>, RecordsError> {
        let conn = self.lock();
        let mut st = conn.prepare_cached(&summary_sql(where_, having, newest_first))?;
        let raw = st
            .query_map(args, read_summary)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        raw.into_iter().map(RawSummary::into_summary).collect()
    }

    /// Every session, newest first.
    pub fn sessions(&self) -> Result<Vec<SessionSummary>, RecordsError> {
        self.summaries("", "", true, &[])
    }

    /// Sessions that can be resumed: not finished, with at least one reply saved, and not
    /// scripted (an interrupted `--autoplay` run is not the user's to resume); newest first.
    pub fn unfinished(&self) -> Result<Vec<SessionSummary>, RecordsError> {
        self.summaries(
            "WHERE s.finished_at IS NULL AND s.scripted = 0",
            "HAVING COUNT(r.id) > 0",
            true,
            &[],
        )
    }

    fn turns(&self, id: SessionId) -> Result<Vec<Turn>, RecordsError> {
        let conn = self.lock();
        let mut st = conn.prepare_cached(TURN_SELECT)?;
        let raw = st
            .query_map([id.0], read_turn)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        raw.into_iter().map(RawTurn::into_turn).collect()
    }

    /// One session's summary.
    pub fn summary(&self, id: SessionId) -> Result<SessionSummary, RecordsError> {
        self.summaries("WHERE s.id = ?1", "", true, &[&id.0])?
            .into_iter()
            .next()
            .ok_or(RecordsError::NotFound(id))
    }

    /// One session with all its exchanges in order.
    pub fn session(&self, id: SessionId) -> Result<SessionRecord, RecordsError> {
        Ok(SessionRecord {
            summary: self.summary(id)?,
            turns: self.turns(id)?,
        })
    }

    /// Every session with all its exchanges, oldest first (for exports).
    pub fn records(&self) -> Result<Vec<SessionRecord>, RecordsError> {
        self.summaries("", "", false, &[])?
            .into_iter()
            .map(|summary| {
                let turns = self.turns(summary.id)?;
                Ok(SessionRecord { summary, turns })
            })
            .collect()
    }

    /// The runner state saved with the session's last reply (RON for
    /// `dialogue::Session::restore`); `None` before the first reply.
    pub fn resume_state(&self, id: SessionId) -> Result<Option<String>, RecordsError> {
        self.lock()
            .query_row("SELECT state_ron FROM session WHERE id = ?1", [id.0], |r| {
                r.get::<_, Option<String>>(0)
            })
            .optional()?
            .ok_or(RecordsError::NotFound(id))
    }

    /// Best session mean per dimension for each scenario, over finished, unscripted sessions
    /// with at least one scored reply: `(scenario id, latest title, [assertiveness, active
    /// listening, conflict resolution])`, by scenario id. Each dimension's best may come from a different session.
    pub fn best_per_scenario(&self) -> Result<Vec<(String, String, [f64; 3])>, RecordsError> {
        let mut best: BTreeMap<String, (String, [f64; 3])> = BTreeMap::new();
        // Newest first: the first title met is the latest.
        for s in self.sessions()? {
            let Some(m) = s.means.filter(|_| s.is_finished() && !s.scripted) else {
                continue;
            };
            let e = best
                .entry(s.scenario_id)
                .or_insert((s.scenario_title, [f64::MIN; 3]));
            for (b, v) in e.1.iter_mut().zip(m) {
                *b = b.max(v);
            }
        }
        Ok(best
            .into_iter()
            .map(|(id, (title, m))| (id, title, m))
            .collect())
    }

    /// Deletes one session and its replies (overwritten in the file, and the log checkpointed).
    pub fn delete_session(&mut self, id: SessionId) -> Result<(), RecordsError> {
        let n = self
            .conn_mut()
            .execute("DELETE FROM session WHERE id = ?1", [id.0])?;
        if n == 0 {
            return Err(RecordsError::NotFound(id));
        }
        self.checkpoint()
    }

    /// Deletes every session and reply (overwritten in the file, and the log checkpointed).
    pub fn delete_all(&mut self) -> Result<(), RecordsError> {
        let tx = self
            .conn_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute("DELETE FROM reply", [])?;
        tx.execute("DELETE FROM session", [])?;
        tx.commit()?;
        self.checkpoint()
    }

    /// Copies the log into the main file and empties it, so deleted text does not linger in
    /// `rapport.sqlite3-wal`. Best effort: a reader elsewhere may keep part of the log for now.
    fn checkpoint(&mut self) -> Result<(), RecordsError> {
        self.conn_mut()
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }
}
