//! The four charts drawn as vectors from the same data as the HTML's SVG: power/interest
//! grid, engagement matrix, relationship network and sentiment timeline. Labels come from
//! the chart data, so they are in the report's language.

use super::blocks::Builder;
use super::fonts::FontSet;
use super::layout::{Draw, Slice, Stroke};
use super::scene::FontMeasure;
use super::text::{Line, TextStyle, measure, single_line};
use super::theme::{self, Rgb};
use crate::document::{Chart, EngagementChart, GridChart, NetworkChart, SentimentChart};
use crate::render::scene::network;

/// Lay out `chart` at `x`, `width` wide.
pub(super) fn layout(b: &mut Builder, chart: &Chart, x: f32, width: f32) {
    // A chart title that repeats the heading above it says nothing new.
    let title = match chart {
        Chart::Grid(c) => &c.labels.title,
        Chart::Engagement(c) => &c.labels.title,
        Chart::Network(c) => &c.labels.title,
        Chart::Sentiment(c) => &c.labels.title,
    };
    let title = (!title.trim().is_empty() && title.trim() != b.heading.trim()).then_some(title);
    match chart {
        Chart::Grid(grid) => {
            let slice = power_interest(b.fonts, grid, title, x, width);
            b.flow.slices.push(slice);
        }
        Chart::Engagement(matrix) => engagement(b, matrix, title, x, width),
        Chart::Network(network) => {
            let slice = relationships(b.fonts, network, title, x, width);
            b.flow.slices.push(slice);
        }
        Chart::Sentiment(sentiment) => {
            let slice = panels(b.fonts, sentiment, title, x, width);
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

/// The chart title above the drawing, if any; returns the height it takes.
fn title(fonts: &mut FontSet, text: Option<&String>, x: f32, draws: &mut Vec<Draw>) -> f32 {
    let Some(text) = text else {
        return 0.0;
    };
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

/// Power/interest grid: the one layout of [`crate::render::scene::grid`], drawn at the
/// column's width.
fn power_interest(
    fonts: &mut FontSet,
    grid: &GridChart,
    caption: Option<&String>,
    x: f32,
    width: f32,
) -> Slice {
    let mut draws = Vec::new();
    let top = title(fonts, caption, x, &mut draws);
    let scene = crate::render::scene::grid::scene(grid, &mut FontMeasure(fonts));
    let scale = width / scene.width as f32;
    draws.extend(super::scene::draw(fonts, &scene, x, top, scale));
    Slice {
        height: top + scene.height as f32 * scale,
        draws,
        ..Slice::default()
    }
}

/// Engagement assessment matrix: a row per stakeholder with C (current) and D (desired)
/// in the level columns, an arrow where they differ. Rows are slices, so a long matrix
/// continues over pages under its repeated header.
fn engagement(
    b: &mut Builder,
    matrix: &EngagementChart,
    caption: Option<&String>,
    x: f32,
    width: f32,
) {
    let label_style = style(7.5, theme::INK);
    // The name column as wide as the longest name, within reason: the level columns only
    // hold two badges.
    let widest = matrix
        .rows
        .iter()
        .map(|r| measure(&r.label, label_style, b.fonts))
        .fold(0.0, f32::max);
    let label_w = (widest + 12.0).clamp(width * 0.22, width * 0.45);
    let col_w = (width - label_w) / 5.0;
    let head = style(7.5, theme::WHITE).bold();
    let row_h = 13.0;

    let mut draws = Vec::new();
    let top = title(b.fonts, caption, x, &mut draws).max(18.0);
    // Legend: what C and D stand for, in the report's words.
    if let (Some(current), Some(desired)) = (matrix.labels.extra.get(5), matrix.labels.extra.get(6))
    {
        let legend = format!("C {current} · D {desired}");
        draws.push(text_at(
            b.fonts,
            &legend,
            style(theme::CHART_LABEL, theme::MUTED),
            x + width,
            top - 9.0,
            1.0,
        ));
    }
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

/// Relationship network: the one layout of [`crate::render::scene::network`], drawn at
/// the column's width (labels at about 7 points on A4).
fn relationships(
    fonts: &mut FontSet,
    network: &NetworkChart,
    caption: Option<&String>,
    x: f32,
    width: f32,
) -> Slice {
    let mut draws = Vec::new();
    let top = title(fonts, caption, x, &mut draws);
    let scene = network::scene(network, &mut FontMeasure(fonts));
    let scale = width / scene.width as f32;
    draws.push(Draw::Rect {
        x,
        y: top,
        w: width,
        h: network::PLOT_H as f32 * scale,
        fill: Some(Rgb::hex(0xfafbfc)),
        stroke: Some(Stroke::solid(theme::RULE, 0.5)),
    });
    draws.extend(super::scene::draw(fonts, &scene, x, top, scale));
    Slice {
        height: top + scene.height as f32 * scale,
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

/// Colour of a sentiment score: good, fair or poor, as in the HTML.
fn score_color(score: f64) -> Rgb {
    if score >= 3.5 {
        Rgb::hex(0x3c7d4f)
    } else if score <= 2.5 {
        Rgb::hex(0xb03a2e)
    } else {
        Rgb::hex(0xb7791f)
    }
}

/// Sentiment as small multiples, like the HTML: a panel per stakeholder, three across, on
/// one shared time axis, the neutral score dashed and the latest score at the right.
fn panels(
    fonts: &mut FontSet,
    chart: &SentimentChart,
    caption: Option<&String>,
    x: f32,
    width: f32,
) -> Slice {
    let mut draws = Vec::new();
    let top = title(fonts, caption, x, &mut draws);
    let n = chart.series.len();
    let columns = n.clamp(1, 3);
    let gap = 10.0;
    let pw = (width - gap * (columns - 1) as f32) / columns as f32;
    let ph = 72.0;
    let (start, end) = (
        day(&chart.range.0).unwrap_or(0.0),
        day(&chart.range.1).unwrap_or(1.0),
    );
    let span = (end - start).max(1.0);
    let first = chart.labels.extra.first().unwrap_or(&chart.range.0);
    let last = chart.labels.extra.get(1).unwrap_or(&chart.range.1);
    let name_style = style(7.5, theme::ACCENT).bold();
    let tick = style(6.5, theme::MUTED);
    let neutral = Stroke {
        color: theme::RULE,
        width: 0.6,
        dash: Some((2.0, 2.0)),
    };
    for (i, series) in chart.series.iter().enumerate() {
        let px = x + (i % columns) as f32 * (pw + gap);
        let py = top + (i / columns) as f32 * (ph + gap);
        draws.push(Draw::Rect {
            x: px,
            y: py,
            w: pw,
            h: ph,
            fill: Some(Rgb::hex(0xfafbfc)),
            stroke: Some(Stroke::solid(Rgb::hex(0xe1e6eb), 0.5)),
        });
        let name = fitted(fonts, &series.label, name_style, pw - 12.0);
        draws.push(Draw::Text {
            x: px + 6.0,
            baseline: py + 12.0,
            line: name,
        });
        let (plot_x, plot_w) = (px + 8.0, pw - 30.0);
        let (plot_y, plot_h) = (py + 20.0, ph - 36.0);
        let y_of =
            |score: f64| plot_y + plot_h - (score.clamp(1.0, 5.0) as f32 - 1.0) / 4.0 * plot_h;
        let x_of = |d: f32| plot_x + (d - start) / span * plot_w;
        draws.push(Draw::hline(plot_x, y_of(3.0), plot_w, neutral));
        draws.push(Draw::hline(
            plot_x,
            plot_y + plot_h,
            plot_w,
            Stroke::solid(theme::RULE, 0.6),
        ));
        let points: Vec<(f32, f32, f64)> = series
            .points
            .iter()
            .filter_map(|(date, score)| Some((x_of(day(date)?), y_of(*score), *score)))
            .collect();
        if points.len() > 1 {
            draws.push(line(
                points.iter().map(|p| (p.0, p.1)).collect(),
                Stroke::solid(theme::ACCENT, 1.1),
            ));
        }
        for &(cx, cy, score) in &points {
            draws.push(Draw::Circle {
                cx,
                cy,
                r: 1.9,
                fill: Some(score_color(score)),
                stroke: None,
            });
        }
        if let Some(&(_, cy, score)) = points.last() {
            let latest = style(7.5, score_color(score)).bold();
            draws.push(text_at(
                fonts,
                &format!("{score:.0}"),
                latest,
                px + pw - 7.0,
                cy + 2.6,
                1.0,
            ));
        }
        let baseline = py + ph - 5.0;
        draws.push(text_at(fonts, first, tick, plot_x, baseline, 0.0));
        draws.push(text_at(fonts, last, tick, plot_x + plot_w, baseline, 1.0));
    }
    let rows = n.div_ceil(columns);
    Slice {
        height: top + rows as f32 * ph + rows.saturating_sub(1) as f32 * gap,
        draws,
        ..Slice::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Block, ChartLabels, GridPoint, Run, SentimentSeries};
    use crate::render::pdf::Lang;

    fn texts(slices: &[Slice]) -> Vec<String> {
        slices
            .iter()
            .flat_map(|s| &s.draws)
            .filter_map(|d| match d {
                Draw::Text { line, .. } => Some(line.text()),
                _ => None,
            })
            .collect()
    }

    /// The slices of `blocks` laid out 470 points wide.
    fn lay_out(blocks: &[Block]) -> Vec<Slice> {
        let mut fonts = FontSet::new(&[]).unwrap();
        let mut builder = Builder::new(&mut fonts, Lang::En, blocks, 700.0);
        builder.blocks(blocks, 60.0, 470.0);
        builder.flow.slices
    }

    fn labels(title: &str, extra: &[&str]) -> ChartLabels {
        ChartLabels {
            title: title.into(),
            extra: extra.iter().map(|s| s.to_string()).collect(),
            ..ChartLabels::default()
        }
    }

    fn sentiment(title: &str) -> Block {
        Block::Chart(Chart::Sentiment(SentimentChart {
            labels: labels(title, &["1 Mar 2026", "20 Nov 2026"]),
            range: ("2026-03-01".into(), "2026-11-20".into()),
            series: (0..4)
                .map(|k| SentimentSeries {
                    id: format!("s{k}"),
                    label: format!("Person {k}"),
                    points: vec![("2026-04-01".into(), 2.0), ("2026-10-01".into(), 4.0)],
                })
                .collect(),
        }))
    }

    #[test]
    fn a_chart_titled_like_its_heading_has_no_title_of_its_own() {
        let heading = |text: &str| Block::Heading {
            level: 2,
            runs: vec![Run::plain(text)],
            id: "h".into(),
        };
        let same = lay_out(&[heading("Sentiment"), sentiment("Sentiment")]);
        // The heading itself is numbered: "1  Sentiment".
        let titles = |slices: &[Slice]| {
            texts(slices)
                .iter()
                .filter(|t| t.contains("Sentiment"))
                .count()
        };
        assert_eq!(titles(&same), 1);
        let other = lay_out(&[heading("Feedback"), sentiment("Sentiment")]);
        assert_eq!(titles(&other), 1);
    }

    #[test]
    fn sentiment_panels_name_each_stakeholder_and_the_date_range() {
        let got = texts(&lay_out(&[sentiment("Sentiment")]));
        for k in 0..4 {
            assert!(got.contains(&format!("Person {k}")), "{got:?}");
        }
        assert_eq!(got.iter().filter(|t| *t == "20 Nov 2026").count(), 4);
        assert_eq!(got.iter().filter(|t| *t == "4").count(), 4, "latest scores");
    }

    #[test]
    fn a_chart_stays_with_the_paragraph_that_explains_it() {
        let slices = lay_out(&[
            sentiment("Sentiment"),
            Block::Paragraph(vec![Run::plain("Scores from 1 to 5.")]),
        ]);
        assert!(slices[0].keep_with_next);
        assert!(slices[1].gap_before > crate::render::pdf::theme::GAP);
    }

    #[test]
    fn a_crowded_grid_cell_says_how_many_more() {
        let points = (0..30)
            .map(|k| GridPoint {
                id: format!("p{k}"),
                label: format!("P{k:02}"),
                interest: 4,
                power: 4,
                key: k < 3,
            })
            .collect();
        let grid = Block::Chart(Chart::Grid(GridChart {
            labels: labels("Grid", &["A", "B", "C", "D", "v1", "v2", "v3", "v4", "v5"]),
            threshold: 4,
            points,
        }));
        let got = texts(&lay_out(&[grid]));
        let shown = got.iter().filter(|t| t.starts_with('P')).count();
        let more = format!("+{}", 30 - shown);
        assert!(shown > 10 && shown < 30, "{shown}");
        assert!(got.contains(&more), "{got:?}");
        assert!(got.contains(&"v5".to_string()), "level names on the axes");
        // Key stakeholders come first.
        for k in 0..3 {
            assert!(got.contains(&format!("P{k:02}")));
        }
    }
}
