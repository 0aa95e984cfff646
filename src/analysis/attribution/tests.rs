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

/// Timing of the attribution passes on a big file (run with
/// `BYLINE_BENCH=/path/big.txt cargo test --release bench_attribution -- --ignored --nocapture`).
/// CPU time of this thread (the machine is shared: wall time is noisy).
fn cpu() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(0.0, |ns| ns / 1e9)
}

#[test]
#[ignore]
fn bench_attribution() {
    let Some(path) = std::env::var_os("BYLINE_BENCH") else {
        return;
    };
    let text = std::fs::read_to_string(path).unwrap();
    let settings = Settings {
        max_document_bytes: usize::MAX / 2,
        ..Settings::default()
    };
    let paras: Vec<&str> = text
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .collect();
    let sents: Vec<Vec<crate::analysis::text::Span>> = paras
        .iter()
        .map(|p| crate::analysis::sentences::split(p))
        .collect();
    let t0 = cpu();
    let mut n = 0;
    for (p, s) in paras.iter().zip(&sents) {
        let r = super::scan(
            p,
            crate::analysis::blocks::BlockKind::Paragraph,
            s,
            &Default::default(),
            &settings,
        );
        n += r.cues.len();
    }
    let scan = cpu() - t0;
    let t3 = cpu();
    let mut ntok = 0;
    for p in &paras {
        let mut toks = super::tokens::tokenize(p);
        ntok += toks.len();
        let _ = super::quotes::pair(p, &mut toks);
    }
    let tok = cpu() - t3;
    eprintln!("tokenize+quotes {tok:.3}s ({ntok} tokens)");
    if std::env::var_os("BYLINE_BENCH_SCAN").is_some() {
        eprintln!("scan {scan:.3}s");
        return;
    }
    let t1 = cpu();
    let a = Analyzer::analyze_once(&text, &settings, &Input::default());
    let all = cpu() - t1;
    let t2 = cpu();
    let json = crate::report::to_json("big.txt", &text, &a).to_string();
    let out = cpu() - t2;
    let mb = text.len() as f64 / 1e6;
    eprintln!(
        "{mb:.1} MB (CPU time): attribution scan {scan:.3}s ({:.0} MB/s, {n} cues); whole analysis {all:.3}s ({:.0} MB/s), {} findings; JSON {out:.3}s ({} bytes)",
        mb / scan,
        mb / all,
        a.findings.len(),
        json.len()
    );
}

#[test]
#[ignore]
fn debug_scan() {
    let Some(t) = std::env::var_os("BYLINE_DEBUG") else {
        return;
    };
    let t = t.into_string().unwrap();
    let sents = crate::analysis::sentences::split(&t);
    let r = super::scan(
        &t,
        crate::analysis::blocks::BlockKind::Paragraph,
        &sents,
        &Default::default(),
        &Settings::default(),
    );
    for c in &r.cues {
        eprintln!(
            "cue {:?} {:?} src={:?}",
            &t[c.cue.clone()],
            c.kind,
            &t[c.source.span()]
        );
    }
    for tr in &r.triggers {
        eprintln!("trig {:?} {:?} {:?}", tr.code, tr.kind, &t[tr.span.clone()]);
    }
    for q in &r.quotes {
        eprintln!("quote {:?}", q);
    }
}
