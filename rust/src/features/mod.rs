//! Stage 3 of the pipeline: what each block looks like (`cleantext/features.py`).

pub mod lexicon;
pub mod segment;
