//! `GET /api/v1/health` and `GET /api/v1/health/live`.

use actix_web::{HttpResponse, get, web};
use samenstad_types::{Health, Problem};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::error::AppError;
use crate::state::AppState;

/// Registers the handlers of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(get_health).service(get_liveness);
}

/// The answer of the liveness probe.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"status": "ok"}))]
pub struct Liveness {
    /// Always `ok`: the process answers HTTP requests.
    pub status: String,
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
        .with_platform_conn(|conn| {
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

/// Liveness of the process
///
/// Answers 200 as long as the process serves HTTP, without touching the database (use
/// `/health` for readiness). Meant for container liveness probes; it is never cached. It is
/// also the hello-world ceiling of `just bench`: the cost of a request through the whole
/// middleware stack and nothing else.
#[utoipa::path(
    tag = "system",
    security(()),
    responses(
        (status = 200, description = "The process answers requests", body = Liveness,
            example = json!({"status": "ok"})),
        (status = 405, description = "A method other than GET (the answer has `Allow: GET`)", body = Problem,
            content_type = "application/problem+json",
            example = json!({"type": "/problems/http-405", "title": "Method Not Allowed", "status": 405,
                "detail": "This method is not allowed on this path.", "instance": "/api/v1/health/live"})),
    )
)]
#[get("/health/live")]
pub async fn get_liveness() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(Liveness {
            status: "ok".to_owned(),
        })
}
