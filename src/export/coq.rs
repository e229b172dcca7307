//! `ergo export coq`: one Coq file (`.v`) per kernel-checked certificate, re-checked by
//! `coqc` and `coqchk`, a kernel nobody here wrote.
//!
//! The file, in order: a header comment with the MPL-to-Coq name mapping; every sort (an
//! `Inductive` type when it has constructors, so its induction principle is Coq's own
//! `T_ind`, else a `Parameter` of type `Type`); every other operator and every predicate
//! as a `Parameter`; every MPL axiom as an `Axiom` of the same name (all of them,
//! equational or not; a clause whose premises are a conjunction is curried, one premise
//! after the other, as the kernel reads it); every accepted theorem, in certificate
//! (dependency) order, as `Definition name : statement := proof term.` under a comment
//! with its MPL statement, the statement being its clause as a proposition (`forall vs,
//! p1 -> ... -> l = r`, a negation as `~ (l = r)`); finally `Print Assumptions name.` for
//! every theorem.
//!
//! Invariants:
//! - only a kernel-checked certificate can be exported: the entry points take a
//!   [`Loaded`] or an `ergo_kernel::Verified` (which only the kernel can make), only
//!   [`Verified::theorems`] (the accepted ones) are read, and the theory must be the one
//!   the certificate was checked against (its theory section is rebuilt and compared);
//! - proofs are explicit terms (see `proof.rs`): no tactic, no `Proof.`/`Qed.`, nothing
//!   that puts Coq's automation in charge; the only global names they use besides the
//!   theory's own are `eq_refl`, `eq_sym`, `eq_trans`, `f_equal`, `False_ind` and the
//!   `T_ind` principles, none of which is an axiom, so `Print Assumptions` lists exactly the
//!   theory's axioms and parameters a theorem rests on;
//! - the output is a pure function of the certificate and the theory (no paths, times or
//!   machine data), so two exports are byte-identical;
//! - Coq names are allocated once per file (see `names.rs`); comments are escaped so no
//!   name or statement can end a comment early.

use super::poly::{self, Rule};
use super::proof::{clause_type, Builder};
use super::syntax;
use super::table::{allocate, mapping, Locals, Table};
use crate::mpl::{print, SortId, SortShape, Theory};
use crate::proof::clause::Clause;
use crate::proof::load::Loaded;
use crate::proof::tree;
use ergo_kernel::format::Proof;
use ergo_kernel::Verified;
use std::collections::BTreeMap;
use std::fmt::Write;

/// An exported Coq file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoqFile {
    /// The `.v` text.
    pub text: String,
    /// The Coq name of every sort, operator, predicate, axiom and theorem, and of every
    /// variable or hypothesis that had to be renamed.
    pub names: Vec<NameEntry>,
    /// The exported theorems, in file order.
    pub theorems: Vec<ExportedTheorem>,
}

/// One entry of the MPL-to-Coq name mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameEntry {
    /// `inductive` (a sort with constructors), `sort` (without), `constructor`,
    /// `operator`, `predicate`, `axiom`, `theorem`, `variable` or `hypothesis`.
    pub kind: &'static str,
    /// The name in MPL or in the certificate.
    pub mpl: String,
    /// The Coq identifier.
    pub coq: String,
}

/// A theorem as exported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportedTheorem {
    /// Its name in the certificate.
    pub name: String,
    /// Its Coq name.
    pub coq: String,
    /// The axioms it rests on, by MPL name, as the kernel reported them.
    pub axioms: Vec<String>,
}

/// Why a certificate could not be exported.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ExportError {
    /// The theory is not the one the certificate was checked against.
    #[error("the theory is not the certificate's theory `{0}`")]
    TheoryMismatch(String),
    /// A theorem's statement or proof could not be translated.
    #[error("theorem {name}: {message}")]
    Theorem {
        /// The theorem.
        name: String,
        /// What went wrong.
        message: String,
    },
}

/// Exports a loaded certificate (kernel-checked, theory equal to its MPL source).
pub fn export(loaded: &Loaded) -> Result<CoqFile, ExportError> {
    export_verified(&loaded.theory, &loaded.verified)
}

/// Exports the accepted theorems of a kernel-checked certificate over `theory`, which
/// must give exactly the certificate's theory section.
pub fn export_verified(theory: &Theory, verified: &Verified) -> Result<CoqFile, ExportError> {
    let cert = verified.certificate();
    if crate::proof::theory_section(theory, &cert.theory.source) != cert.theory {
        return Err(ExportError::TheoryMismatch(cert.theory.name.clone()));
    }
    let replayed = tree::replay(theory, verified).map_err(|e| ExportError::Theorem {
        name: e.theorem,
        message: e.reason,
    })?;
    let th = &replayed.theory;
    let mut locals = Locals::default();
    for a in &theory.axioms {
        locals.formula(&a.formula);
    }
    for t in &replayed.theorems {
        locals.vars.extend(t.statement.vars.iter().map(|v| v.name));
        locals.hyps.extend(t.hyps.iter().map(|h| h.name.clone()));
        locals.block(th, &t.proof);
    }
    let names: Vec<&str> = replayed
        .theorems
        .iter()
        .map(|t| t.theorem.name.as_str())
        .collect();
    let table = allocate(th, &names, &locals);
    let mut builder = Builder {
        theory: th,
        table: &table,
        axioms: BTreeMap::new(),
        theorems: BTreeMap::new(),
    };
    builder.axioms = axiom_rules(th, &table);
    let mut out = header(th, verified, &table, &locals);
    declarations(th, &table, &mut out);
    let mut exported = Vec::new();
    for tree in &replayed.theorems {
        let (t, report, statement) = (tree.theorem, tree.report, &tree.statement);
        let coq = table.theorems.get(&t.name).cloned().unwrap_or_default();
        let term = builder
            .theorem(tree)
            .map_err(|message| ExportError::Theorem {
                name: t.name.clone(),
                message,
            })?;
        out.push_str(&theorem_comment(th, t, report, statement));
        // A theorem scheme: its sort variables are bound first, implicitly in its type.
        let params = poly::clause_params(th, &table.forms, statement);
        let ty = clause_type(&table, statement);
        let binders = poly::implicit_binders(&table, &params);
        let type_vars = params
            .iter()
            .map(|p| (table.sort(*p).to_string(), "Type".to_string()))
            .collect();
        let term = syntax::Expr::fun(type_vars, term);
        let _ = writeln!(
            out,
            "Definition {coq} : {binders}{ty} :=\n  {}.",
            term.layout(2)
        );
        let rule = Rule::scheme(&coq, params, &statement.vars);
        builder.theorems.insert(t.name.clone(), rule);
        exported.push(ExportedTheorem {
            name: t.name.clone(),
            coq,
            axioms: report.axioms.clone(),
        });
    }
    if !exported.is_empty() {
        out.push_str(
            "\n(* What each theorem rests on: the theory's axioms and parameters only. *)\n",
        );
    }
    for t in &exported {
        let _ = writeln!(out, "Print Assumptions {}.", t.coq);
    }
    Ok(CoqFile {
        text: out,
        names: mapping(th, &names, &table, &locals),
        theorems: exported,
    })
}

/// Exports a theory's declarations alone, without theorems: every sort, family,
/// operator, scheme and axiom as [`export_verified`] declares them (the file `coqc`
/// accepts before any proof is added).
pub fn export_theory(theory: &Theory) -> CoqFile {
    let mut locals = Locals::default();
    for a in &theory.axioms {
        locals.formula(&a.formula);
    }
    let table = allocate(theory, &[], &locals);
    let entries = mapping(theory, &[], &table, &locals);
    let mut text = format!(
        "Generated by `ergo export coq` from theory `{}`: its declarations only; do not \
         edit.\n\nNames, MPL -> Coq:\n",
        theory.name
    );
    name_lines(&entries, &mut text);
    let mut out = comment(&text) + "\n";
    declarations(theory, &table, &mut out);
    CoqFile {
        text: out,
        names: entries,
        theorems: Vec::new(),
    }
}

/// How every axiom that is a clause is cited: by its own Coq name, a scheme with its
/// parameters, an instance of a scheme as that scheme at the instance's sorts.
fn axiom_rules(th: &Theory, table: &Table) -> BTreeMap<String, Rule> {
    let mut rules = BTreeMap::new();
    for (a, coq) in th.axioms.iter().zip(&table.axioms) {
        let Some(clause) = Clause::from_formula(&a.formula) else {
            continue;
        };
        let scheme = a.instance.as_ref().map_or(a.name.as_str(), |i| &i.scheme);
        let params = poly::axiom_scheme_params(th, scheme);
        let rule = match &a.instance {
            _ if params.is_empty() => Rule::plain(coq),
            Some(i) => Rule {
                fixed: Some(i.args.clone()),
                ..Rule::scheme(coq, params, &[])
            },
            None => Rule::scheme(coq, params, &clause.vars),
        };
        rules.insert(a.name.clone(), rule);
    }
    rules
}

/// The comment above a theorem: its MPL statement, proof method and axioms.
fn theorem_comment(
    th: &Theory,
    t: &ergo_kernel::format::Theorem,
    report: &ergo_kernel::TheoremReport,
    statement: &Clause,
) -> String {
    let how = match &t.proof {
        Proof::Chain { steps } if steps.len() == 1 => "a chain of 1 step".to_string(),
        Proof::Chain { steps } => format!("a chain of {} steps", steps.len()),
        Proof::Induction { var, .. } => format!("induction on {var}"),
        Proof::Cases { var, .. } => format!("case split on {var}"),
        Proof::Split { term, .. } => format!("case split on {term}"),
        Proof::Contradiction { rule, .. } => format!("contradiction with {rule}"),
        Proof::Witness { terms, .. } => {
            let terms: Vec<String> = terms.iter().map(|(y, t)| format!("{y} := {t}")).collect();
            format!("witness {}", terms.join(", "))
        }
        Proof::Obtain { rule, .. } => format!("obtain from {rule}"),
    };
    let rests = match report.axioms.as_slice() {
        [] => "no axiom".to_string(),
        axioms => axioms.join(", "),
    };
    let mpl = print::formula(th, &statement.formula());
    let text = format!("{}: {mpl}\nproof: {how}; rests on {rests}", t.name);
    format!("\n{}\n", comment(&text))
}

/// The Coq module (file stem) for a certificate file: its name without `.proof.json`
/// (or extension), with every character Coq does not allow in a module name replaced
/// by `_`, and `m_` in front unless it starts with a letter.
pub fn module_name(certificate: &std::path::Path) -> String {
    let file = certificate
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = file
        .strip_suffix(".proof.json")
        .or_else(|| file.rsplit_once('.').map(|(s, _)| s))
        .unwrap_or(&file);
    let cleaned: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if cleaned.starts_with(|c: char| c.is_ascii_alphabetic()) {
        cleaned
    } else {
        format!("m_{cleaned}")
    }
}

/// The header comment: provenance, what the proofs are, and the name mapping.
fn header(th: &Theory, verified: &Verified, table: &Table, locals: &Locals) -> String {
    let cert = verified.certificate();
    let count = verified.theorems().count();
    let mut text = format!(
        "Generated by `ergo export coq` from a kernel-checked certificate; do not edit.\n\
         Theory `{}` ({}); {count} theorem(s).\n\n\
         Every proof below is an explicit proof term built from the certificate's steps:\n\
         eq_trans chains, eq_sym for right-to-left steps, f_equal for rewriting inside a\n\
         term, applications of axioms, earlier theorems and hypotheses (a conditional\n\
         rule applied to proofs of its premises), False_ind for a contradiction that\n\
         proves an equation, and the induction principles T_ind of the inductive types\n\
         (also for case splits, their induction hypotheses unused); ex_intro and conj\n\
         for a witness of \"there exists\", ex_ind and and_ind to use one. No tactic is\n\
         used.\n\n\
         Names, MPL -> Coq (symbols get fixed readable names: 0 zero, + add, * mul, - sub,\n\
         / div, ^ pow, < lt, <= le, ...; other non-identifiers are spelled out; a name\n\
         already taken gets the first free suffix _1, _2, ...):\n",
        cert.theory.name, cert.digest
    );
    let theorems: Vec<&str> = verified.theorems().map(|(t, _)| t.name.as_str()).collect();
    name_lines(&mapping(th, &theorems, table, locals), &mut text);
    comment(&text) + "\n"
}

/// The lines of the name mapping, then the note on the names not listed.
fn name_lines(entries: &[NameEntry], text: &mut String) {
    for e in entries {
        let note = match e.kind {
            "inductive" => format!("Inductive; induction principle {}_ind", e.coq),
            "sort" | "operator" | "predicate" => "Parameter".to_string(),
            "sort variable" => format!("bound by each scheme, {{{} : Type}}", e.coq),
            "axiom" => "Axiom".to_string(),
            "theorem" => "Definition".to_string(),
            _ => String::new(),
        };
        let kept = matches!(e.kind, "axiom" | "theorem") && e.mpl == e.coq;
        if !kept {
            let line = format!("  {:<11} {:<14} {:<14} {note}", e.kind, e.mpl, e.coq);
            let _ = writeln!(text, "{}", line.trim_end());
        }
    }
    text.push_str("Axioms and theorems not listed keep their names.");
}

/// The sorts, operators, predicates and axioms: a family once, at its generic instance,
/// with `Arguments` making its parameters implicit in its constructors; a scheme once,
/// its parameters bound first (`forall {A : Type}, ...`); no instance of either.
fn declarations(th: &Theory, table: &Table, out: &mut String) {
    let arrow = |args: &[SortId], result: &str| {
        let mut parts: Vec<String> = args
            .iter()
            .map(|s| poly::arrow_operand(table, *s))
            .collect();
        parts.push(result.to_string());
        parts.join(" -> ")
    };
    for (id, s) in th.sorts.iter().enumerate() {
        let coq = table.sort(SortId(id as u32));
        let family = match &s.shape {
            SortShape::Plain => None,
            SortShape::Instance { .. } => match poly::family_at(th, id) {
                Some(f) => Some(f),
                None => continue,
            },
            SortShape::Param | SortShape::Function { .. } => continue,
        };
        let params: Vec<&str> = family
            .map(|f| f.params.iter().map(|p| table.sort(*p)).collect())
            .unwrap_or_default();
        let head = match family {
            Some(_) => {
                let name = coq.split(' ').next().unwrap_or_default();
                format!("{name} ({} : Type)", params.join(" "))
            }
            None => coq.to_string(),
        };
        if !s.is_inductive() {
            match family {
                Some(f) => {
                    let arity = vec!["Type"; f.params.len() + 1].join(" -> ");
                    let name = coq.split(' ').next().unwrap_or_default();
                    let _ = writeln!(out, "\nParameter {name} : {arity}.");
                }
                None => {
                    let _ = writeln!(out, "\nParameter {coq} : Type.");
                }
            }
            continue;
        }
        let _ = write!(out, "\nInductive {head} : Type :=");
        for c in &s.constructors {
            let op = th.op(*c);
            let name = &table.ops[c.0 as usize];
            let _ = write!(out, "\n| {name} : {}", arrow(&op.args, coq));
        }
        out.push_str(".\n");
        if family.is_some() {
            for c in &s.constructors {
                let name = &table.ops[c.0 as usize];
                let mut line = format!("Arguments {name} {{{}}}", params.join(" "));
                for _ in &th.op(*c).args {
                    line.push_str(" _");
                }
                let _ = writeln!(out, "{line}.");
            }
        }
    }
    let params: Vec<String> = th
        .operators
        .iter()
        .zip(&table.ops)
        .enumerate()
        .filter(|(i, (o, _))| !o.constructor && poly::is_declared_op(th, *i))
        .map(|(_, (o, coq))| {
            let sorts = o.instance.as_ref().map_or(&[][..], |i| &i.args);
            format!(
                "Parameter {coq} : {}{}.",
                poly::implicit_binders(table, sorts),
                arrow(&o.args, table.sort(o.result))
            )
        })
        .chain(
            th.predicates
                .iter()
                .zip(&table.preds)
                .map(|(p, coq)| format!("Parameter {coq} : {}.", arrow(&p.args, "Prop"))),
        )
        .collect();
    if !params.is_empty() {
        let _ = writeln!(out, "\n{}", params.join("\n"));
    }
    for (a, coq) in th.axioms.iter().zip(&table.axioms) {
        if a.instance.is_some() {
            continue; // an instance of a scheme declared once, generically
        }
        let mpl = format!("{}: {}", a.name, print::formula(th, &a.formula));
        // A clause whose premises are written as a conjunction is declared curried, as
        // the kernel reads it (one premise after the other), so that proofs apply it to
        // one premise proof at a time; every other axiom is declared as written.
        let coq_formula = match Clause::from_formula(&a.formula) {
            Some(c) if c.groups.iter().any(|g| *g > 1) => clause_type(table, &c),
            _ => syntax::formula(table, &a.formula),
        };
        let binders = poly::implicit_binders(table, &poly::axiom_scheme_params(th, &a.name));
        let _ = writeln!(
            out,
            "\n{}\nAxiom {coq} : {binders}{coq_formula}.",
            comment(&mpl)
        );
    }
}

/// `(* text *)`, with every `(*`, `*)` and `"` in `text` defused so that the comment
/// ends exactly where it should (Coq nests comments and lexes strings inside them).
fn comment(text: &str) -> String {
    let safe = text
        .replace("(*", "( *")
        .replace("*)", "* )")
        .replace('"', "''");
    let lines: Vec<String> = safe
        .lines()
        .enumerate()
        .map(|(i, l)| match (i, l.is_empty()) {
            (0, _) | (_, true) => l.to_string(),
            _ => format!("   {l}"),
        })
        .collect();
    format!("(* {} *)", lines.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn peano() -> (Theory, Verified) {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let theory = crate::mpl::load(&root.join("axioms/peano.mpl")).unwrap();
        let text = std::fs::read_to_string(root.join("proofs/peano.proof.json")).unwrap();
        (theory, Verified::check_json(&text).unwrap())
    }

    #[test]
    fn exports_only_over_the_certificates_own_theory() {
        let (theory, verified) = peano();
        let file = export_verified(&theory, &verified).unwrap();
        assert_eq!(file.theorems.len(), verified.theorems().count());
        assert!(file
            .text
            .contains("Definition add_comm : forall x y : N, add x y = add y x :="));
        let mut other = theory.clone();
        other.signature_mut().axioms.pop();
        let err = export_verified(&other, &verified).unwrap_err();
        assert_eq!(err, ExportError::TheoryMismatch("peano".to_string()));
    }

    #[test]
    fn comments_cannot_be_closed_early() {
        assert_eq!(comment("a *) b (* c \"d"), "(* a * ) b ( * c ''d *)");
        assert_eq!(comment("(*)"), "(* ( * ) *)");
        assert_eq!(comment("x\n\ny"), "(* x\n\n   y *)");
    }

    #[test]
    fn module_names_are_coq_identifiers() {
        let m = |p: &str| module_name(std::path::Path::new(p));
        assert_eq!(m("proofs/peano.proof.json"), "peano");
        assert_eq!(m("a/peano-nested.proof.json"), "peano_nested");
        assert_eq!(m("2x.json"), "m_2x");
    }
}
