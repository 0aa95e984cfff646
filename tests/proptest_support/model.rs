//! The plain text model the property tests and the fuzz targets check the
//! server's positions against: LSP lines and positions written without
//! ropey or the crate's `LineIndex`. No dependencies, so `fuzz/` includes
//! this file by path.

/// (content start, content end) of every line; LSP line breaks only:
/// `\n`, `\r\n`, `\r`. Written without ropey or the crate's LineIndex.
pub fn model_lines(t: &str) -> Vec<(usize, usize)> {
    let b = t.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\n' => {
                out.push((start, i));
                i += 1;
                start = i;
            }
            b'\r' => {
                out.push((start, i));
                i += if b.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
                start = i;
            }
            _ => i += 1,
        }
    }
    out.push((start, b.len()));
    out
}

/// Byte offset of an LSP position in the model: lines past the end clamp to
/// the end of the text, columns past the line end to the line end, a column
/// inside a character to that character's start.
pub fn model_offset(t: &str, (line, col): (u32, u32), utf16: bool) -> usize {
    let lines = model_lines(t);
    let Some(&(s, e)) = lines.get(line as usize) else {
        return t.len();
    };
    let mut u = 0usize;
    for (i, ch) in t[s..e].char_indices() {
        let w = if utf16 { ch.len_utf16() } else { ch.len_utf8() };
        if u + w > col as usize {
            return s + i;
        }
        u += w;
    }
    e
}

/// Position of a byte offset in the model (clamped, floored to a char).
pub fn model_position(t: &str, off: usize, utf16: bool) -> (u32, u32) {
    let mut off = off.min(t.len());
    while !t.is_char_boundary(off) {
        off -= 1;
    }
    // line starts: 0 and just after every break
    let lines = model_lines(t);
    let mut line = 0;
    for (i, &(s, _)) in lines.iter().enumerate() {
        if s <= off {
            line = i;
        }
    }
    let s = lines[line].0;
    (line as u32, units(&t[s..off], utf16) as u32)
}

/// Is `off` between the `\r` and the `\n` of a CRLF (no position names it)?
pub fn inside_crlf(t: &str, off: usize) -> bool {
    let b = t.as_bytes();
    off > 0 && off < b.len() && b[off - 1] == b'\r' && b[off] == b'\n'
}

fn units(s: &str, utf16: bool) -> usize {
    if utf16 {
        s.encode_utf16().count()
    } else {
        s.len()
    }
}

/// Map raw random numbers to a position that is usually in range: one line
/// past the end now and then, up to two units past the line end (`wild`
/// keeps them as they are).
pub fn map_raw(t: &str, line: u32, col: u32, wild: bool, utf16: bool) -> (u32, u32) {
    if wild {
        return (line, col);
    }
    let lines = model_lines(t);
    let line = line as usize % (lines.len() + 1);
    let units = lines
        .get(line)
        .map(|&(s, e)| units(&t[s..e], utf16))
        .unwrap_or(0);
    let col = col as usize % (units + 3);
    (line as u32, col as u32)
}
