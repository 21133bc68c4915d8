//! `cargo xtask <command>`: the project's task runner. It needs nothing but cargo, and installs
//! everything else itself (idempotently), so the README's two commands work on a fresh machine.
//!
//! - `cargo xtask run`: build the web app and serve it on 127.0.0.1 (the README's first command)
//! - `cargo xtask test`: formatting, clippy (host and wasm32), every test (the second command)
//! - `cargo xtask dist`: every artifact into `dist/` (bin, npm tarball, web site)
//! - `cargo xtask bench`: the benchmarks, as one table
//! - `cargo xtask vendor`: regenerate `crates/stashform/data/` from `../shared/reference`

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
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => serve(&root),
        Some("test") => test(&root),
        Some("dist") => dist(&root).map(|_| ()),
        Some("bench") => bench(&root),
        Some("vendor") => vendor::run(&root),
        _ => Err("usage: cargo xtask <run|test|dist|bench|vendor>".to_owned()),
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
            "stashform-web",
            "-p",
            "stashform-wasm",
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

fn bench(root: &Path) -> Result<(), String> {
    run(cargo()
        .args(["bench", "-p", "stashform", "--bench", "check"])
        .current_dir(root))?;
    npm::build(root)?;
    run(node(root).arg("tests/npm/bench.mjs"))?;
    let out = root.join("dist/web");
    web::build(root, &out)?;
    run(node(root).arg("tests/web/bench.mjs"))
}

fn node(root: &Path) -> Command {
    let mut command = Command::new("node");
    command
        .current_dir(root)
        .env("PATH", tools::path_with_node_bin(root));
    command
}
