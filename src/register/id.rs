//! The one policy for stakeholder ids. An id becomes a file name (`stakeholders/ID.html`,
//! `ID.pdf`) and a link target, so `check` holds it to what every later command needs:
//!
//! - at most [`MAX_ID_BYTES`] bytes of UTF-8 (common file systems take 255 per name;
//!   100 leaves room for the extension and stays readable: 33 Chinese characters);
//! - letters that lowercasing leaves as they are (Unicode's definition: no capitals of
//!   any script, Greek `Σ` or Cyrillic `Д` included; scripts without case are fine),
//!   digits, `-`, `_` and `.`, not starting with `-` or `.`;
//! - no fullwidth forms (`ａ`, `１`, `－`): they look like ASCII and are not;
//! - not a device name Windows reserves (`con`, `nul`, `com1`, … also as `nul.x`);
//! - letters from at most one of Latin, Greek and Cyrillic, whose look-alikes (Latin `a`,
//!   Cyrillic `а`) would make two different ids read the same. Other scripts (Chinese,
//!   Japanese, Korean, Arabic, …) mix freely with any of them.

/// The most bytes an id may have.
pub const MAX_ID_BYTES: usize = 100;

/// Why an id is not usable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Nothing at all.
    Empty,
    /// Starts with `-` or `.`.
    BadStart(char),
    /// Longer than [`MAX_ID_BYTES`], in bytes.
    TooLong(usize),
    /// A capital letter (or a title-case one).
    Capital(char),
    /// A fullwidth form.
    Fullwidth(char),
    /// Anything else an id cannot hold: a space, `/`, punctuation, a control character.
    Character(char),
    /// Letters of two scripts with look-alikes.
    MixedScripts(&'static str, &'static str),
    /// A device name Windows reserves whatever the extension (`con`, `nul`, `com1`, …).
    Reserved,
}

impl Problem {
    /// What is wrong, for a diagnostic's message.
    pub fn describe(&self) -> String {
        match self {
            Problem::Empty => "is empty".into(),
            Problem::BadStart(c) => format!("starts with `{c}`"),
            Problem::TooLong(bytes) => {
                format!("is {bytes} bytes long; an id has at most {MAX_ID_BYTES}")
            }
            Problem::Capital(c) => format!("has the capital letter `{c}`; ids are lowercase"),
            Problem::Fullwidth(c) => format!("has the fullwidth character `{c}`"),
            Problem::Character(c) => format!("has {}, which an id cannot hold", shown(*c)),
            Problem::MixedScripts(a, b) => {
                format!("mixes {a} and {b} letters, which look alike")
            }
            Problem::Reserved => "is a device name Windows reserves for no file".into(),
        }
    }
}

/// A character as a message names it: with its code point when it may not show (a
/// control, a space, a combining mark, anything beyond ASCII).
fn shown(c: char) -> String {
    if c.is_control() || c.is_whitespace() {
        format!("the character U+{:04X}", u32::from(c))
    } else if c.is_ascii() {
        format!("`{c}`")
    } else {
        format!("`{c}` (U+{:04X})", u32::from(c))
    }
}

/// What is wrong with `id`, or `None` for a usable id.
pub fn problem(id: &str) -> Option<Problem> {
    let Some(first) = id.chars().next() else {
        return Some(Problem::Empty);
    };
    if matches!(first, '-' | '.') {
        return Some(Problem::BadStart(first));
    }
    if id.len() > MAX_ID_BYTES {
        return Some(Problem::TooLong(id.len()));
    }
    if is_reserved_on_windows(id) {
        return Some(Problem::Reserved);
    }
    let mut script: Option<&'static str> = None;
    for c in id.chars() {
        if is_fullwidth(c) {
            return Some(Problem::Fullwidth(c));
        }
        if matches!(c, '-' | '_' | '.') {
            continue;
        }
        if !c.is_alphanumeric() {
            return Some(Problem::Character(c));
        }
        if !is_caseless_or_lower(c) {
            return Some(Problem::Capital(c));
        }
        if let Some(this) = confusable_script(c) {
            match script {
                Some(seen) if seen != this => return Some(Problem::MixedScripts(seen, this)),
                _ => script = Some(this),
            }
        }
    }
    None
}

/// A usable id close to `text`: lowercased, fullwidth forms made ordinary, other
/// characters turned into `-`, cut to [`MAX_ID_BYTES`]; an ASCII one when that still
/// mixes scripts.
pub fn suggest(text: &str) -> String {
    let mut slug = String::new();
    for c in text
        .chars()
        .map(ordinary_width)
        .flat_map(char::to_lowercase)
    {
        let keep = c.is_alphanumeric() && is_caseless_or_lower(c) && !is_fullwidth(c);
        if keep || (c == '_' && !slug.is_empty()) {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let mut end = slug.len().min(MAX_ID_BYTES);
    while !slug.is_char_boundary(end) {
        end -= 1;
    }
    slug.truncate(end);
    let slug = slug.trim_end_matches(['-', '_']).to_owned();
    if is_reserved_on_windows(&slug) {
        return format!("{slug}-1");
    }
    if problem(&slug).is_none() {
        return slug;
    }
    let ascii: String = slug
        .chars()
        .filter(|c| c.is_ascii() || confusable_script(*c).is_none())
        .collect();
    let ascii = ascii.trim_matches(['-', '_']).to_owned();
    if problem(&ascii).is_none() {
        ascii
    } else {
        "stakeholder-id".into()
    }
}

/// `con`, `prn`, `aux`, `nul`, `com1`–`com9`, `lpt1`–`lpt9`, also before an extension
/// (`nul.html`): Windows opens the device, not a file.
fn is_reserved_on_windows(id: &str) -> bool {
    let stem = id.split('.').next().unwrap_or(id);
    matches!(stem, "con" | "prn" | "aux" | "nul")
        || (stem.len() == 4
            && (stem.starts_with("com") || stem.starts_with("lpt"))
            && stem.as_bytes()[3].is_ascii_digit()
            && stem.as_bytes()[3] != b'0')
}

/// Lowercasing leaves it as it is: a lowercase letter, or one of a script without case.
fn is_caseless_or_lower(c: char) -> bool {
    let mut lower = c.to_lowercase();
    lower.next() == Some(c) && lower.next().is_none()
}

/// The Halfwidth and Fullwidth Forms block, and the ideographic space.
fn is_fullwidth(c: char) -> bool {
    matches!(c, '\u{3000}' | '\u{ff00}'..='\u{ffef}')
}

/// `ａ` as `a`: the fullwidth forms of ASCII (U+FF01–U+FF5E) as ASCII.
fn ordinary_width(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(u32::from(c) - 0xfee0).unwrap_or(c),
        _ => c,
    }
}

/// Latin, Greek or Cyrillic, the scripts whose letters look alike.
fn confusable_script(c: char) -> Option<&'static str> {
    match c {
        'a'..='z' | 'A'..='Z' | '\u{c0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}' => Some("Latin"),
        '\u{370}'..='\u{3ff}' | '\u{1f00}'..='\u{1fff}' => Some("Greek"),
        '\u{400}'..='\u{52f}' | '\u{1c80}'..='\u{1c8f}' | '\u{2de0}'..='\u{2dff}' => {
            Some("Cyrillic")
        }
        '\u{a640}'..='\u{a69f}' => Some("Cyrillic"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usable_ids_pass() {
        for id in [
            "maria-keller",
            "wang_jianguo2",
            "张伟",
            "zhang-张伟",
            "müller",
            "σοφία",
            "дмитрий",
            "v1.2",
        ] {
            assert_eq!(problem(id), None, "{id}");
        }
        assert_eq!(problem(&"a".repeat(MAX_ID_BYTES)), None);
    }

    #[test]
    fn every_kind_of_unusable_id_is_named() {
        assert_eq!(problem(""), Some(Problem::Empty));
        assert_eq!(problem("-a"), Some(Problem::BadStart('-')));
        assert_eq!(problem("Maria"), Some(Problem::Capital('M')));
        assert_eq!(problem("ΣΟΦΙΑ"), Some(Problem::Capital('Σ')));
        assert_eq!(problem("ǅemal"), Some(Problem::Capital('ǅ')));
        assert_eq!(problem("ａｎｎ"), Some(Problem::Fullwidth('ａ')));
        assert_eq!(problem("a b"), Some(Problem::Character(' ')));
        assert_eq!(problem("a/b"), Some(Problem::Character('/')));
        assert_eq!(problem("nul"), Some(Problem::Reserved));
        assert_eq!(problem("com1.x"), Some(Problem::Reserved));
        assert_eq!(problem("com0"), None);
        assert_eq!(problem("console"), None);
        // A decomposed `é`: the combining accent is named by its code point.
        assert_eq!(
            problem("rene\u{301}").map(|p| p.describe()),
            Some("has `\u{301}` (U+0301), which an id cannot hold".to_owned())
        );
        // A Cyrillic `а` (U+0430) in a Latin id.
        assert_eq!(
            problem("m\u{430}ria"),
            Some(Problem::MixedScripts("Latin", "Cyrillic"))
        );
        // 84 Chinese characters are 252 bytes: a file name of 257 with `.html`.
        let long = "张".repeat(84);
        assert_eq!(problem(&long), Some(Problem::TooLong(252)));
    }

    #[test]
    fn suggestions_are_usable_ids() {
        assert_eq!(suggest("Maria Keller"), "maria-keller");
        assert_eq!(suggest("ΣΟΦΙΑ"), "σοφια");
        assert_eq!(suggest("ＡＮＮ－ＬＥＥ"), "ann-lee");
        assert_eq!(suggest("m\u{430}ria"), "mria");
        assert_eq!(suggest("!!!"), "stakeholder-id");
        assert_eq!(suggest("CON"), "con-1");
        let long = suggest(&"张".repeat(84));
        assert_eq!(long, "张".repeat(33));
        assert_eq!(problem(&long), None);
    }
}
