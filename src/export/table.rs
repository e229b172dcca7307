//! The table of Coq names of one export: every sort (a Coq type), operator, predicate,
//! axiom, theorem, variable and hypothesis, allocated once per file, and how each
//! operator is printed.
//!
//! Invariants:
//! - every name is allocated by one [`Namer`] (see `names.rs`), so all are distinct Coq
//!   identifiers, in a fixed order: sorts (a family once, with its principles; a sort
//!   variable as `A`), operators (a scheme once), predicates, axioms (not the instances
//!   of a scheme), theorems, then variables and hypotheses in order of first appearance;
//! - a monomorphic theory gets exactly the names it always got;
//! - a name the table lacks prints as an unbound reference, so a gap makes `coqc` fail
//!   instead of capturing a binder.

use super::coq::NameEntry;
use super::names::{self, Namer};
use super::poly;
use crate::mpl::{Formula, Name, SortShape, Theory, Var};
use crate::proof::tree::Block;
use std::collections::BTreeMap;

/// The Coq name of every symbol, axiom, theorem, variable and hypothesis of an export.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// By sort index.
    pub sorts: Vec<String>,
    /// By operator index.
    pub ops: Vec<String>,
    /// By predicate index.
    pub preds: Vec<String>,
    /// By axiom index.
    pub axioms: Vec<String>,
    /// By theorem name (accepted theorems only).
    pub theorems: BTreeMap<String, String>,
    /// By interned variable name.
    pub vars: BTreeMap<Name, String>,
    /// By hypothesis name (`ih_<fresh>`, a split's hypothesis).
    pub hyps: BTreeMap<String, String>,
    /// By operator index: how a use of the operator prints (empty: all [`OpForm::Plain`]).
    pub forms: Vec<OpForm>,
    /// By sort index: the induction principle of an inductive sort, applied to the
    /// family's sort arguments for an instance (`N_ind`, `List_ind N`).
    pub inductions: Vec<String>,
}

/// How a use of an operator prints in Coq.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpForm {
    /// A monomorphic operator: its name applied to its arguments.
    Plain,
    /// An instance of a scheme: `@name S1 .. Sk args`, the sorts given to the scheme's
    /// parameters first (by sort index).
    Instance(Vec<crate::mpl::SortId>),
    /// The application scheme `@`: `f x`.
    Apply,
}

/// The name printed for something the table lacks: an unbound reference, so that a
/// (never expected) gap in the table makes `coqc` fail instead of capturing a binder.
pub const UNNAMED: &str = "ergo_unnamed";

impl Table {
    /// The Coq name of a variable.
    pub fn var(&self, v: &Var) -> &str {
        self.vars.get(&v.name).map_or(UNNAMED, String::as_str)
    }
    /// The Coq name of a hypothesis.
    pub fn hyp(&self, name: &str) -> &str {
        self.hyps.get(name).map_or(UNNAMED, String::as_str)
    }
    /// The Coq type of a sort (`N`, `A`, `List A`, `A -> Bool`).
    pub fn sort(&self, s: crate::mpl::SortId) -> &str {
        self.sorts.get(s.0 as usize).map_or(UNNAMED, String::as_str)
    }
    /// The Coq type of a sort as an argument: parenthesized unless it is one identifier.
    pub fn sort_arg(&self, s: crate::mpl::SortId) -> String {
        parenthesize(self.sort(s))
    }
    /// The induction principle of an inductive sort, with the family's sort arguments.
    pub fn induction(&self, s: crate::mpl::SortId) -> String {
        match self.inductions.get(s.0 as usize) {
            Some(i) if !i.is_empty() => i.clone(),
            _ => format!("{}_ind", self.sort(s)),
        }
    }
    /// The Coq name of an operator (of its scheme, for an instance).
    pub fn op(&self, o: crate::mpl::OpId) -> &str {
        self.ops.get(o.0 as usize).map_or(UNNAMED, String::as_str)
    }
    /// How a use of an operator prints.
    pub fn form(&self, o: crate::mpl::OpId) -> &OpForm {
        self.forms.get(o.0 as usize).unwrap_or(&OpForm::Plain)
    }
}

/// `text` in parentheses unless it is a single identifier (or already atomic).
pub fn parenthesize(text: &str) -> String {
    if text.contains(' ') {
        format!("({text})")
    } else {
        text.to_string()
    }
}

/// The variables and hypotheses of a certificate, in order of first appearance.
#[derive(Default)]
pub struct Locals {
    /// The variables.
    pub vars: Vec<Name>,
    /// The hypotheses.
    pub hyps: Vec<String>,
}

impl Locals {
    /// Records the variables a formula binds, in order.
    pub fn formula(&mut self, f: &Formula) {
        match f {
            Formula::Forall(vs, body) => {
                self.vars.extend(vs.iter().map(|v| v.name));
                self.formula(body);
            }
            Formula::Not(x) => self.formula(x),
            Formula::And(xs) => xs.iter().for_each(|x| self.formula(x)),
            Formula::Implies(a, b) => {
                self.formula(a);
                self.formula(b);
            }
            Formula::Eq(..) | Formula::Atom(..) => {}
        }
    }

    /// Records the fresh variables and hypothesis names of a proof, in order of first
    /// appearance.
    pub fn block(&mut self, th: &Theory, block: &Block) {
        match block {
            Block::Chain(c) => {
                for s in c.rows.iter().flat_map(|r| &r.premises) {
                    self.block(th, &s.body);
                }
            }
            Block::Contradiction(c) => {
                for s in &c.premises {
                    self.block(th, &s.body);
                }
            }
            Block::Split(split) => {
                for case in &split.cases {
                    self.vars.extend(case.fresh.iter().map(|f| f.name));
                    self.hyps.push(split.hyp.clone());
                    self.block(th, &case.body);
                }
            }
            Block::Witness(w) => {
                self.vars.extend(w.goal.vars.iter().map(|v| v.name));
                for s in &w.proofs {
                    self.block(th, &s.body);
                }
            }
            Block::Obtain(o) => {
                for s in &o.premises {
                    self.block(th, &s.body);
                }
                self.vars.extend(o.exists.vars.iter().map(|v| v.name));
                self.vars.extend(o.fresh.iter().map(|v| v.name));
                self.hyps.extend(o.hyps.iter().map(|h| h.name.clone()));
                let base = super::proof::obtain_base(&o.hyps);
                self.hyps
                    .extend((1..o.fresh.len()).map(|i| format!("{base}.ex{i}")));
                if o.hyps.len() > 1 {
                    self.hyps.push(format!("{base}.all"));
                    self.hyps
                        .extend((1..o.hyps.len() - 1).map(|j| format!("{base}.rest{j}")));
                }
                self.block(th, &o.body);
            }
            Block::Induction(ind) => {
                for case in &ind.cases {
                    for f in &case.fresh {
                        self.vars.push(f.name);
                        if f.sort == ind.var.sort && !ind.split {
                            self.hyps.push(format!("ih_{}", th.name(f.name)));
                        }
                    }
                    self.block(th, &case.body);
                }
            }
        }
    }
}

/// Allocates every Coq name of the export (see `names.rs`): sorts first, each with the
/// principles Coq derives from an inductive type (`T_ind`, `T_rect`, `T_rec`, `T_sind`)
/// (a family once, at its generic instance; a sort variable by
/// [`names::sort_variable`]), then operators (a scheme once, at its generic instance),
/// predicates, axioms (not the instances of a scheme) and theorems, then variables and
/// hypotheses, all distinct.
pub fn allocate(th: &Theory, theorems: &[&str], locals: &Locals) -> Table {
    let mut namer = Namer::new();
    let principles: &[&str] = &["ind", "rect", "rec", "sind"];
    let mut sort_names = vec![String::new(); th.sorts.len()];
    let mut families = BTreeMap::new();
    for (i, s) in th.sorts.iter().enumerate() {
        let derived = if s.is_inductive() { principles } else { &[] };
        match &s.shape {
            SortShape::Plain => sort_names[i] = namer.assign_family(&s.name, derived),
            SortShape::Param => {
                sort_names[i] = namer.assign_family(&names::sort_variable(&s.name), &[]);
            }
            SortShape::Instance { family, .. } if poly::family_at(th, i).is_some() => {
                families.insert(family.clone(), namer.assign_family(family, derived));
            }
            SortShape::Instance { .. } | SortShape::Function { .. } => {}
        }
    }
    let (sorts, inductions) = poly::sort_types(th, &sort_names, &families);
    let declared: Vec<bool> = (0..th.operators.len())
        .map(|i| poly::is_declared_op(th, i))
        .collect();
    let mut globals: Vec<&str> = th
        .operators
        .iter()
        .zip(&declared)
        .filter(|(_, d)| **d)
        .map(|(o, _)| o.instance.as_ref().map_or(o.name.as_str(), |i| &i.scheme))
        .collect();
    let op_count = globals.len();
    globals.extend(th.predicates.iter().map(|p| p.name.as_str()));
    let own_axioms: Vec<&str> = th
        .axioms
        .iter()
        .filter(|a| a.instance.is_none())
        .map(|a| a.name.as_str())
        .collect();
    globals.extend(&own_axioms);
    globals.extend(theorems);
    let mut globals = namer.assign(&globals).into_iter();
    let mut schemes: BTreeMap<&str, String> = BTreeMap::new();
    let mut declared_ops = globals.by_ref().take(op_count);
    let mut ops = Vec::with_capacity(th.operators.len());
    for (o, d) in th.operators.iter().zip(&declared) {
        let name = if *d {
            declared_ops.next().unwrap_or_default()
        } else {
            String::new()
        };
        if let (true, Some(i)) = (*d, &o.instance) {
            schemes.insert(&i.scheme, name.clone());
        }
        ops.push(name);
    }
    for (o, name) in th.operators.iter().zip(ops.iter_mut()) {
        if let Some(i) = o.instance.as_ref().filter(|_| name.is_empty()) {
            *name = schemes.get(i.scheme.as_str()).cloned().unwrap_or_default();
        }
    }
    let preds = globals.by_ref().take(th.predicates.len()).collect();
    let own: BTreeMap<&str, String> = own_axioms
        .iter()
        .copied()
        .zip(globals.by_ref().take(own_axioms.len()))
        .collect();
    let axioms = th
        .axioms
        .iter()
        .map(|a| {
            let name = a.instance.as_ref().map_or(a.name.as_str(), |i| &i.scheme);
            own.get(name).cloned().unwrap_or_default()
        })
        .collect();
    let theorems = theorems
        .iter()
        .map(|t| t.to_string())
        .zip(globals)
        .collect();
    let mut vars: Vec<Name> = Vec::new();
    for v in &locals.vars {
        if !vars.contains(v) {
            vars.push(*v);
        }
    }
    let mut hyps: Vec<&str> = Vec::new();
    for h in &locals.hyps {
        if !hyps.contains(&h.as_str()) {
            hyps.push(h);
        }
    }
    let mut wanted: Vec<&str> = vars.iter().map(|v| th.name(*v)).collect();
    wanted.extend(&hyps);
    let mut assigned = namer.assign(&wanted).into_iter();
    Table {
        sorts,
        ops,
        preds,
        axioms,
        theorems,
        vars: vars.iter().copied().zip(assigned.by_ref()).collect(),
        hyps: hyps.iter().map(|h| h.to_string()).zip(assigned).collect(),
        forms: poly::forms(th),
        inductions,
    }
}

/// Every name of the export with its Coq name (variables and hypotheses only when
/// renamed).
pub fn mapping(th: &Theory, theorems: &[&str], table: &Table, locals: &Locals) -> Vec<NameEntry> {
    let entry = |kind, mpl: &str, coq: &str| NameEntry {
        kind,
        mpl: mpl.to_string(),
        coq: coq.to_string(),
    };
    let mut out = Vec::new();
    for (i, (s, coq)) in th.sorts.iter().zip(&table.sorts).enumerate() {
        let kind = if s.is_inductive() {
            "inductive"
        } else {
            "sort"
        };
        match &s.shape {
            SortShape::Plain => out.push(entry(kind, &s.name, coq)),
            SortShape::Param => out.push(entry("sort variable", &s.name, coq)),
            SortShape::Instance { .. } => {
                if let Some(f) = poly::family_at(th, i) {
                    let coq = coq.split(' ').next().unwrap_or_default();
                    out.push(entry(kind, &f.name, coq));
                }
            }
            SortShape::Function { .. } => {}
        }
    }
    for (i, (o, coq)) in th.operators.iter().zip(&table.ops).enumerate() {
        let kind = if o.constructor {
            "constructor"
        } else {
            "operator"
        };
        if poly::is_declared_op(th, i) {
            let mpl = o.instance.as_ref().map_or(&o.name, |i| &i.scheme);
            out.push(entry(kind, mpl, coq));
        }
    }
    for (p, coq) in th.predicates.iter().zip(&table.preds) {
        out.push(entry("predicate", &p.name, coq));
    }
    for (a, coq) in th.axioms.iter().zip(&table.axioms) {
        if a.instance.is_none() {
            out.push(entry("axiom", &a.name, coq));
        }
    }
    for t in theorems {
        out.push(entry("theorem", t, &table.theorems[*t]));
    }
    for (v, coq) in &table.vars {
        if th.name(*v) != coq && locals.vars.contains(v) {
            out.push(entry("variable", th.name(*v), coq));
        }
    }
    for (h, coq) in &table.hyps {
        if h != coq {
            out.push(entry("hypothesis", h, coq));
        }
    }
    out
}
