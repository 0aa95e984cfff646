//! Byte tests on eight bytes at once (SIMD within a register), shared by
//! the tokenizers and the lexicon keys. Every helper expects bytes below
//! 0x80 where it says so, so no sum carries into the next byte.

/// 0x01 in every byte.
pub const ONES: u64 = 0x0101_0101_0101_0101;
/// 0x80 in every byte.
pub const HIGH: u64 = 0x8080_8080_8080_8080;

/// Eight bytes from `b[i..]`, little-endian, zero past the end (a zero
/// byte ends a word like any other non-alphanumeric byte).
#[inline]
pub fn load8(b: &[u8], i: usize) -> u64 {
    match b.get(i..).and_then(|r| r.first_chunk::<8>()) {
        Some(x) => u64::from_le_bytes(*x),
        None => {
            let mut t = [0u8; 8];
            let r = b.get(i..).unwrap_or(&[]);
            t[..r.len()].copy_from_slice(r);
            u64::from_le_bytes(t)
        }
    }
}

/// The high bit of each byte of `x` (all below 0x80) in `lo..=hi`.
#[inline]
pub fn in_range(x: u64, lo: u8, hi: u8) -> u64 {
    let ge = x.wrapping_add((0x80 - lo as u64) * ONES);
    let gt = x.wrapping_add((0x7f - hi as u64) * ONES);
    ge & !gt & HIGH
}

/// The high bit of each byte of `x` (any bytes) that is an ASCII letter or
/// digit.
#[inline]
pub fn alnum_bits(x: u64) -> u64 {
    let ascii = !x & HIGH;
    let x7 = x & !HIGH;
    // letters of either case (`| 0x20` folds case), digits
    let letter = in_range(x7 | (0x20 * ONES), b'a', b'z');
    let digit = in_range(x7, b'0', b'9');
    (letter | digit) & ascii
}

/// How many of the 8 bytes of `x` (little-endian) are, from the first,
/// ASCII letters or digits.
#[inline]
pub fn alnum_prefix8(x: u64) -> usize {
    let stop = !alnum_bits(x) & HIGH;
    // (8 when no byte stops the run: `trailing_zeros(0)` is 64)
    (stop.trailing_zeros() / 8) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alnum_prefix8_matches_bytes() {
        let want = |b: &[u8; 8]| b.iter().take_while(|c| c.is_ascii_alphanumeric()).count();
        for fill in [b'a', b'Z', b'7', b' '] {
            for p in 0..8 {
                for c in 0..=255u8 {
                    let mut b = [fill; 8];
                    b[p] = c;
                    assert_eq!(alnum_prefix8(u64::from_le_bytes(b)), want(&b), "{b:?}");
                }
            }
        }
    }

    #[test]
    fn load8_pads_with_zeros() {
        assert_eq!(load8(b"abc", 1), u64::from_le_bytes(*b"bc\0\0\0\0\0\0"));
        assert_eq!(load8(b"abc", 5), 0);
    }
}
