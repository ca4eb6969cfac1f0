//! Database liveness.

use diesel::prelude::*;
use diesel::sql_types::Integer;

/// Runs `SELECT 1`.
pub fn ping(conn: &mut PgConnection) -> QueryResult<()> {
    diesel::select(diesel::dsl::sql::<Integer>("1"))
        .get_result::<i32>(conn)
        .map(|_| ())
}
