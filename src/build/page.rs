//! One page, the same way for every command that writes pages (`stake build`, `stake
//! brief`): a Tera content template writes Markdown, the Markdown becomes the neutral
//! document model, the model becomes a PDF and an HTML fragment, and an HTML layout
//! template wraps the fragment with the page's style sheet.

use std::path::PathBuf;

use serde_json::Value as Json;
use tera::Context;

use super::output::Destination;
use super::style::Styles;
use super::templates::Templates;
use super::{PageEmbeds, document};
use crate::document::{Document, Edition, markdown};
use crate::register::Register;
use crate::register::vocab::Date;
use crate::render::html;
use crate::render::pdf::{self, PdfOptions};

/// What every page of one command shares.
pub struct Pages<'a> {
    /// The templates.
    pub templates: &'a Templates,
    /// The style sheets, rendered on first use.
    pub styles: &'a Styles<'a>,
    /// The charts and Markdown the templates embed.
    pub embeds: PageEmbeds<'a>,
    /// The register as the pages show it.
    pub register: &'a Register,
    /// The analysis date.
    pub as_of: Date,
    /// The edition, printed on every page.
    pub edition: Edition,
    /// Paper, fonts and running header of the PDF files.
    pub pdf: PdfOptions,
}

/// One page to render.
pub struct Page<'a> {
    /// The content template.
    pub template: &'a str,
    /// The HTML layout template.
    pub layout: &'a str,
    /// The kind of page (`index`, `report`, `brief`, ...), as templates see it.
    pub kind: &'static str,
    /// The label naming the document, the PDF's subject.
    pub subject: &'a str,
    /// Output path without extension, relative to the output folder.
    pub stem: &'a str,
}

/// Which files of a page to make.
#[derive(Debug, Clone, Copy)]
pub struct Wanted {
    /// `STEM.md`, the Markdown the template wrote.
    pub md: bool,
    /// `STEM.html`.
    pub html: bool,
    /// `STEM.pdf`.
    pub pdf: bool,
}

/// A rendered page's files.
#[derive(Debug, Default)]
pub struct Rendered {
    /// Each file's path relative to the output folder, and its bytes, in the order
    /// Markdown, PDF, HTML.
    pub files: Vec<(PathBuf, Vec<u8>)>,
    /// Characters of the PDF that no font could draw.
    pub missing_chars: Vec<char>,
}

impl Rendered {
    /// Writes the files into `out`; the paths written, relative to it.
    pub fn write(self, out: &impl Destination) -> Result<Vec<PathBuf>, String> {
        let mut written = Vec::with_capacity(self.files.len());
        for (path, bytes) in self.files {
            out.put(&path, &bytes)?;
            written.push(path);
        }
        Ok(written)
    }
}

impl Pages<'_> {
    /// Renders `page` with the template variables of `context`.
    pub fn render(
        &self,
        page: &Page<'_>,
        context: Context,
        wanted: Wanted,
    ) -> Result<Rendered, String> {
        self.render_with(page, context, wanted, &self.embeds)
    }

    /// Renders `page` as [`Pages::render`] does, its directives resolved by `embeds`.
    pub fn render_with(
        &self,
        page: &Page<'_>,
        mut context: Context,
        wanted: Wanted,
        embeds: &dyn crate::document::markdown::Embeds,
    ) -> Result<Rendered, String> {
        let mut rendered = Rendered::default();
        let md = self.templates.markdown(page.template, &context)?;
        let blocks = (wanted.html || wanted.pdf)
            .then(|| markdown::convert(&md, embeds))
            .transpose()
            .map_err(|e| format!("{}: {e}", page.template))?;
        if wanted.md {
            rendered
                .files
                .push((file(page.stem, "md"), md.into_bytes()));
        }
        let Some(blocks) = blocks else {
            return Ok(rendered);
        };
        let doc = document(
            self.register,
            blocks,
            self.as_of,
            page.subject,
            self.edition,
        );
        if wanted.pdf {
            let typeset =
                pdf::render(&doc, &self.pdf).map_err(|e| format!("{}.pdf: {e}", page.stem))?;
            rendered.files.push((file(page.stem, "pdf"), typeset.bytes));
            rendered.missing_chars = typeset.missing_chars;
        }
        if wanted.html {
            let body = html::render(&doc);
            let css = self.styles.of(page.kind, &doc.blocks)?;
            context.insert("doc", &doc_meta(&doc));
            context.insert("toc", &html::toc(&doc));
            context.insert_value("content", tera::Value::safe_string(&body));
            context.insert_value("css", tera::Value::safe_string(&css));
            let page_html = self.templates.html(page.layout, &context)?;
            rendered
                .files
                .push((file(page.stem, "html"), page_html.into_bytes()));
        }
        Ok(rendered)
    }
}

fn file(stem: &str, extension: &str) -> PathBuf {
    PathBuf::from(format!("{stem}.{extension}"))
}

/// The document's metadata for the layout (the blocks are already HTML).
fn doc_meta(doc: &Document) -> Json {
    serde_json::json!({
        "title": doc.title,
        "subtitle": doc.subtitle,
        "author": doc.author,
        "subject": doc.subject,
        "date": doc.date,
        "language": doc.language,
        "edition": doc.edition.as_str(),
    })
}
