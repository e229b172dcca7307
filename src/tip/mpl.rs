//! A checked TIP problem lowered to MPL text (docs/logic.md, sections 1 and 5): what
//! `ergo import tip` prints and what `check`, `prove` and `derive` load for a `.smt2`
//! file, through the one MPL loader.
//!
//! The lowering, command by command in file order:
//! - `declare-datatype(s)` (with `par`) becomes `inductive D('a) = c1 | c2(S, ..);`; a
//!   selector some term uses becomes an `op` with one defining axiom `SEL_def1`;
//! - `declare-sort` becomes `sort S;`; every function an `op` (its sort parameters are
//!   implicit, ML style); `(=> A B)` is `A -> B`, a sort parameter `a` is `'a`;
//! - each defined function's equations ([`super::equations`]) become one axiom each,
//!   `F_def1`, `F_def2`, .. (injective: the suffix after the last `_def` is a number);
//! - `assert` becomes the axiom `fact` (then `fact_2`, ..), `prove` the conjecture `goal`
//!   (then `goal_2`, ..); a goal under `par` is polymorphic through its sort variables;
//! - in formula position: `forall` is `(>[x: S, ..] F)` (with an `=>` body as premises),
//!   `exists` is `!(>[..] !F)`, `and` is `(&..)`, `or` is `!(&!A !B)`, `not` is `!F`,
//!   `=` is `(=[a, b])` (between formulas, both implications), `distinct` the pairwise
//!   disequations, and any other term of sort Bool `t` is `(=[t, true])` (`(not t)` is
//!   `(=[t, false])`, a premise the engine can use where `!(=[t, true])` is none);
//! - in term position: `ite` is `ite(c, a, b)`; `not`, `and`, `or`, `=>` are the Bool
//!   prelude's `notb`, `andb`, `orb`, `implb`; `=` is `_eq(a, b)`, an operator the
//!   translation declares when it is used (`_eq(x, x) = true` and `_eq(x, y) = true ->
//!   x = y`); `lambda` is `(\x y. t)`; `(@ f x)` is `f(x)` for a variable `f` and
//!   `@(t, x)` otherwise; `let` is substituted; `(_ nil a)` and `as` drop their sorts
//!   (the MPL infers them).
//!
//! Names go through [`super::names`]; the names that changed are listed in a comment
//! block at the top. Invariants: the text is a function of the problem alone
//! (deterministic: file order, then sorted maps); what cannot be said in MPL (a
//! quantifier inside a term, a `match` on something that is not a variable of the
//! definition) is a `tip-unsupported` diagnostic at its place in the `.smt2` file.
//!
//! ```
//! let p = ergo::tip::read_str("t.smt2", "(declare-datatype Nat ((Z) (S (p Nat))))\n\
//!     (define-fun-rec |+| ((x Nat) (y Nat)) Nat (match x ((Z y) ((S z) (S (|+| z y))))))\n\
//!     (prove (forall ((n Nat)) (= (|+| n Z) n)))").unwrap();
//! let t = ergo::tip::mpl::to_mpl(&p).unwrap();
//! assert!(t.text.contains("inductive Nat = Z | S(Nat);\n"));
//! assert!(t.text.contains("op m___2b(Nat, Nat) -> Nat;\n"));
//! assert!(t.text.contains("axiom m___2b_def2: (>[z: Nat, y: Nat] (=[m___2b(S(z), y), S(m___2b(z, y))]));"));
//! assert!(t.text.contains("conjecture goal: (>[n: Nat] (=[m___2b(n, Z), n]));"));
//! assert!(t.text.contains("//   +  ->  m___2b\n"));
//! ```

use std::collections::{BTreeMap, BTreeSet};

use super::ast::*;
use super::equations::{self, Pat};
use super::names::{for_comment, mangle};
use super::signature::SymbolKind;
use super::{Problem, Sort};
use crate::mpl::{Diagnostic, DiagnosticCode, Span};

/// The MPL text of a TIP problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Translation {
    /// The MPL text, header comment included.
    pub text: String,
    /// The TIP names whose MPL name differs, with that name, sorted by TIP name.
    pub renamed: Vec<(String, String)>,
}

type R<T> = Result<T, Box<Diagnostic>>;

/// TIP variable names in scope and the MPL text each stands for.
type Env = BTreeMap<String, String>;

/// Lowers a checked problem to MPL text.
pub fn to_mpl(p: &Problem) -> R<Translation> {
    let mut l = Lower {
        p,
        ops: BTreeSet::new(),
        renamed: BTreeMap::new(),
        uses_eq: false,
        params: Vec::new(),
        matches: 0,
        pending: String::new(),
    };
    for name in p.signature.symbols.keys() {
        l.ops.insert(mangle(name));
    }
    for n in [
        "true", "false", "ite", "notb", "andb", "orb", "implb", "_eq",
    ] {
        l.ops.insert(n.to_string());
    }
    let selectors = used_selectors(p);
    let definitions = equations::of_problem(p);
    let mut body = String::new();
    let (mut facts, mut goals) = (0, 0);
    for c in &p.commands {
        match &c.command {
            Command::Datatypes(ds) => {
                for d in ds {
                    body.push_str(&l.datatype(&d.name.text));
                }
                for d in ds {
                    body.push_str(&l.selectors(&d.name.text, &selectors));
                }
            }
            Command::Sort(n) => body.push_str(&format!("sort {};\n", l.name(&n.text))),
            Command::Funs { funs, .. } => {
                for f in funs {
                    body.push_str(&l.op(&f.name.text));
                }
                for f in funs {
                    if let Some(d) = definitions.iter().find(|d| d.name == f.name.text) {
                        let text = l.definition(d)?;
                        body.push_str(&std::mem::take(&mut l.pending));
                        body.push_str(&text);
                    }
                }
            }
            Command::Assert(f) => {
                facts += 1;
                let text = l.statement(f)?;
                body.push_str(&std::mem::take(&mut l.pending));
                body.push_str(&format!("axiom {}: {text};\n", numbered("fact", facts)));
            }
            Command::Prove(f) => {
                goals += 1;
                let text = l.statement(f)?;
                body.push_str(&std::mem::take(&mut l.pending));
                body.push_str(&format!(
                    "conjecture {}: {text};\n",
                    numbered("goal", goals)
                ));
            }
        }
    }
    let renamed: Vec<(String, String)> = l.renamed.into_iter().collect();
    let mut text = header(p, &renamed);
    if l.uses_eq {
        text.push_str(
            "// `=` inside a term: Boolean equality, declared by the translation.\n\
             op _eq('a, 'a) -> Bool;\n\
             axiom _eq_refl: (>[x] (=[_eq(x, x), true]));\n\
             axiom _eq_true: (>[x, y] (=[_eq(x, y), true]) (=[x, y]));\n",
        );
    }
    text.push_str(&body);
    Ok(Translation { text, renamed })
}

fn numbered(base: &str, k: usize) -> String {
    if k == 1 {
        base.to_string()
    } else {
        format!("{base}_{k}")
    }
}

fn header(p: &Problem, renamed: &[(String, String)]) -> String {
    let file = p
        .file
        .path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut h = format!(
        "// The TIP problem {} in MPL (`ergo import tip`; docs/logic.md, section 5).\n",
        for_comment(&file)
    );
    if !renamed.is_empty() {
        h.push_str(
            "// Names that are not MPL identifiers are mangled reversibly: `m__`, then the name\n\
             // with ASCII letters and digits kept and every other byte written `_` and two hex\n\
             // digits; a variable named like an operator gets `v__` in front. TIP -> MPL:\n",
        );
        for (tip, mpl) in renamed {
            h.push_str(&format!("//   {}  ->  {mpl}\n", for_comment(tip)));
        }
    }
    h
}

/// The selectors some term of the problem applies, by TIP name.
fn used_selectors(p: &Problem) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut note = |t: &Term| {
        t.visit(&mut |u| {
            if let TermKind::Apply {
                name,
                head: Some(Head::Sel),
                ..
            } = &u.kind
            {
                out.insert(name.text.clone());
            }
        })
    };
    for c in &p.commands {
        match &c.command {
            Command::Funs { funs, .. } => funs
                .iter()
                .filter_map(|f| f.body.as_ref())
                .for_each(&mut note),
            Command::Assert(f) | Command::Prove(f) => note(&f.body),
            _ => {}
        }
    }
    out
}

struct Lower<'a> {
    p: &'a Problem,
    /// Every MPL operator name: the problem's symbols, mangled, and the prelude's.
    ops: BTreeSet<String>,
    /// TIP name -> MPL name, for the names that changed.
    renamed: BTreeMap<String, String>,
    /// Whether some term uses `=` (then `_eq` is declared).
    uses_eq: bool,
    /// The sort parameters of the statement being lowered.
    params: Vec<String>,
    /// How many `match` terms were lifted to operators so far.
    matches: usize,
    /// The declarations of lifted `match` terms, to print before the statement that uses
    /// them.
    pending: String,
}

fn unsupported(span: Span, message: &str, label: &str) -> Box<Diagnostic> {
    Box::new(Diagnostic::new(
        DiagnosticCode::TipUnsupported,
        span,
        message,
        label,
    ))
}

fn conj(parts: Vec<String>) -> String {
    match parts.len() {
        0 => "(=[true, true])".to_string(),
        1 => parts.into_iter().next().unwrap_or_default(),
        _ => format!("(&{})", parts.join(" ")),
    }
}

/// `op(a, op(b, c))` for `[a, b, c]`, `unit` for none.
fn fold_right(op: &str, parts: Vec<String>, unit: &str) -> String {
    let mut it = parts.into_iter().rev();
    match it.next() {
        None => unit.to_string(),
        Some(last) => it.fold(last, |acc, x| format!("{op}({x}, {acc})")),
    }
}

fn pairs<T>(xs: &[T]) -> Vec<(&T, &T)> {
    xs.windows(2).map(|w| (&w[0], &w[1])).collect()
}

fn all_pairs<T>(xs: &[T]) -> Vec<(&T, &T)> {
    let mut out = Vec::new();
    for (i, a) in xs.iter().enumerate() {
        for b in &xs[i + 1..] {
            out.push((a, b));
        }
    }
    out
}

fn is_term(t: &Term) -> bool {
    let mut ok = true;
    t.visit(&mut |u| ok &= !matches!(u.kind, TermKind::Quant(..)));
    ok
}

/// A Bool-valued term that is no connective, equation or quantifier: `not` of it is the
/// equation with `false` (Bool has two constructors), a premise the engine can use.
fn is_atom(t: &Term) -> bool {
    matches!(t.kind, TermKind::Apply { .. } | TermKind::Match(..))
        || matches!(t.kind, TermKind::Builtin(Builtin::Ite | Builtin::At, _)) && is_term(t)
}

fn is_identifier(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_')
}

impl Lower<'_> {
    /// The MPL name of a declared TIP name (recorded if it changed).
    fn name(&mut self, tip: &str) -> String {
        let m = mangle(tip);
        if m != tip {
            self.renamed.insert(tip.to_string(), m.clone());
        }
        m
    }

    /// The MPL name of a bound variable.
    fn var(&mut self, tip: &str) -> String {
        let m = mangle(tip);
        let m = if self.ops.contains(&m) {
            format!("v__{m}")
        } else {
            m
        };
        if m != tip {
            self.renamed.insert(tip.to_string(), m.clone());
        }
        m
    }

    fn sort(&mut self, s: &Sort) -> String {
        match s {
            Sort::Bool => "Bool".to_string(),
            Sort::Con(n, args) if args.is_empty() => self.name(n),
            Sort::Con(n, args) => {
                let args: Vec<String> = args.iter().map(|a| self.sort(a)).collect();
                format!("{}({})", self.name(n), args.join(", "))
            }
            Sort::Param(p) => format!("'{}", self.name(p)),
            Sort::Fun(a, b) => {
                let left = self.sort_closed(a);
                format!("{left} -> {}", self.sort(b))
            }
            Sort::Meta(m) => format!("?{m}"),
        }
    }

    /// A sort, parenthesised if it is a function sort.
    fn sort_closed(&mut self, s: &Sort) -> String {
        match s {
            Sort::Fun(..) => format!("({})", self.sort(s)),
            _ => self.sort(s),
        }
    }

    /// The sort a binder's sort expression denotes under the current parameters.
    fn resolve(&self, e: &SortExpr) -> Sort {
        match e {
            SortExpr::Con(n, args, _) if args.is_empty() && self.params.contains(&n.text) => {
                Sort::Param(n.text.clone())
            }
            SortExpr::Con(n, args, _) if args.is_empty() && n.text == "Bool" => Sort::Bool,
            SortExpr::Con(n, args, _) => Sort::Con(
                n.text.clone(),
                args.iter().map(|a| self.resolve(a)).collect(),
            ),
            SortExpr::Fun(args, r, _) => Sort::fun(
                args.iter().map(|a| self.resolve(a)).collect(),
                self.resolve(r),
            ),
        }
    }

    fn datatype(&mut self, name: &str) -> String {
        let sig = &self.p.signature;
        let Some(d) = sig.datatypes.get(name) else {
            return String::new();
        };
        let d = d.clone();
        let params: Vec<String> = d
            .params
            .iter()
            .map(|p| self.sort(&Sort::Param(p.clone())))
            .collect();
        let head = if params.is_empty() {
            self.name(name)
        } else {
            format!("{}({})", self.name(name), params.join(", "))
        };
        let ctors: Vec<String> = d
            .ctors
            .iter()
            .map(|c| {
                let n = self.name(&c.name);
                if c.fields.is_empty() {
                    n
                } else {
                    let fs: Vec<String> = c.fields.iter().map(|(_, s)| self.sort(s)).collect();
                    format!("{n}({})", fs.join(", "))
                }
            })
            .collect();
        format!("inductive {head} = {};\n", ctors.join(" | "))
    }

    /// The `op` and defining axiom of each used selector of datatype `name`.
    fn selectors(&mut self, name: &str, used: &BTreeSet<String>) -> String {
        let Some(d) = self.p.signature.datatypes.get(name).cloned() else {
            return String::new();
        };
        let mut out = String::new();
        let dt = Sort::Con(
            name.to_string(),
            d.params.iter().cloned().map(Sort::Param).collect(),
        );
        for c in &d.ctors {
            for (k, (sel, fsort)) in c.fields.iter().enumerate() {
                if !used.contains(sel) {
                    continue;
                }
                let (s, arg, res) = (self.name(sel), self.sort(&dt), self.sort_closed(fsort));
                out.push_str(&format!("op {s}({arg}) -> {res};\n"));
                let vars: Vec<String> = (1..=c.fields.len())
                    .map(|j| self.var(&format!("x{j}")))
                    .collect();
                let binders: Vec<String> = vars
                    .iter()
                    .zip(&c.fields)
                    .map(|(v, (_, fs))| format!("{v}: {}", self.sort_closed(fs)))
                    .collect();
                let ctor = format!("{}({})", self.name(&c.name), vars.join(", "));
                out.push_str(&format!(
                    "axiom {s}_def1: (>[{}] (=[{s}({ctor}), {}]));\n",
                    binders.join(", "),
                    vars[k]
                ));
            }
        }
        out
    }

    fn op(&mut self, name: &str) -> String {
        let Some(sym) = self.p.signature.symbols.get(name).cloned() else {
            return String::new();
        };
        debug_assert!(matches!(
            sym.kind,
            SymbolKind::Declared | SymbolKind::Defined
        ));
        let n = self.name(name);
        let result = self.sort_closed(&sym.result);
        if sym.args.is_empty() {
            format!("op {n} -> {result};\n")
        } else {
            let args: Vec<String> = sym.args.iter().map(|a| self.sort(a)).collect();
            format!("op {n}({}) -> {result};\n", args.join(", "))
        }
    }

    fn definition(&mut self, d: &equations::Definition) -> R<String> {
        let fname = self.name(&d.name);
        let mut out = String::new();
        for (k, eq) in d.equations.iter().enumerate() {
            self.params = eq.params.clone();
            let mut vars = Vec::new();
            for p in &eq.lhs {
                pattern_vars(p, &mut vars);
            }
            let mut env = Env::new();
            let mut binders = Vec::new();
            for (v, s) in &vars {
                let m = self.var(v);
                binders.push(format!("{m}: {}", self.sort_closed(s)));
                env.insert(v.clone(), m);
            }
            let args: Vec<String> = eq.lhs.iter().map(|p| self.pattern(p, &env)).collect();
            let lhs = if args.is_empty() {
                fname.clone()
            } else {
                format!("{fname}({})", args.join(", "))
            };
            let rhs = self.term(&eq.rhs, &env)?;
            let eq_text = format!("(=[{lhs}, {rhs}])");
            let formula = if binders.is_empty() {
                eq_text
            } else {
                format!("(>[{}] {eq_text})", binders.join(", "))
            };
            out.push_str(&format!("axiom {fname}_def{}: {formula};\n", k + 1));
        }
        Ok(out)
    }

    fn pattern(&mut self, p: &Pat, env: &Env) -> String {
        match p {
            Pat::Var(v, _) => env.get(v).cloned().unwrap_or_else(|| mangle(v)),
            Pat::Con(c, args, _) if args.is_empty() => self.name(c),
            Pat::Con(c, args, _) => {
                let args: Vec<String> = args.iter().map(|a| self.pattern(a, env)).collect();
                format!("{}({})", self.name(c), args.join(", "))
            }
        }
    }

    fn statement(&mut self, f: &Formula) -> R<String> {
        self.params = f.params.iter().map(|n| n.text.clone()).collect();
        self.formula(&f.body, &Env::new())
    }

    /// Binds `bs` in a copy of `env`; gives it and the binders' MPL text.
    fn bind(&mut self, bs: &[Binder], env: &Env, annotate: bool) -> (Env, Vec<String>) {
        let mut env = env.clone();
        let mut out = Vec::new();
        for b in bs {
            let m = self.var(&b.name.text);
            env.insert(b.name.text.clone(), m.clone());
            if annotate {
                let s = self.resolve(&b.sort);
                out.push(format!("{m}: {}", self.sort_closed(&s)));
            } else {
                out.push(m);
            }
        }
        (env, out)
    }

    fn formulas(&mut self, ts: &[Term], env: &Env) -> R<Vec<String>> {
        ts.iter().map(|t| self.formula(t, env)).collect()
    }

    fn formula(&mut self, t: &Term, env: &Env) -> R<String> {
        Ok(match &t.kind {
            TermKind::Quant(q, bs, body) => {
                let (inner, binders) = self.bind(bs, env, true);
                let binders = binders.join(", ");
                match (q, &body.kind) {
                    (Quantifier::Forall, TermKind::Builtin(Builtin::Implies, args))
                        if args.len() >= 2 =>
                    {
                        let (last, premises) = args.split_last().unwrap_or_else(|| unreachable!());
                        let p = conj(self.formulas(premises, &inner)?);
                        let c = self.formula(last, &inner)?;
                        format!("(>[{binders}] {p} {c})")
                    }
                    (Quantifier::Forall, _) => {
                        format!("(>[{binders}] {})", self.formula(body, &inner)?)
                    }
                    (Quantifier::Exists, _) => {
                        format!("!(>[{binders}] !{})", self.formula(body, &inner)?)
                    }
                }
            }
            TermKind::Builtin(Builtin::Not, args) if args.len() == 1 && is_atom(&args[0]) => {
                format!("(=[{}, false])", self.term(&args[0], env)?)
            }
            TermKind::Builtin(Builtin::Not, args) if args.len() == 1 => {
                format!("!{}", self.formula(&args[0], env)?)
            }
            TermKind::Builtin(Builtin::And, args) => conj(self.formulas(args, env)?),
            TermKind::Builtin(Builtin::Or, args) if !args.is_empty() => {
                let parts = self.formulas(args, env)?;
                if parts.len() == 1 {
                    parts.into_iter().next().unwrap_or_default()
                } else {
                    let negated: Vec<String> = parts.into_iter().map(|p| format!("!{p}")).collect();
                    format!("!{}", conj(negated))
                }
            }
            TermKind::Builtin(Builtin::Implies, args) if args.len() >= 2 => {
                let (last, premises) = args.split_last().unwrap_or_else(|| unreachable!());
                let p = conj(self.formulas(premises, env)?);
                format!("(>[] {p} {})", self.formula(last, env)?)
            }
            TermKind::Builtin(Builtin::Eq, args)
                if args[0].sort == Some(Sort::Bool) && !args.iter().all(is_term) =>
            {
                let parts = self.formulas(args, env)?;
                let iffs = pairs(&parts)
                    .into_iter()
                    .map(|(a, b)| format!("(&(>[] {a} {b}) (>[] {b} {a}))"))
                    .collect();
                conj(iffs)
            }
            TermKind::Builtin(Builtin::Eq, args) => {
                let parts = self.terms(args, env)?;
                conj(
                    pairs(&parts)
                        .into_iter()
                        .map(|(a, b)| format!("(=[{a}, {b}])"))
                        .collect(),
                )
            }
            TermKind::Builtin(Builtin::Distinct, args) => {
                let parts = self.terms(args, env)?;
                conj(
                    all_pairs(&parts)
                        .into_iter()
                        .map(|(a, b)| format!("!(=[{a}, {b}])"))
                        .collect(),
                )
            }
            TermKind::Builtin(Builtin::Ite, args) if !args.iter().all(is_term) => {
                let c = self.formula(&args[0], env)?;
                let a = self.formula(&args[1], env)?;
                let b = self.formula(&args[2], env)?;
                format!("(&(>[] {c} {a}) (>[] !{c} {b}))")
            }
            TermKind::Let(bs, body) => {
                let inner = self.let_env(bs, env)?;
                self.formula(body, &inner)?
            }
            TermKind::Bool(true) => "(=[true, true])".to_string(),
            TermKind::Bool(false) => "!(=[true, true])".to_string(),
            _ => format!("(=[{}, true])", self.term(t, env)?),
        })
    }

    fn let_env(&mut self, bs: &[(Name, Term)], env: &Env) -> R<Env> {
        let mut inner = env.clone();
        for (n, u) in bs {
            let text = self.term(u, env)?;
            inner.insert(n.text.clone(), text);
        }
        Ok(inner)
    }

    fn terms(&mut self, ts: &[Term], env: &Env) -> R<Vec<String>> {
        ts.iter().map(|t| self.term(t, env)).collect()
    }

    fn term(&mut self, t: &Term, env: &Env) -> R<String> {
        Ok(match &t.kind {
            TermKind::Bool(b) => b.to_string(),
            TermKind::Apply {
                name,
                head: Some(Head::Var),
                ..
            } => match env.get(&name.text) {
                Some(v) => v.clone(),
                None => self.var(&name.text),
            },
            TermKind::Apply { name, args, .. } => {
                let n = self.name(&name.text);
                if args.is_empty() {
                    n
                } else {
                    format!("{n}({})", self.terms(args, env)?.join(", "))
                }
            }
            TermKind::Builtin(op, args) => {
                let parts = self.terms(args, env)?;
                match op {
                    Builtin::Ite => format!("ite({})", parts.join(", ")),
                    Builtin::Not => format!("notb({})", parts.join(", ")),
                    Builtin::And => fold_right("andb", parts, "true"),
                    Builtin::Or => fold_right("orb", parts, "false"),
                    Builtin::Implies => fold_right("implb", parts, "true"),
                    Builtin::Eq => {
                        self.uses_eq = true;
                        let eqs = pairs(&parts)
                            .into_iter()
                            .map(|(a, b)| format!("_eq({a}, {b})"))
                            .collect();
                        fold_right("andb", eqs, "true")
                    }
                    Builtin::Distinct => {
                        self.uses_eq = true;
                        let nes = all_pairs(&parts)
                            .into_iter()
                            .map(|(a, b)| format!("notb(_eq({a}, {b}))"))
                            .collect();
                        fold_right("andb", nes, "true")
                    }
                    Builtin::At => {
                        let (f, xs) = parts.split_first().unwrap_or_else(|| unreachable!());
                        let var_head = matches!(
                            args[0].kind,
                            TermKind::Apply {
                                head: Some(Head::Var),
                                ..
                            }
                        );
                        if var_head && is_identifier(f) {
                            format!("{f}({})", xs.join(", "))
                        } else {
                            xs.iter().fold(f.clone(), |acc, x| format!("@({acc}, {x})"))
                        }
                    }
                }
            }
            TermKind::Lambda(bs, body) => {
                let (inner, names) = self.bind(bs, env, false);
                format!("(\\{}. {})", names.join(" "), self.term(body, &inner)?)
            }
            TermKind::Let(bs, body) => {
                let inner = self.let_env(bs, env)?;
                self.term(body, &inner)?
            }
            TermKind::Quant(..) => {
                return Err(unsupported(
                    t.span,
                    "a quantifier inside a term cannot be said in MPL",
                    "a Bool-valued quantifier used as a term",
                ))
            }
            TermKind::Match(scrutinee, cases) => self.lift_match(t, scrutinee, cases, env)?,
        })
    }

    /// A `match` inside a term (a goal's, or on something other than a variable of the
    /// definition): a fresh operator `_matchN(scrutinee, free variables...)` defined by
    /// one equation per constructor, declared before the statement that uses it.
    fn lift_match(&mut self, t: &Term, scrutinee: &Term, cases: &[Case], env: &Env) -> R<String> {
        let sig = &self.p.signature;
        let (Some(Sort::Con(dt_name, sort_args)), Some(result)) =
            (scrutinee.sort.clone(), t.sort.clone())
        else {
            return Err(unsupported(
                t.span,
                "a `match` on a term of no datatype",
                "here",
            ));
        };
        let Some(dt) = sig.datatypes.get(&dt_name).cloned() else {
            return Err(unsupported(
                t.span,
                "a `match` on a term of no datatype",
                "here",
            ));
        };
        let mut free: Vec<(String, Sort)> = Vec::new();
        for c in cases {
            c.rhs.visit(&mut |u| {
                if let TermKind::Apply {
                    name,
                    head: Some(Head::Var),
                    ..
                } = &u.kind
                {
                    let bound = match &c.pattern {
                        Pattern::Con { binders, .. } => binders.iter().any(|b| b.text == name.text),
                        Pattern::Var(n) => n.text == name.text,
                        Pattern::Wildcard(_) => false,
                    };
                    if !bound
                        && env.contains_key(&name.text)
                        && !free.iter().any(|(f, _)| f == &name.text)
                    {
                        if let Some(s) = &u.sort {
                            free.push((name.text.clone(), s.clone()));
                        }
                    }
                }
            });
        }
        self.matches += 1;
        let op = format!("_match{}", self.matches);
        let inst: BTreeMap<String, Sort> =
            dt.params.iter().cloned().zip(sort_args.clone()).collect();
        let dt_sort = Sort::Con(dt_name.clone(), sort_args);
        let mut arg_sorts = vec![self.sort(&dt_sort)];
        arg_sorts.extend(free.iter().map(|(_, s)| self.sort(s)).collect::<Vec<_>>());
        let mut decl = format!(
            "op {op}({}) -> {};\n",
            arg_sorts.join(", "),
            self.sort_closed(&result)
        );
        let mut inner = Env::new();
        let mut free_binders = Vec::new();
        for (v, s) in &free {
            let m = self.var(v);
            free_binders.push(format!("{m}: {}", self.sort_closed(s)));
            inner.insert(v.clone(), m);
        }
        let mut k = 0;
        for (j, ctor) in dt.ctors.iter().enumerate() {
            let case = cases
                .iter()
                .find(|c| matches!(c.pattern, Pattern::Con { ctor: Some(i), .. } if i == j))
                .or_else(|| {
                    cases
                        .iter()
                        .find(|c| matches!(c.pattern, Pattern::Wildcard(_) | Pattern::Var(_)))
                });
            let Some(case) = case else { continue };
            let mut env_c = inner.clone();
            let mut binders = free_binders.clone();
            let mut fields = Vec::new();
            for (i, (_, fsort)) in ctor.fields.iter().enumerate() {
                let tip = match &case.pattern {
                    Pattern::Con { binders, .. } => binders[i].text.clone(),
                    _ => format!("x{}", i + 1),
                };
                let m = self.var(&tip);
                binders.push(format!("{m}: {}", self.sort_closed(&fsort.subst(&inst))));
                env_c.insert(tip, m.clone());
                fields.push(m);
            }
            let pat = if fields.is_empty() {
                self.name(&ctor.name)
            } else {
                format!("{}({})", self.name(&ctor.name), fields.join(", "))
            };
            if let Pattern::Var(n) = &case.pattern {
                env_c.insert(n.text.clone(), pat.clone());
            }
            let rhs = self.term(&case.rhs, &env_c)?;
            let mut args = vec![pat];
            args.extend(free.iter().map(|(v, _)| inner[v].clone()));
            k += 1;
            let eq = format!("(=[{op}({}), {rhs}])", args.join(", "));
            let formula = if binders.is_empty() {
                eq
            } else {
                format!("(>[{}] {eq})", binders.join(", "))
            };
            // Axiom names are plain (letter first, `grammars/certificate.md` section 5).
            let name = op.trim_start_matches('_');
            decl.push_str(&format!("axiom {name}_def{k}: {formula};\n"));
        }
        self.pending.push_str(&decl);
        let mut call = vec![self.term(scrutinee, env)?];
        for (v, _) in &free {
            call.push(env[v].clone());
        }
        Ok(format!("{op}({})", call.join(", ")))
    }
}

fn pattern_vars(p: &Pat, out: &mut Vec<(String, Sort)>) {
    match p {
        Pat::Var(v, s) => out.push((v.clone(), s.clone())),
        Pat::Con(_, args, _) => args.iter().for_each(|a| pattern_vars(a, out)),
    }
}
