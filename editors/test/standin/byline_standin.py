#!/usr/bin/env python3
"""Test double for checking the editor test harness itself (run-all.sh --standin).

It sits between the editor and the real `byline` server: every message goes through unchanged,
except that it *adds* the people features the harness expects but the server may not have yet
(hover card, definition, references, document highlight, rename) and one kind of diagnostic. Its
"people" are only the `[[people]]` entries of the workspace's byline.toml and their aliases, found
by plain string search: it proves that the editors show what a server sends, nothing about the
analysis. Never shipped; never used by the real tests.

    BYLINE_REAL=target/release/byline python3 byline_standin.py --stdio
"""
import json
import os
import re
import subprocess
import sys
import threading
import tomllib
from urllib.parse import unquote, urlparse

REAL = os.environ.get("BYLINE_REAL", "byline")
LOCAL = {
    "textDocument/hover",
    "textDocument/definition",
    "textDocument/references",
    "textDocument/documentHighlight",
    "textDocument/prepareRename",
    "textDocument/rename",
}
VAGUE = re.compile(r"\b(reportedly|sources said|officials said|an estimated)\b", re.I)

out_lock = threading.Lock()
docs = {}  # uri -> text
people = []  # [{"name", "aliases", "description"}]
encoding = "utf-16"
pending_diags = {}  # uri -> last diagnostics from the real server


def read_msg(stream):
    headers = {}
    while True:
        line = stream.readline()
        if not line:
            return None
        line = line.decode("ascii").strip()
        if not line:
            break
        k, v = line.split(":", 1)
        headers[k.strip().lower()] = v.strip()
    n = int(headers["content-length"])
    return json.loads(stream.read(n))


def write_msg(stream, msg):
    data = json.dumps(msg).encode()
    with out_lock:
        stream.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)
        stream.flush()


def units(s):
    if encoding == "utf-8":
        return len(s.encode())
    if encoding == "utf-16":
        return len(s.encode("utf-16-le")) // 2
    return len(s)


def to_offset(text, pos):
    lines = text.split("\n")
    line = min(pos["line"], len(lines) - 1)
    off = sum(len(lines[i]) + 1 for i in range(line))
    col, acc = 0, 0
    while col < len(lines[line]) and acc < pos["character"]:
        acc += units(lines[line][col])
        col += 1
    return off + col


def to_pos(text, off):
    before = text[:off]
    line = before.count("\n")
    start = before.rfind("\n") + 1
    return {"line": line, "character": units(text[start:off])}


def rng(text, a, b):
    return {"start": to_pos(text, a), "end": to_pos(text, b)}


def load_people(root):
    global people
    try:
        with open(os.path.join(root, "byline.toml"), "rb") as f:
            people = tomllib.load(f).get("people", [])
    except (OSError, tomllib.TOMLDecodeError):
        people = []


def mentions(text):
    """[(start, end, person_index, is_full_name)] in text order."""
    found = []
    for i, p in enumerate(people):
        for form in [p["name"]] + p.get("aliases", []):
            for m in re.finditer(r"(?<!\w)" + re.escape(form) + r"(?!\w)", text):
                found.append((m.start(), m.end(), i, form == p["name"]))
    found.sort(key=lambda t: (t[0], -(t[1] - t[0])))
    out, last_end = [], -1
    for m in found:  # drop aliases inside full names
        if m[0] >= last_end:
            out.append(m)
            last_end = m[1]
    return out


def at(uri, pos):
    text = docs.get(uri, "")
    off = to_offset(text, pos)
    for m in mentions(text):
        if m[0] <= off <= m[1]:
            return text, m
    return text, None


def handle_local(msg):
    method, p = msg["method"], msg.get("params", {})
    uri = p["textDocument"]["uri"]
    text, m = at(uri, p["position"])
    if m is None:
        return None
    ms = [x for x in mentions(text) if x[2] == m[2]]
    person = people[m[2]]
    if method == "textDocument/hover":
        lines = sorted({to_pos(text, x[0])["line"] + 1 for x in ms})
        value = "**%s**\n\n%s\n\nMentioned %d times (lines %s)" % (
            person["name"], person.get("description", ""), len(ms), ", ".join(map(str, lines)))
        return {"contents": {"kind": "markdown", "value": value}, "range": rng(text, m[0], m[1])}
    if method == "textDocument/definition":
        first = next((x for x in ms if x[3]), ms[0])
        return {"uri": uri, "range": rng(text, first[0], first[1])}
    if method == "textDocument/references":
        return [{"uri": uri, "range": rng(text, x[0], x[1])} for x in ms]
    if method == "textDocument/documentHighlight":
        return [{"range": rng(text, x[0], x[1]), "kind": 1} for x in ms]
    if method == "textDocument/prepareRename":
        return {"range": rng(text, m[0], m[1]), "placeholder": text[m[0]:m[1]]}
    if method == "textDocument/rename":
        new = p["newName"]
        last = new.split()[-1]
        edits = [{"range": rng(text, x[0], x[1]), "newText": new if x[3] else last} for x in ms]
        return {"changes": {uri: edits}}
    return None


def extra_diags(uri):
    text = docs.get(uri, "")
    return [{"range": rng(text, m.start(), m.end()), "severity": 3, "source": "byline",
             "code": "vague-source", "message": "“%s” — who says so? (stand-in)" % m.group(0)}
            for m in VAGUE.finditer(text)]


def add_people_symbols(uri, symbols):
    """People as children (kind Object) of the first hierarchical symbol, at their first mention."""
    if not symbols or "children" not in symbols[0] and "selectionRange" not in symbols[0]:
        return
    text, seen = docs.get(uri, ""), set()
    for start, end, i, _ in mentions(text):
        if i in seen:
            continue
        seen.add(i)
        r = rng(text, start, end)
        symbols[0].setdefault("children", []).append(
            {"name": people[i]["name"], "kind": 19, "range": r, "selectionRange": r})


def apply_change(uri, change):
    text = docs.get(uri, "")
    if "range" not in change:
        docs[uri] = change["text"]
        return
    a = to_offset(text, change["range"]["start"])
    b = to_offset(text, change["range"]["end"])
    docs[uri] = text[:a] + change["text"] + text[b:]


def main():
    global encoding
    server = subprocess.Popen([REAL, "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    client_in, client_out = sys.stdin.buffer, sys.stdout.buffer
    init_id = [None]
    symbol_requests = {}  # request id -> uri, to add people to the outline the server returns

    def from_server():
        global encoding
        while True:
            msg = read_msg(server.stdout)
            if msg is None:
                os._exit(0)
            if "id" in msg and msg.get("id") == init_id[0] and "result" in msg:
                caps = msg["result"]["capabilities"]
                encoding = caps.get("positionEncoding", "utf-16")
                caps.update(hoverProvider=True, definitionProvider=True, referencesProvider=True,
                            documentHighlightProvider=True, renameProvider={"prepareProvider": True})
                msg["result"].setdefault("serverInfo", {})["name"] = "byline"
            if "id" in msg and msg.get("id") in symbol_requests and isinstance(msg.get("result"), list):
                add_people_symbols(symbol_requests.pop(msg["id"]), msg["result"])
            if msg.get("method") == "textDocument/publishDiagnostics":
                uri = msg["params"]["uri"]
                if uri in docs:
                    msg["params"]["diagnostics"] = msg["params"]["diagnostics"] + extra_diags(uri)
            write_msg(client_out, msg)

    threading.Thread(target=from_server, daemon=True).start()
    while True:
        msg = read_msg(client_in)
        if msg is None:
            server.stdin.close()
            server.wait()
            return
        method = msg.get("method")
        if method == "initialize":
            init_id[0] = msg["id"]
            p = msg["params"]
            root = None
            if p.get("workspaceFolders"):
                root = unquote(urlparse(p["workspaceFolders"][0]["uri"]).path)
            elif p.get("rootUri"):
                root = unquote(urlparse(p["rootUri"]).path)
            if root:
                load_people(root)
        elif method == "textDocument/didOpen":
            td = msg["params"]["textDocument"]
            docs[td["uri"]] = td["text"]
            if not people:
                load_people(os.path.dirname(unquote(urlparse(td["uri"]).path)))
        elif method == "textDocument/didChange":
            for c in msg["params"]["contentChanges"]:
                apply_change(msg["params"]["textDocument"]["uri"], c)
        elif method == "textDocument/didClose":
            docs.pop(msg["params"]["textDocument"]["uri"], None)
        if method == "textDocument/documentSymbol" and "id" in msg:
            symbol_requests[msg["id"]] = msg["params"]["textDocument"]["uri"]
        if method in LOCAL and "id" in msg:
            try:
                result = handle_local(msg)
            except Exception as e:  # a test double: report, don't die
                write_msg(client_out, {"jsonrpc": "2.0", "id": msg["id"],
                                       "error": {"code": -32603, "message": repr(e)}})
                continue
            write_msg(client_out, {"jsonrpc": "2.0", "id": msg["id"], "result": result})
            continue
        write_msg(server.stdin, msg)


if __name__ == "__main__":
    main()
