//! `rapport export`: one session or all of them as Markdown, JSON or CSV, to standard output or a file.

use crate::records::{SessionId, export};
use anyhow::Context;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A Markdown transcript with feedback, for reading or a supervisor.
    Md,
    /// JSON with every code, score, evidence span and tip.
    Json,
    /// CSV, one row per reply, for spreadsheets.
    Csv,
}

/// Arguments of `rapport export`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The session to export (its number in `rapport history`); all sessions when omitted.
    #[arg(long, value_name = "ID")]
    pub session: Option<SessionId>,
    /// Output format.
    #[arg(long, value_enum)]
    pub format: Format,
    /// Write to this file (created readable by you only) instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// Runs `rapport export`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let store = super::history::open_existing()?;
    let records = match (&store, args.session) {
        (Some(store), Some(id)) => vec![store.session(id)?],
        (Some(store), None) => store.records()?,
        (None, Some(id)) => anyhow::bail!("no session {id}: nothing has been recorded yet"),
        (None, None) => Vec::new(),
    };
    let text = match (args.format, args.session) {
        (Format::Md, _) => export::markdown_all(&records),
        (Format::Json, Some(_)) => pretty(&export::json(&records[0])),
        (Format::Json, None) => pretty(&export::json_all(&records)),
        (Format::Csv, _) => export::csv_all(&records),
    };
    match &args.out {
        Some(path) => {
            write_private(path, text.as_bytes())
                .with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!(
                "Exported {} session(s) to {}.",
                records.len(),
                path.display()
            );
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn pretty(v: &serde_json::Value) -> String {
    let mut s = serde_json::to_string_pretty(v).expect("JSON values always serialise");
    s.push('\n');
    s
}

/// Writes the file, created with mode 0600 on unix: transcripts are as private as the records.
fn write_private(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    let mut f = o.open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}
