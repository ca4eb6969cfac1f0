//! Pieces shared by single bookings (`venues`), booking series (`series`), a venue's upkeep
//! (`venue_upkeep`) and its photo (`files`): parsing times, who manages or keeps a venue, the
//! terms of a request, closures, and the views of a venue and a booking.

use actix_web::HttpResponse;
use actix_web::http::header;
use chrono::{DateTime, Duration, Utc};
use chrono_tz::Europe::Brussels;
use samenstad_db::PgConnection;
use samenstad_db::queries::organisations as orgs;
use samenstad_db::queries::outbox;
use samenstad_db::queries::venue_upkeep as upkeep;
use samenstad_db::queries::venues::{
    self as q, BookingRow, OpeningHoursRow, RoomRow, VenueRow, span, span_ends,
};
use samenstad_domain::booking::{Booker, RoomTariffs, tariff};
use samenstad_types::account::Role;
use samenstad_types::venue::{
    Address, Booking, Closure, CreateBooking, OpeningHours, PRIVATE_VENUE_DISCLAIMER, Room,
    TariffCategory, Tariffs, Venue, VenueDetail, VenueOperator,
};
use uuid::Uuid;

use crate::error::AppError;
use crate::etag;
use crate::principal::Principal;

/// An RFC 3339 timestamp of request field `field`.
pub(crate) fn parse_time(field: &str, value: &str) -> Result<DateTime<Utc>, AppError> {
    DateTime::parse_from_rfc3339(value)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| {
            AppError::field(
                field,
                "invalid",
                "must be an RFC 3339 timestamp, e.g. 2027-01-12T19:00:00+01:00",
            )
        })
}

/// The API view of a booking of a room of venue `venue_id`.
pub(crate) fn booking_view(row: &BookingRow, venue_id: Uuid) -> Booking {
    let (start, end) = span_ends(&row.during);
    Booking {
        id: row.id.to_string(),
        room_id: row.room_id.to_string(),
        venue_id: venue_id.to_string(),
        status: row.status,
        purpose: row.purpose.clone(),
        attendees: row.attendees,
        start: start.to_rfc3339(),
        end: end.to_rfc3339(),
        room_use: row.room_use.clone(),
        organisation_id: row.organisation_id.map(|o| o.to_string()),
        tariff_category: row.tariff_category,
        price_cents: row.price_cents,
        decision_reason: row.decision_reason.clone(),
        series_id: row.series_id.map(|s| s.to_string()),
    }
}

/// Whether the account manages the venue (or administers everything).
pub(crate) fn is_manager(p: &Principal, venue: &VenueRow) -> bool {
    p.is_admin()
        || p.roles
            .iter()
            .any(|(r, _)| r.role == Role::VenueManager && r.scope_id == Some(venue.id))
}

/// Checks a request against the room and venue rules and returns the tariff category and the
/// hourly rate: attendees within capacity, an allowed use, the lead time (managers are exempt)
/// and membership of the organisation booked for.
pub(crate) fn request_terms(
    conn: &mut PgConnection,
    p: &Principal,
    room: &RoomRow,
    venue: &VenueRow,
    body: &CreateBooking,
    organisation_id: Option<Uuid>,
    start: DateTime<Utc>,
) -> Result<(TariffCategory, i32), AppError> {
    if body.attendees > room.capacity {
        return Err(AppError::field(
            "attendees",
            "capacity",
            &format!("the room holds at most {} people", room.capacity),
        ));
    }
    if !room.uses.is_empty() && !room.uses.contains(&body.room_use) {
        return Err(AppError::field(
            "room_use",
            "not_allowed",
            &format!("this room allows: {}", room.uses.join(", ")),
        ));
    }
    let now = Utc::now();
    if !is_manager(p, venue) {
        if start < now + Duration::days(i64::from(venue.lead_time_min_days)) {
            return Err(AppError::field(
                "start",
                "lead_time",
                &format!("book at least {} days ahead", venue.lead_time_min_days),
            ));
        }
        if start > now + Duration::days(i64::from(venue.lead_time_max_days)) {
            return Err(AppError::field(
                "start",
                "lead_time",
                &format!("book at most {} days ahead", venue.lead_time_max_days),
            ));
        }
    }
    let booker = match organisation_id {
        None => Booker::Person,
        Some(org) => {
            if orgs::member_role(conn, org, p.user.id)?.is_none() {
                return Err(AppError::Forbidden(
                    "you can only book for organisations you belong to".to_owned(),
                ));
            }
            let (org_row, _) = orgs::organisation_by_id(conn, org)?.ok_or_else(|| {
                AppError::field("organisation_id", "unknown", "no such organisation")
            })?;
            if org_row.recognised_at.is_some() {
                Booker::RecognisedOrganisation
            } else {
                Booker::Organisation
            }
        }
    };
    let tariffs = RoomTariffs {
        recognised_cents: room.tariff_recognised_cents,
        resident_cents: room.tariff_resident_cents,
        private_cents: room.tariff_private_cents,
        free_for_neighbourhood: room.free_for_neighbourhood,
    };
    let (category, rate) = tariff(tariffs, booker, &body.room_use);
    let category = TariffCategory::parse(category)
        .ok_or_else(|| AppError::Internal(format!("tariff category `{category}` is unknown")))?;
    Ok((category, rate))
}

pub(crate) fn venue_view(
    row: &VenueRow,
    wijknr: Option<i16>,
    max_capacity: Option<i32>,
    distance: Option<f64>,
) -> Venue {
    Venue {
        id: row.id.to_string(),
        slug: row.slug.clone(),
        name: row.name.clone(),
        venue_type: row.venue_type,
        operator: row.operator,
        operator_name: row.operator_name.clone(),
        address: row.street_address.as_ref().map(|street| Address {
            street: street.clone(),
            postal_code: row.postal_code.clone(),
            city: row.city.clone(),
        }),
        city: row.city.clone(),
        lat: row.lat,
        lon: row.lon,
        location_precision: row.location_precision,
        wijknr,
        drop_in: row.drop_in,
        room_use: row.room_use,
        target_groups: row.target_groups.clone(),
        facilities: row.facilities.clone(),
        accessibility: row.accessibility.clone(),
        description: row.description.clone(),
        is_sample: row.is_sample,
        disclaimer: (row.operator == VenueOperator::Private)
            .then(|| PRIVATE_VENUE_DISCLAIMER.to_owned()),
        max_capacity,
        distance_m: distance.map(|d| d.round()),
    }
}

pub(crate) fn room_view(row: &RoomRow) -> Room {
    Room {
        id: row.id.to_string(),
        venue_id: row.venue_id.to_string(),
        name: row.name.clone(),
        capacity: row.capacity,
        uses: row.uses.clone(),
        facilities: row.facilities.clone(),
        step_free: row.step_free,
        tariffs: Tariffs {
            recognised_cents: row.tariff_recognised_cents,
            resident_cents: row.tariff_resident_cents,
            private_cents: row.tariff_private_cents,
            free_for_neighbourhood: row.free_for_neighbourhood,
        },
        is_sample: row.is_sample,
    }
}

pub(crate) fn hours_view(row: &OpeningHoursRow) -> OpeningHours {
    OpeningHours {
        weekday: row.weekday,
        opens: row.opens.format("%H:%M").to_string(),
        closes: row.closes.format("%H:%M").to_string(),
        kind: row.kind,
        condition: row.condition.clone(),
    }
}

/// The view of a closure.
pub(crate) fn closure_view(row: &upkeep::ClosureRow) -> Closure {
    Closure {
        id: row.id.to_string(),
        first_day: row.first_day.to_string(),
        last_day: row.last_day.to_string(),
        reason: row.reason.clone(),
    }
}

/// A venue with its rooms, opening hours, closures from now on and version.
pub(crate) fn venue_detail(
    conn: &mut PgConnection,
    v: &VenueRow,
    wijknr: Option<i16>,
) -> Result<VenueDetail, AppError> {
    let rooms = q::rooms_of(conn, v.id)?;
    let hours = q::hours_of(conn, v.id)?;
    let closures = upkeep::closures_of(conn, v.id, Utc::now())?;
    let max_capacity = rooms.iter().map(|r| r.capacity).max();
    Ok(VenueDetail {
        venue: venue_view(v, wijknr, max_capacity, None),
        rooms: rooms.iter().map(room_view).collect(),
        opening_hours: hours.iter().map(hours_view).collect(),
        contact_phone: v.contact_phone.clone(),
        contact_email: v.contact_email.clone(),
        website: v.website.clone(),
        lead_time_min_days: v.lead_time_min_days,
        lead_time_max_days: v.lead_time_max_days,
        closures: closures.iter().map(closure_view).collect(),
        photo_url: v.photo_id.map(|f| format!("/api/v1/files/{f}")),
        version: etag::version_tag(v.updated_at).tag().to_owned(),
    })
}

/// The venue `id` as it is now (after a change), with its rooms, hours, closures and version.
pub(crate) fn venue_detail_now(conn: &mut PgConnection, id: Uuid) -> Result<VenueDetail, AppError> {
    let (v, nr) = q::venue_by_key(conn, &id.to_string())?
        .ok_or_else(|| AppError::NotFound(format!("no venue with id `{id}`")))?;
    venue_detail(conn, &v, nr)
}

/// What people who try to book in a closure read: the venue, the days and the reason.
pub(crate) fn closed_message(venue: &VenueRow, c: &upkeep::ClosureRow) -> String {
    format!(
        "{} is closed from {} to {}: {}",
        venue.name, c.first_day, c.last_day, c.reason
    )
}

/// A response with the venue and its version as `ETag`.
pub(crate) fn detail_response(
    mut builder: actix_web::HttpResponseBuilder,
    detail: &VenueDetail,
) -> HttpResponse {
    builder
        .insert_header((header::ETAG, format!("\"{}\"", detail.version)))
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .json(detail)
}

/// Whether the account may keep the venue up to date: one of its managers, staff of its wijk
/// or an administrator.
pub(crate) fn may_keep(p: &Principal, venue: &VenueRow) -> bool {
    is_manager(p, venue) || p.is_staff_of(venue.wijk_id)
}

/// Refuses a request that falls in a closure of the venue, with the closure's reason.
pub(crate) fn closed_check(
    conn: &mut PgConnection,
    venue: &VenueRow,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<(), AppError> {
    match upkeep::closure_overlapping(conn, venue.id, span(start, end))? {
        None => Ok(()),
        Some(c) => Err(AppError::field(
            "start",
            "closed",
            &closed_message(venue, &c),
        )),
    }
}

/// The request that waits for a venue's managers: the room, what for, the first start, the
/// number of occurrences and the link to their inbox.
pub(crate) struct NewRequest<'a> {
    pub room: &'a str,
    pub purpose: &'a str,
    pub first: DateTime<Utc>,
    pub count: usize,
    pub inbox: &'a str,
}

/// Mails the venue's managers that a request (or a series) waits for them.
pub(crate) fn notify_managers(
    conn: &mut PgConnection,
    venue: &VenueRow,
    request: &NewRequest<'_>,
) -> Result<(), AppError> {
    let NewRequest {
        room,
        purpose,
        first,
        count,
        inbox,
    } = *request;
    let local = first.with_timezone(&Brussels);
    let (nl, en) = if count > 1 {
        (
            format!("een reeks van {count} aanvragen"),
            format!("a series of {count} requests"),
        )
    } else {
        ("een aanvraag".to_owned(), "a request".to_owned())
    };
    let body = format!(
        "Er is {nl} voor {room} in {venue} vanaf {}: {purpose}.\nBeslis in je inbox: {inbox}\n\nThere is {en} for {room} at {venue} from {}: {purpose}.\nDecide in your inbox: {inbox}\n",
        local.format("%d/%m/%Y %H:%M"),
        local.format("%Y-%m-%d %H:%M"),
        venue = venue.name,
    );
    for (user, _, email) in upkeep::managers_of(conn, venue.id)? {
        if let Some(to) = email {
            outbox::queue(
                conn,
                Some(user),
                &to,
                "booking_requested",
                &format!("Samenstad: nieuwe aanvraag voor {}", venue.name),
                &body,
            )?;
        }
    }
    Ok(())
}
