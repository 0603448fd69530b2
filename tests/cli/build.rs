//! `stake build`: the rendered Markdown of the samples, template overrides, the public
//! edition, escaping, determinism, the output folder's safety, and (where the checker is
//! installed) the Nu HTML Checker.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use snapbox::cmd::{Command, cargo_bin};

use super::{build, root};

fn stake() -> Command {
    Command::new(cargo_bin!("stake")).env("GIT_CEILING_DIRECTORIES", super::ceiling())
}

/// Every file below `dir`, by relative path.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut found = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path.strip_prefix(dir).unwrap().to_path_buf();
                found.insert(relative, fs::read(&path).unwrap());
            }
        }
    }
    found
}

#[test]
fn samples_render_to_the_expected_markdown() {
    for sample in ["erp-rollout", "metro-line"] {
        let (_dir, out) = build(
            &root().join("samples").join(sample),
            &["--as-of", "2026-11-20", "--format", "md"],
        );
        for page in ["report", "index", "communication-plan"] {
            let actual = fs::read_to_string(out.join(format!("{page}.md"))).unwrap();
            snapbox::assert_data_eq!(
                actual,
                snapbox::Data::read_from(
                    &root().join(format!("tests/cli/snapshots/build/{sample}.{page}.md")),
                    None
                )
            );
        }
        assert!(!out.join("report.html").exists(), "only md was asked for");
    }
    let (_dir, out) = build(
        &root().join("samples/erp-rollout"),
        &["--as-of", "2026-11-20", "--format", "md"],
    );
    let profile = fs::read_to_string(out.join("stakeholders/helen-brandt.md")).unwrap();
    snapbox::assert_data_eq!(
        profile,
        snapbox::Data::read_from(
            &root().join("tests/cli/snapshots/build/erp-rollout.helen-brandt.md"),
            None
        )
    );
}

#[test]
fn every_page_and_the_analysis_are_written() {
    let (_dir, out) = build(&root().join("samples/metro-line"), &[]);
    for page in [
        "index.html",
        "report.html",
        "communication-plan.html",
        "analysis.json",
    ] {
        assert!(out.join(page).is_file(), "{page}");
    }
    let profiles = fs::read_dir(out.join("stakeholders")).unwrap().count();
    // 26 stakeholders in the sample.
    assert_eq!(profiles, 26);
    let report = fs::read_to_string(out.join("report.html")).unwrap();
    assert!(report.contains("<html lang=\"zh-CN\">"));
    assert!(report.contains("权力/利益方格"));
    assert!(report.contains("2026年11月20日"));
    for chart in [
        "chart-grid",
        "chart-engagement",
        "chart-network",
        "chart-sentiment",
    ] {
        assert!(report.contains(chart), "{chart}");
    }
    // Self-contained: no stylesheet, script or image fetched from anywhere.
    for fetch in ["<link", "<script", "<img", "src=", "@import"] {
        assert!(!report.contains(fetch), "{fetch}");
    }
    assert_eq!(
        report.matches("url(").count(),
        report.matches("url(#").count(),
        "only references inside the page"
    );
    // The same JSON as `stake analyze --format json`.
    let analysis = fs::read_to_string(out.join("analysis.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&analysis).unwrap();
    assert_eq!(json["as_of"], "2026-11-20");
}

#[test]
fn two_builds_are_byte_identical() {
    let register = root().join("samples/erp-rollout");
    let args = ["--format", "html,json,md,pdf"];
    let (_a, first) = build(&register, &args);
    let (_b, second) = build(&register, &args);
    let (first, second) = (files(&first), files(&second));
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &first {
        assert!(bytes == &second[path], "{} differs", path.display());
    }
}

#[test]
fn user_templates_replace_and_extend_the_built_ins() {
    let templates = tempfile::tempdir().unwrap();
    fs::write(
        templates.path().join("report.md.tera"),
        "{% extends \"builtin/report.md.tera\" %}\n\
         {% block introduction %}## Our own introduction\n\nOVERRIDE-MARKER {{ project.name }}\n{% endblock introduction %}\n",
    )
    .unwrap();
    fs::write(
        templates.path().join("style.css.tera"),
        "{% include \"builtin/style.css.tera\" %}\n.override-marker { color: red; }\n",
    )
    .unwrap();
    let (_dir, out) = build(
        &root().join("samples/erp-rollout"),
        &["--templates", templates.path().to_str().unwrap()],
    );
    let report = fs::read_to_string(out.join("report.html")).unwrap();
    assert!(report.contains("OVERRIDE-MARKER Atlas ERP roll-out"));
    assert!(
        !report.contains("Northfield Components (1,150 staff"),
        "the introduction was replaced"
    );
    assert!(report.contains("chart-grid"), "the other blocks stay");
    assert!(report.contains(".override-marker"));
    let index = fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        index.contains(".override-marker"),
        "every page uses the style"
    );
}

#[test]
fn a_template_error_names_the_file_and_line() {
    let templates = tempfile::tempdir().unwrap();
    let file = templates.path().join("index.md.tera");
    fs::write(&file, "# Title\n\n{{ stakeholders | no_such_filter }}\n").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let output = stake()
        .arg("build")
        .arg(root().join("samples/erp-rollout"))
        .arg("-o")
        .arg(dir.path().join("out"))
        .arg("--templates")
        .arg(templates.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!("{}:3:", file.display())),
        "{stderr}"
    );
    assert!(stderr.contains("no_such_filter"), "{stderr}");
}

#[test]
fn init_writes_the_built_in_templates_and_build_uses_them() {
    let dir = tempfile::tempdir().unwrap();
    let register = dir.path().join("register");
    stake().arg("init").arg(&register).assert().success();
    stake()
        .args(["init", "--templates"])
        .arg(&register)
        .assert()
        .success();
    let report = register.join("templates/report.md.tera");
    let text = fs::read_to_string(&report).unwrap();
    fs::write(
        &report,
        text.replace("## {{ t.register }}", "## EXPORTED-MARKER"),
    )
    .unwrap();
    // Writing them again refuses to overwrite.
    stake()
        .args(["init", "--templates"])
        .arg(&register)
        .assert()
        .failure();
    let (_out_dir, out) = build(&register, &[]);
    let html = fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("EXPORTED-MARKER"));
}

#[test]
fn the_public_edition_leaks_nothing() {
    let register = root().join("tests/fixtures/build-public");
    let args = ["--public", "--format", "html,json,md,pdf"];
    let (_dir, out) = build(&register, &args);
    let written = files(&out);
    assert!(written.len() > 5);
    for (path, bytes) in &written {
        let name = path.to_string_lossy();
        assert!(
            !name.contains("secret-sam") && !name.contains("carol"),
            "{name}"
        );
        let text = readable_text(&out.join(path), bytes);
        for marker in ["LEAK", "secret-sam", "Carol"] {
            assert!(!text.contains(marker), "{marker} in {name}");
        }
    }
    // The same register without --public shows every marker: the test can fail.
    let (_dir, full) = build(&register, &["--format", "html,json,md,pdf"]);
    let everything: String = files(&full)
        .iter()
        .map(|(path, bytes)| readable_text(&full.join(path), bytes))
        .collect();
    if pdftotext(&full.join("report.pdf")).is_some() {
        let report = pdftotext(&full.join("report.pdf")).unwrap();
        assert!(report.contains("LEAK-ROLE-BOB"), "the PDF is searched too");
    }
    for marker in [
        "LEAK-OWNER-ALICE",
        "LEAK-CONTACT-ALICE",
        "LEAK-NOTES-ALICE",
        "LEAK-TAG-BOB",
        "LEAK-NEED-BOB",
        "LEAK-EXPECTATION-BOB",
        "LEAK-ISSUE-BOB",
        "LEAK-POSITION-NOTE-BOB",
        "LEAK-TOUCH-BOB",
        "LEAK-RELATIONSHIP-BOB",
        "LEAK-INTERACTION-BOB",
        "LEAK-FOLLOWUP-BOB",
        "LEAK-ROLE-BOB",
        "LEAK-ORG-BOB",
        "LEAK-RECORD-NAME",
        "LEAK-RECORD-ROLE",
        "LEAK-RECORD-NOTES",
        "LEAK-GRID-CAROL",
    ] {
        assert!(
            everything.contains(marker),
            "{marker} missing from the full build"
        );
    }
    assert!(full.join("stakeholders/secret-sam.html").exists());
}

/// The text of a PDF as `pdftotext` extracts it, or `None` when poppler is not installed
/// (CI installs it).
pub(crate) fn pdftotext(path: &Path) -> Option<String> {
    match std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
    {
        Ok(out) => {
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            Some(String::from_utf8(out.stdout).unwrap())
        }
        Err(_) => {
            eprintln!("note: pdftotext is not installed; PDF text not checked");
            None
        }
    }
}

/// What a reader of the file sees: a PDF's extracted text, any other file's bytes.
fn readable_text(path: &Path, bytes: &[u8]) -> String {
    if path.extension().is_some_and(|e| e == "pdf") {
        pdftotext(path).unwrap_or_default()
    } else {
        String::from_utf8_lossy(bytes).into_owned()
    }
}

#[test]
fn the_pdf_report_names_every_stakeholder() {
    for sample in ["erp-rollout", "metro-line"] {
        let register = root().join("samples").join(sample);
        let (_dir, out) = build(&register, &["--format", "pdf"]);
        assert!(out.join("communication-plan.pdf").is_file());
        let Some(text) = pdftotext(&out.join("report.pdf")) else {
            return;
        };
        // Table cells wrap, so compare without whitespace.
        let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        let loaded = stake::register::load(&register, &Default::default()).unwrap();
        for s in loaded
            .register
            .stakeholders
            .iter()
            .filter(|s| !s.confidential_record)
        {
            let name: String = s.name.chars().filter(|c| !c.is_whitespace()).collect();
            assert!(
                text.contains(&name),
                "{sample}: `{}` not in report.pdf",
                s.name
            );
        }
    }
}

/// The tags of an HTML page (text is escaped, so every `<` opens a real tag).
fn tags(html: &str) -> Vec<&str> {
    html.split('<')
        .skip(1)
        .map(|rest| rest.split('>').next().unwrap_or(rest))
        .collect()
}

#[test]
fn hostile_register_text_is_escaped_and_sanitised() {
    let (_dir, out) = build(&root().join("tests/fixtures/build-hostile"), &[]);
    let mut pages = 0;
    for (path, bytes) in files(&out) {
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        pages += 1;
        let html = String::from_utf8(bytes).unwrap();
        for tag in tags(&html) {
            let lower = tag.to_ascii_lowercase();
            let name = lower.split_whitespace().next().unwrap_or("");
            assert!(
                !["script", "img", "iframe", "b", "tag"].contains(&name),
                "<{tag}> in {}",
                path.display()
            );
            assert!(
                !lower.contains("javascript:"),
                "<{tag}> in {}",
                path.display()
            );
            for attribute in lower.split_whitespace().skip(1) {
                assert!(
                    !attribute.starts_with("on"),
                    "<{tag}> in {}",
                    path.display()
                );
            }
        }
        assert!(
            !html.contains("display:none}</style>"),
            "{}",
            path.display()
        );
    }
    assert_eq!(pages, 5);
    let profile = fs::read_to_string(out.join("stakeholders/mallory.html")).unwrap();
    assert!(profile.contains("&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt; Mallory"));
    // Markdown in a value is text, not markup; in the notes body it is Markdown.
    assert!(profile.contains("**bold** | pipe"));
    // In the notes, a script's content is gone and `javascript:` links lose their target.
    assert!(profile.contains("<p>click click2 img</p>"), "{profile}");
    assert!(!profile.contains("alert(&#39;notes&#39;)"));
}

#[test]
fn a_folder_that_is_not_ours_is_never_touched() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("my-pages");
    fs::create_dir(&out).unwrap();
    fs::write(out.join("index.html"), "my own page").unwrap();
    stake()
        .arg("build")
        .arg(root().join("samples/erp-rollout"))
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2);
    assert_eq!(
        fs::read_to_string(out.join("index.html")).unwrap(),
        "my own page"
    );
    assert_eq!(fs::read_dir(&out).unwrap().count(), 1);

    // Our own folder is cleaned of stale files on the next build.
    let ours = dir.path().join("internal-edition");
    stake()
        .arg("build")
        .arg(root().join("samples/erp-rollout"))
        .arg("-o")
        .arg(&ours)
        .assert()
        .success();
    fs::write(ours.join("stakeholders/gone.html"), "stale").unwrap();
    stake()
        .arg("build")
        .arg(root().join("samples/erp-rollout"))
        .arg("-o")
        .arg(&ours)
        .assert()
        .success();
    assert!(!ours.join("stakeholders/gone.html").exists());
    assert!(ours.join(".stake-output").exists());
}

/// Runs only where Java and the Nu HTML Checker are installed: `STAKE_VNU_JAR` names
/// `vnu.jar` (from the npm package `vnu-jar`). Skipped, with a note, otherwise.
#[test]
fn every_page_passes_the_nu_html_checker() {
    let Some(jar) = std::env::var_os("STAKE_VNU_JAR").map(PathBuf::from) else {
        eprintln!("skipped: set STAKE_VNU_JAR to vnu.jar to run the Nu HTML Checker");
        return;
    };
    let java = std::process::Command::new("java").arg("-version").output();
    if !jar.is_file() || java.is_err() {
        eprintln!("skipped: java or {} not found", jar.display());
        return;
    }
    for register in [
        root().join("samples/erp-rollout"),
        root().join("samples/metro-line"),
        root().join("tests/fixtures/build-hostile"),
    ] {
        let (_dir, out) = build(&register, &[]);
        let pages: Vec<PathBuf> = files(&out)
            .into_keys()
            .filter(|p| p.extension().is_some_and(|e| e == "html"))
            .map(|p| out.join(p))
            .collect();
        let result = std::process::Command::new("java")
            .arg("-jar")
            .arg(&jar)
            .arg("--errors-only")
            .args(&pages)
            .output()
            .unwrap();
        let report = String::from_utf8_lossy(&result.stderr);
        assert!(
            result.status.success() && report.trim().is_empty(),
            "{}:\n{report}",
            register.display()
        );
    }
}

/// Runs only where Chromium and axe-core are installed: `STAKE_AXE_JS` names
/// `axe.min.js` (from the npm package `axe-core`) and `chromium` is on the path. Skipped,
/// with a note, otherwise.
///
/// Each page is copied with axe-core and a few lines that write its violations into the
/// page; headless Chromium runs it and prints the resulting DOM. Every kind of page is
/// checked (the dashboard, report, plan, three profiles, a brief) in both languages and
/// with hostile register text.
#[test]
fn no_page_has_a_serious_accessibility_violation() {
    let Some(axe) = std::env::var_os("STAKE_AXE_JS").map(PathBuf::from) else {
        eprintln!("skipped: set STAKE_AXE_JS to axe.min.js to run axe-core");
        return;
    };
    let chromium = std::process::Command::new("chromium")
        .arg("--version")
        .output();
    if !axe.is_file() || chromium.is_err() {
        eprintln!("skipped: chromium or {} not found", axe.display());
        return;
    }
    let axe = fs::read_to_string(&axe).unwrap();
    let scratch = tempfile::tempdir().unwrap();
    let mut pages = Vec::new();
    let mut builds = Vec::new();
    for (register, attendees) in [
        ("samples/erp-rollout", ["--tag", "steering-committee"]),
        ("samples/metro-line", ["--tag", "领导小组"]),
        ("tests/fixtures/build-hostile", ["mallory", "trent"]),
    ] {
        let register = root().join(register);
        let (dir, out) = build(&register, &["--format", "html"]);
        let mut profiles: Vec<PathBuf> = fs::read_dir(out.join("stakeholders"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        profiles.sort();
        pages.extend(
            ["index.html", "report.html", "communication-plan.html"]
                .iter()
                .map(|p| out.join(p)),
        );
        pages.extend(profiles.into_iter().take(3));
        let brief = dir.path().join("brief");
        stake()
            .arg("brief")
            .arg(&register)
            .args(attendees)
            .args(["--format", "html", "-o"])
            .arg(&brief)
            .assert()
            .success();
        pages.push(brief.join("brief.html"));
        builds.push(dir);
    }
    let failures: Vec<String> = std::thread::scope(|scope| {
        let checks: Vec<_> = pages
            .chunks(pages.len().div_ceil(2))
            .enumerate()
            .map(|(n, chunk)| {
                let (axe, scratch) = (&axe, scratch.path());
                scope.spawn(move || {
                    chunk
                        .iter()
                        .filter_map(|page| axe_violations(page, axe, &scratch.join(n.to_string())))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        checks.into_iter().flat_map(|c| c.join().unwrap()).collect()
    });
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The serious and critical axe-core violations of `page`, described, or None when it has
/// none.
fn axe_violations(page: &Path, axe: &str, scratch: &Path) -> Option<String> {
    const RUN: &str = "axe.run(document, {resultTypes: ['violations']}).then(r => {
  const out = document.createElement('pre');
  out.id = 'axe-result';
  out.textContent = JSON.stringify(r.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))})));
  document.body.appendChild(out);
});";
    // The page forbids scripts; the copy drops that policy so that axe-core can run.
    let html = fs::read_to_string(page)
        .unwrap()
        .replace(stake::build::templates::trust::CONTENT_SECURITY_POLICY, "");
    let (head, tail) = html
        .rsplit_once("</body>")
        .expect("a page ends with </body>");
    let checked = format!("{head}<script>{axe}</script><script>{RUN}</script></body>{tail}");
    // Beside the page, so its relative links still resolve.
    let copy = page.with_extension("axe.html");
    fs::write(&copy, checked).unwrap();
    let output = std::process::Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--virtual-time-budget=30000",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", scratch.display()))
        .arg(format!("file://{}", copy.display()))
        .output()
        .unwrap();
    fs::remove_file(&copy).unwrap();
    let dom = String::from_utf8_lossy(&output.stdout);
    let Some((_, result)) = dom.split_once("<pre id=\"axe-result\">") else {
        return Some(format!(
            "{}: axe-core did not run\n{}",
            page.display(),
            String::from_utf8_lossy(&output.stderr)
        ));
    };
    let result = result.split_once("</pre>").unwrap().0;
    let json = result
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    let violations: serde_json::Value = serde_json::from_str(&json).unwrap();
    let found = violations.as_array().is_some_and(|v| !v.is_empty());
    found.then(|| format!("{}: {violations:#}", page.display()))
}

/// The tables of a page: the class of the box around each, its column heads and its
/// body cells as (data-label, text) pairs.
struct PageTable {
    stacked: bool,
    heads: Vec<String>,
    cells: Vec<(Option<String>, String)>,
}

fn page_tables(html: &str) -> Vec<PageTable> {
    let between = |text: &str, open: &str, close: &str| -> Vec<String> {
        text.split(open)
            .skip(1)
            .map(|rest| rest.split(close).next().unwrap_or("").to_owned())
            .collect()
    };
    let strip = |text: &str| -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in text.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.replace("&amp;", "&").replace("&#39;", "'")
    };
    html.split("<div class=\"table-wrap")
        .skip(1)
        .map(|box_| {
            let table = box_.split("</table>").next().unwrap();
            let heads = between(table, "<th ", "</th>")
                .iter()
                .map(|th| strip(th.split_once('>').unwrap().1))
                .collect();
            let cells = between(table, "<td", "</td>")
                .iter()
                .map(|td| {
                    let (attributes, text) = td.split_once('>').unwrap();
                    let label = attributes
                        .split("data-label=\"")
                        .nth(1)
                        .map(|rest| strip(rest.split('"').next().unwrap()));
                    (label, strip(text))
                })
                .collect();
            PageTable {
                stacked: box_.starts_with(" stack\""),
                heads,
                cells,
            }
        })
        .collect()
}

/// At a phone's width the plan's schedule (next due, days overdue) and the register
/// tables would sit off-screen in a sideways-scrolling box; they are shown as cards
/// instead, each cell labelled with its column head, by a rule of the page's own style
/// sheet. A table that fits a phone stays a table.
#[test]
fn wide_tables_become_labelled_cards_on_a_phone() {
    for (sample, next_due, name, classification) in [
        ("samples/erp-rollout", "Next due", "Name", "Classification"),
        ("samples/metro-line", "下次沟通", "名称", "干系人分类"),
    ] {
        let (_dir, out) = build(&root().join(sample), &["--format", "html"]);
        let page = |name: &str| fs::read_to_string(out.join(name)).unwrap();
        let plan = page("communication-plan.html");
        let report = page("report.html");
        let index = page("index.html");
        for html in [&plan, &report, &index] {
            let css = html
                .split("<style>")
                .nth(1)
                .unwrap()
                .split("</style>")
                .next()
                .unwrap();
            let phone = css
                .split("@media screen and (max-width: 640px)")
                .nth(1)
                .unwrap_or_else(|| panic!("{sample}: no phone rule in {css}"));
            for rule in [
                ".stack table, .stack tbody, .stack tr, .stack td { display: block; }",
                "content: attr(data-label)",
                ".stack td:empty { display: none; }",
            ] {
                assert!(phone.contains(rule), "{sample}: `{rule}` missing");
            }
        }
        let schedule: Vec<PageTable> = page_tables(&plan)
            .into_iter()
            .filter(|t| t.heads.iter().any(|h| h == next_due))
            .collect();
        assert!(schedule.len() >= 4, "{sample}: one schedule a quadrant");
        let registers: Vec<PageTable> = [&report, &index]
            .into_iter()
            .flat_map(|html| page_tables(html))
            .filter(|t| t.heads.first().is_some_and(|h| h == name))
            .filter(|t| t.heads.len() >= 5)
            .collect();
        assert!(registers.len() >= 2, "{sample}: the register tables");
        for table in schedule.iter().chain(&registers) {
            assert!(table.stacked, "{sample}: {:?} is not stacked", table.heads);
            let columns = table.heads.len();
            for (i, (label, text)) in table.cells.iter().enumerate() {
                assert_eq!(
                    label.as_deref(),
                    Some(table.heads[i % columns].as_str()),
                    "{sample}: cell `{text}` of {:?}",
                    table.heads
                );
            }
        }
        let narrow = page_tables(&report)
            .into_iter()
            .find(|t| t.heads.first().is_some_and(|h| h == classification))
            .unwrap();
        assert!(!narrow.stacked, "{sample}: the classification fits a phone");
    }
}

#[test]
fn templates_written_for_v1_still_render_the_same_words() {
    // v1's finding and plan-flag templates composed each sentence from `t` by `kind`;
    // the labels and fields they read are still there, so they say what the built-ins
    // say (the built-ins set an under-contacted flag in bold whole, v1 its first clause).
    let v1 = root().join("tests/fixtures/templates-v1");
    for sample in ["erp-rollout", "metro-line"] {
        let register = root().join("samples").join(sample);
        let args = ["--as-of", "2026-11-20", "--format", "md"];
        let (_a, built_in) = build(&register, &args);
        let mut with_v1 = args.to_vec();
        with_v1.extend(["--templates", v1.to_str().unwrap()]);
        let (_b, user) = build(&register, &with_v1);
        for page in ["report.md", "index.md", "communication-plan.md"] {
            let read = |dir: &Path| {
                fs::read_to_string(dir.join(page))
                    .unwrap()
                    .replace("**", "")
            };
            assert_eq!(read(&built_in), read(&user), "{sample} {page}");
        }
    }
}

#[test]
fn build_and_brief_say_what_they_wrote_in_the_registers_language() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("internal-edition");
    let metro = crate::root().join("samples/metro-line");
    let built = crate::stake()
        .arg("build")
        .arg(&metro)
        .arg("-o")
        .arg(&out)
        .args(["--format", "md"])
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&built.get_output().stdout).into_owned();
    assert!(
        stdout.starts_with("已生成 ") && stdout.contains("内部版") && stdout.contains("请勿转发"),
        "{stdout}"
    );
    let brief = crate::stake()
        .arg("brief")
        .arg(&metro)
        .args(["--tag", "沿线街道", "--format", "md", "-o"])
        .arg(dir.path().join("brief"))
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&brief.get_output().stdout).into_owned();
    assert!(
        stdout.starts_with("已写入 ") && stdout.contains("位与会者"),
        "{stdout}"
    );
}
