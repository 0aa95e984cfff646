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

/// A compact open-addressing table for the 160k name words: the keys live
/// in one string, the slots are 4-byte indices. About 4 MB instead of the
/// 11 MB a `HashMap<Box<[u8]>, Info>` takes, and no allocation per name.
struct NameTable {
    blob: String,
    /// (start in `blob`, length, info) per distinct name.
    entries: Vec<(u32, u16, Info)>,
    /// Index + 1 into `entries`; 0 = empty. Length is a power of two.
    slots: Vec<u32>,
}

impl NameTable {
    fn with_capacity(n: usize, blob_bytes: usize) -> Self {
        // at most 3/4 full
        let cap = (n * 4 / 3 + 1).next_power_of_two().max(16);
        NameTable {
            blob: String::with_capacity(blob_bytes),
            entries: Vec::with_capacity(n),
            slots: vec![0; cap],
        }
    }

    fn hash(k: &[u8]) -> usize {
        let mut h = Fx::default();
        h.write(k);
        // the slot is taken from the low bits: fold the better-mixed high
        // half of the final multiply into them
        let x = h.finish();
        (x ^ (x >> 32)) as usize
    }

    fn key(&self, e: &(u32, u16, Info)) -> &[u8] {
        &self.blob.as_bytes()[e.0 as usize..e.0 as usize + e.1 as usize]
    }

    /// The slot holding `k`, or the empty slot where it would go.
    fn find(&self, k: &[u8]) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = Self::hash(k) & mask;
        loop {
            let s = self.slots[i];
            if s == 0 || self.key(&self.entries[s as usize - 1]) == k {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    fn get(&self, k: &[u8]) -> Option<&Info> {
        match self.slots[self.find(k)] {
            0 => None,
            s => Some(&self.entries[s as usize - 1].2),
        }
    }

    fn entry(&mut self, k: &str) -> &mut Info {
        if k.len() > u16::MAX as usize || self.entries.len() * 4 >= self.slots.len() * 3 {
            // never happens with the shipped lists; keep the table sound
            self.grow();
        }
        let i = self.find(k.as_bytes());
        if self.slots[i] == 0 {
            let start = self.blob.len() as u32;
            self.blob.push_str(k);
            self.entries.push((
                start,
                k.len().min(u16::MAX as usize) as u16,
                Info::default(),
            ));
            self.slots[i] = self.entries.len() as u32;
        }
        let s = self.slots[i] as usize - 1;
        &mut self.entries[s].2
    }

    fn grow(&mut self) {
        let cap = self.slots.len() * 2;
        self.slots = vec![0; cap];
        for (n, e) in self.entries.iter().enumerate() {
            let mask = cap - 1;
            let mut i = Self::hash(self.key(e)) & mask;
            while self.slots[i] != 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = n as u32 + 1;
        }
    }
}

fn lines(s: &str) -> impl Iterator<Item = &str> {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn build() -> Lex {
    let mut small: FxMap<Box<[u8]>, Info> = FxMap::default();
    let mut names = NameTable::with_capacity(165_000, 1_500_000);
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
        let get = |k: &[u8]| {
            let mut i = match pack16(k) {
                Some(p) => self.short.get(p),
                None => self.long.get(k).copied().unwrap_or_default(),
            };
            if names && let Some(n) = self.names.get(k) {
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
    pub fn is_org(&self, w: &str) -> bool {
        self.word(w).has(W_ORG)
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
