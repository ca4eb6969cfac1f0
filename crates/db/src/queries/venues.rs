//! Venues, rooms, opening hours and bookings.

use std::ops::Bound;

use chrono::{DateTime, NaiveTime, Utc};
use diesel::dsl::{exists, not};
use diesel::prelude::*;
use samenstad_types::venue::{
    BookingStatus, LocationPrecision, OpeningKind, Recurrence, TariffCategory, VenueChangeKind,
    VenueChangeStatus, VenueOperator, VenueType,
};
use uuid::Uuid;

use crate::schema::{booking, opening_hours, room, venue, wijk};

/// A venue row.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = venue, check_for_backend(diesel::pg::Pg))]
pub struct VenueRow {
    pub id: Uuid,
    pub municipality_id: Uuid,
    pub wijk_id: Option<Uuid>,
    pub slug: String,
    pub name: String,
    pub venue_type: VenueType,
    pub operator: VenueOperator,
    pub operator_name: Option<String>,
    pub street_address: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub location_precision: LocationPrecision,
    pub drop_in: bool,
    pub room_use: bool,
    pub target_groups: Vec<String>,
    pub facilities: Vec<String>,
    pub accessibility: Vec<String>,
    pub description: String,
    pub contact_phone: Option<String>,
    pub contact_email: Option<String>,
    pub website: Option<String>,
    pub is_sample: bool,
    pub source: String,
    pub lead_time_min_days: i32,
    pub lead_time_max_days: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The venue's photo (a stored file).
    pub photo_id: Option<Uuid>,
}

/// A room row.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = room, check_for_backend(diesel::pg::Pg))]
pub struct RoomRow {
    pub id: Uuid,
    pub venue_id: Uuid,
    pub name: String,
    pub capacity: i32,
    pub uses: Vec<String>,
    pub facilities: Vec<String>,
    pub step_free: bool,
    pub tariff_recognised_cents: i32,
    pub tariff_resident_cents: i32,
    pub tariff_private_cents: i32,
    pub free_for_neighbourhood: bool,
    pub is_sample: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// An opening-hours row.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = opening_hours, check_for_backend(diesel::pg::Pg))]
pub struct OpeningHoursRow {
    pub id: Uuid,
    pub venue_id: Uuid,
    pub weekday: i16,
    pub opens: NaiveTime,
    pub closes: NaiveTime,
    pub kind: OpeningKind,
    pub condition: Option<String>,
}

/// A time range `[start, end)`.
pub type Span = (Bound<DateTime<Utc>>, Bound<DateTime<Utc>>);

/// `[start, end)`.
pub fn span(start: DateTime<Utc>, end: DateTime<Utc>) -> Span {
    (Bound::Included(start), Bound::Excluded(end))
}

/// Start and end of a span (open ends become the epoch / far future).
pub fn span_ends(span: &Span) -> (DateTime<Utc>, DateTime<Utc>) {
    let start = match span.0 {
        Bound::Included(t) | Bound::Excluded(t) => t,
        Bound::Unbounded => DateTime::<Utc>::MIN_UTC,
    };
    let end = match span.1 {
        Bound::Included(t) | Bound::Excluded(t) => t,
        Bound::Unbounded => DateTime::<Utc>::MAX_UTC,
    };
    (start, end)
}

/// A booking row.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = booking, check_for_backend(diesel::pg::Pg))]
pub struct BookingRow {
    pub id: Uuid,
    pub room_id: Uuid,
    pub requester_id: Uuid,
    pub organisation_id: Option<Uuid>,
    pub purpose: String,
    pub room_use: String,
    pub attendees: i32,
    pub during: Span,
    pub status: BookingStatus,
    pub tariff_category: TariffCategory,
    pub price_cents: i32,
    pub decision_reason: Option<String>,
    pub decided_by: Option<Uuid>,
    pub decided_at: Option<DateTime<Utc>>,
    pub idempotency_key: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub series_id: Option<Uuid>,
}

/// Room-level and venue-level filters of the venue finder (text and distance are applied by
/// the caller).
#[derive(Debug, Clone, Default)]
pub struct VenueFilter {
    pub wijk_id: Option<Uuid>,
    pub venue_type: Option<VenueType>,
    pub capacity_min: Option<i32>,
    pub room_use: Option<String>,
    pub facility: Option<String>,
    pub accessible: bool,
    pub free_during: Option<Span>,
    /// Open on this ISO weekday at this local time (any kind of opening hours).
    pub open_at: Option<(i16, NaiveTime)>,
    /// Only venues inside this box: (min lat, max lat, min lon, max lon); a cheap pre-filter
    /// for a radius search (the exact distance is checked by the caller).
    pub bbox: Option<(f64, f64, f64, f64)>,
    /// Folded text (see `samenstad_domain::text::fold`) that the name or description must contain.
    pub text: Option<String>,
    /// Order by distance from this (lat, lon) instead of by name.
    pub near: Option<(f64, f64)>,
    /// With `near`: only venues within this many metres (equirectangular, exact enough in a city).
    pub radius_m: Option<f64>,
    /// Rows to skip and to return.
    pub offset: i64,
    pub limit: i64,
}

/// Venues matching the filters, with their wijk number and the capacity of their largest room
/// (0 without rooms).
pub fn search(
    conn: &mut PgConnection,
    f: &VenueFilter,
) -> QueryResult<Vec<(VenueRow, Option<i16>, i32)>> {
    let mut q = venue::table
        .left_join(wijk::table)
        .select((
            VenueRow::as_select(),
            wijk::wijknr.nullable(),
            venue::max_capacity,
        ))
        .order((venue::name.asc(), venue::id.asc()))
        .into_boxed();
    if let Some(w) = f.wijk_id {
        q = q.filter(venue::wijk_id.eq(w));
    }
    if let Some(text) = f.text.as_deref().filter(|t| !t.is_empty()) {
        // `samenstad_fold` (a migration) folds like `samenstad_domain::text::fold`: no accents,
        // lower case, runs of other characters as one space. This exact expression is the one
        // `venue_search_trgm_idx` indexes, so the search is answered from trigrams.
        q = q.filter(
            diesel::dsl::sql::<diesel::sql_types::Bool>(
                "samenstad_fold(venue.name || ' ' || venue.description) LIKE ",
            )
            .bind::<diesel::sql_types::Text, _>(format!("%{text}%")), // folded text has no % or _,
        );
    }
    if let Some((lat, lon)) = f.near {
        // Squared equirectangular distance in degrees of latitude; only for ordering/filtering.
        let cos = lat.to_radians().cos();
        let d2 = format!(
            "(({lat} - venue.lat) * ({lat} - venue.lat) + (({lon} - venue.lon) * {cos}) * (({lon} - venue.lon) * {cos}))"
        );
        if let Some(r) = f.radius_m {
            let deg = r / 111_320.0;
            q = q.filter(diesel::dsl::sql::<diesel::sql_types::Bool>(&format!(
                "{d2} <= {}",
                deg * deg
            )));
        }
        q = q.order((
            diesel::dsl::sql::<diesel::sql_types::Double>(&d2).asc(),
            venue::id.asc(),
        ));
    }
    q = q.offset(f.offset).limit(f.limit);
    if let Some(t) = &f.venue_type {
        q = q.filter(venue::venue_type.eq(*t));
    }
    if f.accessible {
        q = q.filter(venue::accessibility.contains(vec!["step_free_entrance".to_owned()]));
    }
    if let Some(facility) = &f.facility {
        let in_room = room::table
            .filter(room::venue_id.eq(venue::id))
            .filter(room::facilities.contains(vec![facility.clone()]));
        q = q.filter(
            venue::facilities
                .contains(vec![facility.clone()])
                .or(exists(in_room)),
        );
    }
    if let Some((lat0, lat1, lon0, lon1)) = f.bbox {
        // The form of `venue_point_idx` (GiST), so the box is answered from the index.
        q = q.filter(diesel::dsl::sql::<diesel::sql_types::Bool>(&format!(
            "point(venue.lon, venue.lat) <@ box(point({lon0}, {lat0}), point({lon1}, {lat1}))"
        )));
    }
    if let Some((weekday, time)) = f.open_at {
        let open = opening_hours::table
            .filter(opening_hours::venue_id.eq(venue::id))
            .filter(opening_hours::weekday.eq(weekday))
            .filter(opening_hours::opens.le(time))
            .filter(opening_hours::closes.gt(time));
        q = q.filter(exists(open));
    }
    if f.room_use.is_none() && f.free_during.is_none() {
        // Capacity alone: the largest room, kept on the venue by a trigger.
        if let Some(min) = f.capacity_min {
            q = q.filter(venue::max_capacity.ge(min));
        }
    } else {
        // One room must meet every room-level condition (an unset use is `uses @> '{}'`, true).
        let uses: Vec<String> = f.room_use.iter().cloned().collect();
        let rooms = room::table
            .filter(room::venue_id.eq(venue::id))
            .filter(room::capacity.ge(f.capacity_min.unwrap_or(1)))
            .filter(room::uses.contains(uses));
        q = match f.free_during {
            Some(window) => {
                let taken = booking::table
                    .filter(booking::room_id.eq(room::id))
                    .filter(booking::status.eq("approved"))
                    .filter(booking::during.overlaps_with(window));
                q.filter(exists(rooms.filter(not(exists(taken)))))
            }
            None => q.filter(exists(rooms)),
        };
    }
    q.load(conn)
}

/// A venue by id or slug, with its wijk number.
pub fn venue_by_key(
    conn: &mut PgConnection,
    key: &str,
) -> QueryResult<Option<(VenueRow, Option<i16>)>> {
    let mut q = venue::table
        .left_join(wijk::table)
        .select((VenueRow::as_select(), wijk::wijknr.nullable()))
        .into_boxed();
    q = match key.parse::<Uuid>() {
        Ok(id) => q.filter(venue::id.eq(id)),
        Err(_) => q.filter(venue::slug.eq(key.to_owned())),
    };
    q.first(conn).optional()
}

/// Rooms of a venue.
pub fn rooms_of(conn: &mut PgConnection, venue_id: Uuid) -> QueryResult<Vec<RoomRow>> {
    room::table
        .filter(room::venue_id.eq(venue_id))
        .order(room::name.asc())
        .select(RoomRow::as_select())
        .load(conn)
}

/// Opening hours of a venue.
pub fn hours_of(conn: &mut PgConnection, venue_id: Uuid) -> QueryResult<Vec<OpeningHoursRow>> {
    opening_hours::table
        .filter(opening_hours::venue_id.eq(venue_id))
        .order((opening_hours::weekday.asc(), opening_hours::opens.asc()))
        .select(OpeningHoursRow::as_select())
        .load(conn)
}

/// A room with its venue.
pub fn room_with_venue(
    conn: &mut PgConnection,
    id: Uuid,
) -> QueryResult<Option<(RoomRow, VenueRow)>> {
    room::table
        .inner_join(venue::table)
        .filter(room::id.eq(id))
        .select((RoomRow::as_select(), VenueRow::as_select()))
        .first(conn)
        .optional()
}

/// Approved bookings of a room overlapping a window, by start.
pub fn busy(conn: &mut PgConnection, room_id: Uuid, window: Span) -> QueryResult<Vec<Span>> {
    booking::table
        .filter(booking::room_id.eq(room_id))
        .filter(booking::status.eq("approved"))
        .filter(booking::during.overlaps_with(window))
        .order(booking::during.asc())
        .select(booking::during)
        .load(conn)
}

/// Stores a booking.
pub fn insert_booking(conn: &mut PgConnection, row: &BookingRow) -> QueryResult<()> {
    diesel::insert_into(booking::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// The booking a requester made with an idempotency key.
pub fn booking_by_key(
    conn: &mut PgConnection,
    requester: Uuid,
    key: &str,
) -> QueryResult<Option<BookingRow>> {
    booking::table
        .filter(booking::requester_id.eq(requester))
        .filter(booking::idempotency_key.eq(key))
        .select(BookingRow::as_select())
        .first(conn)
        .optional()
}

/// A booking with its room and venue, locked for update.
pub fn booking_for_update(
    conn: &mut PgConnection,
    id: Uuid,
) -> QueryResult<Option<(BookingRow, RoomRow, VenueRow)>> {
    booking::table
        .inner_join(room::table.inner_join(venue::table))
        .filter(booking::id.eq(id))
        .select((
            BookingRow::as_select(),
            RoomRow::as_select(),
            VenueRow::as_select(),
        ))
        .for_update()
        .first(conn)
        .optional()
}

/// Sets the status (and the decision, when given).
pub fn set_status(
    conn: &mut PgConnection,
    id: Uuid,
    status: BookingStatus,
    decided_by: Option<Uuid>,
    reason: Option<&str>,
) -> QueryResult<()> {
    set_statuses(conn, &[id], status, decided_by, reason)
}

/// Bookings made by an account, newest first, with the venue id.
pub fn bookings_of_requester(
    conn: &mut PgConnection,
    requester: Uuid,
) -> QueryResult<Vec<(BookingRow, Uuid)>> {
    booking::table
        .inner_join(room::table)
        .filter(booking::requester_id.eq(requester))
        .order(booking::created_at.desc())
        .limit(200)
        .select((BookingRow::as_select(), room::venue_id))
        .load(conn)
}

/// Bookings of rooms of these venues, as a manager works through them: requests waiting for a
/// decision first, then bookings that have not ended (soonest first), then past ones (latest
/// first) — so the limit cuts the oldest history, never a request or what is coming.
pub fn bookings_of_venues(
    conn: &mut PgConnection,
    venues: &[Uuid],
) -> QueryResult<Vec<(BookingRow, Uuid)>> {
    use diesel::dsl::sql;
    use diesel::sql_types::{Bool, Nullable, Timestamptz};
    booking::table
        .inner_join(room::table)
        .filter(room::venue_id.eq_any(venues))
        .order((
            booking::status.ne(BookingStatus::Requested),
            sql::<Bool>("upper(booking.during) <= now()"),
            sql::<Nullable<Timestamptz>>(
                "CASE WHEN upper(booking.during) > now() THEN lower(booking.during) END",
            )
            .asc(),
            sql::<Timestamptz>("lower(booking.during)").desc(),
        ))
        .limit(500)
        .select((BookingRow::as_select(), room::venue_id))
        .load(conn)
}

/// All venue ids (for administrators' inbox).
pub fn all_venue_ids(conn: &mut PgConnection) -> QueryResult<Vec<Uuid>> {
    venue::table.select(venue::id).load(conn)
}

/// A venue change request row.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = crate::schema::venue_change_request, check_for_backend(diesel::pg::Pg))]
pub struct ChangeRequestRow {
    pub id: Uuid,
    pub kind: VenueChangeKind,
    pub venue_id: Option<Uuid>,
    pub proposal: serde_json::Value,
    pub reason: String,
    pub requester_id: Option<Uuid>,
    pub status: VenueChangeStatus,
    pub decided_by: Option<Uuid>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decision_reason: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// Stores a change request.
pub fn insert_change_request(conn: &mut PgConnection, row: &ChangeRequestRow) -> QueryResult<()> {
    diesel::insert_into(crate::schema::venue_change_request::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// Change requests, pending first, newest first, each with its venue's wijk (none for a new
/// venue); only those of `requester` when given.
pub fn list_change_requests(
    conn: &mut PgConnection,
    requester: Option<Uuid>,
) -> QueryResult<Vec<(ChangeRequestRow, Option<Uuid>)>> {
    use crate::schema::venue_change_request as cr;
    let mut q = cr::table
        .left_join(venue::table)
        // Pending first (`status <> 'pending'` is false for them), then newest first.
        .order((
            cr::status.ne(VenueChangeStatus::Pending),
            cr::created_at.desc(),
        ))
        .limit(500)
        .select((ChangeRequestRow::as_select(), venue::wijk_id.nullable()))
        .into_boxed();
    if let Some(r) = requester {
        q = q.filter(cr::requester_id.eq(r));
    }
    q.load(conn)
}

/// A change request, locked for update.
pub fn change_request_for_update(
    conn: &mut PgConnection,
    id: Uuid,
) -> QueryResult<Option<ChangeRequestRow>> {
    use crate::schema::venue_change_request as cr;
    cr::table
        .find(id)
        .select(ChangeRequestRow::as_select())
        .for_update()
        .first(conn)
        .optional()
}

/// Records the decision on a change request.
pub fn decide_change_request(
    conn: &mut PgConnection,
    id: Uuid,
    status: VenueChangeStatus,
    by: Uuid,
    reason: Option<&str>,
    venue_id: Option<Uuid>,
) -> QueryResult<()> {
    use crate::schema::venue_change_request as cr;
    diesel::update(cr::table.find(id))
        .set((
            cr::status.eq(status),
            cr::decided_by.eq(by),
            cr::decided_at.eq(Utc::now()),
            cr::decision_reason.eq(reason),
            cr::venue_id.eq(venue_id),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Deletes a venue (its rooms and hours go with it); fails while bookings reference its rooms.
pub fn delete_venue(conn: &mut PgConnection, id: Uuid) -> QueryResult<usize> {
    diesel::delete(venue::table.find(id)).execute(conn)
}

/// Whether any booking (in any state) uses a room of the venue.
pub fn venue_has_bookings(conn: &mut PgConnection, venue_id: Uuid) -> QueryResult<bool> {
    diesel::select(exists(
        booking::table
            .inner_join(room::table)
            .filter(room::venue_id.eq(venue_id)),
    ))
    .get_result(conn)
}

/// A booking series row.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = crate::schema::booking_series, check_for_backend(diesel::pg::Pg))]
pub struct SeriesRow {
    pub id: Uuid,
    pub room_id: Uuid,
    pub requester_id: Uuid,
    pub recurrence: Recurrence,
    pub until: chrono::NaiveDate,
    pub created_at: DateTime<Utc>,
}

/// Stores a series and its occurrences.
pub fn insert_series(
    conn: &mut PgConnection,
    series: &SeriesRow,
    bookings: &[BookingRow],
) -> QueryResult<()> {
    diesel::insert_into(crate::schema::booking_series::table)
        .values(series)
        .execute(conn)?;
    diesel::insert_into(booking::table)
        .values(bookings)
        .execute(conn)
        .map(|_| ())
}

/// A series with its room and venue, and its occurrences by start.
pub type SeriesWithOccurrences = (SeriesRow, RoomRow, VenueRow, Vec<BookingRow>);

/// A series with its room and venue, locked, and its occurrences (locked) by start.
pub fn series_for_update(
    conn: &mut PgConnection,
    id: Uuid,
) -> QueryResult<Option<SeriesWithOccurrences>> {
    use crate::schema::booking_series as bs;
    let Some((series, room, venue)) = bs::table
        .inner_join(room::table.inner_join(venue::table))
        .filter(bs::id.eq(id))
        .select((
            SeriesRow::as_select(),
            RoomRow::as_select(),
            VenueRow::as_select(),
        ))
        .for_update()
        .first(conn)
        .optional()?
    else {
        return Ok(None);
    };
    let occurrences = booking::table
        .filter(booking::series_id.eq(id))
        .order(booking::during.asc())
        .select(BookingRow::as_select())
        .for_update()
        .load(conn)?;
    Ok(Some((series, room, venue, occurrences)))
}

/// A venue by id.
pub fn venue_by_id(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<VenueRow>> {
    venue::table
        .find(id)
        .select(VenueRow::as_select())
        .first(conn)
        .optional()
}

/// Stores a new venue.
pub fn insert_venue(conn: &mut PgConnection, row: &VenueRow) -> QueryResult<()> {
    diesel::insert_into(venue::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// Replaces the listing of venue `id` (what a change request may change) with that of `new`,
/// with the given location precision.
pub fn update_listing(
    conn: &mut PgConnection,
    id: Uuid,
    new: &VenueRow,
    location_precision: LocationPrecision,
) -> QueryResult<()> {
    diesel::update(venue::table.find(id))
        .set((
            venue::slug.eq(&new.slug),
            venue::name.eq(&new.name),
            venue::venue_type.eq(&new.venue_type),
            venue::operator.eq(&new.operator),
            venue::operator_name.eq(&new.operator_name),
            venue::street_address.eq(&new.street_address),
            venue::postal_code.eq(&new.postal_code),
            venue::city.eq(&new.city),
            venue::lat.eq(new.lat),
            venue::lon.eq(new.lon),
            venue::wijk_id.eq(new.wijk_id),
            venue::location_precision.eq(location_precision),
            venue::drop_in.eq(new.drop_in),
            venue::room_use.eq(new.room_use),
            venue::target_groups.eq(&new.target_groups),
            venue::facilities.eq(&new.facilities),
            venue::accessibility.eq(&new.accessibility),
            venue::description.eq(&new.description),
            venue::contact_phone.eq(&new.contact_phone),
            venue::contact_email.eq(&new.contact_email),
            venue::website.eq(&new.website),
            venue::updated_at.eq(Utc::now()),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Whether the database refused a write because two approved bookings of a room would overlap.
pub fn is_booking_overlap(e: &diesel::result::Error) -> bool {
    matches!(e, diesel::result::Error::DatabaseError(_, info) if info.constraint_name() == Some("booking_no_overlap"))
}

/// Whether the database refused a write because of a unique key.
pub fn is_unique_violation(e: &diesel::result::Error) -> bool {
    matches!(
        e,
        diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _)
    )
}

/// For each slot, the first approved booking of the room that overlaps it (as [`busy`] would
/// answer it per slot), from one statement.
pub fn first_busy_of_each(
    conn: &mut PgConnection,
    room_id: Uuid,
    slots: &[Span],
) -> QueryResult<Vec<Option<Span>>> {
    let ends: Vec<(DateTime<Utc>, DateTime<Utc>)> = slots.iter().map(span_ends).collect();
    let (Some(from), Some(to)) = (
        ends.iter().map(|(s, _)| *s).min(),
        ends.iter().map(|(_, e)| *e).max(),
    ) else {
        return Ok(Vec::new());
    };
    let taken = busy(conn, room_id, span(from, to))?;
    Ok(ends
        .iter()
        .map(|(start, end)| {
            taken
                .iter()
                .find(|t| {
                    let (t_start, t_end) = span_ends(t);
                    t_start < *end && *start < t_end
                })
                .copied()
        })
        .collect())
}

/// Sets the status of several bookings in one statement (and the decision, when given).
pub fn set_statuses(
    conn: &mut PgConnection,
    ids: &[Uuid],
    status: BookingStatus,
    decided_by: Option<Uuid>,
    reason: Option<&str>,
) -> QueryResult<()> {
    let now = Utc::now();
    let decided_at = decided_by.map(|_| now);
    diesel::update(booking::table.filter(booking::id.eq_any(ids)))
        .set((
            booking::status.eq(status),
            booking::decided_by.eq(decided_by),
            booking::decided_at.eq(decided_at),
            booking::decision_reason.eq(reason),
            booking::updated_at.eq(now),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Approved bookings of any room of a venue that overlap `window`, with the room's name, by
/// start.
pub fn approved_in_venue(
    conn: &mut PgConnection,
    venue_id: Uuid,
    window: Span,
) -> QueryResult<Vec<(BookingRow, String)>> {
    booking::table
        .inner_join(room::table)
        .filter(room::venue_id.eq(venue_id))
        .filter(booking::status.eq(BookingStatus::Approved))
        .filter(booking::during.overlaps_with(window))
        .order(booking::during.asc())
        .select((BookingRow::as_select(), room::name))
        .load(conn)
}
