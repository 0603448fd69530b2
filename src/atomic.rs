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

/// Writes many new files into `folder`, each as [`create_new`] writes one (in one step,
/// never over an existing file), with one flush of the file system to disk for them
/// all instead of one per file: `stake import` of 10,000 rows wrote 10,000 files in 40 s
/// with a flush each, and writes them in a fraction of a second with one. The result of
/// each file, in order.
pub fn create_new_all(folder: &Path, files: &[(&Path, &[u8])]) -> Vec<io::Result<()>> {
    // Each file's bytes in its temporary file, closed (a register of 100,000 rows would
    // otherwise hold as many open files).
    let temps: Vec<io::Result<tempfile::TempPath>> = files
        .iter()
        .map(|(path, bytes)| {
            let mut temp = temporary(path, None)?;
            temp.write_all(bytes)?;
            Ok(temp.into_temp_path())
        })
        .collect();
    // On disk before any gets its name, as `written` does for one.
    if let Err(e) = flush(folder, &temps) {
        return files
            .iter()
            .map(|_| Err(io::Error::new(e.kind(), e.to_string())))
            .collect();
    }
    temps
        .into_iter()
        .zip(files)
        .map(|(temp, (path, _))| {
            temp?.persist_noclobber(path).map_err(|e| e.error)?;
            Ok(())
        })
        .collect()
}

/// Flushes the temporary files to disk: one `syncfs` of the folder's file system on
/// Linux, else each file's own sync.
fn flush(folder: &Path, temps: &[io::Result<tempfile::TempPath>]) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        let _ = temps;
        let dir = fs::File::open(folder)?;
        // SAFETY: `syncfs` takes any open descriptor of the file system; `dir` is one
        // and stays open for the call.
        if unsafe { libc::syncfs(dir.as_raw_fd()) } != 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(())
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = folder;
        for temp in temps.iter().flatten() {
            fs::OpenOptions::new().write(true).open(temp)?.sync_all()?;
        }
        Ok(())
    }
}

/// The temporary file beside `path`, holding `bytes` on disk.
fn written(
    path: &Path,
    bytes: &[u8],
    permissions: Option<fs::Permissions>,
) -> io::Result<tempfile::NamedTempFile> {
    let mut temp = temporary(path, permissions)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    Ok(temp)
}

/// A new, empty temporary file beside `path`.
fn temporary(
    path: &Path,
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
    builder.tempfile_in(folder)
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
