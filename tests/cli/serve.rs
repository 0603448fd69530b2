//! `stake serve`, end to end: the binary serving a copy of the sample register, read with
//! a plain HTTP/1.1 client over a TCP socket while the test edits the register's files
//! the way editors save them.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use super::root;

/// How long a rebuild of the sample may take in a debug build on a busy machine.
const PATIENCE: Duration = Duration::from_secs(60);

/// A running `stake serve`, stopped (and reaped) when dropped.
struct Served {
    child: Child,
    lines: Receiver<String>,
    /// Everything it printed to stdout so far.
    printed: Vec<String>,
    address: String,
}

impl Served {
    /// Starts `stake serve REGISTER --port 0 ARGS` and waits until it listens.
    fn start(register: &Path, args: &[&str]) -> Served {
        let mut child = Command::new(snapbox::cmd::cargo_bin!("stake"))
            .arg("serve")
            .arg(register)
            .args(["--port", "0", "--as-of", "2026-11-20", "--color", "never"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let (send, lines) = channel();
        let stdout = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        let mut served = Served {
            child,
            lines,
            printed: Vec::new(),
            address: String::new(),
        };
        let listening = served.wait_for_line(|l| l.starts_with("Listening on http://"));
        let rest = listening.strip_prefix("Listening on http://").unwrap();
        let (address, tail) = rest.split_once(',').unwrap();
        assert_eq!(tail, " Ctrl+C to stop");
        assert!(address.starts_with("127.0.0.1:"), "{listening}");
        served.address = address.to_owned();
        served
    }

    /// Waits for a line of stdout that `wanted` accepts; fails the test after a while.
    fn wait_for_line(&mut self, wanted: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let line = self
                .lines
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("no such line; printed: {:#?}", self.printed));
            self.printed.push(line.clone());
            if wanted(&line) {
                return line;
            }
        }
    }

    /// `GET path`: the status code and the body.
    fn get(&self, path: &str) -> (u16, String) {
        get(&self.address, path)
    }

    /// `GET path` until the page satisfies `wanted`: a rebuild may still be under way
    /// after the reload that a change before it sent.
    fn until(&self, path: &str, wanted: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let (status, page) = self.get(path);
            if status == 200 && wanted(&page) {
                return page;
            }
            assert!(Instant::now() < deadline, "never so: {page}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Opens the event stream as the page served now would.
    fn events_since(&self, page: &str) -> Events {
        let since = version_of(page);
        Events::open(&self.address, &since)
    }

    /// Sends Ctrl+C (SIGINT) and returns whether it stopped by itself, successfully.
    #[cfg(unix)]
    fn interrupt(&mut self) -> bool {
        let pid = self.child.id().to_string();
        assert!(
            Command::new("kill")
                .args(["-INT", &pid])
                .status()
                .unwrap()
                .success()
        );
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.success();
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        false
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One request on its own connection; the status and body.
fn get(address: &str, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(address).unwrap();
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let response = String::from_utf8_lossy(&response).into_owned();
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    (status, body.to_owned())
}

/// The build version a served page's reload script names.
fn version_of(page: &str) -> String {
    let at = page
        .find("/__stake/events?since=")
        .expect("the page has the reload script")
        + "/__stake/events?since=".len();
    page[at..].split('"').next().unwrap().to_owned()
}

/// An open `/__stake/events` stream.
struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    fn open(address: &str, since: &str) -> Events {
        let mut stream = TcpStream::connect(address).unwrap();
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        write!(
            stream,
            "GET /__stake/events?since={since} HTTP/1.1\r\nHost: {address}\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        let mut reader = BufReader::new(stream);
        let mut head = String::new();
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            if line == "\r\n" || line.is_empty() {
                break;
            }
            head.push_str(&line);
        }
        assert!(head.starts_with("HTTP/1.1 200"), "{head}");
        assert!(head.contains("text/event-stream"), "{head}");
        Events { reader }
    }

    /// Waits for the `reload` event (the body is chunked: the event's lines arrive as
    /// they are, between chunk sizes).
    fn wait_for_reload(&mut self) {
        let mut seen = String::new();
        // Keep-alive comments arrive every 15 s: the socket's timeout alone never ends it.
        let deadline = Instant::now() + PATIENCE;
        loop {
            assert!(Instant::now() < deadline, "no reload; seen: {seen}");
            let mut line = String::new();
            let n = self
                .reader
                .read_line(&mut line)
                .unwrap_or_else(|e| panic!("no reload ({e}); seen: {seen}"));
            assert!(n > 0, "the stream ended without a reload; seen: {seen}");
            if line.trim_end() == "event: reload" {
                return;
            }
            seen.push_str(&line);
        }
    }
}

/// A copy of the English sample register in a fresh folder.
fn sample_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let register = dir.path().join("register");
    copy_folder(&root().join("samples/erp-rollout"), &register);
    (dir, register)
}

fn copy_folder(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_folder(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Saves `text` to `path` the way many editors do: into a temporary file beside it,
/// then renamed over it.
fn atomic_save(path: &Path, text: &str) {
    let temporary = path.with_file_name(format!(
        ".{}.tmp",
        path.file_name().unwrap().to_string_lossy()
    ));
    fs::write(&temporary, text).unwrap();
    fs::rename(&temporary, path).unwrap();
}

/// The names of the files of a folder tree, for checking nothing was written there.
fn listing(dir: &Path) -> Vec<PathBuf> {
    let mut names: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap().path().strip_prefix(dir).unwrap().to_path_buf())
        .collect();
    names.sort();
    names
}

#[cfg(unix)]
#[test]
fn a_save_reloads_the_page_and_an_error_shows_on_it_over_the_last_good_build() {
    let (_dir, register) = sample_copy();
    let before = listing(&register);
    let mut served = Served::start(&register, &[]);
    assert!(
        served.printed[0].contains(" built in ") && served.printed[0].ends_with(" pages"),
        "{:?}",
        served.printed
    );
    let (status, index) = served.get("/");
    assert_eq!(status, 200);
    assert!(index.contains("Atlas ERP roll-out"), "{index}");
    assert!(index.contains("Internal edition"));
    // Only the reload script may run: its nonce is in the policy.
    assert!(index.contains("script-src 'nonce-"), "{index}");
    let (status, page) = served.get("/stakeholders/helen-brandt.html");
    assert_eq!(status, 200);
    assert!(page.contains("Helen Brandt"));

    // An editor's atomic save: the open page is told to reload, and shows the change.
    let mut events = served.events_since(&page);
    let file = register.join("internal/helen-brandt.md");
    let text = fs::read_to_string(&file).unwrap();
    atomic_save(
        &file,
        &text.replace("name: Helen Brandt", "name: Helena Brandt-Ortiz"),
    );
    events.wait_for_reload();
    served.wait_for_line(|l| l.contains(" rebuilt in "));
    let (_, page) = served.get("/stakeholders/helen-brandt.html");
    assert!(page.contains("Helena Brandt-Ortiz"), "{page}");

    // A mistake: every page shows it (file:line:column, message, help) above the last
    // good build.
    let mut events = served.events_since(&page);
    let renamed = fs::read_to_string(&file).unwrap();
    fs::write(&file, renamed.replace("power: 5", "power: enormous")).unwrap();
    events.wait_for_reload();
    let line = served.wait_for_line(|l| l.contains(" error"));
    assert!(line.contains("1 error after "), "{line}");
    assert!(line.contains("still serving the build of "), "{line}");
    for path in ["/stakeholders/helen-brandt.html", "/", "/report.html"] {
        let (status, page) = served.get(path);
        assert_eq!(status, 200);
        assert!(page.contains("id=\"stake-serve-problems\""), "{path}");
        assert!(page.contains("helen-brandt.md:10:8</code>"), "{page}");
        assert!(page.contains("`enormous` is not a valid `power`"));
        assert!(page.contains("help: write a number 1–5"));
        assert!(page.contains("the page below is the last build without errors"));
    }
    let (_, page) = served.get("/stakeholders/helen-brandt.html");
    assert!(page.contains("Helena Brandt-Ortiz"));

    // Fixed: the overlay goes.
    let mut events = served.events_since(&page);
    fs::write(&file, &renamed).unwrap();
    events.wait_for_reload();
    let (_, page) = served.get("/stakeholders/helen-brandt.html");
    assert!(!page.contains("stake-serve-problems"));

    // Nothing was written into the register.
    assert_eq!(listing(&register), before);
    assert!(served.interrupt(), "Ctrl+C did not stop it cleanly");
    served.wait_for_line(|l| l == "Stopped.");
}

#[cfg(unix)]
#[test]
fn no_request_reads_outside_the_build_and_a_client_that_never_reads_stops_nothing() {
    let (_dir, register) = sample_copy();
    fs::write(register.join("secret.txt"), "the secret").unwrap();
    let mut served = Served::start(&register, &["--public"]);
    // A client that asks and never reads (its page and its event stream) holds up no
    // one else, nor Ctrl+C.
    let mut idle = TcpStream::connect(&served.address).unwrap();
    write!(idle, "GET /report.html HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let mut idle_events = TcpStream::connect(&served.address).unwrap();
    write!(
        idle_events,
        "GET /__stake/events HTTP/1.1\r\nHost: x\r\n\r\n"
    )
    .unwrap();
    let mut half = TcpStream::connect(&served.address).unwrap();
    write!(half, "GET /index.ht").unwrap();

    let (status, index) = served.get("/index.html");
    assert_eq!(status, 200);
    assert!(index.contains("Public edition"));
    for path in [
        "/../secret.txt",
        "/../../../../etc/passwd",
        "/stakeholders/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2e%2e%2fsecret.txt",
        "/stakeholders%2f..%2f..%2fsecret.txt",
        "/..%5csecret.txt",
        "/secret.txt",
        "/_project.md",
        "/internal/helen-brandt.md",
        "/.stake-output",
        "//etc/passwd",
        "/%00",
        "/report.pdf",
    ] {
        let (status, body) = served.get(path);
        assert_eq!(status, 404, "{path}: {body}");
        assert!(
            !body.contains("secret") && !body.contains("root:"),
            "{path}"
        );
    }
    let (_, pdf) = served.get("/report.pdf");
    assert!(pdf.contains("`stake build` writes the PDF files"), "{pdf}");
    assert!(served.interrupt(), "Ctrl+C did not stop it");
    drop((idle, idle_events, half));
}

#[cfg(unix)]
#[test]
fn a_register_renamed_away_and_back_keeps_being_served_and_watched() {
    let (dir, register) = sample_copy();
    let served = Served::start(&register, &[]);
    let (_, page) = served.get("/stakeholders/helen-brandt.html");
    let mut events = served.events_since(&page);
    let away = dir.path().join("elsewhere");
    fs::rename(&register, &away).unwrap();
    events.wait_for_reload();
    let page = served.until("/stakeholders/helen-brandt.html", |page| {
        page.contains("stake-serve-problems")
    });
    assert!(page.contains("does not exist"), "{page}");
    assert!(page.contains("Helen Brandt"));

    let mut events = served.events_since(&page);
    fs::rename(&away, &register).unwrap();
    events.wait_for_reload();
    let page = served.until("/stakeholders/helen-brandt.html", |page| {
        !page.contains("stake-serve-problems")
    });
    // And it is watched again: a save shows.
    let mut events = served.events_since(&page);
    let file = register.join("internal/helen-brandt.md");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(
        &file,
        text.replace("name: Helen Brandt", "name: Helen Back"),
    )
    .unwrap();
    events.wait_for_reload();
    served.until("/stakeholders/helen-brandt.html", |page| {
        page.contains("Helen Back")
    });
}

#[cfg(unix)]
#[test]
fn a_thousand_saves_in_a_second_rebuild_a_few_times_and_show_the_last() {
    let (_dir, register) = sample_copy();
    let mut served = Served::start(&register, &["--public"]);
    let file = register.join("internal/helen-brandt.md");
    let text = fs::read_to_string(&file).unwrap();
    for i in 0..1000 {
        fs::write(
            &file,
            text.replace("name: Helen Brandt", &format!("name: Helen Save{i}")),
        )
        .unwrap();
        if i % 100 == 99 {
            // Spread over about a second, as a script or a sync tool would.
            std::thread::sleep(Duration::from_millis(100));
        }
    }
    // The last save is served once the register is quiet.
    let deadline = Instant::now() + PATIENCE;
    loop {
        let (_, page) = served.get("/stakeholders/helen-brandt.html");
        if page.contains("Helen Save999") {
            break;
        }
        assert!(Instant::now() < deadline, "the last save never showed");
        std::thread::sleep(Duration::from_millis(100));
    }
    std::thread::sleep(Duration::from_millis(500));
    while let Ok(line) = served.lines.try_recv() {
        served.printed.push(line);
    }
    let rebuilds = served
        .printed
        .iter()
        .filter(|l| l.contains(" rebuilt in "))
        .count();
    assert!(
        (1..=30).contains(&rebuilds),
        "{rebuilds} rebuilds for 1,000 saves: {:#?}",
        served.printed
    );
}

#[test]
fn a_port_in_use_is_named_with_the_way_out() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let output = Command::new(snapbox::cmd::cargo_bin!("stake"))
        .args(["serve", "samples/erp-rollout", "--port", &port])
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!("error: port {port} on 127.0.0.1 is in use")),
        "{stderr}"
    );
    assert!(stderr.contains("choose another with `--port`"), "{stderr}");
}

#[test]
fn the_internal_edition_is_not_served_beyond_this_machine_unless_asked() {
    let output = Command::new(snapbox::cmd::cargo_bin!("stake"))
        .args(["serve", "samples/erp-rollout", "--interface", "0.0.0.0"])
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("not serving the internal edition on 0.0.0.0"),
        "{stderr}"
    );
    assert!(stderr.contains("add `--public`"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn a_template_error_shows_on_the_pages_and_the_last_good_build_stays() {
    let (_dir, register) = sample_copy();
    let mut served = Served::start(&register, &[]);
    let (_, page) = served.get("/report.html");
    let mut events = served.events_since(&page);
    fs::create_dir(register.join("templates")).unwrap();
    fs::write(
        register.join("templates/report.md.tera"),
        "# Report\n{% if %}\n",
    )
    .unwrap();
    events.wait_for_reload();
    served.wait_for_line(|l| l.contains("1 error after"));
    let (status, page) = served.get("/report.html");
    assert_eq!(status, 200);
    assert!(page.contains("id=\"stake-serve-problems\""), "{page}");
    assert!(page.contains("report.md.tera"), "{page}");
    assert!(page.contains("Atlas ERP roll-out"));
}

#[cfg(unix)]
#[test]
fn polling_sees_a_save_too() {
    let (_dir, register) = sample_copy();
    let served = Served::start(&register, &["--poll", "--public"]);
    let (_, page) = served.get("/stakeholders/helen-brandt.html");
    let mut events = served.events_since(&page);
    let file = register.join("internal/helen-brandt.md");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(
        &file,
        text.replace("name: Helen Brandt", "name: Helen Polled"),
    )
    .unwrap();
    events.wait_for_reload();
    served.until("/stakeholders/helen-brandt.html", |page| {
        page.contains("Helen Polled")
    });
}

#[test]
fn a_missing_register_is_said_at_once() {
    let output = Command::new(snapbox::cmd::cargo_bin!("stake"))
        .args(["serve", "no-such-register", "--port", "0"])
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "error: register folder `no-such-register` does not exist\n"
    );
}
