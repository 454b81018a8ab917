"""The PGO build: the build backend's flags, the profile's freshness, and how the installed core
was built (``pgo/cleantext_build.py``, ``tools/pgo.py``)."""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest

from cleantext import _core

ROOT = Path(__file__).resolve().parent.parent
RUSTC = "rustc 1.95.0 (59807616e 2026-04-14)\nhost: x86_64-unknown-linux-gnu\nLLVM version: 22.1.2\n"


def _load(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def backend() -> ModuleType:
    return _load(ROOT / "pgo" / "cleantext_build.py", "cleantext_build")


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    return _load(ROOT / "tools" / "pgo.py", "cleantext_pgo_tool")


def _flags(env: dict[str, str]) -> list[str]:
    return env["CARGO_ENCODED_RUSTFLAGS"].split("\x1f")


def test_the_profile_is_used_when_the_compiler_reads_it(backend: ModuleType) -> None:
    flags = _flags(backend.profile_env({}, RUSTC, 22, "0123"))
    assert flags == [f"-Cprofile-use={backend.PROFILE}", '--cfg=cleantext_profile="0123"']
    assert backend.PROFILE.is_file()


def test_other_flags_are_kept_and_an_encoded_set_is_left_alone(backend: ModuleType) -> None:
    flags = _flags(backend.profile_env({"RUSTFLAGS": " -Ctarget-cpu=native  -Copt-level=3"}, RUSTC, 22, "f"))
    assert flags[:3] == ["-Ctarget-cpu=native", "-Copt-level=3", f"-Cprofile-use={backend.PROFILE}"]
    assert backend.profile_env({"CARGO_ENCODED_RUSTFLAGS": "-Copt-level=2"}, RUSTC, 22) == {}


def test_the_build_sets_the_flags_in_its_environment(backend: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("CARGO_ENCODED_RUSTFLAGS", "RUSTFLAGS", "CLEANTEXT_PGO"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(backend.subprocess, "run", lambda *a, **k: backend.subprocess.CompletedProcess(a, 0, RUSTC))
    recorded = json.loads(backend.RECORD.read_text("utf-8"))["llvm_major"]
    backend._with_profile()
    flags = os.environ.get("CARGO_ENCODED_RUSTFLAGS", "")
    if recorded == 22:
        assert f"-Cprofile-use={backend.PROFILE}" in flags.split("\x1f")
    else:
        assert flags == ""
    monkeypatch.delenv("CARGO_ENCODED_RUSTFLAGS", raising=False)


def test_the_build_hands_over_to_maturin(backend: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    fake = ModuleType("maturin")
    fake.build_wheel = lambda *a: calls.append(("wheel", a)) or "w.whl"  # type: ignore[attr-defined]
    fake.build_editable = lambda *a: calls.append(("editable", a)) or "e.whl"  # type: ignore[attr-defined]
    fake.prepare_metadata_for_build_wheel = "maturin's hook"  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "maturin", fake)
    monkeypatch.setattr(backend, "_with_profile", lambda: calls.append(("profile", ())))
    assert backend.build_wheel("dist") == "w.whl" and backend.build_editable("dist", {}) == "e.whl"
    assert [c[0] for c in calls] == ["profile", "wheel", "profile", "editable"]
    assert calls[1][1] == ("dist", None, None)
    assert backend.prepare_metadata_for_build_wheel == "maturin's hook"
    with pytest.raises(AttributeError):
        _ = backend.build_everything


def test_no_profile_for_another_llvm_or_when_turned_off(backend: ModuleType) -> None:
    assert backend.profile_env({}, RUSTC.replace("22.1.2", "21.1.0"), 22) == {}
    assert backend.profile_env({}, "rustc 1.95.0\n", 22) == {}  # no LLVM line: not sure, no profile
    assert backend.profile_env({}, RUSTC, None) == {}
    assert backend.profile_env({"CLEANTEXT_PGO": "0"}, RUSTC, 22) == {}
    assert backend.llvm_major(RUSTC) == 22


def test_the_profile_was_recorded_from_the_rust_sources_as_they_are(tool: ModuleType) -> None:
    record = json.loads((ROOT / "pgo" / "profile.json").read_text("utf-8"))
    assert record["sources"] == tool.source_digest(), (
        "pgo/cleantext.profdata is older than rust/: run `python tools/pgo.py` to record it again"
    )
    assert record["pages"] > 50 and isinstance(record["llvm_major"], int)


def test_the_digest_moves_with_any_rust_source(tool: ModuleType, tmp_path: Path) -> None:
    for name in ("rust/src/a", "rust/src/b"):
        (tmp_path / name).mkdir(parents=True)
    for name in ("rust/Cargo.toml", "rust/Cargo.lock", "rust/build.rs", "rust/src/lib.rs", "rust/src/a/x.rs"):
        (tmp_path / name).write_text("// one\n")
    before = tool.source_digest(tmp_path)
    assert tool.source_digest(tmp_path) == before
    (tmp_path / "rust/src/a/x.rs").write_text("// two\n")
    edited = tool.source_digest(tmp_path)
    assert edited != before
    (tmp_path / "rust/src/a/x.rs").rename(tmp_path / "rust/src/b/x.rs")  # the same bytes moved
    assert tool.source_digest(tmp_path) not in (before, edited)


def test_how_the_installed_core_was_built() -> None:
    assert _core.OPTIMISED in ("profile", "plain", "instrumented")
    if os.environ.get("CLEANTEXT_REQUIRE_PGO") == "1":  # (CI: installed as the README says)
        assert _core.OPTIMISED == "profile"
