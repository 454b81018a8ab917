"""Synthetic but realistic Chinese pages for the reliability tests: an article with its
boilerplate (navigation, dateline, share bar, teaser list, editor line, ICP footer), as
HTML or as a text dump, repeated to any size. Deterministic for a given seed.

>>> page = html_page(seed=1)
>>> page.startswith("<!DOCTYPE html>") and "</html>" in page
True
>>> len(html_page(size=200_000).encode()) >= 200_000
True
"""

from __future__ import annotations

import random

SENTENCES = (
    "6月3日，重庆市科技局与上海市科委在2021浦江创新论坛上签署科技合作框架协议。",
    "根据协议，我市将与上海在科技创新中心建设、关键核心技术攻关等七个方面开展深度合作。",
    "双方将以“优势互补、互惠双赢、扩大合作、共同发展”的原则，携手推进高水平科技自立自强。",
    "在推动科技成果转化方面，鼓励支持上海品牌、专业化孵化平台在重庆设立分支机构。",
    "据了解，近年来重庆深入实施引进科技创新资源行动，与多所上海高校签署合作协议。",
    "市科技局负责人表示，推动长江经济带发展，是关系国家发展全局的重大战略。",
    "今天上午，记者从市教委获悉，全市中小学将于下周一起陆续开学。",
    "专家指出，数字经济正在成为推动高质量发展的重要引擎，需要加快新型基础设施建设。",
)
NAV = ("首页", "新闻", "体育", "财经", "科技", "娱乐", "汽车", "房产", "教育", "旅游")
TEASERS = (
    "浙江遂昌教育提质行动推进教育高质量发展",
    "国际公共艺术论坛系列活动在青岛举行...",
    "长江经济带生态保护取得新进展",
    "全国夏粮喜获丰收 产量创历史新高",
)


def _article(rnd: random.Random, k: int) -> tuple[str, list[str]]:
    title = f"沪渝携手加快推动长江经济带高质量发展（{k}）"
    paragraphs = ["".join(rnd.choice(SENTENCES) for _ in range(rnd.randint(2, 5))) for _ in range(rnd.randint(4, 9))]
    return title, paragraphs


def html_article(rnd: random.Random, k: int) -> str:
    """One article with its boilerplate, as an HTML fragment."""
    title, paragraphs = _article(rnd, k)
    nav = "".join(f'<li><a href="/{i}">{name}</a></li>' for i, name in enumerate(NAV))
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    teasers = "".join(f'<li><a href="/t{i}">{t}</a></li>' for i, t in enumerate(TEASERS))
    return (
        f'<div class="header"><ul class="nav">{nav}</ul></div>'
        f'<div class="main"><h1>{title}</h1>'
        f'<div class="info">发布时间:2021-06-04 14:23:36 文章来源:重庆日报</div>'
        f'<div id="content" class="article">{body}'
        f"<p>（责任编辑：张三）</p></div>"
        f'<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>'
        f'<div class="related"><h3>相关阅读</h3><ul>{teasers}</ul></div></div>'
        f'<div class="footer">版权所有 重庆日报 渝ICP备05003419号 <a href="/about">关于我们</a></div>'
        f"<script>var _hmt = _hmt || []; /* <p>not text</p> */</script><!-- {k} -->"
    )


def text_article(rnd: random.Random, k: int) -> str:
    """One article with its boilerplate, as a text dump."""
    title, paragraphs = _article(rnd, k)
    teasers = "".join(f"  • {t}\n" for t in TEASERS)
    return (
        " ".join(NAV)
        + f"\n{title}\n发布时间:2021-06-04 14:23:36 文章来源:重庆日报\n\n"
        + "\n\n".join(paragraphs)
        + "\n\n责任编辑:张三\n分享到:微信 微博\n相关阅读\n"
        + teasers
        + "版权所有 重庆日报 渝ICP备05003419号\n\n"
    )


def html_page(size: int = 0, seed: int = 0) -> str:
    """A page of at least ``size`` UTF-8 bytes (one article when ``size`` is 0)."""
    rnd = random.Random(seed)
    head = (
        '<!DOCTYPE html><html><head><meta charset="utf-8">'
        "<title>沪渝携手加快推动长江经济带高质量发展_重庆日报</title></head><body>"
    )
    parts = [head]
    total = len(head.encode())
    k = 0
    while k == 0 or total < size:
        part = html_article(rnd, k)
        parts.append(part)
        total += len(part.encode())
        k += 1
    parts.append("</body></html>")
    return "".join(parts)


def text_dump(size: int = 0, seed: int = 0) -> str:
    """A text dump of at least ``size`` UTF-8 bytes (one article when ``size`` is 0)."""
    rnd = random.Random(seed)
    parts = []
    total = 0
    k = 0
    while k == 0 or total < size:
        part = text_article(rnd, k)
        parts.append(part)
        total += len(part.encode())
        k += 1
    return "".join(parts)


def short_lines(size: int, seed: int = 5) -> str:
    """A dump of at least ``size`` bytes of short lines of words (a link list, a log, a CSV of a
    few fields): 9 to 23 characters a line, none tiny, none wrapped (their lengths vary), a block
    every 14 bytes."""
    rnd = random.Random(seed)
    words = "home news sports finance about contact login register search video music games".split()
    lines: list[str] = []
    total = 0
    while total < size:
        line = " ".join(rnd.choice(words) for _ in range(rnd.randint(2, 3)))
        lines.append(line)
        total += len(line) + 1
    return "\n".join(lines) + "\n"


def wrapped_dump(size: int) -> str:
    """``pages/dump_wrapped.txt`` (Chinese prose as ``w3m -dump`` wraps it at 80 columns)
    repeated to at least ``size`` bytes: each paragraph's lines joined, a text of the splitter's
    own."""
    from pathlib import Path

    one = (Path(__file__).parent / "pages" / "dump_wrapped.txt").read_text("utf-8")
    return one * (size // len(one.encode()) + 1)
