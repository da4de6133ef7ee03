//! What a miette snippet shows of a file: the lines around one span, each line too long for
//! the terminal cut to a window around the span with the cut marked `…`, and a span over
//! many lines shown by its first line. The header keeps the real line and column (counted in
//! characters, as in every other format). miette only ever sees this excerpt: it lays a line
//! out with formatting widths, which panic past 65,535 columns, and it would print a
//! megabyte-long line in full.

use std::ops::Range;

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use crate::document::{LineCol, LineIndex};

/// Lines shown above and below the span (miette's default, which the renderers keep).
const CONTEXT: usize = 1;
/// A span over more lines than this is shown by its first line, labelled with where it ends.
pub const MAX_SPAN_LINES: usize = 6;
/// The mark where a line is cut.
const CUT: char = '…';
/// The fewest characters of a line shown, however narrow the terminal.
const MIN_WINDOW: usize = 24;

/// One span's excerpt of a file, as miette's source code.
#[derive(Debug, Clone)]
pub struct Excerpt {
    name: String,
    text: String,
    /// The file's 0-based line number of the excerpt's first line.
    first_line: usize,
    /// The span, in the excerpt's offsets.
    span: Range<usize>,
    /// The span's start in the file: 0-based line and 0-based column in characters.
    start: (usize, usize),
    /// Where a span shown only by its first line really ends.
    ends_at: Option<LineCol>,
}

/// How one line of the file appears in the excerpt.
struct ShownLine {
    /// The line's text in the file (bytes, without its line break).
    text: Range<usize>,
    /// The part of it shown.
    window: Range<usize>,
    /// Where the shown part starts in the excerpt (after a cut mark).
    at: usize,
    /// Where the line's break starts in the excerpt (after a closing cut mark).
    end: usize,
}

impl Excerpt {
    /// The excerpt of `text` around `span` for a terminal `width` columns wide; `label` is
    /// the text miette writes beside the underline, which the window leaves room for.
    pub fn new(
        name: &str,
        text: &str,
        index: &LineIndex,
        span: Range<usize>,
        width: usize,
        label: &str,
    ) -> Excerpt {
        let start = floor_boundary(text, span.start);
        let end = floor_boundary(text, span.end).max(start);
        let first = index.line_of(start);
        // A span ending right after a line break ends on the line before it.
        let mut last_of_span = index.line_of(if end > start { end - 1 } else { end });
        let (end, ends_at) = if last_of_span - first >= MAX_SPAN_LINES {
            last_of_span = first;
            (
                index.line_end(text, first).max(start),
                Some(index.line_col(text, end)),
            )
        } else {
            (end, None)
        };
        let top = first.saturating_sub(CONTEXT);
        let bottom = (last_of_span + CONTEXT).min(index.line_count() - 1);

        // Room for the text: miette's gutter is ` 12 │ `, plus `╭─▶ ` on a multi-line span.
        let digits = (bottom + 1).to_string().len();
        let gutter = digits + 4 + if last_of_span > first { 4 } else { 0 };
        let room = width.saturating_sub(gutter + 1).max(MIN_WINDOW);
        let start_col = index.line_col(text, start).column - 1;
        let span_end_col = if last_of_span == first {
            index.line_col(text, end).column - 1
        } else {
            index.line_col(text, index.line_end(text, first)).column - 1
        };
        let label_width = label_text(label, ends_at).chars().count() + 4;
        let length_of = |line: usize| index.line_col(text, index.line_end(text, line)).column - 1;
        let columns = window(start_col, span_end_col, length_of(first), room, label_width);

        // Other long lines are cut at the columns the span's line is cut at, as far as they
        // reach, so that the lines stay aligned.
        let columns = if length_of(first) <= room {
            0..room - 2
        } else {
            columns
        };
        let mut out = String::new();
        let mut shown = Vec::with_capacity(bottom - top + 1);
        for line in top..=bottom {
            let line_text = index.line_start(line)..index.line_end(text, line);
            let length = length_of(line);
            let (from, to) = if length <= room {
                (0, length)
            } else if line == first {
                // Not moved left when the line ends early: the label keeps its room.
                (columns.start, columns.end.min(length))
            } else {
                let from = columns.start.min(length.saturating_sub(columns.len()));
                (from, (from + columns.len()).min(length))
            };
            let window =
                index.offset_of_column(text, line, from)..index.offset_of_column(text, line, to);
            if from > 0 {
                out.push(CUT);
            }
            let at = out.len();
            out.push_str(&text[window.clone()]);
            if to < length {
                out.push(CUT);
            }
            let end = out.len();
            let next = if line + 1 < index.line_count() {
                index.line_start(line + 1)
            } else {
                text.len()
            };
            out.push_str(&text[line_text.end..next]);
            shown.push(ShownLine {
                text: line_text,
                window,
                at,
                end,
            });
        }
        let place = |offset: usize| {
            let line = index.line_of(offset).clamp(top, bottom);
            let s = &shown[line - top];
            if offset < s.window.start {
                s.at
            } else if offset <= s.window.end {
                s.at + (offset - s.window.start)
            } else if offset <= s.text.end {
                s.at + s.window.len()
            } else {
                (s.end + (offset - s.text.end)).min(out.len())
            }
        };
        let span = place(start)..place(end).max(place(start));
        Excerpt {
            name: name.to_string(),
            first_line: top,
            span,
            start: (first, start_col),
            ends_at,
            text: out,
        }
    }

    /// The span to label, in the excerpt's offsets.
    pub fn span(&self) -> SourceSpan {
        SourceSpan::new(self.span.start.into(), self.span.len())
    }

    /// Where the span really ends, when the excerpt shows only its first line.
    pub fn ends_at(&self) -> Option<LineCol> {
        self.ends_at
    }

    /// The label to write beside the underline: `label`, and where the span ends when the
    /// excerpt shows only its first line.
    pub fn label(&self, label: &str) -> String {
        label_text(label, self.ends_at)
    }
}

fn label_text(label: &str, ends_at: Option<LineCol>) -> String {
    match ends_at {
        Some(at) => format!("{label} (to {}:{})", at.line, at.column),
        None => label.to_string(),
    }
}

/// Characters of a cut line kept beside the span where there is room.
const CONTEXT_COLUMNS: usize = 10;

/// The columns of the span's line to show when the line is longer than `room`: the window
/// moved right only as far as needed to show the span, a little text after it and the
/// label miette writes after the underline's middle; a span too long for that is shown
/// from its start.
fn window(start: usize, end: usize, length: usize, room: usize, label: usize) -> Range<usize> {
    // Two columns go to the cut marks.
    let room = room - 2;
    let span = end.saturating_sub(start);
    let from = if span + 2 * CONTEXT_COLUMNS < room {
        let after = end + CONTEXT_COLUMNS.min(length.saturating_sub(end));
        let middle = start + span / 2;
        let label = label.min(room / 2);
        after
            .saturating_sub(room)
            .max(middle.saturating_sub(room - label - 1))
            .min(start)
    } else if start < room / 2 {
        0
    } else {
        start - 4
    };
    from..from + room
}

fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_before: usize,
        context_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let start = span.offset();
        let end = start + span.len();
        if end > self.text.len() {
            return Err(MietteError::OutOfBounds);
        }
        if context_before == 0 && context_after == 0 {
            // The header's place: the real line and column of the span's start.
            let (line, column) = if start == self.span.start {
                self.start
            } else {
                let before = &self.text[..start];
                let line = before.matches('\n').count();
                let line_start = before.rfind('\n').map_or(0, |i| i + 1);
                (self.first_line + line, before[line_start..].chars().count())
            };
            return Ok(Box::new(MietteSpanContents::new_named(
                self.name.clone(),
                &self.text.as_bytes()[start..end],
                *span,
                line,
                column,
                self.text[start..end].matches('\n').count() + 1,
            )));
        }
        // With context: the whole excerpt, which holds exactly the lines to show.
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            self.text.as_bytes(),
            SourceSpan::new(0.into(), self.text.len()),
            self.first_line,
            0,
            self.text.matches('\n').count() + 1,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn excerpt(text: &str, span: Range<usize>, width: usize) -> Excerpt {
        Excerpt::new(
            "r.md",
            text,
            &LineIndex::new(text),
            span,
            width,
            "rule-name",
        )
    }

    fn shown(e: &Excerpt) -> &str {
        &e.text[e.span.clone()]
    }

    #[test]
    fn short_lines_are_shown_whole() {
        let text = "one\ntwo — gonna\nthree\nfour\n";
        let at = text.find("gonna").unwrap();
        let e = excerpt(text, at..at + 5, 100);
        assert_eq!(e.text, "one\ntwo — gonna\nthree\n");
        assert_eq!(shown(&e), "gonna");
        assert_eq!((e.first_line, e.start), (0, (1, 6)));
    }

    #[test]
    fn a_long_line_is_cut_around_the_span_and_the_cuts_marked() {
        let text = format!("{}gonna{}\n", "é".repeat(70_000), "x".repeat(500));
        let at = text.find("gonna").unwrap();
        let e = excerpt(&text, at..at + 5, 80);
        assert_eq!(shown(&e), "gonna");
        assert_eq!(e.start, (0, 70_000));
        let line = e.text.lines().next().unwrap();
        assert!(line.starts_with("…é") && line.ends_with("x…"), "{line}");
        assert!(line.chars().count() <= 80, "{}", line.chars().count());
        // The label after the underline fits too.
        let before = line[..line.find("gonna").unwrap()].chars().count();
        assert!(before + 3 + 4 + "rule-name".len() <= 80 - 6, "{before}");
    }

    #[test]
    fn a_span_longer_than_the_window_is_shown_from_its_start() {
        let text = format!("ab{}cd\n", "y".repeat(1000));
        let e = excerpt(&text, 2..1002, 60);
        assert!(shown(&e).starts_with('y'));
        assert!(
            e.text.starts_with("ab") && e.text.contains('…'),
            "{}",
            e.text
        );
        assert!(e.text.lines().next().unwrap().chars().count() <= 60);
    }

    #[test]
    fn a_span_over_many_lines_is_shown_by_its_first_line() {
        let text: String = (0..100).map(|i| format!("line {i}\n")).collect();
        let from = text.find("line 10").unwrap();
        let to = text.find("line 90").unwrap();
        let e = excerpt(&text, from..to, 100);
        assert_eq!(shown(&e), "line 10");
        assert_eq!(e.text, "line 9\nline 10\nline 11\n");
        assert_eq!(
            e.ends_at(),
            Some(LineCol {
                line: 91,
                column: 1
            })
        );
    }

    #[test]
    fn points_line_breaks_and_the_end_of_the_text() {
        for text in ["", "a", "a\n", "a\r\nb\r\n", "x\n\n"] {
            for offset in 0..=text.len() {
                let e = excerpt(text, offset..offset, 100);
                assert!(e.span.start <= e.text.len(), "{text:?} {offset}");
            }
            let e = excerpt(text, 0..text.len(), 100);
            assert_eq!(e.text, text);
            assert_eq!(shown(&e), text);
        }
    }
}
