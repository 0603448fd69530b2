//! The loader on any two files: `_project.md` and one stakeholder file, split from the
//! input at the first `0xFF` byte (never part of UTF-8 text, so either file can be any
//! text). Loading never panics and reports every problem as a diagnostic.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod support;

fuzz_target!(|data: &[u8]| {
    let register = support::register(data);
    let _ = stake::register::load(&register, &stake::register::Limits::default());
});
