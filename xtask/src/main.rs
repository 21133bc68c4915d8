//! `cargo xtask <command>`: the project's task runner. It needs nothing but cargo, and installs
//! everything else itself (idempotently), so the README's two commands work on a fresh machine.
//!
//! - `cargo xtask run`: build the web app and serve it on 127.0.0.1 (the README's first command)
//! - `cargo xtask test`: formatting, clippy (host and wasm32), every test (the second command)
//! - `cargo xtask dist`: every artifact into `dist/` (bin, npm tarball, web site)
//! - `cargo xtask bench`: the benchmarks, as one table
//! - `cargo xtask vendor`: regenerate `crates/stashform/data/` from `../shared/reference`
//! - `cargo xtask fuzz [SECONDS] [TARGET...]`: rebuild the local fuzz corpora
//!   (`fuzz/corpus/<target>/`, not in git) from `fuzz/seeds/` and `fuzz/regressions/`, fuzz each
//!   target for SECONDS (default 60) and minimise its corpus (`cargo fuzz cmin`). Needs nightly
//!   and cargo-fuzz, which it checks for but does not install

mod bench_cli;
mod fuzz;
mod npm;
mod tools;
mod vendor;
mod web;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use tools::{cargo, run};

fn main() -> ExitCode {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(PathBuf::from)
        .unwrap_or_default();
    let args: Vec<String> = std::env::args().collect();
    let result = match args.get(1).map(String::as_str) {
        Some("run") => serve(&root),
        Some("test") => test(&root),
        Some("dist") => dist(&root).map(|_| ()),
        Some("npm") => npm::build(&root).map(|_| ()),
        Some("web") => web::build(&root, &root.join("dist/web")),
        Some("bench") => bench(&root),
        Some("bench-cli") => bench_cli::run_bench(&root).map(|rows| {
            for row in rows {
                println!("{row}");
            }
        }),
        Some("vendor") => vendor::run(&root),
        Some("fuzz") => fuzz::run_all(&root, args.get(2..).unwrap_or_default()),
        _ => Err(
            "usage: cargo xtask <run|test|dist|npm|web|bench|bench-cli|vendor|fuzz [SECONDS] [TARGET...]>"
                .to_owned(),
        ),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Everything CI checks, in order of cost.
fn test(root: &Path) -> Result<(), String> {
    run(cargo()
        .args(["fmt", "--all", "--", "--check"])
        .current_dir(root))?;
    vendor::check(root)?;
    run(cargo()
        .args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ])
        .current_dir(root))?;
    tools::ensure_wasm_target()?;
    run(cargo()
        .args([
            "clippy",
            "-p",
            "stashform",
            "-p",
            "stashform-yaml",
            "-p",
            "stashform-web",
            "-p",
            "stashform-wasm",
            "-p",
            "stashform-bin-wasm",
            "--target",
            "wasm32-unknown-unknown",
            "--",
            "-D",
            "warnings",
        ])
        .current_dir(root))?;
    run(cargo().args(["test", "--workspace"]).current_dir(root))?;
    npm::test(root)?;
    web::test(root)?;
    Ok(())
}

/// Build every artifact into `dist/`.
fn dist(root: &Path) -> Result<PathBuf, String> {
    let dist = root.join("dist");
    let bin = dist.join("bin");
    std::fs::create_dir_all(&bin).map_err(|e| e.to_string())?;
    run(cargo()
        .args(["build", "--release", "-p", "stashform-cli"])
        .current_dir(root))?;
    let built = tools::target_dir(root).join("release/stashform");
    std::fs::copy(&built, bin.join("stashform"))
        .map_err(|e| format!("{}: {e}", built.display()))?;
    println!("dist: {}", bin.join("stashform").display());
    let tarball = npm::build(root)?;
    println!("dist: {}", tarball.display());
    web::build(root, &dist.join("web"))?;
    println!("dist: {}", dist.join("web").display());
    Ok(dist)
}

/// Build the web app and serve it on 127.0.0.1 (prints the URL).
fn serve(root: &Path) -> Result<(), String> {
    let out = root.join("dist/web");
    web::build(root, &out)?;
    web::serve(root, &out)
}

/// Every benchmark (criterion, Node, browser), then one summary table for the README.
fn bench(root: &Path) -> Result<(), String> {
    run(cargo()
        .args(["bench", "-p", "stashform", "--bench", "check"])
        .current_dir(root))?;
    let mut rows = criterion_rows(root);
    rows.extend(bench_cli::run_bench(root)?);
    let tarball = npm::build(root)?;
    let npm = captured(node(root).arg("tests/npm/bench.mjs"))?;
    rows.extend(lines_starting(
        &npm,
        &[
            "| stashform |",
            "| js-yaml + ajv |",
            "stashform takes",
            "package .wasm",
        ],
    ));
    rows.push(format!(
        "npm tarball: {} bytes",
        std::fs::metadata(&tarball).map_or(0, |m| m.len())
    ));
    let out = root.join("dist/web");
    web::build(root, &out)?;
    let web = captured(node(root).arg("tests/web/bench.mjs"))?;
    rows.extend(lines_starting(
        &web,
        &[
            "configuration:",
            "form field keystroke",
            "YAML pane keystroke",
            "setup bundle",
            "page size",
        ],
    ));
    println!("\n## stashform benchmarks\n\n| benchmark | result |\n|---|---|");
    for row in rows {
        let (name, value) = summary_cells(&row);
        println!("| {name} | {value} |");
    }
    Ok(())
}

/// One line of a bench's output as (what, result): `| a | b | c |` table rows become
/// `a` and `b / c`; `what: result` lines split at the first colon.
fn summary_cells(line: &str) -> (String, String) {
    let line = line.trim();
    if line.starts_with('|') {
        let cells: Vec<&str> = line
            .split('|')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        let name = cells.first().copied().unwrap_or_default();
        return (
            format!("Node: {name}"),
            cells.get(1..).unwrap_or_default().join(" / "),
        );
    }
    match line.split_once(": ") {
        Some((name, value)) => (name.to_owned(), value.to_owned()),
        None => (line.to_owned(), String::new()),
    }
}

/// Mean times of the criterion benchmarks, read from `target/criterion/*/*/new/estimates.json`.
fn criterion_rows(root: &Path) -> Vec<String> {
    let base = tools::target_dir(root).join("criterion");
    let mut rows = Vec::new();
    for (group, name, per) in [
        ("check", "one seed document", 1.0),
        ("bundle", "10000 documents", 10_000.0),
        ("format", "one seed document", 1.0),
    ] {
        let path = base.join(group).join(name).join("new/estimates.json");
        let mean = std::fs::read_to_string(&path)
            .ok()
            .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
            .and_then(|json| json["mean"]["point_estimate"].as_f64());
        if let Some(nanos) = mean {
            let per_doc_us = nanos / per / 1000.0;
            rows.push(format!(
                "criterion {group}/{name}: {per_doc_us:.1} µs per document ({:.0} documents/s)",
                1e6 / per_doc_us
            ));
        }
    }
    rows
}

/// Run a command, echo its output, and return it.
fn captured(command: &mut Command) -> Result<String, String> {
    let shown = format!("{command:?}");
    let output = command.output().map_err(|e| format!("{shown}: {e}"))?;
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    print!("{text}");
    eprint!("{}", String::from_utf8_lossy(&output.stderr));
    if output.status.success() {
        Ok(text)
    } else {
        Err(format!("{shown} failed with {}", output.status))
    }
}

fn lines_starting(text: &str, prefixes: &[&str]) -> Vec<String> {
    text.lines()
        .filter(|line| prefixes.iter().any(|p| line.trim_start().starts_with(p)))
        .map(str::to_owned)
        .collect()
}

fn node(root: &Path) -> Command {
    let mut command = Command::new("node");
    command
        .current_dir(root)
        .env("PATH", tools::path_with_node_bin(root));
    command
}
