//! The shared toolkit of the section readers: source values, lines, `Key: value` fields
//! and the parts of a line.

use std::ops::Range;

use super::super::Prose;
use super::Val;

/// A text range of a prose run, trimmed of spaces and emphasis markers, as a source value.
pub(super) fn val(prose: &Prose, range: Range<usize>) -> Val {
    let raw = prose.text.get(range.clone()).unwrap_or("");
    let lead = raw.len()
        - raw
            .trim_start_matches(|c: char| c.is_whitespace() || c == '*')
            .len();
    let t = raw.trim_matches(|c: char| c.is_whitespace() || c == '*');
    let start = range.start + lead;
    let r = start..start + t.len();
    let span = prose.to_source(r.clone()).unwrap_or_else(|| {
        // Inside markup that is not a verbatim copy: point at the whole run.
        if t.is_empty() {
            prose.span.end..prose.span.end
        } else {
            prose.span.clone()
        }
    });
    Val {
        text: t.to_string(),
        span,
    }
}

/// Lines of a prose run (split at soft and hard breaks), as text ranges.
pub(super) fn lines(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = 0;
    text.split('\n').map(move |l| {
        let r = start..start + l.len();
        start += l.len() + 1;
        r
    })
}

/// `Key: value` in a line: (key range, value range), in the line's coordinates.
pub(super) fn key_value(line: &str) -> Option<(Range<usize>, Range<usize>)> {
    // `Key: value` where the key is a letter then up to 30 letters, spaces, `'`, `/` or `&`
    // (hand-written: this runs on every line of every list item and paragraph).
    let start = line.len() - line.trim_start().len();
    // Read the key up to its colon, and give up at the first character a key cannot hold
    // (most lines are not `Key: value`; this stops before searching them for a colon).
    let bytes = line.as_bytes();
    let mut colon = start;
    loop {
        let &b = bytes.get(colon)?;
        match b {
            b':' => break,
            b'a'..=b'z' | b'A'..=b'Z' | b'\'' | b'/' | b'&' | b' ' | b'\t'..=b'\r' => colon += 1,
            0x80.. => {
                let c = line.get(colon..)?.chars().next()?;
                if !(crate::chars::is_alphabetic(c) || c.is_whitespace()) {
                    return None;
                }
                colon += c.len_utf8();
            }
            _ => return None,
        }
    }
    let key_end = start + line[start..colon].trim_end().len();
    let key = &line[start..key_end];
    let mut chars = key.chars();
    if !chars.next().is_some_and(char::is_alphabetic) || key.chars().count() > 31 {
        return None;
    }
    if !chars.all(|c| c.is_alphabetic() || matches!(c, '\'' | '/' | '&' | ' ')) {
        return None;
    }
    let after = &line[colon + 1..];
    let value_start = colon + 1 + (after.len() - after.trim_start().len());
    if memchr::memchr(b'\n', bytes.get(value_start..).unwrap_or(&[])).is_some() {
        return None;
    }
    Some((start..key_end, value_start..line.len()))
}

/// Parts of a line separated by `—`, ` – `, ` - ` or `|`, outside parentheses (`Demo
/// (High level - Parking Lot 10/04)` is one part).
pub(super) fn parts(line: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut last = 0;
    let mut depth = 0i32;
    let mut counted = 0;
    let mut at = 0;
    while let Some(sep) = separator_from(line, at) {
        // A separator inside parentheses is the parenthesis' own.
        for b in line.as_bytes().get(counted..sep.start).unwrap_or(&[]) {
            match b {
                b'(' => depth += 1,
                b')' => depth = (depth - 1).max(0),
                _ => {}
            }
        }
        counted = sep.start;
        at = sep.end;
        if depth > 0 {
            continue;
        }
        if sep.start > last {
            out.push(last..sep.start);
        }
        last = sep.end;
    }
    if last < line.len() {
        out.push(last..line.len());
    }
    out
}

/// The first separator of parts at or after byte `from`, as the regex
/// `\s+[—–|-]\s+|\s*—\s*|\s+\|\s*` finds it (leftmost, then the first alternative, each
/// space run whole): spaces, a dash or bar, spaces; an em dash with any spaces around it; spaces,
/// a bar, any spaces. A scanner, not that regex: it runs on every line of every entry and task,
/// and a pattern that may start with spaces gets no prefilter (the regex stays the test oracle).
fn separator_from(line: &str, from: usize) -> Option<Range<usize>> {
    let bytes = line.as_bytes();
    let spaces_before = |at: usize| {
        line.get(from..at).map_or(0, |s| {
            s.chars()
                .rev()
                .take_while(|c| c.is_whitespace())
                .map(char::len_utf8)
                .sum()
        })
    };
    let spaces_after = |at: usize| {
        line.get(at..).map_or(0, |s| {
            s.chars()
                .take_while(|c| c.is_whitespace())
                .map(char::len_utf8)
                .sum()
        })
    };
    let mut at = from;
    // Every separator holds one mark: `-`, `|`, or a dash (`—` and `–` start with `E2`). The
    // first mark that makes one gives the leftmost separator: one with a later mark starts
    // after this mark, since only spaces stand before a mark in a separator.
    while let Some(found) = memchr::memchr3(b'-', b'|', 0xE2, bytes.get(at..)?) {
        let mark_at = at + found;
        let Some(mark) = line.get(mark_at..).and_then(|rest| rest.chars().next()) else {
            // `E2` inside a character: not a mark.
            at = mark_at + 1;
            continue;
        };
        let after = mark_at + mark.len_utf8();
        let start = mark_at - spaces_before(mark_at);
        let end = after + spaces_after(after);
        match mark {
            '\u{2014}' => return Some(start..end),
            '|' if start < mark_at => return Some(start..end),
            '\u{2013}' | '-' if start < mark_at && end > after => return Some(start..end),
            _ => at = after,
        }
    }
    None
}

pub(super) fn shift(r: Range<usize>, by: usize) -> Range<usize> {
    r.start + by..r.end + by
}

/// Whether `at` lies in one of `ranges` (sorted, not overlapping).
pub(super) fn in_any(ranges: &[Range<usize>], at: usize) -> bool {
    let i = ranges.partition_point(|r| r.end <= at);
    ranges.get(i).is_some_and(|r| r.contains(&at))
}

/// Labels inside a line: `quarterly review. Method: Meeting. Participants: Ana. Summary: …`.
/// A label is one to three words before a colon, at the line's start or after a sentence
/// break (`. `, `; `, `, `); `is_label` says which words are labels. Gives
/// the text before the first label and each label with its value (up to the next label),
/// when the line has a label after its start or more than one.
pub(super) type Labelled = (Range<usize>, Vec<(Range<usize>, Range<usize>)>);

pub(super) fn labelled(line: &str, is_label: impl Fn(&str) -> bool) -> Option<Labelled> {
    let mut found: Vec<Range<usize>> = Vec::new();
    for (colon, _) in line.match_indices(':') {
        let before = &line[..colon];
        // The label's words: up to three, back to a sentence break (parts between dashes
        // are `parts`' business), of letters, spaces, `&`, `/` and `'` only (with emphasis
        // markers and spaces before them). Read back from the colon: the letters, then the
        // markers, then the break or the line's start must come, or there is no label.
        let letters = before
            .char_indices()
            .rev()
            .take_while(|&(_, c)| {
                crate::chars::is_alphabetic(c) || matches!(c, ' ' | '&' | '/' | '\'')
            })
            .last()
            .map_or(colon, |(i, _)| i);
        let start = before[..letters].trim_end_matches([' ', '*', '_']).len();
        if start > 0 && !before[..start].ends_with(['.', ';', ',']) {
            continue;
        }
        let candidate = before[start..].trim_start_matches([' ', '*', '_']);
        let key_start = colon - candidate.len();
        let words = candidate.split_whitespace().count();
        if (1..=3).contains(&words) && is_label(candidate) {
            found.push(key_start..colon);
        }
    }
    if found.is_empty() || (found.len() == 1 && line[..found[0].start].trim().is_empty()) {
        return None;
    }
    let lead = 0..found[0].start;
    let mut fields = Vec::new();
    for (n, k) in found.iter().enumerate() {
        let end = found.get(n + 1).map_or(line.len(), |next| next.start);
        let value = &line[k.end + 1..end];
        let lead_ws = value.len() - value.trim_start().len();
        // Before another label, a full stop is the break between them, not the value's.
        let last = n + 1 == found.len();
        let v = value.trim().trim_end_matches(|c: char| {
            matches!(c, ';' | ',' | '—' | '–' | '|' | '*')
                || c.is_whitespace()
                || (c == '.' && !last)
        });
        let vs = k.end + 1 + lead_ws;
        fields.push((k.clone(), vs..vs + v.len()));
    }
    Some((lead, fields))
}

#[cfg(test)]
mod tests {
    use super::{key_value, labelled, parts};
    use proptest::prelude::*;
    use regex::Regex;

    /// The definition of the separators, as first written.
    fn parts_by_regex(line: &str) -> Vec<std::ops::Range<usize>> {
        let re = Regex::new(r"\s+[—–|-]\s+|\s*—\s*|\s+\|\s*").expect("valid");
        let depth_at = |at: usize| {
            line[..at].bytes().fold(0i32, |d, b| match b {
                b'(' => d + 1,
                b')' => (d - 1).max(0),
                _ => d,
            })
        };
        let mut out = Vec::new();
        let mut last = 0;
        for m in re.find_iter(line).filter(|m| depth_at(m.start()) == 0) {
            if m.start() > last {
                out.push(last..m.start());
            }
            last = m.end();
        }
        if last < line.len() {
            out.push(last..line.len());
        }
        out
    }

    #[test]
    fn parts_between_dashes_and_bars() {
        let line = "March 1, 2024 — Call —Ana|Ben - x-y | z – w (a - b) –c";
        let got: Vec<&str> = parts(line).into_iter().map(|r| &line[r]).collect();
        assert_eq!(
            got,
            [
                "March 1, 2024",
                "Call",
                "Ana|Ben",
                "x-y",
                "z",
                "w (a - b) –c"
            ]
        );
        assert_eq!(parts(line), parts_by_regex(line));
    }

    proptest! {
        #[test]
        fn parts_are_the_regex_parts(line in "[a ()|\\-—–\u{a0}\t]{0,30}") {
            prop_assert_eq!(parts(&line), parts_by_regex(&line));
        }

        /// `key_value` stops at the first character a key cannot hold; the definition finds
        /// the colon first.
        #[test]
        fn key_value_is_as_defined(line in "[a B1:.'/&\t\n é]{0,24}") {
            let by_definition = |line: &str| {
                let start = line.len() - line.trim_start().len();
                let colon = start + line[start..].find(':')?;
                let key_end = start + line[start..colon].trim_end().len();
                let key = &line[start..key_end];
                let mut chars = key.chars();
                if !chars.next().is_some_and(char::is_alphabetic) || key.chars().count() > 31 {
                    return None;
                }
                if !chars.all(|c| c.is_alphabetic() || matches!(c, '\'' | '/' | '&' | ' ')) {
                    return None;
                }
                let after = &line[colon + 1..];
                let value_start = colon + 1 + (after.len() - after.trim_start().len());
                if line[value_start..].contains('\n') {
                    return None;
                }
                Some((start..key_end, value_start..line.len()))
            };
            prop_assert_eq!(key_value(&line), by_definition(&line));
        }

        /// The label search reads back from each colon; the definition reads forward from the
        /// last sentence break.
        #[test]
        fn labels_are_found_as_defined(line in "[a B.;,:*_ &/'1—]{0,40}") {
            let is = |k: &str| !k.is_empty();
            let by_definition = |line: &str| {
                let mut found = Vec::new();
                for (colon, _) in line.match_indices(':') {
                    let before = &line[..colon];
                    let start = before.rfind(['.', ';', ',']).map_or(0, |i| i + 1);
                    let candidate = before[start..].trim_start_matches([' ', '*', '_']);
                    let words = candidate.split_whitespace().count();
                    let clean = candidate
                        .chars()
                        .all(|c| c.is_alphabetic() || matches!(c, ' ' | '&' | '/' | '\''));
                    if (1..=3).contains(&words) && clean {
                        found.push(colon - candidate.len()..colon);
                    }
                }
                found
            };
            let ours: Vec<_> = labelled(&line, is)
                .map(|(_, fields)| fields.into_iter().map(|(k, _)| k).collect())
                .unwrap_or_default();
            let want = by_definition(&line);
            let expected = if want.is_empty() || (want.len() == 1 && line[..want[0].start].trim().is_empty()) {
                Vec::new()
            } else {
                want
            };
            prop_assert_eq!(ours, expected);
        }
    }

    #[test]
    fn labels_inside_a_line() {
        let line = "quarterly review. Method: Meeting. Participants: Ana Sousa, Ben. Summary: Reviewed Q1.";
        let is = |k: &str| matches!(k, "Method" | "Participants" | "Summary");
        let (lead, fields) = labelled(line, is).expect("labels");
        assert_eq!(&line[lead], "quarterly review. ");
        let got: Vec<(&str, &str)> = fields
            .iter()
            .map(|(k, v)| (&line[k.clone()], &line[v.clone()]))
            .collect();
        assert_eq!(
            got,
            [
                ("Method", "Meeting"),
                ("Participants", "Ana Sousa, Ben"),
                ("Summary", "Reviewed Q1.")
            ]
        );
        assert!(labelled("Summary: one field at the start", is).is_none());
        assert!(labelled("Time: 10:00", |k| k == "Time").is_none());
    }
}
