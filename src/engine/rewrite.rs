//! Translation of terms and equations into egg: ground terms become `RecExpr`s over
//! `SymbolLang` (operators and rigid variables are symbols), equations become up to two
//! `Rewrite`s, one per expressible orientation.
//!
//! Invariants:
//! - rule identity is typed ([`RuleName`]: kind, name, orientation; [`Justification`]
//!   adds clause firings); the egg name of a rewrite, `<kind>:<name>:<lr|rl>`, is only its
//!   spelling at egg's string boundary, unique per rule set, and
//!   [`RuleName::parse`] recovers the kind, name and orientation from it, which is how an
//!   explanation step is traced back to the equation it applied;
//! - an orientation is expressible when its source side is not a bare variable and every
//!   variable of its target side occurs in its source side (egg cannot invent values).

use super::equation::{Equation, RuleKind};
use crate::mpl::{Term, Theory, Var};
use egg::{ENodeOrVar, Pattern, PatternAst, RecExpr, Rewrite, Symbol, SymbolLang};

/// The e-graph language of the engine.
pub type Lang = SymbolLang;
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
        Term::Var(v) => e.add(SymbolLang::leaf(theory.name(v.name))),
        Term::App(f, args) => {
            let ids = args.iter().map(|a| add_expr(theory, a, e)).collect();
            e.add(SymbolLang::new(theory.op(*f).name.as_str(), ids))
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
            Term::Var(v) => p.add(ENodeOrVar::ENode(SymbolLang::leaf(theory.name(v.name)))),
            Term::App(f, args) => {
                let ids = args.iter().map(|a| go(theory, a, vars, p)).collect();
                p.add(ENodeOrVar::ENode(SymbolLang::new(
                    Symbol::from(theory.op(*f).name.as_str()),
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
