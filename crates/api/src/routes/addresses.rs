//! The address register: find an address as one types (the report form of a signal places its
//! point from the address chosen).

use actix_web::{get, web};
use samenstad_db::queries::addresses as q;
use samenstad_types::Problem;
use samenstad_types::address::{Address, AddressQuery};
use utoipa_actix_web::service_config::ServiceConfig;
use validator::Validate;

use crate::error::AppError;
use crate::query::Query;
use crate::state::AppState;

/// Registers the handlers of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(search_addresses);
}

/// Find an address
///
/// Addresses of the register that match every word typed: a number as a whole (house number,
/// box or postcode), another word as the start of a word of the street or municipality, accents
/// and case ignored; by street and house number. Empty when the register holds none (see
/// `samenstad import addresses`).
#[utoipa::path(
    tag = "addresses",
    security(()),
    params(AddressQuery),
    responses(
        (status = 200, description = "Matching addresses, by street and number", body = Vec<Address>),
        (status = 400, description = "`q` shorter than 3 or longer than 200 characters, or a bad `limit`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/addresses")]
pub async fn search_addresses(
    state: web::Data<AppState>,
    query: Query<AddressQuery>,
) -> Result<web::Json<Vec<Address>>, AppError> {
    let query = query.into_inner();
    query.validate()?;
    let terms = samenstad_domain::address::terms(&query.q);
    let limit = query.limit.unwrap_or(8);
    state
        .with_conn(move |conn| {
            Ok(web::Json(
                q::search(conn, &terms, limit)?
                    .into_iter()
                    .map(crate::address::view)
                    .collect(),
            ))
        })
        .await
}
