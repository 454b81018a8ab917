//! A page's measured features as the core holds them between the stages: one compact row a
//! block ([`Row`]), the page's rows shared by the stages that read them ([`Rows`]), and the
//! packed form a Document pickles them as ([`pack`], [`unpack`]). The Python face
//! (`_core.Columns`) is `python/columns.rs`.

use std::ops::{Deref, DerefMut};
use std::sync::Arc;

/// One block's features (`features.Features`), what measure gives, score and selection read: its
/// lexicon codes as an index into the page's distinct code tuples (0: none; see
/// [`crate::features::Measured::codes`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Row {
    pub chars: usize,
    pub han: usize,
    pub han_ratio: f64,
    pub punct: usize,
    pub ends_sentence: bool,
    pub link_density: f64,
    pub list_item: bool,
    pub heading: bool,
    pub truncated: bool,
    pub prefix_of: Option<usize>,
    pub duplicate_of: Option<usize>,
    pub lexicon: u32,
    pub stopword_density: Option<f64>,
    pub position: f64,
}

/// A page's rows, one a block, shared: a clone is another handle on the same rows (selection
/// reads measure's without a copy), and a write through one handle copies them first when another
/// handle holds them (so no holder sees another's change).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rows(Arc<Vec<Row>>);

impl Deref for Rows {
    type Target = Vec<Row>;

    fn deref(&self) -> &Vec<Row> {
        &self.0
    }
}

impl DerefMut for Rows {
    fn deref_mut(&mut self) -> &mut Vec<Row> {
        Arc::make_mut(&mut self.0)
    }
}

impl<'a> IntoIterator for &'a Rows {
    type Item = &'a Row;
    type IntoIter = std::slice::Iter<'a, Row>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<'a> IntoIterator for &'a mut Rows {
    type Item = &'a mut Row;
    type IntoIter = std::slice::IterMut<'a, Row>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter_mut()
    }
}

impl From<Vec<Row>> for Rows {
    fn from(rows: Vec<Row>) -> Rows {
        Rows(Arc::new(rows))
    }
}

impl FromIterator<Row> for Rows {
    fn from_iter<I: IntoIterator<Item = Row>>(rows: I) -> Rows {
        Rows::from(rows.into_iter().collect::<Vec<_>>())
    }
}

/// `a / b`, or 0 when `b` is 0: how the core derives `han_ratio` and `position`.
fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Appends `values` as little-endian ints of the narrowest width (0: all zero; 1, 2, 4 or 8
/// bytes), the width first.
fn put_ints(out: &mut Vec<u8>, values: impl Iterator<Item = u64> + Clone) {
    let max = values.clone().max().unwrap_or(0);
    let width: usize = match max {
        0 => 0,
        1..=0xFF => 1,
        0x100..=0xFFFF => 2,
        0x1_0000..=0xFFFF_FFFF => 4,
        _ => 8,
    };
    out.push(width as u8);
    crate::pack::put_le(out, width, values);
}

/// Appends floats: tag 0 when every value is, bit for bit, what `derived` gives for its row (or
/// +0.0 without `derived`), else tag 1 and the values.
fn put_floats(out: &mut Vec<u8>, values: &[f64], derived: impl Fn(usize) -> f64) {
    if values.iter().enumerate().all(|(i, v)| v.to_bits() == derived(i).to_bits()) {
        out.push(0);
    } else {
        out.push(1);
        for v in values {
            out.extend_from_slice(&v.to_le_bytes());
        }
    }
}

/// The rows in the compact form [`unpack`] reads: the row count, then each field in order (ints
/// at their narrowest width, an optional index as itself + 1 with 0 for none, the four flags as
/// the bits of one byte a row, ratios the other fields give left out).
pub fn pack(rows: &[Row]) -> Vec<u8> {
    let n = rows.len();
    let mut out = Vec::with_capacity(8 + n * 24);
    out.extend_from_slice(&(n as u64).to_le_bytes());
    put_ints(&mut out, rows.iter().map(|r| r.chars as u64));
    put_ints(&mut out, rows.iter().map(|r| r.han as u64));
    let han_ratio: Vec<f64> = rows.iter().map(|r| r.han_ratio).collect();
    put_floats(&mut out, &han_ratio, |i| ratio(rows[i].han, rows[i].chars));
    put_ints(&mut out, rows.iter().map(|r| r.punct as u64));
    out.extend(rows.iter().map(|r| {
        u8::from(r.ends_sentence) | u8::from(r.list_item) << 1 | u8::from(r.heading) << 2 | u8::from(r.truncated) << 3
    }));
    let link_density: Vec<f64> = rows.iter().map(|r| r.link_density).collect();
    put_floats(&mut out, &link_density, |_| 0.0);
    put_ints(&mut out, rows.iter().map(|r| r.prefix_of.map_or(0, |v| v as u64 + 1)));
    put_ints(&mut out, rows.iter().map(|r| r.duplicate_of.map_or(0, |v| v as u64 + 1)));
    put_ints(&mut out, rows.iter().map(|r| u64::from(r.lexicon)));
    if rows.iter().all(|r| r.stopword_density.is_some()) {
        out.push(0);
    } else {
        out.push(1);
        out.extend(rows.iter().map(|r| u8::from(r.stopword_density.is_some())));
    }
    let stopword_density: Vec<f64> = rows.iter().map(|r| r.stopword_density.unwrap_or(0.0)).collect();
    put_floats(&mut out, &stopword_density, |_| 0.0);
    let position: Vec<f64> = rows.iter().map(|r| r.position).collect();
    put_floats(&mut out, &position, |i| ratio(i, n));
    out
}

/// Reads what [`pack`] wrote.
struct Reader<'a> {
    data: &'a [u8],
}

impl Reader<'_> {
    fn take(&mut self, len: usize) -> Option<&[u8]> {
        if len > self.data.len() {
            return None;
        }
        let (head, rest) = self.data.split_at(len);
        self.data = rest;
        Some(head)
    }

    fn byte(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }

    fn ints(&mut self, n: usize) -> Option<Vec<u64>> {
        let width = usize::from(self.byte()?);
        if !matches!(width, 0 | 1 | 2 | 4 | 8) {
            return None;
        }
        let bytes = self.take(n.checked_mul(width)?)?;
        if width == 0 {
            return Some(vec![0; n]);
        }
        Some(
            bytes
                .chunks_exact(width)
                .map(|c| {
                    let mut v = [0u8; 8];
                    v[..width].copy_from_slice(c);
                    u64::from_le_bytes(v)
                })
                .collect(),
        )
    }

    fn floats(&mut self, n: usize, derived: impl Fn(usize) -> f64) -> Option<Vec<f64>> {
        match self.byte()? {
            0 => Some((0..n).map(derived).collect()),
            1 => Some(
                self.take(n.checked_mul(8)?)?
                    .chunks_exact(8)
                    .map(|c| f64::from_le_bytes(c.try_into().unwrap_or([0; 8])))
                    .collect(),
            ),
            _ => None,
        }
    }
}

/// The rows [`pack`] packed, or `None` if `data` is not such (`codes`: how many distinct lexicon
/// code tuples there are).
pub fn unpack(data: &[u8], codes: usize) -> Option<Vec<Row>> {
    let mut r = Reader { data };
    let n = usize::try_from(u64::from_le_bytes(r.take(8)?.try_into().ok()?)).ok()?;
    if n > data.len() {
        return None; // every row takes at least a byte
    }
    let size = |v: u64| usize::try_from(v).ok();
    let chars = r.ints(n)?.into_iter().map(size).collect::<Option<Vec<_>>>()?;
    let han = r.ints(n)?.into_iter().map(size).collect::<Option<Vec<_>>>()?;
    let han_ratio = r.floats(n, |i| ratio(han[i], chars[i]))?;
    let punct = r.ints(n)?.into_iter().map(size).collect::<Option<Vec<_>>>()?;
    let flags = r.take(n)?.to_vec();
    if flags.iter().any(|&f| f > 0b1111) {
        return None;
    }
    let link_density = r.floats(n, |_| 0.0)?;
    let index = |v: u64| if v == 0 { Some(None) } else { size(v - 1).map(Some) };
    let prefix_of = r.ints(n)?.into_iter().map(index).collect::<Option<Vec<_>>>()?;
    let duplicate_of = r.ints(n)?.into_iter().map(index).collect::<Option<Vec<_>>>()?;
    let lexicon = r.ints(n)?;
    if lexicon.iter().any(|&c| c >= codes as u64) {
        return None;
    }
    let present = match r.byte()? {
        0 => vec![1; n],
        1 => r.take(n)?.to_vec(),
        _ => return None,
    };
    if present.iter().any(|&p| p > 1) {
        return None;
    }
    let stopword_density = r.floats(n, |_| 0.0)?;
    let position = r.floats(n, |i| ratio(i, n))?;
    if !r.data.is_empty() {
        return None;
    }
    Some(
        (0..n)
            .map(|i| Row {
                chars: chars[i],
                han: han[i],
                han_ratio: han_ratio[i],
                punct: punct[i],
                ends_sentence: flags[i] & 1 != 0,
                link_density: link_density[i],
                list_item: flags[i] & 2 != 0,
                heading: flags[i] & 4 != 0,
                truncated: flags[i] & 8 != 0,
                prefix_of: prefix_of[i],
                duplicate_of: duplicate_of[i],
                lexicon: lexicon[i] as u32,
                stopword_density: if present[i] == 1 { Some(stopword_density[i]) } else { None },
                position: position[i],
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(i: usize, n: usize) -> Row {
        Row {
            chars: i * 37 % 1000,
            han: i * 37 % 1000 / 2,
            han_ratio: ratio(i * 37 % 1000 / 2, i * 37 % 1000),
            punct: i % 3,
            ends_sentence: i % 2 == 0,
            link_density: 0.0,
            list_item: i % 5 == 0,
            heading: i % 7 == 0,
            truncated: i % 11 == 0,
            prefix_of: (i % 4 == 0).then_some(i + 1),
            duplicate_of: None,
            lexicon: (i % 3) as u32,
            stopword_density: Some(0.25),
            position: ratio(i, n),
        }
    }

    #[test]
    fn round_trips() {
        for n in [0, 1, 2, 300] {
            let rows: Vec<Row> = (0..n).map(|i| row(i, n)).collect();
            assert_eq!(unpack(&pack(&rows), 3), Some(rows.clone()));
            let mut odd = rows.clone();
            for (i, r) in odd.iter_mut().enumerate() {
                r.han_ratio = if i % 2 == 0 { -0.0 } else { f64::NAN };
                r.position = 7.5;
                r.link_density = -0.0;
                r.stopword_density = if i % 3 == 0 { None } else { Some(f64::INFINITY) };
                r.chars = usize::MAX - i;
                r.duplicate_of = Some(usize::MAX - 1);
            }
            let back = unpack(&pack(&odd), 3).unwrap();
            for (a, b) in back.iter().zip(&odd) {
                assert_eq!(a.han_ratio.to_bits(), b.han_ratio.to_bits());
                assert_eq!(a.link_density.to_bits(), b.link_density.to_bits());
                assert_eq!(
                    (a.chars, a.duplicate_of, a.stopword_density.is_none()),
                    (b.chars, b.duplicate_of, b.stopword_density.is_none())
                );
            }
        }
    }

    #[test]
    fn shared_rows_copy_on_write() {
        let mut a: Rows = (0..3).map(|i| row(i, 3)).collect();
        let b = a.clone();
        assert!(std::ptr::eq(a.as_ptr(), b.as_ptr()), "a clone shares the rows");
        a[1].han = 99;
        assert_eq!((a[1].han, b[1].han), (99, row(1, 3).han), "a write leaves the other handle's rows");
        let p = a.as_ptr();
        a[2].han = 7; // no other handle now: written in place
        assert!(std::ptr::eq(a.as_ptr(), p));
        assert_eq!(Rows::default().len(), 0);
    }

    #[test]
    fn rows_are_compact() {
        let rows: Vec<Row> = (0..1000).map(|i| row(i, 1000)).collect();
        assert!(pack(&rows).len() < 1000 * 20, "{}", pack(&rows).len());
    }

    #[test]
    fn any_bytes_unpack_or_fail_without_panic() {
        let rows: Vec<Row> = (0..20).map(|i| row(i, 20)).collect();
        let good = pack(&rows);
        assert_eq!(unpack(&good, 2), None, "a lexicon index past the codes");
        for cut in 0..good.len() {
            assert_eq!(unpack(&good[..cut], 3), None);
        }
        let mut seed = 7u64;
        for _ in 0..20_000 {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let len = (seed >> 33) as usize % 64;
            let mut data: Vec<u8> = (0..len).map(|i| (seed >> (i % 56)) as u8).collect();
            if len > 8 {
                data[..8].copy_from_slice(&(seed >> 60).to_le_bytes());
            }
            let _ = unpack(&data, 3);
        }
        let mut huge = good.clone();
        huge[..8].copy_from_slice(&u64::MAX.to_le_bytes());
        assert_eq!(unpack(&huge, 3), None);
    }
}
