//! Pieces of the booking rules shared by single bookings (`venues`) and booking series
//! (`series`): parsing times, who manages a venue, the terms of a request, the booking view.

use chrono::{DateTime, Duration, Utc};
use samenstad_db::PgConnection;
use samenstad_db::queries::organisations as orgs;
use samenstad_db::queries::venues::{BookingRow, RoomRow, VenueRow, span_ends};
use samenstad_domain::booking::{Booker, RoomTariffs, tariff};
use samenstad_types::account::Role;
use samenstad_types::venue::{Booking, CreateBooking, TariffCategory};
use uuid::Uuid;

use crate::error::AppError;
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
