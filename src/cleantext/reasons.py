"""Stable short codes that say why a block was kept or dropped.

Codes are plain strings (``Reason`` members compare equal to them), so
``"teaser-list" in block.reasons`` works.

>>> Reason.TEASER_LIST == "teaser-list"
True
"""

from __future__ import annotations

from enum import Enum


class Reason(str, Enum):
    """Why a block was kept or dropped."""

    def __str__(self) -> str:
        return self.value

    # kept
    MAIN_REGION = "main-region"
    CONTINUES_REGION = "continues-region"
    FAVOR_RECALL = "favor-recall"  # prose outside the article's region, kept with favor="recall"
    # kept: a page whose blocks give no article, from what it declares (block kind "declared")
    JSON_LD_BODY = "json-ld-body"  # the articleBody of its JSON-LD
    SCRIPT_STATE = "script-state"  # the state its JavaScript app renders from (__NEXT_DATA__...)
    # kept: a page with little Han text whose blocks give no article, by the letters of its prose
    LETTER_REGION = "letter-region"
    # not part of the body, kept elsewhere in the result
    TITLE = "title"
    METADATA = "metadata"  # a line that only carries title/time/source/author/editor
    DATELINE = "metadata"  # alias kept for code written before 0.2
    # dropped: shape
    EMPTY = "empty"
    SHORT = "short"
    SHORT_HEADING = "short-heading"
    LINK_DENSE = "link-dense"
    NAV = "nav"
    NO_HAN = "no-han"
    OUTSIDE_REGION = "outside-region"
    TEASER_LIST = "teaser-list"
    TRUNCATED_DUPLICATE = "truncated-duplicate"
    DUPLICATE = "duplicate"
    LIST_HEADING = "list-heading"
    FAVOR_PRECISION = "favor-precision"  # kept for its context only, dropped with favor="precision"
    # dropped: boilerplate lexicon
    COPYRIGHT = "copyright"
    ICP = "icp"
    EDITOR_LINE = "editor-line"
    SHARE = "share"
    PAGER = "pager"
    RELATED = "related"
    COMMENT = "comment"
    LOGIN = "login"
    AD = "ad"
    BOILERPLATE = "boilerplate"
    # dropped: the page is not text (an image, archive, PDF...)
    BINARY = "binary"
    # beside a verdict: a block that holds the text of several, on a page with far more
    # blocks than real pages make (the block budget of ``cleantext.blocks.html.html_blocks``)
    MERGED = "merged"
