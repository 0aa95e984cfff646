//! LSP-level benchmark: drives the real (release) `byline` server over
//! stdio and prints each figure next to its target (issue 6).
//!
//! * keystroke → publishDiagnostics p50/p99 on a 100 KB and a 1 MB document
//!   with `debounceMs` 0: a one-character insert at a random position, then
//!   its deletion, each waiting for the publish carrying its version;
//! * hover p50/p99 at capitalised words (names when the server knows
//!   people; the round trip is measured either way, and the share of
//!   non-null answers is printed);
//! * peak RSS (VmHWM) of the server with the 1 MB document open and edited;
//! * start-up: spawn → `initialize` response.
//!
//! `cargo bench --bench lsp`. `BYLINE_BENCH_SCALE=0.2` runs fewer
//! iterations (quick check); `cargo bench --bench lsp -- --write-synth DIR`
//! writes the synthetic articles for `lsp_probe.py`.

use serde_json::{Value, json};
use std::io::{BufReader, Write};
use std::process::{Child, ChildStdin};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

#[path = "../tests/common/wire.rs"]
mod wire;

const TIMEOUT: Duration = Duration::from_secs(60);

struct Server {
    child: Child,
    stdin: ChildStdin,
    rx: Receiver<(Instant, Value)>,
    next_id: i64,
}

impl Server {
    fn spawn() -> Server {
        let (child, stdin, stdout) = wire::spawn_server(std::env::temp_dir());
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            while let Some(buf) = wire::read_frame(&mut r) {
                let at = Instant::now();
                let Ok(v) = serde_json::from_slice::<Value>(&buf) else {
                    return;
                };
                if tx.send((at, v)).is_err() {
                    return;
                }
            }
        });
        Server {
            child,
            stdin,
            rx,
            next_id: 1,
        }
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }

    fn send(&mut self, v: &Value) -> Instant {
        let msg = wire::frame(v);
        let t = Instant::now();
        self.stdin.write_all(&msg).unwrap();
        self.stdin.flush().unwrap();
        t
    }

    fn notify(&mut self, method: &str, params: Value) -> Instant {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}))
    }

    /// Next message matching `pred`, answering server requests on the way.
    fn wait(&mut self, what: &str, mut pred: impl FnMut(&Value) -> bool) -> (Instant, Value) {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let (at, v) = self
                .rx
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("timed out waiting for {what}"));
            if v.get("method").is_some() && v.get("id").is_some() {
                let id = v["id"].clone();
                self.send(&json!({"jsonrpc": "2.0", "id": id, "result": null}));
            }
            if pred(&v) {
                return (at, v);
            }
        }
    }

    /// A request; returns (round-trip time, result).
    fn request(&mut self, method: &str, params: Value) -> (Duration, Value) {
        let id = self.next_id;
        self.next_id += 1;
        let t = self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let (at, v) = self.wait(method, |v| v["id"] == id && v.get("method").is_none());
        if let Some(e) = v.get("error") {
            panic!("{method} failed: {e}");
        }
        (at - t, v["result"].clone())
    }

    fn initialize(&mut self, init: Value) -> Duration {
        let (d, _) = self.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": {
                "textDocument": {"hover": {"contentFormat": ["markdown"]}}},
                "initializationOptions": init}),
        );
        self.notify("initialized", json!({}));
        d
    }

    fn publish(&mut self, uri: &str, version: i64) -> Instant {
        self.wait("publishDiagnostics", |v| {
            v["method"] == "textDocument/publishDiagnostics"
                && v["params"]["uri"] == uri
                && v["params"]["version"] == version
        })
        .0
    }

    fn status_kb(&self, field: &str) -> u64 {
        let s = std::fs::read_to_string(format!("/proc/{}/status", self.pid())).unwrap();
        s.lines()
            .find_map(|l| l.strip_prefix(&format!("{field}:")))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    }

    fn exit(mut self) {
        let _ = self.request("shutdown", json!(null));
        self.notify("exit", json!(null));
        let _ = self.child.wait();
    }
}

struct Rng(u64);
impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

fn pct(v: &mut [Duration], p: f64) -> Duration {
    v.sort();
    if v.is_empty() {
        return Duration::ZERO;
    }
    let i = ((v.len() as f64 * p).ceil() as usize).clamp(1, v.len()) - 1;
    v[i]
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1e3)
}

/// Lines of `text` (LSP breaks are only `\n` in the synthetic articles).
fn lines(text: &str) -> Vec<&str> {
    text.split('\n').collect()
}

/// A random (line, UTF-16 column) at a char boundary.
fn random_pos(rng: &mut Rng, ls: &[&str]) -> (usize, usize) {
    let l = rng.below(ls.len());
    let chars: Vec<char> = ls[l].chars().collect();
    let k = rng.below(chars.len() + 1);
    (l, chars[..k].iter().map(|c| c.len_utf16()).sum())
}

/// Positions of capitalised words that are not the first of a sentence
/// (the likeliest person names), as (line, UTF-16 column inside the word).
fn name_positions(text: &str, max: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (l, line) in lines(text).iter().enumerate() {
        let mut col = 0usize;
        let mut prev_end = ' ';
        let mut prev_char = ' ';
        for ch in line.chars() {
            if ch.is_uppercase() && prev_char == ' ' && !matches!(prev_end, '.' | '"' | '“' | ' ')
            {
                out.push((l, col + 1));
            }
            if ch != ' ' {
                prev_end = ch;
            }
            prev_char = ch;
            col += ch.len_utf16();
        }
        if out.len() >= max {
            break;
        }
    }
    out
}

struct Row {
    what: String,
    value: String,
    target: String,
    ok: Option<bool>,
}

fn keystrokes(size: usize, pairs: usize, rows: &mut Vec<Row>, target_ms: f64) -> (u64, u64) {
    let mut s = Server::spawn();
    s.initialize(json!({"debounceMs": 0}));
    let uri = format!("file:///tmp/byline-bench-{size}.txt");
    let text = byline::synth::article(size);
    let t_open = s.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}),
    );
    let first = s.publish(&uri, 1) - t_open;
    let ls = lines(&text);
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ size as u64);
    let mut lat = Vec::with_capacity(pairs * 2);
    let mut version = 1i64;
    // warm-up
    for i in 0..pairs + 10 {
        let (l, c) = random_pos(&mut rng, &ls);
        for insert in [true, false] {
            version += 1;
            let range = if insert {
                json!({"start": {"line": l, "character": c}, "end": {"line": l, "character": c}})
            } else {
                json!({"start": {"line": l, "character": c}, "end": {"line": l, "character": c + 1}})
            };
            let t = s.notify(
                "textDocument/didChange",
                json!({"textDocument": {"uri": uri, "version": version},
                       "contentChanges": [{"range": range, "text": if insert { "x" } else { "" }}]}),
            );
            let d = s.publish(&uri, version) - t;
            if i >= 10 {
                lat.push(d);
            }
        }
    }
    // the text is back to the original
    let (_, got) = s.request("byline/documentText", json!({"textDocument": {"uri": uri}}));
    assert!(got["text"].as_str() == Some(text.as_str()), "text drifted");
    let p50 = pct(&mut lat, 0.5);
    let p99 = pct(&mut lat, 0.99);
    let kb = size / 1000;
    let label = if kb >= 1000 {
        format!("{} MB", kb / 1000)
    } else {
        format!("{kb} KB")
    };
    rows.push(Row {
        what: format!("didOpen → first publishDiagnostics, {label}"),
        value: ms(first),
        target: "—".into(),
        ok: None,
    });
    rows.push(Row {
        what: format!(
            "keystroke → publishDiagnostics p50, {label} ({} edits)",
            lat.len()
        ),
        value: ms(p50),
        target: "—".into(),
        ok: None,
    });
    rows.push(Row {
        what: format!("keystroke → publishDiagnostics p99, {label}"),
        value: ms(p99),
        target: format!("≤ {target_ms} ms"),
        ok: Some(p99.as_secs_f64() * 1e3 <= target_ms),
    });
    // hovers on this document (from the last analysis)
    let names = name_positions(&text, 400);
    let mut hov = Vec::new();
    let mut non_null = 0;
    let reps = (pairs * 2).max(200);
    for i in 0..reps + 20 {
        let (l, c) = names[i % names.len()];
        let (d, r) = s.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": l, "character": c}}),
        );
        if i >= 20 {
            hov.push(d);
            if !r.is_null() {
                non_null += 1;
            }
        }
    }
    let n = hov.len();
    let hp50 = pct(&mut hov, 0.5);
    let hp95 = pct(&mut hov, 0.95);
    let hp99 = pct(&mut hov, 0.99);
    let over = hov
        .iter()
        .filter(|d| **d > Duration::from_millis(1))
        .count();
    rows.push(Row {
        what: format!("hover p50, {label} ({non_null}/{n} non-null)"),
        value: ms(hp50),
        target: "—".into(),
        ok: None,
    });
    rows.push(Row {
        what: format!("hover p95, {label} ({over}/{n} over 1 ms)"),
        value: ms(hp95),
        target: "—".into(),
        ok: None,
    });
    rows.push(Row {
        what: format!("hover p99, {label}"),
        value: ms(hp99),
        target: "≤ 1 ms".into(),
        ok: Some(hp99 <= Duration::from_millis(1)),
    });
    let (hwm, rss) = (s.status_kb("VmHWM"), s.status_kb("VmRSS"));
    s.exit();
    (hwm, rss)
}

fn main() {
    // `cargo bench --bench lsp -- --write-synth DIR`: write the synthetic
    // articles used here (100 KB, 1 MB) for outside tools such as
    // shared/tools/lsp_probe.py, and stop
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--write-synth") {
        let dir = std::path::PathBuf::from(args.get(i + 1).expect("--write-synth DIR"));
        std::fs::create_dir_all(&dir).unwrap();
        for (name, size) in [("synth-100k.txt", 100_000), ("synth-1m.txt", 1_000_000)] {
            std::fs::write(dir.join(name), byline::synth::article(size)).unwrap();
            println!("{}", dir.join(name).display());
        }
        return;
    }
    // `cargo test --all-targets` runs this binary without `--bench`: a
    // smoke run with a handful of iterations (the figures mean nothing)
    let smoke = !args.iter().any(|a| a == "--bench");
    let scale: f64 = std::env::var("BYLINE_BENCH_SCALE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if smoke { 0.0 } else { 1.0 });
    if smoke {
        println!("lsp bench: smoke run (use `cargo bench --bench lsp` for figures)");
    }
    let n = |k: usize| ((k as f64 * scale) as usize).max(5);
    let mut rows = Vec::new();

    // start-up to the initialize response
    let mut starts = Vec::new();
    for _ in 0..n(30) {
        let t = Instant::now();
        let mut s = Server::spawn();
        let _ = s.initialize(json!({}));
        starts.push(t.elapsed());
        s.exit();
    }
    let sp50 = pct(&mut starts, 0.5);
    let smax = pct(&mut starts, 1.0);

    keystrokes(100_000, n(500), &mut rows, 5.0);
    let (hwm, rss) = keystrokes(1_000_000, n(150), &mut rows, 20.0);
    rows.push(Row {
        what: "peak RSS (VmHWM), 1 MB document open and edited".into(),
        // kB from /proc are KiB: show MB (10^6 bytes) as the target says,
        // with MiB beside it
        value: format!(
            "{:.1} MB ({:.1} MiB)",
            hwm as f64 * 1024.0 / 1e6,
            hwm as f64 / 1024.0
        ),
        target: "≤ 40 MB".into(),
        ok: Some(hwm as f64 * 1024.0 / 1e6 <= 40.0),
    });
    rows.push(Row {
        what: "RSS at the end (VmRSS), 1 MB document".into(),
        value: format!(
            "{:.1} MB ({:.1} MiB)",
            rss as f64 * 1024.0 / 1e6,
            rss as f64 / 1024.0
        ),
        target: "—".into(),
        ok: None,
    });
    rows.push(Row {
        what: format!("start-up → initialize response p50 ({} runs)", starts.len()),
        value: ms(sp50),
        target: "≤ 20 ms".into(),
        ok: Some(sp50 <= Duration::from_millis(20)),
    });
    rows.push(Row {
        what: "start-up → initialize response, slowest".into(),
        value: ms(smax),
        target: "—".into(),
        ok: None,
    });

    let w = rows
        .iter()
        .map(|r| r.what.chars().count())
        .max()
        .unwrap_or(10);
    println!();
    println!(
        "| {:w$} | {:>12} | {:>9} | {:4} |",
        "measure", "value", "target", "ok"
    );
    println!(
        "|{}|{}|{}|{}|",
        "-".repeat(w + 2),
        "-".repeat(14),
        "-".repeat(11),
        "-".repeat(6)
    );
    for r in &rows {
        let ok = match r.ok {
            Some(true) => "yes",
            Some(false) => "NO",
            None => "",
        };
        println!(
            "| {:w$} | {:>12} | {:>9} | {:4} |",
            r.what, r.value, r.target, ok
        );
    }
}
