"""The explain report: a :class:`~cleantext.Document` as one self-contained HTML page.

Every block of the page in order, kept ones green and dropped ones red, each with its score as a
bar, its reason codes, its kind and (under "features") the terms behind its score. ``to_html``
renders one extraction (with a switch to its Markdown view), ``diff_html`` two extractions of the
same page under different options.

The page is hostile input: every piece of it (text, title, paths, reasons, metadata, URL) is
HTML-escaped, quotes included; control characters and lone surrogates become U+FFFD, and the
bidirectional controls (U+202E and its kin) are shown as visible escapes such as ``<U+202E>``, so no
text can display reversed. As defence in depth the report carries a Content-Security-Policy that
allows no script, no remote load, no form and no base URL: its only active parts are CSS checkbox
toggles (only the kept text; the Markdown view).

The report of a huge page stays small: it holds at most ``SIZE_FACTOR`` times the page's size
(and at least ``MIN_BUDGET`` bytes). A block shows at most ``TEXT_LIMIT`` characters; when every
block in full would not fit, runs of tiny dropped blocks (unchanged rows, in a diff) become one
summary row each, features are shown until half the budget is spent, and blocks past the budget
are counted in a last row. Every part says what it leaves out. ``write_html`` and
``write_diff_html`` write the report piece by piece, so memory stays bounded too.
"""

from __future__ import annotations

import functools
import html
import io
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import fields
from datetime import datetime
from importlib import resources
from typing import Any, TextIO

from .align import align
from .document import Block, Document
from .features import Features
from .score import score as score_of
from .score import terms, weights

#: What the report may do: inline styles, nothing else (no script, fetch, image, form or base URL).
CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

#: A score this far from 0 fills half the bar (scores run from about -12 to +7).
SCALE = 8.0

#: What each reason code means, shown when the pointer rests on it.
REASON_HELP = {
    "main-region": "inside the article's main region",
    "continues-region": "a short block between kept blocks, continuing the region",
    "favor-recall": "prose outside the article's region, kept because favor='recall'",
    "favor-precision": "kept only for its context, dropped because favor='precision'",
    "json-ld-body": "the article body the page's JSON-LD declares (its blocks gave no article)",
    "script-state": "the article body in the state the page's script renders (its blocks gave no article)",
    "letter-region": "prose of a page with little Han text, chosen by its letters (the Han model found none)",
    "title": "the title; set aside in Document.title",
    "metadata": "a dateline (time, source, author, editor); set aside in the metadata",
    "teaser-list": "one of a run of teasers or links to other pages",
    "list-heading": "the heading of a teaser list",
    "truncated-duplicate": "a truncated copy of a longer block (a lead or teaser)",
    "duplicate": "the same text as an earlier block",
    "link-dense": "mostly link text",
    "nav": "navigation (breadcrumbs, menus)",
    "no-han": "no Chinese characters",
    "short": "too short to be prose, outside the region",
    "short-heading": "a short heading or label outside the region",
    "outside-region": "outside the article's main region",
    "copyright": "a copyright line",
    "icp": "an ICP licence or public-security filing line",
    "editor-line": "an editor line (责任编辑)",
    "share": "a share bar or print/close buttons",
    "pager": "previous/next page links",
    "related": "a related-articles heading",
    "comment": "comment-section boilerplate",
    "login": "login/register links",
    "ad": "an advertisement",
    "boilerplate": "site boilerplate from the lexicon",
    "empty": "no text",
    "binary": "the page is an image, archive or PDF",
    "merged": "holds the text of several tiny blocks, one per line (a page with far more blocks than real pages)",
}

#: The report's size: at most this many times the page's size in bytes, and at least MIN_BUDGET.
SIZE_FACTOR = 16
MIN_BUDGET = 4 * 2**20
#: A block's text is shown up to this many characters, a feature value up to VALUE_LIMIT.
TEXT_LIMIT = 2000
VALUE_LIMIT = 200
#: When the report is crowded, runs of at least RUN_MIN dropped blocks of at most TINY characters
#: (or of unchanged rows, in a diff) become one summary row.
TINY = 24
RUN_MIN = 8

_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
#: Bidirectional controls: embeddings, overrides, isolates and marks (U+202A-U+202E,
#: U+2066-U+2069, U+200E, U+200F, U+061C).
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def show_bidi(text: str) -> str:
    """``text`` with each bidirectional control written out as ``<U+XXXX>``, so it cannot
    reorder what is shown around it.

    >>> show_bidi("价格\u202e元001")
    '价格<U+202E>元001'
    """
    return BIDI.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


def esc(value: object) -> str:
    """``value`` as text safe inside an HTML element or a quoted attribute.

    Quotes are escaped too, characters an HTML document may not hold (controls other than
    tab and newline, lone surrogates, noncharacters) become U+FFFD, and bidirectional controls
    are written out (:func:`show_bidi`).

    >>> esc('<b title="新闻">沪渝&合作</b>')
    '&lt;b title=&quot;新闻&quot;&gt;沪渝&amp;合作&lt;/b&gt;'
    >>> esc("换行\\n保留\\x00\\ud800") == "换行\\n保留\\ufffd\\ufffd"
    True
    >>> esc(None)
    ''
    >>> esc("\u202e价格")
    '&lt;U+202E&gt;价格'
    """
    if value is None:
        return ""
    return html.escape(show_bidi(_UNSAFE.sub("\ufffd", str(value))), quote=True)


def bar_width(score: float, scale: float = SCALE) -> float:
    """The share (percent, 0-50) of the score bar a score fills, from the middle outwards.

    >>> bar_width(4.0), bar_width(-16.0), bar_width(0.0)
    (25.0, 50.0, 0.0)
    """
    return round(min(abs(score) / scale, 1.0) * 50.0, 1)


def _chars(blocks: Iterable[Block]) -> int:
    """Non-space characters of these blocks (``Features.chars``)."""
    return sum(b.features.chars for b in blocks)


def to_html(doc: Document, *, name: str | None = None, page_size: int | None = None) -> str:
    """The explain report of one extraction; ``name`` (a file name, say) heads it.

    ``page_size`` (the page's bytes) sets the report's size budget; by default it is taken from
    the blocks' offsets.

    >>> import cleantext
    >>> page = "沪渝携手推动发展\\n\\n今天，沪渝两地在重庆签署合作协议，携手推动发展。\\n"
    >>> page = to_html(cleantext.extract(page, use_jieba=False))
    >>> page.count('class="block kept"'), page.count('class="block dropped"')
    (1, 1)
    """
    out = io.StringIO()
    write_html(doc, out, name=name, page_size=page_size)
    return out.getvalue()


def write_html(doc: Document, out: TextIO, *, name: str | None = None, page_size: int | None = None) -> None:
    """Write the explain report of one extraction to ``out``, piece by piece (see :func:`to_html`)."""
    kept = doc.kept
    dropped = doc.dropped
    facts = [
        ("format", doc.format),
        ("encoding", f"{doc.encoding} (from {doc.encoding_source})"),
        ("decode errors", doc.decode_errors),
        ("blocks", len(doc.blocks)),
        ("kept", f"{len(kept)} blocks, {_chars(kept):,} characters"),
        ("dropped", f"{len(dropped)} blocks, {_chars(dropped):,} characters"),
    ]
    head = [
        '<input type="checkbox" id="only-kept" class="toggle">',
        '<input type="checkbox" id="show-markdown" class="toggle">',
        "<header>",
        f'<p class="page-name">{esc(name or "cleantext explain")}</p>',
        f"<h1>{esc(_clip(doc.title)) if doc.title else '<span class=none>(no title)</span>'}</h1>",
        '<div class="facts">',
        _facts("metadata", _metadata(doc)),
        _facts("extraction", facts),
        "</div>",
        _legend(),
        '<label for="only-kept" class="toggle-label">Show only the kept text</label>',
        '<label for="show-markdown" class="toggle-label">Show the Markdown</label>',
        "</header>",
        "<main>",
    ]
    w = _Writer(out, _budget(doc.blocks, page_size))
    w.head(f"explain: {doc.title or name or 'page'}", head)
    _blocks(doc.blocks, w)
    w.write("</main>" if doc.blocks else '<p class="none">The page has no blocks.</p></main>')
    _markdown_view(doc.markdown, w)
    w.tail()


def _markdown_view(markdown: str, w: _Writer) -> None:
    """The article as Markdown (shown by the "Show the Markdown" switch), within what is left of
    the budget: a cut is said."""
    w.write('<section class="markdown-view">')
    if not markdown:
        w.write('<p class="none">The page has no article.</p>')
    else:
        room = max(TEXT_LIMIT, (w.budget + w.fixed - w.used) // 4)  # up to 4 bytes a character once escaped
        shown = markdown if len(markdown) <= room else markdown[:room]
        w.write(f'<div class="markdown-text">{esc(shown)}</div>')
        if len(shown) < len(markdown):
            w.write(f'<p class="none">… {len(markdown) - len(shown):,} more characters of Markdown not shown.</p>')
    w.write("</section>")


def diff_html(
    doc_a: Document,
    doc_b: Document,
    *,
    label_a: str = "A",
    label_b: str = "B",
    name: str | None = None,
    page_size: int | None = None,
) -> str:
    """Two extractions of the same page side by side: which blocks changed verdict or reasons.

    Blocks are paired by their text (two option sets can split a page differently, e.g.
    ``format``; see :mod:`cleantext.align`); unchanged blocks are hidden behind a toggle.

    >>> import cleantext
    >>> page = "沪渝携手推动发展\\n\\n今天，沪渝两地在重庆签署合作协议，携手推动发展。\\n"
    >>> a = cleantext.extract(page, use_jieba=False)
    >>> b = cleantext.extract(page, use_jieba=False, min_body_han=100)
    >>> 'class="row same"' in diff_html(a, b)
    True
    """
    out = io.StringIO()
    write_diff_html(doc_a, doc_b, out, label_a=label_a, label_b=label_b, name=name, page_size=page_size)
    return out.getvalue()


def write_diff_html(
    doc_a: Document,
    doc_b: Document,
    out: TextIO,
    *,
    label_a: str = "A",
    label_b: str = "B",
    name: str | None = None,
    page_size: int | None = None,
) -> None:
    """Write the diff report of two extractions to ``out``, piece by piece (see :func:`diff_html`)."""
    rows = _pairs(doc_a.blocks, doc_b.blocks)
    count = Counter(_change(a, b) for a, b in rows)
    changed = len(rows) - count["same"]
    facts = [
        ("blocks", f"{len(doc_a.blocks)} in A, {len(doc_b.blocks)} in B"),
        ("changed", f"{changed} blocks"),
        ("kept in B, not A", count["now-kept"]),
        ("dropped in B, not A", count["now-dropped"]),
        ("other reasons", count["reasons"]),
        ("in one only", count["only"]),
    ]
    sides = [
        (label, f"{len(d.kept)} kept, {_chars(d.kept):,} characters; {d.encoding} ({d.encoding_source}), {d.format}")
        for label, d in ((f"A: {label_a}", doc_a), (f"B: {label_b}", doc_b))
    ]
    head = [
        '<input type="checkbox" id="show-same" class="toggle">',
        "<header>",
        f'<p class="page-name">{esc(name or "cleantext explain --diff")}</p>',
        f"<h1>{esc(_clip(doc_a.title)) if doc_a.title else '<span class=none>(no title)</span>'}</h1>",
        '<div class="facts">',
        _facts("options", sides),
        _facts("what changed", facts),
        "</div>",
        _legend(),
        '<label for="show-same" class="toggle-label">Show unchanged blocks too</label>',
        "</header>",
        '<main class="diff">',
        '<div class="row head"><div>block</div><div>A</div><div>B</div></div>',
    ]
    longer = doc_a.blocks if len(doc_a.blocks) >= len(doc_b.blocks) else doc_b.blocks
    w = _Writer(out, _budget(longer, page_size))
    w.head(f"explain --diff: {doc_a.title or name or 'page'}", head)
    _diff_rows(rows, w)
    w.write("" if changed else '<p class="none">No block changed verdict or reasons.</p>')
    w.write("</main>")
    w.tail()


# -- pieces ------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _css() -> str:
    return resources.files("cleantext").joinpath("data").joinpath("report.css").read_text("utf-8")


def _budget(blocks: Sequence[Block], page_size: int | None) -> int:
    """The report's size budget in bytes: SIZE_FACTOR times the page (by default, the end of
    its last block: characters of the decoded page, no more than its bytes), at least MIN_BUDGET."""
    if page_size is None:
        page_size = max((b.end for b in blocks), default=0)
    return max(MIN_BUDGET, SIZE_FACTOR * page_size)


class _Writer:
    """Writes the report's pieces to ``out``, one a line, and counts the bytes the rows take
    against the budget."""

    def __init__(self, out: TextIO, budget: int) -> None:
        self.out = out
        self.budget = budget
        self.used = 0
        self.fixed = 0

    def write(self, piece: str) -> None:
        self.out.write(piece)
        self.out.write("\n")
        self.used += len(piece.encode("utf-8", "replace")) + 1

    def head(self, title: str, body: Iterable[str]) -> None:
        for piece in (
            "<!DOCTYPE html>",
            '<html lang="zh-CN">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{esc(CSP)}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="referrer" content="no-referrer">',
            f"<title>{esc(_clip(title))}</title>",
            f"<style>\n{_css()}</style>",
            "</head>",
            "<body>",
            *body,
        ):
            self.write(piece)
        self.fixed = self.used  # what every report has; the budget is for the rows

    def tail(self) -> None:
        self.write("</body>")
        self.write("</html>")

    def spent(self, share: float) -> bool:
        """Whether the rows have used ``share`` of the budget."""
        return self.used - self.fixed > share * self.budget


def _crowded(texts: Iterable[str], per_row: int, budget: int) -> bool:
    """Whether rows of these texts, each with ``per_row`` bytes of markup, would pass the budget."""
    total = 0
    for text in texts:
        total += per_row + 3 * min(len(text), TEXT_LIMIT)
        if total > budget:
            return True
    return False


def _blocks(blocks: Sequence[Block], w: _Writer) -> None:
    """Every block as a row, within the budget (see the module's docstring)."""
    crowded = _crowded((b.text for b in blocks), 3000, w.budget)
    noted = False
    i = 0
    while i < len(blocks):
        if w.spent(0.9):
            w.write(_cut(blocks[i:]))
            return
        end = i
        while crowded and end < len(blocks) and not blocks[end].kept and len(blocks[end].text) <= TINY:
            end += 1
        if end - i >= RUN_MIN:
            w.write(_run(blocks[i:end]))
            i = end
            continue
        details = not w.spent(0.5)
        if not details and not noted:
            w.write(
                f'<p class="note">From block #{blocks[i].index} on, features are not shown: the report '
                f"is kept under {w.budget / 2**20:.1f} MB ({SIZE_FACTOR}× the page).</p>"
            )
            noted = True
        w.write(_block(blocks[i], details=details))
        i += 1


def _run(run: Sequence[Block]) -> str:
    """One row for a run of tiny dropped blocks: their count, reasons and first texts."""
    reasons = Counter(r for b in run for r in b.reasons)
    return (
        f'<article class="block dropped run" id="b{run[0].index}">'
        f'<div class="side"><div class="head"><span class="idx">#{run[0].index}–#{run[-1].index}</span> '
        f'<span class="verdict">drop</span> <span class="kind">{len(run):,} tiny blocks</span></div>'
        f'<div class="score"><span class="reasons">{_reason_counts(reasons)}</span></div></div>'
        f'<div class="main"><div class="text">{esc(" · ".join(b.text for b in run[:3]))}</div>'
        f'<span class="more">… {len(run):,} dropped blocks of at most {TINY} characters '
        f"({_chars(run):,} characters in all), shown as one row</span></div>"
        "</article>"
    )


def _reason_counts(reasons: Counter[str]) -> str:
    return " ".join(
        f'<span class="reason" title="{esc(REASON_HELP.get(r, r))}">{esc(r)}</span>×{n:,}'
        for r, n in reasons.most_common()
    )


def _cut(rest: Sequence[Block]) -> str:
    """The last row when the budget is spent: what is not shown."""
    kept = sum(1 for b in rest if b.kept)
    return (
        f'<p class="note cut">Blocks #{rest[0].index}–#{rest[-1].index} are not shown ({kept:,} kept, '
        f"{len(rest) - kept:,} dropped, {_chars(rest):,} characters): the report reached its size limit "
        "(see cleantext's text output for the kept text).</p>"
    )


def _metadata(doc: Document) -> list[tuple[str, object]]:
    """Title, published, source, author, editor and URL, where the page has them, with where
    each came from when the document says (``origins``)."""
    out: list[tuple[str, object]] = []
    for name in ("title", "published", "source", "author", "editor", "url"):
        value = getattr(doc, name)
        if value in (None, ""):
            continue
        shown = value.isoformat(sep=" ") if isinstance(value, datetime) else str(value)
        origin = doc.origins.get(name)
        out.append((name, f"{shown}  (from {origin})" if origin else shown))
    return out or [("metadata", "none found")]


def _clip(value: object) -> str:
    """At most TEXT_LIMIT characters of ``value`` (a title or a metadata field of a hostile page
    can be huge), the cut marked.

    >>> _clip("沪渝"), len(_clip("字" * 5000))
    ('沪渝', 2001)
    """
    text = str(value)
    return text if len(text) <= TEXT_LIMIT else text[:TEXT_LIMIT] + "…"


def _facts(caption: str, rows: Sequence[tuple[str, object]]) -> str:
    items = "".join(f"<dt>{esc(k)}</dt><dd>{esc(_clip(v))}</dd>" for k, v in rows)
    return f"<section><h2>{esc(caption)}</h2><dl>{items}</dl></section>"


def _legend() -> str:
    return (
        '<p class="legend"><span class="swatch kept"></span> kept (the article text) '
        '<span class="swatch dropped"></span> dropped '
        '<span class="legend-bar"><span class="fill neg"></span><span class="fill pos"></span></span> '
        "score: the bar grows right of the middle line for prose-like blocks (positive), left for "
        "boilerplate-like ones (negative); the final verdict also weighs context, given by the reasons. "
        "Open <i>features</i> for the terms behind a score.</p>"
    )


def _bar(score: float) -> str:
    side = "pos" if score >= 0 else "neg"
    return (
        f'<span class="bar" title="score {score:.2f}"><span class="fill {side}" '
        f'style="width:{bar_width(score)}%"></span></span><span class="num">{score:.2f}</span>'
    )


def _reasons(reasons: Sequence[str]) -> str:
    return (
        " ".join(f'<span class="reason" title="{esc(REASON_HELP.get(r, r))}">{esc(r)}</span>' for r in reasons)
        or '<span class="reason">none</span>'
    )


def _text(text: str) -> str:
    """A block's text for the report: at most TEXT_LIMIT characters, with a note for the rest."""
    if len(text) <= TEXT_LIMIT:
        return f'<div class="text">{esc(text)}</div>'
    return (
        f'<div class="text">{esc(text[:TEXT_LIMIT])}</div>'
        f'<span class="more">… {len(text) - TEXT_LIMIT:,} more characters not shown</span>'
    )


def _block(b: Block, details: bool = True) -> str:
    verdict = "kept" if b.kept else "dropped"
    return (
        f'<article class="block {verdict}" id="b{b.index}">'
        f'<div class="side"><div class="head"><span class="idx">#{b.index}</span> '
        f'<span class="verdict">{"KEEP" if b.kept else "drop"}</span> '
        f'<span class="kind">{esc(b.kind)}</span></div>'
        f'<div class="score">{_bar(b.score)}<span class="reasons">{_reasons(b.reasons)}</span></div></div>'
        f'<div class="main">{_text(b.text)}{_details(b) if details else ""}</div>'
        "</article>"
    )


def _details(b: Block) -> str:
    w = weights()
    t = terms(b.features)
    rows = [f'<tr><td>bias</td><td></td><td></td><td class="n">{w["bias"]:+.2f}</td></tr>']
    for name, value in t.items():
        contribution = w[name] * value
        cls = "n pos" if contribution > 0 else "n neg" if contribution < 0 else "n"
        shown = f"{contribution:+.2f}" if contribution else "0"
        rows.append(
            f"<tr{'' if contribution else ' class=zero'}><td>{esc(name)}</td><td class=n>{value:.2f}</td>"
            f'<td class=n>{w[name]:+.1f}</td><td class="{cls}">{shown}</td></tr>'
        )
    total = score_of(b.features)
    rows.append(f'<tr class="total"><td>score</td><td></td><td></td><td class="n">{total:+.2f}</td></tr>')
    measured = [(f.name, getattr(b.features, f.name)) for f in fields(Features)]
    measured += [("offsets", f"{b.start}–{b.end}"), ("path", b.path or "—")]
    facts = "".join(f"<dt>{esc(k)}</dt><dd>{esc(_show(v))}</dd>" for k, v in measured)
    return (
        "<details><summary>features</summary><div class=features>"
        "<table><thead><tr><th>term</th><th>value</th><th>weight</th><th>adds</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table><dl>{facts}</dl></div></details>"
    )


def _show(value: Any) -> str:
    """A measurement as shown: floats to three places, at most VALUE_LIMIT characters.

    >>> _show(0.12345), _show(()), _show(("p", "div")), len(_show("x" * 1000))
    ('0.123', '—', 'p, div', 201)
    """
    if isinstance(value, float):
        return f"{value:.3f}"
    if isinstance(value, tuple):
        shown = ", ".join(map(str, value)) or "—"
    else:
        shown = "—" if value is None else str(value)
    return shown if len(shown) <= VALUE_LIMIT else shown[:VALUE_LIMIT] + "…"


# -- diff --------------------------------------------------------------------------------------


def _pairs(a: Sequence[Block], b: Sequence[Block]) -> list[tuple[Block | None, Block | None]]:
    """Blocks of two extractions paired by text, in page order (:func:`cleantext.align.align`)."""
    ta, tb = [x.text for x in a], [x.text for x in b]
    if ta == tb:
        return list(zip(a, b))
    return [(a[i] if i is not None else None, b[j] if j is not None else None) for i, j in align(ta, tb)]


def _change(a: Block | None, b: Block | None) -> str:
    if a is None or b is None:
        return "only"
    if a.kept != b.kept:
        return "now-kept" if b.kept else "now-dropped"
    return "reasons" if a.reasons != b.reasons else "same"


def _side(b: Block | None, other: Block | None = None) -> str:
    """One side of a diff row; ``other`` (side A, for side B) marks what differs."""
    if b is None:
        return '<div class="cell absent">not a block here</div>'
    verdict = "kept" if b.kept else "dropped"
    new_verdict = " differs" if other is not None and other.kept != b.kept else ""
    new_reasons = " differs" if other is not None and other.reasons != b.reasons else ""
    return (
        f'<div class="cell {verdict}"><span class="idx">#{b.index}</span> '
        f'<span class="verdict{new_verdict}">{"KEEP" if b.kept else "drop"}</span> '
        f'<span class="kind">{esc(b.kind)}</span><div class="score">{_bar(b.score)}</div>'
        f'<div class="reasons{new_reasons}">{_reasons(b.reasons)}</div></div>'
    )


def _diff_row(a: Block | None, b: Block | None) -> str:
    change = _change(a, b)
    shown = a if a is not None else b
    text = _text(shown.text if shown is not None else "")
    cell = text if text.endswith("</div>") else f"<div>{text}</div>"  # a cut text: one grid cell
    return f'<div class="row {"same" if change == "same" else "changed " + change}">{cell}{_side(a)}{_side(b, a)}</div>'


def _diff_rows(rows: Sequence[tuple[Block | None, Block | None]], w: _Writer) -> None:
    """Every pair as a row, within the budget: when crowded, runs of unchanged rows are one row."""
    crowded = _crowded(((a if a is not None else b).text for a, b in rows), 1500, w.budget)  # type: ignore[union-attr]
    i = 0
    while i < len(rows):
        if w.spent(0.9):
            rest = rows[i:]
            w.write(
                f'<p class="note cut">{len(rest):,} more rows are not shown '
                f"({sum(1 for r in rest if _change(*r) != 'same'):,} of them changed): the report reached "
                "its size limit.</p>"
            )
            return
        end = i
        while crowded and end < len(rows) and _change(*rows[end]) == "same":
            end += 1
        if end - i >= RUN_MIN:
            first, last = rows[i][0], rows[end - 1][0]
            assert first is not None and last is not None
            w.write(
                f'<div class="row same run"><div class="text"><span class="more">{end - i:,} unchanged blocks '
                f"(#{first.index}–#{last.index} in A), shown as one row</span></div><div></div><div></div></div>"
            )
            i = end
            continue
        w.write(_diff_row(*rows[i]))
        i += 1
