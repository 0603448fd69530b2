//! Benchmark of the spreadsheet commands and `stake log`, each against a peer run in
//! the same process on the same generated register (benches/support/synth.rs):
//!
//! | line | what is timed | peer |
//! |---|---|---|
//! | `export` | `stake export`'s work for 10,000 stakeholders: load, analysis, the seven sheets, the `.xlsx` bytes written to a file | `load`: the loader alone |
//! | `import` | `stake import` of a 10,000-row PMBOK-style sheet: read, find the headers, map, normalise, write 10,000 files | calamine reading the sheet, then `std::fs::write` of 10,000 files of about the same size |
//! | `import` (export 10k) | `stake import` of the export above (10,000 register rows and the interactions, relationships, positions and touches sheets) | calamine reading the workbook's sheets alone |
//! | `log` | `stake log` of one interaction on a 1,000-stakeholder register: load, append, write, load again to check | `load`: one load |
//! | `import 10k / 100k rows` (child processes) | the import of a 10,000- and a 100,000-row sheet, with each child's peak resident memory (`VmHWM`) | calamine reading the same sheet alone, in a child of its own |
//!
//! Run with `cargo bench --bench sheets` (see benches/README.md).

#[path = "support/synth.rs"]
mod synth;

use std::process::Command;
use std::time::{Duration, Instant};

use stake::build::public::Shown;
use stake::register::{self, Limits};
use stake::spreadsheet;

/// The peak resident memory of this process so far, in MB.
fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
            line.split_whitespace().nth(1)?.parse::<f64>().ok()
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// A child's work: `--rows N import|read SHEET OUT`: the import (plan, files, write)
/// or calamine's read alone of the sheet, once; prints seconds and peak MB.
fn child(args: &[String]) {
    let rows: usize = args[0].parse().expect("a row count");
    let (what, sheet, out) = (&args[1], std::path::Path::new(&args[2]), &args[3]);
    let start = Instant::now();
    if what == "import" {
        let options = spreadsheet::import::Options {
            file: sheet.to_owned(),
            sheet: None,
            map: None,
            language: None,
        };
        let plan = spreadsheet::import::plan(&options).expect("planned");
        assert_eq!(plan.records.len(), rows);
        let target = std::path::Path::new(out);
        let files = spreadsheet::import::files(&plan, target, "register");
        drop(plan);
        let written = spreadsheet::import::write(&files, target).expect("written");
        assert_eq!(written.created.len(), rows + 1);
    } else {
        let (grids, _) =
            spreadsheet::import::read::read(sheet, stake::register::vocab::Language::En)
                .expect("read");
        assert!(grids[0].rows.len() > rows);
    }
    println!("{} {}", start.elapsed().as_secs_f64(), peak_rss_mb());
}

/// The import of a `rows`-row sheet and calamine's read of it, each in a child process
/// (so that its peak memory is its own), `rounds` times; prints the medians.
fn large(rows: usize, rounds: usize, dir: &std::path::Path) {
    let sheet = dir.join(format!("pmbok-{rows}.xlsx"));
    pmbok_sheet(&sheet, rows);
    let exe = std::env::current_exe().expect("the bench binary");
    let run = |what: &str, round: usize| -> (f64, f64) {
        let out = dir.join(format!("large-{rows}-{what}-{round}"));
        let output = Command::new(&exe)
            .arg("--rows")
            .arg(rows.to_string())
            .arg(what)
            .arg(&sheet)
            .arg(&out)
            .output()
            .expect("the child runs");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let _ = std::fs::remove_dir_all(&out);
        let text = String::from_utf8_lossy(&output.stdout).into_owned();
        let mut words = text
            .split_whitespace()
            .map(|w| w.parse::<f64>().unwrap_or(f64::NAN));
        (
            words.next().unwrap_or(f64::NAN),
            words.next().unwrap_or(f64::NAN),
        )
    };
    let (mut import, mut read) = (Vec::new(), Vec::new());
    for round in 0..rounds {
        import.push(run("import", round));
        read.push(run("read", round));
    }
    let med = |v: &mut Vec<(f64, f64)>| {
        v.sort_by(|a, b| a.0.total_cmp(&b.0));
        v[v.len() / 2]
    };
    let ((it, im), (rt, rm)) = (med(&mut import), med(&mut read));
    println!(
        "import   {:>12} {:>10} {:>10} {:>7.2}x   peak {im:.0} MB ({:.2} KB/row), read alone {rm:.0} MB",
        format!("{}k rows", rows / 1000),
        ms(Duration::from_secs_f64(it)),
        ms(Duration::from_secs_f64(rt)),
        it / rt,
        im * 1024.0 / rows as f64,
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "--rows") {
        child(&args[at + 1..]);
        return;
    }
    println!(
        "stake export / import / log benchmark ({} threads available)\n",
        std::thread::available_parallelism().map_or(1, usize::from)
    );
    println!(
        "{:<8} {:>12} {:>10} {:>10} {:>8} {:>10}",
        "what", "register", "median", "peer", "ratio", "target"
    );
    let big = tempfile::tempdir().expect("a temp dir");
    synth::generate(big.path(), 10_000, 0x5EED).expect("the register is written");
    let out = tempfile::tempdir().expect("a temp dir");
    let xlsx = out.path().join("register.xlsx");
    let as_of = jiff::civil::date(2026, 11, 20);

    let (mut export, mut load) = (Vec::new(), Vec::new());
    let mut phases = [Vec::new(), Vec::new(), Vec::new()];
    for _ in 0..5 {
        export.push(time(|| {
            let loaded = register::load(big.path(), &Limits::default()).expect("loads");
            let start = Instant::now();
            let shown = Shown::of(loaded.register, as_of, false);
            phases[0].push(start.elapsed());
            let start = Instant::now();
            let workbook = spreadsheet::export::workbook(&shown);
            phases[1].push(start.elapsed());
            let start = Instant::now();
            let bytes = spreadsheet::xlsx::write(&workbook, out.path()).expect("written");
            stake::atomic::replace(&xlsx, &bytes).expect("saved");
            phases[2].push(start.elapsed());
        }));
        load.push(time(|| {
            register::load(big.path(), &Limits::default()).map(|l| l.diagnostics.len())
        }));
    }
    report("export", "10k", export, load, 2.0);
    let [analysis, sheets, write] = phases;
    println!(
        "         (of which analysis {}, sheets {}, xlsx {})",
        ms(median(analysis)),
        ms(median(sheets)),
        ms(median(write))
    );

    // A 10,000-row register as people keep it: one sheet, a title row, PMBOK headers.
    let plain = out.path().join("pmbok-10k.xlsx");
    pmbok_sheet(&plain, 10_000);
    let (mut import, mut read) = (Vec::new(), Vec::new());
    let options = spreadsheet::import::Options {
        file: plain.clone(),
        sheet: None,
        map: None,
        language: None,
    };
    for round in 0..5 {
        let target = out.path().join(format!("imported-{round}"));
        import.push(time(|| {
            let plan = spreadsheet::import::plan(&options).expect("planned");
            assert_eq!(plan.records.len(), 10_000);
            let files = spreadsheet::import::files(&plan, &target, "register");
            spreadsheet::import::write(&files, &target).expect("written")
        }));
        // The floor: reading the sheet, then writing as many files of the same size
        // with `std::fs::write` (on a busy disk, file creation dominates).
        let floor = out.path().join(format!("floor-{round}"));
        read.push(time(|| {
            let grids =
                spreadsheet::import::read::read(&plain, stake::register::vocab::Language::En)
                    .map(|(g, _)| g.len());
            std::fs::create_dir_all(&floor).expect("a folder");
            let text = "x".repeat(400);
            for i in 0..10_000 {
                std::fs::write(floor.join(format!("{i}.md")), &text).expect("written");
            }
            grids
        }));
    }
    report("import", "10k rows", import, read, 2.0);

    // The whole export read back: 10,000 register rows and about 150,000 rows of
    // interactions, relationships, positions and touches.
    let (mut import, mut read) = (Vec::new(), Vec::new());
    let options = spreadsheet::import::Options {
        file: xlsx.clone(),
        ..options
    };
    for round in 0..3 {
        let target = out.path().join(format!("round-trip-{round}"));
        import.push(time(|| {
            let plan = spreadsheet::import::plan(&options).expect("planned");
            let files = spreadsheet::import::files(&plan, &target, "register");
            spreadsheet::import::write(&files, &target).expect("written")
        }));
        read.push(time(|| {
            spreadsheet::import::read::read(&xlsx, stake::register::vocab::Language::En)
                .map(|(g, _)| g.len())
        }));
    }
    report("import", "export 10k", import, read, f64::INFINITY);

    let small = tempfile::tempdir().expect("a temp dir");
    synth::generate(small.path(), 1_000, 0x5EED).expect("the register is written");
    let loaded = register::load(small.path(), &Limits::default()).expect("loads");
    let id = loaded.register.stakeholders[500].id.clone();
    let (mut log, mut load) = (Vec::new(), Vec::new());
    for day in 1..=15 {
        let entry = stake::log::Entry {
            date: jiff::civil::date(2026, 11, day),
            channel: Some("call".into()),
            summary: format!("Benchmark call {day}"),
            sentiment: Some("positive".into()),
            by: None,
            follow_up: None,
            done: false,
        };
        log.push(time(|| {
            stake::log::log(
                small.path(),
                std::slice::from_ref(&id),
                None,
                &entry,
                &Limits::default(),
                stake::register::vocab::Language::En,
            )
            .expect("logged")
        }));
        load.push(time(|| {
            register::load(small.path(), &Limits::default()).map(|l| l.diagnostics.len())
        }));
    }
    report("log", "1k", log, load, 0.1);

    // Large sheets, each run in a child process for its peak memory: linear means the
    // time and KB per row stay flat from 10,000 to 100,000 rows.
    println!("\n(child processes: median time, calamine's read alone, ratio, peak memory)");
    large(10_000, 3, out.path());
    large(100_000, 3, out.path());
}

/// Writes a PMBOK-style register of `rows` stakeholders: a title row, then name, role,
/// organisation, power, interest, attitude and requirements.
fn pmbok_sheet(path: &std::path::Path, rows: usize) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet
        .write_string(0, 0, "Stakeholder register")
        .expect("cell");
    let headers = [
        "Stakeholder Name",
        "Position/Title",
        "Organization",
        "Power (H/M/L)",
        "Interest (H/M/L)",
        "Supporter/Neutral/Resistor",
        "Requirements",
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(2, c as u16, *h).expect("cell");
    }
    let levels = ["H", "M", "L", "Very High", "高"];
    let attitude = ["Supporter", "Neutral", "Resistor"];
    for r in 0..rows {
        let row = 3 + r as u32;
        let cells = [
            format!("Person {r}"),
            format!("Role {}", r % 40),
            format!("Organisation {}", r % 300),
            levels[r % 5].to_owned(),
            levels[(r / 5) % 5].to_owned(),
            attitude[r % 3].to_owned(),
            format!("Requirement {r}\nAnother requirement"),
        ];
        for (c, value) in cells.iter().enumerate() {
            sheet.write_string(row, c as u16, value).expect("cell");
        }
    }
    book.save(path).expect("saved");
}

fn report(what: &str, register: &str, runs: Vec<Duration>, peer: Vec<Duration>, target: f64) {
    let (median, peer) = (median(runs), median(peer));
    let target_text = if target.is_finite() {
        format!("< {target} s")
    } else {
        "-".to_owned()
    };
    let verdict = match (target.is_finite(), median.as_secs_f64() < target) {
        (false, _) => "",
        (true, true) => "met",
        (true, false) => "NOT met",
    };
    println!(
        "{what:<8} {register:>12} {:>10} {:>10} {:>7.2}x {:>10} {}",
        ms(median),
        ms(peer),
        median.as_secs_f64() / peer.as_secs_f64(),
        target_text,
        verdict
    );
}

fn time<T>(f: impl FnOnce() -> T) -> Duration {
    let start = Instant::now();
    std::hint::black_box(f());
    start.elapsed()
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}
