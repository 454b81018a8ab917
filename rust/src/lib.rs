//! The native core of cleantext, built by maturin as the extension module `cleantext._core`.
//!
//! One module per pipeline stage, mirroring the Python package (`features/` is the measure of
//! `cleantext/features.py`, `score.rs` the score of `cleantext/score.py`), and `pystr.rs` for
//! texts as Python holds them; the Python bindings (`python.rs`) only convert.

#![forbid(unsafe_code)]

pub mod blocks;
pub mod features;
pub mod pystr;
pub mod score;
pub mod select;

#[cfg(feature = "python")]
mod python;
