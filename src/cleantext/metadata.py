"""Publish time, source and author from a dateline such as
``发布时间:2021-06-04 14:23:36 文章来源:重庆日报``."""

from __future__ import annotations

import re

from .lexicon import simplified

#: Where a named source or author ends: whitespace, a separator, or the next label.
_NAME_END = r"(?=$|[\s|丨/，,]|记者|作者|编辑|责任编辑|时间|日期|发布|来源)"
_DATE = re.compile(
    r"(\d{4})\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})\s*日?"
    r"(?:\s*(\d{1,2})[:：时](\d{2})(?:[:：分](\d{2}))?)?"
)
_SOURCE = re.compile(rf"(?:文章来源|稿件来源|信息来源|新闻来源|来源|出处)\s*[:：]\s*([^\s|丨/，,]{{2,30}}?){_NAME_END}")
_AUTHOR = re.compile(rf"(?:作者|记者|撰文|文)\s*[:：/]\s*([^\s|丨/，,]{{2,20}}?){_NAME_END}")
_RELATIVE_TIME = re.compile(r"(?<!\d)\d+\s*(?:秒|分钟|小时|天|周|个月|月|年)前|刚刚|(?:昨天|前天|今天)\s*\d{1,2}:\d{2}")
_DATELINE_HINT = re.compile(
    r"发布|发表|时间|日期|来源|作者|记者|浏览|阅读|点击|\d{4}\s*[-/年.]\s*\d{1,2}\s*[-/月.]\s*\d{1,2}"
)


def published(text: str) -> str | None:
    """The first date (and time) in ``text``, as ISO 8601.

    >>> published("发布时间:2021-06-04 14:23:36 文章来源:重庆日报")
    '2021-06-04T14:23:36'
    >>> published("2005年7月31日")
    '2005-07-31'
    >>> published("没有日期") is None
    True
    """
    m = _DATE.search(text)
    if not m:
        return None
    y, mo, d, h, mi, s = m.groups()
    if not (1 <= int(mo) <= 12 and 1 <= int(d) <= 31):
        return None
    iso = f"{int(y):04d}-{int(mo):02d}-{int(d):02d}"
    if h is not None and int(h) < 24:
        iso += f"T{int(h):02d}:{mi}" + (f":{s}" if s else "")
    return iso


def source(text: str) -> str | None:
    """The source named after 来源 (or 來源) in ``text``.

    >>> source("发布时间:2021-06-04 14:23:36 文章来源:重庆日报")
    '重庆日报'
    >>> source("来源：江城日报记者：刘晓燕"), source("來源：中央社")
    ('江城日报', '中央社')
    """
    m = _SOURCE.search(simplified(text))
    return text[m.start(1) : m.end(1)] if m else None


def author(text: str) -> str | None:
    """The author named after 作者/记者 in ``text``.

    >>> author("2021-06-04 来源:新华社 作者:张三"), author("記者：王小明")
    ('张三', '王小明')
    """
    m = _AUTHOR.search(simplified(text))
    return text[m.start(1) : m.end(1)] if m else None


def is_dateline(text: str, han: int) -> bool:
    """A short line that carries the date, source or author of the article.

    >>> is_dateline("发布时间:2021-06-04 14:23:36 文章来源:重庆日报", 10)
    True
    >>> is_dateline("客栈小K | 扫地 | 6天前", 5)
    True
    >>> is_dateline("6月3日,重庆市科技局与上海市科委在2021浦江创新论坛上签署科技合作框架协议。", 35)
    False
    """
    if han > 40 or len(text) > 120:
        return False
    text = simplified(text)
    if text.rstrip().endswith(("。", "！", "？")):
        return False
    if han <= 20 and _RELATIVE_TIME.search(text):
        return True
    return (_DATE.search(text) is not None and _DATELINE_HINT.search(text) is not None) or (
        (_SOURCE.search(text) is not None or _AUTHOR.search(text) is not None) and han <= 30
    )
