//! `rapport explore`: which endings are reachable, and the best and worst path per score dimension.

use crate::dialogue::explore::{Limits, PathSummary, explore};
use crate::scoring::Dimension;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

/// Arguments of `rapport explore`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The scenario file.
    pub file: PathBuf,
    /// Stop after this many complete paths.
    #[arg(long, default_value_t = 20_000)]
    pub max_paths: usize,
    /// Print every step of the best and worst paths.
    #[arg(long, short)]
    pub verbose: bool,
}

fn show(p: &PathSummary, d: usize, verbose: bool) -> String {
    let m = p.means.map_or("-".into(), |m| format!("{:.0}", m[d]));
    let mut s = format!(
        "{m:>3}  → {} ({}) in {} steps",
        p.ending_node,
        p.ending.label(),
        p.steps.len()
    );
    if verbose {
        for st in &p.steps {
            s.push_str(&format!("\n        {:<18} {}", st.node, st.choice));
        }
    }
    s
}

/// Runs `rapport explore`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let s = Arc::new(super::load_or_report(&args.file)?);
    let ex = explore(
        s.clone(),
        Limits {
            max_paths: args.max_paths,
            ..Limits::default()
        },
    );
    // The report is written at the end, in one piece, so a reader that goes away (`| grep -m1`)
    // stops it quietly instead of a panic in `println!`.
    let mut out = String::new();
    macro_rules! say {
        ($($t:tt)*) => {{
            use std::fmt::Write as _;
            let _ = writeln!(out, $($t)*);
        }};
    }
    say!(
        "{} — {} paths{}{}",
        s.title,
        ex.paths,
        if ex.truncated {
            " (search cut short by limits)"
        } else {
            ""
        },
        if ex.loops > 0 {
            format!(", {} loop(s) not followed round again", ex.loops)
        } else {
            String::new()
        }
    );
    say!("\nendings reached:");
    for (id, (kind, n)) in &ex.endings {
        say!("  {:<6} {id:<24} by {n} path(s)", kind.label());
    }
    for id in &ex.unreached_endings {
        say!("  NOT REACHED: {id}");
    }
    let free = s.free_text_count();
    if free > 0 {
        say!(
            "\nnon-answers: {} path(s) met a clarify line, {} ended by the walk-away{}; a crisis reply at any of the {free} free-text prompt(s) holds the prompt (no path)",
            ex.clarified,
            ex.walk_aways,
            if s.walk_away.is_none() {
                " (no walk_away set)"
            } else {
                ""
            }
        );
    }
    if ex.paragraphs.values().any(|v| !v.is_empty()) {
        say!("\ndebrief paragraphs (can show / surely show, of the paths to the ending):");
        for (id, reach) in &ex.paragraphs {
            let total = ex.endings.get(id).map_or(0, |e| e.1);
            for (k, p) in reach.iter().enumerate() {
                say!(
                    "  {id:<24} paragraph {:<2} {:>5} / {:<5} of {total}{}",
                    k + 1,
                    p.can,
                    p.sure,
                    if p.can == 0 {
                        "  not shown on any explored path (a loop is followed round once)"
                    } else {
                        ""
                    }
                );
            }
        }
    }
    if let Some(w) = &ex.weakest_good {
        let m = w.means.map_or("-".into(), |m| {
            format!("{:.0}", m.iter().sum::<f64>() / 3.0)
        });
        say!(
            "\nskill check: {} path(s) reach a good ending through a fallback; the weakest path to a good ending has mean {m} over its picked options:",
            ex.good_by_fallback
        );
        for st in &w.steps {
            say!("        {:<18} {}", st.node, st.choice);
        }
    }
    for c in &ex.claims {
        say!("warning: {} {}: {}", c.ending, c.place(), c.message);
    }
    say!("\nmean score of picked options, best and worst path:");
    for (i, d) in Dimension::ALL.iter().enumerate() {
        say!("  {}", d.label());
        if let Some(b) = &ex.best[i] {
            say!("    best  {}", show(b, i, args.verbose));
        }
        if let Some(w) = &ex.worst[i] {
            say!("    worst {}", show(w, i, args.verbose));
        }
    }
    let ok = ex.reaches(crate::scenario::EndingKind::Good);
    if !ok {
        say!("\nno path reaches a good ending");
    }
    let code = if ok && ex.unreached_endings.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    };
    use std::io::Write as _;
    Ok(super::output::quiet_on_broken_pipe(
        std::io::stdout().lock().write_all(out.as_bytes()),
        code,
    )?)
}
