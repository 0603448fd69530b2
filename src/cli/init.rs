//! `stake init`: a starter register, written without ever overwriting a file.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Language of the starter files.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Lang {
    /// English.
    En,
    /// Simplified Chinese.
    #[value(name = "zh-CN")]
    ZhCn,
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

/// Writes the starter register into `dir`. Fails before writing anything when any of
/// the files exists already.
pub fn init(dir: &Path, lang: Lang) -> Result<Vec<PathBuf>, String> {
    let files = match lang {
        Lang::En => EN,
        Lang::ZhCn => ZH_CN,
    };
    write_new(dir, files, "files", "choose an empty folder")
}

/// Writes `files` (relative name, text) into `dir`, never overwriting one: fails before
/// writing anything when any exists already, naming them as `what` with `then` to do.
pub fn write_new(
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
