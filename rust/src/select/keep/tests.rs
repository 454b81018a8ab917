//! The steps of the keep part on small pages (the Python twin's examples), and `keep` on pages at
//! the edges: empty, spans and elements past the last block, the title and the first post at
//! either end, elements empty, overlapping and nested.

use super::*;
use crate::select::hard::Hard;
use crate::select::region::Region;
use crate::select::{Container, Kind, BARRIER_VALUE};

/// A block of text `text`, kind `kind`, element tag `tag`.
fn block<'a>(text: &'a str, kind: Kind, tag: &'a str) -> Block<'a> {
    Block { text: text.as_bytes(), matchable: None, kind: Some(kind), tag: tag.as_bytes(), ..Block::default() }
}

/// Features as the measure gives them, near enough for these steps: characters, Han
/// characters, punctuation and a sentence's end.
fn feat(text: &str) -> Row {
    let cps: Vec<char> = text.chars().collect();
    Row {
        chars: cps.len(),
        han: cps.iter().filter(|&&c| ('\u{3400}'..='\u{9fff}').contains(&c)).count(),
        punct: cps.iter().filter(|&&c| "，。；、！？：".contains(c)).count(),
        ends_sentence: cps.last().is_some_and(|&c| "。！？".contains(c)),
        ..Row::default()
    }
}

/// A page of blocks `(text, kind, tag)` with elements `(first, end, tag)`.
fn page<'a>(blocks: &[(&'a str, Kind, &'a str)], elements: &[(usize, usize, &str)]) -> Page<'a> {
    Page {
        blocks: blocks.iter().map(|&(t, k, g)| block(t, k, g)).collect(),
        feats: blocks.iter().map(|&(t, _, _)| feat(t)).collect(),
        lexicon: Vec::new(),
        title: None,
        containers: elements
            .iter()
            .map(|&(first, end, tag)| Container { first, end, tag: tag.as_bytes().to_vec(), ..Container::default() })
            .collect(),
        widget_words: Vec::new(),
    }
}

/// Lines of a text dump.
fn lines<'a>(texts: &[&'a str]) -> Page<'a> {
    let blocks: Vec<(&str, Kind, &str)> = texts.iter().map(|&t| (t, Kind::Line, "line")).collect();
    page(&blocks, &[])
}

/// Table cells, `<th>` at `th`.
fn cells(texts: &[&str], kind_of: impl Fn(usize) -> Kind, th: &[usize]) -> Vec<(String, Kind, &'static str)> {
    texts
        .iter()
        .enumerate()
        .map(|(i, &t)| (t.to_string(), kind_of(i), if th.contains(&i) { "th" } else { "td" }))
        .collect()
}

/// A page of `cells` (their texts leaked: a test's few bytes, so that the page needs no owner).
fn page_of(blocks: &[(String, Kind, &'static str)], elements: &[(usize, usize, &str)]) -> Page<'static> {
    let b: Vec<(&'static str, Kind, &str)> =
        blocks.iter().map(|(t, k, g)| (&*Box::leak(t.clone().into_boxed_str()), *k, *g)).collect();
    page(&b, elements)
}

#[derive(Default)]
struct Given<'a> {
    hard: &'a [Option<Reason>],
    values: &'a [f64],
    scores: &'a [f64],
    datelines: &'a [bool],
    thread: bool,
}

fn cx<'a>(page: &'a Page, t: &'a Thresholds, g: Given) -> Ctx<'a> {
    let n = page.blocks.len();
    Ctx {
        n,
        blocks: &page.blocks,
        feats: (0..n).map(|i| page.feats.get(i).unwrap_or(&NO_FEAT)).collect(),
        scores: fitted(g.scores, n, 0.0),
        hard: fitted(g.hard, n, None),
        datelines: fitted(g.datelines, n, false),
        dated: vec![false; n],
        values: fitted(g.values, n, 0.0),
        elements: page
            .containers
            .iter()
            .map(|c| Element { first: c.first.min(n), end: c.end.min(n), tag: &c.tag })
            .collect(),
        title: page.title.as_deref(),
        thread: g.thread,
        t,
    }
}

fn verdicts(kept: &[bool], reasons: &[&[Reason]]) -> Verdicts {
    Verdicts { kept: kept.to_vec(), reasons: reasons.iter().map(|r| r.to_vec()).collect() }
}

use Reason::{ContinuesRegion as C, MainRegion as M, NoHan, Short as S};

#[test]
fn keep_code_keeps_preformatted_blocks_in_a_span() {
    let p = page(&[("npm i -g depcheck", Kind::Preformatted, "pre"), ("$ ls", Kind::Preformatted, "pre")], &[]);
    let t = Thresholds::default();
    let c = cx(&p, &t, Given { hard: &[Some(NoHan), Some(NoHan)], ..Given::default() });
    let mut v = verdicts(&[false, false], &[&[NoHan], &[NoHan]]);
    code::keep_code(&c, &[true, false], &mut v);
    assert_eq!(v.kept, [true, false]);
    assert_eq!(v.reasons, [vec![C], vec![NoHan]]);
}

#[test]
fn keep_dump_code_fills_gaps_of_code() {
    let p = lines(&["先安装：", "pip install requests", "再运行。", "[image]", "完。"]);
    let t = Thresholds::default();
    let hard = [None, Some(NoHan), None, Some(NoHan), None];
    let c = cx(&p, &t, Given { hard: &hard, ..Given::default() });
    let mut v = verdicts(&[true, false, true, false, true], &[&[M], &[NoHan], &[M], &[NoHan], &[M]]);
    code::keep_dump_code(&c, &mut v);
    assert_eq!(v.kept, [true, true, true, false, true]);
    assert_eq!(v.reasons[1], [C]);
    // a gap of closers alone is no code; a gap of code then closers is
    let p = lines(&["正文。", "}", "});", "正文。", "int main(void) {", "return 0;", "}", "正文。"]);
    let c = cx(
        &p,
        &t,
        Given {
            hard: &[None, Some(NoHan), Some(NoHan), None, Some(NoHan), Some(NoHan), Some(NoHan)],
            ..Given::default()
        },
    );
    let mut v = verdicts(
        &[true, false, false, true, false, false, false, true],
        &[&[M], &[NoHan], &[NoHan], &[M], &[NoHan], &[NoHan], &[NoHan], &[M]],
    );
    code::keep_dump_code(&c, &mut v);
    assert_eq!(v.kept, [true, false, false, true, true, true, true, true]);
}

#[test]
fn code_gaps() {
    let p = lines(&["int main(void) {", "return 0;", "}", "}"]);
    let t = Thresholds::default();
    let c = cx(&p, &t, Given { hard: &[Some(NoHan); 4], ..Given::default() });
    assert!(code::code_gap(&c, 0..3));
    assert!(!code::code_gap(&c, 2..4));
    assert!(!code::code_gap(&c, 0..0));
}

#[test]
fn trailing_table_keeps_its_cells() {
    let texts = ["附：招生专业", "学科名称", "导师", "艺术学", "同上", "艺术学", "同上"];
    let p = page_of(&cells(&texts, |_| Kind::TableCell, &[]), &[(0, 7, "table")]);
    let t = Thresholds::default();
    let hard = [None, None, None, None, None, Some(Reason::Duplicate), Some(Reason::Duplicate)];
    let values = [9.0, -2.0, -2.0, -2.0, -2.0, -2.0, -2.0];
    let c = cx(&p, &t, Given { hard: &hard, values: &values, ..Given::default() });
    let mut v =
        verdicts(&[true, false, false, false, false, false, false], &[&[M], &[S], &[S], &[S], &[S], &[S], &[S]]);
    tables::keep_trailing_table(&c, &mut v);
    assert_eq!(v.kept, [true; 7]);
    // a barrier inside: not the article's
    let mut values = values;
    values[3] = BARRIER_VALUE;
    let c = cx(&p, &t, Given { hard: &hard, values: &values, ..Given::default() });
    let mut v =
        verdicts(&[true, false, false, false, false, false, false], &[&[M], &[S], &[S], &[S], &[S], &[S], &[S]]);
    tables::keep_trailing_table(&c, &mut v);
    assert_eq!(v.kept, [true, false, false, false, false, false, false]);
}

#[test]
fn repeated_lines_of_a_chorus() {
    let texts = [
        "第一段正文，写得很长很长。",
        "啦啦啦，春天来了",
        "啦啦啦，花儿开了",
        "第二段。",
        "啦啦啦，春天来了",
        "啦啦啦，花儿开了",
        "啦啦啦，春天来了",
    ];
    let blocks: Vec<(&str, Kind, &str)> = texts.iter().map(|&t| (t, Kind::Paragraph, "p")).collect();
    let mut p = page(&blocks, &[]);
    for (i, first) in [(4, 1), (5, 2), (6, 1)] {
        p.feats[i].duplicate_of = Some(first);
    }
    let t = Thresholds::default();
    let dup = Some(Reason::Duplicate);
    let c = cx(&p, &t, Given { hard: &[None, None, None, None, dup, dup, dup], ..Given::default() });
    let d = [Reason::Duplicate];
    let mut v = verdicts(&[true, true, true, true, false, false, false], &[&[M], &[C], &[C], &[C], &d, &d, &d]);
    verdicts::keep_repeated_lines(&c, &[(0, 6)], &mut v);
    assert_eq!(v.kept, [true, true, true, true, true, true, false]);
    // a first copy before the span: not this span's repeat
    let mut v = verdicts(&[true, true, true, true, false, false, false], &[&[M], &[C], &[C], &[C], &d, &d, &d]);
    verdicts::keep_repeated_lines(&c, &[(3, 6)], &mut v);
    assert_eq!(v.kept, [true, true, true, true, false, false, false]);
}

#[test]
fn data_table_in_the_article() {
    let texts = ["正文第一段。", "指标", "增速", "工业", "7.1%", "消费", "3.2%"];
    let p =
        page_of(&cells(&texts, |i| if i == 0 { Kind::Paragraph } else { Kind::TableCell }, &[]), &[(1, 7, "table")]);
    let t = Thresholds::default();
    let hard = [None, None, None, None, Some(NoHan), None, Some(NoHan)];
    let values = [9.0, -2.0, -2.0, -2.0, -2.0, -2.0, -2.0];
    let c = cx(&p, &t, Given { hard: &hard, values: &values, ..Given::default() });
    let fresh =
        || verdicts(&[true, false, false, false, false, false, false], &[&[M], &[S], &[S], &[S], &[S], &[S], &[S]]);
    let mut v = fresh();
    tables::keep_data_tables(&c, &[true; 7], &mut v);
    assert_eq!(v.kept, [true; 7]);
    // outside the span: not kept
    let mut v = fresh();
    tables::keep_data_tables(&c, &[true, true, true, true, true, true, false], &mut v);
    assert_eq!(v.kept, [true, false, false, false, false, false, false]);
}

#[test]
fn a_series_of_tables_after_the_article() {
    let texts =
        ["正文第一段。", "主持", "日期", "节目", "2019年3月2日", "音乐风云榜", "奖项", "年份", "结果", "2020", "获奖"];
    let p = page_of(
        &cells(&texts, |i| if i < 2 { Kind::Paragraph } else { Kind::TableCell }, &[2, 3, 7, 8]),
        &[(2, 6, "table"), (2, 4, "tr"), (7, 11, "table"), (7, 9, "tr")],
    );
    let t = Thresholds::default();
    let mut hard = [None; 11];
    hard[9] = Some(NoHan);
    let mut values = [-2.0; 11];
    values[0] = 9.0;
    let c = cx(&p, &t, Given { hard: &hard, values: &values, ..Given::default() });
    let mut kept = [false; 11];
    kept[0] = true;
    let mut reasons: Vec<&[Reason]> = vec![&[S]; 11];
    reasons[0] = &[M];
    let mut v = verdicts(&kept, &reasons);
    tables::keep_table_series(&c, &mut v);
    assert_eq!(v.kept, [true; 11]);
    // a gap wider than `table_gap`: no series
    let narrow = Thresholds { table_gap: 0, ..Thresholds::default() };
    let c = cx(&p, &narrow, Given { hard: &hard, values: &values, ..Given::default() });
    let mut v = verdicts(&kept, &reasons);
    tables::keep_table_series(&c, &mut v);
    assert_eq!(v.kept, kept);
}

#[test]
fn a_record_above_the_article() {
    let texts = ["索 引 号：", "1150/2023-00118", "发文机关：", "市政府", "发布日期：", "2023年03月06日", "正文。"];
    let p = page_of(
        &cells(&texts, |i| if i < 6 { Kind::TableCell } else { Kind::Paragraph }, &[]),
        &[(0, 6, "table"), (0, 2, "tr"), (2, 4, "tr"), (4, 6, "tr")],
    );
    let t = Thresholds::default();
    let values = [-2.0, -2.0, -2.0, -2.0, -2.0, -2.0, 9.0];
    let dates = [false, false, false, false, false, true, false];
    let c = cx(&p, &t, Given { values: &values, datelines: &dates, ..Given::default() });
    let fresh =
        || verdicts(&[false, false, false, false, false, false, true], &[&[S], &[S], &[S], &[S], &[S], &[S], &[M]]);
    let mut v = fresh();
    tables::keep_record_table(&c, Some(3), &mut v);
    assert_eq!(v.kept, [true; 7]);
    assert_eq!(v.reasons[5], [C, Reason::Metadata]);
    assert_eq!(v.reasons[3], [C, Reason::Title]);
    // a barrier inside: not the article's
    let values = [-2.0, -2.0, BARRIER_VALUE, -2.0, -2.0, -2.0, 9.0];
    let c = cx(&p, &t, Given { values: &values, datelines: &dates, ..Given::default() });
    let mut v = fresh();
    tables::keep_record_table(&c, None, &mut v);
    assert_eq!(v.kept, [false, false, false, false, false, false, true]);
    // a copy of a record (every value a duplicate) is not kept again
    let mut copy = p.clone();
    for i in [1, 3, 5] {
        copy.feats[i].duplicate_of = Some(0);
    }
    let values = [-2.0, -2.0, -2.0, -2.0, -2.0, -2.0, 9.0];
    let c = cx(&copy, &t, Given { values: &values, datelines: &dates, ..Given::default() });
    let mut v = fresh();
    tables::keep_record_table(&c, None, &mut v);
    assert_eq!(v.kept, [false, false, false, false, false, false, true]);
}

#[test]
fn short_replies_under_bylines_like_the_first() {
    let mut p = lines(&[
        "发布 #1 2023年10月2日",
        "正文很长。",
        "小王",
        "发布 #2 2023年10月9日",
        "回复：插件发布",
        "赞一个",
        "顶",
    ]);
    p.title = Some("插件发布 - 社区".as_bytes().to_vec());
    let t = Thresholds::default();
    let dates = [true, false, false, true, false, false, false];
    let c = cx(&p, &t, Given { datelines: &dates, thread: true, ..Given::default() });
    let mut v = verdicts(&[false, true, false, false, false, false, false], &[&[S] as &[Reason]; 7]);
    verdicts::keep_post_texts(&c, 0, 2, &mut v);
    assert_eq!(v.kept, [false, true, false, false, false, true, false]);
    // a byline right under a kept post closes it
    let mut v = verdicts(&[false, true, false, false, false, false, false], &[&[S] as &[Reason]; 7]);
    v.kept[2] = true;
    verdicts::keep_post_texts(&c, 0, 2, &mut v);
    assert_eq!(v.kept, [false, true, true, false, false, false, false]);
    // a first post past the page, a start past the page: nothing
    let mut v = verdicts(&[false; 7], &[&[S] as &[Reason]; 7]);
    verdicts::keep_post_texts(&c, 7, 2, &mut v);
    verdicts::keep_post_texts(&c, 0, 9, &mut v);
    assert_eq!(v.kept, [false; 7]);
}

#[test]
fn replies_end_at_a_barrier() {
    let p = lines(&["正文。", "回复一，写得很长。", "评论", "回复二，写得很长。", "责任编辑：王", "回复三。"]);
    let t = Thresholds::default();
    let hard = [None, None, Some(Reason::Comment), None, Some(Reason::EditorLine), None];
    let o = [Reason::OutsideRegion];
    let c = cx(&p, &t, Given { hard: &hard, scores: &[1.0; 6], thread: true, ..Given::default() });
    let mut v = verdicts(
        &[true, false, false, false, false, false],
        &[&[M], &o, &[Reason::Comment], &o, &[Reason::EditorLine], &o],
    );
    verdicts::keep_replies(&c, 1, &mut v);
    assert_eq!(v.kept, [true, true, false, true, false, false]); // comments are a thread's posts
    let c = cx(&p, &t, Given { hard: &hard, scores: &[1.0; 6], thread: false, ..Given::default() });
    let mut v = verdicts(
        &[true, false, false, false, false, false],
        &[&[M], &o, &[Reason::Comment], &o, &[Reason::EditorLine], &o],
    );
    verdicts::keep_replies(&c, 1, &mut v);
    assert_eq!(v.kept, [true, true, false, false, false, false]);
}

#[test]
fn short_lines_inside_elements() {
    let p = page(
        &[
            ("正文", Kind::Paragraph, "p"),
            ("小标题", Kind::Paragraph, "p"),
            ("正文", Kind::Paragraph, "p"),
            ("按钮", Kind::Paragraph, "p"),
        ],
        &[],
    );
    let t = Thresholds { element_floor: -5.0, ..Thresholds::default() };
    let c = cx(&p, &t, Given { scores: &[1.0, -4.0, 1.0, -4.0], ..Given::default() });
    let mut v = verdicts(&[true, false, true, false], &[&[M], &[S], &[M], &[S]]);
    verdicts::keep_inside_elements(&c, &[(0, 3)], &mut v, false);
    assert_eq!(v.kept, [true, true, true, false]);
    // headings only: a line that is no heading stays out
    let mut v = verdicts(&[true, false, true, false], &[&[M], &[S], &[M], &[S]]);
    verdicts::keep_inside_elements(&c, &[(0, 3), (0, 1), (1, 2)], &mut v, true);
    assert_eq!(v.kept, [true, false, true, false]);
    // nested spans are looked at once, in the outer one
    let mut v = verdicts(&[true, false, true, false], &[&[M], &[S], &[M], &[S]]);
    verdicts::keep_inside_elements(&c, &[(1, 2), (0, 3)], &mut v, false);
    assert_eq!(v.kept, [true, true, true, false]);
}

#[test]
fn sandwiches_at_the_edges() {
    let p = lines(&["甲", "乙", "丙", "丁", "戊", "己", "庚"]);
    let t = Thresholds::default();
    let c = cx(&p, &t, Given { scores: &[0.0; 7], ..Given::default() });
    let h = [Reason::ShortHeading];
    // short blocks before the first kept block and after the last stay out; a gap of two is kept
    let mut v = verdicts(&[false, true, false, false, true, false, false], &[&[S], &[M], &[S], &h, &[M], &[S], &[S]]);
    verdicts::keep_sandwiched(&c, &mut v);
    assert_eq!(v.kept, [false, true, true, true, true, false, false]);
    assert_eq!(v.reasons[3], [C]);
    // a gap of three stays out, and so does one holding a block of another verdict
    let mut v = verdicts(
        &[true, false, false, false, true, false, true],
        &[&[M], &[S], &[S], &[S], &[M], &[Reason::Nav], &[M]],
    );
    verdicts::keep_sandwiched(&c, &mut v);
    assert_eq!(v.kept, [true, false, false, false, true, false, true]);
    // scoring under `neutral`: stays out
    let low = [0.0, -9.0, 0.0, 0.0, 0.0, 0.0, 0.0];
    let c = cx(&p, &t, Given { scores: &low, ..Given::default() });
    let mut v = verdicts(&[true, false, true, false, false, false, false], &[&[M], &[S], &[M], &[S], &[S], &[S], &[S]]);
    verdicts::keep_sandwiched(&c, &mut v);
    assert_eq!(v.kept, [true, false, true, false, false, false, false]);
    // nothing kept, or everything: nothing changes
    let mut v = verdicts(&[false; 7], &[&[S] as &[Reason]; 7]);
    verdicts::keep_sandwiched(&c, &mut v);
    assert_eq!(v.kept, [false; 7]);
}

fn run(page: &Page, scores: &[f64], hard: Hard, region: Region, thread: bool) -> Selection {
    keep(page, scores, &hard, &region, thread, &Thresholds::default())
}

#[test]
fn first_verdicts() {
    let p = lines(&[
        "标题在此",
        "2021-06-04 来源:新华社",
        "正文很长，写了很多。",
        "正文之后的散文，也很长。",
        "小标题",
        "登录",
        "短句，",
        "广告",
    ]);
    let n = p.blocks.len();
    let hard = Hard {
        reasons: vec![None, None, None, None, None, None, None, Some(Reason::Ad)],
        datelines: vec![false, true, false, false, false, false, false, false],
        dated: vec![false; n],
    };
    let region = Region { values: vec![0.0; n], region: Some((1, 2)), title_index: Some(0), ..Region::default() };
    let got = run(&p, &[5.0, 5.0, 5.0, 5.0, -3.0, -3.0, -3.0, 5.0], hard, region, false);
    let reasons: Vec<&str> = got.reasons.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        reasons,
        ["title", "metadata", "main-region", "outside-region", "short-heading", "short-heading", "short", "ad"]
    );
    assert_eq!(got.kept, [false, false, true, false, false, false, false, false]);
    assert_eq!((got.region, got.title_index), (Some((1, 2)), Some(0)));
}

#[test]
fn empty_and_odd_pages_give_no_panic() {
    let t = Thresholds::default();
    let empty = Page::default();
    let got = keep(&empty, &[], &Hard::default(), &Region::default(), false, &t);
    assert!(got.kept.is_empty() && got.reasons.is_empty());
    let odd = Region {
        values: vec![1.0; 3],
        region: Some((0, usize::MAX)),
        spans: vec![(0, usize::MAX), (5, 9), (2, 1), (usize::MAX, usize::MAX)],
        title_index: Some(usize::MAX),
        posts_from: usize::MAX,
        heading: Some(usize::MAX),
    };
    for thread in [false, true] {
        let got = keep(&empty, &[1.0], &Hard::default(), &odd, thread, &t);
        assert!(got.kept.is_empty());
    }
    // a page whose lists are short or long, elements past its end, overlapping, nested, empty
    let mut p = page(
        &[("甲乙丙。", Kind::TableCell, "td"), ("x = 1", Kind::Preformatted, "pre"), ("丁戊：", Kind::TableCell, "th")],
        &[
            (0, 9, "table"),
            (2, 1, "table"),
            (1, 3, "tr"),
            (0, 0, "tr"),
            (0, 3, "table"),
            (3, 3, "table"),
            (1, 2, "table"),
        ],
    );
    p.feats.truncate(2);
    p.feats[0].duplicate_of = Some(99);
    p.feats[1].duplicate_of = Some(0);
    let hard = Hard {
        reasons: vec![Some(Reason::Duplicate), Some(Reason::Duplicate), None, None, None],
        datelines: vec![true],
        dated: vec![true; 9],
    };
    for thread in [false, true] {
        for (title, from) in [(Some(0), 0), (Some(2), 2), (None, 3), (Some(3), 1)] {
            let region = Region { posts_from: from, title_index: title, ..odd.clone() };
            let got = keep(&p, &[9.0, -1.0], &hard, &region, thread, &t);
            assert_eq!((got.kept.len(), got.reasons.len()), (3, 3));
            assert!(got.reasons.iter().all(|r| !r.is_empty()));
        }
    }
}

use crate::test_rng::Rng;

#[test]
fn random_pages_give_no_panic() {
    let texts = [
        "正文很长，写了很多。",
        "x = f(1)",
        "}",
        "索引号：",
        "2023",
        "[image]",
        "发布于 2023-05-13",
        "",
        "小标题",
        "回复：插件",
    ];
    let kinds = [Kind::Paragraph, Kind::Line, Kind::TableCell, Kind::Preformatted, Kind::Heading, Kind::ListItem];
    let tags = ["td", "th", "p", "line"];
    let reasons =
        [None, None, Some(Reason::Duplicate), Some(Reason::NoHan), Some(Reason::Comment), Some(Reason::LinkDense)];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..3000 {
        let n = rng.below(14);
        let blocks: Vec<(&str, Kind, &str)> = (0..n)
            .map(|_| (texts[rng.below(texts.len())], kinds[rng.below(kinds.len())], tags[rng.below(tags.len())]))
            .collect();
        let elements: Vec<(usize, usize, &str)> = (0..rng.below(8))
            .map(|_| {
                let first = rng.below(n + 2);
                (first, first + rng.below(6), ["table", "tr", "div"][rng.below(3)])
            })
            .collect();
        let mut p = page(&blocks, &elements);
        p.containers.iter_mut().for_each(|c| c.first = c.first.min(c.end));
        for f in &mut p.feats {
            f.duplicate_of = if rng.below(3) == 0 { Some(rng.below(n + 1)) } else { None };
            f.link_density = rng.below(4) as f64 / 4.0;
        }
        if rng.below(2) == 0 {
            p.title = Some("插件发布".as_bytes().to_vec());
        }
        let m = n + rng.below(3) - usize::from(n > 0 && rng.below(2) == 0);
        let hard = Hard {
            reasons: (0..m).map(|_| reasons[rng.below(reasons.len())]).collect(),
            datelines: (0..m).map(|_| rng.below(4) == 0).collect(),
            dated: (0..m).map(|_| rng.below(4) == 0).collect(),
        };
        let values: Vec<f64> = (0..m).map(|_| [9.0, -2.0, 0.0, BARRIER_VALUE][rng.below(4)]).collect();
        let scores: Vec<f64> = (0..m).map(|_| [3.0, -1.0, -3.0, -9.0][rng.below(4)]).collect();
        let lo = rng.below(n + 1);
        let region = Region {
            values,
            region: if rng.below(4) == 0 { None } else { Some((lo, lo + rng.below(5))) },
            spans: (0..rng.below(4)).map(|_| (rng.below(n + 1), rng.below(n + 3))).collect(),
            title_index: if rng.below(2) == 0 { Some(rng.below(n + 1)) } else { None },
            posts_from: rng.below(n + 1),
            heading: None,
        };
        let thread = rng.below(2) == 0;
        let t = if rng.below(2) == 0 {
            Thresholds::default()
        } else {
            Thresholds { table_gap: -1, good: -100.0, ..Thresholds::default() }
        };
        let got = keep(&p, &scores, &hard, &region, thread, &t);
        assert_eq!((got.kept.len(), got.reasons.len()), (n, n));
        for (k, r) in got.kept.iter().zip(&got.reasons) {
            assert!(!r.is_empty());
            assert!(!k || matches!(r[0], Reason::MainRegion | Reason::ContinuesRegion));
        }
    }
}
