//! Benchmark of `stake check`'s loader against the cost it cannot avoid: reading the same
//! files and parsing their front matters with serde-saphyr, serially, into the same
//! `StakeholderDoc` type. Both run in this process, interleaved, on the same generated
//! registers (1k and 10k stakeholders); the medians and their ratio are printed.
//!
//! Run with `cargo bench --bench check` (see benches/README.md).

#[path = "support/synth.rs"]
mod synth;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use stake::diagnostic::Severity;
use stake::register::doc::StakeholderDoc;
use stake::register::front_matter::{self, FrontMatter};
use stake::register::{self, Limits};

/// The loader's budget: at most this ratio to the serial parse of the same files.
const TARGET: f64 = 1.3;

fn main() {
    println!(
        "stake check benchmark ({} threads available)\n",
        std::thread::available_parallelism().map_or(1, usize::from)
    );
    println!(
        "{:>8} {:>7} {:>9} {:>12} {:>12} {:>12} {:>7}",
        "register", "files", "MB", "load", "load 1 thr", "serial parse", "ratio"
    );
    // `cargo bench --bench check -- 10000` runs one size; cargo's own `--bench` is ignored.
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|arg| arg.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![1_000, 10_000]
    } else {
        sizes
    };
    for count in sizes {
        // Fewer rounds for the large register; the median of 7 is stable enough.
        bench(count, if count >= 5_000 { 7 } else { 15 });
    }
}

fn bench(count: usize, rounds: usize) {
    let temp = tempfile::tempdir().expect("a temp dir");
    let dir = temp.path();
    let bytes = synth::generate(dir, count, 0x5EED).expect("the register is written");
    let files = markdown_files(dir);

    // The generated register must be clean, or the loader would be timed on error paths.
    let loaded = register::load(dir, &Limits::default()).expect("the folder exists");
    let findings: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity != Severity::Note)
        .take(3)
        .collect();
    assert!(findings.is_empty(), "generated register: {findings:#?}");
    assert_eq!(loaded.register.stakeholders.len(), count);

    let one_thread = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a thread pool");
    let (mut load, mut load_serial, mut parse) = (Vec::new(), Vec::new(), Vec::new());
    // Interleaved, so that load from other processes falls on all three alike.
    for _ in 0..rounds {
        load.push(time(|| {
            register::load(dir, &Limits::default()).map(|l| l.diagnostics.len())
        }));
        load_serial.push(time(|| {
            one_thread
                .install(|| register::load(dir, &Limits::default()).map(|l| l.diagnostics.len()))
        }));
        parse.push(time(|| serial_parse(&files)));
    }
    let (load, load_serial, parse) = (median(load), median(load_serial), median(parse));
    let ratio = load.as_secs_f64() / parse.as_secs_f64();
    println!(
        "{:>8} {:>7} {:>9.1} {:>12} {:>12} {:>12} {:>6.2}x {}",
        if count.is_multiple_of(1000) {
            format!("{}k", count / 1000)
        } else {
            count.to_string()
        },
        files.len(),
        bytes as f64 / 1e6,
        ms(load),
        ms(load_serial),
        ms(parse),
        ratio,
        if ratio <= TARGET {
            format!("(target <= {TARGET}x: met)")
        } else {
            format!("(target <= {TARGET}x: NOT met)")
        }
    );
}

/// The baseline: read each file, split off its front matter, parse it with serde-saphyr
/// into `StakeholderDoc`, one file after another in this thread.
#[inline(never)]
fn serial_parse(files: &[PathBuf]) -> usize {
    let mut parsed = 0;
    for file in files {
        let text = std::fs::read_to_string(file).expect("readable");
        if let FrontMatter::Found(split) = front_matter::split(&text)
            && file.file_name().is_some_and(|n| n != "_project.md")
        {
            let doc: StakeholderDoc = serde_saphyr::from_str(split.yaml).expect("valid YAML");
            parsed += usize::from(doc.name.is_some());
        }
    }
    assert_eq!(parsed + 1, files.len());
    parsed
}

fn markdown_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(folder).expect("readable") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn time<T>(f: impl FnOnce() -> T) -> Duration {
    let start = Instant::now();
    std::hint::black_box(f());
    start.elapsed()
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}
