//! Temporary bindings of selection's keep part, for checking it against the Python twin while the
//! port goes on (see `select::keep`).

use super::select::{thresholds, SelectPage};
use crate::select::hard::Hard;
use crate::select::keep::{keep, region::Region};
use crate::select::Reason;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple};

/// `select_keep(page, scores, hard, datelines, dated, values, region, spans, title_index,
/// posts_from, heading, thread, thresholds) -> (kept, reasons)`: `select._select` from the
/// verdict of each block to `_keep_sandwiched`, on a `SelectPage`, the hard reasons (codes or
/// `None`), the metadata lines, the date columns' blocks, the region's values, the region, the
/// spans, the title's block, the first post, the heading, whether the page is a thread and
/// `dataclasses.astuple(thresholds)`. `kept` a tuple of bools, `reasons` one of tuples of codes.
#[pyfunction]
#[allow(clippy::too_many_arguments)]
#[pyo3(signature = (page, scores, hard, datelines, dated, values, region, spans, title_index, posts_from, heading, thread, thresholds_tuple))]
fn select_keep<'py>(
    py: Python<'py>,
    page: PyRef<'py, SelectPage>,
    scores: Vec<f64>,
    hard: Vec<Option<Bound<'py, PyString>>>,
    datelines: Vec<bool>,
    dated: Vec<bool>,
    values: Vec<f64>,
    region: Option<(usize, usize)>,
    spans: Vec<(usize, usize)>,
    title_index: Option<usize>,
    posts_from: usize,
    heading: Option<usize>,
    thread: bool,
    thresholds_tuple: &Bound<'py, PyTuple>,
) -> PyResult<(Bound<'py, PyTuple>, Bound<'py, PyTuple>)> {
    let n = page.page.blocks.len();
    for (name, len) in [
        ("scores", scores.len()),
        ("hard", hard.len()),
        ("datelines", datelines.len()),
        ("dated", dated.len()),
        ("values", values.len()),
    ] {
        if len != n {
            return Err(PyValueError::new_err(format!("{name} has {len} entries for {n} blocks")));
        }
    }
    let reasons = hard
        .iter()
        .map(|code| {
            code.as_ref()
                .map(|c| {
                    let c = c.to_cow()?;
                    Reason::from_code(&c)
                        .ok_or_else(|| PyValueError::new_err(format!("hard reason {c:?} is no reason selection knows")))
                })
                .transpose()
        })
        .collect::<PyResult<Vec<_>>>()?;
    let t = thresholds(thresholds_tuple)?;
    let hard = Hard { reasons, datelines, dated };
    let region = Region { values, region, spans, title_index, posts_from, heading };
    let chosen = keep(&page.page, &scores, &hard, &region, thread, &t);
    // one tuple per single reason, made once
    let mut single: Vec<Option<Bound<'py, PyTuple>>> = vec![None; Reason::ALL.len()];
    let mut out = Vec::with_capacity(n);
    for why in &chosen.reasons {
        let tuple = match why[..] {
            [r] => {
                let at = Reason::ALL.iter().position(|&x| x == r).unwrap_or(0);
                match &single[at] {
                    Some(t) => t.clone(),
                    None => {
                        let t = PyTuple::new(py, [PyString::intern(py, r.as_str())])?;
                        single[at] = Some(t.clone());
                        t
                    }
                }
            }
            _ => PyTuple::new(py, why.iter().map(|r| PyString::intern(py, r.as_str())))?,
        };
        out.push(tuple);
    }
    Ok((PyTuple::new(py, chosen.kept)?, PyTuple::new(py, out)?))
}

/// Registers this part's functions.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(select_keep, m)?)?;
    Ok(())
}
