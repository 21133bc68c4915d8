//! JSON text in, without serde's deserializers (they cost the page tens of KB of code): the
//! vendored data (`data/*.json`, which `xtask vendor` writes with serde_json) read into
//! span-less [`Node`] trees, and the JSON strings of display paths (`labels["a.b"]`).
//!
//! The YAML loader reads JSON too (it is YAML's flow style), but through saphyr-parser, which
//! the wasm builds compile for size: the data took 40-70 ms to load there. This reader takes
//! about a millisecond.

use super::Span;
use super::node::{Key, Node, Value};

/// The JSON value `text` holds, or `None` if it is not one JSON value (with blanks around it).
#[must_use]
pub fn read(text: &str) -> Option<Node> {
    let mut reader = Reader { text, at: 0 };
    let value = reader.value(0)?;
    reader.blanks();
    (reader.at == text.len()).then_some(value)
}

/// Nesting deeper than this is refused (the vendored data nests about 30 deep).
const MAX_DEPTH: usize = 128;

struct Reader<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Reader<'a> {
    fn rest(&self) -> &'a str {
        self.text.get(self.at..).unwrap_or_default()
    }

    fn blanks(&mut self) {
        let rest = self.rest();
        self.at += rest.len() - rest.trim_start_matches([' ', '\t', '\n', '\r']).len();
    }

    /// Skip `token` after blanks; whether it was there.
    fn eat(&mut self, token: char) -> bool {
        self.blanks();
        let found = self.rest().starts_with(token);
        if found {
            self.at += token.len_utf8();
        }
        found
    }

    fn value(&mut self, depth: usize) -> Option<Node> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.blanks();
        let node = |value| Node::new(value, Span::default());
        let rest = self.rest();
        if self.eat('{') {
            let mut entries = Vec::new();
            if !self.eat('}') {
                loop {
                    self.blanks();
                    let (name, after) = string(self.rest())?;
                    self.at = self.text.len() - after.len();
                    if !self.eat(':') {
                        return None;
                    }
                    let key = Key {
                        name,
                        span: Span::default(),
                    };
                    entries.push((key, self.value(depth + 1)?));
                    if self.eat('}') {
                        break;
                    }
                    if !self.eat(',') {
                        return None;
                    }
                }
            }
            Some(node(Value::Map(entries)))
        } else if self.eat('[') {
            let mut items = Vec::new();
            if !self.eat(']') {
                loop {
                    items.push(self.value(depth + 1)?);
                    if self.eat(']') {
                        break;
                    }
                    if !self.eat(',') {
                        return None;
                    }
                }
            }
            Some(node(Value::Seq(items)))
        } else if rest.starts_with('"') {
            let (text, after) = string(rest)?;
            self.at = self.text.len() - after.len();
            Some(node(Value::Str(text)))
        } else {
            for (word, value) in [
                ("true", Value::Bool(true)),
                ("false", Value::Bool(false)),
                ("null", Value::Null),
            ] {
                if rest.starts_with(word) {
                    self.at += word.len();
                    return Some(node(value));
                }
            }
            let len = rest
                .find(|c: char| !(c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | 'e' | 'E')))
                .unwrap_or(rest.len());
            let number = rest.get(..len).filter(|n| !n.is_empty())?;
            self.at += len;
            let value = match number.parse::<i128>() {
                Ok(i) => Value::Int(i),
                Err(_) => Value::Float(number.parse::<f64>().ok()?),
            };
            Some(node(value))
        }
    }
}

/// The JSON string at the start of `text` (also what a display path writes for a key that is
/// not plain) and the text after it.
#[must_use]
pub fn string(text: &str) -> Option<(String, &str)> {
    let mut chars = text.strip_prefix('"')?.char_indices();
    let mut out = String::new();
    let hex = |chars: &mut std::str::CharIndices<'_>| -> Option<u32> {
        (0..4).try_fold(0, |n, _| Some(n * 16 + chars.next()?.1.to_digit(16)?))
    };
    while let Some((at, c)) = chars.next() {
        match c {
            '"' => return Some((out, &text[at + 2..])),
            '\\' => out.push(match chars.next()?.1 {
                'b' => '\u{8}',
                'f' => '\u{c}',
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                'u' => {
                    let unit = hex(&mut chars)?;
                    if (0xd800..0xdc00).contains(&unit) {
                        // A surrogate pair: `\uD83D\uDE00`.
                        if chars.next()?.1 != '\\' || chars.next()?.1 != 'u' {
                            return None;
                        }
                        let low = hex(&mut chars)?
                            .checked_sub(0xdc00)
                            .filter(|l| *l < 0x400)?;
                        char::from_u32(0x10000 + ((unit - 0xd800) << 10) + low)?
                    } else {
                        char::from_u32(unit)?
                    }
                }
                other @ ('"' | '\\' | '/') => other,
                _ => return None,
            }),
            c if c < ' ' => return None,
            c => out.push(c),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_reads_as_serde_json_reads_it() {
        let texts = [
            r#"{"a": [1, -2, 3.5, 1e3, true, false, null], "b\"c": {"d": "\u00e9\n\ud83d\ude00"}, "e": {}, "f": []}"#,
            " [ ] ",
            r#""plain""#,
            include_str!("../../data/crds.json"),
            include_str!("../../data/addons.json"),
        ];
        for text in texts {
            let ours = read(text).map(|n| n.json_text());
            let theirs: serde_json::Value = serde_json::from_str(text).unwrap();
            assert_eq!(
                ours,
                Some(Node::from_json(&theirs).json_text()),
                "{text:.60}"
            );
        }
        for broken in [
            "",
            "{",
            "[1,]",
            r#"{"a" 1}"#,
            "tru",
            "1 2",
            r#"{"a": 1,}"#,
            "[1] x",
        ] {
            assert_eq!(read(broken), None, "{broken}");
        }
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        assert_eq!(read(&deep), None);
    }
}
