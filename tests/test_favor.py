"""``favor``: precision drops context-only lines, recall keeps prose outside the region; on dev
each moves its measure by at least 0.01 over ``balanced`` in both modes."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import cleantext

PARAS = [
    "今天，沪渝两地在重庆签署科技合作协议，携手推动发展，双方将在七个方面开展深度合作。",
    "协议签署后，两地科技部门将定期会商，共同推进重大项目落地，促进科技成果转化。",
    "据介绍，两地将共建一批科技创新平台，联合开展关键核心技术攻关，推动人才双向交流。",
]
PAGE = (
    "<html><body><div class=nav><a href=/>首页</a> <a href=/n/>新闻</a></div>"
    f"<div class=article><p>{PARAS[0]}</p><p>图为签约现场</p><p>{PARAS[1]}</p><p>{PARAS[2]}</p></div>"
    "<div class=related><ul>"
    + "".join(f"<li><a href=/r/{k}>相关新闻标题第{k}条</a></li>" for k in range(6))
    + "</ul></div><div class=side><p>另据报道，成都市也将举办科技创新大会，邀请专家学者共商合作大计。</p></div>"
    "<div class=footer>版权所有</div></body></html>"
)


def test_balanced_is_the_default() -> None:
    assert cleantext.Options().favor == "balanced"
    assert cleantext.extract(PAGE, favor="balanced") == cleantext.extract(PAGE)


def test_precision_keeps_a_subset_and_recall_a_superset() -> None:
    kept = {b.index for b in cleantext.extract(PAGE, use_jieba=False).kept}
    precise = cleantext.extract(PAGE, use_jieba=False, favor="precision")
    recalled = cleantext.extract(PAGE, use_jieba=False, favor="recall")
    assert {b.index for b in precise.kept} < kept < {b.index for b in recalled.kept}
    assert "图为签约现场" not in precise.text
    assert all("favor-precision" in b.reasons for b in precise.dropped if b.index in kept)
    assert any("favor-recall" in b.reasons for b in recalled.kept)


def test_favor_is_validated() -> None:
    with pytest.raises(ValueError, match="favor"):
        cleantext.Options(favor="speed")


DEV = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dev"


@pytest.mark.skipif(not (DEV / "manifest.jsonl").exists(), reason="dev corpus absent")
@pytest.mark.parametrize(("mode", "suffix"), [("html", "html"), ("text", "txt")])
def test_favor_moves_dev_precision_and_recall(mode: str, suffix: str) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from benchmarks.metrics import macro, prf

    ids = sorted(p.name[: -len(".gold.txt")] for p in DEV.glob("*.gold.txt"))
    pages = {i: (DEV / f"{i}.{suffix}").read_bytes() for i in ids}
    gold = {i: (DEV / f"{i}.gold.txt").read_text("utf-8") for i in ids}
    result = {}
    for favor in ("balanced", "precision", "recall"):
        cleaner = cleantext.Cleaner(input_format=mode, favor=favor, use_jieba=False)
        rows = [dict(zip(("p", "r", "f1"), prf(cleaner.clean(pages[i]), gold[i]))) for i in ids]
        result[favor] = macro(rows)
    assert result["precision"]["precision"] >= result["balanced"]["precision"] + 0.01
    assert result["recall"]["recall"] >= result["balanced"]["recall"] + 0.01
