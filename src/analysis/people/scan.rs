//! Per-paragraph pass: tokens, capitalised runs, titles stripped, local
//! evidence and descriptor phrases. Offsets are relative to the paragraph.

use super::lexicon::{
    AMBIGUOUS, FEMALE, Info, Lex, MALE, W_DESC, W_DET, W_FIRST, W_FUNC, W_LAST, W_ORG, W_PLACE,
    W_PREP, W_REL, W_ROLE, W_SPEECH, W_STOP, W_TITLE, W_VERB, lex, with_lower,
};
use super::{Cand, Gender, ParaPeople, Words, ev};
use crate::analysis::blocks::BlockKind;
use crate::analysis::swar;
use crate::analysis::text::{Span, is_apostrophe};

/// Token flags (bits of [`Tok::f`]).
/// (`T_NL`, `T_CAP` and `T_DIGIT` are the byte-class bits `C_NL`,
/// `C_UPPER` and `C_DIGIT`: taken from the class byte as they are.)
const T_WORD: u8 = 1;
const T_NL: u8 = C_NL;
const T_UPPER: u8 = 4;
const T_CAP: u8 = C_UPPER;
const T_DIGIT: u8 = C_DIGIT;
const T_INITIAL: u8 = 32;
const T_POSS: u8 = 64;
const T_SENT: u8 = 128;

/// A token: its bool properties packed into one flags byte (24 bytes
/// instead of 32, and one store instead of eight when it is built).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Tok {
    pub s: usize,
    pub e: usize,
    pub ch: char,
    f: u8,
}

impl Tok {
    #[inline]
    pub fn word(&self) -> bool {
        self.f & T_WORD != 0
    }
    /// First character uppercase.
    #[inline]
    pub fn cap(&self) -> bool {
        self.f & T_CAP != 0
    }
    /// Two or more letters, all uppercase (acronym).
    #[inline]
    pub fn upper(&self) -> bool {
        self.f & T_UPPER != 0
    }
    /// A single capital letter, with or without a period ("J.", "W").
    #[inline]
    pub fn initial(&self) -> bool {
        self.f & T_INITIAL != 0
    }
    /// Followed by a possessive `'s` / `’s` (or a bare `'` after s).
    #[inline]
    pub fn poss(&self) -> bool {
        self.f & T_POSS != 0
    }
    /// First word of a sentence (or of a quotation or after a colon).
    #[inline]
    pub fn sent(&self) -> bool {
        self.f & T_SENT != 0
    }
    #[inline]
    pub fn digit(&self) -> bool {
        self.f & T_DIGIT != 0
    }
    /// Whitespace before this token contains a line break.
    #[inline]
    pub fn nl_before(&self) -> bool {
        self.f & T_NL != 0
    }
}

/// `T_x` if `b`, else 0.
#[inline]
fn fl(b: bool, x: u8) -> u8 {
    // (a multiply by a power of two: a shift, no branch)
    u8::from(b) * x
}

fn char_at(t: &str, i: usize) -> Option<char> {
    t.get(i..).and_then(|s| s.chars().next())
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑')
}

fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

#[inline]
fn is_alnum_at(text: &str, i: usize) -> bool {
    match text.as_bytes().get(i) {
        Some(&c) if c < 128 => c.is_ascii_alphanumeric(),
        Some(_) => char_at(text, i).is_some_and(|c| c.is_alphanumeric()),
        None => false,
    }
}

/// Byte classes for the tokenizer's ASCII fast path (bytes >= 128 have
/// none: they are decoded and classified as chars).
const C_WS: u8 = 1;
/// `\n` or `\r`.
const C_NL: u8 = 2;
const C_ALNUM: u8 = 4;
const C_UPPER: u8 = 8;
const C_DIGIT: u8 = 16;
const C_LOWER: u8 = 32;

static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = match c {
            // exactly the ASCII chars of `char::is_whitespace`
            b'\n' | b'\r' => C_WS | C_NL,
            b'\t' | 0x0b | 0x0c | b' ' => C_WS,
            b'A'..=b'Z' => C_ALNUM | C_UPPER,
            b'a'..=b'z' => C_ALNUM | C_LOWER,
            b'0'..=b'9' => C_ALNUM | C_DIGIT,
            _ => 0,
        };
        b += 1;
    }
    t
};

/// Two or more letters, none lowercase, for an ASCII word (what the char
/// loop of `tokenize_into` computes for any word).
#[inline]
fn ascii_upper(w: &[u8]) -> bool {
    let mut letters = 0;
    for &b in w {
        let k = CLASS[b as usize];
        if k & C_LOWER != 0 {
            return false;
        }
        letters += usize::from(k & C_UPPER != 0);
    }
    letters >= 2
}

/// Tokenize into `toks` (cleared first), to reuse its buffer.
///
/// ASCII is classified through a byte table ([`CLASS`]): ASCII words and
/// whitespace never decode chars; other chars take the general path.
pub(crate) fn tokenize_into(text: &str, sentences: &[Span], toks: &mut Vec<Tok>) {
    toks.clear();
    toks.reserve(text.len() / 5 + 4);
    let bytes = text.as_bytes();
    let len = text.len();
    let mut i = 0;
    // (T_NL when the whitespace since the last token has a line break)
    let mut nl = 0u8;
    while i < len {
        let b0 = bytes[i];
        let k0 = CLASS[b0 as usize];
        if k0 & C_WS != 0 {
            nl |= k0 & C_NL;
            i += 1;
            continue;
        }
        let (c, cl) = if b0 < 128 {
            (b0 as char, 1)
        } else {
            match char_at(text, i) {
                Some(c) => (c, c.len_utf8()),
                None => break,
            }
        };
        if b0 >= 128 && c.is_whitespace() {
            i += cl;
            continue;
        }
        let alnum = if b0 < 128 {
            k0 & C_ALNUM != 0
        } else {
            c.is_alphanumeric()
        };
        if alnum {
            let s = i;
            let mut j = i + cl;
            // no char of the word is beyond ASCII
            let mut ascii = b0 < 128;
            while j < len {
                // ASCII letters and digits, eight bytes at a time
                if let Some(chunk) = bytes.get(j..j + 8) {
                    let n = swar::alnum_prefix8(u64::from_le_bytes([
                        chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6],
                        chunk[7],
                    ]));
                    j += n;
                    if n == 8 {
                        continue;
                    }
                } else {
                    while j < len && CLASS[bytes[j] as usize] & C_ALNUM != 0 {
                        j += 1;
                    }
                    if j == len {
                        break;
                    }
                }
                let d0 = bytes[j];
                if d0 < 128 {
                    if d0 == b'-' {
                        if is_alnum_at(text, j + 1) {
                            j += 1;
                            continue;
                        }
                        break;
                    }
                    if d0 == b'\'' {
                        match bytes.get(j + 1) {
                            Some(b's') | Some(b'S') if !is_alnum_at(text, j + 2) => break,
                            _ if is_alnum_at(text, j + 1) => {
                                j += 1;
                                continue;
                            }
                            _ => break,
                        }
                    }
                    break;
                }
                let Some(d) = char_at(text, j) else { break };
                let dl = d.len_utf8();
                if d.is_alphanumeric() || is_mark(d) {
                    j += dl;
                    ascii = false;
                    continue;
                }
                if is_hyphen(d) {
                    if is_alnum_at(text, j + dl) {
                        j += dl;
                        ascii = false;
                        continue;
                    }
                    break;
                }
                if is_apostrophe(d) {
                    match bytes.get(j + dl) {
                        Some(b's') | Some(b'S') if !is_alnum_at(text, j + dl + 1) => break,
                        _ if is_alnum_at(text, j + dl) => {
                            j += dl;
                            ascii = false;
                            continue;
                        }
                        _ => break,
                    }
                }
                break;
            }
            let mut e = j;
            // (the word as bytes: a `str` slice costs char-boundary checks)
            let wb = &bytes[s..j];
            // (T_CAP | T_DIGIT, straight from the class byte for ASCII)
            let cd = if b0 < 128 {
                k0 & (C_UPPER | C_DIGIT)
            } else {
                fl(c.is_uppercase(), T_CAP) | fl(c.is_numeric(), T_DIGIT)
            };
            let cap = cd & T_CAP != 0;
            let single = j - s == cl;
            let upper = cap
                && !single
                && if ascii {
                    ascii_upper(wb)
                } else {
                    let mut letters = 0;
                    let mut all = true;
                    for ch in text[s..j].chars() {
                        if ch.is_lowercase() {
                            all = false;
                            break;
                        }
                        if ch.is_alphabetic() {
                            letters += 1;
                        }
                    }
                    all && letters >= 2
                };
            let initial = single && cap;
            let mut next = j;
            if cap && bytes.get(j) == Some(&b'.') && (initial || is_abbrev_title(&text[s..j])) {
                e = j + 1;
                next = e;
            }
            // possessive
            let mut poss = false;
            if let Some(&p0) = bytes.get(next)
                && (p0 == b'\'' || p0 >= 128)
                && let Some(d) = char_at(text, next)
                && is_apostrophe(d)
            {
                let dl = d.len_utf8();
                match bytes.get(next + dl) {
                    Some(b's') | Some(b'S') if !is_alnum_at(text, next + dl + 1) => {
                        poss = true;
                        next += dl + 1;
                    }
                    _ if (wb.ends_with(b"s") || wb.ends_with(b"z"))
                        && !is_alnum_at(text, next + dl) =>
                    {
                        poss = true;
                        next += dl;
                    }
                    _ => {}
                }
            }
            // after an opening quote or a colon, a capital says nothing
            let n = toks.len();
            let sent = match toks.last() {
                Some(p) if !p.word() => {
                    let pc = p.ch;
                    matches!(pc, '“' | '‘' | '«' | '„' | ':' | '(' | '[' | '—' | '–')
                        || ((pc == '"' || pc == '\'')
                            && (n < 2 || !toks[n - 2].word() || toks[n - 2].e < p.s))
                }
                _ => false,
            };
            toks.push(Tok {
                s,
                e,
                ch: c,
                f: T_WORD
                    | cd
                    | fl(upper, T_UPPER)
                    | fl(initial, T_INITIAL)
                    | fl(poss, T_POSS)
                    | fl(sent, T_SENT)
                    | nl,
            });
            nl = 0;
            // (the usual single space after a word, skipped here)
            i = next + usize::from(bytes.get(next) == Some(&b' '));
            continue;
        }
        toks.push(Tok {
            s: i,
            e: i + cl,
            ch: c,
            f: nl,
        });
        nl = 0;
        i += cl;
    }
    // sentence starts
    let mut k = 0;
    for sp in sentences {
        while k < toks.len() && toks[k].s < sp.start {
            k += 1;
        }
        if let Some(t) = toks[k..].iter_mut().take(4).find(|t| t.word()) {
            t.f |= T_SENT;
        }
    }
    if sentences.is_empty()
        && let Some(t) = toks.iter_mut().find(|t| t.word())
    {
        t.f |= T_SENT;
    }
}

/// Up to 4 bytes packed into a `u32`, little-endian.
const fn pack4(b: &[u8]) -> u32 {
    let mut v = 0u32;
    let mut i = 0;
    while i < b.len() {
        v |= (b[i] as u32) << (8 * i);
        i += 1;
    }
    v
}

/// Name particles of up to 4 bytes ("della" is the only longer one).
const PARTICLE_WORDS: [&str; 27] = [
    "de", "da", "di", "del", "dos", "das", "du", "van", "von", "der", "den", "ter", "ten", "la",
    "le", "bin", "ibn", "al", "el", "y", "af", "zu", "bint", "abu", "ben", "dei", "do",
];

/// The particles, packed, at the slots of a perfect multiplicative hash
/// (the multiplier is searched at compile time): one probe per word.
static PARTICLES: (u32, [u32; 64]) = {
    let mut m: u32 = 0x9E37_79B1;
    loop {
        let mut t = [0u32; 64];
        let mut ok = true;
        let mut i = 0;
        while i < PARTICLE_WORDS.len() {
            let v = pack4(PARTICLE_WORDS[i].as_bytes());
            let h = (v.wrapping_mul(m) >> 26) as usize;
            if t[h] != 0 {
                ok = false;
                break;
            }
            t[h] = v;
            i += 1;
        }
        if ok {
            break (m, t);
        }
        m = m.wrapping_add(0x2468_ACE2);
    }
};

#[inline]
fn is_particle(w: &str) -> bool {
    is_particle_b(w.as_bytes())
}

#[inline]
fn is_particle_b(b: &[u8]) -> bool {
    let n = b.len();
    let v = match n {
        1..=3 => {
            b[0] as u32 | (b[n / 2] as u32) << (8 * (n / 2)) | (b[n - 1] as u32) << (8 * (n - 1))
        }
        4 => u32::from_le_bytes([b[0], b[1], b[2], b[3]]),
        5 => return b == b"della",
        _ => return false,
    };
    PARTICLES.1[(v.wrapping_mul(PARTICLES.0) >> 26) as usize] == v
}

/// "al-Assad", "el-Sisi": a lowercase particle joined to a capitalised name.
fn is_prefixed_name(w: &str) -> bool {
    if let Some((p, rest)) = w.split_once(['-', '‐', '‑']) {
        is_particle(p) && rest.chars().next().is_some_and(|c| c.is_uppercase())
    } else {
        false
    }
}

/// Abbreviated titles written with a period ("Dr.", "Sen.", "Gen.").
fn is_abbrev_title(w: &str) -> bool {
    matches!(
        w,
        "Dr" | "Mr"
            | "Mrs"
            | "Ms"
            | "Prof"
            | "Gen"
            | "Sen"
            | "Rep"
            | "Gov"
            | "Lt"
            | "Col"
            | "Capt"
            | "Sgt"
            | "Rev"
            | "Fr"
            | "Jr"
            | "Sr"
            | "St"
            | "Maj"
            | "Cpl"
            | "Pvt"
            | "Adm"
            | "Cmdr"
            | "Det"
            | "Insp"
            | "Supt"
            | "Hon"
            | "Mme"
            | "Mlle"
            | "Messrs"
    )
}

/// A romanised East Asian given name: "Jong-un", "Che-cheung", "Hee-Chan".
fn is_syllabic(w: &str) -> bool {
    let Some((x, y)) = w.split_once('-') else {
        return false;
    };
    let ok = |p: &str, cap: bool| {
        let n = p.chars().count();
        (2..=6).contains(&n)
            && p.chars().all(|c| c.is_ascii_alphabetic())
            && p.starts_with(|c: char| c.is_ascii_uppercase()) == cap
            && p[1..].chars().all(|c| c.is_ascii_lowercase())
    };
    ok(x, true)
        && (ok(y, false) || ok(y, true))
        && !y.contains('-')
        && !matches!(
            y.to_ascii_lowercase().as_str(),
            "based"
                | "born"
                | "led"
                | "owned"
                | "run"
                | "made"
                | "backed"
                | "style"
                | "like"
                | "free"
                | "wide"
                | "ready"
                | "class"
                | "level"
                | "term"
                | "year"
                | "old"
                | "up"
                | "era"
                | "area"
                | "bound"
                | "only"
                | "type"
                | "day"
                | "long"
                | "new"
                | "in"
                | "out"
                | "off"
                | "on"
                | "elect"
                | "general"
                | "in-law"
                | "law"
                | "speaking"
        )
}

fn is_roman(w: &str) -> bool {
    matches!(
        w,
        "II" | "III"
            | "IV"
            | "VI"
            | "VII"
            | "VIII"
            | "IX"
            | "XI"
            | "XII"
            | "XIII"
            | "XIV"
            | "XV"
            | "XVI"
    )
}

/// Longest capitalised run looked at as one unit.
const MAXRUN: usize = 24;

/// A fixed-capacity stack vector (pushes past the capacity are dropped).
struct Small<T: Copy + Default, const N: usize> {
    a: [T; N],
    n: usize,
}

impl<T: Copy + Default, const N: usize> Default for Small<T, N> {
    fn default() -> Self {
        Small {
            a: [T::default(); N],
            n: 0,
        }
    }
}

impl<T: Copy + Default, const N: usize> Small<T, N> {
    fn push(&mut self, v: T) {
        if self.n < N {
            self.a[self.n] = v;
            self.n += 1;
        }
    }
    fn len(&self) -> usize {
        self.n
    }
    fn clear(&mut self) {
        self.n = 0;
    }
    fn as_slice(&self) -> &[T] {
        &self.a[..self.n]
    }
    fn last(&self) -> Option<&T> {
        self.as_slice().last()
    }
    fn last_mut(&mut self) -> Option<&mut T> {
        let n = self.n;
        self.a[..n].last_mut()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cls {
    /// Title or honorific.
    T,
    /// Capitalised role noun ("Broadcaster", "Actor").
    R,
    /// Function word, month, weekday...
    S,
    Org,
    Place,
    Init,
    Part,
    N,
}

fn classify(i: Info, w: &str, t: &Tok) -> Cls {
    if t.initial() {
        return Cls::Init;
    }
    let lower_start = match w.as_bytes().first() {
        Some(&b) if b < 128 => b.is_ascii_lowercase(),
        _ => w.starts_with(|c: char| c.is_lowercase()),
    };
    if lower_start {
        return if is_prefixed_name(w) {
            Cls::N
        } else {
            Cls::Part
        };
    }
    if i.bits == 0 {
        if w.len() > 4 && w.ends_with("ns") && lex().info(&w[..w.len() - 1]).has(W_PLACE) {
            Cls::R
        } else {
            Cls::N
        }
    } else if i.has(W_TITLE) {
        Cls::T
    } else if i.has(W_STOP) {
        Cls::S
    } else if i.has(W_ROLE) {
        Cls::R
    } else if i.has(W_ORG) {
        Cls::Org
    } else if i.has(W_PLACE) {
        Cls::Place
    } else {
        Cls::N
    }
}

/// Token `t` of `text` can be part of a name run.
#[inline]
fn is_name_tok(t: &Tok, text: &str) -> bool {
    if !t.word() || t.digit() {
        return false;
    }
    if t.cap() {
        !t.upper()
    } else {
        t.e - t.s > 3
            && text.as_bytes()[t.s..t.s + 4].contains(&b'-')
            && is_prefixed_name(&text[t.s..t.e])
    }
}

thread_local! {
    /// The token buffer, reused from one paragraph to the next.
    static TOKS: std::cell::Cell<Vec<Tok>> = const { std::cell::Cell::new(Vec::new()) };
}

pub fn scan(text: &str, kind: BlockKind, sentences: &[Span]) -> ParaPeople {
    let mut toks = TOKS.take();
    tokenize_into(text, sentences, &mut toks);
    let out = scan_toks(text, kind, &toks);
    // keep the buffer unless a huge paragraph made it big
    if toks.capacity() <= 1 << 16 {
        TOKS.set(toks);
    }
    out
}

fn scan_toks(text: &str, kind: BlockKind, toks: &[Tok]) -> ParaPeople {
    let lx = lex();
    let w = |k: usize| &text[toks[k].s..toks[k].e];
    let wt = |k: usize| {
        let t = &toks[k];
        &text[t.s..t.e]
    };
    // (a byte slice needs no char-boundary checks)
    let bytes = text.as_bytes();
    let wb = |k: usize| {
        let t = &toks[k];
        &bytes[t.s..t.e]
    };
    let heading = matches!(kind, BlockKind::Title | BlockKind::Heading);
    // headline-style capitals make capitalisation meaningless
    let headcaps = heading && {
        let (mut caps, mut n) = (0, 0);
        for (k, t) in toks.iter().enumerate() {
            if t.word() && !t.digit() && w(k).len() > 3 {
                n += 1;
                if t.cap() {
                    caps += 1;
                }
            }
        }
        n >= 3 && caps * 10 >= n * 7
    };
    let mut out = ParaPeople::default();
    let mut k = 0;
    let n = toks.len();
    let mut infos_buf = [Info::default(); MAXRUN];
    let mut cls_buf = [Cls::N; MAXRUN];
    // (the run's name parts, reused from run to run)
    let mut parts: Small<(usize, usize), MAXRUN> = Small::default();
    let mut split: Small<(usize, usize), MAXRUN> = Small::default();
    while k < n {
        // fast skip of the tokens that can neither start a run nor be a
        // leading particle (most of them); the full test is below
        while k < n {
            let t = &toks[k];
            if t.word() && !t.digit() && !t.upper() {
                if t.cap() {
                    break;
                }
                let l = t.e - t.s;
                if l <= 4
                    && is_particle_b(&bytes[t.s..t.e])
                    && toks
                        .get(k + 1)
                        .is_some_and(|u| u.word() && (u.cap() || u.e - u.s <= 5))
                {
                    break;
                }
                // (a lowercase name token has a hyphen in its first 4 bytes)
                if l > 3 && bytes[t.s..t.s + 4].contains(&b'-') {
                    break;
                }
            }
            k += 1;
        }
        if k >= n {
            break;
        }
        let t = &toks[k];
        // (the next token must be a capitalised word or a short lowercase
        // one, a possible particle: checked first as it is cheap)
        let lead_particle = !t.cap()
            && t.word()
            && t.e - t.s <= 4
            && toks
                .get(k + 1)
                .is_some_and(|u| u.word() && (u.cap() || u.e - u.s <= 5))
            && is_particle_b(wb(k))
            && toks[k + 1..]
                .iter()
                .take(3)
                .position(|u| !(u.word() && !u.cap() && is_particle_b(&bytes[u.s..u.e])))
                .is_some_and(|off| {
                    let u = &toks[k + 1 + off];
                    u.word() && u.cap() && !u.upper() && !u.nl_before()
                });
        if !lead_particle
            && (!t.word()
                || t.digit()
                || (!t.cap() && (t.e - t.s <= 3 || !is_name_tok(t, text)))
                || t.upper())
        {
            k += 1;
            continue;
        }
        // maximal run
        let a = k;
        let mut b = k + 1;
        if !t.poss() {
            while b < n {
                let u = &toks[b];
                if u.nl_before() || !u.word() {
                    break;
                }
                let ok = is_name_tok(u, text)
                    || (is_particle_b(wb(b)) && {
                        // "von der Leyen": particles up to a capitalised name
                        let mut q = b + 1;
                        while q < n
                            && q < b + 3
                            && toks[q].word()
                            && !toks[q].cap()
                            && is_particle_b(wb(q))
                        {
                            q += 1;
                        }
                        q < n
                            && toks[q].word()
                            && !toks[q].nl_before()
                            && is_name_tok(&toks[q], text)
                    })
                    || (u.upper() && is_roman(wt(b)));
                if !ok {
                    break;
                }
                b += 1;
                if u.poss() {
                    break;
                }
            }
        }
        let b = b.min(a + MAXRUN);
        k = b;
        infos_buf[..b - a].fill(Info::default());
        for i in a..b {
            if toks[i].cap() && !toks[i].initial() {
                infos_buf[i - a] = lx.info(wt(i));
            }
            cls_buf[i - a] = classify(infos_buf[i - a], wt(i), &toks[i]);
        }
        let infos = &infos_buf[..b - a];
        let cls = &mut cls_buf[..b - a];
        for i in 0..cls.len() {
            if cls[i] == Cls::T
                && i + 1 < cls.len()
                && cls[i + 1] == Cls::N
                && !infos[i + 1].has(W_FIRST)
                && (i + 2 == cls.len() || cls[i + 2] != Cls::N)
                && infos[i].has(W_FIRST)
                && matches!(wt(a + i), "Dean" | "Earl" | "Duke")
            {
                cls[i] = Cls::N;
            }
        }
        // split into name parts at S / T / R words
        let mut start = 0usize;
        parts.clear();
        for (i, c) in cls.iter().enumerate() {
            if matches!(c, Cls::S | Cls::T | Cls::R) {
                if i > start {
                    parts.push((start, i));
                }
                start = i + 1;
            }
        }
        if start < cls.len() {
            parts.push((start, cls.len()));
        }
        // a capitalised role word alone ("Cook said") may still be a known surname
        let lone_role = parts.len() == 0 && cls.len() == 1 && cls[0] == Cls::R;
        if lone_role {
            parts.push((0, 1));
        }
        // "John Major": a final title word after a first name is a surname
        if let (Some(&last), Some(&(ps, pe))) = (cls.last(), parts.last())
            && matches!(last, Cls::T | Cls::R)
            && pe + 1 == cls.len()
            && pe > ps
            && lx
                .first_flags(wt(a + ps))
                .is_some_and(|f| f & AMBIGUOUS == 0)
        {
            parts.last_mut().unwrap().1 = cls.len();
        }
        // split a part where a name starts after a non-name prefix:
        // "Refugee Council Enver Solomon", "Nonpartisan Paul Tse"
        split.clear();
        for &(ps, pe) in parts.as_slice() {
            let mut cut = None;
            if pe - ps >= 3 || (pe - ps == 2 && matches!(cls[ps], Cls::Place | Cls::Org)) {
                let head_first = infos[ps].has(W_FIRST) && cls[ps] == Cls::N;
                for i in ps + 1..pe.saturating_sub(1) {
                    let fi = infos[i];
                    let is_first = fi.has(W_FIRST) && fi.first & AMBIGUOUS == 0 && cls[i] == Cls::N;
                    let asian = is_syllabic(wt(a + i + 1)) && cls[i] == Cls::N;
                    let prev = infos[i - 1];
                    if (is_first || asian)
                        && !prev.has(W_FIRST)
                        && !matches!(cls[i - 1], Cls::Init | Cls::Part)
                        && (!head_first || matches!(cls[ps], Cls::Place | Cls::Org))
                    {
                        cut = Some(i);
                        break;
                    }
                }
                if cut.is_none() && pe - ps >= 3 {
                    // place/organisation words before the last two words
                    if let Some(i) = (ps..pe - 2)
                        .rev()
                        .find(|&i| matches!(cls[i], Cls::Place | Cls::Org))
                    {
                        cut = Some(i + 1);
                    }
                }
            }
            match cut {
                Some(i) => {
                    split.push((ps, i));
                    split.push((i, pe));
                }
                None => split.push((ps, pe)),
            }
        }
        let n_parts = split.len();
        for (pi, &(ps, mut pe)) in split.as_slice().iter().enumerate() {
            // drop trailing particles; leading ones ("ten Hag", "von der Leyen")
            // only at the run start, and then the name needs document evidence
            let mut ps = ps;
            let keep_lead = (ps == 0 && lead_particle)
                || (ps > 0 && cls[ps] == Cls::Part && cls[ps..pe].contains(&Cls::N));
            while !keep_lead && ps < pe && cls[ps] == Cls::Part {
                ps += 1;
            }
            while pe > ps && cls[pe - 1] == Cls::Part {
                pe -= 1;
            }
            if ps >= pe {
                continue;
            }
            let (ts, te) = (a + ps, a + pe); // token range
            let mut c = Cand {
                span: toks[ts].s..toks[te - 1].e,
                words: Words::default(),
                ..Cand::default()
            };
            let mut overflow = false;
            for t in &toks[ts..te] {
                let end = t.e - usize::from(t.initial() && text.as_bytes()[t.e - 1] == b'.');
                overflow |= !c.words.push(t.s..end);
            }
            let pcls = &cls[ps..pe];
            for (k, cl) in pcls.iter().enumerate().take(8) {
                if *cl == Cls::N {
                    c.plain |= 1 << k;
                }
            }
            let mut f = 0u32;
            if overflow {
                f |= ev::ORG;
            }
            if lone_role || (keep_lead && ps == 0 && cls[ps] == Cls::Part) {
                f |= ev::WEAK;
            }
            if heading {
                f |= ev::HEADING;
            }
            if headcaps {
                f |= ev::HEADCAPS;
            }
            // organisation / work / place
            let org_at = pcls
                .iter()
                .enumerate()
                .find(|(i, c)| **c == Cls::Org && *i > 0)
                .map(|(i, _)| i);
            if let Some(i) = org_at {
                // "Tony Hall": two words, a known surname, a first name
                let locative = ps == 0
                    && a > 0
                    && toks[a - 1].word()
                    && matches!(
                        wt(a - 1),
                        "in" | "at"
                            | "near"
                            | "from"
                            | "to"
                            | "into"
                            | "outside"
                            | "inside"
                            | "across"
                    );
                // ("New York City": not after a place or organisation word
                // of the same run)
                let after_place = ps > 0 && matches!(cls[ps - 1], Cls::Place | Cls::Org);
                let two = pe - ps == 2
                    && !locative
                    && !after_place
                    && i == 1
                    && infos[te - 1 - a].has(W_LAST)
                    && infos[ts - a].has(W_FIRST)
                    && infos[ts - a].first & AMBIGUOUS == 0;
                if !two {
                    f |= ev::ORG;
                }
            }
            // name followed by an org word outside the part ("Day Show" split by T/S? no) or
            // later part of the same run is an org: "Smith Foundation" handled above.
            if pi + 1 < n_parts || pe < cls.len() {
                // the run continues with T/S/R words after the name: "Doris Day Show" is
                // caught above; "Hagia Sophia Museum" too. Nothing more here.
            }
            if pcls
                .iter()
                .all(|c| matches!(c, Cls::Place | Cls::Org | Cls::Init))
            {
                f |= ev::PLACE;
            }
            if pcls.contains(&Cls::Place) {
                f |= ev::HAS_PLACE;
            }
            if pcls.iter().all(|c| *c == Cls::Init) {
                f |= ev::ORG;
            }
            let nw = pcls.iter().filter(|c| **c != Cls::Part).count();
            if nw >= 2 {
                f |= ev::MULTI;
            }
            // title / role inside the run
            if ps > 0 {
                match cls[ps - 1] {
                    Cls::T => {
                        f |= ev::TITLE;
                        c.gender = gender_of(infos[ts - 1 - a].title_g);
                        if lower_in(wt(ts - 1), &["lord", "lady"]) && nw == 1 {
                            // peerage titles: "Lord Carloway" is a title, not a name
                            f |= ev::ORG;
                        }
                    }
                    Cls::R => f |= ev::ROLE,
                    _ => {}
                }
            } else if ts > 0 {
                // lowercase role/title word right before the run
                let p = &toks[ts - 1];
                if p.word() && !p.cap() && !p.nl_before() {
                    let pw = wt(ts - 1);
                    let pinfo = lx.word(pw);
                    if pinfo.has(W_ROLE | W_TITLE) {
                        f |= ev::ROLE;
                    } else if lower_in(pw, &["named", "called", "nicknamed"]) {
                        f |= ev::NAMED;
                    } else if pinfo.has(W_SPEECH) && (te >= n || !toks[te].word()) {
                        f |= ev::SPEECH;
                    }
                }
            }
            // sentence start: the first name word opens the sentence
            if toks[ts].sent() {
                f |= ev::SENT;
            }
            // "a fellow at Brookings": a single word after a preposition
            if ps == 0
                && ts > 0
                && toks[ts - 1].word()
                && !toks[ts - 1].cap()
                && matches!(
                    wt(ts - 1),
                    "at" | "in" | "of" | "from" | "for" | "with" | "on" | "to" | "into"
                )
            {
                f |= ev::PREP;
            }
            // "the Kremlin", "the Sams", "the Sea Org"
            // (also "the British Red Cross": after place words of the run)
            let lead = if cls[..ps].iter().all(|c| matches!(c, Cls::Place | Cls::Org)) {
                a
            } else {
                ts
            };
            if lead > 0 && toks[lead - 1].word() && wt(lead - 1).eq_ignore_ascii_case("the") {
                f |= ev::DET;
            }
            // "his wife, Gloria": a role noun and a comma before the name
            if ps == 0
                && ts >= 2
                && !toks[ts - 1].word()
                && toks[ts - 1].ch == ','
                && toks[ts - 2].word()
                && !toks[ts - 2].cap()
                && lx.is_role(wt(ts - 2))
            {
                f |= ev::ROLE;
            }
            // "Additionally," "Officially,": a sentence adverb, not a name
            let adverb = toks[ts].sent()
                && nw == 1
                && te < n
                && !toks[te].word()
                && toks[te].ch == ','
                && !infos[ts - a].has(W_FIRST | W_LAST);
            // photo credits: "Image: Nick Moreau"
            if credit_before(text, toks, ts) {
                f |= ev::ORG;
            }
            // "Kim Jong-un", "Leung Che-cheung"
            if (2..=3).contains(&nw) && is_syllabic(wt(te - 1)) && cls[pe - 1] == Cls::N {
                f |= ev::SYLLABIC;
            }
            // first name / surname lists
            let fi = (ts..te).find(|&i| !toks[i].initial() && cls[i - a] != Cls::Part);
            if let Some(fi) = fi {
                let fin = infos[fi - a];
                if cls[fi - a] != Cls::N {
                } else if let Some(fl) = fin.has(W_FIRST).then_some(fin.first) {
                    if fl & AMBIGUOUS == 0 && cls[fi - a] == Cls::N {
                        f |= ev::FIRST;
                    } else {
                        f |= ev::FIRST_AMB;
                    }
                } else if let Some((h, _)) = wt(fi).split_once('-')
                    && lx.first_flags(h).is_some_and(|fl| fl & AMBIGUOUS == 0)
                {
                    f |= ev::FIRST;
                }
            }
            let lw = wt(te - 1);
            // (a capitalised word without hyphens was looked up whole in
            // `infos` already)
            let looked_up = toks[te - 1].cap() && !toks[te - 1].initial();
            if infos[te - 1 - a].has(W_LAST)
                || ((!looked_up || lw.contains(['-', '‐', '‑']))
                    && lw
                        .split(['-', '‐', '‑'])
                        .any(|p| p.len() > 2 && lx.is_last(p)))
            {
                f |= ev::LAST;
            }
            if toks[te - 1].poss() {
                f |= ev::POSS;
            }
            // right context
            let mut r = te;
            if pe == cls.len() && !toks[te - 1].poss() && r < n {
                let rt = &toks[r];
                // (a lowercase word after the name, looked up once)
                let ri = if rt.word() && !rt.cap() {
                    lx.word(wt(r))
                } else {
                    Info::default()
                };
                if ri.has(W_SPEECH) {
                    f |= ev::SPEECH;
                } else if ri.has(W_ORG) {
                    // "the Smith family"? lowercase heads are fine ("the James Cagney film")
                } else if !rt.word() && rt.ch == ',' {
                    // ", 42," age
                    r += 1;
                    if r + 1 < n
                        && toks[r].digit()
                        && w(r).len() <= 3
                        && w(r).parse::<u32>().is_ok_and(|v| (1..=120).contains(&v))
                        && !toks[r + 1].word()
                        && matches!(toks[r + 1].ch, ',' | '.' | ')' | ';')
                    {
                        f |= ev::AGE;
                        r += 2;
                    }
                    // post-nominal letters: ", QC," ", Jr.,"
                    if r + 1 < n
                        && toks[r].word()
                        && (toks[r].upper() && w(r).len() <= 4
                            || matches!(w(r), "Jr" | "Sr" | "Jr." | "Sr." | "PhD"))
                        && !toks[r + 1].word()
                        && toks[r + 1].ch == ','
                    {
                        r += 2;
                    }
                    if let Some((span, who)) = appositive(lx, text, toks, r) {
                        if who {
                            f |= ev::WHO;
                            // "X, who was Trump's special envoy, …": the
                            // phrase after the copula describes X
                            if let Some(sp) = who_is_phrase(lx, text, toks, r) {
                                c.post = Some(sp);
                            }
                        } else if let Some(sp) = span {
                            f |= ev::APPOS;
                            c.post = Some(peerage_then(lx, text, toks, r, sp));
                        }
                    }
                    if r < n && toks[r].word() && lx.is_speech(wt(r)) && !toks[r].cap() {
                        f |= ev::SPEECH;
                    }
                } else if rt.word() && !rt.cap() && lower_in(wt(r), &["of", "from"]) {
                    if let Some(sp) = of_phrase(lx, text, toks, r) {
                        c.post = Some(sp);
                    }
                } else if !rt.word() && rt.ch == '(' {
                    // "(born ...)" / "(no relation)" say nothing here
                }
            }
            if adverb && (f & (ev::APPOS | ev::AGE | ev::WHO) == 0 || wt(ts).ends_with("ly")) {
                f |= ev::ORG;
            }
            // case names: "Eva Glawischnig-Piesczek vs. Facebook Ireland Limited"
            if te < n && toks[te].word() && matches!(w(te), "v" | "vs" | "v." | "vs.") {
                f |= ev::ORG;
            }
            // part of a multi-word title: "Chief Medical Officer", "Clinical Adviser"
            if pe < cls.len() && matches!(cls[pe], Cls::T | Cls::R) {
                f |= ev::ORG;
            }
            // coordination with the previous candidate: "Witkoff and
            // Kushner", lists "Lukaku, Carrasco, and Mertens"
            if let Some(prev) = out.cands.last()
                && ps == 0
                && ts >= 2
                && prev.span.end <= toks[ts].s
            {
                let bt = text[prev.span.end..toks[ts].s].trim();
                // (a comma joins only full names: "Rohingya, Power" is no list
                // of people)
                let full = |sp: &Span| text[sp.clone()].trim().contains(' ');
                let listed =
                    matches!(bt, "," | ", and" | ", or") && pe - ps >= 2 && full(&prev.span);
                if matches!(bt, "and" | "&" | "or") || listed {
                    f |= ev::COORD;
                }
            }
            // pre-name descriptor
            c.pre = pre_descriptor(lx, text, toks, ts, f & ev::NAMED != 0);
            // pronoun after the name (gender)
            if c.gender.is_none()
                && !heading
                && f & (ev::FIRST | ev::FIRST_AMB | ev::LAST | ev::TITLE | ev::ROLE | ev::MULTI)
                    != 0
            {
                c.gender = pronoun_after(text, toks, te);
            }
            c.ev = f;
            out.cands.push(c);
        }
    }
    out
}

/// Is token `k` inside a photo credit ("Image: NASA Bill Ingalls")?
fn credit_before(text: &str, toks: &[Tok], k: usize) -> bool {
    let mut j = k;
    let mut steps = 0;
    while j > 0 && steps < 6 {
        j -= 1;
        steps += 1;
        let t = &toks[j];
        if !t.word() {
            if t.ch == ':' && j > 0 && toks[j - 1].word() {
                let w = &text[toks[j - 1].s..toks[j - 1].e];
                return matches!(
                    w,
                    "Image"
                        | "Photo"
                        | "Photograph"
                        | "Picture"
                        | "Credit"
                        | "Credits"
                        | "Source"
                        | "Photos"
                        | "Images"
                        | "Video"
                        | "Illustration"
                );
            }
            if matches!(t.ch, '.' | ';' | '!' | '?') {
                return false;
            }
            continue;
        }
        if !t.cap() && !t.upper() {
            return false;
        }
    }
    false
}

/// `with_lower(w, |l| targets.contains(&l))` for lowercase ASCII
/// `targets`, without building the lowercase form of an ASCII word.
#[inline]
fn lower_in(w: &str, targets: &[&str]) -> bool {
    let v = w.strip_suffix('.').unwrap_or(w);
    if v.is_ascii() {
        targets.iter().any(|t| v.eq_ignore_ascii_case(t))
    } else {
        with_lower(w, |l| targets.contains(&l))
    }
}

fn gender_of(g: u8) -> Option<Gender> {
    if g & MALE != 0 {
        Some(Gender::Male)
    } else if g & FEMALE != 0 {
        Some(Gender::Female)
    } else {
        None
    }
}

fn pronoun_after(text: &str, toks: &[Tok], from: usize) -> Option<Gender> {
    for t in toks.iter().skip(from).take(25) {
        if !t.word() {
            continue;
        }
        if t.cap() && !t.sent() {
            // another name comes first
            return None;
        }
        // ('h' / 's' in either case)
        if t.e - t.s > 7 || !matches!(text.as_bytes()[t.s] | 0x20, b'h' | b's') {
            continue;
        }
        let w = &text[t.s..t.e];
        let v = w.strip_suffix('.').unwrap_or(w);
        let g = if v.is_ascii() {
            // (at most 7 bytes: lowercased on the stack)
            let mut buf = [0u8; 7];
            let l = &mut buf[..v.len()];
            l.copy_from_slice(v.as_bytes());
            l.make_ascii_lowercase();
            match &*l {
                b"he" | b"him" | b"his" | b"himself" => Some(Gender::Male),
                b"she" | b"her" | b"hers" | b"herself" => Some(Gender::Female),
                _ => None,
            }
        } else if lower_in(w, &["he", "him", "his", "himself"]) {
            Some(Gender::Male)
        } else if lower_in(w, &["she", "her", "hers", "herself"]) {
            Some(Gender::Female)
        } else {
            None
        };
        if g.is_some() {
            return g;
        }
    }
    None
}

/// The appositive phrase starting at token `k` (after a comma): returns
/// (span of the phrase, starts with "who").
/// "Colin Reid, Lord Moray, the Lord President of the court": an appositive
/// that is only a peerage or honorific with a name (`sp`, starting at token
/// `k`) is another name for the person; the appositive after it, if any,
/// is the description.
fn peerage_then(lx: &Lex, text: &str, toks: &[Tok], k: usize, sp: Span) -> Span {
    let w = |j: usize| toks.get(j).filter(|t| t.word()).map(|t| &text[t.s..t.e]);
    let peer = w(k).is_some_and(|x| {
        matches!(
            x,
            "Lord" | "Lady" | "Baron" | "Baroness" | "Viscount" | "Earl" | "Sir" | "Dame"
        )
    }) && toks
        .get(k + 1)
        .is_some_and(|t| t.word() && t.cap() && t.e == sp.end);
    if !peer {
        return sp;
    }
    match toks.get(k + 2) {
        Some(t) if !t.word() && t.ch == ',' => match appositive(lx, text, toks, k + 3) {
            Some((Some(next), false)) => next,
            _ => sp,
        },
        _ => sp,
    }
}

/// "who is/was [formerly/also/now] <title or role phrase>" after a name
/// (`k` at "who"): the phrase, as an appositive would give it.
fn who_is_phrase(lx: &Lex, text: &str, toks: &[Tok], k: usize) -> Option<Span> {
    let w = |j: usize| toks.get(j).filter(|t| t.word()).map(|t| &text[t.s..t.e]);
    if !w(k)?.eq_ignore_ascii_case("who") {
        return None;
    }
    let mut j = k + 1;
    if !matches!(w(j)?, "is" | "was") {
        return None;
    }
    j += 1;
    if matches!(
        w(j)?,
        "formerly" | "previously" | "also" | "now" | "currently" | "once" | "then"
    ) {
        j += 1;
    }
    match appositive(lx, text, toks, j)? {
        (Some(sp), false) => Some(sp),
        _ => None,
    }
}

fn appositive(lx: &Lex, text: &str, toks: &[Tok], k: usize) -> Option<(Option<Span>, bool)> {
    let t = toks.get(k)?;
    if !t.word() {
        return None;
    }
    let fw = &text[t.s..t.e];
    let fi = lx.word(fw);
    if fw.eq_ignore_ascii_case("who") || fw.eq_ignore_ascii_case("whose") {
        return Some((None, true));
    }
    let det = fi.has(W_DET);
    let role_start = fi.has(W_ROLE | W_TITLE);
    if !(det || role_start || t.cap()) {
        return None;
    }
    let mut end = k;
    let mut words = 0;
    let mut has_role = false;
    // the role noun must head the phrase: before any preposition
    let mut in_pp = false;
    let mut j = k;
    while j < toks.len() {
        let u = &toks[j];
        if u.nl_before() && j > k {
            break;
        }
        if !u.word() {
            if matches!(
                u.ch,
                ',' | '.' | ';' | ':' | '(' | ')' | '"' | '“' | '”' | '—' | '?' | '!'
            ) {
                break;
            }
            j += 1;
            continue;
        }
        let uw = &text[u.s..u.e];
        let ui = lx.word(uw);
        // a relative clause, or a time phrase ("envoy until 2018", "the
        // director since May"), ends the description
        if ui.has(W_REL)
            || (j > k && !u.cap() && matches!(uw, "until" | "till" | "since" | "when" | "while"))
        {
            return if words > 0 && has_role {
                Some((Some(toks[k].s..toks[end].e), false))
            } else {
                None
            };
        }
        // a past-tense verb after the role ends it when the writer left out
        // the closing comma ("Lord Moray, the Lord President of the court
        // decided, …")
        if j > k && has_role && !u.cap() && ui.has(W_VERB) && uw.ends_with("ed") {
            break;
        }
        if !in_pp && ui.has(W_ROLE | W_TITLE) {
            has_role = true;
        }
        if j > k && !has_role && ui.has(W_PREP) && !u.cap() {
            in_pp = true;
        }
        if j > k && ui.has(W_SPEECH) {
            return None;
        }
        words += 1;
        end = j;
        j += 1;
        if words > 16 {
            return None;
        }
    }
    if words == 0 || !has_role {
        return None;
    }
    // a capitalised start must be a title-ish phrase, not a new clause
    // ("Trump's Special Envoy": a possessive name start is fine)
    if !det && t.cap() && !role_start && !t.poss() {
        return None;
    }
    Some((Some(toks[k].s..toks[end].e), false))
}

/// "of the University of Essex", "from Vermont".
fn of_phrase(lx: &Lex, text: &str, toks: &[Tok], k: usize) -> Option<Span> {
    let mut j = k + 1;
    if j < toks.len() && toks[j].word() && lower_in(&text[toks[j].s..toks[j].e], &["the"]) {
        j += 1;
    }
    let first = toks.get(j)?;
    if !(first.word() && first.cap()) {
        return None;
    }
    let mut end = j;
    while j < toks.len() {
        let u = &toks[j];
        if !u.word() || u.nl_before() {
            break;
        }
        let uw = &text[u.s..u.e];
        if u.cap() || u.upper() {
            end = j;
            j += 1;
            if u.poss() {
                break;
            }
            continue;
        }
        if lower_in(uw, &["of", "the", "for"])
            && toks
                .get(j + 1)
                .is_some_and(|n| n.word() && (n.cap() || lower_in(&text[n.s..n.e], &["the"])))
        {
            j += 1;
            continue;
        }
        break;
    }
    let _ = lx;
    Some(toks[k].s..toks[end].e)
}

/// Title/role phrase right before the name (tokens `..ts`): a chain of
/// capitalised words, role nouns and modifiers that contains a title or role
/// ("Kremlin aide", "Indian Prime Minister", "Mayor of London",
/// "Home office crime prevention minister").
fn pre_descriptor(lx: &Lex, text: &str, toks: &[Tok], ts: usize, named: bool) -> Option<Span> {
    if ts == 0 || toks[ts].nl_before() {
        return None;
    }
    let mut h = ts - 1;
    // "a Polish chef named Łukasz"
    if named {
        if h == 0 {
            return None;
        }
        h -= 1;
    }
    // "the Turkish President, Recep Tayyip Erdoğan"
    let mut comma = false;
    if !named && !toks[h].word() && toks[h].ch == ',' && h > 0 {
        comma = true;
        h -= 1;
    }
    let ht = &toks[h];
    if !ht.word() || ht.poss() || toks[h + 1].nl_before() {
        return None;
    }
    let hw = &text[ht.s..ht.e];
    let hi = lx.word(hw);
    if (comma || named || !ht.cap()) && !hi.has(W_TITLE | W_ROLE) {
        return None;
    }
    // "told journalists Adamowicz": a plural role is not this person's
    if hi.has(W_ROLE) && !hi.has(W_TITLE) && hw.ends_with('s') && !hw.ends_with("ss") {
        return None;
    }
    if matches!(hw, "Mme" | "Mme." | "M." | "Mlle" | "Mlle.") {
        return None;
    }
    let end = ht.e;
    let mut start = ht.s;
    let mut has_role = false;
    let mut j = h + 1;
    let mut n = 0;
    let mut saw_det = false;
    while j > 0 && n < 12 {
        let p = &toks[j - 1];
        if toks[j].nl_before() && j <= h {
            break;
        }
        if !p.word() {
            // "Export–Import"
            if matches!(p.ch, '–' | '-')
                && j >= 2
                && toks[j - 2].word()
                && toks[j - 2].cap()
                && toks[j].cap()
                && j <= h
            {
                j -= 1;
                continue;
            }
            break;
        }
        let pw = &text[p.s..p.e];
        let pi = lx.word(pw);
        let is = |x: &str| pw.eq_ignore_ascii_case(x);
        if p.poss() {
            // "Niger's president": the possessor opens the phrase, with
            // the rest of its name ("the United Kingdom's Queen")
            if p.cap() && j <= h {
                start = p.s;
                saw_det = true;
                let mut q = j - 1;
                while q > 0 && n < 12 {
                    let r = &toks[q - 1];
                    if !r.word() || r.poss() || toks[q].nl_before() {
                        break;
                    }
                    let rw = &text[r.s..r.e];
                    if r.cap() && !lx.word(rw).has(W_SPEECH | W_VERB | W_FUNC) {
                        start = r.s;
                        q -= 1;
                        n += 1;
                        continue;
                    }
                    if rw.eq_ignore_ascii_case("the") {
                        start = r.s;
                    }
                    break;
                }
            }
            break;
        }
        if is("mr") || is("mrs") || is("ms") || is("miss") || is("mx") {
            if j - 1 == h {
                return None;
            }
            break;
        }
        let ok_stop = pi.has(W_DESC | W_ORG | W_PLACE | W_ROLE | W_TITLE);
        if (is("a") || is("an")) && named {
            start = p.s;
            break;
        }
        if is("the") {
            // "Speaker of the House", "CEO of the Refugee Council",
            // "Ambassador to the United Nations"
            if j >= 2
                && j <= h
                && toks[j].cap()
                && toks[j - 2].word()
                && (text[toks[j - 2].s..toks[j - 2].e].eq_ignore_ascii_case("of")
                    || text[toks[j - 2].s..toks[j - 2].e].eq_ignore_ascii_case("to"))
            {
                j -= 1;
                continue;
            }
            saw_det = true;
            break;
        }
        if is("of") || is("for") || is("to") {
            // "Mayor of London", "Center for Health Security": between a
            // title/role (or, for "of"/"for", a capitalised word) and a
            // capitalised word; "Ambassador to the United Nations": "to"
            // only after a title or role
            let left_role = j >= 2 && toks[j - 2].word() && {
                let q = &toks[j - 2];
                lx.word(&text[q.s..q.e]).has(W_TITLE | W_ROLE)
            };
            // (the word after may be "the" before a capitalised one)
            let right_cap = toks[j].cap()
                || (toks[j].word()
                    && text[toks[j].s..toks[j].e].eq_ignore_ascii_case("the")
                    && toks.get(j + 1).is_some_and(|n| n.cap()));
            // ("advisor to President X": a lower-case role before "to" is
            // someone else's, the appositive's)
            let left_cap = j >= 2 && toks[j - 2].cap();
            let ok_left = if is("to") {
                left_role && left_cap
            } else {
                left_role || left_cap
            };
            if j >= 2 && j <= h && right_cap && toks[j - 2].word() && ok_left {
                j -= 1;
                continue;
            }
            break;
        }
        if is("and") {
            let left_role = j >= 2 && toks[j - 2].word() && {
                let q = &toks[j - 2];
                lx.word(&text[q.s..q.e]).has(W_TITLE | W_ROLE)
            };
            if j >= 2
                && j <= h
                && toks[j - 2].word()
                && (left_role || (!toks[j].cap() && !toks[j - 2].cap()))
            {
                j -= 1;
                continue;
            }
            break;
        }
        if p.digit() {
            break;
        }
        if pi.has(W_SPEECH | W_VERB) || (pi.has(W_STOP) && !ok_stop && (!p.cap() || pi.has(W_FUNC)))
        {
            break;
        }
        if !p.cap() && !p.upper() && pw.ends_with("ly") && !is("formerly") {
            break;
        }
        if pi.has(W_TITLE | W_ROLE) {
            has_role = true;
        }
        start = p.s;
        j -= 1;
        n += 1;
    }
    if !has_role || start >= end {
        return None;
    }
    if comma && !saw_det {
        return None;
    }
    let s = if comma && saw_det && j > 0 {
        toks[j - 1].s
    } else {
        start
    };
    // a chain that starts with "of" / "and" is cut there
    let mut s = s;
    for lead in ["of ", "and ", "the ", "of the "] {
        if let Some(rest) = text[s..end].strip_prefix(lead) {
            s = end - rest.len();
        }
    }
    Some(s..end)
}

#[cfg(test)]
mod fast_path_tests {
    use super::*;

    #[test]
    fn particles() {
        for w in PARTICLE_WORDS {
            assert!(is_particle(w), "{w}");
        }
        assert!(is_particle("della"));
        for w in [
            "", "d", "the", "of", "and", "a", "De", "van ", "dell", "bins", "dellas",
        ] {
            assert!(!is_particle(w), "{w}");
        }
    }
}
