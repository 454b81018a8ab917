"""The seed page (a 重庆日报 article dumped as text, with a truncated lead and a 乐活HOT teaser list),
as a text dump and wrapped as GBK HTML: the body must equal the gold text line for line."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

import cleantext

DATA = Path(__file__).parent / "data"
SEED = (DATA / "seed_news.txt").read_bytes()
GOLD = tuple((DATA / "seed_news.gold.txt").read_text("utf-8").rstrip("\n").split("\n"))
TITLE = "沪渝携手加快推动长江经济带高质量发展"
KEPT_REASONS = {"main-region", "continues-region"}


@pytest.fixture(scope="module")
def doc() -> cleantext.Document:
    return cleantext.extract(SEED)


def _seed_parts() -> tuple[str, str, str, list[str], list[tuple[str, str]]]:
    """Title, dateline, truncated lead, paragraphs and (headline, summary) teasers of the seed dump."""
    lines = SEED.decode("utf-8").split("\n")
    title, dateline, lead, rest = lines[0], lines[1], lines[2], lines[3:]
    hot = rest.index("乐活HOT")
    paragraphs = [line for line in rest[:hot] if line.strip()]
    teasers: list[list[str]] = []
    for line in rest[hot + 1 :]:
        if line.startswith("  • "):
            teasers.append([line.strip()[2:]])
        elif line.startswith("    ") and line.strip():
            teasers[-1].append(line.strip())
    return title, dateline, lead, paragraphs, [(t[0], t[-1]) for t in teasers]


def seed_as_gbk_html() -> bytes:
    """The seed article as an old-style GBK news page labelled gb2312."""
    title, dateline, lead, paragraphs, teasers = _seed_parts()
    e = html.escape
    body = "\n".join(f"<p>{e(p)}</p>" for p in paragraphs)
    items = "\n".join(
        f'<li><a href="/news/2021-06/{i}.html" target="_blank">{e(h)}</a><p>{e(s)}</p></li>'
        for i, (h, s) in enumerate(teasers)
    )
    page = f"""<!DOCTYPE html>
<html><head><meta charset="gb2312"><title>{e(title)}_重庆日报</title>
<script>var _hmt = _hmt || []; document.write("统计代码不是正文");</script>
<style>.nav a {{ color: #333; }}</style></head>
<body>
<div class="nav"><a href="/">首页</a> | <a href="/news/">新闻</a> | <a href="/cq/">重庆</a>
 | <a href="/finance/">财经</a> | <a href="/tech/">科技</a> | <a href="/ent/">娱乐</a></div>
<div class="main">
<div class="article">
<h1>{e(title)}</h1>
<div class="info">{e(dateline)}</div>
<div class="summary">{e(lead)}</div>
<div class="content">
{body}
</div>
</div>
<div class="side">
<h3>乐活HOT</h3>
<ul>
{items}
</ul>
</div>
</div>
<div class="footer"><p>版权所有 重庆日报报业集团 渝ICP备05003419号</p><p>渝公网安备 50010302000001号</p></div>
</body></html>
"""
    return page.encode("gbk")


def test_gold_is_the_seed_body() -> None:
    """Sanity: the gold lines are the seed's full paragraphs."""
    _, _, _, paragraphs, teasers = _seed_parts()
    assert tuple(paragraphs) == GOLD
    assert len(teasers) == 10


def test_title(doc: cleantext.Document) -> None:
    assert doc.title == TITLE


def test_text_equals_gold(doc: cleantext.Document) -> None:
    assert doc.format == "text"
    assert doc.text.split("\n") == list(GOLD)
    assert doc.paragraphs == GOLD


def test_truncated_lead_dropped(doc: cleantext.Document) -> None:
    lead = SEED.decode("utf-8").split("\n")[2]
    (block,) = [b for b in doc.blocks if b.text == lead]
    assert not block.kept
    assert "truncated-duplicate" in block.reasons


def test_teaser_list_and_tail_dropped(doc: cleantext.Document) -> None:
    heading = [i for i, b in enumerate(doc.blocks) if b.text == "乐活HOT"]
    assert len(heading) == 1
    tail = doc.blocks[heading[0] :]
    assert sum(1 for b in tail if b.kind == "list-item") == 10
    assert tail[-1].text == "娱乐LOVE"
    for b in tail:
        assert not b.kept, b
        assert b.reasons, b
        assert not KEPT_REASONS & set(b.reasons), b
    assert all("teaser-list" in b.reasons for b in tail if b.kind == "list-item")


def test_dateline(doc: cleantext.Document) -> None:
    assert doc.published is not None and doc.published.isoformat() == "2021-06-04T14:23:36+08:00"
    assert doc.title == "沪渝携手加快推动长江经济带高质量发展"
    assert "发布时间" not in doc.text and "重庆日报" not in doc.text
    assert doc.source == "重庆日报"
    (block,) = [b for b in doc.blocks if b.text.startswith("发布时间")]
    assert not block.kept
    assert "metadata" in block.reasons


def test_every_block_has_a_reason(doc: cleantext.Document) -> None:
    assert all(b.reasons for b in doc.blocks)
    assert [b.index for b in doc.blocks] == list(range(len(doc.blocks)))
    assert [b.text for b in doc.kept] == list(GOLD)


def test_explain_mentions_every_block(doc: cleantext.Document) -> None:
    rows = doc.explain().split("\n")
    assert len(rows) == 4 + len(doc.blocks)  # summary, title, metadata, column heads
    assert f"{len(doc.blocks)} blocks, {len(doc.kept)} kept" in rows[0]
    for b, row in zip(doc.blocks, rows[4:], strict=True):
        assert row.split()[0] == str(b.index)
        assert ("KEEP" if b.kept else "drop") in row
        assert ",".join(b.reasons) in row
        assert b.text.replace("\n", " ⏎ ")[:20] in row


def test_offsets_point_into_the_page(doc: cleantext.Document) -> None:
    page = SEED.decode("utf-8")
    for b in doc.blocks:
        if b.kind == "line":
            assert page[b.start : b.end] == b.text


def test_without_jieba_same_body() -> None:
    assert cleantext.extract(SEED, use_jieba=False).paragraphs == GOLD


def test_str_input_same_as_bytes(doc: cleantext.Document) -> None:
    assert cleantext.extract(SEED.decode("utf-8")).text == doc.text


@pytest.fixture(scope="module")
def hdoc() -> cleantext.Document:
    return cleantext.extract(seed_as_gbk_html())


class TestGbkHtml:
    def test_decoded_as_gb18030_from_meta(self, hdoc: cleantext.Document) -> None:
        assert (hdoc.format, hdoc.encoding, hdoc.encoding_source, hdoc.decode_errors) == ("html", "gb18030", "meta", 0)

    def test_title(self, hdoc: cleantext.Document) -> None:
        assert hdoc.title == TITLE

    def test_same_body_text(self, hdoc: cleantext.Document) -> None:
        assert hdoc.paragraphs == GOLD

    def test_dateline(self, hdoc: cleantext.Document) -> None:
        assert hdoc.published is not None
        assert (hdoc.published.isoformat(), hdoc.source) == ("2021-06-04T14:23:36+08:00", "重庆日报")

    def test_boilerplate_dropped(self, hdoc: cleantext.Document) -> None:
        for snippet in ("首页", "乐活HOT", "版权所有", "渝公网安备", "统计代码", "color"):
            assert snippet not in hdoc.text
        lead = SEED.decode("utf-8").split("\n")[2]
        (block,) = [b for b in hdoc.blocks if b.text == lead]
        assert "truncated-duplicate" in block.reasons
