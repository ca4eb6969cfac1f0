//! A short-lived cache of the busiest public answers: the venue finder and the projects of a
//! wijk.
//!
//! Phones ask for the same few answers again and again (the finder's first page, a wijk's project
//! map). Each one costs a database round trip on the blocking pool, serialising up to about
//! 20 kB of JSON and compressing it. This keeps the finished (compressed) bytes for a short time,
//! `SAMENSTAD_PUBLIC_CACHE_MS` (2 s by default; 0 switches the cache off).
//!
//! The answers are the same for every caller (no personal data, no authorisation), so the key
//! is the request's path and query plus the content coding. Every successful change through
//! this process (a request other than GET, HEAD or OPTIONS answered 2xx) makes every entry
//! stale at once, so a person sees their own change on the next read. Changes through another
//! instance, and scheduled work, show within the cache's lifetime.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::Next;
use actix_web::web;

use crate::respond::Encoded;
use crate::state::AppState;

/// Total size of the cached bodies.
const CAPACITY_BYTES: u64 = 16 * 1024 * 1024;

/// A cached answer.
#[derive(Debug)]
struct Cached {
    answer: Encoded,
    generation: u64,
    made: Instant,
}

#[derive(Clone)]
struct BodyWeighter;

impl quick_cache::Weighter<(String, &'static str), Arc<Cached>> for BodyWeighter {
    fn weight(&self, key: &(String, &'static str), value: &Arc<Cached>) -> u64 {
        (key.0.len() + value.answer.size()) as u64
    }
}

type Entries = quick_cache::sync::Cache<(String, &'static str), Arc<Cached>, BodyWeighter>;

/// The cache (one per process).
pub struct PublicCache {
    ttl: Duration,
    generation: AtomicU64,
    entries: Entries,
}

impl std::fmt::Debug for PublicCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PublicCache")
            .field("ttl", &self.ttl)
            .field("generation", &self.generation)
            .field("entries", &self.entries.len())
            .finish()
    }
}

impl PublicCache {
    /// A cache keeping answers for `ttl`; a zero `ttl` keeps nothing.
    pub fn new(ttl: Duration) -> Self {
        Self {
            ttl,
            generation: AtomicU64::new(0),
            entries: Entries::with_weighter(1024, CAPACITY_BYTES, BodyWeighter),
        }
    }

    /// Whether answers are kept at all.
    pub fn enabled(&self) -> bool {
        !self.ttl.is_zero()
    }

    /// The generation an answer made from now on belongs to (read it before reading the data).
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// A fresh answer for `uri` in `coding` (`""` for none).
    pub fn get(&self, uri: &str, coding: &'static str) -> Option<Encoded> {
        if !self.enabled() {
            return None;
        }
        let hit = self.entries.get(&(uri.to_owned(), coding))?;
        (hit.generation == self.generation() && hit.made.elapsed() < self.ttl)
            .then(|| hit.answer.clone())
    }

    /// Keeps an answer made from data read in `generation`.
    pub fn put(&self, uri: &str, coding: &'static str, generation: u64, answer: Encoded) {
        if self.enabled() && generation == self.generation() {
            self.entries.insert(
                (uri.to_owned(), coding),
                Arc::new(Cached {
                    answer,
                    generation,
                    made: Instant::now(),
                }),
            );
        }
    }

    /// Makes every kept answer stale (something changed).
    pub fn invalidate(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
    }
}

/// Middleware: a successful change (any method but GET, HEAD and OPTIONS, answered 2xx) makes
/// every kept answer stale.
pub async fn invalidate_on_change(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let changes = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let state = changes
        .then(|| req.app_data::<web::Data<AppState>>().cloned())
        .flatten();
    let res = next.call(req).await?;
    if let Some(state) = state
        && res.status().is_success()
    {
        state.public_cache.invalidate();
    }
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(hit: Option<Encoded>) -> Option<String> {
        hit.map(|e| String::from_utf8_lossy(&e.body_bytes()).into_owned())
    }

    #[test]
    fn an_answer_is_served_until_something_changes_or_it_is_too_old() {
        let cache = PublicCache::new(Duration::from_millis(200));
        let g = cache.generation();
        cache.put("/api/v1/venues", "br", g, Encoded::plain("x"));
        assert_eq!(
            body(cache.get("/api/v1/venues", "br")).as_deref(),
            Some("x")
        );
        assert!(cache.get("/api/v1/venues", "gzip").is_none(), "per coding");
        assert!(
            cache.get("/api/v1/venues?wijk=7", "br").is_none(),
            "per query"
        );
        cache.invalidate();
        assert!(
            cache.get("/api/v1/venues", "br").is_none(),
            "after a change"
        );
        // An answer made from data read before a change is not kept.
        cache.put("/api/v1/venues", "br", g, Encoded::plain("old"));
        assert!(cache.get("/api/v1/venues", "br").is_none());
        let g = cache.generation();
        cache.put("/api/v1/venues", "br", g, Encoded::plain("y"));
        assert_eq!(
            body(cache.get("/api/v1/venues", "br")).as_deref(),
            Some("y")
        );
        std::thread::sleep(Duration::from_millis(250));
        assert!(cache.get("/api/v1/venues", "br").is_none(), "too old");
    }

    #[test]
    fn a_zero_lifetime_keeps_nothing() {
        let cache = PublicCache::new(Duration::ZERO);
        cache.put("/a", "", cache.generation(), Encoded::plain("x"));
        assert!(cache.get("/a", "").is_none());
    }
}
