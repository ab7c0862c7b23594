//! History: past sessions, a session's transcript with its feedback, progress over time, MITI figures, best results, delete and export.

use super::feedback;
use crate::records::{SessionId, SessionRecord, SessionSummary};
use crate::scoring::Dimension;
use bevy_egui::egui::{self, RichText};
use egui_plot::{Legend, Line, Plot, PlotPoints, Points};

/// What the user asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum HistoryAction {
    /// Show this session.
    Open(SessionId),
    /// Delete this session (already confirmed).
    Delete(SessionId),
    /// Delete everything (already confirmed).
    DeleteAll,
    /// Export this session as Markdown.
    ExportMarkdown(SessionId),
    /// Export everything as CSV.
    ExportCsv,
    /// Back to the library.
    Back,
}

/// What the history screen remembers.
#[derive(Debug, Clone, Default)]
pub struct HistoryState {
    /// Session awaiting delete confirmation.
    pub confirm_delete: Option<SessionId>,
    /// Delete-all awaiting confirmation.
    pub confirm_all: bool,
}

/// Draws the history; `open` is the session shown in detail, if any.
pub fn history(
    ui: &mut egui::Ui,
    sessions: &[SessionSummary],
    best: &[(String, String, [f64; 3])],
    open: Option<&SessionRecord>,
    st: &mut HistoryState,
    note: Option<&str>,
) -> Option<HistoryAction> {
    let mut action = None;
    ui.horizontal(|ui| {
        if ui.button("Back to the library").clicked() {
            action = Some(HistoryAction::Back);
        }
        if ui
            .add_enabled(
                !sessions.is_empty(),
                egui::Button::new("Export everything (CSV)"),
            )
            .clicked()
        {
            action = Some(HistoryAction::ExportCsv);
        }
        if st.confirm_all {
            ui.label(RichText::new("Delete every session and all your data?").strong());
            if ui.button("Yes, delete everything").clicked() {
                st.confirm_all = false;
                action = Some(HistoryAction::DeleteAll);
            }
            if ui.button("Cancel").clicked() {
                st.confirm_all = false;
            }
        } else if ui
            .add_enabled(!sessions.is_empty(), egui::Button::new("Delete all data…"))
            .clicked()
        {
            st.confirm_all = true;
        }
    });
    if let Some(n) = note {
        ui.label(RichText::new(n).small());
    }
    if sessions.is_empty() {
        ui.add_space(20.0);
        ui.label(
            "No sessions yet. Every conversation you have is kept here, on this computer only.",
        );
        return action;
    }
    egui::Panel::left("sessions")
        .resizable(true)
        .default_size(360.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                ui.heading("Progress");
                let finished: Vec<&SessionSummary> = sessions
                    .iter()
                    .rev()
                    .filter(|s| s.means.is_some())
                    .collect();
                Plot::new("progress")
                    .height(150.0)
                    .legend(Legend::default())
                    .include_y(0.0)
                    .include_y(100.0)
                    .x_axis_label("session")
                    .allow_scroll(false)
                    .allow_drag(false)
                    .allow_zoom(false)
                    .show(ui, |p| {
                        for (k, d) in Dimension::ALL.iter().enumerate() {
                            let pts: Vec<[f64; 2]> = finished
                                .iter()
                                .enumerate()
                                .filter_map(|(i, s)| s.means.map(|m| [i as f64 + 1.0, m[k]]))
                                .collect();
                            p.line(Line::new(d.label(), PlotPoints::from(pts.clone())));
                            p.points(Points::new(d.label(), PlotPoints::from(pts)).radius(3.0));
                        }
                        let moods: PlotPoints = finished
                            .iter()
                            .enumerate()
                            .filter_map(|(i, s)| {
                                s.mood_after.map(|m| [i as f64 + 1.0, m as f64 * 10.0])
                            })
                            .collect();
                        p.points(Points::new("mood after ×10", moods).radius(3.0));
                    });
                if !best.is_empty() {
                    ui.heading("Best per scenario");
                    for (_, title, m) in best {
                        ui.label(format!("{title}: {:.0} / {:.0} / {:.0}", m[0], m[1], m[2]));
                    }
                }
                ui.heading("Sessions");
                for s in sessions {
                    ui.horizontal(|ui| {
                        let ending = s
                            .ending
                            .map_or("unfinished".to_string(), |e| e.label().to_string());
                        let label = format!(
                            "{} · {} · {}{}",
                            crate::records::iso8601(s.started_at),
                            s.scenario_title,
                            ending,
                            if s.scripted { " (scripted)" } else { "" }
                        );
                        if ui
                            .selectable_label(open.is_some_and(|o| o.summary.id == s.id), label)
                            .clicked()
                        {
                            action = Some(HistoryAction::Open(s.id));
                        }
                    });
                }
            });
        });
    egui::CentralPanel::default().show(ui, |ui| {
        let Some(rec) = open else {
            ui.label("Pick a session to see its transcript and feedback.");
            return;
        };
        let s = &rec.summary;
        ui.heading(&s.scenario_title);
        ui.label(format!(
            "{} · {} replies · ending: {}",
            crate::records::iso8601(s.started_at),
            s.replies,
            s.ending.map_or("unfinished", |e| e.label())
        ));
        if let (Some(b), a) = (s.mood_before, s.mood_after) {
            ui.label(format!(
                "Mood before {b}/10{}",
                a.map_or(String::new(), |a| format!(", after {a}/10"))
            ));
        } else if let Some(a) = s.mood_after {
            ui.label(format!("Mood after {a}/10"));
        }
        ui.horizontal(|ui| {
            if ui.button("Export as Markdown").clicked() {
                action = Some(HistoryAction::ExportMarkdown(s.id));
            }
            if st.confirm_delete == Some(s.id) {
                if ui.button("Yes, delete this session").clicked() {
                    st.confirm_delete = None;
                    action = Some(HistoryAction::Delete(s.id));
                }
                if ui.button("Cancel").clicked() {
                    st.confirm_delete = None;
                }
            } else if ui.button("Delete…").clicked() {
                st.confirm_delete = Some(s.id);
            }
        });
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for (i, t) in rec.turns.iter().enumerate() {
                    ui.add_space(6.0);
                    ui.label(RichText::new(format!("{}. {}", i + 1, t.line)).weak());
                    if t.analysis.is_crisis() {
                        ui.label(format!("You: {}", t.reply));
                        ui.label(RichText::new("(not scored)").weak());
                    } else {
                        feedback::feedback(ui, &t.reply, &t.analysis);
                    }
                }
            });
    });
    action
}
