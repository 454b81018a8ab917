"""Failure classes of unseen pages (issue 13): one hand-written page per class, each of which
failed before its fix.

Class 3: an article hidden by inline style until a script shows it. Class 4: repetition that is
content. Class 5: a data table's numbers. Class 6: body lines that mention a date. Class 7: the
widgets of traditional-Chinese pages. Class 10: edge markup (``<noframes>``, an article only in
JSON-LD or a script's state, a page with little Han text). Class 11 (issue 15): tables the article
keeps (a notice's record above it, a table section after it).
"""

from __future__ import annotations

import json

import pytest

import cleantext

TITLE = "沪渝签署科技合作协议"
P1 = "6月3日，重庆市科技局与上海市科委在浦江创新论坛上签署科技合作框架协议，双方将在七个方面开展深度合作。"
P2 = "其中，在推动科技创新中心建设方面，双方将在国家重大战略创新平台布局等方面加强合作，资源共享、经验互鉴。"
P3 = "在推动科技成果转化方面，鼓励支持上海专业化孵化平台在重庆设立分支机构，支持沪渝协同创新中心发展。"
P4 = "市科技局负责人表示，推动长江经济带发展，是关系国家发展全局的重大战略，双方将进一步深化合作。"
NAV = '<div class="nav"><a href="/">首页</a> <a href="/n/">新闻</a> <a href="/k/">科技</a> <a href="/t/">体育</a></div>'
FOOTER = '<div class="footer"><p>版权所有 重庆日报 未经授权禁止转载</p><p>渝ICP备05003419号</p></div>'


def extract(page: str | bytes, **kw: object) -> cleantext.Document:
    return cleantext.extract(page, use_jieba=False, **kw)


def page(body: str, title: str = TITLE, head: str = "") -> str:
    return f"<html><head><title>{title}_重庆日报</title>{head}</head><body>{NAV}{body}{FOOTER}</body></html>"


def reasons(doc: cleantext.Document, text: str) -> tuple[str, ...]:
    return next(b.reasons for b in doc.blocks if b.text == text)


# -- class 7: traditional-Chinese widgets after the article ------------------------------------

TW = [
    "台北市政府今天宣布，將在明年起推動全新的公共運輸計畫，預計投入新台幣五十億元，改善市區公車與捷運的轉乘服務。",
    "市長在記者會上表示，這項計畫經過兩年的規劃，參考了東京與首爾的經驗，希望讓市民的通勤時間平均縮短十分鐘。",
    "交通局長補充說，第一階段將先在信義區與內湖區試辦，收集乘客意見後，再逐步擴大到全市十二個行政區。",
]
TW_MORE = [
    "高雄市議會昨日通過新的預算案，將在明年增加社會福利支出，協助弱勢家庭度過難關。",
    "新竹科學園區今年第三季營收創下新高，半導體產業帶動整體出口成長，專家看好明年表現。",
]
TW_FEEDBACK = ["為什麼你不喜歡這個廣告？", "這則廣告與我無關，內容也不是我想看的東西。", "這則廣告重複出現太多次。"]


def test_traditional_related_heading_ends_the_article() -> None:
    more = "".join(f"<p>{p}</p>" for p in TW_MORE)
    doc = extract(page(f"<h1>台北推動公共運輸計畫</h1>{''.join(f'<p>{p}</p>' for p in TW)}"
                       f"<div class='more'><p>你可能還想看</p>{more}</div>", title="台北推動公共運輸計畫"))  # fmt: skip
    assert doc.paragraphs == tuple(TW)
    assert reasons(doc, "你可能還想看") == ("related",)


def test_traditional_ad_feedback_list_is_dropped() -> None:
    feedback = "".join(f"<li>{p}</li>" for p in TW_FEEDBACK[1:])
    doc = extract(page(f"<h1>台北推動公共運輸計畫</h1>{''.join(f'<p>{p}</p>' for p in TW)}"
                       f"<div class='fb'><p>{TW_FEEDBACK[0]}</p><ul>{feedback}</ul></div>",
                       title="台北推動公共運輸計畫"))  # fmt: skip
    assert doc.paragraphs == tuple(TW)
    assert reasons(doc, TW_FEEDBACK[0]) == ("ad",)  # the items: a run of dropped list items, teaser-list


# -- class 6: body lines that mention a date are not datelines ---------------------------------

WRAPPED = [  # a text dump's article, lines broken mid-sentence (<br> between them): each its own block
    "【江城日报2005年07月03日报道】城区多条道路近日开始改造，市民出行",
    "受到一定影响，交通部门提醒大家提前规划路线，尽量选择公共交通出行。",
    "老张今年六十岁，他于1989年5月26日离开家乡，到江城一家工厂做工，",
    "一干就是三十多年，见证了这座城市道路的变化，他说自己很期待新路。",
]


def test_wrapped_body_lines_with_dates_are_prose() -> None:
    dump = "\n".join(["首页 | 新闻 | 本地", "江城道路改造启动", "发布时间：2021-06-04 10:00 来源：江城日报", "",
                      *(line + "\n" for line in WRAPPED), "责任编辑：王小明", ""])  # fmt: skip
    doc = extract(dump)
    assert all("metadata" not in reasons(doc, line) for line in WRAPPED)
    assert doc.paragraphs == tuple(WRAPPED[1:])  # (the first, short and bracketed, scores low)
    assert doc.published is not None and doc.published.date().isoformat() == "2021-06-04"


def test_dateline_with_font_size_buttons_is_metadata() -> None:
    line = "2019-09-07 15:10:53 字号：A- A A+ 来源：EETOP"
    body = f"<h1>{TITLE}</h1><ul class='info'><li>{line}</li><li>分享到：微信 微博</li></ul>"
    doc = extract(page(body + "".join(f"<p>{p}</p>" for p in (P1, P2, P3))))
    assert doc.paragraphs == (P1, P2, P3)
    assert reasons(doc, line) == ("metadata",)
    assert doc.published is not None and doc.published.isoformat() == "2019-09-07T15:10:53+08:00"
    assert doc.source == "EETOP"


def test_published_time_preferred_to_last_update() -> None:
    body = (f"<h1>{TITLE}</h1><div class='meta'>最后更新：2022-03-01 09:00</div><p>{P1}</p><p>{P2}</p><p>{P3}</p>"
            "<div class='meta'>发布时间：2021-06-04 10:00 来源：重庆日报</div>")  # fmt: skip
    doc = extract(page(body))
    assert doc.published is not None and doc.published.isoformat() == "2021-06-04T10:00:00+08:00"


def test_last_update_when_nothing_else() -> None:
    doc = extract(page(f"<h1>{TITLE}</h1><div class='meta'>最后更新：2022-03-01 09:00</div><p>{P1}</p><p>{P2}</p>"))
    assert doc.published is not None and doc.published.isoformat() == "2022-03-01T09:00:00+08:00"


# -- class 5: a data table in the article keeps its numbers ------------------------------------

TABLE = [["指标", "2022年", "2023年"], ["地区生产总值增速", "3.0%", "5.2%"], ["居民消费价格涨幅", "2.0%", "0.2%"],
         ["城镇调查失业率", "5.6%", "5.2%"], ["规模以上工业增加值增速", "3.4%", "4.6%"]]  # fmt: skip


def table_html(rows: list[list[str]]) -> str:
    return "<table>" + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows) + "</table>"


def test_data_table_in_the_article_keeps_its_numbers_in_row_order() -> None:
    body = f"<h1>{TITLE}</h1><div class='content'><p>{P1}</p><p>{P2}</p>{table_html(TABLE)}<p>{P3}</p><p>{P4}</p></div>"
    doc = extract(page(body))
    cells = [c for row in TABLE for c in row]
    assert doc.paragraphs == (P1, P2, *cells, P3, P4)


def test_data_table_after_the_article_keeps_its_numbers() -> None:
    body = f"<h1>{TITLE}</h1><div class='content'><p>{P1}</p><p>{P2}</p><p>{P3}</p>{table_html(TABLE)}</div>"
    doc = extract(page(body))
    assert doc.paragraphs == (P1, P2, P3, *[c for row in TABLE for c in row])


def test_link_table_outside_the_article_stays_out() -> None:
    links = [[f"<a href='/{i}'>第{i}期节目回顾</a>", f"<a href='/{i}v'>{i}.5%</a>"] for i in range(6)]
    body = f"<h1>{TITLE}</h1><div class='content'><p>{P1}</p><p>{P2}</p><p>{P3}</p></div>{table_html(links)}"
    doc = extract(page(body))
    assert doc.paragraphs == (P1, P2, P3)


# -- class 11: tables the article keeps (issue 15) ---------------------------------------------

NOTICE = "重庆市人民政府办公厅关于加强城市绿地保护的通知"
RECORD = [["索 引 号：", "11500000MB1536456X/2023-00118"], ["主题分类：", "城乡建设、环境保护"],
          ["发布机构：", "重庆市人民政府办公厅"], ["成文日期：", "2023年03月02日"], ["标　　题：", NOTICE],
          ["发文字号：", "渝府办发〔2023〕12号"], ["发布日期：", "2023年03月06日"]]  # fmt: skip


def notice(record: str) -> str:
    """A government notice: its record (a table of labelled values) above its title and body."""
    body = "".join(f"<p>{p}</p>" for p in (P1, P2, P3, P4))
    return page(f"<div class='xxgk'>{record}</div><div class='article'><h1>{NOTICE}</h1><p>渝府办发〔2023〕12号</p>"
                f"{body}</div>", title=NOTICE)  # fmt: skip


def test_notice_record_table_above_the_article_is_kept() -> None:
    doc = extract(notice(table_html(RECORD)))
    cells = tuple(" ".join(c.split()) for row in RECORD for c in row)
    assert doc.paragraphs == (*cells, P1, P2, P3, P4)
    assert "| 发文字号： | 渝府办发〔2023〕12号 |" in doc.markdown.split("\n")
    assert doc.title == NOTICE and doc.published is not None


def test_notice_record_in_two_layouts_is_kept_once() -> None:
    wide = [RECORD[0] + RECORD[1], RECORD[2] + RECORD[3], RECORD[4], RECORD[5] + RECORD[6]]
    doc = extract(notice(table_html(RECORD) + table_html(wide)))
    cells = tuple(" ".join(c.split()) for row in RECORD for c in row)
    assert doc.paragraphs == (*cells, P1, P2, P3, P4)


def test_labelled_values_above_a_menu_stay_out() -> None:
    widget = table_html([["天气：", "晴"], ["气温：", "25℃"], ["空气质量：", "良"], ["风力：", "3级"]])
    menu = "".join(f"<a href='/c{i}'>{w}</a> " for i, w in enumerate(["要闻", "时政", "财经", "社会", "文化"]))
    body = "".join(f"<p>{p}</p>" for p in (P1, P2, P3, P4))
    side = f"<div class='side'>{widget}</div><div class='menu'>{menu}</div>"
    doc = extract(page(f"{side}<div class='content'><h1>{TITLE}</h1>{body}</div>"))
    assert doc.paragraphs == (P1, P2, P3, P4)


AWARDS = [["年份", "颁奖典礼", "奖项", "结果"], ["2004年", "第19届金唱片大赏", "人气歌手奖", "获奖"],
          ["2005年", "首尔歌谣大赏", "本赏", "获奖"], ["2008年", "亚洲模特儿颁奖典礼", "人气歌手赏", "提名"],
          ["2013年", "搜寻人气大奖", "最具号召力主持人", "获奖"]]  # fmt: skip


def headed_table(rows: list[list[str]], linked: int | None = None, repeat: int = 1) -> str:
    """A table with a header row of ``<th>``; column ``linked`` of the body rows is links."""
    head = "<tr>" + "".join(f"<th>{c}</th>" for c in rows[0]) + "</tr>"
    cell = [f"<td><a href='/w/{k}'>{{}}</a></td>" if k == linked else "<td>{}</td>" for k in range(len(rows[0]))]
    body = "".join("<tr>" + "".join(cell[k].format(c) for k, c in enumerate(r)) + "</tr>" for r in rows[1:] * repeat)
    return f"<table class='wikitable'>{head}{body}</table>"


P5 = "双方还约定，每年轮流举办一次科技合作联席会议，总结上一年度合作成效，研究部署下一年度重点工作任务。"
P6 = "据介绍，近年来两地科技交流日益频繁，已有一百多家科研机构和企业开展了项目合作，取得了一批重要成果。"


def sections(table: str) -> str:
    """An encyclopedia-style article: sections under ``<h2>``, the last one a table."""
    prose = f"<h2>简介</h2><p>{P1}</p><p>{P2}</p><p>{P5}</p><h2>经历</h2><p>{P3}</p><p>{P4}</p><p>{P6}</p>"
    return page(f"<div class='content'><h1>{TITLE}</h1>{prose}<h2>获奖记录</h2>{table}</div>")


@pytest.mark.parametrize("linked", [None, 2], ids=["plain", "linked-column"])
def test_table_section_after_the_article_is_kept(linked: int | None) -> None:
    doc = extract(sections(headed_table(AWARDS, linked)))
    cells = [c for row in AWARDS for c in row]
    assert doc.paragraphs == (P1, P2, P5, "经历", P3, P4, P6, "获奖记录", *cells)
    assert "| 2008年 | 亚洲模特儿颁奖典礼 | 人气歌手赏 | 提名 |" in doc.markdown.split("\n")


def test_grid_of_links_after_the_article_stays_out() -> None:
    links = [["栏目", "推荐"]] + [[f"第{i}期节目回顾", f"精彩片段集锦{i}"] for i in range(4)]
    grid = headed_table(links, 0).replace("<td>精彩", "<td><a href='/v'>精彩").replace("</td></tr>", "</a></td></tr>")
    doc = extract(sections(grid))
    assert doc.paragraphs == (P1, P2, P5, "经历", P3, P4, P6)


# A profile page whose article is mostly tables: a short biography, then section after section of
# records (shows, awards), each a table under its heading, in an element many times the prose's
# size (so no article element is found around the prose), with a date column whose dates a
# program's name full of punctuation follows (so they read as the bylines of posts).

SINGER = "林晓雨"
BIO = [
    "林晓雨，华语流行歌手、电视节目主持人，毕业于南方音乐学院声乐系，二〇〇五年以组合成员身份出道，两年后开始个人发展。",
    "她的嗓音清亮，擅长抒情慢歌，第二张个人专辑的主打歌连续八周位居电台点播榜首，让她获得了更多听众的关注。",
    "除了唱歌以外，她还长期主持音乐与旅行类节目，以亲切自然的风格受到观众喜爱，被媒体称为“最会聊天的歌手”。",
]
CAREER = [
    "二〇一〇年起，她把更多时间放在综艺节目上，先后担任多档节目的常驻嘉宾，并在一档户外真人秀中担任队长。",
    "二〇一六年，她成立了个人工作室，同年发行第五张专辑，并开始在多个城市举办小型巡回演唱会，反响热烈。",
    "近年来她积极参与公益活动，多次到山区学校教孩子们唱歌，还发起了为乡村学校捐赠乐器的长期计划。",
]
STATIONS = ["东方卫视", "湖南卫视", "江苏卫视", "浙江卫视", "北京卫视", "深圳卫视"]
SHOWS = ["快乐星期天", "音乐风云榜", "你好，星期六！", "歌声与微笑", "一起去旅行", "我们的歌，一起唱！", "明星厨房",
         "朋友来了"]  # fmt: skip
NOTES = ["", "常驻嘉宾", "第三季起", "", "特别主持", "共十二集"]
SHOW_HEAD = ["播出日期", "电视台", "节目名称", "备注"]
INFO = [["本名", "林晓雨"], ["职业", "歌手、主持人"], ["经纪公司", "星河娱乐"], ["出生", "1986年5月12日"]]


def show_rows(year: int, n: int) -> list[list[str]]:
    return [[f"{year + k // 4}年{k % 12 + 1}月{(7 * k) % 27 + 1}日", STATIONS[k % 6], SHOWS[(k * 3) % 8], NOTES[k % 6]]
            for k in range(n)]  # fmt: skip


def profile(tables: str, prose: str = "") -> str:
    """The singer's page: an infobox (its last row her birth date, right above the prose) unless
    ``prose`` replaces it and her first section, her biography in two sections, then ``tables``."""
    info = "<table class='infobox'>" + "".join(f"<tr><th>{a}</th><td>{b}</td></tr>" for a, b in INFO) + "</table>"
    info, prose = (info, "<h2>简介</h2>" + "".join(f"<p>{p}</p>" for p in BIO)) if not prose else ("", prose)
    prose += "<h2>经历</h2>" + "".join(f"<p>{p}</p>" for p in CAREER)
    return page(f"<div class='content'><h1>{SINGER}</h1>{info}{prose}{tables}</div>", title=SINGER)


SHOW_TABLES = [("主持", "", show_rows(2010, 8)), ("嘉宾出演", "2012年－2014年", show_rows(2012, 12)),
               ("", "2015年－2018年", show_rows(2015, 12))]  # fmt: skip


def test_a_series_of_record_tables_after_a_short_article_is_kept() -> None:
    tables = "<h2>综艺节目</h2>" + "".join(
        (f"<h3>{h}</h3>" if h else "") + (f"<p>{sub}</p>" if sub else "") + headed_table([SHOW_HEAD, *rows])
        for h, sub, rows in SHOW_TABLES
    )
    doc = extract(profile(tables + f"<h2>奖项</h2>{headed_table(AWARDS)}"))
    expected = [*BIO, "经历", *CAREER, "综艺节目"]
    for h, sub, rows in SHOW_TABLES:
        expected += [x for x in (h, sub) if x] + [c for row in [SHOW_HEAD, *rows] for c in row if c]
    expected += ["奖项", *[c for row in AWARDS for c in row]]
    assert doc.paragraphs == tuple(expected)
    lines = doc.markdown.split("\n")
    assert "| 2013年7月16日 | 东方卫视 | 你好，星期六！ |  |" in lines
    assert "| 2008年 | 亚洲模特儿颁奖典礼 | 人气歌手赏 | 提名 |" in lines


HEADLINES = ["我市召开全市重点项目建设推进会议", "多地迎来入秋以来首场降雨天气", "高铁新线开通运营沿线群众出行更便捷",
             "第十届全民读书节在市图书馆开幕", "夏粮收购工作有序开展农民增收",
             "科技创新大会举行表彰一批先进集体"]  # fmt: skip


def test_headlines_with_their_dates_after_the_article_stay_out() -> None:
    """A table of teasers (a linked headline and its date a row, under a header row) is no record."""
    rows = "".join(f"<tr><td><a href='/n/{k}.html'>{h}</a></td><td>2023-05-0{k + 1}</td></tr>"
                   for k, h in enumerate(HEADLINES))  # fmt: skip
    teasers = f"<table><tr><th>标题</th><th>日期</th></tr>{rows}</table>"
    body = f"<h1>{TITLE}</h1><div class='content'><p>{P1}</p><p>{P2}</p><p>{P3}</p></div><h3>今日要闻</h3>{teasers}"
    assert extract(page(body)).paragraphs == (P1, P2, P3)


NAMES = [["本名", "林晓雨"], ["繁体名", "林曉雨"], ["英文名", "Lin Xiaoyu"], ["出生地", "台北"]]


def test_labelled_values_inside_the_article_are_kept() -> None:
    """A record of the singer's names between the article's paragraphs: a header cell (a label
    linking to its term's page) and a value a row, under a caption row."""
    rows = "".join(f"<tr><th><a href='/wiki/{k}'>{a}</a></th><td>{b}</td></tr>" for k, (a, b) in enumerate(NAMES))
    names = f"<table class='infobox'><tr><td colspan='2'>{SINGER}</td></tr>{rows}</table>"
    doc = extract(profile("", f"<p>{BIO[0]}</p>{names}<p>{BIO[1]}</p><p>{BIO[2]}</p>"))
    assert doc.paragraphs == (BIO[0], SINGER, *[c for row in NAMES for c in row], BIO[1], BIO[2], "经历", *CAREER)
    assert "| 英文名 | Lin Xiaoyu |" in doc.markdown.split("\n")


# -- class 4: repetition inside the article is content -----------------------------------------

SONG = ["春天的风吹过山岗", "吹绿了门前的小河", "我们手拉着手唱歌", "唱给远方的朋友听"]
CHORUS = ["啦啦啦，春天来了", "啦啦啦，花儿开了", "这是我们的家乡啊", "这是我们的家乡"]
VERSE2 = ["夏天的雨落在屋檐", "打湿了窗外的芭蕉", "我们坐在灯下读书", "读到月亮爬上树梢"]


def test_a_songs_chorus_is_kept_each_time() -> None:
    lines = [*SONG, *CHORUS, *VERSE2, *CHORUS]
    intro = "这首歌写于上世纪八十年代，作者在一个春天的傍晚完成了它，后来被很多学校选作音乐课的教材。"
    body = f"<h1>家乡的春天</h1><div class='lyrics'><p>{intro}</p>" + "".join(f"<p>{x}</p>" for x in lines) + "</div>"
    doc = extract(page(body, title="家乡的春天"))
    assert doc.paragraphs == (intro, *lines)


def test_a_command_repeated_in_a_tutorial_is_kept() -> None:
    steps = [P1, "<pre>python3 -m venv .venv</pre>", P2, "<pre>pip install -r requirements.txt</pre>", P3,
             "<pre>python3 -m venv .venv</pre>", P4]  # fmt: skip
    doc = extract(page(f"<h1>{TITLE}</h1><div class='content'>" + "".join(
        s if s.startswith("<pre>") else f"<p>{s}</p>" for s in steps) + "</div>"))  # fmt: skip
    assert doc.paragraphs == (P1, "python3 -m venv .venv", P2, "pip install -r requirements.txt", P3,
                              "python3 -m venv .venv", P4)  # fmt: skip


def test_a_repeated_lead_is_still_dropped() -> None:
    body = f"<h1>{TITLE}</h1><div class='content'><p>{P1}</p><p>{P2}</p><p>{P3}</p><p>{P1}</p><p>{P4}</p></div>"
    doc = extract(page(body))
    assert doc.paragraphs == (P1, P2, P3, P4)


# -- class 3: an article hidden until a script shows it -----------------------------------------

REPORT_FORM = (  # a hidden dialog with a sentence in it: goes, hidden or named
    "<div class='{cls}' style='display:none'>"
    "<p>请选择举报的原因，我们会在核实后尽快处理，感谢你对平台的支持与监督。</p>"
    "<p>欺诈</p><p>色情</p><p>诱导分享</p></div>"
)


def test_wechat_article_hidden_until_shown_is_kept() -> None:
    body = (
        f"<div id='js_article' class='rich_media'><h1 class='rich_media_title'>{TITLE}</h1>"
        "<div class='rich_media_meta_list'>江城发布 2021-06-04 10:00</div>"
        "<div class='rich_media_content' id='js_content' style='visibility: hidden;'>"
        f"<p>{P1}</p><p>{P2}</p><p>{P3}</p><p>{P4}</p></div></div>" + REPORT_FORM.format(cls="weui-dialog")
    )
    doc = extract(page(body))
    assert doc.paragraphs == (P1, P2, P3, P4)


def test_article_container_hidden_by_display_none_is_kept() -> None:
    body = f"<h1>{TITLE}</h1><div class='article' style='display:none'><p>{P1}</p><p>{P2}</p><p>{P3}</p></div>"
    doc = extract(page(body + REPORT_FORM.format(cls="tips")))
    assert doc.paragraphs == (P1, P2, P3)


def test_article_container_with_opacity_zero_is_kept() -> None:
    body = f"<h1>{TITLE}</h1><div class='article' style='opacity:0'><p>{P1}</p><p>{P2}</p><p>{P3}</p></div>"
    doc = extract(page(body))
    assert doc.paragraphs == (P1, P2, P3)


def test_hidden_prose_beside_a_visible_article_goes() -> None:
    hidden = "<div style='display:none'><p>这是一段隐藏的文字，只有在用户点击按钮之后才会出现在屏幕上。</p></div>"
    body = f"<h1>{TITLE}</h1><div class='article'><p>{P1}</p><p>{P2}</p>{hidden}<p>{P3}</p><p>{P4}</p></div>"
    doc = extract(page(body + REPORT_FORM.format(cls="tips")))
    assert doc.paragraphs == (P1, P2, P3, P4)
    assert "请选择举报的原因" not in doc.text


# -- class 10: edge markup ---------------------------------------------------------------------


def test_noframes_content_is_text_not_markup() -> None:
    frames = (
        f"<html><head><title>{TITLE}</title></head><frameset cols='20%,80%'><frame src='menu.html'>"
        f"<noframes><body><h1>{TITLE}</h1><p>{P1}</p><p>{P2}</p><p>{P3}</p></body></noframes></frameset></html>"
    )
    doc = extract(frames)
    assert doc.paragraphs == (P1, P2, P3)
    assert "<" not in "".join(b.text for b in doc.blocks)


def test_noframes_notice_beside_a_body_leaks_no_markup() -> None:
    doc = extract(page(f"<noframes><p>您的浏览器不支持框架。</p></noframes><h1>{TITLE}</h1><p>{P1}</p><p>{P2}</p>"))
    assert doc.paragraphs == (P1, P2)
    assert all("<" not in b.text for b in doc.blocks)


def _app_page(script: str) -> str:
    return f"<html><head><title>{TITLE}_重庆日报</title>{script}</head><body><div id='app'></div></body></html>"


def test_article_only_in_json_ld_is_the_fallback() -> None:
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": TITLE,
          "articleBody": "\n".join((P1, P2, P3))}  # fmt: skip
    doc = extract(_app_page(f"<script type='application/ld+json'>{json.dumps(ld, ensure_ascii=False)}</script>"))
    assert doc.paragraphs == (P1, P2, P3)
    declared = [b for b in doc.blocks if b.kept]
    assert all(b.kind == "declared" and b.reasons == ("json-ld-body",) for b in declared)


def test_article_only_in_next_data_is_the_fallback() -> None:
    state = {"props": {"pageProps": {"article": {"title": TITLE, "content": f"<p>{P1}</p><p>{P2}</p><p>{P4}</p>"}}}}
    script = f"<script id='__NEXT_DATA__' type='application/json'>{json.dumps(state, ensure_ascii=False)}</script>"
    doc = extract(_app_page(script))
    assert doc.paragraphs == (P1, P2, P4)
    assert {r for b in doc.blocks if b.kept for r in b.reasons} == {"script-state"}


def test_article_only_in_initial_state_is_the_fallback() -> None:
    state = {"detail": {"id": 7, "body": "\n\n".join((P2, P3, P4))}, "user": None}
    doc = extract(_app_page(f"<script>window.__INITIAL_STATE__ = {json.dumps(state, ensure_ascii=False)};</script>"))
    assert doc.paragraphs == (P2, P3, P4)


def test_list_page_state_gives_no_article() -> None:
    items = [{"title": f"第{i}条新闻标题", "summary": "一句简短的摘要，介绍这条新闻。"} for i in range(30)]
    state = json.dumps({"items": items}, ensure_ascii=False)
    script = f"<script id='__NEXT_DATA__' type='application/json'>{state}</script>"
    doc = extract(_app_page(script))
    assert doc.text == ""
    assert not any(b.kind == "declared" for b in doc.blocks)


def test_dom_article_wins_over_json_ld() -> None:
    ld = {"@type": "NewsArticle", "articleBody": "\n".join((P3, P4))}
    head = f"<script type='application/ld+json'>{json.dumps(ld, ensure_ascii=False)}</script>"
    doc = extract(page(f"<h1>{TITLE}</h1><p>{P1}</p><p>{P2}</p>", head=head))
    assert doc.paragraphs == (P1, P2)
    assert not any(b.kind == "declared" for b in doc.blocks)


JA = [  # kana-heavy prose, as most Japanese is: few Han characters
    "きょうは、したまちにある ちいさなパンやさんを たずねました。あさはやくから おきゃくさんが ならんでいました。",
    "オーナーによると、まいあさ よじに おきて、きじを こねているそうです。にんきは、カリッとした バゲットです。",
    "これからも ちいきの みなさんに あいされる おみせを つづけていきたいと、オーナーは えがおで はなしてくれました。",
]
JA_NAV = "<ul class='menu'>" + "".join(
    f"<li><a href='/{i}'>{w}</a></li>" for i, w in enumerate(["ホーム", "ニュース", "グルメ", "おでかけ", "ランキング"])
) + "</ul>"  # fmt: skip


def _ja_page(body: str) -> str:
    foot = "<div class='foot'><a href='/about'>会社概要</a> <a href='/privacy'>プライバシー</a></div>"
    return f"<html lang='ja'><head><title>下町のパン屋_サンプル</title></head><body>{JA_NAV}{body}{foot}</body></html>"


def test_page_with_little_han_falls_back_on_letters() -> None:
    doc = extract(
        _ja_page("<h1>下町のパン屋を訪ねて</h1><div class='article'>" + "".join(f"<p>{p}</p>" for p in JA) + "</div>")
    )
    assert doc.paragraphs == tuple(JA)
    assert all("letter-region" in b.reasons for b in doc.kept)


def test_little_han_list_page_gives_no_article() -> None:
    teasers = "".join(
        f"<li><a href='/a/{i}'>東京の新しいパン屋{i}：朝から行列ができる人気の店を紹介します。</a></li>"
        for i in range(12)
    )
    doc = extract(_ja_page(f"<h1>新着記事</h1><ul class='list'>{teasers}</ul>"))
    assert doc.text == ""
