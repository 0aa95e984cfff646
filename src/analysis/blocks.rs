//! Block structure of an article: title, headings, paragraphs, list items,
//! block quotes, and the non-prose parts (front matter, fenced code, HTML
//! comments, link definitions, rules) that must never become a heading, a
//! sentence or a claim.
//!
//! Markdown constructs (ATX/setext headings, fences, front matter, comments,
//! inline code and link targets) are only recognised in Markdown mode. Plain
//! text gets the news heuristics: a short stand-alone line without sentence
//! punctuation is a heading, the first line a title when it reads like one.

use super::text::{Span, trim_span};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BlockKind {
    /// The article's headline (first line / leading `#` heading).
    Title,
    /// A body heading (section start).
    Heading,
    Paragraph,
    ListItem,
    Quote,
    /// Not prose: front matter, fenced or indented code, HTML, link
    /// definitions, thematic breaks, table rules.
    Code,
    /// An HTML comment block (`<!-- … -->`).
    Comment,
}

impl BlockKind {
    /// Blocks whose text is analysed as prose (sentences, people, claims).
    pub fn is_prose(self) -> bool {
        !matches!(self, BlockKind::Code | BlockKind::Comment)
    }
    /// Prose blocks that are running text (not headline or heading).
    pub fn is_body(self) -> bool {
        matches!(
            self,
            BlockKind::Paragraph | BlockKind::ListItem | BlockKind::Quote
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// Every line of the block, markup and setext underline included
    /// (from the first line's start to the last line's end, without the
    /// final line break).
    pub range: Span,
    /// The prose content: heading text, paragraph text (trimmed).
    pub text: Span,
    /// Heading level (1–6); 0 for other blocks.
    pub level: u8,
    /// 0-based line of `text.start`.
    pub line: u32,
    /// Byte ranges inside `text` that are markup, not prose (list and quote
    /// markers on continuation lines, inline code, URLs, link targets,
    /// emphasis markers). Sorted, disjoint.
    pub mask: Vec<Span>,
    /// Byte ranges inside `text` that are one opaque token: URLs, inline
    /// code, inline comments. Masked like `mask`, but a sentence never ends
    /// inside them.
    pub atomic: Vec<Span>,
}

/// An HTML comment anywhere in a Markdown document (suppressions live here).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub span: Span,
    /// 0-based line where the comment ends.
    pub end_line: u32,
    /// The text between `<!--` and `-->`, trimmed.
    pub body: String,
}

#[derive(Debug, Clone, Default)]
pub struct Structure {
    pub blocks: Vec<Block>,
    pub comments: Vec<Comment>,
}

#[derive(Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
}

fn split_lines(text: &str) -> Vec<Line> {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len() / 60 + 1);
    let mut start = 0;
    for i in memchr::memchr2_iter(b'\n', b'\r', b) {
        if i < start {
            continue; // the `\n` of a `\r\n`
        }
        out.push(Line { start, end: i });
        start = if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
            i + 2
        } else {
            i + 1
        };
    }
    out.push(Line {
        start,
        end: b.len(),
    });
    out
}

/// A `\n` or `\r` in `s` (a byte search, not a char-by-char scan).
fn has_line_break(s: &str) -> bool {
    memchr::memchr2(b'\n', b'\r', s.as_bytes()).is_some()
}

fn is_blank(s: &str) -> bool {
    s.trim().is_empty()
}

/// Leading spaces (tabs count 4).
fn indent(s: &str) -> usize {
    let mut n = 0;
    for c in s.chars() {
        match c {
            ' ' => n += 1,
            '\t' => n += 4,
            _ => break,
        }
    }
    n
}

fn fence_open(s: &str) -> Option<(u8, usize)> {
    if indent(s) > 3 {
        return None;
    }
    let t = s.trim_start();
    let c = *t.as_bytes().first()?;
    if c != b'`' && c != b'~' {
        return None;
    }
    let n = t.bytes().take_while(|&x| x == c).count();
    if n < 3 {
        return None;
    }
    if c == b'`' && t[n..].contains('`') {
        return None;
    }
    Some((c, n))
}

fn fence_close(s: &str, c: u8, n: usize) -> bool {
    if indent(s) > 3 {
        return false;
    }
    let t = s.trim();
    let m = t.bytes().take_while(|&x| x == c).count();
    m >= n && m == t.len()
}

/// `#`…`######` heading: (level, text span relative to the line).
fn atx(s: &str) -> Option<(u8, usize, usize)> {
    if indent(s) > 3 {
        return None;
    }
    let lead = s.len() - s.trim_start().len();
    let t = &s[lead..];
    let n = t.bytes().take_while(|&c| c == b'#').count();
    if n == 0 || n > 6 {
        return None;
    }
    let rest = &t[n..];
    if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
        return None;
    }
    let mut body = rest.trim();
    // optional closing sequence of #s preceded by a space
    let stripped = body.trim_end_matches('#');
    if stripped.len() != body.len() && (stripped.is_empty() || stripped.ends_with([' ', '\t'])) {
        body = stripped.trim_end();
    }
    if body.is_empty() {
        let p = lead + n;
        return Some((n as u8, p, p));
    }
    let off = body.as_ptr() as usize - s.as_ptr() as usize;
    Some((n as u8, off, off + body.len()))
}

fn setext_level(s: &str) -> Option<u8> {
    if indent(s) > 3 {
        return None;
    }
    let t = s.trim();
    if t.is_empty() {
        return None;
    }
    if t.bytes().all(|c| c == b'=') {
        Some(1)
    } else if t.bytes().all(|c| c == b'-') {
        Some(2)
    } else {
        None
    }
}

fn thematic_break(s: &str) -> bool {
    if indent(s) > 3 {
        return false;
    }
    // three or more of one of `*`, `-`, `_` and nothing else but spaces
    // (stops at the first other byte: prose lines cost nothing)
    let mut first = 0u8;
    let mut n = 0usize;
    for c in s.bytes().filter(|c| !c.is_ascii_whitespace()) {
        if n == 0 {
            if !matches!(c, b'*' | b'-' | b'_') {
                return false;
            }
            first = c;
        } else if c != first {
            return false;
        }
        n += 1;
    }
    n >= 3
}

/// List marker: returns the byte length of marker + following space.
fn list_marker(s: &str) -> Option<usize> {
    let lead = s.len() - s.trim_start().len();
    let t = &s[lead..];
    let mut chars = t.char_indices();
    let (_, c) = chars.next()?;
    if matches!(c, '-' | '*' | '+' | '•' | '·' | '▪' | '◦') {
        let after = c.len_utf8();
        if t[after..].starts_with([' ', '\t']) && !t[after..].trim().is_empty() {
            return Some(lead + after + 1);
        }
        return None;
    }
    let digits = t.bytes().take_while(|c| c.is_ascii_digit()).count();
    if (1..=3).contains(&digits) {
        let r = &t[digits..];
        if (r.starts_with(". ") || r.starts_with(") ")) && !r[2..].trim().is_empty() {
            return Some(lead + digits + 2);
        }
    }
    None
}

fn quote_marker(s: &str) -> Option<usize> {
    if indent(s) > 3 {
        return None;
    }
    let lead = s.len() - s.trim_start().len();
    let t = &s[lead..];
    if !t.starts_with('>') {
        return None;
    }
    let mut n = lead + 1;
    if s[n..].starts_with(' ') {
        n += 1;
    }
    Some(n)
}

fn link_definition(s: &str) -> bool {
    let t = s.trim_start();
    if !t.starts_with('[') || t.starts_with("[^") && !t.contains("]:") {
        return false;
    }
    match t.find("]:") {
        Some(p) => !t[1..p].contains(']'),
        None => false,
    }
}

fn html_line(s: &str) -> bool {
    let t = s.trim();
    t.starts_with('<')
        && t.ends_with('>')
        && t[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!')
        && !t.starts_with("<!--")
}

fn table_rule(s: &str) -> bool {
    let t = s.trim();
    t.contains('-') && t.contains('|') && t.bytes().all(|c| matches!(c, b'|' | b'-' | b':' | b' '))
}

#[derive(Clone, Copy, PartialEq)]
enum PendKind {
    Para,
    List,
    Quote,
}

struct Pending {
    kind: PendKind,
    /// (line index, content start offset) for each line.
    lines: Vec<(usize, usize)>,
}

struct Scanner<'a> {
    text: &'a str,
    lines: Vec<Line>,
    markdown: bool,
    out: Structure,
}

const TERMINAL: &[char] = &['.', '!', '?', ':', '"', '”', '’', '\'', ')', '…', ';'];

impl<'a> Scanner<'a> {
    fn line(&self, i: usize) -> &'a str {
        let l = self.lines[i];
        &self.text[l.start..l.end]
    }

    fn flush(&mut self, p: &mut Option<Pending>) {
        let Some(p) = p.take() else { return };
        // Decide whether the lines are one wrapped paragraph or one paragraph
        // per line (the news-wire layout with no blank lines between).
        let wrapped = p.lines.len() == 1 || {
            let line = |&(i, cs): &(usize, usize)| self.text[cs..self.lines[i].end].trim_end();
            let nonlast = p.lines.len() - 1;
            let ends_terminal = p.lines[..nonlast]
                .iter()
                .filter(|l| line(l).ends_with(TERMINAL))
                .count();
            // short lines (at most 100 characters) that mostly do not end a
            // sentence: a hard-wrapped paragraph
            p.lines
                .iter()
                .all(|l| line(l).len() <= 100 || line(l).chars().count() <= 100)
                && ends_terminal * 2 < nonlast
        };
        let kind = match p.kind {
            PendKind::Para => BlockKind::Paragraph,
            PendKind::List => BlockKind::ListItem,
            PendKind::Quote => BlockKind::Quote,
        };
        if wrapped {
            self.push_prose(kind, &p.lines);
        } else {
            // split into units at lines that end a sentence or that look like
            // a stand-alone heading line
            let mut unit: Vec<(usize, usize)> = Vec::new();
            for (k, &(i, cs)) in p.lines.iter().enumerate() {
                unit.push((i, cs));
                let content = self.text[cs..self.lines[i].end].trim_end();
                let last = k + 1 == p.lines.len();
                let next_upper = p.lines.get(k + 1).is_some_and(|&(j, ncs)| {
                    self.text[ncs..self.lines[j].end]
                        .trim_start()
                        .starts_with(|c: char| !c.is_lowercase())
                });
                if last || content.ends_with(TERMINAL) || (next_upper && unit.len() == 1) {
                    let u = std::mem::take(&mut unit);
                    self.push_prose(kind, &u);
                }
            }
        }
    }

    fn push_prose(&mut self, kind: BlockKind, lines: &[(usize, usize)]) {
        let first = lines[0].0;
        let last = lines[lines.len() - 1].0;
        let range = self.lines[first].start..self.lines[last].end;
        let text = trim_span(self.text, lines[0].1..self.lines[last].end);
        if text.is_empty() {
            return;
        }
        let mut mask = Vec::new();
        let mut atomic = Vec::new();
        // continuation-line prefixes (quote markers, indentation) are markup
        for &(i, cs) in &lines[1..] {
            let ls = self.lines[i].start;
            if cs > ls {
                mask.push(ls..cs);
            }
        }
        inline_mask(
            self.text,
            text.clone(),
            self.markdown,
            &mut mask,
            &mut atomic,
        );
        mask.sort_by_key(|r| r.start);
        let line = self.line_no(text.start);
        self.out.blocks.push(Block {
            kind,
            range,
            text,
            level: 0,
            line,
            mask,
            atomic,
        });
    }

    fn line_no(&self, off: usize) -> u32 {
        match self.lines.binary_search_by(|l| l.start.cmp(&off)) {
            Ok(i) => i as u32,
            Err(i) => (i - 1) as u32,
        }
    }

    fn push_plain(&mut self, kind: BlockKind, first: usize, last: usize) {
        let range = self.lines[first].start..self.lines[last].end;
        self.out.blocks.push(Block {
            kind,
            range: range.clone(),
            text: range,
            level: 0,
            line: first as u32,
            mask: Vec::new(),
            atomic: Vec::new(),
        });
    }

    fn record_comments(&mut self, span: Span) {
        let s = &self.text[span.clone()];
        let mut from = 0;
        while let Some(p) = s[from..].find("<!--") {
            let a = from + p;
            let (b, body_end) = match s[a + 4..].find("-->") {
                Some(q) => (a + 4 + q + 3, a + 4 + q),
                None => (s.len(), s.len()),
            };
            let abs = span.start + a..span.start + b;
            let end_line = self.line_no(abs.end.saturating_sub(1).max(abs.start));
            self.out.comments.push(Comment {
                span: abs,
                end_line,
                body: s[a + 4..body_end].trim().to_string(),
            });
            from = b;
        }
    }

    fn run(mut self) -> Structure {
        let n = self.lines.len();
        let mut i = 0;
        let mut pend: Option<Pending> = None;
        // front matter
        if self.markdown && n > 1 {
            let first = self.line(0).trim_end();
            if first == "---" || first == "+++" {
                if let Some(j) = (1..n).find(|&j| {
                    let t = self.line(j).trim_end();
                    t == first || (first == "---" && t == "...")
                }) {
                    self.push_plain(BlockKind::Code, 0, j);
                    i = j + 1;
                }
            }
        }
        while i < n {
            let s = self.line(i);
            let ls = self.lines[i].start;
            if is_blank(s) {
                self.flush(&mut pend);
                i += 1;
                continue;
            }
            if self.markdown {
                if let Some((c, len)) = fence_open(s) {
                    self.flush(&mut pend);
                    let mut j = i + 1;
                    while j < n && !fence_close(self.line(j), c, len) {
                        j += 1;
                    }
                    let j = j.min(n - 1);
                    self.push_plain(BlockKind::Code, i, j);
                    i = j + 1;
                    continue;
                }
                if s.trim_start().starts_with("<!--") && indent(s) <= 3 {
                    self.flush(&mut pend);
                    let mut j = i;
                    let open = ls + s.find("<!--").unwrap_or(0);
                    while j < n
                        && !self.text[open.max(self.lines[j].start)..self.lines[j].end]
                            .contains("-->")
                    {
                        j += 1;
                    }
                    let j = j.min(n - 1);
                    // text after the comment on its last line is prose again;
                    // keep it simple: the whole line belongs to the comment
                    self.push_plain(BlockKind::Comment, i, j);
                    self.record_comments(self.lines[i].start..self.lines[j].end);
                    i = j + 1;
                    continue;
                }
                if let Some((level, a, b)) = atx(s) {
                    self.flush(&mut pend);
                    let text = ls + a..ls + b;
                    let (mut mask, mut atomic) = (Vec::new(), Vec::new());
                    inline_mask(self.text, text.clone(), true, &mut mask, &mut atomic);
                    self.out.blocks.push(Block {
                        kind: BlockKind::Heading,
                        range: ls..self.lines[i].end,
                        text,
                        level,
                        line: i as u32,
                        mask,
                        atomic,
                    });
                    i += 1;
                    continue;
                }
                if let Some(level) = setext_level(s) {
                    if let Some(p) = pend.as_ref().filter(|p| p.kind == PendKind::Para) {
                        // the paragraph's last line becomes the heading; lines
                        // before it stay a paragraph
                        let mut p = Pending {
                            kind: p.kind,
                            lines: p.lines.clone(),
                        };
                        pend = None;
                        let (hl, hcs) = p.lines.pop().expect("pending has lines");
                        if !p.lines.is_empty() {
                            self.flush(&mut Some(p));
                        }
                        let text = trim_span(self.text, hcs..self.lines[hl].end);
                        let (mut mask, mut atomic) = (Vec::new(), Vec::new());
                        inline_mask(self.text, text.clone(), true, &mut mask, &mut atomic);
                        self.out.blocks.push(Block {
                            kind: BlockKind::Heading,
                            range: self.lines[hl].start..self.lines[i].end,
                            text,
                            level,
                            line: hl as u32,
                            mask,
                            atomic,
                        });
                        i += 1;
                        continue;
                    }
                }
                if thematic_break(s) || link_definition(s) || html_line(s) || table_rule(s) {
                    self.flush(&mut pend);
                    self.push_plain(BlockKind::Code, i, i);
                    if s.contains("<!--") {
                        self.record_comments(ls..self.lines[i].end);
                    }
                    i += 1;
                    continue;
                }
                if indent(s) >= 4 && pend.is_none() {
                    // indented code block after a blank line
                    let mut j = i;
                    while j + 1 < n && (indent(self.line(j + 1)) >= 4 || is_blank(self.line(j + 1)))
                    {
                        j += 1;
                    }
                    while j > i && is_blank(self.line(j)) {
                        j -= 1;
                    }
                    self.push_plain(BlockKind::Code, i, j);
                    i = j + 1;
                    continue;
                }
            }
            if let Some(m) = quote_marker(s) {
                let content = &s[m..];
                if content.trim().is_empty() {
                    self.flush(&mut pend);
                    i += 1;
                    continue;
                }
                // a list marker inside a quote still starts a new item
                let (cs, starts_new) = match list_marker(content) {
                    Some(lm) => (ls + m + lm, true),
                    None => (ls + m, false),
                };
                match pend.as_mut() {
                    Some(p) if p.kind == PendKind::Quote && !starts_new => p.lines.push((i, cs)),
                    _ => {
                        self.flush(&mut pend);
                        pend = Some(Pending {
                            kind: PendKind::Quote,
                            lines: vec![(i, cs)],
                        });
                    }
                }
                i += 1;
                continue;
            }
            if let Some(m) = list_marker(s) {
                self.flush(&mut pend);
                pend = Some(Pending {
                    kind: PendKind::List,
                    lines: vec![(i, ls + m)],
                });
                i += 1;
                continue;
            }
            let cs = ls + (s.len() - s.trim_start().len());
            match pend.as_mut() {
                Some(p) => p.lines.push((i, cs)),
                None => {
                    pend = Some(Pending {
                        kind: PendKind::Para,
                        lines: vec![(i, cs)],
                    })
                }
            }
            i += 1;
        }
        self.flush(&mut pend);
        if self.markdown {
            // inline comments inside prose blocks (for suppressions)
            let spans: Vec<Span> = self
                .out
                .blocks
                .iter()
                .filter(|b| b.kind.is_prose() && self.text[b.text.clone()].contains("<!--"))
                .map(|b| b.text.clone())
                .collect();
            for s in spans {
                self.record_comments(s);
            }
        }
        self.classify_headings();
        self.out
    }

    /// Title and plain-text heading detection over the finished block list.
    fn classify_headings(&mut self) {
        let text = self.text;
        // Title: the first prose block, when it reads like a headline.
        if let Some(first) = self.out.blocks.iter().position(|b| b.kind.is_prose()) {
            let b = &self.out.blocks[first];
            let single_line = !has_line_break(&text[b.range.clone()]);
            let is_title = match b.kind {
                BlockKind::Heading => b.level == 1,
                BlockKind::Paragraph => single_line && looks_like_title(&text[b.text.clone()]),
                _ => false,
            };
            if is_title {
                let b = &mut self.out.blocks[first];
                b.kind = BlockKind::Title;
                b.level = 1;
            }
        }
        if self.markdown {
            return;
        }
        let n = self.out.blocks.len();
        for k in 0..n {
            let b = &self.out.blocks[k];
            if b.kind != BlockKind::Paragraph || has_line_break(&text[b.range.clone()]) {
                continue;
            }
            // something must follow a heading, unless it ends the text
            let next_ok = self.out.blocks[k + 1..]
                .iter()
                .find(|b| b.kind.is_prose())
                .is_none_or(|nb| nb.kind.is_body() || nb.kind == BlockKind::Heading);
            if next_ok && looks_like_heading(&text[b.text.clone()]) {
                let b = &mut self.out.blocks[k];
                b.kind = BlockKind::Heading;
                b.level = 2;
            }
        }
    }
}

const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
}

/// A dateline or date-only line ("Tuesday, October 8, 2019", "LONDON, 3 May —").
pub fn looks_like_dateline(s: &str) -> bool {
    // a date needs a digit: the cheap test first
    if !s.bytes().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let lower = s.to_lowercase();
    let ws: Vec<&str> = words(&lower).collect();
    if ws.is_empty() || ws.len() > 8 {
        return false;
    }
    let clean = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
    let has_day = ws.iter().any(|w| WEEKDAYS.contains(&clean(w).as_str()));
    let has_month = ws.iter().any(|w| MONTHS.contains(&clean(w).as_str()));
    has_day || has_month
}

const CONTACT_WORDS: &[&str] = &[
    "call",
    "text",
    "sms",
    "phone",
    "tel",
    "telephone",
    "fax",
    "email",
    "e-mail",
    "website",
    "web",
    "visit",
    "contact",
    "follow",
    "freephone",
    "ring",
    "mobile",
    "twitter",
    "office",
];

fn is_meta_line(s: &str) -> bool {
    let t = s.trim();
    let lower = t.to_lowercase();
    let first = lower
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .next()
        .unwrap_or("");
    let digits = t.bytes().filter(|c| c.is_ascii_digit()).count();
    (CONTACT_WORDS.contains(&first) && digits >= 3)
        || (digits >= 5 && words(t).count() <= 4)
        || lower.starts_with("by ")
        || lower.starts_with("photo")
        || lower.starts_with("image:")
        || lower.starts_with("credit")
        || lower.starts_with("caption")
        || lower.starts_with("tel")
        || lower.starts_with("email")
        || lower.starts_with("e-mail")
        || lower.starts_with("phone")
        || lower.starts_with("contact:")
        || t.contains('@')
        || lower.contains("http://")
        || lower.contains("https://")
        || lower.contains("www.")
        || t.bytes().filter(|c| c.is_ascii_digit()).count() >= 7
        || looks_like_dateline(t)
}

/// A first line that reads like a headline.
pub fn looks_like_title(s: &str) -> bool {
    let t = s.trim();
    if t.len() > 200 * 4 || t.chars().count() > 200 {
        return false;
    }
    let n = words(t).count();
    if n == 0 || n > 30 {
        return false;
    }
    if t.ends_with(['.', ',', ';', ':']) && !t.ends_with("...") {
        return false;
    }
    if is_meta_line(t) {
        return false;
    }
    t.chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| !c.is_lowercase())
}

/// A plain-text body heading: short, alone, without sentence punctuation,
/// capitalised, and not a list entry, dateline, byline, caption or contact.
pub fn looks_like_heading(s: &str) -> bool {
    let t = s.trim();
    // cheap tests first: most paragraphs are long or end a sentence
    if t.len() > 90 * 4 {
        return false;
    }
    if t.ends_with([
        '.', ',', ';', ':', '!', '?', '"', '”', '’', '\'', '…', ')', ']', '-', '–', '—',
    ]) {
        return false;
    }
    if t.chars().count() > 90 {
        return false;
    }
    let n = words(t).count();
    if n == 0 || n > 12 {
        return false;
    }
    // data rows such as "cocaine, 10 µg/L"
    if t.contains(',') && t.bytes().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let Some(first) = t.chars().find(|c| c.is_alphanumeric()) else {
        return false;
    };
    if first.is_lowercase() {
        return false;
    }
    // sentence-like lines contain a sentence break
    if t.contains(". ") || t.contains("? ") || t.contains("! ") {
        return false;
    }
    // (the dearest test last)
    !is_meta_line(t)
}

/// Searchers for `://` and `www.`, built once.
fn finders() -> &'static (
    memchr::memmem::Finder<'static>,
    memchr::memmem::Finder<'static>,
) {
    static F: std::sync::OnceLock<(
        memchr::memmem::Finder<'static>,
        memchr::memmem::Finder<'static>,
    )> = std::sync::OnceLock::new();
    F.get_or_init(|| {
        (
            memchr::memmem::Finder::new(b"://"),
            memchr::memmem::Finder::new(b"www."),
        )
    })
}

/// The first position `p >= from` where `http://`, `https://` or `www.`
/// starts and no letter or digit comes right before; `b.len()` if none.
/// (Searches for the rare `://` and `www.`, not for every `h` and `w`.)
fn next_url_start(b: &[u8], from: usize) -> usize {
    // the first scheme URL starting at or after `start`
    let scheme = |start: usize| -> usize {
        let mut f = start;
        while let Some(q) = finders().0.find(&b[f..]).map(|q| f + q) {
            let p = if b[..q].ends_with(b"https") {
                q - 5
            } else if b[..q].ends_with(b"http") {
                q - 4
            } else {
                usize::MAX
            };
            if p != usize::MAX && p >= start {
                return p;
            }
            f = q + 1;
        }
        b.len()
    };
    let www = |f: usize| finders().1.find(&b[f..]).map_or(b.len(), |q| f + q);
    let (mut s, mut w) = (scheme(from), www(from));
    loop {
        let p = s.min(w);
        if p >= b.len() || p == 0 || !b[p - 1].is_ascii_alphanumeric() {
            return p.min(b.len());
        }
        // glued to a word: look further
        if s == p {
            s = scheme(p + 1);
        }
        if w == p {
            w = www(p + 1);
        }
    }
}

/// Mark the URL starting at `i` as one opaque token; returns where it ends.
fn mask_url(s: &str, i: usize, base: usize, atomic: &mut Vec<Span>) -> usize {
    let b = s.as_bytes();
    let mut j = i;
    while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' && b[j] != b'<' {
        j += 1;
    }
    // trailing sentence punctuation is not part of the URL
    while j > i
        && matches!(
            b[j - 1],
            b'.' | b',' | b';' | b':' | b')' | b'!' | b'?' | b'"' | b'\''
        )
    {
        j -= 1;
    }
    if j > i {
        atomic.push(base + i..base + j);
    }
    j.max(i + 1)
}

/// Mask markup inside a prose span: URLs (both modes), and in Markdown inline
/// code, link/image targets, autolinks, HTML tags and comments, emphasis
/// markers and bracket delimiters of links.
fn inline_mask(
    text: &str,
    span: Span,
    markdown: bool,
    mask: &mut Vec<Span>,
    atomic: &mut Vec<Span>,
) {
    let s = &text[span.clone()];
    let base = span.start;
    let b = s.as_bytes();
    if !markdown {
        // plain text: only URLs are markup
        let mut i = next_url_start(b, 0);
        while i < b.len() {
            let done = mask_url(s, i, base, atomic);
            i = next_url_start(b, done);
        }
        return;
    }
    // The next bare URL at or after `i` (not glued to a word before it),
    // and the next byte that may start other markup; both searched ahead
    // and searched again only once the scan has passed them.
    let next_url = |from: usize| -> usize { next_url_start(b, from) };
    let next_a =
        |from: usize| memchr::memchr3(b'`', b'<', b'!', &b[from..]).map_or(b.len(), |p| from + p);
    let next_b =
        |from: usize| memchr::memchr3(b'[', b'*', b'_', &b[from..]).map_or(b.len(), |p| from + p);
    let (mut url, mut na, mut nb) = (next_url(0), next_a(0), next_b(0));
    let mut i = 0;
    while i < b.len() {
        if url < i {
            url = next_url(i);
        }
        if na < i {
            na = next_a(i);
        }
        if nb < i {
            nb = next_b(i);
        }
        i = url.min(na).min(nb);
        if i >= b.len() {
            break;
        }
        let c = b[i];
        // bare URLs
        if i == url {
            i = mask_url(s, i, base, atomic);
            continue;
        }
        match c {
            b'`' => {
                let n = b[i..].iter().take_while(|&&x| x == b'`').count();
                let ticks = &s[i..i + n];
                if let Some(p) = s[i + n..].find(ticks) {
                    let end = i + n + p + n;
                    atomic.push(base + i..base + end);
                    i = end;
                } else {
                    i += n;
                }
                continue;
            }
            b'<' => {
                if s[i..].starts_with("<!--") {
                    let end = s[i + 4..].find("-->").map_or(b.len(), |p| i + 4 + p + 3);
                    atomic.push(base + i..base + end);
                    i = end;
                    continue;
                }
                // autolink or HTML tag
                if let Some(p) = s[i + 1..].find('>') {
                    let inner = &s[i + 1..i + 1 + p];
                    let tagish = inner.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/')
                        && !inner.contains(['\n', '\r'])
                        && (inner.contains(':')
                            || inner.contains('@')
                            || inner.split_whitespace().next().is_some_and(|w| {
                                w.trim_start_matches('/')
                                    .chars()
                                    .all(|c| c.is_ascii_alphanumeric())
                            }));
                    if tagish {
                        let end = i + 1 + p + 1;
                        if inner.contains(':') || inner.contains('@') {
                            atomic.push(base + i..base + end);
                        } else {
                            mask.push(base + i..base + end);
                        }
                        i = end;
                        continue;
                    }
                }
                i += 1;
            }
            b'!' if b.get(i + 1) == Some(&b'[') => {
                mask.push(base + i..base + i + 2);
                i += 2;
            }
            b'[' => {
                // [text](target) or [text][ref]: mask the brackets and target
                if let Some(close) = find_matching_bracket(s, i) {
                    let after = close + 1;
                    if s[after..].starts_with('(') {
                        if let Some(p) = s[after..].find(')') {
                            mask.push(base + i..base + i + 1);
                            mask.push(base + close..base + after + p + 1);
                            i += 1;
                            // the link text itself is prose: continue inside it
                            continue;
                        }
                    } else if s[after..].starts_with('[') {
                        if let Some(p) = s[after..].find(']') {
                            mask.push(base + i..base + i + 1);
                            mask.push(base + close..base + after + p + 1);
                            i += 1;
                            continue;
                        }
                    }
                }
                i += 1;
            }
            b'*' | b'_' => {
                // emphasis markers: runs of * or _ next to a word boundary
                let n = b[i..].iter().take_while(|&&x| x == c).count();
                let prev_ws = i == 0 || !b[i - 1].is_ascii_alphanumeric();
                let next_ws = i + n >= b.len() || !b[i + n].is_ascii_alphanumeric();
                if (c == b'*' || prev_ws || next_ws) && !(prev_ws && next_ws && c == b'_') {
                    mask.push(base + i..base + i + n);
                }
                i += n;
            }
            _ => i += 1,
        }
    }
}

fn find_matching_bracket(s: &str, open: usize) -> Option<usize> {
    let b = s.as_bytes();
    let mut depth = 0;
    for (k, &c) in b.iter().enumerate().skip(open) {
        match c {
            b'[' => depth += 1,
            b']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(k);
                }
            }
            b'\n' | b'\r' if k + 1 < b.len() && (b[k + 1] == b'\n' || b[k + 1] == b'\r') => {
                return None;
            }
            _ => {}
        }
    }
    None
}

/// Does plain text look like Markdown (an ATX heading, a setext underline
/// under text, or a code fence at the start of a line)?
pub fn sniff_markdown(text: &str) -> bool {
    let mut prev_text = false;
    for line in text.lines().take(2000) {
        let t = line.trim_end();
        if atx(t).is_some_and(|(_, a, b)| b > a) {
            return true;
        }
        if prev_text && !t.is_empty() && (t.bytes().all(|c| c == b'=') && t.len() >= 3) {
            return true;
        }
        if fence_open(t).is_some() && t.trim_start().starts_with("```") {
            return true;
        }
        prev_text = !t.trim().is_empty();
    }
    false
}

/// Scan `text` into blocks. `markdown` enables Markdown syntax.
pub fn scan(text: &str, markdown: bool) -> Structure {
    Scanner {
        text,
        lines: split_lines(text),
        markdown,
        out: Structure::default(),
    }
    .run()
}

/// The prose of a block with markup replaced by spaces (same byte length, so
/// every offset stays valid). Borrowed when there is no markup.
pub fn masked_text<'a>(text: &'a str, block: &Block) -> std::borrow::Cow<'a, str> {
    let src = &text[block.text.clone()];
    if block.mask.is_empty() && block.atomic.is_empty() {
        return std::borrow::Cow::Borrowed(src);
    }
    let mut bytes = src.as_bytes().to_vec();
    for m in block.mask.iter().chain(&block.atomic) {
        let a = m.start.max(block.text.start) - block.text.start;
        let b = m.end.min(block.text.end).saturating_sub(block.text.start);
        for x in bytes.iter_mut().take(b).skip(a) {
            *x = b' ';
        }
    }
    // masks cover whole characters (they start and end at ASCII delimiters or
    // whitespace), so the result is valid UTF-8; fall back to a lossy copy
    // rather than panic if that ever fails
    std::borrow::Cow::Owned(
        String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(s: &Structure, text: &str) -> Vec<(BlockKind, String)> {
        s.blocks
            .iter()
            .map(|b| (b.kind, text[b.text.clone()].to_string()))
            .collect()
    }

    #[test]
    fn plain_title_heading_paragraphs() {
        let t = "Big news today in Moscow\n\nThe first paragraph ends here.\n\nCordial Moscow meeting and ongoing diplomatic efforts\n\nMore text follows here.\n";
        let s = scan(t, false);
        let k = kinds(&s, t);
        assert_eq!(k[0].0, BlockKind::Title);
        assert_eq!(k[1].0, BlockKind::Paragraph);
        assert_eq!(
            k[2],
            (
                BlockKind::Heading,
                "Cordial Moscow meeting and ongoing diplomatic efforts".into()
            )
        );
        assert_eq!(k[3].0, BlockKind::Paragraph);
    }

    #[test]
    fn one_paragraph_per_line() {
        let t = "A long first sentence that is a paragraph of its own in the wire layout of this text.\nSecond paragraph starts here and it also ends with a period like the first one did.\nA heading line\nThird paragraph.\n";
        let s = scan(t, false);
        let k = kinds(&s, t);
        assert_eq!(k.len(), 4, "{k:?}");
        assert_eq!(k[2].0, BlockKind::Heading);
    }

    #[test]
    fn wrapped_paragraph_stays_one() {
        let t = "This paragraph is hard wrapped at a modest width so that\nthe sentence continues on the next line and ends\nhere.\n";
        let s = scan(t, false);
        assert_eq!(s.blocks.len(), 1);
    }

    #[test]
    fn markdown_constructs() {
        let t = "---\ntitle: x\n---\n# Title here\n\nIntro text.\n\n```\n# not a heading\n```\n\n<!-- # not a heading -->\n\nSetext Heading\n--------------\n\nBody with `code` and [link](http://x.y/z).\n\n## ATX heading ##\n\n- item one\n- item two\n\n> quoted line\n> continues\n";
        let s = scan(t, true);
        let k = kinds(&s, t);
        let heads: Vec<&str> = k
            .iter()
            .filter(|(k, _)| *k == BlockKind::Heading)
            .map(|(_, s)| s.as_str())
            .collect();
        assert_eq!(heads, vec!["Setext Heading", "ATX heading"]);
        assert_eq!(k.iter().filter(|(k, _)| *k == BlockKind::Title).count(), 1);
        assert_eq!(
            k.iter().filter(|(k, _)| *k == BlockKind::ListItem).count(),
            2
        );
        assert_eq!(s.comments.len(), 1);
        let body = s
            .blocks
            .iter()
            .find(|b| t[b.text.clone()].starts_with("Body"))
            .unwrap();
        let m = masked_text(t, body);
        assert!(
            !m.contains("code") && !m.contains("http") && m.contains("link"),
            "{m}"
        );
    }

    #[test]
    fn not_headings() {
        for s in [
            "Tuesday, October 8, 2019",
            "cocaine, 10 µg/L",
            "By Jane Smith",
            "Contact: press@example.org",
            "He said it was over.",
            "Photo: Reuters",
        ] {
            assert!(!looks_like_heading(s), "{s}");
        }
        for s in [
            "Illicit drugs",
            "See also",
            "Disney",
            "Group F — Sweden 1 – 0 Korea Republic",
        ] {
            assert!(looks_like_heading(s), "{s}");
        }
    }

    #[test]
    fn urls_are_one_token_in_plain_text() {
        let t = "See https://www.example.org/a.b, or www.x.y. Then stop.\n";
        let s = scan(t, false);
        let spans: Vec<&str> = s.blocks[0].atomic.iter().map(|r| &t[r.clone()]).collect();
        assert_eq!(spans, vec!["https://www.example.org/a.b", "www.x.y"]);
    }

    #[test]
    fn crlf_and_empty() {
        assert!(scan("", false).blocks.is_empty());
        let t = "Title\r\n\r\nBody one.\r\n";
        let s = scan(t, false);
        assert_eq!(&t[s.blocks[1].text.clone()], "Body one.");
    }
}
