//! Queries, one module per resource.

pub mod accounts;
pub mod applications;
pub mod audit;
pub mod feeds;
pub mod files;
pub mod health;
pub mod open_data;
pub mod organisations;
pub mod outbox;
pub mod overview;
pub mod projects;
pub mod reviews;
pub mod subsidies;
pub mod venues;
pub mod wijken;
