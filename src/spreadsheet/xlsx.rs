//! Writes a [`Workbook`] as `.xlsx` with `rust_xlsxwriter`: the title line (project,
//! edition, as of) above each sheet's headers, the headers frozen and filtered, columns
//! sized to their content, the edition in the printed page header, dates as dates.
//!
//! Every text cell is written as a string, never as a formula, so a register value such
//! as `=HYPERLINK(…)` is shown as text and runs nothing.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook as Book};

use rayon::prelude::*;

use super::export::{Cell, Sheet, Workbook};

/// The row of the headers (0-based): the title line is above it.
pub const HEADER_ROW: u32 = 1;

/// The widest a column is made, in characters: longer text wraps.
const MAX_WIDTH: f64 = 60.0;

/// The `.xlsx` file's bytes. The rows are streamed through temporary files in
/// `scratch` (the output file's folder: nothing is written outside it), removed when
/// done.
pub fn write(workbook: &Workbook, scratch: &std::path::Path) -> Result<Vec<u8>, String> {
    let fail = |e: rust_xlsxwriter::XlsxError| format!("cannot write the workbook: {e}");
    let mut book = Book::new();
    book.set_tempdir(scratch).map_err(fail)?;
    // The fastest deflate level: a 10,000-stakeholder workbook is written in about half
    // the time of the default level, for a file about a fifth larger.
    book.set_zip_compression_level(1);
    book.set_properties(
        &DocProperties::new()
            .set_title(&workbook.title)
            .set_subject(workbook.edition)
            .set_comment(workbook.edition),
    );
    let formats = Formats::new();
    // Text cells wrap and sit at the top of their row: made the workbook's default
    // format (index 0) at Excel's default row height and column width, so that a text
    // cell is written without a format. Looking a format up for each cell (hashing and
    // comparing the whole `Format`) was about a quarter of the writer's time.
    book.set_default_format(&formats.text, 20, 64)
        .map_err(fail)?;
    // The worksheets first (in constant-memory mode each is created by the workbook),
    // then their rows written in parallel: each worksheet streams to a temporary file
    // of its own, so the sheets do not wait on one another; the zip is written after.
    for _ in &workbook.sheets {
        book.add_worksheet_with_constant_memory().map_err(fail)?;
    }
    // Registered in this order before the threads start, so that each format's index
    // (and so the file's bytes) does not depend on which thread uses it first, and the
    // threads only read the shared format table.
    for format in [&formats.bold, &formats.header, &formats.date] {
        book.register_format(format);
    }
    let mut pairs: Vec<(&mut rust_xlsxwriter::Worksheet, &Sheet)> = book
        .worksheets_mut()
        .iter_mut()
        .zip(&workbook.sheets)
        .collect();
    // The largest first, so that the last to start is a small one.
    pairs
        .sort_by_key(|(_, sheet)| std::cmp::Reverse(sheet.rows.len() * sheet.headers.len().max(1)));
    pairs
        .into_par_iter()
        .try_for_each(|(ws, sheet)| write_sheet(ws, sheet, workbook, &formats))
        .map_err(fail)?;
    book.save_to_buffer().map_err(fail)
}

/// The cell formats, made once and shared by the sheets' threads (`text` is the
/// workbook's default).
struct Formats {
    bold: Format,
    header: Format,
    date: Format,
    text: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            bold: Format::new().set_bold(),
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top),
            date: Format::new()
                .set_num_format("yyyy-mm-dd")
                .set_align(FormatAlign::Top),
            text: Format::new().set_text_wrap().set_align(FormatAlign::Top),
        }
    }
}

/// One sheet: its settings (which in constant-memory mode come before its rows: the
/// column widths are measured first), the title line, the headers, the rows.
fn write_sheet(
    ws: &mut rust_xlsxwriter::Worksheet,
    sheet: &Sheet,
    workbook: &Workbook,
    formats: &Formats,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    let mut widths: Vec<f64> = sheet
        .headers
        .iter()
        .map(|h| display_width(h).max(6.0))
        .collect();
    for row in &sheet.rows {
        for (c, cell) in row.iter().enumerate() {
            let width = match cell {
                Cell::Text(s) => s.lines().map(display_width).fold(0.0, f64::max),
                Cell::Date(_) => 10.0,
                _ => 0.0,
            };
            widths[c] = widths[c].max(width);
        }
    }
    ws.set_name(sheet.name)?;
    // `&` starts a code in a page header: doubled, it is printed.
    ws.set_header(
        format!("&L{}&R{}", workbook.edition, workbook.title)
            .replace('&', "&&")
            .replacen("&&L", "&L", 1)
            .replacen("&&R", "&R", 1),
    );
    for (c, width) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, width.min(MAX_WIDTH) + 2.0)?;
    }
    ws.set_freeze_panes(HEADER_ROW + 1, 0)?;
    let last_row = HEADER_ROW + sheet.rows.len() as u32;
    let last_col = sheet.headers.len().saturating_sub(1) as u16;
    ws.autofilter(HEADER_ROW, 0, last_row, last_col)?;
    ws.write_string_with_format(0, 0, &workbook.title, &formats.bold)?;
    for (c, h) in sheet.headers.iter().enumerate() {
        ws.write_string_with_format(HEADER_ROW, c as u16, h, &formats.header)?;
    }
    for (r, row) in sheet.rows.iter().enumerate() {
        let r = HEADER_ROW + 1 + r as u32;
        for (c, cell) in row.iter().enumerate() {
            let col = c as u16;
            match cell {
                Cell::Empty => {}
                Cell::Text(s) => {
                    // The default format: wrapped, at the top.
                    ws.write_string(r, col, s)?;
                }
                Cell::Number(n) => {
                    ws.write_number(r, col, *n)?;
                }
                Cell::Date(d) => {
                    let when =
                        ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
                    ws.write_datetime_with_format(r, col, &when, &formats.date)?;
                }
            }
        }
    }
    Ok(())
}

/// Width in character cells: CJK characters take two.
fn display_width(text: &str) -> f64 {
    text.chars()
        .map(|c| {
            if (c as u32) >= 0x1100 && !c.is_ascii() {
                2.0
            } else {
                1.0
            }
        })
        .sum()
}
