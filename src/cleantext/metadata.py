"""Title, publish time, source, author and editor: from the page's metadata lines (such as
``发布时间:2021-06-04 14:23:36 文章来源:重庆日报`` or ``（责任编辑：王某）``), and for HTML from what
its markup declares (:mod:`cleantext.headmeta`).

Each field is ``None`` when the page does not state it; nothing is guessed. Where a field
came from is recorded in :attr:`Metadata.origins`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from .dates import parse_date
from .features import han_count
from .headmeta import META_NAMES, HeadMeta
from .lexicon import simplified

#: Where a named source or author ends: whitespace, a separator, or the next label.
_NAME_END = (
    r"(?=$|[\s|丨/，,、）)】\]\d]|记者|作者|编辑|责任编辑|时间|日期|发布|来源|选稿|举报|分享|收藏|评论|字号|打印)"
)
#: A web address written out, up to the first character no address has (a Han one, a space).
_ADDRESS = re.compile(r"(?:https?://|www\.)[\w.~:/?#@!$&*+,;=%-]+", re.ASCII)
_DIGITS = re.compile(r"\d")


def _without_digits(address: re.Match[str]) -> str:
    return _DIGITS.sub("", address.group())


#: A date with its year (a dateline's; reading it is :func:`cleantext.dates.parse_date`'s job).
_DATE = re.compile(r"\d{4}\s*[-/年.]\s*\d{1,2}\s*[-/月.]\s*\d{1,2}")
#: Characters a name never holds: whitespace, separators and closing brackets.
_NOT_NAME = r"[^\s|丨/，,、）)】\]=<>\"']"
#: 来源 of the article, not of a picture, video or figure in it.
_SOURCE = re.compile(
    rf"(?<!图片)(?<!图)(?<!视频)(?<!数据)(?:文章来源|稿件来源|信息来源|新闻来源|来源|出处)\s*[:：]\s*"
    rf"({_NOT_NAME}{{2,30}}?){_NAME_END}"
)
_AUTHOR = re.compile(rf"(?:作者|记者|撰文|文)\s*[:：/]\s*({_NOT_NAME}{{2,20}}?){_NAME_END}")
_EDITOR_NAME = (
    r"\s*[:：/]\s*([^\s|丨/，,、）)】\]]{2,20}?)"
    r"(?=$|[\s|丨/，,、）)】\]_]|校对|审核|审校|监制|终审|作者|记者|来源|责任编辑|编辑)"
)
#: The editor in charge (责任编辑) is preferred to other editors named on the same line.
_EDITORS = (
    re.compile(r"(?:责任编辑|责编)" + _EDITOR_NAME),
    re.compile(r"(?:值班编辑|本文编辑|实习编辑|编辑)" + _EDITOR_NAME),
)
#: Separators between a page title and the site or channel names after it.
_TITLE_PARTS = re.compile(r"_|｜|\|| [-–—] |--|－{1,2}|——|-(?=\S{2,12}$)")
_SEPARATOR_FIRST = re.compile(r"\s{0,4}(?:_|｜|\||[-–—－]{1,2})")
#: Words that name an organisation rather than a person (meta ``author`` is often the site).
_NOT_PERSON = re.compile(r"网|报|社|台|新闻|频道|中心|编辑部|杂志|传媒|在线|日报|官方|团队|平台|政府|委员会|公司|集团")
_PERSON = re.compile(r"^[\u3400-\u9fff·•]{2,6}(?:[\s、,，][\u3400-\u9fff·•]{2,6}){0,4}$")
#: The meta property naming the site (dropped from a title that starts with it).
_SITE_NAME = "og:site_name"
#: Values that say the field is unknown.
_PLACEHOLDER = re.compile(r"^(?:未知|佚名|不详|匿名|网络|互联网|网友|admin|null|none|undefined)$", re.IGNORECASE)
#: The longest text ``_PLACEHOLDER`` matches (``undefined`` and the newline ``$`` allows).
_PLACEHOLDER_CHARS = 10
#: How many blocks before the article's first block, and after its last, metadata lines are read from.
_BEFORE, _AFTER = 4, 8
_RELATIVE_TIME = re.compile(r"(?<!\d)\d+\s*(?:秒|分钟|小时|天|周|个月|月|年)前|刚刚|(?:昨天|前天|今天)\s*\d{1,2}:\d{2}")
_PUBLISHED_LABEL = re.compile(r"发布|发表|时间|日期|更新")
_MONTH_DAY_TIME = re.compile(r"(?<!\d)\d{1,2}[-/月]\d{1,2}日?\s{0,3}\d{1,2}[:：]\d{2}")
#: What every dateline holds (a digit, a label's colon, a "/" byline, 刚刚): the rest need no more tests.
_DATELINE_HINT = re.compile(r"[\d:：/]|刚刚")
#: Prose, not a dateline: a sentence ends the line (before a citation mark such as ``[3]`` or a
#: short note such as ``（视觉中国）``), or a full stop runs on into Han text (a wrapped line).
#: What a dateline is made of (besides separators): dates, times, weekdays, relative times,
#: labels with the name they introduce, titles in 《》 (a newspaper); see :func:`other_han`.
_DATELINE_TOKENS = (
    r"\d{2,4}\s*[-/年.]\s*\d{1,2}\s*[-/月.]\s*\d{1,2}\s*日?|\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}\s*年|\d{1,2}[:：时]\d{2}"
    r"|星期[一二三四五六日天]|周[一二三四五六日]|(?<!\d)\d+\s*(?:秒|分钟|小时|天|周|个月|月|年)前|刚刚|昨天|前天|今天|《[^》]{1,20}》"
    r"|(?:(?:文章|稿件|信息|新闻)?来源|出处|作者|记者|通讯员|撰文|摄影|编辑|责编|责任编辑|(?<!\S)[文图](?=\s*[:：/]))"
    r"\s*[:：/]\s*[^\s|丨/，,、）)】\]]{1,20}"
    r"|(?:发布|发表|更新|最后更新|上传|录入|出版|发行|修改)(?:时间|日期|于)?|时间|日期|来源|作者|记者|编辑"
    r"|(?:字号|字体)\s*[:：]?\s*(?:[大中小]\s*){0,3}|浏览|阅读|点击|人气|评论|次数|报道|讯|电|版|本报|来自"
)
#: Every character a token can start with (a digit, or a word's first character; tested against
#: ``_DATELINE_TOKENS``): looked ahead for, so that a position where no token starts fails after
#: one test instead of one per alternative (the matches are the same, twice as fast on datelines).
_TOKEN_FIRST = r"\d《上人今作信修出刚前发周图字录报摄撰文新日时星昨更最本来次浏点版电稿编讯记评责通阅"
_DATELINE_TOKEN = re.compile(rf"(?=[{_TOKEN_FIRST}])(?:{_DATELINE_TOKENS})")
#: A dateline has at most this many Han characters outside its tokens, or at most this share of
#: them, or (a byline: a name and a time) at most ``_DATELINE_NAME`` and no comma between clauses.
_DATELINE_REST, _DATELINE_REST_SHARE, _DATELINE_NAME = 4, 0.5, 12
_EDGE_NAME = 6  # a poster's name after the time of a post's byline
#: A relative time makes a dateline of at most this many Han characters; a source's or an
#: author's label without a dated year, of at most ``_LABEL_MAX_HAN``.
_RELATIVE_MAX_HAN, _LABEL_MAX_HAN = 20, 30
#: A label that dates the last update, with the time after it (see :func:`published_part`).
_UPDATE_LABEL = re.compile(
    r"(?:最后|最近)?(?:更新|修改|编辑)(?:时间|日期|于)?\s*[:：]?\s*[\d０-９][\d０-９\s\-/年月日时分秒:：.T]{5,30}"
)
#: What :func:`is_dateline` needs at least one of: a relative time, a month-day-time, a date with
#: its year, a source's or an author's label (the patterns it tests, as one).
_DATELINE_NEEDS = re.compile(
    "|".join(
        [
            _RELATIVE_TIME.pattern,
            _MONTH_DAY_TIME.pattern,
            _DATE.pattern,
            r"(?:来源|出处)\s*[:：]",
            r"(?:作者|记者|撰文|文)\s*[:：/]",
        ]
    )
)
_CLAUSE_BREAK = re.compile(r"[，；]|,(?=[\u3400-\u9fff])")
_EDGE_DATE = re.compile(
    r"\d{2,4}\s*[-/年.]\s*\d{1,2}\s*[-/月.]\s*\d{1,2}\s*日?(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?"
)
_OPENING_BRACKET = re.compile(r"\W{0,3}?[【\[（(][^】\]）)]{1,40}[】\]）)]")
_SENTENCE = re.compile(
    r"[。！？]\s*(?:\^?\s*\[\d{1,3}(?:\s*[-–,，]\s*\d{1,3})*\]\s*|[（(][^（）()]{1,20}[）)]\s*)*$"
    r"|。[“”\"]?[\u3400-\u9fff]"
)


def source(text: str) -> str | None:
    """The source named after 来源 (or 來源) in ``text``.

    >>> source("发布时间:2021-06-04 14:23:36 文章来源:重庆日报")
    '重庆日报'
    >>> source("来源：江城日报记者：刘晓燕"), source("來源：中央社")
    ('江城日报', '中央社')
    """
    plain = simplified(text)
    return _named(_source(plain), text)


def author(text: str) -> str | None:
    """The author named after 作者/记者 in ``text``.

    >>> author("2021-06-04 来源:新华社 作者:张三"), author("記者：王小明")
    ('张三', '王小明')
    """
    return _named(_author(simplified(text)), text)


def _author(plain: str) -> re.Match[str] | None:
    """``_AUTHOR``'s match in ``plain`` (a simplified text): never without 者 or 文 (each of its
    labels holds one), which are looked for first."""
    return _AUTHOR.search(plain) if "者" in plain or "文" in plain else None


def _named(m: re.Match[str] | None, text: str) -> str | None:
    """The name a label's match ``m`` in ``text`` simplified holds (its group 1), as ``text`` writes it."""
    return text[m.start(1) : m.end(1)] if m else None


def is_dateline(text: str, han: int) -> bool:
    """A short line that carries the date, source or author of the article (not a sentence that
    mentions a date: see ``_SENTENCE``).

    >>> is_dateline("发布时间:2021-06-04 14:23:36 文章来源:重庆日报", 10)
    True
    >>> is_dateline("客栈小K | 扫地 | 6天前", 5), is_dateline("发布时间：09-3022:46 青岛日报", 6)
    (True, True)
    >>> is_dateline("6月3日,重庆市科技局与上海市科委在2021浦江创新论坛上签署科技合作框架协议。", 35)
    False
    >>> is_dateline("2024年5月9日，高新区正式揭牌启动。 [3]", 14), is_dateline("自2004年5月1日起施行。这个", 9)
    (False, False)
    >>> is_dateline("对应文档：https://help.example.com/doc/433945.html?spm=a2c4g.434034.0.0.217", 4)
    False
    """
    if han > 40 or len(text) > 120 or _DATELINE_HINT.search(text) is None:
        return False
    text = simplified(_address_free(text))  # an address's digits are no date
    if _DATELINE_NEEDS.search(text) is None:  # none of the tests below can pass: one search, not six
        return False
    return _dated(text, han)


def is_dateline_sifted(text: str, han: int, plain: bool = False) -> bool:
    """:func:`is_dateline` (the same answer for every line) without its ``_DATELINE_NEEDS``
    search: for a caller that asks only where that search may find something (the core reads it
    loosely first, ``select._PagePatterns``), where it would be one more search that finds it.
    The search is a shortcut to false only: each test that makes a line a dateline finds a match
    of one of its alternatives (a relative time, a month-day-time, a date with its year, a
    source's or an author's label). ``plain``: ``text`` is its own simplified form (it holds no
    traditional character: ``lexicon.simplified_blocks`` found none on its page), so the
    simplification is skipped.

    >>> is_dateline_sifted("发布时间:2021-06-04 14:23:36 文章来源:重庆日报", 10, plain=True)
    True
    >>> is_dateline_sifted("他于1989年5月26日离开家乡，到江城一家工厂做工，", 21)
    False
    """
    if han > 40 or len(text) > 120 or _DATELINE_HINT.search(text) is None:
        return False
    text = _address_free(text)  # an address's digits are no date
    return _dated(text if plain else simplified(text), han)


def _address_free(text: str) -> str:
    """``_ADDRESS.sub(_without_digits, text)``: the digits of each web address removed (an
    address's digits are no date); ``text`` itself without ``http`` or ``www.`` (every address
    starts with one)."""
    if "http" in text or "www." in text:
        return _ADDRESS.sub(_without_digits, text)
    return text


def _dated(text: str, han: int) -> bool:
    """The tests of :func:`is_dateline` after ``_DATELINE_NEEDS``, on ``text`` simplified and
    without its addresses' digits, whose line has ``han`` Han characters. Each is looked for in
    the cheapest way that gives its answer: ``_SENTENCE`` only where 。, ！ or ？ is (each of its
    alternatives holds one); ``other_han`` last, only where the line's Han characters (at
    least as many) and the date's place do not already decide."""
    if ("。" in text or "！" in text or "？" in text) and _SENTENCE.search(text):
        return False
    if han <= _RELATIVE_MAX_HAN and _relative_time(text):
        return True
    if _PUBLISHED_LABEL.search(text) and _MONTH_DAY_TIME.search(text):  # 发布时间：09-30 22:46 (no year)
        return True
    if _DATE.search(text) is None:
        return (_source(text) is not None or _author(text) is not None) and han <= _LABEL_MAX_HAN
    # It is a dateline when few of its Han characters are outside its tokens (other_han), or
    # when a name and a time make it (few, no clause break), or when its date is at an edge: three
    # tests, either passes, each tried where it is cheapest (other_han, which scans for every token,
    # last). The line's Han characters bound other_han: where they pass, so does it.
    most = han_count(text)
    if most <= _DATELINE_REST or most <= _DATELINE_REST_SHARE * han:
        return True
    if most <= _DATELINE_NAME and _CLAUSE_BREAK.search(text) is None:  # a name and a time
        return True
    if _date_at_edge(text):  # a headline with its date (a teaser), or a byline with a date
        return True
    rest = other_han(text)  # a byline's name, a headline's or a sentence's words
    if rest <= _DATELINE_REST or rest <= _DATELINE_REST_SHARE * han:
        return True
    return rest <= _DATELINE_NAME and _CLAUSE_BREAK.search(text) is None


def dateline_tests() -> tuple[tuple[re.Pattern[str], ...], tuple[int, float, int, int, int, int]]:
    """What the native core reads of :func:`is_dateline` to answer it itself where it can say
    what this module would (``rust/src/select/dateline.rs``; Python answers the other lines):
    the patterns of its tests and their limits.

    >>> patterns, limits = dateline_tests()
    >>> len(patterns), limits
    (8, (4, 0.5, 12, 6, 20, 30))
    """
    patterns = (_SENTENCE, _RELATIVE_TIME, _PUBLISHED_LABEL, _MONTH_DAY_TIME, _DATE, _CLAUSE_BREAK, _EDGE_DATE)
    limits = (_DATELINE_REST, _DATELINE_REST_SHARE, _DATELINE_NAME, _EDGE_NAME, _RELATIVE_MAX_HAN, _LABEL_MAX_HAN)
    return (*patterns, _DATELINE_HINT), limits


def _relative_time(text: str) -> bool:
    """Whether ``_RELATIVE_TIME`` finds a relative time in ``text``: never without 前, 天 or 刚刚
    (each of its alternatives holds one), which are looked for first."""
    return ("前" in text or "天" in text or "刚刚" in text) and _RELATIVE_TIME.search(text) is not None


def _source(plain: str) -> re.Match[str] | None:
    """``_SOURCE``'s match in ``plain`` (a simplified text): never without 来源 or 出处 (each of
    its labels holds one), which are looked for first; and none starts more than two characters
    (文章, 稿件...) before the first of them, where the search starts (its lookbehinds still see
    the text before: the same match, without trying every position before it).

    >>> _source("发布时间:2021-06-04 文章来源:重庆日报")[1], _source("图片来源：网络 出处：新华社")[1]
    ('重庆日报', '新华社')
    """
    at, other = plain.find("来源"), plain.find("出处")
    if at < 0 or 0 <= other < at:
        at = other
    return None if at < 0 else _SOURCE.search(plain, max(0, at - 2))


def _date_at_edge(text: str) -> bool:
    """Whether a dated line's last date ends it (a poster's name of at most ``_EDGE_NAME`` Han
    characters may follow) or its first date opens it (no Han character before it, no comma
    after it): a teaser's headline with its date, or a post's byline. A sentence that mentions
    a date has words on both sides of it; a date that opens a sentence has a comma after it;
    and a bracketed dateline may open a paragraph (``【2005年07月03日】城区…，…``).

    >>> _date_at_edge("他对政治没兴趣，却老跟政治扯上关系2015-09-22"), _date_at_edge("[2005-07-13] 谁来为灾民补偿")
    (True, True)
    >>> _date_at_edge("老张于1989年5月26日离开家乡到江城做工"), _date_at_edge("1989年5月26日，他离开了家乡，到北京")
    (False, False)
    >>> _date_at_edge("【本报2005年07月03日讯】城区多条道路近日开始改造，市民出行")
    False
    >>> _date_at_edge("【2005年07月03日】城区道路开始改造，市民出行"), _date_at_edge("（2007年6月29日会议通过）")
    (False, True)
    """
    dates = list(_EDGE_DATE.finditer(text))
    if not dates:
        return False
    first, last = dates[0], dates[-1]
    if han_count(text[last.end() :]) <= _EDGE_NAME:
        return True
    if han_count(text[: first.start()]) or _CLAUSE_BREAK.match(text, first.end()):
        return False
    opening = _OPENING_BRACKET.match(text)
    return opening is None or opening.end() < first.end() or _CLAUSE_BREAK.search(text, opening.end()) is None


def other_han(text: str) -> int:
    """The Han characters of a line that are not part of a date, a time, a label (来源, 发布时间,
    字号...) with the name after it, or a title in 《》: what a dateline has little of, and a
    sentence that mentions a date has much of.

    >>> other_han("发布时间:2021-06-04 14:23:36 文章来源:重庆日报"), other_han("《光明日报》（2024年05月20日 03版）")
    (0, 0)
    >>> other_han("他于1989年5月26日离开家乡，到江城一家工厂做工，")
    15
    """
    return han_count(_DATELINE_TOKEN.sub("", text))


def editor(text: str) -> str | None:
    """The editor named after 责任编辑/编辑/责编 in ``text``.

    >>> editor("（责任编辑：王某）"), editor("责编：李四 校对：赵五"), editor("【編輯：陳大文】")
    ('王某', '李四', '陳大文')
    >>> editor("编辑：倪仕轩   责任编辑：杨格")
    '杨格'

    >>> editor("编辑部地址：北京市") is None
    True
    """
    return _editor(text, simplified(text))


def _editor(text: str, plain: str) -> str | None:
    """:func:`editor` of ``text`` whose simplified form is ``plain``: never without 编 (each of
    ``_EDITORS``' labels holds one), which is looked for first."""
    if "编" not in plain:
        return None
    for pattern in _EDITORS:
        m = pattern.search(plain)
        if m:
            return text[m.start(1) : m.end(1)]
    return None


def clean_title(title: str, site: str | None = None) -> str:
    """A ``<title>`` without the site and channel names after it.

    >>> clean_title("沪渝携手加快推动长江经济带高质量发展_重庆日报_新浪网")
    '沪渝携手加快推动长江经济带高质量发展'
    >>> clean_title("金锺国 - 维基百科，自由的百科全书"), clean_title("新浪网 | 华为发布新机", site="新浪网")
    ('金锺国', '华为发布新机')
    """
    parts = [p.strip() for p in _TITLE_PARTS.split(title.strip()) if p.strip()]
    if site and len(parts) > 1 and parts[0] == site:
        parts = parts[1:]
    return parts[0] if parts else title.strip()


def looks_like_person(name: str) -> bool:
    """A name that reads as one or a few people's names, not a site or organisation.

    >>> looks_like_person("倪仕轩"), looks_like_person("张三 李四")
    (True, True)
    >>> looks_like_person("网易"), looks_like_person("103553")
    (False, False)
    """
    return _PERSON.match(name) is not None and _NOT_PERSON.search(name) is None


@dataclass(frozen=True)
class Metadata:
    """The article's metadata fields and where each came from (``origins``: field → ``"h1"``,
    ``"og:title"``, ``"json-ld"``, ``"<title>"``, ``"line"``, or a meta name)."""

    title: str | None = None
    published: datetime | None = None
    source: str | None = None
    author: str | None = None
    editor: str | None = None
    origins: dict[str, str] = field(default_factory=dict)


def collect(
    lines: Sequence[tuple[str, tuple[str, ...]]],
    anchor: tuple[int, int] | None,
    title: str | None,
    head: HeadMeta | None,
    url: str | None = None,
    now: datetime | None = None,
    marked: Callable[[int, int], Sequence[int]] | None = None,
) -> Metadata:
    """The metadata fields of a page.

    ``lines`` are the page's blocks as (text, reasons); the metadata lines (reason
    ``metadata``) and editor lines (``editor-line``) between ``anchor[0] - 4`` and
    ``anchor[1] + 8`` (the title and the body's first and last block) are read, nearest the
    title first. ``title`` is the headline the selection chose; ``head`` what an HTML page
    declares. Visible lines win over declared values, which fill the gaps. ``marked(lo, hi)``:
    the indexes (ascending) from ``lo`` to ``hi`` of the lines whose reasons hold ``metadata``
    or ``editor-line``, if the caller can tell them faster than a look at each line.

    >>> page = [("沪渝携手推动发展", ("title",)), ("发布时间:2021-06-04 14:23:36 文章来源:重庆日报", ("metadata",)),
    ...         ("6月3日，两地签署合作协议。", ("main-region",)), ("（责任编辑：王某）", ("editor-line",))]
    >>> m = collect(page, (0, 2), "沪渝携手推动发展", None)
    >>> m.title, m.published.isoformat(), m.source, m.author, m.editor
    ('沪渝携手推动发展', '2021-06-04T14:23:36+08:00', '重庆日报', None, '王某')
    """
    found: dict[str, object] = {}
    origins: dict[str, str] = {}

    def put(name: str, value: object, where: str) -> None:
        if value is None or name in found:  # (most calls: nothing to look at)
            return
        if isinstance(value, str) and len(value) <= _PLACEHOLDER_CHARS and _PLACEHOLDER.match(value):
            return
        found[name] = value
        origins[name] = where

    updated = None  # a time labelled as the last update: the publish time only if nothing else gives one
    for text in _metadata_lines(lines, anchor, marked):  # (a field found is not looked for again)
        plain = simplified(text)
        if "published" not in found:  # (once it is, ``updated`` is never read)
            posted = _published_part(text, plain)
            put("published", parse_date(posted, now=now, url=url), "line")
            if updated is None and posted != text:
                updated = parse_date(text, now=now, url=url)
        if "source" not in found:
            put("source", _named(_source(plain), text), "line")
        if "author" not in found:
            put("author", _named(_author(plain), text), "line")
        if "editor" not in found:
            put("editor", _editor(text, plain), "line")
        if len(found) == 4:  # every field a line gives
            break
    titles = _clean_titles(head) if head is not None else []  # (cleaned once for both uses)
    if title:
        better = _site_free(title, titles)
        put("title", better[0] if better else title, better[1] if better else "heading")
    if head is not None:
        _declared(head, put, found, now, url, titles)
    put("published", updated, "line")
    made = _new(Metadata)  # (Metadata(...) as its __init__ stores the fields, without a setattr each)
    made.__dict__.update(
        title=found.get("title"),
        published=found.get("published"),
        source=found.get("source"),
        author=found.get("author"),
        editor=found.get("editor"),
        origins=origins,
    )
    return made


_new = object.__new__


def published_part(text: str) -> str:
    """``text`` without the times it labels as an update (最后更新, 更新时间, 修改于): what its
    publish time is read from.

    >>> published_part("更新时间：2022-03-01 09:00 发布时间：2021-06-04 10:00")
    '发布时间：2021-06-04 10:00'
    >>> published_part("来源：新华社 2021-06-04 10:00")
    '来源：新华社 2021-06-04 10:00'
    """
    return _published_part(text, simplified(text))


def _published_part(text: str, plain: str) -> str:
    """:func:`published_part` of ``text`` whose simplified form is ``plain``: ``text`` itself
    without 更新, 修改 or 编辑 (``_UPDATE_LABEL`` holds one of them), looked for first."""
    if ("更新" not in plain and "修改" not in plain and "编辑" not in plain) or _UPDATE_LABEL.search(plain) is None:
        return text
    out, end = [], 0
    for m in _UPDATE_LABEL.finditer(plain):
        out.append(text[end : m.start()])
        end = m.end()
    out.append(text[end:])
    return "".join(out)


def is_metadata_only(text: str, reasons: tuple[str, ...]) -> bool:
    """A dropped line whose content is metadata alone: a dateline, or an editor line.

    >>> is_metadata_only("（责任编辑：王某）", ("editor-line",)), is_metadata_only("校对：赵五", ("editor-line",))
    (True, False)
    """
    return "metadata" in reasons or ("editor-line" in reasons and editor(text) is not None)


def _metadata_lines(
    lines: Sequence[tuple[str, tuple[str, ...]]],
    anchor: tuple[int, int] | None,
    marked: Callable[[int, int], Sequence[int]] | None = None,
) -> list[str]:
    """Metadata and editor lines near the article, nearest its start first: those from the line
    right above its start (a post's byline above its title) down, the lower of two as near
    first, then those above. ``marked``: see :func:`collect`.

    >>> page = [("标题", ("title",)), ("来源：新华社", ("metadata",)), ("正文。", ("main-region",))]
    >>> _metadata_lines(page, (0, 2)), _metadata_lines(page, (0, 2), lambda lo, hi: [1])
    (['来源：新华社'], ['来源：新华社'])
    """
    first, last = anchor if anchor is not None else (0, len(lines) - 1)
    lo, hi = max(0, first - _BEFORE), min(len(lines) - 1, last + _AFTER)
    span = range(lo, hi + 1) if marked is None else marked(lo, hi)
    near = []
    for i in span:
        text, reasons = lines[i]
        if is_metadata_only(text, reasons):
            near.append((i < first - 1, abs(i - first), i < first, i, text))  # (i: ties in page order)
    near.sort()
    return [line[-1] for line in near]


def _declared_titles(head: HeadMeta) -> list[tuple[str, str]]:
    """The titles the markup declares, most trusted first, each with where it came from."""
    found = [(head.meta[key], key) for key in META_NAMES["title"] if head.meta.get(key)]
    if head.ld_headline:
        found.append((head.ld_headline, "json-ld"))
    if head.title:
        found.append((head.title, "<title>"))
    return found


def _site_free_title(title: str, head: HeadMeta) -> tuple[str, str] | None:
    """The declared title instead of the chosen title line when that line is the title with
    a (shorter) site name after it; ``None`` keeps the line.

    >>> h = HeadMeta(title="法国全国大罢工再次严重影响交通-新华网")
    >>> _site_free_title("法国全国大罢工再次严重影响交通_新华网", h)
    ('法国全国大罢工再次严重影响交通', '<title>')
    >>> h = HeadMeta(title="法国报纸摘要 - 马克龙")
    >>> _site_free_title("法国报纸摘要 - 马克龙星期一在莫斯科与普京会面", h) is None
    True
    """
    return _site_free(title, _clean_titles(head))


def _clean_titles(head: HeadMeta) -> list[tuple[str, str]]:
    """The titles the markup declares (:func:`_declared_titles`), each without its site name."""
    site = head.meta.get(_SITE_NAME)
    return [(clean_title(raw, site), where) for raw, where in _declared_titles(head)]


def _site_free(title: str, titles: list[tuple[str, str]]) -> tuple[str, str] | None:
    """:func:`_site_free_title` of the page's declared ``titles`` as :func:`_clean_titles` gives them."""
    for clean, where in titles:
        rest = len(title) - len(clean)
        if title.startswith(clean) and 0 < rest < len(clean) and _SEPARATOR_FIRST.match(title, len(clean)):
            return clean, where
    return None


def _declared(
    head: HeadMeta,
    put: Callable[[str, object, str], None],
    found: Mapping[str, object],
    now: datetime | None,
    url: str | None,
    titles: list[tuple[str, str]],
) -> None:
    """Fill the fields still missing from ``found`` with what the markup declares (``titles``: its
    titles as :func:`_clean_titles` gives them); a field found is not read again (``put`` would
    drop it: no date is parsed for nothing)."""
    for clean, where in titles:
        put("title", clean, where)
    meta = head.meta
    times = [(head.ld_published, "json-ld")] if head.ld_published else []
    for value, where in [*times, *((meta[key], key) for key in _declared_names(meta, "published"))]:
        if "published" in found:
            break
        put("published", parse_date(value, now=now, url=url), where)
    for key in _declared_names(meta, "source"):
        value = meta[key]
        if "source" in found:
            break
        if value:
            put("source", source(value) or (value if len(value) <= 30 and "来源" not in value else None), key)
    if "author" not in found and head.ld_author and looks_like_person(head.ld_author):
        put("author", head.ld_author, "json-ld")
    editor_name = found.get("editor")
    for key in _declared_names(meta, "author"):
        value = meta[key]
        if "author" in found:
            break
        if value and looks_like_person(value) and value != editor_name:  # CMSs that put the editor there
            put("author", value, key)


def _declared_names(meta: dict[str, str], name: str) -> list[str]:
    """The meta names of the field ``name`` that ``meta`` holds, most trusted first (none looked
    up in an empty ``meta``, as many pages' is).

    >>> _declared_names({"source": "新华社", "pubdate": "2021-06-04", "dc.date": "2021"}, "published")
    ['pubdate', 'dc.date']
    """
    return [key for key in META_NAMES[name] if key in meta] if meta else []
