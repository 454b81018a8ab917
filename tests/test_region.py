"""The region model: an article made of several runs (sections after a subheading, image or
in-body box), a news article above a long comment thread, a forum thread's short replies.

Every page here is built by hand, in Chinese written for these tests.
"""

from __future__ import annotations

import html

import cleantext

TITLE = "山城步道更新改造工程全面完工"
SECTION_1 = [
    "今年春天，市住房城乡建设委员会启动了山城步道更新改造工程，计划用一年时间完成十二条老步道的修缮与提升。",
    "工程负责人介绍，这些步道大多建于上世纪八十年代，台阶破损、排水不畅、照明不足等问题一直困扰着沿线居民。",
    "为此，设计团队先后走访了三百多户居民，把大家反映最集中的意见逐条写进了改造方案，力求做到一步一景。",
]
SECTION_2 = [
    "步道沿线的老旧院落是改造的难点。施工队伍采用小型机械配合人工搬运的方式，尽量减少对居民日常生活的干扰。",
    "在十八梯片区，工人们保留了原有的青石板和黄葛树，只对松动的石阶进行加固，让老街巷的韵味得以延续下来。",
    "社区还组织志愿者每天在施工点值守，及时收集居民的意见，遇到老人出行不便时主动搀扶，赢得了大家的称赞。",
]
SECTION_3 = [
    "完工后的步道新增了两百多盏节能路灯和十余处休息平台，夜晚散步的市民明显多了起来，周边小店的生意也更好了。",
    "住在附近的王阿姨说，过去下雨天根本不敢走这条路，现在台阶平整了，扶手也装上了，每天傍晚都要来走上两圈。",
    "下一步，相关部门将建立步道日常养护制度，明确管护责任，让这些连接街巷与山水的小路长久地发挥作用。",
]
#: Comments are made of a lead, an opening and a remark: 300 different ones, none the start of another.
OPENINGS = [
    "说得好，",
    "支持一下，",
    "我家就在附近，",
    "终于修好了，",
    "这个必须点赞，",
    "昨天刚去过，",
    "作为老居民，",
    "同意楼上，",
    "说实话，",
    "看了新闻才知道，",
]
REMARKS = [
    "我家老人每天都走这条路，现在放心多了。",
    "晚上散步的人比以前多了好几倍。",
    "希望别的区也能学一学，我们小区后面那条坡道也该修一修了。",
    "灯光很漂亮，就是周末人太多，有点挤。",
    "台阶还是有点陡，老人和小孩走的时候要注意安全。",
    "之前施工的时候绕路绕得很辛苦。",
    "施工队的师傅们辛苦了，大热天还在搬石头。",
    "听说黄葛树都保留下来了，周末带孩子去看看。",
    "以前那里下雨就积水，现在排水沟修好了。",
    "路边的小店也热闹起来了，卖凉面的那家排队的人特别多。",
]
LEADS = ["", "哈哈，", "顶，"]
REPLIES = ["顶一下楼主！", "谢谢分享，很有用。", "同问，我也想知道。", "已收藏，慢慢看。", "楼上说得对。", "学习了。"]


def _doc(page: bytes | str, **kw: object) -> cleantext.Document:
    return cleantext.extract(page, use_jieba=False, **kw)


def _kept(doc: cleantext.Document, texts: list[str]) -> list[str]:
    """The texts of ``texts`` that are not kept whole in ``doc``."""
    body = doc.text
    return [t for t in texts if t not in body]


def _sections_html(subheading: str) -> str:
    e = html.escape
    ps = lambda xs: "".join(f"<p>{e(x)}</p>" for x in xs)  # noqa: E731
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{e(TITLE)}_山城日报</title></head><body>'
        '<div class="nav"><a href="/">首页</a> <a href="/a/">本地</a> <a href="/b/">民生</a> '
        '<a href="/c/">图片</a></div>'
        f'<div class="article"><h1>{e(TITLE)}</h1><div class="info">2023-05-12 09:30 来源：山城日报</div>'
        f'<div class="content">{ps(SECTION_1)}<h3>{e(subheading)}</h3>{ps(SECTION_2)}'
        '<p><img src="a.jpg" alt="步道"></p><p class="pic">改造后的步道（资料图）</p>'
        '<div class="ad"><a href="/ad/">广告</a></div>'
        f"{ps(SECTION_3)}</div>"
        "<div>责任编辑：李小兰</div></div>"
        '<div class="side"><h2>相关新闻</h2><ul>'
        + "".join(f'<li><a href="/n/{k}.html">本地新闻标题第{k}条的简短内容</a></li>' for k in range(6))
        + '</ul></div><div class="footer">版权所有 山城日报社 渝ICP备12345678号</div></body></html>'
    )


def _sections_text(subheading: str) -> str:
    lines = ["首页 | 本地 | 民生 | 图片", TITLE, "2023-05-12 09:30 来源：山城日报", ""]
    for p in SECTION_1:
        lines += [p, ""]
    lines += [subheading, ""]
    for p in SECTION_2:
        lines += [p, ""]
    lines += ["[image]", "改造后的步道（资料图）", "广告", ""]
    for p in SECTION_3:
        lines += [p, ""]
    lines += ["责任编辑：李小兰", "", "相关新闻"]
    lines += [f"  * 本地新闻标题第{k}条的简短内容" for k in range(6)]
    lines += ["版权所有 山城日报社 渝ICP备12345678号"]
    return "\n".join(lines) + "\n"


# -- class 1: an article is several runs of prose ----------------------------------------------


def test_sections_after_a_subheading_that_reads_like_a_barrier_are_kept_html() -> None:
    # "热点" makes the subheading look like a "hot articles" box label: it used to end the article
    doc = _doc(_sections_html("二、居民关心的热点问题"))
    assert _kept(doc, SECTION_1 + SECTION_2 + SECTION_3) == []
    assert "本地新闻标题" not in doc.text and "责任编辑" not in doc.text


def test_sections_after_a_subheading_that_reads_like_a_barrier_are_kept_text() -> None:
    doc = _doc(_sections_text("二、居民关心的热点问题"))
    assert _kept(doc, SECTION_1 + SECTION_2 + SECTION_3) == []
    assert "本地新闻标题" not in doc.text and "责任编辑" not in doc.text


# -- class 8: comments and replies -------------------------------------------------------------


def _comment_thread(n: int) -> list[tuple[str, str]]:
    """``n`` different short comments: (byline, text)."""
    out = []
    for k in range(n):
        text = LEADS[(k // 100) % 3] + OPENINGS[k % 10] + REMARKS[(k // 10 + k) % 10]
        out.append((f"山城网友{1000 + k * 37} {k % 23 + 1}小时前", text))
    return out


def _news_with_comments_html(n: int, heading: str) -> str:
    e = html.escape
    article = SECTION_1 + SECTION_3
    comments = "".join(
        f'<div class="cmt"><div class="user">{e(by)}</div><div class="txt">{e(t)}</div>'
        '<div class="ops"><a href="#">回复</a> <a href="#">赞</a></div></div>'
        for by, t in _comment_thread(n)
    )
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{e(TITLE)}_山城日报</title></head><body>'
        f'<div class="article"><h1>{e(TITLE)}</h1><div class="info">2023-05-12 09:30 来源：山城日报</div>'
        + "".join(f"<p>{e(p)}</p>" for p in article)
        + f'</div><div class="comments"><h3>{e(heading)}（{n}）</h3>{comments}</div>'
        '<div class="footer">版权所有 山城日报社</div></body></html>'
    )


def _news_with_comments_text(n: int, heading: str) -> str:
    lines = [TITLE, "2023-05-12 09:30 来源：山城日报", ""]
    for p in SECTION_1 + SECTION_3:
        lines += [p, ""]
    lines += [f"{heading}（{n}）", ""]
    for by, t in _comment_thread(n):
        lines += [by, t, "回复 赞", ""]
    lines += ["版权所有 山城日报社"]
    return "\n".join(lines) + "\n"


def test_a_long_comment_thread_does_not_replace_the_article() -> None:
    # under a heading the lexicon knows (网友评论), and under one it does not (读者留言)
    for heading in ("网友评论", "读者留言"):
        for n in (100, 300):
            for page in (_news_with_comments_html(n, heading), _news_with_comments_text(n, heading)):
                doc = _doc(page)
                assert _kept(doc, SECTION_1 + SECTION_3) == [], (heading, n)
                assert "山城网友" not in doc.text and "路边的小店" not in doc.text, (heading, n)


def _forum_html(replies: list[str], marks: bool = True) -> str:
    e = html.escape
    first = SECTION_1[:2]
    posts = [("山城老街", first)] + [(f"网友{k}号", [r]) for k, r in enumerate(replies)]
    body = "".join(
        f'<div class="post" id="post_{k}"><div class="author">{e(user)}</div>'
        f'<div class="time">发表于 2023-05-{12 + k % 9:02d} 10:{k:02d}</div>'
        f'<div class="message">{"".join(f"<p>{e(x)}</p>" for x in texts)}</div>'
        f'<div class="ops">{"<a>只看该作者</a> " if marks else ""}<a href="#">回复</a> '
        f'<a href="#">{k + 1}楼</a></div></div>'
        for k, (user, texts) in enumerate(posts)
    )
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>老步道修好了，大家去走过没有？_山城论坛</title></head>'
        '<body><div class="nav"><a href="/">论坛首页</a> <a href="/f/">本地生活</a></div>'
        f"<h1>老步道修好了，大家去走过没有？</h1>{body}"
        '<div class="footer">版权所有 山城论坛</div></body></html>'
    )


def test_a_forum_thread_keeps_its_short_replies() -> None:
    # with a control only threads have (只看该作者), and without: then the posts' layout tells
    for marks in (True, False):
        doc = _doc(_forum_html(REPLIES, marks))
        assert _kept(doc, SECTION_1[:2] + REPLIES) == [], marks
        assert "版权所有" not in doc.text


# -- class 9: text dumps of tech blogs ---------------------------------------------------------

TECH = [
    "很多同学问我怎样用脚本批量检查网站是否能正常访问，其实只需要几行代码就能做到，下面一步一步说明。",
    "首先安装发送请求用的库，在终端里执行下面这条命令即可，安装过程大约需要一分钟：",
    "安装完成以后，新建一个脚本文件，把要检查的网址写进列表，然后逐个发送请求并打印返回的状态码：",
    "运行脚本后，每个网址后面都会显示一个数字，二百表示访问正常，其他数字说明页面出了问题，需要进一步排查。",
]
CODE = [
    "pip install requests",
    "import requests",
    'urls = ["https://example.com", "https://example.org"]',
    "for url in urls:",
    "    print(url, requests.get(url, timeout=5).status_code)",
]


def test_code_lines_of_a_tech_blog_dump_are_kept() -> None:
    lines = ["首页 | 博客 | 问答 | 登录", "用几行代码批量检查网站状态", "2023-05-12 09:30 作者：山城码农", ""]
    lines += [TECH[0], "", TECH[1], "", CODE[0], "", TECH[2], "", *CODE[1:], "", TECH[3], ""]
    lines += ["版权所有 山城技术社区"]
    doc = _doc("\n".join(lines) + "\n")
    assert _kept(doc, TECH + [c.strip() for c in CODE]) == []  # (a block's text is whitespace-collapsed)
    assert "登录" not in doc.text and "版权所有" not in doc.text
