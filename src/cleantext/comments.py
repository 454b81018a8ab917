"""The comments under a news or blog article (``include_comments=True``): ``Document.comments``.

A comment section is an element after the article whose class or id names comments
(``comment``, ``pinglun``, ``reply``...) and that holds none of the article's blocks. Its
comments are the repeated elements inside it (same tag and class), each with its author
and time where the page gives them: a time is a date or clock time (``2021-11-07 22:15``,
``3小时前``), the author the short text beside it or a block whose class names a user.
A forum thread's posts are its article (selection keeps them), so they are not comments.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from .blocks import Container, RawBlock
from .document import Comment
from .lexicon import structure_pattern

_SECTION = structure_pattern("comment-section", re.I)
_AUTHOR = structure_pattern("comment-user", re.I)
_TIME = re.compile(
    r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?"
    r"|\d{1,2}\s*[-/月]\s*\d{1,2}\s*日?\s+\d{1,2}:\d{2}|\d{1,2}月\d{1,2}日"
    r"|\d{1,2}:\d{2}(?::\d{2})?"
    r"|\d+\s*(?:秒|分钟|小时|天|周|个月|年)前|刚刚|(?:今天|昨天|前天)\s*(?:\d{1,2}:\d{2})?"
)
#: A line of only a comment widget's words (controls, counts), digits and punctuation is the widget's.
_WIDGET_WORDS = structure_pattern("comment-widget", re.I)
_HAN = re.compile(r"[\u3400-\u9fff]")
#: A comment section holds at least one comment of this many Han characters (a widget with
#: no comments holds counts, buttons and a login prompt).
MIN_COMMENT_HAN = 8
_MAX_AUTHOR = 30  # characters: a longer line beside a time is the comment itself
_NAME_CHARS = 16  # characters a user name line has at most
_PUNCT = re.compile(r"[。，！？；,.!?;]")


def find_comments(
    blocks: Sequence[RawBlock], kept: Sequence[bool], containers: Sequence[Container]
) -> tuple[Comment, ...]:
    """The comments of a page, in page order: those in comment sections after the article.

    >>> from cleantext.blocks import html_blocks
    >>> page = ("<article><p>正文。</p></article><div class=comments><div class=item>"
    ...         "<span class=user>张三</span> 2021-11-07 22:15<p>写得好，学到了很多东西。</p></div>"
    ...         "<div class=item><span class=user>李四</span><p>同意。</p><a>回复</a></div></div>")
    >>> blocks, _, boxes = html_blocks(page)
    >>> for c in find_comments(blocks, [True] + [False] * (len(blocks) - 1), boxes):
    ...     print(c)
    Comment(text='写得好，学到了很多东西。', author='张三', time='2021-11-07 22:15')
    Comment(text='同意。', author='李四', time=None)
    """
    kept_at = [i for i, k in enumerate(kept) if k]
    if not kept_at:
        return ()
    after = kept_at[-1]
    boxes = sorted((c for c in containers if c.first > after), key=lambda c: (c.first, -c.end))
    firsts = [c.first for c in boxes]
    parts: list[tuple[int, list[tuple[int, int]]]] = []  # (first block, comment ranges) per section
    lone: dict[tuple[str, str], list[Container]] = {}  # sections without look-alikes inside
    done = 0  # blocks before this are in a section already read
    for k, section in enumerate(boxes):
        if section.first < done or not _SECTION.search(section.hints):
            continue  # nested in a section already read, or not a section
        done = section.end
        inside = boxes[k + 1 : bisect_left(firsts, section.end)]  # sections are disjoint: linear overall
        items = _items(section, inside)
        if items:
            parts.append((section.first, items))
        else:
            lone.setdefault((section.tag, section.hints), []).append(section)
    for alike in lone.values():  # look-alike sections side by side: each one is a comment
        if len(alike) >= 2:
            parts.extend((c.first, [(c.first, c.end)]) for c in alike)
    out: list[Comment] = []
    for group in _groups(sorted(parts), lone):
        found = [_comment(blocks[first:end]) for first, end in group]
        comments = [c for c in found if c is not None]
        if any(len(_HAN.findall(c.text)) >= MIN_COMMENT_HAN for c in comments):
            out.extend(comments)
    return tuple(out)


def _groups(
    parts: list[tuple[int, list[tuple[int, int]]]], lone: dict[tuple[str, str], list[Container]]
) -> list[list[tuple[int, int]]]:
    """The comment ranges of each section; look-alike sections side by side count as one."""
    singles = {c.first for alike in lone.values() if len(alike) >= 2 for c in alike}
    out: list[list[tuple[int, int]]] = []
    for first, items in parts:
        if first in singles and out and out[-1] and out[-1][-1][0] in singles:
            out[-1].extend(items)
        else:
            out.append(list(items))
    return out


def _widget(line: str) -> bool:
    """A line of a comment widget: only its words, digits and punctuation.

    >>> _widget("+1顶74"), _widget("今天 举报赞38回复"), _widget("回复 ⋅ 254条回复 8421"), _widget("支持平台做法")
    (True, True, True, False)
    """
    return not _WIDGET_WORDS.sub("", line).strip()


def _items(section: Container, inside: Sequence[Container]) -> list[tuple[int, int]]:
    """The block ranges of the comments in ``section`` (``inside``: the elements after it that
    start within it): its most-covering group of look-alike elements (same tag and class); none
    when it has no such group (a widget, a form)."""
    groups: dict[tuple[str, str], list[Container]] = {}
    for c in inside:
        if c.end <= section.end and (c.first, c.end) != (section.first, section.end):
            groups.setdefault((c.tag, c.hints), []).append(c)
    best: list[Container] = []
    best_cover = 0
    for members in groups.values():
        members = _disjoint(members)
        cover = sum(c.end - c.first for c in members)
        if len(members) >= 2 and (cover, len(members)) > (best_cover, len(best)):  # ties: the finer group
            best, best_cover = members, cover
    return [(c.first, c.end) for c in best]


def _disjoint(members: list[Container]) -> list[Container]:
    out: list[Container] = []
    for c in sorted(members, key=lambda c: (c.first, -c.end)):
        if not out or c.first >= out[-1].end:
            out.append(c)
    return out


def _comment(blocks: Sequence[RawBlock]) -> Comment | None:
    """A comment from its blocks: the author and time lines apart, widget words dropped."""
    author = time = None
    text: list[str] = []
    for b in blocks:
        line = b.text.strip()
        if not line:
            continue
        found = _TIME.search(line) if time is None else None
        if found is not None and len(line) - len(found.group()) <= _MAX_AUTHOR:
            time = found.group().strip()
            rest = _TIME.sub("", line[: found.start()] + " " + line[found.end() :]).strip(" ·|:：")
            if rest and author is None and not _widget(rest):
                author = rest
            continue
        if _widget(line):
            continue
        if author is None and not text and len(line) <= _MAX_AUTHOR and _AUTHOR.search(b.hints):
            author = line
            continue
        text.append(line)
    if author is None and len(text) >= 2 and len(text[0]) <= _NAME_CHARS and not _PUNCT.search(text[0]):
        author = text.pop(0)  # a short first line without punctuation above the comment: its author
    if not text or not any(_HAN.search(t) or len(t) >= _NAME_CHARS for t in text):
        return None
    return Comment("\n".join(text), author, time)
