//! Queries, one module per resource.

pub mod accounts;
pub mod addresses;
pub mod applications;
pub mod audit;
pub mod ballots;
pub mod councils;
pub mod feedback;
pub mod feeds;
pub mod files;
pub mod health;
pub mod open_data;
pub mod organisations;
pub mod outbox;
pub mod overview;
pub mod panels;
pub mod projects;
pub mod proposals;
pub mod realisation;
pub mod residence;
pub mod reviews;
pub mod signals;
pub mod subsidies;
pub mod venue_upkeep;
pub mod venues;
pub mod votes;
pub mod wijken;
