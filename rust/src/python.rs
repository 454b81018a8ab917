//! The Python face of the core: compact rows that `cleantext.blocks.html` turns into its
//! `RawBlock`s and `Container`s.

use crate::blocks::html;
use crate::blocks::text as dump;
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

/// `text_blocks(text) -> rows`: one tuple per block of a plain-text dump, the fields of
/// `RawBlock` in order (text, kind, start, end, link_chars, links, path, hints, tag); offsets in
/// characters. A `str` holding lone surrogates raises `UnicodeEncodeError` (the caller replaces
/// them and restores them in the texts).
#[pyfunction]
fn text_blocks<'py>(py: Python<'py>, text: &Bound<'py, PyString>) -> PyResult<Bound<'py, PyList>> {
    let utf8 = text.to_cow()?;
    let blocks = dump::text_blocks(&utf8);
    let line = PyString::intern(py, dump::Kind::Line.as_str());
    let list_item = PyString::intern(py, dump::Kind::ListItem.as_str());
    let empty = PyString::intern(py, "");
    let zero = 0usize.into_pyobject(py)?;
    let rows = PyList::empty(py);
    for block in &blocks {
        let kind = if block.kind == dump::Kind::Line { &line } else { &list_item };
        let row = PyTuple::new(
            py,
            [
                PyString::new(py, &block.text).into_any(),
                kind.clone().into_any(),
                block.start.into_pyobject(py)?.into_any(),
                block.end.into_pyobject(py)?.into_any(),
                zero.clone().into_any(),
                zero.clone().into_any(),
                empty.clone().into_any(),
                empty.clone().into_any(),
                line.clone().into_any(),
            ],
        )?;
        rows.append(row)?;
    }
    Ok(rows)
}

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(html_blocks, m)?)?;
    m.add_function(wrap_pyfunction!(text_blocks, m)?)?;
    Ok(())
}
