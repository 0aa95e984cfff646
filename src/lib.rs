//! byline: a language server for people who write and edit news.
//!
//! * [`analysis`] — the pure core: text in, annotations out.
//! * [`settings`] — the settings schema and `byline.toml`.
//! * [`document`] — the rope-backed document store and position encodings.
//! * [`report`] — the JSON and human renderings used by `byline check`.
//! * [`server`] — the thin LSP layer.
//! * [`cli`] — the command line.

pub mod analysis;
pub mod cli;
pub mod document;
pub mod report;
pub mod server;
pub mod settings;
#[doc(hidden)]
pub mod synth;
