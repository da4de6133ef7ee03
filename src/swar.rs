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

/// The high bit of each byte of `w` that is `b`, and no other bit. Exact (the classic
/// zero-byte test leaves stray bits above a match), so the lowest set bit finds the first one.
#[inline]
pub fn eq_mask(w: u64, b: u8) -> u64 {
    let t = w ^ (u64::from(b) * ONES);
    // A byte of `t` is zero exactly when neither its low seven bits (which `+ 0x7F` carries
    // into the high bit) nor its high bit are set; no sum carries into the next byte.
    !(((t & !HIGH_BITS).wrapping_add(!HIGH_BITS)) | t) & HIGH_BITS
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
            for b in 0..=255u8 {
                let mut bytes = [b.wrapping_add(1); 8];
                bytes[at] = b;
                bytes[7 - at] = b;
                let want = (0..8)
                    .filter(|&k| bytes[k] == b)
                    .fold(0u64, |m, k| m | 0x80 << (8 * k));
                assert_eq!(eq_mask(word(bytes), b), want, "{b:#x} at {at}");
            }
        }
    }
}
