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
//! - [`cli`]: the human output of `stake check` and `stake analyze`;
//! - [`history`]: the human output of `stake diff` and `stake history`.
//!
//! Other modules take words from here and never `match` on a [`Language`] for them.

pub mod charts;
pub mod cli;
pub mod data;
pub mod history;
mod labels;
pub mod render;
pub mod text;

pub use labels::{
    date, day_month, edition, frequency, label, labels, level, salience, try_label, weekday,
    weekday_day_month,
};

pub use crate::register::vocab::Language;

/// The English or the Chinese of a pair, as `language` writes.
pub(crate) fn pick<'a>(language: Language, en: &'a str, zh: &'a str) -> &'a str {
    match language {
        Language::En => en,
        Language::ZhCn => zh,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::register::vocab::Level;
    use serde_json::Value;

    /// Every `t.key`, `t.key.entry`, `t.key["entry"]` and `t["key"]` of `text`: the key,
    /// and the entry when it is written out (not an expression).
    fn label_uses(text: &str) -> Vec<(String, Option<String>)> {
        let ident = |s: &str| -> String {
            s.chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                .collect()
        };
        // `["word"]` at the start of `s`: the word, and how long the brackets are.
        let quoted = |s: &str| -> Option<(String, usize)> {
            let rest = s.strip_prefix("[\"")?;
            let end = rest.find('"')?;
            rest[end..]
                .starts_with("\"]")
                .then(|| (rest[..end].to_owned(), end + 4))
        };
        let bytes = text.as_bytes();
        let mut uses = Vec::new();
        for (i, _) in text.match_indices('t') {
            let before = i.checked_sub(1).map(|j| bytes[j]);
            if before.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.') {
                continue;
            }
            let rest = &text[i + 1..];
            let (key, rest) = if let Some(after) = rest.strip_prefix('.') {
                let key = ident(after);
                let len = key.len();
                (key, &after[len..])
            } else if let Some((key, len)) = quoted(rest) {
                (key, &rest[len..])
            } else {
                continue;
            };
            if key.is_empty() {
                continue;
            }
            let entry = if let Some(after) = rest.strip_prefix('.') {
                Some(ident(after)).filter(|e| !e.is_empty())
            } else {
                quoted(rest).map(|(e, _)| e)
            };
            uses.push((key, entry));
        }
        uses
    }

    fn built_in_templates() -> Vec<(std::path::PathBuf, String)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        walkdir::WalkDir::new(&root)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .filter_map(|e| {
                let text = std::fs::read_to_string(e.path()).ok()?;
                Some((e.path().to_owned(), text))
            })
            .collect()
    }

    #[test]
    fn every_label_a_built_in_template_uses_exists_in_both_languages() {
        let templates = built_in_templates();
        assert!(
            templates.iter().any(|(p, _)| p.ends_with("report.md.tera")),
            "the templates are read"
        );
        let mut checked = 0;
        for language in [Language::En, Language::ZhCn] {
            let t = labels(language, Level::new(4).unwrap());
            for (path, text) in &templates {
                for (key, entry) in label_uses(text) {
                    let value = &t[key.as_str()];
                    let place = format!("{}: t.{key}", path.display());
                    match entry {
                        Some(entry) => {
                            let text = value[entry.as_str()].as_str();
                            assert!(text.is_some_and(|s| !s.is_empty()), "{place}.{entry}");
                        }
                        None => assert!(
                            value.as_str().is_some_and(|s| !s.is_empty())
                                || value.as_object().is_some_and(|m| !m.is_empty()),
                            "{place}"
                        ),
                    }
                    checked += 1;
                }
            }
        }
        // The scan finds the labels at all: the report alone uses dozens.
        assert!(checked > 200, "only {checked} uses found");
    }

    #[test]
    fn the_scan_reads_every_way_of_writing_a_label() {
        let uses = label_uses(
            r#"{{ t.report }} {{ t.quadrant[s.quadrant] }} {{ t.flag["silent-never"] }} {{ t["home"] }} {{ t.point.gap }} {{ project.silent }} {{ f.text }}"#,
        );
        let uses: Vec<(&str, Option<&str>)> = uses
            .iter()
            .map(|(k, e)| (k.as_str(), e.as_deref()))
            .collect();
        assert_eq!(
            uses,
            [
                ("report", None),
                ("quadrant", None),
                ("flag", Some("silent-never")),
                ("home", None),
                ("point", Some("gap")),
            ]
        );
    }

    #[test]
    fn every_label_has_text_in_both_languages() {
        fn walk(value: &Value, path: &str) {
            match value {
                Value::String(s) => assert!(!s.is_empty(), "{path} is empty"),
                Value::Object(map) => {
                    for (k, v) in map {
                        walk(v, &format!("{path}.{k}"));
                    }
                }
                other => panic!("{path} is {other}"),
            }
        }
        for language in [Language::En, Language::ZhCn] {
            walk(&labels(language, Level::new(3).unwrap()), "t");
        }
    }
}
