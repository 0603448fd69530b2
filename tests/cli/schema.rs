//! `stake schema`: a JSON Schema (draft 2020-12) that accepts the samples and the starter
//! files, and rejects what `stake check` rejects by shape (unknown or missing fields).

use std::path::{Path, PathBuf};

use serde_json::Value;
use stake::register::front_matter::{self, FrontMatter};

use crate::{root, stake};

fn schema(project: bool) -> Value {
    schema_of(if project {
        &["schema", "--project"]
    } else {
        &["schema"]
    })
}

fn schema_of(args: &[&str]) -> Value {
    let output = stake().args(args).assert().code(0).stderr_eq("");
    serde_json::from_slice(&output.get_output().stdout).expect("the schema is JSON")
}

fn validator(project: bool) -> jsonschema::Validator {
    compile(schema(project))
}

fn compile(schema: Value) -> jsonschema::Validator {
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    jsonschema::draft202012::new(&schema).expect("a valid draft 2020-12 schema")
}

/// A file's front matter as JSON, read the way YAML is read for the register.
fn front_matter_json(text: &str) -> Option<Value> {
    match front_matter::split(text) {
        FrontMatter::Found(split) => {
            Some(serde_saphyr::from_str(split.yaml).expect("the front matter is YAML"))
        }
        _ => None,
    }
}

fn markdown_files(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            markdown_files(&path, files);
        } else if path.extension().is_some_and(|e| e == "md") {
            files.push(path);
        }
    }
}

fn errors(validator: &jsonschema::Validator, doc: &Value) -> Vec<String> {
    validator
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn schemas_are_draft_2020_12() {
    validator(false);
    validator(true);
}

#[test]
fn samples_and_starters_validate() {
    let stakeholder = validator(false);
    let project = validator(true);
    let mut files = Vec::new();
    markdown_files(&root().join("samples"), &mut files);
    // Format v2: fixed days, working days and holidays, short names, meeting records.
    markdown_files(&root().join("tests/fixtures/v2-fixed-days"), &mut files);
    markdown_files(&root().join("tests/fixtures/v2-meetings"), &mut files);
    let meeting = compile(schema_of(&["schema", "--meeting"]));
    // The starters as `stake init` writes them: the files in `templates/starter/` hold
    // `{today-5}` where init writes a date.
    let starters = tempfile::tempdir().expect("a temp dir");
    for lang in ["en", "zh-CN"] {
        crate::stake_in(starters.path())
            .args(["init", lang, "--lang", lang])
            .assert()
            .success();
    }
    markdown_files(starters.path(), &mut files);
    let mut checked = 0;
    for file in &files {
        let text = std::fs::read_to_string(file).expect("UTF-8");
        let Some(doc) = front_matter_json(&text) else {
            continue;
        };
        let is_project = file.file_name().is_some_and(|n| n == "_project.md");
        let validator = if is_project {
            &project
        } else if doc.get("meeting").is_some() {
            &meeting
        } else {
            &stakeholder
        };
        let errors = errors(validator, &doc);
        assert!(errors.is_empty(), "{}: {errors:#?}", file.display());
        checked += 1;
    }
    // Both samples (48 stakeholders, 13 meetings, 2 projects), the v2 fixtures (5 + 2,
    // 3 meetings) and both starters (6 + 2).
    assert!(checked >= 81, "only {checked} files validated");
}

#[test]
fn unknown_and_missing_fields_are_rejected() {
    let stakeholder = validator(false);
    let doc = front_matter_json("---\nname: Ann\npower: H\nintrest: M\n---\n").expect("YAML");
    assert!(!errors(&stakeholder, &doc).is_empty());
    let doc = front_matter_json("---\nname: Ann\ninterest: M\n---\n").expect("YAML");
    assert!(!errors(&stakeholder, &doc).is_empty());
    let doc = front_matter_json("---\nname: Ann\npower: hgh\ninterest: M\n---\n").expect("YAML");
    assert!(!errors(&stakeholder, &doc).is_empty());
    let doc = front_matter_json("---\nname: Ann\npower: H\ninterest: M\n---\n").expect("YAML");
    assert_eq!(errors(&stakeholder, &doc), Vec::<String>::new());
}

#[test]
fn the_project_schema_knows_the_history_setting() {
    let project = validator(true);
    let doc = |yaml: &str| -> Value { serde_saphyr::from_str(yaml).unwrap() };
    let ok = doc("name: P\nhistory: {since: \"steering-*\"}\n");
    assert_eq!(errors(&project, &ok), Vec::<String>::new());
    let ok = doc("name: P\nhistory: {since: none}\n");
    assert_eq!(errors(&project, &ok), Vec::<String>::new());
    // The loader rejects an unknown key of `history`; so does the schema.
    let bad = doc("name: P\nhistory: {since: v1, tags: \"*\"}\n");
    assert!(!errors(&project, &bad).is_empty());
}
