//! Turning PATH arguments into inputs: files, folders (recursive `*.yaml`/`*.yml`, sorted),
//! and `-` for stdin.

use std::fs;
use std::io::Read;
use std::path::Path;

/// One input file, read whole.
pub struct Input {
    /// The path as given (or found under a given folder); `-` for stdin.
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Read every input; I/O problems are returned as messages beside what could be read.
#[must_use]
pub fn collect(paths: &[String]) -> (Vec<Input>, Vec<String>) {
    let mut inputs = Vec::new();
    let mut problems = Vec::new();
    let stdin_only = [String::from("-")];
    let paths = if paths.is_empty() {
        &stdin_only[..]
    } else {
        paths
    };
    for path in paths {
        if path == "-" {
            let mut bytes = Vec::new();
            match std::io::stdin().read_to_end(&mut bytes) {
                Ok(_) => inputs.push(Input {
                    name: "-".to_owned(),
                    bytes,
                }),
                Err(error) => problems.push(format!("-: {error}")),
            }
            continue;
        }
        let p = Path::new(path);
        if p.is_dir() {
            let mut files = Vec::new();
            walk(p, &mut files, &mut problems);
            files.sort();
            if files.is_empty() {
                problems.push(format!("{path}: no *.yaml or *.yml files"));
            }
            for file in files {
                read(&file, &mut inputs, &mut problems);
            }
        } else {
            read(path, &mut inputs, &mut problems);
        }
    }
    (inputs, problems)
}

fn read(path: &str, inputs: &mut Vec<Input>, problems: &mut Vec<String>) {
    match fs::read(path) {
        Ok(bytes) => inputs.push(Input {
            name: path.to_owned(),
            bytes,
        }),
        Err(error) => problems.push(format!("{path}: {error}")),
    }
}

fn walk(dir: &Path, files: &mut Vec<String>, problems: &mut Vec<String>) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) => {
            problems.push(format!("{}: {error}", dir.display()));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        if path.is_dir() {
            walk(&path, files, problems);
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            files.push(path.display().to_string());
        }
    }
}
