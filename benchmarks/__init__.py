"""Benchmark harness for cleantext: accuracy and speed against peer extractors, and scaling.

Run from the repository root:

    python -m benchmarks setup                    # one venv with the peers, under benchmarks/.venvs/
    python -m benchmarks --corpus ../shared/corpus/dev
    python -m benchmarks scaling

This package imports only the standard library at module level, so that its worker
(``benchmarks.runner``) runs unchanged inside the peers' venv.
"""
from __future__ import annotations

import pathlib

BENCH_DIR = pathlib.Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
VENVS_DIR = BENCH_DIR / ".venvs"
PEERS_VENV = VENVS_DIR / "peers"
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "corpus" / "dev"
DEFAULT_RESULTS = BENCH_DIR / "RESULTS.md"
