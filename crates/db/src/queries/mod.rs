//! Queries, one module per resource.

pub mod accounts;
pub mod audit;
pub mod health;
pub mod organisations;
pub mod outbox;
pub mod venues;
pub mod wijken;
pub mod projects;
