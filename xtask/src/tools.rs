//! Installing and running the tools the project needs, idempotently: a fresh machine has only
//! cargo, Node, npm, Python and apt. Each `ensure_*` is fast when the tool is already there.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Run a command, inheriting stdio; an error names the command.
pub fn run(command: &mut Command) -> Result<(), String> {
    let shown = format!("{command:?}");
    eprintln!("xtask: running {shown}");
    let status = command.status().map_err(|e| format!("{shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed with {status}"))
    }
}

/// Run a command and capture stdout (empty on failure).
pub fn output(command: &mut Command) -> String {
    command
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default()
}

/// Where cargo puts build output.
pub fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from)
}

pub fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
}

/// The wasm32 target (rust-toolchain.toml also lists it; rustup may not have installed it).
pub fn ensure_wasm_target() -> Result<(), String> {
    let installed = output(Command::new("rustup").args(["target", "list", "--installed"]));
    if installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

/// The exact `wasm-bindgen` version in Cargo.lock.
pub fn locked_wasm_bindgen_version(root: &Path) -> Result<String, String> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).map_err(|e| e.to_string())?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\""
            && let Some(version) = lines.next().and_then(|l| l.strip_prefix("version = \""))
        {
            return Ok(version.trim_end_matches('"').to_owned());
        }
    }
    Err("wasm-bindgen is not in Cargo.lock".to_owned())
}

/// `wasm-bindgen` and `wasm-bindgen-test-runner` at the Cargo.lock version, installed with
/// cargo (without `--locked`: one of its locked dependencies is not in the registry).
pub fn ensure_wasm_bindgen(root: &Path) -> Result<(), String> {
    let version = locked_wasm_bindgen_version(root)?;
    let installed = output(Command::new("wasm-bindgen").arg("--version"));
    if installed.split_whitespace().nth(1) == Some(version.as_str()) {
        return Ok(());
    }
    run(cargo().args(["install", "wasm-bindgen-cli", "--version", &version]))
}

/// npm packages of the root package.json (binaryen for wasm-opt, playwright-core, typescript).
pub fn ensure_npm(root: &Path) -> Result<(), String> {
    let stamp = root.join("node_modules/.package-lock.json");
    let lock = root.join("package-lock.json");
    let fresh = match (std::fs::metadata(&stamp), std::fs::metadata(&lock)) {
        (Ok(s), Ok(l)) => s.modified().ok() >= l.modified().ok(),
        _ => false,
    };
    if fresh {
        return Ok(());
    }
    run(Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(root))
}

/// Debian's Chromium and ChromeDriver for browser tests.
pub fn ensure_chromium() -> Result<(), String> {
    if Path::new("/usr/bin/chromium").exists() && Path::new("/usr/bin/chromedriver").exists() {
        return Ok(());
    }
    let sudo = if output(Command::new("id").arg("-u")).trim() == "0" {
        None
    } else {
        Some("sudo")
    };
    let apt = |args: &[&str]| -> Result<(), String> {
        let mut command = match sudo {
            Some(s) => {
                let mut c = Command::new(s);
                c.arg("apt-get");
                c
            }
            None => Command::new("apt-get"),
        };
        command.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        run(&mut command)
    };
    apt(&["update"])?;
    apt(&[
        "install",
        "-y",
        "--no-install-recommends",
        "chromium",
        "chromium-driver",
    ])
}

/// `node_modules/.bin` first on PATH, so the npm `wasm-opt` (binaryen 132) wins.
pub fn path_with_node_bin(root: &Path) -> String {
    let bin = root.join("node_modules/.bin");
    match std::env::var("PATH") {
        Ok(path) => format!("{}:{path}", bin.display()),
        Err(_) => bin.display().to_string(),
    }
}
