//! The input side of the stdio transport: a reader thread that frames the
//! client's messages before tower-lsp-server sees them.
//!
//! Why: tower-lsp-server's codec turns one undecodable message (invalid JSON,
//! invalid UTF-8, JSON that is not a JSON-RPC message, a header block
//! without `Content-Length`) into the end of its input stream, and the
//! server then stops. It also drops requests whose method starts with `$/`
//! without an answer, where LSP asks for `MethodNotFound`. Here every frame
//! is checked first: good messages pass through unchanged and in order; a
//! bad one is replaced by a request to [`PROTOCOL_ERROR`], whose handler
//! answers with the JSON-RPC error (`-32700` parse error, `-32600` invalid
//! request, `-32601` for `$/` requests), with the offending request's id
//! when it has one and `null` otherwise.

use serde::Deserialize;
use serde_json::{Value, json};
use std::io::{BufRead, Read};
use tower_lsp_server::jsonrpc::{Request, Response};

/// The internal method a rejected message is turned into.
pub const PROTOCOL_ERROR: &str = "byline/protocolError";

/// Longest header line kept (longer lines are garbage).
const MAX_HEADER_LINE: u64 = 64 * 1024;
/// Largest message body accepted (bigger ones are skipped and answered with
/// an error).
pub const MAX_MESSAGE: usize = 512 * 1024 * 1024;

/// A message to answer with an error instead of passing it on.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejection {
    pub id: Value,
    pub code: i64,
    pub message: String,
}

/// Check one message body: `None` if it can pass, else the error to answer.
pub fn judge(body: &[u8]) -> Option<Rejection> {
    let reject = |id: Value, code: i64, message: String| Some(Rejection { id, code, message });
    let Ok(text) = std::str::from_utf8(body) else {
        return reject(
            Value::Null,
            -32700,
            "Parse error: the message is not valid UTF-8".into(),
        );
    };
    // tower-lsp-server reads a message as `Response` or `Request`
    // (untagged); whatever parses as `Request` it accepts too. Trying
    // `Request` alone first avoids buffering a big didOpen twice.
    match serde_json::from_str::<Request>(text) {
        Ok(r) => {
            if let Some(id) = r.id() {
                if r.method().starts_with("$/") {
                    return reject(
                        serde_json::to_value(id).unwrap_or(Value::Null),
                        -32601,
                        format!("Method not found: {}", r.method()),
                    );
                }
            }
            None
        }
        Err(_) if serde_json::from_str::<Response>(text).is_ok() => None,
        Err(e) if e.is_data() => {
            // valid JSON, not a JSON-RPC message: answer the request id if
            // there is a usable one
            let id = serde_json::from_str::<Value>(text)
                .ok()
                .and_then(|v| v.get("id").cloned())
                .filter(|id| id.is_string() || id.is_i64() || id.is_u64())
                .unwrap_or(Value::Null);
            reject(
                id,
                -32600,
                format!("Invalid request: not a JSON-RPC 2.0 message ({e})"),
            )
        }
        Err(e) => reject(Value::Null, -32700, format!("Parse error: {e}")),
    }
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

fn rejection_frame(r: &Rejection) -> Vec<u8> {
    let body = json!({
        "jsonrpc": "2.0",
        "id": r.id,
        "method": PROTOCOL_ERROR,
        "params": {"code": r.code, "message": r.message},
    });
    frame(&serde_json::to_vec(&body).unwrap_or_default())
}

/// `Content-Length` in a header line (case-insensitive; also found after
/// garbage on the same line, so a stream resynchronises on the next frame).
fn content_length(line: &[u8]) -> Option<Result<usize, ()>> {
    const KEY: &[u8] = b"content-length:";
    let pos = line
        .windows(KEY.len())
        .position(|w| w.eq_ignore_ascii_case(KEY))?;
    let v = std::str::from_utf8(&line[pos + KEY.len()..]).map_err(|_| ());
    Some(v.and_then(|v| v.trim().parse::<usize>().map_err(|_| ())))
}

/// Read framed messages from `input` until it ends, handing a clean frame
/// per message to `out` (which returns false to stop). Blocking.
pub fn pump(mut input: impl BufRead, mut out: impl FnMut(Vec<u8>) -> bool) {
    loop {
        // ---- header block
        let mut len: Option<Result<usize, ()>> = None;
        let mut any_header = false;
        loop {
            let mut line = Vec::new();
            match (&mut input)
                .take(MAX_HEADER_LINE)
                .read_until(b'\n', &mut line)
            {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            let trimmed = line.trim_ascii();
            if trimmed.is_empty() {
                if any_header {
                    break;
                }
                continue; // stray blank lines between messages
            }
            any_header = true;
            if let Some(l) = content_length(trimmed) {
                len = Some(l);
            }
        }
        let n = match len {
            Some(Ok(n)) => n,
            other => {
                let what = if other.is_some() {
                    "an invalid Content-Length header"
                } else {
                    "no Content-Length header"
                };
                eprintln!("byline: dropped a message with {what}");
                let r = Rejection {
                    id: Value::Null,
                    code: -32700,
                    message: format!("Parse error: a message with {what}"),
                };
                if !out(rejection_frame(&r)) {
                    return;
                }
                continue;
            }
        };
        // ---- body
        if n > MAX_MESSAGE {
            let skipped = std::io::copy(&mut (&mut input).take(n as u64), &mut std::io::sink());
            if skipped.map_or(true, |k| k < n as u64) {
                return;
            }
            eprintln!("byline: dropped a message of {n} bytes");
            let r = Rejection {
                id: Value::Null,
                code: -32600,
                message: format!("Invalid request: message of {n} bytes is too large"),
            };
            if !out(rejection_frame(&r)) {
                return;
            }
            continue;
        }
        let mut body = Vec::with_capacity(n.min(1 << 20));
        match (&mut input).take(n as u64).read_to_end(&mut body) {
            Ok(k) if k == n => {}
            _ => return, // the input ended inside a message
        }
        if body.is_empty() {
            continue; // `Content-Length: 0`: nothing to answer
        }
        let f = match judge(&body) {
            None => frame(&body),
            Some(r) => {
                eprintln!("byline: rejected a message: {}", r.message);
                rejection_frame(&r)
            }
        };
        if !out(f) {
            return;
        }
    }
}

/// Standard input as an `AsyncRead` of clean frames: a thread runs [`pump`]
/// on stdin (a plain thread, so an unfinished read never holds up the exit)
/// and hands the frames over a channel.
pub fn stdin() -> FrameReader {
    let (tx, rx) = tokio::sync::mpsc::channel::<Vec<u8>>(64);
    std::thread::Builder::new()
        .name("byline-stdin".into())
        .spawn(move || {
            let stdin = std::io::stdin();
            pump(stdin.lock(), |f| tx.blocking_send(f).is_ok());
        })
        .expect("spawn the stdin thread");
    FrameReader {
        rx,
        buf: Vec::new(),
        pos: 0,
    }
}

/// The reading end of [`stdin`]: frames from the channel, as bytes.
pub struct FrameReader {
    rx: tokio::sync::mpsc::Receiver<Vec<u8>>,
    buf: Vec<u8>,
    pos: usize,
}

impl tokio::io::AsyncRead for FrameReader {
    fn poll_read(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        out: &mut tokio::io::ReadBuf<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        use std::task::Poll;
        let this = &mut *self;
        if this.pos >= this.buf.len() {
            match this.rx.poll_recv(cx) {
                Poll::Ready(Some(f)) => {
                    this.buf = f;
                    this.pos = 0;
                }
                // stdin ended: end of input for the server
                Poll::Ready(None) => return Poll::Ready(Ok(())),
                Poll::Pending => return Poll::Pending,
            }
        }
        let n = (this.buf.len() - this.pos).min(out.remaining());
        out.put_slice(&this.buf[this.pos..this.pos + n]);
        this.pos += n;
        Poll::Ready(Ok(()))
    }
}

#[derive(Deserialize)]
pub struct ProtocolErrorParams {
    pub code: i64,
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(input: &[u8]) -> Vec<Value> {
        let mut frames = Vec::new();
        pump(input, |f| {
            frames.push(f);
            true
        });
        frames
            .iter()
            .map(|f| {
                let p = f.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
                serde_json::from_slice(&f[p + 4..]).unwrap()
            })
            .collect()
    }

    #[test]
    fn good_messages_pass_bad_ones_become_errors() {
        let good = br#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#;
        let mut input = frame(good);
        input.extend(frame(b"{oops"));
        input.extend(frame(br#"{"jsonrpc":"2.0","id":9,"method":7}"#));
        input.extend(frame(br#"{"jsonrpc":"2.0","id":"c","method":"$/foo"}"#));
        input.extend(frame(
            br#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":1}}"#,
        ));
        input.extend(b"X-Junk: 1\r\n\r\n");
        input.extend(b"\r\n");
        input.extend(b"garbage Content-Length: 2\r\n\r\n{}");
        input.extend(b"content-length: 0\r\n\r\n");
        input.extend(frame(br#"{"jsonrpc":"2.0","id":2,"result":null}"#));
        let out = run(&input);
        assert_eq!(out[0]["method"], "initialize");
        assert_eq!(out[1]["params"]["code"], -32700);
        assert_eq!(out[1]["id"], Value::Null);
        assert_eq!(out[2]["params"]["code"], -32600);
        assert_eq!(out[2]["id"], 9);
        assert_eq!(out[3]["params"]["code"], -32601);
        assert_eq!(out[3]["id"], "c");
        assert_eq!(out[4]["method"], "$/cancelRequest");
        assert_eq!(out[5]["params"]["code"], -32700, "no Content-Length");
        assert_eq!(out[6]["params"]["code"], -32600, "{{}} is not a message");
        assert_eq!(out[7]["result"], Value::Null);
        assert_eq!(out.len(), 8);
    }

    #[test]
    fn truncated_input_ends_quietly() {
        assert!(run(b"Content-Length: 100\r\n\r\n{\"a\"").is_empty());
        assert!(run(b"Content-Len").is_empty());
        assert!(run(b"").is_empty());
    }
}
