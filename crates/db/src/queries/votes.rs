//! Public votes of the wijkbudget: the vote, its options, residence verification (the right to
//! vote) and the application of a result.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use samenstad_types::projects::{BallotKind, DecisionKind, Proposal, TallyRule};
use uuid::Uuid;

use crate::queries::audit::{self, NewAudit};
use crate::queries::proposals::{self, DecideRefusal, ProposalsOf};
use crate::schema::{programme_round, residence, vote, vote_option, wijk};

/// A vote with the number of its wijk.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = vote, check_for_backend(diesel::pg::Pg))]
pub struct VoteRow {
    pub id: Uuid,
    pub wijk_id: Uuid,
    #[diesel(select_expression = wijk::wijknr)]
    pub wijknr: i16,
    pub ballot_kind: BallotKind,
    pub budget_cents: i64,
    pub max_choices: Option<i32>,
    pub points: Option<i32>,
    pub rule: TallyRule,
    pub min_age: i32,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
}

/// A vote, if it exists.
pub fn vote_by_id(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<VoteRow>> {
    vote::table
        .inner_join(wijk::table)
        .filter(vote::id.eq(id))
        .select(VoteRow::as_select())
        .first(conn)
        .optional()
}

/// The proposals put to these votes, per vote (in proposal order), in a fixed number of
/// statements.
pub fn options_of(
    conn: &mut PgConnection,
    vote_ids: &[Uuid],
) -> QueryResult<HashMap<Uuid, Vec<Proposal>>> {
    let pairs: Vec<(Uuid, Uuid)> = vote_option::table
        .filter(vote_option::vote_id.eq_any(vote_ids))
        .select((vote_option::vote_id, vote_option::proposal_id))
        .load(conn)?;
    let ids: Vec<Uuid> = pairs.iter().map(|(_, p)| *p).collect();
    let all = proposals::proposals(conn, ProposalsOf::Ids(&ids))?;
    let mut out: HashMap<Uuid, Vec<Proposal>> = vote_ids.iter().map(|v| (*v, Vec::new())).collect();
    for p in all {
        for (v, pid) in &pairs {
            if pid.to_string() == p.id
                && let Some(list) = out.get_mut(v)
            {
                list.push(p.clone());
            }
        }
    }
    Ok(out)
}

/// A vote with its options, if it exists.
pub fn vote_with_options(
    conn: &mut PgConnection,
    id: Uuid,
) -> QueryResult<Option<(VoteRow, Vec<Proposal>)>> {
    let Some(row) = vote_by_id(conn, id)? else {
        return Ok(None);
    };
    let options = options_of(conn, &[id])?.remove(&id).unwrap_or_default();
    Ok(Some((row, options)))
}

/// The votes of a wijk with their options, newest first.
pub fn votes_of_wijk(
    conn: &mut PgConnection,
    wijk_id: Uuid,
) -> QueryResult<Vec<(VoteRow, Vec<Proposal>)>> {
    let rows: Vec<VoteRow> = vote::table
        .inner_join(wijk::table)
        .filter(vote::wijk_id.eq(wijk_id))
        .order(vote::opens_at.desc())
        .select(VoteRow::as_select())
        .load(conn)?;
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let mut options = options_of(conn, &ids)?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let o = options.remove(&r.id).unwrap_or_default();
            (r, o)
        })
        .collect())
}

/// A new vote.
#[derive(Debug, Clone)]
pub struct NewVote<'a> {
    pub id: Uuid,
    pub round_id: Uuid,
    pub wijk_id: Uuid,
    pub ballot_kind: BallotKind,
    pub budget_cents: i64,
    pub max_choices: Option<i32>,
    pub points: Option<i32>,
    pub rule: TallyRule,
    pub min_age: i32,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    pub created_by: Uuid,
    pub proposal_ids: &'a [Uuid],
}

/// Inserts a vote with its options and the audit row; false (and nothing written) when the
/// wijk already has a vote in the round.
pub fn insert_vote(conn: &mut PgConnection, new: &NewVote<'_>) -> QueryResult<bool> {
    let inserted = diesel::insert_into(vote::table)
        .values((
            vote::id.eq(new.id),
            vote::round_id.eq(new.round_id),
            vote::wijk_id.eq(new.wijk_id),
            vote::ballot_kind.eq(new.ballot_kind),
            vote::budget_cents.eq(new.budget_cents),
            vote::max_choices.eq(new.max_choices),
            vote::points.eq(new.points),
            vote::rule.eq(new.rule),
            vote::min_age.eq(new.min_age),
            vote::opens_at.eq(new.opens_at),
            vote::closes_at.eq(new.closes_at),
            vote::created_by.eq(new.created_by),
        ))
        .on_conflict_do_nothing()
        .execute(conn)?;
    if inserted == 0 {
        return Ok(false);
    }
    let options: Vec<_> = new
        .proposal_ids
        .iter()
        .map(|pid| {
            (
                vote_option::vote_id.eq(new.id),
                vote_option::proposal_id.eq(*pid),
            )
        })
        .collect();
    diesel::insert_into(vote_option::table)
        .values(&options)
        .execute(conn)?;
    audit::record(
        conn,
        NewAudit::by(Some(new.created_by), "vote.created").on("vote", new.id),
    )?;
    Ok(true)
}

/// Holds a vote's row against a close (`vote_for_update`) until the transaction ends: a ballot
/// cast while staff close the vote is either in before the close or refused after it, never
/// added to results already counted. Ballots do not wait for each other.
pub fn hold_open(conn: &mut PgConnection, id: Uuid) -> QueryResult<()> {
    vote::table
        .find(id)
        .select(vote::id)
        .for_share()
        .first::<Uuid>(conn)
        .optional()
        .map(|_| ())
}

/// Locks a vote's row until the transaction ends and reads it.
pub fn vote_for_update(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<VoteRow>> {
    let locked = vote::table
        .find(id)
        .select(vote::id)
        .for_update()
        .first::<Uuid>(conn)
        .optional()?;
    match locked {
        Some(_) => vote_by_id(conn, id),
        None => Ok(None),
    }
}

/// Moves a vote's opening or close to `at` (staff open or close it now) with the audit row
/// (`vote.opened` or `vote.closed`). Run inside the caller's transaction, after
/// `vote_for_update` and the lifecycle check.
pub fn open_or_close_now(
    conn: &mut PgConnection,
    id: Uuid,
    open: bool,
    at: DateTime<Utc>,
    by: Uuid,
) -> QueryResult<()> {
    if open {
        diesel::update(vote::table.find(id))
            .set(vote::opens_at.eq(at))
            .execute(conn)?;
    } else {
        diesel::update(vote::table.find(id))
            .set(vote::closes_at.eq(at))
            .execute(conn)?;
    }
    audit::record(
        conn,
        NewAudit::by(Some(by), if open { "vote.opened" } else { "vote.closed" }).on("vote", id),
    )?;
    Ok(())
}

/// The programme of a round.
pub fn programme_of_round(conn: &mut PgConnection, round_id: Uuid) -> QueryResult<Uuid> {
    programme_round::table
        .find(round_id)
        .select(programme_round::programme_id)
        .first(conn)
}

/// Where a resident lives (wijk) and was born, if verified.
pub fn residence_of(
    conn: &mut PgConnection,
    user_id: Uuid,
) -> QueryResult<Option<(Uuid, NaiveDate)>> {
    residence::table
        .find(user_id)
        .select((residence::wijk_id, residence::birth_date))
        .first(conn)
        .optional()
}

/// A verified residence.
#[derive(Debug, Clone)]
pub struct NewResidence<'a> {
    pub user_id: Uuid,
    pub wijk_id: Uuid,
    pub birth_date: NaiveDate,
    /// `staff` or `register`.
    pub method: &'a str,
    /// The staff member who verified it.
    pub verified_by: Option<Uuid>,
    /// The API client (a city register) that verified it.
    pub client_id: Option<Uuid>,
    pub verified_at: DateTime<Utc>,
}

/// Records (or replaces) where a resident lives with its audit row; returns the wijk's number.
pub fn verify_residence(conn: &mut PgConnection, new: &NewResidence<'_>) -> QueryResult<i16> {
    diesel::insert_into(residence::table)
        .values((
            residence::user_id.eq(new.user_id),
            residence::wijk_id.eq(new.wijk_id),
            residence::birth_date.eq(new.birth_date),
            residence::method.eq(new.method),
            residence::verified_by.eq(new.verified_by),
            residence::verified_at.eq(new.verified_at),
        ))
        .on_conflict(residence::user_id)
        .do_update()
        .set((
            residence::wijk_id.eq(new.wijk_id),
            residence::birth_date.eq(new.birth_date),
            residence::method.eq(new.method),
            residence::verified_by.eq(new.verified_by),
            residence::verified_at.eq(new.verified_at),
        ))
        .execute(conn)?;
    crate::queries::residence::mark_verified(conn, new.user_id, new.wijk_id, new.verified_by)?;
    audit::record(
        conn,
        NewAudit {
            actor_client_id: new.client_id,
            ..NewAudit::by(new.verified_by, "residence.verified").on("user", new.user_id)
        },
    )?;
    wijk::table
        .find(new.wijk_id)
        .select(wijk::wijknr)
        .first(conn)
}

/// The decision a vote's result makes about one proposal.
#[derive(Debug, Clone)]
pub struct ResultDecision {
    pub proposal_id: Uuid,
    pub selected: bool,
    pub reason: String,
}

/// Applies a vote's result: decides every proposal (funded ones become projects), each with
/// its audit row. Run inside the caller's transaction: a refusal leaves it to roll back.
pub fn apply_result(
    conn: &mut PgConnection,
    decisions: &[ResultDecision],
    actor: Uuid,
) -> QueryResult<Result<(), DecideRefusal>> {
    for d in decisions {
        let decision = proposals::Decision {
            selected: d.selected,
            reason: &d.reason,
            kind: DecisionKind::Vote,
            college_date: None,
            college_reference: None,
            actor,
        };
        if let Err(refusal) = proposals::decide(conn, d.proposal_id, &decision)? {
            return Ok(Err(refusal));
        }
    }
    Ok(Ok(()))
}
