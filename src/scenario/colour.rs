//! Stage two's validated colours: a portrait's `#rrggbb` strings parsed once at load, not on every frame.

use super::raw::Character;

/// A colour's red, green and blue.
pub type Rgb = [u8; 3];

/// A character's portrait colours, parsed and with defaults filled in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PortraitColours {
    /// Skin tone.
    pub skin: Rgb,
    /// Hair.
    pub hair: Rgb,
    /// Clothing.
    pub clothes: Rgb,
}

impl PortraitColours {
    /// The colours of a character with no portrait.
    pub const DEFAULT: PortraitColours = PortraitColours {
        skin: [0xd9, 0xa0, 0x7a],
        hair: [0x4a, 0x34, 0x28],
        clothes: [0x5c, 0x7c, 0x9a],
    };

    /// A character's colours (validation has already rejected a colour that does not parse; a
    /// missing portrait or colour takes the default).
    pub fn of(c: &Character) -> PortraitColours {
        let d = Self::DEFAULT;
        let Some(p) = &c.portrait else { return d };
        PortraitColours {
            skin: parse_hex_colour(&p.skin).unwrap_or(d.skin),
            hair: parse_hex_colour(&p.hair).unwrap_or(d.hair),
            clothes: parse_hex_colour(&p.clothes).unwrap_or(d.clothes),
        }
    }
}

/// Parses `#rrggbb`.
pub fn parse_hex_colour(s: &str) -> Option<Rgb> {
    let h = s.strip_prefix('#')?;
    if h.len() != 6 || !h.is_ascii() {
        return None;
    }
    let b = |i: usize| u8::from_str_radix(&h[i..i + 2], 16).ok();
    Some([b(0)?, b(2)?, b(4)?])
}
