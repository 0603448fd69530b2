//! `stake serve`: the site of a register, rebuilt on every save and reloaded in the
//! browser.
//!
//! A build thread watches the register ([`watch`]) and rebuilds with the same pipeline
//! as `stake build` ([`crate::build::build_into`]) into memory ([`site::Memory`]); the
//! HTTP server ([`http`]) serves the newest build that had no errors, with the problems
//! of the newest rebuild (if it failed) written into every page ([`overlay`]), and tells
//! open pages to reload after each rebuild.

pub mod http;
pub mod overlay;
pub mod site;
pub mod watch;

use std::collections::BTreeSet;
use std::io::Write as _;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use crate::build::reuse::PageCache;
use crate::build::{self, Format};
use crate::diagnostic::{self, Severity};
use crate::register::vocab::Date;
use crate::register::{self, Limits};
use crate::render::pdf::PdfOptions;

use overlay::Problem;
use site::{Memory, Site};
use watch::{Seen, Watch};

/// The path of the event stream; nothing the build writes starts with `__`.
pub const EVENTS: &str = "/__stake/events";

/// How long Ctrl+C waits for open connections to end.
const STOP_WAIT: Duration = Duration::from_secs(2);

/// What to serve and where.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The register folder.
    pub dir: PathBuf,
    /// The public edition instead of the internal one.
    pub public: bool,
    /// The analysis date; else `as_of` in `_project.md`, else today (at each rebuild).
    pub as_of: Option<Date>,
    /// The address to listen on.
    pub interface: IpAddr,
    /// The port (0: any free one).
    pub port: u16,
    /// Open the site in the browser once it is served.
    pub open: bool,
    /// Watch by polling instead of the system's change events.
    pub poll: bool,
    /// Colour the diagnostics printed.
    pub color: bool,
    /// Largest register file read.
    pub limits: Limits,
}

/// What the server shows now.
#[derive(Debug, Clone)]
pub struct Now {
    /// The newest build without errors.
    pub site: Option<Arc<Site>>,
    /// The overlay of the newest rebuild's problems, if it had any.
    pub overlay: Option<Arc<str>>,
    /// Names this state: the server's instance and the rebuild's number, so that a page
    /// served by an earlier server reloads too.
    pub version: String,
}

/// The state shared by the build thread and the server.
pub struct Shared {
    now: RwLock<Now>,
    instance: String,
    /// The number of the newest rebuild: a change tells open pages to reload.
    changes: tokio::sync::watch::Sender<u64>,
    /// Set when the server stops, ending the event streams.
    stopping: tokio::sync::watch::Sender<bool>,
}

impl Shared {
    fn new() -> Shared {
        let instance = format!(
            "{:x}",
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos() as u64)
                ^ u64::from(std::process::id())
        );
        Shared {
            now: RwLock::new(Now {
                site: None,
                overlay: None,
                version: format!("{instance}-0"),
            }),
            instance,
            changes: tokio::sync::watch::channel(0).0,
            stopping: tokio::sync::watch::channel(false).0,
        }
    }

    /// What is served now.
    pub fn now(&self) -> Now {
        self.now.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Shows the outcome of rebuild number `number`, and tells open pages to reload.
    fn show(&self, number: u64, outcome: &Outcome) {
        {
            let mut now = self.now.write().unwrap_or_else(|e| e.into_inner());
            match outcome {
                Outcome::Built(site) => {
                    now.site = Some(Arc::clone(site));
                    now.overlay = None;
                }
                Outcome::Failed(problems) => {
                    let kept = now.site.as_ref().map(|s| s.built_at.as_str());
                    now.overlay = Some(overlay::html(problems, kept).into());
                }
            }
            now.version = format!("{}-{number}", self.instance);
        }
        self.changes.send_replace(number);
    }
}

/// The script written into every served page: reload when the server says the build
/// changed (the stream reconnects by itself when the server restarts).
pub fn reload_script(version: &str) -> String {
    format!(
        "(function(){{var s=new EventSource(\"{EVENTS}?since={version}\");\
         s.addEventListener(\"reload\",function(){{s.close();location.reload();}});}})();"
    )
}

/// The outcome of one rebuild.
enum Outcome {
    Built(Arc<Site>),
    Failed(Vec<Problem>),
}

/// Rebuilds the register's site into memory, printing what `stake check` would print of
/// its errors.
/// What a rebuild takes from the one before: the files it parsed, and its pages.
#[derive(Default)]
struct Kept {
    files: register::FileCache,
    pages: PageCache,
}

/// `kept` holds the last build's parsed files and pages, for this one to parse and
/// render only what changed ([`register::load_reusing`], [`build::reuse`]); a
/// successful build replaces its pages.
fn rebuild(settings: &Settings, kept: &mut Kept) -> Outcome {
    let loaded = match register::load_reusing(&settings.dir, &settings.limits, &mut kept.files) {
        Ok(loaded) => loaded,
        Err(e) => {
            return Outcome::Failed(vec![Problem {
                place: None,
                message: e.to_string(),
                help: Some(
                    "stake serve keeps watching and rebuilds when the folder is back".into(),
                ),
            }]);
        }
    };
    if loaded.count(Severity::Error) > 0 {
        let errors: Vec<_> = loaded
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .cloned()
            .collect();
        eprint!(
            "{}",
            diagnostic::render(
                &errors,
                &loaded.sources,
                diagnostic::Format::Human,
                settings.color
            )
        );
        return Outcome::Failed(Problem::of_diagnostics(&errors));
    }
    let as_of = settings
        .as_of
        .or(loaded.register.project.as_of)
        .unwrap_or_else(|| jiff::ZonedDateTime::now().date());
    let options = build::Options {
        // Never written: the pages stay in memory.
        out: PathBuf::new(),
        public: settings.public,
        as_of,
        formats: BTreeSet::from([Format::Html]),
        templates: None,
        pdf: PdfOptions::default(),
        horizon_weeks: crate::analysis::calendar::DEFAULT_HORIZON_WEEKS,
        owner: None,
        changes: None,
        assessments: None,
        index_history: None,
    };
    let built = build::build_reusing(
        loaded.register,
        &options,
        |_| Ok(Memory::default()),
        Some(&kept.pages),
    );
    match built {
        Ok((_, memory, made)) => {
            kept.pages = made;
            Outcome::Built(Arc::new(Site::new(memory, clock())))
        }
        Err(message) => {
            eprintln!("error: {}", diagnostic::printable(&message));
            Outcome::Failed(vec![Problem::of_message(&message)])
        }
    }
}

/// The time of day, `HH:MM:SS`.
fn clock() -> String {
    let time = jiff::ZonedDateTime::now().time();
    format!(
        "{:02}:{:02}:{:02}",
        time.hour(),
        time.minute(),
        time.second()
    )
}

/// Rebuilds, shows the outcome and prints one line about it.
fn rebuild_and_show(settings: &Settings, shared: &Shared, number: u64, kept: &mut Kept) {
    let started = Instant::now();
    let outcome = rebuild(settings, kept);
    let took = started.elapsed().as_millis();
    let verb = if number == 1 { "built" } else { "rebuilt" };
    let line = match &outcome {
        Outcome::Built(site) => {
            let pages = site.pages();
            format!(
                "{} {verb} in {took} ms: {pages} {}",
                site.built_at,
                if pages == 1 { "page" } else { "pages" }
            )
        }
        Outcome::Failed(problems) => {
            let kept = shared.now().site;
            let n = problems.len();
            format!(
                "{} {n} {} after {took} ms; {}",
                clock(),
                if n == 1 { "error" } else { "errors" },
                match kept {
                    Some(site) => format!(
                        "still serving the build of {}, each page shows the errors",
                        site.built_at
                    ),
                    None => "each page shows the errors until they are fixed".to_owned(),
                }
            )
        }
    };
    shared.show(number, &outcome);
    println!("{line}");
    let _ = std::io::stdout().flush();
}

/// Runs `stake serve` until Ctrl+C.
pub fn run(settings: Settings) -> Result<(), String> {
    // A wrong folder is a usage error at once; one that goes away later is served around.
    match std::fs::metadata(&settings.dir) {
        Ok(meta) if meta.is_dir() => {}
        Ok(_) => return Err(register::LoadError::NotAFolder(settings.dir).to_string()),
        Err(_) => return Err(register::LoadError::NotFound(settings.dir).to_string()),
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    let address = SocketAddr::new(settings.interface, settings.port);
    // Bound before the first build: a port in use is said at once.
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(address))
        .map_err(|e| bind_error(&address, &e))?;
    let address = listener
        .local_addr()
        .map_err(|e| format!("cannot serve: {e}"))?;
    let (mut watch, why_polling) = Watch::new(&settings.dir, settings.poll)?;
    if let Some(why) = why_polling {
        println!(
            "note: watching by polling every {} ms (the system's change events failed: {why})",
            watch::POLL_EVERY.as_millis()
        );
    }
    let shared = Arc::new(Shared::new());
    let mut kept = Kept::default();
    rebuild_and_show(&settings, &shared, 1, &mut kept);
    let url = format!("http://{address}");
    println!("Listening on {url}, Ctrl+C to stop");
    let _ = std::io::stdout().flush();
    if settings.open {
        open_browser(&url);
    }
    {
        let shared = Arc::clone(&shared);
        let settings = settings.clone();
        std::thread::spawn(move || {
            let mut number = 1;
            loop {
                let seen = watch.next(Duration::from_millis(500));
                // A register deleted, renamed or made again is watched anew.
                let replaced = watch.replaced();
                if seen == Seen::Changed || replaced {
                    number += 1;
                    rebuild_and_show(&settings, &shared, number, &mut kept);
                }
            }
        });
    }
    let app = http::router(Arc::clone(&shared));
    let stopping = shared.stopping.clone();
    let mut stopped = shared.stopping.subscribe();
    runtime.block_on(async move {
        let serve = axum::serve(listener, app).with_graceful_shutdown(async move {
            let _ = tokio::signal::ctrl_c().await;
            stopping.send_replace(true);
        });
        // Open connections are given a moment to end; a client that never reads what it
        // asked for is not waited for.
        let deadline = async move {
            let _ = stopped.wait_for(|stopping| *stopping).await;
            tokio::time::sleep(STOP_WAIT).await;
        };
        tokio::select! {
            served = serve => served.map_err(|e| format!("the server stopped: {e}")),
            () = deadline => Ok(()),
        }
    })?;
    runtime.shutdown_timeout(Duration::from_millis(100));
    println!("Stopped.");
    Ok(())
}

/// The message of a failed bind.
fn bind_error(address: &SocketAddr, error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::AddrInUse => format!(
            "port {} on {} is in use (another `stake serve`, or another server)\n  = help: choose another with `--port`, e.g. `--port {}`",
            address.port(),
            address.ip(),
            address.port().wrapping_add(1).max(1024)
        ),
        std::io::ErrorKind::AddrNotAvailable => format!(
            "cannot listen on {}: this machine has no such address\n  = help: `--interface` takes one of this machine's addresses, e.g. 127.0.0.1",
            address.ip()
        ),
        std::io::ErrorKind::PermissionDenied => format!(
            "not allowed to listen on port {}\n  = help: ports below 1024 need special rights; choose another with `--port`",
            address.port()
        ),
        _ => format!("cannot listen on {address}: {error}"),
    }
}

/// Opens `url` in the default browser; says so when it cannot.
fn open_browser(url: &str) {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    let opened = command
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Err(e) = opened {
        eprintln!("note: cannot open a browser ({e}); open {url} yourself");
    }
}
