//! Headings → the article title and its sections (a tree by heading level).

use super::blocks::{Block, BlockKind};
use super::text::Span;

/// The article's headline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title {
    pub title: String,
    /// The headline text.
    pub heading: Span,
    /// The whole title block (markup and setext underline included).
    pub range: Span,
    pub line: u32,
}

/// A body section: its heading and everything up to the next heading of the
/// same or a higher level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub title: String,
    /// 1–6 (plain-text headings are level 2, under the title).
    pub level: u8,
    /// The heading text (LSP `selectionRange`).
    pub heading: Span,
    /// Heading line through the end of the section's last block (LSP `range`).
    pub range: Span,
    /// 0-based line of the heading text.
    pub line: u32,
    /// Index of the enclosing section in the flat list, if nested.
    pub parent: Option<usize>,
}

/// Collapse internal whitespace so a heading reads as one line.
fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn build(text: &str, blocks: &[Block]) -> (Option<Title>, Vec<Section>) {
    let mut title = None;
    let mut sections: Vec<Section> = Vec::new();
    // indices into `sections` of the currently open headings
    let mut open: Vec<usize> = Vec::new();
    let mut last_content_end = 0usize;
    for b in blocks {
        match b.kind {
            BlockKind::Title => {
                title = Some(Title {
                    title: clean(&text[b.text.clone()]),
                    heading: b.text.clone(),
                    range: b.range.clone(),
                    line: b.line,
                });
                last_content_end = b.range.end;
            }
            BlockKind::Heading => {
                while let Some(&top) = open.last() {
                    if sections[top].level >= b.level {
                        sections[top].range.end = last_content_end.max(sections[top].heading.end);
                        open.pop();
                    } else {
                        break;
                    }
                }
                let parent = open.last().copied();
                sections.push(Section {
                    title: clean(&text[b.text.clone()]),
                    level: b.level,
                    heading: b.text.clone(),
                    range: b.range.start..b.range.end,
                    line: b.line,
                    parent,
                });
                open.push(sections.len() - 1);
                last_content_end = b.range.end;
            }
            _ => last_content_end = b.range.end,
        }
    }
    for top in open {
        sections[top].range.end = last_content_end.max(sections[top].heading.end);
    }
    (title, sections)
}

#[cfg(test)]
mod tests {
    use super::super::blocks::scan;
    use super::*;

    #[test]
    fn nesting_and_ranges() {
        let t = "# Title\n\nIntro.\n\n## A\n\nText a.\n\n### A1\n\nText a1.\n\n## B\n\nText b.\n";
        let s = scan(t, true);
        let (title, secs) = build(t, &s.blocks);
        assert_eq!(title.unwrap().title, "Title");
        let names: Vec<_> = secs
            .iter()
            .map(|s| (s.title.as_str(), s.level, s.parent))
            .collect();
        assert_eq!(
            names,
            vec![("A", 2, None), ("A1", 3, Some(0)), ("B", 2, None)]
        );
        assert_eq!(
            &t[secs[0].range.clone()],
            "## A\n\nText a.\n\n### A1\n\nText a1."
        );
        assert_eq!(&t[secs[2].range.clone()], "## B\n\nText b.");
        assert_eq!(&t[secs[1].heading.clone()], "A1");
    }
}
