//! `textDocument/documentSymbol` (title, sections as a tree, people as
//! children of the sections they appear in) and `workspace/symbol` over the
//! open documents.

use super::Backend;
use super::state::{Snapshot, lock};
use std::collections::{BTreeMap, HashMap, HashSet};
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

pub const TITLE_KIND: SymbolKind = SymbolKind::FILE;
pub const SECTION_KIND: SymbolKind = SymbolKind::STRING;
pub const PERSON_KIND: SymbolKind = SymbolKind::OBJECT;

fn sym(
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    range: Range,
    sel: Range,
) -> DocumentSymbol {
    #[allow(deprecated)]
    DocumentSymbol {
        name: if name.trim().is_empty() {
            "(untitled)".into()
        } else {
            name
        },
        detail,
        kind,
        tags: None,
        deprecated: None,
        range,
        selection_range: sel,
        children: None,
    }
}

/// The hierarchical outline of one snapshot.
pub fn outline(
    snap: &Snapshot,
    markdown: bool,
    settings: &crate::settings::Settings,
) -> Vec<DocumentSymbol> {
    let a = &snap.analysis;
    let show_sections = !markdown || settings.markdown_outline;
    let mut top: Vec<DocumentSymbol> = Vec::new();
    if show_sections {
        if let Some(t) = &a.title {
            top.push(sym(
                t.title.clone(),
                Some("title".into()),
                TITLE_KIND,
                snap.range(&t.range),
                snap.range(&t.heading),
            ));
        }
    }
    // people grouped by the section of each mention (None = before any section)
    let mut people_in: BTreeMap<Option<usize>, Vec<DocumentSymbol>> = BTreeMap::new();
    if settings.people_in_outline {
        for p in &a.people {
            // each mention's section, computed once (counting per section
            // by re-scanning every mention was quadratic on long documents)
            let secs: Vec<Option<usize>> = p
                .mentions
                .iter()
                .map(|m| {
                    if show_sections {
                        a.section_at(m.span.start)
                    } else {
                        None
                    }
                })
                .collect();
            let mut counts: HashMap<Option<usize>, usize> = HashMap::new();
            for s in &secs {
                *counts.entry(*s).or_insert(0) += 1;
            }
            let mut seen: HashSet<Option<usize>> = HashSet::new();
            for (m, sec) in p.mentions.iter().zip(&secs) {
                if !seen.insert(*sec) {
                    continue;
                }
                let n = counts[sec];
                let r = snap.range(&m.span);
                people_in.entry(*sec).or_default().push(sym(
                    p.name.clone(),
                    Some(format!(
                        "person, {n} mention{}",
                        if n == 1 { "" } else { "s" }
                    )),
                    PERSON_KIND,
                    r,
                    r,
                ));
            }
        }
    }
    for v in people_in.values_mut() {
        v.sort_by_key(|d| (d.range.start.line, d.range.start.character));
    }
    if show_sections {
        // build the section tree bottom-up
        let n = a.sections.len();
        let mut nodes: Vec<Option<DocumentSymbol>> = a
            .sections
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let mut d = sym(
                    s.title.clone(),
                    Some(format!("section, level {}", s.level)),
                    SECTION_KIND,
                    snap.range(&s.range),
                    snap.range(&s.heading),
                );
                if let Some(ps) = people_in.remove(&Some(i)) {
                    d.children = Some(ps);
                }
                Some(d)
            })
            .collect();
        for i in (0..n).rev() {
            if let Some(parent) = a.sections[i].parent {
                let child = nodes[i].take().expect("each node is moved once");
                let pch = nodes[parent]
                    .as_mut()
                    .expect("parents come first")
                    .children
                    .get_or_insert_with(Vec::new);
                // sections before people of the parent, in text order
                let pos = pch
                    .iter()
                    .take_while(|c| c.kind == SECTION_KIND && c.range.start < child.range.start)
                    .count();
                pch.insert(pos, child);
            }
        }
        let lede_people = people_in.remove(&None).unwrap_or_default();
        top.extend(lede_people);
        top.extend(nodes.into_iter().flatten());
    } else {
        top.extend(people_in.into_values().flatten());
    }
    top
}

/// Flatten for clients without hierarchical support.
pub fn flatten(
    uri: &Uri,
    syms: &[DocumentSymbol],
    container: Option<&str>,
    out: &mut Vec<SymbolInformation>,
) {
    for s in syms {
        #[allow(deprecated)]
        out.push(SymbolInformation {
            name: s.name.clone(),
            kind: s.kind,
            tags: None,
            deprecated: None,
            location: Location::new(uri.clone(), s.range),
            container_name: container.map(str::to_string),
        });
        if let Some(ch) = &s.children {
            flatten(uri, ch, Some(&s.name), out);
        }
    }
}

pub async fn document_symbol(
    b: &Backend,
    p: DocumentSymbolParams,
) -> Result<Option<DocumentSymbolResponse>> {
    let uri = p.text_document.uri;
    let snap = b.fresh(&uri).await?;
    let markdown = lock(&b.inner.docs).get(&uri).is_some_and(|e| e.markdown);
    let syms = outline(&snap, markdown, &b.settings());
    if lock(&b.inner.caps).hierarchical_symbols {
        Ok(Some(DocumentSymbolResponse::Nested(syms)))
    } else {
        let mut flat = Vec::new();
        flatten(&uri, &syms, None, &mut flat);
        Ok(Some(DocumentSymbolResponse::Flat(flat)))
    }
}

/// Case-insensitive subsequence match ("cmd" matches "Cordial Moscow meeting").
pub fn matches(query: &str, name: &str) -> bool {
    let mut it = name.chars().flat_map(char::to_lowercase);
    query
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .all(|q| it.any(|c| c == q))
}

pub async fn workspace_symbol(
    b: &Backend,
    p: WorkspaceSymbolParams,
) -> Result<Option<WorkspaceSymbolResponse>> {
    let uris: Vec<(Uri, bool)> = lock(&b.inner.docs)
        .iter()
        .filter(|(_, e)| !e.is_config)
        .map(|(u, e)| (u.clone(), e.markdown))
        .collect();
    let settings = b.settings();
    let mut out = Vec::new();
    for (uri, markdown) in uris {
        let Ok(snap) = b.last(&uri).await else {
            continue;
        };
        let syms = outline(&snap, markdown, &settings);
        let mut flat = Vec::new();
        flatten(&uri, &syms, None, &mut flat);
        let mut seen_people = std::collections::HashSet::new();
        out.extend(flat.into_iter().filter(|s| {
            // one entry per person per document
            (s.kind != PERSON_KIND || seen_people.insert(s.name.clone()))
                && matches(&p.query, &s.name)
        }));
    }
    out.sort_by(|a, b| {
        a.name
            .cmp(&b.name)
            .then(a.location.uri.cmp(&b.location.uri))
    });
    Ok(Some(WorkspaceSymbolResponse::Flat(out)))
}
