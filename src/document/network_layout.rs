//! Where the relationship network places its stakeholders: stress majorisation (Gansner,
//! Koren and North, "Graph drawing by stress majorization", 2004), then swaps of two
//! stakeholders' places wherever that removes edge crossings.
//!
//! Stress majorisation places every pair of stakeholders as far apart as their distance
//! in the graph (hops), weighting near pairs most, so connected people sit close and
//! lines stay short. Ally groups are kept together by asking members of different groups
//! to sit further apart than their hops. It starts from the groups on a circle and uses
//! no randomness, so the same register always gives the same drawing. The crossing
//! reduction that follows is a greedy, deterministic local search.
//!
//! No layout crate among those the project already depends on does this, and the two
//! steps are a few dozen lines each; a general graph-drawing crate would bring far more.

/// Rounds of stress majorisation: the layouts of registers of up to a few dozen nodes
/// have settled long before.
const ITERATIONS: usize = 300;
/// Passes of the swap search at most.
const SWAP_PASSES: usize = 4;
/// How much further apart than their hops members of different ally groups should sit.
const APART: f64 = 1.35;

/// Positions in 0–1 (x across, y down) of `n` nodes joined by `edges` (pairs of node
/// indices, any direction), with `groups` (each a list of nodes, every node in one) kept
/// together; `start` gives the initial positions (any scale).
pub fn layout(
    n: usize,
    edges: &[(usize, usize)],
    groups: &[Vec<usize>],
    start: &[(f64, f64)],
) -> Vec<(f64, f64)> {
    if n == 0 {
        return Vec::new();
    }
    if n == 1 {
        return vec![(0.5, 0.5)];
    }
    let hops = hops(n, edges);
    let mut group = vec![0; n];
    for (g, members) in groups.iter().enumerate() {
        for &i in members {
            group[i] = g;
        }
    }
    let sizes: Vec<usize> = groups.iter().map(Vec::len).collect();
    // The ideal distance of every pair.
    let far = hops
        .iter()
        .flatten()
        .filter(|d| d.is_finite())
        .fold(1.0_f64, |a, &b| a.max(b))
        + 1.0;
    let mut ideal = vec![vec![0.0; n]; n];
    for i in 0..n {
        for j in 0..n {
            if i == j {
                continue;
            }
            let mut d = if hops[i][j].is_finite() {
                hops[i][j]
            } else {
                far
            };
            if group[i] != group[j] && (sizes[group[i]] > 1 || sizes[group[j]] > 1) {
                d *= APART;
            }
            ideal[i][j] = d;
        }
    }
    let mut pos: Vec<(f64, f64)> = start.to_vec();
    pos.resize(n, (0.0, 0.0));
    // Scale the start to the ideal distances' scale.
    let spread = far / 2.0;
    for p in &mut pos {
        *p = ((p.0 - 0.5) * 2.0 * spread, (p.1 - 0.5) * 2.0 * spread);
    }
    for _ in 0..ITERATIONS {
        for i in 0..n {
            let (mut sx, mut sy, mut sw) = (0.0, 0.0, 0.0);
            for j in 0..n {
                if i == j {
                    continue;
                }
                let d = ideal[i][j];
                let w = 1.0 / (d * d);
                let (dx, dy) = (pos[i].0 - pos[j].0, pos[i].1 - pos[j].1);
                let len = (dx * dx + dy * dy).sqrt();
                // Coincident points: push apart along a direction fixed by the indices.
                let (ux, uy) = if len > 1e-9 {
                    (dx / len, dy / len)
                } else {
                    let a = (i * 31 + j * 17) as f64;
                    (a.cos(), a.sin())
                };
                sx += w * (pos[j].0 + d * ux);
                sy += w * (pos[j].1 + d * uy);
                sw += w;
            }
            pos[i] = (sx / sw, sy / sw);
        }
    }
    uncross(&mut pos, edges);
    normalise(&pos)
}

/// Hops between every pair (infinite when not connected), by breadth-first search.
fn hops(n: usize, edges: &[(usize, usize)]) -> Vec<Vec<f64>> {
    let mut next = vec![Vec::new(); n];
    for &(a, b) in edges {
        if a < n && b < n && a != b {
            next[a].push(b);
            next[b].push(a);
        }
    }
    (0..n)
        .map(|source| {
            let mut d = vec![f64::INFINITY; n];
            d[source] = 0.0;
            let mut queue = std::collections::VecDeque::from([source]);
            while let Some(i) = queue.pop_front() {
                for &j in &next[i] {
                    if d[j].is_infinite() {
                        d[j] = d[i] + 1.0;
                        queue.push_back(j);
                    }
                }
            }
            d
        })
        .collect()
}

/// Crossings of straight edges at `pos`.
pub fn crossings(pos: &[(f64, f64)], edges: &[(usize, usize)]) -> usize {
    let mut count = 0;
    for (k, &(a, b)) in edges.iter().enumerate() {
        for &(c, d) in &edges[k + 1..] {
            if a == c || a == d || b == c || b == d {
                continue;
            }
            if crate::render::scene::segments_cross(pos[a], pos[b], pos[c], pos[d]) {
                count += 1;
            }
        }
    }
    count
}

/// Swaps the places of two nodes wherever that lowers the crossings, in index order,
/// until a pass finds nothing (or after [`SWAP_PASSES`]). A swap must not lengthen the
/// edges by more than a quarter, so that the stress layout's shape survives.
fn uncross(pos: &mut [(f64, f64)], edges: &[(usize, usize)]) {
    let length = |pos: &[(f64, f64)]| -> f64 {
        edges
            .iter()
            .map(|&(a, b)| ((pos[a].0 - pos[b].0).powi(2) + (pos[a].1 - pos[b].1).powi(2)).sqrt())
            .sum()
    };
    let base_length = length(pos);
    let mut best = crossings(pos, edges);
    for _ in 0..SWAP_PASSES {
        let mut improved = false;
        for i in 0..pos.len() {
            for j in i + 1..pos.len() {
                pos.swap(i, j);
                let c = crossings(pos, edges);
                if c < best && length(pos) <= base_length * 1.25 {
                    best = c;
                    improved = true;
                } else {
                    pos.swap(i, j);
                }
            }
        }
        if !improved {
            break;
        }
    }
}

/// Into 0–1 on both axes, three decimals (stable text in JSON and snapshots).
fn normalise(pos: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for &(x, y) in pos {
        x0 = x0.min(x);
        x1 = x1.max(x);
        y0 = y0.min(y);
        y1 = y1.max(y);
    }
    let (w, h) = ((x1 - x0).max(1e-9), (y1 - y0).max(1e-9));
    let round = |v: f64| (v * 1000.0).round() / 1000.0;
    pos.iter()
        .map(|&(x, y)| (round((x - x0) / w), round((y - y0) / h)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_crossed_square_is_drawn_uncrossed() {
        // A four-cycle started with two of its corners swapped draws as a bow tie.
        let edges = [(0, 1), (1, 2), (2, 3), (3, 0)];
        let start = [(0.0, 0.0), (1.0, 1.0), (1.0, 0.0), (0.0, 1.0)];
        let pos = layout(4, &edges, &[vec![0], vec![1], vec![2], vec![3]], &start);
        assert_eq!(crossings(&pos, &edges), 0);
        assert_eq!(
            pos,
            layout(4, &edges, &[vec![0], vec![1], vec![2], vec![3]], &start)
        );
    }
}
