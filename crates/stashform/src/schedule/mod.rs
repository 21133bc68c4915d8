//! The Kubernetes CronJob schedule dialect: robfig/cron v3.0.1 `ParseStandard` plus the
//! create-time rules of Kubernetes' `validateScheduleFormat` (KUBESTASH.md §5.2, §5.3).
//!
//! * [`parse`] accepts and rejects exactly what `ParseStandard` does, with its error text.
//! * [`check`] returns everything Kubernetes reports for `spec.schedule` on create.
//! * [`Schedule::describe`] explains a schedule in plain English.
//! * [`Schedule::next_runs`] lists upcoming run times with robfig's semantics, in UTC.
//! * [`format_utc`] / [`parse_utc`] convert between Unix seconds and RFC 3339 text.

mod describe;
mod next;
mod parse;

use std::fmt;

/// Set in a day-of-month or day-of-week bitset when the field used `*` or `?` (without a
/// step above 1): robfig's `starBit`, which switches the day rule from OR to AND.
const STAR_BIT: u64 = 1 << 63;

/// Valid value bits of each field (robfig bounds: minute 0-59, hour 0-23, day of month
/// 1-31, month 1-12, day of week 0-6).
const MINUTE_MASK: u64 = (1 << 60) - 1;
const HOUR_MASK: u64 = (1 << 24) - 1;
const DOM_MASK: u64 = ((1 << 32) - 1) & !1;
const MONTH_MASK: u64 = ((1 << 13) - 1) & !1;
const DOW_MASK: u64 = (1 << 7) - 1;

/// A parsed CronJob schedule (robfig/cron `SpecSchedule` or `ConstantDelaySchedule`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    kind: Kind,
    /// The zone of a `TZ=`/`CRON_TZ=` prefix, when there was one (Kubernetes rejects
    /// these on create, but `ParseStandard` accepts them).
    zone: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    /// Field bitsets exactly as robfig builds them (bit n = value n, plus [`STAR_BIT`]).
    Fields(Fields),
    /// `@every <d>`: a constant delay in whole seconds (at least 1).
    Every { seconds: i64 },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fields {
    minute: u64,
    hour: u64,
    dom: u64,
    month: u64,
    dow: u64,
}

/// A schedule rejected by Kubernetes; `message` is the exact text it shows for
/// `spec.schedule` (the robfig parser error, or a Kubernetes rule's text), `kind` what sort
/// of mistake it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleError {
    pub kind: ScheduleErrorKind,
    /// The error text, e.g. `expected exactly 5 fields, found 6: [* * * * * *]`.
    pub message: String,
}

/// What sort of mistake a [`ScheduleError`] is: rules choose their diagnostic and help by it,
/// never by the message's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScheduleErrorKind {
    /// The schedule is empty.
    Required,
    /// `TZ` in the schedule: Kubernetes wants the CronJob's `timeZone` field instead.
    TimeZone,
    /// A range that runs backwards (`sat-sun`, `5-1`): cron ranges do not wrap around.
    RangeBackwards,
    /// Anything else robfig/cron refuses.
    Invalid,
}

impl ScheduleError {
    fn new(kind: ScheduleErrorKind, message: impl Into<String>) -> Self {
        ScheduleError {
            kind,
            message: message.into(),
        }
    }
}

impl fmt::Display for ScheduleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ScheduleError {}

/// The message Kubernetes adds on create when the schedule contains `TZ` anywhere.
pub const TZ_IN_SCHEDULE_MESSAGE: &str =
    "cannot use TZ or CRON_TZ in schedule, use timeZone field instead";

/// The message Kubernetes gives for an empty `spec.schedule` (`field.Required`).
pub const REQUIRED_MESSAGE: &str = "Required value";

/// Everything Kubernetes says about `spec.schedule` when creating a CronJob with this
/// schedule; an empty vector means it is accepted.
///
/// Order as in `validateScheduleFormat`: the `ParseStandard` error first, then
/// [`TZ_IN_SCHEDULE_MESSAGE`] when the text contains `TZ`. An empty schedule gives only
/// [`REQUIRED_MESSAGE`], because `validateCronJobSpec` checks emptiness before parsing.
pub fn check(expr: &str) -> Vec<ScheduleError> {
    if expr.is_empty() {
        return vec![ScheduleError::new(
            ScheduleErrorKind::Required,
            REQUIRED_MESSAGE,
        )];
    }
    let mut errors = Vec::new();
    if let Err(err) = parse(expr) {
        errors.push(err);
    }
    if expr.contains("TZ") {
        errors.push(ScheduleError::new(
            ScheduleErrorKind::TimeZone,
            TZ_IN_SCHEDULE_MESSAGE,
        ));
    }
    errors
}

/// Parses like robfig/cron v3.0.1 `ParseStandard` (as Kubernetes calls it, with panic
/// recovery), with the same error texts.
///
/// A `TZ=<zone> ` / `CRON_TZ=<zone> ` prefix is stripped as robfig does. The zone is
/// accepted when it is empty, `UTC`, `Local`, a well-known single-word zone (`GMT`,
/// `EST5EDT`, ...) or an `Area/Location` name under a real IANA area (`Europe/Berlin`,
/// `America/Argentina/Salta`, `Etc/GMT+5`) made of `[A-Za-z0-9_+-]` parts; the real
/// code asks the system zone database, which is not available here. A prefix without a
/// following space (`TZ=UTC`) makes robfig panic; Kubernetes reports
/// `invalid schedule format: runtime error: slice bounds out of range [:-1]`.
pub fn parse(expr: &str) -> Result<Schedule, ScheduleError> {
    parse::parse_standard(expr).map_err(|e| ScheduleError::new(e.kind, e.message))
}

impl Schedule {
    /// Plain English for the schedule, e.g. `every 5 minutes`, `at 02:00 every day`,
    /// `at minute 0 and 30 past hours 8 through 18, Monday through Friday`,
    /// `every 1h30m0s`, `at 00:00 on day 1 of the month`. Uncommon shapes fall back to
    /// listing the values, and schedules that can never fire say so.
    pub fn describe(&self) -> String {
        describe::describe(self)
    }

    /// The next `count` run times strictly after `from_unix_seconds`, as Unix seconds,
    /// evaluated in UTC (the usual kube-controller-manager zone).
    ///
    /// robfig semantics: a day matches when day-of-month AND day-of-week match, except
    /// that when both fields are restricted (neither started with `*` or `?`) EITHER
    /// suffices; a search that finds nothing within five calendar years gives up, so
    /// impossible schedules such as `0 0 30 2 *` return fewer (or no) times. `@every d`
    /// runs every `d` truncated to whole seconds, at least 1s. Schedules with a
    /// `TZ=`/`CRON_TZ=` zone other than a UTC alias or `Local` return no times, since
    /// zone rules are not available here.
    pub fn next_runs(&self, from_unix_seconds: i64, count: usize) -> Vec<i64> {
        next::next_runs(self, from_unix_seconds, count)
    }
}

/// RFC 3339 UTC text for Unix seconds, e.g. `2026-11-25T18:40:00Z`.
pub fn format_utc(unix_seconds: i64) -> String {
    let days = unix_seconds.div_euclid(86_400);
    let secs = unix_seconds.rem_euclid(86_400);
    let (year, month, day) = next::civil_from_days(days);
    let year_text = if year < 0 {
        format!("-{:04}", year.unsigned_abs())
    } else {
        format!("{year:04}")
    };
    format!(
        "{year_text}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// Parses an RFC 3339 timestamp (`2026-11-25T18:40:00Z`, `2026-11-25T20:40:00.5+02:00`)
/// to Unix seconds, rounding fractional seconds down; `None` when invalid.
///
/// Exactly what `metav1.Time` accepts: the one port of Go's `time.Parse(time.RFC3339, ..)`,
/// [`crate::values::time`].
#[must_use]
pub fn parse_utc(text: &str) -> Option<i64> {
    let t = crate::values::time::parse_rfc3339_parts(text).ok()?;
    let days = next::days_from_civil(i64::from(t.year), u32::from(t.month), u32::from(t.day));
    let seconds = i64::from(t.hour) * 3600 + i64::from(t.minute) * 60 + i64::from(t.second);
    Some(days * 86_400 + seconds - i64::from(t.offset_seconds))
}

/// A schedule explained the same way in every face: valid or not (with the reason Kubernetes
/// gives), a plain-English description, and the next runs in UTC (RFC 3339).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Explained {
    pub valid: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    pub description: String,
    pub next_runs: Vec<String>,
}

/// Explain `expr` with `count` next runs after `from_unix_seconds` (the caller owns the clock).
#[must_use]
pub fn explain(expr: &str, from_unix_seconds: i64, count: usize) -> Explained {
    let errors = check(expr);
    let parsed = parse(expr);
    let description = parsed.as_ref().map(Schedule::describe).unwrap_or_default();
    if let Some(first) = errors.first() {
        return Explained {
            valid: false,
            error: Some(first.message.clone()),
            description,
            next_runs: Vec::new(),
        };
    }
    let next_runs = parsed
        .map(|s| s.next_runs(from_unix_seconds, count))
        .unwrap_or_default()
        .into_iter()
        .map(format_utc)
        .collect();
    Explained {
        valid: true,
        error: None,
        description,
        next_runs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_message(expr: &str) -> Result<(), String> {
        parse(expr).map(|_| ()).map_err(|e| e.message)
    }

    fn check_messages(expr: &str) -> Vec<String> {
        check(expr).into_iter().map(|e| e.message).collect()
    }

    /// KUBESTASH.md §5.3: every expression ParseStandard accepts in the empirical matrix.
    #[test]
    fn table_accepted() {
        let accepted = [
            "*/5 * * * *",
            "0 2 * * *",
            "0 0 1 * *",
            "* * * * *",
            "0 */2 * * *",
            "0,30 8-18 * * 1-5",
            "0 0 1,15 * *",
            "@hourly",
            "@daily",
            "@midnight",
            "@weekly",
            "@monthly",
            "@yearly",
            "@annually",
            "@every 1h",
            "@every 1h30m",
            "@every 30s",
            "@every 1.5h",
            "@every 100ms",
            "@every 0s",
            "@every -1h",
            "0 0 * * 0-6",
            "0 0 * * sun-sat",
            "0 0 * * MON-FRI",
            "* * * * MON",
            "0 0 * JAN *",
            "0 0 * jan-mar *",
            "0 0 * * */2",
            "0 0 * * SUN-SAT/2",
            "5/15 * * * *",
            "0-59/15 * * * *",
            "1-5/2 * * * *",
            "*/15,45 * * * *",
            "0 0 1-31/2 * *",
            "0 0 * 1/3 *",
            "0 0 ? * *",
            "0 0 * * ?",
            "+1 * * * *",
            "01 * * * *",
            "0 0 * * 06",
            "1,,2 * * * *",
            "*/5 * * * *,",
            "*-5 * * * *",
            "\t0 0 * * *",
            "0 0 * * *\n",
            "0 0  * * *",
        ];
        for expr in accepted {
            assert_eq!(parse_message(expr), Ok(()), "{expr:?}");
            assert_eq!(check_messages(expr), Vec::<String>::new(), "{expr:?}");
        }
    }

    /// KUBESTASH.md §5.3: parse-only OK, but Kubernetes rejects on create (contains TZ).
    #[test]
    fn table_tz_parse_ok_but_rejected_on_create() {
        for expr in [
            "TZ=UTC 0 0 * * *",
            "CRON_TZ=Asia/Dhaka 0 0 * * *",
            "TZ=UTC @daily",
        ] {
            assert_eq!(parse_message(expr), Ok(()), "{expr:?}");
            assert_eq!(check_messages(expr), [TZ_IN_SCHEDULE_MESSAGE], "{expr:?}");
        }
    }

    /// KUBESTASH.md §5.3: every rejected expression, with robfig's exact message.
    #[test]
    fn table_rejected() {
        let rejected: &[(&str, &str)] = &[
            (
                "* * * * * *",
                "expected exactly 5 fields, found 6: [* * * * * *]",
            ),
            ("* * * *", "expected exactly 5 fields, found 4: [* * * *]"),
            ("", "empty spec string"),
            (" ", "expected exactly 5 fields, found 0: []"),
            ("@reboot", "unrecognized descriptor: @reboot"),
            ("@HOURLY", "unrecognized descriptor: @HOURLY"),
            ("@daily ", "unrecognized descriptor: @daily "),
            (" @daily", "expected exactly 5 fields, found 1: [@daily]"),
            (
                "@every 1d",
                r#"failed to parse duration @every 1d: time: unknown unit "d" in duration "1d""#,
            ),
            ("@every", "unrecognized descriptor: @every"),
            ("0 0 * * 7", "end of range (7) above maximum (6): 7"),
            ("0 0 * * 1-7", "end of range (7) above maximum (6): 1-7"),
            (
                "0 0 * * sat-sun",
                "beginning of range (6) beyond end of range (0): sat-sun",
            ),
            (
                "0 0 * dec-jan *",
                "beginning of range (12) beyond end of range (1): dec-jan",
            ),
            (
                "30-10 * * * *",
                "beginning of range (30) beyond end of range (10): 30-10",
            ),
            (
                "0 0 * * monday",
                r#"failed to parse int from monday: strconv.Atoi: parsing "monday": invalid syntax"#,
            ),
            (
                "*/0 * * * *",
                "step of range should be a positive number: */0",
            ),
            (
                "5/0 * * * *",
                "step of range should be a positive number: 5/0",
            ),
            ("1/2/3 * * * *", "too many slashes: 1/2/3"),
            ("*/5/1 * * * *", "too many slashes: */5/1"),
            ("1-2-3 * * * *", "too many hyphens: 1-2-3"),
            ("0 24 * * *", "end of range (24) above maximum (23): 24"),
            ("60 * * * *", "end of range (60) above maximum (59): 60"),
            ("0 0 32 * *", "end of range (32) above maximum (31): 32"),
            ("0 0 * 13 *", "end of range (13) above maximum (12): 13"),
            ("0 0 0 * *", "beginning of range (0) below minimum (1): 0"),
            ("0 0 * 0 *", "beginning of range (0) below minimum (1): 0"),
            (
                "-1 * * * *",
                r#"failed to parse int from : strconv.Atoi: parsing "": invalid syntax"#,
            ),
            (
                "0 0 L * *",
                r#"failed to parse int from L: strconv.Atoi: parsing "L": invalid syntax"#,
            ),
            (
                "0 0 * * 1#2",
                r#"failed to parse int from 1#2: strconv.Atoi: parsing "1#2": invalid syntax"#,
            ),
            (
                "0 0 * * 5L",
                r#"failed to parse int from 5L: strconv.Atoi: parsing "5L": invalid syntax"#,
            ),
            (
                "0 0 1W * *",
                r#"failed to parse int from 1W: strconv.Atoi: parsing "1W": invalid syntax"#,
            ),
            (
                "H * * * *",
                r#"failed to parse int from H: strconv.Atoi: parsing "H": invalid syntax"#,
            ),
            (
                "TZ=Bogus/Zone 0 0 * * *",
                "provided bad location Bogus/Zone: unknown time zone Bogus/Zone",
            ),
            (
                "TZ=UTC",
                "invalid schedule format: runtime error: slice bounds out of range [:-1]",
            ),
        ];
        for &(expr, message) in rejected {
            assert_eq!(parse_message(expr), Err(message.to_string()), "{expr:?}");
            let mut want = vec![message.to_string()];
            if expr.is_empty() {
                want = vec![REQUIRED_MESSAGE.to_string()];
            } else if expr.contains("TZ") {
                want.push(TZ_IN_SCHEDULE_MESSAGE.to_string());
            }
            assert_eq!(check_messages(expr), want, "{expr:?}");
        }
    }

    #[test]
    fn more_parser_edges() {
        let cases: &[(&str, Result<(), &str>)] = &[
            ("*/-5 * * * *", Err("negative number (-5) not allowed: -5")),
            (
                "*/-0 * * * *",
                Err("step of range should be a positive number: */-0"),
            ),
            ("*/+5 * * * *", Ok(())),
            ("*/61 * * * *", Ok(())),
            (
                "0/99999999999999999999 * * * *",
                Err(
                    r#"failed to parse int from 99999999999999999999: strconv.Atoi: parsing "99999999999999999999": value out of range"#,
                ),
            ),
            (
                "99999999999 * * * *",
                Err("end of range (99999999999) above maximum (59): 99999999999"),
            ),
            (
                "x-1-2 * * * *",
                Err(r#"failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax"#),
            ),
            (
                "1-x * * * *",
                Err(r#"failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax"#),
            ),
            ("*-5-6 * * * *", Ok(())),
            ("?/2 * * * *", Ok(())),
            (
                "x/1/2 * * * *",
                Err(r#"failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax"#),
            ),
            ("1/x/2 * * * *", Err("too many slashes: 1/x/2")),
            (
                "1-2/x * * * *",
                Err(r#"failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax"#),
            ),
            (", * * * *", Ok(())),
            // The first failing field is reported, in field order.
            (
                "60 24 * * *",
                Err("end of range (60) above maximum (59): 60"),
            ),
            ("0 0 * * 7,x", Err("end of range (7) above maximum (6): 7")),
            (
                "0 0 * * x,7",
                Err(r#"failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax"#),
            ),
            // strconv.Quote escapes in the Atoi message; the raw text is kept before it.
            (
                "0 0 * * \u{1}",
                Err(
                    "failed to parse int from \u{1}: strconv.Atoi: parsing \"\\x01\": invalid syntax",
                ),
            ),
            // Fields split on any Unicode white space, like Go's strings.Fields.
            ("0\u{a0}0\u{3000}*\u{85}*\u{2003}*", Ok(())),
            (
                "0\u{200b}0 * * * *",
                Err(
                    "failed to parse int from 0\u{200b}0: strconv.Atoi: parsing \"0\\u200b0\": invalid syntax",
                ),
            ),
            (
                "* * * * * * *",
                Err("expected exactly 5 fields, found 7: [* * * * * * *]"),
            ),
            (
                "@every 1h ",
                Err(
                    r#"failed to parse duration @every 1h : time: unknown unit "h " in duration "1h ""#,
                ),
            ),
            (
                "@every  1h",
                Err(r#"failed to parse duration @every  1h: time: invalid duration " 1h""#),
            ),
            (
                "@every ",
                Err(r#"failed to parse duration @every : time: invalid duration """#),
            ),
            (
                "@every 1",
                Err(r#"failed to parse duration @every 1: time: missing unit in duration "1""#),
            ),
            ("@every 0", Ok(())),
            ("@", Err("unrecognized descriptor: @")),
            ("@ daily", Err("unrecognized descriptor: @ daily")),
            (
                "*/5 * * * * @daily",
                Err("expected exactly 5 fields, found 6: [*/5 * * * * @daily]"),
            ),
            // TZ prefixes.
            ("TZ= 0 0 * * *", Ok(())),
            ("TZ=Local 0 0 * * *", Ok(())),
            ("CRON_TZ=Europe/Berlin @every 1h", Ok(())),
            ("TZ=UTC   0 0 * * *  ", Ok(())),
            ("TZ=UTC ", Err("expected exactly 5 fields, found 0: []")),
            ("TZ=UTC  @daily", Ok(())),
            (
                "CRON_TZ=UTC",
                Err("invalid schedule format: runtime error: slice bounds out of range [:-1]"),
            ),
            (
                "TZ=UTC\t0 0 * * *",
                Err("provided bad location UTC\t0: unknown time zone UTC\t0"),
            ),
            (
                "TZ=../x 0 0 * * *",
                Err("provided bad location ../x: time: invalid location name"),
            ),
            (
                "TZ=utc 0 0 * * *",
                Err("provided bad location utc: unknown time zone utc"),
            ),
            // Not a prefix: the text is parsed as fields.
            (
                " TZ=UTC 0 0 * * *",
                Err("expected exactly 5 fields, found 6: [TZ=UTC 0 0 * * *]"),
            ),
            (
                "tz=UTC 0 0 * * *",
                Err("expected exactly 5 fields, found 6: [tz=UTC 0 0 * * *]"),
            ),
        ];
        for (expr, want) in cases {
            let want = want.map_err(str::to_string);
            assert_eq!(parse_message(expr), want, "{expr:?}");
        }
    }

    #[test]
    fn check_reports_parse_error_then_tz() {
        assert_eq!(check_messages(""), [REQUIRED_MESSAGE]);
        assert_eq!(check_messages("*/5 * * * *"), Vec::<String>::new());
        assert_eq!(
            check_messages("TZ=UTC"),
            [
                "invalid schedule format: runtime error: slice bounds out of range [:-1]",
                TZ_IN_SCHEDULE_MESSAGE
            ]
        );
        // Any "TZ" substring counts, even where it is only a parse error.
        assert_eq!(
            check_messages("0 0 * * TZ"),
            [
                r#"failed to parse int from TZ: strconv.Atoi: parsing "TZ": invalid syntax"#,
                TZ_IN_SCHEDULE_MESSAGE
            ]
        );
        assert_eq!(
            check_messages("0 0 * * tz"),
            [r#"failed to parse int from tz: strconv.Atoi: parsing "tz": invalid syntax"#]
        );
        let error = check("@reboot").remove(0);
        assert_eq!(error.to_string(), "unrecognized descriptor: @reboot");
    }

    #[test]
    fn never_panics_on_odd_input() {
        let inputs = [
            "TZ=",
            "CRON_TZ=",
            "TZ==",
            "TZ= ",
            "CRON_TZ= @every 1h",
            "\u{0}",
            "@every \u{fffd}",
            "-",
            "/",
            "-/-",
            "*/",
            "/5",
            "5-",
            "-5-",
            "--",
            "//",
            ",",
            ",,,, , , , ,",
            "?-?/?",
            "\u{130}\u{212a} * * * *",
            "@every 9223372036854775807ns",
            "@every -9223372036854775808ns",
        ];
        for input in inputs {
            let _ = check(input);
            if let Ok(schedule) = parse(input) {
                let _ = schedule.describe();
                let _ = schedule.next_runs(0, 3);
                let _ = schedule.next_runs(i64::MAX, 3);
                let _ = schedule.next_runs(i64::MIN, 3);
            }
        }
        assert_eq!(
            parse("@every 9223372036854775807ns").map(|s| s.describe()),
            Ok("every 2562047h47m16s".to_string())
        );
    }

    #[test]
    fn utc_text() {
        let cases: &[(i64, &str)] = &[
            (0, "1970-01-01T00:00:00Z"),
            (-1, "1969-12-31T23:59:59Z"),
            (1_795_632_000, "2026-11-25T18:40:00Z"),
            (951_782_400, "2000-02-29T00:00:00Z"),
            (253_402_300_799, "9999-12-31T23:59:59Z"),
            (-62_135_596_800, "0001-01-01T00:00:00Z"),
        ];
        for &(seconds, text) in cases {
            assert_eq!(format_utc(seconds), text);
            assert_eq!(parse_utc(text), Some(seconds), "{text}");
        }
        assert_eq!(format_utc(-62_135_596_801), "0000-12-31T23:59:59Z");
        assert_eq!(format_utc(253_402_300_800), "10000-01-01T00:00:00Z");
        assert_eq!(format_utc(-62_198_755_200), "-0001-01-01T00:00:00Z");
        // Extremes do not panic.
        let _ = format_utc(i64::MIN);
        let _ = format_utc(i64::MAX);
    }

    #[test]
    fn parse_utc_offsets_and_fractions() {
        let base = parse_utc("2026-11-25T18:40:00Z");
        assert_eq!(base, Some(1_795_632_000));
        for text in [
            "2026-11-25T20:40:00+02:00",
            "2026-11-25T13:10:00-05:30",
            "2026-11-25T18:40:00+00:00",
            "2026-11-25T18:40:00-00:00",
            "2026-11-25T18:40:00.999999999Z",
            "2026-11-25T18:40:00.5Z",
            "2026-11-25T18:40:00,5Z",
            "2026-11-25T20:40:00.123+02:00",
        ] {
            assert_eq!(parse_utc(text), base, "{text}");
        }
        assert_eq!(parse_utc("2026-11-26T18:10:00+23:30"), base);
        for text in [
            "",
            "2026-11-25",
            "2026-11-25 18:40:00Z",
            "2026-11-25t18:40:00Z",
            "2026-11-25T18:40:00z",
            "2026-11-25T18:40:00",
            "2026-11-25T18:40Z",
            "2026-11-25T18:40:60Z",
            "2026-11-25T24:00:00Z",
            "2026-11-25T18:60:00Z",
            "2026-13-25T18:40:00Z",
            "2026-00-25T18:40:00Z",
            "2026-11-31T18:40:00Z",
            "2026-02-29T18:40:00Z",
            "2026-11-00T18:40:00Z",
            "26-11-25T18:40:00Z",
            "+2026-11-25T18:40:00Z",
            "2026-11-25T18:40:00.Z",
            "2026-11-25T18:40:00+0200",
            "2026-11-25T18:40:00+02",
            "2026-11-25T18:40:00ZZ",
            "2026-11-25T18:40:00Z ",
            "2026-1a-25T18:40:00Z",
            "2026-11-25T18:40:00\u{fffd}",
            "\u{fffd}\u{fffd}\u{fffd}\u{fffd}\u{fffd}\u{fffd}\u{fffd}",
        ] {
            assert_eq!(parse_utc(text), None, "{text:?}");
        }
        assert_eq!(parse_utc("2024-02-29T00:00:00Z"), Some(1_709_164_800));
        // Go's general layout parser (which time.Parse falls back to) takes offsets up to
        // 24:00 and minutes up to 60, and a one-digit hour: metav1.Time accepts them too.
        let base = parse_utc("2026-11-25T18:40:00Z").unwrap();
        assert_eq!(
            parse_utc("2026-11-25T18:40:00+24:00"),
            Some(base - 24 * 3600)
        );
        assert_eq!(
            parse_utc("2026-11-25T18:40:00+02:60"),
            Some(base - 3 * 3600)
        );
        assert_eq!(parse_utc("2026-11-25T8:40:00Z"), Some(base - 10 * 3600));
    }
}
