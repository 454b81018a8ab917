"""Publish times as written on Chinese sites, read into timezone-aware ``datetime``.

Formats: ``2021-06-04 14:23:36``, ``2021年6月4日 14:23``, ``2021/06/04``, ``2021.06.04``,
ISO 8601 with or without a zone (``2019-09-08T00:20:15+08:00``), ``06-04 14:23`` and
``6月4日`` (no year), ``10-0812:00`` (no year, no space: 百家号), and relative times
(``3小时前``, ``刚刚``, ``昨天 14:23``). Full-width digits count as digits.

How the gaps are filled, never by guessing:

* no zone: China time, UTC+8 (the pages are Chinese; a page that gives a zone keeps it);
* no year: the year of ``now`` when the caller passes ``now=`` (last year if that would put
  the date more than a day after ``now``), else a year written in the page's URL
  (``/2021/06/04/``, ``t20210604``, ``2021-06``), else no date at all (``None``);
* relative times: only against an explicit ``now=``; without it, ``None``.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone, tzinfo

#: Pages in China without a zone are read as China Standard Time.
CHINA = timezone(timedelta(hours=8), "CST")

_WIDE_DIGITS = str.maketrans("０１２３４５６７８９：－／．", "0123456789:-/.")
_WIDE = re.compile("[０-９：－／．]")  # what ``_WIDE_DIGITS`` translates: a text without any is left as it is
_TIME = r"(?:\s*(?:[T\s]|日|-)?\s*(\d{1,2})[:：时](\d{2})(?:[:：分](\d{2}))?)?"
_WITH_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})(?:\s*日)?" + _TIME)
#: Month and day without a year: needs 月/日 or a time after it, so that "3-4" alone is no date.
_NO_YEAR = re.compile(
    r"(?<![\d\-/.年])(?:(\d{1,2})\s*月\s*(\d{1,2})\s*日"
    + _TIME
    + r"|(\d{1,2})[-/](\d{2})\s*(\d{1,2})[:：](\d{2}))(?![\d\-/])"
)
_ZONE = re.compile(r"(Z|[+-]\d{2}:?\d{2})\s*$")
_RELATIVE = re.compile(
    r"(?<!\d)(\d{1,3})\s*(秒|分钟|小时|天|周|个月|月|年)前|(刚刚)|(今天|昨天|前天)\s*(\d{1,2})[:：](\d{2})"
)
_URL_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:[-/_]?(?:0[1-9]|1[0-2]))(?:[-/_]?(?:[0-2]\d|3[01]))?(?!\d{3})")
_RELATIVE_UNIT = {
    "秒": timedelta(seconds=1),
    "分钟": timedelta(minutes=1),
    "小时": timedelta(hours=1),
    "天": timedelta(days=1),
    "周": timedelta(weeks=1),
    "个月": timedelta(days=30),
    "月": timedelta(days=30),
    "年": timedelta(days=365),
}
_DAYS_BACK = {"今天": 0, "昨天": 1, "前天": 2}


def parse_date(text: str, now: datetime | None = None, url: str | None = None) -> datetime | None:
    """The first publish time written in ``text``, timezone-aware, or ``None``.

    >>> parse_date("发布时间:2021-06-04 14:23:36 文章来源:重庆日报").isoformat()
    '2021-06-04T14:23:36+08:00'
    >>> parse_date("2021年6月4日 14:23").isoformat()
    '2021-06-04T14:23:00+08:00'
    >>> parse_date("2021/06/04").isoformat()
    '2021-06-04T00:00:00+08:00'
    >>> parse_date("2022-02-06T12:48:06+00:00").isoformat()
    '2022-02-06T12:48:06+00:00'
    >>> now = datetime(2021, 6, 5, 9, 0, tzinfo=CHINA)
    >>> parse_date("06-04 14:23", now=now).isoformat()
    '2021-06-04T14:23:00+08:00'
    >>> parse_date("10-0812:00", now=now).isoformat()   # October is in the future: last year
    '2020-10-08T12:00:00+08:00'
    >>> parse_date("06-04 14:23") is None                # no year and nothing to take it from
    True
    >>> parse_date("3小时前", now=now).isoformat(), parse_date("3小时前")
    ('2021-06-05T06:00:00+08:00', None)
    """
    if _WIDE.search(text):
        text = text.translate(_WIDE_DIGITS)
    iso = iso_time(text)
    if iso is not None:
        return iso
    m = _WITH_YEAR.search(text)
    if m:
        return _build(int(m[1]), int(m[2]), int(m[3]), m[4], m[5], m[6])
    m = _NO_YEAR.search(text)
    if m:
        if m[1] is not None:
            month, day, hour, minute, second = int(m[1]), int(m[2]), m[3], m[4], m[5]
        else:
            month, day, hour, minute, second = int(m[6]), int(m[7]), m[8], m[9], None
        year = _year_for(month, day, now, url)
        return None if year is None else _build(year, month, day, hour, minute, second)
    return relative_date(text, now) if now is not None else None


def relative_date(text: str, now: datetime) -> datetime | None:
    """A relative time (``3小时前``, ``刚刚``, ``昨天 14:23``) resolved against ``now``.

    A naive ``now`` is read as China time.

    >>> now = datetime(2021, 6, 5, 9, 30)
    >>> relative_date("客栈小K | 6天前", now).isoformat()
    '2021-05-30T09:30:00+08:00'
    >>> relative_date("昨天 14:23", now).isoformat()
    '2021-06-04T14:23:00+08:00'
    >>> relative_date("刚刚", now).isoformat()
    '2021-06-05T09:30:00+08:00'
    >>> relative_date("3小时前", datetime(1, 1, 1)) is None   # before year 1: no time
    True
    """
    now = now if now.tzinfo is not None else now.replace(tzinfo=CHINA)
    m = _RELATIVE.search(text)
    if m is None:
        return None
    try:
        if m[1]:
            return now - int(m[1]) * _RELATIVE_UNIT[m[2]]
        if m[3]:
            return now
        day = now - timedelta(days=_DAYS_BACK[m[4]])
    except OverflowError:  # a time before year 1 (``now`` at its very start): none
        return None
    hour, minute = int(m[5]), int(m[6])
    return day.replace(hour=hour, minute=minute, second=0, microsecond=0) if hour < 24 and minute < 60 else None


def url_year(url: str | None) -> int | None:
    """A year written in a URL's path as part of a date.

    >>> url_year("https://news.example.cn/2021/06/04/c_1127531.htm"), url_year("http://x.cn/a/t20210604_1.html")
    (2021, 2021)
    >>> url_year("http://x.cn/a/12345.html") is None
    True
    """
    if not url:
        return None
    path = url.split("://", 1)[-1].partition("/")[2]
    m = _URL_YEAR.search(path)
    return int(m[1]) if m else None


def iso_time(text: str, zone: tzinfo = CHINA) -> datetime | None:
    """An ISO 8601 time (meta tags, JSON-LD, a WARC-Date, ``--now``); one without a zone gets
    ``zone``; ``None`` if ``text`` is not one.

    >>> iso_time("2021-06-05T09:00:00Z").isoformat(), iso_time("2021-06-05 09:00").isoformat()
    ('2021-06-05T09:00:00+00:00', '2021-06-05T09:00:00+08:00')
    >>> iso_time("昨天") is None, iso_time("2022-06-04T14:23:36+80:00") is None
    (True, True)
    >>> iso_time("2021-06-05日09:00").isoformat(), iso_time("2021-06-05 09:00 来源：新华社") is None
    ('2021-06-05T09:00:00+08:00', True)
    """
    text = text.strip()
    if len(text) < 10 or len(text) > 40 or not text[:4].isdigit() or text[4] != "-":
        return None
    given = _ZONE.search(text)
    body = text[: given.start()] if given else text
    if not body.isascii() and len(body.encode("ascii", "ignore")) < len(body) - 1:
        return None  # (``fromisoformat`` reads ASCII but for one separator: a dateline is no ISO time)
    try:
        when = datetime.fromisoformat(body.replace(" ", "T", 1) if "T" not in body else body)
    except ValueError:
        return None
    given_zone = _zone(given[1]) if given else zone
    return when.replace(tzinfo=given_zone) if given_zone is not None else None


def _zone(spec: str) -> tzinfo | None:
    """The zone of an ISO 8601 offset, or ``None`` if no clock is that far from UTC.

    >>> _zone("+08:00"), _zone("Z"), _zone("+80:00")
    (datetime.timezone(datetime.timedelta(seconds=28800)), datetime.timezone.utc, None)
    """
    if spec == "Z":
        return timezone.utc
    sign = -1 if spec[0] == "-" else 1
    digits = spec[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:])
    if hours > 23 or minutes > 59:
        return None
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _year_for(month: int, day: int, now: datetime | None, url: str | None) -> int | None:
    if now is None:
        return url_year(url)
    now = now if now.tzinfo is not None else now.replace(tzinfo=CHINA)
    when = _build(now.year, month, day, None, None, None)
    if when is not None and when - timedelta(days=1) > now:  # (not ``now + 1 day``: past year 9999)
        return now.year - 1
    return now.year


def _build(
    year: int, month: int, day: int, hour: str | None, minute: str | None, second: str | None
) -> datetime | None:
    try:
        return datetime(year, month, day, int(hour or 0), int(minute or 0), int(second or 0), 0, CHINA)  # (tzinfo)
    except ValueError:  # 2021-13-45, 25:61 ...
        if hour is None:
            return None
        return _build(year, month, day, None, None, None)
