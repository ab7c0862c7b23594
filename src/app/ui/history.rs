//! History: past sessions, a session's transcript with its feedback, progress over time, MITI figures, best results, delete and export.

use super::feedback;
use super::theme::series_colour;
use crate::records::{SessionId, SessionRecord, SessionSummary};
use crate::scoring::Dimension;
use bevy_egui::egui::{self, Align2, Color32, RichText};
use egui_plot::{Line, Plot, PlotPoint, PlotPoints, Points, Text};

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
    // The clock and the time zone once per drawing, not once per listed session.
    let (now, tz) = (
        jiff::Timestamp::now().as_second(),
        jiff::tz::TimeZone::system(),
    );
    let local_date = |secs: i64| friendly_date(secs, now, &tz);
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
                // Finished sessions the user played: not one left half-way, nor an autoplayed run
                // (the best scores leave out the same).
                let finished: Vec<&SessionSummary> = sessions
                    .iter()
                    .rev()
                    .filter(|s| s.means.is_some() && s.is_finished() && !s.scripted)
                    .collect();
                progress_plot(ui, &finished);
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
                            local_date(s.started_at),
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
            local_date(s.started_at),
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
                    // After a clarify the reply was read against the line the clarify asked about.
                    if let Some(asked) = &t.asked {
                        ui.label(
                            RichText::new(format!("(read as an answer to: {asked})"))
                                .weak()
                                .italics(),
                        );
                    }
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

/// Fewer finished sessions than this and the progress chart labels each point with its value.
const FEW: usize = 3;

/// The progress chart: each score's session mean and the mood after, one point per finished session.
/// The legend is drawn under the chart so it never covers a point; with only a session or two, the
/// points carry their values and a note says a trend needs more sessions.
fn progress_plot(ui: &mut egui::Ui, finished: &[&SessionSummary]) {
    let dark = ui.visuals().dark_mode;
    let n = finished.len();
    let at = |i: usize| i as f64 + 1.0;
    let mut series: Vec<(&str, Color32, Vec<[f64; 2]>)> = Dimension::ALL
        .iter()
        .enumerate()
        .map(|(k, d)| {
            let pts = finished
                .iter()
                .enumerate()
                .filter_map(|(i, s)| s.means.map(|m| [at(i), m[k]]))
                .collect();
            (d.label(), series_colour(k, dark), pts)
        })
        .collect();
    let moods = finished
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.mood_after.map(|m| [at(i), m as f64 * 10.0]))
        .collect();
    series.push(("mood after ×10", series_colour(3, dark), moods));
    let few = n < FEW;
    // Value labels, nudged apart where two points of one session are close.
    let mut labels: Vec<(f64, f64, f64, Color32)> = Vec::new();
    if few {
        for i in 0..n {
            let mut here: Vec<(f64, Color32)> = series
                .iter()
                .filter_map(|(_, c, pts)| pts.iter().find(|p| p[0] == at(i)).map(|p| (p[1], *c)))
                .collect();
            here.sort_by(|a, b| a.0.total_cmp(&b.0));
            let mut last = f64::NEG_INFINITY;
            for (y, c) in here {
                let ly = y.max(last + 14.0);
                labels.push((at(i), ly, y, c));
                last = ly;
            }
        }
    }
    Plot::new("progress")
        .height(200.0)
        .include_x(0.5)
        .include_x(n as f64 + 0.5)
        .include_y(0.0)
        .include_y(115.0)
        .x_axis_label("session")
        .x_axis_formatter(super::whole_number_label)
        .allow_scroll(false)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_boxed_zoom(false)
        .show(ui, |p| {
            for (name, c, pts) in &series {
                if pts.len() > 1 {
                    p.line(Line::new(*name, PlotPoints::from(pts.clone())).color(*c));
                }
                p.points(
                    Points::new(*name, PlotPoints::from(pts.clone()))
                        .color(*c)
                        .radius(4.0),
                );
            }
            for (x, ly, y, c) in &labels {
                // Labels face away from the lines: left of the first session's points when there is a second.
                let (dx, anchor) = if n > 1 && *x == 1.0 {
                    (-0.04, Align2::RIGHT_CENTER)
                } else {
                    (0.04, Align2::LEFT_CENTER)
                };
                p.text(
                    Text::new(
                        "value",
                        PlotPoint::new(x + dx * n as f64, *ly),
                        RichText::new(format!("{y:.0}")).small().strong().color(*c),
                    )
                    .color(*c)
                    .anchor(anchor),
                );
            }
        });
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        for (name, c, _) in &series {
            let (r, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
            ui.painter().circle_filled(r.center(), 4.5, *c);
            ui.label(RichText::new(*name).small());
            ui.add_space(6.0);
        }
    });
    if few {
        ui.label(
            RichText::new(match n {
                0 => "No finished sessions yet — finish one to see your scores here.".to_string(),
                1 => "One finished session so far — play more sessions to see a trend.".to_string(),
                _ => format!("{n} finished sessions so far — play more sessions to see a trend."),
            })
            .small()
            .weak(),
        );
    }
}

/// A moment as people say it, in `tz`, relative to `now` (both seconds since 1970, UTC):
/// "Today 14:05", "Yesterday 09:12", "Sat 28 Nov 23:50", with the year when it is not this year's.
pub fn friendly_date(secs: i64, now: i64, tz: &jiff::tz::TimeZone) -> String {
    let (Ok(at), Ok(now)) = (
        jiff::Timestamp::from_second(secs),
        jiff::Timestamp::from_second(now),
    ) else {
        return crate::records::iso8601(secs);
    };
    let (at, now) = (tz.to_datetime(at), tz.to_datetime(now));
    let (day, today) = (at.date(), now.date());
    let hm = at.strftime("%H:%M");
    if day == today {
        format!("Today {hm}")
    } else if today.yesterday().ok() == Some(day) {
        format!("Yesterday {hm}")
    } else if day.year() == today.year() {
        at.strftime("%a %-d %b %H:%M").to_string()
    } else {
        at.strftime("%a %-d %b %Y %H:%M").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::tz::{Offset, TimeZone};

    #[test]
    fn dates_are_local_and_friendly() {
        // 2026-11-29T01:30:00Z is a Sunday.
        let now = 1_795_915_800;
        let plus2 = TimeZone::fixed(Offset::from_hours(2).unwrap());
        let utc = TimeZone::UTC;
        assert_eq!(friendly_date(now - 3600, now, &utc), "Today 00:30");
        // 2026-11-28T23:50:44Z: yesterday in UTC, today (01:50) two hours east.
        let t = now - 5956;
        assert_eq!(friendly_date(t, now, &utc), "Yesterday 23:50");
        assert_eq!(friendly_date(t, now, &plus2), "Today 01:50");
        assert_eq!(friendly_date(t - 86_400, now, &utc), "Fri 27 Nov 23:50");
        assert_eq!(
            friendly_date(t - 365 * 86_400, now, &utc),
            "Fri 28 Nov 2025 23:50"
        );
    }
}
