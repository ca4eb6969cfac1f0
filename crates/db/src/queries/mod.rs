//! Queries, one module per resource.

pub mod accounts;
pub mod audit;
pub mod ballots;
pub mod health;
pub mod organisations;
pub mod outbox;
pub mod panels;
pub mod projects;
pub mod proposals;
pub mod realisation;
pub mod venues;
pub mod votes;
pub mod wijken;
