//! The per-paragraph pass: cues with their sources, claim triggers, quote
//! facts and sentence facts. Everything here depends only on the
//! paragraph's text and the settings.

use super::grade::{Ctx, Np};
use super::lexicon::{Form, Lexicon, PhraseTag, c, f, kw};
use super::quotes::{self, LocalQuote};
use super::tokens::{K, QRole, Tok, lower_key, tokenize_into};
use super::{
    CueCand, CueKind, Grade, ParaAttribution, Pron, QuoteInfo, SentInfo, SourceCand, TrigKind,
    Trigger,
};
use crate::analysis::blocks::BlockKind;
use crate::analysis::findings::Code;
use crate::analysis::people::ParaPeople;
use crate::analysis::text::Span;
use crate::settings::Settings;

/// Settings phrases, lowercased and split into words.
struct Extra {
    weasel: Vec<Vec<String>>,
    vague: Vec<Vec<String>>,
}

impl Extra {
    fn new(s: &Settings) -> Self {
        let split = |v: &Vec<String>| -> Vec<Vec<String>> {
            v.iter()
                .map(|p| {
                    p.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’' && c != '-')
                        .filter(|w| !w.is_empty())
                        .map(|w| {
                            let mut b = String::new();
                            lower_key(w, &mut b).to_string()
                        })
                        .collect::<Vec<String>>()
                })
                .filter(|p| !p.is_empty())
                .collect()
        };
        Extra {
            weasel: split(&s.extra_weasel_phrases),
            vague: split(&s.extra_vague_phrases),
        }
    }
}

/// Buffers reused from one paragraph to the next (per thread): tokens,
/// sentence token ranges and name spans.
#[derive(Default)]
struct Scratch {
    toks: Vec<Tok>,
    ranges: Vec<(usize, usize)>,
    names: Vec<(usize, usize)>,
    cands: Cands,
}

/// The tokens each per-sentence pass may act on, found in one walk over
/// the paragraph (the passes skip every other token anyway): most tokens
/// are plain lowercase words that none of them looks at.
#[derive(Default)]
struct Cands {
    /// Unquoted words that may start a cue: a cue verb, a preposition
    /// ("in the words of"), a phrase's first word ("according to").
    cue: Vec<usize>,
    /// Unquoted numbers, and unquoted words with a class a claim check
    /// starts from ([`CLAIM_START`]).
    claim: Vec<usize>,
    /// Unquoted semicolons, and unquoted words that are capitalised,
    /// hyphenated or first person (see `Sent::info`).
    info: Vec<usize>,
    /// The lengths of the three lists after each sentence's tokens.
    ends: Vec<[usize; 3]>,
}

impl Cands {
    fn clear(&mut self) {
        self.cue.clear();
        self.claim.clear();
        self.info.clear();
        self.ends.clear();
    }

    /// Add token `k` (`t`) where it is a candidate.
    #[inline]
    fn add(&mut self, k: usize, t: &Tok) {
        if t.quoted {
            return;
        }
        match t.k {
            K::Word => {
                if t.cue != 0 || t.is(c::PREP | c::PHRASE) {
                    self.cue.push(k);
                }
                if t.is(CLAIM_START) {
                    self.claim.push(k);
                }
                if t.cap || t.hy || t.is(c::FIRST_PERSON) {
                    self.info.push(k);
                }
            }
            K::Num => self.claim.push(k),
            K::Punct if t.ch == ';' => self.info.push(k),
            _ => {}
        }
    }

    /// A sentence's tokens were added.
    fn end_sentence(&mut self) {
        self.ends
            .push([self.cue.len(), self.claim.len(), self.info.len()]);
    }

    /// Sentence `si`'s candidates for the three passes.
    fn of(&self, si: usize) -> [&[usize]; 3] {
        let from = si
            .checked_sub(1)
            .and_then(|p| self.ends.get(p))
            .copied()
            .unwrap_or([0; 3]);
        let to = self.ends.get(si).copied().unwrap_or(from);
        [
            &self.cue[from[0]..to[0]],
            &self.claim[from[1]..to[1]],
            &self.info[from[2]..to[2]],
        ]
    }
}

thread_local! {
    static SCRATCH: std::cell::Cell<Scratch> = const { std::cell::Cell::new(Scratch {
        toks: Vec::new(),
        ranges: Vec::new(),
        names: Vec::new(),
        cands: Cands {
            cue: Vec::new(),
            claim: Vec::new(),
            info: Vec::new(),
            ends: Vec::new(),
        },
    }) };
}

pub fn scan(
    text: &str,
    kind: BlockKind,
    sentences: &[Span],
    people: &ParaPeople,
    settings: &Settings,
) -> ParaAttribution {
    let mut sc = SCRATCH.take();
    let out = scan_with(&mut sc, text, kind, sentences, people, settings);
    // keep the buffers unless a huge paragraph made them big
    if sc.toks.capacity() <= 1 << 16 {
        SCRATCH.set(sc);
    }
    out
}

fn scan_with(
    sc: &mut Scratch,
    text: &str,
    kind: BlockKind,
    sentences: &[Span],
    people: &ParaPeople,
    settings: &Settings,
) -> ParaAttribution {
    let toks = &mut sc.toks;
    // (without quotation marks there is nothing to pair: no token changes)
    let lq = if tokenize_into(text, toks) {
        quotes::pair(text, toks)
    } else {
        Vec::new()
    };
    let toks = &*toks;
    let mut ctx = Ctx::new(text, toks);
    // name candidates with evidence beyond their position (a first name, a
    // known surname, a title, two name words), for "Sanders said" vs
    // "Meteorologists warned"
    {
        use crate::analysis::people::ev;
        let strong = ev::FIRST | ev::LAST | ev::TITLE | ev::ROLE | ev::MULTI | ev::AGE | ev::APPOS;
        let mut names = std::mem::take(&mut sc.names);
        names.clear();
        names.extend(
            people
                .cands
                .iter()
                .filter(|c| c.ev & strong != 0 && c.ev & (ev::ORG | ev::PLACE) == 0)
                .map(|c| (c.span.start, c.span.end)),
        );
        ctx.names = names;
    }
    ctx.names.sort_unstable();
    // token range of each sentence, and the candidate tokens of its passes
    let ranges = &mut sc.ranges;
    ranges.clear();
    let cands = &mut sc.cands;
    cands.clear();
    let mut k = 0;
    for s in sentences {
        while k < toks.len() && toks[k].s < s.start {
            k += 1;
        }
        let a = k;
        while k < toks.len() && toks[k].s < s.end {
            cands.add(k, &toks[k]);
            k += 1;
        }
        ranges.push((a, k));
        cands.end_sentence();
    }
    let cands = &*cands;
    let extra = Extra::new(settings);
    let mut out = ParaAttribution {
        sents: Vec::with_capacity(sentences.len()),
        ..ParaAttribution::default()
    };
    for (si, &(ta, tb)) in ranges.iter().enumerate() {
        let mut sc = Sent {
            ctx: &ctx,
            lex: Lexicon::get(),
            si,
            ta,
            tb,
            span: sentences[si].clone(),
            cues: Vec::new(),
            trig: Vec::new(),
            rule: None,
            cands: cands.of(si),
        };
        if ta < tb {
            sc.cues();
            // a block quotation holds someone's words: its claims are theirs
            if kind != BlockKind::Quote {
                sc.claims(&extra);
            }
        }
        let info = sc.info();
        let Sent { cues, trig, .. } = sc;
        out.cues.extend(cues);
        out.triggers.extend(trig);
        out.sents.push(info);
    }
    out.quotes = quote_infos(&ctx, &lq, ranges);
    sc.names = std::mem::take(&mut ctx.names);
    out
}

fn sent_of(ranges: &[(usize, usize)], tok: usize) -> usize {
    // ranges are sorted and contiguous: the last one starting at or before `tok`
    let i = ranges.partition_point(|&(a, _)| a <= tok);
    i.saturating_sub(1).min(ranges.len().saturating_sub(1))
}

fn quote_infos(ctx: &Ctx, lq: &[LocalQuote], ranges: &[(usize, usize)]) -> Vec<QuoteInfo> {
    let toks = ctx.toks;
    let mut out = Vec::with_capacity(lq.len());
    for q in lq {
        let a = q.open.map_or(0, |o| o + 1);
        let b = q.close.unwrap_or(toks.len());
        let mut words = 0usize;
        let mut capwords = 0usize;
        let mut punct = false;
        // room for the usual eight words: one allocation, no regrowth
        let mut preview = String::with_capacity(64);
        let mut small = 0usize;
        let inside = toks.get(a..b.min(toks.len())).unwrap_or(&[]);
        for (k, t) in (a..).zip(inside) {
            match t.k {
                K::Word | K::Num => {
                    words += 1;
                    if t.cap || t.k == K::Num {
                        capwords += 1;
                    } else if ctx.kw(k, kw::SMALL) {
                        small += 1;
                    }
                    if words <= 8 {
                        if !preview.is_empty() {
                            preview.push(' ');
                        }
                        preview.push_str(ctx.s(k));
                    }
                }
                // a final period inside the marks does not make a sentence
                K::Punct if matches!(t.ch, '.' | '!' | '?') && k + 1 < b => {
                    punct = true;
                }
                _ => {}
            }
        }
        if words > 8 {
            preview.push('…');
        }
        // what stands before the opening mark
        let mut framed = false;
        let mut naming = false;
        if let Some(o) = q.open {
            let mut p = o;
            let mut steps = 0;
            while p > 0 && steps < 4 {
                p -= 1;
                steps += 1;
                let t = &toks[p];
                if t.k == K::Punct && matches!(t.ch, ',' | ':') {
                    continue;
                }
                if t.k == K::Word && t.is(c::ADV) {
                    continue;
                }
                if t.k == K::Word && t.is(c::NAMING) {
                    naming = true;
                    framed = true;
                } else if t.k == K::Word && t.cue != 0 {
                    framed = true;
                } else if ctx.is_any(
                    p,
                    &[
                        "as", "term", "word", "phrase", "slogan", "hashtag", "motto", "headline",
                        "nickname", "title",
                    ],
                ) {
                    naming = true;
                    framed = true;
                }
                break;
            }
            if !framed {
                // "the AU announced …: "…"" / "…, saying "…""
                let s = sent_of(ranges, o);
                let (sa, _) = ranges.get(s).copied().unwrap_or((0, 0));
                framed = (sa..o).any(|k| {
                    toks[k].k == K::Word
                        && !toks[k].quoted
                        && (toks[k].cue != 0 && !toks[k].cap || toks[k].is(c::NAMING))
                });
            }
        }
        // a cell of a pipe table (`| "Title" | source |`): data, not speech
        // (looked for within 512 bytes before the mark, so a huge one-line
        // paragraph full of quotes stays linear)
        if let Some(o) = q.open {
            let at = toks[o].s;
            let b = ctx.text.as_bytes();
            let from = at.saturating_sub(512);
            let line = match memchr::memrchr(b'\n', &b[from..at]) {
                Some(n) => Some(from + n + 1),
                None => (from == 0).then_some(0),
            };
            if line.is_some_and(|l| ctx.text[l..at].trim_start().starts_with('|')) {
                naming = true;
            }
        }
        let content = words.saturating_sub(small);
        let title_like = words > 0 && words <= 12 && !punct && capwords * 10 >= content.max(1) * 6;
        // a citation or a pull quote: `"…" — CBC.ca` / `"…" - Matthew Ingram`
        // / `"…" Anonymous blogger, …`
        if let Some(c) = q.close {
            let mut k = c + 1;
            while k < toks.len() && toks[k].k == K::Punct && matches!(toks[k].ch, ',' | '.') {
                k += 1;
            }
            // `"…" — Source`, or `"…" — <link>` (the link is masked, so
            // the dash ends the paragraph or the table cell)
            if k < toks.len()
                && toks[k].k == K::Punct
                && matches!(toks[k].ch, '—' | '–' | '-')
                && toks
                    .get(k + 1)
                    .is_none_or(|n| n.k == K::Word && n.cap || n.punct('|'))
            {
                framed = true;
            }
            if c + 1 < toks.len() && toks[c + 1].k == K::Word && toks[c + 1].cap {
                let mut e = c + 1;
                while e < toks.len() && e < c + 5 && toks[e].k == K::Word {
                    e += 1;
                }
                if e >= toks.len() || toks[e].punct(',') {
                    framed = true;
                }
            }
        }
        let speech = !naming
            && !title_like
            && (words >= 4 || punct || q.open.is_none() || q.close.is_none());
        let strong = speech && (words >= 5 || (punct && words >= 3));
        let open_tok = q.open.unwrap_or(0);
        let close_tok = q.close.unwrap_or(toks.len().saturating_sub(1));
        out.push(QuoteInfo {
            open: q.open.map(|o| toks[o].s),
            close: q.close.map(|cl| toks[cl].e),
            single: q.single,
            speech,
            strong,
            framed,
            open_sent: sent_of(ranges, open_tok),
            close_sent: sent_of(ranges, close_tok),
            preview,
        });
    }
    out
}

struct Sent<'a, 'b> {
    ctx: &'b Ctx<'a>,
    lex: &'static Lexicon,
    si: usize,
    ta: usize,
    tb: usize,
    span: Span,
    cues: Vec<CueCand>,
    trig: Vec<Trigger>,
    rule: Option<bool>,
    /// This sentence's candidates for the cue, claim and info passes.
    cands: [&'b [usize]; 3],
}

/// Result of looking at one cue verb.
enum Found {
    Cue(CueCand),
    Trig(Trigger),
}

fn singular(w: &str) -> String {
    let l = w.to_lowercase();
    if l.len() > 3 && l.ends_with('s') && !l.ends_with("ss") {
        l[..l.len() - 1].to_string()
    } else {
        l
    }
}

impl<'a, 'b> Sent<'a, 'b> {
    fn toks(&self) -> &'b [Tok] {
        self.ctx.toks
    }

    fn t(&self, k: usize) -> &'b Tok {
        &self.ctx.toks[k]
    }

    /// Token `k` is an unquoted word in this sentence.
    fn word(&self, k: usize) -> bool {
        k >= self.ta && k < self.tb && self.t(k).k == K::Word && !self.t(k).quoted
    }

    fn text(&self, a: usize, b: usize) -> &'a str {
        &self.ctx.text[self.ctx.toks[a].s..self.ctx.toks[b].e]
    }

    /// Where "Add attribution" inserts: before the sentence's final
    /// punctuation (and closing marks).
    fn fix_pos(&self) -> usize {
        fix_pos(self.ctx.text, self.span.clone())
    }

    fn trigger(
        &self,
        code: Code,
        kind: TrigKind,
        a: usize,
        b: usize,
        noun: Option<String>,
    ) -> Trigger {
        let message = message(code, kind, self.text(a, b), noun.as_deref());
        Trigger {
            code,
            kind,
            sent: self.si,
            span: self.ctx.span(a, b),
            message,
            fix: Some((self.fix_pos(), ", according to …".to_string())),
            noun,
            hedges_cue: None,
        }
    }

    fn push_trig(&mut self, t: Trigger) {
        if self
            .trig
            .iter()
            .any(|x| x.code == t.code && x.span.start < t.span.end && t.span.start < x.span.end)
        {
            return;
        }
        self.trig.push(t);
    }

    fn prev_word_skip(&self, i: usize, classes: u64, max: usize) -> (Option<usize>, Option<usize>) {
        // returns (token before the skipped words, first hedge adverb seen)
        let mut p = i;
        let mut hedge = None;
        let mut n = 0;
        while p > self.ta && n < max {
            let q = p - 1;
            let t = self.t(q);
            let time = t.is(c::TIME) && !t.is(c::AUX) && classes & c::AUX != 0;
            if t.k == K::Word
                && !t.cap
                && (t.is(classes) || t.is(c::VAGUE_ADV) || time)
                && !t.is(c::PRON)
            {
                if t.is(c::VAGUE_ADV) {
                    hedge = Some(q);
                }
                p = q;
                n += 1;
                continue;
            }
            return (Some(q), hedge);
        }
        if p > self.ta {
            (Some(p - 1), hedge)
        } else {
            (None, hedge)
        }
    }

    // ------------------------------------------------------------------
    // cues

    fn cues(&mut self) {
        let tb = self.tb;
        // the next token to look at (a phrase skips its words)
        let mut i = self.ta;
        let list = self.cands[0];
        for &at in list {
            if at < i {
                continue;
            }
            i = at;
            let t = *self.t(i);
            // "in the words of the Crown prosecutor, …"
            if t.is(c::PREP)
                && self.ctx.is(i, "in")
                && self.ctx.is(i + 1, "the")
                && self.ctx.is(i + 2, "words")
                && self.ctx.is(i + 3, "of")
                && i + 4 < tb
            {
                if let Some(np) = self.ctx.np_fwd(i + 4, tb, false)
                    && let Some(src) = self.ctx.grade(np, self.ta)
                {
                    self.emit(src, self.ctx.span(i, i + 3), CueKind::According, i, np.b);
                }
                i += 4;
                continue;
            }
            if t.is(c::PHRASE)
                && self.ctx.is(i, "according")
                && self.ctx.is(i + 1, "to")
                && i + 1 < tb
            {
                self.according(i);
                i += 2;
                continue;
            }
            if t.cue != 0
                && let Some(found) = self.verb_cue(i)
            {
                match found {
                    Found::Cue(cc) => self.cues.push(cc),
                    Found::Trig(tr) => self.push_trig(tr),
                }
            }
            i += 1;
        }
        // "The attacker is reported to have jumped on stage and claimed …":
        // what follows a reporting passive is under it
        if let Some(at) = self
            .trig
            .iter()
            .filter(|t| t.kind == TrigKind::Passive)
            .map(|t| t.span.start)
            .min()
        {
            self.cues.retain(|c| {
                !(matches!(c.kind, CueKind::Coord | CueKind::Gerund) && c.cue.start > at)
            });
        }
        if self.cues.is_empty() {
            self.intro_cue();
        }
    }

    fn according(&mut self, i: usize) {
        let Some(np) = self.ctx.np_fwd(i + 2, self.tb, false) else {
            return;
        };
        let Some(src) = self.ctx.grade(np, self.ta) else {
            return;
        };
        self.emit(src, self.ctx.span(i, i + 1), CueKind::According, i, np.b);
    }

    /// The code for a vague or weasel source, and the source's head noun
    /// in the singular (for the message).
    fn unidentified(&self, grade: Grade, core: &Span) -> (Code, Option<String>) {
        let code = if grade == Grade::Vague {
            Code::VagueSource
        } else {
            Code::WeaselSource
        };
        let head = self.ctx.text[core.clone()]
            .split_whitespace()
            .last()
            .map(singular);
        (code, head)
    }

    /// Record a cue, or a trigger when the source is vague or weasel.
    /// `ta..=tb` covers the phrase the trigger spans.
    fn emit(&mut self, src: SourceCand, cue: Span, kind: CueKind, a: usize, b: usize) {
        match &src {
            SourceCand::Phrase { grade, core, .. } if !grade.identified() => {
                let (code, head) = self.unidentified(*grade, core);
                let tr = self.trigger(code, TrigKind::Source, a, b, head);
                self.push_trig(tr);
            }
            _ => self.cues.push(CueCand {
                sent: self.si,
                cue,
                kind,
                source: src,
            }),
        }
    }

    fn verb_cue(&mut self, i: usize) -> Option<Found> {
        let t = *self.t(i);
        let lem = self.lex.lemma(t.cue)?;
        let fl = lem.flags;
        let form = t.form?;
        let ta = self.ta;
        if t.cap {
            return None;
        }
        // noun uses: "the stated goals", "a statement", "its finding"
        if i > ta {
            let p = self.t(i - 1);
            if p.k == K::Word && (p.is(c::DET) && !self.ctx.is(i - 1, "that") || p.poss) {
                return None;
            }
            // "some comments", "many reports"
            if p.k == K::Word && p.is(c::QUANT) && form == Form::S {
                return None;
            }
            if p.k == K::Quote && p.qrole == QRole::Apostrophe {
                return None;
            }
        }
        let next_is = |w: &[&str]| self.word(i + 1) && self.ctx.is_any(i + 1, w);
        if next_is(&["off", "tank", "tanks"]) {
            return None;
        }
        // infinitive: "went on to say"; other infinitives are not cues
        if i > ta && self.ctx.is(i - 1, "to") {
            if i >= ta + 3
                && self.ctx.is(i - 2, "on")
                && self
                    .ctx
                    .is_any(i - 3, &["went", "goes", "go", "going", "gone"])
            {
                let subj = self.subject_before(i - 3)?;
                return Some(Found::Cue(CueCand {
                    sent: self.si,
                    cue: self.ctx.span(i - 3, i),
                    kind: CueKind::Verb,
                    source: subj.src,
                }));
            }
            return None;
        }
        // passive
        if form.is_participle() || form == Form::PastPart {
            let (p, _) = self.prev_word_skip(i, c::ADV | c::NEG, 3);
            let be = p.is_some_and(|p| {
                self.t(p).is(c::BE) && !self.t(p).poss
                    || self.ctx.is_any(p, &["get", "gets", "got", "getting"])
            });
            if be {
                return self.passive(i, p.unwrap_or(i), fl);
            }
            // reduced passive with an agent: ", reported by The Guardian as"
            if self.ctx.is(i + 1, "by") && fl & f::SPEECH != 0 && i > ta && {
                let pt = self.t(i - 1);
                pt.punct(',') || (pt.k == K::Word && !pt.is(c::AUX | c::PRON) && !pt.cap)
            } {
                return self.agent(i, i + 2, fl);
            }
        }
        if fl & f::SPEECH == 0 && fl & (f::RESEARCH | f::DOCOBJ) == 0 {
            return None;
        }
        // inverted after a quotation: `"…," said Putin` / `…, said Putin.`
        let mut q = i;
        let mut commas = 0;
        while q > ta && self.t(q - 1).punct(',') && commas < 1 {
            q -= 1;
            commas += 1;
        }
        let after_quote =
            q > ta && self.t(q - 1).k == K::Quote && self.t(q - 1).qrole == QRole::Close;
        if (after_quote || (commas == 1 && q > ta))
            && i + 1 < self.tb
            && !matches!(form, Form::Ing | Form::Base)
            && let Some(np) = self.ctx.np_fwd(i + 1, self.tb, true)
        {
            let end_ok = np.stop.is_none_or(|s| {
                let st = self.t(s);
                st.k == K::Punct
                    || st.k == K::Quote
                    || (st.k == K::Word
                        && !st.cap
                        && (st.is(c::PREP | c::TIME | c::SUBORD | c::ADV)))
            });
            if end_ok
                && (after_quote || np.stop.is_none_or(|s| self.t(s).k == K::Punct))
                && let Some(src) = self.ctx.grade(np, ta)
                && (after_quote
                    || matches!(
                        src,
                        SourceCand::Phrase {
                            grade: Grade::Person | Grade::Role | Grade::Org,
                            ..
                        }
                    ))
            {
                let cue = self.ctx.span(i, i);
                return self.finish(i, src, cue, CueKind::Inverted, true, i, np.b, fl);
            }
        }
        // research cues: "new analysis from X shows", "the survey found"
        if fl & f::RESEARCH != 0 {
            let good = |s: &SourceCand| {
                matches!(
                    s,
                    SourceCand::Phrase {
                        grade: Grade::Doc | Grade::Org,
                        ..
                    }
                )
            };
            let direct = self.subject_before(i);
            if !direct.as_ref().is_some_and(|d| good(&d.src))
                && let Some(src) = self.research_subject(i)
            {
                let a = self.tok_at(src.span().start);
                return self.finish(i, src, self.ctx.span(i, i), CueKind::Verb, false, a, i, fl);
            }
        }
        // subject before the verb
        match self.subject_before(i) {
            Some(Subj { src, tagged, coord }) => {
                let a0 = self.tok_at(src.span().start);
                let b0 = self.tok_end(src.span().end);
                let single = a0 == b0;
                // "US President Barack Obama tweet to student …" (a caption):
                // a bare base form needs a plural subject or an auxiliary
                if form == Form::Base {
                    let aux = (b0 + 1..i).any(|k| self.t(k).is(c::AUX));
                    let plural = match &src {
                        SourceCand::Pronoun { pron, .. } => *pron == Pron::They,
                        SourceCand::Phrase { core, .. } => {
                            let ct = &self.ctx.text[core.clone()];
                            let h = ct.split_whitespace().last().unwrap_or("");
                            let hk = self.tok_end(core.end);
                            // a plural noun ("critics", sentence-initial
                            // "Officials"), not a name ending in -s
                            let noun = !self.t(hk).cap
                                || self.t(hk).is(c::ROLE
                                    | c::ORG
                                    | c::DOC
                                    | c::VAGUE_N
                                    | c::WEASEL_N);
                            ct.contains(" and ")
                                || (h.ends_with('s') && noun)
                                || self.t(a0).is(c::QUANT)
                        }
                    };
                    if !(aux || plural) {
                        return None;
                    }
                }
                // "Recent reports have …": a plural noun, not "X reports"
                if form == Form::S
                    && single
                    && self
                        .t(i)
                        .is(c::DOC | c::VAGUE_N | c::WEASEL_N | c::CRITICISM)
                {
                    let st = self.t(a0);
                    let w = self.ctx.s(a0).to_ascii_lowercase();
                    let adj = !st.cap
                        || (st.class & !c::NOT_CLASS == 0
                            && a0 == ta
                            && [
                                "ent", "al", "ous", "ive", "ic", "ful", "ary", "ory", "ed", "ing",
                                "ern", "ial", "ble", "ish", "ant", "ly",
                            ]
                            .iter()
                            .any(|x| w.ends_with(x)))
                        || st.is(c::QUANT | c::VAGUE_N | c::INTENS);
                    if adj {
                        return None;
                    }
                }
                let tag = tagged && self.tag_after(i);
                let quote_before = self.quote_before_subject(&src);
                let a = self.tok_at(src.span().start);
                let kind = if coord { CueKind::Coord } else { CueKind::Verb };
                self.finish(
                    i,
                    src,
                    self.ctx.span(i, i),
                    kind,
                    tag || quote_before,
                    a,
                    i,
                    fl,
                )
            }
            None => {
                let after_link = i > ta
                    && (self.t(i - 1).punct(',')
                        || self.ctx.is_any(
                            i - 1,
                            &[
                                "by", "upon", "while", "after", "before", "when", "further",
                                "also", "again", "later", "then",
                            ],
                        ));
                if form == Form::Ing && after_link {
                    // "…, saying …": the clause's subject
                    let prior = self.cues.last().map(|c| c.source.clone());
                    let src = prior.or_else(|| self.nearest_subject(i))?;
                    let a = i;
                    return self.finish(
                        i,
                        src,
                        self.ctx.span(i, i),
                        CueKind::Gerund,
                        false,
                        a,
                        i,
                        fl,
                    );
                }
                None
            }
        }
    }

    /// The token ending at or after byte `end` (the last token of a span).
    fn tok_end(&self, end: usize) -> usize {
        self.toks()
            .partition_point(|t| t.e < end)
            .clamp(self.ta, self.tb.saturating_sub(1).max(self.ta))
    }

    fn tok_at(&self, byte: usize) -> usize {
        self.toks()
            .partition_point(|t| t.s < byte)
            .clamp(self.ta, self.tb.saturating_sub(1).max(self.ta))
    }

    /// A quotation closes right before the subject: `"…", Johnson said`.
    fn quote_before_subject(&self, src: &SourceCand) -> bool {
        let a = self.tok_at(src.span().start);
        let mut k = a;
        while k > self.ta && self.t(k - 1).punct(',') {
            k -= 1;
        }
        k > self.ta && self.t(k - 1).k == K::Quote && self.t(k - 1).qrole == QRole::Close
    }

    /// After the cue comes the end of the sentence or of a parenthetical:
    /// ", he added." / "Day, they said, desired …".
    fn tag_after(&self, i: usize) -> bool {
        let mut k = i + 1;
        while k < self.tb && self.word(k) && self.t(k).is(c::ADV) {
            k += 1;
        }
        if k >= self.tb {
            return true;
        }
        let t = self.t(k);
        (t.k == K::Punct && matches!(t.ch, ',' | '.' | '!' | '?' | ';' | '—' | '–'))
            || (t.k == K::Quote && t.qrole == QRole::Open)
    }

    /// Check the cue's conditions and emit it.
    #[allow(clippy::too_many_arguments)]
    fn finish(
        &mut self,
        i: usize,
        src: SourceCand,
        mut cue: Span,
        kind: CueKind,
        tag: bool,
        a: usize,
        b: usize,
        fl: u16,
    ) -> Option<Found> {
        let identified = match &src {
            SourceCand::Phrase { grade, .. } => grade.identified(),
            SourceCand::Pronoun { .. } => true,
        };
        // "the court heard": only a court, inquest or inquiry hears evidence
        if self
            .lex
            .lemma(self.t(i).cue)
            .is_some_and(|l| l.name == "hear")
            && !matches!(
                &src,
                SourceCand::Phrase {
                    grade: Grade::Org | Grade::Doc,
                    ..
                }
            )
        {
            return None;
        }
        let ci = self.content_after(i);
        let mut ok = true;
        if fl & f::CONTENT != 0 {
            ok &= ci.that || ci.quote || ci.colon || ci.as_ || ci.wh || ci.pron || ci.to_inf || tag;
        }
        if fl & f::THAT != 0 {
            ok &= ci.that || ci.quote_near || ci.colon || ci.pron || tag;
        }
        if fl & f::QUOTE != 0 {
            ok &= ci.quote_near || tag;
        }
        if fl & f::POST != 0 {
            ok &= ci.platform && (ci.that || ci.quote_near || ci.colon || tag);
        }
        if fl & f::CALL != 0 {
            if self.word(i + 1) && self.ctx.is_any(i + 1, &["for", "on", "upon"]) {
                cue = self.ctx.span(i, i + 1);
            } else {
                ok &= ci.quote_near
                    && !(self.word(i + 1)
                        && self.ctx.is_any(i + 1, &["in", "up", "back", "out", "off"]));
            }
        }
        if fl & f::RESEARCH != 0 {
            let g = match &src {
                SourceCand::Phrase { grade, .. } => Some(*grade),
                _ => None,
            };
            // "the researchers found …": a definite group of researchers
            // already introduced reports a finding ("police found a car" is
            // not one: only research roles)
            let researchers = match &src {
                SourceCand::Phrase {
                    grade: Grade::Role,
                    definite: true,
                    core,
                    ..
                } => {
                    let head = self.ctx.text[core.clone()].rsplit(' ').next().unwrap_or("");
                    [
                        "researchers",
                        "scientists",
                        "authors",
                        "economists",
                        "analysts",
                    ]
                    .iter()
                    .any(|w| head.eq_ignore_ascii_case(w))
                }
                _ => false,
            };
            ok &= matches!(
                g,
                Some(Grade::Doc | Grade::Org | Grade::Vague | Grade::Weasel)
            ) || ci.that
                || researchers;
        }
        if fl & f::DOCOBJ != 0 && fl & f::SPEECH == 0 {
            // "released a statement", "issued a ruling"
            let mut k = i + 1;
            let mut found = None;
            while k < self.tb && k <= i + 4 && self.word(k) {
                if self.t(k).is(c::DOC) {
                    found = Some(k);
                    break;
                }
                k += 1;
            }
            match found {
                Some(d) if self.word(i + 1) && self.t(i + 1).is(c::DET) => {
                    cue = self.ctx.span(i, d)
                }
                _ => ok = false,
            }
        }
        if !ok {
            // a vague source still counts with a verb of decision
            // ("officials agreed on a framework")
            let decision = self.lex.lemma(self.t(i).cue).is_some_and(|l| {
                matches!(
                    l.name.as_str(),
                    "agree" | "decide" | "conclude" | "rule" | "charge"
                )
            });
            if identified || !decision {
                return None;
            }
        }
        if !identified {
            // vague or weasel source: flagged even without content ("officials agreed")
            let SourceCand::Phrase {
                grade, core, span, ..
            } = src.clone()
            else {
                return None;
            };
            let (code, head) = self.unidentified(grade, &core);
            let (mut x, mut y) = (a.min(i), b.max(i));
            if y - x > 8 {
                // a long stretch between source and verb: flag the source
                let sa = self.tok_at(span.start);
                let sb = self.tok_end(core.end);
                (x, y) = (sa, sb.max(sa));
            }
            return Some(Found::Trig(self.trigger(
                code,
                TrigKind::Source,
                x,
                y,
                head,
            )));
        }
        Some(Found::Cue(CueCand {
            sent: self.si,
            cue,
            kind,
            source: src,
        }))
    }

    fn passive(&mut self, i: usize, be: usize, fl: u16) -> Option<Found> {
        if self.ctx.is(i + 1, "by") && self.word(i + 1) {
            return self.agent(i, i + 2, fl);
        }
        // agentless
        let widely = (be + 1..i).any(|k| {
            self.ctx.is_any(
                k,
                &[
                    "widely",
                    "generally",
                    "commonly",
                    "often",
                    "long",
                    "increasingly",
                ],
            )
        });
        let code = if fl & f::PV != 0 {
            Some(Code::VagueSource)
        } else if fl & f::PW != 0 || (fl & f::PWIDE != 0 && widely) {
            Some(Code::WeaselSource)
        } else {
            None
        }?;
        // "it was said that" / "X is said to": the reporting passive needs a
        // that-clause, an infinitive, "it" as subject, or to end a clause
        let it_subject = be > self.ta && self.ctx.is_any(be - 1, &["it"])
            || be > self.ta + 1 && self.ctx.is(be - 2, "it") && self.t(be - 1).is(c::AUX);
        let next_to = self.word(i + 1) && self.ctx.is_any(i + 1, &["to", "that", "as"]);
        if !(it_subject || next_to) {
            return None;
        }
        let a = if it_subject {
            if self.ctx.is(be - 1, "it") {
                be - 1
            } else {
                be - 2
            }
        } else {
            be
        };
        Some(Found::Trig(self.trigger(
            code,
            TrigKind::Passive,
            a,
            i,
            None,
        )))
    }

    fn agent(&mut self, i: usize, from: usize, fl: u16) -> Option<Found> {
        // "reported by CNN", "described by Johnson as"; not authorship
        // ("a book written by X", "a video posted by Y")
        let reporting = self.lex.lemma(self.t(i).cue).is_some_and(|l| {
            matches!(
                l.name.as_str(),
                "say"
                    | "report"
                    | "quote"
                    | "describe"
                    | "cite"
                    | "state"
                    | "claim"
                    | "announce"
                    | "confirm"
                    | "deny"
                    | "allege"
                    | "estimate"
                    | "predict"
                    | "note"
                    | "criticise"
                    | "criticize"
                    | "condemn"
                    | "praise"
                    | "question"
                    | "dispute"
                    | "call"
                    | "term"
                    | "label"
                    | "brand"
                    | "dub"
                    | "reveal"
                    | "disclose"
                    | "characterise"
            )
        });
        if !reporting {
            return None;
        }
        let np = self.ctx.np_fwd(from, self.tb, false)?;
        // the agent phrase stops before "as"/"to" complements
        let mut b = np.b;
        for k in from..=np.b {
            if self.ctx.is_any(k, &["as", "to"]) && k > from {
                b = k - 1;
                break;
            }
        }
        let np = Np {
            a: from,
            b,
            stop: np.stop,
        };
        let src = self.ctx.grade(np, self.ta)?;
        if fl & f::SPEECH == 0 {
            return None;
        }
        let cue = self.ctx.span(i, i + 1);
        let identified = match &src {
            SourceCand::Phrase { grade, .. } => grade.identified(),
            _ => true,
        };
        // "reported by The Guardian as … and by Associated Press as …"
        if identified {
            let mut k = b + 1;
            while k + 2 < self.tb && k <= b + 10 {
                if self.t(k).punct(';') || self.t(k).punct('.') {
                    break;
                }
                if self.ctx.is(k, "and") && self.ctx.is(k + 1, "by") {
                    if let Some(np2) = self.ctx.np_fwd(k + 2, self.tb, true)
                        && let Some(
                            src2 @ SourceCand::Phrase {
                                grade: Grade::Person | Grade::Org,
                                ..
                            },
                        ) = self.ctx.grade(np2, self.ta)
                    {
                        self.cues.push(CueCand {
                            sent: self.si,
                            cue: self.ctx.span(k + 1, k + 1),
                            kind: CueKind::Passive,
                            source: src2,
                        });
                    }
                    break;
                }
                k += 1;
            }
        }
        if identified {
            Some(Found::Cue(CueCand {
                sent: self.si,
                cue,
                kind: CueKind::Passive,
                source: src,
            }))
        } else {
            self.finish(i, src, cue, CueKind::Passive, true, i, b, 0)
        }
    }

    /// The subject of the verb at `i`.
    fn subject_before(&self, i: usize) -> Option<Subj> {
        let ta = self.ta;
        let (p, _hedge) = self.prev_word_skip(i, c::ADV | c::AUX | c::NEG, 4);
        let p = p?;
        let tp = self.t(p);
        if tp.quoted && tp.k != K::Quote {
            return None;
        }
        let subj = |src: SourceCand, tagged: bool| {
            Some(Subj {
                src,
                tagged,
                coord: false,
            })
        };
        // pronoun
        if let Some(pr) = self.ctx.pron(p) {
            if p > ta && self.t(p - 1).is(c::WH) {
                return None; // "what he described as"
            }
            let tagged = p == ta || self.ctx.boundary(Some(p - 1)) && self.t(p - 1).k != K::Word;
            // "Scientology officials went to the station, where they
            // claimed …": the pronoun's antecedent is the clause subject
            if p > ta + 1
                && !tagged
                && let Some(ante @ SourceCand::Phrase { .. }) = self.leading_subject(p)
            {
                let ok = match (&ante, pr) {
                    (SourceCand::Phrase { grade, core, .. }, Pron::They) => {
                        let ct = &self.ctx.text[core.clone()];
                        let h = ct.split_whitespace().last().unwrap_or("");
                        ct.contains(" and ")
                            || matches!(grade, Grade::Org | Grade::Vague | Grade::Weasel)
                            || h.ends_with('s') && h.chars().next().is_some_and(char::is_lowercase)
                    }
                    (SourceCand::Phrase { grade, .. }, Pron::He | Pron::She) => {
                        matches!(grade, Grade::Person | Grade::Role)
                    }
                    (SourceCand::Phrase { grade, .. }, Pron::It) => {
                        matches!(grade, Grade::Org | Grade::Doc)
                    }
                    _ => false,
                };
                if ok && ante.span().end <= self.t(p).s {
                    return subj(ante, false);
                }
            }
            return subj(
                SourceCand::Pronoun {
                    span: self.ctx.span(p, p),
                    pron: pr,
                },
                tagged,
            );
        }
        if tp.k == K::Word && tp.is(c::PRON) {
            return None; // I, we, you
        }
        // relative: "a statement which said", "Thomas Gray, 24, who cited"
        if tp.k == K::Word && tp.is(c::REL) && !tp.cap {
            let mut q = p;
            if q > ta && self.t(q - 1).punct(',') {
                q -= 1;
                // skip ", 24,"
                if q >= ta + 2 && self.t(q - 1).k == K::Num && self.t(q - 2).punct(',') {
                    q -= 2;
                }
            }
            if q == ta {
                return None;
            }
            let np = self.ctx.np_back(q - 1, ta)?;
            let np = self.chain(np, None);
            return subj(self.ctx.grade(np, ta)?, false);
        }
        // coordination: "opposed the withdrawal and said"
        if tp.k == K::Word && self.ctx.is_any(p, &["and", "but"]) {
            if self.t(i).form == Some(Form::Ing) {
                return None; // "between embracing X and criticising Y"
            }
            // "was tested and questioned": a passive pair
            let form = self.t(i).form;
            if form.is_some_and(|f| f.is_participle()) {
                let passive = (p.saturating_sub(6).max(ta)..p)
                    .any(|k| self.t(k).is(c::BE) && !self.t(k).poss);
                if passive {
                    return None;
                }
            }
            let src = self.leading_subject(p)?;
            return Some(Subj {
                src,
                tagged: false,
                coord: true,
            });
        }
        // parenthetical: "Putin, who met Modi this week, said"
        if tp.punct(',') {
            let mut k = p;
            let mut n = 0;
            while k > ta && n < 40 {
                k -= 1;
                n += 1;
                let t = self.t(k);
                if t.quoted {
                    return None;
                }
                if t.k == K::Punct && matches!(t.ch, ';' | ':') {
                    return None;
                }
                if t.punct(',') {
                    if k == ta {
                        return None;
                    }
                    let np = self.ctx.np_back(k - 1, ta)?;
                    if !self.ctx.boundary(np.stop) {
                        return None;
                    }
                    // the parenthetical itself may be the name:
                    // "The Vice President, Mike Pence, said"
                    let inner = self
                        .ctx
                        .np_back(p - 1, k + 1)
                        .filter(|x| x.a == k + 1 && x.b + 1 - x.a <= 8);
                    let np = self.chain(np, inner);
                    return subj(self.ctx.grade(np, ta)?, true);
                }
            }
            // "The security firm Secunia, has said that …": no parenthetical,
            // but an auxiliary shows the verb is finite
            if (p + 1..i).any(|k| self.t(k).is(c::AUX)) && p > ta {
                let np = self.ctx.np_back(p - 1, ta)?;
                if np.stop.is_none() {
                    return subj(self.ctx.grade(np, ta)?, false);
                }
            }
            return None;
        }
        let np = self.ctx.np_back(p, ta)?;
        let np = if self.ctx.boundary(np.stop) {
            np
        } else if let Some(s) = self.ctx.salvage(np, ta) {
            s
        } else if let Some(s) = np.stop.and_then(|s| {
            // "Mitsotakis speaking to the think tank called …"
            let ing = |k: usize| self.t(k).cue != 0 && self.t(k).form == Some(Form::Ing);
            if ing(s) {
                Some(s)
            } else if s > ta && self.t(s).is(c::PREP) && ing(s - 1) {
                Some(s - 1)
            } else {
                None
            }
        }) {
            if s == ta {
                return None;
            }
            let np2 = self.ctx.np_back(s - 1, ta)?;
            if !self.ctx.boundary(np2.stop) {
                return None;
            }
            np2
        } else {
            return None;
        };
        let tagged = np.stop.is_some_and(|s| {
            let t = self.t(s);
            t.punct(',') || (t.k == K::Quote && t.qrole == QRole::Close)
        });
        let np = self.chain(np, None);
        subj(self.ctx.grade(np, ta)?, tagged)
    }

    /// Appositive chains: "Nick Keith, Director, Best Business English",
    /// "The Labour Party's leader, Jeremy Corbyn": choose the first part whose
    /// head is a name, else the first part with a name, else the first part.
    /// `extra` is a parenthetical after `np` that is itself a phrase.
    fn chain(&self, np: Np, extra: Option<Np>) -> Np {
        let ta = self.ta;
        // (at most five parts and the parenthetical: no allocation)
        let mut buf = [np; 6];
        let mut len = 1;
        let mut cur = np;
        let mut clean = true;
        while let Some(s) = cur.stop {
            if !self.t(s).punct(',') || s == ta {
                break;
            }
            let Some(prev) = self.ctx.np_back(s - 1, ta) else {
                clean = false;
                break;
            };
            // the chain starts the clause: sentence start, a comma, or a
            // clause boundary other than a time word or an adverb
            let nounish = (prev.a..=prev.b).any(|k| {
                let x = self.t(k);
                x.k == K::Word && !x.is(c::DET | c::QUANT | c::PREP | c::CONJ)
            });
            let ok = prev.b + 1 - prev.a <= 10
                && nounish
                && match prev.stop {
                    None => true,
                    Some(ps) => {
                        let st = self.t(ps);
                        self.ctx.boundary(Some(ps)) && !(st.k == K::Word && st.is(c::TIME | c::ADV))
                    }
                };
            if !ok {
                clean = false;
                break;
            }
            buf[len] = prev;
            len += 1;
            cur = prev;
            if len > 4 {
                clean = false;
                break;
            }
        }
        if !clean {
            len = 1;
        }
        buf[..len].reverse();
        if let Some(x) = extra {
            buf[len] = x;
            len += 1;
        }
        let chunks = &buf[..len];
        if chunks.len() == 1 {
            return np;
        }
        let head_is_name = |ch: &Np| {
            let ce = self.ctx.core_end(*ch);
            let mut h = ce;
            while h > ch.a && self.t(h).k != K::Word {
                h -= 1;
            }
            self.ctx.name_word(h, ta)
        };
        if let Some(ch) = chunks.iter().find(|ch| head_is_name(ch)) {
            return *ch;
        }
        if let Some(ch) = chunks.iter().find(|ch| {
            self.ctx
                .name_in(ch.a, self.ctx.core_end(**ch), ta)
                .is_some()
        }) {
            return *ch;
        }
        chunks[0]
    }

    /// The subject of the nearest clause before `i`: "where Dr. Tomasz
    /// Stefaniak was met with applause … upon announcing".
    fn nearest_subject(&self, i: usize) -> Option<SourceCand> {
        let ta = self.ta;
        let mut k = i;
        while k > ta && i - k < 40 {
            k -= 1;
            let t = self.t(k);
            if t.quoted {
                continue;
            }
            let starts = t.punct(',')
                || t.punct(';')
                || (t.k == K::Word
                    && !t.cap
                    && self.ctx.is_any(
                        k,
                        &[
                            "where", "when", "while", "who", "which", "because", "although",
                            "though", "after", "before", "since", "if", "whereas",
                        ],
                    ));
            if !starts || k + 1 >= i {
                continue;
            }
            if let Some(pr) = self.ctx.pron(k + 1) {
                return Some(SourceCand::Pronoun {
                    span: self.ctx.span(k + 1, k + 1),
                    pron: pr,
                });
            }
            let mut e = k + 1;
            while e < i
                && (self.ctx.name_word(e, ta)
                    || (self.t(e).cap && self.t(e).is(c::TITLE))
                    || (e == k + 1 && self.t(e).is(c::DET)))
            {
                e += 1;
            }
            let verbish = |m: usize| {
                let w = self.ctx.s(m);
                self.t(m).is(c::AUX | c::VERB)
                    || self.t(m).cue != 0
                    || w.ends_with("ed")
                    || w.ends_with('s')
            };
            if e > k + 1 && e < i && self.t(e).k == K::Word && !self.t(e).cap && verbish(e) {
                let np = Np {
                    a: k + 1,
                    b: e - 1,
                    stop: Some(k),
                };
                if let Some(
                    src @ SourceCand::Phrase {
                        grade: Grade::Person | Grade::Org | Grade::Role,
                        ..
                    },
                ) = self.ctx.grade(np, ta)
                {
                    return Some(src);
                }
            }
        }
        self.leading_subject(i)
    }

    /// "as new analysis from Public Health England (PHE) out today shows":
    /// the document or study named in the clause before a research cue.
    fn research_subject(&self, i: usize) -> Option<SourceCand> {
        let ta = self.ta;
        let mut k = i;
        let mut doc = None;
        let mut n = 0;
        while k > ta && n < 18 {
            k -= 1;
            n += 1;
            let t = self.t(k);
            if t.quoted {
                return None;
            }
            if t.punct(';')
                || t.punct(':')
                || (t.k == K::Word && !t.cap && t.is(c::SUBORD | c::REL))
            {
                break;
            }
            if t.k == K::Word && t.is(c::DOC) && !t.is(c::PREP) {
                doc = Some(k);
            }
        }
        let d = doc?;
        let np = self.ctx.np_back(d, ta)?;
        let mut b = d;
        let mut m = d + 1;
        while m < i {
            let t = self.t(m);
            let ok = (t.k == K::Word
                && !t.cap
                && self
                    .ctx
                    .is_any(m, &["of", "from", "by", "for", "at", "in", "the"]))
                || self.ctx.name_word(m, ta)
                || t.punct('(') && b == m - 1
                || t.punct(')')
                || (t.k == K::Word && t.cap);
            if !ok {
                break;
            }
            if (t.k != K::Word || t.cap || !self.t(m).is(c::PREP | c::DET)) && !t.punct('(') {
                b = m;
            }
            m += 1;
        }
        let np = Np {
            a: np.a,
            b,
            stop: np.stop,
        };
        match self.ctx.grade(np, ta)? {
            s @ SourceCand::Phrase {
                grade: Grade::Doc | Grade::Org,
                ..
            } => Some(s),
            _ => None,
        }
    }

    /// The subject at the start of the clause (after an introductory phrase).
    fn leading_subject(&self, limit: usize) -> Option<SourceCand> {
        let ta = self.ta;
        let mut k = ta;
        if self.t(k).k == K::Num && k + 1 < limit && self.t(k + 1).punct('.') {
            k += 2;
        }
        if k >= limit {
            return None;
        }
        let t0 = self.t(k);
        let intro = t0.k == K::Word
            && (t0.is(c::PREP | c::TIME | c::SUBORD | c::ADV)
                || self.ctx.s(k).ends_with("ing")
                || t0.is(c::DET) && self.word(k + 1) && self.t(k + 1).is(c::TIME));
        if intro {
            let comma = (k..limit).find(|&m| self.t(m).punct(',') && !self.t(m).quoted)?;
            k = comma + 1;
        }
        if let Some(p) = self.ctx.pron(k) {
            return Some(SourceCand::Pronoun {
                span: self.ctx.span(k, k),
                pron: p,
            });
        }
        // forward: the longest phrase of name/noun words, then its chain
        let mut b = None;
        let mut m = k;
        while m < limit && m <= k + 14 {
            match self.ctx.np_back(m, k) {
                Some(np) if np.a == k && np.stop.is_none_or(|s| s < k) => b = Some(m),
                _ => {
                    // a preposition, conjunction or determiner cannot end a
                    // phrase but may be inside one
                    let t = self.t(m);
                    let inside = t.k == K::Word
                        && t.is(c::PREP | c::CONJ | c::DET)
                        && !self.ctx.is(m, "that");
                    if !inside {
                        break;
                    }
                }
            }
            m += 1;
        }
        let b = b?;
        let mut np = Np {
            a: k,
            b,
            stop: if k > ta { Some(k - 1) } else { None },
        };
        // "One of these groups, the Syrian Democratic Forces (SDF), opposed"
        if b + 1 < limit && self.t(b + 1).punct(',') {
            let mut m = b + 2;
            let mut last = None;
            while m < limit && m < b + 14 {
                if self.t(m).punct(',') {
                    last = Some(m);
                    break;
                }
                m += 1;
            }
            if let Some(cm) = last
                && let Some(app) = self.ctx.np_back(cm - 1, b + 2)
                && app.a == b + 2
                && self.ctx.name_in(np.a, self.ctx.core_end(np), ta).is_none()
                && self.ctx.name_in(app.a, app.b, ta).is_some()
            {
                np = app;
            }
        }
        self.ctx.grade(np, ta)
    }

    fn content_after(&self, i: usize) -> Content {
        let mut ci = Content::default();
        // "Rathbun stated," / "X said:" before a quoted block
        {
            let mut k = i + 1;
            while k < self.tb && self.word(k) && self.t(k).is(c::ADV) {
                k += 1;
            }
            if k + 1 == self.tb && (self.t(k).punct(',') || self.t(k).punct(':')) {
                ci.colon = true;
            }
        }
        let end = self.tb.min(i + 18);
        let mut k = i + 1;
        while k < end {
            let t = self.t(k);
            // another reporting verb after a comma takes what follows:
            // "Kemp, who wrote the bill, called it "…""
            if k > i + 1 && t.k == K::Word && t.cue != 0 && !t.cap && self.t(k - 1).punct(',') {
                break;
            }
            if t.k == K::Quote && t.qrole == QRole::Open {
                ci.quote = true;
                if k <= i + 9 {
                    ci.quote_near = true;
                }
                break;
            }
            if t.quoted {
                k += 1;
                continue;
            }
            if t.k == K::Punct {
                match t.ch {
                    ':' => {
                        ci.colon = true;
                    }
                    ';' | '.' => break,
                    _ => {}
                }
            }
            if t.k == K::Word {
                let w = self.ctx.s(k);
                if w.eq_ignore_ascii_case("that") {
                    // "said that", "told reporters that", "wrote on social
                    // media on Friday that"; not "a border that"
                    let adverbial = (i + 1..k).all(|m| {
                        let x = self.t(m);
                        x.k == K::Num
                            || x.punct(',')
                            || (x.k == K::Word
                                && (x.cap
                                    || x.is(c::PREP
                                        | c::DET
                                        | c::TIME
                                        | c::PLATFORM
                                        | c::ROLE
                                        | c::ORG
                                        | c::DOC
                                        | c::VAGUE_N
                                        | c::WEASEL_N
                                        | c::QUANT
                                        | c::ADV)))
                    });
                    if k <= i + 4 || self.t(k - 1).punct(',') || adverbial {
                        ci.that = true;
                    }
                } else if w.eq_ignore_ascii_case("as") && k <= i + 8 {
                    ci.as_ = true;
                } else if t.is(c::WH) || self.ctx.kw(k, kw::WH_CLAUSE) {
                    ci.wh = true;
                } else if w.eq_ignore_ascii_case("to") && k <= i + 6 {
                    ci.to_inf = true;
                } else if k <= i + 3
                    && (self.ctx.pron(k).is_some() || self.ctx.is_any(k, &["i", "we"]))
                    && k + 1 < self.tb
                    && self.t(k + 1).k == K::Word
                    && !self.t(k + 1).cap
                    && !self.t(k + 1).is(c::PREP | c::DET | c::CONJ)
                {
                    // a clause: "indicated they would appeal", "said he can"
                    ci.pron = true;
                } else if t.is(c::PLATFORM) && k <= i + 5 {
                    ci.platform = true;
                }
            }
            k += 1;
        }
        ci
    }

    /// "In its ruling, the court …", "In a statement, the ministry …".
    fn intro_cue(&mut self) {
        let ta = self.ta;
        if !self.ctx.is(ta, "in") {
            return;
        }
        let mut k = ta + 1;
        let mut doc = None;
        while k < self.tb && k <= ta + 5 {
            let t = self.t(k);
            if t.punct(',') {
                break;
            }
            if t.k == K::Word
                && (t.is(c::DOC) || self.ctx.is_any(k, &["speech", "remarks", "testimony"]))
            {
                doc = Some(k);
            }
            k += 1;
        }
        let (Some(d), true) = (doc, k < self.tb && self.t(k).punct(',')) else {
            return;
        };
        if !self.word(ta + 1) || !(self.t(ta + 1).is(c::DET) || self.t(ta + 1).poss) {
            return;
        }
        let Some(src) = self.leading_subject(self.tb) else {
            return;
        };
        if let SourceCand::Phrase { grade, .. } = &src
            && !grade.identified()
        {
            return;
        }
        self.cues.push(CueCand {
            sent: self.si,
            cue: self.ctx.span(ta, d),
            kind: CueKind::Intro,
            source: src,
        });
    }

    // ------------------------------------------------------------------
    // claims

    fn claims(&mut self, extra: &Extra) {
        let mut stat_done = false;
        if extra.weasel.is_empty() && extra.vague.is_empty() {
            // (only the candidates: other tokens have nothing to check)
            let list = self.cands[1];
            for &i in list {
                self.claim_at(i, extra, &mut stat_done);
            }
        } else {
            for i in self.ta..self.tb {
                self.claim_at(i, extra, &mut stat_done);
            }
        }
    }

    /// The claim checks at token `i`.
    fn claim_at(&mut self, i: usize, extra: &Extra, stat_done: &mut bool) {
        let (ta, tb) = (self.ta, self.tb);
        let t = *self.t(i);
        if t.quoted {
            return;
        }
        if t.k == K::Num {
            if !*stat_done && self.number_stat(i) {
                *stat_done = true;
            }
            return;
        }
        if t.k != K::Word {
            return;
        }
        // hedging adverbs: "reportedly"
        if t.is(c::VAGUE_ADV) && !t.cap || (t.cap && i == ta && t.is(c::VAGUE_ADV)) {
            let mut tr = self.trigger(Code::VagueSource, TrigKind::HedgeAdverb, i, i, None);
            // "UNESCO reportedly said": qualifies an identified cue
            let mut k = i + 1;
            while k < tb && self.word(k) && self.t(k).is(c::ADV | c::AUX) {
                k += 1;
            }
            if k < tb
                && self.word(k)
                && let Some(cc) = self.cues.iter().find(|cc| cc.cue.start == self.t(k).s)
            {
                tr.hedges_cue = Some(cc.cue.clone());
            }
            self.push_trig(tr);
            return;
        }
        if t.is(c::CRITICISM) {
            self.criticism(i);
        }
        if t.is(c::VAGUE_N) && self.ctx.is_any(i, &["reports", "rumours", "rumors"]) {
            self.reports(i);
        }
        if t.is(c::PHRASE) {
            self.phrases(i, stat_done);
        }
        if !extra.weasel.is_empty() || !extra.vague.is_empty() {
            for (list, code) in [
                (&extra.weasel, Code::WeaselSource),
                (&extra.vague, Code::VagueSource),
            ] {
                for p in list.iter() {
                    if let Some(end) = self.match_words(i, p) {
                        let tr = self.trigger(code, TrigKind::Phrase, i, end, None);
                        self.push_trig(tr);
                    }
                }
            }
        }
        self.assertion(i);
        if !*stat_done && self.word_stat(i) {
            *stat_done = true;
        }
    }

    /// Match lowercase `words` at token `i`; the last token index on success.
    fn match_words(&self, i: usize, words: &[String]) -> Option<usize> {
        let mut k = i;
        for (n, w) in words.iter().enumerate() {
            while n > 0 && k < self.tb && self.t(k).k != K::Word && self.t(k).k != K::Num {
                if self.t(k).k == K::Punct && !matches!(self.t(k).ch, '-' | '–') {
                    return None;
                }
                k += 1;
            }
            if k >= self.tb || self.t(k).quoted {
                return None;
            }
            if !self.match_text(k).eq_ignore_ascii_case(w) {
                return None;
            }
            k += 1;
        }
        Some(k - 1)
    }

    /// Token `k`'s text as phrase words are compared: without a possessive
    /// `'s` and a final period.
    fn match_text(&self, k: usize) -> &'a str {
        let tk = self.t(k);
        let s = &self.ctx.text[tk.s..tk.e];
        let s = s
            .strip_suffix("'s")
            .or_else(|| s.strip_suffix("’s"))
            .filter(|_| tk.poss)
            .unwrap_or(s);
        s.strip_suffix('.').unwrap_or(s)
    }

    fn phrases(&mut self, i: usize, stat_done: &mut bool) {
        let t = self.t(i);
        // every phrase has a second word: a plain word after this one that
        // is none, or no word, rejects them all
        if i + 1 >= self.tb || self.t(i + 1).is(c::PLAIN) && !self.t(i + 1).is(c::PHRASE2) {
            return;
        }
        // (the first word's tests are made only for a matching phrase)
        let w0: &'a str = self.ctx.s(i);
        let first_is = |w: &str| w0.eq_ignore_ascii_case(w);
        // the word after `i` as `match_words` compares it: most phrases
        // fail on their second word, rejected here without a call
        let next = (i + 1 < self.tb && !self.t(i + 1).quoted).then(|| self.match_text(i + 1));
        for p in self.lex.phrases(t.phrase) {
            if let Some(w) = p.rest.first()
                && !next.is_some_and(|s| s.eq_ignore_ascii_case(w))
            {
                continue;
            }
            let Some(end) =
                self.match_words(i + 1, &p.rest)
                    .or(if p.rest.is_empty() { Some(i) } else { None })
            else {
                continue;
            };
            if end < i {
                continue;
            }
            match p.tag {
                PhraseTag::Vague => {
                    let kind = if first_is("by") || first_is("there") {
                        TrigKind::Reports
                    } else {
                        TrigKind::Phrase
                    };
                    let tr = self.trigger(Code::VagueSource, kind, i, end, None);
                    self.push_trig(tr);
                }
                PhraseTag::Weasel => {
                    let tr = self.trigger(Code::WeaselSource, TrigKind::Phrase, i, end, None);
                    self.push_trig(tr);
                }
                PhraseTag::Assert => {
                    let kind = if first_is("will")
                        || first_is("is") && p.rest.first().is_some_and(|w| w == "set")
                    {
                        TrigKind::Prediction
                    } else {
                        TrigKind::Evaluation
                    };
                    let tr = self.trigger(Code::UnsupportedAssertion, kind, i, end, None);
                    self.push_trig(tr);
                }
                PhraseTag::Superlative => {
                    if !*stat_done {
                        // "times more likely" needs its number: "5 times"
                        let a = if first_is("times")
                            && i > self.ta
                            && matches!(self.t(i - 1).k, K::Num | K::Word)
                        {
                            i - 1
                        } else {
                            i
                        };
                        if first_is("times") && a == i {
                            continue;
                        }
                        let tr = self.trigger(
                            Code::UnsourcedStatistic,
                            TrigKind::Superlative,
                            a,
                            end,
                            None,
                        );
                        self.push_trig(tr);
                        *stat_done = true;
                    }
                }
                PhraseTag::Percent => {}
            }
        }
    }

    /// "amid criticism that …" (not "criticism by the minister").
    fn criticism(&mut self, i: usize) {
        let tb = self.tb;
        // named holder: "criticism by/from X"
        if i + 2 < tb
            && self.ctx.is_any(i + 1, &["by", "from"])
            && let Some(np) = self.ctx.np_fwd(i + 2, tb, false)
            && let Some(src) = self.ctx.grade(np, self.ta)
            && match &src {
                SourceCand::Phrase { grade, .. } => grade.identified(),
                _ => true,
            }
        {
            return;
        }
        let strong = self.ctx.is_any(
            i,
            &[
                "criticism",
                "criticisms",
                "backlash",
                "outcry",
                "condemnation",
            ],
        );
        let that_follows = self.ctx.is(i + 1, "that");
        let mut k = i;
        let mut framed = false;
        let mut steps = 0;
        while k > self.ta && steps < 3 {
            k -= 1;
            steps += 1;
            if self.ctx.is_any(
                k,
                &[
                    "amid",
                    "despite",
                    "following",
                    "after",
                    "faced",
                    "faces",
                    "facing",
                    "drew",
                    "draws",
                    "sparked",
                    "prompted",
                    "attracted",
                    "received",
                    "over",
                    "under",
                    "growing",
                    "mounting",
                    "widespread",
                ],
            ) {
                framed = true;
                break;
            }
            if !self.word(k) || self.t(k).is(c::CONJ) {
                break;
            }
        }
        let ok = if strong {
            framed || that_follows
        } else {
            framed && (that_follows || self.ctx.is(k, "amid"))
        };
        if !ok {
            return;
        }
        let a = if framed { k } else { i };
        let noun = Some(self.ctx.s(i).to_lowercase());
        let tr = self.trigger(Code::WeaselSource, TrigKind::Criticism, a, i, noun);
        self.push_trig(tr);
    }

    /// "Reports on the implement vary", "there had been reports", "media reports".
    fn reports(&mut self, i: usize) {
        let ta = self.ta;
        let prev_ok = i == ta
            || {
                let p = self.t(i - 1);
                p.punct(',')
                    || p.punct(';')
                    || p.punct(':')
                    || (p.k == K::Word
                        && !p.cap
                        && (self.ctx.is_any(
                            i - 1,
                            &[
                                "by",
                                "been",
                                "are",
                                "were",
                                "of",
                                "media",
                                "local",
                                "news",
                                "press",
                                "initial",
                                "unconfirmed",
                                "early",
                                "conflicting",
                                "some",
                                "several",
                                "many",
                                "amid",
                                "despite",
                                "following",
                                "after",
                                "recent",
                                "earlier",
                                "later",
                                "other",
                                "and",
                                "but",
                                "with",
                                "state",
                                "separate",
                                "multiple",
                            ],
                        )))
            }
            || (i == ta + 1 && self.t(ta).cap);
        if !prev_ok {
            return;
        }
        // "reports by the BBC" name their source
        if i + 2 < self.tb
            && self.ctx.is_any(i + 1, &["by", "from", "in"])
            && self.ctx.name_word(i + 2, ta)
        {
            return;
        }
        // a verb, not a noun: "Police reports"?
        let a = if i > ta
            && self.word(i - 1)
            && self.ctx.is_any(
                i - 1,
                &[
                    "media",
                    "local",
                    "news",
                    "press",
                    "initial",
                    "unconfirmed",
                    "by",
                    "state",
                ],
            ) {
            i - 1
        } else {
            i
        };
        let tr = self.trigger(
            Code::VagueSource,
            TrigKind::Reports,
            a,
            i,
            Some("report".into()),
        );
        self.push_trig(tr);
    }

    fn assertion(&mut self, i: usize) {
        let t = *self.t(i);
        let tb = self.tb;
        // sentence adverbs: "apparently"
        if t.is(c::HEDGE) {
            let tr = self.trigger(
                Code::UnsupportedAssertion,
                TrigKind::AssertHedge,
                i,
                i,
                None,
            );
            self.push_trig(tr);
            return;
        }
        // intensifier + emotion/evaluation: "increasingly frustrated"
        if t.is(c::INTENS) && !t.cap && i + 1 < tb && self.word(i + 1) {
            let n = self.t(i + 1);
            if n.is(c::EMOTION | c::EVAL) {
                let kind = if n.is(c::EMOTION) {
                    TrigKind::Emotion
                } else {
                    TrigKind::Evaluation
                };
                let a = if i > self.ta && self.t(i - 1).is(c::LINK) {
                    i - 1
                } else {
                    i
                };
                let tr = self.trigger(Code::UnsupportedAssertion, kind, a, i + 1, None);
                self.push_trig(tr);
                return;
            }
        }
        // linking verb + emotion/evaluation: "was successful", "remains unclear"
        if t.is(c::LINK) && !t.cap {
            let mut k = i + 1;
            while k < tb && self.word(k) && self.t(k).is(c::NEG) {
                k += 1;
            }
            if k < tb
                && self.word(k)
                && self.t(k).is(c::EMOTION | c::EVAL)
                && !self.t(k).is(c::INTENS)
            {
                // "was successful in …" but not "is unclear" inside "it is unclear" (a phrase)
                let kind = if self.t(k).is(c::EMOTION) {
                    TrigKind::Emotion
                } else {
                    TrigKind::Evaluation
                };
                let tr = self.trigger(Code::UnsupportedAssertion, kind, i, k, None);
                self.push_trig(tr);
                return;
            }
        }
        // "significant credibility", "widespread attention"
        if t.is(c::QADJ) && !t.cap && i + 1 < tb && self.word(i + 1) {
            let mut k = i + 1;
            if self.t(k).is(c::CONJ) {
                return;
            }
            if k + 1 < tb
                && self.word(k + 1)
                && self.t(k + 1).is(c::QUALITY)
                && !self.t(k).is(c::QUALITY)
            {
                k += 1; // one more adjective
            }
            if self.t(k).is(c::QUALITY) {
                let tr = self.trigger(Code::UnsupportedAssertion, TrigKind::Evaluation, i, k, None);
                self.push_trig(tr);
                return;
            }
        }
        // "will help reduce …": a benefit predicted in the narrator's voice
        if t.is(c::AUX)
            && self.ctx.is(i, "will")
            && self.word(i + 1)
            && self.ctx.is(i + 1, "help")
            && self.word(i + 2)
            && !self.t(i + 2).cap
            && !self.ctx.is_any(i + 2, &["to", "with", "the", "a", "an"])
        {
            let tr = self.trigger(
                Code::UnsupportedAssertion,
                TrigKind::Prediction,
                i,
                i + 2,
                None,
            );
            self.push_trig(tr);
            return;
        }
        // ", suggesting …"
        if t.is(c::INFERENCE) && i > self.ta && self.t(i - 1).punct(',') {
            let tr = self.trigger(Code::UnsupportedAssertion, TrigKind::Inference, i, i, None);
            self.push_trig(tr);
        }
    }

    /// True when the sentence has a rule or a target, where a percentage is
    /// a threshold ("must receive at least 15%"), not a measurement.
    fn rule_context(&mut self) -> bool {
        if let Some(r) = self.rule {
            return r;
        }
        let r = (self.ta..self.tb).any(|k| self.word(k) && self.t(k).is(c::RULE));
        self.rule = Some(r);
        r
    }

    /// A count is an aggregate figure, not the tally of one event: a
    /// perfect tense ("have used"), a scale word ("2 million"), or a marker
    /// of a total or a rate ("so far", "since", "every day", "worldwide").
    fn aggregate_context(&self) -> bool {
        (self.ta..self.tb).any(|k| {
            let t = self.t(k);
            if t.k != K::Word || t.quoted {
                return false;
            }
            let w = self.ctx.s(k);
            (t.is(c::SCALE)
                && self.ctx.is_any(
                    k,
                    &["million", "millions", "billion", "billions", "trillion"],
                ))
                || self.ctx.is_any(
                    k,
                    &[
                        "since",
                        "far",
                        "every",
                        "each",
                        "per",
                        "annually",
                        "annual",
                        "yearly",
                        "worldwide",
                        "globally",
                        "nationwide",
                        "total",
                        "overall",
                        "altogether",
                        "average",
                        "already",
                        "currently",
                        "now",
                        "world",
                        "country",
                        "subsequently",
                        "record",
                        "estimated",
                    ],
                )
                || (self.ctx.is_any(k, &["has", "have"])
                    && k + 1 < self.tb
                    && self.t(k + 1).k == K::Word
                    && (self.ctx.s(k + 1).ends_with("ed")
                        || self.t(k + 1).form.is_some_and(|f| f.is_participle())
                        || self.t(k + 1).is(c::VERB)
                        || self.t(k + 1).is(c::ADV)))
                || w.eq_ignore_ascii_case("between")
        })
    }

    fn number_stat(&mut self, i: usize) -> bool {
        let tb = self.tb;
        let s = self.ctx.s(i);
        // percentage
        let pct_word = i + 1 < tb
            && (self.t(i + 1).punct('%')
                || self.word(i + 1)
                    && (self.t(i + 1).is(c::PERCENT)
                        || self.ctx.is_any(i + 1, &["percent", "pc"])));
        let pct_end = if pct_word {
            Some(i + 1)
        } else if i + 2 < tb && self.ctx.is(i + 1, "per") && self.ctx.is(i + 2, "cent") {
            Some(i + 2)
        } else if s.ends_with('%') {
            Some(i)
        } else {
            None
        };
        if let Some(e) = pct_end {
            if self.rule_context() {
                return false;
            }
            let tr = self.trigger(Code::UnsourcedStatistic, TrigKind::Percent, i, e, None);
            self.push_trig(tr);
            return true;
        }
        // "N times more likely"
        if i + 2 < tb
            && self.ctx.is(i + 1, "times")
            && self.ctx.is_any(
                i + 2,
                &["more", "less", "as", "higher", "greater", "lower", "faster"],
            )
        {
            let tr = self.trigger(
                Code::UnsourcedStatistic,
                TrigKind::Superlative,
                i,
                i + 2,
                None,
            );
            self.push_trig(tr);
            return true;
        }
        // large counts of people: "35 million people", "3,438,373 people"
        let mut value: u64 = 0;
        let mut ndigits = 0;
        for ch in s.bytes() {
            if ch.is_ascii_digit() {
                value = value.saturating_mul(10).saturating_add((ch - b'0') as u64);
                ndigits += 1;
            } else if ch == b'.' {
                break;
            }
        }
        let digits_len = ndigits;
        let has_sep = s.contains(',');
        let year_like = !has_sep && digits_len == 4 && (1000..=2100).contains(&value);
        let mut k = i + 1;
        let mut scaled = false;
        if k < tb && self.word(k) && self.t(k).is(c::SCALE) {
            scaled = true;
            k += 1;
        }
        let big = scaled || (!year_like && value >= 1000 && !s.contains(':') && !s.contains('/'));
        if !big {
            return false;
        }
        for m in k..tb.min(k + 3) {
            if !self.word(m) {
                break;
            }
            if self.t(m).is(c::RESULTS) {
                return false;
            }
            if self.t(m).is(c::COUNTED) {
                if !self.aggregate_context() {
                    return false;
                }
                let tr = self.trigger(Code::UnsourcedStatistic, TrigKind::Count, i, m, None);
                self.push_trig(tr);
                return true;
            }
        }
        false
    }

    fn word_stat(&mut self, i: usize) -> bool {
        let tb = self.tb;
        let t = *self.t(i);
        if !t.is(c::SPELLED | c::SCALE | c::CHANGE) {
            return false;
        }
        // "Ninety per cent"
        if t.is(c::SPELLED) {
            let pct = if i + 2 < tb && self.ctx.is(i + 1, "per") && self.ctx.is(i + 2, "cent") {
                Some(i + 2)
            } else if i + 1 < tb && self.ctx.is(i + 1, "percent") {
                Some(i + 1)
            } else {
                None
            };
            if let Some(e) = pct
                && !self.rule_context()
            {
                let tr = self.trigger(Code::UnsourcedStatistic, TrigKind::Percent, i, e, None);
                self.push_trig(tr);
                return true;
            }
        }
        // "a quarter of a million people", "tens of thousands"
        if self.ctx.is_any(i, &["tens", "hundreds"])
            && self.ctx.is(i + 1, "of")
            && i + 2 < tb
            && self.ctx.is_any(i + 2, &["thousands", "millions"])
        {
            if !self.aggregate_context() {
                return false;
            }
            let tr = self.trigger(Code::UnsourcedStatistic, TrigKind::Count, i, i + 2, None);
            self.push_trig(tr);
            return true;
        }
        if t.is(c::SCALE)
            && self
                .ctx
                .is_any(i, &["million", "billion", "millions", "billions"])
        {
            // "a quarter of a million people", "millions of people"
            let mut m = i + 1;
            if self.ctx.is(m, "of") {
                m += 1;
            }
            for k in m..tb.min(m + 3) {
                if !self.word(k) {
                    break;
                }
                if self.t(k).is(c::COUNTED) {
                    let mut a = i;
                    while a > self.ta
                        && a + 6 > i
                        && (self.word(a - 1)
                            && self.t(a - 1).is(c::SPELLED | c::DET | c::PREP | c::QUANT)
                            || self.ctx.is_any(
                                a - 1,
                                &[
                                    "over", "nearly", "almost", "about", "around", "than", "more",
                                ],
                            ))
                    {
                        a -= 1;
                    }
                    if !self.aggregate_context() {
                        return false;
                    }
                    let tr = self.trigger(Code::UnsourcedStatistic, TrigKind::Count, a, k, None);
                    self.push_trig(tr);
                    return true;
                }
            }
        }
        // "the rate doubled"
        if t.is(c::CHANGE) {
            let measure = (self.ta..i).rev().take(10).any(|k| {
                self.word(k)
                    && self.ctx.is_any(
                        k,
                        &[
                            "rate",
                            "rates",
                            "number",
                            "numbers",
                            "share",
                            "proportion",
                            "level",
                            "levels",
                            "cases",
                            "price",
                            "prices",
                            "cost",
                            "costs",
                            "population",
                            "sales",
                            "use",
                            "figure",
                            "figures",
                            "incidence",
                            "prevalence",
                        ],
                    )
            });
            if measure {
                let tr = self.trigger(Code::UnsourcedStatistic, TrigKind::Change, i, i, None);
                self.push_trig(tr);
                return true;
            }
        }
        false
    }

    // ------------------------------------------------------------------
    // sentence facts

    fn info(&self) -> SentInfo {
        let (ta, tb) = (self.ta, self.tb);
        let mut si = SentInfo::default();
        if ta >= tb {
            return si;
        }
        let last = (ta..tb)
            .rev()
            .find(|&k| !(self.t(k).k == K::Quote && self.t(k).qrole == QRole::Close));
        if let Some(l) = last {
            si.ends_colon = self.t(l).punct(':');
            si.ends_comma = self.t(l).punct(',');
        }
        let mut k0 = ta;
        if self.t(k0).k == K::Num
            && k0 + 1 < tb
            && self.t(k0 + 1).punct('.')
            && self.ctx.s(k0).len() <= 2
        {
            si.numbered = true;
            k0 += 2;
        }
        if k0 < tb {
            let t0 = self.t(k0);
            si.quote_start = t0.k == K::Quote && t0.qrole == QRole::Open;
            si.pron_start = self.ctx.pron(k0);
            si.time_start = t0.k == K::Word
                && (t0.is(c::TIME)
                    || (self.ctx.kw(k0, kw::TIME_INTRO)
                        && k0 + 1 < tb
                        && (self.t(k0 + 1).is(c::TIME)
                            || self.t(k0 + 1).k == K::Num
                            || (self.ctx.is(k0 + 1, "the")
                                && k0 + 2 < tb
                                && self.t(k0 + 2).is(c::TIME)))));
            si.continues = t0.k == K::Word
                && (self.ctx.kw(k0, kw::CONTINUES)
                    || (self.ctx.is(k0, "the") && self.ctx.is(k0 + 1, "other"))
                    || (self.ctx.is(k0, "in") && self.ctx.is(k0 + 1, "addition"))
                    || (self.ctx.pron(k0).is_some() && self.ctx.is(k0 + 1, "also")));
        }
        // one walk over the candidate tokens for the first person,
        // name-like phrases ("the first ones"), names of bodies and
        // semicolons; a name or a body found skips the tokens it covers
        let (mut names_from, mut orgs_from) = (ta, ta);
        let list = self.cands[2];
        for &k in list {
            let t = self.t(k);
            if t.k == K::Punct {
                if t.ch == ';' && !t.quoted {
                    si.semis.push(t.s);
                }
                continue;
            }
            if t.k != K::Word || t.quoted {
                continue;
            }
            if t.is(c::FIRST_PERSON) && (!t.allcaps || t.e - t.s == 1) {
                si.first_person = true;
            }
            // name-like phrases (`cap || hy`: what `name_word` needs first)
            if (t.cap || t.hy)
                && k >= names_from
                && si.names.len() < 3
                && self.ctx.name_word(k, ta)
                && (k != ta || !t.is(c::FUNCTION))
            {
                let mut e = k;
                while e + 1 < tb
                    && (self.ctx.name_word(e + 1, ta)
                        || self.t(e + 1).is(c::PARTICLE)
                            && e + 2 < tb
                            && self.ctx.name_word(e + 2, ta))
                {
                    e += 1;
                }
                si.names.push(self.ctx.span(k, e));
                names_from = e + 1;
            }
            // names of bodies: "the European Court of Justice", "Labour Party"
            if t.cap && t.is(c::ORG) && k >= orgs_from {
                let capw = |m: usize| {
                    self.t(m).k == K::Word
                        && self.t(m).cap
                        && !self.t(m).quoted
                        && !self.t(m).is(c::DET)
                };
                let mut a = k;
                while a > ta && capw(a - 1) {
                    a -= 1;
                }
                let mut b = k;
                loop {
                    if b + 1 < tb && capw(b + 1) {
                        b += 1;
                    } else if b + 2 < tb
                        && self.ctx.is_any(b + 1, &["of", "for", "on"])
                        && capw(b + 2)
                    {
                        b += 2;
                    } else {
                        break;
                    }
                }
                if b > a && si.orgs.len() < 4 {
                    si.orgs.push(self.ctx.span(a, b));
                }
                orgs_from = b + 1;
            }
        }
        // the clause subject is needed where a paragraph introduces the next
        // ones ("Nick Keith, Director, found the support invaluable,")
        if si.ends_colon || si.ends_comma {
            si.subject = self.leading_subject(tb);
        }
        si
    }
}

/// The classes a claim check needs on its word (hedge adverbs, criticism,
/// reports, phrases, assertions, word statistics); see `Sent::claims`.
const CLAIM_START: u64 = c::VAGUE_ADV
    | c::CRITICISM
    | c::VAGUE_N
    | c::PHRASE
    | c::HEDGE
    | c::INTENS
    | c::LINK
    | c::QADJ
    | c::AUX
    | c::INFERENCE
    | c::SPELLED
    | c::SCALE
    | c::CHANGE;

struct Subj {
    src: SourceCand,
    /// Set off by a comma or a quotation: a tag like ", he said".
    tagged: bool,
    /// Found through a coordinated verb ("opposed it and said").
    coord: bool,
}

#[derive(Default)]
struct Content {
    that: bool,
    quote: bool,
    quote_near: bool,
    colon: bool,
    as_: bool,
    wh: bool,
    pron: bool,
    to_inf: bool,
    platform: bool,
}

/// Where "Add attribution" inserts in a sentence: before its final
/// punctuation, or after a closing quotation mark or bracket that ends it.
pub fn fix_pos(text: &str, span: Span) -> usize {
    let s = span.start.min(text.len());
    let mut e = span.end.min(text.len()).max(s);
    while e > s {
        let Some(ch) = text[s..e].chars().next_back() else {
            break;
        };
        if ch.is_whitespace() {
            e -= ch.len_utf8();
        } else {
            break;
        }
    }
    let Some(last) = text[s..e].chars().next_back() else {
        return s;
    };
    if matches!(last, '"' | '”' | '’' | '\'' | ')' | ']' | '»') {
        return e;
    }
    let mut p = e;
    while p > s {
        let Some(ch) = text[s..p].chars().next_back() else {
            break;
        };
        if matches!(ch, '.' | '!' | '?' | ':' | ';' | ',' | '…') {
            p -= ch.len_utf8();
        } else {
            break;
        }
    }
    p
}

/// The message for a trigger.
fn message(code: Code, kind: TrigKind, phrase: &str, noun: Option<&str>) -> String {
    // whitespace runs made single spaces (the phrase as it is when it has
    // none: no allocation), lowercased only where a message needs it
    let p: std::borrow::Cow<str> = if phrase.starts_with(' ')
        || phrase.ends_with(' ')
        || phrase.contains("  ")
        || phrase.chars().any(|c| c.is_whitespace() && c != ' ')
    {
        phrase
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .into()
    } else {
        phrase.into()
    };
    let lower = || p.to_lowercase();
    match (code, kind) {
        (Code::VagueSource, TrigKind::Source) => {
            let who = noun.unwrap_or("source");
            let plural = if who.ends_with('s') || who == "media" {
                who.to_string()
            } else {
                format!("{who}s")
            };
            format!(
                "“{p}” — which {plural}? Name the person, body or document, or attribute the claim to an identified source."
            )
        }
        (Code::WeaselSource, TrigKind::Source) => format!(
            "“{p}” — who exactly? Name them or cite their work, or attribute the claim to an identified source."
        ),
        (_, TrigKind::HedgeAdverb) => {
            let lower = lower();
            let verb = lower.trim_end_matches("ly").trim_end_matches("ed");
            let verb = match verb {
                "reported" | "report" => "reported",
                "alleg" => "alleged",
                "purport" => "claimed",
                "suppos" => "supposed",
                "reput" => "reputed",
                _ => "said",
            };
            format!("“{p}” — {verb} by whom? Name the outlet or person, or attribute the claim.")
        }
        (Code::VagueSource, TrigKind::Passive) => {
            let verb = lower()
                .split_whitespace()
                .last()
                .unwrap_or("said")
                .to_string();
            format!("“{p}” — {verb} by whom? Name who {verb} it, or attribute the claim.")
        }
        (Code::WeaselSource, TrigKind::Passive) => {
            let verb = lower()
                .split_whitespace()
                .last()
                .unwrap_or("believed")
                .to_string();
            format!("“{p}” — {verb} by whom? Name who holds this view, or attribute it.")
        }
        (_, TrigKind::Reports) => {
            format!(
                "“{p}” — whose reports? Name the outlet or the person reporting, or attribute the claim."
            )
        }
        (_, TrigKind::Criticism) => {
            let n = noun.unwrap_or("criticism");
            let verb = match n {
                "criticism" | "criticisms" => "criticised it".to_string(),
                "backlash" | "outcry" | "condemnation" => "objected".to_string(),
                other => format!("voiced the {other}"),
            };
            format!("“{n}” — whose? Name who {verb}, or attribute it.")
        }
        (Code::VagueSource, _) => format!(
            "“{p}” — a source type without a name. Say who, or attribute the claim to an identified source."
        ),
        (Code::WeaselSource, _) => format!(
            "“{p}” — who says so? Name the people who hold this view, or attribute the claim."
        ),
        (Code::UnsourcedStatistic, _) => format!(
            "“{p}” — where does this figure come from? Cite the survey, agency or dataset, or attribute it."
        ),
        (Code::UnsupportedAssertion, TrigKind::AssertHedge) => {
            format!("“{p}” — apparent to whom? Attribute the inference, or state what is known.")
        }
        (Code::UnsupportedAssertion, TrigKind::Emotion) => {
            format!("“{p}” — says who? Cite who described this state of mind, or attribute it.")
        }
        (Code::UnsupportedAssertion, TrigKind::Inference) => format!(
            "“{p}” — whose conclusion? Attribute the inference, or state the facts behind it."
        ),
        (Code::UnsupportedAssertion, TrigKind::Prediction) => {
            format!("“{p}” — whose prediction? Attribute it, or state what is planned.")
        }
        (Code::UnsupportedAssertion, _) => format!(
            "“{p}” — whose judgement? Attribute the evaluation, or state the facts behind it."
        ),
        (Code::QuoteWithoutSpeaker, _) => {
            format!("Quotation “{p}” has no speaker. Say who said it.")
        }
    }
}

/// The message for a quotation without a speaker.
pub fn quote_message(preview: &str) -> String {
    message(Code::QuoteWithoutSpeaker, TrigKind::Quote, preview, None)
}

#[allow(dead_code)]
fn _unused(_: Pron) {}
