"""The native selection against the Python one it replaces: the same verdicts, exactly.

``cleantext.select.select`` (the core's, ``rust/src/select/``; ``select_columns`` the same on the
measured columns, as the pipeline calls it) must decide
every block as the Python selection (``tests/select_oracle.py``) does: kept or not, the reasons,
the title, the region and the title's block. Compared on the inputs the pipeline hands selection
on the dev pages in both modes (skipped where ``../shared`` is absent), under several
``Thresholds``, and on seeded random pages built from the pieces selection judges (prose,
datelines and bylines, boilerplate lines, teaser lists, tables, records, code, hidden widgets,
thread controls, duplicates, chapter lists), as HTML and as text dumps.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import select_oracle
from selection_inputs import selection_inputs

from cleantext.blocks import Container
from cleantext.features import from_columns
from cleantext.select import Thresholds, select, select_columns

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dev"

#: Thresholds that move every step: the defaults, and ones that switch steps on or off.
VARIANTS = {
    "default": Thresholds(),
    "strict": Thresholds(good=1.0, neutral=-1.0, element_floor=-2.0, relax_below_han=0, byline_series=2),
    "lenient": Thresholds(
        good=-1.0, neutral=-4.0, table_gap=0, barrier_cost=5.0, label_share=0.9, continue_density=0.1
    ),
    "odd": Thresholds(
        byline_series=0, table_max_link_density=0.9, series_max_link_density=0.1, contents_min_items=2,
        contents_share=0.2, interleaved_han=10, interleaved_reach=4, wrapped_han=5, title_echo=0.0, post_han=1,
        relax_below_han=10_000, anchor_share=0.0, early_share=1.0,
    ),
}  # fmt: skip


def _inputs(pages: list[tuple[bytes | str, str]]) -> Iterator[tuple[Any, ...]]:
    """The arguments the pipeline hands ``select`` on each page (``input_format`` per page)."""
    return selection_inputs(pages)


def _assert_same(args: tuple[Any, ...], thresholds: Thresholds, label: str) -> None:
    blocks, columns, scores, title, rows = args[:5]
    # the pipeline hands the core the walk's container rows; Container objects read the same
    containers = tuple(c if isinstance(c, Container) else Container(*c) for c in rows)
    feats = from_columns(columns)
    native = select_columns(blocks, columns, scores, title, rows, thresholds)
    assert native == select_columns(blocks, columns, scores, title, containers, thresholds), label
    assert native == select(blocks, feats, scores, title, containers, thresholds), label  # the two entry points
    oracle = select_oracle.select(
        blocks, feats, scores, title, containers, select_oracle.Thresholds(**dataclasses.asdict(thresholds))
    )
    assert native.listed is not None and native.listed[0] is native.reasons, label  # the core listed the marks
    assert native.marked_lines() == dataclasses.replace(native, listed=None).marked_lines(), label  # as a scan finds
    got = (native.kept, native.reasons, native.title, native.region, native.title_index)
    want = (oracle.kept, oracle.reasons, oracle.title, oracle.region, oracle.title_index)
    if got != want:
        first = next((i for i, (a, b) in enumerate(zip(native.reasons, oracle.reasons)) if a != b), None)
        detail = f"block {first}: {blocks[first].text[:80]!r} {native.reasons[first]} != {oracle.reasons[first]}"
        raise AssertionError(f"{label}: {detail if first is not None else (got[2:], want[2:])}")


# -- the dev pages --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dev_inputs() -> dict[str, list[tuple[str, tuple[Any, ...]]]]:
    html = sorted(DEV.glob("*.html"))
    if not html:
        pytest.skip("no dev corpus at ../shared")
    out: dict[str, list[tuple[str, tuple[Any, ...]]]] = {}
    for mode, paths, fmt in [("html", html, "auto"), ("text", [p.with_suffix(".txt") for p in html], "text")]:
        names = [p.stem for p in paths]
        out[mode] = list(zip(names, _inputs([(p.read_bytes(), fmt) for p in paths])))
    return out


@pytest.mark.parametrize("mode", ["html", "text"])
@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_dev_pages(dev_inputs: dict[str, list[tuple[str, tuple[Any, ...]]]], mode: str, variant: str) -> None:
    assert len(dev_inputs[mode]) == 114
    for name, args in dev_inputs[mode]:
        _assert_same(args, VARIANTS[variant], f"{mode} {name} {variant}")


# -- random pages ---------------------------------------------------------------------------------

_HAN = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种"
    "面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本"
    "去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比"
    "或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总"
    "次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做"
    "必战先回则任取据处理府研"
)
_PUNCT = "，。；、！？"


def _sentence(rng: random.Random, lo: int = 8, hi: int = 40) -> str:
    n = rng.randint(lo, hi)
    chars = [rng.choice(_HAN) for _ in range(n)]
    for _ in range(rng.randint(0, n // 8)):
        chars.insert(rng.randrange(1, len(chars)), rng.choice("，、"))
    return "".join(chars) + rng.choice(["。", "。", "。", "！", "？", "…", ""])


def _prose(rng: random.Random) -> str:
    return "".join(_sentence(rng) for _ in range(rng.randint(1, 6)))


_BOILER = [
    "相关推荐", "相关阅读", "网友评论（30）", "4,060 条评论", "责任编辑：王小明", "版权所有 © 2023 山城日报社",
    "京ICP备12345678号", "分享到：微信 微博 QQ空间", "登录 注册", "注册会员可发表评论", "返回顶部", "上一篇：",
    "下一篇",
    "广告", "扫码关注我们", "打印本页 关闭窗口", "二、居民关心的热点问题", "乐活HOT", "首页", "字号：大 中 小",
]  # fmt: skip
_DATELINES = [
    "发布时间：2021-06-04 14:23:36 来源：重庆日报", "2019-09-07 15:10:53 字号：A- A A+ 来源：EETOP",
    "作者：老街坊 发表于 2005-07-03 10:12", "注册：2004-3-1", "最后登录：2005-7-3 10:12", "3小时前",
    "2023年05月12日 09:30", "来源：新华社", "发布于 2023-05-13 14:02", "赞同 128 · 23 条评论",
    "原标题：沪渝携手推动发展",
    "主题：插件发布", "回复：插件发布", "楼主", "只看楼主", "来自Android客户端3楼 2022-11-26", "文章：176",
]  # fmt: skip
_CODE = ["pip install requests", "x = f(1)", "int main(void) {", "return 0;", "}", "});", "[image]", "$ ls -la"]


def _line(rng: random.Random, title: str) -> tuple[str, str]:
    """A random piece: (kind, text), kind one of prose, short, heading, boiler, date, code, chapter, title."""
    roll = rng.random()
    if roll < 0.35:
        return "prose", _prose(rng)
    if roll < 0.45:
        return "short", _sentence(rng, 2, 12).rstrip("。！？…")
    if roll < 0.52:
        return "heading", _sentence(rng, 4, 14).rstrip("。！？…")
    if roll < 0.64:
        return "boiler", rng.choice(_BOILER)
    if roll < 0.78:
        return "date", rng.choice(_DATELINES).replace("05", f"{rng.randint(1, 12):02d}")
    if roll < 0.84:
        return "code", rng.choice(_CODE)
    if roll < 0.88:
        return "chapter", f"第{rng.randint(1, 300)}章 {_sentence(rng, 2, 6).rstrip('。！？…')}"
    if roll < 0.92:
        return "title", title
    return "teaser", _sentence(rng, 10, 30)[: rng.randint(6, 20)] + "…"


def _html_page(rng: random.Random) -> str:
    title = _sentence(rng, 6, 16).rstrip("。！？…")
    parts = [f"<html><head><title>{title}_{rng.choice(['重庆日报', '山城网', '社区'])}</title></head><body>"]
    depth = 0
    for _ in range(rng.randint(5, 60)):
        roll = rng.random()
        if roll < 0.12 and depth < 6:
            cls = rng.choice(["post p1", "post p2", "article", "main", "ui modal report", "sidebar", "", "reply r12"])
            hidden = rng.choice(["", "", "", ' style="display:none"', " hidden"])
            parts.append(f'<div class="{cls}"{hidden}>')
            depth += 1
            continue
        if roll < 0.2 and depth:
            parts.append("</div>")
            depth -= 1
            continue
        if roll < 0.27:  # a list: teasers, chapters or items
            kind = rng.choice(["teaser", "chapter", "prose", "link"])
            items = []
            for _ in range(rng.randint(1, 25)):
                text = _line(rng, title)[1] if kind == "prose" else (
                    f"第{rng.randint(1, 99)}章 风起" if kind == "chapter" else _sentence(rng, 8, 20)[:12] + "…"
                )  # fmt: skip
                items.append(f'<li><a href="/a">{text}</a></li>' if kind == "link" else f"<li>{text}</li>")
            parts.append("<ul>" + "".join(items) + "</ul>")
            continue
        if roll < 0.34:  # a table: data, a record, dates or a layout
            rows = []
            shape = rng.choice(["data", "record", "dates", "layout", "links"])
            for r in range(rng.randint(1, 6)):
                if shape == "record":
                    label = rng.choice(["索 引 号：", "发文机关：", "发布日期：", "标　题："])
                    rows.append(f"<tr><td>{label}</td><td>{rng.randint(1, 9999)}</td></tr>")
                elif shape == "dates":
                    rows.append(f"<tr><td>2019年{r + 1}月2日</td><td>{_sentence(rng, 3, 8)}</td></tr>")
                elif shape == "links":
                    rows.append(f'<tr><td><a href="/x">{_sentence(rng, 8, 20)}</a></td><td>2023-0{r + 1}-01</td></tr>')
                elif shape == "layout":
                    rows.append(f"<tr><td><table><tr><td>{_prose(rng)}</td></tr></table></td></tr>")
                else:
                    head = "th" if r == 0 or rng.random() < 0.3 else "td"
                    value = f"{rng.randint(1, 99)}.{rng.randint(0, 9)}%"
                    rows.append(f"<tr><{head}>{_sentence(rng, 2, 6)}</{head}><td>{value}</td></tr>")
            parts.append("<table>" + "".join(rows) + "</table>")
            continue
        kind, text = _line(rng, title)
        if kind == "heading" or (kind == "title" and rng.random() < 0.7):
            parts.append(f"<h{rng.randint(1, 3)}>{text}</h{rng.randint(1, 3)}>")
        elif kind == "code":
            parts.append(f"<pre>{text}</pre>")
        elif kind == "boiler" and rng.random() < 0.4:
            parts.append(f'<p><a href="/b">{text}</a></p>')
        else:
            parts.append(f"<p>{text}</p>")
        if kind == "prose" and rng.random() < 0.1:  # a duplicate, or a truncated lead of it
            parts.append(f"<p>{text if rng.random() < 0.5 else text[:10] + '…'}</p>")
    parts.append("</div>" * depth + "</body></html>")
    return "".join(parts)


def _text_page(rng: random.Random) -> str:
    title = _sentence(rng, 6, 16).rstrip("。！？…")
    lines = []
    for _ in range(rng.randint(5, 80)):
        kind, text = _line(rng, title)
        if kind == "teaser" or (kind == "chapter" and rng.random() < 0.8):
            text = "* " + text
        lines.append(text)
        if rng.random() < 0.3:
            lines.append("")
        if kind == "prose" and rng.random() < 0.08:
            lines.append(text)
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def soup_inputs() -> list[tuple[str, tuple[Any, ...]]]:
    rng = random.Random(20261203)
    pages: list[tuple[bytes | str, str]] = []
    for k in range(400):
        pages.append((_html_page(rng), "auto") if k % 2 == 0 else (_text_page(rng), "text"))
    labels = [f"soup {k}" for k in range(len(pages))]
    return list(zip(labels, _inputs(pages)))


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_random_pages(soup_inputs: list[tuple[str, tuple[Any, ...]]], variant: str) -> None:
    assert len(soup_inputs) == 400
    for label, args in soup_inputs:
        _assert_same(args, VARIANTS[variant], f"{label} {variant}")


def test_soups_reach_every_step(soup_inputs: list[tuple[str, tuple[Any, ...]]]) -> None:
    """The random pages are worth comparing on: their verdicts use every reason selection gives."""
    reasons = {r for _, args in soup_inputs for rs in select_columns(*args).reasons for r in rs}
    expected = {
        "main-region", "continues-region", "title", "metadata", "short", "short-heading", "outside-region",
        "teaser-list", "duplicate", "truncated-duplicate", "nav", "no-han", "related", "comment", "copyright",
        "icp", "editor-line", "share", "login", "boilerplate",
    }  # fmt: skip
    assert expected <= reasons, expected - reasons


def test_bad_inputs_raise_naming_what_is_wrong() -> None:
    """The core's selection checks what it is handed: a clear ValueError, never a crash."""
    from cleantext.blocks import Container, RawBlock
    from cleantext.features import measure, measure_columns

    blocks = [RawBlock("今天，我们在重庆签署了合作协议。", "paragraph", 0, 16), RawBlock("首页", "line", 17, 19)]
    columns = measure_columns(blocks)
    with pytest.raises(ValueError, match="1 scores for 2 blocks"):
        select_columns(blocks, columns, [1.0])
    with pytest.raises(ValueError, match=r"feature column 1 \(han\) has 1 rows, column 0 has 2"):
        select_columns(blocks, [columns[0], columns[1][:1], *columns[2:]], [1.0, -1.0])
    with pytest.raises(ValueError, match=r"container 0\.\.3 is not within 2 blocks"):
        select_columns(blocks, columns, [1.0, -1.0], None, [Container(0, 3, "div")])
    with pytest.raises(ValueError, match="duplicate_of of block 1 is past the last block"):
        select_columns(blocks, [*columns[:10], [None, 5], *columns[11:]], [1.0, -1.0])
    assert select(blocks, measure(blocks), [1.0, -1.0]).kept == (True, False)
    assert select([], [], []).kept == ()
    with pytest.raises(ValueError, match="blocks and matchable differ in length"):
        select_columns(blocks, columns, [1.0, -1.0], matchable=["首页"])


def test_a_select_page_is_used_once() -> None:
    """``SelectPage`` lends its blocks' texts to one selection (they are not copied per block):
    a second use is a ValueError, not a selection of nothing."""
    from cleantext import _core
    from cleantext.blocks import text_block_table
    from cleantext.features import measure_columns
    from cleantext.lexicon import boilerplate_lexicon
    from cleantext.select import _limits, _PagePatterns

    table = text_block_table("标题\n今天，我们在重庆签署了合作协议，双方将深度合作。\n返回顶部\n")
    columns = measure_columns(table)
    page = _core.SelectPage(table, None, columns, None, (), ["modal"])
    assert len(page) == 3
    args = (boilerplate_lexicon(), [0.0, 3.0, -3.0], _PagePatterns(table, columns), _limits(Thresholds()))
    kept, _, _, _, marked, editor_lines = _core.select(page, *args)
    assert (marked, editor_lines) == ([], [])  # no metadata line, no editor line
    assert kept == select_columns(table, columns, [0.0, 3.0, -3.0]).kept
    with pytest.raises(ValueError, match="selected already"):
        _core.select(page, *args)


def test_traditional_pages() -> None:
    """A page in traditional characters: the word lists match its simplified texts, which the
    pipeline hands selection with the blocks (``matchable``), as the Python selection read them."""
    article = "".join(f"<p>今天，我們在臺北簽署了合作協議，雙方將在科技創新方面深度合作第{n}項。</p>" for n in range(6))
    page = (
        "<html><head><title>兩岸合作_新聞網</title></head><body><h1>兩岸合作</h1>"
        f"<div class='article'>{article}<p>相關閱讀</p><p>責任編輯：王小明</p></div>"
        "<div class='ui modal'><p>登錄 註冊</p></div><ul>" + "<li><a href='/a'>熱門新聞標題…</a></li>" * 5 + "</ul>"
        "<p>版權所有 © 2023 新聞網</p></body></html>"
    )
    dump = (
        "兩岸合作\n發布時間：2023-05-12 09:30 來源：中央社\n"
        + "\n".join(f"今天，我們在臺北簽署了合作協議，雙方將在科技創新方面深度合作第{n}項。" for n in range(6))
        + "\n相關閱讀\n責任編輯：王小明\n"
    )
    inputs = list(_inputs([(page, "auto"), (dump, "text")]))
    assert len(inputs) == 2 and all(args[6] is not None and args[6] != [b.text for b in args[0]] for args in inputs)
    for variant in VARIANTS:
        for k, args in enumerate(inputs):
            _assert_same(args, VARIANTS[variant], f"traditional {k} {variant}")
    assert any("editor-line" in r for r in select_columns(*inputs[1]).reasons)
