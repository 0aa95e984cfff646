//! Arbitrary edit sequences on `Document` (UTF-16 or UTF-8 positions, in
//! range, out of range, reversed) against a `String` model, re-analysed
//! with a warm `Analyzer` along the way; at the end the warm analysis must
//! equal a from-scratch one.
#![no_main]

use arbitrary::Arbitrary;
use byline::analysis::{Analyzer, Input};
use byline::document::{Document, Encoding};
use byline::settings::Settings;
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct Edit {
    start: (u32, u32),
    end: (u32, u32),
    /// bit 0: raw positions; bit 1: replace the whole text; bit 2: analyse
    /// after this edit
    flags: u8,
    text: String,
}

#[derive(Debug, Arbitrary)]
struct Case {
    initial: String,
    utf16: bool,
    markdown: bool,
    edits: Vec<Edit>,
}

fuzz_target!(|case: Case| {
    let enc = if case.utf16 { Encoding::Utf16 } else { Encoding::Utf8 };
    let mut doc = Document::new(&case.initial, 1, "plaintext");
    let mut model = case.initial.clone();
    let settings = Settings::default();
    let input = Input {
        markdown: case.markdown,
        path: "fuzz.txt",
        ignore: &[],
    };
    let mut warm = Analyzer::new(settings.clone());
    for e in case.edits.iter().take(64) {
        if e.flags & 2 != 0 {
            doc.apply(None, &e.text, enc);
            model = e.text.clone();
        } else {
            let wild = e.flags & 1 != 0;
            let a = byline_fuzz::map_pos(&model, e.start.0, e.start.1, wild, case.utf16);
            let b = byline_fuzz::map_pos(&model, e.end.0, e.end.1, wild, case.utf16);
            doc.apply(Some((a, b)), &e.text, enc);
            let mut s = byline_fuzz::model_offset(&model, a, case.utf16);
            let mut en = byline_fuzz::model_offset(&model, b, case.utf16);
            if s > en {
                std::mem::swap(&mut s, &mut en);
            }
            model.replace_range(s..en, &e.text);
        }
        assert_eq!(doc.text(), model);
        assert_eq!(doc.rope().len_lines(), byline_fuzz::model_lines(&model).len());
        if e.flags & 4 != 0 {
            let a = warm.analyze(&model, &input);
            byline_fuzz::check_analysis(&model, &a);
        }
    }
    let a = warm.analyze(&model, &input);
    byline_fuzz::check_analysis(&model, &a);
    let cold = Analyzer::analyze_once(&model, &settings, &input);
    assert_eq!(
        byline::report::to_json("f", &model, &a),
        byline::report::to_json("f", &model, &cold)
    );
    assert_eq!(format!("{a:?}"), format!("{cold:?}"));
});
