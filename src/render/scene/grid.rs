//! The power/interest grid as a scene: quadrants shaded and named, level names along
//! both axes, and each stakeholder listed in its cell, key ones first.
//!
//! A name wider than its cell wraps to two whole lines (more only if two cannot hold
//! it); a cell lists everyone while the lines fit, in two columns if need be, and says
//! "+N" only for those that truly do not fit (the page lists everyone).
//! Beyond [`LABELLED`] stakeholders a grid of names cannot be read: each cell then shows
//! how many it holds.

use super::{Anchor, Item, Point, Role, Scene, Shape, TextMeasure, text, wrap_name};
use crate::document::{GridChart, GridPoint, KeyMark};

/// Width and height of the scene.
pub const WIDTH: f64 = 840.0;
const HEIGHT: f64 = 720.0;
const LEFT: f64 = 64.0;
const TOP: f64 = 24.0;
const RIGHT: f64 = 8.0;
const BOTTOM: f64 = 44.0;
/// Names at 11 units, one line every [`LINE`] units.
const LABEL_SIZE: f64 = 11.0;
const LINE: f64 = 13.0;
/// Space between two names of a cell.
const GAP: f64 = 1.5;
const TICK_SIZE: f64 = 10.0;
/// The dots' legend, at the size the stylesheet gives every chart legend.
const LEGEND_SIZE: f64 = 10.5;
/// Grids of more stakeholders show counts rather than names.
pub const LABELLED: usize = 45;

/// The level name `level` (1–5) of the grid's words, or the number.
fn level(grid: &GridChart, level: u8) -> String {
    let name = &grid.words.levels[usize::from(level.clamp(1, 5) - 1)];
    if name.is_empty() {
        level.to_string()
    } else {
        name.clone()
    }
}

/// Lays out `grid`.
pub fn scene(grid: &GridChart, measure: &mut dyn TextMeasure) -> Scene {
    let mut items = Vec::new();
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let (cell_w, cell_h) = (plot_w / 5.0, plot_h / 5.0);
    let t = f64::from(grid.threshold.clamp(1, 5));
    // The cell of level v spans [v-1, v) on its axis; "high" starts at the threshold's.
    let x_at = |v: f64| LEFT + (v - 1.0) * cell_w;
    let y_at = |v: f64| TOP + (5.0 - (v - 1.0)) * cell_h;
    let (hx, hy) = (x_at(t), y_at(t));
    let (right, bottom) = (LEFT + plot_w, TOP + plot_h);
    // Manage closely, keep satisfied, keep informed, monitor: the order of the labels.
    let quadrants = [
        (hx, TOP, right, hy, Anchor::End),
        (LEFT, TOP, hx, hy, Anchor::Start),
        (hx, hy, right, bottom, Anchor::End),
        (LEFT, hy, hx, bottom, Anchor::Start),
    ];
    for (q, &(x0, y0, x1, y1, _)) in quadrants.iter().enumerate() {
        if x1 > x0 && y1 > y0 {
            items.push(Item {
                shape: Shape::Rect {
                    x: x0,
                    y: y0,
                    w: x1 - x0,
                    h: y1 - y0,
                },
                role: Role::Quadrant(q as u8),
                tip: None,
            });
        }
    }
    for i in 1..5 {
        let x = LEFT + f64::from(i) * cell_w;
        let y = TOP + f64::from(i) * cell_h;
        items.push(Item::line((x, TOP), (x, bottom), Role::GridLine));
        items.push(Item::line((LEFT, y), (right, y), Role::GridLine));
    }
    items.push(Item::line((hx, TOP), (hx, bottom), Role::Threshold));
    items.push(Item::line((LEFT, hy), (right, hy), Role::Threshold));
    items.push(Item {
        shape: Shape::Rect {
            x: LEFT,
            y: TOP,
            w: plot_w,
            h: plot_h,
        },
        role: Role::Frame,
        tip: None,
    });
    // Quadrant names in the outer corners; the corner cells keep a line free for them.
    for (q, &(x0, y0, x1, y1, anchor)) in quadrants.iter().enumerate() {
        let name = &grid.words.quadrants[q];
        if name.is_empty() {
            continue;
        }
        if x1 <= x0 || y1 <= y0 {
            continue;
        }
        let x = if anchor == Anchor::End {
            right - 6.0
        } else {
            LEFT + 6.0
        };
        let top = if y0 == TOP {
            TOP + 4.0
        } else {
            bottom - 4.0 - LABEL_SIZE * super::LINE_HEIGHT
        };
        let w = measure.width(name, LABEL_SIZE);
        items.push(text(
            x,
            top,
            anchor,
            vec![name.clone()],
            LABEL_SIZE,
            w,
            Role::QuadrantName,
        ));
    }
    // Level names under the columns and beside the rows, wrapped rather than cut.
    for v in 1..=5u8 {
        let name = level(grid, v);
        let f = f64::from(v);
        let under = wrap_name(&name, TICK_SIZE, cell_w - 4.0, measure);
        let w = widest(&under, TICK_SIZE, measure);
        items.push(text(
            x_at(f) + cell_w / 2.0,
            bottom + 4.0,
            Anchor::Middle,
            under,
            TICK_SIZE,
            w,
            Role::Tick,
        ));
        let beside = wrap_name(&name, TICK_SIZE, LEFT - 10.0, measure);
        let w = widest(&beside, TICK_SIZE, measure);
        let h = beside.len() as f64 * TICK_SIZE * super::LINE_HEIGHT;
        items.push(text(
            LEFT - 5.0,
            y_at(f) - cell_h / 2.0 - h / 2.0,
            Anchor::End,
            beside,
            TICK_SIZE,
            w,
            Role::Tick,
        ));
    }
    let x_title = format!("{} →", grid.labels.x_axis);
    let w = measure.width(&x_title, 11.5);
    items.push(text(
        LEFT + plot_w / 2.0,
        HEIGHT - 16.0,
        Anchor::Middle,
        vec![x_title],
        11.5,
        w,
        Role::AxisTitle,
    ));
    let y_title = format!("↑ {}", grid.labels.y_axis);
    let w = measure.width(&y_title, 11.5);
    items.push(text(
        8.0,
        TOP - 18.0,
        Anchor::Start,
        vec![y_title],
        11.5,
        w,
        Role::AxisTitle,
    ));

    legend(grid, measure, &mut items);

    let mut cells: Vec<Vec<&GridPoint>> = vec![Vec::new(); 25];
    for point in &grid.points {
        let (i, p) = (point.interest.clamp(1, 5), point.power.clamp(1, 5));
        cells[usize::from(p - 1) * 5 + usize::from(i - 1)].push(point);
    }
    let labelled = grid.points.len() <= LABELLED;
    // Where each named stakeholder's dot is, for the arrows of those who moved.
    let mut centres: std::collections::HashMap<&str, Point> = std::collections::HashMap::new();
    for (index, cell) in cells.iter_mut().enumerate() {
        if cell.is_empty() {
            continue;
        }
        let (power, interest) = ((index / 5 + 1) as u8, (index % 5 + 1) as u8);
        let (x0, y0) = (x_at(f64::from(interest)), y_at(f64::from(power)) - cell_h);
        if !labelled {
            count(
                cell.len(),
                grid.points.len(),
                (x0 + cell_w / 2.0, y0 + cell_h / 2.0),
                cell_h,
                measure,
                &mut items,
            );
            continue;
        }
        // A full cell names those who call for attention first.
        cell.sort_by(|a, b| {
            a.attention
                .cmp(&b.attention)
                .then_with(|| a.label.cmp(&b.label))
        });
        let corner = matches!(interest, 1 | 5) && matches!(power, 1 | 5);
        let reserve = if corner {
            LABEL_SIZE * super::LINE_HEIGHT + 4.0
        } else {
            0.0
        };
        let mut top = y0 + 5.0 + if power == 5 && corner { reserve } else { 0.0 };
        let floor = y0 + cell_h - 4.0 - if power == 1 && corner { reserve } else { 0.0 };
        list(
            cell,
            x0 + 7.0,
            &mut top,
            floor,
            cell_w - 17.0,
            measure,
            &mut items,
            &mut centres,
        );
    }
    for moved in &grid.moves {
        let Some(&to) = centres.get(moved.id.as_str()) else {
            continue;
        };
        let (p, i) = (moved.power.clamp(1, 5), moved.interest.clamp(1, 5));
        let from = (
            x_at(f64::from(i)) + cell_w / 2.0,
            y_at(f64::from(p)) - cell_h / 2.0,
        );
        arrow(from, to, &mut items);
    }
    Scene {
        width: WIDTH,
        height: HEIGHT,
        items,
    }
}

/// What the dots' fill means, above the plot after the power axis's title: key, then
/// (in an edition that withholds some stakeholders' key status) grey. Each name starts
/// after its dot, so a font wider than measured can only widen the gaps.
fn legend(grid: &GridChart, measure: &mut dyn TextMeasure, items: &mut Vec<Item>) {
    let withheld = grid.points.iter().any(|p| p.key == KeyMark::Withheld);
    let entries = [
        (&grid.words.key, KeyMark::Key, true),
        (&grid.words.key_withheld, KeyMark::Withheld, withheld),
    ];
    let mut x = LEFT + 110.0;
    for (name, mark, shown) in entries {
        if !shown || name.is_empty() {
            continue;
        }
        let w = measure.width(name, LEGEND_SIZE);
        items.push(Item {
            shape: Shape::Circle {
                centre: (x + 3.6, TOP - 18.0 + LEGEND_SIZE * super::LINE_HEIGHT / 2.0),
                r: 3.6,
            },
            role: Role::Dot { key: mark },
            tip: None,
        });
        items.push(text(
            x + 11.0,
            TOP - 18.0,
            Anchor::Start,
            vec![name.clone()],
            LEGEND_SIZE,
            w,
            Role::Legend,
        ));
        x += 11.0 + w + 24.0;
    }
}

fn widest(lines: &[String], size: f64, measure: &mut dyn TextMeasure) -> f64 {
    lines
        .iter()
        .map(|l| measure.width(l, size))
        .fold(0.0, f64::max)
}

/// The names of one cell from `top` down to `floor`, each beside its dot, in one column
/// or, when one column cannot hold them all, two (if every name fits a column on two
/// lines): as many as fit, then "+N" for the rest.
#[allow(clippy::too_many_arguments)]
fn list<'p>(
    cell: &[&'p GridPoint],
    x: f64,
    top: &mut f64,
    floor: f64,
    width: f64,
    measure: &mut dyn TextMeasure,
    items: &mut Vec<Item>,
    centres: &mut std::collections::HashMap<&'p str, Point>,
) {
    let mut best = arrange(cell, 1, width, *top, floor, measure);
    if best.shown < cell.len() {
        let column = (width + 17.0) / 2.0 - 17.0;
        let two = arrange(cell, 2, column, *top, floor, measure);
        let fits = two
            .labels
            .iter()
            .all(|lines| widest(lines, LABEL_SIZE, measure) <= column + 0.5);
        if fits && two.shown > best.shown {
            best = two;
        }
    }
    let pitch = (width + 17.0) / best.columns as f64;
    for (k, (point, lines)) in cell.iter().zip(best.labels).take(best.shown).enumerate() {
        let (px, cy) = (
            x + best.column_of[k] as f64 * pitch,
            best.tops[k] + LINE / 2.0,
        );
        centres.insert(point.id.as_str(), (px, cy));
        items.push(Item {
            shape: Shape::Circle {
                centre: (px, cy),
                r: 3.6,
            },
            role: Role::Dot { key: point.key },
            tip: Some(point.label.clone()),
        });
        let w = widest(&lines, LABEL_SIZE, measure);
        items.push(text(
            px + 6.0,
            cy - LABEL_SIZE * super::LINE_HEIGHT / 2.0,
            Anchor::Start,
            lines,
            LABEL_SIZE,
            w,
            Role::PointLabel,
        ));
    }
    if best.shown < cell.len() {
        let more = format!("+{}", cell.len() - best.shown);
        let w = measure.width(&more, 10.5);
        let (col, y) = best.more;
        items.push(text(
            x + col as f64 * pitch + 6.0,
            y + LINE / 2.0 - 10.5 * super::LINE_HEIGHT / 2.0,
            Anchor::Start,
            vec![more],
            10.5,
            w,
            Role::More,
        ));
    }
    *top = floor;
}

/// A move on the grid: a hollow mark where the stakeholder was (the centre of that
/// cell), and an arrow from it to their dot now.
fn arrow(from: Point, to: Point, items: &mut Vec<Item>) {
    let (dx, dy) = (to.0 - from.0, to.1 - from.1);
    let length = (dx * dx + dy * dy).sqrt();
    items.push(Item {
        shape: Shape::Circle {
            centre: from,
            r: 4.0,
        },
        role: Role::Mark { desired: false },
        tip: None,
    });
    // The dot is 3.6 units across its centre; the head stops short of it.
    if length < 14.0 {
        return;
    }
    let (ux, uy) = (dx / length, dy / length);
    let start = (from.0 + ux * 5.0, from.1 + uy * 5.0);
    let tip = (to.0 - ux * 5.0, to.1 - uy * 5.0);
    let base = (tip.0 - ux * 8.0, tip.1 - uy * 8.0);
    items.push(Item {
        shape: Shape::Line {
            from: start,
            to: base,
        },
        role: Role::Gap { up: true },
        tip: None,
    });
    items.push(Item {
        shape: Shape::Polygon(vec![
            tip,
            (base.0 - uy * 4.0, base.1 + ux * 4.0),
            (base.0 + uy * 4.0, base.1 - ux * 4.0),
        ]),
        role: Role::GapArrow { up: true },
        tip: None,
    });
}

/// Where the names of a cell go in `columns` columns.
struct Arrangement {
    columns: usize,
    /// The wrapped names, all of them.
    labels: Vec<Vec<String>>,
    /// How many are drawn.
    shown: usize,
    /// Column and top of each drawn name.
    column_of: Vec<usize>,
    tops: Vec<f64>,
    /// Column and top of "+N".
    more: (usize, f64),
}

fn arrange(
    cell: &[&GridPoint],
    columns: usize,
    width: f64,
    top: f64,
    floor: f64,
    measure: &mut dyn TextMeasure,
) -> Arrangement {
    let labels: Vec<Vec<String>> = cell
        .iter()
        .map(|p| wrap_name(&p.label, LABEL_SIZE, width, measure))
        .collect();
    let height = |lines: usize| lines as f64 * LINE + GAP;
    let (mut column, mut y) = (0, top);
    let (mut column_of, mut tops) = (Vec::new(), Vec::new());
    for (k, lines) in labels.iter().enumerate() {
        let h = height(lines.len());
        let last = k + 1 == labels.len();
        // Room for this name, and for "+N" after it unless it is the last.
        let need = h + if last { 0.0 } else { height(1) };
        if y + need > floor + GAP && !(last && y + h <= floor + GAP) {
            if column + 1 < columns && y > top {
                column += 1;
                y = top;
                if y + need <= floor + GAP || (last && y + h <= floor + GAP) {
                    column_of.push(column);
                    tops.push(y);
                    y += h;
                    continue;
                }
            }
            break;
        }
        column_of.push(column);
        tops.push(y);
        y += h;
    }
    Arrangement {
        columns,
        shown: tops.len(),
        labels,
        column_of,
        tops,
        more: (column, y),
    }
}

/// A cell of a large grid: a disc sized by its share of everyone, with the count on it.
fn count(
    n: usize,
    total: usize,
    centre: (f64, f64),
    cell_h: f64,
    measure: &mut dyn TextMeasure,
    items: &mut Vec<Item>,
) {
    let r = cell_h * 0.42 * (n as f64 / total.max(1) as f64).sqrt().clamp(0.25, 1.0);
    items.push(Item {
        shape: Shape::Circle { centre, r },
        role: Role::Count,
        tip: None,
    });
    let label = n.to_string();
    let w = measure.width(&label, 12.0);
    items.push(text(
        centre.0,
        centre.1 - 12.0 * super::LINE_HEIGHT / 2.0,
        Anchor::Middle,
        vec![label],
        12.0,
        w,
        Role::CountLabel,
    ));
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

    fn grid(names: &[&str]) -> GridChart {
        GridChart {
            labels: ChartLabels::default(),
            words: Default::default(),
            threshold: 4,
            points: names
                .iter()
                .map(|n| GridPoint {
                    id: (*n).into(),
                    label: (*n).into(),
                    interest: 3,
                    power: 3,
                    key: KeyMark::Other,
                    attention: 0,
                })
                .collect(),
            moves: Vec::new(),
        }
    }

    #[test]
    fn a_move_is_an_arrow_from_the_old_cell_to_the_dot() {
        let mut chart = grid(&["Ann", "Bob"]);
        chart.moves = vec![crate::document::GridMove {
            id: "Bob".into(),
            power: 1,
            interest: 5,
        }];
        let scene = scene(&chart, &mut Wide);
        let dot = scene
            .items
            .iter()
            .find_map(|i| match (&i.shape, &i.tip) {
                (Shape::Circle { centre, .. }, Some(tip)) if tip == "Bob" => Some(*centre),
                _ => None,
            })
            .unwrap();
        let ghost = scene
            .items
            .iter()
            .find_map(|i| match (&i.shape, i.role) {
                (Shape::Circle { centre, .. }, Role::Mark { desired: false }) => Some(*centre),
                _ => None,
            })
            .unwrap();
        // The old cell: interest 5 (right), power 1 (bottom); the dot is in the middle.
        assert!(ghost.0 > dot.0 && ghost.1 > dot.1, "{ghost:?} {dot:?}");
        let head = scene
            .items
            .iter()
            .find_map(|i| match (&i.shape, i.role) {
                (Shape::Polygon(points), Role::GapArrow { up: true }) => Some(points[0]),
                _ => None,
            })
            .unwrap();
        let gap = ((head.0 - dot.0).powi(2) + (head.1 - dot.1).powi(2)).sqrt();
        assert!(gap < 6.0, "the head stops just short of the dot: {gap}");
        // Ann did not move: one arrow only.
        let arrows = scene
            .items
            .iter()
            .filter(|i| i.role == Role::GapArrow { up: true })
            .count();
        assert_eq!(arrows, 1);
    }

    fn names(scene: &Scene) -> Vec<String> {
        scene
            .items
            .iter()
            .filter(|i| matches!(i.role, Role::PointLabel | Role::More))
            .filter_map(|i| match &i.shape {
                Shape::Text { lines, .. } => Some(lines.concat()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_long_name_wraps_whole_in_its_cell() {
        let scene = scene(&grid(&["国家开发银行滨江市分行（银团牵头行）"]), &mut Wide);
        assert_eq!(names(&scene), ["国家开发银行滨江市分行（银团牵头行）"]);
        assert!(super::super::overlapping_text(&scene).is_empty());
    }

    #[test]
    fn a_very_long_name_stays_inside_its_cell() {
        let name = "Port Authority of the Northern Estuary and Coastal Shipping Lanes";
        let scene = scene(&grid(&[name]), &mut Wide);
        let cell_w = (WIDTH - LEFT - RIGHT) / 5.0;
        let right = LEFT + 3.0 * cell_w;
        for item in scene.items.iter().filter(|i| i.role == Role::PointLabel) {
            assert!(item.shape.text_bounds().unwrap().right <= right, "{item:?}");
        }
        assert_eq!(names(&scene).len(), 1);
    }

    #[test]
    fn a_full_cell_says_how_many_more_only_when_they_do_not_fit() {
        let five: Vec<String> = (0..5).map(|k| format!("P{k}")).collect();
        let five: Vec<&str> = five.iter().map(String::as_str).collect();
        assert_eq!(names(&scene(&grid(&five), &mut Wide)).len(), 5);
        let many: Vec<String> = (0..30).map(|k| format!("P{k:02}")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        let shown = names(&scene(&grid(&many), &mut Wide));
        let more = shown.last().unwrap();
        assert_eq!(more, &format!("+{}", 30 - (shown.len() - 1)), "{shown:?}");
    }
}
