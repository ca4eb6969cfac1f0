//! A wijk's front door: a few lines of each kind of thing going on in the wijk, as anyone may
//! see them (hidden ideas and signals left out), each query as narrow as its lines.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use samenstad_types::projects::{IdeaStatus, ProjectStatus};
use samenstad_types::signals::SignalStatus;
use samenstad_types::subsidies::ApplicationStatus;
use samenstad_types::venue::VenueType;
use uuid::Uuid;

use crate::schema::{
    idea, panel, project, signal, subsidy_application, subsidy_application_wijk, subsidy_deadline,
    subsidy_scheme, venue, vote,
};

/// The venues of the wijk by name: (slug, name, type).
pub fn venues(
    conn: &mut PgConnection,
    wijk_id: Uuid,
    limit: i64,
) -> QueryResult<Vec<(String, String, VenueType)>> {
    venue::table
        .filter(venue::wijk_id.eq(wijk_id))
        .order((venue::name.asc(), venue::id.asc()))
        .limit(limit)
        .select((venue::slug, venue::name, venue::venue_type))
        .load(conn)
}

/// The wijk's ideas still in play (submitted, in dialogue, a proposal) and not hidden, newest
/// first: (id, title, status).
pub fn ideas(
    conn: &mut PgConnection,
    wijk_id: Uuid,
    limit: i64,
) -> QueryResult<Vec<(Uuid, String, IdeaStatus)>> {
    idea::table
        .filter(idea::wijk_id.eq(wijk_id))
        .filter(idea::hidden_reason.is_null())
        .filter(idea::status.eq_any([
            IdeaStatus::Submitted,
            IdeaStatus::InDialogue,
            IdeaStatus::Proposal,
        ]))
        .order((idea::created_at.desc(), idea::id.desc()))
        .limit(limit)
        .select((idea::id, idea::title, idea::status))
        .load(conn)
}

/// The wijk's signals that are not closed and not hidden, newest first:
/// (id, description, status).
pub fn open_signals(
    conn: &mut PgConnection,
    wijk_id: Uuid,
    limit: i64,
) -> QueryResult<Vec<(Uuid, String, SignalStatus)>> {
    signal::table
        .filter(signal::wijk_id.eq(wijk_id))
        .filter(signal::hidden_reason.is_null())
        .filter(signal::status.ne(SignalStatus::Closed))
        .order((signal::created_at.desc(), signal::id.desc()))
        .limit(limit)
        .select((signal::id, signal::description, signal::status))
        .load(conn)
}

/// The wijk's projects, newest first: (id, title, status).
pub fn projects(
    conn: &mut PgConnection,
    wijk_id: Uuid,
    limit: i64,
) -> QueryResult<Vec<(Uuid, String, ProjectStatus)>> {
    project::table
        .filter(project::wijk_id.eq(wijk_id))
        .order((project::created_at.desc(), project::id.desc()))
        .limit(limit)
        .select((project::id, project::title, project::status))
        .load(conn)
}

/// A vote's id, opening and closing.
pub type VotePeriod = (Uuid, DateTime<Utc>, DateTime<Utc>);

/// The wijk's latest vote (by opening).
pub fn latest_vote(conn: &mut PgConnection, wijk_id: Uuid) -> QueryResult<Option<VotePeriod>> {
    vote::table
        .filter(vote::wijk_id.eq(wijk_id))
        .order((vote::opens_at.desc(), vote::id.desc()))
        .select((vote::id, vote::opens_at, vote::closes_at))
        .first(conn)
        .optional()
}

/// The wijk's latest lottery panel: (id, whether it has been drawn).
pub fn latest_panel(conn: &mut PgConnection, wijk_id: Uuid) -> QueryResult<Option<(Uuid, bool)>> {
    panel::table
        .filter(panel::wijk_id.eq(wijk_id))
        .order((panel::created_at.desc(), panel::id.desc()))
        .select((panel::id, panel::drawn_at.is_not_null()))
        .first(conn)
        .optional()
}

/// The grants of budget year `year` for activities in the wijk, first decided first:
/// (title, amount in cents).
pub fn grants(
    conn: &mut PgConnection,
    wijk_id: Uuid,
    year: i32,
    limit: i64,
) -> QueryResult<Vec<(String, i64)>> {
    subsidy_application::table
        .inner_join(subsidy_application_wijk::table)
        .filter(subsidy_application_wijk::wijk_id.eq(wijk_id))
        .filter(subsidy_application::status.eq_any(ApplicationStatus::COMMITTED))
        .filter(subsidy_application::budget_year.eq(year))
        .filter(subsidy_application::decided_cents.is_not_null())
        .order((
            subsidy_application::decided_at.asc(),
            subsidy_application::id.asc(),
        ))
        .limit(limit)
        .select((
            subsidy_application::title,
            subsidy_application::decided_cents.assume_not_null(),
        ))
        .load(conn)
}

/// The next open deadlines of schemes that are not archived, from `from` on, soonest first:
/// (scheme key, scheme name, last day).
pub fn deadlines(
    conn: &mut PgConnection,
    from: NaiveDate,
    limit: i64,
) -> QueryResult<Vec<(String, String, NaiveDate)>> {
    subsidy_deadline::table
        .inner_join(subsidy_scheme::table)
        .filter(subsidy_scheme::status.ne("archived"))
        .filter(subsidy_deadline::closed_at.is_null())
        .filter(subsidy_deadline::closes_on.ge(from))
        .order((
            subsidy_deadline::closes_on.asc(),
            subsidy_scheme::name.asc(),
        ))
        .limit(limit)
        .select((
            subsidy_scheme::key,
            subsidy_scheme::name,
            subsidy_deadline::closes_on,
        ))
        .load(conn)
}
