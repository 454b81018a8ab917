"""Synthetic Chinese news pages of a chosen size, as HTML and as a w3m-style text dump.

A page is a portal header and navigation, a breadcrumb, a title and byline, then article
sections (subheading and paragraphs) interleaved with boilerplate blocks (share bar,
related-reading lists, ads), a sidebar ranking and a footer, repeated until the target
size. Paragraphs are drawn from a fixed sentence pool with a seeded RNG, so pages are
reproducible but lines are not all identical. Nothing here comes from corpus pages.
"""
from __future__ import annotations

import html
import random
import zlib

SENTENCES = (
    "近日，市政府召开常务会议，研究部署进一步优化营商环境的若干措施。",
    "会议指出，要坚持以人民为中心的发展思想，切实解决群众急难愁盼问题。",
    "据统计，今年前三季度全市地区生产总值同比增长{n}.{d}%，增速高于全国平均水平。",
    "在城市更新行动中，{n}个老旧小区完成改造，惠及居民{m}余户。",
    "记者在现场看到，工人们正在加紧施工，项目预计于年底前全面完工。",
    "专家认为，数字经济正成为推动高质量发展的重要引擎。",
    "该负责人介绍，下一步将加大对中小企业的金融支持力度，降低融资成本。",
    "为保障春运期间旅客出行，铁路部门加开临时列车{n}对。",
    "目前，全省已建成5G基站{m}个，实现县城以上城区全覆盖。",
    "活动现场，来自各地的非遗传承人展示了剪纸、刺绣、木雕等传统技艺。",
    "“我们村的路修好了，农产品运出去方便多了。”一位村民高兴地说。",
    "今年以来，当地围绕产业振兴，累计引进项目{n}个，总投资{m}亿元。",
    "教育部门表示，将持续推进义务教育优质均衡发展，缩小城乡差距。",
    "气象台预计，未来三天我市将有一次明显降雨过程，局部地区有暴雨。",
    "据了解，该博物馆共收藏文物{m}余件，其中一级文物{n}件。",
    "医保部门提醒，参保群众可通过手机办理异地就医备案，无需往返跑腿。",
    "与会代表围绕乡村振兴、生态保护等议题展开了深入讨论。",
    "截至目前，全市新能源汽车保有量突破{m}辆，充电桩数量同比增长{n}%。",
    "他强调，要压实安全生产责任，坚决遏制重特大事故发生。",
    "此次展会吸引了{n}个国家和地区的{m}家企业参展，意向成交额创历史新高。",
    "图书馆延长了开放时间，周末还推出了亲子阅读和传统文化讲座。",
    "业内人士分析，随着消费回暖，文旅市场有望继续保持较快增长。",
    "该项目建成后，预计每年可减少二氧化碳排放约{m}吨。",
    "社区志愿者每天上门为独居老人送餐，并定期开展健康检查。",
)
HEADINGS = ("发展成效持续显现", "民生保障不断加强", "改革创新深入推进", "生态环境明显改善",
            "文化事业繁荣发展", "基层治理提质增效", "重点项目加快建设", "群众获得感更强")
HEADLINES = ("全市重点项目建设推进会召开", "我市出台支持民营经济发展新举措", "多地迎来入秋以来首场降雨",
             "高铁新线开通运营 沿线群众出行更便捷", "第十届读书节开幕", "夏粮收购工作有序开展",
             "科技创新大会举行 表彰一批先进集体", "老旧小区改造让居民住得更舒心", "城市公园免费开放",
             "跨境电商交易额同比增长三成", "中小学秋季开学工作部署会召开", "非遗文化进校园活动启动")
NAV = ("首页", "新闻", "国内", "国际", "财经", "科技", "体育", "娱乐", "教育", "健康", "房产", "视频", "图片", "专题")
SHARE = "分享到：微信 微博 QQ空间 复制链接"
AD = "广告 点击了解详情 >>"
FOOTER = ("关于我们 | 联系我们 | 广告服务 | 网站地图 | 法律声明",
          "Copyright © 2024 城市新闻网 版权所有 未经授权禁止转载",
          "京ICP备12345678号 京公网安备11010502000000号 违法和不良信息举报电话：010-12345678")


def _para(rng: random.Random) -> str:
    k = rng.randint(3, 6)
    return "".join(s.format(n=rng.randint(2, 99), d=rng.randint(0, 9), m=rng.randint(100, 99999))
                   for s in rng.sample(SENTENCES, k))


def _section(rng: random.Random) -> dict:
    return {"heading": rng.choice(HEADINGS), "paras": [_para(rng) for _ in range(rng.randint(3, 7))],
            "related": rng.sample(HEADLINES, 6), "ad": rng.random() < 0.3}


def _html_head(title: str) -> str:
    e = html.escape
    nav = "".join(f'<li><a href="/{i}/">{e(n)}</a></li>' for i, n in enumerate(NAV))
    return ('<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
            f"<title>{e(title)}_城市新闻网</title></head>\n<body>\n"
            f'<div class="header"><div class="logo"><a href="/">城市新闻网</a></div><ul class="nav">{nav}</ul></div>\n'
            '<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/news/">新闻</a> &gt; 正文</div>\n'
            f'<div class="main"><div class="article"><h1>{e(title)}</h1>\n'
            '<div class="info">2024-05-12 09:30 来源：城市日报 作者：王晓明</div>\n<div class="content">\n')


def _html_section(s: dict) -> str:
    e = html.escape
    out = [f"<h2>{e(s['heading'])}</h2>\n"] + [f"<p>{e(p)}</p>\n" for p in s["paras"]]
    out.append(f'<div class="share">{e(SHARE)}</div>\n<div class="related"><h3>相关阅读</h3><ul>')
    out += [f'<li><a href="/news/{zlib.crc32(h.encode()) % 10**6}.html">{e(h)}</a></li>' for h in s["related"]]
    out.append("</ul></div>\n")
    if s["ad"]:
        out.append(f'<div class="ad"><a href="/ad/">{e(AD)}</a></div>\n')
    return "".join(out)


def _html_tail() -> str:
    rank = "".join(f'<li><a href="/hot/{i}.html">{html.escape(h)}</a></li>' for i, h in enumerate(HEADLINES[:10]))
    foot = "".join(f"<p>{html.escape(x)}</p>" for x in FOOTER)
    return ('</div>\n<div class="editor">责任编辑：李静</div></div>\n'
            f'<div class="sidebar"><h3>热点排行</h3><ol>{rank}</ol></div></div>\n'
            f'<div class="footer">{foot}</div>\n</body></html>\n')


def _text_head(title: str) -> str:
    return ("城市新闻网\n\n" + "\n".join(f"  • {n}" for n in NAV) + "\n\n当前位置：首页 > 新闻 > 正文\n\n"
            f"{title}\n\n2024-05-12 09:30 来源：城市日报 作者：王晓明\n\n")


def _text_section(s: dict) -> str:
    out = [s["heading"], ""] + [x for p in s["paras"] for x in (p, "")]
    out += [SHARE, "", "相关阅读", ""] + [f"  • {h}" for h in s["related"]] + [""]
    if s["ad"]:
        out += [AD, ""]
    return "\n".join(out) + "\n"


def _text_tail() -> str:
    rank = "\n".join(f"  {i + 1}. {h}" for i, h in enumerate(HEADLINES[:10]))
    return "责任编辑：李静\n\n热点排行\n\n" + rank + "\n\n" + "\n".join(FOOTER) + "\n"


def page(target_bytes: int, form: str, seed: int = 0) -> bytes:
    """A synthetic page of about ``target_bytes`` UTF-8 bytes (at least the head and one section).

    ``form`` is ``"html"`` (the page's bytes) or ``"text"`` (its w3m-style dump).
    """
    rng = random.Random(seed)
    title = "我市推进高质量发展取得新成效 多项指标位居全省前列"
    head, sec, tail = {"html": (_html_head, _html_section, _html_tail),
                       "text": (_text_head, _text_section, _text_tail)}[form]
    parts = [head(title)]
    size = len(parts[0].encode()) + len(tail().encode())
    while True:
        chunk = sec(_section(rng))
        parts.append(chunk)
        size += len(chunk.encode())
        if size >= target_bytes:
            break
    parts.append(tail())
    return "".join(parts).encode("utf-8")
