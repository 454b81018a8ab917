//! The measured features of a page's blocks, held by the core (`features.measure_columns`):
//! one compact row per block (`features::columns`) instead of fourteen Python lists of Python
//! numbers. Score and selection read the rows where they are; Python gets a field's column as a
//! list only when it asks (`columns[k]`), and a Document pickles them as one packed `bytes`
//! (`Columns.pack`).

use crate::features;
use crate::features::columns::{pack, unpack, Row, Rows};
use crate::hash::Map;
use pyo3::exceptions::{PyIndexError, PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PySlice, PyString, PyTuple};

/// The fields of `features.Features`, in order: a `Columns` is a sequence of this many columns.
pub const FIELDS: usize = 14;

/// `Columns(columns)`: the features of a page's blocks as the core holds them, made from 14
/// iterables (one per field of `Features`, in field order, as `features.to_columns` gives them)
/// or by `Measure.columns`. A sequence of the 14 columns: `columns[k]` is field `k`'s values as
/// a new list; `rows` is the number of blocks.
#[pyclass(module = "cleantext._core", sequence)]
pub struct Columns {
    /// Shared with the `SelectPage`s made of them.
    pub rows: Rows,
    /// The distinct lexicon code tuples, the empty one first.
    pub codes: Vec<Py<PyTuple>>,
}

impl Columns {
    /// What `features::measure` gives, its code lists as tuples of the lexicon's code strings.
    pub fn measured(py: Python<'_>, measured: features::Measured, code_names: &[Py<PyString>]) -> PyResult<Self> {
        let codes = measured
            .codes
            .iter()
            .map(|list| Ok(PyTuple::new(py, list.iter().map(|&c| code_names[c].bind(py)))?.unbind()))
            .collect::<PyResult<_>>()?;
        Ok(Columns { rows: measured.rows.into(), codes })
    }

    /// Field `k`'s values as a Python list.
    fn column<'py>(&self, py: Python<'py>, k: usize) -> PyResult<Bound<'py, PyList>> {
        let rows = &self.rows;
        match k {
            0 => PyList::new(py, rows.iter().map(|r| r.chars)),
            1 => PyList::new(py, rows.iter().map(|r| r.han)),
            2 => PyList::new(py, rows.iter().map(|r| r.han_ratio)),
            3 => PyList::new(py, rows.iter().map(|r| r.punct)),
            4 => PyList::new(py, rows.iter().map(|r| r.ends_sentence)),
            5 => PyList::new(py, rows.iter().map(|r| r.link_density)),
            6 => PyList::new(py, rows.iter().map(|r| r.list_item)),
            7 => PyList::new(py, rows.iter().map(|r| r.heading)),
            8 => PyList::new(py, rows.iter().map(|r| r.truncated)),
            9 => PyList::new(py, rows.iter().map(|r| r.prefix_of)),
            10 => PyList::new(py, rows.iter().map(|r| r.duplicate_of)),
            11 => PyList::new(py, rows.iter().map(|r| self.codes[r.lexicon as usize].bind(py))),
            12 => PyList::new(py, rows.iter().map(|r| r.stopword_density)),
            13 => PyList::new(py, rows.iter().map(|r| r.position)),
            _ => Err(PyIndexError::new_err("feature column index out of range")),
        }
    }
}

/// The values of column `k` of `columns` (any iterable), `n` of them when `n` is given.
fn extract<'py, T: FromPyObjectOwned<'py>>(
    columns: &[Bound<'py, PyAny>],
    k: usize,
    n: Option<usize>,
) -> PyResult<Vec<T>> {
    let values = columns[k]
        .try_iter()?
        .map(|v| {
            v?.extract::<T>().map_err(|e| {
                let e: PyErr = e.into();
                PyTypeError::new_err(format!("feature column {k} ({}): {e}", NAMES[k]))
            })
        })
        .collect::<PyResult<Vec<T>>>()?;
    if let Some(n) = n {
        if values.len() != n {
            return Err(PyValueError::new_err(format!(
                "feature column {k} ({}) has {} rows, column 0 has {n}",
                NAMES[k],
                values.len()
            )));
        }
    }
    Ok(values)
}

/// What `Columns.pack` gives: the packed rows and the distinct lexicon code tuples.
type Packed<'py> = (Bound<'py, PyBytes>, Bound<'py, PyTuple>);

/// The fields' names, for messages.
const NAMES: [&str; FIELDS] = [
    "chars",
    "han",
    "han_ratio",
    "punct",
    "ends_sentence",
    "link_density",
    "list_item",
    "heading",
    "truncated",
    "prefix_of",
    "duplicate_of",
    "lexicon",
    "stopword_density",
    "position",
];

#[pymethods]
impl Columns {
    #[new]
    fn new(py: Python<'_>, columns: &Bound<'_, PyAny>) -> PyResult<Self> {
        let columns: Vec<Bound<'_, PyAny>> = columns.try_iter()?.collect::<PyResult<_>>()?;
        if columns.len() != FIELDS {
            return Err(PyValueError::new_err(format!("{} feature columns, {FIELDS} expected", columns.len())));
        }
        let chars: Vec<usize> = extract(&columns, 0, None)?;
        let n = Some(chars.len());
        let han: Vec<usize> = extract(&columns, 1, n)?;
        let han_ratio: Vec<f64> = extract(&columns, 2, n)?;
        let punct: Vec<usize> = extract(&columns, 3, n)?;
        let ends_sentence: Vec<bool> = extract(&columns, 4, n)?;
        let link_density: Vec<f64> = extract(&columns, 5, n)?;
        let list_item: Vec<bool> = extract(&columns, 6, n)?;
        let heading: Vec<bool> = extract(&columns, 7, n)?;
        let truncated: Vec<bool> = extract(&columns, 8, n)?;
        let prefix_of: Vec<Option<usize>> = extract(&columns, 9, n)?;
        let duplicate_of: Vec<Option<usize>> = extract(&columns, 10, n)?;
        let lexicon: Vec<Bound<'_, PyTuple>> = extract(&columns, 11, n)?;
        let stopword_density: Vec<Option<f64>> = extract(&columns, 12, n)?;
        let position: Vec<f64> = extract(&columns, 13, n)?;
        let mut codes = vec![PyTuple::empty(py).unbind()];
        let mut seen: Map<Vec<String>, u32> = Map::default();
        let mut rows: Vec<Row> = Vec::with_capacity(chars.len());
        for i in 0..chars.len() {
            let tuple = &lexicon[i];
            let at = if tuple.is_empty() {
                0
            } else {
                let key = tuple.extract::<Vec<String>>().map_err(|_| {
                    PyTypeError::new_err(format!("feature column 11 (lexicon): row {i} is not a tuple of str"))
                })?;
                match seen.get(&key) {
                    Some(&at) => at,
                    None => {
                        let at = codes.len() as u32;
                        codes.push(tuple.clone().unbind());
                        seen.insert(key, at);
                        at
                    }
                }
            };
            rows.push(Row {
                chars: chars[i],
                han: han[i],
                han_ratio: han_ratio[i],
                punct: punct[i],
                ends_sentence: ends_sentence[i],
                link_density: link_density[i],
                list_item: list_item[i],
                heading: heading[i],
                truncated: truncated[i],
                prefix_of: prefix_of[i],
                duplicate_of: duplicate_of[i],
                lexicon: at,
                stopword_density: stopword_density[i],
                position: position[i],
            });
        }
        Ok(Columns { rows: rows.into(), codes })
    }

    /// `han_totals(kept=None) -> (chars, han, kept_han)`: the characters and Han characters of
    /// all the blocks, and the Han characters of those whose flag in `kept` is true (`0` without
    /// `kept`; flags past the last block are not read, as `compress` reads them): the sums the
    /// pipeline needs, without a list of either column (a page may have a million blocks).
    #[pyo3(signature = (kept=None))]
    fn han_totals(&self, kept: Option<&Bound<'_, PyAny>>) -> PyResult<(usize, usize, usize)> {
        let (mut chars, mut han, mut kept_han) = (0, 0, 0);
        for row in self.rows.iter() {
            chars += row.chars;
            han += row.han;
        }
        if let Some(kept) = kept {
            for (row, flag) in self.rows.iter().zip(kept.try_iter()?) {
                if flag?.is_truthy()? {
                    kept_han += row.han;
                }
            }
        }
        Ok((chars, han, kept_han))
    }

    /// The number of columns (fields): 14.
    fn __len__(&self) -> usize {
        FIELDS
    }

    /// Column `k` as a list (`k` from the end when negative), or the columns of a slice.
    fn __getitem__<'py>(&self, py: Python<'py>, k: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        if let Ok(slice) = k.cast::<PySlice>() {
            let range = slice.indices(FIELDS as isize)?;
            let mut out = Vec::new();
            let mut at = range.start;
            while (range.step > 0 && at < range.stop) || (range.step < 0 && at > range.stop) {
                out.push(self.column(py, at as usize)?);
                at += range.step;
            }
            return Ok(PyList::new(py, out)?.into_any());
        }
        let k: isize = k.extract()?;
        let k = if k < 0 { k + FIELDS as isize } else { k };
        if !(0..FIELDS as isize).contains(&k) {
            return Err(PyIndexError::new_err("feature column index out of range"));
        }
        Ok(self.column(py, k as usize)?.into_any())
    }

    /// The number of blocks.
    #[getter]
    fn rows(&self) -> usize {
        self.rows.len()
    }

    /// `set_stopword_density(rows, values)`: the blocks `rows` get the stopword densities `values`
    /// (jieba's word-level ones, `features.resegment`).
    fn set_stopword_density(&mut self, rows: Vec<usize>, values: Vec<f64>) -> PyResult<()> {
        if rows.len() != values.len() {
            return Err(PyValueError::new_err(format!("{} rows, {} values", rows.len(), values.len())));
        }
        let n = self.rows.len();
        if let Some(&bad) = rows.iter().find(|&&i| i >= n) {
            return Err(PyIndexError::new_err(format!("row {bad} of {n}")));
        }
        for (i, v) in rows.into_iter().zip(values) {
            self.rows[i].stopword_density = Some(v);
        }
        Ok(())
    }

    /// `close_calls(scores, good, margin, min_han, max_han, max_link_density) -> list[int]`: the
    /// blocks whose score is within `margin` of `good` and that jieba would re-measure: `min_han`
    /// to `max_han` Han characters, a link density under `max_link_density`, no lexicon code
    /// (`features.close_calls`).
    #[allow(clippy::too_many_arguments)]
    fn close_calls(
        &self,
        scores: Vec<f64>,
        good: f64,
        margin: f64,
        min_han: usize,
        max_han: usize,
        max_link_density: f64,
    ) -> PyResult<Vec<usize>> {
        if scores.len() != self.rows.len() {
            return Err(PyValueError::new_err(format!("{} scores for {} rows", scores.len(), self.rows.len())));
        }
        Ok(self
            .rows
            .iter()
            .zip(scores)
            .enumerate()
            .filter(|(_, (r, s))| {
                (s - good).abs() < margin
                    && (min_han..=max_han).contains(&r.han)
                    && r.link_density < max_link_density
                    && r.lexicon == 0
            })
            .map(|(i, _)| i)
            .collect())
    }

    /// `pack() -> (bytes, codes)`: the rows in the compact form `Columns.unpack` reads (see
    /// `pack`), with the distinct lexicon code tuples.
    fn pack<'py>(&self, py: Python<'py>) -> PyResult<Packed<'py>> {
        let data = pack(&self.rows);
        Ok((PyBytes::new(py, &data), PyTuple::new(py, self.codes.iter().map(|c| c.bind(py)))?))
    }

    /// `Columns.unpack(data, codes)`: what `pack` gave. `ValueError` if `data` is not that.
    #[staticmethod]
    fn unpack(data: &[u8], codes: &Bound<'_, PyTuple>) -> PyResult<Self> {
        for (i, c) in codes.iter().enumerate() {
            if c.cast::<PyTuple>()?.is_empty() != (i == 0) {
                return Err(PyValueError::new_err("lexicon code tuples: the first must be empty, no other"));
            }
        }
        if codes.is_empty() {
            return Err(PyValueError::new_err("lexicon code tuples: the first must be empty, no other"));
        }
        let codes: Vec<Py<PyTuple>> =
            codes.iter().map(|c| Ok(c.cast_into::<PyTuple>()?.unbind())).collect::<PyResult<_>>()?;
        let rows = unpack(data, codes.len()).ok_or_else(|| PyValueError::new_err("not packed feature columns"))?;
        Ok(Columns { rows: rows.into(), codes })
    }

    /// Pickles as its packed form (`features.unpack_columns`).
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, Packed<'py>)> {
        let unpack = py.import(intern!(py, "cleantext.features"))?.getattr(intern!(py, "unpack_columns"))?;
        Ok((unpack, self.pack(py)?))
    }

    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        let Ok(other) = other.cast::<Columns>() else { return Ok(false) };
        let other = other.borrow();
        if self.rows.len() != other.rows.len() {
            return Ok(false);
        }
        for (a, b) in self.rows.iter().zip(&other.rows) {
            let (mut a, mut b) = (a.clone(), b.clone());
            let (ca, cb) = (self.codes[a.lexicon as usize].bind(py), other.codes[b.lexicon as usize].bind(py));
            if !ca.eq(cb)? {
                return Ok(false);
            }
            a.lexicon = 0;
            b.lexicon = 0;
            if a != b {
                return Ok(false);
            }
        }
        Ok(true)
    }

    fn __repr__(&self) -> String {
        format!("<Columns: {} blocks>", self.rows.len())
    }
}
