//! The merged cells of an OpenDocument spreadsheet (`.ods`), which calamine does not
//! report: a cell's `table:number-rows-spanned` / `table:number-columns-spanned` in the
//! sheet's `content.xml`, at the row and column it stands at once repeated rows and
//! cells (`table:number-rows-repeated`, `table:number-columns-repeated`) are counted.

use std::collections::HashMap;
use std::io::{BufReader, Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::read::Region;

/// Each sheet's merged regions by sheet name, or `None` when the bytes are not an
/// OpenDocument spreadsheet that can be read (calamine then says why).
pub(super) fn merges(bytes: &[u8]) -> Option<HashMap<String, Vec<Region>>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut mimetype = String::new();
    archive
        .by_name("mimetype")
        .ok()?
        .read_to_string(&mut mimetype)
        .ok()?;
    if !mimetype.contains("opendocument.spreadsheet") {
        return None;
    }
    let content = archive.by_name("content.xml").ok()?;
    let mut reader = Reader::from_reader(BufReader::new(content));
    let mut buf = Vec::new();
    let mut out: HashMap<String, Vec<Region>> = HashMap::new();
    let mut sheet: Option<String> = None;
    // The row the next `table-row` starts at, and the column of the next cell.
    let (mut row, mut col) = (0usize, 0usize);
    let mut row_repeats = 1usize;
    loop {
        buf.clear();
        let (event, empty) = match reader.read_event_into(&mut buf).ok()? {
            Event::Eof => break,
            Event::Start(e) => (e.into_owned(), false),
            Event::Empty(e) => (e.into_owned(), true),
            Event::End(e) => {
                match e.name().0 {
                    "table:table" => sheet = None,
                    "table:table-row" => row = row.saturating_add(row_repeats),
                    _ => {}
                }
                continue;
            }
            _ => continue,
        };
        match event.name().0 {
            "table:table" => {
                sheet = attribute(&event, "table:name");
                (row, col) = (0, 0);
                if empty {
                    sheet = None;
                }
            }
            "table:table-row" => {
                col = 0;
                row_repeats = number(&event, "table:number-rows-repeated").unwrap_or(1);
                if empty {
                    row = row.saturating_add(row_repeats);
                }
            }
            "table:table-cell" | "table:covered-table-cell" => {
                let rows = number(&event, "table:number-rows-spanned").unwrap_or(1);
                let cols = number(&event, "table:number-columns-spanned").unwrap_or(1);
                if (rows > 1 || cols > 1)
                    && let Some(name) = &sheet
                {
                    out.entry(name.clone()).or_default().push((
                        row,
                        col,
                        row + rows - 1,
                        col + cols - 1,
                    ));
                }
                col = col
                    .saturating_add(number(&event, "table:number-columns-repeated").unwrap_or(1));
            }
            _ => {}
        }
    }
    Some(out)
}

fn attribute(element: &BytesStart<'_>, name: &str) -> Option<String> {
    element
        .attributes()
        .filter_map(Result::ok)
        .find(|a| a.key.0 == name)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

fn number(element: &BytesStart<'_>, name: &str) -> Option<usize> {
    attribute(element, name)?.parse().ok().filter(|&n| n >= 1)
}
