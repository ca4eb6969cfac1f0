//! Recognition (erkenning) of organisations: owners ask with a motivation, staff of the
//! organisation's wijk keep a queue and recognise or refuse with a reason. The rules are in
//! `samenstad_domain::organisation`; the owners are mailed the decision.

use actix_web::http::header;
use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, get, post, web};
use chrono::Utc;
use samenstad_db::queries::audit::{self, NewAudit};
use samenstad_db::queries::organisations::{
    self as q, RecognitionLine, RecognitionRow, RecognitionScope,
};
use samenstad_db::queries::outbox;
use samenstad_domain::organisation::{self as rules, RecognitionStatus, Refusal};
use samenstad_types::Problem;
use samenstad_types::account::MemberRole;
use samenstad_types::recognition::{
    DecideRecognition, RecognitionQueueQuery, RecognitionRequest, RequestRecognition,
};
use serde_json::json;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use crate::auth::UserCaller;
use crate::error::AppError;
use crate::gate;
use crate::mail;
use crate::principal::{Principal, parse_id};
use crate::query::Query;
use crate::routes::organisations_common::load_organisation;
use crate::state::AppState;

/// Registers the handlers of this module (before `/organisations/{id}`, which would take
/// `recognition-requests` for an id).
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(recognition_queue)
        .service(decide_recognition)
        .service(request_recognition)
        .service(organisation_recognition_requests);
}

fn view((row, org, wijknr): &RecognitionLine) -> RecognitionRequest {
    RecognitionRequest {
        id: row.id.to_string(),
        organisation_id: org.id.to_string(),
        organisation_name: org.name.clone(),
        kind: org.kind,
        wijknr: *wijknr,
        motivation: row.motivation.clone(),
        requested_at: row.requested_at.to_rfc3339(),
        status: row.status,
        decided_at: row.decided_at.map(|t| t.to_rfc3339()),
        reason: row.reason.clone(),
    }
}

fn refused(refusal: Refusal, field: &'static str) -> AppError {
    if refusal.is_conflict() {
        AppError::Conflict(refusal.message().to_owned())
    } else {
        AppError::field(field, "required", refusal.message())
    }
}

/// Ask for recognition
///
/// An owner of the organisation asks the city to recognise it (reduced room tariffs), with a
/// short motivation. Staff of its wijk decide; one request can be open at a time.
#[utoipa::path(
    tag = "organisations",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Organisation id (UUID)")),
    request_body = RequestRecognition,
    responses(
        (status = 201, description = "Asked", body = RecognitionRequest,
            headers(("Location" = String, description = "The organisation's requests"))),
        (status = 400, description = "The motivation is missing, too short or too long", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an owner of the organisation", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Recognised already, or a request is still open", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/organisations/{id}/recognition-requests")]
pub async fn request_recognition(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Json<RequestRecognition>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&id, "organisation")?;
    let body = body.into_inner();
    let request = state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let (org, wijknr) = load_organisation(conn, id)?;
            let owner = q::member_role(conn, id, p.user.id)? == Some(MemberRole::Owner);
            if !owner {
                return Err(AppError::Forbidden(
                    "only owners of this organisation may ask for its recognition".to_owned(),
                ));
            }
            body.validate()?;
            rules::may_ask(
                org.recognised_at.is_some(),
                q::has_open_recognition_request(conn, id)?,
            )
            .map_err(|r| refused(r, "motivation"))?;
            let row = RecognitionRow {
                id: Uuid::now_v7(),
                organisation_id: id,
                motivation: body.motivation.trim().to_owned(),
                requested_by: Some(p.user.id),
                requested_at: Utc::now(),
                status: RecognitionStatus::Pending,
                decided_by: None,
                decided_at: None,
                reason: None,
            };
            q::insert_recognition_request(conn, &row)?;
            let mut entry = NewAudit::by(Some(p.user.id), "organisation.recognition_requested")
                .on("organisation", id)
                .details(json!({"request": row.id.to_string()}));
            entry.wijk_id = org.wijk_id;
            audit::record(conn, entry)?;
            Ok(view(&(row, org, wijknr)))
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((
            header::LOCATION,
            format!(
                "/api/v1/organisations/{}/recognition-requests",
                request.organisation_id
            ),
        ))
        .json(request))
}

/// An organisation's requests
///
/// Every request for recognition of the organisation with its decision, newest first: for its
/// members, staff of its wijk and administrators.
#[utoipa::path(
    tag = "organisations",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Organisation id (UUID)")),
    responses(
        (status = 200, description = "Requests, newest first", body = Vec<RecognitionRequest>),
        (status = 403, description = "Not a member of the organisation nor staff of its wijk", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/organisations/{id}/recognition-requests")]
pub async fn organisation_recognition_requests(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<web::Json<Vec<RecognitionRequest>>, AppError> {
    let id = parse_id(&id, "organisation")?;
    state
        .with_conn(move |conn| {
            let p = Principal::load(conn, caller)?;
            let (org, _) = load_organisation(conn, id)?;
            if !p.is_staff_of(org.wijk_id) && q::member_role(conn, id, p.user.id)?.is_none() {
                return Err(AppError::Forbidden(
                    "only members of the organisation and staff of its wijk see its requests"
                        .to_owned(),
                ));
            }
            let lines = q::recognition_requests(conn, &RecognitionScope::Organisation(id), None)?;
            Ok(web::Json(lines.iter().map(view).collect()))
        })
        .await
}

/// Recognition queue
///
/// Requests for recognition of organisations in the caller's wijken (administrators: all),
/// oldest first; `pending` unless `status` says otherwise.
#[utoipa::path(
    tag = "organisations",
    security(("bearer" = [])),
    params(RecognitionQueueQuery),
    responses(
        (status = 200, description = "Requests, oldest first", body = Vec<RecognitionRequest>),
        (status = 400, description = "Not a status of a request", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not wijk staff", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/organisations/recognition-requests")]
pub async fn recognition_queue(
    caller: UserCaller,
    state: web::Data<AppState>,
    query: Query<RecognitionQueueQuery>,
) -> Result<web::Json<Vec<RecognitionRequest>>, AppError> {
    let query = query.into_inner();
    state
        .with_conn(move |conn| {
            let p = Principal::load(conn, caller)?;
            let scope = match p.staff_wijken() {
                None => RecognitionScope::All,
                Some(wijken) if !wijken.is_empty() => RecognitionScope::Wijken(wijken),
                Some(_) => {
                    return Err(AppError::Forbidden(
                        "only wijk staff keep the recognition queue".to_owned(),
                    ));
                }
            };
            let status: Option<RecognitionStatus> = AppError::one_of(
                query.status.as_deref(),
                "status",
                "is not a status of a request",
            )?;
            let status = status.unwrap_or(RecognitionStatus::Pending);
            let lines = q::recognition_requests(conn, &scope, Some(status))?;
            Ok(web::Json(lines.iter().map(view).collect()))
        })
        .await
}

/// Decide a request for recognition
///
/// Staff of the organisation's wijk (administrators for organisations without a wijk)
/// recognise it, or refuse with a reason its owners read. The owners are mailed the decision.
#[utoipa::path(
    tag = "organisations",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Request id (UUID)")),
    request_body = DecideRecognition,
    responses(
        (status = 200, description = "Decided", body = RecognitionRequest),
        (status = 400, description = "A refusal without a reason", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff of the organisation's wijk", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such request", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Decided already", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post(
    "/organisations/recognition-requests/{id}/decision",
    wrap = "from_fn(gate::city_role)"
)]
pub async fn decide_recognition(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Json<DecideRecognition>,
) -> Result<web::Json<RecognitionRequest>, AppError> {
    let id = parse_id(&id, "request for recognition")?;
    let body = body.into_inner();
    let link_base = state.public_url().to_owned();
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let (row, org, _) = q::recognition_request_for_update(conn, id)?
                .ok_or_else(|| AppError::NotFound("no such request for recognition".to_owned()))?;
            if !p.is_staff_of(org.wijk_id) {
                return Err(AppError::Forbidden(
                    "only staff of the organisation's wijk decide its recognition".to_owned(),
                ));
            }
            body.validate()?;
            let reason = body
                .reason
                .as_deref()
                .map(str::trim)
                .filter(|r| !r.is_empty());
            let status = rules::decide(row.status, body.recognised, reason)
                .map_err(|r| refused(r, "reason"))?;
            q::decide_recognition(conn, &row, status, p.user.id, reason)?;
            let action = match status {
                RecognitionStatus::Recognised => "organisation.recognised",
                _ => "organisation.recognition_refused",
            };
            let mut entry = NewAudit::by(Some(p.user.id), action)
                .on("organisation", org.id)
                .details(json!({"request": id.to_string(), "reason": reason}));
            entry.wijk_id = org.wijk_id;
            audit::record(conn, entry)?;
            let m = mail::organisation_recognition(
                &org.name,
                status == RecognitionStatus::Recognised,
                reason,
                &format!("{link_base}/organisations/{}", org.id),
            );
            for to in q::owner_emails(conn, org.id)? {
                outbox::queue(conn, None, &to, m.template, &m.subject, &m.body)?;
            }
            let decided = q::recognition_request_for_update(conn, id)?
                .ok_or_else(|| AppError::Internal("the request vanished".to_owned()))?;
            Ok(web::Json(view(&decided)))
        })
        .await
}
