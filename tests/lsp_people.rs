//! People over LSP: hover card, definition, references, highlights, rename,
//! the people file and the "Add to the people file" action.

mod common;
use common::*;
use serde_json::{Value, json};

fn pos(line: u32, character: u32) -> Value {
    json!({"line": line, "character": character})
}

/// Position of the `nth` occurrence of `needle` in `text` (UTF-16 column).
fn find(text: &str, needle: &str, nth: usize) -> Value {
    let (off, _) = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle} #{nth}"));
    let line = text[..off].matches('\n').count() as u32;
    let ls = text[..off].rfind('\n').map_or(0, |p| p + 1);
    let col = text[ls..off].chars().map(char::len_utf16).sum::<usize>() as u32;
    pos(line, col + 1)
}

struct Fx {
    c: Client,
    dir: std::path::PathBuf,
    uri: String,
    text: String,
}

fn setup(tag: &str, toml: Option<&str>) -> Fx {
    let dir = temp_dir(tag);
    if let Some(t) = toml {
        std::fs::write(dir.join("byline.toml"), t).unwrap();
    }
    let text = fixture("plain-article.txt");
    let art = dir.join("ferry.txt");
    std::fs::write(&art, &text).unwrap();
    let uri = file_uri(&art);
    let mut c = Client::spawn_in(&dir);
    c.initialize_with(
        json!({"debounceMs": 0}),
        json!(file_uri(&dir)),
        default_caps(),
    );
    c.open(&uri, "plaintext", &text);
    Fx { c, dir, uri, text }
}

fn hover_text(c: &mut Client, uri: &str, at: Value) -> String {
    let h = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": at}),
    );
    assert_eq!(h["contents"]["kind"], "markdown", "{h}");
    h["contents"]["value"].as_str().unwrap().to_string()
}

#[test]
fn hover_card_is_exact() {
    let mut f = setup("hover", None);
    let at = find(&f.text, "Okonkwo told", 0);
    let card = hover_text(&mut f.c, &f.uri, at);
    assert_eq!(
        card,
        "**Maria Okonkwo**\n\n*Council leader*\n\nMentioned 2 times (lines 5 and 13); also as “Okonkwo”.\n\n\
         In this article they are cited for 2 statements:\n\
         - line 5: Council leader Maria Okonkwo said the change would cut waiting times for commuters.\n\
         - line 13: Okonkwo told reporters the council would review the timetable after six months.\n\n\
         ---\n\n*Not in the people file* (code action: “Add to the people file”)."
    );
    // no hover off a name, and none past the end of the document
    let h = f.c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": f.uri}, "position": find(&f.text, "ferry timetable", 0)}),
    );
    assert!(h.is_null(), "{h}");
    let h = f.c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": f.uri}, "position": pos(500, 3)}),
    );
    assert!(h.is_null());
    std::fs::remove_dir_all(&f.dir).ok();
}

#[test]
fn definition_references_highlights() {
    let mut f = setup("nav", None);
    let at = find(&f.text, "Herrera added", 0);
    let d = f.c.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": f.uri}, "position": at}),
    );
    let full = find(&f.text, "Tomás Herrera", 0);
    assert_eq!(d["range"]["start"]["line"], full["line"]);
    assert_eq!(
        d["range"]["start"]["character"],
        full["character"].as_u64().unwrap() - 1
    );
    assert_eq!(
        d["range"]["end"]["character"].as_u64().unwrap()
            - d["range"]["start"]["character"].as_u64().unwrap(),
        13,
        "the whole name “Tomás Herrera” in UTF-16 units"
    );
    let r = f.c.request(
        "textDocument/references",
        json!({"textDocument": {"uri": f.uri}, "position": at, "context": {"includeDeclaration": true}}),
    );
    assert_eq!(r.as_array().unwrap().len(), 2);
    let r = f.c.request(
        "textDocument/references",
        json!({"textDocument": {"uri": f.uri}, "position": at, "context": {"includeDeclaration": false}}),
    );
    assert_eq!(r.as_array().unwrap().len(), 1);
    let h = f.c.request(
        "textDocument/documentHighlight",
        json!({"textDocument": {"uri": f.uri}, "position": at}),
    );
    assert_eq!(h.as_array().unwrap().len(), 2);
    std::fs::remove_dir_all(&f.dir).ok();
}

#[test]
fn rename_changes_only_name_spans() {
    let mut f = setup("rename", None);
    let at = find(&f.text, "Herrera added", 0);
    let p = f.c.request(
        "textDocument/prepareRename",
        json!({"textDocument": {"uri": f.uri}, "position": at}),
    );
    assert_eq!(p["placeholder"], "Herrera");
    let e = f.c.request(
        "textDocument/rename",
        json!({"textDocument": {"uri": f.uri}, "position": at, "newName": "Herreira"}),
    );
    let dc = &e["documentChanges"][0];
    assert_eq!(dc["textDocument"]["uri"], f.uri.as_str());
    assert_eq!(dc["textDocument"]["version"], 1);
    let edits = dc["edits"].as_array().unwrap();
    assert_eq!(edits.len(), 2, "{e}");
    let new = apply_edits(&f.text, edits);
    assert_eq!(new, f.text.replace("Herrera", "Herreira"));
    // renaming off a name is a clear error
    let r = f.c.request_full(
        "textDocument/prepareRename",
        json!({"textDocument": {"uri": f.uri}, "position": find(&f.text, "ferry timetable", 0)}),
    );
    assert!(
        r["error"]["message"]
            .as_str()
            .unwrap()
            .contains("person's name"),
        "{r}"
    );
    std::fs::remove_dir_all(&f.dir).ok();
}

#[test]
fn people_in_outline_and_workspace_symbols() {
    let mut f = setup("outline", None);
    let syms = f.c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": f.uri}}),
    );
    let top: Vec<&Value> = syms.as_array().unwrap().iter().collect();
    let lede: Vec<&str> = top
        .iter()
        .filter(|s| s["kind"] == 19)
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        lede,
        vec!["Maria Okonkwo"],
        "people of the lede at top level"
    );
    let residents = top
        .iter()
        .find(|s| s["name"] == "Residents react to the decision")
        .unwrap();
    let kids: Vec<&str> = residents["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(kids, vec!["Tomás Herrera", "Maria Okonkwo"]);
    let ws = f.c.request("workspace/symbol", json!({"query": "okonkwo"}));
    let people: Vec<&Value> = ws
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["kind"] == 19)
        .collect();
    assert_eq!(people.len(), 1, "one entry per person: {ws}");
    std::fs::remove_dir_all(&f.dir).ok();
}

#[test]
fn people_file_entry_on_hover_and_broken_file_keeps_it() {
    let toml = "[[people]]\nname = \"Maria Okonkwo\"\naliases = [\"Okonkwo\"]\ndescription = \"Leader of the Harbour District Council since 2021.\"\nurl = \"https://example.org/people/okonkwo\"\n";
    let mut f = setup("peoplefile", Some(toml));
    let at = find(&f.text, "Okonkwo told", 0);
    let card = hover_text(&mut f.c, &f.uri, at.clone());
    assert!(
        card.ends_with("**People file:** Leader of the Harbour District Council since 2021. ([link](https://example.org/people/okonkwo))"),
        "{card}"
    );
    // break the file: a diagnostic on it; hover keeps the last good entry
    std::fs::write(f.dir.join("byline.toml"), "[[people]]\nname = \n").unwrap();
    let cfg = file_uri(&f.dir.join("byline.toml"));
    f.c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": cfg, "type": 2}]}),
    );
    let u = cfg.clone();
    f.c.wait_for("textDocument/publishDiagnostics", move |p| {
        p["uri"] == u.as_str() && !p["diagnostics"].as_array().unwrap().is_empty()
    });
    let card = hover_text(&mut f.c, &f.uri, at);
    assert!(
        card.contains("**People file:** Leader of the Harbour"),
        "{card}"
    );
    std::fs::remove_dir_all(&f.dir).ok();
}

fn add_person_action(c: &mut Client, uri: &str, at: Value) -> Value {
    let r = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": at, "end": at}, "context": {"diagnostics": []}}),
    );
    r.as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Add Tomás Herrera to the people file")
        .cloned()
        .unwrap_or_else(|| panic!("no add-person action in {r:#}"))
}

#[test]
fn add_to_people_file_writes_closed_file_atomically() {
    let existing = "# our people\n[settings]\ndebounceMs = 0\n";
    let mut f = setup("addclosed", Some(existing));
    let at = find(&f.text, "Herrera added", 0);
    let action = add_person_action(&mut f.c, &f.uri, at.clone());
    let cmd = &action["command"];
    let r = f.c.request(
        "workspace/executeCommand",
        json!({"command": cmd["command"], "arguments": cmd["arguments"]}),
    );
    assert_eq!(r["ok"], true, "{r}");
    let written = std::fs::read_to_string(f.dir.join("byline.toml")).unwrap();
    assert!(
        written.starts_with(existing),
        "existing content kept: {written}"
    );
    let cfg = byline::settings::parse_config(&written).unwrap();
    assert_eq!(cfg.people.len(), 1);
    assert_eq!(cfg.people[0].name, "Tomás Herrera");
    assert_eq!(cfg.people[0].aliases, vec!["Herrera"]);
    // no temporary file left behind
    let names: Vec<String> = std::fs::read_dir(&f.dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.contains("byline-tmp")), "{names:?}");
    // the hover now shows the entry, and the action is no longer offered
    let card = hover_text(&mut f.c, &f.uri, at.clone());
    assert!(card.contains("**People file:**"), "{card}");
    let r = f.c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": f.uri}, "range": {"start": at, "end": at}, "context": {"diagnostics": []}}),
    );
    assert!(!r.to_string().contains("Add Tomás Herrera"));
    std::fs::remove_dir_all(&f.dir).ok();
}

#[test]
fn add_to_people_file_edits_open_file_through_the_editor() {
    let existing = "[settings]\ndebounceMs = 0\n";
    let mut f = setup("addopen", Some(existing));
    let cfg_uri = file_uri(&f.dir.join("byline.toml"));
    f.c.open(&cfg_uri, "toml", existing);
    let at = find(&f.text, "Herrera added", 0);
    let action = add_person_action(&mut f.c, &f.uri, at);
    let cmd = &action["command"];
    let r = f.c.request(
        "workspace/executeCommand",
        json!({"command": cmd["command"], "arguments": cmd["arguments"]}),
    );
    assert_eq!(r["ok"], true, "{r}");
    let apply = f.c.wait_for("workspace/applyEdit", |_| true);
    let dc = &apply["edit"]["documentChanges"][0];
    assert_eq!(dc["textDocument"]["uri"], cfg_uri.as_str());
    let edited = apply_edits(existing, dc["edits"].as_array().unwrap());
    let cfg = byline::settings::parse_config(&edited).unwrap();
    assert_eq!(cfg.people[0].name, "Tomás Herrera");
    // the file on disk was not touched
    assert_eq!(
        std::fs::read_to_string(f.dir.join("byline.toml")).unwrap(),
        existing
    );
    std::fs::remove_dir_all(&f.dir).ok();
}
