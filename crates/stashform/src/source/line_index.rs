//! Byte offsets inside, line and column at the edges: the CLI counts columns in UTF-8 bytes,
//! JavaScript faces in UTF-16 code units.

/// How columns are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

/// 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    pub line: u32,
    pub column: u32,
}

/// Start offsets of every line of a text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    ascii: bool,
}

impl LineIndex {
    #[must_use]
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        // A lone CR also ends a line for YAML; CRLF counts once.
        let bytes = text.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                line_starts.push(i + 1);
            }
        }
        Self {
            line_starts,
            ascii: text.is_ascii(),
        }
    }

    /// Line and column of a byte offset (clamped to the text, and to a char boundary).
    #[must_use]
    pub fn line_col(&self, text: &str, offset: usize, encoding: Encoding) -> LineCol {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let start = self.line_starts[line];
        let column = if self.ascii || encoding == Encoding::Utf8 {
            offset - start
        } else {
            text[start..offset].encode_utf16().count()
        };
        LineCol {
            line: u32::try_from(line + 1).unwrap_or(u32::MAX),
            column: u32::try_from(column + 1).unwrap_or(u32::MAX),
        }
    }

    /// The text of a 1-based line, without its line break.
    #[must_use]
    pub fn line_text<'a>(&self, text: &'a str, line: u32) -> &'a str {
        let index = (line as usize).saturating_sub(1);
        let Some(&start) = self.line_starts.get(index) else {
            return "";
        };
        let end = self
            .line_starts
            .get(index + 1)
            .copied()
            .unwrap_or(text.len());
        text.get(start..end)
            .unwrap_or("")
            .trim_end_matches(['\n', '\r'])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_and_utf16_columns() {
        let text = "a: é😀x\nb: 1\r\nc: 2";
        let index = LineIndex::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(
            index.line_col(text, x, Encoding::Utf8),
            LineCol {
                line: 1,
                column: 10
            }
        );
        assert_eq!(
            index.line_col(text, x, Encoding::Utf16),
            LineCol { line: 1, column: 7 }
        );
        let c = text.find('c').unwrap();
        assert_eq!(
            index.line_col(text, c, Encoding::Utf8),
            LineCol { line: 3, column: 1 }
        );
        assert_eq!(index.line_text(text, 2), "b: 1");
    }
}
