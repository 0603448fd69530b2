//! The engagement index over the register's git history as a scene: one line through
//! the index at each commit that changed the register and now, on a time axis, 0–100
//! on the other; a point's tag written above it where it fits, newest first.

use super::sentiment::day;
use super::{Anchor, Bounds, Item, Point, Role, Scene, Shape, TextMeasure, text};
use crate::document::IndexChart;

/// Width and height of the scene.
const WIDTH: f64 = 760.0;
const HEIGHT: f64 = 220.0;
const LEFT: f64 = 40.0;
const RIGHT: f64 = 40.0;
/// Room above the plot for the tags.
const TOP: f64 = 34.0;
const BOTTOM: f64 = 30.0;
const TICK_SIZE: f64 = 10.0;
const LABEL_SIZE: f64 = 10.5;
const VALUE_SIZE: f64 = 11.0;

/// Lays out `chart`.
pub fn scene(chart: &IndexChart, measure: &mut dyn TextMeasure) -> Scene {
    let mut items = Vec::new();
    let (plot_w, plot_h) = (WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
    let (right, bottom) = (LEFT + plot_w, TOP + plot_h);
    let days: Vec<f64> = chart.points.iter().map(|p| day(p.date)).collect();
    let start = days.first().copied().unwrap_or(0.0);
    let span = (days.last().copied().unwrap_or(start) - start).max(1.0);
    // A single day (or a single point) sits in the middle.
    let single = days.last().copied().unwrap_or(start) <= start;
    let x_of = |d: f64| {
        if single {
            LEFT + plot_w / 2.0
        } else {
            LEFT + (d - start) / span * plot_w
        }
    };
    let y_of = |index: u8| bottom - f64::from(index.min(100)) / 100.0 * plot_h;
    for value in [0u8, 25, 50, 75, 100] {
        let y = y_of(value);
        let role = if value == 0 {
            Role::Axis
        } else {
            Role::GridLine
        };
        items.push(Item::line((LEFT, y), (right, y), role));
        let label = value.to_string();
        let w = measure.width(&label, TICK_SIZE);
        items.push(text(
            LEFT - 5.0,
            y - TICK_SIZE * super::LINE_HEIGHT / 2.0,
            Anchor::End,
            vec![label],
            TICK_SIZE,
            w,
            Role::Tick,
        ));
    }
    // The dates at both ends of the axis.
    let tick_top = bottom + 6.0;
    let (first, last) = &chart.range_written;
    let w = measure.width(first, TICK_SIZE);
    let first_box = Bounds {
        left: LEFT,
        top: tick_top,
        right: LEFT + w,
        bottom: tick_top + TICK_SIZE * super::LINE_HEIGHT,
    };
    items.push(text(
        LEFT,
        tick_top,
        Anchor::Start,
        vec![first.clone()],
        TICK_SIZE,
        w,
        Role::Tick,
    ));
    let w = measure.width(last, TICK_SIZE);
    if !single && right - w > first_box.right + 8.0 {
        items.push(text(
            right,
            tick_top,
            Anchor::End,
            vec![last.clone()],
            TICK_SIZE,
            w,
            Role::Tick,
        ));
    }
    let points: Vec<(Point, &crate::document::IndexPoint)> = chart
        .points
        .iter()
        .zip(&days)
        .filter_map(|(p, &d)| Some(((x_of(d), y_of(p.index?)), p)))
        .collect();
    if points.len() > 1 {
        items.push(Item {
            shape: Shape::Polyline(points.iter().map(|(at, _)| *at).collect()),
            role: Role::TrendLine,
            tip: None,
        });
    }
    for (centre, point) in &points {
        items.push(Item {
            shape: Shape::Circle {
                centre: *centre,
                r: 3.2,
            },
            role: Role::Dot {
                key: crate::document::KeyMark::Key,
            },
            tip: Some(format!(
                "{}: {}",
                point.label.as_deref().unwrap_or(&point.date.to_string()),
                point.index.unwrap_or_default()
            )),
        });
    }
    // The latest value, written beside its point.
    if let Some(((x, y), point)) = points.last() {
        let label = point.index.unwrap_or_default().to_string();
        let w = measure.width(&label, VALUE_SIZE);
        items.push(text(
            x + 6.0,
            y - VALUE_SIZE * super::LINE_HEIGHT / 2.0,
            Anchor::Start,
            vec![label],
            VALUE_SIZE,
            w,
            Role::LastScore(super::sentiment::Band::Good),
        ));
    }
    // Labels above their points, the newest first; one that would overlap a label
    // already placed, or leave the scene, is left out (the table lists every tag).
    let mut placed: Vec<Bounds> = Vec::new();
    for ((x, y), point) in points.iter().rev() {
        let Some(label) = point.label.as_deref().filter(|l| !l.is_empty()) else {
            continue;
        };
        let w = measure.width(label, LABEL_SIZE);
        let h = LABEL_SIZE * super::LINE_HEIGHT;
        // Above the point, or above the plot when the point is near its top.
        let top = (y - 8.0 - h).min(TOP - h - 4.0).max(2.0);
        let left = (x - w / 2.0).clamp(2.0, WIDTH - 2.0 - w);
        let bounds = Bounds {
            left: left - 3.0,
            top,
            right: left + w + 3.0,
            bottom: top + h,
        };
        if placed.iter().any(|b| b.overlaps(&bounds)) {
            continue;
        }
        placed.push(bounds);
        items.push(Item::line((*x, top + h + 1.0), (*x, y - 4.0), Role::Leader));
        items.push(text(
            left,
            top,
            Anchor::Start,
            vec![label.to_owned()],
            LABEL_SIZE,
            w,
            Role::PointLabel,
        ));
    }
    Scene {
        width: WIDTH,
        height: HEIGHT,
        items,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{ChartLabels, IndexPoint};

    struct Fixed;
    impl TextMeasure for Fixed {
        fn width(&mut self, text: &str, size: f64) -> f64 {
            text.chars().count() as f64 * size * 0.55
        }
    }

    fn point(date: &str, index: u8, label: Option<&str>) -> IndexPoint {
        IndexPoint {
            date: date.parse().unwrap(),
            index: Some(index),
            label: label.map(str::to_owned),
        }
    }

    fn labels(scene: &Scene) -> Vec<(String, Bounds)> {
        scene
            .items
            .iter()
            .filter(|i| i.role == Role::PointLabel)
            .filter_map(|i| match &i.shape {
                Shape::Text { lines, .. } => Some((lines[0].clone(), i.shape.text_bounds()?)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn higher_index_is_higher_up_and_later_is_further_right() {
        let chart = IndexChart {
            labels: ChartLabels::default(),
            range_written: ("1 Oct 2026".into(), "20 Nov 2026".into()),
            points: vec![
                point("2026-10-01", 40, Some("sc-2026-10")),
                point("2026-11-05", 80, Some("sc-2026-11")),
                point("2026-11-20", 60, Some("now")),
            ],
        };
        let scene = scene(&chart, &mut Fixed);
        let dots: Vec<Point> = scene
            .items
            .iter()
            .filter_map(|i| match (&i.shape, i.role) {
                (Shape::Circle { centre, .. }, Role::Dot { .. }) => Some(*centre),
                _ => None,
            })
            .collect();
        assert_eq!(dots.len(), 3);
        assert!(dots[0].0 < dots[1].0 && dots[1].0 < dots[2].0);
        assert!(dots[1].1 < dots[2].1 && dots[2].1 < dots[0].1);
        let placed = labels(&scene);
        assert_eq!(placed.len(), 3, "{placed:?}");
    }

    #[test]
    fn crowded_tags_are_left_out_rather_than_overlapped() {
        let points = (1..=20)
            .map(|d| point(&format!("2026-11-{d:02}"), 50, Some("steering-committee")))
            .collect();
        let chart = IndexChart {
            labels: ChartLabels::default(),
            range_written: ("1 Nov 2026".into(), "20 Nov 2026".into()),
            points,
        };
        let scene = scene(&chart, &mut Fixed);
        let placed = labels(&scene);
        assert!(!placed.is_empty() && placed.len() < 20, "{}", placed.len());
        for (i, (_, a)) in placed.iter().enumerate() {
            for (_, b) in &placed[i + 1..] {
                assert!(!a.overlaps(b), "{a:?} {b:?}");
            }
        }
    }
}
