//! Full-analysis throughput on 10 KB, 100 KB and 1 MB of article text, and
//! the incremental path (one paragraph edited, the rest from the cache).

use byline::analysis::{Analyzer, Input};
use byline::settings::Settings;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

fn full(c: &mut Criterion) {
    let mut g = c.benchmark_group("full_analysis");
    for size in [10_000usize, 100_000, 1_000_000] {
        let text = byline::synth::article(size);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(size), &text, |b, t| {
            b.iter(|| Analyzer::analyze_once(black_box(t), &Settings::default(), &Input::default()))
        });
    }
    g.finish();
}

fn incremental(c: &mut Criterion) {
    let mut g = c.benchmark_group("edit_reanalysis");
    for size in [100_000usize, 1_000_000] {
        let text = byline::synth::article(size);
        let mut an = Analyzer::new(Settings::default());
        an.analyze(&text, &Input::default());
        // an edit in the middle of the document: one paragraph changes
        let mid = text[text.len() / 2..]
            .find(". ")
            .map_or(text.len() / 2, |p| text.len() / 2 + p);
        let mut flip = false;
        g.bench_function(BenchmarkId::from_parameter(size), |b| {
            b.iter(|| {
                flip = !flip;
                let mut t = text.clone();
                t.insert_str(mid, if flip { " x" } else { " y" });
                black_box(an.analyze(&t, &Input::default()))
            })
        });
    }
    g.finish();
}

criterion_group!(benches, full, incremental);
criterion_main!(benches);
