//! Decisions on proposals and the projects that realise the selected ones: status, budget
//! spent, deadline, partners and public progress updates.

use actix_web::middleware::from_fn;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::NaiveDate;
use samenstad_db::PgConnection;
use samenstad_db::queries::panels::{self, sits_on_panel_of};
use samenstad_db::queries::proposals;
use samenstad_db::queries::realisation::{self as rq, NewProjectUpdate, ProjectFilter};
use samenstad_domain::lifecycle::{PanelOutcome, panel_outcome};
use samenstad_types::Problem;
use samenstad_types::projects::{
    CreateProjectUpdate, DecideProposal, DecisionKind, PanelTally, Project, ProjectStatus,
    ProjectsQuery, Proposal,
};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use crate::auth::UserCaller;
use crate::cache;
use crate::error::AppError;
use crate::gate;
use crate::principal::{Principal, parse_id};
use crate::query::Query;
use crate::respond;
use crate::routes::wijkbudget_common::{decide_refusal, load_proposal};
use crate::state::AppState;

/// Registers the handlers of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(decide_proposal)
        .service(list_projects)
        .service(get_project)
        .service(post_update);
}

/// A decision's kind (none: the caller's default) and college date, after its fields are checked
/// on their own.
fn decision_terms(
    body: &DecideProposal,
) -> Result<(Option<DecisionKind>, Option<NaiveDate>), AppError> {
    body.validate()?;
    // A vote's result is applied, never recorded by hand.
    let kind = body
        .kind
        .as_deref()
        .map(|k| {
            DecisionKind::parse(k)
                .filter(|k| *k != DecisionKind::Vote)
                .ok_or_else(|| {
                    AppError::field("kind", "invalid", "must be dialogue, college or panel")
                })
        })
        .transpose()?;
    let college = kind == Some(DecisionKind::College);
    let college_date = match body.college_date.as_deref() {
        Some(d) => Some(crate::local_time::day("college_date", d)?),
        None => None,
    };
    if college && (college_date.is_none() || body.college_reference.is_none()) {
        return Err(AppError::field(
            if college_date.is_none() {
                "college_date"
            } else {
                "college_reference"
            },
            "requires",
            "a college decision needs its date and reference",
        ));
    }
    if !college && (college_date.is_some() || body.college_reference.is_some()) {
        return Err(AppError::field(
            "kind",
            "excludes",
            "a date and reference go with a college decision only",
        ));
    }
    Ok((kind, college_date))
}

/// Decide on a proposal
///
/// For wijken that select by dialogue, lottery panel or college decision. Staff of the wijk
/// record the outcome of the wijkdialoog (`kind` `dialogue`, the default for staff) or the
/// college's decision (`college`, with its date and reference), with the reasoning residents
/// read. A sitting member of the wijk's drawn lottery panel casts their vote (`panel`, the
/// default for members): the panel decides once a majority of its seated members agree and its
/// quorum has voted, so one member never decides alone (`panel_tally` shows where it stands).
/// A selected proposal becomes a project (due within the programme's realisation period); the
/// selected proposals of a wijk never cost more than its allocation (409 naming what is left).
/// Votes are applied with `POST /projects/votes/{id}/apply`.
#[utoipa::path(
    tag = "projects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Proposal id (UUID)")),
    request_body = DecideProposal,
    responses(
        (status = 200, description = "Decided, or (panel) the member's vote counted", body = Proposal),
        (status = 400, description = "No reason, an unknown kind, or a college decision without its date or reference", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Neither staff of the wijk nor a sitting member of its panel; or a panel member recording a dialogue or college decision", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such proposal", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Decided already, the wijk has no drawn panel, or selecting it would pass the wijk's allocation (the detail names what is left)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/projects/proposals/{id}/decision", wrap = "from_fn(gate::city_role)")]
pub async fn decide_proposal(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Json<DecideProposal>,
) -> Result<web::Json<Proposal>, AppError> {
    let id = parse_id(&id, "proposal")?;
    let body = body.into_inner();
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let (wijk_id, round_id) = proposals::wijk_and_round_of(conn, id)?
                .ok_or_else(|| AppError::NotFound("no such proposal".to_owned()))?;
            let staff = p.is_staff_of(Some(wijk_id));
            if !staff && !sits_on_panel_of(conn, p.user.id, wijk_id, round_id)? {
                return Err(AppError::Forbidden(
                    "only staff of this wijk or members of its panel may decide".to_owned(),
                ));
            }
            let (kind, college_date) = decision_terms(&body)?;
            let kind = kind.unwrap_or(if staff {
                DecisionKind::Dialogue
            } else {
                DecisionKind::Panel
            });
            let reason = body.reason.trim();
            if kind == DecisionKind::Panel {
                let Some(panel_id) = panels::drawn_panel_of(conn, wijk_id, round_id)? else {
                    return Err(if staff {
                        AppError::Conflict("the wijk has no drawn lottery panel".to_owned())
                    } else {
                        AppError::Forbidden(
                            "only staff of this wijk or members of its panel may decide".to_owned(),
                        )
                    });
                };
                // One member's vote at a time per panel, so a tally is never read half-way.
                panels::panel_by_id(conn, panel_id, true)?;
                if !panels::sitting_members(conn, panel_id)?.contains(&p.user.id) {
                    return Err(AppError::Forbidden(
                        "only sitting members of the wijk's panel vote on its proposals".to_owned(),
                    ));
                }
                let before = load_proposal(conn, id)?;
                if before.status != "proposed" {
                    return Err(AppError::Conflict(format!(
                        "the proposal is already {}",
                        before.status
                    )));
                }
                panels::cast_decision_vote(conn, panel_id, id, p.user.id, body.selected, reason)?;
                let tally = load_proposal(conn, id)?.panel_tally.unwrap_or(PanelTally {
                    seated: 0,
                    quorum: 1,
                    votes_for: 0,
                    votes_against: 0,
                });
                let count = |n: i32| u32::try_from(n).unwrap_or(0);
                let outcome = panel_outcome(
                    count(tally.seated),
                    count(tally.quorum),
                    count(tally.votes_for),
                    count(tally.votes_against),
                );
                let selected = match outcome {
                    PanelOutcome::Pending => return load_proposal(conn, id),
                    PanelOutcome::Select => true,
                    PanelOutcome::Reject => false,
                };
                let why = format!(
                    "Het wijkpanel besliste: {} van de {} zittende leden voor, {} tegen. {reason}",
                    tally.votes_for, tally.seated, tally.votes_against
                );
                let decision = proposals::Decision {
                    selected,
                    reason: &why,
                    kind: DecisionKind::Panel,
                    college_date: None,
                    college_reference: None,
                    actor: p.user.id,
                };
                proposals::decide(conn, id, &decision)?.map_err(decide_refusal)?;
                return load_proposal(conn, id);
            }
            if !staff {
                return Err(AppError::Forbidden(if sits_on_panel_of(conn, p.user.id, wijk_id, round_id)? {
                    "members of the panel vote (kind panel); staff record a dialogue or college decision".to_owned()
                } else {
                    "only staff of this wijk or members of its panel may decide".to_owned()
                }));
            }
            let decision = proposals::Decision {
                selected: body.selected,
                reason,
                kind,
                college_date,
                college_reference: body.college_reference.as_deref().map(str::trim),
                actor: p.user.id,
            };
            proposals::decide(conn, id, &decision)?.map_err(decide_refusal)?;
            load_proposal(conn, id)
        })
        .await
        .map(web::Json)
}

fn load_project(conn: &mut PgConnection, id: Uuid) -> Result<Project, AppError> {
    rq::project_with_updates(conn, id)?
        .ok_or_else(|| AppError::NotFound("no such project".to_owned()))
}

/// List projects
///
/// Selected proposals being realised, per wijk (or all), round and status, with budget and
/// spending, deadline and place (for the map).
#[utoipa::path(
    tag = "projects",
    security(()),
    params(ProjectsQuery),
    responses(
        (status = 200, description = "Projects by wijk", body = Vec<Project>),
        (status = 400, description = "Unknown wijk, or an invalid round or status", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/projects/projects")]
pub async fn list_projects(
    state: web::Data<AppState>,
    query: Query<ProjectsQuery>,
    req: HttpRequest,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    respond::public_json(&state, &req, projects_of(&state, query)).await
}

/// The projects a [`ProjectsQuery`] asks for.
async fn projects_of(state: &AppState, query: ProjectsQuery) -> Result<Vec<Project>, AppError> {
    query.validate()?;
    let status = query.status.as_deref().map(project_status).transpose()?;
    let wijk_id = match query.wijk.as_deref() {
        Some(key) => Some(cache::wijk_id(state, key).await?),
        None => None,
    };
    state
        .with_conn(move |conn| {
            let filter = ProjectFilter {
                wijk_id,
                round: query.round,
                status,
                id: None,
            };
            Ok(rq::projects(conn, &filter)?
                .into_iter()
                .map(Project::from)
                .collect())
        })
        .await
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
#[post("/projects/projects/{id}/updates", wrap = "from_fn(gate::city_role)")]
pub async fn post_update(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Json<CreateProjectUpdate>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&id, "project")?;
    let body = body.into_inner();
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
            let (status, partners) = update_fields(&body)?;
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
                    status,
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

/// An update's status and partners, after its fields are checked on their own.
fn update_fields(
    body: &CreateProjectUpdate,
) -> Result<(Option<ProjectStatus>, Option<Vec<String>>), AppError> {
    body.validate()?;
    let status = body.status.as_deref().map(project_status).transpose()?;
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
    Ok((status, partners))
}

/// A project status named in a request, or a 400 on `status`.
fn project_status(name: &str) -> Result<ProjectStatus, AppError> {
    ProjectStatus::parse(name).ok_or_else(|| {
        AppError::field(
            "status",
            "invalid",
            "must be planned, in_realisation, realised or stopped",
        )
    })
}
