//! The real server over LSP JSON-RPC: capabilities, sync, symbols, settings.

mod common;
use common::*;
use serde_json::{Value, json};

const PLAIN: &str = "file:///tmp/byline-tests/plain-article.txt";
const MD: &str = "file:///tmp/byline-tests/markdown-article.md";

fn names(syms: &Value) -> Vec<String> {
    syms.as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap().to_string())
        .collect()
}

fn sections_of(syms: &Value) -> Vec<Value> {
    // title (kind 1 = File) and sections (kind 15 = String), depth-first
    let mut out = Vec::new();
    fn walk(v: &Value, out: &mut Vec<Value>) {
        for s in v.as_array().unwrap() {
            if s["kind"] == 15 || s["kind"] == 1 {
                out.push(s.clone());
            }
            if let Some(ch) = s.get("children").filter(|c| c.is_array()) {
                walk(ch, out);
            }
        }
    }
    walk(syms, &mut out);
    out
}

#[test]
fn initialize_announces_capabilities_and_encoding() {
    let mut c = Client::spawn();
    let r = c.initialize(json!({"debounceMs": 0}));
    let caps = &r["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental sync");
    assert_eq!(caps["documentSymbolProvider"]["label"], "byline");
    assert_eq!(caps["workspaceSymbolProvider"], true);
    assert_eq!(caps["foldingRangeProvider"], true);
    assert_eq!(r["serverInfo"]["name"], "byline");
    assert_eq!(c.shutdown(), Some(0));

    let mut c = Client::spawn();
    let mut caps = default_caps();
    caps["general"] = json!({"positionEncodings": ["utf-8", "utf-16"]});
    let r = c.initialize_with(json!({}), json!(null), caps);
    assert_eq!(r["capabilities"]["positionEncoding"], "utf-8");
}

#[test]
fn plain_article_sections_title_and_folding() {
    let mut c = Client::spawn();
    c.initialize(json!({"debounceMs": 0}));
    let text = fixture("plain-article.txt");
    c.open(PLAIN, "plaintext", &text);
    let d = c.diagnostics(PLAIN, Some(1));
    assert_eq!(d["version"], 1);
    let syms = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": PLAIN}}),
    );
    let secs = sections_of(&syms);
    let titles: Vec<&str> = secs.iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(
        titles,
        vec![
            "Harbour council approves new ferry timetable after long debate",
            "Residents react to the decision",
            "What happens next"
        ]
    );
    assert_eq!(secs[0]["kind"], 1, "the headline is a title symbol");
    // section: range = whole section, selectionRange = heading line
    let s1 = &secs[1];
    assert_eq!(
        s1["selectionRange"]["start"],
        json!({"line": 8, "character": 0})
    );
    assert_eq!(
        s1["selectionRange"]["end"],
        json!({"line": 8, "character": 31})
    );
    assert_eq!(s1["range"]["start"], json!({"line": 8, "character": 0}));
    assert_eq!(
        s1["range"]["end"]["line"], 12,
        "section runs to its last paragraph"
    );
    assert_eq!(secs[2]["range"]["end"]["line"], 16);
    // the dateline is not a heading
    assert!(!titles.iter().any(|t| t.contains("2025")));

    let folds = c.request(
        "textDocument/foldingRange",
        json!({"textDocument": {"uri": PLAIN}}),
    );
    let folds: Vec<(u64, u64)> = folds
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["startLine"].as_u64().unwrap(),
                f["endLine"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(folds, vec![(8, 12), (14, 16)]);
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn markdown_headings_skip_code_front_matter_and_comments() {
    let mut c = Client::spawn();
    c.initialize(json!({"debounceMs": 0}));
    c.open(MD, "markdown", &fixture("markdown-article.md"));
    let syms = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": MD}}),
    );
    let top = names(&syms);
    assert_eq!(
        top,
        vec![
            "Museum reopens after two-year restoration",
            "The restoration",
            "Visitors and reaction",
            "What comes next"
        ],
        "{syms:#}"
    );
    let all: Vec<String> = sections_of(&syms)
        .iter()
        .map(|s| s["name"].as_str().unwrap().to_string())
        .collect();
    assert!(
        all.contains(&"Ticket prices".to_string()),
        "nested h3: {all:?}"
    );
    let visitors = syms
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "Visitors and reaction")
        .unwrap();
    // setext: the heading text line, underline inside the range
    assert_eq!(visitors["selectionRange"]["start"]["line"], 20);
    assert_eq!(visitors["range"]["start"]["line"], 20);
    let kids = names(&visitors["children"]);
    assert!(kids.contains(&"Ticket prices".to_string()));
    for s in &all {
        assert!(
            !s.contains("not a heading") && !s.contains("this is code"),
            "{s}"
        );
    }
}

#[test]
fn flat_symbols_for_clients_without_hierarchy() {
    let mut c = Client::spawn();
    c.initialize_with(json!({"debounceMs": 0}), json!(null), json!({}));
    c.open(MD, "markdown", &fixture("markdown-article.md"));
    let syms = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": MD}}),
    );
    let arr = syms.as_array().unwrap();
    assert!(
        arr.iter().all(|s| s.get("location").is_some()),
        "SymbolInformation[]"
    );
    let tp = arr.iter().find(|s| s["name"] == "Ticket prices").unwrap();
    assert_eq!(tp["containerName"], "Visitors and reaction");
}

#[test]
fn workspace_symbols_over_open_documents() {
    let mut c = Client::spawn();
    c.initialize(json!({"debounceMs": 0}));
    c.open(PLAIN, "plaintext", &fixture("plain-article.txt"));
    c.open(MD, "markdown", &fixture("markdown-article.md"));
    let r = c.request("workspace/symbol", json!({"query": "next"}));
    let mut hits: Vec<(String, String)> = r
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["kind"] == 15)
        .map(|s| {
            (
                s["name"].as_str().unwrap().into(),
                s["location"]["uri"].as_str().unwrap().into(),
            )
        })
        .collect();
    hits.sort();
    assert_eq!(
        hits,
        vec![
            ("What comes next".to_string(), MD.to_string()),
            ("What happens next".to_string(), PLAIN.to_string())
        ]
    );
}

/// Apply a list of (start, end, text) edits in UTF-16 positions through
/// didChange, and compare with the same edits applied locally.
#[test]
fn incremental_multibyte_edits_match_full_replacement() {
    let mut c = Client::spawn();
    c.initialize(json!({"debounceMs": 0}));
    let uri = "file:///tmp/byline-tests/edits.txt";
    let start = "Caf\u{e9} na\u{ef}ve \u{1F600} r\u{e9}sum\u{e9}\r\nSecond line \u{4E2D}\u{6587}\n\nThird.\n";
    c.open(uri, "plaintext", start);
    let edits = vec![
        // replace the emoji (UTF-16 columns 11..13) with two emoji
        (
            json!({"start": {"line": 0, "character": 11}, "end": {"line": 0, "character": 13}}),
            "\u{1F389}\u{1F38A}",
        ),
        // insert after CJK on line 1
        (
            json!({"start": {"line": 1, "character": 14}, "end": {"line": 1, "character": 14}}),
            " \u{e9}t\u{e9}",
        ),
        // delete across the CRLF line break
        (
            json!({"start": {"line": 0, "character": 20}, "end": {"line": 1, "character": 6}}),
            "",
        ),
        // insert a new paragraph at the end
        (
            json!({"start": {"line": 9, "character": 0}, "end": {"line": 9, "character": 0}}),
            "Fourth \u{1F600}.\n",
        ),
    ];
    let mut version = 1;
    let mut local = start.to_string();
    for (range, text) in &edits {
        version += 1;
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version},
                   "contentChanges": [{"range": range, "text": text}]}),
        );
        local = apply_edits(&local, &[json!({"range": range, "newText": text})]);
    }
    let server = c.request("byline/documentText", json!({"textDocument": {"uri": uri}}));
    assert_eq!(server["version"], version);
    assert_eq!(server["text"].as_str().unwrap(), local);
    assert!(
        local.contains("\u{1F389}\u{1F38A}") && local.contains("\u{4E2D}\u{6587} \u{e9}t\u{e9}")
    );
    // a full replacement gives the same text and the same analysis
    let full_uri = "file:///tmp/byline-tests/edits-full.txt";
    c.open(full_uri, "plaintext", &local);
    let a1 = c.request("byline/analysis", json!({"textDocument": {"uri": uri}}));
    let a2 = c.request(
        "byline/analysis",
        json!({"textDocument": {"uri": full_uri}}),
    );
    assert_eq!(a1["sentences"], a2["sentences"]);
    assert_eq!(a1["sections"], a2["sections"]);
    // diagnostics are published for the last version
    let d = c.diagnostics(uri, Some(version));
    assert_eq!(d["version"], version);
}

#[test]
fn several_changes_in_one_notification_apply_in_order() {
    let mut c = Client::spawn();
    c.initialize(json!({"debounceMs": 0}));
    let uri = "file:///tmp/byline-tests/batch.txt";
    c.open(uri, "plaintext", "abc");
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
            {"range": {"start": {"line": 0, "character": 3}, "end": {"line": 0, "character": 3}}, "text": "d"},
            {"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 1}}, "text": "\u{c9}"},
            {"text": "replaced entirely\n"},
            {"range": {"start": {"line": 0, "character": 8}, "end": {"line": 0, "character": 8}}, "text": " \u{1F600}"},
        ]}),
    );
    // a burst of single-character edits right behind it
    for (i, ch) in "xyz".chars().enumerate() {
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": 3 + i},
                   "contentChanges": [{"range": {"start": {"line": 1, "character": i}, "end": {"line": 1, "character": i}}, "text": ch.to_string()}]}),
        );
    }
    let t = c.request("byline/documentText", json!({"textDocument": {"uri": uri}}));
    assert_eq!(t["text"], "replaced \u{1F600} entirely\nxyz");
    assert_eq!(t["version"], 5);
}

#[test]
fn out_of_range_and_unknown_documents_get_clear_answers() {
    let mut c = Client::spawn();
    c.initialize(json!({"debounceMs": 0}));
    let uri = "file:///tmp/byline-tests/short.txt";
    c.open(uri, "plaintext", "Short.\n");
    // an edit far past the end clamps to the end
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
               "contentChanges": [{"range": {"start": {"line": 99, "character": 5}, "end": {"line": 120, "character": 0}}, "text": "Tail."}]}),
    );
    let t = c.request("byline/documentText", json!({"textDocument": {"uri": uri}}));
    assert_eq!(t["text"], "Short.\nTail.");
    // requests for a document that is not open: a JSON-RPC error naming it
    let r = c.request_full(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": "file:///nowhere/missing.txt"}}),
    );
    let msg = r["error"]["message"].as_str().unwrap();
    assert!(
        msg.contains("not open") && msg.contains("missing.txt"),
        "{msg}"
    );
    assert_eq!(r["error"]["code"], -32602);
    // an edit to an unopened document is ignored without harm
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": "file:///nowhere/x.txt", "version": 2},
               "contentChanges": [{"text": "x"}]}),
    );
    let r = c.request("workspace/symbol", json!({"query": ""}));
    assert!(r.is_array());
    assert!(c.is_alive());
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn settings_from_editor_change_what_is_returned() {
    let mut c = Client::spawn();
    c.initialize(json!({"debounceMs": 0, "markdownOutline": false}));
    c.open(MD, "markdown", &fixture("markdown-article.md"));
    let syms = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": MD}}),
    );
    assert!(
        sections_of(&syms).is_empty(),
        "markdownOutline=false hides sections: {syms}"
    );
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"byline": {"markdownOutline": true}}}),
    );
    let syms = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": MD}}),
    );
    assert_eq!(
        sections_of(&syms).len(),
        5,
        "title and four sections: {syms}"
    );

    // plain-text headings can be turned off
    c.open(PLAIN, "plaintext", &fixture("plain-article.txt"));
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"byline": {"plainTextHeadings": false}}}),
    );
    let syms = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": PLAIN}}),
    );
    let secs = sections_of(&syms);
    assert_eq!(secs.len(), 1, "only the title remains: {syms}");
    // an invalid value is reported and ignored, not fatal
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"byline": {"debounceMs": "soon"}}}),
    );
    let m = c.wait_for("window/showMessage", |p| {
        p["message"]
            .as_str()
            .unwrap_or("")
            .contains("invalid settings")
    });
    assert_eq!(m["type"], 2);
    assert!(c.is_alive());
}

#[test]
fn byline_toml_is_read_and_a_broken_one_is_reported() {
    let dir = temp_dir("toml");
    std::fs::write(
        dir.join("byline.toml"),
        "[settings]\nplainTextHeadings = false\n",
    )
    .unwrap();
    let root = file_uri(&dir);
    let art = file_uri(&dir.join("a.txt"));
    let mut c = Client::spawn_in(&dir);
    let mut caps = default_caps();
    caps["workspace"]["didChangeWatchedFiles"] = json!({"dynamicRegistration": true});
    c.initialize_with(json!({"debounceMs": 0}), json!(root), caps);
    c.open(&art, "plaintext", &fixture("plain-article.txt"));
    let syms = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": art}}),
    );
    assert_eq!(
        sections_of(&syms).len(),
        1,
        "byline.toml turned plain headings off"
    );
    // the server asked to watch byline.toml
    c.wait_for("client/registerCapability", |p| {
        p.to_string().contains("byline.toml")
    });

    // break the file: a diagnostic on it, last good settings stay
    std::fs::write(
        dir.join("byline.toml"),
        "[settings]\nplainTextHeadings = nope\n",
    )
    .unwrap();
    let cfg_uri = file_uri(&dir.join("byline.toml"));
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": cfg_uri, "type": 2}]}),
    );
    let u = cfg_uri.clone();
    let d = c.wait_for("textDocument/publishDiagnostics", move |p| {
        p["uri"] == u.as_str() && !p["diagnostics"].as_array().unwrap().is_empty()
    });
    let diag = &d["diagnostics"][0];
    assert_eq!(diag["severity"], 1);
    assert_eq!(diag["range"]["start"]["line"], 1);
    assert!(
        diag["message"]
            .as_str()
            .unwrap()
            .contains("last valid configuration"),
        "{diag}"
    );
    let syms = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": art}}),
    );
    assert_eq!(sections_of(&syms).len(), 1, "last good settings kept");

    // fix it: diagnostics cleared, new settings applied
    std::fs::write(
        dir.join("byline.toml"),
        "[settings]\nplainTextHeadings = true\n",
    )
    .unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": cfg_uri, "type": 2}]}),
    );
    let u = cfg_uri.clone();
    c.wait_for("textDocument/publishDiagnostics", move |p| {
        p["uri"] == u.as_str() && p["diagnostics"].as_array().unwrap().is_empty()
    });
    let syms = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": art}}),
    );
    assert_eq!(sections_of(&syms).len(), 3);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn every_analysed_version_is_published_with_its_version() {
    let mut c = Client::spawn();
    c.initialize(json!({"debounceMs": 0}));
    let uri = "file:///tmp/byline-tests/versions.txt";
    c.open(uri, "plaintext", "One.\n");
    c.diagnostics(uri, Some(1));
    for v in 2..=4 {
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": v},
                   "contentChanges": [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "x"}]}),
        );
        // unchanged diagnostics are still published for the new version
        let d = c.diagnostics(uri, Some(v));
        assert_eq!(d["version"], v);
    }
}

#[test]
fn close_clears_diagnostics_and_exit_without_shutdown_is_an_error_status() {
    let mut c = Client::spawn();
    c.initialize(json!({"debounceMs": 0}));
    let uri = "file:///tmp/byline-tests/close.txt";
    c.open(uri, "plaintext", "Some text.\n");
    c.diagnostics(uri, Some(1));
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    let u = uri.to_string();
    let d = c.wait_for("textDocument/publishDiagnostics", move |p| {
        p["uri"] == u.as_str()
            && p["diagnostics"].as_array().unwrap().is_empty()
            && p.get("version").is_none_or(|v| v.is_null())
    });
    assert!(d["diagnostics"].as_array().unwrap().is_empty());
    let r = c.request_full(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    assert!(r.get("error").is_some(), "closed documents are unknown");
    assert_eq!(c.shutdown(), Some(0));
}
