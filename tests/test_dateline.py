"""``metadata.is_dateline`` and ``metadata.is_dateline_sifted`` (what the selection asks) against
the function they replaced (``dateline_oracle.is_dateline``), which they must answer as on every
line and every Han count: on every block of the dev pages (both modes), on seeded random lines
and on hypothesis' lines made of dateline pieces (dates, times, labels, 《》, web addresses, Han
text, sentence and clause marks, traditional characters). Each short cut is exercised: the tests
count the lines each one decides. And the selection's ``plain`` (no simplification where the page
holds no traditional character) is never taken on a page that holds one."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest
from dateline_oracle import is_dateline as oracle
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cleantext import metadata
from cleantext.features import han_count
from cleantext.lexicon import simplified
from cleantext.select import _PagePatterns

#: The patterns the native selection reads, ``metadata.is_dateline``'s tests among them.
_NATIVE = _PagePatterns.native
DEV = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dev"

#: Pieces of datelines and of the sentences and headlines that mention dates.
PIECES = [
    "2021-06-04", "2021/6/4", "2021.06.04", "2021年6月4日", "２０２１－０６－０４", "21-06-04", "6月4日",
    "09-30", "14:23", "14:23:36", "9时05", "3小时前", "5分钟前", "2天前", "刚刚", "剛剛", "昨天",
    "今天 12:30", "星期一", "周三", "来源", "來源", "文章来源", "图片来源", "出处", "作者", "記者", "记者",
    "撰文", "文", "图", "通讯员", "编辑", "责任编辑", "发布时间", "發布時間", "发表于", "更新", "最后更新",
    "日期", "时间", "字号", "大 中 小", "浏览", "阅读", "点击", "本报讯", "电", "版", "：", ":", "/", " ",
    "  ", "|", "丨", "-", "，", ",", "；", "。", "！", "？", "“", "[3]", "（", "）", "(新华社)", "【", "】",
    "《人民日报》", "《", "》", "http://", "https://", "www.", "HTTP://", "x.cn/",
    "news.sina.com.cn/c/2021-06-04/", "doc-12.shtml?id=3", "重庆日报", "新华社", "王小明", "张三", "他于",
    "签署合作框架协议", "离开家乡到江城做工", "高新区正式揭牌启动", "市民出行", "12", "3", "年", "月", "日",
    "前", "天", "a", "K", "٣", "\u3000", "\n", "到江城", "做工", "会议", "他",
]  # fmt: skip


#: Han characters of prose, and what a date sits between in a sentence or a byline.
_PROSE = "他在江城做工开会通过协议市民出行道路改造离开家乡王小明张三"
_DATES = ["2021-06-04", "2021年6月4日", "2005-07-13 14:23", "6月4日", "3小时前", "09-30 22:46", "刚刚"]
_AROUND = ["", "", " ", "，", "；", ",", "【", "】", "（", "）", "[", "]", "。", "来源：", "作者：", "发布时间："]


def _random_lines(seed: int, n: int) -> list[str]:
    """Half of them pieces joined, half a date with prose, brackets and labels around it (the
    lines where a few Han characters more or less, or a clause break, decide)."""
    rng = random.Random(seed)
    prose = lambda: "".join(rng.choice(_PROSE) for _ in range(rng.choice([0, 0, 1, 2, 3, 5, 8, 12])))  # noqa: E731
    lines = []
    for k in range(n):
        if k % 2:
            lines.append("".join(rng.choice(PIECES) for _ in range(rng.randint(1, 10))))
        else:
            around = [rng.choice(_AROUND) for _ in range(3)]
            parts = [around[0], prose(), rng.choice(_DATES), around[1], prose(), around[2]]
            lines.append("".join(parts[rng.randint(0, 2) :]))
    return lines


def _dev_texts() -> list[str]:
    from cleantext.blocks import html_blocks, text_blocks
    from cleantext.decode import decode

    texts = []
    for path in sorted(DEV.glob("*")):
        if path.suffix in (".html", ".txt") and not path.name.endswith(".gold.txt"):
            text = decode(path.read_bytes()).text
            texts += [b.text for b in (html_blocks(text).blocks if path.suffix == ".html" else text_blocks(text))]
    return texts


def _decided_by(text: str, han: int) -> str:
    """Which test decides the answer on a line past the oracle's first tests (what the short
    cuts must get right): the bound the line's Han characters set on other_han (``"bound"``),
    a name and a time under it (``"name"``), the date at an edge, other_han, or an earlier test."""
    if han > 40 or len(text) > 120 or metadata._DATELINE_HINT.search(text) is None:
        return "first test"
    plain = simplified(metadata._ADDRESS.sub(metadata._without_digits, text))
    if metadata._DATELINE_NEEDS.search(plain) is None:
        return "needs"
    if metadata._SENTENCE.search(plain) or metadata._DATE.search(plain) is None:
        return "earlier"
    most = han_count(plain)
    if most <= metadata._DATELINE_REST or most <= metadata._DATELINE_REST_SHARE * han:
        return "bound"
    if most <= metadata._DATELINE_NAME and metadata._CLAUSE_BREAK.search(plain) is None:
        return "name"
    return "edge" if metadata._date_at_edge(plain) else "other_han"


#: How often the native core answered a line past Python's first test itself ("core") and how
#: often it left it to Python ("python"), over every line the tests checked.
CORE: Counter[str] = Counter()


def _check(text: str, han: int) -> bool:
    want = oracle(text, han)
    assert metadata.is_dateline(text, han) is want, (text, han)
    assert metadata.is_dateline_sifted(text, han) is want, (text, han)
    if simplified(text) == text:  # the page would hold no traditional character
        assert metadata.is_dateline_sifted(text, han, plain=True) is want, (text, han)
    if 0 <= han <= 40 and len(text) <= 120:  # (the core's answer is asked after Python's first test)
        core = _NATIVE.dateline(text, han, simplified(text))
        assert core is None or core is want, (text, han, core)
        CORE["python" if core is None else "core"] += 1
    return want


def test_every_dev_block_as_before() -> None:
    if not any(DEV.glob("*.html")):
        pytest.skip("no dev corpus at ../shared")
    texts = _dev_texts()
    answers = Counter()
    before = CORE.copy()
    for text in texts:
        for han in {han_count(text), 0, 4, 10, 20, 21, 30, 31, 40}:
            if han == han_count(text) or not (han > 40 or len(text) > 120):
                answers[_check(text, han), _decided_by(text, han)] += 1
    core = CORE - before  # the core answers most lines itself (Python: other_han, labels, addresses)
    assert core["core"] > 0.9 * (core["core"] + core["python"]), core
    assert answers[True, "bound"] > 5000 and answers[True, "name"] > 1000 and answers[True, "edge"] > 1000
    assert answers[True, "other_han"] > 50 and answers[False, "other_han"] > 50 and answers[False, "earlier"] > 1000


def test_random_dateline_pieces_as_before() -> None:
    answers = Counter()
    before = CORE.copy()
    for k, text in enumerate(_random_lines(1216, 40_000)):
        han = han_count(text) if k % 3 else k % 45
        answers[_check(text, han), _decided_by(text, han)] += 1
    core = CORE - before
    assert core["core"] > 0.5 * (core["core"] + core["python"]), core
    for decided in ("bound", "name", "edge", "other_han", "earlier"):  # every short cut, both answers where it can be
        assert answers[True, decided] > 500, (decided, answers)
    for decided in ("other_han", "earlier", "needs"):
        assert answers[False, decided] > 500, (decided, answers)


@settings(max_examples=4000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join), st.integers(-1, 45) | st.none())
@example("发布时间:2021-06-04 14:23:36 文章来源:重庆日报", None)
@example("他于1989年5月26日离开家乡，到江城一家工厂做工，", None)
@example("www.x.cn/2021-06-04 来源：新华社", 5)
@example("剛剛 來源：中央社", None)
def test_hypothesis_lines_as_before(text: str, han: int | None) -> None:
    _check(text, han_count(text) if han is None else han)


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="hHtTpPsS:/wW.ｗ0123456789x年月日来源 -", max_size=30))
def test_addresses_found_where_the_pattern_finds_them(text: str) -> None:
    assert metadata._address_free(text) == metadata._ADDRESS.sub(metadata._without_digits, text)


def test_a_traditional_page_is_simplified_for_its_datelines() -> None:
    """A page holding a traditional character hands its simplified texts to the core, and its
    datelines are read simplified (``來源：中央社`` is one); only a page without any is read as
    written (``plain``)."""
    import select_oracle

    from cleantext import select
    from cleantext.blocks import RawBlock
    from cleantext.features import measure
    from cleantext.score import score_page

    prose = "今天，我们在重庆签署了合作协议，双方将在科技创新方面深度合作，共同推动产业升级和人才培养。" * 2
    for dateline in ["來源：中央社 記者王小明", "来源：中央社 记者王小明"]:
        texts = ["首页 新闻", "江城签署合作协议", dateline, prose, prose]
        blocks = [RawBlock(t, "paragraph", 0, len(t)) for t in texts]
        feats = measure(blocks)
        scores = score_page(feats)
        got = select.select(blocks, feats, scores)
        want = select_oracle.select(blocks, feats, scores)
        assert (got.kept, got.reasons) == (want.kept, want.reasons)
        assert "metadata" in got.reasons[2], got.reasons
