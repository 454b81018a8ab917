"""``input_format`` / ``output_format`` and the deprecated ``format=`` alias."""

from __future__ import annotations

import warnings

import pytest

import cleantext

DUMP = "今天，我们在重庆签署了合作协议，双方将在科技创新方面深度合作。\n分享到:微信 微博\n"


def _deprecations(call) -> tuple[object, list[warnings.WarningMessage]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = call()
    return result, [w for w in caught if issubclass(w.category, DeprecationWarning)]


@pytest.mark.parametrize(
    "call",
    [
        lambda: cleantext.extract(DUMP, format="text", use_jieba=False).format,
        lambda: cleantext.Cleaner(format="text", use_jieba=False).extract(DUMP).format,
        lambda: cleantext.Cleaner(use_jieba=False).extract(DUMP, format="text").format,
        lambda: cleantext.Options(format="text").input_format,
    ],
)
def test_format_still_works_and_warns_once(call) -> None:
    result, caught = _deprecations(call)
    assert result == "text"
    assert len(caught) == 1
    assert "input_format" in str(caught[0].message)
    assert caught[0].filename == __file__  # points at the caller's line


def test_input_format_does_not_warn() -> None:
    result, caught = _deprecations(lambda: cleantext.extract(DUMP, input_format="text", use_jieba=False).format)
    assert (result, caught) == ("text", [])


def test_options_copy_does_not_warn_again() -> None:
    ((options, _),) = [_deprecations(lambda: cleantext.Options(format="html"))]
    _, caught = _deprecations(lambda: options.updated(strict=True))
    assert options.input_format == "html" and options.format is None and caught == []


@pytest.mark.parametrize(
    ("name", "value"), [("input_format", "pdf"), ("output_format", "xml"), ("format", "pdf"), ("favor", "fast")]
)
def test_bad_values_name_the_argument(name: str, value: str) -> None:
    with pytest.raises(ValueError, match=name):
        cleantext.Options(**{name: value})


def test_include_flags_must_be_bool() -> None:
    with pytest.raises(TypeError, match="include_links"):
        cleantext.Options(include_links="yes")


@pytest.mark.parametrize(
    "call",
    [
        lambda: cleantext.extract(DUMP, format="text", input_format="html"),
        lambda: cleantext.Cleaner().extract(DUMP, format="text", input_format="html"),
        lambda: cleantext.Options(format="text", input_format="html"),
        lambda: cleantext.Cleaner(format="html", input_format="text"),
    ],
)
def test_format_and_input_format_that_disagree_raise(call) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        with pytest.raises(ValueError, match=r"format=.*input_format="):
            call()


def test_a_page_format_overrides_the_cleaners_input_format() -> None:
    """``format=`` for one page is that page's ``input_format=``, whatever the Cleaner says (it
    was ignored when the Cleaner's ``input_format`` was not ``auto``)."""
    cleaner = cleantext.Cleaner(input_format="html", use_jieba=False)
    result, caught = _deprecations(lambda: cleaner.extract(DUMP, format="text").format)
    assert result == "text" and len(caught) == 1
    result, caught = _deprecations(lambda: cleaner.extract(DUMP, format="text", input_format="text").format)
    assert result == "text" and len(caught) == 1
