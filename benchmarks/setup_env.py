"""Create the peers' venv: ``python -m benchmarks setup [--python PY] [--recreate]``.

One venv, ``benchmarks/.venvs/peers``, holds every peer from requirements-peers.txt.
magic-html needs Python >= 3.12: a python3.12 (or newer) is looked for on PATH and under
pyenv; without one the venv uses the current interpreter and magic-html is skipped.
"""
from __future__ import annotations

import argparse
import glob
import os
import shutil
import subprocess
import sys

from benchmarks import BENCH_DIR, PEERS_VENV, REPO_ROOT, peers

REQUIREMENTS = BENCH_DIR / "requirements-peers.txt"
WANT = (3, 12)


def _version(py: str) -> tuple[int, int] | None:
    """(major, minor) of a working interpreter, None if it does not run (e.g. a dead pyenv shim)."""
    try:
        p = subprocess.run([py, "-c", "import sys; print(*sys.version_info[:2])"],
                           capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if p.returncode:
        return None
    major, minor = p.stdout.split()
    return int(major), int(minor)


def find_python() -> tuple[str, tuple[int, int]]:
    """A Python >= 3.12 if one runs here (3.12 preferred), else the current interpreter."""
    home = os.path.expanduser("~")
    for name in ("python3.12", "python3.13"):
        cands = [shutil.which(name)]
        cands += sorted(glob.glob(f"{home}/.pyenv/versions/{name[6:]}*/bin/{name}"), reverse=True)
        cands += [f"/usr/bin/{name}", f"/usr/local/bin/{name}"]
        for c in filter(None, cands):
            v = _version(c)
            if v and v >= WANT:
                return c, v
    return sys.executable, sys.version_info[:2]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks setup", description=__doc__.split("\n\n")[0])
    ap.add_argument("--python", help="interpreter for the venv (default: python3.12 if found)")
    ap.add_argument("--recreate", action="store_true", help="delete and rebuild the venv")
    a = ap.parse_args(argv)

    if a.python:
        py, v = a.python, _version(a.python)
        if v is None:
            raise SystemExit(f"{a.python} does not run")
    else:
        py, v = find_python()
    if v < WANT:
        why = "given" if a.python else "found; no Python >= 3.12 on PATH or under ~/.pyenv"
        print(f"Python {v[0]}.{v[1]} {why} ({py}). magic-html needs 3.12 "
              "and will be skipped (requirements-peers.txt marks it python_version >= '3.12'). "
              "Pass --python /path/to/python3.12 to include it.", file=sys.stderr)
    if a.recreate and PEERS_VENV.exists():
        shutil.rmtree(PEERS_VENV)
    vpy = PEERS_VENV / "bin" / "python"
    if not vpy.exists():
        print(f"creating {PEERS_VENV} with Python {v[0]}.{v[1]} ({py})", file=sys.stderr)
        subprocess.run([py, "-m", "venv", str(PEERS_VENV)], check=True)
    elif _version(str(vpy)) != v:
        print(f"note: {PEERS_VENV} exists with Python {_version(str(vpy))}; pass --recreate to rebuild it "
              f"with {v[0]}.{v[1]}", file=sys.stderr)
    pip = [str(vpy), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)  # old bundled pips mis-resolve lxml[html-clean]
    subprocess.run([*pip, "-r", str(REQUIREMENTS)], check=True)

    # Check each peer can be built, in the venv, exactly as the worker builds it.
    names = [n for n, e in peers.EXTRACTORS.items() if e.peer]
    code = ("import sys\nfrom benchmarks import peers\n"
            "for n in sys.argv[1:]:\n"
            "    try:\n        peers.make_extractor(n); print(n, 'ok', peers.version_of(n))\n"
            "    except Exception as e:\n"
            "        need = peers.resolve(n).min_python\n"
            "        if sys.version_info[:2] < need:\n"
            "            print(n, 'skipped: needs Python %d.%d' % need)\n"
            "        else:\n"
            "            print(n, 'MISSING', type(e).__name__, e)\n")
    p = subprocess.run([str(vpy), "-c", code, *names], cwd=REPO_ROOT, capture_output=True, text=True,
                       env={**os.environ, "PYTHONPATH": str(REPO_ROOT)})
    print(p.stdout, end="")
    if p.returncode:
        print(p.stderr[-2000:], file=sys.stderr)
        return 1
    print(f"peers venv ready: {vpy}", file=sys.stderr)
    return 0
