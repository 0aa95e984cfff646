//! Where the time of one analysis goes (a diagnostic aid, not a
//! benchmark with targets): `cargo bench --bench phases [-- scan|edit]`.
use byline::analysis::{Analyzer, Input, blocks, text::LineIndex};
use byline::settings::Settings;
use std::time::Instant;

fn main() {
    let which = std::env::args().nth(1).unwrap_or_default();
    let text = byline::synth::article(1_000_000);
    let n = 10;
    if which.is_empty() || which == "scan" {
        let t = Instant::now();
        for _ in 0..n {
            std::hint::black_box(blocks::scan(&text, false));
        }
        println!("block scan (1 MB): {:?}", t.elapsed() / n);
    }
    if which.is_empty() {
        let s = blocks::scan(&text, false);
        let t = Instant::now();
        for _ in 0..n {
            for b in &s.blocks {
                std::hint::black_box(blocks::masked_text(&text, b));
            }
        }
        println!("masking: {:?}", t.elapsed() / n);
        let t = Instant::now();
        for _ in 0..n {
            std::hint::black_box(LineIndex::new(&text));
        }
        println!("line index: {:?}", t.elapsed() / n);
    }
    if which.is_empty() || which == "edit" {
        let mut an = Analyzer::new(Settings::default());
        an.analyze(&text, &Input::default());
        let t = Instant::now();
        for _ in 0..n {
            std::hint::black_box(an.analyze(&text, &Input::default()));
        }
        println!("re-analysis, every paragraph cached: {:?}", t.elapsed() / n);
    }
}
