//! Character classes with a fast path for the punctuation reports are full of. `char`'s own
//! `is_alphabetic`/`is_alphanumeric` look up every non-ASCII character in Unicode's tables
//! (a few hundred instructions each), and every dash and curly quote of a report (`—`, `–`,
//! `’`, `“`: the General Punctuation block, U+2000–U+206F, which holds no letter and no
//! digit) went through that lookup in the tokeniser, the sentence counter and the readers.
//! The answers are `char`'s own: a test compares them for every character.

use std::ops::RangeInclusive;

/// General Punctuation: spaces, dashes, quotes, bullets; no letters or digits.
const GENERAL_PUNCTUATION: RangeInclusive<char> = '\u{2000}'..='\u{206f}';

/// [`char::is_alphanumeric`].
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    !GENERAL_PUNCTUATION.contains(&c) && c.is_alphanumeric()
}

/// [`char::is_alphabetic`].
#[inline]
pub fn is_alphabetic(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    !GENERAL_PUNCTUATION.contains(&c) && c.is_alphabetic()
}

/// The first letter or digit of `s` ([`is_alphanumeric`]), reading ASCII a byte at a time.
#[inline]
pub fn first_alphanumeric(s: &str) -> Option<char> {
    for (i, &b) in s.as_bytes().iter().enumerate() {
        if b >= 0x80 {
            // `i` is a character boundary: every byte before it is ASCII.
            return s[i..].chars().find(|&c| is_alphanumeric(c));
        }
        if b.is_ascii_alphanumeric() {
            return Some(char::from(b));
        }
    }
    None
}

/// Whether an ASCII byte is whitespace by [`char::is_whitespace`] (which, unlike
/// [`u8::is_ascii_whitespace`], counts the vertical tab).
#[inline]
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// The non-empty pieces of `text` between whitespace characters, each with its byte offset:
/// `text.split(char::is_whitespace)` without the empty pieces, reading ASCII a byte at a time
/// instead of decoding every character.
pub fn whitespace_words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    // From `i` (always a character boundary: it only moves by whole characters), past the
    // characters that are whitespace or not, as `space` says; ASCII without decoding.
    let skip = move |mut i: usize, space: bool| -> usize {
        while let Some(&b) = bytes.get(i) {
            if b < 0x80 {
                if is_ascii_space(b) != space {
                    break;
                }
                i += 1;
            } else {
                match text.get(i..).and_then(|t| t.chars().next()) {
                    Some(c) if c.is_whitespace() == space => i += c.len_utf8(),
                    _ => break,
                }
            }
        }
        i
    };
    let mut i = 0;
    std::iter::from_fn(move || {
        let start = skip(i, true);
        i = skip(start, false);
        (i > start).then(|| (start, text.get(start..i).unwrap_or_default()))
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_same_answers_as_char_for_every_character() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            assert_eq!(super::is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(super::is_alphabetic(c), c.is_alphabetic(), "{c:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn the_fast_readers_agree_with_char(
            text in "[a-zA-Z0-9 .,'*_\t\n\u{b}\u{c}\r\u{85}\u{a0}\u{2003}\u{3000}é—’“ß😀]{0,40}"
        ) {
            let words: Vec<(usize, &str)> = super::whitespace_words(&text).collect();
            let expected: Vec<(usize, &str)> = text
                .split(char::is_whitespace)
                .filter(|w| !w.is_empty())
                .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
                .collect();
            proptest::prop_assert_eq!(words, expected);
            proptest::prop_assert_eq!(
                super::first_alphanumeric(&text),
                text.chars().find(|&c| c.is_alphanumeric())
            );
        }
    }
}
