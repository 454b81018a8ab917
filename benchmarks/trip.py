"""What sending results back costs two worker processes: the bound of any ``jobs=2`` design.

Two workers forked once and kept (as ``extract_many`` keeps its own) share the corpus through a
counter in shared memory: each takes the next page, cleans it, and sends back what the round asks
for, so no page travels to a worker and nothing else differs between rounds:

* ``nothing``: the page's number only;
* ``text``: the Document's text, title, publish time and source (a pipeline that wants rows);
* ``document``: the whole Document, pickled as ``extract_many``'s workers pickle it;

each either one message a page, or batched (a message when the results hold 256 kB or at the end,
as ``extract_many`` sends them), in ``extract_many``'s frames (:mod:`cleantext.frames`). The
parent reads every message as it comes and unpickles it (a
Document's ``text`` is read). Printed: one process's wall time for the pages (the fastest of
``--repeat``, timed in turn with the rounds) over each round's (the fastest of ``--repeat``).

Run::

    python benchmarks/trip.py                         # ../shared/corpus/dev, both modes
    python benchmarks/trip.py --modes text --times 3 --repeat 5
"""

from __future__ import annotations

import argparse
import multiprocessing
import pickle
import time
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from cleantext import Cleaner, frames
from cleantext.columns import held_page

ROOT = Path(__file__).resolve().parent.parent
PAYLOADS = ("nothing", "text", "document")
#: A batched worker sends its results once they pickle to this many bytes (and at the end).
BATCH_BYTES = 256 * 1024
#: A round's end, from a worker.
_DONE = -1


def _payload(cleaner: Cleaner, page: bytes, payload: str) -> bytes:
    """What a worker sends back for the ``page`` it cleans, pickled (``b""``: nothing)."""
    doc = cleaner.extract(page)
    if payload == "nothing":
        return b""
    if payload == "text":
        return pickle.dumps((doc.text, doc.title, doc.published, doc.source))
    with held_page(page):  # (as extract_many's workers: a dump's Document comes without its page)
        return pickle.dumps(doc, pickle.HIGHEST_PROTOCOL)


def _worker(cleaner: Cleaner, pages: list[bytes], counter: Any, orders: Connection, out: Connection) -> None:
    """Run the rounds the parent orders (``(payload, batched)``; ``None``: stop)."""
    while (order := orders.recv()) is not None:
        payload, batched = order
        held: list[tuple[int, bytes]] = []
        size = 0
        while True:
            with counter.get_lock():
                seq = counter.value
                counter.value += 1
            if seq >= len(pages):
                break
            blob = _payload(cleaner, pages[seq], payload)
            held.append((seq, blob))
            size += len(blob)
            if not batched or size >= BATCH_BYTES:
                frames.send(out, frames.batch_parts(held))
                held, size = [], 0
        frames.send(out, frames.batch_parts([*held, (_DONE, b"")]))


class Pair:
    """Two kept workers forked from this process, with ``pages`` and ``cleaner`` as they are here."""

    def __init__(self, cleaner: Cleaner, pages: list[bytes]) -> None:
        ctx = multiprocessing.get_context("fork")
        self.pages = pages
        self.counter = ctx.Value("q", 0)
        self.orders: list[Connection] = []
        self.results: list[Connection] = []
        self.readers: dict[Connection, frames.Reader] = {}
        self.processes = []
        for _ in range(2):
            order_end, their_orders = ctx.Pipe(duplex=False)
            their_out, result_end = ctx.Pipe(duplex=False)
            process = ctx.Process(target=_worker, args=(cleaner, pages, self.counter, order_end, result_end))
            process.start()
            order_end.close()
            result_end.close()
            self.orders.append(their_orders)
            self.results.append(their_out)
            self.readers[their_out] = frames.Reader(their_out)
            self.processes.append(process)

    def round(self, payload: str, batched: bool) -> float:
        """The wall time of one round: every page cleaned once, its ``payload`` read here."""
        self.counter.value = 0
        start = time.perf_counter()
        for orders in self.orders:
            orders.send((payload, batched))
        live, got = list(self.results), 0
        while live:
            for ready in wait(live):
                conn: Connection = ready  # type: ignore[assignment]
                for seq, blob in frames.read_batch(self.readers[conn].read()) or ():
                    if seq == _DONE:
                        live.remove(conn)
                    elif payload == "document":
                        with held_page(self.pages[seq]):
                            pickle.loads(blob).text  # noqa: B018 - read, as a caller reads it
                    elif payload == "text":
                        pickle.loads(blob)
                    got += seq != _DONE
        wall = time.perf_counter() - start
        if got != len(self.pages):
            raise RuntimeError(f"{got} results for {len(self.pages)} pages")
        return wall

    def close(self) -> None:
        """End the workers (between rounds: each finishes none)."""
        for orders in self.orders:
            orders.send(None)
        for process in self.processes:
            process.join(10)


def one_process(cleaner: Cleaner, pages: list[bytes]) -> float:
    """The wall time of cleaning ``pages`` here, reading each Document's text."""
    start = time.perf_counter()
    for page in pages:
        cleaner.extract(page).text  # noqa: B018 - read as the rounds read it
    return time.perf_counter() - start


def ratios(cleaner: Cleaner, pages: list[bytes], repeat: int) -> dict[tuple[str, bool], float]:
    """One process's time over each round's, by (payload, batched); the fastest of ``repeat`` each."""
    pair = Pair(cleaner, pages)
    try:
        rounds = [(payload, batched) for payload in PAYLOADS for batched in (False, True)]
        for order in rounds:  # warm: the workers' first pages
            pair.round(*order)
        ones: list[float] = []
        best: dict[tuple[str, bool], float] = {}
        for _ in range(repeat):
            ones.append(one_process(cleaner, pages))
            for order in rounds:
                best[order] = min(best.get(order, float("inf")), pair.round(*order))
    finally:
        pair.close()
    one = min(ones)
    return {order: one / wall for order, wall in best.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "dev")
    parser.add_argument("--modes", default="html,text")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--times", type=int, default=3, help="the corpus this many times over")
    args = parser.parse_args()
    ids = sorted(p.name.removesuffix(".html") for p in args.corpus.glob("*.html"))
    for mode in args.modes.split(","):
        suffix = ".html" if mode == "html" else ".txt"
        pages = [(args.corpus / (i + suffix)).read_bytes() for i in ids] * args.times
        cleaner = Cleaner(input_format="text" if mode == "text" else "auto").warm_up()
        got = ratios(cleaner, pages, args.repeat)
        print(f"{mode}: {len(pages)} pages; one process's wall time over two kept workers' (pages shared, not sent):")
        for payload in PAYLOADS:
            print(f"  {payload:9} back: a message a page {got[payload, False]:.2f}x, batched {got[payload, True]:.2f}x")


if __name__ == "__main__":
    main()
