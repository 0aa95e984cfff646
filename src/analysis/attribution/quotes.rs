//! Quotation marks in one paragraph: which marks open, close or are
//! apostrophes, and the top-level quotations they delimit. Straight marks are
//! told apart by the characters around them; nested quotes (also nested
//! straight double quotes) are handled with a stack. A quotation may be
//! open at the paragraph's end (the news convention for quotes running over
//! several paragraphs) or closed without an opening mark at its start.

use super::tokens::{K, QRole, Tok};

/// A top-level quotation of a paragraph (token indices of its marks).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalQuote {
    /// `None`: the quotation runs in from an earlier paragraph.
    pub open: Option<usize>,
    /// `None`: the quotation is still open at the paragraph's end.
    pub close: Option<usize>,
    pub single: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    Open,
    Close,
    Ambiguous,
}

fn spacey_left(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(
                    c,
                    '(' | '[' | '{' | '—' | '–' | '-' | '/' | '"' | '“' | '‘' | '\'' | '«' | '„'
                )
        }
    }
}

fn spacey_right(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(
                    c,
                    '.' | ','
                        | ';'
                        | ':'
                        | '!'
                        | '?'
                        | ')'
                        | ']'
                        | '}'
                        | '—'
                        | '–'
                        | '…'
                        | '"'
                        | '”'
                        | '’'
                        | '\''
                        | '»'
                )
        }
    }
}

fn shape(text: &str, t: &Tok) -> Shape {
    let prev = text[..t.s].chars().next_back();
    let next = text[t.e..].chars().next();
    let l = spacey_left(prev);
    let r = spacey_right(next);
    match (l, r) {
        (true, false) => Shape::Open,
        (false, true) => Shape::Close,
        _ => Shape::Ambiguous,
    }
}

/// A reporting verb follows a closing mark (`," he said`): the mark ends a
/// quotation even without an opening mark in this paragraph.
fn tag_follows(toks: &[Tok], i: usize) -> bool {
    toks.iter()
        .skip(i + 1)
        .take(4)
        .any(|t| t.k == K::Word && t.cue != 0 && !t.cap)
}

/// Classify the marks of `toks`, set `qrole` and `quoted`, and return the
/// top-level quotations.
pub fn pair(text: &str, toks: &mut [Tok]) -> Vec<LocalQuote> {
    let mut out: Vec<LocalQuote> = Vec::new();
    // (token index, single)
    let mut stack: Vec<(usize, bool)> = Vec::new();
    let mut seen_any = false;
    for i in 0..toks.len() {
        if toks[i].k != K::Quote {
            continue;
        }
        let ch = toks[i].ch;
        let sh = shape(text, &toks[i]);
        let single = matches!(ch, '‘' | '’' | '\'' | '‚' | '‹' | '›');
        let role = match ch {
            '“' | '„' | '«' => QRole::Open,
            '”' | '»' => QRole::Close,
            '"' => match sh {
                Shape::Open => QRole::Open,
                Shape::Close => QRole::Close,
                Shape::Ambiguous => {
                    if stack.last().is_some_and(|&(_, s)| !s) {
                        QRole::Close
                    } else {
                        QRole::Open
                    }
                }
            },
            '‘' | '‚' | '‹' => match sh {
                Shape::Close if stack.iter().any(|&(_, s)| s) => QRole::Close,
                _ => QRole::Open,
            },
            _ => {
                // ’ › ' : closing single quote, opening straight single, or apostrophe
                let single_open = stack.last().is_some_and(|&(_, s)| s);
                match sh {
                    Shape::Close if single_open => QRole::Close,
                    Shape::Open if ch == '\'' || ch == '’' => QRole::Open,
                    Shape::Ambiguous if single_open && ch != '›' => {
                        // "in'." — a closing mark before punctuation
                        let next = text[toks[i].e..].chars().next();
                        if next.is_some_and(|c| !c.is_alphanumeric()) {
                            QRole::Close
                        } else {
                            QRole::Apostrophe
                        }
                    }
                    _ => QRole::Apostrophe,
                }
            }
        };
        toks[i].qrole = role;
        match role {
            QRole::Open => {
                stack.push((i, single));
                seen_any = true;
            }
            QRole::Close => {
                if let Some(pos) = stack.iter().rposition(|&(_, s)| s == single) {
                    let (o, _) = stack[pos];
                    stack.truncate(pos);
                    if pos == 0 {
                        out.push(LocalQuote {
                            open: Some(o),
                            close: Some(i),
                            single,
                        });
                    }
                } else if !seen_any && stack.is_empty() && !single && tag_follows(toks, i) {
                    // closes a quotation opened in an earlier paragraph:
                    // `… the end of it," he said.`
                    out.push(LocalQuote {
                        open: None,
                        close: Some(i),
                        single,
                    });
                } else if single {
                    toks[i].qrole = QRole::Apostrophe;
                } else {
                    toks[i].qrole = QRole::None;
                }
                seen_any = true;
            }
            _ => {}
        }
    }
    // unclosed: keep the outermost when it is a double quote, or a single
    // quote opening the paragraph (quotes running over paragraphs)
    if let Some(&(o, single)) = stack.first() {
        let first_tok = toks.iter().position(|t| t.k != K::Punct || t.ch != '>');
        if !single || first_tok == Some(o) {
            out.push(LocalQuote {
                open: Some(o),
                close: None,
                single,
            });
        }
    }
    for &(o, _) in stack.iter() {
        if !out.iter().any(|q| q.open == Some(o)) {
            toks[o].qrole = if toks[o].ch == '\'' || toks[o].ch == '’' {
                QRole::Apostrophe
            } else {
                QRole::None
            };
        }
    }
    out.sort_by_key(|q| q.open.or(q.close));
    for q in &out {
        let a = q.open.map_or(0, |o| o + 1);
        let b = q.close.unwrap_or(toks.len());
        for t in toks.iter_mut().take(b).skip(a) {
            t.quoted = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn quotes(t: &str) -> Vec<(Option<String>, Option<String>)> {
        let mut toks = tokenize(t);
        pair(t, &mut toks)
            .iter()
            .map(|q| {
                (
                    q.open.map(|o| t[toks[o].e..].chars().take(6).collect()),
                    q.close.map(|c| {
                        t[..toks[c].s]
                            .chars()
                            .rev()
                            .take(6)
                            .collect::<String>()
                            .chars()
                            .rev()
                            .collect()
                    }),
                )
            })
            .collect()
    }

    #[test]
    fn straight_nested_and_curly() {
        let q = quotes("He said \"The \"United States\" is not here.\" Then 'yes' and “no”.");
        assert_eq!(q.len(), 3, "{q:?}");
        assert_eq!(q[0].0.as_deref(), Some("The \"U"));
        assert_eq!(q[0].1.as_deref(), Some(" here."));
        let q = quotes("Fishmongers' Hall and don't and the ’90s");
        assert!(q.is_empty(), "{q:?}");
    }

    #[test]
    fn open_at_end_and_close_at_start() {
        let q = quotes("She said, “We will win.");
        assert_eq!(q.len(), 1);
        assert!(q[0].1.is_none());
        let q = quotes("and that is all,” he said. Then more.");
        assert_eq!(q.len(), 1);
        assert!(q[0].0.is_none());
        // a stray closing mark with no reporting verb is not a quotation
        let q = quotes("and that is all.” Then more.");
        assert!(q.is_empty());
        let q = quotes("‘Distorted information can confuse.");
        assert_eq!(q.len(), 1);
    }

    #[test]
    fn single_inside_double() {
        let q = quotes("rugby: \"'one in, all in'. I did it.\"");
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(q[0].1.is_some());
    }
}
