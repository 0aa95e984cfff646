//! A small tokenizer for one paragraph: words (with internal apostrophes and
//! hyphens), numbers, punctuation and quotation marks, each with its byte
//! span and its lexicon classes.

use super::lexicon::{Form, Lexicon};

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

#[derive(Debug, Clone, Copy)]
pub struct Tok {
    pub s: usize,
    pub e: usize,
    pub k: K,
    /// The character for punctuation and quote marks.
    pub ch: char,
    /// First letter is uppercase.
    pub cap: bool,
    /// Two or more letters, all uppercase.
    pub allcaps: bool,
    /// Ends with a possessive `'s`/`’s` (or a plural possessive apostrophe).
    pub poss: bool,
    pub class: u64,
    pub cue: u16,
    pub form: Option<Form>,
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

/// Tokenize one paragraph.
pub fn tokenize(text: &str) -> Vec<Tok> {
    let lex = Lexicon::get();
    let mut out: Vec<Tok> = Vec::with_capacity(text.len() / 5 + 4);
    let mut buf = String::with_capacity(32);
    let mut it = text.char_indices().peekable();
    while let Some((i, ch)) = it.next() {
        if ch.is_whitespace() {
            continue;
        }
        if ch.is_alphanumeric() {
            let mut end = i + ch.len_utf8();
            let mut prev = ch;
            while let Some(&(j, d)) = it.peek() {
                if d.is_alphanumeric() {
                    it.next();
                    end = j + d.len_utf8();
                    prev = d;
                    continue;
                }
                // an inner apostrophe, hyphen, dot or digit separator joins
                // when a letter/digit follows
                let next = text[j + d.len_utf8()..].chars().next();
                let joins = match next {
                    Some(n) if n.is_alphanumeric() => {
                        (is_apos(d) && n.is_alphabetic())
                            || (is_inner_dash(d) && prev.is_alphanumeric())
                            || (d == '.' && prev.is_alphabetic() && n.is_alphabetic() && {
                                // U.S, a.m: single letters around the dot
                                let before = text[..j].chars().rev().nth(1);
                                !before.is_some_and(char::is_alphabetic)
                            })
                            || (matches!(d, '.' | ',' | ':' | '/')
                                && prev.is_ascii_digit()
                                && n.is_ascii_digit())
                    }
                    _ => false,
                };
                if joins {
                    it.next();
                    end = j + d.len_utf8();
                    prev = d;
                } else {
                    break;
                }
            }
            let mut w = &text[i..end];
            // a title abbreviation keeps its period
            if text[end..].starts_with('.') && keeps_period(w) {
                it.next();
                end += 1;
                w = &text[i..end];
            }
            let first = w.chars().next().unwrap_or(' ');
            let num = first.is_ascii_digit();
            let mut key_word = w;
            let mut poss = false;
            for suf in ["'s", "’s", "'S", "’S"] {
                if key_word.len() > suf.len() + 1 && key_word.ends_with(suf) {
                    key_word = &key_word[..key_word.len() - suf.len()];
                    poss = true;
                    break;
                }
            }
            let letters = w.chars().filter(|c| c.is_alphabetic()).count();
            let allcaps = letters >= 2 && !w.chars().any(char::is_lowercase);
            let key = lower_key(key_word, &mut buf);
            let info = lex.word(key);
            let info = if info.class == 0 && info.cue == 0 && key.ends_with('.') {
                lex.word(&key[..key.len() - 1])
            } else {
                info
            };
            out.push(Tok {
                s: i,
                e: end,
                k: if num { K::Num } else { K::Word },
                ch: first,
                cap: first.is_uppercase(),
                allcaps,
                poss,
                class: info.class,
                cue: info.cue,
                form: info.form,
                quoted: false,
                qrole: QRole::None,
            });
            continue;
        }
        let k = if is_quote_char(ch) {
            K::Quote
        } else {
            K::Punct
        };
        out.push(Tok {
            s: i,
            e: i + ch.len_utf8(),
            k,
            ch,
            cap: false,
            allcaps: false,
            poss: false,
            class: 0,
            cue: 0,
            form: None,
            quoted: false,
            qrole: QRole::None,
        });
    }
    out
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
