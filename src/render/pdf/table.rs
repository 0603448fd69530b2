//! Tables: column widths from content, wrapped cells, one slice per row, the header row
//! repeated on every page the table continues on.

use super::blocks::Builder;
use super::layout::{Draw, Slice, Stroke};
use super::text::{Line, TextStyle, break_lines, spans_of, widths};
use super::theme;
use crate::document::{Align, Run, Table};

const PAD_X: f32 = 4.5;
const PAD_Y: f32 = 3.2;

/// Column widths for content with the given (narrowest, natural) widths, cell padding
/// included, filling `total`.
///
/// Like a browser's automatic table layout: every column gets at least its narrowest width,
/// and the rest is shared in proportion to how much more each column would like. When even
/// the narrowest widths do not fit, they are scaled down and long words break.
pub(super) fn column_widths(wanted: &[(f32, f32)], total: f32) -> Vec<f32> {
    let narrow: f32 = wanted.iter().map(|w| w.0).sum();
    let natural: f32 = wanted.iter().map(|w| w.1).sum();
    if wanted.is_empty() {
        return Vec::new();
    }
    if narrow >= total {
        return wanted.iter().map(|w| w.0 * total / narrow).collect();
    }
    if natural <= total {
        // Everything fits on one line: spread the spare room evenly by natural width.
        return wanted.iter().map(|w| w.1 * total / natural).collect();
    }
    let spare = total - narrow;
    let extra = natural - narrow;
    wanted
        .iter()
        .map(|w| w.0 + spare * (w.1 - w.0) / extra)
        .collect()
}

fn cell_lines(runs: &[Run], style: TextStyle, width: f32, b: &mut Builder) -> Vec<Line> {
    break_lines(&spans_of(runs, style), width - 2.0 * PAD_X, b.fonts)
}

/// A row as slices: a fill, the cell texts and a rule below. A row of more than
/// `max_lines` lines (a long note) becomes several slices that may go on different pages,
/// split between lines, never inside one.
fn row_slices(
    cells: Vec<Vec<Line>>,
    x: f32,
    cols: &[f32],
    align: &[Align],
    size: f32,
    fill: Option<theme::Rgb>,
    max_lines: usize,
) -> Vec<Slice> {
    let line_height = size * theme::TABLE_LEADING;
    let rows = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let chunks = rows.div_ceil(max_lines.max(1));
    let per_chunk = rows.div_ceil(chunks);
    let total: f32 = cols.iter().sum();
    let mut slices: Vec<Slice> = (0..chunks)
        .map(|k| {
            let lines = per_chunk.min(rows - k * per_chunk);
            let top = if k == 0 { PAD_Y } else { 0.0 };
            let bottom = if k + 1 == chunks { PAD_Y } else { 0.0 };
            let height = top + lines as f32 * line_height + bottom;
            let mut draws = Vec::new();
            if let Some(fill) = fill {
                draws.push(Draw::fill(x, 0.0, total, height, fill));
            }
            if k + 1 == chunks {
                draws.push(Draw::hline(
                    x,
                    height,
                    total,
                    Stroke::solid(theme::RULE, 0.5),
                ));
            }
            Slice {
                height,
                draws,
                ..Slice::default()
            }
        })
        .collect();
    let baseline = (line_height - size) / 2.0 + theme::ASCENT * size;
    let mut cell_x = x;
    for (c, lines) in cells.into_iter().enumerate() {
        let width = cols[c];
        for (i, line) in lines.into_iter().enumerate() {
            let (k, within) = (i / per_chunk, i % per_chunk);
            let top = if k == 0 { PAD_Y } else { 0.0 };
            let room = width - 2.0 * PAD_X - line.width;
            let offset = match align.get(c).copied().unwrap_or_default() {
                Align::Left => 0.0,
                Align::Center => room / 2.0,
                Align::Right => room,
            };
            slices[k].draws.push(Draw::Text {
                x: cell_x + PAD_X + offset.max(0.0),
                baseline: top + baseline + within as f32 * line_height,
                line,
            });
        }
        cell_x += width;
    }
    slices
}

/// Lay out `table` at `x`, `width` wide.
pub(super) fn layout(b: &mut Builder, table: &Table, x: f32, width: f32) {
    let n = table
        .rows
        .iter()
        .map(Vec::len)
        .chain([table.header.len()])
        .max()
        .unwrap_or(0);
    if n == 0 {
        return;
    }
    let body = TextStyle::new(theme::TABLE, theme::INK);
    let head = TextStyle::new(theme::TABLE, theme::WHITE).bold();

    let mut wanted = vec![(0.0f32, 0.0f32); n];
    let rows = std::iter::once((&table.header, head)).chain(table.rows.iter().map(|r| (r, body)));
    for (row, style) in rows {
        for (c, runs) in row.iter().enumerate() {
            let (narrow, natural) = widths(&spans_of(runs, style), b.fonts);
            wanted[c].0 = wanted[c].0.max(narrow + 2.0 * PAD_X);
            wanted[c].1 = wanted[c].1.max(natural + 2.0 * PAD_X);
        }
    }
    let cols = column_widths(&wanted, width);

    let lines_of = |row: &Vec<Vec<Run>>, style: TextStyle, b: &mut Builder| -> Vec<Vec<Line>> {
        (0..n)
            .map(|c| cell_lines(row.get(c).map_or(&[][..], Vec::as_slice), style, cols[c], b))
            .collect()
    };

    // Rows taller than half a page are split between lines.
    let max_lines = ((b.page_body * 0.5) / (theme::TABLE * theme::TABLE_LEADING)) as usize;
    let header_cells = lines_of(&table.header, head, b);
    let mut header = row_slices(
        header_cells,
        x,
        &cols,
        &table.align,
        theme::TABLE,
        Some(theme::ACCENT),
        usize::MAX,
    )
    .remove(0);
    header.keep_with_next = !table.rows.is_empty();
    b.flow.headers.push(header.clone());
    let repeat = b.flow.headers.len() - 1;
    b.flow.slices.push(header);

    for (r, row) in table.rows.iter().enumerate() {
        let cells = lines_of(row, body, b);
        let fill = (r % 2 == 1).then_some(theme::ZEBRA);
        let slices = row_slices(cells, x, &cols, &table.align, theme::TABLE, fill, max_lines);
        for mut slice in slices {
            slice.repeat = Some(repeat);
            b.flow.slices.push(slice);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_widths_fit_and_fill_the_line() {
        let got = column_widths(&[(10.0, 20.0), (10.0, 60.0)], 160.0);
        assert_eq!(got, [40.0, 120.0]);
    }

    #[test]
    fn spare_room_goes_to_the_columns_that_want_it() {
        // Narrowest 20 + 20, natural 30 + 220: 60 spare over 210 wanted.
        let got = column_widths(&[(20.0, 30.0), (20.0, 220.0)], 100.0);
        assert!((got[0] - (20.0 + 60.0 * 10.0 / 210.0)).abs() < 1e-3);
        assert!((got.iter().sum::<f32>() - 100.0).abs() < 1e-3);
        assert!(got[1] > got[0]);
    }

    #[test]
    fn too_narrow_tables_scale_the_narrowest_widths() {
        let got = column_widths(&[(60.0, 80.0), (140.0, 200.0)], 100.0);
        assert_eq!(got, [30.0, 70.0]);
    }
}

#[cfg(test)]
mod row_tests {
    use super::*;
    use crate::render::pdf::text::{Span, TextStyle};
    use crate::render::pdf::{fonts::FontSet, text::break_lines};

    #[test]
    fn a_row_taller_than_allowed_splits_between_lines() {
        let mut fonts = FontSet::new(&[]).unwrap();
        let style = TextStyle::new(theme::TABLE, theme::INK);
        let long = break_lines(&[Span::new("word ".repeat(400), style)], 100.0, &mut fonts);
        let short = break_lines(&[Span::new("name", style)], 100.0, &mut fonts);
        let lines = long.len();
        let slices = row_slices(
            vec![short, long],
            0.0,
            &[110.0, 110.0],
            &[],
            theme::TABLE,
            None,
            10,
        );
        assert_eq!(slices.len(), lines.div_ceil(10));
        let texts: usize = slices
            .iter()
            .map(|s| {
                s.draws
                    .iter()
                    .filter(|d| matches!(d, Draw::Text { .. }))
                    .count()
            })
            .sum();
        assert_eq!(texts, lines + 1, "every line drawn once");
        for slice in &slices {
            for draw in &slice.draws {
                if let Draw::Text { baseline, .. } = draw {
                    assert!(*baseline < slice.height, "a line inside its slice");
                }
            }
        }
    }
}
