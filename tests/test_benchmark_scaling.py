"""benchmarks/scaling_check.py: a child run times the stages the pipeline calls today."""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys

REPO = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
from pages import text_dump  # noqa: E402


def test_a_child_run_times_every_stage_of_a_text_dump(tmp_path: pathlib.Path) -> None:
    page = tmp_path / "page.txt"
    page.write_bytes(text_dump(size=50_000, seed=3).encode())
    script = REPO / "benchmarks" / "scaling_check.py"
    run = [sys.executable, str(script), "--child", str(page), "text", "1", "--stages"]
    out = subprocess.run(run, capture_output=True, text=True, check=True, cwd=REPO)
    found = json.loads(out.stdout)
    assert found["blocks"] > 100 and found["kept"] > 0
    # (the stages a dump goes through, by the names the pipeline calls them: not decode alone)
    stages = {"decode", "text_block_table", "measure_simplified", "score_columns", "select_columns"}
    assert stages <= set(found["stages"])


def test_a_traditional_dump_changes_almost_every_block() -> None:
    """``--kinds text-traditional``: the page whose every block the simplified reading changes."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from scaling_check import base_kind, traditional

    from cleantext.blocks import text_block_table
    from cleantext.lexicon import simplified_blocks

    assert base_kind("text-traditional") == "text" and base_kind("html-str-traditional") == "html"
    dump = text_dump(size=20_000, seed=1)
    assert simplified_blocks(text_block_table(dump)) is None
    table = text_block_table(traditional(dump))
    reading = simplified_blocks(table)
    assert reading is not None and len(reading.changed()) >= 0.8 * len(table)
    assert reading.texts() == text_block_table(dump).texts()  # (written back as it was)
