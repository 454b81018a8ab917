//! The Python face of the core: the stages' entry points, converting to and from Python objects.

use crate::blocks::text as dump;
use crate::features::{lexicon, segment};
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString, PyTuple};

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

    /// `code_spans(text, code) -> list[tuple[int, int]]`: the character spans the rules of `code`
    /// match in `text` (`select.label_share`).
    fn code_spans(&self, text: &str, code: &str) -> Vec<(usize, usize)> {
        self.inner.code_spans(text, code)
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

/// `Segmenter(dict_path)`: jieba's accurate mode without HMM over a jieba `dict.txt`
/// (`OSError` if it cannot be read, `ValueError` naming a line jieba would refuse).
#[pyclass(frozen, module = "cleantext._core")]
struct Segmenter {
    inner: segment::Dictionary,
}

impl Segmenter {
    fn words<'py>(py: Python<'py>, text: &str, spans: &[&str]) -> PyResult<Bound<'py, PyList>> {
        debug_assert_eq!(spans.concat(), text);
        PyList::new(py, spans.iter().map(|w| PyString::new(py, w)))
    }
}

#[pymethods]
impl Segmenter {
    #[new]
    fn new(py: Python<'_>, dict_path: std::path::PathBuf) -> PyResult<Self> {
        let data = py.detach(|| std::fs::read(&dict_path))?;
        let inner = py
            .detach(|| segment::Dictionary::from_dict_txt(&data))
            .map_err(|e| pyo3::exceptions::PyValueError::new_err(format!("{}: {e}", dict_path.display())))?;
        Ok(Segmenter { inner })
    }

    /// `cut(text) -> list[str]`: `jieba.Tokenizer().lcut(text, HMM=False)` (a `str` holding lone
    /// surrogates raises `UnicodeEncodeError`).
    fn cut<'py>(&self, py: Python<'py>, text: &Bound<'py, PyString>) -> PyResult<Bound<'py, PyList>> {
        let utf8 = text.to_cow()?;
        Segmenter::words(py, &utf8, &self.inner.cut(&utf8))
    }

    /// `cut_many(texts) -> list[list[str]]`: `cut` of each text, the cutting done without the GIL.
    fn cut_many<'py>(&self, py: Python<'py>, texts: Vec<Bound<'py, PyString>>) -> PyResult<Bound<'py, PyList>> {
        let owned = texts.iter().map(|t| t.to_cow()).collect::<PyResult<Vec<_>>>()?;
        let cuts: Vec<Vec<&str>> = py.detach(|| owned.iter().map(|t| self.inner.cut(t)).collect());
        let out = PyList::empty(py);
        for (text, words) in owned.iter().zip(&cuts) {
            out.append(Segmenter::words(py, text, words)?)?;
        }
        Ok(out)
    }

    /// `get(key) -> int | None`: jieba's `FREQ.get(key)` (a word's frequency, 0 for a proper
    /// prefix of a word, `None` for anything else).
    fn get(&self, key: &str) -> Option<u32> {
        self.inner.get(key)
    }

    /// The sum of the dictionary's frequencies (jieba's `Tokenizer.total`).
    #[getter]
    fn total(&self) -> u64 {
        self.inner.total()
    }

    /// Bytes the dictionary holds.
    #[getter]
    fn heap_bytes(&self) -> usize {
        self.inner.heap_bytes()
    }

    /// The number of distinct words.
    fn __len__(&self) -> usize {
        self.inner.len()
    }
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
    m.add_class::<Lexicon>()?;
    m.add_class::<Segmenter>()?;
    m.add_function(wrap_pyfunction!(text_blocks, m)?)?;
    Ok(())
}
