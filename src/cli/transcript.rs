//! `rapport transcript`: scores one speaker's turns in a `Speaker: text` conversation, with session metrics, as Markdown, JSON or CSV.

use crate::dialogue::answer;
use crate::records::export::csv_field;
use crate::scoring::metrics::SessionMetrics;
use crate::scoring::{Analysis, Dimension, Perspective, Reply, RuleScorer, Scorer};
use anyhow::{Context as _, bail};
use serde_json::json;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `rapport transcript`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The conversation: one `Speaker: text` line per turn (lines without a speaker continue the turn before).
    pub file: PathBuf,
    /// The speaker whose turns are scored (case-insensitive); by default the first speaker.
    #[arg(long, short)]
    pub speaker: Option<String>,
    /// Who the scored speaker is; by default read from their name (therapist, counsellor, helper,
    /// interviewer, trainee, volunteer, "T"… are the therapist; anyone else the client), and said in
    /// the output.
    #[arg(long, value_enum)]
    pub perspective: Option<super::score::PerspectiveArg>,
    /// Output format.
    #[arg(long, value_enum, default_value = "md")]
    pub format: Format,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Markdown for people.
    Md,
    /// One JSON document.
    Json,
    /// One CSV row per scored turn (metrics are not included).
    Csv,
}

/// One turn of a transcript.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Turn {
    /// Who spoke.
    pub speaker: String,
    /// What they said.
    pub text: String,
    /// 1-based line where the turn starts.
    pub line: usize,
}

/// Splits `Speaker: text` lines into turns; a line without a speaker continues the turn before.
pub fn parse(src: &str) -> Vec<Turn> {
    let mut turns: Vec<Turn> = Vec::new();
    for (i, raw) in src.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        let speaker = line.split_once(':').and_then(|(s, rest)| {
            let s = s.trim();
            let ok = !s.is_empty()
                && s.chars().count() <= 40
                && s.split_whitespace().count() <= 4
                && !s.contains(['"', '\u{201C}', '?', '!', '.']);
            ok.then(|| (s.to_string(), rest.trim().to_string()))
        });
        match (speaker, turns.last_mut()) {
            (Some((s, t)), _) => turns.push(Turn {
                speaker: s,
                text: t,
                line: i + 1,
            }),
            (None, Some(prev)) => {
                if !prev.text.is_empty() {
                    prev.text.push(' ');
                }
                prev.text.push_str(line);
            }
            (None, None) => turns.push(Turn {
                speaker: String::new(),
                text: line.to_string(),
                line: i + 1,
            }),
        }
    }
    turns
}

/// Runs `rapport transcript`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let src = std::fs::read_to_string(&args.file)
        .with_context(|| format!("reading {}", args.file.display()))?;
    let turns = parse(&src);
    if turns.is_empty() {
        bail!("{} has no turns", args.file.display());
    }
    let speaker = match &args.speaker {
        Some(s) => {
            if !turns.iter().any(|t| t.speaker.eq_ignore_ascii_case(s)) {
                let mut names: Vec<&str> = turns.iter().map(|t| t.speaker.as_str()).collect();
                names.sort_unstable();
                names.dedup();
                bail!("no turns by {s:?}; speakers are: {}", names.join(", "));
            }
            s.clone()
        }
        None => turns[0].speaker.clone(),
    };
    let (perspective, chosen_by) = match args.perspective {
        Some(p) => (p.into(), "--perspective"),
        None if is_helper_name(&speaker) => (Perspective::Therapist, "the speaker's name"),
        None => (Perspective::Client, "the speaker's name (not a helper's)"),
    };
    let read_as = if args.perspective.is_some() {
        format!(
            "{speaker}'s turns are read as the {}'s (--perspective).",
            perspective.as_str()
        )
    } else {
        format!(
            "{speaker}'s turns are read as the {}'s, from {chosen_by}; use --perspective to change it.",
            perspective.as_str()
        )
    };
    if args.format == Format::Csv {
        eprintln!("{read_as}");
    }
    let scorer = RuleScorer::builtin();
    let scored_count = turns
        .iter()
        .filter(|t| t.speaker.eq_ignore_ascii_case(&speaker))
        .count();
    let bar = if scored_count >= 500 {
        indicatif::ProgressBar::new(scored_count as u64)
    } else {
        indicatif::ProgressBar::hidden()
    };
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} turns {eta}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let mut scored: Vec<(usize, Analysis)> = Vec::with_capacity(scored_count);
    let mut others: Vec<&str> = Vec::new();
    let mut last_other: Option<&str> = None;
    for (i, t) in turns.iter().enumerate() {
        if t.speaker.eq_ignore_ascii_case(&speaker) {
            let mut a = scorer.analyse(Reply::typed(&t.text, last_other, perspective));
            // A template with its blanks left in, or a formula that fits any line, counts for no
            // strength here as in a scenario (a thirty-first play test's transcript of "I feel X
            // when you Y" turns read as skilled).
            let thin = answer::has_placeholder(&t.text)
                || answer::is_generic(&t.text, last_other.unwrap_or(""), &[]);
            if thin && a.codes.iter().any(|&c| a.is_strength_of(c) == Some(true)) {
                scorer.uncount_strengths(&mut a, perspective);
            }
            scored.push((i, a));
            bar.inc(1);
        } else {
            others.push(&t.text);
            last_other = Some(&t.text);
        }
    }
    bar.finish_and_clear();
    let pairs: Vec<(&str, &Analysis)> = scored
        .iter()
        .map(|(i, a)| (turns[*i].text.as_str(), a))
        .collect();
    let m = SessionMetrics::compute(&pairs, &others);
    let out = match args.format {
        Format::Md => markdown(&turns, &scored, &m, &speaker, &read_as),
        Format::Json => json_doc(&turns, &scored, &m, &speaker, perspective, chosen_by)?,
        Format::Csv => csv(&turns, &scored),
    };
    print!("{out}");
    Ok(ExitCode::SUCCESS)
}

fn codes_list(a: &Analysis) -> String {
    a.codes
        .iter()
        .map(|c| c.key())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a speaker's name says they are the helper in the conversation ("Therapist", "Counsellor",
/// "T", "Helper 2", "MI interviewer", "Therapist1"): a transcript of a session is read in the therapist's
/// perspective without a flag (a twenty-ninth play test's trainee got client-perspective MITI figures
/// for `-s Therapist`).
pub fn is_helper_name(name: &str) -> bool {
    let lower = name.to_lowercase();
    // Words of the name, a number after one dropped ("Therapist1", "T2").
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .map(|w| w.trim_end_matches(|c: char| c.is_ascii_digit()))
        .filter(|w| !w.is_empty())
        .collect();
    // Roles in a helping conversation only: not job titles that also argue at home ("Coach",
    // "Doctor", "Nurse Ratched": a maintainer's read).
    matches!(words.as_slice(), ["t"] | ["th"])
        || words.iter().any(|w| {
            matches!(
                *w,
                "therapist"
                    | "counsellor"
                    | "counselor"
                    | "clinician"
                    | "helper"
                    | "interviewer"
                    | "trainee"
                    | "volunteer"
                    | "supporter"
                    | "practitioner"
                    | "psychologist"
                    | "psychotherapist"
                    | "listener"
            )
        })
}

fn markdown(
    turns: &[Turn],
    scored: &[(usize, Analysis)],
    m: &SessionMetrics,
    who: &str,
    read_as: &str,
) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# Transcript: turns by {who}\n");
    let _ = writeln!(s, "{read_as}\n");
    let _ = writeln!(
        s,
        "| # | line | reply | style | codes | assertiveness | active listening | conflict resolution |"
    );
    let _ = writeln!(s, "|---|---|---|---|---|---|---|---|");
    for (n, (i, a)) in scored.iter().enumerate() {
        let t = &turns[*i];
        let text = t.text.replace('|', "\\|");
        if a.is_crisis() {
            let _ = writeln!(
                s,
                "| {} | {} | {} | — | crisis | not scored | not scored | not scored |",
                n + 1,
                t.line,
                text
            );
            continue;
        }
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            n + 1,
            t.line,
            text,
            a.style.key(),
            codes_list(a),
            a.scores.assertiveness,
            a.scores.active_listening,
            a.scores.conflict_resolution
        );
    }
    s.push_str(&metrics_markdown(m, &format!("{who}'s")));
    s
}

/// The session metrics and, for a therapist's replies, the MITI global estimates, as Markdown
/// sections (`transcript`'s, and the end of a therapist's `play`); `whose` names the replies scored
/// ("Sam's", "your").
pub(super) fn metrics_markdown(m: &SessionMetrics, whose: &str) -> String {
    let mut s = String::new();
    let pct = |x: Option<f64>| x.map_or("n/a".to_string(), |v| format!("{v:.0}%"));
    let _ = writeln!(s, "\n## Session metrics\n");
    let _ = writeln!(
        s,
        "- replies scored: {} (crisis, not scored: {})",
        m.replies, m.crisis
    );
    let _ = writeln!(
        s,
        "- reflection-to-question ratio: {} — MITI 4.2.1: {} (fair ≥ 1, good ≥ 2)",
        m.r2q_shown(|r| format!("{r:.2}")),
        m.rating_r2q().label()
    );
    let _ = writeln!(
        s,
        "- complex reflections: {} of {} reflections — MITI 4.2.1: {} (fair ≥ 40%, good ≥ 50%)",
        pct(m.pct_complex_reflections),
        m.reflections,
        m.rating_complex().label()
    );
    let _ = writeln!(
        s,
        "- open questions: {} of {} questions",
        pct(m.pct_open_questions),
        m.questions
    );
    let _ = writeln!(s, "- share of talk: {:.0}%", 100.0 * m.share_of_talk);
    let styles: Vec<String> = m
        .styles
        .iter()
        .map(|(k, v)| format!("{} {v}", k.key()))
        .collect();
    let _ = writeln!(s, "- styles: {}", styles.join(", "));
    let _ = writeln!(s, "- horsemen {} vs antidotes {}", m.horsemen, m.antidotes);
    let _ = writeln!(
        s,
        "- MI-adherent {} vs MI non-adherent {}",
        m.mi_adherent, m.mi_non_adherent
    );
    for (k, d) in Dimension::ALL.iter().enumerate() {
        let _ = writeln!(
            s,
            "- {}: mean {:.0}, trend {:+.1} per turn",
            d.label(),
            m.mean[k],
            m.trend[k]
        );
    }
    if let Some(g) = &m.globals {
        let _ = writeln!(s, "\n## MITI global ratings (estimates)\n");
        let _ = writeln!(
            s,
            "These are estimates, not MITI codings: a coder rates the whole conversation by listening to it; \
             Rapport computes them from the codes of {whose} replies alone.\n"
        );
        for (name, e) in g.named() {
            let _ = writeln!(s, "- {name}: {:.1} of 5 — {}", e.value, e.basis);
        }
        let _ = writeln!(
            s,
            "- technical {:.2}, relational {:.2} — MITI 4.2.1: {} (fair: technical ≥ 3 and relational ≥ 3.5; good: both ≥ 4)",
            g.technical(),
            g.relational(),
            g.rating().label()
        );
    }
    s
}

fn json_doc(
    turns: &[Turn],
    scored: &[(usize, Analysis)],
    m: &SessionMetrics,
    who: &str,
    perspective: Perspective,
    chosen_by: &str,
) -> anyhow::Result<String> {
    let items: Vec<serde_json::Value> = scored
        .iter()
        .map(|(i, a)| {
            let t = &turns[*i];
            let mut v = super::score::to_json(json!(t.line), &t.text, a);
            if let Some(o) = v.as_object_mut() {
                o.insert("line".into(), json!(t.line));
                o.insert("text".into(), json!(t.text));
            }
            v
        })
        .collect();
    let doc = json!({
        "speaker": who,
        "perspective": perspective.as_str(),
        "perspective_from": chosen_by,
        "turns": items,
        "metrics": m,
        "ratings": {"reflection_to_question": m.rating_r2q(), "complex_reflections": m.rating_complex()},
        "globals": m.globals.as_ref().map(|g| {
            // The four estimates as `Globals` serialises them, with what they rest on beside them.
            let mut o = json!(g);
            o["estimated"] = json!(true);
            o["note"] = json!("estimates of the MITI 4.2.1 global ratings from the scored speaker's codes alone, not a MITI coding");
            o["technical"] = json!(g.technical());
            o["relational"] = json!(g.relational());
            o["rating"] = json!(g.rating());
            o
        }),
    });
    Ok(serde_json::to_string_pretty(&doc)? + "\n")
}

fn csv(turns: &[Turn], scored: &[(usize, Analysis)]) -> String {
    let mut s = String::from(
        "line,text,style,codes,assertiveness,active_listening,conflict_resolution,crisis\n",
    );
    for (i, a) in scored {
        let t = &turns[*i];
        let _ = writeln!(
            s,
            "{},{},{},{},{},{},{},{}",
            t.line,
            csv_field(&t.text),
            a.style.key(),
            csv_field(&codes_list(a)),
            a.scores.assertiveness,
            a.scores.active_listening,
            a.scores.conflict_resolution,
            a.is_crisis()
        );
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_turns_and_continuations() {
        let t = parse("Sam: hi there\nAlex: I'm tired.\nstill tired\n\nSam: what's up?");
        assert_eq!(t.len(), 3);
        assert_eq!(t[1].text, "I'm tired. still tired");
        assert_eq!(t[2].line, 5);
    }

    #[test]
    fn a_helpers_name_reads_as_the_therapist() {
        for n in [
            "Therapist",
            "counsellor",
            "T",
            "T1",
            "Therapist1",
            "Helper 2",
            "MI interviewer",
        ] {
            assert!(is_helper_name(n), "{n}");
        }
        for n in [
            "Client",
            "Sam",
            "Tom",
            "Mum",
            "C",
            "Coach",
            "Doctor",
            "Nurse Ratched",
        ] {
            assert!(!is_helper_name(n), "{n}");
        }
    }
}
