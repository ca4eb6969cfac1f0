//! Shared state of the running server.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use samenstad_db::{DbError, DbPool, PgConnection, PooledConn};
use tokio::sync::Semaphore;

use crate::auth::Auth;
use crate::cache::WijkenCache;
use crate::error::AppError;
use crate::public_cache::PublicCache;

/// What every handler can reach.
#[derive(Debug)]
pub struct AppState {
    /// PostgreSQL connections.
    pub pool: DbPool,
    /// Wijken reference data, served from memory.
    pub wijken: WijkenCache,
    /// Keys, token lifetimes and the password hashing pool.
    pub auth: Arc<Auth>,
    /// The busiest public answers, kept for a short time.
    pub public_cache: PublicCache,
    /// One permit per pooled connection. Requests wait for a permit here, asynchronously,
    /// instead of each holding a blocking thread while it waits for a connection: under load
    /// that grew the blocking pool to one thread per open request, and glibc gave many of those
    /// threads a malloc arena of their own (`just bench`: 140 MB RSS, 57 threads, against 86 MB
    /// with two arenas).
    db_slots: Gate,
    /// The streaming replica for public reads that may lag, when one is configured.
    replica: Option<Replica>,
    /// Which municipality each host name serves.
    pub tenants: crate::tenant::Directory,
    /// Drawn panels as text (`panel.txt`), by panel: a draw re-runs the lottery over the whole
    /// pool, and once drawn a panel's pool, seed and quotas never change.
    pub drawn_panels: DrawnPanels,
}

/// The text of each drawn panel, computed once per process (at most 256 panels kept).
pub struct DrawnPanels(quick_cache::sync::Cache<uuid::Uuid, Arc<str>>);

impl Default for DrawnPanels {
    fn default() -> Self {
        Self(quick_cache::sync::Cache::new(256))
    }
}

impl std::fmt::Debug for DrawnPanels {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DrawnPanels")
            .field("kept", &self.0.len())
            .finish()
    }
}

impl DrawnPanels {
    /// The text of `panel`, made by `draw` the first time (callers asking at the same time wait
    /// for that one draw); a failed draw is not kept.
    pub fn get_or_draw<E>(
        &self,
        panel: uuid::Uuid,
        draw: impl FnOnce() -> Result<String, E>,
    ) -> Result<Arc<str>, E> {
        self.0.get_or_insert_with(&panel, || draw().map(Arc::from))
    }
}

/// A replica's pool, and until when it is left alone after it failed.
#[derive(Debug)]
struct Replica {
    pool: DbPool,
    slots: Gate,
    resting_until: Mutex<Option<Instant>>,
}

/// How long reads stay on the primary after the replica failed to answer.
const REPLICA_REST: Duration = Duration::from_secs(5);

/// How long a pool's connections are checked before use after one of them was found lost.
const CHECK_AFTER_LOSS: Duration = Duration::from_secs(10);

/// The way into a pool: one permit per pooled connection, and until when connections are
/// checked (a round trip) before use. A restart of PostgreSQL or PgBouncer breaks every idle
/// connection at once; without the check each of them failed one more request with a 503 (`just
/// scale`: 165 of 488 requests during a PgBouncer restart). Checking every checkout always would
/// cost a round trip per request.
#[derive(Debug, Clone)]
struct Gate {
    slots: Arc<Semaphore>,
    check_until: Arc<Mutex<Option<Instant>>>,
}

impl Gate {
    fn new(pool: &DbPool) -> Self {
        Self {
            slots: Arc::new(Semaphore::new(pool.max_size() as usize)),
            check_until: Arc::new(Mutex::new(None)),
        }
    }

    fn checking(&self) -> bool {
        self.check_until
            .lock()
            .ok()
            .and_then(|until| *until)
            .is_some_and(|until| Instant::now() < until)
    }

    fn lost_one(&self) {
        if let Ok(mut until) = self.check_until.lock() {
            *until = Some(Instant::now() + CHECK_AFTER_LOSS);
        }
    }
}

/// A connection of `pool` within `timeout`; while `gate` is checking, one that answers a ping
/// (dead ones are discarded, at most one round per pooled connection and one more).
fn checked_out(pool: &DbPool, gate: &Gate, timeout: Duration) -> Result<PooledConn, AppError> {
    let get = |timeout| {
        pool.get_timeout(timeout)
            .map_err(|e| AppError::from(DbError::Unavailable(e.to_string())))
    };
    let started = Instant::now();
    let mut conn = get(timeout)?;
    if !gate.checking() {
        return Ok(conn);
    }
    for _ in 0..=pool.max_size() {
        if samenstad_db::answers(&mut conn) {
            return Ok(conn);
        }
        samenstad_db::discard(&mut conn);
        drop(conn);
        let left = timeout
            .saturating_sub(started.elapsed())
            .max(Duration::from_millis(10));
        conn = get(left)?;
    }
    Ok(conn)
}

impl AppState {
    /// The public base URL (no trailing slash), for links in mails, feeds and the catalogue: the
    /// request's municipality's own, else `SAMENSTAD_PUBLIC_URL`.
    pub fn public_url(&self) -> String {
        crate::tenant::current()
            .and_then(|t| t.public_url)
            .unwrap_or_else(|| self.auth.config.public_url.clone())
            .trim_end_matches('/')
            .to_owned()
    }

    /// New state around a pool.
    pub fn new(pool: DbPool, auth: Arc<Auth>) -> Self {
        Self {
            db_slots: Gate::new(&pool),
            pool,
            wijken: WijkenCache::default(),
            public_cache: PublicCache::new(Duration::from_millis(auth.config.public_cache_ms)),
            auth,
            replica: None,
            tenants: crate::tenant::Directory::default(),
            drawn_panels: DrawnPanels::default(),
        }
    }

    /// The same state with a streaming replica for [`AppState::with_replica_conn`].
    #[must_use]
    pub fn with_replica(mut self, pool: DbPool) -> Self {
        self.replica = Some(Replica {
            slots: Gate::new(&pool),
            pool,
            resting_until: Mutex::new(None),
        });
        self
    }

    /// Runs a read-only `f` that may see data a few seconds old (venue search, public lists,
    /// open data) on the replica when one is configured and answers; else, and for a while
    /// after the replica failed, on the primary. Never for a read that must see the caller's
    /// own write.
    pub async fn with_replica_conn<T, F>(&self, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&mut PooledConn) -> Result<T, AppError> + Clone + Send + 'static,
    {
        if let Some(replica) = &self.replica {
            let resting = replica
                .resting_until
                .lock()
                .ok()
                .and_then(|until| *until)
                .is_some_and(|until| Instant::now() < until);
            if !resting {
                let tenant = crate::tenant::current().ok_or_else(|| {
                    AppError::Internal("database work outside a municipality's request".to_owned())
                })?;
                match run(&replica.pool, &replica.slots, Some(tenant), f.clone()).await {
                    Err(AppError::Unavailable) => {
                        tracing::warn!("the replica did not answer: reading from the primary");
                        if let Ok(mut until) = replica.resting_until.lock() {
                            *until = Some(Instant::now() + REPLICA_REST);
                        }
                    }
                    answer => return answer,
                }
            }
        }
        self.with_conn(f).await
    }

    /// Runs `f` for the request's municipality with a pooled connection on the blocking thread
    /// pool: in a transaction as the tenant role, so PostgreSQL shows and accepts only that
    /// municipality's rows ([`crate::tenant`]). Outside a request (no municipality) it refuses.
    /// When `f` finds the database unavailable (the connection was lost, e.g. PostgreSQL
    /// restarted), the connection is discarded rather than returned to the pool, so the next
    /// request gets a fresh one.
    pub async fn with_conn<T, F>(&self, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&mut PooledConn) -> Result<T, AppError> + Send + 'static,
    {
        let tenant = crate::tenant::current().ok_or_else(|| {
            AppError::Internal("database work outside a municipality's request".to_owned())
        })?;
        run(&self.pool, &self.db_slots, Some(tenant), f).await
    }

    /// Runs `f` with a pooled connection as the owner of the tables, for every municipality
    /// (reference data shared by all, and work that is not a request's).
    pub async fn with_platform_conn<T, F>(&self, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&mut PooledConn) -> Result<T, AppError> + Send + 'static,
    {
        run(&self.pool, &self.db_slots, None, f).await
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

/// Runs `f` with a connection of `pool` on the blocking thread pool, waiting for one of `slots`
/// first. When `f` finds the database unavailable (the connection was lost, e.g. PostgreSQL
/// restarted), the connection is discarded rather than returned to the pool.
async fn run<T, F>(
    pool: &DbPool,
    gate: &Gate,
    tenant: Option<crate::tenant::Tenant>,
    f: F,
) -> Result<T, AppError>
where
    T: Send + 'static,
    F: FnOnce(&mut PooledConn) -> Result<T, AppError> + Send + 'static,
{
    let pool = pool.clone();
    // The pool's connection timeout bounds the whole wait: for a permit, then a connection.
    let timeout = pool.connection_timeout();
    let started = Instant::now();
    let permit = tokio::time::timeout(timeout, gate.slots.clone().acquire_owned())
        .await
        .map_err(|_| DbError::Unavailable("no database connection became free".to_owned()))?
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let remaining = timeout
        .saturating_sub(started.elapsed())
        .max(Duration::from_millis(10));
    let gate = gate.clone();
    actix_web::web::block(move || {
        let _permit = permit;
        let mut conn = checked_out(&pool, &gate, remaining)?;
        let result = crate::tenant::on_thread(tenant.clone(), || match &tenant {
            Some(tenant) => in_tenant(&mut conn, tenant.id, f),
            None => f(&mut conn),
        });
        if matches!(result, Err(AppError::Unavailable)) {
            samenstad_db::discard(&mut conn);
            gate.lost_one();
        }
        result
    })
    .await?
}

/// Runs `f` in a transaction entered into municipality `id`. What `f` wrote is committed even
/// when it answers with an error (as it was when each statement committed on its own: a failed
/// login is still counted); a statement that failed rolls everything back.
fn in_tenant<T, F>(conn: &mut PooledConn, id: uuid::Uuid, f: F) -> Result<T, AppError>
where
    F: FnOnce(&mut PooledConn) -> Result<T, AppError>,
{
    use diesel::Connection;
    let mut outcome = None;
    let done = conn.transaction::<(), AppError, _>(|conn| {
        samenstad_db::tenancy::enter(conn, id)?;
        outcome = Some(f(conn));
        Ok(())
    });
    match (outcome, done) {
        (Some(Err(e)), _) | (_, Err(e)) => Err(e),
        (Some(Ok(value)), Ok(())) => Ok(value),
        (None, Ok(())) => Err(AppError::Internal("the work did not run".to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use diesel::prelude::*;
    use diesel::sql_types::Integer;
    use samenstad_db::testing::TestDb;

    use super::*;
    use crate::auth::Auth;
    use crate::config::AuthConfig;

    fn backend_pid(conn: &mut PgConnection) -> Result<i32, AppError> {
        Ok(diesel::select(diesel::dsl::sql::<Integer>("pg_backend_pid()")).get_result(conn)?)
    }

    #[actix_web::test]
    async fn a_connection_the_server_dropped_gets_a_503_once_and_is_not_handed_out_again() {
        let db = TestDb::new();
        let pool = samenstad_db::connect_pool(db.url(), 1, Duration::from_secs(2));
        let state = AppState::new(pool, Auth::new(AuthConfig::from_env()));
        let pid = state
            .with_platform_conn(|c| backend_pid(c))
            .await
            .expect("a connection");

        // The server ends the pool's only connection, as a restart of PostgreSQL does.
        let mut admin = db.conn();
        diesel::sql_query(format!("SELECT pg_terminate_backend({pid})"))
            .execute(&mut admin)
            .expect("terminate");
        let gone = Instant::now();
        while diesel::sql_query(format!("SELECT 1 FROM pg_stat_activity WHERE pid = {pid}"))
            .execute(&mut admin)
            .expect("pg_stat_activity")
            == 1
        {
            assert!(
                gone.elapsed() < Duration::from_secs(10),
                "the backend lives on"
            );
            std::thread::sleep(Duration::from_millis(20));
        }

        // A query that is prepared for the first time on the dead connection: diesel does not
        // mark the connection broken then, so it used to go back to the pool and the next
        // request on it failed with a 500 ("no connection to the server").
        let first = state
            .with_platform_conn(|c| {
                Ok(samenstad_db::schema::wijk::table
                    .count()
                    .get_result::<i64>(&mut **c)?)
            })
            .await;
        assert!(matches!(first, Err(AppError::Unavailable)), "{first:?}");
        let again = state
            .with_platform_conn(|c| backend_pid(c))
            .await
            .expect("a fresh connection");
        assert_ne!(again, pid);
    }

    #[actix_web::test]
    async fn after_one_lost_connection_the_pools_other_dead_connections_fail_no_request() {
        let db = TestDb::new();
        let pool = samenstad_db::connect_pool(db.url(), 3, Duration::from_secs(2));
        // Three connections, idle in the pool.
        let held: Vec<_> = (0..3).map(|_| pool.get().expect("a connection")).collect();
        let mut pids = Vec::new();
        for mut conn in held {
            pids.push(backend_pid(&mut conn).expect("pid"));
        }
        let state = AppState::new(pool, Auth::new(AuthConfig::from_env()));

        // The server ends all of them, as a restart of PostgreSQL or PgBouncer does.
        let mut admin = db.conn();
        for pid in &pids {
            diesel::sql_query(format!("SELECT pg_terminate_backend({pid})"))
                .execute(&mut admin)
                .expect("terminate");
        }
        let gone = Instant::now();
        let list = pids
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(",");
        while diesel::sql_query(format!(
            "SELECT 1 FROM pg_stat_activity WHERE pid IN ({list})"
        ))
        .execute(&mut admin)
        .expect("pg_stat_activity")
            > 0
        {
            assert!(gone.elapsed() < Duration::from_secs(10), "backends live on");
            std::thread::sleep(Duration::from_millis(20));
        }

        // The first request finds its connection lost; the ones after it do not meet the other
        // two dead connections.
        let first = state.with_platform_conn(|c| backend_pid(c)).await;
        assert!(matches!(first, Err(AppError::Unavailable)), "{first:?}");
        for _ in 0..3 {
            let pid = state
                .with_platform_conn(|c| backend_pid(c))
                .await
                .expect("a live connection");
            assert!(!pids.contains(&pid));
        }
    }
}
