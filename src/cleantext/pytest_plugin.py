"""pytest plugin for projects that use cleantext (registered as the ``cleantext`` pytest11 entry point).

Fixtures, none of them autouse:

``cleantext_options``
    A dict of :class:`~cleantext.Options` fields for ``cleantext_cleaner``; ``{}`` by default.
    Override it in a conftest.py or test module (it is session-scoped)::

        @pytest.fixture(scope="session")
        def cleantext_options():
            return {"min_body_han": 20}

``cleantext_cleaner``
    A session-wide :class:`~cleantext.Cleaner` built from ``cleantext_options``, warmed up (jieba
    loaded) once.

``zh_page``
    A factory of realistic Chinese pages: ``zh_page(paragraphs, kind="html"|"text",
    boilerplate=("nav", "teasers", "share", "footer"), encoding="utf-8", title=..., seed=0)``
    returns the page as bytes; cleantext extracts exactly ``paragraphs`` from it. Call
    ``zh_page.paragraphs(seed=1, n=4)`` for plausible article paragraphs.

Loading the plugin imports nothing heavy: jieba and the HTML parser load only when a fixture
that needs them runs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from .pipeline import Cleaner


class PageFactory:
    """What the ``zh_page`` fixture returns: call it to build a page (see :func:`cleantext.testing.make_page`)."""

    def __call__(
        self,
        paragraphs: Sequence[str] | None = None,
        *,
        kind: str = "html",
        boilerplate: Iterable[str] = ("nav", "teasers", "share", "footer"),
        encoding: str = "utf-8",
        **kw: Any,
    ) -> bytes:
        from .testing import article_paragraphs, make_page

        if paragraphs is None:
            paragraphs = article_paragraphs(seed=kw.get("seed", 0))
        return make_page(paragraphs, kind=kind, boilerplate=boilerplate, encoding=encoding, **kw)

    @staticmethod
    def paragraphs(seed: int = 0, n: int = 4) -> list[str]:
        """``n`` deterministic paragraphs of plausible news prose."""
        from .testing import article_paragraphs

        return article_paragraphs(seed=seed, n=n)


@pytest.fixture(scope="session")
def cleantext_options() -> dict[str, Any]:
    """Options for ``cleantext_cleaner``; override this fixture to change them."""
    return {}


@pytest.fixture(scope="session")
def cleantext_cleaner(cleantext_options: dict[str, Any]) -> Cleaner:
    """A warmed-up :class:`~cleantext.Cleaner` shared by the whole session."""
    from .pipeline import Cleaner

    return Cleaner(**cleantext_options).warm_up()


@pytest.fixture
def zh_page() -> PageFactory:
    """A factory of realistic Chinese pages with boilerplate around given article paragraphs."""
    return PageFactory()
