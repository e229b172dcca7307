//! The Bool prelude (`docs/logic.md`, section 1): `Bool`, `ite` and the connectives,
//! written in MPL and read by the same parser and resolver as any file.
//!
//! Invariants:
//! - the prelude is added to a theory only when its files use one of its names
//!   ([`NAMES`]) and declare none of them (a file that declares its own `Bool`, as
//!   `axioms/order.mpl` does, keeps it and gets no prelude); so a theory that does not
//!   use Bool is unchanged, digest included;
//! - only the parts used are added, with what they depend on: `Bool` (with `true`,
//!   `false` and `bool_distinct`) whenever any name is used, and each of `ite`, `notb`,
//!   `andb`, `orb`, `implb` with its defining axioms when that name is used;
//! - prelude declarations come first in the tables, before the files' own, in the order
//!   of [`PRELUDE`]; their spans point into the source file `<prelude>`.
//!
//! ```
//! let t = ergo::mpl::load_str(
//!     std::path::Path::new("t.mpl"),
//!     "inductive N = 0 | s(N); op even(N) -> Bool;
//!      axiom even_0: (=[even(0), true]);",
//! ).unwrap();
//! assert_eq!(t.sorts[0].name, "Bool");
//! assert_eq!(t.axioms[0].name, "bool_distinct");
//! assert!(t.op_by_name("ite").is_none() && t.op_scheme("ite").is_none());
//! ```

use std::collections::BTreeSet;

use super::ast::{self, DeclKind, SortAst};

/// The prelude's text.
pub const PRELUDE: &str = "\
// The Bool prelude of ergo (docs/logic.md, section 1).
inductive Bool = true | false;
op ite(Bool, 'a, 'a) -> 'a;
op notb(Bool) -> Bool;
op andb(Bool, Bool) -> Bool;
op orb(Bool, Bool) -> Bool;
op implb(Bool, Bool) -> Bool;
axiom bool_distinct: !(=[true, false]);
axiom ite_true: (>[x,y] (=[ite(true, x, y), x]));
axiom ite_false: (>[x,y] (=[ite(false, x, y), y]));
axiom notb_true: (=[notb(true), false]);
axiom notb_false: (=[notb(false), true]);
axiom andb_true: (>[b] (=[andb(true, b), b]));
axiom andb_false: (>[b] (=[andb(false, b), false]));
axiom orb_true: (>[b] (=[orb(true, b), true]));
axiom orb_false: (>[b] (=[orb(false, b), b]));
axiom implb_true: (>[b] (=[implb(true, b), b]));
axiom implb_false: (>[b] (=[implb(false, b), true]));
";

/// The path the prelude's spans point into.
pub const PRELUDE_FILE: &str = "<prelude>";

/// The names the prelude declares.
pub const NAMES: [&str; 8] = [
    "Bool", "true", "false", "ite", "notb", "andb", "orb", "implb",
];

/// The part of the prelude a declaration belongs to: `Bool` or an operator's name.
fn part(d: &ast::Decl) -> &str {
    match &d.kind {
        DeclKind::Inductive { .. } => "Bool",
        DeclKind::Op { name, .. } => &name.text,
        DeclKind::Axiom { name, .. } => match name.text.split_once('_') {
            Some(("bool", _)) => "Bool",
            Some((op, _)) => op,
            None => "Bool",
        },
        _ => "Bool",
    }
}

/// The prelude declarations the files need (parsed as file `file`), or `None`.
pub(crate) fn needed(units: &[(u32, &ast::File)], file: u32) -> Option<ast::File> {
    let mut declared = BTreeSet::new();
    let mut used = BTreeSet::new();
    for (_, f) in units {
        for d in &f.decls {
            declared_in(d, &mut declared, &mut used);
        }
    }
    if NAMES.iter().any(|n| declared.contains(*n)) {
        return None;
    }
    let used: Vec<&str> = NAMES
        .iter()
        .copied()
        .filter(|n| used.contains(*n))
        .collect();
    if used.is_empty() {
        return None;
    }
    let all = super::parse::parse_file(file, PRELUDE).expect("the prelude parses");
    let decls = all
        .decls
        .into_iter()
        .filter(|d| {
            let p = part(d);
            p == "Bool" || used.contains(&p)
        })
        .collect();
    Some(ast::File { decls })
}

fn sort_names(s: &SortAst, out: &mut BTreeSet<String>) {
    match s {
        SortAst::Name(n) => {
            out.insert(n.text.clone());
        }
        SortAst::App { name, args, .. } => {
            out.insert(name.text.clone());
            args.iter().for_each(|a| sort_names(a, out));
        }
        SortAst::Fun { from, to, .. } => {
            sort_names(from, out);
            sort_names(to, out);
        }
    }
}

fn declared_in(d: &ast::Decl, declared: &mut BTreeSet<String>, used: &mut BTreeSet<String>) {
    match &d.kind {
        DeclKind::Sort(n) => {
            declared.insert(n.text.clone());
        }
        DeclKind::Inductive {
            name, constructors, ..
        } => {
            declared.insert(name.text.clone());
            for c in constructors {
                declared.insert(c.name.text.clone());
                c.args.iter().for_each(|a| sort_names(a, used));
            }
        }
        DeclKind::Op {
            name, args, result, ..
        } => {
            declared.insert(name.text.clone());
            args.iter()
                .chain([result])
                .for_each(|a| sort_names(a, used));
        }
        DeclKind::Pred { name, args } => {
            declared.insert(name.text.clone());
            args.iter().for_each(|a| sort_names(a, used));
        }
        DeclKind::Def { name, body, .. } => {
            declared.insert(name.text.clone());
            super::gl::names_in(body, used);
        }
        DeclKind::Axiom { formula, .. } | DeclKind::Conjecture { formula, .. } => {
            super::gl::names_in(formula, used);
            binder_sorts(formula, used);
        }
        DeclKind::Theory(_) | DeclKind::Import(_) | DeclKind::Fixity { .. } => {}
    }
}

fn binder_sorts(f: &ast::Formula, out: &mut BTreeSet<String>) {
    match f {
        ast::Formula::Forall {
            binders,
            premise,
            body,
            ..
        } => {
            for b in binders {
                if let Some(s) = &b.sort {
                    sort_names(s, out);
                }
            }
            if let Some(p) = premise {
                binder_sorts(p, out);
            }
            binder_sorts(body, out);
        }
        ast::Formula::Not { body, .. } => binder_sorts(body, out),
        ast::Formula::And { operands, .. } => operands.iter().for_each(|o| binder_sorts(o, out)),
        _ => {}
    }
}
