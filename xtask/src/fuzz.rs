//! `cargo xtask fuzz [SECONDS] [TARGET...]`: grow and minimise the local fuzz corpora.
//!
//! Git holds only `fuzz/seeds/<target>/` (a few dozen small inputs per target, picked from a
//! minimised corpus for edge coverage) and `fuzz/regressions/` (every input that once made a
//! target fail); the tests replay both. The full corpora, `fuzz/corpus/<target>/`, are local
//! (ignored by git) and rebuilt here: for each target of `fuzz/fuzz_targets/` (or the named
//! ones), copy in the seeds and regressions it lacks, fuzz it for SECONDS (default 60), then
//! minimise the corpus with `cargo fuzz cmin`. The tests replay a local corpus too.
//!
//! cargo-fuzz needs the nightly toolchain. Both are checked first; this command installs
//! nothing and says how to install what is missing.

use std::path::Path;
use std::process::Command;

use crate::tools::{output, run};

const DEFAULT_SECONDS: u64 = 60;

pub fn run_all(root: &Path, args: &[String]) -> Result<(), String> {
    let fuzz = root.join("fuzz");
    let (seconds, targets) = parse(args, &targets(&fuzz)?)?;
    ensure_tools()?;
    for target in &targets {
        let corpus = Path::new("fuzz/corpus").join(target);
        let added = seed(&fuzz, &root.join(&corpus))?;
        println!(
            "xtask: {}: {added} seed and regression inputs added",
            corpus.display()
        );
        run(cargo_fuzz(root)
            .args(["run", target])
            .arg(&corpus)
            .args(["--", &format!("-max_total_time={seconds}")]))
        .map_err(|e| {
            format!(
                "{e}\nif the fuzzer found a failing input, it is in fuzz/artifacts/{target}/: \
                 reproduce it with `cargo +nightly fuzz run {target} <file>`, fix the bug, and \
                 add the input to fuzz/regressions/ (named `{target}-<what it was>`) so the \
                 tests replay it"
            )
        })?;
        run(cargo_fuzz(root).args(["cmin", target]).arg(&corpus))?;
        println!(
            "xtask: {}: {} inputs after cmin",
            corpus.display(),
            files(&root.join(&corpus)).len()
        );
    }
    Ok(())
}

/// The targets: one per `fuzz/fuzz_targets/<name>.rs`, which is also the `[[bin]]` name that
/// cargo-fuzz runs (`fuzz/Cargo.toml`).
fn targets(fuzz: &Path) -> Result<Vec<String>, String> {
    let dir = fuzz.join("fuzz_targets");
    let mut names: Vec<String> = files(&dir)
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .filter_map(|p| p.file_stem()?.to_str().map(str::to_owned))
        .collect();
    names.sort();
    if names.is_empty() {
        return Err(format!("no fuzz targets in {}", dir.display()));
    }
    Ok(names)
}

/// `[SECONDS] [TARGET...]`: seconds per target (default 60) and the targets (default all).
fn parse(args: &[String], all: &[String]) -> Result<(u64, Vec<String>), String> {
    let mut seconds = None;
    let mut chosen = Vec::new();
    for arg in args {
        if let Ok(n) = arg.parse::<u64>() {
            // libFuzzer reads -max_total_time=0 as "no limit".
            if n == 0 || seconds.replace(n).is_some() {
                return Err(format!(
                    "cargo xtask fuzz [SECONDS] [TARGET...]: give SECONDS once, above 0 (got {arg})"
                ));
            }
        } else if all.contains(arg) {
            chosen.push(arg.clone());
        } else {
            return Err(format!(
                "cargo xtask fuzz [SECONDS] [TARGET...]: no fuzz target {arg:?} (targets: {})",
                all.join(", ")
            ));
        }
    }
    if chosen.is_empty() {
        chosen = all.to_vec();
    }
    Ok((seconds.unwrap_or(DEFAULT_SECONDS), chosen))
}

/// The nightly toolchain and cargo-fuzz, checked with `rustup run`, which never installs a
/// toolchain (`cargo +nightly` may, with rustup's auto-install).
fn ensure_tools() -> Result<(), String> {
    if output(Command::new("rustup").arg("--version")).is_empty() {
        return Err(
            "cargo xtask fuzz needs rustup (for `cargo +nightly`): see https://rustup.rs, \
             then `rustup toolchain install nightly` and `cargo install cargo-fuzz`"
                .to_owned(),
        );
    }
    let nightly = |args: &[&str]| {
        output(
            Command::new("rustup")
                .args(["run", "nightly", "cargo"])
                .args(args)
                .env("RUSTUP_AUTO_INSTALL", "0"),
        )
    };
    if nightly(&["--version"]).is_empty() {
        return Err(
            "cargo-fuzz needs the nightly toolchain, which is not installed: run \
             `rustup toolchain install nightly`, then `cargo install cargo-fuzz` if \
             needed, and retry"
                .to_owned(),
        );
    }
    if nightly(&["fuzz", "--version"]).is_empty() {
        return Err(
            "cargo-fuzz is not installed: run `cargo install cargo-fuzz`, and retry".to_owned(),
        );
    }
    Ok(())
}

/// `cargo +nightly fuzz`, from the repository root (cargo-fuzz finds `fuzz/` there). The rustup
/// proxy `cargo`, not `tools::cargo()`: `$CARGO` is the pinned toolchain's own binary, which
/// does not read `+nightly`.
fn cargo_fuzz(root: &Path) -> Command {
    let mut command = Command::new("cargo");
    command
        .args(["+nightly", "fuzz"])
        .env("RUSTUP_AUTO_INSTALL", "0")
        .current_dir(root);
    command
}

/// Copy into `corpus` (created if missing) every seed of its target and every regression it
/// lacks, by file name; returns how many were copied. Regressions go to every target: any
/// input is valid for each of them, and one target's crash is a good input for the others.
fn seed(fuzz: &Path, corpus: &Path) -> Result<usize, String> {
    std::fs::create_dir_all(corpus).map_err(|e| format!("{}: {e}", corpus.display()))?;
    let target = corpus.file_name().unwrap_or_default();
    let mut sources = files(&fuzz.join("seeds").join(target));
    sources.extend(files(&fuzz.join("regressions")));
    let mut added = 0;
    for source in sources {
        let Some(name) = source.file_name() else {
            continue;
        };
        if name == "README.md" || name == ".gitkeep" || corpus.join(name).exists() {
            continue;
        }
        std::fs::copy(&source, corpus.join(name))
            .map_err(|e| format!("{}: {e}", source.display()))?;
        added += 1;
    }
    Ok(added)
}

/// The files directly in `dir` (none if it does not exist).
fn files(dir: &Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn arguments_are_seconds_then_targets() {
        let all = strings(&["check", "fmt"]);
        assert_eq!(parse(&[], &all), Ok((60, all.clone())));
        assert_eq!(
            parse(&strings(&["300", "fmt"]), &all),
            Ok((300, strings(&["fmt"])))
        );
        assert!(parse(&strings(&["0"]), &all).is_err());
        assert!(parse(&strings(&["1", "2"]), &all).is_err());
        assert!(parse(&strings(&["nope"]), &all).is_err());
    }

    #[test]
    fn every_target_of_the_fuzz_crate_is_found() {
        let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
        let manifest = std::fs::read_to_string(fuzz.join("Cargo.toml")).unwrap_or_default();
        let names = targets(&fuzz).unwrap_or_default();
        assert!(!names.is_empty());
        for name in names {
            assert!(
                manifest.contains(&format!("name = \"{name}\"")),
                "{name} is a [[bin]] of fuzz/Cargo.toml"
            );
        }
    }
}
