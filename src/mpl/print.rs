//! Printing MPL: the canonical printer of syntax trees, and readable printing of resolved
//! terms and formulas.
//!
//! Canonical printer ([`file()`], [`decl`], [`ast_formula`], [`ast_term`]). Invariants:
//! - `parse(file(x))` equals `x` up to spans, for every tree the parser produces;
//! - printing is idempotent: `file(parse(file(x))) == file(x)`;
//! - layout is fixed: one declaration per line, a blank line where the kind of
//!   declaration changes, a space after each comma in term lists and around infix
//!   operators, none in binder lists (`(>[x,y] ...)`), parentheses exactly as written.
//!   Comments are not part of the tree and are not printed.
//!
//! Theory printer ([`term`], [`formula`], [`equation`]). Invariants:
//! - infix operators are printed infix with the fewest parentheses that the fixity rules
//!   need: `x + y + z` for `(x + y) + z` with `+` infixl, `x + (y + z)`, `x * (y + z)`,
//!   `s(x + y)`; other operators in prefix form, constants bare;
//! - binders carry their sorts (`x:N`) when the theory has more than one sort, so that
//!   the output of [`formula`] read back by `parse_goal` gives the same formula;
//! - the equation `p(ts) = ⊤` of a declared predicate `p` (see [`super::predicate`])
//!   prints as the atom the user wrote: `(p[ts])` in [`formula`], `p[ts]` in
//!   [`equation`]. `⊤ = p(ts)` prints the same way (and reads back as `p(ts) = ⊤`).
//!
//! Styles ([`Style`], [`equation_styled`], [`formula_styled`]): [`Style::Infix`] is the
//! theory printer above; [`Style::Gl`] prints GL's relational form, where `a + b = c` is
//! `(in3[a,b,c,+])` and nested terms become chains of relations over fresh variables
//! (see `gl::print`). Both read back with `parse_goal` as the formula printed (for the
//! GL style: unless a premise of the formula defines one of its own variables, which the
//! reader's one-point rule would eliminate).
//!
//! Numerals ([`Numerals`], [`term_with`], [`equation_with`]): for display only (the
//! output does not parse back), `s(s(0))` may be shown as `2` when a sort has the
//! constructors `0` and `s`; everything else prints exactly as with [`term`].

use std::fmt::Write;

use super::ast::{self, DeclKind};
use super::theory::{Assoc, Fixity, Formula, OpId, Term, Theory, Var};

/// Prints a whole file in canonical form (ending with a newline unless empty).
pub fn file(f: &ast::File) -> String {
    let mut out = String::new();
    let mut prev: Option<u8> = None;
    for d in &f.decls {
        let group = group_of(&d.kind);
        if prev.is_some_and(|p| p != group) {
            out.push('\n');
        }
        prev = Some(group);
        out.push_str(&decl(d));
        out.push('\n');
    }
    out
}

fn group_of(k: &DeclKind) -> u8 {
    match k {
        DeclKind::Theory(_) => 0,
        DeclKind::Import(_) => 1,
        DeclKind::Sort(_) | DeclKind::Inductive { .. } => 2,
        DeclKind::Op { .. } | DeclKind::Pred { .. } | DeclKind::Fixity { .. } => 3,
        DeclKind::Def { .. } => 6,
        DeclKind::Axiom { .. } => 4,
        DeclKind::Conjecture { .. } => 5,
    }
}

fn fixity_word(a: Assoc) -> &'static str {
    match a {
        Assoc::Left => "infixl",
        Assoc::Right => "infixr",
        Assoc::None => "infix",
    }
}

fn sort_list(args: &[ast::SortAst]) -> String {
    if args.is_empty() {
        String::new()
    } else {
        let names: Vec<String> = args.iter().map(sort_ast).collect();
        format!("({})", names.join(", "))
    }
}

/// Prints a sort expression of the syntax tree: `List('a)`, `('a -> 'b) -> 'c`.
pub fn sort_ast(s: &ast::SortAst) -> String {
    match s {
        ast::SortAst::Name(n) => n.text.clone(),
        ast::SortAst::App { name, args, .. } => {
            let v: Vec<String> = args.iter().map(sort_ast).collect();
            format!("{}({})", name.text, v.join(", "))
        }
        ast::SortAst::Fun { from, to, .. } => match from.as_ref() {
            ast::SortAst::Fun { .. } => format!("({}) -> {}", sort_ast(from), sort_ast(to)),
            _ => format!("{} -> {}", sort_ast(from), sort_ast(to)),
        },
    }
}

/// Prints one declaration in canonical form, with its `;`.
pub fn decl(d: &ast::Decl) -> String {
    match &d.kind {
        DeclKind::Theory(n) => format!("theory {};", n.text),
        DeclKind::Import(p) => format!("import \"{}\";", p.text),
        DeclKind::Sort(n) => format!("sort {};", n.text),
        DeclKind::Inductive {
            name,
            params,
            constructors,
        } => {
            let cs: Vec<String> = constructors
                .iter()
                .map(|c| format!("{}{}", c.name.text, sort_list(&c.args)))
                .collect();
            let ps: Vec<&str> = params.iter().map(|p| p.text.as_str()).collect();
            let ps = if ps.is_empty() {
                String::new()
            } else {
                format!("({})", ps.join(", "))
            };
            format!("inductive {}{ps} = {};", name.text, cs.join(" | "))
        }
        DeclKind::Op {
            name,
            args,
            result,
            fixity,
        } => {
            let mut s = format!(
                "op {}{} -> {}",
                name.text,
                sort_list(args),
                sort_ast(result)
            );
            if let Some(f) = fixity {
                let _ = write!(s, " {} {}", fixity_word(f.assoc), f.prec);
            }
            s.push(';');
            s
        }
        DeclKind::Pred { name, args } => format!("pred {}{};", name.text, sort_list(args)),
        DeclKind::Axiom { name, formula } => {
            format!("axiom {}: {};", name.text, ast_formula(formula))
        }
        DeclKind::Conjecture { name, formula } => {
            format!("conjecture {}: {};", name.text, ast_formula(formula))
        }
        DeclKind::Def { name, params, body } => {
            let ps: Vec<&str> = params.iter().map(|p| p.text.as_str()).collect();
            format!(
                "def {}[{}] := {};",
                name.text,
                ps.join(","),
                ast_formula(body)
            )
        }
        DeclKind::Fixity { name, fixity } => {
            format!(
                "{} {} {};",
                fixity_word(fixity.assoc),
                fixity.prec,
                name.text
            )
        }
    }
}

/// Prints a formula of the syntax tree in canonical form.
pub fn ast_formula(f: &ast::Formula) -> String {
    match f {
        ast::Formula::Eq { lhs, rhs, .. } => format!("(=[{}, {}])", ast_term(lhs), ast_term(rhs)),
        ast::Formula::Atom { pred, args, .. } => format!("({}[{}])", pred.text, ast_terms(args)),
        ast::Formula::Not { body, .. } => format!("!{}", ast_formula(body)),
        ast::Formula::And { operands, .. } => {
            let ops: Vec<String> = operands.iter().map(ast_formula).collect();
            format!("(&{})", ops.join(" "))
        }
        ast::Formula::Forall {
            binders,
            premise,
            body,
            ..
        } => {
            let bs: Vec<String> = binders
                .iter()
                .map(|b| match &b.sort {
                    Some(s) => format!("{}:{}", b.name.text, sort_ast(s)),
                    None => b.name.text.clone(),
                })
                .collect();
            match premise {
                Some(p) => format!(
                    "(>[{}] {} {})",
                    bs.join(","),
                    ast_formula(p),
                    ast_formula(body)
                ),
                None => format!("(>[{}] {})", bs.join(","), ast_formula(body)),
            }
        }
    }
}

fn ast_terms(ts: &[ast::Term]) -> String {
    let v: Vec<String> = ts.iter().map(ast_term).collect();
    v.join(", ")
}

/// Prints a term of the syntax tree in canonical form (parentheses as written).
pub fn ast_term(t: &ast::Term) -> String {
    match t {
        ast::Term::Name(n) => n.text.clone(),
        ast::Term::App { op, args, .. } => format!("{}({})", op.text, ast_terms(args)),
        ast::Term::Infix { operands, ops, .. } => {
            let mut s = ast_term(&operands[0]);
            for (o, t) in ops.iter().zip(&operands[1..]) {
                let _ = write!(s, " {} {}", o.text, ast_term(t));
            }
            s
        }
        ast::Term::Paren { inner, .. } => format!("({})", ast_term(inner)),
        ast::Term::Lambda { binders, body, .. } => {
            let bs: Vec<&str> = binders.iter().map(|b| b.text.as_str()).collect();
            format!("\\{}. {}", bs.join(" "), ast_term(body))
        }
    }
}

/// Prints a resolved term with infix operators and minimal parentheses, e.g.
/// `x * (y + z)` or `s(x + y)`.
pub fn term(theory: &Theory, t: &Term) -> String {
    term_with(theory, t, None)
}

/// Like [`term`], with closed numerals `s(...s(0)...)` printed as decimal numbers when
/// `numerals` is given: `s(s(0)) * x` prints as `2 * x`, `s(x)` stays `s(x)`.
pub fn term_with(theory: &Theory, t: &Term, numerals: Option<&Numerals>) -> String {
    let mut out = String::new();
    write_term(theory, t, numerals, &mut out);
    out
}

/// Like [`equation`], numeral-aware as [`term_with`].
pub fn equation_with(
    theory: &Theory,
    lhs: &Term,
    rhs: &Term,
    numerals: Option<&Numerals>,
) -> String {
    if let Some((p, args)) = super::predicate::atom(theory, lhs, rhs) {
        return atom(theory, p, args, numerals);
    }
    format!(
        "{} = {}",
        term_with(theory, lhs, numerals),
        term_with(theory, rhs, numerals)
    )
}

/// An atom `p[t1, ..., tn]` of a predicate operator (see [`super::predicate`]).
fn atom(theory: &Theory, p: OpId, args: &[Term], numerals: Option<&Numerals>) -> String {
    let args: Vec<String> = args
        .iter()
        .map(|a| term_with(theory, a, numerals))
        .collect();
    format!("{}[{}]", theory.op(p).name, args.join(", "))
}

/// The numerals of a theory: a sort whose constructors include a constant `0` and a
/// unary `s` on that sort. Then `s` applied n times to `0` reads as the number n.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Numerals {
    zero: OpId,
    succ: OpId,
}

impl Numerals {
    /// The theory's numerals, if it declares them: constructors `0` and `s(S) -> S` of
    /// one sort `S`, and no operator whose name is a number other than `0` (which would
    /// make `2` ambiguous).
    pub fn of(theory: &Theory) -> Option<Numerals> {
        let numeric = |n: &str| n != "0" && !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit());
        if theory.operators.iter().any(|o| numeric(&o.name)) {
            return None;
        }
        let zero = theory.op_by_name("0")?;
        let succ = theory.op_by_name("s")?;
        let (z, s) = (theory.op(zero), theory.op(succ));
        let sort = theory.sort(z.result);
        let ok = z.constructor
            && s.constructor
            && z.args.is_empty()
            && s.args == [z.result]
            && s.result == z.result
            && sort.constructors.contains(&zero)
            && sort.constructors.contains(&succ);
        ok.then_some(Numerals { zero, succ })
    }

    /// The number a closed numeral stands for: `Some(2)` for `s(s(0))`, `Some(0)` for
    /// `0`, `None` for anything else (including `s(x)`).
    pub fn value(&self, t: &Term) -> Option<u64> {
        let mut n = 0u64;
        let mut t = t;
        loop {
            match t {
                Term::App(op, args) if *op == self.zero && args.is_empty() => return Some(n),
                Term::App(op, args) if *op == self.succ && args.len() == 1 => {
                    n = n.checked_add(1)?;
                    t = &args[0];
                }
                _ => return None,
            }
        }
    }
}

/// The infix operator heading `t`, if any: its name and fixity.
pub fn infix_of<'t>(theory: &'t Theory, t: &Term) -> Option<(&'t str, Fixity)> {
    match t {
        Term::App(op, args) if args.len() == 2 => {
            let o = theory.op(*op);
            o.fixity.map(|f| (theory.op_shown(*op), f))
        }
        _ => None,
    }
}

/// Whether `child`, an operand of an infix operator with fixity `parent` (its right
/// operand when `right`), needs parentheses: the minimal-parentheses rule of [`term`].
pub fn operand_needs_parens(theory: &Theory, parent: Fixity, child: &Term, right: bool) -> bool {
    let same_side = if right { Assoc::Right } else { Assoc::Left };
    infix_of(theory, child).is_some_and(|(_, c)| {
        c.prec < parent.prec
            || (c.prec == parent.prec && !(parent.assoc == same_side && c.assoc == same_side))
    })
}

fn write_term(theory: &Theory, t: &Term, numerals: Option<&Numerals>, out: &mut String) {
    if let Some(n) = numerals.and_then(|n| n.value(t)) {
        let _ = write!(out, "{n}");
        return;
    }
    match t {
        Term::Var(v) => out.push_str(theory.name(v.name)),
        Term::App(op, args) => {
            if let (Some((name, f)), [l, r]) = (infix_of(theory, t), args.as_slice()) {
                let lp = operand_needs_parens(theory, f, l, false);
                let rp = operand_needs_parens(theory, f, r, true);
                write_operand(theory, l, lp, numerals, out);
                out.push(' ');
                out.push_str(name);
                out.push(' ');
                write_operand(theory, r, rp, numerals, out);
                return;
            }
            if let Some((head, applied)) = application(theory, t) {
                write_term(theory, head, numerals, out);
                out.push('(');
                for (k, a) in applied.iter().enumerate() {
                    if k > 0 {
                        out.push_str(", ");
                    }
                    write_term(theory, a, numerals, out);
                }
                out.push(')');
                return;
            }
            out.push_str(theory.op_shown(*op));
            if args.is_empty() {
                return;
            }
            out.push('(');
            for (k, a) in args.iter().enumerate() {
                if k > 0 {
                    out.push_str(", ");
                }
                write_term(theory, a, numerals, out);
            }
            out.push(')');
        }
    }
}

/// `@(...@(f, x1)..., xn)` with `f` a variable: `f` and `x1, ..., xn`, printed
/// `f(x1, ..., xn)` (the MPL reading of application).
fn application<'t>(theory: &Theory, t: &'t Term) -> Option<(&'t Term, Vec<&'t Term>)> {
    let mut args = Vec::new();
    let mut cur = t;
    while let Term::App(op, xs) = cur {
        match (theory.op(*op).instance.as_ref(), xs.as_slice()) {
            (Some(i), [f, x]) if i.scheme == "@" => {
                args.push(x);
                cur = f;
            }
            _ => break,
        }
    }
    if args.is_empty() || !matches!(cur, Term::Var(_)) {
        return None;
    }
    args.reverse();
    Some((cur, args))
}

fn write_operand(
    theory: &Theory,
    t: &Term,
    parens: bool,
    numerals: Option<&Numerals>,
    out: &mut String,
) {
    if parens {
        out.push('(');
        write_term(theory, t, numerals, out);
        out.push(')');
    } else {
        write_term(theory, t, numerals, out);
    }
}

/// How resolved equations and formulas are printed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Style {
    /// With terms, infix operators and minimal parentheses: `x + y = y + x`.
    #[default]
    Infix,
    /// GL's relational form: `(>[x,y,v1] (in3[y,x,v1,+]) (in3[x,y,v1,+]))`. Every unary
    /// and binary operator is a total function, printed as its relation `in2`/`in3`;
    /// nested terms become chains over fresh variables `v1`, `v2`, ...
    Gl,
}

/// Prints the equation `lhs = rhs` in a style: `x + y = y + x` ([`Style::Infix`], as
/// [`equation`]), or the closed GL formula `(>[x,y,v1] (in3[y,x,v1,+]) (in3[x,y,v1,+]))`
/// ([`Style::Gl`]; its variables are bound in order of first occurrence, as a
/// conjecture's free variables are).
pub fn equation_styled(theory: &Theory, lhs: &Term, rhs: &Term, style: Style) -> String {
    match style {
        Style::Infix => equation(theory, lhs, rhs),
        Style::Gl => super::gl::print::equation(theory, lhs, rhs),
    }
}

/// Prints a formula in a style: as [`formula`] ([`Style::Infix`]) or in GL's relational
/// form ([`Style::Gl`]).
pub fn formula_styled(theory: &Theory, f: &Formula, style: Style) -> String {
    match style {
        Style::Infix => formula(theory, f),
        Style::Gl => super::gl::print::formula(theory, f),
    }
}

/// Prints `lhs = rhs`, e.g. `x + y = y + x`; the equation `p(ts) = ⊤` (or `⊤ = p(ts)`)
/// of a predicate `p` prints as its atom `p[ts]`.
pub fn equation(theory: &Theory, lhs: &Term, rhs: &Term) -> String {
    equation_with(theory, lhs, rhs, None)
}

/// Prints `lhs != rhs`, the negation of [`equation`]: `s(a) != 0`, or `!p[ts]` for the
/// equation `p(ts) = ⊤` of a declared predicate `p`.
pub fn disequation(theory: &Theory, lhs: &Term, rhs: &Term) -> String {
    match super::predicate::atom(theory, lhs, rhs) {
        Some((p, args)) => format!("!{}", atom(theory, p, args, None)),
        None => format!("{} != {}", term(theory, lhs), term(theory, rhs)),
    }
}

/// Prints a resolved formula in MPL syntax, e.g. `(>[x,y] (=[x + y, y + x]))`.
pub fn formula(theory: &Theory, f: &Formula) -> String {
    match f {
        Formula::Eq(l, r) => match super::predicate::atom(theory, l, r) {
            Some((p, args)) => format!("({})", atom(theory, p, args, None)),
            None => format!("(=[{}, {}])", term(theory, l), term(theory, r)),
        },
        Formula::Atom(p, args) => {
            let args: Vec<String> = args.iter().map(|a| term(theory, a)).collect();
            format!("({}[{}])", theory.pred(*p).name, args.join(", "))
        }
        Formula::Not(x) => format!("!{}", formula(theory, x)),
        Formula::And(xs) => {
            let xs: Vec<String> = xs.iter().map(|x| formula(theory, x)).collect();
            format!("(&{})", xs.join(" "))
        }
        Formula::Implies(a, b) => format!("(>[] {} {})", formula(theory, a), formula(theory, b)),
        Formula::Forall(vs, body) => {
            let bs = binders(theory, vs);
            match body.as_ref() {
                Formula::Implies(a, b) => {
                    format!("(>[{bs}] {} {})", formula(theory, a), formula(theory, b))
                }
                b => format!("(>[{bs}] {})", formula(theory, b)),
            }
        }
    }
}

fn binders(theory: &Theory, vs: &[Var]) -> String {
    let annotate = theory.sorts.len() > 1;
    let v: Vec<String> = vs
        .iter()
        .map(|v| {
            if annotate {
                format!("{}:{}", theory.name(v.name), theory.sort(v.sort).name)
            } else {
                theory.name(v.name).to_string()
            }
        })
        .collect();
    v.join(",")
}
