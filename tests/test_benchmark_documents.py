"""benchmarks/documents.py: its runs account for the workers' CPU and faults, run by run."""

from __future__ import annotations

import pathlib
import sys

REPO = pathlib.Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import cleantext  # noqa: E402
from benchmarks.documents import Run, accounting, first_call, run  # noqa: E402
from cleantext.testing import article_paragraphs, make_page  # noqa: E402


def test_a_run_counts_the_workers_of_jobs_2_only():
    pages = [make_page(article_paragraphs(seed=i, n=30), seed=i, kind="html") for i in range(6)]
    cleaner = cleantext.Cleaner(use_jieba=False)
    alone = run(cleaner, pages, 1)
    assert alone.wall > 0 and alone.cpu > 0
    assert alone.workers_cpu == 0 and alone.workers_faults == 0  # no process started
    two = run(cleaner, pages, 2)
    assert two.workers_cpu > 0 and two.workers_faults > 0  # the workers, started and kept
    again = run(cleaner, pages, 2)
    assert again.workers_cpu > 0 and again.workers_faults > 0  # the same workers (/proc), since the last run
    cleaner.close()
    first = first_call(cleaner, pages)
    assert first.workers_cpu > 0 and first.workers_faults > 0  # a new Cleaner's workers, ended and waited for


def test_accounting_gives_medians_and_every_runs_ratios():
    ones = [Run(1.0, 0.50, 100, 0.0, 0), Run(1.2, 0.40, 300, 0.0, 0), Run(0.9, 0.45, 200, 0.0, 0)]
    twos = [Run(0.5, 0.05, 40, 0.55, 900), Run(0.8, 0.04, 50, 0.60, 700), Run(0.6, 0.06, 60, 0.50, 800)]
    text = accounting(ones, twos)
    assert "jobs=1 0.450 s; jobs=2 workers 0.550 s (1.22x), parent 0.050 s" in text
    assert "each run 1.20 / 1.60 / 1.24" in text  # (0.55 + 0.05) / 0.50, (0.60 + 0.04) / 0.40, (0.50 + 0.06) / 0.45
    assert "minor faults: jobs=1 200, jobs=2 workers 800 parent 50" in text
    assert text.endswith("each run 2.00 / 1.50 / 1.50")


def test_the_machine_line_times_one_process_against_two():
    from benchmarks.documents import machine_ratio

    ratio = machine_ratio(0.05)  # a loop of ~0.05 s, then the same split between two forked processes
    assert 0.3 < ratio < 4.0  # two halves at once: about 2 on two free cores, about 1 on one


def test_both_whole_gives_two_processes_throughput_against_ones():
    from benchmarks.documents import both_whole

    pages = [make_page(article_paragraphs(seed=i, n=30), seed=i, kind="html") for i in range(24)]
    cleaner = cleantext.Cleaner(use_jieba=False).warm_up()
    one = min(run(cleaner, pages, 1).wall for _ in range(3))
    # twice the pages in about the time on two cores: loose bounds, since the suite's other
    # processes (pytest -n auto) may slow either run several times over (0.2-4 failed once)
    assert 0.05 < both_whole(cleaner, pages, one) < 20.0
    assert both_whole(cleaner, pages, 1e-9) < 0.01  # a process that took no time: two of them are slower


def test_rows_run_takes_rows_from_kept_workers():
    from benchmarks.documents import row, rows_run
    from cleantext.parallel import KeptWorkers

    pages = [make_page(article_paragraphs(seed=i, n=30), seed=i, kind="html") for i in range(6)]
    cleaner = cleantext.Cleaner(use_jieba=False)
    doc = cleaner.extract(pages[0])
    assert row(doc) == (doc.text, doc.title, doc.published, doc.source)
    kept = KeptWorkers()
    try:
        assert rows_run(cleaner, pages, kept) > 0
        workers = kept.pids()
        assert len(workers) == 2  # the call's workers, kept for the next
        assert rows_run(cleaner, pages, kept) > 0 and kept.pids() == workers  # and taken by it
    finally:
        kept.close()


def test_silent_run_cleans_every_page_in_kept_workers_and_gets_nothing_back():
    from benchmarks.documents import nothing, silent_run, text_alone
    from cleantext.parallel import KeptWorkers

    pages = [make_page(article_paragraphs(seed=i, n=30), seed=i, kind="html") for i in range(6)]
    cleaner = cleantext.Cleaner(use_jieba=False)
    doc = cleaner.extract(pages[0])
    assert nothing(doc) is None and text_alone(doc) == doc.text != ""
    for postprocess in (nothing, text_alone):
        kept = KeptWorkers()
        try:
            assert silent_run(cleaner, pages, kept, postprocess) > 0
            workers = kept.pids()
            assert len(workers) == 2  # the call's workers, kept for the next
            assert silent_run(cleaner, pages, kept, postprocess) > 0 and kept.pids() == workers
        finally:
            kept.close()


def test_a_run_with_the_caller_cleaning_counts_its_one_worker():
    pages = [make_page(article_paragraphs(seed=i, n=30), seed=i, kind="html") for i in range(24)]
    cleaner = cleantext.Cleaner(use_jieba=False)
    try:
        run(cleaner, pages, 2, isolate=False)  # (starts its worker and keeps it)
        assert len(cleaner._kept_workers().pids()) == 1
        shared = run(cleaner, pages, 2, isolate=False)
        assert shared.workers_cpu > 0 and shared.cpu > 0.1 * shared.workers_cpu  # both clean pages
    finally:
        cleaner.close()
