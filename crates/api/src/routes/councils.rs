//! Advisory councils (adviesraden): the councils, the advice requests the city publishes before
//! the councils answer, each council's advice and the city's response to it. The rules are in
//! `samenstad_domain::advice`.

use actix_web::http::header;
use actix_web::middleware::from_fn;
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use chrono::{NaiveDate, Utc};
use samenstad_db::PgConnection;
use samenstad_db::queries::accounts as accounts_q;
use samenstad_db::queries::councils::{self as q, AdviceRow, CouncilRow, RequestRow};
use samenstad_db::queries::follows::Target;
use samenstad_db::queries::outbox;
use samenstad_domain::advice::{self as rules, Refusal};
use samenstad_types::Problem;
use samenstad_types::account::Role;
use samenstad_types::councils::{
    Advice, AdviceRequest, AdviceRequestPage, AdviceRequestQuery, AdviceResponse, AdvisoryCouncil,
    NewAdviceRequest, PublishAdvice, RespondToAdvice, UpdateCouncil,
};
use samenstad_types::follows::FollowKind;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use crate::auth::UserCaller;
use crate::error::AppError;
use crate::gate;
use crate::local_time::today;
use crate::mail;
use crate::notify;
use crate::page;
use crate::principal::{Principal, parse_id};
use crate::query::Query;
use crate::state::AppState;
use crate::upload::FileBytes;

/// Registers the handlers of this module (fixed paths before `{id}`).
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_advisory_councils)
        .service(get_advisory_council)
        .service(update_advisory_council)
        .service(advice_deadlines_ics)
        .service(list_advice_requests)
        .service(create_advice_request)
        .service(get_advice_request)
        .service(publish_advice)
        .service(put_advice_document)
        .service(respond_to_advice);
}

/// Tells the followers of `council` about request `request` (not `actor`, who did it).
fn council_news(
    conn: &mut PgConnection,
    base: &str,
    (council, request): (Uuid, Uuid),
    line: (String, String),
    actor: Uuid,
) -> Result<(), AppError> {
    notify::tell_followers(
        conn,
        base,
        Target::new(FollowKind::Council, council),
        line,
        format!("/advice/{request}"),
        "council_news",
        Some(actor),
    )?;
    Ok(())
}

fn council_view((c, requests): (CouncilRow, i64)) -> AdvisoryCouncil {
    AdvisoryCouncil {
        id: c.id.to_string(),
        key: c.key,
        name: c.name,
        kind: c.kind,
        description: c.description,
        contact_name: c.contact_name,
        contact_email: c.contact_email,
        requests,
    }
}

fn advice_view((a, key, name): &(AdviceRow, String, String)) -> Advice {
    Advice {
        council: key.clone(),
        council_name: name.clone(),
        text: a.text.clone(),
        document_url: a.document_url.clone(),
        published_at: a.published_at.map(|t| t.to_rfc3339()),
        response: a.response,
        response_reason: a.response_reason.clone(),
        responded_at: a.responded_at.map(|t| t.to_rfc3339()),
    }
}

/// The requests with their councils' advice, from one query for the whole list.
fn request_views(
    conn: &mut PgConnection,
    rows: Vec<RequestRow>,
) -> Result<Vec<AdviceRequest>, AppError> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let advice = q::advice_of(conn, &ids)?;
    let today = today();
    Ok(rows
        .into_iter()
        .map(|r| {
            let mine: Vec<Advice> = advice
                .iter()
                .filter(|(a, _, _)| a.request_id == r.id)
                .map(advice_view)
                .collect();
            let all_published = mine.iter().all(|a| a.published_at.is_some());
            AdviceRequest {
                id: r.id.to_string(),
                subject: r.subject,
                question: r.question,
                requested_by: r.requested_by,
                documents: r.documents,
                deadline: r.deadline.to_string(),
                status: rules::status(r.deadline, today, all_published),
                created_at: r.created_at.to_rfc3339(),
                advice: mine,
            }
        })
        .collect())
}

fn detail(conn: &mut PgConnection, id: Uuid) -> Result<AdviceRequest, AppError> {
    let row = q::request_by_id(conn, id)?
        .ok_or_else(|| AppError::NotFound("no such advice request".to_owned()))?;
    request_views(conn, vec![row])?
        .pop()
        .ok_or_else(|| AppError::Internal("a request without its view".to_owned()))
}

fn refused(refusal: Refusal, field: &str) -> AppError {
    if refusal.is_conflict() {
        AppError::Conflict(refusal.message().to_owned())
    } else {
        // A rule of the domain about the value in its context (a deadline 7 to 366 days
        // from today): 422.
        AppError::field(field, "outcome", refusal.message())
    }
}

/// Who speaks for the city on advice: administrators, programme administrators, service staff.
fn speaks_for_city(p: &Principal) -> bool {
    p.is_admin() || p.has_role(Role::ProgrammeAdmin) || p.has_role(Role::ServiceStaff)
}

/// Who speaks for a council: its `council_staff` and administrators.
fn speaks_for_council(p: &Principal, council: Uuid) -> bool {
    p.is_admin()
        || p.roles
            .iter()
            .any(|(r, _)| r.role == Role::CouncilStaff && r.scope_id == Some(council))
}

/// The request and the council's part of it (locked), or 404.
fn asked(
    conn: &mut PgConnection,
    id: Uuid,
    council: Uuid,
) -> Result<(RequestRow, AdviceRow), AppError> {
    let request = q::request_by_id(conn, id)?
        .ok_or_else(|| AppError::NotFound("no such advice request".to_owned()))?;
    let advice = q::advice_for_update(conn, id, council)?.ok_or_else(|| {
        AppError::NotFound("this council was not asked for advice on this request".to_owned())
    })?;
    Ok((request, advice))
}

/// The caller, who must speak for the council `key`, and the council's part of request `id`.
fn for_council(
    conn: &mut PgConnection,
    caller: UserCaller,
    id: Uuid,
    key: &str,
) -> Result<(Principal, CouncilRow, RequestRow, AdviceRow), AppError> {
    let p = Principal::load(conn, caller)?;
    let council = council_of(conn, key)?;
    if !speaks_for_council(&p, council.id) {
        return Err(AppError::Forbidden(
            "only the council's staff publish or attach its advice".to_owned(),
        ));
    }
    let (request, advice) = asked(conn, id, council.id)?;
    Ok((p, council, request, advice))
}

fn council_of(conn: &mut PgConnection, key: &str) -> Result<CouncilRow, AppError> {
    q::council_by_key(conn, key)?
        .map(|(c, _)| c)
        .ok_or_else(|| AppError::NotFound("no such advisory council".to_owned()))
}

/// Advisory councils
///
/// The councils the gemeenteraad recognises, in the city's order, with their support contact
/// and how many advice requests each was asked.
#[utoipa::path(
    tag = "councils",
    security(()),
    responses((status = 200, description = "The councils", body = Vec<AdvisoryCouncil>))
)]
#[get("/advisory-councils")]
pub async fn list_advisory_councils(
    state: web::Data<AppState>,
) -> Result<web::Json<Vec<AdvisoryCouncil>>, AppError> {
    state
        .with_conn(|conn| {
            Ok(web::Json(
                q::councils(conn)?.into_iter().map(council_view).collect(),
            ))
        })
        .await
}

/// An advisory council
///
/// The council with its kind, description, support contact and number of requests.
#[utoipa::path(
    tag = "councils",
    security(()),
    params(("key" = String, Path, description = "The council's key", example = "jeugdraad")),
    responses(
        (status = 200, description = "The council", body = AdvisoryCouncil),
        (status = 404, description = "No such council", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/advisory-councils/{key}")]
pub async fn get_advisory_council(
    state: web::Data<AppState>,
    key: web::Path<String>,
) -> Result<web::Json<AdvisoryCouncil>, AppError> {
    let key = key.into_inner();
    state
        .with_conn(move |conn| {
            q::council_by_key(conn, &key)?
                .map(|c| web::Json(council_view(c)))
                .ok_or_else(|| AppError::NotFound("no such advisory council".to_owned()))
        })
        .await
}

/// Describe a council
///
/// Administrators set a council's description and its support contact at the city.
#[utoipa::path(
    tag = "councils",
    security(("bearer" = [])),
    params(("key" = String, Path, description = "The council's key", example = "jeugdraad")),
    request_body = UpdateCouncil,
    responses(
        (status = 200, description = "The council", body = AdvisoryCouncil),
        (status = 400, description = "A field is invalid", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such council", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/advisory-councils/{key}", wrap = "from_fn(gate::admin)")]
pub async fn update_advisory_council(
    caller: UserCaller,
    state: web::Data<AppState>,
    key: web::Path<String>,
    body: web::Json<UpdateCouncil>,
) -> Result<web::Json<AdvisoryCouncil>, AppError> {
    let body = body.into_inner();
    body.validate()?;
    let key = key.into_inner();
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            if !p.is_admin() {
                return Err(AppError::Forbidden(
                    "only administrators describe a council".to_owned(),
                ));
            }
            let council = council_of(conn, &key)?;
            let trimmed = |v: &Option<String>| {
                v.as_deref()
                    .map(str::trim)
                    .filter(|v| !v.is_empty())
                    .map(str::to_owned)
            };
            let (name, email) = (trimmed(&body.contact_name), trimmed(&body.contact_email));
            q::update_council(
                conn,
                council.id,
                (body.description.trim(), name.as_deref(), email.as_deref()),
                p.user.id,
            )?;
            q::council_by_key(conn, &key)?
                .map(|c| web::Json(council_view(c)))
                .ok_or_else(|| AppError::NotFound("no such advisory council".to_owned()))
        })
        .await
}

/// Advice requests
///
/// Requests newest first, to every council or to one, each with the councils asked, their
/// advice and the city's response.
#[utoipa::path(
    tag = "councils",
    security(()),
    params(AdviceRequestQuery),
    responses(
        (status = 200, description = "A page of advice requests", body = AdviceRequestPage),
        (status = 400, description = "A bad page size or cursor", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such council", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/advice-requests")]
pub async fn list_advice_requests(
    state: web::Data<AppState>,
    query: Query<AdviceRequestQuery>,
) -> Result<web::Json<AdviceRequestPage>, AppError> {
    let query = query.into_inner();
    query.validate()?;
    let after = page::position(query.cursor.as_deref())?;
    let limit = page::limit(query.limit);
    state
        .with_conn(move |conn| {
            let council = match query.council.as_deref() {
                Some(key) => Some(council_of(conn, key)?.id),
                None => None,
            };
            let rows = q::requests(conn, council, after, limit + 1)?;
            let page = page::cut(rows, limit, |r| (r.created_at, r.id));
            let next = page.next_cursor.clone();
            let items = request_views(conn, page.items)?;
            Ok(web::Json(AdviceRequestPage::new(items, next)))
        })
        .await
}

/// A new advice request's deadline, after its fields are checked on their own (the deadline at
/// least the legal minimum away, documents as links).
fn request_deadline(body: &NewAdviceRequest) -> Result<NaiveDate, AppError> {
    body.validate()?;
    let deadline = crate::local_time::day("deadline", &body.deadline)?;
    rules::check_deadline(deadline, today()).map_err(|r| refused(r, "deadline"))?;
    for (i, d) in body.documents.iter().enumerate() {
        let ok =
            (d.starts_with("https://") || d.starts_with("http://")) && d.chars().count() <= 500;
        if !ok {
            return Err(AppError::field(
                &format!("documents[{i}]"),
                "invalid",
                "must be a link (http or https), at most 500 characters",
            ));
        }
    }
    Ok(deadline)
}

/// Ask councils for advice
///
/// A city service (administrators, programme administrators, service staff) publishes a
/// request: subject, question, who asks, links to the documents, the councils asked and the
/// deadline (a week to a year ahead). It is public at once, so the councils and everyone see
/// what is coming; each council's support contact is mailed.
#[utoipa::path(
    tag = "councils",
    security(("bearer" = [])),
    request_body = NewAdviceRequest,
    responses(
        (status = 201, description = "Published", body = AdviceRequest,
            headers(("Location" = String, description = "The new request"))),
        (status = 400, description = "A field is invalid: subject, question, documents, deadline or an unknown council", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff who speak for the city", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/advice-requests", wrap = "from_fn(gate::city_role)")]
pub async fn create_advice_request(
    caller: UserCaller,
    state: web::Data<AppState>,
    body: web::Json<NewAdviceRequest>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    let link_base = state.public_url().to_owned();
    let request = state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            if !speaks_for_city(&p) {
                return Err(AppError::Forbidden(
                    "only staff who speak for the city ask councils for advice".to_owned(),
                ));
            }
            let deadline = request_deadline(&body)?;
            let mut councils = Vec::new();
            for (i, key) in body.councils.iter().enumerate() {
                let council = q::council_by_key(conn, key)?
                    .map(|(c, _)| c)
                    .ok_or_else(|| {
                        AppError::field(
                            &format!("councils[{i}]"),
                            "unknown",
                            "is not an advisory council",
                        )
                    })?;
                if !councils.iter().any(|c: &CouncilRow| c.id == council.id) {
                    councils.push(council);
                }
            }
            let now = Utc::now();
            let row = RequestRow {
                id: Uuid::now_v7(),
                subject: body.subject.trim().to_owned(),
                question: body.question.trim().to_owned(),
                requested_by: body.requested_by.trim().to_owned(),
                documents: body.documents.clone(),
                deadline,
                created_by: Some(p.user.id),
                created_at: now,
                updated_at: now,
            };
            q::create_request(
                conn,
                &row,
                &councils.iter().map(|c| c.id).collect::<Vec<_>>(),
            )?;
            let link = format!("{link_base}/advice/{}", row.id);
            for c in &councils {
                if let Some(to) = &c.contact_email {
                    let m = mail::advice_requested(
                        &c.name,
                        &row.subject,
                        &row.deadline.to_string(),
                        &link,
                    );
                    outbox::queue(conn, None, to, m.template, &m.subject, &m.body)?;
                }
                let by = row.deadline.format("%d/%m/%Y");
                council_news(
                    conn,
                    &link_base,
                    (c.id, row.id),
                    (
                        format!(
                            "adviesvraag \u{201c}{}\u{201d}, advies ten laatste op {by}",
                            row.subject
                        ),
                        format!("advice asked on \u{201c}{}\u{201d}, due {by}", row.subject),
                    ),
                    p.user.id,
                )?;
            }
            detail(conn, row.id)
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((
            header::LOCATION,
            format!("/api/v1/advice-requests/{}", request.id),
        ))
        .json(request))
}

/// An advice request
///
/// The request with the councils asked, each council's advice once published and what the city
/// did with it, with the reason.
#[utoipa::path(
    tag = "councils",
    security(()),
    params(("id" = String, Path, description = "Request id (UUID)")),
    responses(
        (status = 200, description = "The request with each council's advice and the city's response", body = AdviceRequest),
        (status = 404, description = "No such request", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/advice-requests/{id}")]
pub async fn get_advice_request(
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<web::Json<AdviceRequest>, AppError> {
    let id = parse_id(&id, "advice request")?;
    state
        .with_conn(move |conn| detail(conn, id).map(web::Json))
        .await
}

/// Publish a council's advice
///
/// The council's staff (`council_staff` of that council) or an administrator publish its
/// advice, once, on or before the deadline: the text and a link to the document. Whoever asked
/// is mailed.
#[utoipa::path(
    tag = "councils",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "Request id (UUID)"),
        ("council" = String, Path, description = "The council's key", example = "jeugdraad"),
    ),
    request_body = PublishAdvice,
    responses(
        (status = 200, description = "The request with the advice", body = AdviceRequest),
        (status = 400, description = "The text or link is invalid", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff of this council", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such request, or the council was not asked", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Published already, or the deadline has passed", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post(
    "/advice-requests/{id}/advice/{council}",
    wrap = "from_fn(gate::city_role)"
)]
pub async fn publish_advice(
    caller: UserCaller,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    body: web::Json<PublishAdvice>,
) -> Result<web::Json<AdviceRequest>, AppError> {
    let (id, key) = path.into_inner();
    let id = parse_id(&id, "advice request")?;
    let body = body.into_inner();
    let link_base = state.public_url().to_owned();
    state
        .transaction(move |conn| {
            let (p, council, request, advice) = for_council(conn, caller, id, &key)?;
            body.validate()?;
            rules::may_publish(request.deadline, today(), advice.published_at.is_some())
                .map_err(|r| refused(r, "text"))?;
            let url = body
                .document_url
                .as_deref()
                .map(str::trim)
                .filter(|u| !u.is_empty());
            q::publish(
                conn,
                (id, council.id),
                (body.text.trim(), url),
                p.user.id,
                Utc::now(),
            )?;
            if let Some(asker) = request.created_by
                && let Some(user) = accounts_q::user_by_id(conn, asker)?
                && let Some(to) = &user.email
            {
                let m = mail::advice_published(
                    &council.name,
                    &request.subject,
                    &format!("{link_base}/advice/{id}"),
                );
                outbox::queue(conn, Some(asker), to, m.template, &m.subject, &m.body)?;
            }
            council_news(
                conn,
                &link_base,
                (council.id, id),
                (
                    format!(
                        "advies gepubliceerd over \u{201c}{}\u{201d}",
                        request.subject
                    ),
                    format!("advice published on \u{201c}{}\u{201d}", request.subject),
                ),
                p.user.id,
            )?;
            detail(conn, id).map(web::Json)
        })
        .await
}

/// The largest advice document (10 MiB).
const MAX_DOCUMENT_BYTES: usize = 10 * 1024 * 1024;

/// Attach the advice as a document
///
/// The council's staff attach its published advice as a PDF (the body, at most 10 MiB), kept by
/// Samenstad: the advice's `document_url` becomes its link. Until the city has responded; a new
/// document replaces the previous one.
#[utoipa::path(
    tag = "councils",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "Request id (UUID)"),
        ("council" = String, Path, description = "The council's key", example = "jeugdraad"),
        ("Content-Type" = String, Header, description = "`application/pdf`"),
    ),
    request_body(
        description = "The advice as a PDF, at most 10 MiB",
        content((FileBytes = "application/pdf")),
    ),
    responses(
        (status = 200, description = "The request with the advice and its document", body = AdviceRequest),
        (status = 400, description = "Empty body", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff of this council", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such request, or the council was not asked", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The advice is not published yet, or the city responded already", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Larger than 10 MiB", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not a PDF, or not the declared type", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put(
    "/advice-requests/{id}/advice/{council}/document",
    wrap = "from_fn(gate::city_role)"
)]
pub async fn put_advice_document(
    caller: UserCaller,
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<(String, String)>,
    payload: web::Payload,
) -> Result<web::Json<AdviceRequest>, AppError> {
    let (id, key) = path.into_inner();
    let id = parse_id(&id, "advice request")?;
    let upload = crate::upload::read(
        &req,
        payload,
        &["application/pdf"],
        MAX_DOCUMENT_BYTES,
        "the advice as application/pdf",
    )
    .await?;
    let files = format!("{}/api/v1/files/", state.public_url());
    state
        .transaction(move |conn| {
            let (p, council, _, advice) = for_council(conn, caller, id, &key)?;
            // Attachable from publication until the city responds (the response answers it).
            rules::may_respond(advice.published_at.is_some(), advice.response.is_some())
                .map_err(|r| refused(r, "document"))?;
            let previous = advice
                .document_url
                .as_deref()
                .and_then(|u| u.strip_prefix(&files))
                .and_then(|f| f.parse::<Uuid>().ok());
            let file = upload.keep(conn, p.user.id)?;
            q::set_document(
                conn,
                (id, council.id),
                (&format!("{files}{file}"), file, previous),
                p.user.id,
                Utc::now(),
            )?;
            detail(conn, id).map(web::Json)
        })
        .await
}

/// Respond to a council's advice
///
/// The city records what it did with a council's published advice: followed, partly followed
/// or not followed, always with the reason (the terugkoppeling the councils asked for). Once; the
/// council's support contact is mailed.
#[utoipa::path(
    tag = "councils",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "Request id (UUID)"),
        ("council" = String, Path, description = "The council's key", example = "jeugdraad"),
    ),
    request_body = RespondToAdvice,
    responses(
        (status = 200, description = "The request with the response", body = AdviceRequest),
        (status = 400, description = "The response or reason is invalid", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff who speak for the city", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such request, or the council was not asked", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "No advice yet, or responded already", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post(
    "/advice-requests/{id}/advice/{council}/response",
    wrap = "from_fn(gate::city_role)"
)]
pub async fn respond_to_advice(
    caller: UserCaller,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    body: web::Json<RespondToAdvice>,
) -> Result<web::Json<AdviceRequest>, AppError> {
    let (id, key) = path.into_inner();
    let id = parse_id(&id, "advice request")?;
    let body = body.into_inner();
    let link_base = state.public_url().to_owned();
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            if !speaks_for_city(&p) {
                return Err(AppError::Forbidden(
                    "only staff who speak for the city respond to advice".to_owned(),
                ));
            }
            body.validate()?;
            let council = council_of(conn, &key)?;
            let (request, advice) = asked(conn, id, council.id)?;
            rules::may_respond(advice.published_at.is_some(), advice.response.is_some())
                .map_err(|r| refused(r, "response"))?;
            q::respond(
                conn,
                (id, council.id),
                (body.response, body.reason.trim()),
                p.user.id,
                Utc::now(),
            )?;
            if let Some(to) = &council.contact_email {
                let m = mail::advice_answered(
                    &council.name,
                    &request.subject,
                    &format!("{link_base}/advice/{id}"),
                );
                outbox::queue(conn, None, to, m.template, &m.subject, &m.body)?;
            }
            let (nl, en) = match body.response {
                AdviceResponse::Followed => ("gevolgd", "followed"),
                AdviceResponse::PartlyFollowed => ("deels gevolgd", "partly followed"),
                AdviceResponse::NotFollowed => ("niet gevolgd", "not followed"),
            };
            council_news(
                conn,
                &link_base,
                (council.id, id),
                (
                    format!(
                        "de stad heeft het advies over \u{201c}{}\u{201d} {nl}",
                        request.subject
                    ),
                    format!(
                        "the city {en} the advice on \u{201c}{}\u{201d}",
                        request.subject
                    ),
                ),
                p.user.id,
            )?;
            detail(conn, id).map(web::Json)
        })
        .await
}

/// Advice deadlines as iCal
///
/// The deadlines of the advice requests from 30 days ago on, as all-day events, to subscribe
/// to in a calendar.
#[utoipa::path(
    tag = "councils",
    security(()),
    responses(
        (status = 200, description = "iCalendar", content_type = "text/calendar", body = String,
         example = json!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n…\r\nEND:VCALENDAR\r\n")),
    )
)]
#[get("/advice-requests/deadlines.ics")]
pub async fn advice_deadlines_ics(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    use icalendar::{Calendar, Component, Event, EventLike};
    let from = today() - chrono::Duration::days(30);
    let rows = state
        .with_conn(move |conn| Ok(q::deadlines_from(conn, from)?))
        .await?;
    let link_base = state.public_url().to_owned();
    let mut calendar = Calendar::new();
    calendar.name("Samenstad – adviesvragen");
    for r in rows {
        calendar.push(
            Event::new()
                .uid(&format!("advice-{}@samenstad", r.id))
                .summary(&format!("Deadline advies: {}", r.subject))
                .description(&format!(
                    "Gevraagd door {}. {link_base}/advice/{}",
                    r.requested_by, r.id
                ))
                .all_day(r.deadline)
                .done(),
        );
    }
    Ok(HttpResponse::Ok()
        .content_type("text/calendar; charset=utf-8")
        .body(calendar.done().to_string()))
}
