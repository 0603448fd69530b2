//! The chart data of a build, made once from the register and its analysis; the HTML
//! and the PDF renderer draw the same data.
//!
//! Charts must stay legible for large registers, so each chooses what it shows: the grid
//! shows everyone (full cells say how many more), the engagement matrix and the network
//! at most [`MAX_ROWS`] and [`MAX_NODES`] stakeholders (key and most central first), the
//! sentiment panels at most [`MAX_SERIES`].

use std::collections::{BTreeMap, HashMap};

use super::{
    Chart, ChartLabels, ChartName, EngagementChart, EngagementRow, EngagementWords, GridChart,
    GridMove, GridPoint, GridWords, IndexChart, IndexPoint, KeyMark, NetworkChart, NetworkEdge,
    NetworkNode, NetworkWords, SentimentChart, SentimentSeries,
};
use crate::analysis::Analysed;
use crate::i18n::{self, label};
use crate::register::Stakeholder;
use crate::register::vocab::{Date, EngagementLevel, Language, Quadrant, RelationKind};

/// Rows of the engagement matrix at most.
pub const MAX_ROWS: usize = 40;
/// Nodes of the network at most.
pub const MAX_NODES: usize = 40;
/// Panels of the sentiment chart at most.
pub const MAX_SERIES: usize = 12;

/// How many stakeholders a chart shows of those it could: the page says what it left out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Shown {
    /// Drawn.
    pub shown: usize,
    /// Who could have been drawn.
    pub total: usize,
}

/// The four charts of a build.
#[derive(Debug, Clone)]
pub struct Charts {
    /// Power/interest grid.
    pub grid: Chart,
    /// Engagement assessment matrix.
    pub engagement: Chart,
    /// Relationship network.
    pub network: Chart,
    /// Sentiment over time: the report's panels (at most [`MAX_SERIES`]).
    pub sentiment: SentimentChart,
    /// The engagement index over the register's history (`--since`), if any.
    pub index: Option<Chart>,
    /// The grid of those who moved since the revision compared with (`--since`).
    pub moves: Option<Chart>,
    /// Every stakeholder's sentiment series, by id, for the panel of its profile.
    profiles: Vec<SentimentSeries>,
    language: Language,
    /// What the engagement matrix, the network and the sentiment panels show of whom
    /// they could, for the pages to say.
    pub shown: BTreeMap<&'static str, Shown>,
}

impl Charts {
    /// Builds every chart of the view's stakeholders. Where a chart cannot show everyone
    /// it shows the first in the analysis's attention order; a key flag or centrality the
    /// edition withholds is drawn as not stated.
    pub fn build(view: &Analysed<'_>, as_of: Date) -> Charts {
        let language = view.register.project.language;
        let (sentiment, profiles, sentiment_shown) = sentiment(view, as_of, language);
        let (engagement, engagement_shown) = engagement(view, language);
        let (network, network_shown) = network(view, language);
        Charts {
            grid: Chart::Grid(grid(view, language)),
            engagement: Chart::Engagement(engagement),
            network: Chart::Network(network),
            sentiment,
            index: None,
            moves: None,
            profiles,
            language,
            shown: BTreeMap::from([
                (ChartName::Engagement.as_str(), engagement_shown),
                (ChartName::Network.as_str(), network_shown),
                (ChartName::Sentiment.as_str(), sentiment_shown),
            ]),
        }
    }

    /// The sentiment chart of one stakeholder (a profile page), from its first rated
    /// interaction to the analysis date; `None` with fewer than two ratings.
    pub fn sentiment_of(&self, id: &str) -> Option<Chart> {
        let at = self
            .profiles
            .binary_search_by(|s| s.id.as_str().cmp(id))
            .ok()?;
        let series = &self.profiles[at];
        let start = series.points.first()?.0;
        let end = self.sentiment.range.1;
        let written = |date: &Date| i18n::date(self.language, *date);
        let description = i18n::charts::sentiment_of(
            self.language,
            &series.label,
            &written(&start),
            &written(&end),
        );
        Some(Chart::Sentiment(SentimentChart {
            labels: ChartLabels {
                title: format!("{}: {}", self.sentiment.labels.title, series.label),
                description,
                ..self.sentiment.labels.clone()
            },
            range_written: (written(&start), written(&end)),
            range: (start, end),
            series: vec![series.clone()],
        }))
    }
}

/// The engagement index at each of `points` (oldest first; the last is now), in
/// `language`.
pub fn index(language: Language, points: Vec<IndexPoint>) -> Option<Chart> {
    let (first, last) = (points.first()?, points.last()?);
    let written = |date: Date| i18n::date(language, date);
    let range_written = (written(first.date), written(last.date));
    let description = i18n::charts::index(
        language,
        points.len(),
        &range_written.0,
        &range_written.1,
        last.index,
    );
    Some(Chart::Index(IndexChart {
        labels: ChartLabels {
            title: label(language, "index_over_time").to_owned(),
            x_axis: String::new(),
            y_axis: label(language, "engagement_index").to_owned(),
            description,
        },
        range_written,
        points,
    }))
}

/// The power/interest grid of the stakeholders of `view` who moved to another cell
/// since `rev`, each with an arrow from the cell they were in (`moves`: id, power and
/// interest then); `None` when nobody did.
pub fn moves(view: &Analysed<'_>, rev: &str, moves: Vec<GridMove>) -> Option<Chart> {
    let language = view.register.project.language;
    let mut grid = grid(view, language);
    let moved: std::collections::HashSet<&str> = moves.iter().map(|m| m.id.as_str()).collect();
    grid.points.retain(|p| moved.contains(p.id.as_str()));
    let present: std::collections::HashSet<String> =
        grid.points.iter().map(|p| p.id.clone()).collect();
    grid.moves = moves
        .into_iter()
        .filter(|m| present.contains(&m.id))
        .collect();
    if grid.moves.is_empty() {
        return None;
    }
    grid.labels.title = label(language, "moves_grid").to_owned();
    grid.labels.description = i18n::charts::moves(language, grid.moves.len(), rev);
    Some(Chart::Grid(grid))
}

/// A chart's label: the short name (format v2) where one is given, else the name,
/// which is what readers know people by; never a cut one.
fn short(s: &Stakeholder) -> String {
    s.label().to_owned()
}

fn grid(view: &Analysed<'_>, language: Language) -> GridChart {
    let words = GridWords {
        quadrants: std::array::from_fn(|i| {
            let q = Quadrant::ALL[i];
            label(language, &format!("quadrant.{}", q.as_str())).to_owned()
        }),
        levels: [1, 2, 3, 4, 5].map(|v| i18n::level(language, v).to_owned()),
        key: label(language, "legend_key").to_owned(),
        key_withheld: label(language, "legend_key_withheld").to_owned(),
    };
    let points: Vec<GridPoint> = view
        .iter()
        .map(|(s, a)| GridPoint {
            id: s.id.clone(),
            label: short(s),
            interest: s.interest.value(),
            power: s.power.value(),
            key: KeyMark::of(a.stated_key()),
            attention: a.attention,
        })
        .collect();
    let withheld = points.iter().any(|p| p.key == KeyMark::Withheld);
    let threshold = view.register.project.threshold;
    let high = points
        .iter()
        .filter(|p| p.power >= threshold.value() && p.interest >= threshold.value())
        .count();
    let description = i18n::charts::grid(language, points.len(), high, withheld);
    GridChart {
        labels: ChartLabels {
            title: label(language, "grid").to_owned(),
            x_axis: label(language, "interest").to_owned(),
            y_axis: label(language, "power").to_owned(),
            description,
        },
        words,
        threshold: threshold.value(),
        points,
        moves: Vec::new(),
    }
}

fn rank(level: Option<EngagementLevel>) -> Option<u8> {
    level.map(|l| l.rank() as u8)
}

fn engagement(view: &Analysed<'_>, language: Language) -> (EngagementChart, Shown) {
    let mut rows: Vec<(Option<bool>, usize, EngagementRow)> = view
        .iter()
        .filter(|(s, _)| s.engagement_current.is_some() || s.engagement_desired.is_some())
        .map(|(s, a)| {
            let (current, desired) = (rank(s.engagement_current), rank(s.engagement_desired));
            let row = EngagementRow {
                id: s.id.clone(),
                label: short(s),
                current,
                desired,
            };
            (a.stated_key(), a.attention, row)
        })
        .collect();
    let total = rows.len();
    if rows.len() > MAX_ROWS {
        // Those who call for attention first come first when not all fit.
        rows.sort_by_key(|r| r.1);
        rows.truncate(MAX_ROWS);
    }
    rows.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.2.label.cmp(&b.2.label)));
    let words = EngagementWords {
        levels: std::array::from_fn(|i| {
            let l = EngagementLevel::ALL[i];
            label(language, &format!("engagement_level.{}", l.as_str())).to_owned()
        }),
        current: label(language, "current").to_owned(),
        desired: label(language, "desired").to_owned(),
    };
    let gaps = rows
        .iter()
        .filter(|r| matches!((r.2.current, r.2.desired), (Some(c), Some(d)) if c != d))
        .count();
    let description = i18n::charts::engagement(language, rows.len(), total, gaps);
    let shown = Shown {
        shown: rows.len(),
        total,
    };
    let chart = EngagementChart {
        labels: ChartLabels {
            title: label(language, "engagement").to_owned(),
            description,
            ..ChartLabels::default()
        },
        words,
        rows: rows.into_iter().map(|r| r.2).collect(),
    };
    (chart, shown)
}

fn network(view: &Analysed<'_>, language: Language) -> (NetworkChart, Shown) {
    // Nodes are positions in the view, which is in id order.
    let pairs: Vec<_> = view.iter().collect();
    let index: HashMap<&str, usize> = pairs
        .iter()
        .enumerate()
        .map(|(i, (s, _))| (s.id.as_str(), i))
        .collect();
    // One edge per unordered pair and kind: A ally B and B ally A are one alliance, whose
    // notes are both sides' notes.
    // Keyed by the kind's word: the order of edges (and so of the drawing) is by it.
    let mut edges: BTreeMap<(usize, usize, &'static str), (RelationKind, Vec<String>)> =
        BTreeMap::new();
    // The edges and alliances are the analysis's (in a public edition, its view).
    let network = &view.analysis.network;
    for edge in &network.edges {
        let (Some(&i), Some(&j)) = (index.get(edge.from.as_str()), index.get(edge.to.as_str()))
        else {
            continue;
        };
        let pair = if matches!(edge.kind, RelationKind::Ally | RelationKind::Conflict) {
            (i.min(j), i.max(j))
        } else {
            (i, j)
        };
        let (_, notes) = edges
            .entry((pair.0, pair.1, edge.kind.as_str()))
            .or_insert_with(|| (edge.kind, Vec::new()));
        if let Some(note) = edge
            .note
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
            && !notes.iter().any(|n| n == note)
        {
            notes.push(note.to_owned());
        }
    }
    let mut connected: Vec<usize> = edges.keys().flat_map(|(a, b, _)| [*a, *b]).collect();
    connected.sort_unstable();
    connected.dedup();
    let total = connected.len();
    if connected.len() > MAX_NODES {
        connected.sort_by_key(|&i| pairs[i].1.attention);
        connected.truncate(MAX_NODES);
        connected.sort_unstable();
    }
    // Groups of allies sit together: the analysis's ally groups, as far as they are
    // drawn; everyone else alone.
    let drawn: std::collections::BTreeSet<usize> = connected.iter().copied().collect();
    let mut grouped = std::collections::BTreeSet::new();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for group in &network.ally_groups {
        let members: Vec<usize> = group
            .iter()
            .filter_map(|id| index.get(id.as_str()).copied())
            .filter(|i| drawn.contains(i))
            .collect();
        if !members.is_empty() {
            grouped.extend(members.iter().copied());
            groups.push(members);
        }
    }
    groups.extend(
        connected
            .iter()
            .filter(|i| !grouped.contains(*i))
            .map(|&i| vec![i]),
    );
    groups.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
    // The layout starts from the groups evenly around a circle, one empty slot between
    // groups.
    let slots = connected.len() + groups.len().saturating_sub(1).min(connected.len());
    // Size says centrality only when the edition states everyone's: one withheld tie
    // changes all of them.
    let sized = connected
        .iter()
        .all(|&i| pairs[i].1.stated_centrality().is_some());
    let max_centrality = connected
        .iter()
        .filter_map(|&i| pairs[i].1.stated_centrality())
        .fold(0.0_f64, f64::max);
    let mut nodes = Vec::with_capacity(connected.len());
    let mut position: HashMap<usize, usize> = HashMap::new();
    let mut slot = 0;
    for group in &groups {
        for &i in group {
            let angle = -std::f64::consts::FRAC_PI_2
                + std::f64::consts::TAU * (slot as f64 + 0.5) / slots.max(1) as f64;
            let (s, a) = pairs[i];
            position.insert(i, nodes.len());
            nodes.push(NetworkNode {
                id: s.id.clone(),
                label: short(s),
                x: round(0.5 + 0.5 * angle.cos()),
                y: round(0.5 + 0.5 * angle.sin()),
                weight: a.stated_centrality().filter(|_| sized).map(|c| {
                    if max_centrality > 0.0 {
                        round(c / max_centrality)
                    } else {
                        0.0
                    }
                }),
                key: KeyMark::of(a.stated_key()),
            });
            slot += 1;
        }
        slot += 1;
    }
    let edges: Vec<NetworkEdge> = edges
        .iter()
        .filter_map(|((a, b, _), (kind, notes))| {
            Some(NetworkEdge {
                from: *position.get(a)?,
                to: *position.get(b)?,
                kind: *kind,
                note: (!notes.is_empty()).then(|| notes.join(" / ")),
            })
        })
        .collect();
    // The circle is where the layout starts; it moves connected stakeholders together.
    let start: Vec<(f64, f64)> = nodes.iter().map(|n| (n.x, n.y)).collect();
    let pairs: Vec<(usize, usize)> = edges.iter().map(|e| (e.from, e.to)).collect();
    let placed_groups: Vec<Vec<usize>> = groups
        .iter()
        .map(|g| g.iter().filter_map(|i| position.get(i).copied()).collect())
        .collect();
    let placed = super::network_layout::layout(nodes.len(), &pairs, &placed_groups, &start);
    for (node, (x, y)) in nodes.iter_mut().zip(placed) {
        node.x = x;
        node.y = y;
    }
    let words = NetworkWords {
        relations: std::array::from_fn(|i| {
            let k = RelationKind::ALL[i];
            label(language, &format!("relation.{}", k.as_str())).to_owned()
        }),
        central: label(language, "legend_central").to_owned(),
        key: label(language, "legend_key").to_owned(),
        key_withheld: label(language, "legend_key_withheld").to_owned(),
    };
    let conflicts = edges
        .iter()
        .filter(|e| e.kind == RelationKind::Conflict)
        .count();
    let description =
        i18n::charts::network(language, nodes.len(), total, edges.len(), conflicts, sized);
    let shown = Shown {
        shown: nodes.len(),
        total,
    };
    let chart = NetworkChart {
        labels: ChartLabels {
            title: label(language, "network").to_owned(),
            description,
            ..ChartLabels::default()
        },
        words,
        nodes,
        edges,
    };
    (chart, shown)
}

/// Three decimals: enough for a drawing, and stable text in JSON and snapshots.
fn round(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}

fn sentiment(
    view: &Analysed<'_>,
    as_of: Date,
    language: Language,
) -> (SentimentChart, Vec<SentimentSeries>, Shown) {
    let mut series: Vec<(usize, SentimentSeries)> = view
        .iter()
        .filter_map(|(s, a)| {
            let points: Vec<(Date, f64)> = s
                .interactions
                .iter()
                .filter(|i| i.date <= as_of)
                .filter_map(|i| Some((i.date, i.sentiment?.score())))
                .collect();
            (points.len() >= 2).then(|| {
                let series = SentimentSeries {
                    id: s.id.clone(),
                    label: short(s),
                    points,
                };
                (a.attention, series)
            })
        })
        .collect();
    // In the register's order, which is by id.
    let profiles = series.iter().map(|(_, s)| s.clone()).collect();
    let total = series.len();
    // Declining and key first: the panels a reader must not miss.
    series.sort_by_key(|s| s.0);
    series.truncate(MAX_SERIES);
    let start = series
        .iter()
        .filter_map(|(_, s)| s.points.first().map(|p| p.0))
        .min()
        .unwrap_or(as_of);
    let end = as_of;
    let written = |date: &Date| i18n::date(language, *date);
    let description = i18n::charts::sentiment(
        language,
        series.len(),
        total,
        &written(&start),
        &written(&end),
    );
    let chart = SentimentChart {
        labels: ChartLabels {
            title: label(language, "sentiment").to_owned(),
            description,
            ..ChartLabels::default()
        },
        range_written: (written(&start), written(&end)),
        range: (start, end),
        series: series.into_iter().map(|s| s.1).collect(),
    };
    let shown = Shown {
        shown: chart.series.len(),
        total,
    };
    (chart, profiles, shown)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;
    use crate::register::{Limits, Register, load};

    fn sample(name: &str) -> Register {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("samples")
            .join(name);
        load(&root, &Limits::default()).unwrap().register
    }

    #[test]
    fn network_is_deterministic_and_fills_the_unit_square() {
        let register = sample("erp-rollout");
        let as_of = jiff::civil::date(2026, 11, 20);
        let analysis = analyze(&register, as_of);
        let view = Analysed::new(&register, &analysis);
        let a = Charts::build(&view, as_of);
        let b = Charts::build(&view, as_of);
        assert_eq!(a.network, b.network);
        let Chart::Network(network) = &a.network else {
            panic!()
        };
        assert!(!network.edges.is_empty());
        for node in &network.nodes {
            assert!((0.0..=1.0).contains(&node.x) && (0.0..=1.0).contains(&node.y));
        }
        assert!(
            network.nodes.iter().any(|n| n.x == 0.0) && network.nodes.iter().any(|n| n.y == 1.0)
        );
        assert!(
            network
                .edges
                .iter()
                .any(|e| e.kind == RelationKind::Conflict)
        );
    }

    #[test]
    fn every_profile_with_two_ratings_has_its_own_sentiment_panel() {
        // The report shows at most MAX_SERIES panels; each profile still shows its own.
        let register = sample("erp-rollout");
        let as_of = jiff::civil::date(2026, 11, 20);
        let analysis = analyze(&register, as_of);
        let charts = Charts::build(&Analysed::new(&register, &analysis), as_of);
        let rated: Vec<&Stakeholder> = register
            .stakeholders
            .iter()
            .filter(|s| {
                s.interactions
                    .iter()
                    .filter(|i| i.sentiment.is_some())
                    .count()
                    >= 2
            })
            .collect();
        assert!(
            rated.len() > MAX_SERIES,
            "the sample has more rated stakeholders"
        );
        assert_eq!(charts.sentiment.series.len(), MAX_SERIES);
        for s in rated {
            let Some(Chart::Sentiment(panel)) = charts.sentiment_of(&s.id) else {
                panic!("no panel for {}", s.id)
            };
            assert_eq!(panel.series.len(), 1);
            assert_eq!(panel.series[0].id, s.id);
            assert_eq!(
                panel.range.0, panel.series[0].points[0].0,
                "from its own first rating"
            );
        }
        assert!(charts.sentiment_of("nobody").is_none());
    }

    #[test]
    fn grid_has_every_stakeholder_and_chinese_labels() {
        let register = sample("metro-line");
        let as_of = jiff::civil::date(2026, 11, 20);
        let analysis = analyze(&register, as_of);
        let charts = Charts::build(&Analysed::new(&register, &analysis), as_of);
        let Chart::Grid(grid) = &charts.grid else {
            panic!()
        };
        assert_eq!(grid.points.len(), register.stakeholders.len());
        assert_eq!(grid.words.quadrants[0], "重点管理");
        assert_eq!(grid.words.levels[4], "很高");
        assert!(charts.sentiment.series.len() <= MAX_SERIES);
    }
}
