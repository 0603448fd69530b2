//! The two editions: every page of every PDF and HTML file says which it is, the internal
//! edition goes to `internal-edition/` and never into a folder sites publish, and no page
//! calls a registered stakeholder a "non-stakeholder".

use std::fs;
use std::path::{Path, PathBuf};

use super::build::pdftotext;
use super::{build, root, stake_in};

/// The edition line of each (language, edition) as every page prints it.
fn edition_line(chinese: bool, public: bool) -> &'static str {
    match (chinese, public) {
        (false, false) => "Internal edition — do not forward",
        (false, true) => "Public edition",
        (true, false) => "内部版 · 请勿外传",
        (true, true) => "公开版",
    }
}

/// Every file below `dir` with the extension `ext`.
fn files_with(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == ext) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// Checks that every page of every PDF and every HTML page in `out` says `line`, and
/// none says `other` (the internal line on a public page: the internal edition's note
/// may well name the public one).
fn every_page_says(out: &Path, line: &str, other: Option<&str>) {
    let pages = files_with(out, "html");
    assert!(!pages.is_empty(), "{}", out.display());
    for page in pages {
        let html = fs::read_to_string(&page).unwrap();
        // The masthead's tag and the footer, both on screen and in print.
        let tag = html.find("class=\"edition-tag").map(|at| &html[at..]);
        assert!(
            tag.is_some_and(|t| t.contains(line)),
            "{}: no edition tag saying {line:?}",
            page.display()
        );
        let footer = html.rfind("<footer").map(|at| &html[at..]);
        assert!(
            footer.is_some_and(|f| f.contains(line)),
            "{}: the footer does not say {line:?}",
            page.display()
        );
        if let Some(other) = other {
            assert!(!html.contains(other), "{}: says {other:?}", page.display());
        }
    }
    for pdf in files_with(out, "pdf") {
        let Some(text) = pdftotext(&pdf) else {
            return;
        };
        // pdftotext ends every page with a form feed.
        let pages: Vec<&str> = text
            .split('\u{c}')
            .filter(|p| !p.trim().is_empty())
            .collect();
        assert!(pages.len() > 1, "{}", pdf.display());
        for (n, page) in pages.iter().enumerate() {
            assert!(
                page.contains(line),
                "{} page {}: no {line:?} in\n{page}",
                pdf.display(),
                n + 1
            );
            if let Some(other) = other {
                assert!(!page.contains(other), "{} page {}", pdf.display(), n + 1);
            }
        }
    }
}

#[test]
fn every_page_of_both_editions_says_which_it_is_in_both_languages() {
    for (sample, chinese, attendees) in [
        ("erp-rollout", false, "steering-committee"),
        ("metro-line", true, "领导小组"),
    ] {
        let register = root().join("samples").join(sample);
        for public in [false, true] {
            let mut args = vec!["--format", "html,pdf,ics"];
            if public {
                args.push("--public");
            }
            let (dir, out) = build(&register, &args);
            let line = edition_line(chinese, public);
            let other = public.then(|| edition_line(chinese, false));
            every_page_says(&out, line, other);
            let ics = fs::read_to_string(out.join("communication-plan.ics")).unwrap();
            let unfolded = ics.replace("\r\n ", "");
            let name = unfolded
                .lines()
                .find(|l| l.starts_with("X-WR-CALNAME:"))
                .unwrap();
            assert!(name.ends_with(line), "{name}");

            let brief = dir.path().join("brief");
            let mut command = stake_in(dir.path())
                .arg("brief")
                .arg(&register)
                .args(["--tag", attendees, "-o"])
                .arg(&brief);
            if public {
                command = command.arg("--public");
            }
            command.assert().success();
            every_page_says(&brief, line, other);
        }
    }
}

#[test]
fn by_default_each_edition_has_its_own_folder() {
    let cwd = tempfile::tempdir().unwrap();
    let register = root().join("samples/erp-rollout");
    for (flags, folder) in [(&[][..], "internal-edition"), (&["--public"][..], "public")] {
        stake_in(cwd.path())
            .arg("build")
            .arg(&register)
            .args(["--format", "json"])
            .args(flags)
            .assert()
            .success();
        assert!(
            cwd.path().join(folder).join("analysis.json").exists(),
            "{folder}"
        );
    }
}

#[test]
fn the_internal_edition_is_never_written_where_sites_publish() {
    let cwd = tempfile::tempdir().unwrap();
    let register = root().join("samples/erp-rollout");
    for out in [
        "public",
        "Public",
        "_site",
        "site",
        "docs",
        "out/public/internal",
    ] {
        let run = stake_in(cwd.path())
            .arg("build")
            .arg(&register)
            .args(["--format", "json", "-o", out])
            .assert()
            .code(2);
        let stderr = String::from_utf8_lossy(&run.get_output().stderr).into_owned();
        assert!(
            stderr.starts_with(&format!(
                "error: not writing the internal edition into `{out}`"
            )),
            "{stderr}"
        );
        assert!(stderr.contains("help: add `--public`"), "{stderr}");
        assert!(
            fs::read_dir(cwd.path()).unwrap().next().is_none(),
            "{out}: nothing written"
        );
    }
    let brief = stake_in(cwd.path())
        .arg("brief")
        .arg(&register)
        .args(["--tag", "steering-committee", "-o", "public"])
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&brief.get_output().stderr).into_owned();
    assert!(stderr.contains("stake brief -o briefs"), "{stderr}");
    // `-o .` inside a `public` folder is `public` too.
    let inside = cwd.path().join("public");
    fs::create_dir(&inside).unwrap();
    stake_in(&inside)
        .arg("brief")
        .arg(&register)
        .args(["--tag", "steering-committee", "-o", "."])
        .assert()
        .code(2);
    assert!(fs::read_dir(&inside).unwrap().next().is_none());
    fs::remove_dir(&inside).unwrap();
    // Said on purpose, for a site only the team can read.
    stake_in(cwd.path())
        .arg("build")
        .arg(&register)
        .args(["--format", "json", "-o", "public", "--publish-internal"])
        .assert()
        .success();
    assert!(cwd.path().join("public/analysis.json").exists());
}

#[test]
fn no_page_calls_a_registered_stakeholder_a_non_stakeholder() {
    for (sample, words) in [
        ("erp-rollout", ["Non-stakeholder", "non-stakeholder"]),
        ("metro-line", ["非干系人", "Non-stakeholder"]),
    ] {
        let (_dir, out) = build(
            &root().join("samples").join(sample),
            &["--format", "html,pdf,json"],
        );
        for page in files_with(&out, "html") {
            let html = fs::read_to_string(&page).unwrap();
            for word in words {
                assert!(!html.contains(word), "{}: {word}", page.display());
            }
        }
        for pdf in files_with(&out, "pdf") {
            let Some(text) = pdftotext(&pdf) else {
                break;
            };
            for word in words {
                assert!(!text.contains(word), "{}: {word}", pdf.display());
            }
        }
        // The JSON keeps its value: the v1 shape does not change.
        let json = fs::read_to_string(out.join("analysis.json")).unwrap();
        assert!(
            json.contains("\"salience\": \"non-stakeholder\""),
            "{sample}"
        );
    }
    // Linda Park, the HR director: legitimacy and urgency medium, power below high.
    let (_dir, out) = build(&root().join("samples/erp-rollout"), &["--format", "html"]);
    let profile = fs::read_to_string(out.join("stakeholders/linda-park.html")).unwrap();
    assert!(
        profile.contains(
            "No salience attribute reaches high (power, legitimacy and urgency all below high)"
        ),
        "{profile}"
    );
}
