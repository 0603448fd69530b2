//! Issues and conflicts: who stands where on each named issue, and where stakeholders
//! are at odds.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::Ids;
use crate::register::Register;
use crate::register::vocab::{Level, RelationKind, Stance};

/// Who takes which stance on one issue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IssueMap {
    /// The issue, as first written (in id order).
    pub issue: String,
    /// Stakeholder ids, sorted, per stance.
    pub support: Vec<String>,
    /// Against.
    pub oppose: Vec<String>,
    /// Neither.
    pub neutral: Vec<String>,
    /// Divided or undecided.
    pub mixed: Vec<String>,
}

/// A conflict the project has to manage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Conflict {
    /// A `conflict` relationship, stated in one file or both.
    Relationship {
        /// The two stakeholder ids, sorted.
        between: [String; 2],
        /// Its strength, 1–5, as first stated.
        strength: Option<Level>,
        /// Context, as first stated.
        note: Option<String>,
        /// The file of the first statement (in id order), relative to the register.
        file: String,
        /// Its line.
        line: usize,
    },
    /// An issue on which key stakeholders take opposite stances.
    Issue {
        /// The issue.
        issue: String,
        /// Key stakeholders who support it.
        support: Vec<String>,
        /// Key stakeholders who oppose it.
        oppose: Vec<String>,
    },
}

/// Issues are told apart without case and extra spaces: `Go-live date` and
/// `go-live  date` are one issue.
pub(crate) fn issue_key(issue: &str) -> String {
    issue
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The issue map, sorted by issue.
pub fn issue_map(register: &Register) -> Vec<IssueMap> {
    let mut issues: BTreeMap<String, IssueMap> = BTreeMap::new();
    // A register names few issues many times: normalise each spelling once. The map is
    // only looked up, so its order cannot reach the output.
    let mut keys: HashMap<&str, String> = HashMap::new();
    for s in &register.stakeholders {
        for position in &s.positions {
            let key = keys
                .entry(position.issue.as_str())
                .or_insert_with(|| issue_key(&position.issue));
            let entry = issues.entry(key.clone()).or_insert_with(|| IssueMap {
                issue: position.issue.clone(),
                support: Vec::new(),
                oppose: Vec::new(),
                neutral: Vec::new(),
                mixed: Vec::new(),
            });
            let ids = match position.stance {
                Stance::Support => &mut entry.support,
                Stance::Oppose => &mut entry.oppose,
                Stance::Neutral => &mut entry.neutral,
                Stance::Mixed => &mut entry.mixed,
            };
            // Stakeholders come in id order, so the lists stay sorted; a repeated
            // position of the same stakeholder is counted once.
            if ids.last() != Some(&s.id) {
                ids.push(s.id.clone());
            }
        }
    }
    issues.into_values().collect()
}

/// Conflict relationships (sorted by the pair), then the issues on which key
/// stakeholders support and oppose (in issue map order). `key[i]` says whether the
/// register's `i`-th stakeholder is key, `files[i]` is its file.
pub fn conflicts(
    register: &Register,
    ids: &Ids<'_>,
    issues: &[IssueMap],
    key: &[bool],
    files: &[String],
) -> Vec<Conflict> {
    // Keyed by position: stakeholders are sorted by id, so this is the order of ids.
    let mut pairs = BTreeMap::new();
    for (i, s) in register.stakeholders.iter().enumerate() {
        for r in &s.relationships {
            let Some(j) = ids
                .get(&r.with)
                .filter(|_| r.kind == RelationKind::Conflict)
            else {
                continue;
            };
            pairs.entry((i.min(j), i.max(j))).or_insert_with(|| {
                let id = |k: usize| register.stakeholders[k].id.clone();
                Conflict::Relationship {
                    between: [id(i.min(j)), id(i.max(j))],
                    strength: r.strength,
                    note: r.note.clone(),
                    file: files[i].clone(),
                    line: r.line,
                }
            });
        }
    }
    let is_key = |id: &String| ids.get(id).is_some_and(|i| key[i]);
    let on_issues = issues.iter().filter_map(|map| {
        let support: Vec<String> = map
            .support
            .iter()
            .filter(|id| is_key(id))
            .cloned()
            .collect();
        let oppose: Vec<String> = map.oppose.iter().filter(|id| is_key(id)).cloned().collect();
        (!support.is_empty() && !oppose.is_empty()).then(|| Conflict::Issue {
            issue: map.issue.clone(),
            support,
            oppose,
        })
    });
    pairs.into_values().chain(on_issues).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testing::{register, relationship, stakeholder};
    use crate::register::model::Position;

    fn position(issue: &str, stance: Stance) -> Position {
        Position {
            issue: issue.into(),
            stance,
            note: None,
            line: 5,
        }
    }

    #[test]
    fn issue_map_groups_spellings_and_sorts_ids() {
        let mut a = stakeholder("a", 3, 3);
        let mut b = stakeholder("b", 3, 3);
        let mut c = stakeholder("c", 3, 3);
        a.positions = vec![position("Go-live date", Stance::Support)];
        b.positions = vec![
            position("go-live  DATE", Stance::Oppose),
            position("Budget", Stance::Mixed),
        ];
        c.positions = vec![
            position("Go-live date", Stance::Support),
            position("Go-live date", Stance::Support),
        ];
        let map = issue_map(&register(vec![c, b, a]));
        assert_eq!(map.len(), 2);
        assert_eq!(map[0].issue, "Budget");
        assert_eq!(map[0].mixed, ["b"]);
        assert_eq!(map[1].issue, "Go-live date");
        assert_eq!(map[1].support, ["a", "c"]);
        assert_eq!(map[1].oppose, ["b"]);
        assert!(map[1].neutral.is_empty());
    }

    #[test]
    fn conflicts_from_relationships_and_from_opposite_key_stances() {
        let mut a = stakeholder("a", 5, 5);
        let mut b = stakeholder("b", 5, 5);
        let mut c = stakeholder("c", 1, 1);
        a.relationships = vec![relationship("b", RelationKind::Conflict)];
        b.relationships = vec![
            relationship("a", RelationKind::Conflict),
            relationship("c", RelationKind::Ally),
        ];
        a.positions = vec![
            position("Scope", Stance::Support),
            position("Date", Stance::Support),
        ];
        b.positions = vec![position("Scope", Stance::Oppose)];
        c.positions = vec![position("Date", Stance::Oppose)];
        let register = register(vec![a, b, c]);
        let issues = issue_map(&register);
        let ids = Ids::of(&register);
        let files = ["a.md", "b.md", "c.md"].map(String::from);
        let conflicts = conflicts(&register, &ids, &issues, &[true, true, false], &files);
        assert_eq!(conflicts.len(), 2, "{conflicts:?}");
        match &conflicts[0] {
            Conflict::Relationship { between, file, .. } => {
                assert_eq!(between, &["a".to_owned(), "b".to_owned()]);
                assert_eq!(file, "a.md");
            }
            other => panic!("{other:?}"),
        }
        // `Date` is opposed only by a non-key stakeholder: no conflict.
        assert_eq!(
            conflicts[1],
            Conflict::Issue {
                issue: "Scope".into(),
                support: vec!["a".into()],
                oppose: vec!["b".into()],
            }
        );
    }
}
