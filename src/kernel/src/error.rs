//! The kernel's errors: one variant per distinct reason for rejecting a certificate.
//!
//! Invariants: every variant has a stable kebab-case [`KernelError::code`] (tests and tools
//! match on it) and a one-sentence English [`Display`](fmt::Display). Terms are carried as
//! canonical s-expression strings. [`KernelError::At`] only adds *where* (a path into the
//! certificate such as `theorem add_comm, proof.cases[1].proof.steps[0]`); its code is the
//! code of the error it wraps.

use std::fmt;

/// Why the kernel rejected a certificate, a theory or a theorem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KernelError {
    /// The text is not JSON of the certificate's shape.
    MalformedJson {
        /// The JSON parser's message (with line and column).
        message: String,
    },
    /// A JSON object has a field the format does not define.
    UnknownField {
        /// The JSON parser's message (with line and column).
        message: String,
    },
    /// A JSON object names the same field (or `subst` the same variable) twice.
    DuplicateKey {
        /// The JSON parser's message (with line and column).
        message: String,
    },
    /// The `format` field is not `ergo-certificate`.
    BadFormat {
        /// The value found.
        found: String,
    },
    /// The `version` field is neither 2 nor 3.
    UnsupportedVersion {
        /// The value found, as JSON.
        found: String,
    },
    /// The `digest` field differs from the digest of the theory section.
    DigestMismatch {
        /// The digest recomputed by the kernel.
        expected: String,
        /// The digest written in the certificate.
        found: String,
    },
    /// A name is empty or contains whitespace, a control character or a parenthesis.
    BadName {
        /// What the name names (`sort`, `operator`, `theorem`, ...).
        what: &'static str,
        /// The name.
        name: String,
    },
    /// A name is a reserved word (`=`, `not`, `and`, `=>`, `forall`, `exists`, `atom`, `->`,
    /// `_`, `@`).
    ReservedName {
        /// What the name names.
        what: &'static str,
        /// The name.
        name: String,
    },
    /// A name is declared twice (or clashes with a name of another kind it must differ from).
    DuplicateName {
        /// What the name names.
        what: &'static str,
        /// The name.
        name: String,
    },
    /// A sort is used but not declared.
    UnknownSort {
        /// The sort.
        sort: String,
    },
    /// A sort's constructor list is wrong.
    BadConstructor {
        /// The sort.
        sort: String,
        /// The constructor.
        constructor: String,
        /// Why it is wrong.
        reason: &'static str,
    },
    /// An inductive sort has no constructor without an argument of that sort.
    NoBaseConstructor {
        /// The sort.
        sort: String,
    },
    /// A string is not one well-formed s-expression.
    Syntax {
        /// What is wrong, with the character offset.
        message: String,
    },
    /// An s-expression or a proof is nested deeper than the kernel's limit.
    TooDeep {
        /// The limit.
        limit: usize,
    },
    /// An s-expression is not a term of the grammar.
    BadTerm {
        /// The s-expression.
        term: String,
        /// Why it is not a term.
        reason: &'static str,
    },
    /// An s-expression is not a formula of the grammar.
    BadFormula {
        /// The s-expression.
        formula: String,
        /// Why it is not a formula.
        reason: &'static str,
    },
    /// A `forall` binder is malformed or names a forbidden variable.
    BadBinder {
        /// The binder (or the variable name).
        binder: String,
        /// Why it is rejected.
        reason: &'static str,
    },
    /// A symbol is neither a variable in scope nor a declared operator.
    UnknownSymbol {
        /// The symbol.
        symbol: String,
    },
    /// An operator or predicate is applied to the wrong number of arguments.
    ArityMismatch {
        /// The operator or predicate.
        symbol: String,
        /// Its declared number of arguments.
        expected: usize,
        /// The number of arguments given.
        found: usize,
    },
    /// A term has the wrong sort.
    SortMismatch {
        /// The term.
        term: String,
        /// The sort required.
        expected: String,
        /// The term's sort.
        found: String,
    },
    /// A theorem's statement is not a clause (spec section 4).
    StatementNotClause {
        /// The statement.
        statement: String,
    },
    /// A step or a contradiction cites a rule that does not exist in the named kind.
    UnknownRule {
        /// `axiom`, `theorem` or `hyp`.
        kind: &'static str,
        /// The rule name.
        rule: String,
    },
    /// A step or a contradiction cites an axiom that is not a clause.
    RuleNotClause {
        /// The rule name.
        rule: String,
    },
    /// A step cites a clause that concludes falsity, not an equation, so cannot rewrite.
    RuleNotEquation {
        /// The rule name.
        rule: String,
    },
    /// A contradiction cites a clause that concludes an equation, not falsity.
    RuleNotFalsity {
        /// The rule name.
        rule: String,
    },
    /// A step or a contradiction has not exactly one proof per premise of its clause.
    PremiseCount {
        /// The rule name.
        rule: String,
        /// The clause's number of premises.
        expected: usize,
        /// The number of premise proofs.
        found: usize,
    },
    /// A chain is given for a goal that is falsity (only a contradiction proves falsity).
    ChainForFalsity,
    /// Replacing a variable in a hypothesis would let one of the hypothesis's own rule
    /// variables capture a variable of the replacement.
    Capture {
        /// The hypothesis.
        hypothesis: String,
        /// The captured variable.
        var: String,
    },
    /// A step or a contradiction cites a theorem not proved before the citing one.
    TheoremCitedBeforeProved {
        /// The cited theorem.
        rule: String,
    },
    /// A step or a contradiction cites an earlier theorem that was rejected.
    CitedTheoremRejected {
        /// The cited theorem.
        rule: String,
    },
    /// A step's or contradiction's `subst` lacks a variable of the rule.
    SubstMissingVar {
        /// The rule.
        rule: String,
        /// The variable.
        var: String,
    },
    /// A step's or contradiction's `subst` binds a name that is not a variable of the rule.
    SubstUnknownVar {
        /// The rule.
        rule: String,
        /// The name.
        var: String,
    },
    /// A step's `pos` does not address a subterm of the current term.
    BadPosition {
        /// The position.
        pos: Vec<usize>,
        /// The current term.
        term: String,
    },
    /// The subterm at `pos` is not the instance of the rule's source side.
    SubtermMismatch {
        /// The position.
        pos: Vec<usize>,
        /// The instantiated source side.
        expected: String,
        /// The subterm found at `pos`.
        found: String,
    },
    /// A step's `term` is not the result of the rewrite.
    ResultMismatch {
        /// The term the rewrite produces.
        expected: String,
        /// The step's `term`.
        found: String,
    },
    /// A chain does not end at the goal's right side.
    ChainEndMismatch {
        /// The goal's right side.
        expected: String,
        /// The term the chain ends at.
        found: String,
    },
    /// The induction (or case split) variable is not a rigid variable of the context.
    UnknownInductionVar {
        /// The variable.
        var: String,
    },
    /// The induction variable's sort has no constructors.
    NotInductive {
        /// The variable.
        var: String,
        /// Its sort.
        sort: String,
    },
    /// The induction cases are not the sort's constructors in declared order.
    CaseMismatch {
        /// The constructors, in declared order.
        expected: Vec<String>,
        /// The cases' constructors.
        found: Vec<String>,
    },
    /// A case's `fresh` list does not have one name per constructor argument.
    FreshArity {
        /// The constructor.
        constructor: String,
        /// Its number of arguments.
        expected: usize,
        /// The number of fresh names.
        found: usize,
    },
    /// A fresh name is invalid, repeated or already a variable of the context.
    BadFreshName {
        /// The name.
        name: String,
        /// Why it is rejected.
        reason: &'static str,
    },
    /// A split's hypothesis name is not a valid variable-style name.
    BadHypName {
        /// The name.
        name: String,
        /// Why it is rejected.
        reason: &'static str,
    },
    /// An induction hypothesis `ih_<fresh>` (or a split's hypothesis) would shadow a
    /// hypothesis in scope.
    HypothesisClash {
        /// The hypothesis name.
        name: String,
    },
    /// A step or contradiction cites a clause concluding `exists` (use `obtain`).
    RuleConcludesExists {
        /// The rule.
        rule: String,
    },
    /// An `obtain` cites a clause that does not conclude `exists`.
    RuleNotExists {
        /// The rule.
        rule: String,
    },
    /// A chain is given for an existential goal (use `witness`).
    ChainForExists,
    /// A `witness` is given for a goal that is not existential.
    GoalNotExists,
    /// A `witness`'s terms do not name exactly the goal's bound variables.
    WitnessVars {
        /// The bound variables, in order.
        expected: Vec<String>,
        /// The names the terms are given for.
        found: Vec<String>,
    },
    /// A witness term's sort is not its bound variable's.
    WitnessSort {
        /// The bound variable.
        var: String,
        /// The term.
        term: String,
        /// The variable's sort.
        expected: String,
        /// The term's sort.
        found: String,
    },
    /// A `witness` has another number of proofs than the goal has conjuncts.
    WitnessProofCount {
        /// The conjuncts.
        expected: usize,
        /// The proofs.
        found: usize,
    },
    /// An `obtain` names another number of fresh variables than the clause binds.
    ObtainFreshCount {
        /// The rule.
        rule: String,
        /// Its bound variables.
        expected: usize,
        /// The fresh names.
        found: usize,
    },
    /// An `obtain`'s fresh name is not new: it would escape into (or clash with) the
    /// context or the goal.
    FreshEscapes {
        /// The name.
        name: String,
        /// Where it is already used.
        reason: &'static str,
    },
    /// A sort expression has none of the shapes of spec section 4.
    BadSort {
        /// The sort expression.
        sort: String,
        /// Why it is rejected.
        reason: &'static str,
    },
    /// A sort is applied to another number of arguments than it has parameters.
    SortArity {
        /// The sort.
        sort: String,
        /// Its number of parameters.
        expected: usize,
        /// The number of arguments given.
        found: usize,
    },
    /// A sort variable is used outside the `params` that bind it.
    UnboundSortVar {
        /// The sort variable.
        var: String,
    },
    /// A `params` list holds something other than distinct sort variables.
    BadParams {
        /// The parameter.
        param: String,
        /// Why it is rejected.
        reason: &'static str,
    },
    /// A constructor's `params` differ from its sort's.
    ConstructorParams {
        /// The sort.
        sort: String,
        /// The constructor.
        constructor: String,
    },
    /// An operator or predicate with parameters is used without `(_ name sorts...)`.
    MissingInstance {
        /// The operator or predicate.
        symbol: String,
    },
    /// `(_ name sorts...)` gives another number of sorts than `name` has parameters.
    InstanceArity {
        /// The operator or predicate.
        symbol: String,
        /// Its number of parameters.
        expected: usize,
        /// The number of sorts given.
        found: usize,
    },
    /// `(@ f x)` where `f` is not of a function sort.
    NotAFunction {
        /// The applied term.
        term: String,
        /// Its sort.
        sort: String,
    },
    /// A citation's `sorts` does not bind a parameter of the cited rule.
    SortsMissingParam {
        /// The rule.
        rule: String,
        /// The parameter.
        param: String,
    },
    /// A citation's `sorts` binds something that is not a parameter of the cited rule.
    SortsUnknownParam {
        /// The rule.
        rule: String,
        /// The key.
        param: String,
    },
    /// A version 2 certificate uses a feature of version 3.
    NeedsVersion3 {
        /// The feature (and where).
        feature: String,
    },
    /// An input goes over one of the kernel's limits (`limits.rs`).
    LimitExceeded {
        /// The limit.
        limit: crate::limits::Limit,
        /// The value found (or computed before building).
        found: u64,
    },
    /// A certificate file cannot be read (not a regular file, too large, not UTF-8).
    Unreadable {
        /// Why.
        message: String,
    },
    /// A certificate has no theorems: there is nothing to trust.
    NoTheorems,
    /// A certificate's theory is none of the trusted theories (by name).
    UntrustedTheory {
        /// The certificate's theory name.
        name: String,
    },
    /// A certificate's theory has a trusted theory's name but not its digest.
    TheoryMismatch {
        /// The theory name.
        name: String,
        /// The trusted theory's digest.
        expected: String,
        /// The certificate's theory digest.
        found: String,
    },
    /// A certificate's `source` is not the trusted theory's file, or is not allowed.
    SourceMismatch {
        /// The `source` field.
        source: String,
        /// Why it is rejected.
        reason: String,
    },
    /// A theorem named after a conjecture of the theory does not state that conjecture.
    ConjectureMismatch {
        /// The conjecture's name.
        name: String,
        /// The conjecture's statement.
        expected: String,
        /// The theorem's statement.
        found: String,
    },
    /// Where in the certificate the wrapped error occurred.
    At {
        /// A path such as `axiom add_zero` or `theorem t, proof.steps[2]`.
        site: String,
        /// The error.
        error: Box<KernelError>,
    },
}

impl KernelError {
    /// Wraps the error with the place it occurred.
    pub fn at(self, site: impl Into<String>) -> Self {
        KernelError::At {
            site: site.into(),
            error: Box::new(self),
        }
    }

    /// The innermost error (without the [`KernelError::At`] wrappers).
    pub fn root(&self) -> &KernelError {
        match self {
            KernelError::At { error, .. } => error.root(),
            other => other,
        }
    }

    /// A stable kebab-case name of the reason (the same for an error and its `At` wrapper).
    pub fn code(&self) -> &'static str {
        use KernelError::*;
        match self {
            MalformedJson { .. } => "malformed-json",
            UnknownField { .. } => "unknown-field",
            DuplicateKey { .. } => "duplicate-key",
            BadFormat { .. } => "bad-format",
            UnsupportedVersion { .. } => "unsupported-version",
            DigestMismatch { .. } => "digest-mismatch",
            BadName { .. } => "bad-name",
            ReservedName { .. } => "reserved-name",
            DuplicateName { .. } => "duplicate-name",
            UnknownSort { .. } => "unknown-sort",
            BadConstructor { .. } => "bad-constructor",
            NoBaseConstructor { .. } => "no-base-constructor",
            Syntax { .. } => "bad-syntax",
            TooDeep { .. } => "too-deep",
            BadTerm { .. } => "bad-term",
            BadFormula { .. } => "bad-formula",
            BadBinder { .. } => "bad-binder",
            UnknownSymbol { .. } => "unknown-symbol",
            ArityMismatch { .. } => "arity-mismatch",
            SortMismatch { .. } => "sort-mismatch",
            StatementNotClause { .. } => "statement-not-clause",
            UnknownRule { .. } => "unknown-rule",
            RuleNotClause { .. } => "rule-not-clause",
            RuleNotEquation { .. } => "rule-not-equation",
            RuleNotFalsity { .. } => "rule-not-falsity",
            PremiseCount { .. } => "premise-count-mismatch",
            ChainForFalsity => "chain-for-falsity",
            Capture { .. } => "variable-capture",
            TheoremCitedBeforeProved { .. } => "theorem-cited-before-proved",
            CitedTheoremRejected { .. } => "cited-theorem-rejected",
            SubstMissingVar { .. } => "subst-missing-var",
            SubstUnknownVar { .. } => "subst-unknown-var",
            BadPosition { .. } => "bad-position",
            SubtermMismatch { .. } => "subterm-mismatch",
            ResultMismatch { .. } => "result-mismatch",
            ChainEndMismatch { .. } => "chain-end-mismatch",
            UnknownInductionVar { .. } => "unknown-induction-var",
            NotInductive { .. } => "sort-not-inductive",
            CaseMismatch { .. } => "case-mismatch",
            FreshArity { .. } => "fresh-arity-mismatch",
            BadFreshName { .. } => "bad-fresh-name",
            BadHypName { .. } => "bad-hyp-name",
            HypothesisClash { .. } => "hypothesis-name-clash",
            RuleConcludesExists { .. } => "rule-concludes-exists",
            RuleNotExists { .. } => "rule-not-exists",
            ChainForExists => "chain-for-exists",
            GoalNotExists => "goal-not-exists",
            WitnessVars { .. } => "witness-vars-mismatch",
            WitnessSort { .. } => "witness-sort-mismatch",
            WitnessProofCount { .. } => "witness-proof-count-mismatch",
            ObtainFreshCount { .. } => "obtain-fresh-count-mismatch",
            FreshEscapes { .. } => "fresh-name-escapes",
            BadSort { .. } => "bad-sort",
            SortArity { .. } => "sort-arity",
            UnboundSortVar { .. } => "unbound-sort-variable",
            BadParams { .. } => "bad-params",
            ConstructorParams { .. } => "constructor-params",
            MissingInstance { .. } => "missing-instance",
            InstanceArity { .. } => "instance-arity",
            NotAFunction { .. } => "not-a-function",
            SortsMissingParam { .. } => "sorts-missing-param",
            SortsUnknownParam { .. } => "sorts-unknown-param",
            NeedsVersion3 { .. } => "needs-version-3",
            LimitExceeded { limit, .. } => limit.code(),
            NoTheorems => "no-theorems",
            Unreadable { .. } => "unreadable",
            UntrustedTheory { .. } => "untrusted-theory",
            TheoryMismatch { .. } => "theory-mismatch",
            SourceMismatch { .. } => "source-mismatch",
            ConjectureMismatch { .. } => "conjecture-mismatch",
            At { error, .. } => error.code(),
        }
    }
}

/// The longest message [`KernelError`]'s `Display` prints (characters, before escaping).
const MAX_MESSAGE: usize = 2000;

/// Prints the message with every character outside printable ASCII escaped (`\u{..}`),
/// so that names and terms from an untrusted file cannot forge lines or reach a terminal
/// as control sequences, cut after [`MAX_MESSAGE`] characters.
impl fmt::Display for KernelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let raw = Raw(self).to_string();
        let mut chars = raw.chars();
        let shown: String = chars.by_ref().take(MAX_MESSAGE).collect();
        f.write_str(&crate::escape(&shown))?;
        if chars.next().is_some() {
            f.write_str("...")?;
        }
        Ok(())
    }
}

/// The unescaped message.
struct Raw<'e>(&'e KernelError);

impl fmt::Display for Raw<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use KernelError::*;
        match self.0 {
            MalformedJson { message } => write!(f, "the certificate is not valid: {message}"),
            UnknownField { message } => write!(f, "the certificate has an unknown field: {message}"),
            DuplicateKey { message } => write!(f, "the certificate repeats a key: {message}"),
            BadFormat { found } => write!(f, "the format is `{found}`, not `ergo-certificate`"),
            UnsupportedVersion { found } => write!(f, "version {found} is not supported (only 2 and 3)"),
            DigestMismatch { expected, found } => {
                write!(f, "the digest is `{found}` but the theory hashes to `{expected}`")
            }
            BadName { what, name } => write!(
                f,
                "the {what} name `{name}` is not allowed: {}",
                if matches!(*what, "theorem" | "axiom" | "theory") {
                    "these names are ASCII letters, digits, `_`, `.`, `'` and `-`, starting with a letter or digit"
                } else {
                    "it is empty or has whitespace, control characters or parentheses"
                }
            ),
            ReservedName { what, name } => write!(f, "the {what} name `{name}` is a reserved word"),
            DuplicateName { what, name } => write!(f, "the {what} name `{name}` is already used"),
            UnknownSort { sort } => write!(f, "the sort `{sort}` is not declared"),
            BadConstructor { sort, constructor: c, reason } => {
                write!(f, "`{c}` is not a valid constructor of sort `{sort}`: {reason}")
            }
            NoBaseConstructor { sort } => {
                write!(f, "every constructor of the inductive sort `{sort}` takes a `{sort}`")
            }
            Syntax { message } => write!(f, "malformed s-expression: {message}"),
            TooDeep { limit } => write!(f, "the input is nested deeper than the limit of {limit}"),
            BadTerm { term, reason } => write!(f, "`{term}` is not a term: {reason}"),
            BadFormula { formula, reason } => write!(f, "`{formula}` is not a formula: {reason}"),
            BadBinder { binder, reason } => write!(f, "the binder `{binder}` is invalid: {reason}"),
            UnknownSymbol { symbol } => {
                write!(f, "`{symbol}` is neither a variable in scope nor a declared symbol")
            }
            ArityMismatch { symbol, expected, found } => {
                write!(f, "`{symbol}` takes {expected} argument(s) but is given {found}")
            }
            SortMismatch { term, expected, found } => {
                write!(f, "`{term}` has sort `{found}` where `{expected}` is required")
            }
            StatementNotClause { statement } => {
                write!(f, "the statement `{statement}` is not a clause")
            }
            UnknownRule { kind, rule } => write!(f, "there is no {kind} named `{rule}`"),
            RuleNotClause { rule } => write!(f, "`{rule}` is not a clause, so not a rule"),
            RuleNotEquation { rule } => {
                write!(f, "`{rule}` concludes falsity, not an equation: it cannot rewrite")
            }
            RuleNotFalsity { rule } => {
                write!(f, "`{rule}` concludes an equation, not falsity: it is no contradiction")
            }
            PremiseCount { rule, expected, found } => {
                write!(f, "`{rule}` has {expected} premise(s) but {found} premise proof(s) are given")
            }
            ChainForFalsity => write!(f, "a chain cannot prove falsity"),
            Capture { hypothesis, var } => write!(
                f,
                "the rule variable `{var}` of the hypothesis `{hypothesis}` would capture a variable"
            ),
            TheoremCitedBeforeProved { rule } => {
                write!(f, "the theorem `{rule}` is cited before it is proved")
            }
            CitedTheoremRejected { rule } => write!(f, "the cited theorem `{rule}` was rejected"),
            SubstMissingVar { rule, var } => {
                write!(f, "the substitution does not bind `{var}`, a variable of `{rule}`")
            }
            SubstUnknownVar { rule, var } => {
                write!(f, "the substitution binds `{var}`, not a variable of `{rule}`")
            }
            BadPosition { pos, term } => write!(f, "position {pos:?} does not exist in `{term}`"),
            SubtermMismatch { pos, expected, found } => write!(
                f,
                "the subterm at {pos:?} is `{found}`, not the rule's instance `{expected}`"
            ),
            ResultMismatch { expected, found } => {
                write!(f, "the step's term is `{found}` but the rewrite gives `{expected}`")
            }
            ChainEndMismatch { expected, found } => {
                write!(f, "the chain ends at `{found}`, not at the goal's `{expected}`")
            }
            UnknownInductionVar { var } => write!(f, "`{var}` is not a variable of the goal"),
            NotInductive { var, sort } => {
                write!(f, "`{var}` has sort `{sort}`, which has no constructors")
            }
            CaseMismatch { expected, found } => {
                write!(f, "the cases are {found:?} but the constructors are {expected:?}")
            }
            FreshArity { constructor: c, expected, found } => {
                write!(f, "case `{c}` names {found} fresh variable(s) for {expected} argument(s)")
            }
            BadFreshName { name, reason } => write!(f, "the fresh name `{name}` is invalid: {reason}"),
            BadHypName { name, reason } => {
                write!(f, "the hypothesis name `{name}` is invalid: {reason}")
            }
            HypothesisClash { name } => write!(f, "the hypothesis `{name}` is already in scope"),
            RuleConcludesExists { rule } => {
                write!(f, "`{rule}` concludes `exists`: only `obtain` can use it")
            }
            RuleNotExists { rule } => write!(f, "`{rule}` does not conclude `exists`"),
            ChainForExists => write!(f, "a chain cannot prove `exists`: give a witness"),
            GoalNotExists => write!(f, "a witness is given for a goal that is not `exists`"),
            WitnessVars { expected, found } => {
                write!(f, "the witnesses are for {found:?} but the goal binds {expected:?}")
            }
            WitnessSort { var, term, expected, found } => write!(
                f,
                "the witness `{term}` for `{var}` has sort `{found}`, not `{expected}`"
            ),
            WitnessProofCount { expected, found } => {
                write!(f, "the goal has {expected} conjunct(s) but {found} proof(s) are given")
            }
            ObtainFreshCount { rule, expected, found } => {
                write!(f, "`{rule}` binds {expected} variable(s) but {found} fresh name(s) are given")
            }
            FreshEscapes { name, reason } => {
                write!(f, "the fresh name `{name}` escapes: {reason}")
            }
            BadSort { sort, reason } => write!(f, "`{sort}` is not a sort expression: {reason}"),
            SortArity { sort, expected, found } => {
                write!(f, "the sort `{sort}` takes {expected} arguments, not {found}")
            }
            UnboundSortVar { var } => write!(f, "the sort variable `{var}` is not in scope"),
            BadParams { param, reason } => write!(f, "the parameter `{param}` is invalid: {reason}"),
            ConstructorParams { sort, constructor: c } => {
                write!(f, "the params of constructor `{c}` differ from those of sort `{sort}`")
            }
            MissingInstance { symbol } => {
                write!(f, "`{symbol}` has parameters: write `(_ {symbol} sorts...)`")
            }
            InstanceArity { symbol, expected, found } => {
                write!(f, "`{symbol}` takes {expected} sorts, not {found}")
            }
            NotAFunction { term, sort } => {
                write!(f, "`{term}` has sort `{sort}`, not a function sort: it cannot be applied")
            }
            SortsMissingParam { rule, param } => {
                write!(f, "the sorts of `{rule}` do not bind its parameter `{param}`")
            }
            SortsUnknownParam { rule, param } => {
                write!(f, "`{param}` is not a parameter of `{rule}`")
            }
            NeedsVersion3 { feature } => {
                write!(f, "{feature} needs format version 3 (the certificate says 2)")
            }
            LimitExceeded { limit, found } => write!(
                f,
                "over the kernel's limit on {limit}: {found} where at most {} is allowed",
                limit.max()
            ),
            NoTheorems => write!(f, "the certificate has no theorems"),
            Unreadable { message } => write!(f, "the certificate cannot be read: {message}"),
            UntrustedTheory { name } => {
                write!(f, "the theory `{name}` is not one of the trusted theories")
            }
            TheoryMismatch { name, expected, found } => write!(
                f,
                "the theory `{name}` hashes to `{found}`, but the trusted theory `{name}` to `{expected}`"
            ),
            SourceMismatch { source, reason } => {
                write!(f, "the theory's source `{source}` is rejected: {reason}")
            }
            ConjectureMismatch { name, expected, found } => write!(
                f,
                "`{name}` is a conjecture of the theory, `{expected}`, but the theorem states `{found}`"
            ),
            At { site, error } => write!(f, "{site}: {}", Raw(error)),
        }
    }
}

impl std::error::Error for KernelError {}

#[cfg(test)]
mod tests {
    use super::KernelError;

    #[test]
    fn at_keeps_the_code_and_adds_the_site() {
        let e = KernelError::UnknownSort { sort: "M".into() }.at("axiom a");
        assert_eq!(e.code(), "unknown-sort");
        assert_eq!(e.root(), &KernelError::UnknownSort { sort: "M".into() });
        assert_eq!(e.to_string(), "axiom a: the sort `M` is not declared");
    }
}
