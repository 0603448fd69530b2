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
    Command::new(cargo_bin!("stake")).env("GIT_CEILING_DIRECTORIES", super::ceiling())
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

#[test]
fn a_planned_meeting_is_briefed_from_its_record() {
    snapbox::assert_data_eq!(
        brief_md("erp-rollout", &["2026-12-10-steering-committee"]),
        snapshot("erp-rollout.2026-12-10-steering-committee.md")
    );
    snapbox::assert_data_eq!(
        brief_md("metro-line", &["2026-12-08-jinxiu-zhengchai-xietiao"]),
        snapshot("metro-line.2026-12-08-jinxiu-zhengchai-xietiao.md")
    );
    // The agenda, the record's body, is on the page.
    let dir = tempfile::tempdir().unwrap();
    stake()
        .arg("brief")
        .arg(root().join("samples/erp-rollout"))
        .args(["2026-12-10-steering-committee", "--format", "html", "-o"])
        .arg(dir.path())
        .assert()
        .success();
    let html = fs::read_to_string(dir.path().join("brief.html")).unwrap();
    assert!(html.contains("<strong>Kessler cut-over plan</strong>, drafted with Tom Harris"));
    assert!(
        html.contains("<title>Meeting brief: Steering committee · Atlas ERP roll-out</title>"),
        "{}",
        &html[..html.find("</title>").unwrap_or(0)]
    );
}

/// The brief of `meeting` in `tests/fixtures/v2-meetings` (as of 2026-11-20), its
/// Markdown and what `stake brief` printed to stderr.
fn meeting_brief(register: &std::path::Path, meeting: &str) -> (String, String) {
    let dir = tempfile::tempdir().unwrap();
    let output = std::process::Command::new(snapbox::cmd::cargo_bin!("stake"))
        .env("GIT_CEILING_DIRECTORIES", super::ceiling())
        .arg("brief")
        .arg(register)
        .args([meeting, "--format", "md", "-o"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    (
        fs::read_to_string(dir.path().join("brief.md")).unwrap(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_held_meeting_is_briefed_with_what_it_decided_and_promised() {
    let (md, _) = meeting_brief(
        &root().join("tests/fixtures/v2-meetings"),
        "2026-11-05-steering",
    );
    for said in [
        "# Steering committee",
        "**Held on Thu 5 Nov 2026** · Run by: Daniel Ortiz",
        "Cut-over plan approved with conditions",
        "**Attendees**: Helen Brandt (4/5), Tom Harris (negative), Linda Park (2/5)",
        "## What was decided\n\n- Cut-over on 14 March",
        "| Send the revised training plan | Linda Park | Daniel Ortiz | 12\u{a0}Nov\u{a0}2026 | **8 days late** |",
        "| Share the data-migration dry-run results | Tom Harris | Daniel Ortiz | 30\u{a0}Nov\u{a0}2026 | open |",
        "| Book the rehearsal room |  | Daniel Ortiz | 15\u{a0}Nov\u{a0}2026 | **5 days late** |",
        "## Minutes",
        "notes 2026-11-05-steering",
    ] {
        assert!(md.contains(said), "{said:?} not in\n{md}");
    }
    assert!(!md.contains("## Agenda"), "a held meeting has minutes");
    // The planned one: its agenda, no outcome.
    let (md, stderr) = meeting_brief(
        &root().join("tests/fixtures/v2-meetings"),
        "2026-12-03-steering",
    );
    assert!(
        md.contains("**Planned for Thu 3 Dec 2026, in 13 days**"),
        "{md}"
    );
    assert!(
        md.contains("## Agenda\n\n```embed\nnotes 2026-12-03-steering\n```"),
        "{md}"
    );
    assert!(!md.contains("What was decided"), "{md}");
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn a_planned_meeting_that_records_an_outcome_is_warned_about_and_briefed_without_it() {
    let dir = tempfile::tempdir().unwrap();
    let register = dir.path().join("register");
    for file in [
        "_project.md",
        "helen-brandt.md",
        "linda-park.md",
        "tom-harris.md",
        "meetings/2026-10-08-steering.md",
        "meetings/2026-11-05-steering.md",
    ] {
        let to = register.join(file);
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::copy(root().join("tests/fixtures/v2-meetings").join(file), to).unwrap();
    }
    fs::write(
        register.join("meetings/2026-12-03-steering.md"),
        "---\nmeeting: Steering committee\ndate: 2026-12-03\nattendees: [helen-brandt, tom-harris]\nsentiment: {tom-harris: 4}\ndecisions: [Pilot goes ahead]\n---\nAgenda: pilot readiness.\n",
    )
    .unwrap();
    stake()
        .current_dir(&register)
        .args(["check", "."])
        .assert()
        .success()
        .stderr_eq(str![[r#"
./meetings/2026-12-03-steering.md:5:12: warning[planned-meeting-outcome]: this meeting is dated 2026-12-03, after `as_of` (2026-11-20), so it is planned, yet it records `sentiment` and `decisions`
  |
5 | sentiment: {tom-harris: 4}
  |            ^ counts for nothing until the meeting has taken place
  |
  = help: write the agenda in the body now and the outcome once it has taken place; if it has, correct its `date` or move `as_of` in `_project.md` on

.: 3 stakeholders, 0 errors, 1 warning

"#]]);
    let (md, stderr) = meeting_brief(&register, "2026-12-03-steering");
    assert!(!md.contains("Pilot goes ahead"), "{md}");
    assert!(
        md.contains("**Attendees**: Helen Brandt, Tom Harris\n"),
        "{md}"
    );
    assert_eq!(
        stderr,
        "warning: `2026-12-03-steering` is dated after 2026-11-20 and so planned: the brief leaves out the `sentiment` and `decisions` it records, until it has taken place\n"
    );
}

#[test]
fn an_unknown_meeting_id_names_the_closest_and_a_meeting_is_briefed_alone() {
    stake()
        .arg("brief")
        .arg(root().join("samples/erp-rollout"))
        .args(["2026-12-10-steering"])
        .assert()
        .code(2)
        .stderr_eq(str![[r#"
error: no stakeholder or meeting has the id `2026-12-10-steering`; did you mean `2026-12-10-steering-committee` (Steering committee, 2026-12-10) or `2026-10-22-steering-committee` (Steering committee, 2026-10-22) or `2026-11-05-steering-committee` (Steering committee, 2026-11-05)?
(an id is the `id:` of a stakeholder file, else its file name without `.md`; a meeting record's is its file name)

"#]]);
    stake()
        .arg("brief")
        .arg(root().join("samples/erp-rollout"))
        .args(["2026-12-10-steering-committee", "mark-sullivan"])
        .assert()
        .code(2)
        .stderr_eq(str![[r#"
error: `2026-12-10-steering-committee` is a meeting record (Steering committee, 2026-12-10), not a stakeholder: name it alone to brief its meeting, e.g. `stake brief DIR 2026-12-10-steering-committee`

"#]]);
}
