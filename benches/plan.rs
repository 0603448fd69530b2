//! Benchmark of the communication plan and calendar of large registers with plan items
//! (format v2) whose audiences are 1,000 stakeholders: time and peak memory per size,
//! to show both grow linearly with the register.
//!
//! For each size the register is generated (`support/synth.rs`) with one plan item per
//! 1,000 stakeholders by `ids` (1,000 ids each) and one by tag per wave (a third of the
//! register each), loaded once, and then timed, the median of several rounds of the
//! plan: the feedback, the calendar occurrences, the owners' weeks, the view serialised
//! as the template gets it, the `.ics` and the `.csv` (the `plan` column). The analysis
//! it needs (schedule, plan items, findings, and the network's centrality, which is not
//! the plan's) is timed apart (`analysis`), and so is the load, once (`load`). Each size runs in a child process of its own, so that its peak resident memory
//! (`VmHWM`) is its own.
//!
//! Run with `cargo bench --bench plan` (see benches/README.md).

#[path = "support/synth.rs"]
mod synth;

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use stake::analysis::{self, Analysed, feedback};
use stake::build::plan::Plan;
use stake::register::{self, Limits};

const SIZES: [usize; 3] = [2_500, 5_000, 10_000];
const AUDIENCE: usize = 1_000;
const WEEKS: u16 = 12;

fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "--one") {
        let count: usize = args[at + 1].parse().expect("a size");
        let rounds: usize = args[at + 2].parse().expect("rounds");
        one(count, rounds);
        return;
    }
    // `cargo test --benches` runs this without `--bench`: one small size, one round.
    let (sizes, rounds): (Vec<usize>, usize) = if args.iter().any(|a| a == "--bench") {
        (SIZES.to_vec(), 5)
    } else {
        (vec![1_000], 1)
    };
    println!(
        "plan benchmark: plan items with {AUDIENCE}-stakeholder audiences, {WEEKS}-week horizon"
    );
    println!(
        "{:>8} {:>6} {:>8} {:>10} {:>10} {:>10} {:>9} {:>9} {:>10}",
        "register",
        "items",
        "events",
        "plan",
        "µs/stake",
        "analysis",
        "peak MB",
        "KB/stake",
        "load"
    );
    let exe = std::env::current_exe().expect("the bench binary");
    for count in sizes {
        let out = Command::new(&exe)
            .args(["--one", &count.to_string(), &rounds.to_string()])
            .output()
            .expect("the child runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        print!("{}", String::from_utf8_lossy(&out.stdout));
    }
}

/// `_project.md` with plan items: per 1,000 stakeholders one item naming its 1,000 by
/// id, and one per wave tag (synth tags each stakeholder `wave-1` … `wave-3`).
fn with_plan_items(dir: &Path, ids: &[String]) {
    let path = dir.join("_project.md");
    let text = std::fs::read_to_string(&path).expect("_project.md");
    let (front, body) = text[4..].split_once("\n---\n").expect("front matter");
    let mut items = String::from("communications:\n");
    for (n, chunk) in ids.chunks(AUDIENCE).enumerate() {
        let _ = writeln!(
            items,
            "  - id: report-{n}\n    content: Monthly report {n}\n    channel: report\n    \
             frequency: monthly on the first thursday\n    owner: Owner {}\n    \
             sent: [2026-10-01, 2026-11-05]\n    audience:\n      ids: [{}]",
            n % 7,
            chunk.join(", ")
        );
    }
    for wave in 1..=3 {
        let _ = writeln!(
            items,
            "  - id: wave-{wave}-newsletter\n    content: Wave {wave} newsletter\n    \
             channel: newsletter\n    frequency: every 2 weeks on friday\n    owner: Elena Rossi\n    \
             starts: 2026-11-06\n    audience: {{tags: [wave-{wave}]}}"
        );
    }
    std::fs::write(&path, format!("---\n{front}\n{items}---\n{body}")).expect("written");
}

fn one(count: usize, rounds: usize) {
    let temp = tempfile::tempdir().expect("a temp dir");
    let dir = temp.path();
    synth::generate(dir, count, 0x5EED).expect("the register is written");
    let loaded = register::load(dir, &Limits::default()).expect("the folder exists");
    let ids: Vec<String> = loaded
        .register
        .stakeholders
        .iter()
        .map(|s| s.id.clone())
        .collect();
    drop(loaded);
    with_plan_items(dir, &ids);
    let started = Instant::now();
    let loaded = register::load(dir, &Limits::default()).expect("the folder exists");
    let load = started.elapsed();
    let errors: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == stake::diagnostic::Severity::Error)
        .take(3)
        .collect();
    assert!(
        errors.is_empty(),
        "the generated register has errors: {errors:?}"
    );
    let register = loaded.register;
    let as_of = register.project.as_of.expect("as_of");
    let items = register.project.communications.len();

    let mut times: Vec<Duration> = Vec::new();
    let mut analysed: Vec<Duration> = Vec::new();
    let mut events = 0;
    for _ in 0..rounds {
        let started = Instant::now();
        let analysis = analysis::analyze(&register, as_of);
        analysed.push(started.elapsed());
        let started = Instant::now();
        let feedback = feedback::feedback(&Analysed::new(&register, &analysis));
        let plan = Plan::new(
            &analysis,
            feedback,
            WEEKS,
            &register.project.calendar,
            &register.meetings,
        );
        let view = serde_json::to_vec(&plan.view(&analysis)).expect("the view serialises");
        let ics = plan.ics(&analysis, None);
        let csv = plan.csv(&analysis, None).expect("the csv");
        times.push(started.elapsed());
        events = ics.matches("BEGIN:VEVENT").count();
        assert!(!view.is_empty() && !csv.is_empty());
        // Each plan item is one entry for its whole audience.
        let entries = analysis
            .schedule
            .iter()
            .filter(|t| t.item.is_some())
            .count();
        assert_eq!(entries, items);
    }
    times.sort();
    analysed.sort();
    let median = times[times.len() / 2];
    let analysis = analysed[analysed.len() / 2];
    let peak = peak_rss_mb().unwrap_or(f64::NAN);
    println!(
        "{:>8} {:>6} {:>8} {:>8.0}ms {:>10.1} {:>8.0}ms {:>9.1} {:>9.1} {:>8.0}ms",
        count,
        items,
        events,
        median.as_secs_f64() * 1e3,
        median.as_secs_f64() * 1e6 / count as f64,
        analysis.as_secs_f64() * 1e3,
        peak,
        peak * 1024.0 / count as f64,
        load.as_secs_f64() * 1e3,
    );
}
