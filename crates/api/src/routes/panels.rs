//! Lottery-drawn wijkpanels: the candidate pool, the draw from a published seed (algorithm in
//! `samenstad_domain::sortition`, re-runnable with `samenstad sortition verify`), replacement
//! from the ordered reserves, and the members' scores of the proposals.

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, get, post, put, web};
use chrono::{DateTime, Utc};
use samenstad_db::PgConnection;
use samenstad_db::queries::panels::{
    self as pnq, NewCandidate, NewPanel, PanelDetail, PanelRow, PoolEntry, PoolRefusal,
    Replacement, SeatRow,
};
use samenstad_db::queries::projects as pq;
use samenstad_db::queries::proposals;
use samenstad_domain::lifecycle::{SeatAction, SeatState, seat_transition};
use samenstad_domain::sortition::{self, Candidate, Draw, DrawRequest, Quota};
use samenstad_types::Problem;
use samenstad_types::projects::{
    AddCandidates, CreatePanel, DrawPanel, Panel, PanelCandidate, PanelQuota, PanelSeat,
    ProposalScores, PublishSeed, ScoreProposal, SelectionMethod, WithdrawMember,
};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use crate::auth::{Caller, MaybeCaller, UserCaller};
use crate::error::AppError;
use crate::gate;
use crate::principal::{Principal, parse_id, wijk_id};
use crate::query::Query;
use crate::routes::wijkbudget_common::{WijkQuery, active_round};
use crate::state::AppState;

/// Registers the handlers of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create_panel)
        .service(list_panels)
        .service(get_panel)
        .service(panel_candidates_csv)
        .service(panel_txt)
        .service(add_candidates)
        .service(publish_seed)
        .service(draw_panel)
        .service(withdraw_member)
        .service(score_proposal)
        .service(panel_scores);
}

fn panel_row(conn: &mut PgConnection, id: Uuid, lock: bool) -> Result<PanelRow, AppError> {
    pnq::panel_by_id(conn, id, lock)?.ok_or_else(|| AppError::NotFound("no such panel".to_owned()))
}

fn quotas_of(row: &PanelRow) -> Vec<PanelQuota> {
    serde_json::from_value(row.quotas.clone()).unwrap_or_default()
}

fn request_of(row: &PanelRow, seed: &str) -> DrawRequest {
    DrawRequest {
        seed: seed.to_owned(),
        panel_size: u32::try_from(row.size).unwrap_or(0),
        reserves: u32::try_from(row.reserves).unwrap_or(0),
        quotas: quotas_of(row)
            .into_iter()
            .map(|q| Quota {
                attribute: q.attribute,
                value: q.value,
                min: q.min,
                max: q.max,
            })
            .collect(),
    }
}

/// When a draw becomes possible: the seed's publication plus the notice period.
fn draw_not_before(published: DateTime<Utc>, notice_s: i64) -> DateTime<Utc> {
    published + chrono::Duration::seconds(notice_s)
}

fn panel_view(detail: PanelDetail, viewer: Option<Uuid>, notice_s: i64) -> Panel {
    let PanelDetail {
        row,
        candidates,
        seats,
        sitting,
    } = detail;
    let seat = |s: SeatRow| PanelSeat {
        pseudonym: s.pseudonym,
        position: s.position,
        withdrawn: s.withdrawn,
        replaced_by: s.replaced_by,
    };
    let (members, reserves): (Vec<_>, Vec<_>) = seats.into_iter().partition(|s| s.kind == "member");
    Panel {
        id: row.id.to_string(),
        wijknr: row.wijknr,
        size: row.size,
        reserves: row.reserves,
        quotas: quotas_of(&row),
        seed: row.seed.clone(),
        seed_published_at: row.seed_published_at.map(|d| d.to_rfc3339()),
        draw_not_before: row
            .seed_published_at
            .map(|d| draw_not_before(d, notice_s).to_rfc3339()),
        quorum: row.quorum,
        algorithm: row.algorithm.clone(),
        drawn_at: row.drawn_at.map(|d| d.to_rfc3339()),
        candidates: candidates
            .into_iter()
            .map(|(pseudonym, _, strata)| PanelCandidate { pseudonym, strata })
            .collect(),
        members: members.into_iter().map(seat).collect(),
        reserve_list: reserves.into_iter().map(seat).collect(),
        i_am_member: viewer.is_some_and(|v| sitting.contains(&v)),
    }
}

fn load_panel(
    conn: &mut PgConnection,
    id: Uuid,
    viewer: Option<Uuid>,
    notice_s: i64,
) -> Result<Panel, AppError> {
    let detail = pnq::panel_detail(conn, id)?
        .ok_or_else(|| AppError::NotFound("no such panel".to_owned()))?;
    Ok(panel_view(detail, viewer, notice_s))
}

/// A new panel's size, reserves and quotas checked on their own: its quorum (default: a
/// majority of its size).
fn panel_quorum(body: &CreatePanel) -> Result<i32, AppError> {
    body.validate()?;
    if body
        .quotas
        .iter()
        .any(|q| q.min > q.max || q.attribute.is_empty() || q.value.is_empty())
    {
        return Err(AppError::field(
            "quotas",
            "order",
            "each quota needs an attribute, a value and min ≤ max",
        ));
    }
    let quorum = body.quorum.unwrap_or(body.size / 2 + 1);
    if !(1..=body.size).contains(&quorum) {
        return Err(AppError::field(
            "quorum",
            "span",
            "must be 1 to the panel's size",
        ));
    }
    Ok(quorum)
}

/// Create a lottery panel
///
/// Staff of a wijk that selects by `lottery_panel` set up its panel for the wijk's round: size,
/// ordered reserves, quotas per stratum and the quorum of its decisions (default: a majority of
/// its size). Candidates are added next, then the seed is published, then it is drawn.
#[utoipa::path(
    tag = "projects",
    security(("bearer" = [])),
    request_body = CreatePanel,
    responses(
        (status = 201, description = "Created", body = Panel),
        (status = 400, description = "Invalid size, reserves, quotas, quorum or wijk", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff of the wijk", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The wijk does not select by panel, or has one already", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/projects/panels", wrap = "from_fn(gate::city_role)")]
pub async fn create_panel(
    caller: UserCaller,
    state: web::Data<AppState>,
    body: web::Json<CreatePanel>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    let notice = state.auth.config.panel_seed_notice_s;
    let created = state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let wijk_id = wijk_id(conn, &body.wijk)?;
            p.require_staff_of(wijk_id)?;
            let quorum = panel_quorum(&body)?;
            let round_id = active_round(conn, wijk_id)?;
            let method = pq::selection_method(conn, round_id, wijk_id)?;
            if method != SelectionMethod::LotteryPanel {
                return Err(AppError::Conflict(format!(
                    "this wijk selects by {method}, not by a lottery panel"
                )));
            }
            let id = Uuid::now_v7();
            let inserted = pnq::insert_panel(
                conn,
                &NewPanel {
                    id,
                    round_id,
                    wijk_id,
                    size: body.size,
                    reserves: body.reserves,
                    quotas: serde_json::to_value(&body.quotas).unwrap_or_default(),
                    quorum,
                    created_by: p.user.id,
                },
            )?;
            if !inserted {
                return Err(AppError::Conflict(
                    "the wijk has a panel in this round already".to_owned(),
                ));
            }
            load_panel(conn, id, Some(p.user.id), notice)
        })
        .await?;
    Ok(HttpResponse::Created().json(created))
}

/// List a wijk's panels
///
/// The lottery panels of the wijk (at most one per round), as `GET /projects/panels/{id}`.
#[utoipa::path(
    tag = "projects",
    security((), ("bearer" = [])),
    params(WijkQuery),
    responses(
        (status = 200, description = "Panels", body = Vec<Panel>),
        (status = 400, description = "Unknown wijk", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/projects/panels")]
pub async fn list_panels(
    caller: MaybeCaller,
    state: web::Data<AppState>,
    query: Query<WijkQuery>,
) -> Result<web::Json<Vec<Panel>>, AppError> {
    let key = query.into_inner().wijk;
    let viewer = match caller.0 {
        Some(Caller::User { id, .. }) => Some(id),
        _ => None,
    };
    let notice = state.auth.config.panel_seed_notice_s;
    state
        .with_conn(move |conn| {
            let wijk_id = wijk_id(conn, &key)?;
            Ok(pnq::panels_of_wijk(conn, wijk_id)?
                .into_iter()
                .map(|d| panel_view(d, viewer, notice))
                .collect())
        })
        .await
        .map(web::Json)
}

/// Get a panel
///
/// The panel with its quotas, the published pool (pseudonyms and strata), seed and algorithm,
/// so anyone can re-run the draw, and its members and reserves.
#[utoipa::path(
    tag = "projects",
    security((), ("bearer" = [])),
    params(("id" = String, Path, description = "Panel id (UUID)")),
    responses(
        (status = 200, description = "The panel", body = Panel),
        (status = 404, description = "No such panel", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/projects/panels/{id}")]
pub async fn get_panel(
    caller: MaybeCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<web::Json<Panel>, AppError> {
    let id = parse_id(&id, "panel")?;
    let viewer = match caller.0 {
        Some(Caller::User { id, .. }) => Some(id),
        _ => None,
    };
    let notice = state.auth.config.panel_seed_notice_s;
    state
        .with_conn(move |conn| load_panel(conn, id, viewer, notice))
        .await
        .map(web::Json)
}

/// The published pool as CSV
///
/// `id` and one column per stratification attribute: the input of `samenstad sortition verify`.
#[utoipa::path(
    tag = "projects",
    security(()),
    params(("id" = String, Path, description = "Panel id (UUID)")),
    responses(
        (status = 200, description = "The candidates", body = String, content_type = "text/csv"),
        (status = 404, description = "No such panel", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/projects/panels/{id}/candidates.csv")]
pub async fn panel_candidates_csv(
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&id, "panel")?;
    let pool = state
        .with_conn(move |conn| {
            panel_row(conn, id, false)?;
            Ok(pnq::candidates_of(conn, id)?)
        })
        .await?;
    let attributes: std::collections::BTreeSet<&String> = pool
        .iter()
        .flat_map(|(_, _, strata)| strata.keys())
        .collect();
    let mut out = csv::Writer::from_writer(Vec::new());
    let header = std::iter::once("id").chain(attributes.iter().map(|a| a.as_str()));
    let csv_error = |e: csv::Error| AppError::Internal(e.to_string());
    out.write_record(header).map_err(csv_error)?;
    for (pseudonym, _, strata) in &pool {
        let values = attributes
            .iter()
            .map(|a| strata.get(*a).map_or("", String::as_str));
        out.write_record(std::iter::once(pseudonym.as_str()).chain(values))
            .map_err(csv_error)?;
    }
    let body = out
        .into_inner()
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .body(body))
}

/// The drawn panel as text
///
/// `# algorithm`, then `member PSEUDONYM` lines in draw order and `reserve PSEUDONYM` lines:
/// exactly what `samenstad sortition draw` prints, for `samenstad sortition verify --expect`.
/// Later replacements are not part of the draw and are left out.
#[utoipa::path(
    tag = "projects",
    security(()),
    params(("id" = String, Path, description = "Panel id (UUID)")),
    responses(
        (status = 200, description = "The draw", body = String, content_type = "text/plain"),
        (status = 404, description = "No such panel", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not drawn yet", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/projects/panels/{id}/panel.txt")]
pub async fn panel_txt(
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&id, "panel")?;
    let text = state
        .clone()
        .with_conn(move |conn| {
            let row = panel_row(conn, id, false)?;
            let (Some(seed), Some(algorithm)) = (&row.seed, &row.algorithm) else {
                return Err(AppError::Conflict("the panel is not drawn yet".to_owned()));
            };
            if algorithm != sortition::ALGORITHM {
                return Err(AppError::Conflict(format!(
                    "drawn with {algorithm}; this server runs {}",
                    sortition::ALGORITHM
                )));
            }
            // The original draw, re-run once per process (the row above is read every time:
            // it answers for the municipality and whether the panel is drawn): replacements
            // change seats, not the draw.
            state.drawn_panels.get_or_draw(id, || {
                let pool = pnq::candidates_of(conn, id)?;
                let draw = sortition::draw(&domain_candidates(&pool), &request_of(&row, seed))
                    .map_err(|e| AppError::Internal(e.to_string()))?;
                let mut lines = vec![format!("# {algorithm}")];
                lines.extend(draw.members.iter().map(|m| format!("member {m}")));
                lines.extend(draw.reserves.iter().map(|r| format!("reserve {r}")));
                Ok(lines.join("\n") + "\n")
            })
        })
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .body(text.to_string()))
}

/// The candidates to add, after each is checked (a pseudonym of letters, digits, `.`, `_`, `-`,
/// an account id when given).
fn candidate_rows(body: &AddCandidates) -> Result<Vec<NewCandidate>, AppError> {
    if body.candidates.is_empty() || body.candidates.len() > 2000 {
        return Err(AppError::field(
            "candidates",
            "invalid",
            "add 1 to 2000 candidates",
        ));
    }
    let valid = |p: &str| {
        (1..=40).contains(&p.len())
            && p.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
    };
    let mut rows = Vec::new();
    for c in &body.candidates {
        if !valid(&c.pseudonym) {
            return Err(AppError::field(
                "candidates",
                "invalid",
                &format!(
                    "pseudonym `{}`: letters, digits, . _ -, at most 40",
                    c.pseudonym
                ),
            ));
        }
        let user = c
            .user_id
            .as_deref()
            .map(|u| {
                u.parse::<Uuid>()
                    .map_err(|_| AppError::field("candidates", "invalid", "user_id must be a UUID"))
            })
            .transpose()?;
        rows.push(NewCandidate {
            pseudonym: c.pseudonym.clone(),
            user_id: user,
            strata: serde_json::to_value(&c.strata).unwrap_or_default(),
        });
    }
    Ok(rows)
}

/// Add candidates
///
/// Staff add the people who volunteered (pseudonym, strata, and their account if they have
/// one) before the draw. A pseudonym or an account appears once.
#[utoipa::path(
    tag = "projects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Panel id (UUID)")),
    request_body = AddCandidates,
    responses(
        (status = 200, description = "The panel with its pool", body = Panel),
        (status = 400, description = "Invalid pseudonym, account or too many candidates", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff of the wijk", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such panel", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Drawn already, or a pseudonym or account is in the pool already", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/projects/panels/{id}/candidates", wrap = "from_fn(gate::city_role)")]
pub async fn add_candidates(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Json<AddCandidates>,
) -> Result<web::Json<Panel>, AppError> {
    let id = parse_id(&id, "panel")?;
    let body = body.into_inner();
    let notice = state.auth.config.panel_seed_notice_s;
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let row = panel_row(conn, id, true)?;
            p.require_staff_of(row.wijk_id)?;
            let rows = candidate_rows(&body)?;
            if row.seed.is_some() {
                return Err(AppError::Conflict(
                    "the seed is public (or the panel drawn): the pool is closed".to_owned(),
                ));
            }
            pnq::add_candidates(conn, id, &rows, p.user.id)?.map_err(|refusal| match refusal {
                PoolRefusal::Duplicate => AppError::Conflict(
                    "a pseudonym or an account is in the pool already".to_owned(),
                ),
                PoolRefusal::UnknownAccount => {
                    AppError::field("candidates", "unknown", "a user_id is not an account")
                }
            })?;
            load_panel(conn, id, Some(p.user.id), notice)
        })
        .await
        .map(web::Json)
}

fn domain_candidates(pool: &[PoolEntry]) -> Vec<Candidate> {
    pool.iter()
        .map(|(id, _, strata)| Candidate {
            id: id.clone(),
            strata: strata.clone(),
        })
        .collect()
}

/// Publish the seed of the draw
///
/// Staff of the wijk make the seed public on the panel's page before the draw (for example the
/// numbers of a public lottery), so nobody can pick a seed that suits them once the pool is
/// known: from now on the pool is closed, and the draw is possible once the seed has been public
/// for `SAMENSTAD_PANEL_SEED_NOTICE_SECS` (a day by default; `draw_not_before` says when).
#[utoipa::path(
    tag = "projects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Panel id (UUID)")),
    request_body = PublishSeed,
    responses(
        (status = 200, description = "Published", body = Panel),
        (status = 400, description = "A seed of fewer than 4 or more than 200 characters", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff of the wijk", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such panel", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A seed is published already, or the panel is drawn", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/projects/panels/{id}/seed", wrap = "from_fn(gate::city_role)")]
pub async fn publish_seed(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Json<PublishSeed>,
) -> Result<web::Json<Panel>, AppError> {
    let id = parse_id(&id, "panel")?;
    let body = body.into_inner();
    let notice = state.auth.config.panel_seed_notice_s;
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let row = panel_row(conn, id, true)?;
            p.require_staff_of(row.wijk_id)?;
            body.validate()?;
            if row.seed.is_some() {
                return Err(AppError::Conflict(
                    "the seed of this panel is published already".to_owned(),
                ));
            }
            pnq::publish_seed(conn, id, body.seed.trim(), p.user.id)?;
            load_panel(conn, id, Some(p.user.id), notice)
        })
        .await
        .map(web::Json)
}

/// Draw the panel
///
/// Draws members and ordered reserves from the pool with the published seed (algorithm
/// `samenstad-sortition-v1`); anyone can re-run it from this panel's public data with
/// `samenstad sortition verify`. The seed must have been published with
/// `POST /projects/panels/{id}/seed` at least `SAMENSTAD_PANEL_SEED_NOTICE_SECS` before (a day
/// by default), and the body repeats it. Members with an account get the `panel_member` role.
#[utoipa::path(
    tag = "projects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Panel id (UUID)")),
    request_body = DrawPanel,
    responses(
        (status = 200, description = "Drawn", body = Panel),
        (status = 400, description = "Not the published seed, too few candidates or quotas that cannot be met", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff of the wijk", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such panel", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Drawn already, no seed published, or the seed not public long enough yet (the detail names when the draw is possible)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/projects/panels/{id}/draw", wrap = "from_fn(gate::city_role)")]
pub async fn draw_panel(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Json<DrawPanel>,
) -> Result<web::Json<Panel>, AppError> {
    let id = parse_id(&id, "panel")?;
    let body = body.into_inner();
    let notice = state.auth.config.panel_seed_notice_s;
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let row = panel_row(conn, id, true)?;
            p.require_staff_of(row.wijk_id)?;
            body.validate()?;
            if row.drawn_at.is_some() {
                return Err(AppError::Conflict("the panel is drawn already".to_owned()));
            }
            let (Some(published), Some(at)) = (row.seed.as_deref(), row.seed_published_at) else {
                return Err(AppError::Conflict(
                    "publish the seed first (POST /projects/panels/{id}/seed): it must be public before the draw"
                        .to_owned(),
                ));
            };
            let from = draw_not_before(at, notice);
            if Utc::now() < from {
                return Err(AppError::Conflict(format!(
                    "the seed must be public for a while before the draw: the draw is possible from {}",
                    from.to_rfc3339()
                )));
            }
            if body.seed != published {
                return Err(AppError::field(
                    "seed",
                    "mismatch",
                    "must be the published seed",
                ));
            }
            let pool = pnq::candidates_of(conn, id)?;
            let draw = sortition::draw(&domain_candidates(&pool), &request_of(&row, &body.seed))
                .map_err(|e| AppError::field("seed", "draw_failed", &e.to_string()))?;
            let member_accounts: Vec<Uuid> = pool
                .iter()
                .filter(|(pseudonym, ..)| draw.members.contains(pseudonym))
                .filter_map(|(_, user, _)| *user)
                .collect();
            pnq::record_draw(conn, id, &body.seed, &draw, &member_accounts, p.user.id)?;
            load_panel(conn, id, Some(p.user.id), notice)
        })
        .await
        .map(web::Json)
}

/// Replace a member who withdraws
///
/// The first reserve with whom the panel still meets every quota takes the seat (or the first
/// reserve if none does); the panel role moves with the seat.
#[utoipa::path(
    tag = "projects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Panel id (UUID)")),
    request_body = WithdrawMember,
    responses(
        (status = 200, description = "Replaced", body = Panel),
        (status = 403, description = "Not staff of the wijk", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such panel, or not a sitting member", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not drawn yet, or no reserves left", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/projects/panels/{id}/withdrawals", wrap = "from_fn(gate::city_role)")]
pub async fn withdraw_member(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Json<WithdrawMember>,
) -> Result<web::Json<Panel>, AppError> {
    let id = parse_id(&id, "panel")?;
    let withdrawn = body.into_inner().pseudonym;
    let notice = state.auth.config.panel_seed_notice_s;
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let row = panel_row(conn, id, true)?;
            p.require_staff_of(row.wijk_id)?;
            let (Some(seed), Some(_)) = (row.seed.clone(), row.drawn_at) else {
                return Err(AppError::Conflict("the panel is not drawn yet".to_owned()));
            };
            let all = pnq::seats_of(conn, id)?;
            let state = |s: &SeatRow| SeatState::of(&s.kind, s.withdrawn);
            let current = Draw {
                members: all
                    .iter()
                    .filter(|s| state(s) == SeatState::Member)
                    .map(|s| s.pseudonym.clone())
                    .collect(),
                reserves: all
                    .iter()
                    .filter(|s| s.kind == "reserve")
                    .map(|s| s.pseudonym.clone())
                    .collect(),
                algorithm: sortition::ALGORITHM,
            };
            all.iter()
                .find(|s| s.pseudonym == withdrawn)
                .ok_or(())
                .and_then(|s| seat_transition(state(s), SeatAction::Withdraw).map_err(|_| ()))
                .map_err(|()| {
                    AppError::NotFound("no sitting member has this pseudonym".to_owned())
                })?;
            let pool = pnq::candidates_of(conn, id)?;
            let next = sortition::replace(
                &current,
                &withdrawn,
                &domain_candidates(&pool),
                &request_of(&row, &seed),
            )
            .map_err(|e| AppError::Conflict(e.to_string()))?;
            let Some(incoming) = next
                .members
                .iter()
                .find(|m| !current.members.contains(m))
                .cloned()
            else {
                return Err(AppError::Conflict("no reserves left".to_owned()));
            };
            let position = i32::try_from(
                next.members
                    .iter()
                    .position(|m| *m == incoming)
                    .unwrap_or(0),
            )
            .unwrap_or(0);
            let user_of = |name: &str| {
                pool.iter()
                    .find(|(p, ..)| p == name)
                    .and_then(|(_, u, _)| *u)
            };
            pnq::replace_member(
                conn,
                &Replacement {
                    panel_id: id,
                    withdrawn: &withdrawn,
                    withdrawn_account: user_of(&withdrawn),
                    incoming: &incoming,
                    incoming_account: user_of(&incoming),
                    position,
                    by: p.user.id,
                },
            )?;
            load_panel(conn, id, Some(p.user.id), notice)
        })
        .await
        .map(web::Json)
}

/// Score a proposal
///
/// A sitting member of the panel scores a proposal of the panel's wijk and round (0–10, with
/// a comment); scoring again changes the score.
#[utoipa::path(
    tag = "projects",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "Panel id (UUID)"),
        ("proposal_id" = String, Path, description = "Proposal id (UUID)"),
    ),
    request_body = ScoreProposal,
    responses(
        (status = 200, description = "The panel's scores of that proposal", body = ProposalScores),
        (status = 400, description = "Score out of range", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a sitting member of the panel", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such panel, or the proposal is not one of its wijk and round", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/projects/panels/{id}/scores/{proposal_id}")]
pub async fn score_proposal(
    caller: UserCaller,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    body: web::Json<ScoreProposal>,
) -> Result<web::Json<ProposalScores>, AppError> {
    let (id, proposal_id) = path.into_inner();
    let (id, proposal_id) = (parse_id(&id, "panel")?, parse_id(&proposal_id, "proposal")?);
    let body = body.into_inner();
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let row = panel_row(conn, id, false)?;
            if !pnq::sitting_members(conn, id)?.contains(&p.user.id) {
                return Err(AppError::Forbidden(
                    "only sitting members of the panel score".to_owned(),
                ));
            }
            body.validate()?;
            if proposals::ids_in_round(conn, &[proposal_id], row.wijk_id, row.round_id)?.is_empty()
            {
                return Err(AppError::NotFound(
                    "the proposal is not one of this panel's".to_owned(),
                ));
            }
            pnq::upsert_score(
                conn,
                id,
                proposal_id,
                p.user.id,
                body.score,
                body.comment.trim(),
            )?;
            pnq::scores(conn, &row, Some(proposal_id))?
                .into_iter()
                .next()
                .ok_or_else(|| AppError::Internal("the score vanished".to_owned()))
        })
        .await
        .map(web::Json)
}

/// The panel's scores
///
/// Per proposal of the panel's wijk and round: how many members scored it, the average and
/// the comments (not signed). Public, so residents see how the panel weighed the proposals.
#[utoipa::path(
    tag = "projects",
    security(()),
    params(("id" = String, Path, description = "Panel id (UUID)")),
    responses(
        (status = 200, description = "Scores per proposal", body = Vec<ProposalScores>),
        (status = 404, description = "No such panel", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/projects/panels/{id}/scores")]
pub async fn panel_scores(
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<web::Json<Vec<ProposalScores>>, AppError> {
    let id = parse_id(&id, "panel")?;
    state
        .with_conn(move |conn| {
            let row = panel_row(conn, id, false)?;
            Ok(pnq::scores(conn, &row, None)?)
        })
        .await
        .map(web::Json)
}
