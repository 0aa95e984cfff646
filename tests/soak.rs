//! Soak test (ignored by default): many random edits with hovers in between
//! on a ~100 KB synthetic article, `debounceMs` 0. The server's resident
//! memory at the end must be within 10% of its memory after the first 1,000
//! edits, and its copy of the text must be exact throughout.
//!
//! Run: `BYLINE_SOAK_EDITS=20000 cargo test --test soak -- --ignored --nocapture`
//! (default 100,000 edits).

mod common;
mod proptest_support;

use common::*;
use proptest_support::{Concrete, FRAGMENTS, Rng, model_apply, model_lines};
use serde_json::json;
use std::time::{Duration, Instant};

/// The pid of the `byline` server this test spawned (a child of this
/// process running the binary under test).
fn server_pid() -> u32 {
    let me = std::process::id();
    let exe = std::fs::canonicalize(env!("CARGO_BIN_EXE_byline")).unwrap();
    let mut found = Vec::new();
    for e in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
            continue;
        };
        // the fields after the command name "(…)": state ppid …
        let Some(rest) = stat.rsplit_once(')').map(|(_, r)| r) else {
            continue;
        };
        let ppid: u32 = rest
            .split_whitespace()
            .nth(1)
            .and_then(|p| p.parse().ok())
            .unwrap_or(0);
        let same_exe = std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|p| p == exe);
        if ppid == me && same_exe {
            found.push(pid);
        }
    }
    assert_eq!(found.len(), 1, "expected one byline child, found {found:?}");
    found[0]
}

/// A field of /proc/<pid>/status in kB (VmRSS, VmHWM).
fn status_kb(pid: u32, field: &str) -> u64 {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    s.lines()
        .find_map(|l| l.strip_prefix(&format!("{field}:")))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("{field} not in /proc/{pid}/status"))
}

/// A random (line, UTF-16 column) at a char boundary of `model`.
fn random_pos(rng: &mut Rng, model: &str, lines: &[(usize, usize)]) -> (u32, u32) {
    let l = rng.below(lines.len());
    let (a, b) = lines[l];
    let line = &model[a..b];
    let k = rng.below(line.chars().count() + 1);
    let col: usize = line.chars().take(k).map(char::len_utf16).sum();
    (l as u32, col as u32)
}

/// Writing-like edits that keep the article near its size and its number
/// of lines (so memory is compared on a like-for-like document): typing and
/// deleting a few characters, now and then a line break made or joined, a
/// paragraph pasted or lines cut.
fn soak_edit(
    rng: &mut Rng,
    model: &str,
    (target, target_lines): (usize, usize),
    paras: &[&str],
) -> Concrete {
    let lines = model_lines(model);
    let at = random_pos(rng, model, &lines);
    let r = rng.below(100);
    let join = |l: usize| {
        let l = l.min(lines.len().saturating_sub(2));
        let (s, e) = lines[l];
        let cols = model[s..e].encode_utf16().count() as u32;
        Concrete::Range((l as u32, cols), (l as u32 + 1, 0), String::new())
    };
    if lines.len() > target_lines * 21 / 20 && lines.len() > 2 {
        return join(at.0 as usize);
    }
    if lines.len() < target_lines * 19 / 20 {
        return Concrete::Range(at, at, "\n".into());
    }
    if model.len() < target * 9 / 10 || r < 2 {
        let p = paras[rng.below(paras.len())];
        return Concrete::Range(at, at, format!("\n\n{p}\n\n"));
    }
    if model.len() > target * 11 / 10 || r < 4 {
        // cut up to three lines
        let end = (at.0 + 1 + rng.below(3) as u32, 0);
        return Concrete::Range((at.0, 0), end, String::new());
    }
    if r < 6 {
        return Concrete::Range(at, at, ["\n", "\r\n", "\n\n"][rng.below(3)].into());
    }
    if r < 8 && lines.len() > 2 {
        return join(at.0 as usize);
    }
    if r < 54 {
        let inline: Vec<&str> = FRAGMENTS
            .iter()
            .copied()
            .filter(|f| !f.contains(['\n', '\r']))
            .collect();
        Concrete::Range(at, at, inline[rng.below(inline.len())].to_string())
    } else {
        let end = (at.0, at.1 + 1 + rng.below(8) as u32);
        Concrete::Range(at, end, String::new())
    }
}

/// Resident kB per kind of mapping (heap, thread arenas and stacks as
/// anonymous, the binary, libraries), from /proc/<pid>/smaps.
fn rss_by_mapping(pid: u32) -> std::collections::BTreeMap<String, u64> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/smaps")).unwrap_or_default();
    let mut out = std::collections::BTreeMap::new();
    let mut name = String::new();
    for l in s.lines() {
        let first = l.split_whitespace().next().unwrap_or("");
        if first.contains('-') && !first.ends_with(':') {
            name = l.split_whitespace().nth(5).unwrap_or("[anon]").to_string();
            if let Some(base) = name.rsplit('/').next() {
                name = base.to_string();
            }
        } else if let Some(v) = l.strip_prefix("Rss:") {
            let kb: u64 = v.trim().trim_end_matches("kB").trim().parse().unwrap_or(0);
            *out.entry(name.clone()).or_insert(0) += kb;
        }
    }
    out
}

#[test]
#[ignore = "soak: run with --ignored (BYLINE_SOAK_EDITS sets the count)"]
fn soak_random_edits_with_hovers() {
    let edits: usize = std::env::var("BYLINE_SOAK_EDITS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let baseline_at = 1_000.min(edits / 2);
    let dir = temp_dir("soak");
    let mut c = Client::spawn_in(&dir);
    c.initialize_with(
        json!({"debounceMs": 0}),
        json!(file_uri(&dir)),
        default_caps(),
    );
    let pid = server_pid();
    let uri = format!("{}/article.txt", file_uri(&dir));
    let mut model = byline::synth::article(100_000);
    let target = model.len();
    let target_lines = model_lines(&model).len();
    let source = byline::synth::article(20_000);
    let paras: Vec<&str> = source.split("\n\n").filter(|p| !p.is_empty()).collect();
    c.open(&uri, "plaintext", &model);
    c.diagnostics(&uri, Some(1));
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let mut version = 1i64;
    let mut baseline = 0u64;
    let mut baseline_maps = Default::default();
    let mut hovers = 0usize;
    let mut hover_max = Duration::ZERO;
    let t0 = Instant::now();

    // wait until the server has applied and analysed everything sent so far
    let settle = |c: &mut Client, model: &str, version: &mut i64| {
        // an empty edit, so that a publish for a known version follows
        c.backlog.clear();
        *version += 1;
        let version = *version;
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version},
                   "contentChanges": [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": ""}]}),
        );
        let r = c.request("byline/documentText", json!({"textDocument": {"uri": uri}}));
        assert_eq!(r["version"].as_i64(), Some(version));
        assert!(
            r["text"].as_str() == Some(model),
            "text differs at v{version}"
        );
        c.diagnostics(&uri, Some(version));
        c.backlog.clear();
        // memory is compared with the server idle (as between bursts of typing)
        std::thread::sleep(Duration::from_millis(1500));
    };

    for i in 1..=edits {
        let e = soak_edit(&mut rng, &model, (target, target_lines), &paras);
        model_apply(&mut model, &e, true);
        version += 1;
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version},
                   "contentChanges": [proptest_support::change_json(&e)]}),
        );
        if i % 10 == 0 {
            // a hover somewhere (on a capitalised word when there is one)
            let line = rng.below(model.lines().count().max(1));
            let h0 = Instant::now();
            let _ = c.request(
                "textDocument/hover",
                json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": rng.below(40)}}),
            );
            hover_max = hover_max.max(h0.elapsed());
            hovers += 1;
            c.backlog.clear();
        }
        if i == baseline_at {
            settle(&mut c, &model, &mut version);
            baseline = status_kb(pid, "VmRSS");
            baseline_maps = rss_by_mapping(pid);
            eprintln!(
                "soak: after {i} edits ({:?}): VmRSS {baseline} kB, {} threads",
                t0.elapsed(),
                status_kb(pid, "Threads")
            );
        }
        if i % 10_000 == 0 || i == 2_000 || i == 5_000 {
            eprintln!(
                "soak: {i} edits ({:?}), VmRSS {} kB, {} threads, text {} bytes, {} lines",
                t0.elapsed(),
                status_kb(pid, "VmRSS"),
                status_kb(pid, "Threads"),
                model.len(),
                model_lines(&model).len()
            );
        }
    }
    settle(&mut c, &model, &mut version);
    let end = status_kb(pid, "VmRSS");
    let end_maps = rss_by_mapping(pid);
    for (k, v) in &end_maps {
        let b = baseline_maps.get(k).copied().unwrap_or(0);
        if b != *v {
            eprintln!("soak: resident {k}: {b} kB → {v} kB");
        }
    }
    let hwm = status_kb(pid, "VmHWM");
    eprintln!(
        "soak: {edits} edits and {hovers} hovers in {:?}; VmRSS {baseline} kB after {baseline_at} edits, \
         {end} kB at the end ({:+.1}%), VmHWM {hwm} kB; slowest hover {hover_max:?}",
        t0.elapsed(),
        (end as f64 / baseline as f64 - 1.0) * 100.0
    );
    assert!(
        end as f64 <= baseline as f64 * 1.10,
        "memory grew from {baseline} kB to {end} kB"
    );
    assert_eq!(c.shutdown(), Some(0));
    std::fs::remove_dir_all(&dir).ok();
}
