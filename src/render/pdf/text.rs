//! Styled text: measuring and breaking it into lines.
//!
//! Break opportunities come from the Unicode line breaking algorithm (UAX #14), which already
//! knows Chinese: a line may break between two Han characters, never before closing
//! punctuation such as `。，、；：？！）」` and never after opening punctuation such as `（「`.
//! Chinese and Latin text meet without an inserted space, as they are typed.

use unicode_linebreak::{BreakOpportunity, linebreaks};

use super::fonts::{FontSet, Weight};
use super::theme::Rgb;
use crate::document::Run;

/// How a span of text looks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct TextStyle {
    pub size: f32,
    pub bold: bool,
    pub italic: bool,
    pub mono: bool,
    pub strike: bool,
    pub underline: bool,
    pub color: Rgb,
}

impl TextStyle {
    pub(super) fn new(size: f32, color: Rgb) -> TextStyle {
        TextStyle {
            size,
            bold: false,
            italic: false,
            mono: false,
            strike: false,
            underline: false,
            color,
        }
    }

    pub(super) fn bold(self) -> TextStyle {
        TextStyle { bold: true, ..self }
    }

    fn weight(&self) -> Weight {
        match (self.mono, self.bold) {
            (true, _) => Weight::Mono,
            (false, true) => Weight::Bold,
            (false, false) => Weight::Regular,
        }
    }
}

/// Text with one style, optionally a link.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Span {
    pub text: String,
    pub style: TextStyle,
    pub link: Option<String>,
}

impl Span {
    pub(super) fn new(text: impl Into<String>, style: TextStyle) -> Span {
        Span {
            text: text.into(),
            style,
            link: None,
        }
    }
}

/// Spans from document runs set in `base`: bold, italic, code, links and hard breaks.
pub(super) fn spans_of(runs: &[Run], base: TextStyle) -> Vec<Span> {
    runs.iter()
        .map(|run| {
            let mut style = base;
            style.bold |= run.strong;
            style.italic |= run.emphasis;
            style.mono |= run.code;
            style.strike |= run.strike;
            if run.code {
                style.size = base.size * 0.92;
            }
            let link = run.link.as_deref().filter(|target| travels(target));
            if link.is_some() {
                style.underline = true;
                style.color = super::theme::LINK;
            }
            let mut text = run.text.replace('\t', "    ");
            if run.line_break {
                text.push('\n');
            }
            Span {
                text,
                style,
                link: link.map(str::to_owned),
            }
        })
        .collect()
}

/// Whether a link still leads somewhere from a PDF read on its own (mailed, or built
/// without the HTML pages): a heading of the same document or an address with a scheme.
/// A link to a sibling page (`stakeholders/x.html`) is set as plain text instead.
fn travels(target: &str) -> bool {
    target.starts_with('#')
        || target
            .split_once(':')
            .is_some_and(|(scheme, _)| !scheme.is_empty() && !scheme.contains(['/', '?', '#']))
}

/// A piece of a line in one face and style.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Piece {
    /// Offset from the line start.
    pub x: f32,
    pub width: f32,
    pub text: String,
    /// Glyph ids, one per character of `text`.
    pub gids: Vec<u16>,
    /// Index into the report's faces.
    pub face: u8,
    pub fake_bold: bool,
    pub style: TextStyle,
    pub link: Option<String>,
}

/// A line of text.
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct Line {
    pub pieces: Vec<Piece>,
    /// Width of the ink, trailing spaces excluded.
    pub width: f32,
    /// Extra space after every character, from justification.
    pub spacing: f32,
    /// Ends at a hard break or the end of the text: never justified.
    pub last: bool,
}

impl Line {
    /// Stretch the line to `width` by spacing its characters evenly, as Chinese text is set.
    /// Last lines, and lines that would stretch visibly, stay as they are.
    pub(super) fn justify(&mut self, width: f32) {
        let chars: usize = self.pieces.iter().map(|p| p.text.chars().count()).sum();
        let slack = width - self.width;
        if self.last || chars < 2 || slack <= 0.0 || slack > width * 0.1 {
            return;
        }
        let spacing = slack / (chars - 1) as f32;
        let mut shift = 0.0;
        for piece in &mut self.pieces {
            let grow = piece.text.chars().count() as f32 * spacing;
            piece.x += shift;
            piece.width += grow;
            shift += grow;
        }
        if let Some(last) = self.pieces.last_mut() {
            last.width -= spacing;
        }
        self.spacing = spacing;
        self.width = width;
    }
}

impl Line {
    /// The line's text, for tests and diagnostics.
    #[cfg(test)]
    pub(super) fn text(&self) -> String {
        self.pieces.iter().map(|p| p.text.as_str()).collect()
    }
}

/// One measured character.
struct Measured {
    byte: usize,
    span: usize,
    face: u8,
    gid: u16,
    fake_bold: bool,
    advance: f32,
    space: bool,
}

/// Width of `text` set in one style, without breaking.
pub(super) fn measure(text: &str, style: TextStyle, fonts: &mut FontSet) -> f32 {
    text.chars()
        .map(|c| fonts.glyph(c, style.weight()).advance * style.size)
        .sum()
}

/// The most characters one paragraph, heading or table cell lays out in a PDF: about ten
/// pages of prose. Longer text is cut there and ends in `…` (the HTML pages keep it
/// whole), so that one huge value cannot make a PDF grow without bound.
pub(super) const MAX_CHARS: usize = 20_000;

/// `spans` cut after [`MAX_CHARS`] characters, with `…` at the cut; borrowed when shorter.
fn capped(spans: &[Span]) -> std::borrow::Cow<'_, [Span]> {
    let total: usize = spans.iter().map(|s| s.text.len()).sum();
    // Bytes bound characters from above: most text is far below the limit.
    if total <= MAX_CHARS
        || spans.iter().map(|s| s.text.chars().count()).sum::<usize>() <= MAX_CHARS
    {
        return std::borrow::Cow::Borrowed(spans);
    }
    let mut left = MAX_CHARS;
    let mut kept = Vec::new();
    for span in spans {
        let count = span.text.chars().count();
        if count < left {
            kept.push(span.clone());
            left -= count;
            continue;
        }
        let end = span
            .text
            .char_indices()
            .nth(left)
            .map_or(span.text.len(), |(i, _)| i);
        let mut text = span.text[..end].to_owned();
        text.push('…');
        kept.push(Span {
            text,
            ..span.clone()
        });
        break;
    }
    std::borrow::Cow::Owned(kept)
}

/// The break opportunities of `text` (UAX #14), less those inside a word joined by
/// no-break spaces: the templates' `nowrap` writes a date so (`11月27日\u{a0}周五`,
/// `12\u{a0}Nov\u{a0}2026`), and Chinese would otherwise break between any two
/// characters of it. Such a word breaks only where a line cannot hold it.
fn breaks(text: &str) -> impl Iterator<Item = (usize, BreakOpportunity)> + '_ {
    let mut kept: Vec<std::ops::Range<usize>> = Vec::new();
    let (mut start, mut joined) = (None, false);
    for (i, c) in text.char_indices() {
        if c.is_whitespace() && c != '\u{a0}' {
            if let Some(s) = start.take()
                && joined
            {
                kept.push(s..i);
            }
            joined = false;
        } else {
            start.get_or_insert(i);
            joined |= c == '\u{a0}';
        }
    }
    if let Some(s) = start
        && joined
    {
        kept.push(s..text.len());
    }
    linebreaks(text).filter(move |&(at, opportunity)| {
        opportunity == BreakOpportunity::Mandatory
            || !kept.iter().any(|r| r.start < at && at < r.end)
    })
}

/// The narrowest and the natural width of `spans`: the widest unbreakable piece, and the
/// width set on one line. Table columns are sized from these.
pub(super) fn widths(spans: &[Span], fonts: &mut FontSet) -> (f32, f32) {
    let spans = &*capped(spans);
    let mut narrow: f32 = 0.0;
    let mut natural: f32 = 0.0;
    // Width of the current line so far, and of the word being built across spans.
    let (mut line, mut word): (f32, f32) = (0.0, 0.0);
    for span in spans {
        let weight = span.style.weight();
        let mut start = 0;
        for (end, _) in breaks(&span.text) {
            let segment = &span.text[start..end];
            let ink = segment.trim_end();
            word += measure(ink, span.style, fonts);
            if ink.len() < segment.len() || end < span.text.len() {
                // The segment ends in a break opportunity inside this span.
                narrow = narrow.max(word);
                line += word;
                word = 0.0;
                if segment.ends_with('\n') {
                    natural = natural.max(line);
                    line = 0.0;
                } else {
                    line += segment[ink.len()..]
                        .chars()
                        .map(|c| fonts.glyph(c, weight).advance * span.style.size)
                        .sum::<f32>();
                }
            }
            start = end;
        }
    }
    narrow = narrow.max(word);
    natural = natural.max(line + word);
    (narrow, natural)
}

/// Set `text` in one style on a single line (labels, page furniture).
pub(super) fn single_line(text: &str, style: TextStyle, fonts: &mut FontSet) -> Line {
    let spans = [Span::new(text.replace('\n', " "), style)];
    break_lines(&spans, f32::INFINITY, fonts)
        .into_iter()
        .next()
        .unwrap_or_default()
}

/// Break `spans` into lines at most `width` wide. A word wider than a line is broken
/// between characters.
pub(super) fn break_lines(spans: &[Span], width: f32, fonts: &mut FontSet) -> Vec<Line> {
    let spans = &*capped(spans);
    // Text measured at exactly `width` (a table column sized to its content) fits, whatever
    // the rounding of the sums.
    let width = width + 1e-3;
    let mut full = String::new();
    let mut chars = Vec::new();
    for (index, span) in spans.iter().enumerate() {
        for (offset, c) in span.text.char_indices() {
            let glyph = fonts.glyph(c, span.style.weight());
            let space = c.is_whitespace();
            chars.push(Measured {
                byte: full.len() + offset,
                span: index,
                face: glyph.face,
                gid: glyph.gid,
                fake_bold: glyph.fake_bold,
                advance: if c == '\n' {
                    0.0
                } else {
                    glyph.advance * span.style.size
                },
                space,
            });
        }
        full.push_str(&span.text);
    }
    if chars.is_empty() {
        return Vec::new();
    }

    let mut lines = Vec::new();
    let mut line_start = 0; // index into `chars`
    let mut line_width = 0.0; // committed segments, trailing spaces included
    let mut seg_start = 0;
    for (byte, opportunity) in breaks(&full) {
        let seg_end = chars.partition_point(|m| m.byte < byte);
        if seg_end == seg_start {
            continue;
        }
        let segment = &chars[seg_start..seg_end];
        let ink_len = segment.len() - segment.iter().rev().take_while(|m| m.space).count();
        let ink: f32 = segment[..ink_len].iter().map(|m| m.advance).sum();
        let full_width: f32 = segment.iter().map(|m| m.advance).sum();

        if seg_start > line_start && line_width + ink > width {
            lines.push(line_of(&chars[line_start..seg_start], &full, spans));
            line_start = seg_start;
            line_width = 0.0;
        }
        if seg_start == line_start && ink > width {
            // A word longer than the line: break it between characters.
            let mut run = 0.0;
            for i in seg_start..seg_start + ink_len {
                if i > line_start && run + chars[i].advance > width {
                    lines.push(line_of(&chars[line_start..i], &full, spans));
                    line_start = i;
                    run = 0.0;
                }
                run += chars[i].advance;
            }
            line_width = run + (full_width - ink);
        } else {
            line_width += full_width;
        }
        if opportunity == BreakOpportunity::Mandatory {
            let mut line = line_of(&chars[line_start..seg_end], &full, spans);
            line.last = true;
            lines.push(line);
            line_start = seg_end;
            line_width = 0.0;
        }
        seg_start = seg_end;
    }
    if line_start < chars.len() {
        let mut line = line_of(&chars[line_start..], &full, spans);
        line.last = true;
        lines.push(line);
    }
    lines
}

/// A line from measured characters: trailing spaces dropped, grouped into pieces.
fn line_of(chars: &[Measured], full: &str, spans: &[Span]) -> Line {
    let ink = chars.len() - chars.iter().rev().take_while(|m| m.space).count();
    let chars = &chars[..ink];
    let mut line = Line::default();
    let mut x = 0.0;
    let mut start = 0;
    while start < chars.len() {
        let first = &chars[start];
        let end = start
            + chars[start..]
                .iter()
                .take_while(|m| {
                    m.span == first.span && m.face == first.face && m.fake_bold == first.fake_bold
                })
                .count();
        let end_byte = chars.get(end).map_or_else(
            || {
                let last = &chars[end - 1];
                last.byte + full[last.byte..].chars().next().map_or(0, char::len_utf8)
            },
            |m| m.byte,
        );
        let width: f32 = chars[start..end].iter().map(|m| m.advance).sum();
        let span = &spans[first.span];
        line.pieces.push(Piece {
            x,
            width,
            text: full[first.byte..end_byte].to_string(),
            gids: chars[start..end].iter().map(|m| m.gid).collect(),
            face: first.face,
            fake_bold: first.fake_bold,
            style: span.style,
            link: span.link.clone(),
        });
        x += width;
        start = end;
    }
    line.width = x;
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::pdf::theme::INK;

    fn lines(text: &str, width_em: f32) -> Vec<String> {
        let mut fonts = FontSet::new(&[]).unwrap();
        let style = TextStyle::new(10.0, INK);
        break_lines(&[Span::new(text, style)], width_em * 10.0, &mut fonts)
            .iter()
            .map(Line::text)
            .collect()
    }

    #[test]
    fn a_date_joined_by_no_break_spaces_stays_on_one_line() {
        // Seven em hold the date but not the line: without the joining, 下次 11月27日
        // would fill the first line and 周五 start the next.
        let joined = lines("下次 11月27日\u{a0}周五", 7.0);
        assert_eq!(joined, ["下次", "11月27日\u{a0}周五"]);
        let mut fonts = FontSet::new(&[]).unwrap();
        let style = TextStyle::new(10.0, INK);
        let (narrow, natural) = widths(&[Span::new("11月27日\u{a0}周五", style)], &mut fonts);
        assert_eq!(narrow, natural, "the date is one unbreakable piece");
        // Plain Chinese still breaks between characters.
        assert!(lines("逐周安排负责人工作量", 4.0).len() > 1);
    }

    #[test]
    fn only_links_that_work_in_a_pdf_read_alone_stay_links() {
        let linked = |target: &str| Run {
            link: Some(target.into()),
            ..Run::plain("x")
        };
        let runs: Vec<Run> = [
            "https://intranet.example.com/faq",
            "mailto:pmo@example.com",
            "#register",
            "stakeholders/helen-brandt.html",
            "communication-plan.html",
            "../report.html#grid",
        ]
        .iter()
        .map(|t| linked(t))
        .collect();
        let spans = spans_of(&runs, TextStyle::new(10.0, INK));
        let kept: Vec<Option<&str>> = spans.iter().map(|s| s.link.as_deref()).collect();
        assert_eq!(
            kept,
            [
                Some("https://intranet.example.com/faq"),
                Some("mailto:pmo@example.com"),
                Some("#register"),
                None,
                None,
                None
            ]
        );
        assert!(spans[0].style.underline && !spans[3].style.underline);
    }

    #[test]
    fn latin_breaks_at_spaces_and_drops_trailing_ones() {
        let got = lines("the sponsor reads the report before the meeting", 12.0);
        assert!(got.len() > 1, "{got:?}");
        for line in &got {
            assert!(!line.ends_with(' ') && !line.starts_with(' '), "{got:?}");
        }
        assert_eq!(
            got.join(" "),
            "the sponsor reads the report before the meeting"
        );
    }

    #[test]
    fn han_breaks_between_characters() {
        // Eight em wide: eight Han characters per line.
        let got = lines("项目发起人在指导委员会会议之前阅读报告", 8.0);
        assert_eq!(got, ["项目发起人在指导", "委员会会议之前阅", "读报告"]);
    }

    #[test]
    fn closing_punctuation_never_starts_a_line() {
        // The comma would be the ninth character on an eight-em line: it must take the
        // character before it along rather than start the next line.
        let got = lines("项目发起人在指导委，员会会议", 8.0);
        assert!(got.iter().all(|l| !l.starts_with('，')), "{got:?}");
        for closing in ['。', '，', '、', '；', '：', '？', '！', '）', '」'] {
            let text = format!("一二三四五六七八{closing}九十");
            let got = lines(&text, 8.0);
            assert!(
                got.iter().all(|l| !l.starts_with(closing)),
                "{closing}: {got:?}"
            );
        }
    }

    #[test]
    fn opening_punctuation_never_ends_a_line() {
        for opening in ['（', '「'] {
            let text = format!("一二三四五六七{opening}八九十");
            let got = lines(&text, 8.0);
            assert!(
                got.iter().all(|l| !l.ends_with(opening)),
                "{opening}: {got:?}"
            );
        }
    }

    #[test]
    fn chinese_and_english_mix_without_gaps() {
        let got = lines("与SAP团队协调ERP上线计划", 100.0);
        assert_eq!(got, ["与SAP团队协调ERP上线计划"]);
        let got = lines("与SAP团队协调ERP上线计划", 5.0);
        assert!(got.len() > 1);
        assert_eq!(
            got.concat(),
            "与SAP团队协调ERP上线计划",
            "no spaces inserted"
        );
        assert!(got.iter().all(|l| !l.contains("SA\n")));
        assert!(
            got.iter().any(|l| l.contains("SAP")),
            "words stay whole: {got:?}"
        );
    }

    #[test]
    fn justified_lines_fill_the_width_except_the_last() {
        let mut fonts = FontSet::new(&[]).unwrap();
        let style = TextStyle::new(10.0, INK);
        // Twenty characters fit; the comma after them pulls the twentieth down, so the
        // first line is one character short and gets spaced out.
        let text = format!("{0}，{0}{0}", "一二三四五六七八九十一二三四五六七八九十");
        let width = 200.5;
        let mut got = break_lines(&[Span::new(text, style)], width, &mut fonts);
        assert!(got[0].width < 195.0, "{:?}", got[0]);
        for line in &mut got {
            line.justify(width);
        }
        assert!(got.len() > 2);
        let (last, rest) = got.split_last().unwrap();
        for line in rest {
            assert!((line.width - width).abs() < 1e-3, "{line:?}");
            let end = line.pieces.last().map(|p| p.x + p.width).unwrap();
            assert!((end - width).abs() < 1e-3);
        }
        assert!(got[0].spacing > 0.0);
        assert!(last.width < width && last.spacing == 0.0);
    }

    #[test]
    fn text_fits_a_width_measured_from_it() {
        let mut fonts = FontSet::new(&[]).unwrap();
        let style = TextStyle::new(8.5, INK);
        for text in [
            "Sam Whitfield",
            "Kessler Automotive GmbH",
            "刘晓燕",
            "2026年11月23日",
        ] {
            let spans = [Span::new(text, style)];
            let (_, natural) = widths(&spans, &mut fonts);
            let got = break_lines(&spans, natural, &mut fonts);
            assert_eq!(got.len(), 1, "{text}: {natural}");
        }
    }

    #[test]
    fn a_word_longer_than_the_line_is_split() {
        let got = lines("https://example.com/a/very/long/path/that/cannot/fit", 6.0);
        assert!(got.len() > 2, "{got:?}");
        assert_eq!(
            got.concat(),
            "https://example.com/a/very/long/path/that/cannot/fit"
        );
    }

    #[test]
    fn text_past_the_limit_is_cut_with_an_ellipsis() {
        let got = lines(&"x".repeat(MAX_CHARS * 3), 60.0);
        let text = got.concat();
        assert_eq!(text.chars().count(), MAX_CHARS + 1);
        assert!(text.ends_with("x…"));
        let short = "y".repeat(MAX_CHARS);
        assert_eq!(lines(&short, 60.0).concat(), short);
    }

    #[test]
    fn hard_breaks_and_styles_split_into_pieces() {
        let mut fonts = FontSet::new(&[]).unwrap();
        let base = TextStyle::new(10.0, INK);
        let runs = [
            Run::plain("Owner: "),
            Run {
                text: "Li Wei".into(),
                strong: true,
                line_break: true,
                ..Run::default()
            },
            Run::plain("next"),
        ];
        let got = break_lines(&spans_of(&runs, base), 500.0, &mut fonts);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].pieces.len(), 2);
        assert_eq!(got[0].pieces[1].text, "Li Wei");
        assert!(got[0].pieces[1].style.bold);
        assert!(got[0].pieces[1].x > 0.0);
        assert_eq!(got[1].text(), "next");
    }
}
