"""Coverage-guided fuzz target for ``cleantext.extract`` (atheris / libFuzzer).

Each input's first byte picks the options (bytes or str page, ``format``, jieba on or off,
a declared ``encoding``/``content_type`` or none); the rest is the page. Every result must
satisfy the invariants of ``tests/invariants.py``, extraction must be deterministic (the same
page twice gives the same result) and take at most ``FLOOR + 1 s/MB``, and a quarter of the
Documents must come back equal from a pickle (as ``extract_many``'s workers send them), and
another quarter must render as Markdown and HTML, the Markdown holding every character of the
text (whitespace aside).

Run (see tests/fuzz/README.md)::

    python tests/fuzz/fuzz_extract.py -runs=1000000 -max_len=65536 tests/fuzz/corpus
"""

from __future__ import annotations

import functools
import importlib
import os
import pickle
import pkgutil
import sys
import time
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))  # tests/, for invariants.py

#: Seconds allowed to any input on top of 1 s per MB (jieba's first use, GC, a busy machine).
FLOOR = float(os.environ.get("CLEANTEXT_FUZZ_FLOOR", "2.0"))
_FORMATS = ("auto", "auto", "html", "text")
_ENCODINGS = (None, None, None, None, "utf-8", "gb18030", "big5", "latin-1")
_CONTENT_TYPES = (None, None, "text/html; charset=gbk", "text/html; charset=utf-8")


def one_input(data: bytes) -> None:
    """Extract one fuzzed page and check everything that must hold."""
    from invariants import check, quick_fingerprint

    import cleantext
    from cleantext.columns import held_page

    if not data:
        data = b"\x00"
    mode, page_bytes = data[0], data[1:]
    fmt = _FORMATS[mode & 3]
    use_jieba = bool(mode & 4)
    as_str = bool(mode & 8)
    encoding = None if as_str else _ENCODINGS[(mode >> 4) & 7]
    content_type = None if as_str or encoding else _CONTENT_TYPES[(mode >> 6) & 3]
    page: bytes | str = page_bytes
    if as_str:
        page = page_bytes.decode("utf-8", "surrogateescape").replace("\udc80", "\ud800")  # lone surrogates too
    cleaner = cleantext.Cleaner(input_format=fmt, use_jieba=use_jieba)
    started = time.perf_counter()
    doc = cleaner.extract(page, encoding=encoding, content_type=content_type)
    elapsed = time.perf_counter() - started
    limit = FLOOR + len(page_bytes) / 1e6
    if elapsed > limit:
        raise AssertionError(f"slow input: {len(page_bytes)} bytes took {elapsed:.2f} s (limit {limit:.2f} s)")
    check(page, doc, encoding=encoding, content_type=content_type)
    if hash(data) % 4 == 0:  # a quarter of the inputs (hash(bytes) is stable within a run)
        again = cleaner.extract(page, encoding=encoding, content_type=content_type)
        assert quick_fingerprint(again) == quick_fingerprint(doc), "not deterministic"
    elif hash(data) % 4 == 1:  # another quarter: the Document crosses as extract_many's workers send it
        with held_page(page):
            sent = pickle.loads(pickle.dumps(doc, pickle.HIGHEST_PROTOCOL))
        assert sent.text == doc.text and sent == doc, "not the same Document after a pickle"
    elif hash(data) % 4 == 2:  # another quarter: the Markdown and HTML views, and what Markdown holds
        markdown, html = doc.markdown, doc.html
        assert isinstance(html, str) and (html == "") == (markdown == "")
        missing = Counter("".join(doc.text.split())) - Counter("".join(markdown.split()))
        assert not missing, f"characters of the text not in its Markdown: {sorted(missing)[:10]}"


def pipeline_modules() -> list[str]:
    """Every module of the cleantext package but the optional integrations (Spark, datatrove,
    Hugging Face), whose imports need packages the fuzzer does not use."""
    import cleantext

    return [
        info.name
        for info in pkgutil.walk_packages(cleantext.__path__, "cleantext.")
        if not info.name.startswith("cleantext.integrations")
    ]


def main(argv: list[str] | None = None) -> None:
    import atheris

    with atheris.instrument_imports(include=["cleantext"]):
        import cleantext
        import cleantext.decode

        # ``import cleantext`` loads the pipeline lazily: import every module now, inside this
        # block, or coverage would see only the few modules imported so far
        for module in pipeline_modules():
            importlib.import_module(module)
    # chardet is deterministic and the slowest step on binary input: remember its last answers,
    # so the invariant check and the determinism re-run do not pay for it again.
    cleantext.decode._chardet_codec = functools.lru_cache(maxsize=4)(cleantext.decode._chardet_codec)
    cleantext.Cleaner().warm_up()  # load jieba before the clock starts
    atheris.Setup(list(argv if argv is not None else sys.argv), one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
