//! Attribution: quotes, cues, sources, carry-over, and the findings for
//! unattributed claims.
//!
//! * [`scan`] — the per-paragraph pass (cached by paragraph content): quote
//!   marks, attribution cues with their candidate source phrases and grades,
//!   and candidate triggers for the five claim codes. Offsets are relative to
//!   the paragraph.
//! * [`resolve`] — the document pass: pairs quotes across paragraphs, finds
//!   each quote's speaker, resolves pronouns and role phrases to people or
//!   earlier sources, carries attribution over (same quotation, same
//!   paragraph continuation, block quotes and list items after "X said:"),
//!   fills `sentences[i].attribution` and turns the surviving triggers into
//!   [`Finding`]s with their settings severity.
//!
//! Word lists live in `data/attribution/` (see [`lexicon`]).

mod grade;
pub mod lexicon;
mod quotes;
mod resolve;
mod scan;
mod tokens;

use super::blocks::BlockKind;
use super::findings::{Code, Finding};
use super::paragraph::View;
use super::people::{ParaPeople, Person};
use super::text::Span;
use super::{Paragraph, Quote, Sentence};
use crate::settings::Settings;

/// How identifiable a source phrase is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Grade {
    /// A named person ("Kremlin aide Yuri Ushakov").
    Person,
    /// A named organisation, outlet or body ("the ministry", "police").
    Org,
    /// A document ("the statement", "a readout from the talks").
    Doc,
    /// An identified role ("a spokesman for 10 Downing Street").
    Role,
    /// A source type invoked but not identified ("officials", "reports").
    Vague,
    /// Unnamed holders of opinion ("critics", "some experts").
    Weasel,
}

impl Grade {
    pub fn identified(self) -> bool {
        !matches!(self, Grade::Vague | Grade::Weasel)
    }
}

/// A personal pronoun used as a source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pron {
    He,
    She,
    They,
    It,
}

/// The source of a cue as found in the paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceCand {
    /// A source phrase. `name` is the name part of a named source (titles
    /// stripped), `core` the phrase without trailing prepositional phrases.
    Phrase {
        span: Span,
        core: Span,
        name: Option<Span>,
        grade: Grade,
        /// "the"/"this"/possessive: may refer back to an earlier source.
        definite: bool,
    },
    Pronoun {
        span: Span,
        pron: Pron,
    },
}

impl SourceCand {
    pub fn span(&self) -> Span {
        match self {
            SourceCand::Phrase { span, .. } | SourceCand::Pronoun { span, .. } => span.clone(),
        }
    }
}

/// How a cue was found (for carry-over and quote pairing).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueKind {
    /// Subject + reporting verb ("Putin said").
    Verb,
    /// Reporting verb + subject after a quotation (`"…," said Putin`).
    Inverted,
    /// Passive with agent ("reported by CNN").
    Passive,
    /// "according to X".
    According,
    /// "In its ruling, the court …".
    Intro,
    /// A participle sharing the clause's subject ("…, saying …").
    Gerund,
    /// A second verb sharing the clause's subject ("opposed it and said").
    Coord,
}

/// An attribution cue with an identified (or pronoun) source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CueCand {
    /// Sentence index within the paragraph.
    pub sent: usize,
    pub cue: Span,
    pub kind: CueKind,
    pub source: SourceCand,
}

/// What a claim trigger is (for its message and its neutralisation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrigKind {
    /// A vague or weasel source phrase credited with a cue ("officials said").
    Source,
    /// "reportedly", "allegedly".
    HedgeAdverb,
    /// Agentless reporting passive ("was announced", "it is believed").
    Passive,
    /// "reports", "by reports", "there had been reports".
    Reports,
    /// "amid criticism that …".
    Criticism,
    /// A listed vague/weasel phrase.
    Phrase,
    Percent,
    Count,
    Superlative,
    Change,
    /// "apparently", "seemingly".
    AssertHedge,
    Emotion,
    Evaluation,
    Inference,
    Prediction,
    /// A quotation with no speaker.
    Quote,
}

/// A candidate finding in one paragraph (relative offsets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trigger {
    pub code: Code,
    pub kind: TrigKind,
    pub sent: usize,
    pub span: Span,
    pub message: String,
    /// Where "Add attribution" inserts, and what.
    pub fix: Option<(usize, String)>,
    /// Lowercase head noun of a vague source ("official"), to recognise a
    /// named source for the same claim in the next sentence.
    pub noun: Option<String>,
    /// A cue (relative span) the trigger qualifies, when it hedges an
    /// attribution with an identified source ("UNESCO reportedly said").
    pub hedges_cue: Option<Span>,
}

/// A top-level quotation of the paragraph (relative byte offsets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteInfo {
    /// Start of the opening mark; `None` when the quotation runs in from
    /// the previous paragraph.
    pub open: Option<usize>,
    /// End of the closing mark; `None` when it is still open at the end.
    pub close: Option<usize>,
    pub single: bool,
    /// Reads as quoted speech (not a title, a term or a scare quote).
    pub speech: bool,
    /// Clearly speech: enough words or sentence punctuation inside.
    pub strong: bool,
    /// A reporting verb or a naming word stands right before it.
    pub framed: bool,
    pub open_sent: usize,
    pub close_sent: usize,
    /// First words, for messages.
    pub preview: String,
}

/// Per-sentence facts the document pass needs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SentInfo {
    /// Ends with a colon (or a comma) before a quotation or list.
    pub ends_colon: bool,
    pub ends_comma: bool,
    /// Uses I/we/you outside quotations.
    pub first_person: bool,
    /// Opens with a time phrase ("In March 2013, …").
    pub time_start: bool,
    /// Opens with a list number ("2. …").
    pub numbered: bool,
    /// Opens like a continuation ("The other …", "Another …", "It also …").
    pub continues: bool,
    /// Opens with a quotation mark.
    pub quote_start: bool,
    /// Subject pronoun at the start.
    pub pron_start: Option<Pron>,
    /// The first name-like phrases, up to three (for pronouns when people
    /// are unknown).
    pub names: Vec<Span>,
    /// Names of bodies ("European Court of Justice"), up to four.
    pub orgs: Vec<Span>,
    /// The clause subject, when it is a source phrase (for "X found …,").
    pub subject: Option<SourceCand>,
    /// Offsets of `;` outside quotations (clause boundaries).
    pub semis: Vec<usize>,
}

/// Cues, quote marks and claim candidates of one paragraph (relative offsets).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParaAttribution {
    pub quotes: Vec<QuoteInfo>,
    pub cues: Vec<CueCand>,
    pub triggers: Vec<Trigger>,
    pub sents: Vec<SentInfo>,
}

/// The per-paragraph pass.
pub fn scan(
    text: &str,
    kind: BlockKind,
    sentences: &[Span],
    people: &ParaPeople,
    settings: &Settings,
) -> ParaAttribution {
    if !kind.is_body() || text.trim().is_empty() {
        return ParaAttribution {
            sents: vec![SentInfo::default(); sentences.len()],
            ..ParaAttribution::default()
        };
    }
    scan::scan(text, kind, sentences, people, settings)
}

/// The document-level result.
#[derive(Debug, Default)]
pub struct Resolved {
    pub quotes: Vec<Quote>,
    pub findings: Vec<Finding>,
}

/// Resolve attributions across the document; fills `sentences[].attribution`.
/// `mentions` is every mention of `people` as (start, end, person, mention
/// index), sorted ([`super::Analysis::mention_index`]).
pub fn resolve(
    text: &str,
    paras: &[View],
    paragraphs: &[Paragraph],
    sentences: &mut [Sentence],
    people: &[Person],
    mentions: &[(usize, usize, usize, usize)],
    settings: &Settings,
) -> Resolved {
    resolve::resolve(
        text, paras, paragraphs, sentences, people, mentions, settings,
    )
}

#[cfg(test)]
mod tests;
