//! The `stashform` command line: argument parsing, file handling and the commands
//! (`commands/`). Every finding comes from the core (`stashform::check`) and is rendered by
//! `stashform-report`.

mod commands;
mod inputs;

use std::io::Write;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

pub use inputs::{Input, collect};

/// Check, format and explain KubeStash backup and restore configuration.
#[derive(Debug, Parser)]
#[command(name = "stashform", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Validate files, folders (recursive *.yaml, *.yml) or stdin (`-`).
    /// Exit 0: no error; 1: errors found; 2: usage or I/O trouble.
    Check {
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Files, folders, or `-` for stdin (the default).
        paths: Vec<String>,
    },
    /// Print canonical YAML (documents joined with `---`): key order, indentation and quoting
    /// change; every value and every comment (next to its node) stay.
    Fmt {
        /// Print nothing; exit 1 when a file is not canonical.
        #[arg(long)]
        check: bool,
        /// Rewrite the files in place.
        #[arg(long, conflicts_with = "check")]
        write: bool,
        /// Files, folders, or `-` for stdin.
        paths: Vec<String>,
    },
    /// Explain a CronJob schedule and list its next runs (UTC).
    Schedule {
        /// The schedule, e.g. "*/5 * * * *".
        expr: String,
        /// How many next runs to list.
        #[arg(long, default_value_t = 5)]
        next: usize,
        /// Start from this RFC 3339 time instead of now.
        #[arg(long)]
        from: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Print the JSON Schema of a kind for editors (yaml-language-server).
    Schema {
        /// BackupConfiguration, RestoreSession, BackupStorage or RetentionPolicy.
        kind: String,
    },
    /// List the rules, or explain one (by code or name).
    Rules {
        /// A code (KS401) or name (invalid-schedule).
        rule: Option<String>,
    },
}

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
}

/// Parse the process arguments and run.
#[must_use]
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let code = if error.use_stderr() { 2 } else { 0 };
            let _ = error.print();
            return ExitCode::from(code);
        }
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let code = run(cli, &mut out);
    let _ = out.flush();
    ExitCode::from(code)
}

fn run(cli: Cli, out: &mut dyn Write) -> u8 {
    match cli.command {
        Command::Check { format, paths } => commands::check(&paths, format, out),
        Command::Fmt {
            check,
            write,
            paths,
        } => commands::fmt(&paths, check, write, out),
        Command::Schedule {
            expr,
            next,
            from,
            json,
        } => commands::schedule(&expr, next, from.as_deref(), json, out),
        Command::Schema { kind } => match stashform::schema::json_schema(&kind) {
            Some(schema) => {
                let text = serde_json::to_string_pretty(&schema).unwrap_or_default();
                let _ = writeln!(out, "{text}");
                0
            }
            None => {
                eprintln!(
                    "stashform: unknown kind `{kind}`; use one of {}",
                    stashform::schema::KINDS.join(", ")
                );
                2
            }
        },
        Command::Rules { rule } => commands::rules(rule.as_deref(), out),
    }
}
