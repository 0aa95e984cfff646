//! One settings schema for the whole project.
//!
//! Sources, weakest first: built-in defaults → editor settings
//! (`initializationOptions`, then `workspace/didChangeConfiguration`'s
//! `settings.byline`) → `[settings]` of `byline.toml` at the workspace root.
//! Every layer is a partial JSON object; layers are deep-merged in that order
//! and the result is read into [`Settings`]. Parsing is pure (text in,
//! values or errors out); reading files is the caller's job.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Severity of a finding, or `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Off,
    Hint,
    Information,
    Warning,
    Error,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Off => "off",
            Level::Hint => "hint",
            Level::Information => "information",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

/// Every setting, with its default. Keys are camelCase in JSON and TOML.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    /// Milliseconds to wait after the last edit before analysing (0 = at once).
    pub debounce_ms: u64,
    /// Documents larger than this (bytes) are analysed only up to this size;
    /// the user is told once.
    pub max_document_bytes: usize,
    /// Per-code severity (or "off"); codes not listed keep their default.
    pub codes: BTreeMap<String, Level>,
    /// Extra phrases that mark an unnamed holder of opinion ("pundits say").
    pub extra_weasel_phrases: Vec<String>,
    /// Extra phrases that mark a vague source ("insiders said").
    pub extra_vague_phrases: Vec<String>,
    /// Return sections for Markdown documents (editors with their own
    /// Markdown outline, such as VS Code, may turn this off).
    pub markdown_outline: bool,
    /// List people as children of their section in the document outline.
    pub people_in_outline: bool,
    /// Recognise plain-text heading lines (short stand-alone lines).
    pub plain_text_headings: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            debounce_ms: 150,
            max_document_bytes: 8 * 1024 * 1024,
            codes: BTreeMap::new(),
            extra_weasel_phrases: Vec::new(),
            extra_vague_phrases: Vec::new(),
            markdown_outline: true,
            people_in_outline: true,
            plain_text_headings: true,
        }
    }
}

/// The codes byline reports, with their default severities.
pub const CODES: &[(&str, Level)] = &[
    ("quote-without-speaker", Level::Warning),
    ("weasel-source", Level::Warning),
    ("vague-source", Level::Information),
    ("unsourced-statistic", Level::Information),
    ("unsupported-assertion", Level::Hint),
];

impl Settings {
    /// The effective severity of `code`.
    pub fn level(&self, code: &str) -> Level {
        if let Some(l) = self.codes.get(code) {
            return *l;
        }
        CODES
            .iter()
            .find(|(c, _)| *c == code)
            .map_or(Level::Warning, |(_, l)| *l)
    }
}

/// One entry of the newsroom's people file (`[[people]]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct PersonEntry {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A suppression anchored on a code and the text it fired on (`[[ignore]]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct IgnoreEntry {
    /// Diagnostic code, e.g. "vague-source".
    pub code: String,
    /// The exact text the diagnostic's range covers.
    #[serde(default)]
    pub text: String,
    /// Only in files whose path ends with this (all files when empty).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
}

/// The parsed `byline.toml`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ConfigFile {
    /// The `[settings]` table as a partial settings layer.
    pub settings: Value,
    pub people: Vec<PersonEntry>,
    pub ignore: Vec<IgnoreEntry>,
}

/// A problem in `byline.toml`, with the byte range it concerns when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub message: String,
    pub span: Option<std::ops::Range<usize>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    settings: Option<toml::Table>,
    #[serde(default)]
    people: Vec<PersonEntry>,
    #[serde(default)]
    ignore: Vec<IgnoreEntry>,
}

/// Parse `byline.toml`. Every problem is reported; nothing is half-applied.
pub fn parse_config(text: &str) -> Result<ConfigFile, ConfigError> {
    let raw: RawConfig = toml::from_str(text).map_err(|e| ConfigError {
        message: format!("byline.toml: {}", e.message()),
        span: e.span(),
    })?;
    let settings = match raw.settings {
        Some(t) => serde_json::to_value(t).map_err(|e| ConfigError {
            message: format!("byline.toml [settings]: {e}"),
            span: None,
        })?,
        None => Value::Object(Map::new()),
    };
    // validate the [settings] table strictly: unknown keys are typos
    validate_layer(&settings).map_err(|m| ConfigError {
        message: format!("byline.toml [settings]: {m}"),
        span: find_key_span(text, &m),
    })?;
    for (i, p) in raw.people.iter().enumerate() {
        if p.name.trim().is_empty() {
            return Err(ConfigError {
                message: format!("byline.toml [[people]] entry {}: `name` is empty", i + 1),
                span: None,
            });
        }
    }
    for (i, ig) in raw.ignore.iter().enumerate() {
        if !CODES.iter().any(|(c, _)| *c == ig.code) {
            return Err(ConfigError {
                message: format!(
                    "byline.toml [[ignore]] entry {}: unknown code `{}` (known: {})",
                    i + 1,
                    ig.code,
                    CODES.iter().map(|c| c.0).collect::<Vec<_>>().join(", ")
                ),
                span: None,
            });
        }
    }
    Ok(ConfigFile {
        settings,
        people: raw.people,
        ignore: raw.ignore,
    })
}

fn find_key_span(text: &str, message: &str) -> Option<std::ops::Range<usize>> {
    let key = message.split('`').nth(1)?;
    let p = text.find(key)?;
    Some(p..p + key.len())
}

const KNOWN_KEYS: &[&str] = &[
    "debounceMs",
    "maxDocumentBytes",
    "codes",
    "extraWeaselPhrases",
    "extraVaguePhrases",
    "markdownOutline",
    "peopleInOutline",
    "plainTextHeadings",
];

/// Check a settings layer strictly: known keys, right types, known codes.
pub fn validate_layer(layer: &Value) -> Result<(), String> {
    let Some(obj) = layer.as_object() else {
        return Err("settings must be a table/object".into());
    };
    for k in obj.keys() {
        if !KNOWN_KEYS.contains(&k.as_str()) {
            return Err(format!(
                "unknown setting `{k}` (known: {})",
                KNOWN_KEYS.join(", ")
            ));
        }
    }
    if let Some(codes) = obj.get("codes").and_then(Value::as_object) {
        for k in codes.keys() {
            if !CODES.iter().any(|(c, _)| c == k) {
                return Err(format!(
                    "unknown code `{k}` in codes (known: {})",
                    CODES.iter().map(|c| c.0).collect::<Vec<_>>().join(", ")
                ));
            }
        }
    }
    let mut merged = serde_json::to_value(Settings::default()).expect("settings serialize");
    merge(&mut merged, layer);
    serde_json::from_value::<Settings>(merged).map_err(|e| e.to_string())?;
    Ok(())
}

/// Deep-merge `layer` into `base` (objects merge key by key; other values replace).
pub fn merge(base: &mut Value, layer: &Value) {
    match (base, layer) {
        (Value::Object(b), Value::Object(l)) => {
            for (k, v) in l {
                match b.get_mut(k) {
                    Some(bv) if bv.is_object() && v.is_object() => merge(bv, v),
                    _ => {
                        b.insert(k.clone(), v.clone());
                    }
                }
            }
        }
        (b, l) => *b = l.clone(),
    }
}

/// Resolve layers (weakest first) into settings. A layer that does not fit
/// the schema is skipped and its error returned alongside, so one bad layer
/// never discards the others.
pub fn resolve(layers: &[&Value]) -> (Settings, Vec<String>) {
    let mut merged = serde_json::to_value(Settings::default()).expect("settings serialize");
    let mut errors = Vec::new();
    for layer in layers {
        if layer.is_null() {
            continue;
        }
        let mut candidate = merged.clone();
        merge(&mut candidate, &lenient(layer));
        match serde_json::from_value::<Settings>(candidate.clone()) {
            Ok(_) => merged = candidate,
            Err(e) => errors.push(e.to_string()),
        }
    }
    let settings = serde_json::from_value(merged).unwrap_or_default();
    (settings, errors)
}

/// Editor layers may carry keys meant for the editor extension (enable,
/// include/exclude globs, server path, trace): keep only ours.
fn lenient(layer: &Value) -> Value {
    match layer.as_object() {
        Some(o) => Value::Object(
            o.iter()
                .filter(|(k, _)| KNOWN_KEYS.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        ),
        None => Value::Object(Map::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn layers_merge_weakest_first() {
        let init = json!({"debounceMs": 0, "codes": {"vague-source": "off"}});
        let change = json!({"codes": {"weasel-source": "error"}, "serverPath": "x"});
        let file = json!({"debounceMs": 25});
        let (s, errs) = resolve(&[&init, &change, &file]);
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(s.debounce_ms, 25);
        assert_eq!(s.level("vague-source"), Level::Off);
        assert_eq!(s.level("weasel-source"), Level::Error);
        assert_eq!(s.level("unsupported-assertion"), Level::Hint);
    }

    #[test]
    fn bad_layer_is_skipped() {
        let bad = json!({"debounceMs": "soon"});
        let (s, errs) = resolve(&[&bad]);
        assert_eq!(s.debounce_ms, Settings::default().debounce_ms);
        assert_eq!(errs.len(), 1);
    }

    #[test]
    fn config_file_parses_and_rejects_typos() {
        let c = parse_config(
            "[settings]\ndebounceMs = 10\n[settings.codes]\n\"vague-source\" = \"hint\"\n\n[[people]]\nname = \"Yuri Ushakov\"\naliases = [\"Ushakov\"]\ndescription = \"Kremlin aide\"\n\n[[ignore]]\ncode = \"vague-source\"\ntext = \"officials said\"\n",
        )
        .unwrap();
        assert_eq!(c.people[0].aliases, vec!["Ushakov"]);
        assert_eq!(c.ignore[0].text, "officials said");
        let (s, _) = resolve(&[&c.settings]);
        assert_eq!(s.debounce_ms, 10);
        assert_eq!(s.level("vague-source"), Level::Hint);

        let e = parse_config("[settings]\ndebounceMS = 10\n").unwrap_err();
        assert!(
            e.message.contains("unknown setting `debounceMS`"),
            "{}",
            e.message
        );
        assert!(e.span.is_some());
        let e = parse_config("[settings\n").unwrap_err();
        assert!(e.message.starts_with("byline.toml"), "{}", e.message);
        let e = parse_config("[[ignore]]\ncode = \"nope\"\n").unwrap_err();
        assert!(e.message.contains("unknown code"), "{}", e.message);
    }
}
