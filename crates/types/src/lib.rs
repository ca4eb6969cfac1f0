//! Samenstad API data types.
//!
//! These are the JSON shapes of the public API. The server, the typed client
//! (`samenstad-client`) and the web app all use them, so a change here is a
//! change of the API contract. With the `openapi` feature every type also
//! carries its OpenAPI schema (documentation comments become descriptions).

pub mod account;
pub mod address;
pub mod councils;
pub mod feedback;
pub mod follows;
pub mod geojson;
pub mod health;
pub mod labels;
pub mod open311;
pub mod page;
pub mod problem;
pub mod projects;
pub mod recognition;
pub mod signals;
pub mod subsidies;
pub mod venue;
pub mod vocabulary;
pub mod web;
pub mod wijk;

pub use geojson::{Geometry, Position};
pub use health::Health;
pub use page::Page;
pub use problem::{FieldError, Problem};
pub use wijk::{
    GeoJsonQuery, LatLon, ListWijkenQuery, LookupQuery, Wijk, WijkDetail, WijkFeature,
    WijkFeatureCollection, WijkPage, Zone,
};

/// Attribution that must accompany data of Stad Gent (Modellicentie Gratis Hergebruik v1.0).
pub const GENT_ATTRIBUTION: &str = "Bron: Stad Gent – data.stad.gent";
