//! The register as a spreadsheet and back: `stake export` writes a workbook (or CSV)
//! from an edition's view; `stake import` reads the registers people keep in Excel,
//! LibreOffice or a SaaS tool's CSV and writes one stakeholder file per row.

pub mod columns;
pub mod export;
pub mod import;
pub mod xlsx;

use crate::export::csv::{BOM, inert};
use export::Workbook;

/// The register sheet as CSV: a UTF-8 byte order mark (so that Excel reads it as UTF-8),
/// the title line, the headers and one row per stakeholder, every cell a spreadsheet
/// would read as a formula made inert.
pub fn register_csv(workbook: &Workbook) -> Result<Vec<u8>, String> {
    let sheet = &workbook.sheets[0];
    let mut out = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(BOM.as_bytes().to_vec());
    let fail = |e: csv::Error| e.to_string();
    out.write_record([inert(&workbook.title).as_ref()])
        .map_err(fail)?;
    out.write_record(sheet.headers.iter().map(|h| inert(h).into_owned()))
        .map_err(fail)?;
    for row in &sheet.rows {
        out.write_record(row.iter().map(|c| inert(&c.display()).into_owned()))
            .map_err(fail)?;
    }
    out.into_inner().map_err(|e| e.to_string())
}
