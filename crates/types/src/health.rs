//! Service health.

use serde::{Deserialize, Serialize};

/// Health of the service and its database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"status": "ok", "database": "ok", "version": "0.1.0"})))]
pub struct Health {
    /// `ok` when the service can answer requests.
    pub status: String,
    /// `ok` when the database answered a query.
    pub database: String,
    /// Version of the running server.
    pub version: String,
}
