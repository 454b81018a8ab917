//! The Python face of the core: the stages' entry points, converting to and from Python objects.

use crate::blocks::depth;
use crate::blocks::html as web;
use crate::features::{self, counts, lexicon, segment};
use crate::{pystr, score};

mod blocks;
mod columns;
pub(crate) mod gil;
mod head;
mod pack;
mod select;
mod utf8;
use crate::blocks::table::BlockTable;
pub use columns::Columns;
use pyo3::exceptions::PyValueError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyString, PyTuple, PyType};
use std::borrow::Cow;

/// The text of `s` as WTF-8 (see `pystr`): its UTF-8, or, when it holds lone surrogates, what
/// `s.encode("utf-8", "surrogatepass")` gives. A bytes object of its own, not the `str`'s
/// UTF-8 cache (which would stay as long as the text).
fn wtf8<'py>(s: &Bound<'py, PyString>) -> PyResult<Bound<'py, PyBytes>> {
    match s.encode_utf8() {
        Ok(bytes) => Ok(bytes),
        Err(_) => {
            let py = s.py();
            let encoded =
                s.call_method1(intern!(py, "encode"), (intern!(py, "utf-8"), intern!(py, "surrogatepass")))?;
            Ok(encoded.cast_into::<PyBytes>()?)
        }
    }
}

/// The UTF-8 bytes of the text `s`, for what holds them: a `Utf8Text`'s own (checked when it
/// was made), else, `s` being a `str`, the `utf8` bytes the caller gives (as [`checked_utf8`]
/// checks them) or `s` encoded (a `UnicodeEncodeError` for a lone surrogate).
pub(crate) fn utf8_bytes<'py>(
    name: &str,
    s: &Bound<'py, PyAny>,
    utf8: Option<Bound<'py, PyBytes>>,
) -> PyResult<Bound<'py, PyBytes>> {
    if let Ok(text) = s.cast::<utf8::Utf8Text>() {
        return match utf8 {
            None => Ok(text.get().bytes().bind(s.py()).clone()),
            Some(_) => Err(PyValueError::new_err(UTF8_WITH_CHECKED)),
        };
    }
    let s = text_argument(name, s)?;
    match utf8 {
        Some(bytes) => {
            checked_utf8(s, bytes.as_bytes())?;
            Ok(bytes)
        }
        None => s.encode_utf8(),
    }
}

/// The argument `name`, a page's text, as a `str` (a `TypeError` naming it if it is neither that
/// nor a `Utf8Text`, which the caller reads first).
pub(crate) fn text_argument<'a, 'py>(name: &str, text: &'a Bound<'py, PyAny>) -> PyResult<&'a Bound<'py, PyString>> {
    text.cast::<PyString>().map_err(|_| {
        let kind = text.get_type().name().map_or_else(|_| "?".to_string(), |n| n.to_string());
        pyo3::exceptions::PyTypeError::new_err(format!("{name} must be a str or a Utf8Text, not {kind}"))
    })
}

/// The error of bytes given with a `Utf8Text` (whose bytes are its own).
const UTF8_WITH_CHECKED: &str = "utf8 is given only with a str (a Utf8Text holds its own)";

/// `bytes` as a `str` if they are the text `s` encoded as UTF-8 (valid UTF-8 of as many
/// characters), else a `ValueError` naming `utf8`.
fn checked_utf8<'b>(s: &Bound<'_, PyString>, bytes: &'b [u8]) -> PyResult<&'b str> {
    match pystr::utf8(bytes) {
        Some(text) if text.chars().count() == s.len()? => Ok(text),
        _ => Err(PyValueError::new_err("utf8 is not the text encoded as UTF-8")),
    }
}

/// The code points of `s`, lone surrogates included.
fn code_points(s: &Bound<'_, PyString>) -> PyResult<Vec<u32>> {
    Ok(pystr::code_points(wtf8(s)?.as_bytes()).map(|(_, cp)| cp).collect())
}

/// WTF-8 `bytes` as a Python `str`, lone surrogates restored (`bytes.decode("utf-8", "surrogatepass")`).
fn from_wtf8<'py>(py: Python<'py>, bytes: &[u8]) -> PyResult<Bound<'py, PyString>> {
    match pystr::utf8(bytes) {
        Some(text) => Ok(PyString::new(py, text)),
        None => Ok(PyBytes::new(py, bytes)
            .call_method1(intern!(py, "decode"), (intern!(py, "utf-8"), intern!(py, "surrogatepass")))?
            .cast_into::<PyString>()?),
    }
}

/// Python's `str.lower()` of a WTF-8 tag name.
fn python_lower(name: &[u8]) -> PyResult<Vec<u8>> {
    Python::attach(|py| {
        let lowered = from_wtf8(py, name)?.call_method0(intern!(py, "lower"))?.cast_into::<PyString>()?;
        Ok(wtf8(&lowered)?.as_bytes().to_vec())
    })
}

/// `depth::prepare` of the WTF-8 `html`, without the GIL (a tag name that is not ASCII is
/// lower-cased by Python).
fn prepared(py: Python<'_>, html: &[u8], every: i64, max_depth: i64) -> PyResult<depth::Prepared> {
    let mut failed = None;
    let prepared = gil::without(py, || {
        depth::prepare(html, every, max_depth, |name| {
            python_lower(name).unwrap_or_else(|e| {
                failed.get_or_insert(e);
                name.to_vec()
            })
        })
    });
    failed.map_or(Ok(prepared), Err)
}

/// `depth_prepare(html, every, max_depth) -> (capped, splits)`: `blocks.depth.prepare`, each
/// split a tuple `(at, tag, reopen, clean)`; `capped` is `html` itself when no tag was removed.
/// The scan runs without the GIL (a tag name that is not ASCII is lower-cased by Python).
#[pyfunction]
fn depth_prepare<'py>(
    py: Python<'py>,
    html: &Bound<'py, PyString>,
    every: i64,
    max_depth: i64,
) -> PyResult<Bound<'py, PyTuple>> {
    let encoded = wtf8(html)?;
    let prepared = prepared(py, encoded.as_bytes(), every, max_depth)?;
    let capped = match &prepared.capped {
        None => html.clone(),
        Some(bytes) => from_wtf8(py, bytes)?,
    };
    let splits = PyList::empty(py);
    for split in &prepared.splits {
        let reopen = PyTuple::new(py, split.reopen.iter().map(|name| PyString::intern(py, name)))?;
        splits.append((split.at, from_wtf8(py, &split.tag)?, reopen, split.clean))?;
    }
    PyTuple::new(py, [capped.into_any(), splits.into_any()])
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
        let mut encoded = Vec::with_capacity(texts.len());
        for (text, &han) in texts.iter().zip(&hans) {
            encoded.push(if han <= max_han { Some(wtf8(text)?) } else { None });
            // only candidates are read
        }
        let owned: Vec<Cow<'_, str>> =
            encoded.iter().map(|b| b.as_ref().map_or(Cow::Borrowed(""), |b| pystr::lossy_str(b.as_bytes()))).collect();
        let refs: Vec<&str> = owned.iter().map(|t| t.as_ref()).collect();
        self.code_tuples(py, self.inner.page_codes(&refs, &hans))
    }
}

impl Lexicon {
    /// Each block's codes as a tuple of the interned code strings (one shared empty tuple).
    fn code_tuples<'py>(&self, py: Python<'py>, found: Vec<Vec<usize>>) -> PyResult<Bound<'py, PyList>> {
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

/// `Measure(lexicon, stop_chars)`: stage 3, the features of a page's blocks (`features.measure`),
/// with the boilerplate lexicon and the one-character stopwords (a `str` of them).
#[pyclass(frozen, module = "cleantext._core")]
struct Measure {
    lexicon: Py<Lexicon>,
    stop: counts::StopChars,
}

/// The fields of `RawBlock` that `Measure.columns` reads, by position (`blocks/model.py`).
const RAW_TEXT: usize = 0;
const RAW_KIND: usize = 1;
const RAW_LINK_CHARS: usize = 4;

#[pymethods]
impl Measure {
    #[new]
    fn new(lexicon: Bound<'_, Lexicon>, stop_chars: &Bound<'_, PyString>) -> PyResult<Self> {
        Ok(Measure { lexicon: lexicon.unbind(), stop: counts::StopChars::new(code_points(stop_chars)?) })
    }

    /// `columns_simplifying(blocks, chars) -> (Columns, Simplified | None)`: `columns(blocks,
    /// blocks.simplified_if_any(chars))` and that reading, for blocks held by the core (a
    /// `Blocks`), in one pass over their texts: each is looked at for a character the map
    /// changes as it is measured.
    fn columns_simplifying<'py>(
        &self,
        py: Python<'py>,
        blocks: &Bound<'py, blocks::Blocks>,
        chars: &Bound<'py, blocks::CharMap>,
    ) -> PyResult<(Columns, Option<blocks::Simplified>)> {
        let (columns, changed) = self.table_columns(py, &blocks.get().table, None, Some(&chars.get().inner))?;
        let reading = (!changed.is_empty()).then(|| blocks::Simplified {
            blocks: blocks.clone().unbind(),
            chars: chars.clone().unbind(),
            changed,
        });
        Ok((columns, reading))
    }

    /// `columns(blocks, matchable) -> Columns`: the features of a sequence of `RawBlock`s, held
    /// by the core (a sequence of 14 columns, `Features`' fields); `matchable` is their texts simplified
    /// (`lexicon.simplified_all`), or `None` when those are the texts themselves.
    fn columns<'py>(
        &self,
        py: Python<'py>,
        blocks: &Bound<'py, PyAny>,
        matchable: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Columns> {
        if let Ok(table) = blocks.cast::<blocks::Blocks>() {
            return Ok(self.table_columns(py, &table.get().table, matchable, None)?.0);
        }
        let mut texts = Vec::new();
        let mut facts = Vec::new(); // (link_chars, list_item, heading)
        for block in blocks.try_iter()? {
            let block = block?.cast_into::<PyTuple>()?;
            texts.push(wtf8(block.get_item(RAW_TEXT)?.cast::<PyString>()?)?);
            let kind = block.get_item(RAW_KIND)?;
            let kind = kind.cast::<PyString>()?.to_cow()?;
            let link_chars: i64 = block.get_item(RAW_LINK_CHARS)?.extract()?;
            facts.push((link_chars, kind == "list-item", kind == "heading"));
        }
        let simplified = match matchable {
            None => None,
            Some(m) => {
                let m = m.try_iter()?.map(|t| wtf8(t?.cast::<PyString>()?)).collect::<PyResult<Vec<_>>>()?;
                if m.len() != texts.len() {
                    return Err(pyo3::exceptions::PyValueError::new_err("blocks and matchable differ in length"));
                }
                Some(m)
            }
        };
        let input: Vec<features::Block<'_>> = texts
            .iter()
            .enumerate()
            .map(|(i, text)| {
                let (link_chars, list_item, heading) = facts[i];
                let text = text.as_bytes();
                let matchable = simplified.as_ref().map_or(text, |m| m[i].as_bytes());
                features::Block {
                    text,
                    text_str: None,
                    matchable,
                    matchable_str: None,
                    simplify: None,
                    link_chars,
                    list_item,
                    heading,
                }
            })
            .collect();
        let lexicon = self.lexicon.get();
        let feats = features::measure(&input, &lexicon.inner, &self.stop);
        Columns::measured(py, feats, &lexicon.codes)
    }
}

impl Measure {
    /// `columns` of blocks held by the core: their texts read where they are; with `finding`,
    /// the blocks whose texts it changes too (see [`features::measure_finding`]).
    fn table_columns(
        &self,
        py: Python<'_>,
        table: &crate::blocks::table::BlockTable,
        matchable: Option<&Bound<'_, PyAny>>,
        finding: Option<&crate::charmap::CharMap>,
    ) -> PyResult<(Columns, Vec<usize>)> {
        // The simplified texts: the page's simplified reading (`Blocks.simplified_if_any`: each
        // changed text simplified as it is read), a table of them (`Blocks.simplified`), or a list.
        let (mut listed, mut tabled, mut reading) = (Vec::new(), None, None);
        if let Some(m) = matchable {
            if let Ok(m) = m.cast::<blocks::Simplified>() {
                if !std::ptr::eq(&**m.get().table(), table) {
                    return Err(pyo3::exceptions::PyValueError::new_err("matchable reads other blocks"));
                }
                reading = Some(m.clone());
            } else if let Ok(m) = m.cast::<blocks::Blocks>() {
                tabled = Some(m.clone());
            } else {
                listed = m.try_iter()?.map(|t| wtf8(t?.cast::<PyString>()?)).collect::<PyResult<Vec<_>>>()?;
            }
        }
        // Each simplified text, as a `str` when a table holds it; a table's text that the
        // simplification left as it was is read as the block's own (measure reads it once).
        let simplified: Option<Vec<(&[u8], Option<&str>)>> = match (&tabled, matchable) {
            _ if reading.is_some() => None,
            (Some(m), _) => Some(
                m.get()
                    .table
                    .texts()
                    .zip(table.texts().chain(std::iter::repeat("")))
                    .map(|(t, own)| if t == own { (own.as_bytes(), Some(own)) } else { (t.as_bytes(), Some(t)) })
                    .collect(),
            ),
            (None, Some(_)) => Some(listed.iter().map(|b| (b.as_bytes(), None)).collect()),
            (None, None) => None,
        };
        if simplified.as_ref().is_some_and(|m| m.len() != table.len()) {
            return Err(pyo3::exceptions::PyValueError::new_err("blocks and matchable differ in length"));
        }
        let mut simplify = reading.as_ref().map(|r| r.get().simplify_each());
        let input: Vec<features::Block<'_>> = table
            .texts()
            .enumerate()
            .map(|(i, text)| {
                let (matchable, matchable_str) = simplified.as_ref().map_or((text.as_bytes(), Some(text)), |m| m[i]);
                let (text_str, text) = (Some(text), text.as_bytes());
                let kind = table.kind(i).unwrap_or("");
                let link_chars = table.links(i).map_or(0, |(chars, _)| i64::try_from(chars).unwrap_or(i64::MAX));
                features::Block {
                    text,
                    text_str,
                    matchable,
                    matchable_str,
                    simplify: simplify.as_mut().and_then(Iterator::next).flatten(),
                    link_chars,
                    list_item: kind == "list-item",
                    heading: kind == "heading",
                }
            })
            .collect();
        let lexicon = self.lexicon.get();
        // (without the GIL: another thread's Python runs meanwhile)
        let (feats, changed) =
            gil::without(py, || features::measure_finding(&input, &lexicon.inner, &self.stop, finding));
        Ok((Columns::measured(py, feats, &lexicon.codes)?, changed))
    }
}

/// `code_part(line) -> str`: the line without its string literals (each left as `""`) and its
/// trailing comment, stripped (`blocks.text_code.code_part`; the keep part of selection reads code
/// lines with it too).
#[pyfunction]
fn code_part<'py>(line: &Bound<'py, PyString>) -> PyResult<Bound<'py, PyString>> {
    from_wtf8(line.py(), &crate::select::keep::code_part(wtf8(line)?.as_bytes()))
}

/// `CharSet(chars)`: the characters of a `str` (the frequent Han characters), with
/// `counts(text) -> (chars, errors, han, frequent)`: what `plausibility.plausibility` counts.
#[pyclass(frozen, module = "cleantext._core")]
pub struct CharSet {
    pub inner: crate::pystr::CharSet,
}

#[pymethods]
impl CharSet {
    #[new]
    fn new(chars: &Bound<'_, PyString>) -> PyResult<Self> {
        Ok(CharSet { inner: crate::pystr::CharSet::new(code_points(chars)?) })
    }

    /// (`text`: a `str`, or a `Utf8Text`, read as it is)
    fn counts(&self, text: &Bound<'_, PyAny>) -> PyResult<(usize, usize, usize, usize)> {
        let c = match utf8::checked_bytes(text) {
            Some(bytes) => crate::plausibility::counts(bytes, &self.inner),
            None => crate::plausibility::counts(wtf8(text_argument("text", text)?)?.as_bytes(), &self.inner),
        };
        Ok((c.chars, c.errors, c.han, c.frequent))
    }
}

/// `utf8_cjk_run_bytes(window) -> int`: bytes in runs of two or more UTF-8 CJK characters
/// (`decode._has_utf8_cjk`).
#[pyfunction]
fn utf8_cjk_run_bytes(window: &[u8]) -> usize {
    crate::decode::utf8_cjk_run_bytes(window)
}

/// `han_count(text) -> int`: Han characters (`features.han_count`).
#[pyfunction]
fn han_count(text: &Bound<'_, PyString>) -> PyResult<usize> {
    Ok(counts::han_count(&code_points(text)?))
}

/// `punct_count(text) -> int`: sentence punctuation (`features.punct_count`).
#[pyfunction]
fn punct_count(text: &Bound<'_, PyString>) -> PyResult<usize> {
    Ok(counts::punct_count(&code_points(text)?))
}

/// `ends_sentence(text) -> bool` (`features.ends_sentence`).
#[pyfunction]
fn ends_sentence(text: &Bound<'_, PyString>) -> PyResult<bool> {
    Ok(counts::ends_sentence(&code_points(text)?))
}

/// `letter_facts(blocks, letters) -> (letters, in_words, punct)`: what `generic.py` reads of each
/// text of `blocks` (a `Blocks`, read where its texts are, or an iterable of `str`), as three
/// lists ([`crate::generic::Facts`]): each text's letters (`None` for a text holding a character
/// past the Basic Multilingual Plane, which `letters`, a `CharSet` of that plane's letters, does
/// not cover), whether it is in words, whether it holds a punctuation mark.
#[pyfunction]
fn letter_facts<'py>(
    py: Python<'py>,
    blocks: &Bound<'py, PyAny>,
    letters: PyRef<'py, CharSet>,
) -> PyResult<(Bound<'py, PyList>, Bound<'py, PyList>, Bound<'py, PyList>)> {
    let mut found = Vec::new();
    if let Ok(table) = blocks.cast::<blocks::Blocks>() {
        found.extend(table.get().table.texts().map(|t| crate::generic::facts(t.as_bytes(), &letters.inner)));
    } else {
        for text in blocks.try_iter()? {
            found.push(crate::generic::facts(wtf8(text?.cast::<PyString>()?)?.as_bytes(), &letters.inner));
        }
    }
    Ok((
        PyList::new(py, found.iter().map(|f| f.letters))?,
        PyList::new(py, found.iter().map(|f| f.in_words))?,
        PyList::new(py, found.iter().map(|f| f.punct))?,
    ))
}

/// `runs(values) -> list[tuple[int, int, float]]`: the maximal positive runs of `values` in page
/// order, `(first, last, sum)`, each the best run of its stretch (selection's region model;
/// `generic.letter_region` reads them too).
#[pyfunction]
fn runs(values: Vec<f64>) -> Vec<(usize, usize, f64)> {
    crate::select::region::runs(&values)
}

/// `is_truncated(text) -> bool` (`features.is_truncated`).
#[pyfunction]
fn is_truncated(text: &Bound<'_, PyString>) -> PyResult<bool> {
    Ok(counts::is_truncated(&code_points(text)?))
}

/// `Scorer(bias, weights)`: stage 4 (`score.py`), with the weights of `SCORE_TERMS` in order.
#[pyclass(frozen, module = "cleantext._core")]
struct Scorer {
    weights: score::Weights,
}

/// What the score reads of a `Features` (any object with its attributes): `han` and `punct`
/// non-negative ints, the densities and ratio numbers, the flags read for truth, as Python does.
fn score_input(f: &Bound<'_, PyAny>) -> PyResult<score::Input> {
    let py = f.py();
    let truth = |name: &Bound<'_, PyString>| f.getattr(name)?.is_truthy();
    let stopword_density = f.getattr(intern!(py, "stopword_density"))?;
    Ok(score::Input {
        han: f.getattr(intern!(py, "han"))?.extract()?,
        punct: f.getattr(intern!(py, "punct"))?.extract()?,
        han_ratio: f.getattr(intern!(py, "han_ratio"))?.extract()?,
        ends_sentence: truth(intern!(py, "ends_sentence"))?,
        stopword_density: if stopword_density.is_truthy()? { stopword_density.extract()? } else { 0.0 },
        link_density: f.getattr(intern!(py, "link_density"))?.extract()?,
        list_item: truth(intern!(py, "list_item"))?,
        heading: truth(intern!(py, "heading"))?,
        truncated: truth(intern!(py, "truncated"))? || !f.getattr(intern!(py, "prefix_of"))?.is_none(),
        lexicon: truth(intern!(py, "lexicon"))?,
    })
}

#[pymethods]
impl Scorer {
    #[new]
    fn new(bias: f64, weights: Vec<f64>) -> PyResult<Self> {
        let terms: [f64; 12] = weights.try_into().map_err(|w: Vec<f64>| {
            pyo3::exceptions::PyValueError::new_err(format!(
                "{} weights for {} terms",
                w.len(),
                score::TERM_NAMES.len()
            ))
        })?;
        Ok(Scorer { weights: score::Weights { bias, terms } })
    }

    /// `score(features) -> float`: `score.score`.
    fn score(&self, features: &Bound<'_, PyAny>) -> PyResult<f64> {
        Ok(self.weights.score(&score_input(features)?))
    }

    /// `score_page(features) -> list[float]`: `score.score_page`.
    fn score_page(&self, features: &Bound<'_, PyAny>) -> PyResult<Vec<f64>> {
        features.try_iter()?.map(|f| Ok(self.weights.score(&score_input(&f?)?))).collect()
    }

    /// `score_columns(columns, rows=None) -> list[float]`: `score_page` of the blocks whose
    /// features are `columns` (a `Columns`), or of the blocks `rows` only, in that order: no
    /// `Features` object is made.
    #[pyo3(signature = (columns, rows=None))]
    fn score_columns(&self, columns: PyRef<'_, Columns>, rows: Option<Vec<usize>>) -> PyResult<Vec<f64>> {
        let all = &columns.rows;
        let n = all.len();
        let row = |i: usize| -> PyResult<f64> {
            let Some(r) = all.get(i) else {
                return Err(pyo3::exceptions::PyIndexError::new_err(format!("row {i} of {n}")));
            };
            Ok(self.weights.score(&score::Input {
                han: r.han as u64,
                punct: r.punct as u64,
                han_ratio: r.han_ratio,
                ends_sentence: r.ends_sentence,
                stopword_density: r.stopword_density.filter(|&d| d != 0.0).unwrap_or(0.0),
                link_density: r.link_density,
                list_item: r.list_item,
                heading: r.heading,
                truncated: r.truncated || r.prefix_of.is_some(),
                lexicon: r.lexicon != 0,
            }))
        };
        // (pushed into a vector of the right size: collecting `PyResult`s would grow one)
        let mut out = Vec::with_capacity(rows.as_ref().map_or(n, Vec::len));
        let mut push = |i: usize| -> PyResult<()> {
            out.push(row(i)?);
            Ok(())
        };
        match rows {
            None => (0..n).try_for_each(&mut push)?,
            Some(rows) => rows.into_iter().try_for_each(&mut push)?,
        }
        Ok(out)
    }

    /// `terms(features) -> list[float]`: the values of `SCORE_TERMS` (`score.terms`).
    fn terms(&self, features: &Bound<'_, PyAny>) -> PyResult<Vec<f64>> {
        Ok(score::terms(&score_input(features)?).to_vec())
    }
}

/// `StopWords(words)`: the function words jieba's words are counted against
/// (`lexicon.stopwords`).
#[pyclass(frozen, module = "cleantext._core")]
struct StopWords {
    inner: features::StopWords,
}

#[pymethods]
impl StopWords {
    #[new]
    fn new(words: Vec<String>) -> Self {
        StopWords { inner: features::StopWords::new(words) }
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

    /// `stopword_densities(texts, stopwords) -> list[float]`: the share of function words among
    /// each text's words as `cut` gives them (`features.word_stopword_density`), cut and counted
    /// without the GIL and without making the words Python strings (a `str` holding lone
    /// surrogates raises `UnicodeEncodeError`).
    fn stopword_densities(
        &self,
        py: Python<'_>,
        texts: Vec<Bound<'_, PyString>>,
        stopwords: &Bound<'_, StopWords>,
    ) -> PyResult<Vec<f64>> {
        let owned = texts.iter().map(|t| t.to_cow()).collect::<PyResult<Vec<_>>>()?;
        let stop = &stopwords.get().inner;
        Ok(gil::without(py, || {
            let mut words = Vec::new();
            owned
                .iter()
                .map(|t| {
                    words.clear();
                    self.inner.cut_into(t, &mut words);
                    stop.density(words.iter().copied())
                })
                .collect()
        }))
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

/// `html_blocks(source, max_depth, pieces, budget, layout, cap, block, utf8=None) -> tuple`: the
/// native HTML walk (`blocks/html.py`), after `depth.prepare(source, piece, max_depth)` (the
/// page is read into the core once for both; `source` is a `str`, or a `Utf8Text` read as it is;
/// `utf8` is a `str` source encoded, if the caller has it).
/// The blocks are a `Blocks` of `block`s (`RawBlock`). `pieces` is `(piece, max_pieces)`, `budget` `(floor, per_million, per_million_hard,
/// tiny_chars, merge_chars)`, `layout` `None` or `(links, images)`, and `cap(markup) -> str`
/// caps the depth of a `<noframes>` element's markup. Returns `(rows, title, containers,
/// layout, parsed)`: the blocks, the title or `None`, containers as `(first, end, tag, hints,
/// hidden)`, the layout (a `WalkLayout`, `None` without `layout`) and the length of each text
/// parsed. A panic of the core (none is known) raises `RuntimeError`.
#[pyfunction]
#[pyo3(signature = (source, max_depth, pieces, budget, layout, cap, block, utf8=None))]
#[allow(clippy::too_many_arguments)]
fn html_blocks<'py>(
    py: Python<'py>,
    source: &Bound<'py, PyAny>,
    max_depth: i64,
    pieces: (usize, usize),
    budget: (usize, usize, usize, usize, usize),
    layout: Option<(bool, bool)>,
    cap: &Bound<'py, PyAny>,
    block: Bound<'py, PyType>,
    utf8: Option<Bound<'py, PyBytes>>,
) -> PyResult<Bound<'py, PyTuple>> {
    let held: Bound<'py, PyBytes>;
    let (source_slice, checked) = match (utf8::checked(source), utf8) {
        (Some(text), None) => (text.as_bytes(), Some(text)),
        (Some(_), Some(_)) => return Err(PyValueError::new_err(UTF8_WITH_CHECKED)),
        (None, Some(bytes)) => {
            held = bytes;
            let text = checked_utf8(text_argument("source", source)?, held.as_bytes())?;
            (text.as_bytes(), Some(text))
        }
        (None, None) => {
            held = wtf8(text_argument("source", source)?)?;
            (held.as_bytes(), None)
        }
    };
    let every = i64::try_from(pieces.0).unwrap_or(i64::MAX);
    let prepared = prepared(py, source_slice, every, max_depth)?;
    let splits: Vec<web::Split> = prepared
        .splits
        .into_iter()
        .map(|s| {
            let tag = String::from_utf8_lossy(&s.tag).into_owned();
            web::Split { at: s.at, tag, reopen: s.reopen.into_iter().map(String::from).collect(), clean: s.clean }
        })
        .collect();
    let capped_bytes = prepared.capped;
    let pieces = web::Pieces { piece: pieces.0, max_pieces: pieces.1 };
    let budget = web::builder::Budget {
        floor: budget.0,
        per_million: budget.1,
        per_million_hard: budget.2,
        tiny_chars: budget.3,
        merge_chars: budget.4,
    };
    let layout = layout.map(|(links, images)| web::LayoutOptions { links, images });
    // The walk runs without the GIL (another thread's Python runs meanwhile); a `<noframes>`
    // element's markup is capped by Python, the GIL taken for it.
    let cap = cap.clone().unbind();
    let mut noframes =
        |markup: &str| -> PyResult<String> { Python::attach(|py| cap.bind(py).call1((markup,))?.extract::<String>()) };
    let capped_slice = capped_bytes.as_deref().unwrap_or(source_slice);
    let whole = if capped_bytes.is_none() { checked } else { None };
    let run = gil::without(py, || {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            web::html_blocks(source_slice, capped_slice, whole, &splits, pieces, budget, layout, &mut noframes)
        }))
    });
    let page = match run {
        Ok(page) => page?,
        Err(_) => return Err(pyo3::exceptions::PyRuntimeError::new_err("the native HTML walk failed")),
    };
    page_tuple(py, page, block)
}

/// `PyString::intern(py, s)`, kept in `cache` for the next ask.
fn intern<'py, 'a>(
    py: Python<'py>,
    cache: &mut crate::hash::Map<&'a str, Bound<'py, PyString>>,
    s: &'a str,
) -> Bound<'py, PyString> {
    cache.entry(s).or_insert_with(|| PyString::intern(py, s)).clone()
}

/// The Python values of a walked page (see `html_blocks`).
fn page_tuple<'py>(py: Python<'py>, page: web::Page, block: Bound<'py, PyType>) -> PyResult<Bound<'py, PyTuple>> {
    if page.blocks.iter().any(|b| b.label >= page.labels.len()) {
        return Err(pyo3::exceptions::PyRuntimeError::new_err("a block without labels"));
    }
    let rows = blocks::Blocks::new_table(BlockTable::from_html(page.blocks, page.labels), block.unbind());
    let containers = PyList::empty(py);
    // interned strings, each asked for once a page (a tag or hints repeat from container to
    // container, and interning one looks it up in Python's table)
    let mut interned = crate::hash::Map::default();
    for c in &page.containers {
        let (tag, hints) = (intern(py, &mut interned, c.tag), intern(py, &mut interned, &c.hints));
        containers.append((c.first, c.end, tag, hints, c.hidden))?;
    }
    let layout = page.layout.map(pack::WalkLayout::new);
    (rows, page.title, containers, layout, page.parsed).into_pyobject(py)
}

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Lexicon>()?;
    m.add_class::<Measure>()?;
    m.add_class::<Columns>()?;
    m.add_class::<CharSet>()?;
    m.add_class::<blocks::Blocks>()?;
    m.add_class::<blocks::CharMap>()?;
    m.add_class::<blocks::Simplified>()?;
    m.add_class::<pack::WalkLayout>()?;
    m.add_function(wrap_pyfunction!(pack::pack_codes, m)?)?;
    m.add_function(wrap_pyfunction!(pack::pack_floats, m)?)?;
    m.add_function(wrap_pyfunction!(pack::pack_flags, m)?)?;
    m.add_class::<Scorer>()?;
    m.add("SCORE_TERMS", PyTuple::new(m.py(), score::TERM_NAMES)?)?;
    // how the build was optimised: "profile" (PGO, pip install), "instrumented" or "plain" (build.rs)
    m.add("OPTIMISED", env!("CLEANTEXT_OPTIMISED"))?;
    m.add_class::<Segmenter>()?;
    m.add_class::<StopWords>()?;
    m.add_function(wrap_pyfunction!(html_blocks, m)?)?;
    m.add_function(wrap_pyfunction!(depth_prepare, m)?)?;
    m.add("DEPTH_REOPENABLE", PyTuple::new(m.py(), depth::reopenable().collect::<Vec<_>>())?)?;
    m.add("DEPTH_MAX_DEPTH", depth::MAX_DEPTH)?;
    m.add("DEPTH_MAX_REOPEN", depth::MAX_REOPEN)?;
    m.add_function(wrap_pyfunction!(han_count, m)?)?;
    m.add_function(wrap_pyfunction!(utf8_cjk_run_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(code_part, m)?)?;
    m.add_function(wrap_pyfunction!(punct_count, m)?)?;
    m.add_function(wrap_pyfunction!(ends_sentence, m)?)?;
    m.add_function(wrap_pyfunction!(is_truncated, m)?)?;
    m.add_function(wrap_pyfunction!(runs, m)?)?;
    m.add_function(wrap_pyfunction!(letter_facts, m)?)?;
    m.add_function(wrap_pyfunction!(head::head_scan, m)?)?;
    m.add_class::<utf8::Utf8Text>()?;
    m.add_function(wrap_pyfunction!(utf8::utf8_text, m)?)?;
    m.add_function(wrap_pyfunction!(utf8::gb18030_text, m)?)?;
    m.add_function(wrap_pyfunction!(utf8::big5hkscs_text, m)?)?;
    select::register(m)?;
    Ok(())
}
