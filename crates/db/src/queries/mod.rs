//! Queries, one module per resource.

pub mod health;
pub mod wijken;
