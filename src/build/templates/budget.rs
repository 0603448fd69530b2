//! The budget of one template render: how much it may write and how long it may run.
//!
//! A register's templates are code a register brings along (see `docs/templates.md`), and
//! Tera has loops: `{% for i in range(end=100000) %}{% for j in range(end=100000) %}`
//! runs for hours. Output is counted as it is written, so a loop that writes stops at
//! [`MAX_OUTPUT_BYTES`]; a watchdog thread stops the process when a render runs past
//! [`MAX_RENDER_TIME`] without writing (a Tera render cannot be interrupted otherwise),
//! or when, during a render, the process holds more than [`MAX_RESIDENT_BYTES`] (a loop
//! that doubles a string with `{% set %}` writes nothing but fills memory in seconds;
//! measured where the system tells, on Linux).

use std::collections::HashMap;
use std::io::{self, Write};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, Once, PoisonError};
use std::time::{Duration, Instant};

/// The most one render of one template may write: 64 MiB, far above the report of a
/// register of ten thousand stakeholders.
pub const MAX_OUTPUT_BYTES: usize = 64 << 20;

/// The longest one render of one template may take.
pub const MAX_RENDER_TIME: Duration = Duration::from_secs(30);

/// The most memory the process may hold while a template renders: 8 GiB, twice what a
/// build of 100,000 stakeholders peaks at.
pub const MAX_RESIDENT_BYTES: u64 = 8 << 30;

/// Why a render was stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exceeded {
    /// It wrote more than [`MAX_OUTPUT_BYTES`].
    Output,
    /// It ran longer than [`MAX_RENDER_TIME`].
    Time,
    /// The process held more than [`MAX_RESIDENT_BYTES`] while it ran.
    Memory,
}

impl Exceeded {
    /// What happened to `template` (a name or path), with what to do about it.
    pub fn describe(self, template: &str) -> String {
        let what = match self {
            Exceeded::Output => format!("wrote more than {} MiB", MAX_OUTPUT_BYTES >> 20),
            Exceeded::Time => format!("ran for more than {} s", MAX_RENDER_TIME.as_secs()),
            Exceeded::Memory => format!(
                "made stake hold more than {} GiB of memory",
                MAX_RESIDENT_BYTES >> 30
            ),
        };
        format!(
            "template {template} {what} and was stopped\nhelp: look for a loop that never \
             ends or grows its output; one template may write at most {} MiB in {} s",
            MAX_OUTPUT_BYTES >> 20,
            MAX_RENDER_TIME.as_secs()
        )
    }
}

/// The output of one render, refusing to grow past the budget.
pub struct Budgeted {
    /// What was written so far.
    pub bytes: Vec<u8>,
    started: Instant,
    /// Set when a write was refused.
    pub exceeded: Option<Exceeded>,
}

impl Default for Budgeted {
    /// An empty output whose clock starts now.
    fn default() -> Budgeted {
        Budgeted {
            bytes: Vec::new(),
            started: Instant::now(),
            exceeded: None,
        }
    }
}

impl Write for Budgeted {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let over = if self.bytes.len() + buf.len() > MAX_OUTPUT_BYTES {
            Some(Exceeded::Output)
        } else if self.started.elapsed() > MAX_RENDER_TIME {
            Some(Exceeded::Time)
        } else {
            None
        };
        if let Some(over) = over {
            self.exceeded = Some(over);
            return Err(io::Error::other("template budget exceeded"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Renders being timed by the watchdog: id → (start, template).
static RUNNING: Mutex<Option<HashMap<u64, (Instant, String)>>> = Mutex::new(None);
static NEXT_ID: AtomicU64 = AtomicU64::new(0);
static WATCHDOG: Once = Once::new();

/// Runs `render` of `template` (a name or path, for the message) under the watchdog:
/// when it runs past [`MAX_RENDER_TIME`] and a few seconds more (a render that writes is
/// stopped by [`Budgeted`] first), stake reports it and exits with status 2.
pub fn watched<T>(template: &str, render: impl FnOnce() -> T) -> T {
    WATCHDOG.call_once(|| {
        std::thread::spawn(watchdog);
    });
    let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    running()
        .get_or_insert_with(HashMap::new)
        .insert(id, (Instant::now(), template.to_owned()));
    let result = render();
    if let Some(map) = running().as_mut() {
        map.remove(&id);
    }
    result
}

fn running() -> std::sync::MutexGuard<'static, Option<HashMap<u64, (Instant, String)>>> {
    RUNNING.lock().unwrap_or_else(PoisonError::into_inner)
}

fn watchdog() {
    let grace = MAX_RENDER_TIME + Duration::from_secs(5);
    loop {
        std::thread::sleep(Duration::from_millis(100));
        let stuck = running().as_ref().and_then(|map| {
            let (started, template) = map.values().next()?;
            let over = if started.elapsed() > grace {
                Some(Exceeded::Time)
            } else if resident_bytes().is_some_and(|bytes| bytes > MAX_RESIDENT_BYTES) {
                Some(Exceeded::Memory)
            } else {
                None
            };
            over.map(|over| (over, template.clone()))
        });
        if let Some((over, template)) = stuck {
            eprintln!("error: {}", over.describe(&template));
            std::process::exit(2);
        }
    }
}

/// The process's resident memory, where the system says (Linux: `VmRSS` of
/// `/proc/self/status`, in kB).
fn resident_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_past_the_budget_is_refused() {
        let mut out = Budgeted::default();
        let chunk = vec![b'x'; 1 << 20];
        let written = (0..100)
            .take_while(|_| out.write_all(&chunk).is_ok())
            .count();
        assert_eq!(written, MAX_OUTPUT_BYTES >> 20);
        assert_eq!(out.exceeded, Some(Exceeded::Output));
        assert_eq!(out.bytes.len(), MAX_OUTPUT_BYTES);
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn resident_memory_is_read_on_linux() {
        let bytes = resident_bytes().expect("statm");
        // A test process holds more than a megabyte and far less than the limit.
        assert!(bytes > 1 << 20 && bytes < MAX_RESIDENT_BYTES, "{bytes}");
    }
}
