"""The explain report (cleantext.report, Document.to_html, cleantext explain): every block with its
verdict, score, reasons and features; hostile pages stay text; and, in headless Chromium, the
report as a browser shows it (no script of the page runs, the kept-only switch works)."""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

import cleantext
from cleantext import cli, report
from cleantext.select import Thresholds

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "news.txt"
GOLD = tuple((ROOT / "tests" / "data" / "seed_news.gold.txt").read_text("utf-8").rstrip("\n").split("\n"))
HTML_PAGE = ROOT / "tests" / "pages" / "news_article.html"

#: Every element a report may contain: no script, image, SVG, frame, link, form or anchor.
ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "input", "label", "header", "main", "section", "article",
    "p", "h1", "h2", "div", "span", "i", "dl", "dt", "dd", "details", "summary",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
#: Attributes that load or link anything; none may appear.
LINKING_ATTRS = {
    "href", "src", "srcset", "action", "formaction", "srcdoc", "data", "poster", "background", "xlink:href",
}  # fmt: skip

# A hostile page: payloads as text in the headline, paragraphs, a class attribute and a link.
PROSE = "今天，重庆市科技局与上海市科委在浦江创新论坛上签署了科技合作框架协议，双方将在七个方面开展深度合作。"
HOSTILE_HTML = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>&lt;/title&gt;&lt;script&gt;document.title='XSS-FIRED'&lt;/script&gt;</title>
</head><body>
<div class="nav&quot;&gt;&lt;svg onload=alert(1)&gt;"><a href="javascript:document.title='XSS-FIRED'">首页</a></div>
<h1>&lt;img src=x onerror="document.title='XSS-FIRED'"&gt;沪渝携手推动发展</h1>
<div class="content">
<p>{PROSE}&lt;script&gt;document.body.insertAdjacentHTML('beforeend','&lt;div id=pwned&gt;&lt;/div&gt;')&lt;/script&gt;</p>
<p>{PROSE}&lt;img src=x onerror="document.body.insertAdjacentHTML('beforeend','&lt;b id=pwned&gt;&lt;/b&gt;')"&gt;</p>
<p>{PROSE}"&gt;&lt;svg onload="document.title='XSS-FIRED'"&gt;'&gt;&lt;iframe srcdoc="&lt;script&gt;parent.document.title='XSS-FIRED'&lt;/script&gt;"&gt;</p>
<p>{PROSE}链接：javascript:document.title='XSS-FIRED' 以及 &lt;a href="javascript:alert(1)"&gt;点这里&lt;/a&gt;</p>
</div>
<p><a href="javascript:alert(1)">javascript:alert(1)</a> &lt;/style&gt;&lt;/head&gt;&lt;body onload=alert(1)&gt;</p>
</body></html>
"""  # noqa: E501
PAYLOADS = (
    "<script>document.body.insertAdjacentHTML('beforeend','<div id=pwned></div>')</script>",
    "<img src=x onerror=\"document.body.insertAdjacentHTML('beforeend','<b id=pwned></b>')\">",
    '"><svg onload="document.title=\'XSS-FIRED\'">',
    "javascript:document.title='XSS-FIRED'",
    "<img src=x onerror=\"document.title='XSS-FIRED'\">沪渝携手推动发展",
)
HOSTILE_TEXT = (
    "<script>document.title='XSS-FIRED'</script>沪渝携手推动发展\n\n"
    f"{PROSE}<img src=x onerror=alert(1)>\n\n"
    f'{PROSE}"><svg onload=alert(1)>\x00\x07\ud800\n\n'
    "javascript:alert(1)\n"
)


class Dom(HTMLParser):
    """A report as parsed: every element, all text, and per block its class, id, text and reasons.

    Reads our own output and Chromium's ``--dump-dom`` alike."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.blocks: list[dict[str, Any]] = []
        self.rows: list[dict[str, Any]] = []
        self.title = ""
        self.text: list[str] = []
        self._into: tuple[dict[str, Any], str] | None = None
        self._in_title = False
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.append((tag, a))
        classes = a.get("class", "").split()
        if tag == "article" and "block" in classes:
            self.blocks.append({"class": classes, "id": a.get("id"), "text": "", "reasons": [], "attrs": a})
        elif tag == "div" and "row" in classes and "head" not in classes:
            self.rows.append({"class": classes, "text": "", "reasons": []})
        elif tag == "div" and "text" in classes:
            self._into = (self.rows[-1] if self.rows else self.blocks[-1], "text")
        elif tag == "span" and "reason" in classes:
            target = self.rows[-1] if self.rows else self.blocks[-1]
            target["reasons"].append("")
            self._into = (target, "reason")
        elif tag == "title":
            self._in_title = True

    def handle_endtag(self, tag: str) -> None:
        if tag in ("div", "span"):
            self._into = None
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._in_title:
            self.title += data
        if self._into is not None:
            target, key = self._into
            if key == "text":
                target["text"] += data
            else:
                target["reasons"][-1] += data

    def count(self, tag: str, cls: str | None = None) -> int:
        return sum(1 for t, a in self.tags if t == tag and (cls is None or cls in a.get("class", "").split()))

    def all_text(self) -> str:
        return "".join(self.text)


def assert_inert(dom: Dom) -> None:
    """Nothing in the report can run script or load anything."""
    tags = {t for t, _ in dom.tags}
    assert tags <= ALLOWED_TAGS, tags - ALLOWED_TAGS
    assert dom.count("style") == 1 and dom.count("script") == 0
    for tag, attrs in dom.tags:
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name, value)
            assert name not in LINKING_ATTRS, (tag, name, value)
            assert "javascript:" not in value.lower(), (tag, name, value)
        assert attrs.get("id") != "pwned"
    csp = [a["content"] for t, a in dom.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp == [report.CSP]
    assert "default-src 'none'" in csp[0] and "script-src" not in csp[0]


@pytest.fixture(scope="module")
def seed_doc() -> cleantext.Document:
    return cleantext.extract(SEED.read_bytes())


@pytest.fixture(scope="module")
def html_doc() -> cleantext.Document:
    return cleantext.extract(HTML_PAGE.read_bytes(), url="https://news.example.cn/a.html?x=1&y=<2>")


# -- the report as written ----------------------------------------------------------------------


def check_blocks(dom: Dom, doc: cleantext.Document) -> None:
    """Every block of ``doc``, in order, with its verdict class, text and reasons."""
    assert len(dom.blocks) == len(doc.blocks)
    for seen, b in zip(dom.blocks, doc.blocks, strict=True):
        assert seen["id"] == f"b{b.index}"
        assert seen["class"] == ["block", "kept" if b.kept else "dropped"]
        assert seen["text"] == b.text
        assert tuple(seen["reasons"]) == b.reasons
    assert dom.count("article", "kept") == len(doc.kept)
    assert dom.count("article", "dropped") == len(doc.dropped)
    assert dom.count("details") == len(doc.blocks)


def test_seed_report_every_block(seed_doc: cleantext.Document) -> None:
    page = report.to_html(seed_doc, name="examples/news.txt")
    dom = Dom(page)
    check_blocks(dom, seed_doc)
    assert [b["text"] for b in dom.blocks if "kept" in b["class"]] == list(GOLD)
    by_text = {b["text"]: b for b in dom.blocks}
    lead = SEED.read_text("utf-8").split("\n")[2]
    assert by_text[lead]["reasons"] == ["truncated-duplicate"]
    assert by_text["乐活HOT"]["class"][1] == "dropped"
    assert by_text["娱乐LOVE"]["reasons"] == ["short-heading"]
    teasers = [b for b in dom.blocks if b["reasons"] == ["teaser-list"]]
    assert len(teasers) == 10 and all("dropped" in b["class"] for b in teasers)
    assert_inert(dom)


def test_header_facts(seed_doc: cleantext.Document) -> None:
    text = Dom(report.to_html(seed_doc, name="examples/news.txt")).all_text()
    assert "沪渝携手加快推动长江经济带高质量发展" in text
    assert "examples/news.txt" in text
    assert f"{seed_doc.encoding} (from {seed_doc.encoding_source})" in text
    assert f"{len(seed_doc.kept)} blocks, {sum(len(t) for t in GOLD):,} characters" in text
    assert f"{len(seed_doc.dropped)} blocks" in text
    assert "重庆日报" in text and "2021-06-04" in text
    assert "Show only the kept text" in text


def test_header_metadata_of_any_document(seed_doc: cleantext.Document) -> None:
    """Metadata the Document has are shown; a missing attribute (editor) is no error."""
    doc = replace(seed_doc, author="张三", url="javascript:alert(1)")
    text = Dom(report.to_html(doc)).all_text()
    assert "张三" in text and "javascript:alert(1)" in text
    empty = cleantext.extract(b"")
    dom = Dom(report.to_html(empty))
    assert dom.blocks == [] and "(no title)" in dom.all_text()


def test_features_behind_the_score(seed_doc: cleantext.Document) -> None:
    page = report.to_html(seed_doc)
    b = seed_doc.blocks[3]
    block = page[page.index(f'id="b{b.index}"') : page.index(f'id="b{b.index + 1}"')]
    assert "<summary>features</summary>" in block
    for name in ("log_han", "punct_density", "link_density", "stopword_density", "han_ratio", "offsets"):
        assert name in block
    total = re.search(r'<tr class="total"><td>score</td><td></td><td></td><td class="n">([-+.\d]+)</td>', block)
    assert total is not None and float(total.group(1)) == pytest.approx(b.score, abs=0.01)


def test_score_bars(seed_doc: cleantext.Document) -> None:
    page = report.to_html(seed_doc)
    widths = [float(w) for w in re.findall(r'class="fill (?:pos|neg)" style="width:([\d.]+)%"', page)]
    assert len(widths) == len(seed_doc.blocks)
    assert all(0 <= w <= 50 for w in widths)
    sides = re.findall(r'class="fill (pos|neg)" style', page)
    assert sides == ["pos" if b.score >= 0 else "neg" for b in seed_doc.blocks]


def test_html_page_report(html_doc: cleantext.Document) -> None:
    dom = Dom(report.to_html(html_doc, name="news_article.html"))
    check_blocks(dom, html_doc)
    assert "https://news.example.cn/a.html?x=1&y=<2>" in dom.all_text()
    assert_inert(dom)


def test_document_to_html_delegates(seed_doc: cleantext.Document) -> None:
    assert seed_doc.to_html() == report.to_html(seed_doc)
    assert seed_doc.to_html(name="x.txt") == report.to_html(seed_doc, name="x.txt")


# -- hostile pages ------------------------------------------------------------------------------


def test_hostile_html_is_escaped() -> None:
    doc = cleantext.extract(HOSTILE_HTML.encode("utf-8"), url="javascript:document.title='XSS-FIRED'")
    texts = "\n".join(b.text for b in doc.blocks) + (doc.title or "")
    for payload in PAYLOADS:  # the page really carries them as text
        assert payload in texts, payload
    page = report.to_html(doc, name="\"><script>alert('name')</script>.html")
    dom = Dom(page)
    assert_inert(dom)
    check_blocks(dom, doc)
    shown = dom.all_text()
    for payload in PAYLOADS:
        assert payload in shown, payload
    assert "<script>alert('name')</script>" in shown
    for raw in ("<script", "<img", "<svg", "<iframe", "<a ", "<div id=pwned", "</style></head>"):
        assert raw not in page.lower()
    assert "&lt;script&gt;" in page and "&quot;&gt;&lt;svg" in page


def test_hostile_text_dump_is_escaped_and_encodable() -> None:
    doc = cleantext.extract(HOSTILE_TEXT, input_format="text", use_jieba=False)
    page = report.to_html(doc)
    page.encode("utf-8")  # lone surrogates and controls are gone
    assert "\x00" not in page and "\x07" not in page
    dom = Dom(page)
    assert_inert(dom)
    assert "<img src=x onerror=alert(1)>" in dom.all_text()
    assert "<script>document.title='XSS-FIRED'</script>" in dom.all_text()


def test_hostile_diff_is_escaped() -> None:
    doc_a = cleantext.extract(HOSTILE_HTML.encode("utf-8"))
    doc_b = cleantext.extract(HOSTILE_HTML.encode("utf-8"), input_format="text")
    page = report.diff_html(doc_a, doc_b, label_a="<script>alert(1)</script>", label_b='"><img src=x onerror=alert(1)>')
    dom = Dom(page)
    assert_inert(dom)
    assert "<script>alert(1)</script>" in dom.all_text()
    assert "<script" not in page and "<img" not in page


# -- diff ---------------------------------------------------------------------------------------


def test_diff_shows_the_changed_blocks(seed_doc: cleantext.Document) -> None:
    strict = cleantext.extract(SEED.read_bytes(), thresholds=Thresholds(good=5.0))
    pairs = enumerate(zip(seed_doc.blocks, strict.blocks))
    changed = [i for i, (a, b) in pairs if (a.kept, a.reasons) != (b.kept, b.reasons)]
    assert changed  # the stricter threshold moves some blocks
    dom = Dom(report.diff_html(seed_doc, strict, label_a="defaults", label_b="thresholds.good=5"))
    assert len(dom.rows) == len(seed_doc.blocks)
    rows_changed = [r for r in dom.rows if "changed" in r["class"]]
    assert [r["text"] for r in rows_changed] == [seed_doc.blocks[i].text for i in changed]
    for r, i in zip(rows_changed, changed, strict=True):
        assert r["reasons"] == [*seed_doc.blocks[i].reasons, *strict.blocks[i].reasons]
    assert sum(1 for r in dom.rows if "same" in r["class"]) == len(seed_doc.blocks) - len(changed)
    text = dom.all_text()
    assert "A: defaults" in text and "B: thresholds.good=5" in text
    assert_inert(dom)


def test_diff_verdict_changes_and_unpaired_blocks(seed_doc: cleantext.Document) -> None:
    blocks = tuple(replace(b, kept=False, reasons=("outside-region",)) for b in seed_doc.blocks)
    none_kept = replace(seed_doc, blocks=blocks)
    dom = Dom(report.diff_html(none_kept, seed_doc))
    now_kept = [r for r in dom.rows if "now-kept" in r["class"]]
    assert [r["text"] for r in now_kept] == list(GOLD)
    # another split of the page: blocks pair by text, the rest stand alone
    as_html = cleantext.extract(SEED.read_bytes(), input_format="html")
    dom = Dom(report.diff_html(seed_doc, as_html))
    assert any("only" in r["class"] for r in dom.rows)
    assert len(dom.rows) >= max(len(seed_doc.blocks), len(as_html.blocks))


def test_diff_same_options() -> None:
    doc = cleantext.extract(SEED.read_bytes(), use_jieba=False)
    dom = Dom(report.diff_html(doc, doc))
    assert all("same" in r["class"] for r in dom.rows)
    assert "No block changed verdict or reasons." in dom.all_text()


# -- the command --------------------------------------------------------------------------------


def test_cli_explain_writes_a_report(tmp_path: Path, seed_doc: cleantext.Document, capsys: Any) -> None:
    out = tmp_path / "report.html"
    assert cli.main(["explain", str(SEED), "-o", str(out)]) == 0
    assert f"wrote {out}: {len(seed_doc.blocks)} blocks, {len(seed_doc.kept)} kept" in capsys.readouterr().err
    dom = Dom(out.read_text("utf-8"))
    check_blocks(dom, seed_doc)
    assert str(SEED) in dom.all_text()


def test_cli_explain_stdout_and_settings(capsysbinary: Any) -> None:
    assert cli.main(["explain", str(HTML_PAGE), "--set", "use_jieba=false", "--url", "https://x.cn/1"]) == 0
    page = capsysbinary.readouterr().out.decode("utf-8")
    doc = cleantext.extract(HTML_PAGE.read_bytes(), use_jieba=False, url="https://x.cn/1")
    check_blocks(Dom(page), doc)
    assert "https://x.cn/1" in page


def test_cli_explain_diff(tmp_path: Path) -> None:
    out = tmp_path / "diff.html"
    assert cli.main(["explain", str(SEED), "--diff", "--b", "thresholds.good=5", "-o", str(out)]) == 0
    dom = Dom(out.read_text("utf-8"))
    assert len(dom.rows) == len(cleantext.extract(SEED.read_bytes()).blocks)
    assert any("changed" in r["class"] for r in dom.rows)
    assert "B: thresholds.good=5" in dom.all_text()
    out2 = tmp_path / "diff2.html"
    args = ["explain", str(SEED), "--diff", "--set", "use_jieba=false", "--a", "format=text", "--b", "format=html"]
    assert cli.main([*args, "-o", str(out2)]) == 0
    assert "A: use_jieba=false format=text" in Dom(out2.read_text("utf-8")).all_text()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--set", "use_jeiba=false"], "unknown option 'use_jeiba'"),
        (["--set", "thresholds.nope=1"], "unknown threshold 'nope'"),
        (["--set", "use_jieba=maybe"], "use_jieba must be true or false"),
        (["--set", "thresholds.post_han=1.5"], "thresholds.post_han must be an integer"),
        (["--set", "format=pdf"], "format must be one of"),
        (["--set", "use_jieba"], "not KEY=VALUE"),
        (["--b", "use_jieba=false"], "--a and --b need --diff"),
        (["--diff"], "A and B have the same options"),
    ],
)
def test_cli_explain_usage_errors(args: list[str], message: str, capsys: Any) -> None:
    with pytest.raises(SystemExit) as exc:
        cli.main(["explain", str(SEED), *args])
    assert exc.value.code == 2
    assert message in capsys.readouterr().err


def test_cli_explain_missing_page(tmp_path: Path, capsys: Any) -> None:
    with pytest.raises(SystemExit) as exc:
        cli.main(["explain", str(tmp_path / "nope.html")])
    assert exc.value.code == 2 and "cannot read" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:  # an unknown encoding is a usage error, before the page is read
        cli.main(["explain", str(SEED), "--encoding", "no-such-codec", "-o", str(tmp_path / "r.html")])
    assert exc.value.code == 2 and "unknown encoding" in capsys.readouterr().err
    assert not (tmp_path / "r.html").exists()


def test_cli_help_mentions_explain(capsys: Any) -> None:
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    assert "cleantext explain" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        cli.main(["explain", "--help"])
    helptext = capsys.readouterr().out
    for example in (
        "cleantext explain examples/news.txt -o report.html",
        "--diff --b thresholds.good=1.5",
        "--diff --a use_jieba=false --b use_jieba=true",
    ):
        assert example in helptext


def test_apply_settings() -> None:
    o = cli.apply_settings(cleantext.Options(), ["thresholds.post_han=12", "strict=on", "min_body_han=50"])
    assert (o.thresholds.post_han, o.strict, o.min_body_han) == (12, True, 50)
    assert o.thresholds.good == cleantext.Options().thresholds.good


# -- in a real browser --------------------------------------------------------------------------


def browser() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    reason = "chromium is not installed (apt-get install chromium); the browser tests need it"
    if os.environ.get("CLEANTEXT_REQUIRE_BROWSER"):
        pytest.fail(reason + " and CLEANTEXT_REQUIRE_BROWSER is set")
    pytest.skip(reason)


def run_browser(tmp_path: Path, page: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """Headless Chromium on a local file: no network, a throwaway profile, bounded in time."""
    command = [
        browser(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-extensions", "--hide-scrollbars", f"--user-data-dir={tmp_path / 'profile'}",
        *args, page.resolve().as_uri(),
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")[-2000:]
    return result


def dump_dom(tmp_path: Path, html_text: str, name: str = "report.html") -> Dom:
    """The DOM as Chromium holds it after loading ``html_text`` (and running any script it may)."""
    path = tmp_path / name
    path.write_text(html_text, "utf-8")
    return Dom(run_browser(tmp_path, path, "--dump-dom").stdout.decode("utf-8"))


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_browser_seed_report(tmp_path: Path, seed_doc: cleantext.Document) -> None:
    dom = dump_dom(tmp_path, report.to_html(seed_doc, name="examples/news.txt"))
    check_blocks(dom, seed_doc)
    kept = [b for b in dom.blocks if "kept" in b["class"]]
    assert [b["text"] for b in kept] == list(GOLD)  # the seven body paragraphs
    assert all(b["reasons"] == ["main-region"] or b["reasons"] == ["continues-region"] for b in kept)
    dropped = {b["text"]: b["reasons"] for b in dom.blocks if "dropped" in b["class"]}
    assert dropped[SEED.read_text("utf-8").split("\n")[2]] == ["truncated-duplicate"]
    assert dropped["乐活HOT"] and dropped["娱乐LOVE"] == ["short-heading"]
    assert sum(1 for r in dropped.values() if r == ["teaser-list"]) == 10
    assert dom.title.startswith("explain: 沪渝携手")
    assert_inert(dom)

    shot = tmp_path / "seed.png"
    run_browser(tmp_path, tmp_path / "report.html", f"--screenshot={shot}", "--window-size=1000,1400")
    data = shot.read_bytes()
    assert png_size(data) == (1000, 1400)
    assert len(data) > 30_000  # a rendered page, not a blank one


def test_browser_html_page_report(tmp_path: Path, html_doc: cleantext.Document) -> None:
    dom = dump_dom(tmp_path, report.to_html(html_doc, name="news_article.html"))
    check_blocks(dom, html_doc)
    assert_inert(dom)


def test_browser_runs_no_script_of_a_hostile_page(tmp_path: Path) -> None:
    doc = cleantext.extract(HOSTILE_HTML.encode("utf-8"), url="javascript:document.title='XSS-FIRED'")
    dom = dump_dom(tmp_path, report.to_html(doc, name="<script>document.title='XSS-FIRED'</script>"))
    assert dom.title != "XSS-FIRED" and dom.title.startswith("explain: <img src=x")
    assert all(a.get("id") != "pwned" for _, a in dom.tags)
    assert dom.count("script") == dom.count("img") == dom.count("svg") == dom.count("iframe") == 0
    for payload in PAYLOADS:  # the browser shows them as text
        assert payload in dom.all_text(), payload
    check_blocks(dom, doc)
    assert_inert(dom)
    diff = dump_dom(tmp_path, report.diff_html(doc, cleantext.extract(HOSTILE_HTML, input_format="text")), "diff.html")
    assert all(a.get("id") != "pwned" for _, a in diff.tags) and diff.title != "XSS-FIRED"


def test_browser_would_catch_a_script(tmp_path: Path) -> None:
    """Control: the same payloads unescaped in a page without CSP do run in this browser, so the
    test above would see them run."""
    page = (
        "<!DOCTYPE html><html><head><title>control</title></head><body>"
        f"<p>{PAYLOADS[0]}</p><p>{PAYLOADS[4]}</p></body></html>"
    )
    dom = dump_dom(tmp_path, page, "control.html")
    assert any(a.get("id") == "pwned" for _, a in dom.tags)
    assert dom.title == "XSS-FIRED"


def test_browser_kept_only_switch(tmp_path: Path, seed_doc: cleantext.Document) -> None:
    """The switch hides every dropped block and shows the kept text alone: the report with the
    box ticked, a probe script (CSP lifted for it) recording each block's computed display."""
    page = report.to_html(seed_doc)
    for checked in (False, True):
        probe = page.replace(f'<meta http-equiv="Content-Security-Policy" content="{report.esc(report.CSP)}">', "")
        if checked:
            probe = probe.replace('id="only-kept" class="toggle">', 'id="only-kept" class="toggle" checked>')
        probe = probe.replace(
            "</body>",
            "<script>for (const el of document.querySelectorAll('article.block, .side, details'))"
            " el.dataset.display = getComputedStyle(el).display;</script></body>",
        )
        dom = dump_dom(tmp_path, probe, f"probe{checked}.html")
        shown = {(b["id"], b["attrs"]["data-display"]) for b in dom.blocks}
        expected = {
            (f"b{b.index}", "none" if checked and not b.kept else "grid" if not checked else "block")
            for b in seed_doc.blocks
        }
        assert shown == expected
        sides = {a["data-display"] for t, a in dom.tags if "side" in a.get("class", "").split()}
        assert sides == ({"none"} if checked else {"block"})


# -- bidirectional controls ----------------------------------------------------------------------

BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


def test_bidi_controls_are_shown_as_escapes(tmp_path: Path) -> None:
    """U+202E and its kin in the title, the text and the file name cannot reverse what is shown:
    each is written out as <U+XXXX>, in the report, the diff and the text table."""
    prose = f"{PROSE}价格\u202e元001，" + "".join(f"{c}控制" for c in BIDI_CONTROLS)
    page = (
        f"<html><head><title>标题\u202e题标</title></head><body><h1>标题\u202e题标</h1>"
        f"<p>{prose}</p><p>{PROSE}</p></body></html>"
    )
    doc = cleantext.extract(page.encode("utf-8"))
    assert "\u202e" in doc.text  # the page really carries them
    other = cleantext.extract(page.encode("utf-8"), input_format="text")
    for html_page, marker in (
        (report.to_html(doc, name="x\u202elmth.exe"), "x<U+202E>lmth.exe"),
        (report.diff_html(doc, other, label_b="format=text\u202e"), "format=text<U+202E>"),
    ):
        assert not any(c in html_page for c in BIDI_CONTROLS)
        shown = Dom(html_page).all_text()
        assert "价格<U+202E>元001" in shown and marker in shown and "标题<U+202E>题标" in shown
        for c in BIDI_CONTROLS:
            assert f"<U+{ord(c):04X}>控制" in shown
    table = doc.explain(width=400)
    assert not any(c in table for c in BIDI_CONTROLS) and "<U+202E>" in table


# -- huge pages ----------------------------------------------------------------------------------


def crowded_pages() -> dict[str, bytes]:
    """Pages that make many rows: tiny dropped blocks, many kept paragraphs, kept paragraphs
    between single links, and one enormous line."""
    prose = [f"第{n}段：今天，沪渝两地在重庆签署合作协议，携手推动长江经济带高质量发展。" for n in range(6000)]
    return {
        "tiny blocks": ("<html><body>" + "<p>字</p>" * 30000 + "</body></html>").encode(),
        "tiny lines": ("<p>" + "字<br>" * 30000).encode(),
        "many paragraphs": ("<html><body>" + "".join(f"<p>{p}</p>" for p in prose) + "</body></html>").encode(),
        "links between": (
            "<html><body>"
            + "".join(f"<p>{p}</p><a href='/{n}'>链接{n}</a>" for n, p in enumerate(prose))
            + "</body></html>"
        ).encode(),
        "one huge line": ("标题\n\n" + PROSE * 5000 + "\n").encode(),
    }


@pytest.fixture(scope="module")
def crowded_docs() -> dict[str, tuple[bytes, cleantext.Document]]:
    return {k: (page, cleantext.extract(page, use_jieba=False)) for k, page in crowded_pages().items()}


def tags_of(page: str) -> set[str]:
    """The element names a report uses (a quick check for big reports; ``Dom`` is slow on them)."""
    return {t.lower() for t in re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", page)}


@pytest.mark.parametrize("kind", list(crowded_pages()))
def test_report_of_a_huge_page_stays_small(
    kind: str, crowded_docs: dict[str, tuple[bytes, cleantext.Document]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under 20× the page's size (the floor for small pages lifted), and saying what it cut."""
    monkeypatch.setattr(report, "MIN_BUDGET", 0)
    page, doc = crowded_docs[kind]
    html_page = report.to_html(doc, page_size=len(page))
    assert len(html_page.encode("utf-8")) < 20 * len(page), kind
    assert tags_of(html_page) <= ALLOWED_TAGS and html_page.endswith("</body>\n</html>\n")
    assert "shown as one row" in html_page or "not shown" in html_page, kind
    assert ("more characters not shown" in html_page) == (kind == "one huge line")
    diff = report.diff_html(doc, replace(doc, blocks=doc.blocks[::-1]), page_size=len(page))
    assert len(diff.encode("utf-8")) < 20 * len(page), kind
    assert tags_of(diff) <= ALLOWED_TAGS and diff.endswith("</body>\n</html>\n")


def test_report_of_a_normal_page_is_whole(seed_doc: cleantext.Document) -> None:
    """The budget leaves ordinary pages alone: every block, with its features."""
    dom = Dom(report.to_html(seed_doc, page_size=len(SEED.read_bytes())))
    check_blocks(dom, seed_doc)
    assert "not shown" not in dom.all_text() and "shown as one row" not in dom.all_text()


def test_runs_of_tiny_blocks_are_summarised(crowded_docs: dict[str, tuple[bytes, cleantext.Document]]) -> None:
    page, doc = crowded_docs["tiny blocks"]
    dom = Dom(report.to_html(doc, page_size=len(page)))
    runs = [b for b in dom.blocks if "run" in b["class"]]
    assert runs and all("dropped" in b["class"] for b in runs)
    assert f"{len(doc.blocks):,} dropped blocks" in dom.all_text()


def test_cli_report_of_a_huge_page(tmp_path: Path) -> None:
    """Through the command: a 0.6 MB page of 60,000 blocks gives a report under 20× its size."""
    page = tmp_path / "tiny.html"
    page.write_bytes(("<html><body>" + "<p>字</p>" * 30000 + "<p>" + "字<br>" * 30000 + "</p></body></html>").encode())
    out = tmp_path / "r.html"
    assert cli.main(["explain", str(page), "--set", "use_jieba=false", "-o", str(out)]) == 0
    assert out.stat().st_size < 20 * page.stat().st_size
    assert_inert(Dom(out.read_text("utf-8")))


# -- the diff of many blocks ---------------------------------------------------------------------


def test_diff_of_ten_thousand_blocks(tmp_path: Path) -> None:
    """10,000 blocks against a version with blocks removed, inserted and moved: the changes are
    found and the run is quick (difflib took minutes; the bound is generous for a shared machine)."""
    import random
    import time

    rng = random.Random(3)
    paras = [f"第{n}段：今天，沪渝两地在重庆签署合作协议，携手推动发展。" for n in range(10000)]
    edited = [p for n, p in enumerate(paras) if n % 97]
    for n in range(40):
        edited.insert(rng.randrange(len(edited)), f"新增的第{n}段，只在乙版出现的一段文字。")
    a_page = tmp_path / "a.txt"
    a_page.write_text("\n\n".join(paras) + "\n", "utf-8")
    doc_a = cleantext.extract(a_page.read_bytes(), use_jieba=False)
    doc_b = cleantext.extract(("\n\n".join(edited) + "\n").encode(), use_jieba=False)
    assert len(doc_a.blocks) == 10000
    start = time.process_time()
    dom = Dom(report.diff_html(doc_a, doc_b))
    assert time.process_time() - start < 5.0
    only = [r for r in dom.rows if "only" in r["class"]]
    assert len(only) == len(range(0, 10000, 97)) + 40
    start = time.process_time()
    assert (
        cli.main(
            [
                "explain",
                str(a_page),
                "--diff",
                "--a",
                "format=text",
                "--b",
                "format=html",
                "-o",
                str(tmp_path / "d.html"),
            ]
        )
        == 0
    )
    assert time.process_time() - start < 30.0  # two extractions of 10,000 blocks, and the diff


# -- archives and JSONL --------------------------------------------------------------------------


def test_cli_explain_an_archive_needs_a_record(tmp_path: Path, capsys: Any) -> None:
    """A WARC holds many pages: without --record the command says which option to use; with it,
    the record (by number, URL or id) is explained with its HTTP charset."""
    from warcs import warc_record

    gbk = f"<html><body><h1>重庆新闻</h1><p>{PROSE}</p><p>{PROSE}</p></body></html>".encode("gbk")
    utf8 = f"<html><body><h1>上海新闻</h1><p>{PROSE}</p></body></html>".encode()
    archive = tmp_path / "crawl.warc.gz"
    archive.write_bytes(
        warc_record("http://a.cn/1", gbk, "1", "text/html; charset=gbk")
        + warc_record("http://a.cn/2", utf8, "2", "text/html; charset=utf-8")
    )
    with pytest.raises(SystemExit) as exc:
        cli.main(["explain", str(archive)])
    assert exc.value.code == 2 and "--record N" in capsys.readouterr().err
    for record, title, encoding in (
        ("1", "重庆新闻", "gb18030 (from content-type)"),
        ("http://a.cn/2", "上海新闻", "utf-8"),
        ("<urn:uuid:1>", "重庆新闻", "gb18030 (from content-type)"),
    ):
        out = tmp_path / "r.html"
        assert cli.main(["explain", str(archive), "--record", record, "-o", str(out)]) == 0
        shown = Dom(out.read_text("utf-8")).all_text()
        assert title in shown and PROSE in shown and "\ufffd" not in shown
        assert encoding in shown and "crawl.warc.gz record" in shown
    with pytest.raises(SystemExit) as exc:
        cli.main(["explain", str(archive), "--record", "3"])
    assert exc.value.code == 2 and "no such record" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        cli.main(["explain", str(SEED), "--record", "1"])
    assert exc.value.code == 2 and "one page" in capsys.readouterr().err


def test_cli_explain_a_jsonl_record(tmp_path: Path, capsys: Any) -> None:
    import json

    lines = tmp_path / "pages.data"  # no telling suffix: found by content
    rows = [{"id": "a", "content": f"<p>{PROSE}</p>"}, {"id": "b", "content": f"<h1>标题</h1><p>{PROSE}再次。</p>"}]
    lines.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    with pytest.raises(SystemExit):
        cli.main(["explain", str(lines)])
    assert "JSONL file" in capsys.readouterr().err
    out = tmp_path / "r.html"
    assert cli.main(["explain", str(lines), "--record", "b", "--field", "content", "-o", str(out)]) == 0
    assert f"{PROSE}再次。" in Dom(out.read_text("utf-8")).all_text()


def test_cli_explain_table_rejects_jsonl(capsys: Any) -> None:
    """--explain prints a table: with --out jsonl it is a usage error, not a silent choice."""
    with pytest.raises(SystemExit) as exc:
        cli.main([str(SEED), "--explain", "--out", "jsonl"])
    assert exc.value.code == 2 and "--explain" in capsys.readouterr().err


def test_a_huge_title_is_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    """A title or metadata field can be megabytes (any Document can be explained): the header
    shows 2,000 characters of each."""
    monkeypatch.setattr(report, "MIN_BUDGET", 0)
    page = f"<html><body><p>{PROSE}</p></body></html>".encode()
    doc = replace(cleantext.extract(page), title="标题" * 200000, source="来源" * 200000)
    shown = report.to_html(doc, page_size=len(page))
    assert shown.count("标题" * 1000) == 2 and "标题" * 1001 not in shown  # <h1> and the metadata
    assert "来源" * 1000 + "…" in shown and "来源" * 1001 not in shown
    assert len(shown.encode("utf-8")) < 64 * 1024
