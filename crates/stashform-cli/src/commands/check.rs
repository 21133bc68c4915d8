//! `stashform check`: every finding of the given files, in the chosen format.

use std::sync::Arc;

use stashform::CheckOptions;
use stashform::catalog::Catalog;
use stashform::registry::Severity;
use stashform_report::{CheckedFile, Summary};

use super::{no_input, paths_or_stdin};
use crate::config::{absolute, read_catalog, shown_catalog};
use crate::host::{Host, color};
use crate::inputs::{Input, Inputs, collect};
use crate::{CheckArgs, Format};

pub fn check(args: &CheckArgs, host: &dyn Host) -> u8 {
    let Some(paths) = paths_or_stdin(&args.paths, host, "check") else {
        return 2;
    };
    if args.fix && paths.iter().any(|p| p == "-") {
        host.err(
            "stashform: --fix rewrites files, and stdin is none: use --diff to see its fixes\n",
        );
        return 2;
    }
    let mut inputs = collect(host, &paths, args.config.as_deref());
    if let Err(problems) = catalogs(host, &mut inputs, args.catalog.as_deref()) {
        for problem in inputs.problems.iter().chain(&problems) {
            host.err(&format!("stashform: {problem}\n"));
        }
        return 2;
    }
    let jobs = args
        .jobs
        .map_or_else(|| host.parallelism(), usize::from)
        .max(1);
    let mut problems = inputs.problems.clone();
    let mut checked = Vec::with_capacity(inputs.files.len());
    let mode = if args.fix {
        Mode::Fix
    } else if args.diff {
        Mode::Diff
    } else {
        Mode::Check
    };
    let mut fixed = Vec::new();
    let workers = Workers::new(host, jobs);
    for result in check_files(&workers, &inputs, mode) {
        match result {
            Ok((file, fixes)) => {
                if let Some(fixes) = fixes {
                    fixed.push(fixes);
                }
                checked.push(file);
            }
            Err(problem) => problems.push(problem),
        }
    }
    if mode == Mode::Diff {
        return diff(host, &fixed, &problems);
    }
    if mode == Mode::Fix {
        for fixes in &fixed {
            if let Err(error) = host.write(&fixes.name, fixes.text.as_bytes()) {
                problems.push(format!("{}: {error}", fixes.name));
            }
        }
        let count: usize = fixed.iter().map(|f| f.count).sum();
        if count > 0 {
            host.err(&format!(
                "stashform: fixed {} in {}\n",
                stashform_report::count(count, "finding"),
                stashform_report::count(fixed.len(), "file"),
            ));
        }
    }
    // Nothing piped and no PATH: an empty file list in CI must not pass.
    if args.paths.is_empty() && checked.first().is_some_and(|f| f.text.is_empty()) {
        no_input(host, "check");
        return 2;
    }
    for problem in &problems {
        host.err(&format!("stashform: {problem}\n"));
    }
    if args.quiet {
        for file in &mut checked {
            file.report
                .diagnostics
                .retain(|d| d.severity == Severity::Error);
        }
    }
    let summary = Summary::of(&checked);
    let text = match args.format {
        Format::Human => stashform_report::human::render(&checked, color(host)),
        Format::Json => stashform_report::json::render(&checked),
        Format::Sarif => stashform_report::sarif::render(&checked),
        Format::Junit => stashform_report::junit::render(&checked),
        Format::Github => {
            if let Some(file) = host.env("GITHUB_STEP_SUMMARY").filter(|f| !f.is_empty()) {
                let markdown = stashform_report::github::step_summary(&checked);
                if let Err(error) = host.append(&file, &markdown) {
                    host.err(&format!("stashform: {file}: {error}\n"));
                }
            }
            stashform_report::github::render(&checked)
        }
    };
    host.out(&text);
    workers.release(checked);
    let too_many_warnings = args.max_warnings.is_some_and(|max| summary.warnings > max);
    if too_many_warnings && args.format == Format::Human {
        host.err(&format!(
            "stashform: {}, more than --max-warnings {}\n",
            stashform_report::count(summary.warnings, "warning"),
            args.max_warnings.unwrap_or_default()
        ));
    }
    if !problems.is_empty() {
        2
    } else if summary.errors > 0 || too_many_warnings {
        1
    } else {
        0
    }
}

/// Set each config's addon catalog: `--catalog` for all, else the config's `catalog:` (each
/// read once); `Err` with every problem (a usage error). The catalog's own files are no inputs
/// (a catalog folder inside a checked folder would be reported as unchecked kinds).
fn catalogs(
    host: &dyn Host,
    inputs: &mut Inputs,
    explicit: Option<&str>,
) -> Result<(), Vec<String>> {
    let mut problems = Vec::new();
    let mut read: Vec<(std::path::PathBuf, Option<Arc<Catalog>>)> = Vec::new();
    let given = match explicit {
        Some(path) => Some(read_catalog(host, path)?),
        None => None,
    };
    let cwd = host.cwd();
    for config in &mut inputs.configs {
        let catalog = if let Some(given) = &given {
            Some(given.clone())
        } else if let Some((path, place)) = &config.catalog {
            if let Some((_, known)) = read.iter().find(|(p, _)| p == path) {
                known.clone()
            } else {
                let shown = shown_catalog(&cwd, path);
                let catalog = match read_catalog(host, &shown) {
                    Ok(catalog) => Some(catalog),
                    Err(mut found) => {
                        if let Some(first) = found.first_mut()
                            && first.starts_with(&format!("{shown}: "))
                        {
                            // Not there at all: say which config names it.
                            *first = format!("{place}: catalog {first}");
                        }
                        problems.extend(found);
                        None
                    }
                };
                read.push((path.clone(), catalog.clone()));
                catalog
            }
        } else {
            None
        };
        config.options.set_catalog(catalog);
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut paths: Vec<std::path::PathBuf> = read.into_iter().map(|(path, _)| path).collect();
    if let Some(path) = explicit {
        paths.push(absolute(std::path::Path::new(&cwd), path));
    }
    if !paths.is_empty() {
        let cwd = std::path::Path::new(&cwd);
        inputs.files.retain(|input| {
            input.name == "-" || {
                let file = absolute(cwd, &input.name);
                !paths.iter().any(|path| file.starts_with(path))
            }
        });
    }
    Ok(())
}

/// The threads a run works on: a pool when the host can be shared (native) and more than one
/// job is allowed, else the calling thread. One pool serves the whole run.
struct Workers<'h> {
    host: &'h dyn Host,
    #[cfg(feature = "native")]
    pool: Option<(&'h (dyn Host + Sync), rayon::ThreadPool)>,
}

impl<'h> Workers<'h> {
    fn new(host: &'h dyn Host, jobs: usize) -> Self {
        #[cfg(feature = "native")]
        let pool = host.shared().filter(|_| jobs > 1).and_then(|shared| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(jobs)
                .build()
                .ok()?;
            Some((shared, pool))
        });
        #[cfg(not(feature = "native"))]
        let _ = jobs;
        Self {
            host,
            #[cfg(feature = "native")]
            pool,
        }
    }

    /// `work` on every item, the results in the items' order.
    fn map<T: Sync, R: Send>(
        &self,
        items: &[T],
        work: impl Fn(&dyn Host, &T) -> R + Sync,
    ) -> Vec<R> {
        #[cfg(feature = "native")]
        if let Some((shared, pool)) = &self.pool
            && items.len() > 1
        {
            use rayon::prelude::*;
            return pool.install(|| items.par_iter().map(|item| work(*shared, item)).collect());
        }
        items.iter().map(|item| work(self.host, item)).collect()
    }

    /// Free what the run made on the threads that made it: freeing thousands of texts and
    /// reports one by one on this thread is a serial tail of a large run.
    fn release<T: Send>(&self, items: Vec<T>) {
        #[cfg(feature = "native")]
        if let Some((_, pool)) = &self.pool {
            use rayon::prelude::*;
            pool.install(|| items.into_par_iter().for_each(drop));
            return;
        }
        drop(items);
    }
}

/// What `check` does with the fixes it finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Check,
    Fix,
    Diff,
}

/// A file whose text the fixes changed.
struct Fixes {
    name: String,
    before: String,
    text: String,
    count: usize,
}

/// Read and check every file on the run's workers; the results in the order of the inputs.
/// With fixes, each checked file is its fixed text.
fn check_files(
    workers: &Workers<'_>,
    inputs: &Inputs,
    mode: Mode,
) -> Vec<Result<(CheckedFile, Option<Fixes>), String>> {
    workers.map(&inputs.files, |host, input| {
        check_file(host, input, &inputs.configs[input.config].options, mode)
    })
}

fn check_file(
    host: &dyn Host,
    input: &Input,
    options: &CheckOptions,
    mode: Mode,
) -> Result<(CheckedFile, Option<Fixes>), String> {
    let bytes = input.read(host)?;
    if mode == Mode::Check {
        return Ok((
            CheckedFile::check_with(input.name.clone(), bytes, options),
            None,
        ));
    }
    let Ok(text) = String::from_utf8(bytes.clone()) else {
        return Ok((
            CheckedFile::check_with(input.name.clone(), bytes, options),
            None,
        ));
    };
    let fixed = stashform::fix_with(&text, options);
    let count = fixed.applied.len();
    let file = CheckedFile::new(input.name.clone(), fixed.text.clone(), fixed.report);
    let fixes = (fixed.text != text).then(|| Fixes {
        name: input.name.clone(),
        before: text,
        text: fixed.text,
        count,
    });
    Ok((file, fixes))
}

/// `--diff`: the fixes as a unified diff; exit 1 when there are any.
fn diff(host: &dyn Host, fixed: &[Fixes], problems: &[String]) -> u8 {
    for problem in problems {
        host.err(&format!("stashform: {problem}\n"));
    }
    let mut out = String::new();
    for fixes in fixed {
        let diff = similar::TextDiff::from_lines(&fixes.before, &fixes.text);
        out.push_str(
            &diff
                .unified_diff()
                .context_radius(3)
                .header(&format!("a/{}", fixes.name), &format!("b/{}", fixes.name))
                .to_string(),
        );
    }
    host.out(&out);
    let count: usize = fixed.iter().map(|f| f.count).sum();
    if count > 0 {
        host.err(&format!(
            "stashform: {} can be fixed in {} (run `stashform check --fix`)\n",
            stashform_report::count(count, "finding"),
            stashform_report::count(fixed.len(), "file"),
        ));
    }
    if !problems.is_empty() {
        2
    } else {
        u8::from(count > 0)
    }
}
