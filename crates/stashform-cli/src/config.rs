//! `.stashform.yaml`: per-rule levels and excluded paths, found in the checked path's folder or
//! the nearest parent (or named by `--config`). Reading it is the host's; judging it is here.
//!
//! ```yaml
//! rules:
//!   KS408: off        # off | info | warning | error
//! exclude:
//!   - charts/**       # globs, relative to this file's folder; `*` stays within a folder
//!   - "*.tmpl.yaml"   # a pattern without `/` matches a file name in any folder
//! catalog: addons/    # Addon manifests (a file or folder), relative to this file's folder
//! ```

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use stashform::catalog::Catalog;

use stashform::source::node::{Node, Value};
use stashform::source::yaml;
use stashform::{CheckOptions, Level};
use stashform::{Encoding, LineIndex};

use crate::host::{Entry, Host};

/// The file name looked for.
pub const FILE_NAME: &str = ".stashform.yaml";

/// A loaded config (the default one when no file was found).
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Where it was read from.
    pub file: Option<String>,
    /// The folder its `exclude` globs are relative to (absolute, normalised).
    base: PathBuf,
    /// The levels of `rules:`, as the core takes them.
    pub options: CheckOptions,
    /// Globs of excluded paths, each also as `glob/**` (a folder excludes what is in it).
    exclude: Vec<String>,
    /// `catalog:` made absolute, and where the config says it (`file:line:column`); read by
    /// `check` ([`read_catalog`]), which sets it in `options`.
    pub catalog: Option<(PathBuf, String)>,
}

impl Config {
    /// Parse a config's text; `Err` with every problem as `file:line:column: message`.
    ///
    /// # Errors
    /// Text that is not YAML, keys or codes that do not exist, levels and globs that do not
    /// parse.
    pub fn parse(file: &str, base: PathBuf, text: &str) -> Result<Self, Vec<String>> {
        let index = LineIndex::new(text);
        let mut problems = Vec::new();
        let mut at = |offset: usize, message: String| {
            let place = index.line_col(text, offset, Encoding::Utf8);
            problems.push(format!("{file}:{}:{}: {message}", place.line, place.column));
        };
        let loaded = yaml::load(text);
        for diagnostic in &loaded.diagnostics {
            at(
                diagnostic.span.unwrap_or_default().start,
                diagnostic.message.clone(),
            );
        }
        let mut config = Self {
            file: Some(file.to_owned()),
            base,
            ..Self::default()
        };
        let root = match loaded.documents.as_slice() {
            [] => None,
            [document] => Some(&document.root),
            [_, second, ..] => {
                at(
                    second.root.span.start,
                    "a config holds one document".to_owned(),
                );
                None
            }
        };
        match root.map(|root| &root.value) {
            None | Some(Value::Null) => {}
            Some(Value::Map(entries)) => {
                for (key, value) in entries {
                    match key.name.as_str() {
                        "rules" => config.options = rules(text, value, &mut at),
                        "exclude" => config.exclude = exclude(value, &mut at),
                        "catalog" => match value.as_str().filter(|p| !p.is_empty()) {
                            Some(path) => {
                                let place = index.line_col(text, value.span.start, Encoding::Utf8);
                                config.catalog = Some((
                                    absolute(&config.base, path),
                                    format!("{file}:{}:{}", place.line, place.column),
                                ));
                            }
                            None => at(
                                value.span.start,
                                "`catalog` is the path of a file or folder of Addon manifests"
                                    .to_owned(),
                            ),
                        },
                        other => at(
                            key.span.start,
                            format!("unknown key `{other}` (known: rules, exclude, catalog)"),
                        ),
                    }
                }
            }
            Some(_) => at(
                root.map_or(0, |r| r.span.start),
                "a config is a mapping with `rules`, `exclude` and `catalog`".to_owned(),
            ),
        }
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(problems)
        }
    }

    /// The config for a path given on the command line: `explicit` (`--config`) when set, else
    /// the first `.stashform.yaml` in the path's folder or its parents, else the default.
    ///
    /// # Errors
    /// The config file cannot be read or does not parse.
    pub fn find(
        host: &dyn Host,
        checked: &str,
        explicit: Option<&str>,
    ) -> Result<Self, Vec<String>> {
        let cwd = PathBuf::from(host.cwd());
        let file = match explicit {
            Some(file) => Some(absolute(&cwd, file)),
            None => {
                let start = if checked == "-" {
                    cwd.clone()
                } else {
                    absolute(&cwd, checked)
                };
                let folder = if host.entry(&start.to_string_lossy()) == Entry::Dir {
                    Some(start.as_path())
                } else {
                    start.parent()
                };
                folder.and_then(|folder| {
                    folder
                        .ancestors()
                        .map(|dir| dir.join(FILE_NAME))
                        .find(|candidate| host.entry(&candidate.to_string_lossy()) == Entry::File)
                })
            }
        };
        let Some(file) = file else {
            return Ok(Self::default());
        };
        let shown = explicit.map_or_else(|| shown(&cwd, &file), str::to_owned);
        let bytes = host
            .read(&file.to_string_lossy())
            .map_err(|error| vec![format!("{shown}: {error}")])?;
        let text = String::from_utf8(bytes)
            .map_err(|_| vec![format!("{shown}: the file is not UTF-8")])?;
        let base = file.parent().map(Path::to_path_buf).unwrap_or_default();
        Self::parse(&shown, base, &text)
    }

    /// The path (as found, relative to the working directory `cwd`) is excluded by this
    /// config.
    #[must_use]
    pub fn excludes(&self, cwd: &str, path: &str) -> bool {
        if self.exclude.is_empty() {
            return false;
        }
        let full = absolute(Path::new(cwd), path);
        full.strip_prefix(&self.base).is_ok_and(|relative| {
            let relative = relative.to_string_lossy();
            self.exclude
                .iter()
                .any(|glob| fast_glob::glob_match(glob, relative.as_bytes()))
        })
    }
}

/// A user's addon catalog: the Addon manifests of a file, or of every `*.yaml` and `*.yml`
/// under a folder (hidden entries skipped), read through the host.
///
/// # Errors
/// Every problem as `path: reason` or `file:line:column: message` (a usage error).
pub fn read_catalog(host: &dyn Host, path: &str) -> Result<Arc<Catalog>, Vec<String>> {
    let mut files = Vec::new();
    match host.entry(path) {
        Entry::File => files.push(path.to_owned()),
        Entry::Dir => {
            crate::inputs::walk(host, path, &mut files, &|name| {
                Path::new(name)
                    .extension()
                    .is_some_and(|e| e == "yaml" || e == "yml")
            });
            files.sort();
            if files.is_empty() {
                return Err(vec![format!("{path}: no *.yaml or *.yml files")]);
            }
        }
        Entry::Missing => return Err(vec![format!("{path}: No such file or directory")]),
    }
    let mut texts = Vec::with_capacity(files.len());
    let mut problems = Vec::new();
    for file in files {
        match host.read(&file).map(String::from_utf8) {
            Ok(Ok(text)) => texts.push((file, text)),
            Ok(Err(_)) => problems.push(format!("{file}: the file is not UTF-8")),
            Err(error) => problems.push(format!("{file}: {error}")),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Catalog::from_manifests(
        texts
            .iter()
            .map(|(file, text)| (file.as_str(), text.as_str())),
    )
    .map(Arc::new)
    .map_err(|errors| errors.iter().map(ToString::to_string).collect())
}

/// The path of a config's `catalog:` as the user would name it (relative to the working
/// directory when inside it).
#[must_use]
pub fn shown_catalog(cwd: &str, path: &Path) -> String {
    let shown = shown(Path::new(cwd), path);
    if shown.is_empty() {
        ".".to_owned()
    } else {
        shown
    }
}

fn rules(text: &str, value: &Node, at: &mut impl FnMut(usize, String)) -> CheckOptions {
    let mut options = CheckOptions::default();
    let Value::Map(entries) = &value.value else {
        at(
            value.span.start,
            "`rules` maps rule codes to off, info, warning or error".to_owned(),
        );
        return options;
    };
    for (key, level) in entries {
        // YAML 1.1 reads a plain `off` as false.
        let parsed = match &level.value {
            Value::Bool(false) => Ok(Level::Off),
            Value::Str(name) => name.parse::<Level>(),
            _ => format!(
                "`{}`",
                text.get(level.span.start..level.span.end)
                    .unwrap_or_default()
            )
            .parse::<Level>(),
        };
        match parsed {
            Ok(parsed) => {
                if let Err(unknown) = options.set(&key.name, parsed) {
                    let help = unknown.help.map(|h| format!("; {h}")).unwrap_or_default();
                    at(
                        key.span.start,
                        format!("no rule `{}` (see `stashform rules`){help}", key.name),
                    );
                }
            }
            Err(_) => at(
                level.span.start,
                format!(
                    "`{}` is not a level: use off, info, warning or error",
                    text.get(level.span.start..level.span.end)
                        .unwrap_or_default()
                ),
            ),
        }
    }
    options
}

fn exclude(value: &Node, at: &mut impl FnMut(usize, String)) -> Vec<String> {
    let mut globs = Vec::new();
    let Value::Seq(items) = &value.value else {
        at(value.span.start, "`exclude` is a list of globs".to_owned());
        return globs;
    };
    for item in items {
        let Some(pattern) = item.as_str() else {
            at(item.span.start, "a glob is a string".to_owned());
            continue;
        };
        // Like .gitignore: a pattern without `/` matches a name in any folder.
        let pattern = pattern.trim_start_matches("./");
        let anywhere;
        let pattern = if pattern.contains('/') {
            pattern.trim_start_matches('/')
        } else {
            anywhere = format!("**/{pattern}");
            &anywhere
        };
        match fast_glob::validate(pattern) {
            Ok(()) => globs.extend([pattern.to_owned(), format!("{pattern}/**")]),
            Err(error) => at(item.span.start, format!("not a glob: {error}")),
        }
    }
    globs
}

/// `path` made absolute against `cwd`, with `.` and `..` resolved by their text.
pub fn absolute(cwd: &Path, path: &str) -> PathBuf {
    let mut out = PathBuf::new();
    for component in cwd.join(path).components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// A found config file as the user would name it: relative to the working directory when
/// inside it.
fn shown(cwd: &Path, file: &Path) -> String {
    file.strip_prefix(cwd)
        .unwrap_or(file)
        .to_string_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Vec<String>> {
        Config::parse(".stashform.yaml", PathBuf::from("/repo"), text)
    }

    #[test]
    fn rules_and_excludes() {
        let config =
            parse("rules:\n  KS408: off\n  invalid-schedule: warning\nexclude: [charts/**, \"*.tmpl.yaml\"]\n")
                .unwrap();
        let ks408 = stashform::registry::find("KS408").unwrap();
        assert_eq!(config.options.level(ks408), Some(Level::Off));
        assert!(config.excludes("/repo", "charts/a/b.yaml"));
        assert!(config.excludes("/repo/sub", "x.tmpl.yaml"));
        assert!(!config.excludes("/repo", "backup.yaml"));
        assert!(!config.excludes("/elsewhere", "charts/a.yaml"));
    }

    #[test]
    fn unknown_keys_codes_and_levels_have_their_line() {
        let problems =
            parse("rule:\n  KS408: off\nrules:\n  KS999: off\n  KS401: loud\n").unwrap_err();
        assert_eq!(
            problems,
            [
                ".stashform.yaml:1:1: unknown key `rule` (known: rules, exclude, catalog)",
                ".stashform.yaml:4:3: no rule `KS999` (see `stashform rules`)",
                ".stashform.yaml:5:10: `loud` is not a level: use off, info, warning or error",
            ]
        );
    }

    #[test]
    fn empty_and_broken_configs() {
        assert!(parse("").is_ok());
        assert!(parse("# nothing yet\n").is_ok());
        assert_eq!(parse("rules: [").unwrap_err().len(), 1);
        assert_eq!(
            parse("- a\n").unwrap_err(),
            [".stashform.yaml:1:1: a config is a mapping with `rules`, `exclude` and `catalog`"]
        );
    }
}
