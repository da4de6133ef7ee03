//! A template's instructions to its author, left in a report: a paragraph or list item that
//! is all emphasis or `<mark>` and opens with a label (`Required:`) or an instruction word
//! (`Sum up …`, `Please provide …`), both lists in `rules/placeholders.toml`.
//!
//! `<mark>_Required: Sum up the status and health of your project._</mark>` is the
//! template's text, not the author's: CCR204 reports it, and the language rules leave it
//! alone (its "TL;DR" and long sentences are the template's, removed with it).

use std::ops::Range;

use super::{Document, ProseContext};
use crate::data::Placeholders;

/// One instruction: its prose run and the source bytes CCR204 points at (its first line,
/// without the emphasis marks).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instruction {
    pub prose: usize,
    pub span: Range<usize>,
}

/// The instructions in a document, in source order.
pub fn find(doc: &Document<'_>, placeholders: &Placeholders) -> Vec<Instruction> {
    doc.prose
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            matches!(
                p.context,
                ProseContext::Paragraph | ProseContext::ListItem(_)
            )
        })
        .filter_map(|(i, p)| {
            let whole = widen(doc.source, p.span.clone());
            let raw = doc.source.get(whole.clone())?;
            let inner = emphasised(raw)?;
            let start = whole.start + (inner.as_ptr() as usize - raw.as_ptr() as usize);
            if !placeholders.is_instruction(inner) {
                return None;
            }
            let first = inner.lines().next().unwrap_or("");
            let first = first.trim_end().trim_end_matches(['_', '*']).trim_end();
            Some(Instruction {
                prose: i,
                span: start..start + first.len(),
            })
        })
        .collect()
}

/// A run's span with the emphasis marks and inline tags around it, which the run's text
/// leaves out (`*Describe it.*` is read as `Describe it.`).
fn widen(source: &str, span: Range<usize>) -> Range<usize> {
    let is_mark = |b: u8| matches!(b, b'*' | b'_');
    let bytes = source.as_bytes();
    let (mut s, mut e) = (span.start, span.end.min(bytes.len()));
    loop {
        if s > 0 && is_mark(bytes[s - 1]) {
            s -= 1;
        } else if s > 0 && bytes[s - 1] == b'>' {
            let line = source[..s].rfind('\n').map_or(0, |i| i + 1);
            match source[line..s].rfind('<') {
                Some(i)
                    if source[line + i + 1..s - 1]
                        .bytes()
                        .all(|b| b.is_ascii_alphabetic()) =>
                {
                    s = line + i;
                }
                _ => break,
            }
        } else {
            break;
        }
    }
    loop {
        if e < bytes.len() && is_mark(bytes[e]) {
            e += 1;
        } else if source[e..].trim_start().starts_with("</") {
            let at = e + (source[e..].len() - source[e..].trim_start().len());
            match source[at..].find('>') {
                Some(i)
                    if source[at + 2..at + i]
                        .bytes()
                        .all(|b| b.is_ascii_alphabetic()) =>
                {
                    e = at + i + 1;
                }
                _ => break,
            }
        } else {
            break;
        }
    }
    s..e
}

/// The text inside a run that is all emphasis (`_…_`, `*…*`, `**…**`), itself possibly
/// inside one inline HTML element (`<mark>…</mark>`): `None` for any other run.
fn emphasised(raw: &str) -> Option<&str> {
    let mut t = raw.trim();
    if t.starts_with('<') {
        let open = t.find('>')? + 1;
        let close = t.rfind("</")?;
        if close < open || !t.ends_with('>') {
            return None;
        }
        t = t[open..close].trim();
    }
    let mark = t.chars().next().filter(|c| matches!(c, '_' | '*'))?;
    let lead = t.len() - t.trim_start_matches(mark).len();
    let trail = t.len() - t.trim_end_matches(mark).len();
    if lead == 0 || lead > 2 || trail != lead || t.len() < lead + trail + 1 {
        return None;
    }
    let inner = &t[lead..t.len() - trail];
    // `_a_ and _b_` is two emphases, not one around the whole run; a mark in code
    // (`nav_exclude`) or inside a word (`grand_parent`) closes nothing.
    let doubled: String = std::iter::repeat_n(mark, lead).collect();
    let bare = inner.split('`').step_by(2).any(|part| {
        part.match_indices(&doubled).any(|(i, m)| {
            let before = part[..i].chars().next_back();
            let after = part[i + m.len()..].chars().next();
            !(mark == '_'
                && before.is_some_and(char::is_alphanumeric)
                && after.is_some_and(char::is_alphanumeric))
        })
    });
    (!bare).then_some(inner)
}

#[cfg(test)]
mod tests {
    use super::emphasised;

    #[test]
    fn only_a_run_that_is_all_emphasis_has_an_inside() {
        assert_eq!(emphasised("_Describe it._"), Some("Describe it."));
        assert_eq!(emphasised("**Describe it.**"), Some("Describe it."));
        assert_eq!(
            emphasised("<mark>_Required: sum up._\n</mark>"),
            Some("Required: sum up.")
        );
        assert_eq!(emphasised("Describe it."), None);
        assert_eq!(emphasised("_a_ and _b_"), None);
        assert_eq!(emphasised("_Describe_ it."), None);
        assert_eq!(emphasised("<mark>Describe it.</mark>"), None);
        assert_eq!(emphasised("__"), None);
        assert_eq!(
            emphasised("_Set `nav_exclude` and the grand_parent._"),
            Some("Set `nav_exclude` and the grand_parent.")
        );
    }
}
