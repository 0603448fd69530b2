//! The served site: the pages of one build, kept in memory, looked up by URL path.
//!
//! A request names a key of the map of built files, never a path on disk, so no URL can
//! reach a file outside the build; the path is still checked segment by segment, so a
//! request that tries (`..`, an encoded `/`, a hidden file) is refused the same way
//! whatever the build holds.

use std::collections::HashMap;
use std::path::{Component, Path};
use std::sync::Mutex;

use crate::build::output::Destination;
use crate::build::templates::trust::CONTENT_SECURITY_POLICY;

/// Where `stake serve` builds to: the files of one build, by their path relative to the
/// output folder, `/`-separated.
#[derive(Debug, Default)]
pub struct Memory {
    files: Mutex<HashMap<String, Vec<u8>>>,
}

impl Destination for Memory {
    fn put(&self, relative: &Path, bytes: &[u8]) -> Result<(), String> {
        let key = key_of(relative)
            .ok_or_else(|| format!("cannot serve {}: not a plain path", relative.display()))?;
        self.files
            .lock()
            .map_err(|_| "a page failed while another was being stored".to_owned())?
            .insert(key, bytes.to_vec());
        Ok(())
    }
}

/// The `/`-separated key of a path the build writes (only plain names).
fn key_of(relative: &Path) -> Option<String> {
    let mut parts = Vec::new();
    for component in relative.components() {
        match component {
            Component::Normal(name) => parts.push(name.to_str()?),
            _ => return None,
        }
    }
    Some(parts.join("/"))
}

/// One build's pages.
#[derive(Debug)]
pub struct Site {
    files: HashMap<String, Vec<u8>>,
    /// When it was built, `HH:MM:SS` local time, for the overlay and the log.
    pub built_at: String,
}

impl Site {
    /// The site of the files written to `memory`.
    pub fn new(memory: Memory, built_at: String) -> Site {
        Site {
            files: memory.files.into_inner().unwrap_or_else(|e| e.into_inner()),
            built_at,
        }
    }

    /// How many HTML pages it has.
    pub fn pages(&self) -> usize {
        self.files.keys().filter(|k| k.ends_with(".html")).count()
    }

    /// The file a request's (still percent-encoded) URL path names, with its key.
    pub fn get(&self, url_path: &str) -> Option<(&str, &[u8])> {
        let key = file_key(url_path)?;
        self.files
            .get_key_value(&key)
            .map(|(k, v)| (k.as_str(), v.as_slice()))
    }
}

/// The key a URL path names: percent-decoded, `/` meaning `index.html`. `None` for anything but plain names: `.` or `..`, an empty segment, a hidden
/// name, a backslash or NUL, an encoded `/`, text that is not UTF-8.
pub fn file_key(url_path: &str) -> Option<String> {
    let path = url_path.strip_prefix('/')?;
    if path.is_empty() {
        return Some("index.html".to_owned());
    }
    let mut segments = Vec::new();
    for raw in path.split('/') {
        let segment = percent_decode(raw)?;
        let plain = !segment.is_empty()
            && !segment.starts_with('.')
            && !segment.contains(['/', '\\', '\0', ':']);
        if !plain {
            return None;
        }
        segments.push(segment);
    }
    Some(segments.join("/"))
}

/// Decodes `%XX` escapes; `None` for a broken escape or bytes that are not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The media type of a served file, by its extension.
pub fn content_type(key: &str) -> &'static str {
    match key.rsplit_once('.').map(|(_, ext)| ext) {
        Some("html") => "text/html; charset=utf-8",
        Some("json") => "application/json",
        Some("ics") => "text/calendar; charset=utf-8",
        Some("csv") => "text/csv; charset=utf-8",
        Some("md") => "text/markdown; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("pdf") => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// The page as served: stake's policy widened by exactly one script (the reload
/// listener, allowed by a nonce fresh for each response, so nothing a template wrote
/// can run) and the connection it makes back; then, right after `<body>`, the problems'
/// overlay when there are problems, and the script. A page built by `stake build` stays
/// as it was: only what is served changes.
pub fn served_page(page: &str, overlay: Option<&str>, script: &str, nonce: &str) -> String {
    let policy = serve_policy(nonce);
    let mut page = page.replacen(CONTENT_SECURITY_POLICY, &policy, 1);
    let insert_at = body_start(&page).unwrap_or(0);
    let mut added = String::new();
    if let Some(overlay) = overlay {
        added.push_str(overlay);
    }
    added.push_str(&format!("<script nonce=\"{nonce}\">{script}</script>\n"));
    page.insert_str(insert_at, &added);
    page
}

/// The policy of a served page: stake's, plus the reload script and its connection.
pub fn serve_policy(nonce: &str) -> String {
    let base = CONTENT_SECURITY_POLICY
        .strip_suffix("\">")
        .unwrap_or(CONTENT_SECURITY_POLICY);
    format!("{base}; script-src 'nonce-{nonce}'; connect-src 'self'\">")
}

/// Where the content of `<body …>` starts, if the page has one.
fn body_start(page: &str) -> Option<usize> {
    let at = page.find("<body")?;
    let end = page[at..].find('>')?;
    Some(at + end + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_names_are_looked_up() {
        assert_eq!(file_key("/").as_deref(), Some("index.html"));
        assert_eq!(file_key("/report.html").as_deref(), Some("report.html"));
        assert_eq!(
            file_key("/stakeholders/helen-brandt.html").as_deref(),
            Some("stakeholders/helen-brandt.html")
        );
        assert_eq!(
            file_key("/stakeholders/%E5%BC%A0.html").as_deref(),
            Some("stakeholders/张.html")
        );
        for hostile in [
            "/../etc/passwd",
            "/stakeholders/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/stakeholders%2f..%2f..%2fsecret",
            "/..%5c..%5cwindows",
            "/.stake-output",
            "//etc/passwd",
            "/stakeholders/",
            "/C:%5cwindows",
            "/a%00.html",
            "/%zz",
            "/%ff.html",
            "relative.html",
        ] {
            assert_eq!(file_key(hostile), None, "{hostile}");
        }
    }

    #[test]
    fn a_served_page_allows_only_its_own_script() {
        let page = format!(
            "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n{CONTENT_SECURITY_POLICY}\n</head>\n<body class=\"x\">\n<p>hi</p>"
        );
        let served = served_page(&page, Some("<div>problems</div>"), "reload()", "abc");
        assert!(!served.contains(CONTENT_SECURITY_POLICY));
        assert!(served.contains("script-src 'nonce-abc'; connect-src 'self'\">"));
        assert!(
            served.contains(
                "<body class=\"x\"><div>problems</div><script nonce=\"abc\">reload()</script>\n\n<p>hi</p>"
            ),
            "{served}"
        );
    }
}
