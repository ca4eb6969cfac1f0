//! Shared state of the running server.

use samenstad_db::{DbError, DbPool, PooledConn};

use crate::cache::WijkenCache;
use crate::error::AppError;

/// What every handler can reach.
#[derive(Debug)]
pub struct AppState {
    /// PostgreSQL connections.
    pub pool: DbPool,
    /// Wijken reference data, served from memory.
    pub wijken: WijkenCache,
}

impl AppState {
    /// New state around a pool.
    pub fn new(pool: DbPool) -> Self {
        Self {
            pool,
            wijken: WijkenCache::default(),
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
}
