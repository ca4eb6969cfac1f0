//! Lottery-drawn wijkpanels: the panel, its candidate pool, the seats of a draw, replacements
//! and the members' scores of proposals.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error};
use samenstad_domain::sortition::Draw;
use samenstad_types::account::Role;
use samenstad_types::projects::ProposalScores;
use serde_json::json;
use uuid::Uuid;

use crate::queries::accounts::{self, RoleRow};
use crate::queries::audit::{self, NewAudit};
use crate::schema::{
    panel, panel_candidate, panel_decision_vote, panel_score, panel_seat, proposal, wijk,
};

/// The role of a sitting member, scoped to the panel.
const MEMBER_ROLE: Role = Role::PanelMember;

/// A panel with the number of its wijk.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = panel, check_for_backend(diesel::pg::Pg))]
pub struct PanelRow {
    pub id: Uuid,
    pub round_id: Uuid,
    pub wijk_id: Uuid,
    #[diesel(select_expression = wijk::wijknr)]
    pub wijknr: i16,
    pub size: i32,
    pub reserves: i32,
    pub quotas: serde_json::Value,
    pub seed: Option<String>,
    pub algorithm: Option<String>,
    pub drawn_at: Option<DateTime<Utc>>,
    pub quorum: i32,
    pub seed_published_at: Option<DateTime<Utc>>,
}

/// A panel, if it exists; `lock` takes a row lock for a change.
pub fn panel_by_id(conn: &mut PgConnection, id: Uuid, lock: bool) -> QueryResult<Option<PanelRow>> {
    if lock {
        panel::table
            .find(id)
            .select(panel::id)
            .for_update()
            .first::<Uuid>(conn)
            .optional()?;
    }
    panel::table
        .inner_join(wijk::table)
        .filter(panel::id.eq(id))
        .select(PanelRow::as_select())
        .first(conn)
        .optional()
}

/// A candidate of the pool: pseudonym, account, strata.
pub type PoolEntry = (String, Option<Uuid>, BTreeMap<String, String>);

/// A seat of a draw.
#[derive(Debug, Clone, PartialEq, Eq, Queryable)]
pub struct SeatRow {
    pub pseudonym: String,
    /// `member` or `reserve`.
    pub kind: String,
    pub position: i32,
    pub withdrawn: bool,
    pub replaced_by: Option<String>,
}

/// A panel with its pool, seats and the accounts of its sitting members.
#[derive(Debug, Clone, PartialEq)]
pub struct PanelDetail {
    pub row: PanelRow,
    /// By pseudonym.
    pub candidates: Vec<PoolEntry>,
    /// By kind, then position.
    pub seats: Vec<SeatRow>,
    pub sitting: Vec<Uuid>,
}

/// The pool of a panel, by pseudonym.
pub fn candidates_of(conn: &mut PgConnection, id: Uuid) -> QueryResult<Vec<PoolEntry>> {
    Ok(pools_of(conn, &[id])?.into_iter().map(|(_, e)| e).collect())
}

fn pools_of(conn: &mut PgConnection, ids: &[Uuid]) -> QueryResult<Vec<(Uuid, PoolEntry)>> {
    Ok(panel_candidate::table
        .filter(panel_candidate::panel_id.eq_any(ids))
        .order(panel_candidate::pseudonym.asc())
        .select((
            panel_candidate::panel_id,
            panel_candidate::pseudonym,
            panel_candidate::user_id,
            panel_candidate::strata,
        ))
        .load::<(Uuid, String, Option<Uuid>, serde_json::Value)>(conn)?
        .into_iter()
        .map(|(id, p, u, s)| (id, (p, u, serde_json::from_value(s).unwrap_or_default())))
        .collect())
}

/// The seats of a panel, by kind then position.
pub fn seats_of(conn: &mut PgConnection, id: Uuid) -> QueryResult<Vec<SeatRow>> {
    Ok(seats_of_panels(conn, &[id])?
        .into_iter()
        .map(|(_, s)| s)
        .collect())
}

fn seats_of_panels(conn: &mut PgConnection, ids: &[Uuid]) -> QueryResult<Vec<(Uuid, SeatRow)>> {
    panel_seat::table
        .filter(panel_seat::panel_id.eq_any(ids))
        .order((panel_seat::kind.asc(), panel_seat::position.asc()))
        .select((
            panel_seat::panel_id,
            (
                panel_seat::pseudonym,
                panel_seat::kind,
                panel_seat::position,
                panel_seat::withdrawn_at.is_not_null(),
                panel_seat::replaced_by,
            ),
        ))
        .load(conn)
}

/// How many members sit on each of these panels (withdrawn ones not counted; members without
/// an account counted).
pub fn seated_counts(
    conn: &mut PgConnection,
    ids: &[Uuid],
) -> QueryResult<std::collections::HashMap<Uuid, i32>> {
    let rows: Vec<Uuid> = panel_seat::table
        .filter(panel_seat::panel_id.eq_any(ids))
        .filter(panel_seat::kind.eq("member"))
        .filter(panel_seat::withdrawn_at.is_null())
        .select(panel_seat::panel_id)
        .load(conn)?;
    let mut out = std::collections::HashMap::new();
    for id in rows {
        *out.entry(id).or_insert(0) += 1;
    }
    Ok(out)
}

/// The (panel, account) pairs of the sitting members of these panels.
pub fn sitting_of(
    conn: &mut PgConnection,
    ids: &[Uuid],
) -> QueryResult<std::collections::HashSet<(Uuid, Uuid)>> {
    Ok(sitting_of_panels(conn, ids)?.into_iter().collect())
}

/// Publishes the seed of a panel's draw (before the draw) with its audit row.
pub fn publish_seed(
    conn: &mut PgConnection,
    panel_id: Uuid,
    seed: &str,
    by: Uuid,
) -> QueryResult<()> {
    diesel::update(panel::table.find(panel_id))
        .set((
            panel::seed.eq(seed),
            panel::seed_published_at.eq(Utc::now()),
        ))
        .execute(conn)?;
    audit::record(
        conn,
        NewAudit::by(Some(by), "panel.seed_published")
            .on("panel", panel_id)
            .details(json!({"seed": seed})),
    )
}

/// A sitting member's vote on a proposal (replacing an earlier one), with its audit row.
pub fn cast_decision_vote(
    conn: &mut PgConnection,
    panel_id: Uuid,
    proposal_id: Uuid,
    member: Uuid,
    selected: bool,
    reason: &str,
) -> QueryResult<()> {
    diesel::insert_into(panel_decision_vote::table)
        .values((
            panel_decision_vote::panel_id.eq(panel_id),
            panel_decision_vote::proposal_id.eq(proposal_id),
            panel_decision_vote::member_id.eq(member),
            panel_decision_vote::selected.eq(selected),
            panel_decision_vote::reason.eq(reason),
        ))
        .on_conflict((
            panel_decision_vote::panel_id,
            panel_decision_vote::proposal_id,
            panel_decision_vote::member_id,
        ))
        .do_update()
        .set((
            panel_decision_vote::selected.eq(selected),
            panel_decision_vote::reason.eq(reason),
            panel_decision_vote::updated_at.eq(Utc::now()),
        ))
        .execute(conn)?;
    audit::record(
        conn,
        NewAudit::by(Some(member), "panel.member_voted")
            .on("proposal", proposal_id)
            .details(json!({"panel": panel_id, "selected": selected})),
    )
}

/// The drawn panel of a wijk in a round, if any.
pub fn drawn_panel_of(
    conn: &mut PgConnection,
    wijk_id: Uuid,
    round_id: Uuid,
) -> QueryResult<Option<Uuid>> {
    panel::table
        .filter(panel::wijk_id.eq(wijk_id))
        .filter(panel::round_id.eq(round_id))
        .filter(panel::drawn_at.is_not_null())
        .select(panel::id)
        .first(conn)
        .optional()
}

/// The (panel, account) of the sitting members of these panels.
fn sitting_of_panels(conn: &mut PgConnection, ids: &[Uuid]) -> QueryResult<Vec<(Uuid, Uuid)>> {
    Ok(panel_seat::table
        .inner_join(
            panel_candidate::table.on(panel_candidate::panel_id
                .eq(panel_seat::panel_id)
                .and(panel_candidate::pseudonym.eq(panel_seat::pseudonym))),
        )
        .filter(panel_seat::panel_id.eq_any(ids))
        .filter(panel_seat::kind.eq("member"))
        .filter(panel_seat::withdrawn_at.is_null())
        .select((panel_seat::panel_id, panel_candidate::user_id))
        .load::<(Uuid, Option<Uuid>)>(conn)?
        .into_iter()
        .filter_map(|(p, u)| u.map(|u| (p, u)))
        .collect())
}

/// The account ids of the panel's sitting members.
pub fn sitting_members(conn: &mut PgConnection, id: Uuid) -> QueryResult<Vec<Uuid>> {
    Ok(sitting_of_panels(conn, &[id])?
        .into_iter()
        .map(|(_, u)| u)
        .collect())
}

/// Pools, seats and sitting members of these panels, in four statements.
fn details(conn: &mut PgConnection, rows: Vec<PanelRow>) -> QueryResult<Vec<PanelDetail>> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let pools = pools_of(conn, &ids)?;
    let seats = seats_of_panels(conn, &ids)?;
    let sitting = sitting_of_panels(conn, &ids)?;
    Ok(rows
        .into_iter()
        .map(|row| PanelDetail {
            candidates: pools
                .iter()
                .filter(|(p, _)| *p == row.id)
                .map(|(_, e)| e.clone())
                .collect(),
            seats: seats
                .iter()
                .filter(|(p, _)| *p == row.id)
                .map(|(_, s)| s.clone())
                .collect(),
            sitting: sitting
                .iter()
                .filter(|(p, _)| *p == row.id)
                .map(|(_, u)| *u)
                .collect(),
            row,
        })
        .collect())
}

/// A panel with its pool and seats, if it exists.
pub fn panel_detail(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<PanelDetail>> {
    let Some(row) = panel_by_id(conn, id, false)? else {
        return Ok(None);
    };
    Ok(details(conn, vec![row])?.into_iter().next())
}

/// The panels of a wijk, newest first, with their pools and seats.
pub fn panels_of_wijk(conn: &mut PgConnection, wijk_id: Uuid) -> QueryResult<Vec<PanelDetail>> {
    let rows: Vec<PanelRow> = panel::table
        .inner_join(wijk::table)
        .filter(panel::wijk_id.eq(wijk_id))
        .order(panel::created_at.desc())
        .select(PanelRow::as_select())
        .load(conn)?;
    details(conn, rows)
}

/// A new panel.
#[derive(Debug, Clone)]
pub struct NewPanel {
    pub id: Uuid,
    pub round_id: Uuid,
    pub wijk_id: Uuid,
    pub size: i32,
    pub reserves: i32,
    pub quotas: serde_json::Value,
    pub quorum: i32,
    pub created_by: Uuid,
}

/// Inserts a panel with its audit row; false when the wijk has one in this round already.
pub fn insert_panel(conn: &mut PgConnection, new: &NewPanel) -> QueryResult<bool> {
    let inserted = diesel::insert_into(panel::table)
        .values((
            panel::id.eq(new.id),
            panel::round_id.eq(new.round_id),
            panel::wijk_id.eq(new.wijk_id),
            panel::size.eq(new.size),
            panel::reserves.eq(new.reserves),
            panel::quotas.eq(&new.quotas),
            panel::quorum.eq(new.quorum),
            panel::created_by.eq(new.created_by),
        ))
        .on_conflict_do_nothing()
        .execute(conn)?;
    if inserted == 0 {
        return Ok(false);
    }
    audit::record(
        conn,
        NewAudit::by(Some(new.created_by), "panel.created").on("panel", new.id),
    )?;
    Ok(true)
}

/// A candidate to add to a pool.
#[derive(Debug, Clone)]
pub struct NewCandidate {
    pub pseudonym: String,
    pub user_id: Option<Uuid>,
    pub strata: serde_json::Value,
}

/// Why candidates were not added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PoolRefusal {
    /// A pseudonym or an account is in the pool already.
    Duplicate,
    /// A user id is not an account.
    UnknownAccount,
}

/// Adds candidates to a panel's pool with the audit row. A refusal leaves the caller's
/// transaction to roll back.
pub fn add_candidates(
    conn: &mut PgConnection,
    panel_id: Uuid,
    candidates: &[NewCandidate],
    by: Uuid,
) -> QueryResult<Result<(), PoolRefusal>> {
    let rows: Vec<_> = candidates
        .iter()
        .map(|c| {
            (
                panel_candidate::panel_id.eq(panel_id),
                panel_candidate::pseudonym.eq(&c.pseudonym),
                panel_candidate::user_id.eq(c.user_id),
                panel_candidate::strata.eq(&c.strata),
            )
        })
        .collect();
    match diesel::insert_into(panel_candidate::table)
        .values(&rows)
        .execute(conn)
    {
        Ok(_) => {}
        Err(Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => {
            return Ok(Err(PoolRefusal::Duplicate));
        }
        Err(Error::DatabaseError(DatabaseErrorKind::ForeignKeyViolation, _)) => {
            return Ok(Err(PoolRefusal::UnknownAccount));
        }
        Err(other) => return Err(other),
    }
    audit::record(
        conn,
        NewAudit::by(Some(by), "panel.candidates_added")
            .on("panel", panel_id)
            .details(json!({"count": rows.len()})),
    )?;
    Ok(Ok(()))
}

/// Gives `user` the member role of the panel unless they hold it (through
/// `accounts::grant_role`).
fn grant_member(conn: &mut PgConnection, panel_id: Uuid, user: Uuid, by: Uuid) -> QueryResult<()> {
    let held = accounts::roles_of(conn, user)?
        .iter()
        .any(|(r, _)| r.role == MEMBER_ROLE && r.scope_id == Some(panel_id));
    if held {
        return Ok(());
    }
    accounts::grant_role(
        conn,
        &RoleRow {
            id: Uuid::now_v7(),
            user_id: user,
            role: MEMBER_ROLE,
            wijk_id: None,
            scope_id: Some(panel_id),
            granted_by: Some(by),
            created_at: Utc::now(),
        },
    )
}

/// Takes the member role of the panel from `user` (through `accounts::revoke_role`).
fn revoke_member(conn: &mut PgConnection, panel_id: Uuid, user: Uuid) -> QueryResult<()> {
    let held: Vec<Uuid> = accounts::roles_of(conn, user)?
        .into_iter()
        .filter(|(r, _)| r.role == MEMBER_ROLE && r.scope_id == Some(panel_id))
        .map(|(r, _)| r.id)
        .collect();
    for id in held {
        accounts::revoke_role(conn, user, id)?;
    }
    Ok(())
}

/// Stores a draw: the seats, the seed and algorithm on the panel, the member role for drawn
/// members with an account (`member_accounts`), and the audit row.
pub fn record_draw(
    conn: &mut PgConnection,
    panel_id: Uuid,
    seed: &str,
    draw: &Draw,
    member_accounts: &[Uuid],
    by: Uuid,
) -> QueryResult<()> {
    let rows: Vec<_> = draw
        .members
        .iter()
        .enumerate()
        .map(|(i, m)| (m, "member", i))
        .chain(
            draw.reserves
                .iter()
                .enumerate()
                .map(|(i, r)| (r, "reserve", i)),
        )
        .map(|(pseudonym, kind, i)| {
            (
                panel_seat::panel_id.eq(panel_id),
                panel_seat::pseudonym.eq(pseudonym.clone()),
                panel_seat::kind.eq(kind),
                panel_seat::position.eq(i32::try_from(i).unwrap_or(i32::MAX)),
            )
        })
        .collect();
    diesel::insert_into(panel_seat::table)
        .values(&rows)
        .execute(conn)?;
    diesel::update(panel::table.find(panel_id))
        .set((
            panel::algorithm.eq(draw.algorithm),
            panel::drawn_at.eq(Utc::now()),
        ))
        .execute(conn)?;
    for user in member_accounts {
        grant_member(conn, panel_id, *user, by)?;
    }
    audit::record(
        conn,
        NewAudit::by(Some(by), "panel.drawn")
            .on("panel", panel_id)
            .details(json!({"seed": seed, "algorithm": draw.algorithm})),
    )
}

/// A member's withdrawal and the reserve who takes the seat.
#[derive(Debug, Clone)]
pub struct Replacement<'a> {
    pub panel_id: Uuid,
    pub withdrawn: &'a str,
    pub withdrawn_account: Option<Uuid>,
    pub incoming: &'a str,
    pub incoming_account: Option<Uuid>,
    /// The incoming member's position among the members.
    pub position: i32,
    pub by: Uuid,
}

/// Replaces a member: marks the seat withdrawn, seats the reserve, moves the member role and
/// writes the audit row.
pub fn replace_member(conn: &mut PgConnection, r: &Replacement<'_>) -> QueryResult<()> {
    diesel::update(panel_seat::table.find((r.panel_id, r.withdrawn)))
        .set((
            panel_seat::withdrawn_at.eq(Utc::now()),
            panel_seat::replaced_by.eq(r.incoming),
        ))
        .execute(conn)?;
    diesel::update(panel_seat::table.find((r.panel_id, r.incoming)))
        .set((
            panel_seat::kind.eq("member"),
            panel_seat::position.eq(r.position),
        ))
        .execute(conn)?;
    if let Some(user) = r.withdrawn_account {
        revoke_member(conn, r.panel_id, user)?;
    }
    if let Some(user) = r.incoming_account {
        grant_member(conn, r.panel_id, user, r.by)?;
    }
    audit::record(
        conn,
        NewAudit::by(Some(r.by), "panel.replaced")
            .on("panel", r.panel_id)
            .details(json!({"withdrawn": r.withdrawn, "replaced_by": r.incoming})),
    )
}

/// Records (or changes) a member's score of a proposal.
pub fn upsert_score(
    conn: &mut PgConnection,
    panel_id: Uuid,
    proposal_id: Uuid,
    member_id: Uuid,
    score: i32,
    comment: &str,
) -> QueryResult<()> {
    let now = Utc::now();
    diesel::insert_into(panel_score::table)
        .values((
            panel_score::panel_id.eq(panel_id),
            panel_score::proposal_id.eq(proposal_id),
            panel_score::member_id.eq(member_id),
            panel_score::score.eq(score),
            panel_score::comment.eq(comment),
            panel_score::updated_at.eq(now),
        ))
        .on_conflict((
            panel_score::panel_id,
            panel_score::proposal_id,
            panel_score::member_id,
        ))
        .do_update()
        .set((
            panel_score::score.eq(score),
            panel_score::comment.eq(comment),
            panel_score::updated_at.eq(now),
        ))
        .execute(conn)?;
    audit::record(
        conn,
        NewAudit::by(Some(member_id), "panel.scored")
            .on("proposal", proposal_id)
            .details(json!({"panel": panel_id, "score": score})),
    )
}

/// Per proposal of the panel's wijk and round (or only `only`): how many members scored it,
/// the average and the comments.
pub fn scores(
    conn: &mut PgConnection,
    row: &PanelRow,
    only: Option<Uuid>,
) -> QueryResult<Vec<ProposalScores>> {
    let mut q = proposal::table
        .filter(proposal::wijk_id.eq(row.wijk_id))
        .filter(proposal::round_id.eq(row.round_id))
        .order((proposal::created_at.asc(), proposal::id.asc()))
        .select((proposal::id, proposal::title))
        .into_boxed();
    if let Some(p) = only {
        q = q.filter(proposal::id.eq(p));
    }
    let proposals: Vec<(Uuid, String)> = q.load(conn)?;
    let all: Vec<(Uuid, i32, String)> = panel_score::table
        .filter(panel_score::panel_id.eq(row.id))
        .order(panel_score::updated_at.asc())
        .select((
            panel_score::proposal_id,
            panel_score::score,
            panel_score::comment,
        ))
        .load(conn)?;
    Ok(proposals
        .into_iter()
        .map(|(pid, title)| {
            let mine: Vec<&(Uuid, i32, String)> = all.iter().filter(|s| s.0 == pid).collect();
            let n = mine.len();
            ProposalScores {
                proposal_id: pid.to_string(),
                title,
                scored_by: i64::try_from(n).unwrap_or(i64::MAX),
                average: (n > 0)
                    .then(|| mine.iter().map(|s| f64::from(s.1)).sum::<f64>() / n as f64),
                comments: mine
                    .iter()
                    .filter(|s| !s.2.is_empty())
                    .map(|s| s.2.clone())
                    .collect(),
            }
        })
        .collect())
}

/// Whether `user` sits on the drawn panel of this wijk and round (members decide with staff).
pub fn sits_on_panel_of(
    conn: &mut PgConnection,
    user: Uuid,
    wijk_id: Uuid,
    round_id: Uuid,
) -> QueryResult<bool> {
    let panel_id: Option<Uuid> = panel::table
        .filter(panel::wijk_id.eq(wijk_id))
        .filter(panel::round_id.eq(round_id))
        .select(panel::id)
        .first(conn)
        .optional()?;
    match panel_id {
        Some(id) => Ok(sitting_members(conn, id)?.contains(&user)),
        None => Ok(false),
    }
}
