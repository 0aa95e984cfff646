//! Property tests of the document store and the position conversions.
//!
//! * A random sequence of incremental edits (UTF-16 or UTF-8 positions,
//!   in range, out of range and reversed; inserted text with CRLF, lone CR,
//!   emoji, combining marks, CJK…) applied to [`Document`] gives exactly the
//!   text a plain `String` model gives.
//! * Offsets ↔ positions (UTF-8 / UTF-16 / char) round-trip on arbitrary
//!   Unicode, and `Document` and `LineIndex` agree on every conversion.
//!
//! Case counts are modest by default; set `BYLINE_PROPTEST_CASES` for more.

mod proptest_support;

use byline::analysis::text::LineIndex;
use byline::document::{Document, Encoding};
use proptest::prelude::*;
use proptest_support::*;

fn config(default: u32) -> ProptestConfig {
    ProptestConfig {
        cases: cases(default),
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config(256))]

    /// (a) Incremental edits on the rope match the String model.
    #[test]
    fn edits_match_string_model(
        initial in text(0..24),
        edits in proptest::collection::vec(edit(), 1..40),
        utf16 in any::<bool>(),
    ) {
        let enc = if utf16 { Encoding::Utf16 } else { Encoding::Utf8 };
        let mut doc = Document::new(&initial, 1, "plaintext");
        let mut model = initial.clone();
        for (i, e) in edits.iter().enumerate() {
            let concrete = e.concretize(&model, utf16);
            match &concrete {
                Concrete::Full(t) => doc.apply(None, t, enc),
                Concrete::Range(a, b, t) => doc.apply(Some((*a, *b)), t, enc),
            }
            model_apply(&mut model, &concrete, utf16);
            prop_assert_eq!(
                doc.text(), model.clone(),
                "after edit {} ({:?}) with {:?}", i, concrete, enc
            );
            prop_assert_eq!(doc.len_bytes(), model.len());
            // the rope's line count agrees with the LSP line breaks
            prop_assert_eq!(doc.rope().len_lines(), model_lines(&model).len());
        }
    }

    /// (d) Conversions round-trip, and Document agrees with LineIndex.
    #[test]
    fn positions_round_trip_and_agree(t in text(0..40)) {
        check_positions(&t)?;
    }

    /// (d) Same on arbitrary (not hand-picked) Unicode strings.
    #[test]
    fn positions_round_trip_arbitrary_unicode(t in "\\PC{0,60}|[\\s\\S]{0,40}") {
        check_positions(&t)?;
    }
}

fn check_positions(t: &str) -> Result<(), TestCaseError> {
    let doc = Document::new(t, 1, "plaintext");
    let li = LineIndex::new(t);
    let lines = model_lines(t);
    prop_assert_eq!(li.line_count(), lines.len());
    prop_assert_eq!(doc.rope().len_lines(), lines.len());
    let rope = doc.rope();

    // char index ↔ byte offset ↔ UTF-16 index, against char_indices
    let mut u16_before = 0usize;
    for (ci, (byte, ch)) in t
        .char_indices()
        .chain(std::iter::once((t.len(), '\0')))
        .enumerate()
    {
        prop_assert_eq!(rope.byte_to_char(byte), ci);
        prop_assert_eq!(rope.char_to_byte(ci), byte);
        prop_assert_eq!(rope.char_to_utf16_cu(ci), u16_before);
        prop_assert_eq!(rope.utf16_cu_to_char(u16_before), ci);
        u16_before += ch.len_utf16();
    }

    for off in 0..=t.len() + 2 {
        for &(enc, utf16) in &[(Encoding::Utf16, true), (Encoding::Utf8, false)] {
            let p = doc.position(off, enc);
            // Document and LineIndex agree (also off char boundaries and past the end)
            prop_assert_eq!(p, li.position(t, off, utf16), "offset {} {:?}", off, enc);
            // and both agree with the model
            prop_assert_eq!(p, model_position(t, off, utf16), "offset {} {:?}", off, enc);
            if off <= t.len() && t.is_char_boundary(off) && !inside_crlf(t, off) {
                // round trip
                prop_assert_eq!(
                    doc.offset(p, enc),
                    off,
                    "offset {} {:?} via {:?}",
                    off,
                    enc,
                    p
                );
                prop_assert_eq!(li.offset(t, p.0, p.1, utf16), off);
            }
        }
        if off <= t.len() && t.is_char_boundary(off) && !inside_crlf(t, off) {
            // the UTF-8 and the UTF-16 position of one offset name the same place
            let p8 = doc.position(off, Encoding::Utf8);
            let p16 = doc.position(off, Encoding::Utf16);
            prop_assert_eq!(p8.0, p16.0);
            prop_assert_eq!(
                doc.offset(p8, Encoding::Utf8),
                doc.offset(p16, Encoding::Utf16)
            );
        }
    }

    // every position (in range, past the line end, past the last line)
    let max_cols = lines.iter().map(|(s, e)| e - s).max().unwrap_or(0) + 3;
    let line_probe: Vec<u32> = (0..lines.len() as u32 + 2).chain([u32::MAX]).collect();
    let col_probe: Vec<u32> = (0..max_cols as u32).chain([u32::MAX]).collect();
    for &l in &line_probe {
        for &c in &col_probe {
            for &(enc, utf16) in &[(Encoding::Utf16, true), (Encoding::Utf8, false)] {
                let o = doc.offset((l, c), enc);
                prop_assert!(
                    t.is_char_boundary(o),
                    "({},{}) -> {} not a boundary",
                    l,
                    c,
                    o
                );
                prop_assert_eq!(o, li.offset(t, l, c, utf16), "({},{}) {:?}", l, c, enc);
                prop_assert_eq!(o, model_offset(t, (l, c), utf16), "({},{}) {:?}", l, c, enc);
            }
        }
    }
    Ok(())
}

#[test]
fn crlf_made_and_unmade_by_edits() {
    // an edit that joins "\r" and "\n" makes one line break of two
    let mut d = Document::new("a\rX\nb", 1, "plaintext");
    assert_eq!(d.rope().len_lines(), 3);
    d.apply(Some(((1, 0), (1, 1))), "", Encoding::Utf16);
    assert_eq!(d.text(), "a\r\nb");
    assert_eq!(d.rope().len_lines(), 2);
    assert_eq!(d.position(3, Encoding::Utf16), (1, 0));
    // and an insertion before the "\n" splits it again
    d.apply(Some(((0, 1), (0, 1))), "\r", Encoding::Utf16);
    assert_eq!(d.text(), "a\r\r\nb");
    assert_eq!(d.rope().len_lines(), 3);
    // "\r" at the end then "\n" typed after it
    let mut d = Document::new("x\r", 1, "plaintext");
    d.apply(Some(((1, 0), (1, 0))), "\ny", Encoding::Utf16);
    assert_eq!(d.text(), "x\r\ny");
    assert_eq!(d.rope().len_lines(), 2);
}
