"""Stage 2: a decoded page -> its blocks in page order, with character offsets.

``html_blocks`` walks the DOM (html5ever, in the native core); ``text_blocks`` reads a
plain-text dump line by line. Both return :class:`RawBlock` tuples; ``text_block_table``
holds a dump's blocks in the native core, each RawBlock made when read.
"""

from __future__ import annotations

from .html import HtmlPage, html_blocks
from .model import Container, RawBlock
from .text import text_block_table, text_blocks

__all__ = ["Container", "HtmlPage", "RawBlock", "html_blocks", "text_block_table", "text_blocks"]
