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
            Block::Table(table) => {
                let zh = self.language == Language::ZhCn;
                table_html(table, self.heading, zh, out);
            }
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
///
/// A table too wide for a phone is marked `stack`: on a narrow screen the style sheet shows
/// each row as a card, each cell labelled with its column head (`data-label`), so no
/// column is off-screen. A table that fits stays a table.
fn table_html(table: &Table, heading: Option<&str>, zh: bool, out: &mut String) {
    let class = |i: usize| match table.align.get(i).copied().unwrap_or_default() {
        Align::Left => "",
        Align::Center => " class=\"c\"",
        Align::Right => " class=\"r\"",
    };
    let names: Vec<String> = table.header.iter().map(|cell| plain(cell)).collect();
    let stack = narrowest_width(table, zh) > PHONE_WIDTH;
    out.push_str(if stack {
        "<div class=\"table-wrap stack\" tabindex=\"0\" role=\"region\" "
    } else {
        "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" "
    });
    match heading {
        Some(id) => {
            out.push_str("aria-labelledby=\"");
            escape(id, out);
        }
        None => {
            out.push_str("aria-label=\"");
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
            let _ = write!(out, "<td{}", class(i));
            if stack && let Some(name) = names.get(i).filter(|name| !name.trim().is_empty()) {
                out.push_str(" data-label=\"");
                escape(name, out);
                out.push('"');
            }
            out.push('>');
            runs_html(cell, out);
            out.push_str("</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table></div>\n");
}

/// The text of a cell without its styles.
fn plain(runs: &[Run]) -> String {
    runs.iter().map(|run| run.text.as_str()).collect()
}

/// The width, in CSS pixels, a table has for its content on a phone: a 360-px screen
/// less the page margins. A table that needs more is shown as cards there.
const PHONE_WIDTH: f32 = 328.0;

/// An estimate of the narrowest a table can be laid out, in CSS pixels at the table's
/// 13.5-px type: per column the widest head (heads do not wrap) or the widest piece of a
/// cell that cannot be broken, plus the cell padding. It errs wide (Chinese is taken to
/// break only at spaces and punctuation, as the plan and brief pages keep words whole),
/// so a table it calls narrow does fit.
fn narrowest_width(table: &Table, zh: bool) -> f32 {
    const EM: f32 = 13.5;
    const PADDING: f32 = 20.0;
    let columns = table.columns();
    (0..columns)
        .map(|i| {
            let head = table
                .header
                .get(i)
                .map_or(0.0, |cell| ems(&plain(cell)) * 1.05);
            let body = table
                .rows
                .iter()
                .filter_map(|row| row.get(i))
                .flat_map(|cell| cell.iter())
                .flat_map(|run| unbreakable(&run.text, zh))
                .map(ems)
                .fold(0.0, f32::max);
            head.max(body) * EM + PADDING
        })
        .sum()
}

/// The pieces of `text` a line cannot be broken inside: words between spaces (a no-break
/// space joins), and in Chinese text that keeps words whole, the runs between punctuation;
/// otherwise each Chinese character stands alone.
fn unbreakable(text: &str, zh: bool) -> impl Iterator<Item = &str> {
    text.split([' ', '\n', '\t'])
        .flat_map(move |word| word.split_inclusive(move |c: char| breaks_after(c, zh)))
}

fn breaks_after(c: char, zh: bool) -> bool {
    match c {
        '-' | '/' | '，' | '。' | '、' | '；' | '：' | '）' | '！' | '？' => true,
        c if wide(c) => !zh,
        _ => false,
    }
}

/// A character set a full em wide: Chinese, Japanese and Korean ideographs and their
/// punctuation, and full-width forms.
fn wide(c: char) -> bool {
    matches!(c, '\u{2E80}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FF60}')
}

/// The width of `text` in ems, taking a Latin letter or digit at its average 0.55 em.
fn ems(text: &str) -> f32 {
    text.chars().map(|c| if wide(c) { 1.0 } else { 0.55 }).sum()
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
    fn a_table_too_wide_for_a_phone_is_stacked_with_labelled_cells() {
        let wide = html(
            "| Owner | Stakeholder | Content | Channel | Frequency | Last contact | Next due | Days overdue |\n\
             |---|---|---|---|---|---|---|--:|\n\
             | Daniel Ortiz | Helen Brandt | Budget report | report | monthly | 19 Nov 2026 | 1 Mar 2026 | **2** |\n\
             | | Mark Sullivan | Steering pack | meeting | weekly | 10 Nov 2026 | 24 Nov 2026 | |\n",
        );
        assert!(wide.contains("<div class=\"table-wrap stack\""), "{wide}");
        assert!(
            wide.contains("<td class=\"r\" data-label=\"Days overdue\"><strong>2</strong></td>"),
            "{wide}"
        );
        // A blank cell stays empty, so the card hides it and joins the group above.
        assert!(
            wide.contains("<tr><td data-label=\"Owner\"></td>"),
            "{wide}"
        );
        let narrow = html("| Quadrant | Count |\n|---|--:|\n| Monitor | 4 |\n");
        assert!(narrow.contains("<div class=\"table-wrap\" "), "{narrow}");
        assert!(!narrow.contains("data-label"), "{narrow}");
    }

    #[test]
    fn chinese_that_keeps_words_whole_is_measured_by_its_runs() {
        let table = |text: &str| Table {
            align: vec![Align::Left; 2],
            header: vec![vec![Run::plain("需求")], vec![Run::plain("期望")]],
            rows: vec![vec![vec![Run::plain(text)], vec![Run::plain(text)]]],
        };
        // Fifteen characters without punctuation cannot break in a plan or brief.
        let long = table("希望尽早明确征收补偿标准和时间表");
        assert!(narrowest_width(&long, true) > PHONE_WIDTH);
        let short = table("希望尽早明确，征收补偿标准，时间表");
        assert!(narrowest_width(&short, true) < PHONE_WIDTH);
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
