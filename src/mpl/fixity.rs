//! Grouping a flat infix chain `t0 o1 t1 ... on tn` by the declared fixities.
//!
//! The parser cannot group infix chains (fixities may come from imported files), so it
//! keeps them flat; the resolver calls [`group`] once every operator of the chain is
//! known to be infix.
//!
//! Rules (those of Haskell's fixity resolution):
//! - higher precedence binds tighter;
//! - at equal precedence, two `infixl` operators group to the left and two `infixr`
//!   operators to the right;
//! - at equal precedence, a non-associative operator next to any operator, or an `infixl`
//!   next to an `infixr`, is an error: the user must add parentheses.
//!
//! Invariant: the tree's leaves are `0..=ops.len()` in order (in-order traversal yields
//! the operands left to right), and each node is one operator of the chain.

use super::diagnostic::{Diagnostic, DiagnosticCode};
use super::theory::{Assoc, Fixity, Span};

/// One operator of a chain, as the resolver found it.
#[derive(Clone, Debug)]
pub(crate) struct ChainOp {
    /// Its name, for messages.
    pub name: String,
    /// Its declared fixity.
    pub fixity: Fixity,
    /// Where it occurs in the chain.
    pub span: Span,
}

/// A grouped chain: leaves index the operands, nodes the operators.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Tree {
    /// The operand with this index.
    Leaf(usize),
    /// The operator with this index applied to two subtrees.
    Node(usize, Box<Tree>, Box<Tree>),
}

fn assoc_word(a: Assoc) -> &'static str {
    match a {
        Assoc::Left => "infixl",
        Assoc::Right => "infixr",
        Assoc::None => "infix",
    }
}

/// Groups a chain with `ops.len() + 1` operands.
pub(crate) fn group(ops: &[ChainOp]) -> Result<Tree, Box<Diagnostic>> {
    let mut out: Vec<Tree> = vec![Tree::Leaf(0)];
    let mut stack: Vec<usize> = Vec::new();
    for (k, o) in ops.iter().enumerate() {
        while let Some(&t) = stack.last() {
            let top = &ops[t];
            let (tf, of) = (top.fixity, o.fixity);
            let left = tf.prec > of.prec
                || (tf.prec == of.prec && tf.assoc == Assoc::Left && of.assoc == Assoc::Left);
            if left {
                stack.pop();
                reduce(&mut out, t, o.span)?;
            } else if tf.prec == of.prec && !(tf.assoc == Assoc::Right && of.assoc == Assoc::Right)
            {
                return Err(conflict(top, o));
            } else {
                break;
            }
        }
        stack.push(k);
        out.push(Tree::Leaf(k + 1));
    }
    while let Some(t) = stack.pop() {
        reduce(&mut out, t, ops[t].span)?;
    }
    match (out.pop(), out.is_empty()) {
        (Some(tree), true) => Ok(tree),
        _ => Err(internal(ops.first().map(|o| o.span).unwrap_or_default())),
    }
}

fn reduce(out: &mut Vec<Tree>, op: usize, span: Span) -> Result<(), Box<Diagnostic>> {
    match (out.pop(), out.pop()) {
        (Some(rhs), Some(lhs)) => {
            out.push(Tree::Node(op, Box::new(lhs), Box::new(rhs)));
            Ok(())
        }
        _ => Err(internal(span)),
    }
}

fn internal(span: Span) -> Box<Diagnostic> {
    Box::new(Diagnostic::new(
        DiagnosticCode::Internal,
        span,
        "internal error: malformed infix chain",
        "here",
    ))
}

fn conflict(first: &ChainOp, second: &ChainOp) -> Box<Diagnostic> {
    let (f, s) = (first.fixity, second.fixity);
    Box::new(if first.name == second.name && f.assoc == Assoc::None {
        Diagnostic::new(
            DiagnosticCode::NonAssociativeChain,
            second.span,
            format!(
                "non-associative operator `{}` cannot be chained",
                second.name
            ),
            format!("`{}` is declared `infix {}`", second.name, s.prec),
        )
        .with_related(first.span, format!("the previous `{}`", first.name))
        .with_help(format!(
            "add parentheses: `(a {0} b) {0} c` or `a {0} (b {0} c)`",
            second.name
        ))
    } else {
        Diagnostic::new(
            DiagnosticCode::PrecedenceConflict,
            second.span,
            format!(
                "cannot mix `{}` ({} {}) and `{}` ({} {}) without parentheses",
                first.name,
                assoc_word(f.assoc),
                f.prec,
                second.name,
                assoc_word(s.assoc),
                s.prec
            ),
            "same precedence, incompatible associativity",
        )
        .with_related(first.span, format!("the `{}`", first.name))
        .with_help("add parentheses to say which operator applies first")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op(name: &str, assoc: Assoc, prec: u8) -> ChainOp {
        ChainOp {
            name: name.to_string(),
            fixity: Fixity { assoc, prec },
            span: Span::default(),
        }
    }

    fn node(o: usize, l: Tree, r: Tree) -> Tree {
        Tree::Node(o, Box::new(l), Box::new(r))
    }

    use Tree::Leaf;

    #[test]
    fn precedence_and_associativity() {
        let plus = op("+", Assoc::Left, 6);
        let times = op("*", Assoc::Left, 7);
        let pow = op("^", Assoc::Right, 8);
        // a + b * c
        let t = group(&[plus.clone(), times.clone()]).unwrap();
        assert_eq!(t, node(0, Leaf(0), node(1, Leaf(1), Leaf(2))));
        // a * b + c
        let t = group(&[times, plus.clone()]).unwrap();
        assert_eq!(t, node(1, node(0, Leaf(0), Leaf(1)), Leaf(2)));
        // a + b + c
        let t = group(&[plus.clone(), plus]).unwrap();
        assert_eq!(t, node(1, node(0, Leaf(0), Leaf(1)), Leaf(2)));
        // a ^ b ^ c
        let t = group(&[pow.clone(), pow]).unwrap();
        assert_eq!(t, node(0, Leaf(0), node(1, Leaf(1), Leaf(2))));
    }

    #[test]
    fn conflicts() {
        let eq = op("~", Assoc::None, 4);
        assert!(group(&[eq.clone(), eq]).is_err());
        let l = op("+", Assoc::Left, 6);
        let r = op("++", Assoc::Right, 6);
        assert!(group(&[l, r]).is_err());
    }
}
