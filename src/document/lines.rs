//! Line index: built once per file, used only when rendering (byte offset → line/column).

/// Start offsets of every line. Lines end at `\n` (a preceding `\r` belongs to the line).
/// Long lines also carry marks every [`MARK_EVERY`] bytes with the column there, so that a
/// column is counted from the nearest mark, not from the start of a line that may be
/// megabytes long (a one-line report with thousands of findings was quadratic).
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// (byte offset, column there counted from its line's start), ascending; only inside
    /// lines longer than `MARK_EVERY`.
    marks: Vec<(usize, usize)>,
}

/// Bytes between two column marks on a long line.
const MARK_EVERY: usize = 4096;

/// A 1-based line and a 1-based column counted in Unicode scalar values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 40 + 1);
        starts.push(0);
        // Line feeds by a vectorised search: this reads every byte of every file.
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        let mut marks = Vec::new();
        for (i, &start) in starts.iter().enumerate() {
            let end = starts.get(i + 1).copied().unwrap_or(text.len());
            let mut at = start;
            let mut column = 0;
            while end - at > MARK_EVERY {
                let mut next = at + MARK_EVERY;
                while !text.is_char_boundary(next) {
                    next += 1;
                }
                column += text[at..next].chars().count();
                marks.push((next, column));
                at = next;
            }
        }
        LineIndex { starts, marks }
    }

    /// 0-based line number of the byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    pub fn line_start(&self, line: usize) -> usize {
        self.starts[line]
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Where the text of a 0-based line ends: before its `\n` or `\r\n` (at the end of the
    /// text for the last line).
    pub fn line_end(&self, text: &str, line: usize) -> usize {
        let Some(&next) = self.starts.get(line + 1) else {
            return text.len();
        };
        let end = next - 1;
        if end > self.starts[line] && text.as_bytes()[end - 1] == b'\r' {
            end - 1
        } else {
            end
        }
    }

    /// Line/column of `offset` (clamped to the text and to a character boundary).
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = floor_char_boundary(text, offset);
        let line = self.line_of(offset);
        LineCol {
            line: line + 1,
            column: self.column_in(text, line, offset) + 1,
        }
    }

    /// The 0-based column (in characters) of `offset` on its 0-based `line`.
    fn column_in(&self, text: &str, line: usize, offset: usize) -> usize {
        let start = self.starts[line];
        let (from, column) = match self.marks.partition_point(|m| m.0 <= offset) {
            0 => (start, 0),
            i if self.marks[i - 1].0 > start => self.marks[i - 1],
            _ => (start, 0),
        };
        column + text[from..offset].chars().count()
    }

    /// The byte offset of 0-based `column` on 0-based `line`, clamped to the line's text.
    pub fn offset_of_column(&self, text: &str, line: usize, column: usize) -> usize {
        let start = self.starts[line];
        let end = self.line_end(text, line);
        let lo = self.marks.partition_point(|m| m.0 <= start);
        let hi = self.marks.partition_point(|m| m.0 < end);
        let in_line = &self.marks[lo..hi];
        let (mut at, mut col) = match in_line.partition_point(|m| m.1 <= column) {
            0 => (start, 0),
            i => in_line[i - 1],
        };
        for c in text[at..end].chars() {
            if col == column {
                break;
            }
            at += c.len_utf8();
            col += 1;
        }
        at
    }
}

/// The largest character boundary at or before `offset`, within the text.
fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn columns_count_scalar_values_not_bytes() {
        let text = "ab\nÉlodie Müller: x\r\nlast";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), LineCol { line: 1, column: 1 });
        assert_eq!(idx.line_col(text, 3), LineCol { line: 2, column: 1 });
        let colon = text.find(':').unwrap();
        assert_eq!(
            idx.line_col(text, colon),
            LineCol {
                line: 2,
                column: 14
            }
        );
        let last = text.find("last").unwrap();
        assert_eq!(idx.line_col(text, last), LineCol { line: 3, column: 1 });
        assert_eq!(
            idx.line_col(text, text.len()),
            LineCol { line: 3, column: 5 }
        );
        assert_eq!(idx.line_end(text, 0), 2);
        assert_eq!(idx.line_end(text, 1), text.find('\r').unwrap());
        assert_eq!(idx.line_end(text, 2), text.len());
    }

    /// Counting from marks gives the columns counting from the line's start gives, and
    /// `offset_of_column` is its inverse, on lines long enough to carry many marks.
    fn check(text: &str) {
        let idx = LineIndex::new(text);
        let (mut line, mut column) = (0, 0);
        for offset in (0..=text.len()).filter(|&o| text.is_char_boundary(o)) {
            if offset > 0 && text.as_bytes()[offset - 1] == b'\n' {
                (line, column) = (line + 1, 0);
            } else if offset > 0 {
                column += 1;
            }
            assert_eq!(idx.line_of(offset), line);
            assert_eq!(idx.line_col(text, offset).column, column + 1, "{offset}");
            if offset <= idx.line_end(text, line) {
                assert_eq!(idx.offset_of_column(text, line, column), offset);
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

        #[test]
        fn marks_agree_with_counting_from_the_line_start(
            pieces in prop::collection::vec(
                prop_oneof![
                    Just("x".repeat(5000)),
                    Just("é—".repeat(1500)),
                    Just("\r\n".to_string()),
                    Just("\n".to_string()),
                    "[a-zé😀 ]{0,50}",
                ],
                0..8,
            )
        ) {
            check(&pieces.concat());
        }
    }
}
