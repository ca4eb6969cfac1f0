//! Gates in front of staff operations. Who holds no city role is refused (401 without a login,
//! 403 for a resident) before the handler reads the path or the body, so the answer to a
//! resident does not depend on what they sent. The handler still decides about the object
//! itself (the wijk, scheme, venue, service or council it belongs to).
//!
//! A route names its gate in its attribute:
//! `#[post("/projects/votes", wrap = "from_fn(gate::city_role)")]`.

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{FromRequest, ResponseError, web};
use samenstad_types::account::Role;

use crate::auth::{Authenticated, Caller, UserCaller};
use crate::error::AppError;
use crate::principal::Principal;
use crate::state::AppState;

/// Operations for people with a city role: administrators, programme administrators, wijk
/// staff, venue managers, jury members, panel members, service staff and council staff.
pub async fn city_role(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    pass(
        req,
        next,
        |roles| !roles.is_empty(),
        "this is for city staff",
    )
    .await
}

/// Operations for administrators only.
pub async fn admin(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    pass(
        req,
        next,
        |roles| roles.contains(&Role::Admin),
        "this is for administrators",
    )
    .await
}

/// Calls the handler when `allowed`; otherwise answers the refusal (problem+json) itself, so it
/// reaches the client like any handler's.
async fn pass<B: MessageBody + 'static>(
    req: ServiceRequest,
    next: Next<B>,
    allowed: impl Fn(&[Role]) -> bool,
    refusal: &str,
) -> Result<ServiceResponse<EitherBody<B>>, actix_web::Error> {
    match admit(&req, allowed, refusal).await {
        Ok(()) => Ok(next.call(req).await?.map_into_left_body()),
        Err(e) => Ok(req.into_response(e.error_response()).map_into_right_body()),
    }
}

/// Loads the caller's roles (fresh, as every handler does) and lets them pass when `allowed`.
/// API clients pass: the handler checks their scopes (or refuses clients).
async fn admit(
    req: &ServiceRequest,
    allowed: impl Fn(&[Role]) -> bool,
    refusal: &str,
) -> Result<(), AppError> {
    let caller = match Authenticated::extract(req.request()).await?.0 {
        Caller::Client { .. } => return Ok(()),
        Caller::User {
            id,
            issued_at,
            session,
        } => UserCaller {
            id,
            issued_at,
            session,
        },
    };
    let state = req
        .app_data::<web::Data<AppState>>()
        .cloned()
        .ok_or_else(|| AppError::Internal("state missing".to_owned()))?;
    let principal = state
        .with_conn(move |conn| Principal::load(conn, caller))
        .await?;
    let roles: Vec<Role> = principal.roles.iter().map(|(r, _)| r.role).collect();
    if allowed(&roles) {
        Ok(())
    } else {
        Err(AppError::Forbidden(refusal.to_owned()))
    }
}
