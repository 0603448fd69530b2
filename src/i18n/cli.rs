//! The human output of `stake check` and `stake analyze`.
