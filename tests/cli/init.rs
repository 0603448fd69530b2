//! `stake init`: a starter register that checks clean, written without overwriting.

use std::fs;
use std::path::Path;

use crate::{snapshot, stake_in};

/// Every file below `dir` with its contents, sorted.
fn contents(dir: &Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in fs::read_dir(&folder).expect("readable") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let name = path.strip_prefix(dir).expect("below dir");
                let text = fs::read_to_string(&path).expect("text");
                files.push((name.to_string_lossy().into_owned(), text));
            }
        }
    }
    files.sort();
    files
}

fn starter_checks_clean(lang: &str) {
    let temp = tempfile::tempdir().expect("a temp dir");
    stake_in(temp.path())
        .args(["init", "register", "--lang", lang])
        .assert()
        .code(0)
        .stdout_eq(snapshot(&format!("init-{lang}.stdout")))
        .stderr_eq("");
    let files = contents(&temp.path().join("register"));
    assert_eq!(
        files.len(),
        5,
        "three stakeholders, _project.md and .gitignore"
    );
    let gitignore = &files[0];
    assert_eq!(gitignore.0, ".gitignore");
    assert!(
        gitignore.1.lines().any(|l| l == "/internal-edition/"),
        "{}",
        gitignore.1
    );
    stake_in(temp.path())
        .args(["check", "--deny-warnings", "register"])
        .assert()
        .code(0)
        .stdout_eq("")
        .stderr_eq(match lang {
            // The starter says `language: zh-CN`, so `stake check` sums up in Chinese.
            "zh-CN" => "register：3 个干系人，0 个错误，0 个警告\n",
            _ => "register: 3 stakeholders, 0 errors, 0 warnings\n",
        });
}

#[test]
fn english_starter_checks_clean() {
    starter_checks_clean("en");
}

#[test]
fn chinese_starter_checks_clean() {
    starter_checks_clean("zh-CN");
}

#[test]
fn init_never_overwrites() {
    let temp = tempfile::tempdir().expect("a temp dir");
    stake_in(temp.path())
        .args(["init", "register"])
        .assert()
        .code(0);
    let project = temp.path().join("register/_project.md");
    fs::write(&project, "---\nname: Mine\n---\nMy own notes.\n").expect("writable");
    let before = contents(temp.path());
    stake_in(temp.path())
        .args(["init", "register"])
        .assert()
        .code(2)
        .stdout_eq("")
        .stderr_eq(snapshot("init-existing.stderr"));
    assert_eq!(contents(temp.path()), before);
}

#[test]
fn init_writes_nothing_when_one_file_exists() {
    let temp = tempfile::tempdir().expect("a temp dir");
    let register = temp.path().join("register");
    fs::create_dir(&register).expect("writable");
    fs::write(register.join("_project.md"), "---\nname: Mine\n---\n").expect("writable");
    stake_in(temp.path())
        .args(["init", "register", "--lang", "zh-CN"])
        .assert()
        .code(2);
    assert_eq!(
        contents(&register),
        [(
            "_project.md".to_owned(),
            "---\nname: Mine\n---\n".to_owned()
        )]
    );
}

/// The first analysis of a starter register, made today: its dates are relative to the
/// day `init` ran, so nothing is months overdue or silent.
fn first_analysis(lang: &str) -> serde_json::Value {
    let temp = tempfile::tempdir().expect("a temp dir");
    stake_in(temp.path())
        .args(["init", "register", "--lang", lang])
        .assert()
        .code(0);
    let output = stake_in(temp.path())
        .args(["analyze", "--format", "json", "register"])
        .output()
        .expect("stake runs");
    assert!(output.status.success());
    serde_json::from_slice(&output.stdout).expect("JSON")
}

#[test]
fn a_starter_register_analysed_on_the_day_is_sensible() {
    for lang in ["en", "zh-CN"] {
        let analysis = first_analysis(lang);
        let findings = analysis["findings"].as_array().expect("findings");
        for finding in findings {
            let days = finding["days"].as_u64().unwrap_or(0);
            assert!(days <= 60, "{lang}: {finding}");
        }
        assert_eq!(analysis["summary"]["overdue_touches"], 0, "{lang}");
        // The sponsor was met days ago and has a follow-up due ahead.
        let sponsor = &analysis["stakeholders"]
            .as_array()
            .expect("stakeholders")
            .iter()
            .find(|s| s["key"] == true)
            .expect("a key stakeholder")
            .clone();
        assert_eq!(sponsor["silent"], false, "{lang}: {sponsor}");
    }
}

#[test]
fn an_existing_gitignore_is_kept_and_the_missing_line_named() {
    let temp = tempfile::tempdir().expect("a temp dir");
    let register = temp.path().join("register");
    fs::create_dir(&register).expect("writable");
    fs::write(register.join(".gitignore"), "node_modules/\n").expect("writable");
    stake_in(temp.path())
        .args(["init", "register"])
        .assert()
        .code(0)
        .stdout_eq(snapshot("init-kept-gitignore.stdout"));
    assert_eq!(
        fs::read_to_string(register.join(".gitignore")).expect("readable"),
        "node_modules/\n"
    );
}
