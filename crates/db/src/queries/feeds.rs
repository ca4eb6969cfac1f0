//! The decisions feed: the latest of each kind of decision, newest first, each with its wijk.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use samenstad_types::subsidies::ApplicationStatus;
use uuid::Uuid;

use crate::schema::{
    idea, idea_event, organisation, project, project_update, proposal, subsidy_application,
    subsidy_scheme, venue, venue_change_request, vote, wijk,
};

/// An idea's change of status.
#[derive(Debug, Clone, PartialEq, Queryable)]
pub struct IdeaStatusLine {
    pub event_id: Uuid,
    pub idea_id: Uuid,
    pub at: DateTime<Utc>,
    pub status: Option<String>,
    pub reason: Option<String>,
    pub title: String,
    pub wijknr: i16,
    pub hidden: bool,
}

/// A decided proposal.
#[derive(Debug, Clone, PartialEq, Queryable)]
pub struct ProposalLine {
    pub id: Uuid,
    pub decided_at: Option<DateTime<Utc>>,
    pub status: String,
    pub title: String,
    pub reason: Option<String>,
    pub wijknr: i16,
}

/// A closed vote.
#[derive(Debug, Clone, PartialEq, Queryable)]
pub struct VoteLine {
    pub id: Uuid,
    pub closed_at: DateTime<Utc>,
    pub wijknr: i16,
}

/// A project's progress update.
#[derive(Debug, Clone, PartialEq, Queryable)]
pub struct UpdateLine {
    pub update_id: Uuid,
    pub project_id: Uuid,
    pub at: DateTime<Utc>,
    pub title: String,
    pub body: String,
    pub wijknr: i16,
}

/// A granted subsidy, with its organisation's name (none for people who applied alone).
#[derive(Debug, Clone, PartialEq, Queryable)]
pub struct GrantLine {
    pub id: Uuid,
    pub decided_at: Option<DateTime<Utc>>,
    pub scheme: String,
    pub organisation: Option<String>,
    pub title: String,
    pub decided_cents: Option<i64>,
}

/// An accepted venue change, with the venue's name and slug if it still exists.
#[derive(Debug, Clone, PartialEq, Queryable)]
pub struct VenueChangeLine {
    pub id: Uuid,
    pub decided_at: Option<DateTime<Utc>>,
    pub kind: String,
    pub venue_name: Option<String>,
    pub venue_slug: Option<String>,
    pub proposal: serde_json::Value,
}

/// The latest `limit` status changes of ideas (hidden ideas included, flagged).
pub fn idea_statuses(conn: &mut PgConnection, limit: i64) -> QueryResult<Vec<IdeaStatusLine>> {
    idea_event::table
        .inner_join(idea::table.inner_join(wijk::table))
        .filter(idea_event::kind.eq("status"))
        .order(idea_event::at.desc())
        .limit(limit)
        .select((
            idea_event::id,
            idea::id,
            idea_event::at,
            idea_event::status,
            idea_event::reason,
            idea::title,
            wijk::wijknr,
            idea::hidden_reason.is_not_null(),
        ))
        .load(conn)
}

/// The latest `limit` decided proposals.
pub fn decided_proposals(conn: &mut PgConnection, limit: i64) -> QueryResult<Vec<ProposalLine>> {
    proposal::table
        .inner_join(wijk::table)
        .filter(proposal::decided_at.is_not_null())
        .order(proposal::decided_at.desc())
        .limit(limit)
        .select((
            proposal::id,
            proposal::decided_at,
            proposal::status,
            proposal::title,
            proposal::decision_reason,
            wijk::wijknr,
        ))
        .load(conn)
}

/// The latest `limit` votes that closed before `now`.
pub fn closed_votes(
    conn: &mut PgConnection,
    now: DateTime<Utc>,
    limit: i64,
) -> QueryResult<Vec<VoteLine>> {
    vote::table
        .inner_join(wijk::table)
        .filter(vote::closes_at.le(now))
        .order(vote::closes_at.desc())
        .limit(limit)
        .select((vote::id, vote::closes_at, wijk::wijknr))
        .load(conn)
}

/// The latest `limit` project updates.
pub fn project_updates(conn: &mut PgConnection, limit: i64) -> QueryResult<Vec<UpdateLine>> {
    project_update::table
        .inner_join(project::table.inner_join(wijk::table))
        .order(project_update::at.desc())
        .limit(limit)
        .select((
            project_update::id,
            project::id,
            project_update::at,
            project::title,
            project_update::body,
            wijk::wijknr,
        ))
        .load(conn)
}

/// The latest `limit` committed grants.
pub fn grants(conn: &mut PgConnection, limit: i64) -> QueryResult<Vec<GrantLine>> {
    subsidy_application::table
        .inner_join(subsidy_scheme::table)
        .left_join(organisation::table)
        .filter(subsidy_application::status.eq_any(ApplicationStatus::COMMITTED))
        .order(subsidy_application::decided_at.desc())
        .limit(limit)
        .select((
            subsidy_application::id,
            subsidy_application::decided_at,
            subsidy_scheme::name,
            organisation::name.nullable(),
            subsidy_application::title,
            subsidy_application::decided_cents,
        ))
        .load(conn)
}

/// The latest `limit` accepted venue changes.
pub fn accepted_venue_changes(
    conn: &mut PgConnection,
    limit: i64,
) -> QueryResult<Vec<VenueChangeLine>> {
    venue_change_request::table
        .left_join(venue::table)
        .filter(venue_change_request::status.eq("accepted"))
        .order(venue_change_request::decided_at.desc())
        .limit(limit)
        .select((
            venue_change_request::id,
            venue_change_request::decided_at,
            venue_change_request::kind,
            venue::name.nullable(),
            venue::slug.nullable(),
            venue_change_request::proposal,
        ))
        .load(conn)
}
