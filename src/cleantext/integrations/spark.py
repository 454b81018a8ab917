"""Clean a Spark DataFrame column or RDD: ``mapPartitions`` with one warmed Cleaner per partition.

pyspark is imported only inside the functions that need it.

Example::

    from pyspark.sql import SparkSession
    from cleantext.integrations.spark import clean_dataframe

    spark = SparkSession.builder.master("local[2]").getOrCreate()
    df = spark.read.json("pages.jsonl")                 # a column "html" with the pages
    out = clean_dataframe(df, "html", url_col="url")    # adds text, title, published, ... columns
    out.select("url", "title", "text").show()
    md = clean_dataframe(df, "html", options={"output_format": "markdown"})  # a "markdown" column too
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..options import Options

__all__ = ["OUTPUT_FIELDS", "clean_dataframe", "clean_partition", "clean_rdd", "output_fields"]

OUTPUT_FIELDS = (
    ("text", "string"),
    ("title", "string"),
    ("published", "string"),
    ("source", "string"),
    ("author", "string"),
    ("editor", "string"),
    ("encoding", "string"),
    ("kept_blocks", "int"),
    ("dropped_blocks", "int"),
    ("error", "string"),
)
"""The columns ``clean_dataframe`` adds (with the prefix), and their Spark SQL types; with
``output_format="markdown"`` or ``"html"`` a string column of that name comes after ``text``."""


def output_fields(options: Options) -> tuple[tuple[str, str], ...]:
    """The columns (name, Spark SQL type) a clean with ``options`` adds.

    >>> [name for name, _ in output_fields(Options(output_format="html"))][:2]
    ['text', 'html']
    """
    if options.output_format == "text":
        return OUTPUT_FIELDS
    return (OUTPUT_FIELDS[0], (options.output_format, "string"), *OUTPUT_FIELDS[1:])


def _result(cleaner: Any, page: Any, encoding: str | None = None, url: str | None = None) -> dict[str, Any]:
    fields = output_fields(cleaner.options)
    if page is None:
        return {name: None for name, _ in fields}
    if isinstance(page, bytearray):
        page = bytes(page)
    try:
        doc = cleaner.extract(page, encoding=encoding, url=url)
    except Exception as exc:  # a bad page must not kill the Spark task
        out: dict[str, Any] = {name: None for name, _ in fields}
        out["error"] = f"{type(exc).__name__}: {exc}"
        return out
    form = cleaner.options.output_format
    d = doc.to_dict(fields=("text",) if form == "text" else ("text", form))
    return {name: d.get(name) for name, _ in fields}


def clean_partition(pages: Iterable[Any], options: Options | dict[str, Any] | None = None) -> Iterator[dict[str, Any]]:
    """Clean one partition: build and warm a Cleaner once, then yield a result dict per page.

    An item is a page (``bytes``/``str``) or a ``(page, encoding, url)`` tuple.
    """
    from ..pipeline import Cleaner

    cleaner = _cleaner(options, Cleaner)
    for item in pages:
        if isinstance(item, tuple):
            yield _result(cleaner, *item)
        else:
            yield _result(cleaner, item)


def _cleaner(options: Options | dict[str, Any] | None, cls: Any) -> Any:
    if isinstance(options, Options):
        return cls(options).warm_up()
    return cls(**(options or {})).warm_up()


def clean_rdd(rdd: Any, options: Options | dict[str, Any] | None = None) -> Any:
    """An RDD of result dicts (text, title, ..., error) from an RDD of pages or (page, encoding, url) tuples."""
    opts = options if isinstance(options, Options) else Options().updated(**(options or {}))
    return rdd.mapPartitions(lambda part: clean_partition(part, opts))


def clean_dataframe(
    df: Any,
    page_col: str,
    *,
    encoding_col: str | None = None,
    url_col: str | None = None,
    prefix: str = "",
    options: Options | dict[str, Any] | None = None,
) -> Any:
    """``df`` with the extraction results added as columns (see :data:`OUTPUT_FIELDS`; names get ``prefix``).

    ``page_col`` holds the page (string or binary); ``encoding_col`` and ``url_col`` optional hints.
    Rows keep their order within partitions; one Cleaner is built and warmed per partition.
    """
    from pyspark.sql import Row
    from pyspark.sql.types import IntegerType, StringType, StructField, StructType

    opts = options if isinstance(options, Options) else Options().updated(**(options or {}))
    spark_types = {"string": StringType(), "int": IntegerType()}
    fields = output_fields(opts)
    added = [StructField(prefix + name, spark_types[t], True) for name, t in fields]
    taken = set(df.columns)
    clash = [f.name for f in added if f.name in taken]
    if clash:
        raise ValueError(f"columns {clash} exist already; pass prefix= to name the new ones apart")
    schema = StructType(list(df.schema.fields) + added)
    columns = list(df.columns)

    def run(rows: Iterable[Any]) -> Iterator[Any]:
        from ..pipeline import Cleaner

        cleaner = _cleaner(opts, Cleaner)
        for row in rows:
            values = row.asDict()
            result = _result(
                cleaner,
                values[page_col],
                values.get(encoding_col) if encoding_col else None,
                values.get(url_col) if url_col else None,
            )
            yield Row(*([values[c] for c in columns] + [result[name] for name, _ in fields]))

    return df.sparkSession.createDataFrame(df.rdd.mapPartitions(run), schema)
