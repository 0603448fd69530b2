//! Scenes ([`crate::render::scene`]) measured with the PDF's fonts and drawn as PDF
//! drawings: the PDF side of the one chart layout.

use super::fonts::FontSet;
use super::layout::{Draw, Stroke};
use super::text::{TextStyle, measure, single_line};
use super::theme::{self, Rgb};
use crate::document::KeyMark;
use crate::render::scene::sentiment::Band;
use crate::render::scene::{BASELINE, EdgeKind, LINE_HEIGHT, Role, Scene, Shape, TextMeasure};

/// Text measured with a font set: the user's fonts in a PDF, the bundled ones for SVG.
pub(crate) struct FontMeasure<'a>(pub(super) &'a mut FontSet);

impl TextMeasure for FontMeasure<'_> {
    fn width(&mut self, text: &str, size: f64) -> f64 {
        f64::from(measure(
            text,
            TextStyle::new(size as f32, theme::INK),
            self.0,
        ))
    }
}

/// Measures `text` at `size` with the bundled fonts, which the HTML's charts are laid out
/// with, so that both outputs wrap and place the same names the same way.
pub(crate) fn with_bundled<T>(f: impl FnOnce(&mut dyn TextMeasure) -> T) -> T {
    thread_local! {
        static FONTS: std::cell::RefCell<Option<FontSet>> = const { std::cell::RefCell::new(None) };
    }
    FONTS.with(|fonts| {
        let mut fonts = fonts.borrow_mut();
        let fonts = fonts.get_or_insert_with(|| {
            FontSet::new(&[]).expect("the bundled fonts load without files")
        });
        f(&mut FontMeasure(fonts))
    })
}

/// Quadrant tints, as in the HTML: manage closely, keep satisfied, keep informed, monitor.
const QUADRANTS: [Rgb; 4] = [
    Rgb::hex(0xe4edf6),
    Rgb::hex(0xeef2f6),
    Rgb::hex(0xeef4ef),
    Rgb::hex(0xf7f8f9),
];

/// The colour of a satisfaction band, as in the HTML.
fn band_color(band: Band) -> Rgb {
    Rgb::hex(match band {
        Band::Good => 0x3c7d4f,
        Band::Fair => 0xb7791f,
        Band::Poor => 0xb03a2e,
    })
}

/// The colour of an engagement gap: amber where engagement must rise.
fn gap_color(up: bool) -> Rgb {
    Rgb::hex(if up { 0xb7791f } else { 0x8a97a5 })
}

/// The stroke of an edge kind: conflicts red and dashed, alliances green, as in the HTML.
fn edge_stroke(kind: EdgeKind, scale: f32) -> Stroke {
    let (color, width, dash) = match kind {
        EdgeKind::Ally => (0x2a9d8f, 1.6, None),
        EdgeKind::Conflict => (0xc44536, 1.6, Some((5.0, 3.0))),
        EdgeKind::ReportsTo => (0x616e7c, 1.1, None),
        EdgeKind::Influences => (0x616e7c, 1.1, Some((2.0, 3.0))),
        EdgeKind::MemberOf => (0xaab2bd, 1.0, None),
    };
    Stroke {
        color: Rgb::hex(color),
        width: width * scale,
        dash: dash.map(|(a, b)| (a * scale, b * scale)),
    }
}

/// The drawings of `scene` with its top left at `(x, y)`, `scale` points a unit.
pub(super) fn draw(fonts: &mut FontSet, scene: &Scene, x: f32, y: f32, scale: f32) -> Vec<Draw> {
    let at = |(px, py): (f64, f64)| (x + px as f32 * scale, y + py as f32 * scale);
    let mut draws = Vec::new();
    for item in &scene.items {
        match (&item.shape, item.role) {
            (Shape::Line { from, to }, role) => {
                let stroke = match role {
                    Role::Edge(kind) => edge_stroke(kind, scale),
                    Role::Rule => Stroke::solid(theme::RULE, 0.8 * scale),
                    Role::Gap { up } => Stroke::solid(gap_color(up), 1.6 * scale),
                    Role::Axis => Stroke::solid(theme::RULE, 0.8 * scale),
                    Role::NeutralLine => Stroke {
                        color: Rgb::hex(0xc3ccd5),
                        width: 0.8 * scale,
                        dash: Some((3.0 * scale, 3.0 * scale)),
                    },
                    Role::GridLine => Stroke::solid(theme::WHITE, 1.5 * scale),
                    Role::Threshold => Stroke {
                        color: theme::ACCENT,
                        width: 1.4 * scale,
                        dash: Some((5.0 * scale, 3.0 * scale)),
                    },
                    _ => Stroke::solid(Rgb::hex(0xaab5c0), 0.8 * scale),
                };
                draws.push(Draw::Path {
                    points: vec![at(*from), at(*to)],
                    closed: false,
                    fill: None,
                    stroke: Some(stroke),
                });
            }
            (Shape::Rect { x: rx, y: ry, w, h }, role) => {
                let (fill, stroke) = match role {
                    Role::Quadrant(q) => (Some(QUADRANTS[usize::from(q.min(3))]), None),
                    Role::Frame => (None, Some(Stroke::solid(Rgb::hex(0xa9b5c1), 0.8 * scale))),
                    Role::Panel => (
                        Some(Rgb::hex(0xfafbfc)),
                        Some(Stroke::solid(Rgb::hex(0xe1e6eb), 0.8 * scale)),
                    ),
                    _ => (Some(theme::ZEBRA), None),
                };
                let (px, py) = at((*rx, *ry));
                draws.push(Draw::Rect {
                    x: px,
                    y: py,
                    w: *w as f32 * scale,
                    h: *h as f32 * scale,
                    fill,
                    stroke,
                });
            }
            (Shape::Polyline(points), _) => {
                draws.push(Draw::Path {
                    points: points.iter().map(|&p| at(p)).collect(),
                    closed: false,
                    fill: None,
                    stroke: Some(Stroke::solid(theme::ACCENT, 1.6 * scale)),
                });
            }
            (Shape::Polygon(points), role) => {
                let color = match role {
                    Role::Arrow(kind) | Role::Edge(kind) => edge_stroke(kind, scale).color,
                    Role::GapArrow { up } => gap_color(up),
                    _ => theme::MUTED,
                };
                draws.push(Draw::Path {
                    points: points.iter().map(|&p| at(p)).collect(),
                    closed: true,
                    fill: Some(color),
                    stroke: None,
                });
            }
            (Shape::Circle { centre, r }, role) => {
                let (cx, cy) = at(*centre);
                let key = match role {
                    Role::Node { key } | Role::Dot { key } => key,
                    _ => KeyMark::Other,
                };
                let (fill, stroke) = if let Role::Score(band) = role {
                    (band_color(band), None)
                } else if matches!(role, Role::Count | Role::Mark { desired: true }) {
                    (theme::ACCENT, None)
                } else if role == (Role::Mark { desired: false }) {
                    (
                        theme::WHITE,
                        Some(Stroke::solid(Rgb::hex(0x8a97a5), 1.3 * scale)),
                    )
                } else {
                    let fill = match key {
                        KeyMark::Key => theme::ACCENT,
                        KeyMark::Other => theme::WHITE,
                        KeyMark::Withheld => Rgb::hex(0x8a97a5),
                    };
                    (fill, Some(Stroke::solid(theme::ACCENT, 1.2 * scale)))
                };
                draws.push(Draw::Circle {
                    cx,
                    cy,
                    r: *r as f32 * scale,
                    fill: Some(fill),
                    stroke,
                });
            }
            (
                Shape::Text {
                    x: tx,
                    top,
                    anchor,
                    lines,
                    size,
                    ..
                },
                role,
            ) => {
                let color = match role {
                    Role::Legend | Role::Tick | Role::More => theme::MUTED,
                    Role::QuadrantName => Rgb::hex(0x4a6580),
                    Role::AxisTitle => theme::ACCENT,
                    Role::CountLabel | Role::MarkLetter { desired: true } => theme::WHITE,
                    Role::MarkLetter { desired: false } => theme::MUTED,
                    Role::ColumnHead | Role::PanelTitle => theme::ACCENT,
                    Role::LastScore(band) => band_color(band),
                    _ => theme::INK,
                };
                let mut style = TextStyle::new(*size as f32 * scale, color);
                if matches!(
                    role,
                    Role::QuadrantName
                        | Role::AxisTitle
                        | Role::CountLabel
                        | Role::ColumnHead
                        | Role::MarkLetter { .. }
                        | Role::PanelTitle
                        | Role::LastScore(_)
                ) {
                    style = style.bold();
                }
                for (k, text) in lines.iter().enumerate() {
                    let line = single_line(text, style, fonts);
                    let (lx, ly) = at((*tx, top + size * (BASELINE + k as f64 * LINE_HEIGHT)));
                    draws.push(Draw::Text {
                        x: lx - line.width * anchor.share() as f32,
                        baseline: ly,
                        line,
                    });
                }
            }
        }
    }
    draws
}
