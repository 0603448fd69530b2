//! `stake init`: a starter register, written without ever overwriting a file.
//!
//! The starter files' dates are written as `{today}`, `{today-5}` or `{today+60}` and
//! become dates relative to the day `init` runs, so the first `stake analyze` of a new
//! register finds a recent meeting and a follow-up due soon, not months of silence.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::register::vocab::Date;

/// The `.gitignore` of a new register: the internal edition must not be committed to a
/// repository that may be shared or mirrored.
const GITIGNORE: &str = "# `stake build` writes the internal edition here: contact details and confidential\n\
# notes. Keep it out of git; `stake build --public` writes the edition to share.\n\
/internal-edition/\n";

/// What `stake init` did with the register's `.gitignore`.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Gitignore {
    /// Written new.
    Created(PathBuf),
    /// Already there and already ignores the internal edition: left as it was.
    Kept(PathBuf),
    /// Already there without a line for the internal edition: left as it was, since
    /// `init` never changes a file it did not create.
    KeptWithout(PathBuf),
}

const EN: &[(&str, &str)] = &[
    (
        "_project.md",
        include_str!("../../templates/starter/en/_project.md"),
    ),
    (
        "people/sam-sponsor.md",
        include_str!("../../templates/starter/en/people/sam-sponsor.md"),
    ),
    (
        "people/fran-finance.md",
        include_str!("../../templates/starter/en/people/fran-finance.md"),
    ),
    (
        "people/works-council.md",
        include_str!("../../templates/starter/en/people/works-council.md"),
    ),
];

const ZH_CN: &[(&str, &str)] = &[
    (
        "_project.md",
        include_str!("../../templates/starter/zh-CN/_project.md"),
    ),
    (
        "people/zhang-zongjian.md",
        include_str!("../../templates/starter/zh-CN/people/zhang-zongjian.md"),
    ),
    (
        "people/li-kuaiji.md",
        include_str!("../../templates/starter/zh-CN/people/li-kuaiji.md"),
    ),
    (
        "people/gonghui.md",
        include_str!("../../templates/starter/zh-CN/people/gonghui.md"),
    ),
];

/// Writes the starter register into `dir`, its dates counted from `today`, then its
/// `.gitignore` unless one exists. Fails before writing anything when any of the
/// register's files exists already.
pub(super) fn init(
    dir: &Path,
    lang: super::Lang,
    today: Date,
) -> Result<(Vec<PathBuf>, Gitignore), String> {
    let files = match lang {
        super::Lang::En => EN,
        super::Lang::ZhCn => ZH_CN,
    };
    let dated: Vec<(&str, String)> = files
        .iter()
        .map(|(name, text)| (*name, dated(text, today)))
        .collect();
    let files: Vec<(&str, &str)> = dated.iter().map(|(n, t)| (*n, t.as_str())).collect();
    let written = write_new(dir, &files, "files", "choose an empty folder")?;
    let path = dir.join(".gitignore");
    let gitignore = match fs::read_to_string(&path) {
        Ok(text) if ignores_internal_edition(&text) => Gitignore::Kept(path),
        Ok(_) => Gitignore::KeptWithout(path),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            write_new(dir, &[(".gitignore", GITIGNORE)], "files", "")?;
            Gitignore::Created(path)
        }
        Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
    };
    Ok((written, gitignore))
}

/// Whether a `.gitignore` has a line ignoring the default internal output folder.
fn ignores_internal_edition(text: &str) -> bool {
    text.lines().any(|line| {
        let line = line.trim().trim_start_matches('/').trim_end_matches('/');
        line == super::editions::INTERNAL_OUT
    })
}

/// `text` with each `{today}`, `{today-N}` and `{today+N}` replaced by that date.
fn dated(text: &str, today: Date) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{today") {
        out.push_str(&rest[..start]);
        let tail = &rest[start + "{today".len()..];
        let Some(end) = tail.find('}') else {
            out.push_str(&rest[start..]);
            return out;
        };
        let days: i32 = match &tail[..end] {
            "" => 0,
            offset => offset
                .parse()
                .expect("starter offsets are written `-N` or `+N`"),
        };
        let date = today
            .checked_add(jiff::Span::new().days(days))
            .unwrap_or(today);
        out.push_str(&date.to_string());
        rest = &tail[end + 1..];
    }
    out.push_str(rest);
    out
}

/// Writes `files` (relative name, text) into `dir`, never overwriting one: fails before
/// writing anything when any exists already, naming them as `what` with `then` to do.
pub(super) fn write_new(
    dir: &Path,
    files: &[(&str, &str)],
    what: &str,
    then: &str,
) -> Result<Vec<PathBuf>, String> {
    let existing: Vec<String> = files
        .iter()
        .map(|(name, _)| dir.join(name))
        .filter(|path| path.exists())
        .map(|path| path.display().to_string())
        .collect();
    if !existing.is_empty() {
        return Err(format!(
            "not overwriting existing {what}: {}; {then}",
            existing.join(", ")
        ));
    }
    let mut written = Vec::new();
    for (name, text) in files {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        // create_new: a file that appeared since the check above is still never replaced.
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| format!("cannot create {}: {e}", path.display()))?;
        file.write_all(text.as_bytes())
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starter_dates_count_from_today() {
        let today = jiff::civil::date(2027, 3, 1);
        assert_eq!(
            dated("a: {today-5}, b: {today}, c: {today+60}.", today),
            "a: 2027-02-24, b: 2027-03-01, c: 2027-04-30."
        );
        for (name, text) in EN.iter().chain(ZH_CN) {
            assert!(!dated(text, today).contains("{today"), "{name}");
        }
    }

    #[test]
    fn a_gitignore_line_for_the_internal_edition_is_recognised() {
        assert!(ignores_internal_edition("target\n/internal-edition/\n"));
        assert!(ignores_internal_edition("internal-edition"));
        assert!(!ignores_internal_edition("/public\n# internal-edition\n"));
    }
}
