//! Findings → `textDocument/publishDiagnostics`.

use super::state::Snapshot;
use super::{Inner, SOURCE};
use crate::analysis::Finding;
use crate::settings::Level;
use serde_json::json;
use std::sync::Arc;
use tower_lsp_server::Client;
use tower_lsp_server::ls_types::*;

pub fn severity(l: Level) -> DiagnosticSeverity {
    match l {
        Level::Error => DiagnosticSeverity::ERROR,
        Level::Warning => DiagnosticSeverity::WARNING,
        Level::Information | Level::Off => DiagnosticSeverity::INFORMATION,
        Level::Hint => DiagnosticSeverity::HINT,
    }
}

pub fn to_diagnostic(uri: &Uri, snap: &Snapshot, f: &Finding, related: bool) -> Diagnostic {
    let related_information = (related && !f.related.is_empty()).then(|| {
        f.related
            .iter()
            .map(|r| DiagnosticRelatedInformation {
                location: Location::new(uri.clone(), snap.range(&r.span)),
                message: r.message.clone(),
            })
            .collect()
    });
    let mut data = json!({
        "code": f.code.as_str(),
        "text": snap.text.get(f.span.clone()).unwrap_or(""),
        "version": snap.version,
    });
    if let Some((at, insert)) = &f.fix {
        data["fix"] = json!({"position": snap.pos(*at), "insert": insert});
    }
    Diagnostic {
        range: snap.range(&f.span),
        severity: Some(severity(f.level)),
        code: Some(NumberOrString::String(f.code.as_str().into())),
        code_description: None,
        source: Some(SOURCE.into()),
        message: f.message.clone(),
        related_information,
        tags: None,
        data: Some(data),
    }
}

pub fn diagnostics(uri: &Uri, snap: &Snapshot, related: bool) -> Vec<Diagnostic> {
    snap.analysis
        .findings
        .iter()
        .map(|f| to_diagnostic(uri, snap, f, related))
        .collect()
}

pub async fn publish(client: &Client, inner: &Arc<Inner>, uri: Uri, snap: &Snapshot) {
    let related = super::state::lock(&inner.caps).related_information;
    let diags = diagnostics(&uri, snap, related);
    client
        .publish_diagnostics(uri, diags, Some(snap.version))
        .await;
}
