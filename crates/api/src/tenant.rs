//! Municipalities as tenants: the host name a request came to names its municipality, and
//! everything the request reads or writes is that municipality's.
//!
//! [`scope`] resolves the municipality and runs the request inside it;
//! [`AppState::with_conn`](crate::state::AppState::with_conn) then runs the request's statements
//! in a transaction as the role `samenstad_tenant` with `samenstad.municipality` set, and
//! PostgreSQL's row-level security (migration `000023`) shows and accepts only that
//! municipality's rows. A query cannot forget the scope: it is not in the query.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{ResponseError, web};
use samenstad_db::queries::wijken as q;
use uuid::Uuid;

use crate::error::AppError;
use crate::state::AppState;

/// The municipality a request is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tenant {
    /// Its database id.
    pub id: Uuid,
    /// Its slug (`gent`).
    pub slug: String,
    /// Its name (`Gent`).
    pub name: String,
    /// Its NIS code.
    pub nis_code: Option<String>,
    /// The base URL its links point to, when it has its own (else `SAMENSTAD_PUBLIC_URL`).
    pub public_url: Option<String>,
}

tokio::task_local! {
    static CURRENT: Tenant;
}

thread_local! {
    /// The tenant of the work running on this (blocking) thread.
    static ON_THREAD: RefCell<Option<Tenant>> = const { RefCell::new(None) };
}

/// The municipality of the request being served, if any: on the request's task, and on the
/// blocking thread that runs its statements.
pub fn current() -> Option<Tenant> {
    CURRENT
        .try_with(Clone::clone)
        .ok()
        .or_else(|| ON_THREAD.with(|t| t.borrow().clone()))
}

/// Runs `fut` for `tenant`, as [`scope`] does for a request (for work that starts outside one,
/// and for tests).
pub async fn within<F: Future>(tenant: Tenant, fut: F) -> F::Output {
    CURRENT.scope(tenant, fut).await
}

/// Runs `f` on this thread with `tenant` as [`current`].
pub(crate) fn on_thread<T>(tenant: Option<Tenant>, f: impl FnOnce() -> T) -> T {
    let previous = ON_THREAD.with(|t| t.replace(tenant));
    let result = f();
    ON_THREAD.with(|t| *t.borrow_mut() = previous);
    result
}

/// Host names and the municipalities they serve, loaded from the database.
#[derive(Debug)]
struct Hosts {
    by_host: HashMap<String, Tenant>,
    default: Option<Tenant>,
    /// The reference stamp read before loading.
    version: i64,
    loaded_at: Instant,
}

/// How long the host directory is used at most where no stamp is watched.
const MAX_AGE: Duration = Duration::from_secs(60);

/// The host directory of a running server; reloaded when the reference stamp moves (see
/// [`crate::cache::watch`]), so a municipality added on one instance is served by all within
/// two seconds.
#[derive(Debug, Default)]
pub struct Directory {
    current: RwLock<Option<Arc<Hosts>>>,
}

impl Directory {
    fn fresh(&self, latest: i64) -> Option<Arc<Hosts>> {
        self.current
            .read()
            .ok()?
            .as_ref()
            .filter(|h| h.version >= latest && h.loaded_at.elapsed() < MAX_AGE)
            .cloned()
    }
}

async fn hosts(state: &AppState) -> Result<Arc<Hosts>, AppError> {
    let latest = state.wijken.latest_version();
    if let Some(hosts) = state.tenants.fresh(latest) {
        return Ok(hosts);
    }
    let default_slug = state.auth.config.default_municipality.trim().to_owned();
    let loaded = state
        .with_platform_conn(move |conn| {
            let version = q::wijken_version(conn)?;
            let rows = q::municipalities_with_hosts(conn)?;
            let mut by_host = HashMap::new();
            let mut default = None;
            for (m, host) in rows {
                let tenant = Tenant {
                    id: m.id,
                    slug: m.slug.clone(),
                    name: m.name.clone(),
                    nis_code: m.nis_code.clone(),
                    public_url: m.public_url.clone(),
                };
                if m.slug == default_slug {
                    default = Some(tenant.clone());
                }
                if let Some(host) = host {
                    by_host.insert(host, tenant);
                }
            }
            Ok(Hosts {
                by_host,
                default,
                version,
                loaded_at: Instant::now(),
            })
        })
        .await;
    match loaded {
        Ok(hosts) => {
            let hosts = Arc::new(hosts);
            if let Ok(mut guard) = state.tenants.current.write() {
                *guard = Some(hosts.clone());
            }
            Ok(hosts)
        }
        // The database is away: keep serving the directory last loaded.
        Err(e) => state
            .tenants
            .current
            .read()
            .ok()
            .and_then(|g| g.clone())
            .ok_or(e),
    }
}

/// The host a request was sent to, lower-cased and without port: the `Host` header (HTTP/1.1),
/// else the URI's authority (HTTP/2). `X-Forwarded-Host` is not read: the proxies in front
/// (HAProxy, the ingress) pass `Host` on.
fn host_of(req: &ServiceRequest) -> String {
    let raw = req
        .headers()
        .get(actix_web::http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .or_else(|| req.uri().authority().map(|a| a.as_str()))
        .unwrap_or_default();
    strip_port(raw).to_ascii_lowercase()
}

/// A host without its port (`[::1]:8080` → `::1`).
pub(crate) fn strip_port(host: &str) -> &str {
    if let Some(rest) = host.strip_prefix('[') {
        // An IPv6 literal: `[::1]:8080`.
        return rest.split(']').next().unwrap_or_default();
    }
    host.rsplit_once(':').map_or(host, |(name, _)| name)
}

/// The municipality served at `host`: the one that lists it, else the default one.
pub async fn resolve(state: &AppState, host: &str) -> Result<Option<Tenant>, AppError> {
    let hosts = hosts(state).await?;
    Ok(hosts.by_host.get(host).or(hosts.default.as_ref()).cloned())
}

/// Middleware: runs the request inside the municipality of its host; a host that names none
/// (and no default municipality is set) is a 404.
pub async fn scope(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    let state = req.app_data::<web::Data<AppState>>().cloned();
    // Health checks are the platform's (and liveness must answer without a database).
    let Some(state) = state.filter(|_| !req.path().starts_with("/api/v1/health")) else {
        return Ok(next.call(req).await?.map_into_left_body());
    };
    let host = host_of(&req);
    let refused = match resolve(&state, &host).await {
        Ok(Some(tenant)) => {
            return Ok(within(tenant, next.call(req)).await?.map_into_left_body());
        }
        Ok(None) => AppError::NotFound(format!("no municipality is served at `{host}`")),
        // The web app's files need no database.
        Err(_) if !req.path().starts_with("/api") && !req.path().starts_with("/open311") => {
            return Ok(next.call(req).await?.map_into_left_body());
        }
        Err(e) => e,
    };
    let response = refused.error_response();
    Ok(req.into_response(response).map_into_right_body())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_port_is_not_part_of_the_host() {
        assert_eq!(
            strip_port("dendermonde.example:8080"),
            "dendermonde.example"
        );
        assert_eq!(strip_port("gent.example"), "gent.example");
        assert_eq!(strip_port("[::1]:8080"), "::1");
        assert_eq!(strip_port(""), "");
    }

    #[actix_web::test]
    async fn the_tenant_is_known_on_the_task_and_on_the_thread_that_runs_its_work() {
        let tenant = Tenant {
            id: Uuid::nil(),
            slug: "x".to_owned(),
            name: "X".to_owned(),
            nis_code: None,
            public_url: None,
        };
        assert_eq!(current(), None);
        let seen = within(tenant.clone(), async { current() }).await;
        assert_eq!(seen.as_ref(), Some(&tenant));
        let on_thread = std::thread::spawn(move || on_thread(seen, current))
            .join()
            .expect("thread");
        assert_eq!(on_thread, Some(tenant));
        assert_eq!(current(), None);
    }
}
