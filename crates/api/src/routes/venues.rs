//! The venue finder, rooms, availability, iCal feeds and bookings.

use actix_web::http::header;
use actix_web::middleware::from_fn;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::{DateTime, Duration, Utc};
use samenstad_db::queries::accounts as users;
use samenstad_db::queries::audit::{self, NewAudit};
use samenstad_db::queries::outbox;
use samenstad_db::queries::venues::{self as q, BookingRow, VenueFilter, span, span_ends};
use samenstad_domain::booking::{BookingAction, BookingStatus, price_cents, transition};
use samenstad_domain::geometry::distance_m;
use samenstad_domain::text;
use samenstad_types::Problem;
use samenstad_types::account::Role;
use samenstad_types::geojson::{FeatureCollectionType, FeatureType};
use samenstad_types::venue::{
    Availability, AvailabilityQuery, Booking, BusyInterval, CreateBooking, DeclineBooking,
    ListVenuesQuery, PointGeometry, Venue, VenueDetail, VenueFeature, VenueFeatureCollection,
    VenuePage, VenueType,
};
use serde::Deserialize;
use serde_json::json;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use crate::auth::UserCaller;
use crate::cache;
use crate::error::AppError;
use crate::gate;
use crate::page;
use crate::principal::{Principal, parse_id};
use crate::query::Query;
use crate::respond;
use crate::routes::venues_common::{
    NewRequest, booking_view, closed_check, detail_response, is_manager, notify_managers,
    parse_time, request_terms, venue_detail, venue_view,
};
use crate::state::AppState;

/// Registers the handlers of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_venues)
        .service(get_venues_geojson)
        .service(get_venue)
        .service(get_availability)
        .service(get_calendar)
        .service(create_booking)
        .service(list_bookings)
        .service(approve_booking)
        .service(decline_booking)
        .service(cancel_booking);
}

fn parse_near(value: &str) -> Result<(f64, f64), AppError> {
    let invalid = || AppError::field("near", "invalid", "must be `lat,lon` in WGS84 degrees");
    let (lat, lon) = value.split_once(',').ok_or_else(invalid)?;
    let lat: f64 = lat.trim().parse().map_err(|_| invalid())?;
    let lon: f64 = lon.trim().parse().map_err(|_| invalid())?;
    if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
        return Err(invalid());
    }
    Ok((lat, lon))
}

/// Find venues
///
/// The zalenzoeker: filter by wijk, type, text, room capacity, use, facility, step-free access
/// and a window in which a matching room must be free; with `near` sorted by distance (and
/// limited to `radius_m`). Sample venues (from the city's policy documents, placed at their
/// wijk) are marked `is_sample`; private venues carry the city's disclaimer.
#[utoipa::path(
    tag = "venues",
    security(()),
    params(ListVenuesQuery),
    responses(
        (status = 200, description = "A page of venues", body = VenuePage),
        (status = 400, description = "Invalid filter", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/venues")]
pub async fn list_venues(
    state: web::Data<AppState>,
    query: Query<ListVenuesQuery>,
    req: HttpRequest,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    // The finder's order includes the distance to a point, so its pages are offsets.
    let offset: usize = page::position(query.cursor.as_deref())?.unwrap_or(0);
    let limit = page::limit(query.limit);
    // Checked by `find_venues` (1–100); until then a negative limit must not overflow.
    let rows_wanted = usize::try_from(limit).unwrap_or(0).saturating_add(1);
    respond::public_json(&state, &req, async {
        let rows = find_venues(&state, query, offset, rows_wanted).await?;
        let venues: VenuePage = page::cut(rows, limit, |_| offset + rows_wanted - 1);
        Ok(venues)
    })
    .await
}

/// Venues matching the query, `limit` of them after skipping `offset`, in the finder's order.
pub(crate) async fn find_venues(
    state: &AppState,
    query: ListVenuesQuery,
    offset: usize,
    limit: usize,
) -> Result<Vec<Venue>, AppError> {
    query.validate()?;
    let venue_type: Option<VenueType> =
        AppError::one_of(query.venue_type.as_deref(), "type", "is not a venue type")?;
    let near = query.near.as_deref().map(parse_near).transpose()?;
    let open_at = match query.open_at.as_deref() {
        None => None,
        Some(value) => {
            use chrono::{Datelike, Timelike};
            let local = parse_time("open_at", value)?.with_timezone(&chrono_tz::Europe::Brussels);
            let time =
                chrono::NaiveTime::from_hms_opt(local.hour(), local.minute(), local.second())
                    .unwrap_or_default();
            Some((local.weekday().number_from_monday() as i16, time))
        }
    };
    if query.radius_m.is_some() && near.is_none() {
        return Err(AppError::field("radius_m", "requires", "needs `near`"));
    }
    let free_during = match (
        query.available_from.as_deref(),
        query.available_to.as_deref(),
    ) {
        (None, None) => None,
        (Some(from), Some(to)) => {
            let (from, to) = (
                parse_time("available_from", from)?,
                parse_time("available_to", to)?,
            );
            if to <= from {
                return Err(AppError::field(
                    "available_to",
                    "order",
                    "must be after available_from",
                ));
            }
            Some(span(from, to))
        }
        _ => {
            return Err(AppError::field(
                "available_from",
                "requires",
                "available_from and available_to go together",
            ));
        }
    };
    let wijk_id = match query.wijk.as_deref() {
        Some(key) => Some(cache::wijk_id(state, key).await?),
        None => None,
    };
    let rows = state
        .with_replica_conn(move |conn| {
            let filter = VenueFilter {
                wijk_id,
                venue_type,
                capacity_min: query.capacity_min,
                room_use: query.room_use.clone(),
                facility: query.facility.clone(),
                accessible: query.accessible.unwrap_or(false),
                free_during,
                open_at,
                bbox: near.zip(query.radius_m).map(|((lat, lon), r)| {
                    // Degrees per metre; the box is a little larger than the circle.
                    let dlat = f64::from(r) / 111_000.0 * 1.01;
                    let dlon = dlat / lat.to_radians().cos().max(0.01);
                    (lat - dlat, lat + dlat, lon - dlon, lon + dlon)
                }),
                text: query.q.as_deref().map(text::fold),
                near,
                radius_m: query.radius_m.map(f64::from),
                offset: i64::try_from(offset).unwrap_or(i64::MAX),
                limit: i64::try_from(limit).unwrap_or(i64::MAX),
            };
            Ok(q::search(conn, &filter)?)
        })
        .await?;
    let mut venues: Vec<Venue> = rows
        .iter()
        .map(|(v, nr, capacity)| {
            let distance = near.map(|(lat, lon)| distance_m(lat, lon, v.lat, v.lon));
            venue_view(v, *nr, (*capacity > 0).then_some(*capacity), distance)
        })
        .filter(|v| match (query.radius_m, v.distance_m) {
            (Some(radius), Some(d)) => d <= f64::from(radius),
            _ => true,
        })
        .collect();
    if near.is_some() {
        // The database ordered by an equirectangular distance; settle near-ties exactly.
        venues.sort_by(|a, b| {
            a.distance_m
                .partial_cmp(&b.distance_m)
                .unwrap_or(std::cmp::Ordering::Equal)
        });
    }
    Ok(venues)
}

/// Most features in one GeoJSON answer.
const GEOJSON_MAX: usize = 10_000;

/// The venues of the finder as GeoJSON
///
/// The same filters as `GET /venues`, all matching venues (no paging) as an RFC 7946
/// FeatureCollection of points with the venue as properties.
#[utoipa::path(
    tag = "venues",
    security(()),
    params(ListVenuesQuery),
    responses(
        (status = 200, description = "Matching venues as GeoJSON points", body = VenueFeatureCollection, content_type = "application/geo+json"),
        (status = 400, description = "Invalid filter", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/venues.geojson")]
pub async fn get_venues_geojson(
    state: web::Data<AppState>,
    query: Query<ListVenuesQuery>,
) -> Result<HttpResponse, AppError> {
    let venues = find_venues(&state, query.into_inner(), 0, GEOJSON_MAX).await?;
    let collection = VenueFeatureCollection {
        kind: FeatureCollectionType::FeatureCollection,
        features: venues
            .into_iter()
            .map(|v| VenueFeature {
                kind: FeatureType::Feature,
                id: v.id.clone(),
                geometry: PointGeometry::Point {
                    coordinates: [v.lon, v.lat],
                },
                properties: v,
            })
            .collect(),
        attribution: samenstad_types::GENT_ATTRIBUTION.to_owned(),
    };
    Ok(HttpResponse::Ok()
        .content_type(crate::cache::GEO_JSON)
        .json(collection))
}

/// Get a venue
///
/// A venue by id or slug with its rooms (capacity, uses, facilities, tariffs) and opening hours.
#[utoipa::path(
    tag = "venues",
    security(()),
    params(("key" = String, Path, description = "Venue id (UUID) or slug")),
    responses(
        (status = 200, description = "The venue", body = VenueDetail,
            headers(("ETag" = String, description = "The venue's version, for `If-Match` when changing it"))),
        (status = 404, description = "No such venue", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/venues/{key}")]
pub async fn get_venue(
    state: web::Data<AppState>,
    key: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let key = key.into_inner();
    let detail = state
        .with_conn(move |conn| {
            let (v, nr) = q::venue_by_key(conn, &key)?
                .ok_or_else(|| AppError::NotFound(format!("no venue `{key}`")))?;
            venue_detail(conn, &v, nr)
        })
        .await?;
    Ok(detail_response(HttpResponse::Ok(), &detail))
}

fn window(query: &AvailabilityQuery) -> Result<(DateTime<Utc>, DateTime<Utc>), AppError> {
    let from = parse_time("from", &query.from)?;
    let to = parse_time("to", &query.to)?;
    if to <= from {
        return Err(AppError::field("to", "order", "must be after from"));
    }
    if to - from > Duration::days(366) {
        return Err(AppError::field(
            "to",
            "span",
            "the window is at most 366 days",
        ));
    }
    Ok((from, to))
}

fn room_id(value: &str) -> Result<Uuid, AppError> {
    parse_id(value, "room")
}

/// When a room is taken
///
/// Approved bookings of a room in a window, as busy intervals without any personal data.
#[utoipa::path(
    tag = "venues",
    security(()),
    params(("id" = String, Path, description = "Room id (UUID)"), AvailabilityQuery),
    responses(
        (status = 200, description = "Busy intervals", body = Availability),
        (status = 400, description = "Invalid window", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such room", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/rooms/{id}/availability")]
pub async fn get_availability(
    state: web::Data<AppState>,
    id: web::Path<String>,
    query: Query<AvailabilityQuery>,
) -> Result<web::Json<Availability>, AppError> {
    let id = room_id(&id)?;
    let (from, to) = window(&query)?;
    let busy = state
        .with_conn(move |conn| {
            q::room_with_venue(conn, id)?
                .ok_or_else(|| AppError::NotFound("no such room".to_owned()))?;
            Ok(q::busy(conn, id, span(from, to))?)
        })
        .await?;
    Ok(web::Json(Availability {
        room_id: id.to_string(),
        from: from.to_rfc3339(),
        to: to.to_rfc3339(),
        busy: busy
            .iter()
            .map(|s| {
                let (start, end) = span_ends(s);
                BusyInterval {
                    start: start.to_rfc3339(),
                    end: end.to_rfc3339(),
                }
            })
            .collect(),
    }))
}

/// iCalendar feed of a room
///
/// Busy events (approved bookings from 30 days ago to a year ahead) as `text/calendar`, for
/// subscribing in a calendar app. Events carry no personal data.
#[utoipa::path(
    tag = "venues",
    security(()),
    params(("id" = String, Path, description = "Room id (UUID)")),
    responses(
        (status = 200, description = "An iCalendar (RFC 5545) feed", body = String, content_type = "text/calendar"),
        (status = 404, description = "No such room", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/rooms/{id}/calendar.ics")]
pub async fn get_calendar(
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    use icalendar::{Calendar, Component, Event, EventLike};
    let id = room_id(&id)?;
    let now = Utc::now();
    let (room, venue, busy) = state
        .with_conn(move |conn| {
            let (room, venue) = q::room_with_venue(conn, id)?
                .ok_or_else(|| AppError::NotFound("no such room".to_owned()))?;
            let busy = q::busy(
                conn,
                id,
                span(now - Duration::days(30), now + Duration::days(366)),
            )?;
            Ok((room, venue, busy))
        })
        .await?;
    let mut calendar = Calendar::new();
    calendar.name(&format!("{} – {}", venue.name, room.name));
    for (i, s) in busy.iter().enumerate() {
        let (start, end) = span_ends(s);
        calendar.push(
            Event::new()
                .uid(&format!("{id}-{}-{i}@samenstad", start.timestamp()))
                .summary("Bezet / Busy")
                .starts(start)
                .ends(end)
                .done(),
        );
    }
    Ok(HttpResponse::Ok()
        .content_type("text/calendar; charset=utf-8")
        .body(calendar.done().to_string()))
}

/// A booking conflict named by its slot.
fn overlap_error(slot: Option<&q::Span>) -> AppError {
    match slot.map(span_ends) {
        Some((start, end)) => AppError::Conflict(format!(
            "the room is already booked from {} to {}",
            start.to_rfc3339(),
            end.to_rfc3339()
        )),
        None => AppError::Conflict("the room is already booked in this period".to_owned()),
    }
}

/// Request a booking
///
/// Books a room for a person or on behalf of an organisation the caller belongs to. The
/// tariff follows from who books (recognised organisation: reduced) and the price is computed.
/// Requests must be made 4 weeks to 6 months ahead (per venue; venue managers are exempt).
/// Send an `Idempotency-Key` header to make retries safe: the same key returns the same booking.
#[utoipa::path(
    tag = "bookings",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "Room id (UUID)"),
        ("Idempotency-Key" = Option<String>, Header, description = "Unique key per intended booking (1 to 200 visible characters)", pattern = "^[!-~][ -~]{0,199}$"),
    ),
    request_body = CreateBooking,
    responses(
        (status = 201, description = "Requested; a venue manager decides", body = Booking),
        (status = 200, description = "Replay: a booking with this Idempotency-Key exists", body = Booking),
        (status = 400, description = "Invalid fields, too many attendees, a use the room does not allow, outside the lead time, or while the venue is closed (`start`, code `closed`, with the reason)", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a member of the organisation", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such room", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The room is already booked then", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/rooms/{id}/bookings")]
pub async fn create_booking(
    req: HttpRequest,
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Json<CreateBooking>,
) -> Result<HttpResponse, AppError> {
    let id = room_id(&id)?;
    let body = body.into_inner();
    body.validate()?;
    let key = match req.headers().get("Idempotency-Key") {
        None => None,
        Some(v) => Some(
            v.to_str()
                .ok()
                .filter(|k| !k.is_empty() && k.len() <= 200)
                .ok_or_else(|| {
                    AppError::field(
                        "Idempotency-Key",
                        "invalid",
                        "must be 1 to 200 visible characters",
                    )
                })?
                .to_owned(),
        ),
    };
    let start = parse_time("start", &body.start)?;
    let end = parse_time("end", &body.end)?;
    if end <= start {
        return Err(AppError::field("end", "order", "must be after start"));
    }
    if end - start > Duration::hours(24) {
        return Err(AppError::field(
            "end",
            "span",
            "a booking lasts at most 24 hours",
        ));
    }
    let organisation_id = body
        .organisation_id
        .as_deref()
        .map(|o| {
            o.parse::<Uuid>()
                .map_err(|_| AppError::field("organisation_id", "invalid", "must be a UUID"))
        })
        .transpose()?;
    let inbox = format!("{}/manage", state.public_url());
    let (created, row, venue_id) = state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            if let Some(key) = &key
                && let Some(existing) = q::booking_by_key(conn, p.user.id, key)?
            {
                let venue = q::room_with_venue(conn, existing.room_id)?
                    .map(|(_, v)| v.id)
                    .unwrap_or_default();
                return Ok((false, existing, venue));
            }
            let (room, venue) = q::room_with_venue(conn, id)?
                .ok_or_else(|| AppError::NotFound("no such room".to_owned()))?;
            let now = Utc::now();
            let (category, rate) =
                request_terms(conn, &p, &room, &venue, &body, organisation_id, start)?;
            closed_check(conn, &venue, start, end)?;
            let slot = span(start, end);
            if let Some(taken) = q::busy(conn, id, slot)?.into_iter().next() {
                return Err(overlap_error(Some(&taken)));
            }
            let row = BookingRow {
                id: Uuid::now_v7(),
                room_id: id,
                requester_id: p.user.id,
                organisation_id,
                purpose: body.purpose.trim().to_owned(),
                room_use: body.room_use.clone(),
                attendees: body.attendees,
                during: slot,
                status: BookingStatus::Requested,
                tariff_category: category,
                price_cents: price_cents(rate, (end - start).num_minutes()),
                decision_reason: None,
                decided_by: None,
                decided_at: None,
                idempotency_key: key,
                created_at: now,
                updated_at: now,
                series_id: None,
            };
            // The only unique key a new booking can hit is (requester, Idempotency-Key): two
            // requests with one key raced; the loser is told to retry, which then replays.
            q::insert_booking(conn, &row).map_err(|e| {
                if q::is_unique_violation(&e) {
                    AppError::Conflict(
                        "a booking with this Idempotency-Key is being created; retry".to_owned(),
                    )
                } else {
                    e.into()
                }
            })?;
            let mut entry = NewAudit::by(Some(p.user.id), "booking.requested")
                .on("booking", row.id)
                .details(json!({"room_id": id.to_string()}));
            entry.wijk_id = venue.wijk_id;
            audit::record(conn, entry)?;
            if !is_manager(&p, &venue) {
                let request = NewRequest {
                    room: &room.name,
                    purpose: &row.purpose,
                    first: start,
                    count: 1,
                    inbox: &inbox,
                };
                notify_managers(conn, &venue, &request)?;
            }
            Ok((true, row, venue.id))
        })
        .await?;
    let view = booking_view(&row, venue_id);
    if created {
        Ok(HttpResponse::Created()
            .insert_header((header::LOCATION, "/api/v1/bookings"))
            .json(view))
    } else {
        Ok(HttpResponse::Ok()
            .insert_header(("Idempotent-Replayed", "true"))
            .json(view))
    }
}

/// Which bookings to list.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListBookingsQuery {
    /// `mine` (default): bookings I requested; `managed`: bookings of the venues I manage.
    #[param(pattern = "^(mine|managed)$")]
    pub scope: Option<String>,
}

/// List bookings
///
/// The caller's own bookings, or (`scope=managed`) the bookings of the venues the caller manages.
#[utoipa::path(
    tag = "bookings",
    security(("bearer" = [])),
    params(ListBookingsQuery),
    responses(
        (status = 200, description = "Bookings", body = Vec<Booking>),
        (status = 400, description = "Unknown scope", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/bookings")]
pub async fn list_bookings(
    caller: UserCaller,
    state: web::Data<AppState>,
    query: Query<ListBookingsQuery>,
) -> Result<web::Json<Vec<Booking>>, AppError> {
    let managed = match query.scope.as_deref() {
        None | Some("mine") => false,
        Some("managed") => true,
        Some(_) => {
            return Err(AppError::field(
                "scope",
                "invalid",
                "must be mine or managed",
            ));
        }
    };
    state
        .with_conn(move |conn| {
            let p = Principal::load(conn, caller)?;
            let rows = if managed {
                let venues: Vec<Uuid> = if p.is_admin() {
                    q::all_venue_ids(conn)?
                } else {
                    p.roles
                        .iter()
                        .filter(|(r, _)| r.role == Role::VenueManager)
                        .filter_map(|(r, _)| r.scope_id)
                        .collect()
                };
                q::bookings_of_venues(conn, &venues)?
            } else {
                q::bookings_of_requester(conn, p.user.id)?
            };
            Ok(rows.iter().map(|(b, v)| booking_view(b, *v)).collect())
        })
        .await
        .map(web::Json)
}

enum Decision {
    Approve,
    /// Checked once the caller may decide.
    Decline(DeclineBooking),
    Cancel,
}

async fn decide(
    state: &AppState,
    caller: UserCaller,
    id: Uuid,
    decision: Decision,
) -> Result<Booking, AppError> {
    let result = state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let (b, _room, venue) = q::booking_for_update(conn, id)?.ok_or_else(|| AppError::NotFound("no such booking".to_owned()))?;
            let (action, audit_action, reason) = match &decision {
                Decision::Cancel => {
                    if b.requester_id != p.user.id && !is_manager(&p, &venue) {
                        return Err(AppError::Forbidden("only the requester or a manager of this venue may cancel".to_owned()));
                    }
                    (BookingAction::Cancel, "booking.cancelled", None)
                }
                Decision::Approve | Decision::Decline(_) => {
                    if !is_manager(&p, &venue) {
                        return Err(AppError::Forbidden("only managers of this venue may decide".to_owned()));
                    }
                    match &decision {
                        Decision::Decline(body) => {
                            body.validate()?;
                            (BookingAction::Decline, "booking.declined", Some(body.reason.trim().to_owned()))
                        }
                        _ => (BookingAction::Approve, "booking.approved", None),
                    }
                }
            };
            let status = transition(b.status, action).map_err(|refusal| AppError::Conflict(refusal.to_string()))?;
            if action == BookingAction::Approve
                && let Some(taken) = q::busy(conn, b.room_id, b.during)?.into_iter().next()
            {
                return Err(overlap_error(Some(&taken)));
            }
            if action == BookingAction::Approve {
                let (start, end) = span_ends(&b.during);
                closed_check(conn, &venue, start, end).map_err(|e| match e {
                    AppError::Validation(errors) => AppError::Conflict(
                        errors.into_iter().map(|e| e.message).collect::<Vec<_>>().join("; "),
                    ),
                    other => other,
                })?;
            }
            let action = audit_action;
            let decided_by = matches!(decision, Decision::Approve | Decision::Decline(_)).then_some(p.user.id);
            q::set_status(conn, id, status, decided_by, reason.as_deref()).map_err(|e| if q::is_booking_overlap(&e) { overlap_error(None) } else { e.into() })?;
            let mut entry = NewAudit::by(Some(p.user.id), action).on("booking", id).details(json!({"reason": reason}));
            entry.wijk_id = venue.wijk_id;
            audit::record(conn, entry)?;
            if b.requester_id != p.user.id
                && let Some(to) = users::user_by_id(conn, b.requester_id)?.and_then(|u| u.email)
            {
                let (start, _) = span_ends(&b.during);
                let body = format!(
                    "Je aanvraag voor {} op {} is {}.{}\n\nYour booking request for {} on {} is {status}.\n",
                    venue.name,
                    start.format("%d/%m/%Y %H:%M UTC"),
                    match status { BookingStatus::Approved => "goedgekeurd", BookingStatus::Declined => "geweigerd", _ => "geannuleerd" },
                    reason.as_ref().map(|r| format!("\nReden: {r}")).unwrap_or_default(),
                    venue.name,
                    start.format("%Y-%m-%d %H:%M UTC"),
                );
                outbox::queue(conn, Some(b.requester_id), &to, "booking_decision", &format!("Samenstad: aanvraag {status}"), &body)?;
            }
            let mut updated = b.clone();
            updated.status = status;
            updated.decision_reason = reason;
            Ok(booking_view(&updated, venue.id))
        })
        .await;
    match result {
        // The exclusion constraint fired after the transaction was aborted: name the slot now.
        Err(AppError::Conflict(m)) if m == "the room is already booked in this period" => {
            let slot = state
                .with_conn(move |conn| {
                    let Some((b, _, _)) = q::booking_for_update(conn, id)? else {
                        return Ok(None);
                    };
                    Ok(q::busy(conn, b.room_id, b.during)?.into_iter().next())
                })
                .await?;
            Err(overlap_error(slot.as_ref()))
        }
        other => other,
    }
}

/// Approve a booking
///
/// Venue managers (or admins) approve a requested booking. Two approved bookings of one room
/// never overlap: the database refuses it, and the answer is 409 naming the taken slot.
#[utoipa::path(
    tag = "bookings",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Booking id (UUID)")),
    responses(
        (status = 200, description = "Approved", body = Booking),
        (status = 403, description = "Not a manager of this venue", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such booking", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already decided, the slot is taken, or the venue is closed then", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/bookings/{id}/approve", wrap = "from_fn(gate::city_role)")]
pub async fn approve_booking(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<web::Json<Booking>, AppError> {
    let id = parse_id(&id, "booking")?;
    decide(&state, caller, id, Decision::Approve)
        .await
        .map(web::Json)
}

/// Decline a booking
///
/// Venue managers (or admins) decline a requested booking with a reason the requester reads.
#[utoipa::path(
    tag = "bookings",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Booking id (UUID)")),
    request_body = DeclineBooking,
    responses(
        (status = 200, description = "Declined", body = Booking),
        (status = 400, description = "Missing reason", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a manager of this venue", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such booking", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already decided", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/bookings/{id}/decline", wrap = "from_fn(gate::city_role)")]
pub async fn decline_booking(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Json<DeclineBooking>,
) -> Result<web::Json<Booking>, AppError> {
    let id = parse_id(&id, "booking")?;
    decide(&state, caller, id, Decision::Decline(body.into_inner()))
        .await
        .map(web::Json)
}

/// Cancel a booking
///
/// The requester (or a manager of the venue) cancels a requested or approved booking.
#[utoipa::path(
    tag = "bookings",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Booking id (UUID)")),
    responses(
        (status = 200, description = "Cancelled", body = Booking),
        (status = 403, description = "Not the requester nor a manager", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such booking", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already declined, cancelled or completed", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/bookings/{id}/cancel")]
pub async fn cancel_booking(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<web::Json<Booking>, AppError> {
    let id = parse_id(&id, "booking")?;
    decide(&state, caller, id, Decision::Cancel)
        .await
        .map(web::Json)
}
