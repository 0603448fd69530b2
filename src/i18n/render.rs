//! The words the renderers add to a document themselves: alert titles in HTML and PDF,
//! and the PDF's page numbers, contents heading and cover.

use super::{Language, pick};
use crate::document::{AlertKind, Edition};

/// An alert's title, the same in every output.
pub fn alert(language: Language, kind: AlertKind) -> &'static str {
    match kind {
        AlertKind::Note => pick(language, "Note", "说明"),
        AlertKind::Tip => pick(language, "Tip", "提示"),
        AlertKind::Important => pick(language, "Important", "重要"),
        AlertKind::Warning => pick(language, "Warning", "警告"),
        AlertKind::Caution => pick(language, "Caution", "注意"),
    }
}

/// The language of a document's BCP 47 tag: Chinese for any `zh` tag, else English.
pub fn language_of(tag: &str) -> Language {
    if tag.to_ascii_lowercase().starts_with("zh") {
        Language::ZhCn
    } else {
        Language::En
    }
}

/// The words the PDF renderer adds, in the document's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PdfWords {
    language: Language,
}

impl PdfWords {
    /// The words of `language`.
    pub fn new(language: Language) -> PdfWords {
        PdfWords { language }
    }

    /// The words of a document's BCP 47 tag (see [`language_of`]).
    pub fn of_tag(tag: &str) -> PdfWords {
        PdfWords::new(language_of(tag))
    }

    /// The edition line of every page.
    pub fn edition(self, edition: Edition) -> &'static str {
        super::edition(self.language, edition)
    }

    /// The page footer: `Page 2 of 9`.
    pub fn page_of(self, page: usize, pages: usize) -> String {
        pick(
            self.language,
            "Page {page} of {pages}",
            "第 {page} 页，共 {pages} 页",
        )
        .replace("{page}", &page.to_string())
        .replace("{pages}", &pages.to_string())
    }

    /// An alert's title.
    pub fn alert(self, kind: AlertKind) -> &'static str {
        alert(self.language, kind)
    }

    /// The cover's date label.
    pub fn date_label(self) -> &'static str {
        pick(self.language, "DATE", "日期")
    }

    /// The cover's author label.
    pub fn author_label(self) -> &'static str {
        pick(self.language, "PREPARED BY", "编制")
    }

    /// The heading of the table of contents.
    pub fn contents(self) -> &'static str {
        pick(self.language, "Contents", "目录")
    }

    /// The cover's subject label.
    pub fn subject_label(self) -> &'static str {
        pick(self.language, "SUBJECT", "主题")
    }

    /// Whether paragraphs are set justified: Chinese is, line by line, as it is printed;
    /// English keeps a ragged right edge, which needs no hyphenation.
    pub fn justified(self) -> bool {
        self.language == Language::ZhCn
    }
}
