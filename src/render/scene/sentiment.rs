//! Sentiment as a scene of small multiples: a panel per stakeholder, three across, on one
//! shared time axis, the neutral score dashed, each score coloured by its [`Band`] and the
//! latest one at the right.

use super::{Anchor, Item, Point, Role, Scene, Shape, TextMeasure, text, wrap_name};
use crate::document::SentimentChart;
use crate::register::vocab::Date;

const PANEL_W: f64 = 240.0;
const PANEL_H: f64 = 84.0;
const PANEL_GAP: f64 = 16.0;
const TITLE_SIZE: f64 = 11.0;
const TICK_SIZE: f64 = 10.0;

/// How a satisfaction score (1–5) reads: the one set of bands of every output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Band {
    /// 3.5 and above.
    Good,
    /// Between.
    Fair,
    /// 2.5 and below.
    Poor,
}

impl Band {
    /// The band of `score`.
    pub fn of(score: f64) -> Band {
        if score >= 3.5 {
            Band::Good
        } else if score <= 2.5 {
            Band::Poor
        } else {
            Band::Fair
        }
    }

    /// The CSS class word.
    pub fn as_str(self) -> &'static str {
        match self {
            Band::Good => "good",
            Band::Fair => "fair",
            Band::Poor => "poor",
        }
    }
}

/// Days of a date since the one epoch of chart time axes (1970-01-01).
pub fn day(date: Date) -> f64 {
    jiff::civil::date(1970, 1, 1)
        .until(date)
        .map_or(0.0, |span| f64::from(span.get_days()))
}

/// Lays out `chart`.
pub fn scene(chart: &SentimentChart, measure: &mut dyn TextMeasure) -> Scene {
    let columns = chart.series.len().clamp(1, 3);
    let rows = chart.series.len().div_ceil(3).max(1);
    let width = columns as f64 * PANEL_W + (columns as f64 - 1.0) * PANEL_GAP + 8.0;
    let height = rows as f64 * (PANEL_H + PANEL_GAP) + 4.0;
    let start = day(chart.range.0);
    let span = (day(chart.range.1) - start).max(1.0);
    let written = |w: &String, date: Date| {
        if w.is_empty() {
            date.to_string()
        } else {
            w.clone()
        }
    };
    let first = &written(&chart.range_written.0, chart.range.0);
    let last = &written(&chart.range_written.1, chart.range.1);
    let mut items = Vec::new();
    for (i, series) in chart.series.iter().enumerate() {
        let px = 4.0 + (i % 3) as f64 * (PANEL_W + PANEL_GAP);
        let py = (i / 3) as f64 * (PANEL_H + PANEL_GAP) + 2.0;
        let (plot_x, plot_w) = (px + 4.0, PANEL_W - 40.0);
        let (plot_y, plot_h) = (py + 22.0, PANEL_H - 40.0);
        items.push(Item {
            shape: Shape::Rect {
                x: px,
                y: py,
                w: PANEL_W,
                h: PANEL_H,
            },
            role: Role::Panel,
            tip: None,
        });
        // A name too long for the panel's title line wraps over the plot's top (the
        // scores sit below the middle of most panels); it is never cut.
        let title = wrap_name(&series.label, TITLE_SIZE, PANEL_W - 12.0, measure);
        let w = title
            .iter()
            .map(|l| measure.width(l, TITLE_SIZE))
            .fold(0.0, f64::max);
        items.push(text(
            px + 6.0,
            py + 4.0,
            Anchor::Start,
            title,
            TITLE_SIZE,
            w,
            Role::PanelTitle,
        ));
        let y_of = |score: f64| plot_y + plot_h - (score.clamp(1.0, 5.0) - 1.0) / 4.0 * plot_h;
        let x_of = |d: f64| plot_x + (d - start) / span * plot_w;
        let mid = y_of(3.0);
        items.push(Item::line(
            (plot_x, mid),
            (plot_x + plot_w, mid),
            Role::NeutralLine,
        ));
        let base = plot_y + plot_h;
        items.push(Item::line(
            (plot_x, base),
            (plot_x + plot_w, base),
            Role::Axis,
        ));
        let points: Vec<(Point, f64)> = series
            .points
            .iter()
            .map(|(date, score)| ((x_of(day(*date)), y_of(*score)), *score))
            .collect();
        if points.len() > 1 {
            items.push(Item {
                shape: Shape::Polyline(points.iter().map(|p| p.0).collect()),
                role: Role::TrendLine,
                tip: None,
            });
        }
        for &(centre, score) in &points {
            items.push(Item {
                shape: Shape::Circle { centre, r: 2.8 },
                role: Role::Score(Band::of(score)),
                tip: None,
            });
        }
        if let Some(&((_, y), score)) = points.last() {
            let label = format!("{score:.0}");
            let w = measure.width(&label, TITLE_SIZE);
            items.push(text(
                px + PANEL_W - 8.0,
                y - TITLE_SIZE * super::LINE_HEIGHT / 2.0,
                Anchor::End,
                vec![label],
                TITLE_SIZE,
                w,
                Role::LastScore(Band::of(score)),
            ));
        }
        let tick_top = py + PANEL_H - 4.0 - TICK_SIZE * super::BASELINE;
        let w = measure.width(first, TICK_SIZE);
        items.push(text(
            plot_x,
            tick_top,
            Anchor::Start,
            vec![first.clone()],
            TICK_SIZE,
            w,
            Role::Tick,
        ));
        let w = measure.width(last, TICK_SIZE);
        items.push(text(
            plot_x + plot_w,
            tick_top,
            Anchor::End,
            vec![last.clone()],
            TICK_SIZE,
            w,
            Role::Tick,
        ));
    }
    Scene {
        width,
        height,
        items,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_epoch_and_one_set_of_bands() {
        let date = |text: &str| -> Date { text.parse().unwrap() };
        assert_eq!(day(date("1970-01-02")), 1.0);
        assert_eq!(day(date("2026-11-20")) - day(date("2026-11-01")), 19.0);
        assert_eq!(Band::of(3.5), Band::Good);
        assert_eq!(Band::of(3.0), Band::Fair);
        assert_eq!(Band::of(2.5), Band::Poor);
    }
}
