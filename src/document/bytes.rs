//! Which bytes of interest a prose run holds, read once when the run is built. The passes
//! that look for a colon, an exclamation mark, a digit or a quotation mark in every run ask
//! the run's set first, and search only the runs that hold one: a search of a short text
//! costs more in set-up than the search itself, and most runs hold none of what one pass
//! looks for.

/// A set of byte classes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ByteSet(u32);

impl ByteSet {
    /// `0` to `9`.
    pub const DIGIT: ByteSet = ByteSet(1);
    pub const COLON: ByteSet = ByteSet(1 << 1);
    pub const SEMICOLON: ByteSet = ByteSet(1 << 2);
    pub const EXCLAMATION: ByteSet = ByteSet(1 << 3);
    /// The straight double quote `"`.
    pub const QUOTE: ByteSet = ByteSet(1 << 4);
    pub const SLASH: ByteSet = ByteSet(1 << 5);
    pub const HYPHEN: ByteSet = ByteSet(1 << 6);
    pub const LESS_THAN: ByteSet = ByteSet(1 << 7);
    pub const CARET: ByteSet = ByteSet(1 << 8);
    /// `E2`, the first byte of U+2000 to U+2FFF: dashes, curly quotes, bullets, symbols.
    pub const E2: ByteSet = ByteSet(1 << 9);
    /// `F0`, the first byte of U+10000 to U+3FFFF: the pictograph planes among them.
    pub const F0: ByteSet = ByteSet(1 << 10);

    /// The classes of the bytes of `text`: one table lookup per byte, no branch.
    pub fn of(text: &str) -> ByteSet {
        Self::of_bytes(text.as_bytes())
    }

    /// The classes of `bytes` (a `const fn`, so that a set of classes can be named by the
    /// bytes it stands for).
    pub const fn of_bytes(bytes: &[u8]) -> ByteSet {
        let mut set = 0;
        let mut i = 0;
        while i < bytes.len() {
            set |= CLASS[bytes[i] as usize];
            i += 1;
        }
        ByteSet(set)
    }

    /// Both sets' classes.
    pub const fn or(self, other: ByteSet) -> ByteSet {
        ByteSet(self.0 | other.0)
    }

    /// Whether the set holds any class of `classes`.
    pub fn any(self, classes: ByteSet) -> bool {
        self.0 & classes.0 != 0
    }
}

/// Each byte's class bit (0 for a byte no pass asks about).
const CLASS: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut b = b'0';
    while b <= b'9' {
        table[b as usize] = ByteSet::DIGIT.0;
        b += 1;
    }
    table[b':' as usize] = ByteSet::COLON.0;
    table[b';' as usize] = ByteSet::SEMICOLON.0;
    table[b'!' as usize] = ByteSet::EXCLAMATION.0;
    table[b'"' as usize] = ByteSet::QUOTE.0;
    table[b'/' as usize] = ByteSet::SLASH.0;
    table[b'-' as usize] = ByteSet::HYPHEN.0;
    table[b'<' as usize] = ByteSet::LESS_THAN.0;
    table[b'^' as usize] = ByteSet::CARET.0;
    table[0xE2] = ByteSet::E2.0;
    table[0xF0] = ByteSet::F0.0;
    table
};

#[cfg(test)]
mod tests {
    use super::ByteSet;

    proptest::proptest! {
        /// The set holds a class exactly when the text holds one of its bytes.
        #[test]
        fn a_class_is_in_the_set_when_its_byte_is_in_the_text(
            text in "[a-z0-9 :;!\"/<^—“🎉é-]{0,24}"
        ) {
            let set = ByteSet::of(&text);
            type Is = fn(u8) -> bool;
            let classes: [(ByteSet, Is); 11] = [
                (ByteSet::DIGIT, |b| b.is_ascii_digit()),
                (ByteSet::COLON, |b| b == b':'),
                (ByteSet::SEMICOLON, |b| b == b';'),
                (ByteSet::EXCLAMATION, |b| b == b'!'),
                (ByteSet::QUOTE, |b| b == b'"'),
                (ByteSet::SLASH, |b| b == b'/'),
                (ByteSet::HYPHEN, |b| b == b'-'),
                (ByteSet::LESS_THAN, |b| b == b'<'),
                (ByteSet::CARET, |b| b == b'^'),
                (ByteSet::E2, |b| b == 0xE2),
                (ByteSet::F0, |b| b == 0xF0),
            ];
            for (class, is) in classes {
                proptest::prop_assert_eq!(set.any(class), text.bytes().any(is), "{:?}", class);
            }
            proptest::prop_assert!(!ByteSet::default().any(set));
        }
    }
}
