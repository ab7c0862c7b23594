//! The library: scenarios grouped by problem area with perspective, summary, length and content notes; a filter; "surprise me".

use crate::app::assets::{Catalog, CatalogEntry};
use crate::dialogue::Mode;
use crate::records::SessionId;
use crate::scenario::Area;
use crate::scoring::Perspective;
use bevy_egui::egui::{self, Color32, RichText};
use std::path::PathBuf;

/// What the library screen remembers between frames.
#[derive(Debug, Clone, Default)]
pub struct LibraryState {
    /// Text filter over title, summary and area.
    pub filter: String,
    /// Only this perspective, if set.
    pub perspective: Option<Perspective>,
    /// How the next conversation is played.
    pub mode: Mode,
}

/// What the user asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum LibraryAction {
    /// Start this file.
    Start(PathBuf),
    /// Resume this recorded session.
    Resume(SessionId),
}

/// A session that can be resumed: (id, title, replies so far).
pub type Resumable = (SessionId, String, usize);

fn perspective_label(p: Perspective) -> &'static str {
    match p {
        Perspective::Client => "rehearse for myself",
        Perspective::Therapist => "practise as the therapist",
    }
}

fn matches(e: &CatalogEntry, st: &LibraryState) -> bool {
    let Some(s) = &e.scenario else {
        return st.filter.is_empty();
    };
    if st.perspective.is_some_and(|p| p != s.perspective) {
        return false;
    }
    let f = st.filter.to_lowercase();
    f.is_empty()
        || s.title.to_lowercase().contains(&f)
        || s.summary.to_lowercase().contains(&f)
        || s.area.label().to_lowercase().contains(&f)
        || s.content_notes
            .iter()
            .any(|n| n.to_lowercase().contains(&f))
}

/// Playable entries passing the filter.
pub fn playable<'a>(catalog: &'a Catalog, st: &LibraryState) -> Vec<&'a CatalogEntry> {
    catalog
        .entries
        .iter()
        .filter(|e| e.scenario.is_some() && matches(e, st))
        .collect()
}

/// Draws the library; returns what the user asked for.
pub fn library(
    ui: &mut egui::Ui,
    catalog: &Catalog,
    st: &mut LibraryState,
    resumable: &[Resumable],
) -> Option<LibraryAction> {
    let mut action = None;
    ui.horizontal(|ui| {
        ui.label("Find:");
        ui.add(
            egui::TextEdit::singleline(&mut st.filter)
                .hint_text("grief, partner, therapist…")
                .desired_width(220.0),
        );
        ui.separator();
        ui.selectable_value(&mut st.perspective, None, "All");
        ui.selectable_value(
            &mut st.perspective,
            Some(Perspective::Client),
            "Rehearse for myself",
        );
        ui.selectable_value(
            &mut st.perspective,
            Some(Perspective::Therapist),
            "Practise as the therapist",
        );
        ui.separator();
        ui.selectable_value(&mut st.mode, Mode::Practice, "Practice")
            .on_hover_text("Coaching prompts and feedback after every reply");
        ui.selectable_value(&mut st.mode, Mode::Challenge, "Challenge")
            .on_hover_text(
                "No coaching prompts, feedback only in the debrief, and people soften more slowly",
            );
        ui.separator();
        let pool = playable(catalog, st);
        if ui
            .add_enabled(!pool.is_empty(), egui::Button::new("🎲 Surprise me"))
            .clicked()
        {
            use rand::seq::IndexedRandom;
            if let Some(e) = pool.choose(&mut rand::rng()) {
                action = Some(LibraryAction::Start(e.path.clone()));
            }
        }
    });
    ui.add_space(6.0);
    if !resumable.is_empty() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(RichText::new("Pick up where you left off").strong());
            for (id, title, n) in resumable.iter().take(3) {
                ui.horizontal(|ui| {
                    if ui.button(format!("Resume “{title}”")).clicked() {
                        action = Some(LibraryAction::Resume(*id));
                    }
                    ui.label(
                        RichText::new(format!(
                            "{n} repl{} so far",
                            if *n == 1 { "y" } else { "ies" }
                        ))
                        .weak(),
                    );
                });
            }
        });
        ui.add_space(6.0);
    }
    if catalog.entries.is_empty() {
        ui.label("No scenarios found yet. They load from the bundled scenarios/ folder, your user folder and --scenarios DIR.");
    }
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for area in Area::ALL {
                let entries: Vec<&CatalogEntry> = catalog
                    .entries
                    .iter()
                    .filter(|e| {
                        e.scenario.as_ref().is_some_and(|s| s.area == area) && matches(e, st)
                    })
                    .collect();
                if entries.is_empty() {
                    continue;
                }
                ui.add_space(8.0);
                ui.heading(area.label());
                for e in entries {
                    if let Some(a) = card(ui, e) {
                        action = Some(a);
                    }
                }
            }
            let broken: Vec<&CatalogEntry> = catalog
                .entries
                .iter()
                .filter(|e| e.scenario.is_none())
                .collect();
            if !broken.is_empty() {
                ui.add_space(8.0);
                ui.heading("Files with errors");
                for e in broken {
                    diagnostics_box(ui, e);
                }
            }
        });
    action
}

fn card(ui: &mut egui::Ui, e: &CatalogEntry) -> Option<LibraryAction> {
    let s = e.scenario.as_ref()?;
    let mut action = None;
    egui::Frame::group(ui.style())
        .inner_margin(10.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                if ui
                    .button(RichText::new(&s.title).strong().size(16.0))
                    .on_hover_text("Start this conversation")
                    .clicked()
                {
                    action = Some(LibraryAction::Start(e.path.clone()));
                }
                ui.label(RichText::new(perspective_label(s.perspective)).italics());
                let who = s.counterpart().map(|c| c.name.clone()).unwrap_or_default();
                ui.label(
                    RichText::new(format!(
                        "with {who} · {} steps · {} endings · {} typed replies",
                        s.nodes.len(),
                        s.ending_count(),
                        s.free_text_count()
                    ))
                    .weak(),
                );
            });
            ui.label(&s.summary);
            if !s.content_notes.is_empty() {
                ui.label(
                    RichText::new(format!("Content notes: {}", s.content_notes.join(", ")))
                        .small()
                        .weak(),
                );
            }
            if e.broken {
                diagnostics_box(ui, e);
            }
        });
    action
}

/// A file's diagnostics, readable in place.
pub fn diagnostics_box(ui: &mut egui::Ui, e: &CatalogEntry) {
    let errors = e.diagnostics.iter().filter(|d| d.is_error()).count();
    let title = if e.scenario.is_some() {
        format!(
            "⚠ {} has {errors} error(s) on disk; the last good version is used",
            e.path.display()
        )
    } else {
        format!(
            "⚠ {} has {errors} error(s) and cannot be played",
            e.path.display()
        )
    };
    egui::CollapsingHeader::new(RichText::new(title).color(Color32::from_rgb(0xc6, 0x28, 0x28)))
        .id_salt(("diag", &e.path))
        .show(ui, |ui| {
            egui::ScrollArea::horizontal()
                .id_salt(("diag_scroll", &e.path))
                .show(ui, |ui| {
                    for d in &e.diagnostics {
                        diagnostic_text(ui, d);
                    }
                });
        });
}

/// One diagnostic as rustc-style monospace text, never wrapped (the caret must stay under its token).
pub fn diagnostic_text(ui: &mut egui::Ui, d: &crate::scenario::Diagnostic) {
    ui.add(
        egui::Label::new(RichText::new(d.to_string()).monospace().small())
            .wrap_mode(egui::TextWrapMode::Extend),
    );
}
