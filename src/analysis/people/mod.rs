//! Named people: recognition per paragraph, linking per document.
//!
//! * [`scan`] (per paragraph, cached by content) tokenises the paragraph,
//!   finds capitalised runs, strips titles ("President Vladimir Putin" ->
//!   "Vladimir Putin"), and records local evidence for each candidate: title or
//!   role before it, first-name and surname lists, speech verb next to it, an
//!   age or appositive after it, organisation/place words, sentence start,
//!   headline capitals — plus descriptor phrases before and after the name.
//! * [`link`] (per document) accepts candidates in a Mikheev-style sequence:
//!   sure-fire evidence, then every other occurrence of an accepted name or of
//!   its surname/first name anywhere in the article (label consistency), then
//!   relaxed rules, then partial matches again. Mentions are linked into people
//!   (a bare surname joins the nearest compatible full name, or the most
//!   salient one), the canonical name is the fullest form, descriptors are
//!   gathered and deduplicated, gender is voted from titles, pronouns and
//!   first-name lists.

mod lexicon;
mod link;
mod scan;
#[cfg(test)]
mod tests;

use super::blocks::BlockKind;
use super::paragraph::View;
use super::text::Span;
use crate::settings::Settings;

pub use lexicon::fold;

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
    /// Distinct name forms as written, in order of first use (the canonical
    /// name included).
    pub forms: Vec<String>,
}

/// Evidence flags of a candidate (bit set).
pub mod ev {
    /// Title or honorific right before the name, inside the run.
    pub const TITLE: u32 = 1;
    /// Role noun right before the name ("aide", "Broadcaster").
    pub const ROLE: u32 = 1 << 1;
    /// First word is a first name (not an ordinary word).
    pub const FIRST: u32 = 1 << 2;
    /// First word is a first name that is also an ordinary word.
    pub const FIRST_AMB: u32 = 1 << 3;
    /// Last word is a known surname.
    pub const LAST: u32 = 1 << 4;
    /// Speech verb next to the name.
    pub const SPEECH: u32 = 1 << 5;
    /// ", 42," after the name.
    pub const AGE: u32 = 1 << 6;
    /// Appositive with a role noun after the name.
    pub const APPOS: u32 = 1 << 7;
    /// ", who" after the name.
    pub const WHO: u32 = 1 << 8;
    /// Followed by a possessive.
    pub const POSS: u32 = 1 << 9;
    /// First word of a sentence.
    pub const SENT: u32 = 1 << 10;
    /// In a headline or heading.
    pub const HEADING: u32 = 1 << 11;
    /// In a headline written in title case.
    pub const HEADCAPS: u32 = 1 << 12;
    /// Part of an organisation/work/place name: never a person.
    pub const ORG: u32 = 1 << 13;
    /// Only place/organisation words.
    pub const PLACE: u32 = 1 << 14;
    /// Two or more name words.
    pub const MULTI: u32 = 1 << 15;
    /// Coordinated with the previous candidate ("Witkoff and Kushner").
    pub const COORD: u32 = 1 << 16;
    /// After "named"/"called".
    pub const NAMED: u32 = 1 << 17;
    /// Contains a place word.
    pub const HAS_PLACE: u32 = 1 << 18;
    /// Right after "the".
    pub const DET: u32 = 1 << 19;
    /// Ends in a romanised East Asian given name ("Kim Jong-un").
    pub const SYLLABIC: u32 = 1 << 20;
    /// Only document evidence can make it a name (a lone role word, a
    /// lowercase particle start: "Cook said", "ten Hag said").
    pub const WEAK: u32 = 1 << 21;
    /// A single word right after a preposition ("at Brookings").
    pub const PREP: u32 = 1 << 22;
}

/// A name candidate in one paragraph (relative offsets).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cand {
    /// The name span (titles stripped, possessive excluded).
    pub span: Span,
    /// Spans of the name's words (an initial's period excluded).
    pub words: Words,
    /// [`ev`] flags.
    pub ev: u32,
    /// Title/role phrase before the name.
    pub pre: Option<Span>,
    /// Appositive or "of ..." phrase after the name.
    pub post: Option<Span>,
    /// From a gendered title or the next pronoun.
    pub gender: Option<Gender>,
    /// Bit k: word k is a plain capitalised word (no title/place/org/stop
    /// reading).
    pub plain: u8,
}

/// Up to [`Words::CAP`] word spans stored inline (no allocation per
/// candidate; longer runs are never names).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Words {
    a: [(u32, u32); Words::CAP],
    n: u8,
}

impl Words {
    pub const CAP: usize = 6;
    /// Adds a span; false when full.
    pub fn push(&mut self, s: Span) -> bool {
        if (self.n as usize) < Self::CAP && s.end <= u32::MAX as usize {
            self.a[self.n as usize] = (s.start as u32, s.end as u32);
            self.n += 1;
            true
        } else {
            false
        }
    }
    pub fn len(&self) -> usize {
        self.n as usize
    }
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }
    pub fn get(&self, i: usize) -> Span {
        let (s, e) = self.a[i.min(Self::CAP - 1)];
        s as usize..e as usize
    }
    pub fn iter(&self) -> impl Iterator<Item = Span> + '_ {
        self.a[..self.n as usize]
            .iter()
            .map(|&(s, e)| s as usize..e as usize)
    }
}

/// Name candidates found in one paragraph (relative offsets).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParaPeople {
    pub cands: Vec<Cand>,
}

pub fn scan(text: &str, kind: BlockKind, sentences: &[Span]) -> ParaPeople {
    scan::scan(text, kind, sentences)
}

pub fn link(text: &str, paras: &[View], settings: &Settings) -> Vec<Person> {
    link::link(text, paras, settings)
}
