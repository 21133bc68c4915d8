//! A steady loop of `check` over the seed examples, for profilers that count instructions:
//!
//! ```text
//! CARGO_PROFILE_RELEASE_DEBUG=true cargo build --release -p stashform --example profile_check
//! valgrind --tool=callgrind target/release/examples/profile_check 1000
//! ```
//!
//! The argument is the number of rounds over the nine documents (default 1000). Compare two
//! round counts to take out the one-time schema parsing.

#![expect(
    clippy::disallowed_methods,
    clippy::disallowed_macros,
    reason = "a profiling driver reads its argument and prints; the library does neither"
)]

fn main() {
    let seed =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/valid/seed");
    let mut texts: Vec<String> = std::fs::read_dir(seed)
        .expect("the seed fixtures")
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "yaml"))
        .map(|path| std::fs::read_to_string(path).expect("a readable fixture"))
        .collect();
    texts.sort();
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(1000);
    let mut diagnostics = 0;
    for _ in 0..rounds {
        for text in &texts {
            diagnostics += stashform::check(std::hint::black_box(text))
                .diagnostics
                .len();
        }
    }
    println!(
        "{} documents checked, {diagnostics} diagnostics",
        rounds * texts.len()
    );
}
