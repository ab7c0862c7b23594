//! Feedback on a reply: the three scores with their explanations, the user's words highlighted by code, and tips.

use super::theme::{SURE, bar_with_number, evidence_colour, muted, score_colour};
use crate::scoring::{Analysis, Code, Dimension};
use bevy_egui::egui::{self, RichText, text::LayoutJob};

/// The reply with each code's evidence highlighted (strengths green, pitfalls red).
pub fn highlighted(ui: &mut egui::Ui, text: &str, a: &Analysis) {
    let dark = ui.visuals().dark_mode;
    let font = egui::TextStyle::Body.resolve(ui.style());
    let plain = ui.visuals().text_color();
    // Which code colours each byte: pitfalls win over strengths so problems are never hidden.
    let mut owner: Vec<Option<Code>> = vec![None; text.len()];
    let mut ev = a.evidence.clone();
    ev.sort_by_key(|e| std::cmp::Reverse(a.is_strength_of(e.code) == Some(false)));
    for e in ev.iter().rev() {
        for o in owner.iter_mut().take(e.end.min(text.len())).skip(e.start) {
            *o = Some(e.code);
        }
    }
    let mut job = LayoutJob::default();
    let mut i = 0;
    while i < text.len() {
        let cur = owner[i];
        let mut j = i + 1;
        while j < text.len() && (owner[j] == cur || !text.is_char_boundary(j)) {
            j += 1;
        }
        let mut fmt = egui::TextFormat::simple(font.clone(), plain);
        if let Some(code) = cur {
            let bg = evidence_colour(a.is_strength_of(code), dark);
            fmt.background = if unsure(a, code).is_some() {
                muted(bg)
            } else {
                bg
            };
        }
        job.append(&text[i..j], 0.0, fmt);
        i = j;
    }
    job.wrap.max_width = ui.available_width();
    ui.label(job);
}

/// The scorer's probability for `code` when it is below [`SURE`] (`None` when it is sure, or when the
/// analysis carries no probabilities at all, as in records made before the scorer gave them).
pub fn unsure(a: &Analysis, code: Code) -> Option<f32> {
    a.confidence
        .iter()
        .find(|c| c.code == code)
        .map(|c| c.probability())
        .filter(|&p| p < SURE)
}

/// Small coloured chips naming the codes found; codes the scorer is not sure of are muted, with a hover text.
pub fn code_chips(ui: &mut egui::Ui, a: &Analysis) {
    let dark = ui.visuals().dark_mode;
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(format!("style: {}", a.style.label()))
                .small()
                .strong(),
        );
        for &c in &a.codes {
            let bg = evidence_colour(a.is_strength_of(c), dark);
            match unsure(a, c) {
                None => {
                    ui.label(RichText::new(a.label_of(c)).small().background_color(bg));
                }
                Some(p) => {
                    ui.label(
                        RichText::new(a.label_of(c))
                            .small()
                            .weak()
                            .background_color(muted(bg)),
                    )
                    .on_hover_text(format!(
                        "the scorer is not sure ({:.0}%)",
                        (p * 100.0).round()
                    ));
                }
            }
        }
    });
}

/// One score as a labelled bar with its explanation.
pub fn score_row(ui: &mut egui::Ui, d: Dimension, score: u8, explanation: &str) {
    let dark = ui.visuals().dark_mode;
    ui.horizontal(|ui| {
        ui.add_sized([150.0, 18.0], egui::Label::new(d.label()));
        bar_with_number(
            ui,
            score as f32 / 100.0,
            score_colour(score, dark),
            140.0,
            &score.to_string(),
        );
        // Wrapped in the width left beside the bar: a long explanation must not push the panel
        // (and the tips under it) past the window's edge.
        ui.add(egui::Label::new(RichText::new(explanation).small()).wrap());
    });
}

/// The whole feedback block for one reply. A reply that gave the other person nothing to answer
/// shows no codes and no scores, only why it was not scored and the tip that fits.
pub fn feedback(ui: &mut egui::Ui, reply: &str, a: &Analysis) {
    highlighted(ui, reply, a);
    if let Some(why) = a.unanswerable {
        ui.add_space(4.0);
        ui.label(
            RichText::new(format!(
                "Not scored: {}. Nothing in it counts for you or against you.",
                why.label()
            ))
            .strong(),
        );
    } else {
        code_chips(ui, a);
        ui.add_space(4.0);
        for d in Dimension::ALL {
            score_row(ui, d, a.scores.get(d), a.explanation(d));
        }
    }
    for t in a.tips.iter().take(2) {
        ui.add_space(4.0);
        ui.label(RichText::new(format!("Try: {}", t.text)));
        if let Some(r) = &t.rewrite {
            ui.label(RichText::new(format!("For example: “{r}”")).italics());
        }
    }
}

/// The calm panel shown instead of a score when a reply speaks of self-harm or suicide.
pub fn crisis_panel(ui: &mut egui::Ui, a: &Analysis) -> Option<bool> {
    let mut out = None;
    ui.vertical_centered(|ui| {
        ui.add_space(12.0);
        ui.heading("You matter, and you don't have to carry this alone");
        ui.add_space(6.0);
        ui.label("What you wrote sounds like you might be going through something really painful. This reply was not scored — this is a practice tool, and right now practice can wait.");
        ui.add_space(8.0);
        for t in &a.tips {
            ui.label(RichText::new(&t.text).strong());
        }
        ui.add_space(12.0);
        ui.horizontal(|ui| {
            if ui.button("Back to the conversation").clicked() {
                out = Some(false);
            }
            if ui.button("Leave the scenario").clicked() {
                out = Some(true);
            }
        });
    });
    out
}
