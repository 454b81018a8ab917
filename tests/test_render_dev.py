"""Structured output on the dev corpus (``../shared/corpus/dev``; skipped when it is absent).

* Nothing of the article is lost in Markdown: with its markup stripped (rendered by
  markdown-it-py, tags removed) it scores the same bigram F1 against gold as ``doc.text``,
  within 0.002, in both modes.
* Tables: for every data table gold keeps (see ``_gold_tables``: two rows or more that gold
  holds whole, not a grid of links), the cells the article keeps are in Markdown table rows,
  in page order; and every cell of those rows is.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from html_text import text_of

import cleantext
from cleantext.render.tree import table_cells

markdown_it = pytest.importorskip("markdown_it")

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dev"
pytestmark = pytest.mark.skipif(not (DEV / "manifest.jsonl").exists(), reason="dev corpus absent")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.metrics import prf  # noqa: E402

_SEPARATOR = re.compile(r"\|(?: --- \|)+")
_PIPE = re.compile(r"(?<!\\)\|")
_ESCAPE = re.compile(r"\\(.)")


def stripped(md: str) -> str:
    """Markdown with its markup stripped: rendered, then the tags dropped."""
    return text_of(markdown_it.MarkdownIt("commonmark").enable("table").render(md), sep="\n")


def _squeezed(s: str) -> str:
    return "".join(s.split())


def markdown_cells(md: str) -> list[str]:
    """The cells of the Markdown's table rows, in order (unescaped, whitespace removed)."""
    cells = []
    for line in md.split("\n"):
        line = line.strip()
        if line.startswith("|") and line.endswith("|") and not _SEPARATOR.fullmatch(line):
            cells.extend(_squeezed(_ESCAPE.sub(r"\1", c)) for c in _PIPE.split(line[1:-1]))
    return [c for c in cells if c]


def _ids() -> list[str]:
    return sorted(p.name[: -len(".gold.txt")] for p in DEV.glob("*.gold.txt")) if DEV.exists() else []


@pytest.fixture(scope="module")
def docs() -> dict[str, tuple[cleantext.Document, cleantext.Document, str]]:
    out = {}
    for pid in _ids():
        gold = (DEV / f"{pid}.gold.txt").read_text("utf-8")
        html = cleantext.extract((DEV / f"{pid}.html").read_bytes(), input_format="html")
        text = cleantext.extract((DEV / f"{pid}.txt").read_bytes(), input_format="text")
        out[pid] = (html, text, gold)
    return out


@pytest.mark.parametrize("mode", [0, 1], ids=["html", "text"])
def test_markdown_loses_nothing(docs, mode: int) -> None:
    text_f1 = [prf(d[mode].text, d[2])[2] for d in docs.values()]
    md_f1 = [prf(stripped(d[mode].markdown), d[2])[2] for d in docs.values()]
    n = len(text_f1)
    assert n >= 100
    assert abs(sum(md_f1) / n - sum(text_f1) / n) <= 0.002


def _gold_tables(doc: cleantext.Document, gold: str) -> list[list[list[tuple[str, bool]]]]:
    """The data tables of ``doc`` that gold keeps: the rows gold keeps, each a list of
    ``(cell text, kept)`` (whitespace removed).

    A row gold keeps has two cells or more with text, and gold holds them, in order, as one run
    (whitespace aside): a cell that only happens to occur somewhere in gold (a calendar's ``12``,
    a channel's name) keeps no row. A table gold keeps has two such rows and holds data: less
    than half of those rows' text is link text. A grid of links (a menu; an ad block whose cells
    are links and bullets) only lines up like a table.
    """
    squeezed_gold = _squeezed(gold)
    out = []
    for table in table_cells(doc.layout):
        rows = []
        for row in table:
            cells = [(_squeezed(" ".join(b.text for b in doc.blocks[f:e])), f, e) for f, e in row]
            cells = [c for c in cells if c[0]]
            if len(cells) >= 2 and "".join(t for t, _, _ in cells) in squeezed_gold:
                rows.append(cells)
        blocks = [b for row in rows for _, f, e in row for b in doc.blocks[f:e]]
        chars = sum(b.features.chars for b in blocks)
        links = sum(b.features.chars * b.features.link_density for b in blocks)
        if len(rows) >= 2 and links < chars / 2:
            out.append([[(t, any(b.kept for b in doc.blocks[f:e])) for t, f, e in row] for row in rows])
    return out


def _in_order(needles: list[str], hay: list[str]) -> bool:
    """Each needle is in a cell of ``hay``, each after the previous one's."""
    at = 0
    for needle in needles:
        while at < len(hay) and needle not in hay[at]:
            at += 1
        if at == len(hay):
            return False
        at += 1
    return True


def test_kept_table_cells_are_in_markdown_table_rows(docs) -> None:
    pages = 0
    for pid, (doc, _, gold) in docs.items():
        tables = _gold_tables(doc, gold)
        if not tables:
            continue
        pages += 1
        cells = markdown_cells(doc.markdown)
        for rows in tables:
            kept = [t for row in rows for t, k in row if k]
            assert _in_order(kept, cells), pid
    assert pages >= 3  # ia007, ia057, ia063 today


def test_every_gold_table_cell_is_in_a_markdown_table_row(docs) -> None:
    """Every cell of the rows gold keeps, not only those kept: ia057 (a Wikipedia page whose gold
    keeps the whole page) holds 16 such tables, a name record inside its article and a series of
    record tables after it (see `keep_table_series` in ``rust/src/select/keep/tables.rs``)."""
    failed = []
    for pid, (doc, _, gold) in docs.items():
        cells = markdown_cells(doc.markdown)
        for rows in _gold_tables(doc, gold):
            if not _in_order([t for row in rows for t, _ in row], cells):
                failed.append(pid)
    assert not failed, sorted(set(failed))
