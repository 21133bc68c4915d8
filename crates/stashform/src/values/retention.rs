//! RetentionPolicy `spec.maxRetentionPeriod`: KubeStash's own duration grammar
//! (`ParseDuration` in apis/storage/v1alpha1/retentionpolicy_helpers.go, KUBESTASH.md §2.4).
//!
//! After trimming surrounding whitespace the value is a sequence of `<int><unit>` with
//! units `y`, `mo`, `w`, `d`, `h`, `m` (`mo` is tried before `m`), in any order; a
//! repeated unit overwrites the earlier value and a number may start with `-`. The empty
//! string parses to all zeros (the webhook only parses a non-empty value).

/// Error text of KubeStash's `errInvalidDuration`.
pub const INVALID_DURATION: &str = "invalid duration provided";

/// A parsed `maxRetentionPeriod` (KubeStash's `Duration`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct RetentionPeriod {
    /// `y`
    pub years: i64,
    /// `mo`
    pub months: i64,
    /// `w`
    pub weeks: i64,
    /// `d`
    pub days: i64,
    /// `h`
    pub hours: i64,
    /// `m`
    pub minutes: i64,
}

impl RetentionPeriod {
    /// KubeStash's `ToMinutes`: months count 30 days and years 365; overflow wraps
    /// as Go's `int` arithmetic does.
    pub fn to_minutes(&self) -> i64 {
        self.minutes
            .wrapping_add(self.hours.wrapping_mul(60))
            .wrapping_add(self.days.wrapping_mul(24 * 60))
            .wrapping_add(self.weeks.wrapping_mul(7 * 24 * 60))
            .wrapping_add(self.months.wrapping_mul(30 * 24 * 60))
            .wrapping_add(self.years.wrapping_mul(365 * 24 * 60))
    }
}

/// Parses a `maxRetentionPeriod` as KubeStash's `ParseDuration` does.
///
/// Errors are [`INVALID_DURATION`] for a bare number (`10`), a unit without a number
/// (`mo`), an unknown unit or trailing garbage (`1s`, `1mm`, `30 d`), or Go's
/// `strconv.Atoi` message for a number it cannot convert
/// (`strconv.Atoi: parsing "99999999999999999999": value out of range`). As in Go, any
/// Unicode number character is taken as part of a number and then fails `Atoi`
/// (`strconv.Atoi: parsing "٣": invalid syntax`).
///
/// # Errors
///
/// The message KubeStash's webhook would report, as above.
pub fn parse_retention_period(s: &str) -> Result<RetentionPeriod, String> {
    let mut period = RetentionPeriod::default();
    let mut rest = s.trim();
    while !rest.is_empty() {
        let (num, after) = next_number(rest)?;
        rest = after;
        let b = rest.as_bytes();
        if b.is_empty() {
            return Err(INVALID_DURATION.to_string());
        }
        if b.starts_with(b"mo") {
            period.months = num;
            rest = &rest[2..];
            continue;
        }
        match b[0] {
            b'y' => period.years = num,
            b'w' => period.weeks = num,
            b'd' => period.days = num,
            b'h' => period.hours = num,
            b'm' => period.minutes = num,
            _ => return Err(INVALID_DURATION.to_string()),
        }
        rest = &rest[1..];
    }
    Ok(period)
}

/// KubeStash's `nextNumber`: an optional `-`, then the longest run of Unicode number
/// characters, converted with Go's `strconv.Atoi`.
fn next_number(input: &str) -> Result<(i64, &str), String> {
    let (negative, input) = match input.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, input),
    };
    let end = input
        .char_indices()
        .find(|(_, c)| !c.is_numeric())
        .map_or(input.len(), |(i, _)| i);
    let (digits, rest) = input.split_at(end);
    if digits.is_empty() {
        return Err(INVALID_DURATION.to_string());
    }
    let num = go_atoi(digits)?;
    Ok((if negative { -num } else { num }, rest))
}

/// Go `strconv.Atoi` for a string of number characters (no sign), 64-bit `int`.
///
/// Like Go's `ParseUint` loop it scans bytes left to right: a non-digit byte is a syntax
/// error and leaving the uint64 range is a range error, whichever comes first; a value
/// that fits uint64 but not int64 is a range error at the end.
fn go_atoi(digits: &str) -> Result<i64, String> {
    let error = |what: &str| format!("strconv.Atoi: parsing {}: {what}", go_strconv_quote(digits));
    let mut n: u64 = 0;
    for b in digits.bytes() {
        if !b.is_ascii_digit() {
            return Err(error("invalid syntax"));
        }
        n = n
            .checked_mul(10)
            .and_then(|v| v.checked_add(u64::from(b - b'0')))
            .ok_or_else(|| error("value out of range"))?;
    }
    i64::try_from(n).map_err(|_| error("value out of range"))
}

/// Go `strconv.Quote` for the strings `go_atoi` sees: Unicode number characters are
/// all printable and none is `"` or `\\`, so Go writes them as they are.
fn go_strconv_quote(s: &str) -> String {
    format!("\"{s}\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> RetentionPeriod {
        match parse_retention_period(s) {
            Ok(p) => p,
            Err(e) => panic!("{s:?} should parse: {e}"),
        }
    }

    fn period(y: i64, mo: i64, w: i64, d: i64, h: i64, m: i64) -> RetentionPeriod {
        RetentionPeriod {
            years: y,
            months: mo,
            weeks: w,
            days: d,
            hours: h,
            minutes: m,
        }
    }

    #[test]
    fn spec_examples() {
        assert_eq!(ok("1y2mo3w4d5h6m"), period(1, 2, 3, 4, 5, 6));
        assert_eq!(ok("7y11mo27d"), period(7, 11, 0, 27, 0, 0));
        assert_eq!(ok("2w"), period(0, 0, 2, 0, 0, 0));
        assert_eq!(ok("10m"), period(0, 0, 0, 0, 0, 10));
        assert_eq!(ok("12h30m"), period(0, 0, 0, 0, 12, 30));
        assert_eq!(ok("30d"), period(0, 0, 0, 30, 0, 0));
    }

    #[test]
    fn upstream_test_table() {
        let cases = [
            ("1y2mo3d4h5m", period(1, 2, 0, 3, 4, 5)),
            ("7y27d11h", period(7, 0, 0, 27, 11, 0)),
            ("7y11h15m", period(7, 0, 0, 0, 11, 15)),
            ("11mo11d11h", period(0, 11, 0, 11, 11, 0)),
            ("11mo11h11m", period(0, 11, 0, 0, 11, 11)),
            ("5y12mo", period(5, 12, 0, 0, 0, 0)),
            ("5y12d", period(5, 0, 0, 12, 0, 0)),
            ("5y12h", period(5, 0, 0, 0, 12, 0)),
            ("5y12m", period(5, 0, 0, 0, 0, 12)),
            ("6mo15d", period(0, 6, 0, 15, 0, 0)),
            ("6mo15h", period(0, 6, 0, 0, 15, 0)),
            ("6mo15m", period(0, 6, 0, 0, 0, 15)),
            ("6d12h", period(0, 0, 0, 6, 12, 0)),
            ("6d12m", period(0, 0, 0, 6, 0, 12)),
            ("10y", period(10, 0, 0, 0, 0, 0)),
            ("10mo", period(0, 10, 0, 0, 0, 0)),
            ("10d", period(0, 0, 0, 10, 0, 0)),
            ("10h", period(0, 0, 0, 0, 10, 0)),
        ];
        for (input, want) in cases {
            assert_eq!(ok(input), want, "{input:?}");
        }
    }

    #[test]
    fn order_repeats_signs_and_space() {
        assert_eq!(ok("6m1y"), period(1, 0, 0, 0, 0, 6));
        assert_eq!(ok("1d2d"), period(0, 0, 0, 2, 0, 0));
        assert_eq!(ok("-5d"), period(0, 0, 0, -5, 0, 0));
        assert_eq!(ok("  3w\n"), period(0, 0, 3, 0, 0, 0));
        assert_eq!(ok("007d"), period(0, 0, 0, 7, 0, 0));
        assert_eq!(ok(""), RetentionPeriod::default());
        assert_eq!(ok("   "), RetentionPeriod::default());
    }

    #[test]
    fn rejected() {
        for s in [
            "10", "mo", "1mm", "1s", "30 d", "1y 2d", "d", "1Y", "1M", "1d-", "--1d", "1.5d",
            "+1d", "1dx", "1mo1", "-", "1é",
        ] {
            assert_eq!(
                parse_retention_period(s),
                Err(String::from(INVALID_DURATION)),
                "{s:?}"
            );
        }
    }

    #[test]
    fn atoi_errors() {
        assert_eq!(
            parse_retention_period("99999999999999999999d"),
            Err(String::from(
                "strconv.Atoi: parsing \"99999999999999999999\": value out of range"
            ))
        );
        assert_eq!(
            parse_retention_period("-9223372036854775808d"),
            Err(String::from(
                "strconv.Atoi: parsing \"9223372036854775808\": value out of range"
            ))
        );
        assert_eq!(ok("9223372036854775807m").minutes, i64::MAX);
        assert_eq!(
            parse_retention_period("٣d"),
            Err(String::from("strconv.Atoi: parsing \"٣\": invalid syntax"))
        );
        assert_eq!(
            parse_retention_period("1²d"),
            Err(String::from("strconv.Atoi: parsing \"1²\": invalid syntax"))
        );
        // Go reports whichever problem its byte loop meets first.
        assert_eq!(
            parse_retention_period("99999999999999999999²d"),
            Err(String::from(
                "strconv.Atoi: parsing \"99999999999999999999²\": value out of range"
            ))
        );
        assert_eq!(
            parse_retention_period("9999999999999999999²d"),
            Err(String::from(
                "strconv.Atoi: parsing \"9999999999999999999²\": invalid syntax"
            ))
        );
    }

    #[test]
    fn minutes() {
        assert_eq!(
            ok("1y2mo3w4d5h6m").to_minutes(),
            525_600 + 86_400 + 30_240 + 5_760 + 300 + 6
        );
        assert_eq!(ok("30d").to_minutes(), 43_200);
        let huge = ok("9223372036854775807y");
        assert_eq!(huge.to_minutes(), i64::MAX.wrapping_mul(525_600));
    }
}
