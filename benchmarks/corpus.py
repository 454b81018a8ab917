"""The evaluation corpus: page ids, inputs per mode, gold texts and strata.

Layout (as ../shared/corpus/dev): ``<id>.html`` original bytes, ``<id>.txt`` the page's
w3m text dump (UTF-8), ``<id>.gold.txt`` gold main content, ``manifest.jsonl`` with a
``stratum`` per page. Pages are read where they lie; nothing is copied.
"""
from __future__ import annotations

import json
import pathlib

MODES = ("html", "text")


def page_ids(corpus: pathlib.Path, limit: int = 0) -> list[str]:
    """Ids of the pages that have an ``.html`` file, sorted as the reference scorer sorts them."""
    ids = [p.stem for p in sorted(corpus.glob("*.html"))]
    return ids[:limit] if limit else ids


def input_path(corpus: pathlib.Path, page_id: str, mode: str) -> pathlib.Path:
    """The file an extractor is given: the original HTML bytes, or the text dump."""
    if mode == "html":
        return corpus / f"{page_id}.html"
    if mode == "text":
        return corpus / f"{page_id}.txt"
    raise ValueError(f"unknown mode {mode!r}")


def read_input(corpus: pathlib.Path, page_id: str, mode: str) -> bytes:
    return input_path(corpus, page_id, mode).read_bytes()


def read_gold(corpus: pathlib.Path, page_id: str) -> str:
    return (corpus / f"{page_id}.gold.txt").read_text("utf-8")


def strata(corpus: pathlib.Path) -> dict[str, str]:
    """Page id -> stratum from ``manifest.jsonl`` (empty if there is no manifest)."""
    m = corpus / "manifest.jsonl"
    if not m.exists():
        return {}
    rows = [json.loads(line) for line in m.read_text("utf-8").splitlines() if line.strip()]
    return {r["id"]: r.get("stratum") or r["id"].rstrip("0123456789") for r in rows}


def missing_inputs(corpus: pathlib.Path, ids: list[str], modes: list[str]) -> list[str]:
    """Files the run needs but the corpus lacks (text dumps are not generated here)."""
    need = [input_path(corpus, i, m) for i in ids for m in modes]
    need += [corpus / f"{i}.gold.txt" for i in ids]
    return [str(p) for p in need if not p.exists()]
