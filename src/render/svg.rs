//! Charts as inline SVG, drawn from the chart data of the document model.
//!
//! Each chart has a fixed view box sized for an A4 page width (about 760 units across
//! 170 mm, so 11-unit labels print at about 7.5 pt) and scales to the screen. Labels are
//! laid out so they cannot overlap: grid labels stack inside their cell, network labels
//! sit outside a circle, each on its own spoke. Fonts and colours come from the page's
//! CSS classes, so Chinese labels use the page's CJK font.

use std::fmt::Write;

use crate::document::{
    Chart, ChartLabels, EngagementChart, GridChart, NetworkChart, SentimentChart,
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
    }
}

/// CSS pixels per view-box unit at most: a chart as wide as the page (about 760 units)
/// fills the 900-pixel column of the layout.
const CSS_PX_PER_UNIT: f64 = 1.2;

/// CSS pixels per view-box unit at least: 10-unit ticks and legends stay 9 pixels tall.
const MIN_PX_PER_UNIT: f64 = 0.9;

/// Approximate advance width of `text` at `size`: good enough to keep labels apart.
pub fn text_width(text: &str, size: f64) -> f64 {
    text.chars()
        .map(|c| match c {
            ' ' => 0.28,
            'i' | 'l' | 'j' | '.' | ',' | '\'' | '|' | '!' => 0.26,
            'm' | 'w' | 'M' | 'W' => 0.82,
            'A'..='Z' => 0.64,
            c if c.is_ascii() => 0.52,
            c if c.is_alphabetic() && (c as u32) < 0x2E80 => 0.56,
            _ => 1.0,
        })
        .sum::<f64>()
        * size
}

/// `text` shortened with an ellipsis to fit `width`.
pub fn fit(text: &str, size: f64, width: f64) -> String {
    if text_width(text, size) <= width {
        return text.to_owned();
    }
    let budget = width - text_width("…", size);
    let mut used = 0.0;
    let mut out = String::new();
    for c in text.chars() {
        let w = text_width(c.encode_utf8(&mut [0; 4]), size);
        if used + w > budget {
            break;
        }
        used += w;
        out.push(c);
    }
    format!("{}…", out.trim_end())
}

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

fn extra(labels: &ChartLabels, i: usize) -> &str {
    labels.extra.get(i).map_or("", String::as_str)
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

const ROW: f64 = 24.0;

fn draw_engagement(matrix: &EngagementChart, id: &str, out: &mut String) {
    let name_w = 230.0;
    let col_w = 104.0;
    let width = name_w + 5.0 * col_w + 8.0;
    let head = 30.0;
    let legend = 30.0;
    let height = head + ROW * matrix.rows.len() as f64 + legend;
    open(out, id, "chart-engagement", width, height, &matrix.labels);
    out.push_str("<defs>");
    for way in ["up", "down"] {
        let _ = write!(
            out,
            "<marker id=\"{id}-{way}\" viewBox=\"0 0 8 8\" refX=\"7\" refY=\"4\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L8,4 L0,8 z\" class=\"arrow-{way}\"/></marker>"
        );
    }
    out.push_str("</defs>\n");
    let col_x = |level: u8| name_w + (f64::from(level) - 0.5) * col_w;
    for level in 1..=5u8 {
        text(
            out,
            col_x(level),
            19.0,
            "col-head",
            "middle",
            &fit(
                extra(&matrix.labels, usize::from(level) - 1),
                10.5,
                col_w - 6.0,
            ),
        );
    }
    let _ = writeln!(
        out,
        "<line x1=\"0\" y1=\"{head:.1}\" x2=\"{:.1}\" y2=\"{head:.1}\" class=\"rule\"/>",
        width - 8.0
    );
    for (i, row) in matrix.rows.iter().enumerate() {
        let top = head + ROW * i as f64;
        let y = top + ROW / 2.0;
        if i % 2 == 1 {
            let _ = writeln!(
                out,
                "<rect x=\"0\" y=\"{top:.1}\" width=\"{:.1}\" height=\"{ROW:.1}\" class=\"stripe\"/>",
                width - 8.0
            );
        }
        text(
            out,
            4.0,
            y + 4.0,
            "row-label",
            "start",
            &fit(&row.label, 11.0, name_w - 12.0),
        );
        match (row.current, row.desired) {
            (Some(c), Some(d)) if c == d => {
                mark(out, col_x(c) - 11.0, y, "C", "mark-c");
                mark(out, col_x(c) + 11.0, y, "D", "mark-d");
            }
            (current, desired) => {
                if let (Some(c), Some(d)) = (current, desired) {
                    let dir = if d > c { 1.0 } else { -1.0 };
                    let way = if d > c { "up" } else { "down" };
                    let _ = writeln!(
                        out,
                        "<line x1=\"{:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" class=\"gap {way}\" marker-end=\"url(#{id}-{way})\"/>",
                        col_x(c) + dir * 11.0,
                        col_x(d) - dir * 12.0
                    );
                }
                if let Some(c) = current {
                    mark(out, col_x(c), y, "C", "mark-c");
                }
                if let Some(d) = desired {
                    mark(out, col_x(d), y, "D", "mark-d");
                }
            }
        }
    }
    let ly = head + ROW * matrix.rows.len() as f64 + 19.0;
    mark(out, 12.0, ly - 4.0, "C", "mark-c");
    text(out, 26.0, ly, "legend", "start", extra(&matrix.labels, 5));
    let dx = 40.0 + text_width(extra(&matrix.labels, 5), 10.5);
    mark(out, dx, ly - 4.0, "D", "mark-d");
    text(
        out,
        dx + 14.0,
        ly,
        "legend",
        "start",
        extra(&matrix.labels, 6),
    );
    out.push_str("</svg>\n");
}

fn mark(out: &mut String, x: f64, y: f64, letter: &str, class: &str) {
    let _ = writeln!(
        out,
        "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"8.5\" class=\"{class}\"/><text x=\"{x:.1}\" y=\"{:.1}\" class=\"mark-letter {class}-letter\" text-anchor=\"middle\">{letter}</text>",
        y + 3.6
    );
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

/// The CSS classes of a role, as `templates/style.css.tera` styles them.
fn class(role: Role) -> String {
    match role {
        Role::Edge(kind) => format!("edge edge-{}", kind.as_str()),
        Role::Arrow(kind) => format!("arrow arrow-{}", kind.as_str()),
        Role::Node { key: true } => "node key".to_owned(),
        Role::Node { key: false } => "node".to_owned(),
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
        Role::Dot { key: true } => "dot key".to_owned(),
        Role::Dot { key: false } => "dot".to_owned(),
        Role::PointLabel => "point-label".to_owned(),
        Role::More => "more".to_owned(),
        Role::Count => "count-dot".to_owned(),
        Role::CountLabel => "count".to_owned(),
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

const PANEL_W: f64 = 240.0;
const PANEL_H: f64 = 84.0;
const PANEL_GAP: f64 = 16.0;

fn draw_sentiment(chart: &SentimentChart, id: &str, out: &mut String) {
    let columns = chart.series.len().clamp(1, 3);
    let rows = chart.series.len().div_ceil(3).max(1);
    let width = columns as f64 * PANEL_W + (columns as f64 - 1.0) * PANEL_GAP + 8.0;
    let height = rows as f64 * (PANEL_H + PANEL_GAP) + 4.0;
    open(out, id, "chart-sentiment", width, height, &chart.labels);
    let day = |date: &str| -> f64 {
        date.parse::<jiff::civil::Date>()
            .ok()
            .and_then(|d| d.since(jiff::civil::date(2000, 1, 1)).ok())
            .map_or(0.0, |span| f64::from(span.get_days()))
    };
    let (start, end) = (day(&chart.range.0), day(&chart.range.1));
    let span = (end - start).max(1.0);
    for (i, series) in chart.series.iter().enumerate() {
        let px = 4.0 + (i % 3) as f64 * (PANEL_W + PANEL_GAP);
        let py = (i / 3) as f64 * (PANEL_H + PANEL_GAP) + 2.0;
        let (plot_x, plot_w) = (px + 4.0, PANEL_W - 40.0);
        let (plot_y, plot_h) = (py + 22.0, PANEL_H - 40.0);
        let _ = writeln!(
            out,
            "<rect x=\"{px:.1}\" y=\"{py:.1}\" width=\"{PANEL_W:.1}\" height=\"{PANEL_H:.1}\" class=\"panel\"/>"
        );
        text(
            out,
            px + 6.0,
            py + 15.0,
            "panel-title",
            "start",
            &fit(&series.label, 11.0, PANEL_W - 12.0),
        );
        let y_of = |score: f64| plot_y + plot_h - (score.clamp(1.0, 5.0) - 1.0) / 4.0 * plot_h;
        let x_of = |date: &str| plot_x + (day(date) - start) / span * plot_w;
        let mid = y_of(3.0);
        let _ = writeln!(
            out,
            "<line x1=\"{plot_x:.1}\" y1=\"{mid:.1}\" x2=\"{:.1}\" y2=\"{mid:.1}\" class=\"neutral-line\"/>",
            plot_x + plot_w
        );
        let _ = writeln!(
            out,
            "<line x1=\"{plot_x:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" class=\"axis\"/>",
            plot_y + plot_h,
            plot_x + plot_w,
            plot_y + plot_h
        );
        if series.points.len() > 1 {
            out.push_str("<polyline class=\"trend-line\" points=\"");
            for (n, (date, score)) in series.points.iter().enumerate() {
                if n > 0 {
                    out.push(' ');
                }
                let _ = write!(out, "{:.1},{:.1}", x_of(date), y_of(*score));
            }
            out.push_str("\"/>\n");
        }
        for (date, score) in &series.points {
            let class = sentiment_class(*score);
            let _ = writeln!(
                out,
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"2.8\" class=\"score {class}\"/>",
                x_of(date),
                y_of(*score)
            );
        }
        if let Some((_, last)) = series.points.last() {
            let class = sentiment_class(*last);
            text(
                out,
                px + PANEL_W - 8.0,
                y_of(*last) + 4.0,
                &format!("last-score {class}"),
                "end",
                &format!("{last:.0}"),
            );
        }
        text(
            out,
            plot_x,
            py + PANEL_H - 4.0,
            "tick",
            "start",
            extra(&chart.labels, 0),
        );
        text(
            out,
            plot_x + plot_w,
            py + PANEL_H - 4.0,
            "tick",
            "end",
            extra(&chart.labels, 1),
        );
    }
    out.push_str("</svg>\n");
}

fn sentiment_class(score: f64) -> &'static str {
    if score >= 3.5 {
        "good"
    } else if score <= 2.5 {
        "poor"
    } else {
        "fair"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{GridPoint, NetworkEdge, NetworkNode};

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
                key: n % 2 == 0,
            })
            .collect();
        let grid = GridChart {
            labels: labels(),
            threshold: 4,
            points,
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
    fn labels_are_shortened_to_fit() {
        assert_eq!(fit("Short", 11.0, 200.0), "Short");
        let long = fit("A very long stakeholder name indeed", 11.0, 80.0);
        assert!(
            long.ends_with('…') && text_width(&long, 11.0) <= 80.0,
            "{long}"
        );
        assert!(text_width("滨江市", 11.0) > text_width("abc", 11.0));
    }

    #[test]
    fn conflict_edges_are_drawn_distinctly() {
        let node = |id: &str, x: f64| NetworkNode {
            id: id.into(),
            label: id.into(),
            x,
            y: 0.5,
            weight: 0.5,
            key: false,
        };
        let network = NetworkChart {
            labels: ChartLabels {
                extra: vec!["Ally".into(), "Conflict".into()],
                ..labels()
            },
            nodes: vec![node("a", 0.0), node("b", 1.0)],
            edges: vec![NetworkEdge {
                from: 0,
                to: 1,
                kind: "conflict".into(),
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
