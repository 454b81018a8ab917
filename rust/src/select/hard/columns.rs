//! Tables with a date column (`select._date_columns`).

use super::span;
use crate::select::Page;

/// Rows a table needs, each with a dateline, to be a date column (`select._RECORD_ROWS`: as
/// many as a record's).
const DATED_ROWS: usize = 3;

/// `select._date_columns`: which blocks sit in a table with a date column: one that holds no
/// other table (a layout table nests them) and has a dateline in [`DATED_ROWS`] of its rows or
/// more (a singer's releases and shows, one a row). Its dates are values, not bylines, however
/// much prose the next cell holds: a thread's posts each sit in their own table, or in a layout
/// table. `datelines` are the page's metadata lines.
pub fn date_columns(page: &Page, datelines: &[bool]) -> Vec<bool> {
    let n = page.blocks.len().min(datelines.len());
    let mut out = vec![false; page.blocks.len()];
    let spans = |tag: &[u8]| -> Vec<(usize, usize)> {
        page.containers.iter().filter(|c| c.tag == tag).map(|c| span(c, n)).collect()
    };
    let mut tables = spans(b"table");
    tables.sort_by_key(|&(first, end)| (first, std::cmp::Reverse(end)));
    let mut rows = spans(b"tr");
    rows.sort_by_key(|&(first, _)| first);
    for (k, &(first, end)) in tables.iter().enumerate() {
        if tables.get(k + 1).is_some_and(|next| next.0 < end) {
            continue; // holds another table: layout
        }
        let from = rows.partition_point(|r| r.0 < first);
        let to = rows.partition_point(|r| r.0 < end);
        let dated = rows[from..to.max(from)]
            .iter()
            .filter(|&&(row_first, row_end)| row_end <= end && datelines[row_first..row_end].contains(&true))
            .count();
        if dated >= DATED_ROWS {
            out[first..end].fill(true);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::select::hard::tests::page;
    use crate::select::{Container, Kind};

    fn boxed(first: usize, end: usize, tag: &str) -> Container {
        Container { first, end, tag: tag.as_bytes().to_vec(), ..Container::default() }
    }

    fn singer() -> Page<'static> {
        let texts =
            ["日期", "节目", "2019年3月2日", "你好，星期六！", "2019年4月6日", "朋友来了", "2019年5月4日", "旅行"];
        page(&texts, Kind::TableCell)
    }

    const DATES: [bool; 8] = [false, false, true, false, true, false, true, false];

    fn rows(from: usize, to: usize) -> Vec<Container> {
        (from..to).step_by(2).map(|k| boxed(k, k + 2, "tr")).collect()
    }

    #[test]
    fn date_column() {
        // _date_columns' doctests: three dated rows make a date column, two do not
        let mut p = singer();
        p.containers = [vec![boxed(0, 8, "table")], rows(0, 8)].concat();
        assert_eq!(date_columns(&p, &DATES), [true; 8]);
        p.containers = [vec![boxed(0, 8, "table")], rows(0, 6)].concat();
        assert_eq!(date_columns(&p, &DATES), [false; 8]);
        // rows listed before their table, in any order: the same
        p.containers = [rows(0, 8).into_iter().rev().collect(), vec![boxed(0, 8, "table")]].concat();
        assert_eq!(date_columns(&p, &DATES), [true; 8]);
        // a row with two dates counts once
        let dates = [false, false, true, true, true, false, false, false];
        p.containers = [vec![boxed(0, 8, "table")], rows(0, 8)].concat();
        assert_eq!(date_columns(&p, &dates), [false; 8]);
        // no rows, no table
        p.containers = rows(0, 8);
        assert_eq!(date_columns(&p, &DATES), [false; 8]);
        p.containers = vec![boxed(0, 8, "table")];
        assert_eq!(date_columns(&p, &DATES), [false; 8]);
    }

    #[test]
    fn nested_tables() {
        let mut p = singer();
        // a layout table around the date table: only the inner one is a date column
        p.containers = [vec![boxed(0, 8, "table"), boxed(2, 8, "table")], rows(0, 8)].concat();
        assert_eq!(date_columns(&p, &DATES), [false, false, true, true, true, true, true, true]);
        // the outer table listed after: the same
        p.containers = [vec![boxed(2, 8, "table"), boxed(0, 8, "table")], rows(0, 8)].concat();
        assert_eq!(date_columns(&p, &DATES), [false, false, true, true, true, true, true, true]);
        // the inner table with two dated rows: neither is one
        p.containers = [vec![boxed(0, 8, "table"), boxed(4, 8, "table")], rows(0, 8)].concat();
        assert_eq!(date_columns(&p, &DATES), [false; 8]);
        // an empty table inside still makes the outer one layout
        p.containers = [vec![boxed(0, 8, "table"), boxed(3, 3, "table")], rows(0, 8)].concat();
        assert_eq!(date_columns(&p, &DATES), [false; 8]);
        // an empty table at its start too (tables go by start, the longer first)
        p.containers = [vec![boxed(0, 0, "table"), boxed(0, 8, "table")], rows(0, 8)].concat();
        assert_eq!(date_columns(&p, &DATES), [false; 8]);
        // the same table twice: the first holds the second, the second is a date column
        p.containers = [vec![boxed(0, 8, "table"), boxed(0, 8, "table")], rows(0, 8)].concat();
        assert_eq!(date_columns(&p, &DATES), [true; 8]);
        // tables side by side, each judged on its own rows
        p.containers = [vec![boxed(0, 4, "table"), boxed(4, 8, "table")], rows(0, 8)].concat();
        assert_eq!(date_columns(&p, &DATES), [false; 8]);
        // a row running past its table is not its row
        p.containers =
            vec![boxed(0, 7, "table"), boxed(0, 2, "tr"), boxed(2, 4, "tr"), boxed(4, 6, "tr"), boxed(6, 8, "tr")];
        assert_eq!(date_columns(&p, &DATES), [false; 8]);
        p.containers = vec![boxed(0, 7, "table"), boxed(2, 3, "tr"), boxed(4, 5, "tr"), boxed(6, 7, "tr")];
        assert_eq!(date_columns(&p, &DATES), [true, true, true, true, true, true, true, false]);
    }

    #[test]
    fn odd_containers() {
        let mut p = singer();
        p.containers = vec![boxed(9, 3, "table"), boxed(0, 99, "tr"), boxed(0, 0, "tr"), boxed(6, 2, "tr")];
        assert_eq!(date_columns(&p, &DATES), [false; 8]);
        assert_eq!(date_columns(&p, &DATES[..3]).len(), 8);
        assert!(date_columns(&Page::default(), &[]).is_empty());
    }
}
