//! PDF reports, typeset by our own layout engine on printpdf's drawing API.
//!
//! The pipeline: `blocks` turns the document model into a flow of unsplittable slices
//! (with `table` and `charts` for their blocks, `text` breaking lines by the Unicode
//! rules), `layout` paginates the flow, `paint` turns it into PDF operations with the
//! title page (`cover`), running header and footer, and `finish` adds the outline,
//! metadata and a content-derived file identifier. Fonts are in `fonts`.
//!
//! The same document and options give the same bytes, in one process or many.

mod blocks;
mod charts;
mod cover;
mod finish;
mod fonts;
mod layout;
mod paint;
#[doc(hidden)]
pub mod sample;
pub(crate) mod scene;
mod table;
mod text;
mod theme;

#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::path::PathBuf;

use printpdf::{PdfDocument, PdfPage, PdfSaveOptions, Pt, Rect};

pub use fonts::{FontFile, MAX_FONT_BYTES};

use crate::document::{Document, Edition};
use crate::i18n::render::PdfWords;
use layout::{Body, Draw, Placed, Stroke};
use paint::{Painter, Target};
use text::{TextStyle, single_line};

/// Paper size.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum PaperSize {
    /// 210 × 297 mm.
    #[default]
    A4,
    /// 8.5 × 11 in.
    Letter,
}

impl PaperSize {
    /// Width and height in points.
    fn points(self) -> (f32, f32) {
        match self {
            PaperSize::A4 => (595.28, 841.89),
            PaperSize::Letter => (612.0, 792.0),
        }
    }
}

/// How to render.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PdfOptions {
    /// Paper size.
    pub paper: PaperSize,
    /// Text of the running header, usually the project name; the document title if unset.
    pub running_header: Option<String>,
    /// Fonts tried before the bundled Noto Sans CJK SC, in order.
    pub fonts: Vec<FontFile>,
    /// A document whose body fits in this many pages has no title page and no contents
    /// (its running header and footer still give its title, date and edition); `None`:
    /// always both.
    pub cover_after_pages: Option<usize>,
}

/// A rendered PDF.
#[derive(Debug, Clone, PartialEq)]
pub struct RenderedPdf {
    /// The file.
    pub bytes: Vec<u8>,
    /// Number of pages, title page included.
    pub pages: usize,
    /// Characters no font could draw, shown as the missing-glyph box: the caller names the
    /// files they come from.
    pub missing_chars: Vec<char>,
}

/// Why a PDF could not be made.
#[derive(Debug)]
pub enum PdfError {
    /// A font file named in the options could not be read.
    FontRead {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A font file is not a usable TrueType/OpenType font.
    FontParse {
        /// The file.
        path: PathBuf,
        /// The face asked for.
        index: usize,
    },
    /// Writing the PDF failed.
    Write(std::io::Error),
}

impl std::fmt::Display for PdfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PdfError::FontRead { path, source } => {
                write!(f, "cannot read font file {}: {source}", path.display())
            }
            PdfError::FontParse { path, index } => write!(
                f,
                "{} is not a TrueType/OpenType font with a face number {index}; name a .ttf, .otf or .ttc file",
                path.display()
            ),
            PdfError::Write(e) => write!(f, "cannot write the PDF: {e}"),
        }
    }
}

impl std::error::Error for PdfError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            PdfError::FontRead { source, .. } | PdfError::Write(source) => Some(source),
            PdfError::FontParse { .. } => None,
        }
    }
}

/// Render `doc` as a PDF.
pub fn render(doc: &Document, options: &PdfOptions) -> Result<RenderedPdf, PdfError> {
    let lang = PdfWords::new(doc.language);
    let date = doc.date.to_string();
    let mut fonts = fonts::FontSet::new(&options.fonts)?;
    let (width, height) = options.paper.points();
    let text_width = width - 2.0 * theme::MARGIN_X;

    let content = blocks::content(doc);
    let body = Body {
        top: theme::MARGIN_TOP,
        bottom: height - theme::MARGIN_BOTTOM,
    };
    let mut builder = blocks::Builder::new(&mut fonts, lang, content, body.bottom - body.top);
    builder.blocks(content, theme::MARGIN_X, text_width);
    // A short document (a brief for a few attendees) starts on its first page: a title
    // page and a contents page would be a third of it.
    let short = options
        .cover_after_pages
        .is_some_and(|most| layout::paginate(&builder.flow, body).len() <= most);
    let contents = if short {
        0
    } else {
        builder.table_of_contents(theme::MARGIN_X, text_width)
    };
    let mut flow = builder.flow;
    let pages = layout::paginate(&flow, body);
    // The title page is page 1 when there is one.
    let first = usize::from(!short);

    // Content pages follow the title page, if any.
    let mut targets: HashMap<String, Target> = HashMap::new();
    let mut bookmarks = Vec::new();
    for (p, page) in pages.iter().enumerate() {
        for placement in page {
            if let Placed::Body(i) = placement.slice
                && let Some(anchor) = &flow.slices[i].anchor
            {
                let target = Target {
                    page: p + first,
                    y: height - placement.top + 6.0,
                };
                targets.entry(anchor.id.clone()).or_insert(target);
                bookmarks.push(finish::Bookmark {
                    title: anchor.title.clone(),
                    depth: anchor.depth,
                    page: target.page,
                    y: target.y,
                });
            }
        }
    }
    // The table of contents learns its page numbers.
    for slice in &mut flow.slices[..contents] {
        for draw in &mut slice.draws {
            if let Draw::PageRef {
                id,
                right,
                baseline,
                style,
            } = draw
            {
                let number = targets
                    .get(id.as_str())
                    .map_or(String::new(), |t| (t.page + 1).to_string());
                let line = single_line(&number, *style, &mut fonts);
                *draw = Draw::Text {
                    x: *right - line.width,
                    baseline: *baseline,
                    line,
                };
            }
        }
    }
    let resolve = |id: &str| targets.get(id).copied();

    let total = pages.len() + first;
    let header_text = options.running_header.as_deref().unwrap_or(&doc.title);
    // Without a title page, the running header names the document too.
    let header_text = match (short, &options.running_header) {
        (true, Some(header)) if *header != doc.title => format!("{header} · {}", doc.title),
        _ => header_text.to_owned(),
    };
    let mut pdf_pages = Vec::with_capacity(total);
    if !short {
        let cover = cover::draws(doc, lang, &mut fonts, (width, height));
        let mut painter = Painter::new(&fonts, height, &resolve);
        for draw in &cover {
            painter.draw(draw, 0.0);
        }
        pdf_pages.push(pdf_page(width, height, painter.ops));
    }

    let furniture = TextStyle::new(theme::FURNITURE, theme::MUTED);
    let header_line = single_line(&header_text, furniture, &mut fonts);
    let date_line = single_line(&date, furniture, &mut fonts);
    // The edition heads the footer of every page, so a printed page on its own still
    // says whether it may be forwarded.
    let edition_style = match doc.edition {
        Edition::Internal => TextStyle::new(theme::FURNITURE, theme::INTERNAL).bold(),
        Edition::Public => furniture.bold(),
    };
    let edition_line = single_line(lang.edition(doc.edition), edition_style, &mut fonts);
    let footers: Vec<_> = (first + 1..=total)
        .map(|n| single_line(&lang.page_of(n, total), furniture, &mut fonts))
        .collect();
    for (page, footer) in pages.iter().zip(footers) {
        let mut painter = Painter::new(&fonts, height, &resolve);
        paint_frames(&mut painter, &flow, page);
        for placement in page {
            let slice = match placement.slice {
                Placed::Body(i) => &flow.slices[i],
                Placed::Header(h) => &flow.headers[h],
            };
            for draw in &slice.draws {
                painter.draw(draw, placement.top);
            }
        }
        // Running header and footer.
        let rule_y = theme::MARGIN_TOP - 22.0;
        let furniture_draws = [
            Draw::Text {
                x: theme::MARGIN_X,
                baseline: rule_y - 6.0,
                line: header_line.clone(),
            },
            Draw::Text {
                x: width - theme::MARGIN_X - date_line.width,
                baseline: rule_y - 6.0,
                line: date_line.clone(),
            },
            Draw::hline(
                theme::MARGIN_X,
                rule_y,
                text_width,
                Stroke::solid(theme::RULE, 0.6),
            ),
            Draw::Text {
                x: theme::MARGIN_X,
                baseline: height - theme::MARGIN_BOTTOM + 34.0,
                line: edition_line.clone(),
            },
            Draw::Text {
                x: width - theme::MARGIN_X - footer.width,
                baseline: height - theme::MARGIN_BOTTOM + 34.0,
                line: footer,
            },
        ];
        for draw in &furniture_draws {
            painter.draw(draw, 0.0);
        }
        pdf_pages.push(pdf_page(width, height, painter.ops));
    }

    let mut pdf = PdfDocument::new(&doc.title);
    for (index, face) in fonts.faces.iter().enumerate() {
        pdf.resources
            .fonts
            .map
            .insert(face.id.clone(), fonts.pdf_font(index));
    }
    pdf.pages = pdf_pages;
    let mut warnings = Vec::new();
    let lopdf = pdf.to_lopdf_document(&PdfSaveOptions::default(), &mut warnings);
    let info = finish::Info {
        title: &doc.title,
        author: doc.author.as_deref(),
        subject: doc.subject.as_deref(),
        date: &date,
        language: doc.language.tag(),
    };
    let bytes = finish::finish(lopdf, &info, &bookmarks).map_err(PdfError::Write)?;
    Ok(RenderedPdf {
        bytes,
        pages: total,
        missing_chars: fonts.missing.iter().copied().collect(),
    })
}

/// A page of exactly `width` × `height` points.
fn pdf_page(width: f32, height: f32, ops: Vec<printpdf::Op>) -> PdfPage {
    let size = Rect::from_wh(Pt(width), Pt(height));
    PdfPage {
        media_box: size.clone(),
        trim_box: size.clone(),
        crop_box: size,
        ops,
    }
}

/// Boxes behind the slices of `page`: one rectangle per frame and page, spanning the
/// frame's slices there.
fn paint_frames(painter: &mut Painter, flow: &layout::Flow, page: &[layout::Placement]) {
    let mut extents: Vec<(usize, f32, f32)> = Vec::new();
    for placement in page {
        let Placed::Body(i) = placement.slice else {
            continue;
        };
        let slice = &flow.slices[i];
        for &frame in &slice.frames {
            let bottom = placement.top + slice.height;
            match extents.iter_mut().find(|e| e.0 == frame) {
                Some(e) => e.2 = e.2.max(bottom),
                None => extents.push((frame, placement.top, bottom)),
            }
        }
    }
    for (frame, top, bottom) in extents {
        let f = &flow.frames[frame];
        let h = bottom - top;
        if let Some(fill) = f.fill {
            painter.draw(&Draw::fill(f.x, top, f.width, h, fill), 0.0);
        }
        if let Some(bar) = f.bar {
            painter.draw(&Draw::fill(f.x, top, 3.0, h, bar), 0.0);
        }
    }
}
