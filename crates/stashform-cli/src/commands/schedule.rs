//! `stashform schedule`: is a schedule valid, what it means, and when it runs next.

use std::fmt::Write as _;

use crate::host::Host;

pub fn schedule(
    expr: &str,
    count: usize,
    from: Option<&str>,
    as_json: bool,
    host: &dyn Host,
) -> u8 {
    let mut out = String::new();
    let from_seconds = match from {
        Some(text) => match stashform::schedule::parse_utc(text) {
            Some(seconds) => seconds,
            None => {
                host.err(
                    "stashform: --from must be an RFC 3339 time such as 2026-01-02T03:04:05Z\n",
                );
                return 2;
            }
        },
        None => host.now(),
    };
    let explained = stashform::schedule::explain(expr, from_seconds, count.min(1000));
    if as_json {
        let _ = writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&explained).unwrap_or_default()
        );
    } else if explained.valid {
        let _ = writeln!(out, "valid: {}", explained.description);
        for run in &explained.next_runs {
            let _ = writeln!(out, "  {run}");
        }
        if explained.next_runs.is_empty() {
            let _ = writeln!(out, "  (never runs)");
        }
    } else {
        let _ = writeln!(
            out,
            "invalid: {}",
            explained.error.as_deref().unwrap_or_default()
        );
    }
    host.out(&out);
    u8::from(!explained.valid)
}
