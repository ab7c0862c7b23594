//! `rapport eval --only sessions`: whether a session's figures separate good counselling from poor — the debrief's reflection-to-question ratio and global estimates against blind raters, beside a dozen regular expressions.
//!
//! The sessions are `data/sessions/sessions.jsonl` (whole written sessions, client line then therapist
//! reply); `ratings_a.jsonl` and `ratings_b.jsonl` are two raters' blind MITI 4.2.1 global ratings (1–5);
//! `bands.jsonl` is what each writer set out to write (skilled, mixed or poor). See `data/README.md`.

use super::data::read_jsonl;
use crate::scoring::metrics::GLOBALS;
use crate::scoring::prf::round3;
use crate::scoring::{Analysis, Perspective, Reply, RuleScorer, Scorer, SessionMetrics};
use regex::Regex;
use serde::Deserialize;
use serde_json::json;
use std::collections::HashMap;
use std::path::Path;

/// One exchange: the client's line, then the therapist's reply.
#[derive(Deserialize)]
struct Turn {
    client: String,
    therapist: String,
}

/// One written session.
#[derive(Deserialize)]
struct Session {
    id: String,
    turns: Vec<Turn>,
}

/// One rater's MITI 4.2.1 globals for a session (fields named as [`GLOBALS`] names them; a missing
/// one is a parse error naming the file, line and field).
#[derive(Deserialize)]
struct Rating {
    id: String,
    cultivating_change_talk: f64,
    softening_sustain_talk: f64,
    partnership: f64,
    empathy: f64,
}

impl Rating {
    /// The four ratings in MITI's order.
    fn globals(&self) -> [f64; 4] {
        [
            self.cultivating_change_talk,
            self.softening_sustain_talk,
            self.partnership,
            self.empathy,
        ]
    }
}

#[derive(Deserialize)]
struct Band {
    id: String,
    band: String,
}

/// The yardstick: a dozen regular expressions of the kind MI-coding studies use as a baseline — five
/// for a question, seven for a reflection — each counted at most once per reply, as the debrief counts.
pub struct RegexBaseline {
    questions: Vec<Regex>,
    reflections: Vec<Regex>,
}

impl Default for RegexBaseline {
    fn default() -> Self {
        let re = |s: &str| Regex::new(s).expect("a valid baseline pattern");
        RegexBaseline {
            questions: [
                r"\?",
                r"(?i)^\s*(what|how|why|when|where|who|which)\b",
                r"(?i)(^|[.!]\s+)(do|does|did|are|is|was|were|have|has|can|could|would|will|should)\s+(you|he|she|they|it|we|i)\b",
                r"(?i)\b(tell me (more|about)|i wonder (if|what|how|whether))\b",
                r"(?i)\bhow (do|did|does|are|were) (you|things|that)\b",
            ]
            .map(re)
            .into(),
            reflections: [
                r"(?i)\b(it )?sounds like\b",
                r"(?i)\b(it )?seems (like|that|as if|as though)\b",
                r"(?i)(^|[.!,]\s*)(so )?you('re| are) (feeling|saying|worried|afraid|angry|sad|hurt|frustrated|tired|not sure|wondering)\b",
                r"(?i)(^|[.!,]\s*)(so |and )?you (feel|felt|think|want|wish|need|miss|wonder)\b",
                r"(?i)\b(what i('m| am) hearing|i hear (that )?you|if i understand)\b",
                r"(?i)(^|[.!,]\s*)(so |and )?you('ve| have) been\b",
                r"(?i)\byou must (feel|be|have)\b",
            ]
            .map(re)
            .into(),
        }
    }
}

impl RegexBaseline {
    /// (reflection, question) for one reply.
    pub fn classify(&self, text: &str) -> (bool, bool) {
        (
            self.reflections.iter().any(|r| r.is_match(text)),
            self.questions.iter().any(|r| r.is_match(text)),
        )
    }
}

/// The separator both measures rank sessions by: reflections as a share of reflections and questions
/// (monotone in the reflection-to-question ratio, and defined for a session without questions).
fn share(reflections: usize, questions: usize) -> f64 {
    if reflections + questions == 0 {
        0.5
    } else {
        reflections as f64 / (reflections + questions) as f64
    }
}

/// Ranks with ties averaged (1-based).
fn ranks(x: &[f64]) -> Vec<f64> {
    let mut idx: Vec<usize> = (0..x.len()).collect();
    idx.sort_by(|&a, &b| x[a].total_cmp(&x[b]));
    let mut r = vec![0.0; x.len()];
    let mut i = 0;
    while i < idx.len() {
        let mut j = i;
        while j + 1 < idx.len() && x[idx[j + 1]] == x[idx[i]] {
            j += 1;
        }
        let avg = (i + j) as f64 / 2.0 + 1.0;
        for &k in &idx[i..=j] {
            r[k] = avg;
        }
        i = j + 1;
    }
    r
}

/// Spearman's rank correlation (0 when either side is constant).
pub fn spearman(x: &[f64], y: &[f64]) -> f64 {
    let (rx, ry) = (ranks(x), ranks(y));
    let n = rx.len() as f64;
    let (mx, my) = (rx.iter().sum::<f64>() / n, ry.iter().sum::<f64>() / n);
    let cov: f64 = rx.iter().zip(&ry).map(|(a, b)| (a - mx) * (b - my)).sum();
    let vx: f64 = rx.iter().map(|a| (a - mx).powi(2)).sum();
    let vy: f64 = ry.iter().map(|b| (b - my).powi(2)).sum();
    if vx == 0.0 || vy == 0.0 {
        0.0
    } else {
        cov / (vx * vy).sqrt()
    }
}

/// Area under the ROC curve: the chance that a random `good` session scores above a random `poor` one
/// (ties count half).
pub fn auc(good: &[f64], poor: &[f64]) -> f64 {
    if good.is_empty() || poor.is_empty() {
        return f64::NAN;
    }
    let mut wins = 0.0;
    for g in good {
        for p in poor {
            wins += if g > p {
                1.0
            } else if g == p {
                0.5
            } else {
                0.0
            };
        }
    }
    wins / (good.len() * poor.len()) as f64
}

/// Per session: our metrics and the baseline's counts.
struct Scored {
    id: String,
    metrics: SessionMetrics,
    baseline: (usize, usize),
}

fn score_session(scorer: &RuleScorer, base: &RegexBaseline, s: &Session) -> Scored {
    let analyses: Vec<Analysis> = s
        .turns
        .iter()
        .map(|t| {
            scorer.analyse(Reply::typed(
                &t.therapist,
                Some(&t.client),
                Perspective::Therapist,
            ))
        })
        .collect();
    let replies: Vec<(&str, &Analysis)> = s
        .turns
        .iter()
        .zip(&analyses)
        .map(|(t, a)| (t.therapist.as_str(), a))
        .collect();
    let others: Vec<&str> = s.turns.iter().map(|t| t.client.as_str()).collect();
    let mut baseline = (0, 0);
    for t in &s.turns {
        let (r, q) = base.classify(&t.therapist);
        baseline.0 += usize::from(r);
        baseline.1 += usize::from(q);
    }
    Scored {
        id: s.id.clone(),
        metrics: SessionMetrics::compute(&replies, &others),
        baseline,
    }
}

/// Runs the sessions part of `rapport eval` over `dir` (`data/sessions`).
pub fn sessions(scorer: &RuleScorer, dir: &Path, quiet: bool) -> anyhow::Result<serde_json::Value> {
    let sessions: Vec<Session> = read_jsonl(&dir.join("sessions.jsonl"))?;
    let raters: Vec<HashMap<String, [f64; 4]>> = ["ratings_a.jsonl", "ratings_b.jsonl"]
        .iter()
        .map(|f| -> anyhow::Result<_> {
            Ok(read_jsonl::<Rating>(&dir.join(f))?
                .into_iter()
                .map(|r| (r.id.clone(), r.globals()))
                .collect())
        })
        .collect::<anyhow::Result<_>>()?;
    let bands: HashMap<String, String> = read_jsonl::<Band>(&dir.join("bands.jsonl"))?
        .into_iter()
        .map(|b| (b.id, b.band))
        .collect();
    let base = RegexBaseline::default();
    let scored: Vec<Scored> = sessions
        .iter()
        .filter(|s| raters.iter().all(|r| r.contains_key(&s.id)))
        .map(|s| score_session(scorer, &base, s))
        .collect();
    anyhow::ensure!(!scored.is_empty(), "no rated sessions in {}", dir.display());
    // The raters' mean, per global and overall.
    let rated =
        |id: &str, g: usize| raters.iter().map(|r| r[id][g]).sum::<f64>() / raters.len() as f64;
    let overall: Vec<f64> = scored
        .iter()
        .map(|s| (0..4).map(|g| rated(&s.id, g)).sum::<f64>() / 4.0)
        .collect();
    let ours: Vec<f64> = scored
        .iter()
        .map(|s| share(s.metrics.reflections, s.metrics.questions))
        .collect();
    let regex: Vec<f64> = scored
        .iter()
        .map(|s| share(s.baseline.0, s.baseline.1))
        .collect();
    let split = |v: &[f64], band: &str| -> Vec<f64> {
        scored
            .iter()
            .zip(v)
            .filter(|(s, _)| bands.get(&s.id).map(String::as_str) == Some(band))
            .map(|(_, x)| *x)
            .collect()
    };
    let auc_bands = |v: &[f64]| auc(&split(v, "skilled"), &split(v, "poor"));
    // Rater-defined: good = mean global ≥ 3.5, poor = mean global ≤ 2.5.
    let by_rating = |v: &[f64], good: bool| -> Vec<f64> {
        overall
            .iter()
            .zip(v)
            .filter(|(o, _)| if good { **o >= 3.5 } else { **o <= 2.5 })
            .map(|(_, x)| *x)
            .collect()
    };
    let auc_rated = |v: &[f64]| auc(&by_rating(v, true), &by_rating(v, false));
    let n_good = by_rating(&overall, true).len();
    let n_poor = by_rating(&overall, false).len();
    let agreement: Vec<f64> = (0..4)
        .map(|g| {
            let a: Vec<f64> = scored.iter().map(|s| raters[0][&s.id][g]).collect();
            let b: Vec<f64> = scored.iter().map(|s| raters[1][&s.id][g]).collect();
            spearman(&a, &b)
        })
        .collect();
    let estimates: Vec<f64> = (0..4)
        .map(|g| {
            let est: Vec<f64> = scored
                .iter()
                .map(|s| {
                    s.metrics
                        .globals
                        .as_ref()
                        .map_or(f64::NAN, |gl| gl.estimates()[g].value)
                })
                .collect();
            let truth: Vec<f64> = scored.iter().map(|s| rated(&s.id, g)).collect();
            spearman(&est, &truth)
        })
        .collect();
    if !quiet {
        println!(
            "\nWhole sessions ({} written sessions, {} therapist replies; globals rated blind by two raters)",
            scored.len(),
            scored.iter().map(|s| s.metrics.replies).sum::<usize>()
        );
        println!(
            "  separating good from poor by reflections ÷ (reflections + questions)   the debrief / a dozen regexes"
        );
        println!(
            "    AUC, writer's band skilled vs poor ({} vs {})                            {:.3} / {:.3}",
            split(&ours, "skilled").len(),
            split(&ours, "poor").len(),
            auc_bands(&ours),
            auc_bands(&regex)
        );
        println!(
            "    AUC, raters' mean global ≥ 3.5 vs ≤ 2.5 ({n_good} vs {n_poor})                        {:.3} / {:.3}",
            auc_rated(&ours),
            auc_rated(&regex)
        );
        println!(
            "    Spearman ρ with the raters' mean global                               {:.3} / {:.3}",
            spearman(&ours, &overall),
            spearman(&regex, &overall)
        );
        println!(
            "  the debrief's global estimates against the raters' mean (Spearman ρ; raters with each other):"
        );
        for g in 0..4 {
            println!(
                "    {:<26} ρ {:.3}   (raters {:.3})",
                GLOBALS[g].0, estimates[g], agreement[g]
            );
        }
    }
    Ok(json!({
        "sessions": scored.len(),
        "auc_bands": {"ours": round3(auc_bands(&ours)), "regex": round3(auc_bands(&regex))},
        "auc_rated": {"ours": round3(auc_rated(&ours)), "regex": round3(auc_rated(&regex)), "good": n_good, "poor": n_poor},
        "spearman_mean_global": {"ours": round3(spearman(&ours, &overall)), "regex": round3(spearman(&regex, &overall))},
        "global_estimates_spearman": GLOBALS.iter().zip(&estimates).map(|((g, _), r)| (g.to_string(), json!(round3(*r)))).collect::<serde_json::Map<_, _>>(),
        "rater_agreement_spearman": GLOBALS.iter().zip(&agreement).map(|((g, _), r)| (g.to_string(), json!(round3(*r)))).collect::<serde_json::Map<_, _>>(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auc_and_spearman_on_known_cases() {
        assert_eq!(auc(&[3.0, 4.0], &[1.0, 2.0]), 1.0);
        assert_eq!(auc(&[1.0], &[1.0]), 0.5);
        assert_eq!(auc(&[1.0, 2.0], &[3.0, 4.0]), 0.0);
        assert!((spearman(&[1.0, 2.0, 3.0], &[10.0, 20.0, 30.0]) - 1.0).abs() < 1e-12);
        assert!((spearman(&[1.0, 2.0, 3.0], &[3.0, 2.0, 1.0]) + 1.0).abs() < 1e-12);
        assert_eq!(ranks(&[5.0, 1.0, 5.0]), vec![2.5, 1.0, 2.5]);
    }

    #[test]
    fn the_baseline_reads_plain_markers() {
        let b = RegexBaseline::default();
        assert_eq!(
            b.classify("It sounds like you're exhausted."),
            (true, false)
        );
        assert_eq!(b.classify("What happened next?"), (false, true));
        assert_eq!(b.classify("You should call her."), (false, false));
        assert_eq!(
            b.classify("So you feel stuck. Is that right?"),
            (true, true)
        );
    }

    #[test]
    fn share_orders_like_the_ratio() {
        assert!(share(4, 2) > share(2, 2));
        assert!(share(2, 2) > share(1, 4));
        assert_eq!(share(0, 0), 0.5);
        assert_eq!(share(3, 0), 1.0);
    }
}
