"""A datatrove extractor step: cleantext in a datatrove pipeline (``pip install 'cleantext-zh[datatrove]'``).

Example::

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import WarcReader
    from datatrove.pipeline.writers import JsonlWriter
    from cleantext.integrations.datatrove import CleantextExtractor

    LocalPipelineExecutor(
        pipeline=[WarcReader("crawl/"), CleantextExtractor(), JsonlWriter("out/")], tasks=2
    ).run()

Like datatrove's own extractors it runs each document in a sandbox process with a timeout; the
sandbox's warm-up loads jieba, so the first document is not charged for it. The title,
published date (ISO 8601), source, author and editor go to ``doc.metadata``; a document without article text is
dropped (counted as ``dropped``). With ``output_format="markdown"`` (or ``"html"``) the
document's text is the article in that form: ``CleantextExtractor(output_format="markdown")``.
"""

from __future__ import annotations

from typing import Any

from ..options import Options

try:
    from datatrove.pipeline.extractors.base import BaseExtractor as _Base

    _MISSING: str | None = None
except ImportError as exc:  # datatrove not installed: the class exists but refuses to be built
    _Base = object  # type: ignore[assignment,misc]
    _MISSING = str(exc)

__all__ = ["CleantextExtractor"]

_META = ("title", "published", "source", "author", "editor", "encoding")


class CleantextExtractor(_Base):  # type: ignore[misc,valid-type]
    """datatrove extractor backed by :class:`cleantext.Cleaner`.

    Args:
        timeout: seconds per document (and for the warm-up, which loads jieba).
        metadata: put title, published, source, author, editor and encoding into ``doc.metadata``.
        **options: :class:`~cleantext.Options` fields, e.g. ``min_body_han=50``.
    """

    name = "🀄 cleantext"
    type = "🛢 - EXTRAC"

    def __init__(self, timeout: float = 10.0, metadata: bool = True, **options: Any) -> None:
        if _MISSING is not None:
            raise ImportError(f"CleantextExtractor needs datatrove: pip install 'cleantext-zh[datatrove]' ({_MISSING})")
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

    def _extract_record(self, text: str, url: str | None = None) -> tuple[str, dict[str, Any]]:
        cleaner = self._get_cleaner()
        if not text:  # the sandbox's warm-up call
            return "", {}
        doc = cleaner.extract(text, url=url)
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
                with self.track_time():
                    try:
                        job = (doc.text, doc.metadata.get("url"))
                        text, meta = sandbox.process_document(job, self._extract_record)
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
                    doc.metadata.update(meta)
                if doc.text:
                    self.stat_update(StatHints.forwarded)
                    self.update_doc_stats(doc)
                    yield doc
                else:
                    self.stat_update(StatHints.dropped)
