//! The four charts drawn as vectors from the same data as the HTML's SVG: power/interest
//! grid, engagement matrix, relationship network and sentiment timeline. Labels come from
//! the chart data, so they are in the report's language.

use super::blocks::Builder;
use super::fonts::FontSet;
use super::layout::{Draw, Slice, Stroke};
use super::scene::FontMeasure;
use super::text::{TextStyle, single_line};
use super::theme::{self, Rgb};
use crate::document::{
    Chart, EngagementChart, GridChart, IndexChart, NetworkChart, SentimentChart,
};
use crate::render::scene::network;

/// Lay out `chart` at `x`, `width` wide.
pub(super) fn layout(b: &mut Builder, chart: &Chart, x: f32, width: f32) {
    // A chart title that repeats the heading above it says nothing new.
    let title = match chart {
        Chart::Grid(c) => &c.labels.title,
        Chart::Engagement(c) => &c.labels.title,
        Chart::Network(c) => &c.labels.title,
        Chart::Sentiment(c) => &c.labels.title,
        Chart::Index(c) => &c.labels.title,
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
        Chart::Index(index) => {
            let slice = index_over_time(b.fonts, index, title, x, width);
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

/// Power/interest grid: the one layout of [`crate::render::scene::grid`], drawn at the
/// column's width.
fn power_interest(
    fonts: &mut FontSet,
    grid: &GridChart,
    caption: Option<&String>,
    x: f32,
    width: f32,
) -> Slice {
    at_width(fonts, caption, x, width, |measure| {
        crate::render::scene::grid::scene(grid, measure)
    })
}

/// A chart's scene under its caption, scaled to `width`.
fn at_width(
    fonts: &mut FontSet,
    caption: Option<&String>,
    x: f32,
    width: f32,
    scene: impl FnOnce(&mut FontMeasure<'_>) -> crate::render::scene::Scene,
) -> Slice {
    let mut draws = Vec::new();
    let top = title(fonts, caption, x, &mut draws);
    let scene = scene(&mut FontMeasure(fonts));
    let scale = width / scene.width as f32;
    draws.extend(super::scene::draw(fonts, &scene, x, top, scale));
    Slice {
        height: top + scene.height as f32 * scale,
        draws,
        ..Slice::default()
    }
}

fn engagement(
    b: &mut Builder,
    matrix: &EngagementChart,
    caption: Option<&String>,
    x: f32,
    width: f32,
) {
    let parts = crate::render::scene::engagement::scene(matrix, &mut FontMeasure(b.fonts));
    let scale = width / parts.head.width as f32;
    let mut draws = Vec::new();
    let top = title(b.fonts, caption, x, &mut draws);
    let head = super::scene::draw(b.fonts, &parts.head, x, 0.0, scale);
    let head_h = parts.head.height as f32 * scale;
    b.flow.headers.push(Slice {
        height: head_h,
        draws: head,
        ..Slice::default()
    });
    let repeat = b.flow.headers.len() - 1;
    draws.extend(super::scene::draw(b.fonts, &parts.head, x, top, scale));
    b.flow.slices.push(Slice {
        height: top + head_h,
        keep_with_next: !matrix.rows.is_empty(),
        draws,
        ..Slice::default()
    });
    for row in &parts.rows {
        b.flow.slices.push(Slice {
            height: row.height as f32 * scale,
            draws: super::scene::draw(b.fonts, row, x, 0.0, scale),
            repeat: Some(repeat),
            ..Slice::default()
        });
    }
    b.flow.slices.push(Slice {
        height: parts.foot.height as f32 * scale,
        draws: super::scene::draw(b.fonts, &parts.foot, x, 0.0, scale),
        ..Slice::default()
    });
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

/// Sentiment as small multiples: the one layout of [`crate::render::scene::sentiment`],
/// drawn at the column's width (a single panel at its natural size).
fn panels(
    fonts: &mut FontSet,
    chart: &SentimentChart,
    caption: Option<&String>,
    x: f32,
    width: f32,
) -> Slice {
    let mut draws = Vec::new();
    let top = title(fonts, caption, x, &mut draws);
    let scene = crate::render::scene::sentiment::scene(chart, &mut FontMeasure(fonts));
    // Panels keep the scale of a full row of three.
    let full = 3.0 * 240.0 + 2.0 * 16.0 + 8.0;
    let scale = width / full;
    draws.extend(super::scene::draw(fonts, &scene, x, top, scale));
    Slice {
        height: top + scene.height as f32 * scale,
        draws,
        ..Slice::default()
    }
}

/// The engagement index over time: the one layout of [`crate::render::scene::index`],
/// drawn at the column's width.
fn index_over_time(
    fonts: &mut FontSet,
    chart: &IndexChart,
    caption: Option<&String>,
    x: f32,
    width: f32,
) -> Slice {
    at_width(fonts, caption, x, width, |measure| {
        crate::render::scene::index::scene(chart, measure)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{
        Block, ChartLabels, GridPoint, GridWords, KeyMark, Run, SentimentSeries,
    };
    use crate::i18n::render::PdfWords;

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
        let mut builder = Builder::new(
            &mut fonts,
            PdfWords::new(crate::register::vocab::Language::En),
            blocks,
            700.0,
        );
        builder.blocks(blocks, 60.0, 470.0);
        builder.flow.slices
    }

    fn labels(title: &str) -> ChartLabels {
        ChartLabels {
            title: title.into(),
            ..ChartLabels::default()
        }
    }

    fn sentiment(title: &str) -> Block {
        Block::chart(Chart::Sentiment(SentimentChart {
            labels: labels(title),
            range: (
                jiff::civil::date(2026, 3, 1),
                jiff::civil::date(2026, 11, 20),
            ),
            range_written: ("1 Mar 2026".into(), "20 Nov 2026".into()),
            series: (0..4)
                .map(|k| SentimentSeries {
                    id: format!("s{k}"),
                    label: format!("Person {k}"),
                    points: vec![
                        (jiff::civil::date(2026, 4, 1), 2.0),
                        (jiff::civil::date(2026, 10, 1), 4.0),
                    ],
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
                key: KeyMark::of(Some(k < 3)),
                attention: k,
            })
            .collect();
        let grid = Block::chart(Chart::Grid(GridChart {
            labels: labels("Grid"),
            words: GridWords {
                quadrants: ["A", "B", "C", "D"].map(String::from),
                levels: ["v1", "v2", "v3", "v4", "v5"].map(String::from),
                ..GridWords::default()
            },
            threshold: 4,
            points,
            moves: Vec::new(),
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
