"""Stage 5, selection: the main region, container spans, teaser lists, barriers and sandwiched subheadings."""

from __future__ import annotations

import pytest

import cleantext

P1 = "6月3日，重庆市科技局与上海市科委在浦江创新论坛上签署科技合作框架协议，双方将在七个方面开展深度合作。"
P2 = "其中，在推动科技创新中心建设方面，双方将在国家重大战略创新平台布局等方面加强合作，资源共享、经验互鉴。"
P3 = "在推动科技成果转化方面，鼓励支持上海专业化孵化平台在重庆设立分支机构，支持沪渝协同创新中心发展。"
P4 = "市科技局负责人表示，推动长江经济带发展，是关系国家发展全局的重大战略，双方将进一步深化合作。"
TITLE = "沪渝签署科技合作协议"
KEPT = {"main-region", "continues-region"}


def extract(page: str, **kw: object) -> cleantext.Document:
    return cleantext.extract(page, use_jieba=False, **kw)


def verdicts(doc: cleantext.Document) -> dict[str, tuple[bool, tuple[str, ...]]]:
    return {b.text: (b.kept, b.reasons) for b in doc.blocks}


# -- whole pages -------------------------------------------------------------------------------


def test_region_is_the_article() -> None:
    doc = extract(f"首页\n新闻中心\n{TITLE}\n{P1}\n{P2}\n{P3}\n返回顶部\n")
    assert doc.paragraphs == (P1, P2, P3)
    assert doc.title == TITLE
    assert all(set(b.reasons) & KEPT for b in doc.kept)


def test_editor_line_is_a_barrier() -> None:
    doc = extract(f"{TITLE}\n{P1}\n{P2}\n责任编辑：张三\n{P3}\n")
    v = verdicts(doc)
    assert doc.paragraphs == (P1, P2)
    assert v["责任编辑：张三"] == (False, ("editor-line", "metadata"))  # and it names the editor
    assert doc.editor == "张三"
    assert v[P3][0] is False
    assert "outside-region" in v[P3][1]


@pytest.mark.parametrize(("line", "code"), [("相关阅读", "related"), ("网友评论（3）", "comment"),
                                            ("版权所有 重庆日报", "copyright")])  # fmt: skip
def test_other_barriers(line: str, code: str) -> None:
    doc = extract(f"{TITLE}\n{P1}\n{P2}\n{line}\n{P3}\n")
    assert doc.paragraphs == (P1, P2)
    assert verdicts(doc)[line] == (False, (code,))


DISCLAIMER = (
    "声明：本文转载自其他媒体，转载目的在于传递更多信息，并不代表本网赞同其观点和对其真实性负责。"
    "如涉及作品内容、版权和其它问题，请在三十日内与本网联系，我们将在第一时间删除内容。"
)


def test_barrier_in_html_container_ends_the_article() -> None:
    page = (
        f"<html><head><title>{TITLE}</title></head><body><div class='article'><h1>{TITLE}</h1>"
        f"<p>{P1}</p><p>{P2}</p><p>【责任编辑：张三】</p><p>{DISCLAIMER}</p></div></body></html>"
    )
    doc = extract(page)
    assert doc.paragraphs == (P1, P2)


def test_sandwiched_subheadings_kept() -> None:
    doc = extract(f"{TITLE}\n{P1}\n一、加强科技创新中心建设\n{P2}\n二、推动成果转化\n{P3}\n")
    assert doc.paragraphs == (P1, "一、加强科技创新中心建设", P2, "二、推动成果转化", P3)


def test_sandwiched_subheading_in_html() -> None:
    page = (
        f"<html><head><title>{TITLE}</title></head><body><h1>{TITLE}</h1><div class='content'>"
        f"<p>{P1}</p><p><strong>加强科技创新中心建设</strong></p><p>{P2}</p><p>{P3}</p></div></body></html>"
    )
    doc = extract(page)
    assert doc.paragraphs == (P1, "加强科技创新中心建设", P2, P3)


def test_trailing_short_heading_not_kept() -> None:
    doc = extract(f"{TITLE}\n{P1}\n{P2}\n\n推荐专题\n")
    assert doc.paragraphs == (P1, P2)


def test_teaser_list_run_dropped_with_its_heading() -> None:
    page = (
        f"{TITLE}\n{P1}\n{P2}\n\n地方动态\n"
        "  • 福建举办红色电影展映活动近63万场\n"
        "    记者20日获悉，为发挥好红色电影在党史学习教育中的特殊作用，今年全省举办\n"
        "  • 浙江遂昌推进教育高质量发展...\n"
        "  • 青岛上线运行公交钥匙智能管控系统\n    驾驶员于惠完成面部识别后，面前的智能钥匙柜自动开启，于惠按照语音提\n"
    )
    doc = extract(page)
    assert doc.paragraphs == (P1, P2)
    v = verdicts(doc)
    assert v["地方动态"] == (False, ("list-heading",))
    items = [b for b in doc.blocks if b.kind == "list-item"]
    assert len(items) == 3
    assert all(b.reasons == ("teaser-list",) and not b.kept for b in items)


def test_teaser_list_in_html() -> None:
    items = "".join(
        f'<li><a href="/n/{i}.html">{h}</a><span>{s}...</span></li>'
        for i, (h, s) in enumerate(
            [
                ("福建举办红色电影展映活动", "记者20日获悉，为发挥好红色电影在党史学习教育中的特殊作用"),
                ("浙江遂昌推进教育高质量发展", "近日，遂昌育才高级中学学生荣获全国中学生物理竞赛金牌"),
                ("青岛上线公交钥匙智能管控系统", "驾驶员完成面部识别后，面前的智能钥匙柜自动开启，按照语音"),
            ]
        )
    )
    page = (
        f"<html><head><title>{TITLE}</title></head><body><h1>{TITLE}</h1>"
        f"<div class='content'><p>{P1}</p><p>{P2}</p></div><div class='side'><h3>地方动态</h3><ul>{items}</ul></div>"
        "</body></html>"
    )
    doc = extract(page)
    assert doc.paragraphs == (P1, P2)
    assert all(not b.kept and b.reasons for b in doc.blocks if b.kind == "list-item")


def test_real_list_inside_article_kept() -> None:
    page = (
        f"{TITLE}\n{P1}\n协议明确了三项任务：\n  1. 共建科技创新中心，开展联合攻关。\n"
        f"  2. 推动科技成果转化，共享科技资源。\n  3. 加强人才交流，共建国际联合实验室。\n{P4}\n"
    )
    doc = extract(page)
    assert doc.paragraphs == (
        P1, "协议明确了三项任务：", "共建科技创新中心，开展联合攻关。", "推动科技成果转化，共享科技资源。",
        "加强人才交流，共建国际联合实验室。", P4,
    )  # fmt: skip


def test_text_dump_title_must_echo_the_lead() -> None:
    """A widget line above a dump's article is no title; a headline whose words the lead repeats is."""
    assert extract(f"首页\n用微信扫码二维码\n{P1}\n{P2}\n{P3}\n").title is None
    assert extract(f"首页\n{TITLE}\n{P1}\n{P2}\n{P3}\n").title == TITLE


def test_title_and_dateline_set_aside() -> None:
    doc = extract(f"{TITLE}\n2021-06-04 10:20 来源：新华社 记者：李明\n{P1}\n{P2}\n")
    assert doc.title == TITLE
    assert doc.paragraphs == (P1, P2)
    assert doc.published is not None
    assert (doc.published.isoformat(), doc.source, doc.author) == ("2021-06-04T10:20:00+08:00", "新华社", "李明")
    assert verdicts(doc)[TITLE] == (False, ("title",))


@pytest.mark.parametrize(
    "line",
    [
        "2024年5月9日，沪渝合作中心正式揭牌启动。 [3]",  # an encyclopedia's citation mark
        "2021年6月4日，重庆，在江边晨练的市民。（视觉中国）",  # a caption's photo credit
        "协议自2021年7月1日起施行。双方将在七个方面",  # a dump line wrapped mid-paragraph
    ],
)
def test_sentence_with_a_date_is_prose_not_a_dateline(line: str) -> None:
    html = (
        f"<html><head><title>{TITLE}</title></head><body><h1>{TITLE}</h1><div class='article'>"
        f"<p>{P1}</p><p>{line}</p><p>{P2}</p></div></body></html>"
    )
    for page in (html, f"{TITLE}\n{P1}\n{line}\n{P2}\n"):
        assert verdicts(extract(page))[line][0], page
    dateline = "2021年6月4日 10:20 来源：新华社"
    assert verdicts(extract(f"{TITLE}\n{dateline}\n{P1}\n{P2}\n"))[dateline] == (False, ("metadata",))


def test_script_chrome_is_boilerplate() -> None:
    """A cookie banner, loading placeholders and a no-script notice (what a dump of a page built by
    scripts holds) are the site's, however sentence-like: they neither join nor draw the region."""
    chrome = (
        "本站使用 cookie 数据以确保网站正常运行，并帮助我们提供最佳用户体验。点击“同意”即表示您同意我们使用 cookie。",
        "调查问题加载中，请稍候。",
        "正在加载…",
        "请使用更现代的浏览器并启用 JavaScript 以获得最佳浏览体验。",
        "加载页面时出错，请强制刷新页面重试。",
    )
    top, loading, tail = chrome[0], chrome[1], "\n".join(chrome[2:])
    doc = extract(f"{top}\n我同意\n{TITLE}\n{loading}\n{P1}\n{P2}\n{P3}\n{tail}\n")
    assert doc.paragraphs == (P1, P2, P3)
    assert all(verdicts(doc)[line] == (False, ("boilerplate",)) for line in chrome)
    article = "<p>有人问：浏览器能否禁用 JavaScript？答案是可以，设置里就有这一项。</p>"
    html = f"<html><head><title>{TITLE}</title></head><body><h1>{TITLE}</h1><div>{article}<p>{P1}</p></div></body>"
    assert extract(html).paragraphs[0].startswith("有人问")  # prose that mentions scripts stays


def test_no_article() -> None:
    doc = extract("首页\n新闻\n体育\n娱乐\n联系我们\n")
    assert doc.text == ""
    assert doc.paragraphs == ()
    assert all(b.reasons and not b.kept for b in doc.blocks)


# -- hidden widgets and the article's element ---------------------------------------------------


def test_modal_dialog_text_is_never_the_article() -> None:
    reasons = "".join(f"<div><input type=radio>{r}：{P1[:24]}，内容混乱难以阅读。</div>" for r in "甲乙丙丁戊己")
    page = (
        f"<html><head><title>{TITLE}</title></head><body><h1>{TITLE}</h1>"
        f"<div class='post-body'><p>{P1[:30]}</p></div>"
        f"<div class='ui modal small report'><form>{reasons}</form></div></body></html>"
    )
    doc = extract(page)
    assert doc.paragraphs == (P1[:30],)
    assert all(b.reasons == ("boilerplate",) for b in doc.blocks if "内容混乱" in b.text)


def test_subheadings_inside_the_article_element_kept() -> None:
    heads = ["检查依赖", "安装缺失依赖", "结论"]
    page = (
        f"<html><head><title>{TITLE}</title></head><body><h1>{TITLE}</h1><div class='article'>"
        f"<p>{P1}</p><h2>{heads[0]}</h2><pre>npm i</pre><p>{heads[1]}</p><p>{P2}</p><h3>{heads[2]}</h3><p>{P3}</p>"
        "</div><div class='side'><p>热门</p><p>排行</p></div></body></html>"
    )
    doc = extract(page)
    assert doc.paragraphs == (P1, heads[0], "npm i", heads[1], P2, heads[2], P3)  # code too: see below


def test_feed_of_list_items_weighs_less_than_the_article() -> None:
    items = "".join(f"  • 第{n}条新闻标题\n    法新社·{n}小时前\n    {P3}{P4[:20]}。\n" for n in "一二三四五六七八")
    doc = extract(f"{TITLE}\n{P1}\n{P2}\n其他人也在看\n{items}")
    assert doc.paragraphs == (P1, P2)


def test_thread_replies_kept_after_the_first_post() -> None:
    replies = [
        "我觉得这个方案可以试试，之前我们公司也是这么做的，效果还不错。",
        "同意楼上的看法，不过要注意成本控制，别一下子投入太多。",
    ]
    thread = (
        f"{TITLE}\n{P1}\n{P2}\n点赞\n收藏\n举报\n2个评论\n倒序看帖\n仅看楼主\n"
        f"张三\n2020.06.09 09:42 发布\n{replies[0]}\n点赞\n评论\n举报\n"
        f"李四\n2020.06.10 10:42 发布\n{replies[1]}\n点赞\n评论\n举报\n版权所有 某某论坛\n"
    )
    assert extract(thread).paragraphs == (P1, P2, *replies)
    news = thread.replace("倒序看帖\n仅看楼主\n", "全部评论\n")
    assert extract(news).paragraphs == (P1, P2)


def test_table_of_contents_page_keeps_its_chapter_list() -> None:
    chapters = [f"第{n}章 风起云涌" for n in range(1, 41)]
    items = "".join(f"<li><a href='/{n}.html'>{c}</a></li>" for n, c in enumerate(chapters))
    page = (
        "<html><head><title>逆风之书</title></head><body>"
        "<ul><li><a href='/'>首页</a></li><li><a href='/x'>玄幻</a></li></ul>"
        "<h1>逆风之书</h1><div>一个少年，一把长剑，一段传奇。</div>"
        f"<ul class='chapters'>{items}</ul><div>版权所有 某某小说网</div></body></html>"
    )
    doc = extract(page)
    assert doc.paragraphs[-len(chapters) :] == tuple(chapters)
    article = page.replace("<div>一个少年，一把长剑，一段传奇。</div>", f"<div><p>{P1}</p><p>{P2}</p><p>{P3}</p></div>")
    assert extract(article.replace(items, items[: items.index("第4章") - 22])).paragraphs == (P1, P2, P3)


def test_form_controls_in_a_dump_are_boilerplate() -> None:
    doc = extract(f"{TITLE}\n{P1}\n{P2}\n( ) 垃圾广告：恶意灌水、广告、推广等内容\n[*] 其他理由：请补充说明\n")
    assert doc.paragraphs == (P1, P2)
    assert verdicts(doc)["[*] 其他理由：请补充说明"] == (False, ("boilerplate",))


def test_sidebar_label_between_article_columns_is_no_barrier() -> None:
    long1, long2 = P1 + P2 + P3, P2 + P3 + P4
    doc = extract(f"{TITLE}\n{long1}\n最新评论\n{long2}\n责任编辑：张三\n{P4}\n")
    assert doc.paragraphs == (long1, long2)


def test_sidebar_label_inside_a_wrapped_sentence_is_no_barrier() -> None:
    first, rest = P1 + P2[:20], P2[20:] + P3
    doc = extract(f"{TITLE}\n{first}\n相关文章\n{rest}\n责任编辑：张三\n{P4}\n")
    assert doc.paragraphs == (first, rest)
    ended = extract(f"{TITLE}\n{P1}\n相关文章\n{P2}\n")
    assert ended.paragraphs == (P1,)


def test_short_article_judged_again_leniently() -> None:
    steps = ["每次打开别人新的项目都要安装依赖都会各种报错很烦", "先安装检查依赖的工具", "找到缺失的依赖逐个安装"]
    body = f"{P1}\n" + "\n".join(steps)
    doc = extract(f"{TITLE}\n{body}\n版权所有 某某社区\n")
    assert doc.paragraphs == (P1, *steps)


def test_title_label_line_is_metadata() -> None:
    doc = extract(f"首页 > 社区 > 论坛\n主题：{TITLE}？\n作者：张三 时间：2005-08-22 19:13:18\n{P1}\n{P2}\n")
    assert doc.paragraphs == (P1, P2)
    assert verdicts(doc)[f"主题：{TITLE}？"] == (False, ("metadata",))


WIDGET_LINES = ["语音播报文章，释放双眼", "播报", "关注", "IP属地：北京", "平台声明：该文观点仅代表作者本人。"]


@pytest.mark.parametrize("line", WIDGET_LINES)
def test_platform_widgets_and_disclaimers_are_boilerplate(line: str) -> None:
    doc = extract(f"{TITLE}\n{P1}\n{line}\n{P2}\n{line}\n")
    assert doc.paragraphs == (P1, P2)
    assert verdicts(doc)[line] == (False, ("boilerplate",))


def test_hot_label_after_han_is_a_related_heading() -> None:
    doc = extract(f"{TITLE}\n{P1}\n{P2}\n乐活HOT\n{P3}\n")
    assert doc.paragraphs == (P1, P2)
    assert verdicts(doc)["乐活HOT"] == (False, ("related",))


@pytest.mark.parametrize("line", [f"原标题：{TITLE}", f"（原题为《{TITLE}》）"])
def test_original_title_line_is_metadata(line: str) -> None:
    doc = extract(f"{TITLE}\n{P1}\n{P2}\n{line}\n{P3}\n")
    assert doc.paragraphs == (P1, P2, P3)
    assert verdicts(doc)[line] == (False, ("metadata",))


@pytest.mark.parametrize("line", ["（更多内容请继续关注 查报纸网）", "敬请继续关注", "长按二维码识别关注"])
def test_follow_us_lines_are_share_boilerplate(line: str) -> None:
    doc = extract(f"{TITLE}\n{P1}\n{P2}\n{line}\n")
    assert doc.paragraphs == (P1, P2)
    assert verdicts(doc)[line] == (False, ("share",))


def test_data_table_after_the_article_kept() -> None:
    rows = [("艺术学原理", "刘梦溪", "艺术概论"), ("艺术人类学", "方李莉", "艺术概论"), ("中国音乐史", "田青", "同上")]
    table = "".join(f"<tr><td>{a}</td><td>{b}</td><td>{c}</td></tr>" for a, b, c in rows)
    page = (
        f"<html><head><title>{TITLE}</title></head><body><h1>{TITLE}</h1>"
        f"<table><tr><td><p>{P1}</p><p>{P2}</p><p>附：招生专业及考试科目</p></td></tr></table>"
        f"<table><tr><td>专业名称</td><td>导师</td><td>考试科目</td></tr>{table}</table>"
        "<div>版权所有 某某学院</div></body></html>"
    )
    doc = extract(page)
    assert doc.paragraphs[:3] == (P1, P2, "附：招生专业及考试科目")
    assert doc.paragraphs.count("艺术概论") == 2 and "方李莉" in doc.paragraphs


@pytest.mark.parametrize("line", ["1 人赞同了该回答", "更多回答", "查看全部 22 个回答"])
def test_question_and_answer_controls_are_boilerplate(line: str) -> None:
    doc = extract(f"{TITLE}\n{P1}\n{line}\n{P2}\n")
    assert doc.paragraphs == (P1, P2)
    assert verdicts(doc)[line] == (False, ("boilerplate",))


def test_code_inside_the_article_is_kept() -> None:
    """A ``<pre>`` block (a command, code) inside the article's element is part of the article,
    though it has no Han character; one in the sidebar is not."""
    page = (
        f"<html><head><title>{TITLE}</title></head><body><h1>{TITLE}</h1>"
        f"<div class='article'><p>{P1}</p><pre>npm i -g depcheck</pre><p>{P2}</p><h2>安装</h2>"
        "<pre>composer require hamcq/filter-plus</pre></div>"
        "<div class='sidebar'><h3>热门标签</h3><pre>$ curl example.com | sh</pre><a href='/t'>标签</a></div>"
        "</body></html>"
    )
    doc = extract(page)
    assert "npm i -g depcheck" in doc.paragraphs and "composer require hamcq/filter-plus" in doc.paragraphs
    assert doc.paragraphs.index("npm i -g depcheck") == doc.paragraphs.index(P1) + 1
    assert "$ curl example.com | sh" not in doc.text
