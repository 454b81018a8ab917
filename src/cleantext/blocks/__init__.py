"""Stage 2: a decoded page -> its blocks in page order, with character offsets.

``html_blocks`` walks the DOM (html5ever, in the native core); ``text_blocks`` reads a
plain-text dump line by line. Both return :class:`RawBlock` tuples; ``html_block_table`` and
``text_block_table`` hold the blocks in the native core, each RawBlock made when read.
"""

from __future__ import annotations

from .html import HtmlPage, html_block_table, html_blocks
from .model import Container, RawBlock
from .text import text_block_table, text_blocks

__all__ = ["Container", "HtmlPage", "RawBlock", "html_block_table", "html_blocks", "text_block_table", "text_blocks"]
