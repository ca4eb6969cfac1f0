//! The verification queue: a resident asks staff of their wijk to verify that they live there
//! (the right to vote in its public votes); staff verify with `PUT /projects/residents/{id}`
//! (which closes the request) or refuse with a reason.

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, get, post, web};
use samenstad_db::queries::residence::{self as rq, RequestsOf};
use samenstad_types::Problem;
use samenstad_types::projects::{
    RejectResidence, RequestResidence, ResidenceRequest, ResidenceRequestStatus,
    ResidenceRequestsQuery,
};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use crate::auth::UserCaller;
use crate::error::AppError;
use crate::gate;
use crate::principal::{Principal, parse_id, wijk_id};
use crate::query::Query;
use crate::state::AppState;

/// Registers the handlers of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(request_residence)
        .service(list_residence_requests)
        .service(reject_residence_request);
}

/// Ask to be verified as a resident
///
/// A resident asks staff of a wijk to verify that they live there, with their date of birth
/// (for a vote's minimum age). One request can be pending at a time; staff see it in their
/// queue (`GET /projects/residence-requests`).
#[utoipa::path(
    tag = "projects",
    security(("bearer" = [])),
    request_body = RequestResidence,
    responses(
        (status = 201, description = "Asked", body = ResidenceRequest),
        (status = 400, description = "Unknown wijk or invalid date of birth", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A request is pending already", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/projects/residence-requests")]
pub async fn request_residence(
    caller: UserCaller,
    state: web::Data<AppState>,
    body: web::Json<RequestResidence>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    let birth_date = crate::local_time::birth_date(&body.birth_date)?;
    let created = state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let wijk_id = wijk_id(conn, &body.wijk)?;
            let id = Uuid::now_v7();
            if !rq::insert_request(conn, id, p.user.id, wijk_id, birth_date)? {
                return Err(AppError::Conflict(
                    "a request to be verified is pending already".to_owned(),
                ));
            }
            rq::requests(
                conn,
                &RequestsOf::User(p.user.id),
                Some(ResidenceRequestStatus::Pending),
            )?
            .into_iter()
            .next()
            .ok_or_else(|| AppError::Internal("the request vanished".to_owned()))
        })
        .await?;
    Ok(HttpResponse::Created().json(created))
}

/// List residence requests
///
/// For staff: the queue of their wijken (`wijk` narrows it to one), oldest first; for anyone
/// else: their own requests, newest first. `status` filters (`pending`, `verified`, `rejected`).
#[utoipa::path(
    tag = "projects",
    security(("bearer" = [])),
    params(ResidenceRequestsQuery),
    responses(
        (status = 200, description = "Requests", body = Vec<ResidenceRequest>),
        (status = 400, description = "Unknown wijk or status", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`wijk` given by someone who is not staff of it", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/projects/residence-requests")]
pub async fn list_residence_requests(
    caller: UserCaller,
    state: web::Data<AppState>,
    query: Query<ResidenceRequestsQuery>,
) -> Result<web::Json<Vec<ResidenceRequest>>, AppError> {
    let query = query.into_inner();
    let status: Option<ResidenceRequestStatus> = AppError::one_of(
        query.status.as_deref(),
        "status",
        "must be pending, verified or rejected",
    )?;
    state
        .with_conn(move |conn| {
            let p = Principal::load(conn, caller)?;
            let of = match query.wijk.as_deref() {
                Some(key) => {
                    let wijk = wijk_id(conn, key)?;
                    p.require_staff_of(wijk)?;
                    RequestsOf::Wijken(vec![wijk])
                }
                None => match p.staff_wijken() {
                    None => RequestsOf::All,
                    Some(mine) if mine.is_empty() => RequestsOf::User(p.user.id),
                    Some(mine) => RequestsOf::Wijken(mine),
                },
            };
            Ok(rq::requests(conn, &of, status)?)
        })
        .await
        .map(web::Json)
}

/// Refuse a residence request
///
/// Staff of the request's wijk refuse it with a reason the resident reads on their account
/// page (to verify, use `PUT /projects/residents/{user_id}`).
#[utoipa::path(
    tag = "projects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Request id (UUID)")),
    request_body = RejectResidence,
    responses(
        (status = 200, description = "Refused", body = ResidenceRequest),
        (status = 400, description = "No reason", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff of the wijk", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such request", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not pending any more", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post(
    "/projects/residence-requests/{id}/reject",
    wrap = "from_fn(gate::city_role)"
)]
pub async fn reject_residence_request(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Json<RejectResidence>,
) -> Result<web::Json<ResidenceRequest>, AppError> {
    let id = parse_id(&id, "request")?;
    let body = body.into_inner();
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let (user_id, wijk, status) = rq::request_for_update(conn, id)?
                .ok_or_else(|| AppError::NotFound("no such request".to_owned()))?;
            p.require_staff_of(wijk)?;
            body.validate()?;
            if status != ResidenceRequestStatus::Pending {
                return Err(AppError::Conflict(format!(
                    "the request is {status} already"
                )));
            }
            rq::reject(conn, id, body.reason.trim(), p.user.id)?;
            rq::requests(conn, &RequestsOf::User(user_id), None)?
                .into_iter()
                .find(|r| r.id == id.to_string())
                .ok_or_else(|| AppError::Internal("the request vanished".to_owned()))
        })
        .await
        .map(web::Json)
}
