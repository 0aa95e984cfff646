//! Helpers shared by the fuzz targets: invariants of an analysis and a
//! `String` model of LSP edits.

use byline::analysis::Analysis;
use byline::analysis::text::LineIndex;

#[path = "../../tests/proptest_support/model.rs"]
#[allow(dead_code)]
mod model;
pub use model::{map_raw as map_pos, model_lines, model_offset};

/// Every span of the analysis lies in `text` on char boundaries, and the
/// renderings do not panic.
pub fn check_analysis(text: &str, a: &Analysis) {
    assert!(a.analysed_len <= text.len());
    let ok = |what: &str, s: &std::ops::Range<usize>| {
        assert!(
            s.start <= s.end && text.get(s.clone()).is_some(),
            "{what} span {s:?} is not a slice of the text (len {})",
            text.len()
        );
    };
    if let Some(t) = &a.title {
        ok("title heading", &t.heading);
        ok("title range", &t.range);
    }
    for s in &a.sections {
        ok("section heading", &s.heading);
        ok("section range", &s.range);
        assert!(s.parent.is_none_or(|p| p < a.sections.len()));
    }
    for p in &a.paragraphs {
        ok("paragraph", &p.span);
        assert!(p.sentences.end <= a.sentences.len());
    }
    for s in &a.sentences {
        ok("sentence", &s.span);
        assert!(s.paragraph < a.paragraphs.len());
        if let Some(at) = &s.attribution {
            ok("cue", &at.cue_span);
            if let Some(sp) = &at.source_span {
                ok("source", sp);
            }
            assert!(at.person.is_none_or(|p| p < a.people.len()));
        }
    }
    for p in &a.people {
        for m in &p.mentions {
            ok("mention", &m.span);
        }
        for d in &p.descriptors {
            ok("descriptor", &d.span);
        }
    }
    for q in &a.quotes {
        ok("quote", &q.span);
        assert!(q.speaker.is_none_or(|p| p < a.people.len()));
    }
    for f in &a.findings {
        ok("finding", &f.span);
        for r in &f.related {
            ok("related", &r.span);
        }
        if let Some((at, _)) = &f.fix {
            assert!(text.is_char_boundary(*at), "fix offset {at}");
        }
    }
    let j = byline::report::to_json("fuzz", text, a);
    assert!(j.is_object());
    let _ = byline::report::to_human("fuzz", text, a);
}

/// Offsets ↔ (line, column) through `LineIndex` round-trip (UTF-16 and
/// bytes) on every char boundary (sampled on long texts).
pub fn check_line_index(text: &str) {
    let li = LineIndex::new(text);
    let step = (text.len() / 200).max(1);
    let mut off = 0;
    while off <= text.len() + 1 {
        for utf16 in [true, false] {
            let (l, c) = li.position(text, off, utf16);
            assert!((l as usize) < li.line_count());
            let back = li.offset(text, l, c, utf16);
            assert!(text.is_char_boundary(back));
            let inside_crlf = off > 0
                && off < text.len()
                && text.as_bytes()[off - 1] == b'\r'
                && text.as_bytes()[off] == b'\n';
            if off <= text.len() && text.is_char_boundary(off) && !inside_crlf {
                assert_eq!(back, off, "offset {off} → ({l},{c}) utf16={utf16}");
            }
            // nonsense positions clamp into the text
            let o = li.offset(text, l, c.saturating_add(1 << 20), utf16);
            assert!(text.is_char_boundary(o));
            let far = l.saturating_add(7);
            let o = li.offset(text, far, c, utf16);
            assert!(text.is_char_boundary(o));
            if far as usize >= li.line_count() {
                assert_eq!(o, text.len(), "a line past the end clamps to the end");
            }
        }
        off += step;
    }
}

