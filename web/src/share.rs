//! The URL fragment: `#/backup`, `#/restore`, and share links that carry the YAML itself
//! (`#/backup?y=<base64url of the UTF-8 text>`), so nothing is ever sent anywhere.

use crate::state::View;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Base64url without padding (RFC 4648 §5).
#[must_use]
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let chars = chunk.len() + 1;
        for i in 0..chars {
            out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

/// Decode base64url (padding and the `+/` alphabet tolerated); `None` on anything else.
#[must_use]
pub fn decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0;
    for c in text.bytes().filter(|&c| c != b'=') {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(((acc >> bits) & 0xff) as u8);
        }
    }
    Some(out)
}

/// What a fragment asks for: a view, and maybe a shared document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Route {
    pub view: Option<View>,
    pub yaml: Option<String>,
}

/// Read `#/restore?y=…` (the leading `#` optional).
///
/// ```
/// use stashform_web::{share, state::View};
/// let link = share::fragment(View::Restore, Some("kind: RestoreSession\n"));
/// let route = share::parse(&link);
/// assert_eq!(route.view, Some(View::Restore));
/// assert_eq!(route.yaml.as_deref(), Some("kind: RestoreSession\n"));
/// ```
#[must_use]
pub fn parse(fragment: &str) -> Route {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let fragment = fragment.strip_prefix('/').unwrap_or(fragment);
    let (view, query) = fragment.split_once('?').unwrap_or((fragment, ""));
    let yaml = query
        .split('&')
        .find_map(|pair| pair.strip_prefix("y="))
        .and_then(decode)
        .and_then(|bytes| String::from_utf8(bytes).ok());
    Route {
        view: View::from_slug(view),
        yaml,
    }
}

/// The fragment of a view, with the document when sharing.
#[must_use]
pub fn fragment(view: View, yaml: Option<&str>) -> String {
    match yaml {
        Some(text) => format!("#/{}?y={}", view.slug(), encode(text.as_bytes())),
        None => format!("#/{}", view.slug()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_round_trips() {
        for text in [
            "",
            "a",
            "ab",
            "abc",
            "abcd",
            "schedule: \"*/5 * * * *\"\n",
            "é ✓ 🙂",
        ] {
            let encoded = encode(text.as_bytes());
            assert!(!encoded.contains(['=', '+', '/']));
            assert_eq!(decode(&encoded).unwrap(), text.as_bytes());
        }
        assert_eq!(encode(b"foobar"), "Zm9vYmFy");
        assert_eq!(encode(b"\xfb\xff"), "-_8");
        assert_eq!(decode("Zm9vYg=="), Some(b"foob".to_vec()));
        assert_eq!(decode("a b"), None);
    }

    #[test]
    fn routes_parse_and_print() {
        assert_eq!(parse("").view, None);
        assert_eq!(parse("#/restore").view, Some(View::Restore));
        let text = "kind: RestoreSession\n";
        let route = parse(&fragment(View::Restore, Some(text)));
        assert_eq!(route.view, Some(View::Restore));
        assert_eq!(route.yaml.as_deref(), Some(text));
        assert_eq!(parse("#/backup?y=%%").yaml, None);
    }
}
