//! PDF rendering speed and memory on a report about 1,000 stakeholders.
//!
//! cargo bench --bench pdf
//!
//! Prints the median of several renders per language, pages per second, and the peak
//! resident memory of the process (Linux `VmHWM`). Targets: at least 200 pages/s and
//! under 100 MB.

use std::time::{Duration, Instant};

use stake::render::pdf::{PdfOptions, render, sample};

const STAKEHOLDERS: usize = 1000;
const RUNS: usize = 7;

/// CPU time of the whole process so far (all threads) in seconds, where the system tells:
/// on a busy machine wall time measures the neighbours too.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the parenthesised command name; utime and stime are the 12th and 13th.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// Peak resident set size in MB, where the system tells.
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() {
    // `cargo test --benches` runs this with `--bench` absent: keep that quick.
    let runs = if std::env::args().any(|a| a == "--bench") {
        RUNS
    } else {
        1
    };
    for (language, chinese) in [("en", false), ("zh-CN", true)] {
        let doc = sample::report(
            &sample::people(STAKEHOLDERS, chinese),
            chinese,
            STAKEHOLDERS,
        );
        let mut times: Vec<Duration> = Vec::with_capacity(runs);
        let mut pages = 0;
        let mut size = 0;
        let cpu_before = cpu_seconds();
        for _ in 0..runs {
            let start = Instant::now();
            let pdf = render(&doc, &PdfOptions::default()).expect("the sample renders");
            times.push(start.elapsed());
            pages = pdf.pages;
            size = pdf.bytes.len();
        }
        let cpu = cpu_seconds()
            .zip(cpu_before)
            .map(|(after, before)| (after - before) / runs as f64);
        times.sort();
        let median = times[times.len() / 2].as_secs_f64();
        println!(
            "{language}: {STAKEHOLDERS} stakeholders, {pages} pages, {} KB: median {:.0} ms over {runs} runs = {:.0} pages/s",
            size / 1024,
            median * 1000.0,
            pages as f64 / median
        );
        if let Some(cpu) = cpu {
            println!(
                "  CPU time per render (all threads): {:.0} ms = {:.0} pages per CPU-second",
                cpu * 1000.0,
                pages as f64 / cpu
            );
        }
    }
    if let Some(mb) = peak_rss_mb() {
        println!("peak resident memory: {mb:.1} MB");
    }
}
