//! Per-paragraph pass: tokens, capitalised runs, titles stripped, local
//! evidence and descriptor phrases. Offsets are relative to the paragraph.

use super::lexicon::{AMBIGUOUS, FEMALE, Lex, MALE, lex, with_lower};
use super::{Cand, Gender, ParaPeople, ev};
use crate::analysis::blocks::BlockKind;
use crate::analysis::text::{Span, is_apostrophe};

#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Tok {
    pub s: usize,
    pub e: usize,
    pub word: bool,
    /// First character uppercase.
    pub cap: bool,
    /// Two or more letters, all uppercase (acronym).
    pub upper: bool,
    /// A single capital letter, with or without a period ("J.", "W").
    pub initial: bool,
    /// Followed by a possessive `'s` / `’s` (or a bare `'` after s).
    pub poss: bool,
    /// First word of a sentence (or of a quotation or after a colon).
    pub sent: bool,
    pub digit: bool,
    /// Whitespace before this token contains a line break.
    pub nl_before: bool,
    pub ch: char,
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

pub(crate) fn tokenize(text: &str, sentences: &[Span]) -> Vec<Tok> {
    let mut toks: Vec<Tok> = Vec::with_capacity(text.len() / 5 + 4);
    let len = text.len();
    let mut i = 0;
    let mut nl = false;
    while i < len {
        let Some(c) = char_at(text, i) else { break };
        let cl = c.len_utf8();
        if c.is_whitespace() {
            if c == '\n' || c == '\r' {
                nl = true;
            }
            i += cl;
            continue;
        }
        if c.is_alphanumeric() {
            let s = i;
            let mut j = i + cl;
            let mut poss = false;
            while j < len {
                let Some(d) = char_at(text, j) else { break };
                let dl = d.len_utf8();
                if d.is_alphanumeric() || is_mark(d) {
                    j += dl;
                    continue;
                }
                if is_hyphen(d) {
                    if char_at(text, j + dl).is_some_and(|n| n.is_alphanumeric()) {
                        j += dl;
                        continue;
                    }
                    break;
                }
                if is_apostrophe(d) {
                    let n1 = char_at(text, j + dl);
                    if let Some(n1) = n1 {
                        if (n1 == 's' || n1 == 'S')
                            && !char_at(text, j + dl + 1).is_some_and(|n| n.is_alphanumeric())
                        {
                            break;
                        }
                        if n1.is_alphanumeric() {
                            j += dl;
                            continue;
                        }
                    }
                }
                break;
            }
            let mut e = j;
            let w = &text[s..j];
            let mut chars = w.chars();
            let c0 = chars.next().unwrap_or(' ');
            let single = chars.next().is_none();
            let cap = c0.is_uppercase();
            let letters = w.chars().filter(|c| c.is_alphabetic()).count();
            let upper = letters >= 2 && w.chars().all(|c| !c.is_lowercase());
            let initial = single && cap;
            let mut next = j;
            if initial && text.as_bytes().get(j) == Some(&b'.') {
                e = j + 1;
                next = e;
            }
            // possessive
            if let Some(d) = char_at(text, next)
                && is_apostrophe(d)
            {
                let dl = d.len_utf8();
                match char_at(text, next + dl) {
                    Some('s') | Some('S')
                        if !char_at(text, next + dl + 1).is_some_and(|n| n.is_alphanumeric()) =>
                    {
                        poss = true;
                        next += dl + 1;
                    }
                    n if (w.ends_with('s') || w.ends_with('z'))
                        && !n.is_some_and(|n| n.is_alphanumeric()) =>
                    {
                        poss = true;
                        next += dl;
                    }
                    _ => {}
                }
            }
            toks.push(Tok {
                s,
                e,
                word: true,
                cap,
                upper,
                initial,
                poss,
                sent: false,
                digit: c0.is_numeric(),
                nl_before: nl,
                ch: c0,
            });
            nl = false;
            i = next;
            continue;
        }
        toks.push(Tok {
            s: i,
            e: i + cl,
            word: false,
            nl_before: nl,
            ch: c,
            ..Tok::default()
        });
        nl = false;
        i += cl;
    }
    // sentence starts
    let mut k = 0;
    for sp in sentences {
        while k < toks.len() && toks[k].s < sp.start {
            k += 1;
        }
        if let Some(t) = toks[k..].iter_mut().take(4).find(|t| t.word) {
            t.sent = true;
        }
    }
    if sentences.is_empty()
        && let Some(t) = toks.iter_mut().find(|t| t.word)
    {
        t.sent = true;
    }
    // after an opening quote or a colon, a capital says nothing
    for k in 1..toks.len() {
        if toks[k].word && !toks[k - 1].word {
            let c = toks[k - 1].ch;
            if matches!(c, '“' | '‘' | '«' | '„' | ':' | '(' | '[' | '—' | '–')
                || ((c == '"' || c == '\'')
                    && (k < 2 || !toks[k - 2].word || toks[k - 2].e < toks[k - 1].s))
            {
                toks[k].sent = true;
            }
        }
    }
    toks
}

const PARTICLES: &[&str] = &[
    "de", "da", "di", "del", "della", "dos", "das", "du", "van", "von", "der", "den", "ter", "ten",
    "la", "le", "bin", "ibn", "al", "el", "y", "af", "zu", "bint", "abu", "ben", "dei", "do",
];

fn is_particle(w: &str) -> bool {
    PARTICLES.contains(&w)
}

/// "al-Assad", "el-Sisi": a lowercase particle joined to a capitalised name.
fn is_prefixed_name(w: &str) -> bool {
    if let Some((p, rest)) = w.split_once(['-', '‐', '‑']) {
        is_particle(p) && rest.chars().next().is_some_and(|c| c.is_uppercase())
    } else {
        false
    }
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

fn classify(lx: &Lex, w: &str, t: &Tok) -> Cls {
    if t.initial {
        return Cls::Init;
    }
    if w.starts_with(|c: char| c.is_lowercase()) {
        return if is_prefixed_name(w) {
            Cls::N
        } else {
            Cls::Part
        };
    }
    if lx.title(w).is_some() {
        return Cls::T;
    }
    if lx.is_stop(w) {
        return Cls::S;
    }
    if lx.is_role(w) {
        return Cls::R;
    }
    if lx.is_org(w) {
        return Cls::Org;
    }
    if lx.is_place(w) {
        return Cls::Place;
    }
    Cls::N
}

fn is_name_tok(t: &Tok, w: &str) -> bool {
    t.word && !t.digit && (t.cap && (!t.upper || w.chars().count() <= 1) || is_prefixed_name(w))
}

const DESC_OK_STOP: &[&str] = &[
    "former", "first", "last", "then", "late", "new", "top", "acting", "current", "second",
];

const DET_START: &[&str] = &[
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

pub fn scan(text: &str, kind: BlockKind, sentences: &[Span]) -> ParaPeople {
    let lx = lex();
    let toks = tokenize(text, sentences);
    let w = |k: usize| &text[toks[k].s..toks[k].e];
    let wt = |k: usize| {
        let t = &toks[k];
        &text[t.s..t.e]
    };
    let heading = matches!(kind, BlockKind::Title | BlockKind::Heading);
    // headline-style capitals make capitalisation meaningless
    let headcaps = heading && {
        let (mut caps, mut n) = (0, 0);
        for (k, t) in toks.iter().enumerate() {
            if t.word && !t.digit && w(k).len() > 3 {
                n += 1;
                if t.cap {
                    caps += 1;
                }
            }
        }
        n >= 3 && caps * 10 >= n * 7
    };
    let mut out = ParaPeople::default();
    let mut k = 0;
    let n = toks.len();
    while k < n {
        let t = &toks[k];
        if !(t.word && is_name_tok(t, wt(k))) {
            k += 1;
            continue;
        }
        // maximal run
        let a = k;
        let mut b = k + 1;
        if !t.poss {
            while b < n {
                let u = &toks[b];
                if u.nl_before || !u.word {
                    break;
                }
                let uw = wt(b);
                let ok = is_name_tok(u, uw)
                    || (is_particle(uw)
                        && b + 1 < n
                        && toks[b + 1].word
                        && !toks[b + 1].nl_before
                        && is_name_tok(&toks[b + 1], wt(b + 1)))
                    || (is_roman(uw) && u.upper);
                if !ok {
                    break;
                }
                b += 1;
                if u.poss {
                    break;
                }
            }
        }
        k = b;
        let cls: Vec<Cls> = (a..b).map(|i| classify(lx, wt(i), &toks[i])).collect();
        // split into name parts at S / T / R words
        let mut start = 0usize;
        let mut parts: Vec<(usize, usize)> = Vec::new();
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
        // "John Major": a final title word after a first name is a surname
        if let (Some(&last), Some(&(ps, pe))) = (cls.last(), parts.last())
            && last == Cls::T
            && pe + 1 == cls.len()
            && pe > ps
            && lx
                .first_flags(wt(a + ps))
                .is_some_and(|f| f & AMBIGUOUS == 0)
        {
            parts.last_mut().unwrap().1 = cls.len();
        }
        let n_parts = parts.len();
        for (pi, &(ps, mut pe)) in parts.iter().enumerate() {
            // drop leading particles and trailing particles
            let mut ps = ps;
            while ps < pe && cls[ps] == Cls::Part {
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
                words: (ts..te)
                    .map(|i| {
                        toks[i].s..toks[i].e - usize::from(toks[i].initial && w(i).ends_with('.'))
                    })
                    .collect(),
                ..Cand::default()
            };
            let pcls = &cls[ps..pe];
            let mut f = 0u32;
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
                let two = pe - ps == 2
                    && i == 1
                    && lx.is_last(wt(te - 1))
                    && lx.first_flags(wt(ts)).is_some_and(|f| f & AMBIGUOUS == 0);
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
                        if let Some(g) = lx.title(wt(ts - 1)) {
                            c.gender = gender_of(g);
                        }
                        if with_lower(wt(ts - 1), |l| l == "lord" || l == "lady") && nw == 1 {
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
                if p.word && !p.cap && !p.nl_before {
                    let pw = wt(ts - 1);
                    if lx.is_role(pw) || lx.title(pw).is_some() {
                        f |= ev::ROLE;
                    } else if with_lower(pw, |l| l == "named" || l == "called" || l == "nicknamed")
                    {
                        f |= ev::NAMED;
                    } else if lx.is_speech(pw) && (te >= n || !toks[te].word) {
                        f |= ev::SPEECH;
                    }
                }
            }
            // sentence start: the first name word opens the sentence
            if toks[ts].sent {
                f |= ev::SENT;
            }
            // first name / surname lists
            let fi = (ts..te).find(|&i| !toks[i].initial && cls[i - a] != Cls::Part);
            if let Some(fi) = fi {
                if let Some(fl) = lx.first_flags(wt(fi)) {
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
            if lx.is_last(lw)
                || lw
                    .split(['-', '‐', '‑'])
                    .any(|p| p.len() > 2 && lx.is_last(p))
            {
                f |= ev::LAST;
            }
            if toks[te - 1].poss {
                f |= ev::POSS;
            }
            // right context
            let mut r = te;
            if pe == cls.len() && !toks[te - 1].poss && r < n {
                let rt = &toks[r];
                if rt.word && !rt.cap && lx.is_speech(wt(r)) {
                    f |= ev::SPEECH;
                } else if rt.word && lx.is_org(wt(r)) && !rt.cap {
                    // "the Smith family"? lowercase heads are fine ("the James Cagney film")
                } else if !rt.word && rt.ch == ',' {
                    // ", 42," age
                    r += 1;
                    if r + 1 < n
                        && toks[r].digit
                        && w(r).len() <= 3
                        && w(r).parse::<u32>().is_ok_and(|v| (1..=120).contains(&v))
                        && !toks[r + 1].word
                        && matches!(toks[r + 1].ch, ',' | '.' | ')' | ';')
                    {
                        f |= ev::AGE;
                        r += 2;
                    }
                    if let Some((span, who)) = appositive(lx, text, &toks, r) {
                        if who {
                            f |= ev::WHO;
                        } else if let Some(sp) = span {
                            f |= ev::APPOS;
                            c.post = Some(sp);
                        }
                    }
                    if r < n && toks[r].word && lx.is_speech(wt(r)) && !toks[r].cap {
                        f |= ev::SPEECH;
                    }
                } else if rt.word && !rt.cap && with_lower(wt(r), |l| l == "of" || l == "from") {
                    if let Some(sp) = of_phrase(lx, text, &toks, r) {
                        c.post = Some(sp);
                    }
                } else if !rt.word && rt.ch == '(' {
                    // "(born ...)" / "(no relation)" say nothing here
                }
            }
            // coordination with the previous candidate: "Witkoff and Kushner"
            if let Some(prev) = out.cands.last()
                && ps == 0
                && ts >= 2
            {
                let between = &text[prev.span.end..toks[ts].s];
                let bt = between.trim();
                if prev.span.end <= toks[ts].s
                    && (bt == "and" || bt == "," || bt == "&" || bt == "or")
                {
                    f |= ev::COORD;
                }
            }
            // pre-name descriptor
            c.pre = pre_descriptor(lx, text, &toks, ts, a + ps.saturating_sub(0), &cls, a);
            // pronoun after the name (gender)
            if c.gender.is_none() && !heading {
                c.gender = pronoun_after(text, &toks, te);
            }
            c.ev = f;
            out.cands.push(c);
        }
    }
    out
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
        if !t.word {
            continue;
        }
        if t.cap && !t.sent {
            // another name comes first
            return None;
        }
        let g = with_lower(&text[t.s..t.e], |l| match l {
            "he" | "him" | "his" | "himself" => Some(Gender::Male),
            "she" | "her" | "hers" | "herself" => Some(Gender::Female),
            _ => None,
        });
        if g.is_some() {
            return g;
        }
    }
    None
}

/// The appositive phrase starting at token `k` (after a comma): returns
/// (span of the phrase, starts with "who").
fn appositive(lx: &Lex, text: &str, toks: &[Tok], k: usize) -> Option<(Option<Span>, bool)> {
    let t = toks.get(k)?;
    if !t.word {
        return None;
    }
    let fw = &text[t.s..t.e];
    if with_lower(fw, |l| l == "who" || l == "whose") {
        return Some((None, true));
    }
    let det = with_lower(fw, |l| DET_START.contains(&l));
    let starts_ok = det || lx.is_role(fw) || lx.title(fw).is_some() || t.cap;
    if !starts_ok {
        return None;
    }
    let mut end = k;
    let mut words = 0;
    let mut has_role = false;
    let mut j = k;
    while j < toks.len() {
        let u = &toks[j];
        if u.nl_before && j > k {
            break;
        }
        if !u.word {
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
        if with_lower(uw, |l| {
            matches!(l, "who" | "which" | "that" | "whose" | "said" | "says")
        }) {
            return if words > 0 && has_role {
                Some((Some(toks[k].s..toks[end].e), false))
            } else {
                None
            };
        }
        if lx.is_role(uw) || lx.title(uw).is_some() {
            has_role = true;
        }
        if j > k && lx.is_speech(uw) {
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
    if !det && t.cap && !(lx.is_role(fw) || lx.title(fw).is_some()) {
        // "Trump's Special Envoy": possessive name start
        if !t.poss {
            return None;
        }
    }
    Some((Some(toks[k].s..toks[end].e), false))
}

/// "of the University of Essex", "from Vermont".
fn of_phrase(lx: &Lex, text: &str, toks: &[Tok], k: usize) -> Option<Span> {
    let mut j = k + 1;
    if j < toks.len() && toks[j].word && with_lower(&text[toks[j].s..toks[j].e], |l| l == "the") {
        j += 1;
    }
    let first = toks.get(j)?;
    if !(first.word && first.cap) {
        return None;
    }
    let mut end = j;
    while j < toks.len() {
        let u = &toks[j];
        if !u.word || u.nl_before {
            break;
        }
        let uw = &text[u.s..u.e];
        if u.cap || u.upper {
            end = j;
            j += 1;
            if u.poss {
                break;
            }
            continue;
        }
        if with_lower(uw, |l| matches!(l, "of" | "the" | "and" | "for"))
            && toks
                .get(j + 1)
                .is_some_and(|n| n.word && (n.cap || with_lower(&text[n.s..n.e], |l| l == "the")))
        {
            j += 1;
            continue;
        }
        break;
    }
    let _ = lx;
    Some(toks[k].s..toks[end].e)
}

/// Title/role phrase right before the name (tokens `..ts`).
fn pre_descriptor(
    lx: &Lex,
    text: &str,
    toks: &[Tok],
    ts: usize,
    _ps_tok: usize,
    _cls: &[Cls],
    _a: usize,
) -> Option<Span> {
    if ts == 0 {
        return None;
    }
    let mut h = ts - 1;
    let t = &toks[h];
    if t.nl_before && h + 1 == ts && toks[ts].nl_before {
        return None;
    }
    // "the Turkish President, Recep Tayyip Erdoğan"
    let mut comma = false;
    if !t.word && t.ch == ',' && h > 0 {
        comma = true;
        h -= 1;
    }
    let ht = &toks[h];
    if !ht.word || toks[h + 1].nl_before {
        return None;
    }
    let hw = &text[ht.s..ht.e];
    let head_ok =
        lx.title(hw).is_some() || lx.is_role(hw) || (ht.upper && ht.e - ht.s <= 5 && !comma);
    if !head_ok || ht.poss {
        return None;
    }
    if with_lower(hw, |l| {
        matches!(l, "mr" | "mrs" | "ms" | "miss" | "mx" | "m")
    }) {
        return None;
    }
    let end = ht.e;
    let mut start = ht.s;
    let mut j = h;
    let mut n = 0;
    let mut saw_det = false;
    while j > 0 && n < 10 {
        let p = &toks[j - 1];
        if toks[j].nl_before {
            break;
        }
        if !p.word {
            // "Export–Import"
            if matches!(p.ch, '–' | '-')
                && j >= 2
                && toks[j - 2].word
                && toks[j - 2].cap
                && toks[j].cap
            {
                j -= 1;
                continue;
            }
            break;
        }
        let pw = &text[p.s..p.e];
        if p.poss {
            // "Niger's president": the possessor opens the phrase
            if p.cap {
                start = p.s;
            }
            break;
        }
        let lower = with_lower(pw, |l| l.to_string());
        let l = lower.as_str();
        if l == "the" {
            saw_det = true;
            break;
        }
        if matches!(l, "of") {
            // "Mayor of London": of between a title/role and a capitalised word
            if j >= 2 && toks[j].cap && {
                let q = &toks[j - 2];
                let qw = &text[q.s..q.e];
                q.word && (lx.title(qw).is_some() || lx.is_role(qw))
            } {
                j -= 1;
                n += 1;
                continue;
            }
            break;
        }
        if l == "and" {
            if j >= 2 && !toks[j].cap && toks[j - 2].word && !toks[j - 2].cap {
                j -= 1;
                n += 1;
                continue;
            }
            break;
        }
        if p.cap || p.upper {
            if lx.is_stop(pw) && !DESC_OK_STOP.contains(&l) {
                break;
            }
            if lx.is_speech(pw) || lx.is_verb(pw) {
                break;
            }
            start = p.s;
            j -= 1;
            n += 1;
            continue;
        }
        if p.digit {
            break;
        }
        if lx.is_verb(l) || lx.is_speech(l) || (lx.is_stop(l) && !DESC_OK_STOP.contains(&l)) {
            break;
        }
        if l.ends_with("ly") && !matches!(l, "formerly") {
            break;
        }
        start = p.s;
        j -= 1;
        n += 1;
    }
    if comma && !saw_det {
        return None;
    }
    let s = if comma && saw_det && j > 0 {
        toks[j - 1].s
    } else {
        start
    };
    Some(s..end)
}
