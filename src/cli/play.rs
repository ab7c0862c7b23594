//! `rapport play`: plays a scenario in the terminal; reads inputs line by line, so it can be scripted through a pipe.

use crate::dialogue::{CRISIS_REMINDER, Input, Mode, Prompt, Session, TurnOutcome};
use crate::scoring::{Dimension, Perspective};
use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

/// Arguments of `rapport play`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The scenario file.
    pub file: PathBuf,
    /// Seed for line variants and option order (default: random).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Practice (coaching and feedback) or challenge (neither until the debrief; harder meters).
    #[arg(long, default_value = "practice")]
    pub mode: Mode,
    /// After each reply, print its codes and the route that fired.
    #[arg(long)]
    pub trace: bool,
    /// Show only the conversation, not the feedback after each reply.
    #[arg(long)]
    pub quiet: bool,
}

/// Runs `rapport play`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let s = Arc::new(super::load_or_report(&args.file)?);
    let seed = args.seed.unwrap_or_else(rand::random);
    let mut runner = Session::start_mode(s.clone(), seed, args.mode);
    let quiet = args.quiet || args.mode == Mode::Challenge;
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}\n{}\n", s.title, s.summary)?;
    if !s.content_notes.is_empty() {
        writeln!(out, "Content notes: {}\n", s.content_notes.join("; "))?;
    }
    writeln!(
        out,
        "(Type a number to pick an option, or your own reply where the line ends in ✎. `help` shows a hint; `quit` or `exit` leaves at any time.)\n"
    )?;
    loop {
        let view = runner.view();
        // After a crisis reply the resources were shown; the same prompt follows without the line again.
        if view.held != Some(TurnOutcome::Crisis) {
            writeln!(
                out,
                "{} ({}): {}",
                view.speaker,
                view.mood.label(),
                view.line
            )?;
        }
        if !view.meters.is_empty() && view.held.is_none() {
            let m: Vec<String> = view
                .meters
                .iter()
                .map(|m| format!("{} {}/{}", m.label, m.value, m.max))
                .collect();
            writeln!(out, "  [{}]", m.join(" · "))?;
        }
        let options = match &view.prompt {
            Prompt::Ending {
                kind,
                title,
                debrief,
            } => {
                writeln!(out, "\n— {title} ({} ending) —\n{debrief}", kind.label())?;
                // A trainee's session ends with the MITI figures the app's debrief shows.
                if s.perspective == Perspective::Therapist {
                    let m = runner.metrics();
                    write!(out, "{}", super::transcript::metrics_markdown(&m, "your"))?;
                }
                if let Some(help) = runner.crisis_help() {
                    writeln!(out, "\n{CRISIS_REMINDER}")?;
                    for t in help {
                        writeln!(out, "  • {}", t.text)?;
                    }
                }
                if let Some(m) = runner.session_means() {
                    writeln!(
                        out,
                        "\nSession scores: assertiveness {:.0}, active listening {:.0}, conflict resolution {:.0}",
                        m[0], m[1], m[2]
                    )?;
                }
                return Ok(ExitCode::SUCCESS);
            }
            Prompt::Options(opts) => {
                for o in opts {
                    writeln!(out, "  {}. {}", o.index + 1, o.text)?;
                }
                opts.len()
            }
            Prompt::FreeText { prompt } => {
                writeln!(out, "  ✎ {prompt}")?;
                0
            }
        };
        let outcome = loop {
            write!(out, "> ")?;
            out.flush()?;
            let Some(line) = lines.next() else {
                writeln!(out, "\n(left the conversation)")?;
                return Ok(ExitCode::SUCCESS);
            };
            let line = line?;
            let t = line.trim();
            if t.is_empty() {
                continue;
            }
            // "quit" or "exit", with or without a slash before or a full stop after ("/exit",
            // "Quit."), or a bare "leave", leaves; anything else is a reply ("Leave." may be one).
            let word = t.strip_prefix('/').unwrap_or(t);
            let word = word.strip_suffix('.').unwrap_or(word);
            if ["quit", "exit"]
                .iter()
                .any(|w| word.eq_ignore_ascii_case(w))
                || t.eq_ignore_ascii_case("leave")
            {
                writeln!(
                    out,
                    "(left the conversation — nothing you said is judged; come back any time)"
                )?;
                return Ok(ExitCode::SUCCESS);
            }
            // "help", "hint" or "what should I say?" is asked of the app, not the other person.
            if crate::dialogue::answer::asks_for_help(t) {
                match (&view.hint, options) {
                    (Some(hint), _) => writeln!(
                        out,
                        "  (Not sent to {}.) What this moment asks for: {hint}\n  One way in: {}\n  Type your reply in your own words, or 'quit' to leave.",
                        view.speaker,
                        view.way_in.unwrap_or_default()
                    )?,
                    (None, n) => writeln!(
                        out,
                        "  (Not sent to {}.) This turn is a choice: pick a number from 1 to {n}. Read each one as something you might say; there are no trick answers, and the feedback after it says what worked.",
                        view.speaker
                    )?,
                }
                continue;
            }
            // "2." and "2)" pick as "2" does (a thirty-second play test's "2." was refused).
            let input = match t.trim_end_matches(['.', ')']).parse::<usize>() {
                Ok(n) if options > 0 && (1..=options).contains(&n) => Input::Choose(n - 1),
                _ if options > 0 => {
                    writeln!(
                        out,
                        "  (This turn is a choice: pick a number from 1 to {options}. You type your own words where the line ends in ✎.)"
                    )?;
                    continue;
                }
                // A number alone where there are no options was meant as a pick, not said.
                Ok(_) => {
                    writeln!(
                        out,
                        "  (No options this turn: type your reply to {} in your own words.)",
                        view.speaker
                    )?;
                    continue;
                }
                _ => Input::Say(t.to_string()),
            };
            match runner.input(input) {
                Ok(o) => break o,
                Err(e) => writeln!(out, "  ({e})")?,
            }
        };
        let a = &outcome.turn.analysis;
        if args.trace {
            writeln!(
                out,
                "  · {}",
                crate::dialogue::plan::trace_line(&runner, &outcome.turn)
            )?;
        }
        if outcome.turn.outcome == TurnOutcome::Crisis {
            writeln!(out, "\n  This reply was not scored.")?;
            for t in &a.tips {
                writeln!(out, "  {}", t.text)?;
            }
            writeln!(out)?;
            continue;
        }
        if !quiet {
            if a.is_crisis() {
                writeln!(out, "\n  This reply was not scored.")?;
                for t in &a.tips {
                    writeln!(out, "  {}", t.text)?;
                }
            } else if let Some(why) = a.unanswerable {
                writeln!(out, "\n  You: {}", outcome.turn.reply)?;
                writeln!(out, "  Not scored: {}.", why.label())?;
                if let Some(t) = a.tips.first() {
                    writeln!(out, "  Try: {}", t.text)?;
                }
            } else {
                let codes: Vec<&str> = a.codes.iter().map(|&c| a.label_of(c)).collect();
                writeln!(out, "\n  You: {}", outcome.turn.reply)?;
                writeln!(out, "  [{}] style: {}", codes.join(", "), a.style.key())?;
                for d in Dimension::ALL {
                    writeln!(
                        out,
                        "  {:<20} {:>3}  {}",
                        d.label(),
                        a.scores.get(d),
                        a.explanation(d)
                    )?;
                }
                if let Some(t) = a.tips.first() {
                    writeln!(out, "  Try: {}", t.text)?;
                    if let Some(r) = &t.rewrite {
                        writeln!(out, "       e.g. \"{r}\"")?;
                    }
                }
            }
            writeln!(out)?;
        }
    }
}
