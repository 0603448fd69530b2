//! Files written in one step: the bytes go to a temporary file beside the target (its
//! name starts with `.`, so a register read meanwhile skips it, and nobody can guess it
//! in advance), then it is renamed into place. A reader sees the old file or the new
//! one, never half of one; a link planted at the target is replaced, never followed.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// Writes `bytes` over `path` (or as a new file), keeping the permissions of the file it
/// replaces; a new file gets the usual mode (`0o666` less the umask), as a site or a
/// register file is read by others.
pub fn replace(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let previous = fs::symlink_metadata(path)
        .ok()
        .filter(fs::Metadata::is_file)
        .map(|meta| meta.permissions());
    let temp = written(path, bytes, previous)?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Writes `bytes` as a new file at `path`, never over an existing one: an existing file
/// is an error of kind [`io::ErrorKind::AlreadyExists`], and is left as it was.
pub fn create_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let temp = written(path, bytes, None)?;
    temp.persist_noclobber(path).map_err(|e| e.error)?;
    Ok(())
}

/// The temporary file beside `path`, holding `bytes` on disk.
fn written(
    path: &Path,
    bytes: &[u8],
    permissions: Option<fs::Permissions>,
) -> io::Result<tempfile::NamedTempFile> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".stake-tmp");
    match permissions {
        Some(permissions) => {
            builder.permissions(permissions);
        }
        None => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                builder.permissions(fs::Permissions::from_mode(0o666));
            }
        }
    }
    let mut temp = builder.tempfile_in(folder)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    Ok(temp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_file_never_replaces_one_and_a_replacement_keeps_its_mode() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ann.md");
        create_new(&path, b"first").unwrap();
        let again = create_new(&path, b"second").unwrap_err();
        assert_eq!(again.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(&path).unwrap(), b"first");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
            replace(&path, b"third").unwrap();
            let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o640);
        }
        assert_eq!(fs::read(&path).unwrap(), b"third");
        // Nothing is left beside it.
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
