//! Session metrics over a transcript: MITI 4.2.1 summary figures, share of talk, styles, horsemen and antidotes, trend.

use super::{Analysis, Code, Dimension, Style};
use serde::Serialize;
use std::collections::BTreeMap;

/// A MITI 4.2.1 threshold verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    /// Below the "fair" threshold.
    BelowFair,
    /// At least fair.
    Fair,
    /// At least good.
    Good,
    /// Not enough material to judge (e.g. no reflections).
    NotApplicable,
}

/// Summary figures for one session.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SessionMetrics {
    /// Replies counted.
    pub replies: usize,
    /// Replies with a reflection.
    pub reflections: usize,
    /// Of which complex.
    pub complex_reflections: usize,
    /// Replies with a question.
    pub questions: usize,
    /// Of which open.
    pub open_questions: usize,
    /// Reflections per question (`None` without questions).
    pub reflection_to_question: Option<f64>,
    /// Complex reflections as a percentage of reflections.
    pub pct_complex_reflections: Option<f64>,
    /// Open questions as a percentage of questions.
    pub pct_open_questions: Option<f64>,
    /// The user's words as a share of all words (0–1).
    pub share_of_talk: f64,
    /// How many replies had each style.
    pub styles: BTreeMap<Style, usize>,
    /// Horsemen found (counting each code once per reply).
    pub horsemen: usize,
    /// Antidotes found.
    pub antidotes: usize,
    /// Least-squares slope per reply of each dimension ([`Dimension::ALL`] order).
    pub trend: [f64; 3],
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

fn slope(ys: &[f64]) -> f64 {
    let n = ys.len() as f64;
    if ys.len() < 2 {
        return 0.0;
    }
    let mx = (n - 1.0) / 2.0;
    let my = ys.iter().sum::<f64>() / n;
    let (mut num, mut den) = (0.0, 0.0);
    for (i, y) in ys.iter().enumerate() {
        let dx = i as f64 - mx;
        num += dx * (y - my);
        den += dx * dx;
    }
    if den == 0.0 { 0.0 } else { num / den }
}

impl SessionMetrics {
    /// Computes the figures from the user's replies and the other speaker's lines.
    pub fn compute(replies: &[(&str, &Analysis)], other_texts: &[&str]) -> SessionMetrics {
        let scored: Vec<&(&str, &Analysis)> =
            replies.iter().filter(|(_, a)| !a.is_crisis()).collect();
        let count = |c: Code| scored.iter().filter(|(_, a)| a.has(c)).count();
        let reflections = count(Code::Reflection);
        let complex_reflections = count(Code::ComplexReflection);
        let questions = count(Code::Question);
        let open_questions = count(Code::OpenQuestion);
        let pct = |a: usize, b: usize| (b > 0).then(|| 100.0 * a as f64 / b as f64);
        let mine: usize = replies.iter().map(|(t, _)| words(t)).sum();
        let theirs: usize = other_texts.iter().map(|t| words(t)).sum();
        let mut styles = BTreeMap::new();
        for (_, a) in &scored {
            *styles.entry(a.style).or_insert(0) += 1;
        }
        let horsemen = scored
            .iter()
            .map(|(_, a)| Code::HORSEMEN.iter().filter(|c| a.has(**c)).count())
            .sum();
        let antidotes = scored
            .iter()
            .map(|(_, a)| Code::ANTIDOTES.iter().filter(|c| a.has(**c)).count())
            .sum();
        let mut trend = [0.0; 3];
        for (i, d) in Dimension::ALL.iter().enumerate() {
            let ys: Vec<f64> = scored
                .iter()
                .map(|(_, a)| a.scores.get(*d) as f64)
                .collect();
            trend[i] = slope(&ys);
        }
        SessionMetrics {
            replies: scored.len(),
            reflections,
            complex_reflections,
            questions,
            open_questions,
            reflection_to_question: (questions > 0).then(|| reflections as f64 / questions as f64),
            pct_complex_reflections: pct(complex_reflections, reflections),
            pct_open_questions: pct(open_questions, questions),
            share_of_talk: if mine + theirs == 0 {
                0.0
            } else {
                mine as f64 / (mine + theirs) as f64
            },
            styles,
            horsemen,
            antidotes,
            trend,
        }
    }

    /// MITI 4.2.1: reflection-to-question ratio ≥ 1:1 fair, ≥ 2:1 good. With reflections but no questions it is good.
    pub fn rating_r2q(&self) -> Rating {
        match (self.reflections, self.questions) {
            (0, 0) => Rating::NotApplicable,
            (_, 0) => Rating::Good,
            _ => match self.reflection_to_question.unwrap_or(0.0) {
                r if r >= 2.0 => Rating::Good,
                r if r >= 1.0 => Rating::Fair,
                _ => Rating::BelowFair,
            },
        }
    }

    /// MITI 4.2.1: complex reflections ≥ 40% of reflections fair, ≥ 50% good.
    pub fn rating_complex(&self) -> Rating {
        match self.pct_complex_reflections {
            None => Rating::NotApplicable,
            Some(p) if p >= 50.0 => Rating::Good,
            Some(p) if p >= 40.0 => Rating::Fair,
            Some(_) => Rating::BelowFair,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(codes: &[Code]) -> Analysis {
        Analysis {
            codes: codes.to_vec(),
            ..Analysis::default()
        }
    }

    #[test]
    fn miti_thresholds() {
        let r1 = a(&[Code::ComplexReflection]);
        let r2 = a(&[Code::SimpleReflection]);
        let q = a(&[Code::OpenQuestion]);
        let m = SessionMetrics::compute(&[("x", &r1), ("y", &r2), ("z?", &q)], &["a b c"]);
        assert_eq!(m.reflection_to_question, Some(2.0));
        assert_eq!(m.rating_r2q(), Rating::Good);
        assert_eq!(m.pct_complex_reflections, Some(50.0));
        assert_eq!(m.rating_complex(), Rating::Good);
        assert_eq!(m.pct_open_questions, Some(100.0));
        assert!((m.share_of_talk - 0.5).abs() < 1e-9);
        let m = SessionMetrics::compute(&[("z?", &q), ("z?", &q), ("x", &r2)], &[]);
        assert_eq!(m.rating_r2q(), Rating::BelowFair);
        assert_eq!(m.rating_complex(), Rating::BelowFair);
    }
}
