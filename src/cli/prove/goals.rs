//! The goals of `ergo prove`: the file's conjectures, or the `--goal` formulas followed by
//! the lines of the `--goals` file (read by [`ergo::mpl::read_goals`]).
//!
//! Names: `goal_1`, `goal_2`, ... for `--goal`, `line_N` for line N of the goals file (so
//! the certificate names each GL theorem by its line). A goals-file line in GL's form
//! whose anchor is not the theory's (a later GL batch) is a [`Planned::Skipped`] row: it
//! is listed and counted, not proved, and so makes the exit status 1 like any goal not
//! proved. Which anchor is the theory's: the one of its GL config, or `--anchor
//! NAME[P1,...,Pn]` for a theory written in MPL (naming a different one than the
//! config's is a usage error).
//!
//! Every line is its own goal and its own theorem in the certificate, also where two lines
//! state the same clause (GL's "mirrored statements" often do, up to the sides of an
//! equation): the later one is then proved in a step or two from the earlier (unless
//! `--independent`), and the report lists every line.

use super::super::{bad_input, bad_source, Exit};
use super::ProveArgs;
use ergo::engine::Goal;
use ergo::mpl::{self, Anchor, GoalRead, Theory};

/// One goal to prove, or a goals-file line that is listed but not proved.
pub enum Planned {
    /// A goal.
    Goal(Goal),
    /// A goal whose conclusion is existential: proved by a witness, if one of the goal's
    /// own terms is ([`ergo::engine::witness`]).
    Exists {
        /// The goal as written (the theorem's statement).
        formula: ergo::mpl::Formula,
        /// The goal read as `∀xs. P → ∃ys. body`.
        goal: ergo::engine::witness::ExistsGoal,
    },
    /// A line not read: its text and why.
    Skipped {
        /// The goal as written.
        text: String,
        /// Why it is skipped.
        reason: String,
    },
}

/// The goals of `args`, named and in order, read against `theory` (new variable names
/// interned there). Bad input is reported and given back as [`Exit::BadInput`].
pub fn planned(args: &ProveArgs, theory: &mut Theory) -> Result<Vec<(String, Planned)>, Exit> {
    let mut formulas = Vec::new();
    if args.goals.is_empty() && args.goals_file.is_none() {
        for c in &theory.conjectures {
            formulas.push((c.name.clone(), c.formula.clone()));
        }
    }
    for (i, text) in args.goals.iter().enumerate() {
        let f = mpl::parse_goal(&mut *theory, text).map_err(|d| bad_source(&d))?;
        formulas.push((format!("goal_{}", i + 1), f));
    }
    let mut planned = Vec::new();
    for (name, f) in &formulas {
        planned.push((name.clone(), plan(name, f, None)?));
    }
    let Some(path) = &args.goals_file else {
        return Ok(planned);
    };
    let anchor = anchor(args.anchor.as_deref(), theory)?;
    let text = mpl::read_text(path).map_err(|d| bad_source(&d))?;
    let lines =
        mpl::read_goals(theory, path, &text, anchor.as_ref()).map_err(|d| bad_source(&d))?;
    for line in lines {
        let name = format!("line_{}", line.line);
        let goal = match line.read {
            GoalRead::Goal(f) => {
                let at = format!("{}:{}", path.display(), line.line);
                plan(&name, &f, Some(&at))?
            }
            GoalRead::Skipped(reason) => Planned::Skipped {
                text: line.text,
                reason,
            },
        };
        planned.push((name, goal));
    }
    Ok(planned)
}

/// `theory` instantiated at the sorts of the goals (`docs/logic.md`, section 2), so that
/// a goal at an instance the theory's own declarations do not mention can be proved; an
/// error is reported (exit 2).
pub fn instantiated(theory: &Theory, planned: &[(String, Planned)]) -> Result<Theory, Exit> {
    let goals = planned.iter().filter_map(|(_, p)| match p {
        Planned::Goal(g) => Some(g),
        Planned::Skipped { .. } | Planned::Exists { .. } => None,
    });
    ergo::engine::goal_sorts::instantiate_for(theory, goals)
        .map_err(|e| bad_input("instantiate", &format!("the goals' sorts: {e}")))
}

/// The goal `name` (read at `at`, if from a file): the clause the prover proves, or an
/// existential goal, proved by a witness.
fn plan(name: &str, f: &ergo::mpl::Formula, at: Option<&str>) -> Result<Planned, Exit> {
    if let Some(goal) = ergo::engine::witness::ExistsGoal::from_formula(f) {
        return Ok(Planned::Exists {
            formula: f.clone(),
            goal,
        });
    }
    clause(name, f, at).map(Planned::Goal)
}

/// The clause the prover proves for goal `name` (read at `at`, if from a file).
fn clause(name: &str, f: &ergo::mpl::Formula, at: Option<&str>) -> Result<Goal, Exit> {
    Goal::from_formula(f).ok_or_else(|| {
        let at = at.map(|a| format!("{a}: ")).unwrap_or_default();
        bad_input(
            "goal-shape",
            &format!("{at}goal `{name}` is neither an equation nor a clause; ergo proves `t = u`, `t != u` and `p1 = q1 & ... -> t = u` (or `-> t != u`), universally quantified"),
        )
    })
}

/// The theory's GL anchor: `--anchor` if given (it must agree with the theory's own, if
/// the theory has one), else the theory's.
fn anchor(given: Option<&str>, theory: &Theory) -> Result<Option<Anchor>, Exit> {
    let Some(text) = given else {
        return Ok(theory.anchor().cloned());
    };
    let Some(a) = parse_anchor(text) else {
        return Err(bad_input(
            "usage",
            &format!(
                "--anchor `{text}`: expected NAME[P1,...,Pn], e.g. AnchorPeano[N,i0,s,+,*,i1]"
            ),
        ));
    };
    match theory.anchor() {
        Some(own) if own != &a => Err(bad_input(
            "usage",
            &format!(
                "--anchor `{text}`: the theory's anchor is `{}[{}]`",
                own.name,
                own.params.join(",")
            ),
        )),
        _ => Ok(Some(a)),
    }
}

/// Reads `NAME[P1,...,Pn]` (spaces allowed around the parts).
fn parse_anchor(text: &str) -> Option<Anchor> {
    let (name, rest) = text.trim().split_once('[')?;
    let params = rest.strip_suffix(']')?;
    let name = name.trim();
    let params: Vec<String> = params.split(',').map(|p| p.trim().to_string()).collect();
    let plain = |s: &str| !s.is_empty() && !s.contains(['[', ']', '(', ')', ' ']);
    (plain(name) && params.iter().all(|p| plain(p))).then(|| Anchor {
        name: name.to_string(),
        params,
    })
}

#[cfg(test)]
mod tests {
    use super::parse_anchor;

    #[test]
    fn anchors_read_as_gl_writes_them() {
        let a = parse_anchor("AnchorPeano[N, i0,s,+,*,i1]").unwrap();
        assert_eq!(a.name, "AnchorPeano");
        assert_eq!(a.params, ["N", "i0", "s", "+", "*", "i1"]);
        assert!(parse_anchor("AnchorPeano").is_none());
        assert!(parse_anchor("AnchorPeano[N,,s]").is_none());
        assert!(parse_anchor("[N]").is_none());
    }
}
