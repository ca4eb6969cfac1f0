//! Shared state of the running server.

use std::sync::Arc;

use samenstad_db::{DbError, DbPool, PgConnection, PooledConn};

use crate::auth::Auth;
use crate::cache::WijkenCache;
use crate::error::AppError;

/// What every handler can reach.
#[derive(Debug)]
pub struct AppState {
    /// PostgreSQL connections.
    pub pool: DbPool,
    /// Wijken reference data, served from memory.
    pub wijken: WijkenCache,
    /// Keys, token lifetimes and the password hashing pool.
    pub auth: Arc<Auth>,
}

impl AppState {
    /// The public base URL (no trailing slash), for links in mails, feeds and the catalogue.
    pub fn public_url(&self) -> &str {
        self.auth.config.public_url.trim_end_matches('/')
    }

    /// New state around a pool.
    pub fn new(pool: DbPool, auth: Arc<Auth>) -> Self {
        Self {
            pool,
            wijken: WijkenCache::default(),
            auth,
        }
    }

    /// Runs `f` with a pooled connection on the blocking thread pool.
    pub async fn with_conn<T, F>(&self, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&mut PooledConn) -> Result<T, AppError> + Send + 'static,
    {
        let pool = self.pool.clone();
        actix_web::web::block(move || {
            let mut conn = pool
                .get()
                .map_err(|e| AppError::from(DbError::Unavailable(e.to_string())))?;
            f(&mut conn)
        })
        .await?
    }

    /// Runs `f` in a transaction on a pooled connection (blocking pool). Audit rows written in
    /// `f` commit or roll back with the change.
    pub async fn transaction<T, F>(&self, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&mut PgConnection) -> Result<T, AppError> + Send + 'static,
    {
        use diesel::Connection;
        self.with_conn(move |conn| {
            let conn: &mut PgConnection = conn;
            conn.transaction(f)
        })
        .await
    }
}
