//! The day/month order a report settles by itself. `01/03/2020` is ambiguous alone, but
//! not in a table whose other rows say `01/31/2020`: a numeric date that can be read only
//! one way shows the report's order, and when all such dates agree, the others are read
//! that way too. (A configured `[dates] order` wins; dotted dates such as `16.06.2024`
//! are day-first by convention and show nothing.)

use super::super::Document;
use super::super::bytes::ByteSet;
use super::super::dates::{self, DateContext, DateValue};
use crate::settings::DateOrder;

/// The only order the document's numeric dates allow, if they show one and never the other.
pub(super) fn settled(doc: &Document<'_>) -> Option<DateOrder> {
    let (mut mdy, mut dmy) = (false, false);
    for p in &doc.prose {
        let may = p.bytes.any(ByteSet::DIGIT) && p.bytes.any(ByteSet::SLASH.or(ByteSet::HYPHEN));
        if !(may && has_numeric_date(p.text.as_bytes())) {
            continue;
        }
        for m in dates::find_dates(&p.text, &DateContext::default()) {
            if p.text.get(m.range.clone()).is_some_and(|t| t.contains('.')) {
                continue;
            }
            match dates::shown_order(&m) {
                Some(DateOrder::Mdy) => mdy = true,
                Some(DateOrder::Dmy) => dmy = true,
                None => {}
            }
        }
    }
    match (mdy, dmy) {
        (true, false) => Some(DateOrder::Mdy),
        (false, true) => Some(DateOrder::Dmy),
        _ => None,
    }
}

/// Whether the text has one or two digits, a `/` or `-`, one or two digits and a `/` or `-`
/// (a numeric date's start; `2024-06-16` has none): text without one has no numeric date.
/// Read from each `/` and `-` (a byte search), not byte by byte.
fn has_numeric_date(b: &[u8]) -> bool {
    let is_digit = |c: &&u8| c.is_ascii_digit();
    memchr::memchr2_iter(b'/', b'-', b).any(|sep| {
        // Up to three: a run of three digits is already too long.
        let before = b[..sep].iter().rev().take(3).take_while(is_digit).count();
        let after = b[sep + 1..].iter().take(3).take_while(is_digit).count();
        (1..=2).contains(&before)
            && (1..=2).contains(&after)
            && matches!(b.get(sep + 1 + after), Some(b'/' | b'-'))
    })
}

/// An ambiguous date with one reading inside the period is that reading.
pub(super) fn settle_in_period(
    value: &DateValue,
    period: Option<(jiff::civil::Date, jiff::civil::Date)>,
) -> Option<(jiff::civil::Date, DateOrder)> {
    let (DateValue::Ambiguous { mdy, dmy }, Some((start, end))) = (value, period) else {
        return None;
    };
    let inside = |d: &jiff::civil::Date| *d >= start && *d <= end;
    match (inside(mdy), inside(dmy)) {
        (true, false) => Some((*mdy, DateOrder::Mdy)),
        (false, true) => Some((*dmy, DateOrder::Dmy)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_util::content;
    use crate::document::dates::DateValue;

    fn values(src: &str) -> Vec<DateValue> {
        content(src).dates.into_iter().map(|d| d.value).collect()
    }

    /// The byte-by-byte definition `has_numeric_date` replaced.
    fn has_numeric_date_by_definition(b: &[u8]) -> bool {
        let run = |i: usize| b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        let mut i = 0;
        while i < b.len() {
            if !b[i].is_ascii_digit() {
                i += 1;
                continue;
            }
            let first = run(i);
            let sep = i + first;
            if (1..=2).contains(&first)
                && matches!(b.get(sep), Some(b'/' | b'-'))
                && sep + 1 < b.len()
            {
                let second = run(sep + 1);
                if (1..=2).contains(&second) && matches!(b.get(sep + 1 + second), Some(b'/' | b'-'))
                {
                    return true;
                }
            }
            i = sep.max(i + 1);
        }
        false
    }

    proptest::proptest! {
        #[test]
        fn numeric_date_starts_are_found_as_defined(text in "[01 /a-]{0,16}") {
            proptest::prop_assert_eq!(
                super::has_numeric_date(text.as_bytes()),
                has_numeric_date_by_definition(text.as_bytes())
            );
        }
    }

    #[test]
    fn a_date_readable_one_way_settles_the_others() {
        let v = values(
            "# Log\n\n| Date | Note |\n| --- | --- |\n| 01/03/2020 | a |\n| 01/31/2020 | b |\n",
        );
        assert!(v.iter().all(|v| matches!(v, DateValue::Date(_))), "{v:?}");
        assert_eq!(v[0], DateValue::Date(jiff::civil::date(2020, 1, 3)));
    }

    #[test]
    fn mixed_orders_settle_nothing() {
        let v = values("# Log\n\n01/03/2020, 01/31/2020 and 31/01/2020.\n");
        assert!(matches!(v[0], DateValue::Ambiguous { .. }), "{v:?}");
    }

    #[test]
    fn the_period_settles_a_date_with_one_reading_inside_it() {
        let v =
            values("# Report\n\n## Time Period\n\nMarch 2024\n\n## Log\n\nMet on 03/04/2024.\n");
        assert_eq!(
            v.last(),
            Some(&DateValue::Date(jiff::civil::date(2024, 3, 4)))
        );
    }
}
