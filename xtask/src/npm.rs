//! The npm package `stashform`: `crates/stashform-wasm` built once for wasm32, bound twice by
//! wasm-bindgen (`nodejs` for `require`/`import` in Node, `web` for browsers and bundlers) around
//! one shared `stashform_bg.wasm` (optimised once with binaryen's `wasm-opt -Oz` from npm), plus
//! the hand-written entry points, bin and README of `npm/` and the root `LICENSE`, packed by
//! `npm pack` into `dist/npm/stashform-<version>.tgz`.
//!
//! Package layout (one folder, `"type": "module"`):
//!
//! ```text
//! package.json  README.md  LICENSE  stashform_bg.wasm
//! stashform_node.cjs  stashform_node.d.cts   wasm-bindgen --target nodejs (renamed), its loading
//!                                            replaced: the entry instantiates it (NODE_LOAD)
//! stashform.js        stashform.d.ts         wasm-bindgen --target web
//! index.cjs  index.d.cts                     require('stashform'); instantiates on first use
//! node/wasm.js  node/package.json            reads stashform_bg.wasm (CommonJS `.js`: ncc ships it)
//! index.js   index.d.ts                      import in Node (same instance as require)
//! web.js     web.d.ts                        browsers / bundlers, with `init()`
//!            (npm/_api.js, the wrappers both entries share, is copied into index.cjs and web.js)
//! bin/stashform.cjs                          `npx stashform check ...`: Node's fs as the host of
//! bin/stashform_cli.cjs  bin/stashform_cli_bg.wasm   the native CLI compiled to wasm
//!                                            (`crates/stashform-bin-wasm`, bound for nodejs)
//! ```

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::tools::{self, cargo, run};

const WASM_TARGET: &str = "wasm32-unknown-unknown";
const PROFILE: &str = "wasm-release";

/// Build the npm tarball; returns the path of `dist/npm/stashform-<version>.tgz`.
///
/// # Errors
/// A message naming the step that failed.
pub fn build(root: &Path) -> Result<PathBuf, String> {
    tools::ensure_wasm_target()?;
    tools::ensure_wasm_bindgen(root)?;
    tools::ensure_npm(root)?;
    let version = workspace_package_field(root, "version")?;

    run(cargo()
        .args([
            "build",
            "-p",
            "stashform-wasm",
            "-p",
            "stashform-bin-wasm",
            "--target",
            WASM_TARGET,
            "--profile",
            PROFILE,
        ])
        .current_dir(root))?;
    let wasm = tools::target_dir(root)
        .join(WASM_TARGET)
        .join(PROFILE)
        .join("stashform_wasm.wasm");

    let work = tools::target_dir(root).join("npm");
    let package = work.join("package");
    remove_dir(&work)?;
    mkdir(&package)?;
    for target in ["nodejs", "web"] {
        run(Command::new("wasm-bindgen")
            .args(["--target", target, "--out-name", "stashform", "--out-dir"])
            .arg(work.join(target))
            .arg(&wasm)
            .current_dir(root))?;
    }
    // Both bindings must share one module, or shipping one .wasm would be wrong.
    let node_wasm = work.join("nodejs/stashform_bg.wasm");
    if read(&node_wasm)? != read(&work.join("web/stashform_bg.wasm"))? {
        return Err("wasm-bindgen gave different .wasm files for nodejs and web".to_owned());
    }
    run(Command::new("wasm-opt")
        .env("PATH", tools::path_with_node_bin(root))
        .arg("-Oz")
        .arg(&node_wasm)
        .arg("-o")
        .arg(package.join("stashform_bg.wasm"))
        .current_dir(root))?;

    // The nodejs binding is CommonJS: `.cjs` in a `"type": "module"` package. It would load
    // `${__dirname}/stashform_bg.wasm` as it is required, which bundlers neither see nor ship:
    // its entry (index.cjs) instantiates it instead, from what it is given or on first use.
    let node_js = read_text(&work.join("nodejs/stashform.js"))?.replace(
        "/* @ts-self-types=\"./stashform.d.ts\" */",
        "/* @ts-self-types=\"./stashform_node.d.cts\" */",
    );
    let node_js = node_js.strip_suffix(NODE_LOAD).ok_or(
        "the nodejs binding of wasm-bindgen no longer ends as xtask/src/npm.rs expects (NODE_LOAD)",
    )?;
    write(
        &package.join("stashform_node.cjs"),
        &format!("{node_js}{NODE_INSTANTIATE}"),
    )?;
    copy(
        &work.join("nodejs/stashform.d.ts"),
        &package.join("stashform_node.d.cts"),
    )?;
    copy(
        &work.join("web/stashform.js"),
        &package.join("stashform.js"),
    )?;
    copy(
        &work.join("web/stashform.d.ts"),
        &package.join("stashform.d.ts"),
    )?;

    // `_api.js` is the part the Node and web entries share: copied into both.
    let shared = read_text(&root.join("npm/_api.js"))?;
    copy_template(
        &root.join("npm"),
        &package,
        &[("@VERSION@", &version), ("// @API@\n", &shared)],
    )?;
    copy(&root.join("LICENSE"), &package.join("LICENSE"))?;
    bin(root, &work, &package)?;

    let dist = root.join("dist/npm");
    mkdir(&dist)?;
    let tarball = dist.join(format!("stashform-{version}.tgz"));
    if tarball.exists() {
        fs::remove_file(&tarball).map_err(|e| format!("{}: {e}", tarball.display()))?;
    }
    run(Command::new("npm")
        .args(["pack", "--ignore-scripts", "--pack-destination"])
        .arg(&dist)
        .current_dir(&package))?;
    if !tarball.exists() {
        return Err(format!("npm pack did not write {}", tarball.display()));
    }
    let wasm_size = fs::metadata(package.join("stashform_bg.wasm")).map_or(0, |m| m.len());
    let tar_size = fs::metadata(&tarball).map_or(0, |m| m.len());
    println!(
        "npm: {} ({tar_size} bytes; stashform_bg.wasm {wasm_size} bytes raw)",
        tarball.display(),
    );
    Ok(tarball)
}

/// The bin: the CLI's wasm (built above) bound for Node beside `npm/bin/stashform.cjs`.
fn bin(root: &Path, work: &Path, package: &Path) -> Result<(), String> {
    let wasm = tools::target_dir(root)
        .join(WASM_TARGET)
        .join(PROFILE)
        .join("stashform_bin_wasm.wasm");
    let out = work.join("bin");
    run(Command::new("wasm-bindgen")
        .args([
            "--target",
            "nodejs",
            "--out-name",
            "stashform_cli",
            "--out-dir",
        ])
        .arg(&out)
        .arg(&wasm)
        .current_dir(root))?;
    let bin = package.join("bin");
    run(Command::new("wasm-opt")
        .env("PATH", tools::path_with_node_bin(root))
        .arg("-Oz")
        .arg(out.join("stashform_cli_bg.wasm"))
        .arg("-o")
        .arg(bin.join("stashform_cli_bg.wasm"))
        .current_dir(root))?;
    // CommonJS in a `"type": "module"` package; it loads `${__dirname}/stashform_cli_bg.wasm`.
    let js = read_text(&out.join("stashform_cli.js"))?
        .replace("/* @ts-self-types=\"./stashform_cli.d.ts\" */\n", "");
    write(&bin.join("stashform_cli.cjs"), &js)?;
    set_executable(&bin.join("stashform.cjs"))?;
    let size = fs::metadata(bin.join("stashform_cli_bg.wasm")).map_or(0, |m| m.len());
    println!("npm bin: stashform_cli_bg.wasm {size} bytes raw");
    Ok(())
}

/// Build the tarball, then run the package's tests: the wasm-bindgen tests of
/// `crates/stashform-wasm` under Node, and `node --test tests/npm/` (which install the tarball
/// into fresh Node projects; they find it through `STASHFORM_TGZ`).
///
/// # Errors
/// A message naming the step that failed.
pub fn test(root: &Path) -> Result<(), String> {
    let tarball = build(root)?;
    run(cargo()
        .args(["test", "-p", "stashform-wasm", "--target", WASM_TARGET])
        .env("PATH", tools::path_with_node_bin(root))
        .current_dir(root))?;
    tools::ensure_chromium()?;
    run(Command::new("node")
        .args(["--test", "tests/npm/"])
        .env("STASHFORM_TGZ", &tarball)
        .env("PATH", tools::path_with_node_bin(root))
        .current_dir(root))
}

/// A `key = "value"` of `[workspace.package]` in the root Cargo.toml.
fn workspace_package_field(root: &Path, key: &str) -> Result<String, String> {
    let manifest = read_text(&root.join("Cargo.toml"))?;
    let mut in_section = false;
    for line in manifest.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_section = line == "[workspace.package]";
            continue;
        }
        if !in_section {
            continue;
        }
        if let Some((name, value)) = line.split_once('=')
            && name.trim() == key
        {
            return Ok(value.trim().trim_matches('"').to_owned());
        }
    }
    Err(format!("no `{key}` in [workspace.package] of Cargo.toml"))
}

/// How wasm-bindgen's nodejs binding ends: it reads and instantiates the module as it is
/// required.
const NODE_LOAD: &str = "const wasmPath = `${__dirname}/stashform_bg.wasm`;
const wasmBytes = require('fs').readFileSync(wasmPath);
const wasmModule = new WebAssembly.Module(wasmBytes);
let wasmInstance = new WebAssembly.Instance(wasmModule, __wbg_get_imports());
let wasm = wasmInstance.exports;
wasm.__wbindgen_start();
";

/// What it ends with in the package: instantiation from what the entry gives (bytes or a
/// `WebAssembly.Module`), once.
const NODE_INSTANTIATE: &str = "let wasm;
exports.__wbg_instantiate = function (module) {
    if (wasm !== undefined) return;
    if (!(module instanceof WebAssembly.Module)) module = new WebAssembly.Module(module);
    wasm = new WebAssembly.Instance(module, __wbg_get_imports()).exports;
    wasm.__wbindgen_start();
};
";

/// Copy the `npm/` template into the package, filling in the placeholders; files whose names
/// start with `_` are parts of others (filled in), not files of the package.
fn copy_template(from: &Path, to: &Path, fills: &[(&str, &str)]) -> Result<(), String> {
    let entries = fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("{}: {e}", from.display()))?;
        let source = entry.path();
        let target = to.join(entry.file_name());
        if entry.file_name().to_string_lossy().starts_with('_') {
            continue;
        }
        if source.is_dir() {
            mkdir(&target)?;
            copy_template(&source, &target, fills)?;
        } else {
            let mut text = read_text(&source)?;
            for (placeholder, value) in fills {
                text = text.replace(placeholder, value);
            }
            write(&target, &text)?;
        }
    }
    Ok(())
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn read_text(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

fn copy(from: &Path, to: &Path) -> Result<(), String> {
    fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| format!("{} -> {}: {e}", from.display(), to.display()))
}

fn mkdir(path: &Path) -> Result<(), String> {
    fs::create_dir_all(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn remove_dir(path: &Path) -> Result<(), String> {
    match fs::remove_dir_all(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

#[cfg(unix)]
fn set_executable(path: &Path) -> Result<(), String> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o755))
        .map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(not(unix))]
fn set_executable(_path: &Path) -> Result<(), String> {
    Ok(())
}
