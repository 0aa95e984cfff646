//! Sentence segmentation for news prose.
//!
//! Rules, in the order they are checked at each `.`/`!`/`?`/`…`:
//! the run of final punctuation and closing quotes/brackets must be followed
//! by whitespace and then something that can start a sentence (not a
//! lowercase word, so `"…?" she asked` stays one sentence); a `.` after a
//! known abbreviation (Mr., Gen., Jan. 5), an initial (Donald J. Trump) or a
//! dotted acronym (U.S., a.m.) only ends a sentence when a typical sentence
//! opener follows; nothing ends before the first word of a sentence
//! (`"[...] The…` at a quote start).

use super::text::Span;

/// Words that take an abbreviation period and never end a sentence by
/// themselves when a capitalised word follows (titles, "No. 5").
const TITLE_ABBREV: &[&str] = &[
    "mr", "mrs", "ms", "mx", "dr", "prof", "st", "sr", "jr", "gen", "gov", "sen", "rep", "lt",
    "col", "sgt", "capt", "cmdr", "adm", "maj", "rev", "hon", "pres", "supt", "det", "insp", "cpl",
    "pvt", "brig", "mt", "ft", "no", "nos", "vs", "v", "fig", "messrs", "mme", "mlle", "sec",
    "atty", "amb", "cllr", "fr", "sgt", "gov", "asst", "assoc", "dept", "est", "approx", "op",
    "ed", "eds", "vol", "pp", "art", "ch", "cf", "ca", "al", "etc",
];

/// Abbreviations that end a sentence only before a clear sentence opener
/// ("Inc.", "Co.", months before a number).
const SOFT_ABBREV: &[&str] = &[
    "inc", "ltd", "co", "corp", "bros", "plc", "llc", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "ave", "blvd", "rd", "univ",
];

/// Words that typically open a sentence; after an ambiguous period (U.S.,
/// Inc., a.m.) one of these means a new sentence starts.
const OPENERS: &[&str] = &[
    "the",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "this",
    "that",
    "these",
    "those",
    "but",
    "and",
    "in",
    "a",
    "an",
    "however",
    "his",
    "her",
    "their",
    "its",
    "there",
    "on",
    "at",
    "as",
    "after",
    "before",
    "when",
    "while",
    "if",
    "according",
    "officials",
    "police",
    "mr",
    "mrs",
    "ms",
    "some",
    "many",
    "one",
    "two",
    "both",
    "all",
    "no",
    "our",
    "my",
    "you",
    "what",
    "why",
    "how",
    "meanwhile",
    "also",
    "since",
    "last",
    "earlier",
    "later",
];

fn is_term(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '}' | '*' | '_'
    )
}

/// The word immediately before byte `end` (exclusive), without leading
/// quotes or brackets.
fn word_before(s: &str, end: usize) -> &str {
    let head = &s[..end];
    let start = head
        .rfind(|c: char| {
            c.is_whitespace() || matches!(c, '(' | '[' | '"' | '“' | '‘' | '\'' | '/' | '—' | '–')
        })
        .map_or(0, |p| {
            p + head[p..].chars().next().map_or(1, char::len_utf8)
        });
    &head[start..]
}

fn next_word(s: &str, from: usize) -> &str {
    let rest = &s[from..];
    let rest = rest.trim_start_matches(|c: char| !c.is_alphanumeric());
    let end = rest
        .find(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .unwrap_or(rest.len());
    &rest[..end]
}

fn elision_len(s: &str) -> usize {
    for pat in ["[...]", "[…]", "[. . .]"] {
        if s.starts_with(pat) {
            return pat.len();
        }
    }
    0
}

/// The character starting at byte `i` (a char boundary), if any.
#[inline]
fn char_at(s: &str, i: usize) -> Option<char> {
    match s.as_bytes().get(i) {
        None => None,
        Some(&c) if c < 0x80 => Some(c as char),
        Some(_) => s[i..].chars().next(),
    }
}

const IS_TITLE: u8 = 1;
const IS_SOFT: u8 = 2;
const IS_OPENER: u8 = 4;

/// The three word lists above as one table: a lowercase word's flags
/// (`IS_TITLE`, `IS_SOFT`, `IS_OPENER`) in one probe.
fn word_flags(lower: &str) -> u8 {
    use super::keytable::{KeyTable, pack16};
    use std::sync::OnceLock;
    static TABLE: OnceLock<KeyTable<u8>> = OnceLock::new();
    let t = TABLE.get_or_init(|| {
        let mut flags = std::collections::HashMap::<&str, u8>::new();
        for (list, f) in [
            (TITLE_ABBREV, IS_TITLE),
            (SOFT_ABBREV, IS_SOFT),
            (OPENERS, IS_OPENER),
        ] {
            for w in list {
                *flags.entry(w).or_default() |= f;
            }
        }
        KeyTable::build(
            flags
                .into_iter()
                .filter_map(|(w, f)| pack16(w.as_bytes()).map(|k| (k, f))),
        )
    });
    pack16(lower.as_bytes()).map_or(0, |k| t.get(k))
}

/// `f` applied to `w` lowercased (without allocating for short ASCII words).
fn with_lower<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    let b = w.as_bytes();
    if b.len() <= 32 && b.is_ascii() {
        let mut buf = [0u8; 32];
        for (d, s) in buf.iter_mut().zip(b) {
            *d = s.to_ascii_lowercase();
        }
        f(std::str::from_utf8(&buf[..b.len()]).unwrap_or_default())
    } else {
        f(&w.to_lowercase())
    }
}

/// Split prose into sentence spans (relative byte offsets, trimmed, covering
/// every non-whitespace character).
pub fn split(s: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0usize;
    let b = s.as_bytes();
    // `pos` is the next character the scan looks at (always a char
    // boundary); characters that cannot end a sentence are skipped
    let mut pos = 0usize;
    // the next '.', '!', '?' and the next '[' or lead byte of '…' (U+2026,
    // E2 80 A6) at or after `pos`: memchr searches, redone only when the
    // scan has passed them (continuation bytes never match)
    let mut next_term = memchr::memchr3(b'.', b'!', b'?', b).unwrap_or(b.len());
    let mut next_other = memchr::memchr2(b'[', 0xE2, b).unwrap_or(b.len());
    loop {
        if next_term < pos {
            next_term = memchr::memchr3(b'.', b'!', b'?', &b[pos..]).map_or(b.len(), |p| pos + p);
        }
        if next_other < pos {
            next_other = memchr::memchr2(b'[', 0xE2, &b[pos..]).map_or(b.len(), |p| pos + p);
        }
        pos = next_term.min(next_other);
        let i = pos;
        let Some(c) = char_at(s, i) else { break };
        pos = i + c.len_utf8();
        // an elision mark "[...]" works like final punctuation
        let elision = if c == '[' { elision_len(&s[i..]) } else { 0 };
        if !is_term(c) && elision == 0 {
            continue;
        }
        let mut j = i + c.len_utf8();
        if elision > 0 {
            j = i + elision;
            while pos < j
                && let Some(x) = char_at(s, pos)
            {
                pos += x.len_utf8();
            }
        }
        // run of terminal punctuation
        while let Some(c2) = char_at(s, pos) {
            if is_term(c2) {
                j = pos + c2.len_utf8();
                pos = j;
            } else {
                break;
            }
        }
        // closing quotes and brackets
        let mut k = j;
        while let Some(c2) = char_at(s, pos) {
            if is_closing(c2) {
                k = pos + c2.len_utf8();
                pos = k;
            } else {
                break;
            }
        }
        if k < b.len() && !s[k..].starts_with(char::is_whitespace) {
            continue;
        }
        let mut next_off = s[k..].find(|c: char| !c.is_whitespace()).map(|p| k + p);
        // "…? [...] Next": the elision mark belongs to the sentence it follows
        if let Some(m) = next_off {
            let el = elision_len(&s[m..]);
            if el > 0 && elision == 0 {
                k = m + el;
                while pos < k
                    && let Some(x) = char_at(s, pos)
                {
                    pos += x.len_utf8();
                }
                if k < b.len() && !s[k..].starts_with(char::is_whitespace) {
                    continue;
                }
                next_off = s[k..].find(|c: char| !c.is_whitespace()).map(|p| k + p);
            }
        }
        let Some(m) = next_off else {
            // end of text
            break;
        };
        // nothing but punctuation so far ("[...]" at the start of a quote)
        if !s[start..i].chars().any(char::is_alphanumeric) {
            continue;
        }
        let nc = s[m..].chars().next().unwrap_or(' ');
        // the first letter of what follows (after opening quotes)
        let first_alpha = s[m..].chars().find(|c| c.is_alphanumeric());
        if nc.is_lowercase()
            || first_alpha.is_some_and(char::is_lowercase)
                && !matches!(nc, '"' | '“' | '‘' | '\'' | '(' | '[')
        {
            continue;
        }
        if matches!(nc, ',' | ';' | ':' | ')' | ']' | '-' | '–' | '—') {
            continue;
        }
        if c == '.' && j == i + 1 && elision == 0 {
            let w = word_before(s, i);
            let nw = next_word(s, m);
            // (whether an opener follows is needed only for ambiguous periods)
            let opener = || with_lower(nw, |l| word_flags(l) & IS_OPENER != 0);
            let ends = with_lower(w, |lw| {
                let flags = word_flags(lw);
                if flags & IS_TITLE != 0 {
                    return false;
                }
                // single capital initial: "Donald J. Trump"
                if w.chars().count() == 1 && w.chars().all(char::is_uppercase) {
                    return false;
                }
                // dotted acronym: "U.S.", "a.m.", "e.g."
                if w.contains('.')
                    && w.chars().filter(|c| c.is_alphabetic()).count() <= 4
                    && (lw == "e.g" || lw == "i.e" || !opener())
                {
                    return false;
                }
                if flags & IS_SOFT != 0 && (!opener() || nc.is_ascii_digit()) {
                    return false;
                }
                true
            });
            if !ends {
                continue;
            }
        }
        out.push(start..k);
        start = m;
    }
    let rest = &s[start..];
    if !rest.trim().is_empty() {
        out.push(start..start + rest.trim_end().len());
    }
    // trim each span
    out.into_iter()
        .map(|r| {
            let t = &s[r.clone()];
            let lead = t.len() - t.trim_start().len();
            let trail = t.len() - t.trim_end().len();
            r.start + lead..r.end - trail
        })
        .filter(|r| !r.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(s: &str) -> Vec<&str> {
        split(s).into_iter().map(|r| &s[r]).collect()
    }

    #[test]
    fn basic_and_abbreviations() {
        assert_eq!(
            sents(
                "Mr. Smith went to Washington. He met Dr. Jones at 9 a.m. on Jan. 5. Then he left."
            ),
            vec![
                "Mr. Smith went to Washington.",
                "He met Dr. Jones at 9 a.m. on Jan. 5.",
                "Then he left."
            ]
        );
        assert_eq!(
            sents("Donald J. Trump spoke."),
            vec!["Donald J. Trump spoke."]
        );
        assert_eq!(
            sents("It rose 3.5 percent. Good."),
            vec!["It rose 3.5 percent.", "Good."]
        );
        assert_eq!(
            sents("They flew to the U.S. The trip was long."),
            vec!["They flew to the U.S.", "The trip was long."]
        );
        assert_eq!(
            sents("He met U.S. President Trump."),
            vec!["He met U.S. President Trump."]
        );
    }

    #[test]
    fn quotes() {
        assert_eq!(
            sents("\"It is over,\" he said. \"We won. They lost.\" She left."),
            vec![
                "\"It is over,\" he said.",
                "\"We won.",
                "They lost.\"",
                "She left."
            ]
        );
        assert_eq!(sents("\"Why?\" she asked."), vec!["\"Why?\" she asked."]);
        assert_eq!(
            sents("\"ISIS is not defeated [...] The biggest lie\", he said."),
            vec![
                "\"ISIS is not defeated [...]",
                "The biggest lie\", he said."
            ]
        );
        assert_eq!(
            sents("\"[...] The war is over.\""),
            vec!["\"[...] The war is over.\""]
        );
    }

    #[test]
    fn odd_input() {
        assert!(split("").is_empty());
        assert!(split("   ").is_empty());
        assert_eq!(sents("No end"), vec!["No end"]);
        assert_eq!(sents("Emoji 😀. Next…"), vec!["Emoji 😀.", "Next…"]);
    }
}
