//! Signals (meldingen): residents report at a point; the routing table (category and wijk to a
//! city service) says who answers; the service acknowledges, plans and closes with a public
//! reason; the reporter may reopen within 30 days; people follow a signal and are mailed every
//! change. The rules are in `samenstad_domain::signal`.

use actix_web::http::header;
use actix_web::middleware::from_fn;
use actix_web::{HttpRequest, HttpResponse, delete, get, post, put, web};
use chrono::{Duration, NaiveDate, Utc};
use samenstad_db::PgConnection;
use samenstad_db::queries::addresses as aq;
use samenstad_db::queries::audit::{self, NewAudit};
use samenstad_db::queries::follows::Target;
use samenstad_db::queries::signals::{
    self as q, Change, EventRow, ListFilter, SignalLine, SignalRow,
};
use samenstad_domain::signal::{self as rules, Refusal, Step};
use samenstad_types::Problem;
use samenstad_types::account::Role;
use samenstad_types::follows::FollowKind;
use samenstad_types::signals::{
    CityService, ModerateSignal, NearbyQuery, NewSignal, ReopenSignal, Signal, SignalAction,
    SignalCategory, SignalChannel, SignalEvent, SignalPage, SignalQuery, SignalReporter,
    SignalRoute, SignalStatus, SignalStep,
};
use serde_json::json;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use crate::address::label as address_label;
use crate::auth::{MaybeCaller, UserCaller};
use crate::cache;
use crate::error::AppError;
use crate::gate;
use crate::mail;
use crate::notify;
use crate::page;
use crate::principal::{Principal, parse_id};
use crate::query::Query;
use crate::state::AppState;
use crate::upload::{IMAGE_TYPES, ImageBytes};

/// Signals one account may report in an hour (staff entering signals are not limited).
const PER_HOUR: i64 = 10;

/// Registers the handlers of this module (the fixed paths before `/signals/{id}`).
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_categories)
        .service(list_services)
        .service(list_routes)
        .service(put_route)
        .service(nearby)
        .service(list_signals)
        .service(report)
        .service(signal_detail)
        .service(take_step)
        .service(reopen)
        .service(follow)
        .service(unfollow)
        .service(put_photo)
        .service(moderate);
}

/// The largest photo of a signal, in bytes (10 MiB).
pub const MAX_PHOTO_BYTES: usize = 10 * 1024 * 1024;

/// Whether `p` sees who reported: administrators, staff of the signal's service and of its wijk.
fn sees_reporter(p: Option<&Principal>, row: &SignalRow) -> bool {
    p.is_some_and(|p| p.is_staff_of(row.wijk_id) || serves(p, row.service_id))
}

/// Whether `p` is staff of this service (administrators serve every service).
fn serves(p: &Principal, service: Uuid) -> bool {
    p.is_admin()
        || p.roles
            .iter()
            .any(|(r, _)| r.role == Role::ServiceStaff && r.scope_id == Some(service))
}

/// What the caller is to a signal: staff who see the reporter, its reporter, a follower.
#[derive(Debug, Clone, Copy, Default)]
struct Viewer {
    staff: bool,
    yours: bool,
    following: bool,
}

fn view(l: &SignalLine, history: Vec<SignalEvent>, who: Viewer) -> Signal {
    let r = &l.row;
    let name = r
        .reporter_name
        .clone()
        .or_else(|| l.account.as_ref().map(|(n, _)| n.clone()));
    Signal {
        id: r.id.to_string(),
        category: r.category.clone(),
        wijknr: l.wijknr,
        lat: r.lat,
        lon: r.lon,
        address: r.address.clone(),
        description: r.description.clone(),
        channel: r.channel,
        status: r.status,
        resolution: r.resolution,
        planned_for: r.planned_for.map(|d| d.to_string()),
        responsible: r.responsible.clone(),
        duplicate_of: r.duplicate_of.map(|d| d.to_string()),
        photo_url: r.photo_id.map(|f| format!("/api/v1/files/{f}")),
        service: service_view(&l.service),
        reporter_name: if r.show_name { name.clone() } else { None },
        reporter: who.staff.then(|| SignalReporter {
            name,
            contact: r
                .reporter_contact
                .clone()
                .or_else(|| l.account.as_ref().and_then(|(_, e)| e.clone())),
        }),
        created_at: r.created_at.to_rfc3339(),
        updated_at: r.updated_at.to_rfc3339(),
        closed_at: r.closed_at.map(|t| t.to_rfc3339()),
        followers: l.followers,
        yours: who.yours,
        following: who.following,
        hidden_reason: r.hidden_reason.clone(),
        history,
    }
}

fn service_view(s: &q::ServiceRow) -> CityService {
    CityService {
        id: s.id.to_string(),
        key: s.key.clone(),
        name: s.name.clone(),
    }
}

fn event_view(e: &EventRow) -> SignalEvent {
    SignalEvent {
        at: e.at.to_rfc3339(),
        status: e.status,
        resolution: e.resolution,
        reason: e.reason.clone(),
        by_reporter: e.by_reporter,
        moderation: e.moderation,
    }
}

fn refused(refusal: Refusal) -> AppError {
    if refusal.is_conflict() {
        AppError::Conflict(refusal.message().to_owned())
    } else {
        AppError::field(refusal.field(), "invalid", refusal.message())
    }
}

fn load(conn: &mut PgConnection, id: Uuid) -> Result<SignalLine, AppError> {
    q::line_by_id(conn, id)?.ok_or_else(|| AppError::NotFound("no such signal".to_owned()))
}

/// The signal as the caller may see it, with its history.
fn detail(conn: &mut PgConnection, id: Uuid, p: Option<&Principal>) -> Result<Signal, AppError> {
    let line = load(conn, id)?;
    if line.row.hidden_reason.is_some() && !sees_reporter(p, &line.row) {
        return Err(AppError::NotFound("no such signal".to_owned()));
    }
    let history = q::history(conn, id)?.iter().map(event_view).collect();
    let who = Viewer {
        staff: sees_reporter(p, &line.row),
        yours: p.is_some_and(|p| line.row.reporter_id == Some(p.user.id)),
        following: match p {
            Some(p) => q::follows(conn, id, p.user.id)?,
            None => false,
        },
    };
    Ok(view(&line, history, who))
}

/// Tells the reporter and the followers that the signal changed (not `actor`, who changed it).
fn mail_followers(
    conn: &mut PgConnection,
    signal: Uuid,
    (status, resolution): (
        SignalStatus,
        Option<samenstad_types::signals::SignalResolution>,
    ),
    reason: Option<&str>,
    link_base: &str,
    actor: Option<Uuid>,
) -> Result<(), AppError> {
    let (nl, en) = mail::signal_status_words(status, resolution);
    let why = reason.map(|r| format!(" \u{2014} {r}")).unwrap_or_default();
    notify::tell_followers(
        conn,
        link_base,
        Target::new(FollowKind::Signal, signal),
        (
            format!("de melding is nu {nl}{why}"),
            format!("the signal is now {en}{why}"),
        ),
        format!("/signals/{signal}"),
        "signal_changed",
        actor,
    )?;
    Ok(())
}

/// Signal categories
///
/// The categories of the report form, in its order, with their Dutch and English names.
#[utoipa::path(
    tag = "signals",
    security(()),
    responses((status = 200, description = "Categories", body = Vec<SignalCategory>))
)]
#[get("/signals/categories")]
pub async fn list_categories(
    state: web::Data<AppState>,
) -> Result<web::Json<Vec<SignalCategory>>, AppError> {
    let rows = state.with_conn(|conn| Ok(q::categories(conn)?)).await?;
    Ok(web::Json(
        rows.into_iter()
            .map(|c| SignalCategory {
                key: c.key,
                name_nl: c.name_nl,
                name_en: c.name_en,
            })
            .collect(),
    ))
}

/// City services
///
/// The services that answer signals, by name (the scope of a `service_staff` role).
#[utoipa::path(
    tag = "signals",
    security(()),
    responses((status = 200, description = "Services", body = Vec<CityService>))
)]
#[get("/city-services")]
pub async fn list_services(
    state: web::Data<AppState>,
) -> Result<web::Json<Vec<CityService>>, AppError> {
    let rows = state.with_conn(|conn| Ok(q::services(conn)?)).await?;
    Ok(web::Json(rows.iter().map(service_view).collect()))
}

/// The lines of the routing table as the API shows them.
fn route_views(rows: Vec<(String, Option<i16>, String)>) -> Vec<SignalRoute> {
    rows.into_iter()
        .map(|(category, wijknr, service)| SignalRoute {
            category,
            wijknr,
            service,
        })
        .collect()
}

/// Routing table
///
/// Which service answers the signals of each category, per wijk; a line without a wijk covers
/// every wijk without a line of its own.
#[utoipa::path(
    tag = "signals",
    security(()),
    responses((status = 200, description = "The routing table", body = Vec<SignalRoute>))
)]
#[get("/signal-routes")]
pub async fn list_routes(
    state: web::Data<AppState>,
) -> Result<web::Json<Vec<SignalRoute>>, AppError> {
    let rows = state.with_conn(|conn| Ok(q::routes(conn)?)).await?;
    Ok(web::Json(route_views(rows)))
}

/// Set a line of the routing table
///
/// Administrators name the service that answers a category's signals in a wijk (or, without a
/// wijk, in every wijk without a line of its own). Signals reported from then on go there.
#[utoipa::path(
    tag = "signals",
    security(("bearer" = [])),
    request_body = SignalRoute,
    responses(
        (status = 200, description = "The routing table after the change", body = Vec<SignalRoute>),
        (status = 400, description = "Unknown category, wijk or service", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/signal-routes", wrap = "from_fn(gate::admin)")]
pub async fn put_route(
    caller: UserCaller,
    state: web::Data<AppState>,
    body: web::Json<SignalRoute>,
) -> Result<web::Json<Vec<SignalRoute>>, AppError> {
    let body = body.into_inner();
    let rows = state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            if !p.is_admin() {
                return Err(AppError::Forbidden(
                    "only administrators edit the routing table".to_owned(),
                ));
            }
            if !q::category_exists(conn, &body.category)? {
                return Err(AppError::field("category", "unknown", "is not a category"));
            }
            let service = q::service_by_key(conn, &body.service)?
                .ok_or_else(|| AppError::field("service", "unknown", "is not a city service"))?;
            let wijk_id = match body.wijknr {
                Some(nr) => Some(
                    crate::principal::wijk_id(conn, &nr.to_string())
                        .map_err(|_| AppError::field("wijknr", "unknown", "is not a wijk"))?,
                ),
                None => None,
            };
            q::put_route(conn, &body.category, wijk_id, service.id, p.user.id)?;
            let mut entry = NewAudit::by(Some(p.user.id), "signal.route_set")
                .on("city_service", service.id)
                .details(json!({"category": body.category, "wijknr": body.wijknr}));
            entry.wijk_id = wijk_id;
            audit::record(conn, entry)?;
            Ok(q::routes(conn)?)
        })
        .await?;
    Ok(web::Json(route_views(rows)))
}

/// Report a signal
///
/// A resident reports what is wrong at a point: the wijk follows from the point, the routing
/// table names the service. The reporter follows it and is mailed every change; their name is
/// public only with `show_name`. Staff enter signals received by phone, at a buurtpunt, a
/// buurtsalon or through the contact centre with that `channel` and the reporter's name and
/// contact (never public). An account reports at most 10 signals an hour.
#[utoipa::path(
    tag = "signals",
    security(("bearer" = [])),
    request_body = NewSignal,
    responses(
        (status = 201, description = "Reported", body = Signal,
            headers(("Location" = String, description = "The new signal"))),
        (status = 400, description = "A field is missing or invalid (category, point, description, reporter)", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A channel other than `web` by someone who is not staff", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many signals from this account in the last hour", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = i64, description = "Seconds to wait"))),
    )
)]
#[post("/signals")]
pub async fn report(
    caller: UserCaller,
    state: web::Data<AppState>,
    body: web::Json<NewSignal>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    body.validate()?;
    let snapshot = cache::wijken(&state).await?;
    let wijk_id = snapshot
        .index
        .locate(body.lon, body.lat)
        .and_then(|i| snapshot.id_at(i));
    let channel = body.channel.unwrap_or(SignalChannel::Web);
    let link_base = state.public_url().to_owned();
    let signal = state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            if channel == SignalChannel::Api {
                return Err(AppError::field(
                    "channel",
                    "not_allowed",
                    "`api` is the channel of signals posted through Open311 (/open311/v2/requests.json)",
                ));
            }
            let staff_entry = channel != SignalChannel::Web;
            if staff_entry {
                let staff = p.is_staff_of(wijk_id) || p.has_role(Role::ServiceStaff);
                if !staff {
                    return Err(AppError::Forbidden(
                        "only staff enter signals received by phone, at a buurtpunt, a buurtsalon or the contact centre".to_owned(),
                    ));
                }
            } else if body.reporter_name.is_some() || body.reporter_contact.is_some() {
                return Err(AppError::Forbidden(
                    "only staff entering a signal give the reporter's name and contact".to_owned(),
                ));
            } else {
                let now = Utc::now();
                let (count, oldest) = q::reported_since(conn, p.user.id, now - Duration::hours(1))?;
                if let Some(wait) = rules::hourly_wait(count, oldest, now, PER_HOUR) {
                    return Err(AppError::TooManyRequests(wait));
                }
            }
            if !q::category_exists(conn, &body.category)? {
                return Err(AppError::field("category", "unknown", "is not a category"));
            }
            let service = q::route_for(conn, &body.category, wijk_id)?.ok_or_else(|| {
                AppError::field("category", "unrouted", "no service answers this category yet")
            })?;
            let address = match &body.address_id {
                Some(id) => Some(
                    aq::by_id(conn, id)?
                        .map(|a| address_label(&a))
                        .ok_or_else(|| {
                            AppError::field("address_id", "unknown", "is not an address of the register")
                        })?,
                ),
                None => None,
            };
            let row = SignalRow {
                wijk_id,
                reporter_id: (!staff_entry).then_some(p.user.id),
                reporter_name: body.reporter_name.map(|n| n.trim().to_owned()),
                reporter_contact: body.reporter_contact.map(|c| c.trim().to_owned()),
                show_name: body.show_name,
                entered_by: staff_entry.then_some(p.user.id),
                address,
                address_id: body.address_id.clone(),
                ..SignalRow::submitted(
                    &body.category,
                    service.id,
                    (body.lat, body.lon),
                    &body.description,
                    channel,
                    Utc::now(),
                )
            };
            q::insert(conn, &row)?;
            notify::signal_reported(conn, &link_base, &row, Some(p.user.id))?;
            let mut entry = NewAudit::by(Some(p.user.id), "signal.reported")
                .on("signal", row.id)
                .details(json!({"category": row.category, "service": service.key, "channel": channel}));
            entry.wijk_id = wijk_id;
            audit::record(conn, entry)?;
            detail(conn, row.id, Some(&p))
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/signals/{}", signal.id)))
        .json(signal))
}

/// List signals
///
/// Signals newest first, city-wide or per wijk, category, status or service (a service's
/// queue). Names of reporters appear only where they chose so; staff of a signal's service and
/// wijk also see who reported it.
#[utoipa::path(
    tag = "signals",
    security((), ("bearer" = [])),
    params(SignalQuery),
    responses(
        (status = 200, description = "A page of signals", body = SignalPage),
        (status = 400, description = "Unknown wijk, category, status or service, or a bad page", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/signals")]
pub async fn list_signals(
    caller: MaybeCaller,
    state: web::Data<AppState>,
    query: Query<SignalQuery>,
) -> Result<web::Json<SignalPage>, AppError> {
    let query = query.into_inner();
    query.validate()?;
    let status: Option<SignalStatus> = AppError::one_of(
        query.status.as_deref(),
        "status",
        "is not a status of a signal",
    )?;
    let after = page::position(query.cursor.as_deref())?;
    let limit = page::limit(query.limit);
    let wijk_id = match query.wijk.as_deref() {
        Some(key) => Some(cache::wijk_id(&state, key).await?),
        None => None,
    };
    state
        .with_conn(move |conn| {
            let p = Principal::load_optional(conn, &caller)?;
            if let Some(c) = &query.category
                && !q::category_exists(conn, c)?
            {
                return Err(AppError::field("category", "unknown", "is not a category"));
            }
            let service_id = match query.service.as_deref() {
                Some(key) => Some(
                    q::service_by_key(conn, key)?
                        .ok_or_else(|| {
                            AppError::field("service", "unknown", "is not a city service")
                        })?
                        .id,
                ),
                None => None,
            };
            // Hidden signals only in a service's queue, for its staff.
            let with_hidden = match (&p, service_id) {
                (Some(p), Some(s)) => serves(p, s),
                _ => false,
            };
            let lines = q::list(
                conn,
                &ListFilter {
                    wijk_id,
                    category: query.category.clone(),
                    status,
                    service_id,
                    with_hidden,
                    after,
                    limit: limit + 1,
                },
            )?;
            let page = page::cut(lines, limit, |l| (l.row.created_at, l.row.id));
            Ok(web::Json(page.map(|l| {
                let who = Viewer {
                    staff: sees_reporter(p.as_ref(), &l.row),
                    yours: p
                        .as_ref()
                        .is_some_and(|p| l.row.reporter_id == Some(p.user.id)),
                    following: false,
                };
                view(&l, Vec::new(), who)
            })))
        })
        .await
}

/// Open signals nearby
///
/// Open signals of the same category within 250 m of a point, nearest first: shown while
/// reporting, so a resident can follow one instead of reporting it again.
#[utoipa::path(
    tag = "signals",
    security(()),
    params(NearbyQuery),
    responses(
        (status = 200, description = "Open signals within 250 m, nearest first", body = Vec<Signal>),
        (status = 400, description = "Unknown category or a bad point", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/signals/nearby")]
pub async fn nearby(
    state: web::Data<AppState>,
    query: Query<NearbyQuery>,
) -> Result<web::Json<Vec<Signal>>, AppError> {
    let query = query.into_inner();
    query.validate()?;
    state
        .with_conn(move |conn| {
            if !q::category_exists(conn, &query.category)? {
                return Err(AppError::field("category", "unknown", "is not a category"));
            }
            let here = (query.lat, query.lon);
            let mut found: Vec<(f64, SignalLine)> =
                q::open_in_box(conn, &query.category, rules::nearby_box(here.0, here.1))?
                    .into_iter()
                    .filter(|l| rules::is_nearby(here, (l.row.lat, l.row.lon)))
                    .map(|l| {
                        let d = samenstad_domain::geometry::distance_m(
                            here.0, here.1, l.row.lat, l.row.lon,
                        );
                        (d, l)
                    })
                    .collect();
            found.sort_by(|a, b| a.0.total_cmp(&b.0));
            Ok(web::Json(
                found
                    .iter()
                    .map(|(_, l)| view(l, Vec::new(), Viewer::default()))
                    .collect(),
            ))
        })
        .await
}

/// A signal
///
/// The signal with its public history, oldest first.
#[utoipa::path(
    tag = "signals",
    security((), ("bearer" = [])),
    params(("id" = String, Path, description = "Signal id (UUID)")),
    responses(
        (status = 200, description = "The signal", body = Signal),
        (status = 404, description = "No such signal", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/signals/{id}")]
pub async fn signal_detail(
    caller: MaybeCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<web::Json<Signal>, AppError> {
    let id = parse_id(&id, "signal")?;
    state
        .with_conn(move |conn| {
            let p = Principal::load_optional(conn, &caller)?;
            detail(conn, id, p.as_ref()).map(web::Json)
        })
        .await
}

/// A step of the service
///
/// Staff of the signal's service acknowledge it, plan it for a day, or close it as fixed, not
/// the city's responsibility (naming who is), a duplicate (of another signal: its followers
/// move there), referred (naming to whom) or not fixed, always with a public reason. The
/// reporter and the followers are mailed.
#[utoipa::path(
    tag = "signals",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Signal id (UUID)")),
    request_body = SignalStep,
    responses(
        (status = 200, description = "The signal after the step", body = Signal),
        (status = 400, description = "A field the step needs is missing or invalid", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff of the signal's service", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such signal", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Closed, or acknowledged already", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/signals/{id}/steps", wrap = "from_fn(gate::city_role)")]
pub async fn take_step(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Json<SignalStep>,
) -> Result<web::Json<Signal>, AppError> {
    let id = parse_id(&id, "signal")?;
    let body = body.into_inner();
    let link_base = state.public_url().to_owned();
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let row = q::for_update(conn, id)?
                .ok_or_else(|| AppError::NotFound("no such signal".to_owned()))?;
            if !serves(&p, row.service_id) {
                return Err(AppError::Forbidden(
                    "only staff of the signal's service answer it".to_owned(),
                ));
            }
            body.validate()?;
            let planned_for = body
                .planned_for
                .as_deref()
                .map(|d| {
                    d.parse::<NaiveDate>().map_err(|_| {
                        AppError::field("planned_for", "invalid", "must be a date (YYYY-MM-DD)")
                    })
                })
                .transpose()?;
            let original = match body.duplicate_of.as_deref() {
                None => None,
                Some(other) => {
                    let other: Uuid = other.parse().map_err(|_| {
                        AppError::field("duplicate_of", "invalid", "must be a signal's id")
                    })?;
                    let original = q::line_by_id(conn, other)?;
                    Some(original.filter(|o| o.row.id != row.id && o.row.duplicate_of.is_none()))
                }
            };
            let responsible = body.responsible.as_deref().map(str::trim);
            let step = Step {
                action: body.action,
                planned_for,
                resolution: body.resolution,
                responsible,
                original: original.as_ref().map(Option::is_some),
            };
            let today = Utc::now()
                .with_timezone(&chrono_tz::Europe::Brussels)
                .date_naive();
            let status = rules::next(row.status, &step, today).map_err(refused)?;
            let now = Utc::now();
            let closing = body.action == SignalAction::Close;
            let duplicate_of = original.flatten().map(|o| o.row.id);
            let change = Change {
                status,
                resolution: if closing { body.resolution } else { None },
                planned_for: if body.action == SignalAction::Plan {
                    planned_for
                } else {
                    row.planned_for
                },
                responsible: if closing {
                    responsible.map(str::to_owned).filter(|_| {
                        matches!(
                            body.resolution,
                            Some(
                                samenstad_types::signals::SignalResolution::NotResponsible
                                    | samenstad_types::signals::SignalResolution::Referred
                            )
                        )
                    })
                } else {
                    None
                },
                duplicate_of: if closing { duplicate_of } else { None },
                closed_at: closing.then_some(now),
            };
            let reason = body.reason.trim().to_owned();
            q::apply(
                conn,
                id,
                &change,
                &EventRow {
                    id: Uuid::now_v7(),
                    signal_id: id,
                    at: now,
                    status,
                    resolution: change.resolution,
                    reason: Some(reason.clone()),
                    actor_id: Some(p.user.id),
                    by_reporter: false,
                    moderation: false,
                },
            )?;
            let mut entry = NewAudit::by(Some(p.user.id), &format!("signal.{}", status.as_str()))
                .on("signal", id)
                .details(json!({"resolution": change.resolution, "reason": reason}));
            entry.wijk_id = row.wijk_id;
            audit::record(conn, entry)?;
            mail_followers(
                conn,
                id,
                (status, change.resolution),
                Some(&reason),
                &link_base,
                None,
            )?;
            if let Some(original) = duplicate_of {
                q::move_followers(conn, id, original)?;
            }
            detail(conn, id, Some(&p)).map(web::Json)
        })
        .await
}

/// Reopen a signal
///
/// The reporter reopens their closed signal within 30 days of its closing, with a comment:
/// it is `submitted` again and back in the service's queue. The followers are mailed.
#[utoipa::path(
    tag = "signals",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Signal id (UUID)")),
    request_body = ReopenSignal,
    responses(
        (status = 200, description = "Reopened", body = Signal),
        (status = 400, description = "No comment", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the reporter", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such signal", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not closed, or closed more than 30 days ago", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/signals/{id}/reopen")]
pub async fn reopen(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Json<ReopenSignal>,
) -> Result<web::Json<Signal>, AppError> {
    let id = parse_id(&id, "signal")?;
    let body = body.into_inner();
    let link_base = state.public_url().to_owned();
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let row = q::for_update(conn, id)?
                .ok_or_else(|| AppError::NotFound("no such signal".to_owned()))?;
            if row.reporter_id != Some(p.user.id) {
                return Err(AppError::Forbidden(
                    "only the reporter reopens a signal".to_owned(),
                ));
            }
            body.validate()?;
            let now = Utc::now();
            let status = rules::may_reopen(row.status, row.closed_at, now).map_err(refused)?;
            let comment = body.comment.trim().to_owned();
            q::apply(
                conn,
                id,
                &Change {
                    status,
                    resolution: None,
                    planned_for: None,
                    responsible: None,
                    duplicate_of: None,
                    closed_at: None,
                },
                &EventRow {
                    id: Uuid::now_v7(),
                    signal_id: id,
                    at: now,
                    status,
                    resolution: None,
                    reason: Some(comment.clone()),
                    actor_id: Some(p.user.id),
                    by_reporter: true,
                    moderation: false,
                },
            )?;
            let mut entry = NewAudit::by(Some(p.user.id), "signal.reopened")
                .on("signal", id)
                .details(json!({"comment": comment}));
            entry.wijk_id = row.wijk_id;
            audit::record(conn, entry)?;
            mail_followers(
                conn,
                id,
                (status, None),
                Some(&comment),
                &link_base,
                Some(p.user.id),
            )?;
            detail(conn, id, Some(&p)).map(web::Json)
        })
        .await
}

/// Follow a signal
///
/// The caller is mailed every change of the signal.
#[utoipa::path(
    tag = "signals",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Signal id (UUID)")),
    responses(
        (status = 204, description = "Followed (also when already followed)"),
        (status = 404, description = "No such signal", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/signals/{id}/follow")]
pub async fn follow(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    set_following(caller, &state, &id, true).await
}

/// Stop following a signal
///
/// The caller is no longer mailed the signal's changes (a reporter can stop too).
#[utoipa::path(
    tag = "signals",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Signal id (UUID)")),
    responses(
        (status = 204, description = "No longer followed"),
        (status = 404, description = "No such signal", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/signals/{id}/follow")]
pub async fn unfollow(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    set_following(caller, &state, &id, false).await
}

/// The caller follows the signal `id`, or no longer does: 204, or 404 for no such signal.
async fn set_following(
    caller: UserCaller,
    state: &AppState,
    id: &str,
    following: bool,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(id, "signal")?;
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let line = load(conn, id)?;
            // A hidden signal is not there for whom may not see it (it is unfollowed, though).
            if following && line.row.hidden_reason.is_some() && !sees_reporter(Some(&p), &line.row)
            {
                return Err(AppError::NotFound("no such signal".to_owned()));
            }
            if following {
                Ok(q::follow(conn, id, p.user.id)?)
            } else {
                Ok(q::unfollow(conn, id, p.user.id)?)
            }
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Add or replace a signal's photo
///
/// The request body is the image itself with its `Content-Type` (`image/jpeg`, `image/png` or
/// `image/webp`), at most 10 MiB; the bytes must be of that type. Its metadata (EXIF and XMP:
/// where and when it was taken, the device) is removed before it is kept. For the reporter while
/// the signal is open, and staff of its service. A previous photo is removed.
#[utoipa::path(
    tag = "signals",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "Signal id (UUID)"),
        ("Content-Type" = String, Header, description = "`image/jpeg`, `image/png` or `image/webp`"),
    ),
    request_body(
        description = "The image (JPEG, PNG or WebP), at most 10 MiB",
        content(
            (ImageBytes = "image/jpeg"),
            (ImageBytes = "image/png"),
            (ImageBytes = "image/webp"),
        ),
    ),
    responses(
        (status = 200, description = "The signal with its photo", body = Signal),
        (status = 400, description = "Empty body", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Neither its reporter nor staff of its service", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such signal", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The signal is closed", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Larger than 10 MiB", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not a JPEG, PNG or WebP image, or not the declared type", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/signals/{id}/photo")]
pub async fn put_photo(
    caller: UserCaller,
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<String>,
    payload: web::Payload,
) -> Result<web::Json<Signal>, AppError> {
    let id = parse_id(&id, "signal")?;
    let upload = crate::upload::read(
        &req,
        payload,
        &IMAGE_TYPES,
        MAX_PHOTO_BYTES,
        "the photo as image/jpeg, image/png or image/webp",
    )
    .await?;
    let size = upload.size();
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let row = q::for_update(conn, id)?
                .ok_or_else(|| AppError::NotFound("no such signal".to_owned()))?;
            let reporter = row.reporter_id == Some(p.user.id);
            if !reporter && !serves(&p, row.service_id) {
                return Err(AppError::Forbidden(
                    "only its reporter and staff of its service add a photo".to_owned(),
                ));
            }
            if row.status == SignalStatus::Closed {
                return Err(AppError::Conflict("the signal is closed".to_owned()));
            }
            let file = upload.keep(conn, p.user.id)?;
            q::set_photo(conn, id, row.photo_id, file)?;
            let mut entry = NewAudit::by(Some(p.user.id), "signal.photo_set")
                .on("signal", id)
                .details(json!({"bytes": size, "type": upload.content_type}));
            entry.wijk_id = row.wijk_id;
            audit::record(conn, entry)?;
            detail(conn, id, Some(&p)).map(web::Json)
        })
        .await
}

/// Moderate a signal
///
/// Staff of the signal's service or wijk edit personal data out of its description, remove its
/// photo, or hide (or show again) the whole signal, always with a reason that appears on its
/// public history. A hidden signal and its photo are no longer public.
#[utoipa::path(
    tag = "signals",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Signal id (UUID)")),
    request_body = ModerateSignal,
    responses(
        (status = 200, description = "The signal after moderation", body = Signal),
        (status = 400, description = "No reason, nothing to change, or a bad description", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff of the signal's service or wijk", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such signal", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/signals/{id}/moderation", wrap = "from_fn(gate::city_role)")]
pub async fn moderate(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Json<ModerateSignal>,
) -> Result<web::Json<Signal>, AppError> {
    let id = parse_id(&id, "signal")?;
    let body = body.into_inner();
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let row = q::for_update(conn, id)?
                .ok_or_else(|| AppError::NotFound("no such signal".to_owned()))?;
            if !sees_reporter(Some(&p), &row) {
                return Err(AppError::Forbidden(
                    "only staff of the signal's service or wijk moderate it".to_owned(),
                ));
            }
            body.validate()?;
            let reason = body.reason.trim().to_owned();
            let m = q::Moderation {
                description: body.description.map(|d| d.trim().to_owned()),
                remove_photo: body.remove_photo && row.photo_id.is_some(),
                hidden: body
                    .hidden
                    .map(|h| h.then(|| reason.clone()))
                    .filter(|h| h.is_some() != row.hidden_reason.is_some()),
            };
            if m.description.is_none() && !m.remove_photo && m.hidden.is_none() {
                return Err(AppError::field(
                    "reason",
                    "nothing",
                    "change the description, remove the photo, or hide or show the signal",
                ));
            }
            q::moderate(
                conn,
                &row,
                &m,
                &EventRow {
                    id: Uuid::now_v7(),
                    signal_id: id,
                    at: Utc::now(),
                    status: row.status,
                    resolution: row.resolution,
                    reason: Some(reason.clone()),
                    actor_id: Some(p.user.id),
                    by_reporter: false,
                    moderation: true,
                },
            )?;
            let mut entry = NewAudit::by(Some(p.user.id), "signal.moderated")
                .on("signal", id)
                .details(json!({
                    "description_edited": m.description.is_some(),
                    "photo_removed": m.remove_photo,
                    "hidden": m.hidden.as_ref().map(Option::is_some),
                    "reason": reason,
                }));
            entry.wijk_id = row.wijk_id;
            audit::record(conn, entry)?;
            detail(conn, id, Some(&p)).map(web::Json)
        })
        .await
}
