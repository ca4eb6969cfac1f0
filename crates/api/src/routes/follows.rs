//! What a resident follows and how they hear of it (at once or in the weekly digest), and the
//! unsubscribe link of every notification mail, which works without logging in. Sending is in
//! `crate::notify`.

use actix_web::{HttpResponse, delete, get, patch, post, web};
use samenstad_db::PgConnection;
use samenstad_db::queries::audit::{self, NewAudit};
use samenstad_db::queries::follows::{self as q, Target};
use samenstad_types::Problem;
use samenstad_types::follows::{
    Follow, FollowKind, FollowMode, NewFollow, SetFollowMode, UnsubscribeToken, Unsubscription,
};
use serde_json::json;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use crate::auth::UserCaller;
use crate::error::AppError;
use crate::notify::{self, Unsubscribe};
use crate::principal::{Principal, parse_id};
use crate::query::Query;
use crate::state::AppState;

/// Registers the handlers of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_follows)
        .service(create_follow)
        .service(update_follow)
        .service(delete_follow)
        .service(read_unsubscribe)
        .service(unsubscribe);
}

const KINDS: &str = "must be wijk, idea, signal, vote or council";
const MODES: &str = "must be immediate or weekly";

fn one(conn: &mut PgConnection, id: Uuid, lang: &str) -> Result<Follow, AppError> {
    q::line(conn, id, lang)?
        .map(notify::follow_view)
        .ok_or_else(|| AppError::NotFound("no such follow".to_owned()))
}

/// The caller's follow `id` (another account's is not found).
fn own(conn: &mut PgConnection, p: &Principal, id: Uuid) -> Result<q::FollowRow, AppError> {
    q::by_id(conn, id)?
        .filter(|f| f.user_id == p.user.id)
        .ok_or_else(|| AppError::NotFound("no such follow".to_owned()))
}

/// What I follow
///
/// Wijken, ideas, signals, votes and advisory councils the caller follows, newest first, with
/// how each is mailed.
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The caller's follows", body = Vec<Follow>),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "API clients have no account", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/me/follows")]
pub async fn list_follows(
    caller: UserCaller,
    state: web::Data<AppState>,
) -> Result<web::Json<Vec<Follow>>, AppError> {
    state
        .with_conn(move |conn| {
            let p = Principal::load(conn, caller)?;
            notify::follows_of(conn, &p.user.id, &p.user.preferred_language)
        })
        .await
        .map(web::Json)
}

/// Follow something
///
/// The caller follows a wijk (by id, slug or number), an idea, a signal, a vote or an advisory
/// council (by id or key), and hears of each change at once (`immediate`, the default) or in the
/// digest mailed on Monday morning (`weekly`). Following again sets the mode and answers 200.
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    request_body = NewFollow,
    responses(
        (status = 201, description = "Followed", body = Follow),
        (status = 200, description = "Followed already; the mode is set", body = Follow),
        (status = 400, description = "Unknown kind or mode", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "API clients have no account", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Nothing of that kind has this id", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/me/follows")]
pub async fn create_follow(
    caller: UserCaller,
    state: web::Data<AppState>,
    body: web::Json<NewFollow>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    body.validate()?;
    let kind = AppError::one_of::<FollowKind>(Some(&body.kind), "kind", KINDS)?
        .unwrap_or(FollowKind::Wijk);
    let mode = AppError::one_of::<FollowMode>(body.mode.as_deref(), "mode", MODES)?
        .unwrap_or(FollowMode::Immediate);
    let (follow, created) = state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let id = q::resolve(conn, kind, &body.target)?.ok_or_else(|| {
                AppError::NotFound(format!("no {} `{}`", kind.as_str(), body.target))
            })?;
            let (row, created) = q::follow(conn, p.user.id, Target::new(kind, id), mode)?;
            if !created && row.mode != mode {
                q::set_mode(conn, row.id, mode)?;
            }
            Ok((one(conn, row.id, &p.user.preferred_language)?, created))
        })
        .await?;
    Ok(if created {
        HttpResponse::Created().json(follow)
    } else {
        HttpResponse::Ok().json(follow)
    })
}

/// Change how a follow is mailed
///
/// `immediate`: a mail at every change; `weekly`: a line in the digest mailed on Monday morning.
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Follow id (UUID)")),
    request_body = SetFollowMode,
    responses(
        (status = 200, description = "The follow with its new mode", body = Follow),
        (status = 400, description = "Unknown mode", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a follow of the caller", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/me/follows/{id}")]
pub async fn update_follow(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Json<SetFollowMode>,
) -> Result<web::Json<Follow>, AppError> {
    let id = parse_id(&id, "follow")?;
    let mode = AppError::one_of::<FollowMode>(Some(&body.mode), "mode", MODES)?
        .unwrap_or(FollowMode::Immediate);
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            own(conn, &p, id)?;
            q::set_mode(conn, id, mode)?;
            one(conn, id, &p.user.preferred_language)
        })
        .await
        .map(web::Json)
}

/// Stop following
///
/// Ends a follow; the lines of it waiting for the digest are dropped.
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Follow id (UUID)")),
    responses(
        (status = 204, description = "No longer followed"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a follow of the caller", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/me/follows/{id}")]
pub async fn delete_follow(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&id, "follow")?;
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            own(conn, &p, id)?;
            q::delete(conn, id)?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

fn checked(conn: &mut PgConnection, token: &str) -> Result<Unsubscribe, AppError> {
    notify::read(conn, token)?.ok_or_else(|| {
        AppError::field(
            "token",
            "unknown",
            "this unsubscribe link is not valid (was it cut off?)",
        )
    })
}

/// What the link stops, and whether mails about it still come.
fn describe(conn: &mut PgConnection, of: Unsubscribe) -> Result<Unsubscription, AppError> {
    let lang = samenstad_db::queries::accounts::user_by_id(conn, of.user)?
        .map_or_else(|| "nl".to_owned(), |u| u.preferred_language);
    Ok(match of.follow {
        None => Unsubscription {
            kind: None,
            title: if lang == "en" {
                "every notification"
            } else {
                "alle meldingen"
            }
            .to_owned(),
            following: !q::of_user(conn, of.user, &lang)?.is_empty(),
        },
        Some(id) => match q::line(conn, id, &lang)? {
            Some(line) => {
                let f = notify::follow_view(line);
                Unsubscription {
                    kind: Some(f.kind),
                    title: f.title,
                    following: true,
                }
            }
            None => Unsubscription {
                kind: None,
                title: if lang == "en" {
                    "this notification"
                } else {
                    "deze melding"
                }
                .to_owned(),
                following: false,
            },
        },
    })
}

/// Read an unsubscribe link
///
/// What the link of a notification mail stops, and whether mails about it still come. No login:
/// the token is signed by this installation.
#[utoipa::path(
    tag = "me",
    security(()),
    params(UnsubscribeToken),
    responses(
        (status = 200, description = "What the link stops", body = Unsubscription),
        (status = 400, description = "Not a valid unsubscribe token", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/unsubscribe")]
pub async fn read_unsubscribe(
    state: web::Data<AppState>,
    query: Query<UnsubscribeToken>,
) -> Result<web::Json<Unsubscription>, AppError> {
    let query = query.into_inner();
    query.validate()?;
    state
        .with_conn(move |conn| {
            let of = checked(conn, &query.token)?;
            describe(conn, of)
        })
        .await
        .map(web::Json)
}

/// Unsubscribe
///
/// Stops what the link of a notification mail names: one follow, or (the digest's link) every
/// follow of the account. No login: the token is signed by this installation. Using a link
/// again changes nothing.
#[utoipa::path(
    tag = "me",
    security(()),
    request_body = UnsubscribeToken,
    responses(
        (status = 200, description = "Stopped; `following` is false", body = Unsubscription),
        (status = 400, description = "Not a valid unsubscribe token", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/unsubscribe")]
pub async fn unsubscribe(
    state: web::Data<AppState>,
    body: web::Json<UnsubscribeToken>,
) -> Result<web::Json<Unsubscription>, AppError> {
    let body = body.into_inner();
    body.validate()?;
    state
        .transaction(move |conn| {
            let of = checked(conn, &body.token)?;
            let before = describe(conn, of)?;
            let stopped = match of.follow {
                Some(id) if q::by_id(conn, id)?.is_some_and(|f| f.user_id == of.user) => {
                    q::delete(conn, id)?
                }
                Some(_) => 0,
                None => q::delete_all(conn, of.user)?,
            };
            if stopped > 0 {
                audit::record(
                    conn,
                    NewAudit::by(Some(of.user), "follow.unsubscribed")
                        .on("user", of.user)
                        .details(json!({"follows": stopped, "all": of.follow.is_none()})),
                )?;
            }
            Ok(Unsubscription {
                following: false,
                ..before
            })
        })
        .await
        .map(web::Json)
}
