//! Navigation around people: definition (the first, fullest mention),
//! references (every mention), document highlights, and rename.

use super::Backend;
use super::state::{Snapshot, lock};
use std::collections::HashMap;
use std::sync::Arc;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;

/// The person under `pos`: (person index, mention index).
fn at(snap: &Snapshot, pos: Position) -> Option<(usize, usize)> {
    if !snap.contains(pos) {
        return None;
    }
    snap.analysis.person_at(snap.offset(pos))
}

/// The mention that "defines" a person: the first one written in the
/// canonical (fullest) form, else the first mention.
pub fn defining_mention(snap: &Snapshot, p: usize) -> usize {
    let person = &snap.analysis.people[p];
    let canon: Vec<&str> = person.name.split_whitespace().collect();
    person
        .mentions
        .iter()
        .position(|m| {
            let t: Vec<&str> = snap
                .text
                .get(m.span.clone())
                .unwrap_or("")
                .split_whitespace()
                .collect();
            t == canon
        })
        .unwrap_or(0)
}

pub async fn definition(
    b: &Backend,
    p: GotoDefinitionParams,
) -> Result<Option<GotoDefinitionResponse>> {
    let uri = p.text_document_position_params.text_document.uri;
    let snap = b.last(&uri).await?;
    let Some((pi, _)) = at(&snap, p.text_document_position_params.position) else {
        return Ok(None);
    };
    let m = defining_mention(&snap, pi);
    let span = &snap.analysis.people[pi].mentions[m].span;
    Ok(Some(GotoDefinitionResponse::Scalar(Location::new(
        uri,
        snap.range(span),
    ))))
}

pub async fn references(b: &Backend, p: ReferenceParams) -> Result<Option<Vec<Location>>> {
    let uri = p.text_document_position.text_document.uri;
    let snap = b.last(&uri).await?;
    let Some((pi, _)) = at(&snap, p.text_document_position.position) else {
        return Ok(None);
    };
    let def = defining_mention(&snap, pi);
    Ok(Some(
        snap.analysis.people[pi]
            .mentions
            .iter()
            .enumerate()
            .filter(|(i, _)| p.context.include_declaration || *i != def)
            .map(|(_, m)| Location::new(uri.clone(), snap.range(&m.span)))
            .collect(),
    ))
}

pub async fn highlight(
    b: &Backend,
    p: DocumentHighlightParams,
) -> Result<Option<Vec<DocumentHighlight>>> {
    let uri = p.text_document_position_params.text_document.uri;
    let snap = b.last(&uri).await?;
    let Some((pi, _)) = at(&snap, p.text_document_position_params.position) else {
        return Ok(None);
    };
    Ok(Some(
        snap.analysis.people[pi]
            .mentions
            .iter()
            .map(|m| DocumentHighlight {
                range: snap.range(&m.span),
                kind: Some(DocumentHighlightKind::TEXT),
            })
            .collect(),
    ))
}

pub async fn prepare_rename(
    b: &Backend,
    p: TextDocumentPositionParams,
) -> Result<Option<PrepareRenameResponse>> {
    let snap = b.fresh(&p.text_document.uri).await?;
    let Some((pi, mi)) = at(&snap, p.position) else {
        return Err(Error::invalid_params(
            "byline: put the cursor on a person's name to rename them",
        ));
    };
    let span = &snap.analysis.people[pi].mentions[mi].span;
    Ok(Some(PrepareRenameResponse::RangeWithPlaceholder {
        range: snap.range(span),
        placeholder: snap.text[span.clone()].to_string(),
    }))
}

/// Plan the new text of every mention when the mention written `old` is
/// renamed to `new`. Word-by-word when both have as many words (so
/// "Lindsey Graham" → "Lindsay Graham" also turns "Lindsey" into
/// "Lindsay" and leaves "Graham"); otherwise a mention written exactly like
/// `old` becomes `new`, and a mention that is the last (or first) word of
/// `old` becomes the last (or first) word of `new`.
pub fn plan(old: &str, new: &str, mention: &str) -> Option<String> {
    let ow: Vec<&str> = old.split_whitespace().collect();
    let nw: Vec<&str> = new.split_whitespace().collect();
    let mw: Vec<&str> = mention.split_whitespace().collect();
    if mw == ow {
        return Some(new.to_string());
    }
    if ow.len() == nw.len() {
        let map: HashMap<&str, &str> = ow.iter().copied().zip(nw.iter().copied()).collect();
        let out: Vec<&str> = mw.iter().map(|w| *map.get(w).unwrap_or(w)).collect();
        return (out != mw).then(|| out.join(" "));
    }
    if mw.len() == 1 && ow.len() > 1 {
        if Some(&mw[0]) == ow.last() {
            return nw.last().map(|s| s.to_string());
        }
        if Some(&mw[0]) == ow.first() {
            return nw.first().map(|s| s.to_string());
        }
    }
    if ow.len() == 1 && mw.len() > 1 {
        // renaming a surname inside longer forms
        if mw.last() == ow.first() {
            let mut out = mw[..mw.len() - 1].to_vec();
            out.extend(nw.iter().copied());
            return Some(out.join(" "));
        }
    }
    None
}

pub async fn rename(b: &Backend, p: RenameParams) -> Result<Option<WorkspaceEdit>> {
    let uri = p.text_document_position.text_document.uri;
    let new = p.new_name.trim();
    if new.is_empty() || new.contains(['\n', '\r']) {
        return Err(Error::invalid_params(
            "byline: the new name must be one non-empty line",
        ));
    }
    let snap: Arc<Snapshot> = b.fresh(&uri).await?;
    let Some((pi, mi)) = at(&snap, p.text_document_position.position) else {
        return Err(Error::invalid_params(
            "byline: put the cursor on a person's name to rename them",
        ));
    };
    let person = &snap.analysis.people[pi];
    let old = snap.text[person.mentions[mi].span.clone()].to_string();
    let mut edits = Vec::new();
    for m in &person.mentions {
        let cur = &snap.text[m.span.clone()];
        if let Some(t) = plan(&old, new, cur) {
            if t != cur {
                edits.push(TextEdit::new(snap.range(&m.span), t));
            }
        }
    }
    let versioned = lock(&b.inner.caps).document_changes;
    Ok(Some(if versioned {
        WorkspaceEdit {
            document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri,
                    version: Some(snap.version),
                },
                edits: edits.into_iter().map(OneOf::Left).collect(),
            }])),
            ..Default::default()
        }
    } else {
        WorkspaceEdit {
            changes: Some(HashMap::from([(uri, edits)])),
            ..Default::default()
        }
    }))
}

#[cfg(test)]
mod tests {
    use super::plan;

    #[test]
    fn rename_plans() {
        assert_eq!(
            plan("Lindsey Graham", "Lindsay Graham", "Lindsey Graham").as_deref(),
            Some("Lindsay Graham")
        );
        assert_eq!(plan("Lindsey Graham", "Lindsay Graham", "Graham"), None);
        assert_eq!(
            plan("Lindsey Graham", "Lindsay Grahame", "Graham").as_deref(),
            Some("Grahame")
        );
        assert_eq!(
            plan("Graham", "Grahame", "Lindsey Graham").as_deref(),
            Some("Lindsey Grahame")
        );
        assert_eq!(
            plan("Graham", "Grahame", "Graham").as_deref(),
            Some("Grahame")
        );
        assert_eq!(
            plan("Yuri Ushakov", "Yury V. Ushakov", "Ushakov").as_deref(),
            Some("Ushakov")
        );
        assert_eq!(
            plan("Yuri Ushakov", "Yury V. Ushakov", "Yuri Ushakov").as_deref(),
            Some("Yury V. Ushakov")
        );
    }
}
