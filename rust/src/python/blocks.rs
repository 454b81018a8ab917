//! A page's blocks held by the core (`blocks.text.text_block_table`, `blocks.html.html_block_table`):
//! a sequence of `RawBlock`s, each made when it is read, over one table of the texts and labels
//! ([`crate::blocks::table::BlockTable`]). Measure and selection read the table itself.

use super::CharSet;
use crate::blocks::table::{BlockTable, PageText};
use pyo3::exceptions::{PyIndexError, PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedBytes;
use pyo3::types::{PyBytes, PyList, PySlice, PyString, PyTuple, PyType};
use std::sync::Arc;

/// `Blocks(text, block, utf8=None)`: the blocks of the text dump `text` (a `str` without lone
/// surrogates: `UnicodeEncodeError` otherwise, or a `Utf8Text`; `utf8`: a `str` encoded, if the
/// caller has it),
/// or, made by `html_blocks`, of an HTML page, as a sequence of `block`s (`RawBlock`, a named
/// tuple) made when read: `len`, `blocks[i]` (negative too), slices (a list), iteration.
/// `text(i)` and `texts()` give the texts alone, `columns()` some fields as lists, `pack()`
/// the compact form a Document pickles as.
#[pyclass(frozen, sequence, module = "cleantext._core")]
pub struct Blocks {
    /// Shared with the simplified reading of the same blocks (`simplified_if_any`).
    pub table: Arc<BlockTable>,
    block: Py<PyType>,
}

impl Blocks {
    /// The blocks of `table`, read as `block`s.
    pub fn new_table(table: BlockTable, block: Py<PyType>) -> Self {
        Blocks { table: Arc::new(table), block }
    }

    /// Block `i` as a `RawBlock`.
    fn row<'py>(&self, py: Python<'py>, i: usize) -> PyResult<Bound<'py, PyAny>> {
        let t = &self.table;
        let (Some(text), Some((start, end)), Some((link_chars, links)), Some(label)) =
            (t.text(i), t.span(i), t.links(i), t.label(i))
        else {
            return Err(PyIndexError::new_err("block index out of range"));
        };
        let row = PyTuple::new(
            py,
            [
                PyString::new(py, text).into_any(),
                PyString::intern(py, label.kind).into_any(),
                start.into_pyobject(py)?.into_any(),
                end.into_pyobject(py)?.into_any(),
                link_chars.into_pyobject(py)?.into_any(),
                links.into_pyobject(py)?.into_any(),
                PyString::intern(py, &label.path).into_any(),
                PyString::intern(py, &label.hints).into_any(),
                PyString::intern(py, label.tag).into_any(),
            ],
        )?;
        let new = py.get_type::<PyTuple>().getattr(intern!(py, "__new__"))?;
        new.call1((self.block.bind(py), row))
    }

    /// `index` as a position, negative ones counted from the end.
    fn position(&self, index: isize) -> PyResult<usize> {
        let n = self.table.len() as isize;
        let at = if index < 0 { index + n } else { index };
        if at < 0 || at >= n {
            return Err(PyIndexError::new_err("block index out of range"));
        }
        Ok(at as usize)
    }
}

/// `Blocks.joined` makes a long text in pieces of about this many bytes of UTF-8, each a `str`,
/// then joins them: its peak holds the pieces and the text (a CJK text's pieces as `str`, two
/// bytes a character) instead of all of its UTF-8 (three) and the text.
const JOINED_CHUNK: usize = 1 << 20;

#[pymethods]
impl Blocks {
    #[new]
    #[pyo3(signature = (text, block, utf8=None))]
    fn new(text: &Bound<'_, PyAny>, block: Bound<'_, PyType>, utf8: Option<Bound<'_, PyBytes>>) -> PyResult<Self> {
        // (the dump's bytes held, not copied: most texts are read as their slices)
        let bytes = PyBackedBytes::from(super::utf8_bytes("text", text, utf8)?);
        // (checked and split without the GIL: another thread's Python runs meanwhile)
        let table = super::gil::without(text.py(), || PageText::new(Arc::new(bytes)).map(BlockTable::from_page));
        let table = table.ok_or_else(|| PyValueError::new_err("text is not UTF-8"))?;
        Ok(Blocks { table: Arc::new(table), block: block.unbind() })
    }

    fn __len__(&self) -> usize {
        self.table.len()
    }

    /// Bytes held (`sys.getsizeof`): the texts and arrays of the table.
    fn __sizeof__(&self) -> usize {
        std::mem::size_of::<Self>() + std::mem::size_of::<BlockTable>() + self.table.heap_bytes()
    }

    fn __getitem__<'py>(&self, py: Python<'py>, index: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        if let Ok(slice) = index.cast::<PySlice>() {
            let s = slice.indices(self.table.len() as isize)?;
            let mut rows = Vec::with_capacity(s.slicelength);
            let mut at = s.start;
            for _ in 0..s.slicelength {
                rows.push(self.row(py, at as usize)?);
                at += s.step;
            }
            return Ok(PyList::new(py, rows)?.into_any());
        }
        let Ok(index) = index.extract::<isize>() else {
            return Err(PyTypeError::new_err(format!(
                "block indexes must be integers or slices, not {}",
                index.get_type().name()?
            )));
        };
        self.row(py, self.position(index)?)
    }

    /// Block `i`'s text (`blocks[i].text` without the `RawBlock`).
    fn text<'py>(&self, py: Python<'py>, i: isize) -> PyResult<Bound<'py, PyString>> {
        let at = self.position(i)?;
        Ok(PyString::new(py, self.table.text(at).unwrap_or_default()))
    }

    /// `texts(indexes=None) -> list[str]`: the texts of the blocks `indexes` names (an iterable
    /// of ints, in its order), or of every block.
    #[pyo3(signature = (indexes=None))]
    fn texts<'py>(&self, py: Python<'py>, indexes: Option<&Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyList>> {
        match indexes {
            None => PyList::new(py, self.table.texts()),
            Some(indexes) => {
                let out = PyList::empty(py);
                for i in indexes.try_iter()? {
                    let at = self.position(i?.extract()?)?;
                    out.append(self.table.text(at).unwrap_or_default())?;
                }
                Ok(out)
            }
        }
    }

    /// `joined(kept, sep) -> str`: the texts of the blocks whose flag in `kept` (an iterable of
    /// flags, one a block; past its end, none) is true, joined by `sep`, made as one `str` (the
    /// article's text: no `str` made for each block). `ValueError` if `kept` is longer than the table.
    fn joined<'py>(&self, py: Python<'py>, kept: &Bound<'py, PyAny>, sep: &str) -> PyResult<Bound<'py, PyString>> {
        let kept = kept.try_iter()?.map(|k| k?.is_truthy()).collect::<PyResult<Vec<bool>>>()?;
        if kept.len() > self.table.len() {
            return Err(PyValueError::new_err("more flags than blocks"));
        }
        let texts =
            || kept.iter().enumerate().filter(|&(_, &k)| k).map(|(i, _)| self.table.text(i).unwrap_or_default());
        let size: usize = texts().map(|t| t.len() + sep.len()).sum();
        let mut out = String::with_capacity(size.min(JOINED_CHUNK + JOINED_CHUNK / 4));
        let mut parts = Vec::new();
        for (n, text) in texts().enumerate() {
            if n > 0 {
                out.push_str(sep);
            }
            out.push_str(text);
            if out.len() >= JOINED_CHUNK {
                parts.push(PyString::new(py, &out));
                out.clear();
            }
        }
        if parts.is_empty() {
            return Ok(PyString::new(py, &out));
        }
        parts.push(PyString::new(py, &out));
        let joined = intern!(py, "").call_method1(intern!(py, "join"), (PyList::new(py, parts)?,))?;
        Ok(joined.cast_into::<PyString>()?)
    }

    /// `simplified(chars) -> Blocks`: the same blocks, each character of their texts
    /// written as `chars` maps it (`CharMap`: the traditional characters simplified), copied.
    fn simplified(&self, py: Python<'_>, chars: PyRef<'_, CharMap>) -> Blocks {
        Blocks { table: Arc::new(self.table.mapped(&chars.inner)), block: self.block.clone_ref(py) }
    }

    /// `simplified_if_any(chars) -> Simplified | None`: the word lists' reading of these
    /// blocks, each text written as `chars` maps it, or `None` when that changes no character
    /// (the texts read once). It holds the blocks whose texts change, not their texts: measure
    /// and selection simplify each as they read it.
    fn simplified_if_any(slf: &Bound<'_, Self>, chars: &Bound<'_, CharMap>) -> Option<Simplified> {
        let mut changed = slf.get().table.changed_by(&chars.get().inner);
        if changed.is_empty() {
            return None;
        }
        changed.shrink_to_fit();
        Some(Simplified { blocks: slf.clone().unbind(), chars: chars.clone().unbind(), changed })
    }

    /// `columns() -> (texts, kinds, starts, ends, paths)`: those fields of every block, as lists
    /// (each label's strings made once).
    fn columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let t = &self.table;
        let n = t.len();
        let made: Vec<_> =
            t.labels().iter().map(|l| (PyString::intern(py, l.kind), PyString::intern(py, &l.path))).collect();
        let (mut kinds, mut paths) = (Vec::with_capacity(n), Vec::with_capacity(n));
        for i in 0..n {
            let Some((kind, path)) = t.label_index(i).and_then(|k| made.get(k)) else {
                return Err(PyIndexError::new_err("a block without labels"));
            };
            kinds.push(kind.clone());
            paths.push(path.clone());
        }
        let spans = (0..n).filter_map(|i| t.span(i));
        (
            PyList::new(py, t.texts())?,
            PyList::new(py, kinds)?,
            PyList::new(py, spans.clone().map(|s| s.0))?,
            PyList::new(py, spans.map(|s| s.1))?,
            PyList::new(py, paths)?,
        )
            .into_pyobject(py)
    }

    /// `pack(page=None) -> (page, texts, kind, start, end, path)`: the blocks packed for a
    /// pickle (`crate::pack::pack_table`; `columns.PackedBlocks` says the form). `page`: the
    /// text dump they were split from (a `str`, or its UTF-8 `bytes`, given back as they are),
    /// given back as UTF-8 `bytes`, whose slices the texts are but for those listed; without it
    /// (`None` given back) the texts are joined.
    ///
    /// `pack(page, kept) -> (page, texts, kind, start, end, path, body)`: `kept`, the blocks'
    /// kept flags as `bytes` of 0 and 1, when the article's text is the kept blocks' texts
    /// joined with line breaks: `body` is that text as UTF-8 `bytes` (`crate::pack::body`),
    /// and without a page the joined texts leave the kept blocks' out.
    #[pyo3(signature = (page=None, kept=None))]
    fn pack<'py>(
        &self,
        py: Python<'py>,
        page: Option<&Bound<'py, PyAny>>,
        kept: Option<&[u8]>,
    ) -> PyResult<Bound<'py, PyTuple>> {
        let page = match page {
            None => None,
            Some(page) => Some(match page.cast::<PyBytes>() {
                Ok(bytes) => bytes.clone(),
                Err(_) => super::wtf8(page.cast::<PyString>()?)?,
            }),
        };
        let kept = match kept {
            None => None,
            Some(flags) if flags.len() == self.table.len() && flags.iter().all(|&k| k <= 1) => {
                Some(flags.iter().map(|&k| k == 1).collect::<Vec<bool>>())
            }
            Some(_) => return Err(PyValueError::new_err("kept must be bytes of 0 and 1, one a block")),
        };
        let packed = crate::pack::pack_table(&self.table, page.as_ref().map(|p| p.as_bytes()), kept.as_deref());
        let columns = super::pack::table_tuple(py, &packed)?;
        let mut items = vec![page.into_pyobject(py)?.into_any()];
        items.extend(columns.iter());
        if let Some(kept) = &kept {
            items.push(PyBytes::new(py, &crate::pack::body(&self.table, kept)).into_any());
        }
        PyTuple::new(py, items)
    }

    /// `merged(kind=None) -> tuple[int, ...]`: the blocks whose text holds a line break (for an
    /// HTML page, the blocks that hold several: `blocks.html.merged_blocks`).
    /// With `kind`, only the blocks of that kind (a dump's joined lines: `merged("line")`, not
    /// its list items, whose lines are joined with line breaks too).
    #[pyo3(signature = (kind=None))]
    fn merged<'py>(&self, py: Python<'py>, kind: Option<&str>) -> PyResult<Bound<'py, PyTuple>> {
        let merged: Vec<usize> = (0..self.table.len())
            .filter(|&i| kind.is_none_or(|k| self.table.kind(i) == Some(k)))
            .filter(|&i| self.table.text(i).is_some_and(|t| t.contains('\n')))
            .collect();
        PyTuple::new(py, merged)
    }

    /// `index(block)`: the first position of a block equal to `block` (`ValueError` if none), as
    /// a `Sequence` has.
    fn index(&self, py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<usize> {
        for i in 0..self.table.len() {
            if self.row(py, i)?.eq(value)? {
                return Ok(i);
            }
        }
        Err(pyo3::exceptions::PyValueError::new_err("block is not in the table"))
    }

    /// `count(block)`: how many blocks equal `block`, as a `Sequence` has.
    fn count(&self, py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<usize> {
        let mut n = 0;
        for i in 0..self.table.len() {
            n += usize::from(self.row(py, i)?.eq(value)?);
        }
        Ok(n)
    }

    /// `any_in(chars) -> bool`: whether some block's text holds a character of `chars`.
    fn any_in(&self, chars: PyRef<'_, CharSet>) -> bool {
        self.table.texts().any(|t| t.chars().any(|c| chars.inner.contains(c as u32)))
    }

    /// Pickles as the tuple of its `RawBlock`s.
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyType>, (Bound<'py, PyTuple>,))> {
        let rows = (0..self.table.len()).map(|i| self.row(py, i)).collect::<PyResult<Vec<_>>>()?;
        Ok((py.get_type::<PyTuple>(), (PyTuple::new(py, rows)?,)))
    }

    fn __repr__(&self) -> String {
        format!("<Blocks of {} blocks>", self.table.len())
    }
}

/// `CharMap(sources, targets)`: the `k`-th character of `sources` written as the `k`-th of
/// `targets` (`lexicon`'s traditional to simplified table; [`crate::charmap::CharMap`]), for
/// `Blocks.simplified` and `simplified(text)`. `ValueError` when their lengths differ.
#[pyclass(frozen, module = "cleantext._core")]
pub struct CharMap {
    pub inner: crate::charmap::CharMap,
}

#[pymethods]
impl CharMap {
    #[new]
    fn new(sources: &str, targets: &str) -> PyResult<Self> {
        if sources.chars().count() != targets.chars().count() {
            return Err(PyValueError::new_err("sources and targets differ in length"));
        }
        Ok(CharMap { inner: crate::charmap::CharMap::new(sources.chars().zip(targets.chars())) })
    }

    /// The characters the map changes.
    fn __len__(&self) -> usize {
        self.inner.len()
    }

    /// `simplified(text) -> str`: `text` with each character written as the map writes it
    /// (`lexicon.simplified`), lone surrogates kept; `text` itself when it holds none of the
    /// characters mapped (the usual case: told by the bit set alone).
    fn simplified<'py>(&self, text: &Bound<'py, PyString>) -> PyResult<Bound<'py, PyString>> {
        let held = super::wtf8(text)?;
        match self.inner.mapped_wtf8(held.as_bytes()) {
            std::borrow::Cow::Borrowed(_) => Ok(text.clone()),
            std::borrow::Cow::Owned(mapped) => super::from_wtf8(text.py(), &mapped),
        }
    }
}

/// `Simplified`: the word lists' reading of a page's blocks (`Blocks.simplified_if_any`), each
/// text written as a `CharMap` maps it. It holds which blocks change (`changed()`), not their
/// texts: measure and selection simplify each as they read it, so a page written in traditional
/// characters throughout costs no second copy of its texts. `len`, `texts()` (made when called).
#[pyclass(frozen, module = "cleantext._core")]
pub struct Simplified {
    /// The page's blocks, as written.
    pub blocks: Py<Blocks>,
    pub chars: Py<CharMap>,
    /// The blocks whose texts the map changes, ascending.
    pub changed: Vec<usize>,
}

impl Simplified {
    /// The table of the page's blocks, as written.
    pub fn table(&self) -> &Arc<BlockTable> {
        &self.blocks.get().table
    }

    /// The map.
    pub fn map(&self) -> &crate::charmap::CharMap {
        &self.chars.get().inner
    }

    /// For each block in order, the map when its text changes by it (`None`: read as written).
    pub fn simplify_each(&self) -> impl Iterator<Item = Option<&crate::charmap::CharMap>> + '_ {
        let mut changed = self.changed.iter().copied().peekable();
        (0..self.table().len()).map(move |i| changed.next_if_eq(&i).map(|_| self.map()))
    }
}

#[pymethods]
impl Simplified {
    fn __len__(&self) -> usize {
        self.table().len()
    }

    /// `texts() -> list[str]`: every block's text, simplified.
    fn texts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let table = self.table();
        PyList::new(py, table.texts().zip(self.simplify_each()).map(|(t, map)| map.map_or(t.into(), |m| m.mapped(t))))
    }

    /// `changed() -> list[int]`: the blocks whose texts the map changes, ascending.
    fn changed<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, &self.changed)
    }

    /// Bytes held (`sys.getsizeof`): the list of changed blocks (the blocks are the page's).
    fn __sizeof__(&self) -> usize {
        std::mem::size_of::<Self>() + self.changed.capacity() * std::mem::size_of::<usize>()
    }

    fn __repr__(&self) -> String {
        format!("<Simplified reading of {} blocks, {} changed>", self.table().len(), self.changed.len())
    }
}
