"""Many pages at once: worker processes, results in input order, bounded memory.

``map_ordered`` sends the pages to a :class:`~concurrent.futures.ProcessPoolExecutor` in
chunks, keeps only a bounded number of chunks in flight (so a huge or endless iterable is
read lazily, never all at once) and yields the Documents in the order the pages came in.
Each worker gets the Cleaner's :class:`~cleantext.Options` once (the Cleaner pickles as its
options only) and loads jieba once, in its initializer, before the first page.

An item is a page (``bytes`` or ``str``), a :class:`Page` (a named tuple, so a plain tuple
``(page, encoding, content_type, url, format)`` works too, shorter ones as well) or a dict
with the key ``"page"`` and any of ``encoding``, ``content_type``, ``url``, ``format``.

>>> from cleantext import Cleaner
>>> pages = ["第一段文字，今天我们在重庆签署了合作协议，双方将深度合作。",
...          Page("第二段文字，今天我们在上海签署了合作协议，双方将深度合作。", url="u2")]
>>> docs = map_ordered(Cleaner(use_jieba=False), pages, jobs=1)
>>> [(d.url, d.text[:5]) for d in docs]
[(None, '第一段文字'), ('u2', '第二段文字')]
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
from collections import deque
from collections.abc import Callable, Generator, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import datetime
from itertools import islice
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from .document import Document
    from .pipeline import Cleaner

__all__ = ["Page", "PageError", "as_page", "default_jobs", "map_ordered"]


class Page(NamedTuple):
    """One page and what is known about it, for :meth:`Cleaner.extract`."""

    page: bytes | str
    encoding: str | None = None
    content_type: str | None = None
    url: str | None = None
    format: str | None = None
    now: datetime | None = None  #: when the page was fetched (a WARC record's WARC-Date)

    def extract_with(self, cleaner: Cleaner) -> Document:
        """``cleaner.extract`` on this page with its hints."""
        return cleaner.extract(
            self.page,
            encoding=self.encoding,
            content_type=self.content_type,
            url=self.url,
            input_format=self.format,
            now=self.now,
        )


class PageError(Exception):
    """An exception raised in a worker that cannot travel back as itself (it does not pickle).

    Carries the original type's name and message.
    """

    def __init__(self, type_name: str, message: str) -> None:
        self.type_name = type_name
        self.message = message
        super().__init__(type_name, message)

    def __str__(self) -> str:
        return f"{self.type_name}: {self.message}"


def as_page(item: Any) -> Page:
    """The :class:`Page` an item stands for.

    >>> as_page(b"<p>x</p>")
    Page(page=b'<p>x</p>', encoding=None, content_type=None, url=None, format=None, now=None)
    >>> as_page({"page": "x", "url": "http://a", "id": 7}).url
    'http://a'
    >>> as_page(("x", "gbk")).encoding
    'gbk'
    """
    if isinstance(item, Page):
        return item
    if isinstance(item, (bytes, str)):
        return Page(item)
    if isinstance(item, (bytearray, memoryview)):
        return Page(bytes(item))
    if isinstance(item, dict):
        if "page" not in item:
            raise TypeError("a dict item needs a 'page' key (and optionally encoding, content_type, url, format, now)")
        return Page(
            item["page"],
            item.get("encoding"),
            item.get("content_type"),
            item.get("url"),
            item.get("format"),
            item.get("now"),
        )
    if isinstance(item, tuple):
        return Page(*item)
    raise TypeError(f"an item must be bytes, str, a Page, a tuple or a dict with 'page', not {type(item).__name__}")


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


# -- worker side ---------------------------------------------------------------------------

_worker_cleaner: Cleaner | None = None
_worker_post: Callable[[Document], Any] | None = None


def _init_worker(cleaner: Cleaner, postprocess: Callable[[Document], Any] | None = None) -> None:
    global _worker_cleaner, _worker_post
    _worker_cleaner = cleaner.warm_up()
    _worker_post = postprocess


def _portable(exc: BaseException) -> BaseException:
    """``exc`` itself when it survives pickling, else a :class:`PageError` that does."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return PageError(type(exc).__name__, str(exc))
    return exc


def _prepare(item: Any) -> Page | BaseException:
    """The item as a picklable :class:`Page`, or the error that says why it is not one."""
    try:
        page = as_page(item)
        if isinstance(page.page, (bytearray, memoryview)):
            page = page._replace(page=bytes(page.page))
        return page
    except Exception as exc:
        return exc


def _run_one(cleaner: Cleaner, page: Page | BaseException, postprocess: Callable[[Document], Any] | None = None) -> Any:
    if isinstance(page, BaseException):
        return page
    try:
        doc = page.extract_with(cleaner)
        return doc if postprocess is None else postprocess(doc)
    except Exception as exc:
        return exc


def _run_chunk(chunk: list[Page | BaseException]) -> list[Document | BaseException]:
    assert _worker_cleaner is not None, "worker not initialised"
    out = []
    for item in chunk:
        result = _run_one(_worker_cleaner, item, _worker_post)
        out.append(_portable(result) if isinstance(result, BaseException) else result)
    return out


# -- parent side ---------------------------------------------------------------------------


def map_ordered(
    cleaner: Cleaner,
    pages: Iterable[Any],
    jobs: int | None = None,
    *,
    chunksize: int = 8,
    prefetch: int = 4,
    errors: str = "raise",
    postprocess: Callable[[Document], Any] | None = None,
    mp_context: Any = None,
) -> Generator[Any, None, None]:
    """Extract every page with ``cleaner`` in ``jobs`` worker processes; Documents in input order.

    Args:
        cleaner: the :class:`~cleantext.Cleaner` to use (each worker gets a copy of its options).
        pages: any iterable of items (see the module doc); read lazily.
        jobs: worker processes; ``None`` means every core, ``1`` runs in this process.
        chunksize: pages sent to a worker at a time.
        prefetch: chunks in flight per worker; at most ``jobs * prefetch * chunksize`` pages
            are held at once, however long ``pages`` is.
        errors: ``"raise"`` re-raises a page's exception when its turn comes (every earlier
            Document has been yielded by then); ``"return"`` yields the exception in the
            page's place and goes on.
        postprocess: a picklable function (module-level, or a ``functools.partial`` of one) applied
            to each Document in the worker; its result is yielded instead. Use it to send back
            only what you need: a Document with all its blocks costs more to pickle than a
            row of text and metadata.
        mp_context: a :mod:`multiprocessing` context for the pool (default: the platform's).

    Closing the generator early (``break``, ``| head``) cancels the chunks not yet started and
    shuts the workers down.
    """
    if errors not in ("raise", "return"):
        raise ValueError(f"errors must be 'raise' or 'return', not {errors!r}")
    if chunksize < 1 or prefetch < 1:
        raise ValueError("chunksize and prefetch must be positive")
    jobs = default_jobs() if jobs is None else jobs
    if jobs < 1:
        raise ValueError(f"jobs must be positive, not {jobs}")

    if jobs == 1:
        cleaner.warm_up()
        for item in pages:
            result = _run_one(cleaner, _prepare(item), postprocess)
            if isinstance(result, BaseException) and errors == "raise":
                raise result
            yield result
        return

    items = iter(pages)
    window = jobs * prefetch
    ctx = mp_context or multiprocessing.get_context()
    if ctx.get_start_method() == "fork":
        cleaner.warm_up()  # forked workers inherit the loaded tokenizer instead of each loading it
    pending: deque[Future[list[Document | BaseException]]] = deque()
    pool = ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_init_worker, initargs=(cleaner, postprocess))
    try:
        exhausted = False
        while True:
            while not exhausted and len(pending) < window:
                chunk = [_prepare(item) for item in islice(items, chunksize)]
                if not chunk:
                    exhausted = True
                    break
                pending.append(pool.submit(_run_chunk, chunk))
            if not pending:
                return
            for result in pending.popleft().result():
                if isinstance(result, BaseException) and errors == "raise":
                    raise result
                yield result
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
