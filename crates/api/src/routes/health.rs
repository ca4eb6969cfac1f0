//! `GET /api/v1/health`.

use actix_web::{HttpResponse, get, web};
use samenstad_types::{Health, Problem};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::error::AppError;
use crate::state::AppState;

/// Registers the handlers of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(get_health);
}

/// Health of the service and its database
///
/// Answers 200 when the database answers a query, 503 (problem+json, `Retry-After`) when it
/// does not. Meant for load balancers and uptime checks; it is never cached.
#[utoipa::path(
    tag = "system",
    security(()),
    responses(
        (status = 200, description = "The service and its database work", body = Health),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json",
            example = json!({"type": "/problems/unavailable", "title": "Service Unavailable", "status": 503,
                "detail": "the database is unavailable; try again shortly"})),
    )
)]
#[get("/health")]
pub async fn get_health(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    state
        .with_conn(|conn| {
            samenstad_db::queries::health::ping(conn).map_err(|_| AppError::Unavailable)
        })
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(Health {
            status: "ok".to_owned(),
            database: "ok".to_owned(),
            version: env!("CARGO_PKG_VERSION").to_owned(),
        }))
}
