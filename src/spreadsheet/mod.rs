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

/// Writes `bytes` to `path` in one step: a temporary file beside it, renamed over it, so
/// a reader (or Excel holding the old file) never sees half a file.
pub fn write_file(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => std::path::Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".stake-tmp")
        .tempfile_in(folder)?;
    temp.write_all(bytes)?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
