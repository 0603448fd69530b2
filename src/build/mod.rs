//! `stake build`: the register as a site of HTML pages (and the analysis as JSON).
//!
//! The pipeline of every page: a Tera content template writes Markdown, the Markdown
//! becomes the neutral document model, the model becomes an HTML fragment, and the HTML
//! layout template wraps it. Templates are parsed once and charts built once per build;
//! pages render in parallel.

pub mod context;
pub mod output;
pub mod plan;
pub mod public;
pub mod style;
pub mod templates;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde_json::Value as Json;

use crate::analysis::{Analysis, edition, feedback};
use crate::document::charts::{Charts, Derived};
use crate::document::markdown::{self, Embeds};
use crate::document::{Block, Chart, Document, Edition};
use crate::i18n;
use crate::register::Register;
use crate::register::vocab::Date;
use crate::render::html;
use crate::render::pdf::{self, PdfOptions};

use output::Output;
use style::Styles;
use templates::Templates;

/// What `stake build` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, clap::ValueEnum)]
pub enum Format {
    /// The HTML pages.
    Html,
    /// `analysis.json`, the same JSON as `stake analyze --format json`.
    Json,
    /// The Markdown each content template wrote (`*.md` beside the pages), for
    /// checking templates.
    Md,
    /// `report.pdf` and `communication-plan.pdf`, typeset from the same documents as
    /// the HTML pages.
    Pdf,
    /// `communication-plan.ics`: the touches due over the horizon, for a calendar.
    Ics,
    /// `communication-plan.csv`: one row per planned touch, for a spreadsheet.
    Csv,
}

/// A build's settings.
#[derive(Debug, Clone)]
pub struct Options {
    /// The output folder.
    pub out: PathBuf,
    /// Leave out everything confidential.
    pub public: bool,
    /// The analysis date.
    pub as_of: Date,
    /// What to write.
    pub formats: BTreeSet<Format>,
    /// A folder of templates shadowing the built-ins.
    pub templates: Option<PathBuf>,
    /// Paper and fonts of the PDF files.
    pub pdf: PdfOptions,
    /// How many weeks the communication calendar covers.
    pub horizon_weeks: u16,
}

/// What a build did.
#[derive(Debug, Default)]
pub struct Summary {
    /// Files written (the marker not counted).
    pub written: usize,
    /// Records left out of a public build.
    pub left_out: usize,
    /// Ids whose power or interest is confidential, left out of a public build.
    pub grid_confidential: Vec<String>,
    /// Characters of the PDF files that no font could draw.
    pub missing_chars: BTreeSet<char>,
    /// Occurrences of the communication plan past its limit, left out.
    pub calendar_left_out: usize,
}

/// One page to render.
struct Page {
    /// The content template.
    template: &'static str,
    /// The kind of page (`index`, `report`, ...), as templates see it.
    kind: &'static str,
    /// The label naming the document, the PDF's subject.
    subject: &'static str,
    /// Output path without extension, relative to the output folder.
    stem: String,
    /// `""` at the top, `"../"` one folder down.
    root: &'static str,
    /// For a profile: the stakeholder's index.
    stakeholder: Option<usize>,
    /// Also typeset as PDF (the reports, not the dashboard or the profiles).
    pdf: bool,
}

/// Builds the site of `register` (already checked) into `options.out`.
pub fn build(mut register: Register, options: &Options) -> Result<Summary, String> {
    let mut summary = Summary::default();
    // The analysis is always of the full register; a public edition is a view of it.
    let analysis = crate::analysis::analyze(&register, options.as_of);
    let feedback = feedback::feedback(&register, &analysis);
    let (analysis, feedback) = if options.public {
        let view = edition::public(&register, &analysis);
        let feedback = edition::public_feedback(&register, &feedback);
        let redaction = public::redact(&mut register);
        summary.left_out = redaction.records;
        summary.grid_confidential = redaction.grid_confidential;
        (view, feedback)
    } else {
        (analysis, feedback)
    };
    let derived = derived(&analysis);
    let wanted = |format| options.formats.contains(&format);
    let plan = plan::Plan::new(
        &analysis,
        feedback,
        options.horizon_weeks,
        &register.project.calendar,
    );
    summary.calendar_left_out = plan.left_out;
    let ics = wanted(Format::Ics).then(|| plan.ics(&analysis));
    let csv = wanted(Format::Csv)
        .then(|| plan.csv(&analysis))
        .transpose()?;
    let charts = Charts::build(&register, &derived, options.as_of);
    let templates = Templates::for_register(options.templates.as_deref(), &register)?;
    // The plan's view is as large as the rest of the context: both are built at once.
    let (mut base, plan_view) = rayon::join(
        || context::base(&register, &analysis, options.as_of, options.public),
        || tera::Value::from_serializable(&plan.view(&analysis)),
    );
    base.insert_value("plan", plan_view);
    base.insert("shown", &charts.shown);
    let styles = Styles::new(&templates, &base);

    let output = Output::claim(&options.out, &register.root)?;
    let mut pages = vec![
        Page {
            template: "index.md.tera",
            kind: "index",
            subject: "dashboard",
            stem: "index".into(),
            root: "",
            stakeholder: None,
            pdf: false,
        },
        Page {
            template: "report.md.tera",
            kind: "report",
            subject: "report",
            stem: "report".into(),
            root: "",
            stakeholder: None,
            pdf: true,
        },
        Page {
            template: "communication-plan.md.tera",
            kind: "communication-plan",
            subject: "communication_plan",
            stem: "communication-plan".into(),
            root: "",
            stakeholder: None,
            pdf: true,
        },
    ];
    pages.extend(register.stakeholders.iter().enumerate().map(|(i, s)| Page {
        template: "stakeholder.md.tera",
        kind: "stakeholder",
        subject: "profile",
        stem: format!("stakeholders/{}", s.id),
        root: "../",
        stakeholder: Some(i),
        pdf: false,
    }));
    let embeds = PageEmbeds {
        register: &register,
        charts: &charts,
    };
    let (html_wanted, md_wanted, pdf_wanted) = (
        wanted(Format::Html),
        wanted(Format::Md),
        wanted(Format::Pdf),
    );
    let pdf_options = pdf_options(&register, &options.pdf);
    let written: Vec<(Vec<PathBuf>, Vec<char>)> = pages
        .par_iter()
        .map(|page| {
            let mut files = Vec::new();
            let mut missing = Vec::new();
            let mut context = base.clone();
            context.insert("root", page.root);
            context.insert("page", page.stem.as_str());
            context.insert("kind", page.kind);
            if let Some(i) = page.stakeholder {
                context.insert_value("s", context::stakeholder_at(&base, i));
            }
            let md = templates.markdown(page.template, &context)?;
            if md_wanted {
                let path = PathBuf::from(format!("{}.md", page.stem));
                write(&output, &path, md.as_bytes())?;
                files.push(path);
            }
            let typeset = pdf_wanted && page.pdf;
            if !html_wanted && !typeset {
                return Ok((files, missing));
            }
            let blocks =
                markdown::convert(&md, &embeds).map_err(|e| format!("{}: {e}", page.template))?;
            let doc = document(
                &register,
                blocks,
                options.as_of,
                page.subject,
                analysis.edition,
            );
            if typeset {
                let rendered = pdf::render(&doc, &pdf_options)
                    .map_err(|e| format!("{}.pdf: {e}", page.stem))?;
                let path = PathBuf::from(format!("{}.pdf", page.stem));
                write(&output, &path, &rendered.bytes)?;
                files.push(path);
                missing = rendered.missing_chars;
            }
            if html_wanted {
                let body = html::render(&doc);
                let mut layout = context;
                layout.insert("doc", &doc_meta(&doc));
                layout.insert("toc", &html::toc(&doc));
                layout.insert_value("content", tera::Value::safe_string(&body));
                let css = styles.of(page.kind, &doc.blocks)?;
                layout.insert_value("css", tera::Value::safe_string(&css));
                let page_html = templates.html("layout.html.tera", &layout)?;
                let path = PathBuf::from(format!("{}.html", page.stem));
                write(&output, &path, page_html.as_bytes())?;
                files.push(path);
            }
            Ok((files, missing))
        })
        .collect::<Result<_, String>>()?;
    let mut all = BTreeSet::new();
    for (files, missing) in written {
        all.extend(files);
        summary.missing_chars.extend(missing);
    }
    let mut written = all;
    if wanted(Format::Json) {
        // Written as `stake analyze --format json` writes it: fields in declaration order.
        let mut text = serde_json::to_string_pretty(&analysis).map_err(|e| e.to_string())?;
        text.push('\n');
        let path = PathBuf::from("analysis.json");
        write(&output, &path, text.as_bytes())?;
        written.insert(path);
    }
    for (name, bytes) in [
        ("communication-plan.ics", ics.as_ref().map(String::as_bytes)),
        ("communication-plan.csv", csv.as_deref()),
    ] {
        if let Some(bytes) = bytes {
            let path = PathBuf::from(name);
            write(&output, &path, bytes)?;
            written.insert(path);
        }
    }
    summary.written = written.len();
    output.finish()?;
    Ok(summary)
}

fn write(output: &Output, path: &Path, bytes: &[u8]) -> Result<(), String> {
    output
        .write(path, bytes)
        .map_err(|e| format!("cannot write {}: {e}", output.root().join(path).display()))
}

/// The PDF options of a register's documents: the project's name heads every page.
pub(crate) fn pdf_options(register: &Register, options: &PdfOptions) -> PdfOptions {
    PdfOptions {
        running_header: Some(register.project.name.clone()),
        ..options.clone()
    }
}

/// The document of a page: its first level-1 heading is the title; `subject` is the label
/// naming what the document is (the PDF's subject: a mailed plan is not the report);
/// `edition` is printed on every page.
pub(crate) fn document(
    register: &Register,
    mut blocks: Vec<Block>,
    as_of: Date,
    subject: &str,
    edition: Edition,
) -> Document {
    let project = &register.project;
    let title = match blocks.first() {
        Some(Block::Heading { level: 1, runs, .. }) => {
            let title = runs.iter().map(|r| r.text.as_str()).collect();
            blocks.remove(0);
            title
        }
        _ => project.name.clone(),
    };
    let language = project.language;
    let subtitle = match &project.code {
        Some(code) => format!("{} · {code}", project.name),
        None => project.name.clone(),
    };
    Document {
        title,
        subtitle: Some(subtitle),
        author: project.manager.clone(),
        subject: Some(i18n::label(language, subject).to_owned()),
        date: as_of.to_string(),
        language: language.tag().to_owned(),
        edition,
        blocks,
    }
}

/// The document's metadata for the layout (the blocks are already HTML).
pub(crate) fn doc_meta(doc: &Document) -> Json {
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

/// Resolves the directive fences of content templates for one build.
pub(crate) struct PageEmbeds<'a> {
    pub(crate) register: &'a Register,
    pub(crate) charts: &'a Charts,
}

impl Embeds for PageEmbeds<'_> {
    fn chart(&self, spec: &str) -> Result<Block, String> {
        let chart = match spec.split_once(' ') {
            Some(("sentiment", id)) => self.charts.sentiment_of(id.trim()),
            Some(_) => None,
            None => match spec {
                "grid" => Some(self.charts.grid.clone()),
                "engagement" => Some(self.charts.engagement.clone()),
                "network" => Some(self.charts.network.clone()),
                "sentiment" => Some(Chart::Sentiment(self.charts.sentiment.clone())),
                _ => None,
            },
        };
        // A profile without enough rated interactions has no sentiment panel: nothing
        // to draw is not an error.
        Ok(chart.map_or(Block::Paragraph(Vec::new()), Block::Chart))
    }

    fn markdown(&self, spec: &str) -> Result<&str, String> {
        match spec.split_once(' ') {
            Some(("notes", id)) => self
                .register
                .get(id.trim())
                .map(|s| s.notes.as_str())
                .ok_or_else(|| format!("`notes(id=\"{id}\")`: no stakeholder has that id")),
            None if spec == "introduction" => Ok(self.register.project.introduction.as_str()),
            _ => Err(format!("nothing to embed as `{spec}`")),
        }
    }
}

/// Key and centrality per stakeholder, for the charts; `None` where the edition
/// withholds them.
pub(crate) fn derived(analysis: &Analysis) -> Vec<Derived> {
    analysis
        .stakeholders
        .iter()
        .map(|a| {
            let stated = |fact: &str| !a.withheld.contains(&fact);
            Derived {
                key: stated("key").then_some(a.key),
                centrality: stated("centrality").then_some(a.centrality),
                attention: a.attention,
            }
        })
        .collect()
}
