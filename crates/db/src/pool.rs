//! Connection pool and embedded migrations.

use std::time::Duration;

use diesel::PgConnection;
use diesel::r2d2::{ConnectionManager, Pool, PooledConnection};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

use crate::DbError;

/// The migrations in `migrations/`, compiled into the binary.
pub const MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations");

/// A pool of PostgreSQL connections.
pub type DbPool = Pool<ConnectionManager<PgConnection>>;
/// A connection checked out of the pool.
pub type PooledConn = PooledConnection<ConnectionManager<PgConnection>>;

/// Creates a pool without connecting yet, so the server starts (and reports 503) while the
/// database is down. `timeout` bounds how long a request waits for a connection.
pub fn connect_pool(database_url: &str, max_size: u32, timeout: Duration) -> DbPool {
    let manager = ConnectionManager::<PgConnection>::new(database_url);
    Pool::builder()
        .max_size(max_size)
        .min_idle(Some(1))
        .connection_timeout(timeout)
        .test_on_check_out(false)
        .build_unchecked(manager)
}

/// Whether `e` means the connection to the server is lost (PostgreSQL restarted, the network
/// failed): the connection is useless, the database may be back on a new one.
pub fn is_disconnect(e: &diesel::result::Error) -> bool {
    use diesel::result::{DatabaseErrorKind, Error};
    matches!(
        e,
        Error::DatabaseError(
            DatabaseErrorKind::ClosedConnection | DatabaseErrorKind::UnableToSendCommand,
            _
        )
    )
}

/// Marks a connection as broken, so the pool closes it when it is returned instead of handing
/// it out again. diesel does this itself when a query fails on a lost connection, but not when
/// preparing a statement fails (the first run of a query on a connection): such a dead
/// connection went back to the pool and failed later requests too, with a 500, until a query of
/// another kind happened to hit it. Checking connections on checkout would cost a round trip
/// per request instead.
pub fn discard(conn: &mut PgConnection) {
    use diesel::connection::{AnsiTransactionManager, TransactionManager};
    AnsiTransactionManager::transaction_manager_status_mut(conn).set_in_error();
}

/// Runs the pending migrations and returns their versions.
pub fn run_migrations(conn: &mut PgConnection) -> Result<Vec<String>, DbError> {
    let applied = conn
        .run_pending_migrations(MIGRATIONS)
        .map_err(|e| DbError::Migration(e.to_string()))?;
    Ok(applied.into_iter().map(|v| v.to_string()).collect())
}
