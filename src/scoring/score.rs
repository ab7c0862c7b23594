//! Scores 0–100 per dimension from the codes found, weighted by perspective (`assets/scoring/weights.ron`), with a one-line explanation each.

use super::analyse::{CODES, Findings};
use super::rules::RuleError;
use super::{Code, Dimension, Perspective, Scores, Style};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt::Write;

/// The built-in weights (RON), embedded in the binary.
pub const WEIGHTS_RON: &str = include_str!("../../assets/scoring/weights.ron");

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWeights {
    base: i32,
    codes: BTreeMap<Code, BTreeMap<Dimension, (i32, i32)>>,
    styles: BTreeMap<Style, BTreeMap<Dimension, (i32, i32)>>,
}

/// Points per code and style, per dimension and perspective.
#[derive(Debug, Clone)]
pub struct Weights {
    base: i32,
    /// `[code][dimension] = (client, therapist)`.
    codes: Vec<[(i32, i32); 3]>,
    styles: [[(i32, i32); 3]; 5],
}

fn dim_index(d: Dimension) -> usize {
    match d {
        Dimension::Assertiveness => 0,
        Dimension::ActiveListening => 1,
        Dimension::ConflictResolution => 2,
    }
}

fn style_index(s: Style) -> usize {
    match s {
        Style::Assertive => 0,
        Style::Passive => 1,
        Style::Aggressive => 2,
        Style::PassiveAggressive => 3,
        Style::Neutral => 4,
    }
}

impl Weights {
    /// Parses weights from RON.
    pub fn from_ron(src: &str) -> Result<Weights, RuleError> {
        let raw: RawWeights = ron::from_str(src).map_err(|source| RuleError::Ron {
            file: "weights.ron",
            source,
        })?;
        let mut codes = vec![[(0, 0); 3]; CODES];
        for (c, m) in raw.codes {
            for (d, w) in m {
                codes[c as usize][dim_index(d)] = w;
            }
        }
        let mut styles = [[(0, 0); 3]; 5];
        for (s, m) in raw.styles {
            for (d, w) in m {
                styles[style_index(s)][dim_index(d)] = w;
            }
        }
        Ok(Weights {
            base: raw.base,
            codes,
            styles,
        })
    }

    fn pick(w: (i32, i32), p: Perspective) -> i32 {
        match p {
            Perspective::Client => w.0,
            Perspective::Therapist => w.1,
        }
    }

    /// Points `code` earns on dimension `d` in perspective `p`.
    pub fn points(&self, code: Code, d: Dimension, p: Perspective) -> i32 {
        self.codes
            .get(code as usize)
            .map_or(0, |w| Weights::pick(w[dim_index(d)], p))
    }

    /// Scores and explanations for what was found.
    pub fn score(&self, f: &Findings, codes: &[Code], p: Perspective) -> (Scores, [String; 3]) {
        let mut scores = Scores::default();
        let mut expl: [String; 3] = Default::default();
        for d in Dimension::ALL {
            let di = dim_index(d);
            let mut total = self.base;
            let mut plus: Vec<(i32, &str)> = Vec::new();
            let mut minus: Vec<(i32, &str)> = Vec::new();
            for &c in codes {
                let mut pts = self.points(c, d, p);
                // Advice the other person asked for is not the righting reflex (§2).
                if c == Code::Advice && f.advice_asked && pts < 0 {
                    pts = 0;
                }
                total += pts;
                if pts > 0 {
                    plus.push((pts, c.label()));
                } else if pts < 0 {
                    minus.push((pts, c.label()));
                }
            }
            let sp = Weights::pick(self.styles[style_index(f.style)][di], p);
            total += sp;
            let v = total.clamp(0, 100) as u8;
            scores.set(d, v);
            plus.sort_by_key(|x| -x.0);
            minus.sort_by_key(|x| x.0);
            let s = &mut expl[di];
            let _ = write!(s, "{} {}: ", d.label(), v);
            if plus.is_empty() && minus.is_empty() && sp == 0 {
                s.push_str(match d {
                    Dimension::ActiveListening => {
                        "no question, reflection or affirmation found, and no pitfall either"
                    }
                    Dimension::Assertiveness => "no feeling, need, request or limit stated",
                    Dimension::ConflictResolution => "no horseman and no antidote found",
                });
            } else {
                let mut first = true;
                for (pts, l) in plus.iter().chain(minus.iter()).take(4) {
                    if !first {
                        s.push_str(", ");
                    }
                    first = false;
                    let _ = write!(s, "{l} {pts:+}");
                }
                if sp != 0 {
                    if !first {
                        s.push_str(", ");
                    }
                    let _ = write!(s, "{} style {sp:+}", f.style.key().replace('_', "-"));
                }
                if d == Dimension::ActiveListening
                    && f.advice_asked
                    && codes.contains(&Code::Advice)
                {
                    s.push_str(" (advice was asked for, so not counted against you)");
                }
            }
            s.push('.');
        }
        (scores, expl)
    }
}

/// The explanations of a crisis reply: it was not scored.
pub fn crisis_explanations() -> [String; 3] {
    Dimension::ALL.map(|d| {
        format!(
            "{}: not scored — this reply speaks of self-harm or suicide, so Rapport shows where to find help instead.",
            d.label()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_weights_parse() {
        let w = Weights::from_ron(WEIGHTS_RON).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            w.points(
                Code::Insult,
                Dimension::ConflictResolution,
                Perspective::Client
            ) < 0
        );
        assert!(
            w.points(
                Code::ComplexReflection,
                Dimension::ActiveListening,
                Perspective::Therapist
            ) > 0
        );
    }
}
