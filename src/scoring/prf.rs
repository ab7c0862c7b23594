//! Precision, recall and F1 counts of one binary decision against gold labels (training and `rapport eval`).

/// True positives, false positives and false negatives of one binary decision.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Prf {
    /// True positives.
    pub tp: usize,
    /// False positives.
    pub fp: usize,
    /// False negatives.
    pub fn_: usize,
}

impl Prf {
    /// Adds one item: whether the gold label has it, and whether the decision said it.
    pub fn add(&mut self, gold: bool, pred: bool) {
        match (gold, pred) {
            (true, true) => self.tp += 1,
            (false, true) => self.fp += 1,
            (true, false) => self.fn_ += 1,
            _ => {}
        }
    }

    /// Precision (0 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    /// Recall (0 when nothing was gold).
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// F1 (0 when there is no true positive).
    pub fn f1(&self) -> f64 {
        ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn_)
    }
}

/// `x` rounded to three decimals, as reports print figures.
pub fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// `a / b`, or 0 when `b` is 0.
pub fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_ratios() {
        let mut p = Prf::default();
        for (gold, pred) in [
            (true, true),
            (true, true),
            (false, true),
            (true, false),
            (false, false),
        ] {
            p.add(gold, pred);
        }
        assert_eq!((p.tp, p.fp, p.fn_), (2, 1, 1));
        assert!((p.precision() - 2.0 / 3.0).abs() < 1e-12);
        assert!((p.recall() - 2.0 / 3.0).abs() < 1e-12);
        assert!((p.f1() - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(Prf::default().f1(), 0.0);
    }
}
