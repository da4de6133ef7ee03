//! The documents the editor has open: their text as the editor holds it (which may differ
//! from the file on disk), their version, and the file they belong to.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use lsp_types::{TextDocumentContentChangeEvent, Uri};

use super::position::{Encoding, LineIndex, PositionError};

/// One open document.
#[derive(Debug, Clone)]
pub struct OpenDocument {
    /// Shared with lint jobs and requests in flight; replaced, never changed, on each edit.
    pub text: Arc<String>,
    pub version: i32,
    /// The file, for `file:` documents: config discovery and relative links start there.
    pub path: Option<PathBuf>,
}

/// Every open document, by URI.
#[derive(Debug, Default)]
pub struct Documents {
    docs: HashMap<Uri, OpenDocument>,
}

impl Documents {
    pub fn open(&mut self, uri: Uri, text: String, version: i32) -> &OpenDocument {
        let path = file_path(&uri);
        self.docs.insert(
            uri.clone(),
            OpenDocument {
                text: Arc::new(text),
                version,
                path,
            },
        );
        &self.docs[&uri]
    }

    pub fn get(&self, uri: &Uri) -> Option<&OpenDocument> {
        self.docs.get(uri)
    }

    pub fn close(&mut self, uri: &Uri) -> bool {
        self.docs.remove(uri).is_some()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&Uri, &OpenDocument)> {
        self.docs.iter()
    }

    /// Applies a `didChange`: whole-text replacements and range edits, in order. Nothing
    /// changes unless every edit applies.
    pub fn change(
        &mut self,
        uri: &Uri,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        encoding: Encoding,
    ) -> Result<&OpenDocument, ChangeError> {
        let doc = self.docs.get_mut(uri).ok_or(ChangeError::NotOpen)?;
        let mut text: Option<String> = None;
        for change in changes {
            match change.range {
                None => text = Some(change.text),
                Some(range) => {
                    let current = text.get_or_insert_with(|| doc.text.as_ref().clone());
                    let index = LineIndex::new(current, encoding);
                    let span = index.span(current, range).map_err(ChangeError::BadRange)?;
                    current.replace_range(span, &change.text);
                }
            }
        }
        if let Some(text) = text {
            doc.text = Arc::new(text);
        }
        doc.version = version;
        Ok(doc)
    }
}

/// Why a `didChange` could not be applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeError {
    NotOpen,
    BadRange(PositionError),
}

impl std::fmt::Display for ChangeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChangeError::NotOpen => f.write_str("the document is not open"),
            ChangeError::BadRange(e) => write!(f, "an edit's range is not in the document: {e}"),
        }
    }
}

/// The file a `file:` URI names (percent-decoded); `None` for other schemes (`untitled:`).
pub fn file_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // `file:///path` or `file://localhost/path`; another host is a network share.
    let (host, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => return None,
    };
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let bytes = percent_decode(path);
    native_path(host, bytes)
}

#[cfg(unix)]
fn native_path(host: &str, bytes: Vec<u8>) -> Option<PathBuf> {
    use std::os::unix::ffi::OsStringExt;
    if !(host.is_empty() || host.eq_ignore_ascii_case("localhost")) {
        return None;
    }
    Some(PathBuf::from(std::ffi::OsString::from_vec(bytes)))
}

#[cfg(not(unix))]
fn native_path(host: &str, bytes: Vec<u8>) -> Option<PathBuf> {
    let path = String::from_utf8(bytes).ok()?;
    // `/C:/Users/...` is `C:\Users\...`; a host is a UNC share.
    let trimmed = match path.as_bytes() {
        [b'/', drive, b':', ..] if drive.is_ascii_alphabetic() => &path[1..],
        _ => path.as_str(),
    };
    let native = trimmed.replace('/', "\\");
    if host.is_empty() || host.eq_ignore_ascii_case("localhost") {
        Some(PathBuf::from(native))
    } else {
        Some(PathBuf::from(format!("\\\\{host}{native}")))
    }
}

fn percent_decode(s: &str) -> Vec<u8> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) = (
                bytes.get(i + 1).and_then(|b| (*b as char).to_digit(16)),
                bytes.get(i + 2).and_then(|b| (*b as char).to_digit(16)),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{Position, Range};

    fn uri(s: &str) -> Uri {
        s.parse().unwrap()
    }

    fn edit(range: ((u32, u32), (u32, u32)), text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range {
                start: Position {
                    line: range.0.0,
                    character: range.0.1,
                },
                end: Position {
                    line: range.1.0,
                    character: range.1.1,
                },
            }),
            range_length: None,
            text: text.to_string(),
        }
    }

    #[test]
    fn incremental_edits_apply_in_order_in_utf16() {
        let mut docs = Documents::default();
        let u = uri("file:///tmp/r.md");
        docs.open(u.clone(), "🎉 We don't\r\nknow.\r\n".into(), 1);
        let changes = vec![
            // "don't" starts at UTF-16 unit 6 (the emoji is two units).
            edit(((0, 6), (0, 11)), "do not"),
            edit(((1, 0), (1, 0)), "We "),
        ];
        let doc = docs.change(&u, 2, changes, Encoding::Utf16).unwrap();
        assert_eq!(doc.text.as_str(), "🎉 We do not\r\nWe know.\r\n");
        assert_eq!(doc.version, 2);
    }

    #[test]
    fn a_bad_range_changes_nothing() {
        let mut docs = Documents::default();
        let u = uri("file:///tmp/r.md");
        docs.open(u.clone(), "one\n".into(), 1);
        let changes = vec![edit(((0, 0), (0, 3)), "ONE"), edit(((5, 0), (5, 1)), "x")];
        let e = docs.change(&u, 2, changes, Encoding::Utf16).unwrap_err();
        assert!(matches!(e, ChangeError::BadRange(_)), "{e:?}");
        assert_eq!(docs.get(&u).unwrap().text.as_str(), "one\n");
        assert_eq!(docs.get(&u).unwrap().version, 1);
        let unknown = uri("file:///tmp/other.md");
        assert_eq!(
            docs.change(&unknown, 1, vec![], Encoding::Utf16)
                .unwrap_err(),
            ChangeError::NotOpen
        );
    }

    #[test]
    fn a_full_text_change_replaces_everything() {
        let mut docs = Documents::default();
        let u = uri("untitled:Untitled-1");
        docs.open(u.clone(), "old".into(), 1);
        assert_eq!(docs.get(&u).unwrap().path, None);
        let full = TextDocumentContentChangeEvent {
            range: None,
            range_length: None,
            text: "new".into(),
        };
        assert_eq!(
            docs.change(&u, 2, vec![full], Encoding::Utf8)
                .unwrap()
                .text
                .as_str(),
            "new"
        );
    }

    #[cfg(unix)]
    #[test]
    fn file_uris_are_percent_decoded() {
        assert_eq!(
            file_path(&uri("file:///home/jane/Client%20Reports/M%C3%BCller.md")),
            Some(PathBuf::from("/home/jane/Client Reports/Müller.md"))
        );
        assert_eq!(
            file_path(&uri("file://localhost/tmp/r.md")),
            Some(PathBuf::from("/tmp/r.md"))
        );
        assert_eq!(file_path(&uri("untitled:Untitled-1")), None);
        assert_eq!(file_path(&uri("file://server/share/r.md")), None);
    }
}
