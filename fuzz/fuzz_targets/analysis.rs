//! Arbitrary bytes → text (lossy UTF-8, or valid UTF-8 only) → the full
//! analysis as plain text and as Markdown, its JSON and human renderings,
//! and the line index conversions. Any panic or broken invariant is a bug.
#![no_main]

use byline::analysis::{Analyzer, Input};
use byline::settings::{IgnoreEntry, Settings};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let text = if flags & 1 == 0 {
        String::from_utf8_lossy(rest).into_owned()
    } else {
        match std::str::from_utf8(rest) {
            Ok(s) => s.to_string(),
            Err(_) => return,
        }
    };
    let settings = Settings {
        // the cap path (cut at a line break before the limit)
        max_document_bytes: if flags & 2 != 0 { 1024 } else { 8 << 20 },
        plain_text_headings: flags & 4 == 0,
        ..Settings::default()
    };
    let ignore = [IgnoreEntry {
        code: "vague-source".into(),
        text: text.chars().take(12).collect(),
        file: None,
    }];
    for markdown in [false, true] {
        let input = Input {
            markdown,
            path: "fuzz.md",
            ignore: if flags & 8 != 0 { &ignore } else { &[] },
        };
        let a = Analyzer::analyze_once(&text, &settings, &input);
        byline_fuzz::check_analysis(&text, &a);
    }
    byline_fuzz::check_line_index(&text);
});
