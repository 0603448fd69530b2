//! The neutral document model: what a report says, independent of HTML or PDF.
//!
//! Tera templates produce Markdown; [`markdown`](self) turns it into this model, and each
//! renderer draws the same model, so one template edit changes both outputs.

pub mod charts;
pub mod markdown;
pub mod network_layout;

use serde::Serialize;

use crate::register::vocab::{Date, Language, RelationKind};

/// A whole report.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Document {
    /// Title (title page, `<title>`, PDF metadata).
    pub title: String,
    /// Subtitle under the title, e.g. the project code and date.
    pub subtitle: Option<String>,
    /// Author for metadata (the project manager).
    pub author: Option<String>,
    /// Subject for metadata.
    pub subject: Option<String>,
    /// The report date (`as_of`).
    pub date: Date,
    /// The language of the labels (its BCP 47 tag in metadata: `en` or `zh-CN`).
    pub language: Language,
    /// Which edition it is: every page of every output says so.
    pub edition: Edition,
    /// The content.
    pub blocks: Vec<Block>,
}

/// Who may read a document: both writers print it on every page, so a printed internal
/// report can be told from a public one; the words are in [`crate::i18n::edition`].
pub use crate::analysis::edition::Edition;

/// A block of content.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Block {
    /// A heading, level 1–6, with an anchor id unique in the document.
    Heading {
        /// 1–6.
        level: u8,
        /// The heading's text.
        runs: Vec<Run>,
        /// Anchor id.
        id: String,
    },
    /// A paragraph of styled text.
    Paragraph(Vec<Run>),
    /// A bullet or numbered list; each item holds blocks (nested lists included).
    List {
        /// Numbered from this number, or bullets when `None`.
        start: Option<u64>,
        /// The items.
        items: Vec<Vec<Block>>,
    },
    /// A table with one header row.
    Table(Table),
    /// A GFM alert (`> [!WARNING]`), drawn as a callout box.
    Alert {
        /// Note, tip, important, warning or caution.
        alert: AlertKind,
        /// Its content.
        blocks: Vec<Block>,
    },
    /// A block quote.
    Quote(Vec<Block>),
    /// Preformatted text.
    Code(String),
    /// A chart, as data; each renderer draws it (boxed: a chart is far larger than the
    /// other blocks, and a document holds few).
    Chart(Box<Chart>),
    /// Key figures shown side by side as tiles, e.g. on a dashboard.
    Figures(Vec<Figure>),
    /// A horizontal rule.
    Rule,
}

/// A run of text with one style.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Run {
    /// The text.
    pub text: String,
    /// Bold.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub strong: bool,
    /// Italic.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub emphasis: bool,
    /// Monospace.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub code: bool,
    /// Struck through.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub strike: bool,
    /// A link target.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// A line break after this run.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub line_break: bool,
}

impl Run {
    /// Plain text.
    pub fn plain(text: impl Into<String>) -> Run {
        Run {
            text: text.into(),
            ..Run::default()
        }
    }
}

/// A table.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Table {
    /// Column alignment.
    pub align: Vec<Align>,
    /// The header row.
    pub header: Vec<Vec<Run>>,
    /// The body rows.
    pub rows: Vec<Vec<Vec<Run>>>,
}

impl Table {
    /// The number of columns: the longest row, header included.
    pub fn columns(&self) -> usize {
        self.rows
            .iter()
            .map(Vec::len)
            .chain([self.header.len()])
            .max()
            .unwrap_or(0)
    }
}

/// Column alignment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Align {
    /// Left (the default).
    #[default]
    Left,
    /// Centred.
    Center,
    /// Right (numbers).
    Right,
}

/// One key figure: a short value over its label, e.g. `64` over "Engagement index".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Figure {
    /// The value as shown.
    pub value: String,
    /// What it counts.
    pub label: String,
}

impl Block {
    /// A chart block.
    pub fn chart(chart: Chart) -> Block {
        Block::Chart(Box::new(chart))
    }
}

/// The five GFM alert kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AlertKind {
    /// Note.
    Note,
    /// Tip.
    Tip,
    /// Important.
    Important,
    /// Warning.
    Warning,
    /// Caution.
    Caution,
}

/// A chart as data. Built once from the analysis, drawn by the SVG and the PDF renderer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "chart", rename_all = "kebab-case")]
pub enum Chart {
    /// Power/interest grid.
    Grid(GridChart),
    /// Engagement assessment matrix: C (current) and D (desired) per stakeholder.
    Engagement(EngagementChart),
    /// Relationship network.
    Network(NetworkChart),
    /// Sentiment over time.
    Sentiment(SentimentChart),
    /// The engagement index over the register's git history.
    Index(IndexChart),
}

/// The charts a content template can draw, by the names `chart(name=...)` knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChartName {
    /// `grid`: the power/interest grid.
    Grid,
    /// `engagement`: the engagement assessment matrix.
    Engagement,
    /// `network`: the relationship network.
    Network,
    /// `sentiment`: sentiment over time.
    Sentiment,
    /// `index`: the engagement index over the register's git history (`--since`).
    Index,
    /// `moves`: the power/interest grid with an arrow for each stakeholder who moved
    /// since the revision compared with (`--since`).
    Moves,
}

impl ChartName {
    /// Every chart, in the order error messages list them.
    pub const ALL: [ChartName; 6] = [
        ChartName::Grid,
        ChartName::Engagement,
        ChartName::Network,
        ChartName::Sentiment,
        ChartName::Index,
        ChartName::Moves,
    ];

    /// The name templates call it by.
    pub fn as_str(self) -> &'static str {
        match self {
            ChartName::Grid => "grid",
            ChartName::Engagement => "engagement",
            ChartName::Network => "network",
            ChartName::Sentiment => "sentiment",
            ChartName::Index => "index",
            ChartName::Moves => "moves",
        }
    }

    /// The chart of this name.
    pub fn of(name: &str) -> Option<ChartName> {
        ChartName::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

impl Chart {
    /// Which chart it is.
    pub fn name(&self) -> ChartName {
        match self {
            Chart::Grid(grid) if !grid.moves.is_empty() => ChartName::Moves,
            Chart::Grid(_) => ChartName::Grid,
            Chart::Engagement(_) => ChartName::Engagement,
            Chart::Network(_) => ChartName::Network,
            Chart::Sentiment(_) => ChartName::Sentiment,
            Chart::Index(_) => ChartName::Index,
        }
    }
}

/// Labels of a chart in the report's language.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ChartLabels {
    /// Title (also the accessible name).
    pub title: String,
    /// Horizontal axis.
    pub x_axis: String,
    /// Vertical axis.
    pub y_axis: String,
    /// What the chart shows, in a sentence or two: the accessible description.
    pub description: String,
}

/// The words the grid draws besides names: quadrants, levels, the dots' legend.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct GridWords {
    /// Quadrant names, as [`crate::register::vocab::Quadrant::ALL`]: manage closely, keep
    /// satisfied, keep informed, monitor.
    pub quadrants: [String; 4],
    /// Level names, very low (1) first.
    pub levels: [String; 5],
    /// Legend of a filled dot.
    pub key: String,
    /// Legend of a grey dot: key status not in this edition.
    pub key_withheld: String,
}

/// The words the engagement matrix draws besides names.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct EngagementWords {
    /// Engagement level names, unaware first.
    pub levels: [String; 5],
    /// The word for current (C).
    pub current: String,
    /// The word for desired (D).
    pub desired: String,
}

/// The network legend's words.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct NetworkWords {
    /// Each relationship kind's name, as [`RelationKind::ALL`].
    pub relations: [String; 5],
    /// Dot size: centrality.
    pub central: String,
    /// A filled dot: key stakeholder.
    pub key: String,
    /// A grey dot: key status not in this edition.
    pub key_withheld: String,
}

/// One stakeholder on the power/interest grid.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GridPoint {
    /// Stakeholder id.
    pub id: String,
    /// Short label.
    pub label: String,
    /// Interest 1–5 (x).
    pub interest: u8,
    /// Power 1–5 (y).
    pub power: u8,
    /// Key stakeholder (drawn filled), or not stated in this edition.
    pub key: KeyMark,
    /// Place in the analysis's attention order (1 first): a full cell names the first.
    pub attention: usize,
}

/// How a chart marks a stakeholder's key status. A public edition that withholds it
/// draws a third mark, never the non-key one: a hollow dot would say "not key".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum KeyMark {
    /// A key stakeholder: filled.
    Key,
    /// Not a key stakeholder: hollow.
    #[default]
    Other,
    /// Not stated in this edition: grey.
    Withheld,
}

impl KeyMark {
    /// The mark of a key flag, `None` when the edition withholds it.
    pub fn of(key: Option<bool>) -> KeyMark {
        match key {
            Some(true) => KeyMark::Key,
            Some(false) => KeyMark::Other,
            None => KeyMark::Withheld,
        }
    }
}

/// The power/interest grid.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GridChart {
    /// Labels.
    pub labels: ChartLabels,
    /// The grid's own words.
    pub words: GridWords,
    /// Where "high" starts (1–5).
    pub threshold: u8,
    /// The stakeholders.
    pub points: Vec<GridPoint>,
    /// Who moved to another cell since an earlier revision: an arrow from the cell
    /// they were in to their dot (the "What changed" section's grid; empty elsewhere).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub moves: Vec<GridMove>,
}

/// A stakeholder's earlier cell on the grid.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GridMove {
    /// Stakeholder id (one of the grid's points).
    pub id: String,
    /// Power then (1–5).
    pub power: u8,
    /// Interest then (1–5).
    pub interest: u8,
}

/// One row of the engagement assessment matrix.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EngagementRow {
    /// Stakeholder id.
    pub id: String,
    /// Label.
    pub label: String,
    /// Current level 1–5 (unaware … leading), if known.
    pub current: Option<u8>,
    /// Desired level 1–5, if known.
    pub desired: Option<u8>,
}

/// The engagement assessment matrix.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EngagementChart {
    /// Labels.
    pub labels: ChartLabels,
    /// The matrix's own words.
    pub words: EngagementWords,
    /// One row per stakeholder.
    pub rows: Vec<EngagementRow>,
}

/// A node of the relationship network, with its position from a deterministic layout.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NetworkNode {
    /// Stakeholder id.
    pub id: String,
    /// Label.
    pub label: String,
    /// 0–1 across.
    pub x: f64,
    /// 0–1 down.
    pub y: f64,
    /// Centrality 0–1 (drawn as size); `None` when this edition does not state it.
    pub weight: Option<f64>,
    /// Key stakeholder, or not stated in this edition.
    pub key: KeyMark,
}

/// An edge of the relationship network.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NetworkEdge {
    /// Index into `nodes`.
    pub from: usize,
    /// Index into `nodes`.
    pub to: usize,
    /// The relationship's kind.
    pub kind: RelationKind,
    /// What the register says about the relationship (both sides' notes of an alliance
    /// or conflict), shown as a tooltip in HTML.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The relationship network.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NetworkChart {
    /// Labels.
    pub labels: ChartLabels,
    /// The legend's words.
    pub words: NetworkWords,
    /// Nodes.
    pub nodes: Vec<NetworkNode>,
    /// Edges.
    pub edges: Vec<NetworkEdge>,
}

/// A series of the sentiment timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SentimentSeries {
    /// Stakeholder id.
    pub id: String,
    /// Label.
    pub label: String,
    /// (date, score 1–5) in date order.
    pub points: Vec<(Date, f64)>,
}

/// One point of the engagement index over time.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndexPoint {
    /// The commit's date (the last point: the analysis date of the register built).
    pub date: Date,
    /// The engagement index then, 0–100; `None` when nobody had both levels.
    pub index: Option<u8>,
    /// What the point is called where a label fits: its tags, or "now".
    pub label: Option<String>,
}

/// The engagement index at every commit that changed the register, then now.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndexChart {
    /// Labels.
    pub labels: ChartLabels,
    /// The first and the last date as the report's language writes them.
    pub range_written: (String, String),
    /// Oldest first.
    pub points: Vec<IndexPoint>,
}

/// Sentiment over time.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SentimentChart {
    /// Labels.
    pub labels: ChartLabels,
    /// First and last date shown.
    pub range: (Date, Date),
    /// The same dates as the report's language writes them.
    pub range_written: (String, String),
    /// One series per stakeholder shown.
    pub series: Vec<SentimentSeries>,
}
