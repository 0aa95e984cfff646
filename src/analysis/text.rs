//! Small text utilities shared by every analysis pass: line index, offset
//! conversions and character classes. Pure functions, no I/O.

use std::ops::Range;

/// Byte range into the analysed text.
pub type Span = Range<usize>;

/// Start offsets of every line (LSP line breaks only: `\n`, `\r\n`, `\r`).
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
    /// On lines longer than [`LONG`] bytes: (byte offset, UTF-16 units from
    /// its line's start) every ~[`MARK`] bytes, so a UTF-16 column costs at
    /// most that much counting however long the line (a pasted article on
    /// one line has thousands of findings). Sorted by offset.
    marks: Vec<(usize, usize)>,
}

/// Lines longer than this get UTF-16 marks.
const LONG: usize = 4096;
/// Spacing of the marks.
const MARK: usize = 1024;

/// UTF-16 code units of valid UTF-8 bytes (whole characters): one per
/// character (every byte that is not a continuation byte), two for a
/// four-byte one. Byte-wise, so it vectorises.
fn utf16_len(b: &[u8]) -> usize {
    // (as i8, continuation bytes 0x80..=0xBF are -128..=-65)
    b.iter().filter(|&&x| (x as i8) >= -0x40).count() + b.iter().filter(|&&x| x >= 0xF0).count()
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = Vec::with_capacity(bytes.len() / 64 + 1);
        starts.push(0);
        let mut i = 0;
        while let Some(off) = memchr::memchr2(b'\n', b'\r', &bytes[i..]) {
            let p = i + off;
            if bytes[p] == b'\r' && bytes.get(p + 1) == Some(&b'\n') {
                i = p + 2;
            } else {
                i = p + 1;
            }
            starts.push(i);
        }
        let mut marks = Vec::new();
        for (l, &start) in starts.iter().enumerate() {
            let end = starts.get(l + 1).copied().unwrap_or(bytes.len());
            if end - start <= LONG {
                continue;
            }
            let (mut b, mut u) = (start, 0);
            while b + MARK < end {
                let mut next = b + MARK;
                while !text.is_char_boundary(next) {
                    next += 1;
                }
                u += utf16_len(&bytes[b..next]);
                marks.push((next, u));
                b = next;
            }
        }
        LineIndex {
            starts,
            len: bytes.len(),
            marks,
        }
    }

    /// UTF-16 units in `text[start..offset]`, `start` the start of the
    /// line holding `offset` (both on char boundaries).
    fn utf16_col(&self, text: &str, start: usize, offset: usize) -> usize {
        let i = self.marks.partition_point(|m| m.0 <= offset);
        let (b, u) = match i.checked_sub(1).map(|i| self.marks[i]) {
            // a mark of this line (earlier lines' marks lie before `start`)
            Some((b, u)) if b >= start => (b, u),
            _ => (start, 0),
        };
        u + utf16_len(&text.as_bytes()[b..offset])
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// 0-based line holding byte `offset` (clamped to the text).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        match self.starts.binary_search(&offset) {
            Ok(l) => l,
            Err(l) => l - 1,
        }
    }

    pub fn line_start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(self.len)
    }

    /// Byte offset of the end of `line`'s content (before its line break).
    pub fn line_end(&self, text: &str, line: usize) -> usize {
        let next = self.starts.get(line + 1).copied().unwrap_or(self.len);
        let b = text.as_bytes();
        let mut e = next;
        if e > self.line_start(line) && e <= b.len() && e > 0 && b[e - 1] == b'\n' {
            e -= 1;
        }
        if e > self.line_start(line) && e > 0 && b[e - 1] == b'\r' {
            e -= 1;
        }
        e
    }

    /// (line, column) of a byte offset, the column counted in UTF-16 code
    /// units (`utf16 = true`) or bytes.
    pub fn position(&self, text: &str, offset: usize, utf16: bool) -> (u32, u32) {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let start = self.line_start(line);
        let col = if utf16 {
            self.utf16_col(text, start, offset)
        } else {
            offset - start
        };
        (line as u32, col as u32)
    }

    /// Byte offset of a (line, column) position. Out-of-range lines clamp to
    /// the end of the text, out-of-range columns to the end of the line, and a
    /// column inside a character snaps to that character's start.
    pub fn offset(&self, text: &str, line: u32, col: u32, utf16: bool) -> usize {
        let line = line as usize;
        if line >= self.starts.len() {
            return text.len();
        }
        let start = self.starts[line];
        let end = self.line_end(text, line);
        let mut remaining = col as usize;
        if !utf16 {
            return floor_char_boundary(text, (start + remaining).min(end));
        }
        for (i, ch) in text[start..end].char_indices() {
            let w = ch.len_utf16();
            if remaining < w {
                return start + i;
            }
            remaining -= w;
        }
        end
    }
}

/// Largest char boundary `<= i`.
pub fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Smallest char boundary `>= i`.
pub fn ceil_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Opening quotation marks (straight marks count as both).
pub fn is_open_quote(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '‘' | '«' | '„' | '‹' | '‚')
}

/// Closing quotation marks (straight marks count as both).
pub fn is_close_quote(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | '›')
}

/// Characters that may close a sentence after its final punctuation.
pub fn is_closer(c: char) -> bool {
    is_close_quote(c) || matches!(c, ')' | ']' | '}' | '*' | '_')
}

/// Apostrophes (straight and typographic).
pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

/// Dashes and hyphens used between words.
pub fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '‐' | '‑' | '‒' | '―')
}

/// Trim ASCII and Unicode whitespace from both ends of `span` in `text`.
pub fn trim_span(text: &str, span: Span) -> Span {
    let s = &text[span.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead == s.len() {
        return span.start..span.start;
    }
    span.start + lead..span.end - trail
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_handles_all_breaks() {
        let t = "a\r\nb\rc\nd";
        let li = LineIndex::new(t);
        assert_eq!(li.line_count(), 4);
        assert_eq!(li.line_start(1), 3);
        assert_eq!(li.line_start(2), 5);
        assert_eq!(li.line_start(3), 7);
        assert_eq!(li.line_end(t, 0), 1);
        assert_eq!(li.line_end(t, 1), 4);
        assert_eq!(li.position(t, 5, true), (2, 0));
    }

    #[test]
    fn utf16_columns_and_snapping() {
        let t = "é😀x\nz";
        let li = LineIndex::new(t);
        // é = 1 unit, 😀 = 2 units
        assert_eq!(li.position(t, t.find('x').unwrap(), true), (0, 3));
        assert_eq!(li.offset(t, 0, 3, true), t.find('x').unwrap());
        // inside the surrogate pair snaps to the emoji start
        assert_eq!(li.offset(t, 0, 2, true), 2);
        // past the end of a line clamps to the line end
        assert_eq!(li.offset(t, 0, 99, true), t.find('\n').unwrap());
        // past the last line clamps to the end of the text
        assert_eq!(li.offset(t, 9, 0, true), t.len());
        // byte columns
        assert_eq!(li.offset(t, 0, 1, false), 0);
        assert_eq!(li.position(t, 2, false), (0, 2));
    }

    #[test]
    fn utf16_columns_on_long_lines_match_counting() {
        // lines far longer than the mark spacing, marks falling inside
        // multi-byte characters, several lines
        let unit = "“Né 😀 said,” ab ";
        let t = format!("{}\r\n{}\n", unit.repeat(300), unit.repeat(150));
        let li = LineIndex::new(&t);
        for off in (0..=t.len()).filter(|&o| t.is_char_boundary(o)) {
            let (line, col) = li.position(&t, off, true);
            let start = li.line_start(line as usize);
            let want: usize = t[start..off].chars().map(char::len_utf16).sum();
            assert_eq!(col as usize, want, "at {off}");
        }
    }
}
