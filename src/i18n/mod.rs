//! Every word stake writes itself, in English and Chinese: the one place a language is
//! chosen.
//!
//! - the label table templates see as `t` (`{{ t.report }}`,
//!   `{{ t.quadrant[s.quadrant] }}`), keyed as before so that user templates keep
//!   working, and dates, levels and frequencies as each language writes them;
//! - [`text`]: the sentence of each finding, plan flag and talking point, made by an
//!   exhaustive `match` so that a new variant without words does not compile; templates
//!   print it as `text`;
//! - [`charts`]: the chart descriptions read out by screen readers;
//! - [`render`]: the words the PDF renderer adds (page numbers, alert titles, the cover);
//! - [`cli`]: the human output of `stake check` and `stake analyze`.
//!
//! Other modules take words from here and never `match` on a [`Language`] for them.

pub mod charts;
pub mod cli;
mod labels;
pub mod render;
pub mod text;

pub use labels::{
    date, day_month, edition, frequency, label, labels, level, salience, weekday_day_month,
};

pub use crate::register::vocab::Language;

/// The English or the Chinese of a pair, as `language` writes.
pub(crate) fn pick<'a>(language: Language, en: &'a str, zh: &'a str) -> &'a str {
    match language {
        Language::En => en,
        Language::ZhCn => zh,
    }
}
