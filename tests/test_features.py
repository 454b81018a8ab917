"""Stage 3, features: counts, sentence shape, truncation, page-level links and the boilerplate lexicon."""

from __future__ import annotations

from importlib.resources import files

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lexicon_oracle import boilerplate_tsv, compile_rules

import cleantext
from cleantext import resources
from cleantext.blocks import RawBlock
from cleantext.features import (
    ends_sentence,
    han_count,
    is_truncated,
    lexicon_codes,
    measure,
    punct_count,
    word_stopword_density,
)
from cleantext.lexicon import simplified, simplified_all, stop_chars, stopwords

PROSE = "我们在北京的大学里学习了很多东西，也认识了很多朋友。"
HEADLINE = "重庆市科技局上海市科委科技合作框架协议签署仪式"


def _measured(texts: list[str]) -> tuple:
    return measure([RawBlock(t, "paragraph", 0, len(t)) for t in texts])


def prefix_links(texts: list[str]) -> list[int | None]:
    return [f.prefix_of for f in _measured(texts)]


def duplicate_links(texts: list[str]) -> list[int | None]:
    return [f.duplicate_of for f in _measured(texts)]


def char_stopword_density(text: str) -> float | None:
    """The stopword density ``measure`` gives a block (one-character stopwords, no jieba)."""
    return _measured([text])[0].stopword_density


@pytest.mark.parametrize(
    ("text", "han"),
    [("2021年GDP增长8.1%", 3), ("", 0), ("abc 123", 0), ("臺灣資訊", 4), ("𠀀㐀", 1), ("豈", 1), ("，。！", 0)],
)
def test_han_count(text: str, han: int) -> None:
    # 𠀀 (U+20000, extension B) is outside the counted ranges; 㐀 (extension A) and 豈 (compatibility) are inside
    assert han_count(text) == han


@pytest.mark.parametrize(
    ("text", "punct"),
    [
        ("6月3日，重庆市科技局与上海市科委签署协议。", 2),
        ("6月3日,重庆市科技局与上海市科委签署协议。", 2),  # half-width, between 日 and 重
        ("重庆,上海;北京:天津!广州?深圳", 5),
        ("重庆, 上海", 1),
        ("version 1,2: ok", 0),
        ("a,b 1.5, 2", 0),
        ("“优势互补、互惠双赢”", 3),
        ("《人民日报》（海外版）……", 6),
    ],
)
def test_punct_count(text: str, punct: int) -> None:
    assert punct_count(text) == punct


def test_half_width_only_between_han() -> None:
    assert punct_count("重庆,上海") == 1
    assert punct_count("Chongqing,上海") == 0
    assert punct_count("重庆,Shanghai") == 0


@pytest.mark.parametrize(
    ("text", "ends"),
    [("今天下雨了。", True), ("真的吗？", True), ("太好了！", True), ("他说：“好。”", True),
     ("等等……", True), ("Done!", True), ("记者20日获悉,来自全省各", False),
     ("新闻标题", False), ("第一，", False), ("今天下雨了。  ", True)],
)  # fmt: skip
def test_ends_sentence(text: str, ends: bool) -> None:
    assert ends_sentence(text) is ends


@pytest.mark.parametrize(
    ("text", "cut"),
    [("国际公共艺术论坛系列活动在青岛...", True), ("系列活动在青岛…", True), ("系列活动在青岛⋯", True),
     ("系列活动在青岛。。。", True),
     ("系列活动在青岛……", True), ("系列活动在青岛...)", True), ("系列活动（详情…）", True),
     ("正文。", False), ("版本 1.2", False), ("他说..", False)],
)  # fmt: skip
def test_is_truncated(text: str, cut: bool) -> None:
    assert is_truncated(text) is cut


def test_prefix_links_truncated_lead() -> None:
    full = "6月3日,重庆市科技局与上海市科委签署科技合作框架协议。根据协议,我市将与上海在七个方面开展深度合作。"
    lead = full[:30]
    teaser = full[:20] + "..."
    links = prefix_links([lead, "无关的段落。", full, teaser, "6月3日"])
    assert links[:3] == [2, None, None] and links[4] is None
    assert links[3] in (0, 2)  # the teaser begins both the lead and the full paragraph


def test_prefix_links_ignore_whitespace_and_short() -> None:
    assert prefix_links(["重庆 市科技局与上海市", "重庆市科技局与上海市科委签署协议。"]) == [1, None]
    assert prefix_links(["重庆市科技", "重庆市科技局与上海市科委"]) == [None, None]
    assert prefix_links(["同一段文字内容一样长。", "同一段文字内容一样长。"]) == [None, None]


def test_duplicate_links() -> None:
    assert duplicate_links(["返回顶部", "正文", "返回 顶部", "正文", "返回顶部"]) == [None, None, 0, None, 0]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Copyright © 2021 重庆日报 版权所有", "copyright"),
        ("版權所有 不得轉載", "copyright"),
        ("未经本网授权，不得转载、摘编或以其他方式使用", "copyright"),
        ("All Rights Reserved.", "copyright"),
        ("渝ICP备05003419号", "icp"),
        ("京公网安备 11010502030143号", "icp"),
        ("互联网新闻信息服务许可证：50120170001", "icp"),
        ("违法和不良信息举报电话：023-12345678", "icp"),
        ("责任编辑：王五", "editor-line"),
        ("【责任编辑：王五】", "editor-line"),
        ("编辑:李四", "editor-line"),
        ("分享到：微信 微博 QQ空间", "share"),
        ("【字体：大 中 小】", "share"),
        ("打印本页 关闭窗口", "share"),
        ("上一篇：重庆召开推进会", "pager"),
        ("下一页", "pager"),
        ("返回顶部", "pager"),
        ("1/5页", "pager"),
        ("相关阅读", "related"),
        ("相关新闻", "related"),
        ("热门推荐", "related"),
        ("猜你喜欢", "related"),
        ("发表评论", "comment"),
        ("网友评论（12）", "comment"),
        ("已有32人参与讨论", "comment"),
        ("文明上网，理性发言", "comment"),
        ("任务列表加载中...", "boilerplate"),
        ("请稍候再试", "boilerplate"),
        ("我们使用Cookie来改善您的浏览体验，继续浏览即表示您接受Cookie政策。", "boilerplate"),
        ("您的浏览器版本过低，请启用JavaScript", "boilerplate"),
    ],
)
def test_lexicon_codes(text: str, code: str) -> None:
    assert code in lexicon_codes(text, han_count(text))


@pytest.mark.parametrize(
    "text",
    [
        "6月3日，重庆市科技局与上海市科委签署科技合作框架协议，双方将在七个方面开展深度合作。",
        "他表示，相关部门将继续加强合作。",
        "编辑部的同事们都来了。",
        "页面加载完毕后，工作人员请大家稍候片刻，再刷新一次。",
    ],
)
def test_lexicon_leaves_prose_alone(text: str) -> None:
    assert lexicon_codes(text, han_count(text)) == ()


def test_lexicon_max_han_protects_long_paragraphs() -> None:
    para = "本报记者在采访中了解到，该公司对其产品享有版权所有权，并已就侵权行为提起诉讼。" * 3
    assert "copyright" in lexicon_codes("版权所有", 4)
    assert "copyright" not in lexicon_codes(para, han_count(para))


def test_lexicon_comes_from_data() -> None:
    rules = compile_rules(boilerplate_tsv())
    codes = {r.code for r in rules}
    assert {"copyright", "icp", "editor-line", "share", "pager", "related", "comment"} <= codes
    assert all(r.max_han > 0 for r in rules)


def test_char_stopword_density() -> None:
    assert char_stopword_density(PROSE) > 0.2
    assert char_stopword_density(HEADLINE) < 0.1
    assert char_stopword_density("") == 0.0


def test_word_stopword_density() -> None:
    assert word_stopword_density(["我们", "在", "北京", "的", "大学"]) == pytest.approx(0.6)
    assert word_stopword_density([" ", ""]) == 0.0
    assert {"的", "了", "在"} <= stopwords()


def test_stopword_density_jieba_vs_characters() -> None:
    words = resources.segment(PROSE)
    assert "".join(words) == PROSE
    assert word_stopword_density(words) > 0.2
    assert word_stopword_density(resources.segment(HEADLINE)) < 0.1
    assert word_stopword_density(words) != char_stopword_density(PROSE)


SHORT_LINES = (
    "记者从市科技局获悉，这项工作已经完成",
    "这是我们的第一个冬天",
    "会议强调，要抓好落实",
    "市委书记主持会议并讲话",
    "我们在北京的大学里学习",
)


def _densities(use_jieba: bool) -> dict[str, float | None]:
    page = "".join(line + "\n" for line in SHORT_LINES)
    doc = cleantext.extract(page, input_format="text", use_jieba=use_jieba)
    assert [b.text for b in doc.blocks] == list(SHORT_LINES)
    return {b.text: b.features.stopword_density for b in doc.blocks}


def test_stopword_density_without_jieba_is_per_character() -> None:
    for text, density in _densities(False).items():
        assert density == pytest.approx(char_stopword_density(text))


def test_stopword_density_with_jieba_on_close_calls() -> None:
    """jieba refines the close calls among short blocks: each block has one measure or the other."""
    by_word_used = 0
    for text, density in _densities(True).items():
        by_char = char_stopword_density(text)
        by_word = word_stopword_density(resources.segment(text))
        assert density == pytest.approx(by_char) or density == pytest.approx(by_word)
        by_word_used += by_word != pytest.approx(by_char) and density == pytest.approx(by_word)
    assert by_word_used >= 1


def test_measure_block_features() -> None:
    blocks = [
        RawBlock("首页 新闻", "paragraph", 0, 5, link_chars=4, links=2),
        RawBlock("重庆市科技局与上海市科委签署协议", "list-item", 6, 20),
        RawBlock("重庆市科技局与上海市科委签署协议。根据协议，双方将开展深度合作。", "paragraph", 21, 60),
        RawBlock("小标题", "heading", 61, 64),
        RawBlock("首页 新闻", "paragraph", 65, 70),
    ]
    f = measure(blocks)
    assert (f[0].chars, f[0].han, f[0].link_density) == (4, 4, 1.0)
    assert f[1].list_item and not f[1].heading and f[1].prefix_of == 2
    assert f[2].ends_sentence and f[2].punct == 3 and f[2].han_ratio == pytest.approx(29 / 32)
    assert f[3].heading
    assert f[4].duplicate_of == 0
    assert [x.position for x in f] == [0.0, 0.2, 0.4, 0.6, 0.8]
    assert measure([]) == ()


def test_page_lexicon_scan_equals_block_by_block() -> None:
    from cleantext.features import page_lexicon_codes
    from cleantext.lexicon import simplified_all

    texts = [
        "正文第一段，讲述了事情的经过。",
        "责任编辑：张三",
        "首页\n举报\n分享",
        "版權所有 不得轉載",
        "Copyright © 2021 重庆日报 版权所有 渝ICP备05003419号 举报电话：12345",
        "【责任编辑：李四",
        "】之后的正文不该与上一块连成一条编辑行。",
        "",
        "评论（12）",
    ]
    hans = [han_count(t) for t in texts]
    assert page_lexicon_codes(simplified_all(texts), hans) == [lexicon_codes(t, h) for t, h in zip(texts, hans)]


_T2S = dict(
    line.split("\t")
    for line in (files("cleantext") / "data" / "t2s.tsv").read_text("utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(
    st.text(
        st.sampled_from([*_T2S, *_T2S.values(), "的", "a", " ", "\n", "\x1f", "\ud800", "\udfff", "𠀀"]), max_size=60
    )
)
def test_simplified_is_the_translation(text: str) -> None:
    """Replacing the few traditional characters of a text gives the translation's result (lone
    surrogates and astral characters kept); a text with none of them comes back as it is."""
    expected = text.translate(str.maketrans(_T2S))
    assert simplified(text) == expected
    assert (simplified(text) is text) == (expected == text)
    assert simplified_all([text, text + "語"]) == [simplified(text), simplified(text + "語")]


# -- page-level counts (one pass over all the blocks) agree with the per-block functions --------

PAGE_TEXTS = [
    "6月3日,重庆市科技局与上海市科委签署协议。",
    "",
    "臺灣資訊，version 1,2: ok",
    "重庆,",  # a half-width mark at the end of a block: nothing follows it
    ",上海",  # ... and at the start: nothing precedes it
    "我们在北京的大学里学习了很多东西",
    "𠀀㐀豈 abc\n重庆\t上海",
]


@pytest.mark.parametrize("texts", [PAGE_TEXTS, [], [""], [*PAGE_TEXTS, "含\x00分隔符,的文字"]])
def test_page_counts_match_block_counts(texts: list[str]) -> None:
    # the last case holds the NUL the Python counts once joined blocks with
    feats = _measured(texts)
    assert [f.han for f in feats] == [han_count(t) for t in texts]
    assert [f.punct for f in feats] == [punct_count(t) for t in texts]


def test_measure_stopword_density_counts_one_character_stopwords() -> None:
    stop = stop_chars()
    want = []
    for t in PAGE_TEXTS:
        han = han_count(t)
        want.append(sum(c in stop for c in simplified(t)) / han if han else 0.0)
    assert [f.stopword_density for f in _measured(PAGE_TEXTS)] == want
