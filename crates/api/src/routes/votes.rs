//! Proposals, residence verification, public votes, ballots (online and paper) and results.
//!
//! One person, one ballot: `ballot (vote_id, voter_id)` is unique, and casting again changes the
//! same row until the vote closes. Results stay hidden until then and are tallied by the rules
//! in `samenstad_domain::tally` (Method of Equal Shares with add1 completion, or greedy).

use std::collections::{BTreeMap, HashMap};

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, get, post, put, web};
use chrono::{DateTime, Utc};
use samenstad_db::PgConnection;
use samenstad_db::queries::audit::{self, NewAudit};
use samenstad_db::queries::ballots::{self, BallotRow};
use samenstad_db::queries::projects as pq;
use samenstad_db::queries::proposals::{self, NewProposal, ProposalsOf};
use samenstad_db::queries::votes::{self as vq, NewResidence, NewVote, ResultDecision, VoteRow};
use samenstad_domain::ballot::{BallotKind, BallotRules, check};
use samenstad_domain::lifecycle::{VoteAction, VoteState, vote_state_at, vote_transition};
use samenstad_domain::pabulib::{Amount, Election, Project, VoteType, Voter};
use samenstad_domain::subsidy::euro;
use samenstad_domain::tally::{GreedyScore, greedy, mes_add1};
use samenstad_types::Problem;
use samenstad_types::account::ApiScope;
use samenstad_types::projects::{
    Ballot, CastBallot, Choice, CreateProposal, CreateVote, PaperBallot, PaperBallotsQuery,
    Proposal, ProposalResult, Residence, SelectionMethod, TallyRule, UpdateProposal,
    VerifyResidence, Vote, VoteResults,
};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use crate::auth::{Authenticated, Caller, UserCaller};
use crate::error::AppError;
use crate::gate;
use crate::principal::{Principal, parse_id, wijk_id};
use crate::query::Query;
use crate::routes::wijkbudget_common::{WijkQuery, active_round, decide_refusal, load_proposal};
use crate::state::AppState;

/// Registers the handlers of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create_proposal)
        .service(update_proposal)
        .service(list_proposals)
        .service(get_proposal)
        .service(verify_residence)
        .service(create_vote)
        .service(list_votes)
        .service(get_vote)
        .service(open_vote)
        .service(close_vote)
        .service(list_paper_ballots)
        .service(cast_ballot)
        .service(my_ballot)
        .service(enter_paper_ballot)
        .service(confirm_paper_ballot)
        .service(vote_results)
        .service(vote_pabulib)
        .service(apply_vote);
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
        (status = 403, description = "Not staff of the wijk", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/projects/proposals", wrap = "from_fn(gate::city_role)")]
pub async fn create_proposal(
    caller: UserCaller,
    state: web::Data<AppState>,
    body: web::Json<CreateProposal>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    let created = state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let wijk_id = wijk_id(conn, &body.wijk)?;
            p.require_staff_of(wijk_id)?;
            body.validate()?;
            let idea_ids = uuids(&body.idea_ids, "idea_ids")?;
            let round_id = active_round(conn, wijk_id)?;
            let id = Uuid::now_v7();
            proposals::insert_proposal(
                conn,
                &NewProposal {
                    id,
                    round_id,
                    wijk_id,
                    title: body.title.trim(),
                    summary: body.summary.trim(),
                    owners: body.owners.trim(),
                    created_by: p.user.id,
                    budget_lines: body
                        .budget_lines
                        .iter()
                        .map(|l| (l.description.trim(), l.amount_cents))
                        .collect(),
                },
            )?;
            link_ideas(conn, id, wijk_id, body.title.trim(), &idea_ids)?;
            audit::record(
                conn,
                NewAudit::by(Some(p.user.id), "proposal.created").on("proposal", id),
            )?;
            load_proposal(conn, id)
        })
        .await?;
    Ok(HttpResponse::Created().json(created))
}

/// Ids from a list of strings, or 400 naming the field.
fn uuids(values: &[String], field: &str) -> Result<Vec<Uuid>, AppError> {
    values
        .iter()
        .map(|i| {
            i.parse()
                .map_err(|_| AppError::field(field, "invalid", "must be UUIDs"))
        })
        .collect()
}

/// Links ideas of the wijk to a proposal (they move to status `proposal` with a reason naming
/// it); 400 for an idea of another wijk.
fn link_ideas(
    conn: &mut PgConnection,
    proposal_id: Uuid,
    wijk_id: Uuid,
    title: &str,
    idea_ids: &[Uuid],
) -> Result<(), AppError> {
    let reason = format!("Uitgewerkt in het voorstel «{title}».");
    for idea_id in idea_ids {
        if proposals::is_linked(conn, proposal_id, *idea_id)? {
            continue;
        }
        let row = pq::idea_for_update(conn, *idea_id)?
            .filter(|i| i.wijk_id == wijk_id)
            .ok_or_else(|| {
                AppError::field("idea_ids", "unknown", "an idea is not one of this wijk")
            })?;
        proposals::link_idea(conn, proposal_id, &row, &reason)?;
    }
    Ok(())
}

/// Edit a proposal
///
/// Staff of the wijk change a proposal's title, text, owners, budget lines and source ideas
/// until it is decided or put to a vote that has opened. Ideas taken out go back to
/// `in_dialogue` with a reason; new ones move to `proposal`.
#[utoipa::path(
    tag = "projects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Proposal id (UUID)")),
    request_body = UpdateProposal,
    responses(
        (status = 200, description = "Changed", body = Proposal),
        (status = 400, description = "Invalid proposal or idea", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff of the wijk", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such proposal", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Decided, or put to a vote that has opened", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/projects/proposals/{id}", wrap = "from_fn(gate::city_role)")]
pub async fn update_proposal(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Json<UpdateProposal>,
) -> Result<web::Json<Proposal>, AppError> {
    let id = parse_id(&id, "proposal")?;
    let body = body.into_inner();
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let locked = proposals::lock_for_edit(conn, id)?
                .ok_or_else(|| AppError::NotFound("no such proposal".to_owned()))?;
            let (wijk_id, round_id) = (locked.wijk_id, locked.round_id);
            p.require_staff_of(wijk_id)?;
            body.validate()?;
            let idea_ids = uuids(&body.idea_ids, "idea_ids")?;
            if let Some(why) = locked.fixed {
                return Err(AppError::Conflict(why));
            }
            let title = body.title.trim();
            proposals::update_proposal(
                conn,
                &NewProposal {
                    id,
                    round_id,
                    wijk_id,
                    title,
                    summary: body.summary.trim(),
                    owners: body.owners.trim(),
                    created_by: p.user.id,
                    budget_lines: body
                        .budget_lines
                        .iter()
                        .map(|l| (l.description.trim(), l.amount_cents))
                        .collect(),
                },
                &idea_ids,
                &format!("Niet meer opgenomen in het voorstel «{title}»."),
            )?;
            link_ideas(conn, id, wijk_id, title, &idea_ids)?;
            load_proposal(conn, id)
        })
        .await
        .map(web::Json)
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
    )
)]
#[get("/projects/proposals")]
pub async fn list_proposals(
    state: web::Data<AppState>,
    query: Query<WijkQuery>,
) -> Result<web::Json<Vec<Proposal>>, AppError> {
    let key = query.into_inner().wijk;
    state
        .with_conn(move |conn| {
            let wijk_id = wijk_id(conn, &key)?;
            Ok(proposals::proposals(conn, ProposalsOf::Wijk(wijk_id))?)
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
        (status = 403, description = "Not staff of the wijk, or a client without `residence:write`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/projects/residents/{user_id}", wrap = "from_fn(gate::city_role)")]
pub async fn verify_residence(
    caller: Authenticated,
    state: web::Data<AppState>,
    user_id: web::Path<String>,
    body: web::Json<VerifyResidence>,
) -> Result<web::Json<Residence>, AppError> {
    let user_id = parse_id(&user_id, "account")?;
    let body = body.into_inner();
    state
        .transaction(move |conn| {
            let wijk_id = wijk_id(conn, &body.wijk)?;
            // A person must be staff of the wijk; a client must hold the register scope.
            let (method, verifier, client) = match caller.0 {
                Caller::User {
                    id,
                    issued_at,
                    session,
                } => {
                    let p = Principal::load(
                        conn,
                        UserCaller {
                            id,
                            issued_at,
                            session,
                        },
                    )?;
                    p.require_staff_of(wijk_id)?;
                    // Moving someone verified in another wijk: they asked for it (a request for
                    // this wijk), or staff of the wijk they live in record it.
                    if let Some((home, _)) = vq::residence_of(conn, user_id)?
                        && home != wijk_id
                        && !p.is_staff_of(Some(home))
                        && !samenstad_db::queries::residence::is_pending(conn, user_id, wijk_id)?
                    {
                        return Err(AppError::Forbidden(
                            "the resident is verified in another wijk: they ask to move (a residence request for this wijk), or staff of that wijk record it".to_owned(),
                        ));
                    }
                    ("staff", Some(p.user.id), None)
                }
                Caller::Client { id, scopes } => {
                    if !scopes
                        .iter()
                        .any(|s| s == ApiScope::ResidenceWrite.as_str())
                    {
                        return Err(AppError::Forbidden(
                            "this client lacks the residence:write scope".to_owned(),
                        ));
                    }
                    ("register", None, Some(id))
                }
            };
            let birth_date = crate::local_time::birth_date(&body.birth_date)?;
            samenstad_db::queries::accounts::user_by_id(conn, user_id)?
                .ok_or_else(|| AppError::NotFound("no such account".to_owned()))?;
            let now = Utc::now();
            let wijknr = vq::verify_residence(
                conn,
                &NewResidence {
                    user_id,
                    wijk_id,
                    birth_date,
                    method,
                    verified_by: verifier,
                    client_id: client,
                    verified_at: now,
                },
            )?;
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

/// The state of a vote now (it follows from the clock).
fn state_of(row: &VoteRow) -> VoteState {
    vote_state_at(&Utc::now(), &row.opens_at, &row.closes_at)
}

fn vote_view(row: &VoteRow, options: Vec<Proposal>) -> Vote {
    Vote {
        id: row.id.to_string(),
        wijknr: row.wijknr,
        ballot_kind: row.ballot_kind,
        budget_cents: row.budget_cents,
        max_choices: row.max_choices,
        points: row.points,
        rule: row.rule,
        min_age: row.min_age,
        opens_at: row.opens_at.to_rfc3339(),
        closes_at: row.closes_at.to_rfc3339(),
        state: state_of(row),
        options,
    }
}

fn load_vote(conn: &mut PgConnection, id: Uuid) -> Result<(VoteRow, Vote), AppError> {
    let (row, options) = vq::vote_with_options(conn, id)?
        .ok_or_else(|| AppError::NotFound("no such vote".to_owned()))?;
    let view = vote_view(&row, options);
    Ok((row, view))
}

fn rules_of(row: &VoteRow, options: &[Proposal]) -> BallotRules {
    BallotRules {
        kind: row.ballot_kind,
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

/// A vote's terms checked on their own (before the wijk's round and budget are looked at).
struct VoteTerms {
    kind: BallotKind,
    rule: TallyRule,
    min_age: i32,
    opens_at: DateTime<Utc>,
    closes_at: DateTime<Utc>,
    proposal_ids: Vec<Uuid>,
}

fn vote_terms(body: &CreateVote) -> Result<VoteTerms, AppError> {
    body.validate()?;
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
            "requires",
            "give points for a cumulative ballot, and only then",
        ));
    }
    // Equal Shares counts who chose a project, not points: cumulative ballots default to greedy
    // by points.
    let rule = match body.rule.as_deref() {
        None if kind == BallotKind::Cumulative => TallyRule::Greedy,
        None => TallyRule::Mes,
        Some(r) => TallyRule::parse(r)
            .ok_or_else(|| AppError::field("rule", "invalid", "must be mes or greedy"))?,
    };
    let min_age = body.min_age.unwrap_or(16);
    let (opens_at, closes_at) = (
        time(&body.opens_at, "opens_at")?,
        time(&body.closes_at, "closes_at")?,
    );
    if closes_at <= opens_at {
        return Err(AppError::field(
            "closes_at",
            "order",
            "must be after opens_at",
        ));
    }
    let proposal_ids = uuids(&body.proposal_ids, "proposal_ids")?;
    Ok(VoteTerms {
        kind,
        rule,
        min_age,
        opens_at,
        closes_at,
        proposal_ids,
    })
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
        (status = 403, description = "Not staff of the wijk", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The wijk does not select by vote, or already has a vote in this round", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/projects/votes", wrap = "from_fn(gate::city_role)")]
pub async fn create_vote(
    caller: UserCaller,
    state: web::Data<AppState>,
    body: web::Json<CreateVote>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    let created = state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let wijk_id = wijk_id(conn, &body.wijk)?;
            p.require_staff_of(wijk_id)?;
            let terms = vote_terms(&body)?;
            let round_id = active_round(conn, wijk_id)?;
            let method = pq::selection_method(conn, round_id, wijk_id)?;
            if method != SelectionMethod::PublicVote {
                return Err(AppError::Conflict(format!(
                    "this wijk selects by {method}; set its method to public_vote first"
                )));
            }
            let (allocation, left) =
                pq::allocation_and_left(conn, round_id, wijk_id)?.ok_or_else(|| {
                    AppError::field(
                        "wijk",
                        "no_round",
                        "the wijk takes part in no active programme round",
                    )
                })?;
            let budget = match body.budget_cents {
                Some(b) if b <= 0 => {
                    return Err(AppError::field(
                        "budget_cents",
                        "invalid",
                        "must be more than 0",
                    ));
                }
                Some(b) if b > left => {
                    return Err(AppError::field(
                        "budget_cents",
                        "over_allocation",
                        &format!(
                            "only {} of the wijk's allocation of {} is left",
                            euro(left.max(0)),
                            euro(allocation)
                        ),
                    ));
                }
                Some(b) => b,
                None if left > 0 => left,
                None => {
                    return Err(AppError::field(
                        "budget_cents",
                        "over_allocation",
                        &format!(
                            "nothing is left of the wijk's allocation of {}",
                            euro(allocation)
                        ),
                    ));
                }
            };
            let known = proposals::ids_in_round(conn, &terms.proposal_ids, wijk_id, round_id)?;
            if known.len() != terms.proposal_ids.len() {
                return Err(AppError::field(
                    "proposal_ids",
                    "unknown",
                    "every proposal must be of this wijk and round",
                ));
            }
            let id = Uuid::now_v7();
            let inserted = vq::insert_vote(
                conn,
                &NewVote {
                    id,
                    round_id,
                    wijk_id,
                    ballot_kind: terms.kind,
                    budget_cents: budget,
                    max_choices: body.max_choices,
                    points: body.points,
                    rule: terms.rule,
                    min_age: terms.min_age,
                    opens_at: terms.opens_at,
                    closes_at: terms.closes_at,
                    created_by: p.user.id,
                    proposal_ids: &known,
                },
            )?;
            if !inserted {
                return Err(AppError::Conflict(
                    "the wijk already has a vote in this round".to_owned(),
                ));
            }
            Ok(load_vote(conn, id)?.1)
        })
        .await?;
    Ok(HttpResponse::Created().json(created))
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
    )
)]
#[get("/projects/votes")]
pub async fn list_votes(
    state: web::Data<AppState>,
    query: Query<WijkQuery>,
) -> Result<web::Json<Vec<Vote>>, AppError> {
    let key = query.into_inner().wijk;
    state
        .with_conn(move |conn| {
            let wijk_id = wijk_id(conn, &key)?;
            Ok(vq::votes_of_wijk(conn, wijk_id)?
                .into_iter()
                .map(|(row, options)| vote_view(&row, options))
                .collect())
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
        (status = 403, description = "Not a verified resident of the wijk, or too young", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such vote", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The vote is not open", body = Problem, content_type = "application/problem+json"),
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
            vq::hold_open(conn, id)?;
            let (row, view) = load_vote(conn, id)?;
            vote_transition(state_of(&row), VoteAction::CastBallot)
                .map_err(|r| AppError::Conflict(r.to_string()))?;
            let home = vq::residence_of(conn, p.user.id)?;
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
            let stored = ballots::cast(conn, id, p.user.id, &json)?;
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
        (status = 404, description = "No such vote, or no ballot of mine", body = Problem, content_type = "application/problem+json"),
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
            let row = ballots::ballot_of_voter(conn, id, p.user.id)?
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
        (status = 403, description = "Not staff of the wijk", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such vote", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "This paper number was entered already", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post(
    "/projects/votes/{id}/paper-ballots",
    wrap = "from_fn(gate::city_role)"
)]
pub async fn enter_paper_ballot(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Json<CastBallot>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&id, "vote")?;
    let body = body.into_inner();
    let stored = state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            vq::hold_open(conn, id)?;
            let (row, view) = load_vote(conn, id)?;
            p.require_staff_of(row.wijk_id)?;
            let paper_ref = body
                .paper_ref
                .as_deref()
                .map(str::trim)
                .filter(|r| (1..=60).contains(&r.len()))
                .ok_or_else(|| {
                    AppError::field(
                        "paper_ref",
                        "requires",
                        "give the number on the paper (1–60 characters)",
                    )
                })?
                .to_owned();
            let choices = checked_choices(&row, &view.options, &body)?;
            let json = serde_json::to_value(&choices).unwrap_or_default();
            let stored =
                ballots::enter_paper(conn, id, &paper_ref, p.user.id, &json)?.ok_or_else(|| {
                    AppError::Conflict(format!("paper ballot {paper_ref} was entered already"))
                })?;
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
        (status = 403, description = "Not staff of the wijk", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such paper ballot", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Entered by the caller, or confirmed already", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/projects/ballots/{id}/confirm", wrap = "from_fn(gate::city_role)")]
pub async fn confirm_paper_ballot(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<web::Json<Ballot>, AppError> {
    let id = parse_id(&id, "ballot")?;
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let (vote_id, entered_by, confirmed_by) = ballots::paper_for_update(conn, id)?
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
            let stored = ballots::confirm_paper(conn, id, p.user.id)?;
            Ok(ballot_view(vote_id, &stored, &view.options))
        })
        .await
        .map(web::Json)
}

/// Open a vote now
///
/// Staff of the wijk open an upcoming vote before its planned opening (its `opens_at` becomes
/// now); ballots may be cast from then on.
#[utoipa::path(
    tag = "projects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Vote id (UUID)")),
    responses(
        (status = 200, description = "Open", body = Vote),
        (status = 403, description = "Not staff of the wijk", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such vote", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The vote is open or closed already", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/projects/votes/{id}/open", wrap = "from_fn(gate::city_role)")]
pub async fn open_vote(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<web::Json<Vote>, AppError> {
    move_window(caller, state, &id, VoteAction::OpenNow).await
}

/// Close a vote now
///
/// Staff of the wijk close an open vote before its planned close (its `closes_at` becomes
/// now); its results are published from then on. A closed vote never reopens.
#[utoipa::path(
    tag = "projects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Vote id (UUID)")),
    responses(
        (status = 200, description = "Closed", body = Vote),
        (status = 403, description = "Not staff of the wijk", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such vote", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The vote is upcoming or closed already", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/projects/votes/{id}/close", wrap = "from_fn(gate::city_role)")]
pub async fn close_vote(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<web::Json<Vote>, AppError> {
    move_window(caller, state, &id, VoteAction::CloseNow).await
}

async fn move_window(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: &str,
    action: VoteAction,
) -> Result<web::Json<Vote>, AppError> {
    let id = parse_id(id, "vote")?;
    let vote = state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let row = vq::vote_for_update(conn, id)?
                .ok_or_else(|| AppError::NotFound("no such vote".to_owned()))?;
            p.require_staff_of(row.wijk_id)?;
            vote_transition(state_of(&row), action)
                .map_err(|r| AppError::Conflict(r.to_string()))?;
            vq::open_or_close_now(
                conn,
                id,
                action == VoteAction::OpenNow,
                Utc::now(),
                p.user.id,
            )?;
            Ok(load_vote(conn, id)?.1)
        })
        .await?;
    // Followers hear of it now rather than at the worker's next look.
    crate::notify::announce_soon(&state).await;
    Ok(web::Json(vote))
}

/// List a vote's paper ballots
///
/// Staff of the wijk see the paper ballots entered so far, with who entered each: the queue a
/// second staff member works through to confirm them (`confirmed=false`).
#[utoipa::path(
    tag = "projects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Vote id (UUID)"), PaperBallotsQuery),
    responses(
        (status = 200, description = "Paper ballots, in the order entered", body = Vec<PaperBallot>),
        (status = 400, description = "`confirmed` is not `true` or `false`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff of the wijk", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such vote", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/projects/votes/{id}/paper-ballots")]
pub async fn list_paper_ballots(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
    query: Query<PaperBallotsQuery>,
) -> Result<web::Json<Vec<PaperBallot>>, AppError> {
    let id = parse_id(&id, "vote")?;
    let confirmed = query.into_inner().confirmed;
    state
        .with_conn(move |conn| {
            let p = Principal::load(conn, caller)?;
            let (row, view) = load_vote(conn, id)?;
            p.require_staff_of(row.wijk_id)?;
            Ok(ballots::paper_ballots(conn, id, confirmed)?
                .into_iter()
                .map(|paper| {
                    let b = ballot_view(id, &paper.ballot, &view.options);
                    PaperBallot {
                        id: b.id,
                        paper_ref: b.paper_ref,
                        choices: b.choices,
                        cost_cents: b.cost_cents,
                        entered_by: paper.entered_by_name.unwrap_or_default(),
                        entered_by_me: paper.entered_by == Some(p.user.id),
                        confirmed: b.confirmed,
                        entered_at: paper.entered_at.to_rfc3339(),
                    }
                })
                .collect())
        })
        .await
        .map(web::Json)
}

/// The closed vote, or 409.
fn closed_vote(
    conn: &mut PgConnection,
    id: Uuid,
    action: VoteAction,
) -> Result<(VoteRow, Vote), AppError> {
    let (row, view) = load_vote(conn, id)?;
    vote_transition(state_of(&row), action).map_err(|_| {
        AppError::Conflict(format!(
            "results are published when the vote closes ({})",
            view.closes_at
        ))
    })?;
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
            let (row, view) = closed_vote(conn, id, VoteAction::PublishResults)?;
            let election = election_of(&row, &view.options, &ballots::counted(conn, id)?);
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
    )
)]
#[get("/projects/votes/{id}/results")]
pub async fn vote_results(
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<web::Json<VoteResults>, AppError> {
    let id = parse_id(&id, "vote")?;
    state
        .with_conn(move |conn| Ok(closed_vote_results(conn, id)?.1))
        .await
        .map(web::Json)
}

/// A closed vote and its results (a conflict while it is not closed).
fn closed_vote_results(conn: &mut PgConnection, id: Uuid) -> Result<(Vote, VoteResults), AppError> {
    let (row, view) = closed_vote(conn, id, VoteAction::PublishResults)?;
    let results = tally(&row, &view.options, &ballots::counted(conn, id)?);
    Ok((view, results))
}

/// A vote as its page shows it to anyone: the vote, and its results once it has closed.
pub(crate) fn vote_for_page(
    conn: &mut PgConnection,
    id: Uuid,
) -> Result<(Vote, Option<VoteResults>), AppError> {
    let (row, view) = load_vote(conn, id)?;
    if vote_transition(state_of(&row), VoteAction::PublishResults).is_err() {
        return Ok((view, None));
    }
    let results = tally(&row, &view.options, &ballots::counted(conn, id)?);
    Ok((view, Some(results)))
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
    let rule = if row.rule == TallyRule::Greedy {
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
    if row.ballot_kind == BallotKind::Knapsack {
        meta.push(("max_sum_cost".to_owned(), budget.to_string()));
    }
    if let Some(points) = row.points {
        meta.push(("max_sum_points".to_owned(), points.to_string()));
    }
    Election {
        meta,
        budget,
        vote_type: if row.ballot_kind == BallotKind::Cumulative {
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
    let funded = if row.rule == TallyRule::Greedy {
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
        rule: row.rule,
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
        (status = 403, description = "Not staff of the wijk", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such vote", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not closed yet, or applied already", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/projects/votes/{id}/apply", wrap = "from_fn(gate::city_role)")]
pub async fn apply_vote(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<web::Json<VoteResults>, AppError> {
    let id = parse_id(&id, "vote")?;
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let (row, view) = closed_vote(conn, id, VoteAction::ApplyResult)?;
            p.require_staff_of(row.wijk_id)?;
            let results = tally(&row, &view.options, &ballots::counted(conn, id)?);
            let decisions = results
                .results
                .iter()
                .map(|r| {
                    Ok(ResultDecision {
                        proposal_id: parse_id(&r.proposal_id, "proposal")?,
                        selected: r.funded,
                        reason: if r.funded {
                            format!("Gekozen in de stemming ({} stemmen).", r.votes)
                        } else {
                            format!("Niet gekozen in de stemming ({} stemmen).", r.votes)
                        },
                    })
                })
                .collect::<Result<Vec<_>, AppError>>()?;
            vq::apply_result(conn, &decisions, p.user.id)?.map_err(decide_refusal)?;
            Ok(results)
        })
        .await
        .map(web::Json)
}
