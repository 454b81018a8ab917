"""The per-page shortcuts of the pipeline (what a 10 kB page pays once, whatever its size) give
what the long way gives: the Document built without its ``__init__``, the containers as rows."""

from __future__ import annotations

import dataclasses
import inspect
import pickle
from datetime import datetime

import pytest
from pages import html_page, text_dump

import cleantext
from cleantext.blocks.layout import Layout
from cleantext.document import Document, Later, assembled
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
