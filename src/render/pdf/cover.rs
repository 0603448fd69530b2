//! The title page.

use super::fonts::FontSet;
use super::layout::Draw;
use super::text::{Span, TextStyle, break_lines, single_line};
use super::theme::{self, Rgb};
use crate::document::{Document, Edition};
use crate::i18n::render::PdfWords;

/// Drawings of the title page, in page coordinates from the top left.
pub(super) fn draws(
    doc: &Document,
    lang: PdfWords,
    fonts: &mut FontSet,
    page: (f32, f32),
) -> Vec<Draw> {
    let (width, height) = page;
    let x = theme::MARGIN_X;
    let text_width = width - 2.0 * x;
    let band = height * 0.42;
    let mut draws = vec![
        Draw::fill(0.0, 0.0, width, band, theme::ACCENT),
        Draw::fill(0.0, band, width, 5.0, theme::SERIES[1]),
    ];

    // The edition at the top of the band, where a reader looks first.
    let edition_style = TextStyle::new(10.0, theme::WHITE).bold();
    let edition = single_line(lang.edition(doc.edition), edition_style, fonts);
    let (tag_width, tag_height) = (edition.width + 20.0, 20.0);
    let tag = match doc.edition {
        Edition::Internal => theme::INTERNAL,
        Edition::Public => theme::PUBLIC,
    };
    draws.push(Draw::fill(x, 40.0, tag_width, tag_height, tag));
    draws.push(Draw::Text {
        x: x + 10.0,
        baseline: 40.0 + 14.0,
        line: edition,
    });

    // Title and subtitle sit at the bottom of the band, growing upwards.
    let title_style = TextStyle::new(28.0, theme::WHITE).bold();
    let title = break_lines(
        &[Span::new(doc.title.as_str(), title_style)],
        text_width,
        fonts,
    );
    let sub_style = TextStyle::new(13.0, Rgb::hex(0xc9d6e8));
    let subtitle = doc
        .subtitle
        .as_deref()
        .map(|s| break_lines(&[Span::new(s, sub_style)], text_width, fonts))
        .unwrap_or_default();
    let mut y = band - 40.0 - subtitle.len() as f32 * 19.0 - title.len() as f32 * 36.0;
    for line in title {
        y += 36.0;
        draws.push(Draw::Text {
            x,
            baseline: y,
            line,
        });
    }
    y += 10.0;
    for line in subtitle {
        y += 19.0;
        draws.push(Draw::Text {
            x,
            baseline: y,
            line,
        });
    }

    // Facts below the band: label above value.
    let label = TextStyle::new(8.5, theme::MUTED).bold();
    let value = TextStyle::new(12.0, theme::INK);
    let mut y = band + 70.0;
    let date = doc.date.to_string();
    let facts = [
        (lang.date_label(), Some(date.as_str())),
        (lang.author_label(), doc.author.as_deref()),
        (lang.subject_label(), doc.subject.as_deref()),
    ];
    for (name, fact) in facts {
        let Some(fact) = fact.filter(|f| !f.is_empty()) else {
            continue;
        };
        draws.push(Draw::Text {
            x,
            baseline: y,
            line: single_line(name, label, fonts),
        });
        for line in break_lines(&[Span::new(fact, value)], text_width, fonts) {
            y += 17.0;
            draws.push(Draw::Text {
                x,
                baseline: y,
                line,
            });
        }
        y += 30.0;
    }
    draws
}
