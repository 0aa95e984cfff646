//! Property test: a long-lived `Analyzer` (paragraph cache warm, fed every
//! intermediate text of a random edit sequence) gives exactly the analysis
//! that `Analyzer::analyze_once` gives on the final text.
//!
//! Compared through `report::to_json` (the CLI's documented output) and the
//! full `Debug` rendering of the `Analysis` (every field).

mod proptest_support;

use byline::analysis::{Analyzer, Input};
use byline::report::to_json;
use byline::settings::{IgnoreEntry, Settings};
use proptest::prelude::*;
use proptest_support::*;

fn settings_for(variant: u8) -> Settings {
    match variant % 4 {
        // the cap path: analysis stops at a line break before 1 KB
        1 => Settings {
            max_document_bytes: 1024,
            ..Settings::default()
        },
        2 => Settings {
            plain_text_headings: false,
            ..Settings::default()
        },
        _ => Settings::default(),
    }
}

fn check(initial: &str, edits: &[Edit], markdown: bool, variant: u8) -> Result<(), TestCaseError> {
    let settings = settings_for(variant);
    let ignore = [IgnoreEntry {
        code: "vague-source".into(),
        text: "according to officials".into(),
        file: None,
    }];
    let input = Input {
        markdown,
        path: "/tmp/article.txt",
        ignore: if variant == 3 { &ignore } else { &[] },
    };
    let mut warm = Analyzer::new(settings.clone());
    let mut model = initial.to_string();
    warm.analyze(&model, &input);
    for e in edits {
        let c = e.concretize(&model, true);
        model_apply(&mut model, &c, true);
        let warm_result = warm.analyze(&model, &input);
        // the warm analyzer never names a span that is not in the text
        for s in &warm_result.sentences {
            prop_assert!(
                model.get(s.span.clone()).is_some(),
                "sentence span {:?}",
                s.span
            );
        }
    }
    let warm_result = warm.analyze(&model, &input);
    let cold = Analyzer::analyze_once(&model, &settings, &input);
    prop_assert_eq!(
        to_json("f", &model, &warm_result),
        to_json("f", &model, &cold),
        "final text: {:?}",
        model
    );
    prop_assert_eq!(format!("{warm_result:?}"), format!("{cold:?}"));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(128), ..ProptestConfig::default() })]

    /// On a synthetic article (a few KB of real news prose).
    #[test]
    fn warm_cache_matches_cold_on_articles(
        size in 0usize..4000,
        edits in proptest::collection::vec(edit(), 1..30),
        markdown in any::<bool>(),
        variant in 0u8..4,
    ) {
        let initial = byline::synth::article(size);
        check(&initial, &edits, markdown, variant)?;
    }

    /// On small texts made of awkward fragments (markup, quotes, CRLF).
    #[test]
    fn warm_cache_matches_cold_on_fragments(
        initial in text(0..60),
        edits in proptest::collection::vec(edit(), 1..40),
        markdown in any::<bool>(),
        variant in 0u8..4,
    ) {
        check(&initial, &edits, markdown, variant)?;
    }
}
