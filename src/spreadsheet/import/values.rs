//! Cell values normalised to the format's spellings: levels from `H`, `高`, `4`,
//! `Very High`; PMBOK's supporter / neutral / resistor as the current engagement;
//! yes/no; dates as Excel and people write them.

use crate::register::vocab::{
    Attribute, Category, Date, EngagementLevel, Involvement, Kind, Level, Vocabulary,
};

/// What a cell that cannot be read should have said.
pub type Expected = &'static str;

/// The accepted levels, for messages.
pub const LEVELS: Expected = "1–5, very-low / low / medium / high / very-high, VL / L / M / H / VH, 很低 / 低 / 中 / 高 / 很高";

/// A level from a cell.
pub fn level(text: &str) -> Result<Level, Expected> {
    let text = clean(text);
    if let Some(level) = Level::parse(&text) {
        return Ok(level);
    }
    // `4.0`, `H (High)`, `高（4）`, `Medium - 3`.
    if let Ok(n) = text.parse::<f64>()
        && n.fract() == 0.0
        && let Some(level) = Level::new(n as u8).filter(|_| (1.0..=5.0).contains(&n))
    {
        return Ok(level);
    }
    let head = text
        .split(['(', '（', '[', '-', '–', ':', '：'])
        .next()
        .unwrap_or("")
        .trim();
    match (head != text).then(|| Level::parse(head)).flatten() {
        Some(level) => Ok(level),
        None => match text.to_lowercase().as_str() {
            "extreme" | "critical" | "极高" | "非常高" => Ok(Level::MAX),
            "moderate" | "average" | "一般" => Ok(Level::new(3).expect("3")),
            "minimal" | "非常低" => Ok(Level::new(1).expect("1")),
            _ => Err(LEVELS),
        },
    }
}

/// Power and interest from one cell: `High/Medium`, `H/L`, `高/中`.
pub fn power_interest(text: &str) -> Result<(Level, Level), Expected> {
    const EXPECTED: Expected =
        "two levels with a `/` between them, power first: `High/Medium`, `H/L`, `高/中`";
    let parts: Vec<&str> = text
        .split(['/', '／', '|', ',', '，', '、', ';', '；'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    match parts.as_slice() {
        [power, interest] => Ok((
            level(power).map_err(|_| EXPECTED)?,
            level(interest).map_err(|_| EXPECTED)?,
        )),
        _ => Err(EXPECTED),
    }
}

/// The accepted engagement levels, for messages.
pub const ENGAGEMENT: Expected = "unaware, resistant, neutral, supportive, leading (PMBOK's supporter / neutral / resistor too), 不知晓 / 抵制 / 中立 / 支持 / 领导, 反对";

/// An engagement level: the format's words, PMBOK's supporter / neutral / resistor and
/// the words of attitude columns (支持 / 中立 / 反对).
pub fn engagement(text: &str) -> Result<EngagementLevel, Expected> {
    let text = clean(text);
    if let Some(level) = EngagementLevel::parse(&text) {
        return Ok(level);
    }
    let word = text.to_lowercase();
    Ok(match word.as_str() {
        "supporter" | "support" | "supports" | "positive" | "advocate" | "ally" | "for"
        | "积极" | "赞成" | "拥护" => EngagementLevel::Supportive,
        "resistor" | "resister" | "resist" | "resists" | "opponent" | "opposed" | "oppose"
        | "opposes" | "against" | "blocker" | "negative" | "反对" | "消极" | "阻碍" => {
            EngagementLevel::Resistant
        }
        "leader" | "lead" | "champion" | "sponsor" | "driver" | "引领" => {
            EngagementLevel::Leading
        }
        "unknown" | "not aware" | "未知" | "不清楚" => EngagementLevel::Unaware,
        "indifferent" | "undecided" | "观望" | "中性" => EngagementLevel::Neutral,
        _ => return Err(ENGAGEMENT),
    })
}

/// Internal or external.
pub fn category(text: &str) -> Result<Category, Expected> {
    let text = clean(text);
    Category::parse(&text)
        .or_else(|| {
            let w = text.to_lowercase();
            if w.starts_with("int") || w.contains("内部") {
                Some(Category::Internal)
            } else if w.starts_with("ext") || w.contains("外部") {
                Some(Category::External)
            } else {
                None
            }
        })
        .ok_or("internal or external (内部 / 外部)")
}

/// Direct or indirect.
pub fn involvement(text: &str) -> Result<Involvement, Expected> {
    Involvement::parse(&clean(text)).ok_or("direct or indirect (直接 / 间接)")
}

/// Person, group or organisation.
pub fn kind(text: &str) -> Result<Kind, Expected> {
    let text = clean(text);
    Kind::parse(&text)
        .or_else(|| match text.to_lowercase().as_str() {
            "individual" | "people" | "个体" => Some(Kind::Person),
            "team" | "committee" | "community" | "委员会" | "小组" => Some(Kind::Group),
            "company" | "org" | "authority" | "agency" | "企业" | "公司" | "政府" => {
                Some(Kind::Organization)
            }
            _ => None,
        })
        .ok_or("person, group or organization (个人 / 群体 / 组织)")
}

/// Yes or no.
pub fn yes_no(text: &str) -> Result<bool, Expected> {
    let text = clean(text);
    bool::parse(&text)
        .or_else(|| match text.to_lowercase().as_str() {
            "y" | "x" | "✓" | "✔" | "1" | "key" | "关键" | "√" => Some(true),
            "n" | "0" | "-" | "non-key" | "非关键" | "×" => Some(false),
            _ => None,
        })
        .ok_or("yes or no (是 / 否)")
}

/// A salience attribute: a level or yes/no.
pub fn attribute(text: &str) -> Result<Attribute, Expected> {
    let text = clean(text);
    if let Some(a) = Attribute::parse(&text) {
        return Ok(a);
    }
    level(&text)
        .map(Attribute::Level)
        .or_else(|_| yes_no(&text).map(Attribute::Flag))
        .map_err(|_| "a level (1–5, L/M/H, 低/中/高) or yes/no")
}

/// A date: `2026-03-31` (as Excel dates are read), `2026/3/31`, `2026.3.31`,
/// `2026年3月31日`.
pub fn date(text: &str) -> Result<Date, Expected> {
    let text = clean(text);
    let text = text.split([' ', 'T']).next().unwrap_or("");
    let parts: Vec<&str> = text
        .split(['-', '/', '.', '年', '月', '日'])
        .filter(|p| !p.is_empty())
        .collect();
    if let [y, m, d] = parts.as_slice()
        && y.len() == 4
        && let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i16>(), m.parse::<i8>(), d.parse::<i8>())
        && let Ok(date) = jiff::civil::Date::new(y, m, d)
    {
        return Ok(date);
    }
    Err("a date such as 2026-03-31 (or 2026/3/31, 2026年3月31日)")
}

/// Cell text without surrounding blanks, a trailing full stop or an asterisk marking a
/// footnote.
fn clean(text: &str) -> String {
    text.trim()
        .trim_end_matches(['*', '†', '。'])
        .trim()
        .to_owned()
}

/// The items of a list cell: one per line (bullets and numbers dropped); with
/// `separators`, commas and semicolons part items too (tags).
pub fn items(text: &str, separators: bool) -> Vec<String> {
    let split: Vec<&str> = if separators {
        text.split(['\n', ',', '，', ';', '；', '、']).collect()
    } else {
        text.split('\n').collect()
    };
    split
        .into_iter()
        .map(|item| {
            let item = item.trim();
            let item = item
                .strip_prefix(['-', '•', '·', '*', '▪'])
                .unwrap_or(item)
                .trim_start();
            // `1. `, `1、`, `(1) `, `①`.
            let numbered = item
                .char_indices()
                .find(|(_, c)| !c.is_ascii_digit())
                .filter(|&(i, c)| i > 0 && matches!(c, '.' | '、' | ')' | '）'))
                .map(|(i, c)| item[i + c.len_utf8()..].trim_start());
            numbered.unwrap_or(item).trim().to_owned()
        })
        .filter(|item| !item.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_as_people_write_them() {
        let v = |t: &str| level(t).map(Level::value);
        for (text, want) in [
            ("H", 4),
            ("high", 4),
            ("Very High", 5),
            ("高", 4),
            ("中", 3),
            ("4", 4),
            ("4.0", 4),
            ("H (High)", 4),
            ("Medium - 3", 3),
            ("较低", 2),
            ("moderate", 3),
        ] {
            assert_eq!(v(text), Ok(want), "{text}");
        }
        assert_eq!(v("Very Hgh"), Err(LEVELS));
        assert_eq!(v("6"), Err(LEVELS));
        let pi = power_interest("High/Medium").unwrap();
        assert_eq!((pi.0.value(), pi.1.value()), (4, 3));
        let pi = power_interest("高／低").unwrap();
        assert_eq!((pi.0.value(), pi.1.value()), (4, 2));
        assert!(power_interest("High").is_err());
    }

    #[test]
    fn attitudes_are_the_current_engagement() {
        assert_eq!(engagement("Supporter"), Ok(EngagementLevel::Supportive));
        assert_eq!(engagement("Resistor"), Ok(EngagementLevel::Resistant));
        assert_eq!(engagement("反对"), Ok(EngagementLevel::Resistant));
        assert_eq!(engagement("中立"), Ok(EngagementLevel::Neutral));
        assert_eq!(engagement("leading"), Ok(EngagementLevel::Leading));
        assert!(engagement("maybe").is_err());
    }

    #[test]
    fn dates_and_lists() {
        assert_eq!(date("2026/3/31").unwrap().to_string(), "2026-03-31");
        assert_eq!(date("2026年3月31日").unwrap().to_string(), "2026-03-31");
        assert!(date("31/03/2026").is_err());
        assert_eq!(
            items("1. Budget\n2、Schedule\n- Scope", false),
            ["Budget", "Schedule", "Scope"]
        );
        assert_eq!(items("a, b；c", true), ["a", "b", "c"]);
        assert_eq!(category("Internal stakeholder"), Ok(Category::Internal));
        assert_eq!(yes_no("是"), Ok(true));
    }
}
