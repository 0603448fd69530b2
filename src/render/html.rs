//! The document model as an HTML fragment: the body of a page, without `<html>` or CSS
//! (the layout template adds those). Every text is escaped; charts are inline SVG.

use std::fmt::Write;

use crate::document::{AlertKind, Align, Block, Document, Figure, Run, Table};
use crate::register::vocab::Language;

use super::svg;

/// The blocks of `doc` as HTML.
pub fn render(doc: &Document) -> String {
    let mut out = String::with_capacity(4096);
    let mut cx = Cx {
        language: doc.language,
        charts: 0,
        heading: None,
    };
    for block in &doc.blocks {
        cx.block(block, &mut out);
    }
    out
}

/// An entry of a table of contents: a level-2 heading.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TocEntry {
    /// Anchor id.
    pub id: String,
    /// Plain text.
    pub text: String,
}

/// The level-2 headings of `doc`, for a table of contents.
pub fn toc(doc: &Document) -> Vec<TocEntry> {
    doc.blocks
        .iter()
        .filter_map(|block| match block {
            Block::Heading { level: 2, runs, id } => Some(TocEntry {
                id: id.clone(),
                text: runs.iter().map(|r| r.text.as_str()).collect(),
            }),
            _ => None,
        })
        .collect()
}

/// Escapes text for HTML content and attribute values. Characters HTML forbids in a
/// document (NUL, other control characters but tab, line feed, form feed and carriage
/// return, and the noncharacters) become U+FFFD, as a browser would show them: a
/// register value can hold them, a page cannot.
pub fn escape(text: &str, out: &mut String) {
    let mut rest = text;
    while let Some((i, c)) = rest
        .char_indices()
        .find(|&(_, c)| matches!(c, '&' | '<' | '>' | '"' | '\'') || forbidden_in_html(c))
    {
        out.push_str(&rest[..i]);
        out.push_str(match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\'' => "&#39;",
            _ => "\u{FFFD}",
        });
        rest = &rest[i + c.len_utf8()..];
    }
    out.push_str(rest);
}

/// A character an HTML document may not contain: a control character other than ASCII
/// whitespace, or a noncharacter (U+FDD0–U+FDEF and the last two of every plane).
pub fn forbidden_in_html(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\u{C}' | '\r'))
        || matches!(c, '\u{FDD0}'..='\u{FDEF}')
        || (c as u32 & 0xFFFE) == 0xFFFE
}

/// Text with the characters HTML forbids replaced by U+FFFD, borrowed when it has none.
pub fn replace_forbidden(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(forbidden_in_html) {
        return std::borrow::Cow::Borrowed(text);
    }
    let replaced = text.chars().map(|c| match forbidden_in_html(c) {
        true => '\u{FFFD}',
        false => c,
    });
    std::borrow::Cow::Owned(replaced.collect())
}

struct Cx<'a> {
    language: Language,
    /// Charts drawn so far: their SVG ids must be unique in the page.
    charts: usize,
    /// The id of the last heading: it names the tables below it.
    heading: Option<&'a str>,
}

impl<'a> Cx<'a> {
    fn block(&mut self, block: &'a Block, out: &mut String) {
        match block {
            Block::Heading { level, runs, id } => {
                self.heading = Some(id);
                let _ = write!(out, "<h{level} id=\"");
                escape(id, out);
                out.push_str("\">");
                runs_html(runs, out);
                let _ = writeln!(out, "</h{level}>");
            }
            Block::Paragraph(runs) => {
                out.push_str("<p>");
                runs_html(runs, out);
                out.push_str("</p>\n");
            }
            Block::List { start, items } => {
                match start {
                    Some(1) => out.push_str("<ol>\n"),
                    Some(n) => {
                        let _ = writeln!(out, "<ol start=\"{n}\">");
                    }
                    None => out.push_str("<ul>\n"),
                }
                for item in items {
                    out.push_str("<li>");
                    // A one-paragraph item is written without <p>: a tight list.
                    match item.as_slice() {
                        [Block::Paragraph(runs)] => runs_html(runs, out),
                        blocks => {
                            for block in blocks {
                                self.block(block, out);
                            }
                        }
                    }
                    out.push_str("</li>\n");
                }
                out.push_str(if start.is_some() {
                    "</ol>\n"
                } else {
                    "</ul>\n"
                });
            }
            Block::Table(table) => table_html(table, self.heading, out),
            Block::Alert { alert, blocks } => {
                let (class, title) = alert_title(*alert, self.language);
                let _ = write!(
                    out,
                    "<div class=\"alert alert-{class}\" role=\"note\">\n<p class=\"alert-title\">{title}</p>\n"
                );
                for block in blocks {
                    self.block(block, out);
                }
                out.push_str("</div>\n");
            }
            Block::Quote(blocks) => {
                out.push_str("<blockquote>\n");
                for block in blocks {
                    self.block(block, out);
                }
                out.push_str("</blockquote>\n");
            }
            Block::Code(code) => {
                out.push_str("<pre><code>");
                escape(code, out);
                out.push_str("</code></pre>\n");
            }
            Block::Chart(chart) => {
                self.charts += 1;
                // The figure scrolls sideways on a phone (the chart keeps a readable
                // size): it takes keyboard focus, named by the chart's title.
                let id = format!("chart-{}", self.charts);
                let _ = writeln!(
                    out,
                    "<figure class=\"chart\" tabindex=\"0\" role=\"region\" aria-labelledby=\"{id}-t\">"
                );
                svg::render(chart, &id, out);
                out.push_str("</figure>\n");
            }
            Block::Figures(figures) => figures_html(figures, out),
            Block::Rule => out.push_str("<hr>\n"),
        }
    }
}

fn figures_html(figures: &[Figure], out: &mut String) {
    out.push_str("<dl class=\"figures\">\n");
    for figure in figures {
        out.push_str("<div><dt>");
        escape(&figure.label, out);
        out.push_str("</dt><dd>");
        escape(&figure.value, out);
        out.push_str("</dd></div>\n");
    }
    out.push_str("</dl>\n");
}

/// A table in a box that scrolls sideways on a narrow screen; the box takes keyboard focus
/// (so it can be scrolled without a mouse) and is named by the heading above it.
fn table_html(table: &Table, heading: Option<&str>, out: &mut String) {
    let class = |i: usize| match table.align.get(i).copied().unwrap_or_default() {
        Align::Left => "",
        Align::Center => " class=\"c\"",
        Align::Right => " class=\"r\"",
    };
    out.push_str("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" ");
    match heading {
        Some(id) => {
            out.push_str("aria-labelledby=\"");
            escape(id, out);
        }
        None => {
            out.push_str("aria-label=\"");
            let names: Vec<String> = table
                .header
                .iter()
                .map(|cell| cell.iter().map(|run| run.text.as_str()).collect())
                .collect();
            escape(&names.join(", "), out);
        }
    }
    out.push_str("\"><table>\n<thead><tr>");
    for (i, cell) in table.header.iter().enumerate() {
        let _ = write!(out, "<th scope=\"col\"{}>", class(i));
        runs_html(cell, out);
        out.push_str("</th>");
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &table.rows {
        out.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            let _ = write!(out, "<td{}>", class(i));
            runs_html(cell, out);
            out.push_str("</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table></div>\n");
}

/// Styled runs; adjacent runs with the same link share one `<a>`.
fn runs_html(runs: &[Run], out: &mut String) {
    let mut open_link: Option<&str> = None;
    for run in runs {
        if open_link.is_some() && open_link != run.link.as_deref() {
            out.push_str("</a>");
            open_link = None;
        }
        if open_link.is_none()
            && let Some(link) = &run.link
        {
            out.push_str("<a href=\"");
            escape(link, out);
            out.push_str("\">");
            open_link = Some(link);
        }
        let tags: &[(bool, &str)] = &[
            (run.strong, "strong"),
            (run.emphasis, "em"),
            (run.strike, "del"),
            (run.code, "code"),
        ];
        for (on, tag) in tags {
            if *on {
                let _ = write!(out, "<{tag}>");
            }
        }
        escape(&run.text, out);
        for (on, tag) in tags.iter().rev() {
            if *on {
                let _ = write!(out, "</{tag}>");
            }
        }
        if run.line_break {
            out.push_str("<br>");
        }
    }
    if open_link.is_some() {
        out.push_str("</a>");
    }
}

fn alert_title(kind: AlertKind, language: Language) -> (&'static str, &'static str) {
    let class = match kind {
        AlertKind::Note => "note",
        AlertKind::Tip => "tip",
        AlertKind::Important => "important",
        AlertKind::Warning => "warning",
        AlertKind::Caution => "caution",
    };
    (class, crate::i18n::render::alert(language, kind))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::markdown::convert_plain;

    fn html(markdown: &str) -> String {
        render(&Document {
            blocks: convert_plain(markdown),
            ..Document::default()
        })
    }

    #[test]
    fn text_is_escaped_everywhere() {
        let out = html("# <img src=x onerror=alert(1)>\n\n| \"a\" |\n|---|\n| <b>'x'</b> & y |\n");
        assert!(!out.contains("<img"), "{out}");
        assert!(!out.contains("<b>"), "{out}");
        assert!(out.contains("&#39;x&#39;"), "{out}");
        assert!(out.contains("&amp; y"), "{out}");
    }

    #[test]
    fn characters_html_forbids_become_replacement_characters() {
        let out = html("a\0b \u{1}c \u{7f}d \u{9f}e \u{FFFF}f\ttab");
        assert_eq!(
            out,
            "<p>a\u{FFFD}b \u{FFFD}c \u{FFFD}d \u{FFFD}e \u{FFFD}f\ttab</p>\n"
        );
    }

    #[test]
    fn links_nest_around_styles() {
        let out = html("[**bold** text](https://example.com/?a=1&b=2) [x](javascript:alert(1))");
        assert_eq!(
            out,
            "<p><a href=\"https://example.com/?a=1&amp;b=2\"><strong>bold</strong> text</a> x</p>\n"
        );
    }

    #[test]
    fn alerts_and_tight_lists() {
        let out = html("> [!CAUTION]\n> Careful\n\n- a\n- b\n");
        assert!(out.contains("<div class=\"alert alert-caution\" role=\"note\">"));
        assert!(out.contains("<li>a</li>"));
    }

    #[test]
    fn table_of_contents_lists_level_two() {
        let doc = Document {
            blocks: convert_plain("# T\n\n## One\n\n### x\n\n## Two *b*"),
            ..Document::default()
        };
        let toc = toc(&doc);
        assert_eq!(toc.len(), 2);
        assert_eq!(toc[1].text, "Two b");
    }
}
