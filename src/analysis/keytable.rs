//! A small flat hash table for lexicon words of at most 16 bytes, packed
//! into two `u64`s: one multiply and usually one probe per lookup, no
//! string hashing or comparison.

/// Up to 8 bytes packed into a `u64`, little-endian.
#[inline]
pub fn pack8(b: &[u8]) -> u64 {
    if b.len() >= 8 {
        return u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]);
    }
    let mut v = 0u64;
    for (i, &x) in b.iter().enumerate() {
        v |= (x as u64) << (8 * i);
    }
    v
}

/// Up to 16 bytes packed into two `u64`s (the length is implied by the
/// non-zero bytes; words never contain NUL).
#[inline]
pub fn pack16(b: &[u8]) -> Option<(u64, u64)> {
    if b.is_empty() || b.len() > 16 {
        return None;
    }
    let lo = pack8(b);
    let hi = if b.len() > 8 { pack8(&b[8..]) } else { 0 };
    Some((lo, hi))
}

/// An open-addressing table from packed words to their classes, at most
/// half full; a zero key marks an empty slot (keys are never empty).
pub struct KeyTable<V> {
    slots: Vec<(u64, u64, V)>,
    shift: u32,
}

impl<V: Copy + Default> KeyTable<V> {
    pub fn build(items: impl Iterator<Item = ((u64, u64), V)>) -> Self {
        let items: Vec<_> = items.collect();
        let cap = (items.len() * 2).next_power_of_two().max(16);
        let mut t = KeyTable {
            slots: vec![(0, 0, V::default()); cap],
            shift: 64 - cap.trailing_zeros(),
        };
        for ((lo, hi), v) in items {
            let mask = cap - 1;
            let mut i = t.slot(lo, hi);
            while t.slots[i].0 != 0 {
                i = (i + 1) & mask;
            }
            t.slots[i] = (lo, hi, v);
        }
        t
    }

    #[inline]
    fn slot(&self, lo: u64, hi: u64) -> usize {
        ((lo ^ hi.rotate_left(23)).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    #[inline]
    pub fn get(&self, (lo, hi): (u64, u64)) -> V {
        if self.slots.is_empty() {
            return V::default();
        }
        let mask = self.slots.len() - 1;
        let mut i = self.slot(lo, hi);
        loop {
            let s = &self.slots[i];
            if s.0 == lo && s.1 == hi {
                return s.2;
            }
            if s.0 == 0 {
                return V::default();
            }
            i = (i + 1) & mask;
        }
    }
}

impl<V> Default for KeyTable<V> {
    fn default() -> Self {
        KeyTable {
            slots: Vec::new(),
            shift: 0,
        }
    }
}
