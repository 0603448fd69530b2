//! A build that would write what its output folder already holds is skipped.
//!
//! After a build, the folder's marker records two digests: of everything the build read
//! (the stake binary's size and time, the options, the date, every file of the register
//! and of a `--templates` folder, the fonts' sizes and times) and of the folder as
//! written (each file's path and bytes). The next build with the same inputs, into
//! a folder that still matches, does nothing: its output would be byte for byte the same
//! (a build is a pure function of what the first digest covers), and a folder changed by
//! hand, or by another build, is rebuilt.
//!
//! The digest is of inputs, not of the pages: this is the no-change case only; a build
//! with any change renders every page.

use std::fs;
use std::hash::{Hash, Hasher};
use std::io;
use std::path::Path;
use std::time::UNIX_EPOCH;

use super::Options;
use super::output;
use crate::register::walk::OUTPUT_MARKER;

/// The line of the marker that holds the digests.
const RECORD: &str = "stake-cache: ";

/// The digest of everything a build reads; `None` when something cannot be read (then
/// the build runs, and reports the problem itself).
pub fn inputs(
    register: &Path,
    options: &Options,
    today: crate::register::vocab::Date,
) -> Option<u64> {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    env!("CARGO_PKG_VERSION").hash(&mut hasher);
    // The binary itself: a rebuilt stake of the same version may render differently.
    let exe = std::env::current_exe().ok()?;
    stamp(&fs::metadata(exe).ok()?).hash(&mut hasher);
    // Where the site goes does not change what it holds (and a marker that named it
    // would differ between two builds of the same site).
    let options = Options {
        out: std::path::PathBuf::new(),
        ..options.clone()
    };
    format!("{options:?}").hash(&mut hasher);
    // The analysis date falls back to today when neither the flag nor `_project.md` set it.
    today.to_string().hash(&mut hasher);
    contents(register, &mut hasher).ok()?;
    if let Some(templates) = &options.templates {
        contents(templates, &mut hasher).ok()?;
    }
    for font in &options.pdf.fonts {
        stamp(&fs::metadata(&font.path).ok()?).hash(&mut hasher);
    }
    Some(hasher.finish())
}

/// Hashes every file under `root` (following links, as the register's walk does), its
/// path and its bytes, except hidden entries and output folders of stake.
fn contents(root: &Path, hasher: &mut impl Hasher) -> io::Result<()> {
    let walk = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0
                || !(e.file_name().to_string_lossy().starts_with('.')
                    || e.file_type().is_dir() && e.path().join(OUTPUT_MARKER).exists())
        });
    for entry in walk {
        let entry = entry.map_err(io::Error::other)?;
        let relative = entry.path().strip_prefix(root).unwrap_or(entry.path());
        relative.hash(hasher);
        if entry.file_type().is_file() {
            fs::read(entry.path())?.hash(hasher);
        }
    }
    Ok(())
}

/// The digest of a written folder: each entry's path and kind and each file's bytes,
/// the marker left out. Of the bytes, not the times, so that two builds of the same site
/// write the same marker.
fn written(folder: &Path) -> io::Result<u64> {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    let walk = walkdir::WalkDir::new(folder)
        .sort_by_file_name()
        .min_depth(1);
    for entry in walk {
        let entry = entry.map_err(io::Error::other)?;
        let relative = entry.path().strip_prefix(folder).unwrap_or(entry.path());
        if relative == Path::new(OUTPUT_MARKER) {
            continue;
        }
        relative.hash(&mut hasher);
        let kind = entry.file_type();
        (kind.is_file(), kind.is_dir(), kind.is_symlink()).hash(&mut hasher);
        if kind.is_file() {
            fs::read(entry.path())?.hash(&mut hasher);
        }
    }
    Ok(hasher.finish())
}

fn stamp(meta: &fs::Metadata) -> (u64, u128) {
    let time = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    (meta.len(), time)
}

/// How many files `out` holds when it is the output of a build of exactly these
/// `inputs`, untouched since; `None` when it must be built.
pub fn up_to_date(out: &Path, inputs: u64) -> Option<usize> {
    let marker = fs::read_to_string(out.join(OUTPUT_MARKER)).ok()?;
    let record = marker.lines().find_map(|l| l.strip_prefix(RECORD))?;
    let (recorded_inputs, recorded_folder) = record.split_once(' ')?;
    if recorded_inputs != format!("{inputs:016x}") {
        return None;
    }
    if recorded_folder != format!("{:016x}", written(out).ok()?) {
        return None;
    }
    let files = walkdir::WalkDir::new(out)
        .min_depth(1)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.file_name() != OUTPUT_MARKER)
        .count();
    Some(files)
}

/// Records `inputs` and the written folder in the marker of the build's staging folder,
/// before it is put in place (renames keep the files' times). Failing to record only
/// costs the next build its skip.
pub fn record(output: &output::Output, inputs: u64) {
    let staged = output.staged();
    let Ok(folder) = written(staged) else { return };
    let Ok(marker) = fs::read_to_string(staged.join(OUTPUT_MARKER)) else {
        return;
    };
    let text = format!("{marker}{RECORD}{inputs:016x} {folder:016x}\n");
    let _ = output::replace_file(staged, OUTPUT_MARKER, text.as_bytes());
}
