//! Robustness: the front end never panics. Truncated prefixes and random mutations of
//! the corpus go through `load_str`, `parse_file_ast` and `parse_goal`, and every error
//! renders; pathological nesting is an error, not a stack overflow.

use std::path::Path;

use ergo::mpl;

/// A deterministic linear congruential generator (no `rand` dependency).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Characters that matter to the lexer and parser, plus some that do not belong.
const ALPHABET: &[char] = &[
    '(', ')', '[', ']', ',', ';', ':', '!', '&', '=', '>', '+', '*', '-', '/', '|', '"', ' ', '\n',
    '\t', 's', '0', 'x', 'N', '\'', '~', '.', '#', 'é', '∀', '\u{0}', '\r',
];

/// Loads and parses `text` every way the front end can, rendering every error.
fn exercise(path: &Path, text: &str) {
    match mpl::load_str(path, text) {
        Ok(mut theory) => {
            for f in theory.axioms.iter().map(|a| &a.formula) {
                let _ = mpl::print::formula(&theory, f);
                let _ = mpl::print::formula_styled(&theory, f, mpl::print::Style::Gl);
            }
            let goal = text.lines().last().unwrap_or("");
            if let Err(d) = mpl::parse_goal(&mut theory, goal) {
                let _ = d.to_string();
            }
        }
        Err(d) => {
            assert!(!d.is_empty());
            let _ = d.to_string();
        }
    }
    if let Ok(ast) = mpl::parse_file_ast(path, text) {
        let printed = mpl::print::file(&ast);
        let again = mpl::parse_file_ast(path, &printed).expect("printed text parses");
        assert_eq!(ast.strip_spans(), again.strip_spans());
    }
}

fn mutate(rng: &mut Lcg, text: &str) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(chars.len() + 1);
        match rng.below(4) {
            0 if at < chars.len() => {
                chars.remove(at);
            }
            1 if at < chars.len() => chars[at] = ALPHABET[rng.below(ALPHABET.len())],
            2 => chars.insert(at, ALPHABET[rng.below(ALPHABET.len())]),
            _ => {
                // Duplicate or drop a slice.
                let end = (at + rng.below(12)).min(chars.len());
                let slice: Vec<char> = chars[at..end].to_vec();
                if rng.below(2) == 0 {
                    chars.splice(at..at, slice);
                } else {
                    chars.drain(at..end);
                }
            }
        }
    }
    chars.into_iter().collect()
}

#[test]
fn truncated_prefixes_never_panic() {
    let path = Path::new("axioms/peano.mpl");
    let text = std::fs::read_to_string(path).unwrap();
    for (i, _) in text.char_indices() {
        exercise(path, &text[..i]);
    }
    exercise(path, &text);
}

#[test]
fn random_mutations_never_panic() {
    let mut rng = Lcg(0x5eed_e260);
    let sources = [
        "axioms/peano.mpl",
        "tests/cases/good/fixity.mpl",
        "tests/cases/good/predicates.mpl",
        "tests/cases/good/lists.mpl",
        "tests/cases/good/comments.mpl",
        "axioms/gl/peano.mpl",
        "tests/cases/good/gl_defs.mpl",
        "tests/cases/good/gl_signatures.mpl",
    ];
    for src in sources {
        let path = Path::new(src);
        let text = std::fs::read_to_string(path).unwrap();
        for _ in 0..400 {
            let m = mutate(&mut rng, &text);
            exercise(path, &m);
        }
    }
}

#[test]
fn random_goals_never_panic() {
    let mut theory = mpl::load(Path::new("axioms/peano.mpl")).unwrap();
    let mut rng = Lcg(42);
    let seeds = [
        "x + y = y + x",
        "(=[x * (y + z), x * y + x * z])",
        "(>[a] !(=[s(a), 0]))",
        "(>[x,y,z,v] (&(in3[x,y,v,+]) (in[z,N])) (in3[y,x,v,+]))",
    ];
    for seed in seeds {
        for _ in 0..500 {
            let g = mutate(&mut rng, seed);
            match mpl::parse_goal(&mut theory, &g) {
                Ok(f) => {
                    let _ = mpl::print::formula(&theory, &f);
                    let _ = mpl::print::formula_styled(&theory, &f, mpl::print::Style::Gl);
                }
                Err(d) => {
                    let _ = d.to_string();
                }
            }
        }
    }
}

#[test]
fn pathological_nesting_is_an_error() {
    let path = Path::new("deep.mpl");
    let n = 100_000;
    let cases = [
        format!("sort N; axiom a: {}(=[x, x]);", "!".repeat(n)),
        format!("sort N; axiom a: {};", "(&".repeat(n)),
        format!("sort N; axiom a: (=[{}x, x]);", "(".repeat(n)),
        format!("sort N; axiom a: (=[{}x, x]);", "s(".repeat(n)),
        format!(
            "sort N; op +(N, N) -> N infixl 6; axiom a: (>[x] (=[x{}, x]));",
            " + x".repeat(n)
        ),
        "/*".repeat(n),
        "(".repeat(n),
    ];
    for text in cases {
        let d = mpl::load_str(path, &text).expect_err("should be rejected");
        let out = d.to_string();
        assert!(
            out.contains("deep.mpl:1:"),
            "{}",
            &out[..out.len().min(500)]
        );
    }
}

#[test]
fn moderate_nesting_is_fine() {
    let text = format!(
        "inductive N = 0 | s(N); axiom a: {}(=[{}0{}, 0]);",
        "!".repeat(100),
        "s(".repeat(100),
        ")".repeat(100)
    );
    mpl::load_str(Path::new("ok.mpl"), &text).unwrap_or_else(|d| panic!("{d}"));
}
