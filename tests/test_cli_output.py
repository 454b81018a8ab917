"""The command's output forms: --out markdown|html, JSONL --fields, --links/--images."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import cleantext
from cleantext import cli

PAGES = Path(__file__).parent / "pages"
BLOG = PAGES / "blog_comments.html"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(["--no-progress", "-j", "1", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("form", ["markdown", "html"])
def test_out_markdown_and_html(capsys, form: str) -> None:
    code, out, _ = run(capsys, str(BLOG), "--out", form)
    assert code == 0
    assert out == getattr(cleantext.extract(BLOG.read_bytes()), form) + "\n"


def test_jsonl_fields(capsys) -> None:
    code, out, _ = run(capsys, str(BLOG), "--out", "jsonl", "--fields", "markdown,comments,html")
    row = json.loads(out)
    doc = cleantext.extract(BLOG.read_bytes(), include_comments=True)
    assert code == 0 and "text" not in row
    assert list(row)[:5] == ["id", "url", "title", "markdown", "html"]
    assert row["markdown"] == doc.markdown and row["html"] == doc.html
    assert row["comments"][0] == {
        "text": "同感，我也是工作以后重读才读懂了孙少安。",
        "author": "山那边的人",
        "time": "2021-11-07 22:15",
    }
    assert len(row["comments"]) == 4


def test_jsonl_default_row_unchanged(capsys) -> None:
    _, out, _ = run(capsys, str(BLOG), "--out", "jsonl")
    assert list(json.loads(out)) == [
        "id", "url", "title", "text", "published", "source", "author", "editor", "encoding",
        "encoding_source", "decode_errors", "format", "kept_blocks", "dropped_blocks",
    ]  # fmt: skip


def test_links_and_images(capsys, tmp_path) -> None:
    page = tmp_path / "a.html"
    page.write_text(
        "<html><body><div class=article>"
        "<p>今天，沪渝两地在重庆签署科技合作协议，携手推动发展，双方将在七个方面开展深度合作，"
        '全文见<a href="/doc.html">合作协议文本</a>，欢迎阅读。</p>'
        '<img src="/a.jpg" alt="签约现场">'
        "<p>协议签署后，两地科技部门将定期会商，共同推进重大项目落地，促进科技成果转化。</p></div></body></html>",
        encoding="utf-8",
    )
    _, plain, _ = run(capsys, str(page), "--out", "markdown")
    _, linked, _ = run(capsys, str(page), "--out", "markdown", "--links", "--images")
    assert "](" not in plain
    assert "[合作协议文本](/doc.html)" in linked and "![签约现场](/a.jpg)" in linked


@pytest.mark.parametrize(
    "argv",
    [["--fields", "text"], ["--out", "jsonl", "--fields", "txt"], ["--out", "jsonl", "--fields", ","]],
)
def test_bad_fields_are_usage_errors(capsys, argv: list[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        cli.main([str(BLOG), *argv])
    assert exc.value.code == 2
    assert "fields" in capsys.readouterr().err
