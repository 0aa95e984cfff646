//! Shared strategies and the `String` model for the property tests, the
//! hostile-input tests and the soak test.
#![allow(dead_code)]

use proptest::prelude::*;

mod model;
pub use model::*;

/// Number of cases: `BYLINE_PROPTEST_CASES` or `default`.
pub fn cases(default: u32) -> u32 {
    std::env::var("BYLINE_PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Pieces of text that exercise line breaks, multi-unit characters and the
/// analysis (quotes, headings, Markdown markup).
pub const FRAGMENTS: &[&str] = &[
    "a",
    "word ",
    " ",
    "\t",
    "é",
    "e\u{301}",
    "n\u{303}\u{323}",
    "😀",
    "👩\u{200d}👩\u{200d}👧",
    "🇫🇷",
    "中文字",
    "日本語の文。",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    "\r\n\r\n",
    "\u{2028}",
    "\u{85}",
    "\u{feff}",
    "\u{0}",
    "\"",
    "“Quote,” she said. ",
    "‘",
    "’",
    "Mr. Smith said",
    " according to officials. ",
    "Dr. Ana María López-Ortiz, the mayor, ",
    "# Heading\n",
    "Heading Line\n\n",
    "---\n",
    "```\n",
    "<!-- ",
    " -->",
    "* ",
    "> ",
    "[link](http://x.y/z) ",
    "`code` ",
    ". ",
    "...",
    "U.S.",
];

/// One inserted text: a few fragments, arbitrary characters, or a random
/// printable string.
pub fn insert_text() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => proptest::collection::vec(proptest::sample::select(FRAGMENTS), 0..4)
            .prop_map(|v| v.concat()),
        2 => any::<char>().prop_map(String::from),
        1 => "\\PC{0,12}",
        1 => Just(String::new()),
    ]
}

/// A whole text of `n` fragments/characters.
pub fn text(n: std::ops::Range<usize>) -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            4 => proptest::sample::select(FRAGMENTS).prop_map(str::to_string),
            1 => any::<char>().prop_map(String::from),
        ],
        n,
    )
    .prop_map(|v| v.concat())
}

/// A position as generated: mapped onto the current text when applied (so
/// most positions are in range), or used as is when `wild`.
#[derive(Debug, Clone, Copy)]
pub struct RawPos {
    pub line: u32,
    pub col: u32,
    pub wild: bool,
}

pub fn raw_pos() -> impl Strategy<Value = RawPos> {
    (any::<u32>(), any::<u32>(), proptest::bool::weighted(0.1)).prop_map(|(line, col, wild)| {
        RawPos {
            line: if wild && line % 3 == 0 {
                u32::MAX
            } else {
                line
            },
            col,
            wild,
        }
    })
}

#[derive(Debug, Clone)]
pub enum Edit {
    Range(RawPos, RawPos, String),
    Full(String),
}

/// An edit: mostly ranged (start and end independent, so half are
/// reversed), a few whole-text replacements.
pub fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        30 => (raw_pos(), raw_pos(), insert_text()).prop_map(|(a, b, t)| Edit::Range(a, b, t)),
        // a short selection (typing over a few characters)
        10 => (raw_pos(), 0u32..4, insert_text()).prop_map(|(a, n, t)| {
            let b = RawPos { col: a.col.wrapping_add(n), ..a };
            Edit::Range(a, b, t)
        }),
        1 => text(0..10).prop_map(Edit::Full),
    ]
}

/// An edit with positions fixed against a text.
#[derive(Debug, Clone, PartialEq)]
pub enum Concrete {
    Range((u32, u32), (u32, u32), String),
    Full(String),
}

impl Edit {
    pub fn concretize(&self, model: &str, utf16: bool) -> Concrete {
        match self {
            Edit::Full(t) => Concrete::Full(t.clone()),
            Edit::Range(a, b, t) => Concrete::Range(
                map_pos(model, *a, utf16),
                map_pos(model, *b, utf16),
                t.clone(),
            ),
        }
    }
}

fn map_pos(model: &str, p: RawPos, utf16: bool) -> (u32, u32) {
    map_raw(model, p.line, p.col, p.wild, utf16)
}

/// Apply a concrete edit to the model (a reversed range is normalised).
pub fn model_apply(model: &mut String, e: &Concrete, utf16: bool) {
    match e {
        Concrete::Full(t) => *model = t.clone(),
        Concrete::Range(a, b, t) => {
            let mut s = model_offset(model, *a, utf16);
            let mut en = model_offset(model, *b, utf16);
            if s > en {
                std::mem::swap(&mut s, &mut en);
            }
            model.replace_range(s..en, t);
        }
    }
}

/// The LSP JSON of a concrete edit (a `TextDocumentContentChangeEvent`).
pub fn change_json(e: &Concrete) -> serde_json::Value {
    match e {
        Concrete::Full(t) => serde_json::json!({"text": t}),
        Concrete::Range(a, b, t) => serde_json::json!({
            "range": {
                "start": {"line": a.0, "character": a.1},
                "end": {"line": b.0, "character": b.1},
            },
            "text": t,
        }),
    }
}

/// A tiny deterministic generator (xorshift), so the burst needs no proptest.
pub struct Rng(pub u64);
impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// A random edit against the model (UTF-16 positions, in range).
pub fn random_edit(rng: &mut Rng, model: &str) -> Concrete {
    let lines = model_lines(model);
    let p = |rng: &mut Rng| {
        let l = rng.below(lines.len());
        let (a, b) = lines[l];
        let units = model[a..b].encode_utf16().count();
        (l as u32, rng.below(units + 1) as u32)
    };
    let start = p(rng);
    let end = if rng.below(3) == 0 {
        p(rng)
    } else {
        (start.0, start.1 + rng.below(3) as u32)
    };
    let text = if rng.below(2) == 0 {
        String::new()
    } else {
        FRAGMENTS[rng.below(FRAGMENTS.len())].to_string()
    };
    Concrete::Range(start, end, text)
}
