"""``include_comments=True``: the comments under an article in ``doc.comments``, never in ``text``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import cleantext
from cleantext.comments import Comment

PAGES = Path(__file__).parent / "pages"
ARTICLE = (
    "<p>今天，沪渝两地在重庆签署科技合作协议，携手推动发展，双方将在七个方面开展深度合作。</p>"
    "<p>协议签署后，两地科技部门将定期会商，共同推进重大项目落地，促进科技成果转化。</p>"
)


def news_page(comments: str) -> str:
    return (
        "<html><body><div class=nav><a href=/>首页</a> <a href=/n/>新闻</a></div>"
        f"<div class=article>{ARTICLE}</div>{comments}<div class=footer>版权所有</div></body></html>"
    )


def test_blog_comments_with_author_and_time() -> None:
    doc = cleantext.extract((PAGES / "blog_comments.html").read_bytes(), include_comments=True)
    assert doc.comments == (
        Comment("同感，我也是工作以后重读才读懂了孙少安。", "山那边的人", "2021-11-07 22:15"),
        Comment("写得真好，已经把书加进购物车了。", "阿紫", "2021-11-08 09:03"),
        Comment("少平和晓霞的那段故事，每次看都忍不住掉眼泪，路遥真是把人写活了。", "老周", "2021-11-08 13:40"),
        Comment("谢谢大家，冬天适合读这样的书。", "青灯夜读", "2021-11-08 20:11"),
    )
    assert all(c.text not in doc.text for c in doc.comments)
    assert doc.text == cleantext.extract((PAGES / "blog_comments.html").read_bytes()).text


def test_comments_off_by_default() -> None:
    assert cleantext.extract((PAGES / "blog_comments.html").read_bytes()).comments == ()


def test_news_comments_relative_times_and_widget_words_dropped() -> None:
    items = "".join(
        f'<li class="cmt-item"><div class="user-name">{name}</div><p>{text}</p>'
        f'<div class="ops"><span>{when}</span> <a>回复</a> <a>赞{likes}</a> <a>举报</a></div></li>'
        for name, text, when, likes in [
            ("江边的风", "这个合作好，希望两地越来越好，带动更多就业。", "3小时前", 12),
            ("老重庆", "支持！科技合作早该这样做了，期待成果落地。", "昨天 18:20", 5),
        ]
    )
    page = news_page(f'<div id="comment-list"><h3>网友评论</h3><ul>{items}</ul><a>查看更多评论</a></div>')
    doc = cleantext.extract(page, include_comments=True, use_jieba=False)
    assert doc.comments == (
        Comment("这个合作好，希望两地越来越好，带动更多就业。", "江边的风", "3小时前"),
        Comment("支持！科技合作早该这样做了，期待成果落地。", "老重庆", "昨天 18:20"),
    )
    assert "江边的风" not in doc.text and "这个合作好" not in doc.text


def test_a_comment_widget_without_comments_gives_none() -> None:
    widget = '<div class="comment-box"><p>0条评论</p><p>请先登录后发表评论</p><p>文明上网理性发言</p></div>'
    assert cleantext.extract(news_page(widget), include_comments=True, use_jieba=False).comments == ()


def test_forum_posts_stay_the_content() -> None:
    doc = cleantext.extract((PAGES / "forum_thread.html").read_bytes(), include_comments=True)
    plain = cleantext.extract((PAGES / "forum_thread.html").read_bytes())
    assert doc.text == plain.text
    assert all(c.text not in doc.text for c in doc.comments)


DEV = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dev"


@pytest.mark.skipif(not (DEV / "manifest.jsonl").exists(), reason="dev corpus absent")
def test_dev_pages_with_comment_sections() -> None:
    strata = {}
    for line in (DEV / "manifest.jsonl").read_text("utf-8").splitlines():
        record = json.loads(line)
        strata[record["id"]] = record["stratum"]
    with_comments = []
    for pid, stratum in sorted(strata.items()):
        page = (DEV / f"{pid}.html").read_bytes()
        doc = cleantext.extract(page, include_comments=True, use_jieba=False)
        assert doc.text == cleantext.extract(page, use_jieba=False).text
        if stratum == "mh-forum":
            assert doc.comments == (), pid  # a thread's posts are its content
        if doc.comments:
            with_comments.append(pid)
            kept = {b.text for b in doc.kept}
            assert not any(line in kept for c in doc.comments for line in c.text.split("\n")), pid
            assert all(c.text.strip() for c in doc.comments)
    assert len(with_comments) >= 10  # 14 today: news pages of gne, mh-article, rdb


def test_many_comment_sections_stay_linear() -> None:
    import time

    from cleantext.blocks import html_blocks
    from cleantext.comments import find_comments

    one = '<div class="comment"><p>读者{0}号</p><p>第{0}条评论的内容，写得比较长一些。</p></div>'
    page = "<p>正文。</p>" + "".join(one.format(k) for k in range(20000))
    blocks, _, boxes = html_blocks(page)
    start = time.perf_counter()
    found = find_comments(blocks, [True] + [False] * (len(blocks) - 1), boxes)
    assert time.perf_counter() - start < 3
    assert len(found) == 20000  # look-alike comment elements side by side, each a comment
    assert found[0] == Comment("第0条评论的内容，写得比较长一些。", "读者0号", None)
