//! Text synchronisation and configuration notifications.

use super::Backend;
use super::config::is_config_path;
use super::config_diag;
use super::state::{DocEntry, lock};
use crate::document::Document;
use tower_lsp_server::ls_types::*;

fn is_markdown(uri: &Uri, language_id: &str) -> bool {
    let lid = language_id.to_ascii_lowercase();
    if lid == "markdown" || lid == "mdx" || lid == "quarto" || lid == "rmd" {
        return true;
    }
    let p = uri.path().as_str().to_ascii_lowercase();
    p.ends_with(".md") || p.ends_with(".markdown") || p.ends_with(".mdown") || p.ends_with(".mkd")
}

/// The workspace's `byline.toml` being edited in the editor: take its buffer
/// as the configuration (a broken buffer gets a diagnostic).
async fn config_buffer(b: &Backend, uri: &Uri, text: &str) {
    let is_root_config = {
        let c = b.inner.config.read().unwrap_or_else(|e| e.into_inner());
        let path = uri.to_file_path().map(|p| p.into_owned());
        match (path, c.config_path()) {
            (Some(p), Some(cp)) => p == cp,
            // no workspace root: a byline.toml the user opens configures us
            (Some(_), None) => true,
            _ => false,
        }
    };
    if !is_root_config {
        return;
    }
    let (changed, err) = {
        let mut c = b.inner.config.write().unwrap_or_else(|e| e.into_inner());
        if c.root.is_none() {
            c.root = uri
                .to_file_path()
                .and_then(|p| p.parent().map(|d| d.to_path_buf()));
        }
        let changed = c.set_file_text(Some(text));
        (changed, c.file_error.clone())
    };
    config_diag::publish_for_text(&b.client, uri.clone(), text, err.as_ref()).await;
    if changed {
        b.reanalyse_all();
    }
}

pub async fn did_open(b: &Backend, p: DidOpenTextDocumentParams) {
    let td = p.text_document;
    if is_config_path(td.uri.path().as_str()) {
        let settings = b.settings();
        let mut e = DocEntry::new(
            Document::new(&td.text, td.version, &td.language_id),
            false,
            &settings,
        );
        e.is_config = true;
        lock(&b.inner.docs).insert(td.uri.clone(), e);
        config_buffer(b, &td.uri, &td.text).await;
        return;
    }
    // single-file mode: find a byline.toml next to (or above) the first file
    let discover = {
        let c = b.inner.config.read().unwrap_or_else(|e| e.into_inner());
        c.root.is_none()
    };
    if discover {
        if let Some(dir) = td
            .uri
            .to_file_path()
            .and_then(|p| p.parent().map(|d| d.to_path_buf()))
        {
            if let Some(cfg) = crate::cli::find_config(&dir) {
                let err = {
                    let mut c = b.inner.config.write().unwrap_or_else(|e| e.into_inner());
                    c.root = cfg.parent().map(|d| d.to_path_buf());
                    c.reload_from_disk();
                    c.file_error.clone()
                };
                if let Some(e) = err {
                    config_diag::publish_file_error(&b.client, &cfg, Some(&e)).await;
                }
            }
        }
    }
    let settings = b.settings();
    let markdown = is_markdown(&td.uri, &td.language_id);
    {
        let mut docs = lock(&b.inner.docs);
        docs.insert(
            td.uri.clone(),
            DocEntry::new(
                Document::new(&td.text, td.version, &td.language_id),
                markdown,
                &settings,
            ),
        );
    }
    b.schedule(td.uri, true);
}

pub async fn did_change(b: &Backend, p: DidChangeTextDocumentParams) {
    let uri = p.text_document.uri;
    let enc = b.encoding();
    // Apply every change before anything else: no `.await` until the rope is
    // up to date, so changes are applied in the order they arrived.
    let outcome = {
        let mut docs = lock(&b.inner.docs);
        match docs.get_mut(&uri) {
            None => Err(()),
            Some(e) => {
                for c in &p.content_changes {
                    let range = c.range.map(|r| {
                        (
                            (r.start.line, r.start.character),
                            (r.end.line, r.end.character),
                        )
                    });
                    e.doc.apply(range, &c.text, enc);
                }
                let old = e.doc.version;
                e.doc.version = p.text_document.version;
                let config_text = e.is_config.then(|| e.doc.text());
                Ok((old, config_text))
            }
        }
    };
    match outcome {
        Err(()) => {
            b.client
                .log_message(
                    MessageType::WARNING,
                    format!(
                        "byline: ignoring an edit to a document that is not open: {}",
                        uri.as_str()
                    ),
                )
                .await;
        }
        Ok((_, Some(config_text))) => config_buffer(b, &uri, &config_text).await,
        Ok((old, None)) => {
            if p.text_document.version < old {
                b.client
                    .log_message(
                        MessageType::WARNING,
                        format!(
                            "byline: version went backwards for {} ({old} → {}); the edit was applied",
                            uri.as_str(),
                            p.text_document.version
                        ),
                    )
                    .await;
            }
            b.schedule(uri, false);
        }
    }
}

pub async fn did_save(b: &Backend, p: DidSaveTextDocumentParams) {
    let uri = p.text_document.uri;
    let open_config = lock(&b.inner.docs)
        .get(&uri)
        .filter(|e| e.is_config)
        .map(|e| e.doc.text());
    if let Some(t) = open_config {
        config_buffer(b, &uri, &t).await;
    }
}

pub async fn did_close(b: &Backend, p: DidCloseTextDocumentParams) {
    let uri = p.text_document.uri;
    let removed = lock(&b.inner.docs).remove(&uri);
    if let Some(e) = removed {
        if e.is_config {
            // the file on disk is the configuration again
            let (changed, err, path) = {
                let mut c = b.inner.config.write().unwrap_or_else(|e| e.into_inner());
                let changed = c.reload_from_disk();
                (changed, c.file_error.clone(), c.config_path())
            };
            if let Some(path) = path {
                config_diag::publish_file_error(&b.client, &path, err.as_ref()).await;
            }
            if changed {
                b.reanalyse_all();
            }
            return;
        }
        // clear the problems of a closed article
        b.client.publish_diagnostics(uri, Vec::new(), None).await;
    }
}

pub async fn did_change_configuration(b: &Backend, p: DidChangeConfigurationParams) {
    // `settings.byline` (the usual shape), or the settings object itself
    let layer = match p.settings.get("byline") {
        Some(v) => v.clone(),
        None => p.settings.clone(),
    };
    let (changed, errors) = {
        let mut c = b.inner.config.write().unwrap_or_else(|e| e.into_inner());
        let before = c.settings.clone();
        c.editor_layer = layer;
        c.resolve();
        (before != c.settings, c.layer_errors.clone())
    };
    for e in errors {
        b.client
            .show_message(
                MessageType::WARNING,
                format!("byline: ignoring invalid settings: {e}"),
            )
            .await;
    }
    if changed {
        b.reanalyse_all();
    }
}

pub async fn did_change_watched_files(b: &Backend, p: DidChangeWatchedFilesParams) {
    let cfg = {
        let c = b.inner.config.read().unwrap_or_else(|e| e.into_inner());
        c.config_path()
    };
    let Some(cfg) = cfg else { return };
    let touched = p.changes.iter().any(|ch| {
        ch.uri
            .to_file_path()
            .is_some_and(|path| path.as_ref() == cfg.as_path())
    });
    if !touched {
        return;
    }
    let (changed, err) = {
        let mut c = b.inner.config.write().unwrap_or_else(|e| e.into_inner());
        let changed = c.reload_from_disk();
        (changed, c.file_error.clone())
    };
    config_diag::publish_file_error(&b.client, &cfg, err.as_ref()).await;
    if changed {
        b.reanalyse_all();
    }
}
