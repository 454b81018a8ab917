"""A Document holds its blocks as columns and builds the Block objects (and a text dump's layout)
only when read; it pickles as its fields and those columns (cleantext.columns)."""

from __future__ import annotations

import copy
import dataclasses
import json
import math
import pickle
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pages import html_page, text_dump

import cleantext
from cleantext import columns
from cleantext.blocks import text_blocks
from cleantext.columns import PackedBlocks
from cleantext.document import CONTENT_FIELDS, Block, Document
from cleantext.features import Features, measure, to_columns

PAGES_DIR = Path(__file__).parent / "pages"
P1 = "6月3日，重庆市科技局与上海市科委签署科技合作框架协议，双方将在七个方面开展深度合作。"
P2 = "根据协议，两地将共建科技创新平台，推动科研仪器设备共享，联合开展关键核心技术攻关。"
P3 = "双方还将加强人才交流，互派干部挂职锻炼，共同举办创新创业大赛，推动成果转化落地。"

HTML_RICH = (
    "<html><head><title>沪渝携手推动发展_重庆日报</title></head>"
    "<body><nav><a href='/'>首页</a> <a href='/n'>新闻</a></nav>"
    f"<article><h1>沪渝携手推动发展</h1><p>发布时间:2021-06-04 来源:重庆日报</p><p>{P1}</p>"
    f"<h2>小标题</h2><ul><li>{P2}</li><li><a href='/x'>链接</a>{P3}</li></ul>"
    f"<table><tr><th>城市</th><th>投资</th></tr><tr><td>上海</td><td>120亿元</td></tr></table>"
    f"<pre>  code  line\n    two</pre><img src='/a.png' alt='图 一'><blockquote>{P1}</blockquote></article>"
    "<footer>版权所有 重庆日报 渝ICP备05003419号</footer></body></html>"
)
DUMP_RICH = (
    f"沪渝携手推动发展\n\n发布时间:2021-06-04 文章来源:重庆日报\n\n{P1}\n\n  1. {P2}\n  2. {P3}\n     续行\n\n"
    f"城市    投资\n上海    120亿元\n北京    90亿元\n\n    def f(x):\n        return x\n\n{P3}\n\n责任编辑:张三\n"
)
DECLARED = (
    "<html><head><title>沪渝携手推动发展_重庆日报</title><script type='application/ld+json'>"
    + json.dumps({"@type": "NewsArticle", "headline": "沪渝携手推动发展", "articleBody": f"{P1}\n{P2}\n{P3}"})
    + "</script></head><body><div id='app'></div></body></html>"
)


def _pages() -> list[tuple[str, bytes | str, dict[str, object]]]:
    found: list[tuple[str, bytes | str, dict[str, object]]] = [
        (p.name, p.read_bytes(), {}) for p in sorted(PAGES_DIR.iterdir()) if p.suffix in (".html", ".txt")
    ]
    found += [
        ("html-rich", HTML_RICH, {}),
        ("html-rich-links", HTML_RICH, {"include_links": True, "include_images": True, "keep_title_in_text": True}),
        ("dump-rich", DUMP_RICH, {"input_format": "text"}),
        ("declared", DECLARED, {}),
        ("synthetic-html", html_page(30_000, seed=3), {}),
        ("synthetic-dump", text_dump(30_000, seed=4), {"input_format": "text"}),
        ("empty", "", {}),
        ("binary", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, {}),
        ("surrogate", f"{P1}\ud800{P2}\n\n{P3}", {"input_format": "text"}),
        ("comments", (PAGES_DIR / "blog_comments.html").read_bytes(), {"include_comments": True}),
    ]
    return found


PAGES = _pages()
IDS = [name for name, _, _ in PAGES]


def _extract(page: bytes | str, options: dict[str, object]) -> Document:
    return cleantext.extract(page, url="http://e.cn/a/1.html", use_jieba=False, **options)  # type: ignore[arg-type]


def _everything(doc: Document) -> str:
    """All a caller can read of ``doc``, as one string."""
    parts = [
        json.dumps(doc.to_dict(blocks=True, fields=CONTENT_FIELDS), ensure_ascii=False, default=repr),
        repr(doc),
        repr(doc.layout),
        doc.explain(),
        repr((doc.kept, doc.dropped, doc.paragraphs)),
    ]
    return "\n".join(parts)


# -- laziness --------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "page", "options"), PAGES, ids=IDS)
def test_reading_text_and_metadata_builds_no_block(name: str, page: bytes | str, options: dict[str, object]) -> None:
    doc = _extract(page, options)
    doc.text, doc.title, doc.published, doc.source, doc.paragraphs, doc.comments  # noqa: B018
    row = doc.to_dict(fields=("text", "comments"))
    assert "_blocks" not in doc.__dict__ and "_layout" not in doc.__dict__  # never built
    assert row["kept_blocks"] + row["dropped_blocks"] == len(doc.blocks)  # counted from the columns
    assert row["kept_blocks"] == len(doc.kept)


def test_markdown_and_html_build_the_layout_but_no_block() -> None:
    for page, options in ((HTML_RICH, {}), (DUMP_RICH, {"input_format": "text"})):
        doc = _extract(page, options)
        assert doc.markdown and doc.html
        assert "_layout" in doc.__dict__ and "_blocks" not in doc.__dict__


def test_blocks_are_built_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    make = columns.make_blocks
    monkeypatch.setattr(columns, "make_blocks", lambda *a, **k: calls.append(1) or make(*a, **k))
    doc = _extract(HTML_RICH, {})
    doc.to_dict(fields=("text", "markdown", "html"))
    assert calls == []
    first = doc.blocks
    assert doc.blocks is first and doc.kept and doc.explain() and calls == [1]


def test_lazy_blocks_hold_what_the_stages_measure() -> None:
    """The blocks built on first read carry the splitter's blocks and the core's features."""
    doc = _extract(DUMP_RICH, {"input_format": "text"})
    raw = text_blocks(DUMP_RICH)
    assert [(b.index, b.text, b.kind, b.start, b.end) for b in doc.blocks] == [
        (i, r.text, r.kind, r.start, r.end) for i, r in enumerate(raw)
    ]
    assert [b.features for b in doc.blocks] == list(measure(raw))
    assert "\n".join(b.text for b in doc.blocks if b.kept) == doc.text
    assert all(b.score == round(b.score, 3) for b in doc.blocks)


# -- the same Document, unchanged by the laziness ----------------------------------------------


def test_document_stays_frozen_and_unhashable_as_before() -> None:
    doc = _extract(HTML_RICH, {})
    for name, value in (("blocks", ()), ("layout", None), ("text", "")):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(doc, name, value)
    with pytest.raises(TypeError):  # origins is a dict, as it always was
        hash(doc)
    assert [f.name for f in dataclasses.fields(doc)][:3] == ["text", "title", "blocks"]
    assert Document.layout is None  # the field's default, read on the class


def test_documents_made_by_hand_and_by_replace_work_as_before() -> None:
    doc = _extract(HTML_RICH, {})
    swapped = dataclasses.replace(doc, blocks=doc.blocks[::-1])
    assert swapped.blocks == doc.blocks[::-1] and swapped != doc and swapped.layout == doc.layout
    assert dataclasses.replace(doc) == doc
    made = Document(text="正文。", title=None, blocks=doc.blocks, encoding="utf-8", encoding_source="str",
                    decode_errors=0, format="html")  # fmt: skip
    assert made.blocks is doc.blocks and made.layout is None
    assert made.to_dict()["kept_blocks"] == len(doc.kept)
    again = pickle.loads(pickle.dumps(made))
    assert again == made and again.blocks == doc.blocks
    assert copy.copy(doc) == doc and copy.deepcopy(doc) == doc
    assert dataclasses.asdict(doc)["blocks"][0]["features"] == dataclasses.asdict(doc.blocks[0].features)


# -- pickles ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "page", "options"), PAGES, ids=IDS)
@pytest.mark.parametrize("protocol", range(2, pickle.HIGHEST_PROTOCOL + 1))
def test_pickle_round_trip_gives_the_same_document(
    name: str, page: bytes | str, options: dict[str, object], protocol: int
) -> None:
    doc = _extract(page, options)
    fresh = pickle.loads(pickle.dumps(doc, protocol=protocol))  # nothing read yet
    assert "_blocks" not in fresh.__dict__ and "_layout" not in fresh.__dict__  # lazy on this side too
    row = ("text", "comments")
    assert fresh.text == doc.text and fresh.to_dict(fields=row) == doc.to_dict(fields=row)
    assert "_blocks" not in fresh.__dict__
    assert fresh.markdown == doc.markdown and fresh.html == doc.html and "_blocks" not in fresh.__dict__
    expected = _everything(doc)
    assert _everything(fresh) == expected and fresh == doc
    later = pickle.loads(pickle.dumps(doc, protocol=protocol))  # after everything was read
    assert _everything(later) == expected and later == doc
    twice = pickle.loads(pickle.dumps(fresh, protocol=protocol))  # a copy of a copy
    assert _everything(twice) == expected and twice.markdown == doc.markdown


def test_pickle_is_compact() -> None:
    """The texts and under 64 bytes a block (the Block and Features objects: over 100)."""
    for page, options in ((html_page(300_000, seed=1), {}), (text_dump(300_000, seed=2), {"input_format": "text"})):
        doc = _extract(page, options)
        n, texts = len(doc.blocks), sum(len(b.text.encode()) for b in doc.blocks)
        size = len(pickle.dumps(doc)) - len(doc.text.encode()) - texts
        objects = len(pickle.dumps((doc.blocks, doc.layout))) - texts
        assert n > 1000
        assert size < 64 * n and size < objects / 2, (size, objects, n)


@pytest.mark.parametrize(
    ("name", "options", "crosses"),
    [
        ("news_article.html", {}, True),
        ("news_article.html", {"keep_title_in_text": True}, False),  # the text is not the kept blocks'
        ("news_article.html", {"min_body_han": 10**6}, False),  # no text
        ("dump_teasers.txt", {"input_format": "text"}, True),
    ],
)
def test_a_documents_text_crosses_once(name: str, options: dict[str, object], crosses: bool) -> None:
    """A Document whose text is its kept blocks' texts joined pickles that text once, as the
    core wrote it (the packed blocks' body): neither as a str field nor again among the blocks'
    texts; it comes back the same, its blocks' texts too."""
    page = (PAGES_DIR / name).read_bytes()
    doc = _extract(page, options)
    with columns.held_page(page):
        sent = pickle.dumps(doc)
        packed = doc.__dict__["_table"].packed()
        assert packed.carries_text() is crosses and (packed.body() == doc.text if crosses else packed.body() is None)
        again = pickle.loads(sent)
    kept = [b.text for b in doc.blocks if b.kept]
    assert kept and max(map(len, kept)) > 20
    longest = max(kept, key=len).encode()
    assert sent.count(longest) == (2 if doc.text and not crosses else 1)  # (a str field and a block's text)
    assert again.text == doc.text and again.blocks == doc.blocks and again == doc
    assert _everything(again) == _everything(doc)


def test_blocks_packed_before_the_body_still_unpickle() -> None:
    """A state of 11 fields (packed blocks as sessions before the body wrote them, with the text
    pickled apart) unpacks to the same blocks; the Document keeps its own text."""
    doc = _extract(HTML_RICH, {})
    table = doc.__dict__["_table"]
    plain = columns.LiveBlocks(table.raw, table.columns, table.scores, table.kept, table.reasons).packed()
    assert plain.state[-1] is None
    old = PackedBlocks(plain.state[:-1])
    assert not old.carries_text() and old.body() is None
    assert old.build() == doc.blocks and old.texts_kept() == plain.texts_kept()
    again = pickle.loads(pickle.dumps(dataclasses.replace(doc)))  # (a Document of Block objects)
    assert again == doc


def test_kept_texts_cut_from_the_text_come_back_whatever_they_hold() -> None:
    """Kept texts holding line breaks (a <pre>), empty ones, the first or last kept or not: the
    blocks come back from a body and the other texts, for any kept flags."""
    rng = random.Random(7)
    doc = _extract(HTML_RICH, {})
    table = doc.__dict__["_table"]
    texts = [b.text for b in doc.blocks]
    assert len(texts) > 8
    for _ in range(200):  # the core's blocks
        kept = [rng.random() < 0.5 for _ in texts]
        live = columns.LiveBlocks(table.raw, table.columns, table.scores, kept, table.reasons, text_is_kept=True)
        packed = live.packed()
        assert packed.body() == "\n".join(t for t, k in zip(texts, kept) if k)
        assert packed.texts_kept() == (texts, kept)
        assert packed.state == _repacked(packed).state  # the Python packer's, byte for byte
    f = measure(text_blocks("今天下雨了。\n"))[0]
    pool = ["", "\n", "甲\n乙", "正文。", "a\n\nb", "\ud800"]
    for _ in range(300):  # any texts (line breaks, empty, a lone surrogate)
        n = rng.randint(0, 6)
        blocks = [_block(i, f, text=rng.choice(pool), kept=rng.random() < 0.5) for i in range(n)]
        packed = _repacked(_pack_blocks(blocks))
        assert packed.build() == tuple(blocks)
        assert packed.body() == "\n".join(b.text for b in blocks if b.kept)


def _repacked(packed: PackedBlocks) -> PackedBlocks:
    """``packed`` packed again by the Python packer."""
    blocks = packed.build()
    names = ("kind", "start", "end", "score", "kept", "reasons", "path")
    table: dict[str, list[object]] = {name: [getattr(b, name) for b in blocks] for name in names}
    if isinstance(packed.state[6], bytes):
        table["score"] = list(columns.array_of(packed.state[6]))  # (before rounding)
    features = to_columns([b.features for b in blocks])
    return PackedBlocks.pack([b.text for b in blocks], table, features, None, text_is_kept=True)


def test_workers_send_back_lazy_documents_equal_to_in_process_ones() -> None:
    pages = [HTML_RICH, DUMP_RICH, html_page(20_000, seed=5)]
    cleaner = cleantext.Cleaner(use_jieba=False)
    alone = list(cleaner.extract_many(pages, jobs=1))
    sent = list(cleaner.extract_many(pages, jobs=2))
    assert all("_blocks" not in d.__dict__ for d in sent)
    assert sent == alone and [d.markdown for d in sent] == [d.markdown for d in alone]


# -- the packed columns, value for value --------------------------------------------------------


def _pack_blocks(blocks: list[Block], page: str | None = None) -> PackedBlocks:
    """``blocks`` packed (their scores, rounded already, are rounded again when built: the same)."""
    names = ("kind", "start", "end", "score", "kept", "reasons", "path")
    table: dict[str, list[object]] = {name: [getattr(b, name) for b in blocks] for name in names}
    features = to_columns([b.features for b in blocks])
    return PackedBlocks.pack([b.text for b in blocks], table, features, page)


def _block(i: int, f: Features, **changes: object) -> Block:
    fields = {"index": i, "text": "正文。", "kind": "line", "start": 3 * i, "end": 3 * i + 3, "score": 1.5}
    fields |= {"kept": True, "reasons": ("main-region",), "features": f, "path": ""}
    return Block(**(fields | changes))  # type: ignore[arg-type]


def test_packed_columns_keep_odd_values_exactly() -> None:
    """Values the packed forms do not expect (a negative zero, NaN, None, an int among floats, a
    1 among flags, an int past 64 bits) come back as they were, type included; the features,
    which the core holds typed, come back bit for bit (a negative zero, NaN, None, a ratio the
    other fields do not give, a position past 1, the largest count). (The columns the native core
    and the splitters make are typed by them and not checked: no float among their ints.)"""
    f = measure(text_blocks("今天下雨了。\n返回顶部\n"))[0]
    odd = [
        _block(0, f, score=-0.0),
        _block(1, dataclasses.replace(f, han_ratio=0.25, stopword_density=None, position=math.nan)),
        _block(2, dataclasses.replace(f, stopword_density=-0.0), kept=1, score=math.nan),
        _block(3, dataclasses.replace(f, lexicon=("icp",)), reasons=[1], path=1, kind=None),
        _block(4, dataclasses.replace(f, han=(1 << 64) - 1, position=1e308, link_density=-0.0), end=1 << 65),
        _block(5, f, path=True, kind=1),  # equal to the 1s above, not the same
    ]
    built = _pack_blocks(odd).build()
    assert repr(built) == repr(tuple(odd))
    assert [type(getattr(b, n)) for b in built for n in ("score", "kept")] == [
        type(getattr(b, n)) for b in odd for n in ("score", "kept")
    ]
    assert math.copysign(1, built[2].features.stopword_density) == -1  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"han": 1 << 70}, "han"),
        ({"chars": -1}, "chars"),
        ({"heading": 1}, "heading"),
        ({"lexicon": ("a", 1)}, "lexicon"),
    ],
)
def test_features_the_core_cannot_hold_are_named(change: dict[str, object], field: str) -> None:
    f = dataclasses.replace(measure(text_blocks("今天下雨了。\n"))[0], **change)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=field):
        _pack_blocks([_block(0, f)])


_floats = st.floats(allow_nan=False, width=64) | st.sampled_from([0.0, -0.0, 0.5, 1.0, 1 / 3])


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.text(max_size=6),
            st.integers(0, 2000),
            st.integers(0, 40),
            _floats,
            st.booleans(),
            st.sampled_from([(), ("title",), ("main-region", "metadata")]),
            st.integers(0, 300),
            _floats,
            st.none() | st.integers(0, 50),
        ),
        max_size=40,
    ),
    st.booleans(),
)
def test_packed_columns_round_trip(rows: list[tuple[object, ...]], sliced: bool) -> None:
    blocks, page = [], ""
    for i, (text, start, width, score, kept, reasons, chars, density, link) in enumerate(rows):
        han = chars // 2
        f = Features(chars, han, han / (chars or 1), 1, kept, density, False, kept, False, link, None, reasons,
                     density, i / len(rows))  # fmt: skip
        if sliced:  # a text dump: most texts are the page's slices
            start, page = len(page), page + text + "\n"
        blocks.append(_block(i, f, text=text, start=start, end=start + (len(text) if sliced else width),
                             score=round(score, 3), kept=kept, reasons=reasons))  # fmt: skip
    packed = _pack_blocks(blocks, page if sliced else None)
    again = pickle.loads(pickle.dumps(packed))
    assert repr(again.build()) == repr(tuple(blocks))
    assert again.texts_kept() == ([b.text for b in blocks], [b.kept for b in blocks])
    assert again.kept_count() == sum(b.kept for b in blocks) and len(again) == len(blocks)


@pytest.mark.parametrize("make", [html_page, text_dump])
def test_the_views_read_only_the_kept_texts(make: object) -> None:
    """What the Markdown and HTML views read of a fresh Document's blocks: each kept block's
    text where it is, nothing made of the others; a pickled Document's blocks give them all."""
    doc = cleantext.extract(make(size=20_000, seed=3), use_jieba=False)  # type: ignore[operator]
    table = doc.__dict__["_table"]
    texts, kept = table.kept_texts()
    every, flags = table.texts_kept()
    assert flags == kept and len(texts) == len(every) and 0 < sum(kept) < len(kept)
    assert [t for t, k in zip(texts, kept) if k] == [t for t, k in zip(every, kept) if k]
    assert all(t == "" for t, k in zip(texts, kept) if not k)
    again = pickle.loads(pickle.dumps(doc))
    assert again._kept_texts() == (every, flags) and again.markdown == doc.markdown and again.html == doc.html


@pytest.mark.parametrize("mode", ["text", "html"])
def test_reasons_are_finished_only_when_the_blocks_are_read(monkeypatch: pytest.MonkeyPatch, mode: str) -> None:
    """The editor lines' ``metadata`` reason is found when the blocks (or a pickle) are first
    read, not for a caller of ``text`` and the fields alone; then as before, whichever way."""
    from cleantext import pipeline

    calls: list[str] = []
    finish = pipeline._with_metadata
    monkeypatch.setattr(pipeline, "_with_metadata", lambda text, reasons: calls.append(text) or finish(text, reasons))
    page = (text_dump if mode == "text" else html_page)(size=3000, seed=0).encode()
    page = page.replace("校对".encode(), b"").replace(
        "责任编辑".encode(), "校对：赵五\n责任编辑".encode() if mode == "text" else "校对：赵五</p><p>责任编辑".encode()
    )
    doc = cleantext.extract(page, input_format=mode)
    assert (doc.text, doc.title, doc.editor, doc.published) and doc.editor == "张三"
    assert calls == []  # (the metadata found the editor without finishing the reasons)
    sent = pickle.loads(pickle.dumps(doc))  # (the worker's pickle finishes them)
    assert len(calls) >= 2
    editor_lines = [b for b in doc.blocks if "editor-line" in b.reasons]
    assert [("metadata" in b.reasons) for b in editor_lines if "张三" in b.text] == [True]
    assert [("metadata" in b.reasons) for b in editor_lines if "赵五" in b.text] == [False]
    assert [b.reasons for b in sent.blocks] == [b.reasons for b in doc.blocks]
    fresh = cleantext.extract(page, input_format=mode)
    assert [b.reasons for b in fresh.blocks] == [b.reasons for b in doc.blocks]


def test_finished_reasons_add_metadata_and_merged_once() -> None:
    """Read twice, or by two threads at once, the reasons are finished once: ``merged`` is never added twice."""
    import threading

    from cleantext import pipeline
    from cleantext.blocks import RawBlock

    lines = [RawBlock(t, "line", 0, 1) for t in ("正文。", "（责任编辑：王某）", "校对：赵五")]
    selected = (("main-region",), ("editor-line",), ("editor-line",))
    finish = pipeline._FinishedReasons(lines, [1, 2], lambda _: [0, 1])
    expected = [("main-region", "merged"), ("editor-line", "metadata", "merged"), ("editor-line",)]
    assert finish(selected) == expected and finish(selected) == expected
    table = columns.LiveBlocks(lines, None, [0.0] * 3, [True, False, False], selected, finish=finish)  # type: ignore[arg-type]
    seen: list[object] = []
    threads = [threading.Thread(target=lambda: seen.append(list(table.reasons))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert seen == [expected] * 4 and table.reasons is table.reasons and selected[1] == ("editor-line",)
