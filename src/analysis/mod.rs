//! The analysis core: text in, annotations out. No LSP types, no I/O.
//!
//! Two passes:
//! 1. a **per-paragraph pass** ([`paragraph::analyze`]) over each prose block
//!    with its markup masked: sentences, name candidates, quote marks, cues and
//!    claim candidates, all relative to the paragraph. Its result depends only
//!    on the paragraph's text, kind and the settings, so [`Analyzer`] caches
//!    it by content and an edit re-analyses only the paragraphs it touched;
//! 2. a **document pass** ([`Analyzer::analyze`]) that merges the cached
//!    results: sections, people linking across paragraphs, quotes spanning
//!    paragraphs, attribution carry-over, findings and suppressions.

pub mod attribution;
pub mod blocks;
pub mod findings;
pub(crate) mod keytable;
pub mod paragraph;
pub mod people;
pub mod sections;
pub mod sentences;
pub(crate) mod swar;
pub mod text;

use std::collections::HashMap;
use std::sync::Arc;

use crate::settings::{IgnoreEntry, Settings};
use blocks::{Block, BlockKind};
pub use findings::{Code, Finding, Related};
pub use paragraph::ParagraphResult;
pub use people::{Descriptor, Mention, Person};
pub use sections::{Section, Title};
use text::Span;

/// What the source of an attribution is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// A named person (resolved through the people analysis).
    Person,
    /// A named organisation, outlet or body.
    Organisation,
    /// A document: a statement, readout, ruling, report.
    Document,
    /// An identified role ("a spokesman for 10 Downing Street").
    Role,
    /// A source type invoked but not identified ("officials", "reportedly").
    Vague,
    /// Unnamed holders of opinion ("critics", "many believe").
    Weasel,
}

/// Who a sentence's content is credited to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribution {
    /// The cue phrase as written ("said", "according to").
    pub cue: String,
    pub cue_span: Span,
    /// Canonical name(s) or the source phrase.
    pub source: String,
    pub source_kind: SourceKind,
    /// Index into [`Analysis::people`] when the source is a known person.
    pub person: Option<usize>,
    /// Where the source phrase is, when it is in the text.
    pub source_span: Option<Span>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    /// Index into [`Analysis::paragraphs`].
    pub paragraph: usize,
    /// Shared by the sentences one attribution covers (a quotation, a
    /// carried block), so a long document keeps one copy of each.
    pub attribution: Option<Arc<Attribution>>,
}

/// A direct quotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// From the opening mark through the closing mark (or the end of the
    /// last paragraph of a quote left open across paragraphs).
    pub span: Span,
    /// Index into [`Analysis::people`].
    pub speaker: Option<usize>,
    /// The source phrase when the speaker is not a known person.
    pub source: Option<String>,
}

/// One prose block as the analysis saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub kind: BlockKind,
    /// The prose text (markup excluded at the ends).
    pub span: Span,
    /// Range of indices into [`Analysis::sentences`].
    pub sentences: std::ops::Range<usize>,
}

/// Everything byline knows about one document.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// Bytes analysed (less than the text when it was capped).
    pub analysed_len: usize,
    /// True when the text was longer than `maxDocumentBytes`.
    pub truncated: bool,
    /// Read as Markdown (by file type, or because the text uses Markdown).
    pub markdown: bool,
    pub title: Option<Title>,
    pub sections: Vec<Section>,
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
    pub people: Vec<Person>,
    pub quotes: Vec<Quote>,
    pub findings: Vec<Finding>,
    /// Every mention as (start, end, person, mention index), sorted by
    /// start: hover and navigation find the name under the cursor by binary
    /// search.
    pub mention_index: Vec<(usize, usize, usize, usize)>,
}

impl Analysis {
    /// The person whose mention covers byte `offset`, with the mention index.
    pub fn person_at(&self, offset: usize) -> Option<(usize, usize)> {
        // the last mention starting at or before `offset` (mentions do not
        // overlap); a cursor just after a name still counts
        let i = self.mention_index.partition_point(|m| m.0 <= offset);
        let &(s, e, p, m) = self.mention_index.get(i.checked_sub(1)?)?;
        (s <= offset && offset <= e).then_some((p, m))
    }

    /// Index of the innermost section containing `offset`.
    pub fn section_at(&self, offset: usize) -> Option<usize> {
        // sections are in text order and nest: start from the last one that
        // begins at or before `offset` and climb to one that contains it
        let i = self.sections.partition_point(|s| s.range.start <= offset);
        let mut cur = i.checked_sub(1);
        while let Some(k) = cur {
            let s = &self.sections[k];
            if offset < s.range.end.max(s.range.start + 1) {
                return Some(k);
            }
            cur = s.parent;
        }
        None
    }

    /// Sentences credited to person `p`.
    pub fn statements_of(&self, p: usize) -> impl Iterator<Item = &Sentence> {
        self.sentences
            .iter()
            .filter(move |s| s.attribution.as_ref().is_some_and(|a| a.person == Some(p)))
    }
}

/// Per-document context the analysis needs besides the text.
#[derive(Debug, Clone, Default)]
pub struct Input<'a> {
    /// Parse Markdown syntax (file is `.md`, languageId `markdown`).
    pub markdown: bool,
    /// Path or URI, for `[[ignore]]` entries scoped to a file.
    pub path: &'a str,
    pub ignore: &'a [IgnoreEntry],
}

/// Paragraph key: the masked text and block kind (the settings are part of
/// the cache's identity, see [`Analyzer::set_settings`]).
///
/// Every re-analysis hashes the whole document, so this is XXH3 (a few
/// GB/s; SipHash was a visible share of a full pass). Keys are compared as
/// 64-bit hashes only: a collision between two different paragraphs is as
/// unlikely as with any good 64-bit hash.
fn key(kind: BlockKind, masked: &str, atomic: &[Span]) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3Default::new();
    h.update(&[kind as u8]);
    h.update(&(masked.len() as u64).to_le_bytes());
    h.update(masked.as_bytes());
    for a in atomic {
        h.update(&(a.start as u64).to_le_bytes());
        h.update(&(a.end as u64).to_le_bytes());
    }
    h.digest()
}

/// Hasher for keys that already are hashes ([`key`]): the key itself.
#[derive(Default, Clone, Copy)]
struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // (only u64 keys are hashed; this keeps any other input sound)
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type Cache = HashMap<u64, Arc<ParagraphResult>, std::hash::BuildHasherDefault<KeyHasher>>;

/// Analyses documents, caching per-paragraph results between runs.
#[derive(Default)]
pub struct Analyzer {
    settings: Settings,
    cache: Cache,
    /// Paragraphs analysed from scratch in the last run (for tests/benches).
    pub last_misses: usize,
}

impl Analyzer {
    pub fn new(settings: Settings) -> Self {
        Analyzer {
            settings,
            cache: Cache::default(),
            last_misses: 0,
        }
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Change settings; cached paragraph results made under other settings
    /// are dropped.
    pub fn set_settings(&mut self, settings: Settings) {
        if settings != self.settings {
            self.settings = settings;
            self.cache.clear();
        }
    }

    /// Analyse `text` from scratch (no cache kept).
    ///
    /// (Still through the cache: a document repeating a paragraph has it
    /// analysed once.)
    pub fn analyze_once(text: &str, settings: &Settings, input: &Input) -> Analysis {
        Analyzer::new(settings.clone()).analyze(text, input)
    }

    pub fn analyze(&mut self, full_text: &str, input: &Input) -> Analysis {
        let cap = self.settings.max_document_bytes.max(1024);
        let (text, truncated) = if full_text.len() > cap {
            let mut end = text::floor_char_boundary(full_text, cap);
            // cut at a line break so no paragraph is half analysed
            if let Some(p) = full_text[..end].rfind('\n') {
                end = p;
            }
            (&full_text[..end], true)
        } else {
            (full_text, false)
        };
        let markdown = input.markdown || blocks::sniff_markdown(text);
        let structure = blocks::scan(text, markdown);
        let structure = if self.settings.plain_text_headings || markdown {
            structure
        } else {
            demote_plain_headings(structure)
        };
        let (title, sections) = sections::build(text, &structure.blocks);

        // ---- per-paragraph pass (cached)
        let mut new_cache = Cache::default();
        new_cache.reserve(self.cache.len().max(16));
        let mut paras: Vec<(&Block, Arc<ParagraphResult>)> = Vec::new();
        let mut misses = 0;
        let mut atomic: Vec<Span> = Vec::new();
        for b in structure.blocks.iter().filter(|b| b.kind.is_prose()) {
            let masked = blocks::masked_text(text, b);
            atomic.clear();
            atomic.extend(
                b.atomic
                    .iter()
                    .map(|a| a.start - b.text.start..a.end - b.text.start),
            );
            let k = key(b.kind, &masked, &atomic);
            let r = match self.cache.get(&k).or_else(|| new_cache.get(&k)) {
                Some(r) => r.clone(),
                None => {
                    misses += 1;
                    Arc::new(paragraph::analyze(&masked, &atomic, b.kind, &self.settings))
                }
            };
            new_cache.insert(k, r.clone());
            paras.push((b, r));
        }
        self.cache = new_cache;
        self.last_misses = misses;

        // ---- document pass
        let mut sentences = Vec::with_capacity(paras.iter().map(|(_, r)| r.sentences.len()).sum());
        let mut paragraphs = Vec::with_capacity(paras.len());
        for (pi, (b, r)) in paras.iter().enumerate() {
            let first = sentences.len();
            for s in &r.sentences {
                sentences.push(Sentence {
                    span: b.text.start + s.start..b.text.start + s.end,
                    paragraph: pi,
                    attribution: None,
                });
            }
            paragraphs.push(Paragraph {
                kind: b.kind,
                span: b.text.clone(),
                sentences: first..sentences.len(),
            });
        }
        let views: Vec<paragraph::View> = paras
            .iter()
            .map(|(b, r)| paragraph::View {
                kind: b.kind,
                offset: b.text.start,
                result: r.as_ref(),
            })
            .collect();
        let people = people::link(text, &views, &self.settings);
        let mut mention_index: Vec<(usize, usize, usize, usize)> = people
            .iter()
            .enumerate()
            .flat_map(|(p, person)| {
                person
                    .mentions
                    .iter()
                    .enumerate()
                    .map(move |(m, x)| (x.span.start, x.span.end, p, m))
            })
            .collect();
        // people's mentions are each in text order: a stable sort merges
        // the runs (same order as any sort: the tuples are distinct)
        mention_index.sort();
        let attr = attribution::resolve(
            text,
            &views,
            &paragraphs,
            &mut sentences,
            &people,
            &mention_index,
            &self.settings,
        );
        let mut findings = attr.findings;
        findings::suppress(text, &structure.comments, input, &mut findings);
        findings.sort_by_key(|f| (f.span.start, f.span.end));
        Analysis {
            mention_index,
            analysed_len: text.len(),
            truncated,
            markdown,
            title,
            sections,
            paragraphs,
            sentences,
            people,
            quotes: attr.quotes,
            findings,
        }
    }
}

fn demote_plain_headings(mut s: blocks::Structure) -> blocks::Structure {
    for b in &mut s.blocks {
        if b.kind == BlockKind::Heading {
            b.kind = BlockKind::Paragraph;
            b.level = 0;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_reuses_unchanged_paragraphs() {
        let mut a = Analyzer::new(Settings::default());
        let input = Input::default();
        let t1 = "Title line here\n\nFirst paragraph. It has two sentences.\n\nSecond paragraph.\n";
        let r1 = a.analyze(t1, &input);
        assert_eq!(a.last_misses, 3);
        assert_eq!(r1.sentences.len(), 4);
        let t2 = "Title line here\n\nFirst paragraph. It has two sentences.\n\nSecond paragraph, edited.\n";
        let r2 = a.analyze(t2, &input);
        assert_eq!(a.last_misses, 1);
        assert_eq!(r2.sentences.len(), 4);
        assert_eq!(
            &t2[r2.sentences[3].span.clone()],
            "Second paragraph, edited."
        );
    }

    #[test]
    fn section_and_person_lookup() {
        let t = "# Title\n\nIntro.\n\n## A\n\nText a.\n\n### A1\n\nText a1.\n\n## B\n\nText b.\n";
        let r = Analyzer::analyze_once(t, &Settings::default(), &Input::default());
        let at = |needle: &str| {
            r.section_at(t.find(needle).unwrap())
                .map(|i| r.sections[i].title.as_str())
        };
        assert_eq!(at("Intro"), None);
        assert_eq!(at("Text a."), Some("A"));
        assert_eq!(at("Text a1"), Some("A1"));
        assert_eq!(at("Text b"), Some("B"));
        let t = "Mayor Ana Lucero met Jon Berg. Lucero spoke first.\n";
        let r = Analyzer::analyze_once(t, &Settings::default(), &Input::default());
        let p = |needle: &str| {
            r.person_at(t.find(needle).unwrap())
                .map(|(p, _)| r.people[p].name.as_str())
        };
        assert_eq!(p("Ana"), Some("Ana Lucero"));
        assert_eq!(p("Berg"), Some("Jon Berg"));
        assert_eq!(p("Lucero spoke"), Some("Ana Lucero"));
        assert_eq!(p("met"), None);
    }

    #[test]
    fn capped_documents_are_marked() {
        let s = Settings {
            max_document_bytes: 1024,
            ..Settings::default()
        };
        let t = "A sentence here.\n".repeat(200);
        let r = Analyzer::analyze_once(&t, &s, &Input::default());
        assert!(r.truncated);
        assert!(r.analysed_len <= 1024);
    }
}
