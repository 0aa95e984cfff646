//! Attribution: quotes, cues, sources, carry-over, and the findings for
//! unattributed claims.
//!
//! Not implemented yet (issue "Attribution"): the foundation keeps the types
//! and entry points so the LSP layer and the JSON output are in place.

use super::blocks::BlockKind;
use super::findings::Finding;
use super::paragraph::View;
use super::people::{ParaPeople, Person};
use super::text::Span;
use super::{Paragraph, Quote, Sentence};
use crate::settings::Settings;

/// Cues, quote marks and claim candidates of one paragraph (relative offsets).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParaAttribution {}

pub fn scan(
    _text: &str,
    _kind: BlockKind,
    _sentences: &[Span],
    _people: &ParaPeople,
    _settings: &Settings,
) -> ParaAttribution {
    ParaAttribution::default()
}

/// The document-level result.
#[derive(Debug, Default)]
pub struct Resolved {
    pub quotes: Vec<Quote>,
    pub findings: Vec<Finding>,
}

/// Resolve attributions across the document; fills `sentences[].attribution`.
pub fn resolve(
    _text: &str,
    _paras: &[View],
    _paragraphs: &[Paragraph],
    _sentences: &mut [Sentence],
    _people: &[Person],
    _settings: &Settings,
) -> Resolved {
    Resolved::default()
}
