//! A venue's upkeep by its managers and the staff of its wijk: details, rooms, opening hours,
//! closures, managers and photo. Every change moves the venue's `updated_at`, its version.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use samenstad_types::account::Role;
use uuid::Uuid;

use crate::queries::venues::{OpeningHoursRow, RoomRow, Span, VenueRow};
use crate::schema::{
    app_user, booking, opening_hours, role_assignment, room, stored_file, venue, venue_closure,
};

/// A venue by id, locked for a change.
pub fn venue_for_update(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<VenueRow>> {
    venue::table
        .find(id)
        .select(VenueRow::as_select())
        .for_update()
        .first(conn)
        .optional()
}

/// The details a venue's managers keep.
#[derive(Debug, Clone, PartialEq, AsChangeset)]
#[diesel(table_name = venue, treat_none_as_null = true)]
pub struct VenueDetailsChange {
    pub name: String,
    pub description: String,
    pub drop_in: bool,
    pub room_use: bool,
    pub target_groups: Vec<String>,
    pub facilities: Vec<String>,
    pub accessibility: Vec<String>,
    pub contact_phone: Option<String>,
    pub contact_email: Option<String>,
    pub website: Option<String>,
    pub lead_time_min_days: i32,
    pub lead_time_max_days: i32,
}

/// Saves a venue's details and moves its version.
pub fn update_details(
    conn: &mut PgConnection,
    id: Uuid,
    change: &VenueDetailsChange,
) -> QueryResult<()> {
    diesel::update(venue::table.find(id))
        .set((change, venue::updated_at.eq(Utc::now())))
        .execute(conn)
        .map(|_| ())
}

/// Moves a venue's version (after a change of its rooms, hours, closures or photo).
pub fn touch(conn: &mut PgConnection, id: Uuid) -> QueryResult<()> {
    diesel::update(venue::table.find(id))
        .set(venue::updated_at.eq(Utc::now()))
        .execute(conn)
        .map(|_| ())
}

/// Stores a new room.
pub fn insert_room(conn: &mut PgConnection, row: &RoomRow) -> QueryResult<()> {
    diesel::insert_into(room::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// A room's fields its managers keep.
#[derive(Debug, Clone, PartialEq, AsChangeset)]
#[diesel(table_name = room)]
pub struct RoomChange {
    pub name: String,
    pub capacity: i32,
    pub uses: Vec<String>,
    pub facilities: Vec<String>,
    pub step_free: bool,
    pub tariff_recognised_cents: i32,
    pub tariff_resident_cents: i32,
    pub tariff_private_cents: i32,
    pub free_for_neighbourhood: bool,
    /// A kept room is no longer sample data.
    pub is_sample: bool,
    pub updated_at: DateTime<Utc>,
}

/// Saves a room.
pub fn update_room(conn: &mut PgConnection, id: Uuid, change: &RoomChange) -> QueryResult<()> {
    diesel::update(room::table.find(id))
        .set(change)
        .execute(conn)
        .map(|_| ())
}

/// Whether a room has bookings that are requested or approved and not over yet.
pub fn room_has_open_bookings(conn: &mut PgConnection, id: Uuid) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        booking::table
            .filter(booking::room_id.eq(id))
            .filter(booking::status.eq_any(["requested", "approved"]))
            .filter(diesel::dsl::sql::<diesel::sql_types::Bool>(
                "upper(booking.during) > now()",
            )),
    ))
    .get_result(conn)
}

/// Removes a room; a room with any booking (even a past one) is kept by the database, so the
/// caller checks [`room_has_open_bookings`] and this returns whether it went.
pub fn delete_room(conn: &mut PgConnection, id: Uuid) -> QueryResult<bool> {
    let any: bool = diesel::select(diesel::dsl::exists(
        booking::table.filter(booking::room_id.eq(id)),
    ))
    .get_result(conn)?;
    if any {
        return Ok(false);
    }
    diesel::delete(room::table.find(id))
        .execute(conn)
        .map(|n| n > 0)
}

/// Replaces a venue's weekly opening hours.
pub fn replace_hours(
    conn: &mut PgConnection,
    venue_id: Uuid,
    rows: &[OpeningHoursRow],
) -> QueryResult<()> {
    diesel::delete(opening_hours::table.filter(opening_hours::venue_id.eq(venue_id)))
        .execute(conn)?;
    diesel::insert_into(opening_hours::table)
        .values(rows)
        .execute(conn)
        .map(|_| ())
}

/// A closure row.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = venue_closure, check_for_backend(diesel::pg::Pg))]
pub struct ClosureRow {
    pub id: Uuid,
    pub venue_id: Uuid,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub during: Span,
    pub reason: String,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

/// Stores a closure.
pub fn insert_closure(conn: &mut PgConnection, row: &ClosureRow) -> QueryResult<()> {
    diesel::insert_into(venue_closure::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// A venue's closures that end after `from`, by first day.
pub fn closures_of(
    conn: &mut PgConnection,
    venue_id: Uuid,
    from: DateTime<Utc>,
) -> QueryResult<Vec<ClosureRow>> {
    venue_closure::table
        .filter(venue_closure::venue_id.eq(venue_id))
        .filter(
            diesel::dsl::sql::<diesel::sql_types::Bool>("upper(venue_closure.during) > ")
                .bind::<diesel::sql_types::Timestamptz, _>(from),
        )
        .order(venue_closure::first_day.asc())
        .select(ClosureRow::as_select())
        .load(conn)
}

/// The first closure of a venue that overlaps `span`.
pub fn closure_overlapping(
    conn: &mut PgConnection,
    venue_id: Uuid,
    span: Span,
) -> QueryResult<Option<ClosureRow>> {
    venue_closure::table
        .filter(venue_closure::venue_id.eq(venue_id))
        .filter(venue_closure::during.overlaps_with(span))
        .order(venue_closure::first_day.asc())
        .select(ClosureRow::as_select())
        .first(conn)
        .optional()
}

/// Removes a closure of a venue; returns it.
pub fn delete_closure(
    conn: &mut PgConnection,
    venue_id: Uuid,
    id: Uuid,
) -> QueryResult<Option<ClosureRow>> {
    diesel::delete(
        venue_closure::table
            .filter(venue_closure::id.eq(id))
            .filter(venue_closure::venue_id.eq(venue_id)),
    )
    .returning(ClosureRow::as_returning())
    .get_result(conn)
    .optional()
}

/// A manager of a venue: (account id, name shown, e-mail address; none once erased).
pub type ManagerRow = (Uuid, String, Option<String>);

/// The managers of a venue, by name.
pub fn managers_of(conn: &mut PgConnection, venue_id: Uuid) -> QueryResult<Vec<ManagerRow>> {
    role_assignment::table
        .inner_join(app_user::table.on(app_user::id.eq(role_assignment::user_id)))
        .filter(role_assignment::role.eq(Role::VenueManager))
        .filter(role_assignment::scope_id.eq(venue_id))
        .order(app_user::display_name.asc())
        .select((app_user::id, app_user::display_name, app_user::email))
        .load(conn)
}

/// Removes the venue-manager role of an account for a venue; returns whether it had it.
pub fn remove_manager(conn: &mut PgConnection, venue_id: Uuid, user_id: Uuid) -> QueryResult<bool> {
    diesel::delete(
        role_assignment::table
            .filter(role_assignment::role.eq(Role::VenueManager))
            .filter(role_assignment::scope_id.eq(venue_id))
            .filter(role_assignment::user_id.eq(user_id)),
    )
    .execute(conn)
    .map(|n| n > 0)
}

/// Points a venue at photo `file` (or at none), removes the photo it had, `previous`, and moves
/// the venue's version.
pub fn set_photo(
    conn: &mut PgConnection,
    venue_id: Uuid,
    previous: Option<Uuid>,
    file: Option<Uuid>,
) -> QueryResult<()> {
    diesel::update(venue::table.find(venue_id))
        .set((venue::photo_id.eq(file), venue::updated_at.eq(Utc::now())))
        .execute(conn)?;
    if let Some(old) = previous {
        diesel::delete(stored_file::table.find(old)).execute(conn)?;
    }
    Ok(())
}
