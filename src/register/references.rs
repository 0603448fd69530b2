//! Checks across files: duplicate ids, and relationships to no one or to oneself.
//!
//! Files with errors take part too: a `with:` naming a stakeholder whose file has a typo
//! is not dangling, and two files claiming one id are a mistake whatever else is wrong.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::model::{Relationship, Stakeholder};
use super::typing;
use crate::diagnostic::{Diagnostic, Loc};

/// A stakeholder file with errors, as far as other files are concerned.
#[derive(Debug, Clone)]
pub(super) struct Broken {
    /// The file, relative to the register.
    pub file: PathBuf,
    /// Its id and where it is written, when usable; `None` when the file could not be
    /// parsed or its id is not a usable one.
    pub id: Option<(String, Loc)>,
    /// The relationships that could be read.
    pub relationships: Vec<Relationship>,
}

/// One file's claim on an id.
struct Claim<'a> {
    id: &'a str,
    at: &'a Loc,
    file: &'a Path,
}

impl Claim<'_> {
    /// Whether the id is the file's name: its place is then the opening fence on line 1,
    /// where an `id:` line can never be.
    fn is_file_name(&self) -> bool {
        self.at.line == 1
    }
}

/// Reports duplicate ids and bad `with:`s, drops the second of two stakeholders with one
/// id, and keeps only relationships to stakeholders of the register (as the model promises).
pub(super) fn check(
    root: &Path,
    stakeholders: &mut Vec<Stakeholder>,
    broken: &[Broken],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut claims: Vec<Claim<'_>> = stakeholders
        .iter()
        .map(|s| Claim {
            id: &s.id,
            at: &s.lines.id,
            file: &s.file,
        })
        .chain(broken.iter().filter_map(|b| {
            let (id, at) = b.id.as_ref()?;
            Some(Claim {
                id,
                at,
                file: &b.file,
            })
        }))
        .collect();
    claims.sort_by(|a, b| a.id.cmp(b.id).then_with(|| a.file.cmp(b.file)));

    // Sets, not lists: a register of thousands of broken or duplicate files must not
    // cost the square of their number.
    let mut dropped = HashSet::new();
    let mut first = 0;
    for i in 1..claims.len() {
        if claims[i].id != claims[first].id {
            first = i;
            continue;
        }
        diagnostics.push(duplicate(root, &claims[first], &claims[i]));
        dropped.insert(claims[i].file.to_path_buf());
    }

    // A file whose id cannot be read is most likely known by its name: a `with:` naming
    // it is not reported, its own errors are.
    let unread = broken
        .iter()
        .filter(|b| b.id.is_none())
        .filter_map(|b| b.file.file_stem()?.to_str());
    let mut ids: Vec<&str> = claims.iter().map(|c| c.id).chain(unread).collect();
    ids.sort_unstable();
    ids.dedup();
    let mut dangling = HashSet::new();
    let owners = stakeholders
        .iter()
        .map(|s| (Some(s.id.as_str()), s.file.as_path(), &s.relationships))
        .chain(broken.iter().map(|b| {
            let id = b.id.as_ref().map(|(id, _)| id.as_str());
            (id, b.file.as_path(), &b.relationships)
        }));
    for (id, file, relationships) in owners {
        for r in relationships {
            let bad = if Some(r.with.as_str()) == id {
                Some(oneself(root, file, r))
            } else if ids.binary_search(&r.with.as_str()).is_err() {
                Some(no_one(root, file, r, &ids))
            } else {
                None
            };
            if let Some(diagnostic) = bad {
                diagnostics.push(diagnostic);
                dangling.insert((file.to_path_buf(), r.line));
            }
        }
    }

    stakeholders.retain(|s| !dropped.contains(&s.file));
    let mut valid: Vec<String> = stakeholders.iter().map(|s| s.id.clone()).collect();
    valid.sort();
    for s in stakeholders.iter_mut() {
        let file = &s.file;
        s.relationships.retain(|r| {
            valid.binary_search(&r.with).is_ok()
                && (dangling.is_empty() || !dangling.contains(&(file.clone(), r.line)))
        });
    }
}

fn duplicate(root: &Path, first: &Claim<'_>, second: &Claim<'_>) -> Diagnostic {
    let (label, first_note) = match (second.is_file_name(), first.is_file_name()) {
        (true, _) => (
            "no `id:` here, so the id is the file's name",
            "first used by",
        ),
        (false, true) => ("used again here", "first used as the name of"),
        (false, false) => ("used again here", "first used here"),
    };
    Diagnostic::error(
        "duplicate-id",
        &root.join(second.file),
        second.at.clone(),
        format!("stakeholder id `{}` is used twice", second.id),
    )
    .label(label)
    .also(&root.join(first.file), first.at, first_note)
    .help("give one of them another `id:` (ids default to the file name)")
}

fn oneself(root: &Path, file: &Path, r: &Relationship) -> Diagnostic {
    Diagnostic::error(
        "self-relationship",
        &root.join(file),
        r.with_at.clone(),
        format!("`{}` has a relationship with itself", r.with),
    )
    .label("this is the file's own id")
    .help("name another stakeholder's id in `with:`")
}

fn no_one(root: &Path, file: &Path, r: &Relationship, ids: &[&str]) -> Diagnostic {
    let help = match typing::closest(&r.with, ids) {
        Some(id) => format!("did you mean `{id}`?"),
        None => "write the id of a stakeholder of this register (its file name without `.md`, \
                 or its `id:`)"
            .into(),
    };
    Diagnostic::error(
        "unknown-stakeholder",
        &root.join(file),
        r.with_at.clone(),
        format!("no stakeholder has the id `{}`", r.with),
    )
    .label("not an id of this register")
    .help(help)
}
