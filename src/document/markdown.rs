//! Markdown (CommonMark + GFM tables, alerts, strikethrough, task lists) to the neutral
//! document model.
//!
//! The model holds text, never markup: raw HTML in Markdown is reduced to its text (a
//! `<br>` becomes a line break, `<script>` and `<style>` lose their content too), and a
//! link survives only with a harmless scheme. So nothing a register file says can reach a
//! rendered page as markup, whatever the renderer.
//!
//! Content templates use three fenced directives that only the template's own text may
//! use (Markdown embedded from the register is parsed without them):
//!
//! - ```` ```chart ```` with a body `grid`, or `sentiment helen-brandt`: a chart;
//! - ```` ```embed ```` with a body `notes helen-brandt` or `introduction`: Markdown from
//!   the register, its headings shifted under the heading it is placed beneath;
//! - ```` ```figures ```` with lines `22 | Stakeholders`: key figures.
//!
//! Nesting is bounded: a quote or list deeper than [`MAX_NESTING`] containers is
//! flattened into the deepest one allowed (its text stays, its nesting goes), so every
//! walk over the blocks (HTML, PDF, style sheets, dropping them) recurses a bounded
//! number of times whatever a register file says.

use pulldown_cmark::{
    Alignment, BlockQuoteKind, CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd,
};

use super::{AlertKind, Align, Block, Figure, Run, Table};

/// The deepest nesting of quotes and lists the model keeps. Deeper containers are
/// flattened into the one at this depth: no reader follows 16 levels of indentation,
/// and a bounded depth keeps every recursive walk over the blocks within its stack.
pub const MAX_NESTING: usize = 16;

/// What the directive fences of a content template stand for.
pub trait Embeds {
    /// The chart a ```` ```chart ```` fence names (`grid`, `sentiment helen-brandt`, ...).
    fn chart(&self, spec: &str) -> Result<Block, String>;
    /// The Markdown an ```` ```embed ```` fence names (`notes <id>`, `introduction`).
    fn markdown(&self, spec: &str) -> Result<&str, String>;
}

/// Converts a content template's output to blocks, expanding its directives.
pub fn convert(markdown: &str, embeds: &dyn Embeds) -> Result<Vec<Block>, String> {
    let mut anchors = Anchors::default();
    Converter::new(Some(embeds), 0, &mut anchors).run(markdown)
}

/// Converts Markdown written by a user (notes, an introduction), without directives.
pub fn convert_plain(markdown: &str) -> Vec<Block> {
    let mut anchors = Anchors::default();
    Converter::new(None, 0, &mut anchors)
        .run(markdown)
        .expect("without directives nothing can fail")
}

/// Anchor ids already given in a document, to keep them unique.
#[derive(Default)]
struct Anchors {
    used: std::collections::HashSet<String>,
    /// For each base slug, the suffix to try next: 40,000 headings `# h` get `h`, `h-2`,
    /// ... `h-40000` in linear time instead of retrying from `h-2` each time.
    next: std::collections::HashMap<String, u64>,
}

impl Anchors {
    fn unique(&mut self, runs: &[Run]) -> String {
        let text: String = runs.iter().map(|r| r.text.as_str()).collect();
        let base = slug(&text);
        let next = self.next.entry(base.clone()).or_insert(1);
        loop {
            let id = match *next {
                1 => base.clone(),
                n => format!("{base}-{n}"),
            };
            *next += 1;
            // A heading literally written `h-2` may have taken a suffix already: the
            // loop skips it, and every skipped id is skipped once per base.
            if self.used.insert(id.clone()) {
                return id;
            }
        }
    }
}

/// The anchor of a heading with this text (before any `-2` that tells repeated
/// headings apart): its letters and digits in lower case, other runs as one `-`.
pub(crate) fn slug(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    match slug.trim_end_matches('-') {
        "" => "section".to_owned(),
        // An id starting with a digit is valid HTML but awkward in CSS selectors.
        s if s.starts_with(|c: char| c.is_ascii_digit()) => format!("s-{s}"),
        s => s.to_owned(),
    }
}

/// A container being filled.
enum Frame {
    Root(Vec<Block>),
    List {
        start: Option<u64>,
        items: Vec<Vec<Block>>,
    },
    Item(Vec<Block>),
    Quote {
        kind: Option<BlockQuoteKind>,
        blocks: Vec<Block>,
    },
    Table {
        table: Table,
        row: Vec<Vec<Run>>,
        head: bool,
    },
}

#[derive(Default, Clone)]
struct Style {
    strong: u32,
    emphasis: u32,
    strike: u32,
    link: Option<Option<String>>,
}

struct Converter<'a> {
    embeds: Option<&'a dyn Embeds>,
    shift: u8,
    anchors: &'a mut Anchors,
    frames: Vec<Frame>,
    inline: Vec<Run>,
    style: Style,
    /// A soft line break waits for the next text: none between two CJK characters.
    soft_break: bool,
    heading: Option<u8>,
    last_heading: u8,
    code: Option<(String, String)>,
    /// Inside `<script>` or `<style>` given as inline HTML: text is dropped.
    hidden_html: u32,
    /// Quotes, lists and items open beyond [`MAX_NESTING`], which have no frame.
    flattened: usize,
}

impl<'a> Converter<'a> {
    fn new(embeds: Option<&'a dyn Embeds>, shift: u8, anchors: &'a mut Anchors) -> Self {
        Converter {
            embeds,
            shift,
            anchors,
            frames: vec![Frame::Root(Vec::new())],
            inline: Vec::new(),
            style: Style::default(),
            soft_break: false,
            heading: None,
            last_heading: shift,
            code: None,
            hidden_html: 0,
            flattened: 0,
        }
    }

    fn run(mut self, markdown: &str) -> Result<Vec<Block>, String> {
        let options = Options::ENABLE_TABLES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_TASKLISTS
            | Options::ENABLE_GFM;
        for event in Parser::new_ext(markdown, options) {
            self.event(event)?;
        }
        self.flush_paragraph();
        match self.frames.pop() {
            Some(Frame::Root(blocks)) if self.frames.is_empty() => Ok(blocks),
            _ => unreachable!("pulldown-cmark balances every start with an end"),
        }
    }

    fn event(&mut self, event: Event<'_>) -> Result<(), String> {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag)?,
            Event::Text(text) => {
                if let Some((_, body)) = &mut self.code {
                    body.push_str(&text);
                } else if self.hidden_html == 0 {
                    self.text(&text, false);
                }
            }
            Event::Code(text) => self.text(&text, true),
            Event::InlineMath(text) | Event::DisplayMath(text) => self.text(&text, false),
            Event::InlineHtml(html) => self.inline_html(&html),
            Event::Html(html) => {
                let text = strip_tags(&html);
                if !text.trim().is_empty() {
                    self.text(text.trim(), false);
                }
            }
            Event::FootnoteReference(label) => self.text(&format!("[{label}]"), false),
            Event::SoftBreak => self.soft_break = true,
            Event::HardBreak => self.line_break(),
            Event::Rule => {
                self.flush_paragraph();
                self.push_block(Block::Rule);
            }
            Event::TaskListMarker(done) => self.text(if done { "☑ " } else { "☐ " }, false),
        }
        Ok(())
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => self.flush_paragraph(),
            Tag::Heading { level, .. } => {
                self.flush_paragraph();
                self.heading = Some(heading_level(level));
            }
            Tag::BlockQuote(kind) => {
                self.flush_paragraph();
                if !self.flattened_open() {
                    self.frames.push(Frame::Quote {
                        kind,
                        blocks: Vec::new(),
                    });
                }
            }
            Tag::CodeBlock(kind) => {
                self.flush_paragraph();
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.trim().to_owned(),
                    CodeBlockKind::Indented => String::new(),
                };
                self.code = Some((info, String::new()));
            }
            Tag::List(start) => {
                self.flush_paragraph();
                if !self.flattened_open() {
                    self.frames.push(Frame::List {
                        start,
                        items: Vec::new(),
                    });
                }
            }
            Tag::Item => {
                self.flush_paragraph();
                // The items of a flattened list are flattened with it.
                if self.flattened > 0 {
                    self.flattened += 1;
                } else {
                    self.frames.push(Frame::Item(Vec::new()));
                }
            }
            Tag::Table(align) => {
                self.flush_paragraph();
                let align = align.into_iter().map(alignment).collect();
                self.frames.push(Frame::Table {
                    table: Table {
                        align,
                        ..Table::default()
                    },
                    row: Vec::new(),
                    head: false,
                });
            }
            Tag::TableHead => {
                if let Some(Frame::Table { head, .. }) = self.frames.last_mut() {
                    *head = true;
                }
            }
            Tag::TableRow | Tag::TableCell => {}
            Tag::Emphasis => self.style.emphasis += 1,
            Tag::Strong => self.style.strong += 1,
            Tag::Strikethrough => self.style.strike += 1,
            Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } => {
                self.style.link = Some(safe_url(&dest_url));
            }
            Tag::HtmlBlock
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::Superscript
            | Tag::Subscript
            | Tag::MetadataBlock(_) => {}
        }
    }

    fn end(&mut self, tag: TagEnd) -> Result<(), String> {
        match tag {
            TagEnd::Paragraph => self.flush_paragraph(),
            TagEnd::Heading(_) => {
                let runs = std::mem::take(&mut self.inline);
                let level = self.heading.take().unwrap_or(1);
                let level = (level + self.shift).min(6);
                self.last_heading = level;
                let id = self.anchors.unique(&runs);
                self.push_block(Block::Heading { level, runs, id });
            }
            TagEnd::BlockQuote(_) => {
                self.flush_paragraph();
                if self.flattened_closed() {
                    return Ok(());
                }
                if let Some(Frame::Quote { kind, blocks }) = self.frames.pop() {
                    self.push_block(match kind {
                        Some(kind) => Block::Alert {
                            alert: alert_kind(kind),
                            blocks,
                        },
                        None => Block::Quote(blocks),
                    });
                }
            }
            TagEnd::CodeBlock => {
                if let Some((info, body)) = self.code.take() {
                    self.code_block(&info, body)?;
                }
            }
            TagEnd::List(_) => {
                self.flush_paragraph();
                if self.flattened_closed() {
                    return Ok(());
                }
                if let Some(Frame::List { start, items }) = self.frames.pop() {
                    self.push_block(Block::List { start, items });
                }
            }
            TagEnd::Item => {
                self.flush_paragraph();
                if self.flattened_closed() {
                    return Ok(());
                }
                if let Some(Frame::Item(blocks)) = self.frames.pop()
                    && let Some(Frame::List { items, .. }) = self.frames.last_mut()
                {
                    items.push(blocks);
                }
            }
            TagEnd::TableCell => {
                let runs = std::mem::take(&mut self.inline);
                self.soft_break = false;
                if let Some(Frame::Table { row, .. }) = self.frames.last_mut() {
                    row.push(runs);
                }
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                if let Some(Frame::Table { table, row, head }) = self.frames.last_mut() {
                    let cells = std::mem::take(row);
                    if *head {
                        table.header = cells;
                        *head = false;
                    } else {
                        table.rows.push(cells);
                    }
                }
            }
            TagEnd::Table => {
                if let Some(Frame::Table { table, .. }) = self.frames.pop() {
                    self.push_block(Block::Table(table));
                }
            }
            TagEnd::Emphasis => self.style.emphasis = self.style.emphasis.saturating_sub(1),
            TagEnd::Strong => self.style.strong = self.style.strong.saturating_sub(1),
            TagEnd::Strikethrough => self.style.strike = self.style.strike.saturating_sub(1),
            TagEnd::Link | TagEnd::Image => self.style.link = None,
            TagEnd::HtmlBlock
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::MetadataBlock(_) => {}
        }
        Ok(())
    }

    /// A fenced block: a directive of the template, or code.
    fn code_block(&mut self, info: &str, body: String) -> Result<(), String> {
        let spec = body.trim();
        match (self.embeds, info) {
            (Some(embeds), "chart") => {
                let chart = embeds.chart(spec)?;
                self.push_block(chart);
            }
            (Some(embeds), "embed") => {
                let markdown = embeds.markdown(spec)?;
                let blocks = Converter::new(None, self.last_heading, self.anchors).run(markdown)?;
                for block in blocks {
                    self.push_block(block);
                }
            }
            (Some(_), "figures") => {
                let figures = spec
                    .lines()
                    .filter_map(|line| {
                        let (value, label) = line.split_once(" | ")?;
                        Some(Figure {
                            value: unescape(value.trim()),
                            label: unescape(label.trim()),
                        })
                    })
                    .collect();
                self.push_block(Block::Figures(figures));
            }
            _ => self.push_block(Block::Code(body.trim_end_matches('\n').to_owned())),
        }
        Ok(())
    }

    fn text(&mut self, text: &str, code: bool) {
        if text.is_empty() {
            return;
        }
        if std::mem::take(&mut self.soft_break) {
            let before = self.inline.last().and_then(|r| r.text.chars().last());
            let after = text.chars().next();
            let joins = before.is_some_and(is_cjk) && after.is_some_and(is_cjk);
            if !joins && before.is_some() {
                self.push_text(" ", false);
            }
        }
        self.push_text(text, code);
    }

    fn push_text(&mut self, text: &str, code: bool) {
        let (strong, emphasis, strike) = (
            self.style.strong > 0,
            self.style.emphasis > 0,
            self.style.strike > 0,
        );
        let link = self.style.link.as_ref().and_then(Option::as_deref);
        // Text in the same style as the run before extends it.
        match self.inline.last_mut() {
            Some(last)
                if !last.line_break
                    && (last.strong, last.emphasis, last.code, last.strike)
                        == (strong, emphasis, code, strike)
                    && last.link.as_deref() == link =>
            {
                last.text.push_str(text)
            }
            _ => self.inline.push(Run {
                text: text.to_owned(),
                strong,
                emphasis,
                code,
                strike,
                link: link.map(str::to_owned),
                line_break: false,
            }),
        }
    }

    fn line_break(&mut self) {
        self.soft_break = false;
        if let Some(last) = self.inline.last_mut() {
            last.line_break = true;
        }
    }

    fn inline_html(&mut self, html: &str) {
        let tag = html
            .trim_start_matches('<')
            .trim_start_matches('/')
            .split(|c: char| !c.is_ascii_alphanumeric())
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let closing = html.starts_with("</");
        match tag.as_str() {
            "br" => self.line_break(),
            "script" | "style" if closing => self.hidden_html = self.hidden_html.saturating_sub(1),
            "script" | "style" if !html.trim_end().ends_with("/>") => self.hidden_html += 1,
            _ => {}
        }
    }

    /// Ends the paragraph being written, if any.
    fn flush_paragraph(&mut self) {
        self.soft_break = false;
        if self.inline.is_empty() || self.heading.is_some() {
            return;
        }
        let runs = std::mem::take(&mut self.inline);
        self.push_block(Block::Paragraph(runs));
    }

    /// Called as a quote or list opens: whether it is nested deeper than [`MAX_NESTING`]
    /// and so flattened (counted, not given a frame), its blocks going to the container
    /// it is in. Everything inside a flattened container is flattened too.
    fn flattened_open(&mut self) -> bool {
        // Frames hold the root, at most one table and, per level, a list and its item
        // or a quote: counting them is bounded by the limit itself.
        let depth = (self.frames.iter())
            .filter(|f| matches!(f, Frame::Quote { .. } | Frame::List { .. }))
            .count();
        if self.flattened > 0 || depth >= MAX_NESTING {
            self.flattened += 1;
        }
        self.flattened > 0
    }

    /// Called as a quote, list or item closes: whether it was a flattened one.
    fn flattened_closed(&mut self) -> bool {
        let was = self.flattened > 0;
        self.flattened = self.flattened.saturating_sub(1);
        was
    }

    fn push_block(&mut self, block: Block) {
        match self.frames.last_mut() {
            Some(Frame::Root(blocks) | Frame::Item(blocks) | Frame::Quote { blocks, .. }) => {
                blocks.push(block)
            }
            // A list holds items and a table holds cells; pulldown-cmark sends nothing else.
            Some(Frame::List { .. } | Frame::Table { .. }) | None => {}
        }
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    level as u8
}

fn alignment(align: Alignment) -> Align {
    match align {
        Alignment::None | Alignment::Left => Align::Left,
        Alignment::Center => Align::Center,
        Alignment::Right => Align::Right,
    }
}

fn alert_kind(kind: BlockQuoteKind) -> AlertKind {
    match kind {
        BlockQuoteKind::Note => AlertKind::Note,
        BlockQuoteKind::Tip => AlertKind::Tip,
        BlockQuoteKind::Important => AlertKind::Important,
        BlockQuoteKind::Warning => AlertKind::Warning,
        BlockQuoteKind::Caution => AlertKind::Caution,
    }
}

/// Han, kana, Hangul and full-width punctuation: no space between two of them.
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}' | '\u{FF00}'..='\u{FFEF}' | '\u{20000}'..='\u{2FA1F}')
}

/// The link target when it is harmless: relative, an anchor, or http(s), mailto or tel.
/// Browsers ignore tabs, newlines and control characters inside a scheme, so they are
/// ignored here too before the scheme is read.
pub fn safe_url(url: &str) -> Option<String> {
    let url = url.trim();
    // The scheme is what comes before a `:` that no `/`, `?` or `#` precedes.
    let mut scheme = String::new();
    let mut cleaned = url
        .chars()
        .filter(|c| !c.is_ascii_control() && !c.is_whitespace());
    let has_scheme = loop {
        match cleaned.next() {
            Some(':') => break true,
            None | Some('/' | '?' | '#') => break false,
            Some(c) => scheme.push(c.to_ascii_lowercase()),
        }
    };
    match has_scheme.then_some(scheme.as_str()) {
        None if !url.is_empty() => Some(url.to_owned()),
        Some("http" | "https" | "mailto" | "tel") => Some(url.to_owned()),
        _ => None,
    }
}

/// The text of an HTML fragment: tags removed, `<script>` and `<style>` with their
/// content, a few entities decoded (the rest stays as written, which is harmless text).
fn strip_tags(html: &str) -> String {
    let mut text = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let after = &rest[open..];
        let lower = after.get(..8).unwrap_or(after).to_ascii_lowercase();
        let hidden = ["<script", "<style"]
            .into_iter()
            .find(|t| lower.starts_with(t));
        if let Some(t) = hidden {
            let close = format!("</{}", &t[1..]);
            match after.to_ascii_lowercase().find(&close) {
                Some(end) => {
                    rest = &after[end..];
                    rest = rest.find('>').map_or("", |gt| &rest[gt + 1..]);
                }
                None => rest = "",
            }
            continue;
        }
        match after.find('>') {
            Some(gt) => {
                if after[..gt].to_ascii_lowercase().starts_with("<br") {
                    text.push('\n');
                }
                rest = &after[gt + 1..];
            }
            None => rest = "",
        }
    }
    text.push_str(rest);
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

/// Removes Markdown backslash escapes (fenced blocks do not process them).
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\'
            && let Some(&next) = chars.peek()
            && next.is_ascii_punctuation()
        {
            out.push(next);
            chars.next();
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Chart, ChartLabels, GridChart};

    struct Fixture;

    impl Embeds for Fixture {
        fn chart(&self, spec: &str) -> Result<Block, String> {
            match spec {
                "grid" => Ok(Block::chart(Chart::Grid(GridChart {
                    labels: ChartLabels::default(),
                    words: Default::default(),
                    threshold: 4,
                    points: Vec::new(),
                    moves: Vec::new(),
                }))),
                other => Err(format!("unknown chart `{other}`")),
            }
        }
        fn markdown(&self, spec: &str) -> Result<&str, String> {
            match spec {
                "notes x" => Ok("# Inside\n\n```chart\ngrid\n```\n"),
                other => Err(format!("nothing to embed as `{other}`")),
            }
        }
    }

    fn text(runs: &[Run]) -> String {
        runs.iter().map(|r| r.text.as_str()).collect()
    }

    #[test]
    fn headings_get_unique_anchors() {
        let blocks = convert_plain("# Grid\n\n## Grid\n\n### 干系人 登记\n\n## 1. Start");
        let ids: Vec<_> = blocks
            .iter()
            .map(|b| match b {
                Block::Heading { id, .. } => id.as_str(),
                _ => "",
            })
            .collect();
        assert_eq!(ids, ["grid", "grid-2", "干系人-登记", "s-1-start"]);
    }

    #[test]
    fn tables_alerts_and_styles() {
        let md = "| a | b |\n|:--|--:|\n| **x** | `y` |\n\n> [!WARNING]\n> Late *now*\n";
        let blocks = convert_plain(md);
        let Block::Table(table) = &blocks[0] else {
            panic!("{blocks:?}")
        };
        assert_eq!(table.align, [Align::Left, Align::Right]);
        assert_eq!(text(&table.header[1]), "b");
        assert!(table.rows[0][0][0].strong);
        assert!(table.rows[0][1][0].code);
        let Block::Alert { alert, blocks } = &blocks[1] else {
            panic!()
        };
        assert_eq!(*alert, AlertKind::Warning);
        let Block::Paragraph(runs) = &blocks[0] else {
            panic!()
        };
        assert_eq!(text(runs), "Late now");
        assert!(runs[1].emphasis);
    }

    #[test]
    fn tight_list_items_are_paragraphs() {
        let blocks = convert_plain("- one\n- two\n  - nested\n");
        let Block::List { start: None, items } = &blocks[0] else {
            panic!("{blocks:?}")
        };
        assert_eq!(items.len(), 2);
        assert!(matches!(items[1][1], Block::List { .. }));
    }

    #[test]
    fn raw_html_becomes_text_and_scripts_vanish() {
        let md = "Hi <b onclick=\"x()\">there</b><script>alert(1)</script> you<br>next\n\n\
                  <div onmouseover=\"evil()\">block <script>alert(2)</script>text</div>\n";
        let blocks = convert_plain(md);
        let Block::Paragraph(runs) = &blocks[0] else {
            panic!()
        };
        assert_eq!(text(runs), "Hi there younext");
        assert!(runs.iter().any(|r| r.line_break));
        let Block::Paragraph(runs) = &blocks[1] else {
            panic!("{blocks:?}")
        };
        assert_eq!(text(runs), "block text");
    }

    #[test]
    fn only_harmless_links_survive() {
        for (url, kept) in [
            ("https://example.com/a", true),
            ("mailto:a@example.com", true),
            ("../report.html#grid", true),
            ("javascript:alert(1)", false),
            ("JavaScript:alert(1)", false),
            ("java\tscript:alert(1)", false),
            ("data:text/html,<script>", false),
            ("vbscript:x", false),
            ("a/b:c", true),
        ] {
            assert_eq!(safe_url(url).is_some(), kept, "{url}");
        }
        let blocks = convert_plain("[click](javascript:alert(1)) and ![img](x.png)");
        let Block::Paragraph(runs) = &blocks[0] else {
            panic!()
        };
        assert_eq!(runs[0].link, None);
        assert_eq!(runs.last().unwrap().link.as_deref(), Some("x.png"));
    }

    #[test]
    fn soft_breaks_join_chinese_without_space() {
        let blocks = convert_plain("前期工作\n仍是主要矛盾\nand English\nwords");
        let Block::Paragraph(runs) = &blocks[0] else {
            panic!()
        };
        assert_eq!(text(runs), "前期工作仍是主要矛盾 and English words");
    }

    #[test]
    fn directives_expand_only_at_the_top() {
        let md = "## Notes\n\n```embed\nnotes x\n```\n\n```chart\ngrid\n```\n\n```figures\n22 | Stake\\-holders\n```\n";
        let blocks = convert(md, &Fixture).unwrap();
        assert!(matches!(blocks[1], Block::Heading { level: 3, .. }));
        // The embedded chart fence is plain code: register text cannot call directives.
        assert!(matches!(blocks[2], Block::Code(_)));
        assert!(matches!(blocks[3], Block::Chart(_)));
        let Block::Figures(figures) = &blocks[4] else {
            panic!()
        };
        assert_eq!(figures[0].label, "Stake-holders");
        assert!(convert("```chart\npie\n```", &Fixture).is_err());
        // Without directives, a fence is code.
        assert!(matches!(
            convert_plain("```chart\ngrid\n```")[0],
            Block::Code(_)
        ));
    }

    /// The deepest nesting of quotes and lists in `blocks`.
    fn depth(blocks: &[Block]) -> usize {
        let mut deepest = 0;
        let mut stack: Vec<(&[Block], usize)> = vec![(blocks, 0)];
        while let Some((blocks, d)) = stack.pop() {
            deepest = deepest.max(d);
            for block in blocks {
                match block {
                    Block::Quote(inner) | Block::Alert { blocks: inner, .. } => {
                        stack.push((inner, d + 1))
                    }
                    Block::List { items, .. } => {
                        stack.extend(items.iter().map(|item| (item.as_slice(), d + 1)))
                    }
                    _ => {}
                }
            }
        }
        deepest
    }

    fn all_text(blocks: &[Block]) -> String {
        let mut text = String::new();
        for block in blocks {
            match block {
                Block::Paragraph(runs) | Block::Heading { runs, .. } => {
                    text.push_str(&self::text(runs))
                }
                Block::Quote(inner) | Block::Alert { blocks: inner, .. } => {
                    text.push_str(&all_text(inner))
                }
                Block::List { items, .. } => items.iter().for_each(|i| text.push_str(&all_text(i))),
                _ => {}
            }
        }
        text
    }

    #[test]
    fn deep_nesting_is_flattened_and_keeps_its_text() {
        for markdown in [
            format!("{}deep", "> ".repeat(20_000)),
            format!("{}deep", "- ".repeat(50_000)),
            format!("{}deep", "> - 1. ".repeat(5_000)),
            format!("{}deep\n\n{}deeper", "> ".repeat(40), "> ".repeat(20)),
        ] {
            let blocks = convert_plain(&markdown);
            assert_eq!(depth(&blocks), MAX_NESTING, "{}", &markdown[..20]);
            assert!(all_text(&blocks).contains("deep"));
        }
        let shallow = convert_plain("> > > three");
        assert_eq!(depth(&shallow), 3);
    }

    #[test]
    fn many_equal_headings_get_numbered_suffixes() {
        let markdown = "# h\n\n# h-3\n\n".to_owned() + &"# h\n\n".repeat(4);
        let ids: Vec<String> = convert_plain(&markdown)
            .into_iter()
            .filter_map(|b| match b {
                Block::Heading { id, .. } => Some(id),
                _ => None,
            })
            .collect();
        assert_eq!(ids, ["h", "h-3", "h-2", "h-4", "h-5", "h-6"]);
    }
}
