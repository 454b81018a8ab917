//! Any text -> a page's blocks packed (`pack_table`, `pack_layout`) and read back: no panic, and
//! the packed columns give back every text, kind, span and path, and one row per element, link
//! and raw text. The first byte chooses the page: a text dump (texts as slices of the page) or
//! HTML (texts joined).
#![no_main]

use _core::blocks::html::builder::Budget;
use _core::blocks::html::{html_blocks, LayoutOptions, Pieces};
use _core::blocks::table::BlockTable;
use _core::blocks::text::text_blocks;
use _core::pack::{body, pack_layout, pack_table, Column, Distinct, Texts};
use libfuzzer_sys::fuzz_target;

/// Typed bytes (`columns.py`'s format) read back as integers.
fn ints(typed: &[u8]) -> Vec<i64> {
    let (&code, body) = typed.split_first().expect("a typecode");
    let (width, signed) = match code {
        b'b' => (1, true),
        b'h' => (2, true),
        b'i' => (4, true),
        b'q' => (8, true),
        b'B' => (1, false),
        b'H' => (2, false),
        b'I' => (4, false),
        _ => panic!("typecode {code}"),
    };
    assert_eq!(body.len() % width, 0, "a value cut short");
    body.chunks_exact(width)
        .map(|c| {
            let mut word = [0u8; 8];
            word[..width].copy_from_slice(c);
            let v = u64::from_le_bytes(word);
            let shift = 64 - 8 * width as u32;
            if signed {
                ((v << shift) as i64) >> shift
            } else {
                v as i64
            }
        })
        .collect()
}

/// A string column read back: each row's value.
fn strings<'a>(column: &Distinct<'a>, n: usize) -> Vec<&'a str> {
    match column.indexes() {
        None => vec![column.values[0]; n],
        Some(typed) => ints(&typed).into_iter().map(|k| column.values[k as usize]).collect(),
    }
}

/// Running sums (`deltas` read back).
fn sums(deltas: &[i64]) -> Vec<i64> {
    deltas
        .iter()
        .scan(0i64, |last, d| {
            *last = last.wrapping_add(*d);
            Some(*last)
        })
        .collect()
}

/// `kept`: the blocks whose texts the Document sends as its text (`pack::body`), which a table
/// packed without its page then leaves out of the joined texts.
fn check(table: &BlockTable, page: Option<&str>, kept: Option<&[bool]>) {
    let n = table.len();
    let packed = pack_table(table, page.map(str::as_bytes), kept);
    let starts = sums(&ints(&packed.starts));
    let ends: Vec<i64> = ints(&packed.ends).iter().zip(&starts).map(|(d, s)| s.wrapping_add(*d)).collect();
    assert_eq!(starts.len(), n);
    let kinds = if n == 0 { Vec::new() } else { strings(&packed.kinds, n) };
    let paths = if n == 0 { Vec::new() } else { strings(&packed.paths, n) };
    let texts: Vec<String> = match (&packed.texts, page) {
        (Texts::Joined(joined, lengths), None) => {
            // (the kept blocks' texts cut from the body, a line break after each; the others' joined)
            let body = kept.map(|flags| String::from_utf8(body(table, flags)).expect("the body is UTF-8"));
            let mut in_body = body.as_deref().map(str::chars);
            let mut others = joined.chars();
            ints(lengths)
                .iter()
                .enumerate()
                .map(|(i, &k)| match (kept, in_body.as_mut()) {
                    (Some(flags), Some(chars)) if flags[i] => {
                        let text = chars.by_ref().take(k as usize).collect();
                        chars.next(); // the line break
                        text
                    }
                    _ => others.by_ref().take(k as usize).collect(),
                })
                .collect()
        }
        (Texts::Page(odd, odd_texts), Some(page)) => {
            let odd = ints(odd);
            let page: Vec<char> = page.chars().collect();
            (0..n)
                .map(|i| match odd.iter().position(|&k| k == i as i64) {
                    Some(j) => odd_texts[j].to_string(),
                    None => page[starts[i] as usize..ends[i] as usize].iter().collect(),
                })
                .collect()
        }
        _ => panic!("texts packed for the other kind of page"),
    };
    for i in 0..n {
        assert_eq!(Some(texts[i].as_str()), table.text(i), "block {i}'s text");
        assert_eq!(Some((starts[i] as usize, ends[i] as usize)), table.span(i), "block {i}'s span");
        assert_eq!(Some(kinds[i]), table.kind(i), "block {i}'s kind");
        assert_eq!(Some(paths[i]), table.label(i).map(|l| l.path.as_str()), "block {i}'s path");
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&choice, rest)) = data.split_first() else { return };
    let page = String::from_utf8_lossy(rest);
    // (the choice byte's second bit: some blocks kept, their texts sent as the body; which ones, the page's bytes say)
    let kept_of = |n: usize| -> Option<Vec<bool>> {
        (choice & 2 != 0).then(|| (0..n).map(|i| rest.get(i).is_some_and(|b| b & 4 != 0)).collect())
    };
    if choice & 1 == 0 {
        let table = BlockTable::from_dump(text_blocks(&page));
        check(&table, Some(&page), kept_of(table.len()).as_deref());
        return;
    }
    let budget = Budget { floor: 20, per_million: 1_000, per_million_hard: 2_000, tiny_chars: 8, merge_chars: 1_000 };
    let pieces = Pieces { piece: 1_000_000, max_pieces: 4 };
    let layout = Some(LayoutOptions { links: true, images: true });
    let mut cap = |s: &str| Ok::<String, ()>(s.to_string());
    let walked =
        html_blocks(page.as_bytes(), page.as_bytes(), Some(&page), &[], pieces, budget, layout, &mut cap).unwrap();
    let layout = walked.layout.expect("a layout was asked for");
    let (elements, links, raw) = pack_layout(&layout);
    assert_eq!((elements.0, links.0, raw.0), (layout.elements.len(), layout.links.len(), layout.raw.len()));
    for (rows, columns) in [&elements, &links, &raw] {
        for column in columns {
            let count = match column {
                Column::Ints(typed) => ints(typed).len(),
                Column::Strings(d) if *rows == 0 => d.values.len(),
                Column::Strings(d) => strings(d, *rows).len(),
                Column::List(values) => values.len(),
            };
            assert!(count == *rows || *rows == 0, "a column of {count} values for {rows} rows");
        }
    }
    let table = BlockTable::from_html(walked.blocks, walked.labels);
    check(&table, None, kept_of(table.len()).as_deref());
});
