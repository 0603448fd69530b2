//! Renderers of the document model.

pub mod html;
pub mod svg;
