//! Stable identifiers for the kinds of front-end errors.
//!
//! Every [`super::Diagnostic`] carries one [`DiagnosticCode`]: a kebab-case name of the
//! *reason* for the error, not of the place that found it, so the same reason found in
//! two places has the same code. Codes are part of the user-facing interface (`--json`
//! prints them as `code`): a code is never renamed or reused for another reason; new
//! reasons get new codes. The list, with what each means, is in `docs/diagnostics.md`
//! and pinned by the `.code` snapshots of `tests/cases/bad`.
//!
//! ```
//! use ergo::mpl::DiagnosticCode;
//! assert_eq!(DiagnosticCode::UnknownOperator.as_str(), "unknown-operator");
//! assert_eq!(DiagnosticCode::ALL.len(), DiagnosticCode::ALL.iter().map(|c| c.as_str()).collect::<std::collections::BTreeSet<_>>().len());
//! ```

use std::fmt;

macro_rules! codes {
    ($($(#[$doc:meta])* $variant:ident => $text:literal,)*) => {
        /// The reason for a diagnostic; see the module documentation.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum DiagnosticCode {
            $($(#[$doc])* $variant,)*
        }

        impl DiagnosticCode {
            /// Every code, in declaration order.
            pub const ALL: &'static [DiagnosticCode] = &[$(DiagnosticCode::$variant,)*];

            /// The stable kebab-case identifier.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(DiagnosticCode::$variant => $text,)*
                }
            }
        }
    };
}

codes! {
    // Files.
    /// A file (the root or an import) cannot be read.
    CannotRead => "cannot-read",
    /// A file's bytes are not UTF-8.
    NotUtf8 => "not-utf8",
    /// Files import each other in a cycle.
    ImportCycle => "import-cycle",

    // Syntax.
    /// Input the grammar does not allow, with no more specific reason.
    SyntaxError => "syntax-error",
    /// A token other than the one the grammar needs here.
    UnexpectedToken => "unexpected-token",
    /// A character MPL does not use outside comments and strings (a control character, a
    /// bidirectional override, a non-ASCII letter, `#`, ...).
    InvalidCharacter => "invalid-character",
    /// A `/*` block comment without its `*/`.
    UnclosedComment => "unclosed-comment",
    /// A `"` string not closed on its line.
    UnclosedString => "unclosed-string",
    /// A keyword or reserved symbol used as a name.
    ReservedName => "reserved-name",
    /// Brackets, applications or operators nested too deeply.
    NestingTooDeep => "nesting-too-deep",
    /// A connective given more operands than it takes.
    TooManyOperands => "too-many-operands",
    /// A connective given fewer operands than it needs.
    TooFewOperands => "too-few-operands",
    /// A fixity precedence that is not a digit from 0 to 9.
    PrecedenceOutOfRange => "precedence-out-of-range",

    // Declarations.
    /// A second `theory` declaration in one file.
    DuplicateTheory => "duplicate-theory",
    /// `theory` not the first declaration of its file.
    TheoryNotFirst => "theory-not-first",
    /// A name declared twice (sort, operator, predicate, axiom, definition, ...).
    DuplicateName => "duplicate-name",
    /// An inductive sort without a constructor that builds it from nothing of itself.
    NoBaseConstructor => "no-base-constructor",
    /// A fixity declaration for an operator that cannot have it (not binary, not
    /// symbolic, already has one).
    InvalidFixity => "invalid-fixity",
    /// A signature that contradicts the operator's declaration.
    SignatureMismatch => "signature-mismatch",

    // Names in formulas and terms.
    /// A sort (or GL set) name that is not declared.
    UnknownSort => "unknown-sort",
    /// An operator name that is not declared (before its use).
    UnknownOperator => "unknown-operator",
    /// A predicate name that is not declared.
    UnknownPredicate => "unknown-predicate",
    /// A name in a definition that is neither a parameter, a predicate nor an earlier
    /// definition.
    UnknownDefinition => "unknown-definition",
    /// A GL goal whose anchor premise does not fit the theory's anchor (its arguments are
    /// neither the parameters nor numbers, or it binds a name that is not an argument).
    GlAnchor => "gl-anchor",
    /// A variable (or a name in a definition) that nothing binds.
    UnboundVariable => "unbound-variable",
    /// A goal's variable name that the loaded theory does not have.
    NewVariableName => "new-variable-name",
    /// A variable bound twice by one binder list (or a parameter listed twice).
    DuplicateBinder => "duplicate-binder",
    /// A binder named like an operator or like a parameter of its definition.
    BinderNameClash => "binder-name-clash",
    /// A binder that shadows one of an enclosing quantifier.
    Shadowing => "shadowing",
    /// A name used both free and bound in one formula.
    FreeAndBound => "free-and-bound",

    // Sorts and arities.
    /// Terms whose sorts do not fit where they are used.
    SortMismatch => "sort-mismatch",
    /// A variable whose sort no use determines.
    CannotInferSort => "cannot-infer-sort",
    /// An operator, predicate, relation or definition applied to the wrong number of
    /// arguments.
    ArityMismatch => "arity-mismatch",
    /// A sort variable that the declaration may not use (a constructor using a variable
    /// its family does not declare).
    UnknownSortVariable => "unknown-sort-variable",
    /// A goal that needs sorts, instances or lambdas its (shared, resolved) theory does
    /// not have.
    MissingInstance => "missing-instance",

    // Infix chains.
    /// An operator used infix without a fixity declaration.
    NotInfix => "not-infix",
    /// A non-associative operator chained without parentheses.
    NonAssociativeChain => "non-associative-chain",
    /// Operators of the same precedence and different associativity mixed without
    /// parentheses.
    PrecedenceConflict => "precedence-conflict",

    // Formulas.
    /// A statement that reduces to true or false once read.
    TrivialFormula => "trivial-formula",

    // GL definitions and relations.
    /// A definition that uses itself, directly or through others.
    RecursiveDefinition => "recursive-definition",
    /// More definition uses to expand in one statement than the limit.
    TooManyExpansions => "too-many-expansions",
    /// An argument that must be a name (a sort, a function, a parameter's use) is not.
    ExpectedName => "expected-name",
    /// A name used as a function by a GL relation that is not a declared operator.
    NotAFunction => "not-a-function",

    /// A GL batch config (`.json`) that is not JSON of GL's layout (no anchor, a
    /// `short_mpl` that is not `(NAME[P1,...,Pn])`).
    BadConfig => "bad-config",

    // TIP (SMT-LIB 2.6 with TIP's extensions, read by `crate::tip`).
    /// A `(` without its `)`, or a `)` without its `(`, in a TIP file.
    UnbalancedParen => "unbalanced-paren",
    /// A TIP command, term or sort whose shape is not the one SMT-LIB/TIP gives it.
    TipSyntax => "tip-syntax",
    /// A TIP construct this reader recognises but does not support (Int or real literals,
    /// strings in terms, `declare-sort` with parameters, ...).
    TipUnsupported => "tip-unsupported",
    /// A TIP sort constructor or an MPL sort family applied to the wrong number of sorts.
    SortArity => "sort-arity",
    /// `@` applied to a TIP term whose sort is not a function sort, or a variable applied
    /// like a function symbol (without `@`; in MPL `f(x)` with `f` a variable whose sort is
    /// not a function sort).
    NotAFunctionSort => "not-a-function-sort",
    /// A `match` over a term whose sort is not a datatype, or a pattern whose constructor
    /// is not one of the scrutinee's datatype.
    MatchNotDatatype => "match-not-datatype",

    // Warnings (the theory loads; the headline says `warning:`).
    /// A part of an axiom that is no clause the engine can use (∃ in a conclusion, a
    /// disjunction, ...): left out of the theory and reported.
    UnusableAxiom => "unusable-axiom",
    /// A definition of a GL config that the anchor does not use and that cannot be read
    /// (not a syntax error): left out of the theory and reported.
    UnusableDefinition => "unusable-definition",

    // Bugs.
    /// A front-end invariant failed: a bug, please report it.
    Internal => "internal-error",
}

impl DiagnosticCode {
    /// Whether diagnostics of this code are warnings (the input is still accepted)
    /// rather than errors.
    pub fn is_warning(self) -> bool {
        matches!(
            self,
            DiagnosticCode::UnusableAxiom | DiagnosticCode::UnusableDefinition
        )
    }
}

impl fmt::Display for DiagnosticCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_kebab_case() {
        let mut seen = std::collections::BTreeSet::new();
        for c in DiagnosticCode::ALL {
            let s = c.as_str();
            assert!(seen.insert(s), "duplicate code {s}");
            assert!(
                !s.is_empty()
                    && !s.starts_with('-')
                    && !s.ends_with('-')
                    && !s.contains("--")
                    && s.chars()
                        .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-'),
                "not kebab-case: {s}"
            );
            assert_eq!(c.to_string(), s);
        }
    }
}
