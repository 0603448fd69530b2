//! Drawings to PDF content operations.
//!
//! Layout works top-down in points; PDF pages grow upwards from the bottom left, so every
//! y is flipped here and nowhere else. Graphics state (colours, line width, dash) is tracked
//! so that each operator is emitted only when it changes.

use printpdf::{
    Actions, BorderArray, Codepoint, Color, ColorArray, Destination, LineDashPattern, LinePoint,
    LinkAnnotation, Op, PaintMode, PdfFontHandle, Point, Polygon, PolygonRing, Pt, Rect, TextItem,
    TextMatrix, TextRenderingMode, WindingOrder,
};

use super::fonts::FontSet;
use super::layout::{Draw, Stroke};
use super::text::Line;
use super::theme::Rgb;

/// Where a heading landed: page index (0-based) and the y of its top in PDF coordinates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Target {
    pub page: usize,
    pub y: f32,
}

/// Collects the operations of one page.
pub(super) struct Painter<'a> {
    fonts: &'a FontSet,
    page_height: f32,
    /// Resolves `#id` links to headings.
    targets: &'a dyn Fn(&str) -> Option<Target>,
    pub ops: Vec<Op>,
    fill: Option<Rgb>,
    stroke: Option<Rgb>,
    line_width: Option<f32>,
    dash: Option<Option<(f32, f32)>>,
}

/// A coordinate rounded to 1/100 pt: finer than any printer, and short in the file.
fn pt(v: f32) -> Pt {
    Pt(round(v, 100.0))
}

fn round(v: f32, scale: f32) -> f32 {
    (v * scale).round() / scale
}

fn color(c: Rgb) -> Color {
    Color::Rgb(printpdf::Rgb {
        r: round(c.0, 1000.0),
        g: round(c.1, 1000.0),
        b: round(c.2, 1000.0),
        icc_profile: None,
    })
}

fn point(x: f32, y: f32) -> LinePoint {
    LinePoint {
        p: Point { x: pt(x), y: pt(y) },
        bezier: false,
    }
}

/// Distance of the control points of a quarter-circle Bézier, as a fraction of the radius.
const KAPPA: f32 = 0.552_284_8;

impl<'a> Painter<'a> {
    pub(super) fn new(
        fonts: &'a FontSet,
        page_height: f32,
        targets: &'a dyn Fn(&str) -> Option<Target>,
    ) -> Painter<'a> {
        Painter {
            fonts,
            page_height,
            targets,
            ops: Vec::new(),
            fill: None,
            stroke: None,
            line_width: None,
            dash: None,
        }
    }

    fn set_fill(&mut self, c: Rgb) {
        if self.fill != Some(c) {
            self.fill = Some(c);
            self.ops.push(Op::SetFillColor { col: color(c) });
        }
    }

    fn set_stroke(&mut self, s: Stroke) {
        if self.stroke != Some(s.color) {
            self.stroke = Some(s.color);
            self.ops.push(Op::SetOutlineColor {
                col: color(s.color),
            });
        }
        if self.line_width != Some(s.width) {
            self.line_width = Some(s.width);
            self.ops.push(Op::SetOutlineThickness { pt: Pt(s.width) });
        }
        if self.dash != Some(s.dash) {
            self.dash = Some(s.dash);
            let dash = match s.dash {
                Some((on, off)) => LineDashPattern::new(0.0, &[on, off]),
                None => LineDashPattern::solid(),
            };
            self.ops.push(Op::SetLineDashPattern { dash });
        }
    }

    fn mode(&mut self, fill: Option<Rgb>, stroke: Option<Stroke>) -> Option<PaintMode> {
        if let Some(f) = fill {
            self.set_fill(f);
        }
        if let Some(s) = stroke {
            self.set_stroke(s);
        }
        match (fill, stroke) {
            (Some(_), Some(_)) => Some(PaintMode::FillStroke),
            (Some(_), None) => Some(PaintMode::Fill),
            (None, Some(_)) => Some(PaintMode::Stroke),
            (None, None) => None,
        }
    }

    /// Draw `draw` for a slice whose top is `top` points below the page top.
    pub(super) fn draw(&mut self, draw: &Draw, top: f32) {
        let h = self.page_height;
        match draw {
            Draw::Text { x, baseline, line } => self.text(line, *x, h - (top + baseline)),
            Draw::Rect {
                x,
                y,
                w,
                h: rh,
                fill,
                stroke,
            } => {
                if let Some(mode) = self.mode(*fill, *stroke) {
                    self.ops.push(Op::DrawRectangle {
                        rectangle: Rect {
                            x: pt(*x),
                            y: pt(h - (top + y + rh)),
                            width: pt(*w),
                            height: pt(*rh),
                            mode: Some(mode),
                            winding_order: Some(WindingOrder::NonZero),
                        },
                    });
                }
            }
            Draw::Path {
                points,
                closed,
                fill,
                stroke,
            } => {
                let fill = fill.filter(|_| *closed);
                if let Some(mode) = self.mode(fill, *stroke) {
                    let points = points
                        .iter()
                        .map(|&(px, py)| point(px, h - (top + py)))
                        .collect();
                    self.shape(points, *closed, mode);
                }
            }
            Draw::Circle {
                cx,
                cy,
                r,
                fill,
                stroke,
            } => {
                if let Some(mode) = self.mode(*fill, *stroke) {
                    let (cx, cy, r) = (*cx, h - (top + cy), *r);
                    let k = r * KAPPA;
                    let ctrl = |x: f32, y: f32| LinePoint {
                        p: Point { x: pt(x), y: pt(y) },
                        bezier: true,
                    };
                    let points = vec![
                        point(cx + r, cy),
                        ctrl(cx + r, cy + k),
                        ctrl(cx + k, cy + r),
                        point(cx, cy + r),
                        ctrl(cx - k, cy + r),
                        ctrl(cx - r, cy + k),
                        point(cx - r, cy),
                        ctrl(cx - r, cy - k),
                        ctrl(cx - k, cy - r),
                        point(cx, cy - r),
                        ctrl(cx + k, cy - r),
                        ctrl(cx + r, cy - k),
                        point(cx + r, cy),
                    ];
                    self.shape(points, true, mode);
                }
            }
            // Resolved to text after pagination (`mod.rs`); nothing is left to draw.
            Draw::PageRef { .. } => {}
        }
    }

    fn shape(&mut self, points: Vec<LinePoint>, closed: bool, mode: PaintMode) {
        if closed || mode != PaintMode::Stroke {
            self.ops.push(Op::DrawPolygon {
                polygon: Polygon {
                    rings: vec![PolygonRing { points }],
                    mode,
                    winding_order: WindingOrder::NonZero,
                },
            });
        } else {
            self.ops.push(Op::DrawLine {
                line: printpdf::Line {
                    points,
                    is_closed: false,
                },
            });
        }
    }

    /// A line of text with its baseline at PDF `y`; then underlines, strike-throughs and
    /// link areas.
    fn text(&mut self, line: &Line, x: f32, y: f32) {
        if line.pieces.is_empty() {
            return;
        }
        self.ops.push(Op::StartTextSection);
        if line.spacing != 0.0 {
            self.ops.push(Op::SetCharacterSpacing {
                multiplier: line.spacing,
            });
        }
        let mut font: Option<(u8, f32)> = None;
        let mut stroked = false;
        for piece in &line.pieces {
            let style = piece.style;
            if font != Some((piece.face, style.size)) {
                font = Some((piece.face, style.size));
                let id = self.fonts.faces[usize::from(piece.face)].id.clone();
                self.ops.push(Op::SetFont {
                    font: PdfFontHandle::External(id),
                    size: Pt(style.size),
                });
            }
            self.set_fill(style.color);
            if piece.fake_bold != stroked {
                stroked = piece.fake_bold;
                if stroked {
                    self.set_stroke(Stroke::solid(style.color, style.size * 0.035));
                }
                self.ops.push(Op::SetTextRenderingMode {
                    mode: if stroked {
                        TextRenderingMode::FillStroke
                    } else {
                        TextRenderingMode::Fill
                    },
                });
            }
            let px = x + piece.x;
            // Italic is slanted: the fonts have no italic of their own.
            let shear = if style.italic { 0.2 } else { 0.0 };
            self.ops.push(Op::SetTextMatrix {
                matrix: TextMatrix::Raw([1.0, 0.0, shear, 1.0, round(px, 100.0), round(y, 100.0)]),
            });
            // Glyph ids; the characters they show are in the face's reverse map (see
            // `FontSet::pdf_font`), which printpdf turns into the ToUnicode table.
            let glyphs = piece
                .gids
                .iter()
                .map(|&gid| Codepoint::new(gid, 0.0))
                .collect();
            self.ops.push(Op::ShowText {
                items: vec![TextItem::GlyphIds(glyphs)],
            });
        }
        if stroked {
            self.ops.push(Op::SetTextRenderingMode {
                mode: TextRenderingMode::Fill,
            });
        }
        if line.spacing != 0.0 {
            // Character spacing is text state: it outlives the text object.
            self.ops.push(Op::SetCharacterSpacing { multiplier: 0.0 });
        }
        self.ops.push(Op::EndTextSection);

        for piece in &line.pieces {
            let style = piece.style;
            let px = x + piece.x;
            let thickness = style.size * 0.06;
            if style.underline {
                self.rule(
                    px,
                    y - style.size * 0.13,
                    piece.width,
                    thickness,
                    style.color,
                );
            }
            if style.strike {
                self.rule(
                    px,
                    y + style.size * 0.3,
                    piece.width,
                    thickness,
                    style.color,
                );
            }
            if let Some(target) = &piece.link {
                self.link(
                    target,
                    px,
                    y - style.size * 0.25,
                    piece.width,
                    style.size * 1.15,
                );
            }
        }
    }

    fn rule(&mut self, x: f32, y: f32, w: f32, thickness: f32, c: Rgb) {
        self.set_fill(c);
        self.ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: pt(x),
                y: pt(y - thickness / 2.0),
                width: pt(w),
                height: pt(thickness),
                mode: Some(PaintMode::Fill),
                winding_order: Some(WindingOrder::NonZero),
            },
        });
    }

    fn link(&mut self, target: &str, x: f32, y: f32, w: f32, h: f32) {
        let actions = match target.strip_prefix('#') {
            Some(id) => match (self.targets)(id) {
                Some(t) => Actions::Goto(Destination::Xyz {
                    page: t.page + 1,
                    left: None,
                    top: Some(t.y),
                    zoom: None,
                }),
                None => return,
            },
            None => Actions::Uri(target.to_string()),
        };
        self.ops.push(Op::LinkAnnotation {
            link: LinkAnnotation::new(
                Rect {
                    x: pt(x),
                    y: pt(y),
                    width: pt(w),
                    height: pt(h),
                    mode: None,
                    winding_order: None,
                },
                actions,
                Some(BorderArray::Solid([0.0, 0.0, 0.0])),
                Some(ColorArray::Transparent),
                None,
            ),
        });
    }
}
