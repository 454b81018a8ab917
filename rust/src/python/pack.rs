//! The packed forms of `crate::pack` as Python values (`cleantext/columns.py` reads them), the
//! walk's layout held by the core until it is read or packed, and the packing of columns of
//! Python values: strings (or tuples of strings) into distinct values and indexes, floats and
//! flags into bytes.

use crate::blocks::html::builder::Layout;
use crate::hash::Map;
use crate::pack::{self, Column, Distinct, PackedTable, Texts};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyFloat, PyList, PyString, PyTuple};

/// A column of strings as `(distinct, indexes)` (`indexes` typed bytes, `None` for one value).
fn distinct<'py>(py: Python<'py>, d: &Distinct<'_>) -> PyResult<Bound<'py, PyTuple>> {
    let codes = d.indexes().map(|c| PyBytes::new(py, &c));
    (PyList::new(py, &d.values)?, codes).into_pyobject(py)
}

/// A packed table as `(texts, kind, start, end, path)` (see `Blocks.pack`).
pub(super) fn table_tuple<'py>(py: Python<'py>, packed: &PackedTable<'_>) -> PyResult<Bound<'py, PyTuple>> {
    let texts = match &packed.texts {
        Texts::Joined(joined, lengths) => {
            (PyBytes::new(py, joined.as_bytes()), PyBytes::new(py, lengths)).into_pyobject(py)?
        }
        Texts::Page(odd, texts) => (PyBytes::new(py, odd), PyList::new(py, texts)?).into_pyobject(py)?,
    };
    (
        texts,
        distinct(py, &packed.kinds)?,
        PyBytes::new(py, &packed.starts),
        PyBytes::new(py, &packed.ends),
        distinct(py, &packed.paths)?,
    )
        .into_pyobject(py)
}

/// Strings as `(joined, lengths)`: joined as UTF-8 bytes, with the length of each in code
/// points as typed bytes (`packing.split_joined` reads it): two objects, however many strings.
fn joined<'py>(py: Python<'py>, values: &[&str]) -> PyResult<Bound<'py, PyTuple>> {
    let mut all = String::with_capacity(values.iter().map(|v| v.len()).sum());
    let mut lengths = Vec::with_capacity(values.len());
    for value in values {
        all.push_str(value);
        lengths.push(value.chars().count() as i64);
    }
    (PyBytes::new(py, all.as_bytes()), PyBytes::new(py, &pack::signed(&lengths))).into_pyobject(py)
}

/// Rows of a layout part as `(n, *columns)`; their strings joined (see `joined`), distinct
/// values as well as lists.
fn rows_tuple<'py>(py: Python<'py>, (n, columns): &pack::Rows<'_>) -> PyResult<Bound<'py, PyTuple>> {
    let mut items = vec![n.into_pyobject(py)?.into_any()];
    for column in columns {
        items.push(match column {
            Column::Ints(typed) => PyBytes::new(py, typed).into_any(),
            Column::Strings(d) => {
                let codes = d.indexes().map(|c| PyBytes::new(py, &c));
                (joined(py, &d.values)?, codes).into_pyobject(py)?.into_any()
            }
            Column::List(values) => joined(py, values)?.into_any(),
        });
    }
    PyTuple::new(py, items)
}

/// The layout the HTML walk recorded (`html_blocks` gives it to the `LayoutRecorder`): `rows()`
/// gives its elements (lists of `Element`'s fields), links (`(block, text, href)`) and raw
/// texts (`(block, text)`); `pack()` the packed form of the three.
#[pyclass(frozen, module = "cleantext._core")]
pub struct WalkLayout {
    inner: Layout,
}

impl WalkLayout {
    pub fn new(inner: Layout) -> Self {
        WalkLayout { inner }
    }
}

#[pymethods]
impl WalkLayout {
    /// `rows() -> (elements, links, raw)`: the recorded rows as Python values.
    fn rows<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let (elements, links, raw) = (PyList::empty(py), PyList::empty(py), PyList::empty(py));
        for e in &self.inner.elements {
            let row = (PyString::intern(py, e.tag), e.first, e.end, e.parent, e.colspan, e.rowspan, &e.alt, &e.src);
            elements.append(row.into_pyobject(py)?.to_list())?;
        }
        for l in &self.inner.links {
            links.append((l.block, &l.text, &l.href))?;
        }
        for (block, text) in &self.inner.raw {
            raw.append((*block, text))?;
        }
        (elements, links, raw).into_pyobject(py)
    }

    /// `pack() -> (elements, links, raw)`: each part as `(n, *columns)` (`columns._LAYOUT_PARTS`).
    fn pack<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let (elements, links, raw) = pack::pack_layout(&self.inner);
        (rows_tuple(py, &elements)?, rows_tuple(py, &links)?, rows_tuple(py, &raw)?).into_pyobject(py)
    }

    fn __len__(&self) -> usize {
        self.inner.elements.len() + self.inner.links.len() + self.inner.raw.len()
    }
}

/// Whether `value` is a `str` or a tuple of `str`s (exactly: no subclass, whose equality
/// could join values that differ).
fn plain(value: &Bound<'_, PyAny>) -> bool {
    if value.is_exact_instance_of::<PyString>() {
        return true;
    }
    value.cast_exact::<PyTuple>().is_ok_and(|t| t.iter().all(|v| v.is_exact_instance_of::<PyString>()))
}

/// `pack_codes(values) -> (distinct, indexes) | None`: a list or tuple of strings, or of tuples
/// of strings, as its distinct values (in order of first appearance, a list) and each value's
/// index among them as typed bytes (`None` when there is one value); `None` when a value is
/// something else. Each object is judged once: the same object again is found by identity.
#[pyfunction]
pub fn pack_codes<'py>(py: Python<'py>, values: &Bound<'py, PyAny>) -> PyResult<Option<Bound<'py, PyTuple>>> {
    match values.cast::<PyList>() {
        Ok(list) => codes_of(py, list.iter()),
        Err(_) => codes_of(py, values.cast::<PyTuple>()?.iter()),
    }
}

fn codes_of<'py>(
    py: Python<'py>,
    items: impl ExactSizeIterator<Item = Bound<'py, PyAny>>,
) -> PyResult<Option<Bound<'py, PyTuple>>> {
    // The objects met so far and their codes (by address: the sequence holds them all along).
    let mut seen = Identities::default();
    let mut by_hash: Map<isize, Vec<u32>> = Map::default();
    let mut found: Vec<Bound<'py, PyAny>> = Vec::new();
    let mut codes = Vec::with_capacity(items.len());
    for item in items {
        let key = item.as_ptr() as usize;
        if let Some(code) = seen.get(key) {
            codes.push(code);
            continue;
        }
        if !plain(&item) {
            return Ok(None);
        }
        let candidates = by_hash.entry(item.hash()?).or_default();
        let mut code = None;
        for &k in candidates.iter() {
            if found[k as usize].eq(&item)? {
                code = Some(k);
                break;
            }
        }
        let code = match code {
            Some(code) => code,
            None => {
                let code = found.len() as u32;
                candidates.push(code);
                found.push(item);
                code
            }
        };
        seen.insert(key, code);
        codes.push(code);
    }
    let indexes = (found.len() != 1).then(|| PyBytes::new(py, &pack::indexes(found.len(), &codes)));
    Ok(Some((PyList::new(py, found)?, indexes).into_pyobject(py)?))
}

/// Codes by object address: the last one met, then a short list, then a map (a column holds
/// few distinct objects, often in runs).
#[derive(Default)]
struct Identities {
    last: Option<(usize, u32)>,
    few: Vec<(usize, u32)>,
    many: Map<usize, u32>,
}

impl Identities {
    const FEW: usize = 32;

    fn get(&mut self, key: usize) -> Option<u32> {
        if let Some((k, code)) = self.last {
            if k == key {
                return Some(code);
            }
        }
        let code = match self.few.iter().find(|(k, _)| *k == key) {
            Some(&(_, code)) => code,
            None => *self.many.get(&key)?,
        };
        self.last = Some((key, code));
        Some(code)
    }

    fn insert(&mut self, key: usize, code: u32) {
        if self.few.len() < Self::FEW {
            self.few.push((key, code));
        } else {
            self.many.insert(key, code);
        }
        self.last = Some((key, code));
    }
}

/// `pack_floats(values) -> bytes | None`: a list or tuple of floats (exactly) as typed bytes of
/// doubles (`d`, little-endian); `None` when a value is something else.
#[pyfunction]
pub fn pack_floats<'py>(py: Python<'py>, values: &Bound<'py, PyAny>) -> PyResult<Option<Bound<'py, PyBytes>>> {
    let floats = |items: &mut dyn ExactSizeIterator<Item = Bound<'py, PyAny>>| {
        let mut out = Vec::with_capacity(1 + 8 * items.len());
        out.push(b'd');
        for item in items {
            let Ok(f) = item.cast_exact::<PyFloat>() else { return None };
            out.extend_from_slice(&f.value().to_le_bytes());
        }
        Some(out)
    };
    let packed = match values.cast::<PyList>() {
        Ok(list) => floats(&mut list.iter()),
        Err(_) => floats(&mut values.cast::<PyTuple>()?.iter()),
    };
    Ok(packed.map(|p| PyBytes::new(py, &p)))
}

/// `pack_flags(values) -> bytes | None`: a list or tuple of bools (`True`/`False`, not 1 or 0) as
/// bytes of 1 and 0; `None` when a value is something else.
#[pyfunction]
pub fn pack_flags<'py>(py: Python<'py>, values: &Bound<'py, PyAny>) -> PyResult<Option<Bound<'py, PyBytes>>> {
    let (yes, no) = (PyBool::new(py, true), PyBool::new(py, false));
    let flags = |items: &mut dyn ExactSizeIterator<Item = Bound<'py, PyAny>>| {
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            out.push(if item.is(&*yes) {
                1
            } else if item.is(&*no) {
                0
            } else {
                return None;
            });
        }
        Some(out)
    };
    let packed = match values.cast::<PyList>() {
        Ok(list) => flags(&mut list.iter()),
        Err(_) => flags(&mut values.cast::<PyTuple>()?.iter()),
    };
    Ok(packed.map(|p| PyBytes::new(py, &p)))
}
