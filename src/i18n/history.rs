//! The words of `stake diff` and `stake history` (human and Markdown output; the JSON
//! stays in English), in the register's language.

use super::text::fill;
use super::{Language, pick};
use crate::register::vocab::Level;

/// (key, English, Chinese): the headings, sentences and words of the two commands.
const WORDS: &[(&str, &str, &str)] = &[
    // Headings of `stake diff`, in the order it prints them.
    (
        "reused",
        "Ids that name someone else now",
        "现在指另一人的 id",
    ),
    ("moved", "Moved on the grid", "方格位置变化"),
    ("more_engaged", "More engaged", "参与度提高"),
    ("less_engaged", "Less engaged", "参与度降低"),
    ("desired", "Desired engagement changed", "期望参与度变化"),
    ("opponents", "New opponents", "新的反对者"),
    ("stances", "Other stance changes", "其他立场变化"),
    ("conflicts_new", "New conflicts", "新增冲突"),
    ("conflicts_resolved", "Conflicts resolved", "已化解的冲突"),
    ("key", "Key or no longer key", "关键干系人变化"),
    ("salience", "Salience changed", "凸显性变化"),
    ("trend", "Sentiment trend changed", "态度趋势变化"),
    ("added", "New stakeholders", "新增干系人"),
    ("removed", "Removed stakeholders", "已移出的干系人"),
    ("findings_new", "New findings", "新增关注事项"),
    ("findings_resolved", "Resolved findings", "已解决的关注事项"),
    ("links_added", "Relationships added", "新增关系"),
    ("links_removed", "Relationships removed", "已删除的关系"),
    ("other", "Other changes", "其他变化"),
    // Items.
    (
        "reused_item",
        "`{id}` was {from}, is now {to}: if the id was reused for another person, give them an id of their own",
        "`{id}` 原为 {from}，现为 {to}：如果这个 id 被另一人沿用，请给他/她一个自己的 id",
    ),
    ("who", "{name} ({id})", "{name}（{id}）"),
    (
        "on_issue",
        "{who} on \"{issue}\": {change}",
        "{who}对“{issue}”：{change}",
    ),
    (
        "new_opponent",
        "{who} on \"{issue}\": oppose (new stakeholder)",
        "{who}对“{issue}”：反对（新干系人）",
    ),
    ("between", "{a} and {b}", "{a}与{b}"),
    (
        "issue_conflict",
        "on \"{issue}\": {support} for, {oppose} against",
        "“{issue}”：{support}支持，{oppose}反对",
    ),
    ("now_key", "now key", "成为关键干系人"),
    ("no_longer_key", "no longer key", "不再是关键干系人"),
    ("plan_item", "plan item `{item}`", "计划项 `{item}`"),
    ("meeting", "meeting `{meeting}`", "会议 `{meeting}`"),
    ("colon", ": ", "："),
    ("list_sep", ", ", "、"),
    ("quoted", "\"{text}\"", "“{text}”"),
    ("not_written", "not written", "未填写"),
    ("yes", "yes", "是"),
    ("no", "no", "否"),
    ("none", "none", "无"),
    // The head of `stake diff`.
    (
        "title",
        "What changed from {since} to {until}",
        "从 {since} 到 {until} 的变化",
    ),
    (
        "working_tree",
        "the working tree (with any uncommitted edits)",
        "工作区（含尚未提交的修改）",
    ),
    (
        "commit",
        "commit {short} ({date})",
        "提交 {short}（{date}）",
    ),
    (
        "rev",
        "`{rev}` (commit {short}, {date})",
        "`{rev}`（提交 {short}，{date}）",
    ),
    (
        "as_of_both",
        "Findings as of {date} at both ends.",
        "两端的关注事项均按 {date} 计算。",
    ),
    (
        "as_of_each",
        "Findings as of {since} and {until} respectively.",
        "关注事项分别按 {since} 和 {until} 计算。",
    ),
    (
        "stakeholders",
        "Stakeholders: {from} → {to}",
        "干系人：{from} → {to}",
    ),
    (
        "index",
        "Engagement index: {from} → {to}",
        "参与度指数：{from} → {to}",
    ),
    (
        "index_unchanged",
        "Engagement index: {index} (unchanged)",
        "参与度指数：{index}（未变）",
    ),
    (
        "nothing",
        "No stakeholder, relationship, conflict or finding changed.",
        "干系人、关系、冲突与关注事项均无变化。",
    ),
    // `stake history`.
    (
        "commits_one",
        "1 commit changed the register in {folder}{shallow}",
        "1 次提交修改了{folder}中的登记册{shallow}",
    ),
    (
        "commits_many",
        "{n} commits changed the register in {folder}{shallow}",
        "{n} 次提交修改了{folder}中的登记册{shallow}",
    ),
    (
        "top_folder",
        "the repository's top folder",
        "仓库顶层文件夹",
    ),
    ("folder", "`{folder}`", " `{folder}` "),
    (
        "shallow",
        " (a shallow clone: older history is not in it)",
        "（浅克隆：不含更早的历史）",
    ),
    ("col_date", "date", "日期"),
    ("col_commit", "commit", "提交"),
    ("col_index", "index", "指数"),
    ("col_stakeholders", "stkh", "人数"),
    ("col_mc", "MC", "重点"),
    ("col_ks", "KS", "满意"),
    ("col_ki", "KI", "告知"),
    ("col_mo", "MO", "监督"),
    ("col_key", "key", "关键"),
    ("col_subject", "tags / subject", "标签 / 提交说明"),
    (
        "legend",
        "index: engagement index (0–100); stkh: stakeholders; MC, KS, KI, MO: manage closely, keep satisfied, keep informed, monitor; key: key stakeholders",
        "指数：参与度指数（0–100）；人数：干系人数；重点、满意、告知、监督：重点管理、令其满意、随时告知、监督四个象限的人数；关键：关键干系人数",
    ),
];

/// The words of `stake diff` and `stake history` in one language.
#[derive(Debug, Clone, Copy)]
pub struct HistoryWords {
    /// The language written.
    pub language: Language,
    /// Where "high" starts in the register compared (the salience classes name it).
    pub threshold: Level,
}

impl HistoryWords {
    /// The words of `language`; `threshold` is the register's.
    pub fn new(language: Language, threshold: Level) -> HistoryWords {
        HistoryWords {
            language,
            threshold,
        }
    }

    /// A word or sentence by key, placeholders unfilled. A key the table lacks is a
    /// mistake of the code: a debug build stops on it.
    pub fn get(self, key: &str) -> &'static str {
        let found = WORDS.iter().find(|(k, _, _)| *k == key);
        debug_assert!(found.is_some(), "no word `{key}` in i18n::history");
        found.map_or("", |(_, en, zh)| pick(self.language, en, zh))
    }

    /// A sentence with its placeholders filled in.
    pub fn say(self, key: &str, values: &[(&str, &str)]) -> String {
        fill(self.get(key), values)
    }

    /// A value of a compared field, as the register's language writes it: a level's
    /// word, an enumeration's label; `None` for a field whose values are not words
    /// (names, roles: shown as written).
    pub fn value(self, field: &str, word: &str) -> Option<String> {
        let group = match field {
            "quadrant" => "quadrant",
            "engagement.current" | "engagement.desired" => "engagement_level",
            "stance" => "stance_value",
            "category" => "category_value",
            "involvement" => "involvement_value",
            "type" => "kind",
            "sentiment_trend" => "trend_value",
            "salience" => "salience_value",
            _ => return None,
        };
        // English keeps the lower-case words it always printed.
        let plain = word.replace('-', " ");
        Some(match self.language {
            Language::En => plain,
            Language::ZhCn if group == "salience_value" => {
                super::salience(self.language, word, self.threshold)
            }
            Language::ZhCn => super::labels::try_label(self.language, &format!("{group}.{word}"))
                .map_or(plain, str::to_owned),
        })
    }

    /// A level 1–5 as a word: `very high`, `很高`.
    pub fn level(self, level: u8) -> String {
        match Level::new(level) {
            Some(l) if self.language == Language::En => l.word().replace('-', " "),
            Some(_) => super::level(self.language, level).to_owned(),
            None => level.to_string(),
        }
    }

    /// The width of `text` on a terminal: East Asian wide characters take two columns.
    pub fn columns(text: &str) -> usize {
        text.chars().map(|c| if wide(c) { 2 } else { 1 }).sum()
    }

    /// `text` padded with spaces to `width` terminal columns, on the left (`right`
    /// aligned) or on the right.
    pub fn pad(text: &str, width: usize, right: bool) -> String {
        let fill = " ".repeat(width.saturating_sub(Self::columns(text)));
        if right {
            format!("{fill}{text}")
        } else {
            format!("{text}{fill}")
        }
    }
}

/// Characters a terminal draws two columns wide: the CJK blocks, Hangul and the full-
/// width forms.
fn wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_in_both_languages_and_wide_characters_take_two_columns() {
        for (key, en, zh) in WORDS {
            assert!(!en.is_empty() && !zh.is_empty(), "{key}");
            // The same placeholders in both.
            let names = |s: &str| {
                let mut v: Vec<String> = s
                    .split('{')
                    .skip(1)
                    .filter_map(|p| p.split_once('}').map(|(n, _)| n.to_owned()))
                    .collect();
                v.sort();
                v
            };
            assert_eq!(names(en), names(zh), "{key}");
        }
        assert_eq!(HistoryWords::columns("日期"), 4);
        assert_eq!(HistoryWords::pad("日期", 10, false), "日期      ");
        assert_eq!(HistoryWords::pad("71", 5, true), "   71");
        let zh = HistoryWords::new(Language::ZhCn, Level::new(4).unwrap());
        assert_eq!(
            zh.value("quadrant", "manage-closely").as_deref(),
            Some("重点管理")
        );
        assert_eq!(
            zh.value("engagement.current", "supportive").as_deref(),
            Some("支持")
        );
        assert_eq!(zh.value("name", "Bob"), None);
        let en = HistoryWords::new(Language::En, Level::new(4).unwrap());
        assert_eq!(
            en.value("quadrant", "manage-closely").as_deref(),
            Some("manage closely")
        );
        assert_eq!(en.level(5), "very high");
    }
}
