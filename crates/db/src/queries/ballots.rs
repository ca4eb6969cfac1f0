//! Ballots of public votes: one per voter online (cast again to change it), paper ones entered
//! by staff and confirmed by a second staff member.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::queries::audit::{self, NewAudit};
use crate::schema::{app_user, ballot};

/// A stored ballot.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = ballot, check_for_backend(diesel::pg::Pg))]
pub struct BallotRow {
    pub id: Uuid,
    pub paper_ref: Option<String>,
    pub confirmed_by: Option<Uuid>,
    pub choices: serde_json::Value,
    pub updated_at: DateTime<Utc>,
}

/// Casts or replaces a voter's online ballot.
pub fn cast(
    conn: &mut PgConnection,
    vote_id: Uuid,
    voter_id: Uuid,
    choices: &serde_json::Value,
) -> QueryResult<BallotRow> {
    let now = Utc::now();
    diesel::insert_into(ballot::table)
        .values((
            ballot::id.eq(Uuid::now_v7()),
            ballot::vote_id.eq(vote_id),
            ballot::voter_id.eq(voter_id),
            ballot::choices.eq(choices),
            ballot::updated_at.eq(now),
        ))
        .on_conflict((ballot::vote_id, ballot::voter_id))
        .do_update()
        .set((ballot::choices.eq(choices), ballot::updated_at.eq(now)))
        .returning(BallotRow::as_returning())
        .get_result(conn)
}

/// A voter's ballot in a vote.
pub fn ballot_of_voter(
    conn: &mut PgConnection,
    vote_id: Uuid,
    voter_id: Uuid,
) -> QueryResult<Option<BallotRow>> {
    ballot::table
        .filter(ballot::vote_id.eq(vote_id))
        .filter(ballot::voter_id.eq(voter_id))
        .select(BallotRow::as_select())
        .first(conn)
        .optional()
}

/// Enters a paper ballot with its audit row; `None` when this paper number was entered already.
pub fn enter_paper(
    conn: &mut PgConnection,
    vote_id: Uuid,
    paper_ref: &str,
    entered_by: Uuid,
    choices: &serde_json::Value,
) -> QueryResult<Option<BallotRow>> {
    let stored: Option<BallotRow> = diesel::insert_into(ballot::table)
        .values((
            ballot::id.eq(Uuid::now_v7()),
            ballot::vote_id.eq(vote_id),
            ballot::source.eq("paper"),
            ballot::paper_ref.eq(paper_ref),
            ballot::entered_by.eq(entered_by),
            ballot::choices.eq(choices),
        ))
        .on_conflict_do_nothing()
        .returning(BallotRow::as_returning())
        .get_result(conn)
        .optional()?;
    if let Some(stored) = &stored {
        audit::record(
            conn,
            NewAudit::by(Some(entered_by), "ballot.paper_entered").on("ballot", stored.id),
        )?;
    }
    Ok(stored)
}

/// A paper ballot's vote, who entered it and who confirmed it.
pub type PaperState = (Uuid, Option<Uuid>, Option<Uuid>);

/// A paper ballot, locked: its vote, who entered it and who confirmed it.
pub fn paper_for_update(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<PaperState>> {
    ballot::table
        .find(id)
        .filter(ballot::source.eq("paper"))
        .select((ballot::vote_id, ballot::entered_by, ballot::confirmed_by))
        .for_update()
        .first(conn)
        .optional()
}

/// Confirms a paper ballot with its audit row.
pub fn confirm_paper(conn: &mut PgConnection, id: Uuid, by: Uuid) -> QueryResult<BallotRow> {
    let stored = diesel::update(ballot::table.find(id))
        .set(ballot::confirmed_by.eq(by))
        .returning(BallotRow::as_returning())
        .get_result(conn)?;
    audit::record(
        conn,
        NewAudit::by(Some(by), "ballot.paper_confirmed").on("ballot", id),
    )?;
    Ok(stored)
}

/// Ballots that count: online and imported ones, and paper ones a second staff member confirmed.
pub fn counted(
    conn: &mut PgConnection,
    vote_id: Uuid,
) -> QueryResult<Vec<(Uuid, serde_json::Value)>> {
    ballot::table
        .filter(ballot::vote_id.eq(vote_id))
        .filter(
            ballot::source
                .ne("paper")
                .or(ballot::confirmed_by.is_not_null()),
        )
        .order(ballot::id.asc())
        .select((ballot::id, ballot::choices))
        .load(conn)
}

/// A paper ballot with who entered it (their display name) and when.
#[derive(Debug, Clone, PartialEq)]
pub struct PaperRow {
    pub ballot: BallotRow,
    pub entered_by: Option<Uuid>,
    pub entered_by_name: Option<String>,
    pub entered_at: DateTime<Utc>,
}

/// A vote's paper ballots in the order they were entered; `confirmed` narrows them to the
/// confirmed (`true`) or unconfirmed (`false`) ones. One statement.
pub fn paper_ballots(
    conn: &mut PgConnection,
    vote_id: Uuid,
    confirmed: Option<bool>,
) -> QueryResult<Vec<PaperRow>> {
    let mut q = ballot::table
        .left_join(app_user::table.on(ballot::entered_by.eq(app_user::id.nullable())))
        .filter(ballot::vote_id.eq(vote_id))
        .filter(ballot::source.eq("paper"))
        .order((ballot::created_at.asc(), ballot::id.asc()))
        .select((
            BallotRow::as_select(),
            ballot::entered_by,
            app_user::display_name.nullable(),
            ballot::created_at,
        ))
        .into_boxed();
    match confirmed {
        Some(true) => q = q.filter(ballot::confirmed_by.is_not_null()),
        Some(false) => q = q.filter(ballot::confirmed_by.is_null()),
        None => {}
    }
    Ok(
        q.load::<(BallotRow, Option<Uuid>, Option<String>, DateTime<Utc>)>(conn)?
            .into_iter()
            .map(
                |(ballot, entered_by, entered_by_name, entered_at)| PaperRow {
                    ballot,
                    entered_by,
                    entered_by_name,
                    entered_at,
                },
            )
            .collect(),
    )
}
