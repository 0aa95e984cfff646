//! Hostile LSP input against the real server (spawned binary over stdio):
//! malformed JSON, unknown methods, wrong parameter types, out-of-bounds
//! positions on every request the server offers, edits to unopened
//! documents, versions going backwards, a 50 MB document, 10,000 edits in a
//! burst and `$/cancelRequest` storms. After each, the server must still be
//! running and answer a request correctly.

mod common;
mod proptest_support;

use common::*;
use proptest_support::{Rng, model_apply, model_lines, random_edit};
use serde_json::{Value, json};
use std::time::{Duration, Instant};

const SMALL: &str = "Harbour council approves ferry timetable\n\nThe council voted on Tuesday. “We are delighted,” said Mayor Ana Pereira, who chairs it.\n\nOfficials said the timetable starts in May.\n";

struct Session {
    c: Client,
    dir: std::path::PathBuf,
    uri: String,
    text: String,
    version: i64,
}

impl Session {
    fn start(tag: &str, init: Value) -> Session {
        let dir = temp_dir(tag);
        let mut c = Client::spawn_in(&dir);
        c.initialize_with(init, json!(file_uri(&dir)), default_caps());
        let uri = format!("{}/small.txt", file_uri(&dir));
        c.open(&uri, "plaintext", SMALL);
        c.diagnostics(&uri, Some(1));
        Session {
            c,
            dir,
            uri,
            text: SMALL.to_string(),
            version: 1,
        }
    }

    /// The server is running and its copy of the small document is exact.
    fn assert_alive(&mut self) {
        assert!(self.c.is_alive(), "the server process exited");
        let r = self.c.request(
            "byline/documentText",
            json!({"textDocument": {"uri": self.uri}}),
        );
        assert_eq!(r["text"].as_str(), Some(self.text.as_str()));
        assert_eq!(r["version"].as_i64(), Some(self.version));
        // and it still analyses
        let syms = self.c.request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": self.uri}}),
        );
        assert!(syms.is_array(), "documentSymbol answered {syms}");
    }

    fn finish(mut self) {
        self.assert_alive();
        assert_eq!(self.c.shutdown(), Some(0));
        std::fs::remove_dir_all(&self.dir).ok();
    }

    /// Wait until a message satisfying `pred` is in the backlog, sending
    /// cheap requests to pull messages in (the test client reads only while
    /// it waits for something).
    fn pull_until(&mut self, what: &str, mut pred: impl FnMut(&Value) -> bool) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(i) = self.c.backlog.iter().position(&mut pred) {
                return self.c.backlog.remove(i);
            }
            assert!(Instant::now() < deadline, "never received {what}");
            self.c.request("workspace/symbol", json!({"query": "zzzz"}));
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

fn error_code(v: &Value) -> Option<i64> {
    v.get("error").and_then(|e| e["code"].as_i64())
}

fn raw_frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

#[test]
fn malformed_messages_get_errors_and_the_server_survives() {
    let mut s = Session::start("malformed", json!({"debounceMs": 0}));
    // (body, expected JSON-RPC code, expected id)
    let cases: Vec<(Vec<u8>, i64, Value)> = vec![
        (b"{not json".to_vec(), -32700, json!(null)),
        (
            b"{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": ".to_vec(),
            -32700,
            json!(null),
        ),
        (b"\xff\xfe{}".to_vec(), -32700, json!(null)),
        (
            b"{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":\"\xc3\x28\"}".to_vec(),
            -32700,
            json!(null),
        ),
        (b"[]".to_vec(), -32600, json!(null)),
        (b"42".to_vec(), -32600, json!(null)),
        (b"{\"foo\": 1}".to_vec(), -32600, json!(null)),
        (
            b"{\"jsonrpc\":\"2.0\",\"id\":77,\"method\":5}".to_vec(),
            -32600,
            json!(77),
        ),
        (
            b"{\"jsonrpc\":\"1.0\",\"id\":\"old\",\"method\":\"textDocument/hover\"}".to_vec(),
            -32600,
            json!("old"),
        ),
    ];
    for (body, code, id) in cases {
        s.c.send_raw(&raw_frame(&body));
        let shown = String::from_utf8_lossy(&body).into_owned();
        let idc = id.clone();
        let err = s.pull_until(&format!("an error for {shown}"), |v| {
            v.get("method").is_none() && v.get("error").is_some() && v["id"] == idc
        });
        assert_eq!(error_code(&err), Some(code), "{shown} → {err}");
        s.assert_alive();
    }
    // an empty body, a header block without Content-Length, a bad length,
    // stray blank lines and unknown headers: the server resynchronises on
    // the next well-framed message
    s.c.send_raw(b"Content-Length: 0\r\n\r\n");
    s.assert_alive();
    s.c.send_raw(b"X-Nonsense: 1\r\n\r\n");
    s.assert_alive();
    s.c.send_raw(b"Content-Length: twelve\r\n\r\n");
    s.assert_alive();
    s.c.send_raw(b"\r\n\r\n");
    s.assert_alive();
    let body = serde_json::to_vec(
        &json!({"jsonrpc": "2.0", "id": "typed", "method": "byline/documentText",
        "params": {"textDocument": {"uri": s.uri}}}),
    )
    .unwrap();
    let mut framed = format!(
        "content-length: {}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n",
        body.len()
    )
    .into_bytes();
    framed.extend(body);
    s.c.send_raw(&framed);
    let r = s.pull_until("the answer to a lower-case header", |v| v["id"] == "typed");
    assert_eq!(r["result"]["text"].as_str(), Some(SMALL));
    s.finish();
}

#[test]
fn unknown_methods_are_method_not_found() {
    let mut s = Session::start("unknown", json!({"debounceMs": 0}));
    for m in [
        "byline/noSuchThing",
        "textDocument/semanticTokens/full",
        "$/unknownRequest",
        "",
    ] {
        let r = s.c.request_full(m, json!({"textDocument": {"uri": s.uri}}));
        assert_eq!(error_code(&r), Some(-32601), "{m}: {r}");
    }
    // unknown notifications are ignored
    s.c.notify("byline/noSuchNotification", json!({"x": 1}));
    s.c.notify("$/setTrace", json!({"value": "verbose"}));
    s.c.notify("$/somethingElse", json!(null));
    s.finish();
}

#[test]
fn wrong_parameter_types_are_invalid_params() {
    let mut s = Session::start("params", json!({"debounceMs": 0}));
    let uri = s.uri.clone();
    let bad: Vec<(&str, Value)> = vec![
        ("textDocument/hover", json!("x")),
        ("textDocument/hover", json!(null)),
        (
            "textDocument/hover",
            json!({"textDocument": {"uri": 5}, "position": {"line": 0, "character": 0}}),
        ),
        (
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": -1, "character": 0}}),
        ),
        (
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": 4294967296u64, "character": 0}}),
        ),
        (
            "textDocument/hover",
            json!({"textDocument": {"uri": "not a uri"}, "position": {"line": 0, "character": 0}}),
        ),
        ("textDocument/documentSymbol", json!([1, 2, 3])),
        ("textDocument/foldingRange", json!({"textDocument": {}})),
        (
            "textDocument/definition",
            json!({"textDocument": {"uri": uri}, "position": "start"}),
        ),
        (
            "textDocument/rename",
            json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}, "newName": 7}),
        ),
        (
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": null, "context": {"diagnostics": []}}),
        ),
        ("workspace/symbol", json!({"query": ["a"]})),
        ("byline/documentText", json!({"uri": uri})),
        ("byline/analysis", json!(3.5)),
        (
            "workspace/executeCommand",
            json!({"command": "byline.addToPeopleFile", "arguments": []}),
        ),
        (
            "workspace/executeCommand",
            json!({"command": "byline.addIgnore", "arguments": [{"code": "no-such-code"}]}),
        ),
        (
            "workspace/executeCommand",
            json!({"command": "rm -rf", "arguments": [{"uri": uri}]}),
        ),
        (
            "textDocument/rename",
            json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": 40}, "newName": "two\nlines"}),
        ),
    ];
    for (m, params) in bad {
        let r = s.c.request_full(m, params.clone());
        assert_eq!(error_code(&r), Some(-32602), "{m} {params}: {r}");
        assert!(
            r["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty()),
            "error without a message: {r}"
        );
    }
    // notifications with the wrong shape are dropped without an answer
    s.c.notify("textDocument/didChange", json!("garbage"));
    s.c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": "two"}, "contentChanges": [{"text": "X"}]}),
    );
    s.c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 9},
               "contentChanges": [{"range": {"start": {"line": -3, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "X"}]}),
    );
    s.c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri}}),
    );
    s.c.notify("textDocument/didClose", json!({}));
    s.c.notify("workspace/didChangeConfiguration", json!({"settings": 12}));
    s.c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"byline": {"debounceMs": "soon", "maxDocumentBytes": -5}}}),
    );
    // a second `initialize` is refused
    let r = s.c.request_full("initialize", json!({"capabilities": {}}));
    assert!(r.get("error").is_some(), "second initialize accepted: {r}");
    s.finish();
}

/// Every position-taking request with positions past every end, reversed
/// ranges, and on a document that is not open.
#[test]
fn out_of_bounds_positions_on_every_request() {
    let mut s = Session::start("bounds", json!({"debounceMs": 0}));
    let uri = s.uri.clone();
    let lines = model_lines(SMALL).len() as u64;
    let max = u32::MAX as u64;
    let positions = [
        (0, max),
        (max, 0),
        (max, max),
        (lines, 0),
        (lines - 1, 999),
        (1, 5000),
        (2, 7),
    ];
    let pos = |l: u64, c: u64| json!({"line": l, "character": c});
    let mut requests: Vec<(&str, Value)> = Vec::new();
    for &(l, c) in &positions {
        let td = json!({"uri": uri});
        let tdp = json!({"textDocument": td, "position": pos(l, c)});
        requests.push(("textDocument/hover", tdp.clone()));
        requests.push(("textDocument/definition", tdp.clone()));
        requests.push((
            "textDocument/references",
            json!({"textDocument": td, "position": pos(l, c), "context": {"includeDeclaration": true}}),
        ));
        requests.push(("textDocument/documentHighlight", tdp.clone()));
        requests.push(("textDocument/prepareRename", tdp.clone()));
        requests.push((
            "textDocument/rename",
            json!({"textDocument": td, "position": pos(l, c), "newName": "Ana Pereira-Silva"}),
        ));
        for &(l2, c2) in &positions {
            requests.push((
                "textDocument/codeAction",
                json!({"textDocument": td, "range": {"start": pos(l, c), "end": pos(l2, c2)},
                       "context": {"diagnostics": []}}),
            ));
        }
    }
    requests.push((
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    ));
    requests.push((
        "textDocument/foldingRange",
        json!({"textDocument": {"uri": uri}}),
    ));
    let n_lines = lines;
    let check_ranges = |v: &Value, what: &str| {
        // every range in the answer lies inside the document
        fn walk(v: &Value, out: &mut Vec<Value>) {
            match v {
                Value::Object(m) => {
                    if let (Some(st), Some(en)) = (m.get("start"), m.get("end")) {
                        if st.get("line").is_some() && en.get("line").is_some() {
                            out.push(v.clone());
                        }
                    }
                    for x in m.values() {
                        walk(x, out);
                    }
                }
                Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
                _ => {}
            }
        }
        let mut ranges = Vec::new();
        walk(v, &mut ranges);
        for r in ranges {
            for end in ["start", "end"] {
                let l = r[end]["line"].as_u64().unwrap();
                assert!(l < n_lines, "{what}: range {r} past the end");
            }
        }
    };
    for (m, params) in &requests {
        let r = s.c.request_full(m, params.clone());
        match error_code(&r) {
            None => check_ranges(&r["result"], m),
            // "put the cursor on a person's name" and the like
            Some(-32602) => {}
            Some(code) => panic!("{m} {params}: error {code}: {r}"),
        }
    }
    // the same requests on a document that was never opened: invalid params
    let ghost = format!("{}/ghost.txt", file_uri(&s.dir));
    for (m, params) in &requests {
        let mut p = params.clone();
        p["textDocument"]["uri"] = json!(ghost);
        let r = s.c.request_full(m, p);
        assert_eq!(error_code(&r), Some(-32602), "{m} on an unopened doc: {r}");
    }
    s.finish();
}

#[test]
fn edits_to_unopened_documents_and_versions_going_backwards() {
    let mut s = Session::start("unopened", json!({"debounceMs": 0}));
    let ghost = format!("{}/ghost.txt", file_uri(&s.dir));
    s.c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": ghost, "version": 2},
               "contentChanges": [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "x"}]}),
    );
    let g = ghost.clone();
    s.c.wait_for("window/logMessage", move |p| {
        p["message"].as_str().is_some_and(|m| m.contains(&g))
    });
    s.c.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": ghost}}),
    );
    s.c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": ghost}}),
    );
    let r = s.c.request_full(
        "byline/documentText",
        json!({"textDocument": {"uri": ghost}}),
    );
    assert_eq!(error_code(&r), Some(-32602), "{r}");
    s.assert_alive();

    // versions going backwards: the edits are applied in arrival order and
    // the version is the one the client sent
    let uri = s.uri.clone();
    for (v, text) in [(5, "A"), (3, "B"), (3, "C"), (-7, "D")] {
        s.c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": v},
                   "contentChanges": [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": text}]}),
        );
        s.text.insert_str(0, text);
        s.version = v;
    }
    s.c.wait_for("window/logMessage", |p| {
        p["message"]
            .as_str()
            .is_some_and(|m| m.contains("version went backwards"))
    });
    s.assert_alive();
    // diagnostics arrive for the last version sent
    s.c.diagnostics(&uri, Some(-7));
    // re-opening an open document replaces it
    s.c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": SMALL}}),
    );
    s.text = SMALL.to_string();
    s.version = 1;
    s.finish();
}

#[test]
fn fifty_megabyte_document_is_capped_and_the_server_stays_responsive() {
    let mut s = Session::start("huge", json!({"debounceMs": 0}));
    let big_uri = format!("{}/huge.txt", file_uri(&s.dir));
    let mut big = byline::synth::article(50_000_000);
    let t0 = Instant::now();
    s.c.open(&big_uri, "plaintext", &big);
    // an edit at the end of the big document
    let last_line = model_lines(&big).len() - 1;
    s.c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": big_uri, "version": 2},
               "contentChanges": [{"range": {"start": {"line": last_line, "character": 0}, "end": {"line": last_line, "character": 0}}, "text": "The end."}]}),
    );
    big.push_str("The end.");
    // a hover on the small document answers while the big one is analysed
    let h0 = Instant::now();
    let r = s.c.request_full(
        "textDocument/hover",
        json!({"textDocument": {"uri": s.uri}, "position": {"line": 2, "character": 40}}),
    );
    let hover_time = h0.elapsed();
    assert!(r.get("error").is_none(), "{r}");
    eprintln!(
        "50 MB: hover on the small doc answered {:?} after the open ({:?} since didOpen was sent)",
        hover_time,
        t0.elapsed()
    );
    assert!(
        hover_time < Duration::from_secs(3),
        "hover took {hover_time:?} behind a 50 MB document"
    );
    let msg = s.c.wait_for("window/showMessage", |p| {
        p["message"]
            .as_str()
            .is_some_and(|m| m.contains("MB") && m.contains("maxDocumentBytes"))
    });
    eprintln!("50 MB: {}", msg["message"]);
    let d = s.c.diagnostics(&big_uri, Some(2));
    assert!(d["diagnostics"].is_array());
    eprintln!("50 MB: diagnostics for v2 after {:?}", t0.elapsed());
    let got = s.c.request(
        "byline/documentText",
        json!({"textDocument": {"uri": big_uri}}),
    );
    assert_eq!(got["version"], 2);
    assert!(
        got["text"].as_str() == Some(big.as_str()),
        "50 MB text differs"
    );
    // symbols, folding and a hover on the capped document answer in time
    for m in ["textDocument/documentSymbol", "textDocument/foldingRange"] {
        let t = Instant::now();
        let r = s.c.request(m, json!({"textDocument": {"uri": big_uri}}));
        assert!(r.is_array());
        eprintln!("50 MB: {m} answered in {:?}", t.elapsed());
        assert!(
            t.elapsed() < Duration::from_secs(5),
            "{m} took {:?}",
            t.elapsed()
        );
    }
    let t = Instant::now();
    s.c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": big_uri}, "position": {"line": 2, "character": 10}}),
    );
    eprintln!("50 MB: hover on it answered in {:?}", t.elapsed());
    s.c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": big_uri}}),
    );
    s.finish();
}

#[test]
fn ten_thousand_edits_in_a_burst() {
    let mut s = Session::start("burst", json!({"debounceMs": 0}));
    let uri = s.uri.clone();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let t0 = Instant::now();
    for _ in 0..10_000 {
        let e = random_edit(&mut rng, &s.text);
        model_apply(&mut s.text, &e, true);
        s.version += 1;
        s.c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": s.version},
                   "contentChanges": [proptest_support::change_json(&e)]}),
        );
    }
    let sent = t0.elapsed();
    s.assert_alive();
    // the last version gets its diagnostics
    s.c.diagnostics(&uri, Some(s.version));
    eprintln!(
        "burst: 10,000 edits sent in {sent:?}, text exact and diagnostics for the last version after {:?}",
        t0.elapsed()
    );
    // the server's analysis is the analysis of the exact final text
    let mut server =
        s.c.request("byline/analysis", json!({"textDocument": {"uri": uri}}));
    server.as_object_mut().unwrap().remove("version");
    let path = s.dir.join("small.txt").display().to_string();
    let cold = byline::analysis::Analyzer::analyze_once(
        &s.text,
        &byline::settings::Settings::default(),
        &byline::analysis::Input {
            markdown: false,
            path: &path,
            ignore: &[],
        },
    );
    assert_eq!(server, byline::report::to_json(&uri, &s.text, &cold));
    s.finish();
}

#[test]
fn cancel_request_storms() {
    let mut s = Session::start("cancel", json!({"debounceMs": 0}));
    let uri = s.uri.clone();
    // a bigger document so that requests take a little time
    let big_uri = format!("{}/big.txt", file_uri(&s.dir));
    s.c.open(&big_uri, "plaintext", &byline::synth::article(300_000));
    let methods = [
        "textDocument/documentSymbol",
        "textDocument/foldingRange",
        "byline/analysis",
        "textDocument/hover",
        "textDocument/codeAction",
    ];
    let n = 600;
    for round in 0..3 {
        let mut ids = Vec::new();
        for i in 0..n {
            let id = format!("storm-{round}-{i}");
            let m = methods[i % methods.len()];
            let params = match m {
                "textDocument/hover" => {
                    json!({"textDocument": {"uri": big_uri}, "position": {"line": i, "character": 3}})
                }
                "textDocument/codeAction" => json!({"textDocument": {"uri": big_uri},
                    "range": {"start": {"line": i, "character": 0}, "end": {"line": i + 3, "character": 0}},
                    "context": {"diagnostics": []}}),
                _ => json!({"textDocument": {"uri": big_uri}}),
            };
            s.c.send(&json!({"jsonrpc": "2.0", "id": id, "method": m, "params": params}));
            if i % 7 == 0 {
                // keep the document changing so analyses are in flight
                s.c.notify(
                    "textDocument/didChange",
                    json!({"textDocument": {"uri": big_uri, "version": round * n + i + 2},
                           "contentChanges": [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "x"}]}),
                );
            }
            // cancel most of them right away, some twice, some never
            if i % 5 != 4 {
                s.c.notify("$/cancelRequest", json!({"id": id}));
            }
            if i % 11 == 0 {
                s.c.notify("$/cancelRequest", json!({"id": id}));
            }
            ids.push(id);
        }
        // cancels for ids never sent, and malformed cancels
        for i in 0..50 {
            s.c.notify("$/cancelRequest", json!({"id": format!("never-{i}")}));
            s.c.notify("$/cancelRequest", json!({"id": i * 1000 + 999_999}));
        }
        s.c.notify("$/cancelRequest", json!({}));
        s.c.notify("$/cancelRequest", json!({"id": null}));
        s.c.notify("$/cancelRequest", json!("nonsense"));

        // every request gets exactly one answer: its result or RequestCancelled
        let mut answered = std::collections::HashMap::new();
        let deadline = Instant::now() + Duration::from_secs(60);
        while answered.len() < ids.len() {
            assert!(
                Instant::now() < deadline,
                "round {round}: only {} of {} requests answered",
                answered.len(),
                ids.len()
            );
            let backlog = std::mem::take(&mut s.c.backlog);
            for v in backlog {
                let id = v["id"].as_str().unwrap_or("");
                if id.starts_with(&format!("storm-{round}-")) && v.get("method").is_none() {
                    let prev = answered.insert(id.to_string(), v.clone());
                    assert!(prev.is_none(), "two answers to {id}");
                    if let Some(code) = error_code(&v) {
                        assert_eq!(code, -32800, "{v}");
                    }
                } else {
                    s.c.backlog.push(v);
                }
            }
            if answered.len() < ids.len() {
                s.c.request("workspace/symbol", json!({"query": "zzzz"}));
            }
        }
        let cancelled = answered
            .values()
            .filter(|v| error_code(v).is_some())
            .count();
        eprintln!(
            "cancel storm round {round}: {} answered, {cancelled} cancelled",
            answered.len()
        );
        // drop the notifications gathered meanwhile
        s.c.backlog.clear();
    }
    // the big document's text is exact after all of that
    let got = s.c.request(
        "byline/documentText",
        json!({"textDocument": {"uri": big_uri}}),
    );
    let expected = "x".repeat(3 * n.div_ceil(7)) + &byline::synth::article(300_000);
    assert!(got["text"].as_str() == Some(expected.as_str()));
    let _ = uri;
    s.finish();
}

#[test]
fn requests_before_initialize_and_after_shutdown() {
    let dir = temp_dir("lifecycle");
    let mut c = Client::spawn_in(&dir);
    let r = c.request_full(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///x.txt"}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(error_code(&r), Some(-32002), "{r}");
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": "file:///x.txt", "languageId": "plaintext", "version": 1, "text": "x"}}),
    );
    c.initialize_with(
        json!({"debounceMs": 0}),
        json!(file_uri(&dir)),
        default_caps(),
    );
    let r = c.request_full("shutdown", json!(null));
    assert!(r.get("error").is_none());
    let r = c.request_full(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": "file:///x.txt"}}),
    );
    assert_eq!(error_code(&r), Some(-32600), "{r}");
    c.notify("exit", json!(null));
    let deadline = Instant::now() + Duration::from_secs(10);
    while c.is_alive() {
        assert!(Instant::now() < deadline, "no exit after `exit`");
        std::thread::sleep(Duration::from_millis(20));
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// Every file under `dir`: path → (contents, modification time, inode).
fn snapshot_dir(
    dir: &std::path::Path,
) -> std::collections::BTreeMap<std::path::PathBuf, (Vec<u8>, std::time::SystemTime, u64)> {
    use std::os::unix::fs::MetadataExt;
    let mut out = std::collections::BTreeMap::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        let m = std::fs::symlink_metadata(&p).unwrap();
        if m.is_dir() {
            out.extend(snapshot_dir(&p));
        } else {
            out.insert(
                p.clone(),
                (
                    std::fs::read(&p).unwrap_or_default(),
                    m.modified().unwrap(),
                    m.ino(),
                ),
            );
        }
    }
    out
}

/// The server writes to the user's files only when the user invokes one of
/// its commands (`workspace/executeCommand`), and then atomically (a new
/// file renamed over the old one); everything else it offers as edits for
/// the editor to apply.
#[test]
fn files_are_written_only_by_commands_and_atomically() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = temp_dir("writes");
    let toml_path = dir.join("byline.toml");
    let original = "# the newsroom's people\n[settings]\ndebounceMs = 0\n";
    std::fs::write(&toml_path, original).unwrap();
    std::fs::set_permissions(&toml_path, std::fs::Permissions::from_mode(0o640)).unwrap();
    std::fs::write(dir.join("article.txt"), SMALL).unwrap();
    std::fs::write(dir.join("notes.md"), "# Notes\n\nA line.\n").unwrap();
    let before = snapshot_dir(&dir);

    let mut c = Client::spawn_in(&dir);
    c.initialize_with(
        json!({"debounceMs": 0}),
        json!(file_uri(&dir)),
        default_caps(),
    );
    let uri = file_uri(&dir.join("article.txt"));
    c.open(&uri, "plaintext", SMALL);
    c.diagnostics(&uri, Some(1));
    // everything an editor does while someone writes
    let pos = json!({"line": 2, "character": 45});
    let td = json!({"uri": uri});
    for (m, p) in [
        (
            "textDocument/hover",
            json!({"textDocument": td, "position": pos}),
        ),
        (
            "textDocument/definition",
            json!({"textDocument": td, "position": pos}),
        ),
        (
            "textDocument/references",
            json!({"textDocument": td, "position": pos, "context": {"includeDeclaration": true}}),
        ),
        (
            "textDocument/documentHighlight",
            json!({"textDocument": td, "position": pos}),
        ),
        ("textDocument/documentSymbol", json!({"textDocument": td})),
        ("textDocument/foldingRange", json!({"textDocument": td})),
        ("workspace/symbol", json!({"query": ""})),
        (
            "textDocument/codeAction",
            json!({"textDocument": td,
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 9, "character": 0}},
            "context": {"diagnostics": []}}),
        ),
        ("byline/analysis", json!({"textDocument": td})),
    ] {
        let r = c.request_full(m, p);
        assert!(r.get("error").is_none(), "{m}: {r}");
    }
    let _ = c.request_full(
        "textDocument/rename",
        json!({"textDocument": td, "position": pos, "newName": "Ana Pereira-Silva"}),
    );
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
               "contentChanges": [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "Draft: "}]}),
    );
    c.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri}}),
    );
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"byline": {"debounceMs": 0, "codes": {"vague-source": "off"}}}}),
    );
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&toml_path), "type": 2}]}),
    );
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    c.request("workspace/symbol", json!({"query": ""}));
    assert_eq!(
        snapshot_dir(&dir),
        before,
        "a file changed without a command"
    );

    // a command the user invokes: the file is replaced atomically
    let ino = std::fs::metadata(&toml_path).unwrap().ino();
    let r = c.request(
        "workspace/executeCommand",
        json!({"command": "byline.addToPeopleFile",
               "arguments": [{"uri": uri, "name": "Ana Pereira", "aliases": ["Pereira"], "description": "mayor"}]}),
    );
    assert_eq!(r["ok"], true, "{r}");
    let after = std::fs::read_to_string(&toml_path).unwrap();
    assert!(after.starts_with(original), "the old contents are kept");
    assert!(after.contains("Ana Pereira"));
    let meta = std::fs::metadata(&toml_path).unwrap();
    assert_ne!(meta.ino(), ino, "written in place instead of renamed over");
    assert_eq!(
        meta.permissions().mode() & 0o777,
        0o640,
        "the file's permissions changed"
    );
    // nothing else in the folder changed, no temporary file is left
    let mut now = snapshot_dir(&dir);
    now.remove(&toml_path);
    let mut expected = before.clone();
    expected.remove(&toml_path);
    assert_eq!(now, expected);

    // many commands at once: every entry lands (no lost update)
    let n = 24;
    for i in 0..n {
        c.send(&json!({"jsonrpc": "2.0", "id": format!("cmd-{i}"), "method": "workspace/executeCommand",
            "params": {"command": "byline.addToPeopleFile",
                       "arguments": [{"uri": uri, "name": format!("Person Number{i}")}]}}));
    }
    let deadline = Instant::now() + TIMEOUT;
    let mut answered = 0;
    while answered < n {
        assert!(
            Instant::now() < deadline,
            "{answered} of {n} commands answered"
        );
        let backlog = std::mem::take(&mut c.backlog);
        for v in backlog {
            if v["id"].as_str().is_some_and(|s| s.starts_with("cmd-")) {
                assert!(v.get("error").is_none(), "{v}");
                answered += 1;
            }
        }
        if answered < n {
            c.request("workspace/symbol", json!({"query": "zzzz"}));
        }
    }
    let text = std::fs::read_to_string(&toml_path).unwrap();
    let parsed = byline::settings::parse_config(&text).expect("byline.toml still parses");
    for i in 0..n {
        let name = format!("Person Number{i}");
        assert!(
            parsed.people.iter().any(|p| p.name == name),
            "{name} was lost:\n{text}"
        );
    }
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("byline-tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");

    // with byline.toml open in the editor, the change goes through the
    // editor (workspace/applyEdit) and the file on disk is not touched
    let toml_uri = file_uri(&toml_path);
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": toml_uri, "languageId": "toml", "version": 1, "text": text}}),
    );
    let disk_before = snapshot_dir(&dir);
    let r = c.request(
        "workspace/executeCommand",
        json!({"command": "byline.addToPeopleFile", "arguments": [{"uri": uri, "name": "Open Buffer"}]}),
    );
    assert_eq!(r["ok"], true, "{r}");
    let edit = c
        .backlog
        .iter()
        .find(|v| v["method"] == "workspace/applyEdit")
        .cloned()
        .expect("a workspace/applyEdit request");
    assert!(edit.to_string().contains("Open Buffer"));
    assert_eq!(
        snapshot_dir(&dir),
        disk_before,
        "wrote to a file open in the editor"
    );
    assert_eq!(c.shutdown(), Some(0));

    // a symlinked byline.toml stays a symlink; its target is updated
    let dir2 = temp_dir("writes-link");
    let real = dir2.join("shared-people.toml");
    std::fs::write(&real, "[settings]\n").unwrap();
    let ws = dir2.join("ws");
    std::fs::create_dir_all(&ws).unwrap();
    std::os::unix::fs::symlink(&real, ws.join("byline.toml")).unwrap();
    let mut c = Client::spawn_in(&ws);
    c.initialize_with(
        json!({"debounceMs": 0}),
        json!(file_uri(&ws)),
        default_caps(),
    );
    let r = c.request(
        "workspace/executeCommand",
        json!({"command": "byline.addIgnore",
               "arguments": [{"uri": file_uri(&ws.join("a.txt")), "code": "vague-source", "text": "officials said", "file": "a.txt"}]}),
    );
    assert_eq!(r["ok"], true, "{r}");
    let link = std::fs::symlink_metadata(ws.join("byline.toml")).unwrap();
    assert!(
        link.file_type().is_symlink(),
        "the symlink was replaced by a file"
    );
    assert!(
        std::fs::read_to_string(&real)
            .unwrap()
            .contains("officials said")
    );
    assert_eq!(c.shutdown(), Some(0));
    std::fs::remove_dir_all(&dir).ok();
    std::fs::remove_dir_all(&dir2).ok();
}
