//! Recurring bookings: a series is requested, approved and cancelled as one object; conflicts
//! are reported per occurrence.

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, get, post, web};
use chrono::{DateTime, Duration, Months, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Brussels;
use samenstad_db::queries::accounts as users;
use samenstad_db::queries::audit::{self, NewAudit};
use samenstad_db::queries::outbox;
use samenstad_db::queries::venue_upkeep as upkeep;
use samenstad_db::queries::venues::{self as q, BookingRow, SeriesRow, span, span_ends};
use samenstad_domain::booking::{BookingAction, BookingStatus, price_cents, transition};
use samenstad_types::venue::{BookingSeries, CreateBookingSeries, DeclineBooking, Recurrence};
use samenstad_types::{FieldError, Problem};
use serde_json::json;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use crate::auth::UserCaller;
use crate::error::AppError;
use crate::gate;
use crate::principal::{Principal, parse_id};
use crate::routes::venues_common::{
    NewRequest, booking_view, closed_message, is_manager, notify_managers, parse_time,
    request_terms,
};
use crate::state::AppState;

/// Most occurrences in one series (a year of weeks).
const MAX_OCCURRENCES: usize = 53;

/// Registers the handlers of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create_series)
        .service(get_series)
        .service(approve_series)
        .service(decline_series)
        .service(cancel_series);
}

/// The occurrences of a rule: the same local (Europe/Brussels) time of day, so a series keeps
/// its 19:00 across daylight-saving changes. `None` when there would be more than `MAX_OCCURRENCES`.
pub fn occurrences(
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    recurrence: &str,
    until: NaiveDate,
) -> Option<Vec<(DateTime<Utc>, DateTime<Utc>)>> {
    let length = end - start;
    let local = start.with_timezone(&Brussels).naive_local();
    let mut out = Vec::new();
    for i in 0.. {
        let next = match Recurrence::parse(recurrence) {
            Some(Recurrence::Weekly) => local + Duration::weeks(i),
            Some(Recurrence::Biweekly) => local + Duration::weeks(2 * i),
            Some(Recurrence::Monthly) | None => {
                local.checked_add_months(Months::new(u32::try_from(i).ok()?))?
            }
        };
        if next.date() > until {
            break;
        }
        if out.len() == MAX_OCCURRENCES {
            return None;
        }
        let begin = Brussels
            .from_local_datetime(&next)
            .earliest()?
            .with_timezone(&Utc);
        out.push((begin, begin + length));
    }
    Some(out)
}

fn series_view(series: &SeriesRow, venue_id: Uuid, occurrences: &[BookingRow]) -> BookingSeries {
    BookingSeries {
        id: series.id.to_string(),
        room_id: series.room_id.to_string(),
        recurrence: series.recurrence,
        until: series.until.to_string(),
        occurrences: occurrences
            .iter()
            .map(|b| booking_view(b, venue_id))
            .collect(),
    }
}

/// The 409 listing every occurrence whose slot is taken.
/// The occurrences that fall in a closure of the venue, with its reason (one query).
fn closed_occurrences(
    conn: &mut samenstad_db::PgConnection,
    venue: &samenstad_db::queries::venues::VenueRow,
    slots: &[(DateTime<Utc>, DateTime<Utc>)],
) -> Result<Vec<FieldError>, AppError> {
    let Some((first, _)) = slots.first() else {
        return Ok(Vec::new());
    };
    let closures = upkeep::closures_of(conn, venue.id, *first)?;
    Ok(slots
        .iter()
        .enumerate()
        .filter_map(|(i, (start, end))| {
            let c = closures.iter().find(|c| {
                let (from, to) = span_ends(&c.during);
                *start < to && from < *end
            })?;
            Some(FieldError::new(
                format!("occurrences[{i}]"),
                "closed",
                closed_message(venue, c),
            ))
        })
        .collect())
}

fn conflicts(taken: Vec<(usize, q::Span)>) -> AppError {
    let errors = taken
        .iter()
        .map(|(i, s)| {
            let (start, end) = span_ends(s);
            FieldError::new(
                format!("occurrences[{i}]"),
                "conflict",
                format!(
                    "the room is already booked from {} to {}",
                    start.to_rfc3339(),
                    end.to_rfc3339()
                ),
            )
        })
        .collect::<Vec<_>>();
    AppError::ConflictWith(
        format!("{} occurrence(s) overlap approved bookings", errors.len()),
        errors,
    )
}

/// Request a recurring booking
///
/// Creates the series and all its occurrences as requests in one go. If any occurrence
/// overlaps an approved booking, nothing is created and each conflicting occurrence is listed.
#[utoipa::path(
    tag = "bookings",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Room id (UUID)")),
    request_body = CreateBookingSeries,
    responses(
        (status = 201, description = "Requested; a venue manager decides on the whole series", body = BookingSeries),
        (status = 400, description = "Invalid fields, rule or dates, or too many occurrences", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a member of the organisation", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such room", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Occurrences overlap approved bookings or fall in a closure of the venue (listed in `errors`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/rooms/{id}/booking-series")]
pub async fn create_series(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Json<CreateBookingSeries>,
) -> Result<HttpResponse, AppError> {
    let room_id = parse_id(&id, "room")?;
    let body = body.into_inner();
    let inbox = format!("{}/manage", state.public_url());
    body.validate()?;
    let recurrence = Recurrence::parse(&body.recurrence).ok_or_else(|| {
        AppError::field(
            "recurrence",
            "invalid",
            "must be weekly, biweekly or monthly",
        )
    })?;
    let until = crate::local_time::day("until", &body.until)?;
    let start = parse_time("start", &body.first.start)?;
    let end = parse_time("end", &body.first.end)?;
    if end <= start || end - start > Duration::hours(24) {
        return Err(AppError::field(
            "end",
            "order",
            "must be after start, at most 24 hours later",
        ));
    }
    if until < start.with_timezone(&Brussels).date_naive() {
        return Err(AppError::field(
            "until",
            "order",
            "must not be before the first occurrence",
        ));
    }
    let slots = occurrences(start, end, recurrence.as_str(), until).ok_or_else(|| {
        AppError::field(
            "until",
            "span",
            &format!("a series has at most {MAX_OCCURRENCES} occurrences"),
        )
    })?;
    let organisation_id = body
        .first
        .organisation_id
        .as_deref()
        .map(|o| {
            o.parse::<Uuid>()
                .map_err(|_| AppError::field("organisation_id", "invalid", "must be a UUID"))
        })
        .transpose()?;
    let view = state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let (room, venue) = q::room_with_venue(conn, room_id)?
                .ok_or_else(|| AppError::NotFound("no such room".to_owned()))?;
            let (category, rate) =
                request_terms(conn, &p, &room, &venue, &body.first, organisation_id, start)?;
            let closed = closed_occurrences(conn, &venue, &slots)?;
            if !closed.is_empty() {
                return Err(AppError::ConflictWith(
                    format!(
                        "{} occurrence(s) fall in a closure of the venue",
                        closed.len()
                    ),
                    closed,
                ));
            }
            let spans: Vec<q::Span> = slots.iter().map(|(s, e)| span(*s, *e)).collect();
            let taken: Vec<(usize, q::Span)> = q::first_busy_of_each(conn, room_id, &spans)?
                .into_iter()
                .enumerate()
                .filter_map(|(i, t)| Some((i, t?)))
                .collect();
            if !taken.is_empty() {
                return Err(conflicts(taken));
            }
            let now = Utc::now();
            let series = SeriesRow {
                id: Uuid::now_v7(),
                room_id,
                requester_id: p.user.id,
                recurrence,
                until,
                created_at: now,
            };
            let bookings: Vec<BookingRow> = slots
                .iter()
                .map(|(s, e)| BookingRow {
                    id: Uuid::now_v7(),
                    room_id,
                    requester_id: p.user.id,
                    organisation_id,
                    purpose: body.first.purpose.trim().to_owned(),
                    room_use: body.first.room_use.clone(),
                    attendees: body.first.attendees,
                    during: span(*s, *e),
                    status: BookingStatus::Requested,
                    tariff_category: category,
                    price_cents: price_cents(rate, (*e - *s).num_minutes()),
                    decision_reason: None,
                    decided_by: None,
                    decided_at: None,
                    idempotency_key: None,
                    created_at: now,
                    updated_at: now,
                    series_id: Some(series.id),
                })
                .collect();
            q::insert_series(conn, &series, &bookings)?;
            let request = NewRequest {
                room: &room.name,
                purpose: body.first.purpose.trim(),
                first: span_ends(&bookings[0].during).0,
                count: bookings.len(),
                inbox: &inbox,
            };
            notify_managers(conn, &venue, &request)?;
            let mut entry = NewAudit::by(Some(p.user.id), "booking_series.requested")
                .on("booking_series", series.id)
                .details(json!({"occurrences": bookings.len()}));
            entry.wijk_id = venue.wijk_id;
            audit::record(conn, entry)?;
            Ok(series_view(&series, venue.id, &bookings))
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}

/// Get a booking series
///
/// The series with all occurrences; for its requester and the venue's managers.
#[utoipa::path(
    tag = "bookings",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Series id (UUID)")),
    responses(
        (status = 200, description = "The series", body = BookingSeries),
        (status = 403, description = "Neither the requester nor a manager", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such series", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/booking-series/{id}")]
pub async fn get_series(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<web::Json<BookingSeries>, AppError> {
    let id = parse_id(&id, "booking series")?;
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let (series, _room, venue, occ) = q::series_for_update(conn, id)?
                .ok_or_else(|| AppError::NotFound("no such booking series".to_owned()))?;
            if series.requester_id != p.user.id && !is_manager(&p, &venue) {
                return Err(AppError::Forbidden(
                    "only the requester or a manager of this venue".to_owned(),
                ));
            }
            Ok(series_view(&series, venue.id, &occ))
        })
        .await
        .map(web::Json)
}

/// Approve a booking series
///
/// Venue managers approve every requested occurrence at once. If any would overlap an approved
/// booking, nothing is approved and each conflicting occurrence is listed.
#[utoipa::path(
    tag = "bookings",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Series id (UUID)")),
    responses(
        (status = 200, description = "Approved", body = BookingSeries),
        (status = 403, description = "Not a manager of this venue", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such series", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Occurrences overlap approved bookings or fall in a closure (listed in `errors`), or nothing is left to approve", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/booking-series/{id}/approve", wrap = "from_fn(gate::city_role)")]
pub async fn approve_series(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<web::Json<BookingSeries>, AppError> {
    let id = parse_id(&id, "booking series")?;
    decide_series(&state, caller, id, SeriesDecision::Approve)
        .await
        .map(web::Json)
}

/// Decline a booking series
///
/// Venue managers decline every requested occurrence at once, with a reason the requester is
/// mailed.
#[utoipa::path(
    tag = "bookings",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Series id (UUID)")),
    request_body = DeclineBooking,
    responses(
        (status = 200, description = "Declined", body = BookingSeries),
        (status = 400, description = "No reason", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a manager of this venue", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such series", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Nothing is left to decline", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/booking-series/{id}/decline", wrap = "from_fn(gate::city_role)")]
pub async fn decline_series(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Json<DeclineBooking>,
) -> Result<web::Json<BookingSeries>, AppError> {
    let id = parse_id(&id, "booking series")?;
    decide_series(
        &state,
        caller,
        id,
        SeriesDecision::Decline(body.into_inner()),
    )
    .await
    .map(web::Json)
}

/// Cancel a booking series
///
/// The requester (or a manager) cancels every requested or approved occurrence at once.
#[utoipa::path(
    tag = "bookings",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Series id (UUID)")),
    responses(
        (status = 200, description = "Cancelled", body = BookingSeries),
        (status = 403, description = "Neither the requester nor a manager", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such series", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Nothing is left to cancel", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/booking-series/{id}/cancel")]
pub async fn cancel_series(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<web::Json<BookingSeries>, AppError> {
    let id = parse_id(&id, "booking series")?;
    decide_series(&state, caller, id, SeriesDecision::Cancel)
        .await
        .map(web::Json)
}

/// What is decided about a series.
#[derive(Debug, Clone, PartialEq, Eq)]
enum SeriesDecision {
    Approve,
    /// Checked once the caller may decide.
    Decline(DeclineBooking),
    Cancel,
}

async fn decide_series(
    state: &AppState,
    caller: UserCaller,
    id: Uuid,
    decision: SeriesDecision,
) -> Result<BookingSeries, AppError> {
    let approve = matches!(decision, SeriesDecision::Approve);
    let manager_only = !matches!(decision, SeriesDecision::Cancel);
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let (series, _room, venue, mut occ) = q::series_for_update(conn, id)?
                .ok_or_else(|| AppError::NotFound("no such booking series".to_owned()))?;
            let allowed = if manager_only {
                is_manager(&p, &venue)
            } else {
                series.requester_id == p.user.id || is_manager(&p, &venue)
            };
            if !allowed {
                return Err(AppError::Forbidden(
                    if manager_only {
                        "only managers of this venue may decide"
                    } else {
                        "only the requester or a manager may cancel"
                    }
                    .to_owned(),
                ));
            }
            if let SeriesDecision::Decline(body) = &decision {
                body.validate()?;
            }
            let action = match decision {
                SeriesDecision::Approve => BookingAction::Approve,
                SeriesDecision::Decline(_) => BookingAction::Decline,
                SeriesDecision::Cancel => BookingAction::Cancel,
            };
            // The occurrences the action applies to (the others are left as they are).
            let targets: Vec<usize> = occ
                .iter()
                .enumerate()
                .filter(|(_, b)| transition(b.status, action).is_ok())
                .map(|(i, _)| i)
                .collect();
            if targets.is_empty() {
                return Err(AppError::Conflict(
                    "nothing in this series is left to decide".to_owned(),
                ));
            }
            if approve {
                let spans: Vec<q::Span> = targets.iter().map(|&i| occ[i].during).collect();
                let taken: Vec<(usize, q::Span)> =
                    q::first_busy_of_each(conn, series.room_id, &spans)?
                        .into_iter()
                        .zip(&targets)
                        .filter_map(|(t, &i)| Some((i, t?)))
                        .collect();
                if !taken.is_empty() {
                    return Err(conflicts(taken));
                }
                let slots: Vec<(DateTime<Utc>, DateTime<Utc>)> =
                    targets.iter().map(|&i| span_ends(&occ[i].during)).collect();
                let closed: Vec<FieldError> = closed_occurrences(conn, &venue, &slots)?
                    .into_iter()
                    .map(|mut e| {
                        // Name the occurrence by its place in the whole series.
                        let k: usize = e
                            .field
                            .trim_start_matches("occurrences[")
                            .trim_end_matches(']')
                            .parse()
                            .unwrap_or_default();
                        e.field = format!("occurrences[{}]", targets.get(k).copied().unwrap_or(k));
                        e
                    })
                    .collect();
                if !closed.is_empty() {
                    return Err(AppError::ConflictWith(
                        format!(
                            "{} occurrence(s) fall in a closure of the venue",
                            closed.len()
                        ),
                        closed,
                    ));
                }
            }
            let reason = match &decision {
                SeriesDecision::Decline(body) => Some(body.reason.trim().to_owned()),
                _ => None,
            };
            let status = match decision {
                SeriesDecision::Approve => BookingStatus::Approved,
                SeriesDecision::Decline(_) => BookingStatus::Declined,
                SeriesDecision::Cancel => BookingStatus::Cancelled,
            };
            let ids: Vec<Uuid> = targets.iter().map(|&i| occ[i].id).collect();
            let decided_by = manager_only.then_some(p.user.id);
            q::set_statuses(conn, &ids, status, decided_by, reason.as_deref()).map_err(|e| {
                if q::is_booking_overlap(&e) {
                    AppError::Conflict(
                        "an occurrence overlaps a booking approved at the same moment".to_owned(),
                    )
                } else {
                    e.into()
                }
            })?;
            for &i in &targets {
                occ[i].status = status.to_owned();
                occ[i].decision_reason.clone_from(&reason);
            }
            let action = match status {
                BookingStatus::Approved => "booking_series.approved",
                BookingStatus::Declined => "booking_series.declined",
                _ => "booking_series.cancelled",
            };
            let mut entry = NewAudit::by(Some(p.user.id), action)
                .on("booking_series", id)
                .details(json!({"occurrences": targets.len()}));
            entry.wijk_id = venue.wijk_id;
            audit::record(conn, entry)?;
            if series.requester_id != p.user.id {
                let (first, _) = span_ends(&occ[targets[0]].during);
                tell_requester(
                    conn,
                    series.requester_id,
                    &venue.name,
                    first,
                    targets.len(),
                    status,
                    reason.as_deref(),
                )?;
            }
            Ok(series_view(&series, venue.id, &occ))
        })
        .await
}

/// Mails the requester of a series what was decided.
fn tell_requester(
    conn: &mut samenstad_db::PgConnection,
    requester: Uuid,
    venue: &str,
    first: DateTime<Utc>,
    count: usize,
    status: BookingStatus,
    reason: Option<&str>,
) -> Result<(), AppError> {
    let Some(to) = users::user_by_id(conn, requester)?.and_then(|u| u.email) else {
        return Ok(());
    };
    let nl = match status {
        BookingStatus::Approved => "goedgekeurd",
        BookingStatus::Declined => "geweigerd",
        _ => "geannuleerd",
    };
    let local = first.with_timezone(&Brussels);
    let body = format!(
        "Je reeks van {count} aanvragen voor {venue} vanaf {} is {nl}.{}\n\nYour series of {count} requests for {venue} from {} is {status}.\n",
        local.format("%d/%m/%Y %H:%M"),
        reason.map(|r| format!("\nReden: {r}")).unwrap_or_default(),
        local.format("%Y-%m-%d %H:%M"),
    );
    outbox::queue(
        conn,
        Some(requester),
        &to,
        "booking_decision",
        &format!("Samenstad: reeks {nl}"),
        &body,
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    #[test]
    fn a_weekly_series_keeps_its_local_time_across_daylight_saving() {
        // 19:00 in Gent on Tuesday 17 March 2026 (CET, UTC+1) …
        let start = Brussels
            .with_ymd_and_hms(2026, 3, 17, 19, 0, 0)
            .single()
            .expect("time")
            .with_timezone(&Utc);
        let slots = occurrences(
            start,
            start + Duration::hours(2),
            "weekly",
            NaiveDate::from_ymd_opt(2026, 4, 7).expect("date"),
        )
        .expect("few");
        assert_eq!(slots.len(), 4);
        // … and still 19:00 after the switch to CEST (UTC+2) on 29 March.
        for (s, e) in &slots {
            let local = s.with_timezone(&Brussels);
            assert_eq!(
                (local.format("%H:%M").to_string(), (*e - *s).num_hours()),
                ("19:00".to_owned(), 2)
            );
        }
        assert_eq!(slots[3].0.with_timezone(&Brussels).day(), 7);
    }

    #[test]
    fn monthly_and_biweekly_rules_and_the_cap() {
        let start = Brussels
            .with_ymd_and_hms(2027, 1, 31, 10, 0, 0)
            .single()
            .expect("time")
            .with_timezone(&Utc);
        let monthly = occurrences(
            start,
            start + Duration::hours(1),
            "monthly",
            NaiveDate::from_ymd_opt(2027, 4, 30).expect("date"),
        )
        .expect("few");
        let days: Vec<u32> = monthly
            .iter()
            .map(|(s, _)| s.with_timezone(&Brussels).day())
            .collect();
        assert_eq!(days, vec![31, 28, 31, 30], "the end of shorter months");
        let biweekly = occurrences(
            start,
            start + Duration::hours(1),
            "biweekly",
            NaiveDate::from_ymd_opt(2027, 3, 1).expect("date"),
        )
        .expect("few");
        assert_eq!(biweekly.len(), 3);
        assert!(
            occurrences(
                start,
                start + Duration::hours(1),
                "weekly",
                NaiveDate::from_ymd_opt(2029, 1, 1).expect("date")
            )
            .is_none()
        );
    }
}
