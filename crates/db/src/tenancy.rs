//! Municipalities as tenants, on the database side (migration `000023`): every tenant table has
//! `municipality_id` and a row-level security policy that shows and accepts only the rows of the
//! municipality in `samenstad.municipality`, for the role [`TENANT_ROLE`].

use diesel::RunQueryDsl;
use diesel::connection::SimpleConnection;
use diesel::sql_types::Text;
use diesel::{Connection, PgConnection};
use uuid::Uuid;

use crate::DbError;

/// The role a request's statements run as; the row-level security policies apply to it.
pub const TENANT_ROLE: &str = "samenstad_tenant";

/// Tables every municipality shares (all others are a municipality's and carry its id).
pub const PLATFORM_TABLES: [&str; 6] = [
    "municipality",
    "municipality_host",
    "reference_version",
    "signing_key",
    "address",
    "login_throttle",
];

/// Sets the municipality of the current transaction: new rows get it as `municipality_id`.
pub fn set_municipality(conn: &mut PgConnection, id: Uuid) -> Result<(), DbError> {
    diesel::sql_query("SELECT set_config('samenstad.municipality', $1, true)")
        .bind::<Text, _>(id.to_string())
        .execute(conn)?;
    Ok(())
}

/// Enters municipality `id` for the rest of the current transaction: sets it, and switches to
/// [`TENANT_ROLE`] so the policies apply (both end with the transaction, so this holds through
/// PgBouncer in transaction mode). One round trip.
pub fn enter(conn: &mut impl SimpleConnection, id: Uuid) -> Result<(), DbError> {
    conn.batch_execute(&enter_sql(id))?;
    Ok(())
}

fn enter_sql(id: Uuid) -> String {
    // `id` is a UUID: its text form has only hex digits and hyphens.
    format!(
        "SET LOCAL ROLE {TENANT_ROLE}; SELECT set_config('samenstad.municipality', '{id}', true)"
    )
}

/// Runs `f` in a transaction entered into municipality `id` ([`enter`]), as a request runs: it
/// sees and writes only that municipality's rows (for the command line's account commands).
pub fn as_tenant<T, E>(
    conn: &mut PgConnection,
    id: Uuid,
    f: impl FnOnce(&mut PgConnection) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<diesel::result::Error>,
{
    conn.transaction(|conn| {
        conn.batch_execute(&enter_sql(id))?;
        f(conn)
    })
}

/// The id of the municipality with this slug; without one, the first municipality (Gent).
pub fn municipality_id(conn: &mut PgConnection, slug: Option<&str>) -> Result<Uuid, DbError> {
    use crate::schema::municipality;
    use diesel::prelude::*;
    let query = municipality::table.select(municipality::id).into_boxed();
    let query = match slug {
        Some(slug) => query.filter(municipality::slug.eq(slug.to_owned())),
        None => query.order((municipality::created_at.asc(), municipality::slug.asc())),
    };
    query
        .first(conn)
        .optional()?
        .ok_or_else(|| DbError::InvalidData(format!("no municipality {}", slug.unwrap_or("yet"))))
}

/// Sets the municipality of the current transaction to that of row `id` of `table` (work that
/// is no request's — digests, announcements — writing rows for it). `table` is one of ours,
/// never input.
pub fn follow_row(conn: &mut PgConnection, table: &'static str, id: Uuid) -> Result<(), DbError> {
    diesel::sql_query(format!(
        "SELECT set_config('samenstad.municipality', municipality_id::text, true) AS name \
         FROM {table} WHERE id = $1"
    ))
    .bind::<diesel::sql_types::Uuid, _>(id)
    .execute(conn)?;
    Ok(())
}
