//! Queries, one module per resource.

pub mod accounts;
pub mod applications;
pub mod audit;
pub mod health;
pub mod organisations;
pub mod outbox;
pub mod projects;
pub mod reviews;
pub mod subsidies;
pub mod venues;
pub mod wijken;
