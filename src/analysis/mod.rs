//! The analysis: every derived fact of a register, as pure functions of the register and
//! the date the analysis is "today" for. No I/O, no formatting, no clock.
//!
//! [`analyze`] runs them all and returns an [`Analysis`], whose JSON form (`stake analyze
//! --format json`) is the stable shape documented in `docs/analysis.md`.

pub mod calendar;
pub mod edition;
pub mod engagement;
pub mod feedback;
pub mod findings;
pub mod grid;
pub mod inputs;
pub mod issues;
pub mod network;
pub mod room;
pub mod salience;
pub mod schedule;
pub mod sentiment;
pub mod since;
pub mod summary;
#[cfg(test)]
pub(crate) mod testing;
pub mod view;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use rayon::prelude::*;
use serde::{Serialize, Serializer};

use crate::register::model::Cadence;
use crate::register::vocab::{Category, Date, Involvement, Language, Level, Quadrant};
use crate::register::{Project, Register, Stakeholder};
use edition::Edition;
use engagement::Engagement;
use findings::{Finding, Subject};
use grid::Strategy;
use inputs::Fields;
use issues::{Conflict, IssueMap};
use network::Network;
use salience::Salience;
use schedule::ScheduledTouch;
use sentiment::Trend;
use summary::Summary;
pub use view::Analysed;

/// Everything the analysis derives from a register on a date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Analysis {
    /// The project's settings.
    pub project: ProjectInfo,
    /// The date the analysis is for.
    pub as_of: Date,
    /// Internal (everything) or public (a view leaving out what derives from
    /// confidential fields: [`edition`]).
    pub edition: Edition,
    /// One assessment per stakeholder, sorted by id.
    pub stakeholders: Vec<Assessment>,
    /// Conflict relationships, then issues with key stakeholders on opposite sides.
    pub conflicts: Vec<Conflict>,
    /// Who stands where on each issue, sorted by issue.
    pub issues: Vec<IssueMap>,
    /// The next occurrence of every touch, by date (undated ad-hoc touches last), then
    /// stakeholder.
    pub schedule: Vec<ScheduledTouch>,
    /// The relationship graph.
    pub network: Network,
    /// What needs attention, most urgent first.
    pub findings: Vec<Finding>,
    /// Counts and the engagement index.
    pub summary: Summary,
}

/// The project settings the analysis used.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProjectInfo {
    /// Name.
    pub name: String,
    /// Code.
    pub code: Option<String>,
    /// Project manager.
    pub manager: Option<String>,
    /// Sponsor: free text or a stakeholder id.
    pub sponsor: Option<String>,
    /// Language of report labels, as a BCP 47 tag (`en`, `zh-CN`).
    #[serde(serialize_with = "language_tag")]
    pub language: Language,
    /// Where "high" starts on the 1–5 scale.
    pub threshold: Level,
    /// Days without interaction after which a stakeholder is silent.
    pub silent_after_days: u32,
    /// The default cadence per quadrant.
    pub cadence: BTreeMap<Quadrant, Cadence>,
}

fn language_tag<S: Serializer>(language: &Language, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(language.tag())
}

/// What the analysis derives about one stakeholder.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Short name (format v2), for where space is tight; absent when none is given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub short: Option<String>,
    /// The file, relative to the register, with `/` separators.
    pub file: String,
    /// Internal or external.
    pub category: Option<Category>,
    /// Direct or indirect.
    pub involvement: Option<Involvement>,
    /// Key: as written, else derived (manage closely, keep satisfied or definitive).
    pub key: bool,
    /// Power, 1–5.
    pub power: Level,
    /// Interest, 1–5.
    pub interest: Level,
    /// Quadrant of the power/interest grid.
    pub quadrant: Quadrant,
    /// Mendelow's strategy for that quadrant.
    pub strategy: Strategy,
    /// Salience class; `None` when neither legitimacy nor urgency is recorded.
    pub salience: Option<Salience>,
    /// Current and desired engagement, and the gap.
    pub engagement: Engagement,
    /// Who keeps the relationship.
    pub owner: Option<String>,
    /// The last interaction up to `as_of`.
    pub last_contact: Option<Date>,
    /// The earliest next due date in the stakeholder's schedule (planned or suggested).
    pub next_due: Option<Date>,
    /// Days the most overdue planned touch is past due (0 when none is; a suggested
    /// touch is never overdue).
    pub overdue_days: u32,
    /// The touch due on `next_due` was never recorded as kept: it is "no record yet",
    /// not overdue.
    pub next_due_unrecorded: bool,
    /// No interaction for `silent_after_days`, or never.
    pub silent: bool,
    /// Direction of sentiment; `None` with fewer than two scored interactions.
    pub sentiment_trend: Option<Trend>,
    /// The latest sentiment on the 1–5 satisfaction scale.
    pub satisfaction: Option<u8>,
    /// Betweenness centrality, 0–1, four decimals.
    pub centrality: f64,
    /// Tags.
    pub tags: Vec<String>,
    /// The whole record is confidential (left out of public reports).
    pub confidential: bool,
    /// Where the stakeholder stands in [`findings::attention_order`], 1 first.
    #[serde(skip)]
    pub attention: usize,
    /// The facts (field names above) a public edition leaves out because they derive
    /// from a confidential field; their values are then empty. Always empty in the
    /// internal edition.
    pub withheld: Vec<&'static str>,
}

impl Assessment {
    /// Each fact a public edition may leave out, with the fields of `s` it is derived
    /// from. The grid (power, interest, quadrant, strategy) is not here: a record whose
    /// grid is confidential is left out whole. Centrality depends on the whole network
    /// ([`edition`] decides it there).
    pub fn sources(s: &Stakeholder) -> [(&'static str, Fields); 14] {
        let log = Fields::INTERACTIONS;
        let schedule = schedule::inputs(s);
        [
            ("category", Fields::CATEGORY),
            ("involvement", Fields::INVOLVEMENT),
            ("key", Fields::key_of(s)),
            (
                "salience",
                Fields::POWER | Fields::LEGITIMACY | Fields::URGENCY,
            ),
            ("engagement", Fields::ENGAGEMENT),
            ("owner", Fields::OWNER),
            ("last_contact", log),
            ("silent", log),
            ("sentiment_trend", log),
            ("satisfaction", log),
            ("next_due", schedule),
            ("overdue_days", schedule),
            ("next_due_unrecorded", schedule),
            ("tags", Fields::TAGS),
        ]
    }
}

/// Analyses a register as of a date.
pub fn analyze(register: &Register, as_of: Date) -> Analysis {
    let project = &register.project;
    let ids = Ids::of(register);
    let (items, member_of) = schedule::plan_items(register, as_of);
    // The network and the stakeholders' own facts do not depend on each other: on a
    // large register they run side by side. Parallel collects keep register order.
    let ((network, centrality), (mut assessments, touches)) = rayon::join(
        || network::network(register, &ids),
        || -> (Vec<Assessment>, Vec<Vec<ScheduledTouch>>) {
            register
                .stakeholders
                .par_iter()
                .zip(&member_of)
                .map(|(s, member_of)| {
                    let items: Vec<&ScheduledTouch> =
                        member_of.iter().map(|&i| &items[i]).collect();
                    assess(s, project, &items, as_of)
                })
                .unzip()
        },
    );
    for (assessment, centrality) in assessments.iter_mut().zip(centrality) {
        assessment.centrality = centrality;
    }

    let issues = issues::issue_map(register);
    let key: Vec<bool> = assessments.iter().map(|a| a.key).collect();
    let files: Vec<String> = assessments.iter().map(|a| a.file.clone()).collect();
    let conflicts = issues::conflicts(register, &ids, &issues, &key, &files);
    let subjects: Vec<Subject<'_>> = register
        .stakeholders
        .iter()
        .zip(&assessments)
        .zip(&touches)
        .zip(&member_of)
        .map(
            |(((stakeholder, assessment), touches), member_of)| Subject {
                stakeholder,
                assessment,
                seen: schedule::seen(&stakeholder.interactions, as_of),
                touches,
                in_audience: !member_of.is_empty(),
            },
        )
        .collect();
    let findings = findings::findings(&subjects, &items, &assessments, register, as_of);
    rank(&mut assessments, &findings);
    let engagement_index = engagement::index(
        register
            .stakeholders
            .iter()
            .zip(&assessments)
            .map(|(s, a)| (s, a.engagement)),
    );
    let mut schedule: Vec<ScheduledTouch> = touches.into_iter().flatten().chain(items).collect();
    // By date, then whose: a stakeholder's id or a plan item's (they share no ids).
    schedule.sort_by(|a, b| {
        let key = |t: &ScheduledTouch| {
            (
                t.date.is_none(),
                t.date,
                t.stakeholder.clone().or_else(|| t.item.clone()),
            )
        };
        key(a).cmp(&key(b))
    });
    let summary = summary::summary(
        &assessments,
        &schedule,
        &conflicts,
        &findings,
        engagement_index,
        as_of,
    );
    Analysis {
        project: ProjectInfo {
            name: project.name.clone(),
            code: project.code.clone(),
            manager: project.manager.clone(),
            sponsor: project.sponsor.clone(),
            language: project.language,
            threshold: project.threshold,
            silent_after_days: project.silent_after_days,
            cadence: project.cadence.clone(),
        },
        as_of,
        edition: Edition::Internal,
        stakeholders: assessments,
        conflicts,
        issues,
        schedule,
        network,
        findings,
        summary,
    }
}

/// The position of each stakeholder in the register by id. Only ever looked up, never
/// iterated, so the hash order cannot reach the output; a hash lookup avoids chasing
/// the large stakeholder records through memory as a binary search would.
pub struct Ids<'a>(HashMap<&'a str, usize>);

impl<'a> Ids<'a> {
    /// The index of a register.
    pub fn of(register: &'a Register) -> Ids<'a> {
        let ids = register.stakeholders.iter().enumerate();
        Ids(ids.map(|(i, s)| (s.id.as_str(), i)).collect())
    }

    /// The index of assessments (in their order).
    pub fn of_assessments(assessments: &'a [Assessment]) -> Ids<'a> {
        let ids = assessments.iter().enumerate();
        Ids(ids.map(|(i, a)| (a.id.as_str(), i)).collect())
    }

    /// The position of the stakeholder with this id.
    pub fn get(&self, id: &str) -> Option<usize> {
        self.0.get(id).copied()
    }
}

/// What one stakeholder's record says once analysed (centrality aside: it needs the
/// whole network), and its schedule.
/// `items`: the plan items whose audience the stakeholder is in; they count in the
/// stakeholder's next due date and days overdue, as planned communication to them.
fn assess(
    s: &Stakeholder,
    project: &Project,
    items: &[&ScheduledTouch],
    as_of: Date,
) -> (Assessment, Vec<ScheduledTouch>) {
    let threshold = project.threshold;
    let file = file_name(&s.file);
    let quadrant = grid::quadrant(s.power, s.interest, threshold);
    let salience = salience::salience(s, threshold);
    let seen = schedule::seen(&s.interactions, as_of);
    let last_contact = seen.last().map(|i| i.date);
    let scores: Vec<f64> = seen
        .iter()
        .filter_map(|i| i.sentiment.map(|s| s.score()))
        .collect();
    let in_audience = !items.is_empty();
    let touches = schedule::touches(
        s,
        seen,
        quadrant,
        &project.cadence,
        in_audience,
        as_of,
        &file,
    );
    let planned = || touches.iter().chain(items.iter().copied());
    let next_due = planned().filter_map(|t| t.date).min();
    // A suggestion is never overdue (it is not a plan): the days are those of the
    // planned touches, so the profile, the plan and the counts agree.
    let overdue_days = planned()
        .filter(|t| !t.suggested)
        .map(|t| t.overdue_days)
        .max()
        .unwrap_or(0);
    let assessment = Assessment {
        id: s.id.clone(),
        name: s.name.clone(),
        short: s.short.clone(),
        file,
        category: s.category,
        involvement: s.involvement,
        key: s.key.unwrap_or(derived_key(quadrant, salience)),
        power: s.power,
        interest: s.interest,
        quadrant,
        strategy: quadrant.into(),
        salience,
        engagement: Engagement::of(s),
        owner: s.owner.clone(),
        last_contact,
        next_due,
        overdue_days,
        next_due_unrecorded: planned()
            .any(|t| t.date == next_due && next_due.is_some() && !t.recorded && !t.suggested),
        silent: schedule::silent(last_contact, as_of, project.silent_after_days),
        sentiment_trend: sentiment::trend(&scores),
        // Scores are whole numbers from 1 to 5.
        satisfaction: scores.last().map(|&score| score as u8),
        centrality: 0.0,
        tags: s.tags.clone(),
        confidential: s.confidential_record,
        withheld: Vec::new(),
        attention: 0,
    };
    (assessment, touches)
}

/// Sets each assessment's place in the attention order.
pub(crate) fn rank(assessments: &mut [Assessment], findings: &[Finding]) {
    for (place, i) in findings::attention_order(assessments, findings)
        .into_iter()
        .enumerate()
    {
        assessments[i].attention = place + 1;
    }
}

/// Key unless written otherwise: the grid's high-power quadrants, or definitive salience.
pub(crate) fn derived_key(quadrant: Quadrant, salience: Option<Salience>) -> bool {
    matches!(quadrant, Quadrant::ManageClosely | Quadrant::KeepSatisfied)
        || salience == Some(Salience::Definitive)
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: Date, to: Date) -> i64 {
    from.duration_until(to).as_secs() / 86_400
}

/// A register-relative path with `/` separators on every platform, so the JSON is the
/// same everywhere.
pub(crate) fn file_name(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

impl Analysis {
    /// The assessment of the stakeholder with this id.
    pub fn get(&self, id: &str) -> Option<&Assessment> {
        self.stakeholders
            .binary_search_by(|a| a.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.stakeholders[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use testing::{date, register, stakeholder};

    #[test]
    fn key_is_as_written_else_derived() {
        let mut written = stakeholder("a", 1, 1);
        written.key = Some(true);
        let mut demoted = stakeholder("b", 5, 5);
        demoted.key = Some(false);
        let satisfied = stakeholder("c", 5, 1);
        let informed = stakeholder("d", 1, 5);
        let mut definitive = stakeholder("e", 4, 1);
        definitive.legitimacy = Some(crate::register::vocab::Attribute::Flag(true));
        definitive.urgency = Some(crate::register::vocab::Attribute::Flag(true));
        let register = register(vec![written, demoted, satisfied, informed, definitive]);
        let analysis = analyze(&register, date("2026-11-20"));
        let key: Vec<bool> = analysis.stakeholders.iter().map(|a| a.key).collect();
        assert_eq!(key, [true, false, true, false, true]);
        assert_eq!(analysis.summary.key.key, 3);
        assert_eq!(
            analysis.get("d").map(|a| a.quadrant),
            Some(Quadrant::KeepInformed)
        );
    }

    #[test]
    fn days_between_dates() {
        assert_eq!(days_between(date("2026-02-28"), date("2026-03-01")), 1);
        assert_eq!(days_between(date("2026-03-01"), date("2026-02-28")), -1);
        assert_eq!(days_between(date("2025-11-20"), date("2026-11-20")), 365);
    }

    #[test]
    fn output_is_deterministic() {
        let mut a = stakeholder("a", 5, 5);
        a.relationships = vec![testing::relationship(
            "b",
            crate::register::vocab::RelationKind::Ally,
        )];
        let register = register(vec![a, stakeholder("b", 2, 3), stakeholder("c", 4, 1)]);
        let first = serde_json::to_string(&analyze(&register, date("2026-11-20"))).unwrap();
        let second = serde_json::to_string(&analyze(&register, date("2026-11-20"))).unwrap();
        assert_eq!(first, second);
    }
}
