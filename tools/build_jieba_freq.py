"""Regenerate src/cleantext/data/jieba_freq.bin from jieba's own dictionary (dict.txt).

The file holds exactly the prefix dictionary jieba builds from dict.txt (``Tokenizer.gen_pfdict``:
word → frequency, plus every proper prefix → 0, and the total), grouped by first character so that
cleantext.resources can load only the groups of the characters it meets (see ``LazyFreq`` there).
Non-zero entries are stored; the zero prefixes are rebuilt on load. The tool checks the round trip
(rebuilt table == jieba's table) before writing.

    .venv/bin/python tools/build_jieba_freq.py            # write the file, print its stats
    .venv/bin/python tools/build_jieba_freq.py --check    # only verify the shipped file is current

Format (version 1): one line of JSON (``format``, ``total``, ``source``, ``licence``, ``chars``: the
first characters in order, ``ends``: each group's end offset in the body), then the body: for each
group, zlib-compressed UTF-8 lines ``<word minus its first character> <frequency>``.

dict.txt is part of jieba (https://github.com/fxsjy/jieba), MIT License, Copyright (c) 2013 Sun Junyi;
see src/cleantext/data/NOTICE.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pathlib
import sys
import zlib

import jieba

OUT = pathlib.Path(__file__).resolve().parents[1] / "src" / "cleantext" / "data" / "jieba_freq.bin"
FORMAT = 1


def full_table() -> tuple[dict[str, int], int, str]:
    """jieba's prefix dictionary, its total, and a description of the source."""
    path = pathlib.Path(jieba.__file__).parent / "dict.txt"
    digest = hashlib.md5(path.read_bytes()).hexdigest()
    freq, total = jieba.Tokenizer.gen_pfdict(path.open("rb"))
    return freq, total, f"jieba {jieba.__version__} dict.txt md5 {digest}"


def encode(freq: dict[str, int], total: int, source: str) -> bytes:
    groups: dict[str, list[str]] = {}
    keys = sorted(freq)
    for i, key in enumerate(keys):
        # zero entries are rebuilt as prefixes of longer keys, unless no longer key starts with them
        if freq[key] or not (i + 1 < len(keys) and keys[i + 1].startswith(key)):
            groups.setdefault(key[0], []).append(f"{key[1:]} {freq[key]}")
    chars = "".join(sorted(groups))
    body, ends = [], []
    size = 0
    for ch in chars:
        blob = zlib.compress("\n".join(groups[ch]).encode("utf-8"), 9)
        body.append(blob)
        size += len(blob)
        ends.append(size)
    header = {
        "format": FORMAT,
        "total": total,
        "source": source,
        "licence": "derived from jieba's dict.txt, MIT License, Copyright (c) 2013 Sun Junyi",
        "chars": chars,
        "ends": ends,
    }
    return json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n" + b"".join(body)


def decode_all(data: bytes) -> tuple[dict[str, int], int]:
    """The whole table back from the file, through the library's own loader."""
    from cleantext.resources import LazyFreq

    table = LazyFreq.from_bytes(data)
    for ch in list(table.pending()):
        table.load(ch)
    return dict(table), table.total


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="verify the shipped file instead of writing it")
    args = ap.parse_args()
    freq, total, source = full_table()
    data = encode(freq, total, source)
    if args.check:
        shipped = OUT.read_bytes()
        same = decode_all(shipped) == (freq, total)
        print(f"{OUT.name}: {'matches' if same else 'DIFFERS FROM'} {source}")
        return 0 if same else 1
    if decode_all(data) != (freq, total):
        print("round trip failed: not writing", file=sys.stderr)
        return 1
    OUT.write_bytes(data)
    print(f"wrote {OUT} ({len(data):,} bytes): {len(freq):,} keys, total {total:,}, from {source}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
