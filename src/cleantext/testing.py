"""Realistic Chinese test pages: an article with the boilerplate around it that cleantext removes.

Used by the pytest plugin's ``zh_page`` fixture and by cleantext's own tests; handy in yours.

>>> import cleantext
>>> paras = article_paragraphs(seed=1, n=3)
>>> page = make_page(paras, title="沪渝携手推动长江经济带高质量发展")
>>> cleantext.extract(page).paragraphs == tuple(paras)
True
>>> cleantext.extract(make_page(paras, kind="text")).paragraphs == tuple(paras)
True
"""

from __future__ import annotations

import html
import random
from collections.abc import Iterable, Sequence

__all__ = ["BOILERPLATE", "article_paragraphs", "make_page"]

BOILERPLATE = ("nav", "teasers", "share", "footer")
"""The boilerplate parts ``make_page`` can add, in page order (``nav`` first, ``footer`` last)."""

_NAV = ("首页", "新闻", "国内", "国际", "财经", "科技", "体育", "娱乐", "教育", "健康", "视频", "图片")
_TEASERS = (
    (
        "2021年福建举办红色电影展映活动近63万场",
        "记者20日获悉，为发挥好红色电影在党史学习教育中的特殊作用，今年全省举办红色电影展",
    ),
    (
        "浙江遂昌教育提质行动推进教育高质量发展",
        "近日，遂昌育才高级中学学生荣获第38届全国中学生物理竞赛金牌，并保送北京大学。近年来",
    ),
    (
        "成渝地区双城经济圈建设再提速",
        "今年以来，川渝两地围绕交通互联互通、产业协同发展等重点领域，共同推进一批重大项目",
    ),
    ("长江流域禁渔效果初步显现", "记者从农业农村部了解到，长江十年禁捕实施以来，流域水生生物资源恢复态势明显，部分"),
    (
        "多地出台措施支持小微企业发展",
        "为进一步减轻市场主体负担，多个省份近期陆续出台支持小微企业和个体工商户发展的政策",
    ),
)
_SITE = ("重庆日报", "新华网", "人民网", "光明网", "中国新闻网", "央视网")

_SUBJECTS = (
    "市科技局",
    "当地政府",
    "相关部门",
    "这家企业",
    "研究团队",
    "两地高校",
    "有关负责人",
    "社区工作人员",
    "专家",
    "村民们",
)
_VERBS = ("积极推进", "深入开展", "持续加强", "稳步推动", "认真落实", "全面完成", "共同探索", "进一步优化")
_OBJECTS = (
    "科技创新中心建设",
    "关键核心技术攻关",
    "科技成果转化工作",
    "人才交流与合作",
    "生态环境保护",
    "乡村振兴战略",
    "公共服务体系",
    "基础设施建设",
    "营商环境改善",
    "数字经济发展",
)
_TAILS = (
    "取得了明显成效",
    "为高质量发展提供了有力支撑",
    "受到了群众的广泛好评",
    "推动了区域协调发展",
    "形成了一批可复制可推广的经验",
    "让更多的人从中受益",
)
_OPENERS = ("据了解，", "记者了解到，", "近年来，", "今年以来，", "与此同时，", "此外，", "他表示，", "")


def article_paragraphs(seed: int = 0, n: int = 4, sentences: tuple[int, int] = (2, 4)) -> list[str]:
    """``n`` deterministic paragraphs of plausible news prose (different for each ``seed``).

    >>> article_paragraphs(seed=3, n=2) == article_paragraphs(seed=3, n=2)
    True
    >>> len(article_paragraphs(seed=3, n=5))
    5
    """
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(*sentences)):
            parts.append(
                f"{rng.choice(_OPENERS)}{rng.choice(_SUBJECTS)}{rng.choice(_VERBS)}{rng.choice(_OBJECTS)}，"
                f"在{rng.choice(_OBJECTS)}等方面{rng.choice(_VERBS)}各项工作，{rng.choice(_TAILS)}。"
            )
        out.append("".join(parts))
    return out


def make_page(
    paragraphs: Sequence[str],
    *,
    title: str = "沪渝携手加快推动长江经济带高质量发展",
    kind: str = "html",
    boilerplate: Iterable[str] = BOILERPLATE,
    encoding: str = "utf-8",
    published: str | None = "2021-06-04 14:23:36",
    source: str | None = "重庆日报",
    seed: int = 0,
) -> bytes:
    """A page holding ``paragraphs`` as its article, with the chosen boilerplate around it.

    Args:
        paragraphs: the article body, one string per paragraph.
        title: the headline (also the HTML ``<title>``, with a site name appended).
        kind: ``"html"`` for a web page, ``"text"`` for a plain-text dump (Common Crawl WET style).
        boilerplate: any of :data:`BOILERPLATE`: ``nav`` (a link bar), ``teasers`` (a list of other
            articles with cut-off leads), ``share`` (a share bar) and ``footer`` (copyright, ICP).
        encoding: the page's bytes are in this encoding; HTML declares it in ``<meta charset>``.
        published, source: the dateline under the title (``None`` leaves that part out).
        seed: varies the site name, menu and teaser order.

    Returns:
        the page as bytes in ``encoding``.
    """
    if kind not in ("html", "text"):
        raise ValueError(f"kind must be 'html' or 'text', not {kind!r}")
    parts = set(boilerplate)
    unknown = parts - set(BOILERPLATE)
    if unknown:
        raise ValueError(f"unknown boilerplate {sorted(unknown)}; choose from {BOILERPLATE}")
    rng = random.Random(seed)
    site = rng.choice(_SITE)
    nav = list(_NAV)
    rng.shuffle(nav)
    nav = nav[:9]
    teasers = list(_TEASERS)
    rng.shuffle(teasers)
    teasers = teasers[:4]
    dateline = " ".join(
        x for x in (f"发布时间:{published}" if published else "", f"文章来源:{source}" if source else "") if x
    )
    build = _html if kind == "html" else _text
    page = build(paragraphs, title, parts, site, nav, teasers, dateline, encoding)
    return page.encode(encoding, "xmlcharrefreplace" if kind == "html" else "strict")


def _html(paragraphs, title, parts, site, nav, teasers, dateline, encoding) -> str:  # type: ignore[no-untyped-def]
    e = html.escape
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head>',
        f'<meta charset="{e(encoding)}">',
        f"<title>{e(title)}_{e(site)}</title>",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<script>var _hmt = _hmt || []; (function(){ var hm = document.createElement('script'); })();</script>",
        "<style>.nav a{margin:0 8px}.share{float:right}</style>",
        "</head><body>",
    ]
    if "nav" in parts:
        links = "".join(f'<li><a href="/{i}/">{e(x)}</a></li>' for i, x in enumerate(nav))
        out.append(
            f'<div class="header"><div class="logo"><a href="/">{e(site)}</a></div><ul class="nav">{links}</ul></div>'
        )
        out.append(f'<div class="crumb"><a href="/">{e(site)}</a> &gt; <a href="/news/">新闻</a> &gt; 正文</div>')
    out.append('<div class="main"><div class="article">')
    out.append(f"<h1>{e(title)}</h1>")
    if dateline:
        out.append(f'<div class="info">{e(dateline)}</div>')
    out.append('<div class="content" id="content">')
    out.extend(f"<p>{e(p)}</p>" for p in paragraphs)
    out.append("</div>")
    if "share" in parts:
        out.append('<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>')
    out.append('<div class="editor">责任编辑：王小明</div>')
    out.append("</div>")
    if "teasers" in parts:
        items = "".join(
            f'<li><a href="/news/{i}.html"><h3>{e(h)}</h3><p>{e(h[:14])}</p><p>{e(lead)}</p></a></li>'
            for i, (h, lead) in enumerate(teasers)
        )
        out.append(f'<div class="side"><h2>相关新闻</h2><ul class="list">{items}</ul></div>')
    out.append("</div>")
    if "footer" in parts:
        out.append(
            f'<div class="footer"><p><a href="/about/">关于我们</a> | <a href="/contact/">联系我们</a> | '
            f'<a href="/ad/">广告服务</a></p><p>版权所有 {e(site)} 未经授权禁止转载</p>'
            "<p>渝ICP备05003419号</p></div>"
        )
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _text(paragraphs, title, parts, site, nav, teasers, dateline, encoding) -> str:  # type: ignore[no-untyped-def]
    out: list[str] = []
    if "nav" in parts:
        out.append(" | ".join(nav))
        out.append(f"{site} > 新闻 > 正文")
    out.append(title)
    if dateline:
        out.append(dateline)
    out.append("")
    for p in paragraphs:
        out.extend((p, ""))
    if "share" in parts:
        out.append("分享到：微信 微博 QQ空间")
    out.append("责任编辑：王小明")
    if "teasers" in parts:
        out.extend(("", "相关新闻", ""))
        for h, lead in teasers:
            out.extend((f"  · {h}", f"    {h[:14]}", "", f"    {lead}", ""))
    if "footer" in parts:
        out.append("关于我们 | 联系我们 | 广告服务")
        out.append(f"版权所有 {site} 未经授权禁止转载")
        out.append("渝ICP备05003419号")
    return "\n".join(out) + "\n"
