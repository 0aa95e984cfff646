//! Synthetic article text for benchmarks, soak and property tests, made
//! from the example articles in `examples/` (see examples/README.md for
//! their licences). Each copy of a paragraph gets a distinct closing
//! sentence, so the paragraph cache cannot make a large document look
//! cheaper than it is.

const SOURCES: &[&str] = &[
    include_str!("../examples/trump-syria-withdrawal.txt"),
    include_str!("../examples/london-bridge.txt"),
    include_str!("../examples/consultancy-turkey.md"),
];

/// Paragraphs of the example articles (title lines and Markdown markup
/// included, as a writer would paste them).
fn paragraphs() -> Vec<&'static str> {
    SOURCES
        .iter()
        .flat_map(|s| s.split("\n\n"))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// An article of at least `bytes` bytes (cut at a paragraph boundary just
/// past the size), plain text.
pub fn article(bytes: usize) -> String {
    let paras = paragraphs();
    let mut out = String::with_capacity(bytes + 4096);
    let mut k = 0usize;
    while out.len() < bytes {
        let p = paras[k % paras.len()];
        out.push_str(p);
        if !p.starts_with('#') && p.len() > 80 {
            out.push_str(&format!(
                " This was update {} of the story.",
                k / paras.len() + 1
            ));
        }
        out.push_str("\n\n");
        k += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn sizes() {
        let a = super::article(100_000);
        assert!(a.len() >= 100_000 && a.len() < 110_000);
    }
}
