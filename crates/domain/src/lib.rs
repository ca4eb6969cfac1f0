//! Samenstad's domain rules: pure functions and data structures without IO.
//!
//! Builds for `wasm32-unknown-unknown` so the web app runs the same rules as the server.

pub mod address;
pub mod advice;
pub mod allocation;
#[cfg(feature = "transliterate")]
pub mod areas;
pub mod ballot;
pub mod booking;
pub mod calendar;
pub mod contact;
pub mod feedback;
pub mod geometry;
pub mod idea;
pub mod lifecycle;
pub mod notification;
pub mod organisation;
pub mod pabulib;
pub mod signal;
pub mod sortition;
pub mod subsidy;
pub mod tally;
pub mod text;
pub mod venue;
