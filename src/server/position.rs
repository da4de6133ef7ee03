//! Positions as the protocol counts them — a line and a character offset in the negotiated
//! encoding (UTF-16 code units unless the client offers UTF-8) — to and from the byte offsets
//! every span in ccr-lint uses. Lines end at `\n`, `\r\n` or a lone `\r`, as the protocol says.

use std::fmt;
use std::ops::Range;

use lsp_types::{Position, PositionEncodingKind};

/// How a position's `character` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// Bytes of UTF-8.
    Utf8,
    /// UTF-16 code units: the protocol's default, which every client supports.
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client offers it (no conversion at all), else UTF-16.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    /// The length of `s` in this encoding's units.
    fn len(self, s: &str) -> usize {
        match self {
            Encoding::Utf8 => s.len(),
            Encoding::Utf16 if s.is_ascii() => s.len(),
            Encoding::Utf16 => s.chars().map(char::len_utf16).sum(),
        }
    }

    fn char_len(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        }
    }
}

/// A position a client sent that names no place in the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PositionError {
    /// The line is past the document's last line.
    LineOutOfRange { line: u32, lines: usize },
    /// The character falls inside a character (between the two halves of a UTF-16
    /// surrogate pair, or inside a UTF-8 sequence).
    InsideCharacter { line: u32, character: u32 },
    /// A range whose end comes before its start.
    Reversed,
}

impl fmt::Display for PositionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PositionError::LineOutOfRange { line, lines } => write!(
                f,
                "line {line} is past the end of the document (it has {lines} lines, counted from 0)"
            ),
            PositionError::InsideCharacter { line, character } => write!(
                f,
                "character {character} of line {line} falls inside a character, not between two"
            ),
            PositionError::Reversed => f.write_str("the range ends before it starts"),
        }
    }
}

impl std::error::Error for PositionError {}

/// Where each line of a text starts, for converting positions in both directions.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    encoding: Encoding,
}

impl LineIndex {
    pub fn new(text: &str, encoding: Encoding) -> Self {
        let bytes = text.as_bytes();
        let mut starts = Vec::with_capacity(text.len() / 40 + 1);
        starts.push(0);
        for (i, &b) in bytes.iter().enumerate() {
            match b {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
                _ => {}
            }
        }
        LineIndex { starts, encoding }
    }

    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// Number of lines (a text ending in a line break has an empty last line).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The bytes of line `line` without its line break.
    pub fn line_range(&self, text: &str, line: usize) -> Range<usize> {
        let start = self.starts[line];
        let mut end = self.starts.get(line + 1).copied().unwrap_or(text.len());
        let bytes = text.as_bytes();
        if end > start && bytes[end - 1] == b'\n' {
            end -= 1;
        }
        if end > start && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        start..end
    }

    /// The 0-based line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset) - 1
    }

    /// The position of byte `offset` (clamped to the text and to a character boundary).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let start = self.starts[line];
        Position {
            line: to_u32(line),
            character: to_u32(self.encoding.len(&text[start..offset])),
        }
    }

    pub fn range(&self, text: &str, span: Range<usize>) -> lsp_types::Range {
        lsp_types::Range {
            start: self.position(text, span.start),
            end: self.position(text, span.end),
        }
    }

    /// The byte offset of a position. A character past the end of its line means the end
    /// of the line (the protocol's rule); a line past the end of the text, or a character
    /// inside a character, is an error.
    pub fn offset(&self, text: &str, pos: Position) -> Result<usize, PositionError> {
        let line = pos.line as usize;
        if line >= self.starts.len() {
            return Err(PositionError::LineOutOfRange {
                line: pos.line,
                lines: self.starts.len(),
            });
        }
        let range = self.line_range(text, line);
        let want = pos.character as usize;
        let mut units = 0;
        for (i, c) in text[range.clone()].char_indices() {
            if units == want {
                return Ok(range.start + i);
            }
            units += self.encoding.char_len(c);
            if units > want {
                return Err(PositionError::InsideCharacter {
                    line: pos.line,
                    character: pos.character,
                });
            }
        }
        Ok(range.end)
    }

    /// The byte range of a protocol range.
    pub fn span(&self, text: &str, range: lsp_types::Range) -> Result<Range<usize>, PositionError> {
        let start = self.offset(text, range.start)?;
        let end = self.offset(text, range.end)?;
        if end < start {
            return Err(PositionError::Reversed);
        }
        Ok(start..end)
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    /// Byte offset -> position -> byte offset, for every character boundary.
    fn round_trips(text: &str, encoding: Encoding) {
        let index = LineIndex::new(text, encoding);
        for offset in (0..=text.len()).filter(|&o| text.is_char_boundary(o)) {
            let p = index.position(text, offset);
            let back = index.offset(text, p).unwrap();
            // A line break has no position of its own: it maps to the end of its line.
            let line = index.line_range(text, index.line_of(offset));
            assert_eq!(back, offset.min(line.end), "{text:?} at {offset} ({p:?})");
        }
    }

    #[test]
    fn ascii_positions_are_byte_columns() {
        let text = "# Report\n\nWe don't know.\n";
        let index = LineIndex::new(text, Encoding::Utf16);
        let at = text.find("don't").unwrap();
        assert_eq!(index.position(text, at), pos(2, 3));
        assert_eq!(index.offset(text, pos(2, 3)), Ok(at));
        round_trips(text, Encoding::Utf16);
        round_trips(text, Encoding::Utf8);
    }

    #[test]
    fn non_ascii_names_count_utf16_units_or_bytes() {
        let text = "Participants: Élodie Müller, Søren Østergaard — gonna call\n";
        let at = text.find("gonna").unwrap();
        let utf16 = LineIndex::new(text, Encoding::Utf16);
        let expected = text[..at].chars().count() as u32; // all in the BMP: one unit each
        assert_eq!(utf16.position(text, at), pos(0, expected));
        assert_eq!(utf16.offset(text, pos(0, expected)), Ok(at));
        let utf8 = LineIndex::new(text, Encoding::Utf8);
        assert_eq!(utf8.position(text, at), pos(0, at as u32));
        assert_eq!(utf8.offset(text, pos(0, at as u32)), Ok(at));
        round_trips(text, Encoding::Utf16);
        round_trips(text, Encoding::Utf8);
    }

    #[test]
    fn emoji_outside_the_bmp_are_two_utf16_units() {
        let text = "🎉🚀 gonna\n";
        let at = text.find("gonna").unwrap();
        assert_eq!(at, 9);
        let utf16 = LineIndex::new(text, Encoding::Utf16);
        assert_eq!(utf16.position(text, at), pos(0, 5));
        assert_eq!(utf16.offset(text, pos(0, 5)), Ok(at));
        assert_eq!(utf16.offset(text, pos(0, 2)), Ok(4));
        // Between the two halves of the first emoji's surrogate pair.
        assert_eq!(
            utf16.offset(text, pos(0, 1)),
            Err(PositionError::InsideCharacter {
                line: 0,
                character: 1
            })
        );
        let utf8 = LineIndex::new(text, Encoding::Utf8);
        assert!(matches!(
            utf8.offset(text, pos(0, 2)),
            Err(PositionError::InsideCharacter { .. })
        ));
        round_trips(text, Encoding::Utf16);
        round_trips(text, Encoding::Utf8);
    }

    #[test]
    fn crlf_and_lone_cr_end_lines() {
        let text = "one\r\ntwo\rthree\nfour";
        let index = LineIndex::new(text, Encoding::Utf16);
        assert_eq!(index.line_count(), 4);
        assert_eq!(index.position(text, text.find("two").unwrap()), pos(1, 0));
        assert_eq!(index.position(text, text.find("three").unwrap()), pos(2, 0));
        assert_eq!(index.position(text, text.find("four").unwrap()), pos(3, 0));
        // The end of line 0 is before its `\r\n`.
        assert_eq!(index.line_range(text, 0), 0..3);
        assert_eq!(index.offset(text, pos(0, 3)), Ok(3));
        round_trips(text, Encoding::Utf16);
    }

    #[test]
    fn a_bom_is_one_character_of_the_first_line() {
        let text = "\u{feff}# Report\r\n";
        let utf16 = LineIndex::new(text, Encoding::Utf16);
        assert_eq!(utf16.position(text, 3), pos(0, 1));
        assert_eq!(utf16.offset(text, pos(0, 1)), Ok(3));
        let utf8 = LineIndex::new(text, Encoding::Utf8);
        assert_eq!(utf8.position(text, 3), pos(0, 3));
        round_trips(text, Encoding::Utf16);
        round_trips(text, Encoding::Utf8);
    }

    #[test]
    fn a_character_past_the_line_end_is_the_line_end() {
        let text = "short\r\nnext\n";
        let index = LineIndex::new(text, Encoding::Utf16);
        assert_eq!(index.offset(text, pos(0, 99)), Ok(5));
        assert_eq!(index.offset(text, pos(2, 7)), Ok(text.len()));
    }

    #[test]
    fn a_line_past_the_end_is_an_error() {
        let text = "one\ntwo\n";
        let index = LineIndex::new(text, Encoding::Utf16);
        assert_eq!(index.line_count(), 3);
        let e = index.offset(text, pos(3, 0)).unwrap_err();
        assert_eq!(e, PositionError::LineOutOfRange { line: 3, lines: 3 });
        assert!(e.to_string().contains("line 3 is past the end"), "{e}");
        let reversed = lsp_types::Range {
            start: pos(1, 0),
            end: pos(0, 0),
        };
        assert_eq!(index.span(text, reversed), Err(PositionError::Reversed));
    }

    #[test]
    fn offsets_past_the_text_clamp_to_its_end() {
        let text = "é";
        let index = LineIndex::new(text, Encoding::Utf16);
        assert_eq!(index.position(text, 99), pos(0, 1));
        // Inside 'é': the character it starts.
        assert_eq!(index.position(text, 1), pos(0, 0));
    }

    #[test]
    fn negotiation_prefers_utf8_when_offered() {
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
        assert_eq!(
            Encoding::negotiate(Some(&[PositionEncodingKind::UTF16])),
            Encoding::Utf16
        );
        assert_eq!(
            Encoding::negotiate(Some(&[
                PositionEncodingKind::UTF16,
                PositionEncodingKind::UTF8
            ])),
            Encoding::Utf8
        );
        assert_eq!(
            Encoding::negotiate(Some(&[PositionEncodingKind::UTF32])),
            Encoding::Utf16
        );
    }
}
