//! The look of a report: page geometry, type sizes and colours, in PDF points.

use crate::document::AlertKind;

/// An RGB colour, components 0–1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Rgb(pub f32, pub f32, pub f32);

impl Rgb {
    /// From `0xRRGGBB`.
    pub(super) const fn hex(v: u32) -> Rgb {
        Rgb(
            ((v >> 16) & 0xff) as f32 / 255.0,
            ((v >> 8) & 0xff) as f32 / 255.0,
            (v & 0xff) as f32 / 255.0,
        )
    }
}

pub(super) const INK: Rgb = Rgb::hex(0x1f2933);
pub(super) const MUTED: Rgb = Rgb::hex(0x616e7c);
pub(super) const ACCENT: Rgb = Rgb::hex(0x1d4e89);
pub(super) const RULE: Rgb = Rgb::hex(0xc5ccd6);
pub(super) const ZEBRA: Rgb = Rgb::hex(0xf5f7fa);
pub(super) const CODE_BG: Rgb = Rgb::hex(0xf1f3f5);
pub(super) const LINK: Rgb = Rgb::hex(0x1a5fb4);
pub(super) const WHITE: Rgb = Rgb(1.0, 1.0, 1.0);
/// The internal edition's line: red, so "do not forward" is seen before it is read.
pub(super) const INTERNAL: Rgb = Rgb::hex(0xb03a2e);
/// The public edition's tag on the title page.
pub(super) const PUBLIC: Rgb = Rgb::hex(0x1f7a5a);

/// Categorical palette for chart series, readable in print and for common colour blindness.
pub(super) const SERIES: [Rgb; 8] = [
    Rgb::hex(0x1d4e89),
    Rgb::hex(0xe07b39),
    Rgb::hex(0x2a9d8f),
    Rgb::hex(0xc44536),
    Rgb::hex(0x7b5ea7),
    Rgb::hex(0x8a6d3b),
    Rgb::hex(0xd1495b),
    Rgb::hex(0x4d908e),
];

/// Body text size and line height.
pub(super) const BODY: f32 = 10.0;
pub(super) const LEADING: f32 = 1.55;
/// Table text.
pub(super) const TABLE: f32 = 8.5;
pub(super) const TABLE_LEADING: f32 = 1.4;
/// Running header and footer.
pub(super) const FURNITURE: f32 = 8.0;

/// Ascender of the bundled face in em: places a baseline inside its line box.
pub(super) const ASCENT: f32 = 0.88;

/// Heading size by level (1–6) after numbering shifted the top level to 1.
pub(super) fn heading_size(level: u8) -> f32 {
    match level {
        1 => 18.0,
        2 => 13.5,
        3 => 11.5,
        _ => 10.5,
    }
}

/// Page margins.
pub(super) const MARGIN_X: f32 = 62.0;
pub(super) const MARGIN_TOP: f32 = 70.0;
pub(super) const MARGIN_BOTTOM: f32 = 66.0;
/// Indent of each list level.
pub(super) const LIST_INDENT: f32 = 16.0;
/// Space between blocks.
pub(super) const GAP: f32 = 7.0;

/// Colour of an alert's bar and its tinted background.
pub(super) fn alert_colors(kind: AlertKind) -> (Rgb, Rgb) {
    match kind {
        AlertKind::Note => (Rgb::hex(0x1f6feb), Rgb::hex(0xeef4fd)),
        AlertKind::Tip => (Rgb::hex(0x1a7f37), Rgb::hex(0xedf7ef)),
        AlertKind::Important => (Rgb::hex(0x8250df), Rgb::hex(0xf4effc)),
        AlertKind::Warning => (Rgb::hex(0xb7791f), Rgb::hex(0xfdf6e7)),
        AlertKind::Caution => (Rgb::hex(0xcf222e), Rgb::hex(0xfcefef)),
    }
}
