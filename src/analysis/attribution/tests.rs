//! Tests for attribution and the claim findings (invented texts).

use crate::analysis::{Analyzer, Input};
use crate::settings::Settings;

fn run(text: &str) -> crate::analysis::Analysis {
    Analyzer::analyze_once(text, &Settings::default(), &Input::default())
}

#[test]
fn smoke() {
    let a = run("Title here\n\nThe mayor, Jane Roe, said the bridge would close.\n");
    assert!(a.sentences.iter().any(|s| s.attribution.is_some()));
}
