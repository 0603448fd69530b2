//! The closed vocabularies of the register: levels, frequencies and enumerations, each
//! accepted in English and Chinese and normalised to one English kebab-case word.

use std::fmt;

use schemars::JsonSchema;
use serde::Serialize;

use super::day_rule::DayRule;

/// A value a user writes as one scalar, parsed from its text. `parse` returns `None` for
/// text that is not a valid spelling; the loader then reports the spellings that are.
pub trait Vocabulary: Sized {
    /// Parses one scalar as written (already trimmed).
    fn parse(text: &str) -> Option<Self>;
    /// What to write instead, for the `help:` line of a diagnostic.
    fn expected() -> String;
    /// Spellings to suggest from when a word is misspelt.
    fn spellings() -> &'static [&'static str] {
        &[]
    }
    /// JSON Schema of the accepted spellings.
    fn schema() -> schemars::Schema;
}

/// Lowercases and treats `_` and spaces like `-`, so `Very High`, `very_high` and
/// `very-high` are one word.
pub fn normalise(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| match c {
            '_' | ' ' => '-',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// Whether `written` is `spelling` up to [`normalise`], without allocating.
fn same_word(written: &str, spelling: &str) -> bool {
    let fold = |c: char| match c {
        '_' | ' ' => '-',
        c => c.to_ascii_lowercase(),
    };
    written.chars().map(fold).eq(spelling.chars().map(fold))
}

/// Defines an enumeration with its English name and all its accepted spellings.
macro_rules! vocabulary {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $word:literal $(| $alias:literal)*,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(rename_all = "kebab-case")]
        pub enum $name { $($(#[$vmeta])* $variant,)+ }

        impl $name {
            /// Every value, in order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The canonical spelling, as in JSON output: an English kebab-case word
            /// (`zh-CN` for the language).
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word,)+ }
            }
        }

        impl Vocabulary for $name {
            fn parse(text: &str) -> Option<Self> {
                let text = text.trim();
                $(
                    if same_word(text, $word) $(|| same_word(text, $alias))* {
                        return Some($name::$variant);
                    }
                )+
                None
            }
            fn expected() -> String {
                format!("one of {}", [$(concat!("`", $word, "`")),+].join(", "))
            }
            fn spellings() -> &'static [&'static str] {
                &[$($word, $($alias,)*)+]
            }
            fn schema() -> schemars::Schema {
                schemars::json_schema!({ "type": "string", "enum": Self::spellings() })
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

vocabulary! {
    /// What a stakeholder record describes.
    pub enum Kind {
        /// A person.
        Person = "person" | "个人" | "人员",
        /// A group of people, e.g. the works council.
        Group = "group" | "群体" | "团体",
        /// An organisation, e.g. a supplier or an authority.
        Organization = "organization" | "organisation" | "组织" | "机构" | "单位",
    }
}

vocabulary! {
    /// Inside or outside the performing organisation (内部 / 外部).
    pub enum Category {
        /// Inside the performing organisation.
        Internal = "internal" | "内部",
        /// Outside it.
        External = "external" | "外部",
    }
}

vocabulary! {
    /// Directly or indirectly involved in the project (直接 / 间接).
    pub enum Involvement {
        /// Directly involved.
        Direct = "direct" | "直接",
        /// Indirectly involved.
        Indirect = "indirect" | "间接",
    }
}

vocabulary! {
    /// PMBOK engagement levels, in order from least to most engaged.
    pub enum EngagementLevel {
        /// Unaware of the project and its impacts.
        Unaware = "unaware" | "不知晓" | "不了解",
        /// Aware, and resisting change.
        Resistant = "resistant" | "抵制" | "抵触",
        /// Aware, and neither supportive nor resistant.
        Neutral = "neutral" | "中立",
        /// Aware, and supportive of change.
        Supportive = "supportive" | "支持",
        /// Aware, and actively engaged in making it succeed.
        Leading = "leading" | "领导" | "主导",
    }
}

impl EngagementLevel {
    /// 1 (unaware) to 5 (leading): the rank used for gaps.
    pub fn rank(self) -> i8 {
        self as i8 + 1
    }
}

vocabulary! {
    /// A stakeholder's stance on a named issue.
    pub enum Stance {
        /// In favour.
        Support = "support" | "支持",
        /// Against.
        Oppose = "oppose" | "反对",
        /// Neither for nor against.
        Neutral = "neutral" | "中立",
        /// Divided or wavering.
        Mixed = "mixed" | "分歧" | "摇摆",
    }
}

vocabulary! {
    /// The kind of a relationship between two stakeholders.
    pub enum RelationKind {
        /// Works together with the other.
        Ally = "ally" | "盟友" | "同盟",
        /// Opposes the other.
        Conflict = "conflict" | "冲突" | "对立",
        /// Reports to the other.
        ReportsTo = "reports-to" | "汇报" | "上下级",
        /// Influences the other's view.
        Influences = "influences" | "影响",
        /// Belongs to the other (a group or organisation).
        MemberOf = "member-of" | "成员" | "隶属",
    }
}

vocabulary! {
    /// The tone of an interaction, when not given as a 1–5 satisfaction.
    pub enum Tone {
        /// Negative.
        Negative = "negative" | "负面" | "消极",
        /// Neutral.
        Neutral = "neutral" | "中立" | "中性",
        /// Positive.
        Positive = "positive" | "正面" | "积极",
    }
}

vocabulary! {
    /// The four quadrants of Mendelow's power/interest grid.
    pub enum Quadrant {
        /// High power, high interest: key players.
        ManageClosely = "manage-closely" | "重点管理",
        /// High power, low interest.
        KeepSatisfied = "keep-satisfied" | "令其满意" | "保持满意",
        /// Low power, high interest.
        KeepInformed = "keep-informed" | "随时告知" | "及时告知",
        /// Low power, low interest.
        Monitor = "monitor" | "监督" | "监控",
    }
}

vocabulary! {
    /// The language of a report's own labels.
    pub enum Language {
        /// English.
        En = "en" | "en-US" | "en-GB" | "English",
        // Spelt as BCP 47 writes it, in help texts, JSON and the schema editors use.
        #[serde(rename = "zh-CN")]
        /// Simplified Chinese.
        ZhCn = "zh-CN" | "zh" | "zh-Hans" | "中文",
    }
}

/// English, as a register without `language:` is written in.
impl Default for Language {
    fn default() -> Self {
        Language::En
    }
}

impl Language {
    /// The BCP 47 tag, as in `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::ZhCn => "zh-CN",
        }
    }
}

/// A level on the 1–5 scale: power, interest, influence, impact, strength.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
#[serde(into = "u8")]
#[schemars(with = "u8")]
pub struct Level(u8);

impl Level {
    /// The highest level.
    pub const MAX: Level = Level(5);

    /// A level from 1 to 5.
    pub fn new(value: u8) -> Option<Level> {
        (1..=5).contains(&value).then_some(Level(value))
    }

    /// 1 to 5.
    pub fn value(self) -> u8 {
        self.0
    }

    /// The English word a report shows.
    pub fn word(self) -> &'static str {
        ["very-low", "low", "medium", "high", "very-high"][usize::from(self.0 - 1)]
    }
}

impl From<Level> for u8 {
    fn from(level: Level) -> u8 {
        level.0
    }
}

const LEVEL_WORDS: &[&str] = &[
    "very-low",
    "low",
    "medium",
    "high",
    "very-high",
    "vl",
    "l",
    "m",
    "h",
    "vh",
    "很低",
    "低",
    "中",
    "高",
    "很高",
];

impl Vocabulary for Level {
    fn parse(text: &str) -> Option<Self> {
        let value = match normalise(text).as_str() {
            "1" | "very-low" | "vl" | "很低" | "极低" => 1,
            "2" | "low" | "l" | "低" | "较低" => 2,
            "3" | "medium" | "med" | "m" | "中" | "中等" => 3,
            "4" | "high" | "h" | "高" | "较高" => 4,
            "5" | "very-high" | "vh" | "很高" | "极高" => 5,
            _ => return None,
        };
        Some(Level(value))
    }
    fn expected() -> String {
        "a number 1–5, `very-low`, `low`/`L`, `medium`/`M`, `high`/`H`, `very-high`, or 很低/低/中/高/很高".into()
    }
    fn spellings() -> &'static [&'static str] {
        LEVEL_WORDS
    }
    fn schema() -> schemars::Schema {
        schemars::json_schema!({
            "anyOf": [
                { "type": "integer", "minimum": 1, "maximum": 5 },
                { "type": "string", "enum": ["very-low", "low", "L", "medium", "M", "high", "H",
                  "very-high", "很低", "低", "中", "高", "很高"] }
            ]
        })
    }
}

/// A salience attribute (legitimacy, urgency): a level, or `true`/`false` for present
/// or absent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Attribute {
    /// Written as a level; present when it reaches the project's threshold.
    Level(Level),
    /// Written as a yes/no.
    Flag(bool),
}

impl Attribute {
    /// Whether the attribute is present at the given threshold.
    pub fn present(self, threshold: Level) -> bool {
        match self {
            Attribute::Level(level) => level >= threshold,
            Attribute::Flag(flag) => flag,
        }
    }
}

impl Vocabulary for Attribute {
    fn parse(text: &str) -> Option<Self> {
        parse_bool(text)
            .map(Attribute::Flag)
            .or_else(|| Level::parse(text).map(Attribute::Level))
    }
    fn expected() -> String {
        format!("`true`, `false` or a level: {}", Level::expected())
    }
    fn spellings() -> &'static [&'static str] {
        LEVEL_WORDS
    }
    fn schema() -> schemars::Schema {
        schemars::json_schema!({ "anyOf": [ { "type": "boolean" }, Level::schema() ] })
    }
}

/// `true`/`false` and the Chinese 是/否.
pub fn parse_bool(text: &str) -> Option<bool> {
    match normalise(text).as_str() {
        "true" | "yes" | "是" => Some(true),
        "false" | "no" | "否" => Some(false),
        _ => None,
    }
}

impl Vocabulary for bool {
    fn parse(text: &str) -> Option<Self> {
        parse_bool(text)
    }
    fn expected() -> String {
        "`true` or `false`".into()
    }
    fn schema() -> schemars::Schema {
        schemars::json_schema!({ "type": "boolean" })
    }
}

impl Vocabulary for String {
    fn parse(text: &str) -> Option<Self> {
        Some(text.to_owned())
    }
    fn expected() -> String {
        "text".into()
    }
    fn schema() -> schemars::Schema {
        schemars::json_schema!({ "type": "string" })
    }
}

impl Vocabulary for u32 {
    fn parse(text: &str) -> Option<Self> {
        text.trim().parse().ok()
    }
    fn expected() -> String {
        "a whole number".into()
    }
    fn schema() -> schemars::Schema {
        schemars::json_schema!({ "type": "integer", "minimum": 0 })
    }
}

/// A calendar date, written `YYYY-MM-DD`.
pub type Date = jiff::civil::Date;

impl Vocabulary for Date {
    fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        // jiff also accepts datetimes; a register date is a date and nothing else.
        (text.len() == 10).then(|| text.parse().ok()).flatten()
    }
    fn expected() -> String {
        "a date that exists, written `YYYY-MM-DD`".into()
    }
    fn schema() -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "format": "date" })
    }
}

/// How often a planned touch happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Frequency {
    /// Every day.
    Daily,
    /// Every week.
    Weekly,
    /// Every two weeks.
    Biweekly,
    /// Every calendar month.
    Monthly,
    /// Every three calendar months.
    Quarterly,
    /// Every year.
    Yearly,
    /// When needed: never scheduled, never overdue.
    AdHoc,
    /// Every N days.
    EveryDays(u16),
    /// Every N weeks.
    EveryWeeks(u16),
    /// On fixed days: `weekly on monday`, `monthly on the first thursday` (format v2).
    Fixed(DayRule),
    /// On the one-off dates of a `dates:` list (format v2); the dates are the touch's.
    OnDates,
}

impl Frequency {
    /// The interval, or `None` for ad hoc.
    pub fn interval(self) -> Option<jiff::Span> {
        let span = jiff::Span::new();
        Some(match self {
            Frequency::Daily => span.days(1),
            Frequency::Weekly => span.weeks(1),
            Frequency::Biweekly => span.weeks(2),
            Frequency::Monthly => span.months(1),
            Frequency::Quarterly => span.months(3),
            Frequency::Yearly => span.years(1),
            Frequency::EveryDays(n) => span.days(i64::from(n)),
            Frequency::EveryWeeks(n) => span.weeks(i64::from(n)),
            Frequency::AdHoc | Frequency::Fixed(_) | Frequency::OnDates => return None,
        })
    }

    /// The first due date of a touch counted from `from` (its start, or today): that day
    /// for a frequency of intervals, the rule's first day on or after it for a fixed day.
    /// `None` for ad hoc.
    pub fn first_due(self, from: Date) -> Option<Date> {
        match self {
            Frequency::AdHoc | Frequency::OnDates => None,
            Frequency::Fixed(rule) => rule.first_on_or_after(from),
            _ => Some(from),
        }
    }

    /// The due date after a touch was kept on `kept`: one interval later, or the rule's
    /// next day. `None` for ad hoc.
    pub fn due_after_kept(self, kept: Date) -> Option<Date> {
        match self {
            Frequency::Fixed(rule) => rule.due_after_kept(kept),
            other => Some(kept.saturating_add(other.interval()?)),
        }
    }

    /// Approximate days between touches, for comparing cadences (ad hoc: `None`).
    pub fn approx_days(self) -> Option<u32> {
        Some(match self {
            Frequency::Daily => 1,
            Frequency::Weekly => 7,
            Frequency::Biweekly => 14,
            Frequency::Monthly => 30,
            Frequency::Quarterly => 91,
            Frequency::Yearly => 365,
            Frequency::EveryDays(n) => u32::from(n),
            Frequency::EveryWeeks(n) => u32::from(n) * 7,
            Frequency::Fixed(rule) => rule.approx_days(),
            Frequency::AdHoc | Frequency::OnDates => return None,
        })
    }
}

impl fmt::Display for Frequency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Frequency::Daily => f.write_str("daily"),
            Frequency::Weekly => f.write_str("weekly"),
            Frequency::Biweekly => f.write_str("biweekly"),
            Frequency::Monthly => f.write_str("monthly"),
            Frequency::Quarterly => f.write_str("quarterly"),
            Frequency::Yearly => f.write_str("yearly"),
            Frequency::AdHoc => f.write_str("ad-hoc"),
            Frequency::EveryDays(n) => write!(f, "every {n} days"),
            Frequency::EveryWeeks(n) => write!(f, "every {n} weeks"),
            Frequency::Fixed(rule) => rule.fmt(f),
            Frequency::OnDates => f.write_str("on set dates"),
        }
    }
}

impl Serialize for Frequency {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

const FREQUENCY_WORDS: &[&str] = &[
    "daily",
    "weekly",
    "biweekly",
    "monthly",
    "quarterly",
    "yearly",
    "ad-hoc",
    "每天",
    "每周",
    "每两周",
    "每月",
    "每季度",
    "每年",
    "按需",
];

impl Vocabulary for Frequency {
    fn parse(text: &str) -> Option<Self> {
        let word = normalise(text);
        let fixed = match word.as_str() {
            "daily" | "每天" | "每日" => Frequency::Daily,
            "weekly" | "每周" => Frequency::Weekly,
            "biweekly" | "fortnightly" | "每两周" | "双周" => Frequency::Biweekly,
            "monthly" | "每月" => Frequency::Monthly,
            "quarterly" | "每季度" | "每季" => Frequency::Quarterly,
            "yearly" | "annually" | "每年" => Frequency::Yearly,
            "ad-hoc" | "adhoc" | "as-needed" | "按需" | "不定期" => Frequency::AdHoc,
            _ => return parse_every(&word).or_else(|| DayRule::parse(&word).map(Frequency::Fixed)),
        };
        Some(fixed)
    }
    fn expected() -> String {
        "one of `daily`, `weekly`, `biweekly`, `monthly`, `quarterly`, `yearly`, `ad-hoc`, \
         `every N days`, `every N weeks`, a fixed day (`weekly on monday`, \
         `every 2 weeks on friday`, `monthly on the first thursday`, `monthly on day 5`, \
         `quarterly on day 15`), or 每天/每周/每两周/每月/每季度/每年/按需/每N天/每N周, \
         每周一/每两周周五/每月第一个周四/每月5日"
            .into()
    }
    fn spellings() -> &'static [&'static str] {
        FREQUENCY_WORDS
    }
    fn schema() -> schemars::Schema {
        schemars::json_schema!({
            "anyOf": [
                { "type": "string", "enum": FREQUENCY_WORDS },
                { "type": "string", "pattern": "^(every (\\d+) (days?|weeks?)|每 ?\\d+ ?(天|周))$" },
                { "type": "string", "pattern": DAY_RULE_PATTERN }
            ]
        })
    }
}

/// The fixed-day frequencies in the JSON Schema ([`DayRule::parse`] reads them).
const DAY_RULE_PATTERN: &str = concat!(
    "^((weekly|biweekly|fortnightly|every \\d+ weeks?) on (mon|tue|wed|thu|fri|sat|sun)[a-z]*",
    "|monthly on (the )?(first|second|third|fourth|last) (mon|tue|wed|thu|fri|sat|sun)[a-z]*",
    "|(monthly|quarterly) on day \\d{1,2}",
    "|每(两|二|三|四|\\d+)?(周|星期|礼拜)?(周|星期|礼拜)[一二三四五六日天]",
    "|每月(第[一二三四]个|最后一个)(周|星期|礼拜)[一二三四五六日天]",
    "|每(月|季度)\\d{1,2}[日号])$"
);

/// `every-10-days` (normalised from `every 10 days`), `every-week`, `每10天`, `每3周`.
fn parse_every(word: &str) -> Option<Frequency> {
    let (count, unit) = if let Some(rest) = word.strip_prefix("every-") {
        match rest.split_once('-') {
            Some((n, unit)) => (n.parse().ok()?, unit),
            None => (1, rest),
        }
    } else {
        let rest = word.strip_prefix('每')?.trim_matches('-');
        let digits = rest.find(|c: char| !c.is_ascii_digit())?;
        (
            rest[..digits].parse().ok()?,
            rest[digits..].trim_matches('-'),
        )
    };
    if count == 0 {
        return None;
    }
    match unit {
        "day" | "days" | "天" | "日" => Some(Frequency::EveryDays(count)),
        "week" | "weeks" | "周" | "星期" => Some(Frequency::EveryWeeks(count)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn level(text: &str) -> Option<u8> {
        Level::parse(text).map(Level::value)
    }

    #[test]
    fn levels_in_every_notation() {
        for (texts, value) in [
            (["1", "very-low", "Very Low", "很低"], 1),
            (["2", "low", "L", "低"], 2),
            (["3", "medium", "M", "中"], 3),
            (["4", "high", "h", "高"], 4),
            (["5", "very-high", "VERY_HIGH", "很高"], 5),
        ] {
            for text in texts {
                assert_eq!(level(text), Some(value), "{text}");
            }
        }
    }

    #[test]
    fn out_of_range_and_unknown_levels_are_rejected() {
        for text in ["0", "6", "4.5", "hgh", "", "超高"] {
            assert_eq!(level(text), None, "{text}");
        }
    }

    #[test]
    fn level_words_for_reports() {
        assert_eq!(Level::new(4).unwrap().word(), "high");
        assert_eq!(Level::new(1).unwrap().word(), "very-low");
    }

    #[test]
    fn frequencies_in_english_and_chinese() {
        assert_eq!(Frequency::parse("weekly"), Some(Frequency::Weekly));
        assert_eq!(Frequency::parse("每两周"), Some(Frequency::Biweekly));
        assert_eq!(Frequency::parse("按需"), Some(Frequency::AdHoc));
        assert_eq!(
            Frequency::parse("every 10 days"),
            Some(Frequency::EveryDays(10))
        );
        assert_eq!(
            Frequency::parse("Every 3 Weeks"),
            Some(Frequency::EveryWeeks(3))
        );
        assert_eq!(
            Frequency::parse("every week"),
            Some(Frequency::EveryWeeks(1))
        );
        assert_eq!(Frequency::parse("每10天"), Some(Frequency::EveryDays(10)));
        assert_eq!(Frequency::parse("每 3 周"), Some(Frequency::EveryWeeks(3)));
        assert_eq!(Frequency::parse("every 0 days"), None);
        assert_eq!(Frequency::parse("every ten days"), None);
        assert_eq!(Frequency::parse("sometimes"), None);
    }

    #[test]
    fn enumerations_accept_chinese_and_print_english() {
        assert_eq!(Category::parse("外部"), Some(Category::External));
        assert_eq!(
            EngagementLevel::parse("抵制"),
            Some(EngagementLevel::Resistant)
        );
        assert_eq!(Stance::parse("分歧"), Some(Stance::Mixed));
        assert_eq!(
            RelationKind::parse("Reports To"),
            Some(RelationKind::ReportsTo)
        );
        assert_eq!(Quadrant::ManageClosely.as_str(), "manage-closely");
        assert_eq!(
            EngagementLevel::Leading.rank() - EngagementLevel::Unaware.rank(),
            4
        );
    }

    #[test]
    fn spellings_match_in_any_case() {
        assert_eq!(Language::parse("zh-CN"), Some(Language::ZhCn));
        assert_eq!(Language::parse(" ZH_cn "), Some(Language::ZhCn));
        assert_eq!(Language::parse("english"), Some(Language::En));
        assert_eq!(Category::parse("Internal"), Some(Category::Internal));
        assert_eq!(Category::parse("intern"), None);
    }

    #[test]
    fn salience_attributes_take_flags_or_levels() {
        let high = Level::new(4).unwrap();
        assert_eq!(Attribute::parse("true"), Some(Attribute::Flag(true)));
        assert!(Attribute::parse("H").unwrap().present(high));
        assert!(!Attribute::parse("M").unwrap().present(high));
        assert!(!Attribute::parse("否").unwrap().present(high));
    }

    #[test]
    fn dates_must_exist() {
        assert!(Date::parse("2026-02-28").is_some());
        assert!(Date::parse("2026-02-30").is_none());
        assert!(Date::parse("2026-2-3").is_none());
        assert!(Date::parse("2026-02-28T10:00").is_none());
    }
}
