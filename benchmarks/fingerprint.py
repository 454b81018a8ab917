"""Fingerprints of every Document on a corpus: proof that a refactor changed no result.

For each page (both modes) one SHA-256 over everything a caller can read of its Document:
``to_dict`` with every content field and the blocks (texts, kinds, spans, scores, kept flags,
reasons, features, paths), ``markdown``, ``html``, ``explain()``, the HTML report
(``to_html``), ``repr``, the layout, and the same ``to_dict``, markdown, html and layout after a
pickle round trip, made before anything was read and after (both must compare equal). Run it
on two source trees and compare the digests::

    PYTHONPATH=<tree>/src python benchmarks/fingerprint.py                 # both modes
    PYTHONPATH=<tree>/src python benchmarks/fingerprint.py --out pages.txt  # one line per page
    PYTHONPATH=<tree>/src python benchmarks/fingerprint.py --str            # pages given as str

``--str`` gives each page as ``str``: its bytes decoded as UTF-8 with ``surrogateescape`` (a
page in another encoding, GBK say, keeps its other bytes as lone surrogates).

Only the public API is used, so any two versions of cleantext can be compared.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
from pathlib import Path

import cleantext
from cleantext.document import CONTENT_FIELDS

ROOT = Path(__file__).resolve().parent.parent


def fingerprint(doc: cleantext.Document) -> str:
    """SHA-256 of what a caller can read of ``doc`` (see the module docstring)."""
    fresh = pickle.loads(pickle.dumps(doc))  # pickled before anything was read
    full = json.dumps(doc.to_dict(blocks=True, fields=CONTENT_FIELDS), ensure_ascii=False, default=repr)
    again = pickle.loads(pickle.dumps(doc))  # and after
    if again != doc or fresh != doc:
        raise AssertionError("a Document differs from itself after a pickle round trip")
    parts = [
        full,
        doc.markdown,
        doc.html,
        doc.explain(),
        doc.to_html(name="page"),
        repr(doc),
        repr(doc.layout),
        repr(doc.rendering),
        repr([doc.paragraphs, doc.kept, doc.dropped]),
    ]
    for copy in (fresh, again):
        parts += [
            json.dumps(copy.to_dict(blocks=True, fields=CONTENT_FIELDS), ensure_ascii=False, default=repr),
            copy.markdown,
            copy.html,
            repr(copy.layout),
        ]
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "dev")
    parser.add_argument("--modes", default="html,text")
    parser.add_argument("--out", type=Path, help="write one line per page here")
    parser.add_argument("--str", action="store_true", help="give the pages as str (see above)")
    args = parser.parse_args()
    ids = sorted(p.name.removesuffix(".html") for p in args.corpus.glob("*.html"))
    lines = []
    for mode in args.modes.split(","):
        cleaner = cleantext.Cleaner(input_format="text" if mode == "text" else "auto")
        suffix = ".html" if mode == "html" else ".txt"
        total = hashlib.sha256()
        for i in ids:
            raw = (args.corpus / (i + suffix)).read_bytes()
            digest = fingerprint(cleaner.extract(raw.decode("utf-8", "surrogateescape") if args.str else raw))
            total.update(digest.encode())
            lines.append(f"{mode} {i} {digest}")
        print(f"{mode}: {len(ids)} pages, {total.hexdigest()}")
    if args.out:
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
