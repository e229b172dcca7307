//! A goals file: one goal a line, in MPL or in GL's relational form with the anchor as
//! premise (the form of GL's `global_theorem_list.txt`).
//!
//! Each line is one of:
//!
//! - blank, or a comment starting with `#` or `//`: skipped without a trace;
//! - a goal as `ergo prove --goal` takes it (`x + 0 = x`, `(>[a](=[a + 0, a]))`);
//! - GL's form `(>[B1,..](ANCHOR[A1,..,An])(BODY))`: the theory's anchor as premise, its
//!   arguments either the anchor's parameters as declared (`AnchorPeano[N,i0,s,+,*,i1]`,
//!   the names then refer to the theory's symbols) or numbers (`AnchorPeano[1,2,3,4,5,6]`,
//!   each number standing for the parameter at its position); the bound names `B1,..`
//!   must be among the arguments. `BODY` is then read by GL's relational dialect as any
//!   goal is. In the numbered form the other numbers in `BODY` are variables (`7` is read
//!   as `v7`).
//!
//! Only the first tab-separated column is read (GL's method columns after it, such as
//! `induction` `v1`, are ignored). A GL line whose anchor is another one (GL's later
//! batches, `AnchorGauss`), or any GL line when the theory has no anchor, is not an error:
//! it comes back as [`GoalRead::Skipped`] with the reason. Every other problem is a
//! diagnostic in the goals file, with its line and column; all the file's errors are
//! reported together.
//!
//! Invariant: the lines come back in file order, one [`GoalLine`] for every line that is
//! neither blank nor a comment, each read against the theory exactly as `--goal` would
//! read its formula.
//!
//! ```
//! use ergo::mpl::{self, Anchor, GoalRead};
//! let mut theory = mpl::load_str(std::path::Path::new("t.mpl"),
//!     "inductive N = i0 | s(N); op +(N, N) -> N infixl 6;").unwrap();
//! let anchor = Anchor { name: "AnchorT".into(), params: vec!["N".into(), "i0".into(), "s".into(), "+".into()] };
//! let text = "# GL's form, then the same numbered, then MPL\n\
//!     (>[i0,+](AnchorT[N,i0,s,+])(>[v1](in3[v1,i0,v1,+])))\tdirect\t-1\n\
//!     (>[2,4](AnchorT[1,2,3,4])(>[5](in3[5,2,5,4])))\n\
//!     x + i0 = x\n\
//!     (>[i0](AnchorOther[N,i0])(=[i0,i0]))\n";
//! let lines = mpl::read_goals(&mut theory, std::path::Path::new("goals.txt"), text, Some(&anchor)).unwrap();
//! let shown: Vec<String> = lines.iter().map(|l| match &l.read {
//!     GoalRead::Goal(f) => format!("{}: {}", l.line, mpl::print::formula(&theory, f)),
//!     GoalRead::Skipped(_) => format!("{}: skipped", l.line),
//! }).collect();
//! assert_eq!(shown, ["2: (>[v1] (=[v1 + i0, v1]))", "3: (>[v5] (=[v5 + i0, v5]))",
//!                    "4: (>[x] (=[x + i0, x]))", "5: skipped"]);
//! ```

use super::super::diagnostic::{Diagnostic, Diagnostics};
use super::super::formula::{self, Hints, Mode};
use super::super::theory::{Anchor, Formula, SourceFile, Span, Theory};
use super::super::{ast, parse, stack, syntax_diagnostic, DiagnosticCode};
use std::collections::BTreeMap;
use std::path::Path;

/// One goal line of a goals file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoalLine {
    /// Its line number, from 1.
    pub line: usize,
    /// The goal as written (the line's first tab-separated column, trimmed).
    pub text: String,
    /// What was read.
    pub read: GoalRead,
}

/// What a goal line gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GoalRead {
    /// The goal, resolved against the theory (free variables universally quantified).
    Goal(Formula),
    /// A GL line for another anchor (or for a theory without one): not read, and why.
    Skipped(String),
}

/// Reads a goals file (`path` is how diagnostics name it) against `theory`, whose GL
/// anchor is `anchor` (the theory's own, or one named by the user; `None` for a theory
/// without one). New variable names are interned in `theory`. The diagnostics carry the
/// theory's files and the goals file after them.
pub fn read_goals(
    theory: &mut Theory,
    path: &Path,
    text: &str,
    anchor: Option<&Anchor>,
) -> Result<Vec<GoalLine>, Diagnostics> {
    let text = super::super::source_map::skip_bom(text);
    let file = theory.files().len() as u32;
    let mut lines = Vec::new();
    let mut diags = Vec::new();
    let mut start = 0;
    for (i, raw) in text.split_inclusive('\n').enumerate() {
        let offset = start;
        start += raw.len();
        let column = raw.split(['\t', '\n', '\r']).next().unwrap_or("");
        let lead = column.len() - column.trim_start().len();
        let goal = column.trim();
        if goal.is_empty() || goal.starts_with('#') || goal.starts_with("//") {
            continue;
        }
        match read_line(theory, file, goal, anchor) {
            Ok(read) => lines.push(GoalLine {
                line: i + 1,
                text: goal.to_string(),
                read,
            }),
            Err(items) => diags.extend(items.into_iter().map(|d| shift(d, file, offset + lead))),
        }
    }
    if diags.is_empty() {
        Ok(lines)
    } else {
        let mut files = theory.files().to_vec();
        files.push(SourceFile {
            path: path.to_path_buf(),
            text: text.to_string(),
        });
        Err(Diagnostics::new(files, diags))
    }
}

/// Moves the spans of `d` that point into the goal text `file` by `by` bytes (the goal
/// was parsed on its own; its place in the goals file is `by`).
fn shift(mut d: Diagnostic, file: u32, by: usize) -> Diagnostic {
    let move_span = |s: &mut Span| {
        if s.file == file {
            s.start += by;
            s.end += by;
        }
    };
    if let Some(s) = &mut d.span {
        move_span(s);
    }
    for (s, _) in &mut d.related {
        move_span(s);
    }
    d
}

/// Reads one goal (its spans relative to the goal text).
fn read_line(
    theory: &mut Theory,
    file: u32,
    text: &str,
    anchor: Option<&Anchor>,
) -> Result<GoalRead, Vec<Diagnostic>> {
    // The body of a GL goal is parsed on its own: its spans are moved by `at`.
    let (f, at) = match GlForm::split(file, text)? {
        None => (parse_formula(file, text)?, 0),
        Some(form) => {
            let Some(anchor) = anchor.filter(|a| a.name == form.anchor.text) else {
                return Ok(GoalRead::Skipped(skip_reason(&form.anchor.text, anchor)));
            };
            let at = form.body;
            let moved = |ds: Vec<Diagnostic>| -> Vec<Diagnostic> {
                ds.into_iter().map(|d| shift(d, file, at)).collect()
            };
            let body = parse_formula(file, &text[at..text.len() - 1]).map_err(moved)?;
            (form.body_for(&body, anchor, theory)?, at)
        }
    };
    let moved = |ds: Vec<Diagnostic>| -> Vec<Diagnostic> {
        ds.into_iter().map(|d| shift(d, file, at)).collect()
    };
    let shared: &Theory = theory;
    let resolved =
        stack::with_stack(|| formula::resolve(shared, &Hints::default(), &f, Mode::Open))
            .map_err(moved)?;
    let f = resolved.finish(|n| Some(theory.intern(n))).map_err(moved)?;
    Ok(GoalRead::Goal(f))
}

/// Parses a goal as `--goal` does: a formula, or a bare equation `t = u` / `t != u`.
fn parse_formula(file: u32, text: &str) -> Result<ast::Formula, Vec<Diagnostic>> {
    let goal = stack::with_stack(|| parse::parse_goal(file, text))
        .map_err(|e| vec![syntax_diagnostic(file, e)])?;
    Ok(goal.into_formula())
}

/// Why a GL line naming `named` as its anchor is not read.
fn skip_reason(named: &str, anchor: Option<&Anchor>) -> String {
    match anchor {
        Some(a) => format!(
            "its anchor is `{named}`, the theory's is `{}`: a goal of another GL batch",
            a.name
        ),
        None => format!(
            "its anchor is `{named}`, and the theory has none (read from MPL); name it with --anchor"
        ),
    }
}

/// A line in GL's form, `(>[B1,..](ANCHOR[A1,..])(BODY))`, split into its parts. The
/// shell is read here rather than by the MPL parser because GL binds symbols (`>[+]`),
/// which MPL binders cannot be; the body is ordinary MPL.
struct GlForm {
    binders: Vec<ast::Ident>,
    anchor: ast::Ident,
    args: Vec<ast::Ident>,
    anchor_span: Span,
    /// Where the body starts in the line (it ends before the line's last `)`).
    body: usize,
}

/// A cursor over a goal line, skipping layout.
struct Cursor<'t> {
    text: &'t str,
    at: usize,
    file: u32,
}

impl Cursor<'_> {
    fn skip(&mut self) {
        let rest = &self.text[self.at..];
        self.at += rest.len() - rest.trim_start().len();
    }
    fn eat(&mut self, c: char) -> bool {
        self.skip();
        let ok = self.text[self.at..].starts_with(c);
        if ok {
            self.at += c.len_utf8();
        }
        ok
    }
    fn expect(&mut self, c: char) -> Result<(), Vec<Diagnostic>> {
        if self.eat(c) {
            Ok(())
        } else {
            Err(vec![self.error(&format!("`{c}`"))])
        }
    }
    fn error(&self, what: &str) -> Diagnostic {
        let end = self.text[self.at..]
            .chars()
            .next()
            .map_or(self.at, |c| self.at + c.len_utf8());
        Diagnostic::new(
            DiagnosticCode::UnexpectedToken,
            Span {
                file: self.file,
                start: self.at,
                end,
            },
            format!("expected {what} in GL's goal `(>[..](ANCHOR[..])(BODY))`"),
            format!("expected {what}"),
        )
    }
    fn name(&mut self) -> Result<ast::Ident, Vec<Diagnostic>> {
        self.skip();
        let rest = &self.text[self.at..];
        let len = rest
            .find(|c: char| c.is_whitespace() || "[](),".contains(c))
            .unwrap_or(rest.len());
        if len == 0 {
            return Err(vec![self.error("a name")]);
        }
        let start = self.at;
        self.at += len;
        Ok(ast::Ident {
            text: rest[..len].to_string(),
            span: Span {
                file: self.file,
                start,
                end: self.at,
            },
        })
    }
    /// `NAME, NAME, ... ]` (possibly empty), after the `[`.
    fn names(&mut self) -> Result<Vec<ast::Ident>, Vec<Diagnostic>> {
        let mut names = Vec::new();
        if self.eat(']') {
            return Ok(names);
        }
        loop {
            names.push(self.name()?);
            if self.eat(']') {
                return Ok(names);
            }
            self.expect(',')?;
        }
    }
}

impl GlForm {
    /// The parts of `text` if it is in GL's form: it starts `(>[..](Anchor` (GL names
    /// every batch's anchor so); `None` for any other goal. Spans are relative to `text`.
    fn split(file: u32, text: &str) -> Result<Option<GlForm>, Vec<Diagnostic>> {
        let mut c = Cursor { text, at: 0, file };
        if !(c.eat('(') && c.eat('>') && c.eat('[')) {
            return Ok(None);
        }
        let Ok(binders) = c.names() else {
            return Ok(None);
        };
        let open = c.at;
        if !c.eat('(') {
            return Ok(None);
        }
        c.skip();
        if !c.text[c.at..].starts_with("Anchor") {
            return Ok(None);
        }
        let anchor = c.name()?;
        c.expect('[')?;
        let args = c.names()?;
        c.expect(')')?;
        let anchor_span = Span {
            file,
            start: open,
            end: c.at,
        };
        c.skip();
        if !c.text[c.at..].starts_with('(') {
            return Err(vec![c.error("the goal's body `(...)`")]);
        }
        let body = c.at;
        if !text.ends_with(')') || text.len() - 1 <= body {
            c.at = text.len();
            return Err(vec![c.error("`)` closing the goal")]);
        }
        Ok(Some(GlForm {
            binders,
            anchor,
            args,
            anchor_span,
            body,
        }))
    }
}

/// Whether a name is a GL number (a numbered variable).
fn is_number(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

impl GlForm {
    /// The body, its names made the theory's: in the numbered form each anchor argument
    /// becomes its parameter and every other number the variable `vN`. Checks the
    /// anchor's arguments and the bound names.
    fn body_for(
        &self,
        body: &ast::Formula,
        anchor: &Anchor,
        theory: &Theory,
    ) -> Result<ast::Formula, Vec<Diagnostic>> {
        let declared = format!("{}[{}]", anchor.name, anchor.params.join(","));
        if self.args.len() != anchor.params.len() {
            return Err(vec![Diagnostic::new(
                DiagnosticCode::ArityMismatch,
                self.anchor_span,
                format!(
                    "the anchor `{}` takes {} arguments, not {}",
                    anchor.name,
                    anchor.params.len(),
                    self.args.len()
                ),
                "wrong number of arguments",
            )
            .with_note(format!("the theory's anchor is `{declared}`"))]);
        }
        let names = &self.args;
        let named = names.iter().zip(&anchor.params).all(|(n, p)| &n.text == p);
        let mut map: BTreeMap<String, String> = BTreeMap::new();
        if !named {
            // Named and numbered: the first argument that is neither its parameter nor a
            // number is wrong; if every one is either, the names among numbers are.
            let pairs = || names.iter().zip(&anchor.params);
            let wrong = pairs()
                .find(|(n, p)| &n.text != *p && !is_number(&n.text))
                .or_else(|| pairs().find(|(n, _)| !is_number(&n.text)));
            if let Some((n, p)) = wrong {
                let label = if &n.text == p {
                    "a name among numbers".to_string()
                } else {
                    format!("`{}` where the anchor's parameter `{p}` belongs", n.text)
                };
                return Err(vec![anchor_error(n.span, &label, &declared)]);
            }
            for (n, p) in pairs() {
                if map.insert(n.text.clone(), p.clone()).is_some() {
                    return Err(vec![anchor_error(n.span, "a number used twice", &declared)]);
                }
            }
        }
        for b in &self.binders {
            if !names.iter().any(|n| n.text == b.text) {
                return Err(vec![Diagnostic::new(
                    DiagnosticCode::GlAnchor,
                    b.span,
                    format!(
                        "`{}` is bound by the goal but is not an argument of the anchor",
                        b.text
                    ),
                    "not an argument of the anchor",
                )
                .with_note(format!(
                    "GL binds the anchor's arguments the goal uses; the theory's anchor is `{declared}`"
                ))]);
            }
        }
        if named {
            return Ok(body.clone());
        }
        Ok(rename(body, &|s: &str| match map.get(s) {
            Some(p) => Some(p.clone()),
            None if is_number(s) => Some(variable(theory, s)),
            None => None,
        }))
    }
}

/// The variable a GL number `n` stands for in the numbered form: `vN`, primed until it
/// names no symbol of the theory.
fn variable(theory: &Theory, n: &str) -> String {
    let mut v = format!("v{n}");
    while theory.op_by_name(&v).is_some() || theory.sort_by_name(&v).is_some() {
        v.push('\'');
    }
    v
}

/// A diagnostic for an anchor argument that is neither the parameter nor a number.
fn anchor_error(span: Span, label: &str, declared: &str) -> Diagnostic {
    Diagnostic::new(
        DiagnosticCode::GlAnchor,
        span,
        "the anchor's arguments must be its parameters, or numbers",
        label,
    )
    .with_note(format!(
        "the theory's anchor is `{declared}`; GL writes it so, or with numbers standing for the parameters in order"
    ))
}

/// The formula with every name (binder, term name, operator) that `to` maps renamed;
/// spans are kept, so errors point at the name as written.
fn rename(f: &ast::Formula, to: &dyn Fn(&str) -> Option<String>) -> ast::Formula {
    let ident = |i: &ast::Ident| ast::Ident {
        text: to(&i.text).unwrap_or_else(|| i.text.clone()),
        span: i.span,
    };
    match f {
        ast::Formula::Eq { lhs, rhs, span } => ast::Formula::Eq {
            lhs: rename_term(lhs, to),
            rhs: rename_term(rhs, to),
            span: *span,
        },
        ast::Formula::Atom { pred, args, span } => ast::Formula::Atom {
            pred: pred.clone(),
            args: args.iter().map(|t| rename_term(t, to)).collect(),
            span: *span,
        },
        ast::Formula::Not { body, span } => ast::Formula::Not {
            body: Box::new(rename(body, to)),
            span: *span,
        },
        ast::Formula::And { operands, span } => ast::Formula::And {
            operands: operands.iter().map(|o| rename(o, to)).collect(),
            span: *span,
        },
        ast::Formula::Forall {
            binders,
            premise,
            body,
            span,
        } => ast::Formula::Forall {
            binders: binders
                .iter()
                .map(|b| ast::Binder {
                    name: ident(&b.name),
                    sort: b.sort.clone(),
                })
                .collect(),
            premise: premise.as_ref().map(|p| Box::new(rename(p, to))),
            body: Box::new(rename(body, to)),
            span: *span,
        },
    }
}

fn rename_term(t: &ast::Term, to: &dyn Fn(&str) -> Option<String>) -> ast::Term {
    let ident = |i: &ast::Ident| ast::Ident {
        text: to(&i.text).unwrap_or_else(|| i.text.clone()),
        span: i.span,
    };
    match t {
        ast::Term::Name(n) => ast::Term::Name(ident(n)),
        ast::Term::App { op, args, span } => ast::Term::App {
            op: ident(op),
            args: args.iter().map(|a| rename_term(a, to)).collect(),
            span: *span,
        },
        ast::Term::Infix {
            operands,
            ops,
            span,
        } => ast::Term::Infix {
            operands: operands.iter().map(|a| rename_term(a, to)).collect(),
            ops: ops.iter().map(ident).collect(),
            span: *span,
        },
        ast::Term::Lambda {
            binders,
            body,
            span,
        } => ast::Term::Lambda {
            binders: binders.iter().map(ident).collect(),
            body: Box::new(rename_term(body, to)),
            span: *span,
        },
        ast::Term::Paren { inner, span } => ast::Term::Paren {
            inner: Box::new(rename_term(inner, to)),
            span: *span,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn theory() -> Theory {
        crate::mpl::load_str(
            Path::new("t.mpl"),
            "inductive N = i0 | s(N); op +(N, N) -> N infixl 6; op v7 -> N;",
        )
        .unwrap()
    }

    fn anchor() -> Anchor {
        Anchor {
            name: "AnchorT".into(),
            params: ["N", "i0", "s", "+"].map(String::from).to_vec(),
        }
    }

    fn read(text: &str) -> Result<Vec<(usize, String)>, Diagnostics> {
        let mut t = theory();
        let lines = read_goals(&mut t, Path::new("g.txt"), text, Some(&anchor()))?;
        Ok(lines
            .into_iter()
            .map(|l| match l.read {
                GoalRead::Goal(f) => (l.line, crate::mpl::print::formula(&t, &f)),
                GoalRead::Skipped(why) => (l.line, format!("skipped: {why}")),
            })
            .collect())
    }

    #[test]
    fn crlf_layout_and_comments_keep_line_numbers() {
        let got = read("# c\r\n\r\n  // d\r\n  x + i0 = x  \t direct\r\n").unwrap();
        assert_eq!(got, [(4, "(>[x] (=[x + i0, x]))".to_string())]);
    }

    #[test]
    fn a_number_whose_variable_name_is_a_symbol_is_primed() {
        let got = read("(>[2,4](AnchorT[1,2,3,4])(>[7](in3[7,2,7,4])))").unwrap();
        assert_eq!(got[0].1, "(>[v7'] (=[v7' + i0, v7']))");
    }

    #[test]
    fn names_among_numbers_are_an_error_at_the_name() {
        let e = read("\n (>[2](AnchorT[1,2,s,4])(=[2,2]))").unwrap_err();
        assert_eq!(e.items[0].code, DiagnosticCode::GlAnchor);
        let (_, line, col) = e.position(e.items[0].span.unwrap()).unwrap();
        assert_eq!((line, col), (2, 20));
    }

    #[test]
    fn an_unresolved_body_is_reported_inside_the_body() {
        let e = read("(>[i0](AnchorT[N,i0,s,+])(=[i0,nope(i0)]))").unwrap_err();
        let (_, line, col) = e.position(e.items[0].span.unwrap()).unwrap();
        assert_eq!((line, col), (1, 32), "{e}");
    }

    #[test]
    fn a_goal_not_in_gl_form_is_mpl_even_with_a_bracketed_premise() {
        let got = read("(>[a](=[a, i0])(=[a + i0, i0]))").unwrap();
        assert_eq!(got[0].1, "(>[a] (=[a, i0]) (=[a + i0, i0]))");
    }
}
