//! Turning PATH arguments into inputs: files, folders (recursive `*.yaml`/`*.yml`, sorted,
//! hidden entries skipped), globs the shell did not expand (`'deploy/**/*.yaml'`), and `-` for
//! stdin; each with the config that governs it, and without what that config excludes.

use std::path::Path;

use crate::config::Config;
use crate::host::{Entry, Host};

/// One input file (read by the command, so that it may read many at once).
pub struct Input {
    /// The path as given (or found under a given folder); `-` for stdin.
    pub name: String,
    /// Index into [`Inputs::configs`].
    pub config: usize,
}

impl Input {
    /// The file's bytes.
    ///
    /// # Errors
    /// `path: reason` when it cannot be read.
    pub fn read(&self, host: &dyn Host) -> Result<Vec<u8>, String> {
        host.read(&self.name)
            .map_err(|error| format!("{}: {error}", self.name))
    }
}

/// Everything a command works on.
#[derive(Default)]
pub struct Inputs {
    pub files: Vec<Input>,
    pub configs: Vec<Config>,
    /// What could not be found, as `path: reason`; a usage or I/O problem (exit 2).
    pub problems: Vec<String>,
}

/// Find every input file. `explicit_config` is `--config`; otherwise each path finds its own.
#[must_use]
pub fn collect(host: &dyn Host, paths: &[String], explicit_config: Option<&str>) -> Inputs {
    let mut inputs = Inputs::default();
    let cwd = host.cwd();
    for path in paths {
        let config = match Config::find(host, path, explicit_config) {
            Ok(config) => config,
            Err(problems) => {
                inputs.problems.extend(problems);
                continue;
            }
        };
        let config_index = match inputs
            .configs
            .iter()
            .position(|known| known.file == config.file)
        {
            Some(index) => index,
            None => {
                inputs.configs.push(config);
                inputs.configs.len() - 1
            }
        };
        let config = &inputs.configs[config_index];
        let files = if path == "-" {
            vec![path.clone()]
        } else {
            match expand(host, path) {
                Ok(files) => files,
                Err(problem) => {
                    inputs.problems.push(problem);
                    continue;
                }
            }
        };
        for file in files {
            if file != "-" && config.excludes(&cwd, &file) {
                continue;
            }
            inputs.files.push(Input {
                name: file,
                config: config_index,
            });
        }
    }
    inputs
}

/// The files a PATH argument names.
fn expand(host: &dyn Host, path: &str) -> Result<Vec<String>, String> {
    match host.entry(path) {
        Entry::File => Ok(vec![path.to_owned()]),
        Entry::Dir => {
            let mut files = Vec::new();
            walk(host, path, &mut files, &|name| {
                Path::new(name)
                    .extension()
                    .is_some_and(|e| e == "yaml" || e == "yml")
            });
            files.sort();
            if files.is_empty() {
                return Err(format!("{path}: no *.yaml or *.yml files"));
            }
            Ok(files)
        }
        Entry::Missing if is_glob(path) => {
            fast_glob::validate(path).map_err(|error| format!("{path}: not a glob: {error}"))?;
            // Walk from the folder before the first component with a wildcard.
            let root: Vec<&str> = path
                .split('/')
                .take_while(|component| !is_glob(component))
                .collect();
            let root = if root.is_empty() {
                ".".to_owned()
            } else {
                root.join("/")
            };
            let mut files = Vec::new();
            if host.entry(&root) == Entry::Dir {
                walk(host, &root, &mut files, &|_| true);
            }
            let mut files: Vec<String> = files
                .into_iter()
                .filter(|file| fast_glob::glob_match(path, file))
                .collect();
            files.sort();
            if files.is_empty() {
                return Err(format!("{path}: no file matches"));
            }
            Ok(files)
        }
        Entry::Missing => Err(format!("{path}: No such file or directory")),
    }
}

fn is_glob(path: &str) -> bool {
    path.contains(['*', '?', '[', '{'])
}

pub(crate) fn walk(
    host: &dyn Host,
    dir: &str,
    files: &mut Vec<String>,
    keep: &dyn Fn(&str) -> bool,
) {
    let Ok(entries) = host.list(dir) else {
        return;
    };
    for (name, kind) in entries {
        if name.starts_with('.') {
            continue;
        }
        // `check .` lists `a.yaml`, not `./a.yaml` (as GitHub annotations want paths).
        let path = if dir == "." {
            name.clone()
        } else {
            Path::new(dir).join(&name).to_string_lossy().into_owned()
        };
        match kind {
            Entry::Dir => walk(host, &path, files, keep),
            Entry::File if keep(&name) => files.push(path),
            _ => {}
        }
    }
}
