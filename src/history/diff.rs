//! `stake diff`: what changed in a register between two revisions. Stakeholders are
//! matched by id, so a file moved to another folder (or renamed with its `id:` kept)
//! is a change of `file`, not a removal and an addition.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;
use serde_json::{Value, json};

use crate::analysis::findings::{Code, Finding};
use crate::analysis::issues::{Conflict, issue_key};
use crate::analysis::summary::Summary;
use crate::analysis::{Analysis, Assessment};
use crate::register::vocab::{Date, Stance};
use crate::register::{Register, Stakeholder};

/// One end of the comparison.
#[derive(Debug, Clone, Serialize)]
pub struct End {
    /// The revision as written, or `working tree`.
    pub rev: String,
    /// The commit in full; `null` for the working tree.
    pub commit: Option<String>,
    /// The commit's date (the working tree: the date it was analysed for).
    pub date: Date,
    /// The date the analysis of this end is for (findings depend on it): the project's
    /// `as_of`, else the commit's date, else today for the working tree.
    pub as_of: Date,
    /// This end is the working tree, with any uncommitted edits.
    pub working_tree: bool,
}

/// A register and its analysis at one end.
pub struct Snapshot<'a> {
    /// Which end.
    pub end: End,
    /// The register.
    pub register: &'a Register,
    /// Its analysis as of `end.as_of`.
    pub analysis: &'a Analysis,
}

/// One changed fact of a stakeholder.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// The stakeholder's id.
    pub id: String,
    /// A front-matter field in dotted form (`power`, `engagement.current`), a derived
    /// fact (`quadrant`, `salience`, `key`, `sentiment_trend`), or `stance`.
    pub field: String,
    /// For `stance`: the issue, as written at the later end.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issue: Option<String>,
    /// The value before (`null`: not written).
    pub from: Value,
    /// The value after.
    pub to: Value,
}

/// An id that names someone else at the later end: the name changed completely.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reused {
    /// The id.
    pub id: String,
    /// The name before.
    pub from: String,
    /// The name after.
    pub to: String,
}

/// A relationship, as a diff tells it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Link {
    /// The stakeholder whose file states it.
    pub from: String,
    /// The other stakeholder.
    pub with: String,
    /// Its kind.
    #[serde(rename = "type")]
    pub kind: String,
}

/// Things that appeared and disappeared.
#[derive(Debug, Clone, Serialize)]
pub struct Turnover<T> {
    /// At the later end only.
    pub added: Vec<T>,
    /// At the earlier end only.
    pub removed: Vec<T>,
}

/// Findings that appeared and went away.
#[derive(Debug, Clone, Serialize)]
pub struct FindingTurnover {
    /// At the later end only.
    pub new: Vec<Finding>,
    /// At the earlier end only.
    pub resolved: Vec<Finding>,
}

/// What changed between two ends.
#[derive(Debug, Clone, Serialize)]
pub struct Diff {
    /// The earlier end.
    pub since: End,
    /// The later end.
    pub until: End,
    /// Ids at the later end only.
    pub added: Vec<String>,
    /// Ids at the earlier end only.
    pub removed: Vec<String>,
    /// Changed facts, by id, then in the order of the fields above.
    pub changed: Vec<Change>,
    /// Ids whose name changed completely: maybe reused for someone else.
    pub reused: Vec<Reused>,
    /// Relationships stated or no longer stated.
    pub relationships: Turnover<Link>,
    /// Conflicts (relationships and issues) that appeared or went away.
    pub conflicts: Turnover<Conflict>,
    /// Findings new and resolved.
    pub findings: FindingTurnover,
    /// The engagement index at both ends.
    pub engagement_index: [Option<u8>; 2],
    /// The number of stakeholders at both ends.
    pub stakeholders: [usize; 2],
    /// The issues each added stakeholder opposes, as (id, issue): new opponents too.
    #[serde(skip)]
    pub added_opponents: Vec<(String, String)>,
    /// Names by id, at the later end, else the earlier one.
    #[serde(skip)]
    pub names: BTreeMap<String, String>,
    /// The earlier end's key figures (the report's summary shows the change of each).
    #[serde(skip)]
    pub summary_before: Summary,
    /// The number of findings at the earlier end.
    #[serde(skip)]
    pub findings_before: usize,
}

/// Compares two ends.
pub fn diff(since: &Snapshot<'_>, until: &Snapshot<'_>) -> Diff {
    let before: BTreeMap<&str, (&Stakeholder, &Assessment)> = pairs(since);
    let after: BTreeMap<&str, (&Stakeholder, &Assessment)> = pairs(until);
    let mut names = BTreeMap::new();
    for (id, (s, _)) in before.iter().chain(after.iter()) {
        names.insert((*id).to_owned(), s.name.clone());
    }
    let added = after
        .keys()
        .filter(|id| !before.contains_key(*id))
        .map(|id| (*id).to_owned())
        .collect();
    let removed = before
        .keys()
        .filter(|id| !after.contains_key(*id))
        .map(|id| (*id).to_owned())
        .collect();
    let mut changed = Vec::new();
    let mut reused = Vec::new();
    for (id, (old, old_a)) in &before {
        let Some((new, new_a)) = after.get(id) else {
            continue;
        };
        if names_differ_completely(&old.name, &new.name) {
            reused.push(Reused {
                id: (*id).to_owned(),
                from: old.name.clone(),
                to: new.name.clone(),
            });
        }
        compare(id, (old, old_a), (new, new_a), &mut changed);
    }
    Diff {
        since: since.end.clone(),
        until: until.end.clone(),
        added,
        removed,
        changed,
        reused,
        relationships: turnover(links(since.register), links(until.register)),
        conflicts: turnover(
            since.analysis.conflicts.clone(),
            until.analysis.conflicts.clone(),
        )
        .by_key(),
        findings: findings(&since.analysis.findings, &until.analysis.findings),
        engagement_index: [
            since.analysis.summary.engagement_index,
            until.analysis.summary.engagement_index,
        ],
        stakeholders: [before.len(), after.len()],
        added_opponents: after
            .iter()
            .filter(|(id, _)| !before.contains_key(*id))
            .flat_map(|(id, (s, _))| {
                s.positions
                    .iter()
                    .filter(|p| p.stance == Stance::Oppose)
                    .map(|p| ((*id).to_owned(), p.issue.clone()))
            })
            .collect(),
        names,
        summary_before: since.analysis.summary.clone(),
        findings_before: since.analysis.findings.len(),
    }
}

impl Diff {
    /// The part of the diff about some stakeholders (a meeting's attendees): their
    /// changes, findings, relationships, and the conflicts that involve one of them.
    pub fn restricted_to(&self, ids: &BTreeSet<&str>) -> Diff {
        let has = |id: &str| ids.contains(id);
        let conflict = |c: &Conflict| match c {
            Conflict::Relationship { between, .. } => between.iter().any(|id| has(id)),
            Conflict::Issue {
                support, oppose, ..
            } => support.iter().chain(oppose).any(|id| has(id)),
        };
        let mut diff = self.clone();
        diff.added.retain(|id| has(id));
        diff.removed.retain(|id| has(id));
        diff.changed.retain(|c| has(&c.id));
        diff.reused.retain(|r| has(&r.id));
        for links in [
            &mut diff.relationships.added,
            &mut diff.relationships.removed,
        ] {
            links.retain(|l| has(&l.from) || has(&l.with));
        }
        for conflicts in [&mut diff.conflicts.added, &mut diff.conflicts.removed] {
            conflicts.retain(conflict);
        }
        for findings in [&mut diff.findings.new, &mut diff.findings.resolved] {
            findings.retain(|f| f.stakeholder.as_deref().is_some_and(has));
        }
        diff.added_opponents.retain(|(id, _)| has(id));
        diff
    }
}

fn pairs<'a>(snapshot: &Snapshot<'a>) -> BTreeMap<&'a str, (&'a Stakeholder, &'a Assessment)> {
    let analysis: HashMap<&str, &Assessment> = snapshot
        .analysis
        .stakeholders
        .iter()
        .map(|a| (a.id.as_str(), a))
        .collect();
    snapshot
        .register
        .stakeholders
        .iter()
        .filter_map(|s| Some((s.id.as_str(), (s, *analysis.get(s.id.as_str())?))))
        .collect()
}

/// Every compared fact of one stakeholder, in the order a change list shows them.
fn facts(s: &Stakeholder, a: &Assessment) -> Vec<(&'static str, Value)> {
    vec![
        ("name", json!(s.name)),
        ("short", json!(s.short)),
        ("type", json!(s.kind)),
        ("role", json!(s.role)),
        ("organization", json!(s.organization)),
        ("category", json!(s.category)),
        ("involvement", json!(s.involvement)),
        ("power", json!(s.power)),
        ("interest", json!(s.interest)),
        ("influence", json!(s.influence)),
        ("impact", json!(s.impact)),
        ("legitimacy", json!(s.legitimacy)),
        ("urgency", json!(s.urgency)),
        ("engagement.current", json!(s.engagement_current)),
        ("engagement.desired", json!(s.engagement_desired)),
        ("owner", json!(s.owner)),
        ("needs", json!(s.needs)),
        ("expectations", json!(s.expectations)),
        ("tags", json!(s.tags)),
        ("next_review", json!(s.next_review)),
        ("file", json!(a.file)),
        ("quadrant", json!(a.quadrant)),
        ("salience", json!(a.salience)),
        ("key", json!(a.key)),
        ("sentiment_trend", json!(a.sentiment_trend)),
    ]
}

fn compare(
    id: &str,
    (old, old_a): (&Stakeholder, &Assessment),
    (new, new_a): (&Stakeholder, &Assessment),
    out: &mut Vec<Change>,
) {
    for ((field, from), (_, to)) in facts(old, old_a).into_iter().zip(facts(new, new_a)) {
        if from != to {
            out.push(Change {
                id: id.to_owned(),
                field: field.to_owned(),
                issue: None,
                from,
                to,
            });
        }
    }
    // Stances by issue, told apart as the issue map tells issues apart.
    let stances = |s: &Stakeholder| -> BTreeMap<String, (String, Stance)> {
        s.positions
            .iter()
            .map(|p| (issue_key(&p.issue), (p.issue.clone(), p.stance)))
            .collect()
    };
    let (before, after) = (stances(old), stances(new));
    let issues: BTreeSet<&String> = before.keys().chain(after.keys()).collect();
    for key in issues {
        let from = before.get(key);
        let to = after.get(key);
        if from.map(|f| f.1) != to.map(|t| t.1) {
            let issue = to.or(from).map(|(issue, _)| issue.clone());
            out.push(Change {
                id: id.to_owned(),
                field: "stance".into(),
                issue,
                from: json!(from.map(|f| f.1)),
                to: json!(to.map(|t| t.1)),
            });
        }
    }
}

fn links(register: &Register) -> Vec<Link> {
    let mut links: Vec<Link> = register
        .stakeholders
        .iter()
        .flat_map(|s| {
            s.relationships.iter().map(|r| Link {
                from: s.id.clone(),
                with: r.with.clone(),
                kind: r.kind.as_str().to_owned(),
            })
        })
        .collect();
    links.sort();
    links.dedup();
    links
}

fn turnover<T: PartialEq + Clone>(before: Vec<T>, after: Vec<T>) -> Turnover<T> {
    Turnover {
        added: after
            .iter()
            .filter(|x| !before.contains(x))
            .cloned()
            .collect(),
        removed: before
            .iter()
            .filter(|x| !after.contains(x))
            .cloned()
            .collect(),
    }
}

/// Conflicts are the same conflict when they are between the same two, or on the same
/// issue, whatever their strength or sides.
fn conflict_key(conflict: &Conflict) -> String {
    match conflict {
        Conflict::Relationship { between, .. } => format!("rel:{}:{}", between[0], between[1]),
        Conflict::Issue { issue, .. } => format!("issue:{}", issue_key(issue)),
    }
}

impl Turnover<Conflict> {
    fn by_key(mut self) -> Self {
        let added: BTreeSet<String> = self.added.iter().map(conflict_key).collect();
        let removed: BTreeSet<String> = self.removed.iter().map(conflict_key).collect();
        self.added.retain(|c| !removed.contains(&conflict_key(c)));
        self.removed.retain(|c| !added.contains(&conflict_key(c)));
        self
    }
}

/// What tells findings apart: kind; stakeholder, plan item, meeting; subject.
type FindingKey<'a> = (&'static str, [Option<&'a str>; 3], Option<&'a str>);

/// A finding is the same finding when it is of the same kind, about the same
/// stakeholder (plan item, meeting) and the same touch, follow-up or date: its days
/// and urgency move on with time. A silent stakeholder who became key (or stopped being key) is still the
/// same silence, not one resolved and one new.
fn finding_key(f: &Finding) -> FindingKey<'_> {
    let kind = match f.code {
        Code::KeySilent => Code::Silent,
        code => code,
    };
    (
        kind.as_str(),
        [
            f.stakeholder.as_deref(),
            f.plan_item.as_deref(),
            f.meeting.as_deref(),
        ],
        f.subject.as_deref(),
    )
}

fn findings(before: &[Finding], after: &[Finding]) -> FindingTurnover {
    let old: BTreeSet<_> = before.iter().map(finding_key).collect();
    let new: BTreeSet<_> = after.iter().map(finding_key).collect();
    FindingTurnover {
        new: after
            .iter()
            .filter(|f| !old.contains(&finding_key(f)))
            .cloned()
            .collect(),
        resolved: before
            .iter()
            .filter(|f| !new.contains(&finding_key(f)))
            .cloned()
            .collect(),
    }
}

/// Whether two names of one id share nothing: no word (without case), and for names
/// in Chinese characters no character. `Helen Brandt` → `Helen Meyer` or `Dr Helen
/// Brandt` is the same person renamed; `Helen Brandt` → `Mark Sullivan` is not.
pub fn names_differ_completely(a: &str, b: &str) -> bool {
    let words = |name: &str| -> BTreeSet<String> {
        let mut words = BTreeSet::new();
        for word in name.split(|c: char| !c.is_alphanumeric()) {
            if word.chars().any(is_cjk) {
                words.extend(word.chars().map(|c| c.to_string()));
            } else if !word.is_empty() {
                words.insert(word.to_lowercase());
            }
        }
        words
    };
    let (a, b) = (words(a), words(b));
    !a.is_empty() && !b.is_empty() && a.is_disjoint(&b)
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_changed_completely_is_told_from_a_rename() {
        assert!(!names_differ_completely("Helen Brandt", "Helen Meyer"));
        assert!(!names_differ_completely("Helen Brandt", "Dr. Helen BRANDT"));
        assert!(names_differ_completely("Helen Brandt", "Mark Sullivan"));
        assert!(!names_differ_completely("王芳", "王丽"));
        assert!(names_differ_completely("王芳", "李明"));
        assert!(!names_differ_completely("", "Mark Sullivan"));
    }
}
