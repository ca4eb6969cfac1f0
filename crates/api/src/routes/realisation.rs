//! Decisions on proposals and the projects that realise the selected ones: status, budget
//! spent, deadline, partners and public progress updates.

use actix_web::{HttpResponse, get, post, web};
use chrono::{Months, Utc};
use diesel::prelude::*;
use samenstad_db::PgConnection;
use samenstad_db::queries::audit::{self, NewAudit};
use samenstad_db::schema::{
    idea, programme, programme_round, project, project_update, proposal, proposal_idea, wijk,
};
use samenstad_types::Problem;
use samenstad_types::projects::{
    CreateProjectUpdate, DecideProposal, PROJECT_STATUSES, Project, ProjectUpdate, Proposal,
};
use serde_json::json;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use crate::auth::UserCaller;
use crate::error::AppError;
use crate::principal::{Principal, parse_id, wijk_id};
use crate::routes::votes::load_proposal;
use crate::state::AppState;

/// Registers the handlers of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(decide_proposal)
        .service(list_projects)
        .service(get_project)
        .service(post_update);
}

/// Marks a proposal decided; a selected one becomes a project due within the programme's
/// realisation period, placed at the first of its ideas that has a point.
pub(crate) fn decide(
    conn: &mut PgConnection,
    proposal_id: Uuid,
    selected: bool,
    reason: &str,
    actor: Uuid,
) -> Result<(), AppError> {
    let status: String = proposal::table
        .find(proposal_id)
        .select(proposal::status)
        .for_update()
        .first(conn)
        .optional()?
        .ok_or_else(|| AppError::NotFound("no such proposal".to_owned()))?;
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
    if status != "proposed" {
        return Err(AppError::Conflict(format!(
            "the proposal is already {status}"
        )));
    }
    diesel::update(proposal::table.find(proposal_id))
        .set((
            proposal::status.eq(if selected { "selected" } else { "not_selected" }),
            proposal::decision_reason.eq(reason),
            proposal::decided_at.eq(Utc::now()),
        ))
        .execute(conn)?;
    if selected {
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
    Ok(())
}

/// Decide on a proposal
///
/// For wijken that select by dialogue, lottery panel or college decision: staff of the wijk (or
/// a sitting member of its lottery panel) record the outcome and its reasoning. A selected proposal becomes a project (due within the
/// programme's realisation period). Votes are applied with `POST /projects/votes/{id}/apply`.
#[utoipa::path(
    tag = "projects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Proposal id (UUID)")),
    request_body = DecideProposal,
    responses(
        (status = 200, description = "Decided", body = Proposal),
        (status = 400, description = "No reason", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Neither staff of the wijk nor a member of its panel", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such proposal", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Decided already", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/projects/proposals/{id}/decision")]
pub async fn decide_proposal(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Json<DecideProposal>,
) -> Result<web::Json<Proposal>, AppError> {
    let id = parse_id(&id, "proposal")?;
    let body = body.into_inner();
    body.validate()?;
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let (wijk_id, round_id): (Uuid, Uuid) = proposal::table
                .find(id)
                .select((proposal::wijk_id, proposal::round_id))
                .first(conn)
                .optional()?
                .ok_or_else(|| AppError::NotFound("no such proposal".to_owned()))?;
            if !p.is_staff_of(Some(wijk_id))
                && !crate::routes::panels::sits_on_panel_of(conn, p.user.id, wijk_id, round_id)?
            {
                return Err(AppError::Forbidden(
                    "only staff of this wijk or members of its panel may decide".to_owned(),
                ));
            }
            decide(conn, id, body.selected, body.reason.trim(), p.user.id)?;
            load_proposal(conn, id)
        })
        .await
        .map(web::Json)
}

type ProjectRow = (
    Uuid,
    Uuid,
    i16,
    String,
    String,
    i64,
    i64,
    chrono::NaiveDate,
    Vec<String>,
    Option<f64>,
    Option<f64>,
);

fn project_view(row: ProjectRow) -> Project {
    let (
        id,
        proposal_id,
        wijknr,
        title,
        status,
        budget_cents,
        spent_cents,
        deadline,
        partners,
        lat,
        lon,
    ) = row;
    Project {
        id: id.to_string(),
        proposal_id: proposal_id.to_string(),
        wijknr,
        title,
        status,
        budget_cents,
        spent_cents,
        deadline: deadline.to_string(),
        partners,
        lat,
        lon,
        updates: None,
    }
}

fn projects_where(
    conn: &mut PgConnection,
    wijk_id: Option<Uuid>,
    id: Option<Uuid>,
) -> Result<Vec<Project>, AppError> {
    let mut q = project::table
        .inner_join(wijk::table)
        .select((
            project::id,
            project::proposal_id,
            wijk::wijknr,
            project::title,
            project::status,
            project::budget_cents,
            project::spent_cents,
            project::deadline,
            project::partners,
            project::lat,
            project::lon,
        ))
        .order((wijk::wijknr.asc(), project::created_at.asc()))
        .into_boxed();
    if let Some(w) = wijk_id {
        q = q.filter(project::wijk_id.eq(w));
    }
    if let Some(id) = id {
        q = q.filter(project::id.eq(id));
    }
    Ok(q.load::<ProjectRow>(conn)?
        .into_iter()
        .map(project_view)
        .collect())
}

fn load_project(conn: &mut PgConnection, id: Uuid) -> Result<Project, AppError> {
    let mut view = projects_where(conn, None, Some(id))?
        .into_iter()
        .next()
        .ok_or_else(|| AppError::NotFound("no such project".to_owned()))?;
    let updates = project_update::table
        .filter(project_update::project_id.eq(id))
        .order((project_update::at.asc(), project_update::id.asc()))
        .select((
            project_update::at,
            project_update::body,
            project_update::status,
            project_update::spent_cents,
            project_update::photo_url,
        ))
        .load::<(
            chrono::DateTime<Utc>,
            String,
            Option<String>,
            Option<i64>,
            Option<String>,
        )>(conn)?
        .into_iter()
        .map(|(at, body, status, spent_cents, photo_url)| ProjectUpdate {
            at: at.to_rfc3339(),
            body,
            status,
            spent_cents,
            photo_url,
        })
        .collect();
    view.updates = Some(updates);
    Ok(view)
}

/// The wijk of a project list.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProjectsQuery {
    /// Wijk number or slug (default: all wijken).
    pub wijk: Option<String>,
}

/// List projects
///
/// Selected proposals being realised, per wijk (or all), with status, budget and spending,
/// deadline and place (for the map).
#[utoipa::path(
    tag = "projects",
    security(()),
    params(ProjectsQuery),
    responses(
        (status = 200, description = "Projects by wijk", body = Vec<Project>),
        (status = 400, description = "Unknown wijk", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/projects/projects")]
pub async fn list_projects(
    state: web::Data<AppState>,
    query: web::Query<ProjectsQuery>,
) -> Result<web::Json<Vec<Project>>, AppError> {
    let key = query.into_inner().wijk;
    state
        .with_conn(move |conn| {
            let wijk_id = key.as_deref().map(|k| wijk_id(conn, k)).transpose()?;
            projects_where(conn, wijk_id, None)
        })
        .await
        .map(web::Json)
}

/// Get a project
///
/// A project with its progress updates.
#[utoipa::path(
    tag = "projects",
    security(()),
    params(("id" = String, Path, description = "Project id (UUID)")),
    responses(
        (status = 200, description = "The project", body = Project),
        (status = 404, description = "No such project", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/projects/projects/{id}")]
pub async fn get_project(
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<web::Json<Project>, AppError> {
    let id = parse_id(&id, "project")?;
    state
        .with_conn(move |conn| load_project(conn, id))
        .await
        .map(web::Json)
}

/// Post a progress update
///
/// Staff of the wijk report progress: what happened, optionally a new status, the amount spent
/// so far (at most the budget), a photo URL and the partners.
#[utoipa::path(
    tag = "projects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Project id (UUID)")),
    request_body = CreateProjectUpdate,
    responses(
        (status = 201, description = "The project with the update", body = Project),
        (status = 400, description = "Invalid update (status, spending over budget, photo URL)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff of the wijk", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such project", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/projects/projects/{id}/updates")]
pub async fn post_update(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Json<CreateProjectUpdate>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&id, "project")?;
    let body = body.into_inner();
    body.validate()?;
    if let Some(s) = &body.status
        && !PROJECT_STATUSES.contains(&s.as_str())
    {
        return Err(AppError::field(
            "status",
            "invalid",
            "must be planned, in_realisation, realised or stopped",
        ));
    }
    if body
        .photo_url
        .as_deref()
        .is_some_and(|u| !u.starts_with("https://"))
    {
        return Err(AppError::field(
            "photo_url",
            "invalid",
            "must be an https URL",
        ));
    }
    let partners = body.partners.as_ref().map(|list| {
        list.iter()
            .map(|p| p.trim().to_owned())
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
    });
    if partners
        .as_ref()
        .is_some_and(|l| l.len() > 30 || l.iter().any(|p| p.len() > 200))
    {
        return Err(AppError::field(
            "partners",
            "invalid",
            "at most 30 partners of at most 200 characters",
        ));
    }
    let view = state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let (wijk_id, budget): (Uuid, i64) = project::table
                .find(id)
                .select((project::wijk_id, project::budget_cents))
                .for_update()
                .first(conn)
                .optional()?
                .ok_or_else(|| AppError::NotFound("no such project".to_owned()))?;
            if !p.is_staff_of(Some(wijk_id)) {
                return Err(AppError::Forbidden(
                    "only staff of this wijk may post updates".to_owned(),
                ));
            }
            if body.spent_cents.is_some_and(|s| s > budget) {
                return Err(AppError::field(
                    "spent_cents",
                    "over_budget",
                    "more than the project's budget",
                ));
            }
            diesel::insert_into(project_update::table)
                .values((
                    project_update::id.eq(Uuid::now_v7()),
                    project_update::project_id.eq(id),
                    project_update::author_id.eq(p.user.id),
                    project_update::body.eq(body.body.trim()),
                    project_update::status.eq(&body.status),
                    project_update::spent_cents.eq(body.spent_cents),
                    project_update::photo_url.eq(&body.photo_url),
                ))
                .execute(conn)?;
            let now = Utc::now();
            diesel::update(project::table.find(id))
                .set(project::updated_at.eq(now))
                .execute(conn)?;
            if let Some(status) = &body.status {
                diesel::update(project::table.find(id))
                    .set(project::status.eq(status))
                    .execute(conn)?;
            }
            if let Some(spent) = body.spent_cents {
                diesel::update(project::table.find(id))
                    .set(project::spent_cents.eq(spent))
                    .execute(conn)?;
            }
            if let Some(partners) = &partners {
                diesel::update(project::table.find(id))
                    .set(project::partners.eq(partners))
                    .execute(conn)?;
            }
            audit::record(
                conn,
                NewAudit::by(Some(p.user.id), "project.updated")
                    .on("project", id)
                    .details(json!({"status": body.status})),
            )?;
            load_project(conn, id)
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}
