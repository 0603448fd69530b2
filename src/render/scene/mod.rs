//! Charts as backend-neutral scenes: shapes and anchored text, each with a [`Role`], in
//! the chart's own units (y grows downwards). A chart is laid out once into a [`Scene`];
//! the SVG writer turns roles into CSS classes and the PDF writer into strokes, fills and
//! type, so both outputs draw the same positions, the same label placement and the same
//! wrapped lines.
//!
//! Text is measured through [`TextMeasure`]; both writers use the bundled fonts' metrics
//! (`pdf::scene::FontMeasure`), so a label that fits in one fits in the other.

pub mod engagement;
pub mod grid;
pub mod index;
pub mod network;
pub mod sentiment;

use crate::document::KeyMark;
use crate::register::vocab::RelationKind;

/// A point in scene units.
pub type Point = (f64, f64);

/// Measures text for layout: both outputs implement it with the same font metrics.
pub trait TextMeasure {
    /// Advance width of `text` set on one line at `size` units.
    fn width(&mut self, text: &str, size: f64) -> f64;
}

/// What a shape stands for; writers style by role (CSS class, PDF stroke and fill).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A relationship of one kind.
    Edge(EdgeKind),
    /// The arrow head of a directed relationship.
    Arrow(EdgeKind),
    /// A stakeholder's dot; key stakeholders are filled.
    Node {
        /// Key stakeholder, or not stated in this edition.
        key: KeyMark,
    },
    /// A stakeholder's name.
    NodeLabel,
    /// A line from a dot to its label when the label had to move away.
    Leader,
    /// Legend text.
    Legend,
    /// A quadrant of the power/interest grid: manage closely, keep satisfied, keep
    /// informed, monitor (0–3).
    Quadrant(u8),
    /// A line between the grid's cells.
    GridLine,
    /// Where "high" starts on the grid.
    Threshold,
    /// The frame around a plot.
    Frame,
    /// A quadrant's name.
    QuadrantName,
    /// A level name on an axis.
    Tick,
    /// An axis's title.
    AxisTitle,
    /// A stakeholder's dot on the grid; key stakeholders are filled.
    Dot {
        /// Key stakeholder, or not stated in this edition.
        key: KeyMark,
    },
    /// A stakeholder's name on the grid.
    PointLabel,
    /// "+N": stakeholders a cell has no room to name.
    More,
    /// The disc of a cell of a large grid.
    Count,
    /// How many stakeholders a cell of a large grid holds.
    CountLabel,
    /// A column's name over a table-like chart.
    ColumnHead,
    /// A rule under a head.
    Rule,
    /// The shading of every other row.
    Stripe,
    /// A row's stakeholder.
    RowLabel,
    /// An engagement mark: current (hollow) or desired (filled).
    Mark {
        /// Desired rather than current.
        desired: bool,
    },
    /// The letter on an engagement mark.
    MarkLetter {
        /// Desired rather than current.
        desired: bool,
    },
    /// The line from current to desired engagement.
    Gap {
        /// Desired is higher than current.
        up: bool,
    },
    /// Its arrow head.
    GapArrow {
        /// Desired is higher than current.
        up: bool,
    },
    /// A small multiple's background.
    Panel,
    /// A small multiple's stakeholder.
    PanelTitle,
    /// The neutral score, dashed.
    NeutralLine,
    /// A time axis.
    Axis,
    /// The line through a stakeholder's scores.
    TrendLine,
    /// One score, by band.
    Score(sentiment::Band),
    /// The latest score written out, by band.
    LastScore(sentiment::Band),
}

/// The kinds of relationship, in legend order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum EdgeKind {
    /// Allies.
    Ally,
    /// In conflict.
    Conflict,
    /// Reports to (directed).
    ReportsTo,
    /// Influences (directed).
    Influences,
    /// Member of (directed).
    MemberOf,
}

impl EdgeKind {
    /// Every kind in legend order: the order of the network's legend labels.
    pub const ALL: [EdgeKind; 5] = [
        EdgeKind::Ally,
        EdgeKind::Conflict,
        EdgeKind::ReportsTo,
        EdgeKind::Influences,
        EdgeKind::MemberOf,
    ];

    /// How a relationship of this kind is drawn.
    pub fn of(kind: RelationKind) -> EdgeKind {
        match kind {
            RelationKind::Ally => EdgeKind::Ally,
            RelationKind::Conflict => EdgeKind::Conflict,
            RelationKind::ReportsTo => EdgeKind::ReportsTo,
            RelationKind::Influences => EdgeKind::Influences,
            RelationKind::MemberOf => EdgeKind::MemberOf,
        }
    }

    /// The register's word, also the CSS class suffix (`edge-ally`).
    pub fn as_str(self) -> &'static str {
        match self {
            EdgeKind::Ally => "ally",
            EdgeKind::Conflict => "conflict",
            EdgeKind::ReportsTo => "reports-to",
            EdgeKind::Influences => "influences",
            EdgeKind::MemberOf => "member-of",
        }
    }

    /// Drawn with an arrow head at its target.
    pub fn directed(self) -> bool {
        matches!(self, EdgeKind::ReportsTo | EdgeKind::Influences)
    }

    /// Drawing order: quiet kinds first, so conflicts and alliances stay on top.
    pub fn layer(self) -> u8 {
        match self {
            EdgeKind::MemberOf => 0,
            EdgeKind::Influences => 1,
            EdgeKind::ReportsTo => 2,
            EdgeKind::Ally => 3,
            EdgeKind::Conflict => 4,
        }
    }
}

/// How a text run sits on its `x`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// `x` is where the text starts.
    Start,
    /// `x` is the text's centre.
    Middle,
    /// `x` is where the text ends.
    End,
}

impl Anchor {
    /// The share of the width left of `x`.
    pub fn share(self) -> f64 {
        match self {
            Anchor::Start => 0.0,
            Anchor::Middle => 0.5,
            Anchor::End => 1.0,
        }
    }
}

/// A shape of a scene.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// A straight line.
    Line {
        /// One end.
        from: Point,
        /// The other end.
        to: Point,
    },
    /// A rectangle.
    Rect {
        /// Left.
        x: f64,
        /// Top.
        y: f64,
        /// Width.
        w: f64,
        /// Height.
        h: f64,
    },
    /// An open polyline (trends).
    Polyline(Vec<Point>),
    /// A closed polygon (arrow heads).
    Polygon(Vec<Point>),
    /// A circle.
    Circle {
        /// Centre.
        centre: Point,
        /// Radius.
        r: f64,
    },
    /// One or more lines of text, the first line's box top at `top`.
    Text {
        /// Horizontal position, read with `anchor`.
        x: f64,
        /// Top of the first line's box.
        top: f64,
        /// How the lines sit on `x`.
        anchor: Anchor,
        /// The lines, already wrapped.
        lines: Vec<String>,
        /// Font size in scene units.
        size: f64,
        /// Width of the widest line as measured at layout.
        width: f64,
    },
}

/// Line height of text in a scene, as a multiple of its size.
pub const LINE_HEIGHT: f64 = 1.2;
/// Baseline below the top of a line's box, as a multiple of the size.
pub const BASELINE: f64 = 0.92;

/// A shape with its role and an optional tooltip (an SVG `<title>`).
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// What is drawn.
    pub shape: Shape,
    /// What it stands for.
    pub role: Role,
    /// Said on hover in HTML: a relationship's note, a stakeholder's name.
    pub tip: Option<String>,
}

impl Item {
    /// A straight line from `from` to `to`, without a tooltip.
    pub fn line(from: Point, to: Point, role: Role) -> Item {
        Item {
            shape: Shape::Line { from, to },
            role,
            tip: None,
        }
    }
}

/// A laid-out chart: `width` × `height` units of items drawn in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    /// Width in units.
    pub width: f64,
    /// Height in units.
    pub height: f64,
    /// The items, back to front.
    pub items: Vec<Item>,
}

/// An axis-aligned box: left, top, right, bottom.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    /// Left edge.
    pub left: f64,
    /// Top edge.
    pub top: f64,
    /// Right edge.
    pub right: f64,
    /// Bottom edge.
    pub bottom: f64,
}

impl Bounds {
    /// Whether the two boxes share any area.
    pub fn overlaps(&self, other: &Bounds) -> bool {
        self.left < other.right
            && other.left < self.right
            && self.top < other.bottom
            && other.top < self.bottom
    }

    /// Whether a circle reaches into the box.
    pub fn touches_circle(&self, (cx, cy): Point, r: f64) -> bool {
        let nx = cx.clamp(self.left, self.right);
        let ny = cy.clamp(self.top, self.bottom);
        (cx - nx).powi(2) + (cy - ny).powi(2) < r * r
    }

    /// Whether the segment `a`–`b` passes through the box.
    pub fn cut_by(&self, a: Point, b: Point) -> bool {
        let inside =
            |p: Point| p.0 > self.left && p.0 < self.right && p.1 > self.top && p.1 < self.bottom;
        if inside(a) || inside(b) {
            return true;
        }
        let corners = [
            (self.left, self.top),
            (self.right, self.top),
            (self.right, self.bottom),
            (self.left, self.bottom),
        ];
        (0..4).any(|k| segments_cross(a, b, corners[k], corners[(k + 1) % 4]))
    }
}

impl Shape {
    /// The box of a text shape; `None` for other shapes.
    pub fn text_bounds(&self) -> Option<Bounds> {
        let Shape::Text {
            x,
            top,
            anchor,
            lines,
            size,
            width,
        } = self
        else {
            return None;
        };
        let left = x - width * anchor.share();
        Some(Bounds {
            left,
            top: *top,
            right: left + width,
            bottom: top + lines.len() as f64 * size * LINE_HEIGHT,
        })
    }
}

/// Whether segments `a`–`b` and `c`–`d` cross at a point inside both (touching ends and
/// collinear overlaps do not count: two edges of one stakeholder meet at its dot).
pub fn segments_cross(a: Point, b: Point, c: Point, d: Point) -> bool {
    let orient =
        |p: Point, q: Point, r: Point| (q.0 - p.0) * (r.1 - p.1) - (q.1 - p.1) * (r.0 - p.0);
    let (d1, d2) = (orient(c, d, a), orient(c, d, b));
    let (d3, d4) = (orient(a, b, c), orient(a, b, d));
    const EPS: f64 = 1e-9;
    ((d1 > EPS && d2 < -EPS) || (d1 < -EPS && d2 > EPS))
        && ((d3 > EPS && d4 < -EPS) || (d3 < -EPS && d4 > EPS))
}

/// How many pairs of relationship lines of `scene` cross each other.
pub fn crossings(scene: &Scene) -> usize {
    let lines: Vec<(Point, Point)> = scene
        .items
        .iter()
        .filter_map(|item| match (&item.shape, item.role) {
            (Shape::Line { from, to }, Role::Edge(_)) => Some((*from, *to)),
            _ => None,
        })
        .collect();
    let mut count = 0;
    for (i, &(a, b)) in lines.iter().enumerate() {
        for &(c, d) in &lines[i + 1..] {
            if segments_cross(a, b, c, d) {
                count += 1;
            }
        }
    }
    count
}

/// Pairs of text boxes of `scene` that overlap, as indices into its items.
pub fn overlapping_text(scene: &Scene) -> Vec<(usize, usize)> {
    let boxes: Vec<(usize, Bounds)> = scene
        .items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| Some((i, item.shape.text_bounds()?)))
        .collect();
    let mut pairs = Vec::new();
    for (k, (i, a)) in boxes.iter().enumerate() {
        for (j, b) in &boxes[k + 1..] {
            if a.overlaps(b) {
                pairs.push((*i, *j));
            }
        }
    }
    pairs
}

/// `text` on one line, or on two lines of about equal width when wider than `max`: at a
/// space, or between two CJK characters; never cut. A name too long for two lines takes
/// as many as it needs; one without any break opportunity stays on one line.
pub fn wrap_name(text: &str, size: f64, max: f64, measure: &mut dyn TextMeasure) -> Vec<String> {
    let text = text.trim();
    if measure.width(text, size) <= max {
        return vec![text.to_owned()];
    }
    let breaks = breaks(text);
    let half = measure.width(text, size) / 2.0;
    let mut best: Option<(f64, usize, usize)> = None;
    for &(head, tail) in &breaks {
        let off = (measure.width(&text[..head], size) - half).abs();
        if best.is_none_or(|(b, _, _)| off < b) {
            best = Some((off, head, tail));
        }
    }
    let Some((_, head, tail)) = best else {
        return vec![text.to_owned()];
    };
    let two = [text[..head].trim_end(), text[tail..].trim_start()];
    if two.iter().all(|line| measure.width(line, size) <= max) {
        return two.map(str::to_owned).to_vec();
    }
    // Greedy: each line as long as fits (or up to the first break, if none does).
    let mut lines = Vec::new();
    let mut start = 0;
    while measure.width(&text[start..], size) > max {
        let fitting = breaks
            .iter()
            .filter(|(h, _)| *h > start)
            .take_while(|(h, _)| measure.width(&text[start..*h], size) <= max)
            .last()
            .or_else(|| breaks.iter().find(|(h, _)| *h > start));
        let Some(&(head, tail)) = fitting else {
            break;
        };
        lines.push(text[start..head].trim().to_owned());
        start = tail;
    }
    lines.push(text[start..].trim().to_owned());
    lines
}

/// Where `text` may break: (end of the line before, start of the line after). Before a
/// space (dropped), or between two wide characters, not before closing punctuation or
/// after opening punctuation.
fn breaks(text: &str) -> Vec<(usize, usize)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let wide = |c: char| (c as u32) >= 0x2E80;
    let mut out = Vec::new();
    for k in 1..chars.len() {
        let (at, c) = chars[k];
        let prev = chars[k - 1].1;
        if c == ' ' {
            if prev != ' ' {
                out.push((at, at + 1));
            }
        } else if wide(prev)
            && wide(c)
            && !"，。、；：）》」』".contains(c)
            && !"（《「『".contains(prev)
        {
            out.push((at, at));
        }
    }
    out
}

/// A text item without a tooltip: the charts' labels.
fn text(
    x: f64,
    top: f64,
    anchor: Anchor,
    lines: Vec<String>,
    size: f64,
    width: f64,
    role: Role,
) -> Item {
    Item {
        shape: Shape::Text {
            x,
            top,
            anchor,
            lines,
            size,
            width,
        },
        role,
        tip: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character one unit per point of size: enough to test the geometry.
    struct Mono;
    impl TextMeasure for Mono {
        fn width(&mut self, text: &str, size: f64) -> f64 {
            text.chars().count() as f64 * size
        }
    }

    #[test]
    fn crossing_segments_count_and_shared_ends_do_not() {
        assert!(segments_cross(
            (0.0, 0.0),
            (2.0, 2.0),
            (0.0, 2.0),
            (2.0, 0.0)
        ));
        assert!(!segments_cross(
            (0.0, 0.0),
            (2.0, 2.0),
            (2.0, 2.0),
            (4.0, 0.0)
        ));
        assert!(!segments_cross(
            (0.0, 0.0),
            (1.0, 0.0),
            (0.0, 1.0),
            (1.0, 1.0)
        ));
    }

    #[test]
    fn long_names_wrap_in_two_whole_lines() {
        let lines = wrap_name("国家开发银行滨江市分行", 1.0, 8.0, &mut Mono);
        assert_eq!(lines.concat(), "国家开发银行滨江市分行");
        assert_eq!(lines.len(), 2);
        let lines = wrap_name("Works council Hartlepool", 1.0, 15.0, &mut Mono);
        assert_eq!(lines, ["Works council", "Hartlepool"]);
        assert_eq!(wrap_name("Short", 1.0, 15.0, &mut Mono), ["Short"]);
        let lines = wrap_name(
            "Port Authority of the Northern Estuary and Coastal Shipping Lanes",
            1.0,
            20.0,
            &mut Mono,
        );
        assert!(
            lines.len() > 2 && lines.iter().all(|l| l.chars().count() <= 20),
            "{lines:?}"
        );
        assert_eq!(
            lines.join(" "),
            "Port Authority of the Northern Estuary and Coastal Shipping Lanes"
        );
    }
}
