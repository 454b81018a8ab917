"""The cleantext pytest plugin, run inside pytester as a user's test suite would use it."""

from __future__ import annotations

import itertools
import subprocess
import sys

import pytest

import cleantext
from cleantext.testing import BOILERPLATE, article_paragraphs, make_page

pytest_plugins = ["pytester"]


def test_plugin_loads_without_heavy_imports():
    code = (
        "import sys, cleantext.pytest_plugin; "
        "heavy = [m for m in sys.modules if m.split('.')[0] in ('jieba', 'selectolax', 'chardet')]; "
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_plugin_is_registered_and_nothing_is_autouse(pytester):
    pytester.makepyfile(
        """
        def test_fixtures_listed(request):
            names = request.fixturenames
            assert "cleantext_cleaner" not in names
            assert "zh_page" not in names
        """
    )
    result = pytester.runpytest("-p", "no:cacheprovider", "--fixtures")
    result.stdout.fnmatch_lines(["*cleantext_options*", "*cleantext_cleaner*", "*zh_page*"])
    pytester.runpytest("-p", "no:cacheprovider").assert_outcomes(passed=1)


def test_fixtures_in_a_users_suite(pytester):
    pytester.makepyfile(
        """
        import pytest

        PARAS = [
            "6月3日，重庆市科技局与上海市科委签署科技合作框架协议，双方将在七个方面开展深度合作，携手推进高水平科技自立自强。",
            "据了解，近年来重庆深入实施引进科技创新资源行动，分别与多所上海高校签署合作协议，奠定了良好的合作基础。",
        ]

        @pytest.mark.parametrize("kind", ["html", "text"])
        @pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
        def test_extracts_my_article(cleantext_cleaner, zh_page, kind, encoding):
            page = zh_page(PARAS, kind=kind, encoding=encoding, boilerplate=("nav", "teasers", "share", "footer"))
            assert isinstance(page, bytes)
            doc = cleantext_cleaner.extract(page)
            assert list(doc.paragraphs) == PARAS
            if kind == "html":  # a text dump's title counts only when its lead repeats its words
                assert doc.title == "沪渝携手加快推动长江经济带高质量发展"

        def test_generated_paragraphs(cleantext_cleaner, zh_page):
            paras = zh_page.paragraphs(seed=5, n=3)
            assert cleantext_cleaner.extract(zh_page(paras, kind="text")).paragraphs == tuple(paras)

        def test_session_cleaner_is_shared(cleantext_cleaner, request):
            assert request.getfixturevalue("cleantext_cleaner") is cleantext_cleaner
            assert cleantext_cleaner.options.use_jieba
        """
    )
    pytester.runpytest("-p", "no:cacheprovider").assert_outcomes(passed=6)


def test_options_fixture_is_overridable(pytester):
    pytester.makeconftest(
        """
        import pytest

        @pytest.fixture(scope="session")
        def cleantext_options():
            return {"use_jieba": False, "keep_title_in_text": True}
        """
    )
    pytester.makepyfile(
        """
        def test_options(cleantext_cleaner, zh_page):
            assert not cleantext_cleaner.options.use_jieba
            para = "今天，我们在重庆签署了合作协议，双方将在科技创新方面深度合作，共同推动发展。"
            doc = cleantext_cleaner.extract(zh_page([para], title="两地签署合作协议"))
            assert doc.text.split("\\n")[0] == "两地签署合作协议"
        """
    )
    pytester.runpytest("-p", "no:cacheprovider").assert_outcomes(passed=1)


@pytest.mark.parametrize("kind", ["html", "text"])
def test_make_page_extracts_exactly_the_paragraphs(kind):
    """Every boilerplate combination, several encodings and article lengths."""
    for seed in range(6):
        paras = article_paragraphs(seed=seed, n=1 + seed)
        for r in range(len(BOILERPLATE) + 1):
            for bp in itertools.combinations(BOILERPLATE, r):
                for enc in ("utf-8", "gbk", "gb18030") if r == len(BOILERPLATE) else ("utf-8",):
                    page = make_page(paras, kind=kind, boilerplate=bp, encoding=enc, seed=seed)
                    doc = cleantext.extract(page)
                    assert doc.paragraphs == tuple(paras), (kind, bp, enc, seed, doc.explain())


def test_make_page_rejects_unknown_parts():
    with pytest.raises(ValueError, match="unknown boilerplate"):
        make_page(["段落"], boilerplate=("sidebar",))
    with pytest.raises(ValueError, match="kind"):
        make_page(["段落"], kind="pdf")
