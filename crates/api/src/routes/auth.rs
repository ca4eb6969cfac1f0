//! Accounts and sessions: register, verify e-mail, log in, refresh, log out, passwords, and
//! client-credentials tokens for API clients.

use actix_web::cookie::{Cookie, SameSite, time::Duration as CookieDuration};
use actix_web::http::header;
use actix_web::{Either, HttpRequest, HttpResponse, post, web};
use chrono::{Duration, Utc};
use samenstad_db::PgConnection;
use samenstad_db::queries::accounts::{self as q, RefreshRow, UserRow};
use samenstad_db::queries::audit::{self, NewAudit};
use samenstad_db::queries::outbox;
use samenstad_types::Problem;
use samenstad_types::account::{
    ChangePassword, ClientCredentialsRequest, ClientToken, Language, LoginRequest, Me,
    PasswordResetConfirm, PasswordResetRequest, RefreshRequest, RegisterRequest, Session,
    TokenRequest,
};
use serde_json::json;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use crate::auth::{UserCaller, random_token, token_hash};
use crate::error::AppError;
use crate::mail;
use crate::principal::{Principal, me};
use crate::state::AppState;

/// Name of the refresh-token cookie.
pub const REFRESH_COOKIE: &str = "samenstad_refresh";
const COOKIE_PATH: &str = "/api/v1/auth";
/// How long after its use a rotated refresh token may still be presented, each time for another
/// new token of its session, before a reuse ends the session (Okta's "grace period for token
/// rotation"; Auth0's "reuse interval").
const REFRESH_REUSE_GRACE: Duration = Duration::seconds(20);

/// Registers the handlers of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(register)
        .service(verify_email)
        .service(login)
        .service(refresh)
        .service(logout)
        .service(change_password)
        .service(request_password_reset)
        .service(confirm_password_reset)
        .service(client_token);
}

fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

fn refresh_cookie(state: &AppState, value: &str) -> Cookie<'static> {
    Cookie::build(REFRESH_COOKIE, value.to_owned())
        .path(COOKIE_PATH)
        .http_only(true)
        .secure(state.auth.config.cookie_secure)
        .same_site(SameSite::Strict)
        .max_age(CookieDuration::days(state.auth.config.refresh_ttl_days))
        .finish()
}

fn removal_cookie(state: &AppState) -> Cookie<'static> {
    let mut cookie = refresh_cookie(state, "");
    cookie.make_removal();
    cookie
}

/// A refresh token's value and its family: the session it belongs to.
type NewRefresh = (String, Uuid);

/// Creates a refresh token in `family` (a new family, a new session, when `None`).
fn new_refresh(
    conn: &mut PgConnection,
    state: &AppState,
    user_id: Uuid,
    family: Option<Uuid>,
) -> Result<NewRefresh, AppError> {
    let token = random_token();
    let now = Utc::now();
    let family = family.unwrap_or_else(Uuid::now_v7);
    q::insert_refresh(
        conn,
        &RefreshRow {
            id: Uuid::now_v7(),
            user_id,
            family_id: family,
            token_hash: token_hash(&token),
            issued_at: now,
            expires_at: now + Duration::days(state.auth.config.refresh_ttl_days),
            rotated_at: None,
            revoked_at: None,
        },
    )?;
    Ok((token, family))
}

fn session_response(
    state: &AppState,
    (refresh_token, session): NewRefresh,
    user: Me,
) -> Result<HttpResponse, AppError> {
    let (access_token, expires_in) =
        state
            .auth
            .issue_access(user.id.clone(), String::new(), Some(session))?;
    let cookie = refresh_cookie(state, &refresh_token);
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .cookie(cookie)
        .json(Session {
            access_token,
            token_type: "Bearer".to_owned(),
            expires_in,
            refresh_token,
            user,
        }))
}

/// Uses a one-time link token; a wrong, used or expired one is a 404 on `token` (the request is
/// well formed; the link it names is not there).
fn take_link(conn: &mut PgConnection, token: &str, purpose: &str) -> Result<Uuid, AppError> {
    q::take_email_token(conn, &token_hash(token), purpose)?.ok_or_else(|| {
        AppError::field(
            "token",
            "unknown",
            "this link is invalid, already used or expired",
        )
    })
}

fn link(state: &AppState, path: &str, token: &str) -> String {
    format!("{}/{path}?token={token}", state.public_url())
}

/// Create an account
///
/// Creates an account and mails a link to verify the e-mail address (valid 48 hours). The
/// account can log in at once; some actions later require a verified address. An address that
/// has an account already gets the same answer (so nobody can test who uses Samenstad) and its
/// owner a mail that says so, with the links to log in and to choose a new password.
#[utoipa::path(
    tag = "auth",
    security(()),
    request_body = RegisterRequest,
    responses(
        (status = 201, description = "The account was created; a verification mail is queued", body = Me,
            headers(("Location" = String, description = "`/api/v1/me`"))),
        (status = 400, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Body is not JSON", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/register")]
pub async fn register(
    state: web::Data<AppState>,
    body: web::Json<RegisterRequest>,
) -> Result<HttpResponse, AppError> {
    let mut body = body.into_inner();
    body.email = body.email.trim().to_owned();
    body.validate()?;
    let email = normalise_email(&body.email);
    let hash = state.auth.hash_password(body.password).await?;
    let user = UserRow::new(
        email,
        hash,
        body.display_name.trim().to_owned(),
        body.preferred_language.as_str(),
    );
    let mail = mail::verify_email(
        body.preferred_language,
        &user.display_name,
        &link(&state, "verify-email", mail::TOKEN_SLOT),
    );
    let links = state.auth.links.clone();
    let exists = mail::account_exists(
        body.preferred_language,
        &format!("{}/login", state.public_url()),
        &format!("{}/forgot-password", state.public_url()),
    );
    let me = state
        .transaction(move |conn| {
            let to = user.email.clone().unwrap_or_default();
            // The same answer as for a new address: the account the request would have made.
            let answer = me(conn, &user, &[])?;
            if let Some(owner) = q::user_by_email(conn, &to)? {
                outbox::queue(
                    conn,
                    Some(owner.id),
                    &to,
                    exists.template,
                    &exists.subject,
                    &exists.body,
                )?;
                audit::record(
                    conn,
                    NewAudit::by(None, "user.registration_of_existing_address")
                        .on("user", owner.id),
                )?;
                return Ok(answer);
            }
            q::insert_user(conn, &user)?;
            let hash = mail::queue_one_time(conn, &links, Some(user.id), &to, &mail)?;
            q::insert_email_token(conn, user.id, "verify_email", &hash, Duration::hours(48))?;
            audit::record(
                conn,
                NewAudit::by(Some(user.id), "user.registered").on("user", user.id),
            )?;
            Ok(answer)
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, "/api/v1/me"))
        .json(me))
}

/// Verify an e-mail address
///
/// Uses the token of the link in the verification mail. A token works once and expires.
#[utoipa::path(
    tag = "auth",
    security(()),
    request_body = TokenRequest,
    responses(
        (status = 204, description = "The address is verified"),
        (status = 400, description = "The link is invalid, used or expired", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/verify-email")]
pub async fn verify_email(
    state: web::Data<AppState>,
    body: web::Json<TokenRequest>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    body.validate()?;
    state
        .transaction(move |conn| {
            let user_id = take_link(conn, &body.token, "verify_email")?;
            q::set_email_verified(conn, user_id)?;
            audit::record(
                conn,
                NewAudit::by(Some(user_id), "user.email_verified").on("user", user_id),
            )
            .map_err(AppError::from)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Log in
///
/// Returns a short-lived access token (≤ 15 minutes) and a refresh token, which is also set as
/// an `HttpOnly; Secure; SameSite=Strict` cookie for the web app. After too many failures for
/// one account from one address the answer is 429 with `Retry-After` until the window ends.
#[utoipa::path(
    tag = "auth",
    security(()),
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Logged in", body = Session,
            headers(("Set-Cookie" = String, description = "`samenstad_refresh` refresh token (HttpOnly, Secure, SameSite=Strict)"))),
        (status = 400, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Wrong e-mail or password", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many failed attempts; see `Retry-After`", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = i64, description = "Seconds until a new attempt is allowed"))),
    )
)]
#[post("/auth/login")]
pub async fn login(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Json<LoginRequest>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    body.validate()?;
    let email = normalise_email(&body.email);
    let ip = req
        .peer_addr()
        .map(|a| a.ip().to_string())
        .unwrap_or_default();
    let key = token_hash(&format!("{email}|{ip}"));
    let window = Duration::seconds(state.auth.config.login_window_s);
    let max = state.auth.config.login_max_failures;
    let (user, throttled) = {
        let key = key.clone();
        state
            .with_conn(move |conn| {
                let throttled = q::count_attempt(conn, &key, window, max)?;
                Ok((
                    q::user_by_email(conn, &email)?.filter(UserRow::is_active),
                    throttled,
                ))
            })
            .await?
    };
    if let Some(retry_after) = throttled {
        return Err(AppError::TooManyRequests(retry_after));
    }
    let account = user.as_ref().map(|u| u.id);
    let ok = state
        .auth
        .verify_password(
            body.password,
            user.as_ref().and_then(|u| u.password_hash.clone()),
        )
        .await?;
    let Some(user) = user.filter(|_| ok) else {
        state
            .transaction(move |conn| {
                let reason = if account.is_some() {
                    "wrong_password"
                } else {
                    "unknown_account"
                };
                let mut entry =
                    NewAudit::by(None, "auth.login_failed").details(json!({ "reason": reason }));
                if let Some(id) = account {
                    entry = entry.on("user", id);
                }
                audit::record(conn, entry).map_err(AppError::from)
            })
            .await?;
        return Err(AppError::Unauthorized(
            "the e-mail address or the password is wrong".to_owned(),
        ));
    };
    let state2 = state.clone();
    let (refresh_token, me) = state
        .transaction(move |conn| {
            q::clear_failures(conn, &key)?;
            let token = new_refresh(conn, &state2, user.id, None)?;
            audit::record(
                conn,
                NewAudit::by(Some(user.id), "auth.login").on("user", user.id),
            )?;
            let roles = q::roles_of(conn, user.id)?;
            Ok((token, me(conn, &user, &roles)?))
        })
        .await?;
    session_response(&state, refresh_token, me)
}

enum Rotation {
    Rotated(NewRefresh, Me),
    Refused(&'static str),
}

/// The refresh token of the optional JSON body, else of the cookie. A body that is present must
/// be JSON (415 otherwise) and readable (400 otherwise).
fn presented_refresh(req: &HttpRequest, body: &[u8]) -> Result<Option<String>, AppError> {
    // No body at all means none was sent; anything else (even whitespace) must be a JSON object.
    let from_body = if body.is_empty() {
        None
    } else {
        let json = req
            .headers()
            .get(actix_web::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| {
                v.trim_start()
                    .to_ascii_lowercase()
                    .starts_with("application/json")
            });
        if !json {
            return Err(AppError::UnsupportedMediaType(
                "send the body as application/json".to_owned(),
            ));
        }
        // Only an object: serde would also read a JSON array as this all-optional struct.
        let value: serde_json::Value = serde_json::from_slice(body)
            .map_err(|e| AppError::BadRequest(format!("invalid JSON body: {e}")))?;
        // JSON `null` is the optional body left out, as a generated client sends it.
        if value.is_null() {
            None
        } else if !value.is_object() {
            return Err(AppError::BadRequest(
                "the body must be a JSON object".to_owned(),
            ));
        } else {
            serde_json::from_value::<RefreshRequest>(value)
                .map_err(|e| AppError::BadRequest(format!("invalid JSON body: {e}")))?
                .refresh_token
        }
    };
    Ok(from_body
        .or_else(|| req.cookie(REFRESH_COOKIE).map(|c| c.value().to_owned()))
        .filter(|t| !t.is_empty()))
}

/// Refresh the session
///
/// Exchanges a refresh token (the cookie, or `refresh_token` in the body) for a new access
/// token and a new refresh token; the old one stops working. Within 20 seconds of its use it
/// may be presented again (a page left while its refresh was under way never received the new
/// token; two tabs may refresh at once) and gets another new one; presented later, it ends the
/// whole session family (token theft detection).
#[utoipa::path(
    tag = "auth",
    security(()),
    request_body(content = Option<RefreshRequest>, description = "Optional: the refresh token when not sent as cookie"),
    responses(
        (status = 200, description = "New tokens", body = Session),
        (status = 400, description = "A body that is not a JSON object with `refresh_token`", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Missing, unknown, expired, revoked or reused refresh token", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "A body that is not `application/json`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/refresh")]
pub async fn refresh(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let presented = presented_refresh(&req, &body)?
        .ok_or_else(|| AppError::Unauthorized("no refresh token".to_owned()))?;
    let state2 = state.clone();
    let outcome = state
        .transaction(move |conn| {
            let Some(row) = q::refresh_by_hash(conn, &token_hash(&presented))? else {
                return Ok(Rotation::Refused("unknown refresh token"));
            };
            if row.revoked_at.is_some() {
                return Ok(Rotation::Refused("this session has ended"));
            }
            // A token rotated moments ago may come back: a page left while its
            // refresh was under way never received the new cookie (the next page sends the old
            // one), and two tabs may refresh at once. Later, a reuse means a copy: the family
            // ends.
            let just_rotated = row
                .rotated_at
                .is_some_and(|at| Utc::now() - at <= REFRESH_REUSE_GRACE);
            if row.rotated_at.is_some() && !just_rotated {
                q::revoke_family(conn, row.family_id)?;
                audit::record(
                    conn,
                    NewAudit::by(Some(row.user_id), "auth.refresh_reuse_detected")
                        .on("user", row.user_id),
                )?;
                return Ok(Rotation::Refused(
                    "this refresh token was already used; the session has been ended",
                ));
            }
            if row.expires_at <= Utc::now() {
                return Ok(Rotation::Refused("the session has expired"));
            }
            let Some(user) = q::user_by_id(conn, row.user_id)?.filter(UserRow::is_active) else {
                return Ok(Rotation::Refused("the account no longer exists"));
            };
            if !just_rotated {
                q::mark_rotated(conn, row.id)?;
            }
            let token = new_refresh(conn, &state2, user.id, Some(row.family_id))?;
            let roles = q::roles_of(conn, user.id)?;
            Ok(Rotation::Rotated(token, me(conn, &user, &roles)?))
        })
        .await?;
    match outcome {
        Rotation::Rotated(token, me) => session_response(&state, token, me),
        Rotation::Refused(why) => {
            let mut res =
                actix_web::ResponseError::error_response(&AppError::Unauthorized(why.to_owned()));
            let _ = res.add_cookie(&removal_cookie(&state));
            Ok(res)
        }
    }
}

/// Log out
///
/// Ends the session of the presented refresh token (cookie or body) and clears the cookie.
/// Access tokens already issued expire on their own within 15 minutes.
#[utoipa::path(
    tag = "auth",
    security(()),
    request_body(content = Option<RefreshRequest>, description = "Optional: the refresh token when not sent as cookie"),
    responses(
        (status = 204, description = "Logged out (also when there was no session)"),
        (status = 400, description = "A body that is not a JSON object with `refresh_token`", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "A body that is not `application/json`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/logout")]
pub async fn logout(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    if let Some(presented) = presented_refresh(&req, &body)? {
        state
            .transaction(move |conn| {
                if let Some(row) = q::refresh_by_hash(conn, &token_hash(&presented))? {
                    q::revoke_family(conn, row.family_id)?;
                    audit::record(
                        conn,
                        NewAudit::by(Some(row.user_id), "auth.logout").on("user", row.user_id),
                    )?;
                }
                Ok(())
            })
            .await?;
    }
    Ok(HttpResponse::NoContent()
        .cookie(removal_cookie(&state))
        .finish())
}

/// Change the password
///
/// Needs the current password. Ends every session of the account (all refresh tokens are
/// revoked and access tokens issued before the change stop working); log in again.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    request_body = ChangePassword,
    responses(
        (status = 204, description = "The password was changed; all sessions ended"),
        (status = 400, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in, or the current password is wrong", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "API clients have no password", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/password")]
pub async fn change_password(
    caller: UserCaller,
    state: web::Data<AppState>,
    body: web::Json<ChangePassword>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    body.validate()?;
    let principal = state
        .with_conn(move |conn| Principal::load(conn, caller))
        .await?;
    let ok = state
        .auth
        .verify_password(body.current_password, principal.user.password_hash.clone())
        .await?;
    if !ok {
        return Err(AppError::Unauthorized(
            "the current password is wrong".to_owned(),
        ));
    }
    let hash = state.auth.hash_password(body.new_password).await?;
    let id = principal.user.id;
    state
        .transaction(move |conn| {
            q::set_password(conn, id, &hash)?;
            let ended = q::revoke_all_for_user(conn, id)?;
            audit::record(
                conn,
                NewAudit::by(Some(id), "user.password_changed")
                    .on("user", id)
                    .details(json!({ "sessions_ended": ended })),
            )
            .map_err(AppError::from)
        })
        .await?;
    Ok(HttpResponse::NoContent()
        .cookie(removal_cookie(&state))
        .finish())
}

/// Ask for a password reset
///
/// Mails a reset link (valid 1 hour) when an account has this address. The answer is the same
/// whether or not it exists, so it does not reveal who has an account.
#[utoipa::path(
    tag = "auth",
    security(()),
    request_body = PasswordResetRequest,
    responses(
        (status = 202, description = "If the address has an account, a mail is on its way"),
        (status = 400, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/password-reset")]
pub async fn request_password_reset(
    state: web::Data<AppState>,
    body: web::Json<PasswordResetRequest>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    body.validate()?;
    let email = normalise_email(&body.email);
    let state2 = state.clone();
    state
        .transaction(move |conn| {
            let Some(user) = q::user_by_email(conn, &email)?.filter(UserRow::is_active) else {
                return Ok(());
            };
            let lang = Language::parse(&user.preferred_language).unwrap_or_default();
            let mail = mail::reset_password(
                lang,
                &user.display_name,
                &link(&state2, "reset-password", mail::TOKEN_SLOT),
            );
            let hash =
                mail::queue_one_time(conn, &state2.auth.links, Some(user.id), &email, &mail)?;
            q::insert_email_token(conn, user.id, "reset_password", &hash, Duration::hours(1))?;
            audit::record(
                conn,
                NewAudit::by(None, "user.password_reset_requested").on("user", user.id),
            )?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::Accepted().finish())
}

/// Set a new password with a reset link
///
/// Uses the token of the reset mail once; ends every session of the account.
#[utoipa::path(
    tag = "auth",
    security(()),
    request_body = PasswordResetConfirm,
    responses(
        (status = 204, description = "The password was reset; log in with the new one"),
        (status = 400, description = "Invalid fields, or the link is invalid, used or expired", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/password-reset/confirm")]
pub async fn confirm_password_reset(
    state: web::Data<AppState>,
    body: web::Json<PasswordResetConfirm>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    body.validate()?;
    let hash = state.auth.hash_password(body.new_password).await?;
    state
        .transaction(move |conn| {
            let id = take_link(conn, &body.token, "reset_password")?;
            q::set_password(conn, id, &hash)?;
            q::revoke_all_for_user(conn, id)?;
            audit::record(
                conn,
                NewAudit::by(Some(id), "user.password_reset").on("user", id),
            )
            .map_err(AppError::from)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Get a token for an API client
///
/// OAuth 2.0 client credentials grant (RFC 6749 §4.4): exchange the client id and secret an
/// administrator gave you for an access token (≤ 15 minutes) with the client's scopes
/// (`read` by default). Send the form as `application/x-www-form-urlencoded` or JSON.
#[utoipa::path(
    tag = "auth",
    security(()),
    request_body(content(
        (ClientCredentialsRequest = "application/x-www-form-urlencoded"),
        (ClientCredentialsRequest = "application/json"),
    )),
    responses(
        (status = 200, description = "An access token", body = ClientToken),
        (status = 400, description = "Unsupported grant type or malformed request", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Unknown or revoked client, or wrong secret", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/token")]
pub async fn client_token(
    state: web::Data<AppState>,
    body: Either<web::Form<ClientCredentialsRequest>, web::Json<ClientCredentialsRequest>>,
) -> Result<HttpResponse, AppError> {
    let body = match body {
        Either::Left(form) => form.into_inner(),
        Either::Right(json) => json.into_inner(),
    };
    if body.grant_type != "client_credentials" {
        return Err(AppError::field(
            "grant_type",
            "unsupported",
            "only `client_credentials` is supported",
        ));
    }
    let client_id = body.client_id.clone();
    let client = state
        .with_conn(move |conn| Ok(q::api_client_by_client_id(conn, &client_id)?))
        .await?;
    let presented = token_hash(&body.client_secret);
    let client = client
        .filter(|c| c.revoked_at.is_none() && c.secret_hash == presented)
        .ok_or_else(|| AppError::Unauthorized("unknown client or wrong secret".to_owned()))?;
    let scope = client
        .scopes
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let (access_token, expires_in) =
        state
            .auth
            .issue_access(format!("client:{}", client.id), scope.clone(), None)?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(ClientToken {
            access_token,
            token_type: "Bearer".to_owned(),
            expires_in,
            scope,
        }))
}
