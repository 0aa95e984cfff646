//! Word lists for people recognition, compiled into the binary
//! (`data/`, see `data/README.md` for sources and licences) and loaded once.

use std::collections::HashMap;

use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use crate::analysis::keytable::{KeyTable, pack16};

/// FxHash: a fast, non-cryptographic hasher for short word keys.
#[derive(Default, Clone, Copy)]
pub struct Fx(u64);

impl Hasher for Fx {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut h = self.0;
        let mut b = bytes;
        while b.len() >= 8 {
            let v = u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]);
            h = (h.rotate_left(5) ^ v).wrapping_mul(K);
            b = &b[8..];
        }
        for &x in b {
            h = (h.rotate_left(5) ^ x as u64).wrapping_mul(K);
        }
        self.0 = h;
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ i as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

pub type FxBuild = BuildHasherDefault<Fx>;
pub type FxMap<K, V> = HashMap<K, V, FxBuild>;

/// First-name flags.
pub const MALE: u8 = 1;
pub const FEMALE: u8 = 2;
/// Also an ordinary English word ("Will", "Rose", "Grace").
pub const AMBIGUOUS: u8 = 4;

/// Everything the lists say about one (lowercased) word.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Info {
    /// `W_*` bits.
    pub bits: u16,
    /// First-name flags (`MALE`, `FEMALE`, `AMBIGUOUS`) when `W_FIRST` is set.
    pub first: u8,
    /// Gender flags of a title.
    pub title_g: u8,
}

pub const W_FIRST: u16 = 1;
pub const W_LAST: u16 = 1 << 1;
pub const W_TITLE: u16 = 1 << 2;
pub const W_ROLE: u16 = 1 << 3;
pub const W_ORG: u16 = 1 << 4;
pub const W_PLACE: u16 = 1 << 5;
pub const W_STOP: u16 = 1 << 6;
pub const W_SPEECH: u16 = 1 << 7;
pub const W_VERB: u16 = 1 << 8;
/// Opens an appositive noun phrase ("a", "the", "formerly", "his").
pub const W_DET: u16 = 1 << 9;
/// Ends an appositive ("who", "which", "said").
pub const W_REL: u16 = 1 << 10;
/// A preposition.
pub const W_PREP: u16 = 1 << 11;
/// A stop word that may still be part of a descriptor ("former", "first").
pub const W_DESC: u16 = 1 << 12;
/// A function word (never inside a descriptor chain, even capitalised).
pub const W_FUNC: u16 = 1 << 13;

const FUNC_WORDS: &[&str] = &[
    "a",
    "an",
    "the",
    "and",
    "or",
    "but",
    "nor",
    "of",
    "in",
    "on",
    "at",
    "to",
    "for",
    "from",
    "by",
    "with",
    "as",
    "that",
    "this",
    "these",
    "those",
    "it",
    "its",
    "he",
    "she",
    "they",
    "his",
    "her",
    "their",
    "we",
    "our",
    "i",
    "you",
    "your",
    "my",
    "who",
    "whom",
    "whose",
    "which",
    "what",
    "when",
    "where",
    "while",
    "if",
    "after",
    "before",
    "since",
    "until",
    "although",
    "though",
    "because",
    "despite",
    "during",
    "meanwhile",
    "however",
    "also",
    "according",
    "yesterday",
    "today",
    "tomorrow",
    "there",
    "here",
    "so",
    "yet",
    "then",
    "than",
    "both",
    "all",
    "some",
    "many",
    "most",
    "several",
    "no",
    "not",
    "one",
    "two",
    "three",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "is",
    "was",
    "are",
    "were",
    "be",
    "has",
    "had",
    "have",
    "will",
    "would",
    "can",
    "could",
    "should",
    "must",
    "might",
];

const DET_WORDS: &[&str] = &[
    "a",
    "an",
    "the",
    "his",
    "her",
    "their",
    "its",
    "formerly",
    "former",
    "now",
    "then",
    "currently",
    "also",
    "once",
    "another",
    "both",
    "one",
    "chief",
    "head",
    "our",
    "my",
];
const REL_WORDS: &[&str] = &["who", "which", "that", "whose", "said", "says"];
const PREP_WORDS: &[&str] = &["of", "in", "at", "for", "from", "with", "on", "by", "to"];
const DESC_WORDS: &[&str] = &[
    "former", "first", "last", "then", "late", "new", "top", "acting", "current", "second",
];

impl Info {
    #[inline]
    pub fn has(self, b: u16) -> bool {
        self.bits & b != 0
    }
}

pub struct Lex {
    /// The hand-written lexicons (a few thousand words: stays in cache),
    /// words of at most 16 bytes in a packed table, longer ones in `long`.
    short: KeyTable<Info>,
    long: FxMap<Box<[u8]>, Info>,
    /// First names and surnames (160k words).
    names: NameTable,
}

/// A compact open-addressing table for the 160k name words. Keys of at most
/// 16 bytes (all but a handful) are stored packed in two `u64`s; a slot is a
/// 4-byte entry index with a few hash bits (a tag) above it, so a probe
/// that misses usually never touches the keys. About 4 MB, no allocation
/// per name; the few longer keys live in `long`.
struct NameTable {
    /// Packed keys, and what the lists say about each.
    keys: Vec<(u64, u64)>,
    infos: Vec<Info>,
    /// `tag << IDX_BITS | (index + 1)`; 0 = empty. Length is a power of two.
    slots: Vec<u32>,
    /// log2 of `slots.len()`.
    bits: u32,
    long: FxMap<Box<[u8]>, Info>,
}

/// Bits of a slot holding the entry index + 1 (room for a million names);
/// the rest hold the tag.
const IDX_BITS: u32 = 20;
const IDX_MASK: u32 = (1 << IDX_BITS) - 1;

impl NameTable {
    fn with_capacity(n: usize) -> Self {
        // at most 3/4 full
        let cap = (n * 4 / 3 + 1).next_power_of_two().max(16);
        NameTable {
            keys: Vec::with_capacity(n),
            infos: Vec::with_capacity(n),
            slots: vec![0; cap],
            bits: cap.trailing_zeros(),
            long: FxMap::default(),
        }
    }

    /// (first slot, tag) of a packed key: the slot from the top bits of a
    /// multiplicative hash, the tag from the bits below them.
    #[inline]
    fn hash(&self, (lo, hi): (u64, u64)) -> (usize, u32) {
        let x = (lo.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ hi)
            .wrapping_mul(0xFF51_AFD7_ED55_8CCD)
            .rotate_left(self.bits);
        let slot = (x as usize) & (self.slots.len() - 1);
        let tag = ((x >> 32) as u32) & !IDX_MASK;
        (slot, tag)
    }

    /// The slot holding packed key `k`, or the empty slot where it would go.
    #[inline]
    fn find(&self, k: (u64, u64)) -> usize {
        let mask = self.slots.len() - 1;
        let (mut i, tag) = self.hash(k);
        loop {
            let s = self.slots[i];
            if s == 0 || (s & !IDX_MASK == tag && self.keys[(s & IDX_MASK) as usize - 1] == k) {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    #[inline]
    fn get_packed(&self, k: (u64, u64)) -> Info {
        match self.slots[self.find(k)] {
            0 => Info::default(),
            s => self.infos[(s & IDX_MASK) as usize - 1],
        }
    }

    fn get(&self, k: &[u8]) -> Info {
        match pack16(k) {
            Some(p) => self.get_packed(p),
            None => self.long.get(k).copied().unwrap_or_default(),
        }
    }

    fn entry(&mut self, k: &str) -> &mut Info {
        let Some(p) = pack16(k.as_bytes()) else {
            return self.long.entry(k.as_bytes().into()).or_default();
        };
        if self.keys.len() * 4 >= self.slots.len() * 3 {
            // never happens with the shipped lists; keep the table sound
            self.grow();
        }
        let i = self.find(p);
        if self.slots[i] == 0 {
            self.keys.push(p);
            self.infos.push(Info::default());
            let (_, tag) = self.hash(p);
            // (more names than the index bits hold would be a build error)
            assert!(self.keys.len() <= IDX_MASK as usize);
            self.slots[i] = tag | self.keys.len() as u32;
        }
        let s = (self.slots[i] & IDX_MASK) as usize - 1;
        &mut self.infos[s]
    }

    fn grow(&mut self) {
        let cap = self.slots.len() * 2;
        self.slots = vec![0; cap];
        self.bits = cap.trailing_zeros();
        let mask = cap - 1;
        for n in 0..self.keys.len() {
            let (mut i, tag) = self.hash(self.keys[n]);
            while self.slots[i] != 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = tag | (n as u32 + 1);
        }
    }
}

/// `w` (at most 16 bytes, ASCII) lowercased and packed as [`pack16`] does,
/// without a copy: a few overlapping loads and a SIMD-within-a-register
/// case fold. `None` if `w` is empty, longer or not ASCII.
#[inline]
fn pack_lower_ascii(b: &[u8]) -> Option<(u64, u64)> {
    let n = b.len();
    let load4 = |s: &[u8]| u32::from_le_bytes([s[0], s[1], s[2], s[3]]) as u64;
    let load8 = |s: &[u8]| u64::from_le_bytes([s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7]]);
    let (lo, hi) = match n {
        0 => return None,
        1..=3 => (
            b[0] as u64 | (b[n / 2] as u64) << (8 * (n / 2)) | (b[n - 1] as u64) << (8 * (n - 1)),
            0,
        ),
        4..=7 => (load4(b) | load4(&b[n - 4..]) << (8 * (n - 4)), 0),
        8 => (load8(b), 0),
        9..=16 => (load8(b), load8(&b[n - 8..]) >> (8 * (16 - n))),
        _ => return None,
    };
    use crate::analysis::swar::{HIGH, in_range};
    if (lo | hi) & HIGH != 0 {
        return None;
    }
    // an uppercase letter's high bit, moved to 0x20, lowercases it
    let fold = |v: u64| v | (in_range(v, b'A', b'Z') >> 2);
    Some((fold(lo), fold(hi)))
}

fn lines(s: &str) -> impl Iterator<Item = &str> {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn build() -> Lex {
    let mut small: FxMap<Box<[u8]>, Info> = FxMap::default();
    let mut names = NameTable::with_capacity(165_000);
    let mut add = |w: &str, bit: u16, first: u8, tg: u8| {
        let key = if w.is_ascii() {
            w.to_ascii_lowercase()
        } else {
            w.to_lowercase()
        };
        let e = if bit & (W_FIRST | W_LAST) != 0 {
            names.entry(&key)
        } else {
            small
                .entry(key.into_bytes().into_boxed_slice())
                .or_default()
        };
        e.bits |= bit;
        e.first |= first;
        e.title_g |= tg;
    };
    for l in lines(include_str!("../../../data/names/first.tsv")) {
        let (name, flags) = l.split_once('\t').unwrap_or((l, ""));
        let mut f = 0u8;
        for c in flags.chars() {
            match c {
                'm' => f |= MALE,
                'f' => f |= FEMALE,
                'a' => f |= AMBIGUOUS,
                _ => {}
            }
        }
        add(name, W_FIRST, f, 0);
    }
    for l in lines(include_str!("../../../data/names/last.txt")) {
        add(l, W_LAST, 0, 0);
    }
    for l in lines(include_str!("../../../data/lexicon/titles.txt")) {
        let (w, g) = l.split_once('\t').unwrap_or((l, ""));
        let f = match g.trim() {
            "m" => MALE,
            "f" => FEMALE,
            _ => 0,
        };
        add(w, W_TITLE, 0, f);
    }
    for l in lines(include_str!("../../../data/lexicon/roles.txt")) {
        add(l, W_ROLE, 0, 0);
        let pl = if let Some(stem) = l.strip_suffix("man") {
            format!("{stem}men")
        } else {
            format!("{l}s")
        };
        add(&pl, W_ROLE, 0, 0);
    }
    for (src, bit) in [
        (include_str!("../../../data/lexicon/orgs.txt"), W_ORG),
        (include_str!("../../../data/lexicon/places.txt"), W_PLACE),
        (include_str!("../../../data/lexicon/stop.txt"), W_STOP),
        (include_str!("../../../data/lexicon/speech.txt"), W_SPEECH),
        (include_str!("../../../data/lexicon/verbs.txt"), W_VERB),
    ] {
        for l in lines(src) {
            add(l, bit, 0, 0);
        }
    }
    for (list, bit) in [
        (DET_WORDS, W_DET),
        (REL_WORDS, W_REL),
        (PREP_WORDS, W_PREP),
        (DESC_WORDS, W_DESC),
        (FUNC_WORDS, W_FUNC),
    ] {
        for w in list {
            small.entry(w.as_bytes().into()).or_default().bits |= bit;
        }
    }
    // every lexicon word also goes into the name table, merged as `Lex::info`
    // merges them, so that a name lookup is one probe ("Will": a stop word
    // and a first name)
    for (k, v) in &small {
        if let Ok(k) = std::str::from_utf8(k) {
            let e = names.entry(k);
            e.bits |= v.bits;
            e.first |= v.first;
            e.title_g |= v.title_g;
        }
    }
    let short = KeyTable::build(small.iter().filter_map(|(k, v)| pack16(k).map(|p| (p, *v))));
    small.retain(|k, _| pack16(k).is_none());
    Lex {
        short,
        long: small,
        names,
    }
}

pub fn lex() -> &'static Lex {
    static L: OnceLock<Lex> = OnceLock::new();
    L.get_or_init(build)
}

/// Run `f` on the lowercase form of `w` (no allocation for short ASCII words).
/// A trailing `.` is dropped ("Dr." -> "dr").
#[inline]
pub fn with_lower<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    let w = w.strip_suffix('.').unwrap_or(w);
    let b = w.as_bytes();
    if b.len() <= 48 && b.is_ascii() {
        let mut buf = [0u8; 48];
        for (d, s) in buf.iter_mut().zip(b) {
            *d = s.to_ascii_lowercase();
        }
        // ASCII in, ASCII out
        f(std::str::from_utf8(&buf[..b.len()]).unwrap_or_default())
    } else {
        f(&w.to_lowercase())
    }
}

impl Lex {
    /// What the lists know about `w` (case-insensitive, a final `.` dropped).
    #[inline]
    pub fn info(&self, w: &str) -> Info {
        self.lookup(w, true)
    }

    /// Like [`Lex::info`] without the name lists (for lowercase context words).
    #[inline]
    pub fn word(&self, w: &str) -> Info {
        self.lookup(w, false)
    }

    #[inline]
    fn lookup(&self, w: &str, names: bool) -> Info {
        let w = w.strip_suffix('.').unwrap_or(w);
        let b = w.as_bytes();
        // fast path: a short ASCII word, lowercased while packed
        if let Some(p) = pack_lower_ascii(b) {
            // (the name table holds the lexicon words too, merged)
            return if names {
                self.names.get_packed(p)
            } else {
                self.short.get(p)
            };
        }
        let get = |k: &[u8]| {
            let mut i = match pack16(k) {
                Some(p) => self.short.get(p),
                None => self.long.get(k).copied().unwrap_or_default(),
            };
            if names {
                let n = self.names.get(k);
                i.bits |= n.bits;
                i.first |= n.first;
            }
            i
        };
        if b.len() <= 48 && b.is_ascii() {
            let mut buf = [0u8; 48];
            for (d, s) in buf.iter_mut().zip(b) {
                *d = s.to_ascii_lowercase();
            }
            get(&buf[..b.len()])
        } else {
            get(w.to_lowercase().as_bytes())
        }
    }
    pub fn first_flags(&self, w: &str) -> Option<u8> {
        let i = self.info(w);
        i.has(W_FIRST).then_some(i.first)
    }
    pub fn is_last(&self, w: &str) -> bool {
        self.info(w).has(W_LAST)
    }
    pub fn is_role(&self, w: &str) -> bool {
        self.word(w).has(W_ROLE)
    }
    pub fn is_stop(&self, w: &str) -> bool {
        self.word(w).has(W_STOP)
    }
    pub fn is_speech(&self, w: &str) -> bool {
        self.word(w).has(W_SPEECH)
    }
}

/// Lowercase ASCII-folded form of a name for matching ("Erdoğan" == "Erdogan").
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// [`fold`] appending to `out`.
pub fn fold_into(s: &str, out: &mut String) {
    if s.is_ascii() {
        let from = out.len();
        out.push_str(s);
        out[from..].make_ascii_lowercase();
        return;
    }
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        match fold_char(c) {
            Some(r) => out.push_str(r),
            None => out.extend(c.to_lowercase()),
        }
    }
}

fn fold_char(c: char) -> Option<&'static str> {
    Some(match c {
        'À'..='Å' | 'à'..='å' | 'Ā' | 'ā' | 'Ă' | 'ă' | 'Ą' | 'ą' => "a",
        'Æ' | 'æ' => "ae",
        'Ç' | 'ç' | 'Ć' | 'ć' | 'Ĉ' | 'ĉ' | 'Ċ' | 'ċ' | 'Č' | 'č' => "c",
        'Ð' | 'ð' | 'Ď' | 'ď' | 'Đ' | 'đ' => "d",
        'È'..='Ë' | 'è'..='ë' | 'Ē' | 'ē' | 'Ĕ' | 'ĕ' | 'Ė' | 'ė' | 'Ę' | 'ę' | 'Ě' | 'ě' => {
            "e"
        }
        'Ĝ' | 'ĝ' | 'Ğ' | 'ğ' | 'Ġ' | 'ġ' | 'Ģ' | 'ģ' => "g",
        'Ĥ' | 'ĥ' | 'Ħ' | 'ħ' => "h",
        'Ì'..='Ï' | 'ì'..='ï' | 'Ĩ' | 'ĩ' | 'Ī' | 'ī' | 'Ĭ' | 'ĭ' | 'Į' | 'į' | 'İ' | 'ı' => {
            "i"
        }
        'Ĵ' | 'ĵ' => "j",
        'Ķ' | 'ķ' => "k",
        'Ĺ' | 'ĺ' | 'Ļ' | 'ļ' | 'Ľ' | 'ľ' | 'Ŀ' | 'ŀ' | 'Ł' | 'ł' => "l",
        'Ñ' | 'ñ' | 'Ń' | 'ń' | 'Ņ' | 'ņ' | 'Ň' | 'ň' => "n",
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | 'Ō' | 'ō' | 'Ŏ' | 'ŏ' | 'Ő' | 'ő' => "o",
        'Œ' | 'œ' => "oe",
        'Ŕ' | 'ŕ' | 'Ŗ' | 'ŗ' | 'Ř' | 'ř' => "r",
        'Ś' | 'ś' | 'Ŝ' | 'ŝ' | 'Ş' | 'ş' | 'Š' | 'š' | 'Ș' | 'ș' => "s",
        'ß' => "ss",
        'Ţ' | 'ţ' | 'Ť' | 'ť' | 'Ŧ' | 'ŧ' | 'Ț' | 'ț' => "t",
        'Ù'..='Ü'
        | 'ù'..='ü'
        | 'Ũ'
        | 'ũ'
        | 'Ū'
        | 'ū'
        | 'Ŭ'
        | 'ŭ'
        | 'Ů'
        | 'ů'
        | 'Ű'
        | 'ű'
        | 'Ų'
        | 'ų' => "u",
        'Ŵ' | 'ŵ' => "w",
        'Ý' | 'ý' | 'ÿ' | 'Ŷ' | 'ŷ' | 'Ÿ' => "y",
        'Ź' | 'ź' | 'Ż' | 'ż' | 'Ž' | 'ž' => "z",
        'Þ' | 'þ' => "th",
        '’' | 'ʼ' | '‘' => "'",
        '‐' | '‑' => "-",
        _ => return None,
    })
}

#[cfg(test)]
mod pack_tests {
    use super::*;

    #[test]
    fn info_merges_lexicon_and_names() {
        let lx = lex();
        for w in [
            "Will",
            "Dean",
            "President",
            "the",
            "Mary",
            "Smith",
            "Queen",
            "said",
            "Zzyx",
        ] {
            let i = lx.info(w);
            let l = lx.word(w);
            let n = lx.names.get(w.to_ascii_lowercase().as_bytes());
            assert_eq!(i.bits, l.bits | n.bits, "{w}");
            assert_eq!(i.title_g, l.title_g, "{w}");
            assert_eq!(i.first, n.first, "{w}");
            // the slow path (a non-ASCII spelling) agrees
            let slow = lx.info(&format!("{w}\u{e9}"));
            assert_eq!(slow, lx.info(&format!("{w}\u{c9}")), "{w}");
        }
    }

    #[test]
    fn pack_lower_matches_pack16() {
        let words = [
            "a",
            "Ab",
            "ABC",
            "Dora",
            "Smith",
            "O'Neil",
            "McAdams",
            "Zz-top",
            "Abcdefgh",
            "ABCDEFGHI",
            "Hernández",
            "Wolfeschlegelstein",
            "Jean-Baptiste",
            "@[`{",
            "Q1-2024",
        ];
        for w in words {
            let want = if w.is_ascii() && !w.is_empty() && w.len() <= 16 {
                pack16(w.to_ascii_lowercase().as_bytes())
            } else {
                None
            };
            assert_eq!(pack_lower_ascii(w.as_bytes()), want, "{w}");
        }
        assert_eq!(pack_lower_ascii(b""), None);
        // every ASCII byte at every position of every length
        for n in 1..=16 {
            for p in 0..n {
                for c in 1..128u8 {
                    let mut w = vec![b'Q'; n];
                    w[p] = c;
                    let want = pack16(&w.to_ascii_lowercase());
                    assert_eq!(pack_lower_ascii(&w), want, "{w:?}");
                }
            }
        }
    }
}
