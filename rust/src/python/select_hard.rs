//! Temporary bindings of selection's hard part, for checking it against the Python twin while the
//! port goes on (see `select::hard`).

use pyo3::prelude::*;

/// Registers this part's functions.
pub fn register(_m: &Bound<'_, PyModule>) -> PyResult<()> {
    Ok(())
}
