"""Small WARC archives for tests: response records of pages in any encoding, built in memory."""

from __future__ import annotations

import gzip


def warc_record(url: str, payload: bytes, rid: str, http_type: str = "text/html", kind: str = "response") -> bytes:
    """One gzipped WARC record: an HTTP response (``http_type`` is its Content-Type) or, with
    ``kind="conversion"``, a WET text record."""
    if kind == "response":
        http = f"HTTP/1.1 200 OK\r\nContent-Type: {http_type}\r\nContent-Length: {len(payload)}\r\n\r\n"
        block, ctype = http.encode("ascii") + payload, "application/http; msgtype=response"
    else:
        block, ctype = payload, "text/plain"
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{rid}>\r\nWARC-Target-URI: {url}\r\n"
        f"WARC-Date: 2021-06-04T00:00:00Z\r\nContent-Type: {ctype}\r\nContent-Length: {len(block)}\r\n\r\n"
    )
    return gzip.compress(head.encode("ascii") + block + b"\r\n\r\n")
