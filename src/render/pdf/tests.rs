//! Whole-report tests: determinism, pagination of long tables, fonts.

use super::layout::{self, Body, Placed};
use super::*;
use crate::document::{AlertKind, Block, Run, Table};

fn english() -> Document {
    sample::report(&sample::people(25, false), false, 120)
}

fn chinese() -> Document {
    sample::report(&sample::people(25, true), true, 120)
}

#[test]
fn same_document_same_bytes_even_after_other_renders() {
    let options = PdfOptions::default();
    let first = render(&english(), &options).unwrap();
    let other = render(&chinese(), &options).unwrap();
    let again = render(&english(), &options).unwrap();
    assert!(first.bytes == again.bytes, "renders of one document differ");
    assert!(first.bytes != other.bytes);
    assert!(first.bytes.starts_with(b"%PDF-1.7"));
    assert!(first.pages > 5, "{} pages", first.pages);
    assert!(first.missing_chars.is_empty(), "{:?}", first.missing_chars);
    assert!(other.missing_chars.is_empty(), "{:?}", other.missing_chars);
}

#[test]
fn letter_paper_changes_the_media_box() {
    let doc = Document {
        title: "T".into(),
        date: jiff::civil::date(2026, 11, 20),
        language: crate::register::vocab::Language::En,
        blocks: vec![Block::Paragraph(vec![Run::plain("x")])],
        ..Document::default()
    };
    let a4 = render(&doc, &PdfOptions::default()).unwrap();
    let letter = PdfOptions {
        paper: PaperSize::Letter,
        ..PdfOptions::default()
    };
    let letter = render(&doc, &letter).unwrap();
    let has = |bytes: &[u8], needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    assert!(has(&letter.bytes, b"612 792"), "Letter is 612 x 792 pt");
    assert!(!has(&a4.bytes, b"612 792"));
}

#[test]
fn characters_no_font_has_are_reported() {
    let doc = Document {
        title: "Stakeholders".into(),
        date: jiff::civil::date(2026, 11, 20),
        language: crate::register::vocab::Language::En,
        blocks: vec![Block::Paragraph(vec![Run::plain("김민준 and 們")])],
        ..Document::default()
    };
    let pdf = render(&doc, &PdfOptions::default()).unwrap();
    assert_eq!(pdf.missing_chars, ['們', '김', '민', '준']);
}

#[test]
fn long_table_repeats_its_header_on_every_page() {
    let rows = (0..120)
        .map(|i| {
            vec![
                vec![Run::plain(format!("row {i}"))],
                vec![Run::plain(
                    "a fairly long cell that wraps onto a second line in a narrow column, "
                        .repeat(i % 3),
                )],
            ]
        })
        .collect();
    let table = Table {
        align: Vec::new(),
        header: vec![vec![Run::plain("Name")], vec![Run::plain("Notes")]],
        rows,
    };
    let blocks = vec![Block::Table(table)];
    let mut fonts = fonts::FontSet::new(&[]).unwrap();
    let mut builder = blocks::Builder::new(
        &mut fonts,
        PdfWords::new(crate::register::vocab::Language::En),
        &blocks,
        700.0,
    );
    builder.blocks(&blocks, 60.0, 300.0);
    let flow = builder.flow;
    let pages = layout::paginate(
        &flow,
        Body {
            top: 70.0,
            bottom: 770.0,
        },
    );
    assert!(pages.len() >= 3, "{} pages", pages.len());
    assert_eq!(
        pages[0][0].slice,
        Placed::Body(0),
        "the header opens the table"
    );
    for page in &pages[1..] {
        assert_eq!(page[0].slice, Placed::Header(0));
        assert!(page.len() > 1, "a header never stands alone");
    }
    let placed: Vec<usize> = pages
        .iter()
        .flatten()
        .filter_map(|p| match p.slice {
            Placed::Body(i) => Some(i),
            Placed::Header(_) => None,
        })
        .collect();
    assert_eq!(
        placed,
        (0..=120).collect::<Vec<_>>(),
        "each row once, in order, whole"
    );
    for page in &pages {
        let last = page.last().unwrap();
        let slice = match last.slice {
            Placed::Body(i) => &flow.slices[i],
            Placed::Header(h) => &flow.headers[h],
        };
        assert!(
            last.top + slice.height <= 770.0 + 1e-3,
            "rows stay inside the page"
        );
    }
}

#[test]
fn outline_nests_headings_and_metadata_comes_from_the_document() {
    let doc = english();
    let pdf = render(&doc, &PdfOptions::default()).unwrap();
    let file = lopdf::Document::load_mem(&pdf.bytes).unwrap();
    let catalog = file.catalog().unwrap();
    let outlines = catalog
        .get(b"Outlines")
        .and_then(lopdf::Object::as_reference)
        .unwrap();
    let title = |id: lopdf::ObjectId| -> String {
        let dict = file.get_dictionary(id).unwrap();
        let bytes = dict.get(b"Title").unwrap().as_str().unwrap();
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16(&units).unwrap()
    };
    let children = |id: lopdf::ObjectId| -> Vec<lopdf::ObjectId> {
        let mut out = Vec::new();
        let dict = file.get_dictionary(id).unwrap();
        let mut next = dict
            .get(b"First")
            .and_then(lopdf::Object::as_reference)
            .ok();
        while let Some(at) = next {
            out.push(at);
            next = file
                .get_dictionary(at)
                .unwrap()
                .get(b"Next")
                .and_then(lopdf::Object::as_reference)
                .ok();
        }
        out
    };
    let top = children(outlines);
    let titles: Vec<String> = top.iter().map(|&id| title(id)).collect();
    assert_eq!(titles[0], "1 Executive summary");
    assert_eq!(titles.last().unwrap(), "8 Profiles");
    assert!(
        children(top[0]).is_empty(),
        "the summary has no subsections"
    );
    let people: Vec<String> = children(*top.last().unwrap())
        .into_iter()
        .map(title)
        .collect();
    assert_eq!(people.len(), 25);
    assert_eq!(people[0], "8.1 Anna Kowalski");

    let info = file
        .trailer
        .get(b"Info")
        .and_then(lopdf::Object::as_reference)
        .unwrap();
    let info = file.get_dictionary(info).unwrap();
    let date = info.get(b"CreationDate").unwrap().as_str().unwrap();
    assert_eq!(date, b"D:20261120000000Z");
    assert_eq!(catalog.get(b"Lang").unwrap().as_str().unwrap(), b"en");
}

#[test]
fn an_empty_document_is_just_its_title_page() {
    let doc = Document {
        title: "Nothing yet".into(),
        date: jiff::civil::date(2026, 11, 20),
        language: crate::register::vocab::Language::En,
        ..Document::default()
    };
    let pdf = render(&doc, &PdfOptions::default()).unwrap();
    assert_eq!(pdf.pages, 1);
    let file = lopdf::Document::load_mem(&pdf.bytes).unwrap();
    assert_eq!(file.get_pages().len(), 1);
}

#[test]
fn a_heading_keeps_its_space_after_a_box_and_sits_close_under_a_heading() {
    let heading = |level: u8, text: &str| Block::Heading {
        level,
        runs: vec![Run::plain(text)],
        id: text.to_lowercase(),
    };
    let note = Block::Alert {
        alert: AlertKind::Note,
        blocks: vec![Block::Paragraph(vec![Run::plain("Read this first.")])],
    };
    let blocks = vec![
        heading(1, "Summary"),
        heading(2, "Scope"),
        note,
        heading(2, "Risks"),
    ];
    let mut fonts = fonts::FontSet::new(&[]).unwrap();
    let mut builder = blocks::Builder::new(
        &mut fonts,
        PdfWords::new(crate::register::vocab::Language::En),
        &blocks,
        700.0,
    );
    builder.blocks(&blocks, 60.0, 470.0);
    let gap_of = |title: &str| {
        builder
            .flow
            .slices
            .iter()
            .find(|s| s.anchor.as_ref().is_some_and(|a| a.title.ends_with(title)))
            .map(|s| s.gap_before)
            .unwrap()
    };
    assert!(gap_of("Scope") < 12.0, "close under its parent heading");
    assert_eq!(gap_of("Risks"), theme::heading_size(2) * 1.2);
}

#[test]
fn key_figures_are_tiles_of_value_over_label() {
    let blocks = vec![Block::Figures(vec![
        crate::document::Figure {
            value: "22".into(),
            label: "Stakeholders".into(),
        },
        crate::document::Figure {
            value: "79".into(),
            label: "Engagement index".into(),
        },
    ])];
    let mut fonts = fonts::FontSet::new(&[]).unwrap();
    let mut builder = blocks::Builder::new(
        &mut fonts,
        PdfWords::new(crate::register::vocab::Language::En),
        &blocks,
        700.0,
    );
    builder.blocks(&blocks, 60.0, 470.0);
    let slices = &builder.flow.slices;
    assert_eq!(slices.len(), 1, "the tiles stay together");
    let texts: Vec<(String, f32, f32)> = slices[0]
        .draws
        .iter()
        .filter_map(|d| match d {
            layout::Draw::Text { x, baseline, line } => Some((line.text(), *x, *baseline)),
            _ => None,
        })
        .collect();
    let find = |t: &str| texts.iter().find(|(s, ..)| s == t).unwrap();
    assert!(find("22").2 < find("Stakeholders").2, "value above label");
    assert!(find("22").1 < find("79").1, "side by side");
}

#[test]
fn a_long_key_figure_shrinks_to_its_tile_instead_of_running_into_the_next() {
    let values = [
        "Manage closely",
        "Definitive",
        "Neutral → Supportive",
        "1/5",
    ];
    let blocks = vec![Block::Figures(
        values
            .iter()
            .map(|v| crate::document::Figure {
                value: (*v).into(),
                label: "Label".into(),
            })
            .collect(),
    )];
    let mut fonts = fonts::FontSet::new(&[]).unwrap();
    let mut builder = blocks::Builder::new(
        &mut fonts,
        PdfWords::new(crate::register::vocab::Language::En),
        &blocks,
        700.0,
    );
    builder.blocks(&blocks, 60.0, 470.0);
    let tile = (470.0 - 3.0 * 10.0) / 4.0;
    let drawn: Vec<(String, f32, f32)> = builder.flow.slices[0]
        .draws
        .iter()
        .filter_map(|d| match d {
            layout::Draw::Text { x, line, .. } => Some((line.text(), *x, line.width)),
            _ => None,
        })
        .filter(|(text, ..)| values.contains(&text.as_str()))
        .collect();
    assert_eq!(drawn.len(), 4);
    for (k, (text, x, width)) in drawn.iter().enumerate() {
        let tile_right = 60.0 + k as f32 * (tile + 10.0) + tile;
        assert!(x + width <= tile_right - 9.9, "{text} overruns its tile");
    }
}
