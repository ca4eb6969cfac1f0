//! Wijken are reference data: loaded from the database into memory, served with ETags, and
//! reloaded when they change: [`watch`] reads their stamp (`reference_version`, bumped by a
//! trigger with every change, whoever makes it) each second, so a change through another
//! instance, the seed or an import shows on every instance within two seconds.

use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use samenstad_db::queries::wijken as q;
use samenstad_domain::geometry::{AreaIndex, simplify, to_multipolygon};
use samenstad_types::geojson::{FeatureCollectionType, FeatureType};
use uuid::Uuid;

use samenstad_types::wijk::MAP_TOLERANCE_M;
use samenstad_types::{Wijk, WijkDetail, WijkFeature, WijkFeatureCollection, WijkPage};

use crate::error::AppError;
use crate::etag::CachedBody;
use crate::state::AppState;

/// How long a loaded snapshot is served at most (where no watcher runs, as in unit tests).
const MAX_AGE: Duration = Duration::from_secs(60);

/// How often [`watch`] reads the stamp.
const WATCH_EVERY: Duration = Duration::from_secs(1);

/// GeoJSON media type (RFC 7946).
pub const GEO_JSON: &str = "application/geo+json";

/// Everything about the wijken that requests need, precomputed.
#[derive(Debug)]
pub struct WijkenSnapshot {
    /// Wijken with boundaries, ordered by `wijknr`.
    pub wijken: Vec<WijkDetail>,
    /// The database id of each wijk of `wijken`, in the same order.
    ids: Vec<Uuid>,
    /// The unfiltered list.
    pub list: CachedBody,
    /// The FeatureCollection.
    pub geojson: CachedBody,
    /// The FeatureCollection simplified for the web app's maps ([`MAP_TOLERANCE_M`]).
    pub map_geojson: CachedBody,
    /// Point-in-polygon index; keys are positions in `wijken`.
    pub index: AreaIndex<usize>,
    /// Attribution of the data source.
    pub attribution: String,
    loaded_at: Instant,
    /// The stamp read before the wijken were.
    version: i64,
}

impl WijkenSnapshot {
    /// Builds a snapshot; bodies equal to those of `previous` keep its compressed bytes.
    fn build(
        version: i64,
        wijken: Vec<(Uuid, WijkDetail)>,
        attribution: String,
        previous: Option<&WijkenSnapshot>,
    ) -> Result<Self, AppError> {
        let (ids, wijken): (Vec<Uuid>, Vec<WijkDetail>) = wijken.into_iter().unzip();
        let plain: Vec<Wijk> = wijken.iter().map(|w| w.wijk.clone()).collect();
        let list = CachedBody::json(
            &WijkPage {
                items: plain,
                next_cursor: None,
                attribution: attribution.clone(),
            },
            "application/json",
        )
        .map_err(|e| AppError::Internal(e.to_string()))?
        .precompressed_reusing(previous.map(|p| &p.list));
        let geojson = feature_collection(&wijken, &attribution, None)?
            .precompressed_reusing(previous.map(|p| &p.geojson));
        let map_geojson = feature_collection(&wijken, &attribution, Some(MAP_TOLERANCE_M))?
            .precompressed_reusing(previous.map(|p| &p.map_geojson));
        let index = AreaIndex::new(
            wijken
                .iter()
                .enumerate()
                .map(|(i, w)| (i, to_multipolygon(&w.boundary))),
        );
        Ok(Self {
            wijken,
            ids,
            list,
            geojson,
            map_geojson,
            index,
            attribution,
            loaded_at: Instant::now(),
            version,
        })
    }

    /// The wijk with this `wijknr` or slug.
    pub fn find(&self, key: &str) -> Option<&WijkDetail> {
        self.position(key).map(|i| &self.wijken[i])
    }

    /// The database id of the wijk at this position of `wijken` (a position of `index`).
    pub fn id_at(&self, position: usize) -> Option<Uuid> {
        self.ids.get(position).copied()
    }

    /// The database id of the wijk with this number or slug.
    pub fn id_of(&self, key: &str) -> Option<Uuid> {
        self.position(key).map(|i| self.ids[i])
    }

    /// The wijk with this number or slug and its database id.
    pub fn find_with_id(&self, key: &str) -> Option<(&WijkDetail, Uuid)> {
        self.position(key).map(|i| (&self.wijken[i], self.ids[i]))
    }

    /// The FeatureCollection with outlines simplified to `tolerance_m` metres.
    pub fn geojson_simplified(&self, tolerance_m: u16) -> Result<CachedBody, AppError> {
        if tolerance_m == MAP_TOLERANCE_M {
            return Ok(self.map_geojson.clone());
        }
        feature_collection(&self.wijken, &self.attribution, Some(tolerance_m))
    }

    fn position(&self, key: &str) -> Option<usize> {
        match key.parse::<i16>() {
            Ok(nr) => self.wijken.iter().position(|w| w.wijk.wijknr == nr),
            Err(_) => self.wijken.iter().position(|w| w.wijk.slug == key),
        }
    }
}

/// The wijken as a GeoJSON FeatureCollection, their outlines simplified to `tolerance_m` metres
/// if given.
fn feature_collection(
    wijken: &[WijkDetail],
    attribution: &str,
    tolerance_m: Option<u16>,
) -> Result<CachedBody, AppError> {
    let features = wijken
        .iter()
        .map(|w| WijkFeature {
            kind: FeatureType::Feature,
            id: w.wijk.wijknr,
            geometry: match tolerance_m {
                Some(metres) => simplify(&w.boundary, f64::from(metres)),
                None => w.boundary.clone(),
            },
            properties: w.wijk.clone(),
        })
        .collect();
    CachedBody::json(
        &WijkFeatureCollection {
            kind: FeatureCollectionType::FeatureCollection,
            features,
            attribution: attribution.to_owned(),
        },
        GEO_JSON,
    )
    .map_err(|e| AppError::Internal(e.to_string()))
}

/// The cache cell: a snapshot per municipality.
#[derive(Debug)]
pub struct WijkenCache {
    current: RwLock<HashMap<Uuid, Arc<WijkenSnapshot>>>,
    /// The newest stamp [`watch`] has read; -1 before it looked (then [`MAX_AGE`] decides).
    latest: AtomicI64,
    /// Held while a snapshot is being built, so that one request builds it and the others wait
    /// for it. Without it, every request that found the cache empty or old built its own (brotli
    /// 9 of the GeoJSON each): at start-up under 32 connections that was 32 builds at once and a
    /// peak of 265 MB.
    loading: tokio::sync::Mutex<()>,
}

impl Default for WijkenCache {
    fn default() -> Self {
        Self {
            current: RwLock::default(),
            latest: AtomicI64::new(-1),
            loading: tokio::sync::Mutex::default(),
        }
    }
}

impl WijkenCache {
    fn fresh(&self, municipality: Uuid) -> Option<Arc<WijkenSnapshot>> {
        let latest = self.latest_version();
        let guard = self.current.read().ok()?;
        guard
            .get(&municipality)
            .filter(|s| s.loaded_at.elapsed() < MAX_AGE && s.version >= latest)
            .cloned()
    }

    fn stale(&self, municipality: Uuid) -> Option<Arc<WijkenSnapshot>> {
        self.current.read().ok()?.get(&municipality).cloned()
    }

    /// The newest reference stamp [`watch`] has read (-1 before it looked).
    pub fn latest_version(&self) -> i64 {
        self.latest.load(Ordering::Relaxed)
    }
}

/// The current snapshot of the request's municipality, loading it when missing or old. If a
/// reload fails but an older snapshot exists, the older one is served (reference data,
/// availability first).
pub async fn wijken(state: &AppState) -> Result<Arc<WijkenSnapshot>, AppError> {
    let municipality = crate::tenant::current()
        .ok_or_else(|| AppError::Internal("wijken outside a municipality's request".to_owned()))?
        .id;
    if let Some(snapshot) = state.wijken.fresh(municipality) {
        return Ok(snapshot);
    }
    let _loading = match state.wijken.loading.try_lock() {
        Ok(guard) => guard,
        // Another request is reloading: serve the older snapshot meanwhile, if there is one.
        Err(_) => match state.wijken.stale(municipality) {
            Some(snapshot) => return Ok(snapshot),
            None => state.wijken.loading.lock().await,
        },
    };
    // Another request may have built it while this one waited.
    if let Some(snapshot) = state.wijken.fresh(municipality) {
        return Ok(snapshot);
    }
    let previous = state.wijken.stale(municipality);
    // Built on the blocking pool with the query: serialising, compressing and indexing stay off
    // the request threads.
    let loaded = state
        .with_conn(move |conn| {
            // The stamp first: a change after it makes the snapshot old, never the reverse.
            let version = q::wijken_version(conn)?;
            let Some(town) = q::municipality_by_id(conn, municipality)? else {
                return Ok(None);
            };
            let rows = q::list_for_municipality(conn, town.id)?;
            let details = rows
                .iter()
                .map(|r| {
                    r.to_detail(&town.slug, &town.data_attribution)
                        .map(|detail| (r.id, detail))
                })
                .collect::<Result<Vec<_>, _>>()?;
            WijkenSnapshot::build(version, details, town.data_attribution, previous.as_deref())
                .map(Some)
        })
        .await;
    match loaded {
        Ok(Some(snapshot)) => {
            let snapshot = Arc::new(snapshot);
            if let Ok(mut guard) = state.wijken.current.write() {
                guard.insert(municipality, snapshot.clone());
            }
            Ok(snapshot)
        }
        Ok(None) => Err(AppError::Internal(
            "no municipality loaded: run `samenstad seed`".to_owned(),
        )),
        Err(e) => state.wijken.stale(municipality).ok_or(e),
    }
}

/// Reads the wijken's stamp every second until the process ends: a snapshot older than the
/// stamp is rebuilt on the next request, so a change made anywhere shows within two seconds.
pub async fn watch(state: actix_web::web::Data<AppState>) {
    loop {
        match state
            .with_platform_conn(|conn| Ok(q::wijken_version(conn)?))
            .await
        {
            Ok(version) => state.wijken.latest.store(version, Ordering::Relaxed),
            Err(e) => tracing::warn!(error = %e, "reading the wijken's stamp"),
        }
        tokio::time::sleep(WATCH_EVERY).await;
    }
}

/// The database id of the wijk a filter names by number or slug, from the snapshot (no query on
/// the request's path); a key the snapshot does not know is looked up in the database (a wijk
/// added since the last reload), and one no wijk has is a 400 on `wijk`.
pub async fn wijk_id(state: &AppState, key: &str) -> Result<Uuid, AppError> {
    if let Some(id) = wijken(state).await.ok().and_then(|s| s.id_of(key)) {
        return Ok(id);
    }
    let key = key.to_owned();
    state
        .with_conn(move |conn| crate::principal::wijk_id(conn, &key))
        .await
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use samenstad_db::testing::TestDb;

    use super::*;
    use crate::auth::Auth;
    use crate::config::AuthConfig;

    #[actix_web::test]
    async fn requests_that_find_the_cache_empty_share_one_snapshot() {
        let db = TestDb::new();
        let pool = samenstad_db::connect_pool(db.url(), 4, Duration::from_secs(5));
        let state = AppState::new(pool, Auth::new(AuthConfig::from_env()));
        let gent = crate::tenant::resolve(&state, "localhost")
            .await
            .expect("hosts")
            .expect("Gent is the default municipality");
        let loads = (0..12).map(|_| wijken(&state));
        let snapshots: Vec<_> = crate::tenant::within(gent, futures_util::future::join_all(loads))
            .await
            .into_iter()
            .collect::<Result<_, _>>()
            .expect("the wijken load");
        assert_eq!(snapshots[0].wijken.len(), 25);
        assert!(
            snapshots.iter().all(|s| Arc::ptr_eq(s, &snapshots[0])),
            "each request built its own snapshot"
        );
    }
}
