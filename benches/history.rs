//! Benchmark of `stake history` and `stake diff` on a generated git repository: a
//! register of 500 stakeholders in a sub-folder, 1,000 commits each changing three
//! stakeholder files (one power level and a line of notes). The release binary is run
//! end to end, interleaved with `stake check` of the same register (loading the working
//! tree once), and the medians and their ratios are printed.
//!
//! Run with `cargo bench --bench history` (see benches/README.md); `-- 500 1000` sets
//! the stakeholders and the commits. Needs the `git` binary (only to write the
//! repository: stake reads it with gitoxide).

#[path = "support/synth.rs"]
mod synth;

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The goals of issue 14 on a 2-core machine.
const HISTORY_GOAL: Duration = Duration::from_secs(1);
const DIFF_GOAL: Duration = Duration::from_millis(300);

fn main() {
    let numbers: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|arg| arg.parse().ok())
        .collect();
    let stakeholders = numbers.first().copied().unwrap_or(500);
    let commits = numbers.get(1).copied().unwrap_or(1_000);
    let rounds = 9;
    println!(
        "stake history/diff benchmark: {stakeholders} stakeholders, {commits} commits, {rounds} rounds ({} threads available)",
        std::thread::available_parallelism().map_or(1, usize::from)
    );
    let temp = tempfile::tempdir().expect("a temp dir");
    let repo = temp.path();
    let started = Instant::now();
    generate(repo, stakeholders, commits);
    println!("generated in {:.1} s", started.elapsed().as_secs_f64());
    let register = repo.join("register");

    let check = ["check", register.to_str().unwrap()];
    let history = ["history", register.to_str().unwrap(), "--format", "json"];
    let diff = [
        "diff",
        register.to_str().unwrap(),
        "--since",
        "first",
        "--until",
        "last",
        "--format",
        "json",
    ];
    // Each must succeed before it is timed.
    for args in [&check[..], &history, &diff] {
        run(repo, args);
    }
    let (mut t_check, mut t_history, mut t_diff) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..rounds {
        t_check.push(run(repo, &check));
        t_history.push(run(repo, &history));
        t_diff.push(run(repo, &diff));
    }
    let (check, history, diff) = (median(t_check), median(t_history), median(t_diff));
    println!(
        "\n{:<34} {:>10} {:>10} {:>8}",
        "command", "median", "goal", "× check"
    );
    let row = |name: &str, time: Duration, goal: Option<Duration>| {
        println!(
            "{name:<34} {:>8.1}ms {:>10} {:>8.2}",
            ms(time),
            goal.map_or_else(|| "-".to_owned(), |g| format!("{:.0}ms", ms(g))),
            time.as_secs_f64() / check.as_secs_f64()
        );
    };
    row("check (the working tree once)", check, None);
    row("history --format json", history, Some(HISTORY_GOAL));
    row("diff first..last --format json", diff, Some(DIFF_GOAL));
    let verdict = |time: Duration, goal: Duration| if time < goal { "met" } else { "NOT met" };
    println!(
        "\nhistory goal {}, diff goal {}",
        verdict(history, HISTORY_GOAL),
        verdict(diff, DIFF_GOAL)
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// Runs the release `stake` in `dir`, output discarded; fails on a non-zero exit.
fn run(dir: &Path, args: &[&str]) -> Duration {
    let started = Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_stake"))
        .current_dir(dir)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .expect("stake runs");
    let elapsed = started.elapsed();
    assert!(
        output.status.success(),
        "stake {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    elapsed
}

fn git(dir: &Path) -> Command {
    let mut command = Command::new("git");
    command
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1");
    command
}

/// Writes the repository with `git fast-import` (one process for every commit): the
/// synthetic register in `register/`, then commits changing three files each, tags
/// `first` and `last`, and the working tree checked out at `last`.
fn generate(repo: &Path, stakeholders: usize, commits: usize) {
    let status = git(repo)
        .args(["init", "-q", "-b", "main"])
        .status()
        .expect("git runs");
    assert!(status.success());
    let staging = tempfile::tempdir().expect("a temp dir");
    synth::generate(staging.path(), stakeholders, 0x5EED).expect("the register is written");
    let mut files: Vec<(PathBuf, String)> = walk(staging.path())
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("generated text");
            (
                path.strip_prefix(staging.path()).unwrap().to_path_buf(),
                text,
            )
        })
        .collect();
    files.sort();
    let people: Vec<usize> = (0..files.len())
        .filter(|&i| files[i].0.file_name().unwrap() != "_project.md")
        .collect();

    let mut stream = String::new();
    let mut rng = synth::Rng::new(0xC0FFEE);
    let start = 1_767_225_600i64; // 2026-01-01
    for n in 0..commits {
        let time = start + n as i64 * 3_600;
        let _ = write!(
            stream,
            "commit refs/heads/main\nmark :{}\nauthor Bench <bench@example.org> {time} +0000\ncommitter Bench <bench@example.org> {time} +0000\n",
            n + 1
        );
        let message = format!("Review {n}");
        let _ = writeln!(stream, "data {}\n{message}", message.len());
        if n > 0 {
            let _ = writeln!(stream, "from :{n}");
        }
        let changed: Vec<usize> = if n == 0 {
            (0..files.len()).collect()
        } else {
            (0..3).map(|_| people[rng.below(people.len())]).collect()
        };
        for i in changed {
            if n > 0 {
                let level = 1 + rng.below(5);
                let text = &mut files[i].1;
                let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
                if let Some(line) = lines.iter_mut().find(|l| l.starts_with("power:")) {
                    *line = format!("power: {level}");
                }
                lines.push(format!("Reviewed in commit {n}."));
                *text = lines.join("\n") + "\n";
            }
            let (path, text) = &files[i];
            let _ = write!(
                stream,
                "M 100644 inline register/{}\ndata {}\n{text}\n",
                path.to_str().unwrap(),
                text.len()
            );
        }
    }
    let _ = write!(
        stream,
        "reset refs/tags/first\nfrom :1\n\nreset refs/tags/last\nfrom :{commits}\n\n"
    );
    let mut import = git(repo)
        .args(["fast-import", "--quiet"])
        .stdin(Stdio::piped())
        .spawn()
        .expect("git fast-import runs");
    import
        .stdin
        .take()
        .unwrap()
        .write_all(stream.as_bytes())
        .expect("the stream is written");
    assert!(import.wait().expect("git fast-import ends").success());
    let status = git(repo)
        .args(["reset", "-q", "--hard", "main"])
        .status()
        .expect("git runs");
    assert!(status.success());
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("readable") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}
