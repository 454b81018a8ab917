"""The examples that need nothing beyond the test extras run as documented."""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys

import pytest

EXAMPLES = pathlib.Path(__file__).parent.parent / "examples"


def test_warc_example_cleans_its_demo_archive() -> None:
    pytest.importorskip("fastwarc")
    out = subprocess.run(
        [sys.executable, str(EXAMPLES / "warc_example.py")], capture_output=True, text=True, timeout=120, check=True
    ).stdout
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["url"] for r in rows] == ["http://example.com/1", "http://example.com/2"]
    assert all(r["title"] == "沪渝携手加快推动长江经济带高质量发展" for r in rows)
    assert all("重庆市科技局与上海市科委" in r["text"] and "乐活HOT" not in r["text"] for r in rows)
    assert all(r["encoding"] == "gb18030" for r in rows)


def test_fixture_example_passes() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(EXAMPLES / "test_with_fixtures.py")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 passed" in result.stdout
