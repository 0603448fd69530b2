//! Where each edition goes: the default output folders, and the folders the internal
//! edition is kept out of because sites publish them by convention.

use std::path::{Component, Path, PathBuf};

/// The default output folder of the internal edition. Not `internal/`: registers often
/// keep their internal stakeholders in a folder of that name (the English sample does).
pub(super) const INTERNAL_OUT: &str = "internal-edition";

/// The default output folder of the public edition, where GitLab Pages looks.
pub(super) const PUBLIC_OUT: &str = "public";

/// Folder names a static site host or generator publishes by convention: `public`
/// (GitLab Pages, Hugo), `_site` (Jekyll, Eleventy, GitHub's Pages action), `site`
/// (MkDocs), `docs` (GitHub Pages from a branch).
pub(super) const PUBLISHED: [&str; 4] = ["public", "_site", "site", "docs"];

/// The output folder when `-o` is not given.
pub(super) fn default_out(public: bool) -> PathBuf {
    PathBuf::from(if public { PUBLIC_OUT } else { INTERNAL_OUT })
}

/// The first folder of `out`, as written, whose name is a published one (compared
/// without regard to ASCII case, as on the file systems of Windows and macOS).
pub(super) fn published_folder(out: &Path) -> Option<String> {
    out.components().find_map(|component| match component {
        Component::Normal(name) => {
            let name = name.to_str()?;
            PUBLISHED
                .iter()
                .any(|p| p.eq_ignore_ascii_case(name))
                .then(|| name.to_owned())
        }
        _ => None,
    })
}

/// The published folder `out` is or is in: one named on the path as written, or, for a
/// path like `.`, the folder it names (`stake brief` run inside `public/`).
fn published_target(out: &Path) -> Option<String> {
    published_folder(out).or_else(|| {
        let name = std::path::absolute(out).ok()?.file_name()?.to_owned();
        published_folder(Path::new(&name))
    })
}

/// Refuses to write the internal edition into `out` when a folder on its path is one a
/// site publishes, unless the user said it may be published (`allowed`); `elsewhere` is
/// the command line the help suggests instead, e.g. `stake build -o internal-edition`.
pub(super) fn check_internal_out(out: &Path, allowed: bool, elsewhere: &str) -> Result<(), String> {
    let Some(folder) = published_target(out).filter(|_| !allowed) else {
        return Ok(());
    };
    Err(format!(
        "not writing the internal edition into `{}`: sites publish a `{folder}` folder by \
         convention (GitLab Pages, GitHub Pages, CI deploys), and the internal edition has \
         contact details and confidential notes\n  = help: add `--public` for the edition \
         that may be published, or write the internal one elsewhere, e.g. `{elsewhere}`; \
         `--publish-internal` allows it when only the project team can read that site",
        out.display()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_folders_are_found_anywhere_on_the_path_in_any_case() {
        assert_eq!(
            published_folder(Path::new("public")).as_deref(),
            Some("public")
        );
        assert_eq!(
            published_folder(Path::new("out/Public/internal")).as_deref(),
            Some("Public")
        );
        assert_eq!(
            published_folder(Path::new("./_site")).as_deref(),
            Some("_site")
        );
        assert_eq!(published_folder(Path::new("internal-edition")), None);
        assert_eq!(published_folder(Path::new("public-zh")), None);
        assert_eq!(published_folder(Path::new("reports/2026-12")), None);
    }

    #[test]
    fn the_internal_edition_is_refused_only_where_sites_publish() {
        let refused = check_internal_out(Path::new("site"), false, "stake build -o x").unwrap_err();
        assert!(refused.contains("`site`"), "{refused}");
        assert!(refused.contains("help: add `--public`"), "{refused}");
        assert!(check_internal_out(Path::new("site"), true, "stake build -o x").is_ok());
        assert!(check_internal_out(&default_out(false), false, "stake build -o x").is_ok());
        assert_eq!(default_out(true), Path::new("public"));
    }
}
