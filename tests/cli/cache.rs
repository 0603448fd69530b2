//! A build with nothing changed is skipped, and whatever the sequence of edits, a build
//! into a folder it built before leaves the same bytes as a fresh build into an empty one.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use super::{root, stake};

/// Every file of a folder (the marker, which holds the digests, left out), by path.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file() && e.file_name() != ".stake-output")
        .map(|e| {
            let path = e.path().strip_prefix(dir).unwrap().to_path_buf();
            (path, fs::read(e.path()).unwrap())
        })
        .collect()
}

fn build(register: &Path, out: &Path) -> String {
    let output = stake()
        .args([
            "build",
            "--as-of",
            "2026-11-20",
            "--format",
            "html,json,ics,csv",
        ])
        .arg(register)
        .arg("-o")
        .arg(out)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).unwrap()
}

fn sample_copy(dir: &Path) -> PathBuf {
    let register = dir.join("register");
    for entry in walkdir::WalkDir::new(root().join("samples/erp-rollout")) {
        let entry = entry.unwrap();
        let relative = entry
            .path()
            .strip_prefix(root().join("samples/erp-rollout"))
            .unwrap();
        let target = register.join(relative);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
    register
}

#[test]
fn a_build_with_nothing_changed_is_skipped_and_leaves_the_folder_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let register = sample_copy(dir.path());
    let out = dir.path().join("pages-out");
    assert!(build(&register, &out).starts_with("built "));
    let before = tree(&out);
    let again = build(&register, &out);
    assert_eq!(
        again,
        format!(
            "nothing changed since the last build: {} is up to date ({} files)\n",
            out.display(),
            before.len()
        )
    );
    assert_eq!(tree(&out), before);
    // Another option is another build.
    let output = stake()
        .args([
            "build",
            "--as-of",
            "2026-11-21",
            "--format",
            "html,json,ics,csv",
        ])
        .arg(&register)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("built "));
}

#[test]
fn any_sequence_of_edits_builds_the_same_bytes_as_a_fresh_build() {
    let dir = tempfile::tempdir().unwrap();
    let register = sample_copy(dir.path());
    let out = dir.path().join("pages-out");
    let helen = register.join("internal/helen-brandt.md");
    let original = fs::read_to_string(&helen).unwrap();
    // A fixed pseudo-random sequence (a linear congruential generator, seed 5) that
    // takes every kind of step.
    let mut state: u64 = 5;
    let mut next = |n: u64| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) % n
    };
    let mut skipped = 0;
    let mut kinds = std::collections::BTreeSet::new();
    for step in 0..12 {
        let kind = next(6);
        kinds.insert(kind);
        match kind {
            0 => {} // nothing changed
            1 => fs::write(
                &helen,
                original.replace("name: Helen Brandt", &format!("name: Helen Step{step}")),
            )
            .unwrap(),
            2 => fs::write(&helen, original.replace("power: 5", "power: 2")).unwrap(),
            3 => fs::write(&helen, &original).unwrap(),
            4 => {
                // A page of the previous build changed or removed by hand.
                let page = out.join("index.html");
                if page.exists() {
                    fs::write(&page, "edited by hand").unwrap();
                }
            }
            _ => fs::write(
                register.join("templates-note.md"),
                format!("A note of step {step}, not a stakeholder.\n"),
            )
            .unwrap(),
        }
        let said = build(&register, &out);
        if said.starts_with("nothing changed") {
            skipped += 1;
        }
        let fresh = dir.path().join(format!("fresh-{step}"));
        build(&register, &fresh);
        assert_eq!(tree(&out), tree(&fresh), "step {step}: {said}");
    }
    assert_eq!(kinds.len(), 6, "{kinds:?}");
    assert!(skipped > 0, "the sequence never left the inputs unchanged");
}

#[test]
fn a_build_since_a_git_revision_is_never_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let register = sample_copy(dir.path());
    let git = |args: &[&str]| {
        let status = std::process::Command::new("git")
            .args(args)
            .current_dir(&register)
            .env("GIT_AUTHOR_NAME", "Test")
            .env("GIT_AUTHOR_EMAIL", "test@example.org")
            .env("GIT_COMMITTER_NAME", "Test")
            .env("GIT_COMMITTER_EMAIL", "test@example.org")
            .output();
        match status {
            Ok(output) => output.status.success(),
            Err(_) => false,
        }
    };
    if !git(&["init", "-q"]) {
        eprintln!("skipped: no git to make a repository with");
        return;
    }
    assert!(git(&["add", "."]) && git(&["commit", "-q", "-m", "register"]));
    let out = dir.path().join("pages-out");
    // The history the build reads is not in the digest of the files.
    for _ in 0..2 {
        let output = stake()
            .args([
                "build",
                "--as-of",
                "2026-11-20",
                "--format",
                "html",
                "--since",
                "HEAD",
            ])
            .arg(&register)
            .arg("-o")
            .arg(&out)
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        assert!(String::from_utf8_lossy(&output.stdout).starts_with("built "));
    }
}
