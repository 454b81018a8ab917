//! Stage 2 of the pipeline: a decoded page -> its blocks (`cleantext/blocks/`).

pub mod dom;
pub mod html;
pub mod locate;
pub mod text;
pub mod whitespace;
