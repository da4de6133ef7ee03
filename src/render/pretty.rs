//! Pretty-printed JSON, byte for byte what `serde_json::to_writer_pretty` writes (two-space
//! indent), but with each line break and its indentation written in one piece. serde_json's
//! own pretty formatter writes the indent one level at a time, so a diagnostic several levels
//! deep cost a dozen tiny writes per line: a third of the JSON output's time on a large report.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::Formatter;

/// A newline followed by enough spaces for any depth we print; deeper levels write the rest
/// in further pieces.
const BREAK: &[u8; 65] = b"\n                                                                ";

struct Pretty {
    depth: usize,
    /// Whether the innermost open array or object has a value yet.
    has_value: bool,
}

impl Pretty {
    fn newline<W: ?Sized + Write>(&self, w: &mut W) -> io::Result<()> {
        let mut spaces = self.depth * 2;
        let first = spaces.min(BREAK.len() - 1);
        w.write_all(&BREAK[..=first])?;
        spaces -= first;
        while spaces > 0 {
            let n = spaces.min(BREAK.len() - 1);
            w.write_all(&BREAK[1..=n])?;
            spaces -= n;
        }
        Ok(())
    }

    fn open<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth = self.depth.saturating_sub(1);
        if self.has_value {
            self.newline(w)?;
        }
        w.write_all(bracket)
    }

    fn item<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        self.newline(w)
    }
}

impl Formatter for Pretty {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"[")
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.item(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"{")
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.item(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// Writes `value` as pretty JSON, the same bytes as `serde_json::to_writer_pretty`.
pub(crate) fn to_writer<W: Write, T: ?Sized + Serialize>(w: W, value: &T) -> io::Result<()> {
    to_writer_at(w, 0, value)
}

/// Writes `value` as it appears `depth` levels deep in a pretty document: its inner lines
/// indented for that depth, its first line not (the caller has written that indent).
pub(crate) fn to_writer_at<W: Write, T: ?Sized + Serialize>(
    w: W,
    depth: usize,
    value: &T,
) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(
        w,
        Pretty {
            depth,
            has_value: false,
        },
    );
    value.serialize(&mut ser).map_err(io::Error::from)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn both(value: &serde_json::Value) -> (String, String) {
        let mut ours = Vec::new();
        to_writer(&mut ours, value).unwrap_or_else(|e| panic!("writes to memory: {e}"));
        let theirs =
            serde_json::to_string_pretty(value).unwrap_or_else(|e| panic!("serialises: {e}"));
        (String::from_utf8_lossy(&ours).into_owned(), theirs)
    }

    #[test]
    fn the_same_bytes_as_serde_json() {
        let mut deep = json!("leaf");
        for i in 0..40 {
            deep = if i % 2 == 0 {
                json!([deep, 1, {}])
            } else {
                json!({"k": deep, "e": [], "s": "a\"b\n"})
            };
        }
        for value in [
            json!(null),
            json!([]),
            json!({}),
            json!([[], {}, [[]], {"a": {}}]),
            json!({"version": 1, "files": [{"path": "a.md", "diagnostics": []}], "n": 1.5}),
            deep,
        ] {
            let (ours, theirs) = both(&value);
            assert_eq!(ours, theirs);
        }
    }
}
