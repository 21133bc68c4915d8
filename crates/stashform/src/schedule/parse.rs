//! robfig/cron v3.0.1 `Parser.Parse` with the `ParseStandard` options
//! (`Minute | Hour | Dom | Month | Dow | Descriptor`), error texts included.

use super::{Fields, Kind, STAR_BIT, Schedule, ScheduleErrorKind};
use crate::values::duration::{go_quote, parse_go_duration};

/// Kubernetes' `ParseCronScheduleWithPanicRecovery` text for the one panic robfig can
/// raise: a `TZ=`/`CRON_TZ=` prefix with no space after it (`spec[eq+1 : -1]`).
const TZ_PANIC_MESSAGE: &str =
    "invalid schedule format: runtime error: slice bounds out of range [:-1]";

struct Bounds {
    min: u64,
    max: u64,
    names: &'static [(&'static str, u64)],
}

const MINUTES: Bounds = Bounds {
    min: 0,
    max: 59,
    names: &[],
};
const HOURS: Bounds = Bounds {
    min: 0,
    max: 23,
    names: &[],
};
const DOM: Bounds = Bounds {
    min: 1,
    max: 31,
    names: &[],
};
const MONTHS: Bounds = Bounds {
    min: 1,
    max: 12,
    names: &[
        ("jan", 1),
        ("feb", 2),
        ("mar", 3),
        ("apr", 4),
        ("may", 5),
        ("jun", 6),
        ("jul", 7),
        ("aug", 8),
        ("sep", 9),
        ("oct", 10),
        ("nov", 11),
        ("dec", 12),
    ],
};
const DOW: Bounds = Bounds {
    min: 0,
    max: 6,
    names: &[
        ("sun", 0),
        ("mon", 1),
        ("tue", 2),
        ("wed", 3),
        ("thu", 4),
        ("fri", 5),
        ("sat", 6),
    ],
};

/// A schedule robfig/cron refuses: the text Kubernetes shows, and what kind of mistake it is
/// (rules pick their help by the kind, never by the text).
#[derive(Debug, PartialEq, Eq)]
pub(super) struct ParseError {
    pub(super) kind: ScheduleErrorKind,
    pub(super) message: String,
}

impl ParseError {
    fn invalid(message: impl Into<String>) -> Self {
        Self {
            kind: ScheduleErrorKind::Invalid,
            message: message.into(),
        }
    }

    fn backwards(message: impl Into<String>) -> Self {
        Self {
            kind: ScheduleErrorKind::RangeBackwards,
            message: message.into(),
        }
    }
}

/// The helpers below give robfig's texts; each is an invalid schedule.
impl From<String> for ParseError {
    fn from(message: String) -> Self {
        Self::invalid(message)
    }
}

/// `ParseStandard(spec)`; the error is the text Kubernetes shows.
pub(super) fn parse_standard(spec: &str) -> Result<Schedule, ParseError> {
    if spec.is_empty() {
        return Err(ParseError::invalid("empty spec string"));
    }

    // Extract timezone if present.
    let mut zone = None;
    let mut rest = spec;
    if spec.starts_with("TZ=") || spec.starts_with("CRON_TZ=") {
        let Some(space) = spec.find(' ') else {
            return Err(ParseError::invalid(TZ_PANIC_MESSAGE));
        };
        let eq = spec.find('=').unwrap_or(0);
        let name = spec.get(eq + 1..space).unwrap_or("");
        if let Err(err) = load_location(name) {
            return Err(ParseError::invalid(format!(
                "provided bad location {name}: {err}"
            )));
        }
        zone = Some(name.to_string());
        // Go's strings.TrimSpace trims Unicode White_Space, as str::trim does.
        rest = spec.get(space..).unwrap_or("").trim();
    }

    // Handle named schedules (descriptors).
    if rest.starts_with('@') {
        let kind = parse_descriptor(rest)?;
        return Ok(Schedule { kind, zone });
    }

    // Split on whitespace (strings.Fields and split_whitespace both use White_Space).
    let fields: Vec<&str> = rest.split_whitespace().collect();
    if fields.len() != 5 {
        return Err(ParseError::invalid(format!(
            "expected exactly 5 fields, found {}: [{}]",
            fields.len(),
            fields.join(" ")
        )));
    }
    let parsed = Fields {
        minute: get_field(fields[0], &MINUTES)?,
        hour: get_field(fields[1], &HOURS)?,
        dom: get_field(fields[2], &DOM)?,
        month: get_field(fields[3], &MONTHS)?,
        dow: get_field(fields[4], &DOW)?,
    };
    Ok(Schedule {
        kind: Kind::Fields(parsed),
        zone,
    })
}

/// Go's `time.LoadLocation`, approximated without a zone database (see [`super::parse`]).
fn load_location(name: &str) -> Result<(), String> {
    if name.is_empty() || name == "UTC" || name == "Local" {
        return Ok(());
    }
    if name.contains("..") || name.starts_with('/') || name.starts_with('\\') {
        return Err("time: invalid location name".to_string());
    }
    if is_known_zone(name) {
        Ok(())
    } else {
        Err(format!("unknown time zone {name}"))
    }
}

/// Top-level directories of the IANA zone database (including `backward` links).
const ZONE_AREAS: &[&str] = &[
    "Africa",
    "America",
    "Antarctica",
    "Arctic",
    "Asia",
    "Atlantic",
    "Australia",
    "Brazil",
    "Canada",
    "Chile",
    "Etc",
    "Europe",
    "Indian",
    "Mexico",
    "Pacific",
    "US",
];

/// Zone names without an area in the IANA database (including `backward` links).
const SINGLE_ZONES: &[&str] = &[
    "CET",
    "CST6CDT",
    "Cuba",
    "EET",
    "EST",
    "EST5EDT",
    "Egypt",
    "Eire",
    "Factory",
    "GB",
    "GB-Eire",
    "GMT",
    "GMT+0",
    "GMT-0",
    "GMT0",
    "Greenwich",
    "HST",
    "Hongkong",
    "Iceland",
    "Iran",
    "Israel",
    "Jamaica",
    "Japan",
    "Kwajalein",
    "Libya",
    "MET",
    "MST",
    "MST7MDT",
    "NZ",
    "NZ-CHAT",
    "Navajo",
    "PRC",
    "PST8PDT",
    "Poland",
    "Portugal",
    "ROC",
    "ROK",
    "Singapore",
    "Turkey",
    "UCT",
    "UTC",
    "Universal",
    "W-SU",
    "WET",
    "Zulu",
];

fn is_known_zone(name: &str) -> bool {
    if SINGLE_ZONES.contains(&name) {
        return true;
    }
    let mut parts = name.split('/');
    let area = parts.next().unwrap_or("");
    if !ZONE_AREAS.contains(&area) {
        return false;
    }
    let mut locations = 0;
    for part in parts {
        let ok = !part.is_empty()
            && part
                .bytes()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'+' | b'-'));
        if !ok {
            return false;
        }
        locations += 1;
    }
    locations > 0
}

/// robfig `parseDescriptor`.
fn parse_descriptor(descriptor: &str) -> Result<Kind, String> {
    let all_dom = bits(DOM.min, DOM.max) | STAR_BIT;
    let all_months = bits(MONTHS.min, MONTHS.max) | STAR_BIT;
    let all_dow = bits(DOW.min, DOW.max) | STAR_BIT;
    let fields = match descriptor {
        "@yearly" | "@annually" => Some(Fields {
            minute: 1,
            hour: 1,
            dom: 1 << 1,
            month: 1 << 1,
            dow: all_dow,
        }),
        "@monthly" => Some(Fields {
            minute: 1,
            hour: 1,
            dom: 1 << 1,
            month: all_months,
            dow: all_dow,
        }),
        "@weekly" => Some(Fields {
            minute: 1,
            hour: 1,
            dom: all_dom,
            month: all_months,
            dow: 1,
        }),
        "@daily" | "@midnight" => Some(Fields {
            minute: 1,
            hour: 1,
            dom: all_dom,
            month: all_months,
            dow: all_dow,
        }),
        "@hourly" => Some(Fields {
            minute: 1,
            hour: bits(HOURS.min, HOURS.max) | STAR_BIT,
            dom: all_dom,
            month: all_months,
            dow: all_dow,
        }),
        _ => None,
    };
    if let Some(fields) = fields {
        return Ok(Kind::Fields(fields));
    }
    if let Some(text) = descriptor.strip_prefix("@every ") {
        let nanos = parse_go_duration(text)
            .map_err(|err| format!("failed to parse duration {descriptor}: {err}"))?;
        return Ok(Kind::Every {
            seconds: every_seconds(nanos),
        });
    }
    Err(format!("unrecognized descriptor: {descriptor}"))
}

/// robfig `Every`: delays under 1s become 1s, sub-second parts are truncated.
fn every_seconds(nanos: i64) -> i64 {
    const SECOND: i64 = 1_000_000_000;
    let nanos = nanos.max(SECOND);
    (nanos - nanos % SECOND) / SECOND
}

/// robfig `getField`: a comma list of ranges; empty items are skipped.
fn get_field(field: &str, bounds: &Bounds) -> Result<u64, ParseError> {
    let mut result = 0u64;
    for expr in field.split(',').filter(|item| !item.is_empty()) {
        result |= get_range(expr, bounds)?;
    }
    Ok(result)
}

/// robfig `getRange`: `*`/`?` | `N` | `N-M`, each with optional `/step`.
fn get_range(expr: &str, bounds: &Bounds) -> Result<u64, ParseError> {
    let range_and_step: Vec<&str> = expr.split('/').collect();
    let low_and_high: Vec<&str> = range_and_step[0].split('-').collect();
    let single_digit = low_and_high.len() == 1;

    let (start, mut end, mut extra);
    if low_and_high[0] == "*" || low_and_high[0] == "?" {
        start = bounds.min;
        end = bounds.max;
        extra = STAR_BIT;
    } else {
        start = parse_int_or_name(low_and_high[0], bounds)?;
        end = match low_and_high.len() {
            1 => start,
            2 => parse_int_or_name(low_and_high[1], bounds)?,
            _ => return Err(ParseError::invalid(format!("too many hyphens: {expr}"))),
        };
        extra = 0;
    }

    let step = match range_and_step.len() {
        1 => 1,
        2 => {
            let step = must_parse_int(range_and_step[1])?;
            // Special handling: "N/step" means "N-max/step".
            if single_digit {
                end = bounds.max;
            }
            if step > 1 {
                extra = 0;
            }
            step
        }
        _ => return Err(ParseError::invalid(format!("too many slashes: {expr}"))),
    };

    if start < bounds.min {
        return Err(ParseError::invalid(format!(
            "beginning of range ({start}) below minimum ({}): {expr}",
            bounds.min
        )));
    }
    if end > bounds.max {
        return Err(ParseError::invalid(format!(
            "end of range ({end}) above maximum ({}): {expr}",
            bounds.max
        )));
    }
    if start > end {
        return Err(ParseError::backwards(format!(
            "beginning of range ({start}) beyond end of range ({end}): {expr}"
        )));
    }
    if step == 0 {
        return Err(ParseError::invalid(format!(
            "step of range should be a positive number: {expr}"
        )));
    }
    Ok(stepped_bits(start, end, step) | extra)
}

/// Bits `min..=max` (both at most 63).
#[expect(clippy::cast_possible_truncation, reason = "at most 64")]
fn bits(min: u64, max: u64) -> u64 {
    let high = u64::MAX.checked_shl((max + 1) as u32).unwrap_or(0);
    let low = u64::MAX.checked_shl(min as u32).unwrap_or(0);
    !high & low
}

/// robfig `getBits`: every `step`-th value from `start` through `end`.
#[expect(
    clippy::cast_possible_truncation,
    reason = "a shift past 63 gives 0, as in Go"
)]
fn stepped_bits(start: u64, end: u64, step: u64) -> u64 {
    if step == 1 {
        return bits(start, end);
    }
    let mut result = 0u64;
    let mut value = start;
    while value <= end {
        result |= 1u64.checked_shl(value as u32).unwrap_or(0);
        match value.checked_add(step) {
            Some(next) => value = next,
            None => break,
        }
    }
    result
}

/// robfig `parseIntOrName`: a case-insensitive three-letter name, else an integer.
fn parse_int_or_name(expr: &str, bounds: &Bounds) -> Result<u64, String> {
    if !bounds.names.is_empty() {
        let lower = go_to_lower(expr);
        if let Some(&(_, value)) = bounds.names.iter().find(|(name, _)| *name == lower) {
            return Ok(value);
        }
    }
    must_parse_int(expr)
}

/// Go's `strings.ToLower`, as far as it can produce an ASCII month or weekday name:
/// ASCII letters plus the two non-ASCII capitals whose lower case is ASCII.
fn go_to_lower(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{130}' => 'i',  // LATIN CAPITAL LETTER I WITH DOT ABOVE
            '\u{212a}' => 'k', // KELVIN SIGN
            _ => c.to_ascii_lowercase(),
        })
        .collect()
}

/// robfig `mustParseInt`: `strconv.Atoi`, then rejects negatives.
fn must_parse_int(expr: &str) -> Result<u64, String> {
    let num = atoi(expr).map_err(|err| format!("failed to parse int from {expr}: {err}"))?;
    if num < 0 {
        return Err(format!("negative number ({num}) not allowed: {expr}"));
    }
    Ok(num.unsigned_abs())
}

/// Go's `strconv.Atoi` on a 64-bit platform, with its `*NumError` text.
fn atoi(s: &str) -> Result<i64, String> {
    let syntax = || format!("strconv.Atoi: parsing {}: invalid syntax", go_quote(s));
    let range = || format!("strconv.Atoi: parsing {}: value out of range", go_quote(s));
    let bytes = s.as_bytes();
    let (neg, digits) = match bytes.first() {
        Some(b'-') => (true, &bytes[1..]),
        Some(b'+') => (false, &bytes[1..]),
        _ => (false, bytes),
    };

    // Fast path for short inputs (fits in int64 without overflow checks).
    if !bytes.is_empty() && bytes.len() < 19 {
        if digits.is_empty() {
            return Err(syntax());
        }
        let mut n: i64 = 0;
        for &c in digits {
            if !c.is_ascii_digit() {
                return Err(syntax());
            }
            n = n * 10 + i64::from(c - b'0');
        }
        return Ok(if neg { -n } else { n });
    }

    // Slow path: ParseInt(s, 10, 0) -> ParseUint(digits, 10, 64), stopping at the first
    // invalid byte or at the first overflow, whichever comes first.
    if bytes.is_empty() || digits.is_empty() {
        return Err(syntax());
    }
    let mut n: u64 = 0;
    let mut overflow = false;
    for &c in digits {
        if !c.is_ascii_digit() {
            return Err(syntax());
        }
        match n
            .checked_mul(10)
            .and_then(|m| m.checked_add(u64::from(c - b'0')))
        {
            Some(m) => n = m,
            None => {
                overflow = true;
                break;
            }
        }
    }
    const CUTOFF: u64 = 1 << 63;
    if overflow || (!neg && n >= CUTOFF) || (neg && n > CUTOFF) {
        return Err(range());
    }
    // Below the cutoff, so `as` cannot wrap but at 1<<63, which Go's negation also gives.
    #[expect(clippy::cast_possible_wrap, reason = "Go's int64(uint64)")]
    let n = n as i64;
    Ok(if neg { n.wrapping_neg() } else { n })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atoi_matches_go() {
        assert_eq!(atoi("0"), Ok(0));
        assert_eq!(atoi("+1"), Ok(1));
        assert_eq!(atoi("01"), Ok(1));
        assert_eq!(atoi("-12"), Ok(-12));
        assert_eq!(atoi("9223372036854775807"), Ok(i64::MAX));
        assert_eq!(atoi("-9223372036854775808"), Ok(i64::MIN));
        assert_eq!(atoi("000000000000000000000000007"), Ok(7));
        let syntax = |s: &str| Err(format!("strconv.Atoi: parsing {s}: invalid syntax"));
        let range = |s: &str| Err(format!("strconv.Atoi: parsing {s}: value out of range"));
        assert_eq!(atoi(""), syntax(r#""""#));
        assert_eq!(atoi("+"), syntax(r#""+""#));
        assert_eq!(atoi("-"), syntax(r#""-""#));
        assert_eq!(atoi("1_000"), syntax(r#""1_000""#));
        assert_eq!(atoi(" 1"), syntax(r#"" 1""#));
        assert_eq!(atoi("0x10"), syntax(r#""0x10""#));
        assert_eq!(atoi("\u{665}"), syntax("\"\u{665}\""));
        assert_eq!(
            atoi("9223372036854775808"),
            range(r#""9223372036854775808""#)
        );
        assert_eq!(
            atoi("-9223372036854775809"),
            range(r#""-9223372036854775809""#)
        );
        assert_eq!(
            atoi("99999999999999999999"),
            range(r#""99999999999999999999""#)
        );
        // ParseUint reports the overflow before reaching the bad byte.
        assert_eq!(
            atoi("99999999999999999999x"),
            range(r#""99999999999999999999x""#)
        );
        assert_eq!(
            atoi("1234567890123456789x"),
            syntax(r#""1234567890123456789x""#)
        );
        assert_eq!(atoi("a\tb"), syntax(r#""a\tb""#));
    }

    #[test]
    fn bitsets_match_robfig() {
        assert_eq!(bits(0, 59), (1u64 << 60) - 1);
        assert_eq!(bits(1, 31), ((1u64 << 32) - 1) & !1);
        assert_eq!(stepped_bits(0, 59, 15), 1 | 1 << 15 | 1 << 30 | 1 << 45);
        assert_eq!(stepped_bits(5, 59, 100), 1 << 5);
        assert_eq!(stepped_bits(0, 59, u64::MAX), 1);
        assert_eq!(get_range("*", &DOM), Ok(bits(1, 31) | STAR_BIT));
        assert_eq!(get_range("*/1", &DOM), Ok(bits(1, 31) | STAR_BIT));
        // A step above 1 drops the star bit (so "*/2" restricts the day fields).
        assert_eq!(get_range("*/2", &DOW), Ok(1 | 1 << 2 | 1 << 4 | 1 << 6));
        assert_eq!(get_range("?", &DOW), Ok(bits(0, 6) | STAR_BIT));
        assert_eq!(get_range("*-3", &HOURS), Ok(bits(0, 23) | STAR_BIT));
        assert_eq!(get_range("5/20", &MINUTES), Ok(1 << 5 | 1 << 25 | 1 << 45));
        assert_eq!(get_field(",", &MINUTES), Ok(0));
        assert_eq!(get_field("1,,2,", &MINUTES), Ok(1 << 1 | 1 << 2));
    }

    #[test]
    fn backwards_ranges_have_their_own_kind() {
        let error = get_range("sat-sun", &DOW).unwrap_err();
        assert_eq!(error.kind, ScheduleErrorKind::RangeBackwards);
        assert_eq!(
            error.message,
            "beginning of range (6) beyond end of range (0): sat-sun"
        );
        assert_eq!(
            get_range("8", &DOW).unwrap_err().kind,
            ScheduleErrorKind::Invalid
        );
    }

    #[test]
    fn names_are_case_insensitive_three_letters() {
        assert_eq!(get_range("JaN", &MONTHS), Ok(1 << 1));
        assert_eq!(get_range("sun-SAT", &DOW), Ok(bits(0, 6)));
        assert_eq!(get_range("Fr\u{130}", &DOW), Ok(1 << 5));
        assert_eq!(
            get_range("january", &MONTHS),
            Err(ParseError::invalid(
                r#"failed to parse int from january: strconv.Atoi: parsing "january": invalid syntax"#
            ))
        );
        // Names only apply to their own field.
        assert_eq!(
            get_range("mon", &DOM),
            Err(ParseError::invalid(
                r#"failed to parse int from mon: strconv.Atoi: parsing "mon": invalid syntax"#
            ))
        );
    }

    #[test]
    fn every_rounds_like_robfig() {
        assert_eq!(every_seconds(0), 1);
        assert_eq!(every_seconds(-3_600_000_000_000), 1);
        assert_eq!(every_seconds(100_000_000), 1);
        assert_eq!(every_seconds(1_500_000_000), 1);
        assert_eq!(every_seconds(5_400_000_000_000), 5400);
        assert_eq!(every_seconds(i64::MAX), i64::MAX / 1_000_000_000);
    }

    #[test]
    fn zone_names() {
        assert_eq!(load_location(""), Ok(()));
        assert_eq!(load_location("UTC"), Ok(()));
        assert_eq!(load_location("Local"), Ok(()));
        assert_eq!(load_location("Asia/Dhaka"), Ok(()));
        assert_eq!(load_location("America/Argentina/Buenos_Aires"), Ok(()));
        assert_eq!(load_location("Etc/GMT+5"), Ok(()));
        assert_eq!(load_location("EST5EDT"), Ok(()));
        assert_eq!(
            load_location("Bogus/Zone"),
            Err("unknown time zone Bogus/Zone".to_string())
        );
        assert_eq!(
            load_location("Europe/"),
            Err("unknown time zone Europe/".to_string())
        );
        assert_eq!(
            load_location("../etc/passwd"),
            Err("time: invalid location name".to_string())
        );
        assert_eq!(
            load_location("/etc/localtime"),
            Err("time: invalid location name".to_string())
        );
    }
}
