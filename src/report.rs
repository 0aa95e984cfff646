//! Renderings of an [`Analysis`] for `byline check`: one JSON object per file
//! (the documented, stable shape) and compiler-style human lines.
//!
//! Every `start`/`end` is a UTF-8 byte offset into the file; `line` and
//! `character` are 0-based, `character` in UTF-16 code units as in LSP.

use crate::analysis::text::LineIndex;
use crate::analysis::{Analysis, SourceKind};
use serde_json::{Value, json};

fn kind_str(k: SourceKind) -> &'static str {
    match k {
        SourceKind::Person => "person",
        SourceKind::Organisation => "organisation",
        SourceKind::Document => "document",
        SourceKind::Role => "role",
        SourceKind::Vague => "vague",
        SourceKind::Weasel => "weasel",
    }
}

/// Person ids are stable within one analysis: `p0`, `p1`, … in order of
/// first mention.
pub fn person_id(i: usize) -> String {
    format!("p{i}")
}

pub fn to_json(file: &str, text: &str, a: &Analysis) -> Value {
    let li = LineIndex::new(text);
    let pos = |off: usize| li.position(text, off, true);
    let title = a.title.as_ref().map(|t| {
        json!({"title": t.title, "line": t.line, "start": t.heading.start, "end": t.heading.end})
    });
    let sections: Vec<Value> = a
        .sections
        .iter()
        .map(|s| {
            json!({
                "title": s.title, "level": s.level, "line": s.line,
                "start": s.range.start, "end": s.range.end,
                "heading_start": s.heading.start, "heading_end": s.heading.end,
            })
        })
        .collect();
    let sentences: Vec<Value> = a
        .sentences
        .iter()
        .map(|s| {
            let attribution = s.attribution.as_ref().map(|at| {
                let mut o = json!({
                    "cue": at.cue, "source": at.source, "source_kind": kind_str(at.source_kind),
                    "cue_start": at.cue_span.start, "cue_end": at.cue_span.end,
                });
                if let Some(p) = at.person {
                    o["person"] = json!(person_id(p));
                }
                o
            });
            json!({"start": s.span.start, "end": s.span.end, "attribution": attribution})
        })
        .collect();
    let people: Vec<Value> = a
        .people
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mentions: Vec<Value> = p
                .mentions
                .iter()
                .map(|m| {
                    let (l, c) = pos(m.span.start);
                    json!({"start": m.span.start, "end": m.span.end, "line": l, "character": c,
                           "text": &text[m.span.clone()]})
                })
                .collect();
            let descriptors: Vec<&str> = p.descriptors.iter().map(|d| d.text.as_str()).collect();
            json!({"id": person_id(i), "name": p.name, "descriptors": descriptors, "mentions": mentions})
        })
        .collect();
    let quotes: Vec<Value> = a
        .quotes
        .iter()
        .map(|q| {
            let mut o = json!({"start": q.span.start, "end": q.span.end});
            if let Some(p) = q.speaker {
                o["speaker"] = json!(person_id(p));
            }
            if let Some(s) = &q.source {
                o["source"] = json!(s);
            }
            o
        })
        .collect();
    let diagnostics: Vec<Value> = a
        .findings
        .iter()
        .map(|f| {
            let (l, c) = pos(f.span.start);
            json!({"code": f.code.as_str(), "severity": f.level.as_str(), "message": f.message,
                   "start": f.span.start, "end": f.span.end, "line": l, "character": c,
                   "text": &text[f.span.clone()]})
        })
        .collect();
    json!({
        "file": file,
        "truncated": a.truncated,
        "title": title,
        "sections": sections,
        "sentences": sentences,
        "people": people,
        "quotes": quotes,
        "diagnostics": diagnostics,
    })
}

/// Compiler-style lines (`path:line:col: severity[code]: message`, 1-based)
/// followed by a short outline.
pub fn to_human(file: &str, text: &str, a: &Analysis) -> String {
    let li = LineIndex::new(text);
    let mut out = String::new();
    for f in &a.findings {
        let (l, c) = li.position(text, f.span.start, true);
        out.push_str(&format!(
            "{file}:{}:{}: {}[{}]: {}\n",
            l + 1,
            c + 1,
            f.level.as_str(),
            f.code.as_str(),
            f.message
        ));
    }
    if a.truncated {
        out.push_str(&format!(
            "{file}: note: only the first {} bytes were analysed (maxDocumentBytes)\n",
            a.analysed_len
        ));
    }
    out.push_str(&format!(
        "{file}: {} section(s), {} people, {} sentence(s), {} finding(s)\n",
        a.sections.len(),
        a.people.len(),
        a.sentences.len(),
        a.findings.len()
    ));
    if let Some(t) = &a.title {
        out.push_str(&format!("  title: {} (line {})\n", t.title, t.line + 1));
    }
    for s in &a.sections {
        out.push_str(&format!(
            "  {}§ {} (line {})\n",
            "  ".repeat(s.level.saturating_sub(2) as usize),
            s.title,
            s.line + 1
        ));
    }
    for p in &a.people {
        out.push_str(&format!(
            "  person: {} ({} mention(s))\n",
            p.name,
            p.mentions.len()
        ));
    }
    out
}
