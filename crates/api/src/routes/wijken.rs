//! Wijken: list, GeoJSON, lookup by point, one by number or slug.

use actix_web::middleware::from_fn;
use actix_web::{HttpRequest, HttpResponse, delete, get, put, web};
use samenstad_db::queries::audit::{self, NewAudit};
use samenstad_db::queries::wijken::{self as q, WijkContactRow};
use samenstad_domain::text;
use samenstad_types::wijk::{
    FrontDoorDeadline, FrontDoorGrant, FrontDoorIdea, FrontDoorPanel, FrontDoorProject,
    FrontDoorSignal, FrontDoorVenue, FrontDoorVote, SetWijkContact, WijkContact, WijkFrontDoor,
};
use samenstad_types::{
    GeoJsonQuery, ListWijkenQuery, LookupQuery, Problem, Wijk, WijkDetail, WijkFeatureCollection,
    WijkPage,
};
use utoipa_actix_web::service_config::ServiceConfig;
use validator::Validate;

use crate::auth::UserCaller;
use crate::cache;
use crate::error::{AppError, add_new_fields, field_problems};
use crate::etag::CachedBody;
use crate::gate;
use crate::principal::Principal;
use crate::query::Query;
use crate::state::AppState;

/// Registers the handlers of this module. `lookup` comes before `{key}`.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_wijken)
        .service(get_wijken_geojson)
        .service(lookup_wijk)
        .service(get_map_layer)
        .service(get_municipality)
        .service(get_wijk_contact)
        .service(set_wijk_contact)
        .service(delete_wijk_contact)
        .service(get_wijk_front_door)
        .service(get_wijk);
}

/// The maps' base layer
///
/// The street-level tile source the installation configured (an XYZ server or the city's WMTS)
/// and its attribution; without one, maps show the wijk outlines only.
#[utoipa::path(
    tag = "wijken",
    security(()),
    responses(
        (status = 200, description = "The base layer", body = samenstad_types::wijk::MapLayer,
            headers(("Cache-Control" = String, description = "public, max-age=300"))),
    )
)]
#[get("/map-layer")]
pub async fn get_map_layer(state: web::Data<AppState>) -> HttpResponse {
    let config = &state.auth.config;
    let tiles = config.tile_origin().and(config.map_tiles.clone());
    let attribution = tiles
        .as_ref()
        .map(|_| config.map_attribution.trim().to_owned())
        .filter(|a| !a.is_empty());
    HttpResponse::Ok()
        .insert_header(("Cache-Control", "public, max-age=300"))
        .json(samenstad_types::wijk::MapLayer { tiles, attribution })
}

/// The municipality served here
///
/// The municipality the host name of the request serves (its wijken, accounts and everything
/// else of the API are its own): name, NIS code, how many wijken, and the attribution of its
/// area data. A host no municipality is served at gets 404.
#[utoipa::path(
    tag = "wijken",
    security(()),
    responses(
        (status = 200, description = "The municipality", body = samenstad_types::wijk::Municipality,
            headers(("Cache-Control" = String, description = "public, max-age=300"))),
        (status = 404, description = "No municipality is served at this host", body = Problem, content_type = "application/problem+json",
            example = json!({"type": "/problems/not-found", "title": "Not Found", "status": 404,
                "detail": "no municipality is served at `elders.example`"})),
    )
)]
#[get("/municipality")]
pub async fn get_municipality(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let tenant = crate::tenant::current()
        .ok_or_else(|| AppError::NotFound("no municipality is served here".to_owned()))?;
    let snapshot = cache::wijken(&state).await?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "public, max-age=300"))
        .json(samenstad_types::wijk::Municipality {
            slug: tenant.slug,
            name: tenant.name,
            nis_code: tenant.nis_code,
            wijken: u32::try_from(snapshot.wijken.len()).unwrap_or(u32::MAX),
            attribution: snapshot.attribution.clone(),
        }))
}

fn matches(query: &ListWijkenQuery, wijk: &Wijk) -> bool {
    let in_zone = query.zone.is_none_or(|z| z == wijk.zone);
    let in_round = query.round.is_none_or(|r| wijk.wijkbudget_round == Some(r));
    let names = [
        wijk.name.as_str(),
        wijk.short_name.as_str(),
        wijk.slug.as_str(),
    ]
    .into_iter()
    .chain(wijk.aliases.iter().map(String::as_str));
    in_zone && in_round && text::matches_any(query.q.as_deref().unwrap_or(""), names)
}

/// List the wijken
///
/// All wijken of Gent ordered by `wijknr`, optionally filtered by zone, wijkbudget round and
/// a text that must occur in the name, short name or an alias (accents and case ignored).
/// Boundaries are left out; get them from `/wijken.geojson` or `/wijken/{key}`.
#[utoipa::path(
    tag = "wijken",
    security(()),
    params(
        ListWijkenQuery,
        ("If-None-Match" = Option<String>, Header, description = "ETag of a cached copy; 304 when unchanged"),
    ),
    responses(
        (status = 200, description = "The matching wijken", body = WijkPage,
            headers(("ETag" = String, description = "Version of this representation"))),
        (status = 304, description = "Not modified since the given ETag"),
        (status = 400, description = "Invalid filter", body = Problem, content_type = "application/problem+json",
            example = json!({"type": "/problems/validation", "title": "Bad Request", "status": 400,
                "detail": "round: must be 1 or 2", "errors": [{"field": "round", "code": "range", "message": "must be 1 or 2"}]})),
    )
)]
#[get("/wijken")]
pub async fn list_wijken(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: Query<ListWijkenQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    query.validate()?;
    let snapshot = cache::wijken(&state).await?;
    if query == ListWijkenQuery::default() {
        return Ok(snapshot.list.respond(&req));
    }
    let items = snapshot
        .wijken
        .iter()
        .map(|w| &w.wijk)
        .filter(|w| matches(&query, w))
        .cloned()
        .collect();
    let page = WijkPage {
        items,
        next_cursor: None,
        attribution: snapshot.attribution.clone(),
    };
    let body = CachedBody::json(&page, "application/json")
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(body.respond(&req))
}

/// The wijken as GeoJSON
///
/// An RFC 7946 FeatureCollection with one Feature per wijk: its boundary (WGS84) and its
/// attributes as properties; the feature `id` is the `wijknr`. With `simplify`, the outlines
/// have fewer points, for drawing a map (the web app asks for 10 m: about a quarter of the
/// points).
#[utoipa::path(
    tag = "wijken",
    security(()),
    params(
        GeoJsonQuery,
        ("If-None-Match" = Option<String>, Header, description = "ETag of a cached copy; 304 when unchanged"),
    ),
    responses(
        (status = 200, description = "All wijken with their boundaries", body = WijkFeatureCollection,
            content_type = "application/geo+json",
            headers(("ETag" = String, description = "Version of this representation"))),
        (status = 304, description = "Not modified since the given ETag"),
        (status = 400, description = "`simplify` is not a whole number from 1 to 1000", body = Problem,
            content_type = "application/problem+json",
            example = json!({"type": "/problems/validation", "title": "Bad Request", "status": 400,
                "detail": "simplify: must be between 1 and 1000", "errors": [{"field": "simplify", "code": "range", "message": "must be between 1 and 1000"}]})),
    )
)]
#[get("/wijken.geojson")]
pub async fn get_wijken_geojson(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: Query<GeoJsonQuery>,
) -> Result<HttpResponse, AppError> {
    query.validate()?;
    let snapshot = cache::wijken(&state).await?;
    Ok(match query.simplify {
        None => snapshot.geojson.respond(&req),
        Some(metres) => snapshot.geojson_simplified(metres)?.respond(&req),
    })
}

/// Find the wijk of a point
///
/// The wijk whose boundary contains the WGS84 point (`lat`, `lon`). A point on a border
/// shared by two wijken gets the one with the lower `wijknr`.
#[utoipa::path(
    tag = "wijken",
    security(()),
    params(LookupQuery),
    responses(
        (status = 200, description = "The wijk that contains the point", body = Wijk),
        (status = 400, description = "`lat` or `lon` missing, not a number, or out of range", body = Problem,
            content_type = "application/problem+json",
            example = json!({"type": "/problems/validation", "title": "Bad Request", "status": 400,
                "detail": "lat: must be between -90 and 90", "errors": [{"field": "lat", "code": "range", "message": "must be between -90 and 90"}]})),
        (status = 404, description = "The point lies outside every wijk (outside Gent)", body = Problem,
            content_type = "application/problem+json",
            example = json!({"type": "/problems/not-found", "title": "Not Found", "status": 404,
                "detail": "no wijk contains the point (50.8467, 4.3525)"})),
    )
)]
#[get("/wijken/lookup")]
pub async fn lookup_wijk(
    state: web::Data<AppState>,
    query: Query<LookupQuery>,
) -> Result<web::Json<Wijk>, AppError> {
    let LookupQuery { lat, lon } = query.into_inner();
    if !lat.is_finite() {
        return Err(AppError::field("lat", "invalid", "must be a finite number"));
    }
    if !lon.is_finite() {
        return Err(AppError::field("lon", "invalid", "must be a finite number"));
    }
    LookupQuery { lat, lon }.validate()?;
    let snapshot = cache::wijken(&state).await?;
    let found = snapshot
        .index
        .locate(lon, lat)
        .and_then(|i| snapshot.wijken.get(i));
    match found {
        Some(w) => Ok(web::Json(w.wijk.clone())),
        None => Err(AppError::NotFound(format!(
            "no wijk contains the point ({lat}, {lon})"
        ))),
    }
}

/// Get one wijk
///
/// A wijk by its number (`wijknr`, 1–25 in Gent) or its slug, with its boundary.
#[utoipa::path(
    tag = "wijken",
    security(()),
    params(
        ("key" = String, Path, description = "The `wijknr` (e.g. `2`) or the slug (e.g. `sluizeken-tolhuis-ham`)", example = "sluizeken-tolhuis-ham"),
        ("If-None-Match" = Option<String>, Header, description = "ETag of a cached copy; 304 when unchanged"),
    ),
    responses(
        (status = 200, description = "The wijk", body = WijkDetail,
            headers(("ETag" = String, description = "Version of this representation"))),
        (status = 304, description = "Not modified since the given ETag"),
        (status = 404, description = "No wijk has this number or slug", body = Problem, content_type = "application/problem+json",
            example = json!({"type": "/problems/not-found", "title": "Not Found", "status": 404, "detail": "no wijk with number or slug `26`"})),
    )
)]
#[get("/wijken/{key}")]
pub async fn get_wijk(
    req: HttpRequest,
    state: web::Data<AppState>,
    key: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let key = key.into_inner();
    let snapshot = cache::wijken(&state).await?;
    let wijk = snapshot.find(&key).ok_or_else(|| no_such_wijk(&key))?;
    let body = CachedBody::json(wijk, "application/json")
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(body.respond(&req))
}

/// The wijk with this number or slug (a 404 when there is none).
fn wijk_of(
    conn: &mut samenstad_db::PgConnection,
    key: &str,
) -> Result<(uuid::Uuid, i16), AppError> {
    q::wijk_by_key(conn, key)?.ok_or_else(|| no_such_wijk(key))
}

/// The answer to a number or slug that names no wijk.
fn no_such_wijk(key: &str) -> AppError {
    AppError::NotFound(format!("no wijk with number or slug `{key}`"))
}

fn contact_view(
    wijknr: i16,
    row: WijkContactRow,
    updated_at: chrono::DateTime<chrono::Utc>,
) -> WijkContact {
    WijkContact {
        wijknr,
        name: row.name,
        email: row.email,
        phone: row.phone,
        office_hours: row.office_hours,
        updated_at: updated_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    }
}

/// Get a wijk's contact
///
/// Who to contact in the wijk: its wijkregisseur (or the wijk's team), with an e-mail address
/// or phone number and when and where to find them, as staff of the wijk set it.
#[utoipa::path(
    tag = "wijken",
    security(()),
    params(("key" = String, Path, description = "The `wijknr` or the slug", example = "sluizeken-tolhuis-ham")),
    responses(
        (status = 200, description = "The wijk's contact", body = WijkContact),
        (status = 204, description = "The wijk has no contact yet"),
        (status = 404, description = "No wijk has this number or slug", body = Problem, content_type = "application/problem+json",
            example = json!({"type": "/problems/not-found", "title": "Not Found", "status": 404, "detail": "no wijk with number or slug `26`"})),
    )
)]
#[get("/wijken/{key}/contact")]
pub async fn get_wijk_contact(
    state: web::Data<AppState>,
    key: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let key = key.into_inner();
    let contact =
        state
            .with_conn(move |conn| {
                let (id, wijknr) = wijk_of(conn, &key)?;
                Ok(q::contact(conn, id)?
                    .map(|(row, updated_at)| contact_view(wijknr, row, updated_at)))
            })
            .await?;
    Ok(match contact {
        Some(contact) => HttpResponse::Ok().json(contact),
        None => HttpResponse::NoContent().finish(),
    })
}

/// How many lines of each kind a wijk's front door holds.
const FRONT_DOOR_LINES: i64 = 5;
/// How many characters of a signal's description its front-door line shows.
const SIGNAL_SUMMARY_CHARS: usize = 60;

/// A wijk's front door: what goes on in wijk `id` (number `wijknr`), as anyone may see it.
pub(crate) fn front_door(
    conn: &mut samenstad_db::PgConnection,
    id: uuid::Uuid,
    wijknr: i16,
) -> Result<WijkFrontDoor, AppError> {
    use chrono::Datelike;
    use samenstad_db::queries::front_door as f;
    let today = crate::local_time::today();
    let rfc3339 =
        |t: chrono::DateTime<chrono::Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let now = chrono::Utc::now();
    Ok(WijkFrontDoor {
        wijknr,
        contact: q::contact(conn, id)?
            .map(|(row, updated_at)| contact_view(wijknr, row, updated_at)),
        venues: f::venues(conn, id, FRONT_DOOR_LINES)?
            .into_iter()
            .map(|(slug, name, venue_type)| FrontDoorVenue {
                slug,
                name,
                venue_type,
            })
            .collect(),
        ideas: f::ideas(conn, id, FRONT_DOOR_LINES)?
            .into_iter()
            .map(|(id, title, status)| FrontDoorIdea {
                id: id.to_string(),
                title,
                status,
            })
            .collect(),
        signals: f::open_signals(conn, id, FRONT_DOOR_LINES)?
            .into_iter()
            .map(|(id, description, status)| FrontDoorSignal {
                id: id.to_string(),
                summary: text::summary(&description, SIGNAL_SUMMARY_CHARS),
                status,
            })
            .collect(),
        projects: f::projects(conn, id, FRONT_DOOR_LINES)?
            .into_iter()
            .map(|(id, title, status)| FrontDoorProject {
                id: id.to_string(),
                title,
                status,
            })
            .collect(),
        vote: f::latest_vote(conn, id)?.map(|(id, opens_at, closes_at)| FrontDoorVote {
            id: id.to_string(),
            state: samenstad_domain::lifecycle::vote_state_at(&now, &opens_at, &closes_at),
            opens_at: rfc3339(opens_at),
            closes_at: rfc3339(closes_at),
        }),
        panel: f::latest_panel(conn, id)?.map(|(id, drawn)| FrontDoorPanel {
            id: id.to_string(),
            drawn,
        }),
        grants: f::grants(conn, id, today.year(), FRONT_DOOR_LINES)?
            .into_iter()
            .map(|(title, amount_cents)| FrontDoorGrant {
                title,
                amount_cents,
            })
            .collect(),
        deadlines: f::deadlines(conn, today, FRONT_DOOR_LINES)?
            .into_iter()
            .map(|(scheme_key, scheme_name, closes_on)| FrontDoorDeadline {
                scheme_key,
                scheme_name,
                closes_on: closes_on.to_string(),
            })
            .collect(),
    })
}

/// A wijk's front door
///
/// What goes on in the wijk, for the wijk's page: who to contact, its meeting places, the ideas
/// still in play, the signals not closed, its wijkbudget projects, its latest vote and lottery
/// panel, the grants of this year's budget for activities there, and the next subsidy
/// deadlines (city-wide). At most five lines of each, each with what its link needs; the whole
/// of each is behind its own endpoint (`/venues?wijk=`, `/projects/ideas?wijk=`,
/// `/signals?wijk=`, `/projects/projects?wijk=`, `/projects/votes?wijk=`,
/// `/projects/panels?wijk=`, `/subsidies/awards`, `/subsidies/schemes`). The same for every
/// caller: hidden ideas and signals are left out, also for staff. Kept for a short time
/// (`SAMENSTAD_PUBLIC_CACHE_MS`).
#[utoipa::path(
    tag = "wijken",
    security(()),
    params(("key" = String, Path, description = "The `wijknr` or the slug", example = "sluizeken-tolhuis-ham")),
    responses(
        (status = 200, description = "The wijk's front door", body = WijkFrontDoor),
        (status = 404, description = "No wijk has this number or slug", body = Problem, content_type = "application/problem+json",
            example = json!({"type": "/problems/not-found", "title": "Not Found", "status": 404, "detail": "no wijk with number or slug `26`"})),
    )
)]
#[get("/wijken/{key}/front-door")]
pub async fn get_wijk_front_door(
    req: HttpRequest,
    state: web::Data<AppState>,
    key: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let key = key.into_inner();
    let snapshot = cache::wijken(&state).await?;
    let (wijk, id) = snapshot
        .find_with_id(&key)
        .ok_or_else(|| no_such_wijk(&key))?;
    let wijknr = wijk.wijk.wijknr;
    crate::respond::public_json(&state, &req, async {
        state
            .with_replica_conn(move |conn| front_door(conn, id, wijknr))
            .await
    })
    .await
}

/// Set a wijk's contact
///
/// Sets (or replaces) who residents contact in the wijk. For staff of the wijk and
/// administrators. A name and an e-mail address or phone number (or both); texts are trimmed
/// and blank parts left out. Recorded in the audit log.
#[utoipa::path(
    tag = "wijken",
    security(("bearer" = [])),
    params(("key" = String, Path, description = "The `wijknr` or the slug", example = "2")),
    request_body = SetWijkContact,
    responses(
        (status = 200, description = "The wijk's contact as it is now", body = WijkContact),
        (status = 400, description = "Invalid contact (each problem in `errors`)", body = Problem, content_type = "application/problem+json",
            example = json!({"type": "/problems/validation", "title": "Bad Request", "status": 400,
                "detail": "phone: must be a phone number: digits, spaces and + . / ( ) -",
                "errors": [{"field": "phone", "code": "invalid", "message": "must be a phone number: digits, spaces and + . / ( ) -"}]})),
        (status = 422, description = "Neither an e-mail address nor a phone number", body = Problem, content_type = "application/problem+json",
            example = json!({"type": "/problems/unprocessable", "title": "Unprocessable Entity", "status": 422,
                "detail": "email: give an e-mail address or a phone number",
                "errors": [{"field": "email", "code": "requires", "message": "give an e-mail address or a phone number"}]})),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff of this wijk", body = Problem, content_type = "application/problem+json",
            example = json!({"type": "/problems/forbidden", "title": "Forbidden", "status": 403, "detail": "only staff of this wijk may do this"})),
        (status = 404, description = "No wijk has this number or slug", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/wijken/{key}/contact", wrap = "from_fn(gate::city_role)")]
pub async fn set_wijk_contact(
    caller: UserCaller,
    state: web::Data<AppState>,
    key: web::Path<String>,
    body: web::Json<SetWijkContact>,
) -> Result<web::Json<WijkContact>, AppError> {
    let key = key.into_inner();
    let body = body.into_inner();
    let contact = state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let (id, wijknr) = wijk_of(conn, &key)?;
            p.require_staff_of(id)?;
            let mut errors = field_problems(&body);
            let kept = samenstad_domain::contact::check(&body);
            if let Err(more) = &kept {
                add_new_fields(&mut errors, more);
            }
            let contact = match kept {
                Ok(contact) if errors.is_empty() => contact,
                _ => return Err(AppError::Validation(errors)),
            };
            let row = WijkContactRow {
                wijk_id: id,
                name: contact.name,
                email: contact.email,
                phone: contact.phone,
                office_hours: contact.office_hours,
            };
            let (replaced, row, updated_at) = q::set_contact(conn, &row)?;
            let mut entry = NewAudit::by(Some(p.user.id), "wijk.contact_set")
                .on("wijk", id)
                .details(serde_json::json!({"replaced": replaced}));
            entry.wijk_id = Some(id);
            audit::record(conn, entry)?;
            Ok(contact_view(wijknr, row, updated_at))
        })
        .await?;
    Ok(web::Json(contact))
}

/// Remove a wijk's contact
///
/// The wijk page then shows no contact. For staff of the wijk and administrators; recorded in
/// the audit log.
#[utoipa::path(
    tag = "wijken",
    security(("bearer" = [])),
    params(("key" = String, Path, description = "The `wijknr` or the slug", example = "2")),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff of this wijk", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No wijk has this number or slug, or it has no contact", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/wijken/{key}/contact", wrap = "from_fn(gate::city_role)")]
pub async fn delete_wijk_contact(
    caller: UserCaller,
    state: web::Data<AppState>,
    key: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let key = key.into_inner();
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let (id, wijknr) = wijk_of(conn, &key)?;
            p.require_staff_of(id)?;
            if !q::remove_contact(conn, id)? {
                return Err(AppError::NotFound(format!("wijk {wijknr} has no contact")));
            }
            let mut entry = NewAudit::by(Some(p.user.id), "wijk.contact_removed").on("wijk", id);
            entry.wijk_id = Some(id);
            audit::record(conn, entry)?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
