//! Routes, one module per resource. Each `configure` registers its handlers with `.service()`
//! so `utoipa-actix-web` collects them into the OpenAPI document.

use utoipa_actix_web::service_config::ServiceConfig;

pub mod addresses;
pub mod admin;
pub mod admin_common;
pub mod auth;
pub mod councils;
pub mod feedback;
pub mod feeds;
pub mod files;
pub mod follows;
pub mod health;
pub mod ideas_common;
pub mod me;
pub mod open311;
pub mod open_data;
pub mod organisations;
pub mod organisations_common;
pub mod overview;
pub mod panels;
pub mod projects;
pub mod realisation;
pub mod recognition;
pub mod residence;
pub mod series;
pub mod signals;
pub mod subsidies;
pub mod subsidy_common;
pub mod subsidy_review;
pub mod venue_changes;
pub mod venue_upkeep;
pub mod venues;
pub mod venues_common;
pub mod votes;
pub mod wijkbudget_common;
pub mod wijken;

/// Registers every `/api/v1` handler.
pub fn configure(cfg: &mut ServiceConfig) {
    health::configure(cfg);
    wijken::configure(cfg);
    overview::configure(cfg);
    auth::configure(cfg);
    me::configure(cfg);
    follows::configure(cfg);
    recognition::configure(cfg);
    organisations::configure(cfg);
    admin::configure(cfg);
    venues::configure(cfg);
    venue_upkeep::configure(cfg);
    venue_changes::configure(cfg);
    series::configure(cfg);
    projects::configure(cfg);
    votes::configure(cfg);
    realisation::configure(cfg);
    panels::configure(cfg);
    residence::configure(cfg);
    signals::configure(cfg);
    addresses::configure(cfg);
    councils::configure(cfg);
    feedback::configure(cfg);
    subsidies::configure(cfg);
    subsidy_review::configure(cfg);
    feeds::configure(cfg);
    open_data::configure(cfg);
    files::configure(cfg);
}
