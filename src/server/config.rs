//! Settings layers for the server: `initializationOptions`,
//! `workspace/didChangeConfiguration` (`settings.byline`) and the workspace's
//! `byline.toml`. The file is read at start-up and whenever it changes
//! (watched-files notification, or edits to it in the editor); a broken file
//! gets a diagnostic and the last good configuration stays in force.

use crate::settings::{self, ConfigError, ConfigFile, IgnoreEntry, PersonEntry, Settings};
use serde_json::Value;
use std::path::PathBuf;

#[derive(Debug, Default)]
pub struct ConfigState {
    /// Workspace root (where `byline.toml` lives).
    pub root: Option<PathBuf>,
    pub init_layer: Value,
    pub editor_layer: Value,
    /// Last good `byline.toml`.
    pub file: ConfigFile,
    /// Current problem with `byline.toml`, if any.
    pub file_error: Option<ConfigError>,
    /// Problems with the editor's settings layers (reported once each).
    pub layer_errors: Vec<String>,
    pub settings: Settings,
    /// Bumped whenever the effective configuration may have changed, so a
    /// snapshot made under older settings is known to be stale.
    pub epoch: u64,
}

impl ConfigState {
    pub fn config_path(&self) -> Option<PathBuf> {
        self.root.as_ref().map(|r| r.join("byline.toml"))
    }

    /// Recompute the effective settings from the layers.
    pub fn resolve(&mut self) {
        self.epoch += 1;
        let (s, errors) =
            settings::resolve(&[&self.init_layer, &self.editor_layer, &self.file.settings]);
        self.settings = s;
        self.layer_errors = errors;
    }

    /// Take new `byline.toml` text (None: the file does not exist). Returns
    /// true when the effective configuration changed.
    pub fn set_file_text(&mut self, text: Option<&str>) -> bool {
        let before = (self.settings.clone(), self.file.clone());
        match text {
            None => {
                self.file = ConfigFile::default();
                self.file_error = None;
            }
            Some(t) => match settings::parse_config(t) {
                Ok(c) => {
                    self.file = c;
                    self.file_error = None;
                }
                Err(e) => self.file_error = Some(e),
            },
        }
        self.resolve();
        before != (self.settings.clone(), self.file.clone())
    }

    /// Read `byline.toml` from disk.
    pub fn reload_from_disk(&mut self) -> bool {
        let Some(p) = self.config_path() else {
            return false;
        };
        match std::fs::read(&p) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(t) => self.set_file_text(Some(&t)),
                Err(_) => {
                    self.file_error = Some(ConfigError {
                        message: "byline.toml is not valid UTF-8; save it as UTF-8".into(),
                        span: None,
                    });
                    false
                }
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => self.set_file_text(None),
            Err(e) => {
                self.file_error = Some(ConfigError {
                    message: format!("byline.toml cannot be read: {e}"),
                    span: None,
                });
                false
            }
        }
    }

    pub fn people(&self) -> &[PersonEntry] {
        &self.file.people
    }

    pub fn ignore(&self) -> Vec<IgnoreEntry> {
        self.file.ignore.clone()
    }
}

/// Is this URI path a `byline.toml`?
pub fn is_config_path(path: &str) -> bool {
    path.rsplit('/').next() == Some("byline.toml")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn broken_file_keeps_last_good() {
        let mut c = ConfigState {
            init_layer: json!({"debounceMs": 5}),
            ..Default::default()
        };
        c.resolve();
        assert_eq!(c.settings.debounce_ms, 5);
        assert!(c.set_file_text(Some("[settings]\ndebounceMs = 7\n")));
        assert_eq!(c.settings.debounce_ms, 7);
        assert!(!c.set_file_text(Some("[settings\n")));
        assert!(c.file_error.is_some());
        assert_eq!(c.settings.debounce_ms, 7);
        assert!(c.set_file_text(None));
        assert_eq!(c.settings.debounce_ms, 5);
        assert!(c.file_error.is_none());
    }
}
