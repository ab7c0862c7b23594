//! The debrief: the ending and its lesson, session scores, a chart over the turns, MITI figures, turning points, try again and export.

use super::theme::score_colour;
use crate::dialogue::{CRISIS_REMINDER, Turn, crisis_help, session_means};
use crate::scenario::{EndingKind, Meter};
use crate::scoring::metrics::{Globals, Rating, SessionMetrics};
use crate::scoring::{Dimension, Perspective, Tip};
use bevy_egui::egui::{self, RichText};
use egui_plot::{Legend, Line, Plot, PlotPoints};

/// What the user asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum DebriefAction {
    /// Play again.
    TryAgain,
    /// Back to the library.
    Library,
    /// Save the transcript as Markdown.
    ExportMarkdown,
    /// Save the transcript as JSON.
    ExportJson,
    /// Record how the user feels now (0–10).
    MoodAfter(u8),
}

/// Everything the debrief shows.
pub struct DebriefModel<'a> {
    /// Ending kind.
    pub kind: EndingKind,
    /// Ending title.
    pub title: &'a str,
    /// The debrief text.
    pub debrief: &'a str,
    /// Exchanges.
    pub transcript: &'a [Turn],
    /// Who the user spoke as.
    pub perspective: Perspective,
    /// The session's figures, computed once when the debrief opens ([`DebriefFigures::new`]).
    pub figures: &'a DebriefFigures,
    /// What became of the last export ("Saved to …" or why it failed), if any.
    pub exported: Option<&'a str>,
}

/// The figures a debrief shows, worked out once from a finished transcript (which no longer
/// changes), not on every frame it is drawn.
#[derive(Debug, Clone, Default)]
pub struct DebriefFigures {
    /// The session's metrics ([`crate::dialogue::Runner::metrics`]).
    pub metrics: SessionMetrics,
    /// The mean score per dimension over the scored replies ([`session_means`]); `None` when none was scored.
    pub means: Option<[f64; 3]>,
    /// Per dimension (in [`Dimension::ALL`]'s order), each scored reply's (reply number, score).
    pub points: Vec<Vec<[f64; 2]>>,
    /// The turns that moved the meters most ([`turning_points`]).
    pub turning: Vec<(usize, i64)>,
    /// Where to find help, as the last crisis turn showed it ([`crisis_help`]), if any.
    pub crisis_help: Option<Vec<Tip>>,
}

impl DebriefFigures {
    /// Works out the figures of `transcript`, whose other person has `meters`.
    pub fn new(transcript: &[Turn], meters: &[Meter], metrics: SessionMetrics) -> DebriefFigures {
        let points = Dimension::ALL
            .iter()
            .map(|d| {
                transcript
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| t.is_scored())
                    .map(|(i, t)| [i as f64 + 1.0, t.analysis.scores.get(*d) as f64])
                    .collect()
            })
            .collect();
        DebriefFigures {
            metrics,
            means: session_means(transcript),
            points,
            turning: turning_points(transcript, meters),
            crisis_help: crisis_help(transcript).map(<[Tip]>::to_vec),
        }
    }
}

/// What the debrief screen remembers.
#[derive(Debug, Clone, Default)]
pub struct DebriefState {
    /// The mood slider's value.
    pub mood: u8,
    /// Mood saved.
    pub mood_saved: bool,
}

/// The turns that moved the meters most: (turn index, net good change), biggest first, at most three.
pub fn turning_points(turns: &[Turn], meters: &[Meter]) -> Vec<(usize, i64)> {
    let mut v: Vec<(usize, i64)> = turns
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let net: i64 = t
                .meter_deltas
                .iter()
                .map(|(id, d)| {
                    if meters.iter().any(|m| &m.id == id && m.higher_is_worse) {
                        -d
                    } else {
                        *d
                    }
                })
                .sum();
            (i, net)
        })
        .filter(|(_, n)| *n != 0)
        .collect();
    v.sort_by_key(|(i, n)| (std::cmp::Reverse(n.abs()), *i));
    v.truncate(3);
    v
}

fn rating_text(r: Rating) -> &'static str {
    match r {
        Rating::Good => "good",
        Rating::Fair => "fair",
        Rating::BelowFair => "below fair",
        Rating::NotApplicable => "n/a",
    }
}

/// The four MITI global ratings, plainly labelled as estimates, each with what it rests on.
fn globals(ui: &mut egui::Ui, g: &Globals) {
    ui.add_space(6.0);
    ui.label(RichText::new("Global ratings — estimates").strong());
    ui.label(
        RichText::new(
            "A MITI coder rates these by listening to the whole conversation. Rapport only \
             estimates them from the codes of your replies, so read them as a rough guide.",
        )
        .small(),
    );
    for (name, e) in g.named() {
        ui.label(format!("{name}: ≈ {:.1} / 5", e.value));
        ui.indent(name, |ui| {
            ui.add(egui::Label::new(RichText::new(&e.basis).small()).wrap());
        });
    }
    ui.label(format!(
        "Technical ≈ {:.1}, relational ≈ {:.1}: {} (fair: technical ≥ 3 and relational ≥ 3.5; good: both ≥ 4)",
        g.technical(),
        g.relational(),
        rating_text(g.rating())
    ));
}

/// Draws the debrief; returns what the user asked for.
pub fn debrief(
    ui: &mut egui::Ui,
    m: &DebriefModel<'_>,
    st: &mut DebriefState,
) -> Option<DebriefAction> {
    let mut action = None;
    let dark = ui.visuals().dark_mode;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let badge = match m.kind {
                EndingKind::Good => "A good ending",
                EndingKind::Mixed => "A mixed ending",
                EndingKind::Hard => "A hard ending — and a useful one to learn from",
            };
            ui.label(RichText::new(badge).weak());
            ui.heading(m.title);
            ui.label(RichText::new(m.debrief).size(15.0));
            let fig = m.figures;
            if let Some(help) = &fig.crisis_help {
                ui.add_space(10.0);
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.label(RichText::new(CRISIS_REMINDER).size(15.0));
                    for t in help {
                        ui.label(RichText::new(&t.text).strong());
                    }
                });
            }
            ui.add_space(10.0);
            ui.horizontal(|ui| {
                if ui.button("↻ Try again").clicked() {
                    action = Some(DebriefAction::TryAgain);
                }
                if ui.button("Export transcript (Markdown)").clicked() {
                    action = Some(DebriefAction::ExportMarkdown);
                }
                if ui.button("Export (JSON)").clicked() {
                    action = Some(DebriefAction::ExportJson);
                }
                if ui.button("Back to the library").clicked() {
                    action = Some(DebriefAction::Library);
                }
            });
            if let Some(note) = m.exported {
                ui.label(RichText::new(note).small());
            }
            ui.add_space(10.0);
            ui.heading("Your scores this session");
            if let Some(means) = fig.means {
                ui.horizontal(|ui| {
                    for (i, d) in Dimension::ALL.iter().enumerate() {
                        let s = means[i].round() as u8;
                        ui.vertical(|ui| {
                            ui.label(
                                RichText::new(format!("{s}"))
                                    .size(28.0)
                                    .color(score_colour(s, dark)),
                            );
                            ui.label(d.label());
                        });
                        ui.add_space(24.0);
                    }
                });
                let lines: Vec<Line> = Dimension::ALL
                    .iter()
                    .zip(&fig.points)
                    .map(|(d, pts)| Line::new(d.label(), PlotPoints::from(pts.clone())))
                    .collect();
                Plot::new("scores_over_turns")
                    .height(180.0)
                    .legend(Legend::default())
                    .include_x(0.5)
                    .include_x(m.transcript.len() as f64 + 0.5)
                    .include_y(0.0)
                    .include_y(100.0)
                    .x_axis_label("reply")
                    .x_axis_formatter(super::whole_number_label)
                    .allow_scroll(false)
                    .allow_drag(false)
                    .allow_zoom(false)
                    .show(ui, |p| {
                        for l in lines {
                            p.line(l);
                        }
                    });
            }
            let metrics = &fig.metrics;
            let unscored = metrics.unanswerable;
            if unscored > 0 {
                ui.label(
                    RichText::new(format!(
                        "{unscored} {} gave the other person nothing to answer (keys struck at random, \
                         punctuation alone, their own line or the hint pasted back) and {} not scored.",
                        if unscored == 1 { "reply" } else { "replies" },
                        if unscored == 1 { "was" } else { "were" },
                    ))
                    .small(),
                );
            }
            ui.add_space(8.0);
            if m.perspective == Perspective::Therapist {
                ui.heading("MITI 4.2.1 summary");
                egui::Grid::new("miti").striped(true).show(ui, |ui| {
                    ui.label("Reflection-to-question ratio");
                    ui.label(metrics.r2q_shown(|r| format!("{r:.1} : 1")));
                    ui.label(format!(
                        "{} (fair ≥ 1:1, good ≥ 2:1)",
                        rating_text(metrics.rating_r2q())
                    ));
                    ui.end_row();
                    ui.label("Complex reflections");
                    ui.label(
                        metrics
                            .pct_complex_reflections
                            .map_or("—".into(), |p| format!("{p:.0}%")),
                    );
                    ui.label(format!(
                        "{} (fair ≥ 40%, good ≥ 50%)",
                        rating_text(metrics.rating_complex())
                    ));
                    ui.end_row();
                    ui.label("Open questions");
                    ui.label(
                        metrics
                            .pct_open_questions
                            .map_or("—".into(), |p| format!("{p:.0}%")),
                    );
                    ui.label("");
                    ui.end_row();
                    ui.label("Your share of the talk");
                    ui.label(format!("{:.0}%", metrics.share_of_talk * 100.0));
                    ui.label("");
                    ui.end_row();
                    ui.label("MI-adherent / non-adherent");
                    ui.label(format!(
                        "{} / {}",
                        metrics.mi_adherent, metrics.mi_non_adherent
                    ));
                    ui.label(
                        "seeking collaboration, affirming, autonomy / confronting, persuading",
                    );
                    ui.end_row();
                });
                if let Some(g) = &metrics.globals {
                    globals(ui, g);
                }
            }
            ui.label(format!(
                "Horsemen: {} · antidotes: {}",
                metrics.horsemen, metrics.antidotes
            ));
            let tps = &fig.turning;
            if !tps.is_empty() {
                ui.add_space(8.0);
                ui.heading("Turning points");
                for &(i, net) in tps {
                    let t = &m.transcript[i];
                    let dir = if net > 0 { "helped" } else { "hurt" };
                    ui.label(RichText::new(format!(
                        "Reply {} {dir} ({net:+}): “{}”",
                        i + 1,
                        t.reply
                    )));
                }
            }
            ui.add_space(10.0);
            ui.label("How are you feeling now? (0 = very low, 10 = very good; optional)");
            ui.horizontal(|ui| {
                ui.add_enabled(!st.mood_saved, egui::Slider::new(&mut st.mood, 0..=10));
                if !st.mood_saved && ui.button("Save").clicked() {
                    st.mood_saved = true;
                    action = Some(DebriefAction::MoodAfter(st.mood));
                } else if st.mood_saved {
                    ui.label("Saved — thank you.");
                }
            });
        });
    action
}
