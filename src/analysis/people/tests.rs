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

/// CPU time of this thread in seconds (Linux schedstat; wall time elsewhere).
fn cpu_now() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map(|ns| ns / 1e9)
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs_f64())
                .unwrap_or(0.0)
        })
}

/// Throughput (CPU time of the analysing thread, so other load on the
/// machine matters less):
/// `BYLINE_BENCH=big.txt cargo test --release bench_people -- --ignored --nocapture`
#[test]
#[ignore]
fn bench_people() {
    let Ok(path) = std::env::var("BYLINE_BENCH") else {
        return;
    };
    let text = std::fs::read_to_string(path).unwrap();
    let s = Settings {
        max_document_bytes: usize::MAX / 2,
        ..Settings::default()
    };
    let mb = text.len() as f64 / 1e6;
    let _ = Analyzer::analyze_once(
        "Warm up the lexicon. John Smith said.",
        &s,
        &Input::default(),
    );
    let mut best = (f64::MAX, f64::MAX, f64::MAX);
    let mut np = 0;
    for _ in 0..3 {
        let mut az = Analyzer::new(s.clone());
        let t0 = cpu_now();
        let a = az.analyze(&text, &Input::default());
        let full = cpu_now() - t0;
        let t1 = cpu_now();
        let _ = az.analyze(&text, &Input::default());
        let doc = cpu_now() - t1;
        // the per-paragraph people scan alone
        let t2 = cpu_now();
        for p in &a.paragraphs {
            let t = &text[p.span.clone()];
            let sents: Vec<Span> = a.sentences[p.sentences.clone()]
                .iter()
                .map(|s| s.span.start - p.span.start..s.span.end - p.span.start)
                .collect();
            std::hint::black_box(scan(t, p.kind, &sents));
        }
        let sc = cpu_now() - t2;
        np = a.people.len();
        best = (best.0.min(full), best.1.min(doc), best.2.min(sc));
    }
    println!(
        "{mb:.1} MB, {np} people: full analysis {:.1} MB/s; document pass (paragraph cache warm) {:.1} MB/s; people::scan alone {:.1} MB/s",
        mb / best.0,
        mb / best.1,
        mb / best.2
    );
}
