//! Where a few short patterns stand in a document's source, found in one vectorised pass
//! each. A run of text then asks whether one lies inside it, which is a binary search,
//! instead of searching its own bytes. Searching every short text of every file costs far
//! more in set-up than the search itself.

use std::ops::Range;

/// The occurrences of some patterns in a source, in source order.
pub(crate) struct Marks {
    marks: Vec<Range<usize>>,
}

impl Marks {
    /// Every occurrence of `patterns` in `source`. No pattern may start inside an occurrence
    /// of itself or of another (`://` and `www.`, `"` and `“`): then the source's matches
    /// are exactly the matches of each of its slices.
    pub(crate) fn new(source: &str, patterns: &[&str]) -> Self {
        let b = source.as_bytes();
        let mut marks: Vec<Range<usize>> = patterns
            .iter()
            .flat_map(|p| memchr::memmem::find_iter(b, p.as_bytes()).map(|at| at..at + p.len()))
            .collect();
        marks.sort_by_key(|r| r.start);
        Marks { marks }
    }

    /// Whether an occurrence lies wholly inside `range` of the source.
    pub(crate) fn any_in(&self, range: &Range<usize>) -> bool {
        let first = self.marks.partition_point(|m| m.start < range.start);
        self.marks[first..]
            .iter()
            .take_while(|m| m.start < range.end)
            .any(|m| m.end <= range.end)
    }

    /// Whether `text` holds an occurrence, when `text` is a slice of `source` (`None` when
    /// it is not: a rendered copy).
    pub(crate) fn any_in_slice(&self, source: &str, text: &str) -> Option<bool> {
        let start = (text.as_ptr() as usize).checked_sub(source.as_ptr() as usize)?;
        let end = start + text.len();
        (end <= source.len()).then(|| self.any_in(&(start..end)))
    }
}

#[cfg(test)]
mod tests {
    use super::Marks;

    proptest::proptest! {
        #[test]
        fn marks_find_what_searching_the_text_finds(
            source in "[w.:/ a\"“]{0,30}",
            a in 0usize..40,
            b in 0usize..40,
        ) {
            let urls = Marks::new(&source, &["://", "www."]);
            let quotes = Marks::new(&source, &["\"", "\u{201c}"]);
            let (lo, hi) = (a.min(b).min(source.len()), a.max(b).min(source.len()));
            let Some(text) = source.get(lo..hi) else {
                return Ok(());
            };
            proptest::prop_assert_eq!(
                urls.any_in(&(lo..hi)),
                text.contains("://") || text.contains("www."),
                "{:?} in {:?}", text, source
            );
            proptest::prop_assert_eq!(
                quotes.any_in_slice(&source, text),
                Some(text.contains(['"', '\u{201c}'])),
                "{:?} in {:?}", text, source
            );
        }
    }

    #[test]
    fn a_copy_is_not_a_slice() {
        let source = "say \"hi\"";
        let quotes = Marks::new(source, &["\""]);
        let copy = String::from(source);
        assert_eq!(quotes.any_in_slice(source, copy.as_str()), None);
        assert_eq!(quotes.any_in_slice(source, &source[..3]), Some(false));
        assert_eq!(quotes.any_in_slice(source, &source[3..]), Some(true));
    }
}
