//! Tests of the layered layout of dependency graphs.

use super::*;

fn node(label: &str, kind: NodeKind) -> GraphNode {
    GraphNode {
        label: label.to_string(),
        href: format!("{label}.html"),
        title: label.to_string(),
        kind,
    }
}

fn diamond() -> Graph {
    Graph {
        nodes: vec![
            node("ax", NodeKind::Axiom),
            node("left", NodeKind::Theorem),
            node("right", NodeKind::Theorem),
            node("top", NodeKind::Current),
        ],
        edges: vec![(1, 0), (2, 0), (3, 1), (3, 2), (3, 0)],
    }
}

fn lay(g: &Graph) -> Layout {
    layout(g, &g.edges)
}

#[test]
fn layers_follow_the_longest_chain_of_uses() {
    let lay = lay(&diamond());
    let layers: Vec<usize> = lay.vertices.iter().take(4).map(|v| v.layer).collect();
    assert_eq!(layers, [0, 1, 1, 2]);
    // The edge top -> ax spans two layers: one waypoint.
    assert_eq!(lay.paths[4].len(), 3);
}

#[test]
fn long_edges_leaving_one_node_share_a_trunk() {
    // a and b are axioms; t1 cites b, t2 cites t1, u1 and u2 cite t2 and a.
    let g = Graph {
        nodes: vec![
            node("a", NodeKind::Axiom),
            node("b", NodeKind::Axiom),
            node("t1", NodeKind::Theorem),
            node("t2", NodeKind::Theorem),
            node("u1", NodeKind::Theorem),
            node("u2", NodeKind::Theorem),
        ],
        edges: vec![(2, 1), (3, 2), (4, 3), (4, 0), (5, 3), (5, 0)],
    };
    let lay = lay(&g);
    // a -> u1 and a -> u2 both cross layers 1 and 2: two shared waypoints in all.
    assert_eq!(lay.vertices.len(), 6 + 2);
    assert_eq!(lay.paths[3][..3], lay.paths[5][..3]);
    assert_eq!((lay.paths[3][3], lay.paths[5][3]), (4, 5));
}

/// A theory-like graph: `axioms` axioms, then `theorems` theorems each citing two to
/// five earlier nodes (a fixed pseudo-random choice, biased to recent ones).
fn theory_like(axioms: usize, theorems: usize) -> Graph {
    let mut g = Graph::default();
    for i in 0..axioms {
        g.nodes.push(node(&format!("ax{i}"), NodeKind::Axiom));
    }
    let mut seed: u64 = 12345;
    let mut next = |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize % n
    };
    for t in 0..theorems {
        let k = axioms + t;
        g.nodes.push(node(&format!("thm_{t}"), NodeKind::Theorem));
        for _ in 0..2 + next(4) {
            let used = if next(3) == 0 {
                next(axioms)
            } else {
                k - 1 - next(k.min(12))
            };
            g.edges.push((k, used));
        }
    }
    g
}

#[test]
fn a_hundred_theorems_are_layered_and_their_edges_stay_inside_the_picture() {
    let g = theory_like(10, 110);
    let drawn = transitive_reduction(g.nodes.len(), &g.edges);
    let lay = layout(&g, &drawn);
    for &(user, used) in &drawn {
        assert!(lay.vertices[used].layer < lay.vertices[user].layer);
    }
    // Each waypoint lies within the span of the nodes on the layers its edges cross.
    let n = g.nodes.len();
    let span = |from: usize, to: usize| {
        let on = lay.vertices[..n]
            .iter()
            .filter(|v| v.layer >= from && v.layer <= to);
        let left = on
            .clone()
            .map(|v| v.x - v.width / 2.0)
            .fold(f64::INFINITY, f64::min);
        let right = on
            .map(|v| v.x + v.width / 2.0)
            .fold(f64::NEG_INFINITY, f64::max);
        (left, right)
    };
    let mut waypoints = 0;
    for v in &lay.vertices[n..] {
        let (top, bottoms) = v.ends.as_ref().unwrap();
        let low = bottoms
            .iter()
            .map(|&b| lay.vertices[b].layer)
            .min()
            .unwrap();
        let (left, right) = span(lay.vertices[*top].layer, low);
        assert!(
            v.x >= left - NODE_GAP && v.x <= right + NODE_GAP,
            "waypoint at {} outside {left}..{right}",
            v.x
        );
        waypoints += 1;
    }
    assert!(waypoints > 0);
    let a = svg(&g, "g").into_string();
    assert_eq!(a, svg(&g, "g").into_string());
}

#[test]
fn implied_citations_are_not_drawn() {
    let g = diamond();
    let drawn = transitive_reduction(g.nodes.len(), &g.edges);
    assert_eq!(drawn, [(1, 0), (2, 0), (3, 1), (3, 2)]);
}

#[test]
fn nodes_of_a_layer_do_not_overlap() {
    let lay = lay(&diamond());
    for layer in &lay.layers {
        for w in layer.windows(2) {
            let (a, b) = (&lay.vertices[w[0]], &lay.vertices[w[1]]);
            assert!(a.x + a.width / 2.0 <= b.x - b.width / 2.0, "overlap");
        }
    }
}

#[test]
fn drawing_is_deterministic_and_links_every_node() {
    let a = svg(&diamond(), "g").into_string();
    assert_eq!(a, svg(&diamond(), "g").into_string());
    for label in ["ax", "left", "right", "top"] {
        assert!(a.contains(&format!("href=\"{label}.html\"")), "{label}");
    }
    // top -> ax is implied by top -> left -> ax: not drawn, still highlighted.
    assert_eq!(a.matches("<path id=").count(), 4);
    assert!(a.contains("data-d=\"gn1 gn2 gn0 ge2 ge3\""), "{a}");
}

#[test]
fn spacing_keeps_order_and_stays_near_the_wish() {
    assert_eq!(nearest_spaced(&[0.0, 10.0], &[4.0]), [0.0, 10.0]);
    assert_eq!(nearest_spaced(&[5.0, 5.0], &[4.0]), [3.0, 7.0]);
    assert_eq!(
        nearest_spaced(&[9.0, 0.0, 0.0], &[1.0, 1.0]),
        [2.0, 3.0, 4.0]
    );
}

#[test]
fn an_empty_graph_draws_an_empty_picture() {
    let s = svg(&Graph::default(), "g").into_string();
    assert!(s.starts_with("<svg"));
}
