//! The thin LSP layer: one module per feature, all reading from the
//! analysis core through [`state::Snapshot`]s.
//!
//! Keystroke path: `didChange` applies the edits to the rope synchronously
//! (no `.await` before they are applied, so edits keep their order), bumps
//! the document's generation and spawns a job; the job waits out the
//! debounce, drops itself if a newer edit arrived, analyses a snapshot of the
//! text on the blocking pool, stores the result and publishes diagnostics
//! with the analysed version.

pub mod code_actions;
pub mod config;
pub mod diagnostics;
pub mod folding;
pub mod hover;
pub mod people_file;
pub mod people_nav;
pub mod state;
pub mod symbols;
pub mod sync;
pub mod transport;

use crate::document::Encoding;
use config::ConfigState;
use serde_json::Value;
use state::{Docs, Job, Snapshot, lock};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer, LspService, Server};

/// Capabilities of the client that change what we answer.
#[derive(Debug, Default, Clone)]
pub struct ClientCaps {
    pub hierarchical_symbols: bool,
    pub watched_files_dynamic: bool,
    pub related_information: bool,
    pub line_folding_only: bool,
    pub document_changes: bool,
}

pub struct Inner {
    pub docs: Docs,
    pub config: RwLock<ConfigState>,
    pub encoding: Mutex<Encoding>,
    pub caps: Mutex<ClientCaps>,
}

pub struct Backend {
    pub client: Client,
    pub inner: Arc<Inner>,
}

/// The server name shown in diagnostics' `source`.
pub const SOURCE: &str = "byline";

pub fn not_open(uri: &Uri) -> Error {
    Error::invalid_params(format!(
        "byline: document is not open: {} (send textDocument/didOpen first)",
        uri.as_str()
    ))
}

impl Backend {
    pub fn new(client: Client) -> Self {
        Backend {
            client,
            inner: Arc::new(Inner {
                docs: Mutex::new(HashMap::new()),
                config: RwLock::new(ConfigState::default()),
                encoding: Mutex::new(Encoding::Utf16),
                caps: Mutex::new(ClientCaps::default()),
            }),
        }
    }

    pub fn encoding(&self) -> Encoding {
        *lock(&self.inner.encoding)
    }

    pub fn settings(&self) -> crate::settings::Settings {
        self.inner
            .config
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .settings
            .clone()
    }

    /// Queue an analysis of `uri` (after the debounce unless `now`).
    pub fn schedule(&self, uri: Uri, now: bool) {
        let inner = self.inner.clone();
        let client = self.client.clone();
        let generation = {
            let mut docs = lock(&inner.docs);
            match docs.get_mut(&uri) {
                Some(e) if !e.is_config => {
                    e.generation += 1;
                    e.generation
                }
                _ => return,
            }
        };
        let debounce = if now { 0 } else { self.settings().debounce_ms };
        tokio::spawn(async move {
            if debounce > 0 {
                tokio::time::sleep(std::time::Duration::from_millis(debounce)).await;
            }
            let job = {
                let mut docs = lock(&inner.docs);
                match docs.get_mut(&uri) {
                    Some(e) if e.generation == generation => {
                        e.inflight = Some(e.doc.version);
                        Job::from_entry(&uri, e)
                    }
                    _ => return,
                }
            };
            let version = job.version;
            let snap = run_job(&inner, job).await;
            if let Some(e) = lock(&inner.docs).get_mut(&uri) {
                if e.inflight == Some(version) {
                    e.inflight = None;
                }
                if let Some(snap) = &snap {
                    if e.last
                        .as_ref()
                        .is_none_or(|l| (l.version, l.epoch) <= (snap.version, snap.epoch))
                    {
                        e.last = Some(snap.clone());
                    }
                }
                e.ready.notify_waiters();
            }
            let Some(snap) = snap else {
                return;
            };
            let (publish, tell_truncated) = {
                let mut docs = lock(&inner.docs);
                match docs.get_mut(&uri) {
                    Some(e) => {
                        let tell = snap.analysis.truncated && !e.told_truncated;
                        if tell {
                            e.told_truncated = true;
                        }
                        (e.generation == generation, tell)
                    }
                    None => (false, false),
                }
            };
            if tell_truncated {
                client
                    .show_message(
                        MessageType::WARNING,
                        format!(
                            "byline: this document is {} MB; only the first {} MB are analysed (setting maxDocumentBytes).",
                            snap.doc_len / 1_000_000,
                            snap.analysis.analysed_len / 1_000_000
                        ),
                    )
                    .await;
            }
            if publish {
                diagnostics::publish(&client, &inner, uri, &snap).await;
                drop(snap);
                trim_when_idle();
            }
        });
    }

    /// The last analysis of `uri`, computing one if there is none yet.
    pub async fn last(&self, uri: &Uri) -> Result<Arc<Snapshot>> {
        {
            let docs = lock(&self.inner.docs);
            match docs.get(uri) {
                None => return Err(not_open(uri)),
                Some(e) => {
                    if let Some(l) = &e.last {
                        return Ok(l.clone());
                    }
                }
            }
        }
        self.fresh(uri).await
    }

    /// An analysis of the current version of `uri` (computed off the message
    /// loop if the last one is older).
    pub async fn fresh(&self, uri: &Uri) -> Result<Arc<Snapshot>> {
        let epoch = self
            .inner
            .config
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .epoch;
        let job = loop {
            let ready = {
                let docs = lock(&self.inner.docs);
                let e = docs.get(uri).ok_or_else(|| not_open(uri))?;
                if let Some(l) = &e.last {
                    if l.version == e.doc.version && l.epoch == epoch {
                        return Ok(l.clone());
                    }
                }
                if e.inflight != Some(e.doc.version) {
                    break Job::from_entry(uri, e);
                }
                e.ready.clone()
            };
            // a scheduled job is analysing this very version: wait for it
            // rather than analysing the same text twice (re-checking now and
            // then, so a wake-up that raced with us is never lost)
            let _ =
                tokio::time::timeout(std::time::Duration::from_millis(50), ready.notified()).await;
        };
        let snap = run_job(&self.inner, job)
            .await
            .ok_or_else(Error::internal_error)?;
        let mut docs = lock(&self.inner.docs);
        if let Some(e) = docs.get_mut(uri) {
            if e.last
                .as_ref()
                .is_none_or(|l| (l.version, l.epoch) <= (snap.version, snap.epoch))
            {
                e.last = Some(snap.clone());
            }
        }
        Ok(snap)
    }

    /// Re-analyse every open document (after a settings change).
    pub fn reanalyse_all(&self) {
        let uris: Vec<Uri> = lock(&self.inner.docs)
            .iter()
            .filter(|(_, e)| !e.is_config)
            .map(|(u, _)| u.clone())
            .collect();
        for u in uris {
            self.schedule(u, true);
        }
    }
}

/// Give the memory freed by past analyses back to the system once the
/// server has been idle for half a second (no publish since). glibc keeps
/// freed pages in its per-thread arenas, so without this the resident
/// memory of a long editing session creeps up (tests/soak.rs: +30% over
/// 100,000 edits while the live heap stays flat).
fn trim_when_idle() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        use std::sync::atomic::{AtomicU64, Ordering};
        static PUBLISHES: AtomicU64 = AtomicU64::new(0);
        let n = PUBLISHES.fetch_add(1, Ordering::Relaxed) + 1;
        tokio::spawn(async move {
            tokio::time::sleep(std::time::Duration::from_millis(500)).await;
            if PUBLISHES.load(Ordering::Relaxed) == n {
                unsafe extern "C" {
                    fn malloc_trim(pad: usize) -> i32;
                }
                // SAFETY: malloc_trim only releases free memory held by malloc.
                unsafe {
                    malloc_trim(0);
                }
            }
        });
    }
}

/// glibc gives every thread that allocates its own arena and keeps freed
/// pages in each; with the runtime's worker and blocking threads that
/// doubled the resident memory of a session on a large document (60 MB
/// instead of 45 MB with a 1 MB article open). Two arenas are plenty for a
/// server that analyses one document at a time.
///
/// glibc also raises its mmap threshold to the size of any large block
/// freed (a document copy, a token buffer), after which such blocks live
/// in the arenas and their pages stay resident between analyses. A fixed
/// 128 KiB threshold keeps them in their own mappings, returned to the
/// system when freed (peak RSS with a 1 MB article: 41.5 → 38 MiB in
/// lsp_probe).
fn tune_malloc() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        const M_TRIM_THRESHOLD: i32 = -1;
        const M_MMAP_THRESHOLD: i32 = -3;
        const M_ARENA_MAX: i32 = -8;
        unsafe extern "C" {
            fn mallopt(param: i32, value: i32) -> i32;
        }
        // SAFETY: mallopt only changes allocator tuning; called before any
        // thread of ours exists.
        unsafe {
            mallopt(M_ARENA_MAX, 2);
            mallopt(M_MMAP_THRESHOLD, 128 * 1024);
            mallopt(M_TRIM_THRESHOLD, 128 * 1024);
        }
    }
}

/// Run an analysis job on the blocking pool.
pub async fn run_job(inner: &Arc<Inner>, job: Job) -> Option<Arc<Snapshot>> {
    let (settings, ignore, epoch) = {
        let c = inner.config.read().unwrap_or_else(|e| e.into_inner());
        (c.settings.clone(), c.ignore(), c.epoch)
    };
    let enc = *lock(&inner.encoding);
    tokio::task::spawn_blocking(move || Arc::new(job.run(settings, ignore, epoch, enc)))
        .await
        .ok()
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let caps = &params.capabilities;
        // position encoding: UTF-8 when the client offers it, else UTF-16
        let offers_utf8 = caps
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_ref())
            .is_some_and(|v| v.contains(&PositionEncodingKind::UTF8));
        let enc = if offers_utf8 {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        };
        *lock(&self.inner.encoding) = enc;
        {
            let td = caps.text_document.as_ref();
            let mut c = lock(&self.inner.caps);
            c.hierarchical_symbols = td
                .and_then(|t| t.document_symbol.as_ref())
                .and_then(|d| d.hierarchical_document_symbol_support)
                .unwrap_or(false);
            c.related_information = td
                .and_then(|t| t.publish_diagnostics.as_ref())
                .and_then(|d| d.related_information)
                .unwrap_or(false);
            c.line_folding_only = td
                .and_then(|t| t.folding_range.as_ref())
                .and_then(|f| f.line_folding_only)
                .unwrap_or(false);
            c.document_changes = caps
                .workspace
                .as_ref()
                .and_then(|w| w.workspace_edit.as_ref())
                .and_then(|w| w.document_changes)
                .unwrap_or(false);
            c.watched_files_dynamic = caps
                .workspace
                .as_ref()
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false);
        }
        #[allow(deprecated)]
        let root = params
            .workspace_folders
            .as_ref()
            .and_then(|f| f.first())
            .map(|f| f.uri.clone())
            .or(params.root_uri.clone())
            .and_then(|u| u.to_file_path().map(|p| p.into_owned()));
        {
            let mut c = self.inner.config.write().unwrap_or_else(|e| e.into_inner());
            c.root = root;
            c.init_layer = params.initialization_options.clone().unwrap_or(Value::Null);
            c.resolve();
            c.reload_from_disk();
        }
        Ok(InitializeResult {
            server_info: Some(ServerInfo {
                name: "byline".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            capabilities: ServerCapabilities {
                position_encoding: Some(match enc {
                    Encoding::Utf8 => PositionEncodingKind::UTF8,
                    Encoding::Utf16 => PositionEncodingKind::UTF16,
                }),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                            include_text: Some(false),
                        })),
                        ..Default::default()
                    },
                )),
                document_symbol_provider: Some(OneOf::Right(DocumentSymbolOptions {
                    label: Some("byline".into()),
                    work_done_progress_options: Default::default(),
                })),
                workspace_symbol_provider: Some(OneOf::Left(true)),
                folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                definition_provider: Some(OneOf::Left(true)),
                references_provider: Some(OneOf::Left(true)),
                document_highlight_provider: Some(OneOf::Left(true)),
                rename_provider: Some(OneOf::Right(RenameOptions {
                    prepare_provider: Some(true),
                    work_done_progress_options: Default::default(),
                })),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![
                            CodeActionKind::QUICKFIX,
                            CodeActionKind::new("refactor.byline.people"),
                        ]),
                        resolve_provider: Some(false),
                        work_done_progress_options: Default::default(),
                    },
                )),
                execute_command_provider: Some(ExecuteCommandOptions {
                    commands: code_actions::COMMANDS
                        .iter()
                        .map(|c| c.to_string())
                        .collect(),
                    work_done_progress_options: Default::default(),
                }),
                ..ServerCapabilities::default()
            },
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let (err, layer_errors, path) = {
            let c = self.inner.config.read().unwrap_or_else(|e| e.into_inner());
            (
                c.file_error.clone(),
                c.layer_errors.clone(),
                c.config_path(),
            )
        };
        if let (Some(e), Some(p)) = (err, path) {
            config_diag::publish_file_error(&self.client, &p, Some(&e)).await;
        }
        for e in layer_errors {
            self.client
                .show_message(
                    MessageType::WARNING,
                    format!("byline: ignoring invalid settings: {e}"),
                )
                .await;
        }
        let dynamic = lock(&self.inner.caps).watched_files_dynamic;
        if dynamic {
            let opts = DidChangeWatchedFilesRegistrationOptions {
                watchers: vec![FileSystemWatcher {
                    glob_pattern: GlobPattern::String("**/byline.toml".into()),
                    kind: None,
                }],
            };
            let reg = Registration {
                id: "byline-toml".into(),
                method: "workspace/didChangeWatchedFiles".into(),
                register_options: serde_json::to_value(opts).ok(),
            };
            if let Err(e) = self.client.register_capability(vec![reg]).await {
                self.client
                    .log_message(
                        MessageType::INFO,
                        format!("byline: cannot watch byline.toml: {e}"),
                    )
                    .await;
            }
        }
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        sync::did_open(self, params).await
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        sync::did_change(self, params).await
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        sync::did_save(self, params).await
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        sync::did_close(self, params).await
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        sync::did_change_configuration(self, params).await
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        sync::did_change_watched_files(self, params).await
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        symbols::document_symbol(self, params).await
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        symbols::workspace_symbol(self, params).await
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        folding::folding_range(self, params).await
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        hover::hover(self, params).await
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        people_nav::definition(self, params).await
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        people_nav::references(self, params).await
    }

    async fn document_highlight(
        &self,
        params: DocumentHighlightParams,
    ) -> Result<Option<Vec<DocumentHighlight>>> {
        people_nav::highlight(self, params).await
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        people_nav::prepare_rename(self, params).await
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        people_nav::rename(self, params).await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        code_actions::code_action(self, params).await
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<Value>> {
        code_actions::execute_command(self, params).await
    }
}

pub mod config_diag {
    //! Diagnostics on `byline.toml` itself.
    use super::*;
    use crate::analysis::text::LineIndex;
    use crate::settings::ConfigError;
    use std::path::Path;

    pub async fn publish_file_error(client: &Client, path: &Path, err: Option<&ConfigError>) {
        let Some(uri) = Uri::from_file_path(path) else {
            return;
        };
        let text = std::fs::read_to_string(path).unwrap_or_default();
        publish_for_text(client, uri, &text, err).await
    }

    pub async fn publish_for_text(
        client: &Client,
        uri: Uri,
        text: &str,
        err: Option<&ConfigError>,
    ) {
        let diags = match err {
            None => Vec::new(),
            Some(e) => {
                let li = LineIndex::new(text);
                let range = match &e.span {
                    Some(s) => {
                        let (l1, c1) = li.position(text, s.start, true);
                        let (l2, c2) = li.position(text, s.end, true);
                        Range::new(Position::new(l1, c1), Position::new(l2, c2))
                    }
                    None => Range::new(Position::new(0, 0), Position::new(0, 0)),
                };
                vec![Diagnostic {
                    range,
                    severity: Some(DiagnosticSeverity::ERROR),
                    code: Some(NumberOrString::String("config".into())),
                    source: Some(SOURCE.into()),
                    message: format!(
                        "{} — byline keeps using the last valid configuration.",
                        e.message
                    ),
                    ..Default::default()
                }]
            }
        };
        client.publish_diagnostics(uri, diags, None).await;
    }
}

/// Build the LSP service (used by the binary and by in-process tests).
///
/// Besides the standard methods it answers two byline requests, for tests
/// and tooling: `byline/documentText` (`{textDocument}` → `{version, text}`,
/// the server's copy of the document) and `byline/analysis`
/// (`{textDocument}` → the `byline check --format json` object for the
/// current version).
pub fn service() -> (LspService<Backend>, tower_lsp_server::ClientSocket) {
    LspService::build(Backend::new)
        .custom_method("byline/documentText", Backend::document_text)
        .custom_method("byline/analysis", Backend::analysis_json)
        .custom_method(transport::PROTOCOL_ERROR, Backend::protocol_error)
        .finish()
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DocParams {
    pub text_document: TextDocumentIdentifier,
}

impl Backend {
    async fn document_text(&self, p: DocParams) -> Result<Value> {
        let docs = lock(&self.inner.docs);
        let e = docs
            .get(&p.text_document.uri)
            .ok_or_else(|| not_open(&p.text_document.uri))?;
        Ok(serde_json::json!({"version": e.doc.version, "text": e.doc.text()}))
    }

    /// The answer to a message the transport rejected (see [`transport`]).
    async fn protocol_error(&self, p: transport::ProtocolErrorParams) -> Result<Value> {
        Err(Error {
            code: p.code.into(),
            message: p.message.into(),
            data: None,
        })
    }

    async fn analysis_json(&self, p: DocParams) -> Result<Value> {
        let uri = p.text_document.uri;
        let snap = self.fresh(&uri).await?;
        let mut v = crate::report::to_json(uri.as_str(), &snap.text, &snap.analysis);
        v["version"] = serde_json::json!(snap.version);
        Ok(v)
    }
}

/// Serve LSP over stdin/stdout until `exit`.
pub fn run_stdio() {
    tune_malloc();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(4)
        .enable_all()
        .build()
        .expect("tokio runtime");
    rt.block_on(async {
        let (service, socket) = service();
        // frames are checked before tower-lsp-server reads them, so one bad
        // message gets an error answer instead of ending the session
        Server::new(transport::stdin(), tokio::io::stdout(), socket)
            .serve(service)
            .await;
    });
}
