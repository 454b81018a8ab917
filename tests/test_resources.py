"""resources: the native segmenter over jieba's dictionary cuts exactly as jieba over its full
dictionary, starts fast and silently, loads once per process, and writes nothing to disk
(the cut against jieba on every dev block and on random texts: ``test_native_segment.py``)."""

from __future__ import annotations

import json
import os
import pathlib
import re
import subprocess
import sys
import textwrap

import jieba
import pytest

import cleantext
from cleantext import resources
from cleantext.blocks import html_blocks, text_blocks
from cleantext.decode import decode
from cleantext.features import word_stopword_density
from cleantext.testing import article_paragraphs, make_page

TESTS = pathlib.Path(__file__).parent
SEED = TESTS / "data" / "seed_news.txt"
_HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def full() -> jieba.Tokenizer:
    """jieba over its whole default dictionary, built in memory (jieba's own cache file untouched)."""
    freq, total = jieba.Tokenizer.gen_pfdict(open(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"), "rb"))
    tok = jieba.Tokenizer()
    tok.FREQ, tok.total, tok.initialized = freq, total, True
    return tok


def _sentences() -> list[str]:
    """Blocks of the size jieba is asked about (8–60 Han characters): generated prose, the seed
    article and the test pages, cut at sentence ends."""
    texts = [p for seed in range(40) for p in article_paragraphs(seed=seed, n=3)]
    for path in [SEED, *sorted((TESTS / "pages").glob("*.html")), *sorted((TESTS / "pages").glob("*.txt"))]:
        text = decode(path.read_bytes()).text
        blocks = html_blocks(text)[0] if path.suffix == ".html" else text_blocks(text)
        texts += [b.text for b in blocks]
    out = {s for t in texts for s in re.split(r"(?<=[。！？])", t) if 8 <= len(_HAN.findall(s)) <= 60}
    return sorted(out)


def test_segmentation_equals_full_dictionary(full: jieba.Tokenizer) -> None:
    sentences = _sentences()
    assert len(sentences) > 300
    for s in [*sentences, "AT&T和B超、c#都在词典里，iPhone 12售价5999元，增长4.5%。"]:
        words = resources.segment(s)
        assert words == full.lcut(s, HMM=False), s
        assert word_stopword_density(words) == word_stopword_density(full.lcut(s, HMM=False))


def _run(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **env},
        cwd=TESTS.parent,
    )


def test_first_use_is_silent_and_writes_nothing(capfd: pytest.CaptureFixture[str], tmp_path: pathlib.Path) -> None:
    """A fresh process: no output but the article on stdout, nothing on stderr, no cache file."""
    code = f"import cleantext; print(cleantext.clean(open({str(SEED)!r}, 'rb').read()) != '')"
    subprocess.run(
        [sys.executable, "-c", code], check=True, env={**os.environ, "TMPDIR": str(tmp_path)}, cwd=TESTS.parent
    )
    out, err = capfd.readouterr()
    assert (out, err) == ("True\n", "")
    assert list(tmp_path.iterdir()) == []


def test_loads_once_across_threads() -> None:
    """Threads racing for the first load share one segmenter and agree on every cut."""
    proc = _run(
        """
        import threading
        from cleantext import resources
        text = "我们今天在重庆签署了科技合作框架协议，双方将在科技创新方面深度合作。"
        barrier = threading.Barrier(8)
        got = []
        def work():
            barrier.wait()
            got.append((id(resources.segmenter()), tuple(resources.segment(text))))
        threads = [threading.Thread(target=work) for _ in range(8)]
        for t in threads: t.start()
        for t in threads: t.join()
        assert len(got) == 8 and len(set(got)) == 1, got
        assert resources.segmenter() is resources.segmenter()
        print(" ".join(got[0][1]))
        """
    )
    assert proc.stdout.split()[:4] == ["我们", "今天", "在", "重庆"]


def test_warm_up_loads_the_segmenter() -> None:
    _run(
        """
        import pickle, cleantext
        from cleantext import resources
        cleantext.Cleaner(use_jieba=False).warm_up()
        assert not resources.is_loaded()
        c = cleantext.Cleaner().warm_up()
        assert resources.is_loaded()
        assert pickle.loads(pickle.dumps(c)) == c and len(pickle.dumps(c)) < 1000
        """
    )


def test_warm_up_loads_what_pages_need() -> None:
    """After ``warm_up`` no page loads a table of its own: every loader the pipeline caches once
    per process (word lists, the traditional-character map, weights, the segmenter...) has run,
    so the first pages of a worker cost what later ones do. Fails if a loader is left to the
    first page that needs it (the lexicon was, for ~0.02 s)."""
    out = _run(
        """
        import functools, gc, json, pathlib
        import cleantext
        cleantext.Cleaner().warm_up()
        loaders = [f for f in gc.get_objects() if isinstance(f, functools._lru_cache_wrapper)
                   and getattr(f, "__module__", "").startswith("cleantext") and f.cache_parameters()["maxsize"] == 1]
        before = {f.__qualname__: f.cache_info().misses for f in loaders}
        pages = [p.read_bytes() for p in sorted(pathlib.Path("tests/pages").glob("*")) if p.suffix in (".html", ".txt")]
        pages.append("標題\\n\\n臺灣的新聞報導說，這裡的環境很好，以後週末會常來。\\n".encode())  # traditional
        for page in pages:
            cleantext.extract(page)
            cleantext.extract(page, input_format="text")
        after = {f.__qualname__: f.cache_info().misses for f in loaders}
        late = sorted(k for k in after if after[k] != before[k])
        unused = sorted(k for k in before if not before[k])
        print(json.dumps({"loaders": sorted(before), "late": late, "unused": unused}))
        """
    ).stdout
    found = json.loads(out)
    assert len(found["loaders"]) >= 10 and "boilerplate_lexicon" in found["loaders"], found  # the loaders were seen
    assert found["late"] == [], found  # nothing loaded by a page
    assert "boilerplate_lexicon" not in found["unused"] and "_t2s_map" not in found["unused"], found


def test_warm_up_works_under_any_options() -> None:
    """The built-in pages are cleaned whatever the options say (a tiny ``max_bytes``, ``strict``),
    and the Cleaner still applies them afterwards."""
    cleaner = cleantext.Cleaner(max_bytes=10, strict=True, use_jieba=False, output_format="markdown")
    assert cleaner.warm_up() is cleaner
    with pytest.raises(cleantext.InputTooLarge):
        cleaner.extract("今天，我们在重庆签署了合作协议。")
    with pytest.raises(cleantext.DecodeError):
        cleantext.Cleaner(strict=True).warm_up().extract(b"\xff\xfe\x00\xd8" * 3, encoding="utf-8")


def test_same_article_as_full_dictionary_jieba(full: jieba.Tokenizer, monkeypatch: pytest.MonkeyPatch) -> None:
    page = make_page(article_paragraphs(seed=5, n=5))
    ours = cleantext.extract(page)
    asked: list[str] = []

    def by_full_jieba(texts: list[str]) -> list[float]:
        asked.extend(texts)
        return [word_stopword_density(full.lcut(t, HMM=False)) for t in texts]

    monkeypatch.setattr(resources, "stopword_densities", by_full_jieba)
    assert cleantext.extract(page) == ours
    assert asked  # the page has close calls: the full dictionary's words were counted
