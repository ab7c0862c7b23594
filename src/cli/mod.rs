//! The command line: one file per subcommand; errors are printed once, here at the edge.

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

pub mod data;
pub mod eval;
pub mod explore;
pub mod export;
pub mod graph;
pub mod history;
pub mod lint;
pub mod play;
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
    pub app: AppArgs,
}

/// Options for the desktop app (no subcommand).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct AppArgs {
    /// Extra folder of scenarios (may be given more than once).
    #[arg(long = "scenarios", value_name = "DIR")]
    pub scenarios: Vec<PathBuf>,
    /// Play a test plan's run through the real UI (for CI and authors).
    #[arg(long, value_name = "FILE.test.ron")]
    pub autoplay: Option<PathBuf>,
    /// Which run of the plan to play (the first by default).
    #[arg(long, requires = "autoplay")]
    pub run: Option<String>,
    /// Save a screenshot at the ending.
    #[arg(long, value_name = "OUT.png")]
    pub screenshot: Option<PathBuf>,
    /// Exit when the autoplayed run ends (status 1 if it did not reach the expected ending).
    #[arg(long)]
    pub exit: bool,
    /// Keep no records for this run (nothing written to the database).
    #[arg(long)]
    pub no_records: bool,
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
        None => run_app(cli.app),
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

#[cfg(feature = "gui")]
fn run_app(args: AppArgs) -> anyhow::Result<ExitCode> {
    crate::app::run(args)
}

#[cfg(not(feature = "gui"))]
fn run_app(_args: AppArgs) -> anyhow::Result<ExitCode> {
    eprintln!(
        "this rapport was built without the app (feature `gui`).\n\
         Build it with `cargo run --release` (the default features), or use a subcommand: `rapport --help`."
    );
    Ok(ExitCode::from(2))
}

/// The scenario folders to use when none are given: the bundled folder if present, else `./scenarios`.
pub fn default_scenario_paths(paths: &[PathBuf]) -> Vec<PathBuf> {
    if !paths.is_empty() {
        return paths.to_vec();
    }
    let bundled = PathBuf::from(crate::BUNDLED_SCENARIOS);
    if PathBuf::from("scenarios").is_dir() {
        vec![PathBuf::from("scenarios")]
    } else {
        vec![bundled]
    }
}

/// Loads a scenario for a subcommand, printing its diagnostics; an error when it does not load.
pub fn load_or_report(path: &std::path::Path) -> anyhow::Result<crate::scenario::Scenario> {
    let r = crate::scenario::load_file(path);
    for d in &r.diagnostics {
        eprintln!("{d}\n");
    }
    r.scenario.ok_or_else(|| {
        anyhow::anyhow!(
            "{} has errors; fix them first (`rapport lint`)",
            path.display()
        )
    })
}
