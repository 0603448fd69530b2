//! Tables: column widths from content, wrapped cells, one slice per row, the header row
//! repeated on every page the table continues on.

use super::blocks::Builder;
use super::fonts::FontSet;
use super::layout::{Draw, Slice, Stroke};
use super::text::{Line, TextStyle, break_lines, spans_of, widths};
use super::theme;
use crate::document::{Align, Run, Table};

const PAD_X: f32 = 4.5;
const PAD_Y: f32 = 3.2;

/// A column whose widest cell, padding aside, is at most this many ems of table text is
/// short: about seven Han characters or fourteen Latin letters (a level, a date, a person's
/// name). Short columns are set on one line whenever the table allows.
const SHORT_EM: f32 = 8.0;

/// How much of a short column stays on one line when the table cannot keep it whole.
const FEW_EM: f32 = 3.6;

/// What a column would like, cell padding included.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Want {
    /// The widest unbreakable piece of any cell (min-content).
    pub narrow: f32,
    /// The median cell on one line: a typical entry.
    pub typical: f32,
    /// The widest cell on one line (max-content).
    pub natural: f32,
}

/// Column widths filling `total` for columns that want `wanted`. A column whose natural
/// width is at most `short` (or at most an equal share of the table) is short.
///
/// Like a browser's automatic table layout, with one change for Chinese: a Han character
/// is a break opportunity, so a Chinese cell's narrowest width is a single character and
/// a plain min/max-content share wraps short cells such as 很高 one character a line.
/// Short columns therefore get their natural width first; the long columns share the rest
/// in proportion to their natural widths, each between a floor and its natural width. The
/// floor of the widest long column (the prose that wraps anyway) is its narrowest width;
/// the other long columns (names, dates) keep a typical entry on one line. Where those
/// floors do not fit, long columns fall back to their narrowest widths, then short columns
/// wrap too but keep a few characters a line, then they may narrow to their narrowest
/// widths, and when even those do not fit, they are scaled down and words break.
pub(super) fn column_widths(wanted: &[Want], total: f32, short: f32) -> Vec<f32> {
    if wanted.is_empty() {
        return Vec::new();
    }
    let narrow: f32 = wanted.iter().map(|w| w.narrow).sum();
    let natural: f32 = wanted.iter().map(|w| w.natural).sum();
    if narrow >= total {
        return wanted.iter().map(|w| w.narrow * total / narrow).collect();
    }
    if natural <= total {
        // Everything fits on one line: spread the spare room evenly by natural width.
        return wanted.iter().map(|w| w.natural * total / natural).collect();
    }
    let short = short.max(total / wanted.len() as f32);
    let is_short = |w: &Want| w.natural <= short;
    let widest = (0..wanted.len())
        .filter(|&c| !is_short(&wanted[c]))
        .max_by(|&a, &b| {
            wanted[a]
                .natural
                .total_cmp(&wanted[b].natural)
                .then(b.cmp(&a))
        });
    let typical: Vec<f32> = (wanted.iter().enumerate())
        .map(|(c, w)| {
            if is_short(w) {
                w.natural
            } else if Some(c) == widest {
                w.narrow
            } else {
                w.typical.clamp(w.narrow, w.natural)
            }
        })
        .collect();
    let whole_short: Vec<f32> = (wanted.iter())
        .map(|w| if is_short(w) { w.natural } else { w.narrow })
        .collect();
    // Short columns keep their first few characters on a line (a three-character
    // Chinese name, a year) rather than one character a line.
    let few = short * FEW_EM / SHORT_EM;
    let short_few: Vec<f32> = (wanted.iter())
        .map(|w| {
            if is_short(w) {
                w.natural.min(few).max(w.narrow)
            } else {
                w.narrow
            }
        })
        .collect();
    let narrowest: Vec<f32> = wanted.iter().map(|w| w.narrow).collect();
    let floors = [typical, whole_short, short_few]
        .into_iter()
        .find(|f| f.iter().sum::<f32>() <= total)
        .unwrap_or(narrowest);
    share(wanted, &floors, total)
}

/// Widths `clamp(λ · natural, floor, natural)` for the `λ` that makes them fill `total`,
/// which lies between the sums of the floors and of the natural widths.
fn share(wanted: &[Want], floors: &[f32], total: f32) -> Vec<f32> {
    let width =
        |scale: f32, c: usize| (scale * wanted[c].natural).clamp(floors[c], wanted[c].natural);
    let filled = |scale: f32| (0..wanted.len()).map(|c| width(scale, c)).sum::<f32>();
    // The filled width grows with λ: bisect to learn which columns are held at a bound,
    // then solve exactly for the free ones.
    let (mut low, mut high) = (0.0f32, 1.0f32);
    for _ in 0..40 {
        let mid = (low + high) / 2.0;
        if filled(mid) < total {
            low = mid;
        } else {
            high = mid;
        }
    }
    let free = |c: usize| {
        let w = width(low, c);
        w > floors[c] && w < wanted[c].natural
    };
    let (mut held, mut free_natural) = (0.0, 0.0);
    for (c, want) in wanted.iter().enumerate() {
        if free(c) {
            free_natural += want.natural;
        } else {
            held += width(low, c);
        }
    }
    let scale = if free_natural > 0.0 {
        (total - held) / free_natural
    } else {
        low
    };
    (0..wanted.len())
        .map(|c| {
            if free(c) {
                scale * wanted[c].natural
            } else {
                width(low, c)
            }
        })
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

/// Body and header cell styles.
fn styles() -> (TextStyle, TextStyle) {
    (
        TextStyle::new(theme::TABLE, theme::INK),
        TextStyle::new(theme::TABLE, theme::WHITE).bold(),
    )
}

/// The widths of the `n` columns of `table` set `width` wide, from the narrowest and
/// natural widths of every cell, header included.
fn columns(table: &Table, n: usize, width: f32, fonts: &mut FontSet) -> Vec<f32> {
    let (body, head) = styles();
    let mut wanted = vec![
        Want {
            narrow: 0.0,
            typical: 0.0,
            natural: 0.0,
        };
        n
    ];
    // Natural widths of the body cells with text, per column, for the typical entry.
    let mut cells = vec![Vec::with_capacity(table.rows.len()); n];
    let rows = std::iter::once((&table.header, head)).chain(table.rows.iter().map(|r| (r, body)));
    for (r, (row, style)) in rows.enumerate() {
        for (c, runs) in row.iter().enumerate() {
            let (mut narrow, natural) = widths(&spans_of(runs, style), fonts);
            if is_short_han_word(runs) {
                // A name (刘晓燕) or a head (负责人) read one character a line is not
                // read at all: it counts as one word, as a Latin one does.
                narrow = natural;
            }
            wanted[c].narrow = wanted[c].narrow.max(narrow + 2.0 * PAD_X);
            wanted[c].natural = wanted[c].natural.max(natural + 2.0 * PAD_X);
            if r > 0 && natural > 0.0 {
                cells[c].push(natural + 2.0 * PAD_X);
            }
        }
    }
    for (want, cells) in wanted.iter_mut().zip(&mut cells) {
        cells.sort_by(f32::total_cmp);
        want.typical = cells.get(cells.len() / 2).copied().unwrap_or(want.natural);
    }
    column_widths(&wanted, width, SHORT_EM * theme::TABLE + 2.0 * PAD_X)
}

/// Whether a cell is a short Chinese word and nothing else: two to four Han characters,
/// as a person's name, a level (很高) or a column head (负责人, 下次到期) is.
fn is_short_han_word(runs: &[Run]) -> bool {
    let text: String = runs.iter().map(|run| run.text.as_str()).collect();
    let text = text.trim();
    let han = |c: char| matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}');
    (2..=4).contains(&text.chars().count()) && text.chars().all(han)
}

/// Lay out `table` at `x`, `width` wide.
pub(super) fn layout(b: &mut Builder, table: &Table, x: f32, width: f32) {
    let n = table.columns();
    if n == 0 {
        return;
    }
    let (body, head) = styles();
    let cols = columns(table, n, width, b.fonts);

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

    /// A column whose typical entry is as narrow as its narrowest.
    fn want(narrow: f32, natural: f32) -> Want {
        Want {
            narrow,
            typical: narrow,
            natural,
        }
    }

    fn wants(columns: &[(f32, f32)]) -> Vec<Want> {
        columns.iter().map(|&(n, m)| want(n, m)).collect()
    }

    fn close(got: &[f32], want: &[f32]) -> bool {
        got.len() == want.len() && got.iter().zip(want).all(|(g, w)| (g - w).abs() < 1e-2)
    }

    #[test]
    fn natural_widths_fit_and_fill_the_line() {
        let got = column_widths(&wants(&[(10.0, 20.0), (10.0, 60.0)]), 160.0, 0.0);
        assert_eq!(got, [40.0, 120.0]);
    }

    #[test]
    fn short_columns_keep_their_natural_width_and_long_ones_share_the_rest() {
        // Two short columns (40 and 45 wide), two long ones wanting 400 and 200: the 215
        // left go 2:1.
        let wanted = [(9.0, 40.0), (9.0, 45.0), (20.0, 400.0), (20.0, 200.0)];
        let got = column_widths(&wants(&wanted), 300.0, 60.0);
        assert!(
            close(&got, &[40.0, 45.0, 215.0 * 2.0 / 3.0, 215.0 / 3.0]),
            "{got:?}"
        );
    }

    #[test]
    fn a_column_of_middling_width_is_short_when_it_is_within_an_equal_share() {
        // 90 is over the short limit but under a third of 300.
        let got = column_widths(
            &wants(&[(9.0, 90.0), (20.0, 500.0), (20.0, 250.0)]),
            300.0,
            60.0,
        );
        assert!((got[0] - 90.0).abs() < 1e-3, "{got:?}");
    }

    #[test]
    fn a_long_column_never_gets_less_than_its_longest_word() {
        // A proportional share would give the middle column 30, under its narrowest 80.
        let got = column_widths(
            &wants(&[(9.0, 40.0), (80.0, 100.0), (20.0, 600.0)]),
            250.0,
            50.0,
        );
        assert!(close(&got, &[40.0, 80.0, 130.0]), "{got:?}");
    }

    #[test]
    fn names_beside_the_prose_column_keep_a_typical_entry_on_one_line() {
        // Names typically 70 wide, the longest 140; the prose column wants 600.
        let names = Want {
            narrow: 40.0,
            typical: 70.0,
            natural: 140.0,
        };
        let got = column_widths(&[want(9.0, 40.0), names, want(50.0, 600.0)], 250.0, 50.0);
        assert!(close(&got, &[40.0, 70.0, 140.0]), "{got:?}");
        // Without the room for that, the long columns share by natural width.
        let got = column_widths(&[want(9.0, 40.0), names, want(150.0, 600.0)], 250.0, 50.0);
        assert!(close(&got, &[40.0, 40.0, 170.0]), "{got:?}");
    }

    #[test]
    fn short_columns_give_way_when_long_words_need_the_room() {
        let got = column_widths(
            &wants(&[(9.0, 60.0), (9.0, 60.0), (150.0, 300.0)]),
            200.0,
            60.0,
        );
        assert!(close(&got, &[25.0, 25.0, 150.0]), "{got:?}");
    }

    #[test]
    fn squeezed_short_columns_keep_a_few_characters_a_line() {
        // Whole short columns (60 + 60) do not fit beside the long one's 20, but a few
        // characters of each do.
        let got = column_widths(
            &wants(&[(9.0, 60.0), (9.0, 60.0), (20.0, 300.0)]),
            110.0,
            70.0,
        );
        let few = 70.0 * FEW_EM / SHORT_EM;
        assert!(close(&got, &[few, few, 110.0 - 2.0 * few]), "{got:?}");
    }

    #[test]
    fn too_narrow_tables_scale_the_narrowest_widths() {
        let got = column_widths(&wants(&[(60.0, 80.0), (140.0, 200.0)]), 100.0, 0.0);
        assert_eq!(got, [30.0, 70.0]);
    }

    fn cells(texts: &[&str]) -> Vec<Vec<Run>> {
        texts.iter().map(|t| vec![Run::plain(*t)]).collect()
    }

    /// The number of lines of every cell of `table` set `width` wide.
    fn line_counts(table: &Table, width: f32) -> Vec<Vec<usize>> {
        let mut fonts = FontSet::new(&[]).unwrap();
        let n = table.header.len();
        let cols = columns(table, n, width, &mut fonts);
        assert!((cols.iter().sum::<f32>() - width).abs() < 1e-2, "{cols:?}");
        let (body, head) = styles();
        std::iter::once((&table.header, head))
            .chain(table.rows.iter().map(|r| (r, body)))
            .map(|(row, style)| {
                row.iter()
                    .zip(&cols)
                    .map(|(runs, &w)| {
                        break_lines(&spans_of(runs, style), w - 2.0 * PAD_X, &mut fonts).len()
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn short_chinese_columns_do_not_wrap_beside_a_long_one() {
        let role = "副市长（分管城建、交通），市轨道交通建设领导小组组长、滨江市人民政府、滨江市轨道交通集团有限公司";
        let table = Table {
            align: Vec::new(),
            header: cells(&[
                "名称",
                "职务",
                "内外部",
                "参与方式",
                "权力",
                "利益",
                "关键",
                "负责人",
            ]),
            rows: vec![
                cells(&[
                    "滨江市融媒体中心（滨江日报、滨江新闻 App）",
                    role,
                    "外部",
                    "间接",
                    "很高",
                    "很高",
                    "●",
                    "刘晓燕",
                ]),
                cells(&["王建国", "副市长", "内部", "直接", "中", "低", "", "陈立新"]),
            ],
        };
        let counts = line_counts(&table, 471.0);
        for row in &counts {
            assert!(
                row[2..].iter().all(|&n| n <= 1),
                "short columns wrap: {counts:?}"
            );
        }
        assert!(counts[1][1] > 1, "the long column wraps: {counts:?}");
    }

    #[test]
    fn a_short_chinese_name_or_head_never_breaks_in_a_table_of_many_columns() {
        // The plan's load by owner and week: sixteen short columns, too many for each to
        // keep its widest entry on one line.
        let mut header = vec!["负责人", "已逾期"];
        let weeks = [
            "11月20日",
            "11月23日",
            "11月30日",
            "12月7日",
            "12月14日",
            "12月21日",
            "12月28日",
            "1月4日",
            "1月11日",
            "1月18日",
            "1月25日",
            "2月1日",
            "2月8日",
        ];
        header.extend(weeks);
        header.push("合计");
        let row = |owner: &'static str| {
            let mut row = vec![owner, "4"];
            row.extend(["10"; 13]);
            row.push("101");
            cells(&row)
        };
        let table = Table {
            align: Vec::new(),
            header: cells(&header),
            rows: vec![row("刘晓燕"), row("吴婷"), row("欧阳晓燕")],
        };
        let counts = line_counts(&table, 471.0);
        assert_eq!(counts[0][0], 1, "负责人 breaks: {counts:?}");
        assert_eq!(counts[0][1], 1, "已逾期 breaks: {counts:?}");
        assert_eq!(counts[0][15], 1, "合计 breaks: {counts:?}");
        for row in &counts[1..] {
            assert_eq!(row[0], 1, "a name breaks: {counts:?}");
        }
    }

    #[test]
    fn short_english_columns_do_not_wrap_beside_a_long_one() {
        let role = "Senior shop steward, Leeds plant; works council member, Northfield Components";
        let table = Table {
            align: Vec::new(),
            header: cells(&[
                "Name",
                "Role",
                "Category",
                "Involvement",
                "Power",
                "Interest",
                "Key",
                "Owner",
            ]),
            rows: vec![
                cells(&[
                    "Plant IT and MES Support Team",
                    role,
                    "External",
                    "Indirect",
                    "very high",
                    "medium",
                    "●",
                    "Sam Whitfield",
                ]),
                cells(&[
                    "Frank Doyle",
                    role,
                    "Internal",
                    "Direct",
                    "low",
                    "very high",
                    "",
                    "Priya Nair",
                ]),
            ],
        };
        let counts = line_counts(&table, 471.0);
        for row in &counts {
            assert!(
                row[2..].iter().all(|&n| n <= 1),
                "short columns wrap: {counts:?}"
            );
        }
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
