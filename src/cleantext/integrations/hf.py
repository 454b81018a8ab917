"""Hugging Face ``datasets``: a picklable map function with a stable fingerprint.

``datasets`` caches ``Dataset.map`` results under a fingerprint of the function; ``CleanText``
pickles as its settings only (never the loaded Cleaner or jieba), so the same settings give the
same fingerprint in every process and run, and the cache is reused.

Example::

    from datasets import Dataset
    from cleantext.integrations.hf import CleanText

    ds = Dataset.from_dict({"html": pages, "url": urls})
    ds = ds.map(CleanText(column="html", url_column="url"), batched=True, num_proc=2)
    ds[0]["text"], ds[0]["title"]

    ds.map(CleanText(column="html", output_format="markdown"), batched=True)  # adds a "markdown" column too

``datasets`` itself is never imported here.
"""

from __future__ import annotations

from typing import Any

from ..checks import like, optional
from ..options import Options

__all__ = ["OUTPUT_COLUMNS", "CleanText", "clean_batch", "columns"]

OUTPUT_COLUMNS = (
    "text",
    "title",
    "published",
    "source",
    "author",
    "editor",
    "encoding",
    "kept_blocks",
    "dropped_blocks",
    "error",
)
"""The columns a map adds (each with the ``prefix``); with ``output_format="markdown"`` or
``"html"`` a column of that name comes after ``text``."""


def columns(options: Options) -> tuple[str, ...]:
    """The columns a map with ``options`` adds.

    >>> columns(Options(output_format="markdown"))[:2]
    ('text', 'markdown')
    """
    if options.output_format == "text":
        return OUTPUT_COLUMNS
    return (OUTPUT_COLUMNS[0], options.output_format, *OUTPUT_COLUMNS[1:])


_cleaners: dict[Options, Any] = {}


def _cleaner(options: Options) -> Any:
    """One warmed Cleaner per options per process (datasets' worker processes included)."""
    cleaner = _cleaners.get(options)
    if cleaner is None:
        from ..pipeline import Cleaner

        cleaner = _cleaners[options] = Cleaner(options).warm_up()
    return cleaner


class CleanText:
    """A ``Dataset.map`` function: adds ``text``, ``title``, ``published``, ``source``, ``author``,
    ``encoding``, ``kept_blocks``, ``dropped_blocks`` and ``error`` columns (with ``prefix``), and
    ``markdown`` or ``html`` with ``output_format="markdown"``/``"html"`` (see :func:`columns`).

    Works with ``batched=True`` (faster) and without. A page that fails gets ``text=None`` and the
    error; the map never stops for it.

    >>> fn = CleanText(column="page", use_jieba=False)
    >>> fn({"page": "今天，我们在重庆签署了合作协议，双方将在科技创新方面深度合作。\\n责任编辑:张三\\n"})["text"]
    '今天，我们在重庆签署了合作协议，双方将在科技创新方面深度合作。'
    >>> import pickle; pickle.loads(pickle.dumps(fn)) == fn
    True
    """

    def __init__(
        self,
        column: str = "html",
        *,
        url_column: str | None = None,
        encoding_column: str | None = None,
        prefix: str = "",
        options: Options | None = None,
        **changes: Any,
    ) -> None:
        like("column", column, "")  # (names of columns: checked now, not when the first row lacks one)
        optional("url_column", url_column, str, "a column name")
        optional("encoding_column", encoding_column, str, "a column name")
        like("prefix", prefix, "")
        self.column = column
        self.url_column = url_column
        self.encoding_column = encoding_column
        self.prefix = prefix
        self.options = (options or Options()).updated(**changes)
        self.columns = columns(self.options)

    def _key(self) -> tuple[Any, ...]:
        return (self.column, self.url_column, self.encoding_column, self.prefix, self.options)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, self._key())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CleanText) and other._key() == self._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"CleanText(column={self.column!r}, prefix={self.prefix!r}, options={self.options!r})"

    def __call__(self, example: dict[str, Any]) -> dict[str, Any]:
        page = example[self.column]
        if isinstance(page, list):  # batched=True
            n = len(page)
            urls = example[self.url_column] if self.url_column else [None] * n
            encs = example[self.encoding_column] if self.encoding_column else [None] * n
            results = [self._one(p, e, u) for p, e, u in zip(page, encs, urls)]
            return {self.prefix + c: [r[c] for r in results] for c in self.columns}
        url = example.get(self.url_column) if self.url_column else None
        enc = example.get(self.encoding_column) if self.encoding_column else None
        result = self._one(page, enc, url)
        return {self.prefix + c: result[c] for c in self.columns}

    def _one(self, page: Any, encoding: str | None, url: str | None) -> dict[str, Any]:
        out: dict[str, Any] = dict.fromkeys(self.columns)
        if page is None:
            return out
        try:
            doc = _cleaner(self.options).extract(page, encoding=encoding, url=url)
        except Exception as exc:
            out["error"] = f"{type(exc).__name__}: {exc}"
            return out
        d = doc.to_dict(
            fields=("text",) if self.options.output_format == "text" else ("text", self.options.output_format)
        )
        out.update({c: d[c] for c in self.columns if c in d})
        return out


def _rebuild(
    column: str, url_column: str | None, encoding_column: str | None, prefix: str, options: Options
) -> CleanText:
    return CleanText(column, url_column=url_column, encoding_column=encoding_column, prefix=prefix, options=options)


def clean_batch(batch: dict[str, list[Any]], column: str = "html", **options: Any) -> dict[str, list[Any]]:
    """A plain module-level function for ``ds.map(clean_batch, batched=True, fn_kwargs={"column": "html"})``.

    >>> batch = {"html": ["今天，我们在重庆签署了合作协议，双方将在科技创新方面深度合作。"]}
    >>> clean_batch(batch, use_jieba=False)["text"]
    ['今天，我们在重庆签署了合作协议，双方将在科技创新方面深度合作。']
    """
    return CleanText(column, **options)(batch)
