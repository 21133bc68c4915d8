//! Go's `time.ParseDuration` and `time.Duration.String()`, byte for byte, plus Go's
//! `strconv.Quote` (as [`go_quote`]).
//!
//! Kubernetes decodes `metav1.Duration` fields (`backupTimeout`, `retryConfig.delay`, ...)
//! with `time.ParseDuration`, and robfig/cron parses `@every <d>` with it, so the accepted
//! grammar and the error texts here are exactly Go's:
//! `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+` with units `ns`, `us`, `µs` (U+00B5), `μs` (U+03BC),
//! `ms`, `s`, `m`, `h`; `0` alone is allowed; no `d` or `w`.

const NANOSECOND: u64 = 1;
const MICROSECOND: u64 = 1_000;
const MILLISECOND: u64 = 1_000_000;
const SECOND: u64 = 1_000_000_000;
const MINUTE: u64 = 60 * SECOND;
const HOUR: u64 = 60 * MINUTE;

/// 1 << 63, the magnitude limit Go's parser works with.
const LIMIT: u64 = 1 << 63;

const LOWER_HEX: &[u8; 16] = b"0123456789abcdef";

fn unit_value(unit: &str) -> Option<u64> {
    match unit {
        "ns" => Some(NANOSECOND),
        "us" | "\u{b5}s" | "\u{3bc}s" => Some(MICROSECOND),
        "ms" => Some(MILLISECOND),
        "s" => Some(SECOND),
        "m" => Some(MINUTE),
        "h" => Some(HOUR),
        _ => None,
    }
}

/// Parses a Go duration string (`time.ParseDuration`) and returns nanoseconds.
///
/// Errors carry Go's exact text, e.g. `time: invalid duration "x"`,
/// `time: missing unit in duration "3"`, `time: unknown unit "d" in duration "1d"`.
pub fn parse_go_duration(s: &str) -> Result<i64, String> {
    let invalid = || format!("time: invalid duration {}", time_quote(s));
    let bytes = s.as_bytes();
    let mut pos = 0usize;
    let mut total: u64 = 0;
    let mut neg = false;

    // Consume [-+]?
    if let Some(&c) = bytes.first()
        && (c == b'-' || c == b'+')
    {
        neg = c == b'-';
        pos = 1;
    }
    let rest = s.get(pos..).unwrap_or("");
    // Special case: if all that is left is "0", this is zero.
    if rest == "0" {
        return Ok(0);
    }
    if rest.is_empty() {
        return Err(invalid());
    }
    while pos < bytes.len() {
        // The next character must be [0-9.]
        let c = bytes[pos];
        if !(c == b'.' || c.is_ascii_digit()) {
            return Err(invalid());
        }
        // Consume [0-9]*
        let start = pos;
        let (mut v, after_int) = leading_int(bytes, pos).ok_or_else(invalid)?;
        pos = after_int;
        let pre = pos != start;

        // Consume (\.[0-9]*)?
        let mut post = false;
        let mut f: u64 = 0;
        let mut scale: f64 = 1.0;
        if bytes.get(pos) == Some(&b'.') {
            pos += 1;
            let frac_start = pos;
            let (fx, fscale, after_frac) = leading_fraction(bytes, pos);
            f = fx;
            scale = fscale;
            pos = after_frac;
            post = pos != frac_start;
        }
        if !pre && !post {
            // no digits (e.g. ".s" or "-.s")
            return Err(invalid());
        }

        // Consume unit: everything up to the next '.' or digit.
        let unit_start = pos;
        while pos < bytes.len() && !(bytes[pos] == b'.' || bytes[pos].is_ascii_digit()) {
            pos += 1;
        }
        if pos == unit_start {
            return Err(format!("time: missing unit in duration {}", time_quote(s)));
        }
        // The unit ends at an ASCII byte or at the end, so this is a char boundary.
        let unit_text = s.get(unit_start..pos).unwrap_or("");
        let Some(unit) = unit_value(unit_text) else {
            return Err(format!(
                "time: unknown unit {} in duration {}",
                time_quote(unit_text),
                time_quote(s)
            ));
        };
        if v > LIMIT / unit {
            // overflow
            return Err(invalid());
        }
        v *= unit;
        if f > 0 {
            // Go uses float64 here ("nanosecond accurate for fractions of hours");
            // the same IEEE operations give the same result.
            #[expect(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                clippy::cast_precision_loss,
                reason = "Go's float64 arithmetic and uint64 conversion, mirrored"
            )]
            let fraction = (f as f64 * (unit as f64 / scale)) as u64;
            v = v.wrapping_add(fraction);
            if v > LIMIT {
                return Err(invalid());
            }
        }
        // Go adds with uint64 wrap-around; mirrored for exactness.
        total = total.wrapping_add(v);
        if total > LIMIT {
            return Err(invalid());
        }
    }
    // total <= 1<<63: `as` wraps only 1<<63, to i64::MIN, as Go's int64(uint64) does.
    #[expect(clippy::cast_possible_wrap, reason = "Go's int64(uint64)")]
    let signed = total as i64;
    if neg {
        return Ok(signed.wrapping_neg());
    }
    if total > LIMIT - 1 {
        return Err(invalid());
    }
    Ok(signed)
}

/// Go's `leadingInt`: consumes `[0-9]*` from `pos`; `None` on overflow past 1<<63.
fn leading_int(bytes: &[u8], mut pos: usize) -> Option<(u64, usize)> {
    let mut x: u64 = 0;
    while let Some(&c) = bytes.get(pos) {
        if !c.is_ascii_digit() {
            break;
        }
        if x > LIMIT / 10 {
            return None;
        }
        x = x * 10 + u64::from(c - b'0');
        if x > LIMIT {
            return None;
        }
        pos += 1;
    }
    Some((x, pos))
}

/// Go's `leadingFraction`: consumes `[0-9]*`, silently dropping precision on overflow.
fn leading_fraction(bytes: &[u8], mut pos: usize) -> (u64, f64, usize) {
    let mut x: u64 = 0;
    let mut scale: f64 = 1.0;
    let mut overflow = false;
    while let Some(&c) = bytes.get(pos) {
        if !c.is_ascii_digit() {
            break;
        }
        pos += 1;
        if overflow {
            continue;
        }
        if x > (LIMIT - 1) / 10 {
            overflow = true;
            continue;
        }
        let y = x * 10 + u64::from(c - b'0');
        if y > LIMIT {
            overflow = true;
            continue;
        }
        x = y;
        scale *= 10.0;
    }
    (x, scale, pos)
}

/// Formats nanoseconds like Go's `time.Duration.String()`: `1h30m0s`, `1.5s`, `100ms`,
/// `1.1µs`, `0s`, `-2m3.4s`.
pub fn format_go_duration(nanos: i64) -> String {
    let neg = nanos < 0;
    let mut u = nanos.unsigned_abs();
    // Built back to front, as Go does.
    let mut out: Vec<u8> = Vec::with_capacity(32);
    if u < SECOND {
        if u == 0 {
            return "0s".to_string();
        }
        let prec;
        out.push(b's');
        if u < MICROSECOND {
            prec = 0;
            out.push(b'n');
        } else if u < MILLISECOND {
            prec = 3;
            // "µ" (U+00B5) pushed reversed.
            out.push(0xb5);
            out.push(0xc2);
        } else {
            prec = 6;
            out.push(b'm');
        }
        u = push_frac_reversed(&mut out, u, prec);
        push_int_reversed(&mut out, u);
    } else {
        out.push(b's');
        u = push_frac_reversed(&mut out, u, 9);
        // u is now integer seconds
        push_int_reversed(&mut out, u % 60);
        u /= 60;
        // u is now integer minutes
        if u > 0 {
            out.push(b'm');
            push_int_reversed(&mut out, u % 60);
            u /= 60;
            // u is now integer hours; stop at hours because days can be different lengths.
            if u > 0 {
                out.push(b'h');
                push_int_reversed(&mut out, u);
            }
        }
    }
    if neg {
        out.push(b'-');
    }
    out.reverse();
    String::from_utf8_lossy(&out).into_owned()
}

/// Go's `fmtFrac`, writing reversed: the fraction of `v / 10^prec` without trailing zeros
/// (and without the point when the fraction is zero). Returns `v / 10^prec`.
fn push_frac_reversed(out: &mut Vec<u8>, mut v: u64, prec: u32) -> u64 {
    let mut print = false;
    for _ in 0..prec {
        let digit = (v % 10) as u8;
        print = print || digit != 0;
        if print {
            out.push(b'0' + digit);
        }
        v /= 10;
    }
    if print {
        out.push(b'.');
    }
    v
}

/// Go's `fmtInt`, writing reversed.
fn push_int_reversed(out: &mut Vec<u8>, mut v: u64) {
    if v == 0 {
        out.push(b'0');
        return;
    }
    while v > 0 {
        out.push(b'0' + (v % 10) as u8);
        v /= 10;
    }
}

/// The `time` package's private `quote`, used in its error messages. It differs from
/// `strconv.Quote`: every byte of a non-ASCII character and every control character below
/// U+0020 is written as `\xNN`; only `"` and `\` are backslash-escaped.
fn time_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        if (c as u32) >= 0x80 || c < ' ' {
            let mut buf = [0u8; 4];
            for &b in c.encode_utf8(&mut buf).as_bytes() {
                push_hex_escape(&mut out, b);
            }
        } else {
            if c == '"' || c == '\\' {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out.push('"');
    out
}

/// Appends `\xNN` (lower-case hex): how Go's quoting functions write a byte.
pub(crate) fn push_hex_escape(out: &mut String, b: u8) {
    out.push_str("\\x");
    out.push(char::from(LOWER_HEX[usize::from(b >> 4)]));
    out.push(char::from(LOWER_HEX[usize::from(b & 0xf)]));
}

/// Go's `strconv.Quote` (also what `%q` prints): a double-quoted Go string literal with
/// `"` and `\` escaped, `\a \b \f \n \r \t \v` for those controls, `\xNN` for other
/// ASCII controls and DEL, `\uNNNN` / `\UNNNNNNNN` for non-printable characters, and
/// printable Unicode kept as is.
pub fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        push_quoted_char(&mut out, c);
    }
    out.push('"');
    out
}

/// [`go_quote`] for raw bytes: invalid UTF-8 bytes are written as `\xNN`, as Go does.
pub fn go_quote_bytes(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + 2);
    out.push('"');
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            push_quoted_char(&mut out, c);
        }
        for &b in chunk.invalid() {
            push_hex_escape(&mut out, b);
        }
    }
    out.push('"');
    out
}

fn push_quoted_char(out: &mut String, c: char) {
    match c {
        '"' | '\\' => {
            out.push('\\');
            out.push(c);
        }
        '\u{7}' => out.push_str("\\a"),
        '\u{8}' => out.push_str("\\b"),
        '\u{c}' => out.push_str("\\f"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\u{b}' => out.push_str("\\v"),
        _ if c < ' ' || c == '\u{7f}' => push_hex_escape(out, c as u8),
        _ if is_go_printable(c) => out.push(c),
        _ => {
            let v = c as u32;
            let (prefix, digits) = if v < 0x10000 { ("\\u", 4) } else { ("\\U", 8) };
            out.push_str(prefix);
            for i in (0..digits).rev() {
                let nibble = (v >> (4 * i)) & 0xf;
                out.push(char::from(LOWER_HEX[nibble as usize]));
            }
        }
    }
}

/// Go's `unicode.IsPrint` (letters, marks, numbers, punctuation, symbols and U+0020).
///
/// Rust's `escape_debug` uses the same definition (it escapes categories Cc, Cf, Cs, Co,
/// Cn, Zl, Zp and Zs other than the space); placing the character after a letter keeps
/// `str::escape_debug` from also escaping grapheme extenders, which Go prints.
/// Go's `strconv.IsPrint`, approximated without Unicode category tables (which would add
/// ~8 KB gzip to the wasm builds): controls, non-space whitespace, invisible format characters
/// and private-use characters are escaped; every other character prints. Only the rare
/// unassigned code point is quoted differently from Go.
fn is_go_printable(c: char) -> bool {
    if c.is_ascii() {
        return (' '..='~').contains(&c);
    }
    !(c.is_control()
        || c.is_whitespace()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{061C}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
                | '\u{E000}'..='\u{F8FF}'
                | '\u{F0000}'..
        ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: i64 = 1_000_000_000;
    const MS: i64 = 1_000_000;
    const US: i64 = 1_000;
    const MIN: i64 = 60 * S;
    const H: i64 = 60 * MIN;

    #[test]
    fn accepted_durations() {
        let cases: &[(&str, i64)] = &[
            ("0", 0),
            ("5s", 5 * S),
            ("30s", 30 * S),
            ("1478s", 1478 * S),
            ("-5s", -5 * S),
            ("+5s", 5 * S),
            ("-0", 0),
            ("+0", 0),
            ("0s", 0),
            ("-0s", 0),
            ("5.0s", 5 * S),
            ("5.6s", 5 * S + 600 * MS),
            ("5.s", 5 * S),
            (".5s", 500 * MS),
            ("1.0s", S),
            ("1.00s", S),
            ("1.004s", S + 4 * MS),
            ("1.0040s", S + 4 * MS),
            ("100.00100s", 100 * S + MS),
            ("10ns", 10),
            ("11us", 11 * US),
            ("12\u{b5}s", 12 * US),
            ("12\u{3bc}s", 12 * US),
            ("13ms", 13 * MS),
            ("14s", 14 * S),
            ("15m", 15 * MIN),
            ("16h", 16 * H),
            ("1h30m", H + 30 * MIN),
            ("2h45m", 2 * H + 45 * MIN),
            ("1.5h", H + 30 * MIN),
            ("1m0s", MIN),
            ("3h30m", 3 * H + 30 * MIN),
            ("10.5s4m", 4 * MIN + 10 * S + 500 * MS),
            ("-2m3.4s", -(2 * MIN + 3 * S + 400 * MS)),
            ("1h2m3s4ms5us6ns", H + 2 * MIN + 3 * S + 4 * MS + 5 * US + 6),
            ("39h9m14.425s", 39 * H + 9 * MIN + 14 * S + 425 * MS),
            ("52763797000ns", 52_763_797_000),
            ("0.3333333333333333333h", 20 * MIN),
            ("9007199254740993ns", (1 << 53) + 1),
            ("9223372036854775807ns", i64::MAX),
            ("9223372036854775.807us", i64::MAX),
            ("9223372036s854ms775us807ns", i64::MAX),
            ("-9223372036854775808ns", i64::MIN),
            ("-9223372036854775.808us", i64::MIN),
            ("-9223372036s854ms775us808ns", i64::MIN),
            ("-2562047h47m16.854775808s", i64::MIN),
            ("0.100000000000000000000h", 6 * MIN),
            ("0.830103483285477580700h", 49 * MIN + 48 * S + 372_539_827),
        ];
        for &(input, want) in cases {
            assert_eq!(parse_go_duration(input), Ok(want), "input {input:?}");
        }
    }

    #[test]
    fn rejected_durations() {
        let cases: &[(&str, &str)] = &[
            ("", r#"time: invalid duration """#),
            ("3", r#"time: missing unit in duration "3""#),
            ("-", r#"time: invalid duration "-""#),
            ("+", r#"time: invalid duration "+""#),
            ("s", r#"time: invalid duration "s""#),
            (".", r#"time: invalid duration ".""#),
            ("-.", r#"time: invalid duration "-.""#),
            (".s", r#"time: invalid duration ".s""#),
            ("+.s", r#"time: invalid duration "+.s""#),
            ("1d", r#"time: unknown unit "d" in duration "1d""#),
            ("1w", r#"time: unknown unit "w" in duration "1w""#),
            ("1h 30m", r#"time: unknown unit "h " in duration "1h 30m""#),
            (" 1h", r#"time: invalid duration " 1h""#),
            ("1H", r#"time: unknown unit "H" in duration "1H""#),
            ("1h30", r#"time: missing unit in duration "1h30""#),
            ("--1s", r#"time: invalid duration "--1s""#),
            ("1.2.3s", r#"time: missing unit in duration "1.2.3s""#),
            ("00", r#"time: missing unit in duration "00""#),
            ("-00", r#"time: missing unit in duration "-00""#),
            ("\u{fffd}", r#"time: invalid duration "\xef\xbf\xbd""#),
            (
                "\u{fffd} hello \u{fffd} world",
                r#"time: invalid duration "\xef\xbf\xbd hello \xef\xbf\xbd world""#,
            ),
            (
                "1\u{b5}m",
                r#"time: unknown unit "\xc2\xb5m" in duration "1\xc2\xb5m""#,
            ),
            ("1\ts", r#"time: unknown unit "\x09s" in duration "1\x09s""#),
            ("1\"s", r#"time: unknown unit "\"s" in duration "1\"s""#),
            (
                "9223372036854775810ns",
                r#"time: invalid duration "9223372036854775810ns""#,
            ),
            (
                "9223372036854775808ns",
                r#"time: invalid duration "9223372036854775808ns""#,
            ),
            (
                "-9223372036854775809ns",
                r#"time: invalid duration "-9223372036854775809ns""#,
            ),
            (
                "9223372036854776us",
                r#"time: invalid duration "9223372036854776us""#,
            ),
            ("3000000h", r#"time: invalid duration "3000000h""#),
            (
                "9223372036854775.808us",
                r#"time: invalid duration "9223372036854775.808us""#,
            ),
            (
                "9223372036854ms775us808ns",
                r#"time: invalid duration "9223372036854ms775us808ns""#,
            ),
            (
                "99999999999999999999s",
                r#"time: invalid duration "99999999999999999999s""#,
            ),
        ];
        for &(input, want) in cases {
            assert_eq!(
                parse_go_duration(input),
                Err(want.to_string()),
                "input {input:?}"
            );
        }
    }

    #[test]
    fn formats_like_go() {
        let cases: &[(i64, &str)] = &[
            (0, "0s"),
            (1, "1ns"),
            (1100, "1.1\u{b5}s"),
            (2200 * US, "2.2ms"),
            (100 * MS, "100ms"),
            (3300 * MS, "3.3s"),
            (1500 * MS, "1.5s"),
            (4 * MIN + 5 * S, "4m5s"),
            (4 * MIN + 5001 * MS, "4m5.001s"),
            (5 * H + 6 * MIN + 7001 * MS, "5h6m7.001s"),
            (8 * MIN + 1, "8m0.000000001s"),
            (H + 30 * MIN, "1h30m0s"),
            (90 * MIN, "1h30m0s"),
            (MIN, "1m0s"),
            (-H, "-1h0m0s"),
            (-1, "-1ns"),
            (i64::MAX, "2562047h47m16.854775807s"),
            (i64::MIN, "-2562047h47m16.854775808s"),
        ];
        for &(nanos, want) in cases {
            assert_eq!(format_go_duration(nanos), want, "nanos {nanos}");
        }
    }

    #[test]
    fn round_trips() {
        for nanos in [
            0,
            1,
            999,
            1_000,
            1_500_000,
            S,
            90 * MIN,
            i64::MAX,
            i64::MIN,
            -7 * H,
        ] {
            assert_eq!(parse_go_duration(&format_go_duration(nanos)), Ok(nanos));
        }
    }

    #[test]
    fn quotes_like_strconv() {
        let cases: &[(&str, &str)] = &[
            ("", r#""""#),
            ("abc", r#""abc""#),
            ("\u{7}\u{8}\u{c}\r\n\t\u{b}", r#""\a\b\f\r\n\t\v""#),
            ("\\", r#""\\""#),
            ("\"", r#""\"""#),
            ("'", r#""'""#),
            ("\u{263a}", "\"\u{263a}\""),
            ("\u{10ffff}", r#""\U0010ffff""#),
            ("\u{4}", r#""\x04""#),
            ("\u{0}", r#""\x00""#),
            ("\u{7f}", r#""\x7f""#),
            ("!\u{a0}!\u{2000}!\u{3000}!", r#""!\u00a0!\u2000!\u3000!""#),
            ("\u{ad}", r#""\u00ad""#),
            ("\u{feff}", r#""\ufeff""#),
            ("\u{e000}", r#""\ue000""#),
            ("e\u{301}", "\"e\u{301}\""),
            ("\u{301}", "\"\u{301}\""),
            (
                "caf\u{e9} \u{4e16}\u{754c}",
                "\"caf\u{e9} \u{4e16}\u{754c}\"",
            ),
            ("\u{fffd}", "\"\u{fffd}\""),
            ("\u{1f600}", "\"\u{1f600}\""),
        ];
        for &(input, want) in cases {
            assert_eq!(go_quote(input), want, "input {input:?}");
        }
    }

    #[test]
    fn quotes_invalid_utf8_bytes() {
        assert_eq!(go_quote_bytes(b"abc\xffdef"), r#""abc\xffdef""#);
        assert_eq!(go_quote_bytes(b"\xe2\x82"), r#""\xe2\x82""#);
        assert_eq!(go_quote_bytes(b"\xed\xa0\x80"), r#""\xed\xa0\x80""#);
        assert_eq!(
            go_quote_bytes("ok\t\u{263a}".as_bytes()),
            "\"ok\\t\u{263a}\""
        );
    }
}
