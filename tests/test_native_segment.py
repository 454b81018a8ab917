"""The native segmenter (``cleantext._core.Segmenter``) against Python jieba, its oracle:
``jieba.Tokenizer().lcut(text, HMM=False)`` over jieba's default dictionary gives the same words.

On every block of every dev page (HTML and text dumps, decoded as the pipeline decodes them;
skipped where ``../shared`` is absent), on seeded random texts of dictionary words, ASCII,
digits, punctuation, whitespace and emoji, on Hypothesis texts, and on small dictionaries of
equal frequencies, where routes of equal probability make jieba's tie-breaking decide.
"""

from __future__ import annotations

import io
import pathlib
import random
import subprocess
import sys
import textwrap

import jieba
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleantext import _core, resources
from cleantext.blocks import html_blocks, text_blocks
from cleantext.decode import decode
from cleantext.lexicon import stopwords

DEV = pathlib.Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dev"
DICT = resources.dictionary_path()


def _tokenizer(dict_txt: bytes) -> jieba.Tokenizer:
    """jieba over a dictionary, built in memory (jieba's cache file untouched)."""
    tok = jieba.Tokenizer()
    tok.FREQ, tok.total = jieba.Tokenizer.gen_pfdict(io.BytesIO(dict_txt))
    tok.initialized = True
    return tok


ORACLE = _tokenizer(DICT.read_bytes())
SEGMENTER = resources.segmenter()


def _assert_same(texts: list[str], label: str = "") -> None:
    got = SEGMENTER.cut_many(texts)
    for text, words in zip(texts, got):
        assert words == ORACLE.lcut(text, HMM=False), (label, text)


def test_dictionary_is_jiebas_own() -> None:
    assert DICT == pathlib.Path(jieba.__file__).parent / "dict.txt"
    assert SEGMENTER.total == ORACLE.total
    assert len(SEGMENTER) == len({line.split(b" ")[0] for line in DICT.read_bytes().splitlines()})
    for key, freq in ORACLE.FREQ.items():  # every word and every prefix, with jieba's value
        assert SEGMENTER.get(key) == freq, key
    for key in ["", "京北", "北京北京北京", "\ud7ff", "x" * 40, "AT&", "AT&T&"]:
        assert SEGMENTER.get(key) == ORACLE.FREQ.get(key), key


def _dev_texts(suffix: str) -> list[str]:
    if not DEV.is_dir():
        pytest.skip("the dev corpus (../shared/corpus/dev) is absent")
    pages = sorted(p for p in DEV.glob(f"*{suffix}") if not p.name.endswith(".gold.txt"))
    assert len(pages) > 50
    texts = []
    for path in pages:
        text = decode(path.read_bytes()).text
        blocks = html_blocks(text).blocks if suffix == ".html" else text_blocks(text)
        texts += [b.text for b in blocks]
    return texts


@pytest.mark.parametrize("suffix", [".html", ".txt"])
def test_every_block_of_the_dev_pages(suffix: str) -> None:
    texts = _dev_texts(suffix)
    assert len(texts) > 10_000
    _assert_same(texts, suffix)


_WORDS = sorted(line.split(b" ")[0].decode() for line in DICT.read_bytes().splitlines())
_NOISE = [
    *"abcxyzABCXYZ0123456789+#&._%-", *"，。、！？：；“”（）《》【】·…—", *" \t\n\r\u3000\xa0\x0b\x1c",
    "\r\n", "😀", "🎉", "é", "ñ", "Ａ", "１", "〇", "\u3400", "\u9fd6", "\u9fff", "𠀀", "あ", "한", "\ufffd", "\x00",
    "iPhone", "5G", "4.5%", "C++", "c#", "AT&T", "B超", "2021年", "www.example.com", "e-mail",
]  # fmt: skip


def _random_text(rng: random.Random) -> str:
    pieces = []
    for _ in range(rng.randrange(1, 30)):
        roll = rng.random()
        if roll < 0.55:
            pieces.append(rng.choice(_WORDS))
        elif roll < 0.65:
            word = rng.choice(_WORDS)
            pieces.append(word[: rng.randrange(1, len(word) + 1)])
        elif roll < 0.75:
            pieces.append(chr(rng.randrange(0x4E00, 0x9FD6)))
        else:
            pieces.append(rng.choice(_NOISE))
    return "".join(pieces)


def test_seeded_random_texts() -> None:
    rng = random.Random(16)
    _assert_same([_random_text(rng) for _ in range(10_000)])


def _density(words: list[str]) -> float:
    """``features.word_stopword_density`` as it was written before the core counted the words."""
    stop = stopwords()
    words = [w for w in words if w.strip()]
    return sum(1 for w in words if w in stop) / len(words) if words else 0.0


def test_stopword_densities_count_jiebas_words() -> None:
    """The core's cut-and-count gives the density of jieba's own words, on every short block of
    the dev pages (the close calls are such), random texts, and texts with lone surrogates."""
    rng = random.Random(1203)
    texts = [t for t in _dev_texts(".txt") if len(t) <= 80] + [_random_text(rng) for _ in range(3_000)]
    texts += ["", " ", "\u3000\n", "的的的", "我们在北京的大学", "\u200b的"]
    assert len(texts) > 5_000
    assert resources.stopword_densities(texts) == [_density(ORACLE.lcut(t, HMM=False)) for t in texts]
    odd = ["北京\ud800的大学", "\udc00", "的\ud800"]
    assert resources.stopword_densities(odd) == [_density(ORACLE.lcut(t, HMM=False)) for t in odd]


_PIECE = st.one_of(
    st.sampled_from(_WORDS),
    st.sampled_from(_WORDS).map(lambda w: w[: len(w) // 2 + 1]),
    st.sampled_from(_NOISE),
    st.characters(codec="utf-8"),  # anything but a lone surrogate
)


@settings(max_examples=1500, deadline=None, derandomize=True)
@given(st.lists(_PIECE, max_size=25).map("".join))
def test_hypothesis_texts(text: str) -> None:
    _assert_same([text])
    assert SEGMENTER.cut(text) == ORACLE.lcut(text, HMM=False)


def test_lone_surrogates_are_words_of_their_own() -> None:
    texts = ["北京\ud800大学", "\udc00", "abc\ud800\udfffdef", "\r\ud800\n", "我们\udbff", "\ud800我们在北京"]
    with pytest.raises(UnicodeEncodeError):
        SEGMENTER.cut(texts[0])
    assert resources.segment_many(texts) == [ORACLE.lcut(t, HMM=False) for t in texts]
    assert resources.segment(texts[0]) == ["北京", "\ud800", "大学"]


_TIE_ALPHABET = "甲乙丙丁戊ab1+"


def _random_dictionary(rng: random.Random) -> bytes:
    lines = []
    for _ in range(rng.randrange(1, 14)):
        word = "".join(rng.choice(_TIE_ALPHABET + "\x00·") for _ in range(rng.randrange(1, 5)))
        lines.append(f"{word} {rng.choice([1, 1, 2, 2, 4, 0, 3])} n")
    if all(line.split()[1] == "0" for line in lines):
        lines.append("甲 1")
    return ("\n".join(lines) + "\n").encode()


def test_small_dictionaries_where_routes_tie(tmp_path: pathlib.Path) -> None:
    """Frequencies of 1, 2 and 4 make many routes sum to the same double: jieba keeps the one
    whose first word is longest (``max`` over ``(logp, end)``), and so must the core."""
    rng = random.Random(7)
    path = tmp_path / "dict.txt"
    for _ in range(300):
        data = _random_dictionary(rng)
        path.write_bytes(data)
        ours, oracle = _core.Segmenter(str(path)), _tokenizer(data)
        assert ours.total == oracle.total
        texts = ["".join(rng.choice(_TIE_ALPHABET + " ，") for _ in range(rng.randrange(0, 16))) for _ in range(50)]
        assert ours.cut_many(texts) == [oracle.lcut(t, HMM=False) for t in texts], data


def test_dictionary_lines_as_jieba_reads_them(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "dict.txt"
    data = "北京 3 ns\n北京大学 5\n  大学 4 n  \r\n北京 7\nAT&T 2 nz".encode()  # no final newline
    path.write_bytes(data)
    seg, oracle = _core.Segmenter(path), _tokenizer(data)  # a PathLike will do
    assert (seg.total, len(seg)) == (oracle.total, 4)
    assert {k: seg.get(k) for k in oracle.FREQ} == oracle.FREQ
    assert seg.cut("北京大学在北京AT&T") == oracle.lcut("北京大学在北京AT&T", HMM=False)


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (b"\xe5\x8c\x97\n", 1),
        (b"a 1\n\nb 2\n", 2),
        (b"a 1\n\n", 2),
        (b"a 1\nb  2\n", 2),
        (b"a 1\nb x\n", 2),
        (b"a 1\n\xff 1\n", 2),
        (b"a 1\nb\n\xff 1\n", 2),  # the first bad line, before the one that is not UTF-8
        (b"a 1\nb 1 \xe5\x8c", 2),
    ],
)
def test_bad_dictionaries_are_refused_naming_the_line(tmp_path: pathlib.Path, data: bytes, line: int) -> None:
    path = tmp_path / "dict.txt"
    path.write_bytes(data)
    with pytest.raises(ValueError, match=f"line {line}"):
        _core.Segmenter(str(path))
    with pytest.raises(ValueError):  # and jieba refuses it too
        jieba.Tokenizer.gen_pfdict(io.BytesIO(data))


def test_missing_dictionary_is_an_os_error(tmp_path: pathlib.Path) -> None:
    with pytest.raises(FileNotFoundError):
        _core.Segmenter(str(tmp_path / "absent.txt"))


def test_segmenter_is_not_pickled() -> None:
    import pickle

    with pytest.raises(TypeError):
        pickle.dumps(SEGMENTER)


def _run(code: str) -> str:
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, check=True)
    return proc.stdout


def test_jieba_is_never_imported() -> None:
    """The dictionary is found without importing jieba (whose import costs ~0.26 s of CPU)."""
    out = _run(
        """
        import sys, cleantext
        from cleantext import resources
        words = resources.segment("我们今天在重庆签署了合作协议")
        print("jieba" in sys.modules, resources.is_loaded(), " ".join(words))
        """
    )
    assert out.split()[:4] == ["False", "True", "我们", "今天"]


def test_use_jieba_false_never_loads_the_dictionary() -> None:
    out = _run(
        """
        import cleantext
        from cleantext import resources, pipeline
        from cleantext.testing import article_paragraphs, make_page
        seen = []
        original = pipeline.resegment
        pipeline.resegment = lambda *a: seen.append(len(a[1])) or original(*a)
        page = make_page(article_paragraphs(seed=5, n=5))  # a page with a close call
        cleantext.extract(page, use_jieba=False)
        cleantext.Cleaner(use_jieba=False).warm_up()
        print(resources.is_loaded(), seen)
        cleantext.extract(page)  # (the first page with jieba loads it, and warms up on the built-in pages)
        print(resources.is_loaded(), seen[-1:])
        """
    )
    assert out.split("\n")[:2] == ["False []", "True [1]"]


def test_the_first_page_loads_the_heavy_state_and_later_pages_load_nothing() -> None:
    # a stream's first page pays for every load (jieba's dictionary, the word lists and tables,
    # decoding's), so that no later page stalls on one; a bad argument raises before any load
    out = _run(
        """
        import cleantext
        from cleantext import pipeline, resources
        try:
            cleantext.extract(12345)
        except TypeError:
            print("TypeError", resources.is_loaded())
        cleantext.extract(b"<p>Hello</p>")  # needs none of it
        print(resources.is_loaded(), pipeline._LOADED)
        warmed = []
        original = cleantext.Cleaner.warm_up
        cleantext.Cleaner.warm_up = lambda self: warmed.append(1) or original(self)
        gbk = "<p>今天，沪渝两地在重庆签署合作协议，双方将在科技创新方面深度合作。</p>".encode("gbk")
        cleantext.Cleaner(min_body_han=1).extract(gbk)
        cleantext.extract(b"<p>Hello</p>", use_jieba=False)  # its setting warms up once, the other not again
        print(warmed, sorted(pipeline._LOADED))
        """
    )
    assert out.split("\n")[:3] == ["TypeError False", "True {True}", "[1] [False, True]"]


def test_warm_up_called_first_cleans_its_pages_once() -> None:
    out = _run(
        """
        import cleantext
        calls = []
        original = cleantext.Cleaner.extract
        cleantext.Cleaner.extract = lambda self, page, **kw: calls.append(1) or original(self, page, **kw)
        cleaner = cleantext.Cleaner().warm_up()  # its two built-in pages, and no first-page load on top
        print(len(calls))
        cleaner.extract(b"<p>Hello</p>")
        print(len(calls))
        """
    )
    assert out.split("\n")[:2] == ["2", "3"]
