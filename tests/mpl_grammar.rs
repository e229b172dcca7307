//! The examples embedded in `grammars/mpl.ebnf`: every `(* example: ... *)` parses,
//! every `(* bad example: ... *)` is rejected, and every `(* goal example: ... *)` is a
//! goal accepted against `axioms/peano.mpl`.

use std::path::Path;

use ergo::mpl;

/// The texts of all comments starting with `(* {tag}:`.
fn examples(grammar: &str, tag: &str) -> Vec<String> {
    let open = format!("(* {tag}:");
    let mut out = Vec::new();
    let mut rest = grammar;
    while let Some(i) = rest.find(&open) {
        let body = &rest[i + open.len()..];
        let end = body.find("*)").expect("unterminated example comment");
        out.push(body[..end].to_string());
        rest = &body[end..];
    }
    out
}

fn grammar() -> String {
    std::fs::read_to_string("grammars/mpl.ebnf").expect("grammars/mpl.ebnf")
}

#[test]
fn good_examples_parse() {
    let g = grammar();
    let good = examples(&g, "example");
    assert!(good.len() >= 20, "only {} examples", good.len());
    for ex in good {
        if let Err(d) = mpl::parse_file_ast(Path::new("<example>"), &ex) {
            panic!("grammar example does not parse:\n{ex}\n{d}");
        }
    }
}

#[test]
fn bad_examples_fail() {
    let g = grammar();
    let bad = examples(&g, "bad example");
    assert!(bad.len() >= 5, "only {} bad examples", bad.len());
    for ex in bad {
        assert!(
            mpl::parse_file_ast(Path::new("<example>"), &ex).is_err(),
            "bad grammar example parses:\n{ex}"
        );
    }
}

#[test]
fn goal_examples_resolve_against_peano() {
    let g = grammar();
    let goals = examples(&g, "goal example");
    assert!(goals.len() >= 3);
    let mut peano = mpl::load(Path::new("axioms/peano.mpl")).unwrap();
    for ex in goals {
        if let Err(d) = mpl::parse_goal(&mut peano, &ex) {
            panic!("goal example rejected:\n{ex}\n{d}");
        }
    }
}

#[test]
fn every_production_cited_by_the_parser_exists() {
    let g = grammar();
    let parser = std::fs::read_to_string("src/mpl/parse.rs").unwrap()
        + &std::fs::read_to_string("src/mpl/lex.rs").unwrap();
    // Doc comments cite productions as "`name = ...`".
    let mut cited_count = 0;
    for line in parser
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("/// `"))
    {
        let cited = line.trim_start_matches("/// `");
        let Some(eq) = cited.find(" = ") else {
            continue;
        };
        let name = &cited[..eq];
        cited_count += 1;
        assert!(
            g.lines()
                .any(|l| l.starts_with(name) && l[name.len()..].trim_start().starts_with('=')),
            "parser cites production `{name}` which is not in grammars/mpl.ebnf"
        );
    }
    assert!(cited_count >= 15, "only {cited_count} productions cited");
}
