//! The relationship graph: its edges, who is central in it, and the groups of allies.
//!
//! Centrality is betweenness (Brandes 2001) on the undirected graph of all relationships:
//! the share of shortest paths between other stakeholders that run through someone. It
//! finds the brokers a project can work through, which degree (how many ties) does not.
//! Exact while `nodes × (nodes + 2 × edges)` stays within [`WORK`]; beyond that it is
//! estimated from evenly spread pivots (Brandes & Pich 2007), so a 10,000-stakeholder
//! register costs a few dozen breadth-first searches, not ten thousand.

pub mod centrality;

use serde::Serialize;

use super::Ids;
use crate::register::Register;
use crate::register::vocab::{Level, RelationKind};
use centrality::Graph;

/// Budget of the centrality, in adjacency entries visited (about 4 million).
pub const WORK: usize = 1 << 22;

/// The fewest pivots an estimate uses, however large the graph.
pub const MIN_PIVOTS: usize = 32;

/// The relationship graph and what it shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Network {
    /// The centrality measure: `betweenness`.
    pub measure: &'static str,
    /// Whether the centrality counts paths from every stakeholder (else it is estimated).
    pub exact: bool,
    /// How many stakeholders the shortest paths were counted from.
    pub sources: usize,
    /// Every relationship as written, sorted by `from`, `to`, `type`.
    pub edges: Vec<Edge>,
    /// Connected components over `ally` relationships (either direction), two or more
    /// stakeholders each; members sorted by id, groups by their first member.
    pub ally_groups: Vec<Vec<String>>,
    /// What a public edition leaves out because a confidential tie is in it
    /// (`centrality`). Always empty in the internal edition.
    pub withheld: Vec<&'static str>,
}

/// One relationship.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Edge {
    /// The stakeholder whose file states it.
    pub from: String,
    /// The other stakeholder.
    pub to: String,
    /// Its kind.
    #[serde(rename = "type")]
    pub kind: RelationKind,
    /// Its strength, 1–5.
    pub strength: Option<Level>,
    /// Its note as written, for the chart's tooltips (not in `analysis.json`, whose v1
    /// shape it keeps).
    #[serde(skip)]
    pub note: Option<String>,
}

/// The network of a register, and the centrality of each stakeholder in register
/// order, rounded to four decimals.
pub fn network(register: &Register, ids: &Ids<'_>) -> (Network, Vec<f64>) {
    // Stakeholders are sorted by id, so sorting by index sorts by id, without comparing
    // strings.
    let mut written = Vec::new();
    for (from, s) in register.stakeholders.iter().enumerate() {
        for r in &s.relationships {
            // The loader drops relationships to unknown ids; skip any left all the same.
            let Some(to) = ids.get(&r.with) else { continue };
            written.push((
                from as u32,
                to as u32,
                r.kind,
                r.strength,
                r.note.as_deref(),
            ));
        }
    }
    written.sort_by_key(|&(from, to, kind, ..)| (from, to, kind));
    let pairs: Vec<(u32, u32)> = written.iter().map(|&(from, to, ..)| (from, to)).collect();
    let allies: Vec<(u32, u32)> = written
        .iter()
        .filter(|&&(_, _, kind, ..)| kind == RelationKind::Ally)
        .map(|&(from, to, ..)| (from, to))
        .collect();
    let id = |i: u32| register.stakeholders[i as usize].id.clone();
    let edges = written
        .iter()
        .map(|&(from, to, kind, strength, note)| Edge {
            from: id(from),
            to: id(to),
            kind,
            strength,
            note: note.map(str::to_owned),
        })
        .collect();

    let n = register.stakeholders.len();
    let graph = Graph::new(n, &pairs);
    let per_source = graph.nodes() + 2 * graph.edges();
    let max_sources = (WORK / per_source.max(1)).max(MIN_PIVOTS);
    let betweenness = centrality::betweenness(&graph, max_sources);
    let scores = betweenness
        .scores
        .iter()
        .map(|score| (score * 10_000.0).round() / 10_000.0)
        .collect();

    let ally_groups = components(n, &allies)
        .into_iter()
        .map(|group| {
            group
                .into_iter()
                .map(|i| register.stakeholders[i].id.clone())
                .collect()
        })
        .collect();
    let network = Network {
        measure: "betweenness",
        exact: betweenness.sources == n,
        sources: betweenness.sources,
        edges,
        ally_groups,
        withheld: Vec::new(),
    };
    (network, scores)
}

/// Connected components of two or more nodes, each sorted, in order of their first node.
fn components(n: usize, pairs: &[(u32, u32)]) -> Vec<Vec<usize>> {
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut v: usize) -> usize {
        while parent[v] != v {
            parent[v] = parent[parent[v]];
            v = parent[v];
        }
        v
    }
    for &(a, b) in pairs {
        let (ra, rb) = (root(&mut parent, a as usize), root(&mut parent, b as usize));
        // The smaller index becomes the root, so a group's root is its first member.
        parent[ra.max(rb)] = ra.min(rb);
    }
    let mut groups: Vec<Vec<usize>> = vec![Vec::new(); n];
    for v in 0..n {
        let r = root(&mut parent, v);
        groups[r].push(v);
    }
    groups.retain(|group| group.len() > 1);
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testing::{register, relationship, stakeholder};

    #[test]
    fn ally_groups_are_components_over_ally_edges_only() {
        let pairs = [(0, 1), (3, 2), (4, 3)];
        assert_eq!(components(6, &pairs), vec![vec![0, 1], vec![2, 3, 4]]);
        assert!(components(3, &[]).is_empty());
    }

    #[test]
    fn network_of_a_register() {
        let mut a = stakeholder("a", 3, 3);
        let mut b = stakeholder("b", 3, 3);
        let c = stakeholder("c", 3, 3);
        let mut d = stakeholder("d", 3, 3);
        a.relationships = vec![relationship("b", RelationKind::Ally)];
        b.relationships = vec![
            relationship("c", RelationKind::Conflict),
            relationship("a", RelationKind::Ally),
        ];
        d.relationships = vec![relationship("c", RelationKind::Ally)];
        let register = register(vec![a, b, c, d]);
        let (network, centrality) = network(&register, &Ids::of(&register));
        assert_eq!(
            network.ally_groups,
            vec![
                vec!["a".to_owned(), "b".into()],
                vec!["c".into(), "d".into()]
            ]
        );
        assert!(network.exact);
        assert_eq!(network.edges.len(), 4);
        assert_eq!(
            (network.edges[1].from.as_str(), network.edges[1].to.as_str()),
            ("b", "a")
        );
        // The path a–b–c–d: b and c each carry two of the three pairs of other nodes.
        assert_eq!(centrality, vec![0.0, 0.6667, 0.6667, 0.0]);
    }
}
