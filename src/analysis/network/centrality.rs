//! Betweenness centrality (Brandes 2001) on an unweighted, undirected graph, exact on
//! small graphs and estimated from evenly spread pivots on large ones (Brandes & Pich
//! 2007), so the cost stays within `pivots × (nodes + edges)`.

use rayon::prelude::*;

/// An undirected graph in compressed adjacency form: the neighbours of node `v` are
/// `targets[offsets[v]..offsets[v + 1]]`, sorted.
#[derive(Debug, Clone)]
pub struct Graph {
    offsets: Vec<usize>,
    targets: Vec<u32>,
}

impl Graph {
    /// A graph of `nodes` nodes; each pair is one undirected edge, whichever way round it
    /// is given and however often. Loops are ignored.
    pub fn new(nodes: usize, pairs: &[(u32, u32)]) -> Graph {
        let mut arcs: Vec<(u32, u32)> = pairs
            .iter()
            .filter(|(a, b)| a != b)
            .flat_map(|&(a, b)| [(a, b), (b, a)])
            .collect();
        arcs.sort_unstable();
        arcs.dedup();
        let mut offsets = vec![0; nodes + 1];
        for &(from, _) in &arcs {
            offsets[from as usize + 1] += 1;
        }
        for v in 0..nodes {
            offsets[v + 1] += offsets[v];
        }
        let targets = arcs.into_iter().map(|(_, to)| to).collect();
        Graph { offsets, targets }
    }

    /// Number of nodes.
    pub fn nodes(&self) -> usize {
        self.offsets.len() - 1
    }

    /// Number of undirected edges.
    pub fn edges(&self) -> usize {
        self.targets.len() / 2
    }

    fn neighbours(&self, v: u32) -> &[u32] {
        &self.targets[self.offsets[v as usize]..self.offsets[v as usize + 1]]
    }
}

/// Betweenness of every node, normalised to 0–1 (the share of all pairs of other nodes
/// whose shortest paths run through it).
#[derive(Debug, Clone, PartialEq)]
pub struct Betweenness {
    /// One score per node.
    pub scores: Vec<f64>,
    /// How many nodes the shortest paths were counted from: all of them when exact.
    pub sources: usize,
}

/// Partial sums are kept per chunk of sources and added in chunk order: a fixed chunk
/// count makes the floating-point result identical on every machine, whatever the
/// number of threads.
const CHUNKS: usize = 64;

/// Brandes' betweenness from every node when there are at most `max_sources` nodes,
/// else from `max_sources` pivots spread evenly over the node order, scaled up by
/// `nodes / max_sources`.
pub fn betweenness(graph: &Graph, max_sources: usize) -> Betweenness {
    let n = graph.nodes();
    let sources: Vec<u32> = if n <= max_sources {
        (0..n as u32).collect()
    } else {
        (0..max_sources)
            .map(|i| (i * n / max_sources) as u32)
            .collect()
    };
    let chunk = sources.len().div_ceil(CHUNKS).max(1);
    let partials: Vec<Vec<f64>> = sources
        .par_chunks(chunk)
        .map(|chunk| {
            let mut scratch = Scratch::new(n);
            let mut sums = vec![0.0; n];
            for &source in chunk {
                scratch.accumulate(graph, source, &mut sums);
            }
            sums
        })
        .collect();
    let mut scores = vec![0.0; n];
    for partial in partials {
        for (score, part) in scores.iter_mut().zip(partial) {
            *score += part;
        }
    }
    if n > 2 && !sources.is_empty() {
        // Every unordered pair is counted from both ends, hence the halving; the
        // estimate scales the pivots' sums up to all sources.
        let pairs = ((n - 1) * (n - 2)) as f64 / 2.0;
        let scale = n as f64 / sources.len() as f64 / 2.0 / pairs;
        for score in &mut scores {
            *score *= scale;
        }
    } else {
        scores.iter_mut().for_each(|s| *s = 0.0);
    }
    Betweenness {
        scores,
        sources: sources.len(),
    }
}

/// The per-source state of Brandes' algorithm, reused across sources.
struct Scratch {
    distance: Vec<i32>,
    paths: Vec<f64>,
    dependency: Vec<f64>,
    order: Vec<u32>,
    /// Arcs `(v, w)` of shortest paths, in the order their `v` was visited.
    arcs: Vec<(u32, u32)>,
}

impl Scratch {
    fn new(n: usize) -> Scratch {
        Scratch {
            distance: vec![-1; n],
            paths: vec![0.0; n],
            dependency: vec![0.0; n],
            order: Vec::with_capacity(n),
            arcs: Vec::new(),
        }
    }

    /// Adds the dependencies of `source` on every other node to `sums`.
    fn accumulate(&mut self, graph: &Graph, source: u32, sums: &mut [f64]) {
        for &v in &self.order {
            let v = v as usize;
            self.distance[v] = -1;
            self.paths[v] = 0.0;
            self.dependency[v] = 0.0;
        }
        self.order.clear();
        self.arcs.clear();
        self.distance[source as usize] = 0;
        self.paths[source as usize] = 1.0;
        self.order.push(source);
        // Breadth-first search; `order` is the queue and ends as the visiting order.
        let mut head = 0;
        while let Some(&v) = self.order.get(head) {
            head += 1;
            let next = self.distance[v as usize] + 1;
            for &w in graph.neighbours(v) {
                let w = w as usize;
                if self.distance[w] < 0 {
                    self.distance[w] = next;
                    self.order.push(w as u32);
                }
                if self.distance[w] == next {
                    self.paths[w] += self.paths[v as usize];
                    self.arcs.push((v, w as u32));
                }
            }
        }
        // Back-propagation: in reverse, every arc out of `w` comes before the arcs into
        // it, so `w`'s dependency is complete when it is passed on.
        for &(v, w) in self.arcs.iter().rev() {
            let (v, w) = (v as usize, w as usize);
            self.dependency[v] += self.paths[v] / self.paths[w] * (1.0 + self.dependency[w]);
        }
        for &w in &self.order[1..] {
            sums[w as usize] += self.dependency[w as usize];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exact(n: usize, pairs: &[(u32, u32)]) -> Vec<f64> {
        betweenness(&Graph::new(n, pairs), n).scores
    }

    fn close(actual: &[f64], expected: &[f64]) -> bool {
        actual.len() == expected.len()
            && actual
                .iter()
                .zip(expected)
                .all(|(a, e)| (a - e).abs() < 1e-12)
    }

    #[test]
    fn star_centre_lies_on_every_path() {
        let scores = exact(5, &[(0, 1), (0, 2), (0, 3), (0, 4)]);
        assert!(close(&scores, &[1.0, 0.0, 0.0, 0.0, 0.0]), "{scores:?}");
    }

    #[test]
    fn path_of_five() {
        // 0–1–2–3–4: node 1 carries 3 of the 6 pairs of others, node 2 carries 4.
        let scores = exact(5, &[(0, 1), (1, 2), (2, 3), (3, 4)]);
        assert!(
            close(&scores, &[0.0, 0.5, 4.0 / 6.0, 0.5, 0.0]),
            "{scores:?}"
        );
    }

    #[test]
    fn shortest_paths_split_evenly() {
        // A square 0–1–2–3–0: the pair (0, 2) has two paths, through 1 and through 3.
        let scores = exact(4, &[(0, 1), (1, 2), (2, 3), (3, 0)]);
        // Each node carries half of one pair out of three.
        assert!(close(&scores, &[1.0 / 6.0; 4]), "{scores:?}");
    }

    #[test]
    fn duplicate_reverse_and_loop_edges_count_once() {
        let graph = Graph::new(3, &[(0, 1), (1, 0), (0, 1), (2, 2), (1, 2)]);
        assert_eq!(graph.edges(), 2);
        assert!(close(&betweenness(&graph, 3).scores, &[0.0, 1.0, 0.0]));
    }

    #[test]
    fn small_and_disconnected_graphs() {
        assert!(close(&exact(2, &[(0, 1)]), &[0.0, 0.0]));
        assert!(exact(0, &[]).is_empty());
        // Two separate edges: no node lies between others.
        assert!(close(&exact(4, &[(0, 1), (2, 3)]), &[0.0; 4]));
    }

    #[test]
    fn estimates_from_pivots_on_large_graphs() {
        // A star of 101 nodes estimated from 10 pivots: the centre still carries every
        // path; pivots 0, 10, 20, … include the centre itself.
        let pairs: Vec<(u32, u32)> = (1..=100).map(|leaf| (0, leaf)).collect();
        let estimate = betweenness(&Graph::new(101, &pairs), 10);
        assert_eq!(estimate.sources, 10);
        assert!(
            (estimate.scores[0] - 0.909).abs() < 0.01,
            "{}",
            estimate.scores[0]
        );
        assert!(estimate.scores[1..].iter().all(|&s| s == 0.0));
    }
}
