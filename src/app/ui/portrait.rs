//! A simple drawn portrait (head, hair, shoulders) whose mouth and brows follow the character's mood.

use crate::scenario::{Character, Mood, load::parse_hex_colour};
use bevy_egui::egui::{self, Color32, Pos2, Stroke, Vec2};

fn colour(hex: Option<&str>, fallback: [u8; 3]) -> Color32 {
    let [r, g, b] = hex.and_then(parse_hex_colour).unwrap_or(fallback);
    Color32::from_rgb(r, g, b)
}

/// Draws the portrait in a square of `size` points.
pub fn portrait(
    ui: &mut egui::Ui,
    character: Option<&Character>,
    mood: Mood,
    size: f32,
) -> egui::Response {
    let (rect, resp) = ui.allocate_exact_size(Vec2::splat(size), egui::Sense::hover());
    let p = ui.painter_at(rect);
    let pt = character.and_then(|c| c.portrait.as_ref());
    let skin = colour(pt.map(|p| p.skin.as_str()), [0xd9, 0xa0, 0x7a]);
    let hair = colour(pt.map(|p| p.hair.as_str()), [0x4a, 0x34, 0x28]);
    let clothes = colour(pt.map(|p| p.clothes.as_str()), [0x5c, 0x7c, 0x9a]);
    let c = rect.center();
    let s = size / 100.0;
    p.rect_filled(rect, 12.0, ui.visuals().faint_bg_color);
    // shoulders
    p.circle_filled(Pos2::new(c.x, rect.bottom() + 18.0 * s), 42.0 * s, clothes);
    // hair behind, head, hair on top
    p.circle_filled(Pos2::new(c.x, c.y - 8.0 * s), 30.0 * s, hair);
    p.circle_filled(Pos2::new(c.x, c.y - 2.0 * s), 26.0 * s, skin);
    p.rect_filled(
        egui::Rect::from_center_size(
            Pos2::new(c.x, c.y - 26.0 * s),
            Vec2::new(50.0 * s, 10.0 * s),
        ),
        5.0 * s,
        hair,
    );
    let ink = Color32::from_rgb(0x33, 0x2a, 0x25);
    let eye_y = c.y - 4.0 * s;
    for dx in [-9.0, 9.0] {
        p.circle_filled(Pos2::new(c.x + dx * s, eye_y), 2.6 * s, ink);
    }
    // brows: angle by mood
    let (inner, outer) = match mood {
        Mood::Angry => (3.0, -2.0),
        Mood::Sad | Mood::Hurt | Mood::Anxious => (-3.0, 1.5),
        Mood::Guarded => (0.5, 0.5),
        _ => (-0.5, -0.5),
    };
    for side in [-1.0f32, 1.0] {
        let a = Pos2::new(c.x + side * 5.0 * s, eye_y - 7.0 * s + inner * s);
        let b = Pos2::new(c.x + side * 13.0 * s, eye_y - 7.0 * s + outer * s);
        p.line_segment([a, b], Stroke::new(1.8 * s, ink));
    }
    // mouth: curve by mood
    let curve = match mood {
        Mood::Warm | Mood::Relieved | Mood::Hopeful => 4.0,
        Mood::Calm => 1.0,
        Mood::Guarded => 0.0,
        Mood::Anxious => -1.0,
        Mood::Sad | Mood::Hurt => -3.5,
        Mood::Angry => -2.5,
    };
    let my = c.y + 11.0 * s;
    let pts: Vec<Pos2> = (0..=8)
        .map(|i| {
            let t = i as f32 / 8.0 - 0.5;
            Pos2::new(c.x + t * 18.0 * s, my + curve * s * (1.0 - 4.0 * t * t))
        })
        .collect();
    p.add(egui::Shape::line(pts, Stroke::new(1.8 * s, ink)));
    resp.on_hover_text(format!("looks {}", mood.label()))
}
