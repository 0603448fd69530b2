//! Reading a spreadsheet into grids of cell texts: `.xlsx`, `.xlsm`, `.xls`, `.ods`
//! with calamine (formulas give their cached values; merged cells give their value to
//! every cell they cover), CSV and tab-separated text in UTF-8 (with or without a byte
//! order mark), UTF-16 or GB18030 (which covers GBK, what Chinese Excel saves).

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader, Sheets, open_workbook_auto_from_rs};

use crate::i18n::data::{Line, say};
use crate::register::vocab::Language;

/// One sheet as text.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    /// The sheet's name (the file's name for CSV).
    pub name: String,
    /// The rows, from the sheet's first row (row 1), each cell as text.
    pub rows: Vec<Vec<String>>,
    /// Cells (0-based row, column) holding a formula but no calculated value: a file
    /// written by a program that does not calculate, never opened in a spreadsheet.
    pub uncalculated: std::collections::HashMap<(usize, usize), String>,
}

impl Grid {
    /// The cell at a 0-based row and column, or "".
    pub fn cell(&self, row: usize, col: usize) -> &str {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .map_or("", String::as_str)
    }
}

/// What a file was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A workbook (xlsx, xls, ods).
    Workbook,
    /// Delimited text, with the encoding it was in.
    Text(&'static str),
}

/// The sheets of the file at `path`, or why it is not a spreadsheet.
pub fn read(path: &Path, language: Language) -> Result<(Vec<Grid>, Kind), String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let name = path
        .file_stem()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let is_zip = bytes.starts_with(b"PK\x03\x04");
    let is_ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    if is_zip || is_ole {
        return workbook(bytes).map(|g| (g, Kind::Workbook)).map_err(|e| {
            say(
                language,
                Line::NotReadable,
                &[("file", &path.display().to_string()), ("why", &e)],
            )
        });
    }
    let (text, encoding) = decode(&bytes).ok_or_else(|| {
        say(
            language,
            Line::NotSpreadsheet,
            &[("file", &path.display().to_string())],
        )
    })?;
    Ok((vec![delimited(&text, name)], Kind::Text(encoding)))
}

/// A merged region: first row, first column, last row, last column (0-based, inclusive).
pub(super) type Region = (usize, usize, usize, usize);

fn workbook(bytes: Vec<u8>) -> Result<Vec<Grid>, String> {
    // calamine does not report an OpenDocument sheet's merged cells: they are read
    // from its content.xml here.
    let ods_merges = if bytes.starts_with(b"PK\x03\x04") {
        super::ods::merges(&bytes)
    } else {
        None
    };
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let names = book.sheet_names();
    let mut grids = Vec::new();
    let region = |d: calamine::Dimensions| {
        (
            d.start.0 as usize,
            d.start.1 as usize,
            d.end.0 as usize,
            d.end.1 as usize,
        )
    };
    for name in names {
        let range = book.worksheet_range(&name).map_err(|e| e.to_string())?;
        let merged: Vec<Region> = match &mut book {
            Sheets::Xlsx(x) => x
                .merge_cells_by_sheet_name(&name)
                .unwrap_or_default()
                .into_iter()
                .map(region)
                .collect(),
            Sheets::Xls(x) => x
                .merge_cells_by_sheet_name(&name)
                .unwrap_or_default()
                .into_iter()
                .map(region)
                .collect(),
            _ => ods_merges
                .as_ref()
                .and_then(|m| m.get(&name))
                .cloned()
                .unwrap_or_default(),
        };
        let mut rows: Vec<Vec<String>> = Vec::new();
        if let Some((top, left)) = range.start() {
            let (height, width) = range.get_size();
            rows = vec![Vec::new(); top as usize];
            for r in 0..height {
                let mut row = vec![String::new(); left as usize];
                row.extend((0..width).map(|c| range.get((r, c)).map_or(String::new(), text)));
                rows.push(row);
            }
        }
        // A merged cell's value belongs to every cell it covers: an organisation
        // merged over its people's rows is each person's organisation.
        // Within the sheet's used cells: a title merged over a whole printed width (or an
        // .ods region over a million repeated rows) adds no empty cells.
        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
        for (r0, c0, r1, c1) in merged {
            let c1 = c1.min(width.saturating_sub(1));
            let value = rows
                .get(r0)
                .and_then(|r| r.get(c0))
                .cloned()
                .unwrap_or_default();
            if value.is_empty() {
                continue;
            }
            for r in r0..=r1.min(rows.len().saturating_sub(1)) {
                for c in c0..=c1 {
                    let row = &mut rows[r];
                    if row.len() <= c {
                        row.resize(c + 1, String::new());
                    }
                    if row[c].is_empty() {
                        row[c] = value.clone();
                    }
                }
            }
        }
        let mut uncalculated = std::collections::HashMap::new();
        if let Ok(formulas) = book.worksheet_formula(&name)
            && let Some((top, left)) = formulas.start()
        {
            for (r, c, formula) in formulas.used_cells() {
                let (r, c) = (r + top as usize, c + left as usize);
                let empty = rows
                    .get(r)
                    .and_then(|row| row.get(c))
                    .is_none_or(String::is_empty);
                if empty && !formula.is_empty() {
                    uncalculated.insert((r, c), formula.clone());
                }
            }
        }
        grids.push(Grid {
            name,
            rows,
            uncalculated,
        });
    }
    Ok(grids)
}

/// A cell as the text a user sees: whole numbers without `.0`, dates as `YYYY-MM-DD`.
fn text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.trim().to_owned(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => {
            let (y, m, day, h, min, s, _) = d.to_ymd_hms_milli();
            if d.is_datetime() && (h, min, s) == (0, 0, 0) || !d.is_datetime() {
                format!("{y:04}-{m:02}-{day:02}")
            } else {
                format!("{y:04}-{m:02}-{day:02} {h:02}:{min:02}")
            }
        }
        Data::DateTimeIso(s) => s.get(..10).unwrap_or(s).to_owned(),
        Data::DurationIso(s) => s.clone(),
    }
}

/// The text of a CSV file and the name of its encoding: UTF-8 (a BOM is dropped),
/// UTF-16 with a BOM or whose every other byte is zero, else GB18030; `None` for bytes
/// that are no text (NUL bytes outside UTF-16, or undecodable).
pub fn decode(bytes: &[u8]) -> Option<(String, &'static str)> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8(rest.to_vec()).ok().map(|t| (t, "UTF-8"));
    }
    let utf16 = |le: bool, body: &[u8]| -> Option<String> {
        let units: Vec<u16> = body
            .chunks_exact(2)
            .map(|p| {
                if le {
                    u16::from_le_bytes([p[0], p[1]])
                } else {
                    u16::from_be_bytes([p[0], p[1]])
                }
            })
            .collect();
        String::from_utf16(&units).ok()
    };
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(true, rest).map(|t| (t, "UTF-16"));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(false, rest).map(|t| (t, "UTF-16"));
    }
    let head = &bytes[..bytes.len().min(4096)];
    let zeros_odd = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let zeros_even = head.iter().step_by(2).filter(|&&b| b == 0).count();
    if head.len() >= 4 && zeros_odd * 2 > head.len() / 2 && zeros_even == 0 {
        return utf16(true, bytes).map(|t| (t, "UTF-16"));
    }
    if head.len() >= 4 && zeros_even * 2 > head.len() / 2 && zeros_odd == 0 {
        return utf16(false, bytes).map(|t| (t, "UTF-16"));
    }
    if bytes.contains(&0) {
        return None;
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Some((text.to_owned(), "UTF-8"));
    }
    let (text, _, bad) = encoding_rs::GB18030.decode(bytes);
    (!bad).then(|| (text.into_owned(), "GB18030"))
}

/// Delimited text as one grid: the delimiter (`,`, `;`, tab, `|`) is the one that
/// splits the first lines most evenly into more than one column.
fn delimited(text: &str, name: String) -> Grid {
    let sample: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(30)
        .collect();
    let score = |d: char| -> usize {
        let counts: Vec<usize> = sample.iter().map(|l| l.matches(d).count()).collect();
        let most = counts.iter().copied().max().unwrap_or(0);
        // Lines with the most common count of delimiters; title lines have none.
        let agreeing = counts.iter().filter(|&&c| c == most && c > 0).count();
        agreeing * most.min(50)
    };
    let delimiter = [',', '\t', ';', '|']
        .into_iter()
        .max_by_key(|&d| (score(d), d == ','))
        .unwrap_or(',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter as u8)
        .from_reader(text.as_bytes());
    let rows = reader
        .records()
        .filter_map(Result::ok)
        .map(|r| r.iter().map(|c| c.trim().to_owned()).collect())
        .collect();
    Grid {
        name,
        rows,
        uncalculated: Default::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_are_detected() {
        let text = "姓名,职务\n王伟,局长\n";
        assert_eq!(decode(text.as_bytes()).unwrap(), (text.to_owned(), "UTF-8"));
        let bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
        assert_eq!(decode(&bom).unwrap().0, text);
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        assert_eq!(decode(&gbk).unwrap(), (text.to_owned(), "GB18030"));
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&le).unwrap(), (text.to_owned(), "UTF-16"));
        let ascii_le: Vec<u8> = "Name\tRole\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(decode(&ascii_le).unwrap().0, "Name\tRole\n");
        assert!(decode(b"\x89PNG\r\n\x1a\n\0\0\0").is_none());
    }

    #[test]
    fn the_delimiter_is_found_below_a_title_line() {
        let grid = delimited(
            "Stakeholder register\nName;Role;Power\nAnn;CFO;H\n",
            "x".into(),
        );
        assert_eq!(grid.rows[1], ["Name", "Role", "Power"]);
        let grid = delimited("Name\tRole\nAnn, Jr.\tCFO\n", "x".into());
        assert_eq!(grid.rows[1], ["Ann, Jr.", "CFO"]);
    }
}
