//! Reusable components.

pub mod map;
pub mod week_calendar;
