//! Property test through the real server: random incremental edits sent as
//! `textDocument/didChange` (several content changes per notification, in
//! UTF-16 or UTF-8 positions) leave exactly the text a `String` model has
//! (`byline/documentText`), and the server's analysis of the final version
//! (`byline/analysis`, made by its warm per-document analyzer) equals a
//! from-scratch analysis of that text.

mod common;
mod proptest_support;

use byline::analysis::{Analyzer, Input};
use byline::settings::Settings;
use common::*;
use proptest::prelude::*;
use proptest_support::*;
use serde_json::json;

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(20), ..ProptestConfig::default() })]

    #[test]
    fn server_text_and_analysis_match_model(
        size in 0usize..3000,
        prefix in text(0..8),
        groups in proptest::collection::vec(proptest::collection::vec(edit(), 1..5), 1..25),
        utf16 in any::<bool>(),
        markdown in any::<bool>(),
    ) {
        let dir = temp_dir("prop-server");
        let mut c = Client::spawn_in(&dir);
        let mut caps = default_caps();
        if !utf16 {
            caps["general"] = json!({"positionEncodings": ["utf-8", "utf-16"]});
        }
        let r = c.initialize_with(json!({"debounceMs": 0}), json!(file_uri(&dir)), caps);
        prop_assert_eq!(&r["capabilities"]["positionEncoding"], if utf16 { "utf-16" } else { "utf-8" });
        let uri = format!("{}/doc.{}", file_uri(&dir), if markdown { "md" } else { "txt" });
        let mut model = prefix + &byline::synth::article(size);
        c.open(&uri, if markdown { "markdown" } else { "plaintext" }, &model);
        let mut version = 1;
        for g in &groups {
            version += 1;
            let mut changes = Vec::new();
            for e in g {
                let concrete = e.concretize(&model, utf16);
                model_apply(&mut model, &concrete, utf16);
                changes.push(change_json(&concrete));
            }
            c.notify(
                "textDocument/didChange",
                json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
            );
        }
        let got = c.request("byline/documentText", json!({"textDocument": {"uri": uri}}));
        prop_assert_eq!(got["version"].as_i64(), Some(version));
        prop_assert_eq!(got["text"].as_str().unwrap(), model.as_str());

        let mut server = c.request("byline/analysis", json!({"textDocument": {"uri": uri}}));
        prop_assert_eq!(server["version"].as_i64(), Some(version));
        server.as_object_mut().unwrap().remove("version");
        let path = dir.join(format!("doc.{}", if markdown { "md" } else { "txt" }));
        let path = path.display().to_string();
        let cold = Analyzer::analyze_once(
            &model,
            &Settings::default(),
            &Input { markdown, path: &path, ignore: &[] },
        );
        prop_assert_eq!(server, byline::report::to_json(&uri, &model, &cold));
        prop_assert_eq!(c.shutdown(), Some(0));
        std::fs::remove_dir_all(&dir).ok();
    }
}
