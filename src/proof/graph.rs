//! The proof graph: which axioms, theorems and induction hypotheses each theorem uses.
//!
//! Nodes are axioms, theorems and hypotheses (a hypothesis belongs to one theorem);
//! an edge `a -> b` means "a's proof uses b". Node and edge insertion follow the
//! certificate's order, so every walk over the graph is deterministic.
//!
//! Invariant: built from a certificate's steps alone, so it shows what the proofs cite,
//! not what the prover had available.

use ergo_kernel::format::{Certificate, StepKind};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::Dfs;
use std::collections::BTreeMap;

/// A node of the proof graph.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Node {
    /// An axiom of the theory.
    Axiom(String),
    /// A theorem of the certificate.
    Theorem(String),
    /// An induction hypothesis: the theorem it belongs to, then its name.
    Hypothesis(String, String),
}

/// The dependency graph of a certificate.
pub struct ProofGraph {
    graph: DiGraph<Node, ()>,
    index: BTreeMap<Node, NodeIndex>,
}

impl ProofGraph {
    /// Builds the graph of `cert`.
    pub fn new(cert: &Certificate) -> ProofGraph {
        let mut g = ProofGraph {
            graph: DiGraph::new(),
            index: BTreeMap::new(),
        };
        for a in &cert.theory.axioms {
            g.node(Node::Axiom(a.name.clone()));
        }
        for t in &cert.theorems {
            let me = g.node(Node::Theorem(t.name.clone()));
            let mut used = Vec::new();
            t.proof.each_citation(&mut |kind, rule| {
                let n = match kind {
                    StepKind::Axiom => Node::Axiom(rule.to_string()),
                    StepKind::Theorem => Node::Theorem(rule.to_string()),
                    StepKind::Hyp => Node::Hypothesis(t.name.clone(), rule.to_string()),
                };
                if !used.contains(&n) {
                    used.push(n);
                }
            });
            for n in used {
                let to = g.node(n);
                g.graph.add_edge(me, to, ());
            }
        }
        g
    }

    fn node(&mut self, n: Node) -> NodeIndex {
        if let Some(i) = self.index.get(&n) {
            return *i;
        }
        let i = self.graph.add_node(n.clone());
        self.index.insert(n, i);
        i
    }

    /// What a theorem's proof cites directly, in first-use order.
    pub fn uses(&self, theorem: &str) -> Vec<&Node> {
        self.index
            .get(&Node::Theorem(theorem.to_string()))
            .map(|i| {
                let mut v: Vec<&Node> = self.graph.neighbors(*i).map(|n| &self.graph[n]).collect();
                v.reverse(); // petgraph lists the newest edge first
                v
            })
            .unwrap_or_default()
    }

    /// The axioms a theorem rests on, transitively, sorted by name.
    pub fn axioms_of(&self, theorem: &str) -> Vec<String> {
        let Some(start) = self.index.get(&Node::Theorem(theorem.to_string())) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut dfs = Dfs::new(&self.graph, *start);
        while let Some(n) = dfs.next(&self.graph) {
            if let Node::Axiom(a) = &self.graph[n] {
                out.push(a.clone());
            }
        }
        out.sort();
        out
    }

    /// Whether the theorem dependencies are acyclic.
    pub fn is_acyclic(&self) -> bool {
        !petgraph::algo::is_cyclic_directed(&self.graph)
    }

    /// Number of nodes and edges.
    pub fn size(&self) -> (usize, usize) {
        (self.graph.node_count(), self.graph.edge_count())
    }
}
