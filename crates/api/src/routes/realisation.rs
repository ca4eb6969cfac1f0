//! Decisions on proposals and the projects that realise the selected ones: status, budget
//! spent, deadline, partners and public progress updates.

use actix_web::{HttpResponse, get, post, web};
use samenstad_db::PgConnection;
use samenstad_db::queries::panels::sits_on_panel_of;
use samenstad_db::queries::proposals;
use samenstad_db::queries::realisation::{self as rq, NewProjectUpdate};
use samenstad_types::Problem;
use samenstad_types::projects::{
    CreateProjectUpdate, DecideProposal, PROJECT_STATUSES, Project, Proposal,
};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use crate::auth::UserCaller;
use crate::error::AppError;
use crate::principal::{Principal, parse_id, wijk_id};
use crate::routes::wijkbudget_common::{decide_refusal, load_proposal};
use crate::state::AppState;

/// Registers the handlers of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(decide_proposal)
        .service(list_projects)
        .service(get_project)
        .service(post_update);
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
        (status = 403, description = "Neither staff of the wijk nor a member of its panel", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such proposal", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Decided already", body = Problem, content_type = "application/problem+json"),
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
            let (wijk_id, round_id) = proposals::wijk_and_round_of(conn, id)?
                .ok_or_else(|| AppError::NotFound("no such proposal".to_owned()))?;
            if !p.is_staff_of(Some(wijk_id))
                && !sits_on_panel_of(conn, p.user.id, wijk_id, round_id)?
            {
                return Err(AppError::Forbidden(
                    "only staff of this wijk or members of its panel may decide".to_owned(),
                ));
            }
            proposals::decide(conn, id, body.selected, body.reason.trim(), p.user.id)?
                .map_err(decide_refusal)?;
            load_proposal(conn, id)
        })
        .await
        .map(web::Json)
}

fn load_project(conn: &mut PgConnection, id: Uuid) -> Result<Project, AppError> {
    rq::project_with_updates(conn, id)?
        .ok_or_else(|| AppError::NotFound("no such project".to_owned()))
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
            Ok(rq::projects(conn, wijk_id, None)?
                .into_iter()
                .map(Project::from)
                .collect())
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
        (status = 403, description = "Not staff of the wijk", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such project", body = Problem, content_type = "application/problem+json"),
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
            let (wijk_id, budget) = rq::project_for_update(conn, id)?
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
            rq::add_update(
                conn,
                &NewProjectUpdate {
                    project_id: id,
                    author_id: p.user.id,
                    body: body.body.trim(),
                    status: body.status.as_deref(),
                    spent_cents: body.spent_cents,
                    photo_url: body.photo_url.as_deref(),
                    partners: partners.as_deref(),
                },
            )?;
            load_project(conn, id)
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}
