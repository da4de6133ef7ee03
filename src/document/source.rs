//! Turning a file's bytes into text we can lint: UTF-8 only, no NUL bytes.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceError {
    /// The file contains a NUL byte: it is binary, not a report.
    Binary { offset: usize },
    /// The file is not valid UTF-8.
    InvalidUtf8 { offset: usize },
    /// The file is 4 GiB or more: past what a report's offsets are kept in.
    TooLarge { len: usize },
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SourceError::Binary { offset } => {
                write!(
                    f,
                    "looks like a binary file (NUL byte at byte offset {offset}); not linted"
                )
            }
            SourceError::TooLarge { len } => {
                write!(
                    f,
                    "is {len} bytes, more than the 4 GiB ccr-lint reads; not linted"
                )
            }
            SourceError::InvalidUtf8 { offset } => {
                write!(
                    f,
                    "is not valid UTF-8 (invalid byte at byte offset {offset}); save it as UTF-8 to lint it"
                )
            }
        }
    }
}

impl std::error::Error for SourceError {}

/// Checks that `bytes` are UTF-8 text without NUL bytes. The BOM, if any, is kept:
/// spans index the original bytes, and `Document` skips the BOM itself.
pub fn decode(bytes: Vec<u8>) -> Result<String, SourceError> {
    if bytes.len() > super::MAX_SOURCE_LEN {
        return Err(SourceError::TooLarge { len: bytes.len() });
    }
    if let Some(offset) = memchr::memchr(0, &bytes) {
        return Err(SourceError::Binary { offset });
    }
    String::from_utf8(bytes).map_err(|e| SourceError::InvalidUtf8 {
        offset: e.utf8_error().valid_up_to(),
    })
}

/// Length of the UTF-8 BOM at the start of `text` (0 or 3).
pub fn bom_len(text: &str) -> usize {
    if text.starts_with('\u{feff}') { 3 } else { 0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nul_bytes_are_binary_with_offset() {
        assert_eq!(
            decode(b"# Title\n\0\0".to_vec()),
            Err(SourceError::Binary { offset: 8 })
        );
    }

    #[test]
    fn invalid_utf8_names_the_offset() {
        assert_eq!(
            decode(b"ok \xff rest".to_vec()),
            Err(SourceError::InvalidUtf8 { offset: 3 })
        );
    }

    #[test]
    fn bom_is_kept() {
        let text = decode(b"\xef\xbb\xbf# T".to_vec()).unwrap();
        assert_eq!(bom_len(&text), 3);
    }
}
