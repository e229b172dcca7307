//! Writes the two resource certificates of issue 18 (see `tests/common/hostile.rs`) for
//! measuring the checkers: `cargo run --release -p ergo-kernel --example hostile -- BASE
//! OUT_DIR SOURCE`, where BASE is a certificate whose theory section is used (Peano) and
//! SOURCE the `source` field to write (the theory file, relative to OUT_DIR).

#[path = "../tests/common/hostile.rs"]
mod hostile;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [base, out, source] = args.as_slice() else {
        eprintln!("usage: hostile BASE OUT_DIR SOURCE");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(base).expect("read BASE");
    let mut base: ergo_kernel::Certificate = serde_json::from_str(&text).expect("a certificate");
    base.theory.source = source.clone();
    std::fs::create_dir_all(out).expect("create OUT_DIR");
    let a = hostile::repeated_variable(&base);
    let b = hostile::large_premise(&base, 500);
    for (name, cert) in [("a_repeated_variable", a), ("b_large_premise", b)] {
        let path = format!("{out}/{name}.proof.json");
        std::fs::write(&path, serde_json::to_string(&cert).unwrap()).expect("write");
        println!("{path}");
    }
}
