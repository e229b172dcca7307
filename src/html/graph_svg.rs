//! The dependency graph as an inline SVG picture, laid out in layers (Sugiyama style).
//!
//! Nodes are axioms and theorems, an edge `user -> used` means "the proof of `user` cites
//! `used`". The picture puts what is used above what uses it: layer 0 holds the nodes that
//! cite nothing (the axioms), and every other node sits one layer below the lowest node it
//! cites. Only the transitive reduction is drawn: a citation that is also reached through
//! a longer path (`mul_assoc` cites `mul_zero` and `mul_zero_l`, which rests on
//! `mul_zero`) gets no line of its own, which keeps the picture legible; hovering a node
//! still highlights everything it cites directly. A drawn edge that spans several layers
//! passes through invisible waypoints, one per layer, so it never runs through a node;
//! the long edges leaving one node share its waypoints (a trunk that branches where its
//! users sit), so a much-cited axiom draws one line down the picture, not a bundle.
//! Within a layer, nodes are ordered by repeated barycentre sweeps (the order with the
//! fewest crossings is kept), then placed as close to the mean position of their
//! neighbours as the spacing allows; a waypoint is keyed and placed on the straight line
//! between its edge's ends, so long edges keep to the band between them instead of
//! running down the sides of the picture.
//!
//! Invariants:
//! - the layout depends only on the nodes and edges and their order (no hashing, no
//!   randomness; ties keep the input order), so identical input draws identical SVG;
//! - coordinates are whole pixels, which keeps the markup small;
//! - each node is a link (`<a href>`) with a `<title>` (its statement) and a `data-d`
//!   attribute listing the ids of every node it cites directly and of its drawn outgoing
//!   edges, which `site.js` highlights on hover and focus.

use maud::{html, Markup, PreEscaped};
use std::collections::BTreeMap;

/// What a node stands for; decides its style.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeKind {
    /// An axiom of the theory.
    Axiom,
    /// A theorem.
    Theorem,
    /// The theorem whose page shows the picture.
    Current,
}

/// A node of the picture.
#[derive(Clone, Debug)]
pub struct GraphNode {
    /// The text in the box.
    pub label: String,
    /// Where a click goes (relative URL).
    pub href: String,
    /// The tooltip (the statement).
    pub title: String,
    /// Its kind.
    pub kind: NodeKind,
}

/// A dependency graph to draw: nodes, and edges `(user, used)` as indices into `nodes`.
/// Edges must not form a cycle (certificates cite only earlier theorems).
#[derive(Clone, Debug, Default)]
pub struct Graph {
    /// The nodes, in the order that breaks ties.
    pub nodes: Vec<GraphNode>,
    /// The edges `(user, used)`.
    pub edges: Vec<(usize, usize)>,
}

const NODE_H: i64 = 24;
const LAYER_GAP: i64 = 36;
const NODE_GAP: f64 = 14.0;
const DUMMY_GAP: f64 = 6.0;
const MARGIN: i64 = 6;
/// Advance of one character of the 12 px monospace label font.
const CHAR_W: f64 = 7.3;
const PAD: f64 = 14.0;
const SWEEPS: usize = 12;

/// A vertex of the layered layout: a node, or a waypoint of a long edge.
struct Vertex {
    layer: usize,
    width: f64,
    x: f64,
    /// For a waypoint: the node its edges leave (above) and the nodes they reach (below).
    ends: Option<(usize, Vec<usize>)>,
}

struct Layout {
    vertices: Vec<Vertex>,
    /// Vertex ids per layer, in left-to-right order.
    layers: Vec<Vec<usize>>,
    /// Per edge: its vertices from the used node (top) down to the user node.
    paths: Vec<Vec<usize>>,
}

/// Draws `g` as an `<svg>` element. `id` prefixes every element id, so that two
/// pictures could share a page.
pub fn svg(g: &Graph, id: &str) -> Markup {
    let drawn = transitive_reduction(g.nodes.len(), &g.edges);
    let lay = layout(g, &drawn);
    let n = g.nodes.len();
    let width = lay
        .vertices
        .iter()
        .map(|v| (v.x + v.width / 2.0).round() as i64)
        .max()
        .unwrap_or(0)
        + MARGIN;
    let height = (lay.layers.len() as i64 * (NODE_H + LAYER_GAP) - LAYER_GAP).max(0) + 2 * MARGIN;
    let top = |layer: usize| MARGIN + layer as i64 * (NODE_H + LAYER_GAP);
    let mut deps: Vec<Vec<String>> = vec![Vec::new(); n];
    for &(user, used) in &g.edges {
        let node = format!("{id}n{used}");
        if !deps[user].contains(&node) {
            deps[user].push(node);
        }
    }
    for (k, &(user, _)) in drawn.iter().enumerate() {
        deps[user].push(format!("{id}e{k}"));
    }
    let mut edges = String::new();
    for (k, path) in lay.paths.iter().enumerate() {
        let pts: Vec<(i64, i64, i64)> = path
            .iter()
            .map(|&v| {
                let vx = &lay.vertices[v];
                (vx.x.round() as i64, top(vx.layer), top(vx.layer) + NODE_H)
            })
            .collect();
        let mut d = format!("M{},{}", pts[0].0, pts[0].2);
        for (i, p) in pts.iter().enumerate().skip(1) {
            let prev_y = pts[i - 1].2;
            let mid = (prev_y + p.1) / 2;
            let px = pts[i - 1].0;
            d.push_str(&format!("C{px},{mid} {},{mid} {},{}", p.0, p.0, p.1));
            if i + 1 < pts.len() {
                d.push_str(&format!("V{}", p.2));
            }
        }
        edges.push_str(&format!(
            "<path id={id}e{k} d=\"{d}\" marker-end=\"url(#{id}ah)\"/>"
        ));
    }
    html! {
        svg.graph xmlns="http://www.w3.org/2000/svg" width=(width) height=(height)
            viewBox=(format!("0 0 {width} {height}")) aria-label="dependency graph" {
            defs {
                marker id=(format!("{id}ah")) viewBox="0 0 8 8" refX="8" refY="4"
                    markerWidth="7" markerHeight="7" orient="auto" {
                    path d="M0,0L8,4L0,8z";
                }
            }
            g.edges { (PreEscaped(edges)) }
            @for (k, node) in g.nodes.iter().enumerate() {
                @let v = &lay.vertices[k];
                @let x = (v.x - v.width / 2.0).round() as i64;
                @let y = top(v.layer);
                @let class = match node.kind {
                    NodeKind::Axiom => "ax",
                    NodeKind::Theorem => "th",
                    NodeKind::Current => "cur",
                };
                a id=(format!("{id}n{k}")) class=(class) href=(node.href) data-d=(deps[k].join(" ")) {
                    title { (node.title) }
                    rect x=(x) y=(y) width=(v.width.round() as i64) height=(NODE_H) rx="4" {}
                    text x=(v.x.round() as i64) y=(y + 16) { (node.label) }
                }
            }
        }
    }
}

/// The edges not implied by a longer path, in input order (duplicates dropped).
fn transitive_reduction(n: usize, edges: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut uses: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(user, used) in edges {
        if !uses[user].contains(&used) {
            uses[user].push(used);
        }
    }
    // reach(w, v): v reachable from w (w itself included), by a walk over `uses`.
    let reaches = |from: usize, target: usize| {
        let mut seen = vec![false; n];
        let mut stack = vec![from];
        while let Some(x) = stack.pop() {
            if x == target {
                return true;
            }
            if !std::mem::replace(&mut seen[x], true) {
                stack.extend(uses[x].iter().copied());
            }
        }
        false
    };
    let mut out: Vec<(usize, usize)> = Vec::new();
    for &(user, used) in edges {
        if out.contains(&(user, used)) {
            continue;
        }
        let implied = uses[user].iter().any(|&w| w != used && reaches(w, used));
        if !implied {
            out.push((user, used));
        }
    }
    out
}

fn layout(g: &Graph, edges: &[(usize, usize)]) -> Layout {
    let n = g.nodes.len();
    // Layers: longest path from the nodes that cite nothing.
    let mut uses: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(user, used) in edges {
        uses[user].push(used);
    }
    let mut layer: Vec<Option<usize>> = vec![None; n];
    for start in 0..n {
        assign_layer(start, &uses, &mut layer);
    }
    let layer: Vec<usize> = layer.into_iter().map(|l| l.unwrap_or(0)).collect();
    let depth = layer.iter().max().map_or(0, |m| m + 1);
    let mut vertices: Vec<Vertex> = g
        .nodes
        .iter()
        .zip(&layer)
        .map(|(node, &l)| Vertex {
            layer: l,
            width: node.label.chars().count() as f64 * CHAR_W + PAD,
            x: 0.0,
            ends: None,
        })
        .collect();
    // Waypoints for edges spanning several layers.
    // Waypoints for edges spanning several layers. The long edges leaving one node share
    // its waypoints (one trunk per node and layer, in input order of first use), so a
    // node cited from far below draws one line that branches, not a bundle of parallel
    // ones.
    let mut trunk: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    let mut paths = Vec::new();
    for &(user, used) in edges {
        let mut path = vec![used];
        for l in layer[used] + 1..layer[user] {
            let w = *trunk.entry((used, l)).or_insert_with(|| {
                vertices.push(Vertex {
                    layer: l,
                    width: 0.0,
                    x: 0.0,
                    ends: Some((used, Vec::new())),
                });
                vertices.len() - 1
            });
            if let Some((_, bottoms)) = &mut vertices[w].ends {
                bottoms.push(user);
            }
            path.push(w);
        }
        path.push(user);
        paths.push(path);
    }
    // Adjacency between consecutive layers (each pair once, in first-use order).
    let mut up: Vec<Vec<usize>> = vec![Vec::new(); vertices.len()];
    let mut down: Vec<Vec<usize>> = vec![Vec::new(); vertices.len()];
    for path in &paths {
        for w in path.windows(2) {
            if !down[w[0]].contains(&w[1]) {
                down[w[0]].push(w[1]);
                up[w[1]].push(w[0]);
            }
        }
    }
    let mut layers: Vec<Vec<usize>> = vec![Vec::new(); depth];
    for (v, vx) in vertices.iter().enumerate() {
        layers[vx.layer].push(v);
    }
    order_layers(&mut layers, &up, &down, &vertices);
    place(&mut vertices, &layers, &up, &down);
    Layout {
        vertices,
        layers,
        paths,
    }
}

fn assign_layer(v: usize, uses: &[Vec<usize>], layer: &mut [Option<usize>]) -> usize {
    if let Some(l) = layer[v] {
        return l;
    }
    // Iterative depth-first walk: graphs of derived theories can be deep.
    let mut stack = vec![(v, 0usize)];
    while let Some(top) = stack.last_mut() {
        let (u, next) = *top;
        if let Some(&w) = uses[u].get(next) {
            top.1 += 1;
            if layer[w].is_none() {
                stack.push((w, 0));
            }
        } else {
            let l = uses[u]
                .iter()
                .map(|&w| layer[w].map_or(0, |l| l + 1))
                .max()
                .unwrap_or(0);
            layer[u] = Some(l);
            stack.pop();
        }
    }
    layer[v].unwrap_or(0)
}

/// Barycentre ordering: alternate downward and upward sweeps, keep the best order seen.
/// Positions are relative (`(i + 1/2) / len` within a layer) so that layers of different
/// lengths compare; a waypoint's key is its place on the straight line between the
/// relative positions of its edge's two nodes, so a long edge keeps to the band between
/// its ends instead of drifting to a side of the picture.
fn order_layers(
    layers: &mut [Vec<usize>],
    up: &[Vec<usize>],
    down: &[Vec<usize>],
    vertices: &[Vertex],
) {
    let nv = vertices.len();
    let mut pos = vec![0.0f64; nv];
    let relative = |layers: &[Vec<usize>], pos: &mut [f64]| {
        for layer in layers {
            for (i, &v) in layer.iter().enumerate() {
                pos[v] = (i as f64 + 0.5) / layer.len() as f64;
            }
        }
    };
    relative(layers, &mut pos);
    let mut best = layers.to_vec();
    let mut best_cross = crossings(layers, down, nv);
    for sweep in 0..SWEEPS {
        let downward = sweep % 2 == 0;
        let order: Vec<usize> = if downward {
            (1..layers.len()).collect()
        } else {
            (0..layers.len().saturating_sub(1)).rev().collect()
        };
        for l in order {
            let adj = if downward { up } else { down };
            let mut keyed: Vec<(f64, usize, usize)> = layers[l]
                .iter()
                .enumerate()
                .map(|(i, &v)| {
                    let key = if let Some((top, bottoms)) = &vertices[v].ends {
                        interpolate(vertices, v, *top, bottoms, &pos)
                    } else if adj[v].is_empty() {
                        // No neighbour there: keep its relative place.
                        pos[v]
                    } else {
                        adj[v].iter().map(|&w| pos[w]).sum::<f64>() / adj[v].len() as f64
                    };
                    (key, i, v)
                })
                .collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            layers[l] = keyed.into_iter().map(|(_, _, v)| v).collect();
            let len = layers[l].len() as f64;
            for (i, &v) in layers[l].iter().enumerate() {
                pos[v] = (i as f64 + 0.5) / len;
            }
        }
        let c = crossings(layers, down, nv);
        if c < best_cross {
            best_cross = c;
            best = layers.to_vec();
        }
    }
    layers.clone_from_slice(&best);
}

/// Edge crossings between consecutive layers.
fn crossings(layers: &[Vec<usize>], down: &[Vec<usize>], nv: usize) -> usize {
    let mut pos = vec![0usize; nv];
    for layer in layers {
        for (i, &v) in layer.iter().enumerate() {
            pos[v] = i;
        }
    }
    let mut total = 0;
    for layer in layers {
        let mut segs: Vec<(usize, usize)> = Vec::new();
        for &v in layer {
            for &w in &down[v] {
                segs.push((pos[v], pos[w]));
            }
        }
        for (i, a) in segs.iter().enumerate() {
            for b in &segs[i + 1..] {
                if (a.0 < b.0 && a.1 > b.1) || (a.0 > b.0 && a.1 < b.1) {
                    total += 1;
                }
            }
        }
    }
    total
}

/// Horizontal placement: each vertex as near the mean of its neighbours as spacing
/// allows; a few passes downward and upward, then the picture is moved to the margin.
fn place(vertices: &mut [Vertex], layers: &[Vec<usize>], up: &[Vec<usize>], down: &[Vec<usize>]) {
    let gap = |a: &Vertex, b: &Vertex| {
        let g = if a.width == 0.0 || b.width == 0.0 {
            DUMMY_GAP
        } else {
            NODE_GAP
        };
        a.width / 2.0 + g + b.width / 2.0
    };
    // Start packed, each layer centred on the widest.
    let widths: Vec<f64> = layers
        .iter()
        .map(|l| {
            l.windows(2)
                .map(|w| gap(&vertices[w[0]], &vertices[w[1]]))
                .sum::<f64>()
        })
        .collect();
    let widest = widths.iter().cloned().fold(0.0, f64::max);
    for (layer, w) in layers.iter().zip(&widths) {
        let mut x = (widest - w) / 2.0;
        for (i, &v) in layer.iter().enumerate() {
            if i > 0 {
                x += gap(&vertices[layer[i - 1]], &vertices[v]);
            }
            vertices[v].x = x;
        }
    }
    for pass in 0..8 {
        let downward = pass % 2 == 0;
        let order: Vec<usize> = if downward {
            (1..layers.len()).collect()
        } else {
            (0..layers.len().saturating_sub(1)).rev().collect()
        };
        for l in order {
            let adj = if downward { up } else { down };
            let layer = &layers[l];
            let xs: Vec<f64> = vertices.iter().map(|v| v.x).collect();
            let mut want: Vec<Option<f64>> = layer
                .iter()
                .map(|&v| {
                    if let Some(x) = on_line(vertices, v, &xs) {
                        return Some(x);
                    }
                    let ns = &adj[v];
                    (!ns.is_empty())
                        .then(|| ns.iter().map(|&w| vertices[w].x).sum::<f64>() / ns.len() as f64)
                })
                .collect();
            // A vertex with no neighbour there wants to sit next to the one before it
            // (or after it), not where it happened to start.
            for i in 1..want.len() {
                if want[i].is_none() {
                    want[i] =
                        want[i - 1].map(|w| w + gap(&vertices[layer[i - 1]], &vertices[layer[i]]));
                }
            }
            for i in (0..want.len().saturating_sub(1)).rev() {
                if want[i].is_none() {
                    want[i] =
                        want[i + 1].map(|w| w - gap(&vertices[layer[i]], &vertices[layer[i + 1]]));
                }
            }
            let want: Vec<f64> = want
                .iter()
                .zip(layer)
                .map(|(w, &v)| w.unwrap_or(vertices[v].x))
                .collect();
            // The placement nearest to the wanted one that keeps order and spacing.
            let gaps: Vec<f64> = layer
                .windows(2)
                .map(|w| gap(&vertices[w[0]], &vertices[w[1]]))
                .collect();
            for (&v, x) in layer.iter().zip(nearest_spaced(&want, &gaps)) {
                vertices[v].x = x;
            }
        }
    }
    let min_left = vertices
        .iter()
        .map(|v| v.x - v.width / 2.0)
        .fold(f64::INFINITY, f64::min);
    if min_left.is_finite() {
        for v in vertices.iter_mut() {
            v.x += MARGIN as f64 + 1.0 - min_left;
        }
    }
}

/// Where a waypoint would sit on the straight lines between the node its edges leave
/// and the nodes they reach (the mean over those lines, at the current positions `x`;
/// `None` for a node): long edges then run between their ends instead of bundling along
/// the sides of the picture.
fn on_line(vertices: &[Vertex], v: usize, x: &[f64]) -> Option<f64> {
    let (top, bottoms) = vertices[v].ends.as_ref()?;
    Some(interpolate(vertices, v, *top, bottoms, x))
}

/// The mean, over the edges through waypoint `v`, of the point at `v`'s layer on the
/// straight line from `top` to the edge's lower node, in coordinates `at`.
fn interpolate(vertices: &[Vertex], v: usize, top: usize, bottoms: &[usize], at: &[f64]) -> f64 {
    let l = vertices[v].layer as f64;
    let a = vertices[top].layer as f64;
    let sum: f64 = bottoms
        .iter()
        .map(|&b| {
            let t = (l - a) / (vertices[b].layer as f64 - a);
            at[top] + t * (at[b] - at[top])
        })
        .sum();
    sum / bottoms.len().max(1) as f64
}

/// Minimises the squared distance to `want` subject to `x[i + 1] - x[i] >= gaps[i]`:
/// with `y[i] = x[i] - (gaps[0] + ... + gaps[i - 1])` it is isotonic regression of
/// `want[i] - offset[i]`, solved exactly by pooling adjacent violators.
fn nearest_spaced(want: &[f64], gaps: &[f64]) -> Vec<f64> {
    let mut offset = Vec::with_capacity(want.len());
    let mut acc = 0.0;
    for i in 0..want.len() {
        if i > 0 {
            acc += gaps[i - 1];
        }
        offset.push(acc);
    }
    // Blocks of pooled values: (mean, count).
    let mut blocks: Vec<(f64, usize)> = Vec::new();
    for (w, o) in want.iter().zip(&offset) {
        blocks.push((w - o, 1));
        while blocks.len() > 1 {
            let (b, nb) = blocks[blocks.len() - 1];
            let (a, na) = blocks[blocks.len() - 2];
            if a <= b {
                break;
            }
            blocks.pop();
            let n = na + nb;
            *blocks.last_mut().expect("two blocks") =
                ((a * na as f64 + b * nb as f64) / n as f64, n);
        }
    }
    let mut out = Vec::with_capacity(want.len());
    for (mean, count) in blocks {
        for _ in 0..count {
            out.push(mean + offset[out.len()]);
        }
    }
    out
}

#[cfg(test)]
mod tests;
