//! The four charts drawn as vectors from the same data as the HTML's SVG: power/interest
//! grid, engagement matrix, relationship network and sentiment timeline. Labels come from
//! the chart data, so they are in the report's language.

use std::collections::BTreeMap;

use super::blocks::Builder;
use super::fonts::FontSet;
use super::layout::{Draw, Slice, Stroke};
use super::text::{Line, TextStyle, measure, single_line};
use super::theme::{self, Rgb};
use crate::document::{Chart, EngagementChart, GridChart, NetworkChart, SentimentChart};

/// Lay out `chart` at `x`, `width` wide.
pub(super) fn layout(b: &mut Builder, chart: &Chart, x: f32, width: f32) {
    match chart {
        Chart::Grid(grid) => {
            let slice = power_interest(b.fonts, grid, x, width);
            b.flow.slices.push(slice);
        }
        Chart::Engagement(matrix) => engagement(b, matrix, x, width),
        Chart::Network(network) => {
            let slice = relationships(b, network, x, width);
            b.flow.slices.push(slice);
        }
        Chart::Sentiment(sentiment) => {
            let slice = timeline(b.fonts, sentiment, x, width);
            b.flow.slices.push(slice);
        }
    }
}

fn style(size: f32, color: Rgb) -> TextStyle {
    TextStyle::new(size, color)
}

/// Text placed with its start at `x`; `anchor` 0 = left, 0.5 = centre, 1 = right.
fn text_at(
    fonts: &mut FontSet,
    text: &str,
    style: TextStyle,
    x: f32,
    baseline: f32,
    anchor: f32,
) -> Draw {
    let line = single_line(text, style, fonts);
    Draw::Text {
        x: x - line.width * anchor,
        baseline,
        line,
    }
}

/// `text` cut with an ellipsis to fit `max` points.
fn fitted(fonts: &mut FontSet, text: &str, style: TextStyle, max: f32) -> Line {
    if measure(text, style, fonts) <= max {
        return single_line(text, style, fonts);
    }
    let ellipsis = measure("…", style, fonts);
    let mut kept = String::new();
    let mut width = 0.0;
    for c in text.chars() {
        let w = measure(c.encode_utf8(&mut [0; 4]), style, fonts);
        if width + w + ellipsis > max {
            break;
        }
        width += w;
        kept.push(c);
    }
    kept.push('…');
    single_line(&kept, style, fonts)
}

/// The chart title above the drawing; returns its height.
fn title(fonts: &mut FontSet, text: &str, x: f32, draws: &mut Vec<Draw>) -> f32 {
    draws.push(text_at(
        fonts,
        text,
        style(theme::BODY, theme::INK).bold(),
        x,
        11.0,
        0.0,
    ));
    20.0
}

fn line(points: Vec<(f32, f32)>, stroke: Stroke) -> Draw {
    Draw::Path {
        points,
        closed: false,
        fill: None,
        stroke: Some(stroke),
    }
}

/// Power/interest grid: quadrants shaded and named, stakeholders placed in their cell,
/// labelled when there are few enough to read; beyond that each cell shows its count.
fn power_interest(fonts: &mut FontSet, grid: &GridChart, x: f32, width: f32) -> Slice {
    let mut draws = Vec::new();
    let top = title(fonts, &grid.labels.title, x, &mut draws);
    let side = (width - 40.0).min(360.0);
    let x0 = x + 28.0 + (width - 40.0 - side) / 2.0;
    let y0 = top + 14.0;
    let cell = side / 5.0;
    let t = f32::from(grid.threshold.clamp(2, 5)) - 1.0; // cells below "high"
    let split_x = x0 + t * cell;
    let split_y = y0 + (5.0 - t) * cell;

    // Quadrants: manage closely, keep satisfied, keep informed, monitor.
    let tints = [0xfbe3dc, 0xfdf1d8, 0xe0edf8, 0xeef0f2].map(Rgb::hex);
    let quads = [
        (split_x, y0, x0 + side - split_x, split_y - y0),
        (x0, y0, split_x - x0, split_y - y0),
        (split_x, split_y, x0 + side - split_x, y0 + side - split_y),
        (x0, split_y, split_x - x0, y0 + side - split_y),
    ];
    for (&(qx, qy, qw, qh), tint) in quads.iter().zip(tints) {
        draws.push(Draw::fill(qx, qy, qw, qh, tint));
    }
    let grid_stroke = Stroke::solid(Rgb::hex(0xffffff), 0.8);
    for k in 1..5 {
        let k = k as f32 * cell;
        draws.push(line(vec![(x0 + k, y0), (x0 + k, y0 + side)], grid_stroke));
        draws.push(line(vec![(x0, y0 + k), (x0 + side, y0 + k)], grid_stroke));
    }
    let axis = Stroke::solid(theme::MUTED, 0.8);
    draws.push(line(
        vec![(x0, y0), (x0, y0 + side), (x0 + side, y0 + side)],
        axis,
    ));
    let split = Stroke::solid(theme::MUTED, 1.0);
    draws.push(line(vec![(split_x, y0), (split_x, y0 + side)], split));
    draws.push(line(vec![(x0, split_y), (x0 + side, split_y)], split));

    // Quadrant names in the outer corners, where points are rarest.
    let name_style = style(7.5, theme::MUTED).bold();
    let corners = [
        (x0 + side - 4.0, y0 + 10.0, 1.0),
        (x0 + 4.0, y0 + 10.0, 0.0),
        (x0 + side - 4.0, y0 + side - 5.0, 1.0),
        (x0 + 4.0, y0 + side - 5.0, 0.0),
    ];
    for (name, &(nx, ny, anchor)) in grid.labels.extra.iter().zip(&corners) {
        draws.push(text_at(fonts, name, name_style, nx, ny, anchor));
    }

    // Ticks and axis titles.
    let tick = style(theme::CHART_LABEL, theme::MUTED);
    for v in 1..=5 {
        let c = (v as f32 - 0.5) * cell;
        draws.push(text_at(
            fonts,
            &v.to_string(),
            tick,
            x0 + c,
            y0 + side + 10.0,
            0.5,
        ));
        draws.push(text_at(
            fonts,
            &v.to_string(),
            tick,
            x0 - 5.0,
            y0 + side - c + 2.5,
            1.0,
        ));
    }
    let axis_title = style(8.0, theme::INK).bold();
    draws.push(text_at(
        fonts,
        &grid.labels.x_axis,
        axis_title,
        x0 + side / 2.0,
        y0 + side + 22.0,
        0.5,
    ));
    draws.push(text_at(
        fonts,
        &format!("↑ {}", grid.labels.y_axis),
        axis_title,
        x0 - 16.0,
        y0 - 5.0,
        0.0,
    ));

    // Stakeholders by cell, in the order given.
    let mut cells: BTreeMap<(u8, u8), Vec<usize>> = BTreeMap::new();
    for (i, p) in grid.points.iter().enumerate() {
        cells
            .entry((p.interest.clamp(1, 5), p.power.clamp(1, 5)))
            .or_default()
            .push(i);
    }
    let labelled = grid.points.len() <= 45;
    let label_style = style(6.5, theme::INK);
    for (&(interest, power), members) in &cells {
        let cx = x0 + (f32::from(interest) - 1.0) * cell;
        let cy = y0 + (5.0 - f32::from(power)) * cell;
        if labelled {
            // One row per stakeholder; two columns when a cell is crowded.
            let columns = if members.len() > 7 { 2 } else { 1 };
            let rows = members.len().div_ceil(columns);
            let row_h = ((cell - 6.0) / rows as f32).min(9.0);
            let col_w = (cell - 4.0) / columns as f32;
            let first = cy + (cell - row_h * rows as f32) / 2.0 + row_h / 2.0;
            for (k, &i) in members.iter().enumerate() {
                let p = &grid.points[i];
                let px = cx + 5.0 + (k / rows) as f32 * col_w;
                let py = first + (k % rows) as f32 * row_h;
                draws.push(dot(px, py, 2.6, p.key));
                let label = fitted(fonts, &p.label, label_style, col_w - 9.0);
                draws.push(Draw::Text {
                    x: px + 4.5,
                    baseline: py + 2.3,
                    line: label,
                });
            }
        } else {
            let n = members.len();
            let r = (cell * 0.42)
                * (n as f32 / grid.points.len() as f32)
                    .sqrt()
                    .clamp(0.25, 1.0);
            draws.push(Draw::Circle {
                cx: cx + cell / 2.0,
                cy: cy + cell / 2.0,
                r,
                fill: Some(theme::ACCENT),
                stroke: None,
            });
            let count = style(7.5, theme::WHITE).bold();
            draws.push(text_at(
                fonts,
                &n.to_string(),
                count,
                cx + cell / 2.0,
                cy + cell / 2.0 + 2.6,
                0.5,
            ));
        }
    }
    Slice {
        height: y0 + side + 30.0,
        draws,
        ..Slice::default()
    }
}

fn dot(cx: f32, cy: f32, r: f32, filled: bool) -> Draw {
    Draw::Circle {
        cx,
        cy,
        r,
        fill: Some(if filled { theme::ACCENT } else { theme::WHITE }),
        stroke: Some(Stroke::solid(theme::ACCENT, 0.9)),
    }
}

/// Engagement assessment matrix: a row per stakeholder with C (current) and D (desired)
/// in the level columns, an arrow where they differ. Rows are slices, so a long matrix
/// continues over pages under its repeated header.
fn engagement(b: &mut Builder, matrix: &EngagementChart, x: f32, width: f32) {
    let label_w = (width * 0.3).min(170.0);
    let col_w = (width - label_w) / 5.0;
    let head = style(7.5, theme::WHITE).bold();
    let row_h = 13.0;

    let mut draws = Vec::new();
    let top = title(b.fonts, &matrix.labels.title, x, &mut draws);
    let legend = b.lang.engagement_legend();
    draws.push(text_at(
        b.fonts,
        legend,
        style(theme::CHART_LABEL, theme::MUTED),
        x + width,
        11.0,
        1.0,
    ));
    let mut header_draws = vec![Draw::fill(x, 0.0, width, 16.0, theme::ACCENT)];
    header_draws.push(text_at(
        b.fonts,
        &matrix.labels.y_axis,
        head,
        x + 5.0,
        10.8,
        0.0,
    ));
    for (k, level) in matrix.labels.extra.iter().take(5).enumerate() {
        let cx = x + label_w + (k as f32 + 0.5) * col_w;
        let line = fitted(b.fonts, level, head, col_w - 4.0);
        header_draws.push(Draw::Text {
            x: cx - line.width / 2.0,
            baseline: 10.8,
            line,
        });
    }
    let header = Slice {
        height: 16.0,
        draws: header_draws.clone(),
        ..Slice::default()
    };
    b.flow.headers.push(header);
    let repeat = b.flow.headers.len() - 1;
    draws.extend(header_draws.into_iter().map(|d| shift(d, top)));
    b.flow.slices.push(Slice {
        height: top + 16.0,
        keep_with_next: !matrix.rows.is_empty(),
        draws,
        ..Slice::default()
    });

    let label_style = style(7.5, theme::INK);
    let marker = style(6.5, theme::WHITE).bold();
    for (r, row) in matrix.rows.iter().enumerate() {
        let mut draws = Vec::new();
        if r % 2 == 1 {
            draws.push(Draw::fill(x, 0.0, width, row_h, theme::ZEBRA));
        }
        for k in 1..5 {
            let gx = x + label_w + k as f32 * col_w;
            draws.push(line(
                vec![(gx, 0.0), (gx, row_h)],
                Stroke::solid(theme::RULE, 0.3),
            ));
        }
        let label = fitted(b.fonts, &row.label, label_style, label_w - 8.0);
        draws.push(Draw::Text {
            x: x + 5.0,
            baseline: 9.2,
            line: label,
        });
        let centre = |level: u8| x + label_w + (f32::from(level.clamp(1, 5)) - 0.5) * col_w;
        let cy = row_h / 2.0;
        match (row.current, row.desired) {
            (Some(c), Some(d)) if c != d => {
                let (from, to) = (centre(c), centre(d));
                let dir = if to > from { 1.0 } else { -1.0 };
                let tip = to - dir * 6.5;
                draws.push(line(
                    vec![(from + dir * 6.0, cy), (tip, cy)],
                    Stroke::solid(theme::MUTED, 0.8),
                ));
                draws.push(Draw::Path {
                    points: vec![
                        (tip, cy),
                        (tip - dir * 3.5, cy - 2.2),
                        (tip - dir * 3.5, cy + 2.2),
                    ],
                    closed: true,
                    fill: Some(theme::MUTED),
                    stroke: None,
                });
                draws.extend(badge(b.fonts, "C", from, cy, theme::SERIES[1], marker));
                draws.extend(badge(b.fonts, "D", to, cy, theme::ACCENT, marker));
            }
            (Some(c), Some(_)) => {
                draws.extend(badge(
                    b.fonts,
                    "C",
                    centre(c) - 6.0,
                    cy,
                    theme::SERIES[1],
                    marker,
                ));
                draws.extend(badge(
                    b.fonts,
                    "D",
                    centre(c) + 6.0,
                    cy,
                    theme::ACCENT,
                    marker,
                ));
            }
            (Some(c), None) => {
                draws.extend(badge(b.fonts, "C", centre(c), cy, theme::SERIES[1], marker))
            }
            (None, Some(d)) => {
                draws.extend(badge(b.fonts, "D", centre(d), cy, theme::ACCENT, marker))
            }
            (None, None) => {}
        }
        draws.push(Draw::hline(
            x,
            row_h,
            width,
            Stroke::solid(theme::RULE, 0.4),
        ));
        b.flow.slices.push(Slice {
            height: row_h,
            draws,
            repeat: Some(repeat),
            ..Slice::default()
        });
    }
}

/// A letter in a filled circle.
fn badge(
    fonts: &mut FontSet,
    letter: &str,
    cx: f32,
    cy: f32,
    color: Rgb,
    style: TextStyle,
) -> [Draw; 2] {
    [
        Draw::Circle {
            cx,
            cy,
            r: 5.0,
            fill: Some(color),
            stroke: None,
        },
        text_at(fonts, letter, style, cx, cy + 2.3, 0.5),
    ]
}

/// Move a drawing down by `dy`.
fn shift(draw: Draw, dy: f32) -> Draw {
    match draw {
        Draw::Text { x, baseline, line } => Draw::Text {
            x,
            baseline: baseline + dy,
            line,
        },
        Draw::Rect {
            x,
            y,
            w,
            h,
            fill,
            stroke,
        } => Draw::Rect {
            x,
            y: y + dy,
            w,
            h,
            fill,
            stroke,
        },
        Draw::Path {
            points,
            closed,
            fill,
            stroke,
        } => Draw::Path {
            points: points.into_iter().map(|(px, py)| (px, py + dy)).collect(),
            closed,
            fill,
            stroke,
        },
        Draw::Circle {
            cx,
            cy,
            r,
            fill,
            stroke,
        } => Draw::Circle {
            cx,
            cy: cy + dy,
            r,
            fill,
            stroke,
        },
        Draw::PageRef {
            id,
            right,
            baseline,
            style,
        } => Draw::PageRef {
            id,
            right,
            baseline: baseline + dy,
            style,
        },
    }
}

/// Edge kinds in legend order; `labels.extra` names them in this order.
const EDGE_KINDS: [&str; 5] = ["ally", "conflict", "reports-to", "influences", "member-of"];

fn edge_stroke(kind: &str) -> Stroke {
    let (color, width, dash) = match kind {
        "ally" => (0x2a9d8f, 1.1, None),
        "conflict" => (0xc44536, 1.1, Some((3.0, 2.0))),
        "reports-to" => (0x616e7c, 0.8, None),
        "influences" => (0x1d4e89, 0.8, Some((1.2, 1.6))),
        _ => (0xaab2bd, 0.6, Some((0.6, 1.4))),
    };
    Stroke {
        color: Rgb::hex(color),
        width,
        dash,
    }
}

/// Relationship network: edges styled by kind (arrows for the directed ones), nodes sized
/// by centrality, key stakeholders filled.
fn relationships(b: &mut Builder, network: &NetworkChart, x: f32, width: f32) -> Slice {
    let fonts = &mut *b.fonts;
    let mut draws = Vec::new();
    let top = title(fonts, &network.labels.title, x, &mut draws);
    let height = (width * 0.62).min(420.0);
    let pad = 24.0;
    let (px, py, pw, ph) = (x + pad, top + 10.0, width - 2.0 * pad, height - 20.0);
    draws.push(Draw::Rect {
        x,
        y: top,
        w: width,
        h: height,
        fill: Some(Rgb::hex(0xfafbfc)),
        stroke: Some(Stroke::solid(theme::RULE, 0.5)),
    });
    let at = |n: &crate::document::NetworkNode| {
        (
            px + n.x.clamp(0.0, 1.0) as f32 * pw,
            py + n.y.clamp(0.0, 1.0) as f32 * ph,
        )
    };
    // Dots shrink when there are many, so that a crowded network stays legible.
    let scale = (60.0 / network.nodes.len().max(1) as f32).sqrt().min(1.0);
    let radius =
        |n: &crate::document::NetworkNode| (2.5 + 5.5 * n.weight.clamp(0.0, 1.0) as f32) * scale;

    for edge in &network.edges {
        let (Some(from), Some(to)) = (network.nodes.get(edge.from), network.nodes.get(edge.to))
        else {
            continue;
        };
        let (a, z) = (at(from), at(to));
        let stroke = edge_stroke(&edge.kind);
        draws.push(line(vec![a, z], stroke));
        if edge.kind == "reports-to" || edge.kind == "influences" {
            let (dx, dy) = (z.0 - a.0, z.1 - a.1);
            let len = (dx * dx + dy * dy).sqrt().max(1e-3);
            let (ux, uy) = (dx / len, dy / len);
            let r = radius(to) + 1.0;
            let tip = (z.0 - ux * r, z.1 - uy * r);
            let back = (tip.0 - ux * 5.0, tip.1 - uy * 5.0);
            draws.push(Draw::Path {
                points: vec![
                    tip,
                    (back.0 - uy * 2.2, back.1 + ux * 2.2),
                    (back.0 + uy * 2.2, back.1 - ux * 2.2),
                ],
                closed: true,
                fill: Some(stroke.color),
                stroke: None,
            });
        }
    }

    // Label every node when few; otherwise only the most central ones.
    let mut by_weight: Vec<usize> = (0..network.nodes.len()).collect();
    by_weight.sort_by(|&i, &j| {
        network.nodes[j]
            .weight
            .total_cmp(&network.nodes[i].weight)
            .then(i.cmp(&j))
    });
    let mut labelled = vec![false; network.nodes.len()];
    for &i in by_weight.iter().take(40) {
        labelled[i] = true;
    }
    let label_style = style(6.5, theme::INK);
    for node in &network.nodes {
        let (cx, cy) = at(node);
        draws.push(dot(cx, cy, radius(node), node.key));
    }
    // Labels after all dots, so that no dot covers a label.
    for (i, node) in network.nodes.iter().enumerate() {
        if labelled[i] {
            let (cx, cy) = at(node);
            let line = fitted(fonts, &node.label, label_style, 90.0);
            draws.push(Draw::Text {
                x: cx - line.width / 2.0,
                baseline: cy + radius(node) + 7.0,
                line,
            });
        }
    }

    // Legend of the kinds present.
    let present: Vec<usize> = (0..EDGE_KINDS.len())
        .filter(|&k| network.edges.iter().any(|e| e.kind == EDGE_KINDS[k]))
        .collect();
    let legend_y = top + height + 12.0;
    let mut lx = x;
    let legend_style = style(theme::CHART_LABEL, theme::MUTED);
    for k in present {
        let name = network
            .labels
            .extra
            .get(k)
            .map_or(EDGE_KINDS[k], String::as_str);
        draws.push(line(
            vec![(lx, legend_y - 2.5), (lx + 18.0, legend_y - 2.5)],
            edge_stroke(EDGE_KINDS[k]),
        ));
        let label = single_line(name, legend_style, fonts);
        let w = label.width;
        draws.push(Draw::Text {
            x: lx + 22.0,
            baseline: legend_y,
            line: label,
        });
        lx += 22.0 + w + 14.0;
    }
    Slice {
        height: legend_y + 6.0,
        draws,
        ..Slice::default()
    }
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date.
fn day(date: &str) -> Option<f32> {
    let date: jiff::civil::Date = date.parse().ok()?;
    let epoch = jiff::civil::date(1970, 1, 1);
    Some(epoch.until(date).ok()?.get_days() as f32)
}

/// Sentiment timeline: one line per stakeholder over the date range, scores 1–5.
fn timeline(fonts: &mut FontSet, chart: &SentimentChart, x: f32, width: f32) -> Slice {
    let mut draws = Vec::new();
    let top = title(fonts, &chart.labels.title, x, &mut draws);
    let left = 64.0;
    // Room above the plot for the axis title, clear of the top level's name.
    let (px, py, pw, ph) = (
        x + left,
        top + 22.0,
        width - left - 8.0,
        (width * 0.36).min(220.0),
    );
    let (start, end) = (
        day(&chart.range.0).unwrap_or(0.0),
        day(&chart.range.1).unwrap_or(1.0),
    );
    let span = (end - start).max(1.0);
    let to_x = |d: f32| px + (d - start) / span * pw;
    let to_y = |s: f64| py + ph - (s.clamp(1.0, 5.0) as f32 - 1.0) / 4.0 * ph;

    let tick = style(theme::CHART_LABEL, theme::MUTED);
    for level in 1..=5u8 {
        let y = to_y(f64::from(level));
        draws.push(Draw::hline(
            px,
            y,
            pw,
            Stroke::solid(theme::RULE, if level == 1 { 0.8 } else { 0.4 }),
        ));
        let name = chart
            .labels
            .extra
            .get(usize::from(level) - 1)
            .cloned()
            .unwrap_or_else(|| level.to_string());
        let label = fitted(fonts, &name, tick, left - 8.0);
        draws.push(Draw::Text {
            x: px - 5.0 - label.width,
            baseline: y + 2.5,
            line: label,
        });
    }
    // Month ticks, thinned to at most twelve labels.
    if let (Ok(first), Ok(last)) = (
        chart.range.0.parse::<jiff::civil::Date>(),
        chart.range.1.parse::<jiff::civil::Date>(),
    ) {
        let months = (i32::from(last.year()) * 12 + i32::from(last.month()))
            - (i32::from(first.year()) * 12 + i32::from(first.month()));
        let step = (months / 12 + 1).max(1);
        let mut m = first.first_of_month();
        let mut k = 0;
        while m <= last {
            if m >= first && k % step == 0 {
                let label = format!("{:04}-{:02}", m.year(), m.month());
                let d = day(&m.to_string()).unwrap_or(start);
                let tx = to_x(d);
                draws.push(line(
                    vec![(tx, py + ph), (tx, py + ph + 3.0)],
                    Stroke::solid(theme::MUTED, 0.6),
                ));
                draws.push(text_at(fonts, &label, tick, tx, py + ph + 12.0, 0.5));
            }
            k += 1;
            match m.checked_add(jiff::Span::new().months(1)) {
                Ok(next) => m = next,
                Err(_) => break,
            }
        }
    }
    draws.push(text_at(
        fonts,
        &chart.labels.x_axis,
        style(8.0, theme::INK).bold(),
        px + pw / 2.0,
        py + ph + 25.0,
        0.5,
    ));
    draws.push(text_at(
        fonts,
        &chart.labels.y_axis,
        style(8.0, theme::INK).bold(),
        x,
        py - 12.0,
        0.0,
    ));

    for (i, series) in chart.series.iter().enumerate() {
        let color = theme::SERIES[i % theme::SERIES.len()];
        let dash = (i >= theme::SERIES.len()).then_some((3.0, 1.5));
        let points: Vec<(f32, f32)> = series
            .points
            .iter()
            .filter_map(|(date, score)| Some((to_x(day(date)?), to_y(*score))))
            .collect();
        if points.len() > 1 {
            draws.push(line(
                points.clone(),
                Stroke {
                    color,
                    width: 1.3,
                    dash,
                },
            ));
        }
        for (cx, cy) in points {
            draws.push(Draw::Circle {
                cx,
                cy,
                r: 1.8,
                fill: Some(color),
                stroke: None,
            });
        }
    }

    // Legend in columns under the plot.
    let legend_top = py + ph + 38.0;
    let columns = ((width / 120.0).floor() as usize).max(1);
    let col_w = width / columns as f32;
    let legend_style = style(theme::CHART_LABEL, theme::INK);
    for (i, series) in chart.series.iter().enumerate() {
        let color = theme::SERIES[i % theme::SERIES.len()];
        let dash = (i >= theme::SERIES.len()).then_some((3.0, 1.5));
        let lx = x + (i % columns) as f32 * col_w;
        let ly = legend_top + (i / columns) as f32 * 10.0;
        draws.push(line(
            vec![(lx, ly - 2.5), (lx + 12.0, ly - 2.5)],
            Stroke {
                color,
                width: 1.5,
                dash,
            },
        ));
        let label = fitted(fonts, &series.label, legend_style, col_w - 20.0);
        draws.push(Draw::Text {
            x: lx + 16.0,
            baseline: ly,
            line: label,
        });
    }
    let rows = chart.series.len().div_ceil(columns);
    Slice {
        height: legend_top + rows as f32 * 10.0,
        draws,
        ..Slice::default()
    }
}
