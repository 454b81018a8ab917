//! Temporary bindings of selection's region part, for checking it against the Python twin while the
//! port goes on (see `select::region`).

use super::select::{thresholds, PyPatterns, SelectPage};
use super::Lexicon;
use crate::select::hard::Hard;
use crate::select::region;
use crate::select::Reason;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyTuple;

/// The hard reasons as Python gives them (codes or `None`), checked against the page's length.
fn reasons(hard: Vec<Option<String>>, n: usize) -> PyResult<Vec<Option<Reason>>> {
    if hard.len() != n {
        return Err(PyValueError::new_err(format!("{} hard reasons for {n} blocks", hard.len())));
    }
    hard.into_iter()
        .map(|code| match code {
            None => Ok(None),
            Some(code) => Reason::from_code(&code)
                .map(Some)
                .ok_or_else(|| PyValueError::new_err(format!("hard reason {code:?} is no reason selection knows"))),
        })
        .collect()
}

/// A per-block column checked against the page's length.
fn column<T>(name: &str, values: Vec<T>, n: usize) -> PyResult<Vec<T>> {
    if values.len() != n {
        return Err(PyValueError::new_err(format!("{} {name} for {n} blocks", values.len())));
    }
    Ok(values)
}

/// `select_thread(page, patterns, scores, hard, datelines, bylines, thresholds) -> bool`: the
/// thread test of `select.select` (`region::is_thread`); `patterns` a `select._PagePatterns`,
/// `thresholds` `dataclasses.astuple(Thresholds)`.
#[pyfunction]
#[allow(clippy::too_many_arguments)]
fn select_thread(
    page: &Bound<'_, SelectPage>,
    patterns: Bound<'_, PyAny>,
    scores: Vec<f64>,
    hard: Vec<Option<String>>,
    datelines: Vec<bool>,
    bylines: Vec<bool>,
    thresholds_tuple: &Bound<'_, PyTuple>,
) -> PyResult<bool> {
    let page = &page.get().page;
    let n = page.blocks.len();
    let t = thresholds(thresholds_tuple)?;
    let hard =
        Hard { reasons: reasons(hard, n)?, datelines: column("datelines", datelines, n)?, dated: vec![false; n] };
    let (scores, bylines) = (column("scores", scores, n)?, column("bylines", bylines, n)?);
    let mut asked = PyPatterns::new(patterns, n);
    let thread = region::is_thread(page, &mut asked, &scores, &hard, &bylines, &t);
    asked.finish()?;
    Ok(thread)
}

/// What `select_region` hands back: the values, the region, the spans, the title's block and
/// where the posts begin.
type RegionTuple = (Vec<f64>, Option<(usize, usize)>, Vec<(usize, usize)>, Option<usize>, usize);

/// `select_region(page, lexicon, scores, hard, datelines, dated, bylines, thresholds,
/// fixed_title, thread) -> (values, region, spans, title_index, posts_from)`: `select._select`
/// from `_values` to the title (`region::region`).
#[pyfunction]
#[allow(clippy::too_many_arguments)]
fn select_region(
    page: &Bound<'_, SelectPage>,
    lexicon: &Bound<'_, Lexicon>,
    scores: Vec<f64>,
    hard: Vec<Option<String>>,
    datelines: Vec<bool>,
    dated: Vec<bool>,
    bylines: Vec<bool>,
    thresholds_tuple: &Bound<'_, PyTuple>,
    fixed_title: Option<usize>,
    thread: bool,
) -> PyResult<RegionTuple> {
    let page = &page.get().page;
    let n = page.blocks.len();
    let t = thresholds(thresholds_tuple)?;
    if fixed_title.is_some_and(|i| i >= n) {
        return Err(PyValueError::new_err("fixed_title is past the last block"));
    }
    let hard = Hard {
        reasons: reasons(hard, n)?,
        datelines: column("datelines", datelines, n)?,
        dated: column("dated", dated, n)?,
    };
    let (scores, bylines) = (column("scores", scores, n)?, column("bylines", bylines, n)?);
    let found = region::region(page, &lexicon.get().inner, &scores, &hard, &bylines, &t, fixed_title, thread);
    Ok((found.values, found.region, found.spans, found.title_index, found.posts_from))
}

/// Registers this part's functions.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(select_thread, m)?)?;
    m.add_function(wrap_pyfunction!(select_region, m)?)?;
    Ok(())
}
