//! Reusable components.

pub mod map;
