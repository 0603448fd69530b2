//! `communication-plan.csv`: one row per planned touch, for a spreadsheet.
//!
//! Written for people opening it in Excel: headers and words in the report's language,
//! dates as `YYYY-MM-DD` (which spreadsheets read as dates), and a UTF-8 byte order mark
//! first, without which Excel reads the file in the machine's legacy code page and
//! garbles Chinese (and any accented name). Fields are quoted by the `csv` crate; rows
//! end in CRLF as RFC 4180 has it. Machines should read `analysis.json` instead.
//!
//! Every cell is text from the register, so a cell a spreadsheet would read as a formula
//! (`=HYPERLINK(…)`, `-2+3`, `@SUM(…)`) is written with a leading `'`, as OWASP advises
//! against CSV injection: the spreadsheet shows the text and runs nothing.

use std::borrow::Cow;

use super::fill;
use crate::analysis::Analysis;
use crate::analysis::calendar::Occurrence;
use crate::i18n;
use crate::register::vocab::Quadrant;

/// The byte order mark that tells Excel the file is UTF-8.
pub const BOM: &str = "\u{feff}";

/// The rows of the plan: the analysis's schedule, in its order (by next due date, the
/// ad-hoc touches last), with how many times each touch falls in the horizon; with
/// `owner`, only that owner's touches.
pub fn plan(
    analysis: &Analysis,
    occurrences: &[Occurrence],
    weeks: u16,
    owner: Option<&str>,
) -> Result<Vec<u8>, String> {
    let language = analysis.project.language;
    let label = |key: &str| i18n::label(language, key);
    let mut counts = vec![0u32; analysis.schedule.len()];
    // As the plan page counts "touches in the next weeks": the catch-up of an overdue
    // touch is counted among the overdue ones, not again here.
    for o in occurrences.iter().filter(|o| o.overdue_days == 0) {
        if let Some(count) = counts.get_mut(o.touch) {
            *count += 1;
        }
    }
    let mut out = csv::Writer::from_writer(BOM.as_bytes().to_vec());
    let in_horizon = fill(
        language,
        "touches_in_weeks",
        &[("weeks", &weeks.to_string())],
    );
    let header = [
        label("id"),
        label("stakeholder"),
        label("quadrant_head"),
        label("key"),
        label("owner"),
        label("content"),
        label("channel"),
        label("frequency_head"),
        label("suggested_head"),
        label("last_kept"),
        label("next_due"),
        label("overdue_days"),
        in_horizon.as_str(),
        label("audience"),
    ];
    out.write_record(header).map_err(|e| e.to_string())?;
    // Looked up once: a register may have tens of thousands of touches.
    let (yes, no) = (label("yes"), label("no"));
    let yes_no = |flag: bool| if flag { yes } else { no };
    let quadrants: Vec<(Quadrant, &str)> = Quadrant::ALL
        .iter()
        .map(|&q| (q, label(&format!("quadrant.{}", q.as_str()))))
        .collect();
    for (touch, count) in analysis.schedule.iter().zip(counts) {
        if !is_owner(touch.owner.as_deref(), owner) {
            continue;
        }
        // A stakeholder's touch, or a plan item (one row for its whole audience, named
        // in the last column).
        let (id, name, quadrant, key, audience) = match (&touch.stakeholder, &touch.item) {
            (Some(id), _) => {
                let Some(a) = analysis.get(id) else {
                    continue;
                };
                let quadrant = quadrants
                    .iter()
                    .find(|(q, _)| *q == a.quadrant)
                    .map_or("", |(_, word)| word);
                let key = if a.withheld.contains(&"key") {
                    ""
                } else {
                    yes_no(a.key)
                };
                (a.id.clone(), a.name.clone(), quadrant, key, String::new())
            }
            (None, Some(item)) => (
                item.clone(),
                fill(
                    language,
                    "audience_of",
                    &[("n", &touch.audience.len().to_string())],
                ),
                "",
                "",
                super::audience_names(analysis, &touch.audience),
            ),
            (None, None) => continue,
        };
        let date =
            |d: Option<crate::register::vocab::Date>| d.map(|d| d.to_string()).unwrap_or_default();
        let row = [
            id.as_str(),
            name.as_str(),
            quadrant,
            key,
            touch.owner.as_deref().unwrap_or(""),
            touch.content.as_deref().unwrap_or(""),
            touch.channel.as_deref().unwrap_or(""),
            &i18n::frequency(language, touch.frequency),
            yes_no(touch.suggested),
            // The last time it was kept, which it is counted from, as the plan's page has it.
            &date(touch.last),
            &date(touch.date),
            &touch.overdue_days.to_string(),
            &count.to_string(),
            &audience,
        ];
        let cells = row.map(inert);
        out.write_record(cells.iter().map(|cell| cell.as_bytes()))
            .map_err(|e| e.to_string())?;
    }
    out.into_inner().map_err(|e| e.to_string())
}

/// The characters that make a spreadsheet read a cell as a formula (OWASP's list, with
/// the fullwidth forms that some spreadsheets in East Asian locales read the same way).
const FORMULA_STARTS: [char; 10] = ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'];

/// `text` as a cell no spreadsheet evaluates: a leading `'` before a formula character.
/// A plain number such as `-3` or `-2.5` stays a number.
pub fn inert(text: &str) -> Cow<'_, str> {
    let formula = text.starts_with(FORMULA_STARTS) && !is_negative_number(text);
    if formula {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// `-3` or `-2.5`: digits after the minus, one point at most, nothing a formula needs.
fn is_negative_number(text: &str) -> bool {
    let Some(digits) = text.strip_prefix('-') else {
        return false;
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    !whole.is_empty()
        && !fraction.is_empty()
        && whole
            .bytes()
            .chain(fraction.bytes())
            .all(|b| b.is_ascii_digit())
}

/// Whether a touch whose owner is `has` is one of `wanted`'s (every touch without a
/// wanted owner): names compare without case or outer spaces.
pub fn is_owner(has: Option<&str>, wanted: Option<&str>) -> bool {
    match wanted {
        None => true,
        Some(wanted) => {
            has.is_some_and(|has| has.trim().to_lowercase() == wanted.trim().to_lowercase())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;
    use crate::analysis::calendar::occurrences;
    use crate::analysis::testing::{date, interaction, register, stakeholder};
    use crate::register::model::Touch;
    use crate::register::vocab::{Frequency, Language};

    #[test]
    fn formulas_are_written_as_text_and_numbers_as_numbers() {
        for formula in [
            "=HYPERLINK(\"http://x.example\",\"click\")",
            "-2+3",
            "+1",
            "@SUM(A1:A9)",
            "\t=1",
            "\r=1",
            "＝1+1",
            "-1e3",
            "-inf",
            "-2.",
        ] {
            assert_eq!(inert(formula), format!("'{formula}"));
        }
        for plain in [
            "-3",
            "-2.5",
            "-0.5",
            "2026-11-20",
            "Ann Lee",
            "",
            "a=b",
            "50%",
        ] {
            assert_eq!(inert(plain), plain);
        }
    }

    #[test]
    fn rows_read_back_with_the_bom_first_and_fields_intact() {
        let mut s = stakeholder("zhang", 5, 5);
        s.name = "张总监".into();
        s.communication = vec![
            Touch {
                id: None,
                dates: Vec::new(),
                sent: Vec::new(),
                content: Some("周报, \"风险\"\n与决策".into()),
                channel: Some("会议".into()),
                frequency: Frequency::Weekly,
                owner: Some("陈立新".into()),
                starts: Some(date("2026-11-13")),
                line: 4,
            },
            Touch {
                id: None,
                dates: Vec::new(),
                sent: Vec::new(),
                content: None,
                channel: Some("电话".into()),
                frequency: Frequency::AdHoc,
                owner: None,
                starts: None,
                line: 9,
            },
        ];
        // The weekly meeting was kept on 6 Nov: due on the 13th, a week late.
        s.interactions = vec![interaction("2026-11-06", Some("会议"), None)];
        let mut register = register(vec![s]);
        register.project.language = Language::ZhCn;
        let analysis = analyze(&register, date("2026-11-20"));
        let found = occurrences(
            &analysis.schedule,
            analysis.as_of,
            2,
            usize::MAX,
            &Default::default(),
        )
        .0;
        let bytes = plan(&analysis, &found, 2, None).unwrap();
        assert!(bytes.starts_with(BOM.as_bytes()));
        let mut reader = csv::Reader::from_reader(&bytes[BOM.len()..]);
        let header = reader.headers().unwrap().clone();
        assert_eq!(header.len(), 14);
        assert_eq!(&header[1], "干系人");
        assert_eq!(&header[12], "未来 2 周沟通次数");
        assert_eq!(
            &header[13], "对象",
            "a plan item's audience, empty for a touch"
        );
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 2, "one row per planned touch");
        let weekly = &rows[0];
        assert_eq!(&weekly[1], "张总监");
        assert_eq!(&weekly[2], "重点管理");
        assert_eq!(&weekly[5], "周报, \"风险\"\n与决策");
        assert_eq!(&weekly[7], "每周");
        assert_eq!(&weekly[10], "2026-11-13");
        assert_eq!(&weekly[11], "7");
        // 27 Nov (4 Dec is past the horizon); the catch-up today is counted with the
        // overdue touches, as on the plan page.
        assert_eq!(&weekly[12], "1");
        let ad_hoc = &rows[1];
        assert_eq!(&ad_hoc[7], "按需");
        assert_eq!(&ad_hoc[10], "");
        assert_eq!(&ad_hoc[12], "0");
    }
}
