//! Terms and formulas as readable text and as HTML with highlighted subterms.
//!
//! Invariants:
//! - the text is exactly that of `mpl::print::term_with` (infix from the declared fixity,
//!   minimal parentheses, numerals as decimals when the theory declares `0` and `s`); the
//!   HTML is that text, escaped, with `<span>`s added around marked subterms and nothing
//!   else, so its `textContent` equals the text;
//! - a marked position is the certificate's argument path (0-based, from the root); a
//!   numeral that has a mark strictly inside it is printed unfolded down to the mark
//!   (`s(1)` with `1` marked), so every mark is visible;
//! - a mark is wrapped inside the parentheses its subterm may need;
//! - in a polymorphic theory ([`super::sorts::is_polymorphic`]) the text is this
//!   module's own (the HTML without marks, unescaped): an instance operator prints as
//!   its scheme (`cons(x, l)`, not `cons[N](x, l)`), the application `@(f, x)` as
//!   `f(x)`, and a lambda's lifted operator `lam.N(a, ...)` as its definition
//!   `(λx. t)` with its free variables replaced (printed by name instead when a mark
//!   falls inside it, so every mark stays visible).

use crate::mpl::print::{self, infix_of, operand_needs_parens, Numerals};
use crate::mpl::{Formula, Name, OpId, Term, Theory, Var};
use crate::proof::clause::{Clause, Goal};
use maud::{Markup, PreEscaped};
use std::collections::BTreeMap;
use std::fmt::Write;

/// How a marked subterm is highlighted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// The subterm the next step rewrites (CSS class `rx`).
    Redex,
    /// The subterm the step that led to this line produced (CSS class `rs`).
    Result,
}

impl Mark {
    fn class(self) -> &'static str {
        match self {
            Mark::Redex => "rx",
            Mark::Result => "rs",
        }
    }
}

/// Prints the terms of one theory.
pub struct Printer<'t> {
    theory: &'t Theory,
    numerals: Option<Numerals>,
    /// For a polymorphic theory: the lifted lambdas' definitions, by operator name
    /// (scheme name for an instance); `None` for a monomorphic theory.
    lambdas: Option<BTreeMap<String, Lambda>>,
}

/// A lifted lambda's definition `@(lam.N(v1, ..., vk), x) = body`.
#[derive(Clone, Debug)]
pub struct Lambda {
    /// The free variables `v1..vk`, by name.
    pub free: Vec<Name>,
    /// The bound variable `x`.
    pub bound: Name,
    /// The body.
    pub body: Term,
}

/// The name of the application scheme (`docs/logic.md`, section 2).
const APPLY: &str = "@";

impl<'t> Printer<'t> {
    /// A printer for `theory`, with numerals if the theory declares them.
    pub fn new(theory: &'t Theory) -> Printer<'t> {
        let lambdas = super::sorts::is_polymorphic(theory).then(|| lambdas(theory));
        Printer {
            theory,
            numerals: Numerals::of(theory),
            lambdas,
        }
    }

    /// The theory printed from.
    pub fn theory(&self) -> &'t Theory {
        self.theory
    }

    /// Whether the theory has sort variables, families, function sorts or schemes (then
    /// statements show their variables' sorts).
    pub fn is_polymorphic(&self) -> bool {
        self.lambdas.is_some()
    }

    /// The lifted lambda `op` is, if it is one, with its name.
    pub fn lambda(&self, op: OpId) -> Option<(&str, &Lambda)> {
        let name = display_name(self.theory, op);
        let found = self.lambdas.as_ref()?.get(name)?;
        Some((name, found))
    }

    /// A term as readable text, e.g. `x * (y + 1)`.
    pub fn text(&self, t: &Term) -> String {
        if self.is_polymorphic() {
            return unescape(&self.html(t, &[]).into_string());
        }
        print::term_with(self.theory, t, self.numerals.as_ref())
    }

    /// An equation as readable text, e.g. `x + y = y + x`; the equation `p(ts) = ⊤` of a
    /// declared predicate reads as its atom `p[ts]`.
    pub fn equation(&self, l: &Term, r: &Term) -> String {
        if !self.is_polymorphic() {
            return print::equation_with(self.theory, l, r, self.numerals.as_ref());
        }
        if let Some((p, args)) = crate::mpl::predicate::atom(self.theory, l, r) {
            let args: Vec<String> = args.iter().map(|a| self.text(a)).collect();
            return format!("{}[{}]", display_name(self.theory, p), args.join(", "));
        }
        format!("{} = {}", self.text(l), self.text(r))
    }

    /// A variable's name.
    pub fn var(&self, v: &Var) -> &'t str {
        self.theory.name(v.name)
    }

    /// The variables of a statement as its "for all" line lists them: their names, and
    /// in a polymorphic theory their sorts (`l : List(α)`), the statement's sort
    /// variables named α, β, ... in order of first occurrence.
    pub fn vars(&self, vars: &[Var]) -> Vec<String> {
        if !self.is_polymorphic() {
            return vars.iter().map(|v| self.var(v).to_string()).collect();
        }
        let names = super::sorts::SortNames::of_vars(self.theory, vars);
        vars.iter()
            .map(|v| format!("{} : {}", self.var(v), names.text(self.theory, v.sort)))
            .collect()
    }

    /// A term as HTML with the subterms at the given positions wrapped in highlighting
    /// spans. Positions outside the term are ignored.
    pub fn html(&self, t: &Term, marks: &[(&[usize], Mark)]) -> Markup {
        let mut out = String::new();
        let mut path = Vec::new();
        self.write(t, marks, &mut path, &mut out);
        PreEscaped(out)
    }

    fn write(&self, t: &Term, marks: &[(&[usize], Mark)], path: &mut Vec<usize>, out: &mut String) {
        let here: Vec<Mark> = marks
            .iter()
            .filter(|(p, _)| *p == path.as_slice())
            .map(|(_, m)| *m)
            .collect();
        // One span per marked subterm, even when it carries both marks.
        match here.as_slice() {
            [] => {}
            [m] => {
                let _ = write!(out, "<span class={}>", m.class());
            }
            ms => {
                let classes: Vec<&str> = ms.iter().map(|m| m.class()).collect();
                let _ = write!(out, "<span class=\"{}\">", classes.join(" "));
            }
        }
        self.write_inner(t, marks, path, out);
        if !here.is_empty() {
            out.push_str("</span>");
        }
    }

    fn write_inner(
        &self,
        t: &Term,
        marks: &[(&[usize], Mark)],
        path: &mut Vec<usize>,
        out: &mut String,
    ) {
        let inside = |path: &[usize]| {
            marks
                .iter()
                .any(|(p, _)| p.len() > path.len() && p.starts_with(path))
        };
        if !inside(path) {
            if let Some(n) = self.numerals.as_ref().and_then(|n| n.value(t)) {
                let _ = write!(out, "{n}");
                return;
            }
        }
        match t {
            Term::Var(v) => escape(self.theory.name(v.name), out),
            Term::App(op, args)
                if self.is_polymorphic() && self.poly(*op, args, marks, path, out) => {}
            Term::App(op, args) => {
                if let (Some((name, f)), [l, r]) = (infix_of(self.theory, t), args.as_slice()) {
                    let name = match &self.theory.op(*op).instance {
                        Some(i) => i.scheme.as_str(),
                        None => name,
                    };
                    let lp = operand_needs_parens(self.theory, f, l, false);
                    let rp = operand_needs_parens(self.theory, f, r, true);
                    self.operand(l, 0, lp, marks, path, out);
                    out.push(' ');
                    escape(name, out);
                    out.push(' ');
                    self.operand(r, 1, rp, marks, path, out);
                    return;
                }
                escape(display_name(self.theory, *op), out);
                if args.is_empty() {
                    return;
                }
                out.push('(');
                for (k, a) in args.iter().enumerate() {
                    if k > 0 {
                        out.push_str(", ");
                    }
                    path.push(k);
                    self.write(a, marks, path, out);
                    path.pop();
                }
                out.push(')');
            }
        }
    }

    /// Writes the forms only a polymorphic theory has: `f(x)` for `@(f, x)`, `(λx. t)`
    /// for a lifted lambda without a mark inside; false for any other term.
    fn poly(
        &self,
        op: OpId,
        args: &[Term],
        marks: &[(&[usize], Mark)],
        path: &mut Vec<usize>,
        out: &mut String,
    ) -> bool {
        let is_apply = self
            .theory
            .op(op)
            .instance
            .as_ref()
            .is_some_and(|i| i.scheme == APPLY);
        if let (true, [f, x]) = (is_apply, args) {
            let parens = infix_of(self.theory, f).is_some();
            self.operand(f, 0, parens, marks, path, out);
            out.push('(');
            path.push(1);
            self.write(x, marks, path, out);
            path.pop();
            out.push(')');
            return true;
        }
        let inside = marks
            .iter()
            .any(|(p, _)| p.len() > path.len() && p.starts_with(path));
        let Some((_, lambda)) = self.lambda(op).filter(|_| !inside) else {
            return false;
        };
        let values: BTreeMap<Name, &Term> = lambda.free.iter().copied().zip(args).collect();
        let body = substitute(&lambda.body, &values);
        out.push_str("(λ");
        escape(self.theory.name(lambda.bound), out);
        out.push_str(". ");
        self.write(&body, &[], &mut Vec::new(), out);
        out.push(')');
        true
    }

    fn operand(
        &self,
        t: &Term,
        k: usize,
        parens: bool,
        marks: &[(&[usize], Mark)],
        path: &mut Vec<usize>,
        out: &mut String,
    ) {
        path.push(k);
        if parens {
            out.push('(');
        }
        self.write(t, marks, path, out);
        if parens {
            out.push(')');
        }
        path.pop();
    }

    /// A clause as readable text, its variables left implicit: `x + y = y + x`,
    /// `s(x) ≠ x`, `b + a = c + a → b = c`; `⊥` for bare falsity.
    pub fn clause(&self, c: &Clause) -> String {
        match (&c.goal, c.premises.is_empty()) {
            (Goal::Eq((l, r)), true) => self.equation(l, r),
            (Goal::Falsity, true) => "⊥".to_string(),
            _ => self.formula(&c.formula()),
        }
    }

    /// A formula as readable text with the usual connectives: `s(a) ≠ 0`,
    /// `s(a) = s(b) → a = b`, `∀a. ...`. The outermost quantifier is left implicit, as
    /// in the MPL source: its variables are those of the statement.
    pub fn formula(&self, f: &Formula) -> String {
        let body = match f {
            Formula::Forall(_, body) => body,
            f => f,
        };
        let mut out = String::new();
        self.write_formula(body, &mut out);
        out
    }

    fn write_formula(&self, f: &Formula, out: &mut String) {
        match f {
            Formula::Eq(l, r) => out.push_str(&self.equation(l, r)),
            Formula::Not(inner) if matches!(**inner, Formula::Eq(..)) => {
                let Formula::Eq(l, r) = &**inner else {
                    unreachable!("matched above")
                };
                if crate::mpl::predicate::atom(self.theory, l, r).is_some() {
                    // An atom of a declared predicate, `p(ts) = ⊤`: `¬p[ts]`.
                    let _ = write!(out, "¬{}", self.equation(l, r));
                } else {
                    let _ = write!(out, "{} ≠ {}", self.text(l), self.text(r));
                }
            }
            Formula::Atom(p, args) => {
                let args: Vec<String> = args.iter().map(|a| self.text(a)).collect();
                let _ = write!(out, "{}({})", self.theory.pred(*p).name, args.join(", "));
            }
            Formula::Not(inner) if crate::proof::syntax::exists(inner).is_some() => {
                // MPL's `!(>[ys] !B)`: `∃ys. B`.
                let Some((vs, body)) = crate::proof::syntax::exists(inner) else {
                    unreachable!("matched above")
                };
                let names: Vec<&str> = vs.iter().map(|v| self.var(v)).collect();
                let _ = write!(out, "∃{}. ", names.join(", "));
                self.write_formula(body, out);
            }
            Formula::Not(inner) => {
                out.push('¬');
                self.sub_formula(inner, 3, out);
            }
            Formula::And(xs) => {
                for (k, x) in xs.iter().enumerate() {
                    if k > 0 {
                        out.push_str(" ∧ ");
                    }
                    self.sub_formula(x, 3, out);
                }
            }
            Formula::Implies(a, b) => {
                self.sub_formula(a, 2, out);
                out.push_str(" → ");
                self.sub_formula(b, 1, out);
            }
            Formula::Forall(vs, body) => {
                let names: Vec<&str> = vs.iter().map(|v| self.var(v)).collect();
                let _ = write!(out, "∀{}. ", names.join(", "));
                self.write_formula(body, out);
            }
        }
    }

    /// Writes `f`, in parentheses if it binds more loosely than `min` (0 quantifier,
    /// 1 implication, 2 conjunction, 3 negation, 4 atomic).
    fn sub_formula(&self, f: &Formula, min: u8, out: &mut String) {
        let prec = match f {
            Formula::Forall(..) => 0,
            Formula::Not(inner) if crate::proof::syntax::exists(inner).is_some() => 0,
            Formula::Implies(..) => 1,
            Formula::And(..) => 2,
            Formula::Not(inner) if !matches!(**inner, Formula::Eq(..)) => 3,
            _ => 4,
        };
        if prec < min {
            out.push('(');
            self.write_formula(f, out);
            out.push(')');
        } else {
            self.write_formula(f, out);
        }
    }
}

/// The name an operator is printed with: its scheme's for an instance.
pub fn display_name(th: &Theory, op: OpId) -> &str {
    let o = th.op(op);
    o.instance.as_ref().map_or(&o.name, |i| &i.scheme)
}

/// The lifted lambdas of a theory: every operator (scheme) `F` with an axiom `F.def`
/// of the form `@(F(v1, ..., vk), x) = body`.
fn lambdas(th: &Theory) -> BTreeMap<String, Lambda> {
    let mut out = BTreeMap::new();
    for a in &th.axioms {
        let (Some(name), None) = (a.name.strip_suffix(".def"), &a.instance) else {
            continue;
        };
        let Formula::Forall(_, body) = &a.formula else {
            continue;
        };
        let Formula::Eq(Term::App(at, lhs), rhs) = &**body else {
            continue;
        };
        let is_apply = th
            .op(*at)
            .instance
            .as_ref()
            .is_some_and(|i| i.scheme == APPLY);
        let (true, [Term::App(lam, free), Term::Var(x)]) = (is_apply, lhs.as_slice()) else {
            continue;
        };
        let free: Option<Vec<Name>> = free
            .iter()
            .map(|t| match t {
                Term::Var(v) => Some(v.name),
                Term::App(..) => None,
            })
            .collect();
        if let (Some(free), true) = (free, display_name(th, *lam) == name) {
            let lambda = Lambda {
                free,
                bound: x.name,
                body: rhs.clone(),
            };
            out.insert(name.to_string(), lambda);
        }
    }
    out
}

/// `t` with the variables named in `values` replaced.
fn substitute(t: &Term, values: &BTreeMap<Name, &Term>) -> Term {
    match t {
        Term::Var(v) => values.get(&v.name).map_or(t.clone(), |u| (*u).clone()),
        Term::App(op, args) => Term::App(*op, args.iter().map(|a| substitute(a, values)).collect()),
    }
}

/// The inverse of [`escape`].
fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// Appends `s` with `&`, `<`, `>` and `"` escaped for HTML text and attribute values.
pub fn escape(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proof::sexp;

    fn peano() -> Theory {
        crate::mpl::peano_for_tests()
    }

    fn read(th: &mut Theory, text: &str) -> Term {
        let n = th.sort_by_name("N").unwrap();
        let vars: Vec<Var> = ["x", "y", "z"]
            .iter()
            .map(|v| Var {
                name: th.intern(v),
                sort: n,
            })
            .collect();
        sexp::term(th, &vars, text).unwrap()
    }

    #[test]
    fn numerals_and_minimal_parentheses() {
        let mut th = peano();
        let t = read(&mut th, "(* (s (s 0)) (+ x (s y)))");
        let p = Printer::new(&th);
        assert_eq!(p.text(&t), "2 * (x + s(y))");
        assert_eq!(p.html(&t, &[]).into_string(), "2 * (x + s(y))");
    }

    #[test]
    fn marks_wrap_subterms_inside_their_parentheses() {
        let mut th = peano();
        let t = read(&mut th, "(* x (+ y z))");
        let p = Printer::new(&th);
        let html = p
            .html(&t, &[(&[1], Mark::Redex), (&[1, 0], Mark::Result)])
            .into_string();
        assert_eq!(
            html,
            "x * (<span class=rx><span class=rs>y</span> + z</span>)"
        );
        let both = p
            .html(&t, &[(&[1], Mark::Result), (&[1], Mark::Redex)])
            .into_string();
        assert_eq!(both, "x * (<span class=\"rs rx\">y + z</span>)");
        let whole = p.html(&t, &[(&[], Mark::Result)]).into_string();
        assert_eq!(whole, "<span class=rs>x * (y + z)</span>");
    }

    #[test]
    fn a_mark_inside_a_numeral_unfolds_it() {
        let mut th = peano();
        let t = read(&mut th, "(+ x (s (s 0)))");
        let p = Printer::new(&th);
        let html = p.html(&t, &[(&[1, 0], Mark::Redex)]).into_string();
        assert_eq!(html, "x + s(<span class=rx>1</span>)");
    }

    #[test]
    fn axioms_read_with_connectives() {
        let th = peano();
        let p = Printer::new(&th);
        let shown: Vec<String> = th.axioms.iter().map(|a| p.formula(&a.formula)).collect();
        assert_eq!(
            shown,
            [
                "s(a) ≠ 0",
                "s(a) = s(b) → a = b",
                "a + 0 = a",
                "a + s(b) = s(a + b)",
                "a * 0 = 0",
                "a * s(b) = a * b + a",
            ]
        );
    }
}
