//! The human output of `stake check` and `stake analyze`: headings, summary lines and
//! counts. The diagnostics of single problems stay English (their help texts quote
//! the register format, which is written in English).
//!
//! Each line is a [`Line`]; its words come from an exhaustive `match`, so a line
//! without Chinese does not compile. `{name}` placeholders are filled in one pass.

use super::text::fill;
use super::{Language, label};
use crate::analysis::findings::Finding;
use crate::register::vocab::{Quadrant, Stance};

/// A line, or part of one, of the human output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Line {
    /// `stake check`'s closing line: `{dir}`, `{stakeholders}`, `{errors}`, `{warnings}`.
    CheckSummary,
    /// A register with errors is not analysed: `{dir}`, `{errors}`.
    NotAnalysed,
    /// A register with warnings is analysed all the same: `{dir}`, `{warnings}`.
    AnalysedWithWarnings,
    /// `{name}{code}`, `{as_of}`.
    Header,
    /// The project code after its name: `{code}`.
    Code,
    /// `{stakeholders}`, `{key}`, `{index}`.
    HeaderCounts,
    /// The engagement index out of 100: `{index}`.
    Index,
    /// No engagement assessed.
    NotAssessed,
    /// Heading.
    Attention,
    /// No findings.
    NothingNeedsAttention,
    /// `{more}`, `{all}`, `{high}`, `{medium}`, `{low}`.
    MoreFindings,
    /// Heading.
    Stakeholders,
    /// `{internal}`, `{external}`, then [`Line::Unspecified`].
    Category,
    /// `{direct}`, `{indirect}`, then [`Line::Unspecified`].
    Involvement,
    /// `{n}`.
    Unspecified,
    /// `{key}`, `{non_key}`.
    Key,
    /// `{classes}`.
    Salience,
    /// `{gaps}`, `{silent}`, `{overdue}`.
    Gaps,
    /// Heading: `{threshold}`.
    Grid,
    /// `{quadrant}`, `{n}`, `{names}`.
    Quadrant,
    /// Heading.
    Conflicts,
    /// No conflicts.
    NoneRecorded,
    /// `{a}`, `{b}`.
    Versus,
    /// `{issue}`, `{support}`, `{oppose}`.
    OnBothSides,
    /// Heading.
    Issues,
    /// Heading.
    Schedule,
    /// `{n}`.
    Overdue,
    /// `{days}`, `{n}`.
    DueSoon,
    /// `{stakeholders}`.
    Suggested,
    /// After a cut list: `{n}`.
    AndMore,
    /// After a cut list of names: `{n}`.
    AndMoreNames,
    /// A touch without a date.
    AdHoc,
    /// A touch without content.
    Touch,
    /// A plan item's audience: `{item}`, `{n}`.
    ItemAudience,
    /// `{days}`.
    DaysLate,
    /// One day.
    DayLate,
    /// Heading.
    Relations,
    /// `{name}`, `{days}`.
    SinceContact,
    /// `{name}`.
    NeverContacted,
    /// `{days}`, `{names}`.
    Silent,
    /// `{names}`.
    Declining,
    /// Exact centrality.
    Betweenness,
    /// `{n}`.
    BetweennessEstimated,
    /// `{measure}`, `{names}`.
    MostCentral,
    /// `{groups}`.
    AllyGroups,
    /// An empty list.
    None,
    /// Between items of a list.
    Sep,
    /// Between a thing and what is said of it.
    Colon,
    /// Between clauses.
    Comma,
    /// Around an aside: `{aside}`.
    Aside,
    /// `stake build`'s closing line, internal edition: `{files}`, `{dir}`.
    BuiltInternal,
    /// `stake build`'s closing line, public edition: `{files}`, `{dir}`, `{records}`.
    BuiltPublic,
    /// A file `stake brief` wrote: `{file}`, `{attendees}`.
    BriefWrote,
}

impl Line {
    /// The English and the Chinese.
    fn words(self) -> (&'static str, &'static str) {
        match self {
            Line::CheckSummary => (
                "{dir}: {stakeholders}, {errors}, {warnings}",
                "{dir}：{stakeholders}，{errors}，{warnings}",
            ),
            Line::NotAnalysed => (
                "{dir}: {errors}; fix the register before analysing it",
                "{dir}：{errors}；请先修正登记册再分析",
            ),
            Line::AnalysedWithWarnings => (
                "note: {dir} has {warnings}; `stake check {dir}` shows them",
                "提示：{dir} 有 {warnings}；`stake check {dir}` 列出全部",
            ),
            Line::Header => (
                "{name}: analysis as of {as_of}",
                "{name}：截至 {as_of} 的分析",
            ),
            Line::Code => (" ({code})", "（{code}）"),
            Line::HeaderCounts => (
                "{stakeholders}, {key} key; engagement index {index}",
                "{stakeholders}，其中关键 {key} 个；参与度指数 {index}",
            ),
            Line::Index => ("{index}/100", "{index}/100"),
            Line::NotAssessed => ("not assessed", "未评估"),
            Line::Attention => ("Attention", "需关注事项"),
            Line::NothingNeedsAttention => ("nothing needs attention", "目前没有需要关注的事项"),
            Line::MoreFindings => (
                "… {more} more ({all} findings in all: {high} high, {medium} medium, {low} low; `--format json` lists every one)",
                "… 另有 {more} 项（共 {all} 项：高 {high}、中 {medium}、低 {low}；`--format json` 列出全部）",
            ),
            Line::Stakeholders => ("Stakeholders", "干系人"),
            Line::Category => (
                "internal {internal}, external {external}",
                "内部 {internal}，外部 {external}",
            ),
            Line::Involvement => (
                "direct {direct}, indirect {indirect}",
                "直接 {direct}，间接 {indirect}",
            ),
            Line::Unspecified => (", unspecified {n}", "，未填 {n}"),
            Line::Key => (
                "key {key}, non-key {non_key}",
                "关键 {key}，非关键 {non_key}",
            ),
            Line::Salience => ("salience: {classes}", "凸显性：{classes}"),
            Line::Gaps => (
                "below desired engagement {gaps}, silent {silent}, overdue touches {overdue}",
                "低于期望参与度 {gaps}，沉默 {silent}，逾期沟通 {overdue}",
            ),
            Line::Grid => (
                "Power/interest grid (high: {threshold} or more on the 1–5 scale)",
                "权力/利益方格（1–5 分中 {threshold} 分及以上为“高”）",
            ),
            Line::Quadrant => ("{quadrant} ({n}): {names}", "{quadrant}（{n}）：{names}"),
            Line::Conflicts => ("Conflicts", "冲突"),
            Line::NoneRecorded => ("none recorded", "未记录"),
            Line::Versus => ("{a} vs {b}", "{a} 与 {b}"),
            Line::OnBothSides => (
                "{issue}: key stakeholders on both sides",
                "{issue}：关键干系人立场相反",
            ),
            Line::Issues => ("Issues", "议题"),
            Line::Schedule => ("Schedule", "沟通日程"),
            Line::Overdue => ("overdue ({n}):", "已逾期（{n}）："),
            Line::DueSoon => (
                "due in the next {days} days ({n}):",
                "未来 {days} 天内到期（{n}）：",
            ),
            Line::Suggested => (
                "{stakeholders} without a plan: the quadrant's default cadence is suggested (`suggested` in the JSON)",
                "{stakeholders}没有沟通计划：建议采用所在象限的默认频率（JSON 中的 `suggested`）",
            ),
            Line::AndMore => ("… and {n} more", "… 另有 {n} 项"),
            Line::AndMoreNames => (" … and {n} more", " … 另有 {n} 个"),
            Line::AdHoc => ("ad hoc", "按需"),
            Line::Touch => ("touch", "沟通"),
            Line::ItemAudience => ("{item} ({n} stakeholders)", "{item}（{n} 位干系人）"),
            Line::DaysLate => ("{days} days late", "逾期 {days} 天"),
            Line::DayLate => ("1 day late", "逾期 1 天"),
            Line::Relations => ("Relations", "关系"),
            Line::SinceContact => (
                "{name} ({days} since last contact)",
                "{name}（{days}无往来）",
            ),
            Line::NeverContacted => ("{name} (no contact recorded)", "{name}（无往来记录）"),
            Line::Silent => (
                "silent for {days}+ days: {names}",
                "{days} 天以上无往来：{names}",
            ),
            Line::Declining => ("sentiment declining: {names}", "态度下滑：{names}"),
            Line::Betweenness => ("betweenness", "介数中心度"),
            Line::BetweennessEstimated => (
                "betweenness estimated from {n} stakeholders",
                "按 {n} 个干系人估算的介数中心度",
            ),
            Line::MostCentral => (
                "most central ({measure}): {names}",
                "最核心（{measure}）：{names}",
            ),
            Line::AllyGroups => ("ally groups: {groups}", "同盟分组：{groups}"),
            Line::None => ("none", "无"),
            Line::Sep => (", ", "、"),
            Line::Colon => (": ", "："),
            Line::Comma => (", ", "，"),
            Line::Aside => (" ({aside})", "（{aside}）"),
            Line::BuiltInternal => (
                "built {files} into {dir} (internal edition, with confidential fields: do not forward; `--public` builds the edition to share)",
                "已生成 {files}，位于 {dir}（内部版，含保密字段，请勿转发；`--public` 生成可分享的公开版）",
            ),
            Line::BuiltPublic => (
                "built {files} into {dir} (public edition, {records} left out)",
                "已生成 {files}，位于 {dir}（公开版，未列入 {records}）",
            ),
            Line::BriefWrote => ("wrote {file} ({attendees})", "已写入 {file}（{attendees}）"),
        }
    }
}

/// The words of the human output in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Words {
    /// The language written.
    pub language: Language,
}

impl Words {
    /// The words of `language`.
    pub fn new(language: Language) -> Words {
        Words { language }
    }

    /// A line as written, without placeholders.
    pub fn get(self, line: Line) -> &'static str {
        let (en, zh) = line.words();
        super::pick(self.language, en, zh)
    }

    /// A line with its placeholders filled in.
    pub fn say(self, line: Line, values: &[(&str, &str)]) -> String {
        fill(self.get(line), values)
    }

    /// A count of a thing: `1 stakeholder`, `3 errors`, `3 个错误`.
    pub fn count(self, n: usize, what: Counted) -> String {
        let (one, many, zh) = match what {
            Counted::Stakeholder => ("stakeholder", "stakeholders", "个干系人"),
            Counted::Error => ("error", "errors", "个错误"),
            Counted::Warning => ("warning", "warnings", "个警告"),
            Counted::Day => ("day", "days", "天"),
            Counted::File => ("file", "files", "个文件"),
            Counted::ConfidentialRecord => {
                ("confidential record", "confidential records", "条保密记录")
            }
            Counted::Attendee => ("attendee", "attendees", "位与会者"),
        };
        match self.language {
            Language::En if n == 1 => format!("{n} {one}"),
            Language::En => format!("{n} {many}"),
            Language::ZhCn => format!("{n} {zh}"),
        }
    }

    /// A finding's sentence naming its stakeholder (`name`): the analysis's own in
    /// English (as in the JSON), else the report's after the name.
    pub fn finding(self, finding: &Finding, name: &str) -> String {
        match self.language {
            Language::En => finding.message.clone(),
            Language::ZhCn => format!(
                "{name}{}{}",
                self.get(Line::Colon),
                super::text::finding(self.language, finding)
            ),
        }
    }

    /// A severity word: `high`, `高`.
    pub fn severity(self, severity: crate::analysis::findings::Severity) -> &'static str {
        match self.language {
            Language::En => severity.as_str(),
            Language::ZhCn => label(self.language, &format!("severity.{}", severity.as_str())),
        }
    }

    /// A quadrant of the grid: `manage closely`, `重点管理`.
    pub fn quadrant(self, quadrant: Quadrant) -> &'static str {
        let (en, zh) = match quadrant {
            Quadrant::ManageClosely => ("manage closely", "重点管理"),
            Quadrant::KeepSatisfied => ("keep satisfied", "令其满意"),
            Quadrant::KeepInformed => ("keep informed", "随时告知"),
            Quadrant::Monitor => ("monitor", "监督"),
        };
        super::pick(self.language, en, zh)
    }

    /// A stance on an issue: `support`, `支持`.
    pub fn stance(self, stance: Stance) -> &'static str {
        let (en, zh) = match stance {
            Stance::Support => ("support", "支持"),
            Stance::Oppose => ("oppose", "反对"),
            Stance::Neutral => ("neutral", "中立"),
            Stance::Mixed => ("mixed", "分歧"),
        };
        super::pick(self.language, en, zh)
    }

    /// A salience class of the summary's counts, by its analysis JSON key, with `level`
    /// the threshold's level word; `unassessed` for those not assessed.
    pub fn salience(self, class: &str, threshold: u8) -> String {
        let (en, zh) = match class {
            "definitive" => ("definitive", "决定型"),
            "dominant" => ("dominant", "支配型"),
            "dangerous" => ("dangerous", "危险型"),
            "dependent" => ("dependent", "依赖型"),
            "dormant" => ("dormant", "潜伏型"),
            "discretionary" => ("discretionary", "自主型"),
            "demanding" => ("demanding", "苛求型"),
            // Not "non-stakeholder": everyone in the register is one.
            "non-stakeholder" => ("no attribute reaching {level}", "无属性达到“{level}”"),
            _ => ("not assessed", "未评估"),
        };
        fill(
            super::pick(self.language, en, zh),
            &[("level", super::level(self.language, threshold))],
        )
    }
}

/// What [`Words::count`] counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    /// Stakeholders.
    Stakeholder,
    /// Errors.
    Error,
    /// Warnings.
    Warning,
    /// Days.
    Day,
    /// Files written.
    File,
    /// Records a public edition leaves out.
    ConfidentialRecord,
    /// Attendees of a brief.
    Attendee,
}
