//! The whole `stake build` (every format) on a generated register holding the fuzzed
//! files (see `support`): a register that loads without errors builds without a panic.
#![no_main]

use std::collections::BTreeSet;

use libfuzzer_sys::fuzz_target;
use stake::build::{Format, Options, build};
use stake::register::{Limits, load};

mod support;

fuzz_target!(|data: &[u8]| {
    let register = support::register(data);
    let Ok(loaded) = load(&register, &Limits::default()) else {
        return;
    };
    let errors = loaded.count(stake::diagnostic::Severity::Error);
    if errors > 0 {
        return;
    }
    let options = Options {
        out: register.with_extension("out"),
        public: data.first().is_some_and(|b| b % 2 == 1),
        as_of: "2026-11-20".parse().expect("a date"),
        formats: BTreeSet::from([
            Format::Html,
            Format::Json,
            Format::Md,
            Format::Pdf,
            Format::Ics,
            Format::Csv,
        ]),
        templates: None,
        pdf: Default::default(),
        horizon_weeks: 12,
        owner: None,
        changes: None,
        assessments: None,
        index_history: None,
    };
    // An error (a message for the user) is fine; a panic is what is looked for.
    let _ = build(loaded.register, &options);
});
