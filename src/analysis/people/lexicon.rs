//! Word lists for people recognition, compiled into the binary
//! (`data/`, see `data/README.md` for sources and licences) and loaded once.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

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
pub type FxSet<K> = HashSet<K, FxBuild>;

/// First-name flags.
pub const MALE: u8 = 1;
pub const FEMALE: u8 = 2;
/// Also an ordinary English word ("Will", "Rose", "Grace").
pub const AMBIGUOUS: u8 = 4;

pub struct Lex {
    pub first: FxMap<Box<str>, u8>,
    pub last: FxSet<Box<str>>,
    /// Title word -> gender flags (0 when none).
    pub titles: FxMap<Box<str>, u8>,
    pub roles: FxSet<Box<str>>,
    pub orgs: FxSet<Box<str>>,
    pub places: FxSet<Box<str>>,
    pub stop: FxSet<Box<str>>,
    pub speech: FxSet<Box<str>>,
    pub verbs: FxSet<Box<str>>,
}

fn lines(s: &str) -> impl Iterator<Item = &str> {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn set(s: &str) -> FxSet<Box<str>> {
    lines(s)
        .map(|l| l.to_lowercase().into_boxed_str())
        .collect()
}

fn build() -> Lex {
    let mut first = FxMap::default();
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
        first.insert(name.to_lowercase().into_boxed_str(), f);
    }
    let last = set(include_str!("../../../data/names/last.txt"));
    let mut titles = FxMap::default();
    for l in lines(include_str!("../../../data/lexicon/titles.txt")) {
        let (w, g) = l.split_once('\t').unwrap_or((l, ""));
        let f = match g.trim() {
            "m" => MALE,
            "f" => FEMALE,
            _ => 0,
        };
        titles.insert(w.to_lowercase().into_boxed_str(), f);
    }
    let mut roles = set(include_str!("../../../data/lexicon/roles.txt"));
    let plurals: Vec<Box<str>> = roles
        .iter()
        .map(|r| {
            if let Some(stem) = r.strip_suffix("man") {
                format!("{stem}men").into_boxed_str()
            } else {
                format!("{r}s").into_boxed_str()
            }
        })
        .collect();
    roles.extend(plurals);
    Lex {
        first,
        last,
        titles,
        roles,
        orgs: set(include_str!("../../../data/lexicon/orgs.txt")),
        places: set(include_str!("../../../data/lexicon/places.txt")),
        stop: set(include_str!("../../../data/lexicon/stop.txt")),
        speech: set(include_str!("../../../data/lexicon/speech.txt")),
        verbs: set(include_str!("../../../data/lexicon/verbs.txt")),
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
        f(std::str::from_utf8(&buf[..b.len()]).unwrap_or(""))
    } else {
        f(&w.to_lowercase())
    }
}

impl Lex {
    pub fn first_flags(&self, w: &str) -> Option<u8> {
        with_lower(w, |l| self.first.get(l).copied())
    }
    pub fn is_last(&self, w: &str) -> bool {
        with_lower(w, |l| self.last.contains(l))
    }
    pub fn title(&self, w: &str) -> Option<u8> {
        with_lower(w, |l| self.titles.get(l).copied())
    }
    pub fn is_role(&self, w: &str) -> bool {
        with_lower(w, |l| self.roles.contains(l))
    }
    pub fn is_org(&self, w: &str) -> bool {
        with_lower(w, |l| self.orgs.contains(l))
    }
    pub fn is_place(&self, w: &str) -> bool {
        with_lower(w, |l| self.places.contains(l))
    }
    pub fn is_stop(&self, w: &str) -> bool {
        with_lower(w, |l| self.stop.contains(l))
    }
    pub fn is_speech(&self, w: &str) -> bool {
        with_lower(w, |l| self.speech.contains(l))
    }
    pub fn is_verb(&self, w: &str) -> bool {
        with_lower(w, |l| self.verbs.contains(l))
    }
}

/// Lowercase ASCII-folded form of a name for matching ("Erdoğan" == "Erdogan").
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
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
    out
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
