//! Samenstad's HTTP API: actix-web routes per resource, OpenAPI built from the same route
//! registration, the API docs UI and the web app, all served by one binary.

pub mod address;
pub mod address_import;
pub mod admin_cli;
pub mod app;
pub mod area_import;
pub mod auth;
pub mod cache;
pub mod config;
pub mod csv_export;
pub mod error;
pub mod etag;
pub mod first_html;
pub mod gate;
pub mod import;
pub mod json_numbers;
pub mod lang;
pub mod local_time;
pub mod mail;
mod messages_nl;
pub mod notify;
pub mod openapi;
pub mod pabulib_import;
pub mod page;
pub mod principal;
pub mod public_cache;
pub mod query;
pub mod respond;
pub mod routes;
pub mod state;
pub mod telemetry;
pub mod tenant;
pub mod upload;
pub mod xml_text;

pub use app::{build_app, openapi};
pub use config::Config;
pub use error::AppError;
pub use state::AppState;
