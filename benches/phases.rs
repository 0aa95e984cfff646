//! Where the time of one analysis goes (a diagnostic aid, not a
//! benchmark with targets): `cargo bench --bench phases [-- scan|edit]`.
use byline::analysis::{Analyzer, Input, blocks, text::LineIndex};
use byline::settings::Settings;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// Counts live heap bytes, to see what an analysis keeps in memory.
struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static ALLOCS: AtomicUsize = AtomicUsize::new(0);
/// The most live heap bytes seen (reset by storing the live count).
static PEAK: AtomicUsize = AtomicUsize::new(0);
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let now = LIVE.fetch_add(l.size(), Ordering::Relaxed) + l.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        LIVE.fetch_sub(l.size(), Ordering::Relaxed);
        unsafe { System.dealloc(p, l) }
    }
}
#[global_allocator]
static A: Counting = Counting;

fn mb() -> f64 {
    LIVE.load(Ordering::Relaxed) as f64 / 1e6
}

/// Start measuring the peak from the current live heap.
fn reset_peak() {
    PEAK.store(LIVE.load(Ordering::Relaxed), Ordering::Relaxed);
}

fn peak_mb() -> f64 {
    PEAK.load(Ordering::Relaxed) as f64 / 1e6
}

/// One full analysis (a separate function so `valgrind --tool=callgrind
/// --toggle-collect=phases::full_once` counts only the analysis).
#[inline(never)]
fn full_once(text: &str) -> usize {
    let a = Analyzer::analyze_once(text, &Settings::default(), &Input::default());
    a.findings.len() + a.sentences.len()
}

/// One re-analysis with every paragraph cached but one.
#[inline(never)]
fn edit_once(an: &mut Analyzer, text: &str) -> usize {
    let a = an.analyze(text, &Input::default());
    a.findings.len() + a.sentences.len()
}

fn main() {
    let which = std::env::args().nth(1).unwrap_or_default();
    let text = byline::synth::article(1_000_000);
    let n = 10;
    if which == "full" || which == "edit1" {
        // profiling runs: `phases full [N]` (lexicons built first, outside
        // the measured function), `phases edit1 [N]`
        let reps: usize = std::env::args()
            .nth(2)
            .and_then(|s| s.parse().ok())
            .unwrap_or(1);
        let _ =
            Analyzer::analyze_once("Mr Smith said so.", &Settings::default(), &Input::default());
        let t = Instant::now();
        let a0 = ALLOCS.load(Ordering::Relaxed);
        let mut k = 0;
        if which == "full" {
            for _ in 0..reps {
                k += full_once(&text);
            }
        } else {
            let mut an = Analyzer::new(Settings::default());
            an.analyze(&text, &Input::default());
            let mid = text[text.len() / 2..]
                .find(". ")
                .map_or(text.len() / 2, |p| text.len() / 2 + p);
            for i in 0..reps {
                let mut t = text.clone();
                t.insert_str(mid, if i % 2 == 0 { " x" } else { " y" });
                k += edit_once(&mut an, &t);
            }
        }
        println!(
            "{which}: {:?} per run, {} allocations per run ({k})",
            t.elapsed() / reps as u32,
            (ALLOCS.load(Ordering::Relaxed) - a0) / reps
        );
        return;
    }
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
    if which.is_empty() || which == "memory" {
        let base = mb();
        let _ =
            Analyzer::analyze_once("Mr Smith said so.", &Settings::default(), &Input::default());
        let lex = mb();
        let mut an = Analyzer::new(Settings::default());
        reset_peak();
        let a = an.analyze(&text, &Input::default());
        let first_peak = peak_mb();
        let after = mb();
        // an edit while the previous result is still held (as the server
        // holds its last snapshot for hovers)
        let mut edited = text.clone();
        let mid = (text.len() / 2..)
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(text.len());
        edited.insert(mid, 'x');
        reset_peak();
        let b = an.analyze(&edited, &Input::default());
        let edit_peak = peak_mb();
        drop(b);
        drop(edited);
        drop(a);
        let cache_only = mb();
        println!(
            "heap: text {:.1} MB; lexicons {:.1} MB; analysis result {:.1} MB; paragraph cache {:.1} MB",
            base,
            lex - base,
            after - cache_only,
            cache_only - lex
        );
        println!(
            "heap peak: first analysis {:.1} MB (live after {:.1}); re-analysis after an edit {:.1} MB",
            first_peak, after, edit_peak
        );
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
