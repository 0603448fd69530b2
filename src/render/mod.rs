//! Renderers of the document model.

pub mod html;
pub mod pdf;
pub mod scene;
pub mod svg;
