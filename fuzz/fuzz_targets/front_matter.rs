//! The front-matter splitter on any text: never panics, and the parts it returns are
//! where it says they are in the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stake::register::front_matter::{FrontMatter, split};

fuzz_target!(|text: &str| {
    if let FrontMatter::Found(found) = split(text) {
        assert!(text[found.yaml_offset..].starts_with(found.yaml));
        assert!(text.ends_with(found.body));
        let lines_before = text[..found.yaml_offset].matches('\n').count();
        assert_eq!(found.yaml_line, lines_before + 1);
    }
});
