//! Hostile input for what stake writes and prints: registers and arguments that `check`
//! must refuse with a clear message (ids, lists, YAML, arguments), and files the writers
//! must never touch (the register, a planted link, a spreadsheet's formulas, the
//! terminal). Each case states its exit code and message; registers are made at test time.

use std::fs;
use std::path::Path;

use snapbox::cmd::OutputAssert;

use crate::{snapshot, stake_in};

const HEADER: &str = "---\nname: Ann Lee\ncategory: internal\npower: H\ninterest: M\n";

/// A temporary folder holding `register/`, with `files` written into the register.
fn register(files: &[(&str, &str)]) -> tempfile::TempDir {
    let temp = tempfile::tempdir().expect("a temp dir");
    let register = temp.path().join("register");
    fs::create_dir(&register).expect("writable");
    for (name, text) in files {
        let path = register.join(name);
        fs::create_dir_all(path.parent().expect("a parent")).expect("writable");
        fs::write(path, text).expect("writable");
    }
    temp
}

fn check(temp: &Path, args: &[&str]) -> OutputAssert {
    stake_in(temp)
        .arg("check")
        .args(args)
        .arg("register")
        .assert()
}

fn stderr(output: &OutputAssert) -> String {
    String::from_utf8_lossy(&output.get_output().stderr).into_owned()
}

fn stdout(output: &OutputAssert) -> String {
    String::from_utf8_lossy(&output.get_output().stdout).into_owned()
}

/// A stakeholder tagged `board`, for briefs.
fn board_member() -> String {
    format!("{HEADER}tags: [board]\n---\n")
}

#[test]
fn a_brief_never_overwrites_a_register_file() {
    // A stakeholder who happens to be called `brief`.
    let temp = register(&[
        ("ann-lee.md", &board_member()),
        ("brief.md", &board_member()),
    ]);
    let register = temp.path().join("register");
    let before = fs::read_to_string(register.join("brief.md")).unwrap();
    // Run inside the register with the default output: it goes to `brief/`.
    let output = stake_in(&register)
        .args(["brief", "--tag", "board", "--format", "md"])
        .assert()
        .code(0);
    assert_eq!(stdout(&output), "wrote brief/brief.md (2 attendees)\n");
    assert_eq!(
        fs::read_to_string(register.join("brief.md")).unwrap(),
        before
    );
    assert!(register.join("brief/.stake-output").is_file());
    // The register folder itself, or a folder of someone else's files, is refused.
    stake_in(&register)
        .args(["brief", "--tag", "board", "--format", "md", "-o", "."])
        .assert()
        .code(2)
        .stdout_eq("")
        .stderr_eq(
            "error: output `.` contains the register itself; choose a folder outside it with `-o`\n",
        );
    fs::create_dir(temp.path().join("notes")).unwrap();
    fs::write(temp.path().join("notes/todo.md"), "mine").unwrap();
    stake_in(temp.path())
        .args(["brief", "register", "--tag", "board", "-o", "notes"])
        .assert()
        .code(2)
        .stderr_eq(
            "error: output folder `notes` is not empty and was not written by stake (it has no `.stake-output` file); choose another folder with `-o`, or empty it yourself\n",
        );
    assert_eq!(
        fs::read_to_string(register.join("brief.md")).unwrap(),
        before
    );
    // Only the brief itself is written the second time: the register file is intact.
    stake_in(&register)
        .args(["brief", "--tag", "board", "--format", "md"])
        .assert()
        .code(0);
    assert_eq!(
        fs::read_to_string(register.join("brief.md")).unwrap(),
        before
    );
}

#[cfg(unix)]
#[test]
fn a_planted_link_is_replaced_never_written_through() {
    use std::os::unix::fs::symlink;
    let temp = register(&[("ann-lee.md", &board_member())]);
    let out = temp.path().join("out");
    fs::create_dir(&out).unwrap();
    fs::write(out.join(".stake-output"), "").unwrap();
    let victim = temp.path().join("victim.txt");
    fs::write(&victim, "keep me").unwrap();
    symlink(&victim, out.join("brief.md")).unwrap();
    // Temporary files of the old predictable name, planted as links too.
    symlink(&victim, out.join(format!(".brief.md.stake-tmp-{}", 1))).unwrap();
    stake_in(temp.path())
        .args([
            "brief", "register", "--tag", "board", "--format", "md", "-o", "out",
        ])
        .assert()
        .code(0);
    assert_eq!(fs::read_to_string(&victim).unwrap(), "keep me");
    assert!(
        fs::read_to_string(out.join("brief.md"))
            .unwrap()
            .contains("Ann Lee")
    );
    // An output folder that is itself a link is refused.
    symlink(temp.path().join("register"), temp.path().join("linked")).unwrap();
    stake_in(temp.path())
        .args(["brief", "register", "--tag", "board", "-o", "linked"])
        .assert()
        .code(2)
        .stderr_eq(
            "error: output `linked` is a symbolic link; stake writes only into a real folder, choose one with `-o`\n",
        );
}

#[test]
fn a_killed_build_leaves_nothing_the_next_build_keeps() {
    let temp = register(&[("ann-lee.md", &board_member())]);
    // What a build killed between its two renames leaves: the previous site aside, and
    // a half-written staging folder.
    let old = temp.path().join(".out.stake-old-99999");
    fs::create_dir_all(old.join("stakeholders")).unwrap();
    fs::write(old.join("stakeholders/internal.html"), "confidential").unwrap();
    fs::create_dir_all(temp.path().join(".out.stake-new-99998-AbCdEf")).unwrap();
    stake_in(temp.path())
        .args(["build", "register", "-o", "out", "--format", "html"])
        .assert()
        .code(0);
    let mut names: Vec<String> = fs::read_dir(temp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["out", "register"]);
}

#[test]
fn spreadsheet_formulas_are_written_as_text() {
    // Debug-quoted: a double-quoted YAML string with `"` and `\\` escaped.
    let touch = |content: &str, channel: &str, owner: &str| {
        format!(
            "  - {{content: {content:?}, channel: {channel:?}, frequency: weekly, owner: {owner:?}}}\n"
        )
    };
    let file = format!(
        "{HEADER}communication:\n{}{}{}---\n",
        touch(
            "=HYPERLINK(\"http://evil.example\",\"Click\")",
            "-2+3",
            "@SUM(A1:A9)"
        ),
        touch("+cmd|' /C calc'!A0", "meeting", "-3"),
        touch("Steering update", "email", "Dana"),
    );
    let temp = register(&[("ann-lee.md", &file)]);
    stake_in(temp.path())
        .args(["build", "register", "-o", "out", "--format", "csv"])
        .assert()
        .code(0);
    let bytes = fs::read(temp.path().join("out/communication-plan.csv")).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let cells: Vec<String> = reader
        .records()
        .flat_map(|r| r.unwrap().iter().map(str::to_owned).collect::<Vec<_>>())
        .collect();
    for expected in [
        "'=HYPERLINK(\"http://evil.example\",\"Click\")",
        "'-2+3",
        "'@SUM(A1:A9)",
        "'+cmd|' /C calc'!A0",
        "Steering update",
        // A plain negative number is still a number.
        "-3",
    ] {
        assert!(
            cells.iter().any(|c| c == expected),
            "{expected} in {cells:?}"
        );
    }
    assert!(
        !cells.iter().any(|c| c.starts_with(['=', '+', '@'])),
        "{cells:?}"
    );
}

#[test]
fn terminal_controls_in_values_and_file_names_are_shown_escaped() {
    // ESC ] 0 sets the window title, BEL ends it, ESC [ 2 J clears the screen, U+202E
    // turns the rest of the line around.
    let value = "power: \"\\e]0;pwned\\a\\e[2J\\u202eH\"\n";
    let file = format!("{}{value}---\n", HEADER.replace("power: H\n", ""));
    // A raw right-to-left override inside a value the caret points at.
    let raw = format!(
        "{}power: \"H\u{202e}x\"\n---\n",
        HEADER.replace("power: H\n", "")
    );
    let temp = register(&[
        ("ann-lee.md", &file),
        ("bell\u{7}\u{1b}[31m.md", &file),
        ("raw.md", &raw),
    ]);
    let human = check(temp.path(), &[]).code(1);
    let human = stderr(&human);
    let github = check(temp.path(), &["--format", "github"]).code(1);
    let github = stdout(&github);
    for output in [&human, &github] {
        assert!(
            !output.contains(['\u{1b}', '\u{7}', '\u{202e}']),
            "{output:?}"
        );
        assert!(
            output.contains("\\u{1b}]0;pwned\\u{7}\\u{1b}[2J\\u{202e}H"),
            "{output}"
        );
        assert!(
            output.contains("register/bell\\u{7}\\u{1b}[31m.md"),
            "{output}"
        );
    }
    // The caret stays under the whole value, escaped as it is shown.
    assert!(
        human.contains("5 | power: \"H\\u{202e}x\"\n  |        ^^^^^^^^^^^^ not a valid `power`"),
        "{human}"
    );
}

#[test]
fn ids_that_build_could_not_write_fail_check() {
    let long_stem = format!("{}.md", "张".repeat(84));
    let ascii_stem = format!("{}.md", "a".repeat(251));
    let temp = register(&[
        ("ann-lee.md", &format!("{HEADER}---\n")),
        ("greek.md", &format!("{HEADER}id: ΣΟΦΙΑ\n---\n")),
        (
            "fullwidth.md",
            &format!("{HEADER}id: ａｎｎ－ｌｅｅ\n---\n"),
        ),
        (
            "mixed.md",
            &format!("{HEADER}id: m\u{430}ria-keller\n---\n"),
        ),
        (&long_stem, &format!("{HEADER}---\n")),
        (&ascii_stem, &format!("{HEADER}---\n")),
    ]);
    check(temp.path(), &[])
        .code(1)
        .stderr_eq(snapshot("hostile-io/ids.stderr"));
}

#[test]
fn a_list_longer_than_the_reports_take_fails_check() {
    let mut file = format!("{HEADER}needs:\n");
    file.push_str(&"  - n\n".repeat(100_001));
    file.push_str("---\n");
    let temp = register(&[("ann-lee.md", &file)]);
    check(temp.path(), &[])
        .code(1)
        .stderr_eq(snapshot("hostile-io/long-list.stderr"));
}

#[test]
fn yaml_errors_speak_the_register_s_words() {
    let temp = register(&[
        ("null-key.md", &format!("{HEADER}~: x\n---\n")),
        ("two-documents.md", &format!("{HEADER}--- x\n---\n")),
        ("_project.md", "---\nname: Rollout\n---\n"),
        ("ann-lee.md", &format!("{HEADER}---\n")),
        ("team/_project.md", "---\nname: Team\n---\n"),
    ]);
    let output = check(temp.path(), &[])
        .code(1)
        .stderr_eq(snapshot("hostile-io/yaml-words.stderr"));
    let stderr = stderr(&output);
    for rust in ["Option<", "from_str", "budget breached", "struct"] {
        assert!(!stderr.contains(rust), "{stderr}");
    }
}

#[test]
fn arguments_are_checked_before_anything_is_read() {
    let temp = register(&[("ann-lee.md", &board_member())]);
    stake_in(temp.path())
        .args([
            "check",
            "register",
            "--max-file-size",
            "18446744073709551615",
        ])
        .assert()
        .code(2)
        .stderr_eq(snapshot("hostile-io/max-file-size.stderr"));
    stake_in(temp.path())
        .args(["build", "register", "--font", "/dev/zero"])
        .assert()
        .code(2)
        .stderr_eq(snapshot("hostile-io/font-device.stderr"));
    assert!(!temp.path().join("internal-edition").exists());
}

#[cfg(unix)]
#[test]
fn a_font_that_is_a_pipe_is_refused_not_waited_for() {
    let temp = register(&[("ann-lee.md", &board_member())]);
    let status = std::process::Command::new("mkfifo")
        .arg(temp.path().join("font.ttf"))
        .status();
    if !status.is_ok_and(|s| s.success()) {
        eprintln!("skipped: no mkfifo");
        return;
    }
    stake_in(temp.path())
        .args(["brief", "register", "--tag", "board", "--font", "font.ttf"])
        .assert()
        .code(2)
        .stderr_eq(
            "error: invalid value 'font.ttf' for '--font <PATH>': not a regular file; name a .ttf, .otf or .ttc font file\n\nFor more information, try '--help'.\n",
        );
}
