//! The problems of the last rebuild, shown on every served page: what `stake check`
//! prints (file:line:column, the message, the help), so the register can be fixed from
//! the browser, above the last pages that were built without errors.

use std::fmt::Write as _;

use crate::diagnostic::{Diagnostic, Severity};

/// One problem that stopped a rebuild.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// `file:line:column` (or the file alone), when the problem has a place.
    pub place: Option<String>,
    /// What is wrong.
    pub message: String,
    /// What to write instead.
    pub help: Option<String>,
}

impl Problem {
    /// The problem of an error message such as the build's (`message\n  = help: …`).
    pub fn of_message(text: &str) -> Problem {
        let (message, help) = match text
            .split_once("\n  = help: ")
            .or_else(|| text.split_once("\nhelp: "))
        {
            Some((message, help)) => (message, Some(help.trim().to_owned())),
            None => (text, None),
        };
        Problem {
            place: None,
            message: message.trim().to_owned(),
            help,
        }
    }

    /// The errors among `diagnostics`, in their order.
    pub fn of_diagnostics(diagnostics: &[Diagnostic]) -> Vec<Problem> {
        diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| {
                let file = d.file.display();
                Problem {
                    place: Some(if d.line == 0 {
                        file.to_string()
                    } else {
                        format!("{file}:{}:{}", d.line, d.column)
                    }),
                    message: d.message.clone(),
                    help: d.help.clone(),
                }
            })
            .collect()
    }
}

/// The overlay of `problems`; `kept` is when the pages below it were built, `None` when
/// no build has succeeded yet.
pub fn html(problems: &[Problem], kept: Option<&str>) -> String {
    let mut out = String::from(
        "<div id=\"stake-serve-problems\" role=\"alert\" style=\"position:fixed;inset:0 0 auto 0;\
         max-height:70vh;overflow:auto;z-index:2147483647;margin:0;padding:1rem 1.5rem;\
         background:#fff5f5;color:#1a1a1a;border-bottom:4px solid #c0392b;\
         font:15px/1.45 system-ui,sans-serif;box-shadow:0 4px 16px rgba(0,0,0,.25)\">\n",
    );
    let count = problems.len();
    let errors = if count == 1 { "error" } else { "errors" };
    let below = match kept {
        Some(time) => format!(
            "the page below is the last build without errors, made at {}",
            escape(time)
        ),
        None => "nothing has been built yet".to_owned(),
    };
    let _ = writeln!(
        out,
        "<p style=\"margin:0 0 .5rem;font-weight:700;color:#c0392b\">stake serve: {count} {errors}; {below}. Saving a fix rebuilds the site.</p>"
    );
    out.push_str("<ol style=\"margin:0;padding-left:1.5rem\">\n");
    for problem in problems {
        out.push_str("<li style=\"margin:.35rem 0\">");
        if let Some(place) = &problem.place {
            let _ = write!(
                out,
                "<code style=\"font-weight:700\">{}</code>: ",
                escape(place)
            );
        }
        let _ = write!(
            out,
            "<span style=\"white-space:pre-wrap\">{}</span>",
            escape(&problem.message)
        );
        if let Some(help) = &problem.help {
            let _ = write!(
                out,
                "<br><span style=\"white-space:pre-wrap;color:#555\">help: {}</span>",
                escape(help)
            );
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n</div>\n");
    out
}

/// The page served before any build has succeeded: empty but for the overlay, which is
/// written into it as into every page.
pub fn empty_page() -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n{}\n<title>stake serve: errors</title>\n</head>\n<body>\n</body>\n</html>\n",
        crate::build::templates::trust::CONTENT_SECURITY_POLICY
    )
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_and_its_help_are_told_apart_and_escaped() {
        let problem = Problem::of_message(
            "template `x.tera`: <bad>\n  = help: write `{{ name }}` & try again",
        );
        assert_eq!(problem.message, "template `x.tera`: <bad>");
        assert_eq!(
            problem.help.as_deref(),
            Some("write `{{ name }}` & try again")
        );
        let shown = html(&[problem], Some("12:00:01"));
        assert!(shown.contains("&lt;bad&gt;"), "{shown}");
        assert!(shown.contains("help: write `{{ name }}` &amp; try again"));
        assert!(shown.contains(
            "1 error; the page below is the last build without errors, made at 12:00:01"
        ));
    }
}
