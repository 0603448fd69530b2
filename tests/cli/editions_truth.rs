//! The public edition is a view of the internal one: it leaves facts out, and never
//! states one the full register contradicts.
//!
//! Each register is built twice (`--format json,md,csv,ics,html`, with and without
//! `--public`) and the public `analysis.json` is compared with the internal one. The
//! checks would all fail on the old behaviour, which redacted the register first and
//! analysed what was left: Kessler (erp-rollout) and Ben (the hostile fixture), whose
//! logs are confidential, would have had no interactions, so a "never contacted"
//! finding and a catch-up due today that the internal edition does not have (first
//! check), `last_contact: null` and `silent: true` where the internal value is a date
//! and `false` (second), a schedule entry with `last: null` (third); Cara, whose
//! positions are confidential, would have dropped out of the "Budget" conflict and the
//! issue map, leaving maps whose lists differ from the internal ones only by omission
//! (checked as subsets, so those checks catch a changed stance or a stakeholder moved
//! to another list). The marker check would fail on any template that prints a
//! confidential field it was handed: the internal edition of the hostile fixture is
//! checked to contain every marker, so the markers do reach the pages.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use serde_json::Value;

use super::{build, root, stake, synth};

/// Both editions of `register`, built into temporary folders (kept alive by the guards).
pub(crate) struct Editions {
    _guards: [tempfile::TempDir; 2],
    pub internal: std::path::PathBuf,
    pub public: std::path::PathBuf,
}

/// Builds both editions of `register` with every text format.
pub(crate) fn both_editions(register: &Path) -> Editions {
    let formats = ["--format", "json,md,csv,ics,html"];
    let (gi, internal) = build(register, &formats);
    let (gp, public) = build(register, &[formats[0], formats[1], "--public"]);
    Editions {
        _guards: [gi, gp],
        internal,
        public,
    }
}

/// The `analysis.json` of a build.
pub(crate) fn analysis(out: &Path) -> Value {
    let text = fs::read_to_string(out.join("analysis.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// The array `key` of `value`.
pub(crate) fn list<'a>(value: &'a Value, key: &str) -> &'a Vec<Value> {
    value[key]
        .as_array()
        .unwrap_or_else(|| panic!("no array {key}"))
}

/// The register's id → stakeholder object of an analysis.
fn by_id(a: &Value) -> std::collections::BTreeMap<String, &Value> {
    list(a, "stakeholders")
        .iter()
        .map(|s| (s["id"].as_str().unwrap().to_string(), s))
        .collect()
}

/// A synthetic register of 40 stakeholders in which about a third of the records keep
/// a random set of fields confidential (and a few are confidential whole).
pub(crate) fn synthetic(dir: &Path, confidential: bool) {
    synth::generate(dir, 40, 0x0ED1_7105).unwrap();
    if !confidential {
        return;
    }
    let fields = [
        "category",
        "involvement",
        "key",
        "legitimacy",
        "urgency",
        "engagement",
        "owner",
        "positions",
        "communication",
        "relationships",
        "interactions",
        "tags",
        "interest",
    ];
    let mut rng = synth::Rng::new(7);
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.file_name().is_some_and(|n| n == "_project.md") || !rng.chance(35) {
                continue;
            }
            let chosen: Vec<&str> = if rng.chance(10) {
                Vec::new()
            } else {
                fields.iter().copied().filter(|_| rng.chance(25)).collect()
            };
            let line = if chosen.is_empty() {
                "confidential: true".to_string()
            } else {
                format!("confidential: [contact, notes, {}]", chosen.join(", "))
            };
            let text = fs::read_to_string(&path).unwrap();
            let text: String = text
                .lines()
                .filter(|l| !l.starts_with("confidential:"))
                .map(|l| {
                    if l.starts_with("next_review:") {
                        format!("{line}\n{l}\n")
                    } else {
                        format!("{l}\n")
                    }
                })
                .collect();
            fs::write(&path, text).unwrap();
        }
    }
}

/// Checks that what the public analysis states is what the internal one states.
fn public_is_a_view_of_internal(name: &str, internal: &Value, public: &Value) {
    assert_eq!(public["edition"], "public", "{name}");
    assert_eq!(internal["edition"], "internal", "{name}");

    // Every public finding is an internal finding.
    let key = |f: &Value| {
        (
            f["code"].to_string(),
            f["stakeholder"].to_string(),
            f["days"].to_string(),
            f["message"].to_string(),
        )
    };
    let findings: BTreeSet<_> = list(internal, "findings").iter().map(key).collect();
    for f in list(public, "findings") {
        assert!(
            findings.contains(&key(f)),
            "{name}: public finding not in the internal edition: {f}"
        );
    }

    // Every value the public edition states of a stakeholder is the internal value.
    let inner = by_id(internal);
    for (id, p) in by_id(public) {
        let i = inner
            .get(&id)
            .unwrap_or_else(|| panic!("{name}: {id} is only public"));
        let withheld: Vec<&str> = p["withheld"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w.as_str().unwrap())
            .collect();
        for (field, value) in p.as_object().unwrap() {
            if field == "withheld" || withheld.contains(&field.as_str()) {
                continue;
            }
            // Engagement is withheld as a whole, under its own name.
            assert_eq!(
                value, &i[field],
                "{name}: {id}.{field} is {value} in public, {} internally",
                i[field]
            );
        }
    }

    // Every public touch is an internal one (its owner may be left out: the public
    // edition states it without the confidential part). A plan item's public audience
    // names some of its internal audience, never anyone else.
    let schedule = list(internal, "schedule");
    for t in list(public, "schedule") {
        let same = schedule.iter().any(|u| {
            let mut u = u.clone();
            if t["owner"].is_null() {
                u["owner"] = Value::Null;
            }
            if let (Some(public), Some(internal)) =
                (t["audience"].as_array(), u["audience"].as_array())
            {
                if !public.iter().all(|id| internal.contains(id)) {
                    return false;
                }
                u["audience"] = t["audience"].clone();
            }
            &u == t
        });
        assert!(same, "{name}: public touch not in the internal plan: {t}");
    }

    // A relationship conflict is the internal one; an issue conflict may name fewer
    // stakeholders on each side, never other ones.
    let conflicts = list(internal, "conflicts");
    for c in list(public, "conflicts") {
        let found = conflicts.iter().any(|n| {
            if c["kind"] == "issue" {
                n["kind"] == "issue"
                    && n["issue"] == c["issue"]
                    && ["support", "oppose"].iter().all(|side| {
                        let all = n[*side].as_array().unwrap();
                        let shown = c[*side].as_array().unwrap();
                        !shown.is_empty() && shown.iter().all(|id| all.contains(id))
                    })
            } else {
                n == c
            }
        });
        assert!(found, "{name}: public conflict {c}");
    }

    // An issue map may have fewer names in public, never other ones.
    let issues = list(internal, "issues");
    for m in list(public, "issues") {
        let n = issues
            .iter()
            .find(|n| n["issue"] == m["issue"])
            .unwrap_or_else(|| panic!("{name}: public issue {m} is not internal"));
        for stance in ["support", "oppose", "neutral", "mixed"] {
            for id in list(m, stance) {
                assert!(
                    list(n, stance).contains(id),
                    "{name}: {id} on {} is `{stance}` only in public",
                    m["issue"]
                );
            }
        }
    }

    let net = &internal["network"];
    for e in list(&public["network"], "edges") {
        assert!(list(net, "edges").contains(e), "{name}: public tie {e}");
    }
    for g in list(&public["network"], "ally_groups") {
        assert!(
            list(net, "ally_groups").contains(g),
            "{name}: ally group {g}"
        );
    }

    // The sponsor, when named, is the internal one.
    if !public["project"]["sponsor"].is_null() {
        assert_eq!(public["project"]["sponsor"], internal["project"]["sponsor"]);
    }
}

/// Every page (Markdown, HTML, CSV, calendar, JSON) of a build, as (name, text).
pub(crate) fn pages(out: &Path) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut stack = vec![out.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(text) = fs::read_to_string(&path) {
                let name = path.strip_prefix(out).unwrap().display().to_string();
                found.push((name, text));
            }
        }
    }
    found.sort();
    found
}

/// Checks that no public page calls a stakeholder whose log is withheld "never"
/// contacted: in their profile, and on any line of a page that links to it.
fn no_never_for_a_withheld_log(name: &str, public: &Value, out: &Path) {
    let pages = pages(out);
    for s in list(public, "stakeholders") {
        let withheld = s["withheld"].as_array().unwrap();
        if !withheld.iter().any(|w| w == "last_contact") {
            continue;
        }
        let id = s["id"].as_str().unwrap();
        let link = format!("{id}.html");
        for (page, text) in &pages {
            if !page.ends_with(".md") {
                continue;
            }
            let own = page.ends_with(&format!("stakeholders/{id}.md"));
            for line in text.lines().filter(|l| own || l.contains(&link)) {
                let lower = line.to_lowercase();
                for said in ["never", "从未", "no interactions recorded", "没有往来记录"] {
                    assert!(
                        !lower.contains(said),
                        "{name}: {page} says {said:?} of {id}, whose log is withheld:\n{line}"
                    );
                }
            }
        }
    }
}

/// Checks that the report's charts draw what the edition states: a stakeholder whose key
/// status is withheld gets the grid's grey dot, never the hollow one that says "not
/// key", and dot size is not explained as centrality when centrality is withheld.
fn charts_draw_only_what_the_edition_states(name: &str, public: &Value, out: &Path) {
    let report = fs::read_to_string(out.join("report.html")).unwrap();
    let stakeholders = list(public, "stakeholders");
    let withholds =
        |s: &Value, fact: &str| s["withheld"].as_array().unwrap().iter().any(|w| w == fact);
    let count = |class: &str| report.matches(&format!("class=\"{class}\"")).count();
    let withheld = stakeholders.iter().filter(|s| withholds(s, "key")).count();
    let key = stakeholders
        .iter()
        .filter(|s| !withholds(s, "key") && s["key"] == true)
        .count();
    let other = stakeholders.len() - withheld - key;
    // The legend adds one filled dot, and one grey dot when some key status is withheld.
    assert_eq!(count("dot"), other, "{name}: hollow grid dots");
    assert_eq!(count("dot key"), key + 1, "{name}: filled grid dots");
    assert_eq!(
        count("dot key-withheld"),
        withheld + usize::from(withheld > 0),
        "{name}: grey grid dots"
    );
    if stakeholders.iter().any(|s| withholds(s, "centrality")) {
        for said in ["more central", "越处于中心", "越处于网络中心"] {
            assert!(
                !report.contains(said),
                "{name}: the report explains dot size by centrality, which it withholds"
            );
        }
    }
}

#[test]
fn the_public_edition_of_every_register_is_a_view_of_the_internal_one() {
    let synthetic_dir = tempfile::tempdir().unwrap();
    synthetic(synthetic_dir.path(), true);
    let registers = [
        ("erp-rollout", root().join("samples/erp-rollout")),
        ("metro-line", root().join("samples/metro-line")),
        ("synthetic", synthetic_dir.path().to_path_buf()),
        ("hostile", root().join("tests/fixtures/editions-hostile")),
    ];
    for (name, register) in registers {
        let built = both_editions(&register);
        let internal = analysis(&built.internal);
        let public = analysis(&built.public);
        public_is_a_view_of_internal(name, &internal, &public);
        no_never_for_a_withheld_log(name, &public, &built.public);
        charts_draw_only_what_the_edition_states(name, &public, &built.public);
        // The checks have something to compare: the public edition withholds facts.
        let withheld = list(&public, "stakeholders")
            .iter()
            .filter(|s| !s["withheld"].as_array().unwrap().is_empty())
            .count();
        assert!(withheld > 0, "{name}: nothing is withheld");
    }
}

/// The strings planted in confidential fields of `tests/fixtures/editions-hostile`.
pub(crate) const MARKERS: &[&str] = &[
    "SECRET-NAME-SOL",
    "SECRET-ROLE-SOL",
    "SECRET-ORG-SOL",
    "SECRET-POSITION-SOL",
    "SECRET-ISSUE-SOL",
    "SECRET-REL-SOL",
    "SECRET-INTERACTION-SOL",
    "SECRET-FOLLOWUP-SOL",
    "SECRET-COMM-SOL",
    "SECRET-OWNER-SOL",
    "SECRET-TAG-SOL",
    "SECRET-NOTES-SOL",
    "SECRET-ROLE-ANN",
    "SECRET-NEED-ANN",
    "SECRET-EXPECT-ANN",
    "SECRET-CONTACT-ANN",
    "SECRET-NOTES-ANN",
    "SECRET-INTERACTION-BEN",
    "SECRET-INTERACTION-BEN-OLD",
    "SECRET-FOLLOWUP-BEN",
    "SECRET-POSITION-CARA",
    "SECRET-ISSUE-CARA",
    "SECRET-OWNER-DAN",
    "SECRET-REL-FAY",
    "SECRET-REL-FAY-CONFLICT",
    "SECRET-COMM-HAL",
    "SECRET-COMM-OWNER-HAL",
    "SECRET-TAG-IVY",
    "SECRET-NAME-KIM",
    "SECRET-INTERACTION-KIM",
    "SECRET-ROLE-LEA",
    "SECRET-ORG-LEA",
    "SECRET-OWNER-LEA",
    "SECRET-NEED-LEA",
    "SECRET-POSITION-LEA",
    "SECRET-REL-LEA",
    "SECRET-INTERACTION-LEA",
    "SECRET-COMM-LEA",
    "SECRET-TAG-LEA",
    "SECRET-NOTES-LEA",
    "SECRET-MEETING-TITLE",
    "SECRET-MEETING-SUMMARY",
    "SECRET-MEETING-BY",
    "SECRET-MEETING-FOLLOWUP",
    "SECRET-MEETING-DECISION",
];

#[test]
fn no_public_page_of_the_hostile_register_holds_a_confidential_value() {
    let built = both_editions(&root().join("tests/fixtures/editions-hostile"));
    // The markers reach the internal pages, so their absence from the public ones is
    // the redaction's doing, not the templates'.
    let internal: String = pages(&built.internal).into_iter().map(|(_, t)| t).collect();
    for marker in MARKERS {
        assert!(internal.contains(marker), "no internal page shows {marker}");
    }
    for (page, text) in pages(&built.public) {
        for marker in MARKERS {
            assert!(!text.contains(marker), "public {page} shows {marker}");
        }
        // Any other planted marker, should one be added without being listed.
        assert!(!text.contains("SECRET-"), "public {page} shows a marker");
        // Nor the ids of the records left out whole (the sponsor among them): a link
        // or a name in a chart would say they exist.
        for id in ["sponsor-sol", "kim.html", "\"kim\""] {
            assert!(!text.contains(id), "public {page} names {id}");
        }
    }

    // A brief for everyone: its room (stances, ties, talking points) is made from the
    // full register too.
    let ids = [
        "ann",
        "ben",
        "cara",
        "dan",
        "eve",
        "fay",
        "gus",
        "hal",
        "ivy",
        "jon",
        "kim",
        "lea",
        "sponsor-sol",
    ];
    for public in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let mut command = stake()
            .arg("brief")
            .arg(root().join("tests/fixtures/editions-hostile"))
            .args(ids)
            .args(["--format", "md,html", "-o"])
            .arg(dir.path());
        if public {
            command = command.arg("--public");
        }
        command.assert().success();
        let text = fs::read_to_string(dir.path().join("brief.md")).unwrap()
            + &fs::read_to_string(dir.path().join("brief.html")).unwrap();
        let shown: Vec<&&str> = MARKERS.iter().filter(|m| text.contains(**m)).collect();
        if public {
            assert!(shown.is_empty(), "the public brief shows {shown:?}");
        } else {
            // The internal brief shows the log, stances and ties of the room.
            for marker in [
                "SECRET-INTERACTION-BEN",
                "SECRET-POSITION-CARA",
                "SECRET-REL-FAY",
            ] {
                assert!(
                    shown.contains(&&marker),
                    "the internal brief lacks {marker}"
                );
            }
        }
    }

    // The brief of a planned meeting: its agenda is the record's body (notes, confidential
    // by the project's list), and what changed since each attendee's last contact
    // includes a meeting whose decisions are confidential. An attendee whose record or
    // log is confidential is left out: that they attend would be a contact.
    for public in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let mut command = stake()
            .arg("brief")
            .arg(root().join("tests/fixtures/editions-hostile"))
            .args(["planning-review", "--format", "md,html,pdf", "-o"])
            .arg(dir.path());
        if public {
            command = command.arg("--public");
        }
        let run = command.assert().success();
        let mut text = fs::read_to_string(dir.path().join("brief.md")).unwrap()
            + &fs::read_to_string(dir.path().join("brief.html")).unwrap();
        if let Some(pdf) = super::build::pdftotext(&dir.path().join("brief.pdf")) {
            text.push_str(&pdf);
        }
        assert!(text.contains("Planning review"), "{text}");
        if public {
            run.stderr_eq("note: the public edition leaves out 4 confidential attendees\n");
            assert!(
                !text.contains("SECRET-"),
                "the public meeting brief shows a marker"
            );
            for name in ["Ben Logged", "Ann Open", "Cara Opposes", "kim"] {
                assert!(
                    !text.contains(name),
                    "the public meeting brief names {name}"
                );
            }
            assert!(text.contains("The agenda is not in this edition."));
            assert!(text.contains("Since then this edition shows"), "{text}");
        } else {
            for marker in [
                "SECRET-AGENDA-NOTES",
                "SECRET-MEETING-DECISION",
                "SECRET-NAME-KIM",
            ] {
                assert!(
                    text.contains(marker),
                    "the internal meeting brief lacks {marker}"
                );
            }
        }
    }

    // A confidential meeting, and one whose only attendee's log is confidential (its
    // decisions are), have no public brief; the internal one is made.
    for (meeting, error) in [
        (
            "secret-board",
            "error: `secret-board` is a confidential meeting (`confidential: true`): the public edition has no brief of it\n",
        ),
        (
            "budget-board",
            "error: every attendee of `budget-board` is left out of the public edition (their record or their log is confidential): it has nobody to brief\n",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let brief = |public: bool| {
            let mut command = stake()
                .arg("brief")
                .arg(root().join("tests/fixtures/editions-hostile"))
                .args([meeting, "--format", "md", "-o"])
                .arg(dir.path().join(if public { "public" } else { "internal" }));
            if public {
                command = command.arg("--public");
            }
            command.assert()
        };
        brief(true).code(2).stderr_eq(error);
        assert!(!dir.path().join("public").exists(), "nothing written");
        brief(false).success();
    }

    // Ben's log is confidential: the public edition says nothing of his last contact,
    // which internally is 21 Oct, and does not call him silent.
    let public = analysis(&built.public);
    let ben = list(&public, "stakeholders")
        .iter()
        .find(|s| s["id"] == "ben")
        .unwrap();
    assert!(
        ben["last_contact"].is_null() && ben["silent"] == false,
        "{ben}"
    );
    let internal = analysis(&built.internal);
    let ben = list(&internal, "stakeholders")
        .iter()
        .find(|s| s["id"] == "ben")
        .unwrap();
    assert_eq!(ben["last_contact"], "2026-10-21");
}
