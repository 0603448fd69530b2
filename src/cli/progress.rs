//! A build's progress on a terminal: a line that appears only when the build takes more
//! than a moment, counts the files as they are written, and gives way to a summary
//! (pages, time). Nothing of it when standard error is not a terminal or with `--quiet`.

use std::io::IsTerminal;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::build::output::Destination;
use crate::i18n::cli::{Counted, Line, Words};

/// How long a build runs before its progress line appears: a quick build prints none.
const SHOW_AFTER: Duration = Duration::from_millis(800);

/// The progress of one build, started before the register is read.
pub(super) struct Progress {
    bar: Option<ProgressBar>,
    started: Instant,
    words: Words,
}

impl Progress {
    /// Starts timing; draws only on a terminal and without `quiet`.
    pub(super) fn start(quiet: bool, words: Words) -> Progress {
        let shown = !quiet && std::io::stderr().is_terminal();
        let bar = shown.then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden()).with_style(
                ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            bar.set_message(words.say(Line::BuildReading, &[]));
            let later = bar.clone();
            // Shown only once the build has taken a moment.
            std::thread::spawn(move || {
                std::thread::sleep(SHOW_AFTER);
                if !later.is_finished() {
                    later.set_draw_target(ProgressDrawTarget::stderr());
                    later.enable_steady_tick(Duration::from_millis(120));
                }
            });
            bar
        });
        Progress {
            bar,
            started: Instant::now(),
            words,
        }
    }

    /// Speaks `words` from now on (the register's language, once it is read).
    pub(super) fn speak(&mut self, words: Words) {
        self.words = words;
    }

    /// Runs `print` with the progress line out of its way.
    pub(super) fn suspend<R>(&self, print: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(bar) => bar.suspend(print),
            None => print(),
        }
    }

    /// The destination `out`, counting what is written into it.
    pub(super) fn counting<D: Destination>(&self, out: D) -> Counting<'_, D> {
        Counting {
            out,
            progress: self,
            files: AtomicUsize::new(0),
            pages: AtomicUsize::new(0),
            shown: Mutex::new(0),
        }
    }

    /// Clears the line; on a terminal, says how long the build took for how many pages.
    pub(super) fn finish(mut self, pages: usize) {
        let Some(bar) = self.bar.take() else { return };
        bar.finish_and_clear();
        let seconds = format!("{:.2}", self.started.elapsed().as_secs_f64());
        let pages = self.words.count(pages, Counted::Page);
        eprintln!(
            "{}",
            self.words
                .say(Line::BuildTook, &[("seconds", &seconds), ("pages", &pages)])
        );
    }
}

impl Drop for Progress {
    /// A build that failed leaves no progress line behind its error.
    fn drop(&mut self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// A destination whose files are counted on the progress line.
pub(super) struct Counting<'a, D> {
    out: D,
    progress: &'a Progress,
    files: AtomicUsize,
    pages: AtomicUsize,
    shown: Mutex<usize>,
}

impl<D> Counting<'_, D> {
    /// The destination, and how many HTML pages were written into it.
    pub(super) fn into_inner(self) -> (D, usize) {
        (self.out, self.pages.into_inner())
    }
}

impl<D: Destination> Destination for Counting<'_, D> {
    fn put(&self, relative: &Path, bytes: &[u8]) -> Result<(), String> {
        self.out.put(relative, bytes)?;
        let files = self.files.fetch_add(1, Ordering::Relaxed) + 1;
        if relative.extension().is_some_and(|e| e == "html") {
            self.pages.fetch_add(1, Ordering::Relaxed);
        }
        if let Some(bar) = &self.progress.bar {
            // Pages are written in parallel: the line only counts up.
            let mut shown = self.shown.lock().unwrap_or_else(|e| e.into_inner());
            if *shown >= files {
                return Ok(());
            }
            *shown = files;
            let files = self.progress.words.count(files, Counted::File);
            bar.set_message(
                self.progress
                    .words
                    .say(Line::BuildWriting, &[("files", &files)]),
            );
        }
        Ok(())
    }
}
