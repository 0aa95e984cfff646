//! The document store: a `ropey` rope per open document, edits applied in
//! order, positions in the negotiated encoding (UTF-16 code units by
//! default, bytes when the client offers UTF-8). Line breaks are `\n`,
//! `\r\n` and `\r`, as in LSP (ropey is built without Unicode line breaks).

use ropey::Rope;

/// How `character` in a position counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    Utf8,
    #[default]
    Utf16,
}

/// A position as (0-based line, character in the encoding).
pub type Pos = (u32, u32);

#[derive(Debug, Clone)]
pub struct Document {
    rope: Rope,
    pub version: i32,
    pub language_id: String,
}

impl Document {
    pub fn new(text: &str, version: i32, language_id: &str) -> Self {
        Document {
            rope: Rope::from_str(text),
            version,
            language_id: language_id.to_string(),
        }
    }

    pub fn len_bytes(&self) -> usize {
        self.rope.len_bytes()
    }

    pub fn text(&self) -> String {
        self.rope.to_string()
    }

    pub fn rope(&self) -> &Rope {
        &self.rope
    }

    /// Byte offset of `pos`, clamped: a line past the end gives the end of
    /// the text, a character past the end of its line gives the line's end,
    /// a character inside a multi-unit character snaps to its start.
    pub fn offset(&self, pos: Pos, enc: Encoding) -> usize {
        let (line, col) = (pos.0 as usize, pos.1 as usize);
        if line >= self.rope.len_lines() {
            return self.rope.len_bytes();
        }
        let start = self.rope.line_to_byte(line);
        let slice = self.rope.line(line);
        let mut off = 0usize;
        let mut units = 0usize;
        for ch in slice.chars() {
            if ch == '\n' || ch == '\r' {
                break;
            }
            let w = match enc {
                Encoding::Utf16 => ch.len_utf16(),
                Encoding::Utf8 => ch.len_utf8(),
            };
            if units + w > col {
                break;
            }
            units += w;
            off += ch.len_utf8();
        }
        start + off
    }

    /// Position of byte offset `off` (clamped to the text, snapped to a char).
    pub fn position(&self, off: usize, enc: Encoding) -> Pos {
        let off = off.min(self.rope.len_bytes());
        let ch = self.rope.byte_to_char(off);
        let line = self.rope.char_to_line(ch);
        let line_start_char = self.rope.line_to_char(line);
        let col = match enc {
            Encoding::Utf8 => self.rope.char_to_byte(ch) - self.rope.line_to_byte(line),
            Encoding::Utf16 => {
                self.rope.char_to_utf16_cu(ch) - self.rope.char_to_utf16_cu(line_start_char)
            }
        };
        (line as u32, col as u32)
    }

    /// Apply one content change: `range` None replaces the whole text.
    /// A reversed range is normalised; positions are clamped.
    pub fn apply(&mut self, range: Option<(Pos, Pos)>, new_text: &str, enc: Encoding) {
        match range {
            None => self.rope = Rope::from_str(new_text),
            Some((a, b)) => {
                let mut s = self.offset(a, enc);
                let mut e = self.offset(b, enc);
                if s > e {
                    std::mem::swap(&mut s, &mut e);
                }
                let sc = self.rope.byte_to_char(s);
                let ec = self.rope.byte_to_char(e);
                if ec > sc {
                    self.rope.remove(sc..ec);
                }
                if !new_text.is_empty() {
                    self.rope.insert(sc, new_text);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multibyte_edits_match_full_text() {
        let mut d = Document::new("héllo 😀 wörld\r\nzwei\n", 1, "plaintext");
        // replace "😀" (UTF-16 columns 6..8) with "🎉!"
        d.apply(Some(((0, 6), (0, 8))), "🎉!", Encoding::Utf16);
        assert_eq!(d.text(), "héllo 🎉! wörld\r\nzwei\n");
        // insert at the start of line 1 (after CRLF)
        d.apply(Some(((1, 0), (1, 0))), "→", Encoding::Utf16);
        assert_eq!(d.text(), "héllo 🎉! wörld\r\n→zwei\n");
        assert_eq!(
            d.position(d.text().find("zwei").unwrap(), Encoding::Utf16),
            (1, 1)
        );
        assert_eq!(
            d.position(d.text().find("zwei").unwrap(), Encoding::Utf8),
            (1, 3)
        );
    }

    #[test]
    fn out_of_range_positions_clamp() {
        let mut d = Document::new("ab\ncd", 1, "plaintext");
        assert_eq!(d.offset((0, 99), Encoding::Utf16), 2);
        assert_eq!(d.offset((99, 0), Encoding::Utf16), 5);
        d.apply(Some(((9, 9), (0, 1))), "X", Encoding::Utf16);
        assert_eq!(d.text(), "aX");
        d.apply(None, "", Encoding::Utf16);
        assert_eq!(d.text(), "");
        d.apply(Some(((3, 3), (4, 4))), "z", Encoding::Utf8);
        assert_eq!(d.text(), "z");
    }

    #[test]
    fn utf8_encoding_columns() {
        let mut d = Document::new("é1", 1, "plaintext");
        assert_eq!(d.offset((0, 2), Encoding::Utf8), 2);
        // inside the two-byte é snaps to its start
        assert_eq!(d.offset((0, 1), Encoding::Utf8), 0);
        d.apply(Some(((0, 2), (0, 3))), "2", Encoding::Utf8);
        assert_eq!(d.text(), "é2");
    }
}
