//! Mutation testing: every certificate in `tests/fixtures/` and in the repository's
//! `proofs/` folder is accepted, and every mutant of it is rejected, by the right theorem
//! and for an expected reason. A mutant whose JSON equals the original's is a no-op: it is
//! skipped and counted. A mutant known to be equivalent to the original (a `cases` turned
//! into an `induction`, which only adds hypotheses; an `induction` whose IHs are never
//! cited turned into `cases`; a fresh name the case never uses renamed) is skipped and
//! counted with its reason, and so is a statement mutant that concludes `t = t` (true
//! whatever its premises, so a proof of the original may prove it too). An accepted
//! mutant fails the test and is printed.
//!
//! Mutations reach every nested proof: case proofs, contradictions and their premise
//! proofs, and the premise proofs of conditional steps.

use ergo_kernel::format::{Case, Certificate, Dir, Proof, Step, StepKind};
use ergo_kernel::{check_json, theory_digest};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

// Expected error codes per kind of mutation, separated by spaces. A mutation inside a
// premise proof surfaces as that proof's error, so these lists are the same at any depth.
const RULE_SWAP: &str = "unknown-rule rule-not-clause rule-not-equation rule-not-falsity \
    rule-concludes-exists theorem-cited-before-proved cited-theorem-rejected subst-missing-var subst-unknown-var \
    sort-mismatch subterm-mismatch result-mismatch premise-count-mismatch \
    sorts-missing-param sorts-unknown-param";
const FLIP: &str = "subterm-mismatch result-mismatch";
const DROP: &str = "subterm-mismatch result-mismatch bad-position chain-end-mismatch";
// A changed leaf of a version 3 term: a sort of an instance `(_ f S)` replaced by an
// operator, an operator of an instance by another, a function replaced by a value.
const TERM_LEAF: &str = "result-mismatch unknown-symbol sort-mismatch arity-mismatch \
    unknown-sort instance-arity missing-instance not-a-function unbound-sort-variable";
// A changed instance also changes the premises the premise proofs must prove.
const SUBST_LEAF: &str = "subterm-mismatch result-mismatch unknown-symbol sort-mismatch \
    arity-mismatch chain-end-mismatch bad-position unknown-sort instance-arity \
    missing-instance not-a-function unbound-sort-variable";
const POS: &str = "bad-position subterm-mismatch result-mismatch";
const STATEMENT_LEAF: &str = "chain-end-mismatch subterm-mismatch result-mismatch \
    bad-position unknown-symbol sort-mismatch arity-mismatch unknown-sort \
    unknown-induction-var subst-missing-var subst-unknown-var statement-not-clause \
    instance-arity missing-instance not-a-function unbound-sort-variable";
// Splitting on another variable (or an unknown one) changes every case's goal.
// A split on a variable of another sort has that sort's constructors, not the cases'.
const SPLIT_VAR: &str = "unknown-induction-var chain-end-mismatch subterm-mismatch \
    result-mismatch bad-position unknown-symbol unknown-rule bad-fresh-name \
    subst-missing-var subst-unknown-var rule-not-equation rule-not-falsity case-mismatch \
    sort-not-inductive";
// A split on another term: its sort may have other constructors or none, or the case
// hypotheses state something else, which the case proofs cite.
const SPLIT_TERM: &str = "unknown-symbol sort-mismatch arity-mismatch case-mismatch \
    sort-not-inductive subterm-mismatch result-mismatch chain-end-mismatch bad-position \
    unknown-rule instance-arity missing-instance not-a-function unbound-sort-variable \
    unknown-sort fresh-arity-mismatch bad-fresh-name";
// A renamed fresh variable: the old name (and its IH) no longer exist.
const FRESH: &str = "unknown-symbol unknown-rule chain-end-mismatch subterm-mismatch \
    result-mismatch";
const CITED: &str = "cited-theorem-rejected";

/// Whether `code` is one of the space-separated `codes`.
fn one_of(codes: &str, code: &str) -> bool {
    codes.split_whitespace().any(|c| c == code)
}

/// What must happen to a mutant.
/// An s-expression, for looking at statements.
enum Sexp {
    Atom(String),
    List(Vec<Sexp>),
}

fn read_sexp(tokens: &mut std::iter::Peekable<std::vec::IntoIter<String>>) -> Option<Sexp> {
    match tokens.next()?.as_str() {
        "(" => {
            let mut items = Vec::new();
            while tokens.peek()? != ")" {
                items.push(read_sexp(tokens)?);
            }
            tokens.next();
            Some(Sexp::List(items))
        }
        ")" => None,
        atom => Some(Sexp::Atom(atom.to_string())),
    }
}

/// Whether a statement's conclusion is an equation `(= t t)` with equal sides.
fn concludes_reflexive(statement: &str) -> bool {
    let spaced = statement.replace('(', " ( ").replace(')', " ) ");
    let tokens: Vec<String> = spaced.split_whitespace().map(str::to_string).collect();
    let Some(mut f) = read_sexp(&mut tokens.into_iter().peekable()) else {
        return false;
    };
    loop {
        let Sexp::List(items) = f else { return false };
        let head = match items.first() {
            Some(Sexp::Atom(h)) => h.clone(),
            _ => return false,
        };
        match (head.as_str(), items.len()) {
            ("forall", 3) | ("exists", 3) | ("=>", 3) => {
                f = items.into_iter().nth(2).expect("three items")
            }
            ("=", 3) => {
                let text = |s: &Sexp| -> String {
                    fn go(s: &Sexp, out: &mut String) {
                        match s {
                            Sexp::Atom(a) => out.push_str(a),
                            Sexp::List(xs) => {
                                out.push('(');
                                xs.iter().for_each(|x| {
                                    go(x, out);
                                    out.push(' ')
                                });
                                out.push(')');
                            }
                        }
                    }
                    let mut out = String::new();
                    go(s, &mut out);
                    out
                };
                return text(&items[1]) == text(&items[2]);
            }
            _ => return false,
        }
    }
}

enum Expect {
    /// Not run: the mutant is equivalent to the original, for this reason.
    Skip(&'static str),
    /// The whole certificate is rejected with one of these codes.
    Certificate(&'static str),
    /// These theorems (by index) are rejected with one of their codes; if `others_ok`,
    /// every other theorem is accepted.
    Theorems {
        rejected: Vec<(usize, &'static str)>,
        others_ok: bool,
    },
}

struct Mutant {
    what: String,
    json: String,
    expect: Expect,
}

#[derive(Default)]
struct Tally {
    generated: usize,
    rejected: usize,
    no_ops: usize,
    /// Equivalent mutants skipped, by reason.
    equivalent: BTreeMap<&'static str, usize>,
    failures: Vec<String>,
}

/// One edge from a proof to a nested proof.
#[derive(Clone, Debug)]
enum Edge {
    /// The proof of case `i` of an induction or a case split.
    Case(usize),
    /// Premise proof `j` of a contradiction.
    Premise(usize),
    /// Premise proof `j` of step `i` of a chain.
    Step(usize, usize),
    /// Conjunct proof `j` of a witness.
    Witness(usize),
    /// The proof in an obtain's extended context.
    Obtained,
}

/// The proof at `path` (paths come from `subproofs`).
fn at<'a>(proof: &'a mut Proof, path: &[Edge]) -> &'a mut Proof {
    let Some((first, rest)) = path.split_first() else {
        return proof;
    };
    let next = match (proof, first) {
        (
            Proof::Induction { cases, .. }
            | Proof::Cases { cases, .. }
            | Proof::Split { cases, .. },
            Edge::Case(i),
        ) => &mut cases[*i].proof,
        (
            Proof::Contradiction { premises, .. } | Proof::Obtain { premises, .. },
            Edge::Premise(j),
        ) => &mut premises[*j],
        (Proof::Witness { proofs, .. }, Edge::Witness(j)) => &mut proofs[*j],
        (Proof::Obtain { proof, .. }, Edge::Obtained) => proof.as_mut(),
        (Proof::Chain { steps }, Edge::Step(i, j)) => &mut steps[*i].premises[*j],
        _ => unreachable!("paths come from `subproofs`"),
    };
    at(next, rest)
}

/// Every proof nested in `proof` (itself included): its path and the induction hypothesis
/// names in scope there.
fn subproofs(
    proof: &Proof,
    path: &mut Vec<Edge>,
    ihs: &mut Vec<String>,
    out: &mut Vec<(Vec<Edge>, Vec<String>)>,
) {
    out.push((path.clone(), ihs.clone()));
    let mut nested = |edge: Edge, p: &Proof, extra: Vec<String>, path: &mut Vec<Edge>| {
        let before = ihs.len();
        ihs.extend(extra);
        path.push(edge);
        subproofs(p, path, ihs, out);
        path.pop();
        ihs.truncate(before);
    };
    match proof {
        Proof::Chain { steps } => {
            for (i, step) in steps.iter().enumerate() {
                for (j, p) in step.premises.iter().enumerate() {
                    nested(Edge::Step(i, j), p, vec![], path);
                }
            }
        }
        Proof::Induction { cases, .. } => {
            for (i, case) in cases.iter().enumerate() {
                let ih = case.fresh.iter().map(|f| format!("ih_{f}")).collect();
                nested(Edge::Case(i), &case.proof, ih, path);
            }
        }
        Proof::Cases { cases, .. } => {
            for (i, case) in cases.iter().enumerate() {
                nested(Edge::Case(i), &case.proof, vec![], path);
            }
        }
        Proof::Split { cases, hyp, .. } => {
            for (i, case) in cases.iter().enumerate() {
                nested(Edge::Case(i), &case.proof, vec![hyp.clone()], path);
            }
        }
        Proof::Contradiction { premises, .. } => {
            for (j, p) in premises.iter().enumerate() {
                nested(Edge::Premise(j), p, vec![], path);
            }
        }
        Proof::Witness { proofs, .. } => {
            for (j, p) in proofs.iter().enumerate() {
                nested(Edge::Witness(j), p, vec![], path);
            }
        }
        Proof::Obtain {
            premises,
            hyp,
            proof,
            ..
        } => {
            for (j, p) in premises.iter().enumerate() {
                nested(Edge::Premise(j), p, vec![], path);
            }
            let names = vec![hyp.clone(), format!("{hyp}.1"), format!("{hyp}.2")];
            nested(Edge::Obtained, proof, names, path);
        }
    }
}

/// Every step of a proof, premise proofs included.
fn all_steps(proof: &Proof) -> Vec<&Step> {
    match proof {
        Proof::Chain { steps } => steps
            .iter()
            .flat_map(|s| {
                let inner = s.premises.iter().flat_map(all_steps);
                std::iter::once(s).chain(inner.collect::<Vec<_>>())
            })
            .collect(),
        Proof::Induction { cases, .. }
        | Proof::Cases { cases, .. }
        | Proof::Split { cases, .. } => cases.iter().flat_map(|c| all_steps(&c.proof)).collect(),
        Proof::Contradiction { premises, .. } => premises.iter().flat_map(all_steps).collect(),
        Proof::Witness { proofs, .. } => proofs.iter().flat_map(all_steps).collect(),
        Proof::Obtain {
            premises, proof, ..
        } => premises
            .iter()
            .chain(std::iter::once(proof.as_ref()))
            .flat_map(all_steps)
            .collect(),
    }
}

/// Every (kind, rule) a proof cites, contradictions and premise proofs included.
fn citations(proof: &Proof) -> Vec<(StepKind, String)> {
    let mut out = Vec::new();
    proof.each_citation(&mut |kind, rule| out.push((kind, rule.to_string())));
    out
}

/// Every term text of a proof: step terms, substitution values (steps and contradictions),
/// the terms split on.
fn texts(proof: &Proof) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in all_steps(proof) {
        out.extend(s.subst.values().cloned());
        out.push(s.term.clone());
    }
    let mut subs = Vec::new();
    subproofs(proof, &mut Vec::new(), &mut Vec::new(), &mut subs);
    for (path, _) in subs {
        match at(&mut proof.clone(), &path) {
            Proof::Contradiction { subst, .. } | Proof::Obtain { subst, .. } => {
                out.extend(subst.values().cloned())
            }
            Proof::Witness { terms, .. } => out.extend(terms.values().cloned()),
            Proof::Split { term, .. } => out.push(term.clone()),
            _ => {}
        }
    }
    out
}

/// The binder names of a statement `(forall ((x S) ...) body)` (none without `forall`).
fn binder_names(statement: &str) -> Vec<String> {
    let spaced = statement.replace(['(', ')'], " ");
    let mut tokens = spaced.split_whitespace();
    if tokens.next() != Some("forall") {
        return Vec::new();
    }
    let tokens: Vec<&str> = tokens
        .take_while(|t| !["=", "not", "=>", "and", "exists"].contains(t))
        .collect();
    tokens.chunks(2).map(|pair| pair[0].to_string()).collect()
}

/// Byte ranges of the leaf symbols (symbols not right after `(`) of an s-expression.
fn leaves(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut after_open = false;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '(' || c == ')' || c.is_whitespace() {
            after_open = c == '(' || (after_open && c.is_whitespace());
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = chars.peek() {
            if d == '(' || d == ')' || d.is_whitespace() {
                break;
            }
            end = j + d.len_utf8();
            chars.next();
        }
        if !after_open {
            out.push((i, end));
        }
        after_open = false;
    }
    out
}

/// Every variant of `text` with one leaf replaced by the next symbol of `pool`.
fn leaf_variants(text: &str, pool: &[String]) -> Vec<String> {
    leaves(text)
        .into_iter()
        .map(|(a, b)| {
            let leaf = &text[a..b];
            let at = pool.iter().position(|p| p == leaf).unwrap_or(0);
            let other = pool
                .iter()
                .cycle()
                .skip(at + 1)
                .take(pool.len())
                .find(|p| *p != leaf);
            let other = other.map(String::as_str).unwrap_or(leaf);
            format!("{}{}{}", &text[..a], other, &text[b..])
        })
        .collect()
}

/// Theorems (by index) that cite theorem `i` directly or transitively.
fn dependents(cert: &Certificate, i: usize) -> Vec<usize> {
    let mut bad: BTreeSet<String> = BTreeSet::from([cert.theorems[i].name.clone()]);
    let mut out = Vec::new();
    for (k, t) in cert.theorems.iter().enumerate().skip(i + 1) {
        let cites = citations(&t.proof)
            .iter()
            .any(|(kind, rule)| *kind == StepKind::Theorem && bad.contains(rule));
        if cites {
            bad.insert(t.name.clone());
            out.push(k);
        }
    }
    out
}

/// Theorem `i` is rejected with one of `codes`, its dependents in turn, the others accepted.
fn cascade(cert: &Certificate, i: usize, codes: &'static str) -> Expect {
    let mut rejected = vec![(i, codes)];
    rejected.extend(dependents(cert, i).into_iter().map(|k| (k, CITED)));
    Expect::Theorems {
        rejected,
        others_ok: true,
    }
}

fn json(cert: &Certificate) -> String {
    serde_json::to_string(cert).unwrap()
}

/// The next element of `list` after `current` (cyclically) that differs from it.
fn next(list: &[String], current: &str) -> Option<String> {
    let at = list.iter().position(|x| x == current).unwrap_or(0);
    list.iter()
        .cycle()
        .skip(at + 1)
        .take(list.len())
        .find(|x| *x != current)
        .cloned()
}

/// Whether `name` occurs as a symbol (or as `ih_<name>`) anywhere in the proof's JSON.
fn mentions(proof: &Proof, name: &str) -> bool {
    let text = serde_json::to_string(proof).unwrap();
    let spaced = text.replace(['(', ')', '"', ',', ':', '{', '}', '[', ']'], " ");
    let ih = format!("ih_{name}");
    spaced.split_whitespace().any(|t| t == name || t == ih)
}

/// The cases of a case split (on a variable or a term) or induction.
fn split_cases(p: &mut Proof) -> &mut Vec<Case> {
    match p {
        Proof::Induction { cases, .. }
        | Proof::Cases { cases, .. }
        | Proof::Split { cases, .. } => cases,
        _ => unreachable!("a case split"),
    }
}

type ContradictionParts<'a> = (
    &'a mut StepKind,
    &'a mut String,
    &'a mut BTreeMap<String, String>,
    &'a mut Vec<Proof>,
);

/// The fields of a contradiction.
fn contradiction(p: &mut Proof) -> ContradictionParts<'_> {
    match p {
        Proof::Contradiction {
            kind,
            rule,
            subst,
            premises,
            ..
        } => (kind, rule, subst, premises),
        _ => unreachable!("a contradiction"),
    }
}

/// What the mutants of one theorem need to know about the certificate.
struct Names {
    axioms: Vec<String>,
    theorems: Vec<String>,
}

/// The mutants of one step (`si`) of the chain at `path` in theorem `ti`.
#[allow(clippy::too_many_arguments)]
fn step_mutants(
    orig: &Certificate,
    names: &Names,
    ti: usize,
    path: &[Edge],
    hyps: &[String],
    pool: &[String],
    si: usize,
    step: &Step,
    push: &mut dyn FnMut(String, Certificate, Expect),
) {
    let theorem = &orig.theorems[ti];
    let at_ = format!("theorem {ti} ({}), path {path:?}, step {si}", theorem.name);
    let edit = |f: &mut dyn FnMut(&mut Vec<Step>)| {
        let mut cert = orig.clone();
        let Proof::Chain { steps } = at(&mut cert.theorems[ti].proof, path) else {
            unreachable!("a chain")
        };
        f(steps);
        cert
    };
    let mut alternatives = vec![format!("{}_nope", step.rule)];
    alternatives.extend(match step.kind {
        StepKind::Axiom => next(&names.axioms, &step.rule),
        StepKind::Theorem => next(&names.theorems, &step.rule),
        StepKind::Hyp => next(hyps, &step.rule),
    });
    for rule in alternatives {
        let cert = edit(&mut |s| s[si].rule = rule.clone());
        let what = format!("{at_}: rule -> {rule}");
        push(what, cert, cascade(orig, ti, RULE_SWAP));
    }
    let cert = edit(&mut |s| {
        s[si].dir = if s[si].dir == Dir::Lr {
            Dir::Rl
        } else {
            Dir::Lr
        }
    });
    push(format!("{at_}: flip dir"), cert, cascade(orig, ti, FLIP));
    let cert = edit(&mut |s| {
        s.remove(si);
    });
    push(format!("{at_}: drop"), cert, cascade(orig, ti, DROP));
    for (k, term) in leaf_variants(&step.term, pool).into_iter().enumerate() {
        let cert = edit(&mut |s| s[si].term = term.clone());
        let what = format!("{at_}: term leaf {k}");
        push(what, cert, cascade(orig, ti, TERM_LEAF));
    }
    for (var, value) in &step.subst {
        for (k, value) in leaf_variants(value, pool).into_iter().enumerate() {
            let cert = edit(&mut |s| {
                s[si].subst.insert(var.clone(), value.clone());
            });
            let what = format!("{at_}: subst {var} leaf {k}");
            push(what, cert, cascade(orig, ti, SUBST_LEAF));
        }
    }
    let mut positions = vec![[step.pos.clone(), vec![0]].concat()];
    if let Some((last, init)) = step.pos.split_last() {
        positions.push(init.to_vec());
        positions.push([init, &[last + 1]].concat());
    } else {
        positions.push(vec![1]);
    }
    for pos in positions {
        let cert = edit(&mut |s| s[si].pos = pos.clone());
        push(
            format!("{at_}: pos -> {pos:?}"),
            cert,
            cascade(orig, ti, POS),
        );
    }
    // Premise proofs: one dropped, one repeated, one added to an unconditional step.
    for j in 0..step.premises.len() {
        let cert = edit(&mut |s| {
            s[si].premises.remove(j);
        });
        let what = format!("{at_}: drop premise proof {j}");
        push(what, cert, cascade(orig, ti, "premise-count-mismatch"));
    }
    let cert = edit(&mut |s| {
        let extra = s[si]
            .premises
            .first()
            .cloned()
            .unwrap_or(Proof::Chain { steps: vec![] });
        s[si].premises.push(extra);
    });
    let what = format!("{at_}: extra premise proof");
    push(what, cert, cascade(orig, ti, "premise-count-mismatch"));
}

/// What the mutants of a proof in a theorem know about the names around it.
struct Scope<'a> {
    names: &'a Names,
    /// Hypothesis names cited in the theorem or in scope.
    hyps: &'a [String],
    /// Hypothesis names introduced around the proof.
    ihs: &'a [String],
    cited_hyps: &'a BTreeSet<String>,
    pool: &'a [String],
    constants: &'a [String],
    /// The theorem's binders when the proof is the theorem's own (all rigid there).
    binders: Vec<String>,
}

// A changed witness term changes the goals of the conjunct proofs.
const WITNESS_TERM: &str = "chain-end-mismatch subterm-mismatch result-mismatch bad-position \
    unknown-symbol sort-mismatch witness-sort-mismatch arity-mismatch unknown-sort \
    instance-arity missing-instance not-a-function unbound-sort-variable";
// Another clause opened: another conclusion, other variables, other premises.
const OBTAIN_RULE: &str = "unknown-rule rule-not-clause rule-not-exists \
    theorem-cited-before-proved cited-theorem-rejected subst-missing-var subst-unknown-var \
    sort-mismatch premise-count-mismatch obtain-fresh-count-mismatch sorts-missing-param \
    sorts-unknown-param chain-end-mismatch subterm-mismatch result-mismatch unknown-symbol";

/// The mutants of a `witness` or an `obtain` at `path` in theorem `ti`.
fn exists_mutants(
    orig: &Certificate,
    ti: usize,
    path: &[Edge],
    proof: &Proof,
    scope: &Scope<'_>,
    push: &mut dyn FnMut(String, Certificate, Expect),
) {
    let at_ = format!("theorem {ti} ({}), path {path:?}", orig.theorems[ti].name);
    let edit = |f: &mut dyn FnMut(&mut Proof)| {
        let mut cert = orig.clone();
        f(at(&mut cert.theorems[ti].proof, path));
        cert
    };
    match proof {
        Proof::Witness { terms, proofs } => {
            fn terms_of(p: &mut Proof) -> &mut BTreeMap<String, String> {
                match p {
                    Proof::Witness { terms, .. } => terms,
                    _ => unreachable!("a witness"),
                }
            }
            for (y, term) in terms {
                for (k, other) in leaf_variants(term, scope.pool).into_iter().enumerate() {
                    let cert = edit(&mut |p| {
                        terms_of(p).insert(y.clone(), other.clone());
                    });
                    let what = format!("{at_}: witness {y} leaf {k}");
                    push(what, cert, cascade(orig, ti, WITNESS_TERM));
                }
                let cert = edit(&mut |p| {
                    terms_of(p).remove(y);
                });
                let what = format!("{at_}: witness {y} removed");
                push(what, cert, cascade(orig, ti, "witness-vars-mismatch"));
            }
            let cert = edit(&mut |p| {
                terms_of(p).insert("zz".into(), "0".into());
            });
            let what = format!("{at_}: witness for an unbound name");
            push(what, cert, cascade(orig, ti, "witness-vars-mismatch"));
            fn proofs_of(p: &mut Proof) -> &mut Vec<Proof> {
                match p {
                    Proof::Witness { proofs, .. } => proofs,
                    _ => unreachable!("a witness"),
                }
            }
            for j in 0..proofs.len() {
                let cert = edit(&mut |p| {
                    proofs_of(p).remove(j);
                });
                let what = format!("{at_}: witness drop proof {j}");
                push(
                    what,
                    cert,
                    cascade(orig, ti, "witness-proof-count-mismatch"),
                );
            }
            let cert = edit(&mut |p| {
                let proofs = proofs_of(p);
                proofs.push(proofs[0].clone());
            });
            let what = format!("{at_}: witness extra proof");
            push(
                what,
                cert,
                cascade(orig, ti, "witness-proof-count-mismatch"),
            );
            let cert = edit(&mut |p| *p = Proof::Chain { steps: vec![] });
            push(
                format!("{at_}: witness -> empty chain"),
                cert,
                cascade(orig, ti, "chain-for-exists"),
            );
        }
        Proof::Obtain {
            kind,
            rule,
            subst,
            premises,
            fresh,
            hyp,
            proof: inner,
            ..
        } => {
            type Parts<'p> = (
                &'p mut StepKind,
                &'p mut String,
                &'p mut BTreeMap<String, String>,
                &'p mut Vec<Proof>,
                &'p mut Vec<String>,
                &'p mut String,
            );
            fn parts(p: &mut Proof) -> Parts<'_> {
                match p {
                    Proof::Obtain {
                        kind,
                        rule,
                        subst,
                        premises,
                        fresh,
                        hyp,
                        ..
                    } => (kind, rule, subst, premises, fresh, hyp),
                    _ => unreachable!("an obtain"),
                }
            }
            for other in [StepKind::Axiom, StepKind::Theorem, StepKind::Hyp] {
                if other != *kind {
                    let cert = edit(&mut |p| *parts(p).0 = other);
                    let what = format!("{at_}: obtain kind -> {other:?}");
                    push(what, cert, cascade(orig, ti, OBTAIN_RULE));
                }
            }
            let mut alternatives = vec![format!("{rule}_nope")];
            alternatives.extend(match kind {
                StepKind::Axiom => next(&scope.names.axioms, rule),
                StepKind::Theorem => next(&scope.names.theorems, rule),
                StepKind::Hyp => next(scope.hyps, rule),
            });
            for other in alternatives {
                let cert = edit(&mut |p| *parts(p).1 = other.clone());
                let what = format!("{at_}: obtain rule -> {other}");
                push(what, cert, cascade(orig, ti, OBTAIN_RULE));
            }
            for (var, value) in subst {
                for (k, value) in leaf_variants(value, scope.pool).into_iter().enumerate() {
                    let cert = edit(&mut |p| {
                        parts(p).2.insert(var.clone(), value.clone());
                    });
                    let what = format!("{at_}: obtain subst {var} leaf {k}");
                    push(what, cert, cascade(orig, ti, SUBST_LEAF));
                }
                let cert = edit(&mut |p| {
                    parts(p).2.remove(var);
                });
                let what = format!("{at_}: obtain subst {var} removed");
                push(what, cert, cascade(orig, ti, "subst-missing-var"));
            }
            let cert = edit(&mut |p| {
                parts(p).2.insert("zz".into(), "0".into());
            });
            let what = format!("{at_}: obtain subst extra");
            push(what, cert, cascade(orig, ti, "subst-unknown-var"));
            for j in 0..premises.len() {
                let cert = edit(&mut |p| {
                    parts(p).3.remove(j);
                });
                let what = format!("{at_}: obtain drop premise proof {j}");
                push(what, cert, cascade(orig, ti, "premise-count-mismatch"));
            }
            let cert = edit(&mut |p| parts(p).3.push(Proof::Chain { steps: vec![] }));
            let what = format!("{at_}: obtain extra premise proof");
            push(what, cert, cascade(orig, ti, "premise-count-mismatch"));
            let cert = edit(&mut |p| parts(p).4.push("z_extra".into()));
            let what = format!("{at_}: obtain extra fresh name");
            push(what, cert, cascade(orig, ti, "obtain-fresh-count-mismatch"));
            for (fi, name) in fresh.iter().enumerate() {
                let renamed = format!("{name}_r");
                let what = format!("{at_}: obtain fresh {name} -> {renamed}");
                if mentions(inner, name) {
                    let cert = edit(&mut |p| parts(p).4[fi] = renamed.clone());
                    push(what, cert, cascade(orig, ti, FRESH));
                } else {
                    push(
                        what,
                        orig.clone(),
                        Expect::Skip("the fresh name is not used"),
                    );
                }
                let cert = edit(&mut |p| parts(p).4[fi] = "s".into());
                let what = format!("{at_}: obtain fresh {name} -> an operator");
                push(what, cert, cascade(orig, ti, "bad-fresh-name"));
                for rigid in &scope.binders {
                    let cert = edit(&mut |p| parts(p).4[fi] = rigid.clone());
                    let what = format!("{at_}: obtain fresh {name} -> rigid {rigid}");
                    push(what, cert, cascade(orig, ti, "fresh-name-escapes"));
                }
            }
            let cited = |h: &str| {
                citations(inner).iter().any(|(k, r)| {
                    *k == StepKind::Hyp && (r == h || r.starts_with(&format!("{h}.")))
                })
            };
            let mut others = vec![(format!("{hyp}_r"), "unknown-rule")];
            let in_scope = scope.ihs.iter().find(|h| scope.cited_hyps.contains(*h));
            others.extend(in_scope.map(|h| (h.clone(), "hypothesis-name-clash")));
            others.extend(scope.constants.first().map(|c| (c.clone(), "bad-hyp-name")));
            for (other, code) in others {
                let what = format!("{at_}: obtain hyp -> {other}");
                if code == "unknown-rule" && !cited(hyp) {
                    push(
                        what,
                        orig.clone(),
                        Expect::Skip("the obtained hyp is not cited"),
                    );
                    continue;
                }
                let cert = edit(&mut |p| *parts(p).5 = other.clone());
                push(what, cert, cascade(orig, ti, code));
            }
            let cert = edit(&mut |p| *p = inner.as_ref().clone());
            let what = format!("{at_}: obtain dropped");
            let codes = "unknown-rule unknown-symbol chain-end-mismatch subterm-mismatch \
                result-mismatch";
            push(what, cert, cascade(orig, ti, codes));
        }
        _ => {}
    }
}

fn mutants(orig: &Certificate) -> Vec<Mutant> {
    let mut out = Vec::new();
    let mut push = |what: String, cert: Certificate, expect: Expect| {
        out.push(Mutant {
            what,
            json: json(&cert),
            expect,
        });
    };
    let constants: Vec<String> = orig
        .theory
        .operators
        .iter()
        .filter(|o| o.args.is_empty())
        .map(|o| o.name.clone())
        .collect();
    let names = Names {
        axioms: orig.theory.axioms.iter().map(|a| a.name.clone()).collect(),
        theorems: orig.theorems.iter().map(|t| t.name.clone()).collect(),
    };
    let constructors: Vec<String> = orig
        .theory
        .sorts
        .iter()
        .flat_map(|s| s.constructors.clone())
        .collect();

    for (ti, theorem) in orig.theorems.iter().enumerate() {
        let mut pool: BTreeSet<String> = constants.iter().cloned().collect();
        for text in texts(&theorem.proof) {
            pool.extend(
                leaves(&text)
                    .into_iter()
                    .map(|(a, b)| text[a..b].to_string()),
            );
        }
        let pool: Vec<String> = pool.into_iter().collect();
        for (k, statement) in leaf_variants(&theorem.statement, &pool)
            .into_iter()
            .enumerate()
        {
            let expect = if concludes_reflexive(&statement) {
                // `p -> t = t` is true whatever `p`: a proof of the original (say, a
                // contradiction in every case but one where the sides already agree)
                // may well prove it too, and accepting it is right.
                Expect::Skip("the mutated statement concludes t = t")
            } else {
                cascade(orig, ti, STATEMENT_LEAF)
            };
            let mut cert = orig.clone();
            cert.theorems[ti].statement = statement;
            push(format!("theorem {ti}: statement leaf {k}"), cert, expect);
        }
        // The hypothesis names cited anywhere in the theorem.
        let cited_hyps: BTreeSet<String> = citations(&theorem.proof)
            .into_iter()
            .filter(|(kind, _)| *kind == StepKind::Hyp)
            .map(|(_, rule)| rule)
            .collect();
        let mut found = Vec::new();
        subproofs(&theorem.proof, &mut Vec::new(), &mut Vec::new(), &mut found);
        for (path, ihs) in found {
            let mut hyps: BTreeSet<String> = cited_hyps.clone();
            hyps.extend(ihs.iter().cloned());
            let hyps: Vec<String> = hyps.into_iter().collect();
            let proof = at(&mut theorem.proof.clone(), &path).clone();
            let at_ = format!("theorem {ti} ({}), path {path:?}", theorem.name);
            let edit = |f: &mut dyn FnMut(&mut Proof)| {
                let mut cert = orig.clone();
                f(at(&mut cert.theorems[ti].proof, &path));
                cert
            };
            match &proof {
                Proof::Chain { steps } => {
                    for (si, step) in steps.iter().enumerate() {
                        step_mutants(orig, &names, ti, &path, &hyps, &pool, si, step, &mut push);
                    }
                }
                Proof::Split { term, hyp, cases } => {
                    for (k, other) in leaf_variants(term, &pool).into_iter().enumerate() {
                        let cert = edit(&mut |p| {
                            if let Proof::Split { term, .. } = p {
                                *term = other.clone()
                            }
                        });
                        let what = format!("{at_}: split term leaf {k}");
                        push(what, cert, cascade(orig, ti, SPLIT_TERM));
                    }
                    let mut names = vec![(format!("{hyp}_r"), "unknown-rule")];
                    // A name in scope (an induction hypothesis, an outer split's; one cited
                    // in the theorem, so not an `ih_` of a non-recursive argument).
                    let in_scope = ihs.iter().find(|h| cited_hyps.contains(*h));
                    names.extend(in_scope.map(|h| (h.clone(), "hypothesis-name-clash")));
                    names.extend(constants.first().map(|c| (c.clone(), "bad-hyp-name")));
                    names.push(("c 1".to_string(), "bad-hyp-name"));
                    for (other, code) in names {
                        let what = format!("{at_}: split hyp -> {other}");
                        let cited = cases.iter().any(|c| {
                            citations(&c.proof)
                                .iter()
                                .any(|(k, r)| *k == StepKind::Hyp && r == hyp)
                        });
                        if code == "unknown-rule" && !cited {
                            push(
                                what,
                                orig.clone(),
                                Expect::Skip("the split's hyp is not cited"),
                            );
                            continue;
                        }
                        let cert = edit(&mut |p| {
                            if let Proof::Split { hyp, .. } = p {
                                *hyp = other.clone()
                            }
                        });
                        push(what, cert, cascade(orig, ti, code));
                    }
                }
                Proof::Induction { var, .. } | Proof::Cases { var, .. } => {
                    let mut vars = vec![format!("{var}_nope")];
                    if path.is_empty() {
                        vars.extend(
                            binder_names(&theorem.statement)
                                .into_iter()
                                .filter(|v| v != var),
                        );
                    }
                    for other in vars {
                        let cert = edit(&mut |p| match p {
                            Proof::Induction { var, .. } | Proof::Cases { var, .. } => {
                                *var = other.clone()
                            }
                            _ => unreachable!(),
                        });
                        push(
                            format!("{at_}: var -> {other}"),
                            cert,
                            cascade(orig, ti, SPLIT_VAR),
                        );
                    }
                }
                _ => {}
            }
            match &proof {
                Proof::Induction { cases, .. }
                | Proof::Cases { cases, .. }
                | Proof::Split { cases, .. } => {
                    let induction = matches!(proof, Proof::Induction { .. });
                    if cases.len() > 1 {
                        let cert = edit(&mut |p| split_cases(p).swap(0, 1));
                        let what = format!("{at_}: swap cases 0 and 1");
                        push(what, cert, cascade(orig, ti, "case-mismatch"));
                    }
                    for (ci, case) in cases.iter().enumerate() {
                        let cert = edit(&mut |p| {
                            split_cases(p).remove(ci);
                        });
                        let what = format!("{at_}: drop case {ci}");
                        push(what, cert, cascade(orig, ti, "case-mismatch"));
                        if let Some(other) = next(&constructors, &case.constructor) {
                            let cert =
                                edit(&mut |p| split_cases(p)[ci].constructor = other.clone());
                            let what = format!("{at_}: case {ci} constructor -> {other}");
                            push(what, cert, cascade(orig, ti, "case-mismatch"));
                        }
                        let cert = edit(&mut |p| split_cases(p)[ci].fresh.push("z_extra".into()));
                        let what = format!("{at_}: case {ci} extra fresh name");
                        push(what, cert, cascade(orig, ti, "fresh-arity-mismatch"));
                        for (fi, name) in case.fresh.iter().enumerate() {
                            let renamed = format!("{name}_r");
                            let what = format!("{at_}: case {ci} fresh {name} -> {renamed}");
                            if !mentions(&case.proof, name) {
                                push(
                                    what,
                                    orig.clone(),
                                    Expect::Skip("the fresh name is not used"),
                                );
                                continue;
                            }
                            let cert =
                                edit(&mut |p| split_cases(p)[ci].fresh[fi] = renamed.clone());
                            push(what, cert, cascade(orig, ti, FRESH));
                            let cert = edit(&mut |p| split_cases(p)[ci].fresh[fi] = "s".into());
                            let what = format!("{at_}: case {ci} fresh {name} -> an operator");
                            push(what, cert, cascade(orig, ti, "bad-fresh-name"));
                        }
                    }
                    // induction <-> cases.
                    let what = format!("{at_}: swap induction and cases");
                    let ih_used = cases.iter().any(|c| {
                        let ihs: Vec<String> = c.fresh.iter().map(|f| format!("ih_{f}")).collect();
                        citations(&c.proof)
                            .iter()
                            .any(|(k, r)| *k == StepKind::Hyp && ihs.contains(r))
                    });
                    let swapped = |p: &mut Proof| {
                        *p = match p.clone() {
                            Proof::Induction { var, cases } => Proof::Cases { var, cases },
                            Proof::Cases { var, cases } => Proof::Induction { var, cases },
                            _ => unreachable!(),
                        }
                    };
                    if matches!(proof, Proof::Split { .. }) {
                        // A term split has no induction form.
                    } else if !induction {
                        let reason = "cases -> induction only adds hypotheses";
                        push(what, orig.clone(), Expect::Skip(reason));
                    } else if !ih_used {
                        let reason = "induction -> cases where no IH is cited";
                        push(what, orig.clone(), Expect::Skip(reason));
                    } else {
                        let cert = edit(&mut |p| swapped(p));
                        push(what, cert, cascade(orig, ti, "unknown-rule"));
                    }
                }
                _ => {}
            }
            let scope = Scope {
                names: &names,
                hyps: &hyps,
                ihs: &ihs,
                cited_hyps: &cited_hyps,
                pool: &pool,
                constants: &constants,
                binders: if path.is_empty() {
                    binder_names(&theorem.statement)
                } else {
                    Vec::new()
                },
            };
            exists_mutants(orig, ti, &path, &proof, &scope, &mut push);
            if let Proof::Contradiction {
                kind,
                rule,
                subst,
                premises,
                ..
            } = &proof
            {
                for other in [StepKind::Axiom, StepKind::Theorem, StepKind::Hyp] {
                    if other == *kind {
                        continue;
                    }
                    let cert = edit(&mut |p| *contradiction(p).0 = other);
                    let what = format!("{at_}: contradiction kind -> {other:?}");
                    push(
                        what,
                        cert,
                        cascade(orig, ti, "unknown-rule theorem-cited-before-proved"),
                    );
                }
                let mut alternatives = vec![format!("{rule}_nope")];
                alternatives.extend(match kind {
                    StepKind::Axiom => next(&names.axioms, rule),
                    StepKind::Theorem => next(&names.theorems, rule),
                    StepKind::Hyp => next(&hyps, rule),
                });
                for other in alternatives {
                    let cert = edit(&mut |p| *contradiction(p).1 = other.clone());
                    let what = format!("{at_}: contradiction rule -> {other}");
                    push(what, cert, cascade(orig, ti, RULE_SWAP));
                }
                for (var, value) in subst {
                    for (k, value) in leaf_variants(value, &pool).into_iter().enumerate() {
                        let cert = edit(&mut |p| {
                            contradiction(p).2.insert(var.clone(), value.clone());
                        });
                        let what = format!("{at_}: contradiction subst {var} leaf {k}");
                        push(what, cert, cascade(orig, ti, SUBST_LEAF));
                    }
                    let cert = edit(&mut |p| {
                        contradiction(p).2.remove(var);
                    });
                    let what = format!("{at_}: contradiction subst {var} removed");
                    push(what, cert, cascade(orig, ti, "subst-missing-var"));
                }
                let cert = edit(&mut |p| {
                    contradiction(p).2.insert("zz".into(), "0".into());
                });
                push(
                    format!("{at_}: contradiction subst extra"),
                    cert,
                    cascade(orig, ti, "subst-unknown-var"),
                );
                for j in 0..premises.len() {
                    let cert = edit(&mut |p| {
                        contradiction(p).3.remove(j);
                    });
                    let what = format!("{at_}: contradiction drop premise proof {j}");
                    push(what, cert, cascade(orig, ti, "premise-count-mismatch"));
                }
                let cert = edit(&mut |p| {
                    let premises = contradiction(p).3;
                    premises.push(premises[0].clone());
                });
                let what = format!("{at_}: contradiction extra premise proof");
                push(what, cert, cascade(orig, ti, "premise-count-mismatch"));
                let cert = edit(&mut |p| *p = Proof::Chain { steps: vec![] });
                let what = format!("{at_}: contradiction -> empty chain");
                push(
                    what,
                    cert,
                    cascade(orig, ti, "chain-for-falsity chain-end-mismatch"),
                );
            }
        }
    }

    // Reorder: a citer moved before the theorem it cites.
    for (j, t) in orig.theorems.iter().enumerate() {
        let cited: BTreeSet<String> = citations(&t.proof)
            .into_iter()
            .filter(|(kind, _)| *kind == StepKind::Theorem)
            .map(|(_, rule)| rule)
            .collect();
        for i in (0..j).filter(|&i| cited.contains(&orig.theorems[i].name)) {
            let mut cert = orig.clone();
            cert.theorems.swap(i, j);
            let rejected = vec![(i, "theorem-cited-before-proved")];
            push(
                format!("swap theorems {i} and {j}"),
                cert,
                Expect::Theorems {
                    rejected,
                    others_ok: false,
                },
            );
        }
    }
    // An unknown axiom cited by the first axiom step.
    let first_axiom_step = orig.theorems.iter().enumerate().find_map(|(ti, t)| {
        let mut found = Vec::new();
        subproofs(&t.proof, &mut Vec::new(), &mut Vec::new(), &mut found);
        found.into_iter().find_map(|(path, _)| {
            let mut copy = t.proof.clone();
            let Proof::Chain { steps } = at(&mut copy, &path) else {
                return None;
            };
            let si = steps.iter().position(|s| s.kind == StepKind::Axiom)?;
            Some((ti, path, si))
        })
    });
    if let Some((ti, path, si)) = first_axiom_step {
        let mut cert = orig.clone();
        if let Proof::Chain { steps } = at(&mut cert.theorems[ti].proof, &path) {
            steps[si].rule = "no_such_axiom".into();
        }
        push(
            "cite an unknown axiom".into(),
            cert,
            cascade(orig, ti, "unknown-rule"),
        );
    }
    // The digest, one character changed (first and last hex digit).
    for at_ in [7, orig.digest.len().saturating_sub(1)] {
        let mut cert = orig.clone();
        let mut chars: Vec<char> = cert.digest.chars().collect();
        if let Some(c) = chars.get_mut(at_) {
            *c = if *c == '0' { '1' } else { '0' };
        }
        cert.digest = chars.into_iter().collect();
        push(
            format!("digest char {at_}"),
            cert,
            Expect::Certificate("digest-mismatch"),
        );
    }
    // Axiom statements changed: the digest no longer matches; with the digest recomputed,
    // every theorem resting on the axiom fails.
    for (ai, axiom) in orig.theory.axioms.iter().enumerate() {
        let mut cert = orig.clone();
        cert.theory.axioms[ai].statement = format!("(not {})", axiom.statement);
        push(
            format!("axiom {} negated", axiom.name),
            cert.clone(),
            Expect::Certificate("digest-mismatch"),
        );
        cert.digest = theory_digest(&cert.theory).unwrap();
        let users: Vec<usize> = (0..orig.theorems.len())
            .filter(|&k| {
                citations(&orig.theorems[k].proof)
                    .iter()
                    .any(|(kind, rule)| *kind == StepKind::Axiom && *rule == axiom.name)
            })
            .collect();
        let mut rejected: BTreeSet<usize> = users.iter().copied().collect();
        for &u in &users {
            rejected.extend(dependents(orig, u));
        }
        if !rejected.is_empty() {
            let codes: &'static str = "rule-not-clause rule-not-equation rule-not-falsity \
                rule-not-exists premise-count-mismatch cited-theorem-rejected";
            let rejected = rejected.into_iter().map(|k| (k, codes)).collect();
            push(
                format!("axiom {} negated, digest recomputed", axiom.name),
                cert,
                Expect::Theorems {
                    rejected,
                    others_ok: true,
                },
            );
        }
    }
    // Header fields.
    for version in [1, 4] {
        let mut cert = orig.clone();
        cert.version = version;
        push(
            format!("version {version}"),
            cert,
            Expect::Certificate("unsupported-version"),
        );
    }
    let mut cert = orig.clone();
    cert.format.push('2');
    push("format".into(), cert, Expect::Certificate("bad-format"));
    // Duplicate theorem names: a copy of theorem i appended; the name can no longer be cited.
    for i in 0..orig.theorems.len() {
        let mut cert = orig.clone();
        cert.theorems.push(orig.theorems[i].clone());
        let mut rejected = vec![(orig.theorems.len(), "duplicate-name")];
        rejected.extend(dependents(orig, i).into_iter().map(|k| (k, CITED)));
        push(
            format!("duplicate theorem {i}"),
            cert,
            Expect::Theorems {
                rejected,
                others_ok: true,
            },
        );
    }
    out.extend(json_mutants(orig));
    out
}

/// Mutants made on the JSON itself: unknown fields and a repeated key.
fn json_mutants(orig: &Certificate) -> Vec<Mutant> {
    let value = serde_json::to_value(orig).unwrap();
    let mut targets: Vec<(&str, Vec<Value>)> =
        vec![("top level", vec![]), ("theory", vec!["theory".into()])];
    if !orig.theorems.is_empty() {
        targets.push(("a theorem", vec!["theorems".into(), 0.into()]));
        targets.push(("a proof", vec!["theorems".into(), 0.into(), "proof".into()]));
    }
    let mut out = Vec::new();
    for (what, path) in targets {
        let mut v = value.clone();
        let mut node = &mut v;
        for key in &path {
            node = match key {
                Value::String(k) => &mut node[k.as_str()],
                Value::Number(n) => &mut node[n.as_u64().unwrap() as usize],
                _ => unreachable!(),
            };
        }
        node.as_object_mut()
            .unwrap()
            .insert("x_unknown".into(), 0.into());
        out.push(Mutant {
            what: format!("unknown field in {what}"),
            json: v.to_string(),
            expect: Expect::Certificate("unknown-field"),
        });
    }
    // An unknown field in the first step (found in the serialized text).
    let text = json(orig);
    if let Some(at) = text.find("{\"kind\":") {
        let json = format!("{}{{\"x_unknown\":0,{}", &text[..at], &text[at + 1..]);
        out.push(Mutant {
            what: "unknown field in a step".into(),
            json,
            expect: Expect::Certificate("unknown-field"),
        });
    }
    if let Some(at) = text.find("{\"method\":\"contradiction\"") {
        let json = format!("{}{{\"x_unknown\":0,{}", &text[..at], &text[at + 1..]);
        out.push(Mutant {
            what: "unknown field in a contradiction".into(),
            json,
            expect: Expect::Certificate("unknown-field"),
        });
    }
    let json = text.replacen("\"version\":2,", "\"version\":2,\"version\":2,", 1);
    out.push(Mutant {
        what: "repeated key".into(),
        json,
        expect: Expect::Certificate("duplicate-key"),
    });
    out
}

fn judge(m: &Mutant) -> Result<(), String> {
    let code = |r: &Result<(), ergo_kernel::KernelError>| r.as_ref().err().map(|e| e.code());
    match (&m.expect, check_json(&m.json)) {
        (Expect::Certificate(codes), Err(e)) if one_of(codes, e.code()) => Ok(()),
        (Expect::Certificate(codes), Err(e)) => Err(format!(
            "rejected with {e} (code {}), expected one of: {codes}",
            e.code()
        )),
        (Expect::Certificate(_), Ok(r)) => Err(format!("ACCEPTED by the kernel: {r:?}")),
        (Expect::Theorems { .. }, Err(e)) => Err(format!("certificate rejected as a whole: {e}")),
        (Expect::Skip(reason), _) => Err(format!("an equivalent mutant ({reason}) was run")),
        (
            Expect::Theorems {
                rejected,
                others_ok,
            },
            Ok(report),
        ) => {
            for (i, t) in report.theorems.iter().enumerate() {
                match (rejected.iter().find(|(k, _)| *k == i), &t.result) {
                    (Some(_), Ok(())) => {
                        return Err(format!("ACCEPTED by the kernel: theorem {i} ({})", t.name))
                    }
                    (Some((_, codes)), Err(e)) if !one_of(codes, e.code()) => {
                        return Err(format!(
                            "theorem {i} rejected with {e} (code {}), expected one of: {codes}",
                            e.code()
                        ))
                    }
                    (None, Err(e)) if *others_ok => {
                        return Err(format!(
                            "theorem {i} should be unaffected but: {e} ({:?})",
                            code(&t.result)
                        ))
                    }
                    _ => {}
                }
            }
            match rejected.iter().find(|(k, _)| *k >= report.theorems.len()) {
                Some((k, _)) => Err(format!("theorem {k} is missing from the report")),
                None => Ok(()),
            }
        }
    }
}

/// The fixtures and every certificate under the repository's `proofs/` folder
/// (sub-folders included).
fn certificates() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    let mut dirs = vec![root.join("tests/fixtures"), root.join("../../proofs")];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.to_string_lossy().ends_with(".proof.json") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn every_mutant_is_rejected() {
    let files = certificates();
    assert!(
        files.iter().any(|f| f.ends_with("peano_mini.proof.json")),
        "{files:?}"
    );
    assert!(
        files
            .iter()
            .any(|f| f.ends_with("proofs/peano/peano.proof.json")),
        "the derived certificate is missing: {files:?}"
    );
    let mut failures = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let report = check_json(&text)
            .unwrap_or_else(|e| panic!("{}: original rejected: {e}", file.display()));
        for t in &report.theorems {
            assert_eq!(
                t.result,
                Ok(()),
                "{}: original theorem {} rejected",
                file.display(),
                t.name
            );
        }
        let orig: Certificate = serde_json::from_str(&text).unwrap();
        let original_json = json(&orig);
        let mut tally = Tally::default();
        for m in mutants(&orig) {
            tally.generated += 1;
            if let Expect::Skip(reason) = m.expect {
                *tally.equivalent.entry(reason).or_default() += 1;
                continue;
            }
            if m.json == original_json {
                tally.no_ops += 1;
                continue;
            }
            match judge(&m) {
                Ok(()) => tally.rejected += 1,
                Err(why) => tally.failures.push(format!(
                    "{}: mutant `{}`: {why}\n  mutant: {}",
                    file.display(),
                    m.what,
                    m.json
                )),
            }
        }
        println!(
            "{}: {} mutants generated, {} rejected as expected, {} no-op skipped, \
             {} equivalent skipped {:?}, {} failed",
            file.display(),
            tally.generated,
            tally.rejected,
            tally.no_ops,
            tally.equivalent.values().sum::<usize>(),
            tally.equivalent,
            tally.failures.len()
        );
        assert!(
            tally.rejected > 0,
            "{}: no mutant generated",
            file.display()
        );
        failures.extend(tally.failures);
    }
    assert!(
        failures.is_empty(),
        "{} mutant(s) not rejected as expected:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn leaf_helpers() {
    assert_eq!(leaves("(s (+ x 0))").len(), 2);
    assert_eq!(leaves("x").len(), 1);
    assert_eq!(leaves("(forall ((x N)) (= x x))").len(), 3);
    let pool = vec!["0".to_string(), "x".to_string(), "y".to_string()];
    assert_eq!(leaf_variants("(+ x 0)", &pool), ["(+ y 0)", "(+ x x)"]);
    assert_eq!(leaf_variants("y", &pool), ["0"]);
}
