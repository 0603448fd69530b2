//! Watching the register for saves: the system's change events (inotify, FSEvents,
//! ReadDirectoryChangesW), or polling when they cannot be had, gathered into one change
//! per burst so that an editor's atomic save (a temporary file renamed over the old one)
//! or a thousand saves a second cause one rebuild at a time, never a queue of them.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventKind, PollWatcher, RecursiveMode, Watcher};

use crate::register::walk::OUTPUT_MARKER;

/// How long the register must stay quiet after a change before the rebuild starts: an
/// editor's save is a few events within a millisecond or two.
const QUIET: Duration = Duration::from_millis(15);
/// The longest a rebuild waits for quiet: saves that never stop still show.
const MOST: Duration = Duration::from_millis(250);
/// How often the polling watcher looks at the files.
pub const POLL_EVERY: Duration = Duration::from_millis(500);

/// What [`Watch::next`] saw.
#[derive(Debug, PartialEq, Eq)]
pub enum Seen {
    /// The register changed (one or more events, the burst now quiet).
    Changed,
    /// Nothing within the wait.
    Nothing,
}

/// A watch on a register folder.
pub struct Watch {
    root: PathBuf,
    watcher: Box<dyn Watcher + Send>,
    events: Receiver<notify::Result<Event>>,
    /// Whether the watch polls (no system change events).
    pub polling: bool,
    /// The folder watched, to notice it was replaced (deleted and made again) while
    /// the watch followed the old one.
    identity: Option<Identity>,
}

impl Watch {
    /// Watches `root` (recursively), with the system's events unless `poll` or they fail;
    /// the reason they failed is returned beside the watch.
    pub fn new(root: &Path, poll: bool) -> Result<(Watch, Option<String>), String> {
        let (sender, events) = channel();
        let mut why_polling = None;
        let mut watcher: Box<dyn Watcher + Send> = if poll {
            Box::new(poller(sender.clone())?)
        } else {
            match notify::recommended_watcher(sender.clone()) {
                Ok(watcher) => Box::new(watcher),
                Err(e) => {
                    why_polling = Some(e.to_string());
                    Box::new(poller(sender.clone())?)
                }
            }
        };
        let mut polling = poll || why_polling.is_some();
        if let Err(e) = watcher.watch(root, RecursiveMode::Recursive) {
            if polling {
                return Err(format!("cannot watch {}: {e}", root.display()));
            }
            // E.g. the system's limit of watched folders is reached: polling still works.
            why_polling = Some(e.to_string());
            polling = true;
            watcher = Box::new(poller(sender)?);
            watcher
                .watch(root, RecursiveMode::Recursive)
                .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
        }
        let watch = Watch {
            root: root.to_path_buf(),
            watcher,
            events,
            polling,
            identity: Identity::of(root),
        };
        Ok((watch, why_polling))
    }

    /// Waits up to `wait` for a change of the register, then for the burst it starts to
    /// end; every event that arrived by then is taken.
    pub fn next(&mut self, wait: Duration) -> Seen {
        let first = Instant::now();
        let deadline = first + wait;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.events.recv_timeout(left) {
                Ok(event) if self.matters(&event) => break,
                Ok(_) => continue,
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => {
                    return Seen::Nothing;
                }
            }
        }
        let started = Instant::now();
        while started.elapsed() < MOST {
            match self.events.recv_timeout(QUIET) {
                Ok(_) => continue,
                Err(_) => break,
            }
        }
        Seen::Changed
    }

    /// Whether the register folder is no longer the one watched (deleted, renamed, made
    /// again); then the watch is set up anew on what is there now, if anything, and the
    /// answer is true once per change.
    pub fn replaced(&mut self) -> bool {
        let now = Identity::of(&self.root);
        if now == self.identity {
            return false;
        }
        let _ = self.watcher.unwatch(&self.root);
        if now.is_some()
            && self
                .watcher
                .watch(&self.root, RecursiveMode::Recursive)
                .is_err()
        {
            // Looked at again on the next call.
            return false;
        }
        self.identity = now;
        true
    }

    /// Whether an event can change what the register builds into: a Markdown file, a
    /// folder, anything under `templates/`, the register folder itself; not a hidden file
    /// (an editor's swap or temporary file, `.git`), not an output folder inside the
    /// register, not a file only read.
    fn matters(&self, event: &notify::Result<Event>) -> bool {
        let Ok(event) = event else {
            // An error of the watcher (e.g. events lost): rebuild to be sure.
            return true;
        };
        if let EventKind::Access(kind) = event.kind
            && kind != AccessKind::Close(AccessMode::Write)
        {
            return false;
        }
        event.paths.iter().any(|path| self.builds_from(path))
    }

    fn builds_from(&self, path: &Path) -> bool {
        let Ok(relative) = path.strip_prefix(&self.root) else {
            return true;
        };
        let mut names = relative.iter();
        if relative
            .iter()
            .any(|name| name.to_string_lossy().starts_with('.'))
        {
            return false;
        }
        let in_templates = names.next().is_some_and(|first| first == "templates");
        // An output folder of `stake build` inside the register (it has the marker).
        let mut folder = path.to_path_buf();
        while folder.starts_with(&self.root) && folder != self.root {
            if folder.join(OUTPUT_MARKER).exists() {
                return false;
            }
            if !folder.pop() {
                break;
            }
        }
        match path.extension() {
            None => true,
            Some(ext) => in_templates || ext.eq_ignore_ascii_case("md"),
        }
    }
}

fn poller(sender: std::sync::mpsc::Sender<notify::Result<Event>>) -> Result<PollWatcher, String> {
    // With the files' contents compared: the poller keeps times to the second, so a
    // save in the second of the last look would be missed otherwise.
    PollWatcher::new(
        sender,
        notify::Config::default()
            .with_poll_interval(POLL_EVERY)
            .with_compare_contents(true),
    )
    .map_err(|e| format!("cannot watch the register: {e}"))
}

/// Which folder a path is: its device and inode where the system has them, else only
/// whether it exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Identity(u64, u64);

impl Identity {
    fn of(path: &Path) -> Option<Identity> {
        let meta = std::fs::metadata(path).ok().filter(|m| m.is_dir())?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Some(Identity(meta.dev(), meta.ino()))
        }
        #[cfg(not(unix))]
        {
            let _ = meta;
            Some(Identity(0, 0))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_of_saves_is_one_change_and_hidden_files_none() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let (mut watch, _) = Watch::new(&root, false).unwrap();
        std::fs::write(root.join(".a.md.swp"), "x").unwrap();
        assert_eq!(watch.next(Duration::from_millis(300)), Seen::Nothing);
        for i in 0..1000 {
            std::fs::write(root.join("a.md"), format!("{i}")).unwrap();
        }
        assert_eq!(watch.next(Duration::from_secs(5)), Seen::Changed);
        // The thousand saves were taken by the one change (the burst ended within
        // MOST): at most one more change is left, never a queue.
        let mut more = 0;
        while watch.next(Duration::from_millis(300)) == Seen::Changed {
            more += 1;
        }
        assert!(more <= 1, "{more} more changes after one burst");
    }

    #[test]
    fn a_folder_made_again_is_watched_again() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("register");
        std::fs::create_dir(&root).unwrap();
        let (mut watch, _) = Watch::new(&root, false).unwrap();
        assert!(!watch.replaced());
        std::fs::remove_dir(&root).unwrap();
        assert!(watch.replaced());
        std::fs::create_dir(&root).unwrap();
        assert!(watch.replaced());
        std::fs::write(root.join("b.md"), "x").unwrap();
        assert_eq!(watch.next(Duration::from_secs(5)), Seen::Changed);
    }
}
