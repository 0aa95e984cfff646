//! LSP base-protocol framing shared by the test client and the LSP bench
//! (`benches/lsp.rs` includes this file by path).

use serde_json::Value;
use std::io::BufRead;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

/// The built `byline --stdio` started in `dir`, with its stdin and stdout
/// (stderr dropped).
pub fn spawn_server(dir: impl AsRef<std::path::Path>) -> (Child, ChildStdin, ChildStdout) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_byline"))
        .arg("--stdio")
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn byline");
    let stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    (child, stdin, stdout)
}

/// `v` as one framed message (`Content-Length` header + JSON body).
pub fn frame(v: &Value) -> Vec<u8> {
    let body = serde_json::to_vec(v).unwrap();
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend(body);
    out
}

/// The body of the next framed message, or `None` at end of stream or on
/// a broken frame.
pub fn read_frame(r: &mut impl BufRead) -> Option<Vec<u8>> {
    let mut len = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).unwrap_or(0) == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length: ") {
            len = v.parse::<usize>().ok();
        }
    }
    let mut buf = vec![0; len?];
    r.read_exact(&mut buf).ok()?;
    Some(buf)
}
