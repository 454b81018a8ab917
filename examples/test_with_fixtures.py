"""Using cleantext's pytest plugin in your own tests (run: ``pytest examples/test_with_fixtures.py``).

The plugin is registered by installing cleantext; its fixtures need no import.
"""

import pytest


@pytest.fixture(scope="session")
def cleantext_options():
    """Override the options the session-wide cleaner is built with (session-scoped, like it)."""
    return {"min_body_han": 10}


@pytest.mark.parametrize("kind", ["html", "text"])
def test_my_pipeline_keeps_the_article(zh_page, cleantext_cleaner, kind):
    paragraphs = zh_page.paragraphs(seed=3, n=3)
    page = zh_page(paragraphs, kind=kind, boilerplate=("nav", "teasers", "share", "footer"))
    doc = cleantext_cleaner.extract(page)
    assert list(doc.paragraphs) == paragraphs
    assert "版权所有" not in doc.text
