//! The newsroom's people file (`[[people]]` in `byline.toml`): matching
//! entries to people of an article, and writing new entries / ignore rules
//! to the file — atomically on disk, or through a `WorkspaceEdit` when the
//! file is open in the editor.

use super::Backend;
use super::state::lock;
use crate::analysis::Person;
use crate::settings::{IgnoreEntry, PersonEntry};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use tower_lsp_server::ls_types::*;

fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The people-file entry for `person`: its name or an alias equals the
/// person's canonical name, or equals a multi-word name form the article
/// uses.
pub fn entry_for<'a>(
    person: &Person,
    forms: &[String],
    entries: &'a [PersonEntry],
) -> Option<&'a PersonEntry> {
    let canon = norm(&person.name);
    let forms: Vec<String> = forms.iter().map(|f| norm(f)).collect();
    // exact canonical match first
    entries
        .iter()
        .find(|e| norm(&e.name) == canon || e.aliases.iter().any(|a| norm(a) == canon))
        .or_else(|| {
            entries.iter().find(|e| {
                std::iter::once(&e.name)
                    .chain(&e.aliases)
                    .map(|n| norm(n))
                    .any(|n| n.contains(' ') && forms.contains(&n))
            })
        })
}

/// TOML text for a new `[[people]]` entry (with a blank line before it).
pub fn person_toml(e: &PersonEntry) -> String {
    #[derive(serde::Serialize)]
    struct W<'a> {
        people: Vec<&'a PersonEntry>,
    }
    let body = toml::to_string(&W { people: vec![e] }).unwrap_or_default();
    format!("\n{body}")
}

/// TOML text for a new `[[ignore]]` entry.
pub fn ignore_toml(e: &IgnoreEntry) -> String {
    #[derive(serde::Serialize)]
    struct W<'a> {
        ignore: Vec<&'a IgnoreEntry>,
    }
    let body = toml::to_string(&W { ignore: vec![e] }).unwrap_or_default();
    format!("\n{body}")
}

/// Write `path` atomically: a temporary file in the same folder, flushed to
/// disk, then renamed over the target. The target is never half-written.
/// A symlink is written through (the link stays, its target is replaced)
/// and the file keeps its permissions.
pub fn write_atomic(path: &Path, contents: &str) -> std::io::Result<()> {
    static SEQ: AtomicU64 = AtomicU64::new(0);
    let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let dir = target.parent().unwrap_or(Path::new("."));
    // unique per write: two commands running at once never share it
    let tmp = dir.join(format!(
        ".{}.byline-tmp-{}-{}",
        target
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("file"),
        std::process::id(),
        SEQ.fetch_add(1, Ordering::Relaxed)
    ));
    let permissions = std::fs::metadata(&target).ok().map(|m| m.permissions());
    let result = (|| {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        f.write_all(contents.as_bytes())?;
        if let Some(p) = permissions {
            f.set_permissions(p)?;
        }
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, &target)?;
        // make the rename itself durable (best effort)
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Serialises the read-modify-write of `byline.toml` on disk: commands run
/// concurrently, and two appends must not lose one another.
static CONFIG_WRITE: Mutex<()> = Mutex::new(());

/// Where `byline.toml` is (or will be) for a document.
pub fn config_path_for(b: &Backend, doc: Option<&Uri>) -> Option<PathBuf> {
    let c = b.inner.config.read().unwrap_or_else(|e| e.into_inner());
    c.config_path().or_else(|| {
        doc.and_then(|u| u.to_file_path())
            .and_then(|p| p.parent().map(|d| d.join("byline.toml")))
    })
}

/// Append `text` to `byline.toml`: through the editor when the file is open
/// there (so its buffer and undo history stay the user's), else atomically
/// on disk. Returns a message for the user.
pub async fn append_to_config(
    b: &Backend,
    doc: Option<&Uri>,
    text: &str,
) -> Result<String, String> {
    let path = config_path_for(b, doc)
        .ok_or("no workspace folder: open a folder or save the file first")?;
    let uri = Uri::from_file_path(&path).ok_or("cannot make a URI for byline.toml")?;
    let open = {
        let docs = lock(&b.inner.docs);
        docs.get(&uri).map(|e| {
            let len = e.doc.len_bytes();
            (e.doc.position(len, *lock(&b.inner.encoding)), e.doc.version)
        })
    };
    if let Some(((line, ch), version)) = open {
        let edit = TextEdit::new(
            Range::new(Position::new(line, ch), Position::new(line, ch)),
            text.to_string(),
        );
        let ws = WorkspaceEdit {
            document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri,
                    version: Some(version),
                },
                edits: vec![OneOf::Left(edit)],
            }])),
            ..Default::default()
        };
        return match b.client.apply_edit(ws).await {
            Ok(r) if r.applied => {
                Ok("byline.toml updated in the editor (save it to keep the change)".into())
            }
            Ok(r) => Err(format!(
                "the editor did not apply the change to byline.toml{}",
                r.failure_reason
                    .map(|f| format!(": {f}"))
                    .unwrap_or_default()
            )),
            Err(e) => Err(format!(
                "the editor did not apply the change to byline.toml: {e}"
            )),
        };
    }
    // no `.await` from here on while the lock is held
    let _guard = lock(&CONFIG_WRITE);
    let existing = match std::fs::read(&path) {
        Ok(bytes) => String::from_utf8(bytes)
            .map_err(|_| format!("{} is not valid UTF-8; not touching it", path.display()))?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
    };
    let mut contents = existing;
    if !contents.is_empty() && !contents.ends_with('\n') {
        contents.push('\n');
    }
    contents.push_str(text);
    // never write a file that would not parse
    crate::settings::parse_config(&contents)
        .map_err(|e| format!("refusing to write byline.toml: {}", e.message))?;
    write_atomic(&path, &contents).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    // take the new file into account now, without waiting for a watcher
    let changed = {
        let mut c = b.inner.config.write().unwrap_or_else(|e| e.into_inner());
        if c.root.is_none() {
            c.root = path.parent().map(Path::to_path_buf);
        }
        c.reload_from_disk()
    };
    if changed {
        b.reanalyse_all();
    }
    Ok(format!("{} updated", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_toml_round_trips() {
        let e = PersonEntry {
            name: "Zoë \"Z\" O'Brien".into(),
            aliases: vec!["O'Brien".into()],
            description: "Line one\nline two".into(),
            url: None,
        };
        let t = person_toml(&e);
        let parsed = crate::settings::parse_config(&t).unwrap();
        assert_eq!(parsed.people, vec![e]);
    }

    #[test]
    fn atomic_write_replaces_whole_file() {
        let dir = std::env::temp_dir().join(format!("byline-atomic-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("byline.toml");
        std::fs::write(&p, "old").unwrap();
        write_atomic(&p, "new contents\n").unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new contents\n");
        let leftovers: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary file left behind");
        std::fs::remove_dir_all(&dir).ok();
    }
}
