//! Markdown to the document model to HTML, on any text: never panics, never nests deeper
//! than the model's bound, never writes a character HTML forbids.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stake::document::markdown::{MAX_NESTING, convert_plain};
use stake::document::{Block, Document};
use stake::render::html::{forbidden_in_html, render};

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

fuzz_target!(|text: &str| {
    let blocks = convert_plain(text);
    assert!(depth(&blocks) <= MAX_NESTING);
    let doc = Document {
        language: stake::register::vocab::Language::En,
        blocks,
        ..Document::default()
    };
    let html = render(&doc);
    assert!(!html.chars().any(forbidden_in_html), "{html:?}");
});
