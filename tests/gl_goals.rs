//! `ergo prove THEORY --goals FILE` on GL's own theorem list
//! (`../shared/gl/files/processed_proof_graph/global_theorem_list.txt`, unchanged): its
//! first 45 lines (GL's Peano batch, stated relationally with `AnchorPeano` as premise)
//! are proved and the certificate verified; the later batch's lines are listed as
//! skipped; numbered lines read as their named form; errors point into the goals file.

mod common;

use common::{ergo, stderr, stdout};
use std::path::{Path, PathBuf};

/// GL's Peano axioms as `axioms/gl/peano.mpl` writes them, with GL's names for zero and
/// one (`i0`, `i1`), so that GL's goals name the theory's symbols.
const PEANO_GL_NAMES: &str = "theory peano_gl_names;
inductive N = i0 | s(N);
def fXY[f,X,Y] := (&
    (>[x,y] (in2[x,y,f]) (&(in[x,X]) (in[y,Y])))
    (>[x] (in[x,X]) !(>[y] (in[y,Y]) !(in2[x,y,f])))
    (>[x,y1,y2] (&(in2[x,y1,f]) (in2[x,y2,f])) (=[y1,y2])));
def fXYZ[f,X,Y,Z] := (&
    (>[x,y,z] (in3[x,y,z,f]) (&(in[x,X]) (in[y,Y]) (in[z,Z])))
    (>[x,y] (&(in[x,X]) (in[y,Y])) !(>[z] (in[z,Z]) !(in3[x,y,z,f])))
    (>[x,y,z1,z2] (&(in3[x,y,z1,f]) (in3[x,y,z2,f])) (=[z1,z2])));
axiom zero_in_N: (in[i0,N]);
axiom succ_fn:   (fXY[s,N,N]);
axiom add_fn:    (fXYZ[+,N,N,N]);
axiom mul_fn:    (fXYZ[*,N,N,N]);
infixl 6 +;
infixl 7 *;
axiom succ_ne_zero: (>[a] (in[a,N]) !(in2[a,i0,s]));
axiom succ_inj:     (>[a,b,c] (&(in2[b,c,s]) (in2[a,c,s])) (=[a,b]));
axiom add_zero: (>[a] (in[a,N]) (in3[a,i0,a,+]));
axiom add_succ: (>[a,b,c,d] (&(in2[b,c,s]) (in3[a,b,d,+])) (>[e] (in2[d,e,s]) (in3[a,c,e,+])));
axiom mul_zero: (>[a] (in[a,N]) (in3[a,i0,i0,*]));
axiom mul_succ: (>[a,b,c,d] (&(in2[b,c,s]) (in3[a,b,d,*])) (>[e] (in3[d,a,e,+]) (in3[a,c,e,*])));
op i1 -> N;
axiom one: (in2[i0,i1,s]);
";

const ANCHOR: &str = "AnchorPeano[N,i0,s,+,*,i1]";

/// GL's folder of unchanged files.
fn gl() -> PathBuf {
    common::root().join("../shared/gl/files")
}

/// The lines `from..=to` (1-based) of GL's theorem list.
fn gl_lines(from: usize, to: usize) -> String {
    let text = std::fs::read_to_string(gl().join("processed_proof_graph/global_theorem_list.txt"))
        .expect("GL's global_theorem_list.txt");
    let lines: Vec<&str> = text.lines().collect();
    lines[from - 1..to].join("\n") + "\n"
}

/// GL's own `ConfigPeano.json`, read from ../shared unchanged, and the arguments naming it.
fn theory(_dir: &Path) -> (PathBuf, Vec<String>) {
    let config = gl().join("config/ConfigPeano.json");
    (config.clone(), vec![config.display().to_string()])
}

/// The MPL rewrite above in `dir`, and the arguments naming it with `--anchor`.
fn mpl_theory(dir: &Path) -> (PathBuf, Vec<String>) {
    let file = dir.join("peano_gl_names.mpl");
    std::fs::write(&file, PEANO_GL_NAMES).unwrap();
    let args = vec![file.display().to_string(), "--anchor".into(), ANCHOR.into()];
    (file, args)
}

/// Runs `ergo prove THEORY --goals GOALS ARGS... --json` in `dir`.
fn prove(dir: &Path, goals: &str, args: &[&str]) -> (std::process::Output, serde_json::Value) {
    let path = dir.join("goals.txt");
    std::fs::write(&path, goals).unwrap();
    let (_, theory_args) = theory(dir);
    let mut all: Vec<&str> = vec!["prove"];
    all.extend(theory_args.iter().map(String::as_str));
    let goals_path = path.display().to_string();
    all.extend(["--goals", &goals_path, "--json"]);
    all.extend(args);
    let out = ergo(&all, dir);
    let json = serde_json::from_str(&stdout(&out)).unwrap_or(serde_json::Value::Null);
    (out, json)
}

#[test]
fn gl_s_forty_five_peano_theorems_are_proved_and_the_certificate_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let cert = dir.path().join("peano45.proof.json");
    let cert_s = cert.display().to_string();
    let (out, json) = prove(dir.path(), &gl_lines(1, 45), &["--out", &cert_s]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json["proved"], 45, "{json}");
    let names: Vec<&str> = json["theorems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    let expected: Vec<String> = (1..=45).map(|i| format!("line_{i}")).collect();
    assert_eq!(names, expected);
    // GL's relational goals read as terms: an equation, and left cancellation as a
    // conditional clause.
    assert_eq!(json["theorems"][0]["statement"], "i1 + i0 = s(i0)");
    assert_eq!(
        json["theorems"][38]["statement"],
        "v1 + v4 = v1 + v2 -> v2 = v4"
    );

    let (theory, _) = theory(dir.path());
    let theory = theory.display().to_string();
    let v = ergo(
        &["verify", &cert_s, "--theory", &theory, "--json"],
        dir.path(),
    );
    assert_eq!(v.status.code(), Some(0), "{}{}", stdout(&v), stderr(&v));
    let report: serde_json::Value = serde_json::from_str(&stdout(&v)).unwrap();
    assert_eq!(report["rejected"], 0, "{report}");
    assert!(report["checked"].as_u64().unwrap() >= 45, "{report}");
    // The site and the Coq export take the config as the trusted theory, as verify does.
    let site = dir.path().join("site");
    let h = ergo(
        &[
            "html",
            &cert_s,
            "--theory",
            &theory,
            "--out",
            site.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert_eq!(h.status.code(), Some(0), "{}{}", stdout(&h), stderr(&h));
    assert!(site.join("index.html").is_file());
    let v_file = dir.path().join("peano45.v");
    let c = ergo(
        &[
            "export",
            "coq",
            &cert_s,
            "--theory",
            &theory,
            "--out",
            v_file.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert_eq!(c.status.code(), Some(0), "{}{}", stdout(&c), stderr(&c));
    // Without --theory the config outside the repository is not trusted.
    let h = ergo(
        &[
            "html",
            &cert_s,
            "--out",
            dir.path().join("s2").to_str().unwrap(),
        ],
        dir.path(),
    );
    assert_eq!(h.status.code(), Some(1), "{}{}", stdout(&h), stderr(&h));
}

#[test]
fn a_later_batch_s_lines_are_listed_as_skipped_and_the_exit_status_is_1() {
    let dir = tempfile::tempdir().unwrap();
    let goals = format!(
        "# GL's first line, then the Gauss batch\n{}",
        gl_lines(1, 1)
    ) + &gl_lines(46, 57);
    let (out, json) = prove(dir.path(), &goals, &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(json["proved"], 1, "{json}");
    assert_eq!(json["skipped"], 12, "{json}");
    let rows = json["theorems"].as_array().unwrap();
    assert_eq!(rows.len(), 13);
    assert_eq!(rows[0]["name"], "line_2");
    assert_eq!(rows[1]["name"], "line_3");
    assert_eq!(rows[1]["skipped"], true);
    let reason = rows[1]["reason"].as_str().unwrap();
    assert!(reason.contains("AnchorGauss"), "{reason}");
    assert!(stderr(&out).contains("12 skipped"), "{}", stderr(&out));
}

/// Every variable renamed `V1, V2, ...` in order of first appearance.
fn canonical(statement: &str) -> String {
    let mut seen: Vec<String> = Vec::new();
    let mut out = String::new();
    let chars: Vec<char> = statement.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let starts = chars[i] == 'v' && (i == 0 || !chars[i - 1].is_alphanumeric());
        let digits = chars[i + 1..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        if starts && digits > 0 {
            let name: String = chars[i..=i + digits].iter().collect();
            if !seen.contains(&name) {
                seen.push(name.clone());
            }
            let k = seen.iter().position(|s| *s == name).unwrap() + 1;
            out.push_str(&format!("V{k}"));
            i += digits + 1;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

#[test]
fn gl_s_numbered_forms_read_as_the_named_lines_they_mirror() {
    // GL's third column (of a mirrored statement) is the mirror in the numbered form
    // `(>[2,3,4,6](AnchorPeano[1,2,3,4,5,6])(>[7](...)))`: it reads to the same goal as
    // the line that states the mirror by name.
    let dir = tempfile::tempdir().unwrap();
    let named = gl_lines(1, 45);
    let numbered: String = named
        .lines()
        .filter_map(|l| l.split('\t').nth(2))
        .filter(|c| c.starts_with('('))
        .map(|c| format!("{c}\n"))
        .collect();
    assert!(numbered.lines().count() >= 10, "{numbered}");
    let read = |goals: &str| -> Vec<String> {
        let (out, json) = prove(dir.path(), goals, &["--no-induction", "--timeout", "5"]);
        assert_ne!(out.status.code(), Some(2), "{}", stderr(&out));
        json["theorems"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| canonical(t["statement"].as_str().unwrap()))
            .collect()
    };
    let named = read(&named);
    for (i, goal) in read(&numbered).iter().enumerate() {
        assert!(
            named.contains(goal),
            "numbered line {} reads as `{goal}`, no named line does",
            i + 1
        );
    }
    // And a line written both ways reads the same, variable names included up to `vN`.
    let both =
        "(>[i0,+,i1](AnchorPeano[N,i0,s,+,*,i1])(>[v1](in3[i0,v1,i1,+])(in3[v1,i0,i1,+])))\n\
                (>[2,4,6](AnchorPeano[1,2,3,4,5,6])(>[7](in3[2,7,6,4])(in3[7,2,6,4])))\n";
    let two = read(both);
    assert_eq!(two[0], two[1]);
}

#[test]
fn a_malformed_line_is_reported_at_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let goals = "# comment\n\n// another\n\
                 (>[i0,+](AnchorPeano[N,i0,s,+,*,i1])(>[v1](in3[v1,i0,v1,+])))\n\
                 (>[i0,+](AnchorPeano[N,i0,s,+,*,i1])(>[v1](in3[v1,i0,v1,+)))\tdirect\t-1\n";
    let (out, json) = prove(dir.path(), goals, &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("goals.txt:5:57"), "{err}");
    assert!(err.contains("^ expected a term"), "{err}");
    assert_eq!(json["errors"][0]["line"], 5, "{json}");
    assert_eq!(json["errors"][0]["column"], 57, "{json}");
}

#[test]
fn a_wrong_anchor_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    // The anchor's arguments are neither its parameters nor numbers.
    let goals = "(>[i0](AnchorPeano[N,zero,s,+,*,i1])(=[i0,i0]))\n";
    let (out, json) = prove(dir.path(), goals, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(json["errors"][0]["code"], "gl-anchor", "{json}");
    assert_eq!(json["errors"][0]["column"], 22, "{json}");
    assert!(stderr(&out).contains("where the anchor's parameter `i0` belongs"));
    // A bound name that is not an argument of the anchor.
    let goals = "\n(>[x](AnchorPeano[N,i0,s,+,*,i1])(=[i0,i0]))\n";
    let (out, json) = prove(dir.path(), goals, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(json["errors"][0]["line"], 2, "{json}");
    assert_eq!(json["errors"][0]["column"], 4, "{json}");
    // `--anchor` that is not the theory's: its lines are skipped, with the reason.
    {
        let dir = tempfile::tempdir().unwrap();
        let (_, theory_args) = mpl_theory(dir.path());
        let goals = dir.path().join("g.txt");
        std::fs::write(&goals, gl_lines(1, 1)).unwrap();
        let out = ergo(
            &[
                "prove",
                &theory_args[0],
                "--goals",
                goals.to_str().unwrap(),
                "--anchor",
                "AnchorOther[N,i0,s,+,*,i1]",
            ],
            dir.path(),
        );
        assert_eq!(out.status.code(), Some(1));
        assert!(stdout(&out).contains("skipped  line_1"), "{}", stdout(&out));
        assert!(stdout(&out).contains("the theory's is `AnchorOther`"));
    }
}

#[test]
fn goals_files_combine_with_goal_and_lemmas() {
    let dir = tempfile::tempdir().unwrap();
    let cert = dir.path().join("first.proof.json");
    let cert_s = cert.display().to_string();
    // Commutativity of + proved once (GL's line 40, which needs lemmas of its own).
    let (out, _) = prove(dir.path(), &gl_lines(40, 40), &["--out", &cert_s]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // Then with it as a lemma, saturation alone proves its mirror (line 41), after a
    // --goal.
    let (out, json) = prove(
        dir.path(),
        &format!("\n{}", gl_lines(41, 41)),
        &[
            "--goal",
            "x + i0 = x",
            "--lemmas",
            &cert_s,
            "--no-induction",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let names: Vec<&str> = json["theorems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["goal_1", "line_2"]);
}

#[test]
fn an_mpl_theory_takes_gl_s_lines_with_its_anchor_named() {
    let dir = tempfile::tempdir().unwrap();
    let (_, theory_args) = mpl_theory(dir.path());
    let goals = dir.path().join("g.txt");
    std::fs::write(&goals, gl_lines(1, 10)).unwrap();
    let mut args: Vec<&str> = vec!["prove"];
    args.extend(theory_args.iter().map(String::as_str));
    args.extend(["--goals", goals.to_str().unwrap(), "--json"]);
    let out = ergo(&args, dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["proved"], 10, "{json}");
}
