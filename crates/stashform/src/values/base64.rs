//! Go's `base64.StdEncoding.Decode`, as `encoding/json` (and `sigs.k8s.io/json`, which the API
//! server decodes with) applies it to a `[]byte` field such as a Secret's `data` values: the
//! standard alphabet, `=` padding required, `\r` and `\n` skipped anywhere. Only validity and
//! the decoded length are needed, so this is a dozen lines instead of a crate (none is in
//! the dependency tree, and the page is near its size budget); the error offset is Go's
//! `CorruptInputError`, so messages quote what the API server says.

/// The number of bytes `text` decodes to, or the offset Go's `CorruptInputError` reports
/// (`illegal base64 data at input byte N`).
///
/// ```
/// use stashform::values::base64::decoded_len;
/// assert_eq!(decoded_len("cGFzc3dvcmQ="), Ok(8));
/// assert_eq!(decoded_len("cGFz\nc3dv"), Ok(6));
/// assert_eq!(decoded_len("password"), Ok(6));
/// assert_eq!(decoded_len("pass word"), Err(4));
/// assert_eq!(decoded_len("cGFzcw"), Err(4));
/// ```
pub fn decoded_len(text: &str) -> Result<usize, usize> {
    let src = text.as_bytes();
    let newline = |c: u8| c == b'\n' || c == b'\r';
    let skip_newlines = |mut at: usize| {
        while at < src.len() && newline(src[at]) {
            at += 1;
        }
        at
    };
    let mut at = 0;
    let mut decoded = 0;
    loop {
        // One quantum of (up to) four characters, as Go's `decodeQuantum`.
        let mut sextets = 0;
        while sextets < 4 {
            let Some(&c) = src.get(at) else {
                return if sextets == 0 {
                    Ok(decoded)
                } else {
                    Err(at - sextets)
                };
            };
            at += 1;
            if c.is_ascii_alphanumeric() || c == b'+' || c == b'/' {
                sextets += 1;
                continue;
            }
            if newline(c) {
                continue;
            }
            if c != b'=' || sextets < 2 {
                return Err(at - 1);
            }
            if sextets == 2 {
                // `==` expected: the first is read.
                at = skip_newlines(at);
                match src.get(at) {
                    None => return Err(src.len()),
                    Some(b'=') => at += 1,
                    Some(_) => return Err(at - 1),
                }
            }
            at = skip_newlines(at);
            if at < src.len() {
                return Err(at);
            }
            return Ok(decoded + sextets * 3 / 4);
        }
        decoded += 3;
    }
}

#[cfg(test)]
mod tests {
    use super::decoded_len;

    #[test]
    fn go_std_encoding_cases() {
        // Valid: padded, unpadded full quanta, newlines anywhere, empty.
        assert_eq!(decoded_len(""), Ok(0));
        assert_eq!(decoded_len("YQ=="), Ok(1));
        assert_eq!(decoded_len("YWI="), Ok(2));
        assert_eq!(decoded_len("YWJj"), Ok(3));
        assert_eq!(decoded_len("YW\nJj\r\n"), Ok(3));
        assert_eq!(decoded_len("YQ=\n="), Ok(1));
        assert_eq!(decoded_len("+/+/"), Ok(3));
        // Invalid, with Go's offsets.
        assert_eq!(decoded_len("YQ"), Err(0));
        assert_eq!(decoded_len("YWJjZ"), Err(4));
        assert_eq!(decoded_len("YQ="), Err(3));
        assert_eq!(decoded_len("Y==="), Err(1));
        assert_eq!(decoded_len("YQ==YQ=="), Err(4));
        assert_eq!(decoded_len("YWI=x"), Err(4));
        assert_eq!(decoded_len("YQ=x"), Err(2));
        assert_eq!(decoded_len("a-b_"), Err(1));
        assert_eq!(decoded_len("YWJj "), Err(4));
    }
}
