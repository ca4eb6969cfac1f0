//! The public lists of the open-data catalogue, each in the order its CSV is written.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Array, Nullable, Text, Timestamptz};
use samenstad_types::subsidies::ApplicationStatus;
use uuid::Uuid;

use crate::schema::{idea, proposal, room, subsidy_deadline, subsidy_scheme, venue, wijk};

/// When a dataset of the catalogue last changed.
#[derive(Debug, Clone, PartialEq, QueryableByName)]
pub struct DatasetModified {
    /// The dataset's identifier in the catalogue.
    #[diesel(sql_type = Text)]
    pub id: String,
    #[diesel(sql_type = Nullable<Timestamptz>)]
    pub at: Option<DateTime<Utc>>,
}

/// When each dataset last changed, from one statement.
pub fn datasets_modified(conn: &mut PgConnection) -> QueryResult<Vec<DatasetModified>> {
    // The committed statuses are bound ($1), so they are the ones of `samenstad_types`.
    diesel::sql_query(
        "SELECT 'wijken' AS id, (SELECT max(updated_at) FROM wijk) AS at
         UNION ALL SELECT 'venues', (SELECT max(updated_at) FROM venue)
         UNION ALL SELECT 'rooms', (SELECT max(created_at) FROM room)
         UNION ALL SELECT 'awards', (SELECT max(decided_at) FROM subsidy_application
                                     WHERE status = ANY($1))
         UNION ALL SELECT 'subsidy-deadlines', (SELECT max(updated_at) FROM subsidy_scheme)
         UNION ALL SELECT 'projects', (SELECT max(updated_at) FROM project)
         UNION ALL SELECT 'ideas', (SELECT max(updated_at) FROM idea)
         UNION ALL SELECT 'proposals', (SELECT max(coalesce(decided_at, created_at)) FROM proposal)
         UNION ALL SELECT 'decisions', (SELECT max(at) FROM idea_event)
         UNION ALL SELECT 'signals', (SELECT max(updated_at) FROM signal)",
    )
    .bind::<Array<Text>, _>(ApplicationStatus::COMMITTED.as_slice())
    .load(conn)
}

/// A venue of the open-data list.
#[derive(Debug, Clone, PartialEq, Queryable)]
pub struct VenueLine {
    pub slug: String,
    pub name: String,
    pub venue_type: String,
    pub operator: String,
    pub wijknr: Option<i16>,
    pub street_address: Option<String>,
    pub postal_code: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub drop_in: bool,
    pub room_use: bool,
    pub target_groups: Vec<String>,
    pub accessibility: Vec<String>,
    pub max_capacity: i32,
    pub is_sample: bool,
}

/// Every venue, by name.
pub fn venue_lines(conn: &mut PgConnection) -> QueryResult<Vec<VenueLine>> {
    venue::table
        .left_join(wijk::table)
        .order(venue::name.asc())
        .select((
            venue::slug,
            venue::name,
            venue::venue_type,
            venue::operator,
            wijk::wijknr.nullable(),
            venue::street_address,
            venue::postal_code,
            venue::lat,
            venue::lon,
            venue::drop_in,
            venue::room_use,
            venue::target_groups,
            venue::accessibility,
            venue::max_capacity,
            venue::is_sample,
        ))
        .load(conn)
}

/// A room of the open-data list, with its venue's slug.
#[derive(Debug, Clone, PartialEq, Queryable)]
pub struct RoomLine {
    pub id: Uuid,
    pub venue_slug: String,
    pub name: String,
    pub capacity: i32,
    pub uses: Vec<String>,
    pub facilities: Vec<String>,
    pub step_free: bool,
    pub tariff_recognised_cents: i32,
    pub tariff_resident_cents: i32,
    pub tariff_private_cents: i32,
    pub free_for_neighbourhood: bool,
}

/// Every room, by venue name and room name.
pub fn room_lines(conn: &mut PgConnection) -> QueryResult<Vec<RoomLine>> {
    room::table
        .inner_join(venue::table)
        .order((venue::name.asc(), room::name.asc()))
        .select((
            room::id,
            venue::slug,
            room::name,
            room::capacity,
            room::uses,
            room::facilities,
            room::step_free,
            room::tariff_recognised_cents,
            room::tariff_resident_cents,
            room::tariff_private_cents,
            room::free_for_neighbourhood,
        ))
        .load(conn)
}

/// An idea of the open-data list (who submitted it is not published).
#[derive(Debug, Clone, PartialEq, Queryable)]
pub struct IdeaLine {
    pub id: Uuid,
    pub wijknr: i16,
    pub title: String,
    pub channel: String,
    pub status: String,
    pub estimated_cost_cents: Option<i64>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub created_at: DateTime<Utc>,
}

/// Every idea that is not hidden, by wijk and age.
pub fn idea_lines(conn: &mut PgConnection) -> QueryResult<Vec<IdeaLine>> {
    idea::table
        .inner_join(wijk::table)
        .filter(idea::hidden_reason.is_null())
        .order((wijk::wijknr.asc(), idea::created_at.asc()))
        .select((
            idea::id,
            wijk::wijknr,
            idea::title,
            idea::channel,
            idea::status,
            idea::estimated_cost_cents,
            idea::lat,
            idea::lon,
            idea::created_at,
        ))
        .load(conn)
}

/// A proposal of the open-data list.
#[derive(Debug, Clone, PartialEq, Queryable)]
pub struct ProposalLine {
    pub id: Uuid,
    pub wijknr: i16,
    pub title: String,
    pub cost_cents: i64,
    pub status: String,
    pub decision_reason: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
}

/// Every proposal, by wijk and age.
pub fn proposal_lines(conn: &mut PgConnection) -> QueryResult<Vec<ProposalLine>> {
    proposal::table
        .inner_join(wijk::table)
        .order((wijk::wijknr.asc(), proposal::created_at.asc()))
        .select((
            proposal::id,
            wijk::wijknr,
            proposal::title,
            proposal::cost_cents,
            proposal::status,
            proposal::decision_reason,
            proposal::decided_at,
        ))
        .load(conn)
}

/// A jury deadline of a subsidy scheme.
#[derive(Debug, Clone, PartialEq, Eq, Queryable)]
pub struct DeadlineLine {
    pub id: Uuid,
    pub scheme: String,
    pub closes_on: NaiveDate,
}

/// The deadlines of schemes that are not archived, from `from` on, by date.
pub fn deadlines_from(conn: &mut PgConnection, from: NaiveDate) -> QueryResult<Vec<DeadlineLine>> {
    subsidy_deadline::table
        .inner_join(subsidy_scheme::table)
        .filter(subsidy_scheme::status.ne("archived"))
        .filter(subsidy_deadline::closes_on.ge(from))
        .order(subsidy_deadline::closes_on.asc())
        .select((
            subsidy_deadline::id,
            subsidy_scheme::name,
            subsidy_deadline::closes_on,
        ))
        .load(conn)
}
