//! `stake import`: spreadsheets written by other tools (openpyxl, XlsxWriter and xlwt in
//! Python, Python's codecs for GBK and UTF-16 CSV), in English and Chinese, with the
//! layouts people make; and the round trip: importing an export gives the same analysis.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::{root, stake, stake_in};

/// The spreadsheets of `tests/fixtures/import/make.py`, or `None` (with a note) when
/// Python's openpyxl is missing; CI installs it.
fn made() -> Option<tempfile::TempDir> {
    let dir = tempfile::tempdir().unwrap();
    let status = std::process::Command::new("python3")
        .arg(root().join("tests/fixtures/import/make.py"))
        .arg(dir.path())
        .output();
    match status {
        Ok(output) if output.status.success() => Some(dir),
        _ => {
            eprintln!(
                "note: python3 with openpyxl not found; the spreadsheets written by other tools are not imported"
            );
            None
        }
    }
}

fn import(file: &Path, out: &Path, args: &[&str]) -> (i32, String, String) {
    let output = stake()
        .arg("import")
        .arg(file)
        .arg("-o")
        .arg(out)
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn read(path: PathBuf) -> String {
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn a_pmbok_register_with_a_messy_layout() {
    let Some(made) = made() else { return };
    let out = made.path().join("register");
    let (code, stdout, stderr) = import(&made.path().join("pmbok.xlsx"), &out, &[]);
    // Blueline's power "Very Hgh" is not guessed: the file lacks it, so check fails.
    assert_eq!(code, 1, "{stdout}{stderr}");
    for line in [
        "reading sheet `Stakeholder Register` of",
        "headers in row 4, 4 stakeholders",
        "  B   Stakeholder Name           → name",
        "  H   Power (H/M/L)              → power",
        "  K   Supporter/Neutral/Resistor → engagement.current",
        "  M   Favourite colour           → kept in the notes, as a table",
        "note: row 7, column H (Power (H/M/L)): `Very Hgh` cannot be read; write 1–5, very-low / low / medium / high / very-high",
        "note: row 8: no name (column B): skipped",
        "note: row 9: `Maria Keller` has the id of an earlier row: its id is `maria-keller-2`",
        "note: row 9, column I (Interest (H/M/L)): the formula `=\"H\"` has no calculated value",
        "note: row 11: `* Power and interest as assessed in the March workshop.` is a note, not a stakeholder: skipped",
        "stake check ",
    ] {
        assert!(stdout.contains(line), "missing {line:?} in\n{stdout}");
    }
    assert!(
        stderr.contains(
            "blueline-software.md:1:1: error[missing-field]: this stakeholder has no `power`"
        ),
        "{stderr}"
    );
    let maria = read(out.join("maria-keller.md"));
    assert!(maria.starts_with("---\nname: Maria Keller\nrole: Head of Claims\norganization: Northwind Insurance\ncategory: internal\npower: high\ninterest: high\nengagement:\n  current: supportive\nneeds:\n  - Go-live before the renewal peak\n  - Fewer call-centre calls\ncontact:\n  email: maria.keller@northwind.example\n---\n"), "{maria}");
    assert!(maria.contains("| Favourite colour | blue |"), "{maria}");
    assert!(
        maria.contains("| Internal code | X-1 |"),
        "the hidden column is kept: {maria}"
    );
    // The organisation merged over two rows is each row's.
    let tom = read(out.join("tom-baker.md"));
    assert!(tom.contains("organization: Northwind Insurance\n"), "{tom}");
    assert!(tom.contains("  current: resistant\n"), "{tom}");
    assert!(tom.contains("  phone: +44 20 7946 0000\n"), "{tom}");
    let blueline = read(out.join("blueline-software.md"));
    assert!(
        blueline.contains(
            "# power: the spreadsheet has Very Hgh (row 7, column H), which is not a level"
        ),
        "{blueline}"
    );
    assert!(
        blueline.contains("| Power (H/M/L) | Very Hgh |"),
        "nothing of the sheet is lost: {blueline}"
    );
    assert_eq!(
        read(out.join("_project.md")),
        "---\nname: Project Phoenix - Stakeholder Register\n---\n"
    );
}

#[test]
fn a_chinese_register_with_a_combined_power_interest_column() {
    let Some(made) = made() else { return };
    let out = made.path().join("登记册");
    let (code, stdout, stderr) = import(&made.path().join("ganxiren.xlsx"), &out, &[]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    // Chinese headers: a Chinese register, and the messages in Chinese.
    assert!(
        stdout.starts_with("读取 ")
            && stdout.contains("的工作表 `干系人登记册`：表头在第 3 行，3 个干系人"),
        "{stdout}"
    );
    // Aligned in terminal columns: a Chinese character takes two.
    assert!(
        stdout.contains("  B   相关方            → name\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("  H   权力/利益         → power and interest\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("  F   在项目中的角色    → 写入备注中的表格\n"),
        "{stdout}"
    );
    assert!(
        stdout
            .contains("提示：第 7 行：`注：权力/利益按高/中/低填写。` 是说明，不是干系人：已跳过"),
        "{stdout}"
    );
    assert!(stdout.contains("已写入 4 个文件到 "), "{stdout}");
    assert!(stdout.ends_with("：0 个错误，0 个警告\n"), "{stdout}");
    // `--lang en` says it in English.
    let again = made.path().join("english");
    let (_, stdout, _) = import(
        &made.path().join("ganxiren.xlsx"),
        &again,
        &["--lang", "en"],
    );
    assert!(
        stdout.contains("headers in row 3, 3 stakeholders"),
        "{stdout}"
    );
    assert!(stdout.ends_with(": 0 errors, 0 warnings\n"), "{stdout}");
    let wang = read(out.join("王伟.md"));
    assert_eq!(
        wang,
        "---\nname: 王伟\nrole: 局长\norganization: 市交通局\ncategory: external\npower: high\ninterest: high\nengagement:\n  current: supportive\nneeds:\n  - 按期通车\nexpectations:\n  - 安全\ncontact:\n  phone: \"13800000000\"\n---\n\n电子表格中没有对应字段的列：\n\n| 列 | 内容 |\n|---|---|\n| 在项目中的角色 | 主管部门 |\n"
    );
    let li = read(out.join("李娜.md"));
    assert!(
        li.contains("  current: resistant\n") && li.contains("  - 减少扰民\n  - 夜间施工报备\n"),
        "{li}"
    );
    assert_eq!(
        read(out.join("_project.md")),
        "---\nname: 城市轨道交通5号线 干系人登记册\nlanguage: zh-CN\n---\n"
    );
    let analysis = stake()
        .args(["analyze", "--format", "json"])
        .arg(&out)
        .assert()
        .success();
    let a: Value = serde_json::from_slice(&analysis.get_output().stdout).unwrap();
    assert_eq!(a["stakeholders"].as_array().unwrap().len(), 3);
}

#[test]
fn chinese_csv_in_gbk_and_utf16_and_an_old_xls() {
    let Some(made) = made() else { return };
    for (file, encoding) in [("gbk.csv", "GB18030 文本"), ("unicode.txt", "UTF-16 文本")] {
        let out = made.path().join(file.replace('.', "-"));
        let (code, stdout, _) = import(&made.path().join(file), &out, &[]);
        assert_eq!(code, 0, "{stdout}");
        assert!(
            stdout.contains(&format!("（{encoding}）：表头在第 2 行，2 个干系人")),
            "{stdout}"
        );
        let li = read(out.join("李娜.md"));
        assert!(li.starts_with("---\nname: 李娜\nrole: 主任\norganization: 沿线街道办\npower: medium\ninterest: high\nengagement:\n  current: resistant\n"), "{file}: {li}");
    }
    if made.path().join("old.xls").exists() {
        let out = made.path().join("xls");
        let (code, stdout, _) = import(&made.path().join("old.xls"), &out, &[]);
        assert_eq!(code, 0, "{stdout}");
        let bo = read(out.join("bo-chen.md"));
        assert!(bo.contains("power: high\ninterest: very-high\n"), "{bo}");
    }
    if made.path().join("formulas.xlsx").exists() {
        // The values Excel calculated are read, not the formulas.
        let out = made.path().join("formulas");
        let (code, stdout, _) = import(&made.path().join("formulas.xlsx"), &out, &[]);
        assert_eq!(code, 0, "{stdout}");
        let ann = read(out.join("ann-lee.md"));
        assert!(ann.contains("power: high\ninterest: high\n"), "{ann}");
    }
}

#[test]
fn what_cannot_be_read_is_said_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("org-chart.xlsx");
    fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let out = dir.path().join("out");
    let (code, _, stderr) = import(&png, &out, &[]);
    assert_eq!(code, 2);
    assert!(stderr.contains("is not a spreadsheet"), "{stderr}");
    assert!(!out.exists());

    let csv = dir.path().join("list.csv");
    fs::write(&csv, "Colour,Size\nblue,3\n").unwrap();
    let (code, _, stderr) = import(&csv, &out, &[]);
    assert_eq!(code, 2);
    assert!(stderr.contains("no header row found in sheet `list`: looked in the first 30 rows for a row naming the stakeholder's name (`Name`, `Stakeholder`, `姓名`, `干系人`, `相关方`, …)"), "{stderr}");

    let (code, _, stderr) = import(&csv, &out, &["--sheet", "People"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("the file has no sheet `People`; its sheets are `list`"),
        "{stderr}"
    );
    assert!(!out.exists());
}

#[test]
fn a_map_names_columns_and_existing_files_are_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("crm.csv");
    fs::write(
        &csv,
        "\u{feff}Client,Clout,Care,Region\nAnn Lee,H,M,North\n",
    )
    .unwrap();
    let map = dir.path().join("map.toml");
    fs::write(&map, "# CRM export\n\"Client\" = \"name\"\nB = \"power\"\n\"care\" = \"interest\"\nRegion = \"ignore\"\n").unwrap();
    let out = dir.path().join("register");
    let (code, stdout, _) = import(&csv, &out, &["--map", map.to_str().unwrap(), "--dry-run"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("  A   Client → name (--map)"), "{stdout}");
    assert!(
        stdout.contains("  D   Region → not read (--map)"),
        "{stdout}"
    );
    assert!(stdout.contains("would write"), "{stdout}");
    assert!(!out.exists(), "a dry run writes nothing");

    let yaml = dir.path().join("map.yaml");
    fs::write(&yaml, "Client: name\nClout: power\nCare: interest\n").unwrap();
    let (code, stdout, _) = import(&csv, &out, &["--map", yaml.to_str().unwrap()]);
    assert_eq!(code, 0, "{stdout}");
    let file = out.join("ann-lee.md");
    assert!(read(file.clone()).contains("power: high\ninterest: medium\n"));
    // Edited by hand, then imported again: left as it is, and said so.
    fs::write(
        &file,
        "---\nname: Ann Lee\npower: L\ninterest: L\n---\nMine.\n",
    )
    .unwrap();
    let (_, stdout, _) = import(&csv, &out, &["--map", yaml.to_str().unwrap()]);
    assert!(
        stdout.contains("ann-lee.md as it is (`ann-lee` is in the register; `--update` merges the sheet's changes)"),
        "{stdout}"
    );
    assert_eq!(
        read(file),
        "---\nname: Ann Lee\npower: L\ninterest: L\n---\nMine.\n"
    );

    let bad = dir.path().join("bad.toml");
    fs::write(&bad, "Client = \"nmae\"\n").unwrap();
    let (code, _, stderr) = import(&csv, &out, &["--map", bad.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("bad.toml:1: `nmae` is not a field; write one of id, name,"),
        "{stderr}"
    );
}

/// Every stakeholder's analysis, with the findings as (code, stakeholder) counts.
fn facts(dir: &Path) -> (BTreeMap<String, Value>, BTreeMap<String, usize>, Value) {
    let output = stake_in(dir)
        .args(["analyze", ".", "--format", "json"])
        .assert()
        .success();
    let a: Value = serde_json::from_slice(&output.get_output().stdout).unwrap();
    let stakeholders = a["stakeholders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let mut s = s.clone();
            s.as_object_mut().unwrap().remove("file");
            (s["id"].as_str().unwrap().to_owned(), s)
        })
        .collect();
    let mut findings = BTreeMap::new();
    for f in a["findings"].as_array().unwrap() {
        *findings
            .entry(format!(
                "{} {} {}",
                f["code"], f["stakeholder"], f["message"]
            ))
            .or_default() += 1;
    }
    // Where a conflict is written is the file's business, not the analysis's.
    let mut conflicts = a["conflicts"].clone();
    for c in conflicts.as_array_mut().unwrap() {
        let c = c.as_object_mut().unwrap();
        c.remove("file");
        c.remove("line");
    }
    (stakeholders, findings, conflicts)
}

#[test]
fn importing_an_export_gives_the_same_analysis() {
    for register in [
        "samples/erp-rollout",
        "samples/metro-line",
        "tests/fixtures/editions-hostile",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let xlsx = dir.path().join("export.xlsx");
        stake()
            .arg("export")
            .arg(root().join(register))
            .arg("-o")
            .arg(&xlsx)
            .assert()
            .success();
        // The project's settings (as_of, thresholds, plan items) are not stakeholders:
        // the import keeps a `_project.md` that is there.
        let out = dir.path().join("imported");
        fs::create_dir_all(&out).unwrap();
        fs::copy(
            root().join(register).join("_project.md"),
            out.join("_project.md"),
        )
        .unwrap();
        let (code, stdout, stderr) = import(&xlsx, &out, &[]);
        assert!(code <= 1, "{stdout}{stderr}");
        assert!(!stderr.contains("error["), "{register}: {stderr}");
        let (before, before_findings, before_conflicts) = facts(&root().join(register));
        let (after, after_findings, after_conflicts) = facts(&out);
        assert_eq!(before.len(), after.len(), "{register}");
        for (id, s) in &before {
            assert_eq!(Some(s), after.get(id), "{register}: {id}");
        }
        assert_eq!(before_conflicts, after_conflicts, "{register}");
        assert_eq!(before_findings, after_findings, "{register}");
    }
}

#[test]
fn update_merges_changed_values_into_the_files_by_id_and_keeps_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let register = dir.path().join("register");
    fs::create_dir_all(register.join("people")).unwrap();
    let file = register.join("people/ann-lee.md");
    let original = "---\nname: Ann Lee   # the CFO\npower: H\ninterest: 'medium'\nneeds:\n  - A budget\n---\nPrefers numbers first.\n";
    fs::write(&file, original).unwrap();
    let csv = dir.path().join("sheet.csv");
    fs::write(&csv, "Name,Power,Interest,Owner,Needs\nAnn Lee,High,Very High,Dan Ortiz,Something else\nBo Chen,L,L,,\n").unwrap();

    // Without --update: Ann is in the register (in a sub-folder): left as she is, no
    // second file with her id.
    let (code, stdout, _) = import(&csv, &register, &[]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("people/ann-lee.md as it is (`ann-lee` is in the register; `--update` merges the sheet's changes)"), "{stdout}");
    assert!(!register.join("ann-lee.md").exists());
    assert!(register.join("bo-chen.md").exists());
    assert_eq!(read(file.clone()), original);

    let (code, stdout, _) = import(&csv, &register, &["--update", "--dry-run"]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("would update ") && stdout.contains("ann-lee.md: interest, owner, needs"),
        "{stdout}"
    );
    assert_eq!(read(file.clone()), original);

    let (code, stdout, _) = import(&csv, &register, &["--update"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(
        stdout.contains("ann-lee.md: interest, owner, needs"),
        "{stdout}"
    );
    // `power: H` already says High; the sheet's need is added to the file's, the
    // notes are the file's.
    assert_eq!(
        read(file.clone()),
        "---\nname: Ann Lee   # the CFO\npower: H\ninterest: very-high\nneeds:\n  - A budget\n  - Something else\nowner: Dan Ortiz\n---\nPrefers numbers first.\n"
    );
    let (_, stdout, _) = import(&csv, &register, &["--update"]);
    assert!(stdout.contains("ann-lee.md: unchanged"), "{stdout}");
}

/// The same register saved by LibreOffice Calc as .ods, .xlsx and .xls
/// (tests/fixtures/import/libreoffice/make.sh): each the stakeholder files of the others.
fn libreoffice_imports(source: &str) -> Vec<(String, String, BTreeMap<String, String>)> {
    let dir = tempfile::tempdir().unwrap();
    ["ods", "xlsx", "xls"]
        .iter()
        .map(|ext| {
            let file = root().join(format!("tests/fixtures/import/libreoffice/{source}.{ext}"));
            let out = dir.path().join(ext);
            let (code, stdout, stderr) = import(&file, &out, &[]);
            assert!(code <= 1, "{ext}: {stdout}{stderr}");
            let files = fs::read_dir(&out)
                .unwrap()
                .map(|e| {
                    let path = e.unwrap().path();
                    let name = path.file_name().unwrap().to_string_lossy().into_owned();
                    (name, read(path))
                })
                .collect();
            (
                ext.to_string(),
                stdout.replace(&out.display().to_string(), "OUT"),
                files,
            )
        })
        .collect()
}

#[test]
fn a_register_saved_by_libreoffice_as_ods_xlsx_and_xls() {
    let all = libreoffice_imports("pmbok-en");
    for (ext, stdout, files) in &all {
        for line in [
            "headers in row 4, 3 stakeholders",
            "  B   Stakeholder Name           → name",
            "  K   Next review                → next_review",
            "  L   Internal code              → kept in the notes, as a table",
            "note: row 8, column F (Power (H/M/L)): `Very Hgh` cannot be read",
            "note: row 9: no name (column B): skipped",
            "note: row 11: `* Power and interest as assessed in the March workshop.` is a note, not a stakeholder: skipped",
        ] {
            assert!(
                stdout.contains(line),
                "{ext}: missing {line:?} in\n{stdout}"
            );
        }
        let maria = &files["maria-keller.md"];
        assert!(
            maria.starts_with("---\nname: Maria Keller\nrole: Head of Claims\norganization: Northwind Insurance\ncategory: internal\npower: high\ninterest: high\nengagement:\n  current: supportive\nneeds:\n  - Go-live before the renewal peak\n  - Fewer call-centre calls\ncontact:\n  email: maria.keller@northwind.example\nnext_review: 2027-01-15\n---\n"),
            "{ext}: {maria}"
        );
        assert!(
            maria.contains("| Internal code | X-1 |"),
            "{ext}: the hidden column: {maria}"
        );
        // The organisation merged over Maria's and Tom's rows is Tom's too; his interest
        // is the value LibreOffice calculated for `=UPPER("vh")`.
        let tom = &files["tom-baker.md"];
        assert!(
            tom.contains("organization: Northwind Insurance\n"),
            "{ext}: {tom}"
        );
        assert!(tom.contains("interest: very-high\n"), "{ext}: {tom}");
        assert!(tom.contains("  current: resistant\n"), "{ext}: {tom}");
        assert_eq!(
            files["_project.md"], "---\nname: Project Phoenix - Stakeholder Register\n---\n",
            "{ext}"
        );
        assert_eq!(files.len(), 4, "{ext}: {:?}", files.keys());
    }
    // The three files of one register give the same stakeholders.
    assert_eq!(all[0].2, all[1].2, "ods and xlsx");
    assert_eq!(all[0].2, all[2].2, "ods and xls");
}

#[test]
fn a_chinese_register_saved_by_libreoffice_as_ods_xlsx_and_xls() {
    let all = libreoffice_imports("ganxiren-zh");
    for (ext, stdout, files) in &all {
        assert!(
            stdout.contains("表头在第 3 行，4 个干系人"),
            "{ext}: {stdout}"
        );
        assert!(
            stdout.ends_with("：0 个错误，0 个警告\n"),
            "{ext}: {stdout}"
        );
        assert!(
            stdout.contains("提示：第 10 行：`注：权力、利益按高/中/低填写。` 是说明"),
            "{ext}: {stdout}"
        );
        assert_eq!(
            files["王伟.md"],
            "---\nname: 王伟\nrole: 局长\norganization: 市交通局\ncategory: external\npower: high\ninterest: high\nengagement:\n  current: supportive\nneeds:\n  - 按期通车\n  - 安全第一\ncontact:\n  phone: \"13800000000\"\n---\n\n主管部门\n",
            "{ext}"
        );
        // 单位/部门 merged over 王伟's and 赵敏's rows.
        let zhao = &files["赵敏.md"];
        assert!(zhao.contains("organization: 市交通局\n"), "{ext}: {zhao}");
        assert!(zhao.contains("interest: very-high\n"), "{ext}: {zhao}");
        assert!(files["张强.md"].contains("  current: neutral\n"), "{ext}");
        assert!(
            files["李娜.md"].contains("  - 减少扰民\n  - 夜间施工报备\n"),
            "{ext}"
        );
        assert!(files["_project.md"].contains("language: zh-CN\n"), "{ext}");
    }
    assert_eq!(all[0].2, all[1].2, "ods and xlsx");
    assert_eq!(all[0].2, all[2].2, "ods and xls");
}

#[test]
fn an_ods_written_by_odfpy() {
    let Some(made) = made() else { return };
    let file = made.path().join("odfpy.ods");
    if !file.exists() {
        eprintln!("note: odfpy not installed; the .ods it writes is not imported");
        return;
    }
    let out = made.path().join("odfpy");
    let (code, stdout, stderr) = import(&file, &out, &[]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stdout.contains("的工作表 `相关方`：表头在第 3 行，2 个干系人"),
        "{stdout}"
    );
    assert!(
        stdout.contains("提示：第 6 行：`说明：权力、利益按 1–5 分填写` 是说明"),
        "{stdout}"
    );
    let zhao = read(out.join("赵敏.md"));
    assert!(
        zhao.starts_with("---\nname: 赵敏\nrole: 处长\norganization: 市交通局\npower: medium\ninterest: very-high\n"),
        "{zhao}"
    );
}

#[test]
fn update_merges_lists_and_the_notes_table_and_keeps_every_other_byte() {
    let dir = tempfile::tempdir().unwrap();
    let register = dir.path().join("register");
    fs::create_dir_all(&register).unwrap();
    fs::write(register.join("_project.md"), "---\nname: Lists\n---\n").unwrap();
    let file = register.join("ann-lee.md");
    let original = "---\nname: Ann Lee   # the CFO\npower: H\ninterest: M\ntags: [finance]  # groups\nneeds:\n    - A budget\n---\nPrefers numbers first.\n\nColumns of the spreadsheet with no field in the register:\n\n| Column | Value |\n|---|---|\n| Region | North |\n| Desk | 4F |\n\nMore notes below the table.\n";
    fs::write(&file, original).unwrap();
    let csv = dir.path().join("sheet.csv");
    fs::write(
        &csv,
        "Name,Power,Interest,Tags,Needs,Region,Floor\nAnn Lee,High,M,\"Finance, board\",\"A budget\nMonthly figures\",South,3\n",
    )
    .unwrap();
    let (code, stdout, stderr) = import(&csv, &register, &["--update"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stdout.contains("ann-lee.md: tags, needs, notes table"),
        "{stdout}"
    );
    assert_eq!(
        read(file.clone()),
        "---\nname: Ann Lee   # the CFO\npower: H\ninterest: M\ntags: [finance, board]  # groups\nneeds:\n    - A budget\n    - Monthly figures\n---\nPrefers numbers first.\n\nColumns of the spreadsheet with no field in the register:\n\n| Column | Value |\n|---|---|\n| Region | South |\n| Desk | 4F |\n| Floor | 3 |\n\nMore notes below the table.\n"
    );
    let (_, stdout, _) = import(&csv, &register, &["--update"]);
    assert!(stdout.contains("ann-lee.md: unchanged"), "{stdout}");
}

#[test]
fn update_appends_the_interactions_an_export_has_and_the_file_lacks() {
    let dir = tempfile::tempdir().unwrap();
    let full = dir.path().join("full");
    let behind = dir.path().join("behind");
    for folder in [&full, &behind] {
        fs::create_dir_all(folder).unwrap();
        fs::write(
            folder.join("_project.md"),
            "---\nname: Log\nas_of: 2026-11-20\n---\n",
        )
        .unwrap();
    }
    let head = "---\nname: Ann Lee\npower: H\ninterest: M\ninteractions:\n  - date: 2026-10-01\n    summary: Kick-off\n";
    fs::write(
        full.join("ann-lee.md"),
        format!("{head}  - date: 2026-10-15\n    channel: call\n    summary: \"Budget: agreed\"\n    sentiment: positive\n    follow_up:\n      action: Send the figures\n      due: 2026-10-20\n      done: true\n  - date: 2026-10-08\n    summary: Site visit\n---\n"),
    )
    .unwrap();
    let before = format!("{head}---\nHer notes.\n");
    fs::write(behind.join("ann-lee.md"), &before).unwrap();
    let xlsx = dir.path().join("export.xlsx");
    stake()
        .arg("export")
        .arg(&full)
        .arg("-o")
        .arg(&xlsx)
        .assert()
        .success();
    let (code, stdout, stderr) = import(&xlsx, &behind, &["--update"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("ann-lee.md: interactions"), "{stdout}");
    // Oldest first, after the file's own; the one it had is not written twice.
    assert_eq!(
        read(behind.join("ann-lee.md")),
        format!(
            "{head}  - date: 2026-10-08\n    summary: Site visit\n  - date: 2026-10-15\n    channel: call\n    summary: \"Budget: agreed\"\n    sentiment: positive\n    follow_up:\n      action: Send the figures\n      due: 2026-10-20\n      done: true\n---\nHer notes.\n"
        )
    );
    let (_, stdout, _) = import(&xlsx, &behind, &["--update"]);
    assert!(stdout.contains("ann-lee.md: unchanged"), "{stdout}");
    // The analysis of the merged register is the full one's.
    let (a, b) = (facts(&full), facts(&behind));
    assert_eq!(a.0, b.0);
    assert_eq!(a.1, b.1);
}
