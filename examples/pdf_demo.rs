//! Renders the sample report in English and Chinese to `target/pdf-demo/`, to look at.
//!
//! cargo run --release --example pdf_demo [-- STAKEHOLDERS]

use std::time::Instant;

use stake::render::pdf::{PdfOptions, render, sample};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let n: usize = std::env::args().nth(1).map_or(Ok(25), |s| s.parse())?;
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/pdf-demo");
    std::fs::create_dir_all(&dir)?;
    for (name, chinese) in [("report-en.pdf", false), ("report-zh.pdf", true)] {
        let doc = sample::report(&sample::people(n, chinese), chinese, 120.max(n));
        let start = Instant::now();
        let pdf = render(&doc, &PdfOptions::default())?;
        let took = start.elapsed();
        let path = dir.join(name);
        std::fs::write(&path, &pdf.bytes)?;
        println!(
            "{}: {} pages, {} KB, {:.0} ms",
            path.display(),
            pdf.pages,
            pdf.bytes.len() / 1024,
            took.as_secs_f64() * 1000.0
        );
        if !pdf.missing_chars.is_empty() {
            println!("  no font draws: {:?}", pdf.missing_chars);
        }
    }
    Ok(())
}
