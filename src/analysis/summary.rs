//! The register in numbers: the seed's classifications as counts, and the engagement
//! index.

use serde::Serialize;

use super::Assessment;
use super::findings::{Finding, Severity};
use super::issues::Conflict;
use super::salience::Salience;
use super::schedule::ScheduledTouch;
use crate::register::vocab::{Category, Date, Involvement, Quadrant};

/// Counts over the whole register.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Number of stakeholders.
    pub stakeholders: usize,
    /// Internal / external (内部 / 外部).
    pub category: CategoryCounts,
    /// Direct / indirect (直接 / 间接).
    pub involvement: InvolvementCounts,
    /// Key / non-key (关键 / 非关键).
    pub key: KeyCounts,
    /// Per quadrant of the power/interest grid.
    pub quadrants: QuadrantCounts,
    /// Per salience class.
    pub salience: SalienceCounts,
    /// Stakeholders below their desired engagement.
    pub engagement_gaps: usize,
    /// Silent stakeholders.
    pub silent: usize,
    /// Planned touches past due (recorded as kept at least once).
    pub overdue_touches: usize,
    /// Planned touches due before `as_of` with no record yet of being kept.
    pub unrecorded_touches: usize,
    /// Conflicts (relationships and issues).
    pub conflicts: usize,
    /// Findings per severity.
    pub findings: SeverityCounts,
    /// How much of the weighted desired engagement is reached, 0–100; `null` when no
    /// stakeholder has both levels recorded (or, in a public edition, when it is
    /// withheld).
    pub engagement_index: Option<u8>,
    /// Figures a public edition leaves out because they derive from confidential fields
    /// (`engagement_index`). Always empty in the internal edition.
    pub withheld: Vec<&'static str>,
}

/// Internal / external.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CategoryCounts {
    /// Internal.
    pub internal: usize,
    /// External.
    pub external: usize,
    /// Not recorded.
    pub unspecified: usize,
}

/// Direct / indirect.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct InvolvementCounts {
    /// Direct.
    pub direct: usize,
    /// Indirect.
    pub indirect: usize,
    /// Not recorded.
    pub unspecified: usize,
}

/// Key / non-key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct KeyCounts {
    /// Key.
    pub key: usize,
    /// Non-key.
    pub non_key: usize,
}

/// Per quadrant.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct QuadrantCounts {
    /// Manage closely.
    pub manage_closely: usize,
    /// Keep satisfied.
    pub keep_satisfied: usize,
    /// Keep informed.
    pub keep_informed: usize,
    /// Monitor.
    pub monitor: usize,
}

/// Per salience class.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct SalienceCounts {
    /// Definitive.
    pub definitive: usize,
    /// Dominant.
    pub dominant: usize,
    /// Dangerous.
    pub dangerous: usize,
    /// Dependent.
    pub dependent: usize,
    /// Dormant.
    pub dormant: usize,
    /// Discretionary.
    pub discretionary: usize,
    /// Demanding.
    pub demanding: usize,
    /// Non-stakeholder.
    pub non_stakeholder: usize,
    /// Neither legitimacy nor urgency recorded.
    pub unassessed: usize,
}

impl QuadrantCounts {
    /// Counts one stakeholder in `quadrant`.
    pub fn add(&mut self, quadrant: Quadrant) {
        *match quadrant {
            Quadrant::ManageClosely => &mut self.manage_closely,
            Quadrant::KeepSatisfied => &mut self.keep_satisfied,
            Quadrant::KeepInformed => &mut self.keep_informed,
            Quadrant::Monitor => &mut self.monitor,
        } += 1;
    }
}

impl SalienceCounts {
    /// Counts one stakeholder of a salience class (`None`: unassessed).
    pub fn add(&mut self, salience: Option<Salience>) {
        *match salience {
            Some(Salience::Definitive) => &mut self.definitive,
            Some(Salience::Dominant) => &mut self.dominant,
            Some(Salience::Dangerous) => &mut self.dangerous,
            Some(Salience::Dependent) => &mut self.dependent,
            Some(Salience::Dormant) => &mut self.dormant,
            Some(Salience::Discretionary) => &mut self.discretionary,
            Some(Salience::Demanding) => &mut self.demanding,
            Some(Salience::NonStakeholder) => &mut self.non_stakeholder,
            None => &mut self.unassessed,
        } += 1;
    }
}

/// Findings per severity.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SeverityCounts {
    /// High.
    pub high: usize,
    /// Medium.
    pub medium: usize,
    /// Low.
    pub low: usize,
}

/// The summary of the analysed register.
pub fn summary(
    assessments: &[Assessment],
    schedule: &[ScheduledTouch],
    conflicts: &[Conflict],
    findings: &[Finding],
    engagement_index: Option<u8>,
    as_of: Date,
) -> Summary {
    let mut summary = Summary {
        stakeholders: assessments.len(),
        conflicts: conflicts.len(),
        engagement_index,
        ..Summary::default()
    };
    for a in assessments {
        // A public edition counts what it shows: a withheld fact is in no count.
        let shown = |fact: &str| !a.withheld.contains(&fact);
        let category = &mut summary.category;
        if shown("category") {
            *match a.category {
                Some(Category::Internal) => &mut category.internal,
                Some(Category::External) => &mut category.external,
                None => &mut category.unspecified,
            } += 1;
        }
        let involvement = &mut summary.involvement;
        if shown("involvement") {
            *match a.involvement {
                Some(Involvement::Direct) => &mut involvement.direct,
                Some(Involvement::Indirect) => &mut involvement.indirect,
                None => &mut involvement.unspecified,
            } += 1;
        }
        if shown("key") {
            *if a.key {
                &mut summary.key.key
            } else {
                &mut summary.key.non_key
            } += 1;
        }
        summary.quadrants.add(a.quadrant);
        if shown("salience") {
            summary.salience.add(a.salience);
        }
        summary.engagement_gaps += usize::from(a.engagement.open());
        summary.silent += usize::from(a.silent);
    }
    summary.overdue_touches = schedule
        .iter()
        .filter(|t| t.overdue && !t.suggested)
        .count();
    summary.unrecorded_touches = schedule
        .iter()
        .filter(|t| !t.recorded && !t.suggested && t.date.is_some_and(|d| d < as_of))
        .count();
    for finding in findings {
        let counts = &mut summary.findings;
        *match finding.severity {
            Severity::High => &mut counts.high,
            Severity::Medium => &mut counts.medium,
            Severity::Low => &mut counts.low,
        } += 1;
    }
    summary
}
