"""A bounded atheris run of tests/fuzz/fuzz_extract.py (skipped when atheris is not installed).

``CLEANTEXT_FUZZ_SECONDS`` sets the run's length (default 30 s); long campaigns are described
in tests/fuzz/README.md.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

FUZZ_DIR = Path(__file__).parent / "fuzz"
SECONDS = int(os.environ.get("CLEANTEXT_FUZZ_SECONDS", "30"))


@pytest.mark.skipif(importlib.util.find_spec("atheris") is None, reason="atheris is not installed")
def test_fuzz_target_runs_clean(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(FUZZ_DIR / "seeds", corpus)  # the run adds units here, not to the repository
    cmd = [
        sys.executable,
        str(FUZZ_DIR / "fuzz_extract.py"),
        f"-max_total_time={SECONDS}",
        "-max_len=4096",
        "-timeout=30",
        "-rss_limit_mb=4096",
        "-seed=1",
        "-print_final_stats=1",
        f"-artifact_prefix={tmp_path}/",
        str(corpus),
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=SECONDS + 120)
    tail = "\n".join(proc.stderr.splitlines()[-40:])
    crashes = list(tmp_path.glob("crash-*")) + list(tmp_path.glob("timeout-*")) + list(tmp_path.glob("oom-*"))
    assert proc.returncode == 0 and not crashes, f"fuzzing found a failing input {crashes}:\n{tail}"
    assert "stat::number_of_executed_units" in proc.stderr
    runs = int(proc.stderr.split("stat::number_of_executed_units:")[1].split()[0])
    assert runs > 100, tail
    # the whole pipeline is instrumented, not only the modules ``import cleantext`` loads
    # eagerly (those alone give about 120 edges; the pipeline gives over 1,000)
    instrumented = {line.split()[-1] for line in proc.stderr.splitlines() if line.startswith("INFO: Instrumenting")}
    assert {"cleantext.pipeline", "cleantext.select", "cleantext.features", "cleantext.blocks.html"} <= instrumented
    edges = [int(line.split("cov: ")[1].split()[0]) for line in proc.stderr.splitlines() if "cov: " in line]
    assert edges and max(edges) > 600, tail
