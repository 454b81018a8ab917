//! `read_head`'s page scan (`crate::head`) as `cleantext/headmeta.py` reads it.

use super::{from_wtf8, wtf8};
use crate::head::{self, Class, Classes};
use crate::pystr;
use pyo3::exceptions::PyValueError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyString, PyTuple};

/// Python's class of code point `cp` (a character past ASCII, no surrogate): `str.isalnum()`
/// for `\w`, `str.isspace()` for `\s`.
fn python_class(py: Python<'_>, cp: u32) -> PyResult<Class> {
    let c = char::from_u32(cp).unwrap_or(char::REPLACEMENT_CHARACTER);
    let s = PyString::new(py, c.encode_utf8(&mut [0; 4]));
    Ok(if s.call_method0(intern!(py, "isalnum"))?.is_truthy()? {
        Class::Word
    } else if s.call_method0(intern!(py, "isspace"))?.is_truthy()? {
        Class::Space
    } else {
        Class::Other
    })
}

/// `head_scan(page, utf8=None) -> (title, metas, scripts)`: what `headmeta.read_head` reads of
/// `page` by regular expressions (see `crate::head`): the first `<title>`'s raw text or `None`;
/// for each meta tag, in order, its attributes as `[(name, value), ...]` (the value as written,
/// quotes included); the offsets where JSON-LD scripts' contents start. `page` is a `str`, or a
/// `Utf8Text` read as it is. `utf8` is a `str` page encoded, if the caller has it: checked only
/// for holding as many characters (`ValueError`
/// if not), which is what keeps the offsets within `page`; it is not read as UTF-8 but as
/// WTF-8, which any bytes are to `pystr`, so no more checking buys safety.
#[pyfunction]
#[pyo3(signature = (page, utf8=None))]
pub fn head_scan<'py>(
    py: Python<'py>,
    page: &Bound<'py, PyAny>,
    utf8: Option<Bound<'py, PyBytes>>,
) -> PyResult<Bound<'py, PyTuple>> {
    let held: Bound<'py, PyBytes>;
    let text = match (super::utf8::checked_bytes(page), utf8) {
        (Some(checked), None) => checked,
        (Some(_), Some(_)) => return Err(PyValueError::new_err(super::UTF8_WITH_CHECKED)),
        (None, utf8) => {
            let page = super::text_argument("page", page)?;
            held = match utf8 {
                Some(given) if pystr::len(given.as_bytes()) == page.len()? => given,
                Some(_) => return Err(PyValueError::new_err("utf8 is not the text encoded as UTF-8")),
                None => wtf8(page)?,
            };
            held.as_bytes()
        }
    };
    let mut failed = None;
    let mut classes = Classes::new(|cp| {
        python_class(py, cp).unwrap_or_else(|e| {
            failed.get_or_insert(e);
            Class::Other
        })
    });
    let found = head::scan(text, &mut classes);
    drop(classes);
    if let Some(e) = failed {
        return Err(e);
    }
    let string = |range: &std::ops::Range<usize>| from_wtf8(py, &text[range.clone()]);
    let title = found.title.as_ref().map(string).transpose()?;
    let metas = PyList::empty(py);
    for attributes in &found.metas {
        let pairs = PyList::empty(py);
        for (name, value) in attributes {
            pairs.append((string(name)?, string(value)?))?;
        }
        metas.append(pairs)?;
    }
    (title, metas, found.scripts).into_pyobject(py)
}
