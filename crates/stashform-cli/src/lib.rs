//! The `stashform` command line: argument parsing, file handling and the commands
//! (`commands/`). Every finding comes from the core (`stashform::check`) and is rendered by
//! `stashform-report`. All I/O goes through a [`Host`], so that the npm package's bin runs this
//! same code compiled to wasm (`crates/stashform-bin-wasm`) and prints the same bytes.

mod commands;
pub mod config;
pub mod host;
mod inputs;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

pub use host::{Entry, Host};
pub use inputs::{Input, Inputs, collect};

/// Check, format and explain KubeStash backup and restore configuration.
#[derive(Debug, Parser)]
#[command(name = "stashform", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Validate files, folders (recursive *.yaml, *.yml), globs or stdin (`-`).
    /// Exit 0: no error; 1: errors found (or more warnings than --max-warnings); 2: usage or
    /// I/O trouble.
    Check(CheckArgs),
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

/// The options of `check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Read this config instead of the nearest `.stashform.yaml`.
    #[arg(long, value_name = "FILE")]
    pub config: Option<String>,
    /// Check addons against these Addon manifests (a file, or a folder of *.yaml, *.yml) as
    /// well as the vendored catalog: an addon here replaces the vendored one of its name.
    /// Wins over `catalog:` in the config.
    #[arg(long, value_name = "PATH")]
    pub catalog: Option<String>,
    /// Report errors only (warnings and notes are neither shown nor counted).
    #[arg(long, short)]
    pub quiet: bool,
    /// Exit 1 when there are more than N warnings.
    #[arg(long, value_name = "N")]
    pub max_warnings: Option<usize>,
    /// Apply the unambiguous fixes in place (nothing else in the files changes), then report
    /// what remains.
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,
    /// Print the fixes as a unified diff instead of writing them; exit 1 when there are any.
    #[arg(long)]
    pub diff: bool,
    /// Check at most N files at once (default: one per core).
    #[arg(long, short, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// Files, folders, globs, or `-` for stdin (the default when something is piped in).
    pub paths: Vec<String>,
}

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
    Junit,
}

/// Parse the process arguments and run on the real system.
#[cfg(not(target_family = "wasm"))]
#[must_use]
pub fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(run(
        std::env::args_os().map(|a| a.to_string_lossy().into_owned()),
        &host::NativeHost,
    ))
}

/// Run a command line (`args[0]` is the program name) against a host; the exit code.
pub fn run(args: impl IntoIterator<Item = String>, host: &dyn Host) -> u8 {
    let parsed = Cli::command()
        .long_version(long_version())
        .try_get_matches_from(args)
        .and_then(|matches| Cli::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(error) => {
            let text = render_usage(&error, host::color(host));
            if error.use_stderr() {
                host.err(&text);
                return 2;
            }
            host.out(&text);
            return 0;
        }
    };
    match cli.command {
        Command::Check(args) => commands::check(&args, host),
        Command::Fmt {
            check,
            write,
            paths,
        } => commands::fmt(&paths, check, write, host),
        Command::Schedule {
            expr,
            next,
            from,
            json,
        } => commands::schedule(&expr, next, from.as_deref(), json, host),
        Command::Schema { kind } => match stashform::schema::json_schema(&kind) {
            Some(schema) => {
                let text = serde_json::to_string_pretty(&schema).unwrap_or_default();
                host.out(&format!("{text}\n"));
                0
            }
            None => {
                host.err(&format!(
                    "stashform: unknown kind `{kind}`; use one of {}\n",
                    stashform::schema::KINDS.join(", ")
                ));
                2
            }
        },
        Command::Rules { rule } => commands::rules(rule.as_deref(), host),
    }
}

/// `--version`: the version and the installers the vendored addon catalog was taken from.
fn long_version() -> &'static str {
    static TEXT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TEXT.get_or_init(|| {
        format!(
            "{}\naddon catalog: {} (pass a newer one with `check --catalog PATH`)",
            env!("CARGO_PKG_VERSION"),
            stashform::catalog::vendored_from()
        )
    })
}

/// clap's message, coloured when clap can colour (native) and the terminal wants it.
#[cfg(feature = "native")]
fn render_usage(error: &clap::Error, color: bool) -> String {
    if color {
        error.render().ansi().to_string()
    } else {
        error.render().to_string()
    }
}

#[cfg(not(feature = "native"))]
fn render_usage(error: &clap::Error, _color: bool) -> String {
    error.render().to_string()
}
