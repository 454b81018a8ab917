"""Record the native core's PGO profile, ``pgo/cleantext.profdata``, which ``pip install``
compiles the core with (``pgo/cleantext_build.py``).

Profile-guided optimisation: a build of the core that counts its branches and calls
(``-Cprofile-generate``) cleans a set of training pages, and the counts tell the optimising
build which paths are hot (inlining, block layout, hot and cold code apart). The training
pages are the project's own: the test pages (``tests/pages``), the examples, the warm-up pages
and the synthetic pages of ``tests/pages.py`` at several sizes, in UTF-8, GB18030 and Big5
(never the dev corpus, which stays outside the project and is what the speed is measured on).

Run it after changing the Rust code (``tests/test_pgo.py`` fails while the profile is older
than ``rust/``): it needs maturin and the ``llvm-profdata`` of the Rust toolchain's LLVM
(``rustup component add llvm-tools``), and takes a few minutes (one instrumented build by
maturin, as ``pip install`` builds, the training, the merge)::

    python tools/pgo.py
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUST = ROOT / "rust"
OUT = ROOT / "pgo"
#: What the profile is recorded from: a change to any of these makes it stale.
SOURCES = ("rust/Cargo.toml", "rust/Cargo.lock", "rust/build.rs", "rust/src")


def source_digest(root: Path = ROOT) -> str:
    """A digest of the Rust sources the profile was recorded from (file names and bytes; the
    data files the crate includes, such as the codec tables, too)."""
    digest = hashlib.sha256()
    for name in SOURCES:
        path = root / name
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            digest.update(file.relative_to(root).as_posix().encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()


def _rustc_version() -> str:
    return subprocess.run(["rustc", "-vV"], capture_output=True, text=True, check=True).stdout


def _profdata_tool(version: str) -> Path:
    """The toolchain's own ``llvm-profdata`` (another LLVM's may not read its counts)."""
    host = re.search(r"^host: (\S+)", version, re.MULTILINE)
    sysroot = subprocess.run(["rustc", "--print", "sysroot"], capture_output=True, text=True, check=True).stdout
    tool = Path(sysroot.strip()) / "lib" / "rustlib" / (host.group(1) if host else "") / "bin" / "llvm-profdata"
    if not tool.is_file():
        sys.exit(f"{tool} not found: run `rustup component add llvm-tools`")
    return tool


def train() -> int:
    """Clean the training pages (in the child process, with the instrumented core); their number."""
    sys.path.insert(0, str(ROOT / "tests"))
    from pages import html_page, text_dump

    from cleantext import Cleaner

    html = [p.read_bytes() for p in sorted((ROOT / "tests" / "pages").glob("*.html"))]
    html.append((ROOT / "examples" / "comments.html").read_bytes())
    text = [p.read_bytes() for p in sorted((ROOT / "tests" / "pages").glob("*.txt"))]
    text += [(ROOT / "examples" / "news.txt").read_bytes(), (ROOT / "tests" / "data" / "seed_news.txt").read_bytes()]
    for seed in range(48):
        size = (3_000, 10_000, 30_000, 100_000)[seed % 4]
        encoding = ("utf-8", "gb18030", "big5")[seed % 3]  # (Big5 lacks a few simplified characters)
        html.append(html_page(size=size, seed=seed).encode(encoding, "replace"))
        text.append(text_dump(size=size, seed=seed).encode(("utf-8", "gb18030")[seed % 2]))
    html.append(html_page(size=1_000_000, seed=99).encode())
    text.append(text_dump(size=1_000_000, seed=99).encode())
    for mode, pages in (("html", html), ("text", text)):
        cleaner = Cleaner(input_format=mode).warm_up()
        for page in pages:
            doc = cleaner.extract(page)
            _ = doc.text, doc.title, doc.published
    return len(html) + len(text)


def record() -> None:
    """Build the instrumented core, train it, merge the counts into ``pgo/``."""
    version = _rustc_version()
    profdata = _profdata_tool(version)
    with tempfile.TemporaryDirectory(prefix="cleantext-pgo-") as tmp:
        work = Path(tmp)
        raw = work / "raw"
        env = {**os.environ, "CARGO_TARGET_DIR": str(work / "target"), "RUSTFLAGS": f"-Cprofile-generate={raw}"}
        env.pop("CARGO_ENCODED_RUSTFLAGS", None)
        print("building the instrumented core...", flush=True)
        # as `pip install` builds it (maturin's cargo command): the profile names functions by
        # their symbols, which depend on how the crate is built
        maturin = shutil.which("maturin") or sys.exit("maturin not found: `pip install maturin`")
        command = [maturin, "build", "--release", "-i", sys.executable, "--compatibility", "off", "--out", str(work)]
        subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
        wheel = next(work.glob("*.whl"))
        with zipfile.ZipFile(wheel) as archive:
            core = next(n for n in archive.namelist() if n.startswith("cleantext/_core."))
            shutil.copytree(ROOT / "src", work / "src", ignore=shutil.ignore_patterns("*.so", "*.pyd", "__pycache__"))
            (work / "src" / core).write_bytes(archive.read(core))
        print("training...", flush=True)
        child = {
            **os.environ,
            "PYTHONPATH": str(work / "src"),
            "LLVM_PROFILE_FILE": str(raw / "cleantext-%p-%m.profraw"),
            "PYTHONHASHSEED": "0",  # the same set and dict orders, so the same counts, every run
        }
        done = subprocess.run(
            [sys.executable, __file__, "--train"], env=child, check=True, capture_output=True, text=True
        )
        counts = sorted(raw.glob("cleantext-*.profraw"))  # (build scripts leave theirs beside: not merged)
        if not counts:
            sys.exit("the training recorded no counts")
        OUT.mkdir(exist_ok=True)
        subprocess.run([str(profdata), "merge", "-o", str(OUT / "cleantext.profdata"), *map(str, counts)], check=True)
    llvm = re.search(r"^LLVM version: ((\d+)\S*)", version, re.MULTILINE)
    record = {
        "rustc": version.splitlines()[0],
        "llvm": llvm.group(1) if llvm else None,
        "llvm_major": int(llvm.group(2)) if llvm else None,
        "pages": int(done.stdout.split()[-1]),
        "sources": source_digest(),
    }
    (OUT / "profile.json").write_text(json.dumps(record, indent=2) + "\n", "utf-8")
    print(f"wrote {OUT / 'cleantext.profdata'} ({record['pages']} training pages, {record['rustc']})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--train", action="store_true", help="(the child) clean the training pages")
    args = parser.parse_args()
    if args.train:
        print(train())
    else:
        record()


if __name__ == "__main__":
    main()
