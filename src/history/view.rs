//! A diff as the report's templates see it (`changes`, when `stake build --since REV`
//! is given): the register compared with an earlier revision, in groups a sponsor
//! reads first — moves on the grid, engagement, stances, findings, conflicts, who came
//! and went — each stakeholder with their name.

use serde::Serialize;
use serde_json::Value;

use super::diff::{Change, Diff, End};
use crate::analysis::issues::Conflict;
use crate::analysis::summary::Summary;
use crate::i18n;
use crate::register::vocab::{EngagementLevel, Language, Vocabulary};

/// `changes` in the templates (documented in docs/history.md).
#[derive(Debug, Serialize)]
pub struct Changes<'a> {
    /// The earlier end: `rev`, `commit`, `date`, `as_of`.
    pub since: &'a End,
    /// The later end (the register built: the working tree).
    pub until: &'a End,
    /// The earlier commit's first seven digits.
    pub since_short: String,
    /// Stakeholders at both ends.
    pub stakeholders: [usize; 2],
    /// The engagement index at both ends.
    pub engagement_index: [Option<u8>; 2],
    /// Who moved quadrant: `id`, `name`, `from`, `to` (quadrants, kebab-case).
    pub moves: Vec<Move>,
    /// Current engagement changes: `id`, `name`, `from`, `to`, `up` (more engaged).
    pub engagement: Vec<Move>,
    /// Stance changes: `id`, `name`, `issue`, `from`, `to` (`null`: no stance).
    pub stances: Vec<Move>,
    /// Findings at the later end only, each with its sentence as `text`.
    pub findings_new: Value,
    /// Findings at the earlier end only, each with `text`.
    pub findings_resolved: Value,
    /// New conflicts, as in the analysis.
    pub conflicts_new: &'a [Conflict],
    /// Conflicts gone.
    pub conflicts_resolved: &'a [Conflict],
    /// Stakeholders added: `id`, `name`.
    pub added: Vec<Named>,
    /// Stakeholders removed: `id`, `name`.
    pub removed: Vec<Named>,
    /// Nothing of the above changed.
    pub none: bool,
    /// Names by id at either end (a removed stakeholder's too).
    pub names: &'a std::collections::BTreeMap<String, String>,
    /// The earlier end's key figures, as `analysis.summary` has them now (the sponsor's
    /// summary subtracts them from today's).
    pub before: &'a Summary,
    /// The number of findings at the earlier end.
    pub findings_before: usize,
    /// Who moved to another cell of the power/interest grid: `id`, and `power` and
    /// `interest` at the earlier end where they changed (levels 1–5; `null`: the same
    /// as now, or not written then).
    pub cells: Vec<Cell>,
}

/// A stakeholder's earlier grid levels, where they changed.
#[derive(Debug, Serialize)]
pub struct Cell {
    /// Id.
    pub id: String,
    /// Power then, if it changed.
    pub power: Option<u8>,
    /// Interest then, if it changed.
    pub interest: Option<u8>,
}

/// A stakeholder's change of one fact.
#[derive(Debug, Serialize)]
pub struct Move {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// For a stance: the issue.
    pub issue: Option<String>,
    /// Before.
    pub from: Value,
    /// After.
    pub to: Value,
    /// For engagement: the later level is higher (or newly assessed).
    pub up: bool,
}

/// A stakeholder by id and name.
#[derive(Debug, Serialize)]
pub struct Named {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
}

fn rank(value: &Value) -> Option<i8> {
    value
        .as_str()
        .and_then(EngagementLevel::parse)
        .map(EngagementLevel::rank)
}

/// Stakeholders at both ends whose power or interest changed from one level to another,
/// in id order.
fn cells(diff: &Diff) -> Vec<Cell> {
    let mut cells: Vec<Cell> = Vec::new();
    for c in &diff.changed {
        if c.field != "power" && c.field != "interest" {
            continue;
        }
        let (Some(then), Some(_)) = (c.from.as_u64(), c.to.as_u64()) else {
            continue;
        };
        let then = u8::try_from(then).ok();
        if cells.last().is_none_or(|last| last.id != c.id) {
            cells.push(Cell {
                id: c.id.clone(),
                power: None,
                interest: None,
            });
        }
        let cell = cells.last_mut().expect("pushed above");
        if c.field == "power" {
            cell.power = then;
        } else {
            cell.interest = then;
        }
    }
    cells
}

/// The view of `diff` for a report in `language`.
pub fn changes(diff: &Diff, language: Language) -> Changes<'_> {
    let name = |id: &str| diff.names.get(id).cloned().unwrap_or_else(|| id.to_owned());
    let moves = |field: &str| -> Vec<Move> {
        diff.changed
            .iter()
            .filter(|c| c.field == field)
            .map(|c: &Change| Move {
                id: c.id.clone(),
                name: name(&c.id),
                issue: c.issue.clone(),
                from: c.from.clone(),
                to: c.to.clone(),
                up: match (rank(&c.from), rank(&c.to)) {
                    (Some(a), Some(b)) => b > a,
                    (None, _) => true,
                    (_, None) => false,
                },
            })
            .collect()
    };
    let named = |ids: &[String]| -> Vec<Named> {
        ids.iter()
            .map(|id| Named {
                id: id.clone(),
                name: name(id),
            })
            .collect()
    };
    let worded = |findings| {
        serde_json::to_value(i18n::text::findings(language, findings)).unwrap_or_default()
    };
    let view = Changes {
        since: &diff.since,
        until: &diff.until,
        since_short: diff
            .since
            .commit
            .as_deref()
            .map(|c| c[..c.len().min(7)].to_owned())
            .unwrap_or_default(),
        stakeholders: diff.stakeholders,
        engagement_index: diff.engagement_index,
        moves: moves("quadrant"),
        engagement: moves("engagement.current"),
        stances: moves("stance"),
        findings_new: worded(&diff.findings.new),
        findings_resolved: worded(&diff.findings.resolved),
        conflicts_new: &diff.conflicts.added,
        conflicts_resolved: &diff.conflicts.removed,
        added: named(&diff.added),
        removed: named(&diff.removed),
        none: false,
        names: &diff.names,
        before: &diff.summary_before,
        findings_before: diff.findings_before,
        cells: cells(diff),
    };
    let none = view.moves.is_empty()
        && view.engagement.is_empty()
        && view.stances.is_empty()
        && diff.findings.new.is_empty()
        && diff.findings.resolved.is_empty()
        && view.conflicts_new.is_empty()
        && view.conflicts_resolved.is_empty()
        && view.added.is_empty()
        && view.removed.is_empty();
    Changes { none, ..view }
}
