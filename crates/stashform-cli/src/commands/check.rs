//! `stashform check`: every finding of the given files, in the chosen format.

use stashform::registry::Severity;
use stashform_report::{CheckedFile, Summary};

use super::{no_input, paths_or_stdin};
use crate::host::{Host, color};
use crate::inputs::{Input, collect};
use crate::{CheckArgs, Format};

pub fn check(args: &CheckArgs, host: &dyn Host) -> u8 {
    let Some(paths) = paths_or_stdin(&args.paths, host, "check") else {
        return 2;
    };
    let inputs = collect(host, &paths, args.config.as_deref());
    let jobs = args
        .jobs
        .map_or_else(|| host.parallelism(), usize::from)
        .max(1);
    let mut problems = inputs.problems;
    let mut checked = Vec::with_capacity(inputs.files.len());
    for result in check_files(host, &inputs.files, jobs) {
        match result {
            Ok(file) => checked.push(file),
            Err(problem) => problems.push(problem),
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
    let too_many_warnings = args.max_warnings.is_some_and(|max| summary.warnings > max);
    if too_many_warnings && args.format == Format::Human {
        let noun = if summary.warnings == 1 {
            "warning"
        } else {
            "warnings"
        };
        host.err(&format!(
            "stashform: {} {noun}, more than --max-warnings {}\n",
            summary.warnings,
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

/// Read and check every file, on up to `jobs` threads when the host can be shared; the results
/// in the order of the inputs.
fn check_files(host: &dyn Host, files: &[Input], jobs: usize) -> Vec<Result<CheckedFile, String>> {
    #[cfg(feature = "native")]
    if let Some(shared) = host.shared()
        && jobs > 1
        && files.len() > 1
    {
        use rayon::prelude::*;
        if let Ok(pool) = rayon::ThreadPoolBuilder::new().num_threads(jobs).build() {
            return pool.install(|| {
                files
                    .par_iter()
                    .map(|input| check_file(shared, input))
                    .collect()
            });
        }
    }
    let _ = jobs;
    files.iter().map(|input| check_file(host, input)).collect()
}

fn check_file(host: &dyn Host, input: &Input) -> Result<CheckedFile, String> {
    let bytes = input.read(host)?;
    Ok(CheckedFile::check(input.name.clone(), bytes))
}
