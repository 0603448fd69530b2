//! The communication plan for other tools: an iCalendar feed of the touches due over the
//! horizon ([`ics`]) and a spreadsheet of the planned touches ([`csv`]).
//!
//! Both are written from the analysis of the register as built, so a public build (whose
//! register is redacted before the analysis) exports nothing confidential.

pub mod csv;
pub mod ics;

use crate::analysis::Analysis;
use crate::i18n;
use crate::register::vocab::Language;

/// A label with `{name}` placeholders filled in.
fn fill(language: Language, key: &str, values: &[(&str, &str)]) -> String {
    let mut text = i18n::label(language, key).to_owned();
    for (name, value) in values {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

/// How many of a plan item's audience an event or a row names before "and N more": a calendar
/// entry is read on a phone.
pub(crate) const AUDIENCE_NAMED: usize = 30;

/// The audience of a plan item by name, the first [`AUDIENCE_NAMED`] of them.
pub(crate) fn audience_names(analysis: &Analysis, audience: &[String]) -> String {
    let language = analysis.project.language;
    let mut names: Vec<&str> = audience
        .iter()
        .take(AUDIENCE_NAMED)
        .map(|id| analysis.get(id).map_or(id.as_str(), |a| a.name.as_str()))
        .collect();
    let more;
    if audience.len() > AUDIENCE_NAMED {
        more = fill(
            language,
            "audience_more",
            &[("n", &(audience.len() - AUDIENCE_NAMED).to_string())],
        );
        names.push(&more);
    }
    names.join(i18n::label(language, "sep"))
}

/// Who a plan item is for, as a calendar entry's title or row says it: up to three
/// names (short where the register gives one), else how many.
pub(crate) fn audience_label(
    analysis: &Analysis,
    t: &crate::analysis::schedule::ScheduledTouch,
) -> String {
    let language = analysis.project.language;
    if t.audience.len() <= 3 {
        let names: Vec<&str> = t
            .audience
            .iter()
            .filter_map(|id| analysis.get(id))
            .map(|a| a.short.as_deref().unwrap_or(&a.name))
            .collect();
        if !names.is_empty() {
            return names.join(i18n::label(language, "sep"));
        }
    }
    i18n::label(language, "audience_of").replace("{n}", &t.audience.len().to_string())
}
