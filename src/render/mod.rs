//! Renderers of the document model.

pub mod pdf;
