//! The PDF typesetter (text layout, line breaking, tables, pagination) on a document made
//! from any Markdown: never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stake::document::Document;
use stake::document::markdown::convert_plain;
use stake::render::pdf::{PdfOptions, render};

fuzz_target!(|text: &str| {
    let doc = Document {
        title: "Fuzz".into(),
        language: if text.len() % 2 == 0 {
            stake::register::vocab::Language::En
        } else {
            stake::register::vocab::Language::ZhCn
        },
        date: stake::register::vocab::Date::constant(2026, 11, 20),
        blocks: convert_plain(text),
        ..Document::default()
    };
    let _ = render(&doc, &PdfOptions::default());
});
