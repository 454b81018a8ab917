"""The per-page steps made cheaper for small pages give what their plain forms give: the
metadata's label patterns searched only where a label's character is, HeadMeta and Metadata
stored without their ``__init__``, ``_clean`` without a pattern, the XML declaration matched
at the start."""

from __future__ import annotations

import html
import pickle
import random
import re
from dataclasses import fields

import pytest

from cleantext import decode, headmeta, metadata
from cleantext.headmeta import HeadMeta, read_head
from cleantext.metadata import Metadata, collect

#: Pieces of metadata lines: labels (and near misses), separators, names, dates, whitespace.
_PIECES = (
    "作者", "记者", "撰文", "文", "者", "文章", "责任编辑", "责编", "编辑", "值班编辑", "本文编辑", "实习编辑",
    "编", "编辑部", "来源", ":", "：", "/", " ", "\u3000", "张三", "李四", "新华社", "2021-06-04", "（", "）", "|",
    "校对", "記者", "編輯",
)  # fmt: skip


def _lines(seed: int, count: int) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(_PIECES) for _ in range(rnd.randint(1, 8))) for _ in range(count)]


def test_author_and_editor_as_their_patterns_find_them() -> None:
    for text in _lines(1, 20_000):
        plain = metadata.simplified(text)
        found = metadata._AUTHOR.search(plain)
        assert _span(metadata._author(plain)) == _span(found), text
        editor = next((m for m in (p.search(plain) for p in metadata._EDITORS) if m), None)
        assert metadata._editor(text, plain) == (text[editor.start(1) : editor.end(1)] if editor else None), text


def _span(m: re.Match[str] | None) -> tuple[int, int] | None:
    return m.span(1) if m else None


@pytest.mark.parametrize(
    "value",
    ["null", "NULL\n", "undefined", "Undefined\n", "未知", "互联网", "undefined!", "新华社", "x" * 12, "ＮＵＬＬ"],
)
def test_placeholders_as_the_pattern_finds_them(value: str) -> None:
    line = f"来源：{value}"
    expected = None if metadata._PLACEHOLDER.match(value) else value
    assert collect([(line, ("metadata",))], (0, 0), None, None).source == expected


def test_clean_as_the_pattern_cleans() -> None:
    space = re.compile(r"\s+")
    alphabet = [" ", "\t", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x85", "\xa0", "\u2028", "\u3000", "\u200b", "\ufeff"]
    alphabet += ["新", "a", "&amp;", "&nbsp;", "&#12288;", "&"]
    rnd = random.Random(2)
    for _ in range(20_000):
        value = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 12)))
        assert headmeta._clean(value) == space.sub(" ", html.unescape(value)).strip(), repr(value)


def test_head_meta_as_its_init_makes_it() -> None:
    page = (
        '<title> 沪渝携手_重庆日报 </title><meta name="author" content="张三">'
        "<meta property=og:site_name content=重庆日报>"
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "沪渝携手", '
        '"datePublished": "2021-06-04T14:23:36+08:00"}</script>'
    )
    for made in (read_head(page), read_head("<p>无</p>")):
        plain = HeadMeta(**{f.name: getattr(made, f.name) for f in fields(HeadMeta)})
        assert made == plain and repr(made) == repr(plain) and list(vars(made)) == list(vars(plain))
        assert pickle.loads(pickle.dumps(made)) == plain
        with pytest.raises(AttributeError):
            made.title = "x"  # type: ignore[misc]  # (still frozen)


def test_metadata_as_its_init_makes_it() -> None:
    head = read_head('<title>沪渝携手_重庆日报</title><meta name="pubdate" content="2021-06-04">')
    lines = [
        ("沪渝携手", ("title",)),
        ("来源：新华社 作者：张三", ("metadata",)),
        ("（责任编辑：王某）", ("editor-line",)),
    ]
    for made in (collect(lines, (0, 2), "沪渝携手", head), collect([], None, None, None)):
        plain = Metadata(**{f.name: getattr(made, f.name) for f in fields(Metadata)})
        assert made == plain and repr(made) == repr(plain) and list(vars(made)) == list(vars(plain))
        assert pickle.loads(pickle.dumps(made)) == plain
    assert collect(lines, (0, 2), "沪渝携手", head).published is not None  # (the meta ``pubdate``)


def test_xml_declaration_matched_as_searched() -> None:
    pieces = [b" ", b"\n", b"<?xml", b' version="1.0"', b" encoding=", b'"gbk"', b"'utf-8'", b">", b"x", b"<p>"]
    rnd = random.Random(3)
    for _ in range(20_000):
        raw = b"".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 8)))
        searched = decode._XML_ENCODING.search(raw)
        matched = decode._XML_ENCODING.match(raw)
        assert (searched and searched.group(1)) == (matched and matched.group(1)), raw


def test_selection_as_its_init_makes_it() -> None:
    from dataclasses import replace

    from cleantext.blocks import RawBlock
    from cleantext.features import measure_columns
    from cleantext.score import score_columns
    from cleantext.select import Selection, select_columns

    texts = [
        "沪渝携手推动发展",
        "首页 新闻 体育",
        "今天，我们在重庆签署了合作协议，双方将深度合作。",
        "（责任编辑：王小明）",
    ]
    blocks = [
        RawBlock(t, "heading" if i == 0 else "paragraph", 0, 1, link_chars=6 if "首页" in t else 0)
        for i, t in enumerate(texts)
    ]
    columns = measure_columns(blocks)
    made = select_columns(blocks, columns, score_columns(columns), "沪渝携手推动发展_重庆日报")
    plain = Selection(**{f.name: getattr(made, f.name) for f in fields(Selection)})
    assert made == plain and repr(made) == repr(plain) and list(vars(made)) == list(vars(plain))
    assert made.marked_lines() == plain.marked_lines() == ([3], [3])
    assert replace(made, kept=(True,) * 4).kept == (True,) * 4
