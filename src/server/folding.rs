//! `textDocument/foldingRange`: one range per section.

use super::Backend;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

pub async fn folding_range(
    b: &Backend,
    p: FoldingRangeParams,
) -> Result<Option<Vec<FoldingRange>>> {
    let snap = b.fresh(&p.text_document.uri).await?;
    let a = &snap.analysis;
    let mut out = Vec::new();
    for s in &a.sections {
        let start = snap.lines.line_of(s.heading.start) as u32;
        let end = snap
            .lines
            .line_of(s.range.end.saturating_sub(1).max(s.range.start)) as u32;
        if end > start {
            out.push(FoldingRange {
                start_line: start,
                start_character: None,
                end_line: end,
                end_character: None,
                kind: Some(FoldingRangeKind::Region),
                collapsed_text: Some(s.title.clone()),
            });
        }
    }
    Ok(Some(out))
}
