//! Plain-scalar resolution exactly as Kubernetes reads YAML: `sigs.k8s.io/yaml` uses go-yaml v2,
//! which follows YAML 1.1 (`yes`/`on` are booleans, `0x10` and `010` are integers,
//! timestamps stay strings when decoded into `interface{}`).

use crate::node::Value;

/// Resolve an untagged plain scalar.
#[must_use]
pub fn plain(text: &str) -> Value {
    non_string(text).unwrap_or_else(|| Value::Str(text.to_owned()))
}

/// Resolve an untagged plain scalar the parser already owns (no copy when it is a string).
#[must_use]
pub fn plain_owned(text: std::borrow::Cow<'_, str>) -> Value {
    non_string(&text).unwrap_or_else(|| Value::Str(compact(text.into_owned())))
}

/// The scanner grows strings by doubling; a loaded tree keeps only what it needs.
#[must_use]
pub fn compact(mut text: String) -> String {
    if text.capacity() > text.len() + 8 {
        text.shrink_to_fit();
    }
    text
}

/// The value of a plain scalar that is not a string (null, boolean, number), if it is one.
fn non_string(text: &str) -> Option<Value> {
    // The words below are at most 5 bytes long: most strings skip comparing against each.
    if text.len() > 5 {
        return number_like(text);
    }
    Some(match text {
        "" | "~" | "null" | "Null" | "NULL" => Value::Null,
        "y" | "Y" | "yes" | "Yes" | "YES" | "on" | "On" | "ON" | "true" | "True" | "TRUE" => {
            Value::Bool(true)
        }
        "n" | "N" | "no" | "No" | "NO" | "off" | "Off" | "OFF" | "false" | "False" | "FALSE" => {
            Value::Bool(false)
        }
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => Value::Float(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => Value::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => Value::Float(f64::NAN),
        _ => return number_like(text),
    })
}

/// The number a plain scalar that starts like one stands for.
fn number_like(text: &str) -> Option<Value> {
    let first = text.as_bytes()[0];
    if first.is_ascii_digit() || matches!(first, b'-' | b'+' | b'.') {
        number(text)
    } else {
        None
    }
}

/// go-yaml v2: strip `_`, then `strconv.ParseInt(s, 0, 64)`, `ParseUint`, a YAML-style float,
/// and finally `0b` binary.
fn number(text: &str) -> Option<Value> {
    // Cheap rejection: numbers only hold these characters (`1Gi`, `--clean`, `200m` are strings).
    if !text.bytes().all(|b| {
        b.is_ascii_hexdigit() || matches!(b, b'_' | b'-' | b'+' | b'.' | b'x' | b'X' | b'o' | b'O')
    }) {
        return None;
    }
    let plain: String = text.chars().filter(|&c| c != '_').collect();
    if let Some(i) = go_parse_int(&plain) {
        return Some(Value::Int(i));
    }
    if is_yaml_float(&plain) {
        return plain.parse::<f64>().ok().map(Value::Float);
    }
    let (negative, rest) = match plain.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, plain.as_str()),
    };
    let binary = rest.strip_prefix("0b")?;
    let magnitude = i128::from_str_radix(binary, 2).ok()?;
    let value = if negative { -magnitude } else { magnitude };
    (i64::try_from(value).is_ok()).then_some(Value::Int(value))
}

/// `strconv.ParseInt(s, 0, 64)` then `ParseUint(s, 0, 64)`: sign, then base prefix
/// (`0x`, `0o`, `0b`, leading `0` = octal), range of i64 or u64.
fn go_parse_int(s: &str) -> Option<i128> {
    let (negative, body) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    if body.is_empty() {
        return None;
    }
    let lower = body.to_ascii_lowercase();
    let (radix, digits) = if let Some(d) = lower.strip_prefix("0x") {
        (16, d)
    } else if let Some(d) = lower.strip_prefix("0o") {
        (8, d)
    } else if let Some(d) = lower.strip_prefix("0b") {
        (2, d)
    } else if lower.len() > 1 && lower.starts_with('0') {
        (8, &lower[1..])
    } else {
        (10, lower.as_str())
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let magnitude = u128::from_str_radix(digits, radix).ok()?;
    if negative {
        let value = -i128::try_from(magnitude).ok()?;
        (value >= i128::from(i64::MIN)).then_some(value)
    } else {
        (magnitude <= u128::from(u64::MAX)).then(|| i128::try_from(magnitude).ok())?
    }
}

/// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`
fn is_yaml_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'-' | b'+')));
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - start
    };
    if b.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    } else {
        if digits(&mut i) == 0 {
            return false;
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            digits(&mut i);
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'-' | b'+')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// Would a YAML 1.2 core-schema reader take this plain text for something other than a string?
/// The renderer quotes a string when either YAML 1.1 (Kubernetes) or 1.2 (editors) would.
#[must_use]
pub fn is_yaml12_non_string(text: &str) -> bool {
    matches!(
        text,
        "" | "~"
            | "null"
            | "Null"
            | "NULL"
            | "true"
            | "True"
            | "TRUE"
            | "false"
            | "False"
            | "FALSE"
    ) || is_yaml_float(text)
        || text.starts_with("0o")
        || text.starts_with("0x")
        || text.eq_ignore_ascii_case(".inf")
        || text.eq_ignore_ascii_case("+.inf")
        || text.eq_ignore_ascii_case("-.inf")
        || text.eq_ignore_ascii_case(".nan")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_1_1_words_are_booleans() {
        assert_eq!(plain("yes"), Value::Bool(true));
        assert_eq!(plain("Off"), Value::Bool(false));
        assert_eq!(plain("~"), Value::Null);
        assert_eq!(plain("yess"), Value::Str("yess".into()));
    }

    #[test]
    fn integers_follow_go_parse_int() {
        assert_eq!(plain("10"), Value::Int(10));
        assert_eq!(plain("-1"), Value::Int(-1));
        assert_eq!(plain("0x10"), Value::Int(16));
        assert_eq!(plain("010"), Value::Int(8));
        assert_eq!(plain("1_000"), Value::Int(1000));
        assert_eq!(plain("0b101"), Value::Int(5));
        assert_eq!(
            plain("18446744073709551615"),
            Value::Int(i128::from(u64::MAX))
        );
        assert!(matches!(plain("18446744073709551616"), Value::Float(_)));
    }

    #[test]
    fn floats_and_strings() {
        assert_eq!(plain("0.5"), Value::Float(0.5));
        assert_eq!(plain("1e3"), Value::Float(1000.0));
        assert_eq!(plain(".5"), Value::Float(0.5));
        assert_eq!(plain("200m"), Value::Str("200m".into()));
        assert_eq!(plain("1Gi"), Value::Str("1Gi".into()));
        assert_eq!(plain("--clean"), Value::Str("--clean".into()));
        assert_eq!(plain("2026-01-01"), Value::Str("2026-01-01".into()));
        assert_eq!(plain("09"), Value::Float(9.0));
    }
}
