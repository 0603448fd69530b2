//! Charts as inline SVG, drawn from the chart data of the document model.
//!
//! Each chart has a fixed view box sized for an A4 page width (about 760 units across
//! 170 mm, so 11-unit labels print at about 7.5 pt) and scales to the screen. Labels are
//! laid out so they cannot overlap: grid labels stack inside their cell, network labels
//! sit outside a circle, each on its own spoke. Fonts and colours come from the page's
//! CSS classes, so Chinese labels use the page's CJK font.

use std::fmt::Write;

use crate::document::{
    Chart, ChartLabels, EngagementChart, GridChart, IndexChart, KeyMark, NetworkChart,
    SentimentChart,
};

use super::html::escape;
use super::scene::{self, Anchor, Role, Scene, Shape};

/// Appends the SVG of `chart`; `id` must be unique in the page (it prefixes the ids of
/// the accessible title and description).
pub fn render(chart: &Chart, id: &str, out: &mut String) {
    match chart {
        Chart::Grid(grid) => draw_grid(grid, id, out),
        Chart::Engagement(matrix) => draw_engagement(matrix, id, out),
        Chart::Network(network) => draw_network(network, id, out),
        Chart::Sentiment(sentiment) => draw_sentiment(sentiment, id, out),
        Chart::Index(index) => draw_index(index, id, out),
    }
}

/// CSS pixels per view-box unit at most: a chart as wide as the page (about 760 units)
/// fills the 900-pixel column of the layout.
const CSS_PX_PER_UNIT: f64 = 1.2;

/// CSS pixels per view-box unit at least: 10-unit ticks and legends stay 9 pixels tall.
const MIN_PX_PER_UNIT: f64 = 0.9;

fn open(out: &mut String, id: &str, class: &str, width: f64, height: f64, labels: &ChartLabels) {
    // Every chart is drawn at one scale: a narrow one (a single sentiment panel) is not
    // blown up to the page's width.
    let max_width = width * CSS_PX_PER_UNIT;
    // On a phone the chart keeps the size at which its smallest text (10 units) reads at
    // 9 pixels, and its figure scrolls sideways; print ignores this (the stylesheet).
    let natural = width * MIN_PX_PER_UNIT;
    let _ = write!(
        out,
        "<svg class=\"chart-svg {class}\" viewBox=\"0 0 {width:.0} {height:.0}\" \
         style=\"max-width: {max_width:.0}px; --natural: {natural:.0}px\" role=\"img\" \
         aria-labelledby=\"{id}-t {id}-d\">\n\
         <title id=\"{id}-t\">"
    );
    escape(&labels.title, out);
    let _ = write!(out, "</title>\n<desc id=\"{id}-d\">");
    escape(&labels.description, out);
    out.push_str("</desc>\n");
}

fn text(out: &mut String, x: f64, y: f64, class: &str, anchor: &str, content: &str) {
    let _ = write!(out, "<text x=\"{x:.1}\" y=\"{y:.1}\" class=\"{class}\"");
    if anchor != "start" {
        let _ = write!(out, " text-anchor=\"{anchor}\"");
    }
    out.push('>');
    escape(content, out);
    out.push_str("</text>\n");
}

// ---------------------------------------------------------------------------------------
// Power/interest grid

fn draw_grid(grid: &GridChart, id: &str, out: &mut String) {
    let scene =
        crate::render::pdf::scene::with_bundled(|measure| scene::grid::scene(grid, measure));
    open(
        out,
        id,
        "chart-grid",
        scene.width,
        scene.height,
        &grid.labels,
    );
    write_scene(&scene, out);
    out.push_str("</svg>\n");
}

// ---------------------------------------------------------------------------------------
// Engagement assessment matrix

fn draw_engagement(chart: &EngagementChart, id: &str, out: &mut String) {
    let matrix =
        crate::render::pdf::scene::with_bundled(|measure| scene::engagement::scene(chart, measure));
    let parts: Vec<&Scene> = std::iter::once(&matrix.head)
        .chain(&matrix.rows)
        .chain(std::iter::once(&matrix.foot))
        .collect();
    let height: f64 = parts.iter().map(|p| p.height).sum();
    open(
        out,
        id,
        "chart-engagement",
        matrix.head.width,
        height,
        &chart.labels,
    );
    let mut y = 0.0;
    for part in parts {
        if y == 0.0 {
            write_scene(part, out);
        } else {
            let _ = writeln!(out, "<g transform=\"translate(0 {y:.1})\">");
            write_scene(part, out);
            out.push_str("</g>\n");
        }
        y += part.height;
    }
    out.push_str("</svg>\n");
}

// ---------------------------------------------------------------------------------------
// Relationship network

fn draw_network(network: &NetworkChart, id: &str, out: &mut String) {
    let scene =
        crate::render::pdf::scene::with_bundled(|measure| scene::network::scene(network, measure));
    open(
        out,
        id,
        "chart-network",
        scene.width,
        scene.height,
        &network.labels,
    );
    write_scene(&scene, out);
    out.push_str("</svg>\n");
}

/// The class a dot adds for its key mark.
fn key_class(key: KeyMark) -> &'static str {
    match key {
        KeyMark::Key => " key",
        KeyMark::Other => "",
        KeyMark::Withheld => " key-withheld",
    }
}

/// The CSS classes of a role, as `templates/style.css.tera` styles them.
fn class(role: Role) -> String {
    match role {
        Role::Edge(kind) => format!("edge edge-{}", kind.as_str()),
        Role::Arrow(kind) => format!("arrow arrow-{}", kind.as_str()),
        Role::Node { key } => format!("node{}", key_class(key)),
        Role::NodeLabel => "node-label".to_owned(),
        Role::Leader => "leader".to_owned(),
        Role::Legend => "legend".to_owned(),
        Role::Quadrant(q) => {
            ["q-manage", "q-satisfy", "q-inform", "q-monitor"][usize::from(q.min(3))].to_owned()
        }
        Role::GridLine => "grid-line".to_owned(),
        Role::Threshold => "threshold".to_owned(),
        Role::Frame => "frame".to_owned(),
        Role::QuadrantName => "quadrant-name".to_owned(),
        Role::Tick => "tick".to_owned(),
        Role::AxisTitle => "axis-title".to_owned(),
        Role::Dot { key } => format!("dot{}", key_class(key)),
        Role::PointLabel => "point-label".to_owned(),
        Role::More => "more".to_owned(),
        Role::Count => "count-dot".to_owned(),
        Role::CountLabel => "count".to_owned(),
        Role::ColumnHead => "col-head".to_owned(),
        Role::Rule => "rule".to_owned(),
        Role::Stripe => "stripe".to_owned(),
        Role::RowLabel => "row-label".to_owned(),
        Role::Mark { desired: false } => "mark-c".to_owned(),
        Role::Mark { desired: true } => "mark-d".to_owned(),
        Role::MarkLetter { desired: false } => "mark-letter mark-c-letter".to_owned(),
        Role::MarkLetter { desired: true } => "mark-letter mark-d-letter".to_owned(),
        Role::Gap { up: true } => "gap up".to_owned(),
        Role::Gap { up: false } => "gap down".to_owned(),
        Role::GapArrow { up: true } => "arrow-up".to_owned(),
        Role::GapArrow { up: false } => "arrow-down".to_owned(),
        Role::Panel => "panel".to_owned(),
        Role::PanelTitle => "panel-title".to_owned(),
        Role::NeutralLine => "neutral-line".to_owned(),
        Role::Axis => "axis".to_owned(),
        Role::TrendLine => "trend-line".to_owned(),
        Role::Score(band) => format!("score {}", band.as_str()),
        Role::LastScore(band) => format!("last-score {}", band.as_str()),
    }
}

/// Writes the items of `scene`; an item with a tooltip is wrapped in a `<g>` with its
/// `<title>`.
fn write_scene(scene: &Scene, out: &mut String) {
    for item in &scene.items {
        let class = class(item.role);
        if let Some(tip) = &item.tip {
            out.push_str("<g><title>");
            escape(tip, out);
            out.push_str("</title>");
        }
        match &item.shape {
            Shape::Line { from, to } => {
                let _ = write!(
                    out,
                    "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" class=\"{class}\"/>",
                    from.0, from.1, to.0, to.1
                );
            }
            Shape::Rect { x, y, w, h } => {
                let _ = write!(
                    out,
                    "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" class=\"{class}\"/>"
                );
            }
            Shape::Polyline(points) => {
                out.push_str("<polyline points=\"");
                for (k, p) in points.iter().enumerate() {
                    let sep = if k == 0 { "" } else { " " };
                    let _ = write!(out, "{sep}{:.1},{:.1}", p.0, p.1);
                }
                let _ = write!(out, "\" class=\"{class}\"/>");
            }
            Shape::Polygon(points) => {
                out.push_str("<polygon points=\"");
                for (k, p) in points.iter().enumerate() {
                    let sep = if k == 0 { "" } else { " " };
                    let _ = write!(out, "{sep}{:.1},{:.1}", p.0, p.1);
                }
                let _ = write!(out, "\" class=\"{class}\"/>");
            }
            Shape::Circle { centre, r } => {
                let _ = write!(
                    out,
                    "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"{r:.1}\" class=\"{class}\"/>",
                    centre.0, centre.1
                );
            }
            Shape::Text {
                x,
                top,
                anchor,
                lines,
                size,
                ..
            } => {
                let anchor = match anchor {
                    Anchor::Start => "start",
                    Anchor::Middle => "middle",
                    Anchor::End => "end",
                };
                for (k, line) in lines.iter().enumerate() {
                    let y = top + size * (scene::BASELINE + k as f64 * scene::LINE_HEIGHT);
                    // A name over the network's edges stands on a white outline: the
                    // same text drawn first with a wide white stroke (`paint-order` would
                    // do it in one element, but is not in the CSS the validators know).
                    if item.role == Role::NodeLabel {
                        text(out, *x, y, "node-halo", anchor, line);
                    }
                    text(out, *x, y, &class, anchor, line);
                }
            }
        }
        if item.tip.is_some() {
            out.push_str("</g>");
        }
        out.push('\n');
    }
}

// ---------------------------------------------------------------------------------------
// Sentiment: small multiples, one panel per stakeholder, on one shared time axis.

fn draw_sentiment(chart: &SentimentChart, id: &str, out: &mut String) {
    let scene =
        crate::render::pdf::scene::with_bundled(|measure| scene::sentiment::scene(chart, measure));
    open(
        out,
        id,
        "chart-sentiment",
        scene.width,
        scene.height,
        &chart.labels,
    );
    write_scene(&scene, out);
    out.push_str("</svg>\n");
}

// ---------------------------------------------------------------------------------------
// The engagement index over the register's git history.

fn draw_index(chart: &IndexChart, id: &str, out: &mut String) {
    let scene =
        crate::render::pdf::scene::with_bundled(|measure| scene::index::scene(chart, measure));
    open(
        out,
        id,
        "chart-index",
        scene.width,
        scene.height,
        &chart.labels,
    );
    write_scene(&scene, out);
    out.push_str("</svg>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{GridPoint, NetworkEdge, NetworkNode, NetworkWords};

    fn labels() -> ChartLabels {
        ChartLabels {
            title: "Grid <of> power".into(),
            description: "d".into(),
            ..ChartLabels::default()
        }
    }

    #[test]
    fn full_cells_say_how_many_are_hidden() {
        let points = (0..40)
            .map(|n| GridPoint {
                id: format!("s{n}"),
                label: format!("Stakeholder {n:02}"),
                interest: 5,
                power: 5,
                key: if n % 2 == 0 {
                    KeyMark::Key
                } else {
                    KeyMark::Other
                },
                attention: n,
            })
            .collect();
        let grid = GridChart {
            labels: labels(),
            words: Default::default(),
            threshold: 4,
            points,
            moves: Vec::new(),
        };
        let mut out = String::new();
        draw_grid(&grid, "c1", &mut out);
        assert!(out.contains("Grid &lt;of&gt; power"));
        assert!(out.contains("role=\"img\""));
        let shown = out.matches("class=\"point-label\"").count();
        assert!(shown > 2 && shown < 40, "{shown}");
        assert!(out.contains(&format!("+{}", 40 - shown)));
    }

    #[test]
    fn conflict_edges_are_drawn_distinctly() {
        let node = |id: &str, x: f64| NetworkNode {
            id: id.into(),
            label: id.into(),
            x,
            y: 0.5,
            weight: Some(0.5),
            key: KeyMark::Other,
        };
        let network = NetworkChart {
            labels: labels(),
            words: NetworkWords {
                relations: ["Ally", "Conflict", "", "", ""].map(String::from),
                ..NetworkWords::default()
            },
            nodes: vec![node("a", 0.0), node("b", 1.0)],
            edges: vec![NetworkEdge {
                from: 0,
                to: 1,
                kind: crate::register::vocab::RelationKind::Conflict,
                note: Some("Disputes the cut-over date".into()),
            }],
        };
        let mut out = String::new();
        draw_network(&network, "n", &mut out);
        assert!(out.contains("edge edge-conflict"));
        assert!(out.contains(">Conflict<") && !out.contains(">Ally<"));
        assert!(out.contains("<title>a – b (Conflict): Disputes the cut-over date</title>"));
    }
}
