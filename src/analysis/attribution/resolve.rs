//! The document pass: quotes across paragraphs, speakers, pronouns and role
//! phrases, carry-over, and the findings.

use super::scan::quote_message;
use super::{CueKind, Grade, ParaAttribution, Pron, Resolved, SentInfo, SourceCand, TrigKind};
use crate::analysis::blocks::BlockKind;
use crate::analysis::findings::{Code, Finding, Related};
use crate::analysis::paragraph::View;
use crate::analysis::people::{Gender, Person};
use crate::analysis::text::Span;
use crate::analysis::{Attribution, Paragraph, Quote, Sentence, SourceKind};
use crate::settings::{Level, Settings};
use std::borrow::Cow;

/// A source after resolution.
///
/// Texts borrow from the document or the people where they can (most
/// sources are a phrase of the text as written): no allocation per source.
#[derive(Debug, Clone)]
struct Src<'a> {
    text: Cow<'a, str>,
    kind: SourceKind,
    person: Option<usize>,
    span: Option<Span>,
    /// Where the phrase as written is (for role back-references, which
    /// compare its words lowercased).
    phrase: Span,
    plural: bool,
}

/// A quotation across paragraphs (document offsets).
#[derive(Debug, Clone)]
struct GQuote<'a> {
    start: usize,
    end: usize,
    /// Document sentence indices of the opening and closing marks.
    open_sent: usize,
    close_sent: usize,
    /// Index of the first paragraph and its local quote.
    para: usize,
    local: usize,
    speech: bool,
    strong: bool,
    framed: bool,
    preview: &'a str,
    /// The opening mark starts its sentence.
    starts_sentence: bool,
    /// End of the quote inside its first paragraph (for the finding range).
    first_end: usize,
}

struct Doc<'a> {
    text: &'a str,
    paras: &'a [View<'a>],
    paragraphs: &'a [Paragraph],
    people: &'a [Person],
    /// (start, end, person) of every mention, sorted.
    /// (start, end, person, mention) of every mention, sorted (the
    /// analysis' `mention_index`).
    mentions: &'a [(usize, usize, usize, usize)],
    /// Paragraph of each document sentence.
    sent_para: Vec<usize>,
    sent_span: Vec<Span>,
    /// Own attributions (from cues), memoised: None = not computed.
    own: Vec<Option<Option<A>>>,
    /// Final attribution of each sentence, and whether it was inherited.
    fin: Vec<Option<A>>,
    inherited: Vec<bool>,
    quote_of: Vec<Option<usize>>,
    quotes: Vec<GQuote<'a>>,
    speakers: Vec<Option<Option<A>>>,
    /// Every attribution made, indexed by [`A`].
    attrs: Vec<Attr<'a>>,
    /// Full person names met so far (for "Erdogan" → "Recep Tayyip Erdoğan"),
    /// with their folded last word.
    full_names: Vec<(Cow<'a, str>, String)>,
    /// Scratch buffer for folded words.
    fold_buf: String,
    /// Lowercase descriptors of each person, built on first use.
    descriptors: Option<Vec<Option<Vec<String>>>>,
    /// Sentences with a final attribution so far, in order.
    attributed: Vec<usize>,
    /// "(AU)" → offset of its first occurrence; built on first use.
    acronyms: Option<std::collections::HashMap<&'a str, usize>>,
}

/// Attributions are shared between the sentences of a quotation or a
/// carried block.
/// (An index into `Doc::attrs`.)
type A = usize;

#[derive(Debug, Clone)]
struct Attr<'a> {
    cue: Cow<'a, str>,
    cue_span: Span,
    kind: CueKind,
    sources: Few<Src<'a>>,
    /// Spans of the cues (document offsets) and how each was found, for
    /// clause checks.
    cues: Few<(Span, CueKind)>,
    /// The rendered attribution, made once.
    out: std::cell::OnceCell<std::sync::Arc<Attribution>>,
}

/// A list that is nearly always of one item (an attribution's sources and
/// cues): no allocation until a second one comes.
type Few<T> = smallvec::SmallVec<[T; 1]>;

impl Attr<'_> {
    /// The rendered attribution, shared by every sentence it covers.
    fn to_attribution(&self) -> std::sync::Arc<Attribution> {
        self.out
            .get_or_init(|| std::sync::Arc::new(self.render()))
            .clone()
    }

    fn render(&self) -> Attribution {
        let first = &self.sources[0];
        // the distinct names (ASCII case aside) joined with "; "; a name
        // equal to any earlier one equals an earlier distinct one
        let mut source = String::with_capacity(first.text.len());
        for (i, s) in self.sources.iter().enumerate() {
            if self.sources[..i]
                .iter()
                .any(|n| n.text.eq_ignore_ascii_case(&s.text))
            {
                continue;
            }
            if i > 0 {
                source.push_str("; ");
            }
            source.push_str(&s.text);
        }
        Attribution {
            cue: self.cue.to_string(),
            cue_span: self.cue_span.clone(),
            source,
            source_kind: first.kind,
            person: self.sources.iter().find_map(|s| s.person),
            source_span: first.span.clone(),
        }
    }
}

fn body(kind: BlockKind) -> bool {
    kind.is_body()
}

fn strip_the(s: &str) -> &str {
    for p in ["the ", "The "] {
        if let Some(r) = s.strip_prefix(p) {
            return r;
        }
    }
    s
}

/// [`strip_the`] keeping a borrowed text borrowed.
fn strip_the_cow(s: Cow<'_, str>) -> Cow<'_, str> {
    match s {
        Cow::Borrowed(b) => Cow::Borrowed(strip_the(b)),
        Cow::Owned(o) => Cow::Owned(strip_the(&o).to_string()),
    }
}

/// `s` trimmed with whitespace runs made single spaces; borrowed when it
/// already is (the usual case).
fn tidy(s: &str) -> Cow<'_, str> {
    let s = s.trim();
    let b = s.as_bytes();
    // one pass: no tab or line break, no two spaces in a row
    let mut prev = 0u8;
    let tidy = !b.iter().any(|&c| {
        let bad = matches!(c, b'\n' | b'\r' | b'\t') || (c == b' ' && prev == b' ');
        prev = c;
        bad
    });
    if tidy {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// `s.to_lowercase().contains(" and ")` without lowercasing: only ASCII
/// letters lowercase to ASCII `a`, `n` and `d`.
fn has_and(s: &str) -> bool {
    s.as_bytes().windows(5).any(|w| {
        w[0] == b' '
            && w[1] | 0x20 == b'a'
            && w[2] | 0x20 == b'n'
            && w[3] | 0x20 == b'd'
            && w[4] == b' '
    })
}

/// `s` ends with `suffix` (ASCII lowercase), ASCII case aside.
fn ends_with_ci(s: &str, suffix: &str) -> bool {
    s.len() >= suffix.len()
        && s.as_bytes()[s.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
}

/// A plural head noun: the last word of the lowercased core phrase ends in
/// "s" but not "ss" or "news" and is longer than three bytes.
fn plural_head(core: &str) -> bool {
    if core.is_ascii() {
        // ASCII: lowercasing changes neither the words nor their lengths
        let head_w = core
            .split(|c: char| !c.is_ascii_alphanumeric() && c != '-')
            .rfind(|w| !w.is_empty())
            .unwrap_or("");
        return ends_with_ci(head_w, "s")
            && !ends_with_ci(head_w, "ss")
            && head_w.len() > 3
            && !ends_with_ci(head_w, "news");
    }
    let core_lower = core.to_lowercase();
    let head_w = core_lower
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .rfind(|w| !w.is_empty())
        .unwrap_or("");
    head_w.ends_with('s')
        && !head_w.ends_with("ss")
        && head_w.len() > 3
        && !head_w.ends_with("news")
}

fn kind_of(g: Grade) -> SourceKind {
    match g {
        Grade::Person => SourceKind::Person,
        Grade::Org => SourceKind::Organisation,
        Grade::Doc => SourceKind::Document,
        Grade::Role => SourceKind::Role,
        Grade::Vague => SourceKind::Vague,
        Grade::Weasel => SourceKind::Weasel,
    }
}

impl<'a> Doc<'a> {
    fn pa(&self, p: usize) -> &'a ParaAttribution {
        &self.paras[p].result.attribution
    }

    fn off(&self, p: usize) -> usize {
        self.paras[p].offset
    }

    fn local(&self, s: usize) -> usize {
        s - self.paragraphs[self.sent_para[s]].sentences.start
    }

    fn persons_in(&self, span: &Span) -> Vec<usize> {
        let i = self.mentions.partition_point(|m| m.1 <= span.start);
        let mut out = Vec::new();
        for m in &self.mentions[i..] {
            if m.0 >= span.end {
                break;
            }
            if m.0 < span.end && span.start < m.1 && !out.contains(&m.2) {
                out.push(m.2);
            }
        }
        out
    }

    /// The latest mention before `at` of a person compatible with `pron`.
    fn person_before(&self, at: usize, floor: usize, pron: Pron) -> Option<usize> {
        let i = self.mentions.partition_point(|m| m.0 < at);
        let window = || self.mentions[..i].iter().rev().take_while(|m| m.0 >= floor);
        // a person whose gender matches beats one whose gender is unknown
        window()
            .find(|m| self.people[m.2].gender.is_some() && gender_ok(self.people[m.2].gender, pron))
            .or_else(|| window().find(|m| gender_ok(self.people[m.2].gender, pron)))
            .map(|m| m.2)
    }

    fn person_src(&self, p: usize, span: Option<Span>, phrase: Span) -> Src<'a> {
        let people: &'a [Person] = self.people;
        Src {
            text: Cow::Borrowed(people[p].name.as_str()),
            kind: SourceKind::Person,
            person: Some(p),
            span,
            phrase,
            plural: false,
        }
    }

    /// Resolve a source candidate of sentence `s` (paragraph `p`).
    fn resolve_src(&mut self, s: usize, p: usize, cand: &SourceCand) -> Src<'a> {
        let off = self.off(p);
        let text: &'a str = self.text;
        match cand {
            SourceCand::Phrase {
                span,
                core,
                name,
                grade,
                definite,
            } => {
                let abs = off + span.start..off + span.end;
                let phrase = tidy(&text[abs.clone()]);
                let phrase_and = has_and(&phrase);
                let core_raw = &text[off + core.start..off + core.end];
                let core_and = has_and(core_raw);
                // people named as the source: the name part of the phrase
                // ("Kremlin aide Yuri Ushakov"), or every name of a
                // coordination ("Dick Durbin and … Adam Schiff"); not a
                // possessor ("Day's animal foundation") or a name inside a
                // prepositional phrase ("a spokesman for Jane Roe")
                let persons = if core_and {
                    self.persons_in(&abs)
                } else if let (Some(nm), Grade::Person) = (name, grade) {
                    self.persons_in(&(off + nm.start..off + nm.end))
                } else {
                    // "Former US Ambassador to the United Nations Nikki
                    // Haley": a person named at the end of a role phrase,
                    // not after a preposition ("a spokesman for Jane Roe")
                    let i = self.mentions.partition_point(|m| m.1 < abs.end);
                    match self.mentions.get(i) {
                        Some(&(ms, me, q, _)) if me == abs.end && ms > abs.start => {
                            let before =
                                text[abs.start..ms].split_whitespace().last().unwrap_or("");
                            // (compared as if ASCII-lowercased)
                            let prep = [
                                "for", "of", "to", "at", "by", "with", "from", "the", "a", "an",
                                "and",
                            ]
                            .iter()
                            .any(|w| before.eq_ignore_ascii_case(w))
                                || ends_with_ci(before, "'s")
                                || before.ends_with("’s")
                                || before.ends_with("’S");
                            if prep { Vec::new() } else { vec![q] }
                        }
                        _ => Vec::new(),
                    }
                };
                if !persons.is_empty() {
                    let mut src = self.person_src(persons[0], Some(abs.clone()), abs);
                    if persons.len() > 1 {
                        src.text = Cow::Owned(
                            persons
                                .iter()
                                .map(|&q| self.people[q].name.as_str())
                                .collect::<Vec<_>>()
                                .join("; "),
                        );
                        src.plural = true;
                    }
                    return src;
                }
                let core_text = tidy(core_raw);
                // "the commissioner", "The President", "the court's summary":
                // an earlier source or person with that role
                if *definite
                    && name.is_none()
                    && matches!(grade, Grade::Role | Grade::Org | Grade::Doc)
                {
                    // the role words without determiners and possessors
                    let words: Vec<String> = core_text
                        .split_whitespace()
                        .map(|w| {
                            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
                                .to_lowercase()
                        })
                        .filter(|w| !w.is_empty())
                        .collect();
                    let skip = words
                        .iter()
                        .take_while(|w| {
                            matches!(
                                w.as_str(),
                                "the"
                                    | "this"
                                    | "that"
                                    | "these"
                                    | "those"
                                    | "its"
                                    | "his"
                                    | "her"
                                    | "their"
                                    | "both"
                            )
                        })
                        .count();
                    let role: Vec<String> = words[skip..].to_vec();
                    // "the court's summary": look for the court
                    let possessor = core_text
                        .split_whitespace()
                        .find(|w| w.ends_with("'s") || w.ends_with("’s"))
                        .map(|w| {
                            w.trim_end_matches("'s")
                                .trim_end_matches("’s")
                                .to_lowercase()
                        });
                    let key: Vec<String> = match (*grade, possessor) {
                        (Grade::Doc, Some(p)) => vec![p],
                        (Grade::Doc, None) => Vec::new(),
                        _ => role,
                    };
                    if !key.is_empty() && key.iter().map(String::len).sum::<usize>() > 2 {
                        // "the three-judge court" → an earlier "court"
                        let found = self.role_backref(s, &key).or_else(|| {
                            if key.len() > 1 && *grade == Grade::Org {
                                self.role_backref(s, &key[key.len() - 1..])
                            } else {
                                None
                            }
                        });
                        if let Some(prev) = found {
                            let mut src = prev;
                            src.span = Some(abs.clone());
                            return src;
                        }
                        if let Some(q) = self.person_by_descriptor(off + span.start, &key) {
                            return self.person_src(q, Some(abs.clone()), abs);
                        }
                        if (matches!(grade, Grade::Org) || key.len() == 1 && *grade == Grade::Doc)
                            && let Some(nm) = self.name_with(s, &key[key.len() - 1])
                        {
                            return Src {
                                text: nm,
                                kind: SourceKind::Organisation,
                                person: None,
                                span: Some(abs.clone()),
                                phrase: abs,
                                plural: false,
                            };
                        }
                    }
                }
                let head_cap = core_raw
                    .split_whitespace()
                    .last()
                    .and_then(|w| w.chars().next())
                    .is_some_and(char::is_uppercase);
                let plural = core_and || (!head_cap && plural_head(core_raw));
                let src_text = match (grade, name) {
                    (Grade::Person, Some(n)) if !phrase_and => {
                        tidy(&text[off + n.start..off + n.end])
                    }
                    (Grade::Person, _) => phrase,
                    (Grade::Org, Some(_)) => strip_the_cow(core_text),
                    _ => strip_the_cow(phrase),
                };
                Src {
                    text: src_text,
                    kind: kind_of(*grade),
                    person: None,
                    span: Some(abs.clone()),
                    phrase: abs,
                    plural,
                }
            }
            SourceCand::Pronoun { span, pron } => {
                let abs = off + span.start..off + span.end;
                self.resolve_pron(s, abs, *pron)
            }
        }
    }

    /// The latest earlier named source whose phrase contains the words
    /// `key` in a row ("vice president" does not match "president").
    fn role_backref(&self, s: usize, key: &[String]) -> Option<Src<'a>> {
        let from = self.attributed.partition_point(|&t| t < s);
        let mut last: Option<A> = None;
        for &t in self.attributed[..from].iter().rev().take(30) {
            let Some(a) = self.fin[t] else { continue };
            // sentences of one quotation or carried block share their
            // attribution: one that did not match does not match again
            if last == Some(a) {
                continue;
            }
            last = Some(a);
            for src in self.attrs[a].sources.iter() {
                if !matches!(src.kind, SourceKind::Person | SourceKind::Organisation) {
                    continue;
                }
                let phrase = &self.text[src.phrase.clone()];
                // (lowercasing adds or removes no whitespace)
                if phrase.split_whitespace().count() <= key.len() {
                    continue;
                }
                let hit = if phrase.is_ascii() {
                    // ASCII: the words as written, compared ASCII case aside
                    words_hit(
                        phrase
                            .split(|c: char| !c.is_ascii_alphanumeric() && c != '-')
                            .filter(|w| !w.is_empty()),
                        key,
                    )
                } else {
                    let lower = phrase.to_lowercase();
                    words_hit(
                        lower
                            .split(|c: char| !c.is_alphanumeric() && c != '-')
                            .filter(|w| !w.is_empty()),
                        key,
                    )
                };
                if hit {
                    return Some(src.clone());
                }
            }
        }
        None
    }

    /// The latest name in earlier sentences containing `word` capitalised
    /// ("the court" → "European Court of Justice").
    fn name_with(&self, s: usize, word: &str) -> Option<Cow<'a, str>> {
        let text: &'a str = self.text;
        for t in (0..=s).rev().take(40) {
            let p = self.sent_para[t];
            let info = self.pa(p).sents.get(self.local(t))?;
            let off = self.off(p);
            for n in info.orgs.iter().rev() {
                let nt = &text[off + n.start..off + n.end];
                if nt.split_whitespace().any(|w| w.eq_ignore_ascii_case(word)) {
                    return Some(tidy(nt));
                }
            }
        }
        None
    }

    /// The latest person (among the last mentions before `at`) with a
    /// descriptor containing the role words `key`.
    fn person_by_descriptor(&mut self, at: usize, key: &[String]) -> Option<usize> {
        let head = key.last()?;
        let joined = key.join(" ");
        let people = self.people;
        let descs = self
            .descriptors
            .get_or_insert_with(|| vec![None; people.len()]);
        let i = self.mentions.partition_point(|m| m.0 < at);
        let from = i.saturating_sub(300);
        // the latest mention's person first; a person already found not to
        // match is skipped (the answer is the same)
        let mut tried: Vec<usize> = Vec::new();
        for m in self.mentions[from..i].iter().rev() {
            let q = m.2;
            if tried.contains(&q) {
                continue;
            }
            tried.push(q);
            // lowercase descriptors, made on first use
            let dls = descs[q].get_or_insert_with(|| {
                people[q]
                    .descriptors
                    .iter()
                    .map(|d| d.text.to_lowercase())
                    .collect()
            });
            if dls.iter().any(|dl| {
                dl.split(|c: char| !c.is_alphanumeric()).any(|w| w == head)
                    && (key.len() == 1 || dl.contains(&joined))
            }) {
                return Some(q);
            }
        }
        None
    }

    /// A fuller form of a name given earlier ("Erdogan" → "Recep Tayyip
    /// Erdoğan"), or the expansion of an acronym ("AU" → "African Union").
    fn canonical(&mut self, src: &mut Src<'a>) {
        if src.person.is_some() {
            return;
        }
        match src.kind {
            SourceKind::Person => {
                let mut words = src.text.split_whitespace();
                let (Some(w0), last) = (words.next(), words.last()) else {
                    return;
                };
                let mut buf = std::mem::take(&mut self.fold_buf);
                buf.clear();
                match last {
                    None => {
                        fold_into(w0, &mut buf);
                        if let Some((full, _)) = self.full_names.iter().rev().find(|f| f.1 == buf) {
                            src.text = full.clone();
                        }
                    }
                    Some(wl) => {
                        if !src.text.contains(';')
                            && !self.full_names.iter().any(|f| f.0 == src.text)
                        {
                            fold_into(wl, &mut buf);
                            self.full_names.push((src.text.clone(), buf.clone()));
                        }
                    }
                }
                self.fold_buf = buf;
            }
            SourceKind::Organisation => {
                let t = src.text.trim();
                let before = src.span.as_ref().map_or(self.text.len(), |s| s.start);
                let text = self.text;
                // (the cheap check first: most organisations are words)
                if t.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
                    && (2..=8).contains(&t.chars().filter(|c| c.is_alphabetic()).count())
                    && let Some(&pos) = self
                        .acronyms
                        .get_or_insert_with(|| acronym_map(text))
                        .get(t)
                    && pos < before
                    && let Some(e) = expand_acronym(text, t, pos)
                {
                    src.text = Cow::Owned(format!("{e} ({t})"));
                }
            }
            _ => {}
        }
    }

    /// The sentence before `s`, skipping sentences of the same quotation.
    fn prev_sent(&self, s: usize) -> Option<usize> {
        let q = self.quote_of[s];
        let mut t = s;
        let floor = s.saturating_sub(200);
        while t > floor {
            t -= 1;
            if q.is_some() && self.quote_of[t] == q {
                continue;
            }
            return Some(t);
        }
        None
    }

    fn resolve_pron(&mut self, s: usize, abs: Span, pron: Pron) -> Src<'a> {
        let text: &'a str = self.text;
        let written = &text[abs.clone()];
        let unresolved = Src {
            text: Cow::Borrowed(written),
            kind: match pron {
                Pron::He | Pron::She => SourceKind::Person,
                _ => SourceKind::Organisation,
            },
            person: None,
            span: Some(abs.clone()),
            phrase: abs.clone(),
            plural: pron == Pron::They,
        };
        let compatible = |src: &Src, people: &[Person]| -> bool {
            match pron {
                Pron::He | Pron::She => {
                    matches!(src.kind, SourceKind::Person | SourceKind::Role)
                        && !src.plural
                        && src.person.is_none_or(|q| gender_ok(people[q].gender, pron))
                }
                Pron::They => {
                    src.plural
                        || matches!(src.kind, SourceKind::Organisation | SourceKind::Document)
                }
                Pron::It => matches!(src.kind, SourceKind::Organisation | SourceKind::Document),
            }
        };
        // 1. the previous sentence's source
        let prev = self.prev_sent(s);
        if let Some(t) = prev
            && let Some(a) = self.fin[t]
            && let Some(src) = self.attrs[a]
                .sources
                .iter()
                .find(|x| compatible(x, self.people))
        {
            let mut src = src.clone();
            src.span = Some(abs);
            return src;
        }
        // 2. people: the nearest compatible mention in this or the last
        // three sentences
        if !self.people.is_empty() && matches!(pron, Pron::He | Pron::She) {
            let mut floor_sent = s;
            for _ in 0..3 {
                if let Some(t) = self.prev_sent(floor_sent) {
                    floor_sent = t;
                }
            }
            let floor = self.sent_span[floor_sent].start;
            // a chain of sentences opening with the same pronoun refers to
            // one person: look before the chain
            let mut prev = prev;
            let mut steps = 0;
            while let Some(t) = prev
                && steps < 6
            {
                let p = self.sent_para[t];
                let starts_same = self
                    .pa(p)
                    .sents
                    .get(self.local(t))
                    .is_some_and(|i| i.pron_start == Some(pron));
                if !starts_same || self.fin[t].is_some() {
                    break;
                }
                prev = self.prev_sent(t);
                steps += 1;
            }
            // prefer the subject (first mention) of the previous sentence
            if let Some(t) = prev {
                let sp = self.sent_span[t].clone();
                let i = self.mentions.partition_point(|m| m.0 < sp.start);
                if let Some(m) = self.mentions[i..]
                    .iter()
                    .take_while(|m| m.0 < sp.end)
                    .next()
                    && gender_ok(self.people[m.2].gender, pron)
                    && self.attr_or_start(t, m.0)
                {
                    return self.person_src(m.2, Some(abs.clone()), abs);
                }
            }
            if let Some(q) = self.person_before(abs.start, floor, pron) {
                return self.person_src(q, Some(abs.clone()), abs);
            }
            return unresolved;
        }
        // 3. no people: walk back through sentences
        let mut t = prev;
        for _ in 0..5 {
            let Some(u) = t else { break };
            if let Some(a) = self.fin[u]
                && let Some(src) = self.attrs[a]
                    .sources
                    .iter()
                    .find(|x| compatible(x, self.people))
            {
                let mut src = src.clone();
                src.span = Some(abs);
                return src;
            }
            let p = self.sent_para[u];
            let info = &self.pa(p).sents[self.local(u)];
            if info.pron_start == Some(pron) {
                t = self.prev_sent(u);
                continue;
            }
            if matches!(pron, Pron::He | Pron::She) {
                let off = self.off(p);
                for n in &info.names {
                    let nt = &text[off + n.start..off + n.end];
                    let orgish = nt
                        .chars()
                        .filter(|c| c.is_alphabetic())
                        .all(char::is_uppercase);
                    if !orgish {
                        return Src {
                            text: tidy(nt),
                            kind: SourceKind::Person,
                            person: None,
                            span: Some(abs),
                            phrase: off + n.start..off + n.end,
                            plural: false,
                        };
                    }
                }
            } else if let Some(SourceCand::Phrase { grade, span, .. }) = &info.subject
                && grade.identified()
            {
                let off = self.off(p);
                let nt = tidy(&text[off + span.start..off + span.end]);
                // (the last word lowercased ends in "s", not "ss")
                let head = nt.split_whitespace().last().unwrap_or("");
                let plural =
                    nt.contains(" and ") || ends_with_ci(head, "s") && !ends_with_ci(head, "ss");
                let ok = match pron {
                    Pron::They => plural || matches!(grade, Grade::Org | Grade::Doc),
                    _ => *grade != Grade::Person,
                };
                if ok {
                    return Src {
                        text: strip_the_cow(nt),
                        kind: kind_of(*grade),
                        person: None,
                        span: Some(abs),
                        phrase: off + span.start..off + span.end,
                        plural: pron == Pron::They,
                    };
                }
            }
            t = self.prev_sent(u);
        }
        unresolved
    }

    /// The mention at `at` is the first thing of sentence `t` or `t` is
    /// attributed (the mention is likely its subject).
    fn attr_or_start(&self, t: usize, at: usize) -> bool {
        let sp = &self.sent_span[t];
        at < sp.start + 80 || self.fin[t].is_some()
    }

    /// The attribution of sentence `s` from its own cues.
    fn own(&mut self, s: usize) -> Option<A> {
        if let Some(v) = self.own[s] {
            return v;
        }
        let p = self.sent_para[s];
        let l = self.local(s);
        let off = self.off(p);
        let pa = self.pa(p);
        let mut attr: Option<Attr<'a>> = None;
        // cues are in sentence order: this sentence's by binary search (a
        // linear filter made long one-paragraph texts quadratic)
        let first = pa.cues.partition_point(|c| c.sent < l);
        for c in pa.cues[first..].iter().take_while(|c| c.sent == l) {
            let mut src = self.resolve_src(s, p, &c.source);
            self.canonical(&mut src);
            let cue_span = off + c.cue.start..off + c.cue.end;
            match &mut attr {
                None => {
                    let text: &'a str = self.text;
                    attr = Some(Attr {
                        cue: tidy(&text[cue_span.clone()]),
                        cue_span: cue_span.clone(),
                        kind: c.kind,
                        sources: smallvec::smallvec![src],
                        cues: smallvec::smallvec![(cue_span, c.kind)],
                        out: Default::default(),
                    })
                }
                Some(a) => {
                    // a second source counts when it is named, a document, or
                    // an outlet reporting the first ("reported by CNN")
                    let named = src.person.is_some()
                        || matches!(
                            src.kind,
                            SourceKind::Person | SourceKind::Organisation | SourceKind::Document
                        )
                        || matches!(c.kind, CueKind::According | CueKind::Passive);
                    if named {
                        a.sources.push(src);
                    }
                    a.cues.push((cue_span, c.kind));
                }
            }
        }
        let attr = attr.map(|a| self.add(a));
        self.own[s] = Some(attr);
        attr
    }

    /// Keep attribution `a`; its index.
    fn add(&mut self, a: Attr<'a>) -> A {
        self.attrs.push(a);
        self.attrs.len() - 1
    }

    fn speaker(&mut self, g: usize) -> Option<A> {
        if let Some(v) = self.speakers[g] {
            return v;
        }
        let (open_sent, close_sent, starts_sentence) = {
            let q = &self.quotes[g];
            (q.open_sent, q.close_sent, q.starts_sentence)
        };
        let mut sp = self.own(open_sent);
        if sp.is_none() && close_sent != open_sent {
            sp = self.own(close_sent);
        }
        if sp.is_none() {
            // the sentence before, in the same paragraph (or ending in a colon)
            if let Some(t) = open_sent.checked_sub(1) {
                let same_para = self.sent_para[t] == self.sent_para[open_sent];
                let colon = {
                    let p = self.sent_para[t];
                    self.pa(p)
                        .sents
                        .get(self.local(t))
                        .is_some_and(|i| i.ends_colon || i.ends_comma)
                };
                if (same_para && starts_sentence || colon) && self.fin[t].is_some() {
                    sp = self.fin[t];
                }
            }
        }
        self.speakers[g] = Some(sp);
        sp
    }
}

/// The lowercase `words` contain `key` in a row, and the first of them
/// equal to a one-word key is not "vice …", "deputy …" ("vice president"
/// is not "president"). Words compare ASCII case aside: `key` is
/// lowercase, so this is exact for lowercase words and for ASCII words
/// as written.
fn words_hit<'w>(words: impl Iterator<Item = &'w str> + Clone, key: &[String]) -> bool {
    let eq = |w: &str, k: &str| w.eq_ignore_ascii_case(k);
    let mut at = words.clone();
    let in_row = loop {
        let mut probe = at.clone();
        if key.iter().all(|k| probe.next().is_some_and(|w| eq(w, k))) {
            break true;
        }
        if at.next().is_none() {
            break false;
        }
    };
    if !in_row {
        return false;
    }
    if key.len() == 1 {
        let mut prev: Option<&str> = None;
        for w in words {
            if eq(w, &key[0]) {
                return !prev.is_some_and(|p| {
                    ["vice", "deputy", "former", "assistant"]
                        .iter()
                        .any(|v| eq(p, v))
                });
            }
            prev = Some(w);
        }
    }
    true
}

/// Appends `s` lowercased without diacritics (Latin letters) to `out`, for
/// comparing names.
fn fold_into(s: &str, out: &mut String) {
    for ch in s.chars().flat_map(char::to_lowercase) {
        let r = match ch {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
            'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
            'ď' | 'đ' => 'd',
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
            'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
            'ĥ' | 'ħ' => 'h',
            'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => 'i',
            'ĵ' => 'j',
            'ķ' => 'k',
            'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => 'l',
            'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => 'o',
            'ŕ' | 'ŗ' | 'ř' => 'r',
            'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => 's',
            'ţ' | 'ť' | 'ŧ' | 'ț' => 't',
            'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
            'ŵ' => 'w',
            'ý' | 'ÿ' | 'ŷ' => 'y',
            'ź' | 'ż' | 'ž' => 'z',
            c if c.is_alphanumeric() => c,
            _ => continue,
        };
        out.push(r);
    }
}

/// Every "(ABC)" of the text with the offset of its first occurrence.
fn acronym_map(text: &str) -> std::collections::HashMap<&str, usize> {
    let mut m = std::collections::HashMap::new();
    let b = text.as_bytes();
    for o in memchr::memchr_iter(b'(', b) {
        let mut j = o + 1;
        while j < b.len() && j - o <= 9 && (b[j].is_ascii_uppercase() || b[j].is_ascii_digit()) {
            j += 1;
        }
        if j < b.len() && b[j] == b')' && j - o >= 3 {
            m.entry(&text[o + 1..j]).or_insert(o);
        }
    }
    m
}

/// "the African Union (AU)" earlier in the text: the words before "(AU)",
/// which is at byte `pos`.
fn expand_acronym(text: &str, acr: &str, pos: usize) -> Option<String> {
    let hay = &text[..crate::analysis::text::floor_char_boundary(text, pos)];
    let pos = hay.len();
    let want = acr.chars().filter(|c| c.is_alphabetic()).count();
    let mut words: Vec<&str> = Vec::new();
    let mut caps = 0;
    for w in hay[..pos].split_whitespace().rev() {
        let clean = w.trim_matches(|c: char| c == ',' || c == '"' || c == '“');
        let small = matches!(
            clean,
            "of" | "and" | "for" | "the" | "on" | "de" | "in" | "&"
        );
        let cap = clean.chars().next().is_some_and(char::is_uppercase);
        if !(cap || small) || w.ends_with('.') {
            break;
        }
        words.push(clean);
        if cap {
            caps += 1;
        }
        if caps >= want {
            break;
        }
    }
    while words
        .last()
        .is_some_and(|w| !w.chars().next().is_some_and(char::is_uppercase))
    {
        words.pop();
    }
    if caps < 2 || words.is_empty() {
        return None;
    }
    words.reverse();
    Some(words.join(" "))
}

fn gender_ok(g: Option<Gender>, pron: Pron) -> bool {
    !matches!(
        (g, pron),
        (Some(Gender::Male), Pron::She) | (Some(Gender::Female), Pron::He)
    )
}

/// The facts of a sentence the paragraph has no entry for (as
/// `SentInfo::default()`).
static NO_SENT: SentInfo = SentInfo {
    ends_colon: false,
    ends_comma: false,
    first_person: false,
    time_start: false,
    numbered: false,
    continues: false,
    quote_start: false,
    pron_start: None,
    names: Vec::new(),
    orgs: Vec::new(),
    subject: None,
    semis: Vec::new(),
};

/// Carry-over state for paragraphs introduced by "X said:".
struct Carry {
    attr: A,
    /// Kind of the first paragraph after the introduction.
    first_kind: BlockKind,
    numbered: bool,
    count: usize,
    /// The first paragraph after the introduction has its own attribution:
    /// it is narration, not a quoted block; the carry ends after it.
    first_own: bool,
    /// The carried text is a quotation: carry as long as it is open.
    quote: Option<usize>,
}

pub fn resolve(
    text: &str,
    paras: &[View],
    paragraphs: &[Paragraph],
    sentences: &mut [Sentence],
    people: &[Person],
    mentions: &[(usize, usize, usize, usize)],
    settings: &Settings,
) -> Resolved {
    let n = sentences.len();
    let mut sent_para = vec![0usize; n];
    for (p, para) in paragraphs.iter().enumerate() {
        for s in para.sentences.clone() {
            if s < n {
                sent_para[s] = p;
            }
        }
    }
    let mut d = Doc {
        text,
        paras,
        paragraphs,
        people,
        mentions,
        sent_para,
        sent_span: sentences.iter().map(|s| s.span.clone()).collect(),
        own: vec![None; n],
        fin: vec![None; n],
        inherited: vec![false; n],
        quote_of: vec![None; n],
        quotes: Vec::new(),
        speakers: Vec::new(),
        // (about one attribution per cue: no regrowing the arena)
        attrs: Vec::with_capacity(paras.iter().map(|v| v.result.attribution.cues.len()).sum()),
        full_names: Vec::new(),
        fold_buf: String::new(),
        attributed: Vec::new(),
        acronyms: None,
        descriptors: None,
    };
    build_quotes(&mut d);
    d.speakers = vec![None; d.quotes.len()];

    // ---- sequential pass over sentences
    let mut carry: Option<Carry> = None;
    for p in 0..paragraphs.len().min(paras.len()) {
        let kind = paras[p].kind;
        let range = paragraphs[p].sentences.clone();
        if !body(kind) {
            carry = None;
            continue;
        }
        // does the carry reach this paragraph?
        if let Some(c) = &mut carry {
            let first = range.start;
            let info0 = d.pa(p).sents.first().unwrap_or(&NO_SENT);
            let keep = match c.first_kind {
                BlockKind::Quote => kind == BlockKind::Quote,
                BlockKind::ListItem => kind == BlockKind::ListItem,
                _ => {
                    if let Some(gq) = c.quote {
                        range.clone().any(|s| d.quote_of[s] == Some(gq))
                    } else if c.count == 0 {
                        true
                    } else if c.first_own {
                        false
                    } else {
                        let own_cue = !d.pa(p).cues.is_empty();
                        let stop = c.count >= 4
                            || kind != BlockKind::Paragraph
                            || info0.time_start
                            || own_cue
                            || (c.numbered && info0.numbered)
                            || info0.quote_start;
                        !stop
                    }
                }
            };
            if keep && first < n {
                c.count += 1;
                if c.count == 1 && d.own(first).is_some() {
                    c.first_own = true;
                }
            } else {
                carry = None;
            }
        }
        for s in range.clone() {
            if s >= n {
                break;
            }
            let own = d.own(s);
            let mut attr = own;
            let mut inh = false;
            // inside a quotation opened earlier, an outlet cue ("as quoted by
            // Greek Reporter") adds to the speaker
            if let (Some(a), Some(g)) = (&mut attr, d.quote_of[s])
                && d.quotes[g].open_sent < s
                && matches!(d.attrs[*a].kind, CueKind::Passive | CueKind::According)
                && let Some(sp) = d.speaker(g)
            {
                let mut merged: Attr = d.attrs[sp].clone();
                merged.out = Default::default();
                let this = &d.attrs[*a];
                for x in this.sources.iter() {
                    if !merged.sources.iter().any(|y| y.text == x.text) {
                        merged.sources.push(x.clone());
                    }
                }
                for c in this.cues.iter() {
                    merged.cues.push(c.clone());
                }
                *a = d.add(merged);
            }
            if attr.is_none()
                && let Some(g) = d.quote_of[s]
                && let Some(sp) = d.speaker(g)
            {
                attr = Some(sp);
                inh = true;
            }
            if attr.is_none()
                && let Some(c) = &carry
            {
                attr = Some(c.attr);
                inh = true;
            }
            if attr.is_none() && s > range.start {
                // "The other primary goal is …" after "According to a statement …"
                let l = s - paragraphs[p].sentences.start;
                let info = &d.pa(p).sents[l];
                if info.continues
                    && let Some(prev) = d.fin[s - 1]
                    && (matches!(d.attrs[prev].kind, CueKind::According | CueKind::Intro)
                        || d.attrs[prev]
                            .sources
                            .iter()
                            .any(|x| x.kind == SourceKind::Document))
                {
                    attr = Some(prev);
                    inh = true;
                }
            }
            if attr.is_some() {
                d.attributed.push(s);
            }
            d.fin[s] = attr;
            d.inherited[s] = inh;
        }
        // a paragraph ending "X said:" introduces the next ones
        if let Some(last) = range.clone().last()
            && last < n
        {
            let l = last - range.start;
            let info = d.pa(p).sents.get(l).unwrap_or(&NO_SENT);
            if (info.ends_colon || info.ends_comma) && p + 1 < paras.len() {
                let next_kind = paras[p + 1].kind;
                let next_info = d.pa(p + 1).sents.first().unwrap_or(&NO_SENT);
                let next_quote = next_kind == BlockKind::Quote || next_info.quote_start;
                let mut a = d.own(last);
                if a.is_none() && next_quote {
                    // "Nick Keith, Director, found the support invaluable,"
                    if let Some(SourceCand::Phrase {
                        grade, span, name, ..
                    }) = &info.subject
                        && grade.identified()
                    {
                        let off = d.off(p);
                        let src = d.resolve_src(
                            last,
                            p,
                            &SourceCand::Phrase {
                                span: span.clone(),
                                core: span.clone(),
                                name: name.clone(),
                                grade: *grade,
                                definite: false,
                            },
                        );
                        let e = d.sent_span[last].end.min(off + span.end);
                        a = Some(d.add(Attr {
                            cue: Cow::Borrowed(""),
                            cue_span: e..e,
                            kind: CueKind::Verb,
                            sources: smallvec::smallvec![src],
                            cues: Few::new(),
                            out: Default::default(),
                        }));
                        d.fin[last] = a;
                    }
                }
                let wanted = info.ends_colon || next_quote;
                if let (Some(a), true) = (a, wanted) {
                    let first_next = paragraphs[p + 1].sentences.start;
                    let quote = if next_info.quote_start && first_next < n {
                        d.quote_of[first_next]
                    } else {
                        None
                    };
                    let numbered = d.pa(p).sents.first().is_some_and(|i| i.numbered);
                    carry = Some(Carry {
                        attr: a,
                        first_kind: next_kind,
                        numbered,
                        count: 0,
                        first_own: false,
                        quote,
                    });
                    continue;
                }
            }
        }
        if carry.as_ref().is_some_and(|c| c.count == 0) {
            carry = None;
        }
    }

    // ---- findings
    let mut findings = Vec::new();
    let mut drop_attr = vec![false; n];
    for (p, para) in paragraphs.iter().enumerate().take(paras.len()) {
        let pa = d.pa(p);
        let off = d.off(p);
        let base = para.sentences.start;
        for tr in &pa.triggers {
            let s = base + tr.sent;
            if s >= n {
                continue;
            }
            let span = off + tr.span.start..off + tr.span.end;
            let keep = match tr.code {
                Code::UnsourcedStatistic | Code::UnsupportedAssertion => d.fin[s].is_none(),
                Code::VagueSource | Code::WeaselSource => {
                    if d.inherited[s] || tr.hedges_cue.is_some() {
                        false
                    } else {
                        let own = d.own[s].flatten().map(|a| &d.attrs[a]);
                        let semis = &pa.sents[tr.sent].semis;
                        let seg = |x: usize| semis.iter().filter(|&&m| off + m < x).count();
                        // "Reportedly, …" scopes over the sentence: only the
                        // source of the report ("according to The Times")
                        // answers it
                        let hedge = tr.kind == TrigKind::HedgeAdverb;
                        let same_clause = own.as_ref().is_some_and(|a| {
                            a.cues.iter().any(|(c, k)| {
                                seg(c.start) == seg(span.start)
                                    && (!hedge
                                        || matches!(k, CueKind::According | CueKind::Passive))
                            })
                        });
                        let named_next = tr.code == Code::VagueSource
                            && tr.kind == TrigKind::Source
                            && next_names(&d, s, tr.noun.as_deref());
                        let keep = !same_clause && !named_next;
                        if keep && own.is_some() {
                            drop_attr[s] = true;
                        }
                        keep
                    }
                }
                Code::QuoteWithoutSpeaker => true,
            };
            if !keep {
                continue;
            }
            let level = settings.level(tr.code.as_str());
            if level == Level::Off {
                continue;
            }
            let mut related = Vec::new();
            if matches!(tr.code, Code::VagueSource | Code::WeaselSource)
                && let Some(g) = d.quote_of[s]
            {
                let q = &d.quotes[g];
                related.push(Related {
                    span: q.start..q.end,
                    message: "the quotation credited to this source".into(),
                });
            }
            findings.push(Finding {
                code: tr.code,
                level,
                span,
                message: tr.message.clone(),
                related,
                fix: tr.fix.as_ref().map(|(at, t)| (off + at, t.clone())),
            });
        }
    }
    for (s, dropit) in drop_attr.iter().enumerate() {
        if *dropit {
            d.fin[s] = None;
        }
    }
    // quotations nobody is given for
    let level = settings.level(Code::QuoteWithoutSpeaker.as_str());
    let mut vague_sent = vec![false; n];
    {
        let mut si = 0;
        let mut fs: Vec<&Finding> = findings
            .iter()
            .filter(|f| matches!(f.code, Code::VagueSource | Code::WeaselSource))
            .collect();
        fs.sort_by_key(|f| f.span.start);
        for f in fs {
            while si < n && d.sent_span[si].end <= f.span.start {
                si += 1;
            }
            if si < n && d.sent_span[si].start <= f.span.start {
                vague_sent[si] = true;
            }
        }
    }
    for (g, q) in d.quotes.iter().enumerate() {
        if !(q.speech && q.strong) || q.framed {
            continue;
        }
        let attributed = (q.open_sent..=q.close_sent).any(|s| s < n && d.fin[s].is_some());
        if attributed || d.speakers[g].flatten().is_some() {
            continue;
        }
        // a vague source was given for it ("a source said")
        let vague_given = (q.open_sent..=q.close_sent).any(|s| s < n && vague_sent[s]);
        // a speaker is recoverable nearby: an attributed sentence earlier in
        // the paragraph or in the previous one, or a person named in it
        let p = d.sent_para[q.open_sent.min(n.saturating_sub(1))];
        let para_start = paragraphs[p].sentences.start;
        let prev_start = if p > 0 {
            paragraphs[p - 1].sentences.start
        } else {
            para_start
        };
        let recoverable = (prev_start..q.open_sent.min(n)).any(|t| d.fin[t].is_some())
            || !d.persons_in(&paragraphs[p].span).is_empty()
            || (d.people.is_empty()
                && (para_start..q.open_sent.min(n)).any(|t| {
                    // without people: a name earlier in the paragraph
                    d.pa(p).sents.get(t - para_start).is_some_and(|i| {
                        i.names.iter().any(|nm| {
                            let x = &d.text[d.off(p) + nm.start..d.off(p) + nm.end];
                            x.split_whitespace().count() >= 2
                        })
                    })
                }));
        if recoverable {
            continue;
        }
        if vague_given || level == Level::Off {
            continue;
        }
        let mut related = Vec::new();
        if let Some(t) = (0..q.open_sent)
            .rev()
            .take(12)
            .find(|&t| d.fin[t].is_some())
            && let Some(a) = d.fin[t]
        {
            related.push(Related {
                span: d.sent_span[t].clone(),
                message: format!(
                    "nearest earlier speaker: {}",
                    d.attrs[a].to_attribution().source
                ),
            });
        }
        let _ = q.local;
        let _ = q.para;
        findings.push(Finding {
            code: Code::QuoteWithoutSpeaker,
            level,
            span: q.start..q.first_end,
            message: quote_message(q.preview),
            related,
            fix: Some(if q.starts_sentence {
                (q.start, "… said: ".to_string())
            } else {
                (q.first_end, ", said …".to_string())
            }),
        });
    }

    // ---- write back
    for (s, sent) in sentences.iter_mut().enumerate() {
        sent.attribution = d.fin[s].map(|a| d.attrs[a].to_attribution());
    }
    let quotes = d
        .quotes
        .iter()
        .enumerate()
        .map(|(g, q)| {
            let sp = d.speakers[g].flatten().or(d.fin[q.open_sent]);
            let (speaker, source) = match sp {
                Some(a) => {
                    let at = d.attrs[a].to_attribution();
                    (at.person, Some(at.source.clone()))
                }
                None => (None, None),
            };
            Quote {
                span: q.start..q.end,
                speaker,
                source,
            }
        })
        .filter(|_| true)
        .collect();
    Resolved { quotes, findings }
}

/// A named source in the next sentence takes over a vague one: "Officials
/// said … A ministry official, Jane Roe, said …".
fn next_names(d: &Doc, s: usize, noun: Option<&str>) -> bool {
    let Some(noun) = noun else { return false };
    let t = s + 1;
    if t >= d.fin.len() || d.inherited[t] {
        return false;
    }
    let Some(a) = d.own[t].flatten().or(d.fin[t]) else {
        return false;
    };
    let a = &d.attrs[a];
    let named = a.sources.iter().any(|src| {
        src.person.is_some() || matches!(src.kind, SourceKind::Person | SourceKind::Role)
    });
    // the noun ("official") appears before the cue, in the source phrase or
    // its apposition
    if !named {
        return false;
    }
    let sp = &d.sent_span[t];
    let upto = a.cue_span.start.clamp(sp.start, sp.end);
    let before = d.text[sp.start..upto].to_lowercase();
    before
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w == noun || w.strip_suffix('s') == Some(noun))
}

fn build_quotes(d: &mut Doc) {
    let n = d.sent_span.len();
    let mut open: Option<GQuote> = None;
    let mut out: Vec<GQuote> = Vec::new();
    for p in 0..d.paragraphs.len().min(d.paras.len()) {
        let kind = d.paras[p].kind;
        let pa = d.pa(p);
        let off = d.off(p);
        let base = d.paragraphs[p].sentences.start;
        let pspan = d.paragraphs[p].span.clone();
        if !body(kind) {
            if let Some(g) = open.take() {
                out.push(g);
            }
            continue;
        }
        let first_real = d.text[pspan.clone()]
            .find(|c: char| !c.is_whitespace() && c != '>')
            .map_or(pspan.start, |x| pspan.start + x);
        for (li, q) in pa.quotes.iter().enumerate() {
            let open_abs = q.open.map(|o| off + o);
            let close_abs = q.close.map(|c| off + c);
            let close_sent = (base + q.close_sent).min(n.saturating_sub(1));
            if let Some(mut g) = open.take() {
                let continues = match open_abs {
                    None => true,
                    Some(o) => li == 0 && o <= first_real,
                };
                if continues {
                    match close_abs {
                        Some(c) => {
                            g.end = c;
                            g.close_sent = close_sent;
                            out.push(g);
                        }
                        None => {
                            g.end = pspan.end;
                            g.close_sent = close_sent;
                            open = Some(g);
                        }
                    }
                    continue;
                }
                out.push(g);
            }
            if open_abs.is_none() {
                // closes nothing that is open: a stray mark
                continue;
            }
            let start = open_abs.unwrap_or(pspan.start);
            let open_sent = (base + q.open_sent).min(n.saturating_sub(1));
            let starts_sentence = open_abs.is_some_and(|o| {
                let ss = d.sent_span.get(open_sent).map_or(o, |s| s.start);
                d.text[ss..o].trim().is_empty()
            });
            let g = GQuote {
                start,
                end: close_abs.unwrap_or(pspan.end),
                open_sent,
                close_sent,
                para: p,
                local: li,
                speech: q.speech,
                strong: q.strong,
                framed: q.framed,
                preview: &q.preview,
                starts_sentence,
                first_end: close_abs.unwrap_or(pspan.end),
            };
            if close_abs.is_some() {
                out.push(g);
            } else {
                open = Some(g);
            }
        }
        // a paragraph that does not continue an open quotation ends it
        if open.as_ref().is_some_and(|g| g.end < pspan.start)
            && let Some(g) = open.take()
        {
            out.push(g);
        }
    }
    if let Some(g) = open.take() {
        out.push(g);
    }
    out.sort_by_key(|g| g.start);
    for (gi, g) in out.iter().enumerate() {
        for s in g.open_sent..=g.close_sent.min(n.saturating_sub(1)) {
            if s < n && d.quote_of[s].is_none() {
                d.quote_of[s] = Some(gi);
            }
        }
    }
    d.quotes = out;
}
