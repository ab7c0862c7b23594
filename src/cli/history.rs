//! `rapport history`: lists past sessions, one line each, newest first.

use crate::records::{SessionSummary, Store, iso8601};
use anyhow::Context;
use std::io::Write;
use std::process::ExitCode;

/// Arguments of `rapport history`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print where the records are kept and exit.
    #[arg(long)]
    pub path: bool,
}

/// Opens the records for reading from the command line; `None` when nothing was ever recorded
/// (the file is not created just to be listed).
pub(crate) fn open_existing() -> anyhow::Result<Option<Store>> {
    let path = Store::default_path().context(
        "no data folder for this user; set RAPPORT_DATA_DIR to the folder holding rapport.sqlite3",
    )?;
    if !path.exists() {
        return Ok(None);
    }
    let store =
        Store::open(&path).with_context(|| format!("cannot open records {}", path.display()))?;
    Ok(Some(store))
}

/// One session as one line: id, date, ending, replies, means, mood, scenario.
pub fn line(s: &SessionSummary) -> String {
    let iso = iso8601(s.started_at);
    let when = format!("{} {}", &iso[..10], &iso[11..16]);
    let ending = s.ending.map_or("unfinished", |e| e.label());
    let means = s.means.map_or_else(
        || "no scores".to_string(),
        |[a, l, c]| format!("A {a:>3.0} L {l:>3.0} C {c:>3.0}"),
    );
    let mood = match (s.mood_before, s.mood_after) {
        (None, None) => String::new(),
        (b, a) => format!(
            "  mood {}→{}",
            b.map_or("–".into(), |m| m.to_string()),
            a.map_or("–".into(), |m| m.to_string())
        ),
    };
    let plural = if s.replies == 1 { "reply" } else { "replies" };
    format!(
        "#{:<4} {when}  {ending:<10} {:>2} {plural:<7}  {means:<17}  {} ({}){mood}{}",
        s.id,
        s.replies,
        s.scenario_title,
        s.scenario_id,
        if s.scripted { "  [scripted]" } else { "" },
    )
}

/// Runs `rapport history`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if args.path {
        let path = Store::default_path().context("no data folder for this user")?;
        println!("{}", path.display());
        return Ok(ExitCode::SUCCESS);
    }
    let sessions = match open_existing()? {
        Some(store) => store.sessions()?,
        None => Vec::new(),
    };
    if sessions.is_empty() {
        eprintln!("No sessions recorded yet.");
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = std::io::stdout().lock();
    for s in &sessions {
        writeln!(out, "{}", line(s))?;
    }
    Ok(ExitCode::SUCCESS)
}
