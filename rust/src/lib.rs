//! The native core of cleantext, built by maturin as the extension module `cleantext._core`.
//!
//! One module per pipeline stage, mirroring the Python package (`features/lexicon.rs` is the
//! lexicon scan of `cleantext/features.py`); the Python bindings (`python.rs`) only convert.

#![forbid(unsafe_code)]

pub mod blocks;
pub mod features;

#[cfg(feature = "python")]
mod python;
