"""The arguments the pipeline hands selection on pages: what the native-selection tests compare."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from cleantext import Cleaner, pipeline


def selection_inputs(pages: Iterable[tuple[bytes | str, str]]) -> Iterator[tuple[Any, ...]]:
    """The arguments of each ``select_columns`` call the pipeline makes on ``pages`` (each with
    its ``input_format``), recorded by wrapping the pipeline's ``select_columns``."""
    seen: list[tuple[Any, ...]] = []
    Cleaner(use_jieba=False).warm_up()  # (a process's first page cleans the warm-up pages first: not recorded)
    real = pipeline.select_columns

    def record(*args: Any) -> Any:
        seen.append(args)
        return real(*args)

    pipeline.select_columns = record  # type: ignore[assignment]
    try:
        for page, input_format in pages:
            seen.clear()
            Cleaner(input_format=input_format, use_jieba=False).extract(page)
            yield from seen
    finally:
        pipeline.select_columns = real  # type: ignore[assignment]
