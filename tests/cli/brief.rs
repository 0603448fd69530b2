//! `stake brief`: the Markdown of a brief for a tag and for explicit ids (snapshots),
//! the HTML page, and the errors for unknown ids, an unused tag and an unknown issue.

use std::fs;
use std::path::PathBuf;

use snapbox::cmd::{Command, cargo_bin};
use snapbox::str;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn stake() -> Command {
    Command::new(cargo_bin!("stake"))
}

/// Writes a brief of `sample` into a fresh folder and returns its Markdown.
fn brief_md(sample: &str, args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    stake()
        .arg("brief")
        .arg(root().join("samples").join(sample))
        .args(args)
        .args(["--as-of", "2026-11-20", "--format", "md", "-o"])
        .arg(dir.path())
        .assert()
        .success();
    assert!(
        !dir.path().join("brief.html").exists(),
        "only md was asked for"
    );
    fs::read_to_string(dir.path().join("brief.md")).unwrap()
}

fn snapshot(name: &str) -> snapbox::Data {
    snapbox::Data::read_from(&root().join("tests/cli/snapshots/brief").join(name), None)
}

#[test]
fn a_brief_for_a_tag() {
    snapbox::assert_data_eq!(
        brief_md("erp-rollout", &["--tag", "steering-committee"]),
        snapshot("erp-rollout.steering-committee.md")
    );
}

#[test]
fn a_brief_for_ids_focused_on_one_issue() {
    snapbox::assert_data_eq!(
        brief_md(
            "metro-line",
            &[
                "li-zhiqiang",
                "zhang-deming",
                "jiangbin-jiedao",
                "wang-jianguo",
                "--issue",
                "征地拆迁补偿标准"
            ]
        ),
        snapshot("metro-line.compensation.md")
    );
}

#[test]
fn the_brief_is_a_self_contained_page_and_a_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("briefs");
    // Inside a register, the ids can come first.
    stake()
        .current_dir(root().join("samples/erp-rollout"))
        .args(["brief", "helen-brandt", "mark-sullivan", "-o"])
        .arg(&out)
        .assert()
        .success()
        .stdout_eq(str![[r#"
wrote [..]brief.pdf (2 attendees)
wrote [..]brief.html (2 attendees)

"#]]);
    let html = fs::read_to_string(out.join("brief.html")).unwrap();
    assert!(html.contains("<title>Meeting brief · Atlas ERP roll-out</title>"));
    assert_eq!(
        html.matches("<h1").count(),
        4,
        "the title, the room, then one per attendee"
    );
    for absent in ["<nav", "report.html", "stakeholders/", "<script", "<link"] {
        assert!(!html.contains(absent), "{absent}");
    }
    let pdf = fs::read(out.join("brief.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let mut names: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [".stake-output", "brief.html", "brief.pdf"],
        "the marker, and no temporary file left"
    );
}

#[test]
fn unknown_ids_are_an_error_naming_the_closest() {
    stake()
        .arg("brief")
        .arg(root().join("samples/erp-rollout"))
        .args(["helen-brant", "mark-sullivan", "Ravi"])
        .assert()
        .code(2)
        .stdout_eq(str![""])
        .stderr_eq(str![[r#"
error: no stakeholder has the id `helen-brant`; did you mean `helen-brandt` (Helen Brandt)?
no stakeholder has the id `Ravi`; did you mean `ravi-menon` (Ravi Menon)?
(an id is the `id:` of a stakeholder file, else its file name without `.md`; a meeting record's is its file name)

"#]]);
}

#[test]
fn a_tag_nobody_has_is_an_error_naming_the_closest() {
    stake()
        .arg("brief")
        .arg(root().join("samples/erp-rollout"))
        .args(["--tag", "steering"])
        .assert()
        .code(2)
        .stderr_eq(str![[r#"
error: no stakeholder has the tag `steering`; did you mean `steering-committee`?

"#]]);
    stake()
        .arg("brief")
        .arg(root().join("samples/erp-rollout"))
        .args(["--tag", "go-live", "--format", "md"])
        .assert()
        .code(2)
        .stderr_eq(str![[r#"
error: no stakeholder has the tag `go-live`; the tags are `auditor`, `board`, `change-network`, `customer`, `design-authority`, `edi`, `executive`, `fabrix`, `finance`, `governance`, `hr`, `it`, `key-user`, `operations`, `plant-hartlepool`, `plant-leeds`, `plant-management`, `process-owner`, `quality`, `sponsor`, `steering-committee`, `supplier`, `supply-chain`, `system-integrator`, `union`, `vendor`, `wave-2`, `works-council`

"#]]);
}

#[test]
fn an_unknown_issue_and_no_attendees_are_errors() {
    stake()
        .arg("brief")
        .arg(root().join("samples/erp-rollout"))
        .args(["--tag", "steering-committee", "--issue", "go live"])
        .assert()
        .code(2)
        .stderr_eq(str![[r#"
error: no stakeholder has a position on the issue `go live`; did you mean `Go-live date`?

"#]]);
    stake()
        .arg("brief")
        .arg(root().join("samples/erp-rollout"))
        .assert()
        .code(2)
        .stderr_eq(str![[r#"
error: name the meeting or the attendees: a meeting record's id, `--tag TAG` or their ids, e.g. `stake brief . --tag steering-committee`

"#]]);
}

/// The text of every file `stake brief` wrote into `out` (PDFs through `pdftotext` when
/// poppler is installed, as CI does).
fn brief_text(out: &std::path::Path) -> String {
    let mut text = fs::read_to_string(out.join("brief.html")).unwrap();
    if let Ok(pdf) = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(out.join("brief.pdf"))
        .arg("-")
        .output()
    {
        text.push_str(&String::from_utf8_lossy(&pdf.stdout));
    }
    text
}

#[test]
fn the_public_brief_leaves_out_confidential_attendees_and_fields() {
    let register = root().join("tests/fixtures/build-public");
    let dir = tempfile::tempdir().unwrap();
    let brief = |out: &str, public: bool| {
        let out = dir.path().join(out);
        let mut command = stake()
            .arg("brief")
            .arg(&register)
            .args(["alice", "bob", "carol", "secret-sam", "-o"])
            .arg(&out);
        if public {
            command = command.arg("--public");
        }
        (command.assert().success(), out)
    };
    let (run, public) = brief("public", true);
    run.stderr_eq(str![[r#"
note: the public edition leaves out 2 confidential attendees

"#]])
        .stdout_eq(str![[r#"
wrote [..]brief.pdf (2 attendees)
wrote [..]brief.html (2 attendees)

"#]]);
    let text = brief_text(&public);
    assert!(text.contains("Alice Open") && text.contains("Bob Partial"));
    assert!(text.contains("Public edition: confidential fields and records are left out."));
    for marker in ["LEAK", "secret-sam", "Carol"] {
        assert!(!text.contains(marker), "{marker} in the public brief");
    }
    // Without --public the same brief shows them: the test can fail.
    let (_, full) = brief("full", false);
    let text = brief_text(&full);
    for marker in ["LEAK-RECORD-NAME", "LEAK-OWNER-ALICE", "Carol Hidden-Grid"] {
        assert!(
            text.contains(marker),
            "{marker} missing from the full brief"
        );
    }
}

#[test]
fn a_public_brief_of_only_confidential_attendees_is_an_error() {
    stake()
        .arg("brief")
        .arg(root().join("tests/fixtures/build-public"))
        .args(["secret-sam", "--public", "-o"])
        .arg(tempfile::tempdir().unwrap().path())
        .assert()
        .code(2)
        .stderr_eq(str![[r#"
error: every attendee's record is confidential: the public edition has nobody to brief

"#]]);
}

#[test]
fn an_internal_brief_carries_each_attendees_notes_and_a_public_one_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let erp = crate::root().join("samples/erp-rollout");
    let brief = |public: bool, out: &str| {
        let out = dir.path().join(out);
        let edition: &[&str] = if public { &["--public"] } else { &[] };
        crate::stake()
            .arg("brief")
            .arg(&erp)
            .args(["--tag", "steering-committee", "--format", "html", "-o"])
            .arg(&out)
            .args(edition)
            .assert()
            .success();
        std::fs::read_to_string(out.join("brief.html")).unwrap()
    };
    // Helen Brandt's notes, confidential by the project's default.
    let said = "surprise her in steering";
    assert!(brief(false, "internal").contains(said));
    assert!(!brief(true, "public").contains(said));
}
