//! The PDF renderer checked with poppler's and qpdf's tools, on reports about the sample
//! registers. Each test prints a note and passes when a tool is missing (CI installs them).

use std::path::Path;
use std::process::Command;

use stake::register::{Limits, load};
use stake::render::pdf::{PdfOptions, render, sample};

/// Runs `tool args`, or `None` when the tool is not installed.
fn run(tool: &str, args: &[&str]) -> Option<std::process::Output> {
    match Command::new(tool).args(args).output() {
        Ok(output) => Some(output),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            eprintln!(
                "note: `{tool}` is not installed; skipping this check (apt-get install poppler-utils qpdf)"
            );
            None
        }
        Err(e) => panic!("cannot run {tool}: {e}"),
    }
}

/// The sample register's stakeholders and a rendered report about them.
fn report(register: &str) -> (Vec<String>, Vec<u8>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(register);
    let loaded = load(&root, &Limits::default()).expect("the samples load");
    let register = loaded.register;
    let chinese = register.project.language.tag().starts_with("zh");
    let people: Vec<sample::Person> = register
        .stakeholders
        .iter()
        .map(|s| sample::Person {
            id: s.id.clone(),
            name: s.name.clone(),
            role: s.role.clone().unwrap_or_default(),
            organization: s.organization.clone().unwrap_or_default(),
            power: s.power.value(),
            interest: s.interest.value(),
            key: s.key.unwrap_or(false),
        })
        .collect();
    let names = people.iter().map(|p| p.name.clone()).collect();
    let pdf = render(
        &sample::report(&people, chinese, 120),
        &PdfOptions::default(),
    )
    .unwrap();
    assert!(pdf.missing_chars.is_empty(), "{:?}", pdf.missing_chars);
    (names, pdf.bytes)
}

fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn text_extraction_finds_every_stakeholder_name() {
    let dir = tempfile::tempdir().unwrap();
    for register in ["erp-rollout", "metro-line"] {
        let (names, bytes) = report(register);
        let path = write(&dir, &format!("{register}.pdf"), &bytes);
        let Some(out) = run("pdftotext", &["-enc", "UTF-8", &path, "-"]) else {
            return;
        };
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        // Table cells wrap, so compare without whitespace.
        let text: String = String::from_utf8(out.stdout)
            .unwrap()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        for name in &names {
            let name: String = name.chars().filter(|c| !c.is_whitespace()).collect();
            assert!(
                text.contains(&name),
                "{register}: `{name}` not in the extracted text"
            );
        }
    }
}

#[test]
fn fonts_are_embedded_subsets_and_the_file_is_valid() {
    let dir = tempfile::tempdir().unwrap();
    let (_, bytes) = report("metro-line");
    let path = write(&dir, "metro-line.pdf", &bytes);
    if let Some(out) = run("pdffonts", &[&path]) {
        assert!(out.status.success());
        let listing = String::from_utf8(out.stdout).unwrap();
        let fonts: Vec<&str> = listing.lines().skip(2).collect();
        assert!(!fonts.is_empty(), "{listing}");
        for font in fonts {
            let name = font.split_whitespace().next().unwrap();
            let tagged = name.len() > 7
                && name.as_bytes()[6] == b'+'
                && name[..6].bytes().all(|b| b.is_ascii_uppercase());
            assert!(tagged, "not a subset: {font}");
            // Columns emb, sub and uni, before the object number and generation, say yes.
            let columns: Vec<&str> = font.split_whitespace().collect();
            assert_eq!(
                columns[columns.len() - 5..columns.len() - 2],
                ["yes"; 3],
                "{font}"
            );
        }
    }
    if let Some(out) = run("qpdf", &["--check", &path]) {
        assert!(
            out.status.success(),
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn two_renders_give_the_same_bytes() {
    let (_, first) = report("erp-rollout");
    let (_, _) = report("metro-line");
    let (_, again) = report("erp-rollout");
    assert!(first == again, "renders of the same register differ");
}

#[test]
fn contents_page_numbers_point_at_their_sections() {
    let dir = tempfile::tempdir().unwrap();
    let (_, bytes) = report("erp-rollout");
    let path = write(&dir, "erp-rollout.pdf", &bytes);
    let page_text = |page: usize| -> Option<String> {
        let page = page.to_string();
        let out = run(
            "pdftotext",
            &["-layout", "-f", &page, "-l", &page, &path, "-"],
        )?;
        Some(String::from_utf8(out.stdout).unwrap())
    };
    let Some(contents) = page_text(2) else {
        return;
    };
    assert!(contents.contains("Contents"), "{contents}");
    let mut checked = 0;
    for line in contents.lines() {
        // "1 Executive summary ....... 3": number, title, page.
        let words: Vec<&str> = line.split_whitespace().collect();
        let (Some(first), Some(last)) = (words.first(), words.last()) else {
            continue;
        };
        let (Ok(_), Ok(page)) = (first.parse::<u32>(), last.parse::<usize>()) else {
            continue;
        };
        let title = words[1..words.len() - 1].join(" ");
        let target = page_text(page).unwrap();
        assert!(target.contains(&title), "`{title}` is not on page {page}");
        checked += 1;
    }
    assert!(checked >= 5, "{contents}");
}

#[test]
fn a_short_brief_starts_on_its_first_page_and_a_report_keeps_its_title_page() {
    let dir = tempfile::tempdir().unwrap();
    let erp = crate::root().join("samples/erp-rollout");
    let out = dir.path().join("brief");
    crate::stake()
        .arg("brief")
        .arg(&erp)
        .args(["--tag", "steering-committee", "--format", "pdf", "-o"])
        .arg(&out)
        .assert()
        .success();
    let pdf = out.join("brief.pdf");
    let Some(first) = run(
        "pdftotext",
        &["-f", "1", "-l", "1", pdf.to_str().unwrap(), "-"],
    ) else {
        return;
    };
    let first = String::from_utf8_lossy(&first.stdout).into_owned();
    // No title page, no contents: the room is on page 1, whose header names the brief and
    // whose footer the edition.
    assert!(first.contains("The room"), "{first}");
    assert!(!first.contains("Contents"), "{first}");
    assert!(
        first.contains("Atlas ERP roll-out · Meeting brief"),
        "{first}"
    );
    assert!(first.contains("Internal edition"), "{first}");
    let info = run("pdfinfo", &[pdf.to_str().unwrap()]).unwrap();
    let pages: usize = String::from_utf8_lossy(&info.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!(
        pages <= stake::brief::BRIEF_COVER_AFTER_PAGES,
        "{pages} pages"
    );
    // The report, long, keeps its title page and contents.
    let (_, report) = report("erp-rollout");
    let path = write(&dir, "report.pdf", &report);
    let second = run("pdftotext", &["-f", "2", "-l", "2", &path, "-"]).unwrap();
    assert!(String::from_utf8_lossy(&second.stdout).contains("Contents"));
}
