//! A venue's upkeep by its managers, the staff of its wijk and administrators: its details
//! and lead times, rooms with their tariffs, weekly opening hours, closures and managers. The
//! rules are in `samenstad_domain::venue`. Changes to the venue as a whole take `If-Match` with
//! its version (the `ETag` of `GET /venues/{key}`): 412 when someone changed it meanwhile, 428
//! without. Every change is audited in its transaction. The photo is in `files`.

use actix_web::http::header;
use actix_web::middleware::from_fn;
use actix_web::{HttpRequest, HttpResponse, delete, get, post, put, web};
use chrono::{NaiveDate, NaiveTime, Utc};
use samenstad_db::PgConnection;
use samenstad_db::queries::accounts::{self as users, RoleRow};
use samenstad_db::queries::audit::{self, NewAudit};
use samenstad_db::queries::venue_upkeep::{self as q, ClosureRow, RoomChange, VenueDetailsChange};
use samenstad_db::queries::venues::{self as venues, OpeningHoursRow, RoomRow, VenueRow, span};
use samenstad_domain::venue as rules;
use samenstad_types::account::Role;
use samenstad_types::venue::{
    AddVenueManager, CreateClosure, RoomInput, SetOpeningHours, UpdateVenue, VenueDetail,
    VenueManager,
};
use samenstad_types::{FieldError, Problem};
use serde_json::json;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use crate::auth::UserCaller;
use crate::error::{AppError, field_problems};
use crate::etag::{self, Precondition};
use crate::gate;
use crate::local_time::midnight as local_midnight;
use crate::principal::{Principal, parse_id};
use crate::routes::venues_common::{detail_response, may_keep, venue_detail_now};
use crate::state::AppState;

/// Registers the handlers of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(update_venue)
        .service(set_opening_hours)
        .service(add_room)
        .service(update_room)
        .service(delete_room)
        .service(add_closure)
        .service(delete_closure)
        .service(list_managers)
        .service(add_manager)
        .service(remove_manager);
}

/// The venue, locked, when the caller may keep it.
fn kept_venue(
    conn: &mut PgConnection,
    caller: UserCaller,
    id: Uuid,
) -> Result<(Principal, VenueRow), AppError> {
    let p = Principal::load(conn, caller)?;
    let v = q::venue_for_update(conn, id)?
        .ok_or_else(|| AppError::NotFound(format!("no venue with id `{id}`")))?;
    if !may_keep(&p, &v) {
        return Err(AppError::Forbidden(
            "only the venue's managers and staff of its wijk may change it".to_owned(),
        ));
    }
    Ok((p, v))
}

/// Records an audit entry about the venue (in the change's transaction).
fn record(
    conn: &mut PgConnection,
    p: &Principal,
    v: &VenueRow,
    action: &str,
    details: serde_json::Value,
) -> Result<(), AppError> {
    let mut entry = NewAudit::by(Some(p.user.id), action)
        .on("venue", v.id)
        .details(details);
    entry.wijk_id = v.wijk_id;
    audit::record(conn, entry)?;
    Ok(())
}

/// Trimmed text, or none when blank.
fn text(value: Option<&String>) -> Option<String> {
    value.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

/// Distinct, trimmed, non-blank values in their order.
fn tags(values: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for v in values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()) {
        if !out.iter().any(|o| o == v) {
            out.push(v.to_owned());
        }
    }
    out
}

/// Update a venue's details
///
/// Name, description, drop-in and room use, target groups, facilities, accessibility, contact
/// details and the lead times of bookings; the whole set (left-out optional fields are
/// emptied). Send the venue's version as `If-Match`. For the venue's managers and staff of
/// its wijk.
#[utoipa::path(
    tag = "venues",
    security(("bearer" = [])),
    params(
        ("key" = String, Path, description = "Venue id (UUID) or slug"),
        ("If-Match" = String, Header, description = "The venue's version: the `ETag` of `GET /venues/{key}`"),
    ),
    request_body = UpdateVenue,
    responses(
        (status = 200, description = "The venue as it is now", body = VenueDetail,
            headers(("ETag" = String, description = "The venue's new version"))),
        (status = 400, description = "Invalid fields (each in `errors`)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Neither a manager of the venue nor staff of its wijk", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such venue", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Someone changed the venue meanwhile", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "No `If-Match`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/venues/{key}", wrap = "from_fn(gate::city_role)")]
pub async fn update_venue(
    caller: UserCaller,
    state: web::Data<AppState>,
    req: HttpRequest,
    key: web::Path<String>,
    body: web::Json<UpdateVenue>,
) -> Result<HttpResponse, AppError> {
    let key = key.into_inner();
    let precondition = Precondition::of(&req);
    let body = body.into_inner();
    let detail = state
        .transaction(move |conn| {
            // The same path as `GET /venues/{key}`: an id or a slug.
            let id = venues::venue_by_key(conn, &key)?
                .map(|(v, _)| v.id)
                .ok_or_else(|| AppError::NotFound(format!("no venue `{key}`")))?;
            let (p, v) = kept_venue(conn, caller, id)?;
            precondition.check(&etag::version_tag(v.updated_at), "this venue")?;
            let mut errors = field_problems(&body);
            errors.extend(rules::check_lead_times(
                body.lead_time_min_days,
                body.lead_time_max_days,
            ));
            AppError::unless_valid(errors)?;
            let change = VenueDetailsChange {
                name: body.name.trim().to_owned(),
                description: body.description.trim().to_owned(),
                drop_in: body.drop_in,
                room_use: body.room_use,
                target_groups: tags(&body.target_groups),
                facilities: tags(&body.facilities),
                accessibility: tags(&body.accessibility),
                contact_phone: text(body.contact_phone.as_ref()),
                contact_email: text(body.contact_email.as_ref()),
                website: text(body.website.as_ref()),
                lead_time_min_days: body.lead_time_min_days,
                lead_time_max_days: body.lead_time_max_days,
            };
            let changed: Vec<&str> = [
                ("name", change.name != v.name),
                ("description", change.description != v.description),
                ("drop_in", change.drop_in != v.drop_in),
                ("room_use", change.room_use != v.room_use),
                ("target_groups", change.target_groups != v.target_groups),
                ("facilities", change.facilities != v.facilities),
                ("accessibility", change.accessibility != v.accessibility),
                ("contact_phone", change.contact_phone != v.contact_phone),
                ("contact_email", change.contact_email != v.contact_email),
                ("website", change.website != v.website),
                (
                    "lead_time_min_days",
                    change.lead_time_min_days != v.lead_time_min_days,
                ),
                (
                    "lead_time_max_days",
                    change.lead_time_max_days != v.lead_time_max_days,
                ),
            ]
            .into_iter()
            .filter_map(|(f, c)| c.then_some(f))
            .collect();
            q::update_details(conn, id, &change)?;
            record(conn, &p, &v, "venue.updated", json!({"fields": changed}))?;
            venue_detail_now(conn, id)
        })
        .await?;
    Ok(detail_response(HttpResponse::Ok(), &detail))
}

/// Set a venue's opening hours
///
/// Replaces the weekly opening hours. On one weekday, hours of the same kind may not overlap;
/// `conditional` hours say their condition. Send the venue's version as `If-Match`.
#[utoipa::path(
    tag = "venues",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "Venue id (UUID)"),
        ("If-Match" = String, Header, description = "The venue's version: the `ETag` of `GET /venues/{key}`"),
    ),
    request_body = SetOpeningHours,
    responses(
        (status = 200, description = "The venue as it is now", body = VenueDetail,
            headers(("ETag" = String, description = "The venue's new version"))),
        (status = 400, description = "Invalid hours (each in `errors`, as `hours[i].field`)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Neither a manager of the venue nor staff of its wijk", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such venue", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Someone changed the venue meanwhile", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "No `If-Match`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/venues/{id}/opening-hours", wrap = "from_fn(gate::city_role)")]
pub async fn set_opening_hours(
    caller: UserCaller,
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<String>,
    body: web::Json<SetOpeningHours>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&id, "venue")?;
    let precondition = Precondition::of(&req);
    let body = body.into_inner();
    let detail = state
        .transaction(move |conn| {
            let (p, v) = kept_venue(conn, caller, id)?;
            precondition.check(&etag::version_tag(v.updated_at), "this venue")?;
            let mut errors = Vec::new();
            let mut parsed = Vec::with_capacity(body.hours.len());
            for (i, h) in body.hours.iter().enumerate() {
                let time = |field: &str, value: &str, errors: &mut Vec<FieldError>| {
                    NaiveTime::parse_from_str(value.trim(), "%H:%M")
                        .map_err(|_| {
                            errors.push(FieldError::new(
                                format!("hours[{i}].{field}"),
                                "invalid",
                                "must be a time HH:MM, e.g. 09:30",
                            ));
                        })
                        .ok()
                };
                let opens = time("opens", &h.opens, &mut errors);
                let closes = time("closes", &h.closes, &mut errors);
                if let (Some(opens), Some(closes)) = (opens, closes) {
                    parsed.push(rules::Hours {
                        weekday: h.weekday,
                        opens,
                        closes,
                        kind: h.kind,
                        condition: text(h.condition.as_ref()),
                    });
                }
            }
            errors.extend(rules::check_hours(&parsed));
            AppError::unless_valid(errors)?;
            let rows: Vec<OpeningHoursRow> = parsed
                .into_iter()
                .map(|h| OpeningHoursRow {
                    id: Uuid::now_v7(),
                    venue_id: id,
                    weekday: h.weekday,
                    opens: h.opens,
                    closes: h.closes,
                    kind: h.kind,
                    condition: h.condition,
                })
                .collect();
            q::replace_hours(conn, id, &rows)?;
            q::touch(conn, id)?;
            record(
                conn,
                &p,
                &v,
                "venue.opening_hours_set",
                json!({"rows": rows.len()}),
            )?;
            venue_detail_now(conn, id)
        })
        .await?;
    Ok(detail_response(HttpResponse::Ok(), &detail))
}

/// The checked fields of a room.
fn room_change(body: &RoomInput) -> Result<RoomChange, AppError> {
    let mut errors = field_problems(&body);
    let uses = tags(&body.uses);
    errors.extend(rules::check_room(&uses, &body.tariffs));
    AppError::unless_valid(errors)?;
    Ok(RoomChange {
        name: body.name.trim().to_owned(),
        capacity: body.capacity,
        uses,
        facilities: tags(&body.facilities),
        step_free: body.step_free,
        tariff_recognised_cents: body.tariffs.recognised_cents,
        tariff_resident_cents: body.tariffs.resident_cents,
        tariff_private_cents: body.tariffs.private_cents,
        free_for_neighbourhood: body.tariffs.free_for_neighbourhood,
        is_sample: false,
        updated_at: Utc::now(),
    })
}

/// Add a room
///
/// A new room of the venue with its capacity, allowed uses, facilities, step-free access and
/// hourly tariffs per user category. For the venue's managers and staff of its wijk.
#[utoipa::path(
    tag = "venues",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Venue id (UUID)")),
    request_body = RoomInput,
    responses(
        (status = 201, description = "Added; the venue as it is now", body = VenueDetail,
            headers(("ETag" = String, description = "The venue's new version"),
                ("Location" = String, description = "The venue"))),
        (status = 400, description = "Invalid fields (each in `errors`)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Neither a manager of the venue nor staff of its wijk", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such venue", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/venues/{id}/rooms", wrap = "from_fn(gate::city_role)")]
pub async fn add_room(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Json<RoomInput>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&id, "venue")?;
    let body = body.into_inner();
    let detail = state
        .transaction(move |conn| {
            let (p, v) = kept_venue(conn, caller, id)?;
            let c = room_change(&body)?;
            let now = Utc::now();
            let row = RoomRow {
                id: Uuid::now_v7(),
                venue_id: id,
                name: c.name,
                capacity: c.capacity,
                uses: c.uses,
                facilities: c.facilities,
                step_free: c.step_free,
                tariff_recognised_cents: c.tariff_recognised_cents,
                tariff_resident_cents: c.tariff_resident_cents,
                tariff_private_cents: c.tariff_private_cents,
                free_for_neighbourhood: c.free_for_neighbourhood,
                is_sample: false,
                created_at: now,
                updated_at: now,
            };
            q::insert_room(conn, &row)?;
            q::touch(conn, id)?;
            record(
                conn,
                &p,
                &v,
                "venue.room_added",
                json!({"room": row.id.to_string(), "capacity": row.capacity}),
            )?;
            venue_detail_now(conn, id)
        })
        .await?;
    let mut created = HttpResponse::Created();
    created.insert_header((header::LOCATION, format!("/api/v1/venues/{id}")));
    Ok(detail_response(created, &detail))
}

/// The room and its venue (locked), when the caller may keep the venue.
fn kept_room(
    conn: &mut PgConnection,
    caller: UserCaller,
    room_id: Uuid,
) -> Result<(Principal, VenueRow, RoomRow), AppError> {
    let (room, venue) = venues::room_with_venue(conn, room_id)?
        .ok_or_else(|| AppError::NotFound(format!("no room with id `{room_id}`")))?;
    let (p, v) = kept_venue(conn, caller, venue.id)?;
    Ok((p, v, room))
}

/// Update a room
///
/// Its name, capacity, uses, facilities, step-free access and tariffs (the whole set). Send
/// the venue's version as `If-Match`. Bookings made already keep their price.
#[utoipa::path(
    tag = "venues",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "Room id (UUID)"),
        ("If-Match" = String, Header, description = "The venue's version: the `ETag` of `GET /venues/{key}`"),
    ),
    request_body = RoomInput,
    responses(
        (status = 200, description = "The venue as it is now", body = VenueDetail,
            headers(("ETag" = String, description = "The venue's new version"))),
        (status = 400, description = "Invalid fields (each in `errors`)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Neither a manager of the venue nor staff of its wijk", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such room", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Someone changed the venue meanwhile", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "No `If-Match`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/rooms/{id}", wrap = "from_fn(gate::city_role)")]
pub async fn update_room(
    caller: UserCaller,
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<String>,
    body: web::Json<RoomInput>,
) -> Result<HttpResponse, AppError> {
    let room_id = parse_id(&id, "room")?;
    let precondition = Precondition::of(&req);
    let body = body.into_inner();
    let detail = state
        .transaction(move |conn| {
            let (p, v, room) = kept_room(conn, caller, room_id)?;
            precondition.check(&etag::version_tag(v.updated_at), "this venue")?;
            let c = room_change(&body)?;
            q::update_room(conn, room_id, &c)?;
            q::touch(conn, v.id)?;
            record(
                conn,
                &p,
                &v,
                "venue.room_updated",
                json!({"room": room_id.to_string(), "capacity": [room.capacity, c.capacity]}),
            )?;
            venue_detail_now(conn, v.id)
        })
        .await?;
    Ok(detail_response(HttpResponse::Ok(), &detail))
}

/// Remove a room
///
/// Only a room that was never booked can go (bookings are kept for the record): 409 otherwise.
/// Send the venue's version as `If-Match`.
#[utoipa::path(
    tag = "venues",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "Room id (UUID)"),
        ("If-Match" = String, Header, description = "The venue's version: the `ETag` of `GET /venues/{key}`"),
    ),
    responses(
        (status = 200, description = "Removed; the venue as it is now", body = VenueDetail,
            headers(("ETag" = String, description = "The venue's new version"))),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Neither a manager of the venue nor staff of its wijk", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such room", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The room has bookings", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Someone changed the venue meanwhile", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "No `If-Match`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/rooms/{id}", wrap = "from_fn(gate::city_role)")]
pub async fn delete_room(
    caller: UserCaller,
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let room_id = parse_id(&id, "room")?;
    let precondition = Precondition::of(&req);
    let detail = state
        .transaction(move |conn| {
            let (p, v, room) = kept_room(conn, caller, room_id)?;
            precondition.check(&etag::version_tag(v.updated_at), "this venue")?;
            if !q::delete_room(conn, room_id)? {
                let open = q::room_has_open_bookings(conn, room_id)?;
                return Err(AppError::Conflict(if open {
                    format!(
                        "{} has bookings to come; decline or cancel them first",
                        room.name
                    )
                } else {
                    format!(
                        "{} has past bookings, which are kept for the record; the room stays",
                        room.name
                    )
                }));
            }
            q::touch(conn, v.id)?;
            record(
                conn,
                &p,
                &v,
                "venue.room_removed",
                json!({"room": room_id.to_string(), "name": room.name}),
            )?;
            venue_detail_now(conn, v.id)
        })
        .await?;
    Ok(detail_response(HttpResponse::Ok(), &detail))
}

fn day(field: &str, value: &str) -> Result<NaiveDate, FieldError> {
    crate::local_time::day_field(field, value.trim())
}

/// Close a venue for a period
///
/// From the first to the last day (inclusive, Belgian time) the venue takes no booking
/// requests; people who try are told the reason. Refused with 409, listing them, while
/// approved bookings fall in the period: decline or cancel those first.
#[utoipa::path(
    tag = "venues",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Venue id (UUID)")),
    request_body = CreateClosure,
    responses(
        (status = 201, description = "Closed; the venue as it is now", body = VenueDetail,
            headers(("ETag" = String, description = "The venue's new version"),
                ("Location" = String, description = "The venue"))),
        (status = 400, description = "Invalid days or reason (each in `errors`)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Neither a manager of the venue nor staff of its wijk", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such venue", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Approved bookings fall in the period (listed in `errors`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/venues/{id}/closures", wrap = "from_fn(gate::city_role)")]
pub async fn add_closure(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Json<CreateClosure>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&id, "venue")?;
    let body = body.into_inner();
    let detail = state
        .transaction(move |conn| {
            let (p, v) = kept_venue(conn, caller, id)?;
            let mut errors = field_problems(&body);
            let first = day("first_day", &body.first_day).map_err(|e| errors.push(e));
            let last = day("last_day", &body.last_day).map_err(|e| errors.push(e));
            if let (Ok(first), Ok(last)) = (first, last) {
                let today = Utc::now()
                    .with_timezone(&chrono_tz::Europe::Brussels)
                    .date_naive();
                errors.extend(rules::check_closure(first, last, today));
            }
            AppError::unless_valid(errors)?;
            let (Ok(first), Ok(last)) = (first, last) else {
                return Err(AppError::Internal("checked dates are missing".to_owned()));
            };
            let during = span(
                local_midnight(first),
                local_midnight(last + chrono::Duration::days(1)),
            );
            let approved = venues::approved_in_venue(conn, id, during)?;
            if !approved.is_empty() {
                let errors = approved
                    .iter()
                    .map(|(b, room)| {
                        let (start, end) = venues::span_ends(&b.during);
                        FieldError::new(
                            format!("bookings[{}]", b.id),
                            "approved",
                            format!(
                                "{room} is booked from {} to {}: {}",
                                start.to_rfc3339(),
                                end.to_rfc3339(),
                                b.purpose
                            ),
                        )
                    })
                    .collect::<Vec<_>>();
                return Err(AppError::ConflictWith(
                    format!(
                        "{} approved booking(s) fall in this period; decline or cancel them first",
                        errors.len()
                    ),
                    errors,
                ));
            }
            let row = ClosureRow {
                id: Uuid::now_v7(),
                venue_id: id,
                first_day: first,
                last_day: last,
                during,
                reason: body.reason.trim().to_owned(),
                created_by: Some(p.user.id),
                created_at: Utc::now(),
            };
            q::insert_closure(conn, &row)?;
            q::touch(conn, id)?;
            record(
                conn,
                &p,
                &v,
                "venue.closed",
                json!({"closure": row.id.to_string(), "first_day": first.to_string(), "last_day": last.to_string()}),
            )?;
            venue_detail_now(conn, id)
        })
        .await?;
    let mut created = HttpResponse::Created();
    created.insert_header((header::LOCATION, format!("/api/v1/venues/{id}")));
    Ok(detail_response(created, &detail))
}

/// Remove a closure
///
/// The venue takes requests in that period again.
#[utoipa::path(
    tag = "venues",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "Venue id (UUID)"),
        ("closure_id" = String, Path, description = "Closure id (UUID)"),
    ),
    responses(
        (status = 200, description = "Removed; the venue as it is now", body = VenueDetail,
            headers(("ETag" = String, description = "The venue's new version"))),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Neither a manager of the venue nor staff of its wijk", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such venue or closure", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete(
    "/venues/{id}/closures/{closure_id}",
    wrap = "from_fn(gate::city_role)"
)]
pub async fn delete_closure(
    caller: UserCaller,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (id, closure) = path.into_inner();
    let id = parse_id(&id, "venue")?;
    let closure = parse_id(&closure, "closure")?;
    let detail = state
        .transaction(move |conn| {
            let (p, v) = kept_venue(conn, caller, id)?;
            let row = q::delete_closure(conn, id, closure)?
                .ok_or_else(|| AppError::NotFound("no such closure of this venue".to_owned()))?;
            q::touch(conn, id)?;
            record(
                conn,
                &p,
                &v,
                "venue.reopened",
                json!({"closure": row.id.to_string(), "first_day": row.first_day.to_string(), "last_day": row.last_day.to_string()}),
            )?;
            venue_detail_now(conn, id)
        })
        .await?;
    Ok(detail_response(HttpResponse::Ok(), &detail))
}

fn managers(conn: &mut PgConnection, venue_id: Uuid) -> Result<Vec<VenueManager>, AppError> {
    Ok(q::managers_of(conn, venue_id)?
        .into_iter()
        .map(|(user_id, display_name, email)| VenueManager {
            user_id: user_id.to_string(),
            display_name,
            email: email.unwrap_or_default(),
        })
        .collect())
}

/// List a venue's managers
///
/// Who decides its booking requests and keeps it up to date. For the venue's managers and
/// staff of its wijk.
#[utoipa::path(
    tag = "venues",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Venue id (UUID)")),
    responses(
        (status = 200, description = "The managers, by name", body = Vec<VenueManager>),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Neither a manager of the venue nor staff of its wijk", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such venue", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/venues/{id}/managers")]
pub async fn list_managers(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<web::Json<Vec<VenueManager>>, AppError> {
    let id = parse_id(&id, "venue")?;
    state
        .transaction(move |conn| {
            kept_venue(conn, caller, id)?;
            managers(conn, id)
        })
        .await
        .map(web::Json)
}

/// Make someone a manager of a venue
///
/// Grants the `venue_manager` role for this venue to the account with this e-mail address. For
/// the venue's managers and staff of its wijk.
#[utoipa::path(
    tag = "venues",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Venue id (UUID)")),
    request_body = AddVenueManager,
    responses(
        (status = 201, description = "Added; the managers, by name", body = Vec<VenueManager>),
        (status = 400, description = "Not an e-mail address, or no account has it", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Neither a manager of the venue nor staff of its wijk", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such venue", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "They manage the venue already", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/venues/{id}/managers", wrap = "from_fn(gate::city_role)")]
pub async fn add_manager(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Json<AddVenueManager>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&id, "venue")?;
    let body = body.into_inner();
    let list = state
        .transaction(move |conn| {
            let (p, v) = kept_venue(conn, caller, id)?;
            body.validate()?;
            let email = body.email.trim().to_lowercase();
            let user = users::user_by_email(conn, &email)?
                .filter(|u| u.is_active())
                .ok_or_else(|| {
                    AppError::field(
                        "email",
                        "unknown",
                        "no account has this address; ask them to register first",
                    )
                })?;
            let row = RoleRow {
                id: Uuid::now_v7(),
                user_id: user.id,
                role: Role::VenueManager,
                wijk_id: None,
                scope_id: Some(id),
                granted_by: Some(p.user.id),
                created_at: Utc::now(),
            };
            users::grant_role(conn, &row).map_err(|e| match AppError::from(e) {
                AppError::Conflict(_) => {
                    AppError::Conflict(format!("{} manages this venue already", user.display_name))
                }
                other => other,
            })?;
            record(
                conn,
                &p,
                &v,
                "venue.manager_added",
                json!({"user": user.id.to_string()}),
            )?;
            managers(conn, id)
        })
        .await?;
    Ok(HttpResponse::Created().json(list))
}

/// Remove a manager of a venue
///
/// Takes the `venue_manager` role for this venue from the account. For the venue's managers
/// and staff of its wijk.
#[utoipa::path(
    tag = "venues",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "Venue id (UUID)"),
        ("user_id" = String, Path, description = "The manager's account id (UUID)"),
    ),
    responses(
        (status = 200, description = "Removed; the managers, by name", body = Vec<VenueManager>),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Neither a manager of the venue nor staff of its wijk", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such venue, or the account does not manage it", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/venues/{id}/managers/{user_id}", wrap = "from_fn(gate::city_role)")]
pub async fn remove_manager(
    caller: UserCaller,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<web::Json<Vec<VenueManager>>, AppError> {
    let (id, user) = path.into_inner();
    let id = parse_id(&id, "venue")?;
    let user = parse_id(&user, "account")?;
    state
        .transaction(move |conn| {
            let (p, v) = kept_venue(conn, caller, id)?;
            if !q::remove_manager(conn, id, user)? {
                return Err(AppError::NotFound(
                    "this account does not manage the venue".to_owned(),
                ));
            }
            record(
                conn,
                &p,
                &v,
                "venue.manager_removed",
                json!({"user": user.to_string()}),
            )?;
            managers(conn, id)
        })
        .await
        .map(web::Json)
}
