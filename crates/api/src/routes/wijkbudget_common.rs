//! Pieces the wijkbudget route modules (projects, votes, realisation, panels) share, so none of
//! them borrows from another.

use samenstad_db::PgConnection;
use samenstad_db::queries::projects::{self as pq, ProgrammeTree};
use samenstad_db::queries::proposals::{self, DecideRefusal};
use samenstad_domain::allocation::Allocation;
use samenstad_domain::subsidy::euro;
use samenstad_types::projects::Proposal;
use uuid::Uuid;

use crate::error::AppError;

/// The wijk of a list.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct WijkQuery {
    /// Wijk number or slug.
    pub wijk: String,
}

/// The round of the active programme the wijk takes part in, or 400.
pub(crate) fn active_round(conn: &mut PgConnection, wijk_id: Uuid) -> Result<Uuid, AppError> {
    pq::active_round_of_wijk(conn, wijk_id)?.ok_or_else(|| {
        AppError::field(
            "wijk",
            "no_round",
            "the wijk takes part in no active programme round",
        )
    })
}

/// A proposal, or 404.
pub(crate) fn load_proposal(conn: &mut PgConnection, id: Uuid) -> Result<Proposal, AppError> {
    proposals::proposal_by_id(conn, id)?
        .ok_or_else(|| AppError::NotFound("no such proposal".to_owned()))
}

/// A refused decision as the API answers it: 404 for no proposal, 409 for a decided one.
pub(crate) fn decide_refusal(refusal: DecideRefusal) -> AppError {
    match refusal {
        DecideRefusal::NotFound => AppError::NotFound("no such proposal".to_owned()),
        DecideRefusal::Refused(r) => AppError::Conflict(r.to_string()),
        DecideRefusal::OverAllocation { left, allocation } => AppError::Conflict(format!(
            "the selected proposals would cost more than the wijk's allocation: only {} of the allocation of {} is left",
            euro(left),
            euro(allocation)
        )),
    }
}

/// Every wijk's allocation, in the order of `tree.wijken` (see `samenstad_domain::allocation`).
pub(crate) fn allocations(tree: &ProgrammeTree) -> Result<Vec<Allocation>, AppError> {
    tree.allocations()
        .map_err(|e| AppError::Internal(format!("allocation: {e}")))
}
