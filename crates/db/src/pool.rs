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
    connect_pool_with(database_url, max_size, timeout, true)
}

/// A pool as [`connect_pool`]; without `statement_cache` every connection runs its statements
/// unnamed instead of keeping them prepared by name. Named statements live in a server session,
/// so they fail through PgBouncer in transaction mode before 1.21 (and without its
/// `max_prepared_statements`), where consecutive transactions may use different server sessions.
pub fn connect_pool_with(
    database_url: &str,
    max_size: u32,
    timeout: Duration,
    statement_cache: bool,
) -> DbPool {
    let manager = ConnectionManager::<PgConnection>::new(database_url);
    let builder = Pool::builder()
        .max_size(max_size)
        .min_idle(Some(1))
        .connection_timeout(timeout)
        .test_on_check_out(false);
    if statement_cache {
        builder.build_unchecked(manager)
    } else {
        builder
            .connection_customizer(Box::new(NoStatementCache))
            .build_unchecked(manager)
    }
}

/// Turns diesel's prepared-statement cache off on each new connection.
#[derive(Debug)]
struct NoStatementCache;

impl diesel::r2d2::CustomizeConnection<PgConnection, diesel::r2d2::Error> for NoStatementCache {
    fn on_acquire(&self, conn: &mut PgConnection) -> Result<(), diesel::r2d2::Error> {
        use diesel::Connection;
        conn.set_prepared_statement_cache_size(diesel::connection::CacheSize::Disabled);
        Ok(())
    }
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

/// Whether `conn` still answers (one round trip): after a connection was found lost, its
/// siblings in the pool are likely lost too.
pub fn answers(conn: &mut PgConnection) -> bool {
    use diesel::r2d2::R2D2Connection;
    conn.ping().is_ok()
}

/// Runs the pending migrations and returns their versions.
pub fn run_migrations(conn: &mut PgConnection) -> Result<Vec<String>, DbError> {
    let applied = conn
        .run_pending_migrations(MIGRATIONS)
        .map_err(|e| DbError::Migration(e.to_string()))?;
    Ok(applied.into_iter().map(|v| v.to_string()).collect())
}
