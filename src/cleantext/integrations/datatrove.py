"""datatrove steps: a WARC reader that keeps each page's bytes and HTTP charset, and an extractor
(``pip install 'cleantext-zh[datatrove]'``).

Example::

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.writers import JsonlWriter
    from cleantext.integrations.datatrove import CleantextExtractor, CleantextWarcReader

    LocalPipelineExecutor(
        pipeline=[CleantextWarcReader("crawl/"), CleantextExtractor(), JsonlWriter("out/")], tasks=2
    ).run()

:class:`CleantextWarcReader` reads WARC and WET files with cleantext's own reader (FastWARC, else
warcio): every HTML or text response and every WET conversion becomes a document, chosen by its
HTTP ``Content-Type`` (not by guessing from the bytes), and the record's bytes and ``Content-Type``
travel in ``doc.metadata`` so that :class:`CleantextExtractor` decodes the page itself (BOM,
HTTP charset, ``<meta charset>``, detection). ``doc.text`` holds the page as cleantext decodes it,
for other steps. datatrove's own ``WarcReader`` decodes with cchardet before cleantext sees the page
and drops records libmagic does not call HTML.

:class:`CleantextExtractor` runs each document in datatrove's sandbox process with a timeout; the
sandbox's warm-up loads jieba, so the first document is not charged for it. It takes the page's
bytes from ``doc.metadata`` when a :class:`CleantextWarcReader` put them there (and removes them, so
writers see no bytes), else ``doc.text``. The title, published date (ISO 8601), source, author,
editor, encoding and where the encoding came from (``encoding_source``) go to ``doc.metadata``;
a document without article text is dropped (counted as ``dropped``). With
``output_format="markdown"`` (or ``"html"``) the document's text is the article in that form:
``CleantextExtractor(output_format="markdown")``.
"""

from __future__ import annotations

from typing import Any

from ..options import Options

try:
    from datatrove.pipeline.extractors.base import BaseExtractor as _Base
    from datatrove.pipeline.readers.base import BaseDiskReader as _Reader

    _MISSING: str | None = None
except ImportError as exc:  # datatrove not installed: the classes exist but refuse to be built
    _Base = object  # type: ignore[assignment,misc]
    _Reader = object  # type: ignore[assignment,misc]
    _MISSING = str(exc)

__all__ = ["PAGE_BYTES", "CleantextExtractor", "CleantextWarcReader"]

_META = ("title", "published", "source", "author", "editor", "encoding", "encoding_source")

#: The ``doc.metadata`` key holding the page's bytes, from the reader to the extractor.
PAGE_BYTES = "cleantext_page_bytes"


def _needs_datatrove(what: str) -> None:
    if _MISSING is not None:
        raise ImportError(f"{what} needs datatrove: pip install 'cleantext-zh[datatrove]' ({_MISSING})")


class CleantextWarcReader(_Reader):  # type: ignore[misc,valid-type]
    """datatrove reader of WARC and WET files that hands each page's bytes to cleantext.

    Every response record whose HTTP ``Content-Type`` is HTML or text (or absent) and every WET
    conversion record becomes a :class:`datatrove.data.Document`: ``text`` is the page decoded
    by cleantext, ``id`` the ``WARC-Record-ID``, and ``metadata`` holds ``url``, ``date``
    (``WARC-Date``), ``content_type`` (the HTTP header), ``format`` (``"text"`` for WET) and the
    page's bytes under :data:`PAGE_BYTES`. Records that cannot be read are counted
    (``read_errors``), as are skipped non-HTML responses (``skipped_non_html``).

    Args:
        data_folder: the folder (local or any fsspec URL) of ``.warc``/``.warc.gz``/``.wet.gz`` files.
        glob_pattern: which files to read (default: all, recursively).
        **kwargs: the other arguments of datatrove's ``BaseDiskReader`` (``limit``, ``skip``, ...).
    """

    name = "🕷 cleantext WARC"

    def __init__(self, data_folder: Any, glob_pattern: str | None = None, **kwargs: Any) -> None:
        _needs_datatrove("CleantextWarcReader")
        super().__init__(data_folder, glob_pattern=glob_pattern, **kwargs)

    def read_file(self, filepath: str) -> Any:
        from datatrove.data import Document
        from datatrove.utils.logging import logger

        from ..decode import decode
        from ..readers import Stats, read_warc

        stats = Stats()
        with self.data_folder.open(filepath, "rb") as stream:
            for rec in read_warc(stream, filepath, ("response", "conversion"), stats):
                with self.track_time():
                    if rec.page is None:
                        self.stat_update("read_errors")
                        logger.warning(f"{filepath}: record {rec.id} could not be read: {rec.error!r}")
                        continue
                    page = rec.page
                    raw = page.page if isinstance(page.page, bytes) else page.page.encode("utf-8")
                    text = decode(raw, encoding=page.encoding, content_type=page.content_type).text
                    metadata: dict[str, Any] = {
                        "url": page.url,
                        "date": page.now.isoformat() if page.now is not None else None,
                        "content_type": page.content_type,
                        "format": page.format,
                        PAGE_BYTES: raw,
                    }
                    if self.default_metadata:
                        metadata = self.default_metadata | metadata
                    document = Document(text=text, id=rec.id, metadata=metadata)
                yield document
        if stats.skipped_non_html:
            self.stat_update("skipped_non_html", value=stats.skipped_non_html)


class CleantextExtractor(_Base):  # type: ignore[misc,valid-type]
    """datatrove extractor backed by :class:`cleantext.Cleaner`.

    Args:
        timeout: seconds per document (and for the warm-up, which loads jieba).
        metadata: put title, published, source, author, editor, encoding and encoding_source into
            ``doc.metadata``.
        **options: :class:`~cleantext.Options` fields, e.g. ``min_body_han=50``.
    """

    name = "🀄 cleantext"
    type = "🛢 - EXTRAC"

    def __init__(self, timeout: float = 10.0, metadata: bool = True, **options: Any) -> None:
        _needs_datatrove("CleantextExtractor")
        super().__init__(timeout)
        self.options = Options().updated(**options)
        self.metadata = metadata
        self._cleaner: Any = None

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_cleaner"] = None  # never ship a loaded tokenizer to another process
        return state

    def _get_cleaner(self) -> Any:
        if self._cleaner is None:
            from ..pipeline import Cleaner

            self._cleaner = Cleaner(self.options).warm_up()
        return self._cleaner

    def extract(self, text: str) -> str:
        """The article text of ``text`` (HTML or a text dump); ``""`` warms up (loads jieba)."""
        return self._extract_record(text)[0]

    def _extract_record(
        self,
        page: str | bytes,
        url: str | None = None,
        content_type: str | None = None,
        format: str | None = None,
        date: str | None = None,
    ) -> tuple[str, dict[str, Any]]:
        cleaner = self._get_cleaner()
        if not page:  # the sandbox's warm-up call
            return "", {}
        from ..readers import warc_date

        doc = cleaner.extract(page, url=url, content_type=content_type, format=format, now=warc_date(date))
        d = doc.to_dict()
        body = doc.text if self.options.output_format == "text" else getattr(doc, self.options.output_format)
        return body, {k: d[k] for k in _META if d.get(k) is not None}

    def run(self, data: Any, rank: int = 0, world_size: int = 1) -> Any:
        from datatrove.pipeline.extractors.base import ExtractorSandbox
        from datatrove.utils.logging import logger
        from datatrove.utils.typeshelper import StatHints

        with ExtractorSandbox(timeout=self.timeout, warmup_text=("", None)) as sandbox:
            for doc in data:
                self.stat_update(StatHints.total)
                raw = doc.metadata.pop(PAGE_BYTES, None)
                with self.track_time():
                    try:
                        meta = doc.metadata
                        job: tuple[Any, ...] = (doc.text, meta.get("url"))
                        if raw is not None:
                            job = (raw, meta.get("url"), meta.get("content_type"), meta.get("format"), meta.get("date"))
                        text, found = sandbox.process_document(job, self._extract_record)
                        self.stat_update("extracted")
                    except TimeoutError:
                        self.stat_update("timeout")
                        logger.warning("Timeout while cleaning record text. Skipping record.")
                        continue
                    except EOFError:
                        self.stat_update("broken_process")
                        logger.warning("Process died unexpectedly, will create new process for next document")
                        continue
                    except Exception as e:
                        self.stat_update("clean_error")
                        if not self._warned_error:  # type: ignore[has-type]  # set by datatrove's BaseExtractor
                            logger.warning(f'Error "{e}" while cleaning record text. Skipping record.')
                            self._warned_error = True
                        continue
                doc.text = text
                if self.metadata:
                    doc.metadata.update(found)
                if doc.text:
                    self.stat_update(StatHints.forwarded)
                    self.update_doc_stats(doc)
                    yield doc
                else:
                    self.stat_update(StatHints.dropped)
