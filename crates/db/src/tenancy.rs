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
    // `id` is a UUID: its text form has only hex digits and hyphens.
    conn.batch_execute(&format!(
        "SET LOCAL ROLE {TENANT_ROLE}; SELECT set_config('samenstad.municipality', '{id}', true)"
    ))?;
    Ok(())
}

/// Runs `f` in a transaction as the owner, with new rows going to municipality `id` (for the
/// seed and the command line, which are not subject to the policies).
pub fn in_municipality<T>(
    conn: &mut PgConnection,
    id: Uuid,
    f: impl FnOnce(&mut PgConnection) -> Result<T, DbError>,
) -> Result<T, DbError> {
    conn.transaction(|conn| {
        set_municipality(conn, id)?;
        f(conn)
    })
}
