"""The Python boilerplate lexicon scan that the native one replaced, kept as the tests' oracle.

The rules of ``data/boilerplate.tsv`` compiled with the ``regex`` module (each pattern cut into
its top-level branches, multi-line), and the page scan ``features.page_lexicon_codes`` ran
before it moved to the core: tests compare the two exactly.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import files

import regex

PAGE_SEPARATOR = "\n\x1f\n"


@dataclass(frozen=True)
class LexiconRule:
    """One line of ``boilerplate.tsv``: its reason code, ``max_han`` and compiled branches."""

    code: str
    max_han: int
    branches: tuple[regex.Pattern[str], ...]


def boilerplate_tsv() -> str:
    """The text of the package's ``data/boilerplate.tsv``."""
    return (files("cleantext") / "data" / "boilerplate.tsv").read_text("utf-8")


def compile_rules(tsv: str) -> tuple[LexiconRule, ...]:
    """The rules of a ``boilerplate.tsv`` text."""
    rules = []
    for line in tsv.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, max_han, pattern = line.split("\t", 2)
        branches = tuple(regex.compile(b, regex.V0 | regex.MULTILINE) for b in top_level_branches(pattern))
        rules.append(LexiconRule(code, int(max_han), branches))
    return tuple(rules)


def top_level_branches(pattern: str) -> list[str]:
    """``pattern`` cut at each ``|`` outside groups and character classes."""
    out: list[str] = []
    start = depth = 0
    class_start = -1  # where the open character class's members start, or -1
    escaped = False
    for i, ch in enumerate(pattern):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif class_start >= 0:
            if ch == "]" and i > class_start:  # "[]" and "[^]" open with a literal "]"
                class_start = -1
        elif ch == "[":
            class_start = i + 2 if pattern.startswith("^", i + 1) else i + 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
    out.append(pattern[start:])
    return out


def page_codes(rules: Sequence[LexiconRule], texts: Sequence[str], hans: Sequence[int]) -> list[tuple[str, ...]]:
    """The scan: candidates joined one per line, one ``finditer`` per branch, a match counting
    for the candidate it lies in if the rule allows that candidate's length."""
    out: list[tuple[str, ...]] = [()] * len(texts)
    limit = max((r.max_han for r in rules), default=0)
    chosen = [i for i, han in enumerate(hans) if han <= limit]
    if not chosen:
        return out
    parts = [texts[i].replace(PAGE_SEPARATOR, "\n") for i in chosen]
    joined = PAGE_SEPARATOR.join(parts)
    starts = []
    pos = 0
    for part in parts:
        starts.append(pos)
        pos += len(part) + len(PAGE_SEPARATOR)
    found: dict[int, list[str]] = {}
    for rule in rules:
        matched: set[int] = set()
        for branch in rule.branches:
            for m in branch.finditer(joined):
                k = bisect_right(starts, m.start()) - 1
                if m.end() <= starts[k] + len(parts[k]) and hans[chosen[k]] <= rule.max_han:
                    matched.add(k)
        for k in sorted(matched):
            codes = found.setdefault(k, [])
            if rule.code not in codes:
                codes.append(rule.code)
    for k, codes in found.items():
        out[chosen[k]] = tuple(codes)
    return out
