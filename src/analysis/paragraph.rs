//! The per-paragraph pass: everything that can be computed from one
//! paragraph's text alone. Offsets are relative to the paragraph start.

use super::blocks::BlockKind;
use super::text::Span;
use super::{attribution, people, sentences};
use crate::settings::Settings;

/// The cacheable result for one paragraph.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParagraphResult {
    pub sentences: Vec<Span>,
    pub people: people::ParaPeople,
    pub attribution: attribution::ParaAttribution,
}

/// A paragraph result placed in its document.
#[derive(Debug, Clone, Copy)]
pub struct View<'a> {
    pub kind: BlockKind,
    /// Byte offset of the paragraph text in the document.
    pub offset: usize,
    pub result: &'a ParagraphResult,
}

/// Analyse one paragraph's prose (markup already masked with spaces);
/// `atomic` lists the masked spans that were one token (URLs, code), where a
/// sentence must not end.
pub fn analyze(
    text: &str,
    atomic: &[Span],
    kind: BlockKind,
    settings: &Settings,
) -> ParagraphResult {
    let sentences = match kind {
        // a headline or heading is one unit, whatever its punctuation
        BlockKind::Title | BlockKind::Heading => {
            let t = text.trim_end();
            let lead = t.len() - t.trim_start().len();
            if t.trim().is_empty() {
                Vec::new()
            } else {
                std::iter::once(lead..t.len()).collect()
            }
        }
        _ if atomic.is_empty() => sentences::split(text),
        _ => {
            // opaque tokens read as a lowercase word: no sentence ends or
            // starts inside them, and they stay covered by a sentence
            let mut t = text.as_bytes().to_vec();
            for a in atomic {
                for x in t.iter_mut().take(a.end.min(text.len())).skip(a.start) {
                    *x = b'x';
                }
            }
            sentences::split(std::str::from_utf8(&t).unwrap_or(text))
        }
    };
    let mut sentences = sentences;
    let mut people = people::scan(text, kind, &sentences);
    let mut attribution = attribution::scan(text, kind, &sentences, &people, settings);
    // the result is cached for the document's life: no spare capacity
    sentences.shrink_to_fit();
    people.cands.shrink_to_fit();
    attribution.cues.shrink_to_fit();
    attribution.triggers.shrink_to_fit();
    ParagraphResult {
        sentences,
        people,
        attribution,
    }
}
