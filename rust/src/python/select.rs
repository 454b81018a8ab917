//! Selection's page and patterns as Python hands them over (`cleantext/select.py`).

use super::blocks::{Blocks, Simplified};
use super::{wtf8, Columns};
use crate::features::columns::Rows;
use crate::select::{text, Block, Container, Kind, Page, Patterns, Reason, Thresholds};
use pyo3::exceptions::PyValueError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple};
use std::sync::Arc;

use crate::hash::Map;
use crate::select::dateline::{Dateline, Limits};
use crate::select::patterns::{Known, Native, Reading};
use pyo3::types::PyDict;

/// The fields of `RawBlock` selection reads, by position (`blocks/model.py`).
const RAW_TEXT: usize = 0;
const RAW_KIND: usize = 1;
const RAW_TAG: usize = 8;

/// `SelectPage(blocks, matchable, columns, title, containers, widget_words)`: a page as
/// selection reads it, converted once: the blocks (`Blocks`, whose texts stay
/// where the core holds them, or `RawBlock`s, whose texts are copied into one buffer), their
/// texts simplified (`lexicon.simplified_blocks`, `None` when those are the texts), the feature
/// columns (`features.measure_columns`), the `<title>` or `None`, the `Container`s (or their
/// rows as the walk gives them, `(first, end, tag, hints, hidden)` tuples) and
/// `select.WIDGET_WORDS`. `ValueError` names what does not fit. `select` uses a page once.
#[pyclass(module = "cleantext._core")]
pub struct SelectPage {
    n: usize,
    parts: Option<Parts>,
}

/// Where a page's texts are: a text dump's table, or one buffer of them.
enum Texts {
    Table(Py<Blocks>),
    Buffer(Buffer),
}

impl Texts {
    /// The texts, in order, each with its `str` when a table holds it (checked already).
    fn iter<'a>(&'a self) -> Box<dyn Iterator<Item = (&'a [u8], Option<&'a str>)> + 'a> {
        match self {
            Texts::Table(table) => Box::new(table.get().table.texts().map(|t| (t.as_bytes(), Some(t)))),
            Texts::Buffer(buffer) => Box::new(buffer.texts().map(|t| (t, None))),
        }
    }
}

/// Texts one after another, and where each ends.
#[derive(Default)]
struct Buffer {
    bytes: Vec<u8>,
    ends: Vec<usize>,
}

impl Buffer {
    fn push(&mut self, text: &[u8]) {
        self.bytes.extend_from_slice(text);
        self.ends.push(self.bytes.len());
    }

    fn texts(&self) -> impl Iterator<Item = &[u8]> + '_ {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts.zip(&self.ends).map(|(a, &b)| &self.bytes[a..b])
    }
}

/// What a `SelectPage` holds until `select` reads it.
struct Parts {
    texts: Texts,
    matchable: Option<Texts>,
    /// The page's simplified reading, when it is one (`Blocks.simplified_if_any`): each changed
    /// text simplified as it is read.
    reading: Option<Py<Simplified>>,
    kinds: Vec<Kind>,
    /// Each block's tag, as an index into `tag_names`.
    tags: Vec<u32>,
    tag_names: Vec<Vec<u8>>,
    /// The rows of the page's `Columns`, shared.
    feats: Rows,
    /// The reasons of each distinct lexicon code list (`Page::lexicon`).
    lexicon: Vec<Vec<Reason>>,
    title: Option<Vec<u8>>,
    containers: Vec<Container>,
    widget_words: Vec<Vec<u8>>,
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
        let mut kinds = Vec::new();
        let mut tags = Vec::new();
        let mut tag_names: Vec<Vec<u8>> = Vec::new();
        let texts = if let Ok(table) = blocks.cast::<Blocks>() {
            let held = &table.get().table;
            let mut seen: Map<&'static str, u32> = Map::default();
            let mut tag_at = |tag: &'static str| -> u32 {
                *seen.entry(tag).or_insert_with(|| {
                    tag_names.push(tag.as_bytes().to_vec());
                    (tag_names.len() - 1) as u32
                })
            };
            // each distinct label's kind and tag read once (a dump has two labels)
            let labelled: Vec<(Kind, u32)> =
                held.labels().iter().map(|l| (Kind::from_name(l.kind), tag_at(l.tag))).collect();
            for i in 0..held.len() {
                let (kind, tag) = match held.label_index(i).and_then(|k| labelled.get(k)) {
                    Some(&known) => known,
                    None => (Kind::from_name(""), tag_at("")), // (a label past the labels: none)
                };
                kinds.push(kind);
                tags.push(tag);
            }
            Texts::Table(table.clone().unbind())
        } else {
            let mut buffer = Buffer::default();
            let mut seen: Map<Vec<u8>, u32> = Map::default();
            for block in blocks.try_iter()? {
                let block = block?.cast_into::<PyTuple>()?;
                buffer.push(wtf8(block.get_item(RAW_TEXT)?.cast::<PyString>()?)?.as_bytes());
                kinds.push(Kind::from_name(&block.get_item(RAW_KIND)?.cast::<PyString>()?.to_cow()?));
                let tag = wtf8(block.get_item(RAW_TAG)?.cast::<PyString>()?)?.as_bytes().to_vec();
                let at = *seen.entry(tag).or_insert_with_key(|tag| {
                    tag_names.push(tag.clone());
                    (tag_names.len() - 1) as u32
                });
                tags.push(at);
            }
            Texts::Buffer(buffer)
        };
        let n = kinds.len();
        let mut reading = None;
        let matchable = match matchable {
            None => None,
            Some(m) if m.cast::<Simplified>().is_ok() => {
                let m = m.cast::<Simplified>()?;
                let own = match &texts {
                    Texts::Table(table) => Some(&table.get().table),
                    Texts::Buffer(_) => None,
                };
                if own.is_none_or(|own| !Arc::ptr_eq(own, m.get().table())) {
                    return Err(PyValueError::new_err("matchable reads other blocks"));
                }
                reading = Some(m.clone().unbind());
                None
            }
            Some(m) if m.cast::<Blocks>().is_ok() => {
                let table = m.cast::<Blocks>()?;
                if table.get().table.len() != n {
                    return Err(PyValueError::new_err("blocks and matchable differ in length"));
                }
                Some(Texts::Table(table.clone().unbind()))
            }
            Some(m) => {
                let mut buffer = Buffer::default();
                for text in m.try_iter()? {
                    buffer.push(wtf8(text?.cast::<PyString>()?)?.as_bytes());
                }
                if buffer.ends.len() != n {
                    return Err(PyValueError::new_err("blocks and matchable differ in length"));
                }
                Some(Texts::Buffer(buffer))
            }
        };
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
        for (i, r) in columns.rows.iter().enumerate() {
            for (name, at) in [("prefix_of", r.prefix_of), ("duplicate_of", r.duplicate_of)] {
                if at.is_some_and(|at| at >= n) {
                    return Err(PyValueError::new_err(format!("{name} of block {i} is past the last block")));
                }
            }
        }
        let mut boxes = Vec::new();
        for c in containers.try_iter()? {
            let c = c?;
            let first: usize = container_field(&c, 0, intern!(py, "first"))?.extract()?;
            let end: usize = container_field(&c, 1, intern!(py, "end"))?.extract()?;
            if first > end || end > n {
                return Err(PyValueError::new_err(format!("container {first}..{end} is not within {n} blocks")));
            }
            let tag = wtf8(container_field(&c, 2, intern!(py, "tag"))?.cast::<PyString>()?)?.as_bytes().to_vec();
            let hints = wtf8(container_field(&c, 3, intern!(py, "hints"))?.cast::<PyString>()?)?.as_bytes().to_vec();
            let hidden: bool = container_field(&c, 4, intern!(py, "hidden"))?.extract()?;
            boxes.push(Container { first, end, tag, hints, hidden });
        }
        let title = title.map(|t| wtf8(t).map(|b| b.as_bytes().to_vec())).transpose()?;
        let widget_words = widget_words.into_iter().map(String::into_bytes).collect();
        let feats = columns.rows.clone(); // shared, not copied
        let parts = Parts {
            texts,
            matchable,
            reading,
            kinds,
            tags,
            tag_names,
            feats,
            lexicon: reasons,
            title,
            containers: boxes,
            widget_words,
        };
        Ok(SelectPage { n, parts: Some(parts) })
    }

    /// Blocks.
    fn __len__(&self) -> usize {
        self.n
    }
}

/// A container's field: at `at` in a row as the walk gives it (`(first, end, tag, hints,
/// hidden)`), else a `Container`'s attribute `name`.
fn container_field<'py>(c: &Bound<'py, PyAny>, at: usize, name: &Bound<'py, PyString>) -> PyResult<Bound<'py, PyAny>> {
    match c.cast::<PyTuple>() {
        Ok(row) => row.get_item(at),
        Err(_) => c.getattr(name),
    }
}

/// Runs `run` on the page `parts` hold, its blocks' texts borrowed where they are.
fn with_page<R>(parts: Parts, run: impl FnOnce(&Page<'_>) -> R) -> R {
    let Parts { texts, matchable, reading, kinds, tags, tag_names, feats, lexicon, title, containers, widget_words } =
        parts;
    let own = texts.iter();
    let mut simplified = matchable.as_ref().map(Texts::iter);
    let mut simplify = reading.as_ref().map(|r| r.get().simplify_each());
    let blocks = own
        .zip(kinds.iter().zip(&tags))
        .map(|((text, text_str), (&kind, &tag))| {
            let (matchable, matchable_str) = simplified.as_mut().and_then(Iterator::next).unzip();
            Block {
                text,
                matchable,
                kind: Some(kind),
                tag: tag_names.get(tag as usize).map_or(&[][..], Vec::as_slice),
                text_str,
                matchable_str: matchable_str.flatten(),
                simplify: simplify.as_mut().and_then(Iterator::next).flatten(),
            }
        })
        .collect();
    let page = Page { blocks, feats, lexicon, title, containers, widget_words };
    run(&page)
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

/// `metadata.dateline_tests()`: the patterns of `is_dateline`'s tests and their limits (see
/// [`Dateline::new`] and [`Limits`], in field order).
type DatelineTests<'py> = (Vec<Bound<'py, PyAny>>, (usize, f64, usize, usize, usize, usize));

/// `SelectPatterns(dateline_needs, title_label, chapter, thread_marks, mark_chars, dateline)`:
/// the patterns the core answers for Python's (see [`crate::select::patterns`]), each a compiled
/// `re.Pattern` or `None`: `metadata._DATELINE_NEEDS`, read loosely (a dateline is asked about only where it
/// may match), `select.TITLE_LABEL` and `select.CHAPTER`, read exactly (answered here), and
/// `select.THREAD_MARKS`, searched in the texts of at most `mark_chars` characters
/// (`select._MARK_CHARS`) joined, read exactly (answered here) or, if it cannot be, loosely (a
/// page's thread marks are asked about only where they may be found). A pattern that cannot be
/// read exactly is answered by Python (where its loose reading finds something, for those read
/// so), the reason in `fallbacks` (name -> reason). `dateline`: `metadata.dateline_tests()`,
/// with which the core answers `metadata.is_dateline` itself where it can
/// ([`crate::select::dateline`]). Made once (`select._PagePatterns.native`). `TypeError` for a
/// pattern of bytes.
#[pyclass(frozen, module = "cleantext._core")]
pub struct SelectPatterns {
    known: Known,
    fallbacks: Vec<(&'static str, String)>,
}

#[pymethods]
impl SelectPatterns {
    #[new]
    #[pyo3(signature = (dateline_needs=None, title_label=None, chapter=None, thread_marks=None, mark_chars=40, dateline=None))]
    fn new(
        dateline_needs: Option<&Bound<'_, PyAny>>,
        title_label: Option<&Bound<'_, PyAny>>,
        chapter: Option<&Bound<'_, PyAny>>,
        thread_marks: Option<&Bound<'_, PyAny>>,
        mark_chars: usize,
        dateline: Option<DatelineTests<'_>>,
    ) -> PyResult<Self> {
        let mut fallbacks = Vec::new();
        let dateline = match dateline {
            None => None,
            Some((patterns, (rest, rest_share, name, edge_name, relative_han, label_han))) => {
                let mut read = Vec::with_capacity(patterns.len());
                for pattern in &patterns {
                    let py = pattern.py();
                    let text: String = pattern.getattr(intern!(py, "pattern"))?.extract()?;
                    let flags: u32 = pattern.getattr(intern!(py, "flags"))?.extract()?;
                    read.push((text, flags));
                }
                let Ok(sources) =
                    <[(&str, u32); 8]>::try_from(read.iter().map(|(t, f)| (t.as_str(), *f)).collect::<Vec<_>>())
                else {
                    return Err(PyValueError::new_err(format!("dateline: 8 patterns, not {}", patterns.len())));
                };
                let limits = Limits { rest, rest_share, name, edge_name, relative_han, label_han };
                match Dateline::new(&sources, limits) {
                    Ok(tests) => Some(tests),
                    Err(why) => {
                        fallbacks.push(("dateline", why));
                        None
                    }
                }
            }
        };
        // `reading` `None`: exactly, else loosely.
        let mut read = |name: &'static str,
                        pattern: Option<&Bound<'_, PyAny>>,
                        reading: Option<Reading>,
                        anchored|
         -> PyResult<Option<Native>> {
            let Some(pattern) = pattern else { return Ok(None) };
            let py = pattern.py();
            let text: String = pattern.getattr(intern!(py, "pattern"))?.extract()?;
            let flags: u32 = pattern.getattr(intern!(py, "flags"))?.extract()?;
            let native = match reading {
                Some(reading) => Native::new(&text, flags, reading, anchored).map_err(|why| (why, None)),
                None => Native::exact_or_loose(&text, flags, anchored),
            };
            match native {
                Ok(native) => Ok(Some(native)),
                Err((why, loose)) => {
                    fallbacks.push((name, why));
                    Ok(loose)
                }
            }
        };
        let known = Known {
            dateline,
            dateline_needs: read("dateline_needs", dateline_needs, Some(Reading::Loose), false)?,
            title_label: read("title_label", title_label, Some(Reading::Exact), true)?,
            chapter: read("chapter", chapter, Some(Reading::Exact), false)?,
            thread_marks: read("thread_marks", thread_marks, None, false)?,
            mark_chars,
        };
        Ok(SelectPatterns { known, fallbacks })
    }

    /// The patterns given that Python answers, each with why the core cannot.
    #[getter]
    fn fallbacks<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let out = PyDict::new(py);
        for (name, why) in &self.fallbacks {
            out.set_item(name, why)?;
        }
        Ok(out)
    }

    /// Whether Python is asked `metadata.is_dateline(text, han)` (it may be true): the first
    /// test, and the loose `_DATELINE_NEEDS` on `matchable` (the simplified text; `text` if
    /// `None`).
    #[pyo3(signature = (text, han, matchable=None))]
    fn may_be_dateline(
        &self,
        text: &Bound<'_, PyString>,
        han: usize,
        matchable: Option<&Bound<'_, PyString>>,
    ) -> PyResult<bool> {
        let matchable = matchable.map(wtf8).transpose()?;
        let text = wtf8(text)?;
        let block =
            Block { text: text.as_bytes(), matchable: matchable.as_ref().map(|m| m.as_bytes()), ..Block::default() };
        Ok(text::may_be_dateline(block.text, han) && self.known.dateline_needs_found(&block))
    }

    /// `metadata.is_dateline(text, han)` as the core answers it (`plain`: the text simplified,
    /// `text` if `None`), for a line that passes Python's first test; `None` where Python answers.
    #[pyo3(signature = (text, han, plain=None))]
    fn dateline(
        &self,
        text: &Bound<'_, PyString>,
        han: usize,
        plain: Option<&Bound<'_, PyString>>,
    ) -> PyResult<Option<bool>> {
        let plain = plain.map(wtf8).transpose()?;
        let text = wtf8(text)?;
        let block =
            Block { text: text.as_bytes(), matchable: plain.as_ref().map(|m| m.as_bytes()), ..Block::default() };
        Ok(self.known.dateline_of(&block, han))
    }

    /// `select.is_thread(blocks)` of blocks with these `texts` as the core answers it
    /// (`THREAD_MARKS` on the short ones joined); `None` where Python answers.
    fn thread_marks(&self, texts: Vec<Bound<'_, PyString>>) -> PyResult<Option<bool>> {
        let bytes = texts.iter().map(|t| wtf8(t)).collect::<PyResult<Vec<_>>>()?;
        Ok(self.known.thread_marks(bytes.iter().map(|b| b.as_bytes())))
    }

    /// Whether `select.is_thread(blocks)` of blocks with these `texts` may be true: the core
    /// answers true, or Python is asked.
    fn may_be_thread(&self, texts: Vec<Bound<'_, PyString>>) -> PyResult<bool> {
        Ok(self.thread_marks(texts)? != Some(false))
    }

    /// `TITLE_LABEL.match(text) is not None` as the core answers it; `None` where Python answers.
    fn title_label(&self, text: &Bound<'_, PyString>) -> PyResult<Option<bool>> {
        Ok(self.known.title_label(wtf8(text)?.as_bytes()))
    }

    /// `CHAPTER.search(text) is not None` as the core answers it; `None` where Python answers.
    fn chapter(&self, text: &Bound<'_, PyString>) -> PyResult<Option<bool>> {
        Ok(self.known.chapter(wtf8(text)?.as_bytes()))
    }
}

/// [`Patterns`] answered by the core where it can and otherwise by a Python object with the
/// methods `is_dateline(i)`, `title_label(i)`, `chapter(i)` and `thread_marks()` and the
/// attribute `native`, a [`SelectPatterns`] (`select._PagePatterns`), each answer remembered.
/// A dateline is asked about only where one may be (`text::may_be_dateline` and
/// [`Known::dateline_needs_found`]) and the core cannot answer ([`Known::dateline_of`]); a
/// title line, a chapter and a page's thread marks ([`Known::thread_marks`]) are answered by
/// the core unless a text holds a lone surrogate or the pattern is one it cannot read exactly.
/// The first error Python raises is kept (and the answer taken as `false`) for the binding to
/// raise.
pub struct PyPatterns<'a> {
    object: Py<PyAny>,
    native: Py<SelectPatterns>,
    page: &'a Page<'a>,
    dateline: Vec<Option<bool>>,
    title_label: Vec<Option<bool>>,
    chapter: Vec<Option<bool>>,
    thread: Option<bool>,
    error: Option<PyErr>,
}

impl<'a> PyPatterns<'a> {
    /// The patterns of `page`'s blocks. `TypeError` when `object.native` is no `SelectPatterns`.
    pub fn for_page(object: Bound<'_, PyAny>, page: &'a Page<'a>) -> PyResult<Self> {
        let native = object.getattr(intern!(object.py(), "native"))?.cast_into::<SelectPatterns>()?;
        let n = page.blocks.len();
        Ok(PyPatterns {
            object: object.unbind(),
            native: native.unbind(),
            page,
            dateline: vec![None; n],
            title_label: vec![None; n],
            chapter: vec![None; n],
            thread: None,
            error: None,
        })
    }

    /// Python's answer to `method(*block)` (`false` once it raised), the GIL taken for it
    /// (selection runs without it).
    fn ask(&mut self, method: &'static str, block: Option<usize>) -> bool {
        let asked = Python::attach(|py| {
            let (object, method) = (self.object.bind(py), PyString::intern(py, method));
            match block {
                Some(i) => object.call_method1(method, (i,)),
                None => object.call_method0(method),
            }
            .and_then(|v| v.is_truthy())
        });
        match asked {
            Ok(answer) => answer,
            Err(e) => {
                self.error.get_or_insert(e);
                false
            }
        }
    }

    /// The remembered answer about block `i` in `which`, else the core's (`native`), else
    /// Python's to `method(i)`.
    fn block(
        &mut self,
        which: fn(&mut Self) -> &mut Vec<Option<bool>>,
        native: fn(&Known, &Block) -> Option<bool>,
        method: &'static str,
        i: usize,
    ) -> bool {
        if let Some(answer) = which(self)[i] {
            return answer;
        }
        let known = native(&self.native.get().known, &self.page.blocks[i]);
        let answer = known.unwrap_or_else(|| self.ask(method, Some(i)));
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
        if self.dateline[i].is_none() {
            // Python's first test, then the loose `_DATELINE_NEEDS` (one pass of a lazy DFA:
            // where it finds nothing, false), then the core's answer where it has one, and
            // else Python's
            let (Some(block), Some(f)) = (self.page.blocks.get(i), self.page.feats.get(i)) else { return false };
            let known = &self.native.get().known;
            if !text::may_be_dateline(block.text, f.han) || !known.dateline_needs_found(block) {
                self.dateline[i] = Some(false);
            } else {
                self.dateline[i] = known.dateline_of(block, f.han);
            }
        }
        self.block(|p| &mut p.dateline, |_, _| None, "is_dateline", i)
    }

    fn title_label(&mut self, i: usize) -> bool {
        self.block(|p| &mut p.title_label, Known::title_label_of, "title_label", i)
    }

    fn chapter(&mut self, i: usize) -> bool {
        self.block(|p| &mut p.chapter, Known::chapter_of, "chapter", i)
    }

    fn thread_marks(&mut self) -> bool {
        if let Some(answer) = self.thread {
            return answer;
        }
        let known = &self.native.get().known;
        let answer = known
            .thread_marks(self.page.blocks.iter().map(|b| b.text))
            .unwrap_or_else(|| self.ask("thread_marks", None));
        self.thread = Some(answer);
        answer
    }
}

/// `select(page, lexicon, scores, patterns, thresholds) -> (kept, reasons, region, title_index,
/// marked, editor_lines)`: stage 5 (`select.select`) on a `SelectPage` with its blocks'
/// `scores`, the boilerplate `Lexicon`, a `_PagePatterns` answering Python's patterns and
/// `select.Thresholds` as a tuple of its fields. `kept` is a tuple of bools, `reasons` a tuple
/// of tuples of reason codes (one tuple object for each distinct list), `region` `None` or
/// `(first, last)`, `marked` the list of the indexes whose reasons hold `metadata` or
/// `editor-line`, `editor_lines` of those holding `editor-line`. An error a pattern raised is
/// raised; a panic of the core (none is known) raises `RuntimeError`.
#[pyfunction]
pub fn select<'py>(
    py: Python<'py>,
    page: &Bound<'py, SelectPage>,
    lexicon: &Bound<'py, super::Lexicon>,
    scores: Vec<f64>,
    patterns: Bound<'py, PyAny>,
    thresholds: &Bound<'py, PyTuple>,
) -> PyResult<Bound<'py, PyTuple>> {
    let Some(parts) = page.borrow_mut().parts.take() else {
        return Err(PyValueError::new_err("this SelectPage was selected already"));
    };
    let t = self::thresholds(thresholds)?;
    let lexicon = &lexicon.get().inner;
    let (chosen, asked) = with_page(parts, |page| -> PyResult<_> {
        if scores.len() != page.blocks.len() {
            return Err(PyValueError::new_err(format!("{} scores for {} blocks", scores.len(), page.blocks.len())));
        }
        let mut asked = PyPatterns::for_page(patterns, page)?;
        // (without the GIL: another thread's Python runs meanwhile; a pattern only Python
        // answers takes it back for that answer)
        let run = super::gil::without(py, || {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                crate::select::select(page, lexicon, &scores, &mut asked, &t)
            }))
        });
        match run {
            Ok(chosen) => Ok((chosen, asked.finish())),
            Err(_) => Err(pyo3::exceptions::PyRuntimeError::new_err("the native selection failed")),
        }
    })?;
    asked?;
    let mut tuples: Map<Vec<Reason>, Bound<'py, PyTuple>> = Map::default();
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
    let (marked, editor_lines) = marked_lines(&chosen.reasons);
    let kept = PyTuple::new(py, &chosen.kept)?;
    (kept, PyTuple::new(py, reasons)?, chosen.region, chosen.title_index, marked, editor_lines).into_pyobject(py)
}

/// The indexes of the blocks whose reasons hold `metadata` or `editor-line` (what the metadata
/// reads), and of those that hold `editor-line`: Python would find them in a loop over every
/// block's reasons.
fn marked_lines(reasons: &[Vec<Reason>]) -> (Vec<usize>, Vec<usize>) {
    let mut marked = Vec::new();
    let mut editor_lines = Vec::new();
    for (i, codes) in reasons.iter().enumerate() {
        let editor = codes.contains(&Reason::EditorLine);
        if editor || codes.contains(&Reason::Metadata) {
            marked.push(i);
        }
        if editor {
            editor_lines.push(i);
        }
    }
    (marked, editor_lines)
}

/// Registers the selection classes and functions.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<SelectPage>()?;
    m.add_class::<SelectPatterns>()?;
    m.add_function(wrap_pyfunction!(select, m)?)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marked_lines_are_the_metadata_and_editor_lines() {
        let reasons = vec![
            vec![Reason::Nav],
            vec![Reason::EditorLine],
            vec![],
            vec![Reason::Metadata, Reason::EditorLine],
            vec![Reason::Metadata],
            vec![Reason::Copyright, Reason::Metadata],
        ];
        assert_eq!(marked_lines(&reasons), (vec![1, 3, 4, 5], vec![1, 3]));
        assert_eq!(marked_lines(&[]), (vec![], vec![]));
    }
}
