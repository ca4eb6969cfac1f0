//! The caller's own account: view, change, its open sessions, export, erase.

use actix_web::{HttpResponse, delete, get, patch, post, web};
use samenstad_db::queries::accounts as q;
use samenstad_db::queries::audit::{self, NewAudit};
use samenstad_db::queries::follows as follows_q;
use samenstad_db::queries::{organisations, outbox};
use samenstad_types::Problem;
use samenstad_types::account::{
    DeleteMe, Me, MeExport, PersonalRecords, SessionInfo, SessionsEnded, UpdateMe,
};
use serde_json::json;
use utoipa_actix_web::service_config::ServiceConfig;
use validator::Validate;

use crate::auth::UserCaller;
use crate::error::AppError;
use crate::principal::{Principal, me, parse_id};
use crate::routes::admin_common::{audit_view, mail_view};
use crate::state::AppState;

/// Registers the handlers of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(get_me)
        .service(update_me)
        .service(export_me)
        .service(list_sessions)
        .service(end_other_sessions)
        .service(end_session)
        .service(delete_me);
}

/// My sessions
///
/// Where the account is logged in: each browser or app since its login, newest first, with
/// the session of this request marked `current`.
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The open sessions", body = Vec<SessionInfo>),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "API clients have no account", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/me/sessions")]
pub async fn list_sessions(
    caller: UserCaller,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let current = caller.session;
    let sessions: Vec<SessionInfo> = state
        .with_conn(move |conn| {
            let p = Principal::load(conn, caller)?;
            Ok(q::open_sessions(conn, p.user.id)?
                .into_iter()
                .map(|s| SessionInfo {
                    id: s.family_id.to_string(),
                    started_at: s.started_at.to_rfc3339(),
                    renewed_at: s.renewed_at.to_rfc3339(),
                    expires_at: s.expires_at.to_rfc3339(),
                    current: Some(s.family_id) == current,
                })
                .collect())
        })
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(sessions))
}

/// Sign out everywhere else
///
/// Ends every session of the account but the one of this request: those browsers and apps can
/// no longer renew their access (an access token already handed out lasts its last minutes).
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "How many sessions ended", body = SessionsEnded),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "API clients have no account", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/me/sessions/end-others")]
pub async fn end_other_sessions(
    caller: UserCaller,
    state: web::Data<AppState>,
) -> Result<web::Json<SessionsEnded>, AppError> {
    let keep = caller.session;
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let ended = q::end_sessions_except(conn, p.user.id, keep)?;
            audit::record(
                conn,
                NewAudit::by(Some(p.user.id), "auth.sessions_ended")
                    .on("user", p.user.id)
                    .details(json!({"ended": ended})),
            )?;
            Ok(SessionsEnded { ended })
        })
        .await
        .map(web::Json)
}

/// End a session
///
/// Signs one session of the account out (a lost phone, a shared computer).
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Session id (from `GET /me/sessions`)")),
    responses(
        (status = 204, description = "Ended"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "API clients have no account", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No open session of this account has this id", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/me/sessions/{id}")]
pub async fn end_session(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&id, "session")?;
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            if !q::end_session(conn, p.user.id, id)? {
                return Err(AppError::NotFound("no open session has this id".to_owned()));
            }
            audit::record(
                conn,
                NewAudit::by(Some(p.user.id), "auth.session_ended")
                    .on("user", p.user.id)
                    .details(json!({"session": id.to_string()})),
            )?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Who am I
///
/// The logged-in person with roles and organisations.
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The account", body = Me),
        (status = 403, description = "API clients have no account", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/me")]
pub async fn get_me(
    caller: UserCaller,
    state: web::Data<AppState>,
) -> Result<web::Json<Me>, AppError> {
    state
        .with_conn(move |conn| {
            let p = Principal::load(conn, caller)?;
            me(conn, &p.user, &p.roles)
        })
        .await
        .map(web::Json)
}

/// Change my name or language
///
/// Updates the display name and/or the preferred language of the caller.
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    request_body = UpdateMe,
    responses(
        (status = 200, description = "The updated account", body = Me),
        (status = 400, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "API clients have no account", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/me")]
pub async fn update_me(
    caller: UserCaller,
    state: web::Data<AppState>,
    body: web::Json<serde_json::Value>,
) -> Result<web::Json<Me>, AppError> {
    // Every field is optional, so serde would also read a JSON array as this struct: only an
    // object is a change.
    if !body.is_object() {
        return Err(AppError::BadRequest(
            "the body must be a JSON object".to_owned(),
        ));
    }
    let body: UpdateMe = serde_json::from_value(body.into_inner())
        .map_err(|e| AppError::BadRequest(format!("invalid JSON body: {e}")))?;
    body.validate()?;
    state
        .transaction(move |conn| {
            let mut p = Principal::load(conn, caller)?;
            let name = body
                .display_name
                .as_deref()
                .map(str::trim)
                .unwrap_or(&p.user.display_name)
                .to_owned();
            let lang = body
                .preferred_language
                .map(|l| l.as_str().to_owned())
                .unwrap_or(p.user.preferred_language.clone());
            q::update_profile(conn, p.user.id, &name, &lang)?;
            audit::record(
                conn,
                NewAudit::by(Some(p.user.id), "user.updated").on("user", p.user.id),
            )?;
            p.user.display_name = name;
            p.user.preferred_language = lang;
            me(conn, &p.user, &p.roles)
        })
        .await
        .map(web::Json)
}

/// Export my data
///
/// Everything Samenstad stores about the caller, as JSON (GDPR articles 15 and 20): the
/// account, sessions (without token values), mails, invitations and audit entries.
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "All personal data of the caller", body = MeExport,
            headers(("Content-Disposition" = String, description = "attachment; filename=\"samenstad-export.json\""))),
        (status = 403, description = "API clients have no account", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/me/export")]
pub async fn export_me(
    caller: UserCaller,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let export = state
        .with_conn(move |conn| {
            let p = Principal::load(conn, caller)?;
            let account = me(conn, &p.user, &p.roles)?;
            let sessions = q::sessions_of(conn, p.user.id)?
                .into_iter()
                .map(|s| {
                    json!({
                        "issued_at": s.issued_at.to_rfc3339(),
                        "expires_at": s.expires_at.to_rfc3339(),
                        "rotated_at": s.rotated_at.map(|t| t.to_rfc3339()),
                        "revoked_at": s.revoked_at.map(|t| t.to_rfc3339()),
                    })
                })
                .collect();
            let mails = outbox::of_user(conn, p.user.id)?.iter().map(mail_view).collect();
            let email = p.user.email.clone().unwrap_or_default();
            // Invitations to the address only once it is the caller's (verified): anyone can
            // register with a stranger's address.
            let invitations = if p.user.email_verified_at.is_some() {
                organisations::invitations_to(conn, &email)?
            } else {
                Vec::new()
            };
            let invitations = invitations
                .into_iter()
                .map(|(org, role, created, accepted)| {
                    json!({"organisation_id": org.to_string(), "role": role, "created_at": created.to_rfc3339(),
                           "accepted_at": accepted.map(|t| t.to_rfc3339())})
                })
                .collect();
            let audit = audit::involving(conn, p.user.id)?.iter().map(audit_view).collect();
            let signals = samenstad_db::queries::signals::reported_by(conn, p.user.id)?
                .into_iter()
                .map(|s| {
                    json!({"id": s.id.to_string(), "category": s.category, "description": s.description,
                           "lat": s.lat, "lon": s.lon, "address": s.address, "show_name": s.show_name,
                           "status": s.status, "created_at": s.created_at.to_rfc3339()})
                })
                .collect();
            let follows = crate::notify::follows_of(conn, &p.user.id, &p.user.preferred_language)?;
            let digest_lines_waiting = follows_q::waiting_lines(conn, p.user.id)?;
            let records = samenstad_db::queries::privacy::records_about(conn, p.user.id)?
                .into_iter()
                .map(|g| PersonalRecords {
                    table: g.table,
                    column: g.column,
                    rows: g.rows,
                })
                .collect();
            Ok(MeExport {
                account,
                created_at: p.user.created_at.to_rfc3339(),
                email_verified_at: p.user.email_verified_at.map(|t| t.to_rfc3339()),
                password_changed_at: p.user.password_changed_at.to_rfc3339(),
                sessions,
                mails,
                invitations,
                audit,
                signals,
                follows,
                digest_lines_waiting,
                records,
            })
        })
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((
            "Content-Disposition",
            "attachment; filename=\"samenstad-export.json\"",
        ))
        .insert_header(("Cache-Control", "no-store"))
        .json(export))
}

/// Erase my account
///
/// Needs the password. Removes the e-mail address, name, password, sessions, mails, roles,
/// memberships and invitations; the audit log keeps only the anonymous account id.
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    request_body = DeleteMe,
    responses(
        (status = 204, description = "The account is erased"),
        (status = 400, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in, or wrong password", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "API clients have no account", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/me")]
pub async fn delete_me(
    caller: UserCaller,
    state: web::Data<AppState>,
    body: web::Json<DeleteMe>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    body.validate()?;
    let p = state
        .with_conn(move |conn| Principal::load(conn, caller))
        .await?;
    if !state
        .auth
        .verify_password(body.password, p.user.password_hash.clone())
        .await?
    {
        return Err(AppError::Unauthorized("the password is wrong".to_owned()));
    }
    state
        .transaction(move |conn| {
            let user = q::user_by_id_for_update(conn, p.user.id)?
                .ok_or_else(|| AppError::Unauthorized("gone".to_owned()))?;
            q::erase_user(conn, &user)?;
            follows_q::forget(conn, user.id)?;
            audit::record(
                conn,
                NewAudit::by(Some(user.id), "user.erased").on("user", user.id),
            )
            .map_err(AppError::from)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
