//! Kubernetes `resource.Quantity`: the CRD pattern and Go's `ParseQuantity`.
//!
//! Two checks apply to a `resources.limits`/`requests` value (KUBESTASH.md §6.2):
//! the CRD schema `pattern` ([`matches_crd_pattern`]) and Go decoding in the webhook
//! ([`parse_quantity`]). They disagree on a few inputs (`1e1.5` passes the pattern but
//! not the parser; `.` passes the parser but not the pattern), so both are provided.
//!
//! [`Quantity`] keeps the exact value the Go parser stores (a decimal mantissa and a
//! base-10 exponent, after Go's rounding up to `1n` and its `2^63-1` cap for binary
//! suffixes) and compares by numeric value, like `Quantity.Cmp`. Nothing is expanded
//! into a big integer, so inputs such as `1e999999999` cost nothing.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

/// The `pattern` of every quantity field in the vendored KubeStash CRDs
/// (`anyOf: [integer, string]`, `x-kubernetes-int-or-string`).
pub const CRD_QUANTITY_PATTERN: &str = r"^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$";

/// The regular expression quoted by Go's `ErrFormatWrong` (`splitREString`).
/// It is only part of the message; the parser does not use it.
pub const SPLIT_RE: &str = "^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$";

/// Reports whether `s` matches [`CRD_QUANTITY_PATTERN`] (Go RE2 semantics: `$` is the
/// end of the text, so a trailing newline does not match).
pub fn matches_crd_pattern(s: &str) -> bool {
    let b = s.as_bytes();
    let start = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let Some(end) = crd_number(b, start) else {
        return false;
    };
    match &b[end..] {
        [] => true,
        [b'K' | b'M' | b'G' | b'T' | b'P' | b'E', b'i'] => true,
        [b'n' | b'u' | b'm' | b'k' | b'M' | b'G' | b'T' | b'P' | b'E'] => true,
        [b'e' | b'E', exp @ ..] => {
            let start = usize::from(matches!(exp.first(), Some(b'+' | b'-')));
            crd_number(exp, start) == Some(exp.len())
        }
        _ => false,
    }
}

/// Longest match of `([0-9]+(\.[0-9]*)?)|(\.[0-9]+)` at `start`; returns its end.
/// Greedy is exact here: nothing that may follow a number is a digit or a dot.
fn crd_number(b: &[u8], start: usize) -> Option<usize> {
    let digits_from = |i: usize| {
        let mut j = i;
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        j
    };
    let int_end = digits_from(start);
    if int_end > start {
        if b.get(int_end) == Some(&b'.') {
            return Some(digits_from(int_end + 1));
        }
        return Some(int_end);
    }
    if b.get(start) == Some(&b'.') {
        let frac_end = digits_from(start + 1);
        if frac_end > start + 1 {
            return Some(frac_end);
        }
    }
    None
}

/// Why Go's `ParseQuantity` rejected a string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuantityError {
    /// `ErrFormatWrong`: the string is empty or not of the form number + suffix.
    FormatWrong,
    /// `ErrNumeric`: the numeric part has no digit where Go needs one.
    Numeric,
    /// `ErrSuffix`: the suffix is not a known unit or exponent (`1K`, `1e`, `1m1`).
    Suffix,
}

impl QuantityError {
    /// The exact Go error text.
    pub fn message(&self) -> &'static str {
        match self {
            QuantityError::FormatWrong => {
                "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
            }
            QuantityError::Numeric => "unable to parse numeric part of quantity",
            QuantityError::Suffix => "unable to parse quantity's suffix",
        }
    }
}

impl fmt::Display for QuantityError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for QuantityError {}

/// The suffix family a quantity was written with (Go's `resource.Format`); it decides
/// how [`Quantity::canonical`] prints the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuantityFormat {
    /// `e<n>` / `E<n>` exponent, e.g. `12e6`.
    DecimalExponent,
    /// `Ki`, `Mi`, `Gi`, `Ti`, `Pi`, `Ei` (powers of 1024).
    BinarySI,
    /// `n`, `u`, `m`, no suffix, `k`, `M`, `G`, `T`, `P`, `E` (powers of 1000).
    DecimalSI,
}

/// A parsed quantity: exact value `(-1)^negative * digits * 10^exponent`.
///
/// Equality, ordering and hashing use the numeric value only (`500m == 0.5`,
/// `1Ki == 1024`), like Go's `Quantity.Cmp`.
#[derive(Debug, Clone)]
pub struct Quantity {
    negative: bool,
    /// Decimal digits (values 0..=9), most significant first, without leading or
    /// trailing zeros; empty for zero.
    digits: Vec<u8>,
    exponent: i64,
    format: QuantityFormat,
    /// The input string when Go keeps it as the serialized form (already canonical).
    cached: Option<String>,
}

/// `2^63 - 1`, Go's cap for binary-suffixed values.
const MAX_INT64_DIGITS: &[u8] = &[9, 2, 2, 3, 3, 7, 2, 0, 3, 6, 8, 5, 4, 7, 7, 5, 8, 0, 7];

/// Parses `s` exactly as Go's `resource.ParseQuantity` does (no trimming).
///
/// Besides the CRD grammar this accepts what the Go scanner accepts: `.` and `+` are 0,
/// `5.` and `.5` are fine, `1.G` is fine, a bare suffix such as `Gi` or `m` is 0.
/// Values below `1n` in magnitude are rounded away from zero to `1n`; binary-suffixed
/// values are capped at `2^63-1` in magnitude. An exponent is parsed as an int64 and
/// then truncated to int32, as Go does (`1e4294967296` is `1`).
///
/// # Errors
///
/// The [`QuantityError`] Go would return, in Go's order of checks.
pub fn parse_quantity(s: &str) -> Result<Quantity, QuantityError> {
    if s.is_empty() {
        return Err(QuantityError::FormatWrong);
    }
    if s == "0" {
        let mut zero = Quantity::zero(QuantityFormat::DecimalSI);
        zero.cached = Some(String::from("0"));
        return Ok(zero);
    }
    let scanned = scan(s.as_bytes())?;
    let (binary, exponent, mut format) =
        interpret_suffix(scanned.suffix).ok_or(QuantityError::Suffix)?;

    #[expect(clippy::cast_possible_wrap, reason = "lengths of a text under 32 MiB")]
    let (num_len, denom_len) = (scanned.num.len() as i64, scanned.denom.len() as i64);

    // Replay Go's choice between its int64 fast path and its inf.Dec slow path: only
    // the slow path can fail with ErrNumeric, and only the fast path keeps the input
    // string as the serialized form.
    let mut cached = None;
    let mut fast = false;
    let mut shift = 0u32;
    let (precision, mut scale) = if binary {
        if exponent >= 0 && scanned.denom.is_empty() {
            shift = exponent.unsigned_abs();
            (15 - num_len - i64::from(exponent * 3 / 10) - 1, 0)
        } else {
            (-1, 0)
        }
    } else {
        (18 - (num_len + denom_len), i64::from(exponent))
    };
    if precision >= 0 {
        scale -= denom_len;
        if scale >= -9 {
            let shifted: Vec<u8> = scanned.num.iter().chain(scanned.denom).copied().collect();
            let value = shifted.iter().try_fold(0i64, |acc, d| {
                acc.checked_mul(10)?.checked_add(i64::from(d - b'0'))
            });
            // Go falls back to the slow path when value * 2^shift overflows int64.
            let fits = value.filter(|v| {
                1i64.checked_shl(shift)
                    .and_then(|m| v.checked_mul(m))
                    .is_some()
            });
            if let Some(value) = fits {
                fast = true;
                let keep = if binary {
                    exponent % 10 == 0 && value & 0x07 != 0
                } else {
                    scale % 3 == 0 && !shifted.ends_with(b"000") && shifted.first() != Some(&b'0')
                };
                if keep {
                    cached = Some(s.to_string());
                }
            }
        }
    }
    if !fast && !scanned.value.iter().any(u8::is_ascii_digit) {
        return Err(QuantityError::Numeric);
    }

    // The exact value: (num . denom) * 10^exponent or * 2^exponent.
    let mut digits: Vec<u8> = scanned
        .num
        .iter()
        .chain(scanned.denom)
        .map(|d| d - b'0')
        .collect();
    let mut exp10 = -denom_len;
    if binary {
        for _ in 0..exponent / 10 {
            mul_small(&mut digits, 1024);
        }
    } else {
        exp10 += i64::from(exponent);
    }
    normalize(&mut digits, &mut exp10);

    // Go rounds any non-zero value up (away from zero) to a multiple of 1n.
    if !digits.is_empty() && exp10 < -9 {
        let drop = usize::try_from(-9 - exp10).unwrap_or(usize::MAX);
        let keep = digits.len().saturating_sub(drop);
        digits.truncate(keep);
        add_one(&mut digits);
        exp10 = -9;
        normalize(&mut digits, &mut exp10);
    }
    if binary {
        if cmp_magnitude(&digits, exp10, MAX_INT64_DIGITS, 0) == Ordering::Greater {
            digits = MAX_INT64_DIGITS.to_vec();
            exp10 = 0;
        }
        if cmp_magnitude(&digits, exp10, &[1], 0) == Ordering::Less && !digits.is_empty() {
            format = QuantityFormat::DecimalSI;
        }
    }
    let negative = !scanned.positive && !digits.is_empty();
    Ok(Quantity {
        negative,
        digits,
        exponent: exp10,
        format,
        cached,
    })
}

/// Parses a quantity the way `Quantity.UnmarshalJSON` does for a JSON string: surrounding
/// whitespace is trimmed (Go `strings.TrimSpace`) before [`parse_quantity`].
///
/// # Errors
///
/// As [`parse_quantity`].
pub fn decode_quantity(s: &str) -> Result<Quantity, QuantityError> {
    parse_quantity(s.trim())
}

/// The pieces Go's `parseQuantityString` returns (as byte slices of the input).
struct Scanned<'a> {
    positive: bool,
    /// Sign, integer part and fraction as written (what inf.Dec would parse).
    value: &'a [u8],
    /// Integer digits without leading zeros, or `0` when there are none.
    num: &'a [u8],
    /// Fraction digits as written.
    denom: &'a [u8],
    suffix: &'a [u8],
}

/// Go's `parseQuantityString`, byte for byte.
fn scan(b: &[u8]) -> Result<Scanned<'_>, QuantityError> {
    const ZERO: &[u8] = b"0";
    let end = b.len();
    let mut positive = true;
    let mut pos = 0;
    match b.first() {
        Some(b'-') => {
            positive = false;
            pos += 1;
        }
        Some(b'+') => pos += 1,
        _ => {}
    }
    // Leading zeros.
    while pos < end && b[pos] == b'0' {
        pos += 1;
    }
    if pos >= end {
        return Ok(Scanned {
            positive,
            value: ZERO,
            num: ZERO,
            denom: &[],
            suffix: &[],
        });
    }
    // Integer part.
    let mut i = pos;
    while i < end && b[i].is_ascii_digit() {
        i += 1;
    }
    if i >= end {
        return Ok(Scanned {
            positive,
            value: b,
            num: &b[pos..],
            denom: &[],
            suffix: &[],
        });
    }
    let mut num = &b[pos..i];
    pos = i;
    if num.is_empty() {
        num = ZERO;
    }
    // Fraction.
    let mut denom: &[u8] = &[];
    if pos < end && b[pos] == b'.' {
        pos += 1;
        let mut i = pos;
        while i < end && b[i].is_ascii_digit() {
            i += 1;
        }
        if i >= end {
            return Ok(Scanned {
                positive,
                value: b,
                num,
                denom: &b[pos..],
                suffix: &[],
            });
        }
        denom = &b[pos..i];
        pos = i;
    }
    let value = &b[..pos];
    // Suffix: letters, then an optional sign, then digits, then the end.
    let suffix_start = pos;
    let mut i = pos;
    while i < end && b"eEinumkKMGTP".contains(&b[i]) {
        i += 1;
    }
    if i >= end {
        return Ok(Scanned {
            positive,
            value,
            num,
            denom,
            suffix: &b[suffix_start..],
        });
    }
    pos = i;
    if matches!(b[pos], b'-' | b'+') {
        pos += 1;
    }
    let mut i = pos;
    while i < end && b[i].is_ascii_digit() {
        i += 1;
    }
    if i >= end {
        return Ok(Scanned {
            positive,
            value,
            num,
            denom,
            suffix: &b[suffix_start..],
        });
    }
    Err(QuantityError::FormatWrong)
}

/// Go's `quantitySuffixer.interpret`: `(is binary, exponent, format)`.
fn interpret_suffix(suffix: &[u8]) -> Option<(bool, i32, QuantityFormat)> {
    use QuantityFormat::{BinarySI, DecimalExponent, DecimalSI};
    let decimal = |e| Some((false, e, DecimalSI));
    let bin = |e| Some((true, e, BinarySI));
    match suffix {
        b"" => decimal(0),
        b"n" => decimal(-9),
        b"u" => decimal(-6),
        b"m" => decimal(-3),
        b"k" => decimal(3),
        b"M" => decimal(6),
        b"G" => decimal(9),
        b"T" => decimal(12),
        b"P" => decimal(15),
        b"E" => decimal(18),
        b"Ki" => bin(10),
        b"Mi" => bin(20),
        b"Gi" => bin(30),
        b"Ti" => bin(40),
        b"Pi" => bin(50),
        b"Ei" => bin(60),
        [b'e' | b'E', rest @ ..] if !rest.is_empty() => {
            // strconv.ParseInt(rest, 10, 64), then int32(parsed): Go truncates.
            let parsed = go_parse_int64(rest)?;
            #[expect(
                clippy::cast_possible_truncation,
                reason = "Go's int32(int64) truncates"
            )]
            let parsed = parsed as i32;
            Some((false, parsed, DecimalExponent))
        }
        _ => None,
    }
}

/// Go `strconv.ParseInt(s, 10, 64)`: optional sign, at least one ASCII digit, in range.
fn go_parse_int64(s: &[u8]) -> Option<i64> {
    let (negative, digits) = match s {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        _ => (false, s),
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut v: i128 = 0;
    for d in digits {
        v = v * 10 + i128::from(d - b'0');
        if v > i128::from(i64::MAX) + 1 {
            return None;
        }
    }
    let v = if negative { -v } else { v };
    i64::try_from(v).ok()
}

/// Multiplies a most-significant-first digit vector by a small factor.
fn mul_small(digits: &mut Vec<u8>, factor: u32) {
    let mut carry = 0u32;
    for d in digits.iter_mut().rev() {
        let v = u32::from(*d) * factor + carry;
        *d = (v % 10) as u8;
        carry = v / 10;
    }
    let mut head = Vec::new();
    while carry > 0 {
        head.push((carry % 10) as u8);
        carry /= 10;
    }
    if !head.is_empty() {
        head.reverse();
        head.extend_from_slice(digits);
        *digits = head;
    }
}

/// Adds one unit in the last place (the vector may be empty, meaning zero).
fn add_one(digits: &mut Vec<u8>) {
    for d in digits.iter_mut().rev() {
        if *d == 9 {
            *d = 0;
        } else {
            *d += 1;
            return;
        }
    }
    digits.insert(0, 1);
}

/// Strips leading zeros and moves trailing zeros into the exponent; zero becomes
/// `([], 0)`.
fn normalize(digits: &mut Vec<u8>, exponent: &mut i64) {
    let lead = digits.iter().take_while(|d| **d == 0).count();
    digits.drain(..lead);
    let trail = digits.iter().rev().take_while(|d| **d == 0).count();
    digits.truncate(digits.len() - trail);
    if digits.is_empty() {
        *exponent = 0;
    } else {
        *exponent = exponent.saturating_add(i64::try_from(trail).unwrap_or(i64::MAX));
    }
}

/// Compares two normalized magnitudes `a * 10^ae` and `b * 10^be`.
fn cmp_magnitude(a: &[u8], ae: i64, b: &[u8], be: i64) -> Ordering {
    match (a.is_empty(), b.is_empty()) {
        (true, true) => return Ordering::Equal,
        (true, false) => return Ordering::Less,
        (false, true) => return Ordering::Greater,
        (false, false) => {}
    }
    // Position just above the most significant digit decides first.
    let a_top = i128::from(ae) + a.len() as i128;
    let b_top = i128::from(be) + b.len() as i128;
    a_top.cmp(&b_top).then_with(|| a.cmp(b))
}

impl Quantity {
    fn zero(format: QuantityFormat) -> Quantity {
        Quantity {
            negative: false,
            digits: Vec::new(),
            exponent: 0,
            format,
            cached: None,
        }
    }

    /// True for values below zero (`-0` is zero, not negative).
    pub fn is_negative(&self) -> bool {
        self.negative
    }

    /// True when the value is exactly zero.
    pub fn is_zero(&self) -> bool {
        self.digits.is_empty()
    }

    /// `-1`, `0` or `1`, like Go's `Quantity.Sign`.
    pub fn signum(&self) -> i8 {
        if self.digits.is_empty() {
            0
        } else if self.negative {
            -1
        } else {
            1
        }
    }

    /// The suffix family Go records for this quantity.
    pub fn format(&self) -> QuantityFormat {
        self.format
    }

    /// The string Go's `Quantity.String()` (and JSON/YAML marshalling) produces.
    ///
    /// Inputs Go already considers canonical are returned as written (`100m`, `1Gi`,
    /// and quirks such as `+1` or `1.`); otherwise the exponent is made a multiple of 3
    /// (or of 10 for binary suffixes) and as large as possible: `0.1m` -> `100u`,
    /// `1.5` -> `1500m`, `1.5Gi` -> `1536Mi`, `1024Mi` -> `1Gi`. Like Go, a decimal
    /// value whose exponent has no suffix (above `E`) loses its suffix: `1000E` -> `1`.
    pub fn canonical(&self) -> String {
        if let Some(cached) = &self.cached {
            return cached.clone();
        }
        if self.digits.is_empty() {
            return String::from("0");
        }
        let sign = if self.negative { "-" } else { "" };
        if self.format == QuantityFormat::BinarySI
            && let Some(value) = self.binary_integer()
        {
            let (mut value, mut power) = (value, 0usize);
            while value >= 1024 && value % 1024 == 0 {
                value /= 1024;
                power += 1;
            }
            let suffix = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"]
                .get(power)
                .copied()
                .unwrap_or("");
            return format!("{sign}{value}{suffix}");
        }
        let mut digits = self.digits.clone();
        let mut exponent = self.exponent;
        // Go lowers the exponent to a multiple of 3, multiplying the mantissa by 10s.
        let pad = exponent.rem_euclid(3);
        digits.extend(std::iter::repeat_n(0, usize::try_from(pad).unwrap_or(0)));
        exponent -= pad;
        let number: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
        let suffix = match self.format {
            QuantityFormat::DecimalExponent if exponent == 0 => String::new(),
            QuantityFormat::DecimalExponent => format!("e{exponent}"),
            _ => match exponent {
                -9 => "n",
                -6 => "u",
                -3 => "m",
                3 => "k",
                6 => "M",
                9 => "G",
                12 => "T",
                15 => "P",
                18 => "E",
                _ => "",
            }
            .to_string(),
        };
        format!("{sign}{number}{suffix}")
    }

    /// For binary formatting: the magnitude as an integer when it is one and is at
    /// least 1024 (Go prints smaller or fractional values in DecimalSI form).
    fn binary_integer(&self) -> Option<u64> {
        if self.exponent < 0
            || i64::try_from(self.digits.len()).map_or(true, |len| len + self.exponent > 19)
        {
            return None;
        }
        let mut v: u64 = 0;
        for d in &self.digits {
            v = v.checked_mul(10)?.checked_add(u64::from(*d))?;
        }
        for _ in 0..self.exponent {
            v = v.checked_mul(10)?;
        }
        (v >= 1024).then_some(v)
    }
}

impl PartialEq for Quantity {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Quantity {}

impl PartialOrd for Quantity {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Quantity {
    fn cmp(&self, other: &Self) -> Ordering {
        let (a, b) = (self.signum(), other.signum());
        if a != b || a == 0 {
            return a.cmp(&b);
        }
        let magnitude = cmp_magnitude(&self.digits, self.exponent, &other.digits, other.exponent);
        if a < 0 {
            magnitude.reverse()
        } else {
            magnitude
        }
    }
}

impl Hash for Quantity {
    fn hash<H: Hasher>(&self, state: &mut H) {
        // The representation is normalized, so equal values hash alike.
        self.negative.hash(state);
        self.digits.hash(state);
        self.exponent.hash(state);
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.canonical())
    }
}

impl FromStr for Quantity {
    type Err = QuantityError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_quantity(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> Quantity {
        match parse_quantity(s) {
            Ok(q) => q,
            Err(e) => panic!("{s:?} should parse: {e}"),
        }
    }

    fn err(s: &str) -> QuantityError {
        match parse_quantity(s) {
            Ok(q) => panic!("{s:?} should fail, got {q:?}"),
            Err(e) => e,
        }
    }

    // ---- KUBESTASH.md §6.2, one test per table row ----

    #[test]
    fn table_row_valid_everywhere() {
        for s in [
            "200m",
            "1Gi",
            "1e3",
            "0.5",
            "1G",
            "1k",
            "100M",
            "128974848",
            "129e6",
            "123Mi",
            "1.5Gi",
            "1Ei",
            "1E",
            "1P",
            "1T",
            "1Ti",
            "1n",
            "1u",
            "0.1m",
            "1e-3",
            "1E+3",
            "+1",
            ".5",
            "5.",
            "1.0Gi",
        ] {
            assert!(matches_crd_pattern(s), "pattern should accept {s:?}");
            assert!(parse_quantity(s).is_ok(), "parser should accept {s:?}");
        }
        // Notes of the row: `1E` is exa, `0.1m` becomes `100u`.
        assert_eq!(q("1E"), q("1000000000000000000"));
        assert_eq!(q("0.1m").canonical(), "100u");
    }

    #[test]
    fn table_row_invalid_everywhere() {
        for s in [
            "1GB", "1gi", "1g", "1KB", "1Mb", "1Gib", "1mi", "2e10Gi", "5%", "1,5", "1_000",
            "0x10", "abc", "1.2.3", "1 Gi", " 1Gi", "1Gi ",
        ] {
            assert!(!matches_crd_pattern(s), "pattern should reject {s:?}");
            assert!(parse_quantity(s).is_err(), "parser should reject {s:?}");
        }
    }

    #[test]
    fn table_row_suffix_errors() {
        for s in ["1K", "1ki", "1e", "1m1"] {
            assert!(!matches_crd_pattern(s), "pattern should reject {s:?}");
            assert_eq!(err(s), QuantityError::Suffix, "{s:?}");
            assert_eq!(err(s).message(), "unable to parse quantity's suffix");
        }
    }

    #[test]
    fn table_row_fractional_exponent() {
        assert!(matches_crd_pattern("1e1.5"));
        assert!(parse_quantity("1e1.5").is_err());
    }

    #[test]
    fn table_row_lone_dot() {
        assert!(!matches_crd_pattern("."));
        let dot = q(".");
        assert!(dot.is_zero());
        assert_eq!(dot.canonical(), "0");
    }

    #[test]
    fn table_row_negative() {
        assert!(matches_crd_pattern("-1"));
        let minus_one = q("-1");
        assert!(minus_one.is_negative());
        assert_eq!(minus_one.signum(), -1);
    }

    #[test]
    fn table_error_strings() {
        assert_eq!(
            QuantityError::FormatWrong.message(),
            "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
        );
        assert_eq!(
            QuantityError::Numeric.message(),
            "unable to parse numeric part of quantity"
        );
        assert_eq!(
            QuantityError::Suffix.message(),
            "unable to parse quantity's suffix"
        );
        assert!(QuantityError::FormatWrong.message().contains(SPLIT_RE));
        assert_eq!(
            QuantityError::Suffix.to_string(),
            "unable to parse quantity's suffix"
        );
    }

    #[test]
    fn table_comparison_note() {
        assert_eq!(q("500m"), q("0.5"));
        assert!(q("1Gi") > q("1G"));
    }

    // ---- pattern ----

    #[test]
    fn crd_pattern_constant_is_the_vendored_text() {
        assert_eq!(
            CRD_QUANTITY_PATTERN,
            "^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$"
        );
    }

    #[test]
    fn crd_pattern_edges() {
        for s in [
            "0", "-0", "+.5", "1.", "1.e5", "1e+.5", "1E-5.", "1Ei", "9m",
        ] {
            assert!(matches_crd_pattern(s), "{s:?}");
        }
        for s in [
            "", "+", "-", ".", "+.", "e3", "Gi", "1e", "1e+", "1e.", "1i", "1\n", "1Gi\n", "١",
            "1Ki1", "1EE", "1e1e1", "--1",
        ] {
            assert!(!matches_crd_pattern(s), "{s:?}");
        }
    }

    // ---- parser edge cases (traced through quantity.go) ----

    #[test]
    fn empty_is_format_wrong() {
        assert_eq!(err(""), QuantityError::FormatWrong);
    }

    #[test]
    fn format_errors() {
        for s in ["1Gi ", "1-", "1e+-3", "1.5.", "1+1", "é", "1é", "1e3x"] {
            let e = parse_quantity(s);
            assert!(e.is_err(), "{s:?}");
        }
        assert_eq!(err("1 "), QuantityError::FormatWrong);
        assert_eq!(err("1-x"), QuantityError::FormatWrong);
        assert_eq!(err("1é"), QuantityError::FormatWrong);
        // A sign with no digits after it is still scanned, then rejected as a suffix.
        assert_eq!(err("1-"), QuantityError::Suffix);
        assert_eq!(err("1e+"), QuantityError::Suffix);
    }

    #[test]
    fn numberless_inputs() {
        // Fast path: these are zero.
        for s in ["+", "-", "Gi", "m", "Ti", ".Ki", "e3", "-.", "0000", "-0"] {
            let v = q(s);
            assert!(v.is_zero(), "{s:?}");
            assert!(!v.is_negative(), "{s:?}");
        }
        // Slow path (inf.Dec needs a digit): ErrNumeric.
        for s in ["Pi", "Ei", ".Ei", "e-10", ".e-10", "-E-10"] {
            assert_eq!(err(s), QuantityError::Numeric, "{s:?}");
        }
    }

    #[test]
    fn exponent_suffix_parsing() {
        assert_eq!(err("1ee3"), QuantityError::Suffix);
        assert_eq!(err("1e99999999999999999999"), QuantityError::Suffix);
        assert_eq!(q("1e+3"), q("1000"));
        assert_eq!(q("1E-3"), q("1m"));
        // int64 accepted, then truncated to int32 like Go: 2^32 -> 0.
        assert_eq!(q("1e4294967296"), q("1"));
        assert_eq!(q("1e4294967297"), q("10"));
    }

    #[test]
    fn exact_values() {
        assert_eq!(q("1Ki"), q("1024"));
        assert_eq!(q("1Mi"), q("1048576"));
        assert_eq!(q("1.5Gi"), q("1610612736"));
        assert_eq!(q("0.5Ki"), q("512"));
        assert_eq!(q("1k"), q("1000"));
        assert_eq!(q("1e3"), q("1k"));
        assert_eq!(q("1000m"), q("1"));
        assert_eq!(q("1.000"), q("1"));
        assert_eq!(q("007"), q("7"));
        assert_eq!(q("1.G"), q("1G"));
        assert_eq!(q("1Ei"), q("1152921504606846976"));
        assert_eq!(q("7Ei"), q("8070450532247928832"));
    }

    #[test]
    fn rounding_to_nano() {
        assert_eq!(q("0.1n"), q("1n"));
        assert_eq!(q("1e-10"), q("1n"));
        assert_eq!(q("1.0000000001"), q("1000000001n"));
        assert_eq!(q("-1e-10"), q("-1n"));
        assert_eq!(q("0.9999999999n"), q("1n"));
        assert_eq!(q("1e-999999999"), q("1n"));
        assert_eq!(q("0.000000001"), q("1n"));
        assert_eq!(q("0.1n").canonical(), "1n");
    }

    #[test]
    fn binary_cap() {
        assert_eq!(q("8Ei"), q("9223372036854775807"));
        assert_eq!(q("100Ei"), q("9223372036854775807"));
        assert_eq!(q("-8Ei"), q("-9223372036854775807"));
        assert_eq!(q("8Ei").canonical(), "9223372036854775807");
        // Decimal values are not capped by ParseQuantity.
        assert!(q("10E") > q("8Ei"));
    }

    #[test]
    fn ordering() {
        assert!(q("2e10") < q("1Ei"));
        assert!(q("1e999999999") > q("1Ei"));
        assert!(q("1e999999999") < q("2e999999999"));
        assert!(q("1e999999999") > q("99e999999997"));
        assert!(q("-1e999999999") < q("-1"));
        assert!(q("-2") < q("-1"));
        assert!(q("-1") < q("0"));
        assert!(q("0") < q("1n"));
        assert!(q("999m") < q("1"));
        assert!(q("1001m") > q("1"));
        assert!(q("123") < q("1234"));
        assert!(q("12.4") > q("12.35"));
        assert_eq!(q("-0"), q("0"));
        assert_eq!(q("+1"), q("1"));
        assert_eq!(q("200m").cmp(&q("0.2")), Ordering::Equal);
        let mut v = [q("1Gi"), q("1"), q("-5"), q("500m"), q("1G")];
        v.sort();
        let sorted: Vec<String> = v.iter().map(Quantity::canonical).collect();
        assert_eq!(sorted, ["-5", "500m", "1", "1G", "1Gi"]);
    }

    #[test]
    fn hash_agrees_with_eq() {
        use std::collections::HashSet;
        let set: HashSet<Quantity> = ["500m", "0.5", "1Ki", "1024", "5e-1"]
            .iter()
            .map(|s| q(s))
            .collect();
        assert_eq!(set.len(), 2);
    }

    #[test]
    fn formats() {
        assert_eq!(q("1Gi").format(), QuantityFormat::BinarySI);
        assert_eq!(q("0.5Ki").format(), QuantityFormat::BinarySI);
        assert_eq!(q("0.0005Ki").format(), QuantityFormat::DecimalSI);
        assert_eq!(q("1e3").format(), QuantityFormat::DecimalExponent);
        assert_eq!(q("1E").format(), QuantityFormat::DecimalSI);
        assert_eq!(q("1").format(), QuantityFormat::DecimalSI);
    }

    #[test]
    fn canonical_forms() {
        let cases = [
            ("0", "0"),
            ("-0", "0"),
            ("0Ki", "0"),
            ("100m", "100m"),
            ("1000m", "1"),
            ("1.5", "1500m"),
            ("0.5", "500m"),
            ("1000", "1k"),
            ("1024", "1024"),
            ("1e3", "1e3"),
            ("1000e0", "1e3"),
            ("12e6", "12e6"),
            ("1e-3", "1e-3"),
            ("1E+3", "1E+3"),
            ("1.5e3", "1500"),
            ("1Gi", "1Gi"),
            ("1024Mi", "1Gi"),
            ("1.5Gi", "1536Mi"),
            ("1.0Gi", "1Gi"),
            ("0.5Ki", "512"),
            ("1.1Ki", "1126400m"),
            ("-1.5Gi", "-1536Mi"),
            ("0.0001", "100u"),
            ("0.1m", "100u"),
            ("128974848", "128974848"),
            ("129e6", "129e6"),
            ("1E", "1E"),
            ("1000P", "1E"),
            ("1000E", "1"),
            ("+1", "+1"),
            ("01", "01"),
            ("5.", "5."),
            (".5", "500m"),
            ("-1", "-1"),
            ("2e10", "20e9"),
            ("1e999999999", "1e999999999"),
        ];
        for (input, want) in cases {
            assert_eq!(q(input).canonical(), want, "{input:?}");
        }
        assert_eq!(q("1.5").to_string(), "1500m");
    }

    #[test]
    fn decode_trims_like_unmarshal_json() {
        assert_eq!(decode_quantity(" 1Gi\n"), Ok(q("1Gi")));
        assert_eq!(
            decode_quantity("   ").map(|q| q.canonical()),
            Err(QuantityError::FormatWrong)
        );
        assert_eq!("2Gi".parse::<Quantity>(), Ok(q("2048Mi")));
    }

    #[test]
    fn no_panics_on_odd_inputs() {
        let long_digits = "9".repeat(5000);
        let long_fraction = format!("0.{}1", "0".repeat(5000));
        let inputs = [
            long_digits.as_str(),
            long_fraction.as_str(),
            "1e-2147483648",
            "1e2147483647",
            "1e-9223372036854775808",
            "1e9223372036854775807",
            "-",
            "+",
            "\u{0}",
            "ＧＩ",
            "1\u{301}",
            "99999999999999999999Ei",
            "0.99999999999999999999Ei",
        ];
        for s in inputs {
            let _ = matches_crd_pattern(s);
            if let Ok(v) = parse_quantity(s) {
                let _ = v.canonical();
                let _ = v.cmp(&q("1"));
            }
        }
        assert_eq!(q(&long_fraction), q("1n"));
        assert!(q(&long_digits) > q("1e4999"));
    }
}
