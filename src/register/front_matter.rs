//! Splits a stakeholder file into its YAML front matter and its Markdown body.
//!
//! Hand-written rather than regex-based so that the byte offsets and line numbers of
//! both parts are kept: every diagnostic points at a line of the whole file.

/// The two parts of a file that starts with front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'a> {
    /// Byte offset of the opening `---` (3 after a BOM, else 0).
    pub start: usize,
    /// The YAML between the fences, without them.
    pub yaml: &'a str,
    /// Byte offset of `yaml` in the file as read (a BOM counts).
    pub yaml_offset: usize,
    /// 1-based line of the file on which `yaml` starts.
    pub yaml_line: usize,
    /// The Markdown after the closing fence.
    pub body: &'a str,
    /// 1-based line of the file on which `body` starts.
    pub body_line: usize,
}

/// What the splitter found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrontMatter<'a> {
    /// `---` … `---` (or `...`) then a body.
    Found(Split<'a>),
    /// The file does not start with `---`: a plain Markdown file.
    Absent,
    /// The file starts with `---` but no closing fence follows.
    Unclosed,
}

const BOM: &str = "\u{feff}";

/// Byte range of the opening `---` of a file that starts with one (after a BOM).
pub fn opening_fence(text: &str) -> std::ops::Range<usize> {
    let start = if text.starts_with(BOM) { BOM.len() } else { 0 };
    start..start + 3
}

/// Splits `text`. A UTF-8 BOM and CRLF line endings are accepted; trailing blanks on a
/// fence line are tolerated because editors leave them.
pub fn split(text: &str) -> FrontMatter<'_> {
    let start = opening_fence(text).start;
    let mut lines = LineIter { text, pos: start };
    match lines.next() {
        Some((_, line)) if is_fence(line, "---") => {}
        _ => return FrontMatter::Absent,
    }
    let yaml_offset = lines.pos;
    let mut line_no = 1;
    while let Some((line_start, line)) = lines.next() {
        line_no += 1;
        if is_fence(line, "---") || is_fence(line, "...") {
            return FrontMatter::Found(Split {
                start,
                yaml: &text[yaml_offset..line_start],
                yaml_offset,
                yaml_line: 2,
                body: &text[lines.pos..],
                body_line: line_no + 1,
            });
        }
    }
    FrontMatter::Unclosed
}

fn is_fence(line: &str, fence: &str) -> bool {
    line.strip_prefix(fence)
        .is_some_and(|rest| rest.trim_end_matches([' ', '\t', '\r', '\n']).is_empty())
}

/// Lines with their terminators, each with its byte offset.
struct LineIter<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Iterator for LineIter<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        if self.pos >= self.text.len() {
            return None;
        }
        let start = self.pos;
        let rest = &self.text[start..];
        let len = rest.find('\n').map_or(rest.len(), |i| i + 1);
        self.pos += len;
        Some((start, &rest[..len]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Split<'_> {
        match split(text) {
            FrontMatter::Found(s) => s,
            other => panic!("expected front matter, got {other:?}"),
        }
    }

    #[test]
    fn splits_yaml_and_body_with_positions() {
        let s = found("---\nname: Ann\npower: H\n---\n# Notes\n");
        assert_eq!(s.yaml, "name: Ann\npower: H\n");
        assert_eq!(s.yaml_offset, 4);
        assert_eq!(s.yaml_line, 2);
        assert_eq!(s.body, "# Notes\n");
        assert_eq!(s.body_line, 5);
    }

    #[test]
    fn accepts_bom_crlf_and_dots_fence() {
        let s = found("\u{feff}---\r\nname: Ann\r\n...\r\nbody");
        assert_eq!(s.yaml, "name: Ann\r\n");
        assert_eq!(s.start, 3);
        assert_eq!(s.yaml_offset, 3 + 5);
        assert_eq!(s.body, "body");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn empty_front_matter_and_no_body() {
        let s = found("---\n---");
        assert_eq!(s.yaml, "");
        assert_eq!(s.body, "");
    }

    #[test]
    fn trailing_blanks_on_fences_are_fine() {
        let s = found("--- \nname: Ann\n---\t\n");
        assert_eq!(s.yaml, "name: Ann\n");
    }

    #[test]
    fn plain_markdown_has_no_front_matter() {
        assert_eq!(split("# Read me\n---\n"), FrontMatter::Absent);
        assert_eq!(split(""), FrontMatter::Absent);
        assert_eq!(split("----\nname: x\n---\n"), FrontMatter::Absent);
    }

    #[test]
    fn unclosed_front_matter_is_reported() {
        assert_eq!(split("---\nname: Ann\n"), FrontMatter::Unclosed);
    }

    #[test]
    fn a_dashes_line_inside_a_block_scalar_is_still_a_fence() {
        // YAML documents cannot contain a bare `---` line, so the first one closes.
        let s = found("---\na: |\n  x\n---\n---\n");
        assert_eq!(s.yaml, "a: |\n  x\n");
        assert_eq!(s.body, "---\n");
    }
}
