//! Document pass: accept candidates with document-level evidence, link
//! mentions into people, pick canonical names, gather descriptors.

use super::lexicon::{AMBIGUOUS, FEMALE, FxMap, MALE, fold_into, lex};
use super::{Cand, Descriptor, Gender, Mention, Person, ev};
use crate::analysis::paragraph::View;
use crate::analysis::text::Span;
use crate::settings::Settings;

struct C<'a> {
    para: usize,
    off: usize,
    /// A copy of `cand.ev` (hot loops stay in this vector).
    ev: u32,
    cand: &'a Cand,
    /// Folded words, interned.
    words: &'a [u32],
}

/// Folded-word interner: equal words get equal ids.
#[derive(Default)]
struct Interner<'t> {
    ids: FxMap<Box<str>, u32>,
    strs: Vec<Box<str>>,
    buf: String,
    /// Ids of words as written (names repeat: most words are found here
    /// without folding them again).
    raw: FxMap<&'t str, u32>,
}

impl<'t> Interner<'t> {
    fn id(&mut self, w: &'t str) -> u32 {
        if let Some(&i) = self.raw.get(w) {
            return i;
        }
        self.buf.clear();
        fold_into(w, &mut self.buf);
        let i = self.id_folded();
        self.raw.insert(w, i);
        i
    }
    /// The id of the part after the first '-' of word `i`, when the part
    /// before it is an Arabic article ("al-Assad" → "Assad").
    fn al_rest(&mut self, i: u32) -> Option<u32> {
        let (p, rest) = self.strs[i as usize].split_once('-')?;
        if !al_prefix(p) {
            return None;
        }
        self.buf.clear();
        self.buf.push_str(rest);
        Some(self.id_folded())
    }
    fn id_folded(&mut self) -> u32 {
        if let Some(&i) = self.ids.get(self.buf.as_str()) {
            return i;
        }
        let i = self.strs.len() as u32;
        let b: Box<str> = self.buf.as_str().into();
        self.ids.insert(b.clone(), i);
        self.strs.push(b);
        i
    }
    fn s(&self, i: u32) -> &str {
        &self.strs[i as usize]
    }
}

/// A name form as a fixed-size key (up to 5 words).
type Key = [u32; 5];

fn key(words: &[u32]) -> Key {
    // (element by element: a call to memcpy costs more for five words)
    let mut k = [u32::MAX; 5];
    for (i, d) in k.iter_mut().enumerate() {
        if let Some(&w) = words.get(i) {
            *d = w;
        }
    }
    k
}

/// Name forms with their flags, and which words start a form (a word that
/// starts none needs no lookup).
#[derive(Default)]
struct Forms {
    map: FxMap<Key, u8>,
    starts: Vec<bool>,
}

impl Forms {
    fn add(&mut self, words: &[u32], flag: u8) {
        *self.map.entry(key(words)).or_default() |= flag;
        let w = words[0] as usize;
        if w >= self.starts.len() {
            self.starts.resize(w + 1, false);
        }
        self.starts[w] = true;
    }
    fn get(&self, words: &[u32]) -> Option<u8> {
        if !self.may_start(words[0]) {
            return None;
        }
        self.map.get(&key(words)).copied()
    }
    fn may_start(&self, w: u32) -> bool {
        self.starts.get(w as usize).copied().unwrap_or(false)
    }
}

impl C<'_> {
    fn has(&self, f: u32) -> bool {
        self.ev & f != 0
    }
    fn abs(&self, s: &Span) -> Span {
        self.off + s.start..self.off + s.end
    }
}

fn sure(c: &C) -> bool {
    let h = |f| c.has(f);
    if h(ev::ORG) || h(ev::PLACE) || h(ev::HEADCAPS) || h(ev::WEAK) {
        return false;
    }
    let multi = h(ev::MULTI);
    if h(ev::DET) {
        // "the Kremlin", "the Sea Org"; but "the James Cagney film"
        return multi && h(ev::FIRST) && !h(ev::HAS_PLACE);
    }
    h(ev::TITLE)
        || (h(ev::ROLE) && (multi || h(ev::FIRST) || h(ev::LAST)))
        || (multi && h(ev::FIRST))
        || (multi
            && h(ev::FIRST_AMB)
            && (h(ev::LAST) || h(ev::SPEECH) || h(ev::AGE) || h(ev::APPOS) || h(ev::WHO)))
        || (h(ev::NAMED) && c.words.len() <= 3)
        || (h(ev::AGE) && (multi || h(ev::LAST)))
        || (h(ev::APPOS) && !h(ev::HAS_PLACE))
        || (h(ev::SYLLABIC) && !h(ev::HAS_PLACE))
}

fn relaxed(cs: &[C], acc: &[bool], i: usize) -> bool {
    let c = &cs[i];
    let h = |f| c.has(f);
    if h(ev::ORG) || h(ev::PLACE) || h(ev::HEADCAPS) || h(ev::DET) || h(ev::WEAK) {
        return false;
    }
    if h(ev::PREP) && !h(ev::MULTI) {
        return false;
    }
    let multi = h(ev::MULTI);
    let known = h(ev::LAST) || h(ev::FIRST) || h(ev::FIRST_AMB);
    if h(ev::SPEECH) && (multi || known) {
        return true;
    }
    if h(ev::WHO) && (multi || known) && !h(ev::HAS_PLACE) {
        return true;
    }
    // "Tom Molomby": a first name that is also a word, mid-sentence
    if multi && h(ev::FIRST_AMB) && !h(ev::SENT) && !h(ev::HAS_PLACE) && !h(ev::HEADING) {
        return true;
    }
    // coordination with an accepted person: "Witkoff and Kushner"
    let coord_prev = h(ev::COORD) && i > 0 && acc[i - 1] && cs[i - 1].para == c.para;
    let coord_next =
        i + 1 < cs.len() && cs[i + 1].has(ev::COORD) && acc[i + 1] && cs[i + 1].para == c.para;
    if (coord_prev || coord_next) && !h(ev::HAS_PLACE) && (known || multi || !h(ev::SENT)) {
        return true;
    }
    false
}

const FULL: u8 = 1;
const SURNAME: u8 = 2;
const FIRSTN: u8 = 4;

fn is_roman(w: &str) -> bool {
    matches!(w, "ii" | "iii" | "iv" | "vi" | "vii" | "viii")
}

fn is_init(w: &str) -> bool {
    w.chars().count() == 1
}

fn al_prefix(p: &str) -> bool {
    matches!(
        p,
        "al" | "el" | "ad" | "as" | "ash" | "an" | "ar" | "at" | "az"
    )
}

const PARTICLE_SURNAME: &[&str] = &[
    "de", "di", "da", "le", "la", "van", "von", "der", "den", "al", "el", "du", "del", "dos",
    "ben", "bin", "ter", "ten", "della", "das", "dei",
];

fn add_forms(forms: &mut Forms, words: &[u32], it: &mut Interner) {
    if words.is_empty() {
        return;
    }
    forms.add(words, FULL);
    if words.len() >= 2 {
        let last = words[words.len() - 1];
        let ls = it.s(last);
        if !is_roman(ls) && !is_init(ls) {
            forms.add(&[last], SURNAME);
            // "al-Assad" -> "Assad"
            if let Some(r) = it.al_rest(last) {
                forms.add(&[r], SURNAME);
            }
            // "Le Drian", "De Bruyne", "von der Leyen", "da Silva"
            if words.len() >= 3 {
                let mut k = words.len() - 1;
                while k > 1 && PARTICLE_SURNAME.contains(&it.s(words[k - 1])) {
                    k -= 1;
                }
                if k < words.len() - 1 {
                    forms.add(&words[k..], SURNAME);
                }
            }
        }
        let first = words[0];
        if !is_init(it.s(first)) {
            forms.add(&[first], FIRSTN);
        }
    }
}

#[derive(Debug, Clone)]
struct Men<'a> {
    span: Span,
    words: &'a [u32],
    ci: usize,
    whole: bool,
    born: bool,
}

/// Accept sub-sequences of non-accepted candidates that match known forms.
fn match_pass<'a>(
    text: &str,
    cs: &[C<'a>],
    acc: &mut [bool],
    subs: &mut Vec<Men<'a>>,
    done: &mut [bool],
    forms: &Forms,
) {
    let lx = lex();
    let mut found: Vec<(usize, usize)> = Vec::new();
    for (i, c) in cs.iter().enumerate() {
        if acc[i] || done[i] || c.has(ev::ORG) {
            continue;
        }
        let n = c.words.len();
        found.clear();
        let mut a = 0;
        while a < n {
            if !forms.may_start(c.words[a]) {
                a += 1;
                continue;
            }
            let mut hit = None;
            for b in (a + 1..=n.min(a + 5)).rev() {
                let Some(k) = forms.get(&c.words[a..b]) else {
                    continue;
                };
                let ok = if b - a >= 2 {
                    k & (FULL | SURNAME) != 0
                } else {
                    let wtext = &text[c.abs(&c.cand.words.get(a))];
                    let sent_stop = a == 0 && c.has(ev::SENT) && lx.is_stop(wtext);
                    !sent_stop
                        && wtext.chars().count() > 1
                        && (k & (FULL | SURNAME) != 0 || (k & FIRSTN != 0 && n == 1))
                };
                if ok {
                    hit = Some(b);
                    break;
                }
            }
            match hit {
                Some(b) => {
                    found.push((a, b));
                    a = b;
                }
                None => a += 1,
            }
        }
        // "Baggio Leung" after "Leung ..." was accepted: plain words before a
        // known surname make a new full name
        let completes = found.len() == 1
            && found[0] == (n - 1, n)
            && (2..=3).contains(&n)
            && c.cand.plain.count_ones() as usize >= n - 1
            && (0..n - 1).all(|k| c.cand.plain & (1 << k) != 0)
            && !c.has(ev::HEADCAPS | ev::HAS_PLACE | ev::DET | ev::SENT);
        if (found.len() == 1 && found[0] == (0, n)) || completes {
            acc[i] = true;
        } else if !found.is_empty() {
            done[i] = true;
            for &(a, b) in &found {
                let sp = c.abs(&c.cand.words.get(a)).start..c.abs(&c.cand.words.get(b - 1)).end;
                subs.push(Men {
                    span: sp,
                    words: &c.words[a..b],
                    ci: i,
                    whole: false,
                    born: false,
                });
            }
        }
    }
}

struct P {
    words: Vec<u32>,
    mentions: Vec<usize>,
    /// Starts and paragraphs of multi-word mentions, in text order.
    full: Vec<(usize, usize)>,
    first: usize,
}

pub fn link(text: &str, paras: &[View], _settings: &Settings) -> Vec<Person> {
    let lx = lex();
    let mut it = Interner::default();
    // all candidates' word ids in one buffer
    let mut store: Vec<u32> = Vec::new();
    let mut ranges: Vec<(usize, usize, &Cand, usize, usize)> = Vec::new();
    for (pi, v) in paras.iter().enumerate() {
        for c in &v.result.people.cands {
            if v.offset + c.span.end > text.len() {
                continue;
            }
            if c.ev & ev::ORG != 0 {
                continue;
            }
            let w0 = store.len();
            for w in c.words.iter() {
                store.push(it.id(&text[v.offset + w.start..v.offset + w.end]));
            }
            ranges.push((pi, v.offset, c, w0, store.len()));
        }
    }
    let cs: Vec<C> = ranges
        .iter()
        .map(|&(para, off, cand, w0, w1)| C {
            para,
            off,
            ev: cand.ev,
            cand,
            words: &store[w0..w1],
        })
        .collect();
    let n = cs.len();
    let mut acc: Vec<bool> = cs.iter().map(sure).collect();
    let mut done = vec![false; n];
    let mut subs: Vec<Men> = Vec::new();
    // the forms of the accepted names and of the sub-mentions found
    let mut forms = Forms::default();
    for (i, c) in cs.iter().enumerate() {
        if acc[i] {
            add_forms(&mut forms, c.words, &mut it);
        }
    }
    let acc0 = acc.clone();
    match_pass(text, &cs, &mut acc, &mut subs, &mut done, &forms);
    // relaxed rules, twice (coordination chains)
    for _ in 0..2 {
        for i in 0..n {
            if !acc[i] && !done[i] && relaxed(&cs, &acc, i) {
                acc[i] = true;
            }
        }
    }
    // forms only gain flags: adding those of the names accepted and the
    // sub-mentions found since gives the forms of all of them
    for (i, c) in cs.iter().enumerate() {
        if acc[i] && !acc0[i] {
            add_forms(&mut forms, c.words, &mut it);
        }
    }
    for m in &subs {
        add_forms(&mut forms, m.words, &mut it);
    }
    match_pass(text, &cs, &mut acc, &mut subs, &mut done, &forms);

    // ---- mentions
    let mut ms: Vec<Men> = Vec::new();
    for (i, c) in cs.iter().enumerate() {
        if acc[i] {
            ms.push(Men {
                span: c.abs(&c.cand.span),
                words: c.words,
                ci: i,
                whole: true,
                born: false,
            });
        }
    }
    ms.extend(subs);
    ms.sort_by_key(|m| (m.span.start, m.span.end));
    ms.dedup_by(|b, a| b.span.start < a.span.end);
    for m in &mut ms {
        let before = text[..m.span.start].trim_end();
        let before = before.trim_end_matches(['(', ',']).trim_end();
        m.born = before.ends_with("born") || before.ends_with("née") || before.ends_with("nee");
    }

    // ---- linking
    let mut ps: Vec<P> = Vec::new();
    let mut owner: Vec<usize> = vec![usize::MAX; ms.len()];
    // people with a multi-word name, by surname and by any word of the name
    let mut by_last: FxMap<u32, Vec<usize>> = FxMap::default();
    // full names first
    for mi in 0..ms.len() {
        let m = &ms[mi];
        if m.words.len() < 2 {
            continue;
        }
        let last = m.words[m.words.len() - 1];
        let target = if m.born {
            // "Doris Day (born Doris Mary Ann Kappelhoff)"
            (0..mi)
                .rev()
                .take(4)
                .find(|&j| {
                    owner[j] != usize::MAX && m.span.start.saturating_sub(ms[j].span.end) < 80
                })
                .map(|j| owner[j])
        } else {
            by_last.get(&last).and_then(|v| {
                v.iter()
                    .copied()
                    .filter(|&pi| compatible(&ps[pi].words, m.words))
                    .max_by_key(|&pi| ps[pi].full.last().map(|f| f.0))
            })
        };
        let para = cs[m.ci].para;
        match target {
            Some(pi) => {
                let p = &mut ps[pi];
                if !m.born && m.words.len() > p.words.len() {
                    p.words = m.words.to_vec();
                }
                p.mentions.push(mi);
                p.full.push((m.span.start, para));
                owner[mi] = pi;
                if !m.born {
                    let v = by_last.entry(last).or_default();
                    if !v.contains(&pi) {
                        v.push(pi);
                    }
                }
            }
            None => {
                ps.push(P {
                    words: m.words.to_vec(),
                    mentions: vec![mi],
                    full: vec![(m.span.start, para)],
                    first: m.span.start,
                });
                owner[mi] = ps.len() - 1;
                by_last.entry(last).or_default().push(ps.len() - 1);
            }
        }
    }
    let mut by_word: FxMap<u32, Vec<usize>> = FxMap::default();
    for (pi, p) in ps.iter().enumerate() {
        // "al-Assad" is found as "Assad"
        let al = p.words.last().and_then(|&l| it.al_rest(l));
        for &w in p.words.iter().chain(al.as_ref()) {
            let v = by_word.entry(w).or_default();
            if !v.contains(&pi) {
                v.push(pi);
            }
        }
    }
    let mut singles: FxMap<u32, usize> = FxMap::default();
    let mut cands: Vec<usize> = Vec::new();
    // single words
    for mi in 0..ms.len() {
        if owner[mi] != usize::MAX {
            continue;
        }
        let m = &ms[mi];
        let w = m.words.first().copied().unwrap_or(u32::MAX);
        cands.clear();
        if let Some(v) = by_word.get(&w) {
            for rank in 0..3u8 {
                cands.extend(
                    v.iter()
                        .copied()
                        .filter(|&pi| word_rank(&ps[pi].words, w, &it) == Some(rank)),
                );
                if !cands.is_empty() {
                    break;
                }
            }
        }
        let best = if cands.len() == 1 {
            Some(cands[0])
        } else if cands.len() > 1 {
            let para = cs[m.ci].para;
            // same paragraph, nearest preceding full mention
            let near = cands
                .iter()
                .filter_map(|&pi| {
                    let f = &ps[pi].full;
                    let k = f.partition_point(|x| x.0 < m.span.start);
                    (k > 0 && f[k - 1].1 == para).then(|| (pi, f[k - 1].0))
                })
                .max_by_key(|&(_, s)| s);
            match near {
                Some((pi, _)) => Some(pi),
                None => cands
                    .iter()
                    .map(|&pi| (pi, ps[pi].full.len(), ps[pi].first))
                    .max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)))
                    .map(|(pi, _, _)| pi),
            }
        } else {
            None
        };
        let pi = match best {
            Some(pi) => pi,
            None => *singles.entry(w).or_insert_with(|| {
                ps.push(P {
                    words: vec![w],
                    mentions: Vec::new(),
                    full: Vec::new(),
                    first: m.span.start,
                });
                ps.len() - 1
            }),
        };
        ps[pi].mentions.push(mi);
        owner[mi] = pi;
    }

    // ---- people
    let mut out: Vec<(usize, Person)> = Vec::with_capacity(ps.len());
    for p in &mut ps {
        p.mentions.sort_by_key(|&x| ms[x].span.start);
        let first = ms[p.mentions[0]].span.start;
        // canonical: most words, then earliest (birth names excluded)
        let canon = p
            .mentions
            .iter()
            .filter(|&&x| !ms[x].born)
            .max_by(|&&a, &&b| {
                ms[a]
                    .words
                    .len()
                    .cmp(&ms[b].words.len())
                    .then(ms[b].span.start.cmp(&ms[a].span.start))
            })
            .or(p.mentions.first())
            .copied()
            .unwrap_or(0);
        let name = clean(&text[ms[canon].span.clone()]);
        let mut forms: Vec<String> = Vec::new();
        let mut descs: Vec<Descriptor> = Vec::new();
        let mut seen: Vec<String> = Vec::new();
        let mut key = String::new();
        let (mut male, mut female) = (0i32, 0i32);
        for &x in &p.mentions {
            let m = &ms[x];
            let f = clean_cow(&text[m.span.clone()]);
            if !forms.iter().any(|x| *x == *f) {
                forms.push(f.into_owned());
            }
            let c = &cs[m.ci];
            if m.whole {
                for sp in [&c.cand.pre, &c.cand.post].into_iter().flatten() {
                    let sp = c.abs(sp);
                    if sp.end > text.len() || sp.start >= sp.end {
                        continue;
                    }
                    let t = text[sp.clone()].trim_end_matches([',', ' ']);
                    key.clear();
                    fold_into(t, &mut key);
                    if key.is_empty() || seen.contains(&key) {
                        continue;
                    }
                    seen.push(key.clone());
                    descs.push(Descriptor {
                        text: t.to_string(),
                        span: sp.start..sp.start + t.len(),
                    });
                }
                match c.cand.gender {
                    Some(Gender::Male) => male += 2,
                    Some(Gender::Female) => female += 2,
                    None => {}
                }
            }
        }
        if male == female
            && p.words.len() >= 2
            && let Some(fl) = lx.first_flags(it.s(p.words[0]))
            && fl & AMBIGUOUS == 0
        {
            if fl & MALE != 0 && fl & FEMALE == 0 {
                male += 1;
            } else if fl & FEMALE != 0 && fl & MALE == 0 {
                female += 1;
            }
        }
        if forms.first() != Some(&name) {
            forms.retain(|f| f != &name);
            forms.insert(0, name.clone());
        }
        descs.sort_by_key(|d| d.span.start);
        let gender = match male.cmp(&female) {
            std::cmp::Ordering::Greater => Some(Gender::Male),
            std::cmp::Ordering::Less => Some(Gender::Female),
            _ => None,
        };
        let mentions = p
            .mentions
            .iter()
            .map(|&x| Mention {
                span: ms[x].span.clone(),
            })
            .collect();
        out.push((
            first,
            Person {
                name,
                gender,
                descriptors: descs,
                mentions,
                forms,
            },
        ));
    }
    out.sort_by_key(|(f, _)| *f);
    out.into_iter().map(|(_, p)| p).collect()
}

fn clean(s: &str) -> String {
    clean_cow(s).into_owned()
}

/// `s` with whitespace runs made single spaces and the ends trimmed;
/// borrowed when it already is (a name on one line, the usual case).
fn clean_cow(s: &str) -> std::borrow::Cow<'_, str> {
    // (ASCII only; `char::is_whitespace`, which also counts U+000B;
    // one pass: ASCII, no whitespace but single spaces inside)
    let b = s.as_bytes();
    let ws = |c: &u8| (*c as char).is_whitespace();
    let mut prev = 0u8;
    let tidy = b.first().is_none_or(|c| !ws(c))
        && b.last().is_none_or(|c| !ws(c))
        && b.iter().all(|&c| {
            let ok = c.is_ascii()
                && !(matches!(c, b'\t' | b'\n' | 0x0B | 0x0C | b'\r') || c == b' ' && prev == b' ');
            prev = c;
            ok
        });
    if tidy {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(s.split_whitespace().collect::<Vec<_>>().join(" "))
    }
}

/// Can a multi-word mention `m` name the person known as `p`?
fn compatible(p: &[u32], m: &[u32]) -> bool {
    if p[p.len() - 1] != m[m.len() - 1] {
        return false;
    }
    if p[0] == m[0] {
        return true;
    }
    let sub = |a: &[u32], b: &[u32]| a.iter().all(|w| b.contains(w));
    sub(m, p) || sub(p, m)
}

/// How a single word relates to a full name: 0 surname, 1 first name,
/// 2 another word of it.
fn word_rank(p: &[u32], w: u32, it: &Interner) -> Option<u8> {
    let last = p[p.len() - 1];
    let ls = it.s(last);
    if last == w
        || ls
            .split_once('-')
            .is_some_and(|(a, r)| al_prefix(a) && r == it.s(w))
    {
        return Some(0);
    }
    if p.len() >= 3 && is_roman(ls) && p[p.len() - 2] == w {
        return Some(0);
    }
    if p[0] == w {
        return Some(1);
    }
    if p.contains(&w) {
        return Some(2);
    }
    None
}
