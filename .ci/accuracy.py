#!/usr/bin/env python3
"""Accuracy guard: score byline against the annotated corpora and fail below the bars.

Bars come from the issues (foundation, people, attribution); a change that lowers any of them
fails CI. Usage: .ci/accuracy.py --shared ../shared --bin target/release/byline
"""
import argparse, os, subprocess, sys

BARS = {
    "dev": {
        # foundation
        "failures": ("max", 0),
        "section_f1": ("min", 0.90),
        "sentence_f1": ("min", 0.90),
        # people
        "mention_f1": ("min", 0.92),
        "link_b3_f1": ("min", 0.95),
        "name_acc": ("min", 0.90),
        "descriptor_recall": ("min", 0.70),
        "descriptor_precision": ("min", 0.60),
        # attribution
        "claim_p": ("min", 0.80),
        "claim_r": ("min", 0.60),
        "attr_recall": ("min", 0.90),
        "attr_precision": ("min", 0.90),
        "attr_source_acc": ("min", 0.80),
    },
    "gum-news": {
        "failures": ("max", 0),
        "section_f1": ("min", 0.90),
        "mention_f1": ("min", 0.90),
    },
}


def score(shared, corpus, binary):
    cmd = [sys.executable, os.path.join(shared, "tools", "score.py"), "--gold",
           os.path.join(shared, "corpus", corpus), "--cmd", f"{binary} check --format json {{file}}"]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        print(r.stdout, r.stderr)
        sys.exit(f"score.py failed on {corpus}")
    vals = {}
    for line in r.stdout.splitlines():
        k, _, v = line.partition(": ")
        try:
            vals[k] = float(v)
        except ValueError:
            vals[k] = v
    return r.stdout, vals


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", required=True)
    ap.add_argument("--bin", required=True)
    a = ap.parse_args()
    bad = []
    for corpus, bars in BARS.items():
        out, vals = score(a.shared, corpus, os.path.abspath(a.bin))
        print(f"--- {corpus}")
        print(out.strip())
        for k, (kind, bar) in bars.items():
            v = vals.get(k)
            ok = v is not None and (v >= bar if kind == "min" else v <= bar)
            mark = "ok  " if ok else "FAIL"
            print(f"{mark} {corpus} {k} = {v} ({'>=' if kind == 'min' else '<='} {bar})")
            if not ok:
                bad.append(f"{corpus} {k} = {v}")
    if bad:
        sys.exit("accuracy below the bars: " + "; ".join(bad))
    print("accuracy guard: all bars met")


if __name__ == "__main__":
    main()
