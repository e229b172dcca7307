//! Translation of terms and equations into egg: ground terms become `RecExpr`s over
//! [`Lang`] (operators and rigid variables are [`Op`]s), equations become up to two
//! `Rewrite`s, one per expressible orientation.
//!
//! Invariants:
//! - every order of the language is an order of names: [`Op`] compares by its string,
//!   never by `egg::Symbol`'s interning index (process-global, so it depends on which
//!   thread met a name first); egg sorts an e-class's nodes by [`Lang`]'s `Ord`, so node
//!   order, and with it explanations, extraction and certificate steps, depend only on
//!   the names and the e-graph's own history;
//! - rule identity is typed ([`RuleName`]: kind, name, orientation; [`Justification`]
//!   adds clause firings); the egg name of a rewrite, `<kind>:<name>:<lr|rl>`, is only its
//!   spelling at egg's string boundary, unique per rule set, and
//!   [`RuleName::parse`] recovers the kind, name and orientation from it, which is how an
//!   explanation step is traced back to the equation it applied;
//! - an orientation is expressible when its source side is not a bare variable and every
//!   variable of its target side occurs in its source side (egg cannot invent values).

use super::equation::{Equation, RuleKind};
use crate::mpl::{Term, Theory, Var};
use egg::{ENodeOrVar, FromOp, Id, Language, Pattern, PatternAst, RecExpr, Rewrite, Symbol};
use std::cmp::Ordering;
use std::fmt;

/// An operator or rigid-variable name in the e-graph: the interned string of an
/// `egg::Symbol`, held as its `&'static str` (interned once, when the `Op` is made;
/// resolving a symbol takes a lock, which the e-graph's sorting must not). Equal names
/// share one interned string, so equality and hashing are by address (cheap), and the
/// order is by the string's contents.
///
/// ```
/// use ergo::engine::rewrite::Op;
/// let (late, early) = (Op::from("zz_fresh_b"), Op::from("zz_fresh_a"));
/// assert!(early < late); // interned later, still ordered first
/// assert_eq!(Op::from("zz_fresh_a"), early);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Op(&'static str);

impl Op {
    /// The name.
    pub fn as_str(&self) -> &'static str {
        self.0
    }
}

impl From<&str> for Op {
    fn from(s: &str) -> Op {
        Op(Symbol::from(s).as_str())
    }
}

impl PartialEq for Op {
    fn eq(&self, other: &Op) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

impl Eq for Op {}

impl std::hash::Hash for Op {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        std::ptr::hash(self.0, state)
    }
}

impl Ord for Op {
    fn cmp(&self, other: &Op) -> Ordering {
        if self == other {
            Ordering::Equal
        } else {
            self.0.cmp(other.0)
        }
    }
}

impl PartialOrd for Op {
    fn partial_cmp(&self, other: &Op) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The e-graph language of the engine: an operator and its children, ordered by the
/// operator's name, then the children (as `egg::SymbolLang`, but with no order that
/// depends on interning).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Lang {
    /// The operator.
    pub op: Op,
    /// The children.
    pub children: Vec<Id>,
}

impl Lang {
    /// A node applying `op` to `children`.
    pub fn new(op: &str, children: Vec<Id>) -> Lang {
        Lang {
            op: Op::from(op),
            children,
        }
    }

    /// A childless node.
    pub fn leaf(op: &str) -> Lang {
        Lang::new(op, Vec::new())
    }
}

impl Language for Lang {
    type Discriminant = Op;

    fn discriminant(&self) -> Op {
        self.op
    }

    fn matches(&self, other: &Lang) -> bool {
        self.op == other.op && self.children.len() == other.children.len()
    }

    fn children(&self) -> &[Id] {
        &self.children
    }

    fn children_mut(&mut self) -> &mut [Id] {
        &mut self.children
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.op, f)
    }
}

impl FromOp for Lang {
    type Error = std::convert::Infallible;

    fn from_op(op: &str, children: Vec<Id>) -> Result<Lang, Self::Error> {
        Ok(Lang::new(op, children))
    }
}
/// A rewrite of the engine's language.
pub type Rule = Rewrite<Lang, ()>;

/// Orientation of an equation used as a rewrite.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Orient {
    /// Left side to right side.
    Lr,
    /// Right side to left side.
    Rl,
}

impl Orient {
    /// The other orientation.
    pub fn flip(self) -> Orient {
        match self {
            Orient::Lr => Orient::Rl,
            Orient::Rl => Orient::Lr,
        }
    }
    /// The certificate spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Orient::Lr => "lr",
            Orient::Rl => "rl",
        }
    }
}

/// The parts of an egg rewrite name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleName {
    /// The equation's kind.
    pub kind: RuleKind,
    /// The equation's name.
    pub name: String,
    /// Which way the rewrite goes.
    pub orient: Orient,
}

impl RuleName {
    /// The egg name of an equation used in an orientation.
    pub fn format(kind: RuleKind, name: &str, orient: Orient) -> String {
        format!("{}:{}:{}", kind.as_str(), name, orient.as_str())
    }

    /// Recovers the parts of a name made by [`RuleName::format`].
    pub fn parse(s: &str) -> Option<RuleName> {
        let (kind, rest) = s.split_once(':')?;
        let (name, orient) = rest.rsplit_once(':')?;
        let kind = match kind {
            "axiom" => RuleKind::Axiom,
            "theorem" => RuleKind::Theorem,
            "hyp" => RuleKind::Hypothesis,
            _ => return None,
        };
        let orient = match orient {
            "lr" => Orient::Lr,
            "rl" => Orient::Rl,
            _ => return None,
        };
        Some(RuleName {
            kind,
            name: name.to_string(),
            orient,
        })
    }
}

/// What an egg explanation step names, typed: the rewrite of an equation (kind, name,
/// orientation), or a recorded clause firing (its index in the block's firing table,
/// see [`super::horn`]). egg names rules and unions by strings; this is the one place
/// that spells and reads them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Justification {
    /// A rewrite of an equation.
    Rule(RuleName),
    /// The `k`-th recorded clause firing.
    Firing(usize),
}

impl Justification {
    /// The egg name: [`RuleName::format`], or `horn#<k>`.
    pub fn egg_name(&self) -> String {
        match self {
            Justification::Rule(r) => RuleName::format(r.kind, &r.name, r.orient),
            Justification::Firing(k) => format!("horn#{k}"),
        }
    }

    /// Reads an egg name made by [`Justification::egg_name`].
    pub fn parse(s: &str) -> Option<Justification> {
        match s.strip_prefix("horn#") {
            Some(k) => k.parse().ok().map(Justification::Firing),
            None => RuleName::parse(s).map(Justification::Rule),
        }
    }
}

/// A ground term (rigid variables as symbols) as an egg expression.
pub fn expr(theory: &Theory, t: &Term) -> RecExpr<Lang> {
    let mut e = RecExpr::default();
    add_expr(theory, t, &mut e);
    e
}

fn add_expr(theory: &Theory, t: &Term, e: &mut RecExpr<Lang>) -> egg::Id {
    match t {
        Term::Var(v) => e.add(Lang::leaf(theory.name(v.name))),
        Term::App(f, args) => {
            let ids = args.iter().map(|a| add_expr(theory, a, e)).collect();
            e.add(Lang::new(theory.op(*f).name.as_str(), ids))
        }
    }
}

/// `t` as an egg pattern: the variables of `vars` become pattern variables `?name`, other
/// variables (rigid ones) are leaf symbols.
pub fn pattern(theory: &Theory, t: &Term, vars: &[Var]) -> Pattern<Lang> {
    fn go(theory: &Theory, t: &Term, vars: &[Var], p: &mut PatternAst<Lang>) -> egg::Id {
        match t {
            Term::Var(v) if vars.contains(v) => p.add(ENodeOrVar::Var(
                format!("?{}", theory.name(v.name))
                    .parse()
                    .expect("valid var"),
            )),
            Term::Var(v) => p.add(ENodeOrVar::ENode(Lang::leaf(theory.name(v.name)))),
            Term::App(f, args) => {
                let ids = args.iter().map(|a| go(theory, a, vars, p)).collect();
                p.add(ENodeOrVar::ENode(Lang::new(
                    theory.op(*f).name.as_str(),
                    ids,
                )))
            }
        }
    }
    let mut p = PatternAst::default();
    go(theory, t, vars, &mut p);
    Pattern::new(p)
}

fn pattern_vars(t: &Term, vars: &[Var], out: &mut Vec<Var>) {
    match t {
        Term::Var(v) if vars.contains(v) && !out.contains(v) => out.push(*v),
        Term::Var(_) => {}
        Term::App(_, args) => args.iter().for_each(|a| pattern_vars(a, vars, out)),
    }
}

fn expressible(from: &Term, to: &Term, vars: &[Var]) -> bool {
    if matches!(from, Term::Var(v) if vars.contains(v)) {
        return false;
    }
    let (mut fv, mut tv) = (Vec::new(), Vec::new());
    pattern_vars(from, vars, &mut fv);
    pattern_vars(to, vars, &mut tv);
    tv.iter().all(|v| fv.contains(v))
}

/// The egg rewrites of an equation: one per expressible orientation (none for `t = t`,
/// and none for a clause, which [`super::horn`] applies instead).
pub fn rewrites(theory: &Theory, eq: &Equation) -> Vec<Rule> {
    if eq.lhs == eq.rhs || !eq.is_plain() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for orient in [Orient::Lr, Orient::Rl] {
        let (from, to) = match orient {
            Orient::Lr => (&eq.lhs, &eq.rhs),
            Orient::Rl => (&eq.rhs, &eq.lhs),
        };
        if !expressible(from, to, &eq.vars) {
            continue;
        }
        let name = Justification::Rule(RuleName {
            kind: eq.kind,
            name: eq.name.clone(),
            orient,
        })
        .egg_name();
        let rule = Rewrite::new(
            name,
            pattern(theory, from, &eq.vars),
            pattern(theory, to, &eq.vars),
        )
        .expect("an expressible orientation is a valid rewrite");
        out.push(rule);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn node_order_is_name_order_whatever_the_interning_order() {
        // Interned in reverse name order: the e-class still lists `a` first.
        let (b, a) = ("rewrite_test_order_b", "rewrite_test_order_a");
        let mut g: egg::EGraph<Lang, ()> = Default::default();
        let ib = g.add(Lang::leaf(b));
        let ia = g.add(Lang::leaf(a));
        g.union(ia, ib);
        g.rebuild();
        let ops: Vec<&str> = g[ia].nodes.iter().map(|n| n.op.as_str()).collect();
        assert_eq!(ops, [a, b]);
    }

    #[test]
    fn patterns_parse_and_print() {
        let p: Pattern<Lang> = "(+ ?x (s ?y))".parse().unwrap();
        assert_eq!(p.to_string(), "(+ ?x (s ?y))");
    }
}
