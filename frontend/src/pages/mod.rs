//! Pages, one per route.

pub mod account;
pub mod admin;
pub mod councils;
pub mod discover;
pub mod feedback;
pub mod follows;
pub mod home;
pub mod ideas;
pub mod not_found;
pub mod organisations;
pub mod overview;
pub mod panel;
pub mod project;
pub mod proposal;
pub mod scheme_admin;
pub mod signals;
pub mod subsidies;
pub mod subsidy_admin;
pub mod subsidy_application;
pub mod venue_upkeep;
pub mod venues;
pub mod vote;
pub mod wijk;
pub mod wijk_hub;
