#!/usr/bin/env python3
"""Lint every file of the shared Markdown corpus with the release binary and check that
ccr-lint neither panics nor reports a span outside its file.

Usage: corpus-check.py BINARY CORPUS_DIR
Fails on: a panic, an exit code other than 0 or 1, a file missing from the output, a span
outside its file or not on a UTF-8 character boundary, or a line/column that does not match
its byte offset.
"""
import json
import os
import subprocess
import sys


def line_col(data: bytes, offset: int):
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[start:offset].decode("utf-8")) + 1
    return line, column


def is_boundary(data: bytes, offset: int) -> bool:
    return offset == len(data) or (data[offset] & 0xC0) != 0x80


def main() -> int:
    binary, corpus = sys.argv[1], sys.argv[2]
    md_files = sum(
        1 for root, _, files in os.walk(corpus) for f in files if f.lower().endswith((".md", ".markdown"))
    )
    proc = subprocess.run(
        [binary, corpus, "--format", "json", "--no-config", "--today", "2024-07-01"],
        capture_output=True,
    )
    stderr = proc.stderr.decode("utf-8", "replace")
    if "panicked" in stderr or proc.returncode not in (0, 1):
        print(f"FAIL: exit code {proc.returncode}\n{stderr[:4000]}")
        return 1
    report = json.loads(proc.stdout)
    problems = []
    checked = 0
    for f in report["files"]:
        path = f["path"]
        data = open(path, "rb").read()
        for d in f["diagnostics"]:
            checked += 1
            s, e = d["span"]["start"], d["span"]["end"]
            where = f"{path}: {d['code']} {s}..{e}"
            if not (0 <= s <= e <= len(data)):
                problems.append(f"{where}: outside the file ({len(data)} bytes)")
                continue
            if not (is_boundary(data, s) and is_boundary(data, e)):
                problems.append(f"{where}: not on a character boundary")
                continue
            if (d["start"]["line"], d["start"]["column"]) != line_col(data, s):
                problems.append(f"{where}: start {d['start']} != {line_col(data, s)}")
            if (d["end"]["line"], d["end"]["column"]) != line_col(data, e):
                problems.append(f"{where}: end {d['end']} != {line_col(data, e)}")
            fix = d.get("fix")
            for edit in (fix or {}).get("edits", []):
                if not (0 <= edit["start"] <= edit["end"] <= len(data)) or not (
                    is_boundary(data, edit["start"]) and is_boundary(data, edit["end"])
                ):
                    problems.append(f"{where}: fix edit {edit['start']}..{edit['end']} is not a valid range")
    if len(report["files"]) != md_files:
        problems.append(f"linted {len(report['files'])} files, the corpus has {md_files} Markdown files")
    for p in problems[:50]:
        print("FAIL:", p)
    print(
        f"corpus: {len(report['files'])} files, {checked} diagnostics checked, "
        f"exit {proc.returncode}, {len(problems)} problems"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
