//! Shared by the organisation routes (`organisations`) and their recognition (`recognition`):
//! loading an organisation or answering 404.

use samenstad_db::PgConnection;
use samenstad_db::queries::organisations::{self as q, OrganisationRow};
use uuid::Uuid;

use crate::error::AppError;

/// The organisation with its wijk number, or a 404 problem.
pub(crate) fn load_organisation(
    conn: &mut PgConnection,
    id: Uuid,
) -> Result<(OrganisationRow, Option<i16>), AppError> {
    q::organisation_by_id(conn, id)?
        .ok_or_else(|| AppError::NotFound(format!("no organisation with id `{id}`")))
}
