//! The native core of cleantext, built by maturin as the extension module `cleantext._core`.
//!
//! One module per pipeline stage, in the pipeline's order and mirroring the Python package:
//! `decode.rs` (stage 1's byte scans, `cleantext/decode.py`), `blocks/` (stage 2, `cleantext/blocks/`), `features/` (stage 3, `cleantext/features.py`),
//! `score.rs` (stage 4, `cleantext/score.py`) and `select/` (stage 5, `cleantext/select.py`), `generic.rs`
//! (the fallback for pages with little Han text, `cleantext/generic.py`);
//! `pack.rs` packs what the core holds of a Document for its pickle (`cleantext/columns.py`);
//! `plausibility.rs` judges a decoding (`cleantext/plausibility.py`, stage 1's judge); `head.rs`
//! scans a page for what `cleantext/headmeta.py` reads of it; `pystr.rs` reads texts as Python
//! holds them, and `charmap.rs` the word lists' simplified reading of them (`cleantext/lexicon.py`);
//! `convoy.rs` says when a thread's long steps keep the GIL. The Python bindings (`python/`) only
//! convert, and run the long steps without the GIL (`python/gil.rs`).

#![forbid(unsafe_code)]

pub mod big5hkscs;
pub mod blocks;
pub mod charmap;
pub mod convoy;
pub mod decode;
pub mod features;
pub mod gb18030;
pub mod generic;
pub mod hash;
pub mod head;
pub mod pack;
pub mod plausibility;
pub mod pystr;
pub mod score;
pub mod select;
#[cfg(test)]
pub mod test_rng;

#[cfg(feature = "python")]
mod python;

/// The extension module allocates with mimalloc (see Cargo.toml).
#[cfg(feature = "python")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
