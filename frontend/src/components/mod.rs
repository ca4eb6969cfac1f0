//! Reusable components.

pub mod bar_chart;
pub mod follow;
pub mod map;
pub mod week_calendar;
