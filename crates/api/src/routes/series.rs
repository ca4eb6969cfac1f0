//! Recurring bookings: a series is requested, approved and cancelled as one object; conflicts
//! are reported per occurrence.

use actix_web::{HttpResponse, get, post, web};
use chrono::{DateTime, Duration, Months, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Brussels;
use samenstad_db::queries::audit::{self, NewAudit};
use samenstad_db::queries::venue_upkeep as upkeep;
use samenstad_db::queries::venues::{self as q, BookingRow, SeriesRow, span, span_ends};
use samenstad_domain::booking::{BookingAction, BookingStatus, price_cents, transition};
use samenstad_types::venue::{BookingSeries, CreateBookingSeries, Recurrence};
use samenstad_types::{FieldError, Problem};
use serde_json::json;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use crate::auth::UserCaller;
use crate::error::AppError;
use crate::principal::{Principal, parse_id};
use crate::routes::venues_common::{booking_view, is_manager, parse_time, request_terms};
use crate::state::AppState;

/// Most occurrences in one series (a year of weeks).
const MAX_OCCURRENCES: usize = 53;

/// Registers the handlers of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create_series)
        .service(get_series)
        .service(approve_series)
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
                format!(
                    "{} is closed from {} to {}: {}",
                    venue.name, c.first_day, c.last_day, c.reason
                ),
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
    body.validate()?;
    let recurrence = Recurrence::parse(&body.recurrence).ok_or_else(|| {
        AppError::field(
            "recurrence",
            "invalid",
            "must be weekly, biweekly or monthly",
        )
    })?;
    let until = NaiveDate::parse_from_str(&body.until, "%Y-%m-%d")
        .map_err(|_| AppError::field("until", "invalid", "must be a date YYYY-MM-DD"))?;
    let start = parse_time("start", &body.first.start)?;
    let end = parse_time("end", &body.first.end)?;
    if end <= start || end - start > Duration::hours(24) {
        return Err(AppError::field(
            "end",
            "range",
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
            "range",
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
        (status = 409, description = "Occurrences overlap approved bookings, or nothing is left to approve", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/booking-series/{id}/approve")]
pub async fn approve_series(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<web::Json<BookingSeries>, AppError> {
    let id = parse_id(&id, "booking series")?;
    decide_series(&state, caller, id, true).await.map(web::Json)
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
    decide_series(&state, caller, id, false)
        .await
        .map(web::Json)
}

async fn decide_series(
    state: &AppState,
    caller: UserCaller,
    id: Uuid,
    approve: bool,
) -> Result<BookingSeries, AppError> {
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let (series, _room, venue, mut occ) = q::series_for_update(conn, id)?
                .ok_or_else(|| AppError::NotFound("no such booking series".to_owned()))?;
            let allowed = if approve {
                is_manager(&p, &venue)
            } else {
                series.requester_id == p.user.id || is_manager(&p, &venue)
            };
            if !allowed {
                return Err(AppError::Forbidden(
                    if approve {
                        "only managers of this venue may decide"
                    } else {
                        "only the requester or a manager may cancel"
                    }
                    .to_owned(),
                ));
            }
            let action = if approve {
                BookingAction::Approve
            } else {
                BookingAction::Cancel
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
            }
            let status = if approve {
                BookingStatus::Approved
            } else {
                BookingStatus::Cancelled
            };
            let ids: Vec<Uuid> = targets.iter().map(|&i| occ[i].id).collect();
            q::set_statuses(conn, &ids, status, approve.then_some(p.user.id), None).map_err(
                |e| {
                    if q::is_booking_overlap(&e) {
                        AppError::Conflict(
                            "an occurrence overlaps a booking approved at the same moment"
                                .to_owned(),
                        )
                    } else {
                        e.into()
                    }
                },
            )?;
            for &i in &targets {
                occ[i].status = status.to_owned();
            }
            let action = if approve {
                "booking_series.approved"
            } else {
                "booking_series.cancelled"
            };
            let mut entry = NewAudit::by(Some(p.user.id), action)
                .on("booking_series", id)
                .details(json!({"occurrences": targets.len()}));
            entry.wijk_id = venue.wijk_id;
            audit::record(conn, entry)?;
            Ok(series_view(&series, venue.id, &occ))
        })
        .await
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
