//! The communication plan for other tools: an iCalendar feed of the touches due over the
//! horizon ([`ics`]) and a spreadsheet of the planned touches ([`csv`]).
//!
//! Both are written from the analysis of the register as built, so a public build (whose
//! register is redacted before the analysis) exports nothing confidential.

pub mod csv;
pub mod ics;

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
