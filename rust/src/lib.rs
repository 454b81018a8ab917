//! The native core of cleantext, built by maturin as the extension module `cleantext._core`.
//!
//! One module per pipeline stage, mirroring the Python package (`blocks/html.rs` is
//! `cleantext/blocks/html.py`'s walk); the Python bindings (`python.rs`) only convert.

#![forbid(unsafe_code)]

pub mod blocks;
pub mod features;

#[cfg(feature = "python")]
mod python;
