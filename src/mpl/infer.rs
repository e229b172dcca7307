//! Sort inference for the variables of one formula.
//!
//! Each variable occurrence belongs to a *slot* (one per binder, one per free name of a
//! conjecture). Slots whose sorts must agree (the two sides of an equality between
//! variables) are merged in a union-find; a class gets its sort, with the reason shown in
//! notes, from an annotation, an argument position, or an equality with a term of known
//! sort. Operators are not polymorphic, so the first constraint on a class decides it and
//! every later one is checked against it.
//!
//! Invariants: a class's sort, once set, never changes; a class without a sort at the end
//! is unconstrained by the formula, and gets the theory's only sort if there is exactly
//! one (else it is reported once, asking for an annotation).

use super::diagnostic::{Diagnostic, DiagnosticCode};
use super::theory::{SortId, Span, Theory};

/// A variable: its name and where it is bound (or first used, when free).
pub(crate) struct Slot {
    /// The variable's name.
    pub name: String,
    /// Its binder, or its first occurrence if free.
    pub span: Span,
}

/// Why a class has its sort: the place and a phrase for the note.
#[derive(Clone)]
pub(crate) struct Reason {
    /// The sort.
    pub sort: SortId,
    /// Where it was decided.
    pub span: Span,
    /// How, e.g. "its annotation".
    pub why: String,
}

/// The type of a term during inference: a known sort or a class of slots.
#[derive(Clone, Copy)]
pub(crate) enum Ty {
    /// A sort.
    Known(SortId),
    /// The (possibly still unknown) sort of this slot's class.
    Class(usize),
}

/// An expected sort and the phrase that says where the expectation comes from.
pub(crate) struct Expect {
    /// The sort.
    pub sort: SortId,
    /// E.g. "argument 1 of `s`".
    pub why: String,
}

/// Slots and their classes.
#[derive(Default)]
pub(crate) struct Inference {
    /// All slots, in creation order.
    pub slots: Vec<Slot>,
    parent: Vec<usize>,
    sorts: Vec<Option<Reason>>,
}

impl Inference {
    /// A new slot in a class of its own, with its annotated sort if any.
    pub fn new_slot(&mut self, name: &str, span: Span, sort: Option<Reason>) -> usize {
        let id = self.slots.len();
        self.slots.push(Slot {
            name: name.to_string(),
            span,
        });
        self.parent.push(id);
        self.sorts.push(sort);
        id
    }

    fn find(&mut self, mut s: usize) -> usize {
        while self.parent[s] != s {
            self.parent[s] = self.parent[self.parent[s]];
            s = self.parent[s];
        }
        s
    }

    fn ty_of(&mut self, ty: Ty) -> Ty {
        match ty {
            Ty::Class(c) => {
                let r = self.find(c);
                match &self.sorts[r] {
                    Some(reason) => Ty::Known(reason.sort),
                    None => Ty::Class(c),
                }
            }
            k => k,
        }
    }

    /// Requires the occurrence of `slot` at `span` to have the expected sort.
    pub fn constrain(
        &mut self,
        theory: &Theory,
        slot: usize,
        span: Span,
        e: &Expect,
    ) -> Result<(), Box<Diagnostic>> {
        let root = self.find(slot);
        match &self.sorts[root] {
            None => {
                self.sorts[root] = Some(Reason {
                    sort: e.sort,
                    span,
                    why: format!("its use as {}", e.why),
                });
                Ok(())
            }
            Some(r) if r.sort == e.sort => Ok(()),
            Some(r) => {
                let name = &self.slots[slot].name;
                let (has, want) = (&theory.sort(r.sort).name, &theory.sort(e.sort).name);
                Err(Box::new(
                    Diagnostic::new(
                        DiagnosticCode::SortMismatch,
                        span,
                        format!(
                            "sort mismatch: `{name}` has sort `{has}` but is used at sort `{want}`"
                        ),
                        format!("expected `{want}` here, as {}", e.why),
                    )
                    .with_related(r.span, format!("`{name}` has sort `{has}` from {}", r.why)),
                ))
            }
        }
    }

    /// Requires the two sides of an equality (at `lspan` and `rspan`) to have one sort.
    pub fn unify(
        &mut self,
        theory: &Theory,
        a: Ty,
        b: Ty,
        lspan: Span,
        rspan: Span,
    ) -> Result<(), Box<Diagnostic>> {
        let side = |sort| Expect {
            sort,
            why: "one side of an equality".to_string(),
        };
        match (self.ty_of(a), self.ty_of(b)) {
            (Ty::Known(x), Ty::Known(y)) if x == y => Ok(()),
            (Ty::Known(x), Ty::Known(y)) => Err(Box::new(
                Diagnostic::new(
                    DiagnosticCode::SortMismatch,
                    rspan,
                    "equality between terms of different sorts",
                    format!("this has sort `{}`", theory.sort(y).name),
                )
                .with_related(
                    lspan,
                    format!("the left side has sort `{}`", theory.sort(x).name),
                ),
            )),
            (Ty::Known(s), Ty::Class(c)) => self.constrain(theory, c, rspan, &side(s)),
            (Ty::Class(c), Ty::Known(s)) => self.constrain(theory, c, lspan, &side(s)),
            (Ty::Class(c), Ty::Class(d)) => {
                let (rc, rd) = (self.find(c), self.find(d));
                self.parent[rd] = rc;
                Ok(())
            }
        }
    }

    /// Gives every class without a sort the theory's only sort, or reports it (once per
    /// class); `free` are the free slots, for the wording of the help.
    pub fn default_sorts(&mut self, theory: &Theory, free: &[usize]) -> Vec<Diagnostic> {
        let only = (theory.sorts.len() == 1).then_some(SortId(0));
        let mut diags = Vec::new();
        for s in 0..self.slots.len() {
            let root = self.find(s);
            if self.sorts[root].is_some() {
                continue;
            }
            let span = self.slots[s].span;
            let Some(id) = only else {
                let name = &self.slots[s].name;
                let sorts = super::formula::listing(theory.sorts.iter().map(|s| s.name.as_str()));
                let help = if free.contains(&s) {
                    format!(
                        "bind it with a sort annotation: `(>[{name}:SORT] ...)`; sorts: {sorts}"
                    )
                } else {
                    format!("annotate the binder: `{name}:SORT`; sorts: {sorts}")
                };
                diags.push(
                    Diagnostic::new(
                        DiagnosticCode::CannotInferSort,
                        span,
                        format!("cannot infer the sort of `{name}`"),
                        "no use of this variable determines its sort",
                    )
                    .with_help(help),
                );
                // Report each class once.
                self.sorts[root] = Some(Reason {
                    sort: SortId(0),
                    span,
                    why: String::new(),
                });
                continue;
            };
            self.sorts[root] = Some(Reason {
                sort: id,
                span,
                why: "the theory's only sort".to_string(),
            });
        }
        diags
    }

    /// The slots with their final sorts (a slot of an unsorted class gets `SortId(0)`;
    /// callers only ask after [`Inference::default_sorts`] reported nothing).
    pub fn finish(mut self) -> Vec<(Slot, SortId)> {
        let sorts: Vec<SortId> = (0..self.slots.len())
            .map(|s| {
                let r = self.find(s);
                self.sorts[r].as_ref().map_or(SortId(0), |r| r.sort)
            })
            .collect();
        self.slots.into_iter().zip(sorts).collect()
    }
}
