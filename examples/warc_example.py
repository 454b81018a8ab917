"""Clean every HTML response of a WARC file into JSONL, as the CLI does, from Python.

    pip install 'cleantext-zh[warc]'
    python examples/warc_example.py CC-MAIN-....warc.gz > articles.jsonl

With no argument it builds a two-record WARC from the bundled example page and reads that.
The command line does the same with more options: ``cleantext crawl.warc.gz --in warc --out jsonl -j 4``.
"""

from __future__ import annotations

import gzip
import io
import json
import pathlib
import sys
import tempfile

from cleantext import Cleaner
from cleantext.parallel import map_ordered
from cleantext.readers import read_warc


def demo_warc() -> pathlib.Path:
    """A small gzipped WARC with the example page as an HTML response, in a temp dir."""
    text = (pathlib.Path(__file__).parent / "news.txt").read_text("utf-8")
    body = "<html><head><meta charset='gbk'><title>示例</title></head><body>" + "".join(
        f"<p>{line}</p>" for line in text.splitlines() if line.strip()
    )
    payload = body.encode("gbk", "replace")
    out = io.BytesIO()
    for n in (1, 2):
        http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=GBK\r\n\r\n" + payload
        head = (
            f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-00000000000{n}>\r\n"
            f"WARC-Target-URI: http://example.com/{n}\r\nWARC-Date: 2021-06-04T00:00:00Z\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n"
        ).encode()
        out.write(gzip.compress(head + http + b"\r\n\r\n", mtime=0))
    path = pathlib.Path(tempfile.mkdtemp()) / "demo.warc.gz"
    path.write_bytes(out.getvalue())
    return path


def main() -> None:
    path = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else demo_warc()
    with path.open("rb") as stream:  # response records: HTML with its HTTP charset
        pages = (rec.page for rec in read_warc(stream, path.name, ("response",)) if rec.page is not None)
        for doc in map_ordered(Cleaner(), pages, jobs=2):
            print(json.dumps(doc.to_dict(), ensure_ascii=False))


if __name__ == "__main__":
    main()
