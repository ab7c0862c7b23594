//! Scores 0–100 per dimension from the codes found, weighted by perspective (`assets/scoring/weights.ron`), with a one-line explanation each.

use super::analyse::{CODES, Findings};
use super::rules::RuleError;
use super::{Code, Dimension, Perspective, Scores, Style};
use serde::Deserialize;
use std::collections::BTreeMap;

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

    /// Scores and explanations for what was found (`codes` lists each code once, as
    /// [`Findings::codes`] gives them).
    ///
    /// # Panics
    ///
    /// If `codes` is longer than the number of codes (a code listed more than once).
    pub fn score(&self, f: &Findings, codes: &[Code], p: Perspective) -> (Scores, [String; 3]) {
        assert!(
            codes.len() <= CODES,
            "Weights::score: {} codes given, at most {CODES} (each code once)",
            codes.len()
        );
        let mut scores = Scores::default();
        let mut expl: [String; 3] = std::array::from_fn(|_| String::with_capacity(128));
        // The points gained and lost, in arrays on the stack (a code is listed once, so `CODES` is room
        // enough), not two allocations per reply.
        let (mut plus, mut minus) = ([(0i32, Code::Crisis); CODES], [(0i32, Code::Crisis); CODES]);
        for d in Dimension::ALL {
            let di = dim_index(d);
            let mut total = self.base;
            let (mut np, mut nm) = (0usize, 0usize);
            for &c in codes {
                let mut pts = self.points(c, d, p);
                // Advice the other person asked for, or gave leave for, is not the righting reflex (§2).
                if c == Code::Advice && f.advice_welcome() && pts < 0 {
                    pts = 0;
                }
                total += pts;
                if pts > 0 {
                    plus[np] = (pts, c);
                    np += 1;
                } else if pts < 0 {
                    minus[nm] = (pts, c);
                    nm += 1;
                }
            }
            let sp = Weights::pick(self.styles[style_index(f.style)][di], p);
            total += sp;
            let v = total.clamp(0, 100) as u8;
            scores.set(d, v);
            let (plus, minus) = (&mut plus[..np], &mut minus[..nm]);
            plus.sort_by_key(|x| -x.0);
            minus.sort_by_key(|x| x.0);
            let s = &mut expl[di];
            // Built with `push_str` and `push_int`, not `write!`: the formatting machinery costs
            // more than the rest of the scoring.
            s.push_str(d.label());
            s.push(' ');
            push_int(s, i32::from(v), false);
            s.push_str(": ");
            if plus.is_empty() && minus.is_empty() && sp == 0 {
                s.push_str(nothing_found(d));
            } else {
                let mut first = true;
                // Every code that moved the score, gains first: a penalty left out would leave
                // the reader unable to see why the score is what it is.
                for (pts, c) in plus.iter().chain(minus.iter()) {
                    if !first {
                        s.push_str(", ");
                    }
                    first = false;
                    s.push_str(c.label());
                    s.push(' ');
                    push_int(s, *pts, true);
                }
                if sp != 0 {
                    if !first {
                        s.push_str(", ");
                    }
                    s.push_str(f.style.label());
                    s.push_str(" style ");
                    push_int(s, sp, true);
                }
                if d == Dimension::ActiveListening
                    && f.advice_welcome()
                    && codes.contains(&Code::Advice)
                {
                    s.push_str(if f.advice_asked {
                        " (advice was asked for, so not counted against you)"
                    } else {
                        " (leave was asked or the choice left to them, so the advice is not counted against you)"
                    });
                }
            }
            s.push('.');
        }
        (scores, expl)
    }
}

/// What an explanation says of a dimension for which no code and no style moved the score.
pub fn nothing_found(d: Dimension) -> &'static str {
    match d {
        Dimension::ActiveListening => {
            "no question, reflection or affirmation found, and no pitfall either"
        }
        Dimension::Assertiveness => "no feeling, need, request or limit stated",
        Dimension::ConflictResolution => "no horseman and no antidote found",
    }
}

/// Appends `v` in decimal to `s`, with a `+` before a number that is not negative when `sign`
/// (what `write!(s, "{v}")` and `write!(s, "{v:+}")` write).
pub fn push_int(s: &mut String, v: i32, sign: bool) {
    if v < 0 {
        s.push('-');
    } else if sign {
        s.push('+');
    }
    for &d in digits(u64::from(v.unsigned_abs()), &mut [0; 20]) {
        s.push(char::from(d));
    }
}

/// The decimal digits of `n` as ASCII bytes, written into the end of `buf` (what `write!(s, "{n}")`
/// writes, without the formatting machinery, which costs more than the rest of writing a score).
pub fn digits(mut n: u64, buf: &mut [u8; 20]) -> &[u8] {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    &buf[i..]
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
    fn push_int_writes_what_format_writes() {
        for v in [
            0,
            1,
            -1,
            7,
            10,
            -10,
            99,
            100,
            -250,
            12345,
            i32::MAX,
            i32::MIN,
        ] {
            for sign in [false, true] {
                let mut s = String::from("x");
                push_int(&mut s, v, sign);
                let want = if sign {
                    format!("x{v:+}")
                } else {
                    format!("x{v}")
                };
                assert_eq!(s, want);
            }
        }
        for n in [0, 9, 10, 4_294_967_296, u64::MAX] {
            assert_eq!(digits(n, &mut [0; 20]), n.to_string().as_bytes());
        }
    }

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
