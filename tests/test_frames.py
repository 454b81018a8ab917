"""cleantext.frames: the messages between extract_many's parent and its workers, over a real pipe."""

from __future__ import annotations

import multiprocessing
import os
import struct
import threading
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any

import pytest

from cleantext import frames
from cleantext.parallel import Page


@pytest.fixture
def pipe() -> Iterator[tuple[Any, Any]]:
    """Both ends of a pipe as extract_many makes one (duplex: a socket pair on POSIX)."""
    a, b = multiprocessing.Pipe(duplex=True)
    yield a, b
    a.close()
    b.close()


def _sent(conn: Any, parts: list[Any]) -> threading.Thread:
    """``frames.send`` from a thread: a frame larger than the pipe holds blocks until read."""
    thread = threading.Thread(target=frames.send, args=(conn, parts))
    thread.start()
    return thread


def test_a_chunk_comes_out_as_it_went_in(pipe):
    a, b = pipe
    big = os.urandom(3 << 20)  # over what a reader keeps: a buffer of its own
    chunk = [
        (0, Page(b"<p>\xe4\xbb\x8a\xe5\xa4\xa9</p>", encoding="utf-8", url="https://example.cn/1")),
        (1, Page("今天，沪渝两地签署合作协议。", format="text", now=datetime(2026, 1, 2, tzinfo=timezone.utc))),
        (2, Page(big)),
        (3, Page(b"")),
    ]
    thread = _sent(a, frames.chunk_parts(chunk))
    got = frames.read_chunk(frames.Reader(b).read())
    thread.join()
    assert got == chunk
    assert all(type(page.page) is type(sent.page) for (_, page), (_, sent) in zip(got, chunk))


def test_stop_and_ready(pipe):
    a, b = pipe
    frames.send(a, frames.stop_parts())
    assert frames.read_chunk(frames.Reader(b).read()) is None
    frames.send(b, frames.ready_parts())
    assert frames.read_batch(frames.Reader(a).read()) is None


def test_a_batch_of_many_results_over_many_writes(pipe):
    a, b = pipe
    batch = [(seq, bytes([seq % 251]) * (seq % 7)) for seq in range(3000)]  # over _IOV_MAX parts
    thread = _sent(b, frames.batch_parts(batch))
    reader = frames.Reader(a)
    got = [(seq, bytes(blob)) for seq, blob in frames.read_batch(reader.read())]
    thread.join()
    assert got == batch


def test_frames_follow_one_another_and_views_outlive_a_larger_read(pipe):
    a, b = pipe
    reader = frames.Reader(a)
    small, large = [(1, b"x" * 10)], [(2, b"y" * 200_000)]
    frames.send(b, frames.batch_parts(small))
    first = frames.read_batch(reader.read())
    thread = _sent(b, frames.batch_parts(large))
    second = frames.read_batch(reader.read())
    thread.join()
    assert [(s, bytes(v)) for s, v in first] == small  # (the buffer grew as a new one)
    assert [(s, bytes(v)) for s, v in second] == large


def test_a_write_cut_short_goes_on_where_it_stopped(pipe, monkeypatch):
    a, b = pipe
    writev = os.writev
    calls = 0

    def short(fd: int, buffers: list[Any]) -> int:  # as a signal would: a few bytes at a time
        nonlocal calls
        calls += 1
        return writev(fd, [memoryview(buffers[0])[:5]])

    monkeypatch.setattr(frames.os, "writev", short)
    batch = [(5, b"abcdefghijklmnopqrstuvwxyz"), (6, b""), (7, b"0123456789")]
    frames.send(b, frames.batch_parts(batch))
    assert calls > 10
    assert [(s, bytes(v)) for s, v in frames.read_batch(frames.Reader(a).read())] == batch


def test_frames_are_connections_frames(pipe):
    """Either end may be a plain Connection: the frames are the ones it writes and reads."""
    a, b = pipe
    frames.send(a, [b"abc", b"", b"def"])
    assert b.recv_bytes() == b"abcdef"
    a.send_bytes(b"\x00" * 70_000)
    assert bytes(frames.Reader(b).read()) == b"\x00" * 70_000
    os.write(a.fileno(), struct.pack("!i", -1) + struct.pack("!Q", 3) + b"xyz")  # a long frame's header
    assert bytes(frames.Reader(b).read()) == b"xyz"


@pytest.mark.parametrize("sent", [b"", struct.pack("!i", 100) + b"0123456789", b"\x00\x00"])
def test_the_pipes_end_mid_frame_is_eof(pipe, sent):
    a, b = pipe
    if sent:
        os.write(a.fileno(), sent)
    a.close()
    with pytest.raises(EOFError):
        frames.Reader(b).read()


def test_without_writev_and_readv_through_the_connection(pipe, monkeypatch):
    monkeypatch.setattr(frames, "RAW", False)
    a, b = pipe
    chunk = [(0, Page(b"<p>page</p>")), (1, Page("文本"))]
    frames.send(a, frames.chunk_parts(chunk))
    assert frames.read_chunk(frames.Reader(b).read()) == chunk
    batch = [(0, b"pickle"), (1, b"")]
    frames.send(b, frames.batch_parts(batch))
    assert [(s, bytes(v)) for s, v in frames.read_batch(frames.Reader(a).read())] == batch
