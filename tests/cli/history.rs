//! `stake diff` and `stake history` on git repositories made by the tests with the
//! `git` binary (stake itself reads them with gitoxide). The register lives in a
//! sub-folder, next to files that are not part of it.

use std::path::{Path, PathBuf};
use std::process::Command as Git;

use serde_json::Value;

use super::stake_in;

/// A repository in a temporary folder, committed with fixed names and dates.
struct Repo {
    dir: tempfile::TempDir,
}

impl Repo {
    /// A new repository, or `None` (with a note) where git is not installed; CI has it.
    fn new() -> Option<Repo> {
        if Git::new("git").arg("--version").output().is_err() {
            eprintln!("note: git is not installed; history test skipped");
            return None;
        }
        let repo = Repo {
            dir: tempfile::tempdir().unwrap(),
        };
        repo.git(&["init", "-q", "-b", "main"]);
        Some(repo)
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn git(&self, args: &[&str]) -> String {
        let output = Git::new("git")
            .current_dir(self.path())
            .args(args)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .expect("git runs");
        assert!(
            output.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    }

    fn write(&self, path: &str, text: &str) {
        let path = self.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn remove(&self, path: &str) {
        std::fs::remove_file(self.path().join(path)).unwrap();
    }

    /// Commits everything as `author` on `date` (noon UTC) and returns the commit id.
    fn commit(&self, author: &str, date: &str, message: &str) -> String {
        self.git(&["add", "-A"]);
        let when = format!("{date}T12:00:00+00:00");
        let output = Git::new("git")
            .current_dir(self.path())
            .args(["commit", "-q", "-m", message])
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_NAME", author)
            .env("GIT_AUTHOR_EMAIL", "pm@example.org")
            .env("GIT_COMMITTER_NAME", author)
            .env("GIT_COMMITTER_EMAIL", "pm@example.org")
            .env("GIT_AUTHOR_DATE", &when)
            .env("GIT_COMMITTER_DATE", &when)
            .output()
            .expect("git runs");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        self.git(&["rev-parse", "HEAD"]).trim().to_owned()
    }

    /// `stake ARGS` in the repository: exit code, stdout, stderr.
    fn stake(&self, args: &[&str]) -> (i32, String, String) {
        let output = stake_in(self.path())
            .args(args)
            .output()
            .expect("stake runs");
        (
            output.status.code().unwrap_or(-1),
            String::from_utf8(output.stdout).unwrap(),
            String::from_utf8(output.stderr).unwrap(),
        )
    }

    fn json(&self, args: &[&str]) -> Value {
        let (code, stdout, stderr) = self.stake(args);
        assert_eq!(code, 0, "{stderr}");
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"))
    }
}

fn person(name: &str, power: &str, interest: &str, current: &str, extra: &str) -> String {
    format!(
        "---\nname: {name}\npower: {power}\ninterest: {interest}\n\
         engagement: {{current: {current}, desired: leading}}\n{extra}---\nNotes.\n"
    )
}

const REG: &str = "docs/register";

/// Three commits of a register in `docs/register/`, with a commit outside it between:
///
/// 1. (tag `sc-2026-10`, 2026-10-01) Alice, Bob and Carol;
/// 2. (2026-10-10) a README at the top of the repository only;
/// 3. (tag `sc-2026-11`, 2026-11-05) Alice's file moved to another folder, Carol
///    removed, Bob more engaged and more powerful, Dave added against the go-live date
///    and in conflict with Alice.
fn steering_repo() -> Option<(Repo, [String; 3])> {
    let repo = Repo::new()?;
    repo.write(
        &format!("{REG}/_project.md"),
        "---\nname: Rollout\nas_of: 2026-11-20\n---\n",
    );
    repo.write(
        &format!("{REG}/people/alice.md"),
        &person(
            "Alice Chen",
            "H",
            "H",
            "supportive",
            "positions:\n  - {issue: Go-live date, stance: support}\n",
        ),
    );
    repo.write(
        &format!("{REG}/people/bob.md"),
        &person("Bob Stone", "L", "H", "neutral", ""),
    );
    repo.write(
        &format!("{REG}/people/carol.md"),
        &person("Carol Diaz", "M", "L", "neutral", ""),
    );
    let first = repo.commit(
        "Ann Lee",
        "2026-10-01",
        "Register after the October steering committee",
    );
    repo.git(&["tag", "sc-2026-10"]);
    repo.write("README.md", "The project's repository.\n");
    let second = repo.commit("Ann Lee", "2026-10-10", "Readme");
    std::fs::create_dir_all(repo.path().join(REG).join("board")).unwrap();
    std::fs::rename(
        repo.path().join(REG).join("people/alice.md"),
        repo.path().join(REG).join("board/alice.md"),
    )
    .unwrap();
    repo.remove(&format!("{REG}/people/carol.md"));
    repo.write(
        &format!("{REG}/people/bob.md"),
        &person("Bob Stone", "H", "H", "supportive", ""),
    );
    repo.write(
        &format!("{REG}/people/dave.md"),
        &person(
            "Dave Okafor",
            "H",
            "M",
            "resistant",
            "positions:\n  - {issue: Go-live date, stance: oppose}\nrelationships:\n  - {with: alice, type: conflict}\n",
        ),
    );
    let third = repo.commit("Raj Patel", "2026-11-05", "November steering committee");
    repo.git(&["tag", "sc-2026-11"]);
    Some((repo, [first, second, third]))
}

fn ids(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect()
}

fn changes<'a>(diff: &'a Value, id: &str) -> Vec<(&'a str, &'a Value, &'a Value)> {
    diff["changed"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["id"] == id)
        .map(|c| (c["field"].as_str().unwrap(), &c["from"], &c["to"]))
        .collect()
}

#[test]
fn diff_matches_by_id_so_a_moved_file_is_a_change_of_file() {
    let Some((repo, [first, _, third])) = steering_repo() else {
        return;
    };
    let diff = repo.json(&[
        "diff",
        REG,
        "--since",
        "sc-2026-10",
        "--until",
        "sc-2026-11",
        "--format",
        "json",
    ]);
    assert_eq!(diff["since"]["rev"], "sc-2026-10");
    assert_eq!(diff["since"]["commit"], first.as_str());
    assert_eq!(diff["since"]["date"], "2026-10-01");
    assert_eq!(diff["until"]["commit"], third.as_str());
    assert_eq!(diff["until"]["working_tree"], false);
    assert_eq!(ids(&diff["added"]), ["dave"]);
    assert_eq!(ids(&diff["removed"]), ["carol"]);
    // Alice moved folders: the same stakeholder, only her file changed.
    assert_eq!(
        changes(&diff, "alice"),
        [(
            "file",
            &Value::from("people/alice.md"),
            &Value::from("board/alice.md")
        )]
    );
    let bob = changes(&diff, "bob");
    let fields: Vec<&str> = bob.iter().map(|c| c.0).collect();
    assert_eq!(
        fields,
        ["power", "engagement.current", "quadrant", "key"],
        "{bob:?}"
    );
    assert_eq!(bob[0].1, &Value::from(2));
    assert_eq!(bob[0].2, &Value::from(4));
    assert_eq!(bob[2].1, "keep-informed");
    assert_eq!(bob[2].2, "manage-closely");
    let added = &diff["relationships"]["added"][0];
    assert_eq!(
        (added["from"].as_str(), added["with"].as_str()),
        (Some("dave"), Some("alice"))
    );
    let conflicts = diff["conflicts"]["added"].as_array().unwrap();
    assert!(
        conflicts.iter().any(|c| c["kind"] == "relationship"),
        "{conflicts:?}"
    );
    assert!(
        conflicts
            .iter()
            .any(|c| c["kind"] == "issue" && c["issue"] == "Go-live date"),
        "{conflicts:?}"
    );
    assert_eq!(diff["engagement_index"].as_array().unwrap().len(), 2);
}

#[test]
fn diff_reads_as_a_project_manager_reads_it() {
    let Some((repo, _)) = steering_repo() else {
        return;
    };
    let (code, out, err) = repo.stake(&[
        "diff",
        REG,
        "--since",
        "sc-2026-10",
        "--until",
        "sc-2026-11",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("What changed from `sc-2026-10` (commit "),
        "{out}"
    );
    let order = [
        "\nMoved on the grid\n  Bob Stone (bob): keep informed → manage closely\n",
        "\nMore engaged\n  Bob Stone (bob): neutral → supportive\n",
        "\nNew opponents\n  Dave Okafor (dave) on \"Go-live date\": oppose (new stakeholder)\n",
        "\nNew conflicts\n  Alice Chen (alice) and Dave Okafor (dave)\n",
        "\nNew stakeholders\n  Dave Okafor (dave)\n",
        "\nRemoved stakeholders\n  Carol Diaz (carol)\n",
        "\nOther changes\n",
    ];
    let mut at = 0;
    for part in order {
        let found = out[at..]
            .find(part)
            .unwrap_or_else(|| panic!("{part:?} after byte {at} in\n{out}"));
        at += found + part.len();
    }
    assert!(
        out.contains("  Bob Stone (bob): power low → high\n"),
        "{out}"
    );
    assert!(
        out.contains("  Alice Chen (alice): file \"people/alice.md\" → \"board/alice.md\"\n"),
        "{out}"
    );

    let (code, md, _) = repo.stake(&[
        "diff",
        REG,
        "--since",
        "sc-2026-10",
        "--until",
        "sc-2026-11",
        "--format",
        "md",
    ]);
    assert_eq!(code, 0);
    assert!(md.starts_with("# What changed from `sc-2026-10`"), "{md}");
    assert!(
        md.contains("\n## New opponents\n\n- Dave Okafor (dave) on \"Go-live date\""),
        "{md}"
    );
}

#[test]
fn until_defaults_to_the_working_tree_and_says_so() {
    let Some((repo, _)) = steering_repo() else {
        return;
    };
    // An edit not committed yet.
    repo.write(
        &format!("{REG}/people/bob.md"),
        &person("Bob Stone", "H", "H", "leading", ""),
    );
    let (code, out, err) = repo.stake(&["diff", REG, "--since", "sc-2026-11"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.lines()
            .next()
            .unwrap()
            .ends_with("to the working tree (with any uncommitted edits)"),
        "{out}"
    );
    assert!(
        out.contains("\nMore engaged\n  Bob Stone (bob): supportive → leading\n"),
        "{out}"
    );
    let diff = repo.json(&["diff", REG, "--since", "sc-2026-11", "--format", "json"]);
    assert_eq!(diff["until"]["working_tree"], true);
    assert_eq!(diff["until"]["commit"], Value::Null);
}

#[test]
fn a_date_names_the_last_commit_on_or_before_it() {
    let Some((repo, [first, second, _])) = steering_repo() else {
        return;
    };
    let diff = repo.json(&[
        "diff",
        REG,
        "--since",
        "2026-10-05",
        "--until",
        "2026-10-10",
        "--format",
        "json",
    ]);
    assert_eq!(diff["since"]["commit"], first.as_str());
    // The README commit is the last on 2026-10-10; the register did not change.
    assert_eq!(diff["until"]["commit"], second.as_str());
    assert_eq!(diff["changed"], Value::Array(vec![]));
    assert_eq!(diff["added"], Value::Array(vec![]));
    let (code, _, err) = repo.stake(&["diff", REG, "--since", "2026-09-01"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("no commit on or before 2026-09-01: the first commit is from 2026-10-01"),
        "{err}"
    );
}

#[test]
fn an_unknown_revision_names_the_tags_closest_first() {
    let Some((repo, _)) = steering_repo() else {
        return;
    };
    repo.git(&["tag", "v1"]);
    let (code, out, err) = repo.stake(&["diff", REG, "--since", "sc-2026-12"]);
    assert_eq!(code, 2);
    assert_eq!(out, "");
    assert!(
        err.contains("error: `sc-2026-12` is not a tag, branch or commit of this repository, nor a date (YYYY-MM-DD)"),
        "{err}"
    );
    assert!(
        err.contains("= help: tags, closest first: `sc-2026-10`, `sc-2026-11`, `v1`"),
        "{err}"
    );
}

#[test]
fn history_has_a_point_per_commit_that_changed_the_register() {
    let Some((repo, [first, _, third])) = steering_repo() else {
        return;
    };
    let history = repo.json(&["history", REG, "--format", "json"]);
    assert_eq!(history["folder"], REG);
    let points = history["points"].as_array().unwrap();
    let commits: Vec<&str> = points
        .iter()
        .map(|p| p["commit"].as_str().unwrap())
        .collect();
    // The README commit did not touch the register.
    assert_eq!(commits, [first.as_str(), third.as_str()]);
    assert_eq!(ids(&points[0]["tags"]), ["sc-2026-10"]);
    assert_eq!(ids(&points[1]["tags"]), ["sc-2026-11"]);
    assert_eq!(points[0]["stakeholders"], 3);
    assert_eq!(points[1]["stakeholders"], 3);
    assert_eq!(points[0]["quadrants"]["manage-closely"], 1);
    assert_eq!(points[1]["quadrants"]["manage-closely"], 2);
    assert_eq!(points[1]["author"], "Raj Patel");
    assert!(points[0]["engagement_index"].is_u64());

    let series = &history["stakeholders"];
    // Alice's move changed no assessment: one entry.
    assert_eq!(series["alice"]["assessments"].as_array().unwrap().len(), 1);
    let bob = series["bob"]["assessments"].as_array().unwrap();
    assert_eq!(bob.len(), 2);
    assert_eq!(bob[1]["power"], 4);
    assert_eq!(bob[1]["engagement"]["current"], "supportive");
    assert_eq!(bob[1]["author"], "Raj Patel");
    assert_eq!(bob[1]["date"], "2026-11-05");
    let carol = series["carol"]["assessments"].as_array().unwrap();
    assert_eq!(carol.last().unwrap()["removed"], true);
    assert_eq!(series["dave"]["assessments"][0]["commit"], third.as_str());

    let (code, out, _) = repo.stake(&["history", REG]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("2 commits changed the register in `docs/register`\n"),
        "{out}"
    );
    assert!(
        out.contains("[sc-2026-11] November steering committee"),
        "{out}"
    );
}

#[test]
fn a_file_that_does_not_parse_at_an_old_commit_is_reported_and_the_rest_kept() {
    let Some((repo, _)) = steering_repo() else {
        return;
    };
    repo.write(
        &format!("{REG}/people/bob.md"),
        "---\nname: Bob Stone\npower: [H\ninterest: H\n---\n",
    );
    let broken = repo.commit("Ann Lee", "2026-11-10", "Typo");
    repo.write(
        &format!("{REG}/people/bob.md"),
        &person("Bob Stone", "H", "H", "supportive", ""),
    );
    repo.commit("Ann Lee", "2026-11-12", "Fixed");
    let (code, out, err) = repo.stake(&["history", REG, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let short = &broken[..7];
    assert!(err.contains(&format!("at commit {short}:\n")), "{err}");
    assert!(err.contains("docs/register/people/bob.md:3:"), "{err}");
    let history: Value = serde_json::from_str(&out).unwrap();
    let point = &history["points"][2];
    assert_eq!(point["commit"], broken.as_str());
    // Alice and Dave are still counted at that commit.
    assert_eq!(point["stakeholders"], 2);
    assert_eq!(point["unreadable"], 1);
    assert_eq!(history["problems"][0]["commit"], broken.as_str());
    assert_eq!(history["problems"][0]["file"], "people/bob.md");

    // A diff from the broken commit says so, and compares the rest.
    let (code, out, err) = repo.stake(&["diff", REG, "--since", &broken, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("docs/register/people/bob.md:3:"), "{err}");
    assert!(
        err.contains(&format!(
            "warning: the register at `{broken}` ({short}) has 1 error"
        )),
        "{err}"
    );
    let diff: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(ids(&diff["added"]), ["bob"]);
}

#[test]
fn an_id_reused_for_someone_else_is_said() {
    let Some((repo, _)) = steering_repo() else {
        return;
    };
    repo.write(
        &format!("{REG}/people/bob.md"),
        &person("Maria Gomez", "H", "H", "supportive", ""),
    );
    let diff = repo.json(&["diff", REG, "--since", "sc-2026-11", "--format", "json"]);
    assert_eq!(diff["reused"][0]["id"], "bob");
    assert_eq!(diff["reused"][0]["from"], "Bob Stone");
    assert_eq!(diff["reused"][0]["to"], "Maria Gomez");
    let (_, out, _) = repo.stake(&["diff", REG, "--since", "sc-2026-11"]);
    assert!(
        out.contains("\nIds that name someone else now\n  `bob` was Bob Stone, is now Maria Gomez"),
        "{out}"
    );
    // A changed surname is a rename, not a reuse.
    repo.write(
        &format!("{REG}/people/bob.md"),
        &person("Bob Stone-Meyer", "H", "H", "supportive", ""),
    );
    let diff = repo.json(&["diff", REG, "--since", "sc-2026-11", "--format", "json"]);
    assert_eq!(diff["reused"], Value::Array(vec![]));
}

#[test]
fn outside_git_bare_and_shallow_are_usage_problems() {
    let Some((repo, _)) = steering_repo() else {
        return;
    };
    // A plain folder.
    let plain = tempfile::tempdir().unwrap();
    std::fs::write(
        plain.path().join("a.md"),
        person("A", "H", "H", "neutral", ""),
    )
    .unwrap();
    for args in [&["diff", ".", "--since", "HEAD~1"][..], &["history", "."]] {
        let output = stake_in(plain.path()).args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(2));
        let err = String::from_utf8(output.stderr).unwrap();
        assert!(err.contains("is not in a git repository"), "{err}");
    }
    // A bare repository.
    let bare = tempfile::tempdir().unwrap();
    let bare_path: PathBuf = bare.path().join("register.git");
    repo.git(&["clone", "-q", "--bare", ".", bare_path.to_str().unwrap()]);
    let output = stake_in(&bare_path)
        .args(["history", "."])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let err = String::from_utf8(output.stderr).unwrap();
    assert!(err.contains("bare git repository"), "{err}");
    // A shallow clone has only its last commit: the older tag is not in it.
    let shallow = tempfile::tempdir().unwrap();
    let url = format!("file://{}", repo.path().display());
    repo.git(&[
        "clone",
        "-q",
        "--depth",
        "1",
        &url,
        shallow.path().join("c").to_str().unwrap(),
    ]);
    let clone = shallow.path().join("c");
    let output = stake_in(&clone)
        .args(["diff", REG, "--since", "sc-2026-10"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let err = String::from_utf8(output.stderr).unwrap();
    assert!(err.contains("shallow clone"), "{err}");
    let output = stake_in(&clone).args(["history", REG]).output().unwrap();
    let out = String::from_utf8(output.stdout).unwrap();
    assert!(
        out.starts_with("1 commit changed the register in `docs/register` (a shallow clone: older history is not in it)"),
        "{out}"
    );
}

#[test]
fn build_since_adds_what_changed_to_the_internal_report_only() {
    let Some((repo, _)) = steering_repo() else {
        return;
    };
    let out = repo.path().join("out");
    let (code, _, err) = repo.stake(&[
        "build",
        REG,
        "--since",
        "sc-2026-10",
        "--format",
        "md",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let report = std::fs::read_to_string(out.join("report.md")).unwrap();
    let at = report
        .find("## What changed\n")
        .unwrap_or_else(|| panic!("{report}"));
    let section = &report[at..report[at..]
        .find("\n## Introduction")
        .map_or(report.len(), |e| at + e)];
    assert!(
        section.contains("Compared with: **sc-2026-10**"),
        "{section}"
    );
    assert!(
        section.contains("### Moved on the grid\n\n- [Bob Stone](stakeholders/bob.html): Keep informed → Manage closely\n"),
        "{section}"
    );
    assert!(
        section.contains("### Engagement changes\n\n- [Bob Stone](stakeholders/bob.html): Neutral → Supportive ▲\n"),
        "{section}"
    );
    // Silent before and after (Bob became key on the way): not resolved, not new.
    assert_eq!(
        section
            .matches("Bob Stone](stakeholders/bob.html): No contact recorded")
            .count(),
        0,
        "{section}"
    );
    assert!(
        section.contains("### Resolved findings\n\n- Carol Diaz: No contact recorded\n"),
        "{section}"
    );
    assert!(section.contains("### New conflicts\n"), "{section}");
    // Carol has no page any more: her name without a link.
    assert!(
        section.contains("### No longer in the register\n\n- Carol Diaz\n"),
        "{section}"
    );

    // Each profile has its assessments over the history, with the commit's author.
    let bob = std::fs::read_to_string(out.join("stakeholders/bob.md")).unwrap();
    let at = bob
        .find("## Assessment history\n")
        .unwrap_or_else(|| panic!("{bob}"));
    let rows: Vec<&str> = bob[at..]
        .lines()
        .skip(4)
        .take_while(|l| l.starts_with('|'))
        .collect();
    assert_eq!(rows.len(), 2, "{bob}");
    assert!(
        rows[0].starts_with(
            "| 1\u{a0}Oct\u{a0}2026 | low | high | Keep informed | Neutral → Leading | Ann Lee |"
        ),
        "{rows:?}"
    );
    assert!(
        rows[1].starts_with(
            "| 5\u{a0}Nov\u{a0}2026 | high | high | Manage closely | Supportive → Leading | Raj Patel |"
        ),
        "{rows:?}"
    );
    let carol_gone = !out.join("stakeholders/carol.md").exists();
    assert!(carol_gone);

    let public = repo.path().join("public");
    let (code, _, err) = repo.stake(&[
        "build",
        REG,
        "--public",
        "--since",
        "sc-2026-10",
        "--format",
        "md",
        "-o",
        public.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("the public edition has no \"What changed\" section"),
        "{err}"
    );
    let report = std::fs::read_to_string(public.join("report.md")).unwrap();
    assert!(!report.contains("What changed"), "{report}");
    let bob = std::fs::read_to_string(public.join("stakeholders/bob.md")).unwrap();
    assert!(!bob.contains("Assessment history"), "{bob}");

    let (code, _, err) =
        repo.stake(&["build", REG, "--since", "nope", "-o", out.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("`nope` is not a tag"), "{err}");
}

#[test]
fn brief_since_tells_what_changed_about_the_attendees() {
    let Some((repo, _)) = steering_repo() else {
        return;
    };
    let out = repo.path().join("brief");
    let (code, _, err) = repo.stake(&[
        "brief",
        REG,
        "bob",
        "dave",
        "--since",
        "sc-2026-10",
        "--format",
        "md",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let brief = std::fs::read_to_string(out.join("brief.md")).unwrap();
    let at = brief
        .find("## What changed\n")
        .unwrap_or_else(|| panic!("{brief}"));
    let section = &brief[at..brief[at + 1..]
        .find("\n# ")
        .map_or(brief.len(), |e| at + 1 + e)];
    // No profile pages beside a brief: names without links.
    assert!(
        section.contains("### Moved on the grid\n\n- Bob Stone: Keep informed → Manage closely\n"),
        "{section}"
    );
    assert!(
        section.contains("### New stakeholders\n\n- Dave Okafor\n"),
        "{section}"
    );
    // Carol is not in the room: her removal is not the room's news.
    assert!(!section.contains("Carol"), "{section}");
}

/// The report's "What changed" section and the sponsor's summary, if any: the
/// revision they compare with (`None`: no section).
fn compared_with(report: &str) -> Option<&str> {
    let at = report.find("## What changed\n")?;
    let line = report[at..]
        .lines()
        .find(|l| l.starts_with("Compared with: "))?;
    Some(
        line.trim_start_matches("Compared with: **")
            .split("**")
            .next()
            .unwrap(),
    )
}

/// Builds the register of `repo` as Markdown with `args`: exit code, stderr, report.
fn build_md(repo: &Repo, args: &[&str]) -> (i32, String, String) {
    let out = repo.path().join("out-md");
    let _ = std::fs::remove_dir_all(&out);
    let mut all = vec!["build", REG, "--format", "md", "-o", out.to_str().unwrap()];
    all.extend_from_slice(args);
    let (code, _, err) = repo.stake(&all);
    let report = std::fs::read_to_string(out.join("report.md")).unwrap_or_default();
    (code, err, report)
}

#[test]
fn without_since_a_build_compares_with_the_latest_tag_that_changed_the_register() {
    let Some((repo, [_, _, third])) = steering_repo() else {
        return;
    };
    // A later tag on a commit outside the register is not a review of it.
    repo.write("README.md", "Release notes.\n");
    repo.commit("Ann Lee", "2026-11-10", "Release");
    repo.git(&["tag", "release-1"]);
    // An edit since the committee, not committed yet.
    repo.write(
        &format!("{REG}/people/bob.md"),
        &person("Bob Stone", "H", "L", "supportive", ""),
    );
    let (code, err, report) = build_md(&repo, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains(&format!(
            "comparing with tag sc-2026-11 ({}, 2026-11-05); --since to choose another, --no-since for none",
            &third[..7]
        )),
        "{err}"
    );
    assert_eq!(compared_with(&report), Some("sc-2026-11"), "{report}");
    assert!(
        report.contains("- [Bob Stone](stakeholders/bob.html): Manage closely → Keep satisfied\n"),
        "{report}"
    );

    // `--no-since`: the report as without history, and nothing said.
    let (code, err, report) = build_md(&repo, &["--no-since"]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("comparing with"), "{err}");
    assert_eq!(compared_with(&report), None, "{report}");
    assert!(!report.contains("Summary for the sponsor"), "{report}");
    // `--since` chooses another, and says nothing of the default.
    let (code, err, report) = build_md(&repo, &["--since", "sc-2026-10"]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("comparing with"), "{err}");
    assert_eq!(compared_with(&report), Some("sc-2026-10"), "{report}");
    // The public edition has no section, so it looks for no tag.
    let (code, err, report) = build_md(&repo, &["--public"]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("comparing with"), "{err}");
    assert!(!report.contains("What changed"), "{report}");
}

#[test]
fn history_since_in_the_project_file_chooses_what_reports_compare_with() {
    let Some((repo, [first, ..])) = steering_repo() else {
        return;
    };
    let project = format!("{REG}/_project.md");
    let with = |setting: &str| {
        repo.write(
            &project,
            &format!("---\nname: Rollout\nas_of: 2026-11-20\nhistory:\n  since: {setting}\n---\n"),
        );
    };
    // A pattern: the most recent tag that matches it.
    with("\"sc-2026-1?\"");
    let (code, err, report) = build_md(&repo, &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(compared_with(&report), Some("sc-2026-11"), "{report}");
    with("\"*-10\"");
    let (_, err, report) = build_md(&repo, &[]);
    assert!(err.contains("comparing with tag sc-2026-10"), "{err}");
    assert_eq!(compared_with(&report), Some("sc-2026-10"), "{report}");
    // A pattern no tag matches: as without history.
    with("\"steering-*\"");
    let (code, err, report) = build_md(&repo, &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(compared_with(&report), None, "{report}");
    assert!(!err.contains("comparing with"), "{err}");
    // A revision, as `--since` takes it.
    with(&first[..10]);
    let (_, err, report) = build_md(&repo, &[]);
    assert!(
        err.contains(&format!(
            "comparing with {} ({}, 2026-10-01), as `history.since` in _project.md says",
            &first[..10],
            &first[..7]
        )),
        "{err}"
    );
    assert_eq!(compared_with(&report), Some(&first[..10]), "{report}");
    // `none`: no comparison, even with tags.
    with("none");
    let (_, err, report) = build_md(&repo, &[]);
    assert_eq!(compared_with(&report), None, "{report}");
    assert!(!err.contains("comparing with"), "{err}");
    // The brief follows the same setting.
    with("\"sc-2026-1?\"");
    let brief = repo.path().join("brief");
    let (code, _, err) = repo.stake(&[
        "brief",
        REG,
        "bob",
        "--format",
        "md",
        "-o",
        brief.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("comparing with tag sc-2026-11"), "{err}");
    let text = std::fs::read_to_string(brief.join("brief.md")).unwrap();
    assert!(text.contains("## What changed\n"), "{text}");
    // A revision the repository does not have is the build's error.
    with("sc-2027-01");
    let (code, err, _) = build_md(&repo, &[]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains(
            "`_project.md` sets `history.since: sc-2027-01`, but `sc-2027-01` is not a tag"
        ),
        "{err}"
    );
    // Mistakes in the setting, with their place.
    with("\"\"");
    let (code, _, err) = repo.stake(&["check", REG]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("`history.since` is empty"), "{err}");
    assert!(err.contains("_project.md:5:10"), "{err}");
    with("\"sc-[12]*\"");
    let (code, out, err) = repo.stake(&["check", REG]);
    assert_eq!(code, 1, "{err}");
    assert!(
        format!("{out}{err}").contains("`sc-[12]*` uses a pattern character stake does not read"),
        "{out}{err}"
    );
}

#[test]
fn without_a_tag_or_outside_git_a_build_has_no_history() {
    let Some(repo) = Repo::new() else {
        return;
    };
    repo.write(
        &format!("{REG}/_project.md"),
        "---\nname: Rollout\nas_of: 2026-11-20\n---\n",
    );
    repo.write(
        &format!("{REG}/people/bob.md"),
        &person("Bob Stone", "L", "H", "neutral", ""),
    );
    repo.commit("Ann Lee", "2026-10-01", "Register");
    let (code, err, report) = build_md(&repo, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("comparing with"), "{err}");
    assert_eq!(compared_with(&report), None, "{report}");
    assert!(!report.contains("Summary for the sponsor"), "{report}");

    // A plain folder (the same files, no repository): the same report.
    let plain = tempfile::tempdir().unwrap();
    let copy = plain.path().join("register");
    std::fs::create_dir_all(copy.join("people")).unwrap();
    for file in ["_project.md", "people/bob.md"] {
        std::fs::copy(repo.path().join(REG).join(file), copy.join(file)).unwrap();
    }
    let out = plain.path().join("out");
    let output = stake_in(plain.path())
        .args([
            "build",
            "register",
            "--format",
            "md",
            "-o",
            out.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let err = String::from_utf8(output.stderr).unwrap();
    assert!(output.status.success(), "{err}");
    assert!(!err.contains("comparing with"), "{err}");
    let plain_report = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert_eq!(plain_report, report);
}

#[test]
fn diff_and_history_speak_the_registers_language_and_json_stays_english() {
    let Some((repo, _)) = steering_repo() else {
        return;
    };
    let english = repo.json(&["diff", REG, "--since", "sc-2026-10", "--format", "json"]);
    repo.write(
        &format!("{REG}/_project.md"),
        "---\nname: Rollout\nas_of: 2026-11-20\nlanguage: zh-CN\n---\n",
    );
    let (code, out, err) = repo.stake(&["diff", REG, "--since", "sc-2026-10"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("从 `sc-2026-10`（提交 "), "{out}");
    assert!(
        out.contains("到 工作区（含尚未提交的修改） 的变化"),
        "{out}"
    );
    assert!(
        out.contains("\n方格位置变化\n  Bob Stone（bob）：随时告知 → 重点管理\n"),
        "{out}"
    );
    assert!(
        out.contains("\n参与度提高\n  Bob Stone（bob）：中立 → 支持\n"),
        "{out}"
    );
    assert!(
        out.contains("Dave Okafor（dave）对“Go-live date”：反对（新干系人）"),
        "{out}"
    );
    assert!(
        out.contains("\n新增干系人\n  Dave Okafor（dave）\n"),
        "{out}"
    );
    assert!(!out.contains("Moved on the grid"), "{out}");
    let (_, md, _) = repo.stake(&["diff", REG, "--since", "sc-2026-10", "--format", "md"]);
    assert!(
        md.contains("\n## 方格位置变化\n\n- Bob Stone（bob）：随时告知 → 重点管理\n"),
        "{md}"
    );
    // The JSON is the same, whatever the language.
    let chinese = repo.json(&["diff", REG, "--since", "sc-2026-10", "--format", "json"]);
    assert_eq!(chinese["changed"], english["changed"]);
    assert_eq!(chinese["added"], english["added"]);

    let (code, out, err) = repo.stake(&["history", REG]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("2 次提交修改了 `docs/register` 中的登记册\n"),
        "{out}"
    );
    assert!(
        out.contains(
            "\n日期        提交      指数   人数  重点  满意  告知  监督  关键  标签 / 提交说明\n"
        ),
        "{out}"
    );
    assert!(
        out.contains("[sc-2026-11] November steering committee"),
        "{out}"
    );
    assert!(out.contains("\n指数：参与度指数（0–100）"), "{out}");
}

/// The rows of the sponsor's summary table: figure → (now, change).
fn summary_rows(report: &str) -> Vec<(String, String, String)> {
    let at = report
        .find("## Summary for the sponsor\n")
        .unwrap_or_else(|| panic!("{report}"));
    report[at..]
        .lines()
        .skip_while(|l| !l.starts_with("| Figure |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            let cells: Vec<String> = l
                .trim_matches('|')
                .split(" | ")
                .map(|c| c.trim().to_owned())
                .collect();
            (cells[0].clone(), cells[1].clone(), cells[2].clone())
        })
        .collect()
}

#[test]
fn the_sponsor_summary_opens_the_report_with_each_figure_and_its_change() {
    let Some((repo, [first, ..])) = steering_repo() else {
        return;
    };
    // A meeting after the October committee, with a decision and a follow-up open.
    repo.write(
        &format!("{REG}/meetings/2026-11-12-steering.md"),
        "---\nmeeting: Steering committee\ndate: 2026-11-12\nattendees: [bob, dave]\n\
         decisions: [Go-live moves to March]\nfollow_ups:\n  - {action: Send the revised plan, due: 2026-11-15}\n---\nMinutes.\n",
    );
    let (code, err, report) = build_md(&repo, &["--since", "sc-2026-10"]);
    assert_eq!(code, 0, "{err}");
    let summary_at = report.find("## Summary for the sponsor\n").unwrap();
    assert!(summary_at < report.find("## What changed\n").unwrap());
    // Each figure now is the analysis's, and its change is now minus then: the register
    // at sc-2026-10, checked out and analysed on its own.
    let now = super::analysis_of(&repo.path().join(REG))["summary"].clone();
    let old_tree = tempfile::tempdir().unwrap();
    repo.git(&[
        "worktree",
        "add",
        "--detach",
        old_tree.path().join("old").to_str().unwrap(),
        &first,
    ]);
    let then = super::analysis_of(&old_tree.path().join("old").join(REG))["summary"].clone();
    let findings_now = super::analysis_of(&repo.path().join(REG))["findings"]
        .as_array()
        .unwrap()
        .len();
    let findings_then = super::analysis_of(&old_tree.path().join("old").join(REG))["findings"]
        .as_array()
        .unwrap()
        .len();
    let rows = summary_rows(&report);
    let figure = |name: &str| -> (String, String) {
        let row = rows
            .iter()
            .find(|r| r.0 == name)
            .unwrap_or_else(|| panic!("no {name} in {rows:?}"));
        (row.1.clone(), row.2.clone())
    };
    let change = |a: i64, b: i64| match a - b {
        0 => "±0".to_owned(),
        d if d > 0 => format!("+{d}"),
        d => format!("−{}", -d),
    };
    let n = |v: &Value| v.as_i64().unwrap();
    for (name, now_v, then_v) in [
        (
            "Stakeholders",
            n(&now["stakeholders"]),
            n(&then["stakeholders"]),
        ),
        (
            "Key stakeholders",
            n(&now["key"]["key"]),
            n(&then["key"]["key"]),
        ),
        (
            "Key players (manage closely)",
            n(&now["quadrants"]["manage-closely"]),
            n(&then["quadrants"]["manage-closely"]),
        ),
        (
            "Engagement index",
            n(&now["engagement_index"]),
            n(&then["engagement_index"]),
        ),
        ("Findings", findings_now as i64, findings_then as i64),
        (
            "Overdue touches",
            n(&now["overdue_touches"]),
            n(&then["overdue_touches"]),
        ),
        (
            "Engagement gaps",
            n(&now["engagement_gaps"]),
            n(&then["engagement_gaps"]),
        ),
        (
            "Conflicts and issues",
            n(&now["conflicts"]),
            n(&then["conflicts"]),
        ),
    ] {
        assert_eq!(
            figure(name),
            (now_v.to_string(), change(now_v, then_v)),
            "{name}"
        );
    }
    // The stakeholders changed (Carol left, Dave came): the figure is not a constant.
    assert_eq!(figure("Stakeholders"), ("3".to_owned(), "±0".to_owned()));
    assert_ne!(figure("Key players (manage closely)").1, "±0");
    // The same index as the report's engagement section.
    let index = figure("Engagement index").0;
    assert!(
        report.contains(&format!("**Engagement index: {index}/100.**")),
        "{report}"
    );
    let summary = &report[summary_at..report.find("## What changed\n").unwrap()];
    assert!(summary.contains("### Most urgent\n\n1. "), "{summary}");
    assert!(
        summary.contains("### Decisions recorded since sc-2026-10\n\n- 12\u{a0}Nov\u{a0}2026, Steering committee: Go-live moves to March\n"),
        "{summary}"
    );
    assert!(
        summary.contains("### Open follow-ups\n\n- **Steering committee · 12 Nov 2026**: Send the revised plan (15\u{a0}Nov\u{a0}2026, **5 days late**)\n"),
        "{summary}"
    );
    // The summary is one page of the PDF: its table and its last list on one page.
    let pdf_out = repo.path().join("out-pdf");
    let (code, _, err) = repo.stake(&[
        "build",
        REG,
        "--since",
        "sc-2026-10",
        "--format",
        "pdf",
        "-o",
        pdf_out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    if let Some(text) = super::build::pdftotext(&pdf_out.join("report.pdf")) {
        let page = text
            .split('\u{c}')
            .find(|p| p.contains("Change since sc-2026-10"))
            .unwrap_or_else(|| panic!("{text}"));
        for part in [
            "Most urgent",
            "Decisions recorded since sc-2026-10",
            "Open follow-ups",
            "Send the revised plan",
        ] {
            assert!(
                page.contains(part),
                "{part} not on the summary's page:\n{page}"
            );
        }
        assert!(!page.contains("What changed"), "{page}");
    }
    // Without the meeting: nothing decided, nothing open, and the summary says so.
    repo.remove(&format!("{REG}/meetings/2026-11-12-steering.md"));
    let (_, _, report) = build_md(&repo, &["--since", "sc-2026-11"]);
    assert!(
        report.contains("### Decisions recorded since sc-2026-11\n\nNo meeting record since sc-2026-11 lists a decision.\n"),
        "{report}"
    );
    assert!(
        report.contains("### Open follow-ups\n\nNo follow-up is open.\n"),
        "{report}"
    );
    repo.git(&[
        "worktree",
        "remove",
        "--force",
        old_tree.path().join("old").to_str().unwrap(),
    ]);
}

#[test]
fn git_ceiling_directories_stop_the_search_for_the_repository() {
    let Some((repo, _)) = steering_repo() else {
        return;
    };
    let docs = repo.path().join("docs").canonicalize().unwrap();
    let run = |args: &[&str]| {
        let output = stake_in(repo.path())
            .env("GIT_CEILING_DIRECTORIES", &docs)
            .args(args)
            .output()
            .unwrap();
        (
            output.status.code().unwrap_or(-1),
            String::from_utf8(output.stderr).unwrap(),
        )
    };
    // The repository is above the ceiling: as outside git.
    let (code, err) = run(&["diff", REG, "--since", "sc-2026-10"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("is not in a git repository"), "{err}");
    let out = repo.path().join("out-ceiling");
    let (code, err) = run(&["build", REG, "--format", "md", "-o", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("comparing with"), "{err}");
    let report = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(!report.contains("What changed"), "{report}");
    // Without the ceiling the same build compares with the latest tag.
    let (_, err, report) = build_md(&repo, &[]);
    assert!(err.contains("comparing with tag sc-2026-11"), "{err}");
    assert_eq!(compared_with(&report), Some("sc-2026-11"));
}
