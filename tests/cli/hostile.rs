//! Hostile and broken input: each gives a clear diagnostic naming the file, never a panic
//! or a hang (every run is killed after 20 s, which fails the test). The large and binary
//! files are made at test time in a temporary folder, so nothing big is committed.

use std::fs;
use std::path::Path;

use snapbox::cmd::OutputAssert;

use crate::{snapshot, stake_in};

const HEADER: &str = "---\nname: Ann Lee\ncategory: internal\npower: H\ninterest: M\n";

/// A temporary folder holding `register/`, with `files` written into the register.
fn register(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let temp = tempfile::tempdir().expect("a temp dir");
    let register = temp.path().join("register");
    fs::create_dir(&register).expect("writable");
    for (name, bytes) in files {
        let path = register.join(name);
        fs::create_dir_all(path.parent().expect("a parent")).expect("writable");
        fs::write(path, bytes).expect("writable");
    }
    temp
}

/// `stake check register` from the temporary folder, so paths in the report are stable.
fn check(temp: &Path) -> OutputAssert {
    stake_in(temp).args(["check", "register"]).assert()
}

fn stderr(output: &OutputAssert) -> String {
    String::from_utf8_lossy(&output.get_output().stderr).into_owned()
}

#[test]
fn billion_laughs() {
    let mut yaml =
        format!("{HEADER}needs:\n  - &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (name, previous) in ["b", "c", "d", "e", "f", "g", "h", "i", "j"]
        .iter()
        .zip(["a", "b", "c", "d", "e", "f", "g", "h", "i"])
    {
        let aliases = vec![format!("*{previous}"); 9].join(", ");
        yaml.push_str(&format!("  - &{name} [{aliases}]\n"));
    }
    yaml.push_str("tags: [*j, *j, *j, *j, *j, *j, *j, *j, *j]\n---\n");
    let temp = register(&[("ann-lee.md", yaml.as_bytes())]);
    check(temp.path())
        .code(1)
        .stderr_eq(snapshot("hostile/billion-laughs.stderr"));
}

#[test]
fn thousands_of_aliases() {
    let mut yaml = format!("{HEADER}needs:\n  - &a lol\n");
    yaml.push_str(&"  - *a\n".repeat(5_000));
    yaml.push_str("---\n");
    let temp = register(&[("ann-lee.md", yaml.as_bytes())]);
    check(temp.path())
        .code(1)
        .stderr_eq(snapshot("hostile/aliases.stderr"));
}

#[test]
fn nesting_50000_deep() {
    let depth = 50_000;
    let flow = format!(
        "{HEADER}tags: {}{}\n---\n",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let block = format!("{HEADER}tags:\n  {}x\n---\n", "- ".repeat(depth));
    let maps = format!(
        "{HEADER}contact: {}x{}\n---\n",
        "{a: ".repeat(depth),
        "}".repeat(depth)
    );
    let temp = register(&[
        ("block.md", block.as_bytes()),
        ("flow.md", flow.as_bytes()),
        ("maps.md", maps.as_bytes()),
    ]);
    let output = check(temp.path())
        .code(1)
        .stderr_eq(snapshot("hostile/deep.stderr"));
    let stderr = stderr(&output);
    for file in ["block.md", "flow.md", "maps.md"] {
        assert!(stderr.contains(&format!("register/{file}:")), "{stderr}");
    }
}

#[test]
fn a_100_mb_file_is_refused_unread() {
    let temp = register(&[]);
    // Sparse: 100 MB on paper, nothing on disk; the size cap refuses it from its metadata.
    let file = fs::File::create(temp.path().join("register/huge.md")).expect("writable");
    file.set_len(100 * 1024 * 1024).expect("sparse file");
    check(temp.path())
        .code(1)
        .stderr_eq(snapshot("hostile/huge.stderr"));
}

#[test]
fn a_binary_file_named_md() {
    let bytes: Vec<u8> = (0..=255u8).cycle().take(64 * 1024).collect();
    let temp = register(&[("photo.md", &bytes)]);
    check(temp.path())
        .code(1)
        .stderr_eq(snapshot("hostile/binary.stderr"));
}

#[test]
fn gbk_text_names_the_place_and_iconv() {
    // `name: 王建国` saved as GBK, as Windows editors in China often do.
    let mut bytes = b"---\ncategory: internal\npower: H\ninterest: M\nname: ".to_vec();
    bytes.extend([0xCD, 0xF5, 0xBD, 0xA8, 0xB9, 0xFA]);
    bytes.extend(b"\n---\n");
    let temp = register(&[("wang.md", &bytes)]);
    let output = check(temp.path())
        .code(1)
        .stderr_eq(snapshot("hostile/gbk.stderr"));
    let stderr = stderr(&output);
    assert!(stderr.starts_with("register/wang.md:5:7: error[not-utf8]"));
    assert!(stderr.contains("iconv -f GB18030 -t UTF-8"));
}

#[test]
fn an_empty_folder() {
    let temp = register(&[]);
    check(temp.path())
        .code(1)
        .stderr_eq(snapshot("hostile/empty.stderr"));
}

#[test]
fn a_folder_that_does_not_exist() {
    let temp = tempfile::tempdir().expect("a temp dir");
    check(temp.path())
        .code(2)
        .stdout_eq("")
        .stderr_eq("error: register folder `register` does not exist\n");
}

#[cfg(unix)]
mod links {
    use std::os::unix::fs::symlink;

    use super::*;

    #[test]
    fn a_symlink_loop_is_reported_not_walked() {
        let temp = register(&[("people/ann-lee.md", format!("{HEADER}---\n").as_bytes())]);
        let people = temp.path().join("register/people");
        symlink("..", people.join("up")).expect("a link");
        symlink("loop", people.join("loop")).expect("a link");
        symlink("gone.md", people.join("gone.md")).expect("a link");
        check(temp.path())
            .code(0)
            .stderr_eq(snapshot("hostile/link-loop.stderr"));
    }

    #[test]
    fn a_symlink_out_of_the_register_is_skipped() {
        let temp = register(&[("ann-lee.md", format!("{HEADER}---\n").as_bytes())]);
        let outside = temp.path().join("secret.md");
        fs::write(&outside, "---\nname: Secret\npower: H\ninterest: H\n---\n").expect("w");
        symlink(&outside, temp.path().join("register/secret.md")).expect("a link");
        symlink(temp.path(), temp.path().join("register/everything")).expect("a link");
        check(temp.path())
            .code(0)
            .stderr_eq(snapshot("hostile/link-outside.stderr"));
    }
}

#[test]
fn thousands_of_unknown_fields_are_reported_up_to_a_cap() {
    let mut yaml = HEADER.to_owned();
    for i in 0..10_000 {
        yaml.push_str(&format!("field{i}: x\n"));
    }
    yaml.push_str("---\n");
    let temp = register(&[("ann-lee.md", yaml.as_bytes())]);
    let output = check(temp.path()).code(1);
    let reported = stderr(&output).matches("error[unknown-field]").count();
    // Each unknown field costs a re-parse of the file: 21 are reported, not 10,000.
    assert_eq!(reported, 21);
}
