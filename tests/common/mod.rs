//! A small LSP client for the integration tests: spawns the real `byline`
//! binary and speaks JSON-RPC over its stdio.
#![allow(dead_code)]

use serde_json::{Value, json};
use std::io::{BufReader, Write};
use std::process::{Child, ChildStdin};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

pub const TIMEOUT: Duration = Duration::from_secs(20);

pub struct Client {
    child: Child,
    stdin: ChildStdin,
    rx: Receiver<Value>,
    next_id: i64,
    /// Notifications (and server requests) received but not yet consumed.
    pub backlog: Vec<Value>,
}

pub mod wire;
pub use wire::frame;

impl Client {
    pub fn spawn() -> Client {
        Self::spawn_in(std::env::temp_dir())
    }

    pub fn spawn_in(dir: impl AsRef<std::path::Path>) -> Client {
        let (child, stdin, stdout) = wire::spawn_server(dir);
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            while let Some(buf) = wire::read_frame(&mut r) {
                let v: Value = serde_json::from_slice(&buf).expect("server sent valid JSON");
                if tx.send(v).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            rx,
            next_id: 1,
            backlog: Vec::new(),
        }
    }

    pub fn send(&mut self, v: &Value) {
        self.stdin.write_all(&frame(v)).unwrap();
        self.stdin.flush().unwrap();
    }

    pub fn send_raw(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).unwrap();
        self.stdin.flush().unwrap();
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Receive one message, answering server→client requests on the way
    /// (they are returned too, so tests can wait for them).
    fn recv(&mut self, deadline: Instant) -> Option<Value> {
        let left = deadline.saturating_duration_since(Instant::now());
        let v = self.rx.recv_timeout(left).ok()?;
        if v.get("method").is_some() && v.get("id").is_some() {
            let result = match v["method"].as_str() {
                Some("workspace/configuration") => json!([null]),
                Some("workspace/applyEdit") => json!({"applied": true}),
                _ => Value::Null,
            };
            let id = v["id"].clone();
            self.send(&json!({"jsonrpc": "2.0", "id": id, "result": result}));
        }
        Some(v)
    }

    /// Send a request and wait for its response (the whole response object).
    pub fn request_full(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let v = self
                .recv(deadline)
                .unwrap_or_else(|| panic!("no response to {method} within {TIMEOUT:?}"));
            if v.get("id") == Some(&json!(id)) && v.get("method").is_none() {
                return v;
            }
            self.backlog.push(v);
        }
    }

    /// Send a request and return its `result`, panicking on an error.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let v = self.request_full(method, params);
        if let Some(e) = v.get("error") {
            panic!("{method} failed: {e}");
        }
        v["result"].clone()
    }

    /// Wait for a notification matching `pred` (also searching the backlog).
    pub fn wait_for(&mut self, method: &str, mut pred: impl FnMut(&Value) -> bool) -> Value {
        if let Some(i) = self
            .backlog
            .iter()
            .position(|v| v["method"] == method && pred(&v["params"]))
        {
            return self.backlog.remove(i)["params"].clone();
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let v = self
                .recv(deadline)
                .unwrap_or_else(|| panic!("no {method} notification within {TIMEOUT:?}"));
            if v["method"] == method && pred(&v["params"]) {
                return v["params"].clone();
            }
            self.backlog.push(v);
        }
    }

    /// Diagnostics published for `uri` at `version` (or any version when None).
    pub fn diagnostics(&mut self, uri: &str, version: Option<i64>) -> Value {
        let u = uri.to_string();
        self.wait_for("textDocument/publishDiagnostics", move |p| {
            p["uri"] == u.as_str() && version.is_none_or(|v| p["version"] == v)
        })
    }

    pub fn initialize(&mut self, init_options: Value) -> Value {
        self.initialize_with(init_options, json!(null), default_caps())
    }

    pub fn initialize_with(&mut self, init_options: Value, root_uri: Value, caps: Value) -> Value {
        let r = self.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": root_uri,
                "capabilities": caps,
                "initializationOptions": init_options,
            }),
        );
        self.notify("initialized", json!({}));
        r
    }

    pub fn open(&mut self, uri: &str, language_id: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language_id, "version": 1, "text": text}}),
        );
    }

    pub fn shutdown(mut self) -> Option<i32> {
        let r = self.request_full("shutdown", json!(null));
        assert!(r.get("error").is_none(), "shutdown failed: {r}");
        self.notify("exit", json!(null));
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Ok(Some(st)) = self.child.try_wait() {
                return st.code();
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("server did not exit after `exit`");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn is_alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn default_caps() -> Value {
    json!({
        "textDocument": {
            "documentSymbol": {"hierarchicalDocumentSymbolSupport": true},
            "publishDiagnostics": {"relatedInformation": true},
            "hover": {"contentFormat": ["markdown", "plaintext"]},
            "rename": {"prepareSupport": true},
        },
        "workspace": {"applyEdit": true, "workspaceEdit": {"documentChanges": true}},
    })
}

/// Read a fixture from tests/fixtures.
pub fn fixture(name: &str) -> String {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// A fresh temporary directory for one test.
pub fn temp_dir(tag: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!(
        "byline-test-{tag}-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    std::fs::create_dir_all(&d).unwrap();
    d
}

pub fn file_uri(p: &std::path::Path) -> String {
    format!("file://{}", p.display())
}

/// Apply LSP text edits (UTF-16 positions) to a text, as a client would.
pub fn apply_edits(text: &str, edits: &[Value]) -> String {
    let mut edits: Vec<&Value> = edits.iter().collect();
    let off = |t: &str, p: &Value| -> usize {
        let line = p["line"].as_u64().unwrap() as usize;
        let ch = p["character"].as_u64().unwrap() as usize;
        let mut start = 0;
        for _ in 0..line {
            match t[start..].find('\n') {
                Some(i) => start += i + 1,
                None => return t.len(),
            }
        }
        let mut units = 0;
        for (i, c) in t[start..].char_indices() {
            if units >= ch || c == '\n' {
                return start + i;
            }
            units += c.len_utf16();
        }
        t.len()
    };
    edits.sort_by_key(|e| std::cmp::Reverse(off(text, &e["range"]["start"])));
    let mut out = text.to_string();
    for e in edits {
        let a = off(&out, &e["range"]["start"]);
        let b = off(&out, &e["range"]["end"]);
        out.replace_range(a..b, e["newText"].as_str().unwrap());
    }
    out
}
