//! `stake init --ci`: the CI configurations, read back as YAML and checked against what
//! GitHub's Pages actions and GitLab Pages document, and their `stake` commands run.

use std::fs;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

use super::{root, stake_in};

/// The inputs each action documents in its `action.yml` (actions/configure-pages v5,
/// actions/upload-pages-artifact v3, actions/deploy-pages v4, actions/cache v4,
/// actions/checkout v4): a `with:` key outside them is a typo the action ignores.
const DOCUMENTED_INPUTS: [(&str, &[&str]); 5] = [
    (
        "actions/configure-pages@v5",
        &[
            "static_site_generator",
            "generator_config_file",
            "token",
            "enablement",
        ],
    ),
    (
        "actions/upload-pages-artifact@v3",
        &["name", "path", "retention-days"],
    ),
    (
        "actions/deploy-pages@v4",
        &[
            "token",
            "timeout",
            "error_count",
            "reporting_interval",
            "artifact_name",
            "preview",
        ],
    ),
    (
        "actions/cache@v4",
        &[
            "path",
            "key",
            "restore-keys",
            "upload-chunk-size",
            "enableCrossOsArchive",
            "fail-on-cache-miss",
            "lookup-only",
            "save-always",
        ],
    ),
    (
        "actions/checkout@v4",
        &["repository", "ref", "token", "fetch-depth", "path"],
    ),
];

fn yaml(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap();
    serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A repository with the sample register in `register/`.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    let register = dir.path().join("register");
    fs::create_dir(&register).unwrap();
    fs::copy(
        root().join("samples/erp-rollout/_project.md"),
        register.join("_project.md"),
    )
    .unwrap();
    dir
}

fn steps(job: &Value) -> &Vec<Value> {
    job["steps"].as_array().expect("a job has steps")
}

fn uses<'a>(job: &'a Value, action: &str) -> &'a Value {
    steps(job)
        .iter()
        .find(|s| s["uses"] == action)
        .unwrap_or_else(|| panic!("no step uses {action}"))
}

#[test]
fn the_github_workflow_checks_pull_requests_and_deploys_the_public_edition_with_pages() {
    let repo = repository();
    stake_in(repo.path())
        .args(["init", "--ci", "github", "register"])
        .assert()
        .success()
        .stdout_eq(format!(
            "created {}\nit annotates pull requests with `stake check register` and publishes the public edition of `register` to GitHub Pages from the default branch\nnext: set STAKE_GIT in it to where your organisation keeps stake; in the repository's settings, choose GitHub Actions as the source of Pages\n",
            repo.path().canonicalize().unwrap().join(".github/workflows/stake.yml").display()
        ));
    let path = repo.path().join(".github/workflows/stake.yml");
    let workflow = yaml(&path);
    let on = &workflow["on"];
    assert!(
        on.get("pull_request").is_some() && on.get("push").is_some(),
        "{on}"
    );
    assert_eq!(workflow["env"]["REGISTER"], "register");

    let jobs = &workflow["jobs"];
    let check = &jobs["check"];
    assert_eq!(check["if"], "github.event_name == 'pull_request'");
    assert!(
        steps(check)
            .iter()
            .any(|s| s["run"] == "stake check --format github \"$REGISTER\"")
    );

    let build = &jobs["build"];
    assert!(
        build["if"]
            .as_str()
            .unwrap()
            .contains("github.ref_name == github.event.repository.default_branch")
    );
    uses(build, "actions/configure-pages@v5");
    let built = steps(build)
        .iter()
        .find_map(|s| s["run"].as_str().filter(|r| r.starts_with("stake build")))
        .unwrap();
    assert!(built.contains("--public"), "{built}");
    let upload = uses(build, "actions/upload-pages-artifact@v3");
    assert_eq!(upload["with"]["path"], "${{ runner.temp }}/public");
    assert!(built.ends_with("-o \"$RUNNER_TEMP/public\""), "{built}");

    let deploy = &jobs["deploy"];
    assert_eq!(deploy["needs"], "build");
    assert_eq!(deploy["permissions"]["pages"], "write");
    assert_eq!(deploy["permissions"]["id-token"], "write");
    assert_eq!(deploy["environment"]["name"], "github-pages");
    assert_eq!(
        deploy["environment"]["url"],
        "${{ steps.deployment.outputs.page_url }}"
    );
    assert_eq!(deploy["concurrency"]["cancel-in-progress"], false);
    let deployed = uses(deploy, "actions/deploy-pages@v4");
    assert_eq!(deployed["id"], "deployment");
    // No job but the deployment may write anything.
    for name in ["check", "build"] {
        assert_eq!(
            jobs[name]["permissions"],
            serde_json::json!({"contents": "read"})
        );
    }

    for (name, job) in jobs.as_object().unwrap() {
        assert!(job.get("runs-on").is_some(), "{name}");
        for step in steps(job) {
            let Some(action) = step["uses"].as_str() else {
                assert!(step.get("run").is_some(), "{name}: {step}");
                continue;
            };
            let (_, inputs) = DOCUMENTED_INPUTS
                .iter()
                .find(|(a, _)| *a == action)
                .unwrap_or_else(|| panic!("{name}: an undocumented action {action}"));
            for key in step["with"].as_object().into_iter().flat_map(|w| w.keys()) {
                assert!(inputs.contains(&key.as_str()), "{action}: no input `{key}`");
            }
        }
    }

    // Its commands do what they say, run as the jobs run them, on the sample register.
    let work = tempfile::tempdir().unwrap();
    for job in ["check", "build"] {
        for step in steps(&jobs[job]) {
            if let Some(script) = step["run"].as_str().filter(|r| r.starts_with("stake ")) {
                run_as_ci(script, work.path());
            }
        }
    }
    let index = fs::read_to_string(work.path().join("public/index.html")).unwrap();
    assert!(index.contains("Public edition"));

    // Never over an existing file.
    let before = fs::read(&path).unwrap();
    stake_in(repo.path())
        .args(["init", "--ci", "github", "register"])
        .assert()
        .code(2)
        .stderr_eq(format!(
            "error: not overwriting existing CI configuration: {}; remove it first, or add the jobs to it by hand (see docs/publishing.md)\n",
            path.canonicalize().unwrap().display()
        ));
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn the_gitlab_configuration_has_a_check_job_and_a_pages_job_that_publishes_the_public_edition() {
    let repo = tempfile::tempdir().unwrap();
    stake_in(repo.path())
        .args(["init", "--ci", "gitlab"])
        .assert()
        .success();
    let config = yaml(&repo.path().join(".gitlab-ci.yml"));
    assert_eq!(config["variables"]["REGISTER"], ".");
    let check = &config["check"];
    assert_eq!(check["stage"], "test");
    assert_eq!(check["script"][0], "stake check \"$REGISTER\"");
    let pages = &config["pages"];
    assert_eq!(pages["stage"], "deploy");
    assert_eq!(pages["artifacts"]["paths"], serde_json::json!(["public"]));
    assert_eq!(
        pages["rules"],
        serde_json::json!([{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}])
    );
    for job in [check, pages] {
        assert_eq!(job["extends"], ".stake");
    }
    assert!(
        config[".stake"]["before_script"][0]
            .as_str()
            .unwrap()
            .starts_with("cargo install --locked ")
    );

    // Its commands do what they say, run as the job runs them, on the sample register.
    let work = tempfile::tempdir().unwrap();
    for script in [&check["script"][0], &pages["script"][0]] {
        run_as_ci(script.as_str().unwrap(), work.path());
    }
    let index = fs::read_to_string(work.path().join("public/index.html")).unwrap();
    assert!(index.contains("Public edition"));
}

#[test]
fn a_ci_configuration_needs_the_register_folder() {
    let dir = tempfile::tempdir().unwrap();
    stake_in(dir.path())
        .args(["init", "--ci", "github", "nowhere"])
        .assert()
        .code(2)
        .stderr_eq("error: register folder `nowhere` does not exist\n  = help: `stake init nowhere` makes a starter register; then add the CI configuration\n");
    assert!(!dir.path().join(".github").exists());
}

/// Runs a job's shell line in `work` with the built `stake` on the path and the sample
/// register as `$REGISTER` (and `work` as GitHub's `$RUNNER_TEMP`).
fn run_as_ci(script: &str, work: &Path) {
    let bin = Path::new(snapbox::cmd::cargo_bin!("stake"))
        .parent()
        .unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let output = Command::new("sh")
        .args(["-c", script])
        .current_dir(work)
        .env("PATH", &path)
        .env("REGISTER", root().join("samples/erp-rollout"))
        .env("RUNNER_TEMP", work)
        .env("GIT_CEILING_DIRECTORIES", super::ceiling())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{script}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}
