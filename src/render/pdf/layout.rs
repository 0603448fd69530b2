//! Boxes and pagination.
//!
//! Blocks become a flow of [`Slice`]s: vertical pieces that are never split (a line of a
//! paragraph, a table row, a chart). Slices say what must stay together (`keep_with_next`:
//! a heading with what follows, the first and last two lines of a paragraph against orphans
//! and widows, a table header with its first row); the paginator fills pages greedily under
//! those constraints, repeats table headers on continuation pages and records where every
//! slice landed. Drawing happens later, so pagination is cheap and testable without a PDF.

use super::text::{Line, TextStyle};
use super::theme::Rgb;

/// A stroke style.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Stroke {
    pub color: Rgb,
    pub width: f32,
    /// Dash and gap lengths, or solid.
    pub dash: Option<(f32, f32)>,
}

impl Stroke {
    pub(super) fn solid(color: Rgb, width: f32) -> Stroke {
        Stroke {
            color,
            width,
            dash: None,
        }
    }
}

/// Something to draw, in points from the slice's top left (y grows downwards).
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Draw {
    /// A line of text with its baseline at `baseline`.
    Text { x: f32, baseline: f32, line: Line },
    /// A rectangle.
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Rgb>,
        stroke: Option<Stroke>,
    },
    /// A polyline or polygon.
    Path {
        points: Vec<(f32, f32)>,
        closed: bool,
        fill: Option<Rgb>,
        stroke: Option<Stroke>,
    },
    /// A circle.
    Circle {
        cx: f32,
        cy: f32,
        r: f32,
        fill: Option<Rgb>,
        stroke: Option<Stroke>,
    },
    /// The page number of a heading, right-aligned at `right`: known only after
    /// pagination, when it is replaced by text.
    PageRef {
        id: String,
        right: f32,
        baseline: f32,
        style: TextStyle,
    },
}

impl Draw {
    /// A horizontal rule.
    pub(super) fn hline(x: f32, y: f32, w: f32, stroke: Stroke) -> Draw {
        Draw::Path {
            points: vec![(x, y), (x + w, y)],
            closed: false,
            fill: None,
            stroke: Some(stroke),
        }
    }

    /// A filled rectangle.
    pub(super) fn fill(x: f32, y: f32, w: f32, h: f32, color: Rgb) -> Draw {
        Draw::Rect {
            x,
            y,
            w,
            h,
            fill: Some(color),
            stroke: None,
        }
    }
}

/// A heading's place, for the outline and internal links.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Anchor {
    pub id: String,
    pub title: String,
    /// Outline depth, 1 for top-level sections.
    pub depth: u8,
}

/// An unsplittable vertical piece of the flow.
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct Slice {
    pub height: f32,
    /// Space above, dropped at the top of a page.
    pub gap_before: f32,
    /// Must be on the same page as the next slice.
    pub keep_with_next: bool,
    /// Starts a new page.
    pub break_before: bool,
    pub draws: Vec<Draw>,
    /// Boxes drawn behind this slice (alerts, quotes, code), innermost last.
    pub frames: Vec<usize>,
    /// The header slice repeated above this slice when it starts a page (table rows).
    pub repeat: Option<usize>,
    pub anchor: Option<Anchor>,
}

impl Slice {
    /// An empty slice of some height (padding inside boxes).
    pub(super) fn spacer(height: f32) -> Slice {
        Slice {
            height,
            ..Slice::default()
        }
    }
}

/// A box behind consecutive slices, split where they split.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Frame {
    pub x: f32,
    pub width: f32,
    pub fill: Option<Rgb>,
    /// A bar down the left edge.
    pub bar: Option<Rgb>,
}

/// Everything to lay out: slices, their boxes and the repeated table headers.
#[derive(Debug, Default)]
pub(super) struct Flow {
    pub slices: Vec<Slice>,
    pub frames: Vec<Frame>,
    pub headers: Vec<Slice>,
}

/// Which slice a placement draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Placed {
    Body(usize),
    Header(usize),
}

/// A slice on a page: its top edge, in points from the page top.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Placement {
    pub slice: Placed,
    pub top: f32,
}

/// The printable area of a page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Body {
    pub top: f32,
    pub bottom: f32,
}

/// A chapter shares a page with the end of the one before when less than this share of
/// the page is used.
const CHAPTER_SHARES_BELOW: f32 = 0.35;

/// The space above a chapter that does not start a page.
const CHAPTER_GAP: f32 = 40.0;

/// Place the flow on pages. Returns the placements of each page.
pub(super) fn paginate(flow: &Flow, body: Body) -> Vec<Vec<Placement>> {
    let available = body.bottom - body.top;
    let slices = &flow.slices;
    if slices.is_empty() {
        return Vec::new();
    }
    let mut pages: Vec<Vec<Placement>> = vec![Vec::new()];
    let mut y = body.top;
    for (i, slice) in slices.iter().enumerate() {
        let page_empty = pages.last().is_none_or(Vec::is_empty);
        // A chapter starts a new page, unless the page holds only the last lines of the
        // chapter before: a nearly empty page is worse than two chapters on one.
        let mostly_free = y - body.top < available * CHAPTER_SHARES_BELOW;
        if slice.break_before && !page_empty && !mostly_free {
            pages.push(Vec::new());
            y = body.top;
        }
        let at_top = pages.last().is_none_or(Vec::is_empty);
        let gap = match (at_top, slice.break_before) {
            (true, _) => 0.0,
            (false, true) => CHAPTER_GAP,
            (false, false) => slice.gap_before,
        };

        // The slice and those it must stay with, as long as they could fit a page at all.
        let mut need = gap + slice.height;
        let mut last = i;
        while slices[last].keep_with_next && last + 1 < slices.len() {
            let next = &slices[last + 1];
            let more = next.gap_before + next.height;
            if next.break_before {
                break;
            }
            if need + more > available {
                // No page holds them all: break wherever the slices themselves fit, but
                // never between this slice and the next (a heading and its table).
                let with_next = gap + slice.height + slices[i + 1].gap_before;
                need = if last == i {
                    gap + slice.height
                } else {
                    with_next + slices[i + 1].height
                };
                break;
            }
            need += more;
            last += 1;
        }

        let mut top = y + gap;
        if y + need > body.bottom && !at_top {
            pages.push(Vec::new());
            y = body.top;
            if let Some(header) = slice.repeat {
                pages
                    .last_mut()
                    .expect("a page was just pushed")
                    .push(Placement {
                        slice: Placed::Header(header),
                        top: y,
                    });
                y += flow.headers[header].height;
            }
            top = y;
        }
        pages
            .last_mut()
            .expect("there is always a page")
            .push(Placement {
                slice: Placed::Body(i),
                top,
            });
        y = top + slice.height;
    }
    if pages.len() > 1 && pages.last().is_some_and(Vec::is_empty) {
        pages.pop();
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: Body = Body {
        top: 0.0,
        bottom: 100.0,
    };

    fn line(height: f32) -> Slice {
        Slice {
            height,
            gap_before: 0.0,
            ..Slice::default()
        }
    }

    /// Slice indices per page.
    fn layout(flow: &Flow) -> Vec<Vec<Placed>> {
        paginate(flow, BODY)
            .into_iter()
            .map(|page| page.into_iter().map(|p| p.slice).collect())
            .collect()
    }

    #[test]
    fn fills_pages_greedily() {
        let flow = Flow {
            slices: (0..25).map(|_| line(10.0)).collect(),
            ..Flow::default()
        };
        let pages = layout(&flow);
        assert_eq!(pages.iter().map(Vec::len).collect::<Vec<_>>(), [10, 10, 5]);
    }

    #[test]
    fn gaps_are_dropped_at_the_top_of_a_page() {
        let mut slices: Vec<Slice> = (0..12).map(|_| line(10.0)).collect();
        slices[10].gap_before = 30.0;
        let flow = Flow {
            slices,
            ..Flow::default()
        };
        let pages = paginate(&flow, BODY);
        assert_eq!(pages[1][0].slice, Placed::Body(10));
        assert_eq!(pages[1][0].top, 0.0);
    }

    #[test]
    fn a_heading_moves_to_the_next_page_with_its_first_lines() {
        // Eight lines, then a heading and a four-line paragraph with orphan control.
        let mut slices: Vec<Slice> = (0..8).map(|_| line(10.0)).collect();
        slices.push(Slice {
            keep_with_next: true,
            ..line(10.0)
        });
        for n in 0..4 {
            slices.push(Slice {
                keep_with_next: n == 0 || n == 2,
                ..line(10.0)
            });
        }
        let flow = Flow {
            slices,
            ..Flow::default()
        };
        let pages = layout(&flow);
        assert_eq!(
            pages[0].len(),
            8,
            "the heading does not stay alone: {pages:?}"
        );
        assert_eq!(pages[1][0], Placed::Body(8));
    }

    #[test]
    fn a_heading_never_ends_a_page_above_what_cannot_fit_on_one() {
        // Nine lines, a heading, then a box of fifteen lines that must stay together but
        // cannot fit on any page: the heading goes over with the box's first line.
        let mut slices: Vec<Slice> = (0..9).map(|_| line(10.0)).collect();
        slices.extend((0..16).map(|n| Slice {
            keep_with_next: n < 15,
            ..line(10.0)
        }));
        let flow = Flow {
            slices,
            ..Flow::default()
        };
        let pages = layout(&flow);
        assert_eq!(pages[0].len(), 9, "{pages:?}");
        assert_eq!(pages[1][..2], [Placed::Body(9), Placed::Body(10)]);
    }

    #[test]
    fn no_widow_or_orphan_when_a_paragraph_splits() {
        // Whatever the filler above it, a five-line paragraph splits 2 + 3 or 3 + 2 (or not
        // at all), never 1 + 4 or 4 + 1.
        for filler in 0..10 {
            let mut slices: Vec<Slice> = (0..filler).map(|_| line(10.0)).collect();
            for n in 0..5 {
                slices.push(Slice {
                    keep_with_next: n == 0 || n == 3,
                    ..line(10.0)
                });
            }
            let flow = Flow {
                slices,
                ..Flow::default()
            };
            let pages = layout(&flow);
            let on_first = pages[0]
                .iter()
                .filter(|p| matches!(p, Placed::Body(i) if *i >= filler))
                .count();
            assert!(
                [0, 2, 3, 5].contains(&on_first),
                "filler {filler}: {on_first} lines before the break"
            );
        }
    }

    #[test]
    fn table_header_repeats_on_every_continuation_page() {
        let mut slices = vec![Slice {
            keep_with_next: true,
            ..line(12.0)
        }];
        slices.extend((0..30).map(|_| Slice {
            repeat: Some(0),
            ..line(10.0)
        }));
        let flow = Flow {
            headers: vec![line(12.0)],
            slices,
            ..Flow::default()
        };
        let pages = layout(&flow);
        assert!(pages.len() >= 3);
        assert_eq!(pages[0][0], Placed::Body(0), "the table's own header");
        for page in &pages[1..] {
            assert_eq!(page[0], Placed::Header(0), "{pages:?}");
        }
        let rows: usize = pages
            .iter()
            .flatten()
            .filter(|p| matches!(p, Placed::Body(i) if *i > 0))
            .count();
        assert_eq!(rows, 30, "every row placed exactly once");
    }

    #[test]
    fn a_chain_taller_than_a_page_still_progresses() {
        let slices = (0..30)
            .map(|_| Slice {
                keep_with_next: true,
                ..line(10.0)
            })
            .collect();
        let flow = Flow {
            slices,
            ..Flow::default()
        };
        let pages = layout(&flow);
        assert_eq!(pages.iter().map(Vec::len).sum::<usize>(), 30);
        assert!(pages.len() <= 4);
    }

    #[test]
    fn break_before_starts_a_page_unless_already_at_the_top() {
        let mut slices: Vec<Slice> = (0..7).map(|_| line(10.0)).collect();
        slices[0].break_before = true;
        slices[5].break_before = true;
        let flow = Flow {
            slices,
            ..Flow::default()
        };
        assert_eq!(
            layout(&flow).iter().map(Vec::len).collect::<Vec<_>>(),
            [5, 2]
        );
    }

    #[test]
    fn a_chapter_shares_a_mostly_free_page_with_the_end_of_the_one_before() {
        // Twelve lines on ten-line pages leave two on the second page: the next chapter
        // follows them there instead of leaving that page nearly empty.
        let mut slices: Vec<Slice> = (0..16).map(|_| line(10.0)).collect();
        slices[0].break_before = true;
        slices[12].break_before = true;
        let flow = Flow {
            slices,
            ..Flow::default()
        };
        let pages = paginate(&flow, BODY);
        assert_eq!(pages.iter().map(Vec::len).collect::<Vec<_>>(), [10, 6]);
        let chapter = pages[1][2];
        assert_eq!(chapter.slice, Placed::Body(12));
        assert!(chapter.top >= 20.0 + CHAPTER_GAP, "{chapter:?}");
    }
}
