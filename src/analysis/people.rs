//! Named people: recognition per paragraph, linking per document.
//!
//! Not implemented yet (issue "People"): the foundation keeps the types and
//! the two entry points so the LSP layer and the JSON output are in place.

use super::blocks::BlockKind;
use super::paragraph::View;
use super::text::Span;
use crate::settings::Settings;

/// A mention of a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// The name span (titles and a possessive `'s` excluded).
    pub span: Span,
}

/// A role, title or appositive the text attaches to a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Descriptor {
    pub text: String,
    pub span: Span,
}

/// Grammatical gender the text implies (for resolving "he"/"she").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gender {
    Male,
    Female,
}

/// One person of the document, with all their mentions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// The fullest name form the text gives.
    pub name: String,
    /// From titles ("Mr", "Queen"), pronouns near the name or first-name lists.
    pub gender: Option<Gender>,
    pub descriptors: Vec<Descriptor>,
    /// In text order.
    pub mentions: Vec<Mention>,
}

/// Name candidates found in one paragraph (relative offsets).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParaPeople {}

pub fn scan(_text: &str, _kind: BlockKind, _sentences: &[Span]) -> ParaPeople {
    ParaPeople::default()
}

pub fn link(_text: &str, _paras: &[View], _settings: &Settings) -> Vec<Person> {
    Vec::new()
}
