//! `stake export`: the register as a workbook. The public edition's sheets hold nothing
//! confidential and state nothing the internal ones contradict; the workbook is read
//! back by independent readers (calamine here, Python's openpyxl when installed).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, open_workbook_auto};

use super::editions_truth::{self, MARKERS};
use super::{root, stake};

/// Exports `register` (a path below the package root) into a fresh folder.
fn export(register: &str, args: &[&str], file: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join(file);
    stake()
        .arg("export")
        .arg(root().join(register))
        .args(args)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    (dir, out)
}

/// Every sheet as rows of cell texts (dates as `YYYY-MM-DD`).
fn sheets(path: &Path) -> Vec<(String, Vec<Vec<String>>)> {
    let mut book = open_workbook_auto(path).unwrap();
    book.worksheets()
        .into_iter()
        .map(|(name, range)| {
            let rows = range
                .rows()
                .map(|row| row.iter().map(text).collect())
                .collect();
            (name, rows)
        })
        .collect()
}

fn text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::DateTime(d) => {
            let (y, m, day, ..) = d.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{day:02}")
        }
        other => other.to_string(),
    }
}

/// The register sheet as id → header → cell.
fn register_rows(path: &Path) -> BTreeMap<String, BTreeMap<String, String>> {
    let (_, rows) = sheets(path).into_iter().next().unwrap();
    let headers = rows[1].clone();
    rows[2..]
        .iter()
        .map(|row| {
            let cells = headers.iter().cloned().zip(row.iter().cloned()).collect();
            (row[0].clone(), cells)
        })
        .collect()
}

#[test]
fn the_public_workbook_holds_no_confidential_value() {
    let register = "tests/fixtures/editions-hostile";
    let (_i, internal) = export(register, &[], "internal.xlsx");
    let (_p, public) = export(register, &["--public"], "public.xlsx");
    let all = |path: &Path| -> String {
        sheets(path)
            .into_iter()
            .flat_map(|(_, rows)| rows.into_iter().flatten())
            .collect::<Vec<_>>()
            .join("\u{1f}")
    };
    let internal_text = all(&internal);
    // Every marker, a meeting's decisions and minutes too (the Meetings and Decisions
    // sheets).
    for marker in MARKERS {
        assert!(
            internal_text.contains(marker),
            "the internal workbook lacks {marker}"
        );
    }
    let public_text = all(&public);
    assert!(
        !public_text.contains("SECRET-"),
        "a marker in the public workbook"
    );
    // Nor the ids of records left out whole.
    let cells: Vec<&str> = public_text.split('\u{1f}').collect();
    for id in ["kim", "sponsor-sol"] {
        assert!(!cells.contains(&id), "the public workbook names {id}");
    }
    // Nor anything in the file's own parts (properties, shared strings).
    let bytes = fs::read(&public).unwrap();
    assert!(!String::from_utf8_lossy(&bytes).contains("SECRET-"));

    // The same of build-public's markers, in the CSV too.
    let (_c, csv) = export(
        "tests/fixtures/build-public",
        &["--public", "--format", "csv"],
        "r.csv",
    );
    let text = fs::read_to_string(&csv).unwrap();
    for marker in ["LEAK", "secret-sam", "Carol"] {
        assert!(!text.contains(marker), "{marker} in the public CSV");
    }
    let (_c, csv) = export("tests/fixtures/build-public", &["--format", "csv"], "r.csv");
    assert!(
        fs::read_to_string(&csv)
            .unwrap()
            .contains("LEAK-CONTACT-ALICE")
    );
}

#[test]
fn every_public_cell_is_the_internal_cell_or_withheld() {
    for register in [
        "tests/fixtures/editions-hostile",
        "samples/erp-rollout",
        "samples/metro-line",
    ] {
        let (_i, internal) = export(register, &[], "internal.xlsx");
        let (_p, public) = export(register, &["--public"], "public.xlsx");
        let internal = register_rows(&internal);
        let public = register_rows(&public);
        assert!(!public.is_empty());
        for (id, row) in &public {
            let full = internal
                .get(id)
                .unwrap_or_else(|| panic!("{register}: {id} only in public"));
            for (header, value) in row {
                if value == "not in this edition" || value == "本版未列" {
                    continue;
                }
                assert_eq!(
                    Some(value),
                    full.get(header),
                    "{register}: {id}'s {header} differs between the editions"
                );
            }
        }
    }
}

#[test]
fn the_register_sheet_has_the_analysis_and_the_edition_on_top() {
    let (_d, path) = export("samples/erp-rollout", &["--as-of", "2026-11-20"], "r.xlsx");
    let all = sheets(&path);
    let names: Vec<&str> = all.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "Register",
            "Interactions",
            "Relationships",
            "Positions",
            "Communication",
            "Plan",
            "Findings",
            "Meetings",
            "Decisions"
        ]
    );
    for (name, rows) in &all {
        assert_eq!(
            rows[0][0], "Atlas ERP roll-out — Internal edition — do not forward — As of 2026-11-20",
            "{name}"
        );
    }
    // Each stakeholder's derived facts are the analysis's.
    let output = stake()
        .args([
            "analyze",
            "samples/erp-rollout",
            "--format",
            "json",
            "--as-of",
            "2026-11-20",
        ])
        .assert()
        .success();
    let analysis: serde_json::Value = serde_json::from_slice(&output.get_output().stdout).unwrap();
    let rows = register_rows(&path);
    assert_eq!(
        rows.len(),
        editions_truth::list(&analysis, "stakeholders").len()
    );
    for s in editions_truth::list(&analysis, "stakeholders") {
        let row = &rows[s["id"].as_str().unwrap()];
        assert_eq!(row["Quadrant"], s["quadrant"].as_str().unwrap());
        assert_eq!(
            row["Last contact"],
            s["last_contact"].as_str().unwrap_or("")
        );
        assert_eq!(row["Salience"], s["salience"].as_str().unwrap_or(""));
        let gap = s["engagement"]["gap"]
            .as_i64()
            .map(|g| g.to_string())
            .unwrap_or_default();
        assert_eq!(row["Engagement gap"], gap, "{}", s["id"]);
    }
    // A Chinese register gets Chinese headers and sheet names.
    let (_z, zh) = export("samples/metro-line", &[], "zh.xlsx");
    let all = sheets(&zh);
    assert_eq!(all[0].0, "登记册");
    assert_eq!(all[0].1[1][..3], ["编号", "姓名", "简称"]);
}

#[test]
fn the_internal_workbook_is_not_written_where_sites_publish() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public/register.xlsx");
    fs::create_dir_all(out.parent().unwrap()).unwrap();
    let output = stake()
        .args(["export", "samples/erp-rollout", "-o"])
        .arg(&out)
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&output.get_output().stderr).into_owned();
    assert!(
        stderr.contains("not writing the internal edition"),
        "{stderr}"
    );
    assert!(!out.exists());
}

/// Python's openpyxl, an independent reader, sees the frozen headers, the filter, the
/// edition in the page header and real dates. Skipped with a note when openpyxl is
/// missing (CI installs it).
#[test]
fn openpyxl_reads_the_layout() {
    let probe = std::process::Command::new("python3")
        .args(["-c", "import openpyxl"])
        .status();
    if !probe.is_ok_and(|s| s.success()) {
        eprintln!(
            "note: python3 with openpyxl not found; the openpyxl check of the export is skipped"
        );
        return;
    }
    let (_d, path) = export("samples/erp-rollout", &["--public"], "r.xlsx");
    let script = r#"
import sys, datetime, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
for ws in wb.worksheets:
    assert ws.freeze_panes == "A3", (ws.title, ws.freeze_panes)
    assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A2:"), (ws.title, ws.auto_filter.ref)
    assert "Public edition" in ws.oddHeader.left.text, ws.oddHeader.left.text
    assert ws["A1"].value.startswith("Atlas ERP roll-out — Public edition"), ws["A1"].value
ws = wb["Register"]
headers = [c.value for c in ws[2]]
col = headers.index("Last contact") + 1
dates = [ws.cell(row=r, column=col).value for r in range(3, ws.max_row + 1)]
assert any(isinstance(d, datetime.datetime) for d in dates), dates
assert ws.column_dimensions["B"].width > 10
print("ok")
"#;
    let output = std::process::Command::new("python3")
        .args(["-c", script])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn nothing_is_written_but_the_file() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    stake()
        .env("TMPDIR", tmp.path())
        .args(["export", "samples/erp-rollout", "-o"])
        .arg(out.path().join("r.xlsx"))
        .assert()
        .success();
    let left: Vec<_> = fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, ["r.xlsx"], "the rows' temporary files are removed");
    assert_eq!(
        fs::read_dir(tmp.path()).unwrap().count(),
        0,
        "nothing in the system's temporary folder"
    );
}

/// A sheet as header → cell maps, below the title line and the headers.
fn sheet_rows(path: &Path, name: &str) -> Vec<BTreeMap<String, String>> {
    let (_, rows) = sheets(path)
        .into_iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no sheet {name}"));
    let headers = rows[1].clone();
    rows[2..]
        .iter()
        .map(|row| headers.iter().cloned().zip(row.iter().cloned()).collect())
        .collect()
}

#[test]
fn meetings_and_their_decisions_have_sheets_and_the_public_edition_keeps_its_rules() {
    let (_d, path) = export("samples/erp-rollout", &["--as-of", "2026-11-20"], "r.xlsx");
    let meetings = sheet_rows(&path, "Meetings");
    let files = fs::read_dir(root().join("samples/erp-rollout/meetings"))
        .unwrap()
        .count();
    assert_eq!(meetings.len(), files, "one row per meeting record");
    let dates: Vec<&String> = meetings.iter().map(|m| &m["Date"]).collect();
    assert!(dates.is_sorted(), "by date: {dates:?}");
    let m = meetings
        .iter()
        .find(|m| m["Id"] == "2026-11-19-steering-committee")
        .unwrap();
    assert_eq!(m["Meeting"], "Steering committee");
    assert_eq!(m["Attendees"], "Helen Brandt");
    assert_eq!(m["Attendee ids"], "helen-brandt");
    assert_eq!(m["By"], "Daniel Ortiz");
    assert_eq!(m["Sentiment"], "Helen Brandt: positive");
    assert_eq!(
        m["Decisions"],
        "Format of the go-live decision paper for 2026-12-10"
    );
    assert_eq!(
        m["Follow-ups"],
        "Circulate go-live decision paper to steering members (Due 2026-12-03; for Helen Brandt)"
    );
    assert_eq!(m["Fulfils"], "steering-pack");
    assert!(
        m["Minutes"].contains("agreed the decision paper format"),
        "{m:?}"
    );
    let decisions = sheet_rows(&path, "Decisions");
    assert!(
        decisions
            .iter()
            .any(|d| d["Meeting id"] == "2026-11-19-steering-committee"
                && d["Decision"] == "Format of the go-live decision paper for 2026-12-10")
    );

    // The public edition: the confidential meeting is not there, nor a meeting with
    // no attendee to show, nor an attendee left out whole (`kim`), nor the minutes
    // (notes, withheld by the project's list); the confidential decision is in no sheet
    // (`the_public_workbook_holds_no_confidential_value`).
    let register = "tests/fixtures/editions-hostile";
    let (_i, internal) = export(register, &[], "internal.xlsx");
    let (_p, public) = export(register, &["--public"], "public.xlsx");
    let internal = sheet_rows(&internal, "Meetings");
    let public_rows = sheet_rows(&public, "Meetings");
    assert_eq!(internal.len(), 4);
    assert!(
        internal
            .iter()
            .any(|m| m["Meeting"] == "SECRET-MEETING-TITLE")
    );
    let titles: Vec<&str> = public_rows.iter().map(|m| m["Meeting"].as_str()).collect();
    // The budget board's one attendee is not shown at meetings in this edition: the
    // meeting is left out, as `stake build --public` leaves it out.
    assert_eq!(titles, ["Open design review", "Planning review"]);
    let planning = &public_rows[1];
    assert!(!planning["Attendee ids"].contains("kim"), "{planning:?}");
    assert!(
        !public_rows[0].contains_key("Minutes"),
        "{:?}",
        public_rows[0]
    );
    assert!(sheet_rows(&public, "Decisions").is_empty());
    // Every public cell is the internal one (or withheld, or left out with its
    // attendee).
    for row in &public_rows {
        let full = internal.iter().find(|m| m["Id"] == row["Id"]).unwrap();
        for (header, value) in row {
            if value.is_empty() || header.starts_with("Attendee") {
                continue;
            }
            assert_eq!(Some(value), full.get(header), "{}: {header}", row["Id"]);
        }
    }
}
