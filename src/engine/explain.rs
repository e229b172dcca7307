//! From egg explanations to certificate steps.
//!
//! egg's flat explanation of `l = r` is a list of terms, each obtained from the previous
//! one by exactly one rewrite, annotated (as a structured [`FlatTerm`], never parsed
//! from strings) at the rewritten node with the rule name and whether it was applied
//! forward or backward. A step of the certificate is that rewrite, stated as the kernel
//! checks it: the equation, the direction relative to the equation as written, the
//! position, the full instance (recovered by matching both sides of the equation against
//! the subterms before and after) and the resulting term. Rule names are read once,
//! through [`Justification::parse`]; instances are typed maps from the equation's
//! variables to [`Ground`] terms, compared structurally; strings are made only where
//! the certificate needs them, when a step is written. A step made by a clause
//! firing ([`Justification::Firing`], see [`crate::engine::horn`]) carries no usable instance
//! in the explanation (the clause's premise-only variables do not occur in it); the
//! caller turns it into a step from its record of the firing ([`steps_with_firings`]).
//!
//! The other direction of the seam is [`entries`]: proved goals as the proof layer's
//! plain [`Entry`] values (name, statement, proof), from which it writes certificates.
//!
//! Invariant: [`steps`] either returns steps that each name an equation of the rule set
//! it was given, or an error; it never invents a justification.

use crate::engine::equation::Equation;
use crate::engine::rewrite::{Justification, Lang, Op, Orient};
use crate::engine::Proved;
use crate::mpl::{Term, Theory, Var};
use crate::proof::Entry;
use egg::FlatTerm;
use ergo_kernel::format::{Dir, Step};
use std::collections::BTreeMap;
use std::fmt;

/// The certificate entries of proved goals, in the order given.
pub fn entries<'a>(proved: &[&'a Proved]) -> Vec<Entry<'a>> {
    proved.iter().map(|p| p.entry()).collect()
}

impl Proved {
    /// The certificate entry of this proved goal: its name, statement and proof.
    pub fn entry(&self) -> Entry<'_> {
        Entry {
            name: &self.name,
            statement: self.goal.formula(),
            proof: &self.proof,
        }
    }
}

/// A ground term read off an explanation: an operator or rigid-variable symbol and its
/// arguments. Equality is structural.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ground {
    /// The symbol.
    pub op: Op,
    /// The arguments.
    pub args: Vec<Ground>,
}

impl Ground {
    fn from_flat(t: &FlatTerm<Lang>) -> Ground {
        Ground {
            op: t.node.op,
            args: t.children.iter().map(Ground::from_flat).collect(),
        }
    }

    fn at(&self, pos: &[usize]) -> Option<&Ground> {
        match pos.split_first() {
            None => Some(self),
            Some((i, rest)) => self.args.get(*i)?.at(rest),
        }
    }
}

impl Ground {
    /// The term at the root of an egg expression.
    pub fn from_expr(e: &egg::RecExpr<Lang>) -> Ground {
        fn go(nodes: &[Lang], id: usize) -> Ground {
            let node = &nodes[id];
            Ground {
                op: node.op,
                args: node
                    .children
                    .iter()
                    .map(|c| go(nodes, usize::from(*c)))
                    .collect(),
            }
        }
        let nodes = e.as_ref();
        go(nodes, nodes.len() - 1)
    }
}

/// An egg expression in the certificate's term syntax (operator names as they are,
/// never quoted the way egg prints a symbol with a space, such as `"@['a, Bool]"`).
pub fn certificate_term(e: &egg::RecExpr<Lang>) -> String {
    Ground::from_expr(e).to_string()
}

impl fmt::Display for Ground {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.args.is_empty() {
            return write!(f, "{}", self.op);
        }
        write!(f, "({}", self.op)?;
        for a in &self.args {
            write!(f, " {a}")?;
        }
        f.write_str(")")
    }
}

/// Why an explanation could not be turned into steps (an engine bug, reported rather
/// than hidden).
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ExplainError {
    /// A term after the first carried no rewrite annotation.
    #[error("explanation step {0} has no rewrite annotation")]
    Unannotated(usize),
    /// A rewrite named a rule outside the rule set.
    #[error("explanation step {0} names an unknown rule `{1}`")]
    UnknownRule(usize, String),
    /// The equation did not match the rewritten subterm.
    #[error("explanation step {0}: rule `{1}` does not match the rewritten subterm")]
    NoMatch(usize, String),
    /// The explanation, written out step by step, would exceed the bound.
    #[error("the explanation would take more than {0} steps")]
    TooLong(usize),
}

/// Most rewrite steps a join's explanation may take once written out. egg shares
/// sub-proofs in its explanation trees; flattening unshares them, which can take
/// exponential time and memory (a join found in a block of a few thousand e-nodes whose
/// flat explanation filled gigabytes); such a join is not turned into a certificate.
pub const MAX_EXPLANATION_STEPS: usize = 20_000;

/// The number of steps of `explanation` once flattened, or `None` when above
/// [`MAX_EXPLANATION_STEPS`]; counted on the shared trees (each shared sub-proof
/// counted once per use, without building it), so it is cheap.
pub fn flat_steps(explanation: &egg::Explanation<Lang>) -> Option<usize> {
    type Tree = std::rc::Rc<egg::TreeTerm<Lang>>;
    fn steps(
        trees: &[Tree],
        memo: &mut std::collections::HashMap<*const egg::TreeTerm<Lang>, usize>,
    ) -> usize {
        let mut sum: usize = 0;
        for t in trees {
            let key = std::rc::Rc::as_ptr(t);
            let here = match memo.get(&key) {
                Some(n) => *n,
                None => {
                    let mut n = usize::from(t.forward_rule.is_some())
                        + usize::from(t.backward_rule.is_some());
                    for child in &t.child_proofs {
                        n = n.saturating_add(steps(child, memo));
                    }
                    memo.insert(key, n);
                    n
                }
            };
            sum = sum.saturating_add(here);
        }
        sum
    }
    let n = steps(&explanation.explanation_trees, &mut Default::default());
    (n <= MAX_EXPLANATION_STEPS).then_some(n)
}

/// Finds the (unique) annotated node: its position, rule and whether it is forward.
fn annotation(t: &FlatTerm<Lang>, pos: &mut Vec<usize>) -> Option<(egg::Symbol, bool)> {
    if let Some(r) = t.forward_rule {
        return Some((r, true));
    }
    if let Some(r) = t.backward_rule {
        return Some((r, false));
    }
    for (i, c) in t.children.iter().enumerate() {
        pos.push(i);
        if let Some(found) = annotation(c, pos) {
            return Some(found);
        }
        pos.pop();
    }
    None
}

fn matches(
    theory: &Theory,
    pat: &Term,
    eq: &Equation,
    g: &Ground,
    subst: &mut BTreeMap<Var, Ground>,
) -> bool {
    match pat {
        Term::Var(v) if eq.vars.contains(v) => match subst.get(v) {
            Some(old) => old == g,
            None => {
                subst.insert(*v, g.clone());
                true
            }
        },
        Term::Var(v) => g.args.is_empty() && g.op.as_str() == theory.name(v.name),
        Term::App(f, args) => {
            g.op.as_str() == theory.op(*f).name
                && g.args.len() == args.len()
                && args
                    .iter()
                    .zip(&g.args)
                    .all(|(p, c)| matches(theory, p, eq, c, subst))
        }
    }
}

/// Turns a flat explanation into certificate steps, using `rules` (every equation whose
/// rewrites were in the e-graph) to recover each step's equation and instance.
pub fn steps(
    theory: &Theory,
    flat: &[FlatTerm<Lang>],
    rules: &[&Equation],
) -> Result<Vec<Step>, ExplainError> {
    steps_with_firings(theory, flat, rules, &mut |i, k, _| {
        Err(ExplainError::UnknownRule(
            i,
            Justification::Firing(k).egg_name(),
        ))
    })
}

/// A step made by a recorded clause firing (see [`crate::engine::horn`]): called with the
/// explanation step's index, the firing's index, and the step's direction, position
/// and resulting term; returns the certificate step (with its premise proofs).
pub type FiringStep<'a> =
    dyn FnMut(usize, usize, (bool, Vec<usize>, String)) -> Result<Step, ExplainError> + 'a;

/// Like [`steps`], with the steps made by clause firings ([`Justification::Firing`])
/// turned into certificate steps by `firing`.
pub fn steps_with_firings(
    theory: &Theory,
    flat: &[FlatTerm<Lang>],
    rules: &[&Equation],
    firing: &mut FiringStep<'_>,
) -> Result<Vec<Step>, ExplainError> {
    let mut out = Vec::new();
    for (i, pair) in flat.windows(2).enumerate() {
        let (before, after) = (Ground::from_flat(&pair[0]), Ground::from_flat(&pair[1]));
        let mut pos = Vec::new();
        let (rule, forward) = annotation(&pair[1], &mut pos).ok_or(ExplainError::Unannotated(i))?;
        let unknown = || ExplainError::UnknownRule(i, rule.to_string());
        let parsed = match Justification::parse(rule.as_str()).ok_or_else(unknown)? {
            Justification::Firing(k) => {
                out.push(firing(i, k, (forward, pos, after.to_string()))?);
                continue;
            }
            Justification::Rule(r) => r,
        };
        let eq = rules
            .iter()
            .find(|e| e.kind == parsed.kind && e.name == parsed.name)
            .ok_or_else(unknown)?;
        let dir = if forward {
            parsed.orient
        } else {
            parsed.orient.flip()
        };
        let (from, to) = match dir {
            Orient::Lr => (&eq.lhs, &eq.rhs),
            Orient::Rl => (&eq.rhs, &eq.lhs),
        };
        let mut subst = BTreeMap::new();
        let ok = match (before.at(&pos), after.at(&pos)) {
            (Some(b), Some(a)) => {
                matches(theory, from, eq, b, &mut subst) && matches(theory, to, eq, a, &mut subst)
            }
            _ => false,
        };
        if !ok || subst.len() != eq.vars.len() {
            return Err(ExplainError::NoMatch(i, rule.to_string()));
        }
        out.push(Step {
            sorts: Default::default(),
            premises: Vec::new(),
            kind: eq.kind.step_kind(),
            rule: eq.name.clone(),
            dir: match dir {
                Orient::Lr => Dir::Lr,
                Orient::Rl => Dir::Rl,
            },
            pos,
            subst: subst
                .iter()
                .map(|(v, g)| (theory.name(v.name).to_string(), g.to_string()))
                .collect(),
            term: after.to_string(),
        });
    }
    Ok(out)
}
