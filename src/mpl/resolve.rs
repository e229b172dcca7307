//! Declarations to [`Theory`]: name resolution, namespaces and declaration checks.
//!
//! Input: the parsed files in declaration order (each import before its importer, as
//! produced by `load`). Output: the sort-checked theory, or every error found.
//!
//! Rules enforced here:
//! - declarations precede their uses (a sort before the operators over it, an operator
//!   before the formulas using it); an inductive sort may use itself in its
//!   constructors;
//! - namespaces: sorts; symbols (operators, constructors and predicates together);
//!   statements (axioms and conjectures together). A name is declared at most once in
//!   its namespace;
//! - `theory NAME;` appears at most once per file, as its first declaration; the root
//!   file's one names the theory (else the root file's stem does);
//! - only binary, symbolic operators may be infix;
//! - an inductive sort has a base constructor (one without an argument of the sort
//!   itself), so it is inhabited and induction over it is sound;
//! - a predicate cannot be named `>` (the quantifier's symbol);
//! - definitions share the symbol namespace, are checked where they are declared (see
//!   [`super::gl`]) and are not recursive: every definition on a cycle of uses is
//!   reported before anything is resolved;
//! - an axiom's top-level signatures (GL's `(fXYZ[+,N,N,N])`, `(in[i0,N])`) declare
//!   their operator or constant, or are checked against its declaration, before the
//!   axiom is read (see [`super::gl`]); an axiom that then reduces to true adds
//!   nothing to the theory;
//! - a fixity declaration (`infixl 6 +;`) follows its operator's declaration, which had
//!   no fixity, and applies to a binary symbolic operator.
//!
//! Formulas are resolved by [`super::formula`]. A declaration with an error is skipped
//! and its name is *poisoned*, so that its uses are not reported again.
//!
//! Once every declaration is resolved without error, the declared predicates are read
//! as operators into an implicit sort `Prop` and their atoms as equations `p(t) = ⊤`
//! (see [`super::predicate`]); a declared sort named `Prop` is then an error.

use std::collections::{BTreeSet, HashMap};

use super::ast::{self, DeclKind};
use super::diagnostic::{Diagnostic, DiagnosticCode};
use super::formula::{self, unknown_sort, Hints, Mode};
use super::gl::{self, Stated};
use super::theory::{
    Assoc, Axiom, Conjecture, Definition, Fixity, OpId, Operator, Predicate, Sort, SortId, Span,
    Theory,
};

/// Resolves parsed files, given in declaration order with their file indices; the file
/// with index 0 is the root. `default_name` names the theory when the root has no
/// `theory` declaration.
pub(crate) fn resolve(
    units: &[(u32, &ast::File)],
    default_name: &str,
) -> Result<Theory, Vec<Diagnostic>> {
    let mut r = Resolver {
        theory: Theory::default(),
        hints: Hints::default(),
        statements: HashMap::new(),
        diags: Vec::new(),
        recursive: BTreeSet::new(),
        lambdas: 0,
    };
    r.theory.signature_mut().name = default_name.to_string();
    let mut defs = Vec::new();
    for (_, file) in units {
        for d in &file.decls {
            match &d.kind {
                DeclKind::Def { name, params, body } => {
                    r.hints
                        .declared_anywhere
                        .entry(name.text.clone())
                        .or_insert(name.span);
                    defs.push(gl::DefDecl { name, params, body });
                }
                DeclKind::Op { name, .. } | DeclKind::Pred { name, .. } => {
                    r.hints
                        .declared_anywhere
                        .entry(name.text.clone())
                        .or_insert(name.span);
                }
                DeclKind::Inductive { constructors, .. } => {
                    for c in constructors {
                        r.hints
                            .declared_anywhere
                            .entry(c.name.text.clone())
                            .or_insert(c.name.span);
                    }
                }
                _ => {}
            }
        }
    }
    let (cycle_diags, on_cycle) = gl::cycles(&defs);
    r.diags.extend(cycle_diags);
    r.hints.poisoned.extend(on_cycle.iter().cloned());
    r.recursive = on_cycle;
    let prelude_file = units.iter().map(|(i, _)| *i + 1).max().unwrap_or(0);
    if let Some(prelude) = super::prelude::needed(units, prelude_file) {
        for d in &prelude.decls {
            r.decl(d);
        }
        r.theory.source_mut().files.push(super::theory::SourceFile {
            path: super::prelude::PRELUDE_FILE.into(),
            text: super::prelude::PRELUDE.to_string(),
        });
    }
    for (file, ast) in units {
        r.theory_decls(*file, ast);
        for d in &ast.decls {
            r.decl(d);
        }
    }
    r.diags.extend(super::predicate::clashes(&r.theory));
    if r.diags.is_empty() {
        super::predicate::encode(&mut r.theory);
        let (axioms, unusable) = super::normal::axioms(&r.theory.axioms);
        r.theory.signature_mut().axioms = axioms;
        for c in &mut r.theory.signature_mut().conjectures {
            c.formula = super::normal::conjecture(&c.formula);
        }
        r.theory.source_mut().unusable = unusable;
        super::instantiate::record_axiom_schemes(r.theory.signature_mut());
        if let Err(e) = super::instantiate::close(r.theory.signature_mut()) {
            return Err(vec![Diagnostic::without_span(
                DiagnosticCode::NestingTooDeep,
                format!("cannot instantiate the theory's schemes: {e}"),
            )]);
        }
        r.theory.seal_names();
        Ok(r.theory)
    } else {
        Err(r.diags)
    }
}

pub(super) struct Resolver {
    pub(super) theory: Theory,
    pub(super) hints: Hints,
    pub(super) statements: HashMap<String, Span>,
    pub(super) diags: Vec<Diagnostic>,
    /// Definitions on a cycle of uses (already reported).
    pub(super) recursive: BTreeSet<String>,
    /// Lambdas lifted so far (the next one is `lam.N` with N this count).
    pub(super) lambdas: usize,
}

impl Resolver {
    fn theory_decls(&mut self, file: u32, ast: &ast::File) {
        let mut first: Option<Span> = None;
        for (k, d) in ast.decls.iter().enumerate() {
            let DeclKind::Theory(name) = &d.kind else {
                continue;
            };
            if let Some(prev) = first {
                self.diags.push(
                    Diagnostic::new(
                        DiagnosticCode::DuplicateTheory,
                        d.span,
                        "duplicate `theory` declaration",
                        "a file names its theory once",
                    )
                    .with_related(prev, "the theory is first named"),
                );
                continue;
            }
            first = Some(d.span);
            if k > 0 {
                self.diags.push(
                    Diagnostic::new(
                        DiagnosticCode::TheoryNotFirst,
                        d.span,
                        "`theory` must be the first declaration of its file",
                        "not first",
                    )
                    .with_related(ast.decls[0].span, "the first declaration is"),
                );
            }
            if file == 0 {
                self.theory.signature_mut().name = name.text.clone();
            }
        }
    }

    /// The plain sort names of a list of sort expressions, when each is one (not a sort
    /// variable, not a family's name): then the monomorphic declarations apply.
    fn plain_names<'a>(
        &self,
        sorts: impl Iterator<Item = &'a ast::SortAst>,
    ) -> Option<Vec<ast::Ident>> {
        sorts
            .map(|s| {
                s.as_name()
                    .filter(|n| !self.theory.families.iter().any(|f| f.name == n.text))
                    .cloned()
            })
            .collect()
    }

    pub(super) fn poison(&mut self, name: &str) {
        self.hints.poisoned.push(name.to_string());
    }

    fn sort(&mut self, s: &ast::Ident) -> Option<SortId> {
        let id = self.theory.sort_by_name(&s.text);
        if id.is_none() {
            self.diags.push(unknown_sort(&self.theory, s));
        }
        id
    }

    fn sorts(&mut self, list: &[ast::Ident]) -> Option<Vec<SortId>> {
        let out: Vec<Option<SortId>> = list.iter().map(|s| self.sort(s)).collect();
        out.into_iter().collect()
    }

    /// Checks that a symbol (operator, constructor or predicate) name is new.
    pub(super) fn fresh_symbol(&mut self, name: &ast::Ident, kind: &str) -> bool {
        let scheme = self
            .theory
            .op_schemes
            .iter()
            .any(|s| s.name == name.text)
            .then(|| self.theory.generic_op(&name.text))
            .flatten();
        let prev = if let Some(o) = scheme.or_else(|| self.theory.op_by_name(&name.text)) {
            let op = self.theory.op(o);
            let what = if op.constructor {
                format!("as a constructor of `{}`", self.theory.sort(op.result).name)
            } else {
                "as an operator".to_string()
            };
            Some((op.span, what))
        } else if let Some(d) = self.theory.definition(&name.text) {
            Some((d.span, "as a definition".to_string()))
        } else {
            self.theory
                .predicates
                .iter()
                .find(|p| p.name == name.text)
                .map(|p| (p.span, "as a predicate".to_string()))
        };
        match prev {
            None => true,
            Some((span, what)) => {
                self.diags.push(
                    Diagnostic::new(
                        DiagnosticCode::DuplicateName,
                        name.span,
                        format!("duplicate {kind} `{}`", name.text),
                        "already declared",
                    )
                    .with_related(span, format!("`{}` is first declared {what}", name.text)),
                );
                false
            }
        }
    }

    fn decl(&mut self, d: &ast::Decl) {
        match &d.kind {
            DeclKind::Theory(_) | DeclKind::Import(_) => {}
            DeclKind::Sort(name) => {
                self.new_sort(name);
            }
            DeclKind::Inductive {
                name,
                params,
                constructors,
            } => match self.plain_names(constructors.iter().flat_map(|c| &c.args)) {
                Some(_) if params.is_empty() => self.inductive(name, constructors),
                _ => self.family(name, params, constructors),
            },
            DeclKind::Op {
                name,
                args,
                result,
                fixity,
            } => match self.plain_names(args.iter().chain([result])) {
                Some(mut names) => {
                    let result = names.pop().expect("the result sort");
                    self.op(name, &names, &result, fixity.as_ref())
                }
                None => self.poly_op(name, args, result, fixity.as_ref()),
            },
            DeclKind::Pred { name, args } => match self.plain_names(args.iter()) {
                Some(names) => self.pred(name, &names),
                None => self.poly_pred(name, args),
            },
            DeclKind::Axiom { name, formula } => self.statement(name, formula, Mode::Closed),
            DeclKind::Conjecture { name, formula } => self.statement(name, formula, Mode::Open),
            DeclKind::Def { name, params, body } => self.def(name, params, body, d.span),
            DeclKind::Fixity { name, fixity } => self.fixity(name, fixity),
        }
    }

    fn new_sort(&mut self, name: &ast::Ident) -> Option<SortId> {
        if let Some(prev) = self.theory.sort_by_name(&name.text) {
            self.diags.push(
                Diagnostic::new(
                    DiagnosticCode::DuplicateName,
                    name.span,
                    format!("duplicate sort `{}`", name.text),
                    "already declared",
                )
                .with_related(
                    self.theory.sort(prev).span,
                    format!("`{}` is first declared", name.text),
                ),
            );
            return None;
        }
        self.theory.signature_mut().sorts.push(Sort {
            name: name.text.clone(),
            constructors: Vec::new(),
            span: name.span,
            shape: super::signature::SortShape::Plain,
        });
        Some(SortId(self.theory.sorts.len() as u32 - 1))
    }

    fn inductive(&mut self, name: &ast::Ident, constructors: &[ast::Constructor]) {
        let Some(sort) = self.new_sort(name) else {
            for c in constructors {
                self.poison(&c.name.text);
            }
            return;
        };
        let mut all_ok = true;
        let mut has_base = false;
        for c in constructors {
            let fresh = self.fresh_symbol(&c.name, "operator");
            let names: Vec<ast::Ident> =
                c.args.iter().filter_map(|a| a.as_name().cloned()).collect();
            let args = self.sorts(&names);
            let (true, Some(args)) = (fresh, args) else {
                self.poison(&c.name.text);
                all_ok = false;
                continue;
            };
            has_base |= !args.contains(&sort);
            self.theory.signature_mut().operators.push(Operator {
                name: c.name.text.clone(),
                args,
                result: sort,
                fixity: None,
                constructor: true,
                span: c.name.span,
                instance: None,
            });
            let id = OpId(self.theory.operators.len() as u32 - 1);
            self.theory.signature_mut().sorts[sort.0 as usize]
                .constructors
                .push(id);
        }
        if all_ok && !has_base {
            self.diags.push(
                Diagnostic::new(
                    DiagnosticCode::NoBaseConstructor,
                    name.span,
                    format!("inductive sort `{}` has no base constructor", name.text),
                    format!(
                        "every constructor takes an argument of sort `{}`",
                        name.text
                    ),
                )
                .with_note(
                    "such a sort has no finite values, and induction over it would prove anything",
                )
                .with_help("add a constructor without a recursive argument, e.g. `nil`"),
            );
        }
    }

    fn op(
        &mut self,
        name: &ast::Ident,
        args: &[ast::Ident],
        result: &ast::Ident,
        fixity: Option<&ast::FixityDecl>,
    ) {
        let fresh = self.fresh_symbol(name, "operator");
        let arg_sorts = self.sorts(args);
        let result = self.sort(result);
        let mut ok = fresh;
        if let Some(f) = fixity {
            if args.len() != 2 {
                let n = args.len();
                self.diags.push(
                    Diagnostic::new(
                        DiagnosticCode::InvalidFixity,
                        f.span,
                        "only binary operators can be infix",
                        format!(
                            "`{}` takes {n} argument{}",
                            name.text,
                            if n == 1 { "" } else { "s" }
                        ),
                    )
                    .with_help("remove the fixity, and apply the operator in prefix form"),
                );
                ok = false;
            } else if !name.is_symbolic() {
                self.diags.push(
                    Diagnostic::new(
                        DiagnosticCode::InvalidFixity,
                        f.span,
                        "only symbolic operators can be infix",
                        "infix needs a symbol",
                    )
                    .with_related(name.span, format!("`{}` is an identifier", name.text))
                    .with_note("infix operators are made of `+ - * / ^ < > = ~ @ % | .`"),
                );
                ok = false;
            }
        }
        let (true, Some(args), Some(result)) = (ok, arg_sorts, result) else {
            self.poison(&name.text);
            return;
        };
        self.theory.signature_mut().operators.push(Operator {
            name: name.text.clone(),
            args,
            result,
            fixity: fixity.map(|f| Fixity {
                assoc: f.assoc,
                prec: f.prec,
            }),
            constructor: false,
            span: name.span,
            instance: None,
        });
    }

    fn pred(&mut self, name: &ast::Ident, args: &[ast::Ident]) {
        let mut ok = self.fresh_symbol(name, "predicate");
        if name.text == ">" {
            self.diags.push(
                Diagnostic::new(
                    DiagnosticCode::ReservedName,
                    name.span,
                    "`>` cannot name a predicate",
                    "reserved",
                )
                .with_note("`(>[...] ...)` is the universal quantifier"),
            );
            ok = false;
        }
        let sorts = self.sorts(args);
        let (true, Some(args)) = (ok, sorts) else {
            self.poison(&name.text);
            return;
        };
        self.theory.signature_mut().predicates.push(Predicate {
            name: name.text.clone(),
            args,
            span: name.span,
        });
    }

    fn statement(&mut self, name: &ast::Ident, f: &ast::Formula, mode: Mode) {
        if super::poly::wanted(&self.theory, f) {
            return self.poly_statement(name, f, mode);
        }
        let fresh = self.fresh_statement(name, mode);
        self.mono_statement(name, f, mode, fresh);
    }

    /// Records a statement's name; false (reported) when it is taken.
    pub(super) fn fresh_statement(&mut self, name: &ast::Ident, mode: Mode) -> bool {
        match self.statements.get(&name.text) {
            Some(&prev) => {
                let kind = if mode == Mode::Closed {
                    "axiom"
                } else {
                    "conjecture"
                };
                self.diags.push(
                    Diagnostic::new(
                        DiagnosticCode::DuplicateName,
                        name.span,
                        format!("duplicate {kind} name `{}`", name.text),
                        "already used",
                    )
                    .with_related(prev, format!("`{}` is first used", name.text))
                    .with_note("axioms and conjectures share one namespace"),
                );
                false
            }
            None => {
                self.statements.insert(name.text.clone(), name.span);
                true
            }
        }
    }

    fn mono_statement(&mut self, name: &ast::Ident, f: &ast::Formula, mode: Mode, fresh: bool) {
        if mode == Mode::Closed {
            let mut ok = true;
            for sig in gl::signatures(&self.theory, f) {
                ok &= self.signature(sig);
            }
            if !ok {
                return;
            }
        }
        let resolved = formula::resolve(&self.theory, &self.hints, f, mode);
        if mode == Mode::Closed {
            if let Ok(r) = &resolved {
                if r.constant() == Some(true) {
                    // Only signatures and memberships: a declaration, not a formula.
                    return;
                }
            }
        }
        match resolved.and_then(|r| r.finish(|n| Some(self.theory.intern(n)))) {
            Err(ds) => self.diags.extend(ds),
            Ok(_) if !fresh => {}
            Ok(formula) => {
                let span = name.span;
                let name = name.text.clone();
                match mode {
                    Mode::Closed => self.theory.signature_mut().axioms.push(Axiom {
                        name,
                        formula,
                        span,
                        instance: None,
                    }),
                    Mode::Open => self.theory.signature_mut().conjectures.push(Conjecture {
                        name,
                        formula,
                        span,
                    }),
                }
            }
        }
    }

    fn def(&mut self, name: &ast::Ident, params: &[ast::Ident], body: &ast::Formula, span: Span) {
        if self.recursive.contains(&name.text) {
            self.poison(&name.text);
            return;
        }
        let mut ok = self.fresh_symbol(name, "definition");
        if name.text == ">" {
            self.diags.push(
                Diagnostic::new(
                    DiagnosticCode::ReservedName,
                    name.span,
                    "`>` cannot name a definition",
                    "reserved",
                )
                .with_note("`(>[...] ...)` is the universal quantifier"),
            );
            ok = false;
        }
        let ds = gl::check(&self.theory, name, params, body);
        ok &= ds.is_empty();
        self.diags.extend(ds);
        if !ok {
            self.poison(&name.text);
            return;
        }
        self.theory.source_mut().definitions.push(Definition {
            name: name.text.clone(),
            params: params.iter().map(|p| p.text.clone()).collect(),
            body: body.clone(),
            span: name.span,
            decl_span: span,
        });
    }

    /// `infixl 6 +;`: gives a declared binary symbolic operator its fixity.
    fn fixity(&mut self, name: &ast::Ident, f: &ast::FixityDecl) {
        let Some(id) = self.theory.op_by_name(&name.text) else {
            if self.hints.poisoned.contains(&name.text) {
                return;
            }
            let mut d = Diagnostic::new(
                DiagnosticCode::UnknownOperator,
                name.span,
                format!("unknown operator `{}`", name.text),
                "not declared before this fixity",
            );
            if let Some(&later) = self.hints.declared_anywhere.get(&name.text) {
                d = d
                    .with_related(later, format!("`{}` is declared later", name.text))
                    .with_help("move the fixity after the declaration");
            } else {
                d = d.with_help(format!(
                    "declare it first, e.g. by `op {}(N, N) -> N;` or a signature axiom",
                    name.text
                ));
            }
            self.diags.push(d);
            return;
        };
        let op = self.theory.op(id);
        let n = op.args.len();
        let problem = if let Some(prev) = op.fixity {
            let kw = match prev.assoc {
                Assoc::Left => "infixl",
                Assoc::Right => "infixr",
                Assoc::None => "infix",
            };
            Some((
                format!("`{}` already has a fixity", name.text),
                format!("`{}` is declared `{kw} {}`", name.text, prev.prec),
            ))
        } else if n != 2 {
            Some((
                "only binary operators can be infix".to_string(),
                format!(
                    "`{}` takes {n} argument{}",
                    name.text,
                    if n == 1 { "" } else { "s" }
                ),
            ))
        } else if !name.is_symbolic() {
            Some((
                "only symbolic operators can be infix".to_string(),
                format!("`{}` is an identifier", name.text),
            ))
        } else {
            None
        };
        if let Some((message, note)) = problem {
            self.diags.push(
                Diagnostic::new(
                    DiagnosticCode::InvalidFixity,
                    f.span,
                    message,
                    "this fixity",
                )
                .with_related(op.span, note),
            );
            return;
        }
        self.theory.signature_mut().operators[id.0 as usize].fixity = Some(Fixity {
            assoc: f.assoc,
            prec: f.prec,
        });
    }

    /// Declares (or checks) an operator or constant whose signature an axiom states;
    /// false when it conflicts with a declaration (reported).
    fn signature(&mut self, sig: Stated) -> bool {
        let (name, args, result) = match sig {
            Stated::Function { name, args, result } => (name, args, result),
            Stated::Constant { name, sort } => (name, Vec::new(), sort),
        };
        let sorts: Option<Vec<SortId>> = args
            .iter()
            .chain([&result])
            .map(|s| self.theory.sort_by_name(&s.text))
            .collect();
        // An unknown set is reported when the axiom itself is read.
        let Some(mut sorts) = sorts else { return true };
        let result_sort = sorts.pop().unwrap_or(SortId(0));
        let show = |t: &Theory, args: &[SortId], r: SortId| {
            let names: Vec<&str> = args.iter().map(|a| t.sort(*a).name.as_str()).collect();
            if names.is_empty() {
                format!("{} -> {}", name.text, t.sort(r).name)
            } else {
                format!("{}({}) -> {}", name.text, names.join(", "), t.sort(r).name)
            }
        };
        if let Some(id) = self.theory.op_by_name(&name.text) {
            let op = self.theory.op(id);
            if op.args != sorts || op.result != result_sort {
                let d = Diagnostic::new(
                    DiagnosticCode::SignatureMismatch,
                    name.span,
                    format!(
                        "the signature of `{}` does not match its declaration",
                        name.text
                    ),
                    format!("this states `{}`", show(&self.theory, &sorts, result_sort)),
                )
                .with_related(
                    op.span,
                    format!("`{}` is declared", show(&self.theory, &op.args, op.result)),
                );
                self.diags.push(d);
                return false;
            }
            return true;
        }
        if !self.fresh_symbol(&name, "operator") {
            self.poison(&name.text);
            return false;
        }
        self.theory.signature_mut().operators.push(Operator {
            name: name.text.clone(),
            args: sorts,
            result: result_sort,
            fixity: None,
            constructor: false,
            span: name.span,
            instance: None,
        });
        true
    }
}
