//! `stake build`: the register as a site of HTML pages (and the analysis as JSON).
//!
//! The pipeline of every page: a Tera content template writes Markdown, the Markdown
//! becomes the neutral document model, the model becomes an HTML fragment, and the HTML
//! layout template wraps it. Templates are parsed once and charts built once per build;
//! pages render in parallel.

pub mod cache;
pub mod context;
pub mod output;
pub mod page;
pub mod plan;
pub mod public;
pub mod reuse;
pub mod style;
pub mod templates;

use std::collections::BTreeSet;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::analysis::Analysed;
use crate::document::charts::Charts;
use crate::document::markdown::Embeds;
use crate::document::{Block, Chart, ChartName, Document, Edition};
use crate::i18n;
use crate::register::Register;
use crate::register::vocab::Date;
use crate::render::pdf::PdfOptions;

use output::{Destination, Output};
use page::{Page, Pages, Wanted};
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
    /// Only this owner's touches in `communication-plan.ics` and `.csv`, for their own
    /// calendar.
    pub owner: Option<String>,
    /// What changed since an earlier revision (`--since REV`), as the templates'
    /// `changes` ([`crate::history::view`]); the internal edition only.
    pub changes: Option<serde_json::Value>,
    /// Each stakeholder's assessments over the register's git history, by id (with
    /// `--since`): a profile's `assessments`; the internal edition only.
    pub assessments: Option<serde_json::Map<String, serde_json::Value>>,
    /// The engagement index at each commit that changed the register, oldest first
    /// (with `--since`): the "What changed" section's chart, which ends with now.
    pub index_history: Option<Vec<HistoryPoint>>,
}

/// A commit of the register's history for the engagement-index chart: its date, the
/// index then and its tags.
pub type HistoryPoint = (Date, Option<u8>, Vec<String>);

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

/// The content template, kind and PDF subject of the site's pages besides the profiles,
/// which are also typeset as PDF.
const REPORTS: [(&str, &str, &str, bool); 3] = [
    ("index.md.tera", "index", "dashboard", false),
    ("report.md.tera", "report", "report", true),
    (
        "communication-plan.md.tera",
        "communication-plan",
        "communication_plan",
        true,
    ),
];

/// The "What changed" section's charts: the engagement index over the history, ending
/// with the index of the register built, and the grid of those who moved.
fn history_charts(
    charts: &mut Charts,
    view: &Analysed<'_>,
    changes: &serde_json::Value,
    options: &Options,
) {
    let language = view.register.project.language;
    if let Some(history) = &options.index_history {
        let mut points: Vec<crate::document::IndexPoint> = history
            .iter()
            .map(|(date, index, tags)| crate::document::IndexPoint {
                date: *date,
                index: *index,
                label: (!tags.is_empty()).then(|| tags.join(", ")),
            })
            .collect();
        points.push(crate::document::IndexPoint {
            date: options.as_of,
            index: view.analysis.summary.engagement_index,
            label: Some(i18n::label(language, "index_now").to_owned()),
        });
        charts.index = crate::document::charts::index(language, points);
    }
    let level = |v: &serde_json::Value| v.as_u64().and_then(|n| u8::try_from(n).ok());
    let moves: Vec<crate::document::GridMove> = changes["cells"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|cell| {
            let id = cell["id"].as_str()?;
            let (s, _) = view.get(id)?;
            let (power, interest) = (s.power.value(), s.interest.value());
            Some(crate::document::GridMove {
                id: id.to_owned(),
                power: level(&cell["power"]).unwrap_or(power),
                interest: level(&cell["interest"]).unwrap_or(interest),
            })
        })
        .collect();
    let rev = changes["since"]["rev"].as_str().unwrap_or_default();
    charts.moves = crate::document::charts::moves(view, rev, moves);
}

/// Builds the site of `register` (already checked) into `options.out`.
pub fn build(register: Register, options: &Options) -> Result<Summary, String> {
    let (summary, output) =
        build_into(register, options, |root| Output::claim(&options.out, root))?;
    output.finish()?;
    Ok(summary)
}

/// Builds the site of `register` (already checked) into the destination `claim` makes
/// for the register's folder (after the templates are read, so that a template error
/// claims nothing), and returns it unfinished: `stake build` swaps its folder in,
/// `stake serve` keeps the pages in memory.
pub fn build_into<D: Destination>(
    register: Register,
    options: &Options,
    claim: impl FnOnce(&std::path::Path) -> Result<D, String>,
) -> Result<(Summary, D), String> {
    let (summary, output, _) = build_reusing(register, options, claim, None)?;
    Ok((summary, output))
}

/// [`build_into`], taking from `cache` (the pages of the build before) every page that
/// would come out the same ([`reuse`]); also returns the cache of this build's pages.
/// The files are byte for byte those of a build without a cache.
pub fn build_reusing<D: Destination>(
    register: Register,
    options: &Options,
    claim: impl FnOnce(&std::path::Path) -> Result<D, String>,
    cache: Option<&reuse::PageCache>,
) -> Result<(Summary, D, reuse::PageCache), String> {
    let mut summary = Summary::default();
    let mut shown = public::Shown::of(register, options.as_of, options.public);
    // Only a brief's room needs the full analysis beside the public one.
    shown.full = None;
    summary.left_out = shown.redaction.records;
    summary.grid_confidential = std::mem::take(&mut shown.redaction.grid_confidential);
    let wanted = |format| options.formats.contains(&format);
    // The sponsor's summary (with `changes`) lists the open follow-ups, the most
    // overdue first.
    let promises = options
        .changes
        .as_ref()
        .filter(|_| !options.public)
        .map(|changes| {
            let since = changes["since"]["date"]
                .as_str()
                .and_then(<Date as crate::register::vocab::Vocabulary>::parse);
            let decisions = since.map(|since| {
                context::decisions_since(&shown.register.meetings, since, options.as_of)
            });
            (
                tera::Value::from_serializable(&context::open_promises(
                    &shown.feedback,
                    &shown.register.meetings,
                    options.as_of,
                )),
                tera::Value::from_serializable(&decisions.unwrap_or_default()),
            )
        });
    let plan = plan::Plan::new(
        &shown.analysis,
        shown.feedback,
        options.horizon_weeks,
        &shown.register.project.calendar,
        &shown.register.meetings,
    );
    let (register, analysis) = (&shown.register, &shown.analysis);
    let view = Analysed::new(register, analysis);
    summary.calendar_left_out = plan.left_out;
    // The owner as the register writes the name, for the calendar's title.
    let owner = match options.owner.as_deref() {
        Some(owner) => Some(owner_of_plan(analysis, owner)?),
        None => None,
    };
    let owner = owner.as_deref();
    let ics = wanted(Format::Ics).then(|| plan.ics(analysis, owner));
    let csv = wanted(Format::Csv)
        .then(|| plan.csv(analysis, owner))
        .transpose()?;
    let pages_wanted = [Format::Html, Format::Md, Format::Pdf]
        .into_iter()
        .any(wanted);
    // `analysis.json`, the calendar and the CSV need no page: without pages, no chart,
    // template or template context is made.
    let (output, mut written, pages) = if pages_wanted {
        let (output, written, missing, pages) =
            render_pages(&view, &plan, promises, options, claim, cache)?;
        summary.missing_chars = missing;
        (output, written, pages)
    } else {
        (
            claim(&register.root)?,
            BTreeSet::new(),
            reuse::PageCache::default(),
        )
    };
    let json = wanted(Format::Json)
        .then(|| {
            // Written as `stake analyze --format json` writes it: fields in declaration
            // order.
            let mut text = serde_json::to_string_pretty(analysis).map_err(|e| e.to_string())?;
            text.push('\n');
            Ok::<_, String>(text.into_bytes())
        })
        .transpose()?;
    for (name, bytes) in [
        ("analysis.json", json.as_deref()),
        ("communication-plan.ics", ics.as_ref().map(String::as_bytes)),
        ("communication-plan.csv", csv.as_deref()),
    ] {
        if let Some(bytes) = bytes {
            let path = PathBuf::from(name);
            output.put(&path, bytes)?;
            written.insert(path);
        }
    }
    summary.written = written.len();
    Ok((summary, output, pages))
}

/// Renders the pages of `view` (the HTML, Markdown and PDF `options` asks for) into the
/// destination `claim` makes once the templates are read; returns it with the files
/// written and the characters no PDF font could draw.
fn render_pages<D: Destination>(
    view: &Analysed<'_>,
    plan: &plan::Plan,
    promises: Option<(tera::Value, tera::Value)>,
    options: &Options,
    claim: impl FnOnce(&std::path::Path) -> Result<D, String>,
    cache: Option<&reuse::PageCache>,
) -> Result<(D, BTreeSet<PathBuf>, BTreeSet<char>, reuse::PageCache), String> {
    let (register, analysis) = (view.register, view.analysis);
    let wanted = |format| options.formats.contains(&format);
    let mut charts = Charts::build(view, options.as_of);
    if let Some(changes) = options.changes.as_ref().filter(|_| !options.public) {
        history_charts(&mut charts, view, changes, options);
    }
    let templates = Templates::for_register(options.templates.as_deref(), register)?;
    // The plan's view is as large as the rest of the context: both are made at once.
    let (base, plan_view) = rayon::join(
        || context::Base::new(view, options.as_of, options.public, &charts.shown).context(),
        || tera::Value::from_serializable(&plan.view(analysis)),
    );
    let mut base = base?;
    base.insert_value("plan", plan_view);
    if let Some(changes) = options.changes.as_ref().filter(|_| !options.public) {
        base.insert_value("changes", tera::Value::from_serializable(changes));
    }
    if let Some((promises, decisions)) = promises {
        base.insert_value("open_follow_ups", promises);
        base.insert_value("decisions_since", decisions);
    }
    let styles = Styles::new(&templates, &base);

    let output = claim(&register.root)?;
    let profiles = view.iter().map(|(s, _)| format!("stakeholders/{}", s.id));
    let stems: Vec<String> = REPORTS
        .iter()
        .map(|(_, kind, ..)| (*kind).to_owned())
        .chain(profiles)
        .collect();
    let pages = Pages {
        templates: &templates,
        styles: &styles,
        embeds: PageEmbeds {
            register,
            charts: &charts,
        },
        register,
        as_of: options.as_of,
        edition: analysis.edition,
        pdf: pdf_options(register, &options.pdf),
    };
    let keys = cache.map(|_| {
        let content: Vec<&'static str> = REPORTS
            .iter()
            .map(|(template, ..)| *template)
            .chain(["stakeholder.md.tera"])
            .collect();
        // What a page's document takes from outside its template: the project's name,
        // code, manager and language, the date, the edition and the PDF settings.
        let settings = format!(
            "{:?} {:?} {:?} {:?} {} {:?} {:?}",
            register.project.name,
            register.project.code,
            register.project.manager,
            register.project.language,
            options.as_of,
            analysis.edition,
            pages.pdf,
        );
        reuse::Keys::new(&templates, &content, "layout.html.tera", &base, &settings)
    });
    let done: Vec<(String, reuse::Cached)> = stems
        .par_iter()
        .enumerate()
        .map(|(i, stem)| {
            let (template, kind, subject, pdf) = REPORTS.get(i).copied().unwrap_or((
                "stakeholder.md.tera",
                "stakeholder",
                "profile",
                false,
            ));
            let profile = i.checked_sub(REPORTS.len());
            let mut context = base.clone();
            context.insert("root", if profile.is_some() { "../" } else { "" });
            context.insert("page", stem.as_str());
            context.insert("kind", kind);
            if let Some(i) = profile {
                context.insert_value("s", context::stakeholder_at(&base, i));
                let id = stem.strip_prefix("stakeholders/").unwrap_or(stem);
                let history = options.assessments.as_ref().filter(|_| !options.public);
                if let Some(series) = history.and_then(|h| h.get(id)) {
                    context.insert_value("assessments", tera::Value::from_serializable(series));
                }
            }
            let page = Page {
                template,
                layout: "layout.html.tera",
                kind,
                subject,
                stem,
            };
            let wanted = Wanted {
                md: wanted(Format::Md),
                html: wanted(Format::Html),
                pdf: pdf && wanted(Format::Pdf),
            };
            let formats = (wanted.md, wanted.html, wanted.pdf);
            let key = keys
                .as_ref()
                .and_then(|keys| keys.key(template, stem, formats, &context));
            let reused = key
                .zip(cache)
                .and_then(|(key, cache)| reuse::reusable(cache, stem, key, &pages.embeds));
            let mut made = match (reused, key) {
                (Some(cached), _) => cached.clone(),
                (None, Some(_)) => {
                    let recording = reuse::Recording::new(&pages.embeds);
                    let rendered = pages.render_with(&page, context, wanted, &recording)?;
                    reuse::entry(key, recording, rendered)
                }
                // No cache, or a page that cannot have a key: nothing to record.
                (None, None) => reuse::unkept(pages.render(&page, context, wanted)?),
            };
            for (path, bytes) in &mut made.files {
                output.put(path, bytes)?;
                // Without a cache nothing keeps the bytes: `stake build` holds no page
                // longer than it takes to write it.
                if cache.is_none() {
                    *bytes = Vec::new();
                }
            }
            Ok((stem.clone(), made))
        })
        .collect::<Result<_, String>>()?;
    let mut all = BTreeSet::new();
    let mut missing_chars = BTreeSet::new();
    for (_, page) in &done {
        all.extend(page.files.iter().map(|(path, _)| path.clone()));
        missing_chars.extend(page.missing_chars.iter().copied());
    }
    // Only a build with a cache keeps one: `stake build` would hold every page twice.
    let pages = match cache {
        Some(_) => done
            .into_iter()
            .filter(|(_, page)| page.key.is_some())
            .collect(),
        None => reuse::PageCache::default(),
    };
    Ok((output, all, missing_chars, pages))
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
        date: as_of,
        language,
        edition,
        blocks,
    }
}

/// Resolves the directive fences of content templates for one build.
pub struct PageEmbeds<'a> {
    /// The register as the pages show it (notes, introduction).
    pub register: &'a Register,
    /// The charts.
    pub charts: &'a Charts,
}

impl Embeds for PageEmbeds<'_> {
    fn chart(&self, spec: &str) -> Result<Block, String> {
        let (name, id) = match spec.split_once(' ') {
            Some((name, id)) => (name, Some(id.trim())),
            None => (spec, None),
        };
        let chart = match (ChartName::of(name), id) {
            (Some(ChartName::Sentiment), Some(id)) => self.charts.sentiment_of(id),
            (_, Some(_)) | (None, None) => None,
            (Some(ChartName::Grid), None) => Some(self.charts.grid.clone()),
            (Some(ChartName::Engagement), None) => Some(self.charts.engagement.clone()),
            (Some(ChartName::Network), None) => Some(self.charts.network.clone()),
            (Some(ChartName::Sentiment), None) => {
                Some(Chart::Sentiment(self.charts.sentiment.clone()))
            }
            // Only with `--since`: elsewhere nothing is drawn.
            (Some(ChartName::Index), None) => self.charts.index.clone(),
            (Some(ChartName::Moves), None) => self.charts.moves.clone(),
        };
        // A profile without enough rated interactions has no sentiment panel: nothing
        // to draw is not an error.
        Ok(chart.map_or(Block::Paragraph(Vec::new()), Block::chart))
    }

    fn markdown(&self, spec: &str) -> Result<&str, String> {
        match spec.split_once(' ') {
            // Stakeholders and meetings share one id space: a meeting's notes are its
            // body (a planned meeting's agenda, a held one's minutes).
            Some(("notes", id)) => {
                let id = id.trim();
                self.register
                    .get(id)
                    .map(|s| s.notes.as_str())
                    .or_else(|| {
                        let meetings = &self.register.meetings;
                        meetings
                            .iter()
                            .find(|m| m.id == id)
                            .map(|m| m.notes.as_str())
                    })
                    .ok_or_else(|| {
                        format!("`notes(id=\"{id}\")`: no stakeholder or meeting has that id")
                    })
            }
            None if spec == "introduction" => Ok(self.register.project.introduction.as_str()),
            _ => Err(format!("nothing to embed as `{spec}`")),
        }
    }
}

/// The owner an `--owner` names, as the plan writes the name. One who owns no touch of
/// the edition's plan is a mistake (the calendar would be empty): the error lists the
/// owners, the closest first.
fn owner_of_plan(analysis: &crate::analysis::Analysis, owner: &str) -> Result<String, String> {
    let mut owners: Vec<&str> = analysis
        .schedule
        .iter()
        .filter_map(|t| t.owner.as_deref())
        .collect();
    owners.sort_unstable();
    owners.dedup();
    if let Some(found) = owners
        .iter()
        .find(|o| crate::export::csv::is_owner(Some(o), Some(owner)))
    {
        return Ok((*found).to_owned());
    }
    let closest = crate::register::typing::closest(owner, &owners)
        .map(|o| format!("did you mean `{o}`? "))
        .unwrap_or_default();
    Err(format!(
        "no touch of the plan has the owner `{owner}`\n  = help: {closest}the owners are: {}",
        if owners.is_empty() {
            "none".to_owned()
        } else {
            owners.join(", ")
        }
    ))
}
