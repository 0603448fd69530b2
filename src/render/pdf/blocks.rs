//! Document blocks to slices: headings, paragraphs, lists, boxes; tables and charts have
//! modules of their own.

use super::fonts::FontSet;
use super::layout::{Anchor, Draw, Flow, Frame, Slice, Stroke};
use super::text::{Line, Span, TextStyle, break_lines, single_line, spans_of};
use super::theme::{self, Rgb};
use super::{charts, table};
use crate::document::{AlertKind, Block, Document, Figure, Run};
use crate::i18n::render::PdfWords;

/// Where blocks go: their left edge, width, enclosing boxes and text colour.
#[derive(Debug, Clone)]
struct Ctx {
    x: f32,
    width: f32,
    frames: Vec<usize>,
    color: Rgb,
    italic: bool,
}

/// Turns a document's blocks into a flow.
pub(super) struct Builder<'a> {
    pub fonts: &'a mut FontSet,
    pub lang: PdfWords,
    pub flow: Flow,
    /// Level of the document's top headings: numbered 1, 1.1, 1.1.1 from there.
    top_level: u8,
    numbers: [u32; 3],
    /// Space before the next block, overriding its own (tight after headings).
    next_gap: Option<f32>,
    /// Height of a page's text area: what no single slice may exceed.
    pub page_body: f32,
    /// Text of the latest heading, unnumbered: a chart titled the same needs no title.
    pub heading: String,
    /// Number of slices when the latest heading was done: a heading right after it sits
    /// close.
    heading_end: usize,
}

/// Plain text of runs.
fn plain(runs: &[Run]) -> String {
    runs.iter().map(|r| r.text.as_str()).collect()
}

/// The blocks to lay out: a leading top heading that repeats the title is on the title page
/// already.
pub(super) fn content(doc: &Document) -> &[Block] {
    match doc.blocks.first() {
        Some(Block::Heading { runs, .. }) if plain(runs).trim() == doc.title.trim() => {
            &doc.blocks[1..]
        }
        _ => &doc.blocks,
    }
}

fn min_heading_level(blocks: &[Block]) -> Option<u8> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { level, .. } => Some(*level),
            _ => None,
        })
        .min()
}

/// Lines as slices, with orphan and widow control.
fn line_slices(lines: Vec<Line>, x: f32, line_height: f32, size: f32) -> Vec<Slice> {
    let n = lines.len();
    let baseline = (line_height - size) / 2.0 + theme::ASCENT * size;
    lines
        .into_iter()
        .enumerate()
        .map(|(i, line)| Slice {
            height: line_height,
            // At least two lines stay together at either end of a paragraph.
            keep_with_next: n > 1 && (i == 0 || i + 2 == n),
            draws: vec![Draw::Text { x, baseline, line }],
            ..Slice::default()
        })
        .collect()
}

impl<'a> Builder<'a> {
    pub(super) fn new(
        fonts: &'a mut FontSet,
        lang: PdfWords,
        blocks: &[Block],
        page_body: f32,
    ) -> Builder<'a> {
        Builder {
            fonts,
            lang,
            flow: Flow::default(),
            top_level: min_heading_level(blocks).unwrap_or(1),
            numbers: [0; 3],
            next_gap: None,
            page_body,
            heading: String::new(),
            heading_end: 0,
        }
    }

    /// Lay out `blocks` across the full text width starting at `x`.
    pub(super) fn blocks(&mut self, blocks: &[Block], x: f32, width: f32) {
        let ctx = Ctx {
            x,
            width,
            frames: Vec::new(),
            color: theme::INK,
            italic: false,
        };
        for (i, block) in blocks.iter().enumerate() {
            self.block(block, &ctx, theme::GAP);
            // A paragraph after a chart explains it: the chart does not end a page without
            // it.
            if matches!(block, Block::Chart(_))
                && matches!(blocks.get(i + 1), Some(Block::Paragraph(_)))
                && let Some(last) = self.flow.slices.last_mut()
            {
                last.keep_with_next = true;
            }
        }
    }

    /// Put a table of contents in front of the flow: top-level sections, and the next level
    /// too while that keeps it to a page. Nothing for documents with fewer than two
    /// sections. Returns the number of slices added.
    pub(super) fn table_of_contents(&mut self, x: f32, width: f32) -> usize {
        let anchors: Vec<Anchor> = self
            .flow
            .slices
            .iter()
            .filter_map(|s| s.anchor.clone())
            .filter(|a| a.depth <= 2)
            .collect();
        if anchors.iter().filter(|a| a.depth == 1).count() < 2 {
            return 0;
        }
        let max_depth = if anchors.len() <= 36 { 2 } else { 1 };

        let size = theme::heading_size(1);
        let title_style = TextStyle::new(size, theme::ACCENT).bold();
        let title = single_line(self.lang.contents(), title_style, self.fonts);
        let mut toc = line_slices(vec![title], x, size * 1.3, size);
        let head = &mut toc[0];
        head.height += 18.0;
        head.draws.push(Draw::hline(
            x,
            size * 1.3 + 5.0,
            width,
            Stroke::solid(theme::ACCENT, 1.2),
        ));

        let number_room = 30.0;
        for anchor in anchors.iter().filter(|a| a.depth <= max_depth) {
            let top_level = anchor.depth == 1;
            let size = if top_level { 10.5 } else { 10.0 };
            let mut style = TextStyle::new(size, theme::INK);
            style.bold = top_level;
            let indent = if top_level { 0.0 } else { 18.0 };
            let span = Span {
                text: anchor.title.clone(),
                style,
                link: Some(format!("#{}", anchor.id)),
            };
            let lines = break_lines(&[span], width - indent - number_room, self.fonts);
            let line_height = size * 1.6;
            let baseline = (line_height - size) / 2.0 + theme::ASCENT * size;
            let gap = if top_level { 6.0 } else { 0.0 };
            let mut draws = Vec::new();
            let last = lines.len().saturating_sub(1);
            for (i, line) in lines.into_iter().enumerate() {
                let y = i as f32 * line_height + baseline;
                if i == last {
                    // Dot leader from the title to the page number.
                    let from = x + indent + line.width + 6.0;
                    let to = x + width - number_room + 6.0;
                    if to > from {
                        draws.push(Draw::Path {
                            points: vec![(from, y), (to, y)],
                            closed: false,
                            fill: None,
                            stroke: Some(Stroke {
                                color: theme::RULE,
                                width: 0.9,
                                dash: Some((0.9, 2.6)),
                            }),
                        });
                    }
                    draws.push(Draw::PageRef {
                        id: anchor.id.clone(),
                        right: x + width,
                        baseline: y,
                        style,
                    });
                }
                draws.push(Draw::Text {
                    x: x + indent,
                    baseline: y,
                    line,
                });
            }
            toc.push(Slice {
                height: (last + 1) as f32 * line_height,
                gap_before: gap,
                draws,
                ..Slice::default()
            });
        }
        let added = toc.len();
        self.flow.slices.splice(0..0, toc);
        // Content before the first section stands apart from the contents.
        if let Some(next) = self.flow.slices.get_mut(added)
            && !next.break_before
        {
            next.gap_before = next.gap_before.max(28.0);
        }
        added
    }

    /// Push a slice, applying the pending gap override.
    fn push(&mut self, mut slice: Slice, ctx: &Ctx) {
        if let Some(gap) = self.next_gap.take() {
            slice.gap_before = gap;
        }
        slice.frames.clone_from(&ctx.frames);
        self.flow.slices.push(slice);
    }

    fn block(&mut self, block: &Block, ctx: &Ctx, gap: f32) {
        match block {
            Block::Heading { level, runs, id } => self.heading(*level, runs, id, ctx),
            Block::Paragraph(runs) => {
                let base = self.body_style(ctx);
                self.paragraph(&spans_of(runs, base), ctx, gap);
            }
            Block::List { start, items } => self.list(*start, items, ctx, gap, 0),
            Block::Table(t) => {
                let first = self.flow.slices.len();
                table::layout(self, t, ctx.x, ctx.width);
                self.adopt(first, ctx, gap);
            }
            Block::Figures(figures) => {
                let slice = self.figures(figures, ctx, gap);
                self.push(slice, ctx);
            }
            Block::Alert { alert, blocks } => self.alert(*alert, blocks, ctx, gap),
            Block::Quote(blocks) => {
                let frame = self.frame(Frame {
                    x: ctx.x,
                    width: ctx.width,
                    fill: None,
                    bar: Some(theme::RULE),
                });
                let inner = Ctx {
                    x: ctx.x + 12.0,
                    width: ctx.width - 12.0,
                    frames: [ctx.frames.as_slice(), &[frame]].concat(),
                    color: theme::MUTED,
                    italic: true,
                };
                self.boxed(blocks, &inner, gap, 2.0);
            }
            Block::Code(code) => self.code(code, ctx, gap),
            Block::Chart(chart) => {
                let first = self.flow.slices.len();
                charts::layout(self, chart, ctx.x, ctx.width);
                self.adopt(first, ctx, gap);
                // A drawing needs more air below than text.
                self.next_gap = Some(2.0 * theme::GAP);
            }
            Block::Rule => {
                let slice = Slice {
                    height: 10.0,
                    gap_before: gap,
                    draws: vec![Draw::hline(
                        ctx.x,
                        5.0,
                        ctx.width,
                        Stroke::solid(theme::RULE, 0.6),
                    )],
                    ..Slice::default()
                };
                self.push(slice, ctx);
            }
        }
    }

    /// Give slices made by a table or chart module the block's gap and boxes.
    fn adopt(&mut self, first: usize, ctx: &Ctx, gap: f32) {
        let gap = self.next_gap.take().unwrap_or(gap);
        if let Some(slice) = self.flow.slices.get_mut(first) {
            slice.gap_before = gap;
        }
        for slice in &mut self.flow.slices[first..] {
            slice.frames.extend_from_slice(&ctx.frames);
        }
    }

    fn body_style(&self, ctx: &Ctx) -> TextStyle {
        TextStyle {
            italic: ctx.italic,
            ..TextStyle::new(theme::BODY, ctx.color)
        }
    }

    fn paragraph(&mut self, spans: &[Span], ctx: &Ctx, gap: f32) {
        let size = spans.first().map_or(theme::BODY, |s| s.style.size);
        let mut lines = break_lines(spans, ctx.width, self.fonts);
        if self.lang.justified() {
            for line in &mut lines {
                line.justify(ctx.width);
            }
        }
        let slices = line_slices(lines, ctx.x, size * theme::LEADING, size);
        for (i, mut slice) in slices.into_iter().enumerate() {
            if i == 0 {
                slice.gap_before = gap;
            }
            self.push(slice, ctx);
        }
    }

    fn heading(&mut self, level: u8, runs: &[Run], id: &str, ctx: &Ctx) {
        let depth = level.saturating_sub(self.top_level) + 1;
        let number = if depth <= 3 {
            let d = usize::from(depth - 1);
            self.numbers[d] += 1;
            self.numbers[d + 1..].fill(0);
            let parts: Vec<String> = self.numbers[..=d].iter().map(u32::to_string).collect();
            Some(parts.join("."))
        } else {
            None
        };
        let size = theme::heading_size(depth);
        let style = TextStyle::new(
            size,
            if depth == 1 {
                theme::ACCENT
            } else {
                theme::INK
            },
        )
        .bold();
        let mut spans = Vec::new();
        if let Some(number) = &number {
            spans.push(Span::new(format!("{number}  "), style));
        }
        spans.extend(spans_of(runs, style));
        let text = plain(runs);
        self.heading.clone_from(&text);
        let title = match &number {
            Some(n) => format!("{n} {text}"),
            None => text,
        };

        let lines = break_lines(&spans, ctx.width, self.fonts);
        let mut slices = line_slices(lines, ctx.x, size * 1.3, size);
        for slice in &mut slices {
            slice.keep_with_next = true;
        }
        // Tight under the heading just above; otherwise a heading keeps its own space,
        // whatever the block before it asked for.
        let pending = self.next_gap.take();
        let after_heading = self.flow.slices.len() == self.heading_end;
        if let Some(first) = slices.first_mut() {
            first.gap_before = match pending {
                Some(gap) if after_heading => gap,
                _ if depth == 1 => 0.0,
                _ => size * 1.2,
            };
            first.break_before = depth == 1;
            first.anchor = Some(Anchor {
                id: id.to_string(),
                title,
                depth,
            });
        }
        if depth == 1
            && let Some(last) = slices.last_mut()
        {
            last.height += 8.0;
            last.draws.push(Draw::hline(
                ctx.x,
                last.height - 3.0,
                ctx.width,
                Stroke::solid(theme::ACCENT, 1.2),
            ));
        }
        for slice in slices {
            self.push(slice, ctx);
        }
        self.heading_end = self.flow.slices.len();
        self.next_gap = Some(if depth == 1 { 10.0 } else { 3.0 });
    }

    fn list(
        &mut self,
        start: Option<u64>,
        items: &[Vec<Block>],
        ctx: &Ctx,
        gap: f32,
        depth: usize,
    ) {
        let indent = theme::LIST_INDENT + if start.is_some() { 4.0 } else { 0.0 };
        let inner = Ctx {
            x: ctx.x + indent,
            width: ctx.width - indent,
            ..ctx.clone()
        };
        let style = self.body_style(ctx);
        for (k, item) in items.iter().enumerate() {
            let first = self.flow.slices.len();
            let item_gap = if k == 0 { gap } else { 3.0 };
            for (b, block) in item.iter().enumerate() {
                let g = if b == 0 { item_gap } else { 3.0 };
                match block {
                    Block::List { start, items } => self.list(*start, items, &inner, g, depth + 1),
                    other => self.block(other, &inner, g),
                }
            }
            // The marker sits at the end of the indent, on the item's first baseline.
            let number =
                start.map(|n| single_line(&format!("{}.", n + k as u64), style, self.fonts));
            let Some(slice) = self.flow.slices.get_mut(first) else {
                continue;
            };
            let baseline = slice
                .draws
                .iter()
                .find_map(|d| match d {
                    Draw::Text { baseline, .. } => Some(*baseline),
                    _ => None,
                })
                .unwrap_or(theme::BODY);
            slice.draws.push(match number {
                Some(line) => Draw::Text {
                    x: inner.x - 5.0 - line.width,
                    baseline,
                    line,
                },
                // Bullets are drawn: the font's are too small. Disc, circle, square by depth.
                None => {
                    let (cx, cy, r) = (inner.x - 8.0, baseline - 0.32 * style.size, 1.9);
                    let stroke = Some(Stroke::solid(ctx.color, 0.7));
                    match depth % 3 {
                        0 => Draw::Circle {
                            cx,
                            cy,
                            r,
                            fill: Some(ctx.color),
                            stroke: None,
                        },
                        1 => Draw::Circle {
                            cx,
                            cy,
                            r,
                            fill: None,
                            stroke,
                        },
                        _ => Draw::fill(cx - r * 0.9, cy - r * 0.9, r * 1.8, r * 1.8, ctx.color),
                    }
                }
            });
        }
    }

    fn frame(&mut self, frame: Frame) -> usize {
        self.flow.frames.push(frame);
        self.flow.frames.len() - 1
    }

    /// Blocks inside a box, with padding slices that belong to the box.
    fn boxed(&mut self, blocks: &[Block], inner: &Ctx, gap: f32, pad: f32) {
        let mut top = Slice::spacer(pad);
        top.gap_before = gap;
        top.keep_with_next = true;
        self.push(top, inner);
        for (i, block) in blocks.iter().enumerate() {
            self.block(block, inner, if i == 0 { 0.0 } else { theme::GAP });
        }
        if let Some(last) = self.flow.slices.last_mut() {
            last.keep_with_next = true;
        }
        self.push(Slice::spacer(pad), inner);
    }

    fn alert(&mut self, kind: AlertKind, blocks: &[Block], ctx: &Ctx, gap: f32) {
        let (color, tint) = theme::alert_colors(kind);
        let frame = self.frame(Frame {
            x: ctx.x,
            width: ctx.width,
            fill: Some(tint),
            bar: Some(color),
        });
        let inner = Ctx {
            x: ctx.x + 14.0,
            width: ctx.width - 24.0,
            frames: [ctx.frames.as_slice(), &[frame]].concat(),
            ..ctx.clone()
        };
        let title = TextStyle::new(theme::BODY, color).bold();
        let mut top = Slice::spacer(7.0);
        top.gap_before = self.next_gap.take().unwrap_or(gap + 2.0);
        top.keep_with_next = true;
        self.push(top, &inner);
        let label = single_line(self.lang.alert(kind), title, self.fonts);
        let mut slices = line_slices(vec![label], inner.x, theme::BODY * 1.5, theme::BODY);
        slices[0].keep_with_next = true;
        self.push(slices.remove(0), &inner);
        for (i, block) in blocks.iter().enumerate() {
            self.block(block, &inner, if i == 0 { 0.0 } else { theme::GAP });
        }
        if let Some(last) = self.flow.slices.last_mut() {
            last.keep_with_next = true;
        }
        self.push(Slice::spacer(8.0), &inner);
        self.next_gap = Some(gap + 2.0);
    }

    /// Key figures as tiles side by side, as in the HTML: a large value over its label,
    /// a rule on top.
    fn figures(&mut self, figures: &[Figure], ctx: &Ctx, gap: f32) -> Slice {
        let n = figures.len().max(1);
        let spacing = 10.0;
        let tile = (ctx.width - spacing * (n - 1) as f32) / n as f32;
        // Values share one size: 18 pt, or smaller when one of them would not fit its
        // tile ("Manage closely" in a brief's four tiles).
        let widest = figures
            .iter()
            .map(|f| {
                let at_18 = TextStyle::new(18.0, theme::ACCENT).bold();
                single_line(&f.value, at_18, self.fonts).width
            })
            .fold(0.0, f32::max);
        let value_size = if widest > tile - 20.0 {
            (18.0 * (tile - 20.0) / widest).max(7.0)
        } else {
            18.0
        };
        let value_style = TextStyle::new(value_size, theme::ACCENT).bold();
        let label_style = TextStyle::new(8.0, theme::MUTED);
        let label_leading = 8.0 * 1.35;
        let labels: Vec<Vec<Line>> = figures
            .iter()
            .map(|f| break_lines(&[Span::new(&f.label, label_style)], tile - 20.0, self.fonts))
            .collect();
        let label_lines = labels.iter().map(Vec::len).max().unwrap_or(1);
        let (value_top, label_top) = (13.0, 38.0);
        let height = label_top + label_lines as f32 * label_leading + 8.0;
        let mut draws = Vec::new();
        for (k, (figure, label)) in figures.iter().zip(labels).enumerate() {
            let x = ctx.x + k as f32 * (tile + spacing);
            draws.push(Draw::Rect {
                x,
                y: 0.0,
                w: tile,
                h: height,
                fill: None,
                stroke: Some(Stroke::solid(theme::RULE, 0.6)),
            });
            draws.push(Draw::fill(x, 0.0, tile, 2.4, theme::ACCENT));
            let value = single_line(&figure.value, value_style, self.fonts);
            draws.push(Draw::Text {
                x: x + 10.0,
                baseline: value_top + theme::ASCENT * 18.0,
                line: value,
            });
            for (l, line) in label.into_iter().enumerate() {
                draws.push(Draw::Text {
                    x: x + 10.0,
                    baseline: label_top + l as f32 * label_leading + theme::ASCENT * 8.0,
                    line,
                });
            }
        }
        Slice {
            height,
            gap_before: gap,
            draws,
            ..Slice::default()
        }
    }

    fn code(&mut self, code: &str, ctx: &Ctx, gap: f32) {
        let frame = self.frame(Frame {
            x: ctx.x,
            width: ctx.width,
            fill: Some(theme::CODE_BG),
            bar: None,
        });
        let inner = Ctx {
            x: ctx.x + 8.0,
            width: ctx.width - 16.0,
            frames: [ctx.frames.as_slice(), &[frame]].concat(),
            ..ctx.clone()
        };
        let style = TextStyle {
            mono: true,
            ..TextStyle::new(theme::TABLE, theme::INK)
        };
        let mut top = Slice::spacer(5.0);
        top.gap_before = self.next_gap.take().unwrap_or(gap);
        top.keep_with_next = true;
        self.push(top, &inner);
        let spans = [Span::new(
            code.trim_end_matches('\n').replace('\t', "    "),
            style,
        )];
        let lines = break_lines(&spans, inner.width, self.fonts);
        let slices = line_slices(lines, inner.x, theme::TABLE * 1.45, theme::TABLE);
        for slice in slices {
            self.push(slice, &inner);
        }
        if let Some(last) = self.flow.slices.last_mut() {
            last.keep_with_next = true;
        }
        self.push(Slice::spacer(5.0), &inner);
    }
}
