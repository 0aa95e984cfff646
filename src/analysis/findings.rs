//! Findings (diagnostics in the editor) and their suppression.

use super::Input;
use super::blocks::Comment;
use super::text::Span;
use crate::settings::Level;

/// The stable diagnostic codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    QuoteWithoutSpeaker,
    WeaselSource,
    VagueSource,
    UnsourcedStatistic,
    UnsupportedAssertion,
}

impl Code {
    pub const ALL: [Code; 5] = [
        Code::QuoteWithoutSpeaker,
        Code::WeaselSource,
        Code::VagueSource,
        Code::UnsourcedStatistic,
        Code::UnsupportedAssertion,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Code::QuoteWithoutSpeaker => "quote-without-speaker",
            Code::WeaselSource => "weasel-source",
            Code::VagueSource => "vague-source",
            Code::UnsourcedStatistic => "unsourced-statistic",
            Code::UnsupportedAssertion => "unsupported-assertion",
        }
    }

    pub fn parse(s: &str) -> Option<Code> {
        Code::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// Extra context for a finding (LSP `relatedInformation`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub span: Span,
    pub message: String,
}

/// One problem found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub code: Code,
    /// Severity after settings (never `Off`: those are dropped).
    pub level: Level,
    /// The triggering phrase.
    pub span: Span,
    pub message: String,
    pub related: Vec<Related>,
    /// Where "Add attribution" inserts its text, and what it inserts.
    pub fix: Option<(usize, String)>,
}

/// Drop findings suppressed by `<!-- byline-disable-next-line CODE -->`,
/// `<!-- byline-disable CODE -->` (to the end of the file, or a matching
/// `<!-- byline-enable CODE -->`) and `[[ignore]]` entries. A comment without
/// codes suppresses every code.
pub fn suppress(text: &str, comments: &[Comment], input: &Input, findings: &mut Vec<Finding>) {
    if comments.is_empty() && input.ignore.is_empty() {
        return;
    }
    // (from offset, to offset, codes) ranges
    let mut ranges: Vec<(usize, usize, Vec<Code>)> = Vec::new();
    let mut open: Vec<(usize, Vec<Code>)> = Vec::new();
    for c in comments {
        let mut words = c.body.split_whitespace();
        let Some(cmd) = words.next() else { continue };
        // codes separated by spaces and/or commas; "all" or no code means
        // every code; a comment naming only unknown codes (a typo) does
        // nothing rather than silence everything
        let names: Vec<&str> = words
            .flat_map(|w| w.split(','))
            .map(str::trim)
            .filter(|w| !w.is_empty())
            .collect();
        let codes: Vec<Code> = names.iter().filter_map(|w| Code::parse(w)).collect();
        let codes = if names.is_empty() || names.iter().any(|w| w.eq_ignore_ascii_case("all")) {
            Code::ALL.to_vec()
        } else if codes.is_empty() {
            continue;
        } else {
            codes
        };
        match cmd {
            "byline-disable-next-line" => {
                // the next non-blank line after the comment
                let after = &text[c.span.end..];
                let skip = after.len() - after.trim_start().len();
                let start = c.span.end + skip;
                let end = text[start..].find('\n').map_or(text.len(), |p| start + p);
                ranges.push((start, end, codes));
            }
            "byline-disable-line" => {
                let start = text[..c.span.start].rfind('\n').map_or(0, |p| p + 1);
                ranges.push((start, c.span.start, codes));
            }
            "byline-disable" => open.push((c.span.end, codes)),
            "byline-enable" => {
                for (from, oc) in std::mem::take(&mut open) {
                    let rest: Vec<Code> =
                        oc.iter().copied().filter(|x| !codes.contains(x)).collect();
                    ranges.push((
                        from,
                        c.span.start,
                        oc.iter().copied().filter(|x| codes.contains(x)).collect(),
                    ));
                    if !rest.is_empty() {
                        open.push((from, rest));
                    }
                }
            }
            _ => {}
        }
    }
    for (from, codes) in open {
        ranges.push((from, usize::MAX, codes));
    }
    findings.retain(|f| {
        let by_comment = ranges.iter().any(|(a, b, codes)| {
            f.span.start >= *a && f.span.start < *b && codes.contains(&f.code)
        });
        let quoted = text.get(f.span.clone()).unwrap_or("");
        let by_ignore = input.ignore.iter().any(|ig| {
            ig.code == f.code.as_str()
                && (ig.text.is_empty() || norm(&ig.text).eq_ignore_ascii_case(&norm(quoted)))
                && ig.file.as_deref().is_none_or(|p| input.path.ends_with(p))
        });
        !(by_comment || by_ignore)
    });
}

fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
