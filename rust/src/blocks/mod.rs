//! Stage 2 of the pipeline: a decoded page -> its blocks (`cleantext/blocks/`).

pub mod depth;
pub mod html;
pub mod table;
pub mod text;
pub mod whitespace;
pub mod width;
