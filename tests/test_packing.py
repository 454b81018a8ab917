"""The packed form a Document pickles as (cleantext.packing, rust/src/pack.rs): the core's packing
of what it holds gives, byte for byte, what the Python packer gives for the same columns, and
every value comes back as it was, on the dev pages and on odd values."""

from __future__ import annotations

import math
import pickle
import struct
from array import array
from pathlib import Path

import pytest

import cleantext
from cleantext import _core, packing
from cleantext.blocks.html import html_block_table
from cleantext.blocks.layout import Layout, LayoutRecorder
from cleantext.columns import LiveBlocks, PackedBlocks, RecordedLayout, held_page
from cleantext.document import Document
from cleantext.packing import LAYOUT_PARTS, array_of, indexes, pack, pack_layout, signed, unpack

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dev"
P1 = "6月3日，重庆市科技局与上海市科委签署科技合作框架协议，双方将在七个方面开展深度合作。"


def _dev_pages() -> list[tuple[str, bytes, str]]:
    if not DEV.is_dir():
        return []
    ids = sorted(p.name.removesuffix(".html") for p in DEV.glob("*.html"))
    return [
        (i, (DEV / (i + suffix)).read_bytes(), mode)
        for i in ids
        for mode, suffix in (("html", ".html"), ("text", ".txt"))
    ]


def _generic(table: LiveBlocks) -> PackedBlocks:
    """``table`` packed by the Python packer (what a table of Python values takes)."""
    texts, kinds, starts, ends, paths = (list(c) for c in table._raw_columns())
    columns = {"kind": kinds, "start": starts, "end": ends, "score": list(table.scores), "kept": list(table.kept)}
    columns |= {"reasons": list(table.reasons), "path": paths}
    return PackedBlocks.pack(texts, columns, table.columns, table.page, table.text_is_kept)


@pytest.mark.skipif(not DEV.is_dir(), reason="no dev corpus (../shared)")
def test_the_core_packs_dev_pages_as_python_does_and_they_come_back() -> None:
    """On every dev page, both modes: the core's packed blocks and layout are the Python packer's,
    byte for byte; the unpickled Document equals the Document, blocks, layout and all, and stays
    lazy until read."""
    cleaners = {mode: cleantext.Cleaner(input_format="text" if mode == "text" else "auto") for mode in ("html", "text")}
    pages = _dev_pages()
    for name, page, mode in pages:
        doc = cleaners[mode].extract(page)
        table = doc.__dict__["_table"]
        assert isinstance(table, LiveBlocks) and isinstance(table.raw, _core.Blocks), name
        assert table.packed().state == _generic(table).state, (name, mode)
        later = doc.__dict__["_later_layout"]
        if mode == "html":
            recorder = later.args[0]
            assert recorder.walked is not None and not recorder.elements, name  # held by the core until read
            core, python = later.packed(None).args, pack_layout(recorder.layout()).args
            for part, generic, forms in zip(core, python, LAYOUT_PARTS):
                assert part[0] == generic[0], name  # rows
                for (column, form), packed, expected in zip(forms, part[1:], generic[1:]):
                    if form.startswith("i"):
                        assert packed == expected, (name, column)  # the same typed bytes
                    else:  # the core's strings come joined: two bytes objects, not a str each
                        joined = packed if form == "l" else packed[0]
                        assert isinstance(joined, tuple) and all(isinstance(b, bytes) for b in joined), (name, column)
                        assert unpack(form, packed, {}, part[0]) == unpack(form, expected, {}, part[0]), (name, column)
            assert recorder.walked is not None, name  # (reading leaves it there)
        again = pickle.loads(pickle.dumps(doc))
        assert "_blocks" not in again.__dict__ and "_layout" not in again.__dict__
        assert again.text == doc.text and again.to_dict() == doc.to_dict(), name
        assert "_blocks" not in again.__dict__
        assert again.blocks == doc.blocks and again.layout == doc.layout and again == doc, (name, mode)
    assert len(pages) > 200


def _round_trip(doc: Document) -> Document:
    fresh = pickle.loads(pickle.dumps(doc))
    assert fresh.blocks == doc.blocks and fresh.layout == doc.layout and fresh == doc
    assert fresh.markdown == doc.markdown and fresh.html == doc.html
    return fresh


@pytest.mark.parametrize(
    ("page", "options"),
    [
        ("", {}),
        ("", {"input_format": "text"}),
        ("\n\n \u3000\n", {"input_format": "text"}),
        ("<html><body></body></html>", {}),
        (f"{P1}\n😀 表情 😀\r\n\r\n  • 條目一\n    續行\n  • 條目二\n\n甲    乙    丙\n", {"input_format": "text"}),
        (f"<p>{P1}</p><p>😀 表情</p><pre>  code\n    two</pre><table><tr><td colspan=2>甲</td></tr></table>", {}),
    ],
    ids=["empty-html", "empty-dump", "blank-dump", "no-blocks", "astral-dump", "astral-html"],
)
def test_edge_pages_round_trip(page: str, options: dict[str, object]) -> None:
    doc = cleantext.extract(page, use_jieba=False, **options)  # type: ignore[arg-type]
    _round_trip(doc)
    doc.blocks  # noqa: B018  # read before pickling
    _round_trip(doc)


def test_traditional_pages_round_trip() -> None:
    """A traditional-Chinese page's word lists read the simplified texts; its Document carries
    the texts as written."""
    text = (
        "來源：中央社\n\n交通局長補充說，第一階段將先在信義區與內湖區試辦，"
        "收集乘客意見後，再逐步擴大到全市十二個行政區。\n"
    )
    for page, options in (
        (text, {"input_format": "text"}),
        ((Path(__file__).parent / "pages" / "big5_news.html").read_bytes(), {}),
    ):
        doc = cleantext.extract(page, use_jieba=False, **options)  # type: ignore[arg-type]
        assert any(c in "".join(b.text for b in _round_trip(doc).blocks) for c in "說來區臺")


def test_a_dump_whose_texts_are_not_the_pages_slices() -> None:
    """The core keeps, beside the page, the texts that are not its slices (joined lines, or a
    page that is not the one the blocks were split from)."""
    page = f"  • 條目一\n    續行\n{P1}\n"
    table = _core.Blocks(page, tuple)
    packed, texts = table.pack(page), table.texts()
    assert packed[0] == page.encode() and packed[1] == (b"b\x00", ["條目一\n續行"])
    other = table.pack("x" * 5)  # spans past its end: every text kept
    assert array_of(other[1][0]).tolist() == [0, 1] and other[1][1] == texts
    assert table.pack(None)[1] == ("".join(texts).encode(), signed([len(t) for t in texts]))


def test_typed_bytes() -> None:
    for values, code in (([], "b"), ([127, -128], "b"), ([128], "h"), ([-(1 << 31)], "i"), ([1 << 31], "q")):
        data = signed(values)
        assert chr(data[0]) == code and array_of(data).tolist() == values
    assert signed([-(1 << 63), (1 << 63) - 1])[1:] == struct.pack("<qq", -(1 << 63), (1 << 63) - 1)
    with pytest.raises(OverflowError):
        signed([1 << 63])
    assert (
        indexes(256, [255]) == b"B\xff" and indexes(257, [256]) == b"H\x00\x01" and indexes(70_000, [1])[0] == ord("I")
    )
    for bad in (b"", b"x\x00", b"h\x00", b"d\x00"):
        with pytest.raises(ValueError):
            array_of(bad)
    assert {code: array(code).itemsize for code in packing.WIDTHS} == packing.WIDTHS


def test_columns_the_forms_cannot_hold_stay_lists() -> None:
    """A value of another type (1 for True, an int among floats, a str subclass, a tuple holding
    a number) or past 64 bits keeps the column a list: it comes back as it was."""

    class Name(str):
        pass

    for form, column in (
        ("?", [True, 1]),
        ("d", [0.5, 1]),
        ("s", ["a", Name("a")]),
        ("s", [("a",), ("a", 1)]),
        ("s", [None]),
        ("i", [1, 1 << 64]),
        ("i", [1, True]),
    ):
        assert pack(form, column, {}) == column
        assert repr(unpack(form, pack(form, column, {}), {}, len(column))) == repr(column)


def test_floats_and_strings_come_back_exactly() -> None:
    floats = [0.0, -0.0, math.inf, -math.inf, 1 / 3, 5e-324, math.nan]
    back = unpack("d", pack("d", floats, {}), {}, len(floats))
    assert [struct.pack("<d", f) for f in back] == [struct.pack("<d", f) for f in floats]
    a, b = ("main-region", "metadata"), tuple(["main-region", "metadata"])  # equal, not the same object
    reasons = [a, (), b, a, ("title",), ()]
    distinct, codes = pack("s", reasons, {})
    assert distinct == [a, (), ("title",)] and array_of(codes).tolist() == [0, 1, 0, 0, 2, 1]
    assert pack("s", ["", "", ""], {}) == ([""], None) and unpack("s", ([""], None), {}, 3) == ["", "", ""]
    many = [str(i % 300) for i in range(1000)]
    assert unpack("s", pack("s", many, {}), {}, len(many)) == many and pack("s", many, {})[1][0] == ord("H")


def test_a_recorder_given_two_walks_holds_both() -> None:
    """The walk's layout stays in the core until read; a recorder that records more after it
    (a second walk) holds both, in order."""
    recorder = LayoutRecorder(links=True, images=True)
    html_block_table("<ul><li><a href=/a>甲</a></li></ul>", recorder)
    assert recorder.walked is not None
    html_block_table("<h2>乙</h2><img src=/b.png alt=图>", recorder)
    assert recorder.walked is None
    layout = recorder.layout()
    assert recorder.layout() == layout  # (read twice: the same)
    assert [e.tag for e in layout.elements] == ["ul", "li", "h2", "img"] and [link.href for link in layout.links] == [
        "/a"
    ]
    assert pack_layout(layout)() == layout and pack_layout(Layout())() == Layout()
    mixed = LayoutRecorder(links=False, images=False)  # held by the core, then recorded here
    html_block_table("<ul><li>甲</li></ul>", mixed)
    mixed.open("ol", 1, None)
    mixed.close(2)
    assert [e.tag for e in mixed.layout().elements] == ["ul", "li", "ol"]
    assert RecordedLayout(mixed).packed(None)() == mixed.layout()


def test_a_dumps_blocks_pickle_without_the_page_the_other_side_holds() -> None:
    page = "今天，我们在重庆签署了合作协议，双方将在科技创新方面深度合作。\n\n第二段写完了。\n".encode() * 50
    doc = cleantext.extract(page, input_format="text", use_jieba=False)
    whole = pickle.dumps(doc)
    with held_page(page):
        sent = pickle.dumps(doc)
    with held_page(bytearray(page)):  # an equal page, not the one the blocks were packed from: sent whole
        assert pickle.dumps(doc) == whole
    assert len(sent) < len(whole) - len(page) // 2  # the page is not in it
    with held_page(page):
        again = pickle.loads(sent)
    assert again.__dict__["_table"].state[1] is page  # the page held, not a copy
    assert (again.blocks, again.markdown, again.to_dict()) == (doc.blocks, doc.markdown, doc.to_dict())
    with pytest.raises(ValueError, match="held_page"):
        pickle.loads(sent)  # without the page: a clear error, not blocks of nothing
    assert pickle.loads(whole).blocks == doc.blocks  # a plain pickle is whole, as ever


def test_later_values_pickle_as_what_they_are() -> None:
    """A ``Later`` pickles as its function and arguments; a subclass (a page's recorded layout)
    comes back as itself, its fields whole."""
    import pickle
    from operator import add

    from cleantext.blocks import RawBlock
    from cleantext.columns import DumpLayout
    from cleantext.document import Later

    later = pickle.loads(pickle.dumps(Later(add, 2, 3)))
    assert type(later) is Later and later() == 5 and later.args == (2, 3)
    dump = DumpLayout("甲\n", [RawBlock("甲", "line", 0, 1)], [True])
    again = pickle.loads(pickle.dumps(dump))
    assert type(again) is DumpLayout and again.fn is dump.fn and again() == dump()
