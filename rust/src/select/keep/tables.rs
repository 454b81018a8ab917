//! Tables the article holds or borders (`select._keep_trailing_table`, `_keep_data_tables`,
//! `_data_table`, `_keep_cells`, `_keep_table_series`, `_record_rows`, `_keep_record_table`,
//! `_headed`, `_row_headers`).

use super::{Ctx, Element, Verdicts, CONTINUES};
use crate::hash::Map;
use crate::pystr::{code_points, is_space};
use crate::select::text::has_digit;
use crate::select::{Block, Kind, Reason, BARRIER_VALUE};
use std::cmp::Reverse;
use std::ops::Range;

/// `_MAY_BE_KEPT`: the hard reasons a block may have and still be kept (a data table keeps
/// duplicates).
fn may_be_kept(hard: Option<Reason>) -> bool {
    matches!(hard, None | Some(Reason::Duplicate))
}

/// `_CELL_MAY_BE_KEPT`: the hard reasons a cell of the article's data table may have and still
/// be kept: its shape's (a number has no Han, a value repeats, a name links to its page), not the
/// boilerplate lexicon's.
fn cell_may_be_kept(hard: Option<Reason>) -> bool {
    matches!(
        hard,
        None | Some(Reason::Duplicate | Reason::TruncatedDuplicate | Reason::NoHan | Reason::Nav | Reason::LinkDense)
    )
}

/// Rows a table of labelled values needs to be a record (`_RECORD_ROWS`).
const RECORD_ROWS: usize = 3;

/// `_keep_trailing_table`: a table that starts at the article's last kept block and runs on
/// past it, with no links (each cell under `table_max_link_density`) and no barrier inside, is
/// the article's data table: its cells are kept, repeated values too.
pub(super) fn keep_trailing_table(cx: &Ctx, v: &mut Verdicts) {
    let Some(last) = v.last_kept() else {
        return;
    };
    let last = last as i64;
    for c in cx.tagged(b"table") {
        let (first, end) = (c.first as i64, c.end as i64);
        if !(last - 1 <= first && first <= last + 1 && last + 1 < end - 1) {
            continue;
        }
        let cells = c.first..c.end;
        if cells
            .clone()
            .any(|i| cx.values[i] <= BARRIER_VALUE || cx.feats[i].link_density >= cx.t.table_max_link_density)
        {
            continue;
        }
        for i in cells {
            if !v.kept[i] && cx.feats[i].han > 0 && may_be_kept(cx.hard[i]) && !cx.datelines[i] {
                v.keep(i);
            }
        }
        return;
    }
}

/// The tables, by their first block, the outer one first (a stable sort, as Python's).
fn tables_in_order<'a>(cx: &Ctx<'a>, keep: impl Fn(&Element) -> bool) -> Vec<Element<'a>> {
    let mut tables: Vec<Element<'a>> = cx.elements.iter().copied().filter(|e| e.tag == b"table" && keep(e)).collect();
    tables.sort_by_key(|c| (c.first, Reverse(c.end)));
    tables
}

/// Where the row (`<tr>`) that starts at a block ends (the last such row in the page's order).
fn row_ends(cx: &Ctx) -> Map<usize, usize> {
    cx.tagged(b"tr").map(|r| (r.first, r.end)).collect()
}

/// Whether the table after table `k` of `tables` starts inside it: `k` holds another table, a
/// layout.
fn layout(tables: &[Element], k: usize) -> bool {
    tables.get(k + 1).is_some_and(|next| next.first < tables[k].end)
}

/// `_keep_data_tables`: a data table inside the article's element, after a kept block, keeps
/// all its cells, and the headings right above it (its section's).
pub(super) fn keep_data_tables(cx: &Ctx, in_span: &[bool], v: &mut Verdicts) {
    let first_kept = v.first_kept().unwrap_or(cx.n);
    let tables = tables_in_order(cx, |_| true);
    let rows = row_ends(cx);
    for (k, c) in tables.iter().enumerate() {
        if layout(&tables, k) {
            continue;
        }
        let cells = c.first..c.end;
        if c.first <= first_kept || !cells.clone().all(|i| in_span[i]) {
            continue;
        }
        if !data_table(cx, c, &rows, cx.t.table_max_link_density) {
            continue;
        }
        keep_cells(cx, cells, v);
        // the headings that open its section
        let mut i = c.first - 1; // (c.first > first_kept >= 0)
        while i > first_kept && !v.kept[i] && in_span[i] && cx.blocks[i].kind() == Kind::Heading && cx.hard[i].is_none()
        {
            v.keep(i);
            i -= 1;
        }
    }
}

/// `_data_table`: whether `table` (one that holds no other table) holds data: no barrier, less
/// than `max_link_density` of its text in links (header cells' links aside), links that are
/// names rather than headlines (fewer than half its linked cells link-dense), a cell with Han
/// characters, and a number (a cell without Han holding a digit), headers (a header row, or a
/// header cell opening every row) or a date column.
fn data_table(cx: &Ctx, table: &Element, rows: &Map<usize, usize>, max_link_density: f64) -> bool {
    let cells = table.first..table.end;
    if cells.clone().any(|i| cx.values[i] <= BARRIER_VALUE) {
        return false;
    }
    let chars: usize = cells.clone().map(|i| cx.feats[i].chars).sum();
    let mut links = 0.0; // (summed left to right, as Python does)
    for i in cells.clone().filter(|&i| cx.blocks[i].tag != b"th") {
        links += cx.feats[i].chars as f64 * cx.feats[i].link_density;
    }
    if chars > 0 && links / chars as f64 >= max_link_density {
        return false;
    }
    let linked: Vec<Option<Reason>> = cells
        .clone()
        .filter(|&i| cx.feats[i].link_density >= 0.5 && cx.blocks[i].tag != b"th")
        .map(|i| cx.hard[i])
        .collect();
    let dense = linked.iter().filter(|&&h| h == Some(Reason::LinkDense)).count();
    if !linked.is_empty() && 2 * dense >= linked.len() {
        return false; // headlines: a list of teasers
    }
    if cells.clone().all(|i| cx.feats[i].han == 0) {
        return false;
    }
    cx.dated[table.first]
        || headed(cx.blocks, table.first..table.end, rows)
        || row_headers(cx.blocks, table.first..table.end, rows)
        || cells.clone().any(|i| cx.feats[i].han == 0 && has_digit(cx.blocks[i].text))
}

/// `_keep_cells`: a data table's cells kept: labels, numbers, repeated values, dates and linked
/// names.
fn keep_cells(cx: &Ctx, cells: Range<usize>, v: &mut Verdicts) {
    for i in cells {
        if !v.kept[i] && cx.feats[i].chars > 0 && cell_may_be_kept(cx.hard[i]) {
            v.keep(i);
        }
    }
}

/// `_keep_table_series`: the data tables that follow the article one after another, each within
/// `table_gap` blocks of the article's last kept block or of the table before, are part of it:
/// their cells are kept, and the lines between when they have Han characters. A line of prose,
/// a barrier or a link between two tables ends the series, and so does a table that holds no
/// data or holds another table.
pub(super) fn keep_table_series(cx: &Ctx, v: &mut Verdicts) {
    let Some(last) = v.last_kept() else {
        return;
    };
    let tables = tables_in_order(cx, |c| c.first > last);
    let rows = row_ends(cx);
    let mut end = last + 1;
    let mut series: Vec<(Range<usize>, Element)> = Vec::new();
    for (k, c) in tables.iter().enumerate() {
        if c.first < end {
            continue; // inside a table of the series
        }
        let gap = end..c.first;
        if gap.len() as i64 > cx.t.table_gap
            || gap
                .clone()
                .any(|i| cx.values[i] > 0.0 || cx.values[i] <= BARRIER_VALUE || cx.feats[i].link_density >= 0.5)
        {
            break;
        }
        if layout(&tables, k) {
            break;
        }
        if !data_table(cx, c, &rows, cx.t.series_max_link_density) {
            break;
        }
        series.push((gap, *c));
        end = c.end;
    }
    for (gap, c) in series {
        for i in gap {
            if !v.kept[i] && cx.feats[i].han > 0 && cx.hard[i].is_none() {
                v.keep(i);
            }
        }
        keep_cells(cx, c.first..c.end, v);
    }
}

/// `_RECORD_LABEL.fullmatch(cell)` with `_RECORD_LABEL = [^\d:：]{1,10}[:：]`: a label of a
/// record table, a few characters (no digit) ending in a colon (索引号：, 发文机关：).
fn record_label(cell: &[u32]) -> bool {
    let colon = |cp: u32| cp == u32::from(b':') || cp == 0xFF1A;
    let Some((&last, label)) = cell.split_last() else {
        return false;
    };
    colon(last)
        && (1..=10).contains(&label.len())
        && label.iter().all(|&cp| !colon(cp) && !crate::select::text::is_digit(cp))
}

/// `"".join(text.split())`: the text's code points without whitespace.
fn unspaced(text: &[u8]) -> Vec<u32> {
    code_points(text).map(|(_, cp)| cp).filter(|&cp| !is_space(cp)).collect()
}

/// `_record_rows`: whether the table of blocks `table` is a record: at least `_RECORD_ROWS` rows
/// (`rows`, its `<tr>` elements in order, cover all its blocks), each a label ending in a colon
/// then its value, once or twice (two or four cells).
fn record_rows(blocks: &[Block], table: Range<usize>, rows: &[Range<usize>]) -> bool {
    let (mut covered, mut count) = (table.start, 0);
    for row in rows {
        if row.start != covered {
            return false;
        }
        let cells: Vec<Vec<u32>> =
            blocks.get(row.clone()).unwrap_or_default().iter().map(|b| unspaced(b.text)).collect();
        if !matches!(cells.len(), 2 | 4) || !cells.iter().step_by(2).all(|c| record_label(c)) {
            return false;
        }
        if cells.iter().skip(1).step_by(2).any(|c| record_label(c)) {
            return false;
        }
        covered = row.end;
        count += 1;
    }
    covered == table.end && count >= RECORD_ROWS
}

/// `_keep_record_table`: a record above the article (a notice's 索引号：…, 发文机关：…) is part of
/// it when nothing lies between the two but what no article holds or ends at: no prose, no
/// barrier, no link. Every cell is kept, its title and dates too (still marked so); a copy of a
/// record (each value a duplicate) is not kept again.
pub(super) fn keep_record_table(cx: &Ctx, title_index: Option<usize>, v: &mut Verdicts) {
    let Some(first_kept) = v.first_kept() else {
        return;
    };
    let tables = {
        let mut t: Vec<Element> = cx.tagged(b"table").filter(|c| c.end <= first_kept).collect();
        t.sort_by_key(|c| c.first);
        t
    };
    if tables.is_empty() {
        return;
    }
    let mut rows: Map<usize, Vec<Range<usize>>> = Map::default();
    for r in cx.tagged(b"tr").filter(|r| r.end <= first_kept) {
        rows.entry(r.first).or_default().push(r.first..r.end);
    }
    // blocks from `clear` to the article's first are neither prose, barrier nor link
    let mut clear = first_kept;
    while clear > 0
        && BARRIER_VALUE < cx.values[clear - 1]
        && cx.values[clear - 1] <= 0.0
        && cx.feats[clear - 1].link_density < 0.5
    {
        clear -= 1;
    }
    for table in tables {
        let cells = table.first..table.end;
        let copy = (table.first + 1..table.end).step_by(2).all(|i| cx.feats[i].duplicate_of.is_some());
        if table.end < clear || copy {
            continue; // something lies between it and the article, or it is a copy
        }
        if cells
            .clone()
            .any(|i| cx.values[i] <= BARRIER_VALUE || cx.feats[i].link_density >= cx.t.table_max_link_density)
        {
            continue;
        }
        let own: Vec<Range<usize>> = cells
            .clone()
            .flat_map(|k| rows.get(&k).into_iter().flatten())
            .filter(|r| r.end <= table.end)
            .cloned()
            .collect(); // (in order of their first block already)
        if !record_rows(cx.blocks, cells.clone(), &own) {
            continue;
        }
        for i in cells {
            if cx.feats[i].chars > 0 {
                let mut why = CONTINUES.to_vec();
                if title_index == Some(i) {
                    why.push(Reason::Title);
                } else if cx.datelines[i] {
                    why.push(Reason::Metadata);
                }
                v.kept[i] = true;
                v.reasons[i] = why;
            }
        }
    }
}

/// `_headed`: whether the table of blocks `table` opens with a header row: its first row's
/// cells are all `<th>` (`rows`: where the row that starts at a block ends).
fn headed(blocks: &[Block], table: Range<usize>, rows: &Map<usize, usize>) -> bool {
    if blocks.get(table.start).is_none_or(|b| b.tag != b"th") {
        return false;
    }
    let end = rows.get(&table.start).copied().unwrap_or(table.start + 1).min(table.end).min(blocks.len());
    blocks.get(table.start..end).unwrap_or_default().iter().all(|b| b.tag == b"th")
}

/// `_row_headers`: whether the table of blocks `table` is labelled values: `_RECORD_ROWS` rows of
/// two blocks or more or more, each opening with a `<th>` (the label) and holding a `<td>` (its
/// value); rows of one block (a caption row) aside.
fn row_headers(blocks: &[Block], table: Range<usize>, rows: &Map<usize, usize>) -> bool {
    let (mut i, mut count) = (table.start, 0);
    while i < table.end {
        let end = match rows.get(&i) {
            Some(&end) if end > i + 1 => end,
            _ => {
                i += 1;
                continue;
            }
        };
        let row = blocks.get(i..end.min(table.end).min(blocks.len())).unwrap_or_default();
        if row.first().is_none_or(|b| b.tag != b"th") || row.iter().all(|b| b.tag != b"td") {
            return false;
        }
        count += 1;
        i = end;
    }
    count >= RECORD_ROWS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells<'a>(texts: &[&'a str], tags: &[&'a str]) -> Vec<Block<'a>> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| Block {
                text: t.as_bytes(),
                kind: Some(Kind::TableCell),
                tag: tags.get(i).copied().unwrap_or("td").as_bytes(),
                ..Block::default()
            })
            .collect()
    }

    fn label(text: &str) -> bool {
        record_label(&unspaced(text.as_bytes()))
    }

    #[test]
    fn record_labels() {
        for (text, want) in [
            ("索 引 号：", true),
            ("发文机关:", true),
            ("标　题：", true),
            ("：", false),
            ("a：", true),
            ("一二三四五六七八九十：", true),
            ("一二三四五六七八九十一：", false),
            ("第1条：", false),
            ("第١条：", false), // an Arabic-Indic digit is a digit to `\d`
            ("第²条：", true),  // a superscript is not
            ("号：：", false),
            ("号:x", false),
            ("", false),
            ("市政府", false),
            ("1150/2023-00118", false),
        ] {
            assert_eq!(label(text), want, "{text:?}");
        }
    }

    #[test]
    fn record_rows_doctest() {
        let bs = cells(
            &["索 引 号：", "1150/2023-00118", "发文机关：", "市政府", "标　题：", "关于加强绿地保护的通知"],
            &[],
        );
        assert!(record_rows(&bs, 0..6, &[0..2, 2..4, 4..6]));
        assert!(!record_rows(&bs, 0..6, &[0..2, 2..6]));
        assert!(!record_rows(&bs, 0..6, &[0..2, 2..4])); // rows do not cover the table
        assert!(!record_rows(&bs, 0..4, &[0..2, 2..4])); // two rows are too few
        assert!(!record_rows(&bs, 0..6, &[0..2, 3..4, 4..6])); // a gap between rows
        assert!(!record_rows(&bs, 0..6, &[])); // no rows
        assert!(!record_rows(&bs, 0..0, &[]));
        assert!(!record_rows(&bs, 0..6, &[0..2, 2..2, 2..4, 4..6])); // an empty row
        let four = cells(&["甲：", "1", "乙：", "2", "丙：", "3", "丁：", "4", "戊：", "5", "己：", "6"], &[]);
        assert!(record_rows(&four, 0..12, &[0..4, 4..8, 8..12]));
        assert!(!record_rows(&four, 0..12, &[0..6, 6..12]));
        let value_label = cells(&["甲：", "乙：", "丙：", "3", "丁：", "4"], &[]);
        assert!(!record_rows(&value_label, 0..6, &[0..2, 2..4, 4..6]));
        assert!(!record_rows(&bs, 0..8, &[0..2, 2..4, 4..6, 6..8])); // rows past the blocks
    }

    #[test]
    fn headed_tables() {
        let bs = cells(&["年份", "奖项", "2004"], &["th", "th", "td"]);
        assert!(headed(&bs, 0..3, &Map::from_iter([(0, 2)])));
        assert!(!headed(&bs, 1..3, &Map::from_iter([(1, 3)])));
        assert!(headed(&bs, 0..3, &Map::default())); // no row: the first cell is the row
        assert!(!headed(&bs, 0..3, &Map::from_iter([(0, 3)])));
        assert!(headed(&bs, 0..2, &Map::from_iter([(0, 3)]))); // the row is cut at the table's end
        assert!(headed(&bs, 0..3, &Map::from_iter([(0, 0)]))); // an empty row: nothing but headers
        assert!(!headed(&bs, 3..3, &Map::default()));
        assert!(!headed(&[], 0..0, &Map::default()));
    }

    #[test]
    fn row_headed_tables() {
        let bs =
            cells(&["姓名", "林晓雨", "英文名", "Lin Xiaoyu", "出生地", "台北"], &["th", "td", "th", "td", "th", "td"]);
        assert!(row_headers(&bs, 0..6, &Map::from_iter([(0, 2), (2, 4), (4, 6)])));
        assert!(!row_headers(&bs, 0..6, &Map::from_iter([(0, 2), (2, 4)])));
        assert!(!row_headers(&bs, 0..6, &Map::from_iter([(0, 2), (1, 3), (4, 6)]))); // a row opens with a <td>
                                                                                     // rows of one block aside: a caption row
        let captioned =
            cells(&["表一", "姓名", "林", "性别", "女", "籍贯", "台北"], &["td", "th", "td", "th", "td", "th", "td"]);
        assert!(row_headers(&captioned, 0..7, &Map::from_iter([(0, 1), (1, 3), (3, 5), (5, 7)])));
        let headers_only = cells(&["甲", "乙", "丙", "丁", "戊", "己"], &["th"; 6]);
        assert!(!row_headers(&headers_only, 0..6, &Map::from_iter([(0, 2), (2, 4), (4, 6)])));
        assert!(!row_headers(&bs, 0..0, &Map::default()));
        assert!(row_headers(&bs, 0..6, &Map::from_iter([(0, 2), (2, 4), (4, 9)])));
        // cut at the table's end
    }
}
