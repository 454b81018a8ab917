//! Selection's page and patterns as Python hands them over (`cleantext/select.py`).

use super::{wtf8, Columns};
use crate::select::{text, Block, Container, Feat, Kind, Page, Patterns, Reason, Thresholds};
use pyo3::exceptions::PyValueError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple};

/// The fields of `RawBlock` selection reads, by position (`blocks/model.py`).
const RAW_TEXT: usize = 0;
const RAW_KIND: usize = 1;
const RAW_TAG: usize = 8;

/// `SelectPage(blocks, matchable, columns, title, containers, widget_words)`: a page as
/// selection reads it, converted once: the `RawBlock`s, their texts simplified
/// (`lexicon.simplified_all`, `None` when those are the texts), the feature columns
/// (`features.measure_columns`), the `<title>` or `None`, the `Container`s and
/// `select.WIDGET_WORDS`. `ValueError` names what does not fit.
#[pyclass(frozen, module = "cleantext._core")]
pub struct SelectPage {
    pub page: Page,
}

#[pymethods]
impl SelectPage {
    #[new]
    fn new(
        blocks: &Bound<'_, PyAny>,
        matchable: Option<&Bound<'_, PyAny>>,
        columns: PyRef<'_, Columns>,
        title: Option<&Bound<'_, PyString>>,
        containers: &Bound<'_, PyAny>,
        widget_words: Vec<String>,
    ) -> PyResult<Self> {
        let py = blocks.py();
        let mut out = Vec::new();
        for block in blocks.try_iter()? {
            let block = block?.cast_into::<PyTuple>()?;
            let text = wtf8(block.get_item(RAW_TEXT)?.cast::<PyString>()?)?.as_bytes().to_vec();
            let kind = Kind::from_name(&block.get_item(RAW_KIND)?.cast::<PyString>()?.to_cow()?);
            let tag = wtf8(block.get_item(RAW_TAG)?.cast::<PyString>()?)?.as_bytes().to_vec();
            out.push(Block { text, matchable: None, kind: Some(kind), tag });
        }
        let n = out.len();
        if let Some(m) = matchable {
            let mut count = 0;
            for (block, text) in out.iter_mut().zip(m.try_iter()?) {
                block.matchable = Some(wtf8(text?.cast::<PyString>()?)?.as_bytes().to_vec());
                count += 1;
            }
            if count != n {
                return Err(PyValueError::new_err("blocks and matchable differ in length"));
            }
        }
        if columns.rows.len() != n {
            return Err(PyValueError::new_err(format!(
                "feature columns have {} rows for {n} blocks",
                columns.rows.len()
            )));
        }
        let mut reasons: Vec<Vec<Reason>> = Vec::with_capacity(columns.codes.len());
        for tuple in &columns.codes {
            let codes = tuple
                .bind(py)
                .iter()
                .map(|code| {
                    let code: String = code.extract()?;
                    Reason::from_code(&code).ok_or_else(|| {
                        PyValueError::new_err(format!("lexicon code {code:?} is no reason selection knows"))
                    })
                })
                .collect::<PyResult<Vec<_>>>()?;
            reasons.push(codes);
        }
        let mut feats = Vec::with_capacity(n);
        for (i, r) in columns.rows.iter().enumerate() {
            for (name, at) in [("prefix_of", r.prefix_of), ("duplicate_of", r.duplicate_of)] {
                if at.is_some_and(|at| at >= n) {
                    return Err(PyValueError::new_err(format!("{name} of block {i} is past the last block")));
                }
            }
            feats.push(Feat {
                chars: r.chars,
                han: r.han,
                punct: r.punct,
                ends_sentence: r.ends_sentence,
                link_density: r.link_density,
                list_item: r.list_item,
                heading: r.heading,
                truncated: r.truncated,
                prefix_of: r.prefix_of,
                duplicate_of: r.duplicate_of,
                lexicon: reasons[r.lexicon as usize].clone(),
            });
        }
        let mut boxes = Vec::new();
        for c in containers.try_iter()? {
            let c = c?;
            let first: usize = c.getattr(intern!(py, "first"))?.extract()?;
            let end: usize = c.getattr(intern!(py, "end"))?.extract()?;
            if first > end || end > n {
                return Err(PyValueError::new_err(format!("container {first}..{end} is not within {n} blocks")));
            }
            let tag = wtf8(c.getattr(intern!(py, "tag"))?.cast::<PyString>()?)?.as_bytes().to_vec();
            let hints = wtf8(c.getattr(intern!(py, "hints"))?.cast::<PyString>()?)?.as_bytes().to_vec();
            let hidden: bool = c.getattr(intern!(py, "hidden"))?.extract()?;
            boxes.push(Container { first, end, tag, hints, hidden });
        }
        let title = title.map(|t| wtf8(t).map(|b| b.as_bytes().to_vec())).transpose()?;
        Ok(SelectPage {
            page: Page {
                blocks: out,
                feats,
                title,
                containers: boxes,
                widget_words: widget_words.into_iter().map(String::into_bytes).collect(),
            },
        })
    }

    /// Blocks.
    fn __len__(&self) -> usize {
        self.page.blocks.len()
    }
}

/// `select.Thresholds` as the tuple of its fields (`dataclasses.astuple`), in field order.
pub fn thresholds(values: &Bound<'_, PyTuple>) -> PyResult<Thresholds> {
    if values.len() != 28 {
        return Err(PyValueError::new_err(format!("{} thresholds, 28 expected", values.len())));
    }
    let f = |i: usize| -> PyResult<f64> { values.get_item(i)?.extract() };
    let n = |i: usize| -> PyResult<i64> { values.get_item(i)?.extract() };
    Ok(Thresholds {
        good: f(0)?,
        neutral: f(1)?,
        neutral_value: f(2)?,
        bad_value: f(3)?,
        bad_value_per_han: f(4)?,
        bad_value_han_cap: n(5)?,
        post_han: n(6)?,
        relax_below_han: n(7)?,
        relax_shift: f(8)?,
        relax_min_han: n(9)?,
        anchor_share: f(10)?,
        early_share: f(11)?,
        list_item_share: f(12)?,
        element_floor: f(13)?,
        contents_min_items: n(14)?,
        contents_share: f(15)?,
        label_max_han: n(16)?,
        table_max_link_density: f(17)?,
        table_gap: n(18)?,
        series_max_link_density: f(19)?,
        interleaved_han: n(20)?,
        interleaved_reach: n(21)?,
        wrapped_han: n(22)?,
        title_echo: f(23)?,
        byline_series: n(24)?,
        barrier_cost: f(25)?,
        label_share: f(26)?,
        continue_density: f(27)?,
    })
}

/// [`Patterns`] answered by a Python object with the methods `is_dateline(i)`,
/// `title_label(i)`, `chapter(i)` and `thread_marks()` (`select._PagePatterns`), each answer
/// remembered; a dateline is asked about only where one may be (`text::may_be_dateline`). The
/// first error Python raises is kept (and the answer taken as `false`) for the binding to raise.
pub struct PyPatterns<'py> {
    object: Bound<'py, PyAny>,
    dateline: Vec<Option<bool>>,
    title_label: Vec<Option<bool>>,
    chapter: Vec<Option<bool>>,
    thread: Option<bool>,
    error: Option<PyErr>,
}

impl<'py> PyPatterns<'py> {
    /// The patterns of `page`'s blocks.
    pub fn for_page(object: Bound<'py, PyAny>, page: &Page) -> Self {
        let n = page.blocks.len();
        let dateline = page
            .blocks
            .iter()
            .zip(&page.feats)
            .map(|(b, f)| if text::may_be_dateline(&b.text, f.han) { None } else { Some(false) })
            .collect();
        PyPatterns { object, dateline, title_label: vec![None; n], chapter: vec![None; n], thread: None, error: None }
    }

    /// Python's answer to `method(*block)` (`false` once it raised).
    fn ask(&mut self, method: &Bound<'py, PyString>, block: Option<usize>) -> bool {
        let asked = match block {
            Some(i) => self.object.call_method1(method, (i,)),
            None => self.object.call_method0(method),
        };
        match asked.and_then(|v| v.is_truthy()) {
            Ok(answer) => answer,
            Err(e) => {
                self.error.get_or_insert(e);
                false
            }
        }
    }

    /// The remembered answer about block `i` in `which`, else Python's to `method(i)`.
    fn block(&mut self, which: fn(&mut Self) -> &mut Vec<Option<bool>>, method: &'static str, i: usize) -> bool {
        if let Some(answer) = which(self)[i] {
            return answer;
        }
        let name = PyString::intern(self.object.py(), method);
        let answer = self.ask(&name, Some(i));
        which(self)[i] = Some(answer);
        answer
    }

    /// The error Python raised, if any (the answers given since were guesses).
    pub fn finish(self) -> PyResult<()> {
        self.error.map_or(Ok(()), Err)
    }
}

impl Patterns for PyPatterns<'_> {
    fn is_dateline(&mut self, i: usize) -> bool {
        self.block(|p| &mut p.dateline, "is_dateline", i)
    }

    fn title_label(&mut self, i: usize) -> bool {
        self.block(|p| &mut p.title_label, "title_label", i)
    }

    fn chapter(&mut self, i: usize) -> bool {
        self.block(|p| &mut p.chapter, "chapter", i)
    }

    fn thread_marks(&mut self) -> bool {
        if let Some(answer) = self.thread {
            return answer;
        }
        let name = PyString::intern(self.object.py(), "thread_marks");
        let answer = self.ask(&name, None);
        self.thread = Some(answer);
        answer
    }
}

/// `select(page, lexicon, scores, patterns, thresholds) -> (kept, reasons, region, title_index)`:
/// stage 5 (`select.select`) on a `SelectPage` with its blocks' `scores`, the boilerplate
/// `Lexicon`, a `_PagePatterns` answering Python's patterns and `select.Thresholds` as a
/// tuple of its fields. `kept` is a tuple of bools, `reasons` a tuple of tuples of reason codes
/// (one tuple object for each distinct list), `region` `None` or `(first, last)`. An error a
/// pattern raised is raised; a panic of the core (none is known) raises `RuntimeError`.
#[pyfunction]
pub fn select<'py>(
    py: Python<'py>,
    page: &Bound<'py, SelectPage>,
    lexicon: &Bound<'py, super::Lexicon>,
    scores: Vec<f64>,
    patterns: Bound<'py, PyAny>,
    thresholds: &Bound<'py, PyTuple>,
) -> PyResult<Bound<'py, PyTuple>> {
    let page = &page.get().page;
    if scores.len() != page.blocks.len() {
        return Err(PyValueError::new_err(format!("{} scores for {} blocks", scores.len(), page.blocks.len())));
    }
    let t = self::thresholds(thresholds)?;
    let mut asked = PyPatterns::for_page(patterns, page);
    let lexicon = &lexicon.get().inner;
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        crate::select::select(page, lexicon, &scores, &mut asked, &t)
    }));
    let chosen = match run {
        Ok(chosen) => chosen,
        Err(_) => return Err(pyo3::exceptions::PyRuntimeError::new_err("the native selection failed")),
    };
    asked.finish()?;
    let mut tuples: std::collections::HashMap<Vec<Reason>, Bound<'py, PyTuple>> = std::collections::HashMap::new();
    let mut reasons = Vec::with_capacity(chosen.reasons.len());
    for codes in &chosen.reasons {
        if let Some(tuple) = tuples.get(codes) {
            reasons.push(tuple.clone());
        } else {
            let tuple = PyTuple::new(py, codes.iter().map(|r| PyString::intern(py, r.as_str())))?;
            tuples.insert(codes.clone(), tuple.clone());
            reasons.push(tuple);
        }
    }
    (PyTuple::new(py, &chosen.kept)?, PyTuple::new(py, reasons)?, chosen.region, chosen.title_index).into_pyobject(py)
}

/// Registers the selection classes and functions.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<SelectPage>()?;
    m.add_function(wrap_pyfunction!(select, m)?)?;
    Ok(())
}
