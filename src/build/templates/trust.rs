//! What a register's templates may do, checked on what they write (the trust model in
//! `docs/templates.md`): arrange and style the pages, never run scripts in them.
//!
//! Values reach a page escaped whatever a template does, so a template can only add
//! markup of its own. Two checks keep that markup from running: every page starts with a
//! Content-Security-Policy that forbids scripts (a browser then ignores `<script>`, event
//! handlers and `javascript:` links further down), and a style sheet cannot end the
//! `<style>` element it is inlined in.

/// The policy of every page: nothing is fetched or run; inline style and `data:` images
/// only. Built-in pages need nothing else: charts are inline SVG.
pub const CONTENT_SECURITY_POLICY: &str = "<meta http-equiv=\"Content-Security-Policy\" \
    content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:; \
    base-uri 'none'; form-action 'none'\">";

/// Checks the output of the HTML template `name` (shown as `shown` in messages).
pub fn check(name: &str, shown: &str, output: &str) -> Result<(), String> {
    if name.ends_with(".css.tera") {
        if let Some(at) = find_ignoring_case(output, "</style") {
            let line = output[..at].matches('\n').count() + 1;
            return Err(format!(
                "style sheet {shown} wrote `</style` (line {line} of its output), which would end \
                 the page's style sheet and let it write markup\nhelp: a style sheet may only \
                 style the pages; write `<\\/style` inside a CSS string if you need the text"
            ));
        }
    } else if name.ends_with(".html.tera") && !guarded(output) {
        return Err(format!(
            "page template {shown} does not start the page with stake's Content-Security-Policy; \
             a register's templates may arrange and style the pages, not run scripts in them\n\
             help: keep `{CONTENT_SECURITY_POLICY}` in `<head>`, before any element but \
             `<meta charset>`, as the built-in `layout.html.tera` does"
        ));
    }
    Ok(())
}

/// Whether `page` holds the policy before anything a browser could run: only a doctype,
/// `<html>`, `<head>` and `<meta>` tags without `http-equiv` or event handlers may come
/// first.
fn guarded(page: &str) -> bool {
    let mut rest = page;
    loop {
        rest = rest.trim_start();
        if rest.starts_with(CONTENT_SECURITY_POLICY) {
            return true;
        }
        let Some(tag) = rest.strip_prefix('<') else {
            return false;
        };
        let Some(end) = tag.find('>') else {
            return false;
        };
        let inside = tag[..end].to_ascii_lowercase();
        let name = inside
            .split(|c: char| c.is_ascii_whitespace() || c == '/')
            .next()
            .unwrap_or("");
        let harmless = match name {
            "!doctype" | "html" | "head" => true,
            "meta" => !inside.contains("http-equiv"),
            _ => false,
        };
        let handler = inside
            .split_ascii_whitespace()
            .skip(1)
            .any(|attribute| attribute.starts_with("on"));
        if !harmless || handler {
            return false;
        }
        rest = &tag[end + 1..];
    }
}

fn find_ignoring_case(haystack: &str, needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_style_sheet_cannot_end_its_style_element() {
        assert!(check("style.css.tera", "`x`", "body { color: red }").is_ok());
        let error =
            check("style.css.tera", "`x`", "a{}\n</STYLE><script>x()</script>").unwrap_err();
        assert!(error.contains("line 2"), "{error}");
    }

    #[test]
    fn a_page_must_start_with_the_policy() {
        let good = format!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n{CONTENT_SECURITY_POLICY}\n<script>x()</script>"
        );
        assert!(check("layout.html.tera", "`x`", &good).is_ok());
        for bad in [
            "<!DOCTYPE html><html><head><title>x</title></head>".to_owned(),
            format!("<!DOCTYPE html><script>x()</script>{CONTENT_SECURITY_POLICY}"),
            format!("<html onclick=\"x()\"><head>{CONTENT_SECURITY_POLICY}"),
            format!("<head><meta http-equiv=\"refresh\" content=\"0\">{CONTENT_SECURITY_POLICY}"),
            format!("<img src=x onerror=x()>{CONTENT_SECURITY_POLICY}"),
        ] {
            assert!(check("layout.html.tera", "`x`", &bad).is_err(), "{bad}");
        }
    }
}
