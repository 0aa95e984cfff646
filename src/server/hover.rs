//! `textDocument/hover` on a person: who they are according to this
//! article, plus the newsroom's people file.

use super::Backend;
use super::people_file::entry_for;
use super::state::Snapshot;
use crate::analysis::Analysis;
use crate::settings::PersonEntry;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

/// How many attributed statements the card lists.
const STATEMENTS_SHOWN: usize = 3;

/// Name forms the article uses for person `p`, other than the canonical
/// name, in order of first use.
pub fn other_forms(text: &str, a: &Analysis, p: usize) -> Vec<String> {
    let person = &a.people[p];
    let mut out: Vec<String> = Vec::new();
    for m in &person.mentions {
        let f = text
            .get(m.span.clone())
            .unwrap_or("")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if !f.is_empty() && f != person.name && !out.contains(&f) {
            out.push(f);
        }
    }
    out
}

fn list_lines(lines: &[usize]) -> String {
    match lines {
        [] => String::new(),
        [one] => format!("line {one}"),
        [init @ .., last] => format!(
            "lines {} and {last}",
            init.iter()
                .map(|l| l.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn shorten(s: &str, max: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= max {
        return s;
    }
    let cut: String = s.chars().take(max).collect();
    let cut = cut
        .rsplit_once(' ')
        .map_or(cut.as_str(), |(a, _)| a)
        .to_string();
    format!("{cut}…")
}

/// Escape Markdown-significant characters in article text shown on the card.
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The hover card for person `p` (Markdown).
pub fn card(snap: &Snapshot, p: usize, entries: &[PersonEntry]) -> String {
    let a = &snap.analysis;
    let text = &snap.text;
    let person = &a.people[p];
    let mut out = format!("**{}**", md(&person.name));
    // descriptors, deduplicated (case-insensitively), in text order
    let mut seen: Vec<String> = Vec::new();
    let mut descs: Vec<String> = Vec::new();
    for d in &person.descriptors {
        let k = d.text.to_lowercase();
        if !seen.contains(&k) {
            seen.push(k);
            descs.push(md(&shorten(&d.text, 120)));
        }
    }
    if !descs.is_empty() {
        out.push_str("\n\n");
        out.push_str(
            &descs
                .iter()
                .map(|d| format!("*{d}*"))
                .collect::<Vec<_>>()
                .join(" · "),
        );
    }
    let mut lines: Vec<usize> = person
        .mentions
        .iter()
        .map(|m| snap.lines.line_of(m.span.start) + 1)
        .collect();
    lines.dedup();
    let n = person.mentions.len();
    out.push_str(&format!(
        "\n\nMentioned {n} time{} ({})",
        if n == 1 { "" } else { "s" },
        list_lines(&lines)
    ));
    let forms = other_forms(text, a, p);
    if !forms.is_empty() {
        out.push_str(&format!(
            "; also as {}",
            forms
                .iter()
                .map(|f| format!("“{}”", md(f)))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    out.push('.');
    let statements: Vec<_> = a.statements_of(p).collect();
    if !statements.is_empty() {
        let k = statements.len();
        out.push_str(&format!(
            "\n\nIn this article they are cited for {k} statement{}:",
            if k == 1 { "" } else { "s" }
        ));
        for s in statements.iter().take(STATEMENTS_SHOWN) {
            let line = snap.lines.line_of(s.span.start) + 1;
            out.push_str(&format!(
                "\n- line {line}: {}",
                md(&shorten(text.get(s.span.clone()).unwrap_or(""), 110))
            ));
        }
        if k > STATEMENTS_SHOWN {
            out.push_str(&format!("\n- … and {} more", k - STATEMENTS_SHOWN));
        }
    }
    let mut all_forms = forms;
    all_forms.push(person.name.clone());
    match entry_for(person, &all_forms, entries) {
        Some(e) => {
            out.push_str("\n\n---\n\n**People file:** ");
            if e.description.trim().is_empty() {
                out.push_str(&md(&e.name));
            } else {
                out.push_str(&md(e.description.trim()));
            }
            if let Some(u) = e.url.as_deref().filter(|u| !u.trim().is_empty()) {
                out.push_str(&format!(
                    " ([link]({}))",
                    u.trim().replace(' ', "%20").replace(')', "%29")
                ));
            }
        }
        None => out.push_str(
            "\n\n---\n\n*Not in the people file* (code action: “Add to the people file”).",
        ),
    }
    out
}

pub async fn hover(b: &Backend, p: HoverParams) -> Result<Option<Hover>> {
    let uri = p.text_document_position_params.text_document.uri;
    let pos = p.text_document_position_params.position;
    let snap = b.last(&uri).await?;
    if !snap.contains(pos) {
        return Ok(None);
    }
    let off = snap.offset(pos);
    let Some((pi, mi)) = snap.analysis.person_at(off) else {
        return Ok(None);
    };
    let entries = b
        .inner
        .config
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .people()
        .to_vec();
    let value = card(&snap, pi, &entries);
    let range = snap.range(&snap.analysis.people[pi].mentions[mi].span);
    Ok(Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: Some(range),
    }))
}
