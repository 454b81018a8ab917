"""Metadata fields: title, published, source, author, editor; from text dumps and HTML (with and
without Open Graph / JSON-LD); dates in every format Chinese sites use (tests/cases/date_cases.json)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import cleantext
from cleantext.dates import CHINA, parse_date
from cleantext.headmeta import read_head
from cleantext.metadata import clean_title, editor, looks_like_person, source

CASES = json.loads((Path(__file__).parent / "cases" / "date_cases.json").read_text(encoding="utf-8"))["cases"]
TITLE = "沪渝携手加快推动长江经济带高质量发展"
P1 = "6月3日，重庆市科技局与上海市科委在2021浦江创新论坛上签署科技合作框架协议，双方将在七个方面深度合作。"
P2 = "根据协议，我市将与上海在科技创新中心建设、关键核心技术攻关、科技成果转化等方面开展合作，共同推动发展。"
P3 = "市科技局相关负责人表示，下一步将加强与上海的对接，推动协议落地见效，为长江经济带高质量发展贡献力量。"
NOW = datetime(2021, 6, 5, 9, 0, tzinfo=CHINA)


@pytest.mark.parametrize("case", CASES, ids=[c["text"] for c in CASES])
def test_date_formats(case: dict) -> None:
    now = datetime.fromisoformat(case["now"]) if "now" in case else None
    got = parse_date(case["text"], now=now, url=case.get("url"))
    assert (got.isoformat() if got else None) == case["want"]
    assert got is None or got.tzinfo is not None


def _dump(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def test_text_dump_every_field() -> None:
    doc = cleantext.extract(
        _dump(
            "首页 | 新闻 | 财经",
            TITLE,
            "2021-06-04 14:23:36 来源：重庆日报 记者：李明",
            P1,
            P2,
            P3,
            "（责任编辑：王某）",
            "版权所有 重庆日报 渝ICP备05003419号",
        )
    )
    assert doc.title == TITLE
    assert doc.published == datetime(2021, 6, 4, 14, 23, 36, tzinfo=CHINA)
    assert (doc.source, doc.author, doc.editor) == ("重庆日报", "李明", "王某")
    assert doc.paragraphs == (P1, P2, P3)
    for snippet in ("来源", "李明", "责任编辑", "王某"):
        assert snippet not in doc.text
    reasons = {b.text: b.reasons for b in doc.blocks}
    assert "metadata" in reasons["2021-06-04 14:23:36 来源：重庆日报 记者：李明"]
    assert reasons["（责任编辑：王某）"] == ("editor-line", "metadata")
    assert doc.origins == dict.fromkeys(("published", "source", "author", "editor"), "line") | {"title": "heading"}


def test_text_dump_no_metadata_is_none() -> None:
    doc = cleantext.extract(_dump(TITLE, P1, P2, P3))
    assert doc.title == TITLE
    assert (doc.published, doc.source, doc.author, doc.editor) == (None, None, None, None)
    assert doc.paragraphs == (P1, P2, P3)


def test_metadata_line_at_the_end_of_a_dump() -> None:
    doc = cleantext.extract(_dump(TITLE, P1, P2, P3, "来源：新华社", "编辑：赵六"))
    assert (doc.source, doc.editor) == ("新华社", "赵六")
    assert doc.paragraphs == (P1, P2, P3)


def test_body_sentence_with_a_date_stays() -> None:
    dated = "2021年6月4日，记者从市政府获悉，全市今年已新建5G基站一千余个，覆盖所有区县城区和重点乡镇。"
    doc = cleantext.extract(_dump(TITLE, "发布时间：2021-06-04 来源：重庆日报", dated, P1, P2))
    assert doc.paragraphs == (dated, P1, P2)
    assert doc.published == datetime(2021, 6, 4, tzinfo=CHINA)


def test_traditional_script() -> None:
    doc = cleantext.extract(_dump("滬渝攜手推動長江經濟帶高質量發展", "2021年6月4日 來源：中央社 記者：王小明", P1, P2))
    assert (doc.source, doc.author) == ("中央社", "王小明")


def test_relative_time_needs_now() -> None:
    page = _dump(TITLE, "客栈小K | 3小时前", P1, P2, P3)
    assert cleantext.extract(page).published is None
    assert cleantext.extract(page, now=NOW).published == datetime(2021, 6, 5, 6, 0, tzinfo=CHINA)
    assert cleantext.Cleaner().extract(page, now=NOW).published == datetime(2021, 6, 5, 6, 0, tzinfo=CHINA)


def test_now_at_the_ends_of_the_calendar_gives_no_error() -> None:
    """``now`` at year 1 or at the end of 9999: a relative time, a time without a year, is
    resolved where it can be and is ``None`` where it falls off the calendar (no OverflowError)."""
    first, last = datetime(1, 1, 1), datetime(9999, 12, 31, 23, 59)
    for line, now, want in [
        ("客栈小K | 3小时前", first, None),
        ("昨天 14:23", first, None),
        ("客栈小K | 3小时前", last, datetime(9999, 12, 31, 20, 59, tzinfo=CHINA)),
        ("发布时间：12-31 14:23 来源：人民网", last, datetime(9999, 12, 31, 14, 23, tzinfo=CHINA)),
        ("发布时间：01-01 10:00 来源：人民网", last, datetime(9999, 1, 1, 10, 0, tzinfo=CHINA)),
        ("发布时间：12-31 14:23 来源：人民网", first, None),  # (year 0)
    ]:
        assert cleantext.extract(_dump(TITLE, line, P1, P2, P3), now=now).published == want, (line, now)


def test_date_without_year_from_now_or_url() -> None:
    page = _dump(TITLE, "06-04 14:23 来源：人民网", P1, P2, P3)
    assert cleantext.extract(page).published is None
    assert cleantext.extract(page, now=NOW).published == datetime(2021, 6, 4, 14, 23, tzinfo=CHINA)
    by_url = cleantext.extract(page, url="http://example.cn/2019/0604/c1.html").published
    assert by_url == datetime(2019, 6, 4, 14, 23, tzinfo=CHINA)


def _html(head: str, dateline: str = "", tail: str = "") -> bytes:
    return (
        f"<html><head><meta charset='utf-8'>{head}</head><body>"
        f"<div class='nav'><a href='/'>首页</a> <a href='/n'>新闻</a></div>"
        f"<h1>{TITLE}</h1>{dateline}<div class='article'><p>{P1}</p><p>{P2}</p><p>{P3}</p>{tail}</div>"
        "<div class='footer'>版权所有 重庆日报 渝ICP备05003419号</div></body></html>"
    ).encode()


OG_LD = (
    f"<title>{TITLE}_重庆日报_新浪网</title>"
    f"<meta property='og:title' content='{TITLE}'>"
    "<meta property='article:published_time' content='2021-06-04T14:23:36+08:00'>"
    "<meta name='author' content='网易'>"
    '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
    '"headline": "x", "datePublished": "2021-06-04T06:23:36Z", "author": {"@type": "Person", "name": "张三"}}</script>'
)


def test_html_with_og_and_json_ld_and_no_visible_line() -> None:
    doc = cleantext.extract(_html(OG_LD))
    assert doc.title == TITLE
    assert doc.published == datetime(2021, 6, 4, 14, 23, 36, tzinfo=CHINA)  # the same instant as the JSON-LD one
    assert doc.origins["published"] == "json-ld"
    assert doc.author == "张三"  # from JSON-LD; meta author "网易" names the site, not a person
    assert (doc.source, doc.editor) == (None, None)
    assert doc.paragraphs == (P1, P2, P3)


def test_html_visible_line_wins_and_fills_the_rest() -> None:
    line = "<div class='info'>2021年06月04日 14:23 来源：重庆日报</div>"
    doc = cleantext.extract(_html(OG_LD, line, "<p>（责任编辑：王某）</p>"))
    assert doc.published == datetime(2021, 6, 4, 14, 23, tzinfo=CHINA)
    assert (doc.source, doc.author, doc.editor) == ("重庆日报", "张三", "王某")
    assert doc.origins["source"] == "line" and doc.origins["author"] == "json-ld"
    assert "重庆日报" not in doc.text and "王某" not in doc.text


def test_html_without_og_or_json_ld() -> None:
    head = (
        f"<title>{TITLE}-新华网</title><meta name='PubDate' content='2019-09-18 06:23'>"
        "<meta name='ContentSource' content='来源：山西日报'><meta name='author' content='马娟'>"
    )
    doc = cleantext.extract(_html(head))
    assert doc.title == TITLE
    assert doc.published == datetime(2019, 9, 18, 6, 23, tzinfo=CHINA)
    assert (doc.source, doc.author, doc.editor) == ("山西日报", "马娟", None)
    assert doc.origins == {"title": "heading", "published": "pubdate", "source": "contentsource", "author": "author"}


def test_html_title_from_markup_when_no_heading() -> None:
    page = (
        f"<html><head><title>{TITLE}_重庆日报</title></head><body>"
        f"<div><p>{P1}</p><p>{P2}</p><p>{P3}</p></div></body></html>"
    )
    doc = cleantext.extract(page)
    assert doc.title == TITLE
    assert doc.paragraphs == (P1, P2, P3)


def test_html_nothing_declared() -> None:
    page = f"<html><body><div><p>{P1}</p><p>{P2}</p><p>{P3}</p></div></body></html>"
    doc = cleantext.extract(page)
    assert (doc.title, doc.published, doc.source, doc.author, doc.editor) == (None, None, None, None, None)


def test_hostile_markup_is_harmless() -> None:
    head = (
        "<meta content>" * 1000
        + '<script type="application/ld+json">{"@type": '
        + "[" * 10000
        + "</script><script type='application/ld+json'>"
        + "x" * 300_000
        + "</script>"
    )
    doc = cleantext.extract(_html(head))
    assert doc.paragraphs == (P1, P2, P3)
    assert read_head("<meta name=author content='张三'").meta == {}


def test_meta_tags_and_json_ld_scripts_in_one_scan() -> None:
    """``read_head`` finds meta tags and JSON-LD scripts in one scan: in any case, in any order,
    a meta tag too long to read skipped, and only the first 20 scripts read."""
    ld = '<SCRIPT Type="Application/LD+JSON">{"@type": "NewsArticle", "headline": "标题甲", "author": "张三"}</script>'
    head = read_head(f'<META NAME="Author" CONTENT="李四">{ld}<meta property="og:title" content="标题乙">')
    assert head.meta == {"author": "李四", "og:title": "标题乙"}
    assert (head.ld_headline, head.ld_author) == ("标题甲", "张三")
    long = read_head('<meta name="a" content="' + "长" * 2100 + '"><meta name="a" content="短">')
    assert long.meta == {"a": "短"}
    empty = '<script type="application/ld+json">{}</script>'
    assert read_head(empty * 19 + ld).ld_headline == "标题甲"
    assert read_head(empty * 20 + ld).ld_headline is None


def test_to_dict_is_json_ready() -> None:
    doc = cleantext.extract(_html(OG_LD))
    row = json.loads(json.dumps(doc.to_dict()))
    assert row["published"] == "2021-06-04T06:23:36+00:00" and row["editor"] is None  # the zone the page gave


@pytest.mark.parametrize(
    ("title", "want"),
    [
        (f"{TITLE}_重庆日报_新浪网", TITLE),
        (f"{TITLE} - 人民网", TITLE),
        (f"{TITLE}｜澎湃新闻", TITLE),
        (f"{TITLE}-新华网", TITLE),
        (TITLE, TITLE),
    ],
)
def test_clean_title(title: str, want: str) -> None:
    assert clean_title(title) == want


@pytest.mark.parametrize(
    ("line", "want"),
    [
        ("（责任编辑：王某）", "王某"),
        ("责任编辑：荀建国_NN7379", "荀建国"),
        ("编辑：倪仕轩责任编辑：杨格", "杨格"),
        ("图片来源：新华社", None),
        ("【编辑：张三】", "张三"),
        ("责编 : 李四", "李四"),
        ("编辑部电话：010-12345678", None),
    ],
)
def test_editor(line: str, want: str | None) -> None:
    assert editor(line) == want
    if "图片" in line:
        assert source(line) is None


@pytest.mark.parametrize(
    ("name", "person"),
    [
        ("倪仕轩", True),
        ("买买提·艾力", True),
        ("网易", False),
        ("新京报", False),
        ("sina_mobile", False),
        ("", False),
    ],
)
def test_author_from_meta_is_a_person(name: str, person: bool) -> None:
    assert looks_like_person(name) is person


_DATELINE_ALPHABET = "0123456789０１２３:：/-年月日时分前刚昨天来源作者记者文发布时间 |。，[]（）重庆日报"


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=_DATELINE_ALPHABET, max_size=40))
def test_dateline_hint_is_in_every_dateline_match(text: str) -> None:
    """``is_dateline`` rejects a line without a digit, colon, slash or 刚刚 before any other test:
    every pattern that can make a line a dateline must need one of those."""
    from cleantext import metadata

    tests = (metadata._RELATIVE_TIME, metadata._MONTH_DAY_TIME, metadata._DATE, metadata._SOURCE, metadata._AUTHOR)
    if any(p.search(text) for p in tests):
        assert metadata._DATELINE_HINT.search(text), text


def test_impossible_zone_offset_is_not_a_crash() -> None:
    """Found by fuzzing: ``+80:00`` raised ValueError from ``datetime.timezone``. A zone no clock
    has is no zone: the time reads as the page's local (China) time."""
    meta = '<meta property="article:published_time" content="2022-06-04T14:23:36+80:00">'
    page = f"<html><head>{meta}</head><body><h1>{TITLE}</h1><p>{P1}</p><p>{P2}</p><p>{P3}</p></body></html>"
    doc = cleantext.extract(page)
    assert doc.published == datetime(2022, 6, 4, 14, 23, 36, tzinfo=CHINA)
    assert doc.origins["published"] == "article:published_time"


_DATELINE_PIECES = [
    "来源", "來源", "出处", "作者", "記者", "文", "：", ":", "/", "2021-06-04", "14:23", "3小时前", "刚刚",
    "昨天 12:30", "09-30 22:46", "发布时间", "。", "，", "图片来源", "www.a.com/2021/06/04", "http://x.cn/12-3", " ",
    "新华社", "12", "月", "日", "年", "前", "他于", "签署协议",
]  # fmt: skip


def test_dateline_shortcut_changes_no_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    """``is_dateline`` gives up early on a line holding none of what its tests need (one search,
    ``_DATELINE_NEEDS``): the answers are those of the full tests, on every block of the dev pages
    (both modes) and on 30,000 random lines made of dateline pieces."""
    import random

    from cleantext import metadata
    from cleantext.blocks import html_blocks, text_blocks
    from cleantext.decode import decode
    from cleantext.features import han_count

    texts = []
    dev = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dev"
    for path in sorted(dev.glob("*")):
        if path.suffix in (".html", ".txt") and not path.name.endswith(".gold.txt"):
            text = decode(path.read_bytes()).text
            texts += [b.text for b in (html_blocks(text).blocks if path.suffix == ".html" else text_blocks(text))]
    rng = random.Random(1203)
    texts += ["".join(rng.choice(_DATELINE_PIECES) for _ in range(rng.randint(1, 8))) for _ in range(30_000)]
    quick = [metadata.is_dateline(t, han_count(t)) for t in texts]
    monkeypatch.setattr(metadata, "_DATELINE_NEEDS", metadata.re.compile(""))  # every line goes through every test
    assert quick == [metadata.is_dateline(t, han_count(t)) for t in texts]
    assert 5_000 < sum(quick) < len(texts) - 5_000  # both answers are common


_LINE_PIECES = [
    *_DATELINE_PIECES, "责任编辑", "编辑", "責任編輯", "王某", "未知", "佚名", "更新时间", "最后更新",
    "：2022-03-01 09:00", "發布時間", "来源：未知", "作者：佚名", "（", "）", "２０２１－０６－０４", "1小时前",
]  # fmt: skip


def _reference(texts: list[str], now: datetime | None, url: str | None) -> tuple[object, ...]:
    """What ``collect`` reads from its lines, the plain way: every field of every line, the first
    value of each field kept (a placeholder is none), an update time only if nothing else."""
    from cleantext.metadata import _PLACEHOLDER, author, published_part

    found: dict[str, object] = {}
    updated = None
    for text in texts:
        posted = published_part(text)
        values = {"published": parse_date(posted, now=now, url=url), "source": source(text)}
        values |= {"author": author(text), "editor": editor(text)}
        if updated is None and posted != text:
            updated = parse_date(text, now=now, url=url)
        for name, value in values.items():
            if value is not None and not (isinstance(value, str) and _PLACEHOLDER.match(value)):
                found.setdefault(name, value)
    found.setdefault("published", updated)
    return tuple(found.get(name) for name in ("published", "source", "author", "editor"))


def test_collect_shortcuts_change_no_answer() -> None:
    """``collect`` reads only the marked lines (``marked``), simplifies each once and stops
    looking for a field once found: the fields are those of reading every line the plain way,
    on 3,000 random pages of metadata lines between prose."""
    import random

    from cleantext.metadata import collect

    rng = random.Random(1203)
    now = datetime(2021, 6, 5, 9, 0)
    for _ in range(3_000):
        lines: list[tuple[str, tuple[str, ...]]] = []
        for _ in range(rng.randint(1, 12)):
            text = "".join(rng.choice(_LINE_PIECES) for _ in range(rng.randint(1, 6)))
            reasons = rng.choice([("metadata",), ("editor-line",), ("editor-line", "metadata"), ("main-region",)])
            lines.append((text, reasons))
        every = [i for i, (_, r) in enumerate(lines) if "metadata" in r or "editor-line" in r]

        def marked(lo: int, hi: int, every: list[int] = every) -> list[int]:
            return [i for i in every if lo <= i <= hi]

        anchor = (rng.randrange(len(lines)), rng.randrange(len(lines))) if rng.random() < 0.8 else None
        for when, url in ((None, None), (now, "https://x.cn/2020/01/02/a.html")):
            got = collect(lines, anchor, None, None, url=url, now=when, marked=marked)
            plain = collect(lines, anchor, None, None, url=url, now=when)
            assert got == plain
            read = _metadata_lines_plain(lines, anchor)
            assert (got.published, got.source, got.author, got.editor) == _reference(read, when, url)


def _metadata_lines_plain(lines: list[tuple[str, tuple[str, ...]]], anchor: tuple[int, int] | None) -> list[str]:
    """The lines ``collect`` reads, in its order, found by looking at every line."""
    from cleantext.metadata import is_metadata_only

    first, last = anchor if anchor is not None else (0, len(lines) - 1)
    lo, hi = max(0, first - 4), min(len(lines) - 1, last + 8)
    near = [i for i in range(lo, hi + 1) if is_metadata_only(*lines[i])]
    near.sort(key=lambda i: (i < first - 1, abs(i - first), i < first))
    return [lines[i][0] for i in near]


def _first_chars(items: list[tuple[object, object]]) -> tuple[set[str] | None, bool]:
    """The characters a match of parsed pattern ``items`` can start with (``None``: any) and
    whether it can match the empty string: read from Python's parse of the pattern."""
    from re import _constants as c  # type: ignore[attr-defined]

    digits = {chr(i) for i in range(0x110000) if chr(i).isdecimal()}
    out: set[str] = set()
    for op, av in items:
        nullable = False
        if op is c.LITERAL:
            first: set[str] | None = {chr(av)}  # type: ignore[arg-type]
        elif op is c.IN:
            first = set()
            for o, a in av:  # type: ignore[attr-defined]
                if o is c.LITERAL:
                    first.add(chr(a))
                elif o is c.RANGE:
                    first |= {chr(i) for i in range(a[0], a[1] + 1)}
                elif o is c.CATEGORY and a is c.CATEGORY_DIGIT:
                    first |= digits
                else:
                    return None, False
        elif op is c.SUBPATTERN:
            first, nullable = _first_chars(av[3])  # type: ignore[index]
        elif op is c.BRANCH:
            first = set()
            for alternative in av[1]:  # type: ignore[index]
                f, n = _first_chars(alternative)
                if f is None:
                    return None, False
                first |= f
                nullable |= n
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            first, nullable = _first_chars(av[2])  # type: ignore[index]
            nullable |= av[0] == 0  # type: ignore[index]
        elif op in (c.ASSERT, c.ASSERT_NOT, c.AT):
            first, nullable = set(), True
        else:
            return None, False
        if first is None:
            return None, False
        out |= first
        if not nullable:
            return out, False
    return out, True


def test_dateline_token_look_ahead_holds_every_first_character() -> None:
    """``_DATELINE_TOKEN`` looks ahead for ``_TOKEN_FIRST`` before its alternatives: every
    character a token can start with must be in it (or some tokens would be missed)."""
    import re

    from cleantext import metadata

    first, empty = _first_chars(list(re._parser.parse(metadata._DATELINE_TOKENS)))  # type: ignore[attr-defined]
    assert first is not None and not empty
    ahead = re.compile(f"[{metadata._TOKEN_FIRST}]")
    assert all(ahead.match(ch) for ch in first), sorted(ch for ch in first if not ahead.match(ch))


_TOKEN_ALPHABET = _DATELINE_ALPHABET + "《》星期周一秒小分钟个今前出处图片稿件信息新闻字号大中小浏览讯电版本自x"


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=_TOKEN_ALPHABET, max_size=40))
@example("今天12:30 来源：新华社")
@example("昨天 9:05 出处:江城日报 《人民日报》")
@example("3小时前 刚刚 星期一")
def test_dateline_shortcuts_find_what_the_patterns_find(text: str) -> None:
    """The look-ahead of ``_DATELINE_TOKEN`` and the words looked for before ``_RELATIVE_TIME``
    and ``_SOURCE`` change no match."""
    import re

    from cleantext import metadata

    assert metadata._DATELINE_TOKEN.sub("", text) == re.sub(metadata._DATELINE_TOKENS, "", text)
    assert metadata._relative_time(text) == (metadata._RELATIVE_TIME.search(text) is not None)
    found, plain = metadata._source(text), metadata._SOURCE.search(text)
    assert (found and found.span(1)) == (plain and plain.span(1))


def _iso_time_plain(text: str) -> datetime | None:
    """``iso_time`` without its shortcut: every candidate goes to ``datetime.fromisoformat``."""
    from cleantext.dates import _ZONE, _zone

    text = text.strip()
    if len(text) < 10 or len(text) > 40 or not text[:4].isdigit() or text[4] != "-":
        return None
    given = _ZONE.search(text)
    body = text[: given.start()] if given else text
    try:
        when = datetime.fromisoformat(body.replace(" ", "T", 1) if "T" not in body else body)
    except ValueError:
        return None
    zone = _zone(given[1]) if given else CHINA
    return when.replace(tzinfo=zone) if zone is not None else None


def test_iso_time_shortcut_changes_no_answer() -> None:
    """``iso_time`` gives up on a text with two characters outside ASCII (``fromisoformat``
    allows one, between date and time; a dateline has more): the answers are those of parsing
    every candidate, on 100,000 mutations of ISO times and datelines."""
    import random

    from cleantext.dates import iso_time

    rng = random.Random(1205)
    alphabet = "0123456789-:T +Z.,W年月日时分来源２０\u3000\u00a0é\ud800\u2028٣"
    seeds = [
        "2021-06-04", "2021-06-04T09:00", "2021-06-04 09:00:00+08:00", "2021-06-04T09:00:00.123Z", "2021-W22-5",
        "2021-155", "2021-06-04T09:00:00,5-0530", "2021-06-04 09:00 来源：新华社", "2021-06-04年09:00",
    ]  # fmt: skip
    parsed = 0
    for _ in range(100_000):
        chars = list(rng.choice(seeds))
        for _ in range(rng.randint(0, 4)):
            at, roll = rng.randint(0, len(chars)), rng.random()
            if roll < 0.4:
                chars.insert(at, rng.choice(alphabet))
            elif chars and roll < 0.7:
                chars[min(at, len(chars) - 1)] = rng.choice(alphabet)
            elif chars:
                del chars[min(at, len(chars) - 1)]
        text = "".join(chars)
        want = _iso_time_plain(text)
        assert iso_time(text) == want, text
        parsed += want is not None
    assert 10_000 < parsed < 90_000  # both answers are common


def _declared_plain(head, put, now, url, editor_name, titles) -> None:  # type: ignore[no-untyped-def]
    """``metadata._declared`` as it was: every declared value read, ``put`` dropping those found."""
    from cleantext.metadata import _declared_names

    for clean, where in titles:
        put("title", clean, where)
    if head.ld_published:
        put("published", parse_date(head.ld_published, now=now, url=url), "json-ld")
    meta = head.meta
    for key in _declared_names(meta, "published"):
        put("published", parse_date(meta[key], now=now, url=url), key)
    for key in _declared_names(meta, "source"):
        value = meta[key]
        if value:
            put("source", source(value) or (value if len(value) <= 30 and "来源" not in value else None), key)
    if head.ld_author and looks_like_person(head.ld_author):
        put("author", head.ld_author, "json-ld")
    for key in _declared_names(meta, "author"):
        value = meta[key]
        if value and looks_like_person(value) and value != editor_name:
            put("author", value, key)


def test_declared_fields_are_read_only_while_missing() -> None:
    """What the markup declares is read only for the fields still missing (no date parsed for
    nothing): the fields and their origins are those of reading every declared value, on 5,000
    random heads (the declared names of each field, values good and bad) and found lines."""
    import random

    from cleantext.headmeta import META_NAMES, HeadMeta
    from cleantext.metadata import _PLACEHOLDER, _PLACEHOLDER_CHARS, _declared

    rng = random.Random(1205)
    values = {
        "published": ["2021-06-04T09:00:00+08:00", "2021年6月4日", "未知", "", "昨天", "06-04 14:23"],
        "source": [
            "新华社",
            "来源：重庆日报",
            "",
            "未知",
            "某某网站的一个非常长的名字超过三十个字符的来源名称用于测试的字符串",
        ],
        "author": ["张三", "王某", "网易", "", "佚名", "103553"],
    }
    now = datetime(2021, 6, 5, 9, 0)
    for _ in range(5_000):
        meta = {}
        for name, choices in values.items():
            for key in rng.sample(META_NAMES[name], min(len(META_NAMES[name]), rng.randint(0, 3))):
                meta[key] = rng.choice(choices)
        head = HeadMeta(
            title=None,
            meta=meta,
            ld_published=rng.choice([None, *values["published"]]),
            ld_author=rng.choice([None, *values["author"]]),
        )
        lines = {name: rng.choice([None, "x"]) for name in ("published", "source", "author")}
        editor_name = rng.choice([None, "王某", "张三"])
        titles = rng.choice([[], [("沪渝携手推动发展", "og:title")]])
        results = []
        for run in ("shortcut", "plain"):
            found: dict[str, object] = {k: v for k, v in lines.items() if v is not None}
            if editor_name:
                found["editor"] = editor_name
            origins: dict[str, str] = {}

            def put(name: str, value: object, where: str, found: dict[str, object] = found, origins=origins) -> None:  # type: ignore[no-untyped-def]
                if value is None or name in found:
                    return
                if isinstance(value, str) and len(value) <= _PLACEHOLDER_CHARS and _PLACEHOLDER.match(value):
                    return
                found[name], origins[name] = value, where

            if run == "shortcut":
                _declared(head, put, found, now, None, titles)
            else:
                _declared_plain(head, put, now, None, editor_name, titles)
            results.append((found, origins))
        assert results[0] == results[1], head
