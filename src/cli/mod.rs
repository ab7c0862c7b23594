//! The command line: one file per subcommand; errors are printed once, here at the edge.

use clap::{Parser, Subcommand};
use std::process::ExitCode;

pub use scenarios::{default_scenario_paths, load_or_report};

pub mod data;
pub mod eval;
pub mod eval_sessions;
pub mod explore;
pub mod export;
pub mod graph;
pub mod history;
pub mod lint;
mod output;
pub mod play;
mod scenarios;
pub mod score;
pub mod test;
pub mod train;
pub mod transcript;

/// Rapport: rehearse difficult conversations; every reply scored for assertiveness, active listening and conflict resolution.
#[derive(Debug, Parser)]
#[command(name = "rapport", version, about, long_about = None)]
pub struct Cli {
    /// What to do; with none, the app opens.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Options for the app.
    #[command(flatten)]
    pub app: crate::app::Options,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check scenario files and report every problem with file, line and column.
    Lint(lint::Args),
    /// Play a scenario in the terminal (numbers pick options; other text is a typed reply).
    Play(play::Args),
    /// Draw a scenario's graph as Graphviz dot or Mermaid.
    Graph(graph::Args),
    /// Enumerate paths: which endings are reachable, best and worst path per score.
    Explore(explore::Args),
    /// Run the test plans (`NAME.test.ron`) beside scenarios.
    Test(test::Args),
    /// Score one reply, or JSON Lines from standard input with --jsonl.
    Score(score::Args),
    /// Score a whole conversation written as `Speaker: text` lines.
    Transcript(transcript::Args),
    /// Check the scorer against labelled data sets.
    Eval(eval::Args),
    /// Train the scorer's learned layer on data/ (writes assets/scoring/model.bin).
    Train(train::Args),
    /// List past sessions, one line each.
    History(history::Args),
    /// Export sessions as Markdown, JSON or CSV.
    Export(export::Args),
}

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        None => crate::app::run(cli.app),
        Some(Command::Lint(a)) => lint::run(a),
        Some(Command::Play(a)) => play::run(a),
        Some(Command::Graph(a)) => graph::run(a),
        Some(Command::Explore(a)) => explore::run(a),
        Some(Command::Test(a)) => test::run(a),
        Some(Command::Score(a)) => score::run(a),
        Some(Command::Transcript(a)) => transcript::run(a),
        Some(Command::Eval(a)) => eval::run(a),
        Some(Command::Train(a)) => train::run(a),
        Some(Command::History(a)) => history::run(a),
        Some(Command::Export(a)) => export::run(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
