//! Eight bytes at a time in a `u64` ("SIMD within a register"): the byte tests that the
//! tokeniser's hash and the emoji scan run over every byte of the prose.

/// `0x01` in every byte.
pub const ONES: u64 = 0x01_01_01_01_01_01_01_01;

/// The high bit of every byte.
pub const HIGH_BITS: u64 = 0x80 * ONES;

/// Eight bytes read as a little-endian word.
#[inline]
pub fn word(bytes: [u8; 8]) -> u64 {
    u64::from_le_bytes(bytes)
}

/// Whether some byte of `w` is zero. Exact for "any": the classic test's stray bits only
/// ever sit above a real zero byte.
#[inline]
pub fn has_zero_byte(w: u64) -> bool {
    w.wrapping_sub(ONES) & !w & HIGH_BITS != 0
}

/// Whether some byte of `w` is `b`.
#[inline]
pub fn has_byte(w: u64, b: u8) -> bool {
    has_zero_byte(w ^ (u64::from(b) * ONES))
}

/// Eight ASCII bytes (no high bit set) with their capitals lower-cased, all at once: a byte
/// plus `0x3F` reaches `0x80` from `A` on, plus `0x25` from the byte after `Z` on; no sum
/// carries into the next byte.
#[inline]
pub fn lower_ascii8(x: u64) -> u64 {
    let from_a = x.wrapping_add(0x3F * ONES);
    let past_z = x.wrapping_add(0x25 * ONES);
    x | ((from_a & !past_z & HIGH_BITS) >> 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals_lower_eight_at_a_time() {
        for b in 0u8..0x80 {
            let x = word([b, b'@', b'[', b'A', b'Z', b'a', b'z', b'`']);
            let want = word([
                b.to_ascii_lowercase(),
                b'@',
                b'[',
                b'a',
                b'z',
                b'a',
                b'z',
                b'`',
            ]);
            assert_eq!(lower_ascii8(x), want, "{b:#x}");
        }
    }

    #[test]
    fn a_byte_is_found_wherever_it_stands() {
        for at in 0..8 {
            for b in [0u8, b':', 0x7f, 0x80, 0xff] {
                let mut bytes = [b'a'; 8];
                bytes[at] = b;
                assert!(has_byte(word(bytes), b), "{b:#x} at {at}");
                assert_eq!(has_zero_byte(word(bytes)), b == 0, "{b:#x} at {at}");
            }
            assert!(!has_byte(word([b'a'; 8]), b':'));
        }
    }
}
