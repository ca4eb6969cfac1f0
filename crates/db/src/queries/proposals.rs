//! Proposals of the wijkbudget: written from ideas, decided once (by staff, a panel member or a
//! vote's result); a selected one becomes a project.

use std::collections::HashMap;

use chrono::{DateTime, Months, NaiveDate, Utc};
use diesel::prelude::*;
use samenstad_domain::lifecycle::{ProposalAction, Refusal, fits_allocation, proposal_transition};
use samenstad_types::projects::{
    BudgetLine, DecisionKind, IdeaEventKind, IdeaStatus, PanelTally, Proposal, ProposalStatus,
};
use serde_json::json;
use uuid::Uuid;

use crate::queries::audit::{self, NewAudit};
use crate::queries::projects::{IdeaRow, record_event};
use crate::schema::{
    app_user, budget_line, idea, panel, panel_decision_vote, programme, programme_round, project,
    proposal, proposal_idea, round_wijk, vote, vote_option, wijk,
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
    ProposalStatus,
    (Uuid, Uuid),
    Option<DecisionKind>,
    Option<DateTime<Utc>>,
    Option<String>,
    Option<NaiveDate>,
    Option<String>,
);

/// Proposals with their budget lines, source ideas, project and the stand of the wijk's panel,
/// oldest first (six statements whatever the number of proposals).
pub fn proposals(conn: &mut PgConnection, which: ProposalsOf<'_>) -> QueryResult<Vec<Proposal>> {
    let mut q = proposal::table
        .inner_join(wijk::table)
        .inner_join(programme_round::table)
        .left_join(app_user::table.on(proposal::decided_by.eq(app_user::id.nullable())))
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
            (proposal::round_id, proposal::wijk_id),
            proposal::decision_kind,
            proposal::decided_at,
            app_user::display_name.nullable(),
            proposal::college_date,
            proposal::college_reference,
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
    let places: Vec<(Uuid, Uuid)> = rows.iter().map(|r| r.9).collect();
    let tallies = panel_tallies(conn, &places, &ids)?;
    Ok(rows
        .into_iter()
        .map(
            |(
                id,
                decision_reason,
                wijknr,
                round,
                title,
                summary,
                owners,
                cost_cents,
                status,
                place,
                decision_kind,
                decided_at,
                decided_by,
                college_date,
                college_reference,
            )| {
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
                    decision_kind,
                    decided_at: decided_at.map(|t| t.to_rfc3339()),
                    // A panel's members stay anonymous: the last one to vote is not named.
                    decided_by: decided_by.filter(|_| decision_kind != Some(DecisionKind::Panel)),
                    college_date: college_date.map(|d| d.to_string()),
                    college_reference,
                    panel_tally: tallies.get(&(place, id)).cloned(),
                }
            },
        )
        .collect())
}

/// One proposal, if it exists.
pub fn proposal_by_id(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<Proposal>> {
    Ok(proposals(conn, ProposalsOf::Id(id))?.into_iter().next())
}

/// A tally per ((round, wijk), proposal).
type Tallies = HashMap<((Uuid, Uuid), Uuid), PanelTally>;

/// The drawn panel of each (round, wijk) in `places` and how its sitting members voted on the
/// proposals `ids`: keyed by ((round, wijk), proposal).
fn panel_tallies(
    conn: &mut PgConnection,
    places: &[(Uuid, Uuid)],
    ids: &[Uuid],
) -> QueryResult<Tallies> {
    let rounds: Vec<Uuid> = places.iter().map(|p| p.0).collect();
    let panels: Vec<(Uuid, Uuid, Uuid, i32)> = panel::table
        .filter(panel::round_id.eq_any(&rounds))
        .filter(panel::drawn_at.is_not_null())
        .select((panel::id, panel::round_id, panel::wijk_id, panel::quorum))
        .load(conn)?;
    let panels: Vec<_> = panels
        .into_iter()
        .filter(|(_, r, w, _)| places.contains(&(*r, *w)))
        .collect();
    if panels.is_empty() {
        return Ok(HashMap::new());
    }
    let panel_ids: Vec<Uuid> = panels.iter().map(|p| p.0).collect();
    let seated = crate::queries::panels::seated_counts(conn, &panel_ids)?;
    let sitting = crate::queries::panels::sitting_of(conn, &panel_ids)?;
    let votes: Vec<(Uuid, Uuid, Uuid, bool)> = panel_decision_vote::table
        .filter(panel_decision_vote::panel_id.eq_any(&panel_ids))
        .filter(panel_decision_vote::proposal_id.eq_any(ids))
        .select((
            panel_decision_vote::panel_id,
            panel_decision_vote::proposal_id,
            panel_decision_vote::member_id,
            panel_decision_vote::selected,
        ))
        .load(conn)?;
    let mut out = HashMap::new();
    for (panel_id, round_id, wijk_id, quorum) in panels {
        for id in ids {
            let counted = votes.iter().filter(|(p, q, m, _)| {
                *p == panel_id && q == id && sitting.contains(&(panel_id, *m))
            });
            let (votes_for, votes_against) =
                counted.fold(
                    (0, 0),
                    |(f, a), (.., yes)| {
                        if *yes { (f + 1, a) } else { (f, a + 1) }
                    },
                );
            out.insert(
                ((round_id, wijk_id), *id),
                PanelTally {
                    seated: seated.get(&panel_id).copied().unwrap_or(0),
                    quorum,
                    votes_for,
                    votes_against,
                },
            );
        }
    }
    Ok(out)
}

/// Locks the wijk's row of the round (so concurrent selections queue up) and checks that one
/// more proposal of `cost` fits its allocation (`allocation` as the programme computes it):
/// `Err(left)` when it does not. Run inside the caller's transaction.
pub fn guard_allocation(
    conn: &mut PgConnection,
    round_id: Uuid,
    wijk_id: Uuid,
    allocation: i64,
    cost: i64,
) -> QueryResult<Result<(), i64>> {
    round_wijk::table
        .find((round_id, wijk_id))
        .select(round_wijk::round_id)
        .for_update()
        .first::<Uuid>(conn)?;
    let committed: Vec<i64> = proposal::table
        .filter(proposal::round_id.eq(round_id))
        .filter(proposal::wijk_id.eq(wijk_id))
        .filter(proposal::status.eq("selected"))
        .select(proposal::cost_cents)
        .load(conn)?;
    Ok(fits_allocation(allocation, committed.iter().sum(), cost))
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
    insert_lines(conn, new)
}

fn insert_lines(conn: &mut PgConnection, new: &NewProposal<'_>) -> QueryResult<()> {
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
                idea::status.eq(IdeaStatus::Proposal),
                idea::status_reason.eq(reason),
                idea::merged_into.eq(None::<Uuid>),
                idea::referred_to.eq(None::<String>),
                idea::updated_at.eq(Utc::now()),
            ))
            .execute(conn)?;
        record_event(
            conn,
            row.id,
            IdeaEventKind::Status,
            Some(IdeaStatus::Proposal),
            Some(reason),
        )?;
    }
    Ok(())
}

/// A proposal locked for an edit: its wijk and round, and why it may not change any more
/// (decided, or put to a vote that has opened), if so. The caller checks who asks before it
/// tells them why not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockedProposal {
    pub wijk_id: Uuid,
    pub round_id: Uuid,
    pub fixed: Option<String>,
}

/// Locks a proposal for an edit; `None` when no proposal has this id. Run inside the caller's
/// transaction.
pub fn lock_for_edit(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<LockedProposal>> {
    let Some((status, wijk_id, round_id)) = proposal::table
        .find(id)
        .select((proposal::status, proposal::wijk_id, proposal::round_id))
        .for_update()
        .first::<(ProposalStatus, Uuid, Uuid)>(conn)
        .optional()?
    else {
        return Ok(None);
    };
    let fixed = if status != ProposalStatus::Proposed {
        Some(format!(
            "the proposal is {status}; a decided proposal does not change"
        ))
    } else {
        let in_vote: bool = diesel::select(diesel::dsl::exists(
            vote_option::table
                .inner_join(vote::table)
                .filter(vote_option::proposal_id.eq(id))
                .filter(vote::opens_at.le(Utc::now())),
        ))
        .get_result(conn)?;
        in_vote.then(|| "the proposal is put to a vote that has opened".to_owned())
    };
    Ok(Some(LockedProposal {
        wijk_id,
        round_id,
        fixed,
    }))
}

/// Replaces a locked proposal's text, owners and budget lines (the cost is their sum) and
/// unlinks the ideas not in `keep_ideas` (they go back to `in_dialogue` with `unlink_reason`);
/// the caller links new ones with `link_idea` and writes nothing else: the audit row is here.
pub fn update_proposal(
    conn: &mut PgConnection,
    new: &NewProposal<'_>,
    keep_ideas: &[Uuid],
    unlink_reason: &str,
) -> QueryResult<()> {
    let cost: i64 = new.budget_lines.iter().map(|(_, a)| a).sum();
    diesel::update(proposal::table.find(new.id))
        .set((
            proposal::title.eq(new.title),
            proposal::summary.eq(new.summary),
            proposal::owners.eq(new.owners),
            proposal::cost_cents.eq(cost),
        ))
        .execute(conn)?;
    diesel::delete(budget_line::table.filter(budget_line::proposal_id.eq(new.id))).execute(conn)?;
    insert_lines(conn, new)?;
    let dropped: Vec<Uuid> = proposal_idea::table
        .filter(proposal_idea::proposal_id.eq(new.id))
        .filter(proposal_idea::idea_id.ne_all(keep_ideas))
        .select(proposal_idea::idea_id)
        .load(conn)?;
    if !dropped.is_empty() {
        diesel::delete(
            proposal_idea::table
                .filter(proposal_idea::proposal_id.eq(new.id))
                .filter(proposal_idea::idea_id.eq_any(&dropped)),
        )
        .execute(conn)?;
        diesel::update(idea::table.filter(idea::id.eq_any(&dropped)))
            .set((
                idea::status.eq(IdeaStatus::InDialogue),
                idea::status_reason.eq(unlink_reason),
                idea::updated_at.eq(Utc::now()),
            ))
            .execute(conn)?;
        for idea_id in &dropped {
            record_event(
                conn,
                *idea_id,
                IdeaEventKind::Status,
                Some(IdeaStatus::InDialogue),
                Some(unlink_reason),
            )?;
        }
    }
    audit::record(
        conn,
        NewAudit::by(Some(new.created_by), "proposal.updated")
            .on("proposal", new.id)
            .details(json!({ "cost_cents": cost, "ideas_unlinked": dropped.len() })),
    )?;
    Ok(())
}

/// Whether the idea is linked to the proposal already.
pub fn is_linked(conn: &mut PgConnection, proposal_id: Uuid, idea_id: Uuid) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        proposal_idea::table
            .filter(proposal_idea::proposal_id.eq(proposal_id))
            .filter(proposal_idea::idea_id.eq(idea_id)),
    ))
    .get_result(conn)
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
    /// Selecting it would pass the wijk's allocation: what is left of it, and the allocation.
    OverAllocation { left: i64, allocation: i64 },
}

/// A decision on a proposal.
#[derive(Debug, Clone)]
pub struct Decision<'a> {
    pub selected: bool,
    pub reason: &'a str,
    /// Who decided.
    pub kind: DecisionKind,
    /// With `college`.
    pub college_date: Option<NaiveDate>,
    /// With `college`.
    pub college_reference: Option<&'a str>,
    /// Who records it (for a panel: the member whose vote decided).
    pub actor: Uuid,
}

/// Decides a proposal (locking it) and writes its audit row; a selected one must fit what is
/// left of the wijk's allocation (the wijk's round row is locked while this is checked), and
/// becomes a project due within the programme's realisation period, placed at the first of its
/// ideas that has a point. Run inside the caller's transaction.
pub fn decide(
    conn: &mut PgConnection,
    proposal_id: Uuid,
    d: &Decision<'_>,
) -> QueryResult<Result<(), DecideRefusal>> {
    let (selected, reason, actor) = (d.selected, d.reason, d.actor);
    let Some(status) = proposal::table
        .find(proposal_id)
        .select(proposal::status)
        .for_update()
        .first::<ProposalStatus>(conn)
        .optional()?
    else {
        return Ok(Err(DecideRefusal::NotFound));
    };
    let (wijk_id, round_id, title, cost, months): (Uuid, Uuid, String, i64, i32) = proposal::table
        .inner_join(programme_round::table.inner_join(programme::table))
        .filter(proposal::id.eq(proposal_id))
        .select((
            proposal::wijk_id,
            proposal::round_id,
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
    let next = match proposal_transition(status, action) {
        Ok(next) => next,
        Err(refusal) => return Ok(Err(DecideRefusal::Refused(refusal))),
    };
    if next == ProposalStatus::Selected {
        let allocation =
            crate::queries::projects::allocation_of(conn, round_id, wijk_id)?.unwrap_or(0);
        if let Err(left) = guard_allocation(conn, round_id, wijk_id, allocation, cost)? {
            return Ok(Err(DecideRefusal::OverAllocation { left, allocation }));
        }
    }
    diesel::update(proposal::table.find(proposal_id))
        .set((
            proposal::status.eq(next),
            proposal::decision_reason.eq(reason),
            proposal::decided_at.eq(Utc::now()),
            proposal::decision_kind.eq(d.kind),
            proposal::decided_by.eq(actor),
            proposal::college_date.eq(d.college_date),
            proposal::college_reference.eq(d.college_reference),
        ))
        .execute(conn)?;
    if next == ProposalStatus::Selected {
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
            .details(json!({"selected": selected, "kind": d.kind,
                "college_date": d.college_date, "college_reference": d.college_reference})),
    )?;
    Ok(Ok(()))
}
