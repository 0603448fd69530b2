//! Integration tests: the `stake` binary run on fixture registers, with its stdout,
//! stderr and exit code compared to snapshots (`SNAPSHOTS=overwrite cargo test` updates
//! them; review the diff before committing).

mod analyze;
mod brief;
mod build;
mod cache;
mod check;
mod ci;
mod editions;
mod editions_truth;
mod export;
mod history;
mod hostile;
mod hostile_io;
mod hostile_render;
mod import;
mod init;
mod log;
mod meetings;
mod one_figure;
mod pdf;
mod plan;
mod plan_items;
mod progress;
mod schema;
mod serve;

// The benchmarks' synthetic register, generated for the invariant tests too.
#[path = "../../benches/support/synth.rs"]
#[allow(dead_code)]
mod synth;

use std::path::{Path, PathBuf};
use std::time::Duration;

use snapbox::cmd::Command;

/// The package root: fixtures and samples are named relative to it, so that the paths
/// in diagnostics (and snapshots) read like a user's.
fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `GIT_CEILING_DIRECTORIES` for every `stake` the tests run: the samples and fixtures
/// live in this project's own repository, and a tag of it must not give their reports a
/// "What changed" section (stake's default comparison is the latest tag). Repositories
/// the tests make in temporary folders are outside these folders and read as usual.
fn ceiling() -> String {
    std::env::join_paths([root().join("samples"), root().join("tests")])
        .unwrap()
        .into_string()
        .unwrap()
}

/// `stake` run from `dir`. A run that takes longer than 20 s is killed, which fails the
/// test: no input may make the loader hang.
fn stake_in(dir: &Path) -> Command {
    Command::new(snapbox::cmd::cargo_bin!("stake"))
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env("GIT_CEILING_DIRECTORIES", ceiling())
        .timeout(Duration::from_secs(20))
}

/// `stake` run from the package root.
fn stake() -> Command {
    stake_in(root())
}

/// `stake analyze --format json` of the register at `register` (relative to the
/// project, or absolute).
fn analysis_of(register: &Path) -> serde_json::Value {
    let output = stake()
        .arg("analyze")
        .arg(root().join(register))
        .args(["--format", "json"])
        .assert()
        .success();
    serde_json::from_slice(&output.get_output().stdout).unwrap()
}

/// The assessment of `id` in an analysis's JSON.
fn assessment<'a>(analysis: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    analysis["stakeholders"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == id)
        .unwrap_or_else(|| panic!("no stakeholder {id} in the analysis"))
}

/// Builds `register` into a fresh folder and returns it (kept alive by the TempDir),
/// named as `stake build` names it by default: `public` for the public edition,
/// `internal-edition` else. No timeout: a debug build typesets the samples' PDFs slowly.
fn build(register: &Path, args: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let public = args.contains(&"--public");
    let out = dir
        .path()
        .join(if public { "public" } else { "internal-edition" });
    Command::new(snapbox::cmd::cargo_bin!("stake"))
        .env("GIT_CEILING_DIRECTORIES", ceiling())
        .arg("build")
        .arg(register)
        .arg("-o")
        .arg(&out)
        .args(args)
        .assert()
        .success();
    (dir, out)
}

/// A snapshot file under `tests/cli/snapshots/`.
fn snapshot(name: &str) -> snapbox::Data {
    let path: PathBuf = root().join("tests/cli/snapshots").join(name);
    // Raw: the default filters would turn the `\` of a message into `/`.
    snapbox::Data::read_from(&path, None).raw()
}
