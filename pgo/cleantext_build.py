"""The build backend of cleantext: maturin's, with the native core compiled against the
profile in this directory (profile-guided optimisation) when the Rust compiler can read it.

``pip install .`` (and ``pip install -e .``, ``pip wheel .``, ``python -m build``) call this
module, which adds ``-Cprofile-use=<this directory>/cleantext.profdata`` to the flags cargo
passes rustc and then hands over to maturin. The profile was recorded by ``tools/pgo.py`` with
the LLVM that ``profile.json`` names; a compiler built on another LLVM major version may not
read it, so it then builds without (the same core, about a tenth slower on HTML).

Set ``CLEANTEXT_PGO=0`` to build without the profile. Flags already in
``CARGO_ENCODED_RUSTFLAGS`` are left alone (no profile is added); those of ``RUSTFLAGS`` are
kept.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

#: maturin's hooks this module hands on as they are (see ``__getattr__``).
_AS_THEY_ARE = frozenset(
    (
        "build_sdist",
        "get_requires_for_build_editable",
        "get_requires_for_build_sdist",
        "get_requires_for_build_wheel",
        "prepare_metadata_for_build_editable",
        "prepare_metadata_for_build_wheel",
    )
)

HERE = Path(__file__).resolve().parent
PROFILE = HERE / "cleantext.profdata"
RECORD = HERE / "profile.json"


def llvm_major(rustc_verbose_version: str) -> int | None:
    """The LLVM major version in ``rustc -vV``'s output.

    >>> llvm_major("rustc 1.95.0 (59807616e 2026-04-14)\\nhost: x86_64-unknown-linux-gnu\\nLLVM version: 22.1.2\\n")
    22
    >>> llvm_major("rustc 1.95.0") is None
    True
    """
    found = re.search(r"^LLVM version: (\d+)\.", rustc_verbose_version, re.MULTILINE)
    return int(found.group(1)) if found else None


def profile_env(
    env: Mapping[str, str], rustc_verbose_version: str, recorded_llvm: int | None, stamp: str = ""
) -> dict[str, str]:
    """The variables to add to ``env`` so that cargo builds with the profile: none when
    ``CLEANTEXT_PGO=0``, when ``CARGO_ENCODED_RUSTFLAGS`` is set, or when the compiler's LLVM
    (from ``rustc -vV``) is not the major version the profile was recorded with. The flags go
    in ``CARGO_ENCODED_RUSTFLAGS`` (separated by ``\\x1f``: a path may hold spaces), after
    those of ``RUSTFLAGS``. ``stamp`` (the profile's digest) goes in too, so that cargo rebuilds
    every crate when the profile changes (it compares the flags, not the file they name).

    >>> rustc = "rustc 1.95.0\\nLLVM version: 22.1.2\\n"
    >>> profile_env({}, rustc, 22, "ab12")["CARGO_ENCODED_RUSTFLAGS"].split("\\x1f")[1]
    '--cfg=cleantext_profile="ab12"'
    >>> profile_env({"RUSTFLAGS": " -Ctarget-cpu=native "}, rustc, 22)["CARGO_ENCODED_RUSTFLAGS"].split("\\x1f")[0]
    '-Ctarget-cpu=native'
    >>> profile_env({}, rustc, 21), profile_env({"CLEANTEXT_PGO": "0"}, rustc, 22)
    ({}, {})
    """
    if env.get("CLEANTEXT_PGO", "1") == "0" or "CARGO_ENCODED_RUSTFLAGS" in env:
        return {}
    if recorded_llvm is None or llvm_major(rustc_verbose_version) != recorded_llvm:
        return {}
    flags = [*env.get("RUSTFLAGS", "").split(), f"-Cprofile-use={PROFILE}", f'--cfg=cleantext_profile="{stamp}"']
    return {"CARGO_ENCODED_RUSTFLAGS": "\x1f".join(flags)}


def _with_profile() -> None:
    """Put the profile's flags into this process's environment (maturin's cargo inherits it)."""
    if not PROFILE.is_file() or not RECORD.is_file():
        return
    try:
        recorded = json.loads(RECORD.read_text("utf-8")).get("llvm_major")
        rustc = os.environ.get("RUSTC", "rustc")
        version = subprocess.run([rustc, "-vV"], capture_output=True, text=True, check=True).stdout
    except (OSError, ValueError, subprocess.CalledProcessError):
        return  # no readable record or no rustc: maturin says what is missing
    stamp = hashlib.sha256(PROFILE.read_bytes()).hexdigest()[:16]
    os.environ.update(profile_env(os.environ, version, recorded if isinstance(recorded, int) else None, stamp))


def __getattr__(name: str) -> Any:
    """maturin's other hooks, as they are (maturin is imported when a frontend asks for one)."""
    if name in _AS_THEY_ARE:
        import maturin

        return getattr(maturin, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def build_wheel(
    wheel_directory: str, config_settings: Mapping[str, Any] | None = None, metadata_directory: str | None = None
) -> str:
    """maturin's ``build_wheel``, with the profile."""
    import maturin

    _with_profile()
    return maturin.build_wheel(wheel_directory, config_settings, metadata_directory)


def build_editable(
    wheel_directory: str, config_settings: Mapping[str, Any] | None = None, metadata_directory: str | None = None
) -> str:
    """maturin's ``build_editable``, with the profile."""
    import maturin

    _with_profile()
    return maturin.build_editable(wheel_directory, config_settings, metadata_directory)
