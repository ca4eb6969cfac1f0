//! Samenstad's persistence layer: diesel schema, row models, queries per resource, the
//! connection pool, embedded migrations and the loader of the real Gent reference data.
//!
//! Queries are free functions that take `&mut PgConnection`; callers decide about
//! transactions and run them on a blocking thread.

pub mod models;
pub mod pool;
pub mod queries;
pub mod schema;
pub mod seed;
pub mod seed_projects;
pub mod seed_subsidies;
pub mod seed_venues;
pub mod tenancy;
#[cfg(feature = "testing")]
pub mod testing;

pub use diesel::PgConnection;
pub use pool::{
    DbPool, PooledConn, answers, connect_pool, connect_pool_with, discard, is_disconnect,
    run_migrations,
};
pub use tenancy::set_municipality;

/// Errors of the persistence layer that are not plain diesel errors.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// A query failed.
    #[error(transparent)]
    Query(#[from] diesel::result::Error),
    /// No connection could be had from the pool in time.
    #[error("database unavailable: {0}")]
    Unavailable(String),
    /// Stored or seed data does not have the expected shape.
    #[error("invalid data: {0}")]
    InvalidData(String),
    /// Migrations failed.
    #[error("migration failed: {0}")]
    Migration(String),
}

/// Diesel's result and error types, for callers that map errors.
pub use diesel::result as diesel_result;
