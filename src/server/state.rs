//! Server state: open documents, their last analysis, and the scheduling of
//! analyses off the message loop (debounce + generation counter).

use crate::analysis::text::LineIndex;
use crate::analysis::{Analysis, Analyzer, Input};
use crate::document::{Document, Encoding};
use crate::settings::{IgnoreEntry, Settings};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use tower_lsp_server::ls_types::{Position, Range, Uri};

/// An analysis result together with the exact text it was made from, so
/// that positions convert against the same text even when the document has
/// moved on.
#[derive(Debug)]
pub struct Snapshot {
    pub version: i32,
    /// The configuration epoch the analysis ran under.
    pub epoch: u64,
    pub text: String,
    pub lines: LineIndex,
    pub analysis: Analysis,
    pub encoding: Encoding,
    /// Length of the whole document (the text above may be capped).
    pub doc_len: usize,
}

impl Snapshot {
    pub fn range(&self, span: &std::ops::Range<usize>) -> Range {
        Range::new(self.pos(span.start), self.pos(span.end))
    }

    pub fn pos(&self, off: usize) -> Position {
        let (l, c) = self
            .lines
            .position(&self.text, off, self.encoding == Encoding::Utf16);
        Position::new(l, c)
    }

    pub fn offset(&self, p: Position) -> usize {
        self.lines.offset(
            &self.text,
            p.line,
            p.character,
            self.encoding == Encoding::Utf16,
        )
    }

    /// Is `p` a position inside the text (not clamped)?
    pub fn contains(&self, p: Position) -> bool {
        (p.line as usize) < self.lines.line_count()
    }
}

pub struct DocEntry {
    pub doc: Document,
    pub markdown: bool,
    /// Bumped by every change; an analysis that finishes for an older
    /// generation is stored but not published.
    pub generation: u64,
    pub analyzer: Arc<Mutex<Analyzer>>,
    pub last: Option<Arc<Snapshot>>,
    pub told_truncated: bool,
    /// The workspace's `byline.toml` open in the editor: tracked, not analysed.
    pub is_config: bool,
    /// Version being analysed by a scheduled job right now, if any.
    pub inflight: Option<i32>,
    /// Woken whenever a new snapshot is stored.
    pub ready: Arc<tokio::sync::Notify>,
}

impl DocEntry {
    pub fn new(doc: Document, markdown: bool, settings: &Settings) -> Self {
        DocEntry {
            doc,
            markdown,
            generation: 0,
            analyzer: Arc::new(Mutex::new(Analyzer::new(settings.clone()))),
            last: None,
            told_truncated: false,
            is_config: false,
            inflight: None,
            ready: Arc::new(tokio::sync::Notify::new()),
        }
    }
}

/// Lock a mutex, recovering from poisoning (a panicked analysis must not
/// take the server down with it).
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Everything an analysis job needs, taken from the store under its lock.
pub struct Job {
    pub version: i32,
    pub generation: u64,
    /// A clone of the rope (cheap: shared nodes); turned into a `String`
    /// on the blocking pool, never under the store's lock.
    pub rope: ropey::Rope,
    pub markdown: bool,
    pub path: String,
    pub analyzer: Arc<Mutex<Analyzer>>,
}

impl Job {
    pub fn from_entry(uri: &Uri, e: &DocEntry) -> Job {
        Job {
            version: e.doc.version,
            generation: e.generation,
            rope: e.doc.rope().clone(),
            markdown: e.markdown,
            path: uri
                .to_file_path()
                .map(|p| p.display().to_string())
                .unwrap_or_else(|| uri.path().as_str().to_string()),
            analyzer: e.analyzer.clone(),
        }
    }

    /// Run the analysis (blocking: call from `spawn_blocking`).
    pub fn run(
        self,
        settings: Settings,
        ignore: Vec<IgnoreEntry>,
        epoch: u64,
        encoding: Encoding,
    ) -> Snapshot {
        // Only the part that will be analysed is copied out of the rope
        // (plus a margin so the analyser can cut at a line break).
        let cap = settings.max_document_bytes.saturating_add(1);
        let total = self.rope.len_bytes();
        let text = if total > cap {
            let end = self.rope.byte_to_char(cap);
            self.rope.slice(..end).to_string()
        } else {
            self.rope.to_string()
        };
        let analysis = {
            let mut an = lock(&self.analyzer);
            an.set_settings(settings);
            an.analyze(
                &text,
                &Input {
                    markdown: self.markdown,
                    path: &self.path,
                    ignore: &ignore,
                },
            )
        };
        let lines = LineIndex::new(&text);
        Snapshot {
            version: self.version,
            epoch,
            text,
            lines,
            analysis,
            encoding,
            doc_len: total,
        }
    }
}

pub type Docs = Mutex<HashMap<Uri, DocEntry>>;
