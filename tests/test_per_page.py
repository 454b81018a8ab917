"""The per-page shortcuts of the pipeline (what a 10 kB page pays once, whatever its size) give
what the long way gives: the Document built without its ``__init__``, the containers as rows."""

from __future__ import annotations

import builtins
import dataclasses
import inspect
import pickle
import random
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from pages import html_page, text_dump

import cleantext
from cleantext import decode, metadata
from cleantext.blocks.layout import Layout
from cleantext.document import Document, Later, assembled
from cleantext.lexicon import simplified
from cleantext.render import Rendering

PAGES = [(html_page(size=8_000, seed=1), "html"), (text_dump(size=8_000, seed=2), "text")]


def test_assembled_takes_every_field_in_order() -> None:
    """A field added to Document must be added to ``assembled`` too (its parameters are the fields)."""
    names = list(inspect.signature(assembled).parameters)
    assert names == [f.name for f in dataclasses.fields(Document)]


@pytest.mark.parametrize("blocks", [(), "table"])
@pytest.mark.parametrize("layout", [None, Layout(()), "later"])
def test_assembled_is_document_init(blocks: object, layout: object) -> None:
    doc = cleantext.extract(text_dump(seed=3), use_jieba=False)
    table = doc.__dict__["_table"]
    values = {
        "text": "今天，我们在重庆签署了合作协议。",
        "title": "沪渝携手推动发展",
        "blocks": table if blocks == "table" else blocks,
        "encoding": "gb18030",
        "encoding_source": "meta",
        "decode_errors": 2,
        "format": "html",
        "url": "http://example.cn/a.html",
        "published": datetime(2021, 6, 4),
        "source": "重庆日报",
        "author": "张三",
        "editor": "王某",
        "decoded_chars": 120,
        "origins": {"source": "line"},
        "comments": (),
        "layout": Later(lambda: None) if layout == "later" else layout,
        "rendering": Rendering(links=True),
    }
    fast, slow = assembled(**values), Document(**values)  # type: ignore[arg-type]
    assert list(vars(fast).items()) == list(vars(slow).items())
    assert fast == slow and repr(fast) == repr(slow)
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.text = "改"  # type: ignore[misc]


@pytest.mark.parametrize(("page", "mode"), PAGES)
def test_pipeline_document_is_as_init_makes_it(page: str, mode: str) -> None:
    doc = cleantext.extract(page, input_format=mode, use_jieba=False)
    state = dict(vars(doc))
    values = {name: state.pop(name) for name in [f.name for f in dataclasses.fields(Document)] if name in state}
    rebuilt = Document(blocks=state["_table"], layout=state["_later_layout"], **values)
    assert list(vars(rebuilt)) == list(vars(doc)) and rebuilt == doc
    assert pickle.loads(pickle.dumps(doc)) == doc


@pytest.mark.parametrize(("page", "mode"), PAGES)
def test_a_warm_page_runs_no_import(page: str, mode: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """An ``import`` in a function costs a page about 8,000 instructions (the import machinery,
    ``_handle_fromlist``, two attribute errors made and dropped) even when the module is loaded:
    the modules an article page goes through import what they use once, at their top."""
    cleaner = cleantext.Cleaner(input_format=mode).warm_up()
    raw = page.encode()
    cleaner.extract(raw)
    imported: list[str] = []
    real_import = builtins.__import__

    def counting(name: str, *args: Any, **kwargs: Any) -> Any:
        imported.append(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", counting)
    doc = cleaner.extract(raw)
    monkeypatch.undo()
    assert doc.text and imported == []


# -- cheap necessary conditions before a pattern: the same answers as the pattern alone ----------

_PIECES = ["来源", "出处", "图片", "视频", "数据", "文章", "稿件", "新闻", "更新", "修改", "编辑", "最后", "时间", "于"]
_CHARS = list("：: 　-/年月日重庆日报新华社张三0123456789０２T.<>?metaxmlcharset=\"'gbk")


def _texts(seed: int, n: int = 20_000) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(_PIECES + _CHARS) for _ in range(rnd.randint(0, 16))) for _ in range(n)]


def _dev_lines() -> list[str]:
    dev = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dev"
    return [line for p in sorted(dev.glob("*.txt"))[:40] for line in p.read_text("utf-8").splitlines()]


def test_source_starts_at_its_label() -> None:
    for text in _texts(1) + _dev_lines():
        plain = simplified(text)
        want = metadata._SOURCE.search(plain)
        got = metadata._source(plain)
        assert (got and (got.span(), got.groups())) == (want and (want.span(), want.groups())), text


def test_published_part_looks_for_its_words_first() -> None:
    for text in _texts(2) + _dev_lines():
        plain = simplified(text)
        out, end = [], 0
        for m in metadata._UPDATE_LABEL.finditer(plain):  # the function as it was, without the test first
            out.append(text[end : m.start()])
            end = m.end()
        assert metadata._published_part(text, plain) == "".join([*out, text[end:]]), text


def test_declared_charset_without_a_tag() -> None:
    for text in _texts(3, 5_000):
        raw = text.encode("utf-8")
        m = decode._XML_ENCODING.search(raw) or decode._META_CHARSET.search(raw)
        assert decode.declared_charset(raw) == (m.group(1).decode("ascii") if m else None), text
    assert decode.declared_charset("新闻来源：新华社\n".encode("gbk")) is None


def test_comments_read_the_containers_made_from_rows() -> None:
    """The pipeline hands selection the walk's container rows and makes Container objects only
    for the comments (and the little-Han fallback): the comments are those of the Containers."""
    from cleantext.blocks import html_block_table
    from cleantext.comments import find_comments

    raw = (Path(__file__).parent / "pages" / "blog_comments.html").read_bytes()
    doc = cleantext.extract(raw, include_comments=True, use_jieba=False)
    page = html_block_table(decode.decode(raw).text)
    kept = [b.kept for b in doc.blocks][: len(page.blocks)]
    assert doc.comments and doc.comments == find_comments(page.blocks, kept, page.containers)
