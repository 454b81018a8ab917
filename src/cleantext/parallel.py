"""Many pages at once: worker processes, results in input order, bounded memory.

``map_ordered`` hands the pages to its own worker processes in chunks over a pipe (a worker
gets its next chunk while it cleans the one before), keeps a bounded number of
pages in flight (so a huge or endless iterable is read lazily, never all at once) and yields
the Documents in the order the pages came in. Once the iterable is read to its end, the pages
left are sent longest first, in chunks that shrink as the end nears, so that the workers
finish together. Each worker gets the Cleaner's :class:`~cleantext.Options` once (the Cleaner
pickles as its options only) and is warmed up once (:meth:`~cleantext.Cleaner.warm_up`),
before the first page: forked workers inherit the parent's warm state.

A worker sends its results back a few at a time (at the end of its chunk, or sooner once they
hold 256 kB or the first waited 20 ms: one message, and one wake-up of the parent, for several
pages), and marks in memory it shares with the parent the page it has in hand, so the parent
always knows which page a worker is cleaning. A worker that dies (the OOM killer, ``kill -9``,
a crash in C code) costs exactly that page: it comes back as :class:`WorkerDied` in its place,
the rest of the worker's pages (those it cleaned but had not sent yet included) go to the
other workers and a new worker takes its place. Workers die with
the parent (Linux: ``PR_SET_PDEATHSIG``; elsewhere the parent ends them when it stops) and
ignore SIGINT, which the parent handles.

With ``isolate=False`` the parent cleans pages too, whenever it would otherwise wait for a
worker, and starts one worker fewer: its own pages are neither sent nor pickled, which on few
cores is worth a share of a core; a page that kills the process then takes the parent with it.
Its chunks then go out from a thread for each worker, so that it goes on cleaning while a worker
takes in a chunk larger than the pipe holds; once the input is read to its end, the workers take
the shortest pages left and the parent the longest.

Given a :class:`KeptWorkers` (``Cleaner.extract_many`` gives its own), a call that read its
pages to the end leaves its workers idle there, and the next call with the same options,
``jobs``, ``postprocess`` and ``isolate`` takes them instead of starting new ones: a pipeline that calls
``extract_many`` once per batch pays for starting workers once. Idle workers wait on their
pipe and use no CPU; :meth:`KeptWorkers.close` ends them.

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

import functools
import multiprocessing
import os
import pickle
import select
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from datetime import datetime
from multiprocessing.connection import Connection, wait
from queue import SimpleQueue
from typing import TYPE_CHECKING, Any, NamedTuple

from . import frames
from .checks import count, hints, like, page_value
from .columns import held_page
from .errors import CleanTextError

if TYPE_CHECKING:
    from .document import Document
    from .pipeline import Cleaner

__all__ = ["KeptWorkers", "Page", "PageError", "WorkerDied", "as_page", "default_jobs", "map_ordered"]


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


class WorkerDied(CleanTextError):
    """The worker process cleaning this page died: killed (the OOM killer, ``kill -9``) or crashed.

    ``exitcode`` is the process's: ``-9`` for SIGKILL, ``None`` when unknown.

    >>> str(WorkerDied(-9))
    'worker died (signal 9, SIGKILL: killed, e.g. out of memory) while cleaning this page'
    >>> import pickle; pickle.loads(pickle.dumps(WorkerDied(3))).exitcode
    3
    """

    def __init__(self, exitcode: int | None) -> None:
        self.exitcode = exitcode
        super().__init__(f"worker died ({_death(exitcode)}) while cleaning this page")

    def __reduce__(self) -> tuple[type, tuple[int | None]]:
        return (WorkerDied, (self.exitcode,))


def _death(exitcode: int | None) -> str:
    """How a process ended, from its exit code.

    >>> _death(-15), _death(1), _death(None)
    ('signal 15, SIGTERM', 'exit code 1', 'unknown cause')
    """
    if exitcode is None:
        return "unknown cause"
    if exitcode >= 0:
        return f"exit code {exitcode}"
    try:
        name = signal.Signals(-exitcode).name
    except ValueError:
        return f"signal {-exitcode}"
    return f"signal {-exitcode}, {name}" + (": killed, e.g. out of memory" if name == "SIGKILL" else "")


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

#: Parent → worker: chunks, lists of ``(seq, Page)``; then stop. Worker → parent: ready once,
#: then batches of ``(seq, pickled result)``, every page once, in the chunks' order (a result
#: pickles within ``held_page`` of its own page). The frames: :mod:`cleantext.frames`.
#: A worker sends the results it holds once they pickle to this many bytes, or once the first
#: of them has waited this long, if its chunk is not done before.
_BATCH_BYTES = 256 * 1024
_BATCH_SECONDS = 0.02
#: The mark of a worker with no page in hand (see ``_Worker.cleaning``).
_IDLE = -1
#: A worker that dies this many times in a row before it is ready ends the batch.
_START_DEATHS = 3
#: ``prctl`` option: the signal this process gets when its parent thread dies (Linux).
_PR_SET_PDEATHSIG = 1

_worker_cleaner: Cleaner | None = None
_worker_post: Callable[[Document], Any] | None = None


def _init_worker(cleaner: Cleaner, postprocess: Callable[[Document], Any] | None = None) -> None:
    global _worker_cleaner, _worker_post
    _worker_cleaner = cleaner.warm_up()
    _worker_post = postprocess


@functools.lru_cache(maxsize=1)
def _prctl() -> Callable[..., int] | None:
    """libc's ``prctl`` (Linux; ``None`` elsewhere). Looked up by the parent before it forks its
    workers, which then start without loading ctypes (~8 ms each)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        return ctypes.CDLL(None, use_errno=True).prctl  # type: ignore[no-any-return]
    except (OSError, AttributeError):  # pragma: no cover - no libc prctl
        return None


def _die_with_parent(parent: int | None) -> None:
    """Let the kernel kill this process when its parent dies (Linux), so no worker outlives a
    killed parent holding its stdout open; SIGINT is the parent's to handle (a ^C reaches the
    whole process group), SIGTERM kills as usual (the parent's own handler is not inherited).

    ``parent`` is the pid of the process that started the worker (``None`` under forkserver,
    where the fork server is the parent: it exits when that process does)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    prctl = _prctl()
    if prctl is not None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if parent is not None and os.getppid() != parent:  # the parent died before the line above
        os._exit(1)


def _worker_main(
    conn: Connection,
    cleaner: Cleaner,
    postprocess: Callable[[Document], Any] | None,
    parent: int | None,
    cleaning: Any,
) -> None:
    """A worker's life: clean the pages of each chunk it is sent, and send their results back a
    few at a time (see :data:`_BATCH_BYTES`), marking in ``cleaning`` (memory shared with the
    parent) the page it has in hand: its number from before it is cleaned until its result is
    sent, ``_IDLE`` between chunks.

    A thread reads the chunks as they come (see :func:`_read_chunks`), so the parent can send
    the next chunk while this one is being cleaned, and never waits on a worker that is
    itself waiting to send a result."""
    _die_with_parent(parent)
    _init_worker(cleaner, postprocess)
    assert _worker_cleaner is not None
    frames.send(conn, frames.ready_parts())
    inbox: SimpleQueue[list[tuple[int, Page]] | None] = SimpleQueue()
    threading.Thread(target=_read_chunks, args=(conn, inbox), name="cleantext-inbox", daemon=True).start()
    clock = time.monotonic
    while (chunk := inbox.get()) is not None:
        batch: list[tuple[int, bytes]] = []
        size = 0
        since = 0.0
        for seq, page in chunk:
            cleaning.value = seq
            result = _run_one(_worker_cleaner, page, _worker_post)
            if isinstance(result, BaseException):
                result = _portable(result)
            try:
                with held_page(page.page):  # (the parent holds the page: a dump's Document comes without it)
                    blob = pickle.dumps(result, pickle.HIGHEST_PROTOCOL)
            except Exception as exc:  # the result does not pickle (a postprocess returned a lock...)
                blob = pickle.dumps(_portable(exc), pickle.HIGHEST_PROTOCOL)
            if not batch:
                since = clock()
            batch.append((seq, blob))
            size += len(blob)
            if size >= _BATCH_BYTES or clock() - since >= _BATCH_SECONDS:
                frames.send(conn, frames.batch_parts(batch))
                batch, size = [], 0
        if batch:
            frames.send(conn, frames.batch_parts(batch))
        cleaning.value = _IDLE


def _read_chunks(conn: Connection, inbox: SimpleQueue[list[tuple[int, Page]] | None]) -> None:
    """Put each chunk the parent sends into ``inbox``, then ``None`` when it says stop or
    closes its end."""
    reader = frames.Reader(conn)
    while True:
        try:
            chunk = frames.read_chunk(reader.read())
        except (EOFError, OSError):
            chunk = None
        inbox.put(chunk)
        if chunk is None:
            return


def _portable(exc: BaseException) -> BaseException:
    """``exc`` itself when it survives pickling, else a :class:`PageError` that does."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return PageError(type(exc).__name__, str(exc))
    return exc


def _unpickled(blob: bytes | memoryview, page: Page) -> Any:
    """A worker's result for ``page``, unpickled here; or, when it does not unpickle in this
    process (a postprocess's object whose class this process cannot make), what that raised: the
    page's failure, in its turn."""
    try:
        with held_page(page.page):  # (a dump's Document came without it)
            return pickle.loads(blob)
    except Exception as exc:
        return exc


def _as_if_sent(result: Any, postprocess: Callable[[Document], Any] | None) -> Any:
    """A result made in the parent (``isolate=False``) as it would come back from a worker: an
    exception as :func:`_portable` makes it, a ``postprocess`` result pickled and unpickled (or
    the failure that gives; a Document pickles always, and is kept as it is)."""
    if isinstance(result, BaseException):
        return _portable(result)
    if postprocess is None:
        return result
    try:
        blob = pickle.dumps(result, pickle.HIGHEST_PROTOCOL)
    except Exception as exc:
        return _portable(exc)
    try:
        return pickle.loads(blob)
    except Exception as exc:
        return exc


def _prepare(item: Any) -> Page | BaseException:
    """The item as a :class:`Page` of ``bytes`` or ``str``, or the error that says why it is not
    one: an item of no shape :func:`as_page` takes, or the ``TypeError`` ``extract`` raises for a
    hint or page of the wrong type. Checked here, in the caller's process, for every ``jobs``: the
    errors are the same in and out of workers, and a worker is sent only what pickles (a page of
    another type cannot be sorted by size, a lock as ``url`` cannot be sent)."""
    try:
        page = as_page(item)
        if page.encoding is not None or page.content_type is not None or page.url is not None or page.now is not None:
            hints(page.encoding, page.content_type, page.url, page.now)
        if page.format is not None:
            like("input_format", page.format, "")  # (its value is checked where it is used)
        raw = page_value(page.page)
        return page if raw is page.page else page._replace(page=raw)
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


# -- parent side ---------------------------------------------------------------------------


class _Worker:
    """One worker process, its end of the pipe and the pages it holds (sent, no result yet)."""

    def __init__(
        self, ctx: Any, cleaner: Cleaner, postprocess: Callable[[Document], Any] | None, threaded: bool = False
    ) -> None:
        ours, theirs = ctx.Pipe(duplex=True)
        #: The page the worker has in hand (its number; ``_IDLE`` for none), which it writes.
        self.cleaning = ctx.RawValue("q", _IDLE)
        self.process = ctx.Process(
            target=_worker_main,
            args=(
                theirs,
                cleaner,
                postprocess,
                None if ctx.get_start_method() == "forkserver" else os.getpid(),
                self.cleaning,
            ),
            name="cleantext-worker",
            daemon=True,
        )
        self.process.start()
        # (on Linux a worker started by fork or spawn dies with the thread that started it)
        self.tied = _prctl() is not None and ctx.get_start_method() != "forkserver"
        self.starter = threading.current_thread()
        theirs.close()  # only the worker holds its end: its death is EOF here
        self.conn: Connection = ours
        self.reader = frames.Reader(ours)
        self.waiting = _waiting_check(ours)
        self.ready = False
        self.held: deque[tuple[int, Page]] = deque()  # in the order it cleans them
        self.chunks: deque[int] = deque()  # how many of ``held`` each chunk it holds still has
        self.retiring = False  # told to stop after the pages it holds
        #: With ``threaded`` (a parent that cleans pages too, which should not wait while a worker
        #: takes a chunk in), what is to be sent to the worker, in order, by a thread of its own
        #: (``None``: end); else ``None``, and the caller sends.
        self.outbox: SimpleQueue[list[Any] | None] | None = SimpleQueue() if threaded else None
        self.broken = False  # a send failed: the worker is dead, or dying
        self.sender: threading.Thread | None = None
        if threaded:
            self.sender = threading.Thread(target=self._send_all, name="cleantext-outbox", daemon=True)
            self.sender.start()

    def _send(self, parts: list[Any]) -> None:
        """Send ``parts``: now (``OSError`` if the worker died), or by the sending thread."""
        if self.outbox is None:
            frames.send(self.conn, parts)
        else:
            self.outbox.put(parts)

    def _send_all(self) -> None:
        """Send what the outbox holds, in order, until told to end or the pipe breaks (the
        worker died: the parent sees its end, and its pages are accounted for there)."""
        assert self.outbox is not None
        while (parts := self.outbox.get()) is not None:
            if self.broken:
                continue
            try:
                frames.send(self.conn, parts)
            except OSError:
                self.broken = True

    def give(self, chunk: list[tuple[int, Page]]) -> bool:
        """Send ``chunk`` (the worker's reading thread takes it in: this does not block for long;
        a sending thread, if there is one, waits for that instead); ``False`` if the worker died
        before it could take it (or is known to be dead)."""
        if self.broken:
            return False
        try:
            self._send(frames.chunk_parts(chunk))
        except OSError:
            return False
        self.held.extend(chunk)
        self.chunks.append(len(chunk))
        return True

    def took(self) -> tuple[int, Page]:
        """The first page it holds, whose result has come back."""
        self.chunks[0] -= 1
        if not self.chunks[0]:
            self.chunks.popleft()
        return self.held.popleft()

    def ask_to_stop(self) -> None:
        """Tell the worker to end once it has cleaned the pages it was sent before (once)."""
        if not self.retiring and self.process.is_alive():
            self.retiring = True
            try:
                self._send(frames.stop_parts())
            except OSError:
                pass

    def stop(self, politely: bool) -> None:
        """Wait for the worker to end (``politely``: after :meth:`ask_to_stop`), else end it."""
        if politely:
            self.process.join(5)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(2)
        if self.process.is_alive():  # pragma: no cover - SIGTERM is not ignored in workers
            self.process.kill()
            self.process.join()
        self.close_pipe()

    def close_pipe(self) -> None:
        """Close the parent's end of the pipe, once the worker has ended (its sending thread first:
        a send in progress then fails at once, and none can reach a pipe that reuses the number)."""
        if self.outbox is not None and self.sender is not None:
            self.outbox.put(None)
            self.sender.join()
        self.conn.close()


def _waiting_check(conn: Connection) -> Callable[[], bool]:
    """A function that says whether ``conn`` has a message (or its end) waiting, at once: a
    ``poll`` object made once (where ``select.poll`` exists), else ``conn.poll``."""
    if not hasattr(select, "poll"):  # pragma: no cover - Windows
        return conn.poll
    poller = select.poll()
    poller.register(conn.fileno(), select.POLLIN)
    return lambda: bool(poller.poll(0))


def _longest_first(todo: deque[tuple[int, Page]]) -> None:
    """The last pages, longest first: a long page sent at the very end keeps one worker busy
    while the others have nothing left to do (results still come out in input order).

    >>> todo = deque([(0, Page(b"ab")), (1, Page("abcd")), (2, Page(b"a"))])
    >>> _longest_first(todo); [seq for seq, _ in todo]
    [1, 0, 2]
    """
    ordered = sorted(todo, key=lambda item: len(item[1].page), reverse=True)
    todo.clear()
    todo.extend(ordered)


def _share(left: int, workers: int, chunksize: int) -> int:
    """The chunk to send when ``left`` pages are all that is left: a share that halves as the end
    nears (half of an equal share, at most ``chunksize``, at least one page), so that no worker
    is left with a long chunk while the others wait for the end.

    >>> [_share(n, 2, 8) for n in (40, 22, 12, 7, 3, 1)]
    [8, 6, 3, 2, 1, 1]
    """
    return max(1, min(chunksize, -(-left // (2 * workers))))


class _Pool:
    """Workers that are replaced when they die; the pages they held are accounted for."""

    def __init__(
        self, jobs: int, ctx: Any, cleaner: Cleaner, postprocess: Callable[[Document], Any] | None, here: bool = False
    ) -> None:
        self.spawn = lambda: _Worker(ctx, cleaner, postprocess, threaded=here)
        self.here = here  # the parent cleans pages too: one more share of the last pages
        self.workers: list[_Worker] = []
        self.start_deaths = 0
        self._poll_for: list[_Worker] = []  # the workers ``_poll`` watches (see ``_woken``)
        self._poll: Any = None
        self._by_fd: dict[int, _Worker] = {}
        try:
            for _ in range(jobs):
                self.workers.append(self.spawn())
        except BaseException:  # cannot fork: end the ones started
            self.close(politely=False)
            raise

    def dispatch(self, todo: deque[tuple[int, Page]], chunksize: int, last: bool = False) -> None:
        """Give a chunk of ``todo`` to every worker that holds at most one chunk (the one it is
        cleaning: the next chunk travels meanwhile); once ``todo`` holds the ``last`` pages,
        smaller chunks (see :func:`_share`), so that the workers finish together; when the parent
        cleans pages too, the workers then take the shortest (the parent the longest: what a
        worker holds when the parent runs out is short)."""
        for worker in self.workers:
            if todo and len(worker.chunks) <= 1 and not worker.retiring:
                size = _share(len(todo), len(self.workers) + self.here, chunksize) if last else chunksize
                take = todo.pop if last and self.here else todo.popleft
                chunk = [take() for _ in range(min(size, len(todo)))]
                if not worker.give(chunk):  # it died idle: the next wait() sees it
                    (todo.extend if last and self.here else todo.extendleft)(reversed(chunk))

    def collect(self, todo: deque[tuple[int, Page]], done: dict[int, Any], timeout: float | None = None) -> None:
        """Wait (up to ``timeout`` seconds; ``None``: until something happens) for results, into
        ``done``, and deaths (see :meth:`_replace`)."""
        for worker in self._woken(timeout):
            if self._receive(worker, done):
                continue
            if worker.retiring and not worker.held:  # it ended as told, after its last page
                self.workers.remove(worker)
                worker.stop(politely=True)
            else:
                self._replace(worker, todo, done)

    def _woken(self, timeout: float | None) -> list[_Worker]:
        """The workers with a message waiting or that have ended, once one has (or ``timeout``
        passes): one ``poll`` object kept while the workers stay the same (where ``select.poll``
        exists), else :func:`multiprocessing.connection.wait`."""
        if not hasattr(select, "poll"):  # pragma: no cover - Windows
            by_handle: dict[Any, _Worker] = {}
            for worker in self.workers:
                by_handle[worker.conn] = worker
                by_handle[worker.process.sentinel] = worker
            return list({id(by_handle[h]): by_handle[h] for h in wait(list(by_handle), timeout)}.values())
        if self._poll_for != self.workers:
            self._poll, self._by_fd = select.poll(), {}
            for worker in self.workers:
                for fd in (worker.conn.fileno(), worker.process.sentinel):
                    self._poll.register(fd, select.POLLIN)
                    self._by_fd[fd] = worker
            self._poll_for = list(self.workers)
        events = self._poll.poll(None if timeout is None else int(timeout * 1000))
        return list({id(w): w for w in (self._by_fd[fd] for fd, _ in events)}.values())

    def retire(self) -> None:
        """Tell every worker to end after the pages it holds: there are no more to hand out, and
        they exit while the parent takes in the last results (a worker that dies before then still
        costs exactly its page: a new one takes the rest of its pages)."""
        for worker in self.workers:
            worker.ask_to_stop()

    def _receive(self, worker: _Worker, done: dict[int, Any]) -> bool:
        """Every message waiting from ``worker``; ``False`` once it is dead."""
        try:
            while worker.waiting():
                message = frames.read_batch(worker.reader.read())
                if message is None:  # ready
                    worker.ready = True
                    self.start_deaths = 0
                    continue
                for seq, blob in message:
                    held, page = worker.took()
                    assert held == seq, (held, seq)
                    done[seq] = _unpickled(blob, page)
        except (EOFError, OSError):
            return False
        return worker.process.is_alive()

    def _replace(self, worker: _Worker, todo: deque[tuple[int, Page]], done: dict[int, Any]) -> None:
        """A new worker for a dead one; the page it was cleaning is a :class:`WorkerDied` (the
        first it held if it died between pages: every death costs a page, so a page that kills
        its worker before it is marked cannot kill worker after worker), the rest of its pages go
        back to the front of ``todo``, in order."""
        worker.process.join(5)
        if worker.process.is_alive():  # its pipe broke but it lives on: end it
            worker.process.kill()
            worker.process.join()
        self._receive(worker, done)  # what it sent before it died
        exitcode = worker.process.exitcode
        worker.close_pipe()
        held = list(worker.held)
        if worker.ready and held:
            seqs = [seq for seq, _ in held]
            cleaning = worker.cleaning.value
            seq, _page = held.pop(seqs.index(cleaning) if cleaning in seqs else 0)  # the page it was cleaning
            done[seq] = WorkerDied(exitcode)
        todo.extendleft(reversed(held))  # the rest of its chunk: next, in order
        if not worker.ready:
            self.start_deaths += 1
            if self.start_deaths >= _START_DEATHS:
                raise RuntimeError(f"cleantext worker processes die on start-up ({_death(exitcode)})")
        self.workers[self.workers.index(worker)] = self.spawn()

    def idle(self) -> bool:
        """Whether every worker is alive, holds no page and was not told to stop: the pool can
        take the next call's pages."""
        return all(not w.held and not w.retiring and w.process.is_alive() for w in self.workers)

    def lasting(self) -> bool:
        """Whether every worker outlives the call: none was started by a thread other than the
        main one where a worker dies with the thread that started it (Linux: it would die, idle,
        when that thread ends, or as the next call sends it pages)."""
        main = threading.main_thread()
        return all(not w.tied or w.starter is main for w in self.workers)

    def close(self, politely: bool) -> None:
        """End every worker: ask them to stop after their work (``politely``) or terminate them."""
        for worker in self.workers:  # every worker told first, then waited for: they end together
            if politely:
                worker.ask_to_stop()
            elif worker.process.is_alive():
                worker.process.terminate()
        for worker in self.workers:
            worker.stop(politely)


class KeptWorkers:
    """Idle worker processes kept between calls of :func:`map_ordered` (at most one pool).

    A call given a ``KeptWorkers`` takes the pool it holds when that pool was started for the
    same options, ``jobs``, ``postprocess``, start method and ``isolate`` (else ends it and starts its own), and puts
    its pool back when it has read its pages to the end; a call left early (``break``, an
    exception) ends its workers. Two calls at once each have their own pool: one is kept. A
    process forked from the owner does not use the owner's workers. Safe to share between threads;
    but on Linux a worker dies with the thread that started it, so workers started by a thread
    other than the main one are not kept (a call in such a thread takes kept workers and puts
    them back, and ends the ones it started).
    A kept worker that died while idle is seen when the next call takes the pool, which then
    starts new workers: no page is lost. One that is still dying then (its process ended, its
    threads not yet) takes pages and costs the first, a :class:`WorkerDied`, as any worker that
    dies cleaning does.

    >>> from cleantext import Cleaner
    >>> kept = KeptWorkers()
    >>> pages = ["今天，我们在重庆签署了合作协议，双方将深度合作。"] * 3
    >>> first = [d.text for d in map_ordered(Cleaner(use_jieba=False), pages, 2, kept=kept)]
    >>> pids = kept.pids()
    >>> again = [d.text for d in map_ordered(Cleaner(use_jieba=False), pages, 2, kept=kept)]
    >>> again == first, kept.pids() == pids, len(pids)
    (True, True, 2)
    >>> kept.close(); kept.pids()
    ()
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pool: _Pool | None = None
        self._key: tuple[Any, ...] = ()
        self._owner = os.getpid()

    def take(self, key: tuple[Any, ...]) -> _Pool | None:
        """The kept pool if it was started for ``key`` and its workers are all well, else ``None``
        (a pool kept for another key, or with a dead worker, is ended)."""
        with self._lock:
            pool, kept_key, self._pool = self._pool, self._key, None
        if pool is None or os.getpid() != self._owner:  # (a forked process: the workers are not its own)
            return None
        if kept_key == key and pool.idle():
            return pool
        pool.close(politely=True)
        return None

    def keep(self, pool: _Pool, key: tuple[Any, ...]) -> None:
        """Keep ``pool`` (idle) for the next call with ``key``; end it if one is kept already."""
        if os.getpid() == self._owner:
            with self._lock:
                if self._pool is None:
                    self._pool, self._key = pool, key
                    return
        pool.close(politely=True)

    def pids(self) -> tuple[int, ...]:
        """The process ids of the kept workers (``()`` when none are kept)."""
        pool = self._pool
        return tuple(w.process.pid for w in pool.workers if w.process.pid is not None) if pool is not None else ()

    def close(self) -> None:
        """End the kept workers, if any (they finish nothing: they hold no page)."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None and os.getpid() == self._owner:
            pool.close(politely=True)


def _detached(cleaner: Cleaner) -> Cleaner:
    """A copy of ``cleaner`` (its class and attributes, a subclass's too) without the workers it
    keeps, for the pool it keeps to hold: the pool holding ``cleaner`` itself would keep it alive."""
    twin = object.__new__(type(cleaner))
    twin.__dict__.update(cleaner.__dict__)
    twin._kept = None
    return twin


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
    kept: KeptWorkers | None = None,
    isolate: bool = True,
) -> Generator[Any, None, None]:
    """Extract every page with ``cleaner`` in ``jobs`` worker processes; Documents in input order.

    Args:
        cleaner: the :class:`~cleantext.Cleaner` to use (each worker gets a copy of its options).
        pages: any iterable of items (see the module doc; one page is refused: use ``extract``); read lazily.
        jobs: worker processes; ``None`` means every core, ``1`` runs in this process.
        chunksize: pages sent to a worker at a time.
        prefetch: at most ``jobs * prefetch * chunksize`` pages are held at once (read, not yet
            yielded), however long ``pages`` is.
        errors: ``"raise"`` re-raises a page's exception when its turn comes (every earlier
            Document has been yielded by then); ``"return"`` yields the exception in the
            page's place and goes on.
        postprocess: a picklable function (module-level, or a ``functools.partial`` of one) applied
            to each Document in the worker; its result is yielded instead. Use it to send back
            only what you need: a Document pickles as its text, metadata and its blocks as
            columns (a few tens of bytes a block beyond their texts), more than a row of text
            and metadata.
        mp_context: a :mod:`multiprocessing` context for the workers, or the name of a start method
            (``"spawn"``, ``"forkserver"``, ``"fork"`` where the platform has them); default: the platform's.
        kept: where to take idle workers from and leave them when done (see :class:`KeptWorkers`);
            ``None``: the workers start with the call and end with it.
        isolate: ``True``: every page is cleaned in a worker, so a page that kills its process
            costs that page alone. ``False``: this process cleans pages too, whenever it would
            otherwise wait for a worker, and ``jobs - 1`` workers start (``jobs`` counts the
            processes that clean). Its own pages cross no pipe and are pickled by no one: on two
            cores, 5% (HTML) to 18% (text dumps) more pages a second with Documents. A page that kills the
            process then takes this one with it, as with ``jobs=1``. Results and errors are the
            same either way (a ``postprocess`` result is pickled and unpickled here too, so one
            that would not cross fails the same way wherever its page was cleaned).

    A worker that dies costs the page it was cleaning: :class:`WorkerDied` in that page's place
    (raised or returned as ``errors`` says); a new worker takes over and every other page comes out
    once, in order. A result that does not pickle in the worker (a :class:`PageError` says why) or
    does not unpickle here (the exception it raised) is its page's failure in the same way. When
    ``pages`` itself raises (its source breaks), every page it gave before comes out first, in
    order, then its exception is raised, with ``errors="return"`` too (it is no page's failure),
    and the workers end; a ``KeyboardInterrupt`` from it is raised at once.
    Closing the generator early (``break``, ``| head``) or an exception in the caller
    (``KeyboardInterrupt``) ends the workers at once; on Linux they also die with the thread
    that started them.
    """
    from .pipeline import Cleaner

    if not isinstance(cleaner, Cleaner):
        raise TypeError(f"cleaner must be a cleantext.Cleaner, not {type(cleaner).__name__}")
    items = _items(pages)
    jobs = default_jobs() if jobs is None else jobs
    count("jobs", jobs)
    count("chunksize", chunksize)
    count("prefetch", prefetch)
    if errors not in ("raise", "return"):
        raise ValueError(f"errors must be 'raise' or 'return', not {errors!r}")
    if postprocess is not None and not callable(postprocess):
        raise TypeError(f"postprocess must be a function or None, not {type(postprocess).__name__}")
    if kept is not None and not isinstance(kept, KeptWorkers):
        raise TypeError(f"kept must be a KeptWorkers or None, not {type(kept).__name__}")
    if not isinstance(isolate, bool):
        raise TypeError(f"isolate must be True or False, not {type(isolate).__name__}")
    context = _context(mp_context)
    if jobs == 1:
        return _in_process(cleaner, items, errors, postprocess)
    window = jobs * prefetch * chunksize
    return _in_workers(cleaner, items, jobs, chunksize, window, errors, postprocess, context, kept, isolate)


def _context(mp_context: Any) -> Any:
    """The :mod:`multiprocessing` context ``mp_context`` stands for: a context as it is, a start
    method's name as its context, ``None`` as ``None`` (the platform's, taken when workers start);
    ``ValueError`` for another name and ``TypeError`` for another type, naming ``mp_context``.

    >>> _context("spawn").get_start_method(), _context(None)
    ('spawn', None)
    """
    if mp_context is None:
        return None
    methods = ", ".join(repr(m) for m in multiprocessing.get_all_start_methods())
    if isinstance(mp_context, str):
        if mp_context not in multiprocessing.get_all_start_methods():
            raise ValueError(f"mp_context must be a start method ({methods}) or a context, not {mp_context!r}")
        return multiprocessing.get_context(mp_context)
    if not all(callable(getattr(mp_context, name, None)) for name in ("get_start_method", "Process", "Pipe")):
        raise TypeError(
            "mp_context must be a multiprocessing context (such as multiprocessing.get_context('spawn')), "
            f"a start method ({methods}) or None, not {type(mp_context).__name__}"
        )
    return mp_context


def _items(pages: Any) -> Iterator[Any]:
    """An iterator over ``pages``, or ``TypeError`` naming ``pages`` for what is not an iterable of
    pages: no iterable, or one page (a ``str`` or ``bytes`` would give its characters or bytes as
    pages, a :class:`Page` its fields, a dict item its keys).

    >>> _items("今天市政府召开新闻发布会")
    Traceback (most recent call last):
    ...
    TypeError: pages must be an iterable of pages, not one page (str): call extract(page) for one page, or pass a list
    """
    if isinstance(pages, (str, bytes, bytearray, memoryview, Page)) or (isinstance(pages, dict) and "page" in pages):
        raise TypeError(
            f"pages must be an iterable of pages, not one page ({type(pages).__name__}): "
            "call extract(page) for one page, or pass a list"
        )
    try:
        return iter(pages)
    except TypeError:
        raise TypeError(f"pages must be an iterable of pages, not {type(pages).__name__}") from None


def _in_process(
    cleaner: Cleaner, items: Iterator[Any], errors: str, postprocess: Callable[[Document], Any] | None
) -> Generator[Any, None, None]:
    cleaner.warm_up()
    for item in items:
        result = _run_one(cleaner, _prepare(item), postprocess)
        if isinstance(result, BaseException) and errors == "raise":
            raise result
        yield result


def _in_workers(
    cleaner: Cleaner,
    items: Iterator[Any],
    jobs: int,
    chunksize: int,
    window: int,
    errors: str,
    postprocess: Callable[[Document], Any] | None,
    mp_context: Any,
    kept: KeptWorkers | None,
    isolate: bool = True,
) -> Generator[Any, None, None]:
    ctx = mp_context or multiprocessing.get_context()
    if ctx.get_start_method() == "fork" or not isolate:  # (forked workers inherit what is loaded)
        cleaner.warm_up()
    if ctx.get_start_method() == "fork":
        _prctl()
    here = not isolate  # this process cleans pages too (one worker fewer)
    read = 0  # pages taken from ``items``; the next one gets this number
    given = 0  # pages yielded
    todo: deque[tuple[int, Page]] = deque()  # read, not yet sent to a worker
    done: dict[int, Any] = {}  # results waiting for an earlier page's
    exhausted = False  # ``items`` ended, or broke:
    broke: Exception | None = None  # what it raised, raised in turn once the pages it gave are out
    key = (cleaner.options, jobs, postprocess, ctx.get_start_method(), isolate)
    if kept is not None:  # the kept workers' Cleaner: a copy that holds no KeptWorkers (no cycle)
        cleaner = _detached(cleaner)
    pool = (kept.take(key) if kept is not None else None) or _Pool(jobs - here, ctx, cleaner, postprocess, here)
    finished = False
    try:
        while True:
            while given in done:
                result = done.pop(given)
                given += 1
                if isinstance(result, BaseException) and errors == "raise":
                    raise result
                yield result
            if exhausted and given == read:
                if broke is not None:
                    raise broke
                finished = True
                return
            pool.dispatch(todo, chunksize, last=exhausted)
            if exhausted and not todo and kept is None:
                pool.retire()
            if here and todo and (exhausted or read - given >= window):  # clean one instead of waiting
                seq, own = todo.popleft()
                done[seq] = _as_if_sent(_run_one(cleaner, own, postprocess), postprocess)
                pool.collect(todo, done, timeout=0)
                continue
            if exhausted or read - given >= window:
                pool.collect(todo, done)  # nothing more to read: wait for a worker
                continue
            pool.collect(todo, done, timeout=0)  # take what is back, then read a chunk ahead
            for _ in range(min(chunksize, window - (read - given))):
                try:
                    item = next(items)
                except Exception as exc:  # its end (StopIteration), or it broke: no more pages either way
                    exhausted, broke = True, None if isinstance(exc, StopIteration) else exc
                    _longest_first(todo)
                    break
                page = _prepare(item)
                if isinstance(page, BaseException):
                    done[read] = page
                else:
                    todo.append((read, page))
                read += 1
    finally:
        if finished and kept is not None and pool.idle() and pool.lasting():
            kept.keep(pool, key)
        else:
            pool.close(politely=finished)
