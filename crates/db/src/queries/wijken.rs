//! Wijken of a municipality.

use diesel::prelude::*;

use crate::models::{MunicipalityRow, WijkRow};
use crate::schema::{municipality, wijk};

/// The municipality with this slug, if any.
pub fn municipality_by_slug(
    conn: &mut PgConnection,
    slug: &str,
) -> QueryResult<Option<MunicipalityRow>> {
    municipality::table
        .filter(municipality::slug.eq(slug))
        .select(MunicipalityRow::as_select())
        .first(conn)
        .optional()
}

/// All wijken of a municipality, ordered by `wijknr`.
pub fn list_for_municipality(
    conn: &mut PgConnection,
    municipality_id: uuid::Uuid,
) -> QueryResult<Vec<WijkRow>> {
    wijk::table
        .filter(wijk::municipality_id.eq(municipality_id))
        .order(wijk::wijknr.asc())
        .select(WijkRow::as_select())
        .load(conn)
}
