//! Proposals, residence verification, public votes, ballots (online and paper) and results.
//!
//! One person, one ballot: `ballot (vote_id, voter_id)` is unique, and casting again changes the
//! same row until the vote closes. Results stay hidden until then and are tallied by the rules
//! in `samenstad_domain::tally` (Method of Equal Shares with add1 completion, or greedy).

use std::collections::{BTreeMap, HashMap};

use actix_web::{HttpResponse, get, post, put, web};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use diesel::prelude::*;
use samenstad_db::PgConnection;
use samenstad_db::queries::audit::{self, NewAudit};
use samenstad_db::queries::projects as pq;
use samenstad_db::schema::{
    ballot, budget_line, idea, programme_round, project, proposal, proposal_idea, residence, vote,
    vote_option, wijk,
};
use samenstad_domain::ballot::{BallotKind, BallotRules, check};
use samenstad_domain::pabulib::{Amount, Election, Project, VoteType, Voter};
use samenstad_domain::tally::{GreedyScore, greedy, mes_add1};
use samenstad_types::Problem;
use samenstad_types::projects::{
    Ballot, BudgetLine, CastBallot, Choice, CreateProposal, CreateVote, Proposal, ProposalResult,
    Residence, VerifyResidence, Vote, VoteResults,
};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use crate::auth::{Authenticated, Caller, UserCaller};
use crate::error::AppError;
use crate::principal::{Principal, parse_id, wijk_id};
use crate::state::AppState;

/// Registers the handlers of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create_proposal)
        .service(list_proposals)
        .service(get_proposal)
        .service(verify_residence)
        .service(create_vote)
        .service(list_votes)
        .service(get_vote)
        .service(cast_ballot)
        .service(my_ballot)
        .service(enter_paper_ballot)
        .service(confirm_paper_ballot)
        .service(vote_results)
        .service(vote_pabulib)
        .service(apply_vote);
}

/// The wijk (id) and the round of the active programme it takes part in.
fn wijk_and_round(conn: &mut PgConnection, key: &str) -> Result<(Uuid, Uuid), AppError> {
    let wijk_id = wijk_id(conn, key)?;
    let round_id = pq::active_round_of_wijk(conn, wijk_id)?.ok_or_else(|| {
        AppError::field(
            "wijk",
            "no_round",
            "the wijk takes part in no active programme round",
        )
    })?;
    Ok((wijk_id, round_id))
}

type ProposalRow = (
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

fn proposals_by(
    conn: &mut PgConnection,
    filter: impl FnOnce(
        proposal::BoxedQuery<'static, diesel::pg::Pg>,
    ) -> proposal::BoxedQuery<'static, diesel::pg::Pg>,
) -> Result<Vec<Proposal>, AppError> {
    let ids: Vec<Uuid> = filter(proposal::table.into_boxed())
        .select(proposal::id)
        .load(conn)?;
    let rows: Vec<ProposalRow> = proposal::table
        .inner_join(wijk::table)
        .inner_join(programme_round::table)
        .filter(proposal::id.eq_any(&ids))
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
        .load(conn)?;
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

pub(crate) fn load_proposal(conn: &mut PgConnection, id: Uuid) -> Result<Proposal, AppError> {
    proposals_by(conn, |q| q.filter(proposal::id.eq(id)))?
        .into_iter()
        .next()
        .ok_or_else(|| AppError::NotFound("no such proposal".to_owned()))
}

/// Work ideas out into a proposal
///
/// Staff of the wijk write a proposal with a costed budget and its owners, from ideas of the
/// same wijk; those ideas move to status `proposal` with a reason naming it (on their history).
#[utoipa::path(
    tag = "projects",
    security(("bearer" = [])),
    request_body = CreateProposal,
    responses(
        (status = 201, description = "Created", body = Proposal),
        (status = 400, description = "Invalid proposal, wijk or idea", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff of the wijk", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/projects/proposals")]
pub async fn create_proposal(
    caller: UserCaller,
    state: web::Data<AppState>,
    body: web::Json<CreateProposal>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    body.validate()?;
    let idea_ids: Vec<Uuid> = body
        .idea_ids
        .iter()
        .map(|i| {
            i.parse()
                .map_err(|_| AppError::field("idea_ids", "invalid", "must be UUIDs"))
        })
        .collect::<Result<_, _>>()?;
    let cost: i64 = body.budget_lines.iter().map(|l| l.amount_cents).sum();
    let created = state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let (wijk_id, round_id) = wijk_and_round(conn, &body.wijk)?;
            p.require_staff_of(wijk_id)?;
            let id = Uuid::now_v7();
            diesel::insert_into(proposal::table)
                .values((
                    proposal::id.eq(id),
                    proposal::round_id.eq(round_id),
                    proposal::wijk_id.eq(wijk_id),
                    proposal::title.eq(body.title.trim()),
                    proposal::summary.eq(body.summary.trim()),
                    proposal::owners.eq(body.owners.trim()),
                    proposal::cost_cents.eq(cost),
                    proposal::created_by.eq(p.user.id),
                ))
                .execute(conn)?;
            for (i, line) in body.budget_lines.iter().enumerate() {
                diesel::insert_into(budget_line::table)
                    .values((
                        budget_line::proposal_id.eq(id),
                        budget_line::position.eq(i16::try_from(i).unwrap_or(i16::MAX)),
                        budget_line::description.eq(line.description.trim()),
                        budget_line::amount_cents.eq(line.amount_cents),
                    ))
                    .execute(conn)?;
            }
            let reason = format!("Uitgewerkt in het voorstel «{}».", body.title.trim());
            for idea_id in idea_ids {
                let row = pq::idea_for_update(conn, idea_id)?
                    .filter(|i| i.wijk_id == wijk_id)
                    .ok_or_else(|| {
                        AppError::field("idea_ids", "unknown", "an idea is not one of this wijk")
                    })?;
                diesel::insert_into(proposal_idea::table)
                    .values((
                        proposal_idea::proposal_id.eq(id),
                        proposal_idea::idea_id.eq(row.id),
                    ))
                    .execute(conn)?;
                if row.status != "proposal" {
                    diesel::update(idea::table.find(row.id))
                        .set((
                            idea::status.eq("proposal"),
                            idea::status_reason.eq(&reason),
                            idea::merged_into.eq(None::<Uuid>),
                            idea::referred_to.eq(None::<String>),
                            idea::updated_at.eq(Utc::now()),
                        ))
                        .execute(conn)?;
                    pq::record_event(conn, row.id, "status", Some("proposal"), Some(&reason))?;
                }
            }
            audit::record(
                conn,
                NewAudit::by(Some(p.user.id), "proposal.created").on("proposal", id),
            )?;
            load_proposal(conn, id)
        })
        .await?;
    Ok(HttpResponse::Created().json(created))
}

/// The wijk of a list.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct WijkQuery {
    /// Wijk number or slug.
    pub wijk: String,
}

/// List a wijk's proposals
///
/// The proposals of the wijk's current round, oldest first, with budgets and source ideas.
#[utoipa::path(
    tag = "projects",
    security(()),
    params(WijkQuery),
    responses(
        (status = 200, description = "Proposals", body = Vec<Proposal>),
        (status = 400, description = "Unknown wijk", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/projects/proposals")]
pub async fn list_proposals(
    state: web::Data<AppState>,
    query: web::Query<WijkQuery>,
) -> Result<web::Json<Vec<Proposal>>, AppError> {
    let key = query.into_inner().wijk;
    state
        .with_conn(move |conn| {
            let wijk_id = wijk_id(conn, &key)?;
            proposals_by(conn, |q| q.filter(proposal::wijk_id.eq(wijk_id)))
        })
        .await
        .map(web::Json)
}

/// Get a proposal
///
/// One proposal with its budget lines and the ideas it came from.
#[utoipa::path(
    tag = "projects",
    security(()),
    params(("id" = String, Path, description = "Proposal id (UUID)")),
    responses(
        (status = 200, description = "The proposal", body = Proposal),
        (status = 404, description = "No such proposal", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/projects/proposals/{id}")]
pub async fn get_proposal(
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<web::Json<Proposal>, AppError> {
    let id = parse_id(&id, "proposal")?;
    state
        .with_conn(move |conn| load_proposal(conn, id))
        .await
        .map(web::Json)
}

/// Verify where a resident lives
///
/// Staff of the wijk record, after seeing proof, that the account's holder lives in the wijk
/// and their date of birth: the right to vote there. A city register plugs in as an API client
/// with the `residence:write` scope and calls the same operation (`method` becomes `register`).
/// The date of birth is never shown back.
#[utoipa::path(
    tag = "projects",
    security(("bearer" = [])),
    params(("user_id" = String, Path, description = "The resident's account id (UUID)")),
    request_body = VerifyResidence,
    responses(
        (status = 200, description = "Verified", body = Residence),
        (status = 400, description = "Unknown wijk or invalid date", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff of the wijk, or a client without `residence:write`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/projects/residents/{user_id}")]
pub async fn verify_residence(
    caller: Authenticated,
    state: web::Data<AppState>,
    user_id: web::Path<String>,
    body: web::Json<VerifyResidence>,
) -> Result<web::Json<Residence>, AppError> {
    let user_id = parse_id(&user_id, "account")?;
    let body = body.into_inner();
    let birth_date = NaiveDate::parse_from_str(&body.birth_date, "%Y-%m-%d")
        .ok()
        .filter(|d| d.year() > 1900 && *d <= Utc::now().date_naive())
        .ok_or_else(|| {
            AppError::field("birth_date", "invalid", "must be a past date, YYYY-MM-DD")
        })?;
    state
        .transaction(move |conn| {
            let wijk_id = wijk_id(conn, &body.wijk)?;
            // A person must be staff of the wijk; a client must hold the register scope.
            let (method, verifier, client) = match caller.0 {
                Caller::User { id, issued_at } => {
                    let p = Principal::load(conn, UserCaller { id, issued_at })?;
                    p.require_staff_of(wijk_id)?;
                    ("staff", Some(p.user.id), None)
                }
                Caller::Client { id, scopes } => {
                    if !scopes.iter().any(|s| s == "residence:write") {
                        return Err(AppError::Forbidden(
                            "this client lacks the residence:write scope".to_owned(),
                        ));
                    }
                    ("register", None, Some(id))
                }
            };
            samenstad_db::queries::accounts::user_by_id(conn, user_id)?
                .ok_or_else(|| AppError::NotFound("no such account".to_owned()))?;
            let now = Utc::now();
            diesel::insert_into(residence::table)
                .values((
                    residence::user_id.eq(user_id),
                    residence::wijk_id.eq(wijk_id),
                    residence::birth_date.eq(birth_date),
                    residence::method.eq(method),
                    residence::verified_by.eq(verifier),
                    residence::verified_at.eq(now),
                ))
                .on_conflict(residence::user_id)
                .do_update()
                .set((
                    residence::wijk_id.eq(wijk_id),
                    residence::birth_date.eq(birth_date),
                    residence::method.eq(method),
                    residence::verified_by.eq(verifier),
                    residence::verified_at.eq(now),
                ))
                .execute(conn)?;
            audit::record(
                conn,
                NewAudit {
                    actor_client_id: client,
                    ..NewAudit::by(verifier, "residence.verified").on("user", user_id)
                },
            )?;
            let wijknr: i16 = wijk::table.find(wijk_id).select(wijk::wijknr).first(conn)?;
            Ok(Residence {
                user_id: user_id.to_string(),
                wijknr,
                method: method.to_owned(),
                verified_at: now.to_rfc3339(),
            })
        })
        .await
        .map(web::Json)
}

#[derive(Debug, Clone, Queryable)]
struct VoteRow {
    id: Uuid,
    wijk_id: Uuid,
    wijknr: i16,
    ballot_kind: String,
    budget_cents: i64,
    max_choices: Option<i32>,
    points: Option<i32>,
    rule: String,
    min_age: i32,
    opens_at: DateTime<Utc>,
    closes_at: DateTime<Utc>,
}

fn vote_row(conn: &mut PgConnection, id: Uuid) -> Result<VoteRow, AppError> {
    vote::table
        .inner_join(wijk::table)
        .filter(vote::id.eq(id))
        .select((
            vote::id,
            vote::wijk_id,
            wijk::wijknr,
            vote::ballot_kind,
            vote::budget_cents,
            vote::max_choices,
            vote::points,
            vote::rule,
            vote::min_age,
            vote::opens_at,
            vote::closes_at,
        ))
        .first(conn)
        .optional()?
        .ok_or_else(|| AppError::NotFound("no such vote".to_owned()))
}

fn options_of(conn: &mut PgConnection, vote_id: Uuid) -> Result<Vec<Proposal>, AppError> {
    let ids: Vec<Uuid> = vote_option::table
        .filter(vote_option::vote_id.eq(vote_id))
        .select(vote_option::proposal_id)
        .load(conn)?;
    proposals_by(conn, |q| q.filter(proposal::id.eq_any(ids)))
}

fn load_vote(conn: &mut PgConnection, id: Uuid) -> Result<(VoteRow, Vote), AppError> {
    let row = vote_row(conn, id)?;
    let now = Utc::now();
    let view = Vote {
        id: row.id.to_string(),
        wijknr: row.wijknr,
        ballot_kind: row.ballot_kind.clone(),
        budget_cents: row.budget_cents,
        max_choices: row.max_choices,
        points: row.points,
        rule: row.rule.clone(),
        min_age: row.min_age,
        opens_at: row.opens_at.to_rfc3339(),
        closes_at: row.closes_at.to_rfc3339(),
        state: if now < row.opens_at {
            "upcoming"
        } else if now < row.closes_at {
            "open"
        } else {
            "closed"
        }
        .to_owned(),
        options: options_of(conn, id)?,
    };
    Ok((row, view))
}

fn rules_of(row: &VoteRow, options: &[Proposal]) -> BallotRules {
    BallotRules {
        kind: BallotKind::parse(&row.ballot_kind).unwrap_or(BallotKind::Approval),
        budget_cents: u64::try_from(row.budget_cents).unwrap_or(0),
        max_choices: row.max_choices.and_then(|m| u32::try_from(m).ok()),
        points: row.points.and_then(|m| u32::try_from(m).ok()),
        costs: options
            .iter()
            .map(|p| (p.id.clone(), u64::try_from(p.cost_cents).unwrap_or(0)))
            .collect(),
    }
}

fn time(value: &str, field: &str) -> Result<DateTime<Utc>, AppError> {
    DateTime::parse_from_rfc3339(value)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| AppError::field(field, "invalid", "must be an RFC 3339 timestamp"))
}

/// Open a public vote
///
/// Staff of a wijk whose selection method is `public_vote` put proposals of the wijk's round to
/// the vote: the ballot kind (`approval`, `knapsack`: costs together at most the budget,
/// `cumulative`: points to spread), the budget (default: the wijk's allocation), the rule that
/// decides (`mes`, the default; or `greedy` by points, the default for cumulative ballots, as
/// Equal Shares counts who chose a project, not points), the minimum age, opening and close.
#[utoipa::path(
    tag = "projects",
    security(("bearer" = [])),
    request_body = CreateVote,
    responses(
        (status = 201, description = "Created", body = Vote),
        (status = 400, description = "Invalid vote", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff of the wijk", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The wijk does not select by vote, or already has a vote in this round", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/projects/votes")]
pub async fn create_vote(
    caller: UserCaller,
    state: web::Data<AppState>,
    body: web::Json<CreateVote>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    let kind = BallotKind::parse(&body.ballot_kind).ok_or_else(|| {
        AppError::field(
            "ballot_kind",
            "invalid",
            "must be approval, knapsack or cumulative",
        )
    })?;
    if (kind == BallotKind::Cumulative) != body.points.is_some() {
        return Err(AppError::field(
            "points",
            "invalid",
            "give points for a cumulative ballot, and only then",
        ));
    }
    if body.points.is_some_and(|p| p < 1) || body.max_choices.is_some_and(|m| m < 1) {
        return Err(AppError::field("points", "invalid", "must be at least 1"));
    }
    // Equal Shares counts who chose a project, not points: cumulative ballots default to greedy
    // by points.
    let rule = body.rule.clone().unwrap_or_else(|| {
        if kind == BallotKind::Cumulative {
            "greedy"
        } else {
            "mes"
        }
        .to_owned()
    });
    if !matches!(rule.as_str(), "mes" | "greedy") {
        return Err(AppError::field("rule", "invalid", "must be mes or greedy"));
    }
    let min_age = body.min_age.unwrap_or(16);
    if !(0..=120).contains(&min_age) {
        return Err(AppError::field("min_age", "invalid", "must be 0 to 120"));
    }
    let (opens_at, closes_at) = (
        time(&body.opens_at, "opens_at")?,
        time(&body.closes_at, "closes_at")?,
    );
    if closes_at <= opens_at {
        return Err(AppError::field(
            "closes_at",
            "invalid",
            "must be after opens_at",
        ));
    }
    let proposal_ids: Vec<Uuid> = body
        .proposal_ids
        .iter()
        .map(|i| {
            i.parse()
                .map_err(|_| AppError::field("proposal_ids", "invalid", "must be UUIDs"))
        })
        .collect::<Result<_, _>>()?;
    if proposal_ids.is_empty() {
        return Err(AppError::field(
            "proposal_ids",
            "required",
            "put at least one proposal to the vote",
        ));
    }
    let created = state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let (wijk_id, round_id) = wijk_and_round(conn, &body.wijk)?;
            p.require_staff_of(wijk_id)?;
            let method = pq::selection_method(conn, round_id, wijk_id)?;
            if method != "public_vote" {
                return Err(AppError::Conflict(format!(
                    "this wijk selects by {method}; set its method to public_vote first"
                )));
            }
            let budget = match body.budget_cents {
                Some(b) if b > 0 => b,
                Some(_) => {
                    return Err(AppError::field(
                        "budget_cents",
                        "invalid",
                        "must be more than 0",
                    ));
                }
                None => allocation_of(conn, round_id, wijk_id)?.ok_or_else(|| {
                    AppError::field(
                        "budget_cents",
                        "required",
                        "the wijk has no allocation; give the budget",
                    )
                })?,
            };
            let known: Vec<Uuid> = proposal::table
                .filter(proposal::id.eq_any(&proposal_ids))
                .filter(proposal::wijk_id.eq(wijk_id))
                .filter(proposal::round_id.eq(round_id))
                .select(proposal::id)
                .load(conn)?;
            if known.len() != proposal_ids.len() {
                return Err(AppError::field(
                    "proposal_ids",
                    "unknown",
                    "every proposal must be of this wijk and round",
                ));
            }
            let id = Uuid::now_v7();
            let inserted = diesel::insert_into(vote::table)
                .values((
                    vote::id.eq(id),
                    vote::round_id.eq(round_id),
                    vote::wijk_id.eq(wijk_id),
                    vote::ballot_kind.eq(&body.ballot_kind),
                    vote::budget_cents.eq(budget),
                    vote::max_choices.eq(body.max_choices),
                    vote::points.eq(body.points),
                    vote::rule.eq(&rule),
                    vote::min_age.eq(min_age),
                    vote::opens_at.eq(opens_at),
                    vote::closes_at.eq(closes_at),
                    vote::created_by.eq(p.user.id),
                ))
                .on_conflict_do_nothing()
                .execute(conn)?;
            if inserted == 0 {
                return Err(AppError::Conflict(
                    "the wijk already has a vote in this round".to_owned(),
                ));
            }
            for pid in &known {
                diesel::insert_into(vote_option::table)
                    .values((
                        vote_option::vote_id.eq(id),
                        vote_option::proposal_id.eq(pid),
                    ))
                    .execute(conn)?;
            }
            audit::record(
                conn,
                NewAudit::by(Some(p.user.id), "vote.created").on("vote", id),
            )?;
            Ok(load_vote(conn, id)?.1)
        })
        .await?;
    Ok(HttpResponse::Created().json(created))
}

/// The wijk's allocation in the programme of its round.
fn allocation_of(
    conn: &mut PgConnection,
    round_id: Uuid,
    wijk_id: Uuid,
) -> Result<Option<i64>, AppError> {
    let programme_id: Uuid = programme_round::table
        .find(round_id)
        .select(programme_round::programme_id)
        .first(conn)?;
    let Some(tree) = pq::programme_tree(conn, &programme_id.to_string())? else {
        return Ok(None);
    };
    let amounts = crate::routes::projects::allocations(&tree)?;
    Ok(tree
        .wijken
        .iter()
        .position(|(w, ..)| w.wijk_id == wijk_id)
        .and_then(|i| amounts.get(i))
        .and_then(|a| i64::try_from(a.amount_cents).ok()))
}

/// List a wijk's votes
///
/// The public votes of the wijk (at most one per round), newest first.
#[utoipa::path(
    tag = "projects",
    security(()),
    params(WijkQuery),
    responses(
        (status = 200, description = "Votes", body = Vec<Vote>),
        (status = 400, description = "Unknown wijk", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/projects/votes")]
pub async fn list_votes(
    state: web::Data<AppState>,
    query: web::Query<WijkQuery>,
) -> Result<web::Json<Vec<Vote>>, AppError> {
    let key = query.into_inner().wijk;
    state
        .with_conn(move |conn| {
            let wijk_id = wijk_id(conn, &key)?;
            let ids: Vec<Uuid> = vote::table
                .filter(vote::wijk_id.eq(wijk_id))
                .order(vote::opens_at.desc())
                .select(vote::id)
                .load(conn)?;
            ids.into_iter()
                .map(|id| Ok(load_vote(conn, id)?.1))
                .collect()
        })
        .await
        .map(web::Json)
}

/// Get a vote
///
/// The vote with its proposals and whether it is upcoming, open or closed.
#[utoipa::path(
    tag = "projects",
    security(()),
    params(("id" = String, Path, description = "Vote id (UUID)")),
    responses(
        (status = 200, description = "The vote", body = Vote),
        (status = 404, description = "No such vote", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/projects/votes/{id}")]
pub async fn get_vote(
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<web::Json<Vote>, AppError> {
    let id = parse_id(&id, "vote")?;
    state
        .with_conn(move |conn| Ok(load_vote(conn, id)?.1))
        .await
        .map(web::Json)
}

/// The checked choices of a ballot, by proposal id.
fn checked_choices(
    row: &VoteRow,
    options: &[Proposal],
    body: &CastBallot,
) -> Result<BTreeMap<String, u32>, AppError> {
    let mut choices = BTreeMap::new();
    for c in &body.choices {
        let points = u32::try_from(c.points)
            .map_err(|_| AppError::field("choices", "invalid", "points must be positive"))?;
        if choices.insert(c.proposal_id.clone(), points).is_some() {
            return Err(AppError::field(
                "choices",
                "duplicate",
                "choose each proposal once",
            ));
        }
    }
    let rules = rules_of(row, options);
    if rules.kind != BallotKind::Cumulative && choices.values().any(|p| *p != 1) {
        return Err(AppError::field(
            "choices",
            "invalid",
            "points are for cumulative ballots only",
        ));
    }
    check(&rules, &choices).map_err(|e| AppError::field("choices", "invalid", &e.to_string()))?;
    Ok(choices)
}

#[derive(Debug, Clone, Queryable)]
struct BallotRow {
    id: Uuid,
    paper_ref: Option<String>,
    confirmed_by: Option<Uuid>,
    choices: serde_json::Value,
    updated_at: DateTime<Utc>,
}

fn ballot_view(vote_id: Uuid, row: &BallotRow, options: &[Proposal]) -> Ballot {
    let choices: BTreeMap<String, u32> =
        serde_json::from_value(row.choices.clone()).unwrap_or_default();
    let costs: HashMap<&str, i64> = options
        .iter()
        .map(|p| (p.id.as_str(), p.cost_cents))
        .collect();
    Ballot {
        id: row.id.to_string(),
        vote_id: vote_id.to_string(),
        cost_cents: choices.keys().filter_map(|k| costs.get(k.as_str())).sum(),
        choices: choices
            .into_iter()
            .map(|(proposal_id, points)| Choice {
                proposal_id,
                points: i32::try_from(points).unwrap_or(i32::MAX),
            })
            .collect(),
        paper_ref: row.paper_ref.clone(),
        confirmed: row.paper_ref.is_none() || row.confirmed_by.is_some(),
        updated_at: row.updated_at.to_rfc3339(),
    }
}

const BALLOT_COLUMNS: (
    ballot::id,
    ballot::paper_ref,
    ballot::confirmed_by,
    ballot::choices,
    ballot::updated_at,
) = (
    ballot::id,
    ballot::paper_ref,
    ballot::confirmed_by,
    ballot::choices,
    ballot::updated_at,
);

/// Cast or change my ballot
///
/// A resident whose residence in the wijk is verified, old enough, while the vote is open.
/// Casting again replaces the ballot (one person, one ballot). Knapsack ballots must fit the
/// budget; the problem names what is wrong.
#[utoipa::path(
    tag = "projects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Vote id (UUID)")),
    request_body = CastBallot,
    responses(
        (status = 200, description = "The ballot as stored", body = Ballot),
        (status = 400, description = "The ballot breaks the vote's rules", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a verified resident of the wijk, or too young", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such vote", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The vote is not open", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/projects/votes/{id}/ballot")]
pub async fn cast_ballot(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Json<CastBallot>,
) -> Result<web::Json<Ballot>, AppError> {
    let id = parse_id(&id, "vote")?;
    let body = body.into_inner();
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let (row, view) = load_vote(conn, id)?;
            if view.state != "open" {
                return Err(AppError::Conflict(format!("the vote is {}", view.state)));
            }
            let home: Option<(Uuid, NaiveDate)> = residence::table
                .find(p.user.id)
                .select((residence::wijk_id, residence::birth_date))
                .first(conn)
                .optional()?;
            match home {
                None => {
                    return Err(AppError::Forbidden(
                        "only residents whose address was verified may vote; ask the wijk's staff"
                            .to_owned(),
                    ));
                }
                Some((w, _)) if w != row.wijk_id => {
                    return Err(AppError::Forbidden(
                        "only residents of this wijk may vote here".to_owned(),
                    ));
                }
                Some((_, born)) => {
                    let age = row.closes_at.date_naive().years_since(born).unwrap_or(0);
                    if age < u32::try_from(row.min_age).unwrap_or(0) {
                        return Err(AppError::Forbidden(format!(
                            "voters must be at least {} when the vote closes",
                            row.min_age
                        )));
                    }
                }
            }
            let choices = checked_choices(&row, &view.options, &body)?;
            let json = serde_json::to_value(&choices).unwrap_or_default();
            let now = Utc::now();
            let stored: BallotRow = diesel::insert_into(ballot::table)
                .values((
                    ballot::id.eq(Uuid::now_v7()),
                    ballot::vote_id.eq(id),
                    ballot::voter_id.eq(p.user.id),
                    ballot::choices.eq(&json),
                    ballot::updated_at.eq(now),
                ))
                .on_conflict((ballot::vote_id, ballot::voter_id))
                .do_update()
                .set((ballot::choices.eq(&json), ballot::updated_at.eq(now)))
                .returning(BALLOT_COLUMNS)
                .get_result(conn)?;
            Ok(ballot_view(id, &stored, &view.options))
        })
        .await
        .map(web::Json)
}

/// My ballot
///
/// The caller's ballot in this vote (404 when they have not voted).
#[utoipa::path(
    tag = "projects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Vote id (UUID)")),
    responses(
        (status = 200, description = "My ballot", body = Ballot),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such vote, or no ballot of mine", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/projects/votes/{id}/ballot")]
pub async fn my_ballot(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<web::Json<Ballot>, AppError> {
    let id = parse_id(&id, "vote")?;
    state
        .with_conn(move |conn| {
            let p = Principal::load(conn, caller)?;
            let (_, view) = load_vote(conn, id)?;
            let row: BallotRow = ballot::table
                .filter(ballot::vote_id.eq(id))
                .filter(ballot::voter_id.eq(p.user.id))
                .select(BALLOT_COLUMNS)
                .first(conn)
                .optional()?
                .ok_or_else(|| AppError::NotFound("you have not voted yet".to_owned()))?;
            Ok(ballot_view(id, &row, &view.options))
        })
        .await
        .map(web::Json)
}

/// Enter a paper ballot
///
/// Staff of the wijk type in a paper ballot with the number written on it; it counts once a
/// second staff member confirms it. The same paper number cannot be entered twice.
#[utoipa::path(
    tag = "projects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Vote id (UUID)")),
    request_body = CastBallot,
    responses(
        (status = 201, description = "Entered, awaiting confirmation", body = Ballot),
        (status = 400, description = "No paper number, or the ballot breaks the rules", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff of the wijk", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such vote", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "This paper number was entered already", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/projects/votes/{id}/paper-ballots")]
pub async fn enter_paper_ballot(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Json<CastBallot>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&id, "vote")?;
    let body = body.into_inner();
    let paper_ref = body
        .paper_ref
        .as_deref()
        .map(str::trim)
        .filter(|r| (1..=60).contains(&r.len()))
        .ok_or_else(|| {
            AppError::field(
                "paper_ref",
                "required",
                "give the number on the paper (1–60 characters)",
            )
        })?
        .to_owned();
    let stored = state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let (row, view) = load_vote(conn, id)?;
            p.require_staff_of(row.wijk_id)?;
            let choices = checked_choices(&row, &view.options, &body)?;
            let stored: Option<BallotRow> = diesel::insert_into(ballot::table)
                .values((
                    ballot::id.eq(Uuid::now_v7()),
                    ballot::vote_id.eq(id),
                    ballot::source.eq("paper"),
                    ballot::paper_ref.eq(&paper_ref),
                    ballot::entered_by.eq(p.user.id),
                    ballot::choices.eq(serde_json::to_value(&choices).unwrap_or_default()),
                ))
                .on_conflict_do_nothing()
                .returning(BALLOT_COLUMNS)
                .get_result(conn)
                .optional()?;
            let stored = stored.ok_or_else(|| {
                AppError::Conflict(format!("paper ballot {paper_ref} was entered already"))
            })?;
            audit::record(
                conn,
                NewAudit::by(Some(p.user.id), "ballot.paper_entered").on("ballot", stored.id),
            )?;
            Ok(ballot_view(id, &stored, &view.options))
        })
        .await?;
    Ok(HttpResponse::Created().json(stored))
}

/// Confirm a paper ballot
///
/// A second staff member of the wijk (not the one who entered it) confirms a paper ballot;
/// from then on it counts.
#[utoipa::path(
    tag = "projects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Ballot id (UUID)")),
    responses(
        (status = 200, description = "Confirmed", body = Ballot),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff of the wijk", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such paper ballot", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Entered by the caller, or confirmed already", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/projects/ballots/{id}/confirm")]
pub async fn confirm_paper_ballot(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<web::Json<Ballot>, AppError> {
    let id = parse_id(&id, "ballot")?;
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let (vote_id, entered_by, confirmed_by): (Uuid, Option<Uuid>, Option<Uuid>) =
                ballot::table
                    .find(id)
                    .filter(ballot::source.eq("paper"))
                    .select((ballot::vote_id, ballot::entered_by, ballot::confirmed_by))
                    .for_update()
                    .first(conn)
                    .optional()?
                    .ok_or_else(|| AppError::NotFound("no such paper ballot".to_owned()))?;
            let (row, view) = load_vote(conn, vote_id)?;
            p.require_staff_of(row.wijk_id)?;
            if confirmed_by.is_some() {
                return Err(AppError::Conflict(
                    "the ballot is confirmed already".to_owned(),
                ));
            }
            if entered_by == Some(p.user.id) {
                return Err(AppError::Conflict(
                    "a second staff member must confirm what you entered".to_owned(),
                ));
            }
            let stored: BallotRow = diesel::update(ballot::table.find(id))
                .set(ballot::confirmed_by.eq(p.user.id))
                .returning(BALLOT_COLUMNS)
                .get_result(conn)?;
            audit::record(
                conn,
                NewAudit::by(Some(p.user.id), "ballot.paper_confirmed").on("ballot", id),
            )?;
            Ok(ballot_view(vote_id, &stored, &view.options))
        })
        .await
        .map(web::Json)
}

/// Ballots that count: online and imported ones, and paper ones a second staff member confirmed.
fn counted_ballots(
    conn: &mut PgConnection,
    vote_id: Uuid,
) -> Result<Vec<(Uuid, serde_json::Value)>, AppError> {
    Ok(ballot::table
        .filter(ballot::vote_id.eq(vote_id))
        .filter(
            ballot::source
                .ne("paper")
                .or(ballot::confirmed_by.is_not_null()),
        )
        .order(ballot::id.asc())
        .select((ballot::id, ballot::choices))
        .load(conn)?)
}

/// The closed vote, or 409.
fn closed_vote(conn: &mut PgConnection, id: Uuid) -> Result<(VoteRow, Vote), AppError> {
    let (row, view) = load_vote(conn, id)?;
    if view.state != "closed" {
        return Err(AppError::Conflict(format!(
            "results are published when the vote closes ({})",
            view.closes_at
        )));
    }
    Ok((row, view))
}

/// A closed vote as a Pabulib file
///
/// The vote in the `.pb` format of pabulib.org (META, PROJECTS, VOTES) with anonymised voter
/// ids, for researchers and to count again with other tools (`samenstad pabulib tally`,
/// pabutools).
#[utoipa::path(
    tag = "projects",
    security(()),
    params(("id" = String, Path, description = "Vote id (UUID)")),
    responses(
        (status = 200, description = "The election", body = String, content_type = "text/plain"),
        (status = 404, description = "No such vote", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The vote has not closed yet", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/projects/votes/{id}/election.pb")]
pub async fn vote_pabulib(
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&id, "vote")?;
    let text = state
        .with_conn(move |conn| {
            let (row, view) = closed_vote(conn, id)?;
            let election = election_of(&row, &view.options, &counted_ballots(conn, id)?);
            Ok(samenstad_domain::pabulib::write(&election))
        })
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"samenstad-vote-{id}.pb\""),
        ))
        .body(text))
}

/// Results of a vote
///
/// After the vote closes: per proposal the votes and points and whether the vote's rule funds
/// it (Method of Equal Shares with add1 completion, or greedy), in exact arithmetic. Before the
/// close the results are not published (409).
#[utoipa::path(
    tag = "projects",
    security(()),
    params(("id" = String, Path, description = "Vote id (UUID)")),
    responses(
        (status = 200, description = "The results", body = VoteResults),
        (status = 404, description = "No such vote", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The vote has not closed yet", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/projects/votes/{id}/results")]
pub async fn vote_results(
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<web::Json<VoteResults>, AppError> {
    let id = parse_id(&id, "vote")?;
    state
        .with_conn(move |conn| {
            let (row, view) = closed_vote(conn, id)?;
            Ok(tally(&row, &view.options, &counted_ballots(conn, id)?))
        })
        .await
        .map(web::Json)
}

/// The vote as a Pabulib election: proposals as projects, counted ballots as voters
/// (anonymised: `v1`, `v2` … in ballot-id order).
fn election_of(
    row: &VoteRow,
    options: &[Proposal],
    ballots: &[(Uuid, serde_json::Value)],
) -> Election {
    let index: HashMap<&str, usize> = options
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let voters: Vec<Voter> = ballots
        .iter()
        .enumerate()
        .map(|(n, (_, choices))| {
            let choices: BTreeMap<String, u32> =
                serde_json::from_value(choices.clone()).unwrap_or_default();
            Voter {
                id: format!("v{}", n + 1),
                ballot: choices
                    .iter()
                    .filter_map(|(p, points)| {
                        index.get(p.as_str()).map(|i| (*i, u64::from(*points)))
                    })
                    .collect(),
                extra: Vec::new(),
            }
        })
        .collect();
    let budget = Amount::from_cents(u64::try_from(row.budget_cents).unwrap_or(0));
    let rule = if row.rule == "greedy" {
        "greedy"
    } else {
        "equalshares/add1"
    };
    let mut meta: Vec<(String, String)> = [
        (
            "description",
            format!("Samenstad wijkbudget, wijk {}", row.wijknr),
        ),
        ("country", "Belgium".to_owned()),
        ("unit", "Gent".to_owned()),
        ("district", row.wijknr.to_string()),
        ("num_projects", options.len().to_string()),
        ("num_votes", voters.len().to_string()),
        ("rule", rule.to_owned()),
        ("date_begin", row.opens_at.date_naive().to_string()),
        ("date_end", row.closes_at.date_naive().to_string()),
        ("language", "nl".to_owned()),
        ("currency", "EUR".to_owned()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    if row.ballot_kind == "knapsack" {
        meta.push(("max_sum_cost".to_owned(), budget.to_string()));
    }
    if let Some(points) = row.points {
        meta.push(("max_sum_points".to_owned(), points.to_string()));
    }
    Election {
        meta,
        budget,
        vote_type: if row.ballot_kind == "cumulative" {
            VoteType::Cumulative
        } else {
            VoteType::Approval
        },
        projects: options
            .iter()
            .map(|p| Project {
                id: p.id.clone(),
                cost: Amount::from_cents(u64::try_from(p.cost_cents).unwrap_or(0)),
                name: p.title.clone(),
                category: None,
                votes: None,
                score: None,
                selected: None,
                extra: Vec::new(),
            })
            .collect(),
        voters,
    }
}

fn tally(
    row: &VoteRow,
    options: &[Proposal],
    ballots: &[(Uuid, serde_json::Value)],
) -> VoteResults {
    let election = election_of(row, options, ballots);
    let mut votes = vec![0i64; options.len()];
    let mut points = vec![0i64; options.len()];
    for v in &election.voters {
        for (i, p) in &v.ballot {
            votes[*i] += 1;
            points[*i] += i64::try_from(*p).unwrap_or(0);
        }
    }
    let funded = if row.rule == "greedy" {
        greedy(&election, GreedyScore::Points)
    } else {
        mes_add1(&election)
    };
    let mut results: Vec<ProposalResult> = options
        .iter()
        .enumerate()
        .map(|(i, p)| ProposalResult {
            proposal_id: p.id.clone(),
            title: p.title.clone(),
            cost_cents: p.cost_cents,
            votes: votes[i],
            points: points[i],
            funded: funded.contains(&i),
        })
        .collect();
    results.sort_by(|a, b| b.points.cmp(&a.points).then(a.title.cmp(&b.title)));
    VoteResults {
        vote_id: row.id.to_string(),
        rule: row.rule.clone(),
        budget_cents: row.budget_cents,
        ballots: i64::try_from(ballots.len()).unwrap_or(i64::MAX),
        funded_cents: results
            .iter()
            .filter(|r| r.funded)
            .map(|r| r.cost_cents)
            .sum(),
        results,
    }
}

/// Apply a vote's result
///
/// After the close, staff of the wijk turn the result into decisions: the funded proposals are
/// selected (each becomes a project), the others are not, each with the result as the reason.
#[utoipa::path(
    tag = "projects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Vote id (UUID)")),
    responses(
        (status = 200, description = "Applied; the results", body = VoteResults),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff of the wijk", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such vote", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not closed yet, or applied already", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/projects/votes/{id}/apply")]
pub async fn apply_vote(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<web::Json<VoteResults>, AppError> {
    let id = parse_id(&id, "vote")?;
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let (row, view) = closed_vote(conn, id)?;
            p.require_staff_of(row.wijk_id)?;
            let results = tally(&row, &view.options, &counted_ballots(conn, id)?);
            for r in &results.results {
                let proposal_id = parse_id(&r.proposal_id, "proposal")?;
                let reason = if r.funded {
                    format!("Gekozen in de stemming ({} stemmen).", r.votes)
                } else {
                    format!("Niet gekozen in de stemming ({} stemmen).", r.votes)
                };
                crate::routes::realisation::decide(
                    conn,
                    proposal_id,
                    r.funded,
                    &reason,
                    p.user.id,
                )?;
            }
            Ok(results)
        })
        .await
        .map(web::Json)
}
