//! Hostile input for the renderers (issue 11): registers that `stake check` accepts but
//! that once crashed, hung or exhausted memory in `build` and `brief`. Each gives its
//! exit status and message; the large files are made at test time. Time and memory
//! bounds are measured by `benches/hostile.sh`, not here.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use snapbox::cmd::{Command, OutputAssert};

const ANN: &str =
    "---\nname: Ann Lee\ncategory: internal\npower: H\ninterest: M\ntags: [board]\n---\n";

/// A temporary folder holding `register/` with `_project.md` and `files`.
fn register(project_body: &str, files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let temp = tempfile::tempdir().expect("a temp dir");
    let register = temp.path().join("register");
    fs::create_dir(&register).expect("writable");
    let project = format!("---\nname: Hostile\nas_of: 2026-11-20\n---\n{project_body}");
    fs::write(register.join("_project.md"), project).expect("writable");
    for (name, bytes) in files {
        let path = register.join(name);
        fs::create_dir_all(path.parent().expect("a parent")).expect("writable");
        fs::write(path, bytes).expect("writable");
    }
    temp
}

/// `stake ARGS` in `temp`. Debug builds typeset slowly: two minutes before a run counts
/// as hung.
fn stake(temp: &Path, args: &[&str]) -> OutputAssert {
    Command::new(snapbox::cmd::cargo_bin!("stake"))
        .env("GIT_CEILING_DIRECTORIES", super::ceiling())
        .current_dir(temp)
        .env_remove("NO_COLOR")
        .args(args)
        .timeout(Duration::from_secs(120))
        .assert()
}

fn stderr(output: &OutputAssert) -> String {
    String::from_utf8_lossy(&output.get_output().stderr).into_owned()
}

/// Every file below `dir`.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).expect("a folder") {
        let path = entry.expect("readable").path();
        if path.is_dir() {
            found.extend(files(&path));
        } else {
            found.push(path);
        }
    }
    found
}

#[test]
fn quotes_and_lists_thousands_deep_build() {
    let notes = format!(
        "{ANN}{}deep notes\n\n{}deep list\n",
        "> ".repeat(20_000),
        "- ".repeat(50_000)
    );
    let temp = register(
        &format!("{}deep introduction\n", "> ".repeat(2_000)),
        &[("ann-lee.md", notes.as_bytes())],
    );
    stake(
        temp.path(),
        &["build", "register", "-o", "out", "--format", "html,pdf"],
    )
    .code(0)
    .stdout_eq("built 6 files into out (internal edition, with confidential fields: do not forward; `--public` builds the edition to share)\n");
    let report = fs::read_to_string(temp.path().join("out/report.html")).expect("a report");
    assert!(report.contains("deep introduction"));
    let profile = fs::read_to_string(temp.path().join("out/stakeholders/ann-lee.html")).unwrap();
    assert!(profile.contains("deep notes") && profile.contains("deep list"));
    // Flattened at 16 levels: the pages never nest more than that.
    assert_eq!(report.matches("<blockquote>").count(), 16);
    assert_eq!(profile.matches("<blockquote>").count(), 16);
    assert_eq!(profile.matches("<ul>").count(), 16);
}

#[test]
fn forty_thousand_equal_headings_get_unique_anchors() {
    let notes = format!("{ANN}{}", "# h\n\n".repeat(40_000));
    let temp = register("", &[("ann-lee.md", notes.as_bytes())]);
    stake(
        temp.path(),
        &["build", "register", "-o", "out", "--format", "html"],
    )
    .code(0);
    let profile = fs::read_to_string(temp.path().join("out/stakeholders/ann-lee.html")).unwrap();
    assert!(profile.contains("id=\"h-40000\""));
    assert!(!profile.contains("id=\"h-40001\""));
}

#[test]
fn nul_and_control_characters_never_reach_a_page() {
    let mut notes =
        b"---\nname: \"Ann\\0Lee\\u0001\"\ncategory: internal\npower: H\ninterest: M\n---\n"
            .to_vec();
    notes.extend("Filler text. ".repeat(700).as_bytes());
    notes.extend(b"\nafter 8 KiB: \0 and \x01 and \x1b[31m\n");
    let temp = register("", &[("ann-lee.md", &notes)]);
    stake(temp.path(), &["check", "register"]).code(0);
    stake(
        temp.path(),
        &["build", "register", "-o", "out", "--format", "html"],
    )
    .code(0);
    for page in files(&temp.path().join("out")) {
        if page.extension().is_some_and(|e| e == "html") {
            let html = fs::read_to_string(&page).expect("UTF-8");
            let bad = html
                .chars()
                .find(|&c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'));
            assert_eq!(bad, None, "{}", page.display());
        }
    }
    let profile = fs::read_to_string(temp.path().join("out/stakeholders/ann-lee.html")).unwrap();
    assert!(
        profile.contains("Ann\u{FFFD}Lee\u{FFFD}"),
        "the name is shown"
    );
    assert!(profile.contains("after 8 KiB: \u{FFFD} and \u{FFFD}"));
}

#[test]
fn a_name_of_400000_characters_makes_a_brief() {
    let person = format!(
        "---\nname: {}\ncategory: internal\npower: H\ninterest: M\ntags: [board]\n---\n",
        "x".repeat(400_000)
    );
    let temp = register("", &[("ann-lee.md", person.as_bytes())]);
    stake(
        temp.path(),
        &["brief", "register", "--tag", "board", "-o", "out"],
    )
    .code(0);
    let pdf = fs::metadata(temp.path().join("out/brief.pdf")).expect("a brief");
    // The name is cut at 20,000 characters wherever the PDF sets it.
    assert!(pdf.len() < 20 << 20, "{} bytes", pdf.len());
}

/// A register whose `templates/` holds `name` with `text`.
fn with_template(name: &str, text: &str) -> tempfile::TempDir {
    let file = format!("templates/{name}");
    register(
        "",
        &[("ann-lee.md", ANN.as_bytes()), (&file, text.as_bytes())],
    )
}

#[test]
fn a_template_loop_is_stopped_at_the_output_budget() {
    let looping = "{% for i in range(end=100000) %}{% for j in range(end=100000) %}\
                   looping forever {% endfor %}{% endfor %}";
    let temp = with_template("index.md.tera", looping);
    let output = stake(
        temp.path(),
        &["build", "register", "-o", "out", "--format", "html"],
    )
    .code(2);
    let stderr = stderr(&output);
    assert!(
        stderr.starts_with("error: template `register/templates/index.md.tera` wrote more than 64 MiB and was stopped\nhelp: "),
        "{stderr}"
    );
    assert!(!temp.path().join("out/index.html").exists());
}

#[test]
fn a_style_sheet_cannot_close_its_style_element() {
    let temp = with_template(
        "style.css.tera",
        "body {}\n</style><script>alert(1)</script>",
    );
    let output = stake(
        temp.path(),
        &["build", "register", "-o", "out", "--format", "html"],
    )
    .code(2);
    let stderr = stderr(&output);
    assert!(
        stderr.starts_with("error: style sheet `register/templates/style.css.tera` wrote `</style` (line 2 of its output)"),
        "{stderr}"
    );
}

#[test]
fn a_layout_that_drops_the_script_policy_is_refused() {
    let layout = "<!DOCTYPE html>\n<html><head><script>alert(1)</script></head><body>\
                  {% block masthead %}{% endblock masthead %}{{ content | safe }}</body></html>";
    let temp = with_template("layout.html.tera", layout);
    let output = stake(
        temp.path(),
        &["build", "register", "-o", "out", "--format", "html"],
    )
    .code(2);
    let stderr = stderr(&output);
    assert!(
        stderr.starts_with("error: page template `register/templates/layout.html.tera` does not start the page with stake's Content-Security-Policy"),
        "{stderr}"
    );
    // A layout that keeps the policy may add its own markup; scripts in it do not run.
    let kept = format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n{}\n<title>x</title></head><body>{{% block masthead %}}{{% endblock masthead %}}\
         <script>alert(1)</script>{{{{ content | safe }}}}</body></html>",
        stake::build::templates::trust::CONTENT_SECURITY_POLICY
    );
    let temp = with_template("layout.html.tera", &kept);
    stake(
        temp.path(),
        &["build", "register", "-o", "out", "--format", "html"],
    )
    .code(0);
}

#[cfg(unix)]
#[test]
fn templates_linked_from_outside_the_register_are_refused() {
    let temp = register("", &[("ann-lee.md", ANN.as_bytes())]);
    let elsewhere = temp.path().join("elsewhere");
    fs::create_dir(&elsewhere).unwrap();
    fs::write(elsewhere.join("index.md.tera"), "# Planted\n").unwrap();
    std::os::unix::fs::symlink(&elsewhere, temp.path().join("register/templates")).unwrap();
    let output = stake(
        temp.path(),
        &["build", "register", "-o", "out", "--format", "html"],
    )
    .code(2);
    let stderr = stderr(&output);
    assert!(
        stderr.starts_with(
            "error: the register's template folder `register/templates` is a symbolic link to `"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("outside the register"), "{stderr}");
    // Named on purpose, the same folder is used.
    stake(
        temp.path(),
        &[
            "build",
            "register",
            "-o",
            "out",
            "--format",
            "html",
            "--templates",
            "elsewhere",
        ],
    )
    .code(0);
    let index = fs::read_to_string(temp.path().join("out/index.html")).unwrap();
    assert!(index.contains("Planted"));
}

#[test]
fn a_thousand_daily_touches_over_two_years_are_capped() {
    // The case was 3,000 (1.6 million occurrences); 1,000 is past the limit too.
    let touches: String = (0..1_000)
        .map(|i| {
            format!(
                "  - {{content: Touch {i}, channel: email, frequency: daily, starts: 2026-11-23}}\n"
            )
        })
        .collect();
    let person = format!(
        "---\nname: Ann Lee\ncategory: internal\npower: H\ninterest: M\ncommunication:\n{touches}---\n"
    );
    let temp = register("", &[("ann-lee.md", person.as_bytes())]);
    let output = stake(
        temp.path(),
        &[
            "build",
            "register",
            "-o",
            "out",
            "--format",
            "ics",
            "--horizon-weeks",
            "104",
        ],
    )
    .code(0);
    assert_eq!(
        stderr(&output),
        "warning: the communication plan keeps its 100000 nearest occurrences and leaves out the 419000 after them\n  = help: a shorter `--horizon-weeks`, or fewer daily touches, plans them all\n"
    );
    let ics = fs::read_to_string(temp.path().join("out/communication-plan.ics")).unwrap();
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 100_000);
    assert!(ics.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
    let unfolded = ics.replace("\r\n ", "");
    assert!(unfolded.contains("(the first 100000 of 519000 events: the latest are left out)"));
}
