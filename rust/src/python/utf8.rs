//! A UTF-8 page's text held by the core (`decode.py` makes one of a page that is UTF-8): the
//! page's own `bytes` object, checked to be UTF-8 when it is made, read by the stages that take a
//! page's text, and made a Python `str` only when Python reads it. A GB18030 page's text, decoded
//! here as Python's codec does (`gb18030_text`), is held the same way: its UTF-8 in a `bytes`
//! object of its own.

use crate::{decode, pystr};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyString, PyTuple};

/// `utf8_text(raw)` gives one: the text of `raw`, bytes checked to be UTF-8. `len()` is its
/// length in characters (Python's `len` of the `str`), `str()` the `str` (made on first call,
/// then kept), `head(n)` its first `n` characters alone, `controls(n)` what of them are control
/// characters, `replacements` how many U+FFFD it holds, `until(start, needle, limit)` a piece of it (`decode::until`). It pickles as its bytes.
#[pyclass(frozen, module = "cleantext._core")]
pub struct Utf8Text {
    /// The page's bytes (held, not copied: a copy would hold the page twice).
    bytes: Py<PyBytes>,
    chars: usize,
    string: PyOnceLock<Py<PyString>>,
}

impl Utf8Text {
    /// The text. Its bytes were checked when it was made and a `bytes` object does not change;
    /// each read checks them again (SIMD, a small fraction of what any stage spends on them)
    /// rather than trust them with `unsafe`, so a failed check, which cannot happen, reads as no
    /// text.
    pub fn as_str<'a>(&'a self, py: Python<'_>) -> &'a str {
        pystr::utf8(self.bytes.as_bytes(py)).unwrap_or_default()
    }

    /// The `bytes` object of the text, for what holds it.
    pub fn bytes(&self) -> &Py<PyBytes> {
        &self.bytes
    }

    /// The text's bytes (UTF-8, checked when it was made), for what reads them as bytes.
    pub fn as_bytes<'a>(&'a self, py: Python<'_>) -> &'a [u8] {
        self.bytes.as_bytes(py)
    }

    /// The bytes of the first `chars` characters, not checked again: what is counted there
    /// needs no `str`, and a `str` of them ([`Utf8Text::head`]) checks these bytes alone.
    fn prefix<'a>(&'a self, py: Python<'_>, chars: usize) -> &'a [u8] {
        let bytes = self.as_bytes(py);
        &bytes[..pystr::prefix_len(bytes, chars)]
    }
}

/// The text of `page` when it is a `Utf8Text`, else `None` (a `str`, or anything else).
pub(crate) fn checked<'a>(page: &'a Bound<'_, PyAny>) -> Option<&'a str> {
    page.cast::<Utf8Text>().ok().map(|text| text.get().as_str(page.py()))
}

/// [`checked`]'s bytes, not checked again: for a reader of bytes.
pub(crate) fn checked_bytes<'a>(page: &'a Bound<'_, PyAny>) -> Option<&'a [u8]> {
    page.cast::<Utf8Text>().ok().map(|text| text.get().as_bytes(page.py()))
}

#[pymethods]
impl Utf8Text {
    fn __len__(&self) -> usize {
        self.chars
    }

    fn __str__<'py>(&self, py: Python<'py>) -> Bound<'py, PyString> {
        self.string.get_or_init(py, || PyString::new(py, self.as_str(py)).unbind()).bind(py).clone()
    }

    /// `head(chars) -> str`: the first `chars` characters (`str(t)[:chars]`, the rest not made).
    fn head<'py>(&self, py: Python<'py>, chars: usize) -> Bound<'py, PyString> {
        match self.string.get(py) {
            Some(whole) if self.chars <= chars => whole.bind(py).clone(),
            _ => PyString::new(py, pystr::utf8(self.prefix(py, chars)).unwrap_or_default()),
        }
    }

    /// `controls(chars) -> (int, int)`: how many characters the first `chars` are (`len` of
    /// `str(t)[:chars]`) and how many of them are control or replacement characters
    /// (`decode::controls`): what `sniff.looks_binary` reads, without making the `str`.
    fn controls(&self, py: Python<'_>, chars: usize) -> (usize, usize) {
        (self.chars.min(chars), decode::controls(self.prefix(py, chars)))
    }

    /// How many U+FFFD the text holds (characters the page wrote as such: it is valid UTF-8).
    #[getter]
    fn replacements(&self, py: Python<'_>) -> usize {
        decode::replacements(self.as_bytes(py))
    }

    /// `until(start, needle, limit) -> str | None`: `s[start:s.find(needle, start, start + limit)]`
    /// of the text `s` (character offsets), `None` where `find` gives -1; `ValueError` for an
    /// empty `needle`.
    fn until(&self, py: Python<'_>, start: usize, needle: &str, limit: usize) -> PyResult<Option<&str>> {
        if needle.is_empty() {
            return Err(pyo3::exceptions::PyValueError::new_err("until: an empty needle"));
        }
        Ok(decode::until(self.as_str(py), start, needle, limit))
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let make = py.import("cleantext._core")?.getattr("utf8_text")?;
        (make, (self.bytes.clone_ref(py),)).into_pyobject(py)
    }
}

/// `utf8_text(raw) -> Utf8Text | None`: the text of the bytes `raw` if they are UTF-8 (checked
/// here), else `None`.
#[pyfunction]
pub fn utf8_text(raw: &Bound<'_, PyBytes>) -> Option<Utf8Text> {
    let bytes = raw.as_bytes();
    // (checked and counted without the GIL: another thread's Python runs meanwhile)
    let chars = super::gil::without(raw.py(), || pystr::utf8(bytes).map(|_| pystr::len(bytes)))?;
    Some(Utf8Text { bytes: raw.clone().unbind(), chars, string: PyOnceLock::new() })
}

/// `gb18030_text(raw, forgive_tail=False) -> Utf8Text | None`: the text of the bytes `raw` read
/// as Python's `gb18030` codec reads them (`crate::gb18030`), held as UTF-8, if they decode
/// without an error, else `None`. With `forgive_tail`, an error in the last four bytes of a page
/// longer than that ends the text with one U+FFFD instead (what `decode._strict` makes of a
/// multibyte sequence cut at the very end). Bytes that are all ASCII are held as they are.
#[pyfunction]
#[pyo3(signature = (raw, forgive_tail = false))]
pub fn gb18030_text(raw: &Bound<'_, PyBytes>, forgive_tail: bool) -> Option<Utf8Text> {
    let bytes = raw.as_bytes();
    let mut out = Vec::new();
    let decoded = super::gil::without(raw.py(), || crate::gb18030::decode(bytes, &mut out)); // (another thread's Python runs meanwhile)
    let chars = match decoded {
        Ok(chars) if chars == bytes.len() => {
            return Some(Utf8Text { bytes: raw.clone().unbind(), chars, string: PyOnceLock::new() });
        }
        Ok(chars) => chars,
        Err((at, chars)) if forgive_tail && bytes.len() > 4 && at >= bytes.len() - 4 => {
            out.extend_from_slice("\u{FFFD}".as_bytes());
            chars + 1
        }
        Err(_) => return None,
    };
    Some(Utf8Text { bytes: PyBytes::new(raw.py(), &out).unbind(), chars, string: PyOnceLock::new() })
}

/// `big5hkscs_text(raw) -> Utf8Text`: the text of the bytes `raw` as
/// `raw.decode("big5hkscs", "replace")` gives it (`crate::big5hkscs`), held as UTF-8.
#[pyfunction]
pub fn big5hkscs_text(raw: &Bound<'_, PyBytes>) -> Utf8Text {
    let bytes = raw.as_bytes();
    let mut out = Vec::new();
    let chars = super::gil::without(raw.py(), || crate::big5hkscs::decode_replace(bytes, &mut out)); // (as gb18030_text)
    let bytes = if chars == bytes.len() && out.len() == bytes.len() {
        raw.clone().unbind() // (all ASCII: the bytes as they are)
    } else {
        PyBytes::new(raw.py(), &out).unbind()
    };
    Utf8Text { bytes, chars, string: PyOnceLock::new() }
}
