//! Layer 5: what Kubernetes rejects later, when the operator creates the CronJob, Job and
//! Pod. These never fail admission: they surface as `SchedulerEnsured=False` or a failed
//! Job, which is why catching them here matters most.

use crate::diagnostic::{Anchor, Correct, Diagnostic, Fix, Path};
use crate::registry;
use crate::schedule::{self, ScheduleErrorKind};
use crate::source::node::{Node, Value};
use crate::values::{names, quantity};

/// Kubernetes caps CronJob names at 52 characters (63 minus the Job suffix); kmodules'
/// `MaxCronJobNameLength`.
const MAX_CRONJOB_NAME: usize = 52;

/// The CronJob name of a session as kmodules `ValidCronJobNameWithPefixNSuffix` makes it
/// (kmodules/client-go `meta/lib.go`): `trigger-<bc>-<session>`, and when that is longer than
/// 52 characters its first 26 and last 26 characters, with `-` trimmed at both ends.
fn cronjob_name(bc: &str, session: &str) -> String {
    let out = format!("trigger-{bc}-{session}");
    let n = out.len();
    if n > MAX_CRONJOB_NAME {
        // Names are ASCII once valid; keep to char boundaries whatever they are.
        let head = out.get(..MAX_CRONJOB_NAME.div_ceil(2));
        if let (Some(a), Some(b)) = (head, out.get(n - MAX_CRONJOB_NAME / 2..)) {
            return format!("{a}{b}").trim_matches('-').to_owned();
        }
    }
    out.trim_matches('-').to_owned()
}

/// The operator shortens long CronJob names itself, so a long name is no problem; only two
/// sessions whose shortened names are equal would share one CronJob.
fn cronjob_collision(
    bc: &str,
    session: &str,
    earlier: &[Node],
    path: &dyn Fn() -> Path,
    out: &mut Vec<Diagnostic>,
) {
    if bc.is_empty() || session.is_empty() || bc.len() + session.len() + 9 <= MAX_CRONJOB_NAME {
        return;
    }
    let name = cronjob_name(bc, session);
    let other = earlier
        .iter()
        .filter_map(|s| s.str_at("name"))
        .find(|other| *other != session && cronjob_name(bc, other) == name);
    if let Some(other) = other {
        out.push(
            Diagnostic::new(
                &registry::CRONJOB_NAME_TOO_LONG,
                path().key("name"),
                format!(
                    "sessions `{other}` and `{session}` both get the CronJob name `{name}` once the operator shortens it to {MAX_CRONJOB_NAME} characters"
                ),
            )
            .help("make the session names differ within their first or last characters, or shorten the BackupConfiguration name"),
        );
    }
}

pub fn check(kind: &str, root: &Node, out: &mut Vec<Diagnostic>) {
    let spec = root.get("spec");
    match kind {
        "BackupConfiguration" => {
            let bc_name = root
                .get("metadata")
                .and_then(|m| m.str_at("name"))
                .unwrap_or_default();
            sessions(spec, &|| Path::root().key("spec"), Some(bc_name), out);
        }
        // A blueprint's BackupConfigurations are named by auto-backup, after their targets.
        "BackupBlueprint" => sessions(
            spec.and_then(|s| s.get("backupConfigurationTemplate")),
            &|| Path::root().key("spec").key("backupConfigurationTemplate"),
            None,
            out,
        ),
        _ => {}
    }
}

/// The CronJob and Job of each session of a BackupConfiguration's spec (or a blueprint's
/// template); `bc_name` when known, for the CronJob names.
fn sessions(
    spec: Option<&Node>,
    spec_path: &dyn Fn() -> Path,
    bc_name: Option<&str>,
    out: &mut Vec<Diagnostic>,
) {
    let sessions = spec.map(|s| s.items_at("sessions")).unwrap_or_default();
    for (s, session) in sessions.iter().enumerate() {
        // Paths are built only for diagnostics: a clean document allocates none.
        let path = || spec_path().key("sessions").index(s);
        let session_name = session.str_at("name").unwrap_or_default();
        let Some(scheduler) = session.get("scheduler") else {
            continue;
        };
        let scheduler_path = || path().key("scheduler");
        if let Some(Value::Str(expr)) = scheduler.get("schedule").map(|n| &n.value) {
            schedule_rules(expr, &|| scheduler_path().key("schedule"), out);
        }
        for field in [
            "startingDeadlineSeconds",
            "successfulJobsHistoryLimit",
            "failedJobsHistoryLimit",
        ] {
            non_negative(scheduler.get(field), || scheduler_path().key(field), out);
        }
        if let Some(policy) = scheduler.str_at("concurrencyPolicy")
            && !matches!(policy, "Allow" | "Forbid" | "Replace" | "")
        {
            let mut d = Diagnostic::new(
                &registry::INVALID_JOB_SETTING,
                scheduler_path().key("concurrencyPolicy"),
                format!("concurrencyPolicy `{policy}` is not Allow, Forbid or Replace"),
            )
            .upstream(format!("Unsupported value: \"{policy}\": supported values: \"Allow\", \"Forbid\", \"Replace\""));
            d.did_you_mean(policy, ["Allow", "Forbid", "Replace"], Correct::Value);
            out.push(d);
        }
        if let Some(job) = scheduler.get("jobTemplate") {
            job_spec(job, &|| scheduler_path().key("jobTemplate"), out);
        }
        if let Some(bc_name) = bc_name {
            cronjob_collision(bc_name, session_name, &sessions[..s], &path, out);
        }
    }
}

fn schedule_rules(expr: &str, path: &dyn Fn() -> Path, out: &mut Vec<Diagnostic>) {
    for error in schedule::check(expr) {
        let is_tz = error.kind == ScheduleErrorKind::TimeZone;
        let rule = if is_tz {
            &registry::SCHEDULE_TIME_ZONE
        } else {
            &registry::INVALID_SCHEDULE
        };
        let message = if is_tz {
            "TZ= and CRON_TZ= are not allowed in a schedule".to_owned()
        } else if expr.trim().is_empty() {
            "the schedule is empty".to_owned()
        } else {
            format!("invalid schedule: {}", error.message)
        };
        let help = if is_tz {
            Some(
                "remove the TZ= prefix: schedules run in the cluster's time zone (usually UTC)"
                    .to_owned(),
            )
        } else {
            schedule_help(expr)
        };
        let mut d = Diagnostic::new(rule, path(), message).upstream(error.message);
        d.help = help;
        if !is_tz && let Some(fixed) = sunday_as_zero(expr) {
            d.fix = Some(Fix::new(
                format!("write Sunday as 0: `{fixed}`"),
                vec![crate::edit::Edit::Set {
                    path: path(),
                    value: Node::new(Value::Str(fixed), crate::source::Span::default()),
                }],
            ));
        }
        out.push(d);
    }
}

/// The schedule with each `7` of its day-of-week list written `0` (robfig's Sunday), when that
/// is all that is wrong with it. A range (`5-7`) has no such one-token fix.
fn sunday_as_zero(expr: &str) -> Option<String> {
    let fields: Vec<&str> = expr.split_whitespace().collect();
    let [.., field] = fields[..] else { return None };
    if fields.len() != 5 || !field.split(',').any(|day| day == "7") {
        return None;
    }
    let mut days: Vec<&str> = Vec::new();
    for day in field.split(',') {
        let day = if day == "7" { "0" } else { day };
        if !days.contains(&day) {
            days.push(day);
        }
    }
    // Only the field changes: the blanks around it stay as written.
    let start = field.as_ptr() as usize - expr.as_ptr() as usize;
    let fixed = format!(
        "{}{}{}",
        &expr[..start],
        days.join(","),
        &expr[start + field.len()..]
    );
    schedule::check(&fixed).is_empty().then_some(fixed)
}

/// A field made of month or weekday names (`jan-mar`, `MON`), which may contain L or W.
fn is_name_field(field: &str) -> bool {
    const NAMES: &[&str] = &[
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "sun",
        "mon", "tue", "wed", "thu", "fri", "sat",
    ];
    field.split([',', '-', '/']).all(|part| {
        part.is_empty()
            || part.chars().all(|c| c.is_ascii_digit())
            || NAMES.contains(&part.to_ascii_lowercase().as_str())
    })
}

/// Hints for the cron mistakes people make most.
fn schedule_help(expr: &str) -> Option<String> {
    if expr.trim().is_empty() {
        return Some("e.g. \"0 2 * * *\" (every day at 02:00) or \"*/30 * * * *\"".to_owned());
    }
    // A TZ= prefix is reported on its own; judge the rest.
    let expr = if expr.starts_with("TZ=") || expr.starts_with("CRON_TZ=") {
        expr.split_once(char::is_whitespace)
            .map_or("", |(_, rest)| rest)
    } else {
        expr
    };
    let fields: Vec<&str> = expr.split_whitespace().collect();
    if fields.len() == 6 {
        return Some("Kubernetes schedules have five fields (minute hour day-of-month month day-of-week), no seconds".to_owned());
    }
    if fields.len() == 5 && fields[4].split([',', '-', '/']).any(|part| part == "7") {
        return Some("day-of-week runs 0-6 (Sunday is 0, not 7)".to_owned());
    }
    if fields.len() == 5
        && fields
            .iter()
            .any(|f| f.contains(['L', 'W', '#', 'H']) && !is_name_field(f))
    {
        return Some("L, W and # are not supported by Kubernetes schedules".to_owned());
    }
    let words: Vec<&str> = expr
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() > 3)
        .collect();
    if !expr.starts_with('@') && !words.is_empty() {
        return Some(format!(
            "use three-letter names (mon, tue, jan, feb …) or numbers, not `{}`",
            words[0]
        ));
    }
    if fields.len() == 5
        && expr.contains('-')
        && schedule::parse(expr)
            .err()
            .is_some_and(|e| e.kind == ScheduleErrorKind::RangeBackwards)
    {
        return Some(
            "ranges cannot wrap around: write sat,sun or 0,6 instead of sat-sun".to_owned(),
        );
    }
    if expr.starts_with("@every") {
        return Some("@every takes a Go duration such as 30m or 12h (no d)".to_owned());
    }
    if expr.starts_with('@') {
        return Some("descriptors are @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly, @every <duration>".to_owned());
    }
    None
}

fn job_spec(job: &Node, path: &dyn Fn() -> Path, out: &mut Vec<Diagnostic>) {
    for field in [
        "parallelism",
        "completions",
        "activeDeadlineSeconds",
        "backoffLimit",
        "ttlSecondsAfterFinished",
    ] {
        non_negative(job.get(field), || path().key(field), out);
    }
    match job.str_at("completionMode") {
        None | Some("NonIndexed") => {}
        Some("Indexed") => {
            if job.get("completions").is_none_or(Node::is_null) {
                out.push(
                    Diagnostic::new(
                        &registry::INVALID_JOB_SETTING,
                        path().key("completions"),
                        "completionMode Indexed needs completions",
                    )
                    .anchor(Anchor::Missing)
                    .upstream("Required value: when completion mode is Indexed"),
                );
            }
        }
        Some(mode) => out.push(
            Diagnostic::new(
                &registry::INVALID_JOB_SETTING,
                path().key("completionMode"),
                format!("completionMode `{mode}` is not NonIndexed or Indexed"),
            )
            .upstream(format!(
                "Unsupported value: \"{mode}\": supported values: \"NonIndexed\", \"Indexed\""
            )),
        ),
    }
}

fn non_negative(node: Option<&Node>, path: impl FnOnce() -> Path, out: &mut Vec<Diagnostic>) {
    let negative = match node.map(|n| &n.value) {
        Some(Value::Int(i)) => *i < 0,
        Some(Value::Float(f)) => *f < 0.0,
        _ => false,
    };
    if negative {
        out.push(
            Diagnostic::new(
                &registry::NEGATIVE_VALUE,
                path(),
                "must be greater than or equal to 0",
            )
            .upstream("must be greater than or equal to 0"),
        );
    }
}

/// Container resource requirements: names, signs, and requests against limits
/// (`validateResourceRequirements` in Kubernetes' core validation).
pub fn resources(node: &Node, path: &Path, out: &mut Vec<Diagnostic>) {
    let read = |key: &str| -> Vec<(&str, &Node, Option<quantity::Quantity>)> {
        node.get(key)
            .map(Node::entries)
            .unwrap_or_default()
            .iter()
            .map(|(k, v)| {
                let parsed = match &v.value {
                    Value::Str(s) => quantity::parse_quantity(s).ok(),
                    Value::Int(i) => quantity::parse_quantity(&i.to_string()).ok(),
                    // `cpu: 2.0` reaches the API server as the JSON number 2.
                    Value::Float(f) if f.is_finite() && f.fract() == 0.0 => {
                        quantity::parse_quantity(&scalar(v)).ok()
                    }
                    _ => None,
                };
                (k.name.as_str(), v, parsed)
            })
            .collect()
    };
    let limits = read("limits");
    let requests = read("requests");
    for (list, entries) in [("limits", &limits), ("requests", &requests)] {
        for (name, _, parsed) in entries {
            let entry_path = || path.key(list).key(name);
            if !names::is_standard_container_resource(name) && !names::is_extended_resource(name) {
                let mut d = Diagnostic::new(
                    &registry::INVALID_RESOURCE_NAME,
                    entry_path(),
                    format!("`{name}` is not a container resource"),
                )
                .anchor(Anchor::Key)
                .upstream("must be a standard resource for containers");
                if name.eq_ignore_ascii_case("gpu") {
                    d.help =
                        Some("extended resources need a domain, e.g. nvidia.com/gpu".to_owned());
                } else if !d.did_you_mean(
                    name,
                    ["cpu", "memory", "ephemeral-storage"],
                    Correct::Key,
                ) {
                    d.help = Some("use cpu, memory, ephemeral-storage, hugepages-<size> or a domain-prefixed name".to_owned());
                }
                out.push(d);
            }
            if parsed.as_ref().is_some_and(quantity::Quantity::is_negative) {
                out.push(
                    Diagnostic::new(
                        &registry::NEGATIVE_QUANTITY,
                        entry_path(),
                        "must be greater than or equal to 0",
                    )
                    .upstream("must be greater than or equal to 0"),
                );
            }
        }
    }
    for (name, request_node, request) in &requests {
        let limit = limits.iter().find(|(n, _, _)| n == name);
        let overcommittable =
            names::is_standard_container_resource(name) && !name.starts_with("hugepages-");
        match limit {
            Some((_, limit_node, Some(limit))) => {
                let Some(request) = request else { continue };
                let limit_text = || scalar(limit_node);
                if overcommittable && request > limit {
                    let limit_text = limit_text();
                    out.push(
                        Diagnostic::new(
                            &registry::REQUEST_EXCEEDS_LIMIT,
                            path.key("requests").key(name),
                            format!(
                                "{name} request {} is more than its limit {limit_text}",
                                scalar(request_node)
                            ),
                        )
                        .upstream(format!(
                            "must be less than or equal to {name} limit of {limit_text}"
                        ))
                        .help(format!(
                            "raise the limit or lower the request to at most {limit_text}"
                        )),
                    );
                } else if !overcommittable && request != limit {
                    let limit_text = limit_text();
                    out.push(
                        Diagnostic::new(
                            &registry::REQUEST_EXCEEDS_LIMIT,
                            path.key("requests").key(name),
                            format!("{name} request must equal its limit {limit_text}"),
                        )
                        .upstream(format!("must be equal to {name} limit of {limit_text}")),
                    );
                }
            }
            Some(_) => {}
            None if !overcommittable && names::is_extended_resource(name)
                || name.starts_with("hugepages-") =>
            {
                out.push(
                    Diagnostic::new(
                        &registry::REQUEST_EXCEEDS_LIMIT,
                        path.key("limits").key(name),
                        format!(
                            "{name} needs a limit equal to its request {}",
                            scalar(request_node)
                        ),
                    )
                    .anchor(Anchor::Missing)
                    .upstream("Limit must be set for non overcommitable resources"),
                );
            }
            None => {}
        }
    }
}

/// A quantity as the API server receives it: `2.0` arrives as the JSON number 2.
fn scalar(node: &Node) -> String {
    match &node.value {
        // Not `{f:.0}`: that links core's exact float printing (Dragon4) into the wasm builds.
        #[expect(
            clippy::cast_possible_truncation,
            reason = "whole and below 1e15 in magnitude: exact in an i64"
        )]
        Value::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => (*f as i64).to_string(),
        _ => node.scalar_text(),
    }
}
