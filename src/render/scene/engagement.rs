//! The engagement assessment matrix as scenes: a head (the level names), one scene per
//! stakeholder row, and a foot (the legend), so that the PDF can continue a long matrix
//! over pages under its repeated head while the SVG stacks them.
//!
//! Each row shows C (current) and D (desired) in the level columns, joined by an arrow
//! where they differ; a name too wide for its column wraps to two whole lines.

use super::{Anchor, Item, Role, Scene, Shape, TextMeasure, text, wrap_name};
use crate::document::{EngagementChart, EngagementRow};

/// Width of every part.
pub const WIDTH: f64 = 758.0;
const NAME_W: f64 = 230.0;
const COL_W: f64 = 104.0;
const HEAD: f64 = 30.0;
const ROW: f64 = 24.0;
const LINE: f64 = 13.0;
const LABEL_SIZE: f64 = 11.0;
const HEAD_SIZE: f64 = 10.5;
const MARK_R: f64 = 8.5;

/// The parts of a matrix, top to bottom.
#[derive(Debug, Clone, PartialEq)]
pub struct Matrix {
    /// The level names over the columns.
    pub head: Scene,
    /// One per stakeholder.
    pub rows: Vec<Scene>,
    /// What C and D stand for.
    pub foot: Scene,
}

fn col_x(level: u8) -> f64 {
    NAME_W + (f64::from(level.clamp(1, 5)) - 0.5) * COL_W
}

/// Lays out `matrix`.
pub fn scene(matrix: &EngagementChart, measure: &mut dyn TextMeasure) -> Matrix {
    let mut head = Vec::new();
    for level in 1..=5u8 {
        let lines = wrap_name(
            &matrix.words.levels[usize::from(level) - 1],
            HEAD_SIZE,
            COL_W - 6.0,
            measure,
        );
        let w = widest(&lines, HEAD_SIZE, measure);
        let top = HEAD - 6.0 - lines.len() as f64 * HEAD_SIZE * super::LINE_HEIGHT;
        head.push(text(
            col_x(level),
            top,
            Anchor::Middle,
            lines,
            HEAD_SIZE,
            w,
            Role::ColumnHead,
        ));
    }
    head.push(Item {
        shape: Shape::Line {
            from: (0.0, HEAD),
            to: (WIDTH - 8.0, HEAD),
        },
        role: Role::Rule,
        tip: None,
    });
    let rows = matrix
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| row_scene(i, row, measure))
        .collect();
    let mut foot = Vec::new();
    let y = 15.0;
    let mut x = 12.0;
    let words = [
        ("C", matrix.words.current.as_str(), false),
        ("D", matrix.words.desired.as_str(), true),
    ];
    for (letter, word, role) in words {
        mark(&mut foot, x, y, letter, role);
        let w = measure.width(word, HEAD_SIZE);
        foot.push(text(
            x + 14.0,
            y - HEAD_SIZE * super::LINE_HEIGHT / 2.0,
            Anchor::Start,
            vec![word.to_owned()],
            HEAD_SIZE,
            w,
            Role::Legend,
        ));
        x += 14.0 + w + 20.0;
    }
    Matrix {
        head: Scene {
            width: WIDTH,
            height: HEAD,
            items: head,
        },
        rows,
        foot: Scene {
            width: WIDTH,
            height: 30.0,
            items: foot,
        },
    }
}

fn widest(lines: &[String], size: f64, measure: &mut dyn TextMeasure) -> f64 {
    lines
        .iter()
        .map(|l| measure.width(l, size))
        .fold(0.0, f64::max)
}

/// A C or D mark: current hollow, desired filled.
fn mark(items: &mut Vec<Item>, x: f64, y: f64, letter: &str, desired: bool) {
    items.push(Item {
        shape: Shape::Circle {
            centre: (x, y),
            r: MARK_R,
        },
        role: Role::Mark { desired },
        tip: None,
    });
    items.push(text(
        x,
        y - 10.0 * super::LINE_HEIGHT / 2.0,
        Anchor::Middle,
        vec![letter.to_owned()],
        10.0,
        6.0,
        Role::MarkLetter { desired },
    ));
}

fn row_scene(i: usize, row: &EngagementRow, measure: &mut dyn TextMeasure) -> Scene {
    let lines = wrap_name(&row.label, LABEL_SIZE, NAME_W - 12.0, measure);
    let height = ROW.max(lines.len() as f64 * LINE + 8.0);
    let y = height / 2.0;
    let mut items = Vec::new();
    if i % 2 == 1 {
        items.push(Item {
            shape: Shape::Rect {
                x: 0.0,
                y: 0.0,
                w: WIDTH - 8.0,
                h: height,
            },
            role: Role::Stripe,
            tip: None,
        });
    }
    let w = widest(&lines, LABEL_SIZE, measure);
    let top = y - lines.len() as f64 * LABEL_SIZE * super::LINE_HEIGHT / 2.0;
    items.push(text(
        4.0,
        top,
        Anchor::Start,
        lines,
        LABEL_SIZE,
        w,
        Role::RowLabel,
    ));
    match (row.current, row.desired) {
        (Some(c), Some(d)) if c == d => {
            mark(&mut items, col_x(c) - 11.0, y, "C", false);
            mark(&mut items, col_x(c) + 11.0, y, "D", true);
        }
        (current, desired) => {
            if let (Some(c), Some(d)) = (current, desired) {
                let up = d > c;
                let dir = if up { 1.0 } else { -1.0 };
                let (from, tip) = (
                    col_x(c) + dir * (MARK_R + 2.5),
                    col_x(d) - dir * (MARK_R + 1.5),
                );
                items.push(Item {
                    shape: Shape::Line {
                        from: (from, y),
                        to: (tip - dir * 6.0, y),
                    },
                    role: Role::Gap { up },
                    tip: None,
                });
                items.push(Item {
                    shape: Shape::Polygon(vec![
                        (tip, y),
                        (tip - dir * 7.0, y - 3.5),
                        (tip - dir * 7.0, y + 3.5),
                    ]),
                    role: Role::GapArrow { up },
                    tip: None,
                });
            }
            if let Some(c) = current {
                mark(&mut items, col_x(c), y, "C", false);
            }
            if let Some(d) = desired {
                mark(&mut items, col_x(d), y, "D", true);
            }
        }
    }
    Scene {
        width: WIDTH,
        height,
        items,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::ChartLabels;

    struct Wide;
    impl TextMeasure for Wide {
        fn width(&mut self, text: &str, size: f64) -> f64 {
            text.chars().count() as f64 * size
        }
    }

    #[test]
    fn a_long_name_takes_a_taller_row_and_stays_whole() {
        let row = |label: &str| EngagementRow {
            id: label.into(),
            label: label.into(),
            current: Some(2),
            desired: Some(4),
        };
        let chart = EngagementChart {
            labels: ChartLabels::default(),
            words: Default::default(),
            rows: vec![
                row("Ann"),
                row("国家开发银行滨江市分行（银团牵头行）营业部"),
            ],
        };
        let matrix = scene(&chart, &mut Wide);
        assert_eq!(matrix.rows[0].height, ROW);
        assert!(matrix.rows[1].height > ROW);
        let text: Vec<String> = matrix.rows[1]
            .items
            .iter()
            .filter_map(|i| match (&i.shape, i.role) {
                (Shape::Text { lines, .. }, Role::RowLabel) => Some(lines.concat()),
                _ => None,
            })
            .collect();
        assert_eq!(text, ["国家开发银行滨江市分行（银团牵头行）营业部"]);
        assert!(
            matrix.rows[1]
                .items
                .iter()
                .any(|i| i.role == Role::GapArrow { up: true })
        );
    }
}
