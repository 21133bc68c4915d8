//! The position-preserving document tree: every node knows its byte span, every mapping key
//! knows its own span, so a diagnostic path can be turned back into a place in the text.

use crate::Span;

/// A mapping key and the span of its text.
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    pub name: String,
    pub span: Span,
}

/// A YAML node after tag resolution as Kubernetes reads it (go-yaml v2 rules, see `resolve`).
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub span: Span,
}

/// The resolved value of a node. Integers keep the full `i128` range so that values past
/// `i64` (which Go reads as `uint64`) are not lost.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Key, Node)>),
}

impl Node {
    #[inline]
    #[must_use]
    pub fn new(value: Value, span: Span) -> Self {
        Self { value, span }
    }

    /// The value of `key` when this node is a mapping that has it.
    #[inline]
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|(_, node)| node)
    }

    /// The key and value of `key` when this node is a mapping that has it.
    #[inline]
    #[must_use]
    pub fn entry(&self, key: &str) -> Option<(&Key, &Node)> {
        match &self.value {
            Value::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.name == key)
                .map(|(k, v)| (k, v)),
            _ => None,
        }
    }

    /// The string when this node is a string scalar.
    #[inline]
    #[must_use]
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// A string field of a mapping: `node.str_at("name")`.
    #[inline]
    #[must_use]
    pub fn str_at(&self, key: &str) -> Option<&str> {
        self.get(key).and_then(Node::as_str)
    }

    /// The items when this node is a sequence, else an empty slice.
    #[inline]
    #[must_use]
    pub fn items(&self) -> &[Node] {
        match &self.value {
            Value::Seq(items) => items,
            _ => &[],
        }
    }

    /// A scalar as YAML text (`""` for collections and null), for messages and help.
    #[must_use]
    pub fn scalar_text(&self) -> String {
        match &self.value {
            Value::Float(f) => format_float(*f),
            Value::Int(i) => i.to_string(),
            Value::Bool(b) => b.to_string(),
            Value::Str(s) => s.clone(),
            _ => String::new(),
        }
    }

    /// The items of a list field of a mapping, or an empty slice: `node.items_at("sessions")`.
    #[inline]
    #[must_use]
    pub fn items_at(&self, key: &str) -> &[Node] {
        self.get(key).map(Node::items).unwrap_or_default()
    }

    /// The entries when this node is a mapping, else an empty slice.
    #[inline]
    #[must_use]
    pub fn entries(&self) -> &[(Key, Node)] {
        match &self.value {
            Value::Map(entries) => entries,
            _ => &[],
        }
    }

    #[inline]
    #[must_use]
    pub fn is_null(&self) -> bool {
        matches!(self.value, Value::Null)
    }

    /// The JSON type name Kubernetes uses in `must be of type` messages.
    #[inline]
    #[must_use]
    pub fn type_name(&self) -> &'static str {
        match &self.value {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Int(_) => "integer",
            Value::Float(f) if f.is_finite() && f.fract() == 0.0 => "integer",
            Value::Float(_) => "number",
            Value::Str(_) => "string",
            Value::Seq(_) => "array",
            Value::Map(_) => "object",
        }
    }

    /// Convert to JSON the way `sigs.k8s.io/yaml` does before the API server sees it.
    #[must_use]
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match &self.value {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Int(i) => i64::try_from(*i)
                .map(J::from)
                .or_else(|_| u64::try_from(*i).map(J::from))
                .unwrap_or_else(|_| J::String(i.to_string())),
            Value::Float(f) => {
                if let Some(whole) = json_integer(*f) {
                    J::from(whole)
                } else {
                    serde_json::Number::from_f64(*f).map_or(J::Null, J::Number)
                }
            }
            Value::Str(s) => J::String(s.clone()),
            Value::Seq(items) => J::Array(items.iter().map(Node::to_json).collect()),
            Value::Map(entries) => J::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.name.clone(), v.to_json()))
                    .collect(),
            ),
        }
    }

    /// [`Node::to_json`] as compact JSON text (`serde_json::to_string` of it, byte for byte),
    /// written directly: the page prints values in messages this way without linking
    /// serde_json's `Value` and its serializer.
    #[must_use]
    pub fn json_text(&self) -> String {
        let mut out = String::new();
        self.write_json(&mut out);
        out
    }

    fn write_json(&self, out: &mut String) {
        match &self.value {
            Value::Null => out.push_str("null"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Int(i) if i64::try_from(*i).is_ok() || u64::try_from(*i).is_ok() => {
                out.push_str(&i.to_string());
            }
            Value::Int(i) => write_json_string(&i.to_string(), out),
            Value::Float(f) if let Some(whole) = json_integer(*f) => {
                out.push_str(&whole.to_string());
            }
            Value::Float(f) if f.is_finite() => out.push_str(zmij::Buffer::new().format_finite(*f)),
            Value::Float(_) => out.push_str("null"),
            Value::Str(s) => write_json_string(s, out),
            Value::Seq(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write_json(out);
                }
                out.push(']');
            }
            Value::Map(entries) => {
                out.push('{');
                // A repeated key (duplicates and `<<` merges are kept in the tree) keeps its
                // last value at its first place, as a JSON object built from the entries does.
                let name = |i: &usize| entries.get(*i).map(|(k, _)| k.name.as_str());
                let mut by_name: Vec<usize> = (0..entries.len()).collect();
                crate::order::sort_by(&mut by_name, |a, b| name(a).cmp(&name(b)));
                let mut last_value: Vec<Option<usize>> = vec![None; entries.len()];
                for run in by_name.chunk_by(|a, b| name(a) == name(b)) {
                    if let (Some(first), Some(last)) = (run.first(), run.last())
                        && let Some(slot) = last_value.get_mut(*first)
                    {
                        *slot = Some(*last);
                    }
                }
                let written = entries
                    .iter()
                    .zip(&last_value)
                    .filter_map(|((key, _), last)| Some((key, &entries.get((*last)?)?.1)));
                for (i, (key, value)) in written.enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_json_string(&key.name, out);
                    out.push(':');
                    value.write_json(out);
                }
                out.push('}');
            }
        }
    }

    /// Build a span-less tree from JSON (used by `render` for objects that never were text).
    #[must_use]
    pub fn from_json(value: &serde_json::Value) -> Node {
        use serde_json::Value as J;
        let value = match value {
            J::Null => Value::Null,
            J::Bool(b) => Value::Bool(*b),
            J::Number(n) => n
                .as_i64()
                .map(|i| Value::Int(i128::from(i)))
                .or_else(|| n.as_u64().map(|u| Value::Int(i128::from(u))))
                .unwrap_or_else(|| Value::Float(n.as_f64().unwrap_or(0.0))),
            J::String(s) => Value::Str(s.clone()),
            J::Array(items) => Value::Seq(items.iter().map(Node::from_json).collect()),
            J::Object(map) => Value::Map(
                map.iter()
                    .map(|(k, v)| {
                        (
                            Key {
                                name: k.clone(),
                                span: Span::default(),
                            },
                            Node::from_json(v),
                        )
                    })
                    .collect(),
            ),
        };
        Node::new(value, Span::default())
    }
}

/// A float that JSON carries as an integer: Go's encoding/json writes 1.0 as `1`, which then
/// decodes as an integer.
fn json_integer(f: f64) -> Option<i64> {
    #[expect(clippy::cast_possible_truncation, reason = "integral and under 9e15")]
    (f.is_finite() && f.fract() == 0.0 && f.abs() < 9.0e15).then_some(f as i64)
}

/// `text` as a JSON string, escaped as serde_json escapes it.
#[must_use]
pub fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    write_json_string(text, &mut out);
    out
}

fn write_json_string(text: &str, out: &mut String) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c < ' ' => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                let byte = u32::from(c);
                out.push_str("\\u00");
                for shift in [4, 0] {
                    let digit = usize::try_from((byte >> shift) & 0xf).unwrap_or(0);
                    out.push(char::from(HEX.get(digit).copied().unwrap_or(b'0')));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Shortest text that reads back as the same float (`1000.0`, `0.5`, `1e16`).
#[must_use]
pub fn format_float(f: f64) -> String {
    if f.is_nan() {
        ".nan".to_owned()
    } else if f.is_infinite() {
        if f > 0.0 { ".inf" } else { "-.inf" }.to_owned()
    } else {
        debug_layout(zmij::Buffer::new().format_finite(f))
    }
}

/// The shortest digits zmij finds, laid out as Rust's `{:?}` lays them out (a `.0` or an
/// exponent, so a float stays a float). `{:?}` itself would link core's own float printing
/// (Grisu with a Dragon4 fallback, about 25 KB of wasm) next to the zmij that serde_json has.
fn debug_layout(shortest: &str) -> String {
    let (sign, unsigned) = match shortest.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", shortest),
    };
    let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => (mantissa, exponent.parse::<i64>().unwrap_or(0)),
        None => (unsigned, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all: String = [whole, fraction].concat();
    let significant = all.trim_start_matches('0');
    let digits = significant.trim_end_matches('0');
    if digits.is_empty() {
        return format!("{sign}0.0");
    }
    let len = |s: &str| i64::try_from(s.len()).unwrap_or(i64::MAX);
    // The value is 0.<digits> × 10^point.
    let point = len(whole) + exponent - (len(&all) - len(significant));
    if (-3..=16).contains(&point) {
        // 1e-4 <= |f| < 1e16: positional, as `{:?}` does.
        let zeros = |n: i64| "0".repeat(usize::try_from(n).unwrap_or(0));
        if point <= 0 {
            format!("{sign}0.{}{digits}", zeros(-point))
        } else if point >= len(digits) {
            format!("{sign}{digits}{}.0", zeros(point - len(digits)))
        } else {
            let (int, frac) = digits.split_at(usize::try_from(point).unwrap_or(0));
            format!("{sign}{int}.{frac}")
        }
    } else {
        let (first, rest) = digits.split_at(1);
        let dot = if rest.is_empty() { "" } else { "." };
        format!("{sign}{first}{dot}{rest}e{}", point - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::format_float;
    use proptest::prelude::*;

    #[test]
    fn floats_read_as_rust_debug_prints_them() {
        let edges = [
            0.0,
            -0.0,
            1.0,
            -1.5,
            100.0,
            0.1,
            0.3,
            1e-4,
            9.99e-5,
            1e-5,
            1.5e-7,
            1e15,
            9.9e15,
            1e16,
            1.25e16,
            1e17,
            123_456_789.0,
            5e-324,
            f64::MIN_POSITIVE,
            f64::MAX,
            f64::MIN,
            2.5e-3,
            1e21,
            1e22,
            0.000_123_4,
        ];
        for f in edges {
            assert_eq!(format_float(f), format!("{f:?}"), "{f:e}");
        }
        assert_eq!(format_float(f64::NAN), ".nan");
        assert_eq!(format_float(f64::NEG_INFINITY), "-.inf");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]
        /// Shortest digits that read back, in `{:?}`'s layout. Where 17 digits are needed, zmij
        /// and core may pick different last digits: both read back as the same float.
        #[test]
        fn any_finite_float_reads_back_in_rust_debug_layout(bits in any::<u64>()) {
            let f = f64::from_bits(bits);
            prop_assume!(f.is_finite());
            let ours = format_float(f);
            prop_assert_eq!(ours.parse::<f64>().map(f64::to_bits), Ok(bits), "{}", ours);
            let shape = |s: &str| s.replace(|c: char| c.is_ascii_digit(), "9");
            prop_assert_eq!(shape(&ours), shape(&format!("{f:?}")));
        }

        #[test]
        fn short_decimals_read_as_rust_debug_prints_them(n in -10_000_000i64..10_000_000, scale in -20i32..20) {
            let f = format!("{n}e{scale}").parse::<f64>().unwrap_or(0.0);
            prop_assert_eq!(format_float(f), format!("{f:?}"));
        }
    }
}

#[cfg(test)]
mod json_tests {
    use super::{Key, Node, Value, json_string};
    use crate::Span;

    fn node(value: Value) -> Node {
        Node::new(value, Span::default())
    }

    fn key(name: &str) -> Key {
        Key {
            name: name.to_owned(),
            span: Span::default(),
        }
    }

    #[test]
    fn json_text_is_serde_json_text() {
        let strings = [
            "",
            "plain",
            "quote \" back \\ slash",
            "\n\r\t\u{8}\u{c}\u{1}\u{1f}\u{7f}",
            "é😀/<>",
        ];
        let mut items: Vec<Node> = strings
            .iter()
            .map(|s| node(Value::Str((*s).to_owned())))
            .collect();
        for value in [
            Value::Null,
            Value::Bool(true),
            Value::Bool(false),
            Value::Int(-5),
            Value::Int(i128::from(u64::MAX)),
            Value::Int(i128::from(u64::MAX) + 1),
            Value::Int(i128::MIN),
            Value::Float(2.0),
            Value::Float(-0.0),
            Value::Float(1.5),
            Value::Float(1e16),
            Value::Float(1.25e-7),
            Value::Float(f64::NAN),
            Value::Float(f64::INFINITY),
        ] {
            items.push(node(value));
        }
        let map = node(Value::Map(vec![
            (key("b"), node(Value::Int(1))),
            (key("a"), node(Value::Seq(items.clone()))),
            (key("b"), node(Value::Int(2))),
            (key("c\"d"), node(Value::Map(Vec::new()))),
            (key("a"), node(Value::Str("last".to_owned()))),
        ]));
        for n in items.iter().chain([&map, &node(Value::Seq(Vec::new()))]) {
            assert_eq!(n.json_text(), n.to_json().to_string());
        }
        for s in strings {
            assert_eq!(json_string(s), serde_json::Value::from(s).to_string());
        }
    }
}
