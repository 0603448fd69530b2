//! The Tera templates of `stake build`: built in, shadowed by a user's folder.
//!
//! Built-ins are embedded in the binary and registered as `builtin/<name>`; a user's
//! `<name>` shadows one (Tera's fallback prefix finds the built-in when the user has
//! none), and a user template can `{% extends "builtin/report.md.tera" %}` to change one
//! block only. Markdown templates (`*.md.tera`) escape every value for Markdown; the HTML
//! layout escapes for HTML. Templates are parsed once per build.

pub mod budget;
pub mod trust;

use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use tera::{Context, Function, Kwargs, State, Tera, Value};

use crate::document::ChartName;
use crate::i18n;
use crate::register::Register;
use crate::register::vocab::{Date, Frequency, Language, Vocabulary};

/// Prefix under which the built-in templates are registered.
pub const BUILTIN_PREFIX: &str = "builtin/";

/// The built-in templates: (name, text).
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "layout.html.tera",
        include_str!("../../templates/layout.html.tera"),
    ),
    (
        "style.css.tera",
        include_str!("../../templates/style.css.tera"),
    ),
    (
        "index.md.tera",
        include_str!("../../templates/index.md.tera"),
    ),
    (
        "report.md.tera",
        include_str!("../../templates/report.md.tera"),
    ),
    (
        "communication-plan.md.tera",
        include_str!("../../templates/communication-plan.md.tera"),
    ),
    (
        "stakeholder.md.tera",
        include_str!("../../templates/stakeholder.md.tera"),
    ),
    (
        "finding.md.tera",
        include_str!("../../templates/finding.md.tera"),
    ),
    (
        "changes.md.tera",
        include_str!("../../templates/changes.md.tera"),
    ),
    (
        "plan-flag.md.tera",
        include_str!("../../templates/plan-flag.md.tera"),
    ),
    (
        "brief.md.tera",
        include_str!("../../templates/brief.md.tera"),
    ),
    (
        "brief-point.md.tera",
        include_str!("../../templates/brief-point.md.tera"),
    ),
    (
        "brief.html.tera",
        include_str!("../../templates/brief.html.tera"),
    ),
];

/// The parsed templates of one build.
pub struct Templates {
    markdown: Tera,
    html: Tera,
    /// Where each user template was read from, to name it in errors.
    files: Vec<(String, PathBuf)>,
    /// Every template's text by name (the built-ins under [`BUILTIN_PREFIX`]), for what a
    /// page's templates name ([`Templates::names_used`]).
    sources: std::collections::HashMap<String, String>,
}

impl Templates {
    /// The templates of a register: the built-ins shadowed by `explicit` when given, else
    /// by the register's own `templates/` folder when it has one (the loader never reads
    /// it as stakeholders). The register's own templates follow the walker's link policy:
    /// a folder or file linked from outside the register is refused, as a linked
    /// stakeholder file is. `--templates` names a folder on purpose and may be anywhere.
    pub fn for_register(explicit: Option<&Path>, register: &Register) -> Result<Templates, String> {
        let own = register.root.join("templates");
        if let Some(dir) = explicit {
            return Templates::load_within(Some(dir), None, register.project.language);
        }
        let user = own.is_dir().then_some(own.as_path());
        Templates::load_within(user, Some(&register.root), register.project.language)
    }

    /// Parses the built-ins and the `*.tera` files of `user` (when given), with the
    /// filters for `language`.
    pub fn load(user: Option<&Path>, language: Language) -> Result<Templates, String> {
        Templates::load_within(user, None, language)
    }

    /// [`Templates::load`], refusing a template that is, or is reached through, a link
    /// leading outside `bound` when one is given.
    fn load_within(
        user: Option<&Path>,
        bound: Option<&Path>,
        language: Language,
    ) -> Result<Templates, String> {
        let mut files = Vec::new();
        let mut markdown_sources: Vec<(String, String)> = Vec::new();
        let mut html_sources: Vec<(String, String)> = Vec::new();
        for (name, text) in BUILTIN {
            let entry = (format!("{BUILTIN_PREFIX}{name}"), (*text).to_owned());
            if is_markdown(name) {
                markdown_sources.push(entry);
            } else {
                html_sources.push(entry);
            }
        }
        if let Some(dir) = user {
            for (name, path) in user_templates(dir, bound)? {
                let text = fs::read_to_string(&path)
                    .map_err(|e| format!("cannot read template {}: {e}", path.display()))?;
                if is_markdown(&name) {
                    markdown_sources.push((name.clone(), text));
                } else {
                    html_sources.push((name.clone(), text));
                }
                files.push((name, path));
            }
        }
        let sources = markdown_sources
            .iter()
            .chain(&html_sources)
            .cloned()
            .collect();
        let mut templates = Templates {
            markdown: environment(language),
            html: environment(language),
            files,
            sources,
        };
        templates.markdown.autoescape_on([".md.tera"]);
        templates.markdown.set_escape_fn(escape_markdown);
        templates
            .markdown
            .register_function("chart", Directive::Chart);
        templates
            .markdown
            .register_function("notes", Directive::Notes);
        templates
            .markdown
            .register_function("introduction", Directive::Introduction);
        templates.html.autoescape_on([".html.tera"]);
        templates.html.set_escape_fn(escape_html);
        for (tera, sources) in [
            (&mut templates.markdown, markdown_sources),
            (&mut templates.html, html_sources),
        ] {
            if let Err(error) = tera.add_raw_templates(sources) {
                return Err(describe(&error, &templates.files));
            }
        }
        Ok(templates)
    }

    /// The digest of every template's name and text.
    pub fn digest(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut named: Vec<_> = self.sources.iter().collect();
        named.sort_unstable();
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        named.hash(&mut hasher);
        hasher.finish()
    }

    /// The names a template, and every template it includes, imports or extends, may
    /// read as variables: a superset (every identifier outside a string, not after a
    /// `.`). `None` when that cannot be told from the text: a template named by an
    /// expression, a component, the whole context (`__tera_context`), or a function
    /// whose result changes between renders.
    pub fn names_used(&self, name: &str) -> Option<BTreeSet<String>> {
        let mut names = BTreeSet::new();
        let mut seen = BTreeSet::new();
        let mut todo = vec![name.to_owned()];
        while let Some(name) = todo.pop() {
            // As Tera looks a name up: the user's template, else the built-in.
            let text = self
                .sources
                .get(&name)
                .or_else(|| self.sources.get(&format!("{BUILTIN_PREFIX}{name}")))?;
            if !seen.insert(name) {
                continue;
            }
            todo.extend(names::scan(text, &mut names)?);
        }
        const OPAQUE: [&str; 5] = [
            "__tera_context",
            "component",
            "now",
            "get_random",
            "get_env",
        ];
        if OPAQUE.iter().any(|n| names.contains(*n)) {
            return None;
        }
        Some(names)
    }

    /// Renders a Markdown content template, within the [`budget`].
    pub fn markdown(&self, name: &str, context: &Context) -> Result<String, String> {
        self.render(&self.markdown, name, context)
    }

    /// Renders an HTML (or CSS) template, within the [`budget`] and the [`trust`] model:
    /// a page keeps its script-forbidding policy, a style sheet cannot end `<style>`.
    pub fn html(&self, name: &str, context: &Context) -> Result<String, String> {
        let output = self.render(&self.html, name, context)?;
        trust::check(name, &self.shown(name), &output)?;
        Ok(output)
    }

    /// A template as messages name it: the user's file, or the built-in's name.
    fn shown(&self, name: &str) -> String {
        match self.files.iter().find(|(n, _)| n == name) {
            Some((_, path)) => format!("`{}`", path.display()),
            None => format!("`{name}`"),
        }
    }

    fn render(&self, tera: &Tera, name: &str, context: &Context) -> Result<String, String> {
        let shown = self.shown(name);
        let mut out = budget::Budgeted::default();
        let result = budget::watched(&shown, || tera.render_to(name, context, &mut out));
        match (result, out.exceeded) {
            (_, Some(exceeded)) => Err(exceeded.describe(&shown)),
            (Err(error), None) => Err(describe(&error, &self.files)),
            (Ok(()), None) => String::from_utf8(out.bytes)
                .map_err(|_| format!("template {shown} wrote text that is not UTF-8")),
        }
    }
}

/// Reading the names a template's text uses.
mod names {
    use std::collections::BTreeSet;

    /// Adds to `names` the identifiers of `text`'s tags (`{{ }}` and `{% %}`) that are
    /// not after a `.` nor inside a string, and returns the templates it includes,
    /// imports or extends; `None` when one is named by anything but a string.
    pub(super) fn scan(text: &str, names: &mut BTreeSet<String>) -> Option<Vec<String>> {
        let mut included = Vec::new();
        let mut rest = text;
        while let Some(at) = rest.find('{') {
            let after = &rest[at + 1..];
            let close = match after.chars().next() {
                Some('{') => "}}",
                Some('%') => "%}",
                Some('#') => {
                    rest = after.find("#}").map_or("", |end| &after[end + 2..]);
                    continue;
                }
                _ => {
                    rest = after;
                    continue;
                }
            };
            let statement = close == "%}";
            let (tag, next) = tag_body(&after[1..], close);
            rest = next;
            let tokens = tokens(tag);
            if statement {
                let first = tokens.iter().position(|t| matches!(t, Token::Name(_)));
                if let Some(Token::Name(keyword)) = first.map(|i| &tokens[i])
                    && ["include", "import", "extends", "from"].contains(&keyword.as_str())
                {
                    match tokens.get(first.unwrap_or(0) + 1) {
                        Some(Token::Text(name)) => included.push(name.clone()),
                        _ => return None,
                    }
                }
            }
            // A block's name is not a variable (`{% block plan %}` reads no `plan`).
            let mut after_block = false;
            for token in tokens {
                if let Token::Name(name) = token
                    && !after_block
                {
                    after_block = statement && (name == "block" || name == "endblock");
                    names.insert(name);
                    continue;
                }
                after_block = false;
            }
        }
        Some(included)
    }

    #[derive(Debug, PartialEq)]
    enum Token {
        /// An identifier not after a `.`.
        Name(String),
        /// A string literal's text.
        Text(String),
        /// Anything else.
        Other,
    }

    /// The text of a tag up to `close` (outside strings), and what follows it.
    fn tag_body<'t>(text: &'t str, close: &str) -> (&'t str, &'t str) {
        let mut quote = None;
        for (i, c) in text.char_indices() {
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None if matches!(c, '"' | '\'' | '`') => quote = Some(c),
                None if text[i..].starts_with(close) => return (&text[..i], &text[i + 2..]),
                None => {}
            }
        }
        (text, "")
    }

    fn tokens(tag: &str) -> Vec<Token> {
        let mut out = Vec::new();
        let mut chars = tag.char_indices().peekable();
        let mut after_dot = false;
        while let Some((i, c)) = chars.next() {
            if matches!(c, '"' | '\'' | '`') {
                let mut text = String::new();
                for (_, d) in chars.by_ref() {
                    if d == c {
                        break;
                    }
                    text.push(d);
                }
                out.push(Token::Text(text));
                after_dot = false;
            } else if c.is_alphabetic() || c == '_' {
                let mut end = i + c.len_utf8();
                while let Some(&(j, d)) = chars.peek() {
                    if d.is_alphanumeric() || d == '_' {
                        end = j + d.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                }
                if !after_dot {
                    out.push(Token::Name(tag[i..end].to_owned()));
                }
                after_dot = false;
            } else if c == '.' {
                after_dot = true;
                out.push(Token::Other);
            } else if !c.is_whitespace() {
                after_dot = false;
                out.push(Token::Other);
            }
        }
        out
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        fn scanned(text: &str) -> (Vec<String>, Option<Vec<String>>) {
            let mut names = BTreeSet::new();
            let included = scan(text, &mut names);
            (names.into_iter().collect(), included)
        }

        #[test]
        fn names_after_a_dot_or_in_strings_are_not_variables() {
            let (names, included) = scanned(
                "# {{ s.name }} {% block plan %}{% for e in s.plan %}{{ t[\"plan\"] }}{% endfor %}\
                 {% endblock plan %}{# analysis #} plan",
            );
            assert_eq!(
                names,
                ["block", "e", "endblock", "endfor", "for", "in", "s", "t"]
            );
            assert_eq!(included, Some(vec![]));
        }

        #[test]
        fn includes_are_followed_and_an_expression_makes_it_unknown() {
            let (_, included) =
                scanned("{% include \"finding.md.tera\" %}{% import 'm.tera' as m %}");
            assert_eq!(
                included,
                Some(vec!["finding.md.tera".into(), "m.tera".into()])
            );
            assert_eq!(scanned("{% include name %}").1, None);
        }
    }
}

fn is_markdown(name: &str) -> bool {
    name.ends_with(".md.tera")
}

/// A Tera instance with the filters every template may use.
fn environment(language: Language) -> Tera {
    let mut tera = Tera::new();
    tera.set_fallback_prefixes([BUILTIN_PREFIX])
        .expect("set before any template is added");
    tera.register_filter(
        "date",
        move |value: &Value, _: Kwargs, _: &State| -> tera::TeraResult<String> {
            match value.as_str() {
                None if value.is_none() => Ok(String::new()),
                Some(text) => match Date::parse(text) {
                    Some(date) => Ok(i18n::date(language, date)),
                    None => Ok(text.to_owned()),
                },
                None => Err(tera::Error::message(format!(
                    "the `date` filter takes a date `YYYY-MM-DD`, not a {}",
                    value.name()
                ))),
            }
        },
    );
    // Keeps a short value (a date, a name) on one line in a narrow table column, in
    // HTML and PDF alike: its spaces become no-break spaces.
    tera.register_filter("nowrap", |value: &str, _: Kwargs, _: &State| -> String {
        value.replace(' ', "\u{a0}")
    });
    // The anchor the page gives a heading of this text, for links within a build.
    tera.register_filter("anchor", |value: &str, _: Kwargs, _: &State| -> String {
        crate::document::markdown::slug(value)
    });
    tera.register_filter(
        "day_month",
        move |value: &str, kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
            let weekday = kwargs.get::<bool>("weekday")?.unwrap_or(false);
            Ok(match Date::parse(value) {
                Some(d) if weekday => i18n::weekday_day_month(language, d),
                Some(d) => i18n::day_month(language, d),
                None => value.to_owned(),
            })
        },
    );
    tera.register_filter(
        "level",
        move |value: &Value, _: Kwargs, _: &State| -> tera::TeraResult<String> {
            if value.is_none() {
                return Ok(String::new());
            }
            match value.as_i64() {
                Some(n @ 1..=5) => Ok(i18n::level(language, n as u8).to_owned()),
                _ => Err(tera::Error::message(format!(
                    "the `level` filter takes a level 1–5, not `{value}`"
                ))),
            }
        },
    );
    tera.register_filter(
        "frequency",
        move |value: &str, _: Kwargs, _: &State| -> String {
            Frequency::parse(value)
                .map_or_else(|| value.to_owned(), |f| i18n::frequency(language, f))
        },
    );
    tera
}

/// The template functions that leave a directive fence for the Markdown converter.
#[derive(Clone, Copy)]
enum Directive {
    Chart,
    Notes,
    Introduction,
}

impl Function<tera::TeraResult<String>> for Directive {
    fn call(&self, kwargs: Kwargs, _: &State) -> tera::TeraResult<String> {
        match self {
            Directive::Chart => {
                let name: String = kwargs.must_get("name")?;
                let Some(chart) = ChartName::of(&name) else {
                    let names: Vec<&str> = ChartName::ALL.iter().map(|c| c.as_str()).collect();
                    return Err(tera::Error::message(format!(
                        "there is no chart `{name}`; the charts are {}",
                        names.join(", ")
                    )));
                };
                match kwargs.get::<String>("stakeholder")? {
                    Some(id) if chart == ChartName::Sentiment => {
                        Ok(format!("```chart\n{name} {}\n```", one_line(&id)))
                    }
                    Some(_) => Err(tera::Error::message(
                        "only the `sentiment` chart can be drawn for one stakeholder",
                    )),
                    None => Ok(format!("```chart\n{name}\n```")),
                }
            }
            Directive::Notes => {
                let id: String = kwargs.must_get("id")?;
                Ok(format!("```embed\nnotes {}\n```", one_line(&id)))
            }
            Directive::Introduction => Ok("```embed\nintroduction\n```".to_owned()),
        }
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// Tera's HTML escaping, after replacing what HTML forbids in a document (NUL and other
/// control characters, noncharacters) by U+FFFD: a YAML value `"\0"` is valid, a page
/// holding it is not.
fn escape_html(input: &str, out: &mut dyn Write) -> std::io::Result<()> {
    tera::escape_html(&crate::render::html::replace_forbidden(input), out)
}

fn one_line(text: &str) -> String {
    text.replace(['\n', '\r', '`'], " ")
}

/// Escapes a value for Markdown: every character that could start markup is escaped,
/// line breaks become spaces, and a value cannot start a block (heading, list, quote).
pub fn escape_markdown(input: &str, out: &mut dyn Write) -> std::io::Result<()> {
    // Most values (names, dates, levels) have nothing to escape.
    if is_plain_markdown(input) {
        return out.write_all(input.as_bytes());
    }
    let mut text = String::with_capacity(input.len() + 8);
    // A value may stand at the start of a line: `1. x`, `# x`, `- x`, `> x` would become
    // blocks. Escaping its first visible character stops that. Trailing blanks stay
    // (a label like ": " keeps its space).
    let first = input.len() - input.trim_start().len();
    let rest = &input[first..];
    let leading_number = rest
        .find(|c: char| !c.is_ascii_digit())
        .filter(|&i| i > 0 && matches!(rest.as_bytes()[i], b'.' | b')'))
        .map(|i| first + i);
    // Leading blanks are dropped: four of them after a list marker would start code.
    for (i, c) in input.char_indices().skip_while(|&(i, _)| i < first) {
        match c {
            c if c.is_ascii() && is_markup(c as u8) => {
                text.push('\\');
                text.push(c);
            }
            '-' | '+' | '=' if i == first => {
                text.push('\\');
                text.push(c);
            }
            '.' | ')' if Some(i) == leading_number => {
                text.push('\\');
                text.push(c);
            }
            '\n' | '\r' | '\t' => text.push(' '),
            c => text.push(c),
        }
    }
    out.write_all(text.as_bytes())
}

/// Whether `escape_markdown` would write `input` unchanged: no markup character, no line
/// break, and nothing at the start that could begin a block.
fn is_plain_markdown(input: &str) -> bool {
    let bytes = input.as_bytes();
    let starts_block = match bytes.first() {
        None => false,
        Some(b'-' | b'+' | b'=') => true,
        Some(c) if c.is_ascii_digit() => matches!(
            bytes.iter().find(|c| !c.is_ascii_digit()),
            Some(b'.' | b')')
        ),
        // Leading blanks are dropped.
        Some(_) => input.trim_start().len() != input.len(),
    };
    !starts_block
        && !bytes
            .iter()
            .any(|&b| is_markup(b) || matches!(b, b'\n' | b'\r' | b'\t'))
}

/// Characters that can start Markdown markup anywhere in a value: escaped always.
fn is_markup(b: u8) -> bool {
    matches!(
        b,
        b'\\'
            | b'`'
            | b'*'
            | b'_'
            | b'['
            | b']'
            | b'<'
            | b'>'
            | b'|'
            | b'~'
            | b'&'
            | b'!'
            | b'#'
            | b'$'
            | b'{'
            | b'}'
    )
}

/// A Tera error as text, with user templates named by their file.
fn describe(error: &tera::Error, files: &[(String, PathBuf)]) -> String {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        message.push_str(&format!("\ncaused by: {cause}"));
        source = cause.source();
    }
    for (name, path) in files {
        message = message.replace(&format!("--> {name}:"), &format!("--> {}:", path.display()));
    }
    message = message.replace(&format!("--> {BUILTIN_PREFIX}"), "--> (built-in template) ");
    message
}

/// The `*.tera` files below `dir`, by template name (path relative to `dir`, with `/`).
/// Links are followed; with a `bound`, one that leads outside it is an error.
fn user_templates(dir: &Path, bound: Option<&Path>) -> Result<Vec<(String, PathBuf)>, String> {
    if !dir.is_dir() {
        return Err(format!(
            "template folder `{}` does not exist; `stake init --templates {}` writes the built-in templates there",
            dir.display(),
            dir.parent().unwrap_or(dir).display()
        ));
    }
    let bound = bound.map(|b| b.canonicalize().unwrap_or_else(|_| b.to_path_buf()));
    let mut found = Vec::new();
    let walk = walkdir::WalkDir::new(dir).follow_links(true);
    for entry in walk.sort_by_file_name() {
        let entry = entry.map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        let path = entry.path();
        if let Some(bound) = &bound
            && (entry.path_is_symlink() || entry.depth() == 0)
        {
            let target = path
                .canonicalize()
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            if !target.starts_with(bound) {
                return Err(format!(
                    "the register's template {} `{}` is a symbolic link to `{}`, outside the register; \
                     stake does not use templates from outside the register\n\
                     help: copy the templates into the register, or name them on purpose with `--templates {}`",
                    if entry.file_type().is_dir() {
                        "folder"
                    } else {
                        "file"
                    },
                    path.display(),
                    target.display(),
                    target.display(),
                ));
            }
        }
        if !entry.file_type().is_file() || !path.to_string_lossy().ends_with(".tera") {
            continue;
        }
        let relative = path.strip_prefix(dir).unwrap_or(path);
        let name = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        found.push((name, path.to_path_buf()));
    }
    Ok(found)
}

#[cfg(test)]
fn escaped(text: &str) -> String {
    let mut out = Vec::new();
    escape_markdown(text, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::markdown::convert_plain;
    use crate::document::{Block, Run};

    fn plain(blocks: &[Block]) -> String {
        match blocks {
            [Block::Paragraph(runs)] => runs.iter().map(|r: &Run| r.text.as_str()).collect(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn escaped_values_read_back_as_the_same_text() {
        for hostile in [
            "**bold** _it_ `code`",
            "[x](javascript:alert(1))",
            "<script>alert(1)</script>",
            "# heading",
            "- item",
            "1. first",
            "> quote",
            "a | b",
            "&amp; &copy;",
            "![img](x)",
            "~~strike~~",
            "\\ backslash",
        ] {
            let md = escaped(hostile);
            let blocks = convert_plain(&format!("- {md}"));
            let Block::List { items, .. } = &blocks[0] else {
                panic!("{hostile}: {blocks:?}")
            };
            assert_eq!(plain(&items[0]), hostile, "{md}");
        }
        assert_eq!(escaped("line\nbreak"), "line break");
    }

    #[test]
    fn plain_values_are_written_as_they_are() {
        for plain in ["Helen Brandt", "14 Oct 2026", "2026", "王伟", "a-b (c)", ""] {
            assert!(is_plain_markdown(plain), "{plain}");
            assert_eq!(escaped(plain), plain);
        }
        for marked in [
            "1. first",
            "12) x",
            "- x",
            " x",
            "\u{3000}x",
            "a_b",
            "a\tb",
            "#1",
        ] {
            assert!(!is_plain_markdown(marked), "{marked}");
        }
    }

    #[test]
    fn user_templates_shadow_and_extend_built_ins() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(
            dir.path().join("index.md.tera"),
            "{% extends \"builtin/index.md.tera\" %}{% block title %}# Custom{% endblock title %}",
        )
        .unwrap();
        let templates = Templates::load(Some(dir.path()), Language::En).unwrap();
        let names: Vec<&str> = templates.markdown.get_template_names().collect();
        assert!(names.contains(&"index.md.tera"));
        assert!(names.contains(&"builtin/index.md.tera"));
    }

    #[test]
    fn errors_name_the_user_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("report.md.tera"), "# Report\n\n{{ oops(\n").unwrap();
        let error = Templates::load(Some(dir.path()), Language::En)
            .err()
            .expect("a syntax error");
        let file = dir.path().join("report.md.tera");
        assert!(error.contains(&format!("{}:3:", file.display())), "{error}");
    }
}
