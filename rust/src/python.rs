//! The Python face of the core: compact rows that `cleantext.blocks.html` turns into its
//! `RawBlock`s and `Container`s.

use crate::blocks::html;
use crate::features::lexicon;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString, PyTuple};

/// `html_blocks(source, capped, splits) -> (rows, title, containers)`.
///
/// `rows` holds one tuple per block, the fields of `RawBlock` in order (text, kind, start, end,
/// link_chars, links, path, hints, tag); `containers` holds `(first, end, tag, hints)`.
/// `capped` is `source` with its deepest tags removed (or `source` itself) and `splits` the
/// character offsets where it is cut into pieces parsed one at a time.
#[pyfunction]
fn html_blocks<'py>(
    py: Python<'py>,
    source: &Bound<'py, PyString>,
    capped: &Bound<'py, PyString>,
    splits: Vec<usize>,
) -> PyResult<(Bound<'py, PyList>, Option<String>, Bound<'py, PyList>)> {
    let source_text = source.to_cow()?;
    let capped_text = if capped.is(source) { None } else { Some(capped.to_cow()?) };
    let page = html::html_blocks(&source_text, capped_text.as_deref().unwrap_or(&source_text), &splits);
    // Each distinct label string becomes one Python string, shared by its blocks.
    let labels: Vec<[Bound<'py, PyString>; 4]> = page
        .labels
        .iter()
        .map(|l| {
            [
                PyString::intern(py, l.kind),
                PyString::intern(py, &l.path),
                PyString::intern(py, &l.hints),
                PyString::intern(py, &l.tag),
            ]
        })
        .collect();
    let rows = PyList::empty(py);
    for block in &page.blocks {
        let [kind, path, hints, tag] = &labels[block.labels];
        let row = PyTuple::new(
            py,
            [
                PyString::new(py, &block.text).into_any(),
                kind.clone().into_any(),
                block.start.into_pyobject(py)?.into_any(),
                block.end.into_pyobject(py)?.into_any(),
                block.link_chars.into_pyobject(py)?.into_any(),
                block.links.into_pyobject(py)?.into_any(),
                path.clone().into_any(),
                hints.clone().into_any(),
                tag.clone().into_any(),
            ],
        )?;
        rows.append(row)?;
    }
    let containers = PyList::empty(py);
    for c in &page.containers {
        containers.append((c.first, c.end, PyString::intern(py, &c.tag), PyString::new(py, &c.hints)))?;
    }
    Ok((rows, page.title, containers))
}

/// `Lexicon(boilerplate_tsv)`: the boilerplate lexicon compiled for the native scan
/// (`ValueError` naming the line of a rule that cannot be compiled exactly).
#[pyclass(frozen, module = "cleantext._core")]
struct Lexicon {
    inner: lexicon::Lexicon,
    codes: Vec<Py<PyString>>,
}

#[pymethods]
impl Lexicon {
    #[new]
    fn new(py: Python<'_>, boilerplate_tsv: &str) -> PyResult<Self> {
        let inner = lexicon::Lexicon::new(boilerplate_tsv).map_err(pyo3::exceptions::PyValueError::new_err)?;
        let codes = inner.codes().iter().map(|c| PyString::intern(py, c).unbind()).collect();
        Ok(Lexicon { inner, codes })
    }

    /// The largest `max_han` of any rule (`lexicon.rules_max_han`).
    #[getter]
    fn max_han(&self) -> usize {
        self.inner.max_han()
    }

    /// `page_codes(texts, hans) -> list[tuple[str, ...]]`: `features.page_lexicon_codes`.
    fn page_codes<'py>(
        &self,
        py: Python<'py>,
        texts: Vec<Bound<'py, PyString>>,
        hans: Vec<usize>,
    ) -> PyResult<Bound<'py, PyList>> {
        if texts.len() != hans.len() {
            return Err(pyo3::exceptions::PyValueError::new_err("texts and hans differ in length"));
        }
        let max_han = self.inner.max_han();
        let mut owned = Vec::with_capacity(texts.len());
        for (text, &han) in texts.iter().zip(&hans) {
            // Only candidates are read (a UnicodeEncodeError for lone surrogates in one of them).
            owned.push(if han <= max_han { text.to_cow()? } else { std::borrow::Cow::Borrowed("") });
        }
        let refs: Vec<&str> = owned.iter().map(|t| t.as_ref()).collect();
        let found = self.inner.page_codes(&refs, &hans);
        let empty = PyTuple::empty(py);
        let out = PyList::empty(py);
        for codes in found {
            if codes.is_empty() {
                out.append(&empty)?;
            } else {
                out.append(PyTuple::new(py, codes.iter().map(|&c| self.codes[c].bind(py)))?)?;
            }
        }
        Ok(out)
    }
}

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(html_blocks, m)?)?;
    m.add_class::<Lexicon>()?;
    Ok(())
}
