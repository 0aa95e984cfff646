//! A small tokenizer for one paragraph: words (with internal apostrophes and
//! hyphens), numbers, punctuation and quotation marks, each with its byte
//! span and its lexicon classes.

use super::lexicon::{Form, Lexicon, WordInfo, c, kw};
use crate::analysis::swar::{HIGH, ONES, alnum_bits, in_range, load8};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum K {
    Word,
    Num,
    Punct,
    /// A quotation mark or a stand-alone apostrophe.
    Quote,
}

/// What a quotation mark does (set by the quote pass).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QRole {
    None,
    Open,
    Close,
    Apostrophe,
}

/// (`repr(C)` and this field order keep the fields a new token always
/// starts with as false/`None` side by side at the end, so that the
/// tokenizer can store them together.)
#[derive(Debug, Clone, Copy)]
#[repr(C)]
pub struct Tok {
    pub s: usize,
    pub e: usize,
    pub class: u64,
    /// The character for punctuation and quote marks.
    pub ch: char,
    pub cue: u16,
    /// Phrase list id (see [`Lexicon::phrases`]).
    pub phrase: u16,
    pub form: Option<Form>,
    pub k: K,
    /// First letter is uppercase.
    pub cap: bool,
    /// Two or more letters, all uppercase.
    pub allcaps: bool,
    /// Ends with a possessive `'s`/`’s` (or a plural possessive apostrophe).
    pub poss: bool,
    /// Contains an inner hyphen or dash ("el-Sisi").
    pub hy: bool,
    /// Inside a quotation (depth ≥ 1).
    pub quoted: bool,
    pub qrole: QRole,
}

impl Tok {
    pub fn is(&self, class: u64) -> bool {
        self.class & class != 0
    }
    pub fn punct(&self, ch: char) -> bool {
        self.k == K::Punct && self.ch == ch
    }
}

fn is_apos(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '"' | '“' | '”' | '„' | '«' | '»' | '‘' | '’' | '\'' | '‹' | '›' | '‚'
    )
}

fn is_inner_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '‐' | '‑')
}

/// Short words that keep their period ("Dr.", "Mr.", "St.").
fn keeps_period(w: &str) -> bool {
    let b = w.as_bytes();
    if b.len() == 1 && b[0].is_ascii_uppercase() {
        return true;
    }
    // dotted acronyms: U.S, a.m
    if b.len() >= 3 && b[1] == b'.' && b.iter().step_by(2).all(u8::is_ascii_alphabetic) {
        return true;
    }
    matches!(
        w,
        "Dr" | "Mr"
            | "Mrs"
            | "Ms"
            | "St"
            | "Jr"
            | "Sr"
            | "Prof"
            | "Gen"
            | "Gov"
            | "Sen"
            | "Rep"
            | "Lt"
            | "Col"
            | "Sgt"
            | "Capt"
            | "Rev"
            | "Hon"
            | "Mme"
            | "Mt"
            | "Inc"
            | "Ltd"
            | "Co"
            | "Corp"
            | "Jan"
            | "Feb"
            | "Mar"
            | "Apr"
            | "Jun"
            | "Jul"
            | "Aug"
            | "Sep"
            | "Sept"
            | "Oct"
            | "Nov"
            | "Dec"
            | "No"
            | "vs"
            | "Supt"
            | "Det"
            | "Insp"
            | "Cllr"
            | "Amb"
    )
}

/// Lowercase `w` for lexicon lookup (curly apostrophes made straight).
pub fn lower_key<'b>(w: &str, buf: &'b mut String) -> &'b str {
    buf.clear();
    for ch in w.chars() {
        if is_apos(ch) {
            buf.push('\'');
        } else if ch.is_ascii() {
            buf.push(ch.to_ascii_lowercase());
        } else {
            buf.extend(ch.to_lowercase());
        }
    }
    buf.as_str()
}

#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    let b = text.as_bytes();
    match b.get(i) {
        None => None,
        Some(&c) if c < 0x80 => Some(c as char),
        Some(_) => text.get(i..).and_then(|t| t.chars().next()),
    }
}

#[inline]
fn char_before(text: &str, i: usize) -> Option<char> {
    let b = text.as_bytes();
    if i == 0 {
        return None;
    }
    if b[i - 1] < 0x80 {
        return Some(b[i - 1] as char);
    }
    text.get(..i).and_then(|t| t.chars().next_back())
}

fn punct(i: usize, ch: char) -> Tok {
    Tok {
        e: i + ch.len_utf8(),
        k: if is_quote_char(ch) {
            K::Quote
        } else {
            K::Punct
        },
        ..punct_tok(i, ch)
    }
}

/// A punctuation token at `i` with its span end and kind still to set.
#[inline]
fn punct_tok(i: usize, ch: char) -> Tok {
    Tok {
        s: i,
        e: i,
        k: K::Punct,
        ch,
        cap: false,
        allcaps: false,
        poss: false,
        class: 0,
        cue: 0,
        form: None,
        phrase: 0,
        hy: false,
        quoted: false,
        qrole: QRole::None,
    }
}

/// The end of the word starting at `i` (letters and digits, joined by
/// inner apostrophes, hyphens, dots and digit separators).
fn word_end(text: &str, i: usize) -> usize {
    let b = text.as_bytes();
    let n = b.len();
    let mut j = i;
    let mut prev = ' ';
    while j < n {
        let c = b[j];
        if BYTE[c as usize] & ALNUM != 0 {
            // the common case, without decoding a char
            prev = c as char;
            j += 1;
            continue;
        }
        let (d, len) = if c < 0x80 {
            (c as char, 1)
        } else {
            match char_at(text, j) {
                Some(ch) => (ch, ch.len_utf8()),
                None => break,
            }
        };
        if d.is_alphanumeric() {
            prev = d;
            j += len;
            continue;
        }
        if j == i {
            break;
        }
        let Some(nx) = char_at(text, j + len) else {
            break;
        };
        if !nx.is_alphanumeric() {
            break;
        }
        let joins = (is_apos(d) && nx.is_alphabetic())
            || (is_inner_dash(d) && prev.is_alphanumeric())
            || (d == '.' && prev.is_alphabetic() && nx.is_alphabetic() && {
                // U.S, a.m: single letters around the dot
                let before = char_before(text, j - prev.len_utf8());
                !before.is_some_and(char::is_alphabetic)
            })
            || (matches!(d, '.' | ',' | ':' | '/') && prev.is_ascii_digit() && nx.is_ascii_digit())
            || (d == '.' && prev.is_alphanumeric() && nx.is_ascii_lowercase() && {
                // a domain name: "Secunia.com", "CBC.ca"
                let rest = &b[j + 1..];
                let run = rest.iter().take_while(|c| c.is_ascii_lowercase()).count();
                (2..=4).contains(&run) && rest.get(run).is_none_or(|c| !c.is_ascii_alphanumeric())
            });
        if !joins {
            break;
        }
        prev = d;
        j += len;
    }
    j
}

const ALNUM: u8 = 1;
const ALPHA: u8 = 2;
const LOWER: u8 = 4;
const HYPHEN: u8 = 8;
const NONASCII: u8 = 16;
/// ASCII whitespace (as `char::is_whitespace`).
const SPACE: u8 = 32;
/// Characters that may join two parts of a word (see [`word_end`]).
const JOINER: u8 = 64;
/// ASCII quotation marks (as [`is_quote_char`]).
const QUOTE: u8 = 128;

/// The leading ASCII letters and digits of eight bytes (SWAR).
#[derive(Clone, Copy)]
struct Chunk {
    /// How many bytes (0..=8) are ASCII letters or digits before the first
    /// other byte.
    n: usize,
    /// Those bytes lowercased, the rest zero (the lexicon key).
    key: u64,
    /// Those bytes as they are, the rest zero.
    raw: u64,
}

impl Chunk {
    const EMPTY: Chunk = Chunk {
        n: 0,
        key: 0,
        raw: 0,
    };

    #[inline]
    fn of(x: u64) -> Chunk {
        let stop = !alnum_bits(x) & HIGH;
        // (8 when no byte stops the run: `trailing_zeros(0)` is 64)
        let n = (stop.trailing_zeros() / 8) as usize;
        // the bytes below the lowest stop bit (all of them when there is
        // none: `(0 >> 7) - 1` wraps to all ones), without a branch
        let mask = ((stop & stop.wrapping_neg()) >> 7).wrapping_sub(1);
        Chunk {
            n,
            // `| 0x20` lowercases a letter and keeps a digit
            key: (x | (0x20 * ONES)) & mask,
            raw: x & mask,
        }
    }

    /// The high bits of the letters' bytes.
    #[inline]
    fn letters(&self) -> u64 {
        in_range(self.key, b'a', b'z')
    }

    /// Nonzero when one of the bytes is a lowercase letter.
    #[inline]
    fn lower(&self) -> u64 {
        in_range(self.raw, b'a', b'z')
    }
}

/// Byte classes for the word loops.
static BYTE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        t[i] = if b.is_ascii_digit() {
            ALNUM
        } else if b.is_ascii_lowercase() {
            ALNUM | ALPHA | LOWER
        } else if b.is_ascii_uppercase() {
            ALNUM | ALPHA
        } else if b == b'-' {
            HYPHEN | JOINER
        } else if b == b'\'' {
            JOINER | QUOTE
        } else if b == b'"' {
            QUOTE
        } else if matches!(b, b'.' | b',' | b':' | b'/') {
            JOINER
        } else if matches!(b, 9..=13 | b' ') {
            SPACE
        } else if b >= 0x80 {
            NONASCII
        } else {
            0
        };
        i += 1;
    }
    t
};

/// Tokenize one paragraph.
#[cfg(test)]
pub fn tokenize(text: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    tokenize_into(text, &mut out);
    out
}

/// [`tokenize`] into `out` (cleared first), to reuse its buffer; whether
/// any token is a quotation mark ([`K::Quote`]).
pub fn tokenize_into(text: &str, out: &mut Vec<Tok>) -> bool {
    let lex = Lexicon::get();
    let b = text.as_bytes();
    let n = b.len();
    out.clear();
    out.reserve(n / 4 + 8);
    // only non-ASCII words need it: allocated on first use
    let mut sbuf = String::new();
    let mut kbuf = [0u8; 40];
    let mut quotes = false;
    let mut i = 0;
    while i < n {
        let c = b[i];
        if c < 0x80 {
            let cls = BYTE[c as usize];
            if cls & SPACE != 0 {
                i += 1;
                continue;
            }
            if cls & ALNUM == 0 {
                // ASCII punctuation: its kind from the byte table (as
                // `punct`), and the single space that usually follows it
                // skipped with it
                let mut t = punct_tok(i, c as char);
                t.e = i + 1;
                t.k = if cls & QUOTE != 0 { K::Quote } else { K::Punct };
                quotes |= t.k == K::Quote;
                out.push(t);
                i = if b.get(i + 1) == Some(&b' ') {
                    i + 2
                } else {
                    i + 1
                };
                continue;
            }
            // an ASCII word: its end, classes and lookup key 8 bytes at a
            // time (words of up to 16 letters and digits; longer ones byte
            // by byte), unless a joining character (or non-ASCII) follows it
            let mut j;
            let mut packed = None;
            let allcaps;
            let c0 = Chunk::of(load8(b, i));
            let c1 = if c0.n == 8 {
                Chunk::of(load8(b, i + 8))
            } else {
                Chunk::EMPTY
            };
            if c1.n < 8 {
                j = i + c0.n + c1.n;
                // (a word starting in lowercase is not all caps)
                allcaps = !c.is_ascii_lowercase() && {
                    // two or more letters: two in one chunk, or one in each
                    let (l0, l1) = (c0.letters(), c1.letters());
                    let two = l0 & l0.wrapping_sub(1) != 0
                        || l1 & l1.wrapping_sub(1) != 0
                        || (l0 != 0 && l1 != 0);
                    two && (c0.lower() | c1.lower()) == 0
                };
                packed = Some((c0.key, c1.key));
            } else {
                j = i;
                let mut bits = 0u8;
                let mut letters = 0usize;
                while j < n {
                    let x = BYTE[b[j] as usize];
                    if x & ALNUM == 0 {
                        break;
                    }
                    bits |= x;
                    letters += usize::from(x & ALPHA != 0);
                    if j - i < kbuf.len() {
                        kbuf[j - i] = b[j].to_ascii_lowercase();
                    }
                    j += 1;
                }
                allcaps = letters >= 2 && bits & LOWER == 0;
            }
            let simple = match b.get(j) {
                None => true,
                Some(&t) if t >= 0x80 => false,
                Some(&t) if BYTE[t as usize] & JOINER == 0 => true,
                // a joiner joins only before a letter or digit
                Some(_) => b
                    .get(j + 1)
                    .is_none_or(|&u| u < 0x80 && BYTE[u as usize] & ALNUM == 0),
            };
            if simple && !(b.get(j) == Some(&b'.') && keeps_period(&text[i..j])) {
                // letters and digits only: no hyphen, no possessive
                let num = c.is_ascii_digit();
                let info = if num {
                    Default::default()
                } else if let Some(p) = packed {
                    lex.word_packed(p)
                } else if j - i <= kbuf.len() {
                    lex.word_padded(&kbuf, j - i)
                } else {
                    Default::default()
                };
                out.push(Tok {
                    s: i,
                    e: j,
                    k: if num { K::Num } else { K::Word },
                    ch: c as char,
                    cap: c.is_ascii_uppercase(),
                    allcaps,
                    poss: false,
                    // (the key is the whole text: see `c::PLAIN`)
                    class: if num {
                        info.class
                    } else {
                        info.class | c::PLAIN
                    },
                    cue: info.cue,
                    form: info.form,
                    phrase: info.phrase,
                    hy: false,
                    quoted: false,
                    qrole: QRole::None,
                });
                // (and the single space that usually follows)
                i = if b.get(j) == Some(&b' ') { j + 1 } else { j };
                continue;
            }
        }
        let ch = if c < 0x80 {
            c as char
        } else {
            match char_at(text, i) {
                Some(ch) => ch,
                None => {
                    i += 1;
                    continue;
                }
            }
        };
        if ch.is_whitespace() {
            i += ch.len_utf8();
            continue;
        }
        if !ch.is_alphanumeric() {
            let t = punct(i, ch);
            quotes |= t.k == K::Quote;
            out.push(t);
            i += ch.len_utf8();
            continue;
        }
        let mut end = word_end(text, i);
        // a title abbreviation keeps its period
        if b.get(end) == Some(&b'.') && keeps_period(&text[i..end]) {
            end += 1;
        }
        let w = &text[i..end];
        let wb = w.as_bytes();
        let num = ch.is_ascii_digit();
        // one pass over the bytes: ASCII?, letters, lowercase letters,
        // hyphens, and the lowercase lookup key
        let (mut bits, mut letters) = (0u8, 0usize);
        for &x in wb {
            let c = BYTE[x as usize];
            bits |= c;
            letters += usize::from(c & ALPHA != 0);
        }
        let ascii = bits & NONASCII == 0;
        let (lower, hyphen) = (bits & LOWER != 0, bits & HYPHEN != 0);
        let m = wb.len().min(kbuf.len());
        for (d, &x) in kbuf[..m].iter_mut().zip(wb) {
            *d = x.to_ascii_lowercase();
        }
        let mut key_end = wb.len();
        let mut poss = false;
        // a possessive `'s` / `’s` (either case) on a word of 2+ letters
        let l = wb.len();
        if l > 3 && matches!(wb[l - 1], b's' | b'S') && wb[l - 2] == b'\'' {
            key_end = l - 2;
            poss = true;
        } else if !ascii
            && l > 5
            && matches!(wb[l - 1], b's' | b'S')
            && wb[l - 4..l - 1] == *"’".as_bytes()
        {
            key_end = l - 4;
            poss = true;
        }
        let (allcaps, mut info) = if ascii {
            let allcaps = letters >= 2 && !lower;
            let info = if key_end <= kbuf.len() && !num {
                let key = &kbuf[..key_end];
                let info = lex.word_padded(&kbuf, key_end);
                if info.class & !c::NOT_CLASS == 0 && info.cue == 0 && key.ends_with(b".") {
                    // (the key is not the token's text: no word group)
                    let info = lex.word_padded(&kbuf, key_end - 1);
                    WordInfo {
                        class: info.class & !kw::ALL,
                        ..info
                    }
                } else {
                    info
                }
            } else {
                Default::default()
            };
            (allcaps, info)
        } else {
            let letters = w.chars().filter(|c| c.is_alphabetic()).count();
            let allcaps = letters >= 2 && !w.chars().any(char::is_lowercase);
            let key = lower_key(&w[..key_end], &mut sbuf);
            (allcaps, lex.word(key))
        };
        // word groups only where the key is the whole text
        if !ascii || poss {
            info.class &= !kw::ALL;
        }
        out.push(Tok {
            s: i,
            e: end,
            k: if num { K::Num } else { K::Word },
            ch,
            cap: ch.is_uppercase(),
            allcaps,
            poss,
            class: info.class,
            cue: info.cue,
            form: info.form,
            phrase: info.phrase,
            hy: hyphen || (!ascii && w.contains(['–', '‐', '‑'])),
            quoted: false,
            qrole: QRole::None,
        });
        i = end;
    }
    quotes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(t: &str) -> Vec<String> {
        tokenize(t)
            .iter()
            .map(|x| t[x.s..x.e].to_string())
            .collect()
    }

    #[test]
    fn words_numbers_and_marks() {
        assert_eq!(
            words(
                "Dr. Tomasz Stefaniak's U.S. team, el-Sisi said \"3,438,373 people\" 28.3% ‘ok’."
            ),
            vec![
                "Dr.",
                "Tomasz",
                "Stefaniak's",
                "U.S.",
                "team",
                ",",
                "el-Sisi",
                "said",
                "\"",
                "3,438,373",
                "people",
                "\"",
                "28.3",
                "%",
                "‘",
                "ok",
                "’",
                "."
            ]
        );
        let t = tokenize("Day’s foundation don't");
        assert!(t[0].poss && t[0].cap);
        assert_eq!(t.len(), 3);
    }

    #[test]
    fn word_groups_only_on_the_exact_word() {
        for &(group, list) in kw::LISTS {
            for w in list {
                for text in [w.to_string(), w.to_uppercase(), format!("x {w} y")] {
                    let t = tokenize(&text);
                    assert!(t.iter().any(|t| t.is(group)), "{text}");
                }
                for text in [format!("{w}'s"), format!("{w}’s"), format!("{w}é")] {
                    let t = tokenize(&text);
                    assert!(t.iter().all(|t| t.class & kw::ALL == 0), "{text}");
                }
            }
        }
        // "vs." is looked up as "vs" but is not the word "vs"
        assert!(tokenize("vs.")[0].class & kw::ALL == 0);
    }

    #[test]
    fn tokenize_into_reports_quotation_marks() {
        for s in [
            "a b.",
            "it's",
            "\"x\"",
            "‘x’",
            "« y »",
            "rock 'n' roll",
            "x, y; z",
            "é’s",
        ] {
            let mut out = Vec::new();
            let q = tokenize_into(s, &mut out);
            assert_eq!(q, out.iter().any(|t| t.k == K::Quote), "{s}");
        }
    }

    #[test]
    fn byte_table_quote_bit_matches_is_quote_char() {
        for b in 0u8..0x80 {
            assert_eq!(
                BYTE[b as usize] & QUOTE != 0,
                is_quote_char(b as char),
                "{b}"
            );
        }
    }

    #[test]
    fn chunk_mask_covers_the_leading_run() {
        for s in [
            "",
            "a",
            "ab c",
            "abcdefg.",
            "abcdefgh",
            "ABCDEFGHij",
            "x1-y",
        ] {
            let c = Chunk::of(load8(s.as_bytes(), 0));
            let n = s
                .bytes()
                .take(8)
                .take_while(u8::is_ascii_alphanumeric)
                .count();
            assert_eq!(c.n, n, "{s}");
            let mask = if n == 8 {
                u64::MAX
            } else {
                (1u64 << (n * 8)) - 1
            };
            assert_eq!(c.raw, load8(s.as_bytes(), 0) & mask, "{s}");
        }
    }

    #[test]
    fn odd_input_does_not_panic() {
        for s in [
            "",
            "\u{0}",
            "😀 said 😀",
            "a'",
            "'",
            "-",
            "x-",
            "U.",
            "é’s’",
            "1,",
            ".5",
        ] {
            let _ = tokenize(s);
        }
    }
}
