//! Unattributed-claim diagnostics over LSP: content of publishDiagnostics,
//! suppression, and the code actions with their edits.

mod common;
use common::*;
use serde_json::{Value, json};

const MD_TEXT: &str = "# Bridge plan divides the town\n\n\
The council voted on Monday to rebuild the old bridge.\n\n\
Critics say the plan ignores cyclists.\n\n\
Mayor Ana Lucero said the work would start in May.\n";

fn diags_with_code<'a>(d: &'a Value, code: &str) -> Vec<&'a Value> {
    d["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["code"] == code)
        .collect()
}

fn actions(c: &mut Client, uri: &str, diag: &Value) -> Vec<Value> {
    c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": diag["range"], "context": {"diagnostics": [diag]}}),
    )
    .as_array()
    .unwrap()
    .clone()
}

#[test]
fn weasel_diagnostic_content() {
    let mut c = Client::spawn();
    c.initialize(json!({"debounceMs": 0}));
    let uri = "file:///tmp/byline-tests/bridge.md";
    c.open(uri, "markdown", MD_TEXT);
    let d = c.diagnostics(uri, Some(1));
    let w = diags_with_code(&d, "weasel-source");
    assert_eq!(w.len(), 1, "{d:#}");
    let w = w[0];
    assert_eq!(w["source"], "byline");
    assert_eq!(w["severity"], 2, "warning");
    assert_eq!(w["range"]["start"]["line"], 4);
    assert_eq!(w["range"]["start"]["character"], 0);
    let msg = w["message"].as_str().unwrap();
    assert!(
        msg.to_lowercase().contains("critics"),
        "the message names the phrase: {msg}"
    );
    assert_eq!(w["data"]["code"], "weasel-source");
    // nothing fires on the attributed or plain factual sentences
    for x in d["diagnostics"].as_array().unwrap() {
        let line = x["range"]["start"]["line"].as_u64().unwrap();
        assert!(line == 4, "unexpected finding on line {line}: {x}");
    }
}

#[test]
fn severity_and_disable_from_settings() {
    let mut c = Client::spawn();
    c.initialize(json!({"debounceMs": 0, "codes": {"weasel-source": "error"}}));
    let uri = "file:///tmp/byline-tests/bridge-sev.md";
    c.open(uri, "markdown", MD_TEXT);
    let d = c.diagnostics(uri, Some(1));
    assert_eq!(diags_with_code(&d, "weasel-source")[0]["severity"], 1);
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"byline": {"codes": {"weasel-source": "off"}}}}),
    );
    let u = uri.to_string();
    let d = c.wait_for("textDocument/publishDiagnostics", move |p| {
        p["uri"] == u.as_str()
            && p["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .all(|x| x["code"] != "weasel-source")
    });
    assert!(diags_with_code(&d, "weasel-source").is_empty());
}

#[test]
fn markdown_ignore_here_inserts_a_comment_that_suppresses() {
    let mut c = Client::spawn();
    c.initialize(json!({"debounceMs": 0}));
    let uri = "file:///tmp/byline-tests/bridge-ignore.md";
    c.open(uri, "markdown", MD_TEXT);
    let d = c.diagnostics(uri, Some(1));
    let w = diags_with_code(&d, "weasel-source")[0].clone();
    let acts = actions(&mut c, uri, &w);
    let ignore = acts
        .iter()
        .find(|a| {
            a["title"]
                .as_str()
                .unwrap()
                .starts_with("Ignore this finding here")
        })
        .unwrap_or_else(|| panic!("{acts:#?}"));
    let edits = ignore["edit"]["documentChanges"][0]["edits"]
        .as_array()
        .unwrap();
    let new = apply_edits(MD_TEXT, edits);
    assert!(
        new.contains("<!-- byline-disable-next-line weasel-source -->\nCritics say"),
        "{new}"
    );
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": new}]}),
    );
    let d = c.diagnostics(uri, Some(2));
    assert!(diags_with_code(&d, "weasel-source").is_empty(), "{d}");

    // "turn off for this file" puts a disable comment at the top
    let off = acts
        .iter()
        .find(|a| a["title"] == "Turn off weasel-source for this file")
        .unwrap();
    let new = apply_edits(
        MD_TEXT,
        off["edit"]["documentChanges"][0]["edits"]
            .as_array()
            .unwrap(),
    );
    assert!(
        new.starts_with("<!-- byline-disable weasel-source -->\n\n# Bridge"),
        "{new}"
    );
}

#[test]
fn plain_text_turn_off_for_file_writes_byline_toml() {
    let dir = temp_dir("attr-ignore");
    let text = MD_TEXT.replace("# ", "");
    let art = dir.join("bridge.txt");
    std::fs::write(&art, &text).unwrap();
    let uri = file_uri(&art);
    let mut c = Client::spawn_in(&dir);
    c.initialize_with(
        json!({"debounceMs": 0}),
        json!(file_uri(&dir)),
        default_caps(),
    );
    c.open(&uri, "plaintext", &text);
    let d = c.diagnostics(&uri, Some(1));
    let w = diags_with_code(&d, "weasel-source")[0].clone();
    let acts = actions(&mut c, &uri, &w);
    let ignore = acts
        .iter()
        .find(|a| {
            a["title"]
                .as_str()
                .unwrap()
                .starts_with("Ignore this finding here")
        })
        .unwrap();
    let cmd = &ignore["command"];
    let r = c.request(
        "workspace/executeCommand",
        json!({"command": cmd["command"], "arguments": cmd["arguments"]}),
    );
    assert_eq!(r["ok"], true);
    let cfg =
        byline::settings::parse_config(&std::fs::read_to_string(dir.join("byline.toml")).unwrap())
            .unwrap();
    assert_eq!(cfg.ignore.len(), 1);
    assert_eq!(cfg.ignore[0].code, "weasel-source");
    assert_eq!(cfg.ignore[0].text, w["data"]["text"].as_str().unwrap());
    assert_eq!(cfg.ignore[0].file.as_deref(), Some("bridge.txt"));
    // re-analysed without the finding
    let u = uri.clone();
    c.wait_for("textDocument/publishDiagnostics", move |p| {
        p["uri"] == u.as_str()
            && p["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .all(|x| x["code"] != "weasel-source")
    });
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn add_attribution_inserts_a_placeholder() {
    let mut c = Client::spawn();
    c.initialize(json!({"debounceMs": 0}));
    let uri = "file:///tmp/byline-tests/vague.txt";
    let text = "Town to close library\n\nThe library will close in June, officials said.\n";
    c.open(uri, "plaintext", text);
    let d = c.diagnostics(uri, Some(1));
    let v = diags_with_code(&d, "vague-source");
    assert_eq!(v.len(), 1, "{d:#}");
    let acts = actions(&mut c, uri, v[0]);
    let add = acts
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("Add attribution"))
        .unwrap_or_else(|| panic!("{acts:#?}"));
    let new = apply_edits(
        text,
        add["edit"]["documentChanges"][0]["edits"]
            .as_array()
            .unwrap(),
    );
    assert_ne!(new, text);
    assert!(
        new.contains("…") || new.contains("["),
        "a placeholder to overwrite: {new}"
    );
}
