//! Code actions and the commands behind them. Everything runs on the
//! server, so the actions work the same in every editor:
//!
//! * on a person: "Add NAME to the people file" (command
//!   `byline.addToPeopleFile`);
//! * on a finding: "Add attribution" (an edit inserting `, according to …`
//!   or similar with a placeholder), "Ignore this finding here" and "Turn off
//!   CODE for this file" — suppression comments in Markdown, `[[ignore]]`
//!   entries in `byline.toml` for plain text (command `byline.addIgnore`).

use super::Backend;
use super::diagnostics::to_diagnostic;
use super::hover::other_forms;
use super::people_file::{append_to_config, entry_for, ignore_toml, person_toml};
use super::state::{Snapshot, lock};
use crate::analysis::Finding;
use crate::settings::{IgnoreEntry, PersonEntry};
use serde_json::{Value, json};
use std::collections::HashMap;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;

pub const ADD_PERSON: &str = "byline.addToPeopleFile";
pub const ADD_IGNORE: &str = "byline.addIgnore";
pub const COMMANDS: &[&str] = &[ADD_PERSON, ADD_IGNORE];

fn overlaps(a: &std::ops::Range<usize>, s: usize, e: usize) -> bool {
    a.start <= e && s <= a.end
}

fn edit(b: &Backend, uri: &Uri, snap: &Snapshot, edits: Vec<TextEdit>) -> WorkspaceEdit {
    if lock(&b.inner.caps).document_changes {
        WorkspaceEdit {
            document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri: uri.clone(),
                    version: Some(snap.version),
                },
                edits: edits.into_iter().map(OneOf::Left).collect(),
            }])),
            ..Default::default()
        }
    } else {
        WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), edits)])),
            ..Default::default()
        }
    }
}

/// Where a "whole file" suppression comment goes: before the first block
/// that is not front matter.
fn top_of_body(snap: &Snapshot) -> usize {
    let t = &snap.text;
    if t.starts_with("---") || t.starts_with("+++") {
        let marker = &t[..3];
        let mut off = t.find('\n').map_or(t.len(), |p| p + 1);
        while off < t.len() {
            let end = t[off..].find('\n').map_or(t.len(), |p| off + p + 1);
            let line = t[off..end].trim_end();
            off = end;
            if line == marker || (marker == "---" && line == "...") {
                return off;
            }
        }
        return 0;
    }
    0
}

fn finding_actions(
    b: &Backend,
    uri: &Uri,
    snap: &Snapshot,
    f: &Finding,
    out: &mut Vec<CodeActionOrCommand>,
) {
    let related = lock(&b.inner.caps).related_information;
    let diag = to_diagnostic(uri, snap, f, related);
    let code = f.code.as_str();
    let quoted = snap.text.get(f.span.clone()).unwrap_or("").to_string();
    if let Some((at, insert)) = &f.fix {
        let p = snap.pos(*at);
        out.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: format!("Add attribution: insert “{}”", insert.trim()),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![diag.clone()]),
            edit: Some(edit(
                b,
                uri,
                snap,
                vec![TextEdit::new(Range::new(p, p), insert.clone())],
            )),
            is_preferred: Some(true),
            ..Default::default()
        }));
    }
    if snap.analysis.markdown {
        // a comment on its own line above the finding's line
        let line = snap.lines.line_of(f.span.start);
        let ls = snap.lines.line_start(line);
        let p = snap.pos(ls);
        out.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: format!("Ignore this finding here ({code})"),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![diag.clone()]),
            edit: Some(edit(
                b,
                uri,
                snap,
                vec![TextEdit::new(
                    Range::new(p, p),
                    format!("<!-- byline-disable-next-line {code} -->\n"),
                )],
            )),
            ..Default::default()
        }));
        let top = snap.pos(top_of_body(snap));
        out.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: format!("Turn off {code} for this file"),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![diag]),
            edit: Some(edit(
                b,
                uri,
                snap,
                vec![TextEdit::new(
                    Range::new(top, top),
                    format!("<!-- byline-disable {code} -->\n\n"),
                )],
            )),
            ..Default::default()
        }));
    } else {
        let file = relative_path(b, uri);
        out.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: format!("Ignore this finding here ({code}, in byline.toml)"),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![diag.clone()]),
            command: Some(Command::new(
                "Ignore this finding".into(),
                ADD_IGNORE.into(),
                Some(vec![
                    json!({"uri": uri.as_str(), "code": code, "text": quoted, "file": file}),
                ]),
            )),
            ..Default::default()
        }));
        out.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: format!("Turn off {code} for this file (in byline.toml)"),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![diag]),
            command: Some(Command::new(
                format!("Turn off {code} for this file"),
                ADD_IGNORE.into(),
                Some(vec![
                    json!({"uri": uri.as_str(), "code": code, "text": "", "file": file}),
                ]),
            )),
            ..Default::default()
        }));
    }
}

/// The document's path relative to the workspace root (for `[[ignore]]`).
fn relative_path(b: &Backend, uri: &Uri) -> String {
    let path = uri.to_file_path().map(|p| p.into_owned());
    let root = b
        .inner
        .config
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .root
        .clone();
    match (path, root) {
        (Some(p), Some(r)) => p.strip_prefix(&r).unwrap_or(&p).display().to_string(),
        (Some(p), None) => p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        _ => String::new(),
    }
}

pub async fn code_action(b: &Backend, p: CodeActionParams) -> Result<Option<CodeActionResponse>> {
    let uri = p.text_document.uri;
    let snap = b.fresh(&uri).await?;
    let s = snap.offset(p.range.start);
    let e = snap.offset(p.range.end).max(s);
    let mut out = Vec::new();
    let a = &snap.analysis;
    for f in a.findings.iter().filter(|f| overlaps(&f.span, s, e)) {
        finding_actions(b, &uri, &snap, f, &mut out);
    }
    let entries = b
        .inner
        .config
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .people()
        .to_vec();
    for (pi, person) in a.people.iter().enumerate() {
        if !person.mentions.iter().any(|m| overlaps(&m.span, s, e)) {
            continue;
        }
        let mut forms = other_forms(&snap.text, a, pi);
        let mut all = forms.clone();
        all.push(person.name.clone());
        if entry_for(person, &all, &entries).is_some() {
            continue;
        }
        forms.retain(|f| f != &person.name);
        let mut seen = Vec::new();
        let description = person
            .descriptors
            .iter()
            .filter(|d| {
                let k = d.text.to_lowercase();
                !seen.contains(&k) && {
                    seen.push(k);
                    true
                }
            })
            .map(|d| d.text.as_str())
            .collect::<Vec<_>>()
            .join("; ");
        out.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: format!("Add {} to the people file", person.name),
            kind: Some(CodeActionKind::new("refactor.byline.people")),
            command: Some(Command::new(
                format!("Add {} to the people file", person.name),
                ADD_PERSON.into(),
                Some(vec![json!({
                    "uri": uri.as_str(), "name": person.name, "aliases": forms, "description": description,
                })]),
            )),
            ..Default::default()
        }));
    }
    Ok(Some(out))
}

fn arg<'a>(args: &'a [Value], key: &str) -> Option<&'a Value> {
    args.first().and_then(|a| a.get(key))
}

pub async fn execute_command(b: &Backend, p: ExecuteCommandParams) -> Result<Option<Value>> {
    let uri: Option<Uri> = arg(&p.arguments, "uri")
        .and_then(Value::as_str)
        .and_then(|s| s.parse().ok());
    let text = match p.command.as_str() {
        ADD_PERSON => {
            let name = arg(&p.arguments, "name")
                .and_then(Value::as_str)
                .filter(|n| !n.trim().is_empty())
                .ok_or_else(|| {
                    Error::invalid_params("byline.addToPeopleFile needs {\"name\": \"…\"}")
                })?;
            let entry = PersonEntry {
                name: name.trim().to_string(),
                aliases: arg(&p.arguments, "aliases")
                    .and_then(Value::as_array)
                    .map(|a| {
                        a.iter()
                            .filter_map(Value::as_str)
                            .map(str::to_string)
                            .collect()
                    })
                    .unwrap_or_default(),
                description: arg(&p.arguments, "description")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string(),
                url: None,
            };
            person_toml(&entry)
        }
        ADD_IGNORE => {
            let code = arg(&p.arguments, "code")
                .and_then(Value::as_str)
                .filter(|c| crate::analysis::Code::parse(c).is_some())
                .ok_or_else(|| {
                    Error::invalid_params("byline.addIgnore needs a known {\"code\": \"…\"}")
                })?;
            let file = arg(&p.arguments, "file")
                .and_then(Value::as_str)
                .filter(|f| !f.is_empty());
            ignore_toml(&IgnoreEntry {
                code: code.to_string(),
                text: arg(&p.arguments, "text")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string(),
                file: file.map(str::to_string),
            })
        }
        other => {
            return Err(Error::invalid_params(format!(
                "byline: unknown command `{other}` (known: {})",
                COMMANDS.join(", ")
            )));
        }
    };
    match append_to_config(b, uri.as_ref(), &text).await {
        Ok(msg) => {
            b.client
                .show_message(MessageType::INFO, format!("byline: {msg}"))
                .await;
            Ok(Some(json!({"ok": true, "message": msg})))
        }
        Err(msg) => {
            b.client
                .show_message(MessageType::ERROR, format!("byline: {msg}"))
                .await;
            Err(Error::invalid_params(format!("byline: {msg}")))
        }
    }
}
