//! RFC 3339 timestamps as `metav1.Time` decodes them: Go `time.Parse(time.RFC3339, s)`.
//!
//! Go first tries a strict fast path and, when it fails, falls back to its general
//! layout parser, so the accepted set is that of the general parser. It is a little
//! wider than RFC 3339: a one-digit hour (`T1:04:05Z`), a comma before the fraction
//! (`05,5Z`), fractions of any length, and zone offsets up to `+24:00` / `+23:60`.
//! Letters must be upper case (`T`, `Z`), the year has exactly four digits, and the day
//! must exist in its month (leap years included).

use super::duration::push_hex_escape;

/// Go's `time.RFC3339` layout.
pub const RFC3339_LAYOUT: &str = "2006-01-02T15:04:05Z07:00";

/// The fields of a timestamp accepted by [`parse_rfc3339_parts`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rfc3339 {
    /// Year, 0..=9999.
    pub year: i32,
    /// Month, 1..=12.
    pub month: u8,
    /// Day of the month, valid for the month and year.
    pub day: u8,
    /// Hour, 0..=23.
    pub hour: u8,
    /// Minute, 0..=59.
    pub minute: u8,
    /// Second, 0..=59.
    pub second: u8,
    /// Fraction of the second in nanoseconds (digits past the ninth are dropped).
    pub nanosecond: u32,
    /// Zone offset east of UTC in seconds (`Z` is 0).
    pub offset_seconds: i32,
}

/// Checks `s` as Go `time.Parse(time.RFC3339, s)` does. The error text is Go's:
/// `parsing time "<s>" as "2006-01-02T15:04:05Z07:00": cannot parse "<rest>" as "<elem>"`,
/// or `parsing time "<s>": <field> out of range` / `: extra text: "<rest>"`.
///
/// # Errors
///
/// Go's `*time.ParseError` text for the first problem Go's parser meets.
pub fn parse_rfc3339(s: &str) -> Result<(), String> {
    parse_rfc3339_parts(s).map(|_| ())
}

/// Like [`parse_rfc3339`], returning the parsed fields.
///
/// # Errors
///
/// As [`parse_rfc3339`].
pub fn parse_rfc3339_parts(s: &str) -> Result<Rfc3339, String> {
    let mut p = Parser {
        input: s,
        rest: s.as_bytes(),
    };

    // 2006
    let hold = p.rest;
    if hold.len() < 4 || !hold.iter().take(4).all(u8::is_ascii_digit) {
        return Err(p.cannot_parse(hold, "2006"));
    }
    let year = hold[..4]
        .iter()
        .fold(0i32, |acc, d| acc * 10 + i32::from(d - b'0'));
    p.rest = &hold[4..];

    // -01
    p.expect_byte(b'-', "-")?;
    let hold = p.rest;
    let month = p.getnum(true).ok_or_else(|| p.cannot_parse(hold, "01"))?;
    if !(1..=12).contains(&month) {
        return Err(p.out_of_range("month"));
    }

    // -02 (the range is checked at the end, as Go does)
    p.expect_byte(b'-', "-")?;
    let hold = p.rest;
    let day = p.getnum(true).ok_or_else(|| p.cannot_parse(hold, "02"))?;

    // T15 (one or two digits)
    p.expect_byte(b'T', "T")?;
    let hold = p.rest;
    let hour = p.getnum(false).ok_or_else(|| p.cannot_parse(hold, "15"))?;
    if hour >= 24 {
        return Err(p.out_of_range("hour"));
    }

    // :04
    p.expect_byte(b':', ":")?;
    let hold = p.rest;
    let minute = p.getnum(true).ok_or_else(|| p.cannot_parse(hold, "04"))?;
    if minute >= 60 {
        return Err(p.out_of_range("minute"));
    }

    // :05 and an optional fraction introduced by '.' or ','
    p.expect_byte(b':', ":")?;
    let hold = p.rest;
    let second = p.getnum(true).ok_or_else(|| p.cannot_parse(hold, "05"))?;
    if second >= 60 {
        return Err(p.out_of_range("second"));
    }
    let mut nanosecond = 0u32;
    if let [b'.' | b',', first, ..] = p.rest
        && first.is_ascii_digit()
    {
        let n = 1 + p.rest[1..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        let kept = &p.rest[1..n.min(10)];
        let mut ns = kept
            .iter()
            .fold(0u32, |acc, d| acc * 10 + u32::from(d - b'0'));
        for _ in kept.len()..9 {
            ns *= 10;
        }
        nanosecond = ns;
        p.rest = &p.rest[n..];
    }

    // Z07:00
    let hold = p.rest;
    let offset_seconds = if let [b'Z', rest @ ..] = hold {
        p.rest = rest;
        0
    } else {
        if hold.len() < 6 || hold[3] != b':' {
            return Err(p.cannot_parse(hold, "Z07:00"));
        }
        let two = |b: &[u8]| match b {
            [a, b] if a.is_ascii_digit() && b.is_ascii_digit() => {
                Some(i32::from(a - b'0') * 10 + i32::from(b - b'0'))
            }
            _ => None,
        };
        let hh = two(&hold[1..3]);
        let mm = hh.and_then(|_| two(&hold[4..6]));
        // Go checks ranges (with '>' : 24 hours and 60 minutes pass) before errors.
        let mut range = None;
        if hh.is_some_and(|h| h > 24) {
            range = Some("time zone offset hour");
        }
        if mm.is_some_and(|m| m > 60) {
            range = Some("time zone offset minute");
        }
        if let Some(field) = range {
            return Err(p.out_of_range(field));
        }
        let (Some(hh), Some(mm)) = (hh, mm) else {
            return Err(p.cannot_parse(hold, "Z07:00"));
        };
        let offset = (hh * 60 + mm) * 60;
        p.rest = &hold[6..];
        match hold[0] {
            b'+' => offset,
            b'-' => -offset,
            _ => return Err(p.cannot_parse(hold, "Z07:00")),
        }
    };

    if !p.rest.is_empty() {
        return Err(p.message(&format!(": extra text: {}", time_quote_bytes(p.rest))));
    }
    if day < 1 || day > days_in(month, year) {
        return Err(p.message(": day out of range"));
    }
    Ok(Rfc3339 {
        year,
        month,
        day,
        hour,
        minute,
        second,
        nanosecond,
        offset_seconds,
    })
}

/// Days in `month` (1..=12) of `year`, Gregorian leap rule.
fn days_in(month: u8, year: i32) -> u8 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

struct Parser<'a> {
    input: &'a str,
    rest: &'a [u8],
}

impl Parser<'_> {
    /// Go `getnum`: one or two digits (`fixed` demands two).
    fn getnum(&mut self, fixed: bool) -> Option<u8> {
        match self.rest {
            [a, b, rest @ ..] if a.is_ascii_digit() && b.is_ascii_digit() => {
                self.rest = rest;
                Some((a - b'0') * 10 + (b - b'0'))
            }
            [a, rest @ ..] if a.is_ascii_digit() && !fixed => {
                self.rest = rest;
                Some(a - b'0')
            }
            _ => None,
        }
    }

    /// Go `skip` for a one-character layout literal.
    fn expect_byte(&mut self, want: u8, layout_elem: &str) -> Result<(), String> {
        match self.rest {
            [c, rest @ ..] if *c == want => {
                self.rest = rest;
                Ok(())
            }
            _ => Err(self.cannot_parse(self.rest, layout_elem)),
        }
    }

    fn cannot_parse(&self, value_elem: &[u8], layout_elem: &str) -> String {
        format!(
            "parsing time {} as {}: cannot parse {} as {}",
            time_quote(self.input),
            time_quote(RFC3339_LAYOUT),
            time_quote_bytes(value_elem),
            time_quote(layout_elem)
        )
    }

    fn out_of_range(&self, field: &str) -> String {
        self.message(&format!(": {field} out of range"))
    }

    fn message(&self, message: &str) -> String {
        format!("parsing time {}{message}", time_quote(self.input))
    }
}

/// Go's `time.quote` (not `strconv.Quote`, which is `duration::go_quote`: time's own quoting
/// writes every non-ASCII byte as `\xNN`): double quotes, `"` and `\` escaped, control and
/// non-ASCII characters written as `\xNN` per byte.
fn time_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        if c.is_ascii() && c >= ' ' {
            if c == '"' || c == '\\' {
                out.push('\\');
            }
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for byte in c.encode_utf8(&mut buf).bytes() {
                push_hex_escape(&mut out, byte);
            }
        }
    }
    out.push('"');
    out
}

/// [`time_quote`] for a byte slice cut from the input. The parser only cuts after ASCII
/// bytes, so the slice is valid UTF-8; anything else is escaped byte by byte.
fn time_quote_bytes(b: &[u8]) -> String {
    match std::str::from_utf8(b) {
        Ok(s) => time_quote(s),
        Err(_) => {
            let mut out = String::from("\"");
            for byte in b {
                push_hex_escape(&mut out, *byte);
            }
            out.push('"');
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> Rfc3339 {
        match parse_rfc3339_parts(s) {
            Ok(t) => t,
            Err(e) => panic!("{s:?} should parse: {e}"),
        }
    }

    fn err(s: &str) -> String {
        match parse_rfc3339(s) {
            Ok(()) => panic!("{s:?} should fail"),
            Err(e) => e,
        }
    }

    #[test]
    fn accepts_rfc3339() {
        for s in [
            "2006-01-02T15:04:05Z",
            "2024-02-29T00:00:00Z",
            "2000-02-29T23:59:59Z",
            "2024-09-02T06:00:00+06:00",
            "2024-09-02T06:00:00-07:30",
            "2024-09-02T06:00:00.5Z",
            "2024-09-02T06:00:00.123456789Z",
            "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z",
        ] {
            assert_eq!(parse_rfc3339(s), Ok(()), "{s:?}");
        }
        assert_eq!(
            ok("2024-09-02T06:07:08.25-07:30"),
            Rfc3339 {
                year: 2024,
                month: 9,
                day: 2,
                hour: 6,
                minute: 7,
                second: 8,
                nanosecond: 250_000_000,
                offset_seconds: -(7 * 3600 + 30 * 60),
            }
        );
    }

    #[test]
    fn accepts_what_go_general_parser_accepts() {
        assert_eq!(ok("2006-01-02T1:04:05Z").hour, 1);
        assert_eq!(ok("2006-01-02T15:04:05,5Z").nanosecond, 500_000_000);
        assert_eq!(
            ok("2006-01-02T15:04:05.1234567891234Z").nanosecond,
            123_456_789
        );
        assert_eq!(ok("2006-01-02T15:04:05+24:00").offset_seconds, 24 * 3600);
        assert_eq!(ok("2006-01-02T15:04:05+23:60").offset_seconds, 24 * 3600);
    }

    #[test]
    fn rejects_with_go_messages() {
        let layout = "\"2006-01-02T15:04:05Z07:00\"";
        let cases = [
            ("", "cannot parse \"\" as \"2006\""),
            ("2006", "cannot parse \"\" as \"-\""),
            (
                "06-01-02T15:04:05Z",
                "cannot parse \"06-01-02T15:04:05Z\" as \"2006\"",
            ),
            (
                "2006/01/02T15:04:05Z",
                "cannot parse \"/01/02T15:04:05Z\" as \"-\"",
            ),
            (
                "2006-1-02T15:04:05Z",
                "cannot parse \"1-02T15:04:05Z\" as \"01\"",
            ),
            (
                "2006-01-2T15:04:05Z",
                "cannot parse \"2T15:04:05Z\" as \"02\"",
            ),
            (
                "2006-01-02 15:04:05Z",
                "cannot parse \" 15:04:05Z\" as \"T\"",
            ),
            (
                "2006-01-02t15:04:05Z",
                "cannot parse \"t15:04:05Z\" as \"T\"",
            ),
            ("2006-01-02T15:4:05Z", "cannot parse \"4:05Z\" as \"04\""),
            ("2006-01-02T15:04:5Z", "cannot parse \"5Z\" as \"05\""),
            ("2006-01-02T15:04:05", "cannot parse \"\" as \"Z07:00\""),
            ("2006-01-02T15:04:05z", "cannot parse \"z\" as \"Z07:00\""),
            (
                "2006-01-02T15:04:05+0700",
                "cannot parse \"+0700\" as \"Z07:00\"",
            ),
            (
                "2006-01-02T15:04:05 07:00",
                "cannot parse \" 07:00\" as \"Z07:00\"",
            ),
            (
                "2006-01-02T15:04:05+7:00x",
                "cannot parse \"+7:00x\" as \"Z07:00\"",
            ),
            ("2006-01-02T15:04:05.Z", "cannot parse \".Z\" as \"Z07:00\""),
        ];
        for (input, tail) in cases {
            let quoted = time_quote(input);
            assert_eq!(
                err(input),
                format!("parsing time {quoted} as {layout}: {tail}"),
                "{input:?}"
            );
        }
    }

    #[test]
    fn rejects_out_of_range() {
        let cases = [
            ("2006-13-02T15:04:05Z", "month out of range"),
            ("2006-00-02T15:04:05Z", "month out of range"),
            ("2006-01-02T24:00:00Z", "hour out of range"),
            ("2006-01-02T15:60:05Z", "minute out of range"),
            ("2006-01-02T15:04:60Z", "second out of range"),
            (
                "2006-01-02T15:04:05+25:00",
                "time zone offset hour out of range",
            ),
            (
                "2006-01-02T15:04:05+01:61",
                "time zone offset minute out of range",
            ),
            ("2006-02-30T15:04:05Z", "day out of range"),
            ("2023-02-29T15:04:05Z", "day out of range"),
            ("1900-02-29T15:04:05Z", "day out of range"),
            ("2006-04-31T15:04:05Z", "day out of range"),
            ("2006-01-00T15:04:05Z", "day out of range"),
            ("2006-01-32T15:04:05Z", "day out of range"),
        ];
        for (input, field) in cases {
            assert_eq!(
                err(input),
                format!("parsing time \"{input}\": {field}"),
                "{input:?}"
            );
        }
    }

    #[test]
    fn rejects_extra_text() {
        assert_eq!(
            err("2006-01-02T15:04:05Zjunk"),
            "parsing time \"2006-01-02T15:04:05Zjunk\": extra text: \"junk\""
        );
        assert_eq!(
            err("2006-01-02T15:04:05+01:00 "),
            "parsing time \"2006-01-02T15:04:05+01:00 \": extra text: \" \""
        );
        // Extra text is reported before an impossible day, as in Go.
        assert_eq!(
            err("2006-02-31T15:04:05ZZ"),
            "parsing time \"2006-02-31T15:04:05ZZ\": extra text: \"Z\""
        );
    }

    #[test]
    fn quotes_like_go() {
        assert_eq!(time_quote("a\"b\\c"), "\"a\\\"b\\\\c\"");
        assert_eq!(time_quote("é\n"), "\"\\xc3\\xa9\\x0a\"");
        assert_eq!(
            err("2006-01-02T15:04:05Zé"),
            "parsing time \"2006-01-02T15:04:05Z\\xc3\\xa9\": extra text: \"\\xc3\\xa9\""
        );
        assert!(err("２００６-01-02T15:04:05Z").starts_with("parsing time \"\\xef\\xbc\\x92"));
    }

    #[test]
    fn no_panics_on_odd_inputs() {
        for s in [
            "2",
            "2006-",
            "2006-01-",
            "2006-01-02T",
            "2006-01-02T1",
            "2006-01-02T15:",
            "2006-01-02T15:04:",
            "2006-01-02T15:04:05+",
            "2006-01-02T15:04:05+01:0",
            "2006-01-02T15:04:05.9",
            "2006-01-02T15:04:05,",
            "é",
            "20é6-01-02T15:04:05Z",
            "2006-01-02T15:04:05+é1:00",
        ] {
            let result = parse_rfc3339(s);
            assert!(result.is_err(), "{s:?}");
            let message = result.err().unwrap_or_default();
            assert!(
                message.starts_with(&format!("parsing time {}", time_quote(s))),
                "{s:?}"
            );
        }
    }
}
