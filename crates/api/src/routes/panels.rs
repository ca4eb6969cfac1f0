//! Lottery-drawn wijkpanels: the candidate pool, the draw from a published seed (algorithm in
//! `samenstad_domain::sortition`, re-runnable with `samenstad sortition verify`), replacement
//! from the ordered reserves, and the members' scores of the proposals.

use std::collections::BTreeMap;

use actix_web::{HttpResponse, get, post, put, web};
use chrono::Utc;
use diesel::prelude::*;
use samenstad_db::PgConnection;
use samenstad_db::queries::audit::{self, NewAudit};
use samenstad_db::queries::projects as pq;
use samenstad_db::schema::{
    panel, panel_candidate, panel_score, panel_seat, proposal, role_assignment, wijk,
};
use samenstad_domain::sortition::{self, Candidate, Draw, DrawRequest, Quota};
use samenstad_types::Problem;
use samenstad_types::projects::{
    AddCandidates, CreatePanel, DrawPanel, Panel, PanelCandidate, PanelQuota, PanelSeat,
    ProposalScores, ScoreProposal, WithdrawMember,
};
use serde_json::json;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use crate::auth::{Caller, MaybeCaller, UserCaller};
use crate::error::AppError;
use crate::principal::{Principal, parse_id, wijk_id};
use crate::routes::votes::WijkQuery;
use crate::state::AppState;

/// Registers the handlers of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create_panel)
        .service(list_panels)
        .service(get_panel)
        .service(panel_candidates_csv)
        .service(panel_txt)
        .service(add_candidates)
        .service(draw_panel)
        .service(withdraw_member)
        .service(score_proposal)
        .service(panel_scores);
}

#[derive(Debug, Clone, Queryable)]
struct PanelRow {
    id: Uuid,
    round_id: Uuid,
    wijk_id: Uuid,
    wijknr: i16,
    size: i32,
    reserves: i32,
    quotas: serde_json::Value,
    seed: Option<String>,
    algorithm: Option<String>,
    drawn_at: Option<chrono::DateTime<Utc>>,
}

fn panel_row(conn: &mut PgConnection, id: Uuid, lock: bool) -> Result<PanelRow, AppError> {
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
        .select((
            panel::id,
            panel::round_id,
            panel::wijk_id,
            wijk::wijknr,
            panel::size,
            panel::reserves,
            panel::quotas,
            panel::seed,
            panel::algorithm,
            panel::drawn_at,
        ))
        .first(conn)
        .optional()?
        .ok_or_else(|| AppError::NotFound("no such panel".to_owned()))
}

/// A candidate of the pool: pseudonym, account, strata.
type PoolEntry = (String, Option<Uuid>, BTreeMap<String, String>);
/// A seat: pseudonym, kind, position, withdrawn, replaced by.
type SeatRow = (String, String, i32, bool, Option<String>);

fn quotas_of(row: &PanelRow) -> Vec<PanelQuota> {
    serde_json::from_value(row.quotas.clone()).unwrap_or_default()
}

fn candidates_of(conn: &mut PgConnection, id: Uuid) -> Result<Vec<PoolEntry>, AppError> {
    Ok(panel_candidate::table
        .filter(panel_candidate::panel_id.eq(id))
        .order(panel_candidate::pseudonym.asc())
        .select((
            panel_candidate::pseudonym,
            panel_candidate::user_id,
            panel_candidate::strata,
        ))
        .load::<(String, Option<Uuid>, serde_json::Value)>(conn)?
        .into_iter()
        .map(|(p, u, s)| (p, u, serde_json::from_value(s).unwrap_or_default()))
        .collect())
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

fn seats(conn: &mut PgConnection, id: Uuid) -> Result<Vec<SeatRow>, AppError> {
    Ok(panel_seat::table
        .filter(panel_seat::panel_id.eq(id))
        .order((panel_seat::kind.asc(), panel_seat::position.asc()))
        .select((
            panel_seat::pseudonym,
            panel_seat::kind,
            panel_seat::position,
            panel_seat::withdrawn_at.is_not_null(),
            panel_seat::replaced_by,
        ))
        .load(conn)?)
}

/// The account ids of the panel's sitting members.
fn sitting_members(conn: &mut PgConnection, id: Uuid) -> Result<Vec<Uuid>, AppError> {
    Ok(panel_seat::table
        .inner_join(
            panel_candidate::table.on(panel_candidate::panel_id
                .eq(panel_seat::panel_id)
                .and(panel_candidate::pseudonym.eq(panel_seat::pseudonym))),
        )
        .filter(panel_seat::panel_id.eq(id))
        .filter(panel_seat::kind.eq("member"))
        .filter(panel_seat::withdrawn_at.is_null())
        .select(panel_candidate::user_id)
        .load::<Option<Uuid>>(conn)?
        .into_iter()
        .flatten()
        .collect())
}

fn load_panel(conn: &mut PgConnection, id: Uuid, viewer: Option<Uuid>) -> Result<Panel, AppError> {
    let row = panel_row(conn, id, false)?;
    let seat = |(pseudonym, _, position, withdrawn, replaced_by): (
        String,
        String,
        i32,
        bool,
        Option<String>,
    )| PanelSeat {
        pseudonym,
        position,
        withdrawn,
        replaced_by,
    };
    let all = seats(conn, id)?;
    let (members, reserves): (Vec<_>, Vec<_>) = all.into_iter().partition(|s| s.1 == "member");
    let sitting = sitting_members(conn, id)?;
    Ok(Panel {
        id: row.id.to_string(),
        wijknr: row.wijknr,
        size: row.size,
        reserves: row.reserves,
        quotas: quotas_of(&row),
        seed: row.seed.clone(),
        algorithm: row.algorithm.clone(),
        drawn_at: row.drawn_at.map(|d| d.to_rfc3339()),
        candidates: candidates_of(conn, id)?
            .into_iter()
            .map(|(pseudonym, _, strata)| PanelCandidate { pseudonym, strata })
            .collect(),
        members: members.into_iter().map(seat).collect(),
        reserve_list: reserves.into_iter().map(seat).collect(),
        i_am_member: viewer.is_some_and(|v| sitting.contains(&v)),
    })
}

/// Create a lottery panel
///
/// Staff of a wijk that selects by `lottery_panel` set up its panel for the wijk's round: size,
/// ordered reserves and quotas per stratum. Candidates are added next, then it is drawn.
#[utoipa::path(
    tag = "projects",
    security(("bearer" = [])),
    request_body = CreatePanel,
    responses(
        (status = 201, description = "Created", body = Panel),
        (status = 400, description = "Invalid size, reserves, quotas or wijk", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff of the wijk", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The wijk does not select by panel, or has one already", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/projects/panels")]
pub async fn create_panel(
    caller: UserCaller,
    state: web::Data<AppState>,
    body: web::Json<CreatePanel>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    body.validate()?;
    if body
        .quotas
        .iter()
        .any(|q| q.min > q.max || q.attribute.is_empty() || q.value.is_empty())
    {
        return Err(AppError::field(
            "quotas",
            "invalid",
            "each quota needs an attribute, a value and min ≤ max",
        ));
    }
    let created = state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let wijk_id = wijk_id(conn, &body.wijk)?;
            p.require_staff_of(wijk_id)?;
            let round_id = pq::active_round_of_wijk(conn, wijk_id)?.ok_or_else(|| {
                AppError::field(
                    "wijk",
                    "no_round",
                    "the wijk takes part in no active programme round",
                )
            })?;
            let method = pq::selection_method(conn, round_id, wijk_id)?;
            if method != "lottery_panel" {
                return Err(AppError::Conflict(format!(
                    "this wijk selects by {method}, not by a lottery panel"
                )));
            }
            let id = Uuid::now_v7();
            let inserted = diesel::insert_into(panel::table)
                .values((
                    panel::id.eq(id),
                    panel::round_id.eq(round_id),
                    panel::wijk_id.eq(wijk_id),
                    panel::size.eq(body.size),
                    panel::reserves.eq(body.reserves),
                    panel::quotas.eq(serde_json::to_value(&body.quotas).unwrap_or_default()),
                    panel::created_by.eq(p.user.id),
                ))
                .on_conflict_do_nothing()
                .execute(conn)?;
            if inserted == 0 {
                return Err(AppError::Conflict(
                    "the wijk has a panel in this round already".to_owned(),
                ));
            }
            audit::record(
                conn,
                NewAudit::by(Some(p.user.id), "panel.created").on("panel", id),
            )?;
            load_panel(conn, id, Some(p.user.id))
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
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/projects/panels")]
pub async fn list_panels(
    caller: MaybeCaller,
    state: web::Data<AppState>,
    query: web::Query<WijkQuery>,
) -> Result<web::Json<Vec<Panel>>, AppError> {
    let key = query.into_inner().wijk;
    let viewer = match caller.0 {
        Some(Caller::User { id, .. }) => Some(id),
        _ => None,
    };
    state
        .with_conn(move |conn| {
            let wijk_id = wijk_id(conn, &key)?;
            let ids: Vec<Uuid> = panel::table
                .filter(panel::wijk_id.eq(wijk_id))
                .order(panel::created_at.desc())
                .select(panel::id)
                .load(conn)?;
            ids.into_iter()
                .map(|id| load_panel(conn, id, viewer))
                .collect()
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
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
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
    state
        .with_conn(move |conn| load_panel(conn, id, viewer))
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
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
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
            candidates_of(conn, id)
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
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/projects/panels/{id}/panel.txt")]
pub async fn panel_txt(
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&id, "panel")?;
    let text = state
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
            // The original draw, re-run: replacements change seats, not the draw.
            let pool = candidates_of(conn, id)?;
            let draw = sortition::draw(&domain_candidates(&pool), &request_of(&row, seed))
                .map_err(|e| AppError::Internal(e.to_string()))?;
            let mut lines = vec![format!("# {algorithm}")];
            lines.extend(draw.members.iter().map(|m| format!("member {m}")));
            lines.extend(draw.reserves.iter().map(|r| format!("reserve {r}")));
            Ok(lines.join("\n") + "\n")
        })
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .body(text))
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
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff of the wijk", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such panel", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Drawn already, or a pseudonym or account is in the pool already", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/projects/panels/{id}/candidates")]
pub async fn add_candidates(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Json<AddCandidates>,
) -> Result<web::Json<Panel>, AppError> {
    let id = parse_id(&id, "panel")?;
    let body = body.into_inner();
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
        rows.push((
            panel_candidate::panel_id.eq(id),
            panel_candidate::pseudonym.eq(c.pseudonym.clone()),
            panel_candidate::user_id.eq(user),
            panel_candidate::strata.eq(serde_json::to_value(&c.strata).unwrap_or_default()),
        ));
    }
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let row = panel_row(conn, id, true)?;
            p.require_staff_of(row.wijk_id)?;
            if row.seed.is_some() {
                return Err(AppError::Conflict(
                    "the panel is drawn; the pool is closed".to_owned(),
                ));
            }
            diesel::insert_into(panel_candidate::table)
                .values(&rows)
                .execute(conn)
                .map_err(|e| match e {
                    diesel::result::Error::DatabaseError(
                        diesel::result::DatabaseErrorKind::UniqueViolation,
                        _,
                    ) => AppError::Conflict(
                        "a pseudonym or an account is in the pool already".to_owned(),
                    ),
                    diesel::result::Error::DatabaseError(
                        diesel::result::DatabaseErrorKind::ForeignKeyViolation,
                        _,
                    ) => AppError::field("candidates", "unknown", "a user_id is not an account"),
                    other => other.into(),
                })?;
            audit::record(
                conn,
                NewAudit::by(Some(p.user.id), "panel.candidates_added")
                    .on("panel", id)
                    .details(json!({"count": rows.len()})),
            )?;
            load_panel(conn, id, Some(p.user.id))
        })
        .await
        .map(web::Json)
}

fn grant_member(
    conn: &mut PgConnection,
    panel_id: Uuid,
    user: Uuid,
    by: Uuid,
) -> QueryResult<usize> {
    diesel::insert_into(role_assignment::table)
        .values((
            role_assignment::id.eq(Uuid::now_v7()),
            role_assignment::user_id.eq(user),
            role_assignment::role.eq("panel_member"),
            role_assignment::scope_id.eq(panel_id),
            role_assignment::granted_by.eq(by),
        ))
        .on_conflict_do_nothing()
        .execute(conn)
}

fn store_draw(conn: &mut PgConnection, panel_id: Uuid, draw: &Draw) -> QueryResult<()> {
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
    Ok(())
}

fn domain_candidates(pool: &[PoolEntry]) -> Vec<Candidate> {
    pool.iter()
        .map(|(id, _, strata)| Candidate {
            id: id.clone(),
            strata: strata.clone(),
        })
        .collect()
}

/// Draw the panel
///
/// Draws members and ordered reserves from the pool with the published seed (algorithm
/// `samenstad-sortition-v1`); anyone can re-run it from this panel's public data with
/// `samenstad sortition verify`. Members with an account get the `panel_member` role.
#[utoipa::path(
    tag = "projects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Panel id (UUID)")),
    request_body = DrawPanel,
    responses(
        (status = 200, description = "Drawn", body = Panel),
        (status = 400, description = "No seed, too few candidates or quotas that cannot be met", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff of the wijk", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such panel", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Drawn already", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/projects/panels/{id}/draw")]
pub async fn draw_panel(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Json<DrawPanel>,
) -> Result<web::Json<Panel>, AppError> {
    let id = parse_id(&id, "panel")?;
    let body = body.into_inner();
    body.validate()?;
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let row = panel_row(conn, id, true)?;
            p.require_staff_of(row.wijk_id)?;
            if row.seed.is_some() {
                return Err(AppError::Conflict("the panel is drawn already".to_owned()));
            }
            let pool = candidates_of(conn, id)?;
            let draw = sortition::draw(&domain_candidates(&pool), &request_of(&row, &body.seed))
                .map_err(|e| AppError::field("seed", "draw_failed", &e.to_string()))?;
            store_draw(conn, id, &draw)?;
            diesel::update(panel::table.find(id))
                .set((
                    panel::seed.eq(&body.seed),
                    panel::algorithm.eq(draw.algorithm),
                    panel::drawn_at.eq(Utc::now()),
                ))
                .execute(conn)?;
            for (pseudonym, user, _) in &pool {
                if let Some(user) = user
                    && draw.members.contains(pseudonym)
                {
                    grant_member(conn, id, *user, p.user.id)?;
                }
            }
            audit::record(
                conn,
                NewAudit::by(Some(p.user.id), "panel.drawn")
                    .on("panel", id)
                    .details(json!({"seed": body.seed, "algorithm": draw.algorithm})),
            )?;
            load_panel(conn, id, Some(p.user.id))
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
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff of the wijk", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such panel, or not a sitting member", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not drawn yet, or no reserves left", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/projects/panels/{id}/withdrawals")]
pub async fn withdraw_member(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Json<WithdrawMember>,
) -> Result<web::Json<Panel>, AppError> {
    let id = parse_id(&id, "panel")?;
    let withdrawn = body.into_inner().pseudonym;
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let row = panel_row(conn, id, true)?;
            p.require_staff_of(row.wijk_id)?;
            let Some(seed) = row.seed.clone() else {
                return Err(AppError::Conflict("the panel is not drawn yet".to_owned()));
            };
            let all = seats(conn, id)?;
            let current = Draw {
                members: all
                    .iter()
                    .filter(|s| s.1 == "member" && !s.3)
                    .map(|s| s.0.clone())
                    .collect(),
                reserves: all
                    .iter()
                    .filter(|s| s.1 == "reserve")
                    .map(|s| s.0.clone())
                    .collect(),
                algorithm: sortition::ALGORITHM,
            };
            if !current.members.contains(&withdrawn) {
                return Err(AppError::NotFound(
                    "no sitting member has this pseudonym".to_owned(),
                ));
            }
            let pool = candidates_of(conn, id)?;
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
            diesel::update(panel_seat::table.find((id, &withdrawn)))
                .set((
                    panel_seat::withdrawn_at.eq(Utc::now()),
                    panel_seat::replaced_by.eq(&incoming),
                ))
                .execute(conn)?;
            diesel::update(panel_seat::table.find((id, &incoming)))
                .set((
                    panel_seat::kind.eq("member"),
                    panel_seat::position.eq(position),
                ))
                .execute(conn)?;
            let user_of = |name: &str| {
                pool.iter()
                    .find(|(p, ..)| p == name)
                    .and_then(|(_, u, _)| *u)
            };
            if let Some(user) = user_of(&withdrawn) {
                diesel::delete(
                    role_assignment::table
                        .filter(role_assignment::user_id.eq(user))
                        .filter(role_assignment::role.eq("panel_member"))
                        .filter(role_assignment::scope_id.eq(id)),
                )
                .execute(conn)?;
            }
            if let Some(user) = user_of(&incoming) {
                grant_member(conn, id, user, p.user.id)?;
            }
            audit::record(
                conn,
                NewAudit::by(Some(p.user.id), "panel.replaced")
                    .on("panel", id)
                    .details(json!({"withdrawn": withdrawn, "replaced_by": incoming})),
            )?;
            load_panel(conn, id, Some(p.user.id))
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
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a sitting member of the panel", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such panel, or the proposal is not one of its wijk and round", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
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
    body.validate()?;
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let row = panel_row(conn, id, false)?;
            if !sitting_members(conn, id)?.contains(&p.user.id) {
                return Err(AppError::Forbidden(
                    "only sitting members of the panel score".to_owned(),
                ));
            }
            proposal::table
                .filter(proposal::id.eq(proposal_id))
                .filter(proposal::wijk_id.eq(row.wijk_id))
                .filter(proposal::round_id.eq(row.round_id))
                .select(proposal::id)
                .first::<Uuid>(conn)
                .optional()?
                .ok_or_else(|| {
                    AppError::NotFound("the proposal is not one of this panel's".to_owned())
                })?;
            let now = Utc::now();
            diesel::insert_into(panel_score::table)
                .values((
                    panel_score::panel_id.eq(id),
                    panel_score::proposal_id.eq(proposal_id),
                    panel_score::member_id.eq(p.user.id),
                    panel_score::score.eq(body.score),
                    panel_score::comment.eq(body.comment.trim()),
                    panel_score::updated_at.eq(now),
                ))
                .on_conflict((
                    panel_score::panel_id,
                    panel_score::proposal_id,
                    panel_score::member_id,
                ))
                .do_update()
                .set((
                    panel_score::score.eq(body.score),
                    panel_score::comment.eq(body.comment.trim()),
                    panel_score::updated_at.eq(now),
                ))
                .execute(conn)?;
            scores(conn, &row, Some(proposal_id))?
                .into_iter()
                .next()
                .ok_or_else(|| AppError::Internal("the score vanished".to_owned()))
        })
        .await
        .map(web::Json)
}

fn scores(
    conn: &mut PgConnection,
    row: &PanelRow,
    only: Option<Uuid>,
) -> Result<Vec<ProposalScores>, AppError> {
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
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
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
            scores(conn, &row, None)
        })
        .await
        .map(web::Json)
}

/// Whether `user` sits on the drawn panel of this wijk and round (members decide with staff).
pub(crate) fn sits_on_panel_of(
    conn: &mut PgConnection,
    user: Uuid,
    wijk_id: Uuid,
    round_id: Uuid,
) -> Result<bool, AppError> {
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
