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

impl From<Format> for export::Format {
    fn from(f: Format) -> Self {
        match f {
            Format::Md => export::Format::Markdown,
            Format::Json => export::Format::Json,
            Format::Csv => export::Format::Csv,
        }
    }
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
    let what = match args.session {
        Some(_) => export::Sessions::One(&records[0]),
        None => export::Sessions::All(&records),
    };
    let format = args.format.into();
    match &args.out {
        Some(path) => {
            export::write(path, what, format)
                .with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!("Exported {} session(s) to {}.", what.len(), path.display());
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(export::render(what, format).as_bytes())?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
