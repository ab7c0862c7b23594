//! The conversation: who you are talking to and how they feel, the transcript, their line, your options or reply box with live feedback.

use super::feedback;
use super::portrait::portrait;
use super::theme::bar_with_number;
use crate::dialogue::{Input, Prompt, Session, Turn, View, answer};
use crate::scenario::Character;
use crate::scoring::Analysis;
use bevy_egui::egui::{self, Color32, Key, RichText};

/// What the play screen remembers between frames.
#[derive(Debug, Clone, Default)]
pub struct PlayState {
    /// The reply being typed.
    pub draft: String,
    /// The draft as it will be sent (trimmed) and its analysis, recomputed when it changes.
    pub live: Option<(String, Analysis)>,
    /// Feedback panel collapsed.
    pub hide_feedback: bool,
    /// The mood thermometer's value before starting.
    pub mood_before: u8,
    /// The before-mood was saved or skipped.
    pub mood_done: bool,
    /// The node at which the user asked for help ("help", "what should I say?"): its coaching hint
    /// shows until they reply.
    pub help_at: Option<String>,
}

/// What the user asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum PlayAction {
    /// Reply: pick this visible option or send this text.
    Reply(Input),
    /// Show the whole line.
    SkipReveal,
    /// Pause and leave.
    Leave,
    /// Close the crisis panel; `true` also leaves the scenario.
    CloseCrisis(bool),
    /// Record how the user feels before starting (0–10).
    MoodBefore(u8),
}

/// Everything the play screen shows, borrowed from the session.
pub struct PlayModel<'a> {
    /// What the runner says to present.
    pub view: &'a View,
    /// The speaker, for the portrait.
    pub character: Option<&'a Character>,
    /// Exchanges so far.
    pub transcript: &'a [Turn],
    /// Characters of the line revealed.
    pub revealed: usize,
    /// The crisis panel is open.
    pub crisis: bool,
    /// A one-off notice (hot reload…).
    pub notice: Option<&'a str>,
}

fn meter_colour(value: f32, higher_is_worse: bool) -> Color32 {
    let good = if higher_is_worse { 1.0 - value } else { value };
    if good >= 0.6 {
        Color32::from_rgb(0x43, 0xa0, 0x47)
    } else if good >= 0.35 {
        Color32::from_rgb(0xf9, 0xa8, 0x25)
    } else {
        Color32::from_rgb(0xe5, 0x39, 0x35)
    }
}

/// Draws the play screen; returns what the user asked for. Live feedback is the session's
/// [`Session::preview`] of the draft, so it is scored exactly as the reply will be.
pub fn play(
    ui: &mut egui::Ui,
    m: &PlayModel<'_>,
    st: &mut PlayState,
    session: &Session,
    show_feedback: bool,
    live_feedback: bool,
) -> Option<PlayAction> {
    let mut action = None;
    let v = m.view;
    egui::Panel::left("who")
        .resizable(false)
        .exact_size(220.0)
        .show(ui, |ui| {
            ui.add_space(6.0);
            if ui
                .button("⏸ Pause / leave")
                .on_hover_text("Leave now; this conversation is saved and you can resume it later")
                .clicked()
            {
                action = Some(PlayAction::Leave);
            }
            ui.add_space(8.0);
            portrait(ui, m.character, v.mood, 160.0);
            ui.heading(&v.speaker);
            if let Some(c) = m.character
                && !c.description.is_empty()
            {
                ui.label(RichText::new(&c.description).weak());
            }
            ui.label(format!("Looks {}", v.mood.label()));
            ui.add_space(8.0);
            for meter in &v.meters {
                let frac = (meter.value - meter.min) as f32 / (meter.max - meter.min).max(1) as f32;
                let delta = match meter.last_delta {
                    0 => String::new(),
                    d if d > 0 => format!("  (+{d})"),
                    d => format!("  (−{})", -d),
                };
                ui.label(format!("{}{delta}", meter.label));
                bar_with_number(
                    ui,
                    frac,
                    meter_colour(frac, meter.higher_is_worse),
                    150.0,
                    &format!("{}/{}", meter.value, meter.max),
                );
            }
        });
    egui::CentralPanel::default().show(ui, |ui| {
        if let Some(n) = m.notice {
            ui.label(RichText::new(n).italics().weak());
        }
        if m.crisis {
            if let Some(t) = m.transcript.last()
                && let Some(leave) = feedback::crisis_panel(ui, &t.analysis)
            {
                action = Some(PlayAction::CloseCrisis(leave));
            }
            return;
        }
        if m.transcript.is_empty() && !st.mood_done {
            ui.horizontal(|ui| {
                ui.label(RichText::new("Before you start — how are you feeling? (0 = very low, 10 = very good; optional)").small());
                ui.add(egui::Slider::new(&mut st.mood_before, 0..=10));
                if ui.small_button("Save").clicked() {
                    st.mood_done = true;
                    action = Some(PlayAction::MoodBefore(st.mood_before));
                }
                if ui.small_button("Skip").clicked() {
                    st.mood_done = true;
                }
            });
        }
        let bottom_h = (ui.available_height() * 0.55).max(200.0);
        egui::ScrollArea::vertical()
            .max_height(ui.available_height() - bottom_h)
            .stick_to_bottom(true)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                for t in m.transcript {
                    ui.label(RichText::new(format!("{}: {}", t.speaker, t.line)).weak());
                    ui.label(RichText::new(format!("You: {}", t.reply)).weak().italics());
                    ui.add_space(2.0);
                }
            });
        ui.separator();
        let full = v.line.chars().count();
        let shown: String = v.line.chars().take(m.revealed.min(full)).collect();
        let revealing = m.revealed < full;
        ui.label(RichText::new(&v.speaker).strong());
        let line_resp =
            ui.add(egui::Label::new(RichText::new(shown).size(18.0)).sense(egui::Sense::click()));
        if revealing {
            if line_resp.clicked() || ui.input(|i| i.key_pressed(Key::Space)) {
                action = Some(PlayAction::SkipReveal);
            }
            ui.label(
                RichText::new("(click or press Space to show it all)")
                    .small()
                    .weak(),
            );
            return;
        }
        ui.add_space(8.0);
        match &v.prompt {
            Prompt::Options(opts) => {
                let typing = ui.memory(|mem| mem.focused().is_some());
                for o in opts {
                    let label = format!("{}. {}", o.index + 1, o.text);
                    let key_hit = !typing
                        && o.index < 9
                        && ui.input(|i| i.key_pressed(number_key(o.index + 1)));
                    let b = ui.add(
                        egui::Button::new(RichText::new(label).size(15.0))
                            .wrap()
                            .min_size(egui::vec2(ui.available_width(), 28.0)),
                    );
                    if b.clicked() || key_hit {
                        action = Some(PlayAction::Reply(Input::Choose(o.index)));
                    }
                }
            }
            Prompt::FreeText { prompt } => {
                ui.label(RichText::new(prompt).italics());
                if let Some(hint) = v.hint.as_ref().filter(|_| st.help_at.as_ref() == Some(&v.node)) {
                    egui::Frame::group(ui.style()).show(ui, |ui| {
                        ui.label(
                            RichText::new(format!("Not sent to {}. What this moment asks for:", v.speaker))
                                .small()
                                .weak(),
                        );
                        ui.label(hint);
                        if let Some(w) = &v.way_in {
                            ui.label(RichText::new(format!("One way in: {w}")).small());
                        }
                        ui.label(
                            RichText::new("Say it in your own words; there is no one right reply.")
                                .small()
                                .weak(),
                        );
                    });
                }
                let resp = ui.add(
                    egui::TextEdit::multiline(&mut st.draft)
                        .desired_rows(2)
                        .desired_width(f32::INFINITY)
                        .hint_text("Type your reply — Enter sends, Shift+Enter for a new line")
                        .id_salt("reply"),
                );
                let enter = resp.has_focus()
                    && ui.input(|i| i.key_pressed(Key::Enter) && !i.modifiers.shift);
                if enter {
                    // The Enter itself was typed into the box: drop the newline it added.
                    while st.draft.ends_with('\n') {
                        st.draft.pop();
                    }
                }
                let send = ui
                    .add_enabled(!st.draft.trim().is_empty(), egui::Button::new("Send"))
                    .clicked();
                if (send || enter) && answer::asks_for_help(&st.draft) {
                    // Asked of the app, not the other person: nothing is sent or scored.
                    st.draft.clear();
                    st.live = None;
                    st.help_at = Some(v.node.clone());
                } else if (send || enter) && !st.draft.trim().is_empty() {
                    action = Some(PlayAction::Reply(Input::Say(std::mem::take(&mut st.draft))));
                    st.live = None;
                    st.help_at = None;
                } else if live_feedback && !st.draft.trim().is_empty() {
                    let draft = st.draft.trim();
                    if st.live.as_ref().is_none_or(|(d, _)| d != draft) {
                        st.live = Some((draft.to_string(), session.preview(draft)));
                    }
                    if let Some((d, a)) = &st.live {
                        ui.label(RichText::new("As you type:").small().weak());
                        feedback::highlighted(ui, d, a);
                        match a.unanswerable {
                            Some(why) => {
                                ui.label(
                                    RichText::new(format!("Not scored: {}.", why.label())).small(),
                                );
                            }
                            None => feedback::code_chips(ui, a),
                        }
                    }
                }
            }
            Prompt::Ending { .. } => {}
        }
        if show_feedback
            && let Some(t) = m.transcript.last()
            && !t.analysis.is_crisis()
        {
            ui.add_space(10.0);
            let header =
                egui::CollapsingHeader::new(RichText::new("Feedback on your last reply").strong())
                    .id_salt("feedback")
                    .open(Some(!st.hide_feedback))
                    .show(ui, |ui| {
                        egui::ScrollArea::vertical()
                            .id_salt("fb_scroll")
                            .show(ui, |ui| feedback::feedback(ui, &t.reply, &t.analysis));
                    });
            if header.header_response.clicked() {
                st.hide_feedback = !st.hide_feedback;
            }
        }
    });
    action
}

/// The key for option `n` (1–9).
pub fn number_key(n: usize) -> Key {
    match n {
        1 => Key::Num1,
        2 => Key::Num2,
        3 => Key::Num3,
        4 => Key::Num4,
        5 => Key::Num5,
        6 => Key::Num6,
        7 => Key::Num7,
        8 => Key::Num8,
        _ => Key::Num9,
    }
}
