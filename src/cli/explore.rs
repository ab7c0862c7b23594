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
    println!(
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
    println!("\nendings reached:");
    for (id, (kind, n)) in &ex.endings {
        println!("  {:<6} {id:<24} by {n} path(s)", kind.label());
    }
    for id in &ex.unreached_endings {
        println!("  NOT REACHED: {id}");
    }
    let free = s.free_text_count();
    if free > 0 {
        println!(
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
        println!("\ndebrief paragraphs (can show / surely show, of the paths to the ending):");
        for (id, reach) in &ex.paragraphs {
            let total = ex.endings.get(id).map_or(0, |e| e.1);
            for (k, p) in reach.iter().enumerate() {
                println!(
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
        println!(
            "\nskill check: {} path(s) reach a good ending through a fallback; the weakest path to a good ending has mean {m} over its picked options:",
            ex.good_by_fallback
        );
        for st in &w.steps {
            println!("        {:<18} {}", st.node, st.choice);
        }
    }
    for c in &ex.claims {
        println!("warning: {} {}: {}", c.ending, c.place(), c.message);
    }
    println!("\nmean score of picked options, best and worst path:");
    for (i, d) in Dimension::ALL.iter().enumerate() {
        println!("  {}", d.label());
        if let Some(b) = &ex.best[i] {
            println!("    best  {}", show(b, i, args.verbose));
        }
        if let Some(w) = &ex.worst[i] {
            println!("    worst {}", show(w, i, args.verbose));
        }
    }
    let ok = ex.reaches(crate::scenario::EndingKind::Good);
    if !ok {
        println!("\nno path reaches a good ending");
    }
    Ok(if ok && ex.unreached_endings.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
