//! Diagnostics: what is wrong where, rendered like a compiler's.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

/// How bad a diagnostic is. Errors fail `stake check`; warnings fail it only with
/// `--deny-warnings`; notes never do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The register is wrong: a value cannot be read or contradicts another.
    Error,
    /// Probably a mistake, or missing information the reports need.
    Warning,
    /// For information, e.g. a file that was skipped.
    Note,
}

impl Severity {
    fn word(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// A place in a file: 1-based line and column, and the byte range of the value when known.
/// Line 0 means the file or folder as a whole (see [`Loc::whole`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Loc {
    /// 1-based line in the whole file.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Byte range in the whole file, for the caret.
    pub span: Option<Range<usize>>,
}

impl Loc {
    /// The start of a line, without a span.
    pub fn line(line: usize) -> Loc {
        Loc {
            line,
            column: 1,
            span: None,
        }
    }

    /// No line: the diagnostic is about a file or folder as a whole (too large, not
    /// readable, a link loop). Rendered as `path: error[…]`, without `:line:column`.
    pub fn whole() -> Loc {
        Loc {
            line: 0,
            column: 0,
            span: None,
        }
    }
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// One finding of `stake check`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error, warning or note.
    pub severity: Severity,
    /// A stable kebab-case code, e.g. `unknown-field`, documented in docs/diagnostics.md.
    pub code: &'static str,
    /// What is wrong, in one line.
    pub message: String,
    /// The file, as the user would type it (register folder joined with the relative path).
    pub file: PathBuf,
    /// 1-based line; 0 (and left out of JSON) for the file or folder as a whole.
    #[serde(skip_serializing_if = "is_zero")]
    pub line: usize,
    /// 1-based column; 0 (and left out of JSON) with line 0.
    #[serde(skip_serializing_if = "is_zero")]
    pub column: usize,
    /// Byte range in the file.
    #[serde(skip)]
    pub span: Option<Range<usize>>,
    /// The label under the caret.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// What to write instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// Another place that takes part, e.g. the first of two duplicate ids.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub also: Option<Related>,
}

/// A second place named by a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    /// What is there.
    pub message: String,
    /// The file.
    pub file: PathBuf,
    /// 1-based line; 0 for the file as a whole.
    #[serde(skip_serializing_if = "is_zero")]
    pub line: usize,
    /// 1-based column.
    #[serde(skip_serializing_if = "is_zero")]
    pub column: usize,
}

impl Diagnostic {
    /// A diagnostic at `loc` of `file`.
    pub fn new(
        severity: Severity,
        code: &'static str,
        file: &Path,
        loc: Loc,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            severity,
            code,
            message: message.into(),
            file: file.to_path_buf(),
            line: loc.line,
            column: loc.column,
            span: loc.span,
            label: None,
            help: None,
            also: None,
        }
    }

    /// An error.
    pub fn error(code: &'static str, file: &Path, loc: Loc, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, file, loc, message)
    }

    /// A warning.
    pub fn warning(code: &'static str, file: &Path, loc: Loc, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, file, loc, message)
    }

    /// Sets the label under the caret.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Sets the help line.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Names a second place.
    pub fn also(mut self, file: &Path, loc: &Loc, message: impl Into<String>) -> Self {
        self.also = Some(Related {
            message: message.into(),
            file: file.to_path_buf(),
            line: loc.line,
            column: loc.column,
        });
        self
    }

    /// The order of a report: by file, then position, then severity.
    pub fn sort_key(&self) -> (&Path, usize, usize, Severity, &'static str) {
        (&self.file, self.line, self.column, self.severity, self.code)
    }
}

/// The text of the files diagnostics point into, for snippets.
pub type Sources = HashMap<PathBuf, Arc<str>>;

/// Output formats of `stake check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// rustc-style, with source snippets.
    Human,
    /// One JSON document with every diagnostic.
    Json,
    /// GitHub Actions workflow commands (`::error file=…`), annotating pull requests.
    Github,
}

/// Renders diagnostics in the given format. `color` only affects `Human`.
pub fn render(
    diagnostics: &[Diagnostic],
    sources: &Sources,
    format: Format,
    color: bool,
) -> String {
    match format {
        Format::Human => {
            let renderer = if color {
                Renderer::styled()
            } else {
                Renderer::plain()
            };
            let mut out = String::new();
            for diagnostic in diagnostics {
                render_human(&mut out, diagnostic, sources, &renderer, color);
                out.push('\n');
            }
            out
        }
        Format::Json => {
            let mut out = serde_json::to_string_pretty(&JsonReport::new(diagnostics))
                .expect("diagnostics serialise");
            out.push('\n');
            out
        }
        Format::Github => diagnostics.iter().map(github_line).collect(),
    }
}

#[derive(Serialize)]
struct JsonReport<'a> {
    errors: usize,
    warnings: usize,
    diagnostics: &'a [Diagnostic],
}

impl<'a> JsonReport<'a> {
    fn new(diagnostics: &'a [Diagnostic]) -> Self {
        let count = |severity| {
            diagnostics
                .iter()
                .filter(|d| d.severity == severity)
                .count()
        };
        JsonReport {
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            diagnostics,
        }
    }
}

fn render_human(
    out: &mut String,
    d: &Diagnostic,
    sources: &Sources,
    renderer: &Renderer,
    color: bool,
) {
    let (bold, red, yellow, cyan, reset) = if color {
        (
            "\x1b[1m",
            "\x1b[1;31m",
            "\x1b[1;33m",
            "\x1b[1;36m",
            "\x1b[0m",
        )
    } else {
        ("", "", "", "", "")
    };
    let tint = match d.severity {
        Severity::Error => red,
        Severity::Warning => yellow,
        Severity::Note => cyan,
    };
    let _ = writeln!(
        out,
        "{bold}{}:{reset} {tint}{}[{}]{reset}{bold}: {}{reset}",
        place(&d.file, d.line, d.column),
        d.severity.word(),
        d.code,
        printable_line(&d.message)
    );
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Note => Level::NOTE,
    };
    let mut group = Group::with_level(level.clone());
    let mut has_elements = false;
    let label = d.label.as_deref().map(|l| printable_line(l).into_owned());
    if let (Some(span), Some(text)) = (&d.span, sources.get(&d.file))
        && let Some(snippet) = excerpt(text, span.clone())
    {
        let (text, span) = snippet.printable();
        let annotation = AnnotationKind::Primary.span(span).label(label);
        group = group.element(
            Snippet::source(text)
                .line_start(d.line)
                .annotation(annotation),
        );
        has_elements = true;
    } else if let Some(label) = label {
        group = group.element(Level::NOTE.message(label));
        has_elements = true;
    }
    if let Some(also) = &d.also {
        let message = format!(
            "{}: {}",
            printable_line(&also.message),
            place(&also.file, also.line, also.column)
        );
        group = group.element(Level::NOTE.message(message));
        has_elements = true;
    }
    if let Some(help) = &d.help {
        group = group.element(Level::HELP.message(printable_line(help).into_owned()));
        has_elements = true;
    }
    if has_elements {
        out.push_str(&renderer.render(&[group]));
        out.push('\n');
    }
}

/// `path:line:column`, or only the path for a diagnostic about the whole file.
fn place(file: &Path, line: usize, column: usize) -> String {
    let file = file.to_string_lossy();
    let file = printable_line(&file);
    if line == 0 {
        file.into_owned()
    } else {
        format!("{file}:{line}:{column}")
    }
}

/// Whether `c` must not reach a terminal as it is: control characters (C0, DEL, C1:
/// escape sequences set the window title, write the clipboard, clear the screen) and
/// the bidirectional overrides and isolates that make a line read other than it is.
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
                | '\u{2028}' | '\u{2029}'
        )
}

/// `text` safe for a terminal: every unsafe character (see [`is_unsafe`]) except line
/// breaks and tabs written visibly as `\u{1b}`. Every human and GitHub writer passes
/// register text (values, file names) through this or [`printable_line`].
pub fn printable(text: &str) -> Cow<'_, str> {
    escape(text, &['\n', '\t'])
}

/// [`printable`] for one line: line breaks are escaped too.
pub fn printable_line(text: &str) -> Cow<'_, str> {
    escape(text, &['\t'])
}

fn escape<'a>(text: &'a str, keep: &[char]) -> Cow<'a, str> {
    let unsafe_char = |c: char| is_unsafe(c) && !keep.contains(&c);
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

struct Excerpt<'a> {
    text: &'a str,
    span: Range<usize>,
}

impl Excerpt<'_> {
    /// The text made [`printable`], with the span moved so that the caret stays under
    /// the same characters.
    fn printable(&self) -> (String, Range<usize>) {
        let (before, rest) = self.text.split_at(self.span.start);
        let (inside, after) = rest.split_at(self.span.len());
        let before = printable(before);
        let inside = printable(inside);
        let start = before.len();
        let end = start + inside.len();
        (format!("{before}{inside}{}", printable(after)), start..end)
    }
}

/// The lines of `text` that `span` touches (at most three), with the span made relative.
fn excerpt(text: &str, span: Range<usize>) -> Option<Excerpt<'_>> {
    if span.start > text.len() || !text.is_char_boundary(span.start) {
        return None;
    }
    let start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let mut end = span.end.clamp(span.start, text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    // Show to the end of the last line touched, but no more than three lines.
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let mut stop = start;
    for _ in 0..3 {
        match text[stop..line_end].find('\n') {
            Some(i) => stop += i + 1,
            None => {
                stop = line_end;
                break;
            }
        }
    }
    let stop = stop.max(span.start);
    let snippet = text[start..stop].trim_end_matches(['\n', '\r']);
    let relative = span.start - start..(end.min(start + snippet.len())).max(span.start) - start;
    Some(Excerpt {
        text: snippet,
        span: relative,
    })
}

/// A GitHub Actions workflow command; `%`, CR and LF are escaped as the runner requires.
fn github_line(d: &Diagnostic) -> String {
    let command = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    };
    // Line breaks are kept: the runner's escaping below carries them.
    let mut message = printable(&d.message).into_owned();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(&printable(help));
    }
    let escape_property = |s: &str| {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
            .replace(':', "%3A")
            .replace(',', "%2C")
    };
    let escape_message = |s: &str| {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    let position = if d.line == 0 {
        String::new()
    } else {
        format!(",line={},col={}", d.line, d.column)
    };
    format!(
        "::{command} file={}{position},title={}::{}\n",
        escape_property(&printable_line(&d.file.to_string_lossy())),
        escape_property(&format!("stake {}", d.code)),
        escape_message(&message)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_keeps_the_line_of_the_span() {
        let text = "a: 1\npower: hgh\nc: 3\n";
        let start = text.find("hgh").unwrap();
        let e = excerpt(text, start..start + 3).unwrap();
        assert_eq!(e.text, "power: hgh");
        assert_eq!(&e.text[e.span.clone()], "hgh");
    }

    #[test]
    fn terminal_controls_are_shown_not_sent() {
        assert_eq!(printable("plain 张伟\tline\n"), "plain 张伟\tline\n");
        assert_eq!(
            printable("\u{1b}]0;pwned\u{7}\u{9b}2J\u{202e}abc"),
            "\\u{1b}]0;pwned\\u{7}\\u{9b}2J\\u{202e}abc"
        );
        assert_eq!(printable_line("a\nb\r"), "a\\u{a}b\\u{d}");
        // The caret stays under the same characters after escaping.
        let text = "name: \u{1b}[2Jx\u{7} bad";
        let start = text.find("bad").unwrap();
        let (shown, span) = excerpt(text, start..start + 3).unwrap().printable();
        assert_eq!(&shown[span], "bad");
        assert!(!shown.contains('\u{1b}'));
    }

    #[test]
    fn github_lines_escape_newlines_and_separators() {
        let d = Diagnostic::error("bad-value", Path::new("a,b.md"), Loc::line(3), "50%\nmore")
            .help("write `H`");
        assert_eq!(
            github_line(&d),
            "::error file=a%2Cb.md,line=3,col=1,title=stake bad-value::50%25%0Amore%0Ahelp: write `H`\n"
        );
    }
}
