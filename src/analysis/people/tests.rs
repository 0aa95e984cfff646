use super::*;
use crate::analysis::{Analyzer, Input};

fn people(text: &str) -> Vec<Person> {
    Analyzer::analyze_once(text, &Settings::default(), &Input::default()).people
}

/// Debug helper: `BYLINE_DUMP=file cargo test --release dump_candidates -- --ignored --nocapture`
#[test]
#[ignore]
fn dump_candidates() {
    let Ok(path) = std::env::var("BYLINE_DUMP") else {
        return;
    };
    let text = std::fs::read_to_string(path).unwrap();
    let mut az = Analyzer::new(Settings::default());
    let a = az.analyze(&text, &Input::default());
    for p in &a.paragraphs {
        let t = &text[p.span.clone()];
        let sents: Vec<Span> = a.sentences[p.sentences.clone()]
            .iter()
            .map(|s| s.span.start - p.span.start..s.span.end - p.span.start)
            .collect();
        let pp = scan(t, p.kind, &sents);
        for c in &pp.cands {
            let pre = c.pre.clone().map(|s| &t[s]);
            let post = c.post.clone().map(|s| &t[s]);
            println!(
                "{:?} ev={:#b} pre={:?} post={:?}",
                &t[c.span.clone()],
                c.ev,
                pre,
                post
            );
        }
    }
    for p in &a.people {
        let ms: Vec<&str> = p.mentions.iter().map(|m| &text[m.span.clone()]).collect();
        let ds: Vec<&str> = p.descriptors.iter().map(|d| d.text.as_str()).collect();
        println!("PERSON {} {:?} {:?} {:?}", p.name, p.gender, ds, ms);
    }
}

#[test]
fn smoke() {
    let p = people("Title\n\nPresident Vladimir Putin met Donald Trump. Putin said so.\n");
    assert_eq!(p.len(), 2);
}
