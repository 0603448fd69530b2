//! Benchmark of the spreadsheet commands and `stake log`, each against a peer run in
//! the same process on the same generated register (benches/support/synth.rs):
//!
//! | line | what is timed | peer |
//! |---|---|---|
//! | `export` | `stake export`'s work for 10,000 stakeholders: load, analysis, the seven sheets, the `.xlsx` bytes written to a file | `load`: the loader alone |
//! | `import` | `stake import` of that workbook (10,000 register rows and the interactions, relationships, positions and touches sheets): read, map, normalise, write the files | `read`: calamine reading the workbook's sheets alone |
//! | `log` | `stake log` of one interaction on a 1,000-stakeholder register: load, append, write, load again to check | `load`: one load |
//!
//! Run with `cargo bench --bench sheets` (see benches/README.md).

#[path = "support/synth.rs"]
mod synth;

use std::time::{Duration, Instant};

use stake::build::public::Shown;
use stake::register::{self, Limits};
use stake::spreadsheet;

fn main() {
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
    for _ in 0..5 {
        export.push(time(|| {
            let loaded = register::load(big.path(), &Limits::default()).expect("loads");
            let shown = Shown::of(loaded.register, as_of, false);
            let workbook = spreadsheet::export::workbook(&shown);
            let bytes = spreadsheet::xlsx::write(&workbook).expect("written");
            spreadsheet::write_file(&xlsx, &bytes).expect("saved");
        }));
        load.push(time(|| {
            register::load(big.path(), &Limits::default()).map(|l| l.diagnostics.len())
        }));
    }
    report("export", "10k", export, load, 2.0);

    let (mut import, mut read) = (Vec::new(), Vec::new());
    let options = spreadsheet::import::Options {
        file: xlsx.clone(),
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
        read.push(time(|| {
            spreadsheet::import::read::read(&xlsx).map(|(g, _)| g.len())
        }));
    }
    report("import", "10k rows", import, read, 2.0);

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
        };
        log.push(time(|| {
            stake::log::log(
                small.path(),
                std::slice::from_ref(&id),
                None,
                &entry,
                &Limits::default(),
            )
            .expect("logged")
        }));
        load.push(time(|| {
            register::load(small.path(), &Limits::default()).map(|l| l.diagnostics.len())
        }));
    }
    report("log", "1k", log, load, 0.1);
}

fn report(what: &str, register: &str, runs: Vec<Duration>, peer: Vec<Duration>, target: f64) {
    let (median, peer) = (median(runs), median(peer));
    println!(
        "{what:<8} {register:>12} {:>10} {:>10} {:>7.2}x {:>10} {}",
        ms(median),
        ms(peer),
        median.as_secs_f64() / peer.as_secs_f64(),
        format!("< {target} s"),
        if median.as_secs_f64() < target {
            "met"
        } else {
            "NOT met"
        }
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
