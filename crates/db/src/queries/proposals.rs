//! Proposals of the wijkbudget: written from ideas, decided once (by staff, a panel member or a
//! vote's result); a selected one becomes a project.

use std::collections::HashMap;

use chrono::{Months, Utc};
use diesel::prelude::*;
use samenstad_domain::lifecycle::{ProposalAction, ProposalState, Refusal, proposal_transition};
use samenstad_types::projects::{BudgetLine, Proposal};
use serde_json::json;
use uuid::Uuid;

use crate::queries::audit::{self, NewAudit};
use crate::queries::projects::{IdeaRow, record_event};
use crate::schema::{
    budget_line, idea, programme, programme_round, project, proposal, proposal_idea, wijk,
};

/// Which proposals to load.
#[derive(Debug, Clone, Copy)]
pub enum ProposalsOf<'a> {
    /// One proposal.
    Id(Uuid),
    /// These proposals.
    Ids(&'a [Uuid]),
    /// All proposals of a wijk.
    Wijk(Uuid),
}

type ProposalColumns = (
    Uuid,
    Option<String>,
    i16,
    i16,
    String,
    String,
    String,
    i64,
    String,
);

/// Proposals with their budget lines, source ideas and project, oldest first (four statements
/// whatever the number of proposals).
pub fn proposals(conn: &mut PgConnection, which: ProposalsOf<'_>) -> QueryResult<Vec<Proposal>> {
    let mut q = proposal::table
        .inner_join(wijk::table)
        .inner_join(programme_round::table)
        .order((proposal::created_at.asc(), proposal::id.asc()))
        .select((
            proposal::id,
            proposal::decision_reason,
            wijk::wijknr,
            programme_round::number,
            proposal::title,
            proposal::summary,
            proposal::owners,
            proposal::cost_cents,
            proposal::status,
        ))
        .into_boxed();
    q = match which {
        ProposalsOf::Id(id) => q.filter(proposal::id.eq(id)),
        ProposalsOf::Ids(ids) => q.filter(proposal::id.eq_any(ids.to_vec())),
        ProposalsOf::Wijk(w) => q.filter(proposal::wijk_id.eq(w)),
    };
    let rows: Vec<ProposalColumns> = q.load(conn)?;
    let ids: Vec<Uuid> = rows.iter().map(|r| r.0).collect();
    let lines: Vec<(Uuid, String, i64)> = budget_line::table
        .filter(budget_line::proposal_id.eq_any(&ids))
        .order((budget_line::proposal_id, budget_line::position))
        .select((
            budget_line::proposal_id,
            budget_line::description,
            budget_line::amount_cents,
        ))
        .load(conn)?;
    let ideas: Vec<(Uuid, Uuid)> = proposal_idea::table
        .filter(proposal_idea::proposal_id.eq_any(&ids))
        .select((proposal_idea::proposal_id, proposal_idea::idea_id))
        .load(conn)?;
    let projects: HashMap<Uuid, Uuid> = project::table
        .filter(project::proposal_id.eq_any(&ids))
        .select((project::proposal_id, project::id))
        .load::<(Uuid, Uuid)>(conn)?
        .into_iter()
        .collect();
    Ok(rows
        .into_iter()
        .map(
            |(id, decision_reason, wijknr, round, title, summary, owners, cost_cents, status)| {
                Proposal {
                    id: id.to_string(),
                    wijknr,
                    round,
                    title,
                    summary,
                    owners,
                    cost_cents,
                    status,
                    budget_lines: lines
                        .iter()
                        .filter(|(p, ..)| *p == id)
                        .map(|(_, description, amount_cents)| BudgetLine {
                            description: description.clone(),
                            amount_cents: *amount_cents,
                        })
                        .collect(),
                    idea_ids: ideas
                        .iter()
                        .filter(|(p, _)| *p == id)
                        .map(|(_, i)| i.to_string())
                        .collect(),
                    decision_reason,
                    project_id: projects.get(&id).map(Uuid::to_string),
                }
            },
        )
        .collect())
}

/// One proposal, if it exists.
pub fn proposal_by_id(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<Proposal>> {
    Ok(proposals(conn, ProposalsOf::Id(id))?.into_iter().next())
}

/// A new proposal with its budget lines (in order).
#[derive(Debug, Clone)]
pub struct NewProposal<'a> {
    pub id: Uuid,
    pub round_id: Uuid,
    pub wijk_id: Uuid,
    pub title: &'a str,
    pub summary: &'a str,
    pub owners: &'a str,
    pub created_by: Uuid,
    /// Description and amount of each budget line.
    pub budget_lines: Vec<(&'a str, i64)>,
}

/// Inserts a proposal and its budget lines; the cost is their sum.
pub fn insert_proposal(conn: &mut PgConnection, new: &NewProposal<'_>) -> QueryResult<()> {
    let cost: i64 = new.budget_lines.iter().map(|(_, a)| a).sum();
    diesel::insert_into(proposal::table)
        .values((
            proposal::id.eq(new.id),
            proposal::round_id.eq(new.round_id),
            proposal::wijk_id.eq(new.wijk_id),
            proposal::title.eq(new.title),
            proposal::summary.eq(new.summary),
            proposal::owners.eq(new.owners),
            proposal::cost_cents.eq(cost),
            proposal::created_by.eq(new.created_by),
        ))
        .execute(conn)?;
    let lines: Vec<_> = new
        .budget_lines
        .iter()
        .enumerate()
        .map(|(i, (description, amount))| {
            (
                budget_line::proposal_id.eq(new.id),
                budget_line::position.eq(i16::try_from(i).unwrap_or(i16::MAX)),
                budget_line::description.eq(*description),
                budget_line::amount_cents.eq(*amount),
            )
        })
        .collect();
    if !lines.is_empty() {
        diesel::insert_into(budget_line::table)
            .values(&lines)
            .execute(conn)?;
    }
    Ok(())
}

/// Links an idea to the proposal it was worked out in; the idea moves to status `proposal`
/// with `reason` (and a history event) unless it is there already.
pub fn link_idea(
    conn: &mut PgConnection,
    proposal_id: Uuid,
    row: &IdeaRow,
    reason: &str,
) -> QueryResult<()> {
    diesel::insert_into(proposal_idea::table)
        .values((
            proposal_idea::proposal_id.eq(proposal_id),
            proposal_idea::idea_id.eq(row.id),
        ))
        .execute(conn)?;
    if row.status != "proposal" {
        diesel::update(idea::table.find(row.id))
            .set((
                idea::status.eq("proposal"),
                idea::status_reason.eq(reason),
                idea::merged_into.eq(None::<Uuid>),
                idea::referred_to.eq(None::<String>),
                idea::updated_at.eq(Utc::now()),
            ))
            .execute(conn)?;
        record_event(conn, row.id, "status", Some("proposal"), Some(reason))?;
    }
    Ok(())
}

/// The wijk and round of a proposal.
pub fn wijk_and_round_of(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<(Uuid, Uuid)>> {
    proposal::table
        .find(id)
        .select((proposal::wijk_id, proposal::round_id))
        .first(conn)
        .optional()
}

/// Which of `ids` are proposals of this wijk and round.
pub fn ids_in_round(
    conn: &mut PgConnection,
    ids: &[Uuid],
    wijk_id: Uuid,
    round_id: Uuid,
) -> QueryResult<Vec<Uuid>> {
    proposal::table
        .filter(proposal::id.eq_any(ids))
        .filter(proposal::wijk_id.eq(wijk_id))
        .filter(proposal::round_id.eq(round_id))
        .select(proposal::id)
        .load(conn)
}

/// Why a decision was not recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecideRefusal {
    /// No proposal has this id.
    NotFound,
    /// The proposal's state does not allow it (decided already).
    Refused(Refusal),
}

/// Decides a proposal (locking it) and writes its audit row; a selected one becomes a project
/// due within the programme's realisation period, placed at the first of its ideas that has a
/// point. Run inside the caller's transaction.
pub fn decide(
    conn: &mut PgConnection,
    proposal_id: Uuid,
    selected: bool,
    reason: &str,
    actor: Uuid,
) -> QueryResult<Result<(), DecideRefusal>> {
    let Some(status) = proposal::table
        .find(proposal_id)
        .select(proposal::status)
        .for_update()
        .first::<String>(conn)
        .optional()?
    else {
        return Ok(Err(DecideRefusal::NotFound));
    };
    let (wijk_id, title, cost, months): (Uuid, String, i64, i32) = proposal::table
        .inner_join(programme_round::table.inner_join(programme::table))
        .filter(proposal::id.eq(proposal_id))
        .select((
            proposal::wijk_id,
            proposal::title,
            proposal::cost_cents,
            programme::realisation_months,
        ))
        .first(conn)?;
    let action = if selected {
        ProposalAction::Select
    } else {
        ProposalAction::Reject
    };
    let next = match ProposalState::parse(&status) {
        Some(state) => proposal_transition(state, action),
        None => Err(Refusal(format!("the proposal is already {status}"))),
    };
    let next = match next {
        Ok(next) => next,
        Err(refusal) => return Ok(Err(DecideRefusal::Refused(refusal))),
    };
    diesel::update(proposal::table.find(proposal_id))
        .set((
            proposal::status.eq(next.as_str()),
            proposal::decision_reason.eq(reason),
            proposal::decided_at.eq(Utc::now()),
        ))
        .execute(conn)?;
    if next == ProposalState::Selected {
        let point: Option<(Option<f64>, Option<f64>)> = proposal_idea::table
            .inner_join(idea::table)
            .filter(proposal_idea::proposal_id.eq(proposal_id))
            .filter(idea::lat.is_not_null())
            .order(idea::created_at.asc())
            .select((idea::lat, idea::lon))
            .first(conn)
            .optional()?;
        let today = Utc::now().date_naive();
        let deadline = today
            .checked_add_months(Months::new(u32::try_from(months).unwrap_or(24)))
            .unwrap_or(today);
        let (lat, lon) = point.unwrap_or((None, None));
        diesel::insert_into(project::table)
            .values((
                project::id.eq(Uuid::now_v7()),
                project::proposal_id.eq(proposal_id),
                project::wijk_id.eq(wijk_id),
                project::title.eq(&title),
                project::budget_cents.eq(cost),
                project::deadline.eq(deadline),
                project::lat.eq(lat),
                project::lon.eq(lon),
            ))
            .execute(conn)?;
    }
    audit::record(
        conn,
        NewAudit::by(Some(actor), "proposal.decided")
            .on("proposal", proposal_id)
            .details(json!({"selected": selected})),
    )?;
    Ok(Ok(()))
}
