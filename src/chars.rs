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

#[cfg(test)]
mod tests {
    #[test]
    fn the_same_answers_as_char_for_every_character() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            assert_eq!(super::is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(super::is_alphabetic(c), c.is_alphabetic(), "{c:?}");
        }
    }
}
