//! A register made of fuzzed files, in a folder of this process.

use std::path::PathBuf;

/// A stakeholder who is always there, for relationships and the charts.
const ANCHOR: &str = "---\nname: Ann Lee\ncategory: internal\npower: H\ninterest: M\n\
    engagement: {current: neutral, desired: supportive}\n\
    communication:\n  - {content: Update, channel: email, frequency: weekly, starts: 2026-11-23}\n\
    ---\nNotes.\n";

/// Writes `_project.md` (the input up to its first `0xFF` byte) and `fuzzed.md` (the
/// rest), beside `ann-lee.md`, and returns the register's folder.
pub fn register(data: &[u8]) -> PathBuf {
    let root = std::env::temp_dir().join(format!("stake-fuzz-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).expect("a writable temporary folder");
    let (project, stakeholder) = match data.iter().position(|&b| b == 0xFF) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (&b"---\nname: Fuzz\n---\n"[..], data),
    };
    std::fs::write(root.join("_project.md"), project).expect("writable");
    std::fs::write(root.join("fuzzed.md"), stakeholder).expect("writable");
    std::fs::write(root.join("ann-lee.md"), ANCHOR).expect("writable");
    root
}
