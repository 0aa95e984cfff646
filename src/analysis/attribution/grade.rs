//! Source phrases: finding the noun phrase before or after a cue, its name
//! part, and how identifiable it is.

use super::lexicon::c;
use super::tokens::{K, QRole, Tok};
use super::{Grade, Pron, SourceCand};

/// A noun phrase: tokens `a..=b`; `stop` is the token that ended the scan
/// (before `a` for a backward scan, after `b` for a forward one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Np {
    pub a: usize,
    pub b: usize,
    pub stop: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cls {
    Yes,
    /// Unknown lowercase word (adjective or noun).
    Lower,
    Prep,
    Conj,
    Stop,
}

/// Prepositions that may sit inside a source phrase.
fn np_prep(w: &str) -> bool {
    [
        "of", "for", "at", "from", "in", "on", "by", "with", "within", "across",
    ]
    .iter()
    .any(|p| w.eq_ignore_ascii_case(p))
}

pub struct Ctx<'a> {
    pub text: &'a str,
    pub toks: &'a [Tok],
    /// Name candidate spans from the people scan (sorted by start).
    pub names: Vec<(usize, usize)>,
}

impl<'a> Ctx<'a> {
    pub fn new(text: &'a str, toks: &'a [Tok]) -> Self {
        Ctx {
            text,
            toks,
            names: Vec::new(),
        }
    }

    /// Token `k` lies inside a name candidate of the people scan.
    pub fn in_name_cand(&self, k: usize) -> bool {
        let t = &self.toks[k];
        let i = self.names.partition_point(|&(_, e)| e <= t.s);
        self.names.get(i).is_some_and(|&(s, _)| s <= t.s)
    }

    /// A sentence-initial capitalised plural of a common noun for people
    /// ("Meteorologists", "Campaigners"), unless the people scan found a name
    /// there ("Sanders said").
    pub fn initial_plural_noun(&self, k: usize, sent_start: usize) -> bool {
        if k != sent_start {
            return false;
        }
        let t = &self.toks[k];
        if t.k != K::Word || !t.cap || t.allcaps || self.in_name_cand(k) {
            return false;
        }
        // (ASCII case-insensitive suffix, without a lowercase copy)
        let w = self.s(k).as_bytes();
        ["ists", "ers", "ians", "ants", "ents", "ors", "ives", "ics"]
            .iter()
            .any(|x| {
                w.len() >= x.len() && w[w.len() - x.len()..].eq_ignore_ascii_case(x.as_bytes())
            })
            && w.len() > 5
    }

    pub fn s(&self, k: usize) -> &'a str {
        let t = &self.toks[k];
        &self.text[t.s..t.e]
    }

    /// Lowercase comparison of token `k` with `w` (ASCII words).
    #[inline]
    pub fn is(&self, k: usize, w: &str) -> bool {
        // lengths first: most comparisons fail there, without slicing
        self.toks.get(k).is_some_and(|t| {
            t.k == K::Word
                && t.e - t.s == w.len()
                && self.text.as_bytes()[t.s..t.e].eq_ignore_ascii_case(w.as_bytes())
        })
    }

    /// Token `k` is a word of the word group `group` (see [`super::lexicon::kw`]): what
    /// `is_any` with the group's list answers, by a bit test.
    #[inline]
    pub fn kw(&self, k: usize, group: u64) -> bool {
        self.toks.get(k).is_some_and(|t| t.class & group != 0)
    }

    pub fn is_any(&self, k: usize, ws: &[&str]) -> bool {
        let Some(t) = self.toks.get(k) else {
            return false;
        };
        if t.k != K::Word {
            return false;
        }
        let b = &self.text.as_bytes()[t.s..t.e];
        ws.iter()
            .any(|w| w.len() == b.len() && b.eq_ignore_ascii_case(w.as_bytes()))
    }

    /// Span from the start of token `a` to the end of token `b`.
    pub fn span(&self, a: usize, b: usize) -> std::ops::Range<usize> {
        self.toks[a].s..self.toks[b].e
    }

    /// A word that can be part of a name ("Yuri", "Ushakov", "el-Sisi").
    pub fn name_word(&self, k: usize, sent_start: usize) -> bool {
        let t = &self.toks[k];
        if t.k != K::Word || t.quoted || !(t.cap || t.hy) {
            return false;
        }
        let capish = t.cap || self.s(k).chars().any(char::is_uppercase);
        if !capish {
            return false;
        }
        if t.is(c::FUNCTION | c::TIME | c::TITLE | c::ROLE) {
            return false;
        }
        if t.is(c::ORG | c::DOC) && !t.allcaps {
            return false;
        }
        if k == sent_start
            && t.is(c::VAGUE_N | c::WEASEL_N | c::CRITICISM | c::HEDGE | c::VAGUE_ADV)
        {
            return false;
        }
        if k == sent_start && t.cue != 0 {
            return false;
        }
        !self.initial_plural_noun(k, sent_start)
    }

    fn cls(&self, k: usize, sent_start: usize) -> Cls {
        let t = &self.toks[k];
        if t.quoted {
            return Cls::Stop;
        }
        match t.k {
            K::Num => return Cls::Yes,
            K::Quote => {
                return if t.qrole == QRole::Apostrophe {
                    Cls::Yes
                } else {
                    Cls::Stop
                };
            }
            K::Punct => return if t.ch == '&' { Cls::Conj } else { Cls::Stop },
            K::Word => {}
        }
        let w = self.s(k);
        if t.is(c::PRON) || w.eq_ignore_ascii_case("that") {
            return Cls::Stop;
        }
        if t.is(c::DET | c::QUANT) {
            return Cls::Yes;
        }
        if t.is(c::PREP) {
            // "advisor to the president", "contributor to Slate"
            let role_to = w.eq_ignore_ascii_case("to")
                && k > 0
                && self.toks[k - 1].k == K::Word
                && self.toks[k - 1].is(c::ROLE | c::TITLE);
            return if np_prep(w) || role_to {
                Cls::Prep
            } else {
                Cls::Stop
            };
        }
        if t.is(c::CONJ) {
            return if w.eq_ignore_ascii_case("and") || w == "&" {
                Cls::Conj
            } else {
                Cls::Stop
            };
        }
        if t.cap && k != sent_start {
            // a month or weekday, or "May" the month
            if t.is(c::TIME | c::AUX | c::SUBORD | c::WH | c::REL) && !t.allcaps {
                return Cls::Stop;
            }
            return Cls::Yes;
        }
        if t.cap {
            // sentence-initial: judge by the word
            if t.is(c::TIME | c::AUX | c::SUBORD | c::WH | c::REL | c::ADV | c::NEG) {
                return Cls::Stop;
            }
            if t.cue != 0 && !t.is(c::ROLE | c::ORG | c::DOC | c::VAGUE_N | c::WEASEL_N) {
                return Cls::Stop;
            }
            return Cls::Yes;
        }
        if t.is(c::AUX | c::SUBORD | c::REL | c::WH | c::ADV | c::TIME | c::NEG | c::LINK | c::VERB)
        {
            return Cls::Stop;
        }
        if w.eq_ignore_ascii_case("think")
            && self
                .toks
                .get(k + 1)
                .is_some_and(|n| n.k == K::Word && self.text[n.s..n.e].starts_with("tank"))
        {
            return Cls::Lower;
        }
        if t.is(c::ROLE
            | c::ORG
            | c::DOC
            | c::VAGUE_N
            | c::WEASEL_N
            | c::NPADJ
            | c::CRITICISM
            | c::PLATFORM)
        {
            return Cls::Yes;
        }
        if t.cue != 0 || t.is(c::HEDGE | c::INTENS | c::VAGUE_ADV) {
            return Cls::Stop;
        }
        let lw = w.len();
        if lw > 4 && (w.ends_with("ing") || w.ends_with("ed") || w.ends_with("ly")) {
            return Cls::Stop;
        }
        Cls::Lower
    }

    /// The noun phrase ending at token `j`, scanning back to `lo`.
    pub fn np_back(&self, j: usize, lo: usize) -> Option<Np> {
        if j < lo || j >= self.toks.len() {
            return None;
        }
        let mut k = j as isize;
        let mut a = j + 1;
        let mut lower_run = 0;
        let floor = (lo as isize).max(j as isize - 40);
        while k >= floor {
            let ku = k as usize;
            let t = &self.toks[ku];
            if t.k == K::Punct && t.ch == ')' {
                // a parenthesised group inside the phrase: "(PHE)"
                let from = ku.saturating_sub(12).max(lo);
                let open = (from..ku)
                    .rev()
                    .find(|&m| self.toks[m].k == K::Punct && self.toks[m].ch == '(');
                match open {
                    Some(m) if m > lo => {
                        a = m;
                        k = m as isize - 1;
                        continue;
                    }
                    _ => break,
                }
            }
            match self.cls(ku, lo) {
                Cls::Yes => {
                    a = ku;
                    lower_run = 0;
                }
                Cls::Lower => {
                    lower_run += 1;
                    if lower_run > 4 {
                        break;
                    }
                    a = ku;
                }
                Cls::Prep | Cls::Conj => {
                    if a > j {
                        break;
                    }
                    // "began on August 10 and South Korea says": a date
                    // does not join a source phrase
                    if ku > lo
                        && self.cls(ku, lo) == Cls::Conj
                        && matches!(self.toks[ku - 1].k, K::Num)
                    {
                        break;
                    }
                    a = ku;
                }
                Cls::Stop => break,
            }
            k -= 1;
        }
        let mut stop = if k >= lo as isize {
            Some(k as usize)
        } else {
            None
        };
        while a <= j && matches!(self.cls(a, lo), Cls::Prep | Cls::Conj) {
            stop = Some(a);
            a += 1;
        }
        if a > j {
            return None;
        }
        // a phrase cannot end in a determiner
        if self.toks[j].is(c::DET) && !self.toks[j].is(c::QUANT) {
            return None;
        }
        Some(Np { a, b: j, stop })
    }

    /// Whether token `stop` (before a phrase) ends the previous clause, so
    /// the phrase can be a subject. `lo` is the sentence's first token.
    pub fn boundary(&self, stop: Option<usize>) -> bool {
        let Some(k) = stop else { return true };
        let t = &self.toks[k];
        match t.k {
            K::Punct => matches!(
                t.ch,
                ',' | ';' | ':' | '(' | '—' | '–' | '-' | '…' | '.' | '[' | ']'
            ),
            K::Quote => matches!(t.qrole, QRole::Open | QRole::Close),
            K::Num => false,
            K::Word => {
                if t.is(c::WH) {
                    return false;
                }
                t.is(c::CONJ | c::SUBORD | c::REL | c::TIME | c::ADV)
                    && !self.is_any(k, &["by", "than"])
            }
        }
    }

    /// A phrase stopped by a preposition at the start of its clause ("On
    /// live television Erdogan"): its trailing name is the subject.
    pub fn salvage(&self, np: Np, lo: usize) -> Option<Np> {
        let stop = np.stop?;
        if !self.toks[stop].is(c::PREP) {
            return None;
        }
        let before = if stop > lo { Some(stop - 1) } else { None };
        if before.is_some() && !self.boundary(before) {
            return None;
        }
        let mut a = np.b + 1;
        while a > np.a && self.name_word(a - 1, lo) {
            a -= 1;
        }
        if a > np.b || a == np.a {
            return None;
        }
        Some(Np {
            a,
            b: np.b,
            stop: Some(a - 1),
        })
    }

    /// The noun phrase starting at token `i` (up to `hi`, exclusive).
    /// `strict`: only names, role nouns and determiners (after an inverted
    /// cue); otherwise the loose phrase after "according to" / "by".
    pub fn np_fwd(&self, i: usize, hi: usize, strict: bool) -> Option<Np> {
        if i >= hi {
            return None;
        }
        let mut b: Option<usize> = None;
        let mut k = i;
        while k < hi {
            let t = &self.toks[k];
            if t.k == K::Punct && t.ch == '(' && !strict {
                let close = (k + 1..hi.min(k + 12))
                    .find(|&m| self.toks[m].k == K::Punct && self.toks[m].ch == ')');
                if let (Some(m), Some(_)) = (close, b) {
                    b = Some(m);
                    k = m + 1;
                    continue;
                }
                break;
            }
            let cl = self.cls(k, usize::MAX);
            let ok = if strict {
                match cl {
                    Cls::Yes => {
                        t.cap
                            || t.k == K::Num
                            || t.is(c::DET | c::ROLE | c::ORG | c::DOC | c::PARTICLE)
                            || t.qrole == QRole::Apostrophe
                    }
                    Cls::Prep => {
                        if self.is_any(k, &["of", "for", "at"]) && b.is_some() {
                            k += 1;
                            continue;
                        }
                        false
                    }
                    Cls::Conj => {
                        if b.is_some() {
                            k += 1;
                            continue;
                        }
                        false
                    }
                    _ => self.toks[k].is(c::PARTICLE) && b.is_some(),
                }
            } else {
                match t.k {
                    K::Punct => false,
                    K::Quote => t.qrole == QRole::Apostrophe,
                    K::Num => true,
                    K::Word => {
                        !self.is(k, "that")
                            && (!t.is(c::SUBORD | c::REL | c::WH | c::PRON | c::AUX | c::NEG)
                                || t.is(c::DET | c::PREP | c::QUANT))
                    }
                }
            };
            if !ok {
                break;
            }
            b = Some(k);
            k += 1;
            if !strict && k - i > 22 {
                break;
            }
        }
        let b = b?;
        // trailing prepositions or conjunctions never end a phrase
        let mut b = b;
        while b > i && matches!(self.cls(b, usize::MAX), Cls::Prep | Cls::Conj) {
            b -= 1;
        }
        Some(Np {
            a: i,
            b,
            stop: if b + 1 < hi { Some(b + 1) } else { None },
        })
    }

    /// The pronoun at token `k`, if it is a third-person subject pronoun.
    pub fn pron(&self, k: usize) -> Option<Pron> {
        let t = self.toks.get(k)?;
        if t.k != K::Word || !t.is(c::PRON) {
            return None;
        }
        let w = self.s(k);
        let eq = |x: &str| w.eq_ignore_ascii_case(x);
        Some(if eq("he") {
            Pron::He
        } else if eq("she") {
            Pron::She
        } else if eq("they") {
            Pron::They
        } else if eq("it") {
            Pron::It
        } else {
            return None;
        })
    }

    /// End of the phrase's core: before its first prepositional phrase that
    /// is not inside a name ("Court of Session").
    pub fn core_end(&self, np: Np) -> usize {
        let mut k = np.a + 1;
        while k <= np.b {
            let t = &self.toks[k];
            // "a statement released by …", "videos posted on …"
            if t.k == K::Word && !t.cap && !t.is(c::NPADJ | c::ROLE | c::ORG | c::DOC) {
                let w = self.s(k);
                if (t.cue != 0 && t.form.is_some_and(|f| f.is_participle()))
                    || (w.len() > 4 && w.ends_with("ed"))
                    || t.is(c::VERB)
                {
                    return k - 1;
                }
            }
            if t.k == K::Word && !t.cap && t.is(c::PREP) {
                let cap_before = self.toks[k - 1].cap;
                // "Court of Session", "Friends of the Earth"
                let cap_after = (k < np.b && self.toks[k + 1].cap)
                    || (k + 1 < np.b && self.is(k + 1, "the") && self.toks[k + 2].cap);
                if !(cap_before && cap_after && self.is_any(k, &["of", "for", "on"])) {
                    return k - 1;
                }
            }
            k += 1;
        }
        np.b
    }

    /// The name part of tokens `a..=b` (the last run of name words), as a
    /// token range.
    pub fn name_in(&self, a: usize, b: usize, sent_start: usize) -> Option<(usize, usize)> {
        let mut k = b as isize;
        // skip a trailing parenthesis group or punctuation
        while k >= a as isize && !self.name_word(k as usize, sent_start) {
            let t = &self.toks[k as usize];
            if t.k == K::Punct && t.ch == ')' {
                while k >= a as isize && !self.toks[k as usize].punct('(') {
                    k -= 1;
                }
            }
            k -= 1;
            if (b as isize - k) > 6 {
                return None;
            }
        }
        if k < a as isize {
            return None;
        }
        let end = k as usize;
        let mut start = end;
        while start > a {
            let p = start - 1;
            if self.name_word(p, sent_start)
                || (self.toks[p].is(c::PARTICLE) && p > a && self.name_word(p - 1, sent_start))
            {
                start = p;
            } else {
                break;
            }
        }
        Some((start, end))
    }

    /// Grade the phrase `np` as a source; `None` when it is not a possible
    /// source (a common noun phrase such as "the plan").
    pub fn grade(&self, np: Np, sent_start: usize) -> Option<SourceCand> {
        let span = self.span(np.a, np.b);
        if np.a == np.b
            && let Some(p) = self.pron(np.a)
        {
            return Some(SourceCand::Pronoun { span, pron: p });
        }
        let ce = self.core_end(np);
        // the head: the last word of the core (before a parenthesis group)
        let mut h = ce;
        loop {
            let t = &self.toks[h];
            if t.k == K::Word || t.k == K::Num {
                break;
            }
            if t.punct(')') {
                while h > np.a && !self.toks[h].punct('(') {
                    h -= 1;
                }
            }
            if h == np.a {
                return None;
            }
            h -= 1;
        }
        let head = &self.toks[h];
        if head.k != K::Word {
            return None;
        }
        let first = &self.toks[np.a];
        let first_w = self.s(np.a).to_ascii_lowercase();
        let definite = matches!(
            first_w.as_str(),
            "the"
                | "this"
                | "these"
                | "those"
                | "its"
                | "his"
                | "her"
                | "their"
                | "both"
                | "another"
                | "our"
        ) || (np.a..h)
            .any(|k| self.toks[k].poss || self.toks[k].qrole == QRole::Apostrophe)
            || (np.a..h).any(|k| self.toks[k].cap && k != sent_start);
        let specified = ce < np.b;
        let has_name_run = self.name_in(np.a, ce, sent_start);
        let caps_core = (np.a..=ce).filter(|&k| self.toks[k].k == K::Word).all(|k| {
            self.toks[k].cap
                || self.toks[k].is(c::PARTICLE)
                || self.is_any(k, &["of", "and", "for"])
        }) && (np.a..=ce)
            .filter(|&k| self.toks[k].cap && k != sent_start)
            .count()
            >= 2;
        let head_name = self.name_word(h, sent_start) || caps_core && !head.is(c::ROLE | c::TITLE);
        let core = span.start..self.toks[ce].e;
        let mk = |grade: Grade, name: Option<(usize, usize)>| {
            Some(SourceCand::Phrase {
                span: span.clone(),
                core: core.clone(),
                name: name.map(|(x, y)| self.span(x, y)),
                grade,
                definite,
            })
        };
        // "CEO of the Refugee Council Enver Solomon"
        if !head_name
            && head.is(c::ROLE | c::TITLE)
            && specified
            && let Some(o) = (ce + 1..=np.b)
                .rev()
                .find(|&k| self.toks[k].cap && self.toks[k].is(c::ORG))
            && o + 2 <= np.b
            && (o + 1..=np.b).all(|k| self.name_word(k, sent_start) || self.toks[k].is(c::PARTICLE))
        {
            return mk(Grade::Person, Some((o + 1, np.b)));
        }
        let quant_weasel = first.is(c::QUANT)
            && matches!(
                first_w.as_str(),
                "some" | "many" | "most" | "several" | "numerous" | "various"
            );
        if head.is(c::WEASEL_N) && !head_name {
            let hw = self.s(h).to_ascii_lowercase();
            let back_ref = matches!(first_w.as_str(), "the" | "these" | "those")
                && matches!(
                    hw.as_str(),
                    "scientists"
                        | "researchers"
                        | "experts"
                        | "analysts"
                        | "economists"
                        | "historians"
                        | "scholars"
                );
            if back_ref {
                return mk(Grade::Role, None);
            }
            // "Results of NCLAN studies", "research from the University of X"
            if head.is(c::DOC)
                && ((np.a..h).any(|k| self.toks[k].cap && k != sent_start) || specified)
            {
                return mk(Grade::Doc, has_name_run);
            }
            return mk(Grade::Weasel, None);
        }
        if quant_weasel && !head_name && head.is(c::ROLE | c::WEASEL_N | c::VAGUE_N) {
            return mk(Grade::Weasel, None);
        }
        if head_name {
            // a title or role word before the name makes it a person:
            // "the Turkish President Recep Tayyip Erdoğan"
            let (ns, _) = has_name_run.unwrap_or((h, h));
            // "CEO of the Refugee Council Enver Solomon": a role of an
            // organisation, then the person's name
            let titled = ns > np.a
                && (self.toks[ns - 1].is(c::TITLE | c::ROLE)
                    || (self.toks[ns - 1].is(c::ORG) && self.toks[np.a].is(c::TITLE | c::ROLE)));
            let orgish = head.allcaps
                || (np.a..=ce).any(|k| self.toks[k].is(c::ORG) && self.toks[k].cap)
                || (first_w == "the" && !(np.a..ns).any(|k| self.toks[k].is(c::TITLE | c::ROLE)));
            // "USA Today": capitalised words whose head is not a name word;
            // "Friends of the Earth", "Bank of England": a name with "of"
            let of_name = (np.a + 1..ce).any(|k| {
                self.toks[k].k == K::Word && !self.toks[k].cap && self.is_any(k, &["of", "for"])
            }) && !self.toks[np.a].is(c::TITLE | c::ROLE);
            let orgish = orgish || (caps_core && !self.name_word(h, sent_start)) || of_name;
            let grade = if orgish && !titled {
                Grade::Org
            } else {
                Grade::Person
            };
            return mk(grade, has_name_run);
        }
        if head.is(c::VAGUE_N) {
            let w = self.s(h).to_ascii_lowercase();
            let singular = matches!(w.as_str(), "official" | "source" | "insider");
            if w.starts_with("report") && specified {
                // "reports by the BBC"
                let named = (ce + 1..=np.b).any(|k| self.name_word(k, sent_start));
                if named {
                    return mk(Grade::Doc, has_name_run);
                }
            }
            if singular && definite && first_w != "a" && first_w != "an" {
                return mk(Grade::Role, None);
            }
            return mk(Grade::Vague, None);
        }
        if head.is(c::ROLE) {
            let indefinite = matches!(first_w.as_str(), "a" | "an" | "one");
            let bare = np.a == h || (!definite && !indefinite && !first.is(c::DET));
            if indefinite && !specified {
                return mk(Grade::Vague, None);
            }
            if bare && !specified && self.s(h).ends_with('s') && h == np.a {
                // "lawyers said", "doctors said": a source type, not an
                // identified one ("prosecutors" are the prosecution)
                if self.is_any(h, &["prosecutors"]) {
                    return mk(Grade::Role, None);
                }
                return mk(Grade::Vague, None);
            }
            return mk(Grade::Role, has_name_run);
        }
        if head.is(c::ORG) {
            let indefinite = matches!(first_w.as_str(), "a" | "an");
            if indefinite && !specified {
                return None;
            }
            return mk(Grade::Org, has_name_run);
        }
        if head.is(c::DOC) {
            let indefinite = matches!(first_w.as_str(), "a" | "an");
            let plural_bare = np.a == h && self.s(h).ends_with('s');
            if (indefinite || plural_bare) && !specified && !definite {
                return mk(Grade::Vague, None);
            }
            return mk(Grade::Doc, has_name_run);
        }
        // "Meteorologists warned …": unnamed people of a kind
        if np.a == h && self.initial_plural_noun(h, sent_start) {
            return mk(Grade::Vague, None);
        }
        if definite && first_w != "that" && human_noun(&self.s(h).to_ascii_lowercase()) {
            return mk(Grade::Role, has_name_run);
        }
        None
    }
}

/// A common noun for a person or group of people ("attacker", "residents").
fn human_noun(w: &str) -> bool {
    let w = w.trim_end_matches('s');
    [
        "er", "or", "ist", "ant", "ent", "ian", "man", "men", "woman", "women", "family",
        "familie", "people", "child", "children", "couple", "pair",
    ]
    .iter()
    .any(|suf| w.ends_with(suf))
        && ![
            "number",
            "order",
            "border",
            "matter",
            "letter",
            "paper",
            "water",
            "power",
            "member",
            "center",
            "corner",
            "quarter",
            "winter",
            "summer",
            "chapter",
            "factor",
            "sector",
            "error",
            "parent",
            "event",
            "agreement",
            "statement",
            "government",
            "department",
            "parliament",
            "movement",
            "content",
            "document",
            "incident",
            "moment",
            "percent",
            "cent",
        ]
        .contains(&w)
}
