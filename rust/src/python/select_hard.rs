//! Temporary bindings of selection's hard part, for checking it against the Python twin while the
//! port goes on (see `select::hard`): `select.select` calls them until the core's `select` runs
//! the parts itself.

use super::select::{thresholds, PyPatterns, SelectPage};
use crate::select::hard;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyRange, PyString, PyTuple};

/// `select_hard(page, patterns, thresholds) -> (hard, datelines, dated)`: the hard reasons of a
/// `SelectPage`'s blocks (codes, or `None`; `select._hard_reasons`), its metadata lines
/// (`_metadata_lines`) and its date columns (`_date_columns`), `patterns` answering as
/// `select._PagePatterns` does and `thresholds` the fields of `select.Thresholds`
/// (`dataclasses.astuple`). An error the patterns raise is raised.
#[pyfunction]
fn select_hard<'py>(
    page: &Bound<'py, SelectPage>,
    patterns: Bound<'py, PyAny>,
    values: &Bound<'py, PyTuple>,
) -> PyResult<Bound<'py, PyTuple>> {
    let py = page.py();
    let page = &page.get().page;
    let t = thresholds(values)?;
    let mut asked = PyPatterns::for_page(patterns, page);
    let out = hard::hard(page, &mut asked, &t);
    asked.finish()?;
    let reasons = PyList::new(py, out.reasons.iter().map(|r| r.map(|r| PyString::intern(py, r.as_str()))))?;
    let datelines = PyList::new(py, out.datelines)?;
    let dated = PyList::new(py, out.dated)?;
    PyTuple::new(py, [reasons.into_any(), datelines.into_any(), dated.into_any()])
}

/// `select_contents_lists(page, patterns, thresholds) -> list[range]`: the runs of list items of
/// a `SelectPage` that are a table of contents (`select.contents_lists`).
#[pyfunction]
fn select_contents_lists<'py>(
    page: &Bound<'py, SelectPage>,
    patterns: Bound<'py, PyAny>,
    values: &Bound<'py, PyTuple>,
) -> PyResult<Bound<'py, PyList>> {
    let py = page.py();
    let page = &page.get().page;
    let t = thresholds(values)?;
    let mut asked = PyPatterns::new(patterns, page.blocks.len());
    let runs = hard::contents_lists(page, &mut asked, &t);
    asked.finish()?;
    let ranges = runs
        .into_iter()
        .map(|run| {
            let bound = |at: usize| isize::try_from(at).unwrap_or(isize::MAX);
            PyRange::new(py, bound(run.start), bound(run.end))
        })
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, ranges)
}

/// Registers this part's functions.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(select_hard, m)?)?;
    m.add_function(wrap_pyfunction!(select_contents_lists, m)?)?;
    Ok(())
}
